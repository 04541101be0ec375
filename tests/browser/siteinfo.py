"""Helpers shared by the browser tests: where the site is, which pages it has, what each holds."""
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
SKIP_PAGES = {"genindex.html", "search.html"}
#: the site's editions (book/editions.py): _build/html/en/, _build/html/ja/, and index.html offering both
EDITIONS = ("en", "ja")
#: filled while the tests run, printed by conftest.pytest_terminal_summary (under pytest-xdist
#: each worker fills its own and conftest merges them in the controller: merge_counts)
REPORT = {"pages": [], "widgets": 0, "animations": 0, "weights": {}}
#: the reading totals of test_reading.test_nothing_cut_off, per viewport
READING = {"pages": 0, "cut": {"phone": 0, "laptop": 0}, "sideways": {"phone": [], "laptop": []},
           "scrolling_inputs": {"phone": 0, "laptop": 0}, "tables": {"phone": 0, "laptop": 0}}


def merge_counts(into, other):
    """Add a worker's counts (decoded JSON) to ``into``: numbers add, lists extend, dicts merge."""
    for key, value in other.items():
        if key not in into:
            into[key] = value
        elif isinstance(value, dict):
            merge_counts(into[key], value)
        else:
            into[key] = into[key] + value


def site_dir():
    value = os.environ.get("DLNOTES_SITE")
    return (ROOT / value).resolve() if value else None


def editions(site):
    """The edition folders of the site ("en", "ja"), or [""] for a one-edition site (a plain jupyter-book build)."""
    found = [lang for lang in EDITIONS if (site / lang / "index.html").is_file()]
    return found or [""]


def _pages_of(root, prefix):
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root)
        if rel.parts[0] in {"_static", "_sources", "_images"} or rel.as_posix() in SKIP_PAGES:
            continue
        pages.append(prefix + rel.as_posix())
    return pages


def discover_pages(site, edition=None):
    """Every built HTML page but the generated index/search pages and theme assets, as site-relative paths.

    In a two-edition site: "en/..." and "ja/..." pages plus the root index.html that offers both;
    ``edition="en"`` gives only that edition's pages.
    """
    eds = editions(site)
    if eds == [""]:
        return _pages_of(site, "")
    if edition is not None:
        return _pages_of(site / edition, f"{edition}/")
    pages = ["index.html"] if (site / "index.html").is_file() else []
    for lang in eds:
        pages += _pages_of(site / lang, f"{lang}/")
    return pages


def resolve(site, rel, edition="en"):
    """A page path written without edition ("notebooks/03-1-losses-sgd.html") as a site path ("en/...")."""
    if (site / rel).is_file() or editions(site) == [""]:
        return rel
    return f"{edition}/{rel}"


def edition_of(rel):
    """"en" or "ja" for a page of a two-edition site, "" for the root index or a one-edition site."""
    head = rel.split("/", 1)[0]
    return head if head in EDITIONS and "/" in rel else ""


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


def declared_sliders(site, rel):
    """How many slider handles the page declares: Bokeh Slider models (a RangeSlider has two
    handles) and ipywidgets slider models, read from its embedded JSON (no browser needed)."""
    html = (site / rel).read_text(encoding="utf-8")
    return (len(re.findall(r'\\?"name\\?":\\?"Slider\\?"', html))
            + 2 * len(re.findall(r'\\?"name\\?":\\?"RangeSlider\\?"', html))
            + len(re.findall(r'\\?"_model_name\\?":\s*\\?"\w*SliderModel\\?"', html)))
