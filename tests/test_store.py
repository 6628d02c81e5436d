"""The store, ingest and the query commands. Every article here is invented."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from detente import store as store_module
from detente.cli import main
from detente.errors import NoDatabase, StoreError
from detente.ingest import ingest
from detente.model import Actor, Article, Coding, Event, Quote, Span
from detente.pipeline import Analyzer
from detente.store import MIGRATIONS, Filters, Store, article_text, export_rows, packed_text
from detente.web.queries import article_record

TALKS = (
    "Chilean Foreign Minister Ana Rios met Peruvian Foreign Minister Luis Vega in Lima on "
    "Monday. Chile imposed new sanctions on Bolivia last month.\n\n"
    "“We want a calm border,” said Marta Quiroga, an analyst at the Andes Policy Forum."
)
PROTEST = (
    "Thousands of Bolivian students protested in La Paz on Friday against the new fuel "
    "prices. Bolivia accused Chile of closing the border crossing at Tambo Quemado."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "2023-06-20-talks.txt").write_text(TALKS, encoding="utf-8")
    records = [
        {"text": PROTEST, "title": "Protests in La Paz", "published": "2023-07-01"},
        {"title": "no text"},
    ]
    lines = [json.dumps(r) for r in records] + ["{not json"]
    (folder / "sub" / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "notes.md").write_text("ignored: not an article type", encoding="utf-8")
    return folder


def test_ingest_stores_once_and_records_failures(
    analyzer: Analyzer, corpus: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "d.db", create=True) as store:
        first = ingest([str(corpus)], store, analyzer)
        assert first.stored == 2 and first.already == 0
        reasons = dict(first.failed)
        assert len(first.failed) == 3
        assert any("empty" in r for r in reasons.values())
        assert any("not valid JSON" in r for r in reasons.values())
        assert any("no text or html" in r for r in reasons.values())
        counts = store.counts()
        again = ingest([str(corpus)], store, analyzer)
        assert again.stored == 0 and again.already == 2
        assert store.counts()["events"] == counts["events"] > 0
        assert store.counts()["articles"] == 2
        dates = {a["published"] for a in store.articles()}
        assert dates == {"2023-06-20", "2023-07-01"}


def test_a_killed_run_loses_and_duplicates_nothing(
    analyzer: Analyzer, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.db"
    original = Store.add
    calls = {"n": 0}

    def dies_on_second(self: Store, article: object) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, article)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add", dies_on_second)
    with Store(path, create=True) as store, pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], store, analyzer)
    monkeypatch.setattr(Store, "add", original)
    with Store(path) as store:
        assert store.counts()["articles"] == 1
        summary = ingest([str(corpus)], store, analyzer)
        assert (summary.stored, summary.already) == (1, 1)
        assert store.counts()["articles"] == 2


def test_jsonl_on_stdin(analyzer: Analyzer, tmp_path: Path) -> None:
    stdin = io.StringIO(json.dumps({"text": PROTEST, "published": "2023-07-01"}) + "\n")
    with Store(tmp_path / "d.db", create=True) as store:
        summary = ingest(["-"], store, analyzer, stdin=stdin)
        assert summary.stored == 1


def test_queries(analyzer: Analyzer, corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "d.db", create=True) as store:
        ingest([str(corpus)], store, analyzer)
        both = store.events(Filters(dyad=("BOL", "CHL")))
        assert {(e["source_country"], e["target_country"]) for e in both} >= {
            ("CHL", "BOL"),
            ("BOL", "CHL"),
        }
        sanctions = store.events(Filters(type="sanction"))
        assert sanctions and {e["type"] for e in sanctions} == {"SANCTION"}
        assert store.events(Filters(since="2023-07")) and not store.events(Filters(until="2023-04"))
        assert store.events(Filters(status="occurred"))
        quotes = store.quotes(Filters(search="calm border"))
        assert [q["speaker_name"] for q in quotes] == ["Marta Quiroga"]
        assert store.quotes(Filters(search='"; DROP TABLE quotes; --')) == []
        assert store.quotes(Filters(search="\x00")) == []  # a NUL once ended the query
        assert [q["speaker_name"] for q in store.quotes(Filters(search="calm\x00border"))] == [
            "Marta Quiroga"
        ]
        assert store.quotes(Filters(speaker="Quiroga"))
        names = {a["name"] for a in store.actors(Filters(country="chl"))}
        assert "Ana Rios" in names


def test_schema_is_versioned(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db", create=True) as store:
        assert store.version == len(MIGRATIONS)
    db = sqlite3.connect(tmp_path / "d.db")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "d.db")


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a detente database"):
        Store(bad)


def test_cli_ingest_and_queries(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.db")
    assert main(["ingest", str(corpus), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "articles stored 2" in out and "skipped 0, failed 3" in out
    assert main(["events", "--db", db, "--dyad", "CHL-BOL", "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert events and all(
        {e["source_country"], e["target_country"]} <= {"CHL", "BOL"} for e in events
    )
    everything = ["events", "--db", db, "--by", "report", "--format", "json"]
    assert main(everything) == 0
    confidences = [e["confidence"] for e in json.loads(capsys.readouterr().out)]
    cut = sorted(confidences)[len(confidences) // 2]
    assert main([*everything, "--min-confidence", str(cut)]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert kept and len(kept) <= len(confidences)
    assert all(e["confidence"] >= cut for e in kept)
    with pytest.raises(SystemExit):
        main([*everything, "--min-confidence", "1.5"])
    assert "from 0 to 1" in capsys.readouterr().err
    assert main(["quotes", "--db", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("article_id,")
    assert main(["actors", "--db", db, "--country", "PER"]) == 0
    assert "Luis Vega" in capsys.readouterr().out
    assert main(["articles", "--db", db]) == 0
    assert "2023-06-20" in capsys.readouterr().out


def test_opening_a_missing_store_never_creates_it(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    with pytest.raises(NoDatabase, match=r"typo\.db: no database here; run detente ingest"):
        Store(typo)
    assert not typo.exists()
    with Store(typo, create=True) as made:
        assert made.counts()["articles"] == 0
    Store(typo).close()


@pytest.mark.parametrize(
    "command",
    [["events"], ["actors"], ["quotes"], ["articles"], ["series", "USA", "CHN"], ["export"]],
)
def test_query_commands_never_create_a_database(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.db"
    out = ["--out", str(tmp_path / "out")] if command == ["export"] else []
    assert main([*command, *out, "--db", str(typo)]) == 2
    assert (
        capsys.readouterr().err
        == f"detente: [D051] {typo}: no database here; run detente ingest first\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_cli_query_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(tmp_path / "none.db")]) == 2
    assert "run detente ingest first" in capsys.readouterr().err
    Store(tmp_path / "d.db", create=True).close()
    assert main(["events", "--db", str(tmp_path / "d.db"), "--dyad", "USA"]) == 2
    assert "is not two country codes" in capsys.readouterr().err


def test_series_counts_clusters_by_quad_class() -> None:
    from detente.series import series

    def event(date: str, event_type: str, source: str, target: str, intensity: float) -> dict:
        return {
            "date": date,
            "type": event_type,
            "status": "occurred",
            "source_country": source,
            "target_country": target,
            "intensity": intensity,
        }

    rows = [
        event("2023-02-04", "SANCTION", "USA", "CHN", -6.0),
        event("2023-02-05", "SANCTION", "USA", "CHN", -6.0),  # a second report
        event("2023-02-20", "CONSULT", "CHN", "USA", 2.5),
        event("2023-03", "ACCUSE", "CHN", "USA", -3.0),
        {**event("2023-03-02", "ASSAULT", "USA", "CHN", -9.0), "status": "hypothetical"},
        event("2023-03-02", "ASSAULT", "USA", "RUS", -9.0),
    ]
    by_cluster = {(r["period"], r["direction"]): r for r in series(rows, "USA", "CHN")}
    feb = by_cluster[("2023-02", "both")]
    assert (feb["material_conflict"], feb["verbal_cooperation"], feb["events"]) == (1, 1, 2)
    assert feb["intensity_total"] == -3.5
    assert by_cluster[("2023-03", "CHN->USA")]["verbal_conflict"] == 1
    assert by_cluster[("2023-03", "USA->CHN")]["events"] == 0
    by_report = {(r["period"], r["direction"]): r for r in series(rows, "USA", "CHN", by="report")}
    assert by_report[("2023-02", "USA->CHN")]["material_conflict"] == 2
    weekly = series(rows, "USA", "CHN", freq="week")
    assert weekly[0]["period"] == "2023-01-30"


def test_cli_series(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.db")
    assert main(["ingest", str(corpus), "--db", db]) == 0
    capsys.readouterr()
    assert main(["series", "chl", "bol", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["direction"] for r in rows} == {"CHL->BOL", "BOL->CHL", "both"}
    assert main(["series", "CHL", "BOL", "--db", db, "--since", "2030", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    chart = tmp_path / "chart.svg"
    assert main(["series", "CHL", "BOL", "--db", db, "--plot", str(chart)]) == 0
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert main(["series", "CHL", "BOL", "--db", db, "--plot", str(tmp_path / "c.pdf")]) == 2
    assert sum(r["events"] for r in rows if r["direction"] == "both") >= 2


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover"])
def test_export(fmt: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    db = str(tmp_path / "d.db")
    assert main(["ingest", str(corpus), "--db", db]) == 0
    out = tmp_path / "out"
    assert main(["export", "--db", db, "--out", str(out), "--format", fmt]) == 0
    files = capsys.readouterr().out.split()
    assert files[-1].startswith(str(out))
    if fmt == "plover":
        text = (out / "events.plover.jsonl").read_text(encoding="utf-8")
        records = [json.loads(line) for line in text.splitlines()]
        assert records and all(r["status"] in ("occurred", "planned") for r in records)
        assert all(
            {"event", "actor", "recipient", "textOffsets", "date"} <= set(r) for r in records
        )
        return
    for table in ("articles", "actors", "quotes", "events"):
        path = out / f"{table}.{fmt}"
        text = path.read_text(encoding="utf-8")
        if fmt == "jsonl":
            rows = [json.loads(line) for line in text.splitlines()]
        else:
            rows = list(csv.DictReader(io.StringIO(text)))
        assert rows, table
        if table == "events":
            assert {"date", "type", "source_country", "target_country", "evidence"} <= set(rows[0])


# -- the article's text, kept once ------------------------------------------------------------
PACT = "Chile and Peru signed a border pact in Lima on Monday. Peru praised the pact." + (
    "\n\nThe pact ends a dispute over the coastal waters that began in the last century." * 8
)


def _pact(
    evidence: str = "Peru praised the pact.", mention: str = "Peru", quote: str = "a border pact"
) -> Article:
    """An invented analysed article; ``evidence``, ``mention`` and ``quote`` are the words
    recorded for the second event, the second mention of Peru and the quote (an analysis
    may record words that are not the text between their offsets)."""
    chile = Actor(
        "a1",
        "country",
        "Chile",
        country="CHL",
        mentions=[Span(0, 5, "Chile")],
        coding={"country": Coding("country-name", Span(0, 5, "Chile"))},
    )
    peru = Actor(
        "a2",
        "country",
        "Peru",
        country="PER",
        mentions=[Span(10, 14, "Peru"), Span(55, 59, mention)],
        coding={"country": Coding("country-name", Span(10, 14, "Peru")), "x": Coding("rule")},
    )

    def event(number: int, kind: str, span: Span, trigger: Span) -> Event:
        return Event(
            f"e{number}", kind, None, "occurred", "a1", "a2", "CHL", "PER", "2023-06-19",
            None, 3.0, 0.8, span, "test", trigger=trigger,
        )  # fmt: skip

    return Article(
        id="00000000000000aa",
        text=PACT,
        published="2023-06-19",
        actors=[chile, peru],
        quotes=[Quote("q1", "direct", quote, 22, 35)],
        events=[
            event(1, "AGREE", Span(0, 54, PACT[:54]), Span(15, 21, "signed")),
            event(2, "SUPPORT", Span(55, 77, evidence), Span(60, 67, "praised")),
        ],
    )


@pytest.mark.parametrize(
    ("text", "kept_as"),
    [
        ("", str),
        ("Chile and Peru signed a pact.", str),
        (PACT, bytes),
        ("Émigrés “quoted” — 北京 " * 40, bytes),
    ],
)
def test_an_article_text_is_kept_compressed_when_that_is_shorter(text: str, kept_as: type) -> None:
    stored = packed_text(text)
    assert isinstance(stored, kept_as)
    assert len(stored) <= len(text.encode())
    assert article_text(stored) == text


@pytest.mark.parametrize(
    ("words", "stored"),
    [
        (("Peru praised the pact.", "Peru", "a border pact"), ("", "", "")),
        (
            ("Peru praised the deal.", "Lima", "a … pact"),
            ("Peru praised the deal.", "Lima", "a … pact"),
        ),
    ],
)
def test_the_article_text_is_kept_once_and_read_back_whole(
    tmp_path: Path, words: tuple[str, str, str], stored: tuple[str, str, str]
) -> None:
    article = _pact(*words)
    evidence, _, quote = words
    stored_evidence, stored_mention, stored_quote = stored
    with Store(tmp_path / "d.db", create=True) as store:
        store.add(article)
        store.relink()
        rows = store.db.execute("SELECT evidence FROM events ORDER BY event_id").fetchall()
        assert [r[0] for r in rows] == ["", stored_evidence]
        rows = store.db.execute("SELECT text FROM mentions ORDER BY start").fetchall()
        assert [r[0] for r in rows] == ["", "", stored_mention]
        codings = [r[0] for r in store.db.execute("SELECT coding FROM actors")]
        assert all('"text"' not in coding and ", " not in coding for coding in codings)
        assert store.db.execute("SELECT text FROM quotes").fetchone()[0] == stored_quote
        assert store.db.execute("SELECT typeof(text) FROM articles").fetchone()[0] == "blob"
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
        assert "quotes_fts_content" not in tables
        assert [q["quote_id"] for q in store.quotes(Filters(search="pact"))] == ["q1"]
        record = article_record(store.db, article.id)
        assert record is not None
        fresh = article.to_dict(include_text=True)
        assert [a["mentions"] for a in record["actors"]] == [a["mentions"] for a in fresh["actors"]]
        assert [a["coding"] for a in record["actors"]] == [a["coding"] for a in fresh["actors"]]
        assert [e["evidence"] for e in record["events"]] == [e["evidence"] for e in fresh["events"]]
        assert [q["text"] for q in record["quotes"]] == [quote]
        assert [q["text"] for q in store.quotes(Filters())] == [quote]
        assert [q["text"] for q in export_rows(store, "quotes")] == [quote]
        listed = [e["evidence"] for e in store.events(Filters(), by="report")]
        exported = [e["evidence"] for e in export_rows(store, "events")]
        assert listed == exported == [PACT[:54], evidence]


def test_a_store_of_the_previous_schema_is_upgraded_to_the_same_store(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    before_linking_keys: Callable[[Path, int], None],
) -> None:
    """A store written before the text was kept once (schema 4: the text as it is,
    every span's words in full, the quotes' words copied into their index) reads as one
    written now. It is written with the linking tables of today (``add`` queues each
    article), which are then dropped, so both later migrations run."""
    articles = [_pact(), _pact("Peru praised the deal.", "Lima", "a … pact")]
    articles[1].id = "00000000000000bb"
    with monkeypatch.context() as old:
        old.setattr(store_module, "MIGRATIONS", [*MIGRATIONS[:4], MIGRATIONS[-1]])
        old.setattr(store_module, "unless_sliced", lambda words, *_: words)
        old.setattr(store_module, "_compact_coding", lambda codes, _: json.dumps(codes))
        old.setattr(store_module, "packed_text", lambda text: text)
        with Store(tmp_path / "old.db", create=True) as store:
            for article in articles:
                store.add(article)
            store.relink()
            assert (
                store.db.execute("SELECT count(*) FROM events WHERE evidence = ''").fetchone()[0]
                == 0
            )
    before_linking_keys(tmp_path / "old.db", 4)
    with Store(tmp_path / "new.db", create=True) as store:
        for article in articles:
            store.add(article)
        store.relink()
        digest = store.digest()
        records = [article_record(store.db, a.id) for a in articles]
    with Store(tmp_path / "old.db") as store:
        assert store.version == len(MIGRATIONS)
        store.link()
        assert {r[0] for r in store.db.execute("SELECT typeof(text) FROM articles")} == {"blob"}
        assert store.digest() == digest
        assert [article_record(store.db, a.id) for a in articles] == records
        assert [q["article_id"] for q in store.quotes(Filters(search="pact"))] == [
            a.id for a in articles
        ]
