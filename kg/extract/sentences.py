"""Sentences and quote units.

A quote unit is what an observation quotes: text up to 。！？；… or a line end
(and, in English, a full stop before the next sentence). A sentence is a run of
units up to a full stop: context such as a partner named before a ； still
holds after it, but not after a 。.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A boundary that opens with ; ends a unit only, the others a sentence. Each alternative opens
# with a literal (……* for …+), so that re skips at C speed to the places where one may start.
# A space between Chinese clauses ends a sentence too: headlines put no stop there
# (辽宁首季外贸进出口1813.6亿元 沈阳…).
_BOUNDARY = re.compile(
    r"(?:。|!|\?|……*|\.\.\.\.*|\n\n*|;|[ \u3000](?<=[\u4e00-\u9fff%][ \u3000])[ \u3000]*(?=[\u4e00-\u9fff]))[\"')\]]*")
_OPENING = frozenset("“‘「『（([")  # normalised to straight quotes, but still opening in the original
_RUNS_ON = frozenset(",;:、")  # a block ending in these is a sentence broken over two paragraphs
_EN_STOP = re.compile(r"\.[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    units: tuple[tuple[int, int], ...]
    opens_block: bool = False  # the first sentence of a paragraph (or heading, caption)


def _boundaries(norm: str, original: str, block: tuple[int, int], abbreviations: frozenset[str]) -> list[tuple[int, bool]]:
    """(position after the boundary, ends a sentence) for one block, in order."""
    s, e = block
    found = {_closing_end(original, m): norm[m.start()] != ";" for m in _BOUNDARY.finditer(norm, s, e)}
    for m in _EN_STOP.finditer(original, s, e):
        word = (norm[max(s, m.start() - 8):m.start()].split() or [""])[-1].lstrip("(\"'")
        if word not in abbreviations and not (word[-1:].isdigit() and norm[m.end():m.end() + 2].strip()[:1].isdigit()):
            found[m.end()] = True
    found[e] = True
    return sorted(found.items())


def _closing_end(original: str, m: re.Match) -> int:
    """The boundary's end: closing quotes after a stop belong to its sentence, opening ones to the next."""
    end = m.end()
    while end > m.start() + 1 and original[end - 1] in _OPENING:
        end -= 1
    return end


def _trim(original: str, a: int, b: int) -> tuple[int, int]:
    while a < b and original[a].isspace():
        a += 1
    while b > a and original[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(norm: str, original: str, blocks: tuple[tuple[int, int], ...],
                    abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    """The sentences of every block, each with its quote units (whitespace trimmed)."""
    sentences: list[Sentence] = []
    for block in blocks:
        units: list[tuple[int, int]] = []
        prev = block[0]
        for stop, ends_sentence in _boundaries(norm, original, block, abbreviations):
            a, b = _trim(original, prev, stop)
            prev = stop
            if a < b:
                units.append((a, b))
            if ends_sentence and units:
                opens = not sentences or sentences[-1].end <= block[0] and norm[sentences[-1].end - 1] not in _RUNS_ON
                sentences.append(Sentence(units[0][0], units[-1][1], tuple(units), opens))
                units = []
    return sentences
