"""Chinese wording of customs releases, Simplified and Traditional, beyond the seeds.

Each case is a sentence in the style of a customs or press release and the
observations a careful reader takes from it (reporter, partner, flow,
commodity-or-mode, period, amount, yoy %, share %).
"""

from __future__ import annotations

import pytest

from conftest import rounded, summary

H1 = "2024-01-01..2024-06-30"
CASES = [
    ("据海关统计，今年前5个月，广东省进出口3.46万亿元，同比增长13.6%。其中，出口2.19万亿元，增长9.4%；进口1.27万亿元，增长21.6%。", "2024-07-15", [
        ("CN-GD", None, "total", None, "2024-01-01..2024-05-31", 3.46e12, 13.6, None),
        ("CN-GD", None, "export", None, "2024-01-01..2024-05-31", 2.19e12, 9.4, None),
        ("CN-GD", None, "import", None, "2024-01-01..2024-05-31", 1.27e12, 21.6, None)]),
    ("1-8月，我国对东盟进出口4.5万亿元，增长10.5%，占我国外贸总值的15.3%。", "2024-09-10", [
        ("CN", "ASEAN", "total", None, "2024-01-01..2024-08-31", 4.5e12, 10.5, 15.3)]),
    ("一季度，山东省民营企业进出口5120.3亿元，增长6.3%，占全省外贸总值的73.5%。", "2024-04-20", [
        ("CN-SD", None, "total", "private_enterprise", "2024-01-01..2024-03-31", 5.1203e11, 6.3, 73.5)]),
    ("前10个月，深圳市出口汽车25.3万辆，增长1.2倍。", "2024-11-07", [
        ("CN-440300", None, "export", "automobile", "2024-01-01..2024-10-31", 253000, 120, None)]),
    ("前三季度，全国出口“新三样”产品8500亿元，同比下降2.5%。", "2024-10-14", [
        ("CN", None, "export", "new_three", "2024-01-01..2024-09-30", 8.5e11, -2.5, None)]),
    ("去年，我国进口原油5.53亿吨，减少1.9%；进口铁矿砂12.37亿吨，增加4.9%。", "2025-01-13", [
        ("CN", None, "import", "crude_oil", "2024-01-01..2024-12-31", 5.53e8, -1.9, None),
        ("CN", None, "import", "iron_ore", "2024-01-01..2024-12-31", 1.237e9, 4.9, None)]),
    ("7月份，我国出口1.8万亿元，增长6.5%；贸易顺差6161亿元，扩大18.6%。", "2024-08-08", [
        ("CN", None, "export", None, "2024-07-01..2024-07-31", 1.8e12, 6.5, None),
        ("CN", None, "balance", None, "2024-07-01..2024-07-31", 6.161e11, 18.6, None)]),
    ("以美元计，前7个月我国进出口3.5万亿美元，增长2.9%。", "2024-08-08", [
        ("CN", None, "total", None, "2024-01-01..2024-07-31", 3.5e12, 2.9, None)]),
    ("一季度，中美贸易额为1.05万亿元，下降1.2%。", "2024-04-12", [
        ("CN", "US", "total", None, "2024-01-01..2024-03-31", 1.05e12, -1.2, None)]),
    ("一季度，四川省对共建“一带一路”国家进出口1234.5亿元，增长8.9%；同期对RCEP其他成员国进出口800亿元。", "2024-04-12", [
        ("CN-SC", "BRI", "total", None, "2024-01-01..2024-03-31", 1.2345e11, 8.9, None),
        ("CN-SC", "RCEP", "total", None, "2024-01-01..2024-03-31", 8e10, None, None)]),
    ("一季度，重庆市加工贸易进出口900亿元，增长3%，一般贸易进出口1200亿元，下降4.1%。", "2024-04-12", [
        ("CN-CQ", None, "total", "processing_trade", "2024-01-01..2024-03-31", 9e10, 3, None),
        ("CN-CQ", None, "total", "general_trade", "2024-01-01..2024-03-31", 1.2e11, -4.1, None)]),
    ("前两个月，云南省对越南、老挝、缅甸分别进出口180亿元、50亿元和60亿元，分别增长20.1%、15.3%和-8.2%。", "2024-03-07", [
        ("CN-YN", "VN", "total", None, "2024-01-01..2024-02-29", 1.8e10, 20.1, None),
        ("CN-YN", "LA", "total", None, "2024-01-01..2024-02-29", 5e9, 15.3, None),
        ("CN-YN", "MM", "total", None, "2024-01-01..2024-02-29", 6e9, -8.2, None)]),
    ("前三季度，江苏进出口、出口、进口分别增长5%、6%、3.1%。", "2024-10-15", [
        ("CN-JS", None, "total", None, "2024-01-01..2024-09-30", None, 5, None),
        ("CN-JS", None, "export", None, "2024-01-01..2024-09-30", None, 6, None),
        ("CN-JS", None, "import", None, "2024-01-01..2024-09-30", None, 3.1, None)]),
    ("2022年，广西对东盟贸易逆差100亿元。", "2023-01-20", [
        ("CN-GX", "ASEAN", "balance", None, "2022-01-01..2022-12-31", -1e10, None, None)]),
    ("上半年，厦门市跨境电商出口120.5亿元，增长15%；市场采购出口80亿元，回落3.2%。", "2024-07-20", [
        ("CN-350200", None, "export", "cross_border_ecommerce", H1, 1.205e10, 15, None),
        ("CN-350200", None, "export", "market_procurement", H1, 8e9, -3.2, None)]),
    ("上半年，成都市外贸进出口3900亿元，其中对欧盟进出口600亿元，占比15.4%。", "2024-07-20", [
        ("CN-510100", None, "total", None, H1, 3.9e11, None, None),
        ("CN-510100", "EU", "total", None, H1, 6e10, None, 15.4)]),
    # Traditional Chinese and Hong Kong / Taiwan wording
    ("二〇二四年，廣東省進出口總值9.11萬億元，按年增長9.8%，其中對東協進出口1.9萬億元，增長12.3%。", "2025-02-10", [
        ("CN-GD", None, "total", None, "2024-01-01..2024-12-31", 9.11e12, 9.8, None),
        ("CN-GD", "ASEAN", "total", None, "2024-01-01..2024-12-31", 1.9e12, 12.3, None)]),
    ("今年首季，福建省出口電動汽車42.6億元，按年減少12.5%；鋰離子蓄電池出口31億元，增長8.8%。", "2024-04-25", [
        ("CN-FJ", None, "export", "electric_vehicle", "2024-01-01..2024-03-31", 4.26e9, -12.5, None),
        ("CN-FJ", None, "export", "lithium_battery", "2024-01-01..2024-03-31", 3.1e9, 8.8, None)]),
    ("1至9月，寧波市對美國出口1,523.6億元，同比增長7.2%，佔全市出口總值的18.1%。", "2024-10-20", [
        ("CN-330200", "US", "export", None, "2024-01-01..2024-09-30", 1.5236e11, 7.2, 18.1)]),
]


@pytest.mark.parametrize("text,date,expected", CASES, ids=[f"zh{i:02d}" for i in range(len(CASES))])
def test_release_sentences(extract, text: str, date: str, expected: list[tuple]) -> None:
    assert [summary(o) for o in extract(text, date)] == [rounded(e) for e in expected]


NOT_OBSERVATIONS = [
    "上半年，宁波舟山港完成集装箱吞吐量1800万标箱，增长8.5%。",
    "前三季度，全省实际使用外资500亿元，增长3.2%。",
    "预计全年全省进出口将达到8000亿元。",
    "上半年，湖南进出口增速高于全国平均水平5.5个百分点。",
    "上半年，中欧班列（西安）开行2800列，进出口货值增长20%。",
    "今年以来，全省对外贸易主体持续壮大，与全球200多个国家和地区有贸易往来。",
    "省商务厅安排外贸专项资金3亿元，支持企业开拓市场。",
]


@pytest.mark.parametrize("text", NOT_OBSERVATIONS, ids=[f"not{i:02d}" for i in range(len(NOT_OBSERVATIONS))])
def test_figures_that_are_not_trade_observations(extract, text: str) -> None:
    assert extract(text, "2024-07-15") == []


def test_subject_carries_to_the_next_sentence(extract) -> None:
    obs = extract("今年前11个月，河南省进出口7500亿元，增长5.3%。出口5000亿元，增长8%。7月18日郑州海关发布了上述数据。", "2024-12-20")
    assert [(o.reporter, o.flow, o.value) for o in obs] == [("CN-HA", "total", 7.5e11), ("CN-HA", "export", 5e11)]


def test_customs_office_is_not_the_reporter(extract) -> None:
    obs = extract("青岛海关统计，上半年山东省出口1.02万亿元，增长4.5%。", "2024-07-20")
    assert [o.reporter for o in obs] == ["CN-SD"]


def test_quote_and_offset_point_into_the_text(extract) -> None:
    (obs,) = extract("上半年，云南省进出口1200亿元，增长10%。", "2024-07-20")
    assert obs.quote == "上半年，云南省进出口1200亿元，增长10%。"


def test_the_national_customs_administration_makes_the_country_the_reporter(extract) -> None:
    text = ("（中央社台北12日電）中國大陸海關總署今天公布，以美元計價，今年首季出口8,077億美元，年增1.5%。"
            "單看3月，出口2,796.8億美元，年減7.5%。按地區看，首季對東協出口1,206.5億美元，年增4.8%。")
    obs = extract(text, "2024-04-12")
    assert [(o.reporter, o.partner, str(o.period.start), str(o.period.end), o.value) for o in obs] == [
        ("CN", None, "2024-01-01", "2024-03-31", 8.077e11),
        ("CN", None, "2024-03-01", "2024-03-31", 2.7968e11),   # 單看3月: an aside
        ("CN", "ASEAN", "2024-01-01", "2024-03-31", 1.2065e11),
    ]


def test_the_national_customs_administration_does_not_override_a_named_reporter(extract) -> None:
    obs = extract("据海关总署统计，今年一季度湖南省出口1000亿元，增长5%。", "2024-04-20")
    assert [o.reporter for o in obs] == ["CN-HN"]


def test_a_month_alone_does_not_become_the_current_period(extract) -> None:
    obs = extract("前5个月，浙江省出口1.5万亿元，增长8%。5月单月，出口3500亿元，增长10%。对美出口2000亿元，增长3%。", "2024-06-20")
    assert [(o.partner, str(o.period.start), str(o.period.end)) for o in obs] == [
        (None, "2024-01-01", "2024-05-31"), (None, "2024-05-01", "2024-05-31"), ("US", "2024-01-01", "2024-05-31")]


def test_a_plan_for_a_later_year_does_not_date_what_follows(extract) -> None:
    text = ("2025年，湖南省进出口5414.1亿元。2026年关税调整方案中，锂电池回收料被列入进口暂定税率商品清单。"
            "株洲进出口同比增长12%。")
    obs = extract(text, "2025-12-31")
    assert [(o.reporter, str(o.period.start)) for o in obs] == [("CN-HN", "2025-01-01"), ("CN-430200", "2025-01-01")]


def test_a_pronoun_for_the_same_reporter_keeps_the_partner(extract) -> None:
    obs = extract("上半年，深圳市进出口1.8万亿元。香港是全市最大贸易伙伴，贸易额3000亿元，下降8.1%。", "2024-07-20")
    assert [(o.reporter, o.partner, o.value) for o in obs][-1] == ("CN-440300", "HK", 3e11)


def test_a_trade_regime_names_trade_without_a_flow_word(extract) -> None:
    obs = extract("上半年，重庆市进出口3000亿元。加工贸易增长14.7%，占全市的一半。", "2024-07-20")
    assert [(o.mode, o.flow, o.yoy_pct) for o in obs][-1] == ("processing_trade", "total", 14.7)


def test_a_company_s_overseas_sales_are_not_exports(extract) -> None:
    assert extract("比亚迪一季度海外销量达7.2万辆，同比增长约1.5倍。", "2024-04-20") == []


def test_an_amount_written_with_ten_thousands_of_its_magnitude(extract) -> None:
    (obs,) = extract("前11个月，江苏省进出口2万3,716亿元，增长4.3%。", "2024-12-10")
    assert (obs.value, obs.as_written) == (2.3716e12, "2万3,716亿元")


def test_a_quantity_written_with_ten_thousands(extract) -> None:
    (obs,) = extract("今年前5月，中國累計出口稀土2萬3,716噸，年減3.7%。", "2025-06-20")
    assert (obs.commodity, obs.quantity.amount, obs.quantity.unit, obs.yoy_pct) == ("rare_earth", 23716, "tonne", -3.7)


def test_a_list_of_goods_added_up_is_their_group(extract) -> None:
    obs = extract("2023年，安徽省电动载人汽车、锂电池、太阳能电池合计出口1070.6亿元，增长64.3%。"
                  "机电产品、劳动密集型产品合计出口500亿元。", "2024-01-20")
    assert [(o.commodity, o.value, o.yoy_pct) for o in obs] == [("new_three", 1.0706e11, 64.3)]  # no common group


def test_hong_kong_first_three_quarters_and_a_section_opener(extract) -> None:
    text = ("海關總署廣東分署公布，2022年首三季廣東外貿進出口6.13兆元，按年增長0.8%。"
            "分區域看，佛山進出口4,912.6億元，按年上升3.6%。從市場看，廣東對東南亞國家聯盟進出口9,468.3億元，按年升7.3%。")
    obs = extract(text, "2022-10-25")
    assert [(o.reporter, o.partner, str(o.period.end), o.yoy_pct) for o in obs] == [
        ("CN-GD", None, "2022-09-30", 0.8), ("CN-440600", None, "2022-09-30", 3.6), ("CN-GD", "ASEAN", "2022-09-30", 7.3)]


def test_one_to_three_quarters_and_a_whole_year_published_in_january(extract) -> None:
    assert [str(o.period.end) for o in extract("一至三季度，河北省外贸进出口3,456.7亿元，增长4.1%。", "2019-10-22")] == ["2019-09-30"]
    assert [str(o.period.end) for o in extract("全年吉林省进口煤炭312.4万吨，增长26.9%。", "2023-01-19")] == ["2022-12-31"]


def test_chinese_numerals_with_ten_thousands(extract) -> None:
    (obs,) = extract("今年前5个月，合肥市出口汽车六万八千辆，增长50%。", "2023-06-10")
    assert obs.quantity.amount == 68000


def test_retail_sales_are_not_trade(extract) -> None:
    assert extract("2023年，北京市社会消费品零售总额下降7.2%。", "2024-01-20") == []


def test_a_multiple_of_last_year_s_figure_is_a_change(extract) -> None:
    (obs,) = extract("今年前5个月，合肥出口汽车六万八千辆，是去年同期的3.1倍。", "2023-06-10")
    assert (obs.quantity.amount, obs.yoy_pct) == (68000, 210)


def test_county_level_city_reports_with_its_own_code(extract) -> None:
    text = ("记者从义乌海关获悉，1-10月，义乌市进出口总值5,821.3亿元，同比增长18.6%。"
            "年初以来，义乌以市场采购贸易方式出口3,968.2亿元，增长16.3%，占全市出口总值的77.8%。"
            "同期，全省进出口4.5万亿元，增长6%。")
    assert [summary(o) for o in extract(text, "2024-11-22")] == [rounded(r) for r in [
        ("CN-330782", None, "total", None, "2024-01-01..2024-10-31", 5.8213e11, 18.6, None),
        ("CN-330782", None, "export", "market_procurement", "2024-01-01..2024-10-31", 3.9682e11, 16.3, 77.8),
        ("CN-ZJ", None, "total", None, "2024-01-01..2024-10-31", 4.5e12, 6, None)]]


def test_city_wide_after_a_county_level_city_means_that_city(extract) -> None:
    obs = extract("上半年，昆山进出口4200亿元，增长3%。全市出口2600亿元，增长5%。", "2024-07-20")
    assert [(o.reporter, o.flow) for o in obs] == [("CN-320583", "total"), ("CN-320583", "export")]


def test_a_prefecture_keeps_its_name_beside_its_county_level_city(extract) -> None:
    obs = extract("前三季度，恩施州进出口50亿元，增长12%。", "2024-10-20")
    assert [o.reporter for o in obs] == ["CN-422800"]


@pytest.mark.parametrize("text,reporter", [
    ("上半年，广西深化经贸合作，进出口3200亿元，增长4%。", "CN-GX"),                # 合作 is cooperation
    ("上半年，面向东方市场，广西进出口3200亿元，增长4%。", "CN-GX"),              # 东方 is the East
    ("上半年，广西临海产业进出口3200亿元，增长4%。", "CN-GX"),                    # 临海 is by the sea
    ("上半年，北京进出口撑起大半壁江山，进出口3200亿元，增长4%。", "CN-BJ"),       # 江山 is a realm
    ("上半年，郑州新郑综合保税区进出口3200亿元，增长4%。", "CN-410100"),           # the zone of Zhengzhou
])
def test_county_city_short_names_in_ordinary_text_are_not_places(extract, text: str, reporter: str) -> None:
    assert {o.reporter for o in extract(text, "2024-07-20")} == {reporter}


def test_the_same_period_last_year_is_a_period_of_its_own(extract) -> None:
    text = "一季度，赣州市进出口总值315.2亿元，同比增长12.4%。去年同期，赣州市进出口总值为280.4亿元。"
    assert [summary(o) for o in extract(text, "2021-04-20")] == [
        rounded(("CN-360700", None, "total", None, "2021-01-01..2021-03-31", 3.152e10, 12.4, None)),
        rounded(("CN-360700", None, "total", None, "2020-01-01..2020-03-31", 2.804e10, None, None))]


def test_the_same_period_last_year_as_a_yardstick_dates_nothing(extract) -> None:
    text = "上半年，广西进出口3,260.8亿元，增速高于去年同期2.1个百分点，其中出口1,702.5亿元，增长9.6%。"
    assert {str(o.period.start) for o in extract(text, "2023-07-20")} == {"2023-01-01"}


def test_a_headline_bound_yields_to_the_exact_figure(extract) -> None:
    text = "泉州前三季度出口突破两千亿元\n前三季度，泉州市出口2,016.4亿元，增长6.2%。"
    (obs,) = extract(text, "2022-10-25")
    assert (obs.value, obs.yoy_pct, obs.quote) == (2.0164e11, 6.2, "前三季度，泉州市出口2,016.4亿元，增长6.2%。")


def test_a_bound_alone_is_the_figure(extract) -> None:
    (obs,) = extract("今年前三季度，钦州市对东盟进出口超过500亿元。", "2023-10-25")
    assert (obs.partner, obs.value) == ("ASEAN", 5e10)


def test_a_paragraph_without_a_subject_is_about_the_text_s_reporter(extract) -> None:
    text = ("1-8月，四川省进出口6,412.3亿元，增长3.2%。\n\n成都市进出口5,506.1亿元，增长2.9%。\n\n"
            "机电产品出口2,810.7亿元，增长1.4%。")
    assert [o.reporter for o in extract(text, "2023-09-20")] == ["CN-SC", "CN-510100", "CN-SC"]


def test_a_sentence_broken_over_two_lines_keeps_its_subject(extract) -> None:
    text = "前三季度，江西省进出口4,210.9亿元。南昌市进出口1,180.5亿元，\n占全省进出口总值的28%。"
    assert [(o.reporter, o.share_pct) for o in extract(text, "2023-10-20")][-1] == ("CN-360100", 28.0)


def test_fan_yi_fan_is_a_hundred_percent_rise(extract) -> None:
    (obs,) = extract("前三季度，海南省锂电池出口额翻了一番。", "2023-10-20")
    assert (obs.reporter, obs.commodity, obs.yoy_pct) == ("CN-HI", "lithium_battery", 100.0)


def test_a_narrowing_surplus_is_a_decline(extract) -> None:
    (obs,) = extract("2019年，我国贸易顺差2.92万亿元，收窄3.6%。", "2020-01-14")
    assert (obs.flow, obs.value, obs.yoy_pct) == ("balance", 2.92e12, -3.6)


def test_growth_by_one_times_in_chinese_numerals(extract) -> None:
    (obs,) = extract("一季度，乌鲁木齐市跨境电商进出口5.2亿元，同比增长一倍。", "2022-04-20")
    assert (obs.mode, obs.yoy_pct) == ("cross_border_ecommerce", 100.0)


def test_a_city_name_before_market_procurement(extract) -> None:
    (obs,) = extract("前5个月，义乌市场采购贸易方式出口1,532.6亿元，增长15.4%。", "2024-06-20")
    assert (obs.reporter, obs.mode, obs.value) == ("CN-330782", "market_procurement", 1.5326e11)


def test_a_rank_in_the_province_is_no_new_subject(extract) -> None:
    (obs,) = extract("前三季度，桂林市外贸进出口160.2亿元，增长8.4%，规模居全区第4位，占全区进出口总值的3.1%。", "2023-10-25")
    assert (obs.reporter, obs.share_pct) == ("CN-450300", 3.1)


def test_the_share_of_two_partners_added_up_belongs_to_neither(extract) -> None:
    text = "前三季度，黑龙江对俄罗斯进出口1,650.2亿元，增长12.6%，对蒙古国进出口20.1亿元，两者合计占全省外贸总值的72.4%。"
    assert [(o.partner, o.share_pct) for o in extract(text, "2023-10-25")] == [("RU", None), ("MN", None)]


def test_a_bonded_port_area_is_a_customs_zone(extract) -> None:
    (obs,) = extract("上半年，上海洋山保税港区进出口1,210.6亿元，增长5.5%。", "2022-07-20")
    assert obs.mode == "bonded_port_area"


def test_this_year_alone_is_no_period(extract) -> None:
    text = "2026年首两个月，广东外贸进出口1.38万亿元，增长4.2%。由于今年春节较晚，部分企业提早在1月出货。\n深圳进出口6,512.3亿元，增长5.5%。"
    assert {(str(o.period.start), str(o.period.end)) for o in extract(text, "2026-03-10")} == {("2026-01-01", "2026-02-28")}


def test_the_month_of_a_month_on_month_comparison_does_not_carry(extract) -> None:
    text = "前两个月，广东外贸进出口1.38万亿元，增长4.2%。按月计，2月进出口较1月明显回落。对东盟进出口2,214.9亿元，增长9.6%。"
    assert [str(o.period.end) for o in extract(text, "2026-03-10")] == ["2026-02-28", "2026-02-28"]


def test_a_goal_in_the_same_clause_is_not_a_statistic(extract) -> None:
    text = "一季度，广东外贸进出口1.9万亿元，增长4.2%。省商务厅提出全年外贸增长3%左右的目标。"
    assert [o.yoy_pct for o in extract(text, "2026-04-20")] == [4.2]


def test_this_trade_mode_goes_on_about_the_last_one(extract) -> None:
    text = "前三季度，珠海市一般贸易进出口1,203.8亿元，占全市外贸总值的52.1%。这一贸易方式同比增长31.6%。"
    (obs,) = extract(text, "2021-10-25")
    assert (obs.mode, obs.value, obs.yoy_pct, obs.share_pct) == ("general_trade", 1.2038e11, 31.6, 52.1)


def test_a_quoted_epithet_before_a_city(extract) -> None:
    text = "前两个月，广东外贸进出口1.38万亿元。“外贸第一城”深圳进出口6,512.3亿元，增长5.5%。"
    assert [o.reporter for o in extract(text, "2026-03-10")] == ["CN-GD", "CN-440300"]


def test_hong_kong_s_statistics_office_makes_hong_kong_the_reporter(extract) -> None:
    text = ("政府統計處昨日公布，今年5月份整體出口貨值為4,185億港元，按年上升15.3%；有形貿易逆差335億港元。"
            "5月份輸往內地的整體出口按年上升18.9%。")
    assert [summary(o) for o in extract(text, "2025-06-26")] == [
        rounded(("HK", None, "export", None, "2025-05-01..2025-05-31", 4.185e11, 15.3, None)),
        rounded(("HK", None, "balance", None, "2025-05-01..2025-05-31", -3.35e10, None, None)),
        rounded(("HK", "CN", "export", None, "2025-05-01..2025-05-31", None, 18.9, None))]


def test_exports_and_imports_listed_after_a_deficit_are_positive(extract) -> None:
    text = "政府统计处公布，今年首5个月录得有形贸易逆差1,367亿港元，出口及进口货值分别为19,876亿港元及21,243亿港元。"
    assert [(o.flow, o.value) for o in extract(text, "2025-06-26")] == [
        ("balance", -1.367e11), ("export", 1.9876e12), ("import", 2.1243e12)]


def test_trillions_and_hundred_millions_in_one_figure(extract) -> None:
    (obs,) = extract("2018年福建省外貿進出口總值達1兆2,354億元人民幣，年增8.6%。", "2019-01-20")
    assert obs.value == 1.2354e12


def test_qizhong_without_a_flow_lists_parts_of_the_last_whole(extract) -> None:
    text = ("今年前7个月，我国出口机电产品8.5万亿元，增长8.4%。"
            "其中，自动数据处理设备及其零部件7,495.9亿元，增长11.3%；集成电路6,409亿元，增长25.8%。")
    assert [(o.flow, o.commodity, o.value) for o in extract(text, "2024-08-07")] == [
        ("export", "mechanical_electrical", 8.5e12), ("export", "computers", 7.4959e11), ("export", "integrated_circuit", 6.409e11)]


def test_policy_caps_are_no_figures(extract) -> None:
    text = "一季度，长沙跨境电商进出口52.1亿元。其中，对省级跨境电商产业园运营机构最高支持可达500万元。"
    assert [o.value for o in extract(text, "2025-04-20")] == [5.21e9]


def test_taiwan_media_call_the_mainland_da_lu(extract) -> None:
    text = "路透社報導，大陸7月出口按年增長7%，勝市場預期；進口按年增長7.2%。7月貿易順差846.5億美元，6月為990.5億美元。"
    assert [(o.reporter, o.flow, str(o.period.end), o.value, o.yoy_pct) for o in extract(text, "2024-08-08")] == [
        ("CN", "export", "2024-07-31", None, 7.0), ("CN", "import", "2024-07-31", None, 7.2),
        ("CN", "balance", "2024-07-31", 8.465e10, None), ("CN", "balance", "2024-06-30", 9.905e10, None)]


def test_qizhong_goes_on_in_the_period_of_the_figure_before(extract) -> None:
    text = "2020年，我国进出口32.16万亿元，增长1.9%。12月当月，我国进出口3.21万亿元，增长5.7%。其中，出口1.95万亿元，增长10.9%。"
    assert [str(o.period.start) for o in extract(text, "2021-01-14")] == ["2020-01-01", "2020-12-01", "2020-12-01"]


def test_a_yardstick_period_after_the_figure_does_not_date_the_next_sentence(extract) -> None:
    text = "今年前三季度，福建省外贸进出口7565.2亿元，下降3.6%，降幅较上半年收窄1.9个百分点。其中，出口4572.6亿元，下降5.1%。"
    assert [str(o.period.end) for o in extract(text, "2016-10-25")] == ["2016-09-30", "2016-09-30"]


def test_a_headline_space_separates_its_clauses(extract) -> None:
    text = "辽宁首季外贸进出口1813.6亿元 沈阳增长12.3%\n今年首季，辽宁省进出口总值1813.6亿元，增长2.7%。"
    assert [(o.reporter, o.yoy_pct) for o in extract(text, "2024-04-20")] == [("CN-LN", 2.7), ("CN-210100", 12.3)]


def test_a_partner_overtaken_is_a_yardstick_and_both_sides_is_the_partner(extract) -> None:
    text = "2019年，东盟首度超越美国成为我国第二大贸易伙伴，双方贸易额6415亿美元，增长9.2%。"
    (obs,) = extract(text, "2020-01-14")
    assert (obs.partner, obs.value) == ("ASEAN", 6.415e11)


def test_border_residents_trade_is_not_border_small_scale_trade(extract) -> None:
    text = "一季度，崇左市边境小额贸易进出口187.2亿元，增长9.4%；边民互市贸易进出口43.8亿元，下降7.2%。"
    assert [o.mode for o in extract(text, "2024-04-20")] == ["border_small_trade", "border_resident_trade"]


def test_an_estimate_is_no_statistic(extract) -> None:
    text = "前7个月，云南外贸进出口1288.6亿元，增长9.6%。昆明海关预估，全年云南外贸可望突破2300亿元。"
    assert [o.value for o in extract(text, "2025-08-20")] == [1.2886e11]


def test_the_title_s_city_is_the_text_s_reporter_for_quanshi(extract) -> None:
    text = ("嘉兴去年外贸进出口首破2700亿元\n据统计，去年，我市实现进出口总值2738.6亿元，增长12.3%。同期，全省进出口2.85万亿元。\n"
            "12月份，全市进出口251.7亿元，同比增长3.6%。")
    assert [o.reporter for o in extract(text, "2019-01-23")] == ["CN-330400", "CN-ZJ", "CN-330400"]


def test_the_title_s_most_specific_reporter_is_the_text_s(extract) -> None:
    text = "大陸山西上半年進出口年增26.5%\n山西省今年上半年進出口總值531.8億元人民幣，年增26.5%。\n商品方面，出口焦炭121.4萬噸，年增46.2%。"
    assert [o.reporter for o in extract(text, "2017-07-21")] == ["CN-SX", "CN-SX"]


def test_wo_sheng_after_a_customs_district_is_its_province(extract) -> None:
    text = "据武汉海关统计，一季度，我省外贸进出口1481.5亿元，同比增长9.8%。\n\n分地市看，武汉市进出口880.4亿元。\n\n对东盟进出口236.4亿元，增长19.7%。"
    assert [o.reporter for o in extract(text, "2024-04-22")] == ["CN-HB", "CN-420100", "CN-HB"]


def test_the_body_s_first_reporter_outranks_a_city_in_the_title(extract) -> None:
    text = ("浙首4個月出口增逾四成 義烏市場採購旺\n\n今年首4個月浙江省進出口1.29萬億元人民幣，按年增長41.5%。\n\n"
            "義烏進出口1198.7億元，增長33.4%。\n\n民營企業進出口9546.8億元，增長46.7%。")
    assert [o.reporter for o in extract(text, "2021-05-20")] == ["CN-ZJ", "CN-330782", "CN-ZJ"]


def test_a_city_and_others_is_no_reporter(extract) -> None:
    text = "2017年，江西省出口稀土产品增长10%。赣州等地的稀土产业同样活跃，全年出口稀土5863吨，增长12.4%。"
    assert {o.reporter for o in extract(text, "2018-01-25")} == {"CN-JX"}


def test_a_statistical_bulletin_s_trade_section(extract) -> None:
    text = ("洛阳市2023年国民经济和社会发展统计公报\n\n全年全市地区生产总值5481.9亿元，比上年增长3.6%。\n\n四、对外经济\n\n"
            "全年货物进出口总额312.6亿元，比上年增长8.4%。进出口差额（出口减进口）131.2亿元，比上年增加22.3亿元。"
            "钼及钼制品出口26.3亿元，增长4.6%；轮胎出口1865.3万条，增长18.9%。")
    assert [summary(o)[:4] + summary(o)[5:7] for o in extract(text, "2024-03-29")] == [
        rounded(("CN-410300", None, "total", None, 3.126e10, 8.4)), rounded(("CN-410300", None, "balance", None, 1.312e10, None)),
        rounded(("CN-410300", None, "export", "molybdenum", 2.63e9, 4.6)),
        rounded(("CN-410300", None, "export", "tire", 18653000, 18.9))]


def test_di_san_ji_without_du(extract) -> None:
    text = "2021年前三季，山東省進出口2.1萬億元。第三季，該省進出口7,623.5億元，按年增長27.4%。"
    assert [str(o.period.start) for o in extract(text, "2021-10-20")] == ["2021-01-01", "2021-07-01"]


def test_a_caption_s_place_does_not_override_the_customs_administration(extract) -> None:
    text = "圖為山東青島港貨櫃碼頭。\n\n（中央社台北7日電）中國大陸海關總署今天公布，以美元計價，7月出口年增19.3%。"
    assert [o.reporter for o in extract(text, "2021-08-07")] == ["CN"]


def test_a_rate_compared_with_is_its_own_month_s(extract) -> None:
    text = "中國大陸海關總署公布，陸8月出口1,906億美元，年減2.8%，減幅較7月的4.4%收窄；進口年增28.1%，較上月的36.7%放緩。"
    assert [(o.flow, str(o.period.start), o.yoy_pct) for o in extract(text, "2016-09-08")] == [
        ("export", "2016-08-01", -2.8), ("export", "2016-07-01", -4.4), ("import", "2016-08-01", 28.1), ("import", "2016-07-01", 36.7)]


def test_a_rate_compared_with_does_not_date_the_figures_after_it(extract) -> None:
    text = "7月，我国出口增长19.3%，低于6月的32.2%；进口增长28.1%。"
    assert [(o.flow, str(o.period.start)) for o in extract(text, "2021-08-07")] == [
        ("export", "2021-07-01"), ("export", "2021-06-01"), ("import", "2021-07-01")]


def test_a_goal_named_before_its_figure(extract) -> None:
    text = "2024年，重慶外貿進出口7,118.3億元，增長3.2%。重慶今年的目標是全年外貿進出口突破7,000億元。"
    assert [o.value for o in extract(text, "2025-01-20")] == [7.1183e11]


def test_a_narrowing_decline_to_a_rate_and_metric_tonnes(extract) -> None:
    text = "單計8月，江西全省進出口428.6億元，降幅收窄至3.7%。11月原油進口量為4,651萬公噸，年增10.9%。"
    got = [(o.commodity, o.value, o.quantity.amount if o.quantity else None, o.yoy_pct) for o in extract(text, "2023-12-10")]
    assert got == [(None, 4.286e10, None, -3.7), ("crude_oil", None, 46510000.0, 10.9)]


def test_a_change_from_a_named_month_is_month_on_month(extract) -> None:
    (obs,) = extract("9月，我国稀土出口量为4,000.3吨，较8月减少31%，同比增长8.6%。", "2025-10-15")
    assert (obs.quantity.amount, obs.yoy_pct) == (4000.3, 8.6)
