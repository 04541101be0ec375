"""Every page reads on a phone (390x844) and on a laptop (1280x900): nothing is cut off.

Checks per page and viewport (issue 16, items 1 and 6):

* the page does not scroll sideways (the document is no wider than the viewport);
* no ``pre`` and no text output is cut off at its right edge: its content is no wider
  than its box, except a code input cell kept wide on purpose, which must then scroll
  inside its own box (``overflow-x: auto``);
* no table, formula or other block reaches past the text column unless it scrolls;
* exactly one visible H1 (a second H1 makes half a page look like another chapter);
* no nbval marker (``NBVAL_...``) in the visible text.

The terminal summary gives the totals (cut blocks, pages scrolling sideways on a phone),
the numbers issue 16 asks for before and after.
"""
import re

import pytest

from siteinfo import EDITIONS, READING, REPORT, editions

VIEWPORTS = {"phone": (390, 844), "laptop": (1280, 900)}

#: measured in the page, after layout at the current viewport size
_MEASURE_JS = """(wideCodeMayScroll) => {
    const doc = document.documentElement;
    const visible = e => e.offsetParent !== null || getComputedStyle(e).position === 'fixed';
    const label = e => {
        const cell = e.closest('.cell');
        const where = cell ? (cell.id || 'cell ' + Array.from(document.querySelectorAll('.cell')).indexOf(cell))
                           : (e.closest('section[id]') || {}).id || '?';
        return where + ': ' + (e.innerText || '').trim().split('\\n')[0].slice(0, 70);
    };
    // text: every pre (code, printed output) and the text outputs holding them
    const texts = Array.from(document.querySelectorAll(
        'main pre, main .cell_output .output.text_plain, main .cell_output .output.stream')).filter(visible);
    // other outputs (figures, widgets): may scroll in their own box (a figure kept at a readable size)
    const others = Array.from(document.querySelectorAll('main .cell_output > .output'))
        .filter(e => visible(e) && !e.matches('.text_plain, .stream'));
    const cut = [], scrolling = [];
    for (const e of texts.concat(others)) {
        if (e.scrollWidth <= e.clientWidth + 1) continue;
        const ox = getComputedStyle(e).overflowX;
        const scrolls = ox === 'auto' || ox === 'scroll';
        // source code (an input cell, a code block of the text), not printed output
        const code = e.tagName === 'PRE' && e.closest('.cell_output') === null
            && (e.closest('.cell_input') !== null || e.closest('div[class*="highlight-"]') !== null);
        if (code && scrolls && wideCodeMayScroll) scrolling.push(label(e));
        else if (!texts.includes(e) && scrolls) continue;
        else cut.push(label(e) + ' [' + e.scrollWidth + ' > ' + e.clientWidth + ' px, overflow-x ' + ox + ']');
    }
    // anything in the article that ends right of the column without its own scrolling box
    const article = document.querySelector('main article') || document.querySelector('main');
    const right = article.getBoundingClientRect().right;
    const wide = [];
    for (const e of article.querySelectorAll('table, mjx-container, .math, img, pre, p, dl, li')) {
        if (!visible(e)) continue;
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.right <= right + 1) continue;
        // fine if it sits in a box that scrolls sideways and ends inside the column
        let box = e, scrolls = false;
        while (box && box !== article) {
            const ox = getComputedStyle(box).overflowX;
            if ((ox === 'auto' || ox === 'scroll') && box.getBoundingClientRect().right <= right + 1) {
                scrolls = true;
                break;
            }
            box = box.parentElement;
        }
        if (!scrolls) wide.push(e.tagName.toLowerCase() + ' in ' + label(e) + ' [right edge ' +
                                Math.round(r.right) + ' > ' + Math.round(right) + ' px]');
    }
    // a table wider than its column (it would hide columns behind a sideways scroll)
    const tables = Array.from(article.querySelectorAll('table')).filter(t => visible(t) && !t.closest('.cell_output'))
        .filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1)
        .map(t => label(t) + ' [' + Math.round(t.getBoundingClientRect().width) + ' > ' +
                  t.parentElement.clientWidth + ' px]');
    const h1 = Array.from(document.querySelectorAll('h1')).filter(visible)
        .map(h => h.innerText.replace(/#$/, '').trim());
    return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut, scrolling,
            tables, wide: wide.slice(0, 8), nWide: wide.length, h1, text: document.body.innerText};
}"""



def measure(page, size):
    """Layout facts at one viewport size: on a phone a wide code cell may scroll in its box;
    on a laptop code lines (about 80 characters) fit the column."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.wait_for_timeout(400)           # let the layout (and the page's resize handlers) settle
    return page.evaluate(_MEASURE_JS, size[0] < 600)


def test_nothing_cut_off(shared_page, page_rel):
    lp = shared_page(page_rel)
    REPORT["pages"].append(page_rel)
    READING["pages"] += 1
    problems = []
    for name, size in VIEWPORTS.items():
        m = measure(lp.page, size)
        READING["cut"][name] += len(m["cut"])
        READING["tables"][name] += len(m["tables"])
        READING["scrolling_inputs"][name] += len(m["scrolling"])
        if m["scrollWidth"] > m["clientWidth"]:
            READING["sideways"][name].append(page_rel)
            problems.append(f"{name}: the page scrolls sideways (document {m['scrollWidth']} px wide, "
                            f"viewport {m['clientWidth']} px)")
        for c in m["cut"]:
            problems.append(f"{name}: block cut off: {c}")
        for t in m["tables"]:
            problems.append(f"{name}: table wider than its column: {t}")
        for w in m["wide"]:
            problems.append(f"{name}: reaches past the column: {w}")
        if m["nWide"] > len(m["wide"]):
            problems.append(f"{name}: ... {m['nWide'] - len(m['wide'])} more past the column")
        if len(m["h1"]) != 1:
            problems.append(f"{name}: {len(m['h1'])} visible H1 (expected 1): {m['h1']}")
        if "NBVAL" in m["text"]:
            at = m["text"].index("NBVAL")
            problems.append(f"{name}: test marker in the text: ...{m['text'][max(0, at - 20):at + 40]!r}")
        if name == "phone":
            lp.screenshot(suffix="@390")
    assert not problems, f"{page_rel}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_is_populated(site, edition):
    """The Index page the theme links (``rel="index"``) lists the API names, each linking to its entry."""
    root = site / edition if edition in editions(site) else site
    if edition not in editions(site) and edition != "en":
        pytest.skip(f"a one-edition site: no {edition}/")
    html = (root / "genindex.html").read_text(encoding="utf-8")
    main = html[html.find("<main"):html.find("</main>")]
    entries = re.findall(r'<li><a href="([^"#]+)#([^"]+)">', main)
    assert len(entries) >= 100, f"{edition}/genindex.html lists {len(entries)} entries: an empty index page"
    missing = sorted({page for page, _ in entries if not (root / page).is_file()})
    assert not missing, f"{edition}: index entries point at pages that do not exist: {missing[:5]}"
