"""Name the language of a code block whose fence gives none, or whose label is too general.

Pygments' ``guess_lexer`` asks every lexer how much a text looks like its language and trusts the
loudest; on short tutorial snippets it is mostly wrong. This module combines two kinds of evidence,
both measured on public code the project did not write (``bench/langdetect/RESULTS.md``):

- a token model (:mod:`~mdread.render.code.detect_model`) that reads keywords, operators and the
  shape of lines while reducing comments and strings to their markers, so prose in comments
  cannot outvote the code between them;
- how cleanly the tree-sitter grammars of the model's best candidates parse the block
  (:mod:`~mdread.render.code.detect_structure`).

A block that is nothing but comments has no code to read: the words of its comments choose among
the languages that colour it alike (a second, small table of the same model).

When the evidence is thin or split, the answer is ``text``: an uncoloured block costs the reader
less than a wrong colour. Its answers are sharpened to their dialects (CUDA in a C++ block,
TypeScript's annotations, JSX, a shell session's prompts) as fence labels are
(:mod:`~mdread.render.code.dialects`). The model loads on first use.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from mdread.render.code import detect_model
from mdread.render.code.detect_model import SHARING, TokenModel
from mdread.render.code.detect_structure import FAMILIES, error_shares, level
from mdread.render.code.dialects import TYPES, prepare, refine
from mdread.render.code.languages import PLAIN

CANDIDATES = 3
"""How many of the token model's best languages the grammars are asked about."""
STRUCTURE_WEIGHT = 1.0
"""How much the grammars' evidence counts against the tokens' (1 is naive Bayes' own weighting;
3 and 10 were no better, left one source out)."""
MIN_LEAD = 3.0
"""A winner whose log-likelihood leads the runner-up's by less than this is a guess, and the block
is left plain. Left one source out, answers that close were right 45 % of the time (those leading
by 2–4 about as often, by 4–8 58 %, by more 93 %): see ``RESULTS.md`` for the trade."""

@dataclass(frozen=True)
class Verdict:
    """The model's answer for a block, before dialects: the language and how sure it is."""

    language: str
    lead: float

    @property
    def confident(self) -> bool:
        return self.lead >= MIN_LEAD


_CPP = re.compile(
    r"\bstd::|\btemplate\s*<|\bnamespace\s+\w|\bcout\s*<<|\bcin\s*>>|\bnullptr\b|\bconstexpr\b|\btypename\b|"
    r"#include\s*<(iostream|vector|string|map|set|memory|algorithm|unordered_map|utility|functional|sstream|fstream|"
    r"iomanip|array|queue|stack|thread|mutex|chrono|optional|c(stdio|stdlib|string|math|assert|limits|stdint))>|"
    r"\bclass\s+[A-Z]\w*\s*(final\s*)?[:{]|^\s*(public|private|protected):|\bnew\s+[A-Z]\w*[(\[]|\bdelete\s*\[\]|"
    r"\b\w+::\w+\s*\(|\b(const\s+)?\w+(<[\w:, ]+>)?&\s+\w+\s*[,)=;]|\busing\s+(namespace\s+)?\w+(::\w+)*\s*[;=]|"
    r"\b(static|dynamic|reinterpret|const)_cast\s*<|\bvirtual\s+\w|\boperator\s*[^\s\w]|\[\]\s*\(|"
    r"\bauto\s*[&*]?\s*\w+\s*[=:(]|\bthrow\b|\btry\s*\{|\bcatch\s*\(|\bthis->|"
    r"\b[A-Za-z_]\w*<\s*[\w:]+\s*[*&]?(\s*,\s*[\w:]+\s*[*&]?)*\s*>\s*[&*]?\s*\w+\s*[;=({,)]",
    re.MULTILINE,
)
"""What only C++ has: its standard library and headers, classes, templates (``vector<int> v;``),
references, casts, ``this->`` …"""
_DIFF = re.compile(r"\A(diff --git |--- \S[^\n]*\n\+\+\+ \S|@@ -\d+(,\d+)? \+\d+(,\d+)? @@)")
"""A unified diff's first line: unmistakable, whatever the lines after it look like."""
_XML = re.compile(r"<\?xml\b|\bxmlns(:\w+)?=")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+html", re.IGNORECASE)
_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_HTML_NAMES = """a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption
center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font
footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li
link main map mark marquee menu meta meter nav noscript object ol optgroup option output p param picture pre
progress q rp rt ruby s samp script search section select slot small source span strike strong style sub summary
sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr"""
HTML_ELEMENTS = frozenset(_HTML_NAMES.split())
"""HTML's elements, past and present (HTML Living Standard, with the obsolete ones still seen)."""
_HEADING = re.compile(r"^ {0,3}#{1,6} \S", re.MULTILINE)
"""A Markdown heading: no HTML or XML document has one outside its tags."""
_MARKDOWN = re.compile(
    r"^ {0,3}(#{1,6} \S|[-*+] \S|\d+[.)] \S|> |\|.*\|)|\[[^\]\n]+\]\([^)\n]+\)|`[^`\n]+`|\*\*[^*\n]+\*\*|"
    r"(^|\s)_[^_\n]+_(\s|$)|^ {0,3}(-{3,}|={3,}|\*{3,})\s*$",
    re.MULTILINE,
)
"""Markdown's own syntax: headings, lists, quotes, tables, links, code spans, emphasis, rules."""
_DECLARED = re.compile(r"\A\s*(<\?xml\b|<!DOCTYPE\s+html\b)", re.IGNORECASE)
"""An XML declaration or an HTML doctype on the first line: the document says what it is."""
_EMBEDDED = re.compile(r"<(script|style)\b[^>\n]*>|</(script|style|body|html|head)>", re.IGNORECASE)
"""A page's script or style element, or the end of its body: HTML around whatever it embeds."""
_EMBEDDERS = frozenset({"javascript", "typescript", "css", PLAIN})
"""The answers an embedded script or style misleads the model into (left one source out, HTML
pages with a script were called JavaScript 54 times, TypeScript 17, plain 12, CSS 8)."""
_SESSION = re.compile(r"\A([ \t]*#[^\n]*\n)*[ \t]*\$ \S")
"""A shell prompt on the first line (after comments): a session, whatever its output looks like."""
_COMMAND = re.compile(
    r"\A([ \t]*#[^\n]*\n)*[ \t]*(sudo[ \t]+)?"
    r"(curl|wget|git|npm|npx|yarn|pnpm|pip3?|docker|kubectl|helm|brew|apt|apt-get|cargo|systemctl|chmod|mkdir|cd)"
    r"[ \t]+[-\w./\"'$~]"
)
"""A well-known command-line tool first (after comments): a shell command, whatever follows it,
such as the JSON body of a ``curl`` request (API manuals' requests were called JSON 51 times)."""
_INSTRUCTION = re.compile(
    r"\A([ \t]*(#[^\n]*)?\n)*(FROM|RUN|COPY|ADD|ENV|WORKDIR|CMD|ENTRYPOINT|EXPOSE|ARG|LABEL|USER|VOLUME|"
    r"HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL|MAINTAINER)[ \t]+\S"
)
"""A Dockerfile instruction first (after comments): a Dockerfile, whatever shell its ``RUN`` lines
hold (left one source out, such pieces were called shell 25 times and left plain 21)."""
_MAKE = re.compile(
    r"^[ \t]*(ifdef|ifndef|ifeq|ifneq|endif)\b|\$\([A-Z_][A-Z0-9_]*\)|^\.PHONY|\$[<^]|"
    r"^[\w./%$()-]+:([ \t][^=\n]*)?\n\t",
    re.MULTILINE,
)
"""What a Makefile has and a shell script does not: conditionals, ``$(VARIABLE)`` references, the
``<`` and ``^`` automatic variables, ``.PHONY``, a rule followed by its tab-indented recipe."""
_NUMBER_FIRST = re.compile(r"[ \t]*[-+(\[]?\d")
_NUMBERED_ITEM = re.compile(r"[ \t]*\d+[.)][ \t]+\S")
_EXPRESSION = re.compile(r"#|//|;\s*$|\d\s+[-+*/%]=?\s+[\d(]|\d\s*(\*\*|//|==|!=|<=|>=|[*/%])\s*\d")
"""A comment, a statement's end or arithmetic: code that starts with a number (``7 % 3  # => 1``)."""
NUMBERS_SHARE = 0.9
"""A block whose lines nearly all start with a number (numbered list items and expressions aside) is
output, a table of results or data: no language the model names starts its lines so (left one
source out, such blocks were mostly plain text called shell, Python, Ruby or YAML; 21 more right,
2 fewer)."""

RELATIVES: dict[str, tuple[str, str, re.Pattern[str]]] = {
    name: pair for pair in (("javascript", "typescript", TYPES), ("c", "cpp", _CPP)) for name in pair[:2]
}
"""A language and the larger one containing it, and what shows the larger (see :func:`settle`)."""

Shares = Callable[[str, list[str]], dict[str, float]]


def detect(code: str) -> str | None:
    """The language of an unlabeled code block, as a Pygments alias.

    Prose, program output and anything the evidence does not settle come back as ``"text"``, so
    callers can always hand the answer to Pygments.

    Returns:
        The language, or None when ``code`` is empty or only whitespace (nothing to judge).
    """
    if not code or code.isspace():
        return None
    text = prepare(code)
    verdict = classify(text, _model())
    return answer(verdict.language if verdict.confident else PLAIN, text)


def answer(language: str, text: str) -> str:
    """What :func:`detect` names a prepared block the model called ``language`` (``PLAIN`` when
    it was unsure): HTML when the block holds a page's script or style element, which no script
    or style sheet does, and otherwise ``language`` sharpened to its dialect."""
    if language in _EMBEDDERS and _EMBEDDED.search(text):
        return "html"
    return refine(language, text)


def classify(text: str, model: TokenModel, shares: Shares = error_shares) -> Verdict:
    """The model's best language for ``text``, its grammars consulted among the best few.

    The grammars asked are those of the best candidates and their relatives (``FAMILIES``); every
    candidate is scored on the same grammars' levels, so the comparison stays fair whichever
    grammar a candidate lacks. ``shares`` measures the grammars (a cache stands in for it when
    evaluating). The lead is over the best candidate that is not the winner's near relative:
    between JavaScript and TypeScript, or C and C++, :func:`settle` decides on evidence, so their
    closeness is no doubt about the colours (left one source out: 0.7 % more right answers, their
    precision 0.3 % lower).
    """
    if _DIFF.match(text):
        return Verdict("diff", math.inf)
    if _SESSION.match(text) or _COMMAND.match(text):
        return Verdict("bash", math.inf)
    if _INSTRUCTION.match(text):
        return Verdict("docker", math.inf)
    declared = _DECLARED.match(text)
    if declared:
        return Verdict("xml" if declared.group(1).startswith("<?") else "html", math.inf)
    if _numbers(text):
        return Verdict(PLAIN, math.inf)
    style = detect_model.comment_style(text)
    if style is not None and model.comments is not None:
        return _comments_only(text, style, model.comments)
    scores = model.scores(detect_model.features(text, model.words))
    ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:CANDIDATES]
    names = [model.labels[index] for index in ranked]
    measured = shares(text, sorted({grammar for name in names for grammar in FAMILIES.get(name, ())}))
    levels = {grammar: level(share) for grammar, share in measured.items()}
    adjusted = sorted(
        (
            (scores[index] + STRUCTURE_WEIGHT * sum(model.structure[name][g][n] for g, n in levels.items()), name)
            for index, name in zip(ranked, names, strict=True)
        ),
        reverse=True,
    )
    (best, name), rest = adjusted[0], adjusted[1:]
    pair = RELATIVES.get(name, (name, name))[:2]
    runner_up = next((score for score, other in rest if other not in pair), -math.inf)
    return Verdict(settle(name, text, measured), best - runner_up)


def _comments_only(text: str, style: str, comments: TokenModel) -> Verdict:
    """The likeliest language, by its comments' words, of a block that is nothing but ``style``
    comments, among the languages that colour such a block alike (so the guess costs no wrong
    colour); plain when none of its words is known. The token model, which keeps only the
    comments' markers, has nothing to go on here."""
    words = detect_model.comment_words(text)
    if not any(word in comments.rows for word in words):
        return Verdict(PLAIN, math.inf)
    scores = dict(zip(comments.labels, comments.scores(words), strict=True))
    return Verdict(max(SHARING[style], key=lambda name: scores.get(name, -math.inf)), math.inf)


def _numbers(text: str) -> bool:
    """Whether at least two lines, and nearly all, start with a number (see ``NUMBERS_SHARE``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    first = sum(
        1
        for line in lines
        if _NUMBER_FIRST.match(line) and not _NUMBERED_ITEM.match(line) and not _EXPRESSION.search(line)
    )
    return len(lines) >= 2 and first >= NUMBERS_SHARE * len(lines)


def settle(name: str, text: str, measured: dict[str, float]) -> str:
    """Between a language and the larger one that contains it, the larger one only on evidence.

    Plain JavaScript is valid TypeScript and much C is valid C++, so the token model cannot tell
    them apart where the code shows nothing of the larger language, and it guessed either way.
    TypeScript is named when its markers show (annotations, ``interface`` …) or when the block
    breaks JavaScript's grammar but less so TypeScript's; C++ likewise, else the smaller language.
    HTML and XML share their syntax and differ in vocabulary: see :func:`_markup`; a block of
    markup under a Markdown heading is a Markdown document showing markup (left one source out,
    an HTML guide's pieces, each a heading, prose and indented examples, were called HTML). Prose is
    Markdown only where Markdown's syntax shows (a heading, a list, a link …), else plain text. And
    a Makefile's recipes are shell commands, so shell is read as make where make's own syntax shows
    (left one source out: 14 Makefile pieces more right, 2 shell pieces fewer).
    """
    if name in ("html", "xml"):
        return "markdown" if _HEADING.search(text) else _markup(text, name)
    if name == "markdown" and not _MARKDOWN.search(text):
        return PLAIN
    if name == "bash" and _MAKE.search(text):
        return "make"
    pair = RELATIVES.get(name)
    if pair is None:
        return name
    smaller, larger, markers = pair
    if markers.search(text):
        return larger
    broken = measured.get(smaller, 0.0)
    return larger if broken > 0 and measured.get(larger, 1.0) < broken else smaller


def _markup(text: str, name: str) -> str:
    """XML when declared (``<?xml``, ``xmlns``), HTML when declared (``<!DOCTYPE html``), else HTML
    when at least half of the tags are HTML's elements, XML otherwise."""
    if _XML.search(text):
        return "xml"
    if _DOCTYPE.search(text):
        return "html"
    tags = _TAG.findall(text)
    if not tags:
        return name
    return "html" if 2 * sum(tag.lower() in HTML_ELEMENTS for tag in tags) >= len(tags) else "xml"


@functools.cache
def _model() -> TokenModel:
    return detect_model.load()
