"""Shared fixtures: one analyzer per test session, and the ../shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.pipeline import Analyzer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not (SEED / "blinken-beijing-2023.txt").is_file():
        pytest.skip(f"the example article is not at {SEED} (a user's clone has no ../shared)")
    return SEED
