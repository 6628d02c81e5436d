"""The web API's request and response models: what ``/openapi.json`` documents.

The article record (``detente/article@1``) is modelled openly (``extra="allow"``): the
record may gain fields, and the API returns ``Article.to_dict()`` as it is. The list and
detail shapes of the store's tables are the API's own and are closed.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from detente.errors import InvalidArgument

T = TypeVar("T")

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Status = Literal["occurred", "planned", "hypothetical", "negated"]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
DATE = "a real calendar date: YYYY, YYYY-MM or YYYY-MM-DD"
"""What a date parameter takes. Dates and country codes are checked by
``detente.validation``, as on the command line, so a mistake is the same coded error
there and here; ``DATE_PATTERN`` and ``COUNTRY_PATTERN`` only describe their shape in the
OpenAPI document (``json_schema_extra``): a pattern cannot say which days the calendar
has or which codes the knowledge base knows."""
DYAD_PATTERN = r"^[A-Za-z]{3}[-_][A-Za-z]{3}$"
ARTICLE_ID_PATTERN = r"^[0-9a-f]{16}$"


class ErrorBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: int = Field(description="the HTTP status")
    code: str = Field(description="a stable name: not_found, invalid, rate_limited, ...")
    message: str = Field(description="what went wrong, for people")
    detente_code: str | None = Field(
        default=None,
        description="detente's own error code (D0xx, see docs/errors.md) when detente "
        "raised the error, else null",
    )


class ErrorResponse(BaseModel):
    """The one shape of every error the service returns."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorBody


class Page(BaseModel, Generic[T]):
    """One page of a list: at most ``limit`` ``items``, after the ``cursor`` asked for
    (else from the start) and ``offset`` more; ``next`` is the cursor of the page after."""

    items: list[T]
    total: int | None = Field(
        description="the items the filters select, counted on a request without cursor "
        "unless it says total=false; else null"
    )
    limit: int
    offset: int
    next: str | None = Field(
        description="the cursor of the next page, to send as cursor; null on the last page"
    )


# -- input -------------------------------------------------------------------------------
class ArticleInput(BaseModel):
    """An article: ``text`` or ``html`` (exactly one of them), with optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str | None, Field(min_length=1, description="the article's plain text")] = None
    html: Annotated[
        str | None,
        Field(min_length=1, description="an HTML page; its main text and metadata are used"),
    ] = None
    published: Annotated[
        str | None,
        Field(
            description=DATE,
            examples=["2023-06-19"],
            json_schema_extra={"pattern": DATE_PATTERN},
        ),
    ] = None
    title: Annotated[str | None, Field(max_length=1000)] = None
    url: Annotated[str | None, Field(max_length=2000)] = None
    outlet: Annotated[str | None, Field(max_length=1000)] = None

    @model_validator(mode="after")
    def _one_source(self) -> ArticleInput:
        if (self.text is None) == (self.html is None):
            raise InvalidArgument("give exactly one of text and html")
        return self


class AnalyzeInput(ArticleInput):
    """An article to analyse; ``include_text`` puts its text in the record."""

    include_text: bool = False


# -- the article record ------------------------------------------------------------------
class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanOut(_Open):
    start: int
    end: int
    text: str


class Offsets(_Open):
    start: int
    end: int


class CodingOut(_Open):
    rule: str
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ActorOut(_Open):
    id: str
    type: str
    name: str
    country: str | None
    sector: str | None
    role: str | None
    affiliation: str | None
    mentions: list[SpanOut]
    coding: dict[str, CodingOut]


class QuoteOut(_Open):
    id: str
    kind: str
    text: str
    start: int
    end: int
    parts: list[Offsets]
    speaker: str | None
    speaker_text: str | None
    speaker_mention: SpanOut | None
    cue: str | None
    cue_span: Offsets | None
    channel: str | None
    rule: str | None


class EventOut(_Open):
    id: str
    type: str
    mode: str | None
    status: str
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    date: str | None
    location: str | None
    intensity: float
    confidence: float
    evidence: SpanOut
    rule: str
    trigger: SpanOut | None


class ArticleMeta(_Open):
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    path: str | None
    authors: list[str]
    language: str
    text: str | None = Field(None, description="with include_text, and always from the store")


class Record(_Open):
    """The ``detente/article@1`` record, as ``detente analyze --format json`` prints it."""

    schema_: str = Field(alias="schema", examples=["detente/article@1"])
    article: ArticleMeta
    actors: list[ActorOut]
    quotes: list[QuoteOut]
    events: list[EventOut]


class StoredActor(ActorOut):
    canonical_id: str | None = Field(description="the canonical actor (``/api/actors/{id}``)")


class StoredEvent(EventOut):
    cluster_id: str | None = Field(description="the real-world event this report belongs to")


class StoredRecord(Record):
    """The record rebuilt from the store, with the text and the cross-article links.

    The store keeps less than the record: a quote's ``parts``, ``speaker_mention`` and
    ``cue_span`` and a trigger's offsets are not stored. ``parts`` is the quote's whole
    extent, ``speaker_text`` the stored speaker name, and a trigger's offsets those of
    its word in the evidence sentence."""

    actors: list[StoredActor]  # type: ignore[assignment]
    events: list[StoredEvent]  # type: ignore[assignment]


# -- store rows --------------------------------------------------------------------------
class Stored(BaseModel):
    """The outcome of ``POST /api/articles``."""

    id: str
    stored: bool = Field(description="false when the article was already in the store")
    actors: int
    quotes: int
    events: int


class ArticleRow(BaseModel):
    id: str
    published: str | None
    title: str | None
    outlet: str | None
    path: str | None
    url: str | None
    events: int
    quotes: int


class EventRow(BaseModel):
    article_id: str
    event_id: str
    cluster_id: str | None
    date: str | None
    date_source: str | None = Field(
        default=None,
        description="text, dateline or article: where the date comes from (an event with "
        "no date of its own is listed at its article's date)",
    )
    type: str
    mode: str | None
    status: str
    source_country: str | None
    target_country: str | None
    source_name: str | None
    target_name: str | None
    source_actor: str | None = Field(description="canonical actor id of the source")
    target_actor: str | None = Field(description="canonical actor id of the target")
    location: str | None
    intensity: float
    confidence: float
    rule: str
    evidence: str
    reports: int = Field(description="reports of this real-world event")
    articles: int = Field(description="distinct articles reporting it")


class ActorRow(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    roles: list[str]
    articles: int
    variants: list[str]


class QuoteRow(BaseModel):
    article_id: str
    quote_id: str
    published: str | None
    kind: str
    speaker_name: str | None
    speaker_country: str | None
    speaker_id: str | None = Field(description="canonical actor id of the speaker")
    text: str


class DyadRow(BaseModel):
    a: str
    b: str
    events: int = Field(description="event reports between the two, both directions")
    occurred: int


class ActorArticle(BaseModel):
    id: str
    title: str | None
    path: str | None = Field(default=None, description="the file it came from, if any")
    published: str | None
    actor_id: str = Field(description="the actor's id inside the article")
    role: str | None
    mentions: int


class ActorQuote(BaseModel):
    article_id: str
    quote_id: str
    published: str | None
    kind: str
    text: str


class ActorEvent(BaseModel):
    article_id: str
    event_id: str
    cluster_id: str | None
    date: str | None
    type: str
    status: str
    side: Literal["source", "target", "both"]
    source_country: str | None
    target_country: str | None
    source_name: str | None
    target_name: str | None
    source_actor: str | None
    target_actor: str | None
    intensity: float
    evidence: str


class Counterpart(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    events: int = Field(description="event reports with this actor on the other side")


class ActorDetail(BaseModel):
    """One canonical actor: its lists hold at most ``limit`` items each, of ``*_total``."""

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    variants: list[str]
    roles: list[str]
    affiliations: list[str]
    articles: list[ActorArticle]
    articles_total: int
    quotes: list[ActorQuote]
    quotes_total: int
    events: list[ActorEvent]
    events_total: int
    counterparts: list[Counterpart]


class SeriesRow(BaseModel):
    period: str = Field(description="YYYY-MM, or the Monday of the week")
    direction: str = Field(description="A->B, B->A or both")
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    events: int
    intensity_total: float
    intensity_mean: float | None
    since: str = Field(description="the period's first day, for /api/events")
    until: str = Field(description="the period's last day, for /api/events")


class Series(BaseModel):
    """Occurred events between two countries per period, by PLOVER quad class."""

    a: str
    b: str
    freq: Literal["week", "month"]
    by: Literal["cluster", "report"]
    items: list[SeriesRow]
    total: int


class Counts(BaseModel):
    articles: int
    actors: int
    quotes: int
    events: int
    failures: int
    canonical_actors: int
    event_clusters: int
