"""The Textual application: one factory, shared by the command line and the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import App
from textual.screen import Screen

from mdread import source as sources
from mdread.config import Config, load_config
from mdread.errors import UserError
from mdread.render import RenderContext
from mdread.state import StateStore
from mdread.tui.messages import OpenPost
from mdread.tui.reader import ReaderScreen


@dataclass(frozen=True)
class Settings:
    """What every screen of one run shares.

    Attributes:
        config: The user's config file.
        ctx: How blocks render (the reader sets the width).
        state: Where reading positions and language choices are kept.
        encoding: Forced encoding for posts opened later (from the library or links).
        repair: Whether posts opened later get mojibake repair.
    """

    config: Config
    ctx: RenderContext
    state: StateStore
    encoding: str | None = None
    repair: bool = True

    @classmethod
    def build(cls, config: Config | None = None, state: StateStore | None = None, *,
              code_theme: str | None = None, line_numbers: bool = False,
              encoding: str | None = None, repair: bool = True) -> Settings:
        """Settings from the config file, with command-line choices taking precedence."""
        config = config or load_config()
        ctx = RenderContext(
            code_theme=code_theme or config.code_theme,
            line_numbers=line_numbers or config.line_numbers,
            links="reader",
        )
        return cls(config, ctx, state or StateStore(), encoding, repair)


ScreenFactory = Callable[[Settings], Screen[None]]


class MdreadApp(App[None]):
    """Hosts the reader and library screens; opens posts that screens ask for."""

    TITLE = "mdread"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, first: ScreenFactory, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self._first = first

    def on_mount(self) -> None:
        config = self.settings.config
        if config.theme in self.available_themes:
            self.theme = config.theme
        if config.keymap:
            self.set_keymap(config.keymap)
        for warning in (*config.warnings, self.settings.state.warning):
            if warning:
                self.notify(warning, severity="warning", timeout=8)
        self.push_screen(self._first(self.settings))

    @on(OpenPost)
    def open_post(self, event: OpenPost) -> None:
        try:
            src = sources.load(str(event.path), encoding=self.settings.encoding, repair=self.settings.repair)
        except UserError as err:
            self.notify(str(err), severity="error")
            return
        self.push_screen(reader_screen(src)(self.settings))

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()
        self.exit()


def reader_screen(src: sources.Source) -> ScreenFactory:
    def build(settings: Settings) -> Screen[None]:
        return ReaderScreen(src, settings.ctx, toc_open=settings.config.toc_open, state=settings.state)

    return build


def make_app(start: sources.Source | ScreenFactory, settings: Settings | None = None) -> MdreadApp:
    """The app, used by ``mdread`` and by the tests alike.

    Args:
        start: An article to read, or a factory for the first screen (the library).
        settings: Shared settings; by default from the user's config file.
    """
    first = reader_screen(start) if isinstance(start, sources.Source) else start
    return MdreadApp(first, settings or Settings.build())
