"""Rebuild the labelled snippet corpus for language detection from public repositories.

Nothing here was written by the project: every snippet is cut from a fetched snapshot of a public
repository, pinned below by its commit, and grouped into *sources* whose authors do not overlap,
so that ``evaluate.py`` can train on some sources and test on one left out. The corpus is written
to ``/work/corpora/langdetect/snippets.jsonl`` (outside git); ``--mirrors`` says where the
snapshots are (``<owner>+<name>/repo`` git directories, as the ``fetch`` tool lays them out), and
``--blogs`` where the collection of real blog posts is (its ``MANIFEST.json`` names their commits).

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

from sources import (
    DOCS,
    EXTENSIONS,
    GRAMMARS,
    HISTORIES,
    LABELS,
    LINGUIST,
    PROGRAMS,
    PYGMENTS,
    REPOS,
    ROSETTA_HEADINGS,
    SOURCES,
    Docs,
)

OUT = Path("/work/corpora/langdetect")
MIRRORS = Path("/work/.mirror")
BLOGS = Path("/work/corpora/blogs")

MIN_LINES, MAX_LINES = 3, 60
PER_FILE = 12
"""At most this many pieces of one file or page, so one long file cannot stand for its language."""
PER_PROGRAM = 80
"""A program kept in one file at the top of its repository (neofetch) may give this many pieces."""
PER_PAGE = 2
"""At most this many snippets of one language from one Rosetta Code task page."""
PER_REPO = 250
"""At most this many snippets of one language from one repository, so a source keeps several styles."""
PER_LABEL = 400
"""At most this many snippets of one language from one source (a seeded sample when more)."""
PROSE_PER_REPO = 40
ADDED_LATER = frozenset({"notes", "books", "projects"})
"""Sources added after the detector was developed: read last, so that a snippet one of them shares
with an earlier source stays where it was and the earlier sources' snippets do not change."""


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
        self.origin = f"{name}@{self.commit[:10]}:"

    def paths(self, under: str = "") -> list[str]:
        args = ["ls-tree", "-r", "--name-only", self.commit] + ([under] if under else [])
        return _git(self.git, *args).splitlines()

    def read(self, paths: list[str]) -> Iterator[tuple[str, str]]:
        """(path, text) for each path that decodes as UTF-8 and is under 400 KB."""
        for start in range(0, len(paths), 2000):
            yield from self._read(paths[start : start + 2000])

    def _read(self, paths: list[str]) -> Iterator[tuple[str, str]]:
        batch = "".join(f"{self.commit}:{path}\n" for path in paths).encode()
        out = subprocess.run(["git", "-C", str(self.git), "cat-file", "--batch"], input=batch,
                             capture_output=True, check=True).stdout  # fmt: skip
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
    functions with their doc comments. At most ``most`` pieces, spread over the file.
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
    return [piece for piece in cut(kept, key) if not piece.lstrip().startswith(("<", "{%", "{{", "import "))]


def fence_snippets(code: str, key: str) -> list[str]:
    lines = code.rstrip("\n").split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return []
    if len(lines) <= MAX_LINES:
        return [_dedent(code.rstrip("\n"))]
    return cut(code, key)


_OUTPUT_INFO = frozenset({"", "txt", "text", "output", "plain"})


def rosetta(repo: Repo) -> Iterator[Snippet]:
    """Rosetta Code task pages: each solution labelled by its section's heading, not its fence.

    The site's fence tags name the highlighter used, not the language (Kotlin solutions are tagged
    ``scala``, many are ``txt``). A ``txt`` fence after a solution's code, or under an Output
    heading, is the program's output and labelled ``text``.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    pages = [path for path in repo.paths("content/tasks") if path.endswith(".md")]
    for path, page in repo.read(pages):
        taken: Counter[str] = Counter()
        language, output, coded = None, False, False
        tokens = parser.parse(page)
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                title = tokens[index + 1].content.strip().lower()
                if token.tag == "h2":
                    language = ROSETTA_HEADINGS.get(title) or LABELS.get(title)
                    output = coded = False
                else:
                    output = "output" in title
                continue
            if token.type != "fence" or language is None:
                continue
            info = token.info.strip().split(" ")[0].strip("{}.").lower()
            if info in _OUTPUT_INFO and (output or coded):
                label = "text"
            elif info in _OUTPUT_INFO or info in LABELS:
                label = language
                coded = True
            else:
                continue
            if taken[label] >= PER_PAGE:
                continue
            for text in fence_snippets(token.content, path):
                taken[label] += 1
                yield Snippet("rosetta", label, repo.origin + path, text)


def linguist(repo: Repo) -> Iterator[Snippet]:
    paths = [path for path in repo.paths("samples") if path.count("/") >= 2]
    for path, text in repo.read(paths):
        folder = path.split("/")[1]
        label = LINGUIST.get(folder) or LABELS.get(folder.lower())
        if label:
            for piece in cut(text, path):
                yield Snippet("linguist", label, repo.origin + path, piece)


def pygments_examples(repo: Repo) -> Iterator[Snippet]:
    paths = [path for path in repo.paths("tests/examplefiles") if not path.endswith(".output")]
    for path, text in repo.read(paths):
        folder = path.split("/")[2]
        label = PYGMENTS[folder] if folder in PYGMENTS else LABELS.get(folder)
        if label:
            for piece in cut(text, path):
                yield Snippet("pygments", label, repo.origin + path, piece)


def pages(repo: Repo, docs: Docs) -> Iterator[Snippet]:
    """A repository's Markdown: its labelled fences, some prose, and (if asked) its example files."""
    everything = [path for path in repo.paths() if path.startswith(docs.under) and not re.search(docs.skip, path)]
    markdown = [path for path in everything if path.lower().endswith((".md", ".markdown"))]
    prose_taken = 0
    for path, page in repo.read(markdown):
        for info, code in fences(page):
            label = LABELS.get(info) if info else docs.plain
            for text in fence_snippets(code, path) if label else ():
                yield Snippet(docs.source, label, repo.origin + path, text)
        for text in prose(page, path):
            if prose_taken < PROSE_PER_REPO:
                prose_taken += 1
                yield Snippet(docs.source, "markdown", repo.origin + path, text)
    if not docs.examples:
        return
    examples = {path: _example_label(path) for path in everything if "/." not in "/" + path}
    examples = {path: label for path, label in examples.items() if label}
    for path, text in repo.read(sorted(examples)):
        for piece in cut(text, path):
            yield Snippet(docs.source, examples[path], repo.origin + path, piece)


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
    for path, text in repo.read(sorted(wanted)):
        for piece in cut(text, path, PER_PROGRAM if "/" not in path else PER_FILE):
            yield Snippet("programs", wanted[path], repo.origin + path, piece)


_CASE = re.compile(r"^={3,}\n(?P<name>[^\n]*)\n={3,}\n(?P<code>.*?)\n-{3,}\n", re.DOTALL | re.MULTILINE)


def grammar_cases(repo: Repo) -> Iterator[Snippet]:
    """A grammar's test cases, each file's cases run together with blank lines and cut as a file.

    Cases marked ``:error`` (deliberately broken code) are left out.
    """
    label, folder = GRAMMARS[repo.name]
    paths = [path for path in repo.paths(folder) if path.endswith(".txt") and path.count("/") == folder.count("/")]
    for path, text in repo.read(paths):
        text = text.replace("\r\n", "\n")
        codes = [m["code"].strip("\n") for m in _CASE.finditer(text) if ":error" not in m["name"]]
        for piece in cut("\n\n".join(codes), repo.name + path, most=60):
            yield Snippet("grammars", label, repo.origin + path, piece)


DIFF_COMMITS = 40


def history_diffs(repo: Repo) -> Iterator[Snippet]:
    shas = _git(repo.git, "rev-list", "--no-merges", "--max-count=400", repo.commit).split()
    rng = _rng(repo.name + "diffs")
    for sha in sorted(rng.sample(shas, min(DIFF_COMMITS, len(shas)))):
        command = ["git", "-C", str(repo.git), "show", "--format=", "--no-color", "--unified=3", "--no-ext-diff", sha]
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode:  # a snapshot may lack its largest blobs
            continue
        patch = done.stdout[:2_000_000]
        for part in re.split(r"(?m)^(?=diff --git )", patch.decode("utf-8", "replace"))[:4]:
            lines = part.rstrip("\n").split("\n")
            if not part.startswith("diff --git") or "Binary files" in part or "\ufffd" in part or len(lines) < 6:
                continue
            if rng.random() < 0.5:
                lines = lines[next(i for i, line in enumerate(lines) if line.startswith("@@")) :]
            text = "\n".join(lines[: rng.choice((8, 15, 30, MAX_LINES))])
            yield Snippet(HISTORIES[repo.name], "diff", f"{repo.origin}{sha[:10]}", text)


_PLACEHOLDER_CHOICE = re.compile(r"\{\{\[([^|\]]*)\|[^\]]*\]\}\}")
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


def tldr(repo: Repo) -> Iterator[Snippet]:
    """tldr pages of Unix commands as the shell blocks a blog shows: the commands in order, their
    descriptions as ``#`` comments above them on every other page."""
    paths = [path for path in repo.paths("pages") if path.split("/")[1] in ("common", "linux", "osx")]
    for path, page in repo.read(paths):
        lines: list[str] = []
        commented = _rng(path).random() < 0.5
        for line in page.splitlines():
            if line.startswith("- ") and commented:
                lines.append("# " + line[2:].rstrip(":").replace("[", "").replace("]", ""))
            elif line.startswith("`") and line.endswith("`"):
                command = _PLACEHOLDER.sub(r"\1", _PLACEHOLDER_CHOICE.sub(r"\1", line[1:-1]))
                lines.append(command)
        if sum(1 for line in lines if not line.startswith("#")) >= 2:
            yield Snippet("guides", "bash", repo.origin + path, "\n".join(lines[:MAX_LINES]))


def blogs(folder: Path) -> Iterator[Snippet]:
    """The labelled fences of real blog posts (a read-only collection; its manifest names commits)."""
    for entry in json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8")):
        path = folder / entry["path"]
        origin = f"{entry['repo']}@{entry['commit'][:10]}:{entry['path'].split('/', 1)[1]}"
        for info, code in fences(path.read_text(encoding="utf-8", errors="replace")):
            label = LABELS.get(info)
            for text in fence_snippets(code, origin) if label else ():
                yield Snippet("blogs", label, origin, text)


_MARKUP_TAG = re.compile(r"</?[A-Za-z!?]")


def _fits(snippet: Snippet) -> bool:
    """False for a snippet whose label its content cannot bear out, whatever a detector says:
    an HTML or XML piece without a single tag (a script or style cut from an HTML file), and a
    JavaScript piece that is a whole JSON document (JSON is JavaScript too: no content tells)."""
    if snippet.label in ("html", "xml"):
        return bool(_MARKUP_TAG.search(snippet.text))
    if snippet.label == "javascript" and snippet.text.lstrip()[:1] in ("{", "["):
        try:
            json.loads(snippet.text)
        except ValueError:
            return True
        return False
    return True


def build(mirrors: Path, blog_folder: Path) -> list[Snippet]:
    """Every source's snippets, deduplicated across sources and capped per repository and source."""
    found: list[Iterable[Snippet]] = [
        rosetta(Repo("ad-si/RosettaGit", mirrors)),
        linguist(Repo("github-linguist/linguist", mirrors)),
        pygments_examples(Repo("pygments/pygments", mirrors)),
        *(pages(Repo(name, mirrors), docs) for name, docs in DOCS.items() if docs.source not in ADDED_LATER),
        tldr(Repo("tldr-pages/tldr", mirrors)),
        *(grammar_cases(Repo(name, mirrors)) for name in GRAMMARS),
        *(programs(Repo(name, mirrors)) for name in PROGRAMS),
        *(history_diffs(Repo(name, mirrors)) for name in HISTORIES),
        blogs(blog_folder),
        *(pages(Repo(name, mirrors), docs) for name, docs in DOCS.items() if docs.source in ADDED_LATER),
    ]
    seen: set[str] = set()
    groups: dict[tuple[str, str, str], list[Snippet]] = defaultdict(list)
    for snippets in found:
        for snippet in snippets:
            key = " ".join(snippet.text.split())
            if len(key) < 12 or key in seen or "\x00" in key or not _fits(snippet):
                continue
            seen.add(key)
            repo = snippet.origin.split("@")[0] if snippet.source != "rosetta" else ""
            groups[snippet.source, snippet.label, repo].append(snippet)
    by_source: dict[tuple[str, str], list[Snippet]] = defaultdict(list)
    for (source, label, repo), group in sorted(groups.items()):
        if repo and len(group) > PER_REPO:
            group = _rng(repo + label).sample(group, PER_REPO)
        by_source[source, label].extend(group)
    kept: list[Snippet] = []
    for (source, label), group in sorted(by_source.items()):
        if len(group) > PER_LABEL:
            group = _rng(source + label).sample(group, PER_LABEL)
        kept.extend(group)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    parser.add_argument("--blogs", type=Path, default=BLOGS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pin", action="store_true", help="print the snapshots' commits instead of checking them")
    args = parser.parse_args()
    for name, pinned in REPOS.items():
        head = Repo(name, args.mirrors).commit
        if args.pin:
            print(f'    "{name}": "{head}",')
        elif not pinned or not head.startswith(pinned):
            sys.exit(f"{name} is at {head}, not the pinned {pinned!r}: the corpus would differ")
    if args.pin:
        return
    snippets = build(args.mirrors, args.blogs)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "snippets.jsonl").open("w", encoding="utf-8") as out:
        for snippet in snippets:
            out.write(json.dumps(snippet.__dict__, ensure_ascii=False) + "\n")
    counts = Counter((snippet.source, snippet.label) for snippet in snippets)
    labels = sorted({label for _, label in counts})
    print(f"{len(snippets)} snippets, {len(labels)} languages, {len(SOURCES)} sources")
    print("label".ljust(12) + "".join(source[:8].rjust(9) for source in SOURCES))
    for label in labels:
        print(label.ljust(12) + "".join(str(counts[source, label]).rjust(9) for source in SOURCES))


if __name__ == "__main__":
    main()
