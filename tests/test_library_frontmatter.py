"""The library's fast frontmatter paths must agree with PyYAML and tomllib whenever they answer at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from library_corpus import POSTS
from mdread.library import simple_toml, simple_yaml
from mdread.load import frontmatter as meta

SCALARS = [
    "a", "Notes on C#", "a #b", "a: b", "a:b", "http://x.y/z", "x:", "Tom & Jerry", "前端", "a  b", "Yes please",
    "yes", "No", "on", "OFF", "true", "null", "~", "y", "0", "12", "012", "0x1f", "1_000", "-5", "+3", "1.5", ".5",
    "1e3", ".inf", "1:20", "=", "<<", ".", "...", "-", "--", "2023-05-01", "2023-5-1", "2023-02-30",
    "2023-05-01T10:00:00", "2023-05-01 10:00", '"q"', "'q'", '"a, b"', "'it''s'", '"a\\"b"', '" sp "', "[a, b]", "[]",
    '[a, "b, c", 3]', "[a,]", "[a, [b]]", "{a: 1}", "&x a", "*x", "!tag a", "|", ">", "- a", "? a", "@a", "`a`",
    "%a", "a\tb", "\x07", "#c",
]
KEYS = ["title", "date", "tags", "yes", "on", "2020", "null", "a-b", "a b", '"q"', "x_y", "og:image"]
TOML_VALUES = [
    '"a"', "'a'", '"a\\nb"', "'C:\\x'", "\"say 'hi'\"", '"""x"""', "'''x'''", '""', "''", "true", "false", "True",
    "0", "12", "+3", "-0", "012", "1_000", "1.5", "inf", "nan", "0x1f", "1979-05-27", "1979-5-27", "1979-02-30",
    "1979-05-27T07:32:00Z", "1979-05-27T07:32:00-07:00", "1979-05-27T07:32:00+05:30", "1979-05-27T07:32:00",
    "1979-05-27t07:32:00z", "1979-05-27 07:32:00Z", "1979-05-27T07:32:00.999Z", "1979-05-27T07:32:60Z",
    "1979-05-27T07:32:00+24:00", "07:32:00", '["a", "b"]', "[1, 2, ]", "[ ]", "[]", "[, 1]", "[a]", '["a" "b"]',
    '[["a"]]', "{ a = 1 }", '"a" # c', '"a # b"', "", "前端", '"前端"', '"a\u3000"', '"tab\there"', '"x"\u3000',
    '"bell\x07"', '"cr\rx"',
]
TOML_KEYS = ["title", "date", "tags", "a-b", "2020", '"q"', "a.b", "a b", "_x"]


def _agrees(text: str) -> bool:
    fast = simple_yaml.split(text) or simple_toml.split(text)
    if fast is None:
        return False
    slow = meta.split(text)
    assert (fast.fields, fast.body, fast.body_line, fast.warnings) == (
        slow.fields, slow.body, slow.body_line, slow.warnings), text
    return True


@st.composite
def yaml_frontmatter(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(KEYS))
        kind = draw(st.integers(0, 9))
        if kind < 2:
            indent = draw(st.sampled_from(["", "  ", "    "]))
            items = draw(st.lists(st.sampled_from(SCALARS), max_size=3))
            lines += [f"{key}:", *(f"{indent}- {item}" for item in items)]
        elif kind < 3:
            lines.append(draw(st.sampled_from(["# comment", "", "  # c", "  x: y", "  continuation"])))
        else:
            comment = draw(st.sampled_from(["", "", " ", " # c"]))
            lines.append(f"{key}: {draw(st.sampled_from(SCALARS))}{comment}")
    return "---\n" + "\n".join(lines) + "\n---\n\n# Body\n"


@st.composite
def toml_frontmatter(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["# comment", "", "[table]", "  ", "x"])))
            continue
        space = draw(st.sampled_from([" ", "", "\t", "  "]))
        lines.append(f"{draw(st.sampled_from(TOML_KEYS))}{space}={space}{draw(st.sampled_from(TOML_VALUES))}")
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return "+++" + ending + ending.join(lines) + ending + "+++\n\n# Body\n"


@settings(max_examples=1500, deadline=None)
@given(yaml_frontmatter())
def test_yaml_fast_path_agrees_with_pyyaml(text: str) -> None:
    _agrees(text)


@settings(max_examples=1500, deadline=None)
@given(toml_frontmatter())
def test_toml_fast_path_agrees_with_tomllib(text: str) -> None:
    _agrees(text)


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.iterdir() if p.is_file()), ids=lambda p: p.name)
def test_sample_posts_agree(path: Path) -> None:
    _agrees(path.read_text(encoding="utf-8"))


def test_common_frontmatter_takes_the_fast_path() -> None:
    assert _agrees(POSTS["2024/rust-async.md"])
    assert _agrees(POSTS["2022/web-perf.md"])
    assert _agrees(POSTS["2023/go-http.md"])
    assert not _agrees(POSTS["broken.md"])
