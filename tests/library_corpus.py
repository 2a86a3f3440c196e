"""A small blog written into a temporary folder: every shape of post the library must list.

YAML and TOML frontmatter, ``date``/``publishDate``/``pubDate``, list, block and
comma tags, categories, a draft, posts without frontmatter (with and without an
H1), broken frontmatter, a binary file, an ``.mdx`` and a ``.markdown``; plus
what must be skipped: a hidden folder, ``node_modules``, a text file, and a
symbolic link that loops back to the top.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

POSTS = {
    "2024/rust-async.md": """---
title: Async Rust in Practice
date: 2024-03-10
tags: [rust, async]
categories: [programming]
author: Ana
description: Tokio without tears.
---

# Async Rust in Practice

Futures are lazy. Nothing happens until they are polled by an executor.
""",
    "2024/python-typing.md": """---
title: "Python Typing Tips"
publishDate: "2024-01-05"
tags: "python, typing"
draft: true
---

Protocols beat abstract base classes for duck typing. Use them.
""",
    "2023/go-http.md": """+++
title = "Go HTTP Servers"
date = 2023-07-01T09:30:00Z
tags = ["go", "web"]
categories = ["backend"]
+++

Middleware is a function from handler to handler. The rest is wiring.
""",
    "2023/cuda-intro.mdx": """---
title: CUDA Intro
pubDate: Sep 15 2023
tags: [cuda, gpu, Performance]
---

import Chart from "./Chart.astro";

Kernels run on thousands of threads at once.
""",
    "2022/web-perf.md": """---
title: Web Performance
date: 2022-05-20
tags:
  - web
  - performance
categories: "frontend, web"
---

Measure first. Then measure again, on a slow phone.
""",
    "2021/cjk.md": """---
title: 共享内存优化
date: 2021-11-11
tags: [cuda, 性能]
---

通过矩阵乘法理解共享内存和线程同步。性能提升约六倍。
""",
    "notes/no-frontmatter.md": """# Notes Without Frontmatter

These notes have no metadata at all. A second sentence follows.

```python
# not a heading
```
""",
    "notes/untitled-thoughts.markdown": "Just some thoughts about quasars, written down.\n",
    "broken.md": """---
title: [unclosed
date: 2022-01-01
---

# Broken Post

The frontmatter above does not parse.
""",
}
SKIPPED = {
    ".drafts/secret.md": "---\ntitle: Secret\n---\n",
    "node_modules/pkg/README.md": "# A package readme\n",
    "notes/todo.txt": "not markdown\n",
}
BINARY = "binary.md"


@dataclass(frozen=True)
class Expected:
    """What the listing must say about one post."""

    title: str
    date: str | None
    tags: tuple[str, ...]
    draft: bool = False
    warned: bool = False


EXPECTED = {
    "2024/rust-async.md": Expected("Async Rust in Practice", "2024-03-10", ("rust", "async")),
    "2024/python-typing.md": Expected("Python Typing Tips", "2024-01-05", ("python", "typing"), draft=True),
    "2023/cuda-intro.mdx": Expected("CUDA Intro", "2023-09-15", ("cuda", "gpu", "Performance")),
    "2023/go-http.md": Expected("Go HTTP Servers", "2023-07-01T09:30:00+00:00", ("go", "web")),
    "2022/web-perf.md": Expected("Web Performance", "2022-05-20", ("web", "performance")),
    "2021/cjk.md": Expected("共享内存优化", "2021-11-11", ("cuda", "性能")),
    BINARY: Expected("binary", None, (), warned=True),
    "broken.md": Expected("Broken Post", None, (), warned=True),
    "notes/no-frontmatter.md": Expected("Notes Without Frontmatter", None, ()),
    "notes/untitled-thoughts.markdown": Expected("untitled-thoughts", None, ()),
}
"""Every post, in listing order: newest first, then the undated by title."""


def write_library(root: Path) -> Path:
    """Write the blog under ``root`` and return ``root``; file times are fixed so runs are alike."""
    for rel, text in {**POSTS, **SKIPPED}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / BINARY).write_bytes(b"\x00\x01\x02binary\x00")
    os.symlink("..", root / "2024" / "loop")
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return root
