"""Ingest through feeds and web archives, broken ones among them (the readers
themselves are tested in test_sources.py). Every article here is invented."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.ingest import ingest
from detente.pipeline import Analyzer
from detente.store import Store

STORY = (
    "Kenyan Trade Minister Amina Wekesa met Ugandan officials in Kampala on Tuesday to "
    "discuss a new customs agreement. Kenya promised Uganda faster border checks, and "
    "both governments agreed to meet again in March."
)
OTHER = (
    "Norwegian Foreign Minister Tomas Berg criticised Sweden on Friday over new fishing "
    "quotas in the Skagerrak. Sweden rejected the criticism and said the quotas were fair."
)
PAGE = (
    "<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>"
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Lakes Courier</title><link>https://courier.example/</link>
<item><title>Customs talks in Kampala</title><link>https://courier.example/a</link>
<pubDate>Tue, 07 Mar 2023 09:00:00 GMT</pubDate><dc:creator>Ruth Njeri</dc:creator>
<content:encoded><![CDATA[<p>{STORY}</p>]]></content:encoded></item>
<item><title>Fishing row</title><link>https://courier.example/b</link>
<pubDate>Fri, 10 Mar 2023 09:00:00 GMT</pubDate>
<description>{OTHER}</description></item>
<item><title>Nothing here</title><link>https://courier.example/c</link></item>
</channel></rss>"""


def _warc(path: Path, gzipped: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)

        def response(uri: str, status: str, kind: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)

        page = PAGE.format(title="Customs talks", text=STORY).encode()
        response("https://courier.example/a", "200 OK", "text/html; charset=utf-8", page)
        response("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://courier.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
        latin = PAGE.format(title="Fiskeri", text=OTHER + " Bodø.").encode("latin-1")
        response("https://wire.example/b", "200 OK", "text/html; charset=ISO-8859-1", latin)
        asked = b"GET /a HTTP/1.1\r\n\r\n"
        request = writer.create_warc_record(
            "https://courier.example/a", "request", payload=io.BytesIO(asked), length=len(asked)
        )
        writer.write_record(request)


def test_ingest_reads_feeds_and_archives_and_goes_on_past_broken_ones(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.rss").write_text(RSS, encoding="utf-8")
    _warc(folder / "crawl.warc.gz", gzipped=True)
    (folder / "broken.rss").write_text("<rss><channel><item>", encoding="utf-8")
    (folder / "garbage.warc").write_bytes(b"not a warc\n" * 10)
    (folder / "lines.jsonl").write_text(json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    with Store(tmp_path / "d.db", create=True) as store:
        summary = ingest([str(folder)], store, analyzer)
        assert summary.stored == 3  # the story twice (feed, archive, lines) is stored once
        assert summary.already == 2
        sources = {source for source, _ in summary.failed}
        assert {str(folder / "broken.rss"), str(folder / "garbage.warc")} <= sources
        assert f"{folder / 'news.rss'}#3" in sources
        titles = {a["title"] for a in store.articles()}
        assert "Fishing row" in titles
