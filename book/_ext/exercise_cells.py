"""Sphinx extension: the cells that only show an in-page exercise lose their source in the site.

A cell whose code is only ``exercises.answer_box(...)`` calls (see
``dlnotes.exercises.answer_box``) shows an input box and a Check button when the notebook
runs for the site; its source is for JupyterLab readers, so in the page only the box
remains (as with a ``remove-input`` tag, which the generated notebooks do not carry).
"""
import re

from docutils import nodes

#: a cell source made only of answer_box calls (one per line)
BOX_ONLY = re.compile(r"^(\s*exercises\.answer_box\(.*\)\s*;?\s*(#.*)?\n?)+$")


def _drop_box_sources(app, doctree):
    for node in list(doctree.findall(nodes.container)):
        if "cell_input" not in node.get("classes", []):
            continue
        blocks = list(node.findall(nodes.literal_block))
        if blocks and all(BOX_ONLY.match(b.astext()) for b in blocks):
            node.parent.remove(node)


def setup(app):
    app.connect("doctree-read", _drop_box_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
