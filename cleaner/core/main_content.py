"""The article's lines in scraped text: the densest run of prose, and the headline above it.

Scraped text of a page without a site file still carries menus, link lists, teasers and footers,
mostly short lines without sentence punctuation, while the article is a run of long lines of
prose. A prose line scores its length in words (a CJK character counts as one); the other
lines between two prose lines cost more the more of them there are in a row (5, 15, 30, 50, ...
for 1, 2, 3, 4): a subheading or a caption inside the article costs less than the prose around
it brings, while a dozen links are a boundary. The run with the highest sum (Kadane's maximum
subarray) is the article.

Lines, not paragraphs, are counted: the output puts a blank line between all lines, so a
decision that read paragraphs (a list written as one) would not be the same on the output, and
cleaning must be idempotent. The price: a long list of other lines inside a clean article is a
boundary too. Measured on scraped text of the development corpora (bench/
text_quality.py): F1 0.48 -> 0.93 (Chinese news), 0.87 -> 0.92 (Chinese portals), 0.67 -> 0.88
(English articles).

It runs on every page that no site file claims, so lines are sieved by length first and only
the few long ones are looked at in Python.

A list of ingredients inside an article is the exception: short lines that are quantities with
their unit cost nothing, so ten ingredients between an intro and the method no longer cut the
intro off.
"""
from __future__ import annotations

import re
from itertools import accumulate
from operator import and_
from typing import Sequence

from cleaner.result import COMMENT_MARK

PROSE_MIN_WORDS = 20  # a line shorter than this is not prose, whatever its punctuation
PENALTY = 5.0  # the first line that is not prose in a row costs this, the n-th n times this
MIN_ARTICLE = 40  # a best run worth less than this is no article: leave the page alone
# A list item, a quantity with its unit ("2 tbsp olive oil"; not "2 lemons"), is content, no gap;
# only short lines count. Bullets alone say nothing: portals bullet their headline lists ("·...").
ITEM_MAX_CHARS = 60
_LIST_ITEM = re.compile(
    r"\s*[•●▪◦*-]?\s*(?:\d+(?:[.,/]\d+)?\s*(?:(?:g|kg|mg|ml|cl|dl|l|oz|lbs?|tbsp|tsp|tablespoons?|teaspoons?|cups?"
    r"|pinch(?:es)?|cloves?|grams?|pounds?|ounces?)(?![a-z])|克|千克|毫升|勺|汤匙|茶匙|杯))", re.I)
POST_MIN_WORDS = 4  # comments mode: a shorter line is no reply, whatever its punctuation
SIGN_OFF_WORDS = 8  # a closing line after the article this short, ending as a sentence, stays with it
_SIGN_OFF_ENDS = frozenset(".!?。！？")
# What heads a reply in a thread: its date or time.
_POST_HEADER = re.compile(r"\d{1,4}[-/.年月]\d{1,2}|\d{1,2}:\d\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
                          r"|\b\d+ (?:minutes?|hours?|days?) ago\b|\d+\s*(?:分钟|小时|天)前", re.I)
_NOT_SIGN_OFF = re.compile(r"©|\(c\)|copyright|rights reserved|版权|\d{1,4}[-/.年月]\d{1,2}|[|｜]", re.I)
_PUNCTUATION = ("，", "。", ",", ". ", "；", "、")
_SENTENCE_ENDS = frozenset("。！？!?.…”\"』」)）:：")


def prose_words(line: str) -> int:
    """The words of a stripped line that reads as prose (a CJK character is a word), else 0."""
    chars = len(line)
    # A CJK character takes three bytes in UTF-8: one more than ASCII, twice over.
    cjk = (len(line.encode()) - chars) // 2
    words = cjk + (line.count(" ") + 1 if 2 * cjk < chars else 0)
    if words >= PROSE_MIN_WORDS and (line[-1] in _SENTENCE_ENDS or sum(map(line.count, _PUNCTUATION)) >= 2):
        return words
    return 0


def main_block(lines: Sequence[str], alive: Sequence[bool] | None = None) -> tuple[int, int] | None:
    """[start, end) of the run of lines with the highest score; None when it is no article.

    Lines that are not alive count as blank. A prose line scores its words; g other non-blank
    lines in a row cost PENALTY * g(g+1)/2. The best run starts and ends on prose, so only prose
    lines are visited; the lines between two of them are counted from a running count of
    non-blank lines.
    """
    if alive is None:
        alive = [True] * len(lines)
    # Prose needs PROSE_MIN_WORDS words, so at least as many characters: a cheap first sieve.
    long = [i for i, n in enumerate(map(len, lines)) if n >= PROSE_MIN_WORDS and alive[i]]
    prose = [(i, w) for i in long if (w := prose_words(lines[i].strip()))]
    if not prose:
        return None
    # nonblank[i]: non-blank live lines before line i.
    nonblank = list(accumulate(map(and_, alive, map(bool, map(str.strip, lines))), initial=0))
    best, best_start, best_end = 0.0, 0, 0
    total, start, last = 0.0, prose[0][0], -1
    for i, words in prose:
        between = nonblank[i] - nonblank[last + 1] if last >= 0 else 0
        if between > 1:  # a list of ingredients or bullets inside the article is no boundary
            items = sum(1 for j in range(last + 1, i) if alive[j] and len(lines[j]) <= ITEM_MAX_CHARS
                        and _LIST_ITEM.match(lines[j]))
            between -= items
        gap = PENALTY * between * (between + 1) / 2
        if total - gap < 0:
            total, start = 0.0, i
        else:
            total -= gap
        total += words
        if total > best:
            best, best_start, best_end = total, start, i + 1
        last = i
    return (best_start, best_end) if best >= MIN_ARTICLE else None


def with_sign_off(lines: Sequence[str], alive: Sequence[bool], end: int) -> int:
    """The article's end moved over a short closing sentence right after it ("Enjoy!", "Thanks for reading.")."""
    following = next((i for i in range(end, len(lines)) if alive[i] and lines[i].strip()), None)
    if following is None:
        return end
    line = lines[following].strip()
    if _words(line) <= SIGN_OFF_WORDS and line[-1] in _SIGN_OFF_ENDS and not _NOT_SIGN_OFF.search(line):
        return following + 1
    return end


def later_posts(lines: Sequence[str], alive: Sequence[bool], end: int) -> list[list[int]]:
    """Comments mode: the posts after the article ending at line `end`, each a run of sentence lines.

    A reply is headed by a line with its date or time ("2楼 老李 发表于 2006-05-12 11:02",
    "April 2, 2024 at 10:02 am") or by the output's `[comment]` mark; a run of sentences without one (a teaser, a disclaimer) is no
    post. A post line needs only POST_MIN_WORDS words and a sentence end, or to read as prose:
    replies are short.
    """
    posts: list[list[int]] = []
    dated = in_post = False
    for i in range(end, len(lines)):
        line = lines[i].strip() if alive[i] else ""
        if not line:
            continue
        if prose_words(line) or (line[-1] in _SENTENCE_ENDS and _words(line) >= POST_MIN_WORDS):
            if in_post:
                posts[-1].append(i)
            elif dated:
                posts.append([i])
                in_post = True
            dated = False
        else:
            in_post = False
            # A post of a cleaned page is headed by its mark: cleaning the output again keeps it.
            dated = dated or line == COMMENT_MARK or bool(_POST_HEADER.search(line))
    return posts


def _words(line: str) -> int:
    """Words of a line, a CJK character counting one."""
    cjk = (len(line.encode()) - len(line)) // 2
    return cjk + (line.count(" ") + 1 if 2 * cjk < len(line) else 0)
