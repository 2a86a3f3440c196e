"""What an audit broke (issue 19), as a user meets it: odd file names, swapped files, links, copies, state.

The terminal-level cases (signals, two readers, a FIFO swapped in) are in
``test_signals_tmux.py``; the costly shapes in ``test_bounds.py``.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from clikit import run
from mdread.errors import UserError
from mdread.faces.tui.confirm import ConfirmCopy, ConfirmOpen, ConfirmPath
from mdread.faces.tui.follow import link_status
from mdread.library import simple_toml, simple_yaml
from mdread.library.discover import discover
from mdread.library.read import read_record
from mdread.links import classify, web_address
from mdread.load import frontmatter
from mdread.load.source import load, read_bytes
from mdread.parse import parse
from mdread.parse.markdown import markdown
from mdread.platform.config import load_config
from mdread.platform.state import ArticleState, StateStore
from mdread.platform.watch import changes, file_signature
from mdread.sanitize import display_name
from readerkit import SIZE, article_text, reader_app, ready, status_text

BAD = b"x-\xff.md"
SPOOF = "https://www.paypal.com." + "a" * 60 + "." + "b" * 60 + ".evil.example/login"
HANG_GUARD = 20.0
"""Seconds after which a read that should be refused at once counts as hung."""


def _bad_name(folder: Path) -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + BAD))
    path.write_text("# Bad name\n\nStill read.\n", encoding="utf-8")
    return path


# File names as bytes


def test_a_folder_with_an_undecodable_name_lists_and_reads(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nFine.\n", encoding="utf-8")
    bad = _bad_name(tmp_path)
    res = run(str(tmp_path), home=tmp_path / "home")
    assert res.returncode == 0, res.stderr
    assert "x-\\xff.md" in res.stdout and "good.md" in res.stdout
    assert "Bad name" in res.stdout and "internal error" not in res.stderr
    listed = json.loads(run(str(tmp_path), "--json", home=tmp_path / "home").stdout)
    assert {os.fsencode(post["path"]) for post in listed["posts"]} == {
        os.fsencode(tmp_path / "good.md"), os.fsencode(bad)}
    page = run("--color=never", str(bad), home=tmp_path / "home")
    assert page.returncode == 0 and "Still read." in page.stdout


def test_an_untitled_post_named_in_bytes_gets_a_readable_title(tmp_path: Path) -> None:
    bad = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xfe-notes.md"))
    bad.write_text("no heading\n", encoding="utf-8")
    res = run(str(tmp_path), home=tmp_path / "home")
    assert res.returncode == 0, res.stderr
    assert "\\xfe-notes  " in res.stdout


def test_messages_that_name_a_file_keep_it_on_one_line(tmp_path: Path) -> None:
    res = run(str(tmp_path / "all good\nnothing to see.md"), home=tmp_path / "home")
    assert res.returncode == 1
    assert res.stderr == f"mdread: {tmp_path}/all good␊nothing to see.md: no such file\n"
    (tmp_path / "x.md").write_text("# X\n", encoding="utf-8")
    bad_encoding = run("--encoding", "utf-8\nmdread: all good", str(tmp_path / "x.md"), home=tmp_path / "home")
    assert bad_encoding.stderr.count("\n") == 1 and "␊mdread: all good" in bad_encoding.stderr
    assert display_name("a\x1b]0;x\x07\nb") == "a␛]0;x␇␊b"
    assert display_name(os.fsdecode(b"\xff\xfe.md")) == "\\xff\\xfe.md"


def test_an_empty_file_name_is_not_the_current_folder(tmp_path: Path) -> None:
    res = run("", cwd=tmp_path, home=tmp_path / "home")
    assert (res.returncode, res.stdout) == (1, "")
    assert res.stderr == "mdread: an empty file name; give a Markdown file\n"


async def test_the_watch_survives_a_name_it_cannot_decode(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("one\n", encoding="utf-8")
    stop = asyncio.Event()
    seen: list[set[Path]] = []

    async def watch() -> None:
        async for batch in changes(article, stop):
            seen.append(batch)
            stop.set()

    task = asyncio.create_task(watch())
    await asyncio.sleep(0.5)
    _bad_name(tmp_path)
    await asyncio.sleep(0.5)
    article.write_text("two\n", encoding="utf-8")
    await asyncio.wait_for(task, HANG_GUARD)
    assert seen and article.resolve() in seen[0]


async def test_an_edit_made_before_the_watch_took_hold_is_still_seen(tmp_path: Path) -> None:
    """The reader looks at the file, then starts watching: a save in between raises no event of its own."""
    article = tmp_path / "a.md"
    article.write_text("one\n", encoding="utf-8")
    looked = file_signature(article)
    article.write_text("two, longer\n", encoding="utf-8")
    stop = asyncio.Event()
    seen: list[set[Path]] = []

    async def watch() -> None:
        async for batch in changes(article, stop, since=looked):
            seen.append(batch)
            stop.set()

    await asyncio.wait_for(watch(), HANG_GUARD)
    assert seen == [{article.resolve()}]


# Reads that never wait


def _refused_at_once(target: str) -> str:
    """The message reading ``target`` gives, failing the test if the read does not return."""
    said: list[str] = []

    def attempt() -> None:
        try:
            read_bytes(target)
        except UserError as err:
            said.append(str(err))

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(HANG_GUARD)
    if reader.is_alive():
        os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"reading {target} waited for a writer")
    return said[0] if said else ""


def test_a_fifo_or_device_in_an_articles_place_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "post.md"
    os.mkfifo(fifo)
    assert _refused_at_once(str(fifo)).endswith("post.md: not a regular file")
    assert _refused_at_once("/dev/zero").endswith("not a regular file")


def test_a_fifo_named_by_the_user_is_still_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w") as fh:
            fh.write("# Through a FIFO\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert "Through a FIFO" in load(str(fifo), fifo=True).text
    writer.join(HANG_GUARD)


# Web links


async def test_the_prompt_shows_the_whole_host_and_enter_does_not_open(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    post = tmp_path / "spoof.md"
    post.write_text(f"# Spoof\n\nPay [here]({SPOOF}).\n", encoding="utf-8")
    opened: list[str] = []
    app = reader_app(post, tmp_path)
    monkeypatch.setattr(type(app), "open_url", lambda self, url, **kw: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o")
        status = status_text(app)
        assert status.startswith("link: https://") and status.rstrip().endswith(".evil.example")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmOpen)
        host = str(app.screen.query_one("#host").render())
        assert "".join(host.split()) == "host" + SPOOF.removeprefix("https://").removesuffix("/login")
        url = "".join(str(app.screen.query_one("#url").render()).split())
        assert url == SPOOF
        await pilot.press("enter", "enter")
        assert opened == [] and isinstance(app.screen, ConfirmOpen)
        await pilot.press("y")
        assert opened == [SPOOF] and not isinstance(app.screen, ConfirmOpen)


async def test_an_address_is_opened_as_written_never_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = tmp_path / "decode.md"
    post.write_text("# D\n\nSee [the docs](https://good.example%2F@evil.example/).\n", encoding="utf-8")
    opened: list[str] = []
    app = reader_app(post, tmp_path)
    monkeypatch.setattr(type(app), "open_url", lambda self, url, **kw: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert status_text(app).startswith("link: https://good.example%2F@evil.example/")
        await pilot.press("enter")
        assert "".join(str(app.screen.query_one("#host").render()).split()) == "hostevil.example"
        assert "good.example%2F" in str(app.screen.query_one("#userinfo").render())
        await pilot.press("n")
        assert opened == []
        await pilot.press("o", "enter", "y")
        assert opened == ["https://good.example%2F@evil.example/"]


def test_web_addresses_are_cut_where_a_browser_cuts_them() -> None:
    address = web_address("https://www.paypal.com@evil.example:8443/a?b#c")
    assert (address.userinfo, address.host, address.rest) == ("www.paypal.com", "evil.example:8443", "/a?b#c")
    assert web_address("https://xn--e1afmkfd.xn--p1ai/").unicode_host == "пример.рф"
    href = markdown().parseInline("[x](https://a.b\\\\@c.d/)")[0].children[0].attrs["href"]
    assert web_address(str(href)).host == "c.d"


def test_the_status_line_keeps_the_host_of_a_long_address() -> None:
    assert link_status(SPOOF, 60).endswith(".evil.example")
    assert link_status(SPOOF, 60).startswith("link: https://…")
    long_path = "https://example.com/" + "p" * 300
    assert link_status(long_path, 60).startswith("link: https://example.com/ppp")
    assert link_status("#第二节", 60) == "link: #第二节"


# Relative links that leave


async def test_a_link_out_of_the_folder_asks_first_with_the_resolved_path(tmp_path: Path) -> None:
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "diary.md").write_text("# Diary\n\nSecret.\n", encoding="utf-8")
    posts = tmp_path / "blog" / "posts"
    posts.mkdir(parents=True)
    (posts / "a.md").write_text("# A\n\nSee [notes](../../private/diary.md).\n", encoding="utf-8")
    app = reader_app(posts / "a.md", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        first = await ready(pilot)
        await pilot.press("o", "enter")
        assert isinstance(app.screen, ConfirmPath)
        shown = "".join(str(app.screen.query_one("#path").render()).split())
        assert shown == str(tmp_path / "private" / "diary.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmPath)
        await pilot.press("n")
        assert app.screen is first
        await pilot.press("o", "enter", "y")
        await ready(pilot)
        assert "Secret." in article_text(app)


def test_links_within_the_library_roots_do_not_ask(tmp_path: Path) -> None:
    base = tmp_path / "blog" / "2024"
    assert classify("../2023/b.md", base).outside
    assert not classify("../2023/b.md", base, (tmp_path / "blog",)).outside
    assert classify("file:///etc/x.md", base).kind == "refused"


# Copying control characters


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    monkeypatch.setattr("mdread.platform.clipboard._system_copy", lambda text: None)
    monkeypatch.setattr("mdread.faces.tui.app.MdreadApp.copy_to_clipboard", lambda self, text: sent.append(text))
    return sent


CODE = "echo \x1b]52;c;SGk=\x07 done\n\tindented\n"


@pytest.mark.parametrize(("key", "expected"), [("y", CODE), ("c", "echo ␛]52;c;SGk=␇ done\n\tindented\n"),
                                               ("n", None), ("escape", None)])
async def test_copying_control_characters_asks_and_offers_a_clean_copy(tmp_path: Path, copied: list[str], key: str,
                                                                       expected: str | None) -> None:
    post = tmp_path / "esc.md"
    post.write_text(f"# E\n\n```sh\n{CODE}```\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "c")
        assert isinstance(app.screen, ConfirmCopy) and copied == []
        said = str(app.screen.query_one("#controls").render())
        assert "1 × ␛" in said and "1 × ␇" in said
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmCopy) and copied == []
        await pilot.press(key)
        assert not isinstance(app.screen, ConfirmCopy)
        assert copied == ([expected] if expected is not None else [])


async def test_code_without_controls_is_copied_at_once(tmp_path: Path, copied: list[str]) -> None:
    post = tmp_path / "plain.md"
    post.write_text("# P\n\n```python\nprint('hi')\n```\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "c")
        assert copied == ["print('hi')\n"]


# Frontmatter


def test_spec_example_96_is_a_rule_a_setext_heading_and_a_paragraph() -> None:
    text = "---\nFoo\n---\nBar\n"
    doc = parse(text)
    assert [type(b).__name__ for b in doc.blocks] == ["Rule", "Heading", "Paragraph"]
    assert doc.sections[0].title == "Foo" and doc.metadata.warnings == ()
    assert markdown().render(text) == "<hr />\n<h2>Foo</h2>\n<p>Bar</p>\n"
    assert run("--color=never", "-", stdin=text.encode()).stdout.count("Foo") == 1


@pytest.mark.parametrize("text", ["---\nFoo\n---\nBar\n", "---\n- a\n- b\n---\nx\n", "---\n42\n---\nx\n",
                                  "+++\ntitle = 'T'\n+++\nbody\n", "---\ntitle: T\n---\nbody\n"])
def test_the_library_and_the_reader_agree_on_what_is_frontmatter(tmp_path: Path, text: str) -> None:
    split = frontmatter.split(text)
    fast = simple_yaml.split(text) or simple_toml.split(text)
    assert fast is None or (fast.fields, fast.body) == (split.fields, split.body)
    assert (split.body == text) == (not split.fields)
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    record = read_record(str(post), 0)
    assert record[4] == parse(text, path=str(post)).metadata.title


# The library's symbolic links


def test_the_library_stays_inside_its_folder_unless_told(tmp_path: Path) -> None:
    lib, outside = tmp_path / "lib", tmp_path / "outside"
    (lib / "sub").mkdir(parents=True)
    outside.mkdir()
    (lib / "a.md").write_text("# A\n", encoding="utf-8")
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (lib / "out").symlink_to(outside)
    (lib / "s.md").symlink_to(outside / "secret.md")
    (lib / "sub" / "again.md").symlink_to(lib / "a.md")
    warned: list[str] = []
    found = {os.path.relpath(f.path, lib) for f in discover([str(lib)], warned.append)}
    assert found == {"a.md", "sub/again.md"}
    assert len(warned) == 1 and "and 1 more" in warned[0] and "follow_symlinks" in warned[0]
    found = {os.path.relpath(f.path, lib) for f in discover([str(lib)], follow_symlinks=True)}
    assert found == {"a.md", "sub/again.md", "out/secret.md", "s.md"}


def test_follow_symlinks_is_a_config_setting(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("follow_symlinks = true\n", encoding="utf-8")
    assert load_config(config).follow_symlinks
    config.write_text("follow_symlinks = 'yes'\n", encoding="utf-8")
    assert not load_config(config).follow_symlinks and load_config(config).warnings


# Reading state


def test_two_readers_keep_both_positions(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, second = StateStore(path), StateStore(path)
    second.put(tmp_path / "b.md", ArticleState(block=7))
    first.put(tmp_path / "a.md", ArticleState(block=3))
    again = StateStore(path)
    assert again.get(tmp_path / "a.md").block == 3 and again.get(tmp_path / "b.md").block == 7


def test_a_state_folder_that_cannot_be_written_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("a file where the folder should be", encoding="utf-8")
    store = StateStore(tmp_path / "state" / "state.json")
    first = store.put(tmp_path / "a.md", ArticleState(block=1))
    assert first is not None and "could not save reading positions" in first
    assert store.put(tmp_path / "a.md", ArticleState(block=2)) is None
    assert store.failure is not None and store.get(tmp_path / "a.md").block == 2


def test_the_position_of_an_article_named_in_bytes_is_kept(tmp_path: Path) -> None:
    article = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + BAD))
    StateStore(tmp_path / "state.json").put(article, ArticleState(block=4))
    assert StateStore(tmp_path / "state.json").get(article).block == 4


# Signals


SIGNAL_TWICE = """
import asyncio, os, signal
from mdread.platform import signals
loop = asyncio.new_event_loop()
signals.install(loop, lambda signum: None)
os.kill(os.getpid(), signal.SIGTERM)
os.kill(os.getpid(), signal.SIGTERM)
print("still running")
"""


def test_a_second_signal_ends_a_reader_whose_loop_does_not_answer() -> None:
    res = subprocess.run([sys.executable, "-c", SIGNAL_TWICE], capture_output=True, text=True, timeout=HANG_GUARD)
    assert res.returncode == 128 + signal.SIGTERM and "still running" not in res.stdout


SIGNAL_UNANSWERED = """
import asyncio, os, signal, time
from mdread.platform import signals
signals.GRACE = 0.2
loop = asyncio.new_event_loop()
signals.install(loop, lambda signum: None)
os.kill(os.getpid(), signal.SIGHUP)
time.sleep(30)
print("still running")
"""


def test_one_signal_ends_a_reader_whose_exit_never_finishes() -> None:
    """The terminal closed (SIGHUP) and the app's exit hangs on its output thread: the process still ends."""
    res = subprocess.run([sys.executable, "-c", SIGNAL_UNANSWERED], capture_output=True, text=True,
                         timeout=HANG_GUARD)
    assert res.returncode == 128 + signal.SIGHUP and "still running" not in res.stdout
