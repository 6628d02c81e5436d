"""detente: international news in, trustworthy event data out.

>>> import detente
>>> article = detente.analyze("Chinese President Xi Jinping met ...", published="2023-06-19")
>>> article                             # <Article 1f0c... 'Title' 2023-06-19: 5 actors, ...>
>>> record = article.to_dict()          # the detente/article@1 record
>>> detente.analyze_file("a.html")      # a file, read as `detente analyze a.html` reads it

In a notebook an ``Article`` shows as its text with the actors, quotes and events
highlighted, as the dashboard's article page does. ``__all__`` is the public surface.
"""

from detente.errors import DetenteError
from detente.inputs import ArticleSource as _ArticleSource
from detente.inputs import FilePath as _FilePath
from detente.inputs import article_source as _article_source
from detente.inputs import read_article as _read_article
from detente.model import Actor, Article, Coding, Event, Quote, Span
from detente.pipeline import DEFAULT_MODEL, Analyzer
from detente.pipeline import shared_analyzer as _shared_analyzer
from detente.textio import RawArticle

__all__ = [
    "DEFAULT_MODEL",
    "Actor",
    "Analyzer",
    "Article",
    "Coding",
    "DetenteError",
    "Event",
    "Quote",
    "RawArticle",
    "Span",
    "analyze",
    "analyze_file",
]
__version__ = "0.1.0"


def analyze(
    text: _ArticleSource,
    *,
    published: str | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    kb_files: tuple[str, ...] = (),
) -> Article:
    """Analyse one article. The model loads on first use and is kept for reuse.

    ``text`` is one of:

    - ``str``: the article's text, always. A one-line string that is a file's name (it
      names an existing file, or ends in ``.txt``, ``.html``, ``.json``, ``.rss``... with
      no space in it or a folder in front) is refused with ``InvalidArgument`` (D071,
      a ``ValueError``) pointing to ``analyze_file``, rather than analysed as text and
      silently yielding nothing: detente does not guess which one was meant.
    - ``bytes``: a file's content, read as a file is (UTF-8, UTF-16 with its byte-order
      mark, else the detected encoding with a warning; an HTML page's article extracted;
      empty and binary content refused with their coded errors).
    - an ``os.PathLike`` such as ``pathlib.Path``: a file, as ``analyze_file`` reads it.
    - a ``RawArticle``: text and metadata already read.

    Any other type raises ``InvalidType`` (D075, a ``TypeError``) naming these.
    ``published`` and ``title`` override what the input says.
    """
    raw = _article_source(text)
    return _shared_analyzer(model, tuple(kb_files)).analyze(raw, published=published, title=title)


def analyze_file(
    path: _FilePath,
    *,
    published: str | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    kb_files: tuple[str, ...] = (),
) -> Article:
    """Analyse the article in a file (``str`` or ``os.PathLike``), read as
    ``detente analyze FILE`` reads it: plain text decoded, an HTML page's article text and
    metadata extracted. A missing, empty, binary or too large file raises its coded
    ``InputError``; a record file, feed or web archive (which holds many articles) is
    refused; anything but a path raises ``InvalidType`` (D075, a ``TypeError``)."""
    raw = _read_article(path)
    return _shared_analyzer(model, tuple(kb_files)).analyze(raw, published=published, title=title)


def __dir__() -> list[str]:
    """The public names and the module's own dunders: no helpers, no submodules."""
    return sorted([*__all__, *(name for name in globals() if name.startswith("__"))])
