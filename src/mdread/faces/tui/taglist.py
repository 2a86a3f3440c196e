"""The library's sidebar: every tag and every category with its count, to narrow the list to one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mdread.library.post import Post
from mdread.library.query import tag_counts
from mdread.sanitize import clean

Pick = tuple[str, str] | None
"""What the sidebar narrows the list to: ``("tag", name)``, ``("category", name)``, ``("untagged", "")``,
or None for every post."""
ALL = "all"
UNTAGGED = "untagged"


class TagList(OptionList):
    """All posts, untagged ones, then each tag and each category, most used first, under their headings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "select", "Choose", id="tags_choose"),
        Binding("j,down", "cursor_down", "Move", key_display="j/k", id="tags_down"),
        Binding("k,up", "cursor_up", "Move", show=False, id="tags_up"),
        Binding("escape,t", "leave", "Back to the posts", tooltip="Back", id="tags_back"),
    ]

    class Left(Message):
        """The reader went back to the list from the sidebar."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._picks: dict[str, Pick] = {ALL: None, UNTAGGED: ("untagged", "")}

    def fill(self, posts: list[Post]) -> None:
        """List the tags and categories of ``posts``, keeping the highlight on the same entry if it is still there."""
        highlighted = self.highlighted_option.id if self.highlighted_option else ALL
        self._picks = {ALL: None, UNTAGGED: ("untagged", "")}
        options = [Option(f"All ({len(posts)})", id=ALL),
                   Option(f"Untagged ({sum(1 for p in posts if not p.tags)})", id=UNTAGGED)]
        for kind, of, heading in (("tag", "tags", "Tags"), ("category", "categories", "Categories")):
            counts = tag_counts(posts, of)  # type: ignore[arg-type]
            if not counts:
                continue
            options.append(Option(Text(heading, style="bold"), id=f"heading-{kind}", disabled=True))
            for i, (name, count) in enumerate(counts):
                option_id = f"{kind}-{i}"
                self._picks[option_id] = (kind, name)
                prefix = "#" if kind == "tag" else "@"
                options.append(Option(Text(f"{prefix}{clean(name)} ({count})"), id=option_id))
        self.clear_options()
        self.add_options(options)
        ids = [option.id for option in options]
        self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def pick(self, option_id: str | None) -> Pick:
        return self._picks.get(option_id or ALL)

    def action_leave(self) -> None:
        self.post_message(self.Left())
