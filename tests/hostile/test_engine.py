"""Red team, engine: the CLI's output, cleaned again, is the same output."""
from __future__ import annotations

from pathlib import Path

from harness import cli, leftovers

BODY = "记者从现场获悉有关情况并进行了采访，相关工作正在推进之中。\n"  # 12 Han in a row: the zh-news pack applies


def test_clean_twice_is_clean_once_at_a_limit_boundary(tmp_path: Path):
    # The bundled byline rule reaches the first 60 lines: 作者：王明 is line 61 as given, line 60
    # once 作者：李华 is gone. A second run used to remove it.
    page = tmp_path / "page.txt"
    page.write_text("作者：李华\n" + "".join(f"第{n}段：{BODY}" for n in range(59)) + "作者：王明\n", encoding="utf-8")
    once, twice = tmp_path / "once", tmp_path / "twice"
    first = cli("clean", page, "-o", once, "--no-main-content", "-q")
    assert first.code == 0, first.stderr
    second = cli("clean", once / "page.txt", "-o", twice, "--no-main-content", "-q")
    assert second.code == 0, second.stderr
    out = (once / "page.txt").read_text(encoding="utf-8")
    assert "王明" not in out
    assert (twice / "page.txt").read_text(encoding="utf-8") == out
    assert leftovers(tmp_path) == []


def test_clean_twice_is_clean_once_with_main_content(tmp_path: Path):
    # Main-content selection drops a long menu: the byline's reach counts the lines left.
    menu = "".join(f"栏目{n}\n" for n in range(70))
    posts = "".join(f"2005-06-{n + 10:02d} 03:25:55\n\n{BODY * 2}" for n in range(3))
    page = tmp_path / "blog.txt"
    page.write_text(menu + posts, encoding="utf-8")
    once = cli("clean", page, "-q")
    assert once.code == 0, once.stderr
    again = tmp_path / "again.txt"
    again.write_text(once.stdout, encoding="utf-8")
    twice = cli("clean", again, "-q")
    assert twice.code == 0, twice.stderr
    assert twice.stdout == once.stdout and "栏目" not in once.stdout


def test_clean_twice_is_clean_once_with_indented_furniture(tmp_path: Path):
    # The output strips each line; a rule anchored at the line start must see the line so the
    # first time too, and a line that an edit leaves as furniture must go the first time.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "t.example.yaml").write_text(
        "site: t.example\ndescription: t\nmatch: {hosts: [t.example]}\nrules:\n"
        "  - {id: ad, kind: drop-line, description: d, pattern: '^广告'}\n"
        "  - {id: menu, kind: strip-span, description: d, pattern: '菜单'}\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(f"\u3000\u3000广告 买一送一\n菜单 广告 再买一送一\n{BODY}", encoding="utf-8")
    once = cli("clean", page, "--url", "http://t.example/a", "--rules", rules, "-q")
    assert once.code == 0, once.stderr
    again = tmp_path / "again.txt"
    again.write_text(once.stdout, encoding="utf-8")
    twice = cli("clean", again, "--url", "http://t.example/a", "--rules", rules, "-q")
    assert twice.code == 0, twice.stderr
    assert once.stdout == twice.stdout == BODY
