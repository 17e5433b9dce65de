"""Relations between entities, from dependency patterns and the cue lexicon data/cues/relations.yaml.

Each pattern family is one function yielding `Candidate`s; `find_relations` hedges them
(nlp/hedges.py), checks them against the ontology and merges duplicates, keeping every
supporting sentence as evidence and the surest hedge. Families:

  roles        "the commander of Y, X", "X, the late head of Y", "Y chief X", "X, a fellow of Y"
  hyphens      "Iranian-backed militia", "an IRGC-created militia, the NDF", "Lebanese-based group"
  possessives  "the IRGC's Muhammad Rasul Allah Corps", "Yemen's Houthis"
  units        "the Fatehin are a Basij special unit from the IRGC's ... Corps", "IRGC (IRGC) Quds Force"
  verbs        "X backs Y", "Y is backed by X", "X provides assistance to Y", "X advisors train fighters
               recruited for Y", "groups backed by X – A, B and C"
  with-nouns   "X has relations with Y", "tensions with their mutual enemy, Y"
  designations "X designated two companies and one individual. (1) Y ... (2) Z ..."
  leadership   "under X's leadership", "under the command of X"
  locations    "Hezbollah in Lebanon", "PIJ and Hamas in Gaza and the West Bank", "Amal operates in
               Lebanon", "In Iraq, the PMU ...", "the Iraqi PMU"
  fact sheets  a profile's fact sheet: "Leader: X", "Base: Aden", "Main foreign backer: Y"
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...model import HEDGES, Event, Relation, Statement
from ...ontology import load_ontology
from ..attribution import Quote
from ..hedges import hedge_for
from ..phrases import category, etype
from ..resolve import Resolved
from ..statements import evidence_of
from .backing import hyphens, nouns, verbs
from .candidates import Candidate, RelationContext
from .fact_sheets import fact_sheets
from .hostility import (
    acts,
    attack_events,
    between,
    designation_lists,
    enemies,
    hostile_nouns,
    joint_acts,
    stances,
    with_nouns,
    with_verbs,
)
from .places import activities, deployments, holdings, homes, locations
from .roles import answers_to, leadership, roles
from .structure import of_phrases, possessives, units, units_after

FAMILIES = (roles, hyphens, possessives, of_phrases, units, verbs, nouns, answers_to, with_verbs, with_nouns,
            enemies, acts, designation_lists, hostile_nouns, between, joint_acts, stances, attack_events,
            leadership, locations, homes, holdings, deployments, activities, fact_sheets)


# --- assembling -----------------------------------------------------------------------------------

def _valid(ctx: RelationContext, c: Candidate) -> bool:
    """The one check of every candidate against the ontology's allowed ends (data/ontology.yaml):
    "the Revolutionary Committee leads Saudi Arabia" (a committee does not rule a state) is dropped."""
    spec = load_ontology().relation_types.get(c.type)
    if spec is None or c.source == c.target:
        return False
    return spec.admits((etype(ctx, c.source), category(ctx, c.source)),
                       (etype(ctx, c.target), category(ctx, c.target)))


def find_relations(doc: Doc, resolved: Resolved, quotes: list[Quote], statements: list[Statement],
                   published: str | None, events: list[Event] | None = None) -> list[Relation]:
    ctx = RelationContext(doc, resolved, published, events or [])
    ctx.unit_after = {parent: unit for parent, (unit, _) in units_after(ctx).items()}
    merged: dict[tuple[str, str, str], Relation] = {}
    for family in FAMILIES:
        for c in family(ctx):
            if not _valid(ctx, c):
                continue
            if c.descriptive:
                hedge, attributed = "asserted", None
            else:
                hedge, attributed = hedge_for(c.anchor, resolved, quotes, statements)
            source, target = c.source, c.target
            if load_ontology().relation_types[c.type].symmetric and source > target:
                source, target = target, source
            _merge(merged, Relation(c.type, source, target, hedge, attributed, c.valid_from, c.valid_to,
                                    [evidence_of(c.anchor[0].sent)]))
    return list(merged.values())


def _merge(merged: dict[tuple[str, str, str], Relation], new: Relation) -> None:
    key = (new.type, new.source, new.target)
    old = merged.get(key)
    if old is None:
        merged[key] = new
        return
    if all(e.start != new.evidence[0].start for e in old.evidence):
        old.evidence.append(new.evidence[0])
    if HEDGES.index(new.hedge) < HEDGES.index(old.hedge):
        old.hedge, old.attributed_to = new.hedge, new.attributed_to
    old.valid_from = old.valid_from or new.valid_from
    old.valid_to = old.valid_to or new.valid_to
