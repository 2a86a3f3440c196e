"""The library screen: every post of a folder in a table, narrowed by tag or by typing.

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
from textual.widgets import DataTable, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from mdread.faces.tui.help import HelpScreen, binding_rows
from mdread.faces.tui.keybar import KeyBar
from mdread.faces.tui.messages import OpenPost
from mdread.library.index import PROGRESS_DELAY, Library
from mdread.library.post import Post
from mdread.library.query import Query, fts_query, select, tag_counts
from mdread.load.source import EXTENSIONS
from mdread.platform.watch import changes
from mdread.sanitize import clean

ALL = "all"
UNTAGGED = "untagged"
DESCRIPTION_CHARS = 80
PAGE_ROWS = 200


def _row(post: Post) -> tuple[Text, ...]:
    marks = Text()
    if post.warnings:
        marks.append("! ", style="bold red")
    if post.draft:
        marks.append("draft", style="yellow")
    description = clean(post.description or "")
    if len(description) > DESCRIPTION_CHARS:
        description = description[: DESCRIPTION_CHARS - 1] + "…"
    return (
        Text(clean(post.title), style="bold"),
        Text(post.date.isoformat()[:10] if post.date is not None else "", style="dim"),
        Text(clean(", ".join(post.tags)), style="cyan"),
        Text(f"{post.minutes}m" if post.minutes else "", style="dim", justify="right"),
        marks,
        Text(description, style="dim"),
    )


class LibraryScreen(Screen[None]):
    """Posts newest first (undated last), a tag sidebar with counts, and a filter over the full text.

    Args:
        library: The posts to show; scanned when the screen mounts and on ``R``.
        query: Filters from the command line that always apply; its search and
            sort are where the screen starts.
    """

    DEFAULT_CSS = """
    LibraryScreen #tags { width: 22; height: 1fr; border-right: vkey $panel-lighten-2; }
    LibraryScreen #filter { height: 3; }
    LibraryScreen #posts { height: 1fr; overflow-x: hidden; }
    LibraryScreen #progress { display: none; height: 1; }
    LibraryScreen #progress.busy { display: block; }
    LibraryScreen #status { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("enter", "open", "Open"),
        Binding("s", "toggle_sort", "Sort date/title"),
        Binding("t", "focus_tags", "Tags", show=False),
        Binding("R", "rescan", "Rescan"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, library: Library, query: Query | None = None) -> None:
        super().__init__()
        self.library = library
        self.base = query or Query()
        self.sort = self.base.sort
        self.tag: str | None = None
        self.matches: set[str] | None = None
        self.posts: list[Post] = []
        self.shown: list[Post] = []
        self._by_path: dict[str, Post] = {}
        self.busy = ""
        self._busy_since = 0.0
        self._tag_names: dict[str, str] = {}
        self._stop_watching = asyncio.Event()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="tags")
            with Vertical():
                yield Input(self.base.search or "", placeholder="/ filter: words in titles, tags, descriptions, text",
                            id="filter")
                yield DataTable(id="posts", cursor_type="row", zebra_stripes=True)
                yield ProgressBar(id="progress", show_eta=False)
                yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width, key in (("Title", 34, "title"), ("Date", 10, "date"), ("Tags", 18, "tags"),
                                  ("Read", 4, "minutes"), ("", 5, "marks"), ("Description", None, "description")):
            table.add_column(label, width=width, key=key)
        table.focus()
        self.action_rescan()
        for root in self.library.roots:
            if os.path.isdir(root):
                self._watch(Path(root))
        if self.base.search:
            self._search(self.base.search)

    @work(group="watch")
    async def _watch(self, root: Path) -> None:
        """Rescan (incrementally) when Markdown files under ``root`` are added, changed or removed."""
        try:
            async for changed in changes(root, self._stop_watching, recursive=True):
                if any(p.suffix.lower() in EXTENSIONS for p in changed):
                    self.action_rescan()
        except (OSError, RuntimeError) as exc:
            self.notify(f"Not watching {root} for changes: {exc}", severity="warning")

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
        self._by_path = {post.path: post for post in posts}
        for warning in self.library.warnings:
            self.notify(clean(warning), severity="warning", timeout=8)
        self.library.warnings.clear()
        self._fill_tags()
        self._refresh()

    def _fill_tags(self) -> None:
        listed = select(self.posts, Query(tags=self.base.tags, since=self.base.since, until=self.base.until,
                                          drafts=self.base.drafts))
        sidebar = self.query_one(OptionList)
        highlighted = sidebar.highlighted_option.id if sidebar.highlighted_option else ALL
        self._tag_names = {}
        options = [Option(f"All ({len(listed)})", id=ALL),
                   Option(f"Untagged ({sum(1 for p in listed if not p.tags)})", id=UNTAGGED)]
        for i, (tag, count) in enumerate(tag_counts(listed)):
            self._tag_names[f"tag-{i}"] = tag
            options.append(Option(Text(f"{clean(tag)} ({count})"), id=f"tag-{i}"))
        sidebar.clear_options()
        sidebar.add_options(options)
        ids = [option.id for option in options]
        sidebar.highlighted = ids.index(highlighted) if highlighted in ids else 0

    @on(OptionList.OptionSelected, "#tags")
    def _tag_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        self.tag = None if chosen == ALL else UNTAGGED if chosen == UNTAGGED else self._tag_names[str(chosen)]
        self._refresh()

    def _refresh(self) -> None:
        tags = self.base.tags if self.tag in (None, UNTAGGED) else (*self.base.tags, self.tag)
        query = Query(tags=tags, since=self.base.since, until=self.base.until, drafts=self.base.drafts,
                      sort=self.sort)
        shown = select(self.posts, query, self.matches)
        self.shown = [p for p in shown if not p.tags] if self.tag == UNTAGGED else shown
        table = self.query_one(DataTable)
        current = self._cursor_path()
        at = next((i for i, post in enumerate(self.shown) if post.path == current), 0)
        if at >= max(table.row_count, PAGE_ROWS):
            at = 0
        table.clear()
        self._add_rows(at + PAGE_ROWS)
        table.move_cursor(row=at, animate=False)
        self._update_status()

    def _add_rows(self, upto: int) -> None:
        """Rows up to ``upto``: the table grows a page at a time as the cursor nears its end.

        A DataTable measures every cell it is given, so filling it with ten
        thousand posts on each keystroke would take seconds.
        """
        table = self.query_one(DataTable)
        for post in self.shown[table.row_count:upto]:
            table.add_row(*_row(post), key=post.path)

    def _cursor_path(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _update_status(self) -> None:
        parts = [f"{len(self.shown)} of {len(self.posts)} posts", f"by {self.sort}"]
        if self.busy:
            parts.append(f"{self.busy}…")
        post = self._by_path.get(self._cursor_path() or "")
        if post is not None:
            parts.append(clean(post.shown))
        self.query_one("#status", Static).update(Text(" · ".join(parts)))

    @on(DataTable.RowHighlighted, "#posts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= event.data_table.row_count - PAGE_ROWS // 4:
            self._add_rows(event.data_table.row_count + PAGE_ROWS)
        self._update_status()

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
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#posts")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        path = self._cursor_path()
        if path is not None:
            self.post_message(OpenPost(Path(path)))

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one(Input).value = ""
        self.query_one(DataTable).focus()

    def action_focus_tags(self) -> None:
        self.query_one(OptionList).focus()

    def action_toggle_sort(self) -> None:
        self.sort = "title" if self.sort == "date" else "date"
        self._refresh()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("mdread — library keys", [("", binding_rows(self.BINDINGS, self.app))]))
