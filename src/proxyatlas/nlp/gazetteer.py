"""Registry names as a token-sequence gazetteer: finds every registry actor named in a Doc.

Matching is case-, diacritic-, hyphen- and article-insensitive (normalize.exact_key), with a
second, transliteration-folded table (normalize.fold_key) used only for capitalised text and
only for names (not acronyms, demonyms or one-word places), never for one word inside a longer
name.
Case rules keep ordinary words from matching: an all-capitals alias (US, IS, NDF) matches only
all-capitals text; a one-word alias matches only capitalised text ("Turkey", not "turkey").
Surnames of registry people are a third, weaker table, used only when unambiguous.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..normalize import fold_word, is_acronym, words
from ..registry import Actor, Registry

MAX_TOKENS = 14
_POSSESSIVE = re.compile(r"(\w)['’]s\b")
# Tokens that may sit inside a name without adding a word: hyphens and apostrophes.
_TRANSPARENT = {"-", "‐", "‑", "'", "’", "ʼ"}
# Lower-case words allowed inside a capitalised name ("Mohammed bin Salman", "Basij-e Jahan-e Islam").
# The Arabic article written as its own word ("al-Hashd", "ash-Shabi"): part of a name only when glued.
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"}
_PARTICLES = {"bin", "ibn", "bint", "abu", "abd", "e", "of", "the", "and", "for", "al", "el", "ad", "ar", "as",
              "ash", "at", "az", "an", "de", "du", "da", "in", "on", "to", "-"}


@dataclass(frozen=True)
class Entry:
    actor_id: str
    kind: str  # "name" | "demonym" | "surname"
    acronym: bool  # matched only against all-capitals text
    single_word: bool
    # "The Guardian": one word after a "the" the name begins with; without its article, after a
    # capitalised word, it ends another name ("Operation Prosperity Guardian")
    bare_without_article: bool = False


@dataclass(frozen=True)
class Match:
    start: int
    end: int  # token index, exclusive
    entry: Entry


class Gazetteer:
    def __init__(self, registry: Registry) -> None:
        self.exact: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        self.fold: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        self.surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.places = {actor.id for actor in registry if actor.type == "place"}
        for actor in registry:
            for name in actor.names:
                # A one-word place is matched only as spelled: its folded form is too often some
                # other name ("Lubero" folds like "Liberia", "Rami" like "Rome").
                one_word_place = actor.type in {"place", "country"} and len(words(name)) == 1
                self._add(actor.id, name, "name", foldable=not one_word_place)
            for demonym in actor.demonyms:
                self._add(actor.id, demonym, "demonym", foldable=False)
            if actor.type == "person":
                ws = words(actor.name)
                if len(ws) >= 2:
                    self.surnames[(ws[-1],)].add(actor.id)
        for actor, name in _possessive_forms(registry):
            self._add(actor.id, name, "name", foldable=False)
        self.exact_prefixes = _prefixes(self.exact)
        self.fold_prefixes = _prefixes(self.fold)

    def _add(self, actor_id: str, name: str, kind: str, foldable: bool) -> None:
        # A "the" inside a name is a token without words ("al-Qaeda in the Arabian Peninsula"), and
        # a possessive is a token of its own ("Russia's Defence Ministry").
        ws = tuple(w for w in words(_POSSESSIVE.sub(r"\1 s", name)) if w != "the")
        if not ws:
            return
        entry = Entry(actor_id, kind, is_acronym(name), len(ws) == 1,
                      len(ws) == 1 and name.lower().startswith("the "))
        tables = [(self.exact, ws)]
        # Transliteration folding is for spellings of names: folded, an acronym or a demonym
        # collides with ordinary words ("ADF" is no "IDF", "Reasons" no "Russians").
        if foldable and not entry.acronym:
            tables.append((self.fold, tuple(fold_word(w) for w in ws)))
        for table, key in tables:
            if entry not in table[key]:
                table[key].append(entry)

    def find(self, doc: Doc) -> list[Match]:
        """Longest non-overlapping matches, left to right."""
        token_words = [_token_words(t) for t in doc]
        for t in doc:
            if t.lower_ in _ARTICLES:
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                glued = nxt is not None and (nxt.text in _TRANSPARENT or nxt.text[:1].isupper())
                token_words[t.i] = [] if glued else None
        matches: list[Match] = []
        i = 0
        while i < len(doc):
            match, folded = self._longest_at(doc, i, token_words)
            if match is None:
                i += 1
                continue
            if not self._inside_a_name(doc, match, matches, folded):
                matches.append(match)
            i = match.end  # a rejected word is not searched again for a shorter match
        return matches

    def _inside_a_name(self, doc: Doc, match: Match, before: list[Match], folded: bool) -> bool:
        """A one-word demonym right after an unmatched capitalised name is part of that name
        ("Volker Türk" is no Turk), and so is a town written with the article after a first name
        ("Husayn al-Khalil" is no Hebron); a one-word name matched only by transliteration folding
        next to a capitalised word on either side is part of another name ("Rami Abdulrahman" is
        not Rome, "Haret Hreik" not Herat); so is a "The X" name written without its article
        after a capitalised word ("Operation Prosperity Guardian" is no The Guardian)."""
        words_in_match = [t for t in doc[match.start : match.end] if t.text not in _TRANSPARENT]
        if match.entry.bare_without_article and words_in_match[0].lower_ != "the" and match.start > 0:
            before_word = doc[match.start - 1]
            if before_word.pos_ == "PROPN" and before_word.text[:1].isupper():
                return True  # "Operation Prosperity Guardian" is no The Guardian
        if len(words_in_match) > 2 or len(words_in_match) == 2 and words_in_match[0].lower_ not in _ARTICLES:
            return False
        article_town = len(words_in_match) == 2 and match.entry.actor_id in self.places
        if not (match.entry.kind == "demonym" or folded or article_town):
            return False
        if folded and _opens_a_longer_name(doc, match.end - 1):
            return True  # "Munir al-Yafei" is no Manar
        matched = bool(before) and before[-1].end == match.start
        neighbours = [match.start - 1] if not folded else [match.start - 1, match.end]
        return any(0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()
                   and not (k < match.start and matched) for k in neighbours)

    def _longest_at(self, doc: Doc, i: int, token_words: list[list[str] | None]) -> tuple[Match | None, bool]:
        """The longest match starting at token i, and whether only transliteration folding found it."""
        if token_words[i] is None:
            return None, False
        if not token_words[i]:
            # Only a glued article ("al-" of al-Hashd) may open a name.
            glued = doc[i].lower_ in _ARTICLES and i + 1 < len(doc) and doc[i + 1].text in _TRANSPARENT
            if not glued:
                return None, False
        best: Match | None = None
        best_folded = False
        exact: list[str] = []
        folded: list[str] | None = []
        for j in range(i, min(len(doc), i + MAX_TOKENS)):
            tw = token_words[j]
            if tw is None:
                break
            exact += tw
            token = doc[j]
            if folded is not None:
                capitalised = not tw or token.text[:1].isupper() or token.lower_ in _PARTICLES
                folded = folded + [fold_word(w) for w in tw] if capitalised else None
            if not exact:
                continue
            in_exact = tuple(exact) in self.exact_prefixes
            in_fold = folded is not None and tuple(folded) in self.fold_prefixes
            if not (in_exact or in_fold):
                break
            if not tw:
                continue
            span = doc[i : j + 1]
            entry = self._accept(span, self.exact.get(tuple(exact), []))
            is_folded = False
            if entry is None and folded is not None:
                entry = self._accept(span, self.fold.get(tuple(folded), []))
                is_folded = True
            if entry is not None:
                best, best_folded = Match(i, j + 1, entry), is_folded
        # A surname spelled exactly beats a one-word name matched only by transliteration folding
        # ("Soleimani" is the general, not the city Sulaimani).
        weak = best is None or (best_folded and best.end == i + 1)
        ids = self.surnames.get(tuple(token_words[i])) if weak and token_words[i] else None
        if ids and len(ids) == 1 and doc[i].text[:1].isupper() and not doc[i].is_stop:
            # A surname stands alone: "Hadi" in "Hadi Farhadi" is someone's first name, "Bar" in
            # "Bar-Ilan" and "Sheikh" in "Sheikh al-Hadid" open other names.
            alone = all(not (0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper())
                        for k in (i - 1, i + 1)) and not _opens_a_longer_name(doc, i)
            if alone:
                best, best_folded = Match(i, i + 1, Entry(next(iter(ids)), "surname", False, True)), False
        return best, best_folded

    @staticmethod
    def _accept(span: Doc, entries: list[Entry]) -> Entry | None:
        text = span.text
        if len(span) > 2 and span[0].lower_ in _ARTICLES and span[1].text in _TRANSPARENT:
            text = span[2:].text  # "al-Khalil" is capitalised where its name starts
        letters = [c for c in text if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters)
        ok = [e for e in entries
              if (not e.acronym or upper) and (not e.single_word or text[:1].isupper())]
        ids = {e.actor_id for e in ok}
        return ok[0] if len(ids) == 1 else None


def _possessive_forms(registry: Registry) -> list[tuple[Actor, str]]:
    """A state body named with its country's demonym is also named with the country's possessive:
    "Sudanese army" is "Sudan's army", "Russian Ministry of Defence" is "Russia's Ministry of
    Defence"."""
    country_of_demonym = {w: country for country in registry if country.type == "country"
                          for demonym in country.demonyms for w in [demonym.casefold()]}
    out = []
    for actor in registry:
        if actor.category != "state_body":
            continue
        for name in actor.names:
            first, _, rest = name.partition(" ")
            country = country_of_demonym.get(first.casefold())
            if country is not None and rest:
                out.append((actor, f"{country.name}'s {rest}"))
    return out


def _opens_a_longer_name(doc: Doc, i: int) -> bool:
    """"Bar-Ilan", "Sheikh al-Hadid", "Munir al-Yafei": a hyphen or a glued article joins the word
    to a capitalised word after it."""
    nxt = doc[i + 1 : i + 4]
    if len(nxt) >= 2 and nxt[0].text in _TRANSPARENT and nxt[1].text[:1].isupper():
        return True
    return len(nxt) >= 3 and nxt[0].lower_ in _ARTICLES and nxt[1].text in _TRANSPARENT and nxt[2].text[:1].isupper()


def _token_words(token: Token) -> list[str] | None:
    """Normalised words of a token; [] for a token a name may contain silently; None ends a name."""
    if token.is_space or "\n" in token.text:
        return None
    if token.text in _TRANSPARENT:
        return []
    if token.is_punct:
        return None
    return list(_words_of_text(token.text))


@lru_cache(maxsize=65536)
def _words_of_text(text: str) -> tuple[str, ...]:
    """`normalize.words` of one token's text, cached: the same words recur at every token."""
    return tuple(words(text))


def _prefixes(table: dict[tuple[str, ...], list[Entry]]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for key in table:
        for n in range(1, len(key) + 1):
            out.add(key[:n])
    return out


@lru_cache(maxsize=8)
def gazetteer_for(registry: Registry) -> Gazetteer:
    return Gazetteer(registry)
