"""The library in-process: discovery, what each post says, the index and its failures, queries."""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
from pathlib import Path

import pytest

from library_corpus import BINARY, EXPECTED, write_library
from mdread.faces.pipe import listing
from mdread.library import read, store
from mdread.library.discover import discover
from mdread.library.index import Library
from mdread.library.post import Post
from mdread.library.query import Query, fts_query, select, tag_counts


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))
    return write_library(tmp_path / "lib")


def listed(root: Path, query: Query | None = None) -> list[Post]:
    library = Library([str(root)])
    library.scan()
    return select(library.posts(), query or Query())


def rel(root: Path, posts: list[Post]) -> list[str]:
    return [os.path.relpath(p.path, root) for p in posts]


def test_discovery_skips_hidden_folders_node_modules_and_loops(lib: Path) -> None:
    found = discover([str(lib)])
    assert sorted(os.path.relpath(f.path, lib) for f in found) == sorted(EXPECTED)


def test_overlapping_targets_list_each_post_once(lib: Path) -> None:
    found = discover(sorted([str(lib), str(lib / "2024"), str(lib / "broken.md")]))
    assert len(found) == len(EXPECTED)


def test_every_shape_of_post_is_normalised(lib: Path) -> None:
    posts = listed(lib)
    assert rel(lib, posts) == list(EXPECTED)
    for post, expected in zip(posts, EXPECTED.values(), strict=True):
        date = post.date.isoformat() if post.date is not None else None
        assert (post.title, date, post.tags, post.draft, bool(post.warnings)) == (
            expected.title, expected.date, expected.tags, expected.draft, expected.warned)


def test_categories_authors_and_descriptions(lib: Path) -> None:
    by_name = {os.path.relpath(p.path, lib): p for p in listed(lib)}
    assert by_name["2023/go-http.md"].categories == ("backend",)
    assert by_name["2022/web-perf.md"].categories == ("frontend", "web")
    assert by_name["2024/rust-async.md"].author == "Ana"
    assert by_name["2024/rust-async.md"].description == "Tokio without tears."
    assert by_name["notes/no-frontmatter.md"].description == "These notes have no metadata at all."
    assert by_name["2023/cuda-intro.mdx"].description == "Kernels run on thousands of threads at once."
    assert by_name[BINARY].warnings == ("not a text file",)
    assert by_name["broken.md"].warnings[0].startswith("broken frontmatter")



def test_shown_paths_keep_the_folder_as_given(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(lib.parent)
    library = Library(["lib/"])
    library.scan()
    assert "lib/2024/rust-async.md" in {p.shown for p in library.posts()}


def test_rescan_reads_only_new_and_changed_files(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library([str(lib)])
    assert library.scan().read == len(EXPECTED)
    read_paths: list[str] = []
    original = read._read
    monkeypatch.setattr(read, "_read", lambda path, enc: read_paths.append(path) or original(path, enc))
    (lib / "2024" / "rust-async.md").write_text("---\ntitle: Async Rust, Revised\ndate: 2024-03-11\n---\n")
    (lib / "2024" / "new.md").write_text("---\ntitle: Brand New\ndate: 2025-01-01\n---\n")
    (lib / "notes" / "untitled-thoughts.markdown").unlink()
    stats = library.scan()
    assert sorted(os.path.relpath(p, lib) for p in read_paths) == ["2024/new.md", "2024/rust-async.md"]
    assert (stats.found, stats.read, stats.removed) == (len(EXPECTED), 2, 1)
    titles = [p.title for p in select(library.posts(), Query())]
    assert titles[:2] == ["Brand New", "Async Rust, Revised"]
    assert "untitled-thoughts" not in titles
    assert library.scan().read == 0


def test_corrupt_cache_is_rebuilt_with_a_warning(lib: Path) -> None:
    first = Library([str(lib)])
    first.scan()
    first.close()
    assert first.cache_path is not None
    first.cache_path.write_bytes(os.urandom(4096))
    again = Library([str(lib)])
    assert any("rebuilding" in w for w in again.warnings)
    again.scan()
    assert rel(lib, select(again.posts(), Query())) == list(EXPECTED)
    assert again.cache_path is not None and again.cache_path.exists()


def test_old_version_cache_is_rebuilt(lib: Path) -> None:
    first = Library([str(lib)])
    first.close()
    assert first.cache_path is not None
    with sqlite3.connect(first.cache_path) as conn:
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    again = Library([str(lib)])
    assert any("another version" in w for w in again.warnings)
    again.scan()
    assert len(again.posts()) == len(EXPECTED)


def test_locked_cache_falls_back_to_memory(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.05)
    first = Library([str(lib)])
    first.close()
    assert first.cache_path is not None
    blocker = sqlite3.connect(first.cache_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        library = Library([str(lib)])
        library.scan()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert library.cache_path is None
    assert any("in use by another mdread" in w for w in library.warnings)
    assert len(library.posts()) == len(EXPECTED)


def test_unwritable_cache_dir_falls_back_to_memory(lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "not-a-dir").write_text("")
    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "not-a-dir"))
    library = Library([str(lib)])
    library.scan()
    assert library.cache_path is None and any("in memory" in w for w in library.warnings)
    assert len(library.posts()) == len(EXPECTED)


def test_files_given_one_by_one_are_indexed_in_memory(lib: Path) -> None:
    library = Library([str(lib / "broken.md"), str(lib / "2021" / "cjk.md")])
    library.scan()
    assert library.cache_path is None
    assert sorted(p.title for p in library.posts()) == ["Broken Post", "共享内存优化"]


@pytest.mark.parametrize(("words", "expected"), [
    ("polled executor", ["2024/rust-async.md"]),
    ("quas", ["notes/untitled-thoughts.markdown"]),
    ("共享内存", ["2021/cjk.md"]),
    ("线程同步", ["2021/cjk.md"]),
    ("PERFORMANCE", ["2023/cuda-intro.mdx", "2022/web-perf.md"]),
    ("backend middleware", ["2023/go-http.md"]),
    ('"; DROP TABLE posts; -- NEAR( OR *', []),
])
def test_full_text_search(lib: Path, words: str, expected: list[str]) -> None:
    library = Library([str(lib)])
    library.scan()
    query = fts_query(words)
    assert query is not None
    found = library.search(query)
    assert sorted(os.path.relpath(p, lib) for p in found) == sorted(expected)
    assert all(p.minutes is not None for p in library.posts())


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("kube (x) OR") == '"kube"* AND "x"* AND "or"*'
    assert fts_query('  "" ** ') is None


@pytest.mark.parametrize(("query", "expected"), [
    (Query(tags=("performance",)), ["2023/cuda-intro.mdx", "2022/web-perf.md"]),
    (Query(tags=("CUDA", "gpu")), ["2023/cuda-intro.mdx"]),
    (Query(tags=("perf",)), []),
    (Query(since=dt.date(2023, 7, 1)), ["2024/rust-async.md", "2024/python-typing.md", "2023/cuda-intro.mdx",
                                        "2023/go-http.md"]),
    (Query(until=dt.date(2023, 7, 1)), ["2023/go-http.md", "2022/web-perf.md", "2021/cjk.md"]),
    (Query(since=dt.datetime(2023, 7, 1, 10, 0)), ["2024/rust-async.md", "2024/python-typing.md",
                                                   "2023/cuda-intro.mdx"]),
    (Query(drafts=False, until=dt.date(2024, 12, 31), since=dt.date(2024, 1, 1)), ["2024/rust-async.md"]),
])
def test_filters(lib: Path, query: Query, expected: list[str]) -> None:
    assert rel(lib, listed(lib, query)) == expected


def test_sort_by_title_and_tag_counts(lib: Path) -> None:
    posts = listed(lib, Query(sort="title"))
    assert [p.title for p in posts][:3] == ["Async Rust in Practice", "binary", "Broken Post"]
    counts = dict(tag_counts(posts))
    assert counts["cuda"] == 2 and counts["Performance"] == 2 and "performance" not in counts


def test_title_and_sentence_are_read_as_the_reader_reads_them() -> None:
    body = "```\n# not this\n```\n\nIntro line\n===\n\nFirst para. Second one.\n"
    assert read.summary(body) == ("Intro line", "First para.")
    assert read.summary("## Two\n\n#NoSpace\n\n#  Real *title* [link](x) #\n")[0] == "Real title link"
    assert read.summary("> quote\n\n- list\n\n![img](x)\n\n中文第一句。第二句。\n")[1] == "中文第一句。"
    assert read.summary("no heading here\n")[0] is None
    commented = "<!--\n# Draft title\n-->\n\n# Real title\n\nText.\n"
    assert read.summary(commented)[0] == "Real title"


def test_library_and_reader_agree_on_a_title_after_a_commented_heading(tmp_path: Path) -> None:
    from mdread.parse import parse

    post = tmp_path / "post.md"
    post.write_text("Intro.\n\n<!--\n# Old title\n\nmore\n-->\n\n# New title\n", encoding="utf-8")
    listed = Library([str(tmp_path)])
    listed.scan(None)
    assert [p.title for p in listed.posts()] == [parse(post.read_text()).metadata.title] == ["New title"]


def test_a_long_body_is_read_whole_when_its_top_has_no_title() -> None:
    body = "Para one.\n\n" + "filler text\n\n" * 4000 + "# Late title\n"
    assert read.summary(body) == ("Late title", "Para one.")


def test_progress_on_stderr_appears_after_the_delay_and_erases_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    progress = listing.StderrProgress(stream, "reading posts")
    progress(1, 3)
    assert stream.getvalue() == ""
    monkeypatch.setattr(listing, "PROGRESS_DELAY", -1.0)
    progress(2, 3)
    progress.close()
    assert stream.getvalue() == "\rmdread: reading posts 2/3\r\x1b[K"


def test_listing_and_reader_agree_on_reading_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SAMPLES
    from mdread.parse import parse

    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))
    library = Library([str(SAMPLES)])
    library.scan(None)
    library.index_full_text(None)
    posts = library.posts()
    assert len(posts) >= 15
    for post in posts:
        doc = parse(Path(post.path).read_text(encoding="utf-8"))
        assert post.minutes == doc.reading_minutes, post.path
