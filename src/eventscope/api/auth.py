"""Who may read and write: one operator-set token (setting `api_token`).

Writes (POST) always need it, and are refused outright when the operator set
none, so a server started without configuration cannot be written to.
Reads are open unless `api_read_token_required` is true.  The token comes as
`Authorization: Bearer <token>` or `X-Eventscope-Token: <token>`; it is
compared in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request

from eventscope.config import Settings


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("x-eventscope-token") or None


def _check(request: Request, settings: Settings, action: str) -> None:
    expected = settings.api_token
    if not expected:
        raise HTTPException(403, f"{action} is disabled: the operator has set no api_token")
    token = presented_token(request)
    if token is None:
        raise HTTPException(401, f"{action} needs a token (Authorization: Bearer <api_token>)",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(403, f"{action}: the token is not the api_token")


def require_read(request: Request) -> None:
    settings: Settings = request.app.state.settings
    if settings.api_read_token_required:
        _check(request, settings, "reading")


def require_write(request: Request) -> None:
    _check(request, request.app.state.settings, "writing")
