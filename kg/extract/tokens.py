"""Recognisers: normalised text in, a position-sorted list of tokens out.

Each recogniser claims spans of the text; a claimed span is masked so that later
recognisers cannot read inside it. The order is the order of precedence:
ignorable phrases and year-on-year markers, shares (so the flow word inside
"占全省进出口总值的25.2%" is not a new subject), amounts, changes, periods, then
the dictionary words (places, commodities, modes, flows, markers) of the
Aho-Corasick automaton.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import LATIN, Keyword, Lexicon, spec_of
from kg.extract.numbers import parse_number, scaled

MASK = "\x00"


@dataclass(slots=True)
class Token:
    start: int
    end: int
    kind: str
    value: object = None
    info: dict | None = None


class _Masked:
    """The text being read, with claimed spans blanked out."""

    def __init__(self, text: str) -> None:
        self.text = text  # as given
        self.work = text  # with claimed spans blanked

    def claim(self, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        pieces, pos = [], 0
        for s, e in sorted(spans):
            if e <= pos:
                continue
            s = max(s, pos)
            pieces += (self.work[pos:s], MASK * (e - s))
            pos = e
        pieces.append(self.work[pos:])
        self.work = "".join(pieces)


def tokenise(norm: str, original: str, lex: Lexicon) -> list[Token]:
    """All tokens of a document's normalised text (`original` is only used for letter case)."""
    m = _Masked(norm)
    tokens: list[Token] = []
    m.claim([x.span() for needs, regex in lex.ignore_res if not needs or any(n in norm for n in needs)
             for x in regex.finditer(norm) if x.end() > x.start()])
    tokens += _ratios(m, lex)  # before the year-on-year words are claimed: 是去年同期的3.1倍 contains one
    m.claim(_literals(m.work, lex))
    tokens += _shares(m, lex)
    tokens += _amounts(m, lex)
    tokens += _changes(m, lex)
    tokens += _periods(m, lex)
    tokens += _compounds(m, lex)
    tokens += _words(m, original, lex)
    tokens.sort(key=lambda t: (t.start, t.end))
    return _resolve_homonyms(tokens, lex) if lex.homonyms else tokens


def _resolve_homonyms(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """A city name several cities share ("Taizhou") is the one whose province the text names
    ("Taizhou, a manufacturing hub in Zhejiang"); with none or several, no place."""
    named = {c for t in tokens if t.kind == "place" for c in (t.value, *lex.gazetteer.ancestors(t.value))}
    provinces = {c for c in named if lex.place(c).kind == "province"}
    out = []
    for t in tokens:
        if t.kind == "homonym":
            cands = [c for c in lex.homonyms[t.value] if provinces.intersection(lex.gazetteer.ancestors(c))]
            if len(cands) != 1:
                continue
            t.kind, t.value = "place", cands[0]
        out.append(t)
    return out


def _flow_in(text: str, lex: Lexicon) -> str | None:
    """The longest flow word inside a share's denominator (占出口总值的 -> export)."""
    best = None
    for word, flow in lex.flows.items():
        if word in text and (best is None or len(word) > len(best[0])):
            best = (word, flow)
    return best[1] if best else None


def _pct_tokens(span_start: int, text: str, lex: Lexicon, kind: str, sign: float = 1.0, info=None,
                cue_start: int | None = None, cue_end: int | None = None) -> list[Token]:
    """One token per percentage of a list; the first one's span starts at its cue (the last ends at a cue after it)."""
    out = []
    for x in lex.pct_re.finditer(text):
        value = parse_number(x.group("num"))
        if text.endswith(("倍", "fold"), x.start(), x.end()):
            value *= 100.0
        value = -abs(value) if sign < 0 else value
        start = span_start + x.start() if out or cue_start is None else cue_start
        out.append(Token(start, span_start + x.end(), kind, value, info))
    if out and cue_end is not None:
        out[-1].end = cue_end
    return out


def _shares(m: _Masked, lex: Lexicon) -> list[Token]:
    tokens, spans = [], []
    for x in lex.share_re.finditer(m.work):
        if MASK in x.group(0) or (lex.wordy and x.group("cue") == "or" and not x.group("den")):
            continue  # "or 48.6 percent" is a share only when "of the total" follows
        spans.append(x.span())
        if lex.sum_subject_re.search(m.work, max(0, x.start() - 8), x.start()):
            continue  # 两者合计占49.9%: the share of a sum, which no single observation holds
        info = {"denominator": _flow_in(x.group("den"), lex)}
        tokens += _pct_tokens(x.start("list"), x.group("list"), lex, "share", info=info)
    m.claim(spans)
    return tokens


def _amounts(m: _Masked, lex: Lexicon) -> list[Token]:
    tokens, spans = [], []
    for regex, kind in ((lex.money_re, "money"), (lex.quantity_re, "quantity")):
        for x in regex.finditer(m.work):
            g = x.groupdict()
            if kind == "money" and not (g.get("pre") or g.get("cur")):
                continue
            if MASK in x.group(0):
                continue
            spans.append(x.span())
            if lex.bound_after_re.match(m.work, x.end()) or _is_increment(m.work, x.start(), lex):
                continue  # 500亿元以上, 增加100亿元: bounds and increments are no figures
            amount = scaled(g["num"], g.get("mag"), lex.magnitudes)
            if g.get("wan"):  # 2万3,716亿 = (2 x 10,000 + 3,716) x 亿; 2万3,716吨 = 23,716 tonnes
                amount += scaled(g["wan"], g.get("mag"), lex.magnitudes) * 10_000
            before = max(0, x.start() - 24)
            info = {"base": bool(lex.base_amount_re.search(m.work, before, x.start())),
                    "bound": bool(lex.bound_before_re.search(m.work, before, x.start()))}
            if kind == "money":
                currency = lex.currencies.get(g["cur"]) if g.get("cur") else lex.currency_prefixes[g["pre"]]
                tokens.append(Token(x.start(), x.end(), "money", (amount, currency), info))
            else:
                tokens.append(Token(x.start(), x.end(), "quantity", (amount, lex.units[g["unit"]]), info))
        m.claim(spans)
        spans = []
    return tokens + _counted(m, lex)


def _counted(m: _Masked, lex: Lexicon) -> list[Token]:
    """"the number of handsets shipped dipped 3.1% to 58.2 million": a count whose unit came before it."""
    out = []
    for x in lex.counted_re.finditer(m.work):
        if MASK not in x.group(0):
            amount = scaled(x.group("num"), x.group("mag"), lex.magnitudes)
            out.append(Token(x.start("num"), x.end(), "quantity", (amount, lex.units[x.group("noun")]),
                             {"base": False, "bound": False}))
    m.claim([(t.start, t.end) for t in out])
    return out


def _change(start: int, end: int, value: float, base: bool = False) -> Token:
    """A change token; `base`: of a figure compared with, which another period dates."""
    return Token(start, end, "change", value, {"base": base})


def _is_base_change(m: _Masked, start: int, lex: Lexicon) -> bool:
    """A change right after "slowing from (a)", "compared with", "versus" …: of another period."""
    return bool(lex.base_change_re.search(m.work, max(0, start - 30), start))


def _ratios(m: _Masked, lex: Lexicon) -> list[Token]:
    """是去年同期的3.1倍 / 3.1 times that of a year earlier: a change of +210 %; doubled / 翻一番: +100 %."""
    tokens = [_change(x.start(), x.end(), round((parse_number(x.group("num")) - 1) * 100, 6))
              for x in lex.ratio_re.finditer(m.work) if MASK not in x.group(0)]
    tokens += [_change(x.start(), x.end(), round((parse_number(x.group("num")) - 1) * 100, 6))
               for x in lex.ratio_post_re.finditer(m.work) if MASK not in x.group(0)]
    tokens += [_change(x.start(), x.end(), (lex.multiples[x.group(0)] - 1) * 100)
               for x in lex.multiple_re.finditer(m.work) if MASK not in x.group(0)]
    m.claim([(t.start, t.end) for t in tokens])
    return tokens


def _is_increment(text: str, start: int, lex: Lexicon) -> bool:
    return bool(lex.increment_before_re.search(text, max(0, start - 20), start))


def _changes(m: _Masked, lex: Lexicon) -> list[Token]:
    tokens, spans = [], []
    if lex.change_post_re is not None:  # "a 6.4 percent decline"
        for x in lex.change_post_re.finditer(m.work):
            if MASK not in x.group(0):
                spans.append(x.span())
                sign = 1.0 if x.group("cue") in lex.up else -1.0
                base = {"base": _is_base_change(m, x.start(), lex)}
                tokens += _pct_tokens(x.start("list"), x.group("list"), lex, "change", sign, base, cue_end=x.end())
        m.claim(spans)
        spans = []
    for x in lex.comparison_rate_re.finditer(m.work):  # 增速较8月的3.2%: August's own growth rate
        when = lex.period_re.fullmatch(m.work, x.start("when"), x.end("when"))
        if MASK in x.group(0) or when is None:
            continue
        spans.append(x.span())
        tokens.append(Token(x.start("when"), x.end("when"), "period", spec_of(when), {"base": True}))
        sign = -1.0 if lex.decline_noun_re.search(m.work, max(0, x.start() - 6), x.start()) else 1.0
        tokens.append(_change(x.start("num"), x.end(), sign * parse_number(x.group("num")), base=True))
    # "picking up from 7.2 percent in the first half": another period's growth, written without a cue
    for x in lex.pct_re.finditer(m.work) if lex.data.get("base_change_before") else ():
        if MASK not in x.group(0) and _is_base_change(m, x.start(), lex):
            spans.append(x.span())
            tokens.append(_change(x.start(), x.end(), parse_number(x.group("num")), base=True))
    m.claim(spans)
    spans = []
    for x in lex.change_re.finditer(m.work):
        if MASK in x.group(0):
            continue
        spans.append(x.span())
        if lex.bound_after_re.match(m.work, x.end()) or not _is_yoy(m, x, lex):
            continue  # 25%以上, 15%至20%, 环比增长: no year-on-year figure
        sign = 1.0 if x.group("cue") in lex.up else -1.0
        base = {"base": _is_base_change(m, x.start(), lex)}
        tokens += _pct_tokens(x.start("list"), x.group("list"), lex, "change", sign, base, cue_start=x.start())
    m.claim(spans)
    return tokens + _elliptic_changes(m, lex, tokens)


def _elliptic_changes(m: _Masked, lex: Lexicon, changes: list[Token]) -> list[Token]:
    """"Exports fell 2.8 percent and imports 14.1 percent": the verb left out, the direction of the change
    just before in the sentence."""
    out = []
    for x in lex.elliptic_change_re.finditer(m.work):
        if MASK in x.group(0):
            continue
        before = [t for t in changes if t.end <= x.start() and "." not in m.work[t.end:x.start()]]
        if before:
            sign = 1.0 if max(before, key=lambda t: t.end).value >= 0 else -1.0
            out.append(_change(x.start("num"), x.end(), sign * parse_number(x.group("num"))))
    m.claim([(t.start, t.end) for t in out])
    return out


def _literals(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Year-on-year markers (比上年同期, year-on-year), leftmost-longest, as spans to mask."""
    found = sorted(((end - n + 1, -n) for end, n in lex.ignore_words.iter(text)))
    spans, last_end = [], -1
    for start, neg in found:
        end = start - neg
        if start >= last_end and not (lex.wordy and not _word_edges(text, start, end)):
            spans.append((start, end))
            last_end = end
    return spans


def _word_edges(text: str, start: int, end: int) -> bool:
    """A Latin word must not run on into letters on either side."""
    if text[start] in LATIN and start > 0 and text[start - 1] in LATIN:
        return False
    return not (text[end - 1] in LATIN and end < len(text) and text[end] in LATIN)


def _is_yoy(m: _Masked, x: re.Match, lex: Lexicon) -> bool:
    """False for a range (15%至20%) or a month-on-month change (环比增长, 较8月减少31%, rose 5% month-on-month).

    What comes before is read in the unmasked text: 较8月 is masked as a yardstick by then.
    """
    if lex.range_after_re.match(m.work, x.end()) or lex.not_yoy_after_re.match(m.work, x.end()):
        return False
    return not lex.not_yoy_before_re.search(m.text, max(0, x.start() - 8), x.start())


def _periods(m: _Masked, lex: Lexicon) -> list[Token]:
    tokens = []
    for x in lex.period_re.finditer(m.work):
        if x.end() > x.start() and MASK not in x.group(0):
            spec = spec_of(x)
            if spec:
                tokens.append(Token(x.start(), x.end(), "period", spec))
    m.claim([(t.start, t.end) for t in tokens])
    return tokens


def _compounds(m: _Masked, lex: Lexicon) -> list[Token]:
    """中美贸易 / 两岸贸易: China and a partner; 对美出口: a one-character partner."""
    if lex.compound_re is None:
        return []
    tokens = [Token(x.start(), x.end(), "compound", lex.abbr[x.group("abbr") or x.group("fixed")])
              for x in lex.compound_re.finditer(m.work) if MASK not in x.group(0)]  # span includes its flow word
    m.claim([(t.start, t.end) for t in tokens])
    marked = [Token(x.start(), x.end(), "place", lex.abbr[x.group("abbr")], {"org": False})
              for x in lex.marker_compound_re.finditer(m.work) if MASK not in x.group(0)]
    for t in marked:
        t.info["compared"] = False
    m.claim([(t.start, t.end) for t in marked])
    return tokens + marked


def _case_ok(written: str, original: str) -> bool:
    """A Latin name written with a capital must be capitalised in the text too (US is not 'us')."""
    if written.isupper() and len(written) <= 5:
        return original == written or original.replace(".", "") == written.replace(".", "")
    return original[:1].isupper()


def _words(m: _Masked, original: str, lex: Lexicon) -> list[Token]:
    """Dictionary words, leftmost-longest among those that pass their checks.

    A longest match that fails (a Latin word running on: "trade values" is no
    "trade value") leaves room for a shorter one that passes ("trade").
    """
    text = m.work
    if lex.wordy:
        hits = sorted((end - length + 1, -length, kws, latin) for end, (length, kws, latin) in lex.automaton.iter(text))
    else:  # Chinese has no word edges to fail: the automaton's own leftmost-longest pass (in order) will do
        hits = [(end - length + 1, -length, kws, latin) for end, (length, kws, latin) in _long_matches(text, lex)]
    tokens, last_end = [], -1
    for start, neg_length, kws, latin in hits:
        end = start - neg_length
        if start < last_end or (latin and not _word_edges(text, start, end)):
            continue
        kw = kws[0] if kws[0].plain else next((k for k in kws if _accept(k, start, end, text, original, lex)), None)
        if kw is not None:
            place = kw.kind in ("place", "homonym")
            tokens.append(_place_token(kw, start, end, m, lex) if place else Token(start, end, kw.kind, kw.payload))
            last_end = end
    return tokens


def _long_matches(text: str, lex: Lexicon):
    """Leftmost-longest dictionary matches, except that a city's 市 before 场 is the 市 of 市场.

    泉州市场采购 is 泉州 + 市场采购 (a trade mode), not 泉州市 + 场采购: the city is
    matched without its 市 and the scan starts again at the 市.
    """
    pos = 0
    while pos is not None:
        restart = None
        for end, (length, kws, latin) in lex.automaton.iter_long(text, pos):
            if text.startswith("市场", end) and length > 2 and kws[0].kind == "place":
                yield end - 1, (length - 1, kws, latin)
                restart = end
                break
            yield end, (length, kws, latin)
        pos = restart


def _accept(kw: Keyword, start: int, end: int, text: str, original: str, lex: Lexicon) -> bool:
    if kw.modifier:
        return bool(lex.flow_next_re.match(text, end))
    if kw.kind == "homonym":
        return _case_ok(kw.written, original[start:end])
    if kw.kind != "place":
        return True
    if kw.cased and not _case_ok(kw.written, original[start:end]):
        return False
    if kw.ambiguous:
        before, after = text[max(0, start - 1):start], text[end:end + 1]
        return bool(lex.partner_before_re.search(text, 0, start)) or before in "、,和及与" or after in "、,和及与等"
    return True


def _place_token(kw: Keyword, start: int, end: int, m: _Masked, lex: Lexicon) -> Token:
    """A place (or a city name two cities share) with what its surroundings say of it."""
    text = m.work
    # A place followed by an organisation word, or by a day's date (北京4月4日宣布), is no reporter;
    # nor is a capital standing for its government ("Washington and Beijing") unless it is a place here.
    org = bool(lex.org_after_re.match(text, end)) or bool(lex.date_after_re.match(m.text, end)) or (
        text[start:end] in lex.government_seats and not lex.seat_as_place_re.match(text, end))
    compared = bool(lex.comparison_before_re.search(text, max(0, start - 6), start))
    return Token(start, end, kw.kind, kw.payload, {"org": org, "compared": compared})
