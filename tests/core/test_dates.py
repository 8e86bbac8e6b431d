"""Dates in ISO 8601: `date` as ISO, `date_raw` as the page writes it, on every path."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli.main import main
from cleaner.core.dates import dated, iso_date

SHAPES = [
    ("2018-09-10 15:17:31", "2018-09-10T15:17:31"),
    ("2012年01月17日 20:44", "2012-01-17T20:44:00"),
    ("2012年1月7日 20时44分", "2012-01-07T20:44:00"),
    ("２０２１－０３－１５", "2021-03-15"),
    ("2021/3/5", "2021-03-05"),
    ("2021.03.05 08:01", "2021-03-05T08:01:00"),
    ("发布时间：2021-03-15 来源：新华社", "2021-03-15"),
    ("2020년 5월 5일", "2020-05-05"),
    ("2012-01-17T20:44:00+08:00", "2012-01-17T20:44:00+08:00"),
    ("2012-01-17T20:44:00.123+0800", "2012-01-17T20:44:00+08:00"),
    ("2024-03-16T10:30:00Z", "2024-03-16T10:30:00Z"),
    ("March 15, 2021", "2021-03-15"),
    ("15 March 2021 10:30 PM", "2021-03-15T22:30:00"),
    ("Mar. 5th, 2021 10:30 am", "2021-03-05T10:30:00"),
    ("Dienstag, 5. Mai 2020", "2020-05-05"),  # no shape of ours: dateparser reads it
    ("04/11 02:31", None),  # no year: a guessed one would be a wrong date
    ("2021/2/30", None),  # no such day
    ("yesterday 2020", None),  # relative dates are never read
]


@pytest.mark.parametrize("raw,iso", SHAPES, ids=[f"shape{n}" for n in range(len(SHAPES))])
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


def test_dated_keeps_the_raw_string_next_to_the_date():
    assert list(dated({"title": "t", "date": "2012年01月17日 20:44", "source": "s"}).items()) == [
        ("title", "t"), ("date", "2012-01-17T20:44:00"), ("date_raw", "2012年01月17日 20:44"), ("source", "s")]
    assert dated({"date": "04/11 02:31"}) == {"date_raw": "04/11 02:31"}
    assert dated({"title": "t"}) == {"title": "t"}
    once = dated({"date": "2021-03-05"})
    assert dated(once) is once  # what is dated stays as it is


PAGE = "第一篇报道\n发布时间：2012年01月17日 20:44 来源：新华社\n正文第一段，记者从现场获悉有关情况并进行了采访。\n"
HTML = ("<html><head><title>Council approves park</title>"
        '<meta property="article:published_time" content="2012-01-17T20:44:00+08:00"></head><body><article>'
        "<h1>Council approves park</h1><p>The city council voted on Tuesday to turn the old rail yard into a public "
        "park, ending a debate that had lasted for more than a decade in the district.</p></article></body></html>")


def test_text_html_and_records_give_iso_dates(bundled):
    text = cleaner.clean(PAGE, bundled).metadata
    assert text["date"] == "2012-01-17T20:44:00" and text["date_raw"] == "2012年01月17日 20:44"
    html = cleaner.clean(HTML, bundled).metadata
    assert html["date"] == "2012-01-17T20:44:00+08:00" and html["date_raw"] == "2012-01-17T20:44:00+08:00"
    (record,) = cleaner.clean_records([{"text": PAGE}], bundled)
    assert record["cleaner_metadata"]["date"] == "2012-01-17T20:44:00"
    batch = cleaner.clean_batch({"text": [PAGE]}, bundled)
    assert json.loads(batch["cleaner_metadata"][0])["date_raw"] == "2012年01月17日 20:44"


def test_cli_gives_iso_dates(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    r = CliRunner().invoke(main, ["clean", "-q", "--format", "json", str(page)])
    meta = json.loads(r.stdout)["cleaner_metadata"]
    assert r.exit_code == 0 and meta["date"] == "2012-01-17T20:44:00" and meta["date_raw"] == "2012年01月17日 20:44"


def test_a_learned_date_capture_gives_an_iso_date(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.test.yaml").write_text(
        "site: example.test\ndescription: d\nmatch: {fingerprints: ['EXAMPLE-SITE']}\nrules:\n"
        "  - {id: stamp, kind: capture, description: d, pattern: '(?P<date>\\d\\d/\\d\\d \\d\\d:\\d\\d) EXAMPLE-SITE'}\n"
        "  - {id: stamp-year, kind: capture, description: d, pattern: '(?P<date>\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d) 来源'}\n",
        encoding="utf-8")
    loaded = cleaner.load_rules(rules)
    body = "正文第一段，记者从现场获悉有关情况并进行了采访。\n"
    no_year = cleaner.clean("04/11 02:31 EXAMPLE-SITE\n" + body, loaded, main_content=False).metadata
    assert no_year.get("date") is None and no_year["date_raw"] == "04/11 02:31"
    full = cleaner.clean("2012/04/11 02:31 来源\nEXAMPLE-SITE\n" + body, loaded, main_content=False).metadata
    assert full["date"] == "2012-04-11T02:31:00"
