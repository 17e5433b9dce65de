"""Offices: "the commander of Y, X", "X, the late head of Y", "Y chief X", "under X's leadership",
"the brigades answer to the Quds Force" (leads and member_of)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import cue_word, cues, entity, etype, has_cue, named_by, pobjs, subject_of
from .candidates import Candidate, RelationContext


def roles(ctx: RelationContext) -> Iterator[Candidate]:
    for t in ctx.doc:
        rtype = _role_type(ctx, t)
        if rtype is None or entity(ctx, t):
            continue
        holders = _role_holders(ctx, t)
        orgs = [e for p in pobjs(t, {"of", "at", "for", "with", "in"}) for e in named_by(ctx, p)]
        orgs += [e for c in t.children if c.dep_ in {"compound", "nmod"} and (e := entity(ctx, c))]
        orgs += [e for c in t.children if c.dep_ == "poss" for e in named_by(ctx, c)]
        if not orgs:
            orgs = _org_just_before(ctx, t)  # "Houthi military spokesman X": hung on the name
        orgs = [ctx.unit_after.get(o, o) for o in orgs]
        ended = any(c.dep_ == "amod" and has_cue("role_ended", c) for c in t.children)
        for holder in holders:
            if etype(ctx, holder) != "person":
                continue
            for org in orgs:
                valid_to = _death_date(ctx, holder) if ended else None
                yield Candidate(rtype, holder, org, [t], valid_to=valid_to)


def _org_just_before(ctx: RelationContext, t: Token) -> list[str]:
    """The organisation or country written right before a role noun, past its adjectives and the
    first half of a two-word role ("Hezbollah Secretary-General X", "Iraqi Prime Minister X")."""
    i = t.i - 1
    if i >= 2 and ctx.doc[i].text == "-":
        i -= 2
    elif i >= 1 and f"{ctx.doc[i].lower_} {t.lower_}" in cues()["by_word"]["role_nouns"]:
        i -= 1
    while i >= 0 and ctx.doc[i].pos_ == "ADJ" and not entity(ctx, ctx.doc[i]):
        i -= 1
    eid = entity(ctx, ctx.doc[i]) if i >= 0 else None
    return [eid] if eid else []


def _role_type(ctx: RelationContext, t: Token) -> str | None:
    """leads or member_of for a role noun; "secretary-general" and "prime minister" are read
    whole, and an indefinite "a senior commander of X" is one of its commanders, not its head."""
    doc = ctx.doc
    roles = cues()["by_word"]["role_nouns"]
    # "secretary-general": read whole, at whichever half the parser made the head.
    if t.i >= 2 and doc[t.i - 1].text == "-" and f"{doc[t.i - 2].lower_}-{t.lower_}" in roles:
        return None if doc[t.i - 2].i == t.head.i else roles[f"{doc[t.i - 2].lower_}-{t.lower_}"]
    if t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
        whole = roles.get(f"{t.lower_}-{doc[t.i + 2].lower_}")
        return whole if whole and doc[t.i + 2].head.i == t.i else None
    if t.i >= 1:
        whole = roles.get(f"{doc[t.i - 1].lower_} {t.lower_}")
        if whole:
            return whole
    rtype = cue_word("role_nouns", t)
    if rtype == "leads" and any(c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in t.children):
        return "member_of"
    return rtype


def _role_holders(ctx: RelationContext, role: Token) -> list[str]:
    if role.dep_ == "appos":
        found = named_by(ctx, role.head)
        if found:
            return found
    holders = [e for c in role.children if c.dep_ == "appos" for e in named_by(ctx, c)]
    if holders:
        return holders
    if role.dep_ == "attr":
        return [e for c in role.head.children if c.dep_ == "nsubj" for e in named_by(ctx, c)]
    # "X was named secretary-general of Y", "Iran appointed X as commander of Y"
    naming = role.head if role.dep_ == "oprd" else role.head.head if (
        role.dep_ == "pobj" and role.head.lower_ == "as") else None
    if naming is not None:
        return [e for c in naming.children if c.dep_ in {"nsubjpass", "dobj"} for e in named_by(ctx, c)]
    # "the nominal ruler of Syria, namely Bashar Assad": the name in apposition to the "of"-phrase.
    holders = [e for p in pobjs(role, {"of"}) for c in p.children if c.dep_ == "appos"
               for e in named_by(ctx, c) if etype(ctx, e) == "person"]
    if holders:
        return holders
    # "IRGC chief Major General Mohammad Ali Jafari": the name right after the role and titles.
    doc = ctx.doc
    for i in range(role.i + 1, min(len(doc), role.i + 6)):
        eid = entity(ctx, doc[i])
        if eid:
            return [eid] if etype(ctx, eid) == "person" else []
        if doc[i].pos_ not in {"PROPN", "NOUN", "PUNCT"} or doc[i].text in {",", "(", ")"}:
            break
    return []


def _death_date(ctx: RelationContext, person: str) -> str | None:
    for event in ctx.events:
        if event.type == "killing" and person in event.targets and event.date:
            return event.date.split("/")[-1]
    return None


def answers_to(ctx: RelationContext) -> Iterator[Candidate]:
    """"the brigades answer to the Quds Force", "take orders from Iran": the other side leads."""
    for v in ctx.doc:
        if v.pos_ != "VERB":
            continue
        lemma = v.lemma_.lower()
        preps = {p for verb, p in (pair.split() for pair in cues()["answer_to"]) if verb == lemma}
        if not preps:
            continue
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lemma_.lower() in {"order", "instruction"}
                                       for c in v.children):
            continue
        commanders = [e for p in pobjs(v, preps) for e in named_by(ctx, p)]
        commanders += [e for c in v.children if c.dep_ == "dobj" for p in pobjs(c, preps) for e in named_by(ctx, p)]
        for led in subject_of(ctx, v):
            for commander in commanders:
                yield Candidate("leads", commander, led, [v])


def leadership(ctx: RelationContext) -> Iterator[Candidate]:
    """"under Soleimani's leadership", "under the command of X": X leads the group named before."""
    for t in ctx.doc:
        if t.lower_ != "under":
            continue
        for noun in (c for c in t.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() not in {"leadership", "command", "control", "direction", "guidance"}:
                continue
            leaders = [e for c in noun.children if c.dep_ == "poss" for e in named_by(ctx, c)]
            leaders += [e for p in pobjs(noun, {"of"}) for e in named_by(ctx, p)]
            led = _nearest_org_before(ctx, t, exclude=set(leaders))
            started = any(x.lower_ == "now" for x in ctx.doc[max(t.sent.start, t.i - 2) : t.i])
            for leader in leaders:
                if led:
                    yield Candidate("leads", leader, led, [t, noun],
                                    valid_from=ctx.published if started else None)


def _nearest_org_before(ctx: RelationContext, token: Token, exclude: set[str]) -> str | None:
    for i in range(token.i - 1, token.sent.start - 1, -1):
        eid = entity(ctx, ctx.doc[i])
        if eid and eid not in exclude and etype(ctx, eid) == "organization":
            return eid
    return None
