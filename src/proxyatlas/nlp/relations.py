"""Relations between entities, from dependency patterns and the cue lexicon data/cues/relations.yaml.

Each pattern family is one function yielding `Candidate`s; `find_relations` hedges them
(nlp/hedges.py), checks them against the ontology and merges duplicates, keeping every
supporting sentence as evidence and the surest hedge. Families:

  roles        "the commander of Y, X", "X, the late head of Y", "Y chief X", "X, a fellow of Y"
  hyphens      "Iranian-backed militia", "an IRGC-created militia, the NDF", "Lebanese-based group"
  possessives  "the IRGC's Muhammad Rasul Allah Corps", "Yemen's Houthis"
  units        "the Fatehin are a Basij special unit from the IRGC's ... Corps", "IRGC (IRGC) Quds Force"
  verbs        "X backs Y", "Y is backed by X", "X provides assistance to Y", "X advisors train fighters
               recruited for Y", "groups backed by X – A, B and C"
  with-nouns   "X has relations with Y", "tensions with their mutual enemy, Y"
  leadership   "under X's leadership", "under the command of X"
  locations    "Hezbollah in Lebanon", "PIJ and Hamas in Gaza and the West Bank", "Amal operates in
               Lebanon", "In Iraq, the PMU ...", "the Iraqi PMU"
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import HEDGES, Event, Relation, Statement
from ..ontology import load_ontology
from .attribution import Quote
from .hedges import hedge_for
from .phrases import (PhraseContext, category, cue_word, cues, entity, etype, has_cue, is_passive,
                      listed_after_dash, named_by, named_by_head, pobjs, relcl_antecedent, subject_of)
from .resolve import Resolved
from .statements import evidence_of

_LOCATED = {"armed_group", "state_body", "political", "other"}
_UNIT_CATEGORIES = {"armed_group", "state_body"}


@dataclass
class Candidate:
    type: str
    source: str
    target: str
    anchor: list[Token]
    descriptive: bool = False  # an identifying description ("Hezbollah in Lebanon"): asserted
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass
class _Context(PhraseContext):
    published: str | None
    events: list[Event] = field(default_factory=list)
    # "the IRGC (IRGC) Quds Force": parent organisation -> the unit named right after it.
    unit_after: dict[str, str] = field(default_factory=dict)


# --- pattern families ---------------------------------------------------------------------------

def _roles(ctx: _Context) -> Iterator[Candidate]:
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


def _org_just_before(ctx: _Context, t: Token) -> list[str]:
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


def _role_type(ctx: _Context, t: Token) -> str | None:
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


def _role_holders(ctx: _Context, role: Token) -> list[str]:
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


def _death_date(ctx: _Context, person: str) -> str | None:
    for event in ctx.events:
        if event.type == "killing" and person in event.targets and event.date:
            return event.date.split("/")[-1]
    return None


def _hyphens(ctx: _Context) -> Iterator[Candidate]:
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


def _modified(ctx: _Context, participle: Token) -> list[str]:
    """What a hyphenated participle describes: its noun, or the subject of "X is Iranian-led"."""
    if participle.dep_ in {"acomp", "attr"} or participle.dep_ == "ROOT":
        return [e for c in participle.head.children if c.dep_ == "nsubj" for e in named_by(ctx, c)]
    noun = participle.head if participle.head.i > participle.i and participle.head.pos_ in {"NOUN", "PROPN"} \
        else next((t for t in ctx.doc[participle.i + 1 : participle.i + 5] if t.pos_ in {"NOUN", "PROPN"}), None)
    # Only its own noun: in "IRGC-backed Kataib Hezbollah and the Nujaba movement" the second
    # group is not said to be IRGC-backed.
    return named_by_head(ctx, noun, 0) if noun is not None else []


def _possessives(ctx: _Context) -> Iterator[Candidate]:
    for t in ctx.doc:
        if t.dep_ != "poss":
            continue
        owners = named_by(ctx, t)
        owned = named_by_head(ctx, t.head, 0)  # "Yemen's Houthis, Hamas ...": only what is owned
        for owner in owners:
            for item in owned:
                if item == owner or etype(ctx, item) != "organization":
                    continue
                if etype(ctx, owner) == "organization" and category(ctx, item) in _UNIT_CATEGORIES \
                        and category(ctx, owner) == "state_body":
                    yield Candidate("part_of", item, owner, [t, t.head], descriptive=True)
                elif etype(ctx, owner) == "country" and category(ctx, item) == "armed_group":
                    yield Candidate("operates_in", item, owner, [t, t.head], descriptive=True)


def _of_phrases(ctx: _Context) -> Iterator[Candidate]:
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
            elif etype(ctx, owner) == "organization" and category(ctx, owner) in _UNIT_CATEGORIES \
                    and category(ctx, whole) == "state_body":
                yield Candidate("part_of", owner, whole, [t], descriptive=True)


def _units(ctx: _Context) -> Iterator[Candidate]:
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
    for parent, (unit, token) in _units_after(ctx).items():
        yield Candidate("part_of", unit, parent, [token], descriptive=True)


def _units_after(ctx: _Context) -> dict[str, tuple[str, Token]]:
    """"the Iranian Revolutionary Guard Corps (IRGC) Quds Force": a unit named right after its parent."""
    doc = ctx.doc
    out: dict[str, tuple[str, Token]] = {}
    spans = sorted(((m.start, m.end, eid) for m, eid in ctx.resolved.mention_entity), key=lambda x: x[0])
    for (_, e1, a), (s2, _, b) in zip(spans, spans[1:]):
        only_brackets = all(t.text in {"(", ")"} for t in doc[e1:s2])
        if not only_brackets or a == b:
            continue
        if etype(ctx, a) == etype(ctx, b) == "organization" and category(ctx, a) == "state_body" \
                and category(ctx, b) in _UNIT_CATEGORIES:
            out[a] = (b, doc[s2])
    return out


def _verbs(ctx: _Context) -> Iterator[Candidate]:
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


def _verb_relation(ctx: _Context, v: Token, rtype: str) -> Iterator[Candidate]:
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


def _recruited_for(ctx: _Context, noun: Token) -> list[str]:
    """"fighters recruited for the BJI", "fighters of Hezbollah": whose fighters a generic noun names."""
    out = []
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"}:
            out += [e for p in pobjs(child, {"for", "by", "into"}) for e in named_by(ctx, p)]
    return out


def _support_phrase(ctx: _Context, v: Token) -> Iterator[Candidate]:
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


def _answers_to(ctx: _Context) -> Iterator[Candidate]:
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


def _with_verbs(ctx: _Context) -> Iterator[Candidate]:
    """"worked with the NDF", "fought alongside Hezbollah": alliance verbs with a partner."""
    for v in ctx.doc:
        if v.pos_ != "VERB" or not has_cue("with_verbs", v):
            continue
        partners = [e for p in pobjs(v, {"with", "alongside"}) for e in named_by(ctx, p)]
        for s in subject_of(ctx, v):
            for o in partners:
                yield Candidate("allied_with", s, o, [v])


def _with_nouns(ctx: _Context) -> Iterator[Candidate]:
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


def _enemies(ctx: _Context) -> Iterator[Candidate]:
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


def _possessor(ctx: _Context, token: Token) -> list[str]:
    """The actors a possessive names; "their" stands for the actors of the previous sentence."""
    if token.lower_ == "their":
        return _previous_sentence_actors(ctx, token)
    return named_by(ctx, token)


def _previous_sentence_actors(ctx: _Context, token: Token) -> list[str]:
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


def _leadership(ctx: _Context) -> Iterator[Candidate]:
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


def _nearest_org_before(ctx: _Context, token: Token, exclude: set[str]) -> str | None:
    for i in range(token.i - 1, token.sent.start - 1, -1):
        eid = entity(ctx, ctx.doc[i])
        if eid and eid not in exclude and etype(ctx, eid) == "organization":
            return eid
    return None


def _deployments(ctx: _Context) -> Iterator[Candidate]:
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


def _locations(ctx: _Context) -> Iterator[Candidate]:
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


def _orgs_just_before(ctx: _Context, prep: Token) -> list[str]:
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


def _first_mention_before(ctx: _Context, eid: str, index: int) -> bool:
    return any(m.start < index for m, e in ctx.resolved.mention_entity if e == eid)


def _places_until_next_org(ctx: _Context, prep: Token, places: list[str]) -> list[str]:
    """"in Gaza and the West Bank and the Houthis in Yemen": places stop at the next organisation."""
    stop = next((t.i for t in ctx.doc[prep.i + 1 : prep.sent.end]
                 if ((e := entity(ctx, t)) and etype(ctx, e) == "organization")
                 or (t.dep_ == "prep" and t.lower_ in cues()["location_preps"])), prep.sent.end)
    allowed = {e for m, e in ctx.resolved.mention_entity if prep.i < m.start < stop}
    return [p for p in places if p in allowed]


FAMILIES = (_roles, _hyphens, _possessives, _of_phrases, _units, _verbs, _answers_to, _with_verbs, _with_nouns,
            _enemies, _leadership, _locations, _deployments)


# --- assembling -----------------------------------------------------------------------------------

def _valid(ctx: _Context, c: Candidate) -> bool:
    spec = load_ontology().relation_types.get(c.type)
    if spec is None or c.source == c.target:
        return False
    if etype(ctx, c.source) not in spec.source_types or etype(ctx, c.target) not in spec.target_types:
        return False
    if c.type == "operates_in" and category(ctx, c.source) not in _LOCATED:
        return False
    return True


def find_relations(doc: Doc, resolved: Resolved, quotes: list[Quote], statements: list[Statement],
                   published: str | None, events: list[Event] | None = None) -> list[Relation]:
    ctx = _Context(doc, resolved, published, events or [])
    ctx.unit_after = {parent: unit for parent, (unit, _) in _units_after(ctx).items()}
    merged: dict[tuple[str, str, str], Relation] = {}
    for family in FAMILIES:
        for c in family(ctx):
            if not _valid(ctx, c):
                continue
            if c.descriptive:
                hedge, attributed = "asserted", None
            else:
                hedge, attributed = hedge_for(c.anchor, resolved, quotes, statements)
            source, target = c.source, c.target
            if load_ontology().relation_types[c.type].symmetric and source > target:
                source, target = target, source
            _merge(merged, Relation(c.type, source, target, hedge, attributed, c.valid_from, c.valid_to,
                                    [evidence_of(c.anchor[0].sent)]))
    return list(merged.values())


def _merge(merged: dict[tuple[str, str, str], Relation], new: Relation) -> None:
    key = (new.type, new.source, new.target)
    old = merged.get(key)
    if old is None:
        merged[key] = new
        return
    if all(e.start != new.evidence[0].start for e in old.evidence):
        old.evidence.append(new.evidence[0])
    if HEDGES.index(new.hedge) < HEDGES.index(old.hedge):
        old.hedge, old.attributed_to = new.hedge, new.attributed_to
    old.valid_from = old.valid_from or new.valid_from
    old.valid_to = old.valid_to or new.valid_to
