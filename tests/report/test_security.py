"""Hostile article text must never become markup, script or a live link in report.html."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import html5lib
import pytest

from narratrace.report import render_report
from tests.report.samples import BREAKOUT, SCRIPT, sample_document

NS = "{http://www.w3.org/1999/xhtml}"


def parse(html: str) -> Any:
    # html5lib parses exactly as a browser does, including how </script> ends a script element.
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_report(sample_document(hostile=True))


def _text(element: Any) -> str:
    return "".join(element.itertext())


def test_only_our_own_scripts_exist(hostile_html: str) -> None:
    tree = parse(hostile_html)
    scripts = list(tree.iter(f"{NS}script"))
    data_blocks = [s for s in scripts if s.get("type") == "application/json"]
    code_blocks = [s for s in scripts if s.get("type") is None]
    assert len(data_blocks) == 2
    assert len(code_blocks) == 1
    assert len(scripts) == 3
    assert "alert(" not in (code_blocks[0].text or "")


def test_no_injected_elements_or_event_handlers(hostile_html: str) -> None:
    tree = parse(hostile_html)
    assert list(tree.iter(f"{NS}img")) == []
    assert list(tree.iter(f"{NS}iframe")) == []
    for element in tree.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), f"event handler {name} on {element.tag}"
        assert element.get("src") is None


def test_hostile_text_is_shown_escaped(hostile_html: str) -> None:
    tree = parse(hostile_html)
    body = _text(tree.find(f"{NS}body/{NS}main"))
    assert SCRIPT in body  # the title, outlet and text show the markup as text
    assert BREAKOUT in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html


def test_only_http_links(hostile_html: str) -> None:
    tree = parse(hostile_html)
    for anchor in tree.iter(f"{NS}a"):
        href = anchor.get("href", "")
        assert href.startswith(("#", "http://", "https://")), href
    assert "javascript:alert" in _text(tree.find(f"{NS}body"))  # shown, but as plain text
    assert not re.search(r'href="\s*(javascript|data):', hostile_html, re.IGNORECASE)


def test_embedded_json_cannot_break_out_and_round_trips(hostile_html: str) -> None:
    tree = parse(hostile_html)
    for block in tree.iter(f"{NS}script"):
        if block.get("type") != "application/json":
            continue
        raw = block.text or ""
        assert "<" not in raw and ">" not in raw and "&" not in raw
        assert "\u2028" not in raw and "\u2029" not in raw
        json.loads(raw)
    network = json.loads(tree.find(f".//{NS}script[@id='nt-network']").text)
    assert any(SCRIPT in node["id"] for node in network["nodes"])


def test_content_security_policy_allows_only_our_script(hostile_html: str) -> None:
    tree = parse(hostile_html)
    meta = tree.find(f".//{NS}meta[@http-equiv='Content-Security-Policy']")
    assert meta is not None
    policy = meta.get("content")
    assert "default-src 'none'" in policy
    code = next(s for s in tree.iter(f"{NS}script") if s.get("type") is None).text or ""
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_no_network_resources() -> None:
    html = render_report(sample_document())
    tree = parse(html)
    assert list(tree.iter(f"{NS}link")) == []
    for element in tree.iter():
        for name, value in element.attrib.items():
            if element.tag == f"{NS}a" and name == "href":
                continue
            assert not re.match(r"\s*(https?:)?//", value), f"{element.tag} {name}={value}"
    for tag in ("style", "script"):
        for block in tree.iter(f"{NS}{tag}"):
            if block.get("type") == "application/json":
                continue
            urls = set(re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", block.text or ""))
            assert urls <= {"http://www.w3.org/2000/svg"}, urls
            assert "@import" not in (block.text or "")
