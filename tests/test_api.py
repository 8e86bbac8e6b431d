"""The library API: one page, lazy streams of pages and records, columnar batches."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import cleaner
from cleaner import RecordError, Result, RuleFileErrors
from conftest import ROOT, SEEDS

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"
ZH = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"


def test_public_names():
    for name in ("load_rules", "default_rules", "clean", "clean_iter", "clean_records", "clean_batch", "RuleSet", "Result"):
        assert name in cleaner.__all__ and hasattr(cleaner, name)


def test_package_is_typed():
    assert (Path(cleaner.__file__).parent / "py.typed").exists()


def test_clean_one_page_is_the_golden_text(bundled):
    result = cleaner.clean(SEED.read_text(encoding="utf-8"), bundled)
    assert isinstance(result, Result)
    assert result.text == GOLDEN.read_text(encoding="utf-8")
    assert result.metadata["editor"] == "罗毅" and result.site == "cri.cn"


def test_clean_defaults_to_bundled_rules_loaded_once():
    assert cleaner.default_rules() is cleaner.default_rules()
    assert cleaner.clean(SEED.read_text(encoding="utf-8")).text == GOLDEN.read_text(encoding="utf-8")


def test_clean_with_url_and_kind(bundled):
    text = "南京国博_fororder_国博bannner4\n标题\n正文。"
    assert cleaner.clean(text, bundled, url="https://news.cri.cn/x.html").site == "cri.cn"
    assert cleaner.clean("<p>not html</p>", bundled, kind="text").text == "<p>not html</p>\n"


def test_load_rules_raises_on_a_bad_file(tmp_path):
    (tmp_path / "bad.yaml").write_text("site: bad.test\ndescription: x\nrules: [{id: a}]\n", encoding="utf-8")
    with pytest.raises(RuleFileErrors):
        cleaner.load_rules(tmp_path)
    assert cleaner.load_rules(bundled=False).files == {}


def test_clean_iter_is_lazy_and_ordered(bundled):
    consumed = []

    def pages():
        for n in itertools.count(1):
            consumed.append(n)
            yield ZH.format(n=n) if n % 2 else {"text": ZH.format(n=n), "url": None}

    results = cleaner.clean_iter(pages(), bundled)
    assert consumed == []  # a generator: nothing happens before it is iterated
    first = list(itertools.islice(results, 4))
    assert [r.metadata["title"] for r in first] == [f"第{n}篇报道" for n in range(1, 5)]
    assert consumed == [1, 2, 3, 4]  # one page in, one result out: never reads ahead
    assert all("分享到" not in r.text for r in first)


def test_clean_records_keeps_fields_and_adds_two(bundled):
    record = {"id": 7, "metadata": {"dump": "CC-2024"}, "text": ZH.format(n=1), "url": None}
    (out,) = cleaner.clean_records([record], bundled)
    assert list(out) == ["id", "metadata", "text", "url", "cleaner_metadata", "cleaner_removed"]
    assert out["metadata"] == {"dump": "CC-2024"} and out["id"] == 7
    assert out["cleaner_removed"] == [{"rule": "zh-news/share-bar", "line": 3, "text": "分享到：微信 微博", "kind": "drop-line"}]
    assert record["text"] == ZH.format(n=1)  # the input is not modified


def test_clean_records_html_field(bundled):
    (out,) = cleaner.clean_records([{"html": "<html><body><article><p>" + "正文内容。" * 30 + "</p></article></body></html>"}], bundled)
    assert out["text"].startswith("正文内容。") and out["html"].startswith("<html>")


@pytest.mark.parametrize("bad,reason", [
    (["not", "an", "object"], "record is a JSON array, not an object"),
    ({"id": 1}, 'record has no "text" or "html" field'),
    ({"text": 12}, '"text" is a JSON number, not a string'),
    ({"text": "x", "url": 3}, '"url" is a JSON number, not a string'),
])
def test_clean_records_errors(bundled, bad, reason):
    good = {"text": ZH.format(n=1)}
    with pytest.raises(RecordError, match=f"^record 1: {reason}$"):
        list(cleaner.clean_records([good, bad, good], bundled))
    assert len(list(cleaner.clean_records([good, bad, good], bundled, on_error="skip"))) == 2
    marked = list(cleaner.clean_records([good, bad, good], bundled, on_error="mark"))
    assert marked[1]["cleaner_error"] == reason and "cleaner_error" not in marked[0]


def test_clean_batch_columns(bundled):
    batch = {"id": [1, 2, 3], "text": [ZH.format(n=1), None, "plain"], "url": [None, None, "https://news.cri.cn/a"]}
    out = cleaner.clean_batch(batch, bundled)
    assert list(out) == ["text", "cleaner_metadata", "cleaner_removed"]
    assert out["text"] == [cleaner.clean(ZH.format(n=1), bundled).text, "", "plain\n"]
    assert json.loads(out["cleaner_metadata"][0]) == {"title": "第1篇报道"}
    assert json.loads(out["cleaner_metadata"][2])["site"] == "cri.cn"
    assert json.loads(out["cleaner_removed"][0])[0]["rule"] == "zh-news/share-bar"
    assert out["cleaner_removed"][1] == "[]"


def test_clean_batch_html_column_and_missing_column(bundled):
    out = cleaner.clean_batch({"html": ["<html><body><p>" + "正文内容。" * 30 + "</p></body></html>"]}, bundled)
    assert out["text"][0].startswith("正文内容。")
    with pytest.raises(KeyError):
        cleaner.clean_batch({"body": ["x"]}, bundled)


def test_clean_batch_on_a_dataframe(bundled):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [ZH.format(n=1), ZH.format(n=2)], "source": ["a", "b"]})
    df = df.assign(**cleaner.clean_batch(df, bundled))
    assert list(df.columns) == ["text", "source", "cleaner_metadata", "cleaner_removed"]
    assert df.loc[1, "text"] == "第2篇报道\n\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"


def test_clean_batch_with_datasets_map_keeps_one_schema(bundled):
    datasets = pytest.importorskip("datasets")
    # Batches whose pages give different metadata keys and removals must still share a schema.
    texts = ["plain text without furniture"] * 3 + [ZH.format(n=n) for n in range(3)] + [SEED.read_text(encoding="utf-8")]
    ds = datasets.Dataset.from_dict({"text": texts})
    ds = ds.map(cleaner.clean_batch, batched=True, batch_size=2, fn_kwargs={"rules": bundled})
    assert ds[6]["text"] == GOLDEN.read_text(encoding="utf-8")
    assert json.loads(ds[6]["cleaner_metadata"])["editor"] == "罗毅"
