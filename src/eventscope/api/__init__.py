"""HTTP API and web page over the event store (FastAPI); see `app.py` for the routes."""

from eventscope.api.app import create_app

__all__ = ["create_app"]
