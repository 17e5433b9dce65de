"""Parts and wholes (part_of, member_of; leads for "Haftar's army"):

  possessives  "the IRGC's Muhammad Rasul Allah Corps", "Hezbollah's Political Council", "Haftar's LNA"
  of-phrases   "Douglas Sims of the Joint Staff", "the Quds Force of Iran's IRGC"
  units        "the Fatehin are a Basij special unit", "Hamas's armed wing, the Qassam Brigades",
               "the Qassam Brigades, its armed wing", "whose armed wing, the Quds Brigades",
               "X, one of the factions of Y", "the IRGC (IRGC) Quds Force", "X, the militia at the core
               of Y", "Y, whose backbone is X", "accused X of being an offshoot of Y"
  memberships  "X forms part of Y", "X is not part of Y", "X joined Y", "X was folded into Y", "Y, an
               alliance that includes A and B", "Y, an umbrella of A, B and C"
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Token

from ..phrases import (
    category,
    cues,
    entity,
    etype,
    has_cue,
    known_as,
    named_by,
    named_by_head,
    pobjs,
    relcl_antecedent,
    subject_of,
)
from .candidates import UNIT_CATEGORIES, Candidate, RelationContext
from .roles import PhraseRight, mention_bounds, named_at, predicate_anchor, scan_left, scan_right


def possessives(ctx: RelationContext) -> Iterator[Candidate]:
    """"the IRGC's Quds Force", "Hezbollah's Jihad Council" (part_of); "Yemen's Houthis" (operates_in);
    "Haftar's Libyan National Army" (a person's organisation is the one he leads)."""
    for t in ctx.tokens:
        if t.dep_ != "poss" or t.lower_ in {"its", "their", "his", "her", "whose"}:
            continue
        owners = named_by(ctx, t)
        owned = named_by_head(ctx, t.head, 0)  # "Yemen's Houthis, Hamas ...": only what is owned
        if not owned and t.i + 2 < len(ctx.doc) and ctx.doc[t.i + 1].tag_ == "POS":
            # "Lebanon's Hezbollah and Iraqi technicians": the parser may hang the possessive on a
            # later noun; the name written right after it is what it owns
            owned = [e for e in [named_at(ctx, t.i + 2)] if e]
        for owner in owners:
            for item in owned:
                if item == owner or etype(ctx, item) != "organization":
                    continue
                if etype(ctx, owner) == "organization":
                    yield Candidate("part_of", item, owner, [t, t.head], descriptive=True)
                elif etype(ctx, owner) == "person" and named_at(ctx, t.head.i):
                    # "Haftar's Libyan National Army" names the army by its leader: a description
                    yield Candidate("leads", owner, item, [t, t.head], descriptive=True)
                elif etype(ctx, owner) == "country" and category(ctx, item) == "armed_group":
                    yield Candidate("operates_in", item, owner, [t, t.head], descriptive=True)


def of_phrases(ctx: RelationContext) -> Iterator[Candidate]:
    """"Douglas Sims of the Joint Staff" (member_of); "the Quds Force of Iran's IRGC", "the Shura
    Council of Hezbollah" (part_of: a unit of a state body, or a body named as such)."""
    for t in ctx.tokens:
        owner = entity(ctx, t)
        if owner is None or etype(ctx, owner) == "person" and t.dep_ == "pobj" and t.head.lower_ == "of":
            continue  # "the killing of X of the IRGC" says nothing about X's membership
        # "the Department of the Treasury's Office": the "of"-phrase names a part of the owner, not its whole.
        of_phrases_ = [p for p in pobjs(t, {"of"}) if not any(c.dep_ == "poss" and entity(ctx, c) == owner
                                                              for c in p.children)]
        for whole in (e for p in of_phrases_ for e in named_by(ctx, p)):
            if whole == owner or etype(ctx, whole) != "organization":
                continue
            if etype(ctx, owner) == "person":
                yield Candidate("member_of", owner, whole, [t])
            elif etype(ctx, owner) == "organization" and (
                    category(ctx, owner) in UNIT_CATEGORIES and category(ctx, whole) == "state_body"
                    or has_cue("body_nouns", t) or has_cue("part_nouns", t)):
                yield Candidate("part_of", owner, whole, [t], descriptive=True)


def units(ctx: RelationContext) -> Iterator[Candidate]:
    doc = ctx.doc
    for t in doc:
        if not (has_cue("part_nouns", t) or has_cue("core_nouns", t)) or entity(ctx, t):
            continue
        members = _described_parts(ctx, t)
        if not members:
            continue
        wholes = [e for c in t.children if c.dep_ in {"compound", "nmod"} and (e := entity(ctx, c))]
        wholes += [e for c in t.children if c.dep_ == "poss" for e in _owner(ctx, c)]
        # Only the named head: in "the members of the Framework, Badr and AAH" the list is the members.
        wholes += [e for p in pobjs(t, {"of", "from", "within", "inside"}) for e in named_by_head(ctx, p, 0)]
        for member in members:
            for whole in wholes:
                if etype(ctx, member) == "organization" and etype(ctx, whole) == "organization":
                    anchor = predicate_anchor(t)  # an apposition describes (asserted), a predicate claims
                    yield Candidate("part_of", member, whole, anchor, descriptive=len(anchor) == 1)
    for parent, (unit, token) in units_after(ctx).items():
        yield Candidate("part_of", unit, parent, [token], descriptive=True)
    yield from apposed_parts(ctx)
    yield from listed_members(ctx)
    yield from memberships(ctx)


def listed_members(ctx: RelationContext) -> Iterator[Candidate]:
    """"the Axis's members Hezbollah, Hamas and the Houthis", "the members of the Framework, Badr
    and AAH, ...", "its member groups: A and B": organisations listed after a plural member noun."""
    doc = ctx.doc
    bounds = mention_bounds(ctx)
    for t in doc:
        if t.lemma_.lower() not in cues()["member_nouns"] or t.tag_ != "NNS" or t.i in bounds:
            continue
        right = scan_right(ctx, bounds, t.i + 1) if t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of" \
            else PhraseRight(t.i + 1)
        wholes = right.orgs or scan_left(ctx, bounds, t.i).orgs
        for member in _listed_orgs(ctx, bounds, right.end):
            for whole in wholes:
                if member != whole:
                    yield Candidate("part_of", member, whole, [t], descriptive=True)


def _listed_orgs(ctx: RelationContext, bounds: dict[int, tuple[int, int]], i: int) -> list[str]:
    """The organisations named one after another from token i ("A, B and the C"), past a colon or comma."""
    doc = ctx.doc
    if i < len(doc) and doc[i].text in {",", ":"}:
        i += 1
    found: list[str] = []
    while i < len(doc):
        if doc[i].lower_ == "the" and i + 1 in bounds:
            i += 1
        eid = named_at(ctx, i) if i in bounds else None
        if eid is None or etype(ctx, eid) != "organization":
            break
        found.append(eid)
        i = bounds[i][1]
        if i < len(doc) and doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].lower_ == "and":
            i += 1
        if i >= len(doc) or doc[i].text not in {",", "and"}:
            break
        i += 1
    return found


def apposed_parts(ctx: RelationContext) -> Iterator[Candidate]:
    """"the Qassam Brigades, its armed wing", "Hamas's armed wing, the Qassam Brigades, said", "PIJ,
    whose armed wing, the Quds Brigades, ...": a part noun and the name a comma sets beside it, read
    on the surface because the parser often takes such appositions for coordinations."""
    doc = ctx.doc
    bounds = mention_bounds(ctx)
    for t in doc:
        if t.i in bounds or not has_cue("part_nouns", t) or has_cue("group_nouns", t) and t.tag_ == "NNS":
            continue
        left = scan_left(ctx, bounds, t.i)
        right = scan_right(ctx, bounds, t.i + 1) if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in {
            "of", "within", "inside"} else PhraseRight(t.i + 1)
        before, after = _org_before_comma(ctx, bounds, left.start), _org_after_comma(ctx, bounds, right.end)
        # "PIJ, whose armed wing, the Quds Brigades": the owner stands before, the part after.
        member = after or before if doc[left.start].lower_ == "whose" else before or after
        if member is None:
            continue
        if member in left.orgs:  # "the Qassam Brigades, its armed wing": "its" is not the Brigades
            left = scan_left(ctx, bounds, t.i, frozenset({member}))
        for whole in right.orgs or left.orgs:
            if whole != member and etype(ctx, member) == etype(ctx, whole) == "organization":
                yield Candidate("part_of", member, whole, [t], descriptive=True)


def _org_before_comma(ctx: RelationContext, bounds: dict[int, tuple[int, int]], start: int) -> str | None:
    """"X, its armed wing", "X (XY), the group's branch", "X, one of the factions of Y"."""
    doc = ctx.doc
    i = start - 1
    if i >= 2 and doc[i].lower_ == "of" and doc[i - 1].lower_ in cues()["quantifiers"]:
        i -= 2
    if i < 1 or doc[i].text not in {",", ":", "):", "),"}:  # "X: an SNA faction" in a designation list
        return None
    if not doc[i].text.startswith(")"):  # "X (a.k.a. Y):" comes as one token after the alias
        i -= 1
    if doc[i].text.startswith(")"):
        while i > 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    eid = named_at(ctx, i) if i in bounds else None
    return eid if eid and etype(ctx, eid) == "organization" else None


def _org_after_comma(ctx: RelationContext, bounds: dict[int, tuple[int, int]], end: int) -> str | None:
    """"Hamas's armed wing, the Qassam Brigades, ...": an organisation's name closed by punctuation
    or a verb after the comma."""
    doc = ctx.doc
    i = end + 1
    if end >= len(doc) or doc[end].text != ",":
        return None
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i not in bounds:
        return None
    name_end = bounds[i][1]
    closed = name_end >= len(doc) or doc[name_end].text in {",", ".", "(", ";", ")"} \
        or doc[name_end].pos_ in {"VERB", "AUX"}
    eid = named_at(ctx, i)
    return eid if closed and eid and etype(ctx, eid) == "organization" else None


def _described_parts(ctx: RelationContext, part: Token) -> list[str]:
    """The organisations a part noun describes: "X is a unit of Y", "X, the armed wing of Y",
    "X began as the youth wing of Y", "Y's armed wing, X", "X, one of the factions of Y"."""
    if part.dep_ == "attr" or part.dep_ == "dobj" and part.head.lemma_.lower() in cues()["part_verbs"]:
        subjects = [c for c in part.head.children if c.dep_ == "nsubj"]  # "Both groups form part of Y"
        if not subjects:  # "accuses X of being an offshoot of Y", "X ... and is a unit of Y"
            return subject_of(ctx, part.head)
        return [e for c in subjects for e in known_as(ctx, c) or named_by(ctx, relcl_antecedent(c) or c)]
    if part.dep_ == "nsubj" and part.head.lemma_ == "be":  # "Y, whose backbone is X"
        return [e for c in part.head.children if c.dep_ == "attr" for e in named_by(ctx, c)]
    if part.dep_ == "pobj" and part.head.lower_ == "at" and part.head.head.pos_ in {"NOUN", "PROPN"}:
        return named_by(ctx, part.head.head)  # "X, the militia at the core of Y"
    if part.dep_ == "appos":
        return named_by(ctx, part.head)
    if part.dep_ == "pobj" and part.head.lower_ == "as":  # "X emerged as the armed wing of Y"
        return subject_of(ctx, part.head.head)
    one_of = part.head.head if part.dep_ == "pobj" and part.head.lower_ == "of" else None
    if one_of is not None and one_of.lower_ in cues()["quantifiers"]:
        description = one_of
        while description.dep_ == "conj" and description.head.i != description.i:  # "a faction formed in
            description = description.head  # 2012 and one of the factions of Y": the first conjunct's noun
        if description.dep_ == "appos":
            return named_by(ctx, description.head)
    return [e for c in part.children if c.dep_ == "appos" for e in named_by(ctx, c)]


def _owner(ctx: RelationContext, poss: Token) -> list[str]:
    """"its armed wing": what "its" refers to; "whose armed wing": the noun the clause describes."""
    if poss.lower_ == "whose":
        clause = poss.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        return named_by(ctx, clause.head) if clause.dep_ == "relcl" else []
    return named_by(ctx, poss)


def memberships(ctx: RelationContext) -> Iterator[Candidate]:
    """"X joined Y" (part_of for a group, member_of for a person); "Y, an alliance that includes A
    and B", "the coalition comprises A and B"; "Y, an umbrella of A, B and C"; "X sits on the
    council", "X inherited a seat on the council" (member_of)."""
    for t in ctx.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in cues()["seat_verbs"] or lemma in cues()["seat_nouns"] and t.dep_ == "dobj":
            bodies = [e for p in pobjs(t, {"on", "in"}) for e in named_by(ctx, p) if etype(ctx, e) == "organization"]
            for member in _subjects(ctx, t if t.pos_ == "VERB" else t.head):
                if etype(ctx, member) == "person":
                    yield from (Candidate("member_of", member, body, [t]) for body in bodies)
            continue
        if t.pos_ == "VERB" and lemma in cues()["merge_verbs"]:
            yield from _merged(ctx, t)
        elif t.pos_ == "VERB" and lemma in cues()["join_verbs"]:
            if any(c.dep_ == "pcomp" or c.pos_ == "NOUN" for p in t.children if p.dep_ == "prep" and p.lower_ == "in"
                   for c in p.children):
                continue  # "Hezbollah joined Hamas in condemning the strike", "in the attack": joined in an act
            wholes = [e for c in t.children if c.dep_ == "dobj" for e in named_by(ctx, c)]
            for member in _subjects(ctx, t):
                for whole in wholes:
                    rtype = "member_of" if etype(ctx, member) == "person" else "part_of"
                    yield Candidate(rtype, member, whole, [t])
        elif t.pos_ == "VERB" and lemma in cues()["include_verbs"]:
            members = [e for c in t.children if c.dep_ == "dobj" for e in _listed_in_front(ctx, c) + named_by(ctx, c)]
            # A name or an umbrella noun: not "Hezbollah's allies include the Houthis".
            subjects = [s for c in t.children if c.dep_ == "nsubj" for s in [relcl_antecedent(c) or c]]
            if not any(entity(ctx, s) or s.lemma_.lower() in cues()["collective_nouns"] for s in subjects):
                continue
            for whole in _subjects(ctx, t):
                for member in members:
                    yield Candidate("part_of", member, whole, [t])
        elif lemma in cues()["collective_nouns"] and not entity(ctx, t):
            members = [e for p in pobjs(t, {"of"}) for e in named_by(ctx, p)]
            wholes = named_by(ctx, t.head) if t.dep_ == "appos" else \
                [e for c in t.children if c.dep_ == "appos" for e in named_by(ctx, c)]
            for whole in wholes:
                for member in members:
                    yield Candidate("part_of", member, whole, [t])


def _merged(ctx: RelationContext, verb: Token) -> Iterator[Candidate]:
    """"Wagner's fighters are being folded into the Africa Corps", "Moscow integrated X into Y", "X
    merged into Y": what goes into the whole becomes part of it."""
    wholes = [e for e in (e for p in pobjs(verb, {"into"}) for e in named_by(ctx, p))
              if etype(ctx, e) == "organization"]
    if not wholes:
        return
    moved = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
    parts = [e for c in moved for e in named_by(ctx, relcl_antecedent(c) or c)] if moved else _subjects(ctx, verb)
    for part in parts:
        for whole in wholes:
            if part != whole and etype(ctx, part) == "organization":
                yield Candidate("part_of", part, whole, [verb])


def _listed_in_front(ctx: RelationContext, name: Token) -> list[str]:
    """"includes Badr and Asaib Ahl al-Haq": the parser may take a list's first name, with the rest
    coordinated to it, for a modifier of the last name."""
    own = entity(ctx, name)
    return [e for c in name.children if c.dep_ in {"nmod", "compound"} and any(g.dep_ == "cc" for g in c.children)
            and (e := entity(ctx, c)) and e != own]


def _subjects(ctx: RelationContext, verb: Token) -> list[str]:
    """A verb's subject, through a relative pronoun: "an alliance that includes A" is the alliance."""
    relatives = [r for c in verb.children if c.dep_ == "nsubj" and (r := relcl_antecedent(c)) is not None]
    # "Y, an umbrella that includes A": the umbrella is Y, named before it.
    return [e for r in relatives for e in named_by(ctx, r) or (named_by(ctx, r.head) if r.dep_ == "appos" else [])] \
        or subject_of(ctx, verb)


def units_after(ctx: RelationContext) -> dict[str, tuple[str, Token]]:
    """"the Iranian Revolutionary Guard Corps (IRGC) Quds Force": a unit named right after its parent."""
    doc = ctx.doc
    out: dict[str, tuple[str, Token]] = {}
    spans = sorted(((m.start, m.end, eid) for m, eid in ctx.resolved.mention_entity), key=lambda x: x[0])
    for (_, e1, a), (s2, _, b) in pairwise(spans):
        only_brackets = all(t.text in {"(", ")"} for t in doc[e1:s2])
        if not only_brackets or a == b:
            continue
        if etype(ctx, a) == etype(ctx, b) == "organization" and category(ctx, a) == "state_body" \
                and category(ctx, b) in UNIT_CATEGORIES:
            out[a] = (b, doc[s2])
    return out
