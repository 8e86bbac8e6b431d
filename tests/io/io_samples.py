"""Realistic Chinese sentences (written for these tests) and helpers to build inputs."""

from __future__ import annotations

SIMPLIFIED_LONG = (
    "本报讯 记者从市教育局获悉，今年全市将新建和改扩建二十所中小学校，新增学位一万两千个，"
    "以缓解部分城区入学难的问题。市教育局负责人表示，新学校将优先安排在人口增长较快的地区，"
    "并同步配套建设体育场馆和图书馆。对于家长关心的划片问题，该负责人说，具体方案将在五月"
    "底前向社会公布，广泛听取意见后再实施。"
)
TRADITIONAL_LONG = (
    "本報訊 記者從市政府教育局獲悉，今年全市將新建及改建二十所中小學，增加一萬兩千個學位，"
    "以緩解部分地區入學難的問題。教育局負責人表示，新學校將優先設在人口增長較快的地區，"
    "並同時興建體育館與圖書館。對於家長關心的學區問題，這位負責人說，具體方案將在五月底前"
    "向社會公布，廣泛聽取意見後再實施。"
)
# About twenty characters each: too short for statistics, long enough to be a headline.
SIMPLIFIED_SHORT = [
    "他说，这个问题需要我们认真研究。",
    "版权所有，未经许可不得转载。",
    "责任编辑：王小明　来源：新华网",
    "国务院总理今天在北京会见外国代表团",
    "上一篇：市政府召开经济工作会议",
]
TRADITIONAL_SHORT = [
    "他說，這個問題需要我們認真研究。",
    "版權所有，未經許可不得轉載。",
    "責任編輯：王小明　來源：中央社",
    "行政院長今天在台北會見外國代表團",
    "上一篇：市政府召開經濟工作會議",
]


def html_page(body: str, *, meta: str | None = None) -> str:
    """A small but realistic HTML page around body, with an optional charset meta tag."""
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n" + head + "\n<title>News</title>\n</head>\n"
        '<body>\n<div class="nav"><a href="/">Home</a> | <a href="/news">News</a></div>\n'
        f"<div class=\"content\"><p>{body}</p></div>\n</body>\n</html>\n"
    )
