"""The library's columns at each width: the title gets the room, the rest drop from the right, cuts end in …."""

from __future__ import annotations

import datetime as dt

import pytest

from mdread.faces.tui.columns import GAP, natural, plan, preview, row
from mdread.library.post import Post


def post(title: str = "A post", tags: tuple[str, ...] = ("a",), categories: tuple[str, ...] = ("c",),
         description: str = "What it says.") -> Post:
    return Post(path="/p.md", shown="p.md", title=title, date=dt.date(2024, 1, 2), tags=tags, categories=categories,
                author="Ana", description=description, draft=False, minutes=3, warnings=())


WANTS = {"title": 40, "tags": 20, "categories": 12}


def keys(width: int, wants: dict[str, int] = WANTS) -> list[str]:
    return [column.key for column, _ in plan(width, wants)]


@pytest.mark.parametrize(("width", "expected"), [
    (160, ["title", "date", "tags", "categories", "minutes", "description"]),
    (90, ["title", "date", "tags", "categories", "minutes"]),
    (68, ["title", "date", "tags", "categories"]),
    (56, ["title", "date", "tags"]),
    (45, ["title", "date"]),
    (30, ["title"]),
])
def test_columns_drop_right_to_left(width: int, expected: list[str]) -> None:
    assert keys(width) == expected


@pytest.mark.parametrize("width", [30, 45, 60, 77, 90, 120, 160, 300])
def test_the_row_is_filled_exactly_and_the_title_gets_the_room(width: int) -> None:
    columns = plan(width, WANTS)
    assert sum(w for _, w in columns) + GAP * (len(columns) - 1) == width
    widths = {column.key: w for column, w in columns}
    assert widths["title"] >= min(WANTS["title"], max(24, width * 2 // 5), width)


def test_a_column_nobody_fills_is_not_shown() -> None:
    assert "categories" not in keys(160, {"title": 40, "tags": 20, "categories": 0})


def test_natural_widths_are_what_nine_posts_in_ten_need() -> None:
    posts = [post(tags=("x",)) for _ in range(19)] + [post(tags=tuple(f"tag{i}" for i in range(20)))]
    assert natural(posts)["tags"] == 1


def test_cut_cells_end_in_an_ellipsis_and_cjk_lines_up() -> None:
    columns = plan(60, WANTS)
    long = row(post(title="共享内存优化：从矩阵乘法到线程同步的一次完整实践", tags=tuple("abcdefg")), columns)
    short = row(post(), columns)
    assert long.cell_len == short.cell_len == 60
    assert "…" in long.plain and "a, b, c" in long.plain


def test_preview_holds_the_whole_row() -> None:
    text = preview(post(tags=tuple(f"t{i}" for i in range(7)), description="First sentence of it.")).plain
    assert text.split("\n") == ["A post  2024-01-02 · Ana · 3 min read",
                                "#t0  #t1  #t2  #t3  #t4  #t5  #t6  @c", "First sentence of it."]
