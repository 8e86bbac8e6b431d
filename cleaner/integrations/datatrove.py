"""A datatrove pipeline step: each Document's text (scraped text, or HTML as a WARC reader gives it) cleaned.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor(pipeline=[JsonlReader("in/"), CleanerStep(), JsonlWriter("out/")], tasks=4).run()

Like datatrove's own Trafilatura extractor, the step replaces `doc.text`; the page's facts go
into `doc.metadata` under the names every output of cleaner uses (`cleaner_site`,
`cleaner_metadata`, `cleaner_removed`; as JSON strings with json_strings=True, for Parquet,
whose schema cannot change from batch to batch), and removals are counted in datatrove's stats
(per rule as `removed/RULE-ID`). comments=True keeps reader comments and a thread's posts after
the article, each after a `[comment]` paragraph, and lists them in the metadata as `comments`.
The rules are loaded once per task, in the process that runs it (the step itself is pickled to
the workers as a few strings). Needs `pip install 'cleaner[datatrove]'`.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

try:
    from datatrove.pipeline.base import PipelineStep
except ImportError:  # the step is an optional extra
    raise ImportError("the datatrove step needs datatrove: pip install 'cleaner[datatrove]'") from None

from cleaner.core.cleaner import Cleaner
from cleaner.options import Markup, Options
from cleaner.result import PREFIX, Fields, RemovedShape
from cleaner.ruleset.ruleset import RuleSet
from cleaner.run.records import page_text

if TYPE_CHECKING:
    from datatrove.data import DocumentsPipeline

__all__ = ["CleanerStep"]


class CleanerStep(PipelineStep):
    """Clean every Document's text with the rules; documents left empty are dropped (drop_empty)."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, rule_dirs: Sequence[str | Path] = (), *, bundled: bool = True, markup: Markup = "auto",
                 main_content: bool = True, comments: bool = False, prefix: str = PREFIX,
                 removed: RemovedShape = "rules", url_key: str = "url", drop_empty: bool = True,
                 json_strings: bool = False) -> None:
        super().__init__()
        self.rule_dirs = [str(d) for d in rule_dirs]
        self.bundled = bundled
        # checked here, not in a worker
        self.options = Options(markup=markup, main_content=main_content, comments=comments)
        self.fields = Fields(prefix, removed)
        self.url_key, self.drop_empty = url_key, drop_empty
        # Parquet (Arrow) needs one schema for every batch: metadata and removals whose keys vary
        # from page to page go as JSON strings, as clean_batch gives them.
        self.json_strings = json_strings

    def load(self) -> Cleaner:
        """The rules and options of this step: once per task."""
        rules = RuleSet.load([Path(d) for d in self.rule_dirs], bundled=self.bundled)
        if rules.errors:
            raise ValueError("rule files with errors:\n" + "\n".join(map(str, rules.errors)))
        return Cleaner(rules, self.options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean the documents of one task, in order."""
        if data is None:
            return
        cleaner = self.load()
        warned = False
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                try:
                    url = doc.metadata.get(self.url_key)
                    result = cleaner.clean(page_text(doc.text), url if isinstance(url, str) and url else None)
                except Exception as exc:  # one page that breaks the cleaner must not stop the task
                    self.stat_update("clean_error")
                    if not warned:
                        from datatrove.utils.logging import logger

                        logger.warning(f"cleaner: {type(exc).__name__}: {exc} (document {doc.id}); such documents "
                                       "are dropped and counted as clean_error")
                        warned = True
                    continue
            record = self.fields.of(result)
            doc.text = record.pop("text")
            if self.json_strings:
                site = f"{self.fields.prefix}site"
                record = {k: result.site or "" if k == site else json.dumps(v, ensure_ascii=False) for k, v in record.items()}
            doc.metadata.update(record)
            self._count(result.removals)
            if doc.text or not self.drop_empty:
                self.stat_update("forwarded")
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update("dropped")

    def _count(self, removals: Sequence[Any]) -> None:
        if removals:
            self.stat_update("removals", value=len(removals))
        else:
            self.stat_update("unchanged")
        for rule, n in Counter(r.rule for r in removals).items():
            self.stat_update(f"removed/{rule}", value=n)
