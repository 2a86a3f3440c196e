"""Hostile input through the command line: it renders or fails cleanly, in bounded time and memory.

Small hostile files live in ``tests/hostile/``; large ones are made here. Every
run is a subprocess under a timeout and an address-space limit, and must end
with no traceback, at most one line per problem on stderr and no control
character on stdout other than mdread's own colours.
"""

from __future__ import annotations

import errno
import os
import pty
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from mdread.errors import UserError
from mdread.load import source
from mdread.parse import parse
from mdread.parse.markdown import MAX_NESTING
from mdread.render import RenderContext, render_top
from test_terminal_safety import OURS, documents, leaks

HOSTILE = Path(__file__).parent / "hostile"
MEMORY_LIMIT = 1024 * 1024 * 1024
TIMEOUT = 120
FLATTENED = f"nested deeper than {MAX_NESTING} levels"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args: str | bytes, stdin: bytes | None = None, cwd: Path | None = None,
        **popen: object) -> subprocess.CompletedProcess[bytes]:
    """Run mdread in a fresh process capped at ``MEMORY_LIMIT``; ``TIMEOUT`` only catches a hang.

    Speed on hostile input is measured in ``bench/``; here the time limit is
    many times what any of these runs takes, so a busy machine never fails it.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS")}
    return subprocess.run([sys.executable, "-m", "mdread", *args], input=stdin, capture_output=True, cwd=cwd,
                          env=env, timeout=TIMEOUT, preexec_fn=popen.pop("preexec_fn", _limits), **popen)


def assert_clean(res: subprocess.CompletedProcess[bytes], code: int = 0) -> str:
    """Check the exit status, that stderr is short and tracebackless, and that stdout is safe; returns stdout."""
    err = res.stderr.decode("utf-8", "replace")
    assert res.returncode == code, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert all(line.startswith("mdread: ") for line in err.splitlines()), err
    out = res.stdout.decode()
    assert leaks(out) == [] and leaks(err) == []
    return out


def shows(out: str, text: str) -> bool:
    """True when ``text`` appears in ``out``, however it was wrapped, indented or coloured."""
    squeezed = "".join(ch for ch in OURS.sub("", out) if not ch.isspace() and ch not in "▌•◦▪")
    return "".join(text.split()) in squeezed


EXPECTED = {
    "alias-bomb.md": ("The body survives", "too many values"),
    "recursive-alias.md": ("Body after a recursive alias", "too many values"),
    "unclosed-frontmatter.md": ("Heading that must still show", "never closes"),
    "unterminated-fence.md": ("still code, the fence never closes", ""),
    "broken-yaml.md": ("Body shown anyway", "broken frontmatter"),
    "bad-toml.md": ("TOML body shown anyway", "broken frontmatter"),
    "crlf-cr.md": ("line two", ""),
    "nested-emphasis.md": ("deep link", ""),
    "long-footnote-label.md": ("Footnote text survives", ""),
    "escapes.md": ("␛]52;c;cm0gLXJmIH4K␇", "unreadable date"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_corpus(name: str) -> None:
    text, warning = EXPECTED[name]
    res = run("--color=always", "--width", "60", str(HOSTILE / name))
    out = assert_clean(res)
    assert shows(out, text)
    assert warning in res.stderr.decode() and len(res.stderr.splitlines()) <= 1


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.md")) == sorted(EXPECTED)


DEEP = {
    "quote": ">" * 10_000 + " deepest text\n",
    "list": "- " * 10_000 + "deepest text\n",
    "ordered": "1. " * 10_000 + "deepest text\n",
    "mixed": "> - " * 5_000 + "deepest text\n",
    "indented": "".join("  " * i + f"- item {i}\n" for i in range(1000)) + "  " * 1000 + "- deepest text\n",
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_shows_the_deepest_text_with_a_note(tmp_path: Path, kind: str) -> None:
    post = tmp_path / "deep.md"
    post.write_text(DEEP[kind])
    res = run("--width", "60", str(post))
    out = assert_clean(res)
    assert shows(out, "deepest text") and shows(out, FLATTENED)
    assert max(len(line) for line in out.splitlines()) <= 60


DEEP_CODE = {
    "cpp": "int a = " + "1+" * 200_000 + "1; // deepest code",
    "python": "x = " + "(" * 50_000 + ")" * 50_000 + "  # deepest code",
    "html": "<div>" * 50_000 + "deepest code",
    "json": "[" * 100_000 + "]" * 100_000 + " deepest code",
}


@pytest.mark.parametrize("language", sorted(DEEP_CODE))
def test_deeply_nested_code_is_highlighted_in_bounded_time(tmp_path: Path, language: str) -> None:
    post = tmp_path / "code.md"
    post.write_text(f"# Deep\n\n```{language}\n{DEEP_CODE[language]}\n```\n")
    res = run("--print", "--width", "100", str(post))
    out = assert_clean(res)
    assert shows(out, "deepest")


LONG_PROSE = {
    "opening": "（" * 200_000,
    "closing": "中" + "。" * 200_000,
    "ideographs": "中文" * 100_000,
    "url": "https://x.io/" + "a/" * 100_000,
    "word": "a" * 400_000,
    "mixed": "中文English混排，https://a.io/b?c=d 「引用」" * 10_000,
}


@pytest.mark.parametrize("kind", sorted(LONG_PROSE))
def test_long_lines_of_any_script_wrap_within_the_width(tmp_path: Path, kind: str) -> None:
    post = tmp_path / "long.md"
    post.write_text(f"{LONG_PROSE[kind]}END\n")
    res = run("--print", "--width", "40", str(post))
    out = assert_clean(res)
    assert out.rstrip().endswith("END")
    assert max(cell_len(line) for line in out.splitlines()) <= 40


def test_huge_line_wide_table_and_many_headings(tmp_path: Path) -> None:
    line = tmp_path / "line.md"
    line.write_text(("word " * 200_000) + "END\n")
    res = run("--width", "80", str(line))
    assert assert_clean(res).rstrip().endswith("END")
    table = tmp_path / "table.md"
    table.write_text("|" + "|".join(f"c{i}" for i in range(1000)) + "|\n|" + "-|" * 1000 + "\n|"
                     + "|".join(f"v{i}" for i in range(1000)) + "|\n")
    res = run(str(table))
    out = assert_clean(res)
    assert "c0: v0" in out and "c999: v999" in out
    headings = tmp_path / "headings.md"
    headings.write_text("".join(f"{'#' * (1 + i % 6)} heading {i}\n" for i in range(100_000)))
    res = run("--toc", str(headings))
    out = assert_clean(res)
    assert len(out.splitlines()) == 100_000 and out.rstrip().endswith("heading 99999")


def test_files_over_the_limit_are_refused_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    res = run(str(big))
    assert_clean(res, 1)
    assert "larger than 8 MB" in res.stderr.decode()
    res = run("-", stdin=b"# x\n" * (source.MAX_BYTES // 4 + 1))
    assert_clean(res, 1)
    assert "<stdin>: larger than" in res.stderr.decode()


def test_failure_paths(tmp_path: Path) -> None:
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    cases = [
        (["--toc", str(tmp_path)], "is a directory"),
        ([str(tmp_path / "broken.md")], "broken symbolic link"),
        ([os.devnull], "not a regular file"),
        ([os.fsencode(tmp_path) + b"/\xff\x1b]0;x\x07.md"], "\\xff␛]0;x␇.md: no such file"),
        (["--encoding", "hex", str(HOSTILE / "crlf-cr.md")], "not a text encoding"),
    ]
    for args, message in cases:
        res = run(*args)
        assert_clean(res, 2 if "encoding" in message else 1)
        assert message in res.stderr.decode() and len(res.stderr.splitlines()) == 1


def test_odd_but_readable_files(tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/\xff\x1b]0;x\x07.md"
    Path(os.fsdecode(odd)).write_text("no heading here\n")
    assert "no heading here" in assert_clean(run(odd))
    gone = tmp_path / "gone.md"
    gone.write_text("# Read once, though deleted\n")
    fd = os.open(gone, os.O_RDONLY)
    try:
        gone.unlink()
        res = run(f"/dev/fd/{fd}", pass_fds=(fd,))
    finally:
        os.close(fd)
    assert "Read once, though deleted" in assert_clean(res)


def test_fifo_is_read_when_a_writer_comes(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w") as fh:
            fh.write("# From a FIFO\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        res = run(str(fifo))
    finally:
        if writer.is_alive():
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(5)
    assert "From a FIFO" in assert_clean(res)


def test_closed_and_terminal_stdin(tmp_path: Path) -> None:
    def closed_stdin() -> None:
        _limits()
        os.close(0)

    for args in ([], ["-"]):
        res = run(*args, preexec_fn=closed_stdin)
        assert_clean(res, 1)
        assert "stdin is closed" in res.stderr.decode()
    controller, terminal = pty.openpty()
    try:
        res = subprocess.run([sys.executable, "-m", "mdread"], stdin=terminal, capture_output=True, cwd=tmp_path,
                             timeout=TIMEOUT)
    finally:
        os.close(controller)
        os.close(terminal)
    assert_clean(res, 2)
    assert "no file given" in res.stderr.decode()


def test_permission_denied_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    post = tmp_path / "locked.md"
    post.write_text("# x\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(source, "open", refuse, raising=False)
    with pytest.raises(UserError, match=r"locked\.md: permission denied$"):
        source.load(str(post))


def test_sigpipe_exits_quietly(tmp_path: Path) -> None:
    post = tmp_path / "long.md"
    post.write_text("".join(f"Paragraph {i} with some words to fill the line.\n\n" for i in range(4000)))
    proc = subprocess.Popen([sys.executable, "-m", "mdread", str(post)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_limits)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(TIMEOUT) in (0, 141) and err == b""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "post.md"


def _render_all(path: Path) -> None:
    try:
        src = source.load(str(path))
    except UserError:
        return
    doc = parse(src.text, path=str(path))
    ctx = RenderContext(width=30, links="terminal")
    for i in range(len(doc.blocks)):
        for line in render_top(doc, i, ctx):
            assert leaks("".join(seg.text for seg in line)) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_fuzz_random_bytes(scratch: Path, data: bytes) -> None:
    scratch.write_bytes(data)
    _render_all(scratch)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fuzz_random_markdown(scratch: Path, text: str) -> None:
    scratch.write_text(text, encoding="utf-8")
    _render_all(scratch)
