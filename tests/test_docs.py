"""The user guide stays in step with the code."""

from __future__ import annotations

from pathlib import Path

import cleannews

GUIDE = (Path(__file__).parent.parent / "docs" / "guide.md").read_text(encoding="utf-8")


def test_guide_names_every_default_step():
    missing = [name for name in cleannews.default_pipeline().names if f"`{name}`" not in GUIDE]
    assert missing == [], f"docs/guide.md does not describe: {missing}"


def test_every_default_step_describes_itself():
    for step in cleannews.default_pipeline():
        assert step.description, f"{step.name} has no description"
