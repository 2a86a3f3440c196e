"""mdread: a terminal reader for Markdown articles full of code."""

__version__ = "0.1.0"
"""The one place the version is written: ``pyproject.toml`` reads it from here (setuptools' ``attr``,
without importing the package), so ``mdread --version`` needs no importlib.metadata (20-50 ms)."""
