"""Pictures: parsing a lone image, finding and sizing image files, drawing half blocks, the pipe's --images."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from clikit import run
from mdread.article import parse_article
from mdread.load.images import MAX_PIXELS, PictureError, decode, locate, read_header
from mdread.load.source import Source
from mdread.model import Paragraph, Picture
from mdread.render import RenderContext, render_top
from mdread.render.marks import line_text
from mdread.render.picture import half_blocks
from mdread.render.picture_cache import Pictures, fit

Image = pytest.importorskip("PIL.Image", reason="pictures need the images extra (Pillow)")


def _doc(text: str, folder: Path | None = None):
    path = folder / "post.md" if folder else None
    return parse_article(Source(text=text, name="post.md", path=path, encoding="utf-8")).document


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that claims ``width`` × ``height`` in a few bytes: a decompression bomb's header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    path.write_bytes(data + b"\0\0\0\0IEND\xaeB`\x82")
    return path


def two_colour(path: Path, size: tuple[int, int] = (2, 2)) -> Path:
    """Red on the top half, blue on the bottom half."""
    image = Image.new("RGB", size, (255, 0, 0))
    image.paste((0, 0, 255), (0, size[1] // 2, size[0], size[1]))
    image.save(path)
    return path


def test_a_lone_image_is_a_picture_and_one_among_words_stays_inline() -> None:
    doc = _doc('![A *red* square](red.png "Red")\n\nSee ![icon](i.png) here.\n\n- ![in a list](l.png)\n')
    picture, paragraph, listing = doc.blocks
    assert picture == Picture(src="red.png", alt="A red square", title="Red", line=1)
    assert isinstance(paragraph, Paragraph) and any("image" in run.marks for run in paragraph.inline)
    assert listing.items[0].blocks == (Picture(src="l.png", alt="in a list", title=None, line=5),)


def test_a_picture_wrapped_in_a_link_is_a_picture_that_keeps_a_page_link_only(tmp_path: Path) -> None:
    doc = _doc("[![Chart](small.png)](big.png)\n\n[![Demo](demo.gif)](https://example.com/demo)\n", tmp_path)
    assert [(b.src, b.link) for b in doc.blocks] == [("small.png", None), ("demo.gif", "https://example.com/demo")]
    Image.new("RGB", (16, 8)).save(tmp_path / "demo.gif")
    lines = render_top(doc, 1, RenderContext(width=60, links="reader", pictures=Pictures(tmp_path, eager=True)))
    assert line_text(lines[-1]) == "Demo" and lines[-1][0].style.meta["href"] == "https://example.com/demo"


@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", "png"), ("GIF", "gif"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_the_size_comes_from_the_header(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = tmp_path / f"x.{suffix}"
    Image.new("RGB", (321, 123), (10, 200, 10)).save(path, fmt)
    header = read_header(path)
    assert (header.width, header.height) == (321, 123)


def test_a_progressive_jpeg_with_exif_and_a_lossless_webp_are_sized(tmp_path: Path) -> None:
    Image.new("RGB", (64, 48)).save(tmp_path / "p.jpg", "JPEG", progressive=True, exif=Image.Exif().tobytes())
    Image.new("RGBA", (50, 60)).save(tmp_path / "l.webp", "WEBP", lossless=True)
    assert (read_header(tmp_path / "p.jpg").width, read_header(tmp_path / "p.jpg").height) == (64, 48)
    assert (read_header(tmp_path / "l.webp").width, read_header(tmp_path / "l.webp").height) == (50, 60)


@pytest.mark.parametrize(("svg", "size"), [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="640px" height="320">', (640, 320)),
    ('<?xml version="1.0"?>\n<!-- a comment -->\n<svg viewBox="0 0 32 16" width="100%">', (32, 16)),
    ("<svg xmlns='http://www.w3.org/2000/svg'>", (300, 150)),
])
def test_an_svg_is_sized_from_its_root_element(tmp_path: Path, svg: str, size: tuple[int, int]) -> None:
    path = tmp_path / "d.svg"
    path.write_text(svg + "</svg>")
    header = read_header(path)
    assert (header.kind, header.width, header.height) == ("svg", *size)


def test_an_svg_is_drawn_on_a_white_page(tmp_path: Path) -> None:
    path = tmp_path / "d.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40">'
                    '<rect x="0" y="0" width="40" height="40" fill="#ff0000"/></svg>')
    image = decode(path, read_header(path), (8, 4))
    assert image.getpixel((1, 1))[:3] == (255, 0, 0) and image.getpixel((6, 2))[:3] == (255, 255, 255)


def test_an_svg_sized_in_points_is_drawn_by_its_view_box(tmp_path: Path) -> None:
    path = tmp_path / "graffle.svg"
    path.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40" '
                    'width="80pt" height="40pt"><rect width="40" height="40" fill="#0000ff"/></svg>')
    header = read_header(path)
    assert (header.width, header.height) == (80, 40)
    assert decode(path, header, (8, 4)).getpixel((1, 1))[:3] == (0, 0, 255)


def test_a_decompression_bomb_is_refused_by_its_header(tmp_path: Path) -> None:
    bomb = png_header_only(tmp_path / "bomb.png", 30_000, 30_000)
    assert MAX_PIXELS < 30_000 * 30_000
    with pytest.raises(PictureError, match="too large to draw"):
        read_header(bomb)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "not a PNG, JPEG, GIF, WebP or SVG"),
    (b"<?xml version='1.0'?><html></html>", "no <svg> element"),
    (b"<svg><oops", None),
    (b"GIF89a\x01", "cut short"),
    (b"\xff\xd8\xff\xe0\x00\x00", "damaged segment"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10garbage", None),
])
def test_broken_files_say_why_and_never_raise_anything_else(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    try:
        header = read_header(path)
    except PictureError as exc:
        assert reason is not None and reason in str(exc)
        return
    assert reason is None
    with pytest.raises(PictureError, match="damaged image"):
        decode(path, header, (4, 4))


def test_a_fifo_or_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.png")
    with pytest.raises(PictureError, match="not a regular file"):
        read_header(tmp_path / "pipe.png")
    with pytest.raises(PictureError, match="not a regular file"):
        read_header(Path("/dev/zero"))
    with pytest.raises(PictureError, match="not a regular file"):
        read_header(tmp_path)


def test_images_are_found_beside_the_post_and_in_a_hexo_or_hugo_site(tmp_path: Path) -> None:
    hexo = tmp_path / "hexo"
    (hexo / "source" / "_posts").mkdir(parents=True)
    (hexo / "source" / "images").mkdir()
    two_colour(hexo / "source" / "images" / "a.png")
    hugo = tmp_path / "hugo"
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "static" / "img").mkdir(parents=True)
    two_colour(hugo / "static" / "img" / "b.png")
    assert locate("/images/a.png", hexo / "source" / "_posts").path == hexo / "source" / "images" / "a.png"
    assert locate("/img/b.png", hugo / "content" / "posts").path == hugo / "static" / "img" / "b.png"
    assert locate("pics/c%20d.png", tmp_path).path == tmp_path / "pics" / "c d.png"
    assert locate(str(tmp_path / "abs.png"), None).path == tmp_path / "abs.png"
    assert locate("https://example.com/x.png", tmp_path).url == "https://example.com/x.png"
    assert "stdin" in (locate("x.png", None).reason or "")
    assert locate("data:image/png;base64,AAAA", tmp_path).reason == "data: images are not shown"


def test_a_picture_fits_the_width_and_half_a_screen() -> None:
    wide, tall, small = read_size(4000, 1000), read_size(400, 4000), read_size(64, 32)
    assert fit(wide, 80, 20) == (80, 10)
    assert fit(tall, 80, 20) == (4, 20)
    assert fit(small, 80, 20) == (8, 2)


def read_size(width: int, height: int):
    from mdread.load.images import Header

    return Header("png", width, height)


def test_half_blocks_draw_the_upper_pixel_over_the_lower(tmp_path: Path) -> None:
    image = Image.new("RGBA", (2, 2), (0, 0, 0, 0))
    image.putpixel((0, 0), (255, 0, 0, 255))
    image.putpixel((0, 1), (0, 0, 255, 255))
    image.putpixel((1, 1), (0, 255, 0, 255))
    (line,) = half_blocks(image)
    first, second = line
    assert first.text == "▀" and first.style.color.triplet == (255, 0, 0) and first.style.bgcolor.triplet == (0, 0, 255)
    assert second.text == "▄" and second.style.color.triplet == (0, 255, 0) and second.style.bgcolor is None


def test_pictures_render_with_their_caption_and_placeholders_say_why(tmp_path: Path) -> None:
    two_colour(tmp_path / "red-blue.png", (64, 32))
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10garbage")
    doc = _doc("![Red over blue](red-blue.png)\n\n![gone](missing.png)\n\n![corrupt](bad.png)\n\n"
               "![web](https://example.com/w.png)\n\n![bomb](bomb.png)\n", tmp_path)
    png_header_only(tmp_path / "bomb.png", 30_000, 30_000)
    ctx = RenderContext(width=40, pictures=Pictures(tmp_path, eager=True))
    drawn = render_top(doc, 0, ctx)
    assert [line_text(line) for line in drawn] == ["▀" * 8, "▀" * 8, "Red over blue"]
    assert drawn[0][0].style.color.triplet == (255, 0, 0) and drawn[1][0].style.bgcolor.triplet == (0, 0, 255)
    texts = [" ".join(line_text(line) for line in render_top(doc, i, ctx)) for i in range(1, 5)]
    assert texts[0] == "▣ gone  missing.png: no such file"
    assert texts[1].startswith("▣ corrupt  bad.png: damaged image")
    assert texts[2] == "▣ web  https://example.com/w.png"
    assert "too large to draw" in texts[3] and "(30000×30000 pixels)" in texts[3]


def test_without_pictures_a_picture_is_its_alt_text_line(tmp_path: Path) -> None:
    doc = _doc("![Red over blue](red-blue.png)\n", tmp_path)
    assert line_text(render_top(doc, 0, RenderContext(width=60))[0]) == "[image: Red over blue] red-blue.png"


def test_the_pipe_keeps_the_alt_text_line_and_draws_half_blocks_when_asked(tmp_path: Path) -> None:
    two_colour(tmp_path / "red-blue.png", (64, 32))
    post = tmp_path / "post.md"
    post.write_text("# Colours\n\n![Red over blue](red-blue.png)\n\n![web](https://example.com/w.png)\n")
    plain = run("--width", "60", str(post))
    assert "[image: Red over blue] red-blue.png" in plain.stdout and "▀" not in plain.stdout
    blocks = run("--width", "60", "--images", "blocks", "--color", "always", str(post), env={"COLORTERM": "truecolor"})
    assert blocks.returncode == 0, blocks.stderr
    assert "\x1b[38;2;255;0;0;48;2;" in blocks.stdout and ";48;2;0;0;255m▀▀▀▀▀▀▀▀" in blocks.stdout
    assert "Red over blue" in blocks.stdout and "https://example.com/w.png" in blocks.stdout
    no_colour = run("--width", "60", "--images", "blocks", "--color", "never", str(post))
    assert "[image: Red over blue]" in no_colour.stdout and "▀" not in no_colour.stdout


def test_a_bad_images_mode_is_a_usage_error(tmp_path: Path) -> None:
    res = run("--images", "pixels", str(tmp_path / "post.md"))
    assert res.returncode == 2 and "invalid choice: 'pixels'" in res.stderr


def test_kittys_row_and_column_marks_are_derived_from_unicode() -> None:
    import unicodedata

    from mdread.render.kitty import DIACRITICS

    composed = {int(part, 16) for code in range(0x3000) for part in unicodedata.decomposition(chr(code)).split()
                if not unicodedata.decomposition(chr(code)).startswith("<")}
    marks = [code for code in range(0x300, 0x900) if unicodedata.combining(chr(code)) == 230
             and not unicodedata.decomposition(chr(code)) and code not in composed]
    assert list(DIACRITICS) == marks[: len(DIACRITICS)]


def test_kitty_cells_name_the_image_by_colour_and_each_cell_by_its_row_and_column() -> None:
    from mdread.render.kitty import DIACRITICS, PLACEHOLDER, placeholder_cells

    lines = placeholder_cells(0x0A0B0C, 3, 2)
    assert [line[0].cell_length for line in lines] == [3, 3]
    assert lines[0][0].style.color.triplet == (10, 11, 12)
    assert lines[1][0].text[3:6] == PLACEHOLDER + chr(DIACRITICS[1]) + chr(DIACRITICS[1])


def test_kitty_escapes_send_the_picture_in_chunks_then_place_it(tmp_path: Path) -> None:
    from mdread.faces.tui.images import kitty_transmit

    image = Image.effect_noise((200, 200), 50).convert("RGBA")
    escapes = kitty_transmit(image, 42, (20, 10))
    parts = escapes.split("\x1b\\")[:-1]
    assert parts[0].startswith("\x1b_Gf=100,i=42,q=2,m=1;") and parts[-2].startswith("\x1b_Gm=0;")
    assert all(len(part.split(";", 1)[1]) <= 4096 for part in parts[:-1])
    assert parts[-1] == "\x1b_Ga=p,U=1,i=42,c=20,r=10,q=2"


@pytest.mark.parametrize(("env", "protocol"), [
    ({"TERM": "xterm-kitty"}, "kitty"),
    ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, "blocks"),
    ({"TERM_PROGRAM": "ghostty"}, "kitty"),
    ({"TERM_PROGRAM": "WezTerm"}, "sixel"),
    ({"TERM": "xterm-256color"}, "blocks"),
])
def test_auto_picks_what_the_terminal_says_it_speaks(env: dict[str, str], protocol: str) -> None:
    from mdread.platform.terminal import picture_protocol

    assert picture_protocol("auto", env) == protocol
    assert picture_protocol("off", env) == "off"
