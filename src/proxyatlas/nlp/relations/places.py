"""Where organisations operate (operates_in). Families:

  locations    "Hezbollah in Lebanon", "Amal operates in Lebanon", "has fought around Palmyra",
               "In Iraq, the PMU ...", "French troops in Niger", "its fighters are in Yemen"
  homes        "the Iraqi PMU", "Hezbollah, the Lebanese party", "a militia based in Baghdad",
               "X, a Pakistani militia from Parachinar"
  holdings     "the Taliban seized Kunduz", "controls most of the north", "Raqqa, held by X",
               "the X-held city of Z"
  deployments  "has deployed 1,500 fighters to Libya", "sent Wagner fighters to Sudan", "its fighters
               crossed into Kenya", "fell back to Sirte", "the US keeps troops in Syria"
  activities   "Wagner's operations in Libya", "ADF camps in Ituri", "Hezbollah's Iraqi campaign",
               "led the assault on Qusair" (a ground fight for a town), "Turkey hosts a Hamas office"

The operator is an organisation; a state only through its own forces ("French troops", "the US
keeps troops"), since the ontology lets a country operate abroad but "Iran in Syria" says too little.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import (
    apposed_by_position,
    category,
    cues,
    entity,
    etype,
    has_cue,
    is_passive,
    known_as,
    named_by,
    pobjs,
    relcl_antecedent,
    salient_before,
    salient_in_document,
)
from .candidates import Candidate, RelationContext

_PLACE_TYPES = {"country", "place"}
# Categories whose demonym or place of origin says where they act: "the Yemeni rebels", "a Kenyan
# mining firm"; a state body's demonym only says whose it is ("the Iranian IRGC").
_HOMED_CATEGORIES = {"armed_group", "political", "other"}
# Clause links through which a verb borrows its subject: "was formed in 2006 and sent fighters".
_SHARED_SUBJECT = {"conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "dep"}
_PLACE_CHILD_DEPS = {"poss", "compound", "appos", "amod", "nmod"}


# --- noun phrases ---------------------------------------------------------------------------------

def _places(ctx: RelationContext, token: Token, depth: int = 0) -> list[str]:
    """Countries and places a noun phrase names: "Kunduz", "eastern Libya and Sirte", "most of
    the country's north", "the town of Bunagana", "the capital, Kabul"."""
    found = [e for e in named_by(ctx, token) if etype(ctx, e) in _PLACE_TYPES]
    if found and depth <= 2:
        found += [e for e in _containing_places(ctx, token, depth) if e not in found]
    if found or depth > 2 or not has_cue("place_nouns", token):
        return found
    parts = [c for c in token.children if c.dep_ in _PLACE_CHILD_DEPS] + pobjs(token, {"of"})
    for part in parts + [c for c in token.conjuncts if c.i > token.i]:
        found += [e for e in _places(ctx, part, depth + 1) if e not in found]
    return found


def _containing_places(ctx: RelationContext, token: Token, depth: int) -> list[str]:
    """"Goma, the capital of North Kivu", "the Masisi territory of North Kivu province", "Ethiopia's
    Somali region": the wider place a named place is said to lie in."""
    found: list[str] = []
    for named in [token, *(c for c in token.conjuncts if c.i > token.i)]:
        wholes = pobjs(named, {"of"}) + [p for c in named.children if c.dep_ == "appos" and has_cue("place_nouns", c)
                                         for p in pobjs(c, {"of"})]
        wholes += [c for c in named.children if c.dep_ == "poss"]  # "Ethiopia's Somali region"
        found += [e for w in wholes for e in _places(ctx, w, depth + 1) if e not in found]
    return found


def _operators(ctx: RelationContext, token: Token, with_forces: bool = False) -> list[str]:
    """The organisations a noun phrase names, and a state whose forces it names: "the Houthis",
    "Houthi fighters", "its fighters", "which" (its antecedent), "a militia" right after the
    militia's name, "U.S. troops"; any state `with_forces` ("Russia" in "Russia keeps troops")."""
    token = relcl_antecedent(token) or token
    if token.lower_ in {"it", "they"} and token.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    counted = pobjs(token, {"of"}) if token.pos_ == "NUM" or has_cue("quantifiers", token) else []
    if counted and not entity(ctx, token):  # "roughly 100 of its troops", "some of the group's fighters"
        return [e for c in counted for e in _operators(ctx, c, with_forces)]
    named = known_as(ctx, token)  # "his forces, known as the Kadyrovtsy, fought in": not his
    if named:
        return [e for e in named if etype(ctx, e) == "organization"]
    owners = _possessors(ctx, token)
    if owners and not entity(ctx, token) and has_cue("part_nouns", token) and not has_cue("armed_force_nouns", token):
        # "AQAP, al-Qaeda's branch in Yemen", "whose armed wing, the Qassam Brigades, operates in":
        # the part acts there, not its owner.
        found = [e for e in named_by(ctx, token) if e not in owners]
        if not found and not any(c.lower_ == "whose" for c in token.children):
            found = apposed_by_position(ctx, token)
    else:
        # An indefinite description right after a name is that name's ("Kataib Hezbollah, a PMF faction
        # operating in"); a phrase naming its own owner is the owner's ("Operation X, pounding ADF camps").
        described = any(c.lower_ in {"a", "an"} for c in token.children) or not any(
            (e := entity(ctx, c)) and etype(ctx, e) == "organization" for c in token.subtree if c.i <= token.i)
        found = (described and (apposed_by_position(ctx, token) or _listed_before_colon(ctx, token))) \
            or named_by(ctx, token)
    if not found and token.dep_ == "attr" and token.head.lemma_ == "be":
        # "X and Y are separatist entities that have held ...": what the subject is said to be.
        found = [e for s in token.head.children if s.dep_ == "nsubj" for e in named_by(ctx, s)]
    if not found and has_cue("armed_force_nouns", token):  # "its fighters", "their troops"
        found = [e for c in token.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}
                 for e in named_by(ctx, c) or _profiled(ctx, c)]
    if not found and token.dep_ in {"nsubj", "nsubjpass"}:  # "The group controls ..." after a heading
        found = _profiled(ctx, token)
    forces = with_forces or has_cue("armed_force_nouns", token)
    if forces and not with_forces:
        # "American forces in Iraq and Syria": the state whose forces they are modifies them; a country
        # the parser coordinates with the forces ("forces ... and Syria") is one of the places
        owning = {e for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"}
                  for e in named_by(ctx, c)} | {e for p in pobjs(token, {"of"}) for e in named_by(ctx, p)}
        found = [e for e in found if etype(ctx, e) != "country" or e in owning]
    return [e for e in found if etype(ctx, e) == "organization" or (forces and etype(ctx, e) == "country")]


def _profiled(ctx: RelationContext, reference: Token) -> list[str]:
    """"its", "the group" with no organisation named in the sentences before: the document's own subject."""
    anaphoric = reference.lower_ in cues()["anaphoric_nouns"] and any(c.lower_ == "the" for c in reference.children)
    if not (anaphoric or reference.lower_ in {"it", "its"}) or salient_before(ctx, reference):
        return []
    subject = salient_in_document(ctx, reference)
    return [subject] if subject else []


def _possessors(ctx: RelationContext, noun: Token) -> list[str]:
    """Whose a noun is: "al-Qaeda's branch", "Hamas, whose armed wing" (the relative clause's antecedent)."""
    found: list[str] = []
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ != "whose":
            found += named_by(ctx, c)
            continue
        clause = noun.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i and clause.i > noun.sent.start:
            clause = clause.head
        if clause.dep_ == "relcl":
            found += named_by(ctx, clause.head)
        elif c.i > 1 and ctx.doc[c.i - 1].text == ",":  # the parser lost the clause: the name before it
            found += named_by(ctx, ctx.doc[c.i - 2])
    return found


def _listed_before_colon(ctx: RelationContext, token: Token) -> list[str]:
    """"(a) KATAIB HEZBOLLAH (a.k.a. KH): a militia based in Iraq": in a list of
    designations, a description after a colon is the organisation named before it."""
    start = min(t.i for t in token.subtree)
    if start < 2 or ctx.doc[start - 1].text != ":":
        return []
    depth = 0
    for i in range(start - 2, max(start - 20, token.sent.start - 1), -1):
        part = ctx.doc[i]
        depth += (part.text == ")") - (part.text == "(")
        eid = entity(ctx, part)
        if depth == 0 and eid:
            return [eid] if etype(ctx, eid) == "organization" else []
        if depth == 0 and part.text != "(" and part.pos_ != "PROPN":
            return []
    return []


def _subjects(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject, the subject of the clause it shares one with, or the
    noun a participle describes ("a militia based in Baghdad")."""
    current = verb
    for _ in range(6):
        found = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if found:
            return found
        if current.dep_ in {"acl", "relcl"}:
            return [current.head]
        if current.dep_ not in _SHARED_SUBJECT or current.head.i == current.i:
            return []
        current = current.head
    return []


def _actors(ctx: RelationContext, verb: Token, with_forces: bool = False) -> list[str]:
    """The verb's operators and the organisations acting beside them: "X fought alongside Y in Z"."""
    return [e for s in _subjects(verb) for e in _operators(ctx, s, with_forces)] + _companions(ctx, verb)


def _companions(ctx: RelationContext, verb: Token) -> list[str]:
    return [e for p in pobjs(verb, set(cues()["companion_preps"])) for e in named_by(ctx, p)
            if etype(ctx, e) == "organization"]


def _in_passing(verb: Token) -> bool:
    """A clause that describes a name in passing is the author's own background, whoever the
    sentence reports: "the US, which keeps troops in Syria, denies ...", "KH, a militia based in
    Iraq". Negated or modal clauses are not plain description ("X, which may send troops")."""
    if verb.dep_ == "relcl":
        pronoun = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if pronoun is None or pronoun.lower_ not in {"which", "who"} or pronoun.i == 0 \
                or pronoun.doc[pronoun.i - 1].text != ",":
            return False
    elif not (verb.dep_ == "acl" and verb.head.dep_ == "appos"):
        return False
    return not any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children)


def _located(ctx: RelationContext, head: Token, preps: set[str]) -> list[str]:
    """Places in a head's prepositional phrases; "sent fighters to Syria" may parse "to" as a dative."""
    return [e for c in head.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj" for e in _places(ctx, p)]


def _founded(ctx: RelationContext, verb: Token) -> list[str]:
    """The organisations a founding verb makes, which operate where they were made: "Hamas was
    founded in Gaza", "Yassin set up Hamas in Gaza", "a militia formed in Basra"."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if not (has_cue("founding_verbs", verb)
            or particle and f"{verb.lemma_.lower()} {particle}" in cues()["founding_verbs"]):
        return []
    # Only the clause's own object or subject, or the noun its participle describes: a fronted
    # "Originally formed in Z, ..." may describe a unit the parse does not name.
    made = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}] or ([verb.head] if verb.dep_ == "acl" else [])
    return [e for m in made for e in _operators(ctx, m) if etype(ctx, e) == "organization"]


def _near_preps() -> set[str]:
    return set(cues()["location_preps"]) | set(cues()["operate_preps"])


# --- families -------------------------------------------------------------------------------------

def locations(ctx: RelationContext) -> Iterator[Candidate]:
    for prep in ctx.tokens:
        if prep.dep_ != "prep" or prep.lower_ not in _near_preps():
            continue
        places = [e for p in prep.children if p.dep_ == "pobj" for e in _places(ctx, p)]
        if not places:
            continue
        head = prep.head
        if head.dep_ == "dobj" and has_cue("operate_verbs", head.head):  # "has fought an insurgency inside Y"
            head = head.head
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            operating = has_cue("operate_verbs", head) or any(
                c.dep_ == "acomp" and has_cue("operate_verbs", c) for c in head.children)  # "are active in"
            # "its fighters are in Yemen": a group's or state's forces are where they are.
            present = head.lemma_ == "be" and any(
                has_cue("group_nouns", s) or has_cue("armed_force_nouns", s) for s in _subjects(head))
            founded = _founded(ctx, head) if prep.lower_ in cues()["location_preps"] else []
            if operating or present or founded:
                for org in founded or _actors(ctx, head):
                    for place in places:
                        yield Candidate("operates_in", org, place, [head, prep], descriptive=_in_passing(head))
            elif prep.lower_ in cues()["location_preps"] and (
                    prep.i == prep.sent.start or prep.i == prep.sent.start + 1 and ctx.doc[prep.sent.start].is_punct):
                # "In Iraq, the umbrella group ... includes": a fronted location frames the subject.
                for org in _actors(ctx, head):
                    for place in places:
                        yield Candidate("operates_in", org, place, [prep], descriptive=True)
            continue
        if prep.lower_ not in cues()["location_preps"]:
            continue
        orgs = _orgs_just_before(ctx, prep)
        between = ctx.doc[head.i + 1 : prep.i]
        if not orgs and not entity(ctx, head) and not any(t.is_punct or t.dep_ == "cc" for t in between):
            orgs = [e for e in _operators(ctx, head) if _first_mention_before(ctx, e, prep.i)]
        for org in orgs:
            for place in _places_until_next_org(ctx, prep, places):
                yield Candidate("operates_in", org, place, [head, prep], descriptive=True)
        companion = head.dep_ == "pobj" and head.head.lower_ in cues()["companion_preps"]
        if orgs and companion and has_cue("operate_verbs", head.head.head):
            # "denied that its troops fought alongside Y in Z": the verb's subject is in Z too, as the verb says.
            verb = head.head.head
            for org in (e for s in _subjects(verb) for e in _operators(ctx, s, with_forces=True)):
                for place in _places_until_next_org(ctx, prep, places):
                    yield Candidate("operates_in", org, place, [verb, prep], descriptive=_in_passing(verb))


def homes(ctx: RelationContext) -> Iterator[Candidate]:
    """"the Iraqi PMU", "Iraqi militias such as X", "Hezbollah, the Lebanese party", "AAH, a
    militia based in Baghdad", "X, a Pakistani militia from Parachinar"."""
    for t in ctx.tokens:
        country = entity(ctx, t)
        hyphenated = t.i + 1 < len(ctx.doc) and ctx.doc[t.i + 1].text == "-" or t.i > 0 and ctx.doc[t.i - 1].text == "-"
        # "a CAR armed group": the parser may hang the country on the adjective after it.
        on_adjective = t.dep_ == "npadvmod" and t.head.dep_ == "amod"
        if country and etype(ctx, country) == "country" and (t.dep_ in {"amod", "compound"} or on_adjective) \
                and not hyphenated:
            for group in _described(ctx, t.head.head if on_adjective else t.head):
                if group != country:
                    yield Candidate("operates_in", group, country, [t], descriptive=True)
        elif t.dep_ == "prep" and t.lower_ == "from" and t.head.dep_ == "appos":
            for place in [e for p in t.children if p.dep_ == "pobj" for e in _places(ctx, p)]:
                for group in _described(ctx, t.head):
                    yield Candidate("operates_in", group, place, [t], descriptive=True)
        elif t.text == "(" and t.i > 0:
            yield from _places_in_brackets(ctx, t)
    yield from _demonyms_in_names(ctx)


def _demonyms_in_names(ctx: RelationContext) -> Iterator[Candidate]:
    """"the Afghan Taliban", "Lebanese Hizballah": a demonym that a group's name takes on as a
    modifier says where it acts, when the text also names the country. A demonym that begins the
    group's own full name ("Syrian Democratic Forces") is just its name."""
    demonyms = {a.casefold(): eid for eid, e in ctx.resolved.entities.items() if e.type == "country"
                for a in e.aliases if a.casefold() != e.name.casefold()}
    for mention, group in ctx.resolved.mention_entity:
        entity_ = ctx.resolved.entities[group]
        if entity_.type != "organization" or category(ctx, group) not in _HOMED_CATEGORIES:
            continue
        span = mention.span(ctx.doc)
        words = [t for t in span if t.lower_ != "the"]
        country = demonyms.get(words[0].text.casefold()) if len(words) > 1 else None
        if country and span.text.casefold() != entity_.name.casefold() and words[0].pos_ != "NOUN":
            yield Candidate("operates_in", group, country, [words[0]], descriptive=True)


def _places_in_brackets(ctx: RelationContext, bracket: Token) -> Iterator[Candidate]:
    """"Gulf Gold Trading (Dubai, UAE)": places alone in brackets after an organisation's name (a
    list of designations) say where it is."""
    group = entity(ctx, ctx.doc[bracket.i - 1])
    if not group or etype(ctx, group) != "organization":
        return
    places: list[str] = []
    for t in ctx.doc[bracket.i + 1 : bracket.sent.end]:
        if t.text == ")":
            for place in places:
                yield Candidate("operates_in", group, place, [bracket], descriptive=True)
            return
        eid = entity(ctx, t)
        if eid and etype(ctx, eid) in _PLACE_TYPES:
            places += [eid] if eid not in places else []
        elif not (t.is_punct or eid):  # anything but places: an alias or a remark, not an address
            return


def _described(ctx: RelationContext, noun: Token) -> list[str]:
    """The organisations a modified noun stands for, if their category has a home: "the PMU",
    "Lebanese Hezbollah", "the Lebanese party" (the organisation the text is about)."""
    own = entity(ctx, noun)
    if own:
        found = [own]
    elif noun.lower_ in cues()["anaphoric_nouns"] and any(c.lower_ == "the" for c in noun.children) \
            and noun.dep_ != "appos":
        group = salient_before(ctx, noun)
        found = [group] if group else []
    elif has_cue("state_agent_nouns", noun):  # "Iraqi forces" are Iraq's, not a group based there
        found = []
    else:
        found = _operators(ctx, noun)
    return [e for e in found if etype(ctx, e) == "organization" and category(ctx, e) in _HOMED_CATEGORIES]


def holdings(ctx: RelationContext) -> Iterator[Candidate]:
    """"the Taliban seized Kunduz", "took control of the port", "Raqqa, then held by X", "the town was
    taken from Y", "Houthi-run Sanaa", "the Houthi-held city of Hodeidah"."""
    for v in ctx.tokens:
        if v.pos_ == "VERB" and has_cue("control_verbs", v):
            if _holds_a_place(v):
                yield from _held(ctx, v)
        elif v.pos_ == "VERB" and has_cue("expulsion_verbs", v):
            yield from _expelled(ctx, v)
        elif v.text in {"-", "‐"} and 0 < v.i < len(ctx.doc) - 1 and has_cue("control_participles", ctx.doc[v.i + 1]):
            participle = ctx.doc[v.i + 1]
            holder = entity(ctx, ctx.doc[v.i - 1])
            if holder and etype(ctx, holder) == "organization":
                for place in _places(ctx, participle.head):
                    yield Candidate("operates_in", holder, place, [participle], descriptive=True)


def _holds_a_place(v: Token) -> bool:
    """Not "holds Iran responsible", "holds that ..."; a clause after an object is a misparse
    ("controls much of Somalia and taxes trade")."""
    deps = {c.dep_ for c in v.children}
    return not deps & {"oprd", "xcomp", "acomp"} and ("ccomp" not in deps or "dobj" in deps)


def _expelled(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"drove the rebels out of Z", "expelled X from Z": the one who drives them out is in Z (the
    driven were there before, which annotators leave out)."""
    if is_passive(v):
        return
    out = [c for c in v.children if c.dep_ in {"prep", "prt", "advmod"} and c.lower_ == "out"]
    places = _located(ctx, v, {"from"}) + [e for o in out for e in _located(ctx, o, {"of"})]
    for org in _actors(ctx, v):
        for place in places:
            yield Candidate("operates_in", org, place, [v], descriptive=_in_passing(v))


def _held(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    losers = [e for p in pobjs(v, {"from"}) for e in _operators(ctx, p)]
    if is_passive(v):
        holders = [e for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                   for conj in [p, *p.conjuncts] for e in _operators(ctx, conj)]
        subjects = [c for c in v.children if c.dep_ == "nsubjpass"] or ([v.head] if v.dep_ == "acl" else [])
        # "Tigray, held by X"; "bases in eastern Libya controlled by X": where the held thing is
        places = [e for s in subjects for e in _places(ctx, relcl_antecedent(s) or s)
                  or _located(ctx, s, set(cues()["location_preps"]))]
    else:
        holders = _actors(ctx, v)
        objects = [c for c in v.children if c.dep_ == "dobj"]
        places = [e for o in objects for e in _places(ctx, o)]
        # "took control of the town", "seized control over the port"
        places += [e for o in objects if has_cue("control_nouns", o) for e in _located(ctx, o, {"of", "over"})]
    for org in holders + losers:
        for place in places:
            yield Candidate("operates_in", org, place, [v], descriptive=_in_passing(v))


def deployments(ctx: RelationContext) -> Iterator[Candidate]:
    """"Wagner has deployed 1,500 fighters to Libya", "sent Wagner fighters to Sudan" (the fighters'
    group), "its fighters crossed into Kenya", "reached the capital", "the US keeps troops in Syria",
    "pulled its troops out of Mali" (they were there)."""
    for v in ctx.tokens:
        if v.pos_ != "VERB":
            continue
        deploying = has_cue("deploy_verbs", v)
        fallback = [c for c in v.children if c.dep_ in {"prt", "advmod"} and has_cue("fallback_particles", c)]
        moving = has_cue("movement_verbs", v) or bool(fallback)
        garrisoning, leaving = has_cue("garrison_verbs", v), has_cue("departure_verbs", v)
        if not (deploying or moving or garrisoning or leaving):
            continue
        objects = [c for c in v.children if c.dep_ == "dobj"]
        # "1,500 fighters", "most of its troops"
        forces = [o for o in objects if any(has_cue("armed_force_nouns", n) or has_cue("group_nouns", n)
                                            for n in [o, *pobjs(o, {"of"})])]
        if leaving:  # "left Iraq", "withdrew from Mali", "pulled its troops out of Mali", "pulled out of"
            heads = [v, *objects, *(c for c in v.children if c.dep_ in {"prt", "prep"} and c.lower_ == "out")]
            places = [e for h in heads for e in _located(ctx, h, {"from", "of"})]
            places += [e for o in objects if o not in forces for e in _places(ctx, o)]
            places += _located(ctx, v, {"to"})  # "withdrew to Saada": and went there
        elif garrisoning:
            if not forces:
                continue
            places = _located(ctx, v, set(cues()["location_preps"])) \
                + [e for o in forces for e in _located(ctx, o, set(cues()["location_preps"]))]
        else:
            preps = set(cues()["movement_preps"]) if moving else {"to", "into"}
            places = [e for h in [v, *fallback] for e in _located(ctx, h, preps)]  # "fell back to Sirte"
            places += [e for o in objects for e in _located(ctx, o, {"to", "into"})]
            if moving:  # "reached the capital"
                places += [e for o in objects for e in _places(ctx, o)]
        if not places:
            continue
        # The group whose fighters are sent operates there; else the sender, a state only with its forces.
        sent = [e for o in forces for e in _operators(ctx, o) if etype(ctx, e) == "organization"]
        operators = sent or _actors(ctx, v, with_forces=any(has_cue("armed_force_nouns", o) for o in forces))
        for org in operators:
            for place in places:
                yield Candidate("operates_in", org, place, [v], descriptive=_in_passing(v))


def _claimed_for(noun: Token) -> Token | None:
    """"claimed responsibility for the bombing": the verb that claims the act."""
    if not (noun.dep_ == "pobj" and noun.head.lower_ == "for" and has_cue("responsibility_nouns", noun.head.head)):
        return None
    verb = noun.head.head.head
    return verb if has_cue("conduct_verbs", verb) else None


def activities(ctx: RelationContext) -> Iterator[Candidate]:
    """"Wagner's operations in Libya", "ADF camps in Ituri", "its headquarters near the border",
    "Hezbollah's Iraqi campaign", "the group carried out attacks in Kashmir", "launched raids from
    Kunar", "fought in the Syrian war", "has bases in Syria", "claimed responsibility for the bombing
    in Kabul"; "Lebanon hosts Hamas's leadership"."""
    for noun in ctx.tokens:
        if noun.pos_ not in {"NOUN", "PROPN"} or not has_cue("activity_nouns", noun):
            continue
        # A pronoun owner only when it stands for an armed group: "its operations" in a sanctions
        # agency's statement are the sanctioned group's, whatever the pronoun was resolved to.
        owners = [e for c in noun.children if c.dep_ in {"poss", "compound"}
                  and (e := entity(ctx, c)) and etype(ctx, e) == "organization"
                  and (c.pos_ != "PRON" or category(ctx, e) == "armed_group")]
        owners += [e for p in pobjs(noun, {"by"}) for e in _operators(ctx, p)]  # "operations by X in Y"
        anchor = [noun]
        conducted = noun.dep_ == "dobj" and has_cue("conduct_verbs", noun.head)
        kept = noun.dep_ == "dobj" and has_cue("garrison_verbs", noun.head)  # "has bases in Z"
        # "fought in the Syrian war": the war's place is where the fighters operate.
        fought_in = noun.dep_ == "pobj" and noun.head.lower_ in cues()["location_preps"] \
            and has_cue("operate_verbs", noun.head.head)
        claimed = _claimed_for(noun)
        if not owners and (conducted or kept or fought_in or claimed):
            verb = claimed or (noun.head if conducted or kept else noun.head.head)
            owners = [e for e in _actors(ctx, verb) if etype(ctx, e) == "organization"]
            anchor = [verb, noun]
        if not owners:
            continue
        places = _located(ctx, noun, _near_preps())
        if has_cue("ground_assault_nouns", noun):  # "led the assault on Qusair"
            places += [e for e in _located(ctx, noun, set(cues()["ground_assault_preps"])) if etype(ctx, e) == "place"]
        if noun.dep_ == "dobj" and has_cue("garrison_verbs", noun.head):  # "keeps its bases openly in Syria"
            places += _located(ctx, noun.head, set(cues()["location_preps"]))
            anchor = [noun.head, noun]
        if conducted:  # "launched its offensive from Idlib": the launching ground is the doer's
            places += [e for h in (noun.head, noun) for e in _located(ctx, h, set(cues()["launch_ground_preps"]))]
        places += [e for c in noun.children if c.dep_ in {"amod", "compound"} and (e := entity(ctx, c))
                   and etype(ctx, e) in _PLACE_TYPES]
        for org in owners:
            for place in places:
                yield Candidate("operates_in", org, place, anchor)
    for host in ctx.tokens:
        if host.pos_ == "VERB" and has_cue("host_verbs", host):
            guests = [e for o in host.children if o.dep_ == "dobj"
                      for c in [o, *(c for c in o.children if c.dep_ in {"poss", "compound"})]
                      if (e := entity(ctx, c)) and etype(ctx, e) == "organization"]
            places = [e for s in _subjects(host) for e in named_by(ctx, relcl_antecedent(s) or s)
                      if etype(ctx, e) in _PLACE_TYPES]
            for org in guests:
                for place in places:
                    yield Candidate("operates_in", org, place, [host])


# --- reading linearly -----------------------------------------------------------------------------

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
        elif token.text == ")" and i - 3 >= prep.sent.start and ctx.doc[i - 2].text == "(" \
                and entity(ctx, ctx.doc[i - 1]) == entity(ctx, ctx.doc[i - 3]):  # "the Rwanda Defence Force (RDF) in"
            i -= 2
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
