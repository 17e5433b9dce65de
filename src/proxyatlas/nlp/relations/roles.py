"""Offices: who leads an organisation and who serves in one (leads, member_of).

  role nouns    "the commander of Y, X", "X, the late head of Y", "Y chief X", "Y's deputy leader X",
                "X, a senior official in Y", "X, a cleric and member of Y", "its founder and leader, X"
  office verbs  "X, who heads Y", "X took over Y", "X took command of Y"
  successions   "X succeeded Z as leader of Y", "X took over when his predecessor, Z, fled": Z led Y
  answers_to    "the brigades answer to the Quds Force", "take orders from Iran"
  leadership    "under Soleimani's leadership", "under the command of X"

A role noun is read on the surface first (what is written right before and after it), because
the parser often misattaches appositions; the dependency tree is the fallback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..attribution import saying_hedge
from ..phrases import (
    category,
    cue_word,
    cues,
    entity,
    etype,
    has_cue,
    named_by,
    named_by_head,
    pobjs,
    relcl_antecedent,
    salient_before,
    subject_of,
)
from .backing import verbs
from .candidates import Candidate, RelationContext

_CLAUSE_BREAKS = {",", ";", ":", "(", ")", "—", "–", '"', "“", "”"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}


@dataclass
class _Reading:
    """One role phrase: "the group's deputy leader", "a senior official in Y"."""

    head: Token  # the role noun the parser sees as head of the phrase
    start: int  # first token of the phrase (determiner, possessor or modifier)
    role_end: int  # one past the role noun
    end: int  # one past the phrase: past its "of"-phrase when it has one
    rtype: str
    orgs: list[str] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    ended: bool = False


# --- role nouns ------------------------------------------------------------------------------------

def roles(ctx: RelationContext) -> Iterator[Candidate]:
    readings = _readings(ctx)
    offices = list(_role_nouns(ctx, readings)) + list(office_verbs(ctx))
    yield from offices
    # The verb family finds "Y is led by X"; a successor's office may be given that way.
    led_by_verbs = [c for c in verbs(ctx) if c.type == "leads"]
    # "Hezbollah's secretary-general, X, succeeded Z": the parser makes the role noun the subject.
    holders_at = {r.head.i: r.holders for r in readings if r.holders}
    yield from successions(ctx, offices + led_by_verbs, holders_at)


def _role_nouns(ctx: RelationContext, readings: list[_Reading]) -> Iterator[Candidate]:
    by_head = {r.head.i: r for r in readings}
    for r in readings:
        # "its founder and leader, X": coordinated role nouns share holder and organisation.
        partners = [by_head[t.i] for t in r.head.conjuncts if t.i in by_head]
        if not r.holders:
            r.holders = next((p.holders for p in partners if p.holders), [])
        if not r.orgs:
            r.orgs = next((p.orgs for p in partners if p.orgs), [])
    for r in readings:
        for holder in r.holders:
            if etype(ctx, holder) != "person":
                continue
            for org in r.orgs:
                valid_to = _death_date(ctx, holder) if r.ended else None
                anchor = predicate_anchor(r.head)
                # An apposition or title ("Hezbollah said X, its commander, ...") is the author's own
                # identification: asserted; a predicate ("X is the head of Y") is hedged like a claim.
                yield Candidate(r.rtype, holder, org, anchor, descriptive=len(anchor) == 1, valid_to=valid_to)


def _readings(ctx: RelationContext) -> list[_Reading]:
    doc = ctx.doc
    bounds = mention_bounds(ctx)
    out: list[_Reading] = []
    i = 0
    while i < len(doc):
        match = _role_at(doc, i)
        if match is None or i in bounds:
            i += 1
            continue
        end, rtype = match
        if _role_at(doc, end) is not None:
            i = end  # "the chief spokesman", "a deputy emir": the first noun qualifies the second
            continue
        head = next((t for t in doc[i:end] if not i <= t.head.i < end), doc[end - 1])
        reading = _read_role(ctx, bounds, head, i, end, rtype)
        if reading is not None:
            out.append(reading)
        i = end
    return out


@lru_cache(maxsize=1)
def _role_table() -> dict[tuple[str, ...], str]:
    """Role nouns as token sequences the way spaCy splits them: "secretary-general" is three."""
    table: dict[tuple[str, ...], str] = {}
    for word, rtype in cues()["by_word"]["role_nouns"].items():
        table[tuple(word.replace("-", " - ").split())] = rtype
    return table


@lru_cache(maxsize=1)
def _role_first_words() -> frozenset[str]:
    return frozenset(words[0] for words in _role_table())


def predicate_anchor(noun: Token) -> list[Token]:
    """The tokens a fact stated by a predicate noun is hedged on: the noun and the verb that makes it
    a predicate ("could be named leader", "is not part of Y"); for an apposition the noun alone."""
    if noun.dep_ in {"attr", "oprd"} or _is_bare_predicate_noun(noun) \
            or noun.dep_ == "dobj" and noun.head.lemma_.lower() in cues()["part_verbs"]:
        return [noun, noun.head]
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":
        if saying_hedge(noun.head.head) is not None:
            return [noun, noun.head]  # "the Houthis describe themselves as part of Y": what the verb says
        return [noun, noun.head.head]  # "X served as spokesman"
    return [noun]


def _is_bare_predicate_noun(noun: Token) -> bool:
    """"X is emir of Y", "X became emir of Y": a role or part noun without an article, which the parser
    often takes for an adjective complement (the callers only pass role and part nouns)."""
    return noun.dep_ == "acomp"


def named_at(ctx: RelationContext, i: int) -> str | None:
    """The entity token i is part of a name of; a pronoun or "the group" (coreference) is not one."""
    return ctx.resolved.token_entity.get(i)


def _role_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """The longest role noun starting at token i ("chief of staff" before "chief"), matched on the
    lower-case form, the last word also on its lemma ("commanders")."""
    if not 0 <= i < len(doc):
        return None  # a role noun ending the text has nothing after it
    table = _role_table()
    first = doc[i]
    if first.lower_ not in _role_first_words() and first.lemma_.lower() not in _role_first_words():
        return None  # most tokens: one set look-up instead of three slices (extraction time)
    for n in (3, 2, 1):
        if i + n > len(doc):
            continue
        words = [t.lower_ for t in doc[i : i + n]]
        for last in {words[-1], doc[i + n - 1].lemma_.lower()}:
            rtype = table.get((*words[:-1], last))
            if rtype:
                return i + n, rtype
    return None


def mention_bounds(ctx: RelationContext) -> dict[int, tuple[int, int]]:
    """Token index -> (start, end) of the entity mention it is part of."""
    bounds: dict[int, tuple[int, int]] = {}
    for m, _ in ctx.resolved.mention_entity:
        for k in range(m.start, m.end):
            bounds[k] = (m.start, m.end)
    return bounds


def _read_role(ctx: RelationContext, bounds: dict[int, tuple[int, int]], head: Token, start: int, end: int,
               rtype: str) -> _Reading | None:
    doc = ctx.doc
    left = scan_left(ctx, bounds, start)
    if left.title_after_role and doc[start].is_title:
        return None  # "IRGC chief Major General X": "General" is a rank in the name, "chief" the office
    right = scan_right(ctx, bounds, end, with_to=rtype == "member_of" and doc[end - 1].lower_ in cues()["to_roles"])
    reading = _Reading(head, left.start, end, right.end, rtype)
    words = left.modifiers | {c.lower_ for c in head.children if c.dep_ in {"amod", "compound"}}
    reading.ended = bool(words & set(cues()["role_ended"]))
    # "the deputy leader", "a commander of Y", "Sudan's army chief", "the unit's commander",
    # "the commander of Hamas's armed wing": the head of a part is a member of the whole.
    subordinate = bool(words & set(cues()["role_subordinate"])) or left.indefinite or left.noun_between \
        or left.unit_possessor or right.part_owned
    if rtype == "leads" and subordinate:
        reading.rtype = "member_of"
    # "the Treasury's Under Secretary for Terrorism and Financial Intelligence": a possessor is the
    # organisation; only an "of"-phrase ("Y's head of its Executive Council") names a closer one.
    orgs = right.orgs if right.orgs and (right.prep == "of" or not left.possessed) else left.orgs or right.orgs
    if not orgs and not right.countries and not left.countries:
        orgs = _dep_orgs(ctx, head)
    countries = right.countries or left.countries
    if rtype == "member_of" and not subordinate and _heads_department(ctx, doc[start:end], orgs):
        reading.rtype = "leads"
    if not orgs and countries and _is_state_head(doc[start:end]) and not subordinate:
        orgs = countries  # "Iraqi Prime Minister X"; "Libyan commander X" leads no country
    if not orgs and not countries and ctx.profiled and _bare_office(head):
        orgs = [ctx.profiled]  # a profile's "X has been emir since 2014": the profiled group's emir
    reading.orgs = [ctx.unit_after.get(o, o) for o in orgs]
    reading.holders = _holders_around(ctx, bounds, reading, left.indefinite) or _role_holders(ctx, head)
    return reading


def _bare_office(role: Token) -> bool:
    """"has been emir", "X, the deputy emir,", "served as spokesman": an office said of a person (a
    predicate or an apposition, not a title before a name) with no owner or place of its own (not
    "the city's governor", "a former army officer", "head of the council")."""
    said_of = role.dep_ in {"attr", "acomp", "appos"} or role.dep_ == "pobj" and role.head.lower_ == "as"
    return said_of and not any(c.dep_ in {"poss", "prep", "nmod", "amod"} or c.dep_ == "det" and c.lower_ != "the"
                               for c in role.children)


def _heads_department(ctx: RelationContext, role: Span, orgs: list[str]) -> bool:
    """"Treasury Secretary X", "the Secretary of Defense": a Secretary, capitalised as a cabinet title,
    heads a government department; "secretary of the council" need not."""
    return role.text.lower() in cues()["department_head_roles"] and role[0].is_title \
        and any(category(ctx, o) == "state_body" for o in orgs)


def _is_state_head(role: Span) -> bool:
    text = " ".join(t.lemma_.lower() if t.i == role.end - 1 else t.lower_ for t in role)
    return text in cues()["state_head_roles"]


@dataclass
class PhraseLeft:
    """What stands before a noun inside its phrase ("the group's deputy leader"); also read by
    structure.py for part nouns ("its armed wing")."""

    start: int
    orgs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    modifiers: set[str] = field(default_factory=set)
    indefinite: bool = False
    noun_between: bool = False  # "Sudan's army chief": a common noun between the owner and the role
    unit_possessor: bool = False
    title_after_role: bool = False  # another role noun stands before this one, not joined by "and"
    possessed: bool = False  # the organisation is a possessor: "Y's", "its"


def scan_left(ctx: RelationContext, bounds: dict[int, tuple[int, int]], start: int,
              not_owner: frozenset[str] = frozenset()) -> PhraseLeft:
    """What is written before a role noun inside its noun phrase: determiner, possessor ("Y's",
    "its"), a name used as modifier ("Hezbollah secretary-general") and adjectives ("deputy")."""
    doc = ctx.doc
    left = PhraseLeft(start)
    sent_start = doc[start].sent.start
    nouns_seen = False
    i = start - 1
    while i >= sent_start and start - i <= 8:
        tok = doc[i]
        if tok.tag_ == "POS" and i - 1 >= sent_start:  # "Y's", "the group's", "the unit's"
            owner = doc[i - 1]
            left.start = bounds.get(owner.i, (owner.i, 0))[0]
            if left.start > sent_start and doc[left.start - 1].lower_ == "the":  # "X, the group's spokesman"
                left.start -= 1
            left.possessed = True
            if owner.i in bounds:
                _add_owner(ctx, left, entity(ctx, owner), nouns_seen)
            elif has_cue("part_nouns", owner) and not named_by_head(ctx, owner, 0):
                left.unit_possessor = True
                left.orgs += [e for e in [salient_before(ctx, owner)] if e]
            else:
                for eid in named_by_head(ctx, owner, 0):
                    _add_owner(ctx, left, eid, nouns_seen)
            break
        if tok.i in bounds:  # "Hezbollah secretary-general", "the Houthi leader"
            if doc[bounds[tok.i][1]].text not in {"-", "‐"}:  # not "the Kremlin-backed head"
                _add_owner(ctx, left, entity(ctx, tok), nouns_seen)
            i = bounds[tok.i][0] - 1
            left.start = i + 1
            continue
        if tok.lower_ in _POSSESSIVE_PRONOUNS and tok.tag_ == "PRP$":
            left.start = i
            left.possessed = True
            if tok.lower_ in {"its", "their"}:
                owner_id = _org_earlier_in_sentence(ctx, tok, not_owner) or entity(ctx, tok) \
                    or salient_before(ctx, tok)
                if owner_id and owner_id not in not_owner:
                    _add_owner(ctx, left, owner_id, nouns_seen)
            break
        if tok.lower_ == "whose":  # "Y, whose armed wing": Y, named before the comma
            left.start = i
            named_before = named_at(ctx, i - 2) if i >= 2 and doc[i - 1].text == "," else None
            _add_owner(ctx, left, named_before or _relative_clause_owner(ctx, tok), nouns_seen)
            break
        if tok.pos_ == "DET":
            left.start = i
            left.indefinite = tok.lower_ in {"a", "an", "one", "another"}
            break
        if tok.lower_ == "and" and (i - 1 < sent_start or _role_at(doc, i - 1) is None):
            break  # "and" joins role nouns only: "founder and leader"
        if tok.tag_ in _MODIFIER_TAGS or tok.lower_ == "and" or tok.lower_ in cues()["role_subordinate"]:
            left.modifiers.add(tok.lower_)
            role_word = _role_at(doc, i) is not None
            if tok.pos_ == "NOUN" and not role_word and not has_cue("leading_body_nouns", tok):
                nouns_seen = True  # "army chief" heads a part; "politburo chief" the whole
            if role_word and doc[i + 1].lower_ != "and" and tok.lower_ not in cues()["role_subordinate"]:
                left.title_after_role = True
            left.start = i
            i -= 1
            continue
        break
    return left


# Words that may stand between a determiner and a role noun: adjectives, nouns, participles
# ("the slain commander"), proper adjectives ("the Kurdish commander").
_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "RB", "RBS", "NN", "NNS", "NNP", "CD", "VBN", "VBG", "HYPH"}


def _add_owner(ctx: RelationContext, left: PhraseLeft, eid: str | None, nouns_seen: bool) -> None:
    if eid is None:
        return
    if etype(ctx, eid) == "organization":
        left.orgs.append(eid)
        left.noun_between = left.noun_between or nouns_seen
    elif etype(ctx, eid) == "country":
        left.countries.append(eid)
        left.noun_between = left.noun_between or nouns_seen


def _relative_clause_owner(ctx: RelationContext, whose: Token) -> str | None:
    """"Y, a Britain-based monitor whose director, X, said": the organisation the noun that the "whose"
    clause modifies describes."""
    clause = whose.head.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    found = named_by_head(ctx, noun, 0) or (named_by_head(ctx, noun.head, 1) if noun.dep_ == "appos" else [])
    return next((e for e in found if etype(ctx, e) == "organization"), None)


def _org_earlier_in_sentence(ctx: RelationContext, token: Token, skip: frozenset[str] = frozenset()) -> str | None:
    """"exercises led by the Quds Force and attended by its commander", "Harakat al-Nujaba and its
    secretary-general": "its" before a role is the organisation named last before it in the sentence."""
    for i in range(token.i - 1, token.sent.start - 1, -1):
        eid = named_at(ctx, i)
        if eid and etype(ctx, eid) == "organization" and eid not in skip:
            return eid
    return None


@dataclass
class PhraseRight:
    """The organisations of the "of"-phrase after a noun ("head of Russia's FSB")."""

    end: int  # one past the phrase after the role noun
    prep: str = ""  # its preposition: "of", "at", "for", ...
    orgs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    part_owned: bool = False  # "head of KH's foreign affairs": the role heads something the org owns


def scan_right(ctx: RelationContext, bounds: dict[int, tuple[int, int]], end: int,
               with_to: bool = False) -> PhraseRight:
    """The organisations of the phrase after a role noun ("of Russia's FSB", "at RUSI", "for the
    Houthis"), or the countries when no organisation is named ("President of Iraq")."""
    doc = ctx.doc
    right = PhraseRight(end)
    if end >= len(doc) or doc[end].lower_ not in cues()["role_preps"] and not (with_to and doc[end].lower_ == "to"):
        return right
    prep = right.prep = doc[end].lower_
    orgs: list[str] = []
    owners: list[str] = []
    countries: list[str] = []
    j = end + 1
    while j < min(len(doc), end + 12) and doc[j].sent.start == doc[end].sent.start:
        tok = doc[j]
        if tok.text in {"-", "‐"} and j + 1 < len(doc) and doc[j + 1].tag_ == "VBN":
            j += 2  # "of the Iran-backed PIJ": the participle describes, the name follows
            continue
        # "the emir of both LeT and JuD": "and" goes on only from a name to another name.
        coordinated = tok.lower_ == "and" and bool(orgs or owners or countries) \
            and (j + 1 in bounds or j + 2 in bounds and doc[j + 1].pos_ == "DET")
        if tok.text in _CLAUSE_BREAKS or tok.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"} and not coordinated \
                or tok.tag_ in {"WDT", "WP", "WP$"} or (tok.pos_ == "ADP" and tok.lower_ != "of" and j > end + 1):
            break
        if j in bounds:
            eid = entity(ctx, tok)
            m_end = bounds[j][1]
            possessor = m_end < len(doc) and doc[m_end].tag_ == "POS"
            if m_end < len(doc) and doc[m_end].text in {"-", "‐"}:
                j = m_end  # "the Iran-backed": a modifier, not the organisation
                continue
            # "deputy on the Sovereign Council", but not "an expert on Hezbollah": "on" seats one on a body
            on_body = prep != "on" or has_cue("body_nouns", doc[m_end - 1])
            if eid and etype(ctx, eid) == "organization" and on_body:
                (owners if possessor else orgs).append(eid)
            elif eid and etype(ctx, eid) == "country" and prep == "of" and not possessor:
                countries.append(eid)
            j = m_end
            continue
        if tok.pos_ == "NOUN" and owners and not orgs:
            right.part_owned = True
        j += 1
    right.end = j
    right.orgs = list(dict.fromkeys(orgs or owners))
    right.countries = [] if right.orgs else countries
    return right


def _holders_around(ctx: RelationContext, bounds: dict[int, tuple[int, int]], r: _Reading,
                    indefinite: bool) -> list[str]:
    """The person a role phrase describes, by position: "X, the head of Y" (before, after a comma),
    "Y chief X" (right after the role noun), "the head of Y, X" (after a comma)."""
    doc = ctx.doc
    before = _person_before_comma(ctx, bounds, r.start)
    if before:
        return [before]
    if r.end == r.role_end and r.end < len(doc):
        title_before_name = _person_at(ctx, bounds, r.end)  # "Houthi leader X", "Treasury Secretary X"
        if title_before_name:
            return [title_before_name]
    # "the group's leader, X, said": only a name closed by a comma, and not "Y is the head of Z, X said".
    if indefinite or r.head.dep_ == "attr" or r.end + 1 >= len(doc) or doc[r.end].text != ",":
        return []
    after_comma = _person_at(ctx, bounds, r.end + 1)
    if after_comma is None:
        return []
    name_end = bounds[next(k for k in range(r.end + 1, r.end + 5) if k in bounds)][1]
    closed = name_end >= len(doc) or doc[name_end].text in {",", "(", ".", ";"}
    return [after_comma] if closed else []


def _person_at(ctx: RelationContext, bounds: dict[int, tuple[int, int]], i: int) -> str | None:
    """The person whose name starts at token i, past up to three title words ("Sheikh", "Gen.")."""
    doc = ctx.doc
    for k in range(i, min(len(doc), i + 4)):
        if k in bounds:
            eid = named_at(ctx, k)
            return eid if eid and etype(ctx, eid) == "person" else None
        if not (doc[k].pos_ == "PROPN" or doc[k].text == "."):
            return None
    return None


def _person_before_comma(ctx: RelationContext, bounds: dict[int, tuple[int, int]], start: int) -> str | None:
    """"X, the leader of Y", "X (Abu Z), the deputy emir", "X, a cleric and member of Y"."""
    doc = ctx.doc
    i = start - 1
    sent_start = doc[start].sent.start
    if i > sent_start and doc[i].lower_ == "and":  # "X, a cleric and member of Y": past "a cleric"
        k = i - 1
        while k > sent_start and doc[k].pos_ in {"DET", "ADJ", "NOUN", "PROPN"} and k not in bounds:
            k -= 1
        i = k
    if i <= sent_start or doc[i].text != ",":
        return None
    i -= 1
    if doc[i].text == ")":  # a bracketed alias or real name between the name and the comma
        while i > sent_start and doc[i].text != "(":
            i -= 1
        i -= 1
    if i not in bounds:
        return None
    opening = doc[sent_start]
    if opening.pos_ == "ADP" and opening.head.i > start and i in {t.i for t in opening.subtree}:
        return None  # "In a meeting with X, the head of Y said": the role is the next clause's subject
    eid = named_at(ctx, i)
    return eid if eid and etype(ctx, eid) == "person" else None


def _dep_orgs(ctx: RelationContext, t: Token) -> list[str]:
    """The organisation by dependency: "of"/"at"-phrase, compound, possessive, or the name written
    right before the role ("Houthi military spokesman X": hung on the name)."""
    orgs = [e for p in pobjs(t, set(cues()["role_preps"])) for e in named_by(ctx, p)
            if p.head.lower_ != "on" or has_cue("body_nouns", p)]
    orgs += [e for c in t.children if c.dep_ in {"compound", "nmod"} and (e := entity(ctx, c))]
    orgs += [e for c in t.children if c.dep_ == "poss" for e in named_by(ctx, c)]
    return [e for e in orgs if etype(ctx, e) == "organization"]


def _role_holders(ctx: RelationContext, role: Token) -> list[str]:
    """The person a role describes, by dependency: apposition, "X is the head of Y", "X was named
    head of Y", "X served as spokesman of Y"."""
    if role.dep_ == "appos":
        found = named_by_head(ctx, role.head, 0)  # not its conjuncts: "A and B, a former officer"
        if found:
            return found
    holders = [e for c in role.children if c.dep_ == "appos" for e in named_by(ctx, c)]
    if holders:
        return holders
    if role.dep_ == "attr" or _is_bare_predicate_noun(role):
        subjects = [c for c in role.head.children if c.dep_ == "nsubj"]
        return [e for s in subjects for e in named_by(ctx, relcl_antecedent(s) or s)]
    # "X was named secretary-general of Y", "Iran appointed X as commander of Y", "X served as Y"
    naming = role.head if role.dep_ == "oprd" else role.head.head if (
        role.dep_ == "pobj" and role.head.lower_ == "as") else None
    if naming is not None:
        named = [e for c in naming.children if c.dep_ in {"nsubjpass", "dobj"}
                 for e in named_by(ctx, relcl_antecedent(c) or c)]
        if named or any(c.dep_ in {"nsubjpass", "dobj"} for c in naming.children):
            return named
        return subject_of(ctx, naming) if naming.lemma_.lower() in cues()["serve_verbs"] else []
    # "the nominal ruler of Syria, namely Bashar Assad": the name in apposition to the "of"-phrase.
    return [e for p in pobjs(role, {"of"}) for c in p.children if c.dep_ == "appos"
            for e in named_by(ctx, c) if etype(ctx, e) == "person"]


def _death_date(ctx: RelationContext, person: str) -> str | None:
    for event in ctx.events:
        if event.type == "killing" and person in event.targets and event.date:
            return event.date.split("/")[-1]
    return None


# --- office verbs ----------------------------------------------------------------------------------

def office_verbs(ctx: RelationContext) -> Iterator[Candidate]:
    """"Burhan, who chairs the council" (a relative clause, which the verb family does not read),
    "a council chaired by X"; "X took over the group", "X took command of Y", "X assumed the
    leadership of Y"; "command of Y passed to X", "handed the leadership of Y to X"."""
    for v in ctx.tokens:
        if v.pos_ != "VERB":
            continue
        heads = cue_word("verbs", v) == "leads"
        lemma = v.lemma_.lower()
        if not heads and lemma not in cues()["take_office_verbs"] and lemma not in cues()["hand_office_verbs"]:
            continue  # most verbs: no child walk (extraction time)
        agents = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if heads and v.dep_ == "acl" and agents:
            # "a council chaired by X" where the parser tags the participle as a past tense
            leaders = [e for p in agents for e in named_by(ctx, p)]
            led = named_by(ctx, v.head)
        elif heads and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children):
            leaders = [e for r in _relative_subjects(v) for e in named_by(ctx, r)]
            # Only a named or referred object: "who commanded its troops" or "that runs the group's
            # operations" says nothing about heading an organisation.
            led = [e for c in v.children if c.dep_ == "dobj" and (entity(ctx, c) or
                                                                  c.lower_ in cues()["anaphoric_nouns"])
                   for e in named_by(ctx, c)]
            led += [e for c in v.children if c.dep_ == "dobj" and c.lower_ == "it"
                    for e in _outer_subject(ctx, v)]
        elif lemma in cues()["take_office_verbs"]:
            leaders = [e for r in _relative_subjects(v) for e in named_by(ctx, r)] or subject_of(ctx, v)
            led = _taken_office(ctx, v)
        elif lemma in cues()["hand_office_verbs"]:
            leaders = [e for p in pobjs(v, {"to"}) for e in named_by(ctx, p) if etype(ctx, e) == "person"]
            offices = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
            led = _offices_of(ctx, offices)
        else:
            continue
        for leader in leaders:
            for org in led:
                if etype(ctx, org) == "organization":
                    yield Candidate("leads", leader, org, [v])


def _outer_subject(ctx: RelationContext, clause: Token) -> list[str]:
    """"Y was founded by X, who led it until 1995": "it" in a relative clause on a name in another
    clause is what that clause is about, its subject."""
    if clause.dep_ != "relcl":
        return []
    outer = clause.head
    for _ in range(3):  # from the name up through "by"/"of" to its verb
        if outer.pos_ in {"VERB", "AUX"} or outer.head.i == outer.i:
            break
        outer = outer.head
    if outer.pos_ not in {"VERB", "AUX"}:
        return []
    subjects = [c for c in outer.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return [e for s in subjects for e in named_by(ctx, s) if etype(ctx, e) == "organization"]


def _relative_subjects(v: Token) -> list[Token]:
    """"Burhan, who chairs the council": the noun a relative pronoun subject stands for."""
    return [r for c in v.children if c.dep_ == "nsubj" and (r := relcl_antecedent(c)) is not None]


def _taken_office(ctx: RelationContext, v: Token) -> list[str]:
    """What "took over" or "took command of" puts the subject at the head of."""
    if any(c.dep_ == "prt" and c.lower_ == "over" for c in v.children):
        return [e for c in v.children if c.dep_ == "dobj" for e in named_by(ctx, c)]
    return _offices_of(ctx, [c for c in v.children if c.dep_ == "dobj"])


def _offices_of(ctx: RelationContext, nouns: list[Token]) -> list[str]:
    """The organisations whose office the nouns name: "command of Y", "Y's leadership"."""
    office_nouns = set(cues()["take_office_nouns"])
    return [e for c in nouns if c.lemma_.lower() in office_nouns
            for e in [*(x for p in pobjs(c, {"of"}) for x in named_by(ctx, p)),
                      *(x for p in c.children if p.dep_ == "poss" for x in named_by(ctx, p))]]


# --- successions -----------------------------------------------------------------------------------

def successions(ctx: RelationContext, offices: list[Candidate], holders_at: dict[int, list[str]]
                ) -> Iterator[Candidate]:
    """"Its secretary-general, X, succeeded Z in 2018", "X took over when his predecessor, Z, fled":
    the predecessor held the office the successor holds, in that sentence or, failing that, the one
    office the text gives the successor."""
    led_in_sentence: dict[tuple[int, str], set[str]] = {}
    led_anywhere: dict[str, set[str]] = {}
    for c in offices:
        if c.type == "leads":
            led_in_sentence.setdefault((c.anchor[0].sent.start, c.source), set()).add(c.target)
            led_anywhere.setdefault(c.source, set()).add(c.target)
    for successor, predecessor, anchor in _succession_pairs(ctx, holders_at):
        for held, other in ((successor, predecessor), (predecessor, successor)):
            orgs = led_in_sentence.get((anchor.sent.start, held)) or led_anywhere.get(held, set())
            if len(orgs) == 1 or (anchor.sent.start, held) in led_in_sentence:
                for org in orgs:
                    yield Candidate("leads", other, org, [anchor])


def _succession_pairs(ctx: RelationContext, holders_at: dict[int, list[str]]) -> Iterator[tuple[str, str, Token]]:
    """(successor, predecessor, cue) from "X succeeded Z", "Z was succeeded by X", "X replaced Z",
    "his predecessor, Z" (his: the person named last before), "X's successor, Y"."""
    for t in ctx.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in cues()["succession_verbs"]:
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in t.children):
                later = [e for c in t.children if c.dep_ == "agent" for p in c.children for e in named_by(ctx, p)]
                earlier = [e for c in t.children if c.dep_ == "nsubjpass" for e in named_by(ctx, c)]
            else:
                later = subject_of(ctx, t) or [e for c in t.children if c.dep_ == "nsubj"
                                               for e in holders_at.get(c.i, [])]
                if not later and t.dep_ == "relcl":
                    later = named_by(ctx, t.head)
                earlier = [e for c in t.children if c.dep_ == "dobj" for e in named_by(ctx, c)]
            yield from ((a, b, t) for a in later for b in earlier if _both_people(ctx, a, b))
        elif lemma in cues()["predecessor_nouns"] or lemma in cues()["successor_nouns"]:
            named = _named_next_to(ctx, t)
            owner = _possessing_person(ctx, t)
            if not (named and owner and _both_people(ctx, named, owner)):
                continue
            if lemma in cues()["predecessor_nouns"]:
                yield owner, named, t
            else:
                yield named, owner, t


def _both_people(ctx: RelationContext, a: str, b: str) -> bool:
    return a != b and etype(ctx, a) == etype(ctx, b) == "person"


def _named_next_to(ctx: RelationContext, noun: Token) -> str | None:
    """"his predecessor, Z" / "Z, his predecessor": the person in apposition."""
    found = [e for c in noun.children if c.dep_ == "appos" for e in named_by(ctx, c)]
    if noun.dep_ == "appos":
        found += named_by_head(ctx, noun.head, 0)
    people = [e for e in found if etype(ctx, e) == "person"]
    return people[0] if people else None


def _possessing_person(ctx: RelationContext, noun: Token) -> str | None:
    """"his predecessor": the person named last before "his"; "X's successor": X."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ in {"his", "her"}:
            for i in range(c.i - 1, c.sent.start - 1, -1):
                eid = named_at(ctx, i)
                if eid and etype(ctx, eid) == "person":
                    return eid
            return None
        found = [e for e in named_by(ctx, c) if etype(ctx, e) == "person"]
        return found[0] if found else None
    return None


# --- answering to and leadership -------------------------------------------------------------------

def answers_to(ctx: RelationContext) -> Iterator[Candidate]:
    """"the brigades answer to the Quds Force", "take orders from Iran": the other side leads."""
    for v in ctx.tokens:
        if v.pos_ != "VERB":
            continue
        lemma = v.lemma_.lower()
        preps = {p for verb, p in (pair.split() for pair in cues()["answer_to"]) if verb == lemma}
        if not preps:
            continue
        if lemma == "take" and not any(c.dep_ == "dobj" and c.lemma_.lower() in {"order", "instruction"}
                                       for c in v.children):
            continue
        commanders = [e for p in pobjs(v, preps) for e in named_by(ctx, p)]
        commanders += [e for c in v.children if c.dep_ == "dobj" for p in pobjs(c, preps) for e in named_by(ctx, p)]
        for led in subject_of(ctx, v):
            for commander in commanders:
                yield Candidate("leads", commander, led, [v])


def leadership(ctx: RelationContext) -> Iterator[Candidate]:
    """"under Soleimani's leadership", "under the command of X": X leads the group named before;
    "Y, an elite unit under X": X leads the unit."""
    for t in ctx.tokens:
        if t.lower_ != "under":
            continue
        if has_cue("part_nouns", t.head) and t.head.tag_ == "NN":  # not "Hezbollah fighters under X"
            commanders = [e for c in t.children if c.dep_ == "pobj" for e in named_by(ctx, c)
                          if etype(ctx, e) == "person"]
            for unit in named_by(ctx, t.head) if commanders else []:
                yield from (Candidate("leads", commander, unit, [t]) for commander in commanders)
        for noun in (c for c in t.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() not in {"leadership", "command", "control", "direction", "guidance"}:
                continue
            leaders = [e for c in noun.children if c.dep_ == "poss" for e in named_by(ctx, c)]
            leaders += [e for p in pobjs(noun, {"of"}) for e in named_by(ctx, p)]
            led = _nearest_org_before(ctx, t, exclude=set(leaders))
            started = any(x.lower_ == "now" for x in ctx.doc[max(t.sent.start, t.i - 2) : t.i])
            for leader in leaders:
                if led:
                    yield Candidate("leads", leader, led, [t, noun],
                                    valid_from=ctx.published if started else None)


def _nearest_org_before(ctx: RelationContext, token: Token, exclude: set[str]) -> str | None:
    for i in range(token.i - 1, token.sent.start - 1, -1):
        eid = entity(ctx, ctx.doc[i])
        if eid and eid not in exclude and etype(ctx, eid) == "organization":
            return eid
    return None
