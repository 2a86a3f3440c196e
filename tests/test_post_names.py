"""Dates from Jekyll's dated file names, ``name:`` as a title, and descriptions that skip labels.

The reader's header, ``--json`` and the library all read the one normalised metadata, so each
rule is checked in all three.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from clikit import run
from mdread.library.read import summary
from mdread.parse import parse


def test_dated_file_name_dates_a_post_without_frontmatter() -> None:
    doc = parse("Some notes.\n", path="/blog/_posts/2013-01-08-python-beginner.markdown")
    assert doc.metadata.date == dt.date(2013, 1, 8)
    assert doc.metadata.title == "python-beginner"


def test_frontmatter_date_wins_over_the_file_name() -> None:
    doc = parse("---\ndate: 2020-02-02\n---\nx\n", path="/b/2013-01-08-a.md")
    assert doc.metadata.date == dt.date(2020, 2, 2)


def test_not_a_day_is_no_date() -> None:
    doc = parse("x\n", path="/b/2023-02-30-nope.md")
    assert doc.metadata.date is None and doc.metadata.title == "2023-02-30-nope"


def test_name_is_a_title_when_there_is_no_title() -> None:
    doc = parse("---\nname: Python\nfilename: learnpython.py\n---\n# Heading\n", path="/x/python.md")
    assert doc.metadata.title == "Python"
    assert "name" not in doc.metadata.extra and doc.metadata.extra["filename"] == "learnpython.py"
    titled = parse("---\ntitle: Real\nname: Other\n---\nx\n")
    assert titled.metadata.title == "Real" and titled.metadata.extra["name"] == "Other"


def test_label_paragraphs_are_no_description() -> None:
    assert summary("前言：\n\n最近在做一个项目。后来又改了。\n")[1] == "最近在做一个项目。"
    assert summary("Usage:\n\n    run it\n\nIt runs fast. Really.\n")[1] == "It runs fast."
    assert summary("I built a tool. Here is how:\n\n```\nx\n```\n")[1] == "I built a tool."


def test_a_post_that_is_only_a_label_keeps_it() -> None:
    only = "需求是找到新文件，于是用了下面的指令："
    assert summary(f"{only}\n\n```\nfind .\n```\n")[1] == only
    assert summary("HTML代码：\n\n```\n<b>\n```\n\n说明：\n")[1] == "HTML代码："


def test_reader_json_and_library_agree(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2013-01-08-python-beginner.md").write_text("前言：\n\n最近有点闲。\n", encoding="utf-8")
    (posts / "python.md").write_text("---\nname: Python\n---\nA language.\n", encoding="utf-8")
    article = json.loads(run("--json", str(posts / "2013-01-08-python-beginner.md")).stdout)
    assert article["metadata"]["date"] == "2013-01-08" and article["metadata"]["title"] == "python-beginner"
    listed = {p["title"]: p for p in json.loads(run("--json", str(posts)).stdout)["posts"]}
    assert listed["python-beginner"]["date"] == "2013-01-08"
    assert listed["python-beginner"]["description"] == "最近有点闲。"
    assert listed["Python"]["description"] == "A language."
