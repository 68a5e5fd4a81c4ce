"""`/api/articles`: the stored articles (reads); `ingest.py` adds the POST."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from eventscope.api import reads
from eventscope.api.auth import require_read
from eventscope.api.deps import MAX_PAGE, StoreAccess, store_access

router = APIRouter(prefix="/api/articles", tags=["articles"], dependencies=[Depends(require_read)])

Access = Annotated[StoreAccess, Depends(store_access)]


@router.get("", summary="List stored articles, latest ingested first")
def list_articles(access: Access, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                  offset: Annotated[int, Query(ge=0)] = 0,
                  status: Literal["ok", "failed"] | None = None) -> dict[str, Any]:
    with access.use() as store:
        total, items = reads.list_articles(store, limit, offset, status)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/{article_id}", summary="One article: metadata, the stored sentences and its events")
def one_article(article_id: str, access: Access) -> dict[str, Any]:
    with access.use() as store:
        article = reads.get_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return article
