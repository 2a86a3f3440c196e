"""Tree-sitter highlighting for the languages technical articles use most.

Pygments' regex lexers were most of a long article's drawing time; a
tree-sitter grammar parses the same code in C, several times faster, and its
upstream ``highlights.scm`` query names what to colour. Captures are mapped to
Pygments token types, so themes and the rest of the pane drawing stay one path
whichever highlighter ran.

For one node the latest pattern in the query wins, as the upstream queries
are written (a generic ``(identifier) @variable`` first, special cases after),
and a node inside another is coloured as the inner one.
"""

from __future__ import annotations

import importlib
import re
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pygments.token import Token, _TokenType

from mdread.render.code.queries import trimmed

CAPTURES: dict[str, _TokenType | None] = {
    "attribute": Token.Name.Decorator,
    "boolean": Token.Keyword.Constant,
    "comment": Token.Comment,
    "comment.documentation": Token.Literal.String.Doc,
    "conditional": Token.Keyword,
    "constant": Token.Name.Constant,
    "constant.builtin": Token.Keyword.Constant,
    "constructor": Token.Name.Class,
    "delimiter": Token.Punctuation,
    "escape": Token.Literal.String.Escape,
    "float": Token.Literal.Number.Float,
    "function": Token.Name.Function,
    "function.builtin": Token.Name.Builtin,
    "function.macro": Token.Name.Function.Magic,
    "function.special": Token.Comment.Preproc,
    "keyword": Token.Keyword,
    "keyword.operator": Token.Operator.Word,
    "label": Token.Name.Label,
    "number": Token.Literal.Number,
    "operator": Token.Operator,
    "punctuation": Token.Punctuation,
    "storageclass": Token.Keyword,
    "string": Token.Literal.String,
    "string.special": Token.Literal.String.Regex,
    "string.special.key": Token.Name.Tag,
    "tag": Token.Name.Tag,
    "tag.error": Token.Error,
    "type": Token.Name.Class,
    "type.builtin": Token.Keyword.Type,
    "type.qualifier": Token.Keyword,
    "variable.builtin": Token.Name.Builtin.Pseudo,
}
"""Capture name → token type. Names not here fall back to their dotted parent
(``function.method`` → ``function``); names with no entry at all, such as
``variable``, ``property`` and ``embedded``, are left in the text colour, as
Pygments leaves plain names."""


@dataclass(frozen=True)
class GrammarSpec:
    """Where one language's grammar and highlight queries come from.

    Attributes:
        package: The grammar's Python package.
        entry: The package function that returns the language.
        queries: Packages whose ``HIGHLIGHTS_QUERY`` is used, most specific
            last: TypeScript's adds to JavaScript's, C++'s to C's.
        captures: Per-language changes to ``CAPTURES``.
        worth_from: Characters of this language an article must hold before
            the grammar is cheaper than Pygments: building the language and
            compiling its query cost up to 50 ms in every process, which
            Pygments' lexer, cheaper to build but slower per KB, only loses
            past this much code (``bench/highlight_cost.py``).
    """

    package: str
    entry: str = "language"
    queries: tuple[str, ...] = ()
    captures: tuple[tuple[str, _TokenType | None], ...] = ()
    worth_from: int = 0


PARSE_TIMEOUT_MICROS = 500_000
"""A parse that takes longer gives up and Pygments draws the block. Code parses at about
10 MB/s; 50,000 unclosed HTML tags took the HTML grammar's scanner 5 s.

``Parser.timeout_micros`` is deprecated for a progress callback, but that callback is
ignored for text passed whole and crashed the interpreter when text came in chunks."""

MAX_START_DEPTH = 256
"""Captures start no deeper in the tree than this. Real code nests a few dozen levels;
80,000 nested ``1+`` in C++ made the query cursor take 20 s, and 200,000 took minutes."""

_SPACES = re.compile(r"(\s+)")
_KEYS_AS_TAGS = (("property", Token.Name.Tag),)
_C_TYPES = (("type", Token.Keyword.Type),)

GRAMMARS: dict[str, GrammarSpec] = {
    "python": GrammarSpec("tree_sitter_python"),
    "javascript": GrammarSpec("tree_sitter_javascript", worth_from=10_000),
    "typescript": GrammarSpec("tree_sitter_typescript", "language_typescript",
                              ("tree_sitter_javascript", "tree_sitter_typescript")),
    "tsx": GrammarSpec("tree_sitter_typescript", "language_tsx",
                       ("tree_sitter_javascript", "tree_sitter_typescript")),
    "c": GrammarSpec("tree_sitter_c", captures=_C_TYPES, worth_from=12_000),
    "cpp": GrammarSpec("tree_sitter_cpp", queries=("tree_sitter_c", "tree_sitter_cpp"), captures=_C_TYPES,
                       worth_from=12_000),
    "bash": GrammarSpec("tree_sitter_bash", worth_from=25_000),
    "go": GrammarSpec("tree_sitter_go", worth_from=4_000),
    "rust": GrammarSpec("tree_sitter_rust", worth_from=34_000),
    "java": GrammarSpec("tree_sitter_java", worth_from=12_000),
    "yaml": GrammarSpec("tree_sitter_yaml", captures=_KEYS_AS_TAGS, worth_from=34_000),
    "toml": GrammarSpec("tree_sitter_toml", captures=_KEYS_AS_TAGS),
}
"""Pygments' main alias → grammar. Other languages are highlighted by Pygments: SQL and JSON lex
faster there and their grammars compile slower (``bench/highlight_cost.py``), as do HTML and CSS
(issue 15). ``c`` and ``java`` are not in the benchmark corpus; their ``worth_from`` is C++'s.
CUDA is Pygments' too: its grammar paid only past 16 KB of CUDA in one article, Pygments colours
CUDA's own names (``threadIdx``, ``__shared__``) that the grammar's queries leave plain, and the
grammar was 6.8 MiB of the install (``bench/PROFILE.md``)."""


_BRACE_BEFORE_WIDE = re.compile(rb"\{(?=[0-9]*(?:\.\.[0-9]*)?[\x80-\xff])")


def parseable(package: str, data: bytes) -> bytes:
    """``data`` made safe to hand to ``package``'s parser, every byte offset kept.

    tree-sitter-bash's scanner (0.25.1) passes the character after a ``{``, or
    after ``{1..``, to C's ``isdigit``, which reads its table out of bounds for
    a character past ASCII: a wrong answer, or a segfault that ends mdread
    (tree-sitter/tree-sitter-bash#337: U+31860 after ``{`` crashes on Linux).
    Such a brace is handed over as ``_``, one byte for one; the other
    grammars' scanners use the wide-character functions.
    """
    if package == "tree_sitter_bash" and b"{" in data:
        return _BRACE_BEFORE_WIDE.sub(b"_", data)
    return data


def worth_building(sizes: Mapping[str, int]) -> frozenset[str]:
    """The languages whose grammar pays for itself in an article with ``sizes`` characters of code per language."""
    return frozenset(alias for alias, size in sizes.items()
                     if (spec := GRAMMARS.get(alias)) is not None and size >= spec.worth_from)


def _highlights(package: str) -> str:
    """A grammar package's highlight query; some export it, others only ship the file."""
    module = importlib.import_module(package)
    query = getattr(module, "HIGHLIGHTS_QUERY", None)
    if query is None:
        from importlib.resources import files

        query = files(package).joinpath("queries", "highlights.scm").read_text(encoding="utf-8")
    return query


def _token_type(name: str, overrides: dict[str, _TokenType | None]) -> _TokenType | None:
    while True:
        for table in (overrides, CAPTURES):
            if name in table:
                return table[name]
        if "." not in name:
            return None
        name = name.rpartition(".")[0]


class Grammar:
    """A language and its compiled highlight query, kept for the life of the process.

    Languages are never released: with some grammar builds, freeing a
    tree-sitter ``Language`` crashes the interpreter. The query is shared;
    parsers and query cursors hold state, so each thread gets its own (the
    reader highlights on its event loop and in its measuring worker).
    """

    def __init__(self, spec: GrammarSpec) -> None:
        import tree_sitter

        language = tree_sitter.Language(getattr(importlib.import_module(spec.package), spec.entry)())
        self.package = spec.package
        source = "\n".join(_highlights(package) for package in spec.queries or (spec.package,))
        overrides = dict(spec.captures)
        try:
            query = tree_sitter.Query(language, trimmed(source, lambda name: _token_type(name, overrides) is not None))
        except tree_sitter.QueryError:  # a query written in a way the trimming misreads: compiled whole
            query = tree_sitter.Query(language, source)
        self.types: dict[str, _TokenType] = {}
        for i in range(query.capture_count):
            name = query.capture_name(i)
            ttype = _token_type(name, overrides)
            if ttype is None:
                query.disable_capture(name)
            else:
                self.types[name] = ttype
        self.language, self.query = language, query
        self._local = threading.local()

    def _tools(self) -> tuple[Any, Any]:
        tools = getattr(self._local, "tools", None)
        if tools is None:
            import tree_sitter

            parser = tree_sitter.Parser(self.language)
            with _building, warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                parser.timeout_micros = PARSE_TIMEOUT_MICROS
            cursor = tree_sitter.QueryCursor(self.query)
            cursor.set_max_start_depth(MAX_START_DEPTH)
            tools = self._local.tools = (parser, cursor)
        return tools

    def tokens(self, text: str) -> list[tuple[_TokenType, str]] | None:
        """``text`` cut into (token type, text) runs that join back to exactly ``text``.

        None when the parse ran out of time, or when ``text`` holds a lone surrogate (no UTF-8 for
        the grammar to read); the caller highlights another way.
        """
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        parser, cursor = self._tools()
        try:
            tree = parser.parse(parseable(self.package, data))
        except ValueError:
            parser.reset()
            return None
        types = self.types
        spans: list[tuple[int, int, int, _TokenType]] = []
        add = spans.append
        for pattern, captured in cursor.matches(tree.root_node):
            for name, nodes in captured.items():
                ttype = types[name]
                for node in nodes:
                    start, end = node.start_byte, node.end_byte
                    if start < end:
                        add((start, -end, -pattern, ttype))
        spans.sort()
        return _flatten(text if len(data) == len(text) else None, data, spans)


def _flatten(ascii_text: str | None, data: bytes,
             spans: list[tuple[int, int, int, _TokenType]]) -> list[tuple[_TokenType, str]]:
    """Nested, sorted capture spans → consecutive runs, the innermost span colouring each byte.

    ``ascii_text`` is the text when every character is one byte, so runs are
    cut from it without decoding.
    """
    cuts: list[tuple[int, int, _TokenType]] = []
    cut = cuts.append
    pos = 0
    ends, kinds = [len(data)], [Token.Text]
    last = (-1, 0)
    for start, negative_end, _, ttype in spans:
        if (start, negative_end) == last:
            continue
        last = (start, negative_end)
        while ends[-1] <= start:
            end, kind = ends.pop(), kinds.pop()
            if pos < end:
                cut((pos, end, kind))
                pos = end
        if pos < start:
            cut((pos, start, kinds[-1]))
            pos = start
        ends.append(min(-negative_end, ends[-1]))
        kinds.append(ttype)
    while ends:
        end, kind = ends.pop(), kinds.pop()
        if pos < end:
            cut((pos, end, kind))
            pos = end
    return _runs(ascii_text, data, cuts)


def _runs(ascii_text: str | None, data: bytes, cuts: list[tuple[int, int, _TokenType]]) -> list[tuple[_TokenType, str]]:
    """Byte ranges → text runs, neighbours of one type merged.

    Uncaptured whitespace is a run of its own, as Pygments makes it: SVG
    renderers drop the spaces at the ends of a run.
    """
    out: list[tuple[_TokenType, str]] = []
    add = out.append
    text, space, blank = Token.Text, Token.Text.Whitespace, _SPACES.split
    previous = None
    for start, end, kind in cuts:
        piece = ascii_text[start:end] if ascii_text is not None else data[start:end].decode("utf-8", "replace")
        if kind is text:
            if piece.isspace():
                add((space, piece))
            else:
                out.extend((space if i % 2 else text, part) for i, part in enumerate(blank(piece)) if part)
            previous = None
        elif kind is previous:
            out[-1] = (kind, out[-1][1] + piece)
        else:
            add((kind, piece))
            previous = kind
    return out


_grammars: dict[str, Grammar | None] = {}
_building = threading.Lock()


def grammar(alias: str) -> Grammar | None:
    """The grammar for a Pygments main alias, or None: no grammar, or it failed to load.

    Built once per process under a lock, so two threads never build the same
    language and drop one of them.
    """
    if alias in _grammars:
        return _grammars[alias]
    with _building:
        if alias not in _grammars:
            _grammars[alias] = _build(alias)
        return _grammars[alias]


def _build(alias: str) -> Grammar | None:
    spec = GRAMMARS.get(alias)
    if spec is None:
        return None
    try:
        return Grammar(spec)
    except Exception:  # a missing or broken grammar package means Pygments draws the block
        return None
