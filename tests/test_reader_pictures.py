"""Pictures in the reader, driven with Pilot: drawn near the screen, web images only when asked."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.images import PictureScreen
from mdread.platform.config import Config
from readerkit import article_text, reader_app, ready, settled, status_text
from test_pictures import two_colour

Image = pytest.importorskip("PIL.Image", reason="pictures need the images extra (Pillow)")

BLOCKS = Config(images="blocks")


@contextmanager
def image_server(body: bytes) -> Iterator[tuple[str, list[str]]]:
    """A web server on the loopback address that serves ``body`` for every path and logs the paths."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


async def until(pilot: Pilot[None], test, seconds: float = 20.0) -> None:
    """Pause until ``test()`` holds; a generous cap only guards against a hang."""
    for _ in range(int(seconds / 0.05)):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("the reader never got there")


def picture_segments(pilot: Pilot[None]) -> list:
    view = pilot.app.screen.query_one(ArticleView)
    return [seg for y in range(view.size.height) for seg in view.render_line(y) if seg.text.startswith(("▀", "▄"))]


def post_with_pictures(folder: Path, web: str) -> Path:
    two_colour(folder / "red-blue.png", (160, 80))
    (folder / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10garbage")
    post = folder / "post.md"
    post.write_text("# Pictures\n\nBefore.\n\n![Red over blue](red-blue.png)\n\n![From the web](" + web +
                    "/w.png)\n\n![gone](missing.png)\n\n![corrupt](bad.png)\n\nAfter.\n")
    return post


async def test_a_local_picture_is_drawn_and_a_web_one_waits_to_be_asked(tmp_path: Path) -> None:
    png = (tmp_path / "served.png")
    two_colour(png, (40, 40))
    with image_server(png.read_bytes()) as (web, asked):
        app = reader_app(post_with_pictures(tmp_path, web), tmp_path, BLOCKS)
        async with app.run_test(size=(100, 50)) as pilot:
            await ready(pilot)
            await until(pilot, lambda: picture_segments(pilot))
            text = article_text(app)
            assert "Red over blue" in text and "▀▀▀▀▀▀▀▀▀▀" in text
            assert any(seg.style.color.triplet == (255, 0, 0) for seg in picture_segments(pilot))
            assert f"▣ From the web  {web}/w.png" in text
            assert "▣ gone  missing.png: no such file" in text
            assert "▣ corrupt  bad.png: damaged image" in text
            assert asked == []

            await pilot.press("o")
            assert "picture (Enter fetches it)" in status_text(app)
            await pilot.press("enter")
            await until(pilot, lambda: "From the web" in article_text(app) and f"{web}/w.png" not in article_text(app))
            assert asked == ["/w.png"]
            assert text.count("From the web") == article_text(app).count("From the web") == 1

        again = reader_app(tmp_path / "post.md", tmp_path, BLOCKS)
        async with again.run_test(size=(100, 50)) as pilot:
            await ready(pilot)
            await until(pilot, lambda: f"{web}/w.png" not in article_text(again) and "▀" in article_text(again))
            assert asked == ["/w.png"], "a fetched picture comes from the cache afterwards"


async def test_a_failed_fetch_says_why_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mdread.load.images.MAX_FETCH_BYTES", 100)
    with image_server(b"x" * 1000) as (web, asked):
        app = reader_app(post_with_pictures(tmp_path, web), tmp_path, BLOCKS)
        async with app.run_test(size=(100, 50)) as pilot:
            await ready(pilot)
            await pilot.press("o", "enter")
            await until(pilot, lambda: "not fetched" in article_text(app))
            assert "larger than" in article_text(app) and asked == ["/w.png"]


async def test_v_shows_the_picture_on_screen_full_size(tmp_path: Path) -> None:
    app = reader_app(post_with_pictures(tmp_path, "https://example.com"), tmp_path, BLOCKS)
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, PictureScreen) and app.screen.query("PictureView"))
        await pilot.pause()
        view = app.screen.query_one("PictureView")
        assert len(view.lines) == 25 and sum(seg.cell_length for seg in view.lines[0]) == 100
        await pilot.press("escape")
        assert not isinstance(app.screen, PictureScreen)


async def test_pictures_off_shows_the_alt_text_line(tmp_path: Path) -> None:
    app = reader_app(post_with_pictures(tmp_path, "https://example.com"), tmp_path, Config(images="off"))
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        text = article_text(app)
        assert "[image: Red over blue] red-blue.png" in text and "▀" not in text


async def test_only_pictures_near_the_screen_are_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mdread.render import picture_cache

    decoded: list[str] = []
    real = picture_cache.decode

    def spy(path: Path, header, size):
        decoded.append(path.name)
        return real(path, header, size)

    monkeypatch.setattr(picture_cache, "decode", spy)
    for i in range(40):
        Image.new("RGB", (80, 40), (i * 6, 100, 200)).save(tmp_path / f"p{i}.png")
    prose = "\n\n".join("A paragraph of words that fills a line or two of the screen." for _ in range(6))
    post = tmp_path / "many.md"
    post.write_text("# Many\n\n" + "".join(f"![Picture {i}](p{i}.png)\n\n{prose}\n\n" for i in range(40)))
    app = reader_app(post, tmp_path, BLOCKS)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "p0.png" in decoded)
        await settled(pilot)
        assert "p39.png" not in decoded and len(decoded) < 10
        await pilot.press("G")
        await until(pilot, lambda: "p39.png" in decoded)
        assert len(decoded) < 20


async def test_kitty_pictures_are_placeholder_cells_after_the_image_is_sent(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from mdread.faces.tui.images import PictureLoader
    from mdread.render.kitty import PLACEHOLDER

    sent: list[str] = []
    monkeypatch.setattr(PictureLoader, "_send", lambda self, escapes: sent.append(escapes))
    app = reader_app(post_with_pictures(tmp_path, "https://example.com"), tmp_path, Config(images="kitty"))
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: PLACEHOLDER in article_text(app))
        assert len(sent) == 1 and sent[0].startswith("\x1b_Gf=100,i=")
        rows = [row for row in article_text(app).splitlines() if PLACEHOLDER in row]
        assert len(rows) == 5 and rows[0].count(PLACEHOLDER) == 20


async def test_sixel_asked_for_draws_half_blocks_and_says_so(tmp_path: Path) -> None:
    app = reader_app(post_with_pictures(tmp_path, "https://example.com"), tmp_path, Config(images="sixel"))
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: picture_segments(pilot))
        assert any("sixel pictures are not drawn yet" in str(n.message) for n in app._notifications)


async def test_a_kitty_picture_is_sent_once_however_the_reader_scrolls(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from mdread.faces.tui.images import PictureLoader
    from mdread.render.kitty import PLACEHOLDER

    sent: list[str] = []
    monkeypatch.setattr(PictureLoader, "_send", lambda self, escapes: sent.append(escapes))
    app = reader_app(post_with_pictures(tmp_path, "https://example.com"), tmp_path, Config(images="kitty"))
    async with app.run_test(size=(100, 50)) as pilot:
        await ready(pilot)
        await until(pilot, lambda: PLACEHOLDER in article_text(app))
        await pilot.press("j", "j", "k", "k")
        await settled(pilot)
        assert len(sent) == 1 and PLACEHOLDER in article_text(app)
