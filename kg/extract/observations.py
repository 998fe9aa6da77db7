"""Extraction as one pure function: a read document in, its observations out."""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.frames import DocState, SentenceReader, to_observation
from kg.extract.lexicon import Lexicon, lexicon
from kg.extract.merge import merge_by_key
from kg.extract.sentences import Sentence, split_sentences
from kg.extract.tokens import Token, tokenise
from kg.model import Document, Observation
from kg.normalise.text import normalise


def extract_observations(doc: Document) -> list[Observation]:
    """Every trade observation of `doc`, merged by key, in reading order (body before title)."""
    if doc.date is None:
        return []
    lex = lexicon("en" if doc.script == "en" else "zh")
    norm = normalise(doc.text)
    tokens = tokenise(norm, doc.text, lex)
    sentences = split_sentences(norm, doc.text, doc.blocks, frozenset(lex.data.get("abbreviations") or ()))
    title = doc.title_span or (0, 0)
    in_title = [s for s in sentences if title[0] <= s.start < title[1]]
    body = [s for s in sentences if not title[0] <= s.start < title[1]]
    starts = [t.start for t in tokens]
    slice_of = lambda s: tokens[bisect_left(starts, s.start):bisect_left(starts, s.end)]  # noqa: E731
    # The title's reporter, the most specific one (大陆山西上半年…: Shanxi, not the mainland)
    reporters = [t.value for s in in_title for t in slice_of(s) if _is_reporter(t)]
    first_reporter = next((c for c in reporters if c != "CN"), reporters[0] if reporters else None)
    found = _read(body, slice_of, DocState(doc.date, reporter=first_reporter), lex, norm, doc)
    found += _read(in_title, slice_of, DocState(doc.date), lex, norm, doc)
    return merge_by_key(found)


def _is_reporter(t: Token) -> bool:
    return t.kind == "place" and not t.info["org"] and (t.value == "CN" or t.value.startswith("CN-"))


def _read(sentences: list[Sentence], slice_of, state: DocState, lex: Lexicon, norm: str, doc: Document) -> list[Observation]:
    out = []
    for s in sentences:
        reader = SentenceReader(lex, norm, state, s, slice_of(s))
        for draft in reader.read():
            quote = next((u for u in s.units if u[0] <= draft.anchor < u[1]), (s.start, s.end))
            obs = to_observation(draft, reader.has_flow, reader.default_flow, doc.id, doc.source, quote, doc.text,
                                 state.ref)
            if obs is not None:
                out.append(obs)
    return out
