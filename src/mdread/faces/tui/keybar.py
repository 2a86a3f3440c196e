"""The key bar at the bottom of every screen: the most useful keys that fit, with Help and Quit always shown.

Textual's own footer lays every shown binding out in a row and cuts the row at
the screen's edge, so at 80 columns the reader's ended in ``… l Langu`` and
Help and Quit were gone. This bar takes the keys in the order they are
declared (the focused widget's first, then the screen's), drops whole keys
that do not fit, and keeps the pinned ones at the right end whatever the width.
A binding's ``tooltip``, when it has one, is its shorter label here (the help
screen gives the full description); this bar shows no hover tips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

PINNED = ("help", "quit")
"""Ids of the bindings shown at every width, at the right end."""
GAP = 2
DIM = Style(dim=True)


@dataclass(frozen=True)
class Key:
    """One entry of the bar: the key pressed when it is clicked, how the key is written, and what it does."""

    key: str
    shown: str
    label: str
    enabled: bool = True

    @property
    def cells(self) -> int:
        return cell_len(self.shown) + 1 + cell_len(self.label)


def fit(keys: Sequence[Key], pinned: Sequence[Key], width: int) -> list[Key]:
    """The keys to draw in ``width`` cells: ``keys`` in order while they fit, skipping any that do not, then ``pinned``.

    A key that does not fit is left out whole, never cut; a later, shorter one
    may still take the room. Pinned keys are always in, even if the bar must
    then be cropped (below some 15 columns).
    """
    used = sum(k.cells for k in pinned) + GAP * max(0, len(pinned) - 1)
    chosen: list[Key] = []
    for key in keys:
        if used + GAP + key.cells <= width:
            chosen.append(key)
            used += GAP + key.cells
    return [*chosen, *pinned]


class KeyBar(Widget):
    """A one-row bar of the keys in force on its screen, refreshed whenever focus or bindings change."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--label"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; padding: 0 1; background: $footer-background;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--label { color: $footer-description-foreground; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> tuple[list[Key], list[Key]]:
        """The shown keys in force, focused widget's first, and the pinned ones, each action once."""
        seen: set[tuple[int, str]] = set()
        keys: list[Key] = []
        pinned: dict[str, Key] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or (id(active.node), binding.action) in seen:
                continue
            seen.add((id(active.node), binding.action))
            key = Key(binding.key, binding.key_display or self.app.get_key_display(binding),
                      binding.tooltip or binding.description, active.enabled)
            if binding.id in PINNED:
                pinned.setdefault(binding.id, key)
            else:
                keys.append(key)
        return keys, [pinned[name] for name in PINNED if name in pinned]

    def render(self) -> Text:
        keys, pinned = self.keys()
        key_style = self.get_component_rich_style("keybar--key")
        label_style = self.get_component_rich_style("keybar--label")
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for i, key in enumerate(fit(keys, pinned, self.content_region.width)):
            if i:
                text.append(" " * GAP)
            start = text.cell_len
            text.append(key.shown, key_style if key.enabled else key_style + DIM)
            text.append(" " + key.label, label_style if key.enabled else label_style + DIM)
            self._spans.append((start, text.cell_len, key.key))
        return text

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, key in self._spans:
            if start <= x < end:
                self.app.simulate_key(key)
                return
