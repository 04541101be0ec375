"""Write a notebook from a list of (kind, source) pairs: python3 /tmp/mknb.py spec.py out.ipynb"""
import sys, nbformat
ns = {}
exec(open(sys.argv[1]).read(), ns)
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
for kind, src, *meta in ns["CELLS"]:
    # ("code", source, {"alt": "..."}): the description of the figure the cell draws; myst-nb makes
    # it the alt text of the cell's images (book/_ext/dlnotes_figures.py: also of animation frames
    # and pre-drawn widget images)
    src = src.strip("\n")
    cell = nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
    for m in meta:
        unknown = set(m) - {"alt"}
        if unknown or kind != "code":
            raise SystemExit(f"mknb: a {kind} cell's options {sorted(m)}: only code cells take 'alt'")
        cell.metadata["mystnb"] = {"image": {"alt": " ".join(m["alt"].split())}}
    nb.cells.append(cell)
nbformat.write(nb, sys.argv[2])
