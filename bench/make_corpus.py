"""Generate a synthetic corpus of customs-release style trade articles for benchmarking.

    .venv/bin/python bench/make_corpus.py [--n 1000] [--seed 0] [--size-kb 5] [--out bench/out/corpus]

Every article is built from the project gazetteers (provinces and cities as
reporters, countries and country groups as partners, commodities and trade
modes) and from many sentence templates in Simplified Chinese, Traditional
Chinese (OpenCC s2t / s2tw, with Taiwan wording such as 東協 now and then)
and English.  The mix of formats follows the seeds in `seeds/`:

- YAML front matter (title, RFC-2822 date, author, categories) + an HTML body
  with <p> paragraphs, an image caption, an ad/QR <div> with <style> and an
  editor line (two page layouts);
- plain text whose first line is `date YYYY-MM-DD` (sometimes followed by the
  first paragraph on the same line);
- plain text without a date, whose paragraphs name the year explicitly.

The corpus is deterministic: file i depends only on (seed, i), so the first
100 files of `--n 1000` are the files of `--n 100`.  A `corpus.json`
manifest records the parameters, so that callers can tell whether an existing
corpus is the one they asked for.

The figures are invented; the corpus measures speed, not accuracy.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.util
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_OUT = BENCH_DIR / "out" / "corpus"
MANIFEST = "corpus.json"
GENERATOR_VERSION = 1
FILE_RE = re.compile(r"^\d{5,}_[0-9a-f]{16}\.txt$")

if importlib.util.find_spec("kg") is None:  # not installed: use the checkout this file lives in
    sys.path.insert(0, str(ROOT))

# --------------------------------------------------------------------------- world data

MAJOR_PARTNERS = (
    "US JP KR DE HK TW VN MY TH ID SG PH AU RU IN BR GB FR IT NL MX CA SA AE ZA NG CL "
    "TR PK BD KZ NZ ES BE PL CH SE EG KE IR IQ PE AR CO UZ MN MM KH LA"
).split()
GROUPS = "ASEAN EU RCEP BRI AFRICA LATAM MIDEAST CENTRAL_ASIA GCC BRICS SCO EAEU OCEANIA EUROPE ASIA NORTH_AMERICA".split()
NOT_REPORTERS = {"CN-HK", "CN-MO", "CN-TW"}
LONG_FORM = re.compile(r"Republic|Federal|Federation|Kingdom|Socialist|Democratic|Islamic|State of|Province of|,")

# commodity slug -> (zh unit, en unit, lo, hi) for quantity templates
QTY_UNITS: dict[str, tuple[str, str, float, float]] = {}
for _s in "automobile electric_vehicle".split():
    QTY_UNITS[_s] = ("万辆", "vehicles", 0.5, 120)
for _s in ("steel aluminium copper rare_earth crude_oil refined_oil coal iron_ore metal_ores grain soybean "
           "cotton edible_oil meat pork beef aquatic fruit vegetables tea fertilizer natural_gas logs rubber "
           "plastics_primary").split():
    QTY_UNITS[_s] = ("万吨", "tonnes", 0.8, 9000)
for _s in "household_appliances mobile_phones computers industrial_robot construction_machinery agricultural_machinery".split():
    QTY_UNITS[_s] = ("万台", "units", 0.3, 5000)

CN_NUM = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 11: "十一", 12: "十二"}
EN_NUM = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven"}
EN_MONTH = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢傅钟"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然晨阳欣怡思雨嘉俊博文昊天蒙昂煜春桂斌"
EN_SURNAMES = "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie".split()
EN_GIVEN = "Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Hui Ping Gang Hua Yu Peng Fei Hao".split()

ZH_PUBLISHERS = [
    ("新浪财经", ["金融", "新浪财经", "新浪财经－国內"]),
    ("证券时报网", ["金融", "证券时报网", "要闻"]),
    ("中国新闻网", ["财经", "中国新闻网", "经济"]),
    ("第一财经", ["财经", "第一财经", "宏观"]),
    ("人民网", ["经济", "人民网", "地方"]),
    ("经济日报", ["经济", "经济日报", "外贸"]),
    ("央视新闻", ["新闻", "央视新闻", "财经"]),
]
HANT_PUBLISHERS = [
    ("香港文匯報", ["財經", "香港文匯報", "內地經濟"]),
    ("大公報", ["財經", "大公報", "中國經濟"]),
    ("中央社", ["財經", "中央社", "兩岸"]),
    ("經濟日報", ["財經", "經濟日報", "大陸經濟"]),
]
EN_PUBLISHERS = [
    ("China Daily", ["Business", "China Daily", "Economy"]),
    ("Xinhua", ["Business", "Xinhua", "China"]),
    ("CGTN", ["Business", "CGTN", "Trade"]),
    ("Global Times", ["Business", "Global Times", "Economy"]),
]


@dataclass
class Ent:
    """An entity with its candidate surface forms per script (Simplified, Traditional, English)."""

    code: str
    hans: list[str]
    hant: list[str]
    en: list[str]
    extra: dict = field(default_factory=dict)


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _is_hans(s: str, t2s) -> bool:
    return t2s.convert(s) == s


def _is_hant(s: str, s2t) -> bool:
    return s2t.convert(s) == s


class World:
    """Gazetteer entries turned into name pools for the templates."""

    def __init__(self) -> None:
        import opencc

        from kg.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")

        def forms(entry, short: bool = False) -> tuple[list[str], list[str], list[str]]:
            labels = entry.labels
            ambiguous = getattr(entry, "ambiguous", frozenset())
            aliases = [a for a in entry.aliases if a not in ambiguous]
            hans = [labels["zh-Hans"]] if "zh-Hans" in labels else []
            hant = [labels["zh-Hant"]] if "zh-Hant" in labels else []
            en = [labels["en"]] if "en" in labels else []
            for a in aliases:
                if _cjk(a):
                    if len(a) > len(hans[0] if hans else a) + 2 and not short:
                        continue  # long official forms are rare in releases
                    if _is_hans(a, t2s) and a not in hans:
                        hans.append(a)
                    if _is_hant(a, s2t) and a not in hant:
                        hant.append(a)
                elif a.isascii() and len(a) <= 30 and not LONG_FORM.search(a):
                    en.append(a)
            return hans, hant, en

        self.provinces: list[Ent] = []
        self.cities: dict[str, list[Ent]] = {}
        self.countries: dict[str, Ent] = {}
        self.groups: list[Ent] = []
        for code in sorted(gaz.places):
            p = gaz.places[code]
            if not {"en", "zh-Hans"} <= p.labels.keys():
                continue
            hans, hant, en = forms(p)
            if not hant:
                hant = [s2t.convert(hans[0])]
            if p.kind == "province" and code not in NOT_REPORTERS:
                label = p.labels["zh-Hans"]
                short = [a for a in hans if a != label and len(a) < len(label)]
                ent = Ent(code, [label, *short[:1]], hant[:2], [p.labels["en"], f"{p.labels['en']} Province"]
                          if label.endswith("省") else [p.labels["en"]])
                ent.extra["short"] = (short or [label])[0]
                self.provinces.append(ent)
            elif p.kind == "city" and p.parent not in NOT_REPORTERS:
                label = p.labels["zh-Hans"]
                short = [a for a in hans if a != label and len(a) < len(label)]
                ent = Ent(code, [label, *short[:1]], hant[:2], [p.labels["en"]])
                ent.extra["short"] = (short or [label])[0]
                ent.extra["short_en"] = p.labels["en"]
                self.cities.setdefault(p.parent or "", []).append(ent)
            elif p.kind == "country":
                self.countries[code] = Ent(code, hans[:3], hant[:3], [e for e in en if len(e) > 3][:3] or en[:1])
            elif p.kind == "group" and code in GROUPS:
                self.groups.append(Ent(code, hans[:4], hant[:4], [e for e in en if len(e) > 3][:4] or en[:1]))
        self.majors = [self.countries[c] for c in MAJOR_PARTNERS if c in self.countries]
        self.others = [e for c, e in self.countries.items() if c not in MAJOR_PARTNERS and c != "CN"]
        self.china = self.countries.get("CN") or Ent("CN", ["中国"], ["中國"], ["China"])
        self.commodities: list[Ent] = []
        for slug in sorted(gaz.commodities):
            c = gaz.commodities[slug]
            hans, hant, en = forms(c, short=True)
            if hans and en:
                self.commodities.append(Ent(slug, hans[:2], hant[:2] or [s2t.convert(hans[0])], en[:2],
                                            {"lower": True}))
        self.quantity_goods = [c for c in self.commodities if c.code in QTY_UNITS]
        self.modes: list[Ent] = []
        for slug in sorted(gaz.modes):
            m = gaz.modes[slug]
            hans, hant, en = forms(m, short=True)
            if hans and en:
                self.modes.append(Ent(slug, hans[:2], hant[:2] or [s2t.convert(hans[0])], en[:2], {"lower": True}))
        self.converters = {name: opencc.OpenCC(name) for name in ("s2t", "s2tw")}
        from kg.gazetteer import DATA_DIR

        h = hashlib.sha256()
        for f in sorted([*DATA_DIR.glob("places/*.tsv"), *DATA_DIR.glob("vocab/*.tsv")]):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
        self.fingerprint = h.hexdigest()[:16]  # the corpus text depends on these files
        self.all_cities = [c for cs in self.cities.values() for c in cs]


# --------------------------------------------------------------------------- one article's context


@dataclass
class Period:
    kind: str  # h1 | firstn | q1 | q3 | fy | month
    n: int  # last month of the period (single month for 'month')


class Ctx:
    """Everything one article needs: script, reporter, period, currency, and name placeholders.

    Names are inserted into the Simplified/English template text as private-use
    placeholders and resolved after the OpenCC conversion, so a Traditional
    article can use the gazetteer's own Traditional forms (南韓, 東協) instead of
    whatever s2t makes of the Simplified name.
    """

    def __init__(self, rng: random.Random, world: World, script: str, fmt: str) -> None:
        self.rng, self.w, self.script, self.fmt = rng, world, script, fmt
        self.conv = rng.choice(["s2t", "s2tw"]) if script == "zh-Hant" else None
        self.dated = fmt != "plain-undated"
        self.year = rng.randint(2015, 2025)
        kind = rng.choices(["h1", "firstn", "q1", "q3", "fy", "month"], [25, 25, 12, 12, 14, 12])[0]
        n = {"h1": 6, "q1": 3, "q3": 9, "fy": 12}.get(kind) or rng.randint(2, 11)
        self.period = Period(kind, n)
        months = 1 if kind == "month" else n
        self.months = months
        r = rng.random()
        if r < 0.15:
            self.rkind, self.reporter = "national", world.china
            base = rng.uniform(2.4e13, 4.4e13)
        elif r < 0.72:
            self.rkind = "province"
            self.reporter = rng.choice(world.provinces)
            base = 10 ** rng.uniform(10.5, 12.9)
        else:
            self.rkind = "city"
            self.reporter = rng.choice(world.all_cities)
            base = 10 ** rng.uniform(9.5, 12.3)
        self.currency = "USD" if rng.random() < 0.2 else "CNY"
        self.total = base * months / 12 * rng.uniform(0.85, 1.15)
        if self.currency == "USD":
            self.total /= rng.uniform(6.3, 7.3)
        self.export_share = rng.uniform(0.35, 0.72)
        self.province = self._province_of_reporter()
        cities = world.cities.get(self.province.code, []) if self.province else []
        self.local_cities = cities or world.all_cities
        capital = cities[0] if cities else None
        if self.rkind == "national":
            self.customs = {"zh": "海关总署", "en": rng.choice(["the General Administration of Customs",
                                                               "the General Administration of Customs (GAC)",
                                                               "China's customs authority"])}
        else:
            seat = self.reporter if self.rkind == "city" else (capital or self.reporter)
            self.customs = {"zh": seat.extra.get("short", seat.hans[0]) + "海关",
                            "en": f"{seat.en[0].replace(' Province', '')} Customs"}
        # publication date: 5-28 days after the period ends
        end_month = self.period.n
        y, m = (self.year + 1, 1) if end_month == 12 else (self.year, end_month + 1)
        self.pub = datetime(y, m, rng.randint(5, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                            tzinfo=timezone.utc)
        self.names: list[str] = []
        self.used_partners: list[Ent] = []

    def _province_of_reporter(self) -> Ent | None:
        if self.rkind == "province":
            return self.reporter
        if self.rkind == "city":
            code = self.reporter.code
            for p in self.w.provinces:
                if any(c.code == code for c in self.w.cities.get(p.code, [])):
                    return p
        return None

    # ---- names (placeholders) -------------------------------------------------
    def ph(self, text: str) -> str:
        self.names.append(text)
        return chr(0xE000 + len(self.names) - 1)

    def name(self, ent: Ent, main_weight: float = 0.75) -> str:
        rng = self.rng
        if self.script == "en":
            pool = ent.en
        elif self.script == "zh-Hant":
            pool = ent.hant or ent.hans
            if ent.code == "ASEAN":
                pool = ["東協"] * (3 if self.conv == "s2tw" else 1) + ["東盟"] * 2 + ["東盟國家"]
        else:
            pool = ent.hans
        text = pool[0] if len(pool) == 1 or rng.random() < main_weight else rng.choice(pool[1:])
        if self.script == "en" and ent.extra.get("lower") and text[1:2].islower():
            text = text[0].lower() + text[1:]  # "exports of electric vehicles"
        return self.ph(text)

    def cap(self, ph: str) -> str:
        """Capitalise the name behind placeholder `ph` (sentence start)."""
        i = ord(ph) - 0xE000
        self.names[i] = self.names[i][:1].upper() + self.names[i][1:]
        return ph

    def R(self) -> str:
        """The reporter."""
        if self.rkind == "national":
            if self.script == "en":
                return self.ph(self.rng.choice(["China", "China", "the country"]))
            return self.ph(self.rng.choice(["我国", "我国", "全国", "中国"]))
        return self.name(self.reporter, 0.55)

    def Rpos(self, start: bool = False) -> str:
        """English possessive of the reporter ("Hunan's")."""
        n = self.cap(self.R()) if start else self.R()
        return n + ("'" if self.names[-1].endswith("s") else "'s")

    def partner(self, exclude: tuple = ()) -> str:
        rng = self.rng
        for _ in range(20):
            r = rng.random()
            ent = rng.choice(self.w.majors) if r < 0.7 else (rng.choice(self.w.groups) if r < 0.85
                                                             else rng.choice(self.w.others))
            if ent.code not in exclude and ent.code not in {e.code for e in self._sentence_partners}:
                break
        self._sentence_partners.append(ent)
        self.used_partners.append(ent)
        return self.name(ent)

    def group(self) -> str:
        ent = self.rng.choice(self.w.groups)
        return self.name(ent, 0.5)

    def commodity(self) -> str:
        for _ in range(20):
            ent = self.rng.choice(self.w.commodities)
            if ent.code not in self._sentence_goods:
                break
        self._sentence_goods.add(ent.code)
        return self.name(ent, 0.85)

    def mode(self) -> str:
        return self.name(self.rng.choice(self.w.modes), 0.85)

    def city(self) -> str:
        for _ in range(20):
            ent = self.rng.choice(self.local_cities)
            if ent.code not in self._sentence_cities:
                break
        self._sentence_cities.add(ent.code)
        return self.name(ent, 0.4)

    def new_sentence(self) -> None:
        self._sentence_partners: list[Ent] = []
        self._sentence_goods: set[str] = set()
        self._sentence_cities: set[str] = set()

    def person(self) -> str:
        rng = self.rng
        if self.script == "en":
            return f"{rng.choice(EN_SURNAMES)} {rng.choice(EN_GIVEN)}"
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))

    # ---- periods ----------------------------------------------------------------
    def year_zh(self, must: bool = False) -> str:
        if not self.dated or must:
            return f"{self.year}年"
        if self.period.kind == "fy":
            return self.rng.choice(["去年", f"{self.year}年", f"{self.year}年"])
        return self.rng.choice(["今年", "今年", f"{self.year}年", ""])

    def P(self) -> str:
        """The article's period, Chinese."""
        rng, p = self.rng, self.period
        yr = self.year_zh()
        if p.kind == "h1":
            return yr + "上半年"
        if p.kind == "q1":
            return yr + rng.choice(["一季度", "第一季度"])
        if p.kind == "q3":
            return yr + "前三季度"
        if p.kind == "fy":
            return yr + rng.choice(["", "全年", "全年"]) if yr else f"{self.year}年"
        if p.kind == "month":
            return yr + rng.choice([f"{p.n}月份", f"{p.n}月", f"{p.n}月份"])
        return yr + rng.choice([f"前{CN_NUM[p.n]}个月", f"1-{p.n}月", f"1至{p.n}月", f"1—{p.n}月",
                                f"前{CN_NUM[p.n]}个月"])

    def Pen(self) -> str:
        """The article's period, English (starting with a preposition)."""
        rng, p = self.rng, self.period
        this = rng.choice(["this year", "the year"]) if self.dated and rng.random() < 0.6 else str(self.year)
        if p.kind == "h1":
            return rng.choice([f"in the first half of {this}", f"in the first half of {self.year}",
                               f"during the first six months of {this}", f"in H1 {self.year}"])
        if p.kind == "q1":
            return rng.choice([f"in the first quarter of {this}", f"in Q1 {self.year}", "in the first quarter"])
        if p.kind == "q3":
            return rng.choice([f"in the first three quarters of {this}", f"during the January-September period",
                               f"in the first three quarters of {self.year}"])
        if p.kind == "fy":
            return rng.choice([f"in {self.year}", f"for the whole of {self.year}", "last year"]
                              if self.dated else [f"in {self.year}", f"for the whole of {self.year}"])
        if p.kind == "month":
            return rng.choice([f"in {EN_MONTH[p.n]}", f"in {EN_MONTH[p.n]} {self.year}"]
                              if self.dated else [f"in {EN_MONTH[p.n]} {self.year}"])
        return rng.choice([f"in the first {EN_NUM[p.n]} months of {this}", f"from January to {EN_MONTH[p.n]}",
                           f"in the January-{EN_MONTH[p.n]} period of {self.year}",
                           f"in the first {EN_NUM[p.n]} months"])

    # ---- figures ------------------------------------------------------------------
    def pct(self, lo: float = 0.5, hi: float = 40.0) -> str:
        return f"{self.rng.uniform(lo, hi):.1f}"

    def share(self) -> str:
        return self.pct(1.5, 65)

    def growth(self) -> float:
        g = self.rng.gauss(7, 14)
        return g if abs(g) >= 0.1 else 0.3

    def Y(self) -> str:
        """Chinese year-on-year change."""
        rng, g = self.rng, self.growth()
        if g > 100 and rng.random() < 0.5:
            return f"增长{g / 100 + 1:.1f}倍"
        word = "增长" if g > 0 else "下降"
        return rng.choice(["同比", "同比", "", "比上年同期"]) + rng.choice([word, word, word, "增加" if g > 0 else "减少"]) \
            + f"{abs(g):.1f}%"

    def Yshort(self) -> str:
        g = self.growth()
        return ("增长" if g > 0 else "下降") + f"{abs(g):.1f}%"

    def Yen(self) -> str:
        rng, g = self.rng, self.growth()
        a = f"{abs(g):.1f}%"
        if g > 0:
            return rng.choice([f"up {a} year on year", f"an increase of {a}", f"up {a} from a year earlier",
                               f"a year-on-year rise of {a}", f"up {a}"])
        return rng.choice([f"down {a} year on year", f"a decrease of {a}", f"down {a} from a year earlier",
                           f"a year-on-year decline of {a}"])

    def amount(self, part: str) -> float:
        rng, t = self.rng, self.total
        if part == "total":
            return t
        if part == "export":
            return t * self.export_share
        if part == "import":
            return t * (1 - self.export_share)
        if part == "balance":
            return abs(t * (2 * self.export_share - 1)) + t * 0.01
        if part == "partner":
            return t * rng.uniform(0.02, 0.25)
        if part == "goods":
            return t * rng.uniform(0.003, 0.12)
        if part == "mode":
            return t * rng.uniform(0.05, 0.7)
        if part == "city":
            return t * rng.uniform(0.01, 0.5)
        return t * rng.uniform(0.001, 0.05)

    def V(self, part: str = "total") -> str:
        """A Chinese money figure."""
        rng, x = self.rng, self.amount(part)
        unit = "美元" if self.currency == "USD" else "元"
        if x >= 1e12 and rng.random() < 0.8:
            s = f"{x / 1e12:.2f}".rstrip("0").rstrip(".")
            return f"{s}万亿{unit}"
        if x >= 1e8:
            v = x / 1e8
            s = f"{v:,.1f}" if v >= 1000 and rng.random() < 0.35 else f"{v:.1f}"
            if rng.random() < 0.2:
                s = s.rstrip("0").rstrip(".")
            return f"{s}亿{unit}"
        return f"{x / 1e4:.0f}万{unit}"

    def Ven(self, part: str = "total") -> str:
        """An English money figure."""
        rng, x = self.rng, self.amount(part)
        if self.currency == "USD":
            if x >= 1e9:
                return rng.choice([f"US${x / 1e9:.2f} billion", f"{x / 1e9:.1f} billion U.S. dollars",
                                   f"${x / 1e9:.1f} billion", f"{x / 1e9:.2f} billion US dollars"])
            return rng.choice([f"US${x / 1e6:.1f} million", f"{x / 1e6:.0f} million U.S. dollars"])
        if x >= 1e12 and rng.random() < 0.7:
            return rng.choice([f"{x / 1e12:.2f} trillion yuan", f"RMB {x / 1e12:.2f} trillion"])
        if x >= 1e9:
            return rng.choice([f"{x / 1e9:.2f} billion yuan", f"{x / 1e9:.1f} billion yuan",
                               f"RMB {x / 1e9:.1f} billion", f"{x / 1e9:,.2f} billion yuan"])
        return rng.choice([f"{x / 1e6:.1f} million yuan", f"RMB {x / 1e6:.0f} million"])

    def qty(self, ent_code: str) -> tuple[str, str]:
        zh_unit, en_unit, lo, hi = QTY_UNITS[ent_code]
        v = 10 ** self.rng.uniform(math.log10(lo), math.log10(hi)) * self.months / 12
        v = max(v, 0.1)
        zh = f"{v:.1f}{zh_unit}" if v < 100 else f"{v:.0f}{zh_unit}"
        n = v * 1e4
        en = f"{n / 1e6:.2f} million {en_unit}" if n >= 1e6 else f"{n:,.0f} {en_unit}"
        return zh, en

    def qgood(self) -> tuple[str, str, str]:
        """(name, zh quantity, en quantity) of a commodity counted in vehicles, tonnes or units."""
        ent = self.rng.choice(self.w.quantity_goods)
        self._sentence_goods.add(ent.code)
        zh, en = self.qty(ent.code)
        return self.name(ent, 0.85), zh, en

    def finish(self, text: str) -> str:
        """Convert to the article's script and resolve the name placeholders."""
        if self.conv:
            text = self.w.converters[self.conv].convert(text)
        if self.conv and self.rng.random() < 0.3:
            text = text.replace("東盟", "東協")
        return text.translate({0xE000 + i: n for i, n in enumerate(self.names)})


# --------------------------------------------------------------------------- templates
# Each template takes the context and returns one sentence (or a few) in
# Simplified Chinese or English; Traditional text is converted afterwards.

Template = Callable[[Ctx], str]
ZH_LEAD: list[Template] = []
ZH_FIG: list[Template] = []
ZH_FILL: list[Template] = []
ZH_TITLE: list[Template] = []
ZH_HEAD: list[Template] = []
EN_LEAD: list[Template] = []
EN_FIG: list[Template] = []
EN_FILL: list[Template] = []
EN_TITLE: list[Template] = []


def t(*pools: list[Template]):
    def deco(f: Template) -> Template:
        for p in pools:
            p.append(f)
        return f
    return deco


# ---- Chinese: lead totals ----------------------------------------------------------------------------------------

@t(ZH_LEAD)
def zl_total_split(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}进出口总值{c.V()}，比上年同期{c.Yshort()}。"
            f"其中，出口{c.V('export')}，{c.Yshort()}；进口{c.V('import')}，{c.Yshort()}。")


@t(ZH_LEAD)
def zl_customs(c: Ctx) -> str:
    return (f"{c.customs['zh']}{c.pub.day}日对外发布，{c.P()}，{c.R()}货物贸易进出口{c.V()}，{c.Y()}，"
            f"其中，出口{c.V('export')}，{c.Yshort()}，进口{c.V('import')}，{c.Yshort()}。")


@t(ZH_LEAD)
def zl_according(c: Ctx) -> str:
    return (f"据{c.customs['zh']}统计，{c.P()}{c.R()}外贸进出口总额{c.V()}，{c.Y()}，"
            f"增速高于全国{c.pct(0.2, 9)}个百分点。")


@t(ZH_LEAD)
def zl_record(c: Ctx) -> str:
    return (f"记者从{c.customs['zh']}获悉，{c.P()}，{c.R()}实现进出口{c.V()}，规模创历史同期新高，{c.Y()}。"
            f"其中出口{c.V('export')}，{c.Y()}；进口{c.V('import')}，{c.Y()}。")


@t(ZH_LEAD)
def zl_usd(c: Ctx) -> str:
    c.currency, saved = "USD", c.currency
    if saved == "CNY":
        c.total /= 7
    s = (f"以美元计价，{c.P()}{c.R()}进出口{c.V()}，{c.Y()}。其中，出口{c.V('export')}，{c.Yshort()}；"
         f"进口{c.V('import')}，{c.Yshort()}；贸易顺差{c.V('balance')}。")
    if saved == "CNY":
        c.total *= 7
    c.currency = saved
    return s


@t(ZH_LEAD)
def zl_scale(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}外贸进出口{c.V()}，同比{c.Yshort()}，"
            f"占全国外贸总值的{c.pct(0.3, 12)}%，规模居全国第{CN_NUM[c.rng.randint(1, 12)]}位。")


# ---- Chinese: figures ------------------------------------------------------------------------------------------------

@t(ZH_FIG)
def zf_flows(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}出口{c.V('export')}，{c.Y()}；进口{c.V('import')}，{c.Y()}；"
            f"贸易顺差{c.V('balance')}，扩大{c.pct(1, 30)}%。")


@t(ZH_FIG)
def zf_top3(c: Ctx) -> str:
    return (f"从贸易伙伴看，{c.P()}{c.R()}对{c.partner()}、{c.partner()}和{c.partner()}分别进出口"
            f"{c.V('partner')}、{c.V('partner')}和{c.V('partner')}，分别{c.Yshort()}、{c.Yshort()}和{c.Yshort()}。")


@t(ZH_FIG)
def zf_first_partner(c: Ctx) -> str:
    a = c.partner()
    return (f"{a}继续保持{c.R()}第一大贸易伙伴地位，{c.P()}{c.R()}对{a}进出口{c.V('partner')}，{c.Y()}，"
            f"占{c.R()}外贸总值的{c.share()}%。")


@t(ZH_FIG)
def zf_two_partners(c: Ctx) -> str:
    return (f"同期，对{c.partner()}进出口{c.V('partner')}，{c.Y()}；"
            f"对{c.partner()}双边贸易额为{c.V('partner')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_export_to(c: Ctx) -> str:
    return f"{c.P()}，{c.R()}对{c.partner()}出口{c.V('partner')}，{c.Y()}，占同期出口总值的{c.share()}%。"


@t(ZH_FIG)
def zf_import_from(c: Ctx) -> str:
    return f"{c.P()}，{c.R()}自{c.partner()}进口{c.V('partner')}，{c.Y()}。"


@t(ZH_FIG)
def zf_trade_amount(c: Ctx) -> str:
    return (f"对{c.partner()}贸易额{c.V('partner')}，{c.Yshort()}；对{c.partner()}贸易额{c.V('partner')}，"
            f"{c.Yshort()}；对{c.partner()}贸易额{c.V('partner')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_group(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}对{c.group()}进出口{c.V('partner')}，同比{c.Yshort()}，"
            f"占{c.R()}进出口总值的{c.share()}%。")


@t(ZH_FIG)
def zf_group_pair(c: Ctx) -> str:
    return (f"对共建“一带一路”国家进出口{c.V('mode')}，{c.Y()}；"
            f"对{c.group()}进出口{c.V('partner')}，{c.Y()}。")


@t(ZH_FIG)
def zf_goods_export(c: Ctx) -> str:
    return f"{c.P()}，{c.R()}出口{c.commodity()}{c.V('goods')}，{c.Y()}，占出口总值的{c.share()}%。"


@t(ZH_FIG)
def zf_goods_two(c: Ctx) -> str:
    return (f"其中，出口{c.commodity()}{c.V('goods')}，{c.Yshort()}；{c.commodity()}{c.V('goods')}，"
            f"{c.Yshort()}。")


@t(ZH_FIG)
def zf_goods_enum(c: Ctx) -> str:
    return (f"{c.commodity()}、{c.commodity()}、{c.commodity()}分别出口{c.V('goods')}、{c.V('goods')}、"
            f"{c.V('goods')}，分别增长{c.pct()}%、{c.pct()}%和{c.pct()}%。")


@t(ZH_FIG)
def zf_goods_import(c: Ctx) -> str:
    return (f"进口方面，{c.R()}进口{c.commodity()}{c.V('goods')}，{c.Y()}；"
            f"进口{c.commodity()}{c.V('goods')}，{c.Y()}。")


@t(ZH_FIG)
def zf_tonnes(c: Ctx) -> str:
    name, q, _ = c.qgood()
    return (f"{c.P()}，{c.R()}进口{name}{q}，{c.Y()}；价值{c.V('goods')}，{c.Yshort()}，"
            f"进口均价每吨{c.rng.randint(300, 9000)}元，{c.Yshort()}。")


@t(ZH_FIG)
def zf_vehicles(c: Ctx) -> str:
    name, q, _ = c.qgood()
    return f"{c.P()}，{c.R()}出口{name}{q}，同比{c.Yshort()}，出口值{c.V('goods')}，{c.Yshort()}。"


@t(ZH_FIG)
def zf_qty_first(c: Ctx) -> str:
    name, q, _ = c.qgood()
    return f"更具标志意义的是，{name}出口数量首次突破{q}，同比激增{c.pct(20, 150)}%。"


@t(ZH_FIG)
def zf_mode_share(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}以{c.mode()}方式进出口{c.V('mode')}，{c.Y()}，占{c.R()}外贸总值的{c.share()}%，"
            f"比去年同期提升{c.pct(0.1, 6)}个百分点。")


@t(ZH_FIG)
def zf_mode_flows(c: Ctx) -> str:
    return (f"同期，{c.R()}{c.mode()}进出口{c.V('mode')}，{c.Yshort()}。"
            f"其中出口{c.V('goods')}，{c.Yshort()}；进口{c.V('small')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_private(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}民营企业进出口{c.V('mode')}，{c.Y()}，占同期{c.R()}外贸总值的{c.share()}%；"
            f"外商投资企业进出口{c.V('partner')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_ecommerce(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}跨境电商进出口{c.V('goods')}，同比{c.Yshort()}。"
            f"其中跨境电商出口{c.V('small')}，同比{c.Yshort()}。")


@t(ZH_FIG)
def zf_month(c: Ctx) -> str:
    m = c.period.n if c.period.kind == "month" else max(1, c.period.n)
    return (f"{m}月份，{c.R()}进出口{c.V('city')}，环比{c.Yshort()}，同比{c.Yshort()}，"
            f"为{c.year_zh() or '今年'}以来月度最高值。")


@t(ZH_FIG)
def zf_cities_growth(c: Ctx) -> str:
    return (f"从地区看，{c.city()}、{c.city()}、{c.city()}进出口增速较快，"
            f"分别增长{c.pct(5, 80)}%、{c.pct(5, 80)}%和{c.pct(5, 140)}%，均高于全省平均水平。")


@t(ZH_FIG)
def zf_city_total(c: Ctx) -> str:
    if c.rkind == "province" and c.w.cities.get(c.province.code) and c.rng.random() < 0.6:
        c._sentence_cities.add(c.local_cities[0].code)
        return (f"作为省会，{c.name(c.local_cities[0], 0.4)}{c.P()}进出口{c.V('city')}，同比{c.Yshort()}，"
                f"占全省进出口总值的{c.share()}%。")
    return (f"从各市看，{c.city()}{c.P()}进出口{c.V('city')}，同比{c.Yshort()}，"
            f"占全省进出口总值的{c.share()}%。")


@t(ZH_FIG)
def zf_surplus(c: Ctx) -> str:
    return f"{c.P()}，{c.R()}贸易顺差{c.V('balance')}，{c.Y()}，对外贸增长的贡献率为{c.share()}%。"


@t(ZH_FIG)
def zf_goods_main(c: Ctx) -> str:
    a = c.commodity()
    return (f"出口以{a}和{c.commodity()}为主，其中{a}出口{c.V('goods')}，{c.Yshort()}，"
            f"占出口总值的{c.share()}%。")


@t(ZH_FIG)
def zf_agri(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}农产品出口额为{c.V('goods')}，{c.Y()}，居中部第{CN_NUM[c.rng.randint(1, 3)]}。"
            f"其中，{c.commodity()}出口额居全国第一。")


@t(ZH_FIG)
def zf_bilateral(c: Ctx) -> str:
    return (f"{c.R()}{c.P()}对{c.partner()}贸易额{c.V('partner')}，{c.Yshort()}；"
            f"对{c.partner()}双边贸易额为{c.V('partner')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_mode_goods(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}{c.mode()}出口{c.V('goods')}，同比{c.Yshort()}，"
            f"{c.commodity()}、{c.commodity()}等特色产品出口增势明显。")


@t(ZH_FIG)
def zf_units(c: Ctx) -> str:
    name, q, _ = c.qgood()
    return f"{c.P()}，{c.R()}{name}出口数量{q}，增长{c.pct()}%，出口金额{c.V('goods')}。"


@t(ZH_FIG)
def zf_zone(c: Ctx) -> str:
    return (f"{c.P()}{c.R()}海关特殊监管区域进出口总额实现{c.V('mode')}，{c.Yshort()}，"
            f"占全省进出口总值的{c.share()}%。")


@t(ZH_FIG)
def zf_new_three(c: Ctx) -> str:
    return (f"{c.R()}“新三样”（电动汽车、锂电池、太阳能电池）出口{c.V('goods')}，{c.Yshort()}。"
            f"其中，电动汽车出口{c.V('small')}、{c.Yshort()}，锂电池出口{c.V('small')}、{c.Yshort()}。")


@t(ZH_FIG)
def zf_import_fall(c: Ctx) -> str:
    return (f"进口方面，{c.commodity()}、{c.commodity()}进口下降，{c.commodity()}进口{c.V('goods')}，"
            f"大幅增长{c.pct(20, 90)}%。")


@t(ZH_FIG)
def zf_brand(c: Ctx) -> str:
    return (f"{c.P()}，{c.R()}自主品牌产品出口{c.V('goods')}，同比{c.Yshort()}，"
            f"占出口总值的{c.share()}%。")


@t(ZH_FIG)
def zf_hightech(c: Ctx) -> str:
    return (f"同期，出口机电产品{c.V('mode')}，{c.Yshort()}，占出口总值的{c.share()}%；"
            f"劳动密集型产品{c.V('goods')}，{c.Yshort()}。")


@t(ZH_FIG)
def zf_usd_partner(c: Ctx) -> str:
    k = 1e8 * (7 if c.currency == "CNY" else 1)
    return (f"按美元计，{c.P()}{c.R()}对{c.partner()}出口{c.amount('partner') / k:.1f}亿美元，"
            f"{c.Yshort()}；自{c.partner()}进口{c.amount('partner') / k:.1f}亿美元，{c.Yshort()}。")


# ---- Chinese: filler (no trade figures) -----------------------------------------------------------------------------

@t(ZH_FILL)
def zn_outlook(c: Ctx) -> str:
    return (f"{c.customs['zh']}有关负责人表示，当前外部环境依然复杂严峻，不稳定不确定因素较多，"
            f"但{c.R()}外贸长期向好的基本面没有改变。")


@t(ZH_FILL)
def zn_measures(c: Ctx) -> str:
    return (f"{c.year_zh()}以来，{c.R()}持续深化跨境贸易便利化改革，推出{c.rng.randint(8, 40)}项稳外贸措施，"
            f"进一步优化口岸营商环境，压缩整体通关时间。")


@t(ZH_FILL)
def zn_port(c: Ctx) -> str:
    return (f"物流通道方面，{c.city()}港集装箱吞吐量{c.rng.uniform(5, 300):.1f}万标箱，"
            f"同比增长{c.pct(1, 30)}%，外贸航线增至{c.rng.randint(5, 60)}条。")


@t(ZH_FILL)
def zn_rail(c: Ctx) -> str:
    return (f"中欧班列（{c.city()}）{c.year_zh()}累计开行{c.rng.randint(100, 1500)}列，"
            f"发送标箱{c.rng.uniform(1, 15):.1f}万个，通达{c.rng.randint(10, 30)}个国家的{c.rng.randint(40, 120)}个城市。")


@t(ZH_FILL)
def zn_air(c: Ctx) -> str:
    return (f"空运方面，{c.city()}国际机场新增{c.rng.randint(2, 15)}条国际货运航线，"
            f"全年国际货物吞吐量达{c.rng.uniform(0.5, 20):.1f}万吨。")


@t(ZH_FILL)
def zn_forecast(c: Ctx) -> str:
    return (f"展望全年，随着稳外贸政策效应持续释放，{c.R()}外贸有望继续保持平稳增长态势，"
            f"为全年外贸量稳质升奠定基础。")


@t(ZH_FILL)
def zn_expert(c: Ctx) -> str:
    return ("专家分析认为，外需走弱、贸易保护主义抬头等因素仍对外贸形成压力，"
            "企业应加快开拓多元化市场，提升产品附加值和品牌影响力。")


@t(ZH_FILL)
def zn_rcep(c: Ctx) -> str:
    return ("随着《区域全面经济伙伴关系协定》深入实施，关税减让红利持续释放，"
            "企业享惠进口货物明显增加，原产地证书签发量稳步上升。")


@t(ZH_FILL)
def zn_customs_role(c: Ctx) -> str:
    return (f"{c.customs['zh']}表示，将继续发挥职能作用，落实落细各项稳外贸政策措施，"
            f"助力外贸保稳提质，服务构建新发展格局。")


@t(ZH_FILL)
def zn_quote(c: Ctx) -> str:
    return (f"“我们的订单已经排到了{c.rng.randint(1, 12)}月份。”{c.city()}一家外贸企业负责人说，"
            f"今年企业加大研发投入，新产品在海外市场很受欢迎。")


@t(ZH_FILL)
def zn_dock(c: Ctx) -> str:
    return (f"在{c.city()}港码头，一辆辆出口商品车正在有序装船，即将发往{c.partner()}等国家和地区。"
            f"码头工作人员介绍，今年以来商品车滚装业务量明显增加。")


@t(ZH_FILL)
def zn_network(c: Ctx) -> str:
    return (f"统计显示，{c.R()}对外贸易伙伴已覆盖{c.rng.randint(150, 231)}个国家和地区，"
            f"外贸“朋友圈”持续扩容，市场多元化成效显著。")


@t(ZH_FILL)
def zn_ftz(c: Ctx) -> str:
    return (f"据悉，{c.R()}自由贸易试验区自获批以来，累计形成制度创新成果{c.rng.randint(20, 200)}项，"
            f"其中{c.rng.randint(2, 20)}项在全国复制推广。")


@t(ZH_FILL)
def zn_season(c: Ctx) -> str:
    return "受春节假期等季节性因素影响，月度进出口有所波动，但总体运行在合理区间，外贸韧性持续显现。"


@t(ZH_FILL)
def zn_digital(c: Ctx) -> str:
    return ("作为外贸新业态，跨境电商为外贸企业提供了“数字化出海口”，"
            "越来越多的制造企业通过海外仓和独立站直接触达海外消费者。")


@t(ZH_FILL)
def zn_fair(c: Ctx) -> str:
    return (f"第{CN_NUM[c.rng.randint(2, 9)]}届进博会期间，{c.R()}交易团意向采购金额创新高，"
            f"一批{c.partner()}特色产品借此进入中国市场。")


@t(ZH_FILL)
def zn_finance(c: Ctx) -> str:
    return ("汇率避险方面，对中小微企业购买汇率避险产品实施“两免一补一优惠”，"
            "免保证金、免抵押物，风险损失由补偿基金代偿，银行给予点差优惠。")


@t(ZH_FILL)
def zn_inspection(c: Ctx) -> str:
    return (f"针对企业痛点，海关精准施策，累计为{c.rng.randint(20, 400)}批进口原材料免于现场查验，"
            f"物料流转效能提升{c.rng.randint(20, 90)}%以上，有效保障企业产能释放。")


@t(ZH_FILL)
def zn_transition(c: Ctx) -> str:
    return (f"{c.R()}正加速从依靠低成本劳动力的粗放增长模式向依靠技术和制造的模式转型，"
            f"“产品出海”正加速向“品牌出海”转变。")


@t(ZH_FILL)
def zn_platform(c: Ctx) -> str:
    return (f"更值得关注的是，{c.year_zh(must=True)}{c.rng.randint(1, 12)}月，{c.R()}跨境贸易综合服务平台正式上线，"
            "打通海关、税务、外汇、商务等部门的数据壁垒，构建起一站式服务体系。")


@t(ZH_FILL)
def zn_orders(c: Ctx) -> str:
    return ("阿里巴巴国际站相关负责人表示，随着外贸订单越来越碎片化，中国制造企业也在往柔性化、"
            "个性化定制的方向升级，不断增强自身的设计和产品能力。")


@t(ZH_FILL)
def zn_risk(c: Ctx) -> str:
    return ("综合来看，当前全球经济复苏乏力，地缘政治冲突持续，外贸发展面临的不确定、不稳定因素依然较多，"
            "稳外贸仍需加力。")


# ---- Chinese: titles and subheadings --------------------------------------------------------------------------------

@t(ZH_TITLE)
def zt_total(c: Ctx) -> str:
    return f"{c.R()}{c.P()}进出口总值{c.V()}"


@t(ZH_TITLE)
def zt_growth(c: Ctx) -> str:
    return f"{c.P()}{c.R()}外贸{c.Yshort()} {c.mode()}成外贸增长“助推器”"


@t(ZH_TITLE)
def zt_export_share(c: Ctx) -> str:
    return f"{c.P()}{c.R()}出口增长{c.rng.choice(['一成', '两成', '三成', '近四成'])}，{c.mode()}贡献大"


@t(ZH_TITLE)
def zt_record(c: Ctx) -> str:
    return f"外贸，量增质升动力足（{c.R()}篇）"


@t(ZH_TITLE)
def zt_partner(c: Ctx) -> str:
    return f"{c.R()}对{c.partner()}贸易逆势增长 {c.P()}进出口创新高"


@t(ZH_TITLE)
def zt_goods(c: Ctx) -> str:
    return f"“{c.R()}造”{c.commodity()}加速出海 {c.P()}出口{c.Yshort()}"


@t(ZH_TITLE)
def zt_open(c: Ctx) -> str:
    return f"“{c.R()}品出海”跑出加速度 开放的{c.R()}走向世界"


@t(ZH_TITLE)
def zt_customs(c: Ctx) -> str:
    return f"{c.customs['zh']}：{c.P()}{c.R()}外贸稳中提质"


for _h in ["动能升级：“新三样”与“大国重器”双轮驱动", "格局之变：“朋友圈”扩容 “物流通道”升级",
           "制度创新：打出政策“组合拳”", "从商品结构看", "贸易方式持续优化", "市场多元化成效显著",
           "新业态新模式加快发展", "民营企业主力军作用凸显"]:
    ZH_HEAD.append(lambda c, h=_h: h)


# ---- English -------------------------------------------------------------------------------------------------------------

@t(EN_LEAD)
def el_total(c: Ctx) -> str:
    p = c.Pen()
    return (f"{p[0].upper() + p[1:]}, {c.Rpos()} total foreign trade reached {c.Ven()}, {c.Yen()}. "
            f"Exports stood at {c.Ven('export')}, {c.Yen()}, while imports amounted to {c.Ven('import')}, {c.Yen()}.")


@t(EN_LEAD)
def el_customs(c: Ctx) -> str:
    return (f"According to {c.customs['en']}, {c.Rpos()} imports and exports totaled {c.Ven()} {c.Pen()}, "
            f"{c.Yen()}, outpacing the national growth rate by {c.pct(0.3, 8)} percentage points.")


@t(EN_LEAD)
def el_record(c: Ctx) -> str:
    return (f"{c.Rpos()} import and export {c.Pen()} surpassed {c.Ven()}, reaching a record high, "
            f"according to a report by {c.customs['en']}.")


@t(EN_LEAD)
def el_flows(c: Ctx) -> str:
    return (f"{c.R()} exported goods worth {c.Ven('export')} {c.Pen()}, {c.Yen()}, and imported "
            f"{c.Ven('import')}, {c.Yen()}, data from {c.customs['en']} showed.")


@t(EN_FIG)
def ef_top3(c: Ctx) -> str:
    return (f"{c.partner()}, {c.partner()} and {c.partner()} were {c.Rpos()} top three trading partners, "
            f"with import and export values of {c.Ven('partner')}, {c.Ven('partner')} and {c.Ven('partner')}, "
            f"respectively.")


@t(EN_FIG)
def ef_group_share(c: Ctx) -> str:
    return f"Trade with {c.group()} reached {c.Ven('partner')}, accounting for {c.share()}% of total trade."


@t(EN_FIG)
def ef_group_growth(c: Ctx) -> str:
    return f"Trade with {c.group()} amounted to {c.Ven('partner')}, {c.Yen()}."


@t(EN_FIG)
def ef_goods_export(c: Ctx) -> str:
    return (f"Exports of {c.commodity()} rose {c.pct()}% to {c.Ven('goods')}, accounting for {c.share()}% "
            f"of total exports.")


@t(EN_FIG)
def ef_goods_share(c: Ctx) -> str:
    return (f"{c.cap(c.commodity())} accounted for {c.share()}% of the total export value, while "
            f"{c.commodity()} accounted for {c.share()}%.")


@t(EN_FIG)
def ef_vehicles(c: Ctx) -> str:
    name, _, q = c.qgood()
    return f"{c.R()} exported {q} of {name} {c.Pen()}, {c.Yen()}."


@t(EN_FIG)
def ef_tonnes(c: Ctx) -> str:
    name, _, q = c.qgood()
    return f"Imports of {name} reached {q}, {c.Yen()}, with a value of {c.Ven('goods')}."


@t(EN_FIG)
def ef_usd(c: Ctx) -> str:
    x = c.amount("export") / (7 if c.currency == "CNY" else 1)
    return (f"In U.S. dollar terms, {c.Rpos()} exports {c.Pen()} rose {c.pct()}% to "
            f"US${x / 1e9:.2f} billion, while imports fell {c.pct(0.5, 15)}%.")


@t(EN_FIG)
def ef_mode(c: Ctx) -> str:
    return (f"{c.cap(c.mode())} accounted for {c.share()}% of {c.Rpos()} foreign trade, with import and "
            f"export value of {c.Ven('mode')}, {c.Yen()}.")


@t(EN_FIG)
def ef_partner(c: Ctx) -> str:
    return f"{c.Rpos()} trade with {c.partner()} amounted to {c.Ven('partner')}, {c.Yen()}."


@t(EN_FIG)
def ef_to_from(c: Ctx) -> str:
    a = c.partner()
    return (f"Exports to {a} grew {c.pct()}% to {c.Ven('partner')}, while imports from {a} fell "
            f"{c.pct(0.5, 20)}% to {c.Ven('small')}.")


@t(EN_FIG)
def ef_surplus(c: Ctx) -> str:
    return f"The trade surplus stood at {c.Ven('balance')}, expanding by {c.pct(1, 30)}%."


@t(EN_FIG)
def ef_cities(c: Ctx) -> str:
    return (f"Among cities, {c.city()}, {c.city()} and {c.city()} posted import and export growth of "
            f"{c.pct(3, 80)}%, {c.pct(3, 80)}% and {c.pct(3, 140)}%, respectively.")


@t(EN_FIG)
def ef_mode_exports(c: Ctx) -> str:
    return f"{c.Rpos()} {c.mode()} exports reached {c.Ven('goods')} {c.Pen()}, a year-on-year increase of {c.pct()}%."


@t(EN_FIG)
def ef_month(c: Ctx) -> str:
    m = c.period.n
    return f"In {EN_MONTH[m]} alone, {c.Rpos()} foreign trade rose {c.pct()}% year on year to {c.Ven('city')}."


@t(EN_FIG)
def ef_private(c: Ctx) -> str:
    return (f"Private enterprises' imports and exports reached {c.Ven('mode')}, up {c.pct()}% and accounting "
            f"for {c.share()}% of the total.")


@t(EN_FIG)
def ef_new_three(c: Ctx) -> str:
    return (f"The export value of {c.commodity()}, {c.commodity()} and {c.commodity()} reached "
            f"{c.Ven('goods')}, a significant increase of {c.pct(10, 60)}%.")


@t(EN_FIG)
def ef_imports_goods(c: Ctx) -> str:
    return f"{c.R()} imported {c.commodity()} worth {c.Ven('goods')} {c.Pen()}, {c.Yen()}."


@t(EN_FIG)
def ef_city_total(c: Ctx) -> str:
    return (f"{c.rng.choice(['The city of', 'Meanwhile,', 'Among cities,'])} {c.city()} contributed {c.Ven('city')}, {c.Yen()}, or {c.share()}% "
            f"of the provincial total.")


@t(EN_FILL)
def en_policy(c: Ctx) -> str:
    return (f"To support foreign trade, {c.customs['en']} has launched {c.rng.randint(10, 40)} new measures to "
            f"optimize the business environment and improve the efficiency of cross-border trade.")


@t(EN_FILL)
def en_outlook(c: Ctx) -> str:
    return (f"Despite challenges such as high inflation in developed economies and geopolitical conflicts, "
            f"{c.R()} remains optimistic about the future of its foreign trade.")


@t(EN_FILL)
def en_port(c: Ctx) -> str:
    return (f"Container throughput at {c.city()} port reached {c.rng.uniform(0.2, 5):.2f} million TEUs, "
            f"while {c.rng.randint(3, 30)} new international shipping routes were opened.")


@t(EN_FILL)
def en_rail(c: Ctx) -> str:
    return (f"China-Europe freight trains departing from {c.city()} made {c.rng.randint(100, 1500)} trips, "
            f"carrying goods to {c.rng.randint(10, 30)} countries.")


@t(EN_FILL)
def en_transition(c: Ctx) -> str:
    return (f"{c.R()} has also transitioned from an extensive growth model relying on low-cost labor to a model "
            f"focused on technology and manufacturing.")


@t(EN_FILL)
def en_expert(c: Ctx) -> str:
    return ("Analysts said weakening external demand remains the main headwind, but new growth drivers such as "
            "cross-border e-commerce and green products are gaining momentum.")


@t(EN_FILL)
def en_green(c: Ctx) -> str:
    return ("Green and low-carbon products have become a new growth point, supported by the province's "
            "manufacturing base and continuous policy support.")


@t(EN_FILL)
def en_channels(c: Ctx) -> str:
    return ("The measures include establishing green channel windows at customs clearance sites, promoting the "
            "import of advanced technology and equipment, and expanding cross-border e-commerce business.")


@t(EN_FILL)
def en_quote(c: Ctx) -> str:
    return (f"\"Our orders are booked until {EN_MONTH[c.rng.randint(1, 12)]},\" said the manager of a "
            f"{c.city()}-based exporter, adding that overseas buyers had returned to trade fairs.")


@t(EN_FILL)
def en_network(c: Ctx) -> str:
    return (f"{c.R()} now trades with {c.rng.randint(150, 231)} countries and regions around the world, "
            f"and its market diversification has made steady progress.")


@t(EN_FILL)
def en_rcep(c: Ctx) -> str:
    return ("With the Regional Comprehensive Economic Partnership in full effect, companies are enjoying "
            "lower tariffs, and the number of certificates of origin issued has risen steadily.")


@t(EN_FILL)
def en_goal(c: Ctx) -> str:
    return "The province aims to achieve stable and improved imports and exports in the second half of the year."


@t(EN_FIG)
def ef_main_mode(c: Ctx) -> str:
    return (f"{c.cap(c.mode())}, the main trade mode, reached {c.Ven('mode')}, {c.Yen()}, making up "
            f"{c.share()}% of the total.")


@t(EN_FIG)
def ef_partner_exports(c: Ctx) -> str:
    return (f"Exports to {c.partner()} jumped {c.pct(5, 60)}% to {c.Ven('partner')} {c.Pen()}, "
            f"while exports to {c.partner()} slipped {c.pct(0.5, 12)}%.")


@t(EN_FIG)
def ef_rank(c: Ctx) -> str:
    nth = c.rng.choice(["first", "second", "third", "fifth", "seventh", "tenth", "twelfth"])
    return f"{c.R()} ranked {nth} nationwide in foreign trade value, with {c.Ven()} in total {c.Pen()}."


@t(EN_FIG)
def ef_enum_growth(c: Ctx) -> str:
    return (f"Trade with {c.partner()}, {c.partner()} and {c.partner()} rose {c.pct()}%, {c.pct()}% and "
            f"{c.pct()}%, respectively.")


@t(EN_FIG)
def ef_import_pair(c: Ctx) -> str:
    return (f"Imports of {c.commodity()} rose {c.pct()}% to {c.Ven('goods')}, while imports of "
            f"{c.commodity()} declined {c.pct(0.5, 25)}% to {c.Ven('small')}.")


@t(EN_FIG)
def ef_ecommerce(c: Ctx) -> str:
    return f"Cross-border e-commerce imports and exports hit {c.Ven('goods')} {c.Pen()}, {c.Yen()}."


@t(EN_FIG)
def ef_brand(c: Ctx) -> str:
    return (f"Exports of own-brand products reached {c.Ven('goods')}, {c.Yen()}, accounting for {c.share()}% "
            f"of total exports.")


@t(EN_FILL)
def en_fair(c: Ctx) -> str:
    return (f"At the China Import and Export Fair, exhibitors from {c.R()} signed deals with buyers from "
            f"{c.partner()} and other markets.")


@t(EN_FILL)
def en_ftz(c: Ctx) -> str:
    return (f"Since its launch, {c.Rpos()} pilot free trade zone has produced {c.rng.randint(20, 200)} "
            f"institutional innovations, {c.rng.randint(2, 20)} of which have been replicated nationwide.")


@t(EN_FILL)
def en_air(c: Ctx) -> str:
    return (f"The international airport of {c.city()} opened {c.rng.randint(2, 15)} new international cargo routes "
            f"and handled {c.rng.randint(5, 200)},{c.rng.randint(100, 999)} tonnes of international freight.")


@t(EN_FILL)
def en_official(c: Ctx) -> str:
    return (f"\"Foreign trade has shown strong resilience,\" said {c.person()}, deputy director of "
            f"{c.customs['en']}, adding that the fundamentals remain unchanged.")


@t(EN_FILL)
def en_digital(c: Ctx) -> str:
    return ("Cross-border e-commerce has provided a \"digital gateway\" for local manufacturers, many of which now "
            "sell directly to overseas consumers through overseas warehouses.")


@t(EN_FILL)
def en_season(c: Ctx) -> str:
    return ("Seasonal factors such as the Spring Festival holiday caused monthly fluctuations, but overall trade "
            "remained within a reasonable range.")


@t(EN_TITLE)
def et_total(c: Ctx) -> str:
    return f"{c.Rpos()} foreign trade hits {c.Ven()} {c.Pen()}"


@t(EN_TITLE)
def et_record(c: Ctx) -> str:
    return f"{c.Rpos()} imports and exports reach record high"


@t(EN_TITLE)
def et_partner(c: Ctx) -> str:
    return f"{c.R()} trade with {c.partner()} grows steadily"


@t(EN_TITLE)
def et_goods(c: Ctx) -> str:
    return f"{c.cap(c.commodity())} exports drive {c.Rpos()} trade growth"


# --------------------------------------------------------------------------- article assembly

QR_BLOCK = """
<!-- 文末二维码 start -->
            <style>
            .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
            .appendQr_normal&#123;float:left;&#125;
            .appendQr_normal img&#123;width:74px;&#125;
            .appendQr_normal_txt&#123;float:left;font-size:20px;line-height:74px;padding-left:20px;color:#333;&#125;
            </style>
            <div class="clearfix appendQr_wrap">
                <div class="appendQr_normal"><img src="https://n.sinaimg.cn/finance/cece9e13/20200514/{img}.png" referrerpolicy="no-referrer"></div>
                <div class="appendQr_normal_txt">{slogan}</div>
            </div>
            <!-- 文末二维码 end -->
"""
SLOGANS = {"zh-Hans": "海量资讯、精准解读，尽在新浪财经APP", "zh-Hant": "海量資訊、精準解讀，盡在財經APP",
           "en": "Download our app for more business news"}


class Article:
    def __init__(self, ctx: Ctx) -> None:
        self.c = ctx
        self.title = ""
        self.paras: list[str] = []  # final text (converted, names resolved)
        self.kinds: list[str] = []  # 'p' | 'head' | 'caption'

    def sentence(self, tpl: Template) -> str:
        self.c.new_sentence()
        return tpl(self.c)


def _pick(rng: random.Random, pool: list[Template], decks: dict[int, list[Template]]) -> Template:
    """Draw templates like cards: no template repeats before the pool is used up."""
    deck = decks.setdefault(id(pool), [])
    if not deck:
        deck.extend(pool)
        rng.shuffle(deck)
    return deck.pop()


def build_article(rng: random.Random, world: World, script: str, fmt: str, target: int) -> tuple[str, dict]:
    c = Ctx(rng, world, script, fmt)
    en = script == "en"
    lead, fig, fill, title = (EN_LEAD, EN_FIG, EN_FILL, EN_TITLE) if en else (ZH_LEAD, ZH_FIG, ZH_FILL, ZH_TITLE)
    art = Article(c)
    art.title = c.finish(art.sentence(rng.choice(title)))
    recent: dict[int, list[Template]] = {}
    sep = " " if en else ""

    def paragraph(n_sent: int, fig_share: float) -> str:
        parts = []
        for _ in range(n_sent):
            pool = fig if rng.random() < fig_share else fill
            parts.append(art.sentence(_pick(rng, pool, recent)))
        return c.finish(sep.join(parts))

    art.paras.append(c.finish(art.sentence(rng.choice(lead)) + sep + art.sentence(_pick(rng, fig, recent))))
    art.kinds.append("p")
    size = 0
    while True:
        r = rng.random()
        if not en and r < 0.06:
            c.new_sentence()
            art.paras.append(c.finish(rng.choice(ZH_HEAD)(c)))
            art.kinds.append("head")
        elif r < 0.10:
            art.paras.append(c.finish(caption(c)))
            art.kinds.append("caption")
        else:
            art.paras.append(paragraph(rng.choice([1, 2, 2, 3, 3, 4]), rng.choice([0.3, 0.6, 0.6, 0.8])))
            art.kinds.append("p")
        text = render(art, fmt, rng_for_layout(rng, c))
        size = len(text.encode("utf-8"))
        if size >= target:
            break
    if not en and rng.random() < 0.4:
        art.paras[-1] += "（完）"
        text = render(art, fmt, rng_for_layout(rng, c))
    info = {"script": script, "conv": c.conv, "format": fmt, "reporter": c.reporter.code, "period": c.period.kind,
            "year": c.year, "bytes": len(text.encode("utf-8"))}
    return text, info


def rng_for_layout(rng: random.Random, c: Ctx) -> random.Random:
    """A layout RNG fixed per article, so that re-rendering after each paragraph is stable."""
    if not hasattr(c, "_layout_seed"):
        c._layout_seed = rng.random()
    return random.Random(c._layout_seed)


def caption(c: Ctx) -> str:
    c.new_sentence()
    rng = c.rng
    who = c.person()
    if c.script == "en":
        return rng.choice([f"Containers are loaded at a port in {c.city()}. Photo by {who}",
                           f"Vehicles wait to be shipped abroad at {c.city()} port. (Photo: {who})",
                           f"A China-Europe freight train departs from {c.city()}. {who}/Xinhua"])
    return rng.choice([f"{c.city()}港集装箱码头一派繁忙景象。 {who} 摄",
                       f"●海关关员对出口{c.commodity()}进行查验。",
                       f"{c.R()}自贸试验区{c.city()}片区一角。 {who} 摄",
                       f"●大批出口商品车在{c.city()}港集结等待装船。",
                       f"●中欧班列（{c.city()}）满载货物出发。 {who} 摄"])


def _yaml_quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def render(art: Article, fmt: str, rng: random.Random) -> str:
    c = art.c
    if fmt == "html":
        return render_html(art, rng)
    if fmt == "plain-dated":
        return render_plain(art, rng, f"date {c.pub:%Y-%m-%d}")
    return render_plain(art, rng, None)


def render_plain(art: Article, rng: random.Random, date_line: str | None) -> str:
    gap = rng.choice(["\n\n", "\n\n", "\n", "\n\n\n"])
    out: list[str] = []
    paras = list(art.paras)
    with_title = date_line is None or rng.random() < 0.4
    if with_title:
        paras.insert(0, art.title)
    if art.c.script != "en" and date_line is None and rng.random() < 0.5:
        paras.insert(1, "文：" + art.c.person())
    # now and then a paragraph broken mid-sentence, as crawled plain text often is
    if rng.random() < 0.2 and len(paras) > 3:
        i = rng.randrange(2, len(paras))
        p = paras[i]
        if len(p) > 20:
            k = rng.randrange(5, len(p) - 5)
            paras[i:i + 1] = [p[:k], p[k:]]
    body = gap.join(paras)
    if date_line is None:
        return rng.choice(["\n\n", "\n", ""]) + body + "\n"
    if rng.random() < 0.35:  # seed 001 style: the first paragraph on the date line
        return f" {date_line} {body}\n\n"
    return f"{date_line}\n{body}\n"


def render_html(art: Article, rng: random.Random) -> str:
    c = art.c
    script = c.script
    pubs = EN_PUBLISHERS if script == "en" else HANT_PUBLISHERS if script == "zh-Hant" else ZH_PUBLISHERS
    author, cats = pubs[rng.randrange(len(pubs))]
    img = f"https://n.sinaimg.cn/sinakd{c.pub:%Y%m%d}s/273/w640h433/{c.pub:%Y%m%d}/{rng.getrandbits(32):08x}.jpg"
    head = ["", "---", f"title: {_yaml_quote(art.title)}", "categories: "]
    head += [f" - {x}" for x in cats]
    head += [f"headimg: '{img}'", f"author: {author}", "comments: false",
             f"date: {format_datetime(c.pub, usegmt=True)}", f"thumbnail: '{img}'", "---", ""]
    indent = "" if script == "en" else "　　"
    layout = rng.random() < 0.65
    body: list[str] = []
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    link_done = rng.random() < 0.6
    for text, kind in zip(art.paras, art.kinds):
        t_ = esc(text)
        if not link_done and kind == "p" and script != "en":
            for kw in ("农产品", "農產品", "机电产品", "機電產品", "汽车", "汽車", "钢材", "鋼材"):
                if kw in t_:
                    code = f"sz{rng.randint(0, 3999):06d}"
                    t_ = t_.replace(kw, f'<span id="stock_{code}"><a href="https://finance.sina.com.cn/realstock/'
                                        f'company/{code}/nc.shtml" class="keyword" target="_blank">{kw}</a></span>'
                                        f'<span id="quote_{code}"></span>', 1)
                    link_done = True
                    break
        if kind == "caption":
            if layout:
                body.append(f'<div class="img_wrapper"><img id="0" style="max-width: 640px;" src="{img}" '
                            f'alt="{esc(text)}" referrerpolicy="no-referrer"><span class="img_descr">{t_}</span></div>')
            else:
                body.append(f'<p style="text-align:center"><img src="{img}" width="400" height="249" '
                            f'referrerpolicy="no-referrer"></p><p style="text-align: center;">{t_}</p>')
        elif kind == "head":
            body.append(f"<p><strong>{t_}</strong></p>" if layout else f"<h3>{t_}</h3>")
        else:
            body.append(f'<p cms-style="font-L">{indent}{t_}</p>' if layout
                        else f'<p style="text-align: left;">{t_}</p>')
    if layout:
        if script != "en" and rng.random() < 0.5:
            body.insert(0, f"<p>{indent}原标题：{esc(art.title)}</p>")
        joined = "\n".join(body)
    else:
        joined = "".join(body)
    editor = c.person()
    editor_line = (f'<p class="article-editor">Editor: {editor}</p>' if script == "en"
                   else f'<p class="article-editor">{"責任編輯" if script == "zh-Hant" else "责任编辑"}：{editor} </p>')
    qr = QR_BLOCK.replace("{img}", str(rng.randint(10**8, 10**9))).replace("{slogan}", SLOGANS[script])
    tail = ("\n<!-- news_keyword_pub,stock, -->\n\n\n<!-- 正文下iframe -->\n\n<!-- 总声明-->\n" + qr
            + "\n<!-- 编辑姓名及工作代码 -->\n\n" + editor_line + "\n<!-- 编辑姓名及工作代码-->\n\n  \n</div>\n            ")
    return "\n".join(head) + "\n<div>   \n" + joined + tail


# --------------------------------------------------------------------------- corpus

SCRIPTS = (("zh-Hans", 0.5), ("zh-Hant", 0.2), ("en", 0.3))
FORMATS = {
    "zh-Hans": (("html", 0.55), ("plain-dated", 0.25), ("plain-undated", 0.20)),
    "zh-Hant": (("html", 0.30), ("plain-dated", 0.30), ("plain-undated", 0.40)),
    "en": (("html", 0.25), ("plain-dated", 0.50), ("plain-undated", 0.25)),
}


def _choose(rng: random.Random, table) -> str:
    names, weights = zip(*table)
    return rng.choices(names, weights)[0]


def make_one(world: World, seed: int, i: int, size_kb: float) -> tuple[str, str, dict]:
    """(file name, text, info) of article i of the corpus of `seed`."""
    rng = random.Random(f"kg-bench-corpus/{seed}/{i}")
    script = _choose(rng, SCRIPTS)
    fmt = _choose(rng, FORMATS[script])
    target = int(size_kb * 1024 * rng.uniform(0.75, 1.25))
    text, info = build_article(rng, world, script, fmt, target)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{i:05d}_{digest}.txt", text, info


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def corpus_matches(out: Path, n: int, seed: int, size_kb: float) -> bool:
    """True when `out` holds the complete corpus of these parameters."""
    m = read_manifest(out)
    if not m or (m.get("n"), m.get("seed"), m.get("size_kb"), m.get("version")) != (n, seed, size_kb, GENERATOR_VERSION):
        return False
    return sum(1 for p in out.iterdir() if FILE_RE.match(p.name)) == n


def generate(out: Path, n: int = 1000, seed: int = 0, size_kb: float = 5.0, progress: bool = True) -> dict:
    """Write the corpus to `out` (replacing a previous generated corpus there) and return its manifest."""
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():  # only files this script wrote
        if FILE_RE.match(p.name) or p.name == MANIFEST:
            p.unlink()
    t0 = time.perf_counter()
    world = World()
    total = 0
    counts: dict[str, dict[str, int]] = {"script": {}, "format": {}, "period": {}}
    for i in range(n):
        name, text, info = make_one(world, seed, i, size_kb)
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
        for k in counts:
            v = info[k]
            counts[k][v] = counts[k].get(v, 0) + 1
        if progress and ((i + 1) % 100 == 0 or i + 1 == n):
            print(f"make_corpus: {i + 1}/{n} files", file=sys.stderr, flush=True)
    manifest = {"version": GENERATOR_VERSION, "n": n, "seed": seed, "size_kb": size_kb, "bytes": total,
                "mean_kb": round(total / n / 1024, 3) if n else 0, "gazetteer_sha256": world.fingerprint,
                "counts": counts,
                "templates": {"zh_lead": len(ZH_LEAD), "zh_figure": len(ZH_FIG), "zh_filler": len(ZH_FILL),
                              "zh_title": len(ZH_TITLE), "en_lead": len(EN_LEAD), "en_figure": len(EN_FIG),
                              "en_filler": len(EN_FILL), "en_title": len(EN_TITLE)},
                "seconds": round(time.perf_counter() - t0, 2)}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--size-kb", type=float, default=5.0, help="mean article size in KB (default 5)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    a = ap.parse_args(argv)
    if a.n < 1 or a.size_kb <= 0:
        ap.error("--n and --size-kb must be positive")
    m = generate(a.out, a.n, a.seed, a.size_kb, progress=not a.quiet)
    print(f"wrote {m['n']} articles, {m['bytes'] / 1e6:.2f} MB (mean {m['mean_kb']:.2f} KB) to {a.out} "
          f"in {m['seconds']:.1f} s; scripts {m['counts']['script']}; formats {m['counts']['format']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
