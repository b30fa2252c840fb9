"""The shared page scaffold: escaping helpers and a self-contained page."""
from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from extractor.compare.html import JS, esc, highlight, page, script_json

ESCAPES = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="a()">', "&lt;img src=x onerror=&quot;a()&quot;&gt;"),
    ("它's & 《方案》", "它&#x27;s &amp; 《方案》"),
    (None, ""),
    (85.0, "85.0"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPES)
def test_esc(text, expected):
    assert esc(text) == expected


HIGHLIGHTS = [
    # sentence, start, end, expected markup
    ("住院率达到90%", 3, 8, "住院率<mark>达到90%</mark>"),
    ("a<b>c", 1, 4, "a<mark>&lt;b&gt;</mark>c"),
    ("住院率达到90%", None, None, "住院率达到90%"),
    ("住院率达到90%", 3, 99, "住院率达到90%"),  # offsets outside the sentence: no mark
    ("住院率达到90%", 5, 5, "住院率达到90%"),   # an empty span: no mark
]


@pytest.mark.parametrize(("sentence", "start", "end", "expected"), HIGHLIGHTS)
def test_highlight(sentence, start, end, expected):
    assert highlight(sentence, start, end) == expected


def test_script_json_cannot_close_its_element_and_round_trips():
    data = {"t": "</script><script>x()</script>", "s": "a\u2028b\u2029c", "c": "<!--"}
    text = script_json(data)
    assert "</" not in text and "<!--" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data


def test_page_is_self_contained_and_allows_only_its_own_scripts():
    html = page("对照 <b>", "<p>正文</p>", css="p { color: red; }", script="console.log(1);")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>对照 &lt;b&gt;</title>" in html
    assert "Noto Sans CJK SC" in html
    assert not re.search(r"(src|href)=\"?https?:", html)
    assert "@import" not in html and "url(" not in html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp
    for script in (JS, "console.log(1);"):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
        assert f"<script>{script}</script>" in html
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1]
