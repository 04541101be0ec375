"""Write a notebook from a notebook source: python notebooks/src/mknb.py notebooks/src/X.py notebooks/X.ipynb

A source defines ``CELLS``, a list of cells:

* ``("md", english, japanese)``: a prose cell in both languages (issue 15).  The notebook's
  cell holds the English; the Japanese goes to ``cell.metadata["dlnotes"]["ja"]``, from where
  the site build's Japanese edition takes it (book/editions.py).
* ``("code", source)`` or ``("code", source, {"alt": english, "alt_ja": japanese})``: the
  description of the figure the cell draws; myst-nb makes it the alt text of the cell's images
  (book/_ext/dlnotes_figures.py: also of animation frames and pre-drawn widget images).
"""
import sys

import nbformat


def cell_of(kind, src, *rest):
    """One notebook cell from one entry of ``CELLS`` (SystemExit naming the problem)."""
    if kind == "md":
        if len(rest) > 1 or any(not isinstance(t, str) for t in rest):
            raise SystemExit(f"mknb: a md cell is (\"md\", english, japanese), got {len(rest) + 2} items")
        cell = nbformat.v4.new_markdown_cell(src.strip("\n"))
        if rest:
            cell.metadata["dlnotes"] = {"ja": rest[0].strip("\n")}
        return cell
    if kind != "code":
        raise SystemExit(f"mknb: a cell's kind is 'md' or 'code', got {kind!r}")
    cell = nbformat.v4.new_code_cell(src.strip("\n"))
    for m in rest:
        unknown = set(m) - {"alt", "alt_ja"}
        if unknown:
            raise SystemExit(f"mknb: a code cell's options {sorted(m)}: only 'alt' and 'alt_ja'")
        if "alt" in m:
            cell.metadata["mystnb"] = {"image": {"alt": " ".join(m["alt"].split())}}
        if "alt_ja" in m:
            cell.metadata["dlnotes"] = {"alt_ja": " ".join(m["alt_ja"].split())}
    return cell


def main(source, out):
    ns = {}
    exec(open(source, encoding="utf-8").read(), ns)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [cell_of(*entry) for entry in ns["CELLS"]]
    nbformat.write(nb, out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
