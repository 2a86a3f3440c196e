"""Time ``mdread DIR`` on a generated blog of 10,000 posts.

The corpus is what a real repository looks like: YAML and TOML frontmatter,
``date``/``publishDate``/``pubDate``, list and comma tags, categories, drafts,
posts without frontmatter, CJK posts, and bodies of a few hundred to 1,500
words drawn from a Zipf-like vocabulary with headings, lists and code. Each
measurement runs in a fresh subprocess so import costs count, as they do for a
user, and the cases take turns so that a machine busy with something else
slows them alike.

Usage: ``python bench/library_bench.py [--posts N] [--runs N] [--keep]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "da", "pe", "xi", "zu", "bor", "fen", "gal", "hum",
             "ject", "ment", "tion", "ing", "er", "al", "con", "pro", "de", "re", "in", "ex"]
CJK = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
       "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
       "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
       "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
       "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
       "必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
       "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信"
       "马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
       "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
       "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")
TAGS = ["python", "rust", "go", "cuda", "devops", "database", "javascript", "typescript", "docker", "kubernetes",
        "performance", "security", "testing", "linux", "networking", "ml", "gpu", "sql", "cli", "web", "性能", "前端"]
FENCE = "`" * 3


def _vocabulary(rng: random.Random, size: int = 12000) -> tuple[list[str], list[float]]:
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size)]
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(size)))
    return words, weights


def _sentence(rng: random.Random, vocab: tuple[list[str], list[float]]) -> str:
    words = rng.choices(vocab[0], cum_weights=vocab[1], k=rng.randint(6, 22))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, vocab: tuple[list[str], list[float]], title: str, h1: bool) -> str:
    cjk = rng.random() < 0.1
    parts = [f"# {title}\n"] if h1 else []
    budget = rng.randint(300, 1500)
    while budget > 0:
        roll = rng.random()
        if roll < 0.1:
            parts.append(f"## {_sentence(rng, vocab)[:-1]}\n")
        elif roll < 0.2:
            lines = "\n".join(f"    x{i} = compute({i}, {rng.randint(0, 99)})" for i in range(rng.randint(3, 12)))
            parts.append(f"{FENCE}python\ndef run():\n{lines}\n{FENCE}\n")
        elif roll < 0.28:
            parts.append("\n".join(f"- {_sentence(rng, vocab)}" for _ in range(rng.randint(2, 5))) + "\n")
        elif cjk:
            text = "".join(rng.choice(CJK) for _ in range(rng.randint(60, 200)))
            parts.append("。".join(text[i:i + 25] for i in range(0, len(text), 25)) + "。\n")
            budget -= len(text) // 2
        else:
            sentences = [_sentence(rng, vocab) for _ in range(rng.randint(2, 6))]
            parts.append(" ".join(sentences) + "\n")
            budget -= sum(s.count(" ") + 1 for s in sentences)
    return "\n".join(parts)


def _frontmatter(rng: random.Random, n: int, title: str) -> tuple[str, bool]:
    """Frontmatter text for post ``n`` and whether the body should carry the title as an H1."""
    date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    tags = rng.sample(TAGS, rng.randint(0, 4))
    kind = rng.random()
    if kind < 0.12:
        return "", True
    if kind < 0.13:
        return f"---\ntitle: {title}\ndate: [unclosed\n---\n", True
    if kind < 0.28:
        tag_list = ", ".join(f'"{t}"' for t in tags)
        return (f'+++\ntitle = "{title}"\nlastmod = {date}\ndate = {date}T09:{n % 60:02d}:00Z\n'
                f"tags = [{tag_list}]\ncategories = [\"notes\"]\n+++\n"), False
    key = rng.choice(["date", "date", "publishDate", "pubDate"])
    lines = [f'title: "{title}"', f"{key}: {date}", f"author: Author {n % 37}",
             f"description: Notes on {title.lower()}."]
    if rng.random() < 0.5:
        lines.append(f"tags: [{', '.join(tags)}]")
    else:
        lines.append(f"tags: \"{', '.join(tags)}\"")
    if rng.random() < 0.3:
        lines.append("categories:\n  - engineering\n  - notes")
    if rng.random() < 0.05:
        lines.append("draft: true")
    return "---\n" + "\n".join(lines) + "\n---\n", False


def generate(root: Path, posts: int, seed: int = 20240601) -> None:
    """Write ``posts`` articles under ``root`` in a Hugo-like tree, the same bytes for the same seed."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    for n in range(posts):
        title = _sentence(rng, vocab)[:-1][:70]
        head, h1 = _frontmatter(rng, n, title)
        ext = rng.choices([".md", ".markdown", ".mdx"], weights=[85, 5, 10])[0]
        folder = root / "content" / "posts" / str(2010 + n % 16)
        if n % 10 == 0:
            folder, name = folder / f"post-{n:05d}", f"index{ext}"
        else:
            name = f"post-{n:05d}{ext}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(head + "\n" + _body(rng, vocab, title, h1), encoding="utf-8")


PLAIN_LOOP = """
import os, sys, frontmatter
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
    for name in files:
        if name.endswith((".md", ".markdown", ".mdx")):
            try:
                frontmatter.load(os.path.join(folder, name))
            except Exception:
                pass
            n += 1
print(n)
"""

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if proc.returncode:
    sys.exit(proc.stderr.decode())
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(cmd: list[str], env: dict[str, str], before: object = None) -> tuple[float, float]:
    """Seconds and peak RSS (MB, the largest of the process and its children) of one fresh run."""
    if callable(before):
        before()
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=env, check=True, capture_output=True, text=True)
    seconds, rss_kb = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="generate into bench/corpus and keep it")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mdread-bench-"))
    corpus = HERE / "corpus" / f"library-{args.posts}" if args.keep else work / "corpus"
    cache = work / "cache"
    if not corpus.exists():
        started = time.perf_counter()
        generate(corpus, args.posts)
        print(f"generated {args.posts} posts in {time.perf_counter() - started:.1f} s: {corpus}", file=sys.stderr)
    env = {**os.environ, "MDREAD_CACHE_DIR": str(cache)}
    mdread = [sys.executable, "-m", "mdread", str(corpus)]
    cases = {
        "mdread cold": (mdread, lambda: shutil.rmtree(cache, ignore_errors=True)),
        "mdread warm": (mdread, None),
        "python-frontmatter loop": ([sys.executable, "-c", PLAIN_LOOP, str(corpus)], None),
    }
    subprocess.run(mdread, env=env, check=True, capture_output=True)
    listed = json.loads(subprocess.run([*mdread, "--json"], env=env, check=True, capture_output=True).stdout)["posts"]
    print(f"mdread lists {len(listed)} of {args.posts} posts", file=sys.stderr)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (cmd, before) in cases.items():
            runs[name].append(measure(cmd, env, before))
    results = {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}
    print(f"{'case':<26}{'median s':>10}{'peak MB':>10}")
    for name, (seconds, rss) in results.items():
        print(f"{name:<26}{seconds:>10.3f}{rss:>10.1f}")
    plain = results["python-frontmatter loop"][0]
    print(f"cold/plain {results['mdread cold'][0] / plain:.2f}  warm/plain {results['mdread warm'][0] / plain:.2f}  "
          f"cold/warm {results['mdread cold'][0] / results['mdread warm'][0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
