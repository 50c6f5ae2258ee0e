"""The report's stylesheet, its one script, and the Content-Security-Policy that lets only
that script run (by hash: the same records give the same page, so no per-run nonce)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping

# Component names as `matcher.score` writes them, in its order; others show under their name.
COMPONENT_LABELS: Mapping[str, str] = {
    "role": "role fit",
    "level": "level",
    "required": "required certs",
    "preferred": "preferred certs",
    "skills": "skills",
    "location": "location",
    "salary": "salary",
    "recency": "recency",
}

# One grid for the column headings and every row, so the columns line up.
_GRID = "grid-template-columns:14px 40px 120px minmax(0,1fr) minmax(0,16%) minmax(0,15%) 132px 50px"

CSS = (
    """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1d2330;--mute:#5d6677;--line:#e2e5ea;--chip:#eef1f5;
--ok:#1f8a4c;--ok-bg:#e5f5ec;--warn:#a86500;--warn-bg:#fdf1dc;--bad:#c0392b;--bad-bg:#fbe7e5;
--accent:#3552c4;--track:#e6e9ef;--hover:#f7f8fb;
--c-role:#3552c4;--c-level:#0e9f9a;--c-required:#7c3aed;--c-preferred:#b78af5;
--c-skills:#1f9d55;--c-location:#e08600;--c-salary:#d6336c;--c-recency:#7b8698;--c-other:#a0a7b4}
@media (prefers-color-scheme:dark){:root{--bg:#14171d;--card:#1d222b;--ink:#e6e9ef;
--mute:#9aa3b2;--line:#2c333f;--chip:#272e3a;--ok:#4cc584;--ok-bg:#173526;--warn:#f0b14a;
--warn-bg:#3a2c12;--bad:#f0756a;--bad-bg:#3d1c1a;--accent:#8ea2ff;--track:#2c333f;
--hover:#232934}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/20px system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{padding:10px 20px 8px;background:var(--card);border-bottom:1px solid var(--line);
display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 18px}
header.top h1{margin:0;font-size:18px;line-height:26px}
.meta{color:var(--mute);font-size:13px;display:flex;flex-wrap:wrap;gap:2px 14px}
.meta b{color:var(--ink);font-weight:600}
.bands{display:flex;gap:6px;flex-wrap:wrap;font-size:12px}
.band{padding:0 8px;border-radius:999px;font-weight:600}
.band.hi{background:var(--ok-bg);color:var(--ok)}
.band.mid{background:var(--warn-bg);color:var(--warn)}
.band.lo{background:var(--bad-bg);color:var(--bad)}
.legend{display:flex;flex-wrap:wrap;gap:2px 10px;margin:0;padding:0;list-style:none;
font-size:12px;color:var(--mute)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;
vertical-align:-1px}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px;padding:6px 20px;
position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line)}
.tools label{font-size:13px;color:var(--mute)}
.tools select{margin-left:4px;font:inherit;font-size:13px;padding:1px 4px;border-radius:6px;
border:1px solid var(--line);background:var(--card);color:var(--ink)}
#shown-count{font-size:13px;font-weight:600;margin-left:auto}
main{max-width:1320px;margin:0 auto;padding:6px 12px 40px}
.empty{text-align:center;color:var(--mute);padding:60px 0;font-size:18px}
.cols,.m>summary{display:grid;"""
    + _GRID
    + """;gap:0 10px;align-items:center;
padding:0 10px}
.cols{font-size:11.5px;color:var(--mute);text-transform:uppercase;letter-spacing:.04em;
height:24px}
.cols>span:nth-child(2){text-align:right}
.m{background:var(--card);border:1px solid var(--line);border-radius:6px;margin:0 0 3px}
.m[hidden]{display:none}
.m>summary{height:32px;cursor:pointer;list-style:none;white-space:nowrap}
.m>summary::-webkit-details-marker{display:none}
.m>summary:hover{background:var(--hover)}
.m>summary>span{overflow:hidden;text-overflow:ellipsis;min-width:0}
.caret{color:var(--mute);font-size:11px}
.caret::before{content:"\\25b8"}
.m[open] .caret::before{content:"\\25be"}
.sc{font-weight:800;font-size:16px;text-align:right;font-variant-numeric:tabular-nums}
.sc.hi{color:var(--ok)}.sc.mid{color:var(--warn)}.sc.lo{color:var(--bad)}
.stack{display:flex;height:10px;border-radius:3px;background:var(--track);overflow:hidden}
.stack>span{display:block;height:100%;min-width:0}
.job{display:flex;align-items:center;gap:6px}
.job .t{font-weight:600;overflow:hidden;text-overflow:ellipsis;min-width:0;flex:0 1 auto}
.badge{flex:none;padding:0 7px;border-radius:999px;font-size:11.5px;line-height:18px;
font-weight:600;background:var(--chip);color:var(--accent)}
.badge.flag{background:var(--warn-bg);color:var(--warn)}
.badge.dealbreaker{background:var(--bad-bg);color:var(--bad)}
.co{font-weight:500}
.pl,.when{color:var(--mute)}
.pay{font-variant-numeric:tabular-nums}
.pay.none{color:var(--mute)}
.when{text-align:right;font-size:13px}
.more{border-top:1px solid var(--line);padding:10px 14px 12px 58px;display:grid;
grid-template-columns:minmax(0,1fr) 340px;gap:8px 24px}
.reasons{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:5px;
align-content:flex-start}
.reasons li{font-size:13px;padding:1px 9px 1px 7px;border-radius:6px;background:var(--chip);
overflow-wrap:anywhere}
.reasons li::before{font-weight:700;margin-right:6px}
.reasons .ok{background:var(--ok-bg);color:var(--ok)}.reasons .ok::before{content:"\\2713"}
.reasons .missing{background:var(--bad-bg);color:var(--bad)}
.reasons .missing::before{content:"\\2717"}
.reasons .stretch{background:var(--warn-bg);color:var(--warn)}
.reasons .stretch::before{content:"~"}
.reasons .info::before{content:"\\00b7"}
.comps{margin:0;padding:0;list-style:none;font-size:12.5px;display:grid;
grid-template-columns:1fr 1fr;gap:1px 18px;align-content:start}
.comps li{display:flex;justify-content:space-between;gap:8px;white-space:nowrap}
.comps .pts{color:var(--mute);font-variant-numeric:tabular-nums}
.links{grid-column:1/-1;font-size:13px;color:var(--mute);display:flex;flex-wrap:wrap;
align-items:center;gap:4px 14px}
.links a{color:var(--accent)}
.links .flag{color:var(--warn);font-weight:600}
.cmd{font:12.5px/18px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:1px 8px;
border-radius:5px;background:var(--chip);color:var(--ink);user-select:all;cursor:copy}
@media (max-width:900px){.cols{display:none}
.m>summary{grid-template-columns:14px 40px 90px minmax(0,1fr);height:auto;padding:6px 10px;
row-gap:2px}
.m>summary>.co,.m>summary>.pl,.m>summary>.pay,.m>summary>.when{grid-column:3/-1}
.more{grid-template-columns:1fr;padding-left:14px}}
@media print{.tools{display:none}.m{break-inside:avoid}}
"""
)
CSS += "".join(f".c-{name}{{background:var(--c-{name})}}" for name in (*COMPONENT_LABELS, "other"))

# The page's one script: sorting, filters, and the view kept in the address's #fragment
# (e.g. report.html#sort=pay&mode=remote), so a view can be bookmarked and reopened.
SCRIPT = """
(function () {
  "use strict";
  var list = document.getElementById("matches");
  var tools = document.getElementById("tools");
  var count = document.getElementById("shown-count");
  var sort = document.getElementById("f-sort");
  if (!list || !tools || !count || !sort) { return; }
  var rows = Array.prototype.slice.call(list.querySelectorAll("details.m"));
  var filters = ["role", "mode", "status", "flag"].map(function (key) {
    return { key: key, select: document.getElementById("f-" + key) };
  }).filter(function (f) { return f.select; });
  function num(row, key) {
    var value = parseFloat(row.getAttribute("data-" + key));
    return isNaN(value) ? -1 : value;
  }
  function shows(row, f) {
    var want = f.select.value;
    if (!want) { return true; }
    var have = row.getAttribute("data-" + f.key) || "";
    return f.key === "flag" ? have.split(" ").indexOf(want) !== -1 : have === want;
  }
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
  }
  function apply() {
    var key = sort.value;
    rows.slice().sort(function (a, b) {
      return (num(b, key) - num(a, key)) || (num(a, "rank") - num(b, "rank"));
    }).forEach(function (row) { list.appendChild(row); });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (f) { return shows(row, f); });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    list.setAttribute("data-sort", key);
    count.textContent = shown + " of " + rows.length + " shown";
    count.setAttribute("data-shown", String(shown));
  }
  function remember() {
    var parts = [];
    if (sort.value !== "score") { parts.push("sort=" + encodeURIComponent(sort.value)); }
    filters.forEach(function (f) {
      if (f.select.value) { parts.push(f.key + "=" + encodeURIComponent(f.select.value)); }
    });
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") :
                                  location.pathname + location.search); }
    catch (e) { /* a page opened from disk may refuse: the view just isn't kept */ }
  }
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var at = pair.indexOf("=");
    if (at < 1) { return; }
    var key = pair.slice(0, at), value;
    try { value = decodeURIComponent(pair.slice(at + 1)); } catch (e) { return; }
    if (key === "sort") { choose(sort, value); }
    filters.forEach(function (f) { if (f.key === key) { choose(f.select, value); } });
  });
  [sort].concat(filters.map(function (f) { return f.select; })).forEach(function (select) {
    select.addEventListener("change", function () { apply(); remember(); });
  });
  tools.hidden = false;
  apply();
})();
"""


def _script_hash() -> str:
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src '{_script_hash()}'; base-uri 'none'; form-action 'none'"
)
