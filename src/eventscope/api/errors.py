"""One JSON error shape for every failure the API reports.

    {"error": {"type": "InputError", "message": "one line naming what and where"}}

`EventscopeError`s keep their class name as the type; FastAPI's request
validation errors become `ValidationError` (422); HTTP errors (404, 401, 413,
…) get a type named after their status.  A client can branch on `type` and
show `message` as it is.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventscope.errors import ConfigError, DatasetError, EventscopeError, InputError, StageError, StoreError

# Which status each error class answers with; the first matching base class wins.
STATUS_BY_ERROR: tuple[tuple[type[EventscopeError], int], ...] = (
    (InputError, 400),
    (DatasetError, 400),
    (StageError, 422),
    (ConfigError, 503),  # a missing model or gazetteer: the operator must fix the set-up
    (StoreError, 500),
)

TYPE_BY_STATUS = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
    413: "RequestTooLarge", 415: "UnsupportedMediaType", 422: "ValidationError", 503: "Unavailable",
}


def error_body(kind: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"type": kind, "message": message}}


def error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(kind, message), status_code=status, headers=headers)


def status_for(exc: EventscopeError) -> int:
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 400


def _validation_message(exc: RequestValidationError) -> str:
    """The first problem as one line: 'query.limit: Input should be less than or equal to 1000'."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(EventscopeError)
    async def _eventscope(_request: Request, exc: EventscopeError) -> JSONResponse:
        return error_response(status_for(exc), type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "ValidationError", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = TYPE_BY_STATUS.get(exc.status_code) or HTTPStatus(exc.status_code).phrase.replace(" ", "")
        headers = dict(exc.headers) if exc.headers else None
        return error_response(exc.status_code, kind, str(exc.detail), headers)
