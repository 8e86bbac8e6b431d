"""Generic furniture and metadata shapes: what a line can be recognised as without other pages.

The patterns are RE2 (they may go into rule files as they are) and run here with RE2 too: the
lines come from pages, and with Python's re a line of ten spaced tool words made the "tools"
shape backtrack for minutes. They are deliberately narrow: a line seen on one page only becomes
a rule only when it matches one of them.
"""
from __future__ import annotations

from functools import lru_cache

import re2

DATE = r"(?:\d{4}\s*(?:-|/|\.|年)\s*\d{1,2}\s*(?:-|/|\.|月)\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}/\d{1,2})"
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
DATETIME = rf"{DATE}(?:\s*(?:{TIME}))?|{TIME}"

# Labels of publication facts, Simplified and Traditional, by the metadata field they fill.
LABELS = {
    "source": r"来源|來源|稿源|出处|出處|来自|來自|转自|轉自|source",
    "author": r"发布者|發布者|发稿人|作者|记者|記者|撰文|摄影|攝影|by|author",
    "chief_editor": r"责任编辑|責任編輯|责编|責編",
    "editor": r"编辑|編輯|编者|編者|编审|編審|editor",
    "date": r"(?:发布|發布|发表|發表|更新|出版|刊登|发稿|發稿)?(?:时间|時間|日期)|published|updated|date",
}
_LABEL_ANY = "|".join(LABELS.values())
_VALUE = r"[^\s|:]{1,24}(?:\s[^\s|:]{1,12})?"
_FACT = (rf"(?:(?:{_LABEL_ANY})\s*[:：]\s*(?:{DATETIME}|{_VALUE})|(?:{_LABEL_ANY})?\s*(?:{DATETIME})"
         rf"|(?:本报|本報|特约|特約)?(?:记者|記者|通讯员|通訊員)\s*{_VALUE})")
METADATA_LINE = re2.compile(
    rf"(?i)^[\s(\[【（]*{_FACT}(?:[\s|/·•,，)\]】）(\[【（]*(?:{_FACT}|[^\s]{{1,8}}网|\d+\s*人参与|(?:点击|浏览|阅读|評論|评论)\S{{0,4}}\s*\d*))*[\s)\]】）]*$"
)

# Words of a tool bar: font size, print, copy link, bookmark, close, comment counts.
_TOOL = (r"(?:(?:字号|字號|字体|字體)\s*[:：]?\s*(?:T\s*\|\s*T|大\s*中\s*小)|大\s*中\s*小|打印|列印|复制链接|複製連結|收藏|关闭|關閉"
         r"|推荐|推薦|转发|轉發|纠错|糾錯|RSS|发起话题|發起話題|我要评论|我要評論|评论\s*\d*\s*查看|評論\s*\d*\s*查看"
         r"|已有\s*\d+\s*人(?:阅读|閱讀|参与|參與)|返回顶部|返回頂部)")

# Furniture that every kind of site carries, recognisable on a single page.
GENERIC = {
    "breadcrumb": r"(?:>|>>|»|›|→)\s*(?:正文|內文|内文)(?:\s|$)|(?:首页|首頁)\s*(?:>|>>|»|›|→)|^[^\s>]{1,12}(?:\s*(?:>|>>|»|›)\s*[^\s>]{1,12}){1,5}\s*>?$|^\s*(?:当前位置|您的位置|您现在的位置|所在位置|目前位置|現在位置|你的位置)\s*[:：]|^\s*(?:首页|首頁|网站首页|網站首頁)\s*(?:>|>>|»|›|→)",
    "share": r"^\s*(?:分享到|分享至|一键分享|分享本文|转发到|轉寄|分享)\s*[:：]?.{0,60}$|^\s*(?:微信|手机)?扫一扫.{0,30}$|^\s*share\s*(?:this)?\s*:?\s*$",
    "tools": (r"^\s*(?:[【\[]\s*)?(?:字号|字號|字体|字體)\s*[:：].{0,20}$"
              r"|^\s*(?:[【\[]\s*(?:纠错|糾錯|打印|列印|关闭|關閉|关闭窗口|關閉窗口|收藏|返回顶部|推荐|推薦|打印本页|大|中|小|我要纠错"
              r"|评论|評論|信箱|转发|轉發|复制链接|複製連結|字号[^】\]]{0,60}|字號[^】\]]{0,60})\s*[】\]]\s*)+$"
              r"|^\s*(?:打印|列印|打印转发|打印轉發)?\s*(?:字号|字號)\s*[:：]?\s*大\s*中\s*小\s*$"
              # A bar of tool words only (a date may lead it): "已有0人阅读 字号:T | T 复制链接 打印 RSS".
              rf"|^\s*(?:(?:{DATETIME})\s*)?(?:[【\[]?\s*{_TOOL}\s*[】\]]?\s*[|｜]?\s*){{2,}}$"),
    "menu": r"^(?:[^|,。]{0,16}\|){2,}[^|,。]{0,16}$|^(?:[一-鿿]{1,6}\s+){7,}[一-鿿]{1,6}$",
    "prev-next": r"^\s*(?:上一篇|下一篇|上一页|下一页|上一頁|下一頁|上一则|下一则)\s*(?:[:：].{0,80})?$|^(?:\d+\s+){2,}(?:下一页|下一頁)$",
    "related": r"^\s*(?:相关新闻|相關新聞|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|延伸閱讀|延展阅读|延展閱讀|相关报道|相關報導|相關報道|热点推荐|熱點推薦|推荐阅读|推薦閱讀|更多相关|更多相關|热门推荐|熱門推薦|今日推荐|精彩推荐|热点新闻|熱點新聞|猜你喜欢|related\s+(?:articles|stories|news))\s*[:：]?\s*$",
    "more": r"^\s*[-=_·]*\s*(?:更多|more)(?:\s*(?:>>|>|»|\.\.\.))?.{0,16}$",
    "comments": r"^\s*(?:网友评论|網友評論|我要评论|我要評論|发表评论|發表評論|查看评论|查看評論|我要跟帖|跟帖|评论|評論)\s*(?:\(\d+\)|\d+)?\s*[:：]?\s*$|^\s*(?:已有|共有)?\d+\s*(?:人参与|人參與|条评论|條評論)",
    "copyright": r"(?i)^\s*(?:copyright|©|\(c\)|版权所有|版權所有|版权声明|版權聲明).{0,120}$|^.{0,60}(?:版权所有|版權所有|all rights reserved).{0,60}$",
    "editor": r"^\s*[(\[【（]?\s*(?:实习|實習)?(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：]?\s*[^\s)\]】）:：]{1,12}(?:\s+[^\s)\]】）:：]{1,12})?\s*[)\]】）]?\s*$|^\s*[\[【(（]\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：]\s*[^\]】)）]{1,20}[\]】)）]\s*(?:标签|標籤|关键字|關鍵字)\s*[:：].{0,60}$",
    "caption": r"^\s*(?:圖說|图说|圖為|图为|圖片說明|图片说明|圖片來源|图片来源|圖|图)\s*[:：]|[(（][^()（）]{0,20}(?:摄|攝|提供|供图|供圖|資料照|资料照|资料图|資料圖)\s*[)）]\s*$",
    "bullet": r"^\s*[·•‧●■◆▪]\s*\S.{0,80}$|^\s*(?:[·•‧●■◆▪]\s*[^·•‧●■◆▪]{4,60}){3,}$",
    # Keyword lines and tag clouds: "关键字:A、B、C", "A 、 B 、 C 、 ..." (spaced, unlike prose lists).
    "tags": r"(?i)^\s*[\[【(]?\s*(?:关键字|關鍵字|关键词|關鍵詞|标签|標籤|tags?)\s*[:：]|^\s*(?:[^\s、]{1,12}\s+、\s+){4,}[^\s、]{1,12}\s*$",
    "notice": r"^.{0,12}(?:凡本网注明|凡本網注明|转载请注明|轉載請註明|未经.{0,12}授权.{0,24}不得|未經.{0,12}授權.{0,24}不得|免责声明|免責聲明)",
}
GENERIC_RE = {name: re2.compile(source) for name, source in GENERIC.items()}


@lru_cache(maxsize=1 << 16)
def generic_kind(folded: str) -> str | None:
    """The name of the generic furniture pattern a folded line matches, or None."""
    for name, regex in GENERIC_RE.items():
        if regex.search(folded):
            return name
    return None


def is_generic_furniture(folded: str) -> bool:
    """Whether a folded line is furniture any site could carry."""
    return generic_kind(folded) is not None


# One publication fact inside a line: a (labelled) date, or a labelled value.
FACT_RE = re2.compile(
    rf"(?i)(?P<link>https?://[^\s]+)|(?P<label>{_LABEL_ANY})?(?P<sep>\s*[:：]\s*)?(?P<date>{DATETIME})"
    rf"|(?P<label2>{_LABEL_ANY})(?P<sep2>\s*[:：]\s*)(?P<value>[^\s|:,()\[\]【】（）]{{1,24}})"
)
MAX_LEFT_LABELLED = 12  # content characters a byline may hold besides its facts ("有0人参与 手机看新闻")
MAX_LEFT_DATED = 4  # ... when its only facts are dates (a title may start with a date)


@lru_cache(maxsize=1 << 16)
def is_metadata_line(folded: str) -> bool:
    """Whether a folded line holds only publication facts: dates, sources, authors, editors."""
    text = folded.strip()
    if len(text) > 120:
        return False
    if METADATA_LINE.match(text) is not None:
        return True
    facts = list(FACT_RE.finditer(text))
    if not facts:
        return False
    left, last = [], 0
    for m in facts:
        left.append(text[last : m.start()])
        last = m.end()
    left.append(text[last:])
    rest = sum(1.0 if not ch.isascii() else 0.34 for ch in "".join(left) if ch.isalnum())
    labelled = any(m.group("label") or m.group("label2") for m in facts)
    if labelled or (len(facts) >= 2 and any(m.group("link") for m in facts)):
        return rest <= MAX_LEFT_LABELLED  # "http://site  2012年01月16日 00:10  新浪财经微博"
    return rest <= MAX_LEFT_DATED and any(m.group("date") for m in facts)
