"""mdread: a terminal reader for Markdown articles full of code."""


def __getattr__(name: str) -> str:
    """``mdread.__version__``, read from the package metadata when asked for.

    importlib.metadata costs ~50 ms to import, which every run would pay if the
    version were read at import time.
    """
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mdread")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
