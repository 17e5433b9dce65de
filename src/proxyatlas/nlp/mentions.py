"""Mentions: every span of a Doc that names a person, organization, country or place.

The registry gazetteer goes first (known actors, demonyms, surnames; a capital used as an actor
is its country; datelines are skipped); names spelled out before a bracketed acronym come
next; spaCy's statistical NER adds what the registry lacks. Titles and determiners are stripped
from NER names, pieces of one person's name are joined, and an NER label that the name's words
or context contradict is corrected (a "Corps" tagged PERSON, "spokeswoman X" tagged ORG, "the X
district" tagged PERSON); a name keeps one type through the document. Capitalised words after a
title or before a place noun are names even where the NER missed them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Doc, Span

from ..lexicon import load_lexicon, word_set
from ..normalize import words
from ..registry import Registry
from .gazetteer import Match, gazetteer_for

_NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@cache
def _cues(lexicon: str, key: str) -> frozenset[str]:
    """A cue list as a set, built once (mentions are found token by token)."""
    return word_set(lexicon, key)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of every title ("Maj.", "Gen.", "Minister")."""
    return frozenset(w for title in _cues("titles", "titles") for w in title.split())


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    type: str
    origin: str  # registry | demonym | surname | ner
    actor_id: str | None = None
    name: str = ""  # the name as written, titles stripped
    cued: bool = False  # the type comes from the context (a title, a role, "the town of"), not the NER label

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
        # A two-word cue outranks its last word: a "Wire Service" is media, not a state service.
        for cue in ([f"{ws[i - 1]} {ws[i]}"] if i > 0 else []) + [ws[i]]:
            for category, cue_words in cues.items():
                if cue in cue_words:
                    return category
    return "other"


def _looks_like_org(name: str) -> bool:
    return category_from_cues(name) != "other"


def _from_gazetteer(doc: Doc, registry: Registry, matches: list[Match]) -> list[Mention]:
    out = []
    for m in matches:
        actor = registry.actors[m.entry.actor_id]
        span = doc[m.start : m.end]
        if actor.type in {"place", "country"} and _in_dateline(span):
            continue
        if actor.capital_of and _capital_as_actor(span):
            actor = registry.actors[actor.capital_of]
        origin = "registry" if m.entry.kind == "name" else m.entry.kind
        out.append(Mention(m.start, m.end, actor.type, origin, actor.id, span.text))
    return out


def _in_dateline(span: Span) -> bool:
    """"BAGHDAD, Dec 30 (Wire) -", "NEW DELHI/ISLAMABAD, Feb 26": the capitalised place a news
    line opens with says where it was filed, not what it is about."""
    doc = span.doc
    if not span.text.isupper():
        return False
    line_start = span.start
    while line_start > 0 and "\n" not in doc[line_start - 1].text_with_ws:
        line_start -= 1
    opening = doc[line_start : span.end]
    if not all(t.text.isupper() or t.text == "/" for t in opening if not t.is_space):
        return False
    end = span.end
    while end < len(doc) and (doc[end].text.isupper() and doc[end].is_alpha or doc[end].text == "/"):
        end += 1
    return end < len(doc) and doc[end].text in {",", "(", "—", "–", "-"}


def _capital_as_actor(span: Span) -> bool:
    """A capital that stands for its state: "brokered by Washington", "agreed with Addis Ababa",
    "aid from Tehran", "ties to Tehran", "Asmara and Addis Ababa denied", "the Damascus deal",
    "Tehran-backed"; not "flew to Damascus", "north of Moscow", "killed in Tehran"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text in {"-", "‐"} and doc[span.end + 1].tag_ in {"VBN", "VBD"}:
        return True
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "Asmara and Addis Ababa denied": each conjunct has the first one's role
    if head.dep_ in {"nsubj", "nsubjpass", "poss", "agent", "csubj"}:
        return True
    place_verbs = _cues("metonyms", "place_verbs")
    if head.dep_ in {"dobj", "dative"}:
        return head.head.lemma_.lower() not in place_verbs
    if head.dep_ == "compound":
        return head.head.lemma_.lower() in _cues("metonyms", "actor_heads")
    if head.dep_ != "pobj":
        return False
    preposition = head.head
    governor = preposition.head
    if preposition.dep_ == "agent":
        return True  # "brokered by Washington"
    if preposition.lower_ not in _cues("metonyms", "actor_prepositions"):
        return False
    if governor.lemma_.lower() in place_verbs or governor.lower_ in _cues("metonyms", "place_governors"):
        return False
    return preposition.lower_ != "of" or governor.pos_ in {"VERB", "AUX"}


def _named_as_place(span: Span) -> bool:
    """"the central town of Moura": a name introduced by a place noun and "of" is a place."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" \
        and doc[span.start - 2].lower_ in _cues("organizations", "place_nouns")


def _described_as_person(span: Span) -> bool:
    """"Karim Nazary, a spokesman for ...": a name in apposition to a person's role is a person,
    whatever label the NER gave it."""
    doc = span.doc
    person_roles = _person_roles()
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
    if sent.start != 0:
        return False
    content = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(content) >= 3 and sum(t.text[:1].isupper() for t in content) >= 0.8 * len(content)


def _from_ner(doc: Doc, taken: list[bool]) -> list[Mention]:
    title_words = _title_words()
    not_names = _cues("organizations", "not_names") | title_words
    not_actor_words = _cues("organizations", "not_actor_words")
    out = []
    for ent in doc.ents:
        etype = _NER_TYPES.get(ent.label_)
        if etype is None:
            continue
        stripped = strip_titles(ent)
        if ent.label_ == "PERSON":
            stripped = _whole_person_name(_with_title_for_one_word(ent, stripped), taken)
        span = _after_known_possessor(_before_bracket(stripped), taken)
        if not len(span) or span.text.lower() in not_names \
                or not (span.text[:1].isupper() or _ORDINAL.match(span[0].text) and len(span) > 1):
            continue
        span = _with_ordinal(span)
        if all(t.lower_ in title_words for t in span):
            continue  # a bare title such as "Rear Adm." names no one
        if any(t.lower_ in not_actor_words and t.text[:1].isupper() for t in span):
            continue  # "Operation Olive Branch", "Security Council Resolution 1701"
        span, etype, cued = _typed_by_context(span, etype, ent.label_, titled=_lost_a_title(ent, stripped))
        if span[-1].text[:1].islower() and span[-1].is_alpha and not cued:
            continue  # names end in a name, not in "Tuareg-led" or "Hezbollah-backed"
        if _in_headline(span) and not cued or etype == "place" and _in_dateline(span):
            continue
        if all(t.is_stop or t.like_num or t.is_punct for t in span):
            continue
        if len(span) == 1 and span[0].pos_ == "NOUN" and span.start == span.sent.start:
            continue  # a common noun capitalised to open a sentence ("Warplanes hit ...")
        covered = [taken[i] for i in range(span.start, span.end)]
        if any(covered):
            continue
        out.append(Mention(span.start, span.end, etype, "ner", None, span.text, cued))
    return out


def _with_title_for_one_word(ent: Span, stripped: Span) -> Span:
    """"Mullah Fazlullah", "Sheikh Hamdan": a one-word name keeps the title it is known by."""
    if len(stripped) == 1 and stripped.start > ent.start and ent.doc[stripped.start - 1].lower_ not in _DETERMINERS:
        return ent.doc[stripped.start - 1 : stripped.end]
    return stripped


def _whole_person_name(span: Span, taken: list[bool]) -> Span:
    """"Khalid Kadhim | Jasim al-Skeni", "Shah Mahmood | Qureshi": the NER cuts long names into
    pieces; capitalised proper nouns right next to a person's name belong to it."""
    doc = span.doc
    title_words = _title_words()

    def name_part(i: int) -> bool:
        token = doc[i]
        after = doc[i + 1] if i + 1 < len(doc) else None
        glue = after is not None and (
            token.lower_ in {"al", "el", "bin", "ibn"} and (after.text == "-" or after.text[:1].isupper())
            or token.text == "-" and not token.whitespace_ and after.text[:1].isupper())  # "Abdul-Malik"
        return not taken[i] and token.ent_type_ in {"", "PERSON", "GPE", "LOC", "ORG", "FAC"} and (
            glue or token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
            and token.lower_ not in title_words)

    start, end = span.start, span.end
    while end < len(doc) and end - start < 6 and name_part(end) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    while doc[end - 1].lower_ in {"al", "el", "bin", "ibn", "-"}:
        end -= 1
    while start > 0 and end - start < 6 and name_part(start - 1):
        if doc[start - 1].is_sent_start and doc[start - 1].lower_ not in _cues("given_names", "given_names"):
            break  # a capitalised word opening a sentence joins the name only if it is a first name
        start -= 1
    return doc[start:end]


def _with_ordinal(span: Span) -> Span:
    """"the 53rd Anti-Aircraft Missile Brigade", "1st Army Corps": the NER leaves a unit's number
    out of its name."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    if previous is not None and _ORDINAL.match(previous.text) and _looks_like_org(span.text):
        return doc[span.start - 1 : span.end]
    return span


def _before_bracket(span: Span) -> Span:
    """"Luhansk People's Republic (LPR": the NER sometimes runs into the bracketed acronym."""
    for token in span:
        if token.text == "(":
            return span.doc[span.start : token.i]
    return span


def _after_known_possessor(span: Span, taken: list[bool]) -> Span:
    """"Paktika's Barmal": a possessor already found as a name of its own is not part of the name
    that follows it (but "People's Council" is one name)."""
    for token in reversed(span[:-1]):
        if token.lower_ in {"'s", "’s"} and token.i > span.start and taken[token.i - 1]:
            return span.doc[token.i + 1 : span.end]
    return span


def _lost_a_title(ent: Span, span: Span) -> bool:
    """"Lieutenant General Alexus Grynkewich": stripping removed a title, not just "the"."""
    return any(t.lower_ not in _DETERMINERS for t in ent.doc[ent.start : span.start])


@lru_cache(maxsize=1)
def _person_roles() -> frozenset[str]:
    roles = load_lexicon("relations")["role_nouns"]
    return frozenset(w for words_ in roles.values() for w in words_)


def _typed_by_context(span: Span, etype: str, label: str, titled: bool) -> tuple[Span, str, bool]:
    """The type of an NER name where its words or its context say it, with whether they did: a
    place after "the town of", before "district" or opening with "Tal"/"Ras"; an organization by
    its head noun or a following "group"; a person after a title or a role ("spokeswoman Yolande
    Makolo", "Karim Nazary, a spokesman"); a place where a person-labelled name is where
    something happened ("killed in Mir Ali")."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    place_nouns = _cues("organizations", "place_nouns")
    if span[-1].lower_ in place_nouns and span[-1].is_lower and len(span) > 1:
        return span[:-1], "place", True  # "Khost province": the name is "Khost"
    if following is not None and following.lower_ in place_nouns and following.is_lower:
        return span, "place", True  # "the Haret Hreik district"
    if _named_as_place(span) or len(span) > 1 and span[0].lower_ in _cues("organizations", "toponym_prefixes"):
        return span, "place", True
    if following is not None and following.is_lower and following.lower_ in _cues("organizations", "group_nouns"):
        return doc[span.start : span.end + 1], "organization", True  # "the Hafiz Gul Bahadur group"
    if _looks_like_org(span.text) and len(span) > 1:
        return span, "organization", etype != "organization"
    if titled or _after_person_role(span) or _described_as_person(span):
        return span, "person", True
    if label != "PERSON" and 2 <= len(span) <= 4 and span[0].lower_ in _cues("given_names", "given_names"):
        return span, "person", True  # "Oleg Pulatov" tagged ORG, "Talal Hamiyah" tagged FAC
    if label == "PERSON" and _where_something_happened(span):
        return span, "place", True
    if label == "PERSON" and _named_as_a_group(span):
        return span, "organization", True
    return span, etype, False


def _named_as_a_group(span: Span) -> bool:
    """"Ahrar al-Sharqiya fighters", "the leader of Ahrar al-Sharqiya": a name whose members are
    counted or that someone leads is an organization, whatever label the NER gave it."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.is_lower and following.lemma_ in _cues("organizations", "member_nouns"):
        return True
    head = span.root
    return head.dep_ == "pobj" and head.head.lower_ in {"of", "for"} \
        and head.head.head.lemma_.lower() in load_lexicon("relations")["role_nouns"]["leads"]


def _after_person_role(span: Span) -> bool:
    """"government spokeswoman Yolande Makolo": a name right after a person's role noun."""
    previous = span.doc[span.start - 1] if span.start > 0 else None
    return previous is not None and previous.is_lower and previous.lemma_.lower() in _person_roles() \
        and len(span) >= 2


def _where_something_happened(span: Span) -> bool:
    """"was killed in Mir Ali", "an army post in Mir Ali": a person-labelled name after a locative
    preposition is a place."""
    head = span.root
    preposition = head.head
    return head.dep_ == "pobj" and preposition.lower_ in _cues("organizations", "locative_prepositions")


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
        if all(t.lower_ in _cues("metonyms", "actor_heads") or t.is_stop for t in extra):
            continue  # "the Government of Pakistan" is Pakistan
        if covered < len(span) and extra and all(t.text[:1].isupper() or t.is_stop for t in extra) \
                and registry.lookup(span.text) is None and any(t.text[:1].isupper() for t in extra):
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
            out.append(Mention(start, end, "person", "ner", None, doc[start:end].text, True))
            for k in range(start, end):
                taken[k] = True
        i = max(end, i + 1)
    return out


def _given_name_runs(doc: Doc, taken: list[bool]) -> list[Mention]:
    """"Arsen Pavlov, a commander of ...": a common given name followed by capitalised proper
    nouns is a person's name, even when the NER missed it."""
    given_names = _cues("given_names", "given_names")
    out = []
    for token in doc:
        if taken[token.i] or token.lower_ not in given_names or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        name = _whole_person_name(doc[token.i : token.i + 1], taken)
        if len(name) >= 2 and name.start == token.i:
            out.append(Mention(name.start, name.end, "person", "ner", None, name.text))
            for k in range(name.start, name.end):
                taken[k] = True
    return out


def _named_before_place_noun(doc: Doc, taken: list[bool]) -> list[Mention]:
    """"the Qarat Zibl district", "in Barmal district": capitalised proper nouns right before a
    lower-case place noun name a place, even when the NER missed them."""
    place_nouns = _cues("organizations", "place_nouns")
    not_names = _cues("organizations", "not_names")  # "the Druze town of ..." names a people
    out = []
    for token in doc:
        if not (token.is_lower and token.lower_ in place_nouns) or token.i == 0:
            continue
        start = token.i
        while start > 0 and token.i - start < 4 and not taken[start - 1] and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
            start -= 1
        name = doc[start : token.i]
        if start < token.i and start != doc[start].sent.start and name.text.lower() not in not_names:
            out.append(Mention(start, token.i, "place", "ner", None, doc[start : token.i].text, True))
            for k in range(start, token.i):
                taken[k] = True
    return out


def _defined_acronyms(doc: Doc, known: list[Mention]) -> list[Mention]:
    """"the Northern Valley Defence Brigade (NVDB)": capitalised words whose initials spell the
    bracketed acronym after them are an organisation's name, even when the NER missed or split it
    ("Syria Justice and Accountability Centre (SJAC)" is one name, not Syria and a centre)."""
    places = {i for m in known if m.type in {"country", "place"} for i in range(m.start, m.end)}
    other_known = {i for m in known for i in range(m.start, m.end)} - places
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
        inside = set(range(start, i))
        if initials == acronym and not other_known & inside and not inside <= places:
            out.append(Mention(start, i, "organization", "ner", None, doc[start:i].text, True))
    return out


_NAME_LINKS = {"of", "on", "for"}
_NOT_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _institution_names(doc: Doc, known: list[Mention]) -> list[Mention]:
    """"the UN Panel of Experts on Libya", "the Special Court for Sierra Leone": a body named by a
    capitalised head ("Panel", "Court") with "of"/"on"/"for" and more capitalised words is one
    organization; the country or the UN inside its name are not mentions of their own (the
    longest name wins)."""
    cover = {k: m for m in known for k in range(m.start, m.end)}  # token -> the mention over it

    def capitalised(i: int) -> bool:
        token = doc[i]
        return token.text[:1].isupper() and not token.is_sent_start and token.ent_type_ not in _NOT_NAME_ENTS \
            and "\n" not in token.whitespace_ or token.text in {"-", "‐"} or token.text in {"U.N.", "UN"}

    out = []
    i = 0
    while i < len(doc):
        if doc[i].lower_ not in _NAME_LINKS or i == 0 or not doc[i - 1].text[:1].isupper():
            i += 1
            continue
        head_start = i
        while head_start > 0 and i - head_start < 6 and capitalised(head_start - 1):
            head_start -= 1
        end = i
        while end < len(doc) and end - head_start < 14:
            k = end + 1
            if k < len(doc) and doc[k].lower_ == "the" and doc[end].lower_ != "and":
                k += 1  # "on the Democratic Republic of the Congo"; "X and the Y" are two names
            if not (doc[end].lower_ in _NAME_LINKS | {"and"} and k < len(doc) and capitalised(k)):
                break
            end = k
            while end < len(doc) and capitalised(end):
                end += 1
        if head_start > 0 and _ORDINAL.match(doc[head_start - 1].text):
            head_start -= 1  # "the 8th Combined Arms Army of ..."
        head = doc[head_start:i]
        named = len(head) > 0 and (_looks_like_org(head.text)
                                   or head[-1].lower_ in _cues("organizations", "institution_nouns"))
        possessor = end < len(doc) and doc[end].lower_ in {"'s", "’s"}  # "of Russia's Southern District"
        if end > i + 1 and named and not possessor and head[-1].lower_ not in _cues("metonyms", "actor_heads"):
            first, last = cover.get(head_start), cover.get(end - 1)
            straddled = first is not None and first.start < head_start or last is not None and last.end > end
            inside = {id(cover[k]): cover[k] for k in range(head_start, end) if k in cover}.values()
            if not straddled and all(m.type in {"country", "place"} or m.actor_id == "united-nations"
                                     for m in inside):
                out.append(Mention(head_start, end, "organization", "ner", None, doc[head_start:end].text, True))
        i = max(end, i + 1)
    return out


def _one_type_per_name(mentions: list[Mention]) -> None:
    """One name keeps one type through a document ("Tal Rifaat" is a town in every sentence if
    one sentence calls it "the town of Tal Rifaat"): the type its contexts give, else the
    commonest NER label, else the first."""
    by_name: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions:
        if m.actor_id is None:
            by_name.setdefault(tuple(words(m.name)), []).append(m)
    for group in by_name.values():
        voters = [m for m in group if m.cued] or group
        votes = Counter(m.type for m in voters).most_common()
        if len(votes) > 1 and votes[0][1] == votes[1][1]:
            # A tie: names set in capitals (list headings) fool the NER most; then the first wins.
            voters = [m for m in voters if not m.name.isupper()] or voters
            votes = Counter(m.type for m in voters).most_common()
        chosen = votes[0][0] if len(votes) == 1 or votes[0][1] > votes[1][1] else voters[0].type
        for m in group:
            m.type = chosen


def _without(mentions: list[Mention], spans: list[Mention]) -> list[Mention]:
    """Mentions that overlap none of `spans`."""
    covered = {i for m in spans for i in range(m.start, m.end)}
    return [m for m in mentions if not covered & set(range(m.start, m.end))]


def find_mentions(doc: Doc, registry: Registry) -> list[Mention]:
    known = _from_gazetteer(doc, registry, gazetteer_for(registry).find(doc))
    known = _ner_overrides(doc, registry, known)
    acronyms = _defined_acronyms(doc, known)
    known = _without(known, acronyms) + acronyms
    institutions = _institution_names(doc, known)
    known = _without(known, institutions) + institutions
    taken = [False] * len(doc)
    for m in known:
        for i in range(m.start, m.end):
            taken[i] = True
    from_ner = _from_ner(doc, taken)
    for m in from_ner:
        for i in range(m.start, m.end):
            taken[i] = True
    titled = _titled_names(doc, taken)
    mentions = known + from_ner + titled + _named_before_place_noun(doc, taken) + _given_name_runs(doc, taken)
    _one_type_per_name(mentions)
    return sorted(mentions, key=lambda m: m.start)
