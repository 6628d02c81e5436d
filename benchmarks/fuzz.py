"""A long fuzzing run of the properties of tests/test_fuzz.py, which the test suite runs
for a few seconds only: the analysis of English text broken by stray quotation marks,
control characters, other scripts and sentences without a stop (a coded refusal, or
every offset within the text); the readers of feeds, web archives and record files on
damaged or random bytes, and JSON lines on standard input (no exception escapes).
Rounds of fresh random examples take turns until the time is up; each failure is shrunk
by Hypothesis to a small example and printed once. The exit status is 1 if any was found.

    python benchmarks/fuzz.py [--minutes 10] [--only analysis|readers|stdin]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.inputs import read_records
from detente.pipeline import Analyzer

PROPERTIES = Path(__file__).resolve().parents[1] / "tests" / "test_fuzz.py"


def load_properties() -> ModuleType:
    """tests/test_fuzz.py, where the strategies and the properties live."""
    spec = importlib.util.spec_from_file_location("test_fuzz", PROPERTIES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Property:
    """One property, its examples per round, and what running it has found."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    per_round: int
    rounds: int = 0
    examples: int = 0
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)

    def run_round(self) -> None:
        """Fresh random examples; a failure is shrunk and kept once per kind."""

        @settings(
            max_examples=self.per_round,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(example=self.strategy)
        def holds(example: Any) -> None:
            self.examples += 1
            self.check(example)

        started = time.perf_counter()
        try:
            holds()
        except Exception as exc:  # a failure of the property, whatever it raised
            kind = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            if kind not in self.failures:
                self.failures[kind] = "".join(traceback.format_exception(exc))
                print(f"\n{self.name}: FAILURE {kind}\n{self.failures[kind]}", flush=True)
        self.rounds += 1
        self.seconds += time.perf_counter() - started


def build(only: str | None, folder: Path) -> list[Property]:
    properties = load_properties()
    (folder / "page.html").write_text(properties.PAGE, encoding="utf-8")
    found: list[Property] = []
    if only in (None, "analysis"):
        analyzer = Analyzer()
        found.append(
            Property(
                "analysis",
                properties.noisy_articles(),
                lambda text: properties.check_analysis(analyzer, text),
                per_round=50,
            )
        )
    if only in (None, "readers"):
        found.append(
            Property(
                "readers",
                properties.container_files(),
                lambda file: properties.check_reader(folder, *file),
                per_round=200,
            )
        )
    if only in (None, "stdin"):
        found.append(
            Property(
                "stdin",
                st.text(max_size=2_000),
                lambda text: list(read_records(text, "<stdin>")),
                per_round=500,
            )
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--only", choices=("analysis", "readers", "stdin"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-fuzz-") as place:
        runs = build(args.only, Path(place))
        stop = time.monotonic() + args.minutes * 60
        turn = 0
        while time.monotonic() < stop:
            runs[turn % len(runs)].run_round()
            turn += 1
    print(f"\nfuzzing for {args.minutes:g} minutes:")
    for run in runs:
        print(
            f"  {run.name:<9} {run.rounds} rounds, {run.examples} examples in "
            f"{run.seconds:.0f} s, {len(run.failures)} kinds of failure"
        )
        for kind in run.failures:
            print(f"    {kind}")
    return 1 if any(run.failures for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
