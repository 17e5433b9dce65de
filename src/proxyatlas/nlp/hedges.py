"""How sure the text is of a fact, and whose claim it is (SPEC.md "hedge", `attributed_to`).

A fact (relation, event, quantity) is given as its evidence tokens, the `anchor`: its cue and
argument tokens, all in one sentence. Its *top* is their lowest common ancestor.

Two scopes are read on the way from the top up to the root:

- the clause scope: the top and the heads reached from it through clausal links only (ccomp,
  xcomp, advcl, acl, ...). A negation, a modal, an "if", "likely" or "allegedly" there hedges
  the fact. A noun-phrase link (the top is the subject or object of a higher verb) closes it:
  in "Iranian-backed militias could attack", the backing is not what "could" qualifies.
- the attribution scope: every head up to the root, except a verb reached through its own
  subject. A verb of saying there (attribution.yaml gives its hedge: say -> reported,
  claim -> alleged, deny -> denied) makes the fact its speaker's claim; outside the clause
  scope only its attribution and doubt carry over (a denial or prediction of something else
  does not deny or predict a presupposed fact, so those become "reported").

Sentence-level sources come after: the anchor inside a quotation (the quoted speaker),
"according to X", and a following sentence that is only "..., he said".

The hedge is the least sure cue found (denied > speculative > alleged > reported > asserted);
`attributed_to` is the innermost source found, whichever cue set the hedge, so a modal inside
a quotation stays speculative and keeps the quoted speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from ..lexicon import load_lexicon
from ..model import HEDGES, Statement
from .attribution import (
    SPEAKER_TYPES,
    Quote,
    according_to,
    inside_quote,
    is_saying_verb,
    saying_hedge,
    speaker_of,
)
from .resolve import Resolved

# Links through which the clause scope continues upwards: the child is a clause (or the
# predicate) of its head, not one of its noun-phrase arguments.
_OPEN_LINKS = {"ccomp", "xcomp", "advcl", "parataxis", "pcomp", "acl", "relcl", "csubj", "csubjpass",
               "attr", "acomp", "prep", "ROOT"}
_SUBJECT_LINKS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_FINITE_TAGS = {"VBZ", "VBD", "VBP", "MD"}
_CUE_CHILD_DEPS = {"neg", "aux", "auxpass", "advmod", "amod", "acomp", "mark", "det", "npadvmod", "preconj"}
# How what is said hangs off a verb of saying: "said (that) ...", "denied arming", "accused X of".
_CONTENT_LINKS = {"ccomp", "parataxis", "xcomp", "dobj", "prep", "oprd", "attr", "acl", "pcomp"}
# Clauses that can share their subject with the verb they hang from ("denied arming", "could
# arm X and supports Y").
_SHARED_SUBJECT_LINKS = {"conj", "xcomp", "ccomp", "advcl", "parataxis"}
# How a clause hangs off a claim noun: "claims that ...", "a report on ..." (the parser may call
# "claims that it arms X" an adverbial clause of the noun).
_CLAIM_NOUN_LINKS = {"acl", "ccomp", "prep", "advcl"}
_MAX_DEPTH = 40
_TRAILING_SAID_MAX_TOKENS = 6


@dataclass(frozen=True)
class _Cue:
    hedge: str
    source: str | None  # the entity whose claim it makes the fact, when known
    accusation: bool = False  # a claim noun that alleges the fact ("US accusations that ...")


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    return load_lexicon("hedges")


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _cues()[key])


def surest(hedges: Iterable[str]) -> str:
    """The surest of several hedges (a fact seen in several sentences keeps the surest)."""
    ranked = [h for h in hedges if h in HEDGES]
    return min(ranked, key=HEDGES.index) if ranked else "asserted"


def _least_sure(hedges: Iterable[str]) -> str:
    ranked = [h for h in hedges if h in HEDGES]
    return max(ranked, key=HEDGES.index) if ranked else "asserted"


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < _MAX_DEPTH:
        chain.append(chain[-1].head)
    return chain


def _lowest_common(tokens: list[Token]) -> Token:
    chains = [_ancestors(t) for t in tokens]
    common = set(chains[0]).intersection(*chains[1:])
    return next(t for t in chains[0] if t in common) if common else chains[0][-1]


def _top(anchor: list[Token], quotes: list[Quote]) -> Token:
    """The lowest common ancestor of the anchor tokens: the phrase or clause that states the fact
    ("Tehran would hold leverage over X" -> "hold"; "Iranian-backed militias" -> "militias").
    A verb outside the anchor that only lends the fact its subject is not the fact's clause:
    "Iran denied supporting X", "Iran could arm Y and supports X", "accused Iran of arming X"."""
    top = _lowest_common(anchor)
    if top in anchor:
        return top
    subject_side = {t.i for c in top.children if c.dep_ in _SUBJECT_LINKS for t in c.subtree}
    groups: dict[int, list[Token]] = {}
    for token in anchor:
        if token.i not in subject_side:
            child = next(a for a in _ancestors(token) if a.head.i == top.i)
            groups.setdefault(child.i, []).append(token)
    children = {i: top.doc[i] for i in groups}
    if len(groups) == 1 and next(iter(children.values())).dep_ in _SHARED_SUBJECT_LINKS:
        return _lowest_common(next(iter(groups.values())))
    if is_saying_verb(top, quotes) or top.lemma_.lower() in _cues()["thinking_verbs"]:
        said = [i for i, c in children.items() if c.dep_ in _CONTENT_LINKS - {"dobj"}]
        if said:
            return _lowest_common(max((groups[i] for i in said), key=len))
    return top


def _stays_open(child: Token) -> bool:
    """Whether the head's clause cues reach `child`'s clause."""
    if child.dep_ in _OPEN_LINKS:
        return True
    if child.dep_ == "conj":
        # "did not arm and train" shares the negation; "could arm X and supports Y" does not.
        own_subject = any(c.dep_ in _SUBJECT_LINKS for c in child.children)
        own_aux = any(c.dep_ in {"aux", "auxpass"} for c in child.children)
        return not own_subject and not own_aux and child.tag_ not in _FINITE_TAGS
    return False


def _own_clause(clause: Token) -> bool:
    """A verb the parser hung across a semicolon is a clause of its own: in "X sanctioned Y, accusing it
    of arming Z; Y denied the charge", the sanctioning is not what Y denies."""
    head = clause.head
    if clause.pos_ not in {"VERB", "AUX"} or clause.dep_ not in {"ccomp", "parataxis", "conj"}:
        return False
    between = clause.doc[clause.right_edge.i + 1:head.i] if clause.i < head.i \
        else clause.doc[head.i + 1:clause.left_edge.i]
    return any(t.text == ";" for t in between)


def _path(top: Token) -> list[tuple[Token, Token | None, bool, bool]]:
    """(head, child it was reached from, scope open at the child, scope open at the head)
    from the top to the root."""
    out: list[tuple[Token, Token | None, bool, bool]] = [(top, None, True, True)]
    current, open_ = top, True
    for _ in range(_MAX_DEPTH):
        if current.head.i == current.i or _own_clause(current):
            break
        below = open_
        open_ = open_ and _stays_open(current)
        out.append((current.head, current, below, open_))
        current = current.head
    return out


def _is_negation(token: Token) -> bool:
    if token.lower_ not in _words("negations") or token.dep_ not in {"neg", "advmod", "det", "preconj"}:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ in _words("negation_exceptions_next"):
        return False
    if token.dep_ == "det":  # "no" negates only a noun of evidence: "no evidence that"
        return token.head.lemma_.lower() in _words("negating_nouns")
    return True


def _restricted(clause: Token) -> bool:
    """"never relied on Y alone", "does not rely solely on Y": a restrictor on the clause or on one of
    its prepositions."""
    restrictors = _words("negation_exceptions_restrictors")
    holders = [clause, *(c for c in clause.children if c.dep_ == "prep")]
    return any(c.dep_ == "advmod" and c.lower_ in restrictors for h in holders for c in h.children)


def _clause_cues(token: Token) -> list[str]:
    """Hedges that the words on and around one clause-scope token give."""
    found: list[str] = []
    lemma = token.lemma_.lower()
    if lemma in _words("speculative_words") or token.lower_ in _words("speculative_words"):
        found.append("speculative")
    if token.pos_ in {"VERB", "AUX"} and lemma in _words("negating_verbs"):
        found.append("denied")
    for child in token.children:
        if child.dep_ not in _CUE_CHILD_DEPS:
            continue
        word, clemma = child.lower_, child.lemma_.lower()
        if _is_negation(child):
            if not _restricted(token):
                found.append("denied")
        elif child.dep_ == "aux" and child.tag_ == "MD" and word in _words("modals"):
            found.append("speculative")
        elif child.dep_ == "mark" and word in _words("conditional_marks"):
            found.append("speculative")
        elif word in _words("speculative_words") or clemma in _words("speculative_words"):
            found.append("speculative")
        elif word in _words("alleged_words"):
            found.append("alleged")
        elif word in _words("reported_words"):
            found.append("reported")
    return found


def _denied_inside(anchor: list[Token], top: Token) -> bool:
    """Whether a "no" sits on the fact's own words, between an anchor token and the top, or on the
    top's object: "has no links to Y", "has no fighters in Sudan" (the object is negated, not the verb)."""
    objects = [c for c in top.children if c.dep_ == "dobj"]
    for token in anchor + objects:
        for step in _ancestors(token):
            if any(c.dep_ == "det" and c.lower_ == "no" for c in step.children):
                return True
            if step.i == top.i:
                break
    return False


def _conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _words("conditional_marks") for c in clause.children)


def _owner(noun: Token, resolved: Resolved) -> str | None:
    """The actor a claim noun belongs to: "Saudi claims", "Iran's denial", "a report by Reuters"."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            eid = resolved.entity_at(child.i)
            if eid and resolved.entities[eid].type in SPEAKER_TYPES:
                return eid
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            for pobj in child.children:
                eid = resolved.entity_at(pobj.i)
                if pobj.dep_ == "pobj" and eid and resolved.entities[eid].type in SPEAKER_TYPES:
                    return eid
    return None


def _saying_cue(head: Token, child: Token, open_: bool, resolved: Resolved, quotes: list[Quote]) -> _Cue | None:
    """The hedge and speaker a governing verb of saying or thinking, or claim noun, gives."""
    lemma = head.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"}:
        hedge = _cues()["hedge_nouns"].get(lemma) if child.dep_ in _CLAIM_NOUN_LINKS else None
        return _Cue(_carried(hedge, open_), _owner(head, resolved), hedge == "alleged") if hedge else None
    if is_saying_verb(head, quotes):
        hedge = saying_hedge(head) or "reported"
    elif head.pos_ in {"VERB", "AUX"} and lemma in _cues()["thinking_verbs"]:
        hedge = _cues()["thinking_verbs"][lemma]
    else:
        return None
    return _Cue(_carried(hedge, open_), _speaker(head, resolved))


def _aside_cues(head: Token, resolved: Resolved, quotes: list[Quote]) -> list[_Cue]:
    """A verb of saying set in the fact's clause as an aside: "Iran, he said, supports ..."."""
    out = []
    for child in head.children:
        if child.dep_ != "parataxis" or any(c.dep_ in {"ccomp", "xcomp"} for c in child.children):
            continue
        if is_saying_verb(child, quotes):
            out.append(_Cue(saying_hedge(child) or "reported", _speaker(child, resolved)))
    return out


def _speaker(verb: Token, resolved: Resolved) -> str | None:
    """The speaker of a verb of saying. A passive one ("Iran was accused of") is said by its agent,
    not its subject; a subject like "Saudi authorities" speaks for the actor of its adjective."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                return _actor_of(pobj, resolved)
        return None
    found = speaker_of(verb, resolved)
    if found is None:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            found = _owner(subject, resolved)
    return found


def _actor_of(noun: Token, resolved: Resolved) -> str | None:
    eid = resolved.entity_at(noun.i)
    if eid and resolved.entities[eid].type in SPEAKER_TYPES:
        return eid
    return _owner(noun, resolved)


def _carried(hedge: str, open_: bool) -> str:
    """Outside the clause scope a denial or prediction does not reach a presupposed fact."""
    return hedge if open_ or hedge not in {"denied", "speculative"} else "reported"


def _path_cues(top: Token, resolved: Resolved, quotes: list[Quote]) -> list[_Cue]:
    cues: list[_Cue] = []
    for head, child, below, open_ in _path(top):
        if open_:
            cues.extend(_Cue(h, None) for h in _clause_cues(head))
            cues.extend(_aside_cues(head, resolved, quotes))
        elif _conditional(head):
            # a condition is hypothetical down to its noun phrases, unlike a denial, which presupposes
            # them: "if X becomes the main recipient of Iranian aid to Y"
            cues.append(_Cue("speculative", None))
        if child is None or child.dep_ not in _CONTENT_LINKS and not (
                head.pos_ in {"NOUN", "PROPN"} and child.dep_ in _CLAIM_NOUN_LINKS):
            continue  # the fact is not what the head says (its subject, a condition, a time)
        cue = _saying_cue(head, child, below, resolved, quotes)
        if cue:
            cues.append(cue)
    return cues


def _quote_of(token: Token, quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if q.start <= token.idx < q.end), None)


def _quote_speaker(quote: Quote, token: Token, resolved: Resolved, quotes: list[Quote],
                   statements: list[Statement]) -> str | None:
    """Who is quoted: the direct statement of that quotation, else a nearby verb of saying."""
    doc = token.doc
    text = quote.text
    for st in statements:
        if st.direct and st.text == text:
            return st.speaker
    for st in statements:
        if st.direct and any(ev.start <= token.idx < ev.end for ev in st.evidence):
            return st.speaker
    sents = _sentences_around(doc[token.i].sent, quote)
    verbs = [t for s in sents for t in s if not inside_quote(t, quotes) and is_saying_verb(t, quotes)]
    verbs.sort(key=lambda t: min(abs(t.idx - quote.start), abs(t.idx - quote.end)))
    for verb in verbs:
        speaker = _speaker(verb, resolved)
        if speaker:
            return speaker
    return None


def _sentences_around(sent: Span, quote: Quote) -> list[Span]:
    """The sentences a quotation overlaps, and one either side."""
    sents = list(sent.doc.sents)
    index = [i for i, s in enumerate(sents) if quote.start < s.end_char and quote.end > s.start_char]
    if not index:
        index = [next(i for i, s in enumerate(sents) if s.start == sent.start)]
    first, last = max(0, min(index) - 1), min(len(sents), max(index) + 2)
    return sents[first:last]


def _trailing_said(sent: Span, resolved: Resolved, quotes: list[Quote]) -> str | None:
    """The speaker of a next sentence that is only "..., he said." (split from the fact's)."""
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    following = doc[sent.end].sent
    words = [t for t in following if not t.is_punct]
    root = following.root
    if len(words) > _TRAILING_SAID_MAX_TOKENS or not is_saying_verb(root, quotes):
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "dobj", "parataxis"} for c in root.children):
        return None
    return _speaker(root, resolved)


def _sentence_cues(top: Token, resolved: Resolved, quotes: list[Quote],
                   statements: list[Statement]) -> list[_Cue]:
    sent = top.sent
    cues: list[_Cue] = []
    quote = _quote_of(top, quotes)
    if quote is not None:
        cues.append(_Cue("reported", _quote_speaker(quote, top, resolved, quotes, statements)))
    for token, eid in according_to(sent, resolved):
        if inside_quote(token, quotes) == (quote is not None):  # same side of the quotation marks
            cues.append(_Cue("reported", eid))
    said = _trailing_said(sent, resolved, quotes)
    if said:
        cues.append(_Cue("reported", said))
    return cues


def hedge_for(anchor: list[Token], resolved: Resolved, quotes: list[Quote],
              statements: list[Statement]) -> tuple[str, str | None]:
    """(hedge, attributed_to) of a fact whose evidence tokens are `anchor` (one sentence)."""
    if not anchor:
        return "asserted", None
    top = _top(anchor, quotes)
    path = _path_cues(top, resolved, quotes)
    accused = _rejected_accusation(path)
    if accused is not None:
        return "alleged", accused.source
    cues = path + _sentence_cues(top, resolved, quotes, statements)
    hedge = _least_sure([c.hedge for c in cues] + (["denied"] if _denied_inside(anchor, top) else []))
    source = next((c.source for c in cues if c.source), None)
    return hedge, source


def _rejected_accusation(path: list[_Cue]) -> _Cue | None:
    """"Iran rejected US accusations that it arms X": the text gives the fact as the accuser's claim
    and the denial of it; a fact both claimed and denied keeps the surer hedge (ANNOTATION.md)."""
    for k, cue in enumerate(path):
        if cue.accusation and any(c.hedge == "denied" for c in path[k + 1:]):
            return cue
    return None
