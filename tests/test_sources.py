"""Feed and web-archive readers on small fixtures built here: whole, broken and damaged.
Every article here is invented."""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.inputs import _record
from detente.sources import is_feed, is_warc, read_feed, read_warc
from detente.textio import Failure

MAX = 1_000_000

MEETING = (
    "Trade ministers from Norland and Sudmark met in the harbour town of Vessa on Tuesday "
    "to settle a long quarrel over grain tariffs. Both delegations agreed to cut the duty "
    "on barley by half and to meet again in the autumn."
)
FERRY = (
    "The Vessa ferry company said on Wednesday that it would add two crossings a week "
    "after the tariff deal. Officials in Sudmark welcomed the plan and promised faster "
    "customs checks at the port."
)
CUSTOMS = (
    "Customs officers in Norland began training on the new rules this week, the ministry "
    "said. The first shipments of barley under the lower duty are expected to leave Vessa "
    "before the end of the month."
)
ACCORD = (
    "Ministers from Ærø and Sudmark signed a fishing accord in Vessa on Friday. The accord "
    "keeps the old quotas for cod and herring, and both sides said the talks had been calm "
    "and friendly."
)


def page(title: str, text: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p></article></body></html>"
    )


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Vessa Gazette</title><link>https://gazette.example/</link>
<item><title>Grain deal in Vessa</title><link>https://gazette.example/grain-deal</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate><dc:creator>Mira Holm</dc:creator>
<description>A short teaser.</description>
<content:encoded><![CDATA[<p>{MEETING}</p>]]></content:encoded></item>
<item><title>More ferries</title><link>http://gazette.example/ferries</link>
<pubDate>Wed, 06 Mar 2024 18:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{FERRY}</p><p>{CUSTOMS}</p>]]></content:encoded></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Northern Trade Wire</title>
<id>urn:example:wire</id><updated>2024-03-08T12:00:00Z</updated>
<entry><title>Grain deal</title><id>urn:example:1</id>
<link href="https://wire.example/grain"/>
<published>2024-03-05T10:00:00Z</published><updated>2024-03-07T10:00:00Z</updated>
<author><name>Mira Holm</name></author><author><name>Jon Ask</name></author>
<content type="html">&lt;p&gt;{MEETING}&lt;/p&gt;</content></entry>
<entry><title>Ferries</title><id>urn:example:2</id><updated>2024-03-06T10:00:00Z</updated>
<content type="text">{FERRY}</content></entry>
<entry><title>Nothing yet</title><id>urn:example:3</id></entry>
</feed>"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rss(items: str, title: str = "The Vessa Gazette") -> str:
    return f'<rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def test_is_warc() -> None:
    assert is_warc(Path("crawl.warc")) and is_warc(Path("x/CRAWL.WARC.GZ"))
    assert not is_warc(Path("crawl.gz")) and not is_warc(Path("warc.txt"))


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("news.rss", b"anything", True),
        ("news.atom", b"", True),
        ("news.xml", b'<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0">', True),
        (
            "news.XML",
            b'\xef\xbb\xbf<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed>',
            True,
        ),
        ("news.xml", b'<feed xmlns="http://www.w3.org/2005/Atom">', True),
        ("news.xml", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
        ("news.xml", '<?xml version="1.0"?><rss>'.encode("utf-16"), True),
        ("news.xml", b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd"><rss>', True),
        ("data.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", False),
        ("data.xml", b"<rssfeed/>", False),
        ("page.xml", b"<html><body>rss</body></html>", False),
        ("news.gz", b"<rss>", False),
        ("news.txt", b"<rss>", False),
    ],
)
def test_is_feed(name: str, head: bytes, expected: bool) -> None:
    assert is_feed(Path(name), head) is expected


def test_rss_entries_become_records(tmp_path: Path) -> None:
    feed = write(tmp_path / "gazette.rss", RSS)
    assert list(read_feed(feed, MAX)) == [
        {
            "path": f"{feed}#1",
            "html": f"<p>{MEETING}</p>",
            "title": "Grain deal in Vessa",
            "published": "2024-03-05",
            "url": "https://gazette.example/grain-deal",
            "outlet": "The Vessa Gazette",
            "authors": ["Mira Holm"],
        },
        {
            "path": f"{feed}#2",
            "html": f"<p>{FERRY}</p><p>{CUSTOMS}</p>",
            "title": "More ferries",
            "published": "2024-03-06",
            "url": "http://gazette.example/ferries",
            "outlet": "The Vessa Gazette",
        },
    ]


def test_atom_entries_become_records(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.atom", ATOM)
    assert list(read_feed(feed, MAX)) == [
        {
            "path": f"{feed}#1",
            "html": f"<p>{MEETING}</p>",
            "title": "Grain deal",
            "published": "2024-03-05",
            "url": "https://wire.example/grain",
            "outlet": "Northern Trade Wire",
            "authors": ["Mira Holm", "Jon Ask"],
        },
        {
            "path": f"{feed}#2",
            "text": FERRY,
            "title": "Ferries",
            "published": "2024-03-06",
            "outlet": "Northern Trade Wire",
        },
        Failure(f"{feed}#3", "the feed entry has no text"),
    ]


def test_an_entry_linking_a_local_page_takes_the_page(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    write(tmp_path / "pages" / "grain deal.html", page("Grain deal", MEETING))
    ferry = write(tmp_path / "ferry.htm", page("Ferries", FERRY))
    (tmp_path / "pages" / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 9)
    items = (
        "<item><title>Grain</title><link>pages/grain%20deal.html</link>"
        "<description>A teaser.</description></item>"
        f"<item><title>Ferries</title><link>{ferry.as_uri()}</link></item>"
        "<item><title>Customs</title><link>pages/missing.html</link>"
        f"<description>{CUSTOMS}</description></item>"
        "<item><title>Logo</title><link>pages/logo.html</link></item>"
        f"<item><title>Long</title><link>{'x' * 5000}.html</link>"
        f"<description>{FERRY}</description></item>"
    )
    feed = write(tmp_path / "local.xml", '<?xml version="1.0"?>\n' + rss(items))
    assert is_feed(feed, feed.read_bytes()[:2048])
    assert list(read_feed(feed, MAX)) == [
        {
            "path": f"{feed}#1",
            "html": page("Grain deal", MEETING),
            "title": "Grain",
            "outlet": "The Vessa Gazette",
        },
        {
            "path": f"{feed}#2",
            "html": page("Ferries", FERRY),
            "title": "Ferries",
            "outlet": "The Vessa Gazette",
        },
        {
            "path": f"{feed}#3",
            "html": CUSTOMS,
            "title": "Customs",
            "outlet": "The Vessa Gazette",
        },
        Failure(
            f"{feed}#4",
            f"{tmp_path / 'pages' / 'logo.html'}: this looks like a binary file, not text or HTML",
            "D014",
        ),
        {"path": f"{feed}#5", "html": FERRY, "title": "Long", "outlet": "The Vessa Gazette"},
    ]


@pytest.mark.parametrize(
    "link",
    [
        "http://[gazette.example/grain",  # an IPv6 host never closed
        "//[::1/grain.html",
        "file://[/grain.html",
        "https://gazette.example]/grain",
    ],
)
def test_an_entry_whose_link_is_no_url_is_read_from_its_content(tmp_path: Path, link: str) -> None:
    items = (
        f"<item><title>Grain</title><link>{link}</link><description>{MEETING}</description></item>"
    )
    feed = write(tmp_path / "gazette.rss", rss(items))
    assert list(read_feed(feed, MAX)) == [
        {"path": f"{feed}#1", "html": MEETING, "title": "Grain", "outlet": "The Vessa Gazette"}
    ]


def test_broken_xml_keeps_the_entries_read_before_the_break(tmp_path: Path) -> None:
    items = (
        f"\n<item><title>Grain deal</title><description>{MEETING}</description></item>"
        "\n<item><title>Cut</b>\n"
    )
    feed = write(tmp_path / "broken.rss", rss(items))
    assert list(read_feed(feed, MAX)) == [
        {
            "path": f"{feed}#1",
            "html": MEETING,
            "title": "Grain deal",
            "outlet": "The Vessa Gazette",
        },
        Failure(f"{feed}#2", "the feed entry has no text"),
        Failure(
            str(feed),
            "the feed's XML is broken (mismatched tag at line 3, column 18); "
            "read the 2 entries before the break",
        ),
    ]


def test_feeds_that_cannot_be_read_fail_once(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.rss", '<rss version="2.0"><channel>\n<title>x</chanel>')
    not_feed = write(tmp_path / "catalog.rss", "<?xml version='1.0'?><catalog><book/></catalog>")
    empty = write(tmp_path / "empty.atom", " \n")
    assert list(read_feed(broken, MAX)) == [
        Failure(str(broken), "not a readable RSS/Atom feed (mismatched tag at line 2, column 10)")
    ]
    assert list(read_feed(not_feed, MAX)) == [
        Failure(str(not_feed), "not a readable RSS/Atom feed (no RSS or Atom element)")
    ]
    assert list(read_feed(empty, MAX)) == [
        Failure(str(empty), "not a readable RSS/Atom feed (the file is empty)")
    ]
    assert list(read_feed(tmp_path / "gone.rss", MAX)) == [
        Failure(str(tmp_path / "gone.rss"), "cannot be read (No such file or directory)")
    ]
    large = write(tmp_path / "large.rss", RSS)
    assert list(read_feed(large, 10)) == [Failure(str(large), "feed file over 500 bytes")]


def test_a_feed_with_no_entries_gives_nothing(tmp_path: Path) -> None:
    assert list(read_feed(write(tmp_path / "quiet.rss", rss("")), MAX)) == []


def response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra: tuple[tuple[str, str], ...] = (),
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": "2024-03-05T09:30:00Z"}
    writer.write_record(
        writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
    )


def write_warc(path: Path, gzipped: bool, fill: Callable[[WARCWriter], None]) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        fill(writer)
    return path


def crawl(writer: WARCWriter) -> None:
    """Records 2 to 11: a request, the pages and what is not a page."""
    asked = b"GET /grain HTTP/1.1\r\nHost: gazette.example\r\n\r\n"
    writer.write_record(
        writer.create_warc_record(
            "https://gazette.example/grain", "request", payload=io.BytesIO(asked), length=len(asked)
        )
    )
    response(writer, "https://gazette.example/grain", page("Grain deal", MEETING).encode())
    response(writer, "https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
    response(writer, "https://gazette.example/old", b"<p>gone</p>", status="404 Not Found")
    latin = page("Fishing accord", ACCORD).encode("latin-1")
    response(writer, "https://wire.example/accord", latin, "text/html; charset=ISO-8859-1")
    xhtml = page("Ferries", FERRY).encode()
    response(writer, "https://wire.example/ferries", xhtml, "application/xhtml+xml")
    response(writer, "https://wire.example/blank", b" \r\n")
    response(writer, "https://wire.example/huge", b"<p>" + b"barley " * 400 + b"</p>")
    packed = gzip.compress(page("Customs", CUSTOMS).encode())
    response(writer, "https://wire.example/customs", packed, extra=(("Content-Encoding", "gzip"),))
    response(writer, "https://wire.example/moved", b"", "text/html", "301 Moved Permanently")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_records(tmp_path: Path, name: str) -> None:
    warc = write_warc(tmp_path / name, name.endswith(".gz"), crawl)
    assert list(read_warc(warc, 2000)) == [
        {
            "path": f"{warc}#3",
            "url": "https://gazette.example/grain",
            "crawled": "2024-03-05",
            "html": page("Grain deal", MEETING),
        },
        {
            "path": f"{warc}#6",
            "url": "https://wire.example/accord",
            "crawled": "2024-03-05",
            "html": page("Fishing accord", ACCORD),
        },
        {
            "path": f"{warc}#7",
            "url": "https://wire.example/ferries",
            "crawled": "2024-03-05",
            "html": page("Ferries", FERRY),
        },
        Failure(f"{warc}#8", "the HTML response is empty"),
        Failure(f"{warc}#9", "the page is more than the limit of 2,000 bytes"),
        {
            "path": f"{warc}#10",
            "url": "https://wire.example/customs",
            "crawled": "2024-03-05",
            "html": page("Customs", CUSTOMS),
        },
    ]


def three_pages(writer: WARCWriter) -> None:
    """Two pages, then a large photo that compression cannot shrink."""
    response(writer, "https://gazette.example/grain", page("Grain deal", MEETING).encode())
    response(writer, "https://wire.example/ferries", page("Ferries", FERRY).encode())
    photo = random.Random(5).randbytes(40_000)
    response(writer, "https://wire.example/photo.jpg", photo, "image/jpeg")


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_a_warc_cut_in_half_gives_its_whole_records_then_fails(tmp_path: Path, name: str) -> None:
    warc = write_warc(tmp_path / name, name.endswith(".gz"), three_pages)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) // 2])
    items = list(read_warc(warc, MAX))
    assert [i["url"] for i in items[:2]] == [
        "https://gazette.example/grain",
        "https://wire.example/ferries",
    ]
    assert items[2:] == [
        Failure(
            str(warc),
            "corrupt or truncated WARC file (a record ends before its Content-Length) "
            "after 3 records",
        )
    ]


def test_a_warc_cut_after_a_record_header_fails(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "cut.warc", False, three_pages)
    data = warc.read_bytes()
    last = data.rindex(b"WARC/1.0\r\n")
    warc.write_bytes(data[: data.index(b"\r\n\r\n", last) + 4])
    assert list(read_warc(warc, MAX))[2:] == [
        Failure(
            str(warc),
            "corrupt or truncated WARC file (unreadable bytes after the last whole record) "
            "after 3 records",
        )
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"this is not an archive at all\n" * 20, "not a WARC file"),
        (bytes(range(256)) * 4, "unknown archive format"),
        (gzip.compress(b"WARC/1.0\r\nnonsense")[:-8] + b"junk", "unknown archive format"),
        (b"\x1f\x8b\x08\x00", "no WARC record in it"),
    ],
)
def test_a_file_that_is_not_a_warc_fails(tmp_path: Path, data: bytes, reason: str) -> None:
    warc = tmp_path / "bad.warc.gz"
    warc.write_bytes(data)
    assert list(read_warc(warc, MAX)) == [
        Failure(str(warc), f"corrupt or truncated WARC file ({reason}) after 0 records")
    ]


def test_damaged_gzip_data_fails_with_its_reason_and_writes_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    warc = write_warc(tmp_path / "flipped.warc.gz", True, three_pages)
    data = bytearray(warc.read_bytes())
    data[-20_000] ^= 0xFF  # inside the photo's gzip member, stored as it is
    warc.write_bytes(bytes(data))
    items = list(read_warc(warc, MAX))
    assert [i["url"] for i in items[:2]] == [
        "https://gazette.example/grain",
        "https://wire.example/ferries",
    ]
    assert items[2:] == [
        Failure(
            str(warc),
            "corrupt or truncated WARC file (damaged gzip data: incorrect data check) "
            "after 3 records",
        )
    ]
    assert capfd.readouterr() == ("", "")


def test_damage_after_whole_records_fails_after_them(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "tail.warc.gz", True, three_pages)
    warc.write_bytes(warc.read_bytes() + b"left over\r\n")
    assert list(read_warc(warc, MAX))[2:] == [
        Failure(str(warc), "corrupt or truncated WARC file (invalid WARC record) after 4 records")
    ]
    plain = write_warc(tmp_path / "plain.warc", False, three_pages)
    whole = gzip.compress(plain.read_bytes())
    (tmp_path / "whole.warc.gz").write_bytes(whole)
    assert list(read_warc(tmp_path / "whole.warc.gz", MAX)) == [
        Failure(
            str(tmp_path / "whole.warc.gz"),
            "corrupt or truncated WARC file (gzipped as one stream, not record by record; "
            "`warcio recompress` fixes it) after 1 record",
        )
    ]
    assert list(read_warc(tmp_path / "gone.warc", MAX)) == [
        Failure(str(tmp_path / "gone.warc"), "cannot be read (No such file or directory)")
    ]


def test_ingest_accepts_every_record(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    write(tmp_path / "pages" / "grain.html", page("Grain deal", MEETING))
    local = write(
        tmp_path / "local.rss",
        rss("<item><title>Grain</title><link>pages/grain.html</link></item>"),
    )
    records = [
        *read_feed(write(tmp_path / "gazette.rss", RSS), MAX),
        *read_feed(write(tmp_path / "wire.atom", ATOM), MAX),
        *read_feed(local, MAX),
        *read_warc(write_warc(tmp_path / "crawl.warc.gz", True, crawl), 2000),
    ]
    texts = [_record(r, "x").text for r in records if not isinstance(r, Failure)]
    expected = [MEETING, FERRY, MEETING, FERRY, MEETING, MEETING, ACCORD, FERRY, CUSTOMS]
    assert len(texts) == len(expected)
    for text, sentence in zip(texts, expected, strict=True):
        assert sentence.split(". ")[0] in text
