"""Shared fixtures: the reference pages in tests/fixtures/seeds (copied from the evaluation set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(p for p in (FIXTURES / "seeds").iterdir() if (p / "gold.json").exists())


def load_seed(folder: Path) -> tuple[str, dict]:
    """A seed page's text and its gold record."""
    return (folder / "page.txt").read_text(encoding="utf-8"), json.loads((folder / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(params=SEEDS, ids=[p.name for p in SEEDS])
def seed(request: pytest.FixtureRequest) -> tuple[str, dict]:
    """Each reference page with its gold record."""
    return load_seed(request.param)
