"""Shared fixtures: one analyzer per test session (the one ``detente.analyze`` uses), the
../shared folder when present, and a store taken back to before incremental linking."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
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


@pytest.fixture
def before_linking_keys() -> Callable[[Path, int], None]:
    """Take a store back to before its last migration, incremental linking: its tables,
    columns and indexes dropped, ``user_version`` set to ``version``."""

    def undo(path: Path, version: int) -> None:
        db = sqlite3.connect(path)
        db.executescript(
            "DROP TABLE unlinked; DROP TABLE actor_key_names; DROP TABLE actor_keys;"
            "DROP INDEX actors_key; DROP INDEX events_link; ALTER TABLE actors DROP COLUMN key_id;"
            "ALTER TABLE events DROP COLUMN link_key; ALTER TABLE events DROP COLUMN link_day;"
            f"PRAGMA user_version = {version};"
        )
        db.close()

    return undo
