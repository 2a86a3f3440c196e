"""Turn the bytes of a file into text, guessing the encoding when needed.

Almost every Markdown file is UTF-8, so that path must cost no more than a
strict decode: the charset detector is imported only when UTF-8 fails, and
it sees a bounded sample, so a 100 MB legacy-encoded file is detected in
the same time as a small one and then decoded once in full.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

SAMPLE_BYTES = 128 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GB18030 is a strict superset of GBK and GB2312: decoding with it never
# loses a character that a narrower guess would have read.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030"}
_DISPLAY = {"euc_kr": "euc-kr", "euc_jp": "euc-jp"}


class UnknownEncoding(ValueError):
    """Raised when a forced encoding name is not one Python knows.

    ``str()`` of the error is the name alone, so callers can word the
    message themselves.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class NotText(ValueError):
    """Raised for data that is not text in any encoding we can read."""

    def __init__(self) -> None:
        super().__init__("not a text file")


def check_encoding(name: str) -> None:
    """Refuse an encoding name Python does not know, before any file is read.

    Raises:
        UsageError: ``name`` is not an encoding.
    """
    try:
        decode(b"", name)
    except (UnknownEncoding, LookupError):
        from mdread.errors import UsageError
        from mdread.sanitize import clean

        raise UsageError(f"unknown encoding: {clean(name)}") from None


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read with.

    Attributes:
        text: The text, without any byte order mark.
        encoding: Python's canonical codec name ("utf-8", "utf-8-sig",
            "utf-16", "gb18030", "big5", "shift_jis", "euc-kr", "cp1252"...),
            usable as-is with `bytes.decode`.
    """

    text: str
    encoding: str


def _canonical(name: str) -> str:
    codec = codecs.lookup(name).name
    codec = _SUPERSETS.get(codec, codec)
    return _DISPLAY.get(codec, codec)


def _sample(data: bytes) -> bytes:
    """Cut a detection sample at a line end so no character is split.

    0x0A never occurs inside a multibyte character in the legacy CJK or
    Windows encodings, so a newline is always a character boundary.
    """
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    names = list(dict.fromkeys(_canonical(m.encoding) for m in from_bytes(_sample(data))))
    for name in names:
        try:
            return Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            continue
    if names:
        return Decoded(data.decode(names[0], errors="replace"), names[0])
    raise NotText


def decode(data: bytes, forced: str | None = None) -> Decoded:
    """Decode file contents to text.

    Tries, in order: the forced encoding; a byte order mark; strict UTF-8;
    then charset detection for legacy encodings.

    Args:
        data: The raw file contents.
        forced: An encoding name chosen by the user; bytes it cannot decode
            become U+FFFD rather than an error, since the user asked for it.

    Returns:
        The decoded text and the canonical name of its encoding.

    Raises:
        UnknownEncoding: `forced` names no known codec.
        NotText: The data is binary (NUL bytes outside a UTF-16/32 file
            with a byte order mark) or no encoding reads it.
    """
    if forced is not None:
        try:
            name = _canonical(forced)
        except LookupError:
            raise UnknownEncoding(forced) from None
        return Decoded(data.decode(name, errors="replace"), name)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise NotText
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _detect(data)
