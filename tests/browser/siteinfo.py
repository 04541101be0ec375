"""Helpers shared by the browser tests: where the site is, which pages it has, what each holds."""
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
SKIP_PAGES = {"genindex.html", "search.html"}
#: filled while the tests run, printed by conftest.pytest_terminal_summary
REPORT = {"pages": [], "widgets": 0, "animations": 0, "weights": {}}


def site_dir():
    value = os.environ.get("DLNOTES_SITE")
    return (ROOT / value).resolve() if value else None


def discover_pages(site):
    """Every built HTML page but the generated index/search pages and theme assets, as site-relative paths."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in {"_static", "_sources", "_images"} or rel.as_posix() in SKIP_PAGES:
            continue
        pages.append(rel.as_posix())
    return pages


def page_kind(site, rel):
    html = (site / rel).read_text(encoding="utf-8")
    return {
        "widgets": "application/vnd.jupyter.widget-view+json" in html,
        "animation": re.search(r'<div class="animation">', html) is not None,
        "math": re.search(r'class="math[ "]', html) is not None,
    }




_IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"', re.I)


def page_weight(site, rel):
    """Bytes of the HTML file plus the local image files it shows (inline images are in the HTML)."""
    path = site / rel
    html = path.read_text(encoding="utf-8")
    files = set()
    for src in _IMG_SRC.findall(html):
        if src.startswith(("data:", "http:", "https:", "//")):
            continue
        target = (path.parent / unquote(urlparse(src).path)).resolve()
        if target.is_file():
            files.add(target)
    html_bytes = path.stat().st_size
    img_bytes = sum(f.stat().st_size for f in files)
    return html_bytes + img_bytes, html_bytes, img_bytes
