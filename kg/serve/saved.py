"""Saved queries: queries/*.rq files with a grlc-style `#+` YAML header, and their typed parameters.

A parameter is a variable of the query. A value given for it is checked against its type (and its
closed set of allowed values) and becomes one RDF term, which the engine binds through
`substitutions`: nothing a client sends is ever pasted into query text. A header that cannot be
read, or that declares something this module does not know, stops the loading with the file and
line named, so a broken query file is found when the server starts, not when someone runs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Variable

from kg.emit.iris import XSD, place

TYPES = ("iri", "place", "integer", "decimal", "date", "string", "langstring")
HEADER_KEYS = {"summary", "description", "tags", "params", "limit"}
PARAM_KEYS = {"name", "type", "description", "default", "allowed"}
RESERVED = {"format"}  # request parameters of /queries/<name> itself, so no query parameter may be named so
MAX_VALUE_CHARS = 2000  # a parameter value longer than this is refused (no saved query needs one)

_NAME = re.compile(r"[a-z][a-z0-9_]*")             # file names, and so query names and URL parts
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")   # parameter names are SPARQL variable names
_PLACE_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")
_INTEGER = re.compile(r"[+-]?[0-9]+")               # int() would also take "1_000" and " 1 "
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")  # Decimal() would also take NaN and 1e9
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")   # fromisoformat() would also take 20210101
_SELECT = re.compile(r"\s*(?:PREFIX\s[^\n]*\n\s*)*SELECT\b", re.IGNORECASE)
_LIMIT = re.compile(r"(?m)^[^#\n]*?\bLIMIT\s+([0-9]+)\s*\Z", re.IGNORECASE)

Term = NamedNode | Literal


class SavedQueryError(ValueError):
    """A saved query file that cannot be served; the message names the file (and line)."""


class _HeaderProblem(Exception):
    """A problem in a header, with the text of the header line it is near (to give its number)."""

    def __init__(self, message: str, near: str = "") -> None:
        super().__init__(message)
        self.near = near


class BadParameter(ValueError):
    """A value a client gave for a parameter (or a parameter name) that the query does not accept."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"parameter {name!r}: {message}")
        self.name = name


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    default: str | None            # None: the parameter must be given
    allowed: tuple[str, ...] | None = None  # a closed set of values, or None for any value of the type

    def term(self, value: str) -> Term:
        """`value` as the RDF term the query runs with, or BadParameter saying what is wrong."""
        if len(value) > MAX_VALUE_CHARS:
            raise BadParameter(self.name, f"at most {MAX_VALUE_CHARS} characters")
        if self.allowed is not None and value not in self.allowed:
            raise BadParameter(self.name, f"{value!r} is not one of {', '.join(self.allowed)}")
        try:
            return _TERMS[self.type](value)
        except ValueError as e:
            raise BadParameter(self.name, f"{value!r} is not a valid {self.type}: {e}") from None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    summary: str
    description: str
    tags: list[str]
    params: list[Param]
    limit: int | None              # the query's own LIMIT, repeated in the header for clients
    text: str                      # the SPARQL, without the header

    def bind(self, values: Mapping[str, str]) -> dict[Variable, Term]:
        """The substitutions to run the query with: each parameter bound to its value or its default."""
        known = {p.name for p in self.params}
        for name in values:
            if name not in known:
                expected = ", ".join(sorted(known)) or "none"
                raise BadParameter(name, f"{self.name} has no such parameter (its parameters: {expected})")
        bound = {}
        for p in self.params:
            value = values.get(p.name, p.default)
            if value is None:
                raise BadParameter(p.name, "is required")
            bound[Variable(p.name)] = p.term(value)
        return bound

    @property
    def probe_text(self) -> str:
        """The text with its LIMIT raised by one, so that a row cap of `limit` can tell whether rows were cut."""
        if self.limit is None:
            return self.text
        match = _LIMIT.search(self.text)
        assert match is not None  # the loader made sure the text ends with LIMIT `limit`
        return self.text[:match.start(1)] + str(self.limit + 1) + "\n"


def load_saved_queries(folder: Path) -> dict[str, SavedQuery]:
    """Every `*.rq` file of `folder`, by name (the file's stem), in name order."""
    if not folder.is_dir():
        raise SavedQueryError(f"{folder}: no such folder of saved queries")
    return {path.stem: read_saved_query(path) for path in sorted(folder.glob("*.rq"))}


def read_saved_query(path: Path) -> SavedQuery:
    """One saved query file, checked; SavedQueryError names the file and line of any problem."""
    if not _NAME.fullmatch(path.stem):
        raise SavedQueryError(f"{path}: a saved query's file name is lower-case snake_case (it is part of its URL)")
    try:
        header_text, text = split_query(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise SavedQueryError(f"{path}: cannot be read: {e}") from None
    try:
        header = yaml.safe_load(header_text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""  # header line n is file line n
        raise SavedQueryError(f"{path}{where}: the #+ header is not valid YAML: "
                              f"{getattr(e, 'problem', None) or e}") from None
    try:
        return _saved_query(path.stem, header, text)
    except _HeaderProblem as e:
        raise SavedQueryError(f"{path}{_line_of(header_text, e.near)}: {e}") from None


def split_query(source: str) -> tuple[str, str]:
    """(header, text): the leading `#+` lines without their marker (YAML), and the SPARQL after them."""
    lines = source.splitlines()
    count = next((i for i, line in enumerate(lines) if not line.startswith("#+")), len(lines))
    header = [line[3:] if line.startswith("#+ ") else line[2:] for line in lines[:count]]
    return "\n".join(header), "\n".join(lines[count:])


def _line_of(header_text: str, near: str) -> str:
    """":N" for the header line that holds `near` (the last one for a "^" prefix), or "" if none does."""
    last, near = near.startswith("^"), near.removeprefix("^")
    numbers = [n for n, line in enumerate(header_text.splitlines(), 1) if near and near in line]
    return f":{numbers[-1 if last else 0]}" if numbers else ""


def _saved_query(name: str, header: object, text: str) -> SavedQuery:
    if not isinstance(header, dict):
        raise _HeaderProblem("the query starts with a #+ YAML header holding a mapping (summary, description, params)")
    unknown = set(header) - HEADER_KEYS
    if unknown:
        key = min(map(str, unknown))
        raise _HeaderProblem(f"unknown header key {key!r} (known: {', '.join(sorted(HEADER_KEYS))})", f"{key}:")
    summary = _text(header, "summary")
    description = _text(header, "description")
    tags = header.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _HeaderProblem("tags is a list of words", "tags:")
    if not isinstance(header.get("params"), list):
        raise _HeaderProblem("params is a list of parameters ([] for none)", "params:")
    params = [_param(p) for p in header["params"]]
    names = [p.name for p in params]
    if len(names) != len(set(names)):
        twice = next(n for n in names if names.count(n) > 1)
        raise _HeaderProblem(f"parameter {twice!r} is declared twice", f"^name: {twice}")
    if not _SELECT.match(text):
        raise _HeaderProblem("the query is a SELECT (after PREFIX declarations)")
    limit = _limit(header, text)
    return SavedQuery(name, summary, description, tags, params, limit, text)


def _text(header: dict, key: str) -> str:
    value = header.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _HeaderProblem(f"{key} is required and is text", f"{key}:")
    return value.strip()


def _param(raw: object) -> Param:
    if not isinstance(raw, dict):
        raise _HeaderProblem(f"a parameter is a mapping with name, type, description, default; not {raw!r}", "params:")
    name = raw.get("name")
    if not isinstance(name, str) or not _VARIABLE.fullmatch(name):
        raise _HeaderProblem(f"a parameter's name is a SPARQL variable name; not {name!r}",
                             f"name: {name}" if isinstance(name, str) else "params:")
    near = f"name: {name}"
    if name in RESERVED:
        raise _HeaderProblem(f"parameter {name!r}: the name is taken by the server (it picks the result format)", near)
    unknown = set(raw) - PARAM_KEYS
    if unknown:
        raise _HeaderProblem(f"parameter {name!r}: unknown key {min(map(str, unknown))!r} "
                             f"(known: {', '.join(sorted(PARAM_KEYS))})", near)
    if raw.get("type") not in TYPES:
        raise _HeaderProblem(f"parameter {name!r}: unknown type {raw.get('type')!r} (types: {', '.join(TYPES)})",
                             f"type: {raw.get('type')}")
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise _HeaderProblem(f"parameter {name!r}: description is required and is text", near)
    allowed = raw.get("allowed")
    if allowed is not None and (not isinstance(allowed, list) or not allowed):
        raise _HeaderProblem(f"parameter {name!r}: allowed is a non-empty list of values", near)
    param = Param(name, raw["type"], description.strip(), None if raw.get("default") is None else str(raw["default"]),
                  None if allowed is None else tuple(str(a) for a in allowed))
    for value in (*(param.allowed or ()), *([] if param.default is None else [param.default])):
        try:
            param.term(value)
        except BadParameter as e:
            raise _HeaderProblem(str(e) + (" (the default)" if value == param.default else " (an allowed value)"), near) \
                from None
    return param


def _limit(header: dict, text: str) -> int | None:
    """The header's limit, which must be the LIMIT the query ends with (both or neither)."""
    limit = header.get("limit")
    match = _LIMIT.search(text)
    if limit is None and match is None:
        return None
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        raise _HeaderProblem(f"limit is a positive integer, the query's own LIMIT; not {limit!r}", "limit:")
    if match is None or int(match.group(1)) != limit:
        raise _HeaderProblem(f"limit: {limit} must repeat the LIMIT the query ends with "
                    f"({'none' if match is None else match.group(1)})", "limit:")
    return limit


# --- values as RDF terms ------------------------------------------------------------------------

def _checked(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not pattern.fullmatch(value):
        raise ValueError(f"expected {what}")
    return value


def _iri(value: str) -> NamedNode:
    return NamedNode(value)  # the engine checks the IRI's syntax (absolute, no spaces, no < > " { })


def _place(value: str) -> NamedNode:
    return place(_checked(_PLACE_CODE, value, "a place code such as CN-HN, CN-430100 or ASEAN"))


def _integer(value: str) -> Literal:
    return Literal(str(int(_checked(_INTEGER, value, "digits, optionally signed"))), datatype=NamedNode(XSD + "integer"))


def _decimal(value: str) -> Literal:
    number = Decimal(_checked(_DECIMAL, value, "a decimal number such as 30 or -2.5"))
    return Literal(format(number, "f"), datatype=NamedNode(XSD + "decimal"))


def _date(value: str) -> Literal:
    day = date.fromisoformat(_checked(_DATE, value, "a date written YYYY-MM-DD"))
    return Literal(day.isoformat(), datatype=NamedNode(XSD + "date"))


def _langstring(value: str) -> Literal:
    text, at, tag = value.rpartition("@")
    if not (at and text and tag):
        raise ValueError("expected text@language, such as 湖南省@zh-Hans")
    return Literal(text, language=tag)  # the engine checks the tag (BCP 47)


def _string(value: str) -> Literal:
    return Literal(value)


_TERMS: dict[str, Callable[[str], Term]] = {"iri": _iri, "place": _place, "integer": _integer, "decimal": _decimal, "date": _date,
          "string": _string, "langstring": _langstring}
