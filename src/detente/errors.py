"""detente's exception tree and its catalogue of coded messages.

Every error a user can meet has a code (``D0xx``) and says what to do about it. Errors
from lower layers (spaCy, trafilatura, the file system) are translated into these at
the boundary where they happen, so callers catch ``DetenteError`` only.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""

    code = "D000"

    def __init__(self, message: str) -> None:
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
    """The database cannot be opened, is not detente's, or is from a newer version."""

    code = "D050"
