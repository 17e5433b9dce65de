"""The JSON endpoints under /api/: each is one call of `proxyatlas.api` (the same functions the
CLI drives), plus what a page needs around it (coordinates for the map, paging, a context
window around an evidence sentence). Every page of the UI draws what one of these returns.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from .. import api
from ..ontology import load_ontology
from ..profile import render as render_profile
from ..profile.facts import places
from ..store import open_store
from ..store.keys import bounds, sort_key
from .cache import cached
from .neighbourhood import entities_by_id
from .neighbourhood import neighbourhood as _neighbourhood

router = APIRouter(prefix="/api")
Hedge = Literal["asserted", "reported", "alleged", "speculative", "denied"]
UPLOAD_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}
CHUNK = 1 << 16
NAME_CHARS = 100  # of an uploaded file's name as stored for ingest


def _db(request: Request) -> str | None:
    return request.app.state.db  # type: ignore[no-any-return]


def _json(data: Any) -> Response:
    """JSON as it is (no re-encoding pass: big neighbourhoods go out fast)."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


@router.get("/config")
def config(request: Request) -> Response:
    """What the UI may offer: uploads and corrections only when the server has a token."""
    from .. import __version__

    onto = load_ontology()
    writable = request.app.state.token is not None
    return _json({"version": __version__, "uploads": writable, "corrections": writable,
                  "ontology": {"entity_types": onto.entity_types, "categories": onto.categories,
                               "relation_types": list(onto.relation_types), "hedges": onto.hedges}})


@router.get("/home")
def home(request: Request, latest: int = Query(10, ge=1, le=100)) -> Response:
    """Counts, the most central actors and the latest documents."""
    db = _db(request)
    stats = cached(db, "graph_stats", lambda: api.graph_stats(db=db))
    docs = cached(db, "documents", lambda: api.documents(db=db))
    newest = sorted(docs, key=lambda d: (sort_key(d["published"]), d["ingested"] or ""), reverse=True)
    newest = [d for d in newest if d["published"]] + [d for d in newest if not d["published"]]
    return _json({"counts": {"documents": len(docs), "entities": stats["entities"],
                             "relations": stats["relations"],
                             "sources": len({d["source"].casefold() for d in docs if d["source"]})},
                  "central": stats["central"], "latest": newest[:latest]})


@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200),
           limit: int = Query(10, ge=1, le=50)) -> Response:
    """Entities whose name or any alias contains `q`, with the alias that matched."""
    found = api.entities(db=_db(request), name=q)[:limit]
    needle = q.casefold()
    for item in found:
        names = [item["name"], *item["aliases"]]
        item["match"] = next((n for n in names if needle in n.casefold()), item["name"])
    return _json(found)


@router.get("/entities")
def entities(request: Request, type: str | None = None, category: str | None = None, name: str | None = None,
             limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0)) -> Response:
    return _json(api.entities(db=_db(request), type=type, category=category, name=name)[offset : offset + limit])


@router.get("/entity/{entity}")
def entity(request: Request, entity: str, evidence: int = Query(5, ge=1, le=1000)) -> Response:
    """`show` of one entity, at most `evidence` evidence rows per relation (with the total), and
    the coordinates of where it is or operates for the map."""
    data = api.show(entity, db=_db(request))
    for rel in data["relations_out"] + data["relations_in"]:
        rel["evidence_total"] = len(rel["evidence"])
        rel["evidence"] = rel["evidence"][:evidence]
    _name_claimants(_db(request), data["relations_out"] + data["relations_in"])
    data["places"] = _places(data)
    return _json(data)


def _name_claimants(db: str | None, rels: list[dict[str, Any]]) -> None:
    """Add `attributed_name` to each evidence row whose claim is attributed to an entity."""
    rows = [ev for rel in rels for ev in rel["evidence"] if ev["attributed_to"]]
    if not rows:
        return
    with open_store(db) as store:
        found = entities_by_id(store, {ev["attributed_to"] for ev in rows})
    for ev in rows:
        ev["attributed_name"] = found.get(ev["attributed_to"], {}).get("name", ev["attributed_to"])


def _places(data: dict[str, Any]) -> list[dict[str, Any]]:
    names = {k: v for event in data["events"] for k, v in event["names"].items()}
    return places(data["entity"], data["relations_out"], data["events"], names)


@router.get("/profile/{entity}")
def profile(request: Request, entity: str, as_of: str | None = None,
            min_sources: int | None = Query(None, ge=1)) -> Response:
    """The actor's dossier as data: sections of sentences, each with numbered notes that link
    the evidence sentence in its document page; `places` for the map."""
    return _json(api.profile(entity, db=_db(request), as_of=as_of, min_sources=min_sources))


@router.get("/profile/{entity}/download")
def profile_download(request: Request, entity: str, format: Literal["md", "html", "pdf"] = "pdf",
                     as_of: str | None = None, min_sources: int | None = Query(None, ge=1)) -> Response:
    """The dossier as a Markdown, HTML or PDF file (an attachment named after the actor's id)."""
    data = api.profile(entity, db=_db(request), as_of=as_of, min_sources=min_sources)
    body = render_profile(data, format)
    media = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", data["entity"]["id"])
    return Response(body, media_type=media[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}-profile.{format}"'})


@router.get("/relations")
def relations(request: Request, type: str | None = None, source: str | None = None, target: str | None = None,
              min_sources: int | None = Query(None, ge=1), hedge: Hedge | None = None, as_of: str | None = None,
              limit: int = Query(500, ge=1, le=10000)) -> Response:
    found = api.relations(db=_db(request), type=type, source=source, target=target, min_sources=min_sources,
                          hedge=hedge, as_of=as_of)[:limit]
    _name_claimants(_db(request), found)
    return _json(found)


@router.get("/neighbourhood")
def neighbourhood(request: Request, entity: str, hops: int = Query(2, ge=1, le=3), type: str | None = None,
                  hedge: Hedge | None = None, min_sources: int | None = Query(None, ge=1),
                  category: str | None = None, as_of: str | None = None,
                  max_nodes: int = Query(150, ge=2, le=1000), max_edges: int = Query(400, ge=1, le=5000)) -> Response:
    """The relations within `hops` of one entity (no evidence: /api/relations has it), for the network page."""
    with open_store(_db(request)) as store:
        return _json(_neighbourhood(store, entity, hops=hops, type=type, hedge=hedge, min_sources=min_sources,
                                    category=category, as_of=as_of, max_nodes=max_nodes,
                                    max_edges=max_edges))


@router.get("/path")
def path(request: Request, a: str, b: str, max_hops: int = Query(4, ge=1, le=10)) -> Response:
    return _json(api.path(a, b, db=_db(request), max_hops=max_hops))


@router.get("/timeline")
def timeline(request: Request, entity: str | None = None, limit: int = Query(2000, ge=1, le=20000)) -> Response:
    """Events and statements in date order, each with `start`/`end` days for drawing (the
    publication day, `undated`: true, where the text fixes no date)."""
    items = api.timeline(entity, db=_db(request))
    for item in items:
        start, end = bounds(item["date"])
        if start is None:
            start, end = bounds(item["published"])
            item["undated"] = True
        item["start"], item["end"] = start, end
    drawn = [i for i in items if i["start"]]
    return _json({"total": len(items), "items": drawn[:limit], "undrawable": len(items) - len(drawn)})


@router.get("/events")
def events(request: Request, type: str | None = None, actor: str | None = None, place: str | None = None,
           date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
           min_sources: int | None = Query(None, ge=1), limit: int = Query(500, ge=1, le=10000)) -> Response:
    """Events resolved across documents, as `proxyatlas events --format json` gives them."""
    found = api.events(db=_db(request), type=type, actor=actor, place=place, date_from=date_from, date_to=date_to,
                       min_sources=min_sources)
    return _json({"total": len(found), "events": found[:limit]})


@router.get("/numbers/{entity}")
def numbers(request: Request, entity: str, unit: str | None = None) -> Response:
    """Numbers claimed about an actor, grouped by what they count, as `proxyatlas numbers` gives them."""
    return _json(api.numbers(entity, db=_db(request), unit=unit))


@router.get("/as_of")
def as_of(request: Request, date: str, limit: int = Query(500, ge=1, le=10000),
          offset: int = Query(0, ge=0)) -> Response:
    """The relations valid on `date`, a page of them: {date, total, offset, relations}."""
    return _json(api.as_of(date, db=_db(request), limit=limit, offset=offset))


@router.get("/sources")
def sources(request: Request) -> Response:
    return _json(api.sources(db=_db(request)))


@router.get("/conflicts")
def conflicts(request: Request) -> Response:
    return _json(api.conflicts(db=_db(request)))


@router.get("/documents")
def documents(request: Request, source: str | None = None, limit: int = Query(200, ge=1, le=20000),
              offset: int = Query(0, ge=0)) -> Response:
    docs = api.documents(db=_db(request))
    if source is not None:
        docs = [d for d in docs if (d["source"] or "").casefold() == source.casefold()]
    return _json({"total": len(docs), "documents": docs[offset : offset + limit]})


@router.get("/document/{doc_id}")
def document(request: Request, doc_id: str) -> Response:
    data = api.document(doc_id, db=_db(request))
    _name_claimants(_db(request), data["relations"])
    return _json(data)


@router.get("/document/{doc_id}/context")
def context(request: Request, doc_id: str, start: int = Query(..., ge=0), end: int = Query(..., ge=0),
            pad: int = Query(300, ge=0, le=5000)) -> Response:
    """The text around a span (an evidence sentence): about `pad` characters each side, cut at word boundaries."""
    text = api.document(doc_id, db=_db(request))["text"]
    start, end = min(start, len(text)), min(max(start, end), len(text))
    lo, hi = max(0, start - pad), min(len(text), end + pad)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return _json({"document": doc_id, "before": ("…" if lo > 0 else "") + text[lo:start], "text": text[start:end],
                  "after": text[end:hi] + ("…" if hi < len(text) else ""), "start": start, "end": end})


@router.get("/graph_stats")
def graph_stats(request: Request) -> Response:
    db = _db(request)
    return _json(cached(db, "graph_stats", lambda: api.graph_stats(db=db)))


@router.post("/ingest")
async def ingest(request: Request) -> Response:
    """Upload documents (multipart field `files`; optional `source`, `published`) and ingest them.
    Needs the server's token in `Authorization: Bearer TOKEN`; without a server token: read-only."""
    _authorize(request)
    limit: int = request.app.state.max_upload
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "send a Content-Length")
    if int(length) > limit:
        raise HTTPException(413, f"upload of {int(length)} bytes is over the limit of {limit} bytes")
    form = await request.form(max_files=50, max_fields=10)
    meta = {k: str(form[k]).strip() or None for k in ("source", "published") if isinstance(form.get(k), str)}
    uploads = [f for f in form.getlist("files") if not isinstance(f, str)]
    if not uploads:
        raise HTTPException(400, "no files: send them in the multipart field 'files'")
    with tempfile.TemporaryDirectory(prefix="proxyatlas-upload-") as folder:
        paths, total = [], 0
        for n, upload in enumerate(uploads):
            name = _safe_name(upload.filename or "", n)
            target = Path(folder) / name
            with target.open("wb") as out:
                while chunk := await upload.read(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise HTTPException(413, f"upload is over the limit of {limit} bytes")
                    out.write(chunk)
            paths.append(str(target))
        db = _db(request)
        try:
            report = await run_in_threadpool(api.ingest, paths, db=db, source=meta.get("source"),
                                             published=meta.get("published"))
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from exc
    failed = [(Path(p).name, reason.replace(folder + "/", "")) for p, reason in report.failed]
    return _json({"added": report.added, "unchanged": report.unchanged, "failed": failed,
                  "new_entities": report.new_entities, "new_relations": report.new_relations,
                  "documents": report.documents})


def _authorize(request: Request) -> None:
    token: str | None = request.app.state.token
    if token is None:
        raise HTTPException(403, "this server is read-only: start it with --token (or PROXYATLAS_TOKEN) to "
                                 "accept uploads and corrections")
    given = request.headers.get("authorization", "")
    given = given[7:] if given[:7].lower() == "bearer " else ""
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "a valid token is required: send Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


def _safe_name(filename: str, n: int) -> str:
    """The file's base name with only safe characters, at most NAME_CHARS of them (a file system
    refuses names over 255 bytes), and a supported extension (else 400)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename.replace("\\", "/")).name).lstrip(".") or "upload"
    suffix = Path(base).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(400, f"{filename!r:.200}: unsupported file type {suffix or '(none)'!r}; "
                                 f"supported: {' '.join(sorted(UPLOAD_SUFFIXES))}")
    return f"{n:03d}-{base[: NAME_CHARS - len(suffix)]}{suffix}"
