"""Faults of the disk and the database: a store the user may not write, a full disk,
another process writing, a database deleted or truncated while a run writes to it.

Each stops the command with one coded line naming the file and the cause, keeps what
was stored before (``PRAGMA integrity_check`` is ok), and the same command run again once
the fault is fixed completes the work. Root ignores file modes, so the permission cases
run the command as ``nobody`` in a forked child (the pipeline is loaded already); the
full and read-only disks are a small tmpfs mounted by the test, skipped with the reason
where mounting is refused. Every article here is invented.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from detente import store as store_module
from detente.cli import main
from detente.pipeline import Analyzer, AnalyzerSpec
from detente.store import Store

ARTICLES = {
    "border.txt": "Bolivia accused Chile of closing the border crossing on Friday.",
    "sanctions.txt": "Chile imposed new sanctions on Bolivia on Monday.",
    "trade.txt": "Peru praised Chile for the new trade agreement on Tuesday.",
}
FIRST = "sanctions.txt"
"""The article stored before the fault."""


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str


Detente = Callable[[list[str]], Run]


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder any user may enter (pytest's own is root's alone), with the articles."""
    folder = Path(tempfile.mkdtemp(prefix="detente-faults-"))
    folder.chmod(0o755)
    news = folder / "news"
    news.mkdir(mode=0o755)
    for name, text in ARTICLES.items():
        (news / name).write_text(text, encoding="utf-8")
    (folder / "store").mkdir(mode=0o777)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture
def detente(
    capsys: pytest.CaptureFixture[str], analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> Detente:
    """``detente ARGV`` in this process, with the session's pipeline (loaded once)."""
    monkeypatch.setattr(AnalyzerSpec, "build", lambda _: analyzer)

    def run(argv: list[str]) -> Run:
        code = main(argv)
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def as_nobody(tmp_path: Path, detente: Detente) -> Detente:
    """``detente ARGV`` run by an unprivileged user: ``nobody`` in a forked child when the
    tests run as root, else this process's own user."""
    if os.geteuid() != 0:
        return detente
    user = pwd.getpwnam("nobody")
    out, err = tmp_path / "nobody.out", tmp_path / "nobody.err"

    def run(argv: list[str]) -> Run:
        child = os.fork()
        if child == 0:
            code = 70
            try:
                sys.stdout, sys.stderr = out.open("w"), err.open("w")
                os.setgroups([])
                os.setgid(user.pw_gid)
                os.setuid(user.pw_uid)
                code = main(argv)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(child, 0)
        return Run(os.waitstatus_to_exitcode(status), out.read_text(), err.read_text())

    return run


@pytest.fixture
def small_disk(place: Path) -> Iterator[Path]:
    """A tmpfs of 2 MB (room for a store of a few articles, its indexes and its
    write-ahead log), mounted for the test and unmounted after."""
    point = place / "disk"
    point.mkdir(mode=0o777)
    if shutil.which("mount") is None:
        pytest.skip("no mount command here to make a small disk")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0777", "detente-test", str(point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "--lazy", str(point)], check=True)


def remount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True)


def fill(disk: Path) -> None:
    """Take every free byte of the disk."""
    with (disk / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)


def ingest(sources: Path, db: Path) -> list[str]:
    return ["ingest", str(sources), "--db", str(db), "--workers", "1", "--no-progress"]


def the_error(run: Run) -> str:
    """The one line a fault prints, with no traceback, and a failing exit status."""
    lines = run.err.strip().splitlines()
    assert run.code == 2 and len(lines) == 1 and "Traceback" not in run.err, run
    return lines[0]


def stored(db: Path) -> int:
    """The number of articles in the store, once its integrity is checked."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=rw", uri=True)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(check.execute("SELECT count(*) FROM articles").fetchone()[0])


def store_first(place: Path, db: Path, detente: Detente) -> None:
    """The store as it was before the fault: one article."""
    assert detente(ingest(place / "news" / FIRST, db)).code == 0
    assert stored(db) == 1
    assert {p.name for p in db.parent.iterdir()} == {db.name}, "no -wal or -shm left behind"


def fault_after_first_article(monkeypatch: pytest.MonkeyPatch, fault: Callable[[], None]) -> None:
    """The fault strikes once the run has stored its first article."""
    add = Store.add

    def add_then_fault(self: Store, article: object) -> bool:
        added = add(self, article)  # type: ignore[arg-type]
        monkeypatch.setattr(Store, "add", add)
        fault()
        return added

    monkeypatch.setattr(Store, "add", add_then_fault)


def completes(run: Run, db: Path, stored_now: int) -> None:
    """A run after the fault is fixed stores what was missing, and the store is whole."""
    assert run.code == 0, run
    assert f"articles stored {stored_now}, already stored {3 - stored_now}" in run.out
    assert stored(db) == len(ARTICLES)


@pytest.mark.parametrize(
    ("file_mode", "folder_mode", "cause"),
    [
        pytest.param(0o444, 0o777, "the file is read-only for this user", id="read-only file"),
        pytest.param(0o666, 0o555, "its folder is read-only for this user", id="read-only folder"),
        pytest.param(0o644, 0o755, "the file is read-only for this user", id="another's file"),
    ],
)
def test_a_store_the_user_may_not_write(
    place: Path,
    detente: Detente,
    as_nobody: Detente,
    file_mode: int,
    folder_mode: int,
    cause: str,
) -> None:
    if file_mode == 0o644 and os.geteuid() != 0:
        pytest.skip("only root can make a file of another user")
    db = place / "store" / "news.db"
    store_first(place, db, detente)
    db.chmod(file_mode)
    db.parent.chmod(folder_mode)
    line = the_error(as_nobody(ingest(place / "news", db)))
    assert line.startswith(f"detente: [D052] {db}: cannot be written: {cause}")
    assert stored(db) == 1
    db.chmod(0o666)
    db.parent.chmod(0o777)
    completes(as_nobody(ingest(place / "news", db)), db, stored_now=2)


def test_a_read_only_file_system(place: Path, small_disk: Path, detente: Detente) -> None:
    db = small_disk / "news.db"
    store_first(place, db, detente)
    remount(small_disk, "ro")
    line = the_error(detente(ingest(place / "news", db)))
    assert line == f"detente: [D052] {db}: cannot be written: the file system is mounted read-only"
    remount(small_disk, "rw")
    assert stored(db) == 1
    completes(detente(ingest(place / "news", db)), db, stored_now=2)


def test_a_full_disk_refuses_the_run_before_any_work(
    place: Path, small_disk: Path, detente: Detente
) -> None:
    db = small_disk / "news.db"
    store_first(place, db, detente)
    fill(small_disk)
    run = detente(ingest(place / "news", db))
    assert the_error(run) == (
        f"detente: [D053] {db}: the disk is full; free some space and run the command again"
    )
    assert run.out == ""
    remount(small_disk, "size=8m")
    assert stored(db) == 1
    completes(detente(ingest(place / "news", db)), db, stored_now=2)


def test_a_disk_that_fills_up_mid_run(
    place: Path, small_disk: Path, detente: Detente, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = small_disk / "news.db"
    store_first(place, db, detente)
    fault_after_first_article(monkeypatch, lambda: fill(small_disk))
    run = detente(ingest(place / "news", db))
    assert the_error(run) == (
        f"detente: [D053] {db}: the disk is full; free some space and run the command again"
    )
    assert "articles stored 1, already stored 1" in run.out, "what was done is listed"
    assert "stopped before linking" in run.out
    assert stored(db) == 2
    remount(small_disk, "size=8m")
    completes(detente(ingest(place / "news", db)), db, stored_now=1)


def move_away(db: Path) -> None:
    db.rename(db.with_name("damaged.db"))


@pytest.mark.parametrize(
    ("fault", "code", "message", "fix"),
    [
        pytest.param(
            os.unlink,
            "D055",
            "the database was deleted or replaced while in use",
            lambda db: None,
            id="deleted",
        ),
        pytest.param(
            lambda db: os.truncate(db, 0),
            "D056",
            "the database was truncated while in use",
            move_away,
            id="truncated",
        ),
    ],
)
def test_a_database_that_goes_away_mid_run(
    place: Path,
    detente: Detente,
    monkeypatch: pytest.MonkeyPatch,
    fault: Callable[[Path], None],
    code: str,
    message: str,
    fix: Callable[[Path], None],
) -> None:
    db = place / "store" / "news.db"
    store_first(place, db, detente)
    fault_after_first_article(monkeypatch, lambda: fault(db))
    run = detente(ingest(place / "news", db))
    assert the_error(run).startswith(f"detente: [{code}] {db}: {message}")
    assert "articles stored 1, already stored 1" in run.out, "what was done is listed"
    fix(db)
    completes(detente(ingest(place / "news", db)), db, stored_now=3)


def test_another_process_writing(
    place: Path, detente: Detente, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = place / "store" / "news.db"
    store_first(place, db, detente)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.5)
    hold = "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('BEGIN IMMEDIATE')"
    writer = subprocess.Popen(
        [sys.executable, "-c", f"{hold}; print('writing', flush=True); sys.stdin.read()", db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        line = the_error(detente(ingest(place / "news", db)))
        assert line == (
            f"detente: [D054] {db}: another process is writing to the database (waited 0.5 s); "
            "run the command again when it has finished"
        )
        assert stored(db) == 1
    finally:
        writer.communicate("")
    completes(detente(ingest(place / "news", db)), db, stored_now=2)


def test_export_to_a_full_or_read_only_disk(
    place: Path, small_disk: Path, detente: Detente
) -> None:
    db = place / "store" / "news.db"
    assert detente(ingest(place / "news", db)).code == 0
    out = small_disk / "out"
    export = ["export", "--db", str(db), "--out", str(out)]
    assert detente(export).code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 4
    fill(small_disk)
    line = the_error(detente([*export, "--format", "csv"]))
    assert line == (
        f"detente: [D053] {out / 'articles.csv'}: the disk is full; free some space and run the "
        "command again"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "no half file, none lost"
    (small_disk / "filler").unlink()
    remount(small_disk, "ro")
    line = the_error(detente(export))
    assert line == (
        f"detente: [D052] {out / 'articles.jsonl'}: cannot be written: the file system is mounted "
        "read-only"
    )
    remount(small_disk, "rw")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert detente([*export, "--format", "csv"]).code == 0
    assert len(list(out.glob("*.csv"))) == 4
