"""The report's index flags pages that are not one article by their page_type, scraped text and HTML alike."""
from __future__ import annotations

import re

from helpers import SEEDS
from report_site import invoke


def test_a_listing_and_a_thread_are_flagged_an_article_is_not(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    for name in ("011_constructed_zh_listing.html", "007_constructed_zh_forum_thread.html", "005_constructed_en_news.html"):
        (pages / name).write_bytes((SEEDS / name).read_bytes())
    # The listing as a crawler scraped it: typed from the text's shape.
    (pages / "listing.txt").write_text(_scraped_listing(), encoding="utf-8")
    r = invoke("report", "-q", pages, "-o", tmp_path / "site")
    assert r.exit_code == 0, r.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-flags=\"([^\"]*)\">(.*?)</tr>", index)
    flags = {re.search(r"(listing\.html|forum_thread|en_news|listing\.txt)", row).group(1): f for f, row in rows}
    assert "page type: listing" in flags["listing.html"] and "page type: listing" in flags["listing.txt"]
    assert "page type: forum" in flags["forum_thread"]
    assert "page type" not in flags["en_news"]


def _scraped_listing() -> str:
    items = [("江城地铁三号线南延段今日开通运营", "南延段全长十二公里，设站八座，沿线居民进城时间将缩短一半。"),
             ("市区五座老旧菜市场完成改造重新开业", "改造后的菜市场增加了停车位和无障碍通道，摊位租金保持不变。"),
             ("江城图书馆暑期开放时间延长至晚上九点", "图书馆同时推出少儿阅读夏令营，报名从下周一开始。"),
             ("滨江公园二期工程预计明年春天完工", "二期工程将新增湿地步道和儿童游乐区，占地约十二公顷。"),
             ("全市中小学将于七月五日开始放暑假", "教育局提醒家长注意学生假期安全，特别是防溺水。"),
             ("江城公交开通三条夜间线路方便市民出行", "夜间线路运营时间为晚上十点至次日凌晨两点。")]
    body = "".join(f"{head}\n{blurb}\n2024-06-01\n" for head, blurb in items)
    return f"江城在线首页 新闻 生活 房产\n江城在线本地新闻频道，及时报道江城市的时政、民生、交通和文化新闻。\n{body}1 2 3 下一页\n"
