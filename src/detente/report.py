"""The readable terminal report of ``detente analyze --format table``."""

from __future__ import annotations

from detente.model import Article


def _cell(value: object, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(cells: list[tuple[object, int]]) -> str:
    return "  ".join(_cell(v, w).ljust(w) for v, w in cells).rstrip()


def render_table(article: Article) -> str:
    lines = []
    heading = article.path or article.title or "<text>"
    meta = [f"id {article.id}"]
    if article.published:
        meta.append(f"published {article.published}")
    if article.title and article.path:
        meta.append(f"title {article.title!r}")
    lines.append(f"{heading}  ({', '.join(meta)})")
    if article.authors:
        lines.append(f"authors: {', '.join(article.authors)}")
    lines.append("")
    lines.append(f"ACTORS ({len(article.actors)})")
    if article.actors:
        lines.append(
            "  "
            + _row(
                [
                    ("id", 4),
                    ("type", 12),
                    ("name", 28),
                    ("country", 7),
                    ("sector", 6),
                    ("role / affiliation", 44),
                    ("mentions", 8),
                ]
            )
        )
    for actor in article.actors:
        described = "; ".join(x for x in (actor.role, actor.affiliation) if x)
        lines.append(
            "  "
            + _row(
                [
                    (actor.id, 4),
                    (actor.type, 12),
                    (actor.name, 28),
                    (actor.country or "-", 7),
                    (actor.sector or "-", 6),
                    (described or "-", 44),
                    (len(actor.mentions), 8),
                ]
            )
        )
    lines.append("")
    lines.append(f"QUOTES ({len(article.quotes)})")
    for quote in article.quotes:
        speaker = article.actor(quote.speaker)
        who = speaker.name if speaker else (quote.speaker_text or "(unknown)")
        lines.append(
            f"  {quote.id:<4} {quote.kind:<8} {_cell(who, 24):<24} “{_cell(quote.text, 80)}”"
        )
    if not article.quotes:
        lines.append("  (none)")
    lines.append("")
    lines.append(f"EVENTS ({len(article.events)})")
    for event in article.events:
        dyad = f"{event.source_country or '?'}→{event.target_country or '?'}"
        lines.append(
            f"  {event.id:<4} {event.type:<10} {event.status:<12} {dyad:<9} {event.date or '':<10} "
            f"{_cell(event.evidence.text, 70)}"
        )
    if not article.events:
        lines.append("  (none)")
    return "\n".join(lines)


def table(rows: list[dict[str, object]], columns: list[str], width: int = 60) -> str:
    """Rows as a plain table of the given columns; long cells are cut with an ellipsis."""
    if not rows:
        return "(none)"
    widths = {
        c: min(width, max(len(c), *(len(_cell(r.get(c), width)) for r in rows))) for c in columns
    }
    lines = [_row([(c, widths[c]) for c in columns])]
    lines += [
        _row([(r.get(c) if r.get(c) is not None else "-", widths[c]) for c in columns])
        for r in rows
    ]
    return "\n".join(lines)
