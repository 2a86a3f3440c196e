"""The tables math is drawn from: LaTeX macros as Unicode, and Unicode's super- and subscripts.

Macros come from pylatexenc's table (Greek, operators, arrows, relations …), which is
imported on the first formula only: it costs about 40 ms, and most articles have no math.
Super- and subscript letters come from the Unicode data itself (characters whose
decomposition is ``<super> x`` or ``<sub> x``), so no table here can drift from it.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Callable

SCRIPT_RANGES = (range(0xA0, 0x300), range(0x1D00, 0x1DC0), range(0x2070, 0x20A0), range(0x2C7C, 0x2C7E))
"""Where Unicode keeps the super- and subscripts that terminal fonts draw; later blocks (U+A7F0,
U+10780 …) have a few more letters that few fonts have."""

def names(text: str) -> frozenset[str]:
    """A set of macro names written as one string, as LaTeX manuals list them."""
    return frozenset(text.split())


OPERATOR_NAMES = names(
    "arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup ln log "
    "max min Pr sec sin sinh sup tan tanh")
"""LaTeX's own named operators (``\\sin``, ``\\log`` …), drawn as their names."""

MISSING = {
    "prime": "′", "ne": "≠", "iff": "⟺", "implies": "⟹", "impliedby": "⟸", "bot": "⊥", "|": "‖",
    "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "Re": "ℜ", "Im": "ℑ", "triangle": "△",
    "land": "∧", "lor": "∨", "lnot": "¬", "neg": "¬", "gets": "←", "owns": "∋", "colon": ":",
    "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯", "smallsetminus": "∖", "setminus": "∖",
    "mapsto": "↦", "longmapsto": "⟼", "complement": "∁", "nexists": "∄", "varnothing": "∅",
    "Join": "⋈", "lt": "<", "gt": ">", "infin": "∞", "coloneqq": "≔", "eqqcolon": "≕", "checkmark": "✓",
    "TeX": "TeX", "LaTeX": "LaTeX", "KaTeX": "KaTeX",
}
"""Macros pylatexenc's table lacks or draws in ASCII (``\\prime`` as ``'``)."""


@functools.cache
def _macros() -> Callable[[str], object]:
    from pylatexenc.latex2text import get_default_latex_context_db

    return get_default_latex_context_db().get_macro_spec


def symbol(name: str) -> str | None:
    """The Unicode text of a macro that stands for a fixed symbol (``alpha`` → ``α``), or None."""
    if name in MISSING:
        return MISSING[name]
    if name in OPERATOR_NAMES:
        return name
    replacement = getattr(_macros()(name), "simplify_repl", None)
    return replacement if isinstance(replacement, str) and "%" not in replacement else None


def styled(text: str, style: str) -> str:
    """``text`` in a mathematical alphabet: ``doublestruck``, ``script``, ``bold``, ``fraktur`` …"""
    from pylatexenc.latex2text import fmt_math_text_style

    return str(fmt_math_text_style(text, style))


@functools.cache
def scripts() -> tuple[dict[str, str], dict[str, str]]:
    """``(superscripts, subscripts)``: the character to write for each one that Unicode has."""
    tables: dict[str, dict[str, str]] = {"<super>": {}, "<sub>": {}}
    for code in itertools.chain(*SCRIPT_RANGES):
        char = chr(code)
        tag, _, base = unicodedata.decomposition(char).partition(" ")
        if tag in tables and base and " " not in base and "ORDINAL" not in unicodedata.name(char, ""):
            tables[tag].setdefault(chr(int(base, 16)), char)
    sup, sub = tables["<super>"], tables["<sub>"]
    for table in (sup, sub):
        if "−" in table:
            table["-"] = table["−"]
    return sup, sub
