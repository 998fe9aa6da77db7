"""English wording (China Daily / Xinhua style), beyond the seeds."""

from __future__ import annotations

import pytest

from conftest import rounded, summary

CASES = [
    ("China's exports rose 2.4 percent year-on-year in September, while imports increased 0.3 percent.", "2024-10-15", [
        ("CN", None, "export", None, "2024-09-01..2024-09-30", None, 2.4, None),
        ("CN", None, "import", None, "2024-09-01..2024-09-30", None, 0.3, None)]),
    ("In the first nine months, Guangdong's foreign trade reached 6.8 trillion yuan, up 4.3 percent year-on-year, "
     "with exports of 4.5 trillion yuan and imports of 2.3 trillion yuan.", "2024-10-20", [
        ("CN-GD", None, "total", None, "2024-01-01..2024-09-30", 6.8e12, 4.3, None),
        ("CN-GD", None, "export", None, "2024-01-01..2024-09-30", 4.5e12, None, None),
        ("CN-GD", None, "import", None, "2024-01-01..2024-09-30", 2.3e12, None, None)]),
    ("In the first 11 months, China's trade with ASEAN totaled 6.29 trillion yuan, up 8.8 percent, "
     "accounting for 15.9 percent of its total foreign trade.", "2024-12-10", [
        ("CN", "ASEAN", "total", None, "2024-01-01..2024-11-30", 6.29e12, 8.8, 15.9)]),
    ("China's exports to the United States fell 3.1% to US$480 billion in January-November, "
     "while imports from the US dropped 5.2%.", "2024-12-10", [
        ("CN", "US", "export", None, "2024-01-01..2024-11-30", 4.8e11, -3.1, None),
        ("CN", "US", "import", None, "2024-01-01..2024-11-30", None, -5.2, None)]),
    ("Exports of electric vehicles from Shaanxi surged 35.6 percent to 20.1 billion yuan in the first 11 months.", "2024-12-10", [
        ("CN-SN", None, "export", "electric_vehicle", "2024-01-01..2024-11-30", 2.01e10, 35.6, None)]),
    ("Jiangsu's imports of integrated circuits declined 4.2 percent in the first quarter of 2024.", "2024-04-20", [
        ("CN-JS", None, "import", "integrated_circuit", "2024-01-01..2024-03-31", None, -4.2, None)]),
    ("China posted a trade surplus of US$823 billion in 2023.", "2024-01-12", [
        ("CN", None, "balance", None, "2023-01-01..2023-12-31", 8.23e11, None, None)]),
]


@pytest.mark.parametrize("text,date,expected", CASES, ids=[f"en{i:02d}" for i in range(len(CASES))])
def test_english_release_sentences(extract, text: str, date: str, expected: list[tuple]) -> None:
    assert [summary(o) for o in extract(text, date)] == [rounded(e) for e in expected]


def test_respectively_pairs_partners_with_values(extract) -> None:
    text = ("ASEAN, the European Union and Japan were Shandong's top three trading partners in the first half, "
            "with trade values of 180.2 billion yuan, 120.5 billion yuan and 80 billion yuan, respectively.")
    got = [(o.partner, o.value) for o in extract(text, "2024-07-20")]
    assert got == [("ASEAN", 1.802e11), ("EU", 1.205e11), ("JP", 8e10)]


@pytest.mark.parametrize("text", [
    "Qingdao port handled 15 million TEUs in the first half, up 7 percent.",
    "Foreign direct investment in Sichuan rose 12 percent to 5 billion US dollars in 2023.",
    "Exports are expected to grow 5 percent in 2025.",
    "Hunan's growth rate was 5.5 percentage points higher than the national average in the first half.",
])
def test_figures_that_are_not_trade_observations(extract, text: str) -> None:
    assert extract(text, "2024-07-15") == []


def test_a_month_alone_is_an_aside_and_the_customs_administration_names_the_country(extract) -> None:
    text = ("China's foreign trade rose 2.4 percent to 14.14 trillion yuan in the first four months of 2025, "
            "the General Administration of Customs said. In April alone, exports rebounded 8.1 percent to 315.69 "
            "billion US dollars. Trade with the United States dropped 2.1 percent to 1.35 trillion yuan.")
    obs = extract(text, "2025-05-09")
    assert [(o.reporter, o.partner, o.flow, str(o.period.start), str(o.period.end), o.yoy_pct) for o in obs] == [
        ("CN", None, "total", "2025-01-01", "2025-04-30", 2.4),
        ("CN", None, "export", "2025-04-01", "2025-04-30", 8.1),
        ("CN", "US", "total", "2025-01-01", "2025-04-30", -2.1),
    ]


def test_a_look_back_to_an_earlier_year_does_not_date_what_follows(extract) -> None:
    text = ("Chongqing's foreign trade hit 800.08 billion yuan in 2021, up 22.8 percent. In 2020, the municipality's "
            "foreign trade had totaled 651.3 billion yuan. Trade with ASEAN reached 129.7 billion yuan.")
    obs = extract(text, "2022-01-24")
    assert [(o.partner, o.period.start.year) for o in obs] == [(None, 2021), (None, 2020), ("ASEAN", 2021)]


def test_their_goes_on_about_the_last_sentence_s_subject(extract) -> None:
    text = ("In the first half, Guangdong's foreign trade rose 5 percent to 4.3 trillion yuan. Private enterprises "
            "exported 1.9 trillion yuan, up 10 percent. Their imports fell 3 percent to 700 billion yuan.")
    obs = extract(text, "2024-07-15")
    assert [(o.flow, o.mode, o.value) for o in obs][1:] == [("export", "private_enterprise", 1.9e12),
                                                            ("import", "private_enterprise", 7e11)]


@pytest.mark.parametrize("text", ["But in May 2024, exports to the EU fell 16 per cent year on year.",
                                  "In May, exports to the EU fell 16 per cent year on year."])
def test_may_is_a_month_after_a_preposition_or_before_a_year(extract, text: str) -> None:
    obs = extract("China's exports rose 3 percent in the first half. " + text + " Exports may rise 5 percent.",
                  "2024-07-10")
    assert [(o.partner, str(o.period.start), str(o.period.end)) for o in obs][1:] == [("EU", "2024-05-01", "2024-05-31")]


def test_a_city_named_with_its_province_is_one_place_and_the_city_s_means_it(extract) -> None:
    text = ("Jinhua's exports rose 10 percent to 300 billion yuan in the first 10 months. In Quanzhou, Fujian "
            "province, labor-intensive products made up 62.4 percent of the city's exports. But exports to the "
            "United States fell 11.2 percent.")
    obs = extract(text, "2019-11-20")
    assert [(o.reporter, o.partner, o.commodity, o.share_pct, o.yoy_pct) for o in obs][1:] == [
        ("CN-350500", None, "labor_intensive", 62.4, None), ("CN-350500", "US", None, None, -11.2)]


def test_a_wire_dateline_city_is_not_the_reporter(extract) -> None:
    text = "BEIJING (Reuters) - China's exports rose 5.4 percent in November. Imports grew just 3.0 percent."
    assert [(o.reporter, o.flow) for o in extract(text, "2018-12-08")] == [("CN", "export"), ("CN", "import")]


def test_base_verbs_after_saw_and_retail_sales(extract) -> None:
    text = ("Northwest China's Gansu saw imports and exports climb 16.7 percent to 67.2 billion yuan in 2023. "
            "Meanwhile, Beijing's retail sales of consumer goods fell 7.2 percent.")
    assert [(o.reporter, o.yoy_pct) for o in extract(text, "2024-01-20")] == [("CN-GS", 16.7)]


def test_balances_narrow_and_widen_and_the_economy_is_not_trade(extract) -> None:
    text = ("For the first 11 months, China's overall surplus narrowed 19.4 percent year-on-year to $351.76 billion. "
            "Its agricultural exports rose 21.4 percent to 4.1 billion yuan. "
            "China's economy grew 6.5 percent in the third quarter.")
    assert [(o.flow, o.commodity, o.yoy_pct) for o in extract(text, "2018-12-08")] == [
        ("balance", None, -19.4), ("export", "agricultural", 21.4)]


def test_county_level_cities_report_with_their_own_codes(extract) -> None:
    text = ("Yiwu's exports rose 17.2 percent to 510.35 billion yuan in the first 10 months. "
            "Kunshan's imports and exports reached 420 billion yuan in the first half, up 3 percent, "
            "and the city's exports grew 5 percent to 260 billion yuan.")
    assert [summary(o) for o in extract(text, "2024-11-22")] == [rounded(r) for r in [
        ("CN-330782", None, "export", None, "2024-01-01..2024-10-31", 5.1035e11, 17.2, None),
        ("CN-320583", None, "total", None, "2024-01-01..2024-06-30", 4.2e11, 3, None),
        ("CN-320583", None, "export", None, "2024-01-01..2024-06-30", 2.6e11, 5, None)]]


def test_a_market_named_after_a_county_level_city_is_not_the_subject(extract) -> None:
    obs = extract("Jinhua in Zhejiang province, home to the Yiwu wholesale market, exported goods worth "
                  "331.2 billion yuan in January through October, up 19.6 percent year-on-year.", "2019-11-26")
    assert [(o.reporter, o.flow, o.value) for o in obs] == [("CN-330700", "export", 3.312e11)]


def test_a_figure_compared_with_is_an_observation_of_its_own_period(extract) -> None:
    text = ("Exports from Fujian rose 6.2 percent in November. That left the province with a trade surplus of "
            "$4.1 billion for the month, up from $3.6 billion in October.")
    assert [summary(o) for o in extract(text, "2019-12-10")] == [
        rounded(("CN-FJ", None, "export", None, "2019-11-01..2019-11-30", None, 6.2, None)),
        rounded(("CN-FJ", None, "balance", None, "2019-11-01..2019-11-30", 4.1e9, None, None)),
        rounded(("CN-FJ", None, "balance", None, "2019-10-01..2019-10-31", 3.6e9, None, None))]


def test_a_figure_a_year_earlier_is_the_same_period_last_year(extract) -> None:
    text = "Yunnan's exports to ASEAN reached 58.2 billion yuan in the first half, compared with 49.5 billion yuan a year earlier."
    assert [(str(o.period.start), str(o.period.end), o.value) for o in extract(text, "2022-07-25")] == [
        ("2022-01-01", "2022-06-30", 5.82e10), ("2021-01-01", "2021-06-30", 4.95e10)]


def test_a_figure_compared_with_and_no_period_of_its_own_is_dropped(extract) -> None:
    obs = extract("In the first half, Heilongjiang's trade with Russia rose to 120.3 billion yuan from 98.7 billion yuan.", "2023-07-20")
    assert [o.value for o in obs] == [1.203e11]


def test_the_same_six_months_is_the_first_half(extract) -> None:
    text = ("China's exports grew 3.6 percent in the first half of 2024. In Liuzhou, car exports jumped 62 percent "
            "in January-May, the city said.\n\nExports of auto parts rose 5.3 percent to $45.8 billion over the same six months.")
    last = extract(text, "2024-07-20")[-1]
    assert (last.reporter, str(last.period.end), last.value) == ("CN", "2024-06-30", 4.58e10)


def test_doubled_is_a_hundred_percent_rise(extract) -> None:
    (obs,) = extract("In the first three quarters, Chongqing's exports of laptops doubled from a year earlier.", "2021-10-20")
    assert (obs.reporter, obs.commodity, obs.yoy_pct) == ("CN-CQ", "computers", 100.0)


def test_a_possessive_with_its_noun_left_out_is_the_flow_just_spoken_of(extract) -> None:
    text = ("In 2023, Gansu's foreign trade expanded 8.1 percent to 49.1 billion yuan. Xinjiang's surged 45.9 percent "
            "to 357.3 billion yuan, and its exports of electric vehicles reached 12.4 billion yuan.")
    assert [summary(o)[:3] + summary(o)[5:7] for o in extract(text, "2024-01-25")] == [
        rounded(("CN-GS", None, "total", 4.91e10, 8.1)), rounded(("CN-XJ", None, "total", 3.573e11, 45.9)),
        rounded(("CN-XJ", None, "export", 1.24e10, None))]


def test_a_city_contributing_adds_to_the_whole_under_discussion(extract) -> None:
    text = ("Shaanxi's foreign trade reached 350.2 billion yuan in the first half. Exports of solar cells rose 12 percent. "
            "The provincial capital Xi'an contributed 280.1 billion yuan, or 80 percent of the total.")
    last = extract(text, "2023-07-20")[-1]
    assert (last.reporter, last.flow, last.value, last.share_pct) == ("CN-610100", "total", 2.801e11, 80.0)


def test_that_followed_goes_on_about_the_last_subject_in_another_period(extract) -> None:
    text = "Jiangsu's exports rose 8.5 percent in the first half. That followed a 6.2 percent expansion in Q1."
    assert [(o.reporter, o.flow, str(o.period.end), o.yoy_pct) for o in extract(text, "2022-07-20")] == [
        ("CN-JS", "export", "2022-06-30", 8.5), ("CN-JS", "export", "2022-03-31", 6.2)]


def test_a_quarter_named_in_one_paragraph_does_not_date_the_next(extract) -> None:
    text = ("Xiamen's foreign trade reached 702.3 billion yuan in the first three quarters, up 8.2 percent.\n\n"
            "In Q3, the city's foreign trade rose 6.1 percent to 241.5 billion yuan.\n\n"
            "Exports of electromechanical products rose 9.4 percent to 203.7 billion yuan.")
    assert [str(o.period.start) for o in extract(text, "2023-10-20")] == ["2023-01-01", "2023-07-01", "2023-01-01"]


def test_a_place_in_an_aside_is_not_the_subject(extract) -> None:
    text = "In the first half, Jiangxi's exports of rare earths, mainly from the southern city of Ganzhou, rose 3.2 percent."
    (obs,) = extract(text, "2022-07-20")
    assert (obs.reporter, obs.commodity, obs.yoy_pct) == ("CN-JX", "rare_earth", 3.2)


def test_the_bloc_is_the_partner_just_named(extract) -> None:
    text = ("In the first 10 months, Nanning's foreign trade reached 79.3 billion yuan. ASEAN remained the city's largest "
            "trading partner. Trade with the bloc grew 33.4 percent to 35.7 billion yuan.")
    assert (extract(text, "2019-11-20")[-1].partner) == "ASEAN"


def test_the_figure_goes_on_about_the_last_observation(extract) -> None:
    text = ("In the first 10 months, Nanning's imports and exports totaled 79.25 billion yuan, up 21.3 percent. "
            "The figure accounted for 20.9 percent of Guangxi's total.")
    (obs,) = extract(text, "2019-11-20")
    assert (obs.reporter, obs.value, obs.share_pct) == ("CN-450100", 7.925e10, 20.9)


def test_times_that_of_the_same_period_last_year(extract) -> None:
    text = "In the first half, Kunming's cross-border e-commerce trade reached 1.3 billion yuan, 2.1 times that of the same period last year."
    (obs,) = extract(text, "2021-07-20")
    assert round(obs.yoy_pct, 6) == 110.0


def test_a_target_is_not_a_statistic(extract) -> None:
    text = "Tianjin's foreign trade grew 4.1 percent in the first half. The city set a target of 5 percent growth for foreign trade."
    assert [o.yoy_pct for o in extract(text, "2024-07-20")] == [4.1]


def test_an_apposition_with_a_pronoun_keeps_the_city(extract) -> None:
    text = ("In the first half, Inner Mongolia's foreign trade rose 9.1 percent. Among cities, Baotou, the region's "
            "industrial hub, saw imports and exports of 10.68 billion yuan, up 15.2 percent.")
    assert extract(text, "2018-07-20")[-1].reporter == "CN-150200"


def test_a_year_in_a_clause_after_the_figure_dates_nothing(extract) -> None:
    text = ("In the first 10 months, Nanning's cross-border e-commerce trade reached 1.26 billion yuan, after the city was "
            "approved as a pilot zone in 2018.")
    (obs,) = extract(text, "2019-11-20")
    assert (str(obs.period.start), str(obs.period.end)) == ("2019-01-01", "2019-10-31")


def test_a_partner_that_came_second(extract) -> None:
    text = ("In the first three quarters, the US remained Chengdu's largest trading partner, with trade climbing 35.8 percent "
            "to 106.2 billion yuan. The EU came second at 87.9 billion yuan.")
    assert [(o.partner, o.flow, o.value) for o in extract(text, "2020-10-23")] == [("US", "total", 1.062e11), ("EU", "total", 8.79e10)]


def test_nev_is_a_new_energy_vehicle(extract) -> None:
    (obs,) = extract("In Q1, Xi'an's NEV exports rose 41.2 per cent to 9.62 billion yuan.", "2024-04-20")
    assert obs.commodity == "electric_vehicle"


def test_a_plural_name_as_a_singular_modifier_of_a_flow(extract) -> None:
    text = ("In the first eight months, Jiangxi's solar cell exports jumped 63.1 percent to 19.7 billion yuan, "
            "and major laptop makers expanded.")
    (obs,) = extract(text, "2022-09-20")
    assert (obs.commodity, obs.value) == ("solar_cell", 1.97e10)


def test_the_flow_repeated_after_a_quantity_keeps_its_figures_together(extract) -> None:
    text = ("In Q1, Xi'an's NEV exports rose 41.2 per cent to 9.62 billion yuan, with 61,000 vehicles shipped abroad, "
            "up 35.5 per cent.")
    got = [(o.value, o.quantity.amount if o.quantity else None, o.yoy_pct) for o in extract(text, "2024-04-20")]
    assert got == [(9.62e9, None, 41.2), (None, 61000, 35.5)]


def test_the_highest_since_a_year_dates_nothing(extract) -> None:
    text = "In 2021, exports of rare earths from China jumped 38% to 48,689 tonnes, the highest since at least 2015."
    (obs,) = extract(text, "2022-01-14")
    assert (str(obs.period.start), obs.quantity.amount) == ("2021-01-01", 48689)


def test_a_forecast_ends_with_its_clause(extract) -> None:
    text = ("China's exports rose 7.6% in July from a year earlier, beating a forecast for a 3.5% gain in a Reuters poll, "
            "while imports fell 6.8%.")
    assert [(o.flow, o.yoy_pct) for o in extract(text, "2024-08-07")] == [("export", 7.6), ("import", -6.8)]


def test_an_n_fold_rise_is_n_hundred_percent(extract) -> None:
    (obs,) = extract("In the first five months, Guangdong's exports of new energy vehicles surged 1.6-fold.", "2024-06-20")
    assert (obs.commodity, obs.yoy_pct) == ("electric_vehicle", 160.0)


def test_a_pronoun_that_names_a_new_reporter_carries_it(extract) -> None:
    text = ("Yiwu, a county-level city in Zhejiang, saw its foreign trade climb 17.2 percent in the first half. "
            "The province's exports to Africa increased 12.1 percent. Imports of crude oil fell 3 percent.")
    assert [o.reporter for o in extract(text, "2024-07-20")] == ["CN-330782", "CN-ZJ", "CN-ZJ"]


def test_a_dateline_with_its_country_names_no_reporter(extract) -> None:
    text = ("HAIKOU, China, Jan 20 (Reuters) - Foreign trade in China's southern island province of Hainan rose 12.4% "
            "in 2025 to a record 312.12 billion yuan. Exports from the province climbed 20.7%, while imports dipped 0.9%.")
    assert [(o.reporter, o.flow, o.yoy_pct) for o in extract(text, "2026-01-20")] == [
        ("CN-HI", "total", 12.4), ("CN-HI", "export", 20.7), ("CN-HI", "import", -0.9)]


def test_since_a_year_is_a_look_back(extract) -> None:
    text = "In 2015, China's total trade fell 7.9 percent to $3.95 trillion, the first decline since 2009."
    (obs,) = extract(text, "2016-01-13")
    assert str(obs.period.start) == "2015-01-01"


def test_a_border_it_faces_is_no_partner_and_home_to_is_an_aside(extract) -> None:
    text = ("In Q1, Dandong, a border city facing the Democratic People's Republic of Korea, saw trade fall 4.2 percent. "
            "Yingkou, home to one of the province's busiest ports, saw its foreign trade rise 21.3 percent.")
    assert [(o.reporter, o.partner) for o in extract(text, "2021-04-20")] == [("CN-210600", None), ("CN-210800", None)]


def test_a_change_compared_with_is_an_observation_of_its_own_period(extract) -> None:
    text = ("China's exports grew at a slower pace in April. Outbound shipments rose 8.5% year-on-year in April to "
            "$295.42 billion, slowing from a 14.8% jump in March.")
    assert [(str(o.period.start), o.value, o.yoy_pct) for o in extract(text, "2023-05-09")] == [
        ("2023-04-01", 2.9542e11, 8.5), ("2023-03-01", None, 14.8)]


def test_a_government_acting_and_a_city_in_a_when_clause_are_no_reporters(extract) -> None:
    text = ("China's crude oil imports fell 5.4% in 2021, as Beijing cracked down on independent refiners. "
            "Crude arrivals rose 19.9% in December from a year earlier, when lockdowns in Shanghai hit demand. "
            "Iron ore imports slipped 3.9% in 2021.")
    assert {o.reporter for o in extract(text, "2022-01-14")} == {"CN"}


def test_a_province_named_more_closely_keeps_the_goods(extract) -> None:
    text = "Exports of lithium-ion batteries from China's southwestern Sichuan province rose 38.2% in the first seven months."
    (obs,) = extract(text, "2024-08-20")
    assert (obs.reporter, obs.commodity, obs.yoy_pct) == ("CN-SC", "lithium_battery", 38.2)


def test_a_yardstick_year_after_from_dates_nothing(extract) -> None:
    text = ("In 2020, Jiangsu's private enterprises saw imports and exports jump 11.4 percent to 1.66 trillion yuan, "
            "accounting for 37.3 percent of the total, up 2.9 percentage points from 2019. Crude imports rose 6.7%.")
    assert [(str(o.period.start), o.commodity or o.mode) for o in extract(text, "2021-01-20")] == [
        ("2020-01-01", "private_enterprise"), ("2020-01-01", "crude_oil")]


def test_partners_ranked_with_their_trade(extract) -> None:
    text = ("In the first eight months, Hong Kong remained Hunan's largest trading partner with 19.8 billion yuan, "
            "followed by ASEAN with 17.5 billion yuan.")
    assert [(o.reporter, o.partner, o.flow, o.value) for o in extract(text, "2017-09-20")] == [
        ("CN-HN", "HK", "total", 1.98e10), ("CN-HN", "ASEAN", "total", 1.75e10)]


def test_a_which_clause_and_centered_in_are_asides(extract) -> None:
    text = ("In 2016, total trade in Guangdong, which accounts for roughly a quarter of China's total, fell 1.1 percent. "
            "The province's exports of wigs, centered in Xuchang, rose 18.3 percent.")
    assert [o.reporter for o in extract(text, "2017-01-20")] == ["CN-GD", "CN-GD"]


def test_a_period_after_a_comparison_dates_only_the_figure_compared(extract) -> None:
    text = ("China's imports rose in June. Inbound shipments rose 36.7% year on year to $229.9 billion, versus a "
            "forecast 30% increase and a 51.1% surge in May.")
    got = [(str(o.period.start), o.value, o.yoy_pct) for o in extract(text, "2021-07-13")]
    assert got[0] == ("2021-06-01", 2.299e11, 36.7)


def test_a_likely_total_is_a_forecast(extract) -> None:
    text = ("In the first three quarters, Guangdong's foreign trade rose 7 percent. Customs officials expect trade to "
            "remain stable, with the full-year total likely to exceed 7 trillion yuan.")
    assert [o.yoy_pct for o in extract(text, "2018-10-20")] == [7.0]


def test_that_brought_first_quarter_purchases(extract) -> None:
    text = ("China's crude oil imports climbed 6.2% from a year earlier to 39.18 million tons in March. "
            "That brought first-quarter purchases to 114.9 million tons, up 7.3%.")
    assert [(str(o.period.start), o.flow, o.commodity, o.quantity.amount, o.yoy_pct) for o in extract(text, "2018-04-13")] == [
        ("2018-03-01", "import", "crude_oil", 39180000.0, 6.2), ("2018-01-01", "import", "crude_oil", 114900000.0, 7.3)]


def test_a_part_of_the_whole_is_an_aside_and_a_bare_rate_compared_with_is_its_period_s(extract) -> None:
    text = ("In the first eight months, Qinghai's foreign trade reached 3.46 billion yuan. Xining, the provincial capital, "
            "handled 2.73 billion yuan of the total, up 44.6 percent. Exports of lithium batteries reached 610 million yuan. "
            "In Q3, the region's foreign trade hit 1.2 billion yuan, up 11.4 percent, picking up from 7.2 percent in the first half.")
    got = [(o.reporter, o.commodity, str(o.period.start), str(o.period.end), o.yoy_pct) for o in extract(text, "2022-09-20")]
    assert got[:3] == [("CN-QH", None, "2022-01-01", "2022-08-31", None), ("CN-630100", None, "2022-01-01", "2022-08-31", 44.6),
                       ("CN-QH", "lithium_battery", "2022-01-01", "2022-08-31", None)]
    assert ("CN-QH", None, "2022-01-01", "2022-06-30", 7.2) in got


def test_a_headline_period_without_a_figure_is_not_the_main_period(extract) -> None:
    text = ("Fujian's foreign trade stabilizes in August\n\nFujian Province saw its foreign trade reach 1.32 trillion yuan "
            "in the first eight months of 2023, down 3.4 percent.\n\nExports rose 1.2 percent to 797.6 billion yuan.")
    assert [str(o.period.start) for o in extract(text, "2023-09-20")] == ["2023-01-01", "2023-01-01"]


def test_beijing_standing_for_the_government_is_no_reporter(extract) -> None:
    text = ("In October, Beijing's foreign trade rose 5.2 percent. China's trade surplus with the United States, a "
            "sensitive issue between Washington and Beijing, narrowed to $26.62 billion in October.")
    assert [(o.reporter, o.partner) for o in extract(text, "2017-11-08")] == [("CN-BJ", None), ("CN", "US")]


@pytest.mark.parametrize("text,code", [
    ("In the first half, Taizhou, a manufacturing hub in Zhejiang province, saw its foreign trade rise 9.8 percent.", "CN-331000"),
    ("In the first half, Taizhou in Jiangsu province saw its foreign trade rise 9.8 percent.", "CN-321200"),
])
def test_a_city_name_two_cities_share_is_the_one_whose_province_is_named(extract, text: str, code: str) -> None:
    assert [o.reporter for o in extract(text, "2018-07-20")] == [code]


def test_a_city_name_two_cities_share_with_no_province_named_is_no_place(extract) -> None:
    assert extract("In the first half, Taizhou's foreign trade rose 9.8 percent.", "2018-07-20") == []


def test_a_paragraph_opening_without_figures_still_returns_to_the_main_reporter(extract) -> None:
    text = ("In the first half, Guangdong's foreign trade fell 3.2 percent.\n\nIn Zhuhai, trade rose 2 percent.\n\n"
            "Pandemic-related goods cushioned the blow. Mobile phone exports fell 16.9 per cent to 87.5 billion yuan.")
    assert [o.reporter for o in extract(text, "2020-07-20")] == ["CN-GD", "CN-440400", "CN-GD"]


def test_asean_written_asean(extract) -> None:
    (obs,) = extract("In Q1, Guangxi's trade with Asean rose 13.1 percent to 92.4 billion yuan.", "2026-04-20")
    assert obs.partner == "ASEAN"


def test_an_elliptic_change_takes_the_direction_before_it(extract) -> None:
    text = "For the whole of 2015, China's exports fell 2.8 percent and imports 14.1 percent."
    assert [(o.flow, o.yoy_pct) for o in extract(text, "2016-01-13")] == [("export", -2.8), ("import", -14.1)]


def test_the_number_of_units_names_the_unit_of_a_later_figure(extract) -> None:
    text = ("In the first quarter, Chongqing's exports of notebook computers dropped 21.3 percent to 38.6 billion yuan, "
            "while the number of units shipped abroad fell 18.7 percent to 12.08 million.")
    got = [(o.value, o.quantity.amount if o.quantity else None, o.yoy_pct) for o in extract(text, "2023-04-20")]
    assert got == [(3.86e10, None, -21.3), (None, 12080000.0, -18.7)]
