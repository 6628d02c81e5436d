"""``detente serve``: the HTTP API and the dashboard over a store.

``create_app(Path("news.db"))`` builds the ASGI application (FastAPI);
``serve(Path("news.db"), port=8000)`` runs it with uvicorn.
"""

from __future__ import annotations

from detente.web.app import create_app, serve

__all__ = ["create_app", "serve"]
