"""Driving the reader in tests: an app on a sample post, and the text a user would see."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from mdread.faces.tui.app import MdreadApp, Settings, make_app
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.reader import ReaderScreen
from mdread.load.source import load
from mdread.platform.config import Config
from mdread.platform.state import StateStore

SIZE = (120, 40)


def reader_app(post: Path, state_dir: Path, config: Config | None = None) -> MdreadApp:
    settings = Settings.build(config or Config(), StateStore(state_dir / "state.json"))
    return make_app(load(str(post)), settings)


async def ready(pilot: Pilot[None]) -> ReaderScreen:
    """Wait until the article is parsed, laid out, drawn and measured."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.complete and screen.query(ArticleView) and screen.drawn:
            break
    await settled(pilot)
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def settled(pilot: Pilot[None]) -> None:
    """Wait until parsing and measuring are done (the file watcher runs for as long as the reader)."""
    while any(w.group != "watch" and not w.is_finished for w in pilot.app.workers):
        await pilot.pause(0.02)
    await pilot.pause()


def article_rows(app: App[None]) -> list[str]:
    """The rows of the article as drawn now."""
    view = app.screen.query_one(ArticleView)
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


def article_text(app: App[None]) -> str:
    return "\n".join(article_rows(app))


def status_text(app: App[None]) -> str:
    return str(app.screen.query_one("#status", Static).render())
