"""Rich styles for prose, in one table so a theme is one edit away."""

from __future__ import annotations

from rich.style import Style

STYLES: dict[str, Style] = {
    "h1": Style(bold=True, color="#ffffff", bgcolor="#5f3fbf"),
    "h2": Style(bold=True, color="#d7afff"),
    "h3": Style(bold=True, color="#87d7ff"),
    "h4": Style(bold=True, color="#87d7af"),
    "h5": Style(bold=True, italic=True, color="#afafaf"),
    "h6": Style(italic=True, color="#afafaf"),
    "number": Style(dim=True),
    "rule": Style(color="#5f5f87"),
    "em": Style(italic=True),
    "strong": Style(bold=True),
    "strike": Style(strike=True, dim=True),
    "code": Style(color="#ff875f", bgcolor="#303030"),
    "link": Style(color="#5fafff", underline=True),
    "url": Style(color="#5f87af", dim=True),
    "image": Style(color="#afaf5f"),
    "html": Style(dim=True),
    "footref": Style(color="#5fafff", dim=True),
    "bullet": Style(color="#d7afff"),
    "task_done": Style(color="#5fd75f"),
    "task_open": Style(color="#d7af5f"),
    "quote": Style(color="#8787af"),
    "table_header": Style(bold=True, color="#d7afff"),
    "table_border": Style(color="#5f5f87"),
    "title": Style(bold=True, color="#ffffff"),
    "meta": Style(color="#afafaf"),
    "tag": Style(color="#87d7ff"),
    "description": Style(italic=True, color="#bcbcbc"),
    "notice": Style(color="#d7af5f", italic=True),
    "pane": Style(color="#5f5f87"),
    "pane_focus": Style(color="#ffd75f", bold=True),
    "pane_title": Style(color="#d7afff", bold=True),
    "pane_note": Style(color="#d7af5f"),
    "gutter": Style(color="#5f5f5f"),
    "wrap_mark": Style(color="#5f5f87"),
    "uncertain": Style(underline=True, color="#ffaf00"),
}
