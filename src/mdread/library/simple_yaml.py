"""A fast path for the frontmatter nearly every post has: ``key: value`` lines and lists.

PyYAML spends most of a library scan building Python objects for a dozen
scalars per post. Frontmatter that keeps to a plain subset (top-level keys;
plain, quoted or date scalars; flow ``[a, b]`` and block ``- a`` lists) is read
here instead, resolving every plain scalar with PyYAML's own implicit
resolvers, so the result is the one PyYAML would give. Anything outside the
subset (anchors and aliases included, so alias bombs meet the guard there)
returns None and goes to :func:`mdread.load.frontmatter.split` whole: this is an
optimisation, never a second opinion.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from frontmatter.default_handlers import SafeLoader, YAMLHandler
from yaml.reader import Reader

from mdread.load import frontmatter as meta

_RESOLVERS = SafeLoader.yaml_implicit_resolvers
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ITEM = re.compile(r"( *)- +(.+)")
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'([^']*)'|([^,"'\[\]{}]+?)) *(?:,|$)""")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ANY_FIRST = tuple(_RESOLVERS.get(None, ()))
_BY_FIRST = {first: (*resolvers, *_ANY_FIRST) for first, resolvers in _RESOLVERS.items() if first}


class _Unsupported(Exception):
    """Raised inside the fast path for anything PyYAML should read instead."""


def _plain(text: str) -> Any:
    """A plain scalar as PyYAML resolves it; only the common results are built here."""
    if not text or text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        raise _Unsupported
    for tag, pattern in _BY_FIRST.get(text[0], _ANY_FIRST):
        if pattern.match(text):
            if tag == _BOOL:
                return _BOOLS[text.lower()]
            if tag == _INT and _DECIMAL.fullmatch(text):
                return int(text)
            date = _DATE.fullmatch(text) if tag == _TIMESTAMP else None
            if date is None:
                raise _Unsupported
            try:
                return dt.date(int(date[1]), int(date[2]), int(date[3]))
            except ValueError:
                raise _Unsupported from None
    return text


@functools.cache
def _string_key(key: str) -> bool:
    """Whether ``key`` is a simple key PyYAML reads as a string (not ``yes``, ``2020``); keys repeat, so cached."""
    if _KEY.fullmatch(key) is None:
        return False
    try:
        return isinstance(_plain(key), str)
    except _Unsupported:
        return False


def _scalar(text: str) -> Any:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        inner = text[1:-1]
        if text[0] in inner or "\\" in inner:
            raise _Unsupported
        return inner
    return _plain(text)


def _flow(text: str) -> list[Any]:
    inner = text[1:-1].strip()
    items: list[Any] = []
    pos = 0
    while pos < len(inner):
        match = _FLOW_ITEM.match(inner, pos)
        if match is None or match.end() == pos:
            raise _Unsupported
        double, single, plain = match.groups()
        items.append(double if double is not None else single if single is not None else _plain(plain))
        pos = match.end()
    return items


def _fields(raw: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    blocks: list[tuple[str, list[Any]]] = []
    block: list[Any] | None = None
    indent = ""
    for line in raw.splitlines():
        line = line.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        item = _ITEM.fullmatch(line) if block is not None and line.lstrip(" ").startswith("-") else None
        if item is not None and (not block or item.group(1) == indent):
            indent = item.group(1)
            block.append(_scalar(item.group(2)))  # type: ignore[union-attr]
            continue
        key, colon, rest = line.partition(":")
        if not colon or (rest and rest[0] != " ") or not _string_key(key):
            raise _Unsupported
        value = rest.lstrip(" ")
        block = None
        if not value:
            block = fields[key] = []
            blocks.append((key, block))
        elif value.startswith("[") and value.endswith("]"):
            fields[key] = _flow(value)
        else:
            fields[key] = _scalar(value)
    for key, items in blocks:
        if not items and fields[key] is items:
            fields[key] = None
    return fields


def split(text: str) -> meta.Split | None:
    """:func:`mdread.load.frontmatter.split` for simple YAML frontmatter, or None to let it do the work."""
    if not text.startswith("---") or not YAMLHandler.FM_BOUNDARY.match(text):
        return None
    parts = YAMLHandler.FM_BOUNDARY.split(text, 2)
    if len(parts) != 3:
        return None
    _, raw, body = parts
    if len(raw) > meta.MAX_FRONTMATTER or "\t" in raw or Reader.NON_PRINTABLE.search(raw):
        return None
    try:
        fields = _fields(raw)
    except _Unsupported:
        return None
    if not fields:
        return None
    return meta.Split(fields, body, text[: len(text) - len(body)].count("\n"), ())
