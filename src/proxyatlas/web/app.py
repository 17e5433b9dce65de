"""The web app: HTML pages that draw what the JSON endpoints under /api/ return.

    from proxyatlas.web import create_app
    app = create_app("proxyatlas.db", token=None)   # read-only; any ASGI server runs it

Every response carries a Content-Security-Policy that allows scripts from this server only
(no inline script, no CDN), and the pages put document text into the DOM as text, never as
markup. Without a token the server is read-only; with one, uploads that present it are
ingested. `serve` binds 127.0.0.1 unless told otherwise, and refuses any other address
without a token.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import ProxyatlasError
from ..limits import MAX_UPLOAD_BYTES
from .api import router
from .review import router as review_router

HERE = Path(__file__).parent
PAGES = HERE / "pages"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# page route -> file in pages/; an {id} in the path is read by the page's script
PAGE_ROUTES = {"/": "home.html", "/network": "network.html", "/entity/{eid}": "entity.html",
               "/entity/{eid}/profile": "profile.html",
               "/document/{did}": "document.html", "/sources": "sources.html", "/timeline": "timeline.html",
               "/docs": "docs.html", "/review": "review.html", "/corrections": "corrections.html"}


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token: the store holds months of work."""
    if not is_loopback(host) and not token:
        raise ProxyatlasError(f"refusing to listen on {host} without a token: anyone who can reach it could "
                              "read the store; pass --token T (or set PROXYATLAS_TOKEN), or bind 127.0.0.1")


def create_app(db: str | os.PathLike[str] | None = None, token: str | None = None, *,
               max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The app over store `db` (None: $PROXYATLAS_DB or ./proxyatlas.db). `token` enables uploads."""
    app = FastAPI(title="proxyatlas", version=__version__, docs_url=None, redoc_url=None,
                  description="Provenance-backed knowledge graph of state-sponsored armed-group networks. "
                              "Every page of the web UI draws what one of these endpoints returns.")
    app.state.db = os.fspath(db) if db is not None else None
    app.state.token = token or None
    app.state.max_upload = max_upload
    app.include_router(router)
    app.include_router(review_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(ProxyatlasError)
    async def not_found(request: Request, exc: ProxyatlasError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    for route, filename in PAGE_ROUTES.items():
        _add_page(app, route, PAGES / filename)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # what a browser asks for on pages without a <link rel=icon> (raw JSON)
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    return app


def _add_page(app: FastAPI, route: str, file: Path) -> None:
    def page() -> FileResponse:
        return FileResponse(file, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    app.add_api_route(route, page, methods=["GET"], include_in_schema=False, name=f"page:{file.stem}")


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    check_bind(host, token)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info")
