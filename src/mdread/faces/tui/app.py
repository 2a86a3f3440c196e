"""The Textual application: one factory, shared by the command line and the tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from mdread.article import Article, LoadOptions, read_source
from mdread.errors import UserError
from mdread.faces.tui.messages import OpenPost
from mdread.faces.tui.reader import ReaderScreen, Start
from mdread.load.source import Source
from mdread.platform import signals
from mdread.platform.config import Config, load_config
from mdread.platform.state import StateStore
from mdread.render import RenderContext
from mdread.render.context import DEFAULT_CODE_THEME
from mdread.sanitize import clean


@dataclass(frozen=True)
class Settings:
    """What every screen of one run shares.

    Attributes:
        config: The user's config file.
        ctx: How blocks render (the reader sets the width).
        state: Where reading positions and language choices are kept.
        load: How every article of the run is read (encoding, repair).
        images: How pictures are drawn (``images`` in the config, or ``--images``).
        roots: The library's folders, when the run started from one: links
            within them open without asking, as links within an article's folder do.
    """

    config: Config
    ctx: RenderContext
    state: StateStore
    load: LoadOptions = field(default_factory=LoadOptions)
    images: str = "auto"
    roots: tuple[Path, ...] = ()

    @classmethod
    def build(cls, config: Config | None = None, state: StateStore | None = None, *,
              code_theme: str | None = None, line_numbers: bool = False,
              load: LoadOptions | None = None, images: str | None = None,
              roots: tuple[Path, ...] = ()) -> Settings:
        """Settings from the config file, with command-line choices taking precedence."""
        config = config or load_config()
        ctx = RenderContext(
            code_theme=code_theme or config.code_theme or DEFAULT_CODE_THEME,
            line_numbers=line_numbers or config.line_numbers,
            links="reader",
        )
        return cls(config, ctx, state or StateStore(), load or LoadOptions(), images or config.images, roots)


ScreenFactory = Callable[[Settings], Screen[None]]


@dataclass(frozen=True)
class Location:
    """A place in history: an article and where in it (a block and row, or a heading slug)."""

    source: Source
    start: Start


class MdreadApp(App[None]):
    """Hosts the reader and library screens; opens posts that screens ask for."""

    TITLE = "mdread"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, first: ScreenFactory, settings: Settings, *, signals: bool = False,
                 modes: list[Any] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._first = first
        self.back: list[Location] = []
        self.forward: list[Location] = []
        self._handle_signals = signals
        self._terminal_modes = modes
        self.restore_signals: Callable[[], None] | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a toast as plain, cleaned text: toasts quote documents, which must never act as markup."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        config = self.settings.config
        if config.theme in self.available_themes:
            self.theme = config.theme
        if config.keymap:
            self.set_keymap(config.keymap)
        for warning in (*config.warnings, self.settings.state.warning):
            if warning:
                self.notify(warning, severity="warning", timeout=8)
        if self._handle_signals:
            self.restore_signals = signals.install(asyncio.get_running_loop(), self._signalled, self._terminal_modes)
        self.push_screen(self._first(self.settings))

    def _signalled(self, signum: int) -> None:
        """SIGTERM or SIGINT: save as ``q`` does, then leave by Textual's exit, which restores the terminal.

        SIGHUP, the terminal hanging up, leaves at once once saved (see :mod:`mdread.platform.signals`).
        """
        self.save_positions()
        if signum == signals.HANGUP:
            signals.leave_now(signum, self._terminal_modes)
        self.exit(return_code=signals.exit_status(signum))

    def save_positions(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()

    @on(OpenPost)
    def open_post(self, event: OpenPost) -> None:
        try:
            src = read_source(str(event.path), self.settings.load)
        except UserError as err:
            self.notify(str(err), severity="error")
            return
        self.visit(src, event.anchor)

    def _here(self) -> Location | None:
        screen = self.screen
        if not isinstance(screen, ReaderScreen) or not screen.is_ready:
            return None
        block, row = screen.article.anchor()
        return Location(screen.source, (block, row))

    def visit(self, source: Source, start: Start) -> None:
        """Go to ``start`` in ``source``, remembering where the reader was for Back."""
        here = self._here()
        if here is not None:
            self.back.append(here)
            self.forward.clear()
        self._show(Location(source, start))

    def _show(self, place: Location) -> None:
        screen = self.screen
        if isinstance(screen, ReaderScreen) and screen.source is place.source:
            screen.go_to(place.start)
            return
        new = reader_screen(place.source, place.start)(self.settings)
        if isinstance(screen, ReaderScreen):
            screen.save_position()
            self.switch_screen(new)
        else:
            self.push_screen(new)

    @property
    def can_go_back(self) -> bool:
        return bool(self.back) or (isinstance(self.screen, ReaderScreen) and len(self.screen_stack) > 2)

    def action_back(self) -> None:
        """Back through followed links; from the first article, back to the library it came from."""
        if self.back:
            here = self._here()
            if here is not None:
                self.forward.append(here)
            self._show(self.back.pop())
        elif self.can_go_back:
            self.screen.save_position()  # type: ignore[attr-defined]
            self.pop_screen()
        else:
            self.notify("Nothing to go back to", timeout=2)

    def action_forward(self) -> None:
        if not self.forward:
            self.notify("Nothing to go forward to", timeout=2)
            return
        here = self._here()
        if here is not None:
            self.back.append(here)
        self._show(self.forward.pop())

    async def action_quit(self) -> None:
        self.save_positions()
        self.exit()


def reader_screen(src: Source | Article, start: Start = None, *, whole: bool = True,
                  fences: Mapping[str, int] | None = None) -> ScreenFactory:
    def build(settings: Settings) -> Screen[None]:
        return ReaderScreen(src, settings.ctx, toc_open=settings.config.toc_open, state=settings.state,
                            start=start, load=settings.load, images=settings.images, whole=whole, fences=fences)

    return build


def make_app(start: Source | Article | ScreenFactory, settings: Settings | None = None, *,
             whole: bool = True, fences: Mapping[str, int] | None = None) -> MdreadApp:
    """The app, used by ``mdread`` and by the tests alike.

    Args:
        start: An article to read (opened, or parsed already), or a factory for the first screen (the library).
        settings: Shared settings; by default from the user's config file.
        whole: False when ``start`` is only the first part of a long article; the reader parses the rest.
        fences: The article's fence sizes, when counted already (see :class:`mdread.article.Opening`).
    """
    first = reader_screen(start, whole=whole, fences=fences) if isinstance(start, Source | Article) else start
    return MdreadApp(first, settings or Settings.build())


def run_app(start: Source | Article | ScreenFactory, settings: Settings, *, whole: bool = True,
            fences: Mapping[str, int] | None = None) -> int:
    """Run the app until it quits or is signalled; returns the exit status (128 + N after signal N).

    ``whole`` False says ``start`` is only the first part of a long article: the reader parses the rest.
    ``fences``, when the caller counted them (see :class:`mdread.article.Opening`), spare the reader the scan.
    """
    first = reader_screen(start, whole=whole, fences=fences) if isinstance(start, Source | Article) else start
    app = MdreadApp(first, settings, signals=True, modes=signals.terminal_modes())
    try:
        app.run()
    finally:
        if app.restore_signals is not None:
            app.restore_signals()
    return app.return_code or 0
