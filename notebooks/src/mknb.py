"""Write a notebook from a list of (kind, source) pairs: python3 /tmp/mknb.py spec.py out.ipynb"""
import sys, nbformat
ns = {}
exec(open(sys.argv[1]).read(), ns)
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.metadata["language_info"] = {"name": "python"}
for kind, src in ns["CELLS"]:
    src = src.strip("\n")
    nb.cells.append(nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src))
nbformat.write(nb, sys.argv[2])
