"""Shared fixtures: one analyzer per test session (the one ``detente.analyze`` uses), and
the ../shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.pipeline import Analyzer, shared_analyzer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The process's analyzer, the one ``detente.analyze`` uses: the model loads once."""
    return shared_analyzer()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not (SEED / "blinken-beijing-2023.txt").is_file():
        pytest.skip(f"the example article is not at {SEED} (a user's clone has no ../shared)")
    return SEED
