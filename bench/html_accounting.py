"""Is every text block of an HTML page either in the output or in a removal? (issue 11 §2)

Usage: .venv/bin/python bench/html_accounting.py [--corpus NAME ...] [--limit N] [--show N] [--cost]

A page's visible block text is what the HTML path's flattener reads from the page as it came
(scripts, styles and the tags it never reads as text left out; no furniture filter). A block is
accounted for when its text is in the output (the title line included), when an element removal
took it (found again by its selector and its text, as the report finds it), or when a text rule
removed or edited the extracted line that holds it. What is left was dropped silently: no user
can see it or the rule that took it. Prints, per corpus, the characters and pages with silent
drops, and the element removals whose selector is missing or matches no element of their text.
--cost times clean_html on the same pages with and without the html/main-content removals
(alternating, in this one process) and prints the ratio.
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from selectolax.lexbor import LexborHTMLParser, LexborNode  # noqa: E402

from bench.corpora import html_of, manifest_rows  # noqa: E402
from cleaner.html.blocks import flatten, normalize_space  # noqa: E402
from cleaner.html.nesting import limit_nesting  # noqa: E402
from cleaner.html.repair import repair_raw_text  # noqa: E402
from cleaner.html.steps import NESTING_RULE, NOT_TEXT  # noqa: E402
from cleaner.result import Removal, Result  # noqa: E402

CORPORA = ("scrapinghub_aeb", "cwced_zh", "daniel_zh_dev", "readability_cjk")
TEXT_LIMIT = 200  # element removals keep this much of their text (html/steps.py)


@dataclass
class Accounting:
    """One page: its visible characters, the blocks nobody accounts for, the removals that point nowhere."""

    visible: int = 0
    silent: list[str] = field(default_factory=list)
    no_selector: list[Removal] = field(default_factory=list)
    unmatched: list[Removal] = field(default_factory=list)

    @property
    def silent_chars(self) -> int:
        return sum(len(t) for t in self.silent)


def shorten(text: str) -> str:
    """Text as an element removal records it."""
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def matched_elements(tree: LexborHTMLParser, removal: Removal, taken: set[int]) -> LexborNode | None:
    """The first element not yet taken that the removal's selector matches and whose text it holds."""
    try:
        nodes = tree.css(removal.selector or "")
    except Exception:
        return None
    for node in nodes:
        if node.mem_id not in taken and shorten(node.text(deep=True, separator=" ")) == removal.text:
            return node
    return None


def account(html: str, result: Result) -> Accounting:
    """Where each visible block of the page went (result: cleaned with keep_extracted=True).

    A page whose markup an unclosed element swallowed is read as repaired when the cleaner read
    it so (html/repair.py): its removals name elements of the repaired page.
    """
    found = _account(html, result)
    repaired = repair_raw_text(html) if found.unmatched else None
    if repaired is not None:
        again = _account(repaired, result)
        if len(again.unmatched) < len(found.unmatched):
            return again
    return found


def _account(html: str, result: Result) -> Accounting:
    html, _unwrapped = limit_nesting(html)
    tree = LexborHTMLParser(html)
    found = Accounting()
    taken: dict[int, LexborNode] = {}
    pending = []
    for removal in result.removals:
        if removal.line != 0 or removal.rule == NESTING_RULE:
            continue
        if not removal.selector:
            found.no_selector.append(removal)
            continue
        pending.append(removal)
    # Site drops took their elements before scripts and styles went, the rest after (as extract_html).
    for last in (False, True):
        if last:
            for node in tree.css(NOT_TEXT):
                node.decompose()
        left = []
        for removal in pending:
            node = matched_elements(tree, removal, set(taken))
            if node is not None:
                taken[node.mem_id] = node
            else:
                left.append(removal)
        pending = left
    root = tree.body or tree.root
    if root is None:
        return found
    page = flatten(root)
    element_of = {e.node.mem_id: i for i, e in enumerate(page.elements)}
    removed_inline: dict[int, list[str]] = {}  # element index -> texts of removed inline nodes inside it
    for mem_id, node in taken.items():
        if mem_id in element_of:
            continue
        parent = node.parent
        while parent is not None and parent.mem_id not in element_of:
            parent = parent.parent
        if parent is not None:
            text = normalize_space(node.text(deep=True))  # as flatten reads it into the block
            removed_inline.setdefault(element_of[parent.mem_id], []).append(text)
    covered = set()  # blocks a removal of some of an element's blocks took
    for removal in pending:
        run = _blocks_of_run(tree, page, element_of, removal, removed_inline)
        if run:
            covered.update(run)
        else:
            found.unmatched.append(removal)
    edited = _edited_lines(result)
    output = result.text
    for i, block in enumerate(page.blocks):
        if not block.text:
            continue
        found.visible += len(block.text)
        if i in covered or block.text in output or block.text in edited or _inside_taken(page, block.owner, taken):
            continue
        rest = block.text
        for text in removed_inline.get(block.owner, ()):
            rest = rest.replace(text, " ", 1) if text else rest
        rest = " ".join(rest.split())
        if rest and rest not in output:
            found.silent.append(rest)
    return found


def _blocks_of_run(tree: LexborHTMLParser, page, element_of: dict[int, int], removal: Removal,
                   removed_inline: dict[int, list[str]]) -> list[int]:
    """The blocks of one element that a removal of a run of them names (its text, joined, maybe cut)."""
    try:
        nodes = tree.css(removal.selector or "")
    except Exception:
        return []
    text = "".join(removal.text.rstrip("…").split())  # compared without spaces
    for node in nodes:
        owner = element_of.get(node.mem_id)
        if owner is None:
            continue
        element = page.elements[owner]
        own = [i for i in range(element.first_block, element.end_block)
               if page.blocks[i].owner == owner and page.blocks[i].text]
        for k in range(len(own)):
            joined, run = "", []
            for i in own[k:]:
                piece = page.blocks[i].text
                for inline in removed_inline.get(owner, ()):
                    piece = piece.replace(inline, "", 1) if inline else piece
                joined += "".join(piece.split())
                run.append(i)
                # A block may hold furniture its own removal took (the extractor never saw it).
                if text in joined:
                    return run
                if len(joined) > 2 * len(text):
                    break
    return []


def _inside_taken(page, owner: int, taken: dict[int, LexborNode]) -> bool:
    """Whether the block's element or one of its parents is an element a removal took."""
    while owner >= 0:
        if page.elements[owner].node.mem_id in taken:
            return True
        owner = page.elements[owner].parent
    return False


def _edited_lines(result: Result) -> set[str]:
    """Lines of the extracted text that a text rule removed or edited (their text as extracted)."""
    lines = (result.extracted or "").split("\n")
    return {" ".join(lines[r.line - 1].split()) for r in result.removals if 0 < r.line <= len(lines)}


def bench_corpus(corpus: str, limit: int | None, show: int) -> dict[str, float]:
    """Clean every page of a corpus and account for its blocks."""
    from cleaner import RuleSet
    from cleaner.core.html_page import clean_html

    rules = RuleSet.load()
    pages = visible = silent = silent_pages = no_selector = unmatched = removals = 0
    examples: list[tuple[str, str]] = []
    for row in manifest_rows(corpus):
        html = html_of(row, corpus)
        result = clean_html(html, rules, url=row.get("url"), keep_extracted=True)
        found = account(html, result)
        pages += 1
        visible += found.visible
        silent += found.silent_chars
        silent_pages += bool(found.silent)
        no_selector += len(found.no_selector)
        unmatched += len(found.unmatched)
        removals += sum(1 for r in result.removals if r.line == 0 and r.rule != NESTING_RULE)
        examples += [(row["id"], t) for t in found.silent[:3]]
        if limit and pages >= limit:
            break
    for page_id, text in sorted(examples, key=lambda e: -len(e[1]))[:show]:
        print(f"  {corpus}/{page_id}: {text[:120]!r}")
    return {"pages": pages, "visible": visible, "silent": silent, "silent_pages": silent_pages,
            "removals": removals, "no_selector": no_selector, "unmatched": unmatched}


def cost(corpus: str, limit: int | None, rounds: int = 4) -> tuple[float, float]:
    """Seconds for clean_html on the corpus's pages with and without the html/main-content removals."""
    import cleaner.html.extract as extract
    from cleaner import RuleSet
    from cleaner.core.html_page import clean_html

    rules = RuleSet.load()
    rows = list(manifest_rows(corpus))[:limit]
    pages = [(html_of(row, corpus), row.get("url")) for row in rows]
    real = (extract.selection_removals, extract.outside_removals)
    none = (lambda *args: [], lambda *args: [])
    times = [0.0, 0.0]
    for n in range(rounds):
        for html, url in pages:
            order = ((0, real), (1, none)) if n % 2 == 0 else ((1, none), (0, real))  # neither always first
            for k, (selection, outside) in order:
                extract.selection_removals, extract.outside_removals = selection, outside
                start = time.perf_counter()
                clean_html(html, rules, url=url)
                times[k] += time.perf_counter() - start
    extract.selection_removals, extract.outside_removals = real
    return times[0], times[1]


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the corpora, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="corpus to run (repeatable; default: all)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--show", type=int, default=0, help="print the N longest silent drops of each corpus")
    parser.add_argument("--cost", action="store_true", help="time clean_html with and without the removals instead")
    args = parser.parse_args(argv)
    if args.cost:
        print("| corpus | pages | clean_html with / without html/main-content removals |")
        print("|---|---|---|")
        for corpus in args.corpus or CORPORA:
            with_them, without = cost(corpus, args.limit)
            print(f"| {corpus} | {len(list(manifest_rows(corpus))[:args.limit])} | {with_them / without:.3f}× |")
        return 0
    rows = [(corpus, bench_corpus(corpus, args.limit, args.show)) for corpus in args.corpus or CORPORA]
    print("| corpus | pages | visible chars | silently dropped | pages with silent drops "
          "| element removals | without selector | selector matches nothing |")
    print("|---|---|---|---|---|---|---|---|")
    for corpus, r in rows:
        share = r["silent"] / r["visible"] if r["visible"] else 0.0
        print(f"| {corpus} | {r['pages']} | {r['visible']:,} | {r['silent']:,} ({share:.1%}) "
              f"| {r['silent_pages']} ({r['silent_pages'] / max(r['pages'], 1):.0%}) | {r['removals']:,} "
              f"| {r['no_selector']} | {r['unmatched']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
