"""A property-based pass over the web API from its own OpenAPI description.

schemathesis generates requests from ``/openapi.json`` and sends them to the ASGI
application in-process (no network): no answer may be a server error, and every answer
must have a documented status and match its documented schema. The two operations
that analyse text run fewer examples: each one is a spaCy parse (and, for
``POST /api/articles``, a write and a relink).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Response
from schemathesis.checks import CheckContext, CheckFunction
from schemathesis.specs.openapi.checks import positive_data_acceptance

from detente import errors
from detente.pipeline import Analyzer
from detente.web import app as web_app
from detente.web import create_app
from test_web_api import build_store

TOKEN = "schema-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUICK = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
ANALYSING = settings(QUICK, max_examples=8)
SEMANTIC: list[CheckFunction] = [positive_data_acceptance]
"""A body can match the schema and still hold no English article (refused with 422):
no schema can say what English is, so "valid data is accepted" is not checked there."""
NOT_IN_THE_CALENDAR_THE_KB_OR_A_PAGE = {
    errors.InvalidDate.code,
    errors.UnknownCountry.code,
    errors.InvalidCursor.code,
}


def accepts_valid_data(ctx: CheckContext, response: Response, case: schemathesis.Case) -> None:
    """ "Valid data is accepted", but for a date or a country code of the right shape that
    is no day of the calendar ("2023-13") or no code the knowledge base knows ("QQQ"), and
    a cursor no page gave: the schema gives their shape only (see
    ``detente.web.schemas.DATE``), and the service refuses them with their detente code."""
    refused = response.json()["error"]["detente_code"] if response.status_code == 422 else None
    if refused not in NOT_IN_THE_CALENDAR_THE_KB_OR_A_PAGE:
        positive_data_acceptance(ctx, response, case)


PLACE = tempfile.TemporaryDirectory(prefix="detente-schema-")
DB = Path(PLACE.name) / "news.db"
APP = create_app(DB, create=True, token=TOKEN, rate_limit=0)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
"""Read at collection: schemathesis makes one test per operation from the description."""


@pytest.fixture(scope="module", autouse=True)
def store(analyzer: Analyzer) -> Iterator[None]:
    """The invented articles in the app's store, and the session's analyzer as its own."""
    build_store(DB, analyzer)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(web_app, "Analyzer", lambda: analyzer)
        yield
    PLACE.cleanup()


@schema.exclude(method="POST").parametrize()
@QUICK
def test_reads_conform(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers=AUTH, excluded_checks=SEMANTIC, additional_checks=[accepts_valid_data]
    )


@schema.include(method="POST").parametrize()
@ANALYSING
def test_analysing_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, excluded_checks=SEMANTIC)


def test_every_operation_is_described() -> None:
    operations = {(m, path) for path, item in APP.openapi()["paths"].items() for m in item}
    assert ("post", "/api/articles") in operations and ("get", "/api/series") in operations
    assert len(operations) == 11
