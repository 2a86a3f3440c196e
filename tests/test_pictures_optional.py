"""Pictures without the images extra: Pillow and resvg are optional, and a picture is then its alt text and a hint."""

from __future__ import annotations

import importlib.util
import struct
import sys
import zlib
from pathlib import Path

import pytest

from clikit import run
from mdread.load.images import NO_DECODER


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(path: Path, width: int, height: int) -> Path:
    """A red ``width`` × ``height`` PNG, written without Pillow."""
    rows = b"".join(b"\0" + b"\xff\0\0" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(rows))
                     + _chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("missing", ["PIL", "resvg_py"])
def test_without_the_decoders_a_picture_is_its_alt_text_and_how_to_install_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    png_drawn = missing != "PIL" and importlib.util.find_spec("PIL") is not None
    monkeypatch.setitem(sys.modules, missing, None)
    _png(tmp_path / "red-blue.png", 64, 32)
    (tmp_path / "d.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"></svg>')
    post = tmp_path / "post.md"
    post.write_text("# Colours\n\n![Red over blue](red-blue.png)\n\n![A drawing](d.svg)\n")
    res = run("--width", "100", "--images", "blocks", "--color", "always", str(post), env={"COLORTERM": "truecolor"})
    assert res.returncode == 0 and "Traceback" not in res.stderr
    lines = [line for line in res.stdout.splitlines() if "▣" in line]
    assert len(lines) == (1 if png_drawn else 2)
    assert all(NO_DECODER in line for line in lines)
    assert ("Red over blue" in lines[0]) != png_drawn and "A drawing" in lines[-1]
    assert ("▀" in res.stdout) == png_drawn
