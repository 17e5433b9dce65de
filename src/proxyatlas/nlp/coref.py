"""Coreference within a document: the head token of a reference maps to the actor it refers to.

    "Hezbollah ... The group said"                 group    -> hezbollah
    "the Houthis ... the Yemeni movement"          movement -> houthis (the demonym agrees)
    "Pakistan ... the country's army"              country  -> pakistan
    "Nasrallah said he ..."                        he       -> nasrallah
    "The Houthis say their attacks ..."            their    -> houthis
    "the Southern Transitional Council ... the council"  council -> the council (its name's head noun)

References land in `Resolved.reference_entity`, which `Resolved.entity_at` consults after names,
so every rule stage sees the antecedent while mentions and aliases stay names.

A description in apposition to a name is that name ("Hezbollah, the Iran-backed group"). Otherwise
antecedents are the named mentions (and references already resolved) of the reference's sentence,
before it, and of the two sentences before (four for a description, which its noun types). Each
weighs by recency and grammatical role (salience in the manner of Lappin and Leass, summed over an
entity's mentions), more as the subject of a clause above the reference, and scaled by how often
the document has named it; the heaviest of the right kind (type, number, category, demonym) wins
only when clearly ahead of the next, unnamed phrases of the same kind competing too ("the strike
... it", "officials said they"). Precision first: an ambiguous reference stays unresolved. A
description with no candidate near takes the document's topic organisation; "the council" the one
organisation named lately whose name ends in "Council". A counted plural ("both groups", "the two
militias") stands for the groups named just before when exactly that many are
(`Resolved.reference_group`). The cue words live in data/cues/coref.yaml.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..errors import DataError
from ..lexicon import load_lexicon, word_set
from ..normalize import words
from .attribution import Quote, find_quotes, inside_quote
from .resolve import Resolved

_RECENCY = (1.0, 0.5, 0.25)  # the reference's own sentence, the one before, the one before that
# A description ("the group") is typed by its noun, so it may reach further back.
_DESCRIPTION_RECENCY = (1.0, 0.6, 0.4, 0.3, 0.2)
_ROLE_WEIGHT = {"root_subject": 1.0, "subject": 0.8, "possessor": 0.6, "object": 0.5, "oblique": 0.4,
                "other": 0.3, "modifier": 0.2}
_ABOVE_BONUS = 1.0  # for the subject of a clause above the reference
_MARGIN = 1.5  # the winner must weigh this many times the runner-up
_MIN_SALIENCE = 0.25  # below this (a modifier named once in the sentence before) no antecedent is salient enough
_TOPIC_MIN = 3  # mentions that make an organisation the topic of the document so far
_NAME_HEAD_WINDOW = 10  # sentences since an organisation was named for "the council" to be it
_SUBJECTS = {"nsubj", "nsubjpass"}
_UNNAMED = "#"  # prefix of the referent of a phrase no entity names
_COUNTED_REACH = 3  # sentences before "both groups" where the groups it counts may be named


@dataclass(frozen=True)
class _Slot:
    """A phrase a later reference may continue: "Hezbollah" (subject), "the strike" (unnamed)."""

    head: int  # token index of the phrase's head
    referent: str  # entity id, or _UNNAMED + head for a phrase no entity names
    kind: str  # an entity type, or for unnamed phrases: person, thing, people
    role: str
    plural: bool | None  # None: the phrase does not tell


_WORD_LISTS = ("country_nouns", "demonym_country_nouns", "apposed_organization_nouns", "state_branch_nouns",
               "new_referent_modifiers", "person_pronouns", "singular_pronouns", "plural_pronouns",
               "expletive_verbs", "member_nouns", "person_nouns", "counted_group_nouns",
               "counted_group_categories", "plural_group_descriptions")


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    """The coref lexicon, checked for shape, as sets; person nouns include the one-word role nouns
    of relations.yaml ("spokesman", "commander")."""
    cues: dict[str, Any] = {key: word_set("coref", key) for key in _WORD_LISTS}
    table = load_lexicon("coref").get("organization_nouns")
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise DataError("data/cues/coref.yaml", "'organization_nouns' must map nouns to lists of categories")
    cues["organization_nouns"] = {noun: frozenset(categories) for noun, categories in table.items()}
    counting = load_lexicon("coref").get("counting_words")
    if not isinstance(counting, dict) or not all(isinstance(n, int) and n > 1 for n in counting.values()):
        raise DataError("data/cues/coref.yaml", "'counting_words' must map words to counts above one")
    cues["counting_words"] = counting
    roles = load_lexicon("relations")["role_nouns"]
    cues["person_nouns"] = cues["person_nouns"] | {w for ws in roles.values() for w in ws if " " not in w}
    return cues


# --- antecedent slots ------------------------------------------------------------------------------

def _role(head: Token) -> str:
    # "Nasrallah, the group's leader": an apposition plays its anchor's part; "Hamas and Hezbollah":
    # a conjunct plays the first one's.
    while head.dep_ in {"appos", "conj"} and head.head.i != head.i:
        head = head.head
    dep = head.dep_
    if dep in _SUBJECTS:
        return "root_subject" if head.head.dep_ == "ROOT" else "subject"
    if dep == "pobj" and head.head.dep_ == "agent":  # "was set up by X": the doer
        return "subject"
    if dep == "poss":
        return "possessor"
    if dep in {"dobj", "dative", "attr", "oprd"}:
        return "object"
    if dep == "pobj":
        return "oblique"
    if dep in {"compound", "amod", "nmod"}:
        return "modifier"
    return "other"


def _number(head: Token) -> bool | None:
    """Plural (True) or singular (False) by the head's tag ("the Houthis", not "the Popular
    Mobilization Forces", whose head is an organisation noun) or its verb's agreement ("the
    Taliban say"; not "X and its leader were", where the coordination makes the plural)."""
    if head.tag_ in {"NNS", "NNPS"}:
        return head.lower_ not in _organization_name_nouns()
    verb = head.head
    coordinated = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children) \
        or sum(c.dep_ in _SUBJECTS for c in verb.children) > 1  # the parser split "X and Y were"
    if head.dep_ not in _SUBJECTS or coordinated:
        return None
    finite = [verb] + [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(t.tag_ == "VBP" or t.lower_ in {"are", "were"} for t in finite):
        return True
    if any(t.tag_ == "VBZ" or t.lower_ == "was" for t in finite):
        return False
    return None


@lru_cache(maxsize=1)
def _organization_name_nouns() -> frozenset[str]:
    """Nouns that head organisations' names ("Forces", "Brigades"): a plural one says nothing of
    how the text treats the organisation."""
    cues = load_lexicon("organizations")["category_cues"]
    return frozenset(w for ws in cues.values() for w in ws)


def _plural_name(span: Span) -> bool:
    """"the Houthis", "the Haqqanis": a name in -s after "the" that no organisation noun ends (nor
    an acronym: "the HTS")."""
    last = span[-1].text
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the" and last.endswith("s") \
        and not last.endswith("ss") and last[1:].islower() and last.lower() not in _organization_name_nouns()


def _named_slots(doc: Doc, resolved: Resolved) -> list[_Slot]:
    slots = []
    for m, eid in resolved.mention_entity:
        span = doc[m.start : m.end]
        number = _number(span.root)
        if number is None and _plural_name(span):
            number = True
        slots.append(_Slot(span.root.i, eid, resolved.entities[eid].type, _role(span.root), number))
    return slots


def _unnamed_slot(token: Token, resolved: Resolved) -> _Slot | None:
    """A phrase no entity names that a pronoun may continue instead of a named actor: "a spokesman
    said he", "the strike ... it", "officials said they"; "Hezbollah fighters" stand for Hezbollah."""
    if token.pos_ != "NOUN" or resolved.name_at(token.i) or token.dep_ not in _SUBJECTS | {"dobj", "pobj"}:
        return None
    cues, lemma = _cues(), token.lemma_.lower()
    named = [resolved.name_at(c.i) for c in token.children if c.dep_ in {"compound", "amod", "poss", "appos"}]
    named = [e for e in named if e]
    if token.dep_ == "appos" or any(resolved.entities[e].type == "person" for e in named):
        return None  # "the group's leader, Nasrallah": the name is the slot
    if token.tag_ == "NNS":
        orgs = [e for e in named if resolved.entities[e].type == "organization"]
        if token.lower_ in cues["member_nouns"] and len(orgs) == 1:
            return _Slot(token.i, orgs[0], "organization", _role(token), True)
        return _Slot(token.i, _UNNAMED + str(token.i), "people", _role(token), True)
    if lemma in cues["person_nouns"]:
        return _Slot(token.i, _UNNAMED + str(token.i), "person", _role(token), False)
    countries = [e for e in named if resolved.entities[e].type == "country"]
    if token.lower_ in cues["state_branch_nouns"] and len(countries) == 1:
        # "The Israeli military did not claim it, but its spokesman": the state speaks through its body
        return _Slot(token.i, countries[0], "country", _role(token), False)
    if not named:
        return _Slot(token.i, _UNNAMED + str(token.i), "thing", _role(token), False)
    return None


def _plural_entities(named: list[_Slot]) -> set[str]:
    """Organisations the text treats as plural ("the Houthis", "the Taliban say") and never as
    singular; a country is always "it"."""
    evidence: dict[str, set[bool]] = defaultdict(set)
    for slot in named:
        if slot.plural is not None and slot.kind == "organization":
            evidence[slot.referent].add(slot.plural)
    return {eid for eid, seen in evidence.items() if seen == {True}}


# --- what a token refers to -----------------------------------------------------------------------

@dataclass
class _Reference:
    token: Token
    kind: str  # person | singular | plural | organization | country
    categories: frozenset[str] = frozenset()  # organisations: the categories the noun admits
    country: str | None = None  # "the Yemeni group": the ISO code its demonym gives
    # Who it cannot be: "Abu Dhabi denies dividing the country" (a country noun is no subject of a
    # clause above it: "above"); "Israel hit him" (an object pronoun is no subject of its own
    # clause: "local"); "Hezbollah said its fighters" (anything else can: None).
    bound: str | None = None


def _is_expletive(token: Token) -> bool:
    """"it is unclear whether", "it seems that", "it is believed that", "it took years to"."""
    if token.dep_ == "expl":
        return True
    verb = token.head
    clauses = {"ccomp", "xcomp", "csubj"}
    if token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in verb.children):
        return True
    if verb.lemma_.lower() not in _cues()["expletive_verbs"]:
        return False
    complements = [verb] + [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
    return any(c.dep_ in clauses for x in complements for c in x.children)


def _title_case(sent: Span) -> bool:
    """A Title Case line (a headline): the parser reads its capitalised words as names."""
    content = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(content) >= 3 and sum(t.text[:1].isupper() for t in content) >= 0.8 * len(content)


def _pronoun(token: Token, quotes: list[Quote]) -> _Reference | None:
    cues, word = _cues(), token.lower_
    if token.pos_ != "PRON" or inside_quote(token, quotes) or _title_case(token.sent):
        return None  # a pronoun inside a quote speaks from the speaker's side
    if word in cues["person_pronouns"]:
        return _Reference(token, "person", bound="local" if word == "him" else None)
    if word in cues["singular_pronouns"]:
        wanted = {"poss"} if word == "its" else _SUBJECTS  # an object "it" is mostly a thing
        if token.dep_ in wanted and not _is_expletive(token):
            return _Reference(token, "singular")
        return None
    if word in cues["plural_pronouns"]:
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            return None  # "all of them", "one of them": a part of the phrase just before
        return _Reference(token, "plural", bound="local" if word == "them" else None)
    return None


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _describes_another(token: Token, resolved: Resolved) -> bool:
    """Modifiers that make a noun phrase introduce its referent rather than refer back: "the other
    group", "the largest faction", "the group of experts", "the group that attacked the base"."""
    cues = _cues()
    for child in token.children:
        if child.lower_ in cues["new_referent_modifiers"] or child.tag_ in {"JJS", "RBS", "CD"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "of" or child.dep_ in {"nummod", "quantmod"}:
            return True
        if child.dep_ == "relcl" and token.doc[child.left_edge.i - 1].text != ",":
            return True  # a restrictive relative clause picks one out
        eid = resolved.name_at(child.i)
        if eid and child.dep_ in {"compound", "amod", "nmod", "poss"} and resolved.entities[eid].type != "country":
            return True  # "the Houthi movement" is a name of its own
    return False


def _description(token: Token, resolved: Resolved) -> _Reference | None:
    """"the group", "the Yemeni militia", "the Tehran-funded faction", "the kingdom"."""
    cues = _cues()
    word = token.lower_
    if token.tag_ == "NNS" and word in cues["plural_group_descriptions"] and token.dep_ != "attr" \
            and _definite(token) and all(c.dep_ in {"det", "punct"} for c in token.children):
        return _Reference(token, "organization", frozenset({"armed_group"}))  # "the insurgents", bare
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ == "attr" or not _definite(token):
        return None
    if word not in cues["organization_nouns"] and word not in cues["country_nouns"] \
            and word not in cues["demonym_country_nouns"]:
        return None
    if _describes_another(token, resolved):
        return None
    demonyms = [resolved.entities[e] for c in token.children
                if c.dep_ in {"compound", "amod", "nmod"} and (e := resolved.name_at(c.i))]
    country = demonyms[0].country if demonyms else None
    if word in cues["demonym_country_nouns"] and country is None:
        return None  # a bare "the state" is any state; "the Lebanese state" is Lebanon
    if word in cues["country_nouns"] or word in cues["demonym_country_nouns"]:
        # "Abu Dhabi denies dividing the country": a country noun under its own clause's subject is
        # another country, where the action is; an organisation's description may repeat the subject
        # ("the Taliban broke the deal between Washington and the movement").
        return _Reference(token, "country", country=country, bound="above")
    return _Reference(token, "organization", cues["organization_nouns"][word], country)


# --- choosing the antecedent ----------------------------------------------------------------------

class _Chooser:
    """Slots by sentence, in document order, and the salience choice over a reference's window."""

    def __init__(self, doc: Doc, resolved: Resolved) -> None:
        self.resolved = resolved
        sents: list[Span] = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.slots: list[list[_Slot]] = [[] for _ in sents]
        named = _named_slots(doc, resolved)
        for slot in named:
            self.slots[self.sent_of[slot.head]].append(slot)
        for token in doc:
            unnamed = _unnamed_slot(token, resolved)
            if unnamed is not None:
                self.slots[self.sent_of[token.i]].append(unnamed)
        self.plural = _plural_entities(named)
        self.named_at: dict[str, list[int]] = defaultdict(list)  # entity -> its mentions' heads, in order
        for slot in named:
            self.named_at[slot.referent].append(slot.head)

    def add(self, token: Token, eid: str) -> None:
        """A resolved reference is a slot for the references after it, of its own number: "the
        Houthis ... the movement ... it", "the Houthis ... they"."""
        kind = self.resolved.entities[eid].type
        plural = token.tag_ in {"NNS", "NNPS"} or token.lower_ in _cues()["plural_pronouns"]
        slots = self.slots[self.sent_of[token.i]]
        slots[:] = [s for s in slots if s.head != token.i]  # no longer an unnamed phrase
        slots.append(_Slot(token.i, eid, kind, _role(token), plural))

    def accepts(self, ref: _Reference, slot: _Slot) -> bool:
        if ref.kind == "person":
            return slot.kind == "person"
        plural = slot.plural if slot.plural is not None else slot.referent in self.plural
        if ref.kind == "singular":
            return slot.kind in {"thing", "country"} or slot.kind == "organization" and not plural
        if ref.kind == "plural":
            return slot.kind == "people" or slot.kind == "organization" and plural
        entity = self.resolved.entities.get(slot.referent)
        if entity is None or entity.type != ref.kind:
            return False
        if ref.country and entity.country and ref.country != entity.country:
            return False  # "the Yemeni group" is no Lebanese group
        return ref.kind == "country" or (entity.category or "other") in ref.categories

    def choose(self, ref: _Reference) -> str | None:
        """The heaviest antecedent, when clearly heavier than the next: salience of its slots in the
        window, more for the subject of a clause above the reference ("Hezbollah said its fighters"),
        scaled by how often the document named it before (the topic of an article)."""
        conjoined = self._conjoined_owner(ref)
        if conjoined is not None:
            return conjoined
        here = self.sent_of[ref.token.i]
        above = self._clause_subjects(ref.token)
        bound = self._clause_subjects(ref.token, local=True) if ref.bound == "local" else \
            above if ref.bound == "above" else set()
        weight: dict[str, float] = defaultdict(float)
        recency_by_distance = _DESCRIPTION_RECENCY if ref.kind in {"organization", "country"} else _RECENCY
        for distance, recency in enumerate(recency_by_distance):
            if here - distance < 0:
                break
            for slot in self.slots[here - distance]:
                if slot.head < ref.token.i and slot.referent not in bound and self.accepts(ref, slot):
                    weight[slot.referent] += recency * _ROLE_WEIGHT[slot.role]
        for eid in weight:
            if eid in above:
                weight[eid] += _ABOVE_BONUS
        # Named often, an entity is the article's topic, but that says nothing against "The report
        # ... . It said": an unnamed subject of a sentence before competes by its place alone, before
        # that scaling (within the sentence, the clauses above have already weighed).
        placed = dict(weight)
        unnamed_subjects = {slot.referent for distance in range(1, len(recency_by_distance)) if here - distance >= 0
                            for slot in self.slots[here - distance]
                            if slot.referent.startswith(_UNNAMED) and slot.role in {"root_subject", "subject"}}
        for eid in weight:
            weight[eid] *= 1 + math.log1p(bisect.bisect_left(self.named_at.get(eid, []), ref.token.i))
        ranked = sorted(((e, w) for e, w in weight.items() if w >= _MIN_SALIENCE), key=lambda kv: -kv[1])
        if not ranked and ref.kind == "organization":
            return self._topic(ref)
        if not ranked or ranked[0][0].startswith(_UNNAMED):
            return None
        if len(ranked) > 1 and ranked[0][1] < _MARGIN * ranked[1][1]:
            return None
        unnamed = max((placed[e] for e in unnamed_subjects if e in placed), default=0.0)
        if placed[ranked[0][0]] < _MARGIN * unnamed:
            return None
        return ranked[0][0]

    def _conjoined_owner(self, ref: _Reference) -> str | None:
        """"Israel and its U.S. backer": a possessive in the second of two conjoined phrases owns
        by the first, when the first names an actor of the pronoun's kind."""
        owned = ref.token.head
        if ref.token.dep_ != "poss" or owned.dep_ != "conj" or owned.head.i > ref.token.i:
            return None
        eid = self.resolved.entity_at(owned.head.i)
        if eid is None:
            return None
        slot = _Slot(owned.head.i, eid, self.resolved.entities[eid].type, _role(owned.head), _number(owned.head))
        return eid if self.accepts(ref, slot) else None

    def _topic(self, ref: _Reference) -> str | None:
        """"The group controls much of ..." opening a section of a profile: with no candidate near,
        the organisation of the noun's kind the document has named far most often so far."""
        counts = []
        for eid, heads in self.named_at.items():
            n = bisect.bisect_left(heads, ref.token.i)
            if n and self.accepts(ref, _Slot(heads[0], eid, self.resolved.entities[eid].type, "other", None)):
                counts.append((n, eid))
        counts.sort(reverse=True)
        if not counts or counts[0][0] < _TOPIC_MIN or len(counts) > 1 and counts[0][0] < _MARGIN * counts[1][0]:
            return None
        return counts[0][1]

    def _clause_subjects(self, token: Token, local: bool = False) -> set[str]:
        """Entities and unnamed phrases that are subjects of the clauses above a reference (only
        the nearest clause when `local`)."""
        out: set[str] = set()
        current = token
        while current.head.i != current.i and not (local and out):
            current = current.head
            heads = [current] + ([current.head] if current.dep_ == "conj" else [])
            for verb in heads:
                for c in verb.children:
                    if c.dep_ in _SUBJECTS and c.i < token.i:
                        out.add(self.resolved.entity_at(c.i) or _UNNAMED + str(c.i))
        return out


class _NameHeads:
    """"the council" after "the Southern Transitional Council": the one organisation named so far
    whose name ends in the noun ("the Ministry of Defence" ends in "ministry"), if named lately."""

    def __init__(self, doc: Doc, resolved: Resolved, sent_of: list[int]) -> None:
        self.sent_of = sent_of
        self.pending: list[tuple[int, str, str]] = []  # (token index, head noun, organisation)
        for m, eid in resolved.mention_entity:
            entity = resolved.entities[eid]
            if entity.type != "organization":
                continue
            for name in {entity.name, doc[m.start : m.end].text}:
                ws = words(name.split(" of ")[0])
                if len(ws) >= 2:
                    # "the Popular Mobilization Forces ... the force": a plural name head takes a singular reference.
                    for head in {ws[-1], _singular(ws[-1])}:
                        self.pending.append((m.start, head, eid))
        self.next = 0
        self.last_named: dict[str, dict[str, int]] = defaultdict(dict)  # head noun -> entity -> sentence

    def owner(self, token: Token) -> str | None:
        while self.next < len(self.pending) and self.pending[self.next][0] < token.i:
            start, head, eid = self.pending[self.next]
            self.last_named[head][eid] = self.sent_of[start]
            self.next += 1
        owners = self.last_named.get(token.lower_, {})
        if len(owners) != 1 or token.lower_ in _cues()["state_branch_nouns"]:
            return None
        eid, sentence = next(iter(owners.items()))
        return eid if self.sent_of[token.i] - sentence <= _NAME_HEAD_WINDOW else None

    def seen(self, token: Token, eid: str) -> None:
        """A resolved reference keeps its organisation recent."""
        owners = self.last_named.get(token.lower_)
        if owners is not None and eid in owners:
            owners[eid] = self.sent_of[token.i]


def _singular(word: str) -> str:
    """"forces" -> "force", "brigades" -> "brigade"; "Hamas", "Abbas" unchanged."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "as", "is", "us")) else word


def resolve_references(doc: Doc, resolved: Resolved) -> Resolved:
    """Fill `resolved.reference_entity` with the antecedent of every reference it can resolve
    safely, in document order (a resolved reference is an antecedent for the next ones)."""
    chooser = _Chooser(doc, resolved)
    name_heads = _NameHeads(doc, resolved, chooser.sent_of)
    quotes = find_quotes(doc)
    for token in doc:
        if token.pos_ not in {"PRON", "NOUN"} or resolved.name_at(token.i):
            continue  # references are pronouns and common nouns
        eid = _named_in_place(token, resolved)
        ref = None
        if eid is None:
            ref = _pronoun(token, quotes) or _description(token, resolved)
            eid = chooser.choose(ref) if ref is not None else None
        if eid is None and (ref is not None and ref.kind == "organization" or ref is None and _bare_definite(token)):
            eid = name_heads.owner(token)
        if eid is not None:
            resolved.reference_entity[token.i] = eid
            chooser.add(token, eid)
            name_heads.seen(token, eid)
        elif (group := _counted_group(token, resolved)):
            resolved.reference_group[token.i] = group
    return resolved


def _counted_group(token: Token, resolved: Resolved) -> tuple[str, ...]:
    """"Both groups", "the two militias", "the three factions": a plural reference that counts
    its antecedents stands for the groups named in its sentence before it and the sentences
    just before, when exactly that many are named there (else it stays unresolved)."""
    cues = _cues()
    if token.tag_ != "NNS" or token.lower_ not in cues["counted_group_nouns"]:
        return ()
    count = next((n for c in token.children if c.dep_ in {"det", "predet", "nummod"}
                  and (n := cues["counting_words"].get(c.lower_))), None)
    if count is None:
        return ()
    first = token.sent.start
    for _ in range(_COUNTED_REACH):
        first = token.doc[first - 1].sent.start if first > 0 else first
    named: dict[str, None] = {}
    for mention, eid in resolved.mention_entity:
        entity = resolved.entities[eid]
        if first <= mention.start < token.i and entity.type == "organization" \
                and entity.category in cues["counted_group_categories"]:
            named[eid] = None
    return tuple(named) if len(named) == count else ()


def _bare_definite(token: Token) -> bool:
    """"the council", "the brigade": a definite common noun with no modifier of its own."""
    return token.pos_ == "NOUN" and token.text.islower() and _definite(token) and token.dep_ != "attr" \
        and all(c.dep_ in {"det", "punct", "case"} or c.dep_ == "prep" and c.lower_ != "of" for c in token.children)


def _named_in_place(token: Token, resolved: Resolved) -> str | None:
    """A description named where it stands: in apposition to a name of the kind it describes
    ("Hezbollah, the Iran-backed group,", "the group, Hezbollah,", "Kataib Hezbollah, an Iraqi
    militia,"), or a country noun with its demonym ("the Lebanese state")."""
    cues = _cues()
    if token.pos_ != "NOUN":
        return None
    word = token.lower_
    if word in cues["demonym_country_nouns"] or word in cues["country_nouns"]:
        for child in token.children:
            eid = resolved.name_at(child.i) if child.dep_ in {"amod", "compound"} else None
            if eid and resolved.entities[eid].type == "country":
                return eid
        kind = "country"
    elif word in cues["organization_nouns"] or word in cues["apposed_organization_nouns"]:
        kind = "organization"
    else:
        return None
    partners = [c for c in token.children if c.dep_ == "appos"] + ([token.head] if token.dep_ == "appos" else [])
    for partner in partners:
        eid = resolved.name_at(partner.i)
        if eid and resolved.entities[eid].type == kind:
            return eid
    return None
