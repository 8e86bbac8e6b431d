"""Reader comments and the posts of a thread: found, split into posts, kept after the article on request.

Two shapes. A comment section is an element named for comments (`comments`, `commentlist`,
`disqus`, ...), which the furniture filter leaves out of the article; its blocks are read again
here. A thread is a page whose article is one post among several alike: the nearest element
around the chosen text whose class/id signature (digits ignored: `post_123`) repeats under the
same parent, most copies holding text. Inside either, a block is kept when it reads as a
sentence, however short (block_weight with no per-paragraph offset): author names, dates,
"Reply" links and counters are labels and go. Posts are the repeated element that holds the
kept blocks (threads nest: a block belongs to its innermost post).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from cleaner.html.blocks import SKIPPED, Block, PageBlocks, flatten
from cleaner.html.boilerplate import FURNITURE_TAGS, class_id_tokens, furniture_reason
from cleaner.html.scoring import SHORT_LABEL, Tuning, block_weight, effective_length
from cleaner.html.steps import element_removal, furniture_removals, shorten
from cleaner.result import COMMENT_MARK, Removal

COMMENTS_RULE = "html/comments"  # what a comment section lost (labels, dates, links) in comments mode
COMMENT_WORDS = frozenset({"comment", "comments", "commentlist", "disqus", "replies"})
# Names of the parts around comments that are not comments: the form, links and counters.
_NOT_A_SECTION = frozenset({"respond", "form", "count", "counter", "link", "links", "button", "btn",
                            "number", "num", "icon", "toggle", "title", "header", "nav",
                            # widgets listing the site's latest or most commented posts
                            "recent", "latest", "new", "newest", "top", "most", "hot", "popular",
                            "rank", "ranking", "widget", "sidebar"})
_SENTENCE = Tuning(prose_offset=0.0)
_SENTENCE_ENDS = tuple(".!?…)\"'”」』。！？）~～")
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "br"})
_DIGITS = re.compile(r"\d+")
# A thread's post is at most this many levels above the chosen text; above, page layout repeats.
_THREAD_LEVELS = 10
_THREAD_MIN_POSTS = 3


@dataclass(frozen=True)
class Comments:
    """Posts kept after the article (each a list of paragraphs), and what was left out of them."""

    posts: list[list[str]]
    dropped: list[str]  # texts of the blocks inside comment sections that were not kept
    sections: frozenset[int] = frozenset()  # mem_id of the comment sections read


def is_comment_section(node: LexborNode) -> bool:
    """An element named for comments (not the comment form, a counter or a link to them)."""
    if node.tag in ("form", "a", "button", "h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    tokens = class_id_tokens(node.attributes)
    if any(_NOT_A_SECTION.intersection(words) for _, words in tokens):
        return False
    return any(COMMENT_WORDS.intersection(words) for _, words in tokens)


def _inner_skip(node: LexborNode, tag: str) -> tuple[str, int] | None:
    """Furniture inside a comment section: as on the page, but comment words do not count."""
    found = furniture_reason(node, tag)
    if found is None:
        return None
    if tag not in FURNITURE_TAGS and any(COMMENT_WORDS.intersection(w) for _, w in class_id_tokens(node.attributes)):
        return None
    return found[0], len(node.text(deep=True))


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


def split_posts(page: PageBlocks, kept: list[int]) -> list[list[int]]:
    """Kept blocks grouped by post: the repeated element that holds most of them, innermost first."""
    holders: dict[str, set[int]] = {}
    chains: dict[int, list[tuple[int, str]]] = {}
    for i in kept:
        chain = []
        e = page.blocks[i].owner
        while e > 0:
            if page.elements[e].tag not in _PARAGRAPH_TAGS:
                sig = signature(page, e)
                chain.append((e, sig))
                holders.setdefault(sig, set()).add(e)
            e = page.elements[e].parent
        chains[i] = chain

    def rank(sig: str) -> tuple[int, bool, int]:
        covered = sum(1 for i in kept if any(s == sig for _, s in chains[i]))
        return covered, not sig.endswith(".#"), -len(holders[sig])

    repeated = [sig for sig, found in holders.items() if len(found) >= 2]
    if not repeated:
        return [kept] if kept else []
    best = max(repeated, key=rank)
    groups: dict[int, list[int]] = {}
    for i in kept:
        post = next((e for e, s in chains[i] if s == best), -1 - i)  # outside every post: a post of its own
        groups.setdefault(post, []).append(i)
    return list(groups.values())


def section_posts(node: LexborNode) -> tuple[list[list[str]], list[str]]:
    """The posts of one comment section and the texts left out of them."""
    page = flatten(node, _inner_skip)
    kept = [i for i, b in enumerate(page.blocks) if reads_as_sentence(b)]
    keep = set(kept)
    dropped = [b.text for i, b in enumerate(page.blocks) if b.text and i not in keep]
    dropped += [n.text(deep=True, separator=" ").strip() for n, _ in page.skipped]
    return [[page.blocks[i].text for i in post] for post in split_posts(page, kept)], [d for d in dropped if d]


def _holds_sentences(page: PageBlocks, index: int) -> bool:
    element = page.elements[index]
    return any(reads_as_sentence(b) for b in page.blocks[element.first_block:element.end_block])


def thread_posts(page: PageBlocks, start: int, end: int) -> list[int]:
    """The posts (element indices, in page order) of a thread whose one post holds blocks [start, end).

    Going up from the chosen text: an element with a numbered id (`post_123`, `comment-981`)
    whose signature recurs anywhere, or one with a class that recurs among its siblings, most
    copies holding sentences. Failing that, the chosen element's own children when they are
    items alike, most of them linked headlines (a listing's entries).
    """
    elements = page.elements
    if end <= start or not elements:
        return []
    e = page.blocks[start].owner
    while e >= 0 and elements[e].end_block < end:
        e = elements[e].parent
    chosen, level = e, 0
    while e > 0 and level < _THREAD_LEVELS:
        parent = elements[e].parent
        if parent < 0 or elements[parent].tag in ("html", "body"):
            break  # the page's layout (header, main, footer) repeats too, but is no thread
        sig = signature(page, e)
        if not sig.endswith(".#") and elements[e].tag not in _PARAGRAPH_TAGS:
            numbered = not sig.endswith("#")
            same = [i for i in range(len(elements)) if (numbered or elements[i].parent == parent)
                    and elements[i].tag == elements[e].tag and signature(page, i) == sig]
            posts = [i for i in _outermost(page, same) if _holds_sentences(page, i)]
            if len(posts) >= 2 and (numbered or 2 * len(posts) >= len(same)):
                return posts
        e, level = parent, level + 1
    return _alike_children(page, chosen) if chosen >= 0 else []


def _outermost(page: PageBlocks, indices: list[int]) -> list[int]:
    """The elements not inside another of them (their block ranges nest)."""
    outer: list[int] = []
    for i in indices:  # in page order: a nested one starts inside the last outer one
        if outer and page.elements[i].first_block < page.elements[outer[-1]].end_block and i > outer[-1] \
                and page.elements[i].end_block <= page.elements[outer[-1]].end_block:
            continue
        outer.append(i)
    return outer


def _alike_children(page: PageBlocks, index: int) -> list[int]:
    """Children of the element that share a class signature and are mostly linked headlines."""
    groups: dict[str, list[int]] = {}
    for i in range(index + 1, len(page.elements)):
        if page.elements[i].first_block >= page.elements[index].end_block:
            break
        if page.elements[i].parent == index and page.elements[i].tag not in _PARAGRAPH_TAGS:
            sig = signature(page, i)
            if not sig.endswith(".#"):
                groups.setdefault(sig, []).append(i)
    for items in groups.values():
        cards = [i for i in items if is_card(page, i)]
        if len(items) >= _THREAD_MIN_POSTS and 2 * len(cards) > len(items):
            return items
    return []


def find_comments(page: PageBlocks, start: int, thread: list[int]) -> Comments:
    """The thread's other posts, then the posts of the comment sections the furniture filter left out."""
    posts: list[list[str]] = []
    for index in thread:
        element = page.elements[index]
        if element.first_block <= start < element.end_block:
            continue  # the article's own post
        texts = [b.text for b in page.blocks[element.first_block:element.end_block] if reads_as_sentence(b)]
        if texts:
            posts.append(texts)
    dropped: list[str] = []
    sections = set()
    for node, _reason in page.skipped:
        if is_comment_section(node):
            found, left = section_posts(node)
            posts += found
            dropped += left
            sections.add(node.mem_id)
    return Comments(posts, dropped, frozenset(sections))


def with_comments(page: PageBlocks, start: int, thread: list[int], texts: list[str],
                  removed: list[Removal]) -> tuple[list[str], list[Removal]]:
    """The article's paragraphs with each post after a COMMENT_MARK; the removals with what posts left out."""
    found = find_comments(page, start, thread)
    seen = set(texts)  # a section that repeats the article (a print view, a quote) adds nothing
    for post in found.posts:
        post = [p for p in post if p not in seen]
        if post:
            texts = texts + [COMMENT_MARK, *post]
    removed = removed + furniture_removals(page, keep=found.sections)
    removed += [element_removal(COMMENTS_RULE, shorten(text)) for text in found.dropped]
    return texts, removed


def is_card(page: PageBlocks, index: int) -> bool:
    """An element holding a linked headline: an item of a listing, pointing to another page."""
    element = page.elements[index]
    return any(b.link_count == 1 and len(b.text) >= 15 and b.link_chars >= 0.8 * len(b.text)
               for b in page.blocks[element.first_block:element.end_block])
