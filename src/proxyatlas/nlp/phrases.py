"""What a noun phrase names: the entities behind a token, read through appositions, group nouns
("Houthi rebels", "the army of al-Hashd al-Shabi"), examples ("formations such as the NDF"),
anaphora ("the group's leader", "the country's militia") and relative pronouns; and who the
subject of a clause is. Shared by relations and the attribution of statements.

The cue words live in data/cues/relations.yaml.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from ..lexicon import load_lexicon
from .resolve import Resolved

_CLIMB = {"advcl", "xcomp", "conj", "pcomp", "prep", "acomp", "acl"}
_DASHES = {"–", "—", ":", "-", "--"}


@dataclass
class PhraseContext:
    doc: Doc
    resolved: Resolved

    @cached_property
    def tokens(self) -> list[Token]:
        """The document's tokens, made once: the families each walk every token."""
        return list(self.doc)


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The relation cue lexicon, plus word -> relation type tables for the typed groups."""
    lexicon = load_lexicon("relations")
    inverted: dict[str, dict[str, str]] = {}
    for group in ("role_nouns", "verbs", "hyphen_participles", "support_nouns", "with_nouns"):
        inverted[group] = {w: rtype for rtype, ws in lexicon[group].items() for w in ws}
    return {**lexicon, "by_word": inverted}


def cue_word(group: str, token: Token) -> str | None:
    table = cues()["by_word"][group]
    return table.get(token.lemma_.lower()) or table.get(token.lower_)


def has_cue(group: str, token: Token) -> bool:
    return token.lemma_.lower() in cues()[group] or token.lower_ in cues()[group]


# --- what a noun phrase names -------------------------------------------------------------------

def entity(ctx: PhraseContext, token: Token) -> str | None:
    return ctx.resolved.entity_at(token.i)


def etype(ctx: PhraseContext, eid: str) -> str:
    return ctx.resolved.entities[eid].type


def category(ctx: PhraseContext, eid: str) -> str | None:
    return ctx.resolved.entities[eid].category


def named_by(ctx: PhraseContext, token: Token, depth: int = 0) -> list[str]:
    """Entities a noun phrase headed by `token` names, its coordinated conjuncts included."""
    found = named_by_head(ctx, token, depth)
    conjuncts = [c for c in token.conjuncts if c.i > token.i]
    # "with al-Shabab in Somalia and the Taliban in Afghanistan": the parser often hangs the second
    # organisation on the first one's place; an organisation coordinated with a place is ours.
    for place in pobjs(token, set(cues()["location_preps"])):
        conjuncts += [c for c in place.conjuncts if (e := entity(ctx, c)) and etype(ctx, e) == "organization"]
    for conj in conjuncts:
        for eid in named_by_head(ctx, conj, depth):
            if eid not in found:
                found.append(eid)
    return found


def named_by_head(ctx: PhraseContext, token: Token, depth: int) -> list[str]:
    if depth > 3:
        return []
    eid = entity(ctx, token)
    if eid:
        return [eid]
    group = ctx.resolved.group_at(token.i)  # "both groups"
    if group:
        return list(group)
    definite = any(c.lower_ == "the" for c in token.children)
    if token.lower_ == "country" and definite:
        country = last_before(ctx, token, "country")
        return [country] if country else []
    anaphoric = definite and token.lower_ in cues()["anaphoric_nouns"] \
        and not any(c.dep_ in {"prep", "compound", "amod", "appos"} for c in token.children)
    # "It was founded in 1982", "its fighters": the organisation the text is about.
    pronoun = token.lower_ in {"it", "its"} and token.dep_ in {"nsubj", "nsubjpass", "poss"}
    if (anaphoric or pronoun) and token.dep_ in {"poss", "dobj", "pobj", "nsubj", "nsubjpass"}:
        group = salient_before(ctx, token)  # "the group's secretary-general", "arming the group"
        return [group] if group else []
    if token.lower_ in cues()["quantifiers"] and token.pos_ in {"ADJ", "NUM", "PRON", "DET", "NOUN"}:
        return [e for p in pobjs(token, {"of"}) for e in named_by(ctx, p, depth + 1)] \
            + listed_examples(ctx, token, depth)
    out: list[str] = []
    # A "conjunct" joined by a bare comma is an apposition the parser misread ("the militia, the NDF").
    bare_comma = not any(c.dep_ == "cc" for c in token.children)
    for child in token.children:
        if child.dep_ == "appos" or (child.dep_ == "conj" and bare_comma):
            out += named_by_head(ctx, child, depth + 1)
    out += listed_examples(ctx, token, depth)
    if out or not (has_cue("group_nouns", token) or has_cue("state_agent_nouns", token)):
        return out
    # A group noun stands for its modifier or "of"-phrase: "Houthi rebels", "army of al-Hashd".
    for child in token.children:
        eid = entity(ctx, child) if child.dep_ in {"compound", "amod", "nmod", "poss"} else None
        if eid and (etype(ctx, eid) != "country" or has_cue("state_agent_nouns", token)):
            out.append(eid)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out += named_by(ctx, pobj, depth + 1)
    out += apposed_by_position(ctx, token)
    if token.dep_ == "appos" and not out:
        out += named_by_head(ctx, token.head, depth + 1)
    return out


def listed_examples(ctx: PhraseContext, token: Token, depth: int) -> list[str]:
    """"formations such as the NDF", "groups including Hamas and PIJ": a category noun names the
    organisations listed as its examples."""
    out: list[str] = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children) \
            or prep.lower_ == "as" and prep.i > 0 and ctx.doc[prep.i - 1].lower_ == "such"
        if such_as or prep.lower_ in {"including", "like"}:
            out += [e for p in prep.children if p.dep_ == "pobj" for e in named_by(ctx, p, depth + 1)]
    return out


def apposed_by_position(ctx: PhraseContext, token: Token) -> list[str]:
    """"the Fatehin (Conquerors) Brigade, the principal fighting force in Syria": a descriptive noun
    phrase right after an organisation's name and a comma describes it, whatever the parser
    attached it to."""
    start = min(t.i for t in token.subtree if t.i <= token.i)
    if start < 2 or ctx.doc[start - 1].text != ",":
        return []
    for i in range(start - 2, max(start - 7, -1), -1):
        name_part = ctx.doc[i]
        eid = entity(ctx, name_part)
        if eid:
            return [eid] if etype(ctx, eid) == "organization" else []
        if not (name_part.pos_ == "PROPN" or name_part.text in {"(", ")"}):
            return []
    return []


def name_before_apposition(ctx: PhraseContext, token: Token) -> list[str]:
    """"the "axis of resistance", an Iran-aligned alliance": an indefinite noun phrase right after an
    organisation's name (quoted or not, whatever its words) and a comma describes it."""
    first = min(t.i for t in token.subtree if t.i <= token.i)
    if first < 2 or ctx.doc[first - 1].text != "," or ctx.doc[first].lower_ not in {"a", "an"}:
        return []
    i = first - 2
    while i > 0 and ctx.doc[i].is_quote:
        i -= 1
    eid = ctx.resolved.name_at(i)
    return [eid] if eid and etype(ctx, eid) == "organization" else []


def salient_before(ctx: PhraseContext, token: Token) -> str | None:
    """The organisation "the group" refers to: of those named in this and the three previous
    sentences, the one the document names most often (the most recent on a tie)."""
    first = token.sent.start
    for _ in range(3):
        if first > 0:
            first = ctx.doc[first - 1].sent.start
    recent = [e for m, e in ctx.resolved.mention_entity
              if first <= m.start < token.i and etype(ctx, e) == "organization"]
    if not recent:
        return None
    counts = {e: len(ctx.resolved.entities[e].mentions) for e in recent}
    return max(reversed(recent), key=lambda e: counts[e])


def salient_in_document(ctx: PhraseContext, token: Token) -> str | None:
    """The organisation a profile's "the group" or "its fighters" refers to when no organisation is
    named in the sentences just before it (a section heading intervened): of those named earlier in
    the document, the one named most often (the most recent on a tie)."""
    earlier = [e for m, e in ctx.resolved.mention_entity if m.start < token.i and etype(ctx, e) == "organization"]
    if not earlier:
        return None
    counts = Counter(earlier)
    return max(reversed(earlier), key=lambda e: counts[e])


def known_as(ctx: PhraseContext, token: Token) -> list[str]:
    """"His forces, known as the Kadyrovtsy": the entities a naming participle gives a noun phrase."""
    return [e for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in cues()["naming_participles"]
            for p in pobjs(c, {"as"}) for e in named_by(ctx, p)]


def last_before(ctx: PhraseContext, token: Token, wanted: str) -> str | None:
    for i in range(token.i - 1, -1, -1):
        eid = entity(ctx, ctx.doc[i])
        if eid and etype(ctx, eid) == wanted:
            return eid
    return None


def pobjs(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def subject_of(ctx: PhraseContext, verb: Token) -> list[str]:
    """Entities of a verb's subject, climbing clause heads when it has none of its own."""
    current = verb
    for _ in range(6):
        accuser = current.head.head if current.dep_ == "pcomp" and current.head.lower_ == "of" else None
        if accuser is not None and accuser.lemma_.lower() in cues()["accuse_verbs"]:
            # "Washington accused Tehran of supplying X", "the UAE was accused of arming X": the
            # accused is the one who supplies.
            if accuser.dep_ == "acl":  # headline style: "UAE accused of arming ..."
                return named_by(ctx, accuser.head)
            return [e for c in accuser.children if c.dep_ in {"dobj", "nsubjpass"} for e in named_by(ctx, c)]
        # a clause head climbed to lends its subject whatever its voice: "X is allied with Y but
        # does not form part of it", "X was founded in 1982 and backs Y"
        deps = {"nsubj", "csubj"} if current is verb else {"nsubj", "csubj", "nsubjpass"}
        subjects = [c for c in current.children if c.dep_ in deps]
        if subjects:
            out: list[str] = []
            for s in subjects:
                if s.lower_ in {"it", "they"} and current.dep_ == "ccomp":
                    # "Iran denied that it supports ...": the pronoun is the reporting clause's subject.
                    return subject_of(ctx, current.head)
                out += named_by(ctx, s)
            return out
        if current.dep_ not in _CLIMB or current.head.i == current.i or finite_subordinate(current):
            return []
        current = current.head
    return []


def finite_subordinate(clause: Token) -> bool:
    """"since the junta fell out with France": a clause opened by a subordinating word has a subject
    of its own, even one the parser lost; only a participle or infinitive shares its head's."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ not in {"to"} for c in clause.children) \
        and clause.tag_ in {"VBD", "VBZ", "VBP"}


def is_passive(verb: Token) -> bool:
    """Passive by its auxiliary or subject, or by its "by"-agent alone: the parser may tag "The
    M23, led on the battlefield by X" a past tense, but only a passive has an agent."""
    return any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children)


def relcl_antecedent(token: Token) -> Token | None:
    """"groups that are backed by X": a relative pronoun stands for the noun its clause modifies."""
    if token.tag_ in {"WDT", "WP"} or token.lower_ in {"that", "which", "who"}:
        verb = token.head
        while verb.dep_ in {"conj"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ == "relcl":
            return verb.head
    return None


def listed_after_dash(ctx: PhraseContext, token: Token) -> list[str]:
    """"other groups backed by Iran – A, B and C": the organisations listed after a dash."""
    sent = token.sent
    dash = next((t for t in sent if t.i > token.i and t.text in _DASHES and t.is_punct and t.text != "-"), None)
    if dash is None:
        return []
    out: list[str] = []
    for t in sent:
        if t.i > dash.i:
            eid = entity(ctx, t)
            if eid and etype(ctx, eid) == "organization" and eid not in out:
                out.append(eid)
    return out
