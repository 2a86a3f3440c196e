from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run, so a landing is never refused by chance;
# developers' runs keep drawing new ones and find what CI would not.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "sample_posts"


@pytest.fixture(autouse=True, scope="session")
def _own_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """mdread's config, state and cache go to a folder of the test run's, never the user's."""
    home = tmp_path_factory.mktemp("mdread-home")
    for kind in ("CONFIG", "STATE", "CACHE"):
        os.environ[f"MDREAD_{kind}_DIR"] = str(home / kind.lower())


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def samples() -> Path:
    return SAMPLES
