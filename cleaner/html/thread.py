"""Threads: posts alike on one page (a forum thread, a blog's comments, a blog's front page).

A thread is told by elements named as posts (a numbered id such as `post_123` or `comment-981`,
or a post-like class such as `post-body`) that recur, each holding sentences, with text between
them (a title, a date, a user). The chosen article text either runs over several of them (a
blog's front page, a thread in one cell: the first is the article) or sits inside one (a forum's
first post). Posts each headed by a title of their own are other articles, not replies.
A block is kept in a post when it reads as a sentence, however short (block_weight with no
per-paragraph offset): author names, dates, "Reply" links and counters are labels and go.
"""
from __future__ import annotations

import re

from cleaner.html.blocks import SKIPPED, Block, PageBlocks
from cleaner.html.scoring import SHORT_LABEL, Tuning, block_weight, effective_length

_SENTENCE = Tuning(prose_offset=0.0)
_SENTENCE_ENDS = tuple(".!?…)\"'”」』。！？）~～")
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "br"})
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^a-z]+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_REPLY_TITLE = re.compile(r"\W*(?:re\b|回复|回覆|答复)", re.IGNORECASE)
# Class words of an element holding one post of many: such an element may recur anywhere.
_POST_WORDS = frozenset({"post", "posts", "entry", "message", "postmessage", "msg", "reply", "floor"})
# A thread's post is at most this many levels above the chosen text; above, page layout repeats.
_THREAD_LEVELS = 10


def reads_as_sentence(block: Block) -> bool:
    """A block worth keeping in a post: text that is no label, date, counter or link list.

    A short one must end as a sentence does: "Re: the title" and a linked list's headline do not.
    """
    if not block.text or block.tag == SKIPPED or block_weight(block, _SENTENCE) <= 0:
        return False
    return effective_length(block.text) >= SHORT_LABEL or block.text.endswith(_SENTENCE_ENDS)


def signature(page: PageBlocks, index: int) -> str:
    """What repeats from post to post: tag, class words and a numbered id, digits left out."""
    element = page.elements[index]
    attrs = element.node.attributes
    classes = ".".join(sorted(_DIGITS.sub("", c) for c in (attrs.get("class") or "").split()))
    ident = attrs.get("id") or ""
    ident = _DIGITS.sub("", ident) if _DIGITS.search(ident) else ""  # an id without a number is unique
    return f"{element.tag}.{classes}#{ident}"


def _holds_sentences(page: PageBlocks, index: int) -> bool:
    element = page.elements[index]
    return any(reads_as_sentence(b) for b in page.blocks[element.first_block:element.end_block])


def thread_posts(page: PageBlocks, start: int, end: int) -> list[int]:
    """The posts (element indices, in page order) of a thread whose one post holds blocks [start, end).

    Posts are named as posts: a numbered id (`post_123`, `comment-981`) or a post-like class
    (`post-body`), whose signature recurs, copies holding sentences with text between them.
    Elements alike inside an article (product boxes, embedded cards) are no posts. First the
    posts the chosen blocks run over; else, going up from them, the post they sit in.
    """
    elements = page.elements
    if end <= start or not elements:
        return []
    e = page.blocks[start].owner
    while e >= 0 and elements[e].end_block < end:
        e = elements[e].parent
    inside = _posts_inside(page, e, start, end)
    if inside:
        return inside
    level = 0
    while e > 0 and level < _THREAD_LEVELS:
        parent = elements[e].parent
        if parent < 0 or elements[parent].tag in ("html", "body"):
            break  # the page's layout (header, main, footer) repeats too, but is no thread
        sig = signature(page, e)
        # A numbered id, or a post-like class, may recur anywhere (each post in its own table).
        if not sig.endswith(".#") and elements[e].tag not in PARAGRAPH_TAGS and _postlike(sig):
            tag = elements[e].tag
            same = [i for i in range(len(elements)) if elements[i].tag == tag and signature(page, i) == sig]
            posts = [i for i in _outermost(page, same) if _holds_sentences(page, i)]
            if len(posts) >= 2 and _apart(page, posts):
                return posts
        e, level = parent, level + 1
    return []


def titled_entries(page: PageBlocks, posts: list[int]) -> bool:
    """Posts each headed by a title of its own (not "Re: ..."): a blog's front page, not a thread.

    Such posts are other articles: the first is the article, the others are no comments.
    """
    elements = page.elements
    for a, b in zip(posts, posts[1:]):
        between = range(elements[a].end_block, elements[b].first_block)
        if not any(_is_title(page, i) for i in between):
            return False
    return True


def _is_title(page: PageBlocks, index: int) -> bool:
    block = page.blocks[index]
    if not block.text or _REPLY_TITLE.match(block.text) or block.owner < 0:
        return False
    return block.tag in _HEADINGS or "title" in _WORDS.split(signature(page, block.owner).lower())


def _postlike(sig: str) -> bool:
    """A numbered id or a post-like class: a signature that may recur anywhere on the page."""
    return not sig.endswith("#") or bool(_POST_WORDS.intersection(_WORDS.split(sig.lower())))


def _posts_inside(page: PageBlocks, chosen: int, start: int, end: int) -> list[int]:
    """Posts alike that the chosen blocks run over (a blog's front page, a thread in one cell)."""
    elements = page.elements
    groups: dict[str, list[int]] = {}
    for i in range(max(chosen, 0) + 1, len(elements)):
        element = elements[i]
        if element.first_block >= end:
            break
        if element.end_block <= start or element.tag in PARAGRAPH_TAGS:
            continue
        sig = signature(page, i)
        if not sig.endswith(".#") and _postlike(sig):
            groups.setdefault(sig, []).append(i)
    best: list[int] = []
    for members in groups.values():
        posts = [i for i in _outermost(page, members) if _holds_sentences(page, i)]
        if len(posts) >= 2 and len(posts) > len(best) and _apart(page, posts):
            best = posts
    return best


def _apart(page: PageBlocks, posts: list[int]) -> bool:
    """Posts are headed apart (a title, a date, a user): text outside them between each two.

    Paragraphs that a CMS wraps one by one in elements alike follow each other with nothing between.
    """
    for a, b in zip(posts, posts[1:]):
        between = page.blocks[page.elements[a].end_block:page.elements[b].first_block]
        if not any(block.text for block in between):
            return False
    return True


def article_post(page: PageBlocks, thread: list[int], start: int, end: int) -> tuple[int, int]:
    """The chosen blocks [start, end) cut to the first post they hold, when they run over several.

    """
    elements = page.elements
    held = [i for i in thread if start < elements[i].end_block and elements[i].first_block < end]
    if len(held) < 2:
        return start, end
    return start, elements[held[0]].end_block


def _outermost(page: PageBlocks, indices: list[int]) -> list[int]:
    """The elements not inside another of them (their block ranges nest)."""
    outer: list[int] = []
    for i in indices:  # in page order: a nested one starts inside the last outer one
        if outer and page.elements[i].first_block < page.elements[outer[-1]].end_block and i > outer[-1] \
                and page.elements[i].end_block <= page.elements[outer[-1]].end_block:
            continue
        outer.append(i)
    return outer


def is_card(page: PageBlocks, index: int) -> bool:
    """An element holding a linked headline: an item of a listing, pointing to another page."""
    element = page.elements[index]
    return any(b.link_count == 1 and len(b.text) >= 15 and b.link_chars >= 0.8 * len(b.text)
               for b in page.blocks[element.first_block:element.end_block])
