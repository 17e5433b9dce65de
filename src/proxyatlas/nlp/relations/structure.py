"""Parts and wholes: "the IRGC's Muhammad Rasul Allah Corps", "Douglas Sims of the Joint Staff",
"the Fatehin are a Basij special unit", "the IRGC (IRGC) Quds Force" (part_of, member_of)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import category, entity, etype, has_cue, named_by, named_by_head, pobjs
from .candidates import UNIT_CATEGORIES, Candidate, RelationContext


def possessives(ctx: RelationContext) -> Iterator[Candidate]:
    for t in ctx.doc:
        if t.dep_ != "poss":
            continue
        owners = named_by(ctx, t)
        owned = named_by_head(ctx, t.head, 0)  # "Yemen's Houthis, Hamas ...": only what is owned
        for owner in owners:
            for item in owned:
                if item == owner or etype(ctx, item) != "organization":
                    continue
                if etype(ctx, owner) == "organization" and category(ctx, item) in UNIT_CATEGORIES \
                        and category(ctx, owner) == "state_body":
                    yield Candidate("part_of", item, owner, [t, t.head], descriptive=True)
                elif etype(ctx, owner) == "country" and category(ctx, item) == "armed_group":
                    yield Candidate("operates_in", item, owner, [t, t.head], descriptive=True)


def of_phrases(ctx: RelationContext) -> Iterator[Candidate]:
    """"Douglas Sims of the Joint Staff" (member_of); "the Quds Force of Iran's IRGC" (part_of)."""
    for t in ctx.doc:
        owner = entity(ctx, t)
        if owner is None or etype(ctx, owner) == "person" and t.dep_ == "pobj" and t.head.lower_ == "of":
            continue  # "the killing of X of the IRGC" says nothing about X's membership
        for whole in (e for p in pobjs(t, {"of"}) for e in named_by(ctx, p)):
            if whole == owner or etype(ctx, whole) != "organization":
                continue
            if etype(ctx, owner) == "person":
                yield Candidate("member_of", owner, whole, [t])
            elif etype(ctx, owner) == "organization" and category(ctx, owner) in UNIT_CATEGORIES \
                    and category(ctx, whole) == "state_body":
                yield Candidate("part_of", owner, whole, [t], descriptive=True)


def units(ctx: RelationContext) -> Iterator[Candidate]:
    doc = ctx.doc
    for t in doc:
        if not has_cue("part_nouns", t) or entity(ctx, t):
            continue
        if t.dep_ == "attr":
            members = [e for c in t.head.children if c.dep_ == "nsubj" for e in named_by(ctx, c)]
        elif t.dep_ == "appos":
            members = named_by(ctx, t.head)
        else:  # "Hamas's armed wing, the Qassam Brigades"
            members = [e for c in t.children if c.dep_ == "appos" for e in named_by(ctx, c)]
            if not members:
                continue
        wholes = [e for c in t.children if c.dep_ in {"compound", "poss", "nmod"} and (e := entity(ctx, c))]
        wholes += [e for p in pobjs(t, {"of", "from", "within", "inside"}) for e in named_by(ctx, p)]
        for member in members:
            for whole in wholes:
                if etype(ctx, member) == "organization" and etype(ctx, whole) == "organization":
                    yield Candidate("part_of", member, whole, [t])
    for parent, (unit, token) in units_after(ctx).items():
        yield Candidate("part_of", unit, parent, [token], descriptive=True)


def units_after(ctx: RelationContext) -> dict[str, tuple[str, Token]]:
    """"the Iranian Revolutionary Guard Corps (IRGC) Quds Force": a unit named right after its parent."""
    doc = ctx.doc
    out: dict[str, tuple[str, Token]] = {}
    spans = sorted(((m.start, m.end, eid) for m, eid in ctx.resolved.mention_entity), key=lambda x: x[0])
    for (_, e1, a), (s2, _, b) in zip(spans, spans[1:]):
        only_brackets = all(t.text in {"(", ")"} for t in doc[e1:s2])
        if not only_brackets or a == b:
            continue
        if etype(ctx, a) == etype(ctx, b) == "organization" and category(ctx, a) == "state_body" \
                and category(ctx, b) in UNIT_CATEGORIES:
            out[a] = (b, doc[s2])
    return out
