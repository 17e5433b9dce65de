"""The web UI: `proxyatlas serve` (FastAPI). Pages draw what the JSON endpoints under /api/ return."""

from .app import check_bind, create_app, serve

__all__ = ["check_bind", "create_app", "serve"]
