"""The knowledge base: countries, organisations, titles, organisation words, group nouns,
cues of saying, event triggers and event intensities.

Everything here is data shipped in ``kb/data`` as TSV files and loaded once. Users add
their own entries from YAML or TSV files (``--kb FILE``); their entries win over the
shipped ones. Look-ups are by a normalised key (see ``key``), so "the Kremlin",
"Kremlin" and "KREMLIN" find the same entry.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from detente.errors import KnowledgeBaseError
from detente.kb.ontology import EVENT_TYPES, PLOVER

SECTOR_NAMES: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police",
    "SPY": "intelligence",
    "PTY": "political party",
    "OPP": "opposition",
    "REB": "rebels",
    "ELI": "elite",
    "EDU": "education",
    "JRN": "media",
    "BUS": "business",
    "LAB": "labour",
    "REL": "religion",
    "MED": "health",
    "CVL": "civilians",
    "IGO": "international organisation",
    "NGO": "non-governmental organisation",
}
"""Each sector code and what it means, as the dashboard's tags say it."""
SECTORS = frozenset(SECTOR_NAMES)

_DASHES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‐": "-"})
_ARTICLE = re.compile(r"^(?:the|an|a)\s+")
_GENERATION = re.compile(r",?\s+(?:Jr|Sr|JR|SR)\.?$")
_INITIAL = re.compile(r"(?<=\w)\s+[A-Z]\.\s+(?=\w)")
"""A middle initial between two names ("Antony J. Blinken")."""


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The look-up form of a name: NFKC, straight apostrophes, no leading article, folded."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = " ".join(text.split()).casefold()
    return _ARTICLE.sub("", text)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Title:
    """A word or phrase naming a position ("Secretary of State", "Rep.", "professor")."""

    title: str
    sector: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """A well-known public figure ("Vladimir Putin") and the state they serve."""

    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str | None
    role: str


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase of saying ("say", "statement", "according to") and its kind."""

    cue: str
    pos: str
    kind: str


@dataclass(frozen=True, slots=True)
class OrgWord:
    """A head word of organisation names ("Ministry", "University") and what it implies."""

    word: str
    sector: str
    national: bool


TRIGGER_FLAGS = frozenset(
    {
        "reciprocal",
        "speech",
        "control",
        "light",
        "actor-object",
        "person-object",
        "hosted",
        "standing",
        "joint-subject",
    }
)
GOVERNOR_CLASSES = (
    "light",
    "planned",
    "hypothetical",
    "infinitive-only",
    "negating",
    "failure",
    "causative",
    "no-comment",
    "anonymity",
    "instrument",
    "planned-modifier",
    "hypothetical-modifier",
    "locative",
    "quantifier",
    "pair-noun",
    "relational",
    "claim",
    "contest",
    "verbal-attack",
    "harm",
    "question",
    "no-actor",
)
"""The classes of ``governors.tsv``; its header says what each means."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon entry: a word that reports an event of a PLOVER type.

    ``requires``: the entry fires only when one of these lemmas depends on the word
    ("halt" + "talk"). ``object``: whether a verb's direct object is the event's
    ``target`` or a ``theme`` (a thing). ``preps``: prepositions that introduce the
    target ("visit to", "sanctions on").
    """

    id: str
    lemma: str
    pos: str
    type: str
    mode: str | None
    requires: tuple[str, ...]
    object: str
    preps: tuple[str, ...]
    flags: frozenset[str]


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _rows(lines: Iterable[str], source: str) -> Iterator[dict[str, str]]:
    content = [line for line in lines if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(content, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise KnowledgeBaseError(f"{source}: row {number} has the wrong number of fields")
        yield {k.strip(): (v or "").strip() for k, v in row.items()}


def _check_sector(value: str | None, source: str) -> str | None:
    if value and value not in SECTORS:
        raise KnowledgeBaseError(
            f"{source}: unknown sector {value!r}; use one of {' '.join(sorted(SECTORS))}"
        )
    return value or None


class KnowledgeBase:
    """All look-up tables, built once from the shipped data and any user files."""

    def __init__(self) -> None:
        self._countries: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._capitals: dict[str, Country] = {}
        self._orgs: dict[str, Organization] = {}
        self._titles: dict[str, Title] = {}
        self._org_words: dict[str, OrgWord] = {}
        self._group_nouns: dict[str, str | None] = {}
        self._cues: dict[tuple[str, str], Cue] = {}
        self._triggers: dict[tuple[str, str], dict[str, Trigger]] = {}
        self._intensity: dict[tuple[str, str], float] = {}
        self._persons: dict[str, Person] = {}
        self._governors: dict[str, set[str]] = {}
        self.by_iso3: dict[str, Country] = {}
        self.max_org_words = 1
        self.max_title_words = 1

    # -- loading -------------------------------------------------------------------
    @classmethod
    def default(cls, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
        kb = cls()
        data = resources.files("detente.kb") / "data"
        for file, table in _SHIPPED_FILES:
            text = (data / f"{file}.tsv").read_text(encoding="utf-8")
            kb.add_table(table, _rows(text.splitlines(), f"{file}.tsv"), f"{file}.tsv")
        for path in extra:
            kb.load_file(path)
        return kb

    def load_file(self, path: str | Path) -> None:
        """Add the entries of a user's YAML or TSV file."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"{path}: cannot read knowledge-base file ({exc})") from None
        if file.suffix.lower() in (".yaml", ".yml"):
            try:
                data = yaml.safe_load(text) or {}
            except yaml.YAMLError as exc:
                raise KnowledgeBaseError(f"{path}: not valid YAML ({exc})") from None
            if not isinstance(data, dict):
                raise KnowledgeBaseError(f"{path}: expected a mapping of table names to lists")
            for table, rows in data.items():
                if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                    raise KnowledgeBaseError(f"{path}: {table!r} must be a list of mappings")
                self.add_table(table, (_yaml_row(r) for r in rows), str(path))
            return
        rows = list(_rows(text.splitlines(), str(path)))
        header = set(rows[0]) if rows else set()
        table = next((t for t, cols in _TABLE_COLUMNS.items() if header and header >= cols), None)
        if table is None:
            raise KnowledgeBaseError(
                f"{path}: the header does not name a known table; use the columns of one of "
                + "; ".join(f"{t}: {' '.join(sorted(c))}" for t, c in _TABLE_COLUMNS.items())
            )
        self.add_table(table, rows, str(path))

    def add_table(self, table: str, rows: Iterable[dict[str, str]], source: str) -> None:
        adders = {
            "countries": self._add_country,
            "organizations": self._add_org,
            "titles": self._add_title,
            "org_words": self._add_org_word,
            "group_nouns": self._add_group_noun,
            "cues": self._add_cue,
            "triggers": self._add_trigger,
            "intensity": self._add_intensity,
            "persons": self._add_person,
            "governors": self._add_governor,
        }
        if table not in adders:
            raise KnowledgeBaseError(
                f"{source}: unknown table {table!r}; use one of {', '.join(adders)}"
            )
        for row in rows:
            missing = _TABLE_COLUMNS[table] - set(row)
            if missing:
                raise KnowledgeBaseError(f"{source}: {table} entry lacks {', '.join(missing)}")
            adders[table](row, source)

    def _add_country(self, row: dict[str, str], source: str) -> None:
        iso3 = row["iso3"].upper()
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise KnowledgeBaseError(f"{source}: {iso3!r} is not a three-letter code")
        country = Country(
            iso3=iso3,
            name=row["name"],
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
            capitals=_split(row.get("capitals")),
        )
        self.by_iso3[iso3] = country
        for name in (country.name, *country.aliases):
            self._countries[key(name)] = country
        for name in country.demonyms:
            self._demonyms[key(name)] = country
        for name in country.capitals:
            self._capitals[key(name)] = country

    def _add_org(self, row: dict[str, str], source: str) -> None:
        org = Organization(
            name=row["name"],
            aliases=_split(row.get("aliases")),
            country=row.get("country") or None,
            sector=_check_sector(row.get("sector"), source),
            kind=row.get("kind") or "organization",
        )
        for name in (org.name, *org.aliases):
            self._orgs[key(name)] = org
            self.max_org_words = max(self.max_org_words, len(key(name).split()))

    def _add_title(self, row: dict[str, str], source: str) -> None:
        title = Title(
            title=row["title"],
            sector=_check_sector(row.get("sector"), source),
            country=row.get("country") or None,
        )
        self._titles[key(title.title)] = title
        self.max_title_words = max(self.max_title_words, len(key(title.title).split()))

    def _add_org_word(self, row: dict[str, str], source: str) -> None:
        sector = _check_sector(row.get("sector"), source) or ""
        national = row.get("national", "").lower() in ("yes", "true", "1")
        self._org_words[key(row["word"])] = OrgWord(row["word"], sector, national)

    def _add_group_noun(self, row: dict[str, str], source: str) -> None:
        self._group_nouns[key(row["noun"])] = _check_sector(row.get("sector"), source)

    def _add_cue(self, row: dict[str, str], source: str) -> None:
        pos = row["pos"].lower()
        if pos not in ("verb", "noun", "phrase"):
            raise KnowledgeBaseError(f"{source}: cue pos {pos!r} must be verb, noun or phrase")
        cue = Cue(key(row["cue"]), pos, row.get("kind") or "speech")
        self._cues[(cue.cue, pos)] = cue

    def _add_trigger(self, row: dict[str, str], source: str) -> None:
        where = f"{source}: trigger {row.get('id') or row['lemma']!r}"
        event_type = row["type"].upper()
        if event_type not in EVENT_TYPES:
            raise KnowledgeBaseError(f"{where}: unknown event type {row['type']!r}")
        mode = row.get("mode") or None
        if mode is not None and mode not in EVENT_TYPES[event_type]:
            raise KnowledgeBaseError(f"{where}: {mode!r} is not a mode of {event_type}")
        pos = row["pos"].upper()
        if pos not in ("VERB", "NOUN", "ADJ"):
            raise KnowledgeBaseError(f"{where}: pos {row['pos']!r} must be VERB, NOUN or ADJ")
        obj = row.get("object") or ("target" if pos == "VERB" else "")
        if obj not in ("target", "theme", ""):
            raise KnowledgeBaseError(f"{where}: object {obj!r} must be target or theme")
        flags = frozenset(_split(row.get("flags")))
        if flags - TRIGGER_FLAGS:
            raise KnowledgeBaseError(
                f"{where}: unknown flags {', '.join(sorted(flags - TRIGGER_FLAGS))}"
            )
        lemma = key(row["lemma"])
        trigger = Trigger(
            id=row.get("id") or f"{event_type.lower()}.{lemma}",
            lemma=lemma,
            pos=pos,
            type=event_type,
            mode=mode,
            requires=tuple(key(r) for r in _split(row.get("requires"))),
            object=obj,
            preps=tuple(key(p) for p in _split(row.get("preps"))),
            flags=flags,
        )
        self._triggers.setdefault((lemma, pos), {})[trigger.id] = trigger

    def _add_person(self, row: dict[str, str], source: str) -> None:
        country = row["country"].upper()
        if not re.fullmatch(r"[A-Z]{3}", country):
            raise KnowledgeBaseError(f"{source}: person {row['name']!r}: bad country {country!r}")
        person = Person(
            name=row["name"],
            aliases=_split(row.get("aliases")),
            country=country,
            sector=_check_sector(row.get("sector"), source),
            role=row.get("role") or "",
        )
        for name in (person.name, *person.aliases):
            self._persons[key(name)] = person

    def _add_governor(self, row: dict[str, str], source: str) -> None:
        word_class = row["class"].strip().lower()
        if word_class not in GOVERNOR_CLASSES:
            raise KnowledgeBaseError(
                f"{source}: unknown word class {row['class']!r}; use one of "
                + ", ".join(GOVERNOR_CLASSES)
            )
        self._governors.setdefault(word_class, set()).add(row["word"].strip().lower())

    def _add_intensity(self, row: dict[str, str], source: str) -> None:
        event_type = row["type"].upper()
        if event_type not in EVENT_TYPES:
            raise KnowledgeBaseError(f"{source}: unknown event type {row['type']!r}")
        try:
            value = float(row["intensity"])
        except ValueError:
            raise KnowledgeBaseError(
                f"{source}: intensity {row['intensity']!r} of {event_type} is not a number"
            ) from None
        if not -10 <= value <= 10:
            raise KnowledgeBaseError(f"{source}: intensity {value} is outside -10..10")
        self._intensity[(event_type, row.get("mode") or "")] = value

    # -- look-ups --------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """A country by its name, another name or abbreviation ("China", "U.S.", "PRC")."""
        return self._countries.get(key(text))

    def demonym(self, text: str) -> Country | None:
        """A country by its nationality word ("Chinese", "Americans")."""
        return self._demonyms.get(key(text))

    def nationality(self, text: str) -> Country | None:
        """A country named by a word that can modify a title: demonym or abbreviation."""
        found = self._demonyms.get(key(text))
        if found is None and (text.isupper() or "." in text) and len(text) <= 6:
            found = self._countries.get(key(text))
        return found

    def capital(self, text: str) -> Country | None:
        return self._capitals.get(key(text))

    def country_codes(self) -> frozenset[str]:
        """Every country code an actor can be given: the countries', and those that
        organisations, titles and persons name beyond them (``IGO``, ``ESH``)."""
        named = (e.country for e in [*self._orgs.values(), *self._titles.values()])
        people = (p.country for p in self._persons.values())
        return frozenset(self.by_iso3) | {c.upper() for c in (*named, *people) if c}

    def organization(self, text: str) -> Organization | None:
        return self._orgs.get(key(text))

    def title(self, text: str) -> Title | None:
        return self._titles.get(key(text))

    def cue(self, lemma: str, pos: str) -> Cue | None:
        """A cue of saying by lemma and part of speech ("verb", "noun" or "phrase")."""
        return self._cues.get((key(lemma), pos))

    def cue_phrases(self) -> list[Cue]:
        return [c for (_, pos), c in self._cues.items() if pos == "phrase"]

    def triggers(self, lemma: str, pos: str) -> list[Trigger]:
        """The event triggers of a word, the most specific (with ``requires``) first."""
        found = self._triggers.get((key(lemma), pos))
        if not found:
            return []
        return sorted(found.values(), key=lambda t: (not t.requires, t.id))

    @property
    def trigger_count(self) -> int:
        return sum(len(entries) for entries in self._triggers.values())

    def intensity(self, event_type: str, mode: str | None) -> float:
        """The PLOVER intensity of a type and mode (``plover.tsv``, or a user's
        ``intensity`` entry, which wins); the type's base value for a mode without one."""
        found = self._intensity.get((event_type, mode or ""))
        if found is not None:
            return found
        known = PLOVER.get(event_type)
        if known is not None and mode and known.modes.get(mode) is not None:
            return known.mode_intensity(mode)
        found = self._intensity.get((event_type, ""))
        if found is not None:
            return found
        return known.intensity if known is not None else 0.0

    def person(self, text: str) -> Person | None:
        """A well-known public figure by full name or a distinctive alias, also when the
        text adds a middle initial ("Antony J. Blinken") or a "Jr." or "Sr." """
        found = self._persons.get(key(text))  # "Ferdinand Marcos Jr.", not his father
        if found is not None:
            return found
        text = _GENERATION.sub("", text)  # "Joseph R. Biden, Jr."
        found = self._persons.get(key(text))
        if found is None and _INITIAL.search(text):
            found = self._persons.get(key(_INITIAL.sub(" ", text)))
        return found

    def governors(self, word_class: str) -> frozenset[str]:
        """The words of one class of ``governors.tsv`` ("light", "planned", ...), lower
        case; read once by each stage when it is built."""
        if word_class not in GOVERNOR_CLASSES:
            raise KeyError(word_class)
        return frozenset(self._governors.get(word_class, ()))

    def org_word(self, word: str) -> OrgWord | None:
        return self._org_words.get(key(word))

    def group_noun(self, word: str) -> tuple[bool, str | None]:
        """Whether a plural noun names a group of people, and the sector it implies."""
        k = key(word)
        return (k in self._group_nouns, self._group_nouns.get(k))


_SHIPPED_FILES = (
    ("countries", "countries"),
    ("organizations", "organizations"),
    ("titles", "titles"),
    ("org_words", "org_words"),
    ("group_nouns", "group_nouns"),
    ("cues", "cues"),
    ("triggers", "triggers"),
    # historical office holders first: where both name a person, persons.tsv wins
    ("officeholders", "persons"),
    ("persons", "persons"),
    ("governors", "governors"),
)
"""The shipped data files and the table each fills, in loading order."""

_TABLE_COLUMNS: dict[str, set[str]] = {
    "countries": {"iso3", "name"},
    "organizations": {"name", "country", "sector", "kind"},
    "titles": {"title", "sector"},
    "org_words": {"word", "sector"},
    "group_nouns": {"noun", "sector"},
    "cues": {"cue", "pos", "kind"},
    "triggers": {"lemma", "pos", "type"},
    "intensity": {"type", "intensity"},
    "persons": {"name", "country", "sector", "role"},
    "governors": {"word", "class"},
}


def _yaml_row(row: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for field_name, value in row.items():
        if isinstance(value, list):
            out[str(field_name)] = "|".join(str(v) for v in value)
        elif isinstance(value, bool):
            out[str(field_name)] = "yes" if value else "no"
        else:
            out[str(field_name)] = "" if value is None else str(value)
    for column in ("country", "sector", "kind"):
        out.setdefault(column, "")
    return out
