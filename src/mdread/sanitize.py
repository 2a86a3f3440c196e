"""The one place where document text is made safe to put on a terminal.

A document is untrusted: an ``ESC ]52;`` in a code sample would write the
reader's clipboard and ``ESC ]0;`` would retitle the window. Every string from a
document passes through :func:`clean` before it is measured or drawn, so the
only escapes mdread ever writes are its own colours and links. Lone surrogates
(from a non-UTF-8 file name, or a forced codec such as ``unicode_escape``) are
replaced too, because writing one to a UTF-8 stream raises.
"""

from __future__ import annotations

import os
import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")


def _picture(ch: str) -> str:
    code = ord(ch)
    if code == 0x1B:
        return "␛"
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


class _Pictures(dict[int, str]):
    """A ``str.translate`` table from each code point to its picture, or to itself, filled as they are met.

    Built whole it held 2,100 entries (the surrogates) and took a millisecond
    and a half of every start. A character that stays is entered as itself,
    not left to a miss: ``translate`` asks the table again for every
    character, and a miss costs a call here, which made a 5 MB Chinese text
    with one control character six times slower to clean.
    """

    def __init__(self, *, tabs: bool) -> None:
        super().__init__()
        self.tabs = tabs

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kept = code == 0x0A or (code == 0x09 and not self.tabs) or not _UNSAFE.match(char)
        value = self[code] = char if kept else _picture(char)
        return value


_TABLE = _Pictures(tabs=True)


def clean(text: str, *, tab_size: int | None = None) -> str:
    """Replace control characters with visible placeholders (``␛``, ``␇``, ``<U+202E>``).

    Args:
        text: Document text.
        tab_size: Expand tabs to this width first; None turns a tab into one space,
            which is what prose wants.

    Returns:
        Text that holds no control character (but newline), bidi control or lone surrogate.
    """
    if "\t" in text:
        text = text.expandtabs(tab_size) if tab_size else text.replace("\t", " ")
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


_CONTROLS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")
_KEEP_TABS = _Pictures(tabs=False)


def controls(text: str) -> dict[str, int]:
    """The characters of ``text`` that act on a terminal (tab and newline apart), as pictures with counts."""
    found: dict[str, int] = {}
    for match in _CONTROLS.finditer(text):
        picture = _TABLE[ord(match.group())]
        found[picture] = found.get(picture, 0) + 1
    return found


def visible(text: str) -> str:
    """``text`` with what acts on a terminal shown as pictures, tabs and newlines kept: code safe to paste."""
    return text.translate(_KEEP_TABS) if _CONTROLS.search(text) else text


def one_line(text: str) -> str:
    """:func:`clean`, with newlines shown as ``␊`` too: a message on stderr must be one line, whatever it quotes."""
    return clean(text).replace("\n", "␊")


def display_name(name: str | os.PathLike[str]) -> str:
    """A file name as it can be shown in one line of a message.

    Bytes that are not UTF-8 (which the OS hands over as lone surrogates) show
    as ``\\xff``, as ``ls -b`` does, and every control character as its
    picture, the newline too (``␊``): a name holding a newline could otherwise
    forge a line of stderr.
    """
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:
        raw = os.fspath(name).encode("utf-8", "surrogatepass")
    return one_line(raw.decode("utf-8", "backslashreplace"))


_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")


def json_text(data: object) -> str:
    """``data`` as indented JSON with every character unsafe on a terminal ``\\u`` escaped.

    ``json.dumps`` escapes C0 controls but leaves DEL, the C1 controls and the
    bidi controls as they are, so ``mdread --json`` piped to a terminal could
    still act on it; those are escaped here. So are lone surrogates, which is
    how a file name that is not UTF-8 arrives: ``"\\udcff"`` reads back (with
    ``json.loads`` and ``os.fsencode``) as the byte it stood for. Non-ASCII text
    is kept readable.
    """
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
