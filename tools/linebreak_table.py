"""Write ``src/mdread/render/linebreak_classes.bin``, the table :mod:`mdread.render.uax14` breaks lines with.

The file holds a line naming the classes (``uax14.CLASS_NAMES``), the pair table
(``uax14.pair_table()``: whether a break between two classes is allowed directly,
only across spaces, or never), then every code point's class as runs: where each
run starts (little-endian uint32) and its class (one byte). LB1's resolution is
applied here: AI, SG and XX become AL; SA becomes CM for combining marks and AL
otherwise (no dictionary breaking for Thai or Lao); CJ becomes NS, the strict rule
that clreq and jlreq ask for.

The classes come from the Unicode Character Database through ``uniseg`` (MIT),
which mdread does not depend on. Run it again whenever the rules in uax14.py change:
``pip install uniseg==0.10.1 && python tools/linebreak_table.py`` in mdread's venv.
"""

from __future__ import annotations

import array
import sys
import unicodedata
from pathlib import Path

from mdread.render.uax14 import CLASS_NAMES, TABLE, pair_table

OUT = Path(__file__).resolve().parent.parent / "src" / "mdread" / "render" / TABLE


def resolved(char: str) -> str:
    from uniseg.linebreak import line_break

    cls = line_break(char)
    if cls in ("AI", "SG", "XX"):
        return "AL"
    if cls == "SA":
        return "CM" if unicodedata.category(char) in ("Mn", "Mc") else "AL"
    if cls == "CJ":
        return "NS"
    return cls


def main() -> None:
    starts = array.array("I")
    kinds = bytearray()
    previous = None
    for code in range(0x110000):
        cls = CLASS_NAMES.index(resolved(chr(code)))
        if cls != previous:
            starts.append(code)
            kinds.append(cls)
            previous = cls
    if sys.byteorder != "little":
        starts.byteswap()
    header = (" ".join(CLASS_NAMES) + "\n").encode("ascii")
    OUT.write_bytes(header + pair_table() + len(starts).to_bytes(4, "little") + starts.tobytes() + bytes(kinds))
    print(f"{OUT}: {len(starts)} runs, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
