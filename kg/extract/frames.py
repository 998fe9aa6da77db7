"""The frame engine: tokens of a sentence in, observations out.

Reading left to right, subject tokens (reporter, partner, flow, commodity, mode,
period) fill a frame and measure tokens (money, quantity, change, share) fill an
observation of that frame. A subject token after a measure closes the
observation and changes the frame; a second measure of a kind already filled
opens a new observation on the same frame. Lists paired by 分别 / respectively
give one observation per item. A figure compared with ("up from $34 billion in
October", "slowing from a 14.8% jump in March") is an observation of its own
period, or none when it names none. Between sentences the reporter and the
period carry over; a new paragraph or section returns to the text's main ones; a
sentence that opens with a figure, a continuing pronoun or 其中 continues the
previous frame. Asides (examples, "mainly from …", ", which …", a part of the
whole) name no subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.extract.lexicon import Lexicon
from kg.extract.periods import Resolved, resolve_period
from kg.extract.sentences import Sentence
from kg.extract.tokens import Token
from kg.gazetteer import CITY_KINDS
from kg.model import Observation, Quantity

MULTI = "*"  # a field named by an unpaired list: no single value
_RIGHT_AFTER = re.compile(r"\s*(?:in|for|during|of)?\s*$")
_OF = re.compile(r"\s*(?:of|worth of)\s*$")
_FROM = re.compile(r"\s*(?:[a-z ]{0,30}? )?(?:from|to|with)\s+(?:the\s+)?$")
MEASURES = {"money", "quantity", "change", "share"}
ITEMS = {"place", "commodity", "mode", "flow", "compound"}
NAMED = {"place", "commodity", "mode"}  # items that parentheses and examples can hide
_ASIDE_SKIPS = NAMED | {"anaphor"}  # what an aside (", mainly from …", "home to the province's …") hides
_MARKERS = {"nontrade", "forecast", "examples", "aside", "target"}
FIELD_OF = {"commodity": "commodity", "mode": "mode", "flow": "flow"}


@dataclass
class Frame:
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    commodity: str | None = None
    mode: str | None = None
    period: Resolved | None = None
    sign: float = 1.0
    explicit: bool = False  # the reporter is named in this sentence
    dated: bool = False  # the period is named in this sentence
    poisoned: bool = False  # inside a non-trade or forecast context

    def copy(self) -> Frame:
        """A shallow copy (dataclasses.replace is too slow for the inner loop)."""
        new = object.__new__(Frame)
        new.__dict__.update(self.__dict__)
        return new


@dataclass(slots=True)
class Draft:
    """An observation being filled."""

    frame: Frame
    anchor: int
    last_end: int = 0
    amount_span: tuple[int, int] | None = None
    value: float | None = None
    currency: str | None = None
    quantity: Quantity | None = None
    yoy: float | None = None
    share: float | None = None
    bound: bool = False  # the amount is written as a bound
    base: bool = False  # the figure compared with ("up from $34 billion"): an observation only once dated

    def has(self, kind: str) -> bool:
        """Whether a measure of `kind` is filled (money and quantity share one slot, the amount)."""
        if kind == "change":
            return self.yoy is not None
        if kind == "share":
            return self.share is not None
        return self.value is not None or self.quantity is not None

    def add(self, t: Token) -> None:
        self.last_end = t.end
        if t.kind == "money":
            self.value, self.currency = t.value
            self.amount_span, self.bound = (t.start, t.end), t.info["bound"]
        elif t.kind == "quantity":
            self.quantity = Quantity(*t.value)
            self.amount_span, self.bound = (t.start, t.end), t.info["bound"]
        elif t.kind == "change":
            self.yoy = t.value
        else:
            self.share = t.value


@dataclass
class DocState:
    """What carries from sentence to sentence."""

    ref: date
    reporter: str | None = None
    period: Resolved | None = None
    last: Frame | None = None
    last_had_flow: bool = False
    pending_run: list[Token] | None = None
    partner: str | None = None  # the last partner named, for 双边贸易 / bilateral trade
    main_reporter: str | None = None  # the first reporter the text reports on: what a new section is about
    aside: str | None = None  # the last paragraph's reporter, for a pronoun opening the next one
    org_place: str | None = None  # the first place named in an issuer or publisher (武汉海关, 湖北省人民政府)
    first_place: str | None = None  # the first reporter place named anywhere, figures or not
    main_period: Resolved | None = None  # the first period the text reports on
    flow: str | None = None  # the last flow named of no particular goods or mode: what "contributed" adds to


@dataclass
class SentenceReader:
    lex: Lexicon
    norm: str
    state: DocState
    sentence: Sentence
    tokens: list[Token]
    drafts: list[Draft] = field(default_factory=list)
    open_draft: Draft | None = None
    topic_reporter: str | None = None  # the last single reporter this sentence names
    topic_period: Resolved | None = None  # the first period it names before any figure
    part_of_whole: bool = False  # "Xining contributed / handled …": a part of the whole, an aside
    explicit_at: int = -1  # where the frame's reporter was named
    explicit_end: int = -1  # … and where its name ends

    # ---- structure of the sentence -------------------------------------------------
    def _gap_is_list(self, a: Token, b: Token) -> bool:
        return bool(self.lex.separators_re.match(self.norm[a.end:b.start]))

    def _runs(self, kinds: set[str]) -> list[list[int]]:
        """Index lists of adjacent tokens of one kind separated only by list separators."""
        toks = self.tokens
        runs: list[list[int]] = []
        cur: list[int] = []
        for i in range(1, len(toks)):
            a, b = toks[i - 1], toks[i]
            if a.kind == b.kind and a.kind in kinds and self._same_role(a, b) and self._gap_is_list(a, b):
                if not cur:
                    cur = [i - 1]
                cur.append(i)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return runs

    def _same_role(self, a: Token, b: Token) -> bool:
        """Items of one list (of one kind): places must also play the same role (我国与东盟 is no list)."""
        return a.kind != "place" or self._is_reporter_place(a.value) == self._is_reporter_place(b.value)

    def _in_parens(self, pos: int) -> bool:
        if not self.has_parens:
            return False
        seg = self.norm[self.sentence.start:pos]
        return seg.count("(") > seg.count(")")

    # ---- reading ------------------------------------------------------------------------
    def read(self) -> list[Draft]:
        """The drafts of this sentence; updates the document state for the next one."""
        toks = self.tokens
        opener = self.lex.section_opener_re.match(self.norm, self.sentence.start)  # 分区域看，/ By market,
        self.state.aside = self.state.reporter if self.sentence.opens_block and not opener else None
        if opener or self.sentence.opens_block:
            # A new section or paragraph names its subject and period, or they are the text's main ones
            # (分区域看，郑州… 从市场看，对美国…: Henan again; "In Q3, …" was an aside), even when its
            # first sentence has nothing to read ("Pandemic-related goods cushioned the blow.").
            self.state.reporter = self.state.main_reporter or self.state.reporter
            self.state.period = self.state.main_period or self.state.period
        if not toks:
            return []  # a sentence with nothing to read changes nothing else
        text = self.norm[self.sentence.start:self.sentence.end]
        has_resp = any(map(text.__contains__, self.lex.respectively))
        self.has_parens = "(" in text
        first_meaningful = first_flow = None
        self.has_flow = False
        for t in toks:  # one pass: the first meaningful token, the first flow, whether any flow is named
            kind = t.kind
            if first_meaningful is None and kind not in _MARKERS:
                first_meaningful = t
            if kind == "flow":
                first_flow = first_flow or t.value
                self.has_flow = True
            elif kind == "compound" or kind == "mode" and t.value in self.lex.trade_regimes:
                self.has_flow = True  # 中美贸易, 加工贸易 / processing trade: the subject is trade
            elif kind == "share" and t.info["denominator"]:
                self.has_flow = True
        continuation = self.state.last is not None and (
            first_meaningful is not None and first_meaningful.kind in MEASURES
            and first_meaningful.start - self.sentence.start <= 2
            or bool(self.lex.continuing_pronoun_re.match(self.norm, self.sentence.start))  # "Their imports fell …"
            or bool(self.lex.subset_opener_re.match(self.norm, self.sentence.start)))  # 其中，出口… / 其中，集成电路…
        if continuation:
            frame = self.state.last.copy()
            frame.poisoned = frame.dated = frame.explicit = False
            self.has_flow = self.has_flow or self.state.last_had_flow
        else:
            frame = Frame(reporter=self.state.reporter, period=self.state.period)
        self.default_flow = "balance" if first_flow == "deficit" else first_flow

        item_runs = [r for r in self._runs(ITEMS) if not self._is_one_place(r)] if len(toks) > 1 else []
        pairs = self._pair(item_runs, self._runs(MEASURES)) if has_resp else {}
        run_of = {i: r for r in item_runs for i in r}
        paired_items = {i for r in pairs.values() if r is not self.state.pending_run for i in r}
        group_of = {i: g for g in pairs for i in g}
        examples_skip: set[int] = set()
        forecast_until = -1
        consumed_pending = False

        def close() -> None:
            if self.open_draft is not None:
                self.drafts.append(self.open_draft)
                self.open_draft = None

        wordy = self.lex.wordy
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind in NAMED and self._in_parens(t.start) or i in examples_skip or i in paired_items:
                i += 1
                continue
            if t.kind == "examples":
                self._skip_examples(i, run_of, examples_skip)
                i += 1
                continue
            if t.kind == "aside":  # "Rare earth exports, mainly from Ganzhou, rose": Ganzhou is no subject
                aside_end = self._clause_end(t.end)
                examples_skip.update(k for k in range(i + 1, len(toks))
                                     if toks[k].start < aside_end and toks[k].kind in _ASIDE_SKIPS)
                i += 1
                continue
            if t.kind == "target":  # 全年外贸增长3%左右的目标 / 目标是…突破7000亿元: the clause is a goal
                clause = self._clause_start(t.start)
                for d in (*self.drafts, self.open_draft):
                    if d is not None and d.anchor > clause:
                        d.frame.poisoned = True
                forecast_until = max(forecast_until, self._clause_end(t.end))
                i += 1
                continue
            if t.kind == "forecast":
                # 预计，二季度出口或下跌15%: the whole unit; English to the clause's end ("beating a forecast
                # for a 3.5% gain, while imports fell 6.8%": the imports are no forecast)
                forecast_until = self._clause_end(t.end) if self.lex.wordy else self._unit_end(t.end)
            elif t.kind == "nontrade":
                frame.poisoned = True
            elif t.kind in MEASURES:
                g = group_of.get(i)
                if g is not None and pairs.get(g) is not None:
                    close()
                    run = pairs[g]
                    consumed_pending = consumed_pending or run is self.state.pending_run
                    items = run if run is self.state.pending_run else [toks[k] for k in run]
                    for item, k in zip(items, g):
                        d = Draft(self._with_item(frame, item), toks[k].start)
                        d.add(toks[k])
                        d.frame.poisoned = frame.poisoned or toks[k].start < forecast_until
                        self.drafts.append(d)
                    i = g[-1] + 1
                    continue
                draft = self.open_draft
                base = t.kind != "share" and t.info["base"]  # "up from $34 billion", "slowing from a 14.8% jump"
                if draft is None or draft.has(t.kind) or draft.base or base:
                    close()
                    draft = self.open_draft = Draft(frame.copy(), t.start, base=base)
                if t.kind == "share" and frame.flow is None and t.info["denominator"]:
                    frame.flow = draft.frame.flow = t.info["denominator"]
                draft.add(t)
                if t.kind == "quantity" and not draft.frame.commodity:  # 10万辆: vehicles
                    draft.frame.commodity = (self.lex.data.get("unit_commodities") or {}).get(t.value[1])
                if frame.poisoned or t.start < forecast_until:
                    draft.frame.poisoned = True
                if base and (own := self._own_period(i, frame)) is not None:
                    self._date_base(own)  # 增速较8月的3.2%: August's rate, dated by the month before it
            else:
                run = run_of.get(i)
                if run is not None and run[0] == i:
                    close()
                    self._set_multi(frame, run)
                    i = run[-1] + 1
                    continue
                if not (wordy and self._fill_open_draft(frame, t)) and self._subject(frame, t, i):
                    close()
            i += 1
        close()
        fallback = self.state.first_place or self.state.org_place
        for d in self.drafts:  # no reporter named yet: the first place the text named (洛阳市…统计公报) or its issuer's
            d.frame.reporter = d.frame.reporter or fallback
        if consumed_pending:
            self.state.pending_run = None
        has_measures = any(t.kind in MEASURES for t in toks)
        place_runs = [r for r in item_runs if toks[r[0]].kind == "place" and not set(r) & paired_items]
        if not has_measures and place_runs:
            self.state.pending_run = [toks[k] for k in place_runs[-1]]
        elif has_measures and not consumed_pending:
            self.state.pending_run = None
        # What a continuing sentence goes on about: the subject of the last figure read, not a yardstick
        # named after it (…下降3.6%，降幅较上半年收窄。其中，出口…: the first three quarters still).
        last = next((d.frame for d in reversed(self.drafts) if not d.base), frame)
        self.state.last, self.state.last_had_flow = last, self.has_flow
        if frame.flow and not frame.commodity and not frame.mode:
            self.state.flow = frame.flow
        self._carry_context()
        return self.drafts

    def _carry_context(self) -> None:
        """Only a sentence about trade sets what the next sentences are about.

        "郑州某企业上半年产值超过2000亿元" names a city and a period, but no flow:
        it changes nothing. A period that ends before the current one begins ("去年全年……",
        "In 2020, …") is a look back, and one that ends after the text's date is a plan or an
        aside (今年春节): neither carries; nor does the month of a month-on-month comparison.
        """
        if not self.has_flow:
            return
        # The reporter of the sentence's last figure, else the last one it names ("Hainan rose 12.4% …
        # as Beijing opened the island's port": Hainan).
        self.topic_reporter = next((d.frame.reporter for d in reversed(self.drafts) if d.frame.explicit
                                    and d.frame.reporter != MULTI and not d.base), self.topic_reporter)
        if self.topic_reporter and not self.part_of_whole:
            self.state.reporter = self.topic_reporter
        if self.drafts:  # the first reporter of a figure, not of a headline without one (…义乌市场采购旺)
            self.state.main_reporter = self.state.main_reporter or self.state.reporter
        p = self.topic_period
        if p is not None and not self.lex.month_on_month_re.search(self.norm, self.sentence.start, self.sentence.end):
            current = self.state.period
            if p.period.end > self.state.ref:
                return  # 2026年关税调整方案, 今年春节: a period not over when the text was written has no figures yet
            if current is None or p.period.end >= current.period.start:
                self.state.period = p
                if self.drafts:  # the first period of a figure, not of a headline without one
                    self.state.main_period = self.state.main_period or p

    # ---- helpers ------------------------------------------------------------------------
    def _is_one_place(self, run: list[int]) -> bool:
        """northern Hunan, southern Hunan / Quanzhou, Fujian province: one place, no list.

        The same place repeated, or a place followed by the places that contain it."""
        t = self.tokens
        if any(t[k].kind != "place" for k in run):
            return False
        codes = [t[k].value for k in run]
        return all(b == a or self._is_ancestor(b, a) for a, b in zip(codes, codes[1:]))

    def _pair(self, item_runs: list[list[int]], measure_runs: list[list[int]]) -> dict:
        """Each measure list (分别/respectively) with the nearest earlier item list of its length."""
        pairs: dict = {}
        for g in measure_runs:
            g = tuple(g)
            cands = [r for r in item_runs if r[-1] < g[0] and len(r) == len(g)]
            if cands:
                pairs[g] = cands[-1]
            elif self.state.pending_run is not None and len(self.state.pending_run) == len(g):
                pairs[g] = self.state.pending_run
        return pairs

    def _with_item(self, frame: Frame, item: Token) -> Frame:
        f = frame.copy()
        if item.kind == "compound":
            f.reporter, f.partner, f.explicit, f.flow = "CN", item.value, True, "total"
        elif item.kind == "place":
            if self._is_reporter_place(item.value):
                f.reporter, f.explicit = item.value, True
            else:
                f.partner = item.value
        elif item.kind == "flow":  # 逆差…，出口及进口分别为…: the items' own signs
            f.flow, f.sign = ("balance", -1.0) if item.value == "deficit" else (item.value, 1.0)
        else:
            setattr(f, FIELD_OF[item.kind], item.value)
        return f

    def _set_multi(self, frame: Frame, run: list[int]) -> None:
        """An unpaired list names no single value, unless 合计 / combined makes it the group of its items."""
        first = self.tokens[run[0]]
        group = self._combined_group(run)
        if group is not None:
            frame.commodity = group  # 电动载人汽车、锂电池、太阳能电池合计出口: the new three
        elif first.kind == "compound":
            frame.reporter, frame.partner = "CN", MULTI
        elif first.kind == "place":
            if self._is_reporter_place(first.value):
                frame.reporter, frame.explicit = MULTI, True
            else:
                frame.partner = MULTI
        else:
            setattr(frame, FIELD_OF[first.kind], MULTI)

    def _combined_group(self, run: list[int]) -> str | None:
        """The commodity group whose members a list adds up (合计, combined), or None."""
        t = self.tokens
        if any(t[k].kind != "commodity" for k in run):
            return None
        if not self.lex.combined_re.match(self.norm, t[run[-1]].end):
            return None
        groups = {self.lex.gazetteer.commodities[t[k].value].broader for k in run}
        return groups.pop() if len(groups) == 1 and None not in groups else None

    def _skip_examples(self, i: int, run_of: dict, skip: set[int]) -> None:
        """Items right after 例如 / such as name examples, not an observation."""
        toks = self.tokens
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.kind in NAMED and nxt.start - toks[i].end <= 2:
            skip.update(run_of.get(i + 1, [i + 1]))

    def _unit_end(self, pos: int) -> int:
        return next((e for s, e in self.sentence.units if s <= pos < e), self.sentence.end)

    def _is_reporter_place(self, code: str) -> bool:
        return code == "CN" or code.startswith("CN-")

    def _outside_mainland(self, reporter: str | None) -> bool:
        """A reporter such as Hong Kong (named by its statistics office): mainland places are its partners."""
        return reporter is not None and reporter != MULTI and not self._is_reporter_place(reporter)

    def _subject(self, frame: Frame, t: Token, i: int) -> bool:
        """Apply a subject token to the frame; True when it changes what is observed."""
        if t.kind == "place":
            return self._place(frame, t, i)
        if t.kind == "compound":
            frame.reporter, frame.partner, frame.explicit = "CN", t.value, True
            frame.flow, frame.sign = "total", 1.0
            self.state.partner = t.value
            return True
        if t.kind == "issuer":
            if frame.reporter is not None:
                return False  # 据海关总署统计，湖南省…: the issuer, not the subject
            frame.reporter = t.value  # a default: a place named later in the sentence replaces it
            self.topic_reporter = self.topic_reporter or t.value
            return True
        if t.kind == "anaphor":
            if t.value == "partner":
                frame.partner = self.state.partner  # "Trade with the bloc grew …": the partner just named
                return frame.partner is not None
            if t.value == "country" and not self._flow_right_after(i):
                return False  # 居全国第15位: the nation as a yardstick, not the subject
            if frame.explicit and self.explicit_at > self._clause_start(t.start):
                return False  # 青岛市作为全省外贸龙头: the province is a yardstick here
            if frame.explicit and self.norm[self.explicit_end:t.start].strip(" ,") == "":
                return False  # "Baotou, the region's industrial hub, …": an apposition, still Baotou
            if self.lex.comparison_before_re.search(self.norm, max(0, t.start - 6), t.start):
                return False  # 降幅小于全省: a yardstick too
            named = frame.reporter if frame.explicit and frame.reporter != MULTI else (
                self.state.aside or self.state.reporter or self.state.org_place)
            code = self._anaphor(t.value, named)  # "In Quanzhou, … the city's exports": Quanzhou
            if code and code == frame.reporter:
                self.topic_reporter = self.topic_reporter or code  # 据统计，去年我市…: still a sentence about it
                return False  # 香港是全市最大贸易伙伴 / Private companies, the city's main force: no new subject
            if code:
                frame.reporter, frame.explicit = code, True
                frame.partner = frame.commodity = frame.mode = None
                self.topic_reporter = code  # "The province's exports …": the province from here on
            return True
        if t.kind == "flow" or t.kind == "weak_flow" and (
                self._follows_place(i) or t.value == "same" and frame.explicit):  # "Changchun, the capital, contributed"
            if not frame.partner and self.norm[t.start:t.end] in self.lex.bilateral:
                frame.partner = self.state.partner  # 双边贸易: with the partner under discussion
            flow = "balance" if t.value == "deficit" else t.value
            if flow == "same":
                flow, self.has_flow = self._flow_under_discussion(), True
                self.part_of_whole = True
            frame.flow, frame.sign = flow, (-1.0 if t.value == "deficit" else 1.0)
            frame.poisoned = False
            return True
        if t.kind in ("commodity", "mode"):
            setattr(frame, t.kind, t.value)
            frame.poisoned = False
            return True
        if t.kind == "period":
            if t.info is not None and t.info["base"]:
                return False  # the period of a rate compared with (较8月的3.2%): it dates that rate only
            resolved = self._resolve(t.value, frame)
            if resolved is None:
                return False
            if self.open_draft is not None and self.open_draft.base and self._right_after_draft(t):
                self._date_base(resolved)  # "up from $34.02 billion in October": October's figure
                return True
            if self._in_subordinate_clause(t):
                return False  # "…, after the city was approved as a pilot zone in 2018": no date of the figures
            if self.lex.wordy and frame.dated and self._right_after_draft(t):
                self.open_draft.frame.period = resolved  # "reversing a 6.4 percent decline in October"
                return True
            if self.topic_period is None and not self._alone(t) and (
                    self.lex.wordy or not self.drafts and self.open_draft is None):
                self.topic_period = resolved
            frame.period, frame.dated = resolved, True
            if self.lex.wordy:
                return not self._date_earlier_drafts(resolved, t.start)
            return True
        return False

    def _in_subordinate_clause(self, t: Token) -> bool:
        """A token inside a clause opened after the last figure by a subordinator (after, since, when …)."""
        d = self.open_draft or (self.drafts[-1] if self.drafts else None)
        return d is not None and bool(self.lex.subordinate_re.search(self.norm, d.last_end, t.start))

    def _own_period(self, i: int, frame: Frame) -> Resolved | None:
        """The period written right before a compared rate (较8月的3.2%), resolved in the frame's year."""
        prev = self.tokens[i - 1] if i else None
        if prev is None or prev.kind != "period" or prev.info is None or not prev.info["base"]:
            return None
        return self._resolve(prev.value, frame)

    def _resolve(self, spec: dict, frame: Frame) -> Resolved | None:
        """A period phrase's dates, against the text's date and the frame's period."""
        return resolve_period(spec, self.state.ref, frame.period, self.lex.numerals, self.lex.relative_years)

    def _date_base(self, period: Resolved) -> None:
        """A figure compared with, dated by its own period: an observation of that period, closed."""
        d = self.open_draft
        d.frame.period, d.frame.dated, d.base = period, True, False
        self.drafts.append(d)
        self.open_draft = None

    def _flow_under_discussion(self) -> str:
        """The flow of the whole under discussion ("Wuhan contributed …", "Qinghai's surged …")."""
        return self.state.flow or "total"

    def _alone(self, t: Token) -> bool:
        """单看3月 / in April alone: an aside that dates its own figures, not the text's current period."""
        if self.lex.alone_before_re.search(self.norm, max(0, t.start - 6), t.start):
            return True
        after = self.norm[t.end:t.end + 8].lstrip()
        return any(self.norm.endswith(w, t.start, t.end) or after.startswith(w) for w in self.lex.alone_after)

    def _fill_open_draft(self, frame: Frame, t: Token) -> bool:
        """English may name the goods, the partner or the flow after the figure; True when `t` did.

        (Only English: the caller skips the call for Chinese.)
        """
        if self._names_open_draft(t):
            self.open_draft.frame.commodity = frame.commodity = t.value
        elif self._partners_open_draft(t):
            self.open_draft.frame.partner = frame.partner = self.state.partner = t.value
        elif self._flows_open_draft(t):
            self.open_draft.frame.flow = frame.flow = t.value
        elif not self._repeats_open_flow(t):  # "… 61,000 vehicles shipped abroad, up 35.5 percent": the same exports
            return False
        return True

    def _names_open_draft(self, t: Token) -> bool:
        """English names goods after the figure: "109.97 million tonnes of natural gas"."""
        d = self.open_draft
        return (t.kind == "commodity" and d is not None and not d.frame.commodity
                and bool(_OF.match(self.norm, d.last_end, t.start)))

    def _partners_open_draft(self, t: Token) -> bool:
        """... and the partner too: "63.2 million tonnes of crude oil from Russia"."""
        d = self.open_draft
        return (t.kind == "place" and d is not None and not d.frame.partner
                and not self._is_reporter_place(t.value) and bool(_FROM.match(self.norm, d.last_end, t.start)))

    def _flows_open_draft(self, t: Token) -> bool:
        """English may name the flow after the figure: "118,000 vehicles were exported"."""
        d = self.open_draft
        return t.kind == "flow" and t.value != "deficit" and d is not None and d.frame.flow is None

    def _repeats_open_flow(self, t: Token) -> bool:
        d = self.open_draft
        return t.kind == "flow" and d is not None and d.frame.flow == t.value

    def _right_after_draft(self, t: Token) -> bool:
        """A period written right after a figure ("… decline in October") dates that figure only."""
        d = self.open_draft
        return d is not None and bool(_RIGHT_AFTER.match(self.norm, d.last_end, t.start)) and t.start - d.last_end <= 8

    def _date_earlier_drafts(self, period: Resolved, at: int) -> bool:
        """English puts the period last ("exports rose 2.4% in September"): it dates what came before,
        unless a comparison stands between ("rose 36.7%, versus … a 51.1% surge in May").

        True when it dated the open draft, which then stays open for the figures
        that follow ("… in the first quarter, up 35.2 percent").
        """
        for d in self.drafts:
            if not d.frame.dated and not self.lex.comparison_re.search(self.norm, d.last_end, at):
                d.frame.period, d.frame.dated = period, True
        d = self.open_draft
        if d is not None and not d.frame.dated:
            d.frame.period, d.frame.dated = period, True
            return True
        return False

    def _flow_right_after(self, i: int) -> bool:
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return nxt is not None and nxt.kind == "flow" and nxt.start - self.tokens[i].end <= 2

    def _follows_place(self, i: int) -> bool:
        if i == 0:
            return False
        prev = self.tokens[i - 1]
        return prev.kind in ("place", "compound") and self.tokens[i].start - prev.end <= 6

    def _place(self, frame: Frame, t: Token, i: int) -> bool:
        if t.info["org"]:
            if self._is_reporter_place(t.value):  # not 香港文匯報: a newspaper's home is no reporter
                self.state.org_place = self.state.org_place or t.value  # 据武汉海关统计，我省…: Hubei
            return False
        code = t.value
        if not self._is_reporter_place(code) or self._outside_mainland(frame.reporter):
            if self.lex.partner_yardstick_re.search(self.norm, max(0, t.start - 6), t.start):
                return False  # 东盟超越美国成为第二大贸易伙伴: the United States is a yardstick
            frame.partner = code  # 对东盟, or 输往内地 in Hong Kong's own figures
            self.state.partner = code
            return True
        self.state.first_place = self.state.first_place or code
        if t.info["compared"]:
            return False  # 增速高于浙江省: a yardstick, not the subject
        if self._in_subordinate_clause(t):
            return False  # "…, when lockdowns in Shanghai hit demand": a clause about something else
        if not self.lex.wordy and self._flow_earlier_in_clause(i):
            return False  # 江苏省出口额与浙江省极为接近: an object, not the subject
        if frame.explicit and self._is_ancestor(code, frame.reporter):
            return False  # "Ningbo, a port city in east China's Zhejiang Province": still Ningbo
        if frame.explicit and frame.reporter != code and not self._is_ancestor(frame.reporter, code):
            frame.partner = frame.commodity = frame.mode = None  # a new subject in the same sentence
            # (not "batteries from China's Sichuan province": the same subject, named more closely)
        frame.reporter, frame.explicit = code, True
        self.explicit_at, self.explicit_end = t.start, t.end
        self.topic_reporter = code
        if self._possessive_ellipsis(i):
            frame.flow, self.has_flow = self._flow_under_discussion(), True  # "Qinghai's surged 40.6 percent"
        return True

    def _possessive_ellipsis(self, i: int) -> bool:
        """A place's possessive right before a change leaves out its noun: the one just spoken of."""
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return (self.lex.wordy and nxt is not None and nxt.kind == "change"
                and self.norm[self.tokens[i].end:nxt.start].strip() == "'s")

    def _is_ancestor(self, code: str, of: str | None) -> bool:
        if of is None or of == MULTI or of == code:
            return False
        return code == "CN" or code in self.lex.gazetteer.ancestors(of)

    def _clause_end(self, pos: int) -> int:
        end = self.sentence.end
        ends = [e for e in (self.norm.find(",", pos, end), self.norm.find(";", pos, end)) if e >= 0]
        return min(ends, default=end)

    def _clause_start(self, pos: int) -> int:
        return max(self.norm.rfind(",", self.sentence.start, pos), self.norm.rfind(";", self.sentence.start, pos))

    def _flow_earlier_in_clause(self, i: int) -> bool:
        """A flow before the place in its clause, outside quotes ("外贸第一城"深圳 is still Shenzhen's trade)."""
        lo = max(self._clause_start(self.tokens[i].start), self.sentence.start - 1)
        return any(t.kind == "flow" and t.start > lo and self.norm.count('"', lo + 1, t.start) % 2 == 0
                   for t in self.tokens[:i])

    def _anaphor(self, level: str, code: str | None) -> str | None:
        """The place a pronoun of `level` stands for, given the reporter under discussion."""
        if level == "country":
            return "CN"
        if code is None or code == "CN":
            return None
        place = self.lex.place(code)
        if level == "province":
            around = [code, *self.lex.gazetteer.ancestors(code)]
            return next((c for c in around if self.lex.place(c).kind == "province"), None)
        return code if place.kind in CITY_KINDS else None


def to_observation(draft: Draft, sentence_has_flow: bool, default_flow: str | None,
                   doc_id: str, source: str, quote: tuple[int, int], text: str, published: date) -> Observation | None:
    # sentence_has_flow: the sentence names a flow; default_flow: the first it names
    """The finished observation, or None when the draft does not make one.

    A period that ends after the text was published has no statistics yet: its figure is a target.
    """
    f = draft.frame
    if draft.base or f.poisoned or f.period is None or f.period.period.end > published or not f.reporter:
        return None
    if MULTI in (f.reporter, f.partner, f.commodity, f.mode, f.flow):
        return None
    has_amount = draft.value is not None or draft.quantity is not None or draft.share is not None
    if has_amount and not sentence_has_flow:
        return None
    if not has_amount and not (sentence_has_flow or f.explicit):
        return None
    if draft.quantity is not None and not f.commodity:
        return None
    value = draft.value * f.sign if draft.value is not None else None
    return Observation(
        doc=doc_id, source=source, reporter=f.reporter, partner=f.partner,
        flow=f.flow or default_flow or "total", commodity=f.commodity, mode=f.mode,
        period=f.period.period, value=value, currency=draft.currency, quantity=draft.quantity,
        yoy_pct=draft.yoy, share_pct=draft.share, quote=text[quote[0]:quote[1]], offset=quote,
        as_written=text[draft.amount_span[0]:draft.amount_span[1]] if draft.amount_span else None,
        bound=draft.bound,
    )
