"""Ingest at scale: worker processes, the progress bar, and a run killed with SIGKILL.
Every article here is invented."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.errors import InvalidArgument
from detente.ingest import ingest
from detente.inputs import count_jobs
from detente.pipeline import Analyzer, AnalyzerSpec
from detente.store import Store, count_articles

PAIRS = [
    ("Chile", "Chilean", "Bolivia", "Bolivian"),
    ("Kenya", "Kenyan", "Uganda", "Ugandan"),
    ("Norway", "Norwegian", "Sweden", "Swedish"),
    ("Vietnam", "Vietnamese", "Cambodia", "Cambodian"),
    ("Ghana", "Ghanaian", "Togo", "Togolese"),
    ("Peru", "Peruvian", "Ecuador", "Ecuadorian"),
]
NAMES = ["Ana Rios", "Tomas Berg", "Lina Osei", "Minh Tran", "Kofi Mensah", "Rosa Vega"]


def article(number: int) -> str:
    country, demonym, other, other_demonym = PAIRS[number % len(PAIRS)]
    name = NAMES[number % len(NAMES)]
    return (
        f"{demonym} Foreign Minister {name} met her {other_demonym} counterpart in the "
        f"capital on Monday, the {number + 1}th round of talks this year. {country} accused "
        f"{other} of closing a border crossing, and {other} rejected the claim.\n\n"
        f"“We will keep talking until the border opens,” {name} told reporters. "
        f"{country} also promised {other} new aid for farmers hit by the drought."
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for number in range(18):
        day = 1 + number
        (folder / f"2023-05-{day:02d}-talks-{number}.txt").write_text(
            article(number), encoding="utf-8"
        )
    records = [{"text": article(40 + n), "published": f"2023-06-{n + 1:02d}"} for n in range(6)]
    lines = [json.dumps(r) for r in records] + ["not json at all"]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "french.txt").write_text(
        "Le ministre des affaires étrangères a rencontré son homologue lundi dans la "
        "capitale pour parler de la frontière et de la sécheresse qui touche les paysans "
        "des deux pays depuis le début de l'année, et ils ont promis de se revoir bientôt.",
        encoding="utf-8",
    )
    return folder


def test_count_jobs(corpus: Path) -> None:
    assert count_jobs([str(corpus)]) == 18 + 7 + 1
    assert count_jobs(["-"]) is None


def test_two_workers_store_what_one_does(
    analyzer: Analyzer, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path / "one.db", create=True) as one:
        single = ingest([str(corpus)], one, analyzer)
        expected = one.digest()
    with Store(tmp_path / "two.db", create=True) as two:
        double = ingest([str(corpus)], two, AnalyzerSpec(), workers=2, progress=True)
        assert two.digest() == expected
    assert (single.stored, double.stored) == (24, 24)
    assert [s for s, _ in double.skipped] == [str(corpus / "french.txt")]
    assert [s for s, _ in double.failed] == [f"{corpus / 'more.jsonl'}:7"]
    assert double.canonical_actors == single.canonical_actors > 0
    assert "article" in capsys.readouterr().err


def test_several_workers_need_a_spec(analyzer: Analyzer, corpus: Path, tmp_path: Path) -> None:
    with (
        Store(tmp_path / "d.db", create=True) as store,
        pytest.raises(InvalidArgument, match="AnalyzerSpec"),
    ):
        ingest([str(corpus)], store, analyzer, workers=2)


def test_a_run_killed_with_sigkill_resumes_to_the_same_store(
    analyzer: Analyzer, corpus: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "clean.db", create=True) as clean:
        ingest([str(corpus)], clean, analyzer)
        expected = clean.digest()
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(killed)]
    child = subprocess.Popen(
        [*command, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if count_articles(killed) >= 5:
            workers = descendants(child.pid)
            os.kill(child.pid, signal.SIGKILL)
            break
        time.sleep(0.005)  # a loaded machine can write the rest within a longer nap
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert workers, "the run had no worker processes"
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "workers outlived the run"
    assert 5 <= count_articles(killed) < 24
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "articles stored" in again.stdout
    with Store(killed) as resumed:
        assert resumed.digest() == expected


def descendants(pid: int) -> list[int]:
    """The processes started by ``pid`` and by them (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            found += children
            todo += children
    return found


def test_the_examples_twice_are_the_examples_once(analyzer: Analyzer, tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    with Store(tmp_path / "d.db", create=True) as store:
        first = ingest([str(examples)], store, analyzer)
        once = store.digest()
        again = ingest([str(examples)], store, analyzer)
        assert store.digest() == once
    assert first.stored >= 12 and (again.stored, again.already) == (0, first.stored)


def test_parquet_partitions_instead_of_a_store(
    analyzer: Analyzer, corpus: Path, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    from detente.export import PartitionStore

    with Store(tmp_path / "d.db", create=True) as store:
        ingest([str(corpus)], store, analyzer)
        counts = store.counts()
    out = tmp_path / "parts"
    first = ingest([str(corpus)], PartitionStore(out), analyzer)
    assert not first.linked and first.stored == counts["articles"]
    files = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    again = ingest([str(corpus)], PartitionStore(out), analyzer)
    assert (again.stored, again.already) == (0, counts["articles"])
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == files
    for table in ("articles", "actors", "quotes", "events"):
        assert pq.read_table(out / table).num_rows == counts[table]
