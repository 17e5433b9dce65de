"""Entities: mentions grouped into one entity per real actor per document.

Order of evidence: a registry id; then, for names the registry lacks, a short form resolved
to a full name introduced in the same document ("Spyer" -> "Jonathan Spyer"); an acronym
given in parentheses after a name; a fuzzy match to a registry name (typos); finally the
normalised name itself. A capital used as the subject or owner of an action ("Tehran would
hold leverage") is its country; elsewhere it is a place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from ..lexicon import word_set
from ..model import Entity
from ..model import Mention as MentionRecord
from ..normalize import exact_key, fold_word, is_acronym, slugify, words
from ..registry import Actor, Registry
from .mentions import Mention, category_from_cues

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
_FUZZY_MIN = 90
_FUZZY_MIN_LENGTH = 8
_SPELLING_MIN = 88
_FIRST_NAME_MIN = 5


@dataclass
class Resolved:
    """The output of resolution: entities, which entity each mention denotes, and (filled by
    nlp/coref.py) which entity a reference's head token refers to ("the group", "its")."""

    entities: dict[str, Entity]
    mention_entity: list[tuple[Mention, str]] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)
    reference_entity: dict[int, str] = field(default_factory=dict)
    # "both groups", "the two militias": the head token of a counted plural reference -> its actors
    reference_group: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def entity_at(self, token_i: int) -> str | None:
        """The entity a token names or, for the head of a reference, refers to."""
        return self.token_entity.get(token_i) or self.reference_entity.get(token_i)

    def group_at(self, token_i: int) -> tuple[str, ...]:
        """The actors a counted plural reference stands for ("both groups"), or none."""
        return self.reference_group.get(token_i, ())

    def name_at(self, token_i: int) -> str | None:
        """The entity a token names, references left out."""
        return self.token_entity.get(token_i)


def _is_metonym(doc: Doc, mention: Mention) -> bool:
    head = doc[mention.start : mention.end].root
    if head.dep_ in _SUBJECT_DEPS:
        return True
    if head.dep_ in {"dobj", "dative"} and head.head.lemma_.lower() not in word_set("metonyms", "place_verbs"):
        return True  # "accused Tehran of ...", "warned Damascus"; not "visited Tehran"
    # "for Tehran to send men": the subject of an infinitive.
    return head.dep_ == "pobj" and head.head.lower_ == "for" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                     for c in head.head.head.children)


@lru_cache(maxsize=8)
def _name_keys(registry: Registry) -> dict[str, list[tuple[str, Actor]]]:
    """Every registry name's exact key, by entity type, computed once per registry."""
    keys: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
    for actor in registry:
        keys[actor.type] += [(exact_key(alias), actor) for alias in actor.names]
    return keys


def _fuzzy_registry(registry: Registry, name: str, etype: str) -> Actor | None:
    """A registry actor whose name differs only by a typo ("Washington Insititute")."""
    key = exact_key(name)
    if len(key) < _FUZZY_MIN_LENGTH:
        return None
    candidates = _name_keys(registry)[etype]
    best = process.extractOne(key, [k for k, _ in candidates], scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN)
    return candidates[best[2]][1] if best else None


class _Builder:
    def __init__(self, doc: Doc, registry: Registry) -> None:
        self.doc = doc
        self.registry = registry
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[tuple[str, str], str] = {}  # (type, exact key) -> entity id
        self.by_spelling: dict[str, list[tuple[str, str]]] = defaultdict(list)  # see _same_person
        self.assigned: list[tuple[Mention, str]] = []

    def entity_for_actor(self, actor: Actor) -> str:
        if actor.id not in self.entities:
            self.entities[actor.id] = Entity(actor.id, actor.name, actor.type, actor.category,
                                             list(actor.aliases) + list(actor.demonyms), [],
                                             actor.country, actor.wikidata)
        return actor.id

    def new_entity(self, name: str, etype: str) -> str:
        eid = slugify(name)
        if eid in self.entities and self.entities[eid].type != etype:
            eid = f"{eid}-{etype}"
        if eid not in self.entities:
            category = category_from_cues(name) if etype == "organization" else None
            self.entities[eid] = Entity(eid, name, etype, category, [], [])
        self.by_key[(etype, exact_key(name))] = eid
        return eid

    def assign(self, mention: Mention, eid: str) -> None:
        self.assigned.append((mention, eid))


def _surnames_in(mentions: list[Mention]) -> set[str]:
    return {words(m.name)[-1] for m in mentions if m.type == "person" and len(words(m.name)) >= 2}


def _modifies_common_noun(doc: Doc, mention: Mention, type_: str) -> bool:
    """"Houthi boats", "Houthi fighters": an organisation's one-word name modifying a common noun
    is the organisation, even after a person with that surname ("Abdul-Malik al-Houthi")."""
    head = doc[mention.start : mention.end].root
    return type_ == "organization" and head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ == "NOUN"


def _known(builder: _Builder, mentions: list[Mention]) -> None:
    doc, registry = builder.doc, builder.registry
    surnames = _surnames_in(mentions)
    for m in mentions:
        if m.actor_id is not None and m.type != "person" and words(m.name) and len(words(m.name)) == 1 \
                and words(m.name)[0] in surnames and not _modifies_common_noun(doc, m, m.type):
            m.origin = "surname"  # "Soleimani" after "Qassem Soleimani" is him, not a city
        if m.actor_id is None or m.origin == "surname":
            continue
        actor = registry.actors[m.actor_id]
        if actor.capital_of and _is_metonym(doc, m):
            actor = registry.actors[actor.capital_of]
        builder.assign(m, builder.entity_for_actor(actor))


def _full_names(builder: _Builder, mentions: list[Mention]) -> dict[str, str]:
    """Multi-word NER names become entities; returns surname/first-word -> entity id."""
    short: dict[str, set[str]] = defaultdict(set)
    for eid, ent in builder.entities.items():
        if ent.type in {"person", "organization"}:
            _index_short_forms(short, ent.name, eid, ent.type)
    for m in mentions:
        if m.actor_id is not None or len(words(m.name)) < 2:
            continue
        actor = builder.registry.lookup(m.name) or _fuzzy_registry(builder.registry, m.name, m.type)
        if actor is not None and actor.type == m.type:
            eid = builder.entity_for_actor(actor)
        else:
            eid = builder.by_key.get((m.type, exact_key(m.name)))
            if eid is None and m.type == "person":
                eid = _same_person(builder, m.name)
            eid = eid or builder.new_entity(m.name, m.type)
        if m.type == "person":
            compact = "".join(words(m.name))
            builder.by_spelling[fold_word(compact)].append((compact, eid))
        builder.assign(m, eid)
        if m.type in {"person", "organization"}:
            _index_short_forms(short, m.name, eid, m.type)
    return {k: next(iter(v)) for k, v in short.items() if len(v) == 1}


def _same_person(builder: _Builder, name: str) -> str | None:
    """A person named before in another transliteration: "Abdul Rehman Makki", "Abdulrahman Maki"
    and "Abdul Rahman Makki" fold alike and differ by a letter or two; "Ali Hassan" and "Ali
    Hussein" fold alike too but differ more, and stay two people."""
    compact = "".join(words(name))
    for spelled, eid in builder.by_spelling.get(fold_word(compact), ()):
        if fuzz.ratio(compact, spelled) >= _SPELLING_MIN:
            return eid
    return None


def _index_short_forms(short: dict[str, set[str]], name: str, eid: str, etype: str) -> None:
    ws = words(name)
    if len(ws) < 2:
        return
    if etype == "person":
        short[ws[-1]].add(eid)
    else:
        short[ws[0]].add(eid)


def _first_names(builder: _Builder, short: dict[str, str]) -> dict[str, str]:
    """"Sirajuddin" after "Sirajuddin Haqqani": a lone word that opens exactly one person's full
    name (and is long enough to be a given name, not "Ali") and is no one's surname."""
    owners: dict[str, set[str]] = defaultdict(set)
    for eid, ent in builder.entities.items():
        ws = words(ent.name)
        if ent.type == "person" and len(ws) >= 2 and len(ws[0]) >= _FIRST_NAME_MIN:
            owners[ws[0]].add(eid)
    return {w: next(iter(eids)) for w, eids in owners.items() if len(eids) == 1 and w not in short}


def _short_forms(builder: _Builder, mentions: list[Mention], short: dict[str, str],
                 acronyms: dict[str, str]) -> None:
    first_names = _first_names(builder, short)
    for m in mentions:
        if m.actor_id is not None and m.origin != "surname":
            continue
        ws = words(m.name)
        if m.origin == "surname":
            eid = short.get(ws[0]) if ws else None
            if eid is None or builder.entities[eid].type != "person":
                eid = builder.entity_for_actor(builder.registry.actors[m.actor_id])
            builder.assign(m, eid)
            continue
        if len(ws) >= 2:
            continue
        eid = acronyms.get(m.name)
        if eid is None and ws and ws[0] in short:
            # A lone word is a surname (of any NER label: "Soleimani" is often tagged GPE) or the
            # first word of an organisation's name ("the Fatehin").
            candidate = short[ws[0]]
            if builder.entities[candidate].type == "person" or m.type == "organization":
                eid = candidate
        if eid is None:
            eid = builder.by_key.get((m.type, exact_key(m.name)))
        if eid is None:
            actor = builder.registry.lookup(m.name)
            if actor is not None:
                eid = builder.entity_for_actor(actor)
        if eid is None and ws:
            eid = first_names.get(ws[0])
        if eid is None and m.type != "person":
            # One-word organisations and places are names in their own right; a lone
            # surname with no full name anywhere is too ambiguous to keep.
            eid = builder.new_entity(m.name, m.type)
        if eid is not None:
            builder.assign(m, eid)


def _parenthesised_acronyms(builder: _Builder) -> dict[str, str]:
    """"National Defense Forces (NDF)": the acronym in brackets names the same entity."""
    doc = builder.doc
    table: dict[str, str] = {}
    for m, eid in builder.assigned:
        i = m.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            inner = doc[i + 1].text
            if is_acronym(inner) and len(inner) >= 2 and builder.registry.lookup(inner, fold=False) is None:
                table[inner] = eid
    return table


def _bare_uses(builder: _Builder, acronyms: dict[str, str], short: dict[str, str]) -> list[tuple[Mention, str]]:
    """Uses the NER missed of a bracketed acronym ("NDF") or of a surname introduced with the full
    name ("Farhadi said"), wherever no other mention covers them."""
    doc = builder.doc
    taken = {i for m, _ in builder.assigned for i in range(m.start, m.end)}
    surnames = {k: v for k, v in short.items() if builder.entities[v].type == "person"}
    out = []
    for token in doc:
        if token.i in taken or not token.text[:1].isupper():
            continue
        eid = acronyms.get(token.text)
        if eid is None and len(ws := words(token.text)) == 1:
            eid = surnames.get(ws[0])
        if eid is not None:
            out.append((Mention(token.i, token.i + 1, builder.entities[eid].type, "alias", None, token.text), eid))
    return out


def resolve(doc: Doc, mentions: list[Mention], registry: Registry) -> Resolved:
    builder = _Builder(doc, registry)
    _known(builder, mentions)
    short = _full_names(builder, mentions)
    acronyms = _parenthesised_acronyms(builder)
    _short_forms(builder, mentions, short, acronyms)
    builder.assigned += _bare_uses(builder, acronyms, short)
    builder.assigned.sort(key=lambda pair: pair[0].start)
    return _finish(builder)


def _finish(builder: _Builder) -> Resolved:
    doc = builder.doc
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    resolved = Resolved(builder.entities, builder.assigned)
    for m, eid in builder.assigned:
        span = doc[m.start : m.end]
        builder.entities[eid].mentions.append(MentionRecord(span.text, span.start_char, span.end_char))
        surface[eid][m.name] += 1
        for i in range(m.start, m.end):
            resolved.token_entity[i] = eid
    used = {eid for _, eid in builder.assigned}
    resolved.entities = {eid: e for eid, e in builder.entities.items() if eid in used}
    for eid, ent in resolved.entities.items():
        names = list(dict.fromkeys([*ent.aliases, *surface[eid]]))
        ent.aliases = [n for n in names if n != ent.name]
    return resolved
