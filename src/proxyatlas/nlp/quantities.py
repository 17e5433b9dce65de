"""Quantities: numeric claims about an actor ("Hezbollah has 30,000 fighters"), SPEC.md "Quantities".

A number is read from its tokens (digits, number words, "two dozen", "$700 million", ranges such
as "5,000–7,000" or "between 5,000 and 7,000"), counts the noun it modifies (the unit), and is
about one actor, the subject:

1. the actor named inside the counted phrase: "30,000 Hezbollah fighters", "Hezbollah's 30,000
   fighters", "3 US soldiers", "200 members of the IRGC", "three Americans", "an eight-member
   council";
2. else the clause around it: the subject of the verb whose object holds the number ("the
   Iranians have access to around 200,000 armed militiamen" -> Iran), the agent of a passive
   one, the group a membership verb names ("5,000 fighters joined Hezbollah"), the subject a
   verb of change brings to a level ("Hezbollah's units peaked at 5,000").
   - Loss verbs ("killed", "destroyed") give no subject: a casualty count is about the side
     that suffered, which only the counted phrase names; victims who are no side and things
     struck are the agent's ("the group killed 849 civilians", "struck 60 targets").
   - Transfer verbs ("gives", "pays") give the giver: "Iran gives Hezbollah $700 million a
     year" is Iran's money.
   - Estimates ("puts its strength at 14,000 men") are about what is estimated, never about
     the estimator; money offered "for information on X" is about X.
3. a number that leaves its unit unsaid ("350,000 fighters, up from 30,000", "lost 11,000 of
   them") continues the last quantity of its sentence.
No subject entity, no quantity. Only counts of people under arms, casualties, weapons,
formations and money are claims (the unit lexicon); years, dates, percentages, ordinals, ages,
durations, plural scales ("thousands") and numbers after a name ("Unit 400") are not.

`attributed_to` comes from hedges.hedge_for; a negated number ("does not have 30,000
fighters") is not a claim of that number and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..lexicon import load_lexicon
from ..model import Quantity, Statement
from .attribution import Quote, pronoun_antecedent, saying_hedge
from .dates import normalize_date
from .hedges import hedge_for
from .phrases import PhraseContext, has_cue, named_by
from .resolve import Resolved
from .statements import clause_date, date_right_after, evidence_of

_SUBJECT_TYPES = {"organization", "country", "person"}
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(rf"^(?:{_DIGITS})$")
_RANGE = re.compile(rf"^({_DIGITS})\s*[–—-]\s*({_DIGITS})$")
# spaCy's QUANTITY also covers counts ("between 7,000 and 12,000 fighters"); not_units filters measures.
_NOT_NUMBER_ENTS = {"DATE", "TIME", "PERCENT", "ORDINAL"}
_OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "appos"}
_RELATIVE = {"which", "that", "who", "whom"}
_ANAPHORIC_DETS = {"the", "these", "those", "both"}
_OWNER_DEPS = {"compound", "amod", "poss", "nmod"}
# "peaked at 5,000", "rose to", "stood above 1,100": how a verb of change reaches its level.
_LEVEL_PREPOSITIONS = {None, "at", "to", "from", "above", "below", "over", "under", "near"}


@dataclass
class _Number:
    start: int  # token index of the first number token
    end: int  # exclusive, after the last number token (range included)
    value: float
    value_max: float | None
    currency: str | None
    top: Token  # the number token the rest of the phrase hangs from


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    return load_lexicon("quantities")


def _word_set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _cues()[key])


# --- reading numbers -------------------------------------------------------------------------

def _is_number_word(token: Token, first: bool) -> bool:
    word = token.lower_
    if _NUMBER.match(token.text) or word in _cues()["small_numbers"]:
        return True
    if word in _cues()["multipliers"]:
        return not first or word in {"dozen", "hundred", "thousand", "million", "billion"}
    return False


def _run_end(doc: Doc, start: int) -> int:
    """End of the number words from `start`: "1.5 billion", "two dozen", "twenty - five"."""
    end = start
    while end < len(doc):
        token = doc[end]
        if _is_number_word(token, end == start):
            end += 1
        elif token.text in {"-", "‐"} and end > start and end + 1 < len(doc) \
                and doc[end + 1].lower_ in _cues()["small_numbers"]:
            end += 1
        else:
            break
    return end


def _value(tokens: list[Token]) -> float | None:
    """The number some words say: "200,000", "1.5 billion", "two dozen", "a dozen"."""
    small, mult = _cues()["small_numbers"], _cues()["multipliers"]
    total, current, seen = 0.0, 0.0, False
    for token in tokens:
        word = token.lower_
        if _NUMBER.match(token.text):
            current += float(token.text.replace(",", ""))
        elif word in small:
            current += small[word]
        elif word in mult:
            factor = mult[word]
            current = (current or 1.0) * factor
            if factor >= 1000:
                total, current = total + current, 0.0
        else:
            continue
        seen = True
    return total + current if seen else None


def _has_multiplier(tokens: list[Token]) -> bool:
    return any(t.lower_ in _cues()["multipliers"] for t in tokens)


def _read_number(doc: Doc, i: int) -> _Number | None:
    """The number (or range) that starts at token i, if one does."""
    token = doc[i]
    single = _RANGE.match(token.text)
    if single:
        low, high = (float(g.replace(",", "")) for g in single.groups())
        return _Number(i, i + 1, low, high, None, token)
    start = i
    if token.lower_ in {"a", "an"} and i + 1 < len(doc) and doc[i + 1].lower_ in {"dozen", "hundred", "thousand"}:
        i += 1
    elif not _is_number_word(token, True):
        return None
    end = _run_end(doc, i)
    if end == i:
        return None
    words = list(doc[start:end])
    value = _value(words)
    if value is None:
        return None
    number = _Number(start, end, value, None, None, _run_top(doc[start:end]))
    _read_range(doc, number, words)
    return number


def _run_top(span: Span) -> Token:
    """The token of a number phrase whose head lies outside it."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return outside[-1] if outside else span[-1]


def _read_range(doc: Doc, number: _Number, words: list[Token]) -> None:
    """Extend a number into a range: "5,000 - 7,000", "5,000 to 7,000", "between 5,000 and 7,000",
    "26 or 27 members" (the sources differ by a little)."""
    j = number.end
    if j + 1 >= len(doc):
        return
    joiner = doc[j].lower_
    opener = doc[number.start - 1] if number.start > 0 else None
    between = opener is not None and opener.lower_ in {"between", "from"}
    if joiner not in {"to", "–", "—", "-", "or"} and not (joiner == "and" and between):
        return
    if joiner == "to" and not between and opener is not None and opener.lower_ == "up":
        return
    if opener is not None and opener.lower_ == "from" and opener.head.lemma_.lower() in _word_set("change_verbs"):
        return  # "grew from 170,000 to 204,000": two values, not a range
    # "$100 million to $150 million", "from about 3,000 to as many as 10,000"
    upper_start = j + 1
    while upper_start < min(j + 4, len(doc)) and (doc[upper_start].text in _cues()["currency_symbols"]
                                                  or doc[upper_start].lower_ in _word_set("range_fillers")):
        upper_start += 1
    end = _run_end(doc, upper_start)
    if end == upper_start:
        return
    upper = list(doc[upper_start : end])
    high = _value(upper)
    if high is None:
        return
    low = number.value
    if _has_multiplier(upper) and not _has_multiplier(words):  # "5 to 7 million"
        low *= max(_cues()["multipliers"][t.lower_] for t in upper if t.lower_ in _cues()["multipliers"])
    if high <= low:
        return
    number.value, number.value_max, number.end = low, high, end
    number.top = _run_top(doc[number.start : end])


def _currency(doc: Doc, number: _Number) -> str | None:
    before = doc[number.start - 1] if number.start > 0 else None
    if before is not None and before.text in _cues()["currency_symbols"]:
        return _cues()["currency_symbols"][before.text]
    return None


def _approximate(doc: Doc, number: _Number) -> bool:
    start = number.start
    if start > 0 and doc[start - 1].text in _cues()["currency_symbols"]:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in {"between", "from"}:
        start -= 1
    before = _word_set("approximate_before")
    for k in range(1, 5):
        if start - k >= 0 and " ".join(t.lower_ for t in doc[start - k : start]) in before:
            return True
    after = _word_set("approximate_after")
    following = [t.lower_ for t in doc[number.end : number.end + 2]]
    return any(" ".join(following[:k]) in after for k in (1, 2)) or (
        bool(following) and following[0].lstrip("-") in after)


# --- what is counted -------------------------------------------------------------------------

def _counted(number: _Number) -> Token | None:
    """The phrase head a number belongs to: the counted noun, or the number itself when it
    stands alone ("$700 million", "3,000 of its fighters"); None for a number after a name."""
    top = number.top
    head = top.head
    while head.dep_ == "compound" and head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head  # "six Kata'ib Hizballah affiliates": the number hangs on the name's first word
    if head.i != top.i and head.i >= number.end and head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return head
    if top.dep_ == "pobj" and head.lower_ == "between":
        # "between 800 and 1,200 Wagner personnel": the parser makes the counted noun a second object.
        noun = next((c for c in head.children if c.dep_ == "pobj" and c.i >= number.end and c.pos_ == "NOUN"), None)
        if noun is not None:
            return noun
    if head.i != top.i and head.i < number.start and head.pos_ in {"NOUN", "PROPN"} \
            and top.dep_ in {"nummod", "appos", "npadvmod", "compound"}:
        return None  # "Unit 400", "Tower 22": part of a name
    return top


def _noun_after_names(head: Token, resolved: Resolved) -> Token | None:
    """"500 Hamas and PIJ fighters": the parser hangs the number on the first name and coordinates
    the counted noun with it; that noun, when the number's head is an actor's name."""
    if head.pos_ != "PROPN" or _actor(head, resolved) is None:
        return None
    return next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                 and c.lemma_.lower() in _word_set("units")), None)


def _partitive(token: Token) -> Token | None:
    """"3,000 of its fighters": the noun after "of"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return pobj
    return None


def _unit(doc: Doc, number: _Number, head: Token, resolved: Resolved) -> str | None:
    """What is counted: a currency code, or the counted noun with its modifiers ("armed
    militiamen"), actors and determiners left out; None when it is not a claim's unit."""
    currency = number.currency
    noun = _noun_after_names(head, resolved) or (head if head.i >= number.end else _partitive(head))
    if noun is not None and noun.lower_ in _cues()["currency_words"]:
        return _cues()["currency_words"][noun.lower_]
    if currency:
        return currency
    if noun is None:
        return _level_unit(head)
    if _actor(noun, resolved) is not None and noun.pos_ in {"NOUN", "PROPN"} and noun.tag_ in {"NNS", "NNPS"}:
        return noun.text  # "three Americans"
    lemma = noun.lemma_.lower()
    if lemma in _word_set("not_units") or (lemma not in _word_set("units") and noun.lower_ not in _word_set("units")):
        return None
    span = doc[max(number.end, noun.left_edge.i) : noun.i + 1]
    kept = [t.i == noun.i or _unit_word(t, noun, resolved) for t in span]
    for k, token in enumerate(span):  # keep the hyphen of "full-time"
        if token.text in {"-", "‐"} and 0 < k < len(span) - 1 and kept[k - 1] and kept[k + 1]:
            kept[k] = True
    return "".join(t.text_with_ws for t, keep in zip(span, kept) if keep).strip()


def _level_unit(number_token: Token) -> str | None:
    """"Hezbollah's units peaked at 5,000": a level a verb of change reaches counts its subject."""
    verb, _, via, _ = _clause(number_token)
    if verb is None or verb.lemma_.lower() not in _word_set("change_verbs") or via not in _LEVEL_PREPOSITIONS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    compounds = [c.lower_ for c in subject.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return " ".join(compounds + [subject.lemma_.lower()])  # "death toll"


def _unit_word(token: Token, noun: Token, resolved: Resolved) -> bool:
    if token.dep_ in {"det", "poss", "case", "punct", "cc", "quantmod", "nummod", "advmod"}:
        return False
    if any(resolved.entity_at(t.i) for t in token.subtree):
        return False
    return noun in token.ancestors


# --- whom it is about ------------------------------------------------------------------------

def _actor(token: Token | None, resolved: Resolved) -> Token | None:
    """The token if it names an actor that can hold things."""
    if token is None:
        return None
    eid = resolved.entity_at(token.i)
    return token if eid and resolved.entities[eid].type in _SUBJECT_TYPES else None


def _located(noun: Token) -> bool:
    """A group noun whose country only says where it is ("Iraq's militias"), unlike a state agent
    noun whose country is its state ("Iranian troops"); phrases.named_by reads them the same way."""
    return has_cue("group_nouns", noun) and not has_cue("state_agent_nouns", noun)


def _owner(noun: Token, resolved: Resolved) -> Token | None:
    """The actor named inside a noun phrase: "Hezbollah fighters", "Iran's", "of the IRGC"."""
    found = _named_owner(noun, resolved)
    if found is not None and found.dep_ == "poss" and _located(noun) \
            and resolved.entities[resolved.entity_at(found.i)].type == "country":
        return None  # "Iraq's militias", but "US service members" are the state's
    return found


def _named_owner(noun: Token, resolved: Resolved) -> Token | None:
    for child in noun.children:
        # "Iran-aligned factions", "Turkish-backed militias": the backer does not own them.
        if child.dep_ in _OWNER_DEPS and not any(t.tag_ == "VBN" for t in child.subtree):
            found = _actor(child, resolved) or next(
                (t for t in child.subtree if _actor(t, resolved) and t.dep_ in _OWNER_DEPS | {"pobj"}), None)
            if found is not None:
                return found
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "under"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "fighters from Hezbollah", "50 men under Girkin", but not "the death toll from U.S. strikes"
            found = _actor(pobj, resolved) or (_owner(pobj, resolved) if prep.lower_ == "of" else None)
            if found is not None:
                return found
    return None


def _noun_actor(noun: Token, resolved: Resolved) -> Token | None:
    return _actor(noun, resolved) or _owner(noun, resolved)


def _subject_of(verb: Token, resolved: Resolved) -> Token | None:
    """The actor a verb's clause is about: its subject, the noun a relative clause hangs from,
    or the subject it shares with the verb it depends on. Whoever says, counts or blames does
    not hold the number ("the Pentagon counted 58 attacks")."""
    if saying_hedge(verb) is not None or verb.lemma_.lower() in _word_set("reporting_verbs"):
        return None
    current = verb
    for _ in range(4):
        if current.tag_ == "VBN" and current.dep_ not in {"relcl", "acl", "amod"}:
            # The parser may hang "the RSF, estimated to number ..." on the main verb, or make it the root.
            named = _named_before_comma(current, resolved)
            if named is not None:
                return named
        for child in current.children:
            if child.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                antecedent = _relative_antecedent(current)
                return _noun_actor(antecedent, resolved) if antecedent is not None else None
            if child.pos_ == "PRON":
                return None
            return _noun_actor(child, resolved)
        if current.dep_ == "acl":  # "the RSF, estimated to number 100,000 fighters"
            return _noun_actor(current.head, resolved)
        if current.dep_ not in {"xcomp", "conj", "advcl"} or current.head.i == current.i:
            return None
        current = current.head
    return None


def _relative_antecedent(relative_clause: Token) -> Token | None:
    """"the army and the RSF, which is estimated to ...": the parser hangs the clause on the first
    of coordinated nouns; a singular relative clause right after the last one is about that one,
    a plural one ("which have") about all of them, so about no single actor."""
    head = relative_clause.head
    last = next((c for c in reversed(list(head.children)) if c.dep_ == "conj" and c.i < relative_clause.i), None)
    if last is None or last.right_edge.i + 2 < relative_clause.left_edge.i:
        return head
    verbs = [relative_clause] + [c for c in relative_clause.children if c.dep_ in {"aux", "auxpass"}]
    return None if any(v.tag_ == "VBP" for v in verbs) else last


def _named_before_comma(participle: Token, resolved: Resolved) -> Token | None:
    """"clashes with the RSF, estimated to number 100,000 fighters": the actor whose name ends
    right before the comma that opens a participle clause."""
    start = participle.i
    while start > 0 and participle.doc[start - 1].dep_ == "advmod":  # "widely estimated"
        start -= 1
    if start < 2 or participle.doc[start - 1].text != ",":
        return None
    return _actor(participle.doc[start - 2], resolved)


def _clause(head: Token) -> tuple[Token | None, str, str | None, Token | None]:
    """(governing verb, role of the number there: object|subject|passive|noun, preposition
    through which it is reached, noun it attaches to when no verb)."""
    role_token, via = head, None
    # "18 drones, two cruise missiles and a ballistic missile": a listed count shares the first one's clause.
    while role_token.head.i != role_token.i and (role_token.dep_ == "conj" or role_token.dep_ == "appos" and any(
            c.dep_ == "nummod" for c in role_token.head.children)):
        role_token = role_token.head
    for _ in range(6):
        dep = role_token.dep_
        if dep == "pobj" and role_token.head.dep_ in {"prep", "agent", "dative"}:
            prep = role_token.head
            via = prep.lower_
            parent = prep.head
            while parent.dep_ == "prep" and parent.head.i != parent.i:  # "vary from 3,000 to 10,000 fighters"
                parent = parent.head
            if parent.pos_ in {"VERB", "AUX"}:
                return parent, "object", via, None
            if parent.pos_ in {"NOUN", "PROPN"} and via in {"with", "of"}:
                return None, "noun", via, parent  # "a militia with 30,000 fighters"
            if parent.pos_ in {"NOUN", "PROPN"} and parent.i != prep.i:
                role_token = parent
                continue
            return None, "noun", via, parent
        # A direct object hangs from a verb even when the tagger calls it a noun ("command").
        if dep in _OBJECT_DEPS and (role_token.head.pos_ in {"VERB", "AUX"} or dep == "dobj"):
            return role_token.head, "object", via, None
        if dep == "nsubj":
            return role_token.head, "subject", via, None
        if dep == "nsubjpass":
            return role_token.head, "passive", via, None
        return None, "noun", via, role_token.head if role_token.head.i != role_token.i else None
    return None, "noun", via, None


def _subject(head: Token, resolved: Resolved) -> tuple[Token | None, Token | None]:
    """(actor token the number is about, governing verb) by the rules in the module docstring."""
    if _noun_after_names(head, resolved) is not None:
        return head, _clause(head)[0]  # the first of the names the counted noun follows
    owner = _owner(head, resolved) or (_owner(_partitive(head), resolved) if _partitive(head) else None)
    verb, role, via, noun = _clause(head)
    if owner is None and head.pos_ in {"NOUN", "PROPN"}:
        # "killed three Americans" counts the state's dead; "an eight-member council" its members.
        victims = verb is not None and verb.lemma_.lower() in _word_set("loss_verbs")
        owner = (_actor(head, resolved) if victims or head.dep_ == "attr" else None) or (
            _actor(head.head, resolved) if head.dep_ in {"amod", "compound"} else None)
    if owner is None and role == "object" and verb is not None and saying_hedge(verb) is not None:
        # "the army reported two soldiers killed": a side's own dead, told as the object of its report
        loss = next((c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _word_set("loss_verbs")),
                    None)
        owner = _reporting_side(loss, head, resolved) if loss is not None else None
    if owner is None:
        blamed = _blamed(head, resolved)
        if blamed is not None:
            return blamed
        if _members_of_unnamed(head):
            return None, verb  # "assembled 12,000 members of the region's forces": not the assembler's,
            # nor anyone's by reference (_subject_by_reference checks the same)
    if owner is not None:
        return owner, verb
    if verb is None:
        # "Hezbollah, with 30,000 fighters": the actor the phrase is attached to.
        if noun is None or via not in {"with", "of"}:
            return None, None
        found, holder = _noun_actor(noun, resolved), None
        if found is None:
            # "Hezbollah is a militia with 30,000 fighters", "has an arsenal of 150,000 rockets",
            # "grew into an umbrella of 238,000 fighters": whoever holds the noun's clause.
            holder = _clause_of_noun(noun)
            found = _subject_of(holder, resolved) if holder is not None else None
        return found, holder
    lemma = verb.lemma_.lower()
    if lemma in _word_set("estimate_verbs") and via == "at":
        return _estimated(verb, resolved), verb
    if lemma in _word_set("loss_verbs"):
        counted = _partitive(head) or head
        if role == "object" and counted.lemma_.lower() in _word_set("counted_for_the_agent"):
            return _subject_of(verb, resolved), verb  # "the group killed 849 civilians"
        if role == "object" and counted.lemma_.lower() in _word_set("member_units"):
            return _side_struck(verb, resolved), verb
        if role in {"passive", "subject"} and counted.lemma_.lower() in _word_set("people_units"):
            return _reporting_state(verb, resolved), verb
        if role in {"passive", "subject"}:
            return _reporting_side(verb, counted, resolved), verb
        return None, verb
    if lemma in _word_set("transfer_verbs") and role in {"object", "passive"}:
        # What is handed over is the giver's: "Iran gave Hamas $70 million" is Iran's money.
        return (_subject_of(verb, resolved) if role == "object" else _agent(verb, resolved)), verb
    if role == "object":  # also "the SDF lost 11,000 fighters", "Hezbollah's units peaked at 5,000"
        return _subject_of(verb, resolved), verb
    if role == "passive":
        return _agent(verb, resolved), verb
    if role == "subject" and lemma in _word_set("membership_verbs"):
        return _membership_group(verb, resolved), verb
    return None, verb


@lru_cache(maxsize=1)
def _blame_verbs() -> dict[str, str]:
    """Verbs that pin a deed on their object, with the preposition of the deed (events.yaml)."""
    return load_lexicon("events")["blame_verbs"]


def _blamed(head: Token, resolved: Resolved) -> tuple[Token, Token] | None:
    """"blamed the militia for a volley of 30 rockets", "accused Moscow of flying 14 jets": the
    weapons and attacks of a deed pinned on someone are about the one blamed, never the accuser."""
    counted = (_partitive(head) or head).lemma_.lower()
    if counted in _word_set("member_units") | _word_set("people_units"):
        return None  # "blamed Hamas for the deaths of 12 soldiers": the dead are the other side's
    for ancestor in list(head.ancestors)[:6]:
        preposition = _blame_verbs().get(ancestor.lemma_.lower())
        if preposition is None or ancestor.pos_ != "VERB":
            continue
        deed = next((c for c in ancestor.children if c.dep_ == "prep" and c.lower_ == preposition), None)
        if deed is None or head not in deed.subtree:
            return None
        target = next((c for c in ancestor.children if c.dep_ == "dobj"), None)
        found = _noun_actor(target, resolved) if target is not None else None
        return (found, ancestor) if found is not None else None
    return None


def _reporter(loss_verb: Token) -> Token | None:
    """The subject of the verb of saying a loss verb is reported under."""
    for verb in [loss_verb, *loss_verb.ancestors][:4]:
        if saying_hedge(verb) is not None:
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _reporting_side(loss_verb: Token, counted: Token, resolved: Resolved) -> Token | None:
    """"Hezbollah said five fighters were killed", "Israel said two soldiers were killed": a side
    that reports dead of the kind it calls its own ("fighters" for a group, "soldiers" for a state),
    with no side named, reports its own dead; its enemies it names otherwise ("militants")."""
    reporter = _reporter(loss_verb)
    eid = resolved.entity_at(reporter.i) if reporter is not None else None
    if eid is None:
        return None
    entity = resolved.entities[eid]
    kind = entity.category if entity.type == "organization" else entity.type
    own = _cues()["own_dead_units"].get(kind or "", [])
    return reporter if counted.lemma_.lower() in own else None


def _reporting_state(loss_verb: Token, resolved: Resolved) -> Token | None:
    """"Lebanon's health ministry said three people were killed": the dead a state's own body
    counts, with no side named, are that state's people."""
    reporter = _reporter(loss_verb)
    if reporter is None or reporter.lemma_.lower() not in _word_set("casualty_reporters"):
        return None
    owner = _named_owner(reporter, resolved)
    if owner is not None and resolved.entities[resolved.entity_at(owner.i)].type == "country":
        return owner
    return None


def _members_of_unnamed(head: Token) -> bool:
    """"12,000 members of Chechnya's security forces": people counted as members of a body no
    actor name holds belong to that body, whoever's verb they are the object of."""
    counted = head if head.pos_ == "NOUN" else _partitive(head)  # "12,000 members of ...", "3,000 of the members of ..."
    if counted is None or counted.lemma_.lower() not in _word_set("member_units"):
        return False
    return any(p.pos_ == "NOUN" for c in counted.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj")


def _side_struck(loss_verb: Token, resolved: Resolved) -> Token | None:
    """"sank three Houthi boats, killing 10 fighters", "drove a car into a convoy of the CRPF,
    killing 40 troopers": the dead of a participle clause are members of the organisation the
    main clause attacked (never its subject's: the attacker's dead are named as such)."""
    if loss_verb.dep_ != "advcl" or loss_verb.tag_ != "VBG":
        return None
    attack = loss_verb.head
    if attack.dep_ == "relcl":  # "boats that had tried to board a ship, killing ..."
        struck = [attack.head]
    else:
        struck = [c for c in attack.children if c.dep_ == "dobj"] + [
            p for c in attack.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for noun in struck:
        found = _noun_actor(noun, resolved)
        if found is not None and resolved.entities[resolved.entity_at(found.i)].type == "organization":
            return found
    return None


def _estimators(verb: Token, resolved: Resolved) -> set[str]:
    """Entities the subject of an estimating verb names ("Tasnim" in "Tasnim puts ... at")."""
    context = PhraseContext(verb.doc, resolved)
    return {e for c in verb.children if c.dep_ == "nsubj" for e in named_by(context, c)}


def _estimated(verb: Token, resolved: Resolved) -> Token | None:
    """"Tasnim puts its strength at 14,000 men": about what is estimated, never the estimator, so
    a pronoun that coreference took for the estimator itself names nobody here."""
    found = next((_noun_actor(c, resolved) for c in verb.children if c.dep_ == "dobj"), None)
    if found is not None and resolved.name_at(found.i) is None and resolved.entity_at(found.i) in _estimators(
            verb, resolved):
        return None
    return found


def _agent(verb: Token, resolved: Resolved) -> Token | None:
    """The actor of a passive verb's "by" phrase."""
    agent = next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
    return _noun_actor(agent, resolved) if agent is not None else None


def _clause_of_noun(noun: Token) -> Token | None:
    """The verb whose object, attribute or prepositional object a noun is."""
    current = noun
    for _ in range(3):
        if current.dep_ in {"attr", "dobj"}:
            return current.head
        if current.dep_ == "pobj" and current.head.dep_ == "prep":
            parent = current.head.head
            if parent.pos_ in {"VERB", "AUX"}:
                return parent
            current = parent
            continue
        return None
    return None


def _subject_by_reference(head: Token, resolved: Resolved) -> tuple[Token | None, str | None, Token | None]:
    """"the group still has 40,000 fighters", "five of its fighters", "puts its strength at": a
    holder named by reference (phrases.named_by resolves "the group", "its", "Iranian forces")
    when no entity token holds the number."""
    context = PhraseContext(head.doc, resolved)
    verb, role, via, _ = _clause(head)
    lemma = verb.lemma_.lower() if verb is not None else ""
    estimated = lemma in _word_set("estimate_verbs") and via == "at"
    owned = [head, _partitive(head)] + ([c for c in verb.children if c.dep_ == "dobj"] if estimated else [])
    # Neither the estimator ("Tasnim puts its strength at") nor the country of a group ("the
    # country's most powerful militias") holds the number.
    estimator = _estimators(verb, resolved) if estimated else set()
    for noun in (n for n in owned if n is not None):
        located = _located(noun)
        # An estimate's "its" may be anyone's; "the group's strength" is the group's.
        for poss in (c for c in noun.children if c.dep_ == "poss" and not (estimated and c.pos_ == "PRON")):
            eid = next((e for e in named_by(context, poss) if resolved.entities[e].type in _SUBJECT_TYPES
                        and e not in estimator and not (located and resolved.entities[e].type == "country")), None)
            if eid is not None:
                return poss, eid, verb
    # The subject of a verb of saying or estimating reports the number; it does not hold it.
    if verb is None or role != "object" or estimated or lemma in _word_set("loss_verbs") \
            or saying_hedge(verb) is not None or lemma in _word_set("reporting_verbs") or _members_of_unnamed(head):
        return None, None, None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        for eid in named_by(context, subject):
            if resolved.entities[eid].type in _SUBJECT_TYPES:
                return subject, eid, verb
    return None, None, None


def _membership_group(verb: Token, resolved: Resolved) -> Token | None:
    for child in verb.children:
        if child.dep_ == "dobj":
            found = _noun_actor(child, resolved)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in {"in", "with", "for", "to"}:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = _noun_actor(pobj, resolved)
                if found is not None:
                    return found
    return None


# --- putting it together ---------------------------------------------------------------------

def _skip(doc: Doc, number: _Number, resolved: Resolved) -> bool:
    """Numbers that are not counts: dates, percentages, ordinals, names, "one of", "the two"."""
    tokens = list(doc[number.start : number.end])
    if any(t.ent_type_ in _NOT_NUMBER_ENTS for t in tokens) and number.currency is None \
            and not _counts_a_unit(doc, number):
        return True
    if any(resolved.entity_at(t.i) for t in tokens):
        return True
    words_only = not any(any(ch.isdigit() for ch in t.text) for t in tokens)
    if words_only and number.value < 2 and not _approximate(doc, number):
        return True  # "one of the militias", "a soldier", but "at least one plane" is a claim
    before = doc[number.start - 1].lower_ if number.start > 0 else ""
    return words_only and before in _ANAPHORIC_DETS  # "the two militias" refers, it does not count


def _counts_a_unit(doc: Doc, number: _Number) -> bool:
    """"between 14 and 17 seats": spaCy sometimes tags a small range as a DATE; a number that is
    no year and runs straight into a counted noun is a count."""
    after = doc[number.end] if number.end < len(doc) else None
    year_like = any(1900 <= v <= 2100 for v in (number.value, number.value_max or 0))
    return after is not None and not year_like and after.tag_ == "NNS" and after.lemma_.lower() in _word_set("units")


def _numbers(doc: Doc) -> list[_Number]:
    out: list[_Number] = []
    i = 0
    while i < len(doc):
        number = _read_number(doc, i)
        if number is None:
            i += 1
            continue
        number.currency = _currency(doc, number)
        out.append(number)
        i = number.end
    return out


def find_quantities(doc: Doc, resolved: Resolved, quotes: list[Quote], statements: list[Statement],
                    published: str | None) -> list[Quantity]:
    """Every numeric claim about an actor in the document, one per (subject, value, range, unit)."""
    found: dict[tuple[str, float, float | None, str], Quantity] = {}
    previous: Quantity | None = None
    for number in _numbers(doc):
        quantity = _quantity(doc, number, resolved, quotes, statements, published)
        if quantity is None and previous is not None and _elliptic(doc, number, previous):
            quantity = _continued(doc, number, previous, published)
        elif quantity is None and previous is not None and _held_bare(doc, number, previous):
            quantity = _held_continued(doc, number, previous, resolved, published)
        if quantity is None:
            continue
        previous = quantity
        key = (quantity.subject, quantity.value, quantity.value_max, quantity.unit)
        if key in found:
            if quantity.evidence[0] not in found[key].evidence:
                found[key].evidence.extend(quantity.evidence)
        else:
            found[key] = quantity
    return list(found.values())


def _elliptic(doc: Doc, number: _Number, previous: Quantity) -> bool:
    """"350,000 fighters, up from about 30,000", "had 70,000 fighters and lost 11,000 of them",
    "killed five fighters and wounded six others": a number in the same sentence as the last
    quantity that leaves its unit unsaid."""
    start = number.start
    while start > 0 and doc[start - 1].lower_ in _word_set("approximate_before") | _word_set("range_fillers"):
        start -= 1
    after_from = start > 0 and doc[start - 1].lower_ == "from"
    # "lost 11,000 of them", but not an aside on a subset ("three people, two of them children")
    of_them = number.end + 1 < len(doc) and doc[number.end].lower_ == "of" and doc[number.end + 1].pos_ == "PRON" \
        and "appos" not in {number.top.dep_, number.top.head.dep_}
    more_of_them = number.end < len(doc) and doc[number.end].lower_ in _word_set("elliptic_after")
    # "three people were killed and 74 wounded"
    more_harmed = number.end < len(doc) and doc[number.end].tag_ == "VBN" \
        and doc[number.end].lemma_.lower() in _word_set("loss_verbs") and doc[number.start - 1].lower_ == "and"
    same_sentence = previous.evidence[0].start == doc[number.start].sent.start_char
    return same_sentence and (after_from or of_them or more_of_them or more_harmed)


def _held_bare(doc: Doc, number: _Number, previous: Quantity) -> bool:
    """"put the brigades at 20,000 fighters, while a source said the wing had 40,000": a bare
    number held by a verb of having, in the sentence of the last quantity, counts its unit."""
    top = number.top
    after = doc[number.end] if number.end < len(doc) else None
    return top.dep_ == "dobj" and top.head.lemma_.lower() in _word_set("holding_verbs") \
        and (after is None or after.pos_ not in {"NOUN", "PROPN", "ADJ"}) \
        and previous.evidence[0].start == top.sent.start_char


def _held_continued(doc: Doc, number: _Number, previous: Quantity, resolved: Resolved,
                    published: str | None) -> Quantity | None:
    """The bare held number as a quantity of its own clause's holder in the last one's unit."""
    holder = _subject_of(number.top.head, resolved)
    holder_id = resolved.entity_at(holder.i) if holder is not None else None
    if holder_id is None:
        _, holder_id, _ = _subject_by_reference(number.top, resolved)
    if holder_id is None:
        return None
    quantity = _continued(doc, number, previous, published)
    quantity.subject = holder_id
    return quantity


def _continued(doc: Doc, number: _Number, previous: Quantity, published: str | None) -> Quantity:
    """The elliptic number as a quantity of the previous one's subject and unit, dated by a date
    written right after it ("up from 122,000 in 2021")."""
    date_tokens = sorted(date_right_after(doc[number.end - 1]))
    date = normalize_date(doc[date_tokens[0] : date_tokens[-1] + 1].text, published) if date_tokens else None
    return Quantity(
        subject=previous.subject, value=number.value, unit=previous.unit, value_max=number.value_max,
        approximate=_approximate(doc, number), attributed_to=previous.attributed_to,
        date=date or previous.date, evidence=list(previous.evidence),
    )


def _bounty(head: Token, verb: Token | None, resolved: Resolved) -> tuple[Token, str] | None:
    """"offers up to $10 million for information on him", "raised its reward for information on
    X to $10 million": the person money is offered for, and the token that names them."""
    owners = [head] + ([verb] + [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else [])
    for owner in owners:
        for target in (p for c in owner.children if c.dep_ in {"prep", "dative"} and c.lower_ == "for"
                       for p in c.children if p.dep_ == "pobj"):
            if target.lemma_.lower() in _word_set("bounty_nouns"):
                target = next((p for c in target.children if c.dep_ == "prep" and c.lower_ in {"on", "about", "of"}
                               for p in c.children if p.dep_ == "pobj"), target)
            eid = resolved.entity_at(target.i)
            if eid is None and target.lower_ in {"him", "her"}:
                eid = pronoun_antecedent(target, resolved)
            if eid is not None and resolved.entities[eid].type == "person":
                return target, eid
    return None


def _quantity(doc: Doc, number: _Number, resolved: Resolved, quotes: list[Quote],
              statements: list[Statement], published: str | None) -> Quantity | None:
    if _skip(doc, number, resolved):
        return None
    head = _counted(number)
    if head is None:
        return None
    unit = _unit(doc, number, head, resolved)
    if unit is None:
        return None
    subject, verb = _subject(head, resolved)
    subject_id = resolved.entity_at(subject.i) if subject is not None else None
    bounty = _bounty(head, verb, resolved) if unit in _cues()["currency_words"].values() else None
    if bounty is not None:
        subject, subject_id = bounty
    if subject is None:
        subject, subject_id, verb = _subject_by_reference(head, resolved)
    if subject is None or subject_id is None:
        return None
    anchor = [*doc[number.start : number.end], head, subject] + ([verb] if verb is not None else [])
    anchor = [t for t in anchor if t.sent == head.sent]
    hedge, attributed_to = hedge_for(anchor, resolved, quotes, statements)
    if hedge == "denied":
        return None
    date = clause_date(verb, quotes, published) if verb is not None else None
    return Quantity(
        subject=subject_id, value=number.value, unit=unit,
        value_max=number.value_max, approximate=_approximate(doc, number), attributed_to=attributed_to,
        date=date or published, evidence=[evidence_of(head.sent)],
    )
