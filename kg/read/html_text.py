"""HTML article body to text blocks (paragraphs, headings, list items, cells, captions).

One streaming pass with `lxml.etree.iterwalk` (no recursion, no per-node
Python objects beyond a small stack): block elements open and close text
blocks, inline elements (a, span, b, ...) join their block without inserted
spaces, so Chinese sentences split by links stay intact for quoting.
Scripts, comments, forms and boilerplate (ads, QR codes, share bars, editor
lines) are dropped because they carry no statistics and pollute quotes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from kg.read.boilerplate import RELATED_LABEL
from kg.read.decode import ReadError

# Fed UTF-8 bytes with the encoding fixed, so that `<meta charset=gbk>` or an
# XML declaration in the body cannot re-decode (or reject) already decoded text.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8")

_BLOCK = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th caption figcaption dt dd blockquote pre div section article "
    "header footer main aside figure table tr thead tbody tfoot ul ol dl address center hr br "
    "body html".split()
)
_SKIP = frozenset(
    "head script style noscript iframe frame frameset form template nav svg math object embed "
    "applet canvas audio video select textarea button input map".split()
)
# Class/id tokens (split on -, _, whitespace and camelCase) that mark boilerplate.
_BOILERPLATE = frozenset(
    "ad ads adlist advert adverts advertisement adsbygoogle qr qrcode share sharebar sharing "
    "bdsharebuttonbox editor editors related relate recommend recommended more readmore hotnews".split()
)
_BOX_TAGS = frozenset("div section aside ul ol dl p".split())
# A marked element with more text than this is probably the article itself
# (e.g. a CMS body wrapper `class="editor-content"`), so it is kept.
_BOILERPLATE_MAX_CHARS = 300

_SPLIT = re.compile(r"[\s_\-]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break between two CJK characters is source formatting, not a space.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n][ \t\r\n]*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\n\r\f\v\xa0]+")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_EDITOR_LINE = re.compile(r"^[（(\[【]?\s*(?:责任编辑|責任編輯|责编|責編)\s*[:：]")
_TRAILER_LINE = re.compile(
    r"^[（(\[【]?\s*(?:编辑|編輯|来源|來源|稿源|作者|撰稿|校对|校對|审核|審核|编审|編審|"
    r"editor|source|editing by|reporting by)\s*[:：]",
    re.I,
)
_TRAILER_MAX_CHARS = 80


@lru_cache(maxsize=8192)
def _tokens(attr: str) -> frozenset[str]:
    """Lower-cased class/id tokens: 'clearfix appendQr_wrap' -> clearfix, appendqr, append, qr, wrap."""
    out: set[str] = set()
    for part in _SPLIT.split(attr):
        if part:
            out.add(part.lower())
            out.update(p.lower() for p in _CAMEL.split(part))
    return frozenset(out)


def _is_boilerplate(el: etree._Element) -> bool:
    """Marked as ads, sharing, editor or related links by class/id, or opening with a related-links label."""
    attr = f"{el.get('class') or ''} {el.get('id') or ''}"
    marked = bool(attr.strip()) and bool(_tokens(attr) & _BOILERPLATE)
    if not marked and not (el.tag in _BOX_TAGS and RELATED_LABEL.match(_first_text(el))):
        return False
    return len("".join(el.itertext()).strip()) <= _BOILERPLATE_MAX_CHARS


def _first_text(el: etree._Element) -> str:
    """The element's own leading text, else its first child's text (a box's heading)."""
    if el.text and el.text.strip():
        return el.text
    return next(("".join(child.itertext()) for child in el if isinstance(child.tag, str)), "")


def _is_caption(el: etree._Element) -> bool:
    cls = el.get("class")
    if not cls:
        return False
    cls = cls.lower()
    return "caption" in cls or "img_descr" in cls


def clean_block(s: str) -> str:
    """Collapse source whitespace like a browser and strip the ends (incl. U+3000)."""
    if "\n" in s or "\r" in s:
        s = _CJK_BREAK.sub("", s)
    s = _WS.sub(" ", s)
    return s.strip().strip(_ZERO_WIDTH).strip()


def _drop_editor_lines(blocks: list[str]) -> list[str]:
    """Drop 责任编辑 lines anywhere and editor/source lines at the end."""
    out = [b for b in blocks if not (len(b) <= _TRAILER_MAX_CHARS and _EDITOR_LINE.match(b))]
    while out and len(out[-1]) <= _TRAILER_MAX_CHARS and _TRAILER_LINE.match(out[-1]):
        out.pop()
    return out


def html_blocks(html: str) -> list[str]:
    """Text blocks of an HTML body in document order; ReadError('no text') if none."""
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), _PARSER)
    except (etree.LxmlError, ValueError):
        root = None
    if root is None:
        raise ReadError("no text: the HTML body has no text blocks")

    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            s = clean_block("".join(buf))
            buf.clear()
            if s:
                blocks.append(s)

    stack: list[bool] = []  # per open element: is it a block?
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if not isinstance(tag, str):  # entity or other special node
                stack.append(False)
                walker.skip_subtree()
                continue
            tag = tag.lower()
            block = tag in _BLOCK or _is_caption(el)
            stack.append(block)
            if block:
                flush()
            if tag in _SKIP or _is_boilerplate(el):
                walker.skip_subtree()
            elif el.text:
                buf.append(el.text)
        else:
            if stack.pop():
                flush()
            if el.tail:
                buf.append(el.tail)
    flush()
    blocks = _drop_editor_lines(blocks)
    if not blocks:
        raise ReadError("no text: the HTML body has no text blocks")
    return blocks
