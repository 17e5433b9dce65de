"""The write side of the web UI: analysts' corrections and the review queue.

`POST /api/corrections` takes one action as JSON (`{"action": "confirm", "relation": ID,
"author": NAME}`, ...), checks the server's token before it reads the body (401, nothing
changed), validates the body against the action's model (422 naming the field), and calls
the same `proxyatlas.api` function as the CLI: 404 when the entity, relation, event or
correction does not exist, 422 when the store refuses the decision (already confirmed, not an alias...).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import api
from ..errors import NotFoundError, ProxyatlasError
from ..ontology import load_ontology
from .api import _authorize, _db, _json, _name_claimants
from .cache import cached

router = APIRouter(prefix="/api")
# the ontology's names as Literal types, so that a wrong one is a 422 naming the field (and an enum in /docs)
_ONTOLOGY = load_ontology()
RelationType: Any = Literal[tuple(_ONTOLOGY.relation_types)]
EntityType: Any = Literal[_ONTOLOGY.entity_types]
Category: Any = Literal[_ONTOLOGY.categories]
Hedge: Any = Literal[_ONTOLOGY.hedges]
Id = Annotated[str, Field(min_length=1, max_length=200)]


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")
    author: Annotated[str, Field(min_length=1, max_length=100, description="Who decides.")]
    reason: Annotated[str | None, Field(max_length=2000)] = None


class Confirm(_Action):
    action: Literal["confirm"]
    relation: Id


class Reject(_Action):
    action: Literal["reject"]
    relation: Id
    reason: Annotated[str, Field(min_length=1, max_length=2000, description="Why the relation is wrong.")]


class Retype(_Action):
    action: Literal["retype"]
    relation: Id
    type: RelationType


class Rehedge(_Action):
    action: Literal["rehedge"]
    relation: Id
    hedge: Hedge


class Merge(_Action):
    action: Literal["merge"]
    entity: Annotated[str, Field(min_length=1, max_length=200, description="The entity that stays.")]
    other: Annotated[str, Field(min_length=1, max_length=200, description="The entity merged into it.")]


class Split(_Action):
    action: Literal["split"]
    entity: Id
    alias: Annotated[str, Field(min_length=1, max_length=300)]


class Recategorise(_Action):
    action: Literal["recategorise"]
    entity: Id
    type: EntityType | None = None
    category: Category | None = None

    @model_validator(mode="after")
    def _something(self) -> Recategorise:
        if self.type is None and self.category is None:
            raise ValueError("give a type, a category or both")
        return self


class Alias(_Action):
    action: Literal["alias"]
    entity: Id
    alias: Annotated[str, Field(min_length=1, max_length=300)]


class MergeEvents(_Action):
    action: Literal["merge_events"]
    event: Annotated[str, Field(min_length=1, max_length=200, description="The event that stays.")]
    other: Annotated[str, Field(min_length=1, max_length=200, description="The event merged into it.")]


class SplitEvent(_Action):
    action: Literal["split_event"]
    event: Id
    document: Annotated[str, Field(min_length=1, max_length=200,
                                   description="The document whose reports become an event of their own.")]


class RejectEvent(_Action):
    action: Literal["reject_event"]
    event: Id
    reason: Annotated[str, Field(min_length=1, max_length=2000, description="Why it is no happening.")]


class Undo(_Action):
    action: Literal["undo"]
    correction: Id


# events have actions of their own: `merge` and `split` already name an entity's fields
Correction = Annotated[Confirm | Reject | Retype | Rehedge | Merge | Split | Recategorise | Alias | MergeEvents
                       | SplitEvent | RejectEvent | Undo, Field(discriminator="action")]


def _apply(body: Any, db: str | None) -> dict[str, Any]:
    """The one `proxyatlas.api` call an action stands for."""
    who = {"db": db, "author": body.author.strip(), "reason": body.reason}
    if isinstance(body, Confirm):
        return api.confirm(body.relation, **who)
    if isinstance(body, Reject):
        return api.reject(body.relation, **who)
    if isinstance(body, Retype):
        return api.retype(body.relation, body.type, **who)
    if isinstance(body, Rehedge):
        return api.rehedge(body.relation, body.hedge, **who)
    if isinstance(body, Merge):
        return api.merge(body.entity, body.other, **who)
    if isinstance(body, Split):
        return api.split(body.entity, body.alias, **who)
    if isinstance(body, Recategorise):
        return api.recategorise(body.entity, type=body.type, category=body.category, **who)
    if isinstance(body, Alias):
        return api.alias(body.entity, body.alias, **who)
    if isinstance(body, MergeEvents):
        return api.merge_events(body.event, body.other, **who)
    if isinstance(body, SplitEvent):
        return api.split_event(body.event, body.document, **who)
    if isinstance(body, RejectEvent):
        return api.reject_event(body.event, **who)
    return api.undo(body.correction, **who)


@router.post("/corrections", status_code=201, dependencies=[Depends(_authorize)])
def correct(request: Request, body: Annotated[Correction, Body()]) -> Any:
    """Record one correction (needs `Authorization: Bearer TOKEN`) and answer it as stored.
    Actions: confirm, reject (with a reason), retype, rehedge (a relation); merge, split,
    recategorise, alias (an entity); merge_events, split_event, reject_event (with a reason;
    an event); undo (a correction)."""
    try:
        record = _apply(body, _db(request))
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    except ProxyatlasError as exc:
        raise HTTPException(422, str(exc)) from exc
    response = _json(record)
    response.status_code = 201
    return response


@router.get("/corrections")
def corrections(request: Request, limit: int = Query(500, ge=1, le=10000)) -> Any:
    """Every correction, newest first (author, time, reason; `undone_by` names the undo)."""
    return _json(api.corrections(db=_db(request))[:limit])


@router.get("/review")
def review(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> Any:
    """Relations waiting for a decision, those whose decision changes the picture most first."""
    db = _db(request)

    def compute() -> dict[str, Any]:
        found = api.review_queue(db=db, limit=limit, offset=offset)
        _name_claimants(db, found["items"])
        return found

    return _json(cached(db, f"review:{limit}:{offset}", compute))


@router.get("/auth", dependencies=[Depends(_authorize)])
def auth() -> Any:
    """Answers 200 when `Authorization: Bearer TOKEN` carries the server's token (the sign-in check)."""
    return _json({"ok": True})
