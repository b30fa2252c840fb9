"""A small page scaffold shared by the HTML reports (compare, diff, cites).

Every report is one self-contained file: inline CSS and JS, no CDN, no web font, and a
Content-Security-Policy that lets only the page's own scripts run. Document text goes in
through :func:`esc` (or :func:`highlight`), JSON through :func:`script_json`.

>>> esc('<b a="1">')
'&lt;b a=&quot;1&quot;&gt;'
>>> highlight("住院率达到90%", 3, 6)
'住院率<mark>达到9</mark>0%'

What the page script gives any body, by markup alone:

- ``<table class="sortable">``: a click on a ``<th>`` sorts the ``<tbody>`` rows by that
  column (numbers numerically, from a cell's ``data-sort`` when it has one; empty last).
- ``<a href="#ID" data-src="ID">``: a click shows a copy of the element ``#ID`` (a source
  sentence, say) in a panel fixed at the bottom of the window; without JS the link
  still jumps to it.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from typing import Any

__all__ = ["CSS", "JS", "esc", "highlight", "page", "script_json"]

# Fonts a reader's machine may have, CJK first so that Chinese never falls back to a
# Latin font's tofu; nothing is downloaded.
FONTS = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", '
         '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", '
         '"WenQuanYi Zen Hei", "Droid Sans Fallback", system-ui, sans-serif')

CSS = """
:root { --line: #d0d7de; --muted: #57606a; --hi: #d1f0d6; --lo: #fde2e1; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { font-family: @FONTS@; margin: 0 auto; padding: 1rem 1.5rem 12rem; max-width: 110rem;
       color: #1f2328; line-height: 1.5; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
.muted, caption { color: var(--muted); font-size: .85rem; }
caption { text-align: left; padding: .3rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; z-index: 1; }
table.sortable thead th { cursor: pointer; user-select: none; }
table.sortable thead th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable thead th[aria-sort="descending"]::after { content: " ▼"; }
tbody th { text-align: left; font-weight: normal; background: #fbfcfd; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
mark { background: var(--mark); padding: 0 .1em; }
.hi { background: var(--hi); }
.lo { background: var(--lo); }
.src { margin: .3rem 0; padding: .2rem .4rem; }
.src:target { outline: 2px solid #0969da; }
#px-panel { position: fixed; left: 0; right: 0; bottom: 0; max-height: 40vh; overflow: auto;
            background: #fff; border-top: 2px solid #0969da; padding: .6rem 1.5rem;
            box-shadow: 0 -2px 8px rgba(0,0,0,.15); }
#px-panel[hidden] { display: none; }
#px-panel button { float: right; }
""".replace("@FONTS@", FONTS)

JS = r"""
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    raw = raw.trim();
    var num = raw === "" ? NaN : Number(raw);
    return {empty: raw === "", num: num, text: raw};
  }
  function sortBy(th) {
    var table = th.closest("table"), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
      return {row: row, i: i, k: key(row.children[index])};
    });
    rows.sort(function (a, b) {
      if (a.k.empty !== b.k.empty) { return a.k.empty ? 1 : -1; }  // empty last, either way
      var c = 0;
      if (!isNaN(a.k.num) && !isNaN(b.k.num)) { c = a.k.num - b.k.num; }
      else { c = a.k.text.localeCompare(b.k.text, "zh-Hans-CN"); }
      return c !== 0 ? c * dir : a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  function show(id) {
    var src = document.getElementById(id), panel = document.getElementById("px-panel");
    if (!src || !panel) { return false; }
    var body = panel.querySelector(".px-panel-body");
    body.replaceChildren(src.cloneNode(true));
    body.firstChild.removeAttribute("id");
    panel.hidden = false;
    return true;
  }
  document.addEventListener("click", function (ev) {
    var th = ev.target.closest("table.sortable thead th");
    if (th) { sortBy(th); return; }
    var link = ev.target.closest("[data-src]");
    if (link && show(link.getAttribute("data-src"))) { ev.preventDefault(); return; }
    if (ev.target.closest("#px-panel button")) {
      document.getElementById("px-panel").hidden = true;
    }
  });
})();
"""

_PANEL = ('<div id="px-panel" hidden role="region" aria-label="source">'
          '<button type="button" aria-label="close">×</button>'
          '<div class="px-panel-body"></div></div>')


def esc(text: Any) -> str:
    """``text`` as HTML text or attribute value (quotes escaped too); None is empty."""
    return "" if text is None else html.escape(str(text), quote=True)


def highlight(sentence: str, start: int | None, end: int | None) -> str:
    """The sentence, escaped, with ``sentence[start:end]`` in ``<mark>``.

    Offsets are relative to the sentence; out-of-range or missing offsets give the
    sentence without a mark rather than a wrong one.
    """
    if start is None or end is None or not 0 <= start < end <= len(sentence):
        return esc(sentence)
    return (esc(sentence[:start]) + "<mark>" + esc(sentence[start:end]) + "</mark>"
            + esc(sentence[end:]))


def script_json(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``.

    ``</`` would end the element and U+2028/2029 break older JS parsers, so both are
    written as escapes; ``<!--`` is neutralised the same way.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(title: str, body: str, *, css: str = "", script: str = "", lang: str = "zh-CN") -> str:
    """A complete HTML document.

    ``title`` is plain text (escaped here); ``body``, ``css`` and ``script`` are markup
    the caller built with :func:`esc`. Only the page script and ``script`` may run: the
    policy names their hashes, so an injected ``<script>`` or ``onerror=`` would be
    refused even if some text escaped escaping.
    """
    scripts = [JS] + ([script] if script else [])
    csp = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           "script-src " + " ".join(_csp_hash(s) for s in scripts))
    tags = "".join(f"<script>{s}</script>" for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'  # no quote in it
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}\n{_PANEL}\n{tags}\n</body>\n</html>\n"
    )
