"""The site's inline style and script: no file, font or library is fetched from anywhere."""
from __future__ import annotations

# Pages forbid every fetch: a report opened from disk makes no request, whatever a page held.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root{font:14px/1.45 system-ui,sans-serif;color:#222;background:#fafafa}
body{margin:0}header{padding:.6em 1em;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:1.1em;margin:0 0 .2em}a{color:#0645ad}.muted{color:#777}
.wrap{display:flex;gap:1em;padding:1em;align-items:flex-start}
main{flex:1;min-width:0}aside{width:24em;position:sticky;top:.5em;max-height:97vh;overflow:auto}
section{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5em .8em;margin-bottom:1em}
h2{font-size:1em;margin:.2em 0 .5em}
ol.page{list-style:none;margin:0;padding:0 0 0 4.8em;font-family:ui-monospace,monospace;font-size:13px;counter-reset:ln}
ol.page>li{white-space:pre-wrap;word-break:break-all;counter-increment:ln;min-height:1.2em;position:relative}
ol.page>li:before{content:counter(ln);position:absolute;left:-4.8em;width:4em;text-align:right;color:#999}
.blk{padding:.15em 0;border-bottom:1px dotted #eee}.blk.out{color:#999}
del.rm{text-decoration:line-through;background:hsl(var(--h),80%,88%);border-bottom:2px solid hsl(var(--h),60%,45%);cursor:pointer;color:#333}
del.rm:hover,del.rm.sel{outline:2px solid hsl(var(--h),60%,35%)}del.also{text-decoration:none;font-size:11px;padding:0 .3em}
div.rmblk{display:block}del.rm span.b{display:block}
ins{background:#dfd;text-decoration:none}
.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;background:hsl(var(--h),80%,80%);border:1px solid hsl(var(--h),60%,45%);vertical-align:middle}
table{border-collapse:collapse;width:100%}td,th{padding:.15em .4em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
th[data-sort]{cursor:pointer;white-space:nowrap}th[data-sort]:after{content:" \\2195";color:#aaa}
td.num,th.num{text-align:right}.flag{display:inline-block;background:#fde2e1;color:#900;border-radius:3px;padding:0 .3em;margin:0 .2em .1em 0;font-size:12px}
.rules label{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#detail pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.4em;margin:.3em 0}
dl.meta dt{font-weight:600}dl.meta dd{margin:0 0 .3em 0;word-break:break-all}
[hidden]{display:none!important}
"""

# Filters and details of a page view. Page data reaches the DOM only through textContent.
PAGE_JS = """
(function(){
const rules=JSON.parse(document.getElementById('rules-data').textContent);
function apply(){
  const mode=document.querySelector('input[name=mode]:checked').value;
  const on=new Set(Array.from(document.querySelectorAll('input.rule:checked'),e=>e.value));
  for(const el of document.querySelectorAll('[data-rule]')) el.hidden=(mode==='kept')||!on.has(el.dataset.rule);
  for(const li of document.querySelectorAll('ol.page>li,.blk')){
    const whole=li.classList.contains('rm');
    if(!whole&&!li.classList.contains('sp')&&!li.classList.contains('out')){li.hidden=(mode==='removed');continue;}
    const vis=Array.from(li.querySelectorAll('[data-rule]')).some(e=>!e.hidden);
    if(mode==='kept') li.hidden=whole||li.classList.contains('out');
    else if(mode==='removed') li.hidden=!vis;
    else li.hidden=whole&&!vis;
  }
  const n=document.querySelectorAll('[data-rule]:not([hidden])').length;
  document.getElementById('shown').textContent=n+' removal'+(n===1?'':'s')+' shown';
}
function show(el){
  for(const s of document.querySelectorAll('del.sel')) s.classList.remove('sel');
  el.classList.add('sel');
  const r=rules[el.dataset.rule]||{};const d=document.getElementById('detail');
  const set=(id,v)=>{const e=d.querySelector('[data-f='+id+']');e.textContent=v||'';e.parentElement.hidden=!v;};
  set('rule',el.dataset.rule);set('desc',r.description);set('where',r.where);set('kind',r.kind);
  set('line',el.dataset.line&&el.dataset.line!=='0'?el.dataset.line+(el.dataset.col?':'+el.dataset.col:''):'');
  set('text',el.dataset.text||el.textContent);set('rep',el.dataset.rep);set('cap',el.dataset.cap);
  set('sel',el.dataset.sel);
  set('yaml',el.dataset.sel?'  - id: '+(el.dataset.sug||'my-element')+'\\n    kind: drop-element\\n    description: '+JSON.stringify('Removes '+(el.dataset.sel))+'\\n    selector: '+JSON.stringify(el.dataset.sel):'');
  d.hidden=false;
}
document.addEventListener('click',e=>{const el=e.target.closest('[data-rule]');if(el){show(el);e.preventDefault();}});
document.addEventListener('mouseover',e=>{const el=e.target.closest('[data-rule]');if(el)show(el);});
document.addEventListener('change',e=>{if(e.target.matches('input.rule,input[name=mode]'))apply();});
document.getElementById('all-rules').addEventListener('click',e=>{for(const c of document.querySelectorAll('input.rule'))c.checked=true;apply();});
document.getElementById('no-rules').addEventListener('click',e=>{for(const c of document.querySelectorAll('input.rule'))c.checked=false;apply();});
document.body.dataset.ready='1';apply();
})();
"""

# Sorting and filtering the index table.
INDEX_JS = """
(function(){
const table=document.getElementById('pages');const body=table.tBodies[0];
for(const th of table.querySelectorAll('th[data-sort]')){
  th.addEventListener('click',()=>{
    const i=th.cellIndex,num=th.dataset.sort==='num',asc=th.dataset.dir==='desc',dir=asc?1:-1;th.dataset.dir=asc?'asc':'desc';
    const rows=Array.from(body.rows);
    rows.sort((a,b)=>{const x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;return dir*(num?(+x)-(+y):x.localeCompare(y));});
    for(const r of rows) body.appendChild(r);
  });
}
const flagged=document.getElementById('flagged');
flagged.addEventListener('change',()=>{for(const r of body.rows) r.hidden=flagged.checked&&!r.dataset.flags;});
document.body.dataset.ready='1';
})();
"""
