"""The repositories the language-detection corpus is cut from, pinned, and how their labels map.

``build_corpus.py`` reads these tables; they are kept apart so that either file reads in one go.
Each repository belongs to one *source*, a group whose authors do not overlap with another's, so
that leaving a source out of training leaves nothing of its style behind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Docs:
    """A repository read for its Markdown pages: their labelled fences and some of their prose.

    Attributes:
        source: The group it belongs to (see :data:`SOURCES`).
        under: Only pages below these folders ("" for all).
        examples: Also the code files beside the pages, labelled by extension.
        skip: Paths matching this pattern are left out (translations, generated pages).
        plain: The language of fences without a label, when the whole repository is about one.
    """

    source: str
    under: tuple[str, ...] = ("",)
    examples: bool = False
    skip: str = r"$^"
    plain: str | None = None


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
    "rstacruz/cheatsheets": "f3c908448052c0a590707b2c15134d5507d42589",
    "ryanmcdermott/clean-code-javascript": "5311f64b03fc0c2450ab17a45ee9818669c8b9b5",
    "jlevy/the-art-of-command-line": "6b50745d2e788add2e8f1ed29010e72659a9a074",
    "AnthonyCalandra/modern-cpp-features": "29cc9b035ce3f7446020f280bfff28da1cb89789",
    "tldr-pages/tldr": "08e345f42639f67d99282813247ac670dc6e87cb",
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
    "JetBrains/kotlin-web-site": "72a34b63180685b5f46f994b4b257d376907d739",
    "scala/docs.scala-lang": "7689a46f38261d036ef5ee5b87d9ff366af396b9",
    "microsoft/TypeScript-Website": "1f8e642574ce992bfd573a96b5e3de43d8ac044a",
    "rust-lang/cargo": "af373f761aa4e42b093c2e453078fd73c8ce54dd",
    "kubernetes/examples": "279e8e4fe314f6cb7bc55fa3fbc21bbeaa48c0ea",
    "apache/apisix": "f519a0f04ccfd4c13b5d06caf34bcde8c8593980",
    "russsiq/laravel-docs-ru": "9589e83b94b8c70e2bbd27fa885608e30a369d55",
    "reactjs/ja.react.dev": "7f38231d9d5dddaae6ac51da7d0f173d697f835c",
    "vuejs-translations/docs-zh-cn": "c2715ff75bae5376bc5bf212280ae76e30089fbd",
    "rust-lang/blog.rust-lang.org": "0243724c2e50ad2b7ebd3d9dbc7cd88aed7605a3",
    "mmcgrana/gobyexample": "90a76d25e89324f9f65b449e364fb60fd9ba484f",
    "rust-lang/rust-by-example": "898f0ac1479223d332309e0fce88d44b39927d28",
    "javascript-tutorial/en.javascript.info": "ff804bc19351b72bc5df7766f4b9eb8249a3cb11",
    "winterbe/java8-tutorial": "9b79999be76274f0c11a5b1d4a4fff4e785dc774",
    "denysdovhan/bash-handbook": "662be2812b342f1f96581e444a3ab5b9df286963",
    "changkun/modern-cpp-tutorial": "486908aa5689c9aa1388927d51dee2d903fc9660",
    "getify/You-Dont-Know-JS": "63922c18b276da141f6e07ccebe25eca87fa09f4",
    "beejjorgensen/bgc": "f6edbbbdb6cfd5f262a51261cc19cf87ceabc052",
    "faif/python-patterns": "74151cfec27663a968f44185adada7c2a1f38165",
    "d2l-ai/d2l-zh": "e6b18ccea71451a55fcd861d7b96fddf2587b09a",
    "doocs/advanced-java": "efb95ddac45c0d5bc69565cfd2f05b7ec65785e5",
    "tree-sitter/tree-sitter-c": "d8d0503aa0152119149ecad76685f37682c0d03f",
    "tree-sitter/tree-sitter-cpp": "8b5b49eb196bec7040441bee33b2c9a4838d6967",
    "tree-sitter/tree-sitter-java": "e10607b45ff745f5f876bfa3e94fbcc6b44bdc11",
    "tree-sitter/tree-sitter-javascript": "44c892e0be055ac465d5eeddae6d3e194424e7de",
    "tree-sitter/tree-sitter-typescript": "75b3874edb2dc714fb1fd77a32013d0f8699989f",
    "tree-sitter/tree-sitter-python": "26855eabccb19c6abf499fbc5b8dc7cc9ab8bc64",
    "tree-sitter/tree-sitter-bash": "a06c2e4415e9bc0346c6b86d401879ffb44058f7",
    "tree-sitter-grammars/tree-sitter-toml": "64b56832c2cffe41758f28e05c756a3a98d16f41",
    "tree-sitter-grammars/tree-sitter-yaml": "08c5caaeb34e5ccd614706d3b5359a78f1c9e275",
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
    "jbranchaud/til": "453e9edbdf2be4165b65cbcce7342ac7bb9c4859",
    "simonw/til": "8d908b6d36cdd27bc6464392435ac6223a00caac",
    "Snailclimb/JavaGuide": "fd4c37ab8f58a3c5520535d401adaf1adf72ed85",
    "yeasy/docker_practice": "33bca896b523889d578a29f60fac1082e84d8ceb",
    "asciidwango/js-primer": "976d11e03eb4ff7f9c1db8aecba75532d12f6ee2",
    "trimstray/the-book-of-secret-knowledge": "7d37069a361d3fd9f214480755f7969744e866fa",
    "Light-City/CPlusPlusThings": "c9d0f14d92976a5aa65819e9543e2f812d4079ba",
    "astral-sh/uv": "26a9dd4b2125bc271b47855e1fa0c49af3365db5",
    "fastapi/fastapi": "c3f316b7e814667e8ee81e03a7330d00ee61e45c",
    "curl/curl": "5c61e168698a72b87437d58ed728bcdea6d5db42",
    "traefik/traefik": "fd5a576df2e8aeb0bfc8a96b6ef6e60a61f7ec0a",
}
"""Every repository read, with the commit the corpus was built from (filled in by ``--pin``)."""

_TRANSLATIONS = r"^_(ba|de|es|fr|it|ja|ko|pl|pt-br|ru|th|uk|zh-cn|zh-tw)/"

DOCS: dict[str, Docs] = {
    # guides: style guides and cheat sheets, one author's short, heavily explained fences each
    **{name: Docs("guides") for name in (
        "airbnb/javascript", "uber-go/guide", "dylanaraps/pure-bash-bible", "gto76/python-cheatsheet",
        "satwikkansal/wtfpython", "jupeter/clean-code-php", "thangchung/clean-code-dotnet",
        "kodecocodes/swift-style-guide", "mdo/code-guide", "AllThingsSmitty/css-protips", "mattm/sql-style-guide",
        "enochtangg/quick-SQL-cheatsheet", "hail2u/html-best-practices", "rstacruz/cheatsheets",
        "ryanmcdermott/clean-code-javascript", "jlevy/the-art-of-command-line", "AnthonyCalandra/modern-cpp-features",
    )},
    "isocpp/CppCoreGuidelines": Docs("guides", plain="cpp"),
    # docs: projects' documentation, their fences and the example files beside them
    **{name: Docs("docs", examples=True) for name in (
        "rust-lang/book", "iluwatar/java-design-patterns", "basarat/typescript-book", "docker/awesome-compose",
        "toml-lang/toml", "compose-spec/compose-spec", "OAI/OpenAPI-Specification",
        "kelseyhightower/kubernetes-the-hard-way", "Kotlin/kotlinx.coroutines", "jamesroutley/write-a-hash-table",
        "python-poetry/poetry", "cfenollosa/os-tutorial", "actions/starter-workflows",
    )},
    # manuals: languages' and tools' reference manuals, and a language team's blog
    "JetBrains/kotlin-web-site": Docs("manuals", under=("docs/topics/",)),
    "scala/docs.scala-lang": Docs("manuals", skip=_TRANSLATIONS),
    "microsoft/TypeScript-Website": Docs("manuals", under=("packages/documentation/copy/en/",
                                                          "packages/tsconfig-reference/copy/en/")),
    "rust-lang/cargo": Docs("manuals", under=("src/doc/src/",)),
    "kubernetes/examples": Docs("manuals", examples=True),
    "apache/apisix": Docs("manuals", under=("docs/en/",)),
    "russsiq/laravel-docs-ru": Docs("manuals"),
    "reactjs/ja.react.dev": Docs("manuals", under=("src/content/",)),
    "vuejs-translations/docs-zh-cn": Docs("manuals", under=("src/",)),
    "rust-lang/blog.rust-lang.org": Docs("manuals", under=("content/",)),
    # tutorials: books and courses that teach a language, with their example programs
    "mmcgrana/gobyexample": Docs("tutorials", examples=True),
    "rust-lang/rust-by-example": Docs("tutorials"),
    "javascript-tutorial/en.javascript.info": Docs("tutorials", examples=True),
    "winterbe/java8-tutorial": Docs("tutorials", examples=True),
    "denysdovhan/bash-handbook": Docs("tutorials"),
    "changkun/modern-cpp-tutorial": Docs("tutorials", examples=True),
    "getify/You-Dont-Know-JS": Docs("tutorials"),
    "beejjorgensen/bgc": Docs("tutorials", examples=True),
    "faif/python-patterns": Docs("tutorials", examples=True),
    "d2l-ai/d2l-zh": Docs("tutorials", under=("chapter_",)),
    "doocs/advanced-java": Docs("tutorials"),
    # notes: people's own short technical write-ups (today-I-learned notes, a Chinese Java study
    # site), added after the detector was developed: like the blogs, a check nothing was tuned on
    "jbranchaud/til": Docs("notes"),
    "simonw/til": Docs("notes"),
    "Snailclimb/JavaGuide": Docs("notes", under=("docs/",)),
    # books: free books and long course notes in Chinese, Japanese and English, also added after
    # the detector was developed
    "yeasy/docker_practice": Docs("books"),
    "asciidwango/js-primer": Docs("books", under=("source/",)),
    "trimstray/the-book-of-secret-knowledge": Docs("books"),
    "Light-City/CPlusPlusThings": Docs("books"),
    # projects: tools' own documentation (a Python package manager, a web framework with its
    # tutorial's programs, libcurl's manual pages, a reverse proxy's configuration), added last
    "astral-sh/uv": Docs("projects", under=("docs/",)),
    "fastapi/fastapi": Docs("projects", under=("docs/en/", "docs_src/"), examples=True),
    "curl/curl": Docs("projects", under=("docs/",)),
    "traefik/traefik": Docs("projects", under=("docs/",)),
}  # fmt: skip
"""Repositories read for their Markdown, by source."""

GRAMMARS: dict[str, tuple[str, str]] = {
    "tree-sitter/tree-sitter-c": ("c", "test/corpus/"),
    "tree-sitter/tree-sitter-cpp": ("cpp", "test/corpus/"),
    "tree-sitter/tree-sitter-java": ("java", "test/corpus/"),
    "tree-sitter/tree-sitter-javascript": ("javascript", "test/corpus/"),
    "tree-sitter/tree-sitter-typescript": ("typescript", "test/corpus/"),
    "tree-sitter/tree-sitter-python": ("python", "test/corpus/"),
    "tree-sitter/tree-sitter-bash": ("bash", "test/corpus/"),
    "tree-sitter-grammars/tree-sitter-toml": ("toml", "test/corpus/"),
    "tree-sitter-grammars/tree-sitter-yaml": ("yaml", "test/corpus/"),
}
"""Tree-sitter grammars' test corpora (the code of each test case, not its expected tree), as
(label, folder). tree-sitter-cpp's ``c/`` subfolder repeats C's cases and is left out."""

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

SOURCES = ("rosetta", "linguist", "pygments", "programs", "guides", "docs", "manuals", "tutorials", "grammars",
           "blogs", "notes", "books", "projects")  # fmt: skip
"""The groups the corpus is split into for leaving one out. ``blogs`` (real posts' fences) was kept
out of every experiment while the detector was developed: its fold is the untouched check."""

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


ROSETTA_HEADINGS: dict[str, str] = {"c sharp": "csharp", "f sharp": "fsharp", "pl/sql": "sql", "transact-sql": "sql"}
"""Rosetta Code section headings (lower-cased) that :data:`LABELS` does not already name."""

HISTORIES: dict[str, str] = {
    "TheAlgorithms/Python": "programs", "TheAlgorithms/Go": "programs", "TheAlgorithms/Java": "programs",
    "rust-lang/book": "docs", "python-poetry/poetry": "docs", "airbnb/javascript": "guides",
    "gto76/python-cheatsheet": "guides", "JetBrains/kotlin-web-site": "manuals", "rust-lang/cargo": "manuals",
    "mmcgrana/gobyexample": "tutorials", "javascript-tutorial/en.javascript.info": "tutorials",
    "github-linguist/linguist": "linguist", "pygments/pygments": "pygments", "ad-si/RosettaGit": "rosetta",
    "tree-sitter/tree-sitter-c": "grammars", "tree-sitter/tree-sitter-python": "grammars",
}  # fmt: skip
"""Repositories whose own history gives ``diff`` snippets, by source: the patches of commits
reachable from the pinned commit, as blogs show them (whole, or from the first hunk on)."""
