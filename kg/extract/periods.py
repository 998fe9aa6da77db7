"""Periods: a recognised period phrase, resolved against the document's date.

A phrase gives some of: a year (2025年), a relative year (去年 = -1), a half, the
first N quarters or months, a quarter, a month or a span of months, or the whole
year; or it names the period in context itself, shifted by a relative year
(去年同期, the same period last year, a year earlier) or not (the same six months). Without a year of its own, a phrase takes the year of the period in
context when that one was written with an explicit year ("2025年……6月份"),
otherwise the document's year; a bare phrase that would end after the document
was published means the year before (上半年 in a January article).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from kg.extract.numbers import small_number
from kg.model import Period


@dataclass(frozen=True)
class Resolved:
    period: Period
    explicit_year: bool


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(spec: dict, numerals: dict[str, int]) -> tuple[int, int] | None:
    """The first and last month a phrase covers, or None for a whole year."""
    n = lambda key: small_number(spec[key], numerals)  # noqa: E731 - a local shorthand
    if "half" in spec:
        h = n("half")
        return (1, 6) if h == 1 else (7, 12)
    if "quarters" in spec:
        return 1, 3 * n("quarters")
    if "quarter" in spec or "quarter_first" in spec:
        q = n("quarter") if "quarter" in spec else 1  # 首季: Hong Kong / Taiwan for Q1
        return 3 * q - 2, 3 * q
    if "months" in spec:
        return 1, n("months")
    if "month_to" in spec:
        return n("month_from"), n("month_to")
    if "month" in spec:
        return n("month"), n("month")
    return None


def resolve_period(spec: dict, ref: date, context: Resolved | None,
                   numerals: dict[str, int], relative_years: dict[str, int]) -> Resolved | None:
    """The inclusive date range of `spec`, or None when it names no valid range."""
    if "same" in spec:
        return _same_period(context, relative_years.get(spec["same"], 0))
    if "previous" in spec:
        return _previous_month(context)
    try:
        months = _months(spec, numerals)
    except (ValueError, KeyError):
        return None
    if months and not (1 <= months[0] <= months[1] <= 12):
        return None
    explicit = "year" in spec
    if months is None and "full" not in spec and relative_years.get(spec.get("rel", ""), -1) == 0:
        return None  # 今年 / this year alone: a year not over has no whole-year figure (今年春节)
    if explicit:
        year = int("".join(str(numerals.get(c, c)) for c in spec["year"]))  # 2025 or 二〇二五
    elif "rel" in spec:
        year = ref.year + relative_years.get(spec["rel"], 0)
    elif context is not None and context.explicit_year:
        year = context.period.start.year
    else:
        year = ref.year
        if _month_end(year, months[1] if months else 12) > ref:
            year -= 1  # statistics are published after their period ends: 全年 in January is last year
    if months is None:
        return Resolved(Period(date(year, 1, 1), date(year, 12, 31)), explicit)
    return Resolved(Period(date(year, months[0], 1), _month_end(year, months[1])), explicit)


def _same_period(context: Resolved | None, years: int) -> Resolved | None:
    """The period in context moved by `years` (去年同期 of 一季度 2020 is 一季度 2019); None without one."""
    if context is None:
        return None
    start, end = context.period.start, context.period.end
    return Resolved(Period(date(start.year + years, start.month, 1), _month_end(end.year + years, end.month)), True)


def _previous_month(context: Resolved | None) -> Resolved | None:
    """The month before the last month of the period in context (上月 of 7月 is 6月); None without one."""
    if context is None:
        return None
    end = context.period.end
    year, month = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
    return Resolved(Period(date(year, month, 1), _month_end(year, month)), True)
