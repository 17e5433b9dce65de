"""Where organisations operate: "Hezbollah in Lebanon", "Amal operates in Lebanon", "In Iraq, the
PMU ...", "the Iraqi PMU", "has deployed troops to Mali" (operates_in)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import category, cues, entity, etype, has_cue, named_by, pobjs, subject_of
from .candidates import Candidate, RelationContext


def deployments(ctx: RelationContext) -> Iterator[Candidate]:
    """"Russia's Africa Corps has deployed 2,000 troops to Mali, Burkina Faso and Niger"."""
    for v in ctx.doc:
        if v.pos_ != "VERB" or not has_cue("deploy_verbs", v):
            continue
        objects = [c for c in v.children if c.dep_ == "dobj"]
        phrases = pobjs(v, {"to", "into"}) + [p for o in objects for p in pobjs(o, {"to", "into"})]
        places = [e for p in phrases for e in named_by(ctx, p) if etype(ctx, e) in {"country", "place"}]
        for org in subject_of(ctx, v):
            for place in places:
                yield Candidate("operates_in", org, place, [v])


def locations(ctx: RelationContext) -> Iterator[Candidate]:
    for prep in ctx.doc:
        if prep.dep_ != "prep" or prep.lower_ not in cues()["location_preps"]:
            continue
        places = [e for p in prep.children if p.dep_ == "pobj" for e in named_by(ctx, p)
                  if etype(ctx, e) in {"country", "place"}]
        if not places:
            continue
        head = prep.head
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            operating = has_cue("operate_verbs", head) or any(
                c.dep_ == "acomp" and has_cue("operate_verbs", c) for c in head.children)  # "are active in"
            if operating:
                for org in subject_of(ctx, head):
                    for place in places:
                        yield Candidate("operates_in", org, place, [head, prep])
            elif prep.i == prep.sent.start or prep.i == prep.sent.start + 1 and ctx.doc[prep.sent.start].is_punct:
                # "In Iraq, the umbrella group ... includes": a fronted location frames the subject.
                for org in subject_of(ctx, head):
                    for place in places:
                        yield Candidate("operates_in", org, place, [prep], descriptive=True)
            continue
        orgs = _orgs_just_before(ctx, prep)
        between = ctx.doc[head.i + 1 : prep.i]
        if not orgs and not entity(ctx, head) and not any(t.is_punct or t.dep_ == "cc" for t in between):
            orgs = [e for e in named_by(ctx, head) if _first_mention_before(ctx, e, prep.i)]
        for org in orgs:
            for place in _places_until_next_org(ctx, prep, places):
                yield Candidate("operates_in", org, place, [head, prep], descriptive=True)
    # "the Iraqi PMU", "Lebanese Hezbollah": a demonym on an armed group.
    for t in ctx.doc:
        country = entity(ctx, t)
        if country and etype(ctx, country) == "country" and t.dep_ in {"amod", "compound"}:
            group = entity(ctx, t.head)
            if group and group != country and category(ctx, group) == "armed_group":
                yield Candidate("operates_in", group, country, [t], descriptive=True)


def _orgs_just_before(ctx: RelationContext, prep: Token) -> list[str]:
    """"the PIJ and Hamas in Gaza", "Houthi rebels in Yemen": the coordinated organisations
    written right before a location phrase (read linearly: the parser often misattaches these)."""
    found: list[str] = []
    i = prep.i - 1
    while i >= prep.sent.start:
        token = ctx.doc[i]
        eid = entity(ctx, token)
        if eid and etype(ctx, eid) == "organization":
            if eid not in found:
                found.append(eid)
        elif eid or not (token.lower_ in {"and", "the"} or (has_cue("group_nouns", token) and not found)):
            break
        i -= 1
    return found


def _first_mention_before(ctx: RelationContext, eid: str, index: int) -> bool:
    return any(m.start < index for m, e in ctx.resolved.mention_entity if e == eid)


def _places_until_next_org(ctx: RelationContext, prep: Token, places: list[str]) -> list[str]:
    """"in Gaza and the West Bank and the Houthis in Yemen": places stop at the next organisation."""
    stop = next((t.i for t in ctx.doc[prep.i + 1 : prep.sent.end]
                 if ((e := entity(ctx, t)) and etype(ctx, e) == "organization")
                 or (t.dep_ == "prep" and t.lower_ in cues()["location_preps"])), prep.sent.end)
    allowed = {e for m, e in ctx.resolved.mention_entity if prep.i < m.start < stop}
    return [p for p in places if p in allowed]
