"""Damage UTF-8 text the way a Windows code page round trip does.

Reproduces the mojibake that `mdread.load.repair.repair` undoes: the UTF-8
bytes are read as Windows-1254 (or 1252), the bytes that code page leaves
undefined are dropped along with the invisible soft hyphen, and the result
is written back as UTF-8. Tests import `damage` to make realistic damaged
input from known originals.

Usage: python tools/damage.py IN OUT [--codepage cp1254]
"""

from __future__ import annotations

import argparse
from pathlib import Path

SOFT_HYPHEN = "\xad"


def damage(text: str, codepage: str = "cp1254") -> str:
    """Return `text` as it reads after the lossy round trip.

    Args:
        text: The original text.
        codepage: "cp1254" or "cp1252".
    """
    misread = text.encode("utf-8").decode(codepage, errors="ignore")
    return misread.replace(SOFT_HYPHEN, "")


def main(argv: list[str] | None = None) -> None:
    """Damage the file IN and write the result to OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--codepage", choices=("cp1254", "cp1252"), default="cp1254")
    args = parser.parse_args(argv)
    text = args.input.read_text(encoding="utf-8")
    args.output.write_text(damage(text, args.codepage), encoding="utf-8")


if __name__ == "__main__":
    main()
