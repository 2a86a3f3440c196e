"""Frontmatter: split it from the body and normalise the fields people use.

Blogs disagree on names (``date``/``publishDate``/``pubDate``), on shapes (tags as
a list or as ``"a, b"``) and on date formats. Everything downstream — the header,
the library, ``--json`` — reads the one normalised :class:`Metadata`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml
    from frontmatter.default_handlers import YAMLHandler

from mdread.model import Metadata

DATE_KEYS = ("date", "publishDate", "pubDate", "published", "created")
TITLE_KEYS = ("title", "name")
"""Where a title is written, in order: tutorials and reference pages often say ``name: Python``."""
KNOWN_KEYS = {"title", "description", "tags", "categories", "author", "draft", *DATE_KEYS}
DATED_NAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-")
"""Jekyll's dated file name, ``YYYY-MM-DD-slug.md``: the post's date when the frontmatter gives none."""
MAX_FRONTMATTER = 256 * 1024
MAX_YAML_VALUES = 100_000
"""Values YAML frontmatter may stand for once its aliases are expanded (a "billion laughs" stands for 10⁹)."""


TOML_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
"""The line that opens and closes TOML frontmatter."""
YAML_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
"""The line that opens and closes YAML frontmatter, as python-frontmatter reads it."""


@functools.cache
def _yaml_handler() -> YAMLHandler:
    """python-frontmatter's YAML handler; it and PyYAML (30-60 ms to import) are loaded for YAML frontmatter only."""
    from frontmatter.default_handlers import YAMLHandler

    return YAMLHandler()


def _yaml_values(raw: str) -> int:
    """How many values the YAML ``raw`` stands for with every alias expanded, counting stopped past the limit.

    PyYAML shares an aliased value instead of copying it, so loading an alias
    bomb is quick; it is everything that walks the result afterwards (a title's
    ``str()``, ``--json``) that would expand it. A recursive alias counts as
    too many, since walking it never ends.
    """
    counted: dict[int, int] = {}
    walking: set[int] = set()
    over = MAX_YAML_VALUES + 1

    def count(node: yaml.Node) -> int:
        key = id(node)
        if key in counted:
            return counted[key]
        if key in walking:
            return over
        total = 1
        if isinstance(node.value, list):
            walking.add(key)
            for item in node.value:
                for part in item if isinstance(item, tuple) else (item,):
                    total = min(over, total + count(part))
                if total >= over:
                    break
            walking.discard(key)
        counted[key] = total
        return total

    import yaml
    from frontmatter.default_handlers import SafeLoader

    root = yaml.compose(raw, Loader=SafeLoader)
    return count(root) if root is not None else 0


@dataclass(frozen=True)
class Split:
    """The result of splitting a file: raw fields, the body, and where the body starts."""

    fields: dict[str, Any]
    body: str
    body_line: int
    warnings: tuple[str, ...]


def split(text: str) -> Split:
    """Separate frontmatter from the body, tolerating every way it can be broken.

    A file whose frontmatter does not parse keeps its body and gets a warning,
    because a reader that shows nothing over a typo in a date is worse than one
    that shows the article. Fences around something that parses but is not a
    mapping (``---``, ``Foo``, ``---``: a rule and a setext heading in CommonMark)
    hold no frontmatter, and the whole text is the body, as markdown-it reads
    it. Empty fences are empty frontmatter, as Jekyll and Hugo take them.
    """
    toml = TOML_BOUNDARY.match(text) is not None
    if not toml and YAML_BOUNDARY.match(text) is None:
        return Split({}, text, 0, ())
    parts = (TOML_BOUNDARY if toml else YAML_BOUNDARY).split(text, 2)
    if len(parts) < 3:
        return Split({}, text, 0, ("frontmatter never closes; shown as text",))
    raw, body = parts[1], parts[2]
    body_line = text[: len(text) - len(body)].count("\n")
    if len(raw) > MAX_FRONTMATTER:
        return Split({}, body, body_line, ("frontmatter too large; ignored",))
    try:
        if toml:
            import tomllib

            fields = tomllib.loads(raw)
        elif _yaml_values(raw) > MAX_YAML_VALUES:
            return Split({}, body, body_line, ("frontmatter expands to too many values through YAML aliases; ignored",))
        else:
            fields = _yaml_handler().load(raw)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Split({}, body, body_line, (f"broken frontmatter ({first}); body shown without it",))
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        return Split({}, text, 0, ())
    return Split(fields, body, body_line, ())


_MONTH_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y")
_OTHER_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y年%m月%d日")


def parse_date(value: Any) -> dt.date | dt.datetime | None:
    """Read a date from any of the forms blogs use; None when it is not a date.

    A value with a time keeps it (and its zone); a bare date stays a date, so the
    listing does not invent midnights.
    """
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    iso = s.replace("Z", "+00:00") if s.endswith("Z") else s
    try:
        return dt.date.fromisoformat(iso) if len(iso) == 10 else dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    for fmt in (*_MONTH_FORMATS, *_OTHER_FORMATS):
        try:
            parsed = dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
        return parsed if "%H" in fmt else parsed.date()
    return None


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        word = str(item).strip()
        if word and word not in out:
            out.append(word)
    return tuple(out)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "on"}
    return bool(value)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """A date as ISO 8601 text, as ``--json`` and the index keep it."""
    return value.isoformat() if value is not None else None


def _title(fields: dict[str, Any]) -> tuple[str | None, str | None]:
    """The frontmatter's title and the key it was found under."""
    for key in TITLE_KEYS:
        title = _text(fields.get(key))
        if title:
            return title, key
    return None, None


def has_title(split_result: Split) -> bool:
    """True when the frontmatter names a title, so no heading of the body can change it."""
    return _title(split_result.fields)[0] is not None


def _name_date(name: str) -> tuple[dt.date | None, str]:
    """The date a ``YYYY-MM-DD-slug`` file name gives (None if none, or not a real day), and the slug."""
    match = DATED_NAME.match(name)
    if match is None:
        return None, name
    try:
        return dt.date(*(int(part) for part in match.groups())), name[match.end():] or name
    except ValueError:
        return None, name


def _file_stem(path: str) -> str:
    """The file's stem, to title a post by: bytes that are not UTF-8 (surrogates from the OS) shown as ``\\xff``."""
    return os.fsencode(PurePath(path).stem).decode("utf-8", "backslashreplace")


def normalise(split_result: Split, *, first_h1: str | None, path: str | None) -> Metadata:
    """Build :class:`Metadata`, falling back to the first H1, then the file name, for a title.

    As Jekyll does, a file named ``2024-03-09-slug.md`` is dated 2024-03-09 when
    the frontmatter gives no date, and its slug (not the date) names it when
    nothing else does. This runs for the reader, ``--json`` and the library
    alike, so the three agree.
    """
    fields = split_result.fields
    warnings = list(split_result.warnings)
    date = None
    for key in DATE_KEYS:
        if fields.get(key) not in (None, ""):
            date = parse_date(fields[key])
            if date is None:
                warnings.append(f"unreadable {key}: {fields[key]!r}")
            break
    stem = _file_stem(path) if path else None
    named_date, slug = _name_date(stem) if stem else (None, None)
    if date is None:
        date = named_date
    title, title_key = _title(fields)
    title = title or first_h1 or slug or "(untitled)"
    return Metadata(
        title=title,
        description=_text(fields.get("description")),
        date=date,
        tags=_words(fields.get("tags")),
        categories=_words(fields.get("categories")),
        author=_text(fields.get("author")),
        draft=_truthy(fields.get("draft", False)),
        extra={k: v for k, v in fields.items() if k not in KNOWN_KEYS and k != title_key},
        warnings=tuple(warnings),
    )
