"""Reading documents: real files in tmp_path, no mocks."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from kg.read import ReadError, read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds_gold.jsonl"


def seed(tmp_path: Path, prefix: str) -> Path:
    """Copy the seed whose name starts with `prefix` into tmp_path."""
    (src,) = SEEDS.glob(f"{prefix}_*.txt")
    dst = tmp_path / src.name
    dst.write_bytes(src.read_bytes())
    return dst


def write(tmp_path: Path, data: bytes | str, name: str = "doc.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def assert_spans(doc) -> None:
    """Blocks tile the text: text[s:e] is each block, joined by blank lines."""
    assert doc.blocks
    pieces = [doc.text[s:e] for s, e in doc.blocks]
    assert "\n\n".join(pieces) == doc.text
    for piece in pieces:
        assert piece and piece == piece.strip() and "\n" not in piece


# --- the seeds ---------------------------------------------------------------


def test_seed_000_html_front_matter(tmp_path: Path) -> None:
    doc = read_document(seed(tmp_path, "000"))
    assert doc.date == date(2021, 7, 20) and not doc.date_inferred
    assert doc.title.startswith("湖南上半年")
    assert doc.title_span == (0, len(doc.title)) and doc.text.startswith(doc.title)
    assert doc.script == "zh-Hans" and doc.encoding == "utf-8" and doc.replaced_bytes == 0
    assert doc.publisher == "新浪财经"
    assert doc.categories == ("金融", "新浪财经", "新浪财经－国內")
    assert "对东盟贸易额406.2亿元，增长20.8%；" in doc.text
    for junk in ("责任编辑", "海量资讯", "appendQr", "来源：中国新闻网", "<", "\u3000"):
        assert junk not in doc.text
    assert "原标题：湖南上半年进出口总值2603.5亿元" in doc.text
    assert "湖南自贸区长沙片区一角。" in doc.text
    # inline <span><a>农产品</a></span> joins its paragraph without spaces
    assert "等特色农产品为出口主体" in doc.text
    assert_spans(doc)


def test_seed_001_plain_date_line(tmp_path: Path) -> None:
    doc = read_document(seed(tmp_path, "001"))
    assert doc.date == date(2023, 7, 19) and not doc.date_inferred
    assert doc.script == "en"
    assert doc.text.startswith("Hunan’s import")
    assert doc.title is None and doc.title_span is None
    assert_spans(doc)


def test_seed_002_traditional_inferred_date(tmp_path: Path) -> None:
    doc = read_document(seed(tmp_path, "002"))
    assert doc.script == "zh-Hant"
    assert doc.date == date(2025, 12, 31) and doc.date_inferred
    assert doc.text.startswith("2026「十五五」啟航")
    assert_spans(doc)


def test_seed_003(tmp_path: Path) -> None:
    doc = read_document(seed(tmp_path, "003"))
    assert doc.date == date(2022, 7, 21) and doc.script == "zh-Hans"
    assert doc.title == "上半年浙江出口增长两成，跨境电商贡献大"
    assert "责任编辑" not in doc.text and "海量资讯" not in doc.text
    assert_spans(doc)


def test_seed_004_captions(tmp_path: Path) -> None:
    doc = read_document(seed(tmp_path, "004"))
    assert doc.date == date(2022, 3, 26) and doc.script == "zh-Hans"
    assert doc.title == "外贸，量增质升动力足（新时代画卷）"
    assert "江苏省连云港港集装箱码头一派繁忙景象。" in doc.text
    assert_spans(doc)


def test_gold_quotes_are_in_the_text(tmp_path: Path) -> None:
    """Every quote of the gold annotations is a substring of the read text."""
    docs = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        name = gold["file"]
        if name not in docs:
            docs[name] = read_document(seed(tmp_path, name.split("_")[0]))
        assert gold["quote"] in docs[name].text, (name, gold["quote"])


# --- encodings ---------------------------------------------------------------

ZH_HANS = "date 2021-07-20\n湖南省进出口总值2603.5亿元，比上年同期增长28%。\n\n对东盟贸易额406.2亿元，增长20.8%；"
ZH_HANT = "date 2025-12-31\n湖南進出口總值5,414.1億元，連續五年站穩5,000億台階。\n\n長沙海關相關負責人如是評價。"


def test_gbk_file(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, ZH_HANS.encode("gbk")))
    assert doc.encoding == "gb18030" and doc.replaced_bytes == 0
    assert "对东盟贸易额406.2亿元" in doc.text and doc.script == "zh-Hans"


def test_big5_file(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, ZH_HANT.encode("big5")))
    assert doc.encoding in ("big5hkscs", "cp950") and doc.replaced_bytes == 0
    assert "長沙海關相關負責人" in doc.text and doc.script == "zh-Hant"


def test_big5_with_cp950_extension(tmp_path: Path) -> None:
    """裏 (F9D6) is not in strict `big5`; such files must not fall through to GB18030 mojibake."""
    doc = read_document(write(tmp_path, (ZH_HANT + "在生產車間裏。").encode("cp950")))
    assert doc.encoding in ("big5hkscs", "cp950") and doc.text.endswith("在生產車間裏。")


def test_utf8_bom(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, b"\xef\xbb\xbf" + ZH_HANS.encode("utf-8")))
    assert doc.encoding == "utf-8" and doc.date == date(2021, 7, 20)
    assert doc.text.startswith("湖南省进出口总值") and "\ufeff" not in doc.text


def test_utf16_bom(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, ZH_HANS.encode("utf-16")))  # with BOM, has NUL bytes
    assert doc.encoding.startswith("utf-16") and doc.text.startswith("湖南省进出口总值")


def test_invalid_bytes_are_replaced_and_counted(tmp_path: Path) -> None:
    data = ZH_HANS.encode("utf-8")
    cut = data.index("东盟".encode("utf-8"))
    doc = read_document(write(tmp_path, data[:cut] + b"\xff\xfe" + data[cut:]))
    assert doc.encoding == "utf-8" and doc.replaced_bytes == 2
    assert "\ufffd\ufffd东盟" in doc.text


def test_corrupt_gbk_stays_gbk(tmp_path: Path) -> None:
    data = ZH_HANS.encode("gbk")
    doc = read_document(write(tmp_path, data + b"\xff\n"))
    assert doc.encoding == "gb18030" and doc.replaced_bytes == 1
    assert "对东盟贸易额406.2亿元" in doc.text


# --- errors ------------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    with pytest.raises(ReadError, match="binary"):
        read_document(write(tmp_path, png, "x.png"))


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="empty"):
        read_document(write(tmp_path, b""))


def test_too_large(tmp_path: Path) -> None:
    p = write(tmp_path, "date 2021-07-20\n" + "贸易" * 100)
    with pytest.raises(ReadError, match="too large.*100 bytes"):
        read_document(p, max_bytes=100)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="directory"):
        read_document(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot read"):
        read_document(tmp_path / "nope.txt")


def test_html_without_text(tmp_path: Path) -> None:
    html = "---\ntitle: x\ndate: 2021-07-20\n---\n<div><img src='a.png'><script>var a=1;</script><p>　　</p></div>"
    with pytest.raises(ReadError, match="no text"):
        read_document(write(tmp_path, html))


def test_no_year(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no date"):
        read_document(write(tmp_path, "今年上半年，湖南省进出口总值增长28%。"))


def test_a_header_yaml_rejects_is_read_line_by_line(tmp_path: Path) -> None:
    text = ("---\ntitle: 'Hangzhou's foreign trade surges 26.4% in H1'\ncategories: \n - Business\n - Zhejiang\n"
            "date: Fri, 23 Jul 2021 08:12:40 GMT\n---\n<p>Hangzhou's foreign trade rose in 2021.</p>")
    doc = read_document(write(tmp_path, text))
    assert (doc.title, doc.categories, str(doc.date)) == (
        "Hangzhou's foreign trade surges 26.4% in H1", ("Business", "Zhejiang"), "2021-07-23")


def test_malformed_front_matter_names_line(tmp_path: Path) -> None:
    text = "\n---\ntitle: [a, b\ndate: 2021-07-20\n  : x\n---\n<p>正文</p>"
    with pytest.raises(ReadError, match="malformed front matter at line"):
        read_document(write(tmp_path, text))


def test_unclosed_front_matter(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="closing"):
        read_document(write(tmp_path, "---\ntitle: x\n<p>2021年</p>"))


def test_unreadable_front_matter_date(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="unreadable date"):
        read_document(write(tmp_path, "---\ndate: someday\n---\n<p>2021年</p>"))


def test_bad_date_line(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="date"):
        read_document(write(tmp_path, "date 2021-02-30 text"))


# --- metadata and dates --------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["Tue, 20 Jul 2021 06:46:17 GMT", "2021-07-20", "2021-07-20T06:46:17Z", "'2021-07-20'", "2021年7月20日"],
)
def test_front_matter_date_formats(tmp_path: Path, raw: str) -> None:
    text = f"---\ntitle: 标题\ndate: {raw}\ncategories: 金融, 外贸\npublisher: 新华社\n---\n<p>正文。</p>"
    doc = read_document(write(tmp_path, text))
    assert doc.date == date(2021, 7, 20) and not doc.date_inferred
    assert doc.categories == ("金融", "外贸") and doc.publisher == "新华社"
    assert doc.text == "标题\n\n正文。" and doc.title_span == (0, 2)


def test_title_not_repeated_when_body_starts_with_it(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "---\ntitle: 标题\ndate: 2021-07-20\n---\n<h1>标题</h1><p>正文。</p>"))
    assert doc.text == "标题\n\n正文。" and doc.title_span == (0, 2)


def test_year_inference_tie_goes_to_later_year(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "2023年出口增长。\n\n2024年进口增长。"))
    assert doc.date == date(2024, 12, 31) and doc.date_inferred


def test_a_year_spoken_of_as_last_year_dates_the_text_in_the_year_after(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "浙江去年出口逆勢增9.1%\n\n2020年浙江進出口總值3.38兆元，比上年增長9.6%。"))
    assert doc.date == date(2021, 1, 31) and doc.date_inferred
    doc = read_document(write(tmp_path, "2020年浙江进出口总值3.38万亿元，比去年增长9.6%，较去年同期提高。"))
    assert doc.date == date(2020, 12, 31)
    doc = read_document(write(tmp_path, "（中央社記者上海2016年1月22日電）2015年江蘇省進出口總值5,418.6億美元。"))
    assert doc.date == date(2016, 1, 22) and doc.date_inferred


def test_a_year_looked_ahead_to_is_not_the_year_reported_on(tmp_path: Path) -> None:
    text = "Hainan's foreign trade rose 52.6 percent in the first quarter of 2022, as it prepares for its free trade port by 2025."
    assert read_document(write(tmp_path, text)).date == date(2022, 12, 31)


def test_year_inference_english(tmp_path: Path) -> None:
    text = "In 2022, exports rose 5.1%. Exports in 2022 beat 2021 levels; 2,050 tonnes were shipped."
    doc = read_document(write(tmp_path, text))
    assert doc.script == "en" and doc.date == date(2022, 12, 31) and doc.date_inferred


def test_date_line_alone_and_source(tmp_path: Path) -> None:
    p = write(tmp_path, "\ndate 2020-01-05\nExports rose.\nImports fell.\n")
    doc = read_document(p)
    assert doc.date == date(2020, 1, 5) and doc.text == "Exports rose.\n\nImports fell."
    assert doc.source == str(p)


# --- HTML cleaning -----------------------------------------------------------


def test_html_blocks_and_boilerplate(tmp_path: Path) -> None:
    html = (
        "---\ndate: 2021-07-20\n---\n"
        '<div class="header">头部</div><p class="shadow">阴影</p>'
        '<div class="ad-box">广告</div><div id="share_bar">分享到微博</div>'
        '<h2>小标题</h2><p>　　出口<a href="#">机电</a><b>产品</b>&amp;&#x4e00;增长。</p>'
        "<!--[<p>注释里的段落</p>]--><noscript>n</noscript><style>p{}</style>"
        "<table><tr><td>东盟</td><td>406.2</td></tr></table><ul><li>条目</li></ul>"
        '<figure><img src="a.png"><figcaption>图说</figcaption></figure>'
        "<p>正文\n  继续</p><form><p>表单</p></form><iframe>框</iframe>"
        "<p>来源：新华社</p><p>編輯：張三</p>"
    )
    doc = read_document(write(tmp_path, html))
    blocks = [doc.text[s:e] for s, e in doc.blocks]
    assert blocks == ["头部", "阴影", "小标题", "出口机电产品&一增长。", "东盟", "406.2", "条目", "图说", "正文继续"]


def test_long_boilerplate_marked_wrapper_is_kept(tmp_path: Path) -> None:
    body = "".join(f"<p>2021年第{i}段正文，出口增长。</p>" for i in range(40))
    doc = read_document(write(tmp_path, f'<div class="editor-content">{body}</div>'))
    assert len(doc.blocks) == 40


# --- identity ----------------------------------------------------------------


def test_sha256_and_id_stable_and_sensitive(tmp_path: Path) -> None:
    data = ZH_HANS.encode("utf-8")
    a = read_document(write(tmp_path, data, "a.txt"))
    b = read_document(write(tmp_path, data, "b.txt"))
    c = read_document(write(tmp_path, data[:-1] + b"!", "c.txt"))
    assert a.sha256 == b.sha256 == hashlib.sha256(data).hexdigest()
    assert a.id == b.id == "doc-" + a.sha256[:16]
    assert c.sha256 != a.sha256 and c.id != a.id


def test_a_related_articles_box_is_boilerplate(tmp_path: Path) -> None:
    html = ("---\ntitle: x\ndate: 2024-11-20\n---\n<p>福建前10個月進出口1.64兆元。</p>"
            '<div class="moreArticle"><h2>延伸閱讀</h2><a href="#">陸10月出口年增12.7% 遠超預期</a></div>')
    assert "12.7%" not in read_document(write(tmp_path, html)).text


@pytest.mark.parametrize("box,figure", [
    ('<div class="box_news"><h2>相关新闻</h2><ul><li><a href="#">2023年北京地区进出口3.65万亿元</a></li></ul></div>', "3.65"),
    ('<div class="story_end_tag">延伸閱讀：<a href="#">陸6月出口年增11.3%</a></div>', "11.3%"),
    ('<p>【延伸閱讀】陸5月出口年增7.6%</p>', "7.6%"),
])
def test_a_box_of_links_to_other_articles_is_boilerplate(tmp_path: Path, box: str, figure: str) -> None:
    html = f"---\ntitle: x\ndate: 2024-04-19\n---\n<p>一季度北京地区进出口9142.6亿元。</p>{box}"
    text = read_document(write(tmp_path, html)).text
    assert "9142.6" in text and figure not in text


def test_a_related_links_label_in_plain_text_drops_the_lines_after_it(tmp_path: Path) -> None:
    text = "date 2023-08-20\n江蘇前7月外貿年減3.1%。\n\n【延伸閱讀】\n陸7月出口年減14.5% 創三年多最大跌幅\n\n(編輯：王)"
    doc = read_document(write(tmp_path, text))
    assert "14.5%" not in doc.text and "3.1%" in doc.text and "編輯" in doc.text
