"""`POST /api/articles`: extract one article's events and store them (needs the write token).

The body is one story in any of three forms, told apart by Content-Type:

    application/json   {"text": ..., "title"?, "published"?, "url"?, "id"?}  or  {"html": ...}
    text/plain         the article as a text file would hold it
    text/html          a web page (trafilatura finds the story)

`?published=YYYY-MM-DD` and `?title=` override what the body says.  Reading
goes through `eventscope.ingest`, extraction through the pipeline (or the
extractor given to `create_app`, which tests use), storing through
`EventStore.add_article`: the same path as `eventscope ingest`, one article.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from eventscope.api.auth import require_write
from eventscope.api.views import event_row
from eventscope.errors import ConfigError, InputError, StageError
from eventscope.model import Article
from eventscope.store.ingest import Extractor, pipeline_extractor

router = APIRouter(prefix="/api/articles", tags=["articles"])
SOURCE = "POST /api/articles"


def read_article(body: bytes, content_type: str, published: dt.date | None, title: str | None) -> Article:
    from eventscope.ingest import article_from_html, article_from_record, article_from_text

    if not body.strip():
        raise InputError(SOURCE, "empty body: send JSON with 'text' or 'html', or text/plain, or text/html")
    kind = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(SOURCE, "body is not UTF-8 text") from None
    if kind in ("application/json", ""):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(SOURCE, f"body is not valid JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(record, dict) and title:
            record = {**record, "title": title}
        return article_from_record(record, SOURCE, published=published)
    if kind == "text/plain":
        return article_from_text(text, SOURCE, title=title, published=published)
    if kind == "text/html":
        return article_from_html(text, SOURCE, title=title, published=published)
    raise InputError(SOURCE, f"unsupported Content-Type {kind!r}: use application/json, text/plain or text/html")


def _extractor(request: Request) -> Extractor:
    state = request.app.state
    if state.extractor is None:
        try:
            from eventscope.pipeline import Pipeline
        except ImportError as exc:  # a stage module missing from this install
            raise ConfigError(f"the extraction pipeline cannot be loaded ({exc})") from None
        state.extractor = pipeline_extractor(Pipeline(state.settings))
    extractor: Extractor = state.extractor
    return extractor


def _extract_and_store(request: Request, article: Article) -> dict[str, Any]:
    extractor = _extractor(request)
    with request.app.state.store_access.use() as store:
        results = list(extractor([article]))
        if not results:
            raise StageError("extract", article.id, "the extractor returned nothing")
        result = results[0]
        if result.error is not None:
            store.add_failure(result.article, article.id, SOURCE, result.error)
            raise StageError("extract", article.id, result.error)
        added = store.add_article(result.article, result.events, result.sentences)
    return {
        "article_id": added.article_id, "skipped": added.skipped,
        "new_events": list(added.new_events), "merged_events": list(added.merged_events),
        "duplicate_of": added.duplicate_of, "relations": added.relations,
        "events": [event_row(e) for e in result.events],
    }


@router.post("", status_code=201, dependencies=[Depends(require_write)],
             summary="Extract one article's events and store them (needs the api_token)")
async def post_article(request: Request,
                       published: Annotated[dt.date | None, Query(description="publication date override")] = None,
                       title: Annotated[str | None, Query(max_length=500)] = None) -> JSONResponse:
    body = await request.body()
    article = read_article(body, request.headers.get("content-type", ""), published, title)
    result = await run_in_threadpool(_extract_and_store, request, article)
    return JSONResponse(result, status_code=200 if result["skipped"] else 201)
