"""The normaliser keeps positions; periods resolve against the document's date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.lexicon import lexicon, spec_of
from kg.extract.periods import resolve_period
from kg.normalise.text import normalise


@pytest.mark.parametrize("original,expected", [
    ("湖南進出口總值5，414.1億元", "湖南进出口总值5,414.1亿元"),
    ("「新三樣」（電動汽車）１—６月", '"新三样"(电动汽车)1-6月'),
    ("Hunan’s ＵＳ Exports", "hunan's us exports"),
    ("東協、歐盟", "东协、欧盟"),
])
def test_normalise_folds_script_width_and_case_in_place(original: str, expected: str) -> None:
    assert normalise(original) == expected
    assert len(normalise(original)) == len(original)


def _period(lang: str, phrase: str, ref: str, context=None):
    lex = lexicon(lang)
    m = lex.period_re.fullmatch(normalise(phrase))
    assert m, f"no period pattern matches {phrase!r}"
    r = resolve_period(spec_of(m), date.fromisoformat(ref), context, lex.numerals, lex.relative_years)
    return f"{r.period.start}..{r.period.end}"


@pytest.mark.parametrize("lang,phrase,ref,expected", [
    ("zh", "上半年", "2021-07-20", "2021-01-01..2021-06-30"),
    ("zh", "今年上半年", "2022-07-21", "2022-01-01..2022-06-30"),
    ("zh", "去年下半年", "2021-07-20", "2020-07-01..2020-12-31"),
    ("zh", "前两个月", "2022-03-26", "2022-01-01..2022-02-28"),
    ("zh", "前11个月", "2024-12-10", "2024-01-01..2024-11-30"),
    ("zh", "1-10月", "2023-11-07", "2023-01-01..2023-10-31"),
    ("zh", "1至5月", "2024-06-07", "2024-01-01..2024-05-31"),
    ("zh", "一季度", "2024-04-12", "2024-01-01..2024-03-31"),
    ("zh", "第三季度", "2024-10-15", "2024-07-01..2024-09-30"),
    ("zh", "前三季度", "2024-10-15", "2024-01-01..2024-09-30"),
    ("zh", "6月份", "2021-07-20", "2021-06-01..2021-06-30"),
    ("zh", "2025年", "2026-01-14", "2025-01-01..2025-12-31"),
    ("zh", "去年", "2025-01-13", "2024-01-01..2024-12-31"),
    ("zh", "2023年1-9月", "2024-01-01", "2023-01-01..2023-09-30"),
    ("zh", "上半年", "2024-01-15", "2023-01-01..2023-06-30"),  # a January article speaks of last year
    ("zh", "今年首季", "2024-04-25", "2024-01-01..2024-03-31"),
    ("en", "the first half of the year", "2023-07-19", "2023-01-01..2023-06-30"),
    ("en", "the first 11 months", "2024-12-10", "2024-01-01..2024-11-30"),
    ("en", "january-november", "2024-12-10", "2024-01-01..2024-11-30"),
    ("en", "the first quarter of 2024", "2024-04-20", "2024-01-01..2024-03-31"),
    ("en", "q3 2023", "2023-10-20", "2023-07-01..2023-09-30"),
    ("en", "last year", "2024-01-12", "2023-01-01..2023-12-31"),
])
def test_periods(lang: str, phrase: str, ref: str, expected: str) -> None:
    assert _period(lang, phrase, ref) == expected
