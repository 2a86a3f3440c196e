"""Measure what installing mdread puts in a fresh virtual environment.

Creates a venv, installs the given checkout (a normal, non-editable install
with its dependencies), and sums the files under site-packages, leaving out
pip and setuptools, which every venv has. Prints the total and the ten
largest packages.

Usage: ``python bench/install_size.py [CHECKOUT] [--extra images]`` (default: this checkout);
``bench/run.py --install-size`` puts the figure in the report.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def measure(checkout: Path = ROOT, extra: str | None = None) -> Counter[str]:
    """Bytes per package that a fresh venv holds after ``pip install CHECKOUT[EXTRA]``."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir"]
        target = str(checkout.resolve()) + (f"[{extra}]" if extra else "")
        subprocess.run([*pip, target], check=True, stderr=subprocess.DEVNULL)
        return size(next((venv / "lib").glob("python*/site-packages")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--extra", help="an optional extra to install too, e.g. images")
    args = parser.parse_args(argv)
    sizes = measure(args.checkout, args.extra)
    print(f"{args.checkout}: {sum(sizes.values()) / 2**20:.1f} MiB in site-packages (pip and setuptools left out)")
    for name, bytes_ in sizes.most_common(12):
        print(f"  {name:30} {bytes_ / 2**20:7.1f} MiB")


if __name__ == "__main__":
    main()
