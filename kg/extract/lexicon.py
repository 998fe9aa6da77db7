"""Compile the per-language data files and the gazetteer into matchers.

Everything a language knows lives in `kg/data/lang/<lang>.yaml`; this module
turns those lists into regular expressions and one Aho-Corasick automaton, once
per process. The recognisers and the frame engine only see a `Lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import ahocorasick
import yaml

from kg.gazetteer import Gazetteer, Place, load_gazetteer
from kg.normalise.text import normalise

LANG_DIR = Path(__file__).resolve().parent.parent / "data" / "lang"
# A number (-1,234.5). It opens with a character class rather than "-?": re tries a pattern that
# starts with one only where a number can start (it skips to those positions in C), not at every
# position of the text. After its first character: (-) a whole number, (digit) the rest of one.
NUM_REST = r"(?:(?<=-)(?:\d{1,3}(?:,\d{3})+|\d+)|(?<=\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?:\.\d+)?"
NUM = r"[-\d]" + NUM_REST
CNUM = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*(?:点[零〇一二三四五六七八九]+)?"
# Matches nowhere, and re gives up on it at once: a pattern that needs a word of an empty list
# would also match nowhere, but only after trying every position of the text.
NEVER = re.compile(r"\A(?!)")


def num_where(test: str) -> str:
    """NUM with `test` (a lookahead or lookbehind) right after its first character.

    A pattern that opens with a number then still opens with a character class (re skips to the
    digits), and `test` rejects most digits at once instead of after the number's alternatives.
    """
    return r"[-\d]" + test + NUM_REST


def first_chars(words) -> str:
    """A lookahead for the first characters of `words`: at every other position of the text the
    pattern behind it fails at once. (Only a pattern that opens with a literal or a character
    class lets re skip those positions altogether.)"""
    chars = {w[0] for w in words if w}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" if chars else "(?!)"


def alternation(words: list[str] | dict, wordy: bool = False) -> str:
    """A regex alternative of `words`, longest first; `wordy` adds word boundaries.

    Each word opens with its first character, and the look back for a letter before the word
    comes right after that character: a pattern that opens with the alternation then opens with
    literals, so re skips at C speed to the places where one of the words starts.
    """
    items = sorted({normalise(w) for w in words}, key=len, reverse=True)
    if not wordy:
        return "(?:" + ("|".join(re.escape(w) for w in items) or "(?!)") + ")"
    by_first: dict[str, list[str]] = {}
    for w in items:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    body = "|".join(f"{re.escape(c)}(?<![a-z]{re.escape(c)})(?:{'|'.join(rests)})" for c, rests in by_first.items())
    return f"(?:{body or '(?!)'})(?![a-z])"


@dataclass(frozen=True)
class Keyword:
    """What a matched word means: a kind and a payload (a code, a slug, a flow)."""

    kind: str
    payload: str | None
    written: str  # the form in the data file, for case checks of Latin names
    modifier: bool = False  # a singular made from a plural name: only a modifier of a flow ("solar cell exports")
    ambiguous: bool = False  # a place name the gazetteer matches only in a clear context
    # Set from the above once, so that the tokeniser tests a flag per match, not the conditions:
    plain: bool = field(init=False)  # no check to pass, nothing to add: any match of it is a token
    cased: bool = field(init=False)  # written with a capital: the text must have one too

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain", self.kind not in ("place", "homonym") and not self.modifier)
        object.__setattr__(self, "cased", self.written[:1].isupper())


@dataclass
class Lexicon:
    """Compiled knowledge of one language plus the gazetteer."""

    lang: str
    wordy: bool  # words have edges (English): matches must start and end at them
    data: dict
    gazetteer: Gazetteer
    automaton: ahocorasick.Automaton
    ignore_res: list[tuple[tuple[str, ...], re.Pattern]]  # (substrings it needs one of, or none; the regex): one by one is faster
    ignore_words: ahocorasick.Automaton
    share_re: re.Pattern
    money_re: re.Pattern
    quantity_re: re.Pattern
    change_re: re.Pattern
    pct_re: re.Pattern
    period_re: re.Pattern
    up: frozenset[str]
    currencies: dict[str, str]
    currency_prefixes: dict[str, str]
    magnitudes: dict[str, float]
    units: dict[str, str]
    numerals: dict[str, int]
    relative_years: dict[str, int]
    flows: dict[str, str]
    separators_re: re.Pattern
    partner_before_re: re.Pattern
    org_after_re: re.Pattern
    compound_re: re.Pattern | None
    marker_compound_re: re.Pattern | None
    change_post_re: re.Pattern | None
    respectively: tuple[str, ...]
    bound_after_re: re.Pattern
    increment_before_re: re.Pattern
    range_after_re: re.Pattern
    date_after_re: re.Pattern
    not_yoy_before_re: re.Pattern
    not_yoy_after_re: re.Pattern
    comparison_before_re: re.Pattern
    alone_before_re: re.Pattern
    trade_regimes: frozenset[str]  # modes that are kinds of trade (加工贸易): naming one names trade
    alone_after: tuple[str, ...]
    multiples: dict[str, float]  # doubled / 翻一番: a figure N times last year's
    multiple_re: re.Pattern
    ratio_re: re.Pattern  # 是去年同期的3.1倍: a multiple of last year's figure, a change of (3.1 - 1) x 100 %
    section_opener_re: re.Pattern  # 从市场看 / By market: a new section about the text's main reporter
    combined_re: re.Pattern  # right after a list of goods: they are added up (合计, combined)
    continuing_pronoun_re: re.Pattern  # a sentence opening with one goes on about the last one's subject
    partner_yardstick_re: re.Pattern  # before a partner: it is compared with, not traded with
    subordinate_re: re.Pattern  # a clause about something else opens (", after …")
    month_on_month_re: re.Pattern  # a sentence comparing with the month before: its month is no current period
    ratio_post_re: re.Pattern  # "2.1 times that of the same period last year"
    subset_opener_re: re.Pattern  # a sentence opening with one names parts of the last one's whole (其中)
    flow_next_re: re.Pattern  # a flow word next: what a modifier must stand before
    homonyms: dict[str, tuple[str, ...]]  # a bare English name several cities share -> those cities
    government_seats: frozenset[str]  # capitals that stand for their government ("Beijing said")
    seat_as_place_re: re.Pattern  # after such a capital: it is the place ("Beijing's exports", "Beijing municipality")
    sum_subject_re: re.Pattern  # right before a share: it is the share of several things added up
    bound_before_re: re.Pattern  # right before an amount: it is a bound (突破, more than), not the figure
    base_amount_re: re.Pattern  # right before an amount: the figure it is compared with ("up from $34 billion")
    base_change_re: re.Pattern  # right before a change: the one it is compared with ("slowing from a 14.8% jump")
    counted_re: re.Pattern  # "the number of handsets … to 58.2 million": a count named before its figure
    elliptic_change_re: re.Pattern  # "… and imports 14.1 percent": a change whose verb is left out
    comparison_rate_re: re.Pattern  # 较8月的3.2%: another period's growth rate, compared with
    decline_noun_re: re.Pattern  # right before it: the rate compared is a decline (减幅较7月的4.4%收窄)
    comparison_re: re.Pattern  # the same words anywhere: what follows them is compared with, of another period
    bilateral: frozenset[str]
    abbr: dict[str, str] = field(default_factory=dict)

    def place(self, code: str) -> Place:
        return self.gazetteer.places[code]


def _keywords(data: dict, gaz: Gazetteer, homonyms: dict[str, tuple[str, ...]]) -> dict[str, list[Keyword]]:
    """Every word the automaton looks for, normalised, with what it means."""
    words: dict[str, list[Keyword]] = {}

    def add(word: str, kw: Keyword) -> None:
        key = normalise(word).strip()
        if key:
            words.setdefault(key, []).append(kw)

    wordy = bool(data.get("word_edges"))
    for name in homonyms:  # "Taizhou": a city of Zhejiang and one of Jiangsu
        add(name, Keyword("homonym", normalise(name), name))
    for name, kind, code in gaz.names():
        add(name, Keyword(kind, code, name, ambiguous=kind == "place" and name in gaz.places[code].ambiguous))
        if wordy and kind in ("commodity", "mode"):
            singular = _singular(name)
            if singular:
                add(singular, Keyword(kind, code, singular, modifier=True))  # "solar cell exports", not "laptop makers"
    for flow, ws in data["flows"].items():
        for w in ws:
            add(w, Keyword("flow", flow, w))
    for flow, ws in (data.get("weak_flows") or {}).items():
        for w in ws:
            add(w, Keyword("weak_flow", flow, w))
    for word, code in (data.get("issuers") or {}).items():
        add(word, Keyword("issuer", code, word))
    for level, ws in data["anaphora"].items():
        for w in ws:
            add(w, Keyword("anaphor", level, w))
    for kind in ("nontrade", "forecast", "examples", "aside", "target"):
        for w in data.get(kind) or []:
            add(w, Keyword(kind, None, w))
    return words


def _homonyms(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    """English city names that several cities share and the gazetteer only holds with their province
    ("Taizhou, Zhejiang", "Taizhou, Jiangsu"): the bare name and the cities it may be."""
    found: dict[str, list[str]] = {}
    for p in gaz.places.values():
        bare, _, province = p.labels.get("en", "").partition(", ")
        if province and gaz.lookup(bare) is None:
            found.setdefault(bare, []).append(p.code)
    return {name: tuple(codes) for name, codes in found.items()}


def _singular(name: str) -> str | None:
    """The singular of an English plural name (solar cells -> solar cell, batteries -> battery), or None."""
    if not name.isascii() or not name.endswith("s") or name.endswith("ss"):
        return None
    return name[:-3] + "y" if name.endswith("ies") else name[:-1]


# pyahocorasick finds a node's child by a linear search, and the root has some 650 children, one
# per first character of a name: every character of the text not found early in that list costs
# a scan of all of it. Roots for the characters every text is full of (the tokeniser's mask,
# spaces, digits, Latin letters, punctuation) come first; each leads only to a lone surrogate,
# which decoded text never holds, so they add no match.
_FREQUENT = "\x00 \n0123456789etaoinsrhldcumfpgwybvkxjqz,.%-;:()'\"。、《》"
_NO_CHAR = "\udfff"
LATIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _automaton(words: dict[str, list[Keyword]]) -> ahocorasick.Automaton:
    """Each word's value: (its length, its keywords best first, whether it has Latin letters or digits,
    which must not run on into the text around it)."""
    auto = ahocorasick.Automaton()
    for ch in _FREQUENT:
        auto.add_word(ch + _NO_CHAR, (2, (), False))
    for key, kws in words.items():
        # Places and vocabulary outrank the grammar's words of the same spelling.
        rank = {"place": 0, "commodity": 1, "mode": 1}
        kws.sort(key=lambda k: rank.get(k.kind, 2))
        auto.add_word(key, (len(key), tuple(kws), not LATIN.isdisjoint(key)))
    auto.make_automaton()
    return auto


def _money_res(data: dict, wordy: bool) -> tuple[re.Pattern, re.Pattern]:
    mag = alternation(data["magnitudes"])
    cur = alternation(data["currencies"])
    pre = alternation(data["currency_prefixes"])
    units = alternation(data["units"])
    sp = " ?" if wordy else ""
    num = rf"(?P<num>{NUM}|{CNUM})" if not wordy else rf"(?P<num>{NUM})"
    not_before = data.get("unit_not_before", "(?!)")
    starts = first_chars(["0123456789-", *(normalise(p) for p in data["currency_prefixes"])]
                         + ([] if wordy else list("一二两三四五六七八九十")))
    starts = starts[:-2] + "0-9" + starts[-2:] if starts != "(?!)" else starts
    if wordy:
        money = (rf"{starts}(?:(?P<pre>{pre}){sp})?{num}{sp}(?P<mag>{mag})?\b(?:{sp}(?P<cur>{cur})\b)?")
        num_start = num_where(r"(?<![\d.].)")  # not inside a number
        quantity = rf"(?P<num>{num_start}){sp}(?P<mag>{mag})?{sp}(?P<unit>{units})\b"
    else:
        # 2万3,716亿元, 2万3,716吨, 1兆2,354億元 (兆 = 万亿): a leading count of ten-thousands
        wan = r"(?:(?P<wan>\d+)[万兆](?=\d))?"
        money = rf"{starts}(?:(?P<pre>{pre}))?{wan}{num}(?P<mag>{mag})?(?P<cur>{cur})"
        quantity = rf"{starts}(?<![\d.]){wan}{num}(?P<mag>{mag})?(?P<unit>{units})(?!{not_before})"
    return re.compile(money), re.compile(quantity)


def _change_re(data: dict, wordy: bool) -> tuple[re.Pattern, re.Pattern]:
    # a multiple is a change of N x 100 %: 增长1.6倍, "surged 1.6-fold"
    pct_unit = r"(?: ?(?:%|percent(?!age)|per cent)|-fold| fold)" if wordy else r"(?:%|倍)"
    num = NUM if wordy else rf"(?:{NUM}|{CNUM}(?=倍))"  # 增长一倍: a multiple may be a Chinese numeral
    pct = rf"{num}{pct_unit}"
    sep = alternation(data["list_separators"], wordy)
    sp = r"\s*" if wordy else ""
    pct_list = rf"{pct}(?:{sp}(?:{sep}){sp}(?:{sep})?{sp}{pct})*"
    cues = data["up"] + data["down"] + data["growth_nouns"] + data["decline_nouns"]
    fill = alternation(data["change_fillers"], wordy)
    change = rf"(?P<cue>{alternation(cues, wordy)}){sp}(?:(?:{fill}){sp})*(?P<list>{pct_list})"
    return re.compile(change), re.compile(rf"(?P<num>{num}){pct_unit}")


def _share_re(data: dict, wordy: bool) -> re.Pattern:
    cue = alternation(data["share_cues"], wordy)
    if wordy:
        return re.compile(rf"(?P<cue>{cue})\s+(?:about |around |nearly |over |more than )?(?P<list>{NUM} ?(?:%|percent(?!age)|per cent)(?:,? (?:and )?{NUM} ?(?:%|percent(?!age)|per cent))*)(?P<den>(?: of (?:the |its |their |total |province's |city's |country's |overall |\w+ ){{0,5}}(?:value|trade|exports?|imports?|total))?)")
    return re.compile(rf"(?P<cue>{cue})(?P<den>[^,;。!?%]{{0,30}}?)(?P<list>{NUM}%(?:(?:、|,|和|及){NUM}%)*|[一二两三四五六七八九]成|近?[一二两三四五六七八九十]成|(?:近|超|过|逾)?半)")


_GROUP = re.compile(r"\(\?P<(\w+)>")


def combined(patterns: list[str], anchor: str = "") -> re.Pattern:
    """One regex trying `patterns` in order at each position (one pass over the text).

    Group names are suffixed with the pattern's index (year__3) so that every
    pattern may use the same names, and pattern 3 as a whole is group _3;
    `spec_of` strips the suffix again.
    """
    parts = [_GROUP.sub(lambda m, i=i: f"(?P<{m.group(1)}__{i}>", p) for i, p in enumerate(patterns)]
    return re.compile(anchor + "(?:" + "|".join(f"(?P<_{i}>{p})" for i, p in enumerate(parts)) + ")")


def spec_of(match: re.Match) -> dict[str, str]:
    """The named groups a combined pattern matched, under their own names."""
    return {name: v for group, name in _groups_of(match.re, match.lastgroup) if (v := match.group(group))}


@cache
def _groups_of(regex: re.Pattern, pattern: str) -> tuple[tuple[str, str], ...]:
    """(group, its name without the suffix) for the named groups of one pattern (_3) of a combined regex.

    The group of the whole pattern closes last, so it is a match's lastgroup: only its own groups
    are read, not those of the dozens of patterns that did not match.
    """
    suffix = "__" + pattern[1:]
    return tuple((g, g[:-len(suffix)]) for g in regex.groupindex if g.endswith(suffix))


def _compile_if(words, pattern: str) -> re.Pattern:
    """`pattern`, which needs one of `words`; NEVER when the language lists none."""
    return re.compile(pattern) if words else NEVER


def _ignore_re(entry: str | dict) -> tuple[tuple[str, ...], re.Pattern]:
    """An ignore pattern and the substrings it needs one of (none: it is always tried)."""
    if isinstance(entry, str):
        return (), re.compile(entry)
    needs = entry.get("needs") or ()
    return ((needs,) if isinstance(needs, str) else tuple(needs)), re.compile(entry["re"])


def _literal_automaton(words: list[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in {normalise(w) for w in words}:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


@cache
def load_lang(lang: str) -> dict:
    with open(LANG_DIR / f"{lang}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon for 'zh' or 'en' (cached per process)."""
    data = load_lang(lang)
    gaz = load_gazetteer()
    wordy = bool(data.get("word_edges"))
    homonyms = _homonyms(gaz) if wordy else {}  # English city names several cities share
    ignore = list(data["ignore_patterns"])
    money_re, quantity_re = _money_res(data, wordy)
    change_re, pct_re = _change_re(data, wordy)
    flows = {normalise(w): f for f, ws in data["flows"].items() for w in ws}
    sp = r"\s*" if wordy else ""
    markers = alternation(data["partner_markers"], wordy)
    abbr = {normalise(a): p.code for p in gaz.places.values() for a in p.abbr}
    abbr.update({normalise(k): v for k, v in (data.get("extra_abbr") or {}).items()})
    abbr.update({normalise(k): v for k, v in (data.get("fixed_compounds") or {}).items()})
    compound_re = marker_compound_re = None
    if data.get("compound_reporter") and abbr:
        fixed = alternation(data.get("fixed_compounds") or [])
        compound_re = re.compile(
            rf"(?:{re.escape(data['compound_reporter'])}(?P<abbr>{alternation(list(abbr))})|(?P<fixed>{fixed}))"
            rf"{alternation(data['compound_flows'])}"
        )
        marker_compound_re = re.compile(
            rf"(?<={alternation(data['marker_compound'])})(?P<abbr>{alternation(list(abbr))})"
            rf"(?={alternation(data['marker_compound_flows'])})"
        )
    change_post_re = None
    times_num = num_where(r"(?=[\d,.]*\s*times)")  # a multiple's number
    if data.get("up_after"):
        pct_num = num_where(r"(?=[\d,.]* ?(?:%|per))")  # a percentage's number
        change_post_re = re.compile(
            rf"(?P<list>{pct_num} ?(?:%|percent(?!age)|per cent))(?: year-on-year| year on year)? "
            rf"(?P<cue>{alternation(data['up_after'] + data['down_after'], wordy)})"
        )
    return Lexicon(
        lang=lang,
        wordy=wordy,
        data=data,
        gazetteer=gaz,
        automaton=_automaton(_keywords(data, gaz, homonyms)),
        ignore_res=[_ignore_re(p) for p in ignore],
        ignore_words=_literal_automaton(data["yoy"]),
        share_re=_share_re(data, wordy),
        money_re=money_re,
        quantity_re=quantity_re,
        change_re=change_re,
        pct_re=pct_re,
        period_re=combined(data["period_patterns"], data.get("period_anchor", "")),
        up=frozenset(normalise(w) for w in data["up"] + data["growth_nouns"] + (data.get("up_after") or [])),
        currencies={normalise(k): v for k, v in data["currencies"].items()},
        currency_prefixes={normalise(k): v for k, v in data["currency_prefixes"].items()},
        magnitudes={normalise(k): float(v) for k, v in data["magnitudes"].items()},
        units={normalise(k): v for k, v in data["units"].items()},
        numerals={normalise(str(k)): v for k, v in data["numerals"].items()},
        relative_years={normalise(k): v for k, v in data["relative_years"].items()},
        flows=flows,
        separators_re=re.compile(
            rf"^(?:\s|\"|'|{alternation(data.get('list_fillers') or [], wordy)})*{alternation(data['list_separators'], wordy)}"
            rf"(?:\s|\"|'|{alternation(data['list_separators'], wordy)}|{alternation(data.get('list_fillers') or [], wordy)})*$"),
        partner_before_re=re.compile(rf"(?:{markers}){sp}(?:the\s+|共建|\"|')*$"),
        org_after_re=re.compile(
            rf"{sp}(?:{alternation(data['issuer_suffixes'], wordy)}|[^\s,;。、!?()\"]{{0,6}}?{alternation(data['org_suffixes'], wordy)})"
        ),
        compound_re=compound_re,
        marker_compound_re=marker_compound_re,
        change_post_re=change_post_re,
        respectively=tuple(normalise(w) for w in data["respectively"]),
        bound_after_re=re.compile(rf"{sp}(?:{alternation(data['bound_after'] or [], wordy)}|[^,;。]{{0,6}}{alternation(data['increment_after'] or [])})"),
        range_after_re=re.compile(data.get("range_after") or "(?!)"),
        date_after_re=re.compile(data["date_after"]) if data.get("date_after") else NEVER,
        not_yoy_before_re=re.compile(
            rf"(?:{alternation(data.get('not_yoy_before') or [], wordy)}|{data.get('month_before') or '(?!)'})\s*$"),
        not_yoy_after_re=_compile_if(data.get("not_yoy_after"), rf"\s*(?:{alternation(data.get('not_yoy_after') or [], wordy)})"),
        trade_regimes=frozenset(slug for slug, c in gaz.modes.items() if c.kind == "regime"),
        alone_before_re=_compile_if(data.get("alone_before"), rf"(?:{alternation(data.get('alone_before') or [], wordy)})\s*$"),
        multiples={normalise(k): float(v) for k, v in (data.get("multiples") or {}).items()},
        multiple_re=re.compile(alternation(data.get("multiples") or [], wordy)),
        ratio_re=_compile_if(data.get("ratio_cues"), rf"(?:{alternation(data.get('ratio_cues') or [], wordy)})\s*(?P<num>{NUM})\s*(?:倍|times)"),
        section_opener_re=re.compile(data.get("section_opener") or "(?!)"),
        combined_re=re.compile(rf"\s*(?:{alternation(data.get('combined') or [], wordy)})"),
        continuing_pronoun_re=re.compile(rf"\s*(?:{alternation(data.get('continuing_pronouns') or [], wordy)})"),
        partner_yardstick_re=re.compile(rf"(?:{alternation(data.get('partner_yardsticks') or [], wordy)})\s*(?:the\s+)?$"),
        subordinate_re=re.compile(rf",\s*(?:{alternation(data.get('subordinators') or [], wordy)})\s"),
        month_on_month_re=re.compile(alternation(data.get("month_on_month") or [], wordy)),
        ratio_post_re=_compile_if(data.get("ratio_after"), rf"(?P<num>{times_num})\s*(?:times)\s+(?:{alternation(data.get('ratio_after') or [], wordy)})"),
        subset_opener_re=re.compile(rf"\s*(?:{alternation(data.get('subset_openers') or [], wordy)})"),
        flow_next_re=re.compile(rf"\s*(?:{alternation(list(flows), wordy)})"),
        homonyms={normalise(k): v for k, v in homonyms.items()},
        government_seats=frozenset(normalise(w) for w in data.get("government_seats") or []),
        seat_as_place_re=re.compile(data.get("seat_as_place") or "(?!)"),
        sum_subject_re=re.compile(rf"(?:{alternation(data.get('sum_subject') or [], wordy)})\s*(?:{alternation(data.get('combined') or [], wordy)})?\s*$"),
        base_change_re=_compile_if(
            data.get("base_change_before"), rf"(?:{alternation(data.get('base_change_before') or [], wordy)})\s+(?:(?:a|an)\s+)?$"),
        comparison_rate_re=re.compile(data["comparison_rate"]) if data.get("comparison_rate") else NEVER,
        elliptic_change_re=re.compile(data["elliptic_change"]) if data.get("elliptic_change") else NEVER,
        counted_re=re.compile(
            rf"the number of (?P<noun>{alternation(data['units'], wordy)})(?:[^.;]|\.(?=\d)){{0,60}}? to (?P<num>{NUM}) ?"
            rf"(?P<mag>{alternation(data['magnitudes'], wordy)})\b(?! ?(?:{alternation(data['currencies'], wordy)}))")
        if data.get("count_before_figure") else NEVER,
        decline_noun_re=re.compile(rf"(?:{alternation(data['decline_nouns'], wordy)})\s*$"),
        comparison_re=_compile_if(data.get("base_change_before"), alternation(data.get("base_change_before") or [], wordy)),
        bound_before_re=re.compile(rf"(?:{alternation(data.get('bound_before') or [], wordy)})\s*$"),
        base_amount_re=_compile_if(
            data.get("base_amount_before"), rf"(?:{alternation(data.get('base_amount_before') or [], wordy)})\s+(?:{alternation(data.get('base_amount_fillers') or [], wordy)}\s+)?$"),
        alone_after=tuple(normalise(w) for w in data.get("alone_after") or []),
        comparison_before_re=re.compile(rf"(?:{alternation(data.get('comparison_before') or [], wordy)})\s*$"),
        bilateral=frozenset(normalise(w) for w in data.get("bilateral") or []),
        increment_before_re=re.compile(rf"(?:{alternation(data.get('increment_before') or [], wordy)})了?\s*$"),
        abbr=abbr,
    )
