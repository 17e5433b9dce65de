"""A synthetic but realistic news corpus for benchmarks: N articles from a fixed seed.

    python bench/corpus.py --docs 300 --out /tmp/corpus [--short] [--seed 7]

Each article is built from sentences around real registry actors (proxyatlas.registry), with
the patterns real reports use: "Iranian-backed militia", "X, the commander of Y",
"according to", "reportedly", "denied", "on Tuesday", "about 2,000 fighters", quotes,
ranges, datelines and bylines. Invented names ("Abu Hassan al-Karbalai", "Liwa al-Nasr
Brigade") appear too, so the statistical NER has work the registry does not do.

Articles are 200 to 800 words (40 to 120 with `short=True`, the query-store corpus); about one
in five is an HTML page. Article i depends only on (seed, i): the first 300 articles of a
3,000-article corpus are the 300-article corpus. `generate` is a generator; nothing holds the
whole corpus in memory.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from pathlib import Path

from proxyatlas.registry import Actor, load_registry

SEED = 20240128
HTML_SHARE = 0.2
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True)
class Article:
    """One generated article. `text` is what a reader yields for it (headline, byline, body);
    `markup` is the HTML page for HTML articles (None for plain text)."""

    name: str
    title: str
    source: str
    author: str
    published: str  # EDTF day
    text: str
    markup: str | None = None

    @property
    def suffix(self) -> str:
        return ".html" if self.markup is not None else ".txt"

    @property
    def words(self) -> int:
        return len(self.text.split())

    def file_content(self) -> str:
        return self.markup if self.markup is not None else self.text


@dataclass(frozen=True)
class _Pools:
    groups: tuple[Actor, ...]
    bodies: tuple[Actor, ...]
    people: tuple[Actor, ...]
    countries: tuple[Actor, ...]  # with demonyms
    places: tuple[Actor, ...]
    media: tuple[Actor, ...]
    research: tuple[Actor, ...]


@lru_cache(maxsize=1)
def _pools() -> _Pools:
    actors = list(load_registry())

    def of(kind: str, category: str | None = None) -> tuple[Actor, ...]:
        return tuple(a for a in actors if a.type == kind and (category is None or a.category == category))

    return _Pools(
        groups=of("organization", "armed_group"),
        bodies=of("organization", "state_body"),
        people=of("person"),
        countries=tuple(a for a in of("country") if a.demonyms),
        places=of("place"),
        media=of("organization", "media"),
        research=of("organization", "research"),
    )


_FIRST = ("Abu Hassan", "Ali", "Hussein", "Mahdi", "Karim", "Yusuf", "Omar", "Hamid", "Jafar", "Samir",
          "Adel", "Nasser", "Rami", "Walid", "Khalil", "Tariq", "Mustafa", "Bilal")
_LAST = ("al-Karbalai", "al-Muhandis", "Haddad", "Saadi", "al-Amiri", "Rahimi", "Kazemi", "Nouri",
         "Tabatabai", "al-Husseini", "Jaber", "Mansour", "Darwish", "Qassir", "Zaidi")
_UNIT = ("Brigade", "Battalions", "Movement", "Front", "Division", "Legion", "Companies")
_UNIT_NAME = ("al-Nasr", "Imam Ali", "al-Abbas", "Sayyid al-Shuhada", "al-Tafuf", "Ansar al-Marjaiya",
              "Thar Allah", "al-Quds", "Zulfiqar", "Hamza")
_ROLES = ("the commander of", "the head of", "a senior commander in", "the spokesman for",
          "the secretary-general of", "a founder of", "the deputy leader of")
_ANALYST_ROLES = ("a fellow at", "an analyst at", "a senior researcher with", "the director of")
_ATTACK_OBJ = ("a drone attack on a U.S. base", "rocket fire on a military outpost", "an ambush on a convoy",
               "a strike on a weapons depot", "an attack on a border crossing", "shelling of a village")
_UNITS = ("fighters", "armed men", "rockets", "drones", "troops", "militiamen", "advisers", "missiles")
_FILLER = (
    "The strike came amid rising tensions across the region.",
    "Residents described hearing several loud explosions before dawn.",
    "The incident could not be independently verified.",
    "Diplomats have warned that the conflict risks spreading further.",
    "Security was tightened around government buildings after the attack.",
    "The area has seen repeated clashes over the past year.",
    "Local officials said roads into the town remained closed.",
    "Analysts say the network has grown more decentralised since then.",
    "Prices of fuel and bread have risen sharply in the weeks since.",
    "Aid groups said access to the area was still restricted.",
    "It was not immediately clear how many people were wounded.",
    "The attack was the third of its kind this year.",
    "Talks between the two sides have stalled since the spring.",
    "Hospitals in the area reported shortages of medicine and fuel.",
    "Satellite images reviewed by analysts showed damage to several buildings.",
    "The government has repeatedly promised to bring the armed factions under state control.",
    "Electricity was cut to large parts of the city for several hours.",
    "Families of the victims gathered outside the morgue on the following morning.",
    "The road linking the two provinces is a major supply route for fuel and weapons.",
    "Observers expect the fighting to intensify once the rainy season ends.",
)


class _Writer:
    """Sentences for one article, drawn from the article's own random stream. Like a real
    report, an article has a cast: a few groups, people, states, places and outlets that its
    sentences keep coming back to (people by surname once introduced)."""

    def __init__(self, rng: random.Random, published: date) -> None:
        self.rng = rng
        self.published = published
        pools = _pools()
        sample = lambda pool, low, high: rng.sample(pool, rng.randint(low, high))
        self.groups = [self.name(a) for a in sample(pools.groups, 2, 5)]
        self.groups += [f"the {self.pick(_UNIT_NAME)} {self.pick(_UNIT)}" for _ in range(rng.randint(0, 1))]
        self.people = [self.name(a) for a in sample(pools.people, 2, 4)]
        self.people += [f"{self.pick(_FIRST)} {self.pick(_LAST)}" for _ in range(rng.randint(0, 2))]
        self.bodies = [self.name(a) for a in sample(pools.bodies, 1, 3)]
        self.countries = sample(pools.countries, 2, 4)
        self.places = [self.name(a) for a in sample(pools.places, 2, 4)]
        self.outlets = [a.name for a in sample(pools.media, 1, 3)]
        self.tanks = [a.name for a in sample(pools.research, 1, 2)]
        self.introduced: set[str] = set()

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return self.rng.choice(seq)

    def name(self, actor: Actor) -> str:
        """The canonical name, or now and then one of its aliases (real texts vary spelling)."""
        if actor.aliases and self.rng.random() < 0.3:
            return self.pick(actor.aliases)
        return actor.name

    def group(self) -> str:
        return self.pick(self.groups)

    def person(self) -> str:
        name = self.pick(self.people)
        if name in self.introduced and " " in name and self.rng.random() < 0.6:
            return name.split()[-1]
        self.introduced.add(name)
        return name

    def body(self) -> str:
        return self.pick(self.bodies)

    def country(self) -> Actor:
        return self.pick(self.countries)

    def place(self) -> str:
        return self.pick(self.places)

    def outlet(self) -> str:
        return self.pick(self.outlets)

    def think_tank(self) -> str:
        return self.pick(self.tanks)

    def when(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return "on " + WEEKDAYS[(self.published.weekday() - self.rng.randrange(7)) % 7]
        if r < 0.5:
            return self.pick(("last week", "earlier this month", "yesterday", "last month", "on Monday night"))
        if r < 0.75:
            day = self.published - timedelta(days=self.rng.randrange(1, 60))
            return f"on {MONTHS[day.month - 1]} {day.day}"
        year = self.published.year - self.rng.randrange(1, 12)
        return self.pick((f"in {year}", f"in late {year}", f"in {MONTHS[self.rng.randrange(12)]} {year}"))

    def number(self) -> str:
        r = self.rng.random()
        value = self.pick((150, 300, 800, 1200, 2000, 5000, 7000, 10000, 40000, 100000))
        if r < 0.4:
            return f"{self.pick(('about', 'some', 'around', 'up to', 'nearly'))} {value:,}"
        if r < 0.6:
            return f"{value:,}–{value * 2:,}"
        if r < 0.75:
            return self.pick(("two dozen", "a dozen", "hundreds of", "dozens of", "three"))
        return f"at least {self.rng.randrange(3, 60)}"

    def sentence(self) -> str:
        c = self.country()
        dem = self.pick([d for d in c.demonyms if not d.endswith("s")] or c.demonyms)
        g, p, b = self.group(), self.person(), self.body()
        g2 = self.pick([x for x in self.groups if x != g] or self.groups)
        templates = (
            lambda: f"{g}, {_a(dem)} {dem}-backed militia, claimed responsibility for {self.pick(_ATTACK_OBJ)} "
                    f"near {self.place()} {self.when()}, according to {self.outlet()}.",
            lambda: f"{p}, {self.pick(_ROLES)} {g}, said the group would continue its operations in "
                    f"{self.place()}.",
            lambda: f"{g} reportedly received weapons and training from {b}, {self.outlet()} reported "
                    f"{self.when()}.",
            lambda: f"Officials in {c.name} denied that they had supplied {g} with missiles.",
            lambda: f"{g} has {self.number()} {self.pick(_UNITS)} in {self.place()}, according to "
                    f"{self.person()}, {self.pick(_ANALYST_ROLES)} {self.think_tank()}.",
            lambda: f"\u201cWe will not leave {self.place()} until the occupation ends,\u201d {p} told "
                    f"{self.outlet()} {self.when()}.",
            lambda: f"{b} allegedly created {g} {self.when()} to extend its reach into {c.name}.",
            lambda: f"{p} met leaders of {g} and {g2} in {self.place()} {self.when()}, a source close to "
                    f"the group said.",
            lambda: f"The {dem} government could increase its support for {g} if the talks fail, "
                    f"{self.person()} of {self.think_tank()} wrote.",
            lambda: f"{g} and {g2} have coordinated attacks against their mutual enemy, {self.country().name}, "
                    f"since {self.published.year - self.rng.randrange(1, 9)}.",
            lambda: f"{p} was appointed commander of {g} {self.when()}, replacing {self.person()}, "
                    f"who was killed in an air strike {self.when()}.",
            lambda: f"There is no evidence that {b} ordered the attack, {c.name}'s foreign ministry said "
                    f"in a statement.",
            lambda: f"{self.pick(('About', 'Some', 'Nearly'))} {self.rng.randrange(2, 90) * 100:,} fighters of "
                    f"{g} are deployed along the border with {self.country().name}, {self.outlet()} said.",
            lambda: f"{g}, {_a(base := self.pick(('Lebanese', 'Iraqi', 'Syrian', 'Yemeni', 'Afghan')))} "
                    f"{base}-based group "
                    f"backed by {b}, fired {self.number()} rockets at {self.place()} {self.when()}.",
            lambda: f"{self.outlet()} said {p}, who leads {g}, had travelled to {self.place()} for talks "
                    f"with {b}.",
        )
        if self.rng.random() < 0.3:
            return self.pick((
                lambda: self.pick(_FILLER),
                lambda: f"Fighting around {self.place()} has displaced {self.number()} people since "
                        f"{self.published.year - self.rng.randrange(1, 6)}.",
                lambda: f"The ministry said {self.rng.randrange(2, 40)} people were killed and dozens more "
                        f"injured {self.when()}.",
                lambda: f"Prices in {self.place()} have nearly doubled {self.when()}, residents said.",
            ))()
        return self.pick(templates)()


def _a(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


def _capitalise(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:] if sentence[:1].islower() else sentence


def article(index: int, *, seed: int = SEED, short: bool = False) -> Article:
    """Article number `index` of the corpus with this seed."""
    rng = random.Random(f"{seed}:{index}")
    published = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    writer = _Writer(rng, published)
    low, high = (40, 120) if short else (200, 800)
    target = rng.randint(low, high)
    title = _capitalise(writer.sentence().rstrip("."))[:140]
    author = f"{writer.pick(_FIRST).split()[-1]} {writer.pick(_LAST)}"
    source = writer.pick(_pools().media).name
    dateline = f"{published.day:02d}.{published.month:02d}.{published.year}"
    lead_place = writer.place().upper()
    paragraphs: list[str] = []
    words = len(title.split()) + len(f"{author}, {source}, {dateline}".split()) + len(lead_place.split()) + 1
    while True:
        paragraph: list[str] = []
        for _ in range(rng.randint(2, 4)):
            sentence = _capitalise(writer.sentence())
            if words + len(sentence.split()) > high:
                break
            paragraph.append(sentence)
            words += len(sentence.split())
        if not paragraph:
            break
        paragraphs.append(" ".join(paragraph))
        if words >= target:
            break
    if paragraphs:
        paragraphs[0] = f"{lead_place} \u2014 {paragraphs[0]}"
    name = f"article-{index:05d}"
    if rng.random() < HTML_SHARE:
        body = "\n".join(f"      <p>{escape(p, quote=False)}</p>" for p in paragraphs)
        markup = _PAGE.format(
            title=escape(title), site=escape(source), author=escape(author), published=published.isoformat(),
            body=body, byline=escape(f"By {author} | {source} | {MONTHS[published.month - 1]} "
                                     f"{published.day}, {published.year}"))
        text = "\n\n".join([title, *paragraphs])
        return Article(name, title, source, author, published.isoformat(), text, markup)
    text = "\n\n".join([title, f"{author}, {source}, {dateline}", *paragraphs]) + "\n"
    return Article(name, title, source, author, published.isoformat(), text)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta name="author" content="{author}">
  <meta property="og:site_name" content="{site}">
  <meta property="og:title" content="{title}">
  <meta property="article:published_time" content="{published}T08:00:00Z">
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav></header>
  <main>
    <article>
      <h1>{title}</h1>
      <p class="byline">{byline}</p>
{body}
    </article>
  </main>
  <footer><p>&copy; {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def generate(n: int, *, seed: int = SEED, short: bool = False, start: int = 0) -> Iterator[Article]:
    """Articles start .. start+n-1, one at a time."""
    for index in range(start, start + n):
        yield article(index, seed=seed, short=short)


def write_corpus(folder: str | Path, n: int, *, seed: int = SEED, short: bool = False) -> int:
    """Write N articles as .txt/.html files into `folder` (created); returns the number of words."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    words = 0
    for art in generate(n, seed=seed, short=short):
        (out / f"{art.name}{art.suffix}").write_text(art.file_content(), encoding="utf-8")
        words += art.words
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--short", action="store_true", help="40-120 words per article (the query store)")
    parser.add_argument("--out", help="write the articles into this folder; without it print the first")
    args = parser.parse_args()
    if args.out:
        words = write_corpus(args.out, args.docs, seed=args.seed, short=args.short)
        print(f"{args.docs} articles, {words:,} words in {args.out}")
    else:
        try:
            for art in generate(args.docs, seed=args.seed, short=args.short):
                print(art.file_content())
                print("-" * 72)
        except BrokenPipeError:  # piped into head
            sys.stderr.close()


if __name__ == "__main__":
    main()
