"""Language detection for unlabeled or under-labeled code blocks (mdread.render.code.detect).

The snippets in ``fixtures/langdetect/<language>/NN.txt`` were written by the project: the shipped
model was trained on public code only (``bench/langdetect``), so they are a check it never saw.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdread.render.code.detect import Verdict, answer, classify, detect, settle
from mdread.render.code.detect_model import SHARING, load
from mdread.render.code.dialects import DIALECTS, suggest

DEV = Path(__file__).resolve().parent / "fixtures" / "langdetect"
SNIPPETS = sorted(DEV.glob("*/*.txt"))

CUDA_IN_CPP = """\
__global__ void scale(float *x, float k, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= k;
}

scale<<<grid, block>>>(d_x, 2.0f, n);
"""
PLAIN_CPP = """\
#include <vector>

std::vector<int> v{3, 1, 2};
std::sort(v.begin(), v.end());
"""
ANNOTATED_JS = """\
interface Point { x: number; y: number }

function norm(p: Point): number {
  return Math.hypot(p.x, p.y);
}
"""
TYPED_JSX = """\
export const Badge = ({ count }: { count: number }) => (
  <span className="badge">{count}</span>
);
"""
UNTYPED_JSX = """\
export function Hello({ name }) {
  return <h1 className="hello">Hello, {name}</h1>;
}
"""
SESSION = """\
$ git --version
git version 2.43.0
"""
SCRIPT = """\
#!/bin/sh
set -e
echo "building"
make all
"""


COMMENTED_BASH = """\
# Variables are set without spaces around the equals sign.
# Reading one needs a dollar sign; braces keep it apart from the text after it.
# A substitution replaces the first match of a pattern in the value.
variable="Some string"
echo "${variable/Some/A}"
# The length of a value, and a slice of it
echo "${#variable}"
echo "${variable:0:7}"
"""
COMMENTED_PYTHON = """\
# Numbers are integers or floats; a division always gives a float.
# Integer division rounds towards minus infinity.
# The operators below all return new values.
x = 3
y = x // 2
# Powers, and the remainder of a division
print(x ** 2, x % 2)
"""
KNOWN = frozenset(load().labels) | {dialect.name for dialect in DIALECTS}


def test_comment_heavy_blocks_are_named_by_their_code() -> None:
    """Prose comments must not outvote code: the old rules read '# ...' as Markdown headings."""
    assert detect(COMMENTED_BASH) == "bash"
    assert detect(COMMENTED_PYTHON) == "python"


def test_dev_set_accuracy_is_at_least_90_percent() -> None:
    misses = [(path.relative_to(DEV), detect(path.read_text(encoding="utf-8"))) for path in SNIPPETS]
    misses = [(name, got) for name, got in misses if got != name.parent.name]
    assert len(misses) <= 0.10 * len(SNIPPETS), misses


@pytest.mark.parametrize(
    ("label", "code", "expected"),
    [
        ("cpp", CUDA_IN_CPP, "cuda"),
        ("c++", CUDA_IN_CPP, "cuda"),
        ("C", CUDA_IN_CPP, "cuda"),
        ("javascript", ANNOTATED_JS, "typescript"),
        ("js", ANNOTATED_JS, "typescript"),
        ("js", UNTYPED_JSX, "jsx"),
        ("typescript", TYPED_JSX, "tsx"),
        ("jsx", TYPED_JSX, "tsx"),
        ("bash", SESSION, "console"),
        ("shell", SESSION, "console"),
    ],
)
def test_suggest_sharpens_a_too_general_label(label: str, code: str, expected: str) -> None:
    assert suggest(label, code) == expected


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("cuda", CUDA_IN_CPP),
        ("cu", CUDA_IN_CPP),
        ("cpp", PLAIN_CPP),
        ("typescript", ANNOTATED_JS),
        ("ts", ANNOTATED_JS),
        ("tsx", TYPED_JSX),
        ("jsx", UNTYPED_JSX),
        ("bash", SCRIPT),
        ("console", SESSION),
        ("python", "import os\nprint(os.getcwd())\n"),
        ("ruby", "puts 'hi'\n"),
        ("", PLAIN_CPP),
    ],
)
def test_suggest_is_none_when_the_label_fits(label: str, code: str) -> None:
    assert suggest(label, code) is None


def test_suggest_never_contradicts_a_label() -> None:
    assert suggest("python", CUDA_IN_CPP) is None
    assert suggest("typescript", UNTYPED_JSX) is None


def test_detect_agrees_with_suggest_on_dialects() -> None:
    assert detect(CUDA_IN_CPP) == "cuda"
    assert detect(ANNOTATED_JS) == "typescript"
    assert detect(TYPED_JSX) == "tsx"
    assert detect(UNTYPED_JSX) == "jsx"
    assert detect(SESSION) == "console"
    assert detect(SCRIPT) == "bash"


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\t \r\n"])
def test_empty_input_has_no_language(blank: str) -> None:
    assert detect(blank) is None
    assert suggest("cpp", blank) is None


PLAIN_C = """\
#include <stdio.h>

int main(void) {
    for (int i = 0; i < 3; i++)
        printf("%d\\n", i);
    return 0;
}
"""
CPP_WITHOUT_STD = """\
class Counter {
public:
    void add(int n) { total += n; }
private:
    int total = 0;
};
"""
PLAIN_JS = """\
const total = items.reduce((sum, item) => sum + item.price, 0);
console.log(`Total: ${total}`);
"""
UNIFIED_DIFF = """\
@@ -1,3 +1,3 @@
 def greet(name):
-    print("Hello " + name)
+    print(f"Hello {name}")
"""
XML_CONFIG = """\
<configuration>
  <appSettings>
    <add key="timeout" value="30" />
  </appSettings>
</configuration>
"""
HTML_PAGE = """\
<div class="card">
  <h2>Title</h2>
  <p>Some <a href="/more">text</a></p>
</div>
"""


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (PLAIN_C, "c"),
        (PLAIN_CPP, "cpp"),
        (CPP_WITHOUT_STD, "cpp"),
        (PLAIN_JS, "javascript"),
        (ANNOTATED_JS, "typescript"),
        (UNIFIED_DIFF, "diff"),
        (XML_CONFIG, "xml"),
        (HTML_PAGE, "html"),
    ],
    ids=["c", "cpp", "cpp-class", "js", "ts", "diff", "xml", "html"],
)
def test_near_relatives_are_told_apart_by_what_only_one_has(code: str, expected: str) -> None:
    """Valid C is C and plain JavaScript is JavaScript unless C++'s or TypeScript's marks show."""
    assert detect(code) == expected


PAGE_WITH_SCRIPT = """\
<p id="greeting">Hello</p>
<script>
  const node = document.getElementById("greeting");
  node.textContent = node.textContent.toUpperCase();
</script>
"""
DECLARED_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- the release notes -->
<notes>Fixed the crash on start.</notes>
"""


def test_a_page_around_its_script_is_html_and_a_declared_document_is_what_it_declares() -> None:
    """Most of such a page is JavaScript, yet a script element is HTML's; a first line that
    declares the document settles it even when the rest reads as prose."""
    assert detect(PAGE_WITH_SCRIPT) == "html"
    assert answer("javascript", PAGE_WITH_SCRIPT) == "html"
    assert answer("text", PAGE_WITH_SCRIPT) == "html"
    assert answer("javascript", PLAIN_JS) == "javascript"
    assert detect(DECLARED_XML) == "xml"
    assert detect("<?xml version='1.0'?>\nThe notes are empty.\n") == "xml"
    assert detect("<!DOCTYPE html>\nHello, world.\n") == "html"


def test_a_session_is_named_by_its_prompt_whatever_the_output() -> None:
    assert detect("$ go run hello.go\nhello world\nexit status 0\n") == "console"


def test_a_command_line_tool_first_settles_a_shell_block_whatever_its_json_body() -> None:
    """Left one source out, API manuals' ``curl`` requests were called JSON by their bodies; the
    command settles it before the token model is asked."""
    request = (
        'curl -i "http://127.0.0.1:9080/anything" -X POST \\\n'
        '  -H "Content-Type: application/json" \\\n'
        "  -d '{\n"
        '    "messages": [{"role": "user", "content": "A used bike for 100 USD"}],\n'
        '    "options": {"max_tokens": 256, "stream": false}\n'
        "  }'\n"
    )
    assert detect(request) == "bash"
    assert classify(request, load()) == Verdict("bash", math.inf)
    assert classify('{"curl": "-X POST"}', load()).language == "json"


def test_prose_and_output_are_text() -> None:
    assert detect("Thanks for the report; I will look at it tomorrow.\n") == "text"
    assert detect("1\n2\nFizz\n") == "text"


TABLE_OF_RESULTS = """\
  1   2   3   4   5   6
      4   6   8  10  12
          9  12  15  18
-0.0597391027501976
1.85018966726278
"""


def test_lines_that_all_start_with_numbers_are_output_unless_they_compute() -> None:
    """Left one source out, tables of results were called shell or Python by models that had seen
    little program output; a block of numbers is settled as text before the model is asked, but
    not a tutorial's arithmetic, nor a numbered list."""
    assert classify(TABLE_OF_RESULTS, load()) == Verdict("text", math.inf)
    assert detect(TABLE_OF_RESULTS) == "text"
    for code in ("7 % 3   # => 1\n-7 % 3  # => 2\n", "1 + 1;\n2 * 21;\n", "1. Install it\n2. Run it\n"):
        assert classify(code, load()).lead < math.inf, code


def test_a_block_of_comments_alone_is_named_by_their_words_among_languages_sharing_the_marker() -> None:
    """The token model keeps only a comment's marker, so a block of comments alone gave it
    nothing but ``#`` (Ruby, for its long file headers) or ``//`` (left plain); the comments'
    words now choose among the languages that colour such a block alike."""
    hashed = "# A list comprehension builds the list in one line;\n# the tuple it unpacks cannot be changed.\n"
    piped = "# Print the working directory, then list its files\n# and pipe them to grep.\n"
    slashed = "// Goroutines are lightweight threads,\n// and channels connect them.\n"
    assert classify(hashed, load()) == Verdict("python", math.inf)
    assert detect(piped) == "bash"
    assert detect(slashed) in SHARING["//"]
    assert detect("#\n#\n") == "text", "no words: nothing to go on"
    for headings in ("# My Project\n## Installation\n## Usage\n", "# Heading 1\n## Heading 2\n### Heading 3\n"):
        assert detect(headings) not in SHARING["#"], "Markdown headings of two levels are not comments"
    assert detect("#include <stdio.h>\n#define N 10\n") in ("c", "cpp"), "a preprocessor line is code"


def test_a_dockerfile_instruction_first_settles_a_dockerfile() -> None:
    """Pieces of Dockerfiles that are mostly shell (``RUN``, ``HEALTHCHECK CMD curl …``) were
    called shell or left plain; an instruction on the first line settles them, after comments."""
    piece = "## check the web server\n\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n"
    assert classify(piece, load()) == Verdict("docker", math.inf)
    assert detect("RUN apt-get update \\\n    && apt-get install -y curl\n") == "docker"
    assert detect("SELECT name\nFROM users\nWHERE id = 1;\n") == "sql", "only the first line counts"


def test_shell_is_read_as_make_where_make_syntax_shows() -> None:
    """A Makefile's recipes are shell commands, and left one source out the model called them
    shell; make's own syntax (``$(VAR)``, conditionals, ``$<``, a rule and its tab-indented recipe)
    decides, and a shell script's ``$(command)`` does not."""
    recipe = 'install: all\n\tmkdir -p "$(PREFIX)/bin"\n\tcp out/tool "$(PREFIX)/bin/tool"\n'
    conditional = "ifdef WITH_DOCS\nsubdirs += docs\nendif\n"
    script = 'for f in $(ls *.txt); do\n  echo "$f: $(wc -l < "$f")"\ndone\n'
    assert [settle("bash", code, {}) for code in (recipe, conditional, script)] == ["make", "make", "bash"]
    assert detect(recipe) == "make"
    assert detect(script) == "bash"


MARKDOWN_SHOWING_HTML = """\
### Use the `main` element

The `main` element wraps the page's content.

Bad:

    <div id="content">
      <p>Hello</p>
    </div>
"""


def test_markup_under_a_markdown_heading_is_markdown() -> None:
    """A guide's piece (a heading, prose, an indented example) is mostly tags, and the model
    called it HTML; no HTML or XML document has a Markdown heading outside its tags."""
    assert settle("html", MARKDOWN_SHOWING_HTML, {}) == "markdown"
    assert detect(MARKDOWN_SHOWING_HTML) == "markdown"
    assert detect(HTML_PAGE) == "html", "an HTML heading element is not a Markdown heading"


def test_this_and_a_template_type_show_cpp() -> None:
    """``this->`` and a declaration of a template type (``vector<int> seen;``) are C++ only; a
    comparison between names is not a template."""
    this = "void push(int v) {\n    this->items[this->top++] = v;\n}\n"
    template = "int count(int n) {\n    vector<int> seen;\n    for (int i = 0; i < n; i++)\n"
    template += "        seen.push_back(i);\n}\n"
    compare = "if (a<b && c>d)\n    x = 1;\n"
    assert [settle("c", code, {}) for code in (this, template, compare)] == ["cpp", "cpp", "c"]
    assert detect(this) == detect(template) == "cpp"


def test_large_json_beyond_the_prefix_is_still_json() -> None:
    rows = ",\n".join(f'  {{"id": {i}, "name": "item {i}", "tags": ["a", "b"]}}' for i in range(2000))
    assert detect("[\n" + rows + "\n]\n") == "json"


def test_huge_input_is_judged_by_its_prefix() -> None:
    unit = "def f(x):\n    return [i * x for i in range(10)]\n\n"
    assert detect(unit * 100_000) == "python"


HOSTILE = {
    "control characters": "".join(map(chr, range(32))) * 50,
    "escapes and odd code points": "\x1b[31mred\x1b[0m\x00\x07\x08\x7f\u202e\u2028\ufeff\ud800",
    "1 MB single line": "x" * 1_000_000,
    "angle brackets": "<" * 200_000 + ">" * 200_000,
    "unclosed braces": "{" * 100_000,
    "prompts without newlines": "$ " * 100_000,
    "carriage returns": "\r" * 10_000 + "fn main() {}",
    "code after a blank prefix": " " * 10_000 + "SELECT 1;",
}


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_does_not_crash(hostile: str) -> None:
    assert detect(hostile) in KNOWN
    assert suggest("bash", hostile) in (None, "console")
    assert suggest("cpp", hostile) in (None, "cuda")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["js", "c++", "sh", "python", "", "{.cpp}"]))
def test_any_text_gets_a_known_answer(code: str, label: str) -> None:
    found = detect(code)
    assert (found is None) == (not code.strip())
    assert found is None or found in KNOWN
    assert suggest(label, code) in (None, *KNOWN)
