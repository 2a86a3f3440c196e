"""The library screen: every post of a folder in a list, narrowed by tag, category or typing.

All index work (scans, the full-text pass, searches) runs in thread workers,
so a library of tens of thousands of posts never freezes the screen; a
progress bar appears when a scan takes more than half a second. The screen
only posts :class:`~mdread.faces.tui.messages.OpenPost`; the app opens the reader.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from mdread.faces.tui.columns import natural, preview
from mdread.faces.tui.help import HelpScreen, binding_rows
from mdread.faces.tui.keybar import KeyBar
from mdread.faces.tui.messages import OpenPost
from mdread.faces.tui.postlist import PostList
from mdread.faces.tui.taglist import Pick, TagList
from mdread.library.index import PROGRESS_DELAY, Library
from mdread.library.post import Post
from mdread.library.query import Query, fts_query, select
from mdread.load.source import EXTENSIONS
from mdread.platform.watch import changes
from mdread.sanitize import clean, display_name

WIDE = 100
"""From this many columns the tag sidebar stays open beside the list; narrower, ``t`` opens it."""


class LibraryScreen(Screen[None]):
    """Posts newest first (undated last), a sidebar of tags and categories, and a filter over the full text.

    Args:
        library: The posts to show; scanned when the screen mounts and on ``R``.
        query: Filters from the command line that always apply; its search and
            sort are where the screen starts.
    """

    DEFAULT_CSS = """
    LibraryScreen #tags { width: 26; height: 1fr; border-right: vkey $panel-lighten-2; }
    LibraryScreen.-narrow #tags { display: none; }
    LibraryScreen.-narrow.-tags-open #tags { display: block; }
    LibraryScreen #filter { height: 1; border: none; padding: 0 1; }
    LibraryScreen #filter:focus { background: $boost; }
    LibraryScreen #posts { height: 1fr; }
    LibraryScreen #preview { height: 3; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    LibraryScreen #progress { display: none; height: 1; }
    LibraryScreen #progress.busy { display: block; }
    LibraryScreen #status { height: 1; color: $text-muted; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [
        Binding("j,down", "move(1)", "Next post", show=False, id="down"),
        Binding("k,up", "move(-1)", "Previous post", show=False, id="up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "edge(0)", "First post", show=False, id="top"),
        Binding("G,end", "edge(1)", "Last post", show=False, id="end"),
        # Shown ones in the order the key bar drops them from the right as the terminal narrows.
        Binding("enter", "open", "Open", id="open"),
        Binding("slash", "filter", "Filter", id="search"),
        Binding("t", "tags", "Tags and categories", tooltip="Tags", id="tags"),
        Binding("s", "toggle_sort", "Sort by date / title", tooltip="Sort", id="sort"),
        Binding("escape", "clear_filter", "Clear the filter", show=False, id="clear"),
        Binding("R", "rescan", "Rescan", id="rescan"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, library: Library, query: Query | None = None) -> None:
        super().__init__()
        self.library = library
        self.base = query or Query()
        self.sort = self.base.sort
        self.pick: Pick = None
        self.matches: set[str] | None = None
        self.posts: list[Post] = []
        self.shown: list[Post] = []
        self._wants: dict[str, int] = {}
        self.busy = ""
        self._busy_since = 0.0
        self._stop_watching = asyncio.Event()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield TagList(id="tags")
            with Vertical():
                yield Input(self.base.search or "", placeholder="/ filter: words in titles, tags, descriptions, text",
                            id="filter")
                yield PostList(id="posts")
                yield Static(id="preview")
                yield ProgressBar(id="progress", show_eta=False)
                yield Static(id="status")
        yield KeyBar()

    @property
    def post_list(self) -> PostList:
        return self.query_one(PostList)

    def on_mount(self) -> None:
        self.post_list.focus()
        self.action_rescan()
        for root in self.library.roots:
            if os.path.isdir(root):
                self._watch(Path(root))
        if self.base.search:
            self._search(self.base.search)

    def on_resize(self) -> None:
        self.set_class(self.size.width < WIDE, "-narrow")
        self._show_current()

    @work(group="watch")
    async def _watch(self, root: Path) -> None:
        """Rescan (incrementally) when Markdown files under ``root`` are added, changed or removed."""
        here = root.resolve()
        try:
            async for changed in changes(root, self._stop_watching, recursive=True):
                if any(p.suffix.lower() in EXTENSIONS or p == here for p in changed):
                    self.action_rescan()
        except (OSError, RuntimeError) as exc:
            self.notify(f"Not watching {display_name(root)} for changes: {exc}", severity="warning")

    def on_unmount(self) -> None:
        self._stop_watching.set()

    def action_rescan(self) -> None:
        self._set_busy("scanning")
        self._scan()

    @work(thread=True, exclusive=True, group="scan")
    def _scan(self) -> None:
        progress = self._reporter()
        self.library.scan(progress)
        self.app.call_from_thread(self._loaded, self.library.posts())
        self.app.call_from_thread(self._set_busy, "indexing full text")
        if self.library.index_full_text(progress):
            self.app.call_from_thread(self._loaded, self.library.posts())
        self.app.call_from_thread(self._set_busy, "")

    def _reporter(self) -> Callable[[int, int], None]:
        """A progress callback for the worker thread that hands each report to the screen."""

        def report(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        return report

    def _set_busy(self, what: str) -> None:
        self.busy = what
        self._busy_since = time.monotonic()
        if not what:
            self.query_one("#progress").remove_class("busy")
        self._update_status()

    def _progress(self, done: int, total: int) -> None:
        if self.busy and time.monotonic() - self._busy_since > PROGRESS_DELAY:
            bar = self.query_one(ProgressBar)
            bar.add_class("busy")
            bar.update(total=total, progress=done)

    def _loaded(self, posts: list[Post]) -> None:
        self.posts = posts
        self._wants = natural(posts)
        for warning in self.library.warnings:
            self.notify(clean(warning), severity="warning", timeout=8)
        self.library.warnings.clear()
        self.query_one(TagList).fill(select(posts, self._query(with_pick=False)))
        self._refresh()

    def _query(self, with_pick: bool = True) -> Query:
        """The command line's filters, with the sidebar's tag or category when ``with_pick``."""
        kind, name = self.pick if with_pick and self.pick else ("", "")
        return Query(tags=(*self.base.tags, name) if kind == "tag" else self.base.tags,
                     categories=(*self.base.categories, name) if kind == "category" else self.base.categories,
                     since=self.base.since, until=self.base.until, drafts=self.base.drafts, sort=self.sort)

    @on(OptionList.OptionSelected, "#tags")
    def _tag_selected(self, event: OptionList.OptionSelected) -> None:
        self.pick = self.query_one(TagList).pick(event.option.id)
        self._refresh()

    @on(TagList.Left)
    def _left_tags(self) -> None:
        self.remove_class("-tags-open")
        self.post_list.focus()

    def _refresh(self) -> None:
        shown = select(self.posts, self._query(), self.matches)
        self.shown = [p for p in shown if not p.tags] if self.pick == ("untagged", "") else shown
        current = self.post_list.current
        self.post_list.show(self.shown, self._wants, at=current.path if current else None)
        self._update_status()

    def _update_status(self) -> None:
        parts = [f"{len(self.shown)} of {len(self.posts)} posts"]
        if self.pick:
            kind, name = self.pick
            parts.append("untagged" if kind == "untagged" else f"{'#' if kind == 'tag' else '@'}{clean(name)}")
        parts.append(f"by {self.sort}")
        if self.busy:
            parts.append(f"{self.busy}…")
        post = self.post_list.current
        if post is not None:
            parts.append(display_name(post.shown))
        self.query_one("#status", Static).update(Text(" · ".join(parts)))

    def _show_current(self) -> None:
        post = self.post_list.current
        self.query_one("#preview", Static).update(preview(post) if post is not None else Text(""))
        self._update_status()

    @on(PostList.Highlighted)
    def _highlighted(self) -> None:
        self._show_current()

    @on(PostList.Chosen)
    def _chosen(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        query = fts_query(text)
        matches = self.library.search(query) if query else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._matched, matches)

    def _matched(self, matches: set[str] | None) -> None:
        self.matches = matches
        self._refresh()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.post_list.focus()

    # Actions

    def action_move(self, rows: int) -> None:
        self.post_list.move(rows)

    def action_page(self, pages: int) -> None:
        self.post_list.page(pages)

    def action_edge(self, end: int) -> None:
        self.post_list.move_to(len(self.shown) - 1 if end else 0)

    def action_open(self) -> None:
        post = self.post_list.current
        if post is not None:
            self.post_message(OpenPost(Path(post.path)))

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one(Input).value = ""
        self.post_list.focus()

    def action_tags(self) -> None:
        """Open the sidebar (on a narrow terminal) and move into it; from inside it, back to the list."""
        tags = self.query_one(TagList)
        if tags.has_focus:
            self._left_tags()
        else:
            self.add_class("-tags-open")
            tags.focus()

    def action_toggle_sort(self) -> None:
        self.sort = "title" if self.sort == "date" else "date"
        self._refresh()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("mdread — library keys", [
            ("", binding_rows(self.BINDINGS, self.app)),
            ("In the tags and categories (t)", binding_rows(TagList.BINDINGS, self.app)),
        ]))
