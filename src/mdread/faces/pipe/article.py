"""From options to a face: load and parse the article, then write it or open the reader."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TextIO

from mdread.cli import Options
from mdread.errors import UsageError, UserError
from mdread.load import source as sources
from mdread.load.repair import uncertain_windows
from mdread.model import Document
from mdread.parse.parallel import parse_forked
from mdread.render.code.languages import canonical
from mdread.render.context import RenderContext
from mdread.render.themes import check_theme
from mdread.sanitize import clean

TERMINAL_TAB = 8


def load_document(opts: Options, on_first: Callable[[sources.Source, Document], object] | None = None,
                  ) -> tuple[sources.Source, Document]:
    """Read, decode, repair and parse the article, reporting on stderr what was fixed.

    ``on_first`` gets the top of a long article while the rest is parsed
    (see :func:`mdread.parse.parallel.parse_forked`).
    """
    src = sources.load(opts.target, encoding=opts.encoding, repair=opts.repair)
    first = (lambda top: on_first(src, top)) if on_first is not None else None
    doc = parse_forked(src.text, path=str(src.path) if src.path else None, on_first=first)
    name = sources.display_name(src.name)
    for warning in doc.metadata.warnings:
        print(f"mdread: {name}: {clean(warning)}", file=sys.stderr)
    if src.repair is not None:
        from mdread.load.repair import describe

        print(f"mdread: {name}: text repaired: {clean(describe(src.repair))} (--no-repair shows it as stored)",
              file=sys.stderr)
    return src, doc


def _languages(opts: Options, doc: Document) -> dict[int, str]:
    chosen: dict[int, str] = {}
    for number, name in opts.languages.items():
        if not 1 <= number <= len(doc.code_blocks):
            raise UsageError(f"--lang {number}={name}: no code block {number}; the article has {len(doc.code_blocks)}")
        chosen[number] = canonical(name)
    return chosen


def interactive(opts: Options) -> bool:
    """The reader opens when a person is at a terminal and no structured output was asked for."""
    return sys.stdout.isatty() and not (opts.force_print or opts.structured or opts.section is not None)


def _attach_terminal() -> None:
    """After reading an article from a pipe, take keys from the terminal, as ``less`` does."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise UserError("stdin was the article and there is no terminal to read keys from") from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 lives as long as the process


def read_interactively(opts: Options) -> int:
    src = sources.load(opts.target, encoding=opts.encoding, repair=opts.repair)
    if not sys.stdin.isatty():
        _attach_terminal()
    from mdread.faces.tui.app import Settings, make_app

    settings = Settings.build(code_theme=check_theme(opts.theme) if opts.theme else None,
                              line_numbers=opts.line_numbers, encoding=opts.encoding, repair=opts.repair)
    app = make_app(src, settings)
    app.run()
    return app.return_code or 0


def _context(opts: Options, out: TextIO, color: str | None, src: sources.Source,
             languages: dict[int, str]) -> RenderContext:
    from mdread.platform import terminal

    return RenderContext(
        width=terminal.width(opts.width, out),
        code_theme=check_theme(opts.theme),
        line_numbers=opts.line_numbers,
        links="terminal" if color is not None and out.isatty() else "text",
        languages=languages,
        uncertain=uncertain_windows(src.repair) if src.repair else frozenset(),
    )


def present(opts: Options) -> int:
    """Run the face the options ask for; returns the exit status."""
    if interactive(opts):
        return read_interactively(opts)
    from mdread.faces.pipe import output as pipe
    from mdread.platform import terminal

    out = sys.stdout
    check_theme(opts.theme)
    color = terminal.color_system(opts.color, out)
    written: list[int] = []

    def write_top(src: sources.Source, top: Document) -> None:
        pipe.write_document(top, _context(opts, out, color, src, {}), out, color, workers=0)
        written.append(len(top.blocks))

    whole = not (opts.source or opts.code is not None or opts.toc or opts.json or opts.section is not None)
    src, doc = load_document(opts, write_top if whole and not opts.languages else None)
    if opts.source:
        out.write(src.text if not out.isatty() else clean(src.text, tab_size=TERMINAL_TAB))
        return 0
    if opts.code is not None:
        text = pipe.code_text(doc, opts.code)
        out.write(text if not out.isatty() else clean(text, tab_size=TERMINAL_TAB))
        return 0
    if opts.toc:
        out.write(pipe.toc(doc))
        return 0
    ctx = _context(opts, out, color, src, _languages(opts, doc))
    if opts.json:
        out.write(pipe.to_json(doc, ctx))
        return 0
    if opts.section is not None:
        start, end = pipe.section_range(doc, pipe.find_section(doc, opts.section))
        pipe.write_document(doc, ctx, out, color, start, end, header=False)
        return 0
    if written:
        pipe.write_document(doc, ctx, out, color, written[0], header=False, after=True)
        return 0
    pipe.write_document(doc, ctx, out, color)
    return 0
