"""HTML news pages -> Article: trafilatura finds the story and its title, htmldate its date.

Strictly offline.  Both libraries download a page when handed a string that looks
like a URL, so they are only ever handed an lxml tree parsed here; the page's URL
is passed as metadata, never fetched.

The body trafilatura returns then goes through the same body rules as plain text
(dateline, credits, duplicate paragraphs, date lines), without the header step:
trafilatura has already cut the page furniture the header step is for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from eventscope.errors import InputError
from eventscope.ingest.layout import clean_inline
from eventscope.ingest.text import article_from_text
from eventscope.model import Article

# htmldate's default floor (1995) would discard the date of an older archived story.
_MIN_DATE = dt.datetime(1900, 1, 1)

# Both libraries log at WARNING for pages they find thin; ingest reports its own failures.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def _tree(html: str, source: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration; bytes are fine.
    data = html.encode("utf-8")
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        tree = lxml.html.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(source, f"cannot parse HTML ({exc})") from None
    if tree is None:
        raise InputError(source, "cannot parse HTML (no document)")
    return tree


def find_page_date(html: str, source: str, url: str | None = None) -> dt.date | None:
    """The page's publication date by htmldate (original date, not last-modified)."""
    found = htmldate.find_date(
        _tree(html, source), original_date=True, url=url, min_date=_MIN_DATE, outputformat="%Y-%m-%d"
    )
    return dt.date.fromisoformat(found) if found else None


def article_from_html(
    html: str,
    source: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    article_id: str | None = None,
) -> Article:
    """Read one HTML page.  `title` and `published`, when given, win over the page's own."""
    if not html.strip():
        raise InputError(source, "empty input: no HTML")
    document = trafilatura.bare_extraction(
        _tree(html, source), url=url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False, favor_precision=True,
    )
    body = getattr(document, "text", None) or ""
    if not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    page_title = clean_inline(getattr(document, "title", None) or "")
    page_url = url or getattr(document, "url", None) or None
    article = article_from_text(
        body, source, title=title if title is not None else page_title, url=page_url,
        published=published, article_id=article_id,
    )
    if published is None:
        page_date = find_page_date(html, source, url=page_url)
        if page_date is not None:
            article = dataclasses.replace(article, published=page_date)
    return article
