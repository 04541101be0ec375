"""Japanese typography (issue 21): no space where a source line break sits between two Japanese characters.

The Markdown prose is wrapped in the source; a line break inside a paragraph reaches the HTML
as a newline, which the browser shows as a space, and Japanese has no spaces between words
(「注意の要る点が 二つある」).  The Japanese edition removes such breaks when it is built
(``book/_ext/dlnotes_cjk.py``; the rule itself is unit-tested in tests/test_cjk_breaks.py).

(a) every page of the Japanese edition, read from its HTML: the text of each paragraph, list
    item, table cell (td, th), definition (dt, dd), figure caption and table caption, and every
    image's alt text, has no Japanese character, blanks holding a newline, Japanese character;
    preformatted text, code, math and scripts are left out of the scan (a newline there is
    real, or not prose), and stand as a non-Japanese character between their neighbours;
(b) the same holds for the texts of the in-page exercise checks (their data-answer JSON: the
    verdicts and hints the page shows);
(c) in Chromium, the glossary shows the two characters around each such break of its source
    (book/ja/glossary.md) side by side, with no space (innerText); the top of the notation page
    is screenshotted at 1280 px (tests/screenshots/ja__book__notation__line_breaks.png).
"""
import html as htmllib
import json
import re

import pytest

from siteinfo import ROOT, SHOTS, discover_pages, editions

#: East Asian wide and full-width characters as the scan counts them (written out here, not
#: taken from the extension): CJK punctuation, kana, kanji, full-width forms
CJK = "\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6"
BREAK = re.compile(f"[{CJK}][ \\t\\r]*\\n[ \\t\\r\\n]*[{CJK}]")
PROSE = ("p", "li", "td", "th", "dt", "dd", "figcaption", "caption")
#: not prose: a newline inside is a real line break (pre), code, or math source (MathJax)
OPAQUE_TAGS = ("pre", "code", "kbd", "samp", "script", "style", "textarea", "svg")
OPAQUE_CLASSES = ("math", "highlight")
MIN_ELEMENTS = 2000          # the Japanese edition has thousands of prose elements (a vacuous scan fails)


def _opaque(tag):
    return tag.name in OPAQUE_TAGS or any(c in OPAQUE_CLASSES for c in tag.get("class") or ())


def _text(el):
    """The text of ``el`` as prose: each opaque descendant (code, math, pre, ...) as one NUL character."""
    from bs4 import NavigableString, Tag
    out = []

    def walk(node):
        for child in node.children:
            if isinstance(child, Tag):
                if _opaque(child):
                    out.append("\0")
                else:
                    walk(child)
            elif isinstance(child, NavigableString) and type(child) is NavigableString:
                out.append(str(child))        # not comments, CDATA, ...
    walk(el)
    return "".join(out)


def _snippet(text, m):
    return text[max(0, m.start() - 15):m.end() + 15].replace("\n", "⏎").replace("\0", "▯")


def scan_page(html):
    """(prose elements and alt texts scanned, [snippets around each Japanese-newline-Japanese])."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    scanned, found = 0, []
    for el in article.find_all(PROSE):
        if el.find_parent(PROSE) is not None or el.find_parent(_opaque) is not None:
            continue                        # an outer element holds it (scanned once, with it)
        scanned += 1
        text = _text(el)
        found += [f"<{el.name}> …{_snippet(text, m)}…" for m in BREAK.finditer(text)]
    for img in article.find_all("img", alt=True):
        scanned += 1
        found += [f"<img alt> …{_snippet(img['alt'], m)}…" for m in BREAK.finditer(img["alt"])]
    return scanned, found


def scan_exercise_texts(html):
    """(texts of the in-page exercise checks scanned, [snippets]): the strings of every data-answer JSON."""
    scanned, found = 0, []
    for raw in re.findall(r"data-answer=\"([^\"]*)\"", html):
        strings = []

        def collect(value):
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                for v in value.values():
                    collect(v)
            elif isinstance(value, list):
                for v in value:
                    collect(v)
        collect(json.loads(htmllib.unescape(raw)))
        scanned += len(strings)
        found += [f"data-answer …{_snippet(s, m)}…" for s in strings for m in BREAK.finditer(s)]
    return scanned, found


@pytest.fixture(scope="module")
def ja_pages(site):
    if "ja" not in editions(site):
        pytest.fail(f"no Japanese edition in {site} (book/editions.py builds _build/html/ja/)")
    pages = discover_pages(site, edition="ja")
    assert len(pages) >= 30, pages
    return pages


def test_no_space_between_japanese_characters_in_prose(site, ja_pages):
    scanned, problems, per_page = 0, [], {}
    for rel in ja_pages:
        n, found = scan_page((site / rel).read_text(encoding="utf-8"))
        scanned += n
        if found:
            per_page[rel] = len(found)
            problems += [f"{rel}: {f}" for f in found]
    assert scanned >= MIN_ELEMENTS, f"only {scanned} prose elements and alt texts found in {len(ja_pages)} pages"
    assert not problems, (f"{len(problems)} line break(s) between Japanese characters (shown as a space) "
                          f"in {per_page}:\n  " + "\n  ".join(problems[:40]))


def test_no_space_between_japanese_characters_in_exercise_checks(site, ja_pages):
    scanned, problems = 0, []
    for rel in ja_pages:
        n, found = scan_exercise_texts((site / rel).read_text(encoding="utf-8"))
        scanned += n
        problems += [f"{rel}: {f}" for f in found]
    assert scanned >= 50, f"only {scanned} texts of in-page exercise checks found"
    assert not problems, "\n  ".join(problems[:40])


def test_scan_catches_a_break():
    """The scan itself: finds a break between Japanese characters in prose, not in code or next to Latin/math."""
    bad = ("<article><p>注意の要る点が\n二つある。<code>ソフト\nマックス</code></p>"
           "<ul><li><p>次の\n  行</p></li></ul>"
           "<p>ReLU\nの値と <span class=\"math notranslate nohighlight\">\\(x\\)</span>\nは</p>"
           "<pre>まだ違う：\n答え</pre><img src=\"a.png\" alt=\"図の\n説明\"></article>")
    scanned, found = scan_page(bad)
    assert scanned == 4, scanned
    assert [f.split(" ", 1)[0] for f in found] == ["<p>", "<li>", "<img"], found


# ------------------------------------------------------------------------------ (c) in Chromium
GLOSSARY = "ja/book/glossary.html"        # its source, book/ja/glossary.md, wraps Japanese lines
NOTATION = "ja/book/notation.html"


def _source_pairs(md):
    """(the two characters before, the two after) each line break between Japanese characters of ``md``."""
    pairs = re.findall(f"([{CJK}]{{2}})[ \\t]*\\n[ \\t]*([{CJK}]{{2}})", md)
    return sorted(set(pairs))


def test_rendered_text_has_no_space_between_japanese_characters(site, ja_pages, open_page):
    """In Chromium, the Japanese glossary shows each pair of characters its source has around a
    line break side by side, with no space between them (innerText of the prose elements)."""
    pairs = _source_pairs((ROOT / "book" / "ja" / "glossary.md").read_text(encoding="utf-8"))
    assert len(pairs) >= 3, f"book/ja/glossary.md no longer wraps its Japanese lines: {pairs}"
    lp = open_page(GLOSSARY)
    text = "\n".join(lp.page.eval_on_selector_all(
        "article p, article li, article dd, article td, article th",
        "els => els.filter(e => !e.closest('pre, code, .math')).map(e => e.innerText)"))
    spaced = [a + " " + b for a, b in pairs if re.search(re.escape(a) + r"\s+" + re.escape(b), text)]
    joined = [a + b for a, b in pairs if a + b in text]
    assert not spaced, f"shown with a space in {GLOSSARY}: {spaced}"
    assert len(joined) >= 3, (pairs, joined)     # the pairs are there, side by side
    lp = open_page(NOTATION)
    SHOTS.mkdir(parents=True, exist_ok=True)
    lp.page.screenshot(path=str(SHOTS / "ja__book__notation__line_breaks.png"), full_page=False)
