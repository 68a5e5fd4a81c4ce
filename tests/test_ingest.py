"""Ingest: text, HTML, JSONL, directories and stdin -> Articles; bad inputs -> Rejected values."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventscope.ingest as ingest
from eventscope.errors import DateParseError, InputError
from eventscope.ingest import (
    Rejected,
    article_from_html,
    article_from_text,
    make_article_id,
    parse_date,
    read_bytes,
    read_inputs,
    read_stdin,
)
from eventscope.ingest.credits import read_credit_line, read_dateline
from eventscope.ingest.dates import read_date_line
from eventscope.ingest.layout import logical_lines
from eventscope.model import Article

SEED = "seed-us-strikes-syria-2021-06.txt"


@pytest.fixture(scope="module")
def ingest_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "ingest"


def only_article(items: list[Article | Rejected]) -> Article:
    (item,) = items
    assert isinstance(item, Article), item
    return item


def read_one(path: Path, **kwargs: object) -> Article:
    return only_article(list(read_inputs([path], **kwargs)))  # type: ignore[arg-type]


# ------------------------------------------------------------------ the reference article

@pytest.fixture(scope="module")
def seed(fixtures_dir: Path) -> Article:
    return read_one(fixtures_dir / SEED)


def test_seed_metadata(seed: Article) -> None:
    assert seed.title == "US troops in Syria attacked after airstrikes on militias"
    assert seed.published == dt.date(2021, 6, 29)
    assert seed.dateline == "WASHINGTON"
    assert seed.agencies == ("AP", "AFP")
    assert seed.source.endswith(SEED)


def test_seed_body_is_the_story_only(seed: Article) -> None:
    assert seed.text.startswith("US troops in eastern Syria came under rocket attack Monday")
    assert seed.text.endswith("Biden said when a reporter asked what message he had intended to send.")
    for furniture in ("Short Url", "Update", "Drones are seen", "(AFP file)", "Updated 29 June",
                      "WASHINGTON", "(With AP and AFP)", seed.title, "launch and recover", "•"):
        assert furniture not in seed.text, furniture
    paragraphs = seed.text.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)) == 28
    assert all(p == p.strip() and "\n" not in p and "\xa0" not in p for p in paragraphs)


def test_seed_id_is_stable_and_content_derived(fixtures_dir: Path, seed: Article, tmp_path: Path) -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", seed.id)
    assert read_one(fixtures_dir / SEED).id == seed.id
    moved = tmp_path / "elsewhere.txt"
    moved.write_text((fixtures_dir / SEED).read_text(encoding="utf-8") + "\n\n\n", encoding="utf-8")
    assert read_one(moved).id == seed.id  # where the file lives and trailing blank lines do not matter


def test_published_override_wins(fixtures_dir: Path) -> None:
    article = read_one(fixtures_dir / SEED, published="2021-07-01")
    assert article.published == dt.date(2021, 7, 1)
    assert read_one(fixtures_dir / SEED, published=dt.date(2020, 1, 3)).published == dt.date(2020, 1, 3)


def test_bad_published_override_raises_at_the_call(fixtures_dir: Path) -> None:
    with pytest.raises(DateParseError) as caught:
        read_inputs([fixtures_dir / SEED], published="2021-13-45")
    message = str(caught.value)
    assert "--published" in message and "2021-13-45" in message and "\n" not in message


# ------------------------------------------------------------------ other text layouts

def test_reuters_wire_text(ingest_dir: Path) -> None:
    article = read_one(ingest_dir / "wire-reuters.txt")
    assert article.title == "Iraq says drone attack foiled near Erbil airport"
    assert article.dateline == "BAGHDAD"
    assert article.agencies == ("Reuters",)
    assert article.text.startswith("Iraqi Kurdish security forces shot down")
    assert "Reporting by" not in article.text and "Share this" not in article.text
    assert "By Reuters" not in article.text
    assert article.text.count("There were no casualties or damage") == 1
    assert article.published is None


def test_ap_dateline_with_region_and_closing_credit(ingest_dir: Path) -> None:
    article = read_one(ingest_dir / "ap-kabul.txt")
    assert article.dateline == "KABUL, Afghanistan"
    assert article.agencies == ("AP",)
    assert article.text.startswith("A bomb exploded in a minivan")
    assert "contributed to this report" not in article.text


def test_upper_case_hard_wrapped_wire_copy(ingest_dir: Path) -> None:
    article = read_one(ingest_dir / "muc-style.txt")
    assert article.title == ""  # the document number is not a headline
    assert article.dateline == "LA PAZ"
    assert article.published == dt.date(1990, 3, 14)
    assert article.agencies == ("EFE",)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("UNIDENTIFIED GUNMEN ATTACKED A POLICE POST IN THE OUTSKIRTS")
    assert "[TEXT]" not in article.text and "POLICE POST" in paragraphs[0]


def test_glued_wikievents_text_is_body_not_title(ingest_dir: Path) -> None:
    article = read_one(ingest_dir / "wikievents-style.txt")
    assert article.title == ""
    assert article.text.startswith("Bomb blast injures six at market in BaghdadA roadside bomb")
    # the lost paragraph break after "television." is restored, so sentences are not glued
    assert "television.\n\nSecurity officials said" in article.text


def test_long_first_line_is_body() -> None:
    text = ("Gunmen killed four police officers at a checkpoint outside the city on Sunday, "
            "officials said, in the third such attack this month.\n\nNo group claimed it.\n")
    article = article_from_text(text, "t")
    assert article.title == ""
    assert article.text.startswith("Gunmen killed four police officers")


def test_kicker_headline_is_a_title() -> None:
    article = article_from_text("EXCLUSIVE - Iraq plans to expand air defences\n\nIraq plans to buy air defence "
                                "systems to protect its bases from drone attacks, three officials said.\n", "t")
    assert article.title == "EXCLUSIVE - Iraq plans to expand air defences"
    assert article.dateline is None and article.text.startswith("Iraq plans to buy")


def test_single_short_line_is_body_not_title() -> None:
    article = article_from_text("Bomb kills five in Kabul\n", "t")
    assert (article.title, article.text) == ("", "Bomb kills five in Kabul")


def test_header_with_byline_date_and_bullets() -> None:
    text = "\n".join([
        "Army says 12 militants killed in raid",
        "By Jane Example, June 3, 2019",
        "• Raid followed a tip-off from residents about a weapons cache hidden in the village",
        "Army says 12 militants killed in raid",
        "The army said on Monday that its troops killed 12 militants in a raid on a village in the north.",
        "Posted on June 3, 2019",
    ])
    article = article_from_text(text, "t")
    assert article.title == "Army says 12 militants killed in raid"
    assert article.published == dt.date(2019, 6, 3)
    assert article.text == "The army said on Monday that its troops killed 12 militants in a raid on a village in the north."


BBC_STYLE = """Syria war: Rockets hit US base in Deir al-Zour
Published
29 June 2021
Share
Image source, Reuters
Image caption,
US troops have been in north-eastern Syria since 2015
Rockets were fired at a base hosting US troops in eastern Syria on Monday, the coalition said.
There were no injuries, a spokesman said.
Related Topics
"""

STANDFIRST_STYLE = """Rockets target US forces in Syria after US strikes
US says its forces in Syria came under rocket fire, hours after Biden ordered air raids on militias.
Published On 29 Jun 2021
US forces in Syria came under rocket fire on Monday, with no injuries reported, officials said.
Source: News Agencies
"""


@pytest.mark.parametrize(("text", "first"), [
    (BBC_STYLE, "Rockets were fired at a base hosting US troops"),
    (STANDFIRST_STYLE, "US forces in Syria came under rocket fire on Monday"),
])
def test_page_headers_caption_labels_and_standfirsts(text: str, first: str) -> None:
    article = article_from_text(text, "page.txt")
    assert article.published == dt.date(2021, 6, 29)
    assert article.text.startswith(first)
    for furniture in ("Image", "since 2015", "Related Topics", "Source:", "hours after Biden", "Share"):
        assert furniture not in article.text


def test_a_date_closing_a_short_story_is_a_footer() -> None:
    text = ("Militants storm prison in eastern Congo\n"
            "Militants stormed a prison in eastern Congo overnight, freeing more than 800 inmates, officials said.\n"
            "Published June 3, 2021\n")
    article = article_from_text(text, "t")
    assert article.text.startswith("Militants stormed a prison") and article.published == dt.date(2021, 6, 3)


@pytest.mark.parametrize(("paragraph", "place", "agencies", "rest"), [
    ("WASHINGTON: US troops came under attack.", "WASHINGTON", (), "US troops"),
    ("BAGHDAD (Reuters) - Iraqi forces said.", "BAGHDAD", ("Reuters",), "Iraqi"),
    ("BEIRUT, June 28 (Reuters) - A blast hit.", "BEIRUT", ("Reuters",), "A blast"),
    ("UNITED NATIONS (AP) — The council met.", "UNITED NATIONS", ("AP",), "The council"),
    ("GAZA CITY, Gaza Strip (AP) — Rockets flew.", "GAZA CITY, Gaza Strip", ("AP",), "Rockets"),
    ("Kabul, Afghanistan (CNN) -- A bomb went off.", "Kabul, Afghanistan", ("CNN",), "A bomb"),
    ("LONDON — For the second time in a month.", "LONDON", (), "For the"),
    ("SAN SALVADOR, 10 JAN 90 (ACAN-EFE) -- [TEXT] THE ARMY SAID.", "SAN SALVADOR", ("ACAN", "EFE"), "[TEXT]"),
    ("NO CITY, NO DATE (PARIS AFP) -- THE REBELS SAID.", None, ("AFP",), "THE REBELS"),
    ("NO CITY (EL SALVADOR), 29 SEP 89 -- [COMMUNIQUE] THE FRONT SAID.", "EL SALVADOR", (), "[COMMUNIQUE]"),
    ("BREAKING: Explosion hits port.", None, (), "Explosion"),
])
def test_datelines(paragraph: str, place: str | None, agencies: tuple[str, ...], rest: str) -> None:
    dateline = read_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.agencies) == (place, agencies)
    assert paragraph[dateline.end:].startswith(rest)


@pytest.mark.parametrize("paragraph", [
    "US troops in eastern Syria came under rocket attack Monday.",
    "The army said: five were killed.",
    "Meanwhile, officials - including the mayor - left.",
    "Iraq's military condemned the strikes.",
])
def test_not_datelines(paragraph: str) -> None:
    assert read_dateline(paragraph) is None


@pytest.mark.parametrize(("line", "agencies"), [
    ("(With AP and AFP)", ("AP", "AFP")),
    ("(AFP)", ("AFP",)),
    ("With agencies", ()),
    ("Reporting by Ahmed Example; Editing by Jane Example", ()),
    ("The Associated Press contributed to this report.", ("AP",)),
    ("— Reuters", ("Reuters",)),
])
def test_credit_lines(line: str, agencies: tuple[str, ...]) -> None:
    assert read_credit_line(line) == agencies


@pytest.mark.parametrize("line", [
    "With the strikes, the US signalled it would act again.",
    "Two officials told The Associated Press that four were killed.",
])
def test_news_text_is_not_a_credit(line: str) -> None:
    assert read_credit_line(line) is None


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize(("value", "expected"), [
    ("2021-06-29", dt.date(2021, 6, 29)),
    ("2021-06-29T10:00:00Z", dt.date(2021, 6, 29)),
    ("Tue, 29 Jun 2021 10:00:00 GMT", dt.date(2021, 6, 29)),
    ("29 June 2021", dt.date(2021, 6, 29)),
    ("June 29, 2021", dt.date(2021, 6, 29)),
    ("10 JAN 90", dt.date(1990, 1, 10)),
    ("29/06/2021", dt.date(2021, 6, 29)),
])
def test_parse_date(value: str, expected: dt.date) -> None:
    assert parse_date(value, "x") == expected


@pytest.mark.parametrize("value", ["2021-13-45", "31 June 2021", "yesterday", "", "05/06/2021", "2021"])
def test_parse_date_refuses(value: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(value, "feed.jsonl:3", "published")
    assert str(caught.value).startswith("feed.jsonl:3: field 'published': ")


def test_date_lines_know_published_from_updated() -> None:
    line = read_date_line("Published 28 June 2021 | Updated 29 June 2021 14:02 GMT")
    assert line is not None
    assert (line.published, line.updated) == ((dt.date(2021, 6, 28),), (dt.date(2021, 6, 29),))
    assert read_date_line("Updated 29 June 2021").updated == (dt.date(2021, 6, 29),)  # type: ignore[union-attr]
    assert read_date_line("Protests grew on 29 June 2021 across the city") is None


# ------------------------------------------------------------------ HTML

def test_html_article(ingest_dir: Path) -> None:
    article = read_one(ingest_dir / "article.html")
    assert article.title == "Rockets hit base hosting US troops in western Iraq"
    assert article.published == dt.date(2021, 7, 7)
    assert article.url == "https://news.example.org/world/2021/07/07/rockets-hit-ain-al-asad"
    assert article.id == make_article_id(url=article.url)
    assert article.dateline == "BAGHDAD"
    assert article.agencies == ("AP", "Reuters")
    assert article.text.startswith("At least 14 rockets struck an air base")
    for furniture in ("Subscribe", "All rights reserved", "Share on", "AFP file photo", "Follow us"):
        assert furniture not in article.text


def test_html_declared_charset_is_honoured() -> None:
    page = ("<html><head><meta charset='iso-8859-1'><title>Caf\xe9 bombing</title></head><body><article>"
            "<p>A bomb exploded outside a caf\xe9 in the old town on Friday, wounding three people, police said.</p>"
            "<p>Investigators were searching the area for a second device, officials told reporters.</p>"
            "</article></body></html>").encode("iso-8859-1")
    article = only_article(list(read_bytes(page, "page.html", fmt="html")))
    assert "café" in article.text


def test_html_that_is_a_url_is_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise RuntimeError("ingest tried to fetch a URL")

    monkeypatch.setattr("htmldate.utils.fetch_url", no_network)
    monkeypatch.setattr("trafilatura.downloads.fetch_url", no_network)
    try:
        article = article_from_html("https://example.org/story", "x.html")
    except InputError:
        return
    assert article.text == "https://example.org/story"


# ------------------------------------------------------------------ JSONL, JSON, directories, stdin

def test_jsonl_bad_line_does_not_stop_the_others(ingest_dir: Path) -> None:
    items = list(read_inputs([ingest_dir / "feed.jsonl"]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    first, bad, third = items
    assert isinstance(first, Article) and isinstance(third, Article) and isinstance(bad, Rejected)
    assert bad.source.endswith("feed.jsonl:2") and "not valid JSON" in bad.reason
    assert (first.id, first.published, first.dateline, first.agencies) == (
        "feed-1", dt.date(2021, 6, 30), "ARISH, Egypt", ("AP",))
    assert first.title == "Militants attack army checkpoint in Sinai"
    assert (third.id, third.title, third.published, third.agencies) == (
        "feed-3", "Clashes erupt in Tripoli", dt.date(2021, 7, 1), ("AFP",))
    assert third.source.endswith("feed.jsonl:3")


def test_jsonl_unreadable_date_and_missing_text(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [{"text": "Police said a bomb killed two people in the market on Monday.", "published": "soon"},
               {"title": "No body"}, [1, 2],
               {"text": "Rebels shelled the town overnight, residents said, killing a child.", "date": "2020-02-02"}]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(read_inputs([feed]))
    reasons = [str(i) for i in items if isinstance(i, Rejected)]
    assert reasons == [
        f"{feed}:1: field 'published': cannot read date 'soon' (expected YYYY-MM-DD)",
        f"{feed}:2: record has no 'text' or 'html'",
        f"{feed}:3: expected a JSON object, got list",
    ]
    assert isinstance(items[-1], Article) and items[-1].published == dt.date(2020, 2, 2)


def test_jsonl_undecodable_line_costs_that_line_only(tmp_path: Path) -> None:
    feed = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "Rebels seized two villages overnight, the army said on Tuesday."}).encode()
    feed.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + good.replace(b"two", b"three") + b"\n")
    items = list(read_inputs([feed]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert str(items[1]) == f"{feed}:2: not valid utf-8 text (byte 0xe9 at column 14)"


def test_stdin_jsonl_is_streamed() -> None:
    consumed: list[bytes] = []
    lines = [json.dumps({"id": str(n), "text": f"Clashes killed {n} people in the north, medics said."}).encode() + b"\n"
             for n in range(3, 6)]

    class Pipe:
        def __init__(self) -> None:
            self.lines = iter(lines)

        def readline(self) -> bytes:
            return next(self)

        def __iter__(self) -> Pipe:
            return self

        def __next__(self) -> bytes:
            line = next(self.lines)
            consumed.append(line)
            return line

    items = read_stdin(Pipe())  # type: ignore[arg-type]
    first = next(items)
    assert isinstance(first, Article) and first.id == "3" and len(consumed) == 1
    assert [i.id for i in items if isinstance(i, Article)] == ["4", "5"]


def test_json_file_with_a_list(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": "Troops fired on protesters in the capital, witnesses said."},
                                {"id": "b"}]), encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert items[1] == Rejected(f"{path}[1]", "record has no 'text' or 'html'")


def test_directory_reads_everything_and_rejects_the_bad_files(ingest_dir: Path) -> None:
    items = list(read_inputs([ingest_dir]))
    sources = [Path(i.source.split(":")[0]).name for i in items]
    assert sources == sorted(sources)  # a stable, sorted walk
    rejected = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert rejected == {
        "binary.txt": "binary file (contains NUL bytes), not text, HTML or JSONL",
        "empty.txt": "empty file",
        "feed.jsonl:2": rejected["feed.jsonl:2"],
        "latin1.txt": "not valid utf-8 text (byte 0xe9 at offset 76)",
    }
    assert sum(isinstance(i, Article) for i in items) == 7


def test_missing_file_and_mixed_inputs(ingest_dir: Path, tmp_path: Path) -> None:
    items = list(read_inputs([tmp_path / "nope.txt", ingest_dir / "wire-reuters.txt", tmp_path]))
    assert items[0] == Rejected(str(tmp_path / "nope.txt"), "no such file or directory")
    assert isinstance(items[1], Article)
    assert isinstance(items[2], Rejected) and "no article files" in items[2].reason


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"Blast hits convoy\n\nA roadside bomb hit an army convoy near the border on Monday, killing two soldiers.\n"
    article = only_article(list(read_stdin(io.BytesIO(text))))
    assert (article.title, article.source) == ("Blast hits convoy", "stdin")
    lines = b'{"text": "Protesters blocked the main road for a third day, police said."}\nnot json\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines)))
    items = list(read_inputs(["-"], published="2022-02-02"))
    assert isinstance(items[0], Article) and items[0].published == dt.date(2022, 2, 2)
    assert isinstance(items[1], Rejected) and items[1].source == "stdin:2"
    assert list(read_stdin(io.BytesIO(b"  \n"))) == [Rejected("stdin", "empty input")]


def test_encodings_with_a_bom() -> None:
    body = "Ceasefire holds in Idlib\n\nThe ceasefire in Idlib held for a second day on Tuesday, monitors said.\n"
    for data in (codecs.BOM_UTF8 + body.encode("utf-8"), body.encode("utf-16")):
        article = only_article(list(read_bytes(data, "x.txt", fmt="text")))
        assert article.title == "Ceasefire holds in Idlib"


def test_ids() -> None:
    assert make_article_id(url="https://a.example/1") == make_article_id(url=" https://a.example/1 ")
    assert make_article_id(text="A  b\nc", title="T") == make_article_id(text="a b c", title="t")
    assert make_article_id(text="one story") != make_article_id(text="another story")


def test_errors_are_one_line() -> None:
    with pytest.raises(InputError) as caught:
        article_from_text(" \n\t\n", "blank.txt")
    assert str(caught.value) == "blank.txt: empty input: no text"
    assert str(Rejected("a.txt", "empty file")) == "a.txt: empty file"
    assert Rejected.from_error(caught.value) == Rejected("blank.txt", "empty input: no text")


def test_public_api_is_exported() -> None:
    assert sorted(ingest.__all__) == ingest.__all__
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None


def test_hard_wrap_is_joined_only_when_the_text_is_wrapped() -> None:
    wrapped = ("THE ARMY REPORTED TODAY THAT A GROUP OF REBELS ATTACKED THE TOWN\n"
               "HALL AT DAWN, KILLING THREE GUARDS AND WOUNDING FOUR CIVILIANS WHO\n"
               "WERE NEARBY.  THE REBELS FLED TOWARD THE MOUNTAINS, OFFICIALS SAID\n"
               "AND TROOPS ARE PURSUING THEM.\n")
    assert len(logical_lines(wrapped)) == 1
    assert logical_lines("Short title\nAnother short line\n") == ["Short title", "Another short line"]


# ------------------------------------------------------------------ untrusted input never crashes

_news_words = st.sampled_from([
    "WASHINGTON:", "BAGHDAD (Reuters) -", "(With AP and AFP)", "Updated 29 June 2021", "Short Url", "•",
    "Update", "said", "the", "army", "killed", "31 June 2021", "2021-13-45", "(AFP file)", "--", "—", "\n",
    "\n\n", "[TEXT]", "By", "Reuters", "June 29, 2021", ":", "(", ")", "NO CITY,", "   ",
])
_texts = st.one_of(st.text(max_size=400), st.lists(st.one_of(_news_words, st.text(max_size=12)), max_size=60).map(" ".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_random_text_only_raises_input_error(text: str) -> None:
    try:
        article = article_from_text(text, "random.txt")
    except InputError:
        return
    assert article.text.strip() and article.text == article.text.strip()


_tags = st.sampled_from(["<p>", "</p>", "<html>", "<body>", "<article>", "</article>", "<div>", "<title>",
                         "</title>", "<meta charset='utf-8'>", "<script>", "<!--", "-->", "<h1>", "&amp;", "&#0;",
                         "<![CDATA[", "<?xml version='1.0' encoding='utf-8'?>"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_tags, st.text(max_size=40), _news_words), max_size=40).map("".join))
def test_random_html_only_raises_input_error(html: str) -> None:
    try:
        article = article_from_html(html, "random.html")
    except InputError:
        return
    assert article.text.strip() and article.source == "random.html"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from([None, "text", "html", "jsonl", "json"]))
def test_random_bytes_never_raise(data: bytes, fmt: str | None) -> None:
    for item in read_bytes(data, "random.bin", fmt=fmt):  # type: ignore[arg-type]
        assert isinstance(item, (Article, Rejected))


# ------------------------------------------------------------------ the bench's own texts pass through

@pytest.mark.shared
def test_muc4_wire_copy_passes_through(shared_dir: Path) -> None:
    raw = (shared_dir / "bench" / "muc4" / "tst3-muc4").read_text(encoding="utf-8")
    documents = re.split(r"\n(?=TST3-MUC4-\d{4}\n)", raw)
    articles = [article_from_text(doc, f"muc4:{i}") for i, doc in enumerate(documents)]
    assert len(articles) == 100
    assert all(a.title == "" for a in articles)  # the message number is never taken for a headline
    assert sum(a.dateline is not None for a in articles) >= 85
    assert sum(a.published is not None for a in articles) >= 85
    assert not any(a.text.startswith("[TEXT]") or "\n\n\n" in a.text for a in articles)


@pytest.mark.shared
def test_wikievents_glued_articles_keep_their_opening(shared_dir: Path) -> None:
    lines = (shared_dir / "bench" / "wikievents" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        record = json.loads(line)
        article = article_from_text(record["text"], record["doc_id"])
        assert article.title == ""
        # the story's first words are kept (the glued headline comes along with them)
        assert article.text.startswith(" ".join(record["text"].split()[:6]))


def test_directory_walk_reports_files_it_does_not_read(tmp_path):
    from eventscope.ingest import Rejected, read_inputs

    (tmp_path / "story.txt").write_text("Rebels attacked a convoy near Goma on Monday, officials said.\n", encoding="utf-8")
    (tmp_path / "photo.bin").write_bytes(b"\x00\x01\x02")
    items = list(read_inputs([tmp_path], published="2021-06-29"))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(items) == 2 and len(rejected) == 1
    assert rejected[0].source.endswith("photo.bin") and rejected[0].reason.startswith("skipped:")


def test_a_date_line_above_the_headline_leaves_the_headline_a_title_and_the_dateline_read() -> None:
    text = ("PUBLISHED: 2022-06-16\n\nCongo accuses Rwanda of 'invasion' after rebels seize border town\n\n"
            "GOMA, Congo (Reuters) — Rebels seized the eastern town of Bunagana on Monday after two days of "
            "heavy fighting, officials said.\n")
    article = article_from_text(text, "t")
    assert article.title.startswith("Congo accuses Rwanda")
    assert (article.dateline, article.published) == ("GOMA, Congo", dt.date(2022, 6, 16))
    assert article.text.startswith("Rebels seized the eastern town")
