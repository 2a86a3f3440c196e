"""Highlighting: tree-sitter grammars for common languages, Pygments for the rest, one token vocabulary."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.token import Token

from mdread.render.code import treesitter
from mdread.render.code.highlight import tokens
from mdread.render.code.languages import main_alias

SAMPLES = {
    "python": 'import os  # 导入\ndef main(x=None):\n    return "a\\n" + str(x)\n',
    "javascript": "// note\nconst x = 'a';\nfunction f(y) { return y + 1; }\n",
    "typescript": "// note\ninterface P { id: string }\nconst f = (p: P): number => 42;\n",
    "tsx": "// note\nconst A = () => <div className=\"x\">hi</div>;\n",
    "c": "/* c */\n#include <stdio.h>\nint main(void) { return printf(\"hi\"); }\n",
    "cpp": "// c++\n#include <vector>\nint main() { std::vector<int> v{1}; return 0; }\n",
    "bash": "# shell\nfor f in *.md; do echo \"$f\"; done\n",
    "go": "// go\npackage main\nfunc main() { s := \"x\"; _ = s }\n",
    "rust": "// rust\nfn main() { let s = \"x\"; println!(\"{}\", s); }\n",
    "java": "// java\nclass A { int f() { return 1; } String s = \"x\"; }\n",
    "yaml": "# yaml\nkey: value\nlist:\n  - 1\n",
    "toml": "# toml\n[table]\nkey = \"value\"\n",
}

SQL_JSON_HTML_CSS = {
    "json": '{"key": "value", "n": 1, "ok": true}\n',
    "sql": "-- sql\nSELECT id, 'x' FROM users WHERE id = 1;\n",
    "css": "/* css */\nbody { color: red; margin: 0 }\n",
    "html": "<!-- html -->\n<p class=\"x\">hi</p>\n",
}


def test_every_grammar_has_a_sample() -> None:
    assert set(SAMPLES) == set(treesitter.GRAMMARS)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_grammar_tokens_join_back_and_colour(language: str) -> None:
    text = SAMPLES[language]
    found = treesitter.grammar(language)
    assert found is not None, f"{language}: grammar failed to load"
    runs = found.tokens(text)
    assert "".join(value for _, value in runs) == text
    kinds = {ttype for ttype, _ in runs} - {Token.Text}
    assert len(kinds) >= 2, f"{language}: only {kinds}"


def test_python_captures_map_to_the_pygments_vocabulary() -> None:
    runs = treesitter.grammar("python").tokens(SAMPLES["python"])
    by_text = {value: ttype for ttype, value in runs}
    assert by_text["import"] in Token.Keyword
    assert by_text["# 导入"] in Token.Comment
    assert by_text["None"] in Token.Keyword.Constant
    assert by_text["\\n"] in Token.Literal.String.Escape
    assert by_text["str"] in Token.Name.Builtin


def test_aliases_reach_the_grammar() -> None:
    assert main_alias("py") == "python"
    assert main_alias("ts") == "typescript"
    assert main_alias("c++") == "cpp"
    assert main_alias("no-such-language") is None
    assert tokens("x", "no-such-language") is None
    assert tokens("x", "text") is None
    assert list(tokens("x = 1\n", "py")) == treesitter.grammar("python").tokens("x = 1\n")


def test_common_fence_names_answer_as_pygments_table_does() -> None:
    """The static table of common names, read before Pygments' own, never says other than it."""
    from mdread.render.code.languages import COMMON, _by_alias

    table = _by_alias()
    assert {name: table.get(name) for name in COMMON} == COMMON


def test_languages_without_a_grammar_use_pygments() -> None:
    text = "(defun f (x) (+ x 1)) ; lisp\n"
    assert treesitter.grammar(main_alias("lisp")) is None
    runs = list(tokens(text, "lisp"))
    assert "".join(value for _, value in runs) == text
    assert any(ttype in Token.Comment for ttype, _ in runs)


def test_a_broken_grammar_package_falls_back_to_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(treesitter.GRAMMARS, "python", treesitter.GrammarSpec("tree_sitter_missing_package"))
    monkeypatch.setattr(treesitter, "_grammars", {})
    assert treesitter.grammar("python") is None
    runs = list(tokens("def f(): pass\n", "python"))
    assert "".join(value for _, value in runs) == "def f(): pass\n"
    assert any(ttype in Token.Keyword for ttype, _ in runs)


@settings(deadline=None)  # the first example builds a grammar: no wall-clock limit in a test
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       language=st.sampled_from(["python", "cpp", "yaml", "bash", "typescript", "go"]))
def test_any_text_comes_back_whole(text: str, language: str) -> None:
    runs = treesitter.grammar(language).tokens(text)
    assert "".join(value for _, value in runs) == text
    assert all(value for _, value in runs)


def test_threads_highlight_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    text = SAMPLES["python"] * 200
    expected = treesitter.grammar("python").tokens(text)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: treesitter.grammar("python").tokens(text), range(16)))
        built = set(pool.map(lambda _: id(treesitter.grammar("rust")), range(8)))
    assert all(result == expected for result in results)
    assert len(built) == 1


def test_a_parse_out_of_time_falls_back_to_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(treesitter, "_grammars", {})
    monkeypatch.setattr(treesitter, "PARSE_TIMEOUT_MICROS", 1)
    text = "def f(x):\n    return [x]\n" * 20_000
    assert treesitter.grammar("python").tokens(text) is None
    runs = list(tokens(text, "python"))
    assert "".join(value for _, value in runs) == text
    assert any(ttype in Token.Keyword for ttype, _ in runs)


@pytest.mark.parametrize("language", ["sql", "json", "html", "css"])
def test_languages_pygments_lexes_faster_have_no_grammar(language: str) -> None:
    runs = list(tokens(SQL_JSON_HTML_CSS[language], language))
    assert treesitter.grammar(language) is None
    assert "".join(value for _, value in runs) == SQL_JSON_HTML_CSS[language]
    assert len({ttype for ttype, _ in runs}) > 2


def test_a_language_left_out_of_the_grammars_is_lexed_by_pygments() -> None:
    from pygments.lexers import get_lexer_by_name

    text = "int main() { return 0; }\n"
    pygments_runs = list(get_lexer_by_name("cpp", stripnl=False, ensurenl=False).get_tokens(text))
    assert list(tokens(text, "cpp", frozenset())) == pygments_runs
    assert list(tokens(text, "cpp", frozenset({"cpp"}))) == treesitter.grammar("cpp").tokens(text)


def test_a_grammar_is_worth_building_only_for_enough_code() -> None:
    spec = treesitter.GRAMMARS["cpp"]
    assert treesitter.worth_building({"cpp": spec.worth_from - 1, "python": 10}) == {"python"}
    assert treesitter.worth_building({"cpp": spec.worth_from, "sql": 10**6}) == {"cpp"}


def _sample_post_code() -> dict[str, list[str]]:
    """The code blocks of the repository's sample posts, by fence language (real articles' code)."""
    import re
    from pathlib import Path

    found: dict[str, list[str]] = {}
    for post in sorted((Path(__file__).parent.parent / "sample_posts").glob("*.md")):
        for lang, code in re.findall(r"^```(\w+)\n(.*?)^```", post.read_text(encoding="utf-8"), re.S | re.M):
            if (alias := main_alias(lang)) in treesitter.GRAMMARS:
                found.setdefault(alias, []).append(code)
    return found


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_trimmed_queries_colour_exactly_as_the_upstream_ones(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import tree_sitter

    from mdread.render.code.queries import patterns, trimmed

    spec = treesitter.GRAMMARS[language]
    trim = treesitter.Grammar(spec)
    monkeypatch.setattr(treesitter, "trimmed", lambda source, coloured: source)
    whole = treesitter.Grammar(spec)
    source = "\n".join(treesitter._highlights(package) for package in spec.queries or (spec.package,))
    assert len(patterns(source)) == whole.query.pattern_count
    kept = trimmed(source, lambda name: name in trim.types)
    assert tree_sitter.Query(trim.language, kept).pattern_count == trim.query.pattern_count <= whole.query.pattern_count
    for text in [SAMPLES[language], *_sample_post_code().get(language, [])]:
        assert trim.tokens(text) == whole.tokens(text)


def test_trimming_drops_the_patterns_that_colour_nothing() -> None:
    from mdread.render.code.queries import trimmed

    query = '; names\n(identifier) @variable\n"if" @keyword\n[(a) (b)]+ @x @type ; two captures\n(call) @property\n'
    kept = trimmed(query, lambda name: name in ("keyword", "type"))
    assert kept == '"if" @keyword\n[(a) (b)]+ @x @type ; two captures\n'


WIDE_AFTER_BRACE = [prefix + chr(point) for prefix in ("{", "{1", "{1..2", "echo {") for point in (0x31860, 0xF50F1)]
"""Where tree-sitter-bash's scanner reads C's ``isdigit`` table out of bounds (its issue 337)."""


def test_a_brace_before_a_wide_character_is_handed_to_the_bash_grammar_as_an_underscore() -> None:
    for text in WIDE_AFTER_BRACE:
        data = text.encode()
        assert treesitter.parseable("tree_sitter_bash", data) == data.replace(b"{", b"_")
        assert "".join(part for _, part in treesitter.grammar("bash").tokens(text)) == text
    assert treesitter.parseable("tree_sitter_bash", b"{ echo; } {1..2} ${x}") == b"{ echo; } {1..2} ${x}"
    assert treesitter.parseable("tree_sitter_python", "{\U00031860".encode()) == "{\U00031860".encode()


def test_a_brace_before_a_wide_character_does_not_crash_mdread() -> None:
    """Unguarded, such text segfaulted more than half of fresh processes here (a hypothesis test found it)."""
    code = ("from mdread.render.code.detect import detect\n"
            "from mdread.render.code.treesitter import grammar\n"
            f"for text in {WIDE_AFTER_BRACE!r}:\n"
            "    detect(text); grammar('bash').tokens(text)\n")
    for _ in range(4):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr


def test_a_lone_surrogate_leaves_the_block_to_pygments() -> None:
    """Text decoded with ``surrogateescape`` elsewhere must not reach a grammar that cannot read it back."""
    for language in treesitter.GRAMMARS:
        assert treesitter.grammar(language).tokens('x = "\udcff"\n') is None
    assert "".join(part for _, part in tokens('x = "\udcff"\n', "bash")) == 'x = "\udcff"\n'
