"""LaTeX math → lines of Unicode text, where a faithful mapping exists.

A small recursive reader of the math subset blog posts use: symbols (``\\alpha``, ``\\le``,
``\\sum`` …), super- and subscripts (``x²``, ``aᵢ``; ``x^(α+q)`` when Unicode has no script
form), ``\\frac{a}{b}`` as ``a/b``, ``\\sqrt``, accents, ``\\pmod{n}`` as ``(mod n)``,
``\\text`` and the math alphabets, ``\\left``/``\\right``, and the environments that lay out
rows: ``cases``, ``aligned`` and its kin, ``array`` and the matrices. The result is a box of
lines: most formulas are one line, an environment is as tall as its rows.

Anything else (an unknown macro, unbalanced braces, a formula nested past ``MAX_DEPTH``)
raises :class:`Unfaithful`, and the caller shows the LaTeX source instead: a wrong
rendering would be worse than the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rich.cells import cell_len

from mdread.render.math.symbols import names, scripts, styled, symbol

TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\s+|.", re.DOTALL)
MAX_DEPTH = 60
MAX_SOURCE = 20_000
"""Formulas longer than this are shown as source: no article needs more, and it bounds the work."""

ALPHABETS = {
    "mathbb": "doublestruck", "mathcal": "script", "mathscr": "script", "mathfrak": "fraktur",
    "mathbf": "bold", "boldsymbol": "bold-italic", "bm": "bold-italic", "mathsf": "sans",
    "mathtt": "monospace", "mathit": "italic",
}
TEXT = names("text textrm textnormal textup textit textbf textsf texttt mathrm operatorname mbox hbox")
ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "check": "\u030c", "tilde": "\u0303", "widetilde": "\u0303",
    "acute": "\u0301", "grave": "\u0300", "dot": "\u0307", "ddot": "\u0308", "breve": "\u0306",
    "bar": "\u0304", "vec": "\u20d7",
}
LINES = {"overline": "\u0305", "underline": "\u0332"}
IGNORED = names(
    "displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits nonumber notag big Big bigg Bigg "
    "bigl bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm middle allowbreak rm bf it sf tt cal")
SKIP_ARGUMENT = names("label color hspace vspace phantom hphantom vphantom")
ROWS = {
    # environment: (column alignment, column gap, left delimiter, right delimiter)
    "cases": ("l", "  ", "{", ""), "dcases": ("l", "  ", "{", ""),
    "aligned": ("rl", " ", "", ""), "align": ("rl", " ", "", ""), "align*": ("rl", " ", "", ""),
    "alignat": ("rl", " ", "", ""), "alignat*": ("rl", " ", "", ""), "split": ("rl", " ", "", ""),
    "eqnarray": ("rcl", " ", "", ""), "eqnarray*": ("rcl", " ", "", ""),
    "gather": ("c", " ", "", ""), "gather*": ("c", " ", "", ""), "gathered": ("c", " ", "", ""),
    "array": ("c", "  ", "", ""), "matrix": ("c", "  ", "", ""), "smallmatrix": ("c", "  ", "", ""),
    "pmatrix": ("c", "  ", "(", ")"), "bmatrix": ("c", "  ", "[", "]"), "Bmatrix": ("c", "  ", "{", "}"),
    "vmatrix": ("c", "  ", "|", "|"), "Vmatrix": ("c", "  ", "‖", "‖"),
    "equation": ("c", " ", "", ""), "equation*": ("c", " ", "", ""),
    "multline": ("c", " ", "", ""), "multline*": ("c", " ", "", ""),
}
ESCAPED = frozenset("#$%&_{}*<>|")
"""``\\#``, ``\\{`` …: the character itself."""
ARROWS = {"xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
          "xleftrightarrow": "↔", "xLeftrightarrow": "⇔", "xmapsto": "↦"}
"""Arrows with a label over them: the label is written as a superscript."""
TALL = {
    # delimiter: (top, middle, bottom, extension)
    "(": ("⎛", "⎜", "⎝", "⎜"), ")": ("⎞", "⎟", "⎠", "⎟"), "[": ("⎡", "⎢", "⎣", "⎢"), "]": ("⎤", "⎥", "⎦", "⎥"),
    "{": ("⎧", "⎨", "⎩", "⎪"), "}": ("⎫", "⎬", "⎭", "⎪"), "|": ("│", "│", "│", "│"), "‖": ("‖", "‖", "‖", "‖"),
}
QUAD = "\u00a0\u00a0"
"""``\\quad``: two cells of space that survive the folding of source spaces into one."""
PREFIX = frozenset("∂∇∀∃∄¬")
"""Symbols that bind to what follows: the space a macro name needs after it (``\\partial f``)
is not a space in the formula."""
GROUPING = frozenset("+-−±∓=<>≤≥≠≡≈∼→←⇒⇔⟹⟺∈∉⊂⊆∪∩×·÷/, ")
"""Characters that make a numerator, denominator or root argument need parentheses when bare."""


class Unfaithful(ValueError):
    """The formula has no faithful Unicode form here; its source is shown instead."""


@dataclass(frozen=True)
class Box:
    """Lines of text, all of one width, and the one that lines up with the text around it."""

    lines: tuple[str, ...]
    base: int = 0

    @classmethod
    def of(cls, text: str) -> Box:
        return cls((text,))

    @property
    def width(self) -> int:
        return max(map(cell_len, self.lines), default=0)

    @property
    def text(self) -> str:
        """The single line of a one-line box; a taller one cannot stand where one line must."""
        if len(self.lines) != 1:
            raise Unfaithful("a tall layout where one line is needed")
        return self.lines[0]


def _pad(text: str, width: int, align: str = "l") -> str:
    room = width - cell_len(text)
    if align == "r":
        return " " * room + text
    if align == "c":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def beside(boxes: list[Box]) -> Box:
    """Boxes side by side, their base lines level."""
    boxes = [box for box in boxes if box.lines != ("",)]
    if not boxes:
        return Box.of("")
    if all(len(box.lines) == 1 for box in boxes):
        return Box.of("".join(box.lines[0] for box in boxes))
    above = max(box.base for box in boxes)
    below = max(len(box.lines) - box.base - 1 for box in boxes)
    rows = [""] * (above + below + 1)
    for box in boxes:
        width = box.width
        lines = [""] * (above - box.base) + list(box.lines) + [""] * (below - (len(box.lines) - box.base - 1))
        rows = [row + _pad(line, width) for row, line in zip(rows, lines, strict=True)]
    return Box(tuple(row.rstrip() for row in rows), above)


def tall(delimiter: str, height: int) -> Box:
    """A delimiter drawn ``height`` lines tall (a plain one when one line is enough)."""
    if height <= 1 or delimiter not in TALL:
        return Box.of(delimiter)
    top, middle, bottom, extension = TALL[delimiter]
    lines = [extension] * height
    lines[0], lines[-1] = top, bottom
    if delimiter in "{}" and height > 2:
        lines[height // 2] = middle
    return Box(tuple(lines), (height - 1) // 2)


def grid(rows: list[list[Box]], aligns: str, gap: str) -> Box:
    """Rows of cells in columns, each column aligned as ``aligns`` says (cycling)."""
    columns = max(map(len, rows), default=0)
    widths = [max((row[c].width for row in rows if c < len(row)), default=0) for c in range(columns)]
    lines: list[str] = []
    for row in rows:
        height = max((len(cell.lines) for cell in row), default=1)
        for line in range(height):
            parts = []
            for c in range(columns):
                cell = row[c] if c < len(row) else Box.of("")
                text = cell.lines[line] if line < len(cell.lines) else ""
                parts.append(_pad(text, widths[c], aligns[c % len(aligns)]))
            lines.append(gap.join(parts).rstrip())
    return Box(tuple(lines) or ("",), (len(lines) - 1) // 2)


def _needs_parentheses(text: str) -> bool:
    depth = 0
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char in GROUPING:
            return True
    return False


def _grouped(text: str) -> str:
    return f"({text})" if _needs_parentheses(text) else text


class Reader:
    """Reads one formula's tokens into boxes."""

    def __init__(self, source: str) -> None:
        if len(source) > MAX_SOURCE:
            raise Unfaithful("too long")
        self.tokens = TOKEN.findall(source)
        self.pos = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise Unfaithful("ends too soon")
        self.pos += 1
        return token

    def skip_space(self) -> None:
        while (token := self.peek()) is not None and token.isspace():
            self.pos += 1

    def rows(self, end: str | None) -> list[list[Box]]:
        """Rows split at ``\\\\`` and cells at ``&``, up to ``\\end{end}`` (or the end of the formula).

        Empty rows are left out: Hexo's Markdown renderer eats one backslash of each pair, so
        posts written for it double them (``\\\\\\\\``), which elsewhere reads as an empty row.
        """
        rows: list[list[Box]] = [[]]
        while True:
            cell = self.expression(stop={"&", "\\\\", "\\end"})
            rows[-1].append(cell)
            token = self.peek()
            if token is None:
                if end is not None:
                    raise Unfaithful(f"\\begin{{{end}}} without its \\end")
                break
            self.take()
            if token == "&":
                continue
            if token == "\\\\":
                self.skip_space()
                if self.peek() == "[":  # \\[2pt]: extra space between rows
                    self.group_text("[", "]")
                rows.append([])
                continue
            if self.group_text() != end:
                raise Unfaithful("\\end does not match its \\begin")
            break
        kept = [row for row in rows if any(cell.lines != ("",) for cell in row)]
        return kept or rows[:1]

    def expression(self, stop: frozenset[str] | set[str]) -> Box:
        """Items up to a token in ``stop`` (not taken) or the end."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Unfaithful("nested too deep")
        parts: list[Box] = []
        spaced = True  # at the start, as after a space: leading spaces go
        while (token := self.peek()) is not None and token not in stop:
            part = self.item()
            if len(part.lines) == 1:
                text = part.lines[0].lstrip(" ") if spaced else part.lines[0]  # one space where two meet
                if not text:
                    continue
                part, spaced = Box.of(text), text.endswith(" ")
            else:
                spaced = False
            parts.append(part)
        self.depth -= 1
        joined = beside(parts)
        return Box.of(joined.lines[0].strip(" ")) if len(joined.lines) == 1 else joined

    def item(self) -> Box:
        """An atom and the scripts on it."""
        base = self.atom()
        sub = sup = None
        while (token := self.peek()) in ("^", "_", "'"):
            self.take()
            if token == "'":
                base = beside([base, Box.of("′")])
                continue
            self.skip_space()
            script = self.argument().text.replace(" ", "")
            if token == "^":
                sup = script if sup is None else sup + script
            else:
                sub = script if sub is None else sub + script
        if sub is None and sup is None:
            return base
        upper, lower = scripts()
        tail = "".join(_script(text, table, mark) for text, table, mark in ((sub, lower, "_"), (sup, upper, "^"))
                       if text is not None)
        return beside([base, Box.of(tail)])

    def argument(self) -> Box:
        """A braced group, or the single token (with its own scripts, never) that stands for one."""
        self.skip_space()
        if self.peek() == "{":
            self.take()
            box = self.expression(stop={"}"})
            if self.peek() != "}":
                raise Unfaithful("unbalanced braces")
            self.take()
            return box
        return self.atom()

    def group_text(self, opening: str = "{", closing: str = "}") -> str:
        """The raw text of a braced group (``\\text{…}``, an environment's name)."""
        self.skip_space()
        if self.take() != opening:
            raise Unfaithful(f"expected {opening}")
        depth, parts = 0, []
        while True:
            token = self.take()
            if token == closing and depth == 0:
                return "".join(parts)
            depth += {opening: 1, closing: -1}.get(token, 0)
            parts.append(token[1:] if token in ("\\{", "\\}", "\\%", "\\$", "\\&", "\\_", "\\#") else token)

    def text_argument(self) -> str:
        """The raw text of ``\\text{…}`` and its kin, or of the one token after ``\\mathrm d``."""
        self.skip_space()
        if self.peek() == "{":
            return self.group_text()
        return self.take().lstrip("\\")

    def atom(self) -> Box:
        token = self.take()
        if token.isspace():
            return Box.of(" ")
        if token == "{":
            box = self.expression(stop={"}"})
            if self.peek() != "}":
                raise Unfaithful("unbalanced braces")
            self.take()
            return box
        if token in ("}", "&") or token == "\\\\":
            raise Unfaithful(f"{token} out of place")
        if token == "~":
            return Box.of(" ")
        if token.startswith("\\"):
            return self.command(token[1:])
        return Box.of("−" if token == "-" else token)

    def command(self, name: str) -> Box:
        if name in IGNORED:
            return Box.of("")
        if name in SKIP_ARGUMENT:
            if name == "color" or self.peek() != "[":
                self.group_text()
            return Box.of("")
        if name in (" ", ",", ":", ";", ">", "enspace", "thinspace", "medspace", "thickspace"):
            return Box.of(" ")
        if name in ("quad", "qquad"):
            return Box.of(QUAD * (1 if name == "quad" else 2))
        if name in TEXT or name == "operatorname*":
            return Box.of(" ".join(self.text_argument().split()))
        if name in ("stackrel", "overset", "underset"):
            mark, body = self.argument().text, self.argument().text
            table, sign = scripts()[1] if name == "underset" else scripts()[0], "_" if name == "underset" else "^"
            return Box.of(body + (_script(mark, table, sign) if mark else ""))
        if name in ARROWS:
            self.skip_space()
            if self.peek() == "[":
                self.group_text("[", "]")
            label = self.argument().text
            return Box.of(ARROWS[name] + (_script(label, scripts()[0], "^") if label else ""))
        if name in ALPHABETS:
            return Box.of(styled(self.argument().text, ALPHABETS[name]))
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            top, bottom = self.argument().text, self.argument().text
            return Box.of(f"{_grouped(top)}/{_grouped(bottom)}")
        if name == "sqrt":
            return self.root()
        if name == "binom":
            top, bottom = self.argument().text, self.argument().text
            return Box.of(f"({top} choose {bottom})")
        if name in ("pmod", "mod"):
            inner = self.argument().text
            return Box.of(f" (mod {inner})" if name == "pmod" else f" mod {inner}")
        if name == "bmod":
            return Box.of(" mod ")
        if name in ("textcolor", "colorbox"):
            self.group_text()
            return self.argument()
        if name == "tag":
            return Box.of(f"  ({self.group_text()})")
        if name in ACCENTS or name in LINES:
            return self.accent(name)
        if name == "not":
            return Box.of(unicodedata.normalize("NFC", self.atom().text + "\u0338"))
        if name == "left":
            return self.fenced()
        if name == "begin":
            return self.environment(self.group_text())
        text = name if name in ESCAPED else symbol(name)
        if text is None:
            raise Unfaithful(f"no Unicode form for \\{name}")
        if text in PREFIX:
            self.skip_space()
        return Box.of(text)

    def root(self) -> Box:
        self.skip_space()
        index = self.group_text("[", "]").strip() if self.peek() == "[" else ""
        body = _grouped(self.argument().text)
        if not index:
            return Box.of(f"√{body}")
        sign = {"3": "∛", "4": "∜"}.get(index)
        return Box.of(f"{sign}{body}" if sign else f"{_script(index, scripts()[0], '^')}√{body}")

    def accent(self, name: str) -> Box:
        text = self.argument().text
        if name in LINES:
            return Box.of("".join(char + LINES[name] for char in text))
        if len(text) != 1:
            raise Unfaithful(f"\\{name} over more than one character")
        return Box.of(unicodedata.normalize("NFC", text + ACCENTS[name]))

    def delimiter(self) -> str:
        self.skip_space()
        token = self.take()
        if token.startswith("\\"):
            name = token[1:]
            if name in ("{", "}"):
                return name
            text = symbol(name)
            if text is None:
                raise Unfaithful(f"no Unicode form for the delimiter \\{name}")
            return text
        return "" if token == "." else token

    def fenced(self) -> Box:
        """``\\left( … \\right)``: the delimiters as tall as what they hold."""
        opening = self.delimiter()
        inner = self.expression(stop={"\\right"})
        if self.peek() != "\\right":
            raise Unfaithful("\\left without \\right")
        self.take()
        closing = self.delimiter()
        height = len(inner.lines)
        if height == 1:
            return Box.of(opening + inner.text + closing)
        space = Box.of(" ")
        return beside([Box(tall(opening, height).lines, inner.base), space, inner, space,
                       Box(tall(closing, height).lines, inner.base)])

    def environment(self, name: str) -> Box:
        if name not in ROWS:
            raise Unfaithful(f"no layout for the environment {name}")
        aligns, gap, left, right = ROWS[name]
        if name in ("array", "alignat", "alignat*"):
            spec = self.group_text()
            if name == "array":
                aligns = "".join(ch for ch in spec if ch in "lcr") or "c"
        body = grid(self.rows(end=name), aligns, gap)
        height = len(body.lines)
        parts = [body]
        if left:
            parts.insert(0, Box(tall(left, height).lines, body.base))
            parts.insert(1, Box.of(" "))
        if right:
            parts += [Box.of(" "), Box(tall(right, height).lines, body.base)]
        return beside(parts)


def _script(text: str, table: dict[str, str], mark: str) -> str:
    """``text`` in super- or subscript letters if Unicode has them all, else ``^x`` / ``_(xy)``."""
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def render_rows(source: str) -> list[str]:
    """The display lines of a formula: its rows (``\\\\``) one under another, aligned at ``&``.

    Raises:
        Unfaithful: Some part has no faithful Unicode form.
    """
    reader = Reader(source)
    rows = reader.rows(end=None)
    if len(rows) == 1 and len(rows[0]) == 1:
        return list(rows[0][0].lines)
    return [line for line in grid(rows, "rl", " ").lines]


def render_inline(source: str) -> str:
    """The one-line Unicode form of an inline formula.

    Raises:
        Unfaithful: Some part has no faithful Unicode form, or it needs more than one line.
    """
    reader = Reader(source)
    box = reader.expression(stop=set())
    return box.text
