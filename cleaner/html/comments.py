"""Reader comments and the posts of a thread: found, split into posts, kept after the article on request.

Two shapes. A comment section is an element named for comments (`comments`, `commentlist`,
`disqus`, ...), which the furniture filter leaves out of the article; its blocks are read again
here. A thread's other posts come from thread.py. Inside either, a block is kept when it reads
as a sentence (thread.reads_as_sentence). A section's posts are the repeated element that holds
the kept blocks (threads nest: a block belongs to its innermost post).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from selectolax.lexbor import LexborNode

from cleaner.html.blocks import PageBlocks, flatten
from cleaner.html.boilerplate import FURNITURE_TAGS, class_id_tokens, furniture_reason
from cleaner.html.fast import run_texts
from cleaner.html.selectors import css_path
from cleaner.html.steps import element_removal, furniture_removals, shorten
from cleaner.html.thread import PARAGRAPH_TAGS, reads_as_sentence, signature
from cleaner.result import COMMENT_MARK, Removal

COMMENTS_RULE = "html/comments"  # what a comment section lost (labels, dates, links) in comments mode
COMMENT_WORDS = frozenset({"comment", "comments", "commentlist", "disqus", "replies"})
# Names of the parts around comments that are not comments: the form, links and counters.
_NOT_A_SECTION = frozenset({"respond", "form", "count", "counter", "link", "links", "button", "btn",
                            "number", "num", "icon", "toggle", "title", "header", "nav",
                            # widgets listing the site's latest or most commented posts
                            "recent", "latest", "new", "newest", "top", "most", "hot", "popular",
                            "rank", "ranking", "widget", "sidebar"})


@dataclass(frozen=True)
class Comments:
    """Posts kept after the article (each a list of paragraphs), and what was left out of them."""

    posts: list[list[str]]
    dropped: list[tuple[str, LexborNode]]  # what comment sections lost (labels, dates, the form), with its element
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


def split_posts(page: PageBlocks, kept: list[int]) -> list[list[int]]:
    """Kept blocks grouped by post: the repeated element that holds most of them, innermost first."""
    holders: dict[str, set[int]] = {}
    chains: dict[int, list[tuple[int, str]]] = {}
    for i in kept:
        chain = []
        e = page.blocks[i].owner
        while e > 0:
            if page.elements[e].tag not in PARAGRAPH_TAGS:
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


def section_posts(node: LexborNode) -> tuple[list[list[str]], list[tuple[str, LexborNode]]]:
    """The posts of one comment section and the texts left out of them."""
    page = flatten(node, _inner_skip)
    kept = [i for i, b in enumerate(page.blocks) if reads_as_sentence(b)]
    keep = set(kept)
    dropped = [(b.text, page.elements[b.owner].node if b.owner >= 0 else node)
               for i, b in enumerate(page.blocks) if b.text and i not in keep]
    dropped += [(n.text(deep=True, separator=" ").strip(), n) for n, _ in page.skipped]
    return [[page.blocks[i].text for i in post] for post in split_posts(page, kept)], [d for d in dropped if d[0]]


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
    dropped: list[tuple[str, LexborNode]] = []
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
    removed += [element_removal(COMMENTS_RULE, shorten(text), css_path(node)) for text, node in found.dropped]
    return texts, removed



def later_posts(page: PageBlocks, thread: list[int], weights: Sequence[float], start: int, end: int) -> list[Removal]:
    """Removals for the thread's posts in blocks [start, end), cut off after the article's own."""
    removed = []
    for index in thread:
        element = page.elements[index]
        if start <= element.first_block and element.end_block <= end:
            text = " ".join(run_texts(page, weights, element.first_block, element.end_block))
            if text:
                removed.append(element_removal(COMMENTS_RULE, shorten(text), css_path(element.node)))
    return removed
