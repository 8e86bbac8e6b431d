"""The library API: one page, lazy streams of pages and records, columnar batches."""
from __future__ import annotations

import itertools
import json
import os
import pickle
from pathlib import Path

import pytest
from conftest import EXAMPLE_SITE, ROOT, SEEDS

import cleaner
from cleaner import RecordError, Result, RuleFileErrors

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
    assert cleaner.clean("<p>not html</p>", bundled, markup="text").text == "<p>not html</p>\n"


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


def test_clean_records_keeps_fields_and_adds_ours(bundled):
    record = {"id": 7, "metadata": {"dump": "CC-2024"}, "text": ZH.format(n=1), "url": None}
    (out,) = cleaner.clean_records([record], bundled)
    assert list(out) == ["id", "metadata", "text", "url", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert out["metadata"] == {"dump": "CC-2024"} and out["id"] == 7 and out["cleaner_site"] is None
    assert out["cleaner_removed"] == {"zh-news/share-bar": 1}  # the default: counts per rule
    assert record["text"] == ZH.format(n=1)  # the input is not modified
    (full,) = cleaner.clean_records([record], bundled, removed="full")
    assert full["cleaner_removed"] == [{"rule": "zh-news/share-bar", "line": 3, "text": "分享到：微信 微博", "kind": "drop-line"}]
    (lean,) = cleaner.clean_records([record], bundled, removed="none", prefix="x_")
    assert list(lean) == ["id", "metadata", "text", "url", "x_site", "x_metadata"]


def test_to_record_is_what_records_get(bundled):
    result = cleaner.clean(SEED.read_text(encoding="utf-8"), bundled)
    record = result.to_record()
    assert record["cleaner_site"] == result.site == "cri.cn" and "site" not in record["cleaner_metadata"]
    assert record["cleaner_removed"] == {"cri.cn/fororder-images": 4, "zh-news/breadcrumb": 1, "zh-news/byline": 1,
                                         "cri.cn/copyright-statement": 9}
    assert sum(record["cleaner_removed"].values()) == len(result.removals)
    assert result.to_record(removed="full")["cleaner_removed"] == [r.to_dict() for r in result.removals]
    assert list(result.to_record("", "none")) == ["text", "site", "metadata"]
    with pytest.raises(ValueError, match="clean_records: removed must be one of 'none', 'rules', 'full', not 'all'"):
        cleaner.clean_records([], bundled, removed="all")
    with pytest.raises(TypeError, match="clean_batch: prefix must be a string, not int"):
        cleaner.clean_batch({"text": []}, bundled, prefix=1)
    with pytest.raises(ValueError, match="clean_batch: prefix must not be empty"):
        cleaner.clean_batch({"text": []}, bundled, prefix="")


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
    assert list(out) == ["text", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert out["text"] == [cleaner.clean(ZH.format(n=1), bundled).text, "", "plain\n"]
    assert json.loads(out["cleaner_metadata"][0]) == {"title": "第1篇报道", "page_type": "article"}
    assert out["cleaner_site"] == ["", "", "cri.cn"]
    assert json.loads(out["cleaner_removed"][0]) == {"zh-news/share-bar": 1}
    assert out["cleaner_removed"][1] == "{}"
    full = cleaner.clean_batch(batch, bundled, removed="full")
    assert json.loads(full["cleaner_removed"][0])[0]["rule"] == "zh-news/share-bar" and full["cleaner_removed"][1] == "[]"
    assert list(cleaner.clean_batch(batch, bundled, removed="none", prefix="c.")) == ["text", "c.site", "c.metadata"]


def test_clean_batch_html_column_and_missing_column(bundled):
    out = cleaner.clean_batch({"html": ["<html><body><p>" + "正文内容。" * 30 + "</p></body></html>"]}, bundled)
    assert out["text"][0].startswith("正文内容。")
    with pytest.raises(KeyError):
        cleaner.clean_batch({"body": ["x"]}, bundled)


def test_clean_batch_on_a_dataframe(bundled):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [ZH.format(n=1), ZH.format(n=2)], "source": ["a", "b"]})
    df = df.assign(**cleaner.clean_batch(df, bundled))
    assert list(df.columns) == ["text", "source", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert df.loc[1, "text"] == "第2篇报道\n\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"


def test_clean_batch_with_datasets_map_keeps_one_schema(bundled):
    datasets = pytest.importorskip("datasets")
    # Batches whose pages give different metadata keys and removals must still share a schema.
    texts = ["plain text without furniture"] * 3 + [ZH.format(n=n) for n in range(3)] + [SEED.read_text(encoding="utf-8")]
    ds = datasets.Dataset.from_dict({"text": texts})
    ds = ds.map(cleaner.clean_batch, batched=True, batch_size=2, fn_kwargs={"rules": bundled})
    assert ds[6]["text"] == GOLDEN.read_text(encoding="utf-8")
    assert json.loads(ds[6]["cleaner_metadata"])["editor"] == "罗毅"


# --- Wrong values: a clear TypeError/ValueError naming the parameter, never silence ----------------

def test_batch_pages_of_other_types_raise_naming_column_and_row(bundled):
    with pytest.raises(TypeError, match=r'^clean_batch: "text" column, row 1 must be str or bytes, not int$'):
        cleaner.clean_batch({"text": ["page", 1]}, bundled)
    with pytest.raises(TypeError, match=r'^clean_batch: "html" column, row 0 must be str or bytes, not list$'):
        cleaner.clean_batch({"html": [["<p>x</p>"]]}, bundled)
    with pytest.raises(TypeError, match=r'^clean_batch: "url" column, row 0 must be str or None, not int$'):
        cleaner.clean_batch({"text": ["page"], "url": [7]}, bundled)
    with pytest.raises(ValueError, match=r'^clean_batch: the "url" column has 1 rows and the "text" column 2$'):
        cleaner.clean_batch({"text": ["a", "b"], "url": [None]}, bundled)  # zip used to drop row 2
    with pytest.raises(TypeError, match=r"^clean_batch: batch must be a mapping of columns or a DataFrame, not list$"):
        cleaner.clean_batch(["text"], bundled)


def test_bytes_pages_are_decoded_as_the_cli_decodes_files(bundled):
    page = ZH.format(n=1)
    want = cleaner.clean(page, bundled).text
    big5 = "第1篇報導\n\n分享到：微信 微博\n正文第一段，記者從現場獲悉有關情況並進行了採訪。\n"
    out = cleaner.clean_batch({"text": [page.encode("utf-8"), page.encode("gbk"), big5.encode("big5"), None, float("nan")]}, bundled)
    assert out["text"] == [want, want, cleaner.clean(big5, bundled).text, "", ""]
    assert "分享到" not in out["text"][2]
    assert cleaner.clean(page.encode("gb18030"), bundled).text == want
    assert [r.text for r in cleaner.clean_iter([page.encode("gbk"), {"text": page.encode("utf-8")}], bundled)] == [want, want]
    (record,) = cleaner.clean_records([{"text": page.encode("gbk")}], bundled)
    assert record["text"] == want


def test_bytes_that_are_not_text_are_an_input_error(bundled):
    with pytest.raises(cleaner.InputError, match="binary file"):
        cleaner.clean(b"\x00\x01\x02binary\x00" * 10, bundled)
    marked = list(cleaner.clean_records([{"text": b"\x00\x01\x02binary\x00" * 10}], bundled, on_error="mark"))
    assert marked[0]["cleaner_error"].startswith('"text": binary file')


@pytest.mark.parametrize("call,error,message", [
    (lambda r: cleaner.clean(None, r), TypeError, "clean: page must be str or bytes, not NoneType"),
    (lambda r: cleaner.clean(12, r), TypeError, "clean: page must be str or bytes, not int"),
    (lambda r: cleaner.clean("x", r, markup="bogus"), ValueError, "clean: markup must be one of 'auto', 'text', 'html'; got 'bogus'"),
    (lambda r: cleaner.clean("x", r, url=123), TypeError, "clean: url must be str or None, not int"),
    (lambda r: cleaner.clean("x", "my-rules"), TypeError,
     "clean: rules must be a RuleSet or None, not str; load a folder with cleaner.load_rules(path)"),
    (lambda r: cleaner.clean_iter(["x"], r, markup="xml"), ValueError, "clean_iter: markup must be one of 'auto', 'text', 'html'; got 'xml'"),
    (lambda r: cleaner.clean_iter("one page", r), TypeError, "clean_iter: pages must be an iterable of items, not one str; wrap it in a list"),
    (lambda r: list(cleaner.clean_iter(["x", 3], r)), TypeError,
     "clean_iter: page 1 must be str, bytes or a mapping with text or html, not int"),
    (lambda r: list(cleaner.clean_iter([{"text": 3}], r)), RecordError, 'page 0: "text" is a JSON number, not a string'),
    (lambda r: cleaner.clean_records([{"text": "x"}], r, on_error="bogus"), ValueError,
     "clean_records: on_error must be one of 'raise', 'skip', 'mark'; got 'bogus'"),
    (lambda r: cleaner.clean_records({"text": "x"}, r), TypeError,
     "clean_records: records must be an iterable of items, not one dict; wrap it in a list"),
    (lambda r: cleaner.clean_records(5, r), TypeError, "clean_records: records must be an iterable, not int"),
    (lambda r: list(cleaner.clean_records([{"text": {"a"}}], r)), RecordError, 'record 0: "text" is a Python set, not a string'),
    (lambda r: list(cleaner.clean_records([{"text": ["a", "b"]}], r)), RecordError, 'record 0: "text" is a JSON array, not a string'),
    (lambda r: list(cleaner.clean_records(["page"], r)), RecordError, "record 0: record is a JSON string, not an object"),
    (lambda r: cleaner.clean_batch({"text": ["x"]}, r, markup=None), ValueError, "clean_batch: markup must be one of 'auto', 'text', 'html'; got None"),
    (lambda r: cleaner.load_rules(3), TypeError, "load_rules: folders must be paths (str or os.PathLike), not int"),
    (lambda r: cleaner.load_rules(bundled="no"), TypeError, "load_rules: bundled must be True or False, not 'no'"),
])
def test_wrong_arguments_are_named(bundled, call, error, message):
    with pytest.raises(error) as info:
        call(bundled)
    assert str(info.value) == message


def test_argument_errors_are_raised_at_the_call_not_at_the_first_item(bundled):
    # clean_iter and clean_records are generators inside; their arguments are checked eagerly.
    with pytest.raises(ValueError):
        cleaner.clean_records(iter(()), bundled, on_error="never")


def test_lone_surrogates_in_a_page_become_u_fffd(bundled):
    result = cleaner.clean("标题\ud800\n正文第一段，记者从现场获悉有关情况并进行了采访。\udfff", bundled)
    assert "\ufffd" in result.text and "\ud800" not in result.text
    result.text.encode("utf-8")  # strict: no surrogate left
    (record,) = cleaner.clean_records([{"text": "a\udc80b"}], bundled)
    assert record["text"] == "a\ufffdb\n"


# --- One exception hierarchy ---------------------------------------------------------------------

def test_errors_share_one_base_exported_from_the_package():
    from cleaner import io as cleaner_io
    from cleaner.ruleset import model

    for cls in (cleaner.RuleFileErrors, cleaner.RecordError, cleaner.InputError):
        assert issubclass(cls, cleaner.CleanerError) and cls.__name__ in cleaner.__all__
    assert issubclass(cleaner.RecordError, ValueError)  # as before: except ValueError still catches it
    assert cleaner_io.InputError is cleaner.InputError and model.RuleFileErrors is cleaner.RuleFileErrors
    assert "CleanerError" in cleaner.__all__


def test_errors_module_is_a_leaf():
    import ast

    tree = ast.parse(Path(cleaner.errors.__file__).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert all(m and not m.startswith("cleaner") for m in imported) and not any(
        n.level for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))


def test_rule_file_errors_pickle_with_their_errors(tmp_path):
    import pickle

    (tmp_path / "bad.yaml").write_text("site: bad.test\ndescription: x\nrules: [{id: a}]\n", encoding="utf-8")
    with pytest.raises(RuleFileErrors) as info:
        cleaner.load_rules(tmp_path, bundled=False)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.errors == info.value.errors and str(again) == str(info.value)


def test_load_rules_warns_about_a_folder_without_rule_files(tmp_path):
    with pytest.warns(UserWarning, match=r": warning: no rule files \(\*\.yaml\) found$"):
        cleaner.load_rules(tmp_path, bundled=False)


# --- default_rules: once per process, whatever the threads --------------------------------------

def test_default_rules_loads_once_when_threads_ask_at_once(monkeypatch, bundled):
    import threading

    from cleaner import api

    loads = []

    def counting_load():
        loads.append(threading.get_ident())
        return bundled

    monkeypatch.setattr(api, "_default", None)
    monkeypatch.setattr(api, "load_rules", counting_load)
    barrier = threading.Barrier(8)
    got = []

    def ask():
        barrier.wait()  # all eight call at once
        got.append(api.default_rules())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loads) == 1 and len(got) == 8 and all(r is bundled for r in got)


# --- Pickling: rule sets travel to worker processes as their source --------------------------------

def _custom_rules(tmp_path):
    from conftest import EXAMPLE_SITE

    (tmp_path / "example.test.yaml").write_text(EXAMPLE_SITE, encoding="utf-8")
    return cleaner.load_rules(tmp_path)


def _pages() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return pages + ["EXAMPLE-SITE\nBANNER top\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"]


def test_pickled_rule_set_cleans_the_seeds_alike(tmp_path):
    import pickle

    rules = _custom_rules(tmp_path)
    again = pickle.loads(pickle.dumps(rules))
    assert list(again.files) == list(rules.files)
    assert [cleaner.clean(p, again) for p in _pages()] == [cleaner.clean(p, rules) for p in _pages()]
    assert cleaner.clean(_pages()[-1], again).site == "example.test"
    options = cleaner.Options(main_content=False)
    assert pickle.loads(pickle.dumps(options)) == options


def test_pickled_rule_set_keeps_errors_and_the_override_order(tmp_path):
    import pickle

    (tmp_path / "cri.cn.yaml").write_text("site: cri.cn\ndescription: mine\nmatch: {hosts: [cri.cn]}\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("site: bad.test\n", encoding="utf-8")
    rules = cleaner.RuleSet.load([tmp_path])
    again = pickle.loads(pickle.dumps(rules))
    assert again.files["cri.cn"].description == "mine" and list(again.files) == list(rules.files)
    assert again.errors == rules.errors and again.errors


def test_rule_set_in_a_spawned_process_pool(tmp_path):
    import multiprocessing

    rules = _custom_rules(tmp_path)
    pages = _pages()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        texts = [r.text for r in pool.starmap(cleaner.clean, [(p, rules) for p in pages])]
    assert texts == [cleaner.clean(p, rules).text for p in pages]


def test_rule_set_in_datasets_map_with_two_processes(tmp_path):
    datasets = pytest.importorskip("datasets")
    rules = _custom_rules(tmp_path)
    pages = _pages()
    ds = datasets.Dataset.from_dict({"text": pages})
    ds = ds.map(cleaner.clean_batch, batched=True, batch_size=2, num_proc=2, fn_kwargs={"rules": rules})
    assert ds["text"] == [cleaner.clean(p, rules).text for p in pages]


def test_batch_row_without_text_reads_its_html_as_records_do(bundled):
    html = "<html><body><article><p>" + "正文内容。" * 30 + "</p></article></body></html>"
    out = cleaner.clean_batch({"text": [ZH.format(n=1), None, None], "html": ["<p>unused</p>", html, None]}, bundled)
    (record,) = cleaner.clean_records([{"text": None, "html": html}], bundled)
    assert out["text"][0] == cleaner.clean(ZH.format(n=1), bundled).text
    assert out["text"][1] == record["text"] and out["text"][1].startswith("正文内容。")  # it used to be ""
    assert out["text"][2] == ""
    with pytest.raises(ValueError, match=r'^clean_batch: the "html" column has 1 rows and the "text" column 2$'):
        cleaner.clean_batch({"text": ["a", "b"], "html": ["x"]}, bundled)


def test_comments_on_request_in_clean_records_and_clean_batch(bundled):
    page = (ROOT / "seeds" / "006_constructed_en_blog_comments.html").read_text(encoding="utf-8")
    assert "[comment]" not in cleaner.clean(page, bundled).text
    result = cleaner.clean(page, bundled, comments=True)
    assert result.text.count("\n\n[comment]\n\n") == 3 and len(result.metadata["comments"]) == 3
    record = next(cleaner.clean_records([{"html": page}], bundled, comments=True))
    assert record["text"] == result.text and record["cleaner_metadata"]["comments"] == result.metadata["comments"]
    batch = cleaner.clean_batch({"html": [page, page]}, bundled, comments=True)
    assert batch["text"] == [result.text, result.text]
    assert json.loads(batch["cleaner_metadata"][0])["comments"] == result.metadata["comments"]
    with pytest.raises(TypeError, match="comments must be True or False"):
        cleaner.clean(page, bundled, comments="yes")


def test_columns_are_named_as_the_data_names_them(bundled):
    html = "<html><body><article><p>" + "正文内容。" * 30 + "</p></article></body></html>"
    batch = {"content": [ZH.format(n=1), None], "raw": [None, html], "link": ["https://news.cri.cn/a", None]}
    out = cleaner.clean_batch(batch, bundled, text_column="content", html_column="raw", url_column="link")
    assert list(out) == ["content", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert out["content"][0] == cleaner.clean(ZH.format(n=1), bundled).text and out["cleaner_site"][0] == "cri.cn"
    assert out["content"][1].startswith("正文内容。")
    with pytest.raises(KeyError, match='batch has no "content" or "html" column'):
        cleaner.clean_batch({"text": ["x"]}, bundled, text_column="content")
    with pytest.raises(TypeError, match=r"clean_batch: text_column must be a column name \(str\), not list"):
        cleaner.clean_batch(batch, bundled, text_column=["content"])
    (record,) = cleaner.clean_records([{"id": 1, "content": ZH.format(n=2)}], bundled, text_column="content")
    assert list(record) == ["id", "content", "cleaner_site", "cleaner_metadata", "cleaner_removed"]
    assert record["content"] == cleaner.clean(ZH.format(n=2), bundled).text
    with pytest.raises(RecordError, match='record 0: record has no "content" or "html" field'):
        list(cleaner.clean_records([{"text": "x"}], bundled, text_column="content"))


_HASH_AND_MAP = """
import sys, warnings, logging
import cleaner, datasets
from datasets.fingerprint import Hasher
logging.captureWarnings(True)
rules = cleaner.load_rules(sys.argv[1])
ds = datasets.load_from_disk(sys.argv[2])
out = ds.map(cleaner.clean_batch, batched=True, fn_kwargs={"rules": rules, "text_column": "content"})
print(rules.fingerprint, Hasher.hash(rules), out._fingerprint, out.cache_files[0]["filename"])
"""


def test_datasets_hashes_the_rules_alike_in_every_process_and_reuses_its_cache(tmp_path):
    datasets = pytest.importorskip("datasets")
    import subprocess
    import sys

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "example.test.yaml").write_text(EXAMPLE_SITE, encoding="utf-8")
    datasets.Dataset.from_dict({"content": [ZH.format(n=n) for n in range(4)]}).save_to_disk(str(tmp_path / "ds"))
    runs = []
    for _ in range(2):  # two processes: the cache key must not depend on anything of one process
        run = subprocess.run([sys.executable, "-c", _HASH_AND_MAP, str(rules_dir), str(tmp_path / "ds")],
                             capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert run.returncode == 0, run.stderr
        assert "hashed properly" not in run.stderr and "random hash" not in run.stderr
        runs.append((run.stdout.split(), run.stderr))
        if len(runs) == 1:
            cache = Path(runs[0][0][3])
            stamp = cache.stat().st_mtime_ns
    (first, _made), (second, reused) = runs
    assert first == second and cache.is_file()
    assert cache.stat().st_mtime_ns == stamp and "Map" not in reused  # the second run read the cache, not mapped


def test_rule_set_fingerprint_follows_the_rules_not_where_they_were_loaded(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / "example.test.yaml").write_text(EXAMPLE_SITE, encoding="utf-8")
    fingerprint = cleaner.load_rules(one).fingerprint
    assert len(fingerprint) == 32 and fingerprint == cleaner.load_rules(two).fingerprint
    assert fingerprint == pickle.loads(pickle.dumps(cleaner.load_rules(one))).fingerprint
    assert fingerprint != cleaner.load_rules().fingerprint != cleaner.load_rules(one, bundled=False).fingerprint
    (two / "example.test.yaml").write_text(EXAMPLE_SITE.replace("'^BANNER'", "'^BANNERS'"), encoding="utf-8")
    assert cleaner.load_rules(two).fingerprint != fingerprint
