"""The gazetteer: places, commodities and trade modes, with every name they go by.

The data are plain TSV files (UTF-8, a header row, multi-valued cells joined
with '|', an empty cell meaning none):

- ``data/places/countries.tsv``  ISO 3166-1 entries (generated)
- ``data/places/provinces.tsv``  the 34 provincial-level divisions, ISO 3166-2:CN (generated)
- ``data/places/cities.tsv``     prefecture-level divisions, ``CN-`` + GB/T 2260 (generated)
- ``data/places/county_cities.tsv`` county-level cities (县级市), ``CN-`` + GB/T 2260 (generated)
- ``data/places/groups.tsv``     country groups and regions (hand-written)
- ``data/vocab/commodities.tsv`` and ``data/vocab/modes.tsv`` (optional)

``scripts/make_gazetteer.py`` regenerates the generated files. Names are
returned as written in the files; matching code normalises them itself.

The provinces CN-HK, CN-MO and CN-TW are pointers to the ISO 3166-1
territories HK, MO and TW: names of those provinces resolve to the territory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Provinces that are also ISO 3166-1 territories: their names lead to the territory.
SAME_AS: dict[str, str] = {"CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW"}

# file -> (kind, required columns); read in this order, which is also the order
# of precedence when two entries claim one name.
PLACE_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "countries.tsv": ("country", ("code", "wikidata", "en", "zh_hans", "zh_hant", "aliases", "abbr", "ambiguous")),
    "provinces.tsv": ("province", ("code", "gb2260", "wikidata", "en", "zh_hans", "zh_hant", "aliases")),
    "groups.tsv": ("group", ("code", "wikidata", "en", "zh_hans", "zh_hant", "aliases", "abbr", "members")),
    "cities.tsv": ("city", ("code", "parent", "gb2260", "en", "zh_hans", "zh_hant", "aliases")),
    "county_cities.tsv": ("county_city", ("code", "parent", "gb2260", "en", "zh_hans", "zh_hant", "aliases")),
}
# Kinds a pronoun such as 全市 / "the city's" can stand for.
CITY_KINDS = frozenset({"city", "county_city"})
VOCAB_FILES: dict[str, str] = {"commodities.tsv": "commodity", "modes.tsv": "mode"}
VOCAB_COLUMNS = ("slug", "kind", "broader", "en", "zh_hans", "zh_hant", "aliases")
LABEL_COLUMNS = {"en": "en", "zh_hans": "zh-Hans", "zh_hant": "zh-Hant"}


@dataclass(frozen=True)
class Place:
    """A country, province, prefecture-level or county-level city, or group of countries."""

    code: str  # contract code: 'CN-HN', 'CN-430100', 'CN-330782', 'US', 'ASEAN', 'CN'
    kind: str  # 'country' | 'province' | 'city' | 'county_city' | 'group'
    labels: dict[str, str]  # {'en': ..., 'zh-Hans': ..., 'zh-Hant': ...}
    aliases: tuple[str, ...]  # all other names, any script
    parent: str | None = None  # province of a city; prefecture (or province) of a county-level city
    wikidata: str | None = None  # 'Q45761'
    gb2260: str | None = None
    abbr: tuple[str, ...] = ()  # one-character forms for compounds (中美, 对美)
    ambiguous: frozenset[str] = frozenset()  # names matched only in a clear context
    members: tuple[str, ...] = ()  # group members

    def names(self) -> tuple[str, ...]:
        """Labels then aliases, without duplicates."""
        return tuple(dict.fromkeys([*self.labels.values(), *self.aliases]))


@dataclass(frozen=True)
class Concept:
    """A commodity or trade-mode vocabulary entry."""

    slug: str
    scheme: str  # 'commodity' | 'mode'
    labels: dict[str, str]
    aliases: tuple[str, ...]
    broader: str | None = None
    kind: str | None = None

    def names(self) -> tuple[str, ...]:
        """Labels then aliases, without duplicates."""
        return tuple(dict.fromkeys([*self.labels.values(), *self.aliases]))


@dataclass(frozen=True)
class Collision:
    """A name claimed by two entries; the first keeps it."""

    name: str
    kept: tuple[str, str]  # (entity kind, code)
    dropped: tuple[str, str]


class Gazetteer:
    """Places and vocabularies, and the name -> entry map built from them."""

    places: dict[str, Place]
    commodities: dict[str, Concept]
    modes: dict[str, Concept]
    collisions: tuple[Collision, ...]

    def __init__(self, places: dict[str, Place], commodities: dict[str, Concept] | None = None,
                 modes: dict[str, Concept] | None = None) -> None:
        self.places = places
        self.commodities = commodities or {}
        self.modes = modes or {}
        self._names: dict[str, tuple[str, str]] = {}
        folded: dict[str, tuple[str, str]] = {}
        collisions: list[Collision] = []
        entries: list[tuple[str, str, tuple[str, ...]]] = [
            ("place", self.canonical(p.code), p.names()) for p in places.values()
        ]
        entries += [("commodity", c.slug, c.names()) for c in self.commodities.values()]
        entries += [("mode", c.slug, c.names()) for c in self.modes.values()]
        for entity, code, names in entries:
            for name in names:
                target = (entity, code)
                owner = folded.setdefault(name.casefold(), target)
                if owner != target:
                    collisions.append(Collision(name, owner, target))
                else:
                    self._names.setdefault(name, target)
        self.collisions = tuple(collisions)
        self._abbr: dict[str, str] = {}
        for p in places.values():
            for a in p.abbr:
                if self._abbr.setdefault(a, p.code) != p.code:
                    raise ValueError(f"abbreviation {a!r} of {p.code} is also one of {self._abbr[a]}")

    def names(self) -> Iterator[tuple[str, str, str]]:
        """(name, 'place'|'commodity'|'mode', code or slug) for every label and alias, once."""
        for name, (entity, code) in self._names.items():
            yield name, entity, code

    def lookup(self, name: str) -> tuple[str, str] | None:
        """(entity kind, code or slug) of a name exactly as written, or None."""
        return self._names.get(name)

    def code(self, name: str) -> str | None:
        """The code (or slug) a name exactly as written stands for, or None."""
        hit = self._names.get(name)
        return hit[1] if hit else None

    def abbreviations(self) -> dict[str, str]:
        """One-character compound forms -> place code (美 -> US, 欧 -> EU)."""
        return dict(self._abbr)

    @staticmethod
    def canonical(code: str) -> str:
        """The code a mention resolves to (CN-HK -> HK; everything else unchanged)."""
        return SAME_AS.get(code, code)

    def place(self, code: str) -> Place:
        return self.places[code]

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes of the places containing `code`, nearest first (义乌 -> 金华, 浙江)."""
        out: list[str] = []
        parent = self.places[code].parent
        while parent is not None:
            out.append(parent)
            parent = self.places[parent].parent
        return tuple(out)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in (cell or "").split("|") if v.strip()))


def _labels(row: dict[str, str]) -> dict[str, str]:
    return {tag: row[col].strip() for col, tag in LABEL_COLUMNS.items() if row.get(col, "").strip()}


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a TSV file; ValueError naming file and line on bad shape."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path}: empty file, expected a header row")
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise ValueError(f"{path}:1: missing columns {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("#"):
                continue
            if len(row) > len(header):
                raise ValueError(f"{path}:{line}: {len(row)} fields, the header has {len(header)}")
            row += [""] * (len(header) - len(row))
            values = dict(zip(header, row, strict=True))
            first = required[0]
            if not values[first].strip():
                raise ValueError(f"{path}:{line}: empty {first}")
            yield line, values


def _read_places(places_dir: Path) -> dict[str, Place]:
    places: dict[str, Place] = {}
    where: dict[str, str] = {}
    for filename, (kind, required) in PLACE_FILES.items():
        path = places_dir / filename
        for line, row in _rows(path, required):
            code = row["code"].strip()
            if code in places:
                raise ValueError(f"{path}:{line}: duplicate code {code} (first in {where[code]})")
            labels = _labels(row)
            if not labels:
                raise ValueError(f"{path}:{line}: {code} has no label")
            aliases = tuple(a for a in _split(row.get("aliases")) if a not in labels.values())
            names = {*labels.values(), *aliases}
            ambiguous = frozenset(_split(row.get("ambiguous")))
            if ambiguous - names:
                raise ValueError(f"{path}:{line}: ambiguous names of {code} that are not its names: "
                                 f"{sorted(ambiguous - names)}")
            places[code] = Place(
                code=code, kind=kind, labels=labels, aliases=aliases,
                parent=row.get("parent", "").strip() or None,
                wikidata=row.get("wikidata", "").strip() or None,
                gb2260=row.get("gb2260", "").strip() or None,
                abbr=_split(row.get("abbr")), ambiguous=ambiguous,
                members=tuple(row.get("members", "").split()),
            )
            where[code] = f"{path.name}:{line}"
    for code, p in places.items():
        if p.parent is not None and places.get(p.parent, None) is None:
            raise ValueError(f"{where[code]}: parent {p.parent} of {code} is unknown")
        unknown = [m for m in p.members if places.get(m) is None or places[m].kind != "country"]
        if unknown:
            raise ValueError(f"{where[code]}: members of {code} that are not countries: {unknown}")
    return places


def _read_vocab(path: Path, scheme: str) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    if not path.exists():
        return concepts
    for line, row in _rows(path, VOCAB_COLUMNS):
        slug = row["slug"].strip()
        if slug in concepts:
            raise ValueError(f"{path}:{line}: duplicate slug {slug}")
        labels = _labels(row)
        concepts[slug] = Concept(
            slug=slug, scheme=scheme, labels=labels,
            aliases=tuple(a for a in _split(row.get("aliases")) if a not in labels.values()),
            broader=row.get("broader", "").strip() or None,
            kind=row.get("kind", "").strip() or None,
        )
    for c in concepts.values():
        if c.broader and c.broader not in concepts:
            raise ValueError(f"{path}: broader {c.broader} of {c.slug} is unknown")
    return concepts


def read_gazetteer(data_dir: Path, strict: bool = False) -> Gazetteer:
    """Read and check the files under `data_dir`; `strict` makes a name collision an error."""
    places = _read_places(data_dir / "places")
    vocab = {scheme: _read_vocab(data_dir / "vocab" / name, scheme) for name, scheme in VOCAB_FILES.items()}
    gaz = Gazetteer(places, vocab["commodity"], vocab["mode"])
    if strict and gaz.collisions:
        listed = "; ".join(f"{c.name!r}: {c.kept[1]} vs {c.dropped[1]}" for c in gaz.collisions[:20])
        raise ValueError(f"{len(gaz.collisions)} names claimed by two entries: {listed}")
    return gaz


@cache
def _default() -> Gazetteer:
    return read_gazetteer(DATA_DIR)


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of `data_dir` (default: kg/data, read once per process)."""
    if data_dir is None:
        return _default()
    return read_gazetteer(Path(data_dir))
