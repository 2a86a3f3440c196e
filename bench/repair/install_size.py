"""Measure what installing mdread puts in a fresh virtual environment.

Creates a venv, installs the given checkout (a normal, non-editable install
with its dependencies), and sums the files under site-packages, leaving out
pip and setuptools, which every venv has. Prints the total and the ten
largest packages.

Usage: ``python bench/repair/install_size.py [CHECKOUT]`` (default: this one)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SKIP = ("pip", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence.pth")


def size(site: Path) -> Counter[str]:
    """Bytes per top-level entry of site-packages, pip and setuptools left out."""
    out: Counter[str] = Counter()
    for entry in site.iterdir():
        name = entry.name.split("-")[0].lower()
        if name in SKIP or entry.name in SKIP:
            continue
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        out[name] += sum(p.stat().st_size for p in files)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, nargs="?", default=ROOT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir"]
        subprocess.run([*pip, str(args.checkout.resolve())], check=True, stderr=subprocess.DEVNULL)
        site = next((venv / "lib").glob("python*/site-packages"))
        sizes = size(site)
        probe = "from mdread.load.repair.model import MODEL_PATH; print(MODEL_PATH.stat().st_size)"
        found = subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True, text=True)
    print(f"{args.checkout}: {sum(sizes.values()) / 1e6:.1f} MB in site-packages (pip and setuptools left out)")
    for name, bytes_ in sizes.most_common(10):
        print(f"  {name:30} {bytes_ / 1e6:7.1f} MB")
    model = found.stdout.strip() or "missing (" + found.stderr.strip().splitlines()[-1] + ")"
    print(f"repair model in the installed package: {model} bytes")


if __name__ == "__main__":
    main()
