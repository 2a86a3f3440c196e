"""The command line: arguments mapped onto the options of a face, the face chosen, errors mapped to exit codes.

Nothing in the package imports this module; the faces take their own option
types. Imports here are kept light, and heavy ones happen inside functions, so
that ``mdread --version`` answers in a few tens of milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from mdread.errors import UsageError, UserError
from mdread.platform.terminal import IMAGE_MODES

if TYPE_CHECKING:
    from mdread.article import LoadOptions
    from mdread.faces.pipe.article import PipeOptions
    from mdread.faces.tui.app import Settings
    from mdread.library.query import Query

SORTS = ("date", "title")

EXAMPLES = """\
examples:
  mdread post.md                 read an article (a pager when stdout is a terminal)
  mdread post.md | less -R       the rendered article, piped
  mdread --toc post.md           the table of contents
  mdread --section 2.1 post.md   one section (a number, or text of its heading)
  mdread --code 3 post.md | sh   the raw text of code block 3
  mdread --lang 2=cuda post.md   highlight code block 2 as CUDA
  mdread --json post.md          metadata, sections and code blocks as JSON
  curl -s URL | mdread -         read from stdin
  mdread posts/ | cat            list a folder of posts, newest first
  mdread posts/ --tag rust --since 2024-01-01 --json
                                 the Rust posts of 2024 on, as JSON
"""


def _width(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 20 <= number <= 1000:
        raise argparse.ArgumentTypeError("must be between 20 and 1000")
    return number


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return int(value)


def _lang(value: str) -> tuple[int, str]:
    number, sep, name = value.partition("=")
    if not sep or not number.strip().isdigit() or not name.strip():
        raise argparse.ArgumentTypeError(f"expected N=LANG, got {value!r}")
    return int(number), name.strip().lower()


def _date(value: str) -> dt.date | dt.datetime:
    from mdread.load.frontmatter import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (try YYYY-MM-DD)")
    return parsed


class _Version(argparse.Action):
    """``--version``: the version the package declares (see ``mdread.__version__``)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import mdread

        print(f"mdread {mdread.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mdread",
        description="Read Markdown articles full of code in the terminal.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a Markdown file, - for stdin, or a folder or several files to list")
    parser.add_argument("-V", "--version", action=_Version, nargs=0, help="show the version and exit")
    look = parser.add_argument_group("rendering")
    look.add_argument("-p", "--print", action="store_true", help="write to stdout even on a terminal")
    look.add_argument("-w", "--width", type=_width, metavar="N", help="render at N cells (default: the terminal's)")
    look.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="colour output (auto honours NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE)")
    look.add_argument("--theme", metavar="NAME", help="Pygments style for code (see --list-themes)")
    look.add_argument("--list-themes", action="store_true", help="list code themes and exit")
    look.add_argument("-n", "--line-numbers", action="store_true", help="number the lines of code blocks")
    look.add_argument("--images", choices=IMAGE_MODES, metavar="MODE",
                      help="pictures: auto (what the terminal speaks), kitty, sixel, blocks (coloured half blocks; "
                           "in a pipe too), or off; a pipe writes alt text unless blocks")
    look.add_argument("--lang", type=_lang, action="append", default=[], metavar="N=LANG",
                      help="highlight code block N as LANG (repeatable)")
    look.add_argument("--no-cache", action="store_true",
                      help="draw and parse the article afresh, neither reading nor keeping what mdread cached of it")
    text = parser.add_argument_group("input")
    text.add_argument("--encoding", metavar="NAME", help="decode the file as NAME instead of detecting")
    text.add_argument("--no-repair", action="store_true", help="show mojibake as stored, without repair")
    text.add_argument("--breaks", action=argparse.BooleanOptionalAction, default=None,
                      help="read single newlines as line breaks (default: the config's breaks, else only in a "
                           "Hexo site's posts, as Hexo shows them)")
    parts = parser.add_argument_group("structured output").add_mutually_exclusive_group()
    parts.add_argument("--toc", action="store_true", help="print the table of contents")
    parts.add_argument("--section", metavar="SEL", help="print one section: a number such as 2.1, or heading text")
    parts.add_argument("--code", type=_positive, metavar="N", help="print the raw text of code block N")
    parts.add_argument("--json", action="store_true", help="print metadata, sections and code blocks as JSON")
    parts.add_argument("--source", action="store_true", help="print the decoded (repaired) Markdown source")
    library = parser.add_argument_group("library (a folder or several files)")
    library.add_argument("--tag", action="append", default=[], metavar="TAG",
                         help="only posts with this tag (repeatable: all must match)")
    library.add_argument("--category", action="append", default=[], metavar="NAME",
                         help="only posts in this category (repeatable: all must match)")
    library.add_argument("--since", type=_date, metavar="DATE", help="only posts dated on or after DATE")
    library.add_argument("--until", type=_date, metavar="DATE", help="only posts dated on or before DATE")
    library.add_argument("--search", metavar="WORDS", help="only posts containing every word (prefixes match)")
    library.add_argument("--no-drafts", action="store_true", help="hide drafts")
    library.add_argument("--sort", choices=SORTS, help="newest first (date, the default) or by title")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    return parser


@dataclass(frozen=True)
class Options:
    """The parsed command line, in the shape the faces use."""

    target: str
    width: int | None = None
    color: str = "auto"
    theme: str | None = None
    line_numbers: bool = False
    languages: dict[int, str] = field(default_factory=dict)
    encoding: str | None = None
    repair: bool = True
    breaks: bool | None = None
    force_print: bool = False
    toc: bool = False
    section: str | None = None
    code: int | None = None
    json: bool = False
    source: bool = False
    images: str | None = None
    cache: bool = True
    targets: tuple[str, ...] = ()
    query: Query | None = None
    """What to list of a library (None for a single article: the library's modules load only for a listing)."""

    @property
    def structured(self) -> bool:
        return self.toc or self.json or self.source or self.code is not None

    @property
    def load(self) -> LoadOptions:
        from mdread.article import LoadOptions

        return LoadOptions(encoding=self.encoding, repair=self.repair, breaks=self.breaks)

    def pipe(self) -> PipeOptions:
        """The pipe face's options (imported on use: the pipe face brings Rich with it)."""
        from mdread.faces.pipe.article import PipeOptions
        from mdread.platform.config import load_config

        return PipeOptions(width=self.width, color=self.color, theme=self.theme,
                           config_theme=None if self.theme else load_config().code_theme,
                           line_numbers=self.line_numbers, languages=self.languages, toc=self.toc, json=self.json,
                           source=self.source, section=self.section, code=self.code, images=self.images or "auto")

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        targets = _library_targets(args)
        if not targets and (args.tag or args.category or args.since or args.until or args.search or args.no_drafts
                            or args.sort):
            raise UsageError("--tag, --category, --since, --until, --search, --no-drafts and --sort list a folder or "
                             "several files; give those")
        target = args.paths[0] if args.paths else "-"
        if not targets and target == "-" and sys.stdin is not None and sys.stdin.isatty():
            raise UsageError("no file given and nothing piped in; try: mdread --help")
        return cls(
            target=target,
            width=args.width,
            color=args.color,
            theme=args.theme,
            line_numbers=args.line_numbers,
            languages=dict(args.lang),
            encoding=args.encoding,
            repair=not args.no_repair,
            breaks=args.breaks if args.breaks is not None else _config_breaks(),
            force_print=args.print,
            toc=args.toc,
            section=args.section,
            code=args.code,
            json=args.json,
            source=args.source,
            images=args.images,
            cache=not args.no_cache,
            targets=targets,
            query=_query(args) if targets else None,
        )


def _query(args: argparse.Namespace) -> Query:
    from mdread.library.query import Query

    return Query(tags=tuple(args.tag), categories=tuple(args.category), since=args.since, until=args.until,
                 search=args.search, drafts=not args.no_drafts, sort=args.sort or "date")


def _config_breaks() -> bool | None:
    """The config file's ``breaks``, which the command line's ``--breaks``/``--no-breaks`` override."""
    from mdread.platform.config import load_config

    return load_config().breaks


def _library_targets(args: argparse.Namespace) -> tuple[str, ...]:
    """The folders and files to list, or ``()`` to read one article.

    A folder, or more than one path, is a library, unless an option that
    reads inside one article (``--toc``, ``--section``, ``--code``,
    ``--source``) asks for a single file. A bare ``mdread`` at a terminal lists
    the current folder when it holds Markdown, else the config's ``library``.
    """
    paths = args.paths
    one_file = args.toc or args.section is not None or args.code is not None or args.source
    if not paths and sys.stdin is not None and sys.stdin.isatty():
        from mdread.library.discover import has_markdown

        if not one_file and has_markdown("."):
            return (".",)
        from mdread.platform.config import load_config

        library = load_config().library
        if one_file or library is None:
            raise UsageError("no file given and nothing piped in; try: mdread --help")
        return (str(library),)
    if one_file:
        if len(paths) > 1:
            raise UsageError("--toc, --section, --code and --source read one file; give one")
        return ()
    if len(paths) > 1 or (paths and os.path.isdir(paths[0])):
        return tuple(paths)
    return ()


def main(argv: list[str] | None = None) -> int:
    """Run mdread; the return value is the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.list_themes:
            from mdread.render.themes import theme_names

            print("\n".join(theme_names()))
            return 0
        opts = Options.from_args(args)
        if opts.targets:
            return _library(opts)
        if sys.stdout.isatty() and not (opts.force_print or opts.structured or opts.section is not None):
            return _reader(opts)
        return _pipe(opts)
    except UserError as err:
        from mdread.sanitize import one_line

        print(f"mdread: {one_line(str(err))}", file=sys.stderr)
        return err.code
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if args.debug:
            raise
        from mdread.sanitize import one_line

        print(f"mdread: internal error: {type(err).__name__}: {one_line(str(err))} (--debug shows details)",
              file=sys.stderr)
        return 1


def _pipe(opts: Options) -> int:
    """The pipe face on one article, written from the render cache when it was drawn the same way before."""
    from mdread.faces.pipe import cache
    from mdread.platform import terminal

    name = None
    if opts.cache and opts.images != "blocks":
        drawn = f"{opts!r} {terminal.width(opts.width, sys.stdout)} {terminal.color_system(opts.color, sys.stdout)}"
        try:
            name = cache.key(opts.target, drawn, sys.stdout)
        except OSError:
            name = None
        if name is not None and cache.replay(name, sys.stdout, sys.stderr):
            return 0
    from mdread.faces.pipe.article import write_article

    _started()
    if name is None:
        return write_article(opts.target, opts.load, opts.pipe())
    out, err = cache.Recorder(sys.stdout), cache.Recorder(sys.stderr)
    status = write_article(opts.target, opts.load, opts.pipe(), out, err)
    if status == 0:
        cache.keep(name, out, err)
    return status


def _settings(opts: Options, roots: tuple[str, ...] = ()) -> Settings:
    from pathlib import Path

    from mdread.faces.tui.app import Settings
    from mdread.render.themes import check_theme

    return Settings.build(code_theme=check_theme(opts.theme) if opts.theme else None,
                          line_numbers=opts.line_numbers, load=opts.load, images=opts.images,
                          roots=tuple(Path(root) for root in roots if os.path.isdir(root)))


def _reader(opts: Options) -> int:
    """The reader on one article; one read from a pipe leaves the keys to the terminal, as less does.

    The article is opened in a forked process while this one imports the reader and reads its settings: a short
    one whole (or found kept parsed, see ``open_kept``), a long one as far as its first screen needs (see
    ``open_start``). On a second core, reading, repair and parsing cost the first paint nothing; the fork comes
    first, before even the modules that open articles are imported here.
    """
    from mdread.platform.parallel import in_child

    def start() -> object:
        from mdread.article import open_start

        return open_start(opts.target, opts.load, cache=opts.cache)

    opening = in_child(start)
    from mdread.article import Opening, read_source
    from mdread.faces.tui.app import run_app

    settings = _settings(opts)
    try:
        opened = opening() if opening is not None else start()
    except ChildProcessError:
        opened = start()
    if isinstance(opened, Opening):
        article, whole, fences = opened.article, opened.whole, opened.fences
    else:  # stdin or a FIFO, read here; the reader counts its fences itself
        article, whole, fences = read_source(opts.target, opts.load, fifo=True), True, None
    if not sys.stdin.isatty():
        from mdread.platform.terminal import attach_keyboard

        attach_keyboard()
    _started()
    return _after(run_app(article, settings, whole=whole, fences=fences), settings)


def _after(status: int, settings: Settings) -> int:
    """The status of a run of the app, once a save that failed unseen is said on stderr."""
    state = settings.state
    if state.failure and not state.told:
        print(f"mdread: {state.failure}", file=sys.stderr)
    return status


def _library(opts: Options) -> int:
    """The posts under ``opts.targets``: the library screen for a person at a terminal, else a listing."""
    for target in opts.targets:
        if not os.path.exists(target):
            from mdread.sanitize import display_name

            raise UserError(f"{display_name(target)}: no such file or folder")
    if opts.load.encoding:
        from mdread.load.encodings import check_encoding

        check_encoding(opts.load.encoding)
    from mdread.library.index import Library
    from mdread.platform.config import load_config

    library = Library(opts.targets, encoding=opts.load.encoding, follow_symlinks=load_config().follow_symlinks)
    query = opts.query
    assert query is not None, "a listing is built with its query"
    try:
        if sys.stdout.isatty() and sys.stdin.isatty() and not (opts.force_print or opts.json):
            from mdread.faces.tui.app import run_app
            from mdread.faces.tui.library import LibraryScreen

            settings = _settings(opts, tuple(library.roots))
            _started()
            return _after(run_app(lambda _: LibraryScreen(library, query), settings), settings)
        from mdread.faces.pipe.listing import write_listing

        _started()
        return write_listing(library, query, opts.json)
    finally:
        library.close()


def run() -> NoReturn:
    """The ``mdread`` command: :func:`main`, then an exit that skips the interpreter's teardown.

    The cyclic garbage collector is held while the modules load (a face
    releases it as it starts work, see :func:`_started`): imports build tens
    of thousands of objects, all kept for the life of the process, and the
    collector walked them again and again, about 40 ms of the reader's first
    paint and 10 ms of a small post's pipe render here.

    Teardown frees every object one by one; after a 5 MB article it took a
    quarter of a second to give back memory the system reclaims at once.
    Output is flushed first, and nothing of mdread's waits for teardown:
    state and caches are written, atomically, before ``main`` returns.
    """
    gc.disable()
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        status = status or 141
    sys.stderr.flush()
    os._exit(status)


def _started() -> None:
    """Let the cyclic collector run again, once a face has what it needs loaded (see :func:`run`).

    What start-up built is frozen first: it lives as long as the process, so
    the collector need never walk it. Called in-process (the tests call
    :func:`main`), the collector was never held and this does nothing.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()

