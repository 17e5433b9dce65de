"""Statements: what a named speaker said or wrote, quoted or paraphrased, with its date and outlet."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import load_lexicon
from ..model import Document, Evidence, Statement
from ..normalize import exact_key
from .attribution import (Quote, according_to, find_quotes, inside_quote, is_negated, is_saying_verb,
                          quote_in_sentence, speaker_of)
from .dates import normalize_date
from .pipeline import date_entities
from .resolve import Resolved

_INHERITS = {"advcl", "xcomp", "conj", "acl", "pcomp"}
_OUTLET_CATEGORIES = {"media", "research"}
_CONTENT = {"ccomp", "parataxis"}


def evidence_of(sent: Span) -> Evidence:
    text = sent.text.rstrip()
    return Evidence(sent.start_char, sent.start_char + len(text), text)


def _nearest_quote(verb: Token, quotes: list[Quote]) -> Quote | None:
    sent = verb.sent
    candidates = [q for q in quotes if quote_in_sentence(sent, q)]
    if not candidates:
        return None
    return min(candidates, key=lambda q: min(abs(q.start - verb.idx), abs(q.end - verb.idx)))


def clause_date(verb: Token, quotes: list[Quote], published: str | None) -> str | None:
    """The date a clause gives its verb ("explained on November 26th"), else its head's."""
    doc = verb.doc
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        # The reported content has dates of its own ("fired on Monday, the group said on Tuesday").
        content = {t.i for c in current.children if c.dep_ in _CONTENT for t in c.subtree}
        subtree = {t.i for t in current.subtree} - content
        for ent in date_entities(doc):
            if ent.root.i in subtree and not inside_quote(ent.root, quotes):
                if ent.root.sent == verb.sent:
                    value = normalize_date(ent.text, published)
                    if value:
                        return value
        current = current.head if current.dep_ in _INHERITS and current.head.i != current.i else None
    return None


def outlet_in(sent: Span, resolved: Resolved) -> str | None:
    """The outlet a sentence says carried the words: "in an interview with the New York Times"."""
    pairs = {tuple(p) for p in load_lexicon("attribution")["via_prepositions"]}
    for token in sent:
        eid = resolved.entity_at(token.i)
        if not eid or resolved.entities[eid].category not in _OUTLET_CATEGORIES:
            continue
        head = token
        while head.dep_ in {"compound", "det", "amod"} and head.head.i != head.i:
            head = head.head
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and (prep.head.lemma_.lower(), prep.lower_) in pairs:
            return eid
        if head.dep_ in {"dobj", "dative"} and (head.head.lower_, "~") in pairs:
            return eid
    return None


def document_outlet(document: Document, resolved: Resolved) -> str | None:
    """The entity of the document's own source, when the text names it."""
    if not document.source:
        return None
    key = exact_key(document.source)
    for eid, ent in resolved.entities.items():
        if ent.category == "media" and key in {exact_key(n) for n in [ent.name, *ent.aliases]}:
            return eid
    return None


def _paraphrase(verb: Token) -> str:
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            return verb.doc[child.left_edge.i : child.right_edge.i + 1].text
    return verb.sent.text.strip()


def find_statements(doc: Doc, resolved: Resolved, document: Document) -> list[Statement]:
    quotes = find_quotes(doc)
    default_outlet = document_outlet(document, resolved)
    statements: list[Statement] = []
    seen: set[tuple[str, int]] = set()

    def add(speaker: str, anchor: Token, verb: Token | None) -> None:
        sent = anchor.sent
        if (speaker, sent.start) in seen:
            return
        seen.add((speaker, sent.start))
        quote = _nearest_quote(anchor, quotes)
        text = quote.text if quote else (_paraphrase(verb) if verb is not None else sent.text.strip())
        date = clause_date(verb, quotes, document.published) if verb is not None else None
        statements.append(Statement(
            speaker=speaker, date=date or document.published, text=text, direct=quote is not None,
            via=outlet_in(sent, resolved) or (default_outlet if default_outlet != speaker else None),
            evidence=[evidence_of(sent)],
        ))

    for token in doc:
        if inside_quote(token, quotes) or not is_saying_verb(token, quotes) or is_negated(token):
            continue
        speaker = speaker_of(token, resolved)
        if speaker:
            add(speaker, token, token)
    for sent in doc.sents:
        for token, speaker in according_to(sent, resolved):
            if speaker and not inside_quote(token, quotes):
                add(speaker, token, token.head if token.head.pos_ in {"VERB", "AUX"} else None)
    statements.sort(key=lambda s: s.evidence[0].start)
    return statements
