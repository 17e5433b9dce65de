"""Mentions: every span of a Doc that names a person, organization, country or place.

The registry gazetteer goes first (known actors, demonyms, surnames); spaCy's statistical
NER adds what the registry lacks. Titles and determiners are stripped from NER names, and an
NER label that contradicts the name's head word (a "Corps" tagged PERSON) is corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..lexicon import load_lexicon, word_set
from ..normalize import words
from ..registry import Registry
from .gazetteer import Match, gazetteer_for

_NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    type: str
    origin: str  # registry | demonym | surname | ner
    actor_id: str | None = None
    name: str = ""  # the name as written, titles stripped

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Title word sequences indexed by their first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for title in {tuple(t.lower().split()) for t in load_lexicon("titles")["titles"]}:
        table.setdefault(title[0], []).append(title)
    for titles in table.values():
        titles.sort(key=len, reverse=True)
    return table


def _title_at(doc: Doc, i: int, end: int) -> int:
    """Length in tokens of the longest title starting at token i and ending before `end`, or 0."""
    for title in _titles_by_first_word().get(doc[i].lower_, ()):
        n = len(title)
        if i + n <= end and tuple(t.lower_ for t in doc[i : i + n]) == title:
            return n
    return 0


def strip_titles(span: Span) -> Span:
    """Drop leading determiners and titles ("the", "Maj. Gen.", "Crown Prince") from a span."""
    start, end = span.start, span.end
    doc = span.doc
    changed = True
    while changed and start < end:
        changed = False
        if doc[start].lower_ in _DETERMINERS:
            start += 1
            changed = True
            continue
        n = _title_at(doc, start, end - 1)
        glued = n and start + n < end and doc[start + n].text in {"-", "‐"}  # "Sayyed-Mahmoud" is a name
        if n and not glued:
            start += n
            changed = True
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return doc[start:end]


def category_from_cues(name: str) -> str:
    """Category of an unknown organization from the last cue word of its name."""
    cues = load_lexicon("organizations")["category_cues"]
    ws = words(name)
    for i in range(len(ws) - 1, -1, -1):
        for category, cue_words in cues.items():
            if ws[i] in cue_words or (i > 0 and f"{ws[i - 1]} {ws[i]}" in cue_words):
                return category
    return "other"


def _looks_like_org(name: str) -> bool:
    return category_from_cues(name) != "other"


def _from_gazetteer(doc: Doc, registry: Registry, matches: list[Match]) -> list[Mention]:
    out = []
    for m in matches:
        actor = registry.actors[m.entry.actor_id]
        origin = "registry" if m.entry.kind == "name" else m.entry.kind
        out.append(Mention(m.start, m.end, actor.type, origin, actor.id, doc[m.start : m.end].text))
    return out


def _named_as_place(span: Span) -> bool:
    """"the central town of Moura": a name introduced by a place noun and "of" is a place."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" \
        and doc[span.start - 2].lower_ in word_set("organizations", "place_nouns")


def _described_as_person(span: Span) -> bool:
    """"Karim Nazary, a spokesman for ...": a name in apposition to a person's role is a person,
    whatever label the NER gave it."""
    doc = span.doc
    roles = load_lexicon("relations")["role_nouns"]
    person_roles = {w for words_ in roles.values() for w in words_}
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or not 2 <= len(span) <= 4:
        return False
    if _looks_like_org(span.text):
        return False
    for token in doc[span.end + 1 : min(len(doc), span.end + 6)]:
        if token.lemma_.lower() in person_roles:
            return True
        if token.pos_ not in {"DET", "ADJ", "PROPN", "NOUN"}:
            return False
    return False


def _in_headline(span: Span) -> bool:
    """Title Case lines (headlines) fool the statistical NER: every word looks like a name."""
    sent = span.sent
    content = [t for t in sent if t.is_alpha and not t.is_stop]
    if sent.start != 0:
        return False
    return len(content) >= 3 and sum(t.text[:1].isupper() for t in content) >= 0.8 * len(content)


def _from_ner(doc: Doc, taken: list[bool]) -> list[Mention]:
    title_words = {w for title in word_set("titles", "titles") for w in title.split()}
    not_names = word_set("organizations", "not_names") | title_words
    out = []
    for ent in doc.ents:
        etype = _NER_TYPES.get(ent.label_)
        if etype is None:
            continue
        span = strip_titles(ent)
        if not len(span) or not span.text[:1].isupper() or span.text.lower() in not_names:
            continue
        if all(t.lower_ in title_words for t in span):
            continue  # a bare title such as "Rear Adm." names no one
        if span[-1].text[:1].islower() and span[-1].is_alpha:
            continue  # names end in a name, not in "Tuareg-led" or "Hezbollah-backed"
        if _in_headline(span):
            continue
        if all(t.is_stop or t.like_num or t.is_punct for t in span):
            continue
        if etype != "organization" and _looks_like_org(span.text) and len(span) > 1:
            etype = "organization"
        elif etype == "organization" and _described_as_person(span):
            etype = "person"
        elif _named_as_place(span):
            etype = "place"
        covered = [taken[i] for i in range(span.start, span.end)]
        if any(covered):
            continue
        out.append(Mention(span.start, span.end, etype, "ner", None, span.text))
    return out


def _ner_overrides(doc: Doc, registry: Registry, found: list[Mention]) -> list[Mention]:
    """An NER organization that extends a country or demonym ("Iran News Update", "Iraqi Security
    Forces") is one name, not a country mention; an NER person that extends a town's name
    ("Husayn al-Khalil" is no Hebron) is one person."""
    drop: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "FAC", "PERSON"}:
            continue
        span = strip_titles(ent)
        inside = [i for i, m in enumerate(found) if m.start >= span.start and m.end <= span.end]
        kinds = {"country", "place"} if ent.label_ != "PERSON" else {"place"}
        if not inside or any(found[i].type not in kinds for i in inside):
            continue
        covered = sum(found[i].end - found[i].start for i in inside)
        extra = [t for t in span if not t.is_punct and t.i not in
                 {k for i in inside for k in range(found[i].start, found[i].end)}]
        if covered < len(span) and extra and all(t.text[:1].isupper() or t.is_stop for t in extra):
            if registry.lookup(span.text) is None and any(t.text[:1].isupper() for t in extra):
                drop.update(inside)
    return [m for i, m in enumerate(found) if i not in drop]


def _titled_names(doc: Doc, taken: list[bool]) -> list[Mention]:
    """"Colonel Ahmed Karimi", "Sheikh Akram al-Kaabi": capitalised words after a title are a
    person's name even when the statistical NER missed them."""
    out = []
    i = 0
    while i < len(doc):
        n = _title_at(doc, i, len(doc)) if doc[i].text[:1].isupper() else 0
        if not n:
            i += 1
            continue
        start = end = i + n
        while end < len(doc) and end - start < 4 and not taken[end] and (
                doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
                or doc[end].text in {"-", "‐"} or doc[end].lower_ in {"al", "bin", "ibn", "abu"}):
            end += 1
        while end > start and (doc[end - 1].text in {"-", "‐"} or doc[end - 1].lower_ in {"al", "bin", "ibn"}):
            end -= 1
        if end - start >= 2 and not any(taken[start:end]):
            out.append(Mention(start, end, "person", "ner", None, doc[start:end].text))
            for k in range(start, end):
                taken[k] = True
        i = max(end, i + 1)
    return out


def _defined_acronyms(doc: Doc, taken: list[bool]) -> list[Mention]:
    """"the Northern Valley Defence Brigade (NVDB)": capitalised words whose initials spell the
    bracketed acronym after them are an organisation's name, even when the NER missed it."""
    out = []
    for i, token in enumerate(doc):
        if token.text != "(" or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not (acronym.isalpha() and acronym.isupper() and 2 <= len(acronym) <= 6):
            continue
        start, initials = i, ""
        while start > 0 and len(initials) < len(acronym):
            prev = doc[start - 1]
            if prev.text[:1].isupper() and prev.is_alpha:
                initials = prev.text[0] + initials
            elif prev.lower_ not in {"of", "for", "and", "the", "al", "-"}:
                break
            start -= 1
        if initials == acronym and not any(taken[start:i]):
            out.append(Mention(start, i, "organization", "ner", None, doc[start:i].text))
    return out


def find_mentions(doc: Doc, registry: Registry) -> list[Mention]:
    known = _from_gazetteer(doc, registry, gazetteer_for(registry).find(doc))
    known = _ner_overrides(doc, registry, known)
    taken = [False] * len(doc)
    for m in known:
        for i in range(m.start, m.end):
            taken[i] = True
    from_ner = _from_ner(doc, taken)
    for m in from_ner:
        for i in range(m.start, m.end):
            taken[i] = True
    titled = _titled_names(doc, taken)
    mentions = known + from_ner + titled + _defined_acronyms(doc, taken)
    return sorted(mentions, key=lambda m: m.start)
