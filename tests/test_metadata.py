from __future__ import annotations

import datetime as dt

import pytest

from mdread.load.frontmatter import parse_date
from mdread.parse import parse


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-05", dt.date(2024, 1, 5)),
        ("2024-03-09T14:30:00+08:00", dt.datetime(2024, 3, 9, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))),
        ("2024-03-09 14:30", dt.datetime(2024, 3, 9, 14, 30)),
        ("2024-03-09T14:30:00Z", dt.datetime(2024, 3, 9, 14, 30, tzinfo=dt.UTC)),
        ("Jan 05 2024", dt.date(2024, 1, 5)),
        ("January 5, 2024", dt.date(2024, 1, 5)),
        ("5 Jan 2024", dt.date(2024, 1, 5)),
        ("2024/01/05", dt.date(2024, 1, 5)),
        ("2024年1月5日", dt.date(2024, 1, 5)),
        ("someday", None),
        ("", None),
        (20240105, None),
    ],
)
def test_parse_date_forms(value: object, expected: object) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("key", ["date", "publishDate", "pubDate", "published", "created"])
def test_every_date_key(key: str) -> None:
    doc = parse(f"---\n{key}: 2023-05-01\n---\nbody\n")
    assert doc.metadata.date == dt.date(2023, 5, 1)


def test_yaml_fields_lists_and_extra() -> None:
    doc = parse(
        "---\ntitle: Hello\ndescription: A  post\ntags: [a, b, a]\ncategories: [x]\nauthor: Me\n"
        "draft: true\nseries: S\n---\n# Ignored H1\n"
    )
    m = doc.metadata
    assert (m.title, m.description, m.tags, m.categories, m.author, m.draft) == (
        "Hello", "A post", ("a", "b"), ("x",), "Me", True)
    assert m.extra == {"series": "S"}


def test_comma_tags_and_toml() -> None:
    doc = parse('+++\ntitle = "T"\ntags = "rust, cli ,  performance"\ndate = 2022-02-03\ndraft = false\n+++\nbody\n')
    assert doc.metadata.tags == ("rust", "cli", "performance")
    assert doc.metadata.date == dt.date(2022, 2, 3)
    assert doc.metadata.draft is False


def test_title_falls_back_to_h1_then_file_name() -> None:
    assert parse("---\ntags: [a]\n---\n# From H1\n").metadata.title == "From H1"
    assert parse("no heading\n", path="/x/my-post.md").metadata.title == "my-post"
    assert parse("no heading\n").metadata.title == "(untitled)"


def test_broken_frontmatter_warns_and_keeps_body() -> None:
    doc = parse("---\ntitle: [unclosed\n---\n# Body heading\n\ntext\n")
    assert doc.metadata.warnings and "broken frontmatter" in doc.metadata.warnings[0]
    assert doc.metadata.title == "Body heading"
    assert [s.title for s in doc.sections] == ["Body heading"]


def test_unclosed_frontmatter_is_text() -> None:
    doc = parse("---\ntitle: x\n\n# Heading\n")
    assert "never closes" in doc.metadata.warnings[0]
    assert [s.title for s in doc.sections] == ["Heading"]


def test_unreadable_date_warns() -> None:
    doc = parse("---\ndate: whenever\n---\nx\n")
    assert doc.metadata.date is None and "unreadable date" in doc.metadata.warnings[0]


def test_fences_around_what_is_not_a_mapping_hold_no_frontmatter() -> None:
    doc = parse("---\n- a\n- b\n---\nx\n")
    assert doc.metadata.warnings == () and doc.metadata.extra == {}
    assert "a" in str(doc.blocks) and "b" in str(doc.blocks)
