"""Events: attacks, killings, appointments, meetings and other happenings, with their doers,
targets, place, date, hedge and evidence (SPEC "Events").

One event per happening. A trigger is a verb or noun from the cue lexicon
(data/cues/events.yaml); its participants come from the dependency parse, never from the
words around it:

- verbs: subject -> agents, object -> targets; passive: "by" agent -> agents, subject -> targets;
  a reduced relative ("the commander killed in the strike") has its head noun as the target; a
  participle or adverbial clause shares its main clause's subject ("sank boats, killing ten").
  Some verbs are events only with the right complement: taking ground needs a place ("seized
  the town of X": an attack there), dying a violent cause ("died in a strike"), hitting a
  facility, sending materiel or fighters, listing an "as" or the passive. Holding an office
  since a date ("has been emir since 2014") is an appointment then; so is an office handed
  "to" someone ("command passed to X"). A present-tense relative clause is a habit.
- nouns: possessor and name modifiers ("Iran's attack", "a US airstrike", "Soleimani's
  assassination": which role depends on the type), prepositions ("attack on X", "killing of
  X", "talks between X and Y"), the subject of a light verb that carries the noun
  ("launched an attack", "carried out a strike", "ordered the killing"), the one an accusation
  pins it on ("blamed X for the attack": alleged) and the killer of "X killed Y in a strike";
  "fighting between X and Y" makes both doers, "landed in Z for talks with Y" the traveller a
  party, and a collective noun ("the exchanges of fire that X opened") carries the event noun.
- a participant phrase names the entity it is (coreference included: "it", "the group"), its
  apposition, its name modifiers ("two US bases" -> United States) or the actor of a group
  noun or a part ("fighters of/from Hezbollah", "five of the militia's facilities"); an "its"
  coreference leaves open in a clause an actor reports is the reporter's own; he/she is the
  person mentioned last before the pronoun, or as a sentence's main subject the main subject
  of the sentence before. A place among the targets is where it happened ("a strike on Beirut").

An event needs at least one entity among its participants (a meeting two, a designation the
one designated), because an event with nobody in it is not something a graph can hold.
Triggers in clauses that do not report something as having happened (conditionals, modals,
expectations, "vowed to strike", "denied firing", "the threat of attacks") are skipped:
events are things that happened; an event noun with its own date ("the July 12 raid") did.

Dates: the date phrase attached to the trigger's clause, or after an act blamed ("blamed X
for bombings on November 16"); else a distance from another happening ("The raid came 12
days after a bomber drove into a convoy": so long before the main clause's date, or the last
date the text fixed; "struck a week after X fired on March 3": so long after the dated
clause); else the date of an "after"/"when" clause telling what the act followed ("succeeded
him after a strike killed him in May 2016"); else the nearest date of its sentence that no
other trigger's clause holds (not a date of saying); else, in a sentence without dates, the
last date of the sentence before (not a dateline's; not for a succession, whose sentence
before tells another happening). "The next day", "three days later", "that November" count
from the last date the text fixed; what has gone on "since" a date (present perfect) spans it
to publication; a death "in that operation" takes the date of the last attack told. There is
no default date, because dates are never invented.

Mentions of one happening merge (`_merge_mentions`): same type, a shared target (or a shared
doer where one names no target), agreeing dates and places (two places of one country for a
strike on one person); "the attack" without a target is the last attack mentioned. Whoever a
clause of an attack counts "among the dead" is its target. A killing without a date, or dated
only to a month or year, takes the date of the attack on its victim; an attack dated only nearby,
the date its sentence gives its victim's death. An accusation that names no act ("authorities
blamed the ADF") makes the accused the alleged doer of the acts of unnamed doers just told; a
claim of responsibility ("X claimed the attack") makes the claimant its doer, alleged on its own
word until a surer mention confirms it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..errors import DataError
from ..lexicon import load_lexicon
from ..model import Event, Statement
from .attribution import Quote
from .dates import anaphoric_date, is_anaphoric, normalize_date
from .hedges import hedge_for
from .pipeline import date_entities
from .resolve import Resolved
from .statements import evidence_of

AGENT_TYPES = {"person", "organization", "country"}
PLACE_TYPES = {"place", "country"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_CLAUSE_LINKS = {"conj", "xcomp"}  # a verb that shares its subject with its head
_COMPLEMENTS = {"oprd", "attr", "xcomp", "acomp"}
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}
_MAX_CLIMB = 8


# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    """The event lexicon, with lookup tables derived once (lemma -> type)."""
    raw = load_lexicon("events")
    cues: dict[str, Any] = dict(raw)
    cues["verb_type"] = {lemma: etype for etype, lemmas in raw["verbs"].items() for lemma in lemmas}
    cues["noun_type"] = {noun.split()[-1]: etype for etype, nouns in raw["nouns"].items() for noun in nouns}
    cues["phrasal"] = {(verb, particle): etype for etype, pairs in raw["phrasal_verbs"].items()
                       for verb, particle in pairs}
    for key, values in raw.items():  # every plain list is a word set, every other entry a table
        if isinstance(values, list):
            cues[key] = frozenset(str(v).lower() for v in values)
        elif key != "version" and not isinstance(values, dict):
            raise DataError("data/cues/events.yaml", f"'{key}' must be a list or a mapping")
    return cues


def _clock_time(ent: Span) -> bool:
    """"(1640 GMT)": spaCy may take a clock time for a year."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.lower_ in _cues()["clock_words"]


def _expression(ent: Span) -> str:
    """A date phrase with the "that" spaCy leaves outside it ("that November")."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "that":
        return "that " + ent.text
    return ent.text


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


# --------------------------------------------------------------------------- frames


@dataclass
class _Frame:
    """One trigger and what the parse says about it, before hedging and checks."""

    type: str
    trigger: Token
    anchors: list[Token]  # tokens whose clause is the event's: the trigger, a light verb
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    target_phrases: list[Token] = field(default_factory=list)  # where a place may hang ("a base in Jordan")
    unnamed_agent: bool = False  # a doer the text gives but names no entity: "a militia's attack"
    # whose claim the doer is: an accuser's ("authorities blamed X") or the doer's own ("X claimed the
    # attack"); None when the text gives the doer as a fact
    alleged_by: list[str] | None = None

    def add(self, role: str, eids: list[str]) -> None:
        bucket = self.agents if role == "agent" else self.targets
        for eid in eids:
            if eid not in bucket:
                bucket.append(eid)


@dataclass
class _Context:
    doc: Doc
    resolved: Resolved
    published: str | None
    dates_by_sentence: dict[int, list[Span]] = field(default_factory=dict)  # sentence start -> dates
    claimed_dates: set[int] = field(default_factory=set)  # starts of dates on some trigger's clause
    fixed_dates: list[tuple[int, str]] = field(default_factory=list)  # (start, EDTF) of dates with a year

    def __post_init__(self) -> None:
        for ent in date_entities(self.doc):
            if _clock_time(ent):
                continue
            self.dates_by_sentence.setdefault(ent.sent.start, []).append(ent)
            value = None if is_anaphoric(_expression(ent)) else normalize_date(ent.text, self.published)
            if value and value[:1].isdigit():
                self.fixed_dates.append((ent.start, value))

    def date_of(self, ent: Span) -> str | None:
        """A date phrase as EDTF: "the next day", "that November" are told from the last date
        the text fixed before them, everything else from publication."""
        expression = _expression(ent)
        if not is_anaphoric(expression):
            return normalize_date(ent.text, self.published)
        before = bisect_left(self.fixed_dates, (ent.start, ""))
        return anaphoric_date(expression, self.fixed_dates[before - 1][1]) if before else None

    def entity(self, token: Token) -> str | None:
        return self.resolved.entity_at(token.i)

    def type_of(self, eid: str) -> str:
        return self.resolved.entities[eid].type


# --------------------------------------------------------------------------- triggers


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.pos_ != "AUX" and token.tag_.startswith("VB"))


def _objects(verb: Token) -> list[Token]:
    """The direct objects; with a predicate after it ("designated him a terrorist") the parser
    calls the object a dative."""
    complemented = any(c.dep_ == "oprd" for c in verb.children)
    return [c for c in verb.children if c.dep_ in {"dobj", "obj"} or complemented and c.dep_ == "dative"]


def _event_noun_type(token: Token) -> str | None:
    """The event type of a noun trigger; a noun used as a modifier ("attack helicopter",
    "death toll") is not an event. A gerund standing as a noun ("Fighting between X and Y
    erupted") is one."""
    nominal_gerund = token.tag_ == "VBG" and token.dep_ in _NOMINAL_DEPS
    if (token.pos_ not in {"NOUN", "PROPN"} and not nominal_gerund) or token.dep_ in {"compound", "amod", "nmod"}:
        return None
    cues = _cues()
    etype = cues["noun_type"].get(token.lower_) or cues["noun_type"].get(_lemma(token))
    if etype and token.lower_ in cues["violent_only_nouns"] and not _violent_death(token):
        return None  # "announced his death" may be of illness; "his death in a bomb blast" is not
    if etype and token.dep_ == "pobj" and token.head.lower_ == "of" and _lemma(token.head.head) in cues["breach_nouns"]:
        return None  # "in breach of UN sanctions", "a violation of the truce": the breach is the news
    return etype


def _verb_type(token: Token) -> str | None:
    """The event type of a verb trigger, checking the conditions some verbs need."""
    if not _is_verb(token):
        return None
    cues, lemma = _cues(), _lemma(token)
    # "pulled its troops out of Yemen": the parser may make the particle a preposition
    particles = [c.lower_ for c in token.children if c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ == "out"]
    for particle in particles:
        if (lemma, particle) in cues["phrasal"]:
            return cues["phrasal"][(lemma, particle)]
    if particles and lemma not in cues["verb_type"]:
        return None
    objects = _objects(token)
    if any(_lemma(o) in cues["non_objects"] for o in objects):
        return None  # "struck a deal", "seized the opportunity"
    if lemma in cues["light_verbs"] and any(_event_noun_type(o) for o in objects):
        return None  # "launched an attack", "executed the plan to strike": the noun is the trigger
    if lemma in cues["weapon_verbs"]:
        return "attack" if _weapon_use(token) else None
    if lemma in cues["detonation_verbs"]:
        return "attack" if any(_lemma(o) in cues["weapon_nouns"] for o in objects) else None
    if lemma in cues["vehicle_attack_verbs"]:
        return "attack" if _rigged_vehicle(token) else None
    if lemma in cues["office_verbs"] and any(_lemma(o) in cues["office_nouns"] for o in objects):
        return "appointment"  # "took office", "assumed command"
    if lemma in cues["handover_verbs"]:
        return "appointment" if _office_handed(token) is not None else None
    if lemma in cues["supply_verbs"]:
        return "other" if any(_is_materiel(o) for o in objects + _pobjs(token, {"with"})) else None
    if lemma in cues["movement_verbs"]:
        into_a_name = any(o.pos_ == "PROPN" for o in objects + _pobjs(token, {"in", "into"}))
        return "other" if into_a_name and _forces_move(token) else None
    if lemma in cues["capture_verbs"] and any(_is_ground(o) for o in _taken(token)):
        return "attack"  # "seized the town of X", "overran Mosul"
    if lemma in cues["death_verbs"]:
        return "killing" if _violent_death(token) else None
    if lemma in cues["impact_verbs"]:
        return "attack" if any(_is_physical(o) for o in objects) else None
    etype = cues["verb_type"].get(lemma)
    if etype is None:
        return None
    if lemma in cues["role_complement_verbs"] and _role_complement(token) is None:
        return None  # "a group named Fatehin" is not an appointment
    if lemma in cues["as_or_passive_verbs"] and not (_is_passive(token) or _pobjs(token, {"as"})):
        return None  # "the companies listed below" is not a listing
    return etype


def _office_handed(verb: Token) -> Token | None:
    """The office in "handed command to his son", "command passed to Musa Baluku", "ceded his
    powers to a council": an office handed over to someone is an appointment of them."""
    offices = _cues()["office_nouns"]
    if not _pobjs(verb, {"to"}):
        return None
    return next((o for o in _objects(verb) + _subjects(verb) if _lemma(o) in offices), None)


def _forces_move(verb: Token) -> bool:
    """Who entered or reached a place is a force or a named actor ("units of X entered Tigray",
    "100 of its troops reached Burkina Faso", "Wagner reached Bamako"), not money or missiles."""
    movers = _cues()["moving_forces"]
    for subject in _subjects(verb):
        heads = [subject, *(_pobjs(subject, {"of"}) if _is_part(subject) else [])]
        if any(h.pos_ == "PROPN" or _lemma(h) in movers or h.lower_ in movers for h in heads):
            return True
    return False


def _is_materiel(phrase: Token) -> bool:
    """"surface-to-air missiles", "about 1,000 RSF fighters", "one plane loaded with ammunition"."""
    return _lemma(phrase) in _cues()["materiel_nouns"] or phrase.lower_ in _cues()["materiel_nouns"]


def _taken(verb: Token) -> list[Token]:
    """What a capture verb takes: its object, or its subject in the passive ("Mosul was overrun")."""
    return _subjects(verb) if _is_passive(verb) else _objects(verb)


def _is_ground(phrase: Token) -> bool:
    """"the town of Kanyabayonga", "territory", "control of the city", "Sanaa"."""
    return phrase.pos_ == "PROPN" or _lemma(phrase) in _cues()["ground_nouns"]


def _is_physical(phrase: Token) -> bool:
    """What a strike can hit: a facility or force ("five of the militia's facilities"), a name."""
    of_heads = _cues()["of_heads"]
    if phrase.pos_ == "PROPN" or phrase.lower_ in of_heads or _lemma(phrase) in of_heads:
        return True
    return _is_part(phrase) and any(_is_physical(p) for p in _pobjs(phrase, {"of"}))


def _violent_death(verb: Token) -> bool:
    """"died in a strike", "died in that operation" (not "died of cancer")."""
    for pobj in _pobjs(verb, {"in", "during", "from", "after"}):
        if _event_noun_type(pobj) == "attack" or _lemma(pobj) in _cues()["violent_death_nouns"]:
            return True
    return False


def _weapon_use(verb: Token) -> bool:
    """"fired rockets", "launched missiles at", "fired on the convoy"."""
    cues = _cues()
    if any(_lemma(o) in cues["weapon_nouns"] for o in _objects(verb)):
        return True
    return any(c.dep_ == "prep" and c.lower_ in {"at", "on", "against", "into", "toward", "towards"}
               for c in verb.children)


def _rigged_vehicle(verb: Token) -> bool:
    """"drove an explosives-laden car into a convoy", "rammed a truck bomb into the gate": a vehicle
    rigged with explosives driven into something (not "drove into the town")."""
    rigged = any(_lemma(t) in _cues()["weapon_nouns"] or t.lower_ in _cues()["rigged_words"]
                 for o in _objects(verb) for t in o.subtree)
    return rigged and any(c.dep_ == "prep" and c.lower_ == "into" for c in verb.children)


def _role_complement(verb: Token) -> Token | None:
    """The role a person is appointed to: "named the new head of", "appointed X as commander"."""
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS and child.pos_ == "NOUN":
            return child
        if child.dep_ == "prep" and child.lower_ in {"as", "to"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return pobj
    for obj in _objects(verb):  # "named him commander": dobj + a second noun
        for child in obj.children:
            if child.dep_ in _COMPLEMENTS and child.pos_ == "NOUN":
                return child
    return None


def _trigger_type(token: Token) -> str | None:
    return _verb_type(token) or _event_noun_type(token)


# --------------------------------------------------------------------------- participants


def _conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Hezbollah and Hamas")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _previous_person(ctx: _Context, token: Token, exclude: Set[str]) -> str | None:
    """He/she/him: the person mentioned last before the pronoun (not one already in the event);
    but a sentence's main subject continues the main subject of the sentence before
    ("Sirajuddin has been a deputy under X, who succeeded Y. Since 2021 he has been minister":
    he is Sirajuddin)."""
    continued = _previous_main_subject(ctx, token)
    if continued and ctx.type_of(continued) == "person" and continued not in exclude:
        return continued
    for i in range(token.i - 1, -1, -1):
        eid = ctx.resolved.entity_at(i)
        if eid and ctx.type_of(eid) == "person" and eid not in exclude:
            return eid
    return None


def _previous_main_subject(ctx: _Context, token: Token) -> str | None:
    """The entity subject of the sentence before, when `token` is its own sentence's main subject."""
    if token.dep_ not in _SUBJECTS or token.head.dep_ != "ROOT" or token.sent.start == 0:
        return None
    before = ctx.doc[token.sent.start - 1].sent
    subjects = [c for c in before.root.children if c.dep_ in _SUBJECTS]
    return ctx.entity(subjects[0]) if subjects else None


def _modifier_entities(ctx: _Context, token: Token) -> list[str]:
    """Entities named by a noun's name modifiers: "US" in "two US bases", "American" in "an
    American contractor", "Hezbollah's fighters". A participle modifier ("Iranian-backed
    militias") names a supporter, not the phrase's referent, so it is not followed."""
    out: list[str] = []
    for child in token.children:
        if child.dep_ in {"compound", "nmod", "poss", "amod"} and child.pos_ not in {"VERB", "AUX"}:
            eid = ctx.entity(child) or _reporters_own(ctx, child)
            if eid:
                out.append(eid)
                # "Hezbollah and Hamas leaders": coordinated modifiers name actors too.
                out += [e for c in _conjuncts(child)[1:] if (e := ctx.entity(c))]
            elif child.dep_ in {"compound", "nmod"}:
                out.extend(_modifier_entities(ctx, child))
    return out


def _reporters_own(ctx: _Context, pronoun: Token) -> str | None:
    """"Israel's military said its jets struck": an "its" coreference leaves open, in a clause
    reported by an actor, is that actor's own."""
    if pronoun.dep_ != "poss" or pronoun.lower_ not in _cues()["own_pronouns"]:
        return None
    clause = pronoun.head.head
    if clause.dep_ != "ccomp" or _lemma(clause.head) not in _saying_verbs():
        return None
    reporters = [s for s in _subjects(clause.head) if s.pos_ != "PRON"]
    return next(iter(_entities_of(ctx, reporters)), None)


def phrase_entities(ctx: _Context, token: Token, exclude: Set[str] = frozenset()) -> list[str]:
    """The entities a participant phrase headed by `token` names, coordinated ones included."""
    out: list[str] = []
    for t in _conjuncts(token):
        for eid in _one_phrase(ctx, t, exclude):
            if eid not in out:
                out.append(eid)
    return out


def _one_phrase(ctx: _Context, token: Token, exclude: Set[str]) -> list[str]:
    if token.pos_ == "PRON" and not _is_part(token):
        if token.lower_ in _PERSON_PRONOUNS:
            eid = _previous_person(ctx, token, exclude)
            return [eid] if eid else []
        referent = ctx.entity(token)  # "it", "they": whom coreference says the pronoun is
        return [referent] if referent and referent not in exclude else []
    eid = ctx.entity(token)
    if eid:
        return [eid]
    group = [e for e in ctx.resolved.group_at(token.i) if e not in exclude]  # "both groups"
    if group:
        return group
    for child in token.children:
        if child.dep_ == "appos":
            found = _one_phrase(ctx, child, exclude)
            if found:
                return found
    found = _modifier_entities(ctx, token)
    if found:
        return found
    if _stands_for_its_of(token):
        # "fighters of Hezbollah"; forces may come "from" theirs: "fighters from the SNA"
        preps = {"of", "from"} if _lemma(token) in _cues()["moving_forces"] else {"of"}
        for pobj in _pobjs(token, preps):
            found = phrase_entities(ctx, pobj, exclude)
            if found:
                return found
    return []


def _stands_for_its_of(token: Token) -> bool:
    """"fighters of Hezbollah", and a part of a whole: "five of the militia's facilities",
    "some of its commanders" name the actor of their "of"-phrase."""
    of_heads = _cues()["of_heads"]
    return token.lower_ in of_heads or _lemma(token) in of_heads or _is_part(token)


def _is_part(token: Token) -> bool:
    """"five" in "five of the militia's facilities", "some" in "some of its fighters"."""
    return token.pos_ == "NUM" or token.lower_ in _cues()["partitive_words"]


def _pobjs(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ in {"prep", "agent"} and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("Soleimani, who was killed")."""
    if token.lower_ in _RELATIVE_PRONOUNS:
        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            event = _relative_event(clause)
            if event is not None:
                return event  # "an attack on an outpost that killed a soldier": the attack killed
            noun = clause.head
            # "Pasechnik, a former SBU officer, who took over": the clause is about the name
            return noun.head if noun.dep_ == "appos" else noun
    return token


# --------------------------------------------------------------------------- verb frames


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass", "csubjpass"} for c in verb.children):
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True  # "the commander killed in the strike"
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in _SUBJECTS for c in verb.children):
        return _is_passive(verb.head)  # "was arrested and executed"
    return False


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, inherited from the verb it is coordinated with or controlled by.
    Object control: "ordered the militia to attack" makes the militia the subject."""
    current = verb
    for _ in range(4):
        subjects = [_antecedent(c) for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:
            return subjects
        if current.dep_ == "acl" and current.head.i != current.i:
            return [current.head]  # "the commander killed in ...", "militias attacking US forces"
        if current.dep_ == "advcl" and current.head.i != current.i:
            current = current.head  # "helicopters sank three boats, killing ten fighters"
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and _is_verb(current.head.head):
            if _cues()["blame_verbs"].get(_lemma(current.head.head)) == current.head.lower_:
                return []  # "Washington accused Tehran of supplying X": the accused did it (`_blamed`)
            current = current.head.head  # "after meeting Afwerki, Abiy announced"
            continue
        if current.dep_ not in _CLAUSE_LINKS or current.head.i == current.i:
            return []
        if current.dep_ == "xcomp" and _objects(current.head):
            return _objects(current.head)
        current = current.head
    return []


def _verb_frame(ctx: _Context, verb: Token, etype: str) -> _Frame:
    cues, lemma = _cues(), _lemma(verb)
    frame = _Frame(etype, verb, [verb])
    passive = _is_passive(verb)
    subjects, objects = _subjects(verb), _objects(verb)
    if passive:
        frame.target_phrases += subjects
        frame.add("target", _entities_of(ctx, subjects))
        role = _role_complement(verb) if etype == "appointment" else None
        # "X was succeeded as chief of staff by Y": the parser may hang "by Y" on the role
        agents = _pobjs(verb, {"by"}) or (_pobjs(role, {"by"}) if role is not None else [])
        # "Muhandis was succeeded by Mohammadawi": the successor is appointed, not appointing
        by_role = "target" if etype == "appointment" and lemma in cues["subject_is_appointee"] else "agent"
        frame.add(by_role, _entities_of(ctx, agents))
        frame.add("agent", _instrument_agents(ctx, verb))
    else:
        subject_is_target = ((etype == "appointment" and lemma in cues["subject_is_appointee"] | cues["office_verbs"])
                             or lemma in cues["death_verbs"])
        subject_entities = _entities_of(ctx, subjects)
        frame.add("target" if subject_is_target else "agent", subject_entities)
        frame.unnamed_agent = not subject_is_target and _unnamed(subjects, subject_entities)
        if lemma in cues["death_verbs"]:
            frame.add("agent", _instrument_agents(ctx, verb))
        if (etype == "meeting" and lemma in cues["object_is_place"]) or lemma in cues["movement_verbs"] or (
                etype == "attack" and lemma in cues["capture_verbs"]):
            _object_as_place(ctx, frame, objects)
            frame.add("target", _entities_of(ctx, _pobjs(verb, {"from"}), exclude=set(frame.agents)))
        else:
            frame.target_phrases += objects
            frame.add("target", _entities_of(ctx, objects, exclude=set(frame.agents)))
    for prep, role in (cues.get("verb_preps") or {}).get(etype, {}).items():
        pobjs = _pobjs(verb, {prep})
        if role == "place":  # "deployed to Mali"; "sent fighters to the RSF" reaches an actor
            _set_place(ctx, frame, pobjs)
            frame.add("target", [e for e in _entities_of(ctx, pobjs, exclude=set(frame.agents))
                                 if ctx.type_of(e) not in PLACE_TYPES])
            continue
        frame.target_phrases += pobjs if role == "target" else []
        frame.add(role, _entities_of(ctx, pobjs, exclude=set(frame.agents)))
    if etype == "appointment":
        frame.add("target", _role_unit(ctx, verb))
        if lemma in cues["handover_verbs"]:
            frame.add("target", _entities_of(ctx, _pobjs(verb, {"to"})))
    return frame


def _unnamed(phrases: list[Token], entities: list[str]) -> bool:
    """A doer phrase that names nobody ("gunmen", "a militia's"). An unresolved pronoun may
    still be anyone, "one of the raids" or "the missiles" is the means, "Sunday's" the day."""
    return not entities and any(p.pos_ in {"NOUN", "PROPN"} and not _event_noun_type(p) and p.ent_type_ != "DATE"
                                and _lemma(p) not in _cues()["weapon_nouns"] for p in phrases)


def _entities_of(ctx: _Context, tokens: list[Token], exclude: Set[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for token in tokens:
        for eid in phrase_entities(ctx, token, exclude):
            if eid not in out:
                out.append(eid)
    return out


def _instrument_agents(ctx: _Context, verb: Token) -> list[str]:
    """"killed in a US drone strike": the doer of the attack that did it."""
    out: list[str] = []
    for pobj in _pobjs(verb, {"in", "by", "during"}):
        if _event_noun_type(pobj) == "attack":
            out += [e for e in _modifier_entities(ctx, pobj) if ctx.type_of(e) in AGENT_TYPES]
    return out


def _object_as_place(ctx: _Context, frame: _Frame, objects: list[Token]) -> None:
    """"Soleimani visited Baghdad", "seized the town of X": a visited or taken place is where the
    event was; a visited person is the one met."""
    for obj in objects:
        for eid in phrase_entities(ctx, obj):
            if ctx.type_of(eid) in PLACE_TYPES and frame.place is None:
                frame.place = eid
            else:
                frame.add("target", [eid])


def _office_held_since(copula: Token) -> Token | None:
    """The office in "has been emir since September 2014", "has been the movement's acting
    interior minister since 2021": holding an office since a date is an appointment then."""
    if _lemma(copula) != "be":
        return None
    role = next((c for c in copula.children if c.dep_ in {"attr", "acomp"} and _lemma(c) in _cues()["office_roles"]),
                None)
    since = [c for h in (copula, role) if h is not None for c in h.children
             if c.dep_ == "prep" and c.lower_ in _cues()["office_start_preps"]]
    return role if since else None


def _office_frame(ctx: _Context, copula: Token, role: Token) -> _Frame:
    """The holder is the appointee; the body the office is of ("the movement's", "of X") too."""
    frame = _Frame("appointment", copula, [copula])
    frame.add("target", _entities_of(ctx, _subjects(copula)))
    frame.add("target", [e for e in _modifier_entities(ctx, role) + _entities_of(ctx, _pobjs(role, {"of"}))
                         if ctx.type_of(e) == "organization"])
    return frame


def _role_unit(ctx: _Context, verb: Token) -> list[str]:
    """The unit a person is appointed to lead: "commander of the Quds Force"."""
    role = _role_complement(verb)
    if role is None:
        return []
    found = [e for e in _modifier_entities(ctx, role) if ctx.type_of(e) == "organization"]
    for pobj in _pobjs(role, {"of"}):
        found += [e for e in phrase_entities(ctx, pobj) if ctx.type_of(e) in {"organization", "country"}]
    return found


# --------------------------------------------------------------------------- noun frames


def _noun_frame(ctx: _Context, noun: Token, etype: str) -> _Frame:
    cues = _cues()
    frame = _Frame(etype, noun, [noun])
    _noun_modifiers(ctx, frame, noun)
    _preps_of(ctx, frame, noun)
    if etype == "attack":
        frame.add("target", _victims(ctx, noun))
        frame.add("agent", _killers(ctx, noun))
    elif etype == "killing":
        frame.add("agent", _instrument_agents(ctx, noun))  # "his death in a US strike"
    light = _light_verb(_collective_head(noun) or noun) or _travel_for(noun, etype)
    if light is not None:
        frame.anchors.append(light)
        doers = _light_verb_agents(ctx, light, noun)
        frame.add("agent", doers)
        if doers and _lemma(light) in cues["claiming_verbs"]:
            frame.alleged_by = doers  # "X claimed (responsibility for) the attack": X's own claim
        _preps_of(ctx, frame, light)  # "held a meeting with X": the "with" hangs from the verb
    elif noun.dep_ in {"nsubj", "nsubjpass"} and _lemma(noun.head) in cues["happening_verbs"]:
        frame.anchors.append(noun.head)  # "the meeting took place in Tehran on Monday"
    return frame


def _preps_of(ctx: _Context, frame: _Frame, holder: Token) -> None:
    """Participants from the prepositions an event noun's type expects, on `holder`."""
    for prep, role in _cues()["noun_preps"].get(frame.type, {}).items():
        pobjs = _pobjs(holder, {prep})
        if role == "place":
            _set_place(ctx, frame, pobjs)
            continue
        if role == "target":
            frame.target_phrases += pobjs
        frame.add(role, _entities_of(ctx, pobjs))


def _noun_modifiers(ctx: _Context, frame: _Frame, noun: Token) -> None:
    """"Iran's attack", "a US airstrike", "Soleimani's assassination", "the Baghdad strike"."""
    cues = _cues()
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children)):
            eids = phrase_entities(ctx, child)  # the parser may hang "a militia's" as nmod + case
            frame.add(cues["possessor_role"][frame.type], eids)
            frame.unnamed_agent |= cues["possessor_role"][frame.type] == "agent" and _unnamed([child], eids)
        elif child.dep_ == "amod" and _lemma(child) in cues["doer_participles"]:
            # "the Hamas-led attack": the one before the hyphen did it
            frame.add("agent", [e for m in child.children if m.dep_ in {"npadvmod", "compound", "nmod"}
                                for e in [ctx.entity(m)] if e and ctx.type_of(e) in AGENT_TYPES])
        elif child.dep_ in {"compound", "amod", "nmod"} and child.pos_ not in {"VERB", "AUX"}:
            eid = ctx.entity(child)
            for e in ([eid] if eid else _modifier_entities(ctx, child)):
                etype = ctx.type_of(e)
                if etype == "place":
                    frame.place = frame.place or e
                elif etype == "person":
                    frame.add(cues["person_modifier_role"][frame.type], [e])
                else:
                    frame.add("agent", [e])


def _victims(ctx: _Context, noun: Token) -> list[str]:
    """Who an attack killed is who it hit: "a US strike killed Soleimani", "Soleimani was killed
    in a US strike", "Israel killed Shukr in a strike"."""
    head = noun.head
    if noun.dep_ == "nsubj" and _verb_type(head) == "killing":
        return _entities_of(ctx, _objects(head))
    verb = _killing_by_means(noun)
    if verb is None:
        return []
    if not _is_verb(verb):  # "his death in a bomb blast", "the killing of X in a raid"
        return _entities_of(ctx, [c for c in verb.children if c.dep_ == "poss"] + _pobjs(verb, {"of"}))
    died = _is_passive(verb) or _lemma(verb) in _cues()["death_verbs"]
    return _entities_of(ctx, _subjects(verb) if died else _objects(verb))


def _killing_by_means(noun: Token) -> Token | None:
    """The killing an attack noun is the means of: "killed in a strike", "killed X in a raid",
    "his death in a bomb blast"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in {"in", "by", "during"} and _trigger_type(head.head) == "killing":
        return head.head
    return None


def _killers(ctx: _Context, noun: Token) -> list[str]:
    """"Israel killed Shukr in a strike": who killed by the attack carried it out."""
    verb = _killing_by_means(noun)
    if verb is None or not _is_verb(verb) or _lemma(verb) in _cues()["death_verbs"]:
        return []
    return _entities_of(ctx, _pobjs(verb, {"by"}) if _is_passive(verb) else _subjects(verb))


def _collective_head(noun: Token) -> Token | None:
    """"exchanges" in "the exchanges of fire that Hezbollah opened", "a wave of attacks": the
    noun that carries the event's verb and clauses."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in _cues()["collective_nouns"]:
        return head.head
    return None


def _light_verb(noun: Token) -> Token | None:
    """The verb that carries an event noun: "launched an attack", "the strike was carried out",
    "claimed responsibility for the attack"."""
    head, cues = noun.head, _cues()
    if noun.dep_ in {"dobj", "nsubjpass"} and _lemma(head) in cues["light_verbs"]:
        return head
    if (noun.dep_ in {"dobj", "nsubjpass"} and _lemma(head) in cues["announcing_verbs"]
            and _event_noun_type(noun) in cues["announced_types"]):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        owner = head.head.head
        if _is_verb(owner):
            return owner
    for clause in noun.children:  # "the attack, which Hezbollah claimed"
        if clause.dep_ == "relcl" and _lemma(clause) in _cues()["light_verbs"] and any(
                c.dep_ == "dobj" and c.lower_ in _RELATIVE_PRONOUNS for c in clause.children):
            return clause
    return None


def _travel_for(noun: Token, etype: str) -> Token | None:
    """The verb whose purpose a meeting is: "landed in Benghazi for talks with Haftar", "flew to
    Moscow for a meeting with Putin": its subject is a party, its date the meeting's."""
    cues = _cues()
    prep = noun.head
    if (etype in cues["purpose_types"] and noun.dep_ == "pobj" and prep.lower_ in cues["purpose_preps"]
            and _is_verb(prep.head)):
        return prep.head
    return None


def _blamed(ctx: _Context, trigger: Token) -> list[str]:
    """Who an accusation pins the event on: "blamed the militia for a volley of rockets", "accused
    it of a bombing", "was blamed for the attack" (the accuser's claim, hedged as such)."""
    verb = _blaming_verb(trigger)
    if verb is None:
        return []
    return _entities_of(ctx, _subjects(verb) if _is_passive(verb) else _objects(verb))


def _blaming_verb(trigger: Token) -> Token | None:
    """"blamed" in "blamed the militia for a volley of rockets", when the trigger is what it blames."""
    prep = trigger.head
    if trigger.dep_ not in {"pobj", "pcomp"} or prep.dep_ != "prep":
        return None
    verb = prep.head
    if verb.dep_ == "dobj":  # the parser may hang "of a bombing" on the accused
        verb = verb.head
    return verb if _cues()["blame_verbs"].get(_lemma(verb)) == prep.lower_ else None


def _blamed_act_date(ctx: _Context, frame: _Frame, dates: list[Span]) -> str | None:
    """"blamed the ADF for bombings in Kampala on November 16": a date after the act blamed, on
    the blaming verb, dates the act (one before it, "on Monday blamed", dates the blaming)."""
    verb = _blaming_verb(frame.trigger)
    if verb is None:
        return None
    for ent in dates:
        if ent.start > frame.trigger.i and _governing_verb(ent.root) == verb:
            value = ctx.date_of(ent)
            if value:
                return value
    return None


def _light_verb_agents(ctx: _Context, light: Token, noun: Token) -> list[str]:
    if noun.dep_ == "nsubjpass":
        phrases = _pobjs(light, {"by"})
    else:
        phrases = [s for s in _subjects(light) if s is not noun]
    return [e for e in _entities_of(ctx, phrases) if ctx.type_of(e) in AGENT_TYPES]


# --------------------------------------------------------------------------- place and date


def _set_place(ctx: _Context, frame: _Frame, pobjs: list[Token]) -> None:
    for pobj in pobjs:
        for eid in phrase_entities(ctx, pobj):
            if ctx.type_of(eid) in PLACE_TYPES and frame.place is None:
                frame.place = eid


def _find_place(ctx: _Context, frame: _Frame) -> None:
    """"in Iraq" on the trigger, then on a target's phrase ("a US base in Jordan"): the first
    place or country that is not itself a participant."""
    if frame.place is not None:
        return
    holders = [*frame.anchors, *frame.target_phrases]
    if _is_verb(frame.trigger):
        holders += _subjects(frame.trigger)
    participants = set(frame.agents) | set(frame.targets)
    holders += [c for h in holders for c in h.children if c.dep_ == "appos"]  # "Tower 22, a US outpost in Jordan"
    for holder in holders:
        for pobj in _pobjs(holder, set(_cues()["place_preps"])):
            for eid in phrase_entities(ctx, pobj):
                if ctx.type_of(eid) in PLACE_TYPES and eid not in participants:
                    frame.place = eid
                    return


def _attached(token: Token, anchors: list[Token]) -> bool:
    """True when `token` hangs from one of the anchors without crossing into another clause."""
    anchor_ids = {a.i for a in anchors}
    current = token
    for _ in range(_MAX_CLIMB):
        if current.i in anchor_ids:
            return True
        if current.head.i == current.i:
            return False
        if current.i != token.i and _is_verb(current) and not _shares_clause(current, anchor_ids):
            return False
        current = current.head
    return False


def _shares_clause(verb: Token, anchor_ids: set[int]) -> bool:
    """"were killed and wounded on Sunday": a coordinated verb without its own subject is part
    of the anchor's clause, so its date is the anchor's too."""
    return (verb.dep_ == "conj" and verb.head.i in anchor_ids
            and not any(c.dep_ in _SUBJECTS for c in verb.children))


def _bounds_a_period(ent: Span, etype: str) -> bool:
    """"since October", "until 2014": the edge of a period, not the day something happened;
    but the start of an office is when its holder was appointed ("has led it since 2018")."""
    cues = _cues()
    prep = ent.root.head.lower_ if ent.root.dep_ == "pobj" else ent[0].lower_
    if etype == "appointment" and prep in cues["office_start_preps"]:
        return False
    return prep in cues["period_preps"]


def _sequel_date(ctx: _Context, frame: _Frame) -> str | None:
    """"succeeded him after a strike killed him in May 2016": an act that followed a dated
    happening told in its own "after"/"when" clause took place then too (as near as the text
    says), even though that clause's date belongs to the happening's trigger."""
    marks = _cues()["sequel_marks"]
    for anchor in frame.anchors:
        for clause in anchor.children:
            # the parser gives "after a strike killed him" as a clause or as a preposition
            if not ((clause.dep_ == "prep" and clause.lower_ in marks)
                    or (clause.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in marks
                                                       for c in clause.children))):
                continue
            for ent in ctx.dates_by_sentence.get(clause.sent.start, []):
                inside = clause.left_edge.i <= ent.start and ent.end - 1 <= clause.right_edge.i
                if inside and not _bounds_a_period(ent, frame.type):
                    value = ctx.date_of(ent)
                    if value:
                        return value
    return None


def _event_date(ctx: _Context, frame: _Frame) -> tuple[str | None, bool]:
    """(date, attached): the first date phrase of the trigger's clause, normalised; else the
    nearest date of its sentence that no other trigger's clause holds; else, in a sentence
    without dates, the last one of the sentence before ("US jets on Sunday hit five sites. One
    of the strikes hit the headquarters."). Dates found nearby are weaker than attached ones."""
    sent = frame.trigger.sent
    ongoing = _ongoing_since(ctx, frame)
    if ongoing:
        return ongoing, True
    dates = [ent for ent in ctx.dates_by_sentence.get(sent.start, []) if not _bounds_a_period(ent, frame.type)]
    anchors = _date_anchors(frame)
    for ent in dates:
        if _attached(ent.root, anchors):
            value = ctx.date_of(ent)
            if value:
                return value, True
    blamed = _blamed_act_date(ctx, frame, dates)
    if blamed:
        return blamed, True
    measured = _measured_date(ctx, frame)
    if measured:
        return measured, True
    sequel = _sequel_date(ctx, frame)
    if sequel:
        return sequel, False
    nearby = sorted((ent for ent in dates if not _dates_saying(ent) and ent.start not in ctx.claimed_dates),
                    key=lambda e: abs(e.root.i - frame.trigger.i))
    # the sentence before tells the happening an attack goes on describing; before a succession
    # ("X was killed in 2004. His brother succeeded him") it tells another one
    if sent.start > 0 and not ctx.dates_by_sentence.get(sent.start) and frame.type != "appointment":
        before = ctx.doc[sent.start - 1].sent
        if not _is_dateline(before):
            nearby += [ent for ent in reversed(ctx.dates_by_sentence.get(before.start, []))
                       if not _bounds_a_period(ent, frame.type) and not _dates_saying(ent)]
    for ent in nearby:
        value = ctx.date_of(ent)
        if value:
            return value, False
    return None, False


def _measured_date(ctx: _Context, frame: _Frame) -> str | None:
    """"The raid came 12 days after a bomber drove into a convoy": an act in an "after"/"before"
    clause measured from its main clause happened that long before (after) the main clause's
    happening, which is dated by its own date or, told again ("the raid"), by the last date the
    text fixed; and the other way round, "jets struck a week after Hezbollah fired on March 3"
    dates the main clause from the dated "after" clause."""
    anchors = _date_anchors(frame)
    # the trigger's clause, or the clause its participle hangs on ("after a bomber drove ..., killing 40")
    for clause in (c for a in anchors for c in (a, a.head) if c.dep_ == "advcl"):
        measure = _distance(ctx, clause)
        if measure is not None:
            mark, amount = measure
            value = _shifted(ctx, clause.head, amount, "earlier" if mark == "after" else "later")
            if value:
                return value
    for clause in (c for a in anchors for c in a.children if c.dep_ == "advcl"):
        measure = _distance(ctx, clause)
        own = _own_dates(ctx, clause) if measure else []
        if own and (base := ctx.date_of(own[0])):
            mark, amount = measure
            value = anaphoric_date(f"{amount.text} {'later' if mark == 'after' else 'earlier'}", base)
            if value:
                return value
    return None


def _distance(ctx: _Context, clause: Token) -> tuple[str, Span] | None:
    """("after", "12 days") for "12 days after a bomber drove"; the parser hangs the distance on
    the mark or on the clause's verb, before the mark."""
    for mark in clause.children:
        if mark.dep_ in {"mark", "prep"} and mark.lower_ in {"after", "before"}:
            for c in (c for h in (mark, clause) for c in h.children):
                if c.dep_ == "npadvmod" and c.ent_type_ == "DATE" and c.i < mark.i:
                    return mark.lower_, ctx.doc[c.left_edge.i: c.i + 1]
    return None


def _own_dates(ctx: _Context, verb: Token) -> list[Span]:
    """The dates on a verb's own clause, without the distance of an "after"/"before" clause."""
    measure = _distance(ctx, verb)
    skip = range(measure[1].start, measure[1].end) if measure else range(0)
    return [e for e in ctx.dates_by_sentence.get(verb.sent.start, [])
            if _attached(e.root, [verb]) and e.root.i not in skip]


def _shifted(ctx: _Context, main: Token, amount: Span, direction: str) -> str | None:
    own = [e for e in _own_dates(ctx, main) if e.root.i not in range(amount.start, amount.end)]
    if own:
        bases = [ctx.date_of(own[0])]
    else:  # the latest date fine enough to count days from ("since the 1971 war" is not)
        bases = [value for _, value in reversed(ctx.fixed_dates[:bisect_left(ctx.fixed_dates, (main.sent.start, ""))])]
    return next((v for base in bases if base and (v := anaphoric_date(f"{amount.text} {direction}", base))), None)


def _ongoing_since(ctx: _Context, frame: _Frame) -> str | None:
    """"They have fired drones at Israel since the Hamas attack on October 7": what has gone on
    since a date (present perfect) spans that date to publication."""
    verb = frame.trigger
    if (not _is_verb(verb) or frame.type != "attack" or ctx.published is None
            or not any(c.dep_ == "aux" and _lemma(c) == "have" and c.tag_ in {"VBP", "VBZ"} for c in verb.children)):
        return None
    published = normalize_date(ctx.published, None)
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "since":
            continue
        for ent in ctx.dates_by_sentence.get(verb.sent.start, []):
            start = ctx.date_of(ent) if prep.left_edge.i <= ent.start and ent.end - 1 <= prep.right_edge.i else None
            if start and published and "/" not in start and start < published:
                return f"{start}/{published}"
    return None


def _claimed_dates(ctx: _Context, frame: _Frame) -> list[Span]:
    """The dates on a trigger's clause. A shift from a date ("three days later") beside a date
    the text fixes is not the clause's own, whatever the parse hangs it from: "recognised them on
    21 February and, three days later, invaded" leaves it to the invasion."""
    anchors = _date_anchors(frame)
    attached = [ent for ent in ctx.dates_by_sentence.get(frame.trigger.sent.start, []) if _attached(ent.root, anchors)]
    fixed = [ent for ent in attached if not is_anaphoric(_expression(ent))]
    return fixed if fixed else attached


def _dates_saying(ent: Span) -> bool:
    """"Hezbollah said on Wednesday that ...": the day of the saying, not of what was said."""
    verb = _governing_verb(ent.root)
    return verb is not None and _lemma(verb) in _saying_verbs()


@lru_cache(maxsize=1)
def _saying_verbs() -> frozenset[str]:
    return frozenset(load_lexicon("attribution")["saying_verbs"])


def _is_dateline(sent: Span) -> bool:
    """"BEIRUT, July 31 (Levant Wire Service) -": its date is the report's, not an event's."""
    return sent[-1].text in {"—", "–", "-", "--"}


def _date_anchors(frame: _Frame) -> list[Token]:
    """An event noun in "in a strike on Wednesday" or "died in the attack" takes its date from
    the verb whose adverbial it is, too; so does a participle clause from its main verb."""
    anchors = list(frame.anchors)
    noun = frame.trigger
    if _is_verb(noun):
        if noun.dep_ == "advcl" and noun.tag_ == "VBG" and not any(c.dep_ in _SUBJECTS for c in noun.children):
            anchors.append(noun.head)  # "on Sunday helicopters sank three boats, killing ten fighters"
            if noun.head.dep_ == "relcl" and _is_verb(noun.head.head.head):
                # "sank three boats that had tried to board a ship, killing ten": the parser may
                # hang the participle on the relative clause; it still follows the main verb.
                anchors.append(noun.head.head.head)
        if noun.dep_ == "relcl":  # "a raid on the airfield on January 5 that killed three Americans"
            event = _relative_event(noun) or (noun.head if _event_noun_type(noun.head) else None)
            if event is not None:
                anchors.append(event)
        return anchors
    if noun.dep_ == "pobj" and noun.head.lower_ in {"in", "during", "with", "by"}:
        governor = _governing_verb(noun.head)
        if governor is not None:
            anchors.append(governor)
    elif noun.dep_ == "nsubj" and frame.type == "attack" and _verb_type(noun.head) == "killing":
        anchors.append(noun.head)  # "last month a US strike killed X": one happening
    return anchors


def _governing_verb(token: Token) -> Token | None:
    """The verb a prepositional phrase ultimately modifies, through the nouns the parser may
    hang it on: "end this round of hostilities with the strike" -> "end"."""
    current = token
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return None
        if _is_verb(head):
            return head
        if current.dep_ not in {"prep", "pobj", "dobj"}:
            return None
        current = head
    return None


# --------------------------------------------------------------------------- hypotheticals


_INSTRUMENTAL = {"with", "by", "through", "via"}


def _hypothetical(frame: _Frame) -> bool:
    """Triggers in clauses that do not report a happening: "if Iran attacked", "would strike",
    "vowed to kill", "the threat of attacks", "possible strikes", and event nouns that define
    an aim ("the project is ... the expulsion of the United States")."""
    if _dated_noun(frame.trigger):
        return False  # "would never have approved the July 12 raid": a dated raid took place
    return (_defines_an_aim(frame.trigger) or _denied_act(frame.trigger) or _habit(frame.trigger)
            or any(_hypothetical_from(token) for token in frame.anchors))


def _habit(trigger: Token) -> bool:
    """"hideouts of militants who kill its soldiers": a relative clause in the simple present
    tells what someone habitually does, not a happening."""
    return (trigger.dep_ == "relcl" and trigger.tag_ in {"VBP", "VBZ"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in trigger.children))


def _dated_noun(trigger: Token) -> bool:
    """An event noun that carries its own date ("the July 12 raid", "Saturday's strike", "the
    2011 siege", "the exchanges of fire that X opened on Oct. 8") names a happening, whatever
    the clause around it says about it."""
    if _is_verb(trigger):
        return False
    carrier = _collective_head(trigger) or trigger
    light = _light_verb(carrier)
    if light is not None and light.dep_ == "relcl" and any(  # "the exchanges of fire that X opened on Oct. 8"
            c.dep_ in {"prep", "npadvmod"} and any(t.ent_type_ == "DATE" for t in c.subtree) for c in light.children):
        return True
    return any(
        t.ent_type_ == "DATE" for c in trigger.children if c.i < trigger.i and c.dep_ in {"compound", "nmod", "poss", "nummod", "amod"}
        for t in c.subtree)


def _denied_act(trigger: Token) -> bool:
    """"Kataib Hezbollah has denied firing on bases": the denied act is not reported."""
    return (_complement_of(trigger) and _lemma(trigger.head) in _cues()["denial_heads"])


def _complement_of(token: Token) -> bool:
    """True when `token` is what its head verb wants or denies; a clause the parser hangs before
    its head ("X sanctioned Y in 2009; Z denied the charge") is not what the head denies."""
    if token.dep_ == "ccomp":
        return token.i > token.head.i
    return token.dep_ in {"xcomp", "dobj", "pcomp"}


def _defines_an_aim(trigger: Token) -> bool:
    """"the project is the expulsion of X"; also a noun that labels another act ("called the
    raids an unacceptable assault on Iraq"): neither is a happening of its own."""
    noun = trigger
    while noun.dep_ in {"conj", "appos"} and noun.head.i != noun.i:
        noun = noun.head
    return not _is_verb(trigger) and (noun.dep_ == "oprd" or (noun.dep_ == "attr" and noun.head.lemma_ == "be"))


def _hypothetical_from(token: Token) -> bool:
    cues = _cues()
    current = token
    for _ in range(_MAX_CLIMB):
        if _clause_is_hypothetical(current):
            return True
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ == "pobj" and head.lower_ in _INSTRUMENTAL:
            return False  # "ended the round with a strike": the means of an act did happen
        if current.dep_ != "pcomp" and _complement_of(current) and _lemma(head) in cues["intent_heads"]:
            return True  # "vowed to strike", "threatened attacks", "demanded that Syria deploy"
        if current.dep_ == "pobj" and (head.head.lower_ in cues["hypothetical_noun_heads"]
                                       or _lemma(head.head) in cues["intent_heads"]):
            return True  # "the threat of attacks", "called for strikes", "warned of attacks"
        if _is_verb(current) and current.dep_ not in {"conj", "xcomp"}:
            return False  # a clause boundary: what governs a clause does not make it hypothetical
        current = head
    return False


def _clause_is_hypothetical(token: Token) -> bool:
    cues = _cues()
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in cues["hypothetical_auxes"]:
            return True
        if child.dep_ == "mark" and (child.lower_ in cues["hypothetical_marks"] or _ends_a_condition(child)):
            return True
        if child.dep_ == "acomp" and child.lower_ in cues["hypothetical_complements"]:
            return True
        if child.dep_ == "amod" and child.lower_ in cues["hypothetical_modifiers"] and not _is_verb(token):
            return True
    return False


def _ends_a_condition(mark: Token) -> bool:
    """The last word of a conditional phrase: "as" in "for as long as Israel pressed on"."""
    doc = mark.doc
    for phrase in _cues()["hypothetical_mark_phrases"]:
        size = phrase.count(" ") + 1
        if mark.i + 1 >= size and doc[mark.i + 1 - size: mark.i + 1].text.lower() == phrase:
            return True
    return False


# --------------------------------------------------------------------------- merging


def _merge_into_governor(frames: dict[int, _Frame]) -> dict[int, _Frame]:
    """One event per happening written as verb + noun: "fired missiles in a strike on ..." and
    "attacks targeting US forces" are one event each. A trigger merges into the trigger it hangs
    from (directly or through a preposition) when both are of one type, or when it is a verb
    describing an event noun ("sanctions targeting Iran": the targeting is the sanctions)."""
    merged: dict[int, _Frame] = dict(frames)
    for i in sorted(frames, key=lambda k: -_depth(frames[k].trigger)):
        frame = merged.get(i)
        if frame is None:
            continue
        governor = _governing_trigger(frame.trigger, merged)
        if governor is None:
            continue
        target = merged[governor.i]
        outer = merged.get(governor.head.i) if governor.dep_ == "advcl" else None
        if target.type != frame.type and outer is not None and outer.type == frame.type:
            # "drove a car bomb into a convoy, killing 40 in the deadliest attack on Indian forces":
            # the attack the deaths happened in is the one their participle hangs on
            target = outer
        same = target.type == frame.type
        describes = frame.trigger.dep_ in {"acl", "relcl"} and not _is_verb(governor)
        if not (same or describes):
            continue
        target.add("agent", frame.agents if same else [])
        target.add("target", frame.targets)
        target.place = target.place or frame.place
        target.anchors += frame.anchors
        target.target_phrases += frame.target_phrases
        del merged[i]
    return merged


# Nouns of a chain of prepositions a relative clause may skip to reach its event noun ("the 1983
# bombing of the barracks in Beirut, which killed 241"). Merging the clause into the event reads
# one ("a rocket attack on a US facility that killed a contractor" is one attack, as the seed
# texts are annotated); what the clause is about (its subject, its date) reads the whole chain.
_MERGE_REACH = 1
_PREP_CHAIN = 3


def _relative_event(clause: Token, reach: int = _PREP_CHAIN) -> Token | None:
    """"a rocket attack on a US facility that killed a contractor", "the 1983 bombing of the
    barracks in Beirut, which killed 241": the parser hangs the relative clause on the nearest
    noun, but what killed is the attack whose phrase (a chain of prepositions) that noun ends."""
    noun = clause.head
    for _ in range(reach):
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return None
        noun = noun.head.head
        if _event_noun_type(noun):
            return noun
    return None


def _governing_trigger(token: Token, frames: dict[int, _Frame]) -> Token | None:
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ == "relcl":
        event = _relative_event(token, _MERGE_REACH)
        if event is not None and event.i in frames:
            return event
    if head.i in frames and token.dep_ in {"dobj", "pobj", "acl", "attr", "oprd"}:
        return head
    if token.dep_ == "acl" and head.dep_ == "dobj" and head.head.i in frames:
        return head.head  # "planted a bomb targeting a patrol", "fired missiles targeting US bases"
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in frames:
        if head.lower_ in _cues()["period_preps"]:
            return None  # "have fired at Israel since the Hamas attack": another happening
        return head.head
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


# --------------------------------------------------------------------------- checks and output


def _clean_roles(ctx: _Context, frame: _Frame) -> None:
    """Agents are actors; places are not participants but where it happened ("a strike on
    Beirut" is in Beirut); nobody is both doer and done-to."""
    places = [e for e in frame.targets if ctx.type_of(e) == "place"]
    frame.place = frame.place or next(iter(places), None)
    frame.agents = [e for e in frame.agents if ctx.type_of(e) in AGENT_TYPES and e != frame.place]
    frame.targets = [e for e in frame.targets if e not in frame.agents and e not in places and e != frame.place]


def _has_participants(ctx: _Context, frame: _Frame) -> bool:
    """A meeting is between two parties (or a visit to a place); a designation or arrest needs
    the one it was done to; any other event needs one participant."""
    count = len(frame.agents) + len(frame.targets)
    if _is_verb(frame.trigger) and _lemma(frame.trigger) in _cues()["needs_target"]:
        return bool(frame.targets)
    if _lemma(frame.trigger) in _cues()["person_object_verbs"] and _is_verb(frame.trigger):
        return any(ctx.type_of(e) == "person" for e in frame.targets) and count >= 2
    if frame.type == "meeting":
        return count >= 2 or (count >= 1 and frame.place is not None and _lemma(frame.trigger) in
                              (_cues()["object_is_place"] | {"visit"}))
    return count >= 1


def find_events(doc: Doc, resolved: Resolved, quotes: list[Quote], statements: list[Statement],
                published: str | None) -> list[Event]:
    """All events the document reports, in text order (see the module docstring for the rules)."""
    ctx = _Context(doc, resolved, published)
    frames: dict[int, _Frame] = {}
    for token in doc:
        role = _office_held_since(token)
        if role is not None:
            frames[token.i] = _office_frame(ctx, token, role)
            continue
        etype = _trigger_type(token)
        if etype is None:
            continue
        is_verb = _verb_type(token) is not None
        if not is_verb and ctx.entity(token):
            continue  # a word of a name: "the Government of National Accord"
        frame = _verb_frame(ctx, token, etype) if is_verb else _noun_frame(ctx, token, etype)
        frame.add("agent", _blamed(ctx, token))
        frames[token.i] = frame
    frames = _merge_into_governor(frames)
    _deaths_on_the_attacked_side(ctx, frames)
    _victims_among_the_dead(ctx, frames)
    _doers_blamed_afterwards(ctx, frames)
    hypothetical = [f for _, f in sorted(frames.items()) if _hypothetical(f)]
    reported = [f for _, f in sorted(frames.items()) if f not in hypothetical and _with_participants(ctx, f)]
    for frame in [*reported, *hypothetical]:  # a date on one trigger's clause is not another's nearby date
        ctx.claimed_dates.update(ent.start for ent in _claimed_dates(ctx, frame))
    mentions = [m for frame in reported if (m := _to_mention(ctx, frame, quotes, statements)) is not None]
    _date_attacks_by_their_deaths(mentions)
    _date_deaths_in_an_earlier_attack(mentions)
    events = [m.event for m in _merge_mentions(ctx, mentions)]
    _date_deaths_by_their_attack(events)
    return events


def _deaths_on_the_attacked_side(ctx: _Context, frames: dict[int, _Frame]) -> None:
    """An attack and the killing told in its participle clause hit the same side: "sank three
    Hamas boats, killing ten fighters" killed Hamas fighters; "struck a compound, killing Ali
    Nasser" struck him (who died in a strike is its target)."""
    for frame in frames.values():
        trigger = frame.trigger
        if (frame.type != "killing" or trigger.dep_ != "advcl" or trigger.tag_ != "VBG"
                or any(c.dep_ in _SUBJECTS for c in trigger.children)):
            continue
        attack = frames.get(trigger.head.i)
        misattached = trigger.head.dep_ == "relcl" and attack is None
        if misattached:
            # "sank three boats that had tried to board a ship, killing ten": the parser hangs the
            # participle on the relative clause, whose subject (the boats) did not kill
            attack = frames.get(trigger.head.head.head.i)
        if attack is None or attack.type != "attack":
            continue
        if misattached:
            frame.agents = list(attack.agents)
        if frame.targets:
            attack.add("target", frame.targets)
        else:
            frame.add("target", [e for e in attack.targets if ctx.type_of(e) not in PLACE_TYPES])


def _victims_among_the_dead(ctx: _Context, frames: dict[int, _Frame]) -> None:
    """"jets hit a compound on July 13, and an assessment has established that Deif was among
    the dead": whoever a clause of the attack counts among its dead was its target."""
    casualties = _cues()["casualty_nouns"]
    for frame in frames.values():
        trigger = frame.trigger
        if frame.type != "attack" or not _is_verb(trigger):
            continue
        for token in trigger.subtree:
            if token.lower_ != "among" or _lemma(token.head) != "be" or not any(
                    c.dep_ == "pobj" and c.lower_ in casualties for c in token.children):
                continue
            frame.add("target", [eid for subject in token.head.children if subject.dep_ == "nsubj"
                                 for eid in [ctx.entity(subject)] if eid and ctx.type_of(eid) == "person"])


def _doers_blamed_afterwards(ctx: _Context, frames: dict[int, _Frame]) -> None:
    """"When gunmen attacked the school, they killed 42 people. Authorities blamed the ADF": an
    accusation that names no act pins the acts of unnamed doers just told (its sentence, before
    the verb, or the one before) on the accused, as the accuser's allegation."""
    blame_verbs = _cues()["blame_verbs"]
    by_sentence: dict[int, list[_Frame]] = {}
    for frame in frames.values():
        if frame.type in {"attack", "killing"} and not frame.agents and _doer_unknown(ctx, frame):
            by_sentence.setdefault(frame.trigger.sent.start, []).append(frame)
    for verb in ctx.doc:
        prep = blame_verbs.get(_lemma(verb)) if _is_verb(verb) else None
        if prep is None or any(c.dep_ == "prep" and c.lower_ == prep for c in verb.children):
            continue  # "blamed X for the attack" names its act (`_blamed`)
        accused = _entities_of(ctx, _subjects(verb) if _is_passive(verb) else _objects(verb))
        if not accused:
            continue
        sent = verb.sent
        earlier = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for start in {earlier, sent.start}:
            for frame in by_sentence.get(start, []):
                if frame.trigger.i < verb.i:
                    frame.add("agent", accused)
                    frame.alleged_by = [] if _is_passive(verb) else _entities_of(ctx, _subjects(verb))


def _doer_unknown(ctx: _Context, frame: _Frame) -> bool:
    """Gunmen, attackers, an unresolved "they": a doer the text gives without naming anyone."""
    return frame.unnamed_agent or (_is_verb(frame.trigger) and any(
        c.dep_ == "nsubj" and c.pos_ == "PRON" and ctx.entity(c) is None for c in frame.trigger.children))


def _date_deaths_by_their_attack(events: list[Event]) -> None:
    """"X was killed in an Israeli strike ... the jets struck on Tuesday": a killing the text does
    not date happened when the attack on the same victim did; one dated only to the month
    ("killed in a strike last month") on the day the attack on him is dated within it."""
    attack_dates = {t: e.date for e in events if e.type == "attack" and e.date for t in e.targets}
    for event in events:
        if event.type != "killing":
            continue
        dates = [attack_dates[t] for t in event.targets if t in attack_dates]
        if event.date is None:
            event.date = next(iter(dates), None)
        else:
            event.date = next((d for d in dates if d != event.date and _within(event.date, d)), event.date)


def _date_attacks_by_their_deaths(mentions: list[_Mention]) -> None:
    """"until his death in January 2020, when a US strike killed him": an attack dated only by a
    nearby date takes the date its own sentence gives the death of its victim."""
    death_dates: dict[tuple[int, str], str] = {}
    for mention in mentions:
        event = mention.event
        if event.type == "killing" and mention.dated and event.date:
            death_dates.update({(event.evidence[0].start, t): event.date for t in event.targets})
    for mention in mentions:
        event = mention.event
        if event.type == "attack" and not mention.dated:
            event.date = next((death_dates[(event.evidence[0].start, t)] for t in event.targets
                               if (event.evidence[0].start, t) in death_dates), event.date)


def _date_deaths_in_an_earlier_attack(mentions: list[_Mention]) -> None:
    """"He approved the July 12 raid ... Eight soldiers died in that operation": an undated death
    in an attack mentioned again takes the date of the last dated attack before it."""
    last_attack_date: str | None = None
    for mention in mentions:
        event = mention.event
        if event.type == "attack" and event.date:
            last_attack_date = event.date
        elif mention.in_earlier_attack and event.date is None:
            event.date = last_attack_date


@dataclass
class _Mention:
    """An event as one trigger reports it; `dated` is true when the date hangs from the trigger's
    own clause (a date found only nearby yields to it)."""

    event: Event
    dated: bool
    unnamed_agent: bool = False
    refers_back: bool = False  # "the attack", "that strike" with no target of its own
    in_earlier_attack: bool = False  # "died in that operation": a death in an attack told before


_MERGE_CANDIDATES = 16  # the latest events per participant a new mention may repeat
_HEDGE_ORDER = ("asserted", "reported", "alleged", "speculative", "denied")


def _merge_mentions(ctx: _Context, mentions: list[_Mention]) -> list[_Mention]:
    """One event per happening: a later mention of the same type that shares a participant
    with an earlier one, at a compatible date and place, is more evidence for it ("US strikes
    on Kataib Hezbollah ... the strikes on the militia's headquarters"). A person dies once, so
    killings of the same person merge whatever their dates."""
    out: list[_Mention] = []
    # (type, participant) -> the events that have it, so a mention is compared only with events
    # it could be (a bounded number each: extraction stays linear in the length of the text)
    by_participant: dict[tuple[str, str], list[_Mention]] = {}
    position: dict[int, int] = {}  # id of a kept mention -> its place in `out`
    for mention in mentions:
        event = mention.event
        candidates = {id(k): k for p in event.agents + event.targets
                      for k in by_participant.get((event.type, p), [])[-_MERGE_CANDIDATES:]}
        known = next((k for k in sorted(candidates.values(), key=lambda k: position[id(k)])
                      if _same_happening(ctx, k, mention)
                      and (_dates_agree(k, mention) or _same_death(ctx, k.event, mention.event))), None)
        if known is None and mention.refers_back:
            known = next((k for k in reversed(out) if k.event.type == event.type), None)
            if known is not None and not (_dates_agree(known, mention) and _agents_agree(known.event, event)):
                known = None
        if known is None:
            position[id(mention)] = len(out)
            out.append(mention)
            known = mention
        else:
            _absorb(known, mention)
        for p in known.event.agents + known.event.targets:
            bucket = by_participant.setdefault((event.type, p), [])
            if not bucket or bucket[-1] is not known:
                bucket.append(known)
    return out


def _same_happening(ctx: _Context, known: _Mention, mention: _Mention) -> bool:
    first, later = known.event, mention.event
    if first.type != later.type or not _places_agree(ctx, first, later):
        return False
    if known.unnamed_agent or mention.unnamed_agent:
        return False  # "a militia's rocket attack on US troops" may be any attack on them
    if not _agents_agree(first, later):
        return False  # "the Houthis fired on Israel" is not "the Hamas attack on Israel"
    if set(first.agents) & set(later.targets) or set(later.agents) & set(first.targets):
        return False  # "an attack on a US outpost ... Washington strikes back": a side hits back, not itself
    if set(first.targets) & set(later.targets):
        return True
    # "Israel struck on Tuesday" and "the Israeli strike on Shukr": one doer, one side names no target
    return bool(set(first.agents) & set(later.agents)) and not (first.targets and later.targets)


def _places_agree(ctx: _Context, first: Event, later: Event) -> bool:
    """The same place or one left open; two places of one country for a strike on one person
    ("killed in a strike on southern Gaza" and "jets hit a compound in Khan Younis"): a person
    is hit in one place at a time, and the text may name the wider place or the narrower."""
    if not (first.place and later.place) or first.place == later.place:
        return True
    countries = {ctx.resolved.entities[p].country for p in (first.place, later.place)}
    victims = {t for t in first.targets if ctx.type_of(t) == "person"} & set(later.targets)
    return len(countries) == 1 and None not in countries and bool(victims)


def _agents_agree(first: Event, later: Event) -> bool:
    return not (first.agents and later.agents and not set(first.agents) & set(later.agents))


def _same_death(ctx: _Context, first: Event, later: Event) -> bool:
    victims = {t for t in first.targets if ctx.type_of(t) == "person"}
    return first.type == "killing" and bool(victims & set(later.targets))


def _dates_agree(first: _Mention, later: _Mention) -> bool:
    """Equal dates, one inside the other ("2008" and "2008-02"), or a missing one; a date found
    only near one trigger yields to the other's own when both name the same target ("the toll
    from US strikes on the militia rose on Monday" and "US jets on Sunday hit the militia")."""
    a, b = first.event.date, later.event.date
    if a is None or b is None or _within(a, b) or _within(b, a):
        return True
    return first.dated != later.dated and bool(set(first.event.targets) & set(later.event.targets))


def _within(coarse: str, fine: str) -> bool:
    """"2008-02-13" is within "2008-02" and "2008"; intervals are only within themselves."""
    return fine == coarse or ("/" not in fine + coarse and fine.startswith(coarse + "-"))


def _absorb(known: _Mention, mention: _Mention) -> None:
    """Fold a later mention into the event: the trigger's own date beats a nearby one, a finer
    date a coarser one, the surest hedge wins, participants and evidence add up."""
    event, other = known.event, mention.event
    finer = other.date is not None and event.date is not None and _within(event.date, other.date)
    if event.date is None or (mention.dated and not known.dated and other.date) or (
            finer and mention.dated >= known.dated):
        event.date, known.dated = other.date, mention.dated
    event.place = event.place or other.place
    event.agents += [a for a in other.agents if a not in event.agents]
    event.targets += [t for t in other.targets if t not in event.targets and t not in event.agents]
    if _HEDGE_ORDER.index(other.hedge) < _HEDGE_ORDER.index(event.hedge):
        event.hedge, event.attributed_to = other.hedge, other.attributed_to
    event.evidence += [e for e in other.evidence if e not in event.evidence]


def _with_participants(ctx: _Context, frame: _Frame) -> bool:
    """Settle the frame's place and roles; true when it names enough participants to be an event."""
    _find_place(ctx, frame)
    _clean_roles(ctx, frame)
    return _has_participants(ctx, frame)


def _to_mention(ctx: _Context, frame: _Frame, quotes: list[Quote], statements: list[Statement]) -> _Mention | None:
    hedge, attributed_to = hedge_for(frame.anchors, ctx.resolved, quotes, statements)
    if hedge == "speculative":
        return None  # "may have", "could": a possibility is not a happening
    if frame.alleged_by is not None and hedge in {"asserted", "reported"}:
        hedge, attributed_to = "alleged", next(iter(frame.alleged_by), None)  # who did it is a claim
    date, dated = _event_date(ctx, frame)
    event = Event(
        type=frame.type,
        date=date,
        agents=frame.agents,
        targets=frame.targets,
        place=frame.place,
        hedge=hedge,
        attributed_to=attributed_to,
        evidence=[evidence_of(frame.trigger.sent)],
    )
    return _Mention(event, dated, frame.unnamed_agent and not frame.agents, _refers_back(frame),
                    _died_in_an_earlier_attack(frame))


def _died_in_an_earlier_attack(frame: _Frame) -> bool:
    """"Eight soldiers died in that operation", "were killed in the raid": the happening they
    died in is one the text told before."""
    if frame.type != "killing" or not _is_verb(frame.trigger):
        return False
    back = _cues()["back_referring_determiners"]
    return any((_event_noun_type(p) == "attack" or _lemma(p) in _cues()["violent_death_nouns"])
               and any(c.dep_ == "det" and c.lower_ in back for c in p.children)
               for p in _pobjs(frame.trigger, {"in", "during"}))


def _refers_back(frame: _Frame) -> bool:
    """"KH carried out the attack", "nobody has claimed that attack": a definite event noun
    that names no target is an earlier event mentioned again."""
    trigger = frame.trigger
    return (not _is_verb(trigger) and not frame.targets and frame.place is None
            and any(c.dep_ == "det" and c.lower_ in _cues()["back_referring_determiners"] for c in trigger.children))
