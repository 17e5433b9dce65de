"""Statements: what a named speaker said or wrote, quoted or paraphrased, with its date and outlet.

The date of a saying (ANNOTATION.md "Statements"), in this order:
1. a date in the saying's own clause: "said on Monday", "in a speech last week", "a 2010 report
   estimated"; never one from what was said, from the speaker's description ("X, who has led
   the group since 1992, said") or from another clause with its own subject;
2. a date the clause gives relative to the last one the text named: "the same day", "a day later",
   "at the time";
3. none for habitual or long-standing sayings ("has long denied", "consistently rejected") and for
   a saying reported inside another's words ("Burhan said Haftar had phoned him to deny it");
4. an undated saying continues the same speaker's dated one just before (or just after) it
   ("..., he said."); a headline or lede sums up what the body dates;
5. else the publication date for a present-tense saying, and for a past one in a news report
   (wire style); a past one in an analysis, profile or notice stays undated.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..lexicon import load_lexicon
from ..model import Document, Evidence, Statement
from ..normalize import exact_key
from .attribution import (
    Quote,
    according_to,
    find_quotes,
    inside_quote,
    is_negated,
    is_saying_verb,
    quote_in_sentence,
    speaker_of,
)
from .dates import normalize_date
from .pipeline import date_entities
from .resolve import Resolved

_INHERITS = {"advcl", "xcomp", "conj", "acl", "pcomp"}
_OUTLET_CATEGORIES = {"media", "research"}
# Children whose words are not the saying's circumstances: what was said, who is described, other clauses.
_NOT_CIRCUMSTANCE = {"ccomp", "parataxis", "xcomp", "relcl", "appos", "pcomp", "conj", "csubj", "attr", "oprd"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CONTINUES_BACK, _CONTINUES_AHEAD = 3, 1  # sentences an undated saying reaches to a dated one
_HEADLINE_MAX_CHARS = 300  # a first line longer than this is body text, not a headline


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    return load_lexicon("attribution")


def evidence_of(sent: Span) -> Evidence:
    text = sent.text.rstrip()
    return Evidence(sent.start_char, sent.start_char + len(text), text)


def _nearest_quote(verb: Token, quotes: list[Quote]) -> Quote | None:
    sent = verb.sent
    candidates = [q for q in quotes if quote_in_sentence(sent, q)]
    if not candidates:
        return None
    return min(candidates, key=lambda q: min(abs(q.start - verb.idx), abs(q.end - verb.idx)))


# --- the date a clause gives -----------------------------------------------------------------

def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in token.children)


def _circumstances(verb: Token) -> list[Token]:
    """The words that say when and how `verb` happened: its modifiers, prepositional phrases and a
    subject that is itself a document ("a 2010 report estimated"), without what was said, relative
    clauses or any clause with a subject of its own."""
    out: list[Token] = []
    stack = [c for c in verb.children if not _is_content_prep(verb, c)]
    while stack:
        token = stack.pop()
        if token.pos_ == "VERB" and _addresses(token):
            # "has acknowledged ..., telling the Council on Friday that": one act, dated by the telling
            out += [t for c in token.children if c.dep_ in {"prep", "npadvmod"} for t in c.subtree]
            continue
        # Another saying's own words ("..., the ministry said, reporting raids on November 17").
        if token.dep_ in _NOT_CIRCUMSTANCE or token.pos_ == "VERB" and token.lemma_.lower() in _cues()["saying_verbs"]:
            continue
        if token.dep_ in _SUBJECT_DEPS and token.head.i == verb.i \
                and token.lemma_.lower() not in _cues()["saying_nouns"]:
            continue
        if _has_own_subject(token):
            continue
        out.append(token)
        stack.extend(token.children)
    return out


def _addresses(token: Token) -> bool:
    """"telling the Council", "informing Washington": a participle of addressing hung on a saying."""
    return (token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in _cues()["addressing_verbs"]
            and not _has_own_subject(token))


def _is_content_prep(verb: Token, child: Token) -> bool:
    """"blamed the ADF for bombings on November 16", "accused X of ...": what is blamed is content."""
    return child.dep_ == "prep" and child.lower_ in {"for", "of"} and _cues()["saying_verbs"].get(
        verb.lemma_.lower()) == "alleged"


def _clause_words(verb: Token) -> list[Token]:
    """The circumstances of `verb`, and of the clause heads it shares a subject with ("assembled
    12,000 men on 25 February and said", "said in a statement, adding that")."""
    words = [verb, *_circumstances(verb)]
    current = verb
    for _ in range(3):
        if _has_own_subject(current) or current.dep_ not in _INHERITS or current.head.i == current.i:
            break
        current = current.head
        words += [current, *_circumstances(current)]
    return sorted(set(words), key=lambda t: t.i)


@dataclass(frozen=True)
class _DatesSoFar:
    """The resolved dates of a document in text order, for "the same day" and "a day later"."""
    starts: list[int]
    values: list[str]

    def last_before(self, char: int, day_only: bool) -> str | None:
        for k in range(bisect_left(self.starts, char) - 1, -1, -1):
            value = self.values[k]
            if not day_only or (len(value) == 10 and "X" not in value):
                return value
        return None


def _dates_so_far(doc: Doc, quotes: list[Quote], published: str | None) -> _DatesSoFar:
    key = ("proxyatlas.dates_so_far", published)
    if key not in doc.user_data:
        starts, values = [], []
        for ent in date_entities(doc):
            value = None if inside_quote(ent.root, quotes) else normalize_date(ent.text, published)
            if value:
                starts.append(ent.start_char)
                values.append(value)
        doc.user_data[key] = _DatesSoFar(starts, values)
    return doc.user_data[key]


def _phrase_at(words: list[Token], k: int, phrases: dict[str, Any]) -> str | None:
    """The longest cue phrase that starts at words[k] and runs over consecutive tokens."""
    best = None
    for n in range(1, 5):
        run = words[k : k + n]
        if len(run) < n or any(run[j].i != run[0].i + j for j in range(n)):
            break
        text = " ".join(t.lower_ for t in run)
        if text in phrases:
            best = text
    return best


def _relative_date(words: list[Token], quotes: list[Quote], published: str | None) -> str | None:
    """"the same day", "a day later", "at the time": a date from the last one the text named."""
    phrases = _cues()["relative_to_last_date"]
    for k, token in enumerate(words):
        phrase = _phrase_at(words, k, phrases)
        if phrase is None:
            continue
        offset = phrases[phrase]
        last = _dates_so_far(token.doc, quotes, published).last_before(token.idx, day_only=offset is not None)
        if last is None or offset is None:
            return last
        return (dt.date.fromisoformat(last) + dt.timedelta(days=offset)).isoformat()
    return None


def _date_at(doc: Doc) -> dict[int, Span]:
    """Token index -> the DATE entity it is part of, built once per document."""
    key = "proxyatlas.date_at"
    if key not in doc.user_data:
        doc.user_data[key] = {t.i: ent for ent in date_entities(doc) for t in ent}
    return doc.user_data[key]


def clause_date(verb: Token, quotes: list[Quote], published: str | None) -> str | None:
    """The date a clause gives its verb: "explained on November 26th", "a day later"."""
    words = _clause_words(verb)
    indices = {t.i for t in words} | date_right_after(verb)
    date_at = _date_at(verb.doc)
    for ent in sorted({date_at[i] for i in indices if i in date_at}, key=lambda e: e.start):
        inside = [t for t in ent if t.i in indices]
        if inside_quote(ent.root, quotes):
            continue
        # The tagger sometimes runs a date into the name after it ("On October 1 Human Rights Watch").
        text = ent.text if len(inside) == len(ent) else verb.doc[inside[0].i : inside[-1].i + 1].text
        value = normalize_date(text, published)
        if value:
            return value
    return _relative_date(words, quotes, published)


def date_right_after(verb: Token) -> set[int]:
    """"said on Wednesday it would ...": the parser often hangs the date on what was said, but
    one written right after the verb (through a preposition or "late") dates the saying."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i <= verb.i + 3 and doc[i].pos_ in {"ADP", "ADV"} and not doc[i].ent_type_:
        i += 1
    if i < len(doc) and doc[i].ent_type_ == "DATE":
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return set(range(i, end))
    return set()


def _habitual(verb: Token) -> bool:
    """"has long denied", "consistently rejected", "for years insisted": no single act to date."""
    words = _clause_words(verb)
    cues = _cues()["habitual_cues"]
    return any(_phrase_at(words, k, cues) for k in range(len(words)))


def _reported_by_another(verb: Token) -> bool:
    """"Burhan said Haftar had phoned him to deny it": a saying inside another's words. A
    coordinated one ("Israel says ..., and the US has also blamed X") is the parser's slip."""
    if verb.dep_ == "conj":
        return False
    current = verb
    while current.head.i != current.i:
        outer = current.head
        if current.dep_ in {"ccomp", "parataxis"} and outer.pos_ in {"VERB", "AUX"} \
                and outer.lemma_.lower() in _cues()["saying_verbs"] and _has_own_subject(outer):
            return True
        current = current.head
    return False


def _is_present(verb: Token) -> bool:
    return verb.tag_ in {"VBZ", "VBP"} and not any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _is_analysis(document: Document) -> bool:
    """An analysis, profile or notice, not a news report: its title opens with such a label."""
    title = document.title or document.text.split("\n", 1)[0]
    label = title.split(":", 1)[0].strip().lower() if ":" in title else ""
    return label in _cues()["analysis_labels"]


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


@dataclass
class _Saying:
    speaker: str
    anchor: Token
    verb: Token | None
    sent_index: int
    date: str | None
    dated: bool  # the text fixes the date, or fixes that there is none
    present: bool  # "says", "according to": as of publication


def _dating(verb: Token, quotes: list[Quote], published: str | None) -> tuple[str | None, bool]:
    date = clause_date(verb, quotes, published)
    if date:
        return date, True
    return None, _habitual(verb) or _reported_by_another(verb)


def _date_undated(sayings: list[_Saying], headline_end: int, lede_index: int, published: str | None,
                  analysis: bool) -> None:
    """Rules 4 and 5 of the module docstring, for the sayings the text does not date."""
    dated_by_speaker: dict[str, list[_Saying]] = {}
    for saying in sayings:
        if saying.dated and saying.date:
            dated_by_speaker.setdefault(saying.speaker, []).append(saying)
    for saying in sayings:
        if saying.dated:
            continue
        same = sorted(dated_by_speaker.get(saying.speaker, []), key=lambda d: d.sent_index)
        before = [d for d in same if 0 <= saying.sent_index - d.sent_index <= _CONTINUES_BACK]
        after = [d for d in same if 0 < d.sent_index - saying.sent_index <= _CONTINUES_AHEAD]
        summary = saying.anchor.idx < headline_end or saying.sent_index == lede_index
        if before or after:
            saying.date = before[-1].date if before else after[0].date
            dated_by_speaker[saying.speaker].append(saying)  # "..., he said. He added ..." chains on
        elif summary and same:
            saying.date = same[0].date
        elif saying.present or not analysis:
            saying.date = published


def find_statements(doc: Doc, resolved: Resolved, document: Document) -> list[Statement]:
    quotes = find_quotes(doc)
    default_outlet = document_outlet(document, resolved)
    published = document.published
    sent_index = {sent.start: k for k, sent in enumerate(doc.sents)}
    sayings: list[_Saying] = []
    seen: set[tuple[str, int]] = set()

    def add(speaker: str, anchor: Token, verb: Token | None, present: bool) -> None:
        if (speaker, anchor.sent.start) in seen:
            return
        seen.add((speaker, anchor.sent.start))
        date, dated = _dating(anchor, quotes, published)
        sayings.append(_Saying(speaker, anchor, verb, sent_index[anchor.sent.start], date, dated, present))

    for token in doc:
        if inside_quote(token, quotes) or not is_saying_verb(token, quotes) or is_negated(token):
            continue
        speaker = speaker_of(token, resolved)
        if speaker:
            add(speaker, token, token, _is_present(token))
    for sent in doc.sents:
        for token, speaker in according_to(sent, resolved):
            if speaker and not inside_quote(token, quotes):
                # Dated by its own phrase ("according to a statement on November 24th"), not by
                # the clause it hangs from, which is what was said.
                add(speaker, token, token.head if token.head.pos_ in {"VERB", "AUX"} else None, True)

    headline_end = doc.text.find("\n")
    headline_end = headline_end if 0 < headline_end < _HEADLINE_MAX_CHARS else 0
    lede_index = next((k for k, sent in enumerate(doc.sents) if sent.start_char >= headline_end), -1)
    sayings.sort(key=lambda s: s.anchor.idx)
    _date_undated(sayings, headline_end, lede_index, published, _is_analysis(document))

    statements = []
    for saying in sayings:
        sent = saying.anchor.sent
        quote = _nearest_quote(saying.anchor, quotes)
        text = quote.text if quote else (_paraphrase(saying.verb) if saying.verb is not None else sent.text.strip())
        statements.append(Statement(
            speaker=saying.speaker, date=saying.date, text=text, direct=quote is not None,
            via=outlet_in(sent, resolved) or (default_outlet if default_outlet != saying.speaker else None),
            evidence=[evidence_of(sent)],
        ))
    return statements
