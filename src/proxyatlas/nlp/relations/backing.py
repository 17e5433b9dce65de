"""Verbs and participles of backing and the like: "Iranian-backed militia", "X backs Y",
"Y is backed by X", "X provides assistance to Y", "X advisors train fighters recruited for Y"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import (
    cue_word,
    entity,
    has_cue,
    is_passive,
    listed_after_dash,
    named_by,
    named_by_head,
    pobjs,
    relcl_antecedent,
    subject_of,
)
from .candidates import Candidate, RelationContext


def hyphens(ctx: RelationContext) -> Iterator[Candidate]:
    doc = ctx.doc
    for t in doc:
        if t.text not in {"-", "‐"} or t.i == 0 or t.i + 1 >= len(doc):
            continue
        modifier = entity(ctx, doc[t.i - 1])
        participle = doc[t.i + 1]
        rtype = cue_word("hyphen_participles", participle)
        if modifier is None or rtype is None:
            continue
        # Used attributively ("the Iran-backed Hezbollah") the participle describes; used as a
        # predicate ("the BJI is Iranian-led") it is a claim, hedged like any other.
        attributive = participle.dep_ not in {"acomp", "attr", "ROOT"}
        for target in _modified(ctx, participle):
            if rtype == "operates_in":
                yield Candidate("operates_in", target, modifier, [participle], descriptive=True)
            else:
                yield Candidate(rtype, modifier, target, [participle], descriptive=attributive)


def _modified(ctx: RelationContext, participle: Token) -> list[str]:
    """What a hyphenated participle describes: its noun, or the subject of "X is Iranian-led"."""
    if participle.dep_ in {"acomp", "attr"} or participle.dep_ == "ROOT":
        return [e for c in participle.head.children if c.dep_ == "nsubj" for e in named_by(ctx, c)]
    noun = participle.head if participle.head.i > participle.i and participle.head.pos_ in {"NOUN", "PROPN"} \
        else next((t for t in ctx.doc[participle.i + 1 : participle.i + 5] if t.pos_ in {"NOUN", "PROPN"}), None)
    # Only its own noun: in "IRGC-backed Kataib Hezbollah and the Nujaba movement" the second
    # group is not said to be IRGC-backed.
    return named_by_head(ctx, noun, 0) if noun is not None else []


def verbs(ctx: RelationContext) -> Iterator[Candidate]:
    for v in ctx.doc:
        if v.pos_ not in {"VERB", "AUX"}:
            continue
        rtype = cue_word("verbs", v)
        if rtype is not None:
            yield from _verb_relation(ctx, v, rtype)
        if has_cue("support_verbs", v):
            yield from _support_phrase(ctx, v)


def _coordinated_verbs(v: Token) -> list[Token]:
    """"is armed, funded and trained by X": the verbs of one coordination share subject and agent."""
    first = v
    while first.dep_ == "conj" and first.head.pos_ in {"VERB", "AUX"} and first.head.i != first.i:
        first = first.head
    return [first, *first.conjuncts]


def _verb_relation(ctx: RelationContext, v: Token, rtype: str) -> Iterator[Candidate]:
    if is_passive(v) or (v.dep_ == "conj" and any(is_passive(x) for x in _coordinated_verbs(v))):
        verbs = _coordinated_verbs(v)
        # A verb's own "by"-agent wins ("led by X and dominated by Y"); one without borrows it
        # from its coordination ("armed, funded and trained by X").
        own = [c for c in v.children if c.dep_ == "agent"]
        agent_preps = own or [c for x in verbs for c in x.children if c.dep_ == "agent"]
        agents = [e for c in agent_preps for p in c.children if p.dep_ == "pobj" for e in named_by(ctx, p)]
        patients: list[str] = []
        for c in (c for x in verbs for c in x.children):
            if c.dep_ == "nsubjpass":
                antecedent = relcl_antecedent(c)
                patients += named_by(ctx, antecedent or c)
        if not patients and v.dep_ in {"relcl", "acl"}:
            patients = named_by(ctx, v.head)
        if not patients:
            patients = listed_after_dash(ctx, v)
        sources, targets = agents, patients
    else:
        sources = subject_of(ctx, v)
        targets = []
        objects = [c for c in v.children if c.dep_ in {"dobj", "dative"}]
        if not objects:  # "Iran founded, funds and arms": coordinated verbs share one object
            objects = [c for x in _coordinated_verbs(v) for c in x.children if c.dep_ == "dobj"]
        for c in objects:
            c = relcl_antecedent(c) or c  # "the group that Iran founded"
            targets += named_by(ctx, c) or _recruited_for(ctx, c)
        if not objects:  # "the Quds Force is helping Hezbollah rebuild": the helped do the rest
            targets += [e for c in v.children if c.dep_ in {"ccomp", "xcomp"}
                        for s in c.children if s.dep_ == "nsubj" for e in named_by(ctx, s)]
        if rtype in {"opposes", "allied_with"}:
            targets += [e for p in pobjs(v, {"with", "against"}) for e in named_by(ctx, p)]
    for s in sources:
        for o in targets:
            yield Candidate(rtype, s, o, [v])


def _recruited_for(ctx: RelationContext, noun: Token) -> list[str]:
    """"fighters recruited for the BJI", "fighters of Hezbollah": whose fighters a generic noun names."""
    out = []
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"}:
            out += [e for p in pobjs(child, {"for", "by", "into"}) for e in named_by(ctx, p)]
    return out


def _support_phrase(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"X provides assistance to Y", "X sends weapons to Y", "X gave Y training"."""
    objects = [c for c in v.children if c.dep_ == "dobj"]
    for recipient in objects:
        # "Tehran provides the group with weapons, money and training"
        for thing in pobjs(recipient, {"with"}) + pobjs(v, {"with"}):
            for rtype in {cue_word("support_nouns", t) for t in [thing, *thing.conjuncts]} - {None}:
                for s in subject_of(ctx, v):
                    for o in named_by(ctx, recipient):
                        yield Candidate(rtype, s, o, [v, thing])  # type: ignore[arg-type]
    for obj in objects:
        rtype = cue_word("support_nouns", obj)
        if rtype is None:
            continue
        targets = [e for p in pobjs(v, {"to", "for"}) + pobjs(obj, {"to", "for"}) for e in named_by(ctx, p)]
        targets += [e for c in v.children if c.dep_ == "dative" for e in named_by(ctx, c)]
        for s in subject_of(ctx, v):
            for o in targets:
                yield Candidate(rtype, s, o, [v, obj])
