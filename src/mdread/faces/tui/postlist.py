"""The library's list of posts: a line-API view that draws only the rows on screen, under a fixed header row.

A table widget measures every cell it is given, so a blog of ten thousand
posts had to be fed to it a page at a time and ``G`` could not reach the end.
This view draws each row from the post when it comes on screen, with the
columns :mod:`mdread.faces.tui.columns` chose for the width, so any number of
posts costs the same to show, filter and move through.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mdread.faces.tui.columns import Column, header, natural, plan, row
from mdread.library.post import Post

HEADER_ROWS = 1


class PostList(ScrollView, can_focus=True, inherit_bindings=False):
    """Posts, one per row, with a cursor; the screen declares the keys, so help and keymap see them all."""

    COMPONENT_CLASSES = {"postlist--header", "postlist--cursor", "postlist--odd"}
    DEFAULT_CSS = """
    PostList { overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; padding: 0 1; }
    PostList > .postlist--header { text-style: bold; color: $text-muted; }
    PostList > .postlist--cursor { background: $accent 40%; }
    PostList:focus > .postlist--cursor { background: $accent; color: $text; }
    PostList > .postlist--odd { background: $boost; }
    """

    class Highlighted(Message):
        """The cursor is on another post (or on none: the list is empty)."""

        def __init__(self, post: Post | None) -> None:
            super().__init__()
            self.post = post

    class Chosen(Message):
        """The post under the cursor was double-clicked."""

        def __init__(self, post: Post) -> None:
            super().__init__()
            self.post = post

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.posts: list[Post] = []
        self.cursor = 0
        self.columns: list[tuple[Column, int]] = []
        self._wants: dict[str, int] = {}

    @property
    def current(self) -> Post | None:
        return self.posts[self.cursor] if self.posts else None

    def show(self, posts: list[Post], wants: dict[str, int] | None = None, at: str | None = None) -> None:
        """Show ``posts``, the cursor on the post with path ``at`` if it is listed, else on the first.

        Args:
            posts: The posts, in order.
            wants: Natural column widths; by default measured over ``posts``.
            at: The path to keep the cursor on.
        """
        self.posts = posts
        self._wants = wants if wants is not None else natural(posts)
        self._replan()
        index = next((i for i, post in enumerate(posts) if post.path == at), 0) if at is not None else 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(posts) + HEADER_ROWS)
        self.move_to(index)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._replan()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.posts) + HEADER_ROWS)
        self._keep_cursor_visible()

    def _replan(self) -> None:
        self.columns = plan(max(1, self.scrollable_content_region.width), self._wants)

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_ROWS)

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        self.cursor = max(0, min(index, len(self.posts) - 1)) if self.posts else 0
        self._keep_cursor_visible()
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def move(self, rows: int) -> None:
        self.move_to(self.cursor + rows)

    def page(self, pages: int) -> None:
        self.move_to(self.cursor + pages * self.page_rows)

    def _keep_cursor_visible(self) -> None:
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self.page_rows:
            self.scroll_to(y=self.cursor - self.page_rows + 1, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < HEADER_ROWS:
            text = header(self.columns)
            style = self.get_component_rich_style("postlist--header")
        else:
            index = int(self.scroll_y) + y - HEADER_ROWS
            if index >= len(self.posts):
                return Strip.blank(width, base)
            text = row(self.posts[index], self.columns)
            if index == self.cursor:
                style = self.get_component_rich_style("postlist--cursor")
            elif index % 2:
                style = self.get_component_rich_style("postlist--odd")
            else:
                style = None
        segments: Sequence[Segment] = list(text.render(self.app.console))
        strip = Strip(segments).crop_extend(0, width, None)
        if style is not None:
            strip = strip.apply_style(style)
        return strip.apply_style(base)

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER_ROWS or not self.posts:
            return
        index = int(self.scroll_y) + event.y - HEADER_ROWS
        if index < len(self.posts):
            self.move_to(index)
            if event.chain >= 2 and self.current is not None:
                self.post_message(self.Chosen(self.current))
