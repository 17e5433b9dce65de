"""The actor registry: the loader's validation and the bundled data."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from proxyatlas.errors import DataError
from proxyatlas.normalize import exact_key
from proxyatlas.ontology import load_ontology
from proxyatlas.registry import Registry, build_registry, load_registry, parse_registry_file

# Aliases that genuinely denote two real actors: a look-up of them is ambiguous on purpose.
# "Khatam al-Anbiya" is used in the press both for the IRGC's central military headquarters
# and for its construction conglomerate.
KNOWN_AMBIGUOUS = {"khatam anbiya", "khatam ol anbiya"}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


# --- the bundled data -------------------------------------------------------------------------

def test_bundled_registry_loads_with_at_least_300_actors(registry: Registry) -> None:
    assert len(registry) >= 300
    types = {a.type for a in registry}
    assert types == {"person", "organization", "country", "place"}


def test_bundled_files_are_split_by_theme() -> None:
    folder = Path(__file__).resolve().parents[1] / "src" / "proxyatlas" / "data" / "registry"
    names = {p.name for p in folder.glob("*.yaml")}
    assert {"states.yaml", "places.yaml", "iran-irgc.yaml", "iraq.yaml", "levant.yaml", "yemen.yaml",
            "palestinian.yaml", "media.yaml", "research.yaml"} <= names
    assert "00-seed.yaml" not in names


def test_every_organization_has_a_known_category(registry: Registry) -> None:
    categories = set(load_ontology().categories)
    for actor in registry:
        if actor.type == "organization":
            assert actor.category in categories, actor.id
        else:
            assert actor.category is None, actor.id


def test_every_country_has_iso3_demonyms_and_coords(registry: Registry) -> None:
    countries = [a for a in registry if a.type == "country"]
    assert len(countries) >= 50
    for country in countries:
        assert country.country and re.fullmatch(r"[A-Z]{3}", country.country), country.id
        assert country.coords is not None, country.id
    codes = [c.country for c in countries]
    assert len(codes) == len(set(codes)), "two countries share an ISO code"
    # Most countries carry demonyms; the important ones must.
    for cid, demonym in [("iran", "Iranian"), ("saudi-arabia", "Saudis"), ("united-states", "American"),
                         ("united-arab-emirates", "Emirati"), ("yemen", "Yemeni"), ("iraq", "Iraqis"),
                         ("lebanon", "Lebanese"), ("israel", "Israeli"), ("syria", "Syrian"), ("turkey", "Turkish")]:
        assert demonym in registry.get(cid).demonyms, cid


def test_every_place_has_coords(registry: Registry) -> None:
    for actor in registry:
        if actor.type == "place":
            assert actor.coords is not None, actor.id


def test_ids_are_slugs_and_names_are_clean(registry: Registry) -> None:
    for actor in registry:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", actor.id)
        for name in actor.names:
            assert name == name.strip() and name, actor.id


def test_demonyms_do_not_collide_with_names(registry: Registry) -> None:
    names = {exact_key(n) for a in registry for n in a.names}
    seen: dict[str, str] = {}
    for actor in registry:
        for demonym in actor.demonyms:
            key = exact_key(demonym)
            assert key not in names, (actor.id, demonym)
            assert seen.setdefault(key, actor.id) == actor.id, (actor.id, demonym, seen[key])


def test_no_alias_is_shared_by_two_actors_except_known_ambiguous(registry: Registry) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in registry:
        for name in actor.names:
            owners[exact_key(name)].add(actor.id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert set(shared) == KNOWN_AMBIGUOUS, shared


@pytest.mark.parametrize("text, actor_id", [
    ("Hizballah", "hezbollah"),
    ("Hizbullah", "hezbollah"),
    ("Qods Force", "irgc-quds-force"),
    ("IRGC-QF", "irgc-quds-force"),
    ("al-Hashd al-Sha'bi", "popular-mobilization-forces"),
    ("Al Hashd al Shabi", "popular-mobilization-forces"),
    ("Popular Mobilisation Units", "popular-mobilization-forces"),
    ("Ghasem Soleimani", "qasem-soleimani"),
    ("Qassem Suleimani", "qasem-soleimani"),
    ("Esmail Ghaani", "esmail-qaani"),
    ("Ismail Qa'ani", "esmail-qaani"),
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("Asaib Ahl al-Haq", "asaib-ahl-al-haq"),
    ("Ansarallah", "houthis"),
    ("Huthis", "houthis"),
    ("ISIL", "isis"),
    ("Daesh", "isis"),
    ("Basij-e Jahan-e Islam", "basij-of-the-islamic-world"),
    ("Islamic Revolutionary Guard Corps", "irgc"),
    ("Revolutionary Guards", "irgc"),
    ("Fatehin Brigade", "fatehin-brigade"),
    ("National Defence Forces", "national-defense-forces"),
    ("Abu Mohammad al-Jolani", "ahmed-al-sharaa"),
    ("Hemedti", "mohamed-hamdan-dagalo"),
    ("Pentagon", "us-department-of-defense"),
    ("U.S.", "united-states"),
    ("Türkiye", "turkey"),
    ("Al Jazeera", "al-jazeera"),
    ("Washington Institute", "washington-institute-for-near-east-policy"),
    ("Deir al-Zour", "deir-ez-zor"),
    ("Abu Kamal", "al-bukamal"),
])
def test_alias_lookup(registry: Registry, text: str, actor_id: str) -> None:
    actor = registry.lookup(text)
    assert actor is not None and actor.id == actor_id, (text, actor)


def test_transliteration_folding_reaches_unlisted_spellings(registry: Registry) -> None:
    # Neither spelling is listed; the folded key finds the actor all the same.
    assert registry.lookup("Qaseem Soleimani").id == "qasem-soleimani"
    assert registry.lookup("Hezbulah").id == "hezbollah"
    assert registry.lookup("Qaseem Soleimani", fold=False) is None


def test_ambiguous_alias_resolves_to_nobody(registry: Registry) -> None:
    assert registry.lookup("Khatam al-Anbiya") is None
    assert registry.lookup("Khatam al-Anbiya Central Headquarters").id == "khatam-al-anbiya-central-headquarters"


def test_unknown_name_is_none(registry: Registry) -> None:
    assert registry.lookup("Nonexistent Brigade of Nowhere") is None


def test_capitals(registry: Registry) -> None:
    for country, capital in [("iran", "tehran"), ("iraq", "baghdad"), ("syria", "damascus"), ("lebanon", "beirut"),
                             ("yemen", "sanaa"), ("saudi-arabia", "riyadh"), ("united-states", "washington"),
                             ("russia", "moscow"), ("united-arab-emirates", "abu-dhabi"), ("qatar", "doha")]:
        found = registry.capital_of(country)
        assert found is not None and found.id == capital, country
        assert found.type == "place" and found.coords is not None
    assert registry.lookup("Tehran").capital_of == "iran"
    assert registry.capital_of("gaza-strip") is None
    for actor in registry:
        if actor.capital_of:
            assert registry.get(actor.capital_of).type == "country", actor.id
    # No country has two capitals.
    capitals = [a.capital_of for a in registry if a.capital_of]
    assert len(capitals) == len(set(capitals))


def test_categories_of_key_actors(registry: Registry) -> None:
    expected = {
        "irgc": "state_body", "irgc-quds-force": "state_body", "basij": "state_body", "fatehin-brigade": "state_body",
        "hezbollah": "armed_group", "popular-mobilization-forces": "armed_group", "national-defense-forces": "armed_group",
        "houthis": "armed_group", "isis": "armed_group", "taliban": "armed_group", "wagner-group": "armed_group",
        "hamas": "armed_group", "cbn": "media", "reuters": "media",
        "jerusalem-institute-for-strategy-and-security": "research", "institute-for-the-study-of-war": "research",
    }
    for actor_id, category in expected.items():
        assert registry.get(actor_id).category == category, actor_id


def test_wikidata_ids_are_unique(registry: Registry) -> None:
    qids = [a.wikidata for a in registry if a.wikidata]
    assert len(qids) == len(set(qids))


def test_load_registry_with_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "schema: 1\nactors:\n"
        "  - {id: liwa-test-brigade, name: Liwa Test Brigade, type: organization, category: armed_group,"
        " aliases: [Test Brigade], country: SYR}\n",
        encoding="utf-8",
    )
    registry = load_registry([extra])
    assert registry.lookup("Test Brigade").id == "liwa-test-brigade"
    assert registry.get("hezbollah") is not None


# --- validation errors ------------------------------------------------------------------------

GOOD = "  - {id: good-actor, name: Good Actor, type: person}\n"


def _parse(tmp_path: Path, body: str) -> DataError:
    path = tmp_path / "bad.yaml"
    with pytest.raises(DataError) as info:
        parse_registry_file(path, text="schema: 1\nactors:\n" + GOOD + body)
    assert str(path) in str(info.value)
    return info.value


def test_valid_text_parses(tmp_path: Path) -> None:
    actors = parse_registry_file(tmp_path / "ok.yaml", text="schema: 1\nactors:\n" + GOOD)
    assert [a.id for a in actors] == ["good-actor"]
    assert actors[0].source_file == str(tmp_path / "ok.yaml")


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    text = "schema: 1\nactors:\n  - id: a\n    name: [unclosed\n    type: person\n"
    with pytest.raises(DataError) as info:
        parse_registry_file(path, text=text)
    message = str(info.value)
    assert str(path) in message and "invalid YAML" in message
    assert re.search(r"line \d+", message)


def test_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        parse_registry_file(tmp_path / "missing.yaml")


def test_not_a_registry_mapping(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="'actors' list"):
        parse_registry_file(tmp_path / "x.yaml", text="- just\n- a list\n")


def test_wrong_schema_version(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="schema must be 1"):
        parse_registry_file(tmp_path / "x.yaml", text="schema: 2\nactors: []\n")


@pytest.mark.parametrize("body, entry, problem", [
    ("  - {id: no-name, type: person}\n", "no-name", "missing or empty 'name'"),
    ("  - {id: bad-type, name: Bad Type, type: militia}\n", "bad-type", "type 'militia' is not one of"),
    ("  - {id: no-cat, name: No Category, type: organization}\n", "no-cat", "organization needs a category"),
    ("  - {id: bad-cat, name: Bad Category, type: organization, category: militia}\n", "bad-cat",
     "organization needs a category"),
    ("  - {id: person-cat, name: Person Cat, type: person, category: media}\n", "person-cat",
     "only organizations have a category"),
    ("  - {id: bad-iso, name: Bad Iso, type: country, country: IR}\n", "bad-iso", "not an ISO 3166 alpha-3 code"),
    ("  - {id: lower-iso, name: Lower Iso, type: country, country: irn}\n", "lower-iso", "not an ISO 3166"),
    ("  - {id: bad-qid, name: Bad Qid, type: person, wikidata: '12345'}\n", "bad-qid", "is not a QID"),
    ("  - {id: zero-qid, name: Zero Qid, type: person, wikidata: Q0123}\n", "zero-qid", "is not a QID"),
    ("  - {id: extra, name: Extra, type: person, nickname: X}\n", "extra", "unknown field(s) ['nickname']"),
    ("  - {id: Bad_Slug, name: Bad Slug, type: person}\n", "Bad_Slug", "lowercase slug"),
    ("  - {id: bad-alias, name: Bad Alias, type: person, aliases: Single String}\n", "bad-alias",
     "'aliases' must be a list"),
    ("  - {id: empty-alias, name: Empty Alias, type: person, aliases: ['  ']}\n", "empty-alias",
     "'aliases' must be a list"),
    ("  - {id: person-demonym, name: Person Demonym, type: person, demonyms: [Foo]}\n", "person-demonym",
     "only countries have demonyms"),
    ("  - {id: country-capital, name: Country Capital, type: country, capital_of: iran}\n", "country-capital",
     "only places can be the capital_of"),
    ("  - {id: bad-coords, name: Bad Coords, type: place, coords: [95, 10]}\n", "bad-coords", "coords must be"),
    ("  - {id: short-coords, name: Short Coords, type: place, coords: [10]}\n", "short-coords", "coords must be"),
])
def test_bad_entry_names_file_entry_and_problem(tmp_path: Path, body: str, entry: str, problem: str) -> None:
    error = _parse(tmp_path, body)
    assert error.entry == entry
    assert f"entry {entry!r}" in str(error)
    assert problem in str(error)


def test_entry_without_id_is_named_by_position(tmp_path: Path) -> None:
    error = _parse(tmp_path, "  - {name: Anonymous, type: person}\n")
    assert error.entry == "#2"
    assert "missing or empty 'id'" in str(error)


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    error = _parse(tmp_path, "  - just a string\n")
    assert "actor #2 is not a mapping" in str(error)


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    first.write_text("schema: 1\nactors:\n  - {id: same-id, name: First, type: person}\n", encoding="utf-8")
    second.write_text("schema: 1\nactors:\n  - {id: same-id, name: Second, type: person}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_registry([first, second])
    message = str(info.value)
    assert str(second) in message and "'same-id'" in message
    assert "duplicate id" in message and str(first) in message


def test_duplicate_id_in_bundled_and_extra(tmp_path: Path) -> None:
    extra = tmp_path / "clash.yaml"
    extra.write_text("schema: 1\nactors:\n  - {id: hezbollah, name: Hezbollah, type: organization,"
                     " category: armed_group}\n", encoding="utf-8")
    with pytest.raises(DataError, match="duplicate id"):
        load_registry([extra])


def test_capital_of_unknown_country(tmp_path: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text("schema: 1\nactors:\n  - {id: atlantis-city, name: Atlantis City, type: place,"
                    " capital_of: atlantis}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_registry([path])
    message = str(info.value)
    assert str(path) in message and "'atlantis-city'" in message
    assert "capital_of 'atlantis' is not a known country" in message


def test_capital_of_must_be_a_country(tmp_path: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text("schema: 1\nactors:\n"
                    "  - {id: region, name: Region, type: place}\n"
                    "  - {id: town, name: Town, type: place, capital_of: region}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_registry([path])
    assert "'town'" in str(info.value) and "not a known country" in str(info.value)


def test_capital_of_resolves_across_files(tmp_path: Path) -> None:
    states = tmp_path / "s.yaml"
    places = tmp_path / "p.yaml"
    states.write_text("schema: 1\nactors:\n  - {id: ruritania, name: Ruritania, type: country, country: RUR,"
                      " demonyms: [Ruritanian]}\n", encoding="utf-8")
    places.write_text("schema: 1\nactors:\n  - {id: strelsau, name: Strelsau, type: place, capital_of: ruritania,"
                      " coords: [50.0, 14.0]}\n", encoding="utf-8")
    registry = build_registry([places, states])
    assert registry.capital_of("ruritania").id == "strelsau"
    assert registry.get("ruritania").demonyms == ("Ruritanian",)


def test_aliases_are_names_not_descriptions() -> None:
    """An alias such as "Turkish-backed Syrian National Army" would swallow the relation the
    text states ("Turkish-backed") into the name; descriptions belong to the extraction."""
    registry = load_registry()
    participles = re.compile(r"-(backed|aligned|linked|affiliated|supported|funded|sponsored)\b", re.IGNORECASE)
    offenders = [(a.id, alias) for a in registry for alias in a.aliases if participles.search(alias)]
    assert offenders == []
