"""A fast path for plain TOML frontmatter (Hugo's ``+++``): ``key = value`` lines only.

``tomllib`` is written in Python and costs more than the rest of a post's scan
together. Frontmatter made of bare keys with strings, booleans, integers, dates
and one-line arrays of those is read here, giving what ``tomllib`` gives;
anything else (tables, dotted or quoted keys, escapes, comments after values,
fractions of seconds) returns None and goes to :func:`mdread.load.frontmatter.split`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mdread.load import frontmatter as meta

_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INTEGER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                       r"(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?)?")
_ITEM = re.compile(r"""[ \t]*("[^"\\]*"|'[^']*'|[^,\s"'\[\]{}]+)[ \t]*(?:,|$)""")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class _Unsupported(Exception):
    """Raised inside the fast path for anything tomllib should read instead."""


def _zone(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    return dt.timezone(dt.timedelta(hours=sign * int(text[1:3]), minutes=sign * int(text[4:6])))


def _value(text: str) -> Any:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'" and text[0] not in text[1:-1]:
        if text[0] == '"' and "\\" in text:
            raise _Unsupported
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if _INTEGER.fullmatch(text):
        return int(text)
    when = _DATETIME.fullmatch(text)
    if when is None:
        raise _Unsupported
    year, month, day, hour, minute, second, zone = when.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month), int(day))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                           tzinfo=_zone(zone))
    except ValueError:
        raise _Unsupported from None


def _array(text: str) -> list[Any]:
    inner = text[1:-1]
    items: list[Any] = []
    pos = 0
    while inner[pos:].strip(" \t"):
        match = _ITEM.match(inner, pos)
        if match is None:
            raise _Unsupported
        items.append(_value(match.group(1)))
        pos = match.end()
    return items


def _fields(raw: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for line in raw.split("\n"):
        line = line.removesuffix("\r").strip(" \t")
        if not line or line.startswith("#"):
            continue
        if _CONTROL.search(line):
            raise _Unsupported
        key, equals, value = line.partition("=")
        key, value = key.strip(" \t"), value.strip(" \t")
        if not equals or not _KEY.fullmatch(key) or key in fields or "#" in value:
            raise _Unsupported
        fields[key] = _array(value) if value.startswith("[") and value.endswith("]") else _value(value)
    return fields


def split(text: str) -> meta.Split | None:
    """:func:`mdread.load.frontmatter.split` for plain TOML frontmatter, or None to let it do the work."""
    if not text.startswith("+++") or not meta.TOML_BOUNDARY.match(text):
        return None
    parts = meta.TOML_BOUNDARY.split(text, 2)
    if len(parts) != 3:
        return None
    _, raw, body = parts
    if len(raw) > meta.MAX_FRONTMATTER:
        return None
    try:
        fields = _fields(raw)
    except _Unsupported:
        return None
    return meta.Split(fields, body, text[: len(text) - len(body)].count("\n"), ()) if fields else None
