"""Comments mode on scraped text, and the metadata list read back from the marked text."""
from __future__ import annotations

from cleaner import RuleSet
from cleaner.core.cleaner import Cleaner
from cleaner.core.comments import comments_of
from cleaner.options import Options

OP = [
    "我家的房子是九十年代初建的，到现在已经十五年了，墙面开裂，水管也老化了，最近一直在考虑是不是要全部重新装修一遍，但是预算有限。",
    "如果只装修厨房和卫生间，大概需要多少钱？有没有靠谱的装修公司推荐？请有经验的朋友给点建议，谢谢大家了。",
]
THREAD = [
    "首页 | 论坛 | 博客 | 登录 | 注册", "本版精华 | 发新帖 | 回复", "请教：家里的老房子要不要重新装修？",
    "楼主 小王 发表于 2006-05-12 10:21", *OP, "回复 引用 举报",
    "2楼 老李 发表于 2006-05-12 11:02", "回复 引用 举报", "个人资料 | 短消息 | 加为好友", "积分 2041 帖子 866",
    "五万块钱装修整个房子有点紧张，建议先把水电改造做好。", "回复 引用 举报",
    "3楼 阿花 发表于 2006-05-12 12:30", "回复 引用 举报", "个人资料 | 短消息 | 加为好友", "积分 410 帖子 95",
    "厨房卫生间优先，其他的可以慢慢来。", "回复 引用 举报",
    "版权所有 © 2006 某某论坛 | 联系我们 | 网站地图",
]


def test_a_scraped_thread_keeps_every_reply_in_comments_mode(bundled: RuleSet):
    page = "\n".join(THREAD) + "\n"
    plain = Cleaner(bundled, Options(markup="text")).clean(page)
    assert "水电改造" not in plain.text and "comments" not in plain.metadata
    result = Cleaner(bundled, Options(markup="text", comments=True)).clean(page)
    assert all(line in result.text for line in OP)
    assert result.metadata["comments"] == ["五万块钱装修整个房子有点紧张，建议先把水电改造做好。", "厨房卫生间优先，其他的可以慢慢来。"]
    assert result.text.endswith("[comment]\n\n厨房卫生间优先，其他的可以慢慢来。\n")
    after = result.text.split(OP[-1], 1)[1]  # the line above the article is taken for its headline
    for furniture in ("发表于", "回复 引用 举报", "积分", "版权所有"):
        assert furniture not in after
    # Idempotent: the marks are read as furniture and made again.
    assert Cleaner(bundled, Options(markup="text", comments=True)).clean(result.text).text == result.text


def test_comments_of_reads_the_posts_back():
    text = "Title\n\nArticle.\n\n[comment]\n\nFirst post.\n\nIts second paragraph.\n\n[comment]\n\nSecond post.\n"
    assert comments_of(text) == ["First post.\nIts second paragraph.", "Second post."]
    assert comments_of("Title\n\nArticle.\n") == []
