"""Who says something: the speaker of a verb of saying, of "according to X", and quotations.

Shared by statements (who said what) and hedges (whose claim a relation is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..lexicon import load_lexicon
from .phrases import PhraseContext, has_cue, is_passive, named_by, relcl_antecedent
from .resolve import Resolved

# A passive subject is what was said about, not who said it ("Iran was accused of ...").
_SUBJECTS = {"nsubj", "csubj"}
_INHERITS = {"advcl", "xcomp", "conj", "acl", "relcl", "pcomp"}
_QUOTES = re.compile(r"“([^”]{1,3000})”|\"([^\"\n]{1,3000})\"")
_MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Quote:
    start: int  # character offset of the content, quote marks excluded
    end: int
    text: str


@lru_cache(maxsize=1)
def _cues() -> dict:
    return load_lexicon("attribution")


def saying_hedge(token: Token) -> str | None:
    """The hedge a verb of saying gives to what it reports, or None if it is not one."""
    return _cues()["saying_verbs"].get(token.lemma_.lower())


def is_saying_verb(token: Token, quotes: list[Quote]) -> bool:
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in _cues()["saying_verbs"]:
        return not _object_is_person(token) or lemma not in _cues()["not_saying_with_person_object"]
    if lemma in _cues()["estimate_verbs"]:
        # "Tasnim puts its strength at 14,000 men": an estimate given is a claim made.
        return any(c.dep_ == "prep" and c.lower_ == "at" for c in token.children)
    if lemma in _cues()["quote_verbs"]:
        # "called on all forces", "called the raids an unacceptable assault"
        if any(c.dep_ == "prep" and c.lower_ in {"on", "for"} for c in token.children):
            return True
        # A predicate names what the subject itself calls it; "..., calling it an institution" need not.
        if any(c.dep_ == "oprd" for c in token.children) and any(c.dep_ == "nsubj" for c in token.children):
            return True
        # "called Khamenei “the new Hitler”": a short quotation after the verb will do.
        return any(q.start > token.idx and quote_in_sentence(token.sent, q) for q in find_quotes(token.doc, 2))
    return False


def _object_is_person(verb: Token) -> bool:
    """"Hadi dismissed him as governor": a person as object makes "dismiss" a firing, not a denial."""
    return any(c.dep_ == "dobj" and (c.tag_ == "PRP" and c.lower_ in {"him", "her"} or c.ent_type_ == "PERSON")
               for c in verb.children)


def is_negated(verb: Token) -> bool:
    """"Israel has not commented", "Hamas neither confirmed nor denied": no act of saying."""
    return any(c.dep_ == "neg" or c.lower_ == "neither" and c.dep_ == "preconj" for c in verb.children) or (
        verb.dep_ == "conj" and any(c.lower_ == "nor" for c in verb.head.children))


def find_quotes(doc: Doc, min_words: int = _MIN_QUOTE_WORDS) -> list[Quote]:
    """Quotations long enough to be something said (scare quotes such as “caliphate” are not).
    Computed once per document and length (Doc.text joins every token on each access)."""
    key = ("proxyatlas.quotes", min_words)
    if key not in doc.user_data:
        out = []
        for m in _QUOTES.finditer(doc.text):
            group = 1 if m.group(1) is not None else 2
            content = m.group(group)
            if len(content.split()) >= min_words:
                out.append(Quote(m.start(group), m.end(group), content))
        doc.user_data[key] = out
    return doc.user_data[key]


def quote_in_sentence(sent: Span, quote: Quote) -> bool:
    return quote.start < sent.end_char and quote.end > sent.start_char


def inside_quote(token: Token, quotes: list[Quote]) -> bool:
    return any(q.start <= token.idx < q.end for q in quotes)


def _entity_in(token: Token, resolved: Resolved, types: set[str]) -> str | None:
    """The actor a noun phrase names (phrases.named_by: "the Israeli military", "the group"), or
    its owner ("Khamenei's reply"), or the author in "a statement by X"."""
    for eid in named_by(PhraseContext(token.doc, resolved), token):
        if resolved.entities[eid].type in types:
            return eid
    # named_by has already read group nouns: "Iraq's armed factions", "Yemen specialists" are not the state.
    if not has_cue("group_nouns", token):
        # The nearer modifier first: "Afghanistan's Taliban rulers" are the Taliban's.
        for child in sorted(token.children, key=lambda c: c.dep_ != "compound"):
            if child.dep_ in {"poss", "compound"}:
                eid = resolved.entity_at(child.i)
                if eid and resolved.entities[eid].type in types:
                    return eid
    # "a statement by X", "the latest report of the UN panel", "a study published by X"
    said_in = token.lemma_.lower() in _cues()["saying_nouns"]
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ({"by", "of", "from"} if said_in else {"by"})]
    if said_in:
        preps += [a for acl in token.children if acl.dep_ == "acl" for a in acl.children if a.dep_ == "agent"]
    for prep in preps:
        for pobj in prep.children:
            found = _entity_in(pobj, resolved, types)
            if found:
                return found
    return None


def pronoun_antecedent(token: Token, resolved: Resolved) -> str | None:
    """"he said": the most recent person who was a clause subject (subjects are what pronouns
    usually continue), else the person mentioned last, within the last three sentences."""
    doc = token.doc
    first = token.sent.start
    for _ in range(2):
        if first > 0:
            first = doc[first - 1].sent.start
    last_mention = None
    for i in range(token.i - 1, first - 1, -1):
        eid = resolved.entity_at(i)
        if not eid or resolved.entities[eid].type != "person":
            continue
        last_mention = last_mention or eid
        head = doc[i]
        while head.dep_ in {"compound", "flat"} and head.head.i != head.i:
            head = head.head
        if head.dep_ in {"nsubj", "nsubjpass"}:
            return eid
    return last_mention


SPEAKER_TYPES = {"person", "organization", "country"}


def speaker_of(verb: Token, resolved: Resolved) -> str | None:
    """The actor who says what `verb` reports, following clause heads when it has no subject.
    A passive verb's subject is what was said about ("are stated to have"), so it has none here."""
    if is_passive(verb):
        return None
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        for subject in subjects:
            antecedent = relcl_antecedent(subject)
            if antecedent is not None:  # "Girkin, who told the newspaper ..."
                return _entity_in(antecedent, resolved, SPEAKER_TYPES)
            if subject.pos_ == "PRON":
                # "it said in a statement", "they said": the actor coreference resolved the pronoun to.
                eid = resolved.entity_at(subject.i)
                if eid and resolved.entities[eid].type in SPEAKER_TYPES:
                    return eid
                if subject.lower_ in {"he", "she"}:
                    return pronoun_antecedent(subject, resolved)
                return None
            found = _entity_in(subject, resolved, SPEAKER_TYPES)
            if found:
                return found
        if subjects:
            return None
        if current.dep_ == "ROOT":
            return _phrase_before(current, resolved)
        current = current.head if current.dep_ in _INHERITS and current.head.i != current.i else None
    return None


def _phrase_before(verb: Token, resolved: Resolved) -> str | None:
    """"..., Iran's Revolutionary Guards said.": when the parser gave the verb no subject, the noun
    phrase written between the last comma and the verb says it."""
    doc = verb.doc
    i = verb.i - 1
    while i >= verb.sent.start and doc[i].text not in {",", "—", "“", "”", "\""}:
        eid = resolved.entity_at(i)
        if eid and resolved.entities[eid].type in SPEAKER_TYPES:
            return eid
        i -= 1
    return None


def according_to(sent: Span, resolved: Resolved) -> list[tuple[Token, str | None]]:
    """("according to" token, actor) pairs in a sentence: "according to Spyer", "according to a
    statement ... by General Jazayeri"; the actor is None for sources no entity names
    ("according to analysts"), which still makes what they say reported."""
    out = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            to = token.doc[token.i + 1]
            for pobj in (c for c in to.children if c.dep_ == "pobj"):
                eid = _entity_in(pobj, resolved, SPEAKER_TYPES)
                if eid is None:
                    eid = next((resolved.entity_at(t.i) for t in pobj.subtree
                                if resolved.entity_at(t.i)
                                and resolved.entities[resolved.entity_at(t.i)].type == "person"), None)
                out.append((token, eid))
    return out
