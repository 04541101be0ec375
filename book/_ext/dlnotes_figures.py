"""Sphinx extension: figures a reader can read on a laptop and on a phone, each with a description.

* Every image a notebook cell outputs is wrapped in a box (``div.dlnotes-figure``) and in a link
  to the image file itself, so a click opens it at full size. The box scrolls sideways on a
  narrow screen instead of shrinking the image below a readable width: the image keeps at least
  ``min(natural width, MIN_WIDTH_PX)`` CSS pixels (``book/_static/figures.css``).
* A cell's description, its metadata ``{"mystnb": {"image": {"alt": "..."}}}`` (myst-nb sets it
  as the ``alt`` of the cell's PNG outputs; ``notebooks/src/mknb.py`` writes it from the notebook
  source), also becomes the ``alt`` of the images in the cell's HTML output (the frame of a
  matplotlib animation) and, through a small script, of the images an ipywidgets view draws in
  the browser (a pre-drawn explorer's PNGs), which have no ``alt`` of their own.
"""
import html
import posixpath
import re
import struct
from pathlib import Path
from urllib.parse import quote

from docutils import nodes

STATIC = Path(__file__).resolve().parents[1] / "_static"       # book/_static: figures.css
#: the narrowest a figure is shown (CSS px) before its box scrolls: at the 688 px column the
#: figures' text is at least 11.25 px (tests/test_figure_fonts.py), at 560 px at least 9 px
MIN_WIDTH_PX = 560

_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)", re.I)

#: sets the cell's description on the images a widget view adds later (they have no alt)
_WIDGET_ALT_JS = """
(() => {
  const apply = () => document.querySelectorAll('.dlnotes-alt[data-alt]').forEach(holder => {
    const cell = holder.closest('.cell') || holder.parentElement;
    cell.querySelectorAll('img:not([alt]), img[alt=""]').forEach(img => {
      img.setAttribute('alt', holder.dataset.alt);
    });
  });
  const start = () => {
    apply();
    new MutationObserver(apply).observe(document.body, {childList: true, subtree: true});
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
"""


class figure_box(nodes.General, nodes.Element):
    """A notebook figure's scroll box and full-size link (HTML only), around one image node."""


def _png_width(path):
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">I", head[16:20])[0]
    return None


def _cell_alt(cell):
    meta = cell.get("cell_metadata") or {}
    alt = ((meta.get("mystnb") or {}).get("image") or {}).get("alt")
    return alt.strip() if isinstance(alt, str) and alt.strip() else None


def wrap_figures(app, doctree, docname):
    if app.builder.format != "html":
        return
    for cell in list(doctree.findall(lambda n: isinstance(n, nodes.container)
                                     and n.get("nb_element") == "cell_code")):
        alt = _cell_alt(cell)
        for image in list(cell.findall(nodes.image)):
            if alt and not image.get("alt"):
                image["alt"] = alt
            if isinstance(image.parent, (nodes.reference, figure_box)):
                continue
            uri = image["uri"]
            path = Path(uri) if Path(uri).is_absolute() else Path(app.srcdir) / uri
            width = _png_width(path)
            box = figure_box(min_width=min(width, MIN_WIDTH_PX) if width else None)
            image.replace_self(box)
            box.append(image)
        if not alt:
            continue
        widget = False
        for raw in list(cell.findall(nodes.raw)):
            text = raw.astext()
            widget |= "application/vnd.jupyter.widget-view+json" in text
            if _IMG_WITHOUT_ALT.search(text):                   # an animation's frame image
                new = _IMG_WITHOUT_ALT.sub(f'<img alt="{html.escape(alt)}"', text)
                raw.replace_self(nodes.raw("", new, format=raw.get("format", "html")))
        if widget:
            cell.append(nodes.raw("", f'<div class="dlnotes-alt" hidden data-alt="{html.escape(alt)}"></div>',
                                  format="html"))


def visit_figure_box(self, node):
    image = node.next_node(nodes.image)
    uri = image["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))
    style = f' style="--dlnotes-figure-min: {node["min_width"]}px"' if node.get("min_width") else ""
    self.body.append(f'<div class="dlnotes-figure"{style}>'
                     f'<a class="dlnotes-figure-link" href="{html.escape(uri)}" '
                     f'title="Open the figure at full size">')


def depart_figure_box(self, node):
    self.body.append("</a></div>")


def skip(self, node):
    pass


def add_static(app):
    if str(STATIC) not in [str(p) for p in app.config.html_static_path]:
        app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.add_node(figure_box, html=(visit_figure_box, depart_figure_box),
                 latex=(skip, skip), text=(skip, skip), man=(skip, skip), texinfo=(skip, skip))
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", wrap_figures)
    app.add_css_file("figures.css")
    app.add_js_file(None, body=_WIDGET_ALT_JS)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

