"""Backing, founding and training (supports, created, trains), from three kinds of cue:

  hyphens  a hyphenated participle wherever its noun stands: "Iranian-backed militia", "Hezbollah,
           the Iran-backed group", "A and B are Russian-backed entities", "the Iran-backed movement
           said" (the group just named), "an alliance of Moscow-backed battalions" (the whole)
  verbs    "X backs Y", "Y is backed by X", "Y, founded by X in 2014", "al-Muhandis, who founded Y",
           "the movement Tehran has armed", "accused X of arming Y", "X provides assistance to Y",
           "Y receives money from X", "Y relies on X", "X funded Y's operations"
  nouns    "Iran, the group's main backer", "Iran's proxies, A and B", "X's support for Y",
           "founded with the help of X", "Iranian advisers to Y"
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..phrases import (
    apposed_by_position,
    category,
    cue_word,
    cues,
    entity,
    etype,
    has_cue,
    is_passive,
    listed_after_dash,
    listed_examples,
    name_before_apposition,
    named_by,
    named_by_head,
    pobjs,
    relcl_antecedent,
    salient_before,
    subject_of,
)
from .candidates import Candidate, RelationContext

_HYPHENS = {"-", "‐"}
_PREDICATE_DEPS = {"acomp", "attr", "ROOT"}
_MODIFIER_DEPS = {"compound", "amod", "nmod"}
_VERBAL = {"VERB", "AUX"}


# --- whom a phrase names, through the constructions backing sentences use ------------------------

def _named(ctx: RelationContext, token: Token, conjuncts: bool = True) -> list[str]:
    """named_by (named_by_head without `conjuncts`), reading a relative pronoun as its antecedent
    and a descriptive noun in apposition as the name it describes ("Kadyrov, the Kremlin-backed
    head of Chechnya")."""
    antecedent = relcl_antecedent(token)
    token = antecedent or token
    found = named_by(ctx, token) if conjuncts else named_by_head(ctx, token, 0)
    if not found and token.dep_ == "appos":
        # "the SNA, an alliance of ...": the parser may hang the apposition on a later word
        found = named_by_head(ctx, token.head, 1) or apposed_by_position(ctx, token)
    elif not found and antecedent is not None:
        # "the AFC, a coalition that X launched": the description after the name, parsed as a predicate
        found = apposed_by_position(ctx, token)
    return found


def _described(ctx: RelationContext, noun: Token) -> list[str]:
    """The organisations a noun that a participle modifies stands for: its name, the name it is in
    apposition to, the umbrella it is a member of ("an alliance of Tehran-backed factions"), the
    names coordinated under one plural head ("the Iran-backed Hamas and Islamic Jihad movements"),
    the one that is one of them ("X, one of several Iran-backed militias"), or, for "the Iran-backed
    group" with nothing more, the group the text is about."""
    found = _named(ctx, noun, conjuncts=False)
    if found:
        # Names coordinated under one plural head: "the Iran-backed Hamas and Islamic Jihad movements",
        # "Iran-backed militias, Kataib Hezbollah and Nujaba".
        if _is_plural_head(ctx, noun):
            listed = {*_MODIFIER_DEPS, "appos"} if any(c.dep_ == "cc" for c in noun.children) \
                else {*_MODIFIER_DEPS, "appos", "conj"}  # a bare comma is an apposition misread
            names = [c for c in noun.children if c.dep_ in listed and entity(ctx, c)]
        else:
            names = [noun] if noun.dep_ in _MODIFIER_DEPS and _is_plural_head(ctx, noun.head) else []
        found += [e for name in names for c in name.conjuncts if (e := entity(ctx, c)) and e not in found]
        # The parser's other reading of the same: "Hamas" coordinated with "Islamic Jihad movements".
        found += [e for c in noun.children if c.dep_ == "conj" and _is_plural_head(ctx, c)
                  for m in c.children if m.dep_ in _MODIFIER_DEPS and (e := entity(ctx, m))
                  and etype(ctx, e) == "organization" and e not in found]
        return found
    collective = _collective_of(noun)
    if collective is not None:
        return _described(ctx, collective)
    quantifier = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if quantifier is not None and has_cue("quantifiers", quantifier):  # "X, one of several X-backed groups"
        if quantifier.dep_ == "attr":
            return _copula_subjects(ctx, quantifier.head)
        return _named(ctx, quantifier)
    quoted = name_before_apposition(ctx, noun)  # 'the "axis of resistance", an Iran-aligned alliance'
    if quoted:
        return quoted
    group = salient_before(ctx, noun) if _is_reference(noun) else None
    # An outlet in the dateline is no "Iran-backed movement".
    return [group] if group and category(ctx, group) not in {"media", "research"} else []


def _is_plural_head(ctx: RelationContext, noun: Token) -> bool:
    return noun.tag_ in {"NNS", "NNPS"} and not entity(ctx, noun)


def _collective_of(noun: Token) -> Token | None:
    """"an alliance of Moscow-backed battalions" -> alliance."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and has_cue("collective_nouns", noun.head.head):
        return noun.head.head
    return None


def _is_reference(noun: Token) -> bool:
    """"the Iran-backed Lebanese group": a definite group noun with only descriptive modifiers."""
    definite = any(c.lower_ == "the" for c in noun.children)
    if not definite or noun.lemma_.lower() not in cues()["anaphoric_nouns"]:
        return False
    naming = {"of", "as", "including", "like"}  # "the group of X", "groups such as X" name their own
    return not any(c.dep_ in {"appos", "compound", "poss"} or c.dep_ == "prep" and c.lower_ in naming
                   for c in noun.children)


def _copula_subjects(ctx: RelationContext, verb: Token) -> list[str]:
    """"A and B are Russian-backed": the subjects of a predicate."""
    return [e for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for e in _named(ctx, c)]


def _undergoers(ctx: RelationContext, verb: Token) -> list[str]:
    """Who a clause is about: its subject, active or passive ("the group was founded ..."), the noun a
    participle modifies ("a force set up by X"), or the main clause's subject for a leading
    participle ("Founded by X, the ADF grew")."""
    found = [e for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for e in _named(ctx, c)]
    if found:
        return found
    if verb.dep_ in {"acl", "relcl"}:
        described = _described(ctx, verb.head)
        if not described and verb.head.dep_ == "attr":  # "Y is a company controlled by X"
            return _copula_subjects(ctx, verb.head.head)
        return described
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return subject_of(ctx, verb.head)
    return subject_of(ctx, verb)


# --- hyphenated participles ------------------------------------------------------------------------

def hyphens(ctx: RelationContext) -> Iterator[Candidate]:
    """"an IRGC-created militia, the NDF", "Iranian-backed groups such as A and B", "Lebanese-based"."""
    doc = ctx.doc
    for t in doc:
        if t.text not in _HYPHENS or t.i == 0 or t.i + 1 >= len(doc):
            continue
        modifier = entity(ctx, doc[t.i - 1])
        participle = doc[t.i + 1]
        rtype = cue_word("hyphen_participles", participle)
        if modifier is None or rtype is None:
            continue
        targets, predicated = _modified(ctx, participle)
        for target in targets:
            if rtype == "operates_in":
                yield Candidate("operates_in", target, modifier, [participle], descriptive=True)
            else:
                # Used attributively ("the Iran-backed Hezbollah") the participle describes; used in
                # a predicate ("the BJI is Iranian-led") it is a claim, hedged like any other.
                yield Candidate(rtype, modifier, target, [participle], descriptive=not predicated)


def _modified(ctx: RelationContext, participle: Token) -> tuple[list[str], bool]:
    """What a hyphenated participle describes, and whether it is predicated of it: its noun, or the
    subject of "X is Iranian-led" and of "X and Y are Russian-backed entities"."""
    if participle.dep_ in _PREDICATE_DEPS:
        return _copula_subjects(ctx, participle.head), True
    following = ctx.doc[participle.i + 1 : participle.i + 5]
    noun = participle.head if participle.head.i > participle.i and participle.head.pos_ in {"NOUN", "PROPN"} \
        else next((t for t in following if t.pos_ in {"NOUN", "PROPN"}), None)
    if noun is None:
        return [], False
    # Only its own noun: in "IRGC-backed Kataib Hezbollah and the Nujaba movement" the second
    # group is not said to be IRGC-backed.
    described = _described(ctx, noun)
    if not described and noun.dep_ == "attr":
        return _copula_subjects(ctx, noun.head), True
    return described, False


# --- verbs -------------------------------------------------------------------------------------------

def verbs(ctx: RelationContext) -> Iterator[Candidate]:
    """Backing verbs and their gerunds, verbs of giving and receiving, and "rely on" (with the
    adjectives "dependent on", "reliant on")."""
    for v in ctx.tokens:
        rtype = _verb_type(v)
        if rtype is not None:
            yield from _verb_relation(ctx, v, rtype)
        if v.pos_ in _VERBAL and (has_cue("support_verbs", v) or rtype == "supports"):
            yield from _support_phrase(ctx, v)
        if v.pos_ in _VERBAL and has_cue("receive_verbs", v):
            yield from _received(ctx, v)
        if v.pos_ in {*_VERBAL, "ADJ"} and has_cue("reliance_words", v):
            yield from _reliance(ctx, v)


def _verb_type(v: Token) -> str | None:
    """The relation a verb gives: "set up" read with its particle; a gerund the parser took for a
    noun ("accused X of arming and training Y") read as its verb."""
    table = cues()["by_word"]["verbs"]
    if v.pos_ in _VERBAL:
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        return (particle and table.get(f"{v.lemma_.lower()} {particle}")) or cue_word("verbs", v)
    if v.tag_ == "NN" and v.lower_.endswith("ing") and _is_gerund(v):
        stem = v.lower_[:-3]
        return next((table[s] for s in (stem, stem + "e", stem[:-1]) if s in table), None)
    return None


def backing_word(word: Token) -> bool:
    """"arming", "sheltering", "supplying weapons to": a verb (or a gerund the parser made a noun) of
    backing, training, founding or giving."""
    return _verb_type(word) in {"supports", "trains", "created"} \
        or word.pos_ in _VERBAL and has_cue("support_verbs", word)


def _is_gerund(noun: Token) -> bool:
    return any(c.dep_ == "dobj" or c.dep_ == "conj" and c.pos_ in _VERBAL for c in noun.children)


def _coordinated_verbs(v: Token) -> list[Token]:
    """"is armed, funded and trained by X": the verbs of one coordination share subject and agent."""
    first = v
    while first.dep_ == "conj" and (first.head.pos_ in _VERBAL or _is_gerund(first.head)) \
            and first.head.i != first.i:
        first = first.head
    return [first, *first.conjuncts]


def _doers(ctx: RelationContext, v: Token) -> list[str]:
    """Who does what a verb says: the accused of "accused X of arming Y", the subject, or the
    antecedent of a relative subject ("al-Muhandis, who founded Y", "Russia, whose jets backed Y")."""
    first = _coordinated_verbs(v)[0]
    accused = _accused(ctx, first)
    if accused is not None:
        return accused
    found = subject_of(ctx, v)
    if found:
        return found
    for subject in (c for c in first.children if c.dep_ == "nsubj"):
        whose = any(c.dep_ == "poss" and c.lower_ == "whose" for c in subject.children)
        if first.dep_ == "relcl" and (whose or relcl_antecedent(subject) is not None):
            return _relative_antecedent(ctx, first, person=subject.lower_ == "who")
    return _passive_partner_subject(ctx, v)


def _passive_partner_subject(ctx: RelationContext, v: Token) -> list[str]:
    """"X was founded in 2013 and sent fighters to defend Y": a verb coordinated with a passive one
    shares its passive subject (subject_of looks for active subjects only)."""
    current = v
    for _ in range(4):
        if current.dep_ == "conj" and current.head.i != current.i:
            return [e for c in current.head.children if c.dep_ == "nsubjpass" for e in _named(ctx, c)]
        if current.dep_ not in {"advcl", "xcomp"} or current.head.i == current.i:
            return []
        current = current.head
    return []


def _accused(ctx: RelationContext, verb: Token) -> list[str] | None:
    """"accused X of arming Y": X. subject_of reads the plain case; this also reads a relative
    ("which they accuse of arming"), a gerund the parser made a noun, and an "of" hung on X."""
    of = verb.head if verb.dep_ in {"pobj", "pcomp"} and verb.head.lower_ == "of" else None
    if of is None:
        return None
    if of.head.lemma_.lower() in cues()["accuse_verbs"]:
        accuser = of.head
        if accuser.dep_ == "acl":  # headline style: "UAE accused of arming ..."
            return named_by(ctx, accuser.head)
        return [e for c in accuser.children if c.dep_ in {"dobj", "nsubjpass"} for e in _named(ctx, c)]
    accused = of.head
    while accused.dep_ == "conj" and accused.head.i != accused.i:  # "accuses X and its agency of arming"
        accused = accused.head
    if accused.dep_ == "dobj" and accused.head.lemma_.lower() in cues()["accuse_verbs"]:
        return _named(ctx, accused)
    return None


def _relative_antecedent(ctx: RelationContext, clause: Token, person: bool) -> list[str]:
    """The actor a relative clause is about; a "who" clause the parser hung on the organisation in
    "X, the deputy chief of Y, who founded Z" is about the person X."""
    noun = clause.head
    for _ in range(4):
        found = _named(ctx, noun)
        if not person or any(etype(ctx, e) == "person" for e in found):
            return found
        if noun.head.i == noun.i or noun.dep_ not in {"pobj", "prep", "appos"}:
            return []
        noun = noun.head
    return []


def _verb_relation(ctx: RelationContext, v: Token, rtype: str) -> Iterator[Candidate]:
    descriptive = False
    if is_passive(v) or (v.dep_ == "conj" and any(is_passive(x) for x in _coordinated_verbs(v))):
        coordinated = _coordinated_verbs(v)
        descriptive = _describes_apposition(coordinated[0])
        # A verb's own "by"-agent wins ("led by X and dominated by Y"); one without borrows it
        # from its coordination ("armed, funded and trained by X").
        own = [c for c in v.children if c.dep_ == "agent"]
        agent_preps = own or [c for x in coordinated for c in x.children if c.dep_ == "agent"]
        sources = [e for c in agent_preps for p in c.children if p.dep_ == "pobj" for e in named_by(ctx, p)]
        targets = [e for x in coordinated for c in x.children if c.dep_ == "nsubjpass"
                   for e in _named(ctx, c)]
        if not targets:
            targets = _undergoers(ctx, coordinated[0]) or listed_after_dash(ctx, v)
    elif (misread := _verb_read_as_modifier(ctx, v)) is not None:
        sources, targets = misread
    else:
        sources = _doers(ctx, v)
        targets = []
        # "paid Putin a visit": with an object of its own the dative is only a recipient, which the
        # verb-of-giving reading takes when the object is backing ("supplied Hezbollah weapons")
        objects = [c for c in v.children if c.dep_ == "dobj"] or [c for c in v.children if c.dep_ == "dative"]
        if not objects:  # "Iran founded, funds and arms": coordinated verbs share one object
            objects = [c for x in _coordinated_verbs(v) for c in x.children if c.dep_ == "dobj"]
        for c in objects:
            if rtype == "created" and has_cue("activity_nouns", c):
                continue  # "launched an offensive, Operation X" founds no organisation
            if rtype == "leads" and _unnamed_part(ctx, c):
                # "commanded a DPR combat unit", "runs the armed wing of Hamas": the head of a part
                # is a member of the whole
                yield from (Candidate("member_of", s, o, [v]) for s in sources for o in _named(ctx, c))
                continue
            if rtype == "leads" and has_cue("state_agent_nouns", c) and not entity(ctx, c):
                # "commanded Russia's troops" leads no state; "commanded Hamas's fighters" leads Hamas
                targets += [e for e in _named(ctx, c) if etype(ctx, e) != "country"]
                continue
            targets += (_helped_before_infinitive(ctx, v) if has_cue("help_verbs", v) else []) \
                or _named(ctx, c) or _recruited_for(ctx, c) \
                or (_activity_owners(ctx, c) if rtype == "supports" else [])
        if not objects and v.dep_ == "relcl" and not _relative_subject(v):
            targets += _described(ctx, v.head)  # "the Lebanese movement Tehran has armed"
        if not objects:  # "the Quds Force is helping Hezbollah rebuild": the helped do the rest
            targets += [e for c in v.children if c.dep_ in {"ccomp", "xcomp"}
                        for s in c.children if s.dep_ == "nsubj" for e in named_by(ctx, s)]
    for s in sources:
        for o in targets:
            yield Candidate(rtype, s, o, [v], descriptive=descriptive)


def _helped_before_infinitive(ctx: RelationContext, v: Token) -> list[str]:
    """"Hezbollah helped the Syrian Arab Army retake Aleppo": the parser makes the bare infinitive
    a noun with the helped for its modifier; the name right after the verb is who was helped."""
    i = v.i + 1
    if i < len(v.doc) and v.doc[i].lower_ == "the":
        i += 1
    eid = entity(ctx, v.doc[i]) if i < len(v.doc) else None
    return [eid] if eid else []


def _verb_read_as_modifier(ctx: RelationContext, v: Token) -> tuple[list[str], list[str]] | None:
    """"The UAE armed Khalifa Haftar", "Egypt has armed Haftar": the parser may take a past tense
    before a name for an adjective of the name ("armed Haftar"). A past-tense form right between
    its doer (or "has"/"have"/"had" after it) and a name is the verb, and the name its object."""
    if v.dep_ not in {"amod", "compound"} or v.tag_ not in {"VBD", "VBN"} or v.i == 0 or v.head.i <= v.i:
        return None
    named = entity(ctx, v.head)
    if named is None or any(entity(ctx, t) != named for t in v.doc[v.i + 1: v.head.i + 1]):
        return None  # "armed Houthi fighters": the modified noun is no name
    before = v.doc[v.i - 1]
    if before.lemma_ == "have" and before.pos_ in _VERBAL:
        doers = subject_of(ctx, before)
    else:
        doers = [e for c in v.children if c.dep_ == "nsubj" for e in named_by(ctx, c)] \
            or ([e] if (e := entity(ctx, before)) else [])
    return doers, [named]


def _unnamed_part(ctx: RelationContext, noun: Token) -> bool:
    """"a DPR combat unit", "the armed wing of Hamas": a part noun that is no name of its own; "its
    forces" are the whole organisation under arms, not a part."""
    return has_cue("part_nouns", noun) and not has_cue("state_agent_nouns", noun) and entity(ctx, noun) is None


def _describes_apposition(participle: Token) -> bool:
    """"the Africa Corps, a force set up by the defence ministry", "the SNA, an alliance of groups
    armed by Turkey": a participle in an apposition is the author's description, whoever speaks."""
    if participle.dep_ != "acl":
        return False
    collective = _collective_of(participle.head)
    return participle.head.dep_ == "appos" or collective is not None and collective.dep_ == "appos"


def _relative_subject(clause: Token) -> bool:
    return any(c.dep_ == "nsubj" and (relcl_antecedent(c) is not None or c.lower_ == "whose"
                                      or any(x.lower_ == "whose" for x in c.children))
               for c in clause.children)


def _recruited_for(ctx: RelationContext, noun: Token) -> list[str]:
    """"fighters recruited for the BJI", "fighters of Hezbollah": whose fighters a generic noun names."""
    out = []
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"}:
            out += [e for p in pobjs(child, {"for", "by", "into"}) for e in named_by(ctx, p)]
    return out


def _activity_owners(ctx: RelationContext, noun: Token) -> list[str]:
    """"funded Wagner's operations", "backed the group's offensive": whose doings are backed."""
    if not has_cue("activity_nouns", noun):
        return []
    return [e for c in noun.children if c.dep_ == "poss" for e in named_by(ctx, c)] \
        + [e for p in pobjs(noun, {"of"}) for e in named_by(ctx, p)]


def _support_phrase(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"X provides assistance to Y", "X sends weapons to Y", "X gave Y training", "X assisted Y with
    money and training"."""
    if is_passive(v):
        yield from _supplied(ctx, v)
        return
    objects = [c for c in v.children if c.dep_ == "dobj"]
    for recipient in objects:
        # "Tehran provides the group with weapons, money and training"
        for thing in pobjs(recipient, {"with"}) + pobjs(v, {"with"}):
            for rtype in {cue_word("support_nouns", t) for t in [thing, *thing.conjuncts]} - {None}:
                for s in _doers(ctx, v):
                    for o in _named(ctx, recipient):
                        yield Candidate(rtype, s, o, [v, thing])  # type: ignore[arg-type]
    for obj in objects:
        # "gave the group $200 million": money is backing, unless it buys something ("paid X $1 billion
        # for gas")
        purchase = bool(pobjs(v, {"for"}) + pobjs(obj, {"for"}))
        rtype = cue_word("support_nouns", obj) or ("supports" if _is_money(obj) and not purchase else None)
        if rtype is None:
            continue
        targets = [e for p in pobjs(v, {"to", "for"}) + pobjs(obj, {"to", "for"}) for e in named_by(ctx, p)]
        targets += [e for c in v.children if c.dep_ == "dative" for e in named_by(ctx, c)]
        # "gives the Houthis backing": the parser often makes the recipient a modifier of the thing.
        targets += [e for c in obj.children if c.dep_ == "nmod" for e in named_by(ctx, c)]
        for s in _doers(ctx, v):
            for o in targets:
                yield Candidate(rtype, s, o, [v, obj])


def _supplied(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"drones supplied by Iran to the Houthis", "weapons were sent to Hezbollah by Iran"."""
    things = [c for c in v.children if c.dep_ == "nsubjpass"] or ([v.head] if v.dep_ == "acl" else [])
    givers = [e for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
              for e in named_by(ctx, p)]
    receivers = [e for c in v.children if c.dep_ in {"prep", "dative"} and c.lower_ in {"to", "for"}
                 for p in c.children if p.dep_ == "pobj" for e in named_by(ctx, p)]
    for thing in things:
        rtype = cue_word("support_nouns", thing) or ("supports" if _is_money(thing) else None)
        for giver in givers if rtype else []:
            for receiver in receivers:
                yield Candidate(rtype, giver, receiver, [v, thing])  # type: ignore[arg-type]


def _is_money(noun: Token) -> bool:
    """"$200 million", "86 billion roubles"."""
    return any(t.tag_ == "$" or has_cue("currency_words", t) for t in noun.subtree)


def _received(ctx: RelationContext, v: Token) -> Iterator[Candidate]:
    """"Y receives money and weapons from X", "the fighters got training from X"."""
    for thing in (c for c in v.children if c.dep_ == "dobj"):
        things = [thing, *thing.conjuncts]
        givers = [e for t in [v, *things] for p in pobjs(t, {"from"}) for e in named_by(ctx, p)]
        for rtype in {cue_word("support_nouns", t) for t in things} - {None}:
            for giver in givers:
                for receiver in _doers(ctx, v):
                    yield Candidate(rtype, giver, receiver, [v, thing])  # type: ignore[arg-type]


def _reliance(ctx: RelationContext, word: Token) -> Iterator[Candidate]:
    """"Y relies on X", "Y depends on X's backing", "Y, dependent on Iranian money": X supports Y."""
    patrons: list[str] = []
    for p in pobjs(word, {"on", "upon"}):
        patrons += named_by(ctx, p) or (_givers(ctx, p) if cue_word("support_nouns", p) else [])
    if not patrons:
        return
    if word.pos_ in _VERBAL:
        clients = _doers(ctx, word)
    else:
        head = word
        while head.dep_ in {"conj", "amod"} and head.head.i != head.i:
            head = head.head
        clients = _copula_subjects(ctx, head.head) if head.dep_ == "acomp" else _named(ctx, head)
    for patron in patrons:
        for client in clients:
            yield Candidate("supports", patron, client, [word])


# --- nouns -------------------------------------------------------------------------------------------

def nouns(ctx: RelationContext) -> Iterator[Candidate]:
    """Relational nouns of backing: patrons, clients, trainers, the backing itself and sides."""
    for n in ctx.tokens:
        if n.pos_ not in {"NOUN", "PROPN"} or entity(ctx, n):
            continue
        if has_cue("patron_nouns", n):
            yield from _pairs("supports", _described_by(ctx, n), _owners(ctx, n, {"of", "for", "to"}), n)
        elif has_cue("client_nouns", n):  # "Iran's proxies, A and B"
            yield from _pairs("supports", _owners(ctx, n, {"of", "for"}), _described_by(ctx, n), n)
        elif has_cue("creation_nouns", n):  # "Hezbollah, a creation of the IRGC"
            yield from _pairs("created", _owners(ctx, n, {"of"}), _described_by(ctx, n), n)
        elif has_cue("trainer_nouns", n):  # "Iranian advisers to the Houthis"
            trainers = [e for c in n.children if c.dep_ in {"poss", *_MODIFIER_DEPS}
                        for e in named_by(ctx, c)]
            trainees = [e for p in pobjs(n, {"to", "with"}) for e in named_by(ctx, p)]
            yield from _pairs("trains", trainers, trainees, n)
        elif (rtype := cue_word("support_nouns", n)) is not None:
            yield from _support_noun(ctx, n, rtype)
        elif has_cue("side_nouns", n):
            yield from _side(ctx, n)


def _side(ctx: RelationContext, side: Token) -> Iterator[Candidate]:
    """"Turkey intervened on the GNA's side", "fought on the side of X": the subject backs X."""
    verb = side.head.head
    if side.dep_ != "pobj" or side.head.lower_ not in {"on", "at", "by"} or verb.pos_ not in _VERBAL:
        return
    owners = pobjs(side, {"of"})
    backed = [e for c in side.children if c.dep_ == "poss" for e in named_by(ctx, c)] if not owners \
        else [e for p in owners for e in named_by(ctx, p)]  # "on Israel's side of the border" is a place
    for s in _doers(ctx, verb):
        for o in backed:
            yield Candidate("supports", s, o, [verb, side])


def _pairs(rtype: str, sources: list[str], targets: list[str], anchor: Token) -> Iterator[Candidate]:
    # "Tehran, Hezbollah's main sponsor, said ...": an apposition is the author's description.
    for s in sources:
        for o in targets:
            yield Candidate(rtype, s, o, [anchor], descriptive=anchor.dep_ == "appos")


def _owners(ctx: RelationContext, noun: Token, preps: set[str]) -> list[str]:
    """The actor a relational noun belongs to: "Iran's proxies", "Iranian proxies", "a proxy of Iran",
    "the group's backer", "a Hezbollah backer", "the largest backer of Y", "Moscow favours other clients"."""
    found = [e for c in noun.children if c.dep_ == "poss" for e in _possessor(ctx, c)]
    # "an Iranian proxy", "an IRGC creation"; but "Hezbollah's Iranian backers" are Iran, not its owner
    patron = has_cue("patron_nouns", noun)
    found += [e for e in _modifiers(ctx, noun) if not patron or etype(ctx, e) != "country"]
    # 'called Iran "the largest backer" of Y': a quotation mark can part the noun from its "of"
    verb = _object_predicate_verb(noun)
    heads = [noun, verb] if verb is not None and noun.dep_ == "oprd" else [noun]
    found += [e for h in heads for p in pobjs(h, preps) for e in named_by(ctx, p)]
    if not found and noun.dep_ == "dobj" and has_cue("having_verbs", noun.head):
        found = subject_of(ctx, noun.head)  # "Moscow favours other clients", "Iran has proxies in Iraq"
    return found


def _possessor(ctx: RelationContext, poss: Token) -> list[str]:
    """"Israel and its backer": a possessive pronoun on a noun coordinated with a name is that name's;
    "the Houthis count Iran among their sponsors": on a predicate of the object, the subject's."""
    noun = poss.head
    found = named_by(ctx, poss)
    if found or poss.pos_ != "PRON":
        return found
    if noun.dep_ == "conj":
        return named_by_head(ctx, noun.head, 1)
    verb = _object_predicate_verb(noun)
    return subject_of(ctx, verb) if verb is not None else []


def _object_predicate_verb(noun: Token) -> Token | None:
    """"called Iran the largest backer", "counts the UAE among his sponsors": the verb of which the
    noun is a predicate of the object."""
    verb = noun.head if noun.dep_ == "oprd" else noun.head.head \
        if noun.dep_ == "pobj" and noun.head.lower_ in {"among", "as"} else None
    return verb if verb is not None and verb.pos_ in _VERBAL else None


def _modifiers(ctx: RelationContext, noun: Token) -> list[str]:
    return [e for c in noun.children if c.dep_ in _MODIFIER_DEPS and (e := entity(ctx, c))]


def _described_by(ctx: RelationContext, noun: Token) -> list[str]:
    """Who a relational noun describes: "Iran, the group's backer", "Iran's proxies, A and B", "X is
    Y's patron", "proxies such as A", "Hezbollah's Iranian backers", "Moscow's clients: A and B"."""
    found = [e for c in noun.children if c.dep_ == "appos" for e in named_by(ctx, c)]
    found += listed_examples(ctx, noun, 0)
    if noun.dep_ == "appos":
        found += named_by_head(ctx, noun.head, 1)
    elif noun.dep_ == "attr":
        found += _copula_subjects(ctx, noun.head)
    elif (verb := _object_predicate_verb(noun)) is not None:
        found += [e for c in verb.children if c.dep_ == "dobj" for e in _named(ctx, c)]
    if has_cue("patron_nouns", noun):  # "Hezbollah's Iranian backers": a country says whose backers
        found += [e for e in _modifiers(ctx, noun) if etype(ctx, e) == "country"]
    if not found and noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].text == ":":
        found = listed_after_dash(ctx, noun)  # "Moscow favours other clients: the Tiger Forces and X"
    return found


def _givers(ctx: RelationContext, noun: Token) -> list[str]:
    """"Iran's support", "Iranian money", "Emirati support", "help from X", "the backing of X"; a
    demonym on goods says where they were made ("Russian weapons"), not who gave them."""
    found = [e for c in noun.children if c.dep_ == "poss" for e in named_by(ctx, c)]
    found += [] if has_cue("goods_nouns", noun) else _modifiers(ctx, noun)
    found += [e for p in pobjs(noun, {"from", "by"}) for e in named_by(ctx, p)]
    return found or [e for p in pobjs(noun, {"of"}) for e in named_by(ctx, p)]


def _gives(verb: Token) -> bool:
    """A verb of giving, receiving or backing, which names both sides itself."""
    return verb.pos_ in _VERBAL and (has_cue("support_verbs", verb) or has_cue("receive_verbs", verb)
                                     or _verb_type(verb) in {"supports", "trains"})


def _support_noun(ctx: RelationContext, n: Token, rtype: str) -> Iterator[Candidate]:
    """"X's support for Y", "Iranian aid to Y", "Y took office with the backing of X", "the group
    was founded with help from X" (created), "fought with money and weapons from X"."""
    if n.dep_ == "conj" and cue_word("support_nouns", n.head):
        return  # read with the first of "money, weapons and training from X"
    # "with the help of X", "under the patronage of X": the clause is what X backs
    head = n.head.head if n.dep_ == "pobj" and n.head.lower_ in {"with", "under"} else None
    if _gives(n.head) or head is not None and _gives(head):
        return  # the verb of giving names giver and receiver
    things = [n, *n.conjuncts]
    givers = [e for t in things for e in _givers(ctx, t)]
    receivers = [e for t in things for p in pobjs(t, {"for", "to"})
                 for e in named_by(ctx, p) or _activity_owners(ctx, p)]
    if any(c.dep_ == "poss" for c in n.children):  # "Iran's backing of Hezbollah"
        receivers += [e for p in pobjs(n, {"of"}) for e in named_by(ctx, p)]
    anchor = [n]
    if not receivers and head is not None and head.pos_ in _VERBAL:
        receivers = _undergoers(ctx, head)
        anchor = [head, n]
        if _verb_type(head) == "created" and has_cue("founding_help_nouns", n):
            rtype = "created"
    kinds = {rtype} if rtype == "created" else {cue_word("support_nouns", t) for t in things} - {None}
    for kind in kinds:
        for giver in givers:
            for receiver in receivers:
                if giver != receiver:
                    yield Candidate(kind, giver, receiver, anchor)  # type: ignore[arg-type]
