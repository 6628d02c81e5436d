"""detente's exception tree and its catalogue of coded messages.

Every error a user can meet has a code (``D0xx``) and says what to do about it. Errors
from lower layers (spaCy, trafilatura, the file system) are translated into these at
the boundary where they happen, so callers catch ``DetenteError`` only.

An error class either takes its message whole (the input errors, whose messages name
the file and the cause in many ways) or builds it from its ``template`` with the fields
given: ``NoDatabase(path="news.db")``. ``CATALOGUE`` lists every code with its class
and template; ``docs/errors.md`` is checked against it.
"""

from __future__ import annotations

from typing import Any


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""

    code = "D000"
    template = "{message}"

    def __init__(self, message: str | None = None, **fields: Any) -> None:
        if message is None:
            message = self.template.format(**fields)
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(DetenteError):
    """An input that cannot be turned into an article."""

    code = "D010"


class MissingInput(InputError):
    code = "D011"


class NotAFile(InputError):
    code = "D012"


class EmptyInput(InputError):
    code = "D013"


class BinaryInput(InputError):
    code = "D014"


class TooLarge(InputError):
    code = "D015"


class UndecodableInput(InputError):
    code = "D016"


class NoArticleText(InputError):
    code = "D017"


class NotEnglish(InputError):
    code = "D018"


class ModelNotFound(DetenteError):
    code = "D020"


class KnowledgeBaseError(DetenteError):
    code = "D030"


class GoldError(DetenteError):
    code = "D040"


class StoreError(DetenteError):
    """The database, or a file written from it, cannot be used: it cannot be opened, is
    not detente's or is from a newer version, or the disk or another process stands in
    the way. SQLite's and the file system's errors are translated into the subclasses
    where the store and the export writer meet them."""

    code = "D050"


class NoDatabase(StoreError):
    code = "D051"
    template = "{path}: no database here; run detente ingest first"


class NotWritable(StoreError):
    """The database, its folder or an export file may not be written by this user, or
    the file system is mounted read-only."""

    code = "D052"
    template = "{path}: cannot be written: {cause}"


class DiskFull(StoreError):
    code = "D053"
    template = "{path}: the disk is full; free some space and run the command again"


class DatabaseBusy(StoreError):
    """Another process held the database's write lock for longer than the store waits."""

    code = "D054"
    template = (
        "{path}: another process is writing to the database (waited {seconds:g} s); "
        "run the command again when it has finished"
    )


class DatabaseGone(StoreError):
    """The database file was deleted or replaced while a run wrote to it."""

    code = "D055"
    template = (
        "{path}: the database was deleted or replaced while in use; run the command again "
        "to store the articles anew"
    )


class DatabaseDamaged(StoreError):
    """The database file was truncated while in use, or SQLite finds it malformed."""

    code = "D056"
    template = "{path}: {problem}; restore it from a copy, or move it away and ingest again"


class ConfigError(DetenteError):
    """A settings file or environment variable detente cannot use."""

    code = "D060"
    template = "{where}: {problem}"


class UsageError(DetenteError):
    """A command-line option or argument given a value it cannot take."""

    code = "D070"
    template = "{option}: {problem}"


class InvalidArgument(DetenteError, ValueError):
    """A function of the Python API called with a value it does not take."""

    code = "D071"
    template = "{name} must be {allowed}, not {value!r}"


class InvalidDate(InvalidArgument):
    """A date that is not a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD."""

    code = "D072"
    template = "{name}: {value!r} is not a date: {problem}"


class UnknownCountry(InvalidArgument):
    """A country code neither the knowledge base nor the store knows."""

    code = "D073"
    template = "{name}: {value!r} is not a country code; {hint}"


class InvalidDyad(InvalidArgument):
    """A dyad that is not two country codes joined by a hyphen."""

    code = "D074"
    template = "{name}: {value!r} is not two country codes; write AAA-BBB, e.g. USA-CHN"


class InvalidCursor(InvalidArgument):
    """A cursor that no page of the list it is given to returned."""

    code = "D076"
    template = (
        "{name}: {value!r} is not a cursor of this list; pass the next cursor that a page "
        "of the same list gave"
    )


class InvalidType(DetenteError, TypeError):
    """A function of the Python API called with a value of a type it does not take."""

    code = "D075"
    template = "{name} must be {allowed}, not {kind}"


class ChartError(DetenteError):
    code = "D080"
    template = "{path}: {problem}"


class DaskError(DetenteError):
    """The Dask cluster cannot be used: missing extra, unreachable scheduler, bad address."""

    code = "D090"
    template = "--dask {address}: {problem}"


def _classes(base: type[DetenteError] = DetenteError) -> list[type[DetenteError]]:
    found = [base]
    for sub in base.__subclasses__():
        found.extend(c for c in _classes(sub) if c not in found)
    return found


def coded(code: str, message: str) -> DetenteError:
    """The error whose code is ``code``, with ``message`` whole: an error carried as data
    (a batch's ``Failure``) raised again as itself."""
    by_code = {cls.code: cls for cls in _classes()}
    return by_code.get(code, DetenteError)(message)


CATALOGUE: dict[str, tuple[str, str]] = {
    cls.code: (cls.__name__, cls.template) for cls in sorted(_classes(), key=lambda c: c.code)
}
"""Every error code: the class that raises it and its message template."""
