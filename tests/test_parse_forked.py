"""Parsing a long body in parts, on several cores, builds exactly the document one pass builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdread.parse import parallel as forked
from mdread.parse import parse
from mdread.parse.scan import cut_points


def cuts_for(body: str, parts: int) -> list[int]:
    """Cuts for ``parts`` parts of even length."""
    return cut_points(body, [len(body) * i // parts for i in range(1, parts)])


SAMPLES = sorted((Path(__file__).parent.parent / "sample_posts").glob("*.md"))


def test_cuts_fall_before_headings_outside_fences_and_raw_html() -> None:
    body = (
        "# One\n\ntext\n\n```\n\n# in a fence\n```\n\n<!--\n\n# in a comment\n\n-->\n\n"
        "<pre>\n\n# in pre\n\n</pre>\n\n# Two\n\nend\n"
    )
    cuts = cuts_for(body, 2)
    assert [body[cut:].splitlines()[0] for cut in cuts] == ["# Two"]
    assert cuts_for("# A\n\ntext\n# B\n", 2) == []


@pytest.mark.parametrize("body", [
    "# T0\n# T1\n<div>\n\nhtml\n</div>\n~~~\n\n# still code\n~~~\n\n# T4\n\n",
    "# A\n\n- item\n  ```\n  code\n\n# B\n  ```\n\n# C\n\ntext\n",
])
def test_cuts_the_line_scan_gets_wrong_are_refused(body: str, eager: None) -> None:
    assert cuts_for(body, 3)
    assert forked.parse_parts(body) == parse(body)


@pytest.mark.parametrize("definition", ["[ref]: https://example.com", "[^1]: a footnote"])
def test_bodies_with_definitions_are_never_cut(definition: str) -> None:
    assert cuts_for(f"# A\n\n[ref] [^1]\n\n# B\n\n{definition}\n\n# C\n", 2) == []


@pytest.fixture
def eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork for any body, into three parts, as a three-core machine would for a long one."""
    monkeypatch.setattr(forked, "PARALLEL_PARSE_CHARS", 0)
    monkeypatch.setattr(forked, "cores", lambda: 3)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_posts_parse_the_same_in_parts(sample: Path, eager: None) -> None:
    text = sample.read_text(encoding="utf-8")
    body = text * 3
    assert forked.parse_parts(body, path=str(sample)) == parse(body, path=str(sample))


def test_most_sample_posts_are_cut() -> None:
    cut = [p for p in SAMPLES if cuts_for(p.read_text(encoding="utf-8") * 3, 3)]
    assert len(cut) >= len(SAMPLES) // 2


def test_a_failed_worker_leaves_its_part_to_the_parent(eager: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked._PartWorker, "_serve", lambda self, parent, inbox, outbox: 1)
    text = next(t for t in (p.read_text(encoding="utf-8") * 3 for p in SAMPLES) if cuts_for(t, 3))
    assert forked.parse_parts(text) == parse(text)


BLOCKS = st.sampled_from([
    "# Title {n}", "## Sub {n}", "### Deep {n}", "para {n} with `code` and *em*", "> quote {n}\n> more",
    "- item {n}\n  - nested", "1. one\n2. two", "```python\nx = {n}\n# not a heading\n```",
    "~~~\n\n# still code\n~~~", "<!-- comment {n}\n\n# hidden\n-->", "<div>\n\nhtml {n}\n</div>",
    "| a | b |\n|---|---|\n| {n} | x |", "    indented code {n}", "Setext {n}\n---", "***",
    "```\nunclosed fence {n}", "</div>\n~~~", "- item {n}\n  ```\n  code", "  ```", "<span>{n}</span>",
    "> ```\n> # quoted code", "[^{n}]: note", "    ~~~",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blocks=st.lists(BLOCKS, min_size=1, max_size=30), seps=st.lists(st.sampled_from(["\n", "\n\n"]), max_size=30))
def test_any_body_parses_the_same_in_parts(blocks: list[str], seps: list[str], eager: None) -> None:
    parts = [block.format(n=i) for i, block in enumerate(blocks)]
    text = "".join(part + (seps[i] if i < len(seps) else "\n\n") for i, part in enumerate(parts))
    assert forked.parse_parts(text) == parse(text)


def test_no_fork_means_one_process(eager: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", refuse)
    text = next(t for t in (p.read_text(encoding="utf-8") * 3 for p in SAMPLES) if cuts_for(t, 3))
    assert forked.parse_parts(text) == parse(text)
