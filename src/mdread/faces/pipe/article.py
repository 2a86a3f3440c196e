"""The pipe face for one article: the rendering, or a structured part of it, on stdout.

Warnings go to stderr as ``mdread: NAME: …`` lines. A long article's top is
written while the rest is still being parsed.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from mdread.article import Article, LoadOptions, open_article
from mdread.errors import UsageError
from mdread.faces.pipe import output
from mdread.load.repair import uncertain_windows
from mdread.platform import background, terminal
from mdread.platform.storage import app_dir
from mdread.render.code import grammars_for
from mdread.render.code.languages import canonical
from mdread.render.context import DEFAULT_CODE_THEME, RenderContext
from mdread.render.themes import LIGHT_CODE_THEME, check_theme, theme_names
from mdread.sanitize import clean, one_line

if TYPE_CHECKING:
    from mdread.render.picture_cache import Pictures

TERMINAL_TAB = 8
PIPE_SCREEN_ROWS = 24
"""The screen height assumed for a pipe (``| less -R``): pictures take at most half of it."""


@dataclass(frozen=True)
class PipeOptions:
    """What to write and how it looks.

    Attributes:
        width: Cells to render at (None: the terminal's, or 80).
        color: ``auto``, ``always`` or ``never``.
        theme: A Pygments style for code, from ``--theme`` (None: see ``config_theme``).
        config_theme: The config file's ``code_theme``, used when ``--theme`` is
            not given (an unknown one is a warning). Without either, the theme
            suits the terminal's background: see :func:`code_theme`.
        line_numbers: Number code lines.
        languages: Highlight code block N as a language, by 1-based number.
        toc, json, source: Write the table of contents, the structure as JSON,
            or the decoded Markdown instead of the rendering.
        section: Write only this section (a number or heading text).
        code: Write only the raw text of this code block.
        images: ``blocks`` draws pictures as coloured half blocks (when there is
            colour); anything else writes each as its alt-text line.
    """

    width: int | None = None
    color: str = "auto"
    theme: str | None = None
    config_theme: str | None = None
    line_numbers: bool = False
    languages: dict[int, str] = field(default_factory=dict)
    toc: bool = False
    json: bool = False
    source: bool = False
    section: str | None = None
    code: int | None = None
    images: str = "auto"

    @property
    def whole(self) -> bool:
        """Whether the whole rendering is asked for (no part of it, no structured output)."""
        return not (self.source or self.toc or self.json or self.section is not None or self.code is not None)


def report(article: Article, stream: TextIO) -> None:
    """The article's warnings and its repair on ``stream``, one line each."""
    for warning in article.warnings:
        print(f"mdread: {article.name}: {one_line(warning)}", file=stream)
    if article.source.repair is not None:
        from mdread.load.repair import describe

        print(f"mdread: {article.name}: text repaired: {one_line(describe(article.source.repair))} "
              "(--no-repair shows it as stored)", file=stream)


def _languages(opts: PipeOptions, article: Article) -> dict[int, str]:
    count = len(article.document.code_blocks)
    chosen: dict[int, str] = {}
    for number, name in opts.languages.items():
        if not 1 <= number <= count:
            raise UsageError(f"--lang {number}={name}: no code block {number}; the article has {count}")
        chosen[number] = canonical(name)
    return chosen


def code_theme(opts: PipeOptions, out: TextIO, color: str | None, err: TextIO | None = None) -> str:
    """``--theme``, else the config's ``code_theme``, else a theme for the terminal's background.

    A light background (asked of the terminal when stdout is one, else read
    from ``COLORFGBG``) gets :data:`LIGHT_CODE_THEME`: the default's pale
    yellows and greys are unreadable on white.
    """
    if opts.theme:
        return check_theme(opts.theme)
    if opts.config_theme:
        if opts.config_theme in theme_names():
            return opts.config_theme
        print(f"mdread: config: unknown code_theme {clean(opts.config_theme)!r}; ignored", file=err or sys.stderr)
    if color is None:
        return DEFAULT_CODE_THEME
    return LIGHT_CODE_THEME if background.background(out.isatty()) == "light" else DEFAULT_CODE_THEME


def _context(opts: PipeOptions, out: TextIO, color: str | None, article: Article,
             languages: dict[int, str], theme: str) -> RenderContext:
    repair = article.source.repair
    return RenderContext(
        width=terminal.width(opts.width, out),
        code_theme=theme,
        line_numbers=opts.line_numbers,
        links="terminal" if color is not None and out.isatty() else "text",
        languages=languages,
        uncertain=uncertain_windows(repair) if repair else frozenset(),
        pictures=_pictures(opts, color, article),
        grammars=grammars_for(article.source.text),
    )


def _pictures(opts: PipeOptions, color: str | None, article: Article) -> Pictures | None:
    """Half-block pictures for ``--images=blocks`` with colour on, decoded as they are written; else None."""
    if opts.images != "blocks" or color is None:
        return None
    from mdread.render.picture_cache import Pictures
    path = article.source.path
    rows = shutil.get_terminal_size((terminal.DEFAULT_WIDTH, PIPE_SCREEN_ROWS)).lines
    return Pictures(path.parent if path else None, max_rows=max(4, rows // 2), eager=True,
                    cache=app_dir("cache") / "images")


def write_article(target: str, load: LoadOptions, opts: PipeOptions, out: TextIO | None = None,
                  err: TextIO | None = None) -> int:
    """Write what ``opts`` asks of the article at ``target``, warnings to ``err``; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    check_theme(opts.theme)
    color = terminal.color_system(opts.color, out)
    theme = code_theme(opts, out, color, err) if opts.whole or opts.section is not None else DEFAULT_CODE_THEME
    written: list[int] = []

    def write_top(top: Article, settled: bool) -> None:
        if settled:
            output.write_document(top.document, _context(opts, out, color, top, {}, theme), out, color, workers=0)
            written.append(len(top.document.blocks))

    early = opts.whole and not opts.languages
    article = open_article(target, load, on_top=write_top if early else None, fork=True, fifo=True)
    report(article, err)
    doc = article.document
    if opts.source:
        text = article.source.text
        out.write(text if not out.isatty() else clean(text, tab_size=TERMINAL_TAB))
    elif opts.code is not None:
        text = output.code_text(doc, opts.code)
        out.write(text if not out.isatty() else clean(text, tab_size=TERMINAL_TAB))
    elif opts.toc:
        out.write(output.toc(doc))
    else:
        ctx = _context(opts, out, color, article, _languages(opts, article), theme)
        if opts.json:
            out.write(output.to_json(doc, ctx))
        elif opts.section is not None:
            start, end = output.section_range(doc, output.find_section(doc, opts.section))
            output.write_document(doc, ctx, out, color, start, end, header=False)
        elif written:
            output.write_document(doc, ctx, out, color, written[0], header=False, after=True)
        else:
            output.write_document(doc, ctx, out, color)
    return 0
