"""Small hand-written HTML pages for the HTML path's tests (not corpus pages)."""
from __future__ import annotations

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the riverside park by twelve hectares, ending a "
    "debate that had run for more than three years.",
    "Supporters said the new land, a former rail yard, would give the eastern districts their first "
    "large green space, while opponents worried about the cost of cleaning the soil.",
    "The first section is expected to open next spring, the mayor said, with playgrounds, a cycle "
    "path and a small wetland that will also hold back flood water after heavy rain.",
    "Work on the remaining sections will start once the regional government confirms its share of "
    "the funding, which officials expect before the end of the year.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Council expands riverside park | The Daily Example</title>
  <meta property="og:title" content="Council expands riverside park">
  <meta property="og:site_name" content="The Daily Example">
  <meta property="article:published_time" content="2024-03-05T09:30:00Z">
  <meta name="author" content="Jane Reporter">
  <meta name="description" content="The park grows by twelve hectares.">
  <link rel="canonical" href="https://example.com/news/park">
  <script>var tracking = "Do not keep this script text";</script>
  <style>.x {{ color: red }}</style>
</head>
<body>
  <header class="site-header"><a href="/">The Daily Example</a>
    <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  </header>
  <div class="ad">Advertisement: buy the best garden furniture today</div>
  <div class="page">
    <article class="story">
      <h1>Council expands riverside park</h1>
      <p class="byline">By Jane Reporter, 5 March 2024</p>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
      <div class="story-body">
        <p>{PARAGRAPHS[0]}</p>
        <p>{PARAGRAPHS[1]}</p>
        <figure><img src="park.jpg" alt="An aerial photo of the rail yard"><figcaption>The former rail yard. Photo: City archive</figcaption></figure>
        <p>{PARAGRAPHS[2]}</p>
        <p>{PARAGRAPHS[3]}</p>
      </div>
      <section class="comments"><h2>Comments</h2><p>Great news, finally some green space for our kids in the east of the city!</p></section>
    </article>
    <aside class="sidebar"><h3>Most read</h3><ul>
      <li><a href="/a">Storm closes the harbour for two days</a></li>
      <li><a href="/b">New bakery opens in the old post office</a></li>
      <li><a href="/c">Local team wins the regional cup final</a></li></ul></aside>
  </div>
  <footer class="site-footer"><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>
</body>
</html>"""

ZH_PARAGRAPHS = [
    "本报讯 昨日，市政府召开新闻发布会，宣布将在城东新建一座占地十二公顷的滨江公园，预计明年春天对市民开放。",
    "据介绍，公园所在地原为废弃的铁路货场，改造工程将包括土壤修复、湿地建设以及一条贯穿全园的自行车道。",
    "市民张先生表示，城东一直缺少大型绿地，新公园建成后，周末终于可以带孩子就近游玩了。",
]

ZH_PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>城东将建滨江公园_新闻中心_示例网</title></head>
<body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/sports">体育</a> | <a href="/ent">娱乐</a></td></tr></table>
<table width="760"><tr>
<td width="560">
  <h1>城东将建滨江公园</h1>
  <div>2011年12月09日 09:10 来源：示例日报</div>
  <div id="artibody">
    <p>{ZH_PARAGRAPHS[0]}</p>
    <p>{ZH_PARAGRAPHS[1]}</p>
    <p>{ZH_PARAGRAPHS[2]}</p>
  </div>
  <div class="share">分享到：<a href="#">微博</a> <a href="#">微信</a></div>
</td>
<td width="200"><div class="hot">热点新闻</div><ul>
  <li><a href="/1">暴雨致多条道路积水</a></li><li><a href="/2">地铁三号线今日试运行</a></li>
  <li><a href="/3">本市新增两所公办幼儿园</a></li><li><a href="/4">老城区改造工程启动</a></li></ul></td>
</tr></table>
<div class="footer">版权所有 示例网 京ICP备00000000号</div>
</body></html>"""
