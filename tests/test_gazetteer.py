"""Tests of the gazetteer data files and their loader (on the real files)."""

from __future__ import annotations

import re
import shutil
import time
from collections import defaultdict
from pathlib import Path

import pytest

from kg.gazetteer import DATA_DIR, Gazetteer, load_gazetteer, read_gazetteer
from kg.normalise.text import normalise

PROVINCE_CODES = {
    "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ",
    "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ",
    "CN-SC", "CN-GZ", "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ", "CN-TW", "CN-HK",
    "CN-MO",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def of_kind(gaz: Gazetteer, kind: str) -> dict:
    return {c: p for c, p in gaz.places.items() if p.kind == kind}


def test_34_provinces_with_iso_codes(gaz):
    provinces = of_kind(gaz, "province")
    assert set(provinces) == PROVINCE_CODES
    assert provinces["CN-HN"].wikidata == "Q45761"
    assert provinces["CN-HN"].gb2260 == "430000"
    assert provinces["CN-HE"].labels["en"] == "Hebei"
    assert provinces["CN-SN"].labels["en"] == "Shaanxi"
    assert provinces["CN-SX"].labels["en"] == "Shanxi"
    for p in provinces.values():
        assert re.fullmatch(r"\d{2}0000", p.gb2260), p.code
        assert {"en", "zh-Hans", "zh-Hant"} <= set(p.labels), p.code


def test_province_names(gaz):
    for name, code in [("湖南", "CN-HN"), ("湖南省", "CN-HN"), ("Hunan", "CN-HN"), ("Hunan Province", "CN-HN"),
                       ("广西", "CN-GX"), ("广西壮族自治区", "CN-GX"), ("內蒙古", "CN-NM"), ("内蒙古", "CN-NM"),
                       ("Inner Mongolia", "CN-NM"), ("新疆", "CN-XJ"), ("西藏", "CN-XZ"), ("Tibet", "CN-XZ"),
                       ("Xizang", "CN-XZ"), ("Shaanxi", "CN-SN"), ("吉林", "CN-JL"), ("海南", "CN-HI")]:
        assert gaz.code(name) == code, name
    # one-character abbreviations of provinces are no names
    for abbr in ("湘", "粤", "桂", "浙"):
        assert gaz.lookup(abbr) is None


def test_sar_and_taiwan_provinces_point_to_territories(gaz):
    for prov, country in [("CN-HK", "HK"), ("CN-MO", "MO"), ("CN-TW", "TW")]:
        assert gaz.places[prov].aliases == ()
        assert gaz.canonical(prov) == country
        for label in gaz.places[prov].labels.values():
            assert gaz.code(label) == country
    for name, code in [("香港", "HK"), ("中国香港", "HK"), ("香港特区", "HK"), ("澳门", "MO"), ("澳門", "MO"),
                       ("中国澳门", "MO"), ("台湾", "TW"), ("臺灣", "TW"), ("中国台湾", "TW"), ("台湾地区", "TW"),
                       ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Macau", "MO")]:
        assert gaz.code(name) == code, name


def test_cities_have_gb2260_codes_under_their_province(gaz):
    cities = of_kind(gaz, "city")
    assert len(cities) >= 330
    for code, c in cities.items():
        assert re.fullmatch(r"CN-\d{6}", code), code
        assert c.gb2260 == code[3:] and code.endswith("00")
        parent = gaz.places[c.parent]
        assert parent.kind == "province"
        assert c.gb2260[:2] == parent.gb2260[:2], code
        assert c.labels.get("zh-Hant") and c.labels.get("zh-Hans") and c.labels.get("en"), code
    # municipalities and the SARs have no prefecture-level divisions; Laiwu merged into Jinan (2019)
    assert not [c for c in cities.values() if c.parent in {"CN-BJ", "CN-TJ", "CN-SH", "CN-CQ", "CN-HK", "CN-MO"}]
    assert "CN-371200" not in cities
    for code in ("CN-460300", "CN-460400", "CN-520500", "CN-520600", "CN-653200", "CN-152500", "CN-232700"):
        assert code in cities, code  # 三沙, 儋州, 毕节, 铜仁, 和田地区, 锡林郭勒盟, 大兴安岭地区


def test_known_cities_resolve(gaz):
    for name, code in [("长沙", "CN-430100"), ("长沙市", "CN-430100"), ("岳阳", "CN-430600"), ("郴州", "CN-431000"),
                       ("怀化", "CN-431200"), ("益阳", "CN-430900"), ("湘西", "CN-433100"), ("湘西州", "CN-433100"),
                       ("湘西土家族苗族自治州", "CN-433100"), ("张家界", "CN-430800"), ("張家界", "CN-430800"),
                       ("延边", "CN-222400"), ("黔东南", "CN-522600"), ("大理", "CN-532900"), ("红河", "CN-532500"),
                       ("Changsha", "CN-430100"), ("Yueyang", "CN-430600"), ("Changsha City", "CN-430100"),
                       ("Xi'an", "CN-610100"), ("Urumqi", "CN-650100")]:
        assert gaz.code(name) == code, name
    assert gaz.places["CN-430800"].labels["zh-Hant"] == "張家界市"
    assert gaz.places["CN-433100"].labels["en"] == "Xiangxi"


def test_excluded_short_city_names(gaz):
    for name in ("白银", "朝阳", "普洱", "海东", "海西", "海北", "来宾", "阿里"):
        assert gaz.lookup(name) is None, name
    assert gaz.code("白银市") == "CN-620400"
    assert gaz.code("海南藏族自治州") == "CN-632500"


def test_every_iso_country_present(gaz):
    countries = of_kind(gaz, "country")
    assert len(countries) >= 249
    pycountry = pytest.importorskip("pycountry")
    assert {c.alpha_2 for c in pycountry.countries} <= set(countries)


def test_country_names(gaz):
    for name, code in [("美国", "US"), ("美國", "US"), ("United States", "US"), ("U.S.", "US"), ("USA", "US"),
                       ("中国", "CN"), ("我国", "CN"), ("China", "CN"), ("中华人民共和国", "CN"),
                       ("韩国", "KR"), ("南韩", "KR"), ("朝鲜", "KP"), ("俄罗斯", "RU"), ("越南", "VN"),
                       ("Vietnam", "VN"), ("印尼", "ID"), ("印度", "IN"), ("沙特", "SA"), ("阿联酋", "AE"),
                       ("澳洲", "AU"), ("新西兰", "NZ"), ("紐西蘭", "NZ"), ("东帝汶", "TL"), ("Türkiye", "TR"),
                       ("Turkey", "TR"), ("Czechia", "CZ"), ("the UK", "GB"), ("Britain", "GB"),
                       ("South Korea", "KR"), ("Russia", "RU"), ("刚果（布）", "CG"), ("刚果（金）", "CD"),
                       ("中非共和国", "CF"), ("多米尼克", "DM"), ("多米尼加", "DO"), ("南苏丹", "SS")]:
        assert gaz.code(name) == code, name
    assert gaz.places["US"].wikidata == "Q30"
    assert gaz.places["CN"].wikidata == "Q148"


def test_china_africa_and_congo_are_not_country_names(gaz):
    assert "中非" not in gaz.places["CF"].names()
    assert gaz.lookup("中非") is None
    for name in ("刚果", "剛果", "Congo"):
        assert gaz.lookup(name) is None, name


def test_ambiguous_flags(gaz):
    assert "海地" in gaz.places["HT"].ambiguous
    assert "加纳" in gaz.places["GH"].ambiguous
    for p in gaz.places.values():
        assert p.ambiguous <= set(p.names()), p.code


def test_groups(gaz):
    for name in ("东协", "東協", "东盟", "東盟", "ASEAN", "东南亚国家联盟"):
        assert gaz.code(name) == "ASEAN", name
    for name, code in [("欧盟", "EU"), ("歐洲聯盟", "EU"), ("European Union", "EU"), ("RCEP", "RCEP"),
                       ("区域全面经济伙伴关系协定", "RCEP"), ("共建一带一路国家", "BRI"), ("一带一路", "BRI"),
                       ("Belt and Road countries", "BRI"), ("非洲", "AFRICA"), ("拉美", "LATAM"),
                       ("中东", "MIDEAST"), ("中亚", "CENTRAL_ASIA"), ("海合会", "GCC"), ("金砖国家", "BRICS"),
                       ("上合组织", "SCO"), ("欧亚经济联盟", "EAEU"), ("大洋洲", "OCEANIA"), ("欧洲", "EUROPE"),
                       ("亚洲", "ASIA"), ("北美", "NORTH_AMERICA")]:
        assert gaz.code(name) == code, name
    groups = of_kind(gaz, "group")
    assert {"ASEAN", "EU", "RCEP", "BRI", "AFRICA", "LATAM", "MIDEAST", "CENTRAL_ASIA", "GCC", "BRICS", "SCO",
            "EAEU", "OCEANIA", "EUROPE", "ASIA", "NORTH_AMERICA"} <= set(groups)
    assert len(groups["EU"].members) == 27
    assert len(groups["RCEP"].members) == 15
    assert len(groups["GCC"].members) == 6
    assert {"VN", "MY", "SG"} <= set(groups["ASEAN"].members)
    assert groups["ASEAN"].wikidata == "Q7768" and groups["EU"].wikidata == "Q458"


def test_abbreviations(gaz):
    abbr = gaz.abbreviations()
    assert abbr["美"] == "US" and abbr["日"] == "JP" and abbr["韩"] == "KR" and abbr["俄"] == "RU"
    assert abbr["欧"] == "EU" and abbr["非"] == "AFRICA"
    assert "巴" not in abbr
    assert all(len(a) == 1 for a in abbr)


def test_no_name_maps_to_two_codes(gaz):
    assert gaz.collisions == ()
    by_key = defaultdict(set)
    for name, _entity, code in gaz.names():
        by_key[normalise(name).strip()].add(code)
    clashes = {k: v for k, v in by_key.items() if len(v) > 1}
    assert clashes == {}


def test_names_are_clean(gaz):
    names = list(gaz.names())
    assert len(names) == len({(n, e, c) for n, e, c in names})
    for name, entity, code in names:
        assert name == name.strip() and name, code
        assert "|" not in name and "\t" not in name, (name, code)
        if entity == "place":
            assert code in gaz.places
            assert not re.search(r"[\"“”「」『』]", name), (name, code)  # the matcher strips quotes


def test_loading_is_fast():
    start = time.perf_counter()
    read_gazetteer(DATA_DIR)
    assert time.perf_counter() - start < 0.5  # ~25 ms on the reference machine


# ---- validation, on copies of the real files --------------------------------------------------

@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR / "places", tmp_path / "places")
    return tmp_path


def _edit(path: Path, fn) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(fn(lines)), encoding="utf-8")


def test_missing_column_is_reported(data_copy):
    path = data_copy / "places" / "groups.tsv"
    _edit(path, lambda ls: [ls[0].replace("\tmembers", "\tmembres"), *ls[1:]])
    with pytest.raises(ValueError, match=r"groups\.tsv:1: missing columns members"):
        read_gazetteer(data_copy)


def test_duplicate_code_is_reported(data_copy):
    path = data_copy / "places" / "groups.tsv"
    _edit(path, lambda ls: [*ls, ls[1]])
    with pytest.raises(ValueError, match=r"groups\.tsv:\d+: duplicate code ASEAN"):
        read_gazetteer(data_copy)


def test_collision_is_reported(data_copy):
    path = data_copy / "places" / "groups.tsv"
    _edit(path, lambda ls: [*ls, "TEST\t\tTest\t长沙\t\t\t\t\n"])
    gaz = read_gazetteer(data_copy)
    assert [(c.name, {c.kept[1], c.dropped[1]}) for c in gaz.collisions] == [("长沙", {"TEST", "CN-430100"})]
    with pytest.raises(ValueError, match="长沙"):
        read_gazetteer(data_copy, strict=True)


def test_vocab_files_are_optional_and_read(data_copy):
    gaz = read_gazetteer(data_copy)
    assert gaz.commodities == {} and gaz.modes == {}
    vocab = data_copy / "vocab"
    vocab.mkdir()
    (vocab / "commodities.tsv").write_text(
        "slug\tkind\tbroader\ten\tzh_hans\tzh_hant\taliases\n"
        "mechanical-electrical\t\t\tmechanical and electrical products\t机电产品\t機電產品\t机电\n"
        "ev\t\tmechanical-electrical\telectric vehicles\t电动汽车\t電動汽車\t新能源汽车\n",
        encoding="utf-8")
    gaz = read_gazetteer(data_copy)
    assert gaz.commodities["ev"].broader == "mechanical-electrical"
    assert gaz.commodities["ev"].labels["zh-Hans"] == "电动汽车"
    assert gaz.lookup("新能源汽车") == ("commodity", "ev")


def test_county_level_cities_sit_under_their_prefecture(gaz):
    counties = of_kind(gaz, "county_city")
    assert len(counties) >= 380
    for code, c in counties.items():
        assert re.fullmatch(r"CN-\d{6}", code) and c.gb2260 == code[3:], code
        parent = gaz.places[c.parent]
        assert parent.kind in ("city", "province"), code  # 济源, 仙桃 … answer to their province
        assert c.gb2260[:4] == parent.gb2260[:4] or parent.kind == "province", code
        assert c.labels.get("zh-Hant") and c.labels.get("zh-Hans") and c.labels.get("en"), code
    yiwu = gaz.places["CN-330782"]
    assert (yiwu.parent, yiwu.labels["en"], yiwu.labels["zh-Hant"]) == ("CN-330700", "Yiwu", "義烏市")
    assert gaz.ancestors("CN-330782") == ("CN-330700", "CN-ZJ")
    assert gaz.places["CN-419001"].parent == "CN-HA"  # 济源市, directly under Henan
    assert "CN-441900" not in counties and gaz.places["CN-441900"].kind == "city"  # 东莞 is prefecture-level


def test_county_level_cities_resolve(gaz):
    for name, code in [("义乌市", "CN-330782"), ("义乌", "CN-330782"), ("義烏", "CN-330782"), ("Yiwu", "CN-330782"),
                       ("昆山", "CN-320583"), ("崑山市", "CN-320583"), ("Kunshan", "CN-320583"),
                       ("张家港", "CN-320582"), ("江阴", "CN-320281"), ("常熟", "CN-320581"), ("晋江", "CN-350582"),
                       ("石狮", "CN-350581"), ("慈溪", "CN-330282"), ("余姚", "CN-330281"), ("瑞安", "CN-330381"),
                       ("乐清", "CN-330382"), ("诸暨", "CN-330681"), ("海宁", "CN-330481"), ("太仓", "CN-320585"),
                       ("宜兴", "CN-320282"), ("Changyuan", "CN-410783"), ("Korla", "CN-652801")]:
        assert gaz.code(name) == code, name


def test_county_level_city_never_shadows_a_prefecture_or_province(gaz):
    # the prefecture keeps its name; the county-level city seat of the same name has only its full one
    assert gaz.code("恩施") == "CN-422800" and gaz.code("恩施市") == "CN-422801"
    assert gaz.code("大理") == "CN-532900" and gaz.code("Dali") == "CN-532900"
    assert gaz.code("Kashgar") == "CN-653100" and gaz.places["CN-653101"].labels["en"] == "Kashgar City"
    assert gaz.code("Jinzhou") == "CN-210700"  # 锦州; 晋州市 is "Jinzhou, Shijiazhuang"
    assert gaz.code("吉林") == "CN-JL"
    # two county-level cities with one pinyin name: the bare name is neither's
    assert gaz.lookup("Xinyi") is None
    assert gaz.places["CN-320381"].labels["en"] == "Xinyi, Xuzhou"
    county_names = {n for p in of_kind(gaz, "county_city").values() for n in p.names()}
    higher = {n.casefold() for p in gaz.places.values() if p.kind != "county_city" for n in p.names()}
    assert not {n for n in county_names if n.casefold() in higher}


def test_excluded_short_county_names(gaz):
    for name in ("合作", "东方", "安宁", "临海", "江山", "英德", "东港", "新郑", "应城", "会理", "Mile", "Bole"):
        assert gaz.lookup(name) is None, name
    assert gaz.code("合作市") == "CN-623001" and gaz.code("英德市") == "CN-441881"
    assert gaz.code("芒") is None and gaz.code("芒市") == "CN-533103"  # one character: full name only
