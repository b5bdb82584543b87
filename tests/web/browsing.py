"""What the browser tests share: Debian's chromium and its flags for a closed network, the
headers every response must carry, and screenshots. The ``browser`` and ``page`` fixtures
are in conftest.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Debian's chromium; Playwright's own download does not work on a closed network
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: flags for a closed network: without the background ones chromium tries Google's hosts
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: what every response must carry (tests/web/test_web_headers.py spells out the same)
SECURED = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
#: reports each CSP violation on the console too (chromium logs one already; this makes
#: the check independent of how the browser words it); init scripts run whatever the CSP
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
"""
ARTIFACTS = (
    Path(os.environ.get("ONRECORD_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts")) / "web"
)
#: a browser test module's ``pytestmark``
NEEDS_CHROMIUM = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs chromium (apt install chromium; .ci/run does)"
)


def assert_secured_and_quiet(page: object) -> None:
    """Every response the browser received had the headers; nothing on the console."""
    responses = page.responses  # type: ignore[attr-defined]
    kinds = {r.request.resource_type for r in responses}
    assert {"document", "stylesheet"} <= kinds  # the pages and style.css at least
    for response in responses:
        headers = response.all_headers()
        for name, value in SECURED.items():
            assert headers.get(name) == value, f"{name} on {response.url} ({response.status})"
    assert page.console == []  # type: ignore[attr-defined]


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


#: an axe-style audit of the page in view, from computed styles (nothing fetched): every
#: form control labelled; text contrast >= 4.5:1 (3:1 for large text) against the
#: backgrounds behind it; a focus ring on every focusable element, >= 3:1 against what
#: is around it; one h1 and no skipped heading level. Returns the problems found.
AUDIT = """() => {
  const problems = [];
  const parse = (s) => {
    let m = s.match(/^rgba?\\(([^)]*)\\)$/);
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = s.match(/^color\\(srgb ([^)]*)\\)$/);
    if (m) {
      const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    throw new Error(`a colour the audit cannot read: ${s}`);
  };
  const over = (top, below) =>
    [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = (el) => {  // the element's and its ancestors' backgrounds, over white
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    && !el.closest(".visually-hidden, [aria-hidden='true']");
  const named = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/) : [];
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + classes.filter(Boolean).map((c) => "." + c).join("");
  };
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walk.nextNode()) {
    const node = walk.currentNode;
    const el = node.parentElement;
    if (!node.data.trim() || seen.has(el) || el.closest("svg") || !shown(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const behind = background(el);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const got = contrast(over(parse(style.color), behind), behind);
    if (got < (large ? 3 : 4.5))
      problems.push(`text ${got.toFixed(2)}:1 in ${named(el)}: ${node.data.trim().slice(0, 40)}`);
  }
  for (const el of document.querySelectorAll("input, select, textarea, button")) {
    if (el.type === "hidden") continue;
    const labelled = [...(el.labels || [])].some((l) => l.textContent.trim())
      || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
      || (el.tagName === "BUTTON" && el.textContent.trim());
    if (!labelled) problems.push(`no label on ${named(el)}`);
  }
  const focusable = "a[href], button, input:not([type=hidden]), select, textarea, "
    + "[tabindex]:not([tabindex='-1'])";
  for (const el of document.querySelectorAll(focusable)) {
    if (!shown(el)) continue;
    el.focus({ preventScroll: true });
    if (document.activeElement !== el) { problems.push(`cannot focus ${named(el)}`); continue; }
    const style = getComputedStyle(el);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) {
      problems.push(`no focus ring on ${named(el)}`);
      continue;
    }
    const around = background(el.parentElement);  // the ring is drawn outside the element
    const got = contrast(over(parse(style.outlineColor), around), around);
    if (got < 3) problems.push(`focus ring ${got.toFixed(2)}:1 on ${named(el)}`);
  }
  if (document.activeElement) document.activeElement.blur();
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .map((h) => Number(h.tagName[1]));
  const h1s = levels.filter((l) => l === 1).length;
  if (h1s !== 1) problems.push(`${h1s} h1 headings`);
  levels.forEach((l, i) => {
    if (i && l > levels[i - 1] + 1) problems.push(`h${levels[i - 1]} then h${l}`);
  });
  return problems;
}"""
#: the page is no wider than the window: nothing to scroll sideways
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
