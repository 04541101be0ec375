"""Figures in the built site: described, openable at full size, readable on a phone (issue 16).

On every page: every ``img`` (static figures, an animation's frame, images a widget view draws)
has alt text that describes it, not a file path or nothing. Every figure a notebook cell outputs
is a link to its own image file, and at a 390 px phone viewport it is shown at least at its
readable minimum width, ``min(natural width, 560 px)`` (book/_ext/dlnotes_figures.py), inside a
box that scrolls sideways and ends within the screen.
"""
import re

#: alt text that is a path or file name (what myst-nb writes when a cell has no description)
PATHLIKE = re.compile(r"^\s*\S*[/\\]\S*\s*$|\.(png|jpe?g|gif|svg|webp)\s*$", re.I)
MIN_WIDTH_PX = 560          # book/_ext/dlnotes_figures.py: MIN_WIDTH_PX
PHONE = {"width": 390, "height": 844}

IMAGES_JS = """() => Array.from(document.images).map(img => {
    const r = img.getBoundingClientRect();
    const link = img.closest('a[href]');
    const box = img.closest('.dlnotes-figure');
    return {src: img.getAttribute('src') || '', alt: img.getAttribute('alt'),
            width: r.width, natural: img.naturalWidth, shown: r.width > 0 && r.height > 0,
            href: link ? link.href : null, resolved: img.src,
            output: !!img.closest('.cell_output'), widget: !!img.closest('.jupyter-widgets'),
            box: box ? {client: box.clientWidth, scroll: box.scrollWidth,
                        overflowX: getComputedStyle(box).overflowX} : null};
})"""


def _figures(images):
    """The images a notebook cell outputs as static figures (not widget views, not the player)."""
    return [i for i in images if i["output"] and not i["widget"] and not i["src"].startswith("data:")]


def test_every_image_has_a_real_description(shared_page, page_rel):
    lp = shared_page(page_rel)
    lp.page.wait_for_timeout(200)                        # widget views add their images late
    images = lp.page.evaluate(IMAGES_JS)
    # every image: an alt that is not missing and not a file path (Sphinx's own decoration, the
    # module index's "-" toggle, keeps its one-character alt); a notebook's output images: a
    # description of at least a few words (or, in Japanese, which has no spaces, 20 characters)
    bad = [(i["src"][-40:], i["alt"]) for i in images
           if i["alt"] is None or PATHLIKE.search(i["alt"])
           or (i["output"] and len(i["alt"].split()) < 4 and len(i["alt"]) < 20)]   # Japanese: no spaces
    assert not bad, f"{page_rel}: {len(bad)} of {len(images)} images without a real description: {bad[:5]}"


def test_figures_link_to_their_full_size_file(shared_page, page_rel):
    lp = shared_page(page_rel)
    figures = _figures(lp.page.evaluate(IMAGES_JS))
    unlinked = [f["src"][-40:] for f in figures if f["href"] != f["resolved"]]
    assert not unlinked, f"{page_rel}: figures that do not open at full size: {unlinked}"


def test_figures_keep_a_readable_width_on_a_phone(shared_page, page_rel):
    lp = shared_page(page_rel)
    lp.page.set_viewport_size(PHONE)
    lp.page.wait_for_timeout(300)
    figures = [f for f in _figures(lp.page.evaluate(IMAGES_JS)) if f["shown"]]
    narrow = [(f["src"][-30:], round(f["width"]), f["natural"]) for f in figures
              if f["width"] < min(f["natural"], MIN_WIDTH_PX) - 1]
    assert not narrow, f"{page_rel}: figures shrunk below their readable width at 390 px: {narrow}"
    for f in figures:
        assert f["box"] is not None, f"{page_rel}: figure {f['src'][-30:]} is not in a scroll box"
        if f["box"]["scroll"] > f["box"]["client"] + 1:
            assert f["box"]["overflowX"] in ("auto", "scroll"), f"{page_rel}: figure box cannot scroll: {f}"
    boxes = lp.page.evaluate("""() => Array.from(document.querySelectorAll('.dlnotes-figure'))
        .map(b => b.getBoundingClientRect().right)""")
    assert all(right <= PHONE["width"] + 1 for right in boxes), \
        f"{page_rel}: a figure box runs past the screen's edge: {boxes}"
