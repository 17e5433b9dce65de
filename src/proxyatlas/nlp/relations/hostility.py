"""Enmity and alliance: "X has relations with Y", "fought alongside Hezbollah", "X's enemy Y",
"their mutual enemy, Y" (opposes, allied_with)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import cue_word, cues, entity, etype, has_cue, named_by, named_by_head, pobjs, subject_of
from .candidates import Candidate, RelationContext


def with_verbs(ctx: RelationContext) -> Iterator[Candidate]:
    """"worked with the NDF", "fought alongside Hezbollah": alliance verbs with a partner."""
    for v in ctx.doc:
        if v.pos_ != "VERB" or not has_cue("with_verbs", v):
            continue
        partners = [e for p in pobjs(v, {"with", "alongside"}) for e in named_by(ctx, p)]
        for s in subject_of(ctx, v):
            for o in partners:
                yield Candidate("allied_with", s, o, [v])


def with_nouns(ctx: RelationContext) -> Iterator[Candidate]:
    """"X has relations with Y"; "Tensions have increased with their mutual enemy, Y"."""
    for noun in ctx.doc:
        rtype = cue_word("with_nouns", noun)
        at_war = noun.dep_ == "pobj" and noun.head.lower_ in {"at", "in"}  # "at war with", "in talks with"
        if rtype is None or not (noun.dep_ in {"dobj", "nsubj", "attr"} or at_war):
            continue
        verb = noun.head.head if at_war else noun.head
        partners = [e for p in pobjs(noun, {"with", "between", "against"}) + pobjs(verb, {"with", "against"})
                    for e in named_by(ctx, p)]
        # "relations with al-Shabab in Somalia and the Taliban in Afghanistan": the parser hangs the
        # second partner on the first one's place.
        places = pobjs(noun, set(cues()["location_preps"])) + pobjs(verb, set(cues()["location_preps"]))
        partners += [e for p in places for c in p.conjuncts
                     if (e := entity(ctx, c)) and etype(ctx, e) == "organization" and e not in partners]
        if noun.dep_ == "nsubj":
            sides = [e for p in pobjs(verb, {"with"}) for c in p.children if c.dep_ == "poss"
                     for e in _possessor(ctx, c)]
        else:
            sides = subject_of(ctx, verb)
        for s in sides:
            for o in partners:
                yield Candidate(rtype, s, o, [noun, verb])


def enemies(ctx: RelationContext) -> Iterator[Candidate]:
    """"X's enemy Y", "their mutual enemy, Y", "Russia, Assad's other main ally"."""
    for noun in ctx.doc:
        rtype = "opposes" if has_cue("enemy_nouns", noun) else "allied_with" if has_cue("ally_nouns", noun) else None
        if rtype is None or noun.lemma_.lower() in {"proxy", "client", "patron"}:
            continue
        owners = [e for c in noun.children if c.dep_ == "poss" for e in _possessor(ctx, c)]
        others = [e for c in noun.children if c.dep_ == "appos" for e in named_by(ctx, c)]
        if noun.dep_ == "appos":
            others += named_by_head(ctx, noun.head, 1)
        for s in owners:
            for o in others:
                yield Candidate(rtype, s, o, [noun])


def _possessor(ctx: RelationContext, token: Token) -> list[str]:
    """The actors a possessive names; "their" stands for the actors of the previous sentence."""
    if token.lower_ == "their":
        return _previous_sentence_actors(ctx, token)
    return named_by(ctx, token)


def _previous_sentence_actors(ctx: RelationContext, token: Token) -> list[str]:
    start = token.sent.start
    if start == 0:
        return []
    prev = ctx.doc[start - 1].sent
    root = prev.root
    found: list[str] = []
    for child in root.children:
        if child.dep_ in {"nsubj", "dobj"}:
            found += named_by(ctx, child)
        for p in pobjs(child, {"to", "with"}) if child.dep_ == "dobj" else []:
            found += named_by(ctx, p)
    for p in pobjs(root, {"to", "with"}):
        found += named_by(ctx, p)
    return [e for e in dict.fromkeys(found) if etype(ctx, e) in {"organization", "country"}]
