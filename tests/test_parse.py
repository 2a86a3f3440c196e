from __future__ import annotations

from pathlib import Path

import pytest

from mdread.model import CodeBlock, ListBlock, Paragraph, Quote, Table, plain
from mdread.parse import parse
from mdread.parse.fences import info_language
from mdread.parse.scan import quick_prefix

SECTIONS = Path(__file__).parent / "fixtures" / "sections"


def _toc(md: str) -> str:
    doc = parse(md)
    return "".join(f"{'  ' * s.depth}{s.number} {s.title} [h{s.level} line {s.line}]\n" for s in doc.sections)


@pytest.mark.parametrize("case", sorted(p.stem for p in SECTIONS.glob("*.md")))
def test_section_tree(case: str) -> None:
    md = (SECTIONS / f"{case}.md").read_text(encoding="utf-8")
    assert _toc(md) == (SECTIONS / f"{case}.toc").read_text(encoding="utf-8")


def test_section_ranges_and_children() -> None:
    doc = parse("# A\n\ntext\n\n## B\n\nmore\n\n# C\n")
    a, b, c = doc.sections
    assert a.children == (1,) and b.parent == 0 and c.parent is None
    assert (a.block, a.block_end) == (0, 4)
    assert (b.block, b.block_end) == (2, 4)
    assert a.line_end == 8 and c.line_end == 9
    assert doc.section_at(3) == 1 and doc.section_at(4) == 2
    assert [s.title for s in doc.section_path(1)] == ["A", "B"]


def test_preamble_has_no_section() -> None:
    doc = parse("intro\n\n# A\n")
    assert doc.section_at(0) is None
    assert doc.section_at(1) == 0


@pytest.mark.parametrize(
    ("info", "language"),
    [("python", "python"), ("Python", "python"), ('python title="x.py"', "python"), ("{.rust}", "rust"),
     ("c++", "c++"), ("", None), ("{.cuda .numberLines}", "cuda")],
)
def test_info_language(info: str, language: str | None) -> None:
    assert (info_language(info) if info else None) == language


def test_code_blocks_index_lines_text_and_section() -> None:
    md = (
        "---\ntitle: t\n---\n# One\n\n```python title=\"a.py\"\nprint(1)\n```\n\n"
        "- item\n\n  ```sh\n  ls\n  ```\n\nPara.\n\n    indented\n"
    )
    doc = parse(md)
    first, nested, indented = doc.code_blocks
    assert (first.index, first.language, first.text) == (1, "python", "print(1)\n")
    assert (first.line_start, first.line_end) == (6, 8)
    assert first.info == 'python title="a.py"' and first.section == 0
    assert (nested.index, nested.language, nested.text) == (2, "sh", "ls\n")
    assert doc.code_owner[1] == 2 and isinstance(doc.blocks[2], ListBlock)
    assert (indented.index, indented.language, indented.text) == (3, None, "indented\n")


def test_inline_marks_links_and_images() -> None:
    doc = parse("Some *em* **strong** `code` ~~gone~~ [link](https://a.example) ![alt](p.png) https://bare.example\n")
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    marks = {r.text: (set(r.marks), r.href) for r in para.inline}
    assert marks["em"] == ({"em"}, None)
    assert marks["strong"] == ({"strong"}, None)
    assert marks["code"] == ({"code"}, None)
    assert marks["gone"] == ({"strike"}, None)
    assert marks["link"] == ({"link"}, "https://a.example")
    assert marks["alt"] == ({"image"}, "p.png")
    assert marks["https://bare.example"] == ({"link"}, "https://bare.example")


def test_cjk_soft_break_joins_without_space() -> None:
    para = parse("中文第一行\n第二行 and\nEnglish\n").blocks[0]
    assert isinstance(para, Paragraph)
    assert "".join(r.text for r in para.inline) == "中文第一行第二行 and English"


def test_tables_tasks_quotes_html_footnotes() -> None:
    md = (
        "| a | 中文 |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n> quoted\n\n<div>raw</div>\n\n"
        "Note[^n].\n\n[^n]: The note.\n"
    )
    doc = parse(md)
    table, tasks, quote, html, _, notes = doc.blocks
    assert isinstance(table, Table) and table.align == ("left", "right") and len(table.rows) == 1
    assert isinstance(tasks, ListBlock) and [i.checked for i in tasks.items] == [True, False]
    assert isinstance(quote, Quote) and isinstance(html, Paragraph) and plain(html.inline) == "raw"
    assert notes.notes[0][0] == "n"


def test_code_block_is_code_block_type() -> None:
    assert isinstance(parse("```\nx\n```\n").blocks[0], CodeBlock)


def test_huge_table_becomes_slices_under_one_header() -> None:
    rows = "".join(f"| {i} | row {i} |\n" for i in range(1200))
    doc = parse(f"# T\n\n| n | text |\n|---|---|\n{rows}\nAfter.\n")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [500, 500, 200]
    assert all(plain(t.header[1]) == "text" for t in tables)
    assert [plain(t.rows[0][0]) for t in tables] == ["0", "500", "1000"]
    assert [t.line for t in tables] == [3 + 2, 3 + 2 + 500, 3 + 2 + 1000]
    assert doc.sections[0].block_end == len(doc.blocks)


def test_quick_prefix_cuts_between_blocks_or_bounds_a_huge_table() -> None:
    prose = "".join(f"Paragraph {i}.\n\n" for i in range(2000))
    cut = quick_prefix(prose, 1000)
    assert cut is not None and cut.endswith("\n\n") and 1000 <= len(cut) < 1100
    fenced = "```\n" + "x\n\n" * 3000 + "```\n\nAfter.\n" + "tail\n\n" * 2000
    cut = quick_prefix(fenced, 100)
    assert cut is not None and cut.count("```") == 2
    table = "| a |\n|---|\n" + "| 1 |\n" * 100000
    cut = quick_prefix(table, 1000)
    assert cut is not None and 2000 <= len(cut) < 2100
    assert quick_prefix("short\n", 1000) is None


def test_file_names_in_prose_are_not_links() -> None:
    para = parse("Run train.py, edit config.io, see https://x.org/a or mail a@b.co\n").blocks[0]
    assert isinstance(para, Paragraph)
    assert [(r.text, r.href) for r in para.inline if r.href] == [
        ("https://x.org/a", "https://x.org/a"), ("a@b.co", "mailto:a@b.co")]
