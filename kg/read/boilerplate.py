"""Labels that open a list of links to other articles, in HTML boxes and in plain text alike.

Such lists carry other articles' headlines (延伸閱讀：陸6月出口年增11.3%), whose figures are not
the article's own.
"""

from __future__ import annotations

import re

RELATED_LABEL = re.compile(
    r"^\s*[【\[(（]?\s*(?:相关新闻|相关阅读|延伸阅读|推荐阅读|相关报道|相关文章|热点推荐|相關新聞|相關閱讀|延伸閱讀|"
    r"推薦閱讀|相關報導|相關文章|related(?: news| articles| stories| reading)?|read more|more news|see also)"
    r"(?:\s*[】\])）]|\s*(?:[:：]|$))",
    re.I,
)
