"""mdread: a terminal reader for Markdown articles full of code."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mdread")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
