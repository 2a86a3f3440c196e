"""Following a link from the reader: :func:`mdread.links.classify`'s answer acted on, asking first where it must.

A web address opens in the browser only after :class:`ConfirmOpen` and a
``y``; an article outside the folder the reader started in (the article's,
or the library's roots) opens only after :class:`ConfirmPath`. The status line
shows a link's host even when the address is too long for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from mdread.faces.tui.confirm import ConfirmOpen, ConfirmPath
from mdread.faces.tui.messages import OpenPost
from mdread.links import Target, classify, readable, web_address
from mdread.load.source import Source
from mdread.sanitize import clean

ELLIPSIS = "…"


def link_status(href: str, width: int, label: str = "link") -> str:
    """``LABEL: TARGET`` in ``width`` cells: whole when it fits, else a web address's scheme and host first.

    A host longer than the line keeps its end, where the domain that owns it
    is (``…aaaa.bbbb.evil.example``).
    """
    head_label = f"{label}: "
    shown = readable(href)
    room = max(8, width - len(head_label))
    if len(shown) <= room:
        return head_label + shown
    if "://" not in href:
        return head_label + shown[: room - 1] + ELLIPSIS
    address = web_address(href)
    head = f"{clean(address.scheme)}://"
    host = clean(address.host)
    if len(head) + len(host) + 2 > room:
        return head_label + head + ELLIPSIS + host[-(room - len(head) - 1):]
    rest = readable(address.rest)
    return head_label + head + host + rest[: room - len(head) - len(host) - 1] + ELLIPSIS


def follow(screen: Screen[None], source: Source, href: str,
           fallback: Callable[[str], Target | None] | None = None) -> None:
    """Follow ``href`` from ``source``, shown on ``screen``: in the reader, through the browser, or not at all.

    ``fallback`` may find where a link refused as written leads after all (a blog permalink).
    """
    base = source.path.parent if source.path else None
    settings = getattr(screen.app, "settings", None)
    roots: tuple[Path, ...] = settings.roots if settings is not None else ()
    target = classify(href, base, roots)
    if target.kind == "refused" and fallback is not None:
        target = fallback(href) or target
    app = screen.app
    if target.kind == "anchor" and target.anchor is not None:
        app.visit(source, target.anchor)  # type: ignore[attr-defined]
    elif target.kind == "article" and target.path is not None:
        message = OpenPost(target.path, target.anchor)
        if not target.outside:
            app.post_message(message)
            return

        def leave(yes: bool | None) -> None:
            if yes:
                app.post_message(message)

        app.push_screen(ConfirmPath(str(target.path)), leave)
    elif target.kind == "web" and target.url is not None:
        url = target.url

        def answered(yes: bool | None) -> None:
            if yes:
                app.open_url(url)

        app.push_screen(ConfirmOpen(url), answered)
    else:
        screen.notify(f"Not followed: {clean(target.reason or href)}", severity="error")
