"""Rebuild the labelled snippet corpus for language detection from public repositories.

Nothing here was written by the project: every snippet is cut from a fetched snapshot of a public
repository, pinned below by its commit, and grouped into *sources* that share no authors, so that
``evaluate.py`` can train on some sources and test on one left out. The corpus is written to
``/work/corpora/langdetect/snippets.jsonl`` (outside git); ``--mirrors`` says where the snapshots
are (``<owner>+<name>/repo`` git directories, as the ``fetch`` tool lays them out).

Snippets look like blog fences: labelled fences are taken as they are (cut when longer than
:data:`MAX_LINES`); whole files are cut at blank lines into runs of 3–60 lines, so comment blocks
come out on their own or with the code they precede, as they do in tutorials.

Run ``python bench/langdetect/build_corpus.py``; it prints counts per source and language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = Path("/work/corpora/langdetect")
MIRRORS = Path("/work/.mirror")

MIN_LINES, MAX_LINES = 3, 60
PER_FILE = 12
"""At most this many pieces of one file or page, so one long file cannot stand for its language."""
PER_PROGRAM = 80
"""A program kept in one file at the top of its repository (neofetch) may give this many pieces."""
PER_PAGE = 2
"""At most this many snippets of one language from one Rosetta Code task page."""
PER_LABEL = 400
"""At most this many snippets of one language from one source (a seeded sample when more)."""
PROSE_PER_REPO = 40

REPOS: dict[str, str] = {
    "ad-si/RosettaGit": "d640eb3ecb38e92bf55068942b84d446d90d073c",
    "github-linguist/linguist": "b45dbe9b2825a43285bcd035861be91cc0a7299e",
    "pygments/pygments": "6a62df1d1fc77af7e9fc61325ef376297cadffbb",
    "airbnb/javascript": "8ed19247bef145e3cc41b24a02dd1fe6d9b5e681",
    "uber-go/guide": "1d60a91aa5e87d443002e23c21903c49489dbde5",
    "isocpp/CppCoreGuidelines": "431d25dc77101b240b98bb52a27ed5c974639e9a",
    "dylanaraps/pure-bash-bible": "8c19d0b482b04d8d50fb72b4c5148b41ce605c6d",
    "gto76/python-cheatsheet": "f2ace2d90ea2f153d7f47edc368586ce8f15d8d7",
    "satwikkansal/wtfpython": "9323b863218670404405e0a0b9f54d2841a7452e",
    "jupeter/clean-code-php": "9fab86d007d62dbb9fcf85c70b9c8398371099ce",
    "thangchung/clean-code-dotnet": "a604cf99e618de359cf34c5384a16fe72a5db2f4",
    "kodecocodes/swift-style-guide": "e6d4eda9b00f015f137dd253b53895af3fa426f7",
    "mdo/code-guide": "6918226689cb46f6888244f1ee17389b0bd592be",
    "AllThingsSmitty/css-protips": "e95123993037bbcd1bd97170cfa02087155c3690",
    "mattm/sql-style-guide": "dc67ada386b2ac17221a6f5695542573ca3290ae",
    "enochtangg/quick-SQL-cheatsheet": "e9e601489ad8f052b86882f6789418289a02c3c8",
    "hail2u/html-best-practices": "45f6776ef50a48f3599398b85a7445bebe399b7b",
    "rust-lang/book": "917544888a55e4da7109bdba8c88c893c0da70f4",
    "iluwatar/java-design-patterns": "22a34127d0b08449c24cf7e230c04a097deca2f3",
    "basarat/typescript-book": "e31fe92c3afeea1bbcac4381d290e75e5b3ab6e3",
    "docker/awesome-compose": "18f59bdb09ecf520dd5758fbf90dec314baec545",
    "toml-lang/toml": "bcbbd1c1f03473ffe97b8bf26a0fc945efe2b4a1",
    "compose-spec/compose-spec": "170098ba07d9f53c383a41bfd4c5166b0a4529a6",
    "OAI/OpenAPI-Specification": "46c1076ba6f9a7a09ecaa6b740ab603cf6cc9886",
    "kelseyhightower/kubernetes-the-hard-way": "52eb26dad1a3e9e8083a899bc854421eb4842a73",
    "Kotlin/kotlinx.coroutines": "792ac67bdcd5592e5764753e623a9e8c6e4bcb29",
    "jamesroutley/write-a-hash-table": "cfb49be7baf1a9286d41bebf697c561c062f4901",
    "python-poetry/poetry": "f46702336862f30050d5c641d5ed6f7568ded793",
    "cfenollosa/os-tutorial": "ce8e050d246594fda7f0067d7f4c9abeaa2b269c",
    "actions/starter-workflows": "1035244887e26fbbd4f1017d919fb5995cc521c4",
    "TheAlgorithms/Python": "f5988cc09713315817df6a7e327e258013a94440",
    "TheAlgorithms/Java": "9d05db2d14702454a418ff31158905e502df83e0",
    "TheAlgorithms/C": "e5dad3fa8def3726ec850ca66a7f51521f8ad393",
    "TheAlgorithms/C-Plus-Plus": "b9c118fb5dca86f6325e816481959e1e6c360373",
    "TheAlgorithms/Go": "5ba447ec5ff3d1213de65b92e726ee74c5d5cc19",
    "TheAlgorithms/Rust": "2c53ddfa4b43da4df34bc2f990c5e806f455cb90",
    "TheAlgorithms/JavaScript": "08d8c6b6749c06a36fab705a8cf16e9a04d46a8e",
    "TheAlgorithms/TypeScript": "19b4ced86c99815f142d4a46a028f55487b8038a",
    "TheAlgorithms/Ruby": "bda11bdfd83b7958e1ca98247e5e43100ca88865",
    "TheAlgorithms/PHP": "81b5386af390fd2b44fecf162ade3b1a940c8500",
    "TheAlgorithms/C-Sharp": "5aee9651da068d50a64cfa159fb695904e4a8b5b",
    "TheAlgorithms/Kotlin": "e57a8888dec4454d39414082bbe6a672a9d27ad1",
    "TheAlgorithms/Swift": "2c9eb8b85dee6db46cb33452c0b904eb7d7d179c",
    "TheAlgorithms/Scala": "51b0b3657aa909bb0b83d776eebe0629c541a134",
    "TheAlgorithms/Lua": "cedc141018ad48884318fe08a6db278664b17128",
    "TheAlgorithms/R": "f4b992ad324e51bef9e7a4c39de3d840c3353a8a",
    "TheAlgorithms/Haskell": "9dcabef99fb8995a760ff25a9e0d659114c0b9d3",
    "TheAlgorithms/Julia": "384424b762bbb40d43f31001beeca0c6ffda2f1f",
    "TheAlgorithms/Dart": "94b7930db11baf8968ff35b94a8d7645bb0931ed",
    "TheAlgorithms/Elixir": "6212e7e905ec2d2687e7f6e9e4b07b7fabb40f19",
    "TheAlgorithms/OCaml": "e932c9b03857316092f9db897500d0cc23736980",
    "TheAlgorithms/F-Sharp": "e5441e8bfd2cda87541634b75f39f0868447ae5f",
    "TheAlgorithms/Fortran": "c91199703b78bd2181051b01bd5269740e41e121",
    "TheAlgorithms/MATLAB-Octave": "e150b77ad256de46c1ce3815c3d7945ac4fc28dc",
    "dylanaraps/neofetch": "ccd5d9f52609bbdcd5d8fa78c4fdb0f12954125f",
    "nvm-sh/nvm": "b17550a0b9ab691439815dfccc8b73e3a59fa103",
}
"""Every repository read, with the commit the corpus was built from (filled in by ``--pin``)."""

GUIDES = ("airbnb/javascript", "uber-go/guide", "isocpp/CppCoreGuidelines", "dylanaraps/pure-bash-bible",
          "gto76/python-cheatsheet", "satwikkansal/wtfpython", "jupeter/clean-code-php",
          "thangchung/clean-code-dotnet", "kodecocodes/swift-style-guide", "mdo/code-guide",
          "AllThingsSmitty/css-protips", "mattm/sql-style-guide", "enochtangg/quick-SQL-cheatsheet",
          "hail2u/html-best-practices")  # fmt: skip
"""Style guides and cheat sheets: one author's short, heavily explained fences each."""

DOCS = ("rust-lang/book", "iluwatar/java-design-patterns", "basarat/typescript-book", "docker/awesome-compose",
        "toml-lang/toml", "compose-spec/compose-spec", "OAI/OpenAPI-Specification",
        "kelseyhightower/kubernetes-the-hard-way", "Kotlin/kotlinx.coroutines", "jamesroutley/write-a-hash-table",
        "python-poetry/poetry", "cfenollosa/os-tutorial", "actions/starter-workflows")  # fmt: skip
"""Projects' documentation and tutorials: their fences, and the example files beside them."""

PROGRAMS: dict[str, tuple[str, str]] = {
    "TheAlgorithms/Python": ("python", ".py"),
    "TheAlgorithms/Java": ("java", ".java"),
    "TheAlgorithms/C": ("c", ".c .h"),
    "TheAlgorithms/C-Plus-Plus": ("cpp", ".cpp .hpp .cc"),
    "TheAlgorithms/Go": ("go", ".go"),
    "TheAlgorithms/Rust": ("rust", ".rs"),
    "TheAlgorithms/JavaScript": ("javascript", ".js"),
    "TheAlgorithms/TypeScript": ("typescript", ".ts"),
    "TheAlgorithms/Ruby": ("ruby", ".rb"),
    "TheAlgorithms/PHP": ("php", ".php"),
    "TheAlgorithms/C-Sharp": ("csharp", ".cs"),
    "TheAlgorithms/Kotlin": ("kotlin", ".kt"),
    "TheAlgorithms/Swift": ("swift", ".swift"),
    "TheAlgorithms/Scala": ("scala", ".scala"),
    "TheAlgorithms/Lua": ("lua", ".lua"),
    "TheAlgorithms/R": ("r", ".r .R"),
    "TheAlgorithms/Haskell": ("haskell", ".hs"),
    "TheAlgorithms/Julia": ("julia", ".jl"),
    "TheAlgorithms/Dart": ("dart", ".dart"),
    "TheAlgorithms/Elixir": ("elixir", ".ex .exs"),
    "TheAlgorithms/OCaml": ("ocaml", ".ml"),
    "TheAlgorithms/F-Sharp": ("fsharp", ".fs"),
    "TheAlgorithms/Fortran": ("fortran", ".f90 .f95 .f"),
    "TheAlgorithms/MATLAB-Octave": ("matlab", ".m"),
    "dylanaraps/neofetch": ("bash", "neofetch"),
    "nvm-sh/nvm": ("bash", ".sh"),
}
"""Whole programs: TheAlgorithms' repositories (one per language) and two long shell programs, as
(label, the file suffixes that hold it). Their configuration files (CI YAML, manifests) come too."""

LABELS: dict[str, str] = {
    "python": "python", "py": "python", "python3": "python", "py3": "python", "pycon": "python",
    "javascript": "javascript", "js": "javascript", "jsx": "javascript", "node": "javascript", "mjs": "javascript",
    "typescript": "typescript", "ts": "typescript", "tsx": "typescript",
    "c": "c", "h": "c", "cpp": "cpp", "c++": "cpp", "cxx": "cpp", "cc": "cpp", "hpp": "cpp", "cuda": "cpp",
    "cu": "cpp", "java": "java", "go": "go", "golang": "go", "rust": "rust", "rs": "rust",
    "bash": "bash", "sh": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash", "unix shell": "bash",
    "console": "console", "shell-session": "console", "shellsession": "console", "terminal": "console",
    "sh-session": "console", "sql": "sql", "mysql": "sql", "postgresql": "sql", "psql": "sql", "plpgsql": "sql",
    "plsql": "sql", "tsql": "sql", "sqlite": "sql", "pgsql": "sql", "yaml": "yaml", "yml": "yaml",
    "json": "json", "jsonc": "json", "json5": "json", "toml": "toml", "html": "html", "htm": "html",
    "xhtml": "html", "css": "css", "docker": "docker", "dockerfile": "docker", "markdown": "markdown",
    "md": "markdown", "diff": "diff", "patch": "diff", "udiff": "diff", "text": "text", "txt": "text",
    "plain": "text", "plaintext": "text", "output": "text", "ruby": "ruby", "rb": "ruby", "php": "php",
    "csharp": "csharp", "c#": "csharp", "cs": "csharp", "kotlin": "kotlin", "kt": "kotlin", "swift": "swift",
    "scala": "scala", "lua": "lua", "perl": "perl", "pl": "perl", "haskell": "haskell", "hs": "haskell",
    "r": "r", "xml": "xml", "powershell": "powershell", "ps1": "powershell", "pwsh": "powershell",
    "ini": "ini", "make": "make", "makefile": "make", "objective-c": "objective-c", "objc": "objective-c",
    "elixir": "elixir", "ex": "elixir", "erlang": "erlang", "erl": "erlang", "clojure": "clojure",
    "clj": "clojure", "ocaml": "ocaml", "julia": "julia", "jl": "julia", "dart": "dart", "fsharp": "fsharp",
    "f#": "fsharp", "fortran": "fortran", "groovy": "groovy", "matlab": "matlab", "octave": "matlab",
}  # fmt: skip
"""Fence labels, Pygments example folders and Linguist sample folders (lower-cased) → corpus label.
Dialects fold onto their language (jsx → javascript, cuda → cpp): the detector names dialects from
their markers, not from the model."""

LINGUIST: dict[str, str] = {
    "Shell": "bash", "ShellSession": "console", "C++": "cpp", "Cuda": "cpp", "Objective-C": "objective-c",
    "C#": "csharp", "F#": "fsharp", "Makefile": "make", "MATLAB": "matlab", "Dockerfile": "docker",
    "JSON with Comments": "json", "PLpgSQL": "sql", "PLSQL": "sql", "TSQL": "sql", "SQLPL": "sql", "TSX": "typescript",
    "Text": "text", "Markdown": "markdown", "Diff": "diff",
}  # fmt: skip

PYGMENTS: dict[str, str] = {
    "rb": "ruby", "splus": "r", "docker": "docker", "md": "markdown", "psql": "sql", "postgresql": "sql",
    "sqlite3": "sql", "tsql": "sql", "iex": "elixir", "ps1con": "", "coffee-script": "", "pycon": "",
    "console": "console", "output": "text", "text": "text", "bash": "bash", "tcsh": "", "vb.net": "",
}  # fmt: skip

EXTENSIONS: dict[str, str] = {
    ".py": "python", ".js": "javascript", ".ts": "typescript", ".c": "c", ".h": "c", ".cpp": "cpp",
    ".java": "java", ".go": "go", ".rs": "rust", ".sh": "bash", ".sql": "sql", ".yml": "yaml", ".yaml": "yaml",
    ".json": "json", ".toml": "toml", ".html": "html", ".css": "css", ".rb": "ruby", ".php": "php",
    ".kt": "kotlin", ".swift": "swift", ".cs": "csharp", ".scala": "scala", ".lua": "lua", ".hs": "haskell",
}  # fmt: skip
"""Example files of the docs repositories, by extension (``Dockerfile`` by name)."""


@dataclass(frozen=True)
class Snippet:
    """One labelled piece of real code, and where it was cut from."""

    source: str
    label: str
    origin: str
    text: str


class Repo:
    """A fetched snapshot read through git: its files at the pinned commit."""

    def __init__(self, name: str, mirrors: Path) -> None:
        self.name = name
        self.git = mirrors / name.replace("/", "+") / "repo"
        self.commit = _git(self.git, "rev-parse", "HEAD").strip()

    def paths(self, under: str = "") -> list[str]:
        args = ["ls-tree", "-r", "--name-only", self.commit] + ([under] if under else [])
        return _git(self.git, *args).splitlines()

    def read(self, paths: list[str]) -> Iterator[tuple[str, str]]:
        """(path, text) for each path that decodes as UTF-8 and is under 400 KB."""
        batch = "".join(f"{self.commit}:{path}\n" for path in paths).encode()
        out = subprocess.run(["git", "-C", str(self.git), "cat-file", "--batch"], input=batch,
                             capture_output=True, check=True).stdout
        pos = 0
        for path in paths:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) < 3 or header[1] != b"blob":
                continue
            size = int(header[2])
            data = out[pos : pos + size]
            pos += size + 1
            if size > 400_000 or b"\0" in data:
                continue
            try:
                yield path, data.decode("utf-8")
            except UnicodeDecodeError:
                continue


def _git(directory: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True, check=True).stdout


def _rng(key: str) -> random.Random:
    return random.Random(int(hashlib.sha1(key.encode()).hexdigest()[:12], 16))


def cut(text: str, key: str, most: int = PER_FILE) -> list[str]:
    """A file cut at blank lines into pieces of MIN_LINES–MAX_LINES lines, as tutorials show code.

    Each piece is a run of whole paragraphs whose length aims at a target drawn per piece (one
    paragraph up to about forty lines), so single comment paragraphs come out as often as
    functions with their doc comments. At most PER_FILE pieces, spread over the file.
    """
    lines = text.replace("\r\n", "\n").replace("\t", "    ").split("\n")
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    rng = _rng(key)
    pieces: list[str] = []
    group: list[str] = []
    target = rng.choice((1, 6, 12, 20, 40))
    for paragraph in paragraphs:
        while len(paragraph) > MAX_LINES:
            pieces.append("\n".join(paragraph[:MAX_LINES]))
            paragraph = paragraph[MAX_LINES:]
        if group and len(group) + 1 + len(paragraph) > MAX_LINES:
            pieces.append("\n".join(group))
            group = []
        group = [*group, "", *paragraph] if group else list(paragraph)
        if len(group) >= target:
            pieces.append("\n".join(group))
            group, target = [], rng.choice((1, 6, 12, 20, 40))
    if group:
        pieces.append("\n".join(group))
    pieces = [_dedent(piece) for piece in pieces if piece.count("\n") + 1 >= MIN_LINES]
    if len(pieces) > most:
        pieces = sorted(rng.sample(pieces, most), key=pieces.index)
    return pieces


def _dedent(text: str) -> str:
    filled = [line for line in text.split("\n") if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in filled), default=0)
    return "\n".join(line[margin:] for line in text.split("\n"))


def fences(markdown: str) -> Iterator[tuple[str, str]]:
    """(info string, content) of each code block of a Markdown page; indented blocks have info ''."""
    from markdown_it import MarkdownIt

    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("fence", "code_block"):
            yield token.info.strip().split(" ")[0].strip("{}.").lower(), token.content


def prose(markdown: str, key: str) -> list[str]:
    """Pieces of a page's own Markdown (headings, lists, paragraphs), its code blocks left out."""
    kept = re.sub(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", "", markdown)
    kept = re.sub(r"(?s)\A(---|\+\+\+)\n.*?\n\1\n", "", kept)
    return [piece for piece in cut(kept, key) if not piece.lstrip().startswith(("<", "{%", "{{"))]


def fence_snippets(info: str, code: str, key: str) -> list[str]:
    lines = code.rstrip("\n").split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return []
    if len(lines) <= MAX_LINES:
        return [_dedent(code.rstrip("\n"))]
    return cut(code, key)


def rosetta(repo: Repo) -> Iterator[Snippet]:
    pages = [path for path in repo.paths("content/tasks") if path.endswith(".md")]
    for path, page in repo.read(pages):
        taken: Counter[str] = Counter()
        for info, code in fences(page):
            label = LABELS.get(info)
            if label is None or taken[label] >= PER_PAGE:
                continue
            for text in fence_snippets(info, code, path):
                taken[label] += 1
                yield Snippet("rosetta", label, f"{repo.name}@{repo.commit[:10]}:{path}", text)


def linguist(repo: Repo) -> Iterator[Snippet]:
    paths = [path for path in repo.paths("samples") if path.count("/") >= 2]
    for path, text in repo.read(paths):
        folder = path.split("/")[1]
        label = LINGUIST.get(folder) or LABELS.get(folder.lower())
        if label:
            for piece in cut(text, path):
                yield Snippet("linguist", label, f"{repo.name}@{repo.commit[:10]}:{path}", piece)


def pygments_examples(repo: Repo) -> Iterator[Snippet]:
    paths = [path for path in repo.paths("tests/examplefiles") if not path.endswith(".output")]
    for path, text in repo.read(paths):
        folder = path.split("/")[2]
        label = PYGMENTS[folder] if folder in PYGMENTS else LABELS.get(folder)
        if label:
            for piece in cut(text, path):
                yield Snippet("pygments", label, f"{repo.name}@{repo.commit[:10]}:{path}", piece)


def pages(repo: Repo, source: str) -> Iterator[Snippet]:
    """A guide's or a project's documentation: its labelled fences, its prose, its example files."""
    everything = repo.paths()
    markdown = [path for path in everything if path.lower().endswith((".md", ".markdown"))]
    origin = f"{repo.name}@{repo.commit[:10]}:"
    prose_taken = 0
    for path, page in repo.read(markdown):
        for info, code in fences(page):
            label = LABELS.get(info)
            if not info and repo.name == "isocpp/CppCoreGuidelines":
                label = "cpp"
            for text in fence_snippets(info, code, path) if label else ():
                yield Snippet(source, label, origin + path, text)
        for text in prose(page, path):
            if prose_taken < PROSE_PER_REPO:
                prose_taken += 1
                yield Snippet(source, "markdown", origin + path, text)
    if source != "docs":
        return
    examples = {path: _example_label(path) for path in everything if "/." not in "/" + path}
    examples = {path: label for path, label in examples.items() if label}
    for path, text in repo.read(sorted(examples)):
        for piece in cut(text, path):
            yield Snippet(source, examples[path], origin + path, piece)


def _example_label(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    if name == "Dockerfile" or name.endswith(".dockerfile"):
        return "docker"
    if name == "Makefile":
        return "make"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix == ".json" and (name.startswith(("package", "tsconfig")) or "lock" in name):
        return None
    return EXTENSIONS.get(suffix)


def programs(repo: Repo) -> Iterator[Snippet]:
    """A program's source files in its language, and its configuration files, cut into pieces."""
    label, suffixes = PROGRAMS[repo.name]
    wanted: dict[str, str] = {}
    for path in repo.paths():
        found = _example_label(path)
        if path.endswith(tuple(suffixes.split())):
            wanted[path] = label
        elif found in ("yaml", "toml", "json", "docker", "make", "bash"):
            wanted[path] = found
    origin = f"{repo.name}@{repo.commit[:10]}:"
    for path, text in repo.read(sorted(wanted)):
        for piece in cut(text, path, PER_PROGRAM if "/" not in path else PER_FILE):
            yield Snippet("programs", wanted[path], origin + path, piece)


def project(root: Path) -> Iterator[Snippet]:
    """The project's own snippets (dev fixtures and the old held-out set), written by its authors."""
    for folder in (root / "tests" / "fixtures" / "langdetect", root / "bench" / "langdetect" / "corpus"):
        for path in sorted(folder.glob("*/*.txt")):
            label = LABELS.get(path.parent.name, path.parent.name)
            yield Snippet("mdread", label, str(path.relative_to(root)), path.read_text(encoding="utf-8").rstrip("\n"))


def build(mirrors: Path) -> list[Snippet]:
    """Every source's snippets, deduplicated across sources and capped per (source, label)."""
    found: list[Iterable[Snippet]] = [
        rosetta(Repo("ad-si/RosettaGit", mirrors)),
        linguist(Repo("github-linguist/linguist", mirrors)),
        pygments_examples(Repo("pygments/pygments", mirrors)),
        *(pages(Repo(name, mirrors), "guides") for name in GUIDES),
        *(pages(Repo(name, mirrors), "docs") for name in DOCS),
        *(programs(Repo(name, mirrors)) for name in PROGRAMS),
        project(ROOT),
    ]
    seen: set[str] = set()
    groups: dict[tuple[str, str], list[Snippet]] = defaultdict(list)
    for snippets in found:
        for snippet in snippets:
            key = " ".join(snippet.text.split())
            if len(key) < 12 or key in seen or "\x00" in key:
                continue
            seen.add(key)
            groups[snippet.source, snippet.label].append(snippet)
    kept: list[Snippet] = []
    for (source, label), group in sorted(groups.items()):
        if len(group) > PER_LABEL:
            group = _rng(source + label).sample(group, PER_LABEL)
        kept.extend(group)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for name, pinned in REPOS.items():
        head = Repo(name, args.mirrors).commit
        if pinned and not head.startswith(pinned):
            sys.exit(f"{name} is at {head}, not the pinned {pinned}: the corpus would differ")
    snippets = build(args.mirrors)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "snippets.jsonl").open("w", encoding="utf-8") as out:
        for snippet in snippets:
            out.write(json.dumps(snippet.__dict__, ensure_ascii=False) + "\n")
    counts = Counter((snippet.source, snippet.label) for snippet in snippets)
    sources = sorted({source for source, _ in counts})
    labels = sorted({label for _, label in counts})
    print(f"{len(snippets)} snippets, {len(labels)} languages, {len(sources)} sources")
    print("label".ljust(12) + "".join(source.rjust(10) for source in sources))
    for label in labels:
        print(label.ljust(12) + "".join(str(counts[source, label]).rjust(10) for source in sources))


if __name__ == "__main__":
    main()
