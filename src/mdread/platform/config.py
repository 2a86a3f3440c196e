"""The user's config file (TOML): themes, keymap, line numbers, sidebar, library path.

A broken config must not stop anyone reading, so every problem becomes a
warning and the default for that setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdread.platform.storage import app_dir
from mdread.platform.terminal import IMAGE_MODES
from mdread.sanitize import clean, display_name


@dataclass(frozen=True)
class Config:
    """Settings with their defaults.

    Attributes:
        theme: A Textual theme name for the interface.
        code_theme: A Pygments style for code panes (None: chosen for the terminal's background by the pipe
            face, the default in the reader).
        line_numbers: Number code lines.
        toc_open: Open the table of contents when an article opens.
        keymap: Binding id → comma-separated keys, replacing the defaults.
        library: A folder to list when mdread runs with no argument.
        images: How the reader draws pictures: one of ``IMAGE_MODES``.
        breaks: Read single newlines as line breaks everywhere (true) or nowhere (false);
            unset, only in the posts of a Hexo site, whose renderer does it.
        follow_symlinks: Let the library follow symbolic links that lead out of the folders it lists.
        warnings: Problems found while reading the file.
    """

    theme: str = "textual-dark"
    code_theme: str | None = None
    line_numbers: bool = False
    toc_open: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    library: Path | None = None
    images: str = "auto"
    breaks: bool | None = None
    follow_symlinks: bool = False
    warnings: tuple[str, ...] = ()


_TYPES: dict[str, type] = {"theme": str, "code_theme": str, "line_numbers": bool, "toc_open": bool, "library": str,
                           "images": str, "breaks": bool, "follow_symlinks": bool}


def config_path() -> Path:
    return app_dir("config") / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is the defaults, a bad one is defaults plus warnings."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        return Config(warnings=(f"config {display_name(path)} ignored: {clean(str(exc))}",))
    import tomllib  # only when there is a config file to read

    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        return Config(warnings=(f"config {display_name(path)} ignored: {clean(str(exc))}",))
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key == "keymap":
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                values["keymap"] = dict(value)
            else:
                warnings.append("config: keymap must be a table of strings; ignored")
        elif key == "library" and isinstance(value, str):
            try:
                values[key] = Path(value).expanduser()
            except RuntimeError:
                warnings.append(f"config: library {value!r} is in an unknown home directory; ignored")
        elif key == "images" and value not in IMAGE_MODES:
            warnings.append(f"config: images must be one of {', '.join(IMAGE_MODES)}; ignored")
        elif key in _TYPES and isinstance(value, _TYPES[key]):
            values[key] = value
        else:
            warnings.append(f"config: unknown or mistyped setting {key!r}; ignored")
    return Config(**values, warnings=tuple(warnings))
