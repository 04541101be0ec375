"""Sphinx extension: the site reads on a laptop and on a phone (issue 16, "nothing cut off").

* ``dlnotes-reading.css``: printed outputs wrap inside their box; code input cells kept wide
  scroll inside their own box; figures and widgets never widen the page.
* ``dlnotes-reading.js``: a table wider than its column is shown stacked (one card per row,
  each cell under its column's name); an inline formula wider than its line gets a line of
  its own that scrolls, like display math.  Both re-checked when the window is resized.
* nbval markers (``# NBVAL_IGNORE_OUTPUT`` ...) are test instructions, not part of the
  lesson: they are removed from the rendered code cells (the ``.ipynb`` keeps them, so
  ``pytest --nbval`` still sees them).
"""
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

STATIC = Path(__file__).resolve().parent / "dlnotes_reading_static"

#: a whole line that only holds an nbval marker comment, e.g. ``# NBVAL_IGNORE_OUTPUT``
NBVAL_LINE = re.compile(r"^[ \t]*#[ \t]*NBVAL_[A-Z_]+[ \t]*(?:\n|$)", re.M)


def strip_nbval_markers(source):
    """The code of a cell without its nbval marker lines (issue 16, "no test markers visible").

    Only whole comment lines naming an nbval marker go; every other line is kept as written.
    """
    return NBVAL_LINE.sub("", source)


class StripNbvalMarkers(SphinxTransform):
    """Remove nbval marker lines from the code cells of executed notebooks (issue 16)."""

    default_priority = 500

    def apply(self):
        for block in self.document.findall(nodes.literal_block):
            text = block.astext()
            if "NBVAL_" not in text:
                continue
            stripped = strip_nbval_markers(text)
            if stripped == text:
                continue
            block.children = [nodes.Text(stripped)]
            block.rawsource = stripped


def add_static(app):
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("builder-inited", add_static)
    app.add_css_file("dlnotes-reading.css")
    app.add_js_file("dlnotes-reading.js", defer="defer")
    app.add_transform(StripNbvalMarkers)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
