"""Open every built page in headless Chromium from file:// with the network blocked.

Checks per page: no request leaves the site folder, no request fails, no
console error, MathJax typeset every formula (no raw TeX delimiters left),
every <img> loaded; on widget pages, each explorer control moved in the
browser changes the visible image (the widgets live in the saved widget
state, no kernel); on animation pages, Play advances the frame slider.
"""
import re

from siteinfo import REPORT, discover_pages, edition_of, page_kind, page_weight

#: a page above this is too heavy for a reader's laptop (HTML + image files)
PAGE_BUDGET_BYTES = 12_000_000


def kind(name):
    def mark(fn):
        fn.kind = name
        return fn
    return mark


# Raw TeX a failed MathJax run would leave in the visible text (code blocks excluded).
_RAW_TEX_JS = """() => {
    const body = document.querySelector('main') || document.body;
    const copy = body.cloneNode(true);
    copy.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight').forEach(e => e.remove());
    return copy.textContent;
}"""


def test_page_loads_offline(shared_page, site, page_rel):
    lp = shared_page(page_rel)
    REPORT["pages"].append(page_rel)
    shot = lp.screenshot()
    problems = []
    if lp.blocked:
        problems.append(f"{len(lp.blocked)} request(s) outside the site folder: {lp.blocked[:5]}")
    if lp.failed:
        problems.append(f"failed request(s): {lp.failed[:5]}")
    if lp.console_errors:
        problems.append(f"console error(s): {lp.console_errors[:5]}")

    p = lp.page
    # MathJax: every Sphinx math node holds a typeset mjx-container, and no raw delimiters are left
    n_math = p.locator(".math").count()
    n_typeset = p.locator(".math mjx-container").count()
    if n_math and n_typeset < n_math:
        problems.append(f"MathJax typeset {n_typeset} of {n_math} formulas")
    if page_kind(site, page_rel)["math"] and p.locator("mjx-container").count() == 0:
        problems.append("page has math but no mjx-container")
    text = p.evaluate(_RAW_TEX_JS)
    for raw in ("$$", "\\(", "\\)", "\\[", "\\]", "\\begin{", "\\frac"):
        if raw in text:
            at = text.index(raw)
            near = " ".join(text[max(0, at - 80):at + 80].split())
            problems.append(f"raw TeX {raw!r} left in the text: ...{near}...")

    # a widget description or label with $...$ is not typeset (MathJax here only knows \( \))
    widget_text = p.evaluate("() => Array.from(document.querySelectorAll("
                             "'.jupyter-widgets label, .jupyter-widgets .widget-label, .widget-html-content'))"
                             ".map(e => e.innerText).join(' | ')")
    for m in re.finditer(r"\$[^$\s][^$]*\$", widget_text):
        problems.append(f"raw TeX {m.group(0)!r} in a widget label (write \\(...\\) instead of $...$)")

    # every image (figures, widget images, animation frames) decoded
    bad = p.evaluate("""() => Array.from(document.images)
        .filter(i => i.getAttribute('src') !== null && !(i.complete && i.naturalWidth > 0))
        .map(i => (i.getAttribute('src') || '').slice(0, 80))""")
    # matplotlib's jshtml <img> gets its src from script; an <img> without src is not a figure
    if bad:
        problems.append(f"{len(bad)} image(s) not loaded: {bad[:5]}")

    REPORT["weights"][page_rel] = page_weight(site, page_rel)
    total = REPORT["weights"][page_rel][0]
    if total > PAGE_BUDGET_BYTES:
        problems.append(f"page weighs {total / 1e6:.1f} MB, expected <= {PAGE_BUDGET_BYTES / 1e6:.0f} MB")
    assert not problems, f"{page_rel} (screenshot {shot.name}):\n  " + "\n  ".join(problems)


# ---- widgets ------------------------------------------------------------------------------------
_CONTROLS_JS = """() => {
    // an explorer = a widget box holding a control (slider or dropdown) and images; tag each control
    const controls = Array.from(document.querySelectorAll(
        '.jupyter-widgets .widget-slider, .jupyter-widgets .widget-dropdown'));
    return controls.map((c, i) => { c.setAttribute('data-test-control', String(i)); return i; });
}"""

_VISIBLE_STATE_JS = """(i) => {
    // the explorer box: the nearest widget box around the control that holds more than the control
    const c = document.querySelector(`[data-test-control="${i}"]`);
    let box = c.parentElement;
    while (box && !(box.classList.contains('widget-box') && box.querySelectorAll('img, .widget-html, .widget-label').length)) {
        box = box.parentElement;
    }
    if (!box) { return null; }
    box.setAttribute('data-test-box', String(i));
    const imgs = Array.from(box.querySelectorAll('img'))
        .filter(img => img.checkVisibility() && img.naturalWidth > 0).map(img => img.src);
    const texts = Array.from(box.querySelectorAll('.widget-html, .widget-label'))
        .filter(e => !c.contains(e) && e.checkVisibility()).map(e => e.innerText);
    return {has_images: box.querySelectorAll('img').length > 0, imgs: imgs, texts: texts};
}"""


def _changed(before, after):
    """The visible image changed (an image explorer) or, for a box of text only, the visible text."""
    if before["has_images"]:
        return bool(after["imgs"]) and after["imgs"] != before["imgs"]
    return after["texts"] != before["texts"]


def _move(page, index):
    """Move control ``index`` one step with the keyboard (a slider) or pick another option (a dropdown)."""
    control = page.locator(f'[data-test-control="{index}"]')
    select = control.locator("select")
    if select.count():
        options = select.locator("option").all_text_contents()
        current = select.evaluate("s => s.selectedIndex")
        select.select_option(index=(current + 1) % len(options))
        return
    handle = control.locator(".noUi-handle, input[type=range], .slider-container *[tabindex]").first
    handle.focus()
    before = page.evaluate(_VISIBLE_STATE_JS, index)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(150)
    if not _changed(before, page.evaluate(_VISIBLE_STATE_JS, index)):   # at the right end already
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")


@kind("widgets")
def test_widgets_respond_without_kernel(open_page, page_rel):
    lp = open_page(page_rel)
    p = lp.page
    indices = p.evaluate(_CONTROLS_JS)
    assert p.locator(".jupyter-widgets img").count() > 0, f"{page_rel}: no widget image rendered"
    assert indices, f"{page_rel}: widget state saved but no slider/dropdown rendered"
    moved, image_controls = [], 0
    for i in indices:
        before = p.evaluate(_VISIBLE_STATE_JS, i)
        if not (before and (before["imgs"] or before["texts"])):
            moved.append((i, "nothing visible beside the control", False))
            continue
        _move(p, i)
        p.wait_for_timeout(200)
        after = p.evaluate(_VISIBLE_STATE_JS, i)
        label = p.locator(f'[data-test-control="{i}"]').inner_text().strip().splitlines()[0:1]
        moved.append((i, label, _changed(before, after)))
        if before["has_images"]:
            image_controls += 1
    REPORT["widgets"] += len(moved)
    lp.screenshot("__after-moving-controls", element=p.locator(f'[data-test-box="{indices[-1]}"]'))
    assert image_controls, f"{page_rel}: no control drives an image"
    dead = [m for m in moved if not m[2]]
    assert not dead, f"{page_rel}: moving these controls did not change the visible image: {dead}"
    assert not lp.console_errors, f"{page_rel}: console errors while moving controls: {lp.console_errors[:5]}"
    assert not lp.blocked, f"{page_rel}: requests outside the site while moving controls: {lp.blocked[:5]}"


def test_site_has_widget_pages(site):
    pages = [p for p in discover_pages(site) if page_kind(site, p)["widgets"]]
    assert pages, "expected at least one page with saved widget state (the tour's explorer), found none"


# ---- matplotlib to_jshtml animations -------------------------------------------------------------
@kind("animation")
def test_animation_play_advances(open_page, page_rel):
    from dlnotes.plots.ch3 import PLAYER_JA
    word = (lambda en: PLAYER_JA[en]) if edition_of(page_rel) == "ja" else (lambda en: en)   # the page's language
    lp = open_page(page_rel)
    p = lp.page
    players = p.locator("div.animation")
    assert players.count() > 0
    for k in range(players.count()):
        player = players.nth(k)
        slider = player.locator("input.anim-slider")
        play = player.locator(f'button[title="{word("Play")}"]')
        # the theme's Font Awesome drew the icon (an <svg>, or the <i> with a size)
        icon_w = play.evaluate("b => { const e = b.querySelector('svg, i'); "
                               "return e ? e.getBoundingClientRect().width : 0; }")
        assert icon_w > 0, f"{page_rel}: player {k}: the Play button's icon is not drawn"
        player.locator(f'button[title="{word("First frame")}"]').click()
        start = int(slider.input_value())
        frame_src = player.locator("img").first.get_attribute("src")
        play.click()
        try:
            p.wait_for_function("([s, v]) => parseInt(s.value) > v", arg=[slider.element_handle(), start],
                                timeout=10_000)
        except Exception:   # playwright's TimeoutError
            raise AssertionError(f"{page_rel}: player {k}: Play did not advance the frame slider "
                                 f"from {start} within 10 s") from None
        player.locator(f'button[title="{word("Pause")}"]').click()
        assert int(slider.input_value()) > start
        assert player.locator("img").first.get_attribute("src") != frame_src, \
            f"{page_rel}: player {k}: the frame image did not change"
        REPORT["animations"] += 1
    lp.screenshot("__after-play", element=players.first)
    assert not lp.console_errors, f"{page_rel}: console errors while playing: {lp.console_errors[:5]}"
    # on a phone the player fits the text column: no control hidden in a sideways-scrolling box
    p.set_viewport_size({"width": 390, "height": 844})
    p.wait_for_timeout(300)
    fit = p.evaluate("""() => [...document.querySelectorAll('div.animation')].map(a => {
        const column = a.closest('.cell_output').getBoundingClientRect();
        const parts = [a, ...a.querySelectorAll('img, input.anim-slider, button, .anim-state')];
        return {column: [column.left, column.right],
                out: parts.filter(e => { const r = e.getBoundingClientRect();
                                         return r.left < column.left - 1 || r.right > column.right + 1; })
                          .map(e => e.tagName + (e.title ? ' ' + e.title : '') + ' ' + Math.round(e.getBoundingClientRect().right))};
    })""")
    for k, f in enumerate(fit):
        assert not f["out"], f"{page_rel}: player {k} on a phone: past the column {f['column']}: {f['out']}"
    lp.screenshot("__player@390", element=players.first)
