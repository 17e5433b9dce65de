"""How long an actor profile takes to build and render for an actor with many relations.

    python bench/profile_render.py [--relations 200] [--documents 50] [--runs 3]

Builds a throwaway store of --documents generated articles in which one armed group has
--relations relations (every type, mixed hedges, two to four evidence sentences each, some
dated, with statements, events and numbers), then times, for that actor: gathering and wording
the profile (`build`), and writing it as Markdown, HTML and PDF (WeasyPrint), median of --runs
after one warm-up run, plus the first (cold) run. Prints a table. The target: the PDF of a
200-relation actor, build included, in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from proxyatlas.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quantity,
    Relation,
    Statement,
)
from proxyatlas.profile import build_profile, render
from proxyatlas.store import open_store

TYPES = ("supports", "trains", "created", "part_of", "member_of", "operates_in", "opposes", "allied_with", "leads")
HEDGES = ("asserted", "asserted", "reported", "alleged", "speculative", "denied")
COUNTRIES = ("iraq", "syria", "lebanon", "yemen", "iran", "jordan")
SYLLABLES = ("ka", "ro", "mi", "tesh", "val", "dun", "ob", "zar", "lin", "quo", "fer", "sab", "ud", "nem", "pry",
             "hol", "gix", "bre", "sov", "tam", "yul", "cre", "wod", "jin", "esk", "pa", "lor", "vim", "aug", "nid")


def _names(rng: random.Random, count: int, words: int) -> list[str]:
    """Distinct made-up names, far enough apart that the store's fuzzy matching keeps them apart."""
    out: set[str] = set()
    while len(out) < count:
        out.add(" ".join("".join(rng.sample(SYLLABLES, 4)).title() for _ in range(words)))
    return sorted(out)


def _sentence(i: int, a: str, b: str, kind: str) -> str:
    return f"Sentence {i}: {a} and {b} are linked by {kind.replace('_', ' ')} according to the report."


def build_store(db: Path, relations: int, documents: int, seed: int = 7) -> str:
    """A store where `bench-front` has `relations` relations spread over `documents` documents."""
    rng = random.Random(seed)
    actor = Entity("bench-front", "Bench Front", "organization", "armed_group", ["The Front"])
    others = [Entity(f"group-{i}", name, "organization", "armed_group")
              for i, name in enumerate(_names(rng, relations, 1))]
    people = [Entity(f"person-{i}", name, "person") for i, name in enumerate(_names(rng, relations, 2))]
    places = [Entity(c, c.title(), "country") for c in COUNTRIES] + [
        Entity(f"place-{i}", name + " Valley", "place") for i, name in enumerate(_names(rng, relations, 1))]
    plan: list[list[tuple[str, Entity]]] = [[] for _ in range(documents)]
    for i in range(relations):
        kind = TYPES[i % len(TYPES)]
        other = places[i // len(TYPES)] if kind == "operates_in" else people[i] if kind in ("leads", "member_of") \
            else others[i]
        for d in rng.sample(range(documents), rng.randint(2, 4)):
            plan[d].append((kind, other))
    with open_store(db) as store:
        for d, items in enumerate(plan):
            iran = places[COUNTRIES.index("iran")]  # the claimant of some claims
            lines, rels, ents = [f"Bench article {d}", ""], [], {actor.id: actor, iran.id: iran}
            for n, (kind, other) in enumerate(items):
                text = _sentence(n, actor.name, other.name, kind)
                start = sum(len(line) + 1 for line in lines)
                lines.append(text)
                ents[other.id] = other
                source, target = (other.id, actor.id) if kind in ("leads", "member_of") else (actor.id, other.id)
                dated = rng.random() < 0.3
                rels.append(Relation(kind, source, target, rng.choice(HEDGES), rng.choice([None, "iran"]),
                                     f"20{10 + d % 10}-01-01" if dated else None, None,
                                     [Evidence(start, start + len(text), text)]))
            body = "\n".join(lines)
            quote = Evidence(0, len(lines[0]), lines[0])
            for ent in ents.values():
                ent.mentions = [Mention(ent.name, 0, 1)]
            extraction = Extraction(
                Document(body, title=f"Bench article {d}", source=f"Outlet {d % 7}", published=f"2024-{1 + d % 12:02d}-10",
                         path=f"bench-{d}.txt"),
                entities=list(ents.values()), relations=rels,
                events=[Event("attack", f"2024-{1 + d % 12:02d}-0{1 + d % 9}", [actor.id], [others[d].id], None,
                              "reported", None, [quote])],
                statements=[Statement(actor.id, f"2024-{1 + d % 12:02d}-10", f"we will fight on ({d})", d % 2 == 0,
                                      None, [quote])],
                quantities=[Quantity(actor.id, 1000 + 50 * d, "fighters", None, d % 3 == 0, "iran",
                                     f"2024-{1 + d % 12:02d}-10", [quote])])
            store.add_extraction(extraction)
    return actor.id


def timed(fn, runs: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(first call, median of `runs` further calls, median CPU time of those), in seconds. The CPU
    time is what the call costs a core of its own, whatever else the machine is running."""
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return first, statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relations", type=int, default=200)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="proxyatlas-profile-bench-") as folder:
        db = Path(folder) / "bench.db"
        actor = build_store(db, args.relations, args.documents)
        with open_store(db) as store:
            profile = build_profile(store, actor)
            told = sum(1 for s in profile["sections"] for x in s["sentences"] if x.get("relation"))
            rows = [("build", *timed(lambda: build_profile(store, actor), args.runs))]
        for fmt in ("md", "html", "pdf"):
            rows.append((fmt, *timed(lambda f=fmt: render(profile, f), args.runs)))  # type: ignore[misc]
        pdf = render(profile, "pdf")
    print(f"actor with {told} relations in {args.documents} documents; {len(profile['footnotes'])} notes; "
          f"PDF {len(pdf):,} bytes")
    print(f"{'step':<10}{'first s':>10}{'median s':>10}{'CPU s':>10}")
    for step, first, median, cpu in rows:
        print(f"{step:<10}{first:>10.2f}{median:>10.2f}{cpu:>10.2f}")
    build, pdf_row = rows[0], rows[3]
    print(f"{'build+pdf':<10}{build[1] + pdf_row[1]:>10.2f}{build[2] + pdf_row[2]:>10.2f}"
          f"{build[3] + pdf_row[3]:>10.2f}   (target: under 10 s)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs while timing")


if __name__ == "__main__":
    main()
