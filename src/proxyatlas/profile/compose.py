"""Facts -> the profile: sections of sentences, each sentence with numbered notes that cite the
stored documents (and, for evidence, the sentence's character span) it rests on.

Every sentence comes from a template (`templates.py`); a claim is wrapped in its hedge's frame
("reportedly, ..., according to X") and a relation's claim ends with the likelihood the
README's confidence table gives its hedge and number of independent sources.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..export.base import likelihood
from ..store.keys import bounds, sort_key
from .facts import RELATION_SECTIONS, Facts
from .templates import Templates

Sentence = dict[str, Any]


class Notes:
    """Numbered notes, one per document, in order of first citation: what each reference names
    (outlet, date, title). A sentence's references point at its evidence spans in those documents."""

    def __init__(self, facts: Facts, t: Templates) -> None:
        self.facts, self.t = facts, t
        self.numbers: dict[str, int] = {}
        self.items: list[dict[str, Any]] = []

    def cite(self, document: str) -> int:
        if document not in self.numbers:
            meta = self.facts.doc_meta.get(document, {})
            c = self.t.common
            self.numbers[document] = len(self.items) + 1
            self.items.append({
                "n": self.numbers[document], "document": document, "href": f"/document/{document}",
                "source": meta.get("source"), "published": meta.get("published"), "title": meta.get("title"),
                "text": self.t.common_say("footnote", outlet=meta.get("source") or c["no_outlet"],
                                          date=meta.get("published") or c["no_date"],
                                          title=" ".join((meta.get("title") or c["no_title"]).split()))})
        return self.numbers[document]

    def documents(self, documents: list[str]) -> dict[str, Any]:
        """`notes` and `refs` of a sentence resting on whole documents."""
        refs = [{"n": self.cite(d), "document": d, "href": f"/document/{d}", "start": None, "end": None,
                 "quote": None} for d in dict.fromkeys(documents)]
        return {"notes": sorted(r["n"] for r in refs), "refs": sorted(refs, key=lambda r: r["n"])}

    def evidence(self, item: dict[str, Any]) -> dict[str, Any]:
        """`notes` and `refs` of a sentence resting on evidence spans (of a relation: rows carry
        their document; of an event, statement or quantity: spans of its one document): one
        reference per document, to its first span."""
        refs: dict[str, dict[str, Any]] = {}
        for ev in item["evidence"]:
            doc = ev.get("document", item.get("document"))
            if doc not in refs:
                refs[doc] = {"n": self.cite(doc), "document": doc, "href": f"/document/{doc}?hl={ev['start']}-{ev['end']}",
                             "start": ev["start"], "end": ev["end"], "quote": " ".join(ev["text"].split())}
        return {"notes": sorted(r["n"] for r in refs.values()), "refs": sorted(refs.values(), key=lambda r: r["n"])}


class Composer:
    def __init__(self, facts: Facts, t: Templates) -> None:
        self.facts, self.t, self.notes = facts, t, Notes(facts, t)
        self.me = facts.entity["id"]

    # -- wording helpers ---------------------------------------------------------------------
    def name(self, eid: str | None) -> str:
        return self.facts.names.get(eid or "", eid or "")

    def join(self, items: list[str]) -> str:
        items = [i for i in dict.fromkeys(items) if i]
        if len(items) <= 1:
            return items[0] if items else self.t.common["unnamed"]
        return ", ".join(items[:-1]) + self.t.common["and"] + items[-1]

    def period(self, start: str | None, end: str | None) -> str:
        periods = self.t.common["periods"]
        if start and end:
            return periods["from_to"].format(start=start, end=end)
        if start:
            return periods["from"].format(start=start)
        return periods["to"].format(end=end) if end else ""

    def claimants(self, rows: list[dict[str, Any]], hedge: str, fallback: str | None = None) -> str:
        """Who makes the claim: the entities it is attributed to, else the outlets that carry it."""
        chosen = [r for r in rows if r.get("hedge", hedge) == hedge] or rows
        return self.join([self.name(r["attributed_to"]) if r.get("attributed_to")
                          else r.get("source") or fallback or self.t.common["no_outlet"] for r in chosen])

    def claim(self, clause: str, hedge: str, claimants: str, sources: int) -> str:
        framed = self.t.common["hedges"][hedge].format(clause=clause, claimants=claimants)
        rated = self.t.common_say("rated", claim=framed,
                                  likelihood=self.t.common["likelihoods"][likelihood(hedge, sources)],
                                  sources=self.sources_phrase(sources))
        return _sentence(rated)

    def sources_phrase(self, n: int) -> str:
        return self.t.common["sources_one"] if n == 1 else self.t.common_say("sources_many", n=n)

    def clause(self, rel: dict[str, Any], key: str | None = None) -> str:
        section = RELATION_SECTIONS[rel["type"]]
        return self.t.say(section, key or rel["type"], source=rel["source_name"], target=rel["target_name"])

    def relation(self, rel: dict[str, Any], key: str | None = None) -> Sentence:
        clause = self.clause(rel, key) + self.period(rel["valid_from"], rel["valid_to"])
        text = self.claim(clause, rel["hedge"], self.claimants(rel["evidence"], rel["hedge"]), rel["sources"])
        return {"text": text, **self.notes.evidence(rel), "hedge": rel["hedge"],
                "likelihood": likelihood(rel["hedge"], rel["sources"]), "relation": rel["id"]}

    # -- sections ----------------------------------------------------------------------------
    def summary(self) -> list[Sentence]:
        e, t = self.facts.entity, self.t
        docs = sorted(self.facts.documents, key=lambda d: sort_key(d["published"]))
        first, last = (docs[0], docs[-1]) if docs else (None, None)
        first_notes = self.notes.documents([first["id"]] if first else
                                           [self.facts.first_document] if self.facts.first_document else [])
        country = t.say("summary", "country", country=e["country_name"]) if e.get("country") else ""
        kind = t.kinds.get(e.get("category") or "", t.kinds[e["type"]])
        out = [{"text": _sentence(t.say("summary", "identity", name=e["name"], kind=kind, country=country)),
                **first_notes}]
        if e["aliases"]:
            out.append({"text": _sentence(t.say("summary", "aliases", aliases=self.join(e["aliases"]))),
                        **first_notes})
        if first and last:
            count = t.common["documents_one"] if len(docs) == 1 else t.common_say("documents_many", n=len(docs))
            out.append({"text": _sentence(t.say("summary", "reports", documents=count,
                                                first=first["published"] or t.common["no_date"],
                                                last=last["published"] or t.common["no_date"])),
                        **self.notes.documents([first["id"], last["id"]])})
        return out

    def relations_of(self, types: tuple[str, ...], incoming_first: bool = True) -> list[Sentence]:
        rels = [r for r in self.facts.relations if r["type"] in types]
        rels.sort(key=lambda r: (types.index(r["type"]), (r["source"] == self.me) == incoming_first,
                                 sort_key(r["valid_from"] or r["first_seen"])))
        return [self.relation(r) for r in rels]

    def leadership(self) -> list[Sentence]:
        rels = sorted((r for r in self.facts.relations if r["type"] == "leads"),
                      key=lambda r: (r["target"] != self.me, sort_key(r["valid_from"] or r["first_seen"])))
        out = [self.relation(r, "leads_ended" if r["valid_to"] else "leads") for r in rels]
        mine = [r for r in rels if r["target"] == self.me]
        if len({r["source"] for r in mine}) >= 2:
            leaders = self.t.sections["leadership"].sentences["then"].join(dict.fromkeys(r["source_name"] for r in mine))
            out.append({"text": _sentence(self.t.say("leadership", "succession", target=self.facts.entity["name"],
                                                     leaders=leaders)),
                        **self.notes.evidence({"evidence": [e for r in mine for e in r["evidence"]]})})
        return out

    def timeline(self) -> list[Sentence]:
        t, out = self.t, []
        for event in self.facts.events:
            place = t.say("timeline", "place", place=self.name(event["place"])) if event["place"] else ""
            agents, targets = [self.name(a) for a in event["agents"]], [self.name(x) for x in event["targets"]]
            quote = " ".join(event["evidence"][0]["text"].split()) if event["evidence"] else ""
            clause = t.say("timeline", event["type"], agents=self.join(agents), targets=self.join(targets),
                           participants=self.join(agents + targets), place=place, quote=quote)
            clause = (t.say("timeline", "dated", date=event["date"], clause=clause) if event["date"]
                      else t.say("timeline", "undated", clause=clause))
            claimants = self.claimants([event], event["hedge"])
            out.append({"text": self.claim(clause, event["hedge"], claimants, 1), **self.notes.evidence(event),
                        "hedge": event["hedge"], "likelihood": likelihood(event["hedge"], 1)})
        return out

    def statements(self) -> list[Sentence]:
        t, out = self.t, []
        for item in sorted(self.facts.statements, key=lambda s: not s["direct"]):  # stable: quotes first, by date
            date = t.say("statements", "date", date=item["date"]) if item["date"] else ""
            via = t.say("statements", "via", via=self.name(item["via"])) if item["via"] else ""
            text = " ".join(item["text"].split()).rstrip(".")
            if not item["direct"] and text.startswith("that "):  # the paraphrase template has its own "that"
                text = text[5:]
            key = "quote" if item["direct"] else "paraphrase"
            out.append({"text": _sentence(t.say("statements", key, speaker=item["speaker_name"], date=date, via=via,
                                                text=text)), **self.notes.evidence(item)})
        return out

    def numbers(self) -> list[Sentence]:
        t, out = self.t, []
        for item in sorted(self.facts.quantities, key=lambda q: q["unit"]):  # stable: by unit, then by date
            value = _number(item["value"])
            if item["value_max"] is not None:
                value = t.say("numbers", "range", value=value, value_max=_number(item["value_max"]))
            if item["approximate"]:
                value = t.say("numbers", "approximate", value=value)
            date = t.say("numbers", "date", date=item["date"]) if item["date"] else ""
            claimant = self.name(item["attributed_to"]) if item["attributed_to"] else (
                item["source"] or t.common["no_outlet"])
            out.append({"text": _sentence(t.say("numbers", "claimed", claimant=claimant, subject=self.name(item["subject"]),
                                                value=value, unit=item["unit"], date=date)),
                        **self.notes.evidence(item)})
        return out

    def contested(self) -> list[Sentence]:
        out = []
        for c in self.facts.conflicts:
            if c["kind"] == "denied":
                rel = c["relation"]
                text = self.t.say("contested", "denied", claimed_by=self.join([self.name(x) for x in c["claimed_by"]]),
                                  denied_by=self.join([self.name(x) for x in c["denied_by"]]), clause=self.clause(rel))
                notes = self.notes.evidence(rel)
            else:
                start, end = c["overlap"]
                text = self.t.say("contested", "office", holders=self.join([h["source_name"] for h in c["holders"]]),
                                  office=c["office_name"], overlap=self.period(start, end))
                notes = self.notes.evidence({"evidence": [e for h in c["holders"] for e in h["evidence"]]})
            out.append({"text": _sentence(text), **notes})
        return out

    def sources(self) -> list[Sentence]:
        """One sentence per outlet of the documents cited so far, citing each of them."""
        by_outlet: dict[str, list[str]] = defaultdict(list)
        for item in self.notes.items:
            meta = self.facts.doc_meta.get(item["document"], {})
            outlet = meta.get("source") or self.t.common["no_outlet"]
            if item["document"] not in by_outlet[outlet]:
                by_outlet[outlet].append(item["document"])
        out = []
        for outlet, docs in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())):
            dates = sorted((self.facts.doc_meta[d]["published"] for d in docs if self.facts.doc_meta[d]["published"]),
                           key=lambda d: bounds(d)[0] or d)
            no_date = self.t.common["no_date"]
            out.append({"text": _sentence(self.t.say("sources", "outlet", outlet=outlet, documents=len(docs),
                                                     first=dates[0] if dates else no_date,
                                                     last=dates[-1] if dates else no_date)),
                        **self.notes.documents(docs)})
        return out


def compose(facts: Facts, t: Templates) -> dict[str, Any]:
    """The profile as data: what the page draws and the Markdown, HTML and PDF renderers write."""
    c = Composer(facts, t)
    e = facts.entity
    built = [
        ("summary", c.summary()),
        ("leadership", c.leadership()),
        ("backing", c.relations_of(("supports", "trains", "created"))),
        ("structure", c.relations_of(("part_of", "member_of"))),
        ("areas", c.relations_of(("operates_in",), incoming_first=False)),
        ("alignment", c.relations_of(("opposes", "allied_with"))),
        ("timeline", c.timeline()),
        ("statements", c.statements()),
        ("numbers", c.numbers()),
        ("contested", c.contested()),
    ]
    built.append(("sources", c.sources()))
    sections = [{"id": sid, "title": t.sections[sid].title, "sentences": sentences}
                for sid, sentences in built if sentences]
    documents = t.common["documents_one"] if len(facts.documents) == 1 else \
        t.common_say("documents_many", n=len(facts.documents))
    subtitle = t.common_say(
        "subtitle", documents=documents,
        as_of=t.common_say("as_of", date=facts.as_of) if facts.as_of else "",
        min_sources=t.common_say("min_sources", n=facts.min_sources) if facts.min_sources else "")
    return {"entity": e, "title": e["name"], "subtitle": subtitle, "language": t.language, "as_of": facts.as_of,
            "min_sources": facts.min_sources, "sections": sections, "footnotes": c.notes.items,
            "places": facts.places,
            "labels": {"contents": t.common["contents"], "notes": t.common["notes"], "evidence": t.common["evidence"],
                       "map_alt": t.common_say("map_alt", name=e["name"]),
                       "map_caption": t.say("areas", "map_caption", name=e["name"])}}


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "”")) else text + "."


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
