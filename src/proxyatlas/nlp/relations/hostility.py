"""Enmity and alliance (opposes, allied_with): "X has relations with Y", "fought alongside Hezbollah",
"X's enemy Y", "their mutual enemy, Y", "X attacked Y", "Y was killed in an X strike", "X designated
Y", "X designated two companies: (a) Y ...", "X's offensive against Y", "clashes between X and Y", "X is
allied with Y", "hostile to Y", the sides of an attack event.

Both types are symmetric: which side comes first does not matter."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...lexicon import load_lexicon
from ..phrases import (
    apposed_by_position,
    category,
    cue_word,
    cues,
    entity,
    etype,
    finite_subordinate,
    has_cue,
    is_passive,
    listed_examples,
    name_before_apposition,
    named_by,
    named_by_head,
    pobjs,
    relcl_antecedent,
    salient_before,
    subject_of,
)
from .backing import backing_word
from .candidates import Candidate, RelationContext


def with_verbs(ctx: RelationContext) -> Iterator[Candidate]:
    """"worked with the NDF", "fought alongside Hezbollah": alliance verbs with a partner; "alongside"
    makes a partner of any act ("the brigade reached the border alongside Hezbollah")."""
    for v in ctx.tokens:
        if v.pos_ != "VERB":
            continue
        alliance_verb = has_cue("with_verbs", v)
        partners = [e for p in pobjs(v, {"with", "alongside"} if alliance_verb else {"alongside"})
                    for e in named_by(ctx, p)]
        if not alliance_verb:
            # "paid tribute to X alongside Iranians": only groups act side by side; and a pronoun
            # ("its fighters reached X alongside Y") is too often resolved to the wrong group
            partners = [e for e in partners if etype(ctx, e) == "organization"]
            if any(t.pos_ == "PRON" for c in v.children if c.dep_ == "nsubj" for t in c.subtree):
                continue
        fighting = v.lemma_.lower() in cues()["hostility_verbs"]["opposes"]
        for s in subject_of(ctx, v) if alliance_verb else _armed_sides(ctx, subject_of(ctx, v)):
            for o in partners:
                yield _side_by_side(ctx, s, o, v) if fighting else Candidate("allied_with", s, o, [v])


def _side_by_side(ctx: RelationContext, a: str, b: str, verb: Token) -> Candidate:
    """Two sides fighting together are allies, but a state whose forces fight alongside a non-state
    armed group backs it ("Rwandan soldiers are fighting alongside M23 rebels")."""
    for state, group in ((a, b), (b, a)):
        if etype(ctx, state) == "country" and category(ctx, group) == "armed_group":
            return Candidate("supports", state, group, [verb])
    return Candidate("allied_with", a, b, [verb])


def _armed_sides(ctx: RelationContext, eids: list[str]) -> list[str]:
    """Of some entities, those that can take a side in a conflict: organisations and states."""
    return [e for e in eids if etype(ctx, e) in {"organization", "country"}]


def with_nouns(ctx: RelationContext) -> Iterator[Candidate]:
    """"X has relations with Y", "Tensions have increased with their mutual enemy, Y", "its war with
    Israel", "is reeling from a war with Israel", "celebrate their ties to Tehran"."""
    for noun in ctx.tokens:
        rtype = cue_word("with_nouns", noun)
        if rtype is None:
            continue
        owners = [e for c in noun.children if c.dep_ == "poss" for e in _possessor(ctx, c)]
        # "at war with", "in talks with", "drawn into a war with": the state the verb's subject is in;
        # "reeling from a war with" too, but not "withdrew from talks with"
        states = {"at", "in", "into"} | ({"from"} if rtype == "opposes" else set())
        in_clause = noun.dep_ == "pobj" and noun.head.lower_ in states and noun.head.head.pos_ in {"VERB", "AUX"}
        if not (owners or noun.dep_ in {"dobj", "nsubj", "attr"} or in_clause):
            continue
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        own_preps = {"with", "against"} | ({"to"} if rtype == "allied_with" else set())
        partners = [e for p in pobjs(noun, own_preps) + ([] if owners else pobjs(verb, {"with", "against"}))
                    for e in named_by(ctx, p)]
        # "relations with al-Shabab in Somalia and the Taliban in Afghanistan": the parser hangs the
        # second partner on the first one's place.
        places = pobjs(noun, set(cues()["location_preps"])) + pobjs(verb, set(cues()["location_preps"]))
        partners += [e for p in places for c in p.conjuncts
                     if (e := entity(ctx, c)) and etype(ctx, e) == "organization" and e not in partners]
        if owners:
            sides = owners
        elif noun.dep_ == "nsubj":
            sides = [e for p in pobjs(verb, {"with"}) for c in p.children if c.dep_ == "poss"
                     for e in _possessor(ctx, c)]
        else:
            sides = _doers(ctx, verb)
        for s in sides:
            for o in partners:
                yield Candidate(rtype, s, o, [noun, verb])


def enemies(ctx: RelationContext) -> Iterator[Candidate]:
    """"X's enemy Y", "their mutual enemy, Y", "its ally Hamas", "Russia, Assad's other main ally", "allies
    of Iran such as Hezbollah"."""
    for noun in ctx.tokens:
        rtype = "opposes" if has_cue("enemy_nouns", noun) else \
            "allied_with" if has_cue("ally_nouns", noun) else None
        if rtype is None or noun.lemma_.lower() in {"proxy", "client", "patron"}:
            continue
        # "Iran's allies", "allies of Iran"
        owners = [e for c in noun.children if c.dep_ == "poss" for e in _possessor(ctx, c)]
        owners += [e for p in pobjs(noun, {"of"}) for e in named_by(ctx, p)]
        # "its ally, Hamas", "allies of Iran such as Hezbollah"
        others = [e for c in noun.children if c.dep_ == "appos" for e in named_by(ctx, c)]
        others += listed_examples(ctx, noun, 0)
        if noun.dep_ == "appos":
            # "Nabih Berri, who leads the Amal movement, Hezbollah's closest partner": the name right
            # before the comma, whatever the parser hung the apposition on.
            others += apposed_by_position(ctx, noun) or named_by_head(ctx, noun.head, 1)
        if not others and noun.i + 1 < len(ctx.doc):
            # "in solidarity with its ally Hamas", "Iran's allies Hezbollah and Hamas": the names right
            # after the noun, which the parser often makes the subject of the next clause
            others += [e for e in _names_starting_at(ctx, noun.i + 1) if etype(ctx, e) != "person"]
        for s in owners:
            for o in others:
                yield Candidate(rtype, s, o, [noun])


def _names_starting_at(ctx: RelationContext, i: int) -> list[str]:
    """The entity whose name starts at token i, and the names coordinated with it."""
    eid = ctx.resolved.name_at(i)
    if eid is None:
        return []
    name = ctx.doc[i]
    while ctx.resolved.name_at(name.head.i) == eid and name.head.i != name.i:
        name = name.head
    return [eid] + [e for c in name.conjuncts if (e := ctx.resolved.name_at(c.i)) and e != eid]


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


# --- hostile and allied acts ----------------------------------------------------------------------

def acts(ctx: RelationContext) -> Iterator[Candidate]:
    """"X attacked Y", "Y, which X designated in 2021", "Y was killed in an X strike", "the Taliban,
    which has fought X", "fought alongside X against Z", "X is allied with Y", "X clashed with Y"."""
    capture_verbs = set(load_lexicon("events")["capture_verbs"])
    for v in ctx.tokens:
        rtype = (_cue_type("hostility_verbs", v) or _hostile_phrasal(v)) if v.pos_ in {"VERB", "AUX"} else None
        if rtype is None:
            if v.pos_ == "VERB" and v.lemma_.lower() in capture_verbs:
                yield from _taken_from(ctx, v)
            continue
        if has_cue("labelling_verbs", v) and not _labelled_hostile(v):
            continue  # "listed X as a terrorist organisation", not "listed X as a partner"
        if has_cue("accuse_verbs", v) and _accused_of_backing(v):
            continue  # "accused X of arming Y" claims that X backs Y (the backing family reads it)
        if rtype == "allied_with":
            # "X is allied with Y", "X allied with Y": the partner is never the object.
            sides = [e for c in v.children if c.dep_ == "nsubjpass" for e in _referents(ctx, c)] \
                if is_passive(v) else _doers(ctx, v)
            partners = [e for p in pobjs(v, {"with", "to"}) for e in named_by(ctx, p)]
            yield from (Candidate(rtype, s, o, [v]) for s in sides for o in partners)
            continue
        killing = v.lemma_.lower() in load_lexicon("events")["verbs"]["killing"]
        if is_passive(v):
            doers = _passive_doers(ctx, v)
            victims = [c for c in v.children if c.dep_ == "nsubjpass"]
            if not victims and v.dep_ == "acl":  # "Fuad Shukr, killed in an Israeli strike"
                victims = [v.head]
        else:
            doers = _doers(ctx, v)
            if has_cue("accuse_verbs", v):
                doers = _accusing_sides(ctx, v, doers)
            # "designated X a terrorist organisation": a second object is the first one's label
            victims = [c for c in v.children if c.dep_ in {"dobj", "dative"}][:1]
            # "blacklisted him along with two other commanders, A and B": they share the object's lot
            victims += [p for p in _along_with(v) if victims and p.i > victims[0].i]
            victims += _listed_among_them(v) if victims else []
        if has_cue("avenge_verbs", v):
            victims = []  # "vowed to avenge Haniyeh against Israel": the object is one's own dead
        targets = [e for c in victims for e in _victims(ctx, c, killing)]
        if has_cue("designation_verbs", v):
            # "The United States designated it a terrorist organisation": only a group is designated "it"
            targets += [e for c in victims if c.lower_ == "it" and not entity(ctx, c)
                        for e in [salient_before(ctx, c)] if e]
        companions = _companions(ctx, v)
        # "clashed with X"; but "fought with X" is ambiguous and "together with X" allied.
        preps = {"against"} if has_cue("with_verbs", v) or companions else {"against", "with"}
        preps |= {"on"} if has_cue("avenge_verbs", v) else set()  # "took revenge on"
        targets += [e for p in pobjs(v, preps) for e in named_by(ctx, p)]
        # "fought alongside the ENDF against the TPLF": the companions share the enmity.
        for s in doers + companions:
            for o in targets:
                if o not in companions:  # a misparsed apposition of a companion
                    yield Candidate(rtype, s, o, [v])


def _accused_of_backing(v: Token) -> bool:
    """"accused Tehran of arming the Houthis", "accuses X's army and its agency of sheltering Y": the
    charge is backing, said of the accused, not enmity between accuser and accused."""
    accused = [o for c in v.children if c.dep_ == "dobj" for o in [c, *c.conjuncts]]
    charges = [x for h in [v, *accused] for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
               for x in c.children if x.dep_ in {"pobj", "pcomp"}]
    return any(backing_word(x) for x in charges)


def _accusing_sides(ctx: RelationContext, v: Token, doers: list[str]) -> list[str]:
    """"Getachew Reda, a TPLF spokesman, accused Eritrea": one who speaks for a side by office accuses
    for the side his title names, and for none that the text can name when it names none ("Foreign
    Minister X accused Y"); a leader or anyone else accuses in his own name."""
    sides: list[str] = []
    for eid in doers:
        mention = _mention_head(ctx, v.sent, eid) if etype(ctx, eid) == "person" else None
        if mention is None or not _holds_speaking_office(mention):
            sides.append(eid)
            continue
        side = _describing_organization(ctx, mention)
        if side is not None and side not in sides:
            sides.append(side)
    return sides


def _mention_head(ctx: RelationContext, sent: Span, eid: str) -> Token | None:
    """The syntactic head of a sentence's first mention of an entity."""
    return next((t for t in sent if entity(ctx, t) == eid and entity(ctx, t.head) != eid), None)


def _holds_speaking_office(name: Token) -> bool:
    """"Foreign Minister X", "X, a TPLF spokesman": a title of one who speaks for a side."""
    titles = [c for c in name.children if c.dep_ in {"compound", "appos"}]
    return any(has_cue("speaking_offices", t) for c in titles for t in c.subtree)


def _taken_from(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"X seized the town from Y", "the town was taken from Y by X": who takes ground from a side
    fights it; ground taken from people ("seized land from farmers") or money taken from a state is
    no enmity."""
    losers = _armed_sides(ctx, [e for p in pobjs(v, {"from"}) for e in named_by(ctx, p)])
    taken = [c for c in v.children if c.dep_ == ("nsubjpass" if is_passive(v) else "dobj")]
    ground = load_lexicon("events")["ground_nouns"]
    if not losers or not any(t.pos_ == "PROPN" or t.lemma_.lower() in ground for t in taken):
        return
    takers = _passive_doers(ctx, v) if is_passive(v) else _doers(ctx, v)
    for s in _armed_sides(ctx, takers):
        for o in losers:
            yield Candidate("opposes", s, o, [v])


def designation_lists(ctx: RelationContext) -> Iterator[Candidate]:
    """A designation of counted nameless targets ("OFAC designated four companies and one individual",
    "Persons designated by OFAC:") is against each entity that opens a following list item
    ("(a) NAME ...", "(3) NAME ..."); the last designator named stays until another is."""
    designator: list[str] = []
    for sent in ctx.doc.sents:
        for v in sent:
            if v.pos_ == "VERB" and has_cue("designation_verbs", v):
                designator = _counted_designator(ctx, v) or designator
        for item in _list_items(sent):
            target = next((e for t in item if (e := entity(ctx, t))), None)
            if target:
                yield from (Candidate("opposes", s, target, [item[0]]) for s in designator)


def _counted_designator(ctx: RelationContext, v: Token) -> list[str]:
    """Who designates targets counted but not named here: "X designated two armed groups",
    "persons designated by X"."""
    if any(c.dep_ == "neg" for c in v.children):
        return []  # "did not designate the three firms": the list that follows is no designation
    if is_passive(v):
        return _passive_doers(ctx, v) if v.dep_ == "acl" and not entity(ctx, v.head) else []
    objects = [c for c in v.children if c.dep_ == "dobj"]
    counted = objects and all(any(n.dep_ == "nummod" for n in o.children) and not named_by(ctx, o)
                              for o in objects)
    if not counted:
        return []
    # "the Department of the Treasury's Office of X designated": the parser hangs the possessed office
    # on the "of" of its owner's name; the office is the subject
    owned = [e for s in v.children if s.dep_ == "nsubj" for p in pobjs(s, {"of"})
             if any(c.dep_ == "poss" for c in p.children) and (e := entity(ctx, p))]
    return owned or _doers(ctx, v)


def _list_items(sent: Span) -> list[list[Token]]:
    """The words after each list marker that opens a sentence or follows its full stop:
    "(a) NAME, ...", "(2) NAME (...)", up to the first comma, colon, bracket or full stop."""
    items = []
    for opening in sent:
        closing = opening.nbor(2) if opening.i + 2 < sent.end else None
        if opening.text != "(" or closing is None or closing.text != ")" or len(opening.nbor(1)) > 2:
            continue
        if opening.i != sent.start and opening.nbor(-1).text not in {".", ":", ";"}:
            continue
        words = []
        for t in sent.doc[closing.i + 1:sent.end]:
            if t.is_punct and t.text != "-":
                break
            words.append(t)
        if words:
            items.append(words)
    return items


def _hostile_phrasal(verb: Token) -> str | None:
    """"drove out the AU troops", "fell out with France": hostile with the particle only."""
    particles = {c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "advmod"}}
    pairs = {(v, p) for v, p in cues()["hostile_phrasal_verbs"]}
    return "opposes" if any((verb.lemma_.lower(), p) in pairs for p in particles) else None


def _cue_type(group: str, token: Token) -> str | None:
    """The relation type a typed cue group gives a token's lemma or form."""
    for rtype, words in cues()[group].items():
        if token.lemma_.lower() in words or token.lower_ in words:
            return rtype
    return None


def _labelled_hostile(verb: Token) -> bool:
    """"listed X as a Foreign Terrorist Organization", "regards Y as a rival"."""
    labels = [t for p in pobjs(verb, {"as"}) for t in p.subtree]
    labels += [t for c in verb.children if c.dep_ in {"oprd", "xcomp"} for t in c.subtree]
    return any(has_cue("hostile_labels", t) or has_cue("enemy_nouns", t) for t in labels)


# Links from a clause to the clause whose subject it shares: "raised to fight X", "fired, killing X".
_SHARED_SUBJECT = {"advcl", "xcomp", "conj", "pcomp", "prep", "acomp"}


def _doers(ctx: RelationContext, v: Token) -> list[str]:
    """Who does what an active verb says: its subject; the noun a relative or participle clause
    modifies ("the Taliban, which has fought X", "an alliance arrayed against Y"); the side of a weapon
    ("a US drone fired two missiles, killing X"); what was set up for a purpose ("a force that was
    raised to fight X")."""
    current = v
    for _ in range(6):
        subjects = [c for c in current.children
                    if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and current is not v]
        if subjects:
            found = [e for s in subjects for e in _subject_entities(ctx, s)]
            return subject_of(ctx, v) or found  # subject_of knows "accused X of attacking", "denied that it"
        if current.dep_ == "acl":  # "an alliance arrayed against X", "a US strike killing members of X"
            # "Y, a loose alliance arrayed against X": an unnamed noun after a name and a comma stands for
            # the name, whatever the parser hung it on
            return _attackers(ctx, current.head) or apposed_by_position(ctx, current.head) \
                or name_before_apposition(ctx, current.head)
        if current.dep_ not in _SHARED_SUBJECT or current.head.i == current.i or finite_subordinate(current):
            break
        current = current.head
    return subject_of(ctx, v)


def _subject_entities(ctx: RelationContext, subject: Token) -> list[str]:
    """"an Israeli strike that killed X": a relative pronoun stands for its strike or its group."""
    antecedent = relcl_antecedent(subject)
    if antecedent is None:
        # "Y, a loose alliance arrayed against X", parsed as a clause of its own
        return _attackers(ctx, subject) or apposed_by_position(ctx, subject) \
            or name_before_apposition(ctx, subject)
    return _referents(ctx, subject) or _attackers(ctx, antecedent)


def _passive_doers(ctx: RelationContext, v: Token) -> list[str]:
    """"designated by OFAC", "killed by a U.S. airstrike", "killed in an Israeli strike"."""
    agents = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    agents += [p for p in pobjs(v, {"in"}) if has_cue("attack_nouns", p)]
    return [e for a in agents for e in _attackers(ctx, a)]


def _attackers(ctx: RelationContext, token: Token) -> list[str]:
    """The side behind a doer phrase: the entities it names, or for a strike or weapon the
    states or groups that modify it ("a US drone", "US and British jets", "Turkey's offensive")."""
    found = named_by(ctx, token)
    if found or not has_cue("attack_nouns", token):
        return found
    return _modifying_entities(ctx, token)


def _modifying_entities(ctx: RelationContext, token: Token) -> list[str]:
    """The entities a noun's modifiers and possessor name: "Houthi targets", "the militia's
    facilities", "US and British jets"; through a weapon's own modifiers: "a Houthi missile strike"."""
    modifiers = [t for c in token.children if c.dep_ in {"amod", "compound", "nmod", "poss"}
                 for t in [c, *c.conjuncts]]
    modifiers += [t for c in modifiers if c.dep_ == "compound" and has_cue("attack_nouns", c)
                  for t in c.children if t.dep_ in {"amod", "compound", "nmod", "poss"}]
    found = [e for t in modifiers for e in _named_by_modifier(ctx, t)]
    return [e for e in found if etype(ctx, e) in {"organization", "country"}]  # a side, not a person's home


def _named_by_modifier(ctx: RelationContext, token: Token) -> list[str]:
    """A possessive through what it refers to ("its", "the group's"), another modifier by its name."""
    if token.dep_ == "poss":
        return _whose_antecedent(ctx, token) if token.lower_ == "whose" else named_by_head(ctx, token, 0)
    eid = entity(ctx, token)
    return [eid] if eid else []


def _whose_antecedent(ctx: RelationContext, whose: Token) -> list[str]:
    """"ISKP, the Islamic State's Afghan branch, whose suicide bomber killed X": what the clause is about."""
    clause = whose.head
    for _ in range(3):
        if clause.dep_ == "relcl":
            noun = clause.head
            # the name before the comma first: "the Islamic State's branch" is ISKP, not the Islamic State
            return apposed_by_position(ctx, noun) or _antecedent_entities(ctx, noun)
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return []


def _referents(ctx: RelationContext, token: Token) -> list[str]:
    """The entities a noun phrase names, a relative pronoun through what its clause is about."""
    antecedent = relcl_antecedent(token)
    if antecedent is None:
        return named_by(ctx, token)
    if token.lower_ == "which":
        # "the Amal Movement, led by Nabih Berri, which is allied with ...": "which" is no person, so
        # the clause the parser hung on the person is about the organisation around it.
        for head in [antecedent, *list(antecedent.ancestors)[:4]]:
            if (e := entity(ctx, head)) and etype(ctx, e) != "person":
                return [e]
    return _antecedent_entities(ctx, antecedent)


def _antecedent_entities(ctx: RelationContext, token: Token) -> list[str]:
    """What a relative clause is about: "Ahrar al-Sharqiya, another SNA faction, which OFAC designated"
    (the name an apposition describes), "Hamas is a movement that seeks to ..." (the subject a
    predicate noun describes)."""
    if token.dep_ == "appos" and entity(ctx, token.head):
        return named_by(ctx, token.head)
    found = named_by(ctx, token)
    if not found and token.dep_ == "attr":
        found = [e for c in token.head.children if c.dep_ == "nsubj" for e in named_by(ctx, c)]
    if not found and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        # "the PMF, an umbrella of armed groups that was formed to fight X": the clause the parser hung
        # on the members is about the whole
        found = _antecedent_entities(ctx, token.head.head)
    return found


def _victims(ctx: RelationContext, token: Token, killing: bool) -> list[str]:
    """Who a hostile act is aimed at: the entities the object names, and the organisation a person is
    described by ("al-Qaeda leader Ayman al-Zawahiri", "Fuad Shukr, a commander of Hezbollah", "its
    chief, X"): the act is against that side. A person killed is a casualty of the enmity between
    the sides, not a party to it ("an Israeli strike killed a Hezbollah commander")."""
    named = _referents(ctx, token)
    # "pounded Houthi targets", "hit five of the militia's facilities"; of the killed, only a side's
    # people: "killed a Hezbollah commander", not "killed two Lebanese civilians"
    if not named and (not killing or cue_word("role_nouns", token) or has_cue("group_nouns", token)):
        named = [e for t in [token, *pobjs(token, {"of"})] for e in _modifying_entities(ctx, t)]
    if killing:
        # "killed hundreds of Americans": people of a country, not its soldiers, are not the state;
        # "killed 13 US service members and 170 Afghans": the soldiers' country only
        phrases = [t for p in [token, *pobjs(token, {"of"})] for t in [p, *p.conjuncts]]
        armed = [t for t in phrases if has_cue("state_agent_nouns", t) or _under_arms(t)]
        states = {e for t in armed for e in named_by_head(ctx, t, 0) + _modifying_entities(ctx, t)}
        named = [e for e in dict.fromkeys(named + list(states)) if etype(ctx, e) != "country" or e in states]
    people = [e for e in named if etype(ctx, e) == "person"]
    found = [e for e in named if not (killing and e in people)]
    side = _describing_organization(ctx, token) if people else None
    return found + [side] if side and side not in found else found


def _under_arms(noun: Token) -> bool:
    """"US service members", "Marines", "peacekeepers": people under arms (a military_people cue)."""
    words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    words.append(noun.lemma_.lower())
    return any(" ".join(words[k:]) in cues()["military_people"] for k in range(len(words)))


def _describing_organization(ctx: RelationContext, token: Token) -> str | None:
    """The nearest organisation in a name's titles and apposition, through "of"-phrases and
    possessives: "the head of the IRGC Quds Force" -> the Quds Force, not the IRGC it is part of."""
    level = [token]
    for _ in range(4):
        level = [c for t in level for c in t.children
                 if c.dep_ in {"compound", "appos", "poss", "nmod", "amod", "pobj"}
                 or c.dep_ == "prep" and c.lower_ == "of"]
        for t in level:
            for e in _named_by_modifier(ctx, t):
                if etype(ctx, e) == "organization":
                    return e
    return None


def _companions(ctx: RelationContext, v: Token) -> list[str]:
    """"fought alongside X", "fighting the rebels together with X and with Y", "X, along with Y,
    attacked Z": those acting with the subject."""
    preps = [c for c in v.children if c.dep_ == "prep"]
    together = any(has_cue("joint_words", a) for c in preps if c.lower_ == "with" for a in c.children)
    preps += [x for c in preps for x in c.conjuncts if x.dep_ == "conj"]
    # "X, along with Y, attacked Z": before the verb, "along with" joins the subject
    along = [p for p in _along_with(v) if p.i < v.i]
    return [e for c in preps if c.lower_ == "alongside" or together and c.lower_ == "with"
            for p in c.children if p.dep_ == "pobj" for e in named_by(ctx, p)] \
        + [e for p in along for e in named_by(ctx, p)]


def _along_with(v: Token) -> list[Token]:
    """The noun phrases after a verb's "along with", and the names in apposition to them ("along with
    two other commanders, A and B")."""
    phrases = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "along"
               for w in c.children if w.dep_ == "prep" and w.lower_ == "with"
               for p in w.children if p.dep_ == "pobj"]
    return phrases + [a for p in phrases for c in p.children if c.dep_ == "appos" for a in [c, *c.conjuncts]]


def _listed_among_them(v: Token) -> list[Token]:
    """"designated nine individuals, among them A, B and C": the names after "among them", which
    the parser hangs on the verb as a second object, are some of the first object's."""
    among = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "among"
                  and any(p.lower_ in {"them", "whom"} for p in c.children)), None)
    if among is None:
        return []
    return [n for c in v.children if c.dep_ in {"dobj", "appos", "npadvmod"} and c.i > among.i
            for n in [c, *c.conjuncts]]


def hostile_nouns(ctx: RelationContext) -> Iterator[Candidate]:
    """"US air strikes on Kataib Hezbollah", "Turkey's offensive against the YPG", "Azerbaijan threatened
    war against Armenia", "the coalition it leads against X", "called for sanctions against Y"."""
    for noun in ctx.tokens:
        if noun.pos_ not in {"NOUN", "PROPN"} or not has_cue("hostility_nouns", noun):
            continue
        verb = _governing_verb(noun)
        # "launched its offensive against the army": the target often hangs on the verb.
        targets = [e for p in pobjs(noun, {"against", "on"}) + (pobjs(verb, {"against"}) if verb else [])
                   for e in named_by(ctx, p)]
        if not targets:
            continue
        doers = _attackers(ctx, noun) if has_cue("attack_nouns", noun) else \
            [e for c in noun.children if c.dep_ == "poss" for e in named_by(ctx, c)]
        anchor = [noun]
        if not doers and verb is not None:  # "launched an offensive against", "called for sanctions on"
            doers, anchor = _doers(ctx, verb), [noun, verb]
        for s in doers:
            for o in targets:
                yield Candidate("opposes", s, o, anchor)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or "for"-object) a noun is, when that verb makes its subject the one
    who acts: "launched an offensive", "led a coalition", "called for sanctions"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return head if head.pos_ == "VERB" and has_cue("hostility_light_verbs", head) else None


def between(ctx: RelationContext) -> Iterator[Candidate]:
    """"clashes between Hezbollah and Amal", "the 2015 agreement between Tehran and the movement":
    every two sides named after "between"."""
    for noun in ctx.tokens:
        rtype = cue_word("with_nouns", noun)
        if rtype is None:
            continue
        for p in pobjs(noun, {"between"}):
            sides = named_by(ctx, p)
            for i, a in enumerate(sides):
                for b in sides[i + 1:]:
                    yield Candidate(rtype, a, b, [noun])


def joint_acts(ctx: RelationContext) -> Iterator[Candidate]:
    """"Iran and Russia jointly proposed", "Iraqi and Syrian forces launched a joint offensive", "X and Y
    signed an agreement": the coordinated subjects act together."""
    for v in ctx.tokens:
        if v.pos_ != "VERB":
            continue
        together = any(c.dep_ == "advmod" and has_cue("joint_words", c) for c in v.children) or any(
            c.dep_ == "dobj" and (cue_word("with_nouns", c) == "allied_with"
                                  or any(has_cue("joint_words", a) for a in c.children if a.dep_ == "amod"))
            for c in v.children)
        if not together:
            continue
        sides = [e for s in v.children if s.dep_ == "nsubj" for e in _coordinated_sides(ctx, s)]
        for i, a in enumerate(sides):
            for b in sides[i + 1:]:
                yield Candidate("allied_with", a, b, [v])


def _coordinated_sides(ctx: RelationContext, subject: Token) -> list[str]:
    """"Iran and Russia", "Iraqi and Syrian forces": each side of a coordinated subject."""
    found = named_by(ctx, subject)
    for c in subject.children:
        if c.dep_ in {"amod", "compound"} and entity(ctx, c):
            found += [e for t in [c, *c.conjuncts] if (e := entity(ctx, t)) and e not in found]
    return found


def stances(ctx: RelationContext) -> Iterator[Candidate]:
    """"The party is hostile to X", "an agency which is close to the IRGC", "X joined the anti-Iran
    camp"."""
    doc = ctx.doc
    for t in doc:
        rtype = _cue_type("stance_adjectives", t) if t.dep_ == "acomp" else None
        if rtype is not None:
            for s in _doers(ctx, t.head):
                for p in pobjs(t, {"to", "toward", "towards", "with"}):
                    for o in named_by(ctx, p):
                        yield Candidate(rtype, s, o, [t])
        elif has_cue("anti_prefixes", t) and t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
            opposed = entity(ctx, doc[t.i + 2])
            holder = doc[t.i + 2].head
            if opposed is None or holder.i == t.i + 2:
                continue
            sides = named_by(ctx, holder)
            if not sides and holder.dep_ == "pobj" and holder.head.head.pos_ == "VERB":
                sides = subject_of(ctx, holder.head.head)  # "X sided with the anti-Y camp"
            for s in sides:
                yield Candidate("opposes", s, opposed, [t, holder])


def attack_events(ctx: RelationContext) -> Iterator[Candidate]:
    """The sides of an attack the events stage found ("Hezbollah fighters fired at Israeli positions"),
    when both are named in one of its sentences: only organisations and states are sides, and one who
    merely speaks of the attack ("X accused Y of attacking Z") is none."""
    saying = load_lexicon("attribution")["saying_verbs"]
    for event in ctx.events:
        if event.type not in cues()["hostile_event_types"]:
            continue
        for evidence in event.evidence:
            span = ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
            mentions: dict[str, Token] = {}
            for t in span if span is not None else []:
                if (e := entity(ctx, t)) and etype(ctx, e) in {"organization", "country"}:
                    mentions.setdefault(e, t)
            agents = [e for e in event.agents if e in mentions
                      and not (mentions[e].dep_ == "nsubj" and mentions[e].head.lemma_.lower() in saying)]
            # "killed a commander of Lebanon's Hezbollah": a country named as a group's home is not hit
            targets = [e for e in event.targets
                       if e in mentions and not _home_of_another(ctx, e, mentions[e])]
            for a in agents:
                for t in targets:
                    yield Candidate("opposes", a, t, [mentions[a], mentions[t]])


def _home_of_another(ctx: RelationContext, eid: str, mention: Token) -> bool:
    """"Lebanon's Hezbollah", "the Lebanese Hezbollah": a country named as another entity's home."""
    return etype(ctx, eid) == "country" and mention.dep_ in {"poss", "compound", "amod"} \
        and entity(ctx, mention.head) not in {None, eid}
