"""The evidence table behind :mod:`mdread.render.code.detect`: which text shapes point at which language.

Kept apart from the scoring engine so that tuning the detector means editing data, not code.
Each rule names every language it supports; a rule shared by a family (``JS``, ``C_LIKE`` …)
raises all members alike, and the members are then told apart by the rules only some of them
get. A dialect (tsx, cuda …) is given every rule of the language it extends, so it can only win
when its own markers fire; ties go to the language listed first in :data:`PRIORITY`.

Patterns are compiled with ``re.MULTILINE`` (SHARE rules are matched line by line); a
case-insensitive rule says so inline (``(?i)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a rule's matches become points."""

    TOKEN = "token"
    """``weight`` per match, counting at most ``cap`` matches: a marker that may appear anywhere."""
    SHARE = "share"
    """``weight`` times the share of non-blank lines that match from their start: a shape the whole
    block has."""
    PROBE = "probe"
    """``weight`` times a 0..1 answer from a named check in the engine, for what no regex can say."""


@dataclass(frozen=True)
class Rule:
    """One piece of evidence: a pattern (or probe name) and the languages it supports."""

    langs: tuple[str, ...]
    pattern: str
    weight: float
    kind: Kind = Kind.TOKEN
    cap: int = 1


PRIORITY: tuple[str, ...] = (
    "text", "python", "html", "javascript", "typescript", "jsx", "tsx", "c", "cpp", "cuda", "java", "go", "rust",
    "bash", "console", "sql", "yaml", "json", "toml", "css", "docker", "markdown", "diff",
)  # fmt: skip
"""Every language :func:`~mdread.render.code.detect.detect` can answer; earlier wins a tie, so a plain
language beats the dialect that merely shares its evidence."""

PY = ("python",)
JS = ("javascript", "typescript", "jsx", "tsx")
TS = ("typescript", "tsx")
JSX = ("jsx", "tsx")
MARKUP = ("html", "jsx", "tsx")
C_LIKE = ("c", "cpp", "cuda")
CPP = ("cpp", "cuda")
CUDA = ("cuda",)
JAVA = ("java",)
GO = ("go",)
RUST = ("rust",)
BASH = ("bash",)
CONSOLE = ("console",)
SQL = ("sql",)
YAML = ("yaml",)
JSON = ("json",)
TOML = ("toml",)
HTML = ("html",)
CSS = ("css",)
DOCKER = ("docker",)
MARKDOWN = ("markdown",)
DIFF = ("diff",)
TEXT = ("text",)

_S, _P = Kind.SHARE, Kind.PROBE

_SHELL_COMMANDS = (
    "sudo|apt|apt-get|yum|dnf|apk|brew|pip|pip3|pipx|npm|npx|yarn|pnpm|bun|deno|git|docker|kubectl|helm|cd|ls|"
    "mkdir|rm|cp|mv|chmod|chown|ln|touch|curl|wget|tar|unzip|ssh|scp|rsync|echo|source|cat|grep|sed|awk|find|"
    "xargs|make|cmake|cargo|rustup|python|python3|node|systemctl|service|conda|gem|bundle|terraform|aws|gcloud|"
    "openssl|sleep|kill|ps|tail|head|nohup|alias|set|unset|printf|exec|eval|trap|local|declare|uv|poetry|mvn|"
    "gradle|dotnet|nvm|code|jq|tee|wc|sort|less|which|whoami|ping|ssh-keygen|gpg|vim|nano|go|java|gcc|g\\+\\+|clang"
)
_CSS_PROPERTIES = (
    "margin|padding|border|color|background|display|font|width|height|max-width|min-width|max-height|min-height|"
    "position|top|left|right|bottom|flex|grid|gap|align-items|align-content|align-self|justify-content|text|"
    "line-height|letter-spacing|opacity|transform|transition|animation|box-shadow|box-sizing|overflow|z-index|"
    "cursor|content|outline|visibility|float|clear|list-style|white-space|vertical-align|src|fill|stroke|filter|"
    "object-fit|place-items|inset|aspect-ratio|user-select|pointer-events|word-break|backdrop-filter|--[\\w-]+"
)
_HTML_TAGS = (
    "html|head|body|div|p|span|a|ul|ol|li|table|thead|tbody|tr|td|th|form|input|button|img|nav|main|section|"
    "article|header|footer|aside|meta|link|script|style|select|option|label|h[1-6]|br|hr|video|audio|source|"
    "textarea|iframe|strong|em|b|i|pre|code|blockquote|figure|figcaption|canvas|svg|title|details|summary|dl|dt|dd"
)

# fmt: off
RULES: tuple[Rule, ...] = (
    # --- python
    Rule(PY, r"^\s*(async\s+)?def \w+\s*\(.*\)\s*(->\s*[^:\n]+)?:\s*(#.*)?$", 4, cap=2),
    Rule(PY, r"^\s*class \w+(\(.*\))?:\s*$", 4),
    Rule(PY, r"^\s*(from [\w.]+ import [\w*, ()]+|import [\w.]+( as \w+)?(, [\w.]+)*)\s*$", 3, cap=2),
    Rule(PY, r"\bself\.\w+", 2, cap=2),
    Rule(PY, r"^\s*(elif .+|else|try|finally|except.*)\s*:\s*$", 3),
    Rule(PY, r"^\s*(if|for|while|with) [^{;\n]+:\s*$", 2, cap=2),
    Rule(PY, r"\b(None|True|False)\b", 1),
    Rule(PY, r"\b__(init|name|main|str|repr|dict|doc|all|enter|exit|call|len|eq|class|slots|post_init|new)__\b", 3),
    Rule(PY, r"\bf(\"[^\"\n]*\{|'[^'\n]*\{)", 2),
    Rule(PY, r"\blambda( \w+(, ?\w+)*)?:", 2),
    Rule(PY, r"\b(len|range|enumerate|isinstance|zip|sorted|print|input|open|str|int)\(", 2, cap=2),
    Rule(PY, r"\b(is not|is None|not in)\b", 2),
    Rule(PY, r"^#!.*\bpython", 8),
    Rule(PY, r'"""|\'\'\'', 2),
    Rule(PY, r"^\s*(raise \w+|pass\s*$|yield\b)", 2),
    Rule(PY, r"\bwith open\(", 3),
    Rule(PY, r"\b(np|pd|plt|torch|tf|nn|F|sns|os\.path|sys)\.\w+", 2),
    Rule(PY, r"\[[^\]\n]+ for \w+(, \w+)* in [^\]\n]+\]|\{[^}\n]+ for \w+(, \w+)* in [^}\n]+\}", 3),
    Rule(PY, r"\.items\(\)|\.append\(", 1),
    Rule(PY, r"\bif __name__ == ", 4),
    Rule(PY, r"^\s*@(property|staticmethod|classmethod|dataclass|pytest\.|app\.(route|get|post))", 3),
    # --- the javascript family
    Rule(JS, r"\b(const|var) [\w$]+\s*=", 2),
    Rule(JS + RUST, r"\blet [\w$]+\s*=", 1),
    Rule(JS, r"(\)|\b\w+)\s*=>\s*[{(\w`'\"]", 2),
    Rule(JS, r"\bfunction\s*[\w$]*\s*\(", 2),
    Rule(JS, r"\bconsole\.(log|error|warn|info)\(", 3),
    Rule(JS, r"\b(document|window|localStorage)\.\w+", 2),
    Rule(JS, r"\brequire\(['\"]", 3),
    Rule(JS, r"\bmodule\.exports\b|\bexports\.\w+\s*=", 3),
    Rule(JS, r"^\s*import\s.*\sfrom\s+['\"]|^\s*import\s+['\"]", 3),
    Rule(JS, r"^\s*export\s+(default|const|function|class|async|let)\b", 2),
    Rule(JS, r"===|!==", 2),
    Rule(JS, r"\.then\(|\bnew Promise\b|\bawait fetch\(", 2),
    Rule(JS, r"\$\((document|this|window|['\"])", 3),
    Rule(JS, r"`[^`\n]*\$\{", 2),
    Rule(JS, r"\bundefined\b|\?\?|\?\.", 1),
    Rule(JS, r"\bexpect\(.*\)\.(to|not)\w*", 2),
    Rule(JS, r"^\s*(describe|it|test)\(['\"]", 2),
    Rule(JS + JAVA, r"\bthis\.\w+", 1),
    Rule(JS + JAVA + CPP, r"^\s*[\w$.]+\.\w+\(.*\);\s*$", 1),
    Rule(JS, r"\b(app|router)\.(use|get|post|put|delete|listen)\(|\bexpress\b", 3),
    Rule(JS, r"\b(useState|useEffect|useRef|useCallback|useMemo|useContext)\b", 2),
    # --- typescript: what javascript lacks
    Rule(TS, r"^\s*(export\s+)?interface \w+(<[^>\n]*>)?( extends [\w.<>, ]+)?\s*\{", 4),
    Rule(TS, r"^\s*(export\s+)?type \w+(<[^>\n]*>)?\s*=", 4),
    Rule(TS, r"[\w)\]]\??\s*:\s*(string|number|boolean|any|unknown|void|never|object)\b", 4, cap=2),
    Rule(TS, r"[\w}\]]\??:\s*[A-Z][\w.]*(<[^>\n]*>)?(\[\])?\s*(\)|,|=(?!>)|;|\|)", 2, cap=2),
    Rule(TS, r"\)\s*:\s*(Promise<|void\b|string\b|number\b|boolean\b|[A-Z][\w.]*(<.*>)?\s*(\{|=>))", 3),
    Rule(TS, r"\w<(string|number|boolean|any|unknown)\b|\w<[A-Z]\w*\[\]>|\buse[A-Z]\w*<|<\w+ extends \w", 3),
    Rule(TS, r"\b(const|var) [a-z_$][\w$]*\s*:\s*\S|\(\{[^()\n]*\}:\s*[\w{]", 4),
    Rule(TS, r"\b(private|public|protected)( readonly)? \w+\??\s*:|\breadonly \w+\s*:", 3),
    Rule(TS, r"\bas (const|string|number|any|unknown|[A-Z]\w*(<[^>\n]*>)?(\[\])?)\s*([;,)\]}]|$)", 3),
    Rule(TS, r"\b(import|export) type\b|\bdeclare (global|module|const)\b|\bkeyof\b|\bsatisfies\b", 4),
    Rule(TS, r"\bReact\.(FC|ReactNode|ChangeEvent|FormEvent|HTMLAttributes)\b|\bimplements On\w+", 3),
    Rule(TS, r"^\s*(export\s+)?(abstract class|enum) \w+", 3),
    # --- jsx: markup inside javascript
    Rule(JSX, r"(^|[\s(>{?:=&|,])<[A-Z][\w.]*(\s[^<>\n]*)?/>", 4),
    Rule(JSX, r"<[a-zA-Z][\w.]*\s[^<>\n]*\b(className|onClick|onChange|onSubmit|htmlFor|onPress)=", 4),
    Rule(JSX, r"<[a-zA-Z][\w.]*\s[^<>\n]*\w=\{", 4),
    Rule(JSX, r"\breturn\s*\(\s*\n\s*<|\breturn <[a-zA-Z>]|=>\s*\(?\s*\n?\s*<[a-zA-Z>]|(\(|, )<[A-Z]\w*[\s/>]", 3),
    Rule(JSX, r"^\s*<>\s*$|^\s*</>|\{/\*", 3),
    Rule(JSX, r"<[a-zA-Z][\w.]*[^<>\n]*>[^<\n]*\{[^}\n]+\}", 3),
    # --- markup shared by html and jsx
    Rule(MARKUP, rf"^\s*</?({_HTML_TAGS})\b[^<>\n]*/?>", 4, _S),
    Rule(MARKUP, r"</[a-zA-Z][\w.]*>", 2),
    Rule(MARKUP, r"\s(href|src|alt|rel|type|id|name|value|placeholder|width)=\"[^\"\n]*\"", 1),
    # --- html
    Rule(HTML, r"(?i)<!DOCTYPE html", 8),
    Rule(HTML, r"\sclass=\"|\son[a-z]+=\"|<!--|&\w+;|\sdata-[\w-]+=\"", 3),
    Rule(HTML, r"^\s*<(meta|link|script|style|br|hr|input|img)\b", 2),
    # --- the c family
    Rule(C_LIKE, r"^\s*#\s*include\s*[<\"]", 4),
    Rule(C_LIKE, r"^\s*#\s*(define|ifndef|ifdef|endif|pragma|undef|elif)\b", 3),
    Rule(C_LIKE + JAVA, r"\b(int|void|char|float|double|long|unsigned|short|bool)\s+\**\w+\s*(\(|=|;|\[|,)", 1.5,
         cap=2),
    Rule(C_LIKE, r"\b(size_t|\w+_t)\b|\b(unsigned|signed) (int|char|long)\b", 2),
    Rule(C_LIKE, r"\w->\w", 3),
    Rule(C_LIKE, r"\bNULL\b|\bsizeof\b", 2),
    Rule(C_LIKE, r"\bstruct \w+\s*\{|\bint main\s*\(", 2),
    Rule(C_LIKE, r"\(\w+\s*\*+\)\s*[&\w(]", 2),
    Rule(C_LIKE, r"^\s*(static|extern|inline|const)\s+\w+[\s*]+\w+\s*[(=;\[]", 1),
    Rule(("c",), r"\b(printf|fprintf|sprintf|snprintf|scanf|malloc|calloc|realloc|free|fopen|fclose|fgets|puts|"
         r"strlen|strcpy|strcmp|strcspn|memcpy|memset|perror|exit|qsort|fork|execlp|waitpid|socket|bind|signal)\s*\(",
         3, cap=2),
    Rule(("c",), r"^\s*typedef\s+(struct|enum|union)\b|\bstruct \w+\s+\*|\b(enum|struct) \w+ \w+\b", 3),
    Rule(("c",), r"#include\s*<(stdio|stdlib|string|unistd|stdint|stddef|stdbool|math|errno|fcntl|signal|pthread|"
         r"sys/\w+|time|assert|ctype|limits|arpa/\w+|netinet/\w+)\.h>", 4),
    Rule(("c",), r"\(void\)|\bmain\s*\(\s*(void|int argc)", 3),
    Rule(CUDA, r"\b(printf|malloc|free)\s*\(", 1),
    Rule(CPP, r"\bstd::\w+", 4, cap=2),
    Rule(CPP, r"\b(cout|cin|cerr|endl)\b", 4),
    Rule(CPP, r"^\s*template\s*<", 5),
    Rule(CPP, r"#include\s*<(iostream|vector|string|map|memory|algorithm|thread|mutex|unordered_map|set|queue|"
         r"functional|optional|sstream|fstream|chrono|utility|array|bits/stdc\+\+\.h|cstdio|cstdlib|cmath|cstring|"
         r"numeric|Q\w+)>", 5),
    Rule(CPP, r"\busing namespace\b|^\s*namespace \w+\s*\{|\}\s*//\s*namespace", 5),
    Rule(CPP, r"^\s*(public|private|protected):", 3),
    Rule(CPP, r"\bclass \w+\s*:\s*(public|private|protected)\b", 4),
    Rule(CPP, r"\bauto\b", 2),
    Rule(CPP, r"\b(vector|map|set|unordered_map|unordered_set|pair|string|queue|stack|deque|priority_queue|array)"
         r"<[\w<>, :*]+>\s*[&*]?\s*\w+", 4),
    Rule(CPP, r"\b(nullptr|constexpr|noexcept|virtual|explicit|typename|override)\b|=\s*(default|delete);", 3, cap=2),
    Rule(CPP, r"\[[&=]?\]\s*\(|\bconst \w+&|\w&\s+\w+[,)]", 3),
    Rule(CPP, r"\boperator\s*(<<|>>|\+|-|\*|==|\(\)|\[\]|=)", 4),
    Rule(CPP, r"\bQ[A-Z][a-z]\w+\b|\bqApp\b", 2),
    Rule(CPP + RUST + JAVA, r"\w::\w", 1),
    # --- cuda: what c++ lacks
    Rule(CUDA, r"\b__(global|device|shared|host|constant|syncthreads|restrict)__\b", 8),
    Rule(CUDA, r"<<<[^<>\n]*>>>", 10),
    Rule(CUDA, r"\bcuda[A-Z]\w*", 6, cap=2),
    Rule(CUDA, r"\b(threadIdx|blockIdx|blockDim|gridDim|warpSize)\b", 6),
    Rule(CUDA, r"\bthrust::|\bcublas\w*|\bcudnn\w*|\bcurand\w*|\bdim3\b|#include\s*<cuda", 6),
    Rule(CUDA, r"\batomic(Add|Sub|Max|Min|CAS|Exch)\s*\(", 3),
    # --- java
    Rule(JAVA, r"\bpublic\s+(static\s+)?(final\s+)?(abstract\s+)?(class|interface|enum|record|void|int|String|"
         r"boolean|[A-Z]\w*(<[^>\n]*>)?)\s+\w+", 4),
    Rule(JAVA, r"\bSystem\.(out|err|in)\b", 6),
    Rule(JAVA, r"^\s*import\s+(static\s+)?[\w.]+(\.\*)?\s*;|^\s*package\s+[\w.]+\s*;", 6),
    Rule(JAVA, r"@(Override|Test|Autowired|Entity|Id|Service|RestController|Controller|GetMapping|PostMapping|"
         r"RequestMapping|Bean|Configuration|PathVariable|RequestBody|SpringBootApplication|Inject|Transactional|"
         r"GeneratedValue|Column|Table|FunctionalInterface|SuppressWarnings)\b", 3),
    Rule(JAVA, r"\b(String|Integer|Long|Boolean|Double|List|Map|Set|ArrayList|HashMap|HashSet|Optional|Future|"
         r"Stream|Collection|Iterable)(<[\w<>, ?\[\]]*>)?(\[\])?\s+\w+\s*[=;:)]", 4),
    Rule(JAVA, r"\bnew \w+<>\(|\bthrows \w+|\b(final|private|protected) [A-Z]?\w+(<[^>\n]*>)? \w+\s*[;=]", 4),
    Rule(JAVA, r"\.stream\(\)|\bCollectors\.|\.orElse\(|\b\w+Exception\b|\bString\[\]", 3),
    Rule(JAVA, r"\bcatch\s*\(\w+ \w+\)|[(,]\s*\(?\w+(, \w+)*\)?\s+->\s", 3),
    Rule(JAVA, r"\b(IntStream|Arrays|Collections|Objects|StringBuilder|Executors|Files|Paths)\.\w+", 3),
    # --- go
    Rule(GO, r"^package \w+\s*$", 6),
    Rule(GO, r"^\s*func\s+(\(\w+ \*?\w+(\[[^\]]*\])?\)\s*)?\w+(\[[^\]\n]*\])?\(|\bfunc\s*\(", 5),
    Rule(GO, r":=", 3),
    Rule(GO, r"\berr != nil\b", 5),
    Rule(GO, r"\bfmt\.\w+\(|\blog\.(Fatal|Print)\w*\(", 4),
    Rule(GO, r"^import\s+\(\s*$|^import\s+\"", 4),
    Rule(GO, r"\bgo func\b|\bchan \w|<-\s*\w|\w\s*<-", 3),
    Rule(GO, r"\bdefer \w", 3),
    Rule(GO, r"\brange\b", 2),
    Rule(GO, r"^\s*type \w+(\[[^\]\n]*\])? (struct|interface)\s*\{", 5),
    Rule(GO, r"\[\](string|int|byte|float64|\w+)\b|\bmap\[\w+\]\w+|\bmake\((map|chan|\[\])", 3),
    Rule(GO, r"`json:\"|\*http\.\w+|\*testing\.T\b|\bhttp\.\w+\(", 3),
    Rule(GO, r"\bnil\b", 2),
    Rule(GO, r"^\s*type \w+ (\*|\[\])?(float64|float32|u?int\d*|string|bool|byte|rune|map\[|func\(|\w+\.\w+)"
         r"|^\s*var \w+(, \w+)* (\*|\[\])?[\w.]+\s*$", 5),
    # --- rust
    Rule(RUST, r"^\s*(pub(\(crate\))?\s+)?(async\s+)?fn \w+(<[^>\n]*>)?\(", 5),
    Rule(RUST, r"\blet mut\b|&mut\b|&'\w+|<'\w+|&str\b|&self\b", 4),
    Rule(RUST, r"^\s*impl\b", 4),
    Rule(RUST, r"\b\w+!\(|\bvec!\[", 3, cap=2),
    Rule(RUST, r"^\s*#!?\[\w+(::\w+)?(\(.*\))?\]\s*$", 4),
    Rule(RUST, r"->\s*[\w<>&':, ()\[\]]+\s*(\{|where\b|$)", 2),
    Rule(RUST, r"\b(i8|i16|i32|i64|i128|u8|u16|u32|u64|u128|usize|isize|f32|f64)\b", 3),
    Rule(RUST, r"\b(Some|Ok|Err)\(|\.unwrap\(\)|\.expect\(|\?;|\.await\b", 3),
    Rule(RUST, r"^\s*use [\w:{}, *]+;", 4),
    Rule(RUST, r"^\s*(pub\s+)?(trait|mod) \w+|\b(if|while) let\b|\bloop\s*\{|\bmatch \w+(\.\w+)*\s*\{", 4),
    Rule(RUST, r"\b(String|Vec|Box|Arc|Rc|HashMap|Option|Result)(::|<)", 3),
    Rule(RUST, r"\|\w*(, ?\w+)*\|\s*[\w{*(&!]", 2),
    Rule(RUST, r"\.iter\(\)|\.collect\b|\.clone\(\)|\.to_string\(\)", 2),
    # --- bash: commands and shell syntax
    Rule(BASH, r"^#!\s*/(usr/)?bin/(env\s+)?(ba|z|k|da)?sh\b", 8),
    Rule(BASH, rf"^\s*(sudo\s+)?({_SHELL_COMMANDS})(?=\s|$)(?![ \t]*[=:(,])", 5, _S),
    Rule(BASH, r"^\s*(if|elif|while|until)\s+\[\[?\s|;\s*(then|do)\s*$|^\s*(fi|done|esac)\s*$", 4),
    Rule(BASH, r"\"\$\{?[\w@#?]+|\$\{\w+[:}]|\$\d\b|\$\{\w+\[@\]\}", 2),
    Rule(BASH, r"\$\((?!document|this|window)[a-z]", 2),
    Rule(BASH, r"\|\s*(grep|xargs|jq|sort|uniq|head|tail|wc|awk|sed|tee|bash|sh|sudo|less|cut)\b", 3),
    Rule(BASH, r">\s*/dev/null|2>&1|&>|>&2", 3),
    Rule(BASH, r"^\s*(export\s+)?[A-Z_][A-Z0-9_]*=\S*\s*$|^\s*export [A-Z_]+=", 2),
    Rule(BASH, r"^\w+\(\)\s*\{|^\s*local \w+=|^\s*\w+\)\s*$|^\s*;;\s*$", 3),
    Rule(BASH + DOCKER, r"\s--?[a-zA-Z][\w-]*", 1),
    Rule(BASH, r"\[\s+-[a-z]\s", 3),
    # --- console: a session with prompts and output
    Rule(CONSOLE, r"^\s*(\([\w.-]+\)\s*)?([\w.-]+@[\w.-]+(:[^\s$#]*)?)?\$ \S", 6),
    Rule(CONSOLE, r"^\s*(\([\w.-]+\)\s*)?([\w.-]+@[\w.-]+(:[^\s$#]*)?)?\$ \S", 6, _S),
    # --- sql
    Rule(SQL, r"(?i)^\s*(select\s+(\*|distinct\b|top\b|[\w.`\"]+\s*(,|\bas\b|\bfrom\b|$))|insert\s+into|update\s+\w+"
         r"\s+set|delete\s+from|create\s+(or\s+replace\s+)?(table|view|index|unique\s+index|function|user|database|"
         r"schema|trigger|procedure|extension)|alter\s+table|drop\s+(table|view|index|database)|grant\s|"
         r"(begin|commit|rollback)\s*;|with\s+\w+\s+as\s*\(|truncate\s+table|explain\s|vacuum\b|show\s+tables)",
         6, cap=2),
    Rule(SQL, r"(?i)\b(from|join)\s+[\w.`\"]+(\s+\w+)?\s+(where|on|group|order|limit|left|inner)\b", 3),
    Rule(SQL, r"\b(WHERE|GROUP BY|ORDER BY|HAVING|JOIN|PRIMARY KEY|NOT NULL|VARCHAR|INTEGER|SERIAL|REFERENCES|"
         r"DEFAULT|VALUES|LIMIT|OVER|PARTITION BY|COUNT\(|DISTINCT|CASE WHEN|INTERVAL|TIMESTAMP)\b", 1, cap=4),
    Rule(SQL, r"(?i)^\s*(select|from(?![\s\w.]+\bimport\b)|where|group\s+by|order\s+by|((left|inner|right)\s+)?join"
         r"|having|limit|values)\b", 4, _S),
    Rule(SQL, r"^\s*--\s", 1),
    # --- yaml
    Rule(YAML, r"^\s*(- )*(?![A-Z][a-z]+:\s+\S+\s+\S)([\w.$/-]+|\"[^\"\n]*\"|'[^'\n]*')\s*:"
         r"(\s+[^\s;{(]([^;\n]*[^;,{(\s])?)?\s*$|^\s*- [^\s-]",
         6, _S),
    Rule(YAML, r"^---\s*$", 1),
    Rule(YAML, r"^\s*[\w-]+:\s+[|>][-+]?\s*$|<<:\s*\*\w|:\s*&\w+\s*$", 3),
    Rule(YAML, r"^(apiVersion|kind|services|version|jobs|steps|spring|on):|^\s*- (name|uses|run|hosts|id|repo):", 3),
    # --- json
    Rule(JSON, "json_strict", 14, _P),
    Rule(JSON, r"^\s*\"[^\"\n]+\"\s*:\s*", 5, _S),
    Rule(JSON, r"\A\s*[\[{]\s*$|\A\s*[\[{]\s*\"", 2),
    # --- toml
    Rule(TOML, r"^\s*\[\[?[\w.\-\"' ]+\]\]?\s*$", 3, cap=2),
    Rule(TOML, r"^\s*\[\[[\w.\-]+\]\]\s*$", 3),
    Rule(TOML, r"^\s*[\w.\-\"]+ += +(\"[^\"\n]*\"|'[^'\n]*'|true|false|-?\d[\d_.:TZ+-]*|\[\s*([\"'\d\[{]|$|true|"
         r"false)[^\n]*|\{.*\}|\"\"\"|''')\s*(#.*)?$", 6, _S),
    # --- css
    Rule(CSS, rf"^\s*({_CSS_PROPERTIES})[\w-]*\s*:\s*[^;\n]+;\s*(\}}\s*)?$", 6, _S),
    Rule(CSS, rf"\{{\s*({_CSS_PROPERTIES})[\w-]*\s*:[^;\n]+;", 4),
    Rule(CSS, r"^\s*@(media|keyframes|font-face|import|tailwind|apply|supports|layer|charset)\b", 4),
    Rule(CSS, r":\s*[^;\n]*\b\d+(px|rem|em|vh|vw|%|s|ms|deg|fr)\b[^;\n]*;", 2),
    Rule(CSS, r":\s*#[0-9a-fA-F]{3,8}\s*;|!important|\bvar\(--|\brgba?\(", 2),
    Rule(CSS, r"^\s*([.#][\w-]+|\*|:root|(html|body|h[1-6]|a|p|ul|ol|li|nav|img|input|button|table|textarea)\b)"
         r"([\s>+~,.#:\w-]|\([\w\s+-]*\)|\[[^\]\n]*\])*\{", 3),
    # --- dockerfile
    Rule(DOCKER, r"^FROM\s+[\w./:${}@-]+(\s+(AS|as)\s+\w+)?\s*$", 6),
    Rule(DOCKER, r"^(RUN|COPY|ADD|CMD|ENTRYPOINT|ENV|ARG|WORKDIR|EXPOSE|USER|LABEL|VOLUME|HEALTHCHECK|SHELL|"
         r"ONBUILD|STOPSIGNAL)\s", 8, _S),
    Rule(DOCKER, r"^#\s*syntax=docker", 6),
    # --- markdown
    Rule(MARKDOWN, r"^#{1,6} \S[^\n]*$", 2, cap=2),
    Rule(MARKDOWN, r"^#{2,6} \S", 2),
    Rule(MARKDOWN, r"!?\[[^\]\n]+\]\([^)\s]+\)", 3),
    Rule(MARKDOWN, r"\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~", 2),
    Rule(MARKDOWN, r"^\s*[-*+] \[[ xX]\] ", 4),
    Rule(MARKDOWN, r"^\|?\s*:?-{3,}:?\s*\|", 5),
    Rule(MARKDOWN, r"^(```|~~~)", 5),
    Rule(MARKDOWN, r"^> ", 2),
    Rule(MARKDOWN, r"^\s*([-*+]|\d+\.) \S", 4.5, _S),
    Rule(MARKDOWN, r"^[A-Za-z*_][^`\n]*\s`[^`\n]+`[\s.,:;)]|^\s*([-*+]|\d+\.) [^`\n]*`[^`\n]+`", 2),
    Rule(MARKDOWN, r"^[^\n]+\n={3,}\s*$|\[\^\w+\]", 4),
    Rule(MARKDOWN, r"^\s*\*[^*\s][^*\n]*\*[\s.,]|\s_[^_\s][^_\n]*_[\s.,]", 1),
    # --- diff
    Rule(DIFF, r"^diff --git |^@@ -\d+(,\d+)? \+\d+(,\d+)? @@|^Index: \S", 8),
    Rule(DIFF, r"^--- \S[^\n]*\n\+\+\+ \S", 6),
    Rule(DIFF, r"^index [0-9a-f]{7,}\.\.[0-9a-f]{7,}|^(new|deleted) file mode|^rename (from|to) |^similarity index", 4),
    Rule(DIFF, "diff_shape", 8, _P),
    # --- plain text: the floor every block starts from
    Rule(TEXT, "always", 1.5, _P),
    Rule(TEXT, "prose", 2.5, _P),
)
# fmt: on

ALIASES: dict[str, str] = {
    "py": "python", "python3": "python", "py3": "python", "js": "javascript", "node": "javascript",
    "mjs": "javascript", "cjs": "javascript", "ts": "typescript", "c++": "cpp", "cxx": "cpp", "cc": "cpp",
    "hpp": "cpp", "h": "c", "cu": "cuda", "golang": "go", "rs": "rust", "sh": "bash", "shell": "bash",
    "zsh": "bash", "ksh": "bash", "shell-session": "console", "shellsession": "console", "terminal": "console",
    "yml": "yaml", "jsonc": "json", "dockerfile": "docker", "md": "markdown", "patch": "diff", "udiff": "diff",
    "htm": "html", "xhtml": "html", "react": "jsx", "plain": "text", "plaintext": "text", "txt": "text",
    "postgresql": "sql", "postgres": "sql", "mysql": "sql", "sqlite": "sql",
}  # fmt: skip
"""Fence labels people write, folded onto the names :data:`PRIORITY` uses."""

TRAITS: dict[str, tuple[tuple[str, ...], float]] = {
    "cuda": (CUDA, 6),
    "types": (TS, 3),
    "jsx": (JSX, 3),
    "prompt": (CONSOLE, 6),
}
"""A dialect's markers: the rules given to exactly that language group, and the points they must
reach before a label is overridden (low evidence should not second-guess an author)."""

DIALECTS: tuple[tuple[frozenset[str], frozenset[str], str], ...] = (
    (frozenset({"c", "cpp"}), frozenset({"cuda"}), "cuda"),
    (frozenset({"javascript", "typescript", "jsx"}), frozenset({"types", "jsx"}), "tsx"),
    (frozenset({"javascript"}), frozenset({"types"}), "typescript"),
    (frozenset({"javascript"}), frozenset({"jsx"}), "jsx"),
    (frozenset({"bash"}), frozenset({"prompt"}), "console"),
)
"""(labels it refines, traits that must all show, the dialect); the first row that fits wins."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "typescript": ("javascript",),
    "jsx": ("javascript",),
    "tsx": ("javascript",),
    "c": ("c", "cpp"),
    "cpp": ("c", "cpp"),
    "cuda": ("c", "cpp"),
}
"""The plain languages a family's winner is re-derived from, so that ``detect`` settles on a dialect
by the same floors as ``suggest`` instead of by one stray point."""
