"""The FastAPI application: wires the routers, the error shape, the size limit and the web page.

    from eventscope.api import create_app
    app = create_app(settings)                 # opens settings.db_path (SQLite)
    app = create_app(settings, store=store)    # any EventStore; the caller closes it

Routes (OpenAPI at /openapi.json, interactive page at /docs):
    GET  /api/events                 filtered, paginated list (`total`, `items`)
    GET  /api/events/points          map points of every matching event (columnar)
    GET  /api/events/{id}            one event: evidence, claims, articles, linked events
    GET  /api/articles               stored articles;  GET /api/articles/{id}: one, with sentences
    POST /api/articles               extract + store one article (token)
    GET  /api/stats/counts?by=day|type|country;  GET /api/stats/timeline
    GET  /api/health
    GET  /                           the web page (static files under /static)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventscope import __version__
from eventscope.api import articles, events, ingest, stats
from eventscope.api.auth import require_read
from eventscope.api.deps import StoreAccess, store_access
from eventscope.api.errors import install_error_handlers
from eventscope.api.limits import RequestSizeLimit
from eventscope.config import Settings
from eventscope.store.base import EventStore
from eventscope.store.ingest import Extractor

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
STATIC_DIR = WEB_DIR / "static"


def create_app(settings: Settings, store: EventStore | None = None, *,
               extractor: Extractor | None = None) -> FastAPI:
    """`store` given: used as is and left open; otherwise `settings.db_path` is opened and closed with the app.

    `extractor` replaces the pipeline for `POST /api/articles` (tests, or a
    pipeline built once elsewhere); by default the pipeline loads on first use.
    """
    owned = store is None
    if store is None:
        from eventscope.query import open_store

        store = open_store(settings.db_path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(title="eventscope", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Coded political and conflict events with the evidence behind every field.")
    app.state.settings = settings
    app.state.store_access = StoreAccess(store)
    app.state.extractor = extractor
    install_error_handlers(app)
    for module in (events, stats, articles, ingest):
        app.include_router(module.router)

    @app.get("/api/health", tags=["meta"], dependencies=[Depends(require_read)])
    def health(access: Annotated[StoreAccess, Depends(store_access)]) -> dict[str, Any]:
        with access.use() as s:
            stats_fn = getattr(s, "stats", None)
            counts = stats_fn() if callable(stats_fn) else {}
        return {"status": "ok", "version": __version__, "store": counts}

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The OpenAPI page, with Swagger UI from the vendored copy so it works offline."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventscope API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/vendor/leaflet/images/marker-icon.png")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    # Outermost: refuse oversized bodies before any route reads them.
    app.add_middleware(RequestSizeLimit, max_bytes=settings.api_max_request_bytes)
    return app
