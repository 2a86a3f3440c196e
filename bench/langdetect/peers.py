"""Other detectors' answers on the corpus, cached beside it: mdread's rules before this model,
Pygments' ``guess_lexer`` and highlight.js's ``highlightAuto`` (through node, when installed).

None of them is trained on the corpus, so every snippet is held out for them; ``evaluate.py``
scores their answers with the same labels as mdread's. guesslang could not be installed here: it
pins TensorFlow 2.5, which has no build for Python 3.11.

Run ``python bench/langdetect/peers.py [--before COMMIT]``; answers go to
``/work/corpora/langdetect/peers-<name>.json`` (snippet hash → answer), kept across corpus
rebuilds so that only new snippets are asked. highlight.js answers an evenly spread sample
(``--sample``) once: node takes minutes per thousand snippets on a loaded machine.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from train import LANGUAGES, read  # noqa: E402

CORPUS = Path("/work/corpora/langdetect")
HLJS = Path("/work/corpora/tools/hljs")
"""A folder where ``npm install highlight.js@11`` was run (outside the repository)."""

BEFORE = "8dc2a32dbd918f114965272ec7713c83a7a8ba50"
"""The last commit whose detector was the hand-written rule table."""

PYGMENTS: dict[str, str] = {
    "python2": "python", "numpy": "python", "js": "javascript", "ts": "typescript", "tsx": "typescript",
    "jsx": "javascript", "cuda": "cpp", "sh": "bash", "zsh": "bash", "console": "bash", "shell-session": "bash",
    "mysql": "sql", "postgresql": "sql", "psql": "sql", "tsql": "sql", "sqlite3": "sql", "plpgsql": "sql",
    "json-object": "json", "jsonld": "json", "rb": "ruby", "c#": "csharp", "cs": "csharp", "f#": "fsharp",
    "splus": "r", "s": "r", "objc": "objective-c", "pwsh": "powershell", "ps1": "powershell", "makefile": "make",
    "dockerfile": "docker", "md": "markdown", "udiff": "diff", "octave": "matlab", "xml": "xml",
}  # fmt: skip
"""A detector's answer → the corpus's label. Dialects fold onto their language as in the corpus."""

HIGHLIGHTJS: dict[str, str] = {
    "shell": "bash", "cpp": "cpp", "arduino": "cpp", "csharp": "csharp", "dockerfile": "docker",
    "makefile": "make", "objectivec": "objective-c", "plaintext": "text", "vbnet": "vbnet", "xml": "xml",
}  # fmt: skip


def _fold(answer: str | None, table: dict[str, str]) -> str:
    if not answer:
        return "none"
    return table.get(answer, answer)


def before(commit: str) -> Callable[[str], str | None]:
    """The rule-table detector as it was at ``commit``, loaded from git without checking it out."""
    folder = Path(tempfile.mkdtemp())
    for name in ("detect", "detect_rules"):
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:src/mdread/render/code/{name}.py"],
                                capture_output=True, text=True, check=True).stdout
        source = source.replace("from mdread.render.code.detect_rules import", "from before_detect_rules import")
        (folder / f"before_{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location("before_detect", folder / "before_detect.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["before_detect"] = module
    spec.loader.exec_module(module)
    return module.detect


def guess(code: str) -> str:
    from pygments.lexers import guess_lexer

    lexer = guess_lexer(code)
    alias = lexer.aliases[0] if lexer.aliases else lexer.name.lower()
    return "cpp" if "C++" in lexer.name else alias


def highlightjs(texts: list[str]) -> list[str] | None:
    """highlight.js's answers through one node process, or None when it is not installed."""
    if not (HLJS / "node_modules" / "highlight.js").is_dir():
        return None
    script = (
        "const hljs = require('highlight.js'); const lines = require('fs').readFileSync(0, 'utf8').split('\\n');"
        "const out = lines.filter(Boolean).map(l => hljs.highlightAuto(JSON.parse(l)).language || '');"
        "process.stdout.write(JSON.stringify(out));"
    )
    data = "\n".join(json.dumps(text) for text in texts) + "\n"
    done = subprocess.run(["node", "-e", script], input=data, capture_output=True, text=True, check=True, cwd=HLJS)
    return json.loads(done.stdout)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def answers_for(name: str, texts: list[str]) -> list[str | None] | None:
    """A peer's cached answers for ``texts`` (None where it did not answer that snippet), or None
    when it was never run."""
    path = CORPUS / f"peers-{name}.json"
    if not path.exists():
        return None
    found = json.loads(path.read_text(encoding="utf-8"))
    return [found.get(_key(text)) for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--only", choices=("before", "pygments", "highlightjs"))
    parser.add_argument("--sample", type=int, default=3000, help="how many snippets highlight.js answers")
    args = parser.parse_args()
    texts = sorted({example.text for example in read(CORPUS / "snippets.jsonl", LANGUAGES)})
    if args.only in (None, "highlightjs") and not (CORPUS / "peers-highlightjs.json").exists():
        picked = texts[:: max(1, len(texts) // args.sample)]
        found = highlightjs(picked)
        if found is not None:
            _write("highlightjs", picked, [_fold(answer, HIGHLIGHTJS) for answer in found])
    if args.only in (None, "before"):
        detect = before(args.before)
        missing = _missing("before", texts)
        _write("before", missing, [_fold(detect(text), PYGMENTS) for text in missing])
    if args.only in (None, "pygments"):
        missing = _missing("pygments", texts)
        _write("pygments", missing, [_fold(guess(text), PYGMENTS) for text in missing])


def _missing(name: str, texts: list[str]) -> list[str]:
    """The texts a peer has not answered yet (answers are kept across corpus rebuilds)."""
    path = CORPUS / f"peers-{name}.json"
    known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return [text for text in texts if _key(text) not in known]


def _write(name: str, texts: list[str], answers: list[str]) -> None:
    """Add answers to a peer's table."""
    path = CORPUS / f"peers-{name}.json"
    table = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    table.update({_key(text): answer for text, answer in zip(texts, answers, strict=True)})
    path.write_text(json.dumps(table), encoding="utf-8")
    print(f"{name}: {len(answers)} new answers, {len(table)} in all")


if __name__ == "__main__":
    main()
