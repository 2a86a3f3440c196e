"""The reader screen: header, table of contents, the article, search and status line.

The first screen of the article comes before anything that is not on it: a short post is parsed on the spot, the
contents are built when they open, the file is watched once the article has been drawn, and what only a key
needs (copying, following links, help, the language picker) is imported when the key is pressed.
"""

from __future__ import annotations

import asyncio
import bisect
import threading
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from mdread.article import Article, LoadOptions, open_article, parse_article
from mdread.errors import UserError
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.images import PictureScreen, reader_pictures
from mdread.faces.tui.keybar import KeyBar
from mdread.faces.tui.messages import CodeFocused, LinkClicked, Moved, Painted
from mdread.faces.tui.navigation import code_target
from mdread.faces.tui.search import Finder, Place, match_places
from mdread.links import Target, anchors, slug
from mdread.load.repair import uncertain_windows
from mdread.load.source import Source, display_name
from mdread.model import CodeBlock, Document
from mdread.platform.state import ArticleState, StateStore
from mdread.platform.watch import Signature, changes, file_signature
from mdread.render import RenderContext, resolve_language
from mdread.render.code import grammars_for, grammars_from
from mdread.render.header import byline, tag_labels
from mdread.render.layout import Layout, View
from mdread.render.picture import pictures_in
from mdread.sanitize import clean

if TYPE_CHECKING:
    from textual.widgets import Tree

    from mdread.faces.tui.toc import TocTree

SAVE_EVERY = 3.0
"""Seconds between saves of the reading position while it changes."""

Start = tuple[int, int] | str | None
"""Where to open an article: a (block, row), a heading slug, or None for the remembered place."""
COUNT_SLICE = 0.01
"""Seconds the worker counting search matches works, then rests, in turn."""
PARSE_AT_ONCE_CHARS = 32_000
"""An article this short (an everyday post) is parsed on the spot, in a few tens of milliseconds: a thread and a
"Loading…" screen would only delay its first paint. A longer one is parsed in a thread, its top shown first."""
TOP_PAINT_WAIT = 1.0
"""Seconds at most that the parse of a long article's rest waits for its top to be drawn: parsing holds the
interpreter lock, and the event loop drawing the top would get it only every few milliseconds."""
TALL_ROWS = 30
"""A terminal this tall gives the header a second row, for tags and the description; a shorter one gives the
article every row it can (at 80×24, 21 of the 24)."""


class ReaderScreen(Screen[None]):
    """One article. Parsing happens in a thread; a huge article paints its start first."""

    DEFAULT_CSS = """
    ReaderScreen #header {
        height: auto; max-height: 3; text-wrap: nowrap; text-overflow: ellipsis;
        padding: 0 1; background: $panel;
    }
    ReaderScreen #status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    ReaderScreen #search { dock: bottom; display: none; }
    ReaderScreen #search.-open { display: block; }
    ReaderScreen #loading { padding: 1 2; color: $text-muted; }
    ReaderScreen ArticleView { padding-left: 1; }
    """
    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Line down", show=False, id="down"),
        Binding("k,up", "scroll_lines(-1)", "Line up", show=False, id="up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="top"),
        Binding("G,end", "edge(1)", "End", show=False, id="end"),
        # Shown ones in the order the key bar drops them from the right as the terminal narrows;
        # a tooltip is the bar's shorter label.
        Binding("tab", "code(1)", "Next code block", tooltip="Next code", id="next_code"),
        Binding("shift+tab", "code(-1)", "Previous code block", show=False, id="prev_code"),
        Binding("t", "toggle_toc", "Contents", id="toc"),
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "find(1)", "Next match", show=False, id="next_match"),
        Binding("N", "find(-1)", "Previous match", show=False, id="prev_match"),
        Binding("right_square_bracket", "section(1)", "Next section", id="next_section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", show=False, id="prev_section"),
        Binding("right_curly_bracket", "peer(1)", "Next section at this level", show=False, id="next_peer"),
        Binding("left_curly_bracket", "peer(-1)", "Previous section at this level", show=False, id="prev_peer"),
        Binding("c", "copy_code", "Copy code", tooltip="Copy", id="copy_code"),
        Binding("C", "copy_section", "Copy section", show=False, id="copy_section"),
        Binding("l", "language", "Language", id="language"),
        Binding("o", "next_link", "Next link", tooltip="Links", id="next_link"),
        Binding("enter", "follow", "Follow link", show=False, id="follow"),
        Binding("v", "view_picture", "View picture full screen", show=False, id="view_picture"),
        Binding("z", "fold", "Fold section", show=False, id="fold"),
        Binding("escape", "clear", "Clear search / cursor, or go back", show=False, id="clear"),
        Binding("backspace,alt+left", "app.back", "Back", show=False, id="back"),
        Binding("alt+right", "app.forward", "Forward", show=False, id="forward"),
        Binding("r", "toggle_repair", "Repaired / as stored", show=False, id="toggle_repair"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, opened: Source | Article, ctx: RenderContext, *, toc_open: bool = False,
                 state: StateStore | None = None, start: Start = None,
                 load: LoadOptions | None = None, images: str = "off", whole: bool = True,
                 fences: Mapping[str, int] | None = None) -> None:
        super().__init__()
        self.images = images
        self.start = start
        self.load = load or LoadOptions()
        self.repaired: Source | None = None
        self._view: ArticleView | None = None
        self._stop_watching = asyncio.Event()
        self._opened = opened if isinstance(opened, Article) else None
        """The article already parsed (see :func:`mdread.article.open_start`): whole, or only its first part."""
        self._whole = whole
        source = self.source = opened.source if isinstance(opened, Article) else opened
        # The pipe's choice of grammars, so both faces colour a block alike and a small post builds none.
        grammars = grammars_for(source.text) if fences is None else grammars_from(fences)
        self.ctx = replace(ctx, uncertain=uncertain_windows(source.repair) if source.repair else frozenset(),
                           grammars=grammars)
        self.toc_open = toc_open
        self.store = state
        self.doc: Document | None = None
        self.complete = False
        self.view_state = View()
        self.finder = Finder()
        self._source_lines: list[str] = []
        self._unsaved = False
        self._seen: Signature | None = None
        self._watching = False
        self._drawn = threading.Event()
        """Set once the article's first screen is drawn; the parse of a long article's rest waits for it."""

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        if self._opened is None and len(self.source.text) > PARSE_AT_ONCE_CHARS:
            yield Static(Text("Loading…"), id="loading")
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        pictures, note = reader_pictures(self.source.path, self.images, self.app.size.height)
        self.ctx = replace(self.ctx, pictures=pictures)
        if note:
            self.notify(note, severity="warning", timeout=5)
        if self._opened is not None and not self._whole:
            self._show(self._opened.document, False)
            self._load()
        elif self._opened is None and len(self.source.text) > PARSE_AT_ONCE_CHARS:
            self._load()
        else:
            article = self._opened or parse_article(self.source, breaks=self.load.breaks)
            self._show(article.document, True)
            self._warn(article)
        if self.source.path is not None:
            self._seen = file_signature(self.source.path)
        self.set_interval(SAVE_EVERY, self._autosave)

    @on(Painted)
    def _painted(self) -> None:
        """Watch the file once the article is on screen: the watcher's imports would otherwise delay the first paint.

        An edit made before the watch started shows as a file that differs from what it was when the reader opened.
        """
        self._drawn.set()
        path = self.source.path
        if self._watching or path is None:
            return
        self._watching = True
        now = file_signature(path)
        if now != self._seen:
            self._reload(path)
        self._watch(path, now)

    @work(exclusive=True, group="watch")
    async def _watch(self, path: Path, since: Signature | None) -> None:
        try:
            async for _ in changes(path, self._stop_watching, since=since):
                self._reload(path)
        except (OSError, RuntimeError) as exc:
            self.notify(f"Not watching {display_name(path.name)} for changes: {clean(str(exc))}", severity="warning")

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self, path: Path) -> None:
        try:
            article = open_article(str(path), self.load)
        except UserError as err:
            self.app.call_from_thread(self.notify, f"Not reloaded: {err}", severity="warning")
            return
        self.app.call_from_thread(self._reloaded, article)

    def _reloaded(self, article: Article) -> None:
        self.source = article.source
        self.repaired = None
        self._reloaded_doc(article.document)
        self._warn(article)
        self.notify(f"Reloaded {display_name(path.name) if (path := article.source.path) else article.name}",
                    timeout=2)

    def _warn(self, article: Article) -> None:
        """What the pipe face prints on stderr about an article, as notices."""
        for warning in article.warnings:
            self.notify(f"{article.name}: {warning}", severity="warning", timeout=8)

    def _reloaded_doc(self, doc: Document) -> None:
        """Show a new version of the article at the same section and offset, keeping cursor and languages."""
        old = self.doc
        block, row = self.article.anchor()
        section = self.article.current_section()
        if old is not None and section is not None and section < len(doc.sections) \
                and doc.sections[section].title == old.sections[section].title:
            block = doc.sections[section].block + block - old.sections[section].block
        focused = self.view_state.focused_code
        if focused is not None and focused > len(doc.code_blocks):
            focused = None
        self.view_state = replace(self.view_state, focused_code=focused, folded=frozenset())
        self.article.view = self.view_state
        self._show(doc, True)
        self.article.scroll_to_block(min(max(0, block), len(doc.blocks) - 1), row)

    @work(thread=True, exclusive=True, group="parse")
    def _load(self) -> None:
        def top(part: Article, settled: bool) -> None:
            self.app.call_from_thread(self._show, part.document, False)
            self._drawn.wait(TOP_PAINT_WAIT)

        article = parse_article(self.source, breaks=self.load.breaks, on_top=top)
        view = self._view
        layout = Layout(article.document, view.ctx, view.view) if view is not None else None
        self.app.call_from_thread(self._show, article.document, True, layout)
        self.app.call_from_thread(self._warn, article)

    def _show(self, doc: Document, complete: bool, layout: Layout | None = None) -> None:
        """Show ``doc``; a ``layout`` built off the event loop is used if it still fits the view."""
        self.doc = doc
        self._source_lines = doc.text.split("\n")
        self.complete = complete
        if not self.query(ArticleView):
            remembered = self._remembered()
            self.view_state = View(languages=tuple(sorted(remembered.languages.items())))
            self.query("#loading").remove()
            view = self._view = ArticleView(doc, self.ctx, self.view_state, id="article")
            view.partial = not complete
            self.mount(view, after=self.query_one("#header"))
            view.focus()
            if self.start is None:
                self.start = (remembered.block, remembered.offset)
        else:
            self.article.partial = not complete
            self.article.relayout(doc=doc, layout=layout)
        if complete and self.start is not None:
            self.go_to(self.start)
            self.start = None
        self._header(doc)
        self._sync_toc()
        self.call_later(self._refresh_status)

    def _toc(self) -> TocTree | None:
        """The contents, once they have been opened."""
        found = self.query("#toc")
        return found.first() if found else None

    def _sync_toc(self) -> None:
        """Open or close the contents; open, they are built for the document shown if they are not yet.

        Until first opened they are not even mounted, and closed they are not built: the tree's styles and a long
        article's thousands of sections would delay the first paint.
        """
        toc = self._toc()
        if toc is None:
            if self.toc_open and self.doc is not None:
                from mdread.faces.tui.toc import TocTree  # the tree widget's module, when the contents first open

                self.mount(TocTree(id="toc"), before=self.article)
                self.call_after_refresh(self._sync_toc)
            return
        toc.set_class(self.toc_open, "-open")
        if not self.toc_open or self.doc is None:
            return
        if toc.doc is not self.doc:
            toc.load(self.doc)
        toc.follow(self.article.current_section() or 0)

    def on_resize(self) -> None:
        if self.doc is not None:
            self._header(self.doc)

    def _refresh_status(self) -> None:
        self._status(self.article.current_section(), self.article.percent())

    @property
    def drawn(self) -> bool:
        """Whether the article's first screen has been drawn (the file is watched from then on)."""
        return self._drawn.is_set()

    @property
    def is_ready(self) -> bool:
        return self.doc is not None and bool(self.query(ArticleView))

    def go_to(self, start: Start) -> None:
        """Scroll to a (block, row) or to the heading with slug ``start``."""
        if self.doc is None or start is None:
            return
        if isinstance(start, str):
            table = anchors(self.doc)
            index = table.get(start, table.get(slug(start)))
            if index is None:
                self.notify(f"No heading #{clean(start)} in this article", severity="warning")
                return
            self.article.scroll_to_block(self.doc.sections[index].block)
        elif start != (0, 0):
            self.article.scroll_to_block(*start)

    def _remembered(self) -> ArticleState:
        if self.store is None or self.source.path is None:
            return ArticleState()
        return self.store.get(self.source.path)

    def _header(self, doc: Document) -> None:
        """Title and byline, then tags and description; on a short terminal, one row without the description."""
        meta = doc.metadata
        text = Text(clean(meta.title), style="bold")
        text.append("  " + byline(meta, doc.reading_minutes), style="dim")
        labels = tag_labels(meta)
        if self.size.height < TALL_ROWS:
            if labels:
                text.append("  " + "  ".join(labels), style="italic")
        elif labels or meta.description:
            text.append("\n" + "  ".join(labels), style="italic")
            if meta.description:
                text.append(("  " if labels else "") + clean(meta.description), style="dim italic")
        if self.source.repair is not None:
            from mdread.load.repair import describe

            text.append(f"\nText repaired: {describe(self.source.repair)} · r shows it as stored",
                        style="yellow")
        elif self.repaired is not None:
            text.append("\nShowing the text as stored, unrepaired · r shows it repaired", style="yellow")
        self.query_one("#header", Static).update(text)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    def save_position(self, *, background: bool = False) -> None:
        """Remember where the reader is and which languages were chosen (written in a thread if ``background``)."""
        if self.store is None or self.source.path is None or not self.query(ArticleView):
            return
        block, row = self.article.anchor()
        state = ArticleState(block, row, dict(self.view_state.languages))
        if background:
            self._write_state(self.store, self.source.path, state)
        else:
            self._said(self.store.put(self.source.path, state))

    @work(thread=True, group="save")
    def _write_state(self, store: StateStore, path: Path, state: ArticleState) -> None:
        self.app.call_from_thread(self._said, store.put(path, state))

    def _said(self, warning: str | None) -> None:
        if warning:
            self.notify(warning, severity="warning", timeout=8)

    def _autosave(self) -> None:
        """Save the position every few seconds while it changes, so a crash or a kill loses little."""
        if self._unsaved:
            self._unsaved = False
            self.save_position(background=True)

    def on_unmount(self) -> None:
        self._stop_watching.set()
        self.save_position()

    @on(Moved)
    def _moved(self, event: Moved) -> None:
        self._status(event.section, event.percent)
        if (toc := self._toc()) is not None:
            toc.follow(event.section)
        self._unsaved = self._unsaved or (self.complete and self.start is None)

    def _status(self, section: int | None, percent: int) -> None:
        if self.doc is None:
            return
        path = " › ".join(clean(s.title) for s in self.doc.section_path(section)) if section is not None else ""
        loading = "" if self.complete else "  (loading the rest…)"
        cursor = f"  code {self.view_state.focused_code}" if self.view_state.focused_code else ""
        found = self.finder.label(self.article.doc_layout) if self.query(ArticleView) else ""
        self.query_one("#status", Static).update(Text(f"{path}{cursor}{found}{loading}  {percent}%"))

    # Navigation

    def action_scroll_lines(self, step: int) -> None:
        self.article.scroll_to(y=self.article.scroll_y + step, animate=False)

    def action_page(self, step: int) -> None:
        height = max(1, self.article.size.height - 1)
        self.article.scroll_to(y=self.article.scroll_y + step * height, animate=False)

    def action_edge(self, end: int) -> None:
        if end:
            self.article.scroll_to(y=self.article.max_scroll_y, animate=False, immediate=True)
            self.article.restore(*self.article.anchor())
            self.article.scroll_to(y=self.article.max_scroll_y, animate=False, immediate=True)
        else:
            self.article.scroll_to(y=0, animate=False, immediate=True)

    def _jump_section(self, index: int) -> None:
        assert self.doc is not None
        self.article.scroll_to_block(self.doc.sections[index].block)

    def _heading_rows(self) -> list[int]:
        layout = self.article.doc_layout
        assert self.doc is not None and layout is not None
        return [layout.body_top(s.block) for s in self.doc.sections]

    def _section_here(self) -> int | None:
        """The section the top of the screen is in; a heading on the top two rows counts as entered."""
        if self.doc is None or not self.doc.sections or self.article.doc_layout is None:
            return None
        rows = self._heading_rows()
        index = bisect.bisect_right(rows, int(self.article.scroll_y) + 1) - 1
        return index if index >= 0 else None

    def action_section(self, step: int) -> None:
        if self.doc is None or not self.doc.sections or self.article.doc_layout is None:
            return
        rows = self._heading_rows()
        top = int(self.article.scroll_y)
        target = bisect.bisect_right(rows, top + 1) if step > 0 else bisect.bisect_left(rows, top) - 1
        if 0 <= target < len(rows):
            self._jump_section(target)

    def action_peer(self, step: int) -> None:
        if self.doc is None or not self.doc.sections:
            return
        sections = self.doc.sections
        here = self._section_here()
        if here is None:
            target = 0 if step > 0 else None
        else:
            level = sections[here].level
            order = range(here + 1, len(sections)) if step > 0 else range(here - 1, -1, -1)
            target = next((i for i in order if sections[i].level <= level), None)
        if target is not None:
            self._jump_section(target)

    def action_toggle_toc(self) -> None:
        toc = self._toc()
        self.toc_open = toc is None or not toc.has_class("-open")
        self._sync_toc()
        if not self.toc_open:
            self.article.focus()
        elif toc is not None:
            toc.focus()
        else:
            self.call_after_refresh(lambda: (toc := self._toc()) is not None and toc.focus())

    # Handlers by name, not by @on(class): the contents' classes are imported when they first open.
    def on_toc_tree_closed(self) -> None:
        if self.toc_open:
            self.action_toggle_toc()

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        if event.node.data is not None:
            self._jump_section(event.node.data)

    # Search

    def _search_box(self) -> Input | None:
        """The search line, once it has been opened (mounted then, not before, to keep it off the first paint)."""
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        box = self._search_box()
        if box is None:
            box = Input(placeholder="search (Enter: find, Esc: clear)", id="search")
            self.mount(box, before=self.query_one("#status"))
        box.add_class("-open")
        box.focus()

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.finder.set_query(event.value)
        self.article.query_text = event.value
        self.article.refresh()

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.article.focus()
        self.action_find(1)

    def action_find(self, step: int) -> None:
        """Scroll to the next (or previous) match, two rows below the top; past the last, wrap, saying so.

        The status line numbers the match ("3/17") once a worker has counted them all.
        """
        layout = self.article.doc_layout
        if not self.finder.query or layout is None or self.doc is None:
            return
        row, notice = self.finder.step(self.doc, layout, self._source_lines, int(self.article.scroll_y), step)
        if notice:
            self.notify(notice, severity="warning" if row is None else "information", timeout=3)
        if row is not None:
            self.article.scroll_to(y=max(0, row - 2), animate=False, immediate=True)
            self.article.restore(*self.article.anchor())
            if self.finder.places(layout) is None:
                self._count(self.doc, layout, self._source_lines, self.finder.query)
        self._refresh_status()

    @work(thread=True, exclusive=True, group="count")
    def _count(self, doc: Document, layout: Layout, source_lines: list[str], query: str) -> None:
        """Count every match in a thread that rests as long as it works, so that keys keep the GIL."""
        worker = get_current_worker()
        since = time.monotonic()

        def stop() -> bool:
            nonlocal since
            if time.monotonic() - since > COUNT_SLICE:
                time.sleep(COUNT_SLICE)
                since = time.monotonic()
            return worker.is_cancelled

        places = match_places(doc, layout, source_lines, query, stop)
        if places is not None:
            self.app.call_from_thread(self._counted, (query, layout, layout.view), places)

    def _counted(self, key: tuple[str, Layout, View], places: list[Place]) -> None:
        self.finder.counted = (key, places)
        self._refresh_status()

    def action_clear(self) -> None:
        box = self._search_box()
        if box is not None and (box.has_class("-open") or self.finder.query):
            box.value = ""
            box.remove_class("-open")
            self.article.focus()
        elif self.view_state.focused_code or self.article.link_cursor:
            self.article.link_cursor = None
            self._set_view(replace(self.view_state, focused_code=None))
        elif getattr(self.app, "can_go_back", False):
            self.app.action_back()  # type: ignore[attr-defined]

    # Code blocks

    def _set_view(self, view: View) -> None:
        self.view_state = view
        self.article.set_view(view)
        self._status(self.article.current_section(), self.article.percent())

    def _code_on_screen(self) -> CodeBlock | None:
        assert self.doc is not None
        visible = self.article.visible_blocks()
        return next((c for c, owner in zip(self.doc.code_blocks, self.doc.code_owner, strict=True)
                     if owner in visible), None)

    def _current_code(self) -> CodeBlock | None:
        if self.doc is None:
            return None
        if self.view_state.focused_code:
            return self.doc.code_blocks[self.view_state.focused_code - 1]
        return self._code_on_screen()

    def action_code(self, step: int) -> None:
        """Move the code cursor to the next (``step`` 1) or previous code block, from where the reader is.

        A cursor on screen moves on from itself. Otherwise the reading place
        decides, never a cursor left out of sight: the first block on screen,
        else the nearest one below the view (above it, for Shift+Tab).
        """
        if self.doc is None or not self.doc.code_blocks:
            return
        target = code_target(self.doc.code_owner, self.view_state.focused_code, self.article.visible_blocks(), step)
        if target is None:
            self.notify(f"No more code blocks {'below' if step > 0 else 'above'}", severity="warning", timeout=2)
            return
        self._focus_code(target)

    def _focus_code(self, index: int) -> None:
        assert self.doc is not None
        self._set_view(replace(self.view_state, focused_code=index))
        self._bring_into_view(self.doc.code_owner[index - 1])

    def _bring_into_view(self, block: int) -> None:
        """Scroll as little as shows all of ``block``; one taller than the screen, only if none of it shows.

        A block cut at the bottom of the screen comes up by the rows it needs,
        so the text above it stays in sight; one out of sight goes to the top.
        """
        layout = self.article.doc_layout
        if layout is None:
            return
        height = self.article.size.height
        top, bottom = layout.body_top(block), layout.top(block) + layout.heights[block] - 1
        first = int(self.article.scroll_y)
        last = first + height - 1
        if bottom < first or top > last:
            self.article.scroll_to_block(block)
        elif bottom - top < height and (top < first or bottom > last):
            self.article.scroll_to(y=bottom - height + 1 if bottom > last else top, animate=False, immediate=True)

    @on(CodeFocused)
    def _clicked_code(self, event: CodeFocused) -> None:
        if event.index is not None:
            self._set_view(replace(self.view_state, focused_code=event.index))

    def action_copy_code(self) -> None:
        code = self._current_code()
        if code is None or self.doc is None:
            self.notify("No code block on screen", severity="warning")
            return
        from mdread.faces.tui.copying import copy_text

        language = resolve_language(code, replace(self.ctx, languages=dict(self.view_state.languages)))
        copy_text(self, code.text, clean(language.name), f"Code block {code.index}")

    def action_copy_section(self) -> None:
        here = self._section_here()
        if here is None or self.doc is None:
            self.notify("Not in a section", severity="warning")
            return
        from mdread.faces.tui.copying import copy_text

        section = self.doc.sections[here]
        markdown = "\n".join(self.doc.text.split("\n")[section.line - 1 : section.line_end]).rstrip("\n") + "\n"
        copy_text(self, markdown, f"“{clean(section.title)}” as Markdown", f"Section “{clean(section.title)}”")

    def action_language(self) -> None:
        code = self._current_code()
        if code is None:
            self.notify("No code block on screen", severity="warning")
            return
        current = dict(self.view_state.languages).get(code.index)
        suggested = resolve_language(code, self.ctx).suggested

        def chosen(alias: str | None) -> None:
            if alias is None:
                return
            languages = dict(self.view_state.languages)
            if alias:
                languages[code.index] = alias
            else:
                languages.pop(code.index, None)
            self._set_view(replace(self.view_state, languages=tuple(sorted(languages.items())),
                                   focused_code=code.index))
            self.save_position()

        from mdread.faces.tui.picker import LanguagePicker

        self.app.push_screen(LanguagePicker(code.index, code.language, current, suggested), chosen)

    def action_fold(self) -> None:
        here = self._section_here()
        if here is None or self.doc is None:
            return
        folded = set(self.view_state.folded)
        folded.symmetric_difference_update({here})
        self._set_view(replace(self.view_state, folded=frozenset(folded)))
        self._jump_section(here)

    # Links

    def action_next_link(self) -> None:
        """Move the link cursor to the next link on screen, wrapping to the first."""
        spots = self.article.links_on_screen()
        if not spots:
            self.article.link_cursor = None
            self.notify("No links on screen", timeout=2)
            return
        current = self.article.link_cursor
        later = [s for s in spots if current is None or (s.row, s.x) > (current.row, current.x)]
        self.article.link_cursor = later[0] if later else spots[0]
        self.article.refresh()
        spot = self.article.link_cursor
        label = "picture (Enter fetches it)" if spot.picture else "link"
        from mdread.faces.tui.follow import link_status

        status = self.query_one("#status", Static)
        status.update(Text(link_status(spot.href, status.content_size.width, label)))

    def action_follow(self) -> None:
        spot = self.article.link_cursor
        if spot is not None and spot.picture:
            self.article.link_cursor = None
            self.article.pictures.fetch(spot.href, self.notify)
        elif spot is not None:
            self.follow(spot.href)

    def action_view_picture(self) -> None:
        """Show the first drawable picture on screen as large as the screen allows."""
        pictures = self.ctx.pictures
        if self.doc is None or pictures is None:
            self.notify("Pictures are off", timeout=2)
            return
        shown = (p for i in self.article.visible_blocks() for p in pictures_in(self.doc.blocks[i]))
        picture = next((p for p in shown if pictures.look(p.src).drawable), None)
        if picture is None:
            self.notify("No picture on screen", timeout=2)
            return
        self.app.push_screen(PictureScreen(picture, pictures))

    @on(LinkClicked)
    def _clicked_link(self, event: LinkClicked) -> None:
        self.follow(event.href)

    def follow(self, href: str) -> None:
        """Follow a link as :mod:`~mdread.faces.tui.follow` allows: in the reader, via the browser, or not at all.

        A link refused as it is written may still be a blog permalink to a post of the library or the site.
        """
        from mdread.faces.tui.follow import follow

        self.article.link_cursor = None
        follow(self, self.source, href, self._permalink if self.source.path is not None else None)

    def _permalink(self, href: str) -> Target | None:
        """The post a blog permalink (``/2025/10/02/slug/``, a ``post_link`` slug) names, in the library or the site."""
        from mdread.permalinks import find_post, post_roots

        libraries = [getattr(screen, "library", None) for screen in self.app.screen_stack]
        folders = [root for library in libraries if library is not None for root in library.roots]
        post = find_post(href, post_roots(self.source.path, folders))
        if post is None:
            return None
        fragment = urlsplit(href).fragment
        return Target("article", path=post, anchor=unquote(fragment) or None)

    def action_toggle_repair(self) -> None:
        """Switch between the repaired text and the text as stored in the file."""
        if self.repaired is None:
            if self.source.repair is None:
                self.notify("Nothing was repaired in this article", timeout=2)
                return
            self.repaired = self.source
            self._swap_source(self.source.as_stored(), "Showing the text as stored (r: repaired)")
        else:
            repaired, self.repaired = self.repaired, None
            self._swap_source(repaired, "Showing the repaired text")

    def _swap_source(self, src: Source, message: str) -> None:
        self.source = src
        self._reloaded_doc(parse_article(src, breaks=self.load.breaks).document)
        self.notify(message, timeout=3)

    def action_help(self) -> None:
        from mdread.faces.tui.help import HelpScreen, binding_rows
        from mdread.faces.tui.toc import TocTree

        self.app.push_screen(HelpScreen("mdread — reader keys", [
            ("", binding_rows(self.BINDINGS, self.app)),
            ("In the contents (t opens them)", binding_rows(TocTree.BINDINGS, self.app)),
        ]))
