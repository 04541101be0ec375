"""The two editions of the site (book/editions.py, book/_ext/dlnotes_editions.py), from file://.

(a) every page of each edition has a language switch whose link is the same page in the other
    edition (read from every HTML file; a few pages opened in Chromium and clicked, at 1280 and
    390 px); (b) the root index.html offers both editions; (c) search works offline in both:
    "softmax" in English, バッチ正規化 and 誤差逆伝播法 in Japanese, with no console error (the
    result summaries are off, so nothing is fetched); (d) <html lang> is the edition's language.
"""
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from siteinfo import EDITIONS, SHOTS, discover_pages, editions

OTHER = {"en": "ja", "ja": "en"}
LABEL = {"en": "English", "ja": "日本語"}
_SWITCH = re.compile(r'<div class="dlnotes-edition-switch"><a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"'
                     r'[^>]*>([^<]+)</a></div>')
#: pages opened in the browser and switched by a click (both editions)
CLICKED = ["book/intro.html", "notebooks/02-1-perceptron.html", "book/api/functions.html"]
SEARCHES = [("en", "softmax"), ("ja", "バッチ正規化"), ("ja", "誤差逆伝播法")]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def two_editions(site):
    if editions(site) != list(EDITIONS):
        pytest.fail(f"expected the editions {EDITIONS} in {site} (book/editions.py), found {editions(site)}")
    return site


def _body_pages(site, lang):
    """The pages of one edition that have an article body (generated pages like py-modindex do not)."""
    return [p for p in discover_pages(site, edition=lang)
            if "bd-article" in (site / p).read_text(encoding="utf-8") and "py-modindex" not in p]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_switches_to_its_counterpart(two_editions, lang):
    site = two_editions
    pages = _body_pages(site, lang)
    assert len(pages) >= 30, f"{lang}: only {len(pages)} pages"
    problems = []
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        found = _SWITCH.findall(html)
        if len(found) != 1:
            problems.append(f"{rel}: {len(found)} language switches (expected 1)")
            continue
        href, hreflang, attr_lang, label = found[0]
        other = OTHER[lang]
        target = ((site / rel).parent / unquote(urlparse(href).path)).resolve()
        expected = (site / other / rel.split("/", 1)[1]).resolve()
        if (hreflang, attr_lang, label) != (other, other, LABEL[other]):
            problems.append(f"{rel}: switch hreflang={hreflang} lang={attr_lang} label={label!r}")
        if target != expected:
            problems.append(f"{rel}: switch goes to {target}, expected {expected}")
        elif not target.is_file():
            problems.append(f"{rel}: switch goes to a missing page {target.relative_to(site)}")
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:20])


_OUTPUT_TEXT = re.compile(r'<div class="output (?:stream|text_plain)[^"]*"><div class="highlight"><pre>(.*?)</pre>',
                          re.S)


def test_checker_feedback_on_japanese_pages_is_japanese(two_editions):
    """Under each exercise of a Japanese page, the checker's verdict is in Japanese (まだ違う：…);
    the English page shows the English line in the same place."""
    counts = {}
    for lang in EDITIONS:
        lines = []
        for rel in discover_pages(two_editions, edition=lang):
            if "/notebooks/" in rel:
                html = (two_editions / rel).read_text(encoding="utf-8")
                for block in _OUTPUT_TEXT.findall(html):
                    lines += [re.sub(r"<[^>]+>", "", line) for line in block.splitlines()]
        counts[lang] = {"en": sum(l.startswith(("Right: ", "Not yet: ")) for l in lines),
                        "ja": sum(l.startswith(("正解：", "まだ違う：")) for l in lines)}
    assert counts["en"]["en"] >= 20 and counts["en"]["ja"] == 0, counts
    assert counts["ja"] == {"en": 0, "ja": counts["en"]["en"]}, counts


@pytest.mark.parametrize("lang", EDITIONS)
def test_html_lang_is_the_editions_language(two_editions, lang):
    site = two_editions
    wrong = []
    for rel in discover_pages(site, edition=lang) + [f"{lang}/search.html", f"{lang}/genindex.html"]:
        m = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", (site / rel).read_text(encoding="utf-8"))
        if not m or m.group(1) != lang:
            wrong.append((rel, m.group(1) if m else None))
    assert not wrong, f"{len(wrong)} page(s) whose <html lang> is not {lang!r}: {wrong[:10]}"


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("rel", CLICKED)
def test_switch_click_lands_on_the_counterpart(two_editions, open_page, lang, rel):
    lp = open_page(f"{lang}/{rel}")
    p = lp.page
    assert p.evaluate("() => document.documentElement.lang") == lang
    link = p.locator(".dlnotes-edition-switch a")
    assert link.count() == 1
    for size in ({"width": 1280, "height": 900}, PHONE):
        p.set_viewport_size(size)
        p.wait_for_timeout(150)
        box = link.bounding_box()
        assert link.is_visible() and box and box["x"] >= 0 and box["x"] + box["width"] <= size["width"], \
            f"{lang}/{rel} at {size['width']} px: the switch is not within the screen ({box})"
        # at the top of the article: above the page's first heading's bottom edge
        h1 = p.locator("article h1").first.bounding_box()
        assert box["y"] < h1["y"] + h1["height"] + 40, f"{lang}/{rel}: the switch is not at the top ({box}, h1 {h1})"
    if rel == "notebooks/02-1-perceptron.html":
        lp.screenshot(suffix="__switch@390")
    p.set_viewport_size({"width": 1280, "height": 900})
    link.click()
    p.wait_for_load_state("load")
    other = OTHER[lang]
    want = (two_editions / other / rel).resolve().as_uri()
    assert p.url == want, f"clicked {LABEL[other]} on {lang}/{rel}: landed on {p.url}, expected {want}"
    assert p.evaluate("() => document.documentElement.lang") == other
    assert not lp.console_errors, lp.console_errors[:5]
    assert not lp.blocked, lp.blocked[:5]


def test_index_offers_both_editions(two_editions, open_page):
    site = two_editions
    html = (site / "index.html").read_text(encoding="utf-8")
    for lang in EDITIONS:
        assert f'href="{lang}/index.html"' in html, f"index.html does not link {lang}/index.html"
    lp = open_page("index.html")
    p = lp.page
    links = p.locator("main a")
    assert sorted(links.all_inner_texts()) and {t.split()[0] for t in links.all_inner_texts()} == {"English", "日本語"}
    p.locator('a[hreflang="ja"]').click()
    p.wait_for_url(lambda url: url.endswith("/ja/book/intro.html"), timeout=10_000)
    assert p.evaluate("() => document.documentElement.lang") == "ja"
    p.go_back()
    p.wait_for_load_state("load")
    p.locator('a[hreflang="en"]').click()
    p.wait_for_url(lambda url: url.endswith("/en/book/intro.html"), timeout=10_000)
    assert not lp.console_errors and not lp.blocked and not lp.failed, (lp.console_errors, lp.blocked, lp.failed)


@pytest.mark.parametrize("lang,query", SEARCHES, ids=[q for _, q in SEARCHES])
def test_search_finds_offline(two_editions, browser, lang, query):
    site = two_editions
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    prefix = site.as_uri() + "/"

    def gate(route):
        if route.request.url.startswith(prefix):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", gate)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    try:
        page.goto((site / lang / "search.html").as_uri() + "?q=" + quote(query), wait_until="load")
        # the search is done when its title exists and the progress pulse stopped
        page.wait_for_function("() => document.querySelector('#search-results h2') && Search._pulse_status === -1",
                               timeout=20_000)
        page.wait_for_timeout(200)
        results = page.locator("#search-results ul.search > li")
        summary = page.inner_text("#search-results .search-summary")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{lang}__search__{quote(query, safe='')[:40]}.png"))
        assert results.count() > 0, f"{lang}/search.html?q={query}: no result ({summary!r})"
        assert summary.strip(), f"{lang}/search.html?q={query}: empty status line"
        assert not errors, f"{lang}/search.html?q={query}: console errors {errors[:5]}"
        assert not outside, f"{lang}/search.html?q={query}: requests outside the site {outside[:5]}"
        hrefs = page.eval_on_selector_all("#search-results ul.search > li > a", "els => els.map(a => a.href)")
        missing = [h for h in hrefs if not Path(unquote(urlparse(h).path)).is_file()]
        assert not missing, f"{lang}: results linking to missing pages: {missing[:5]}"
    finally:
        context.close()
