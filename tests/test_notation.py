"""One notation (book/notation.md): the rule engine of book/_ext/dlnotes_notation.py.

Each rule catches a sample of the use it forbids and lets the book's correct form through; the
quoting markers work; the Sphinx extension stops a build on a violation; and every page of the
book, in both editions (notebooks/src/*.py markdown cells' English and Japanese, book/*.md and
book/ja/*.md), follows the notation.
"""
import importlib.util
import json
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("dlnotes_notation", ROOT / "book" / "_ext" / "dlnotes_notation.py")
notation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notation)


def names(text, page="page.md"):
    return [v.rule.name for v in notation.violations(text, page)]


# (rule, a page that breaks it, the same thing in the book's notation)
CASES = [
    ("batch-size-abs-b", r"a batch of $\lvert b\rvert$ rows", r"a batch of $B$ rows"),
    ("batch-size-abs-b", r"$\mathbf X=(\mathbf x_1\ \cdots\ \mathbf x_{|b|})^\top$", r"$\mathbf X=(\mathbf x_1\ \cdots\ \mathbf x_B)^\top$"),
    ("batch-size-abs-b", r"shape $|b|\times n$", r"shape $B\times n$"),
    ("bias-matrix-bold-B", r"$\mathbf Y=\mathbf X\mathbf W+\mathbf B$", r"$\mathbf Y=\mathbf X\mathbf W+\mathbf 1_B\mathbf b$"),
    ("bias-matrix-bold-B", r"$\boldsymbol{B}$", r"$\mathbf 1_B\mathbf b$ with $B$ rows"),
    ("batch-size-N", r"$\mathbf X$ is $N\times n$", r"$\mathbf X$ is $B\times n$"),
    ("batch-size-N", r"$\mathbf X\in\mathbb R^{N\times n}$", r"$\mathbf X\in\mathbb R^{B\times n}$"),
    ("summation-index-alpha", r"$y_{ij}=\sum_{\alpha=1}^n x_{i\alpha}w_{\alpha j}$", r"$y_{ij}=\sum_{k=1}^n x_{ik}w_{kj}$"),
    ("summation-index-alpha", r"$\sum_\alpha a_\alpha$", r"$\mathbf V\leftarrow\alpha\mathbf V-\eta\,\mathbf g$"),
    ("bn-note-row-index", r"$u_j^{(i)}=x_j^{(i)}-\mu_j$", r"$u_{ij}=x_{ij}-\mu_j$"),
    ("bn-note-row-index", r"$z_j^{(k)}$", r"$\hat x_{kj}$"),
    ("bn-note-row-index", r"$\partial\mathcal L/\partial\mathbf y^{(k)}$", r"$\partial\mathcal L/\partial\mathbf y_k$, $\mathbf y^{(\text{train})}$, $f^{(5)}(x)$"),
    ("bn-hat-z", r"$\hat z=(x-\mu)/s$", r"$\hat x_{ij}=u_{ij}/s_j$"),
    ("bn-sigma-self-reference", r"$\sigma_j=\sqrt{\sigma_j^2+\varepsilon}$", r"$s_j:=\sqrt{\sigma_j^2+\varepsilon}$, $\sigma_j=\sqrt{\sigma_j^2}$"),
    ("bn-sigma-as-variance", r"$\sigma_j=\frac1B\sum_i u_{ij}^2$", r"$\sigma_j^2=\frac1B\sum_i u_{ij}^2$, $\sigma_j$ is the standard deviation"),
    ("bn-divide-by-sigma", r"$\hat x_{ij}=u_{ij}/\sigma_j$", r"$\hat x_{ij}=u_{ij}/s_j$, $1/\sigma_j^2$, $u/\sigma_{j}^{2}$, $s_j=\sigma_j$ when $\varepsilon=0$"),
    ("bn-divide-by-sigma", r"$-\frac{1}{2\sigma_j^3}\sum_k g_k$", r"$-\frac{1}{2s_j^3}$, $\partial\sigma_j/\partial\sigma_j^2=1/(2\sigma_j)$"),
    ("bn-divide-by-sigma", r"$\mathbf y=\gamma(\mathbf x-\mu)/\sigma+\beta_j$", r"$\partial\sigma(x)/\partial x=\sigma(x)(1-\sigma(x))$, $1/\sigma(a)$"),
    ("bn-divide-by-sigma", r"$\frac{1}{B\sigma_j}$", r"$\frac{1}{Bs_j}$, $\frac{u_{ij}}{\sqrt{\sigma_j^2+\varepsilon}}$"),
    ("step-function-h", r"$y=h(\mathbf x\mathbf w^\top+b)$", r"$y=\operatorname{step}(\mathbf x\mathbf w^\top+b)$, $f(x+h)$, $\frac{f(x+h)-f(x-h)}{2h}$"),
    ("step-function-h", r"$h'(x)=0$", r"$\varphi'(x)$, $\mathrm{ch}(x)$"),
    ("step-function-f-step", r"$f_{\text{step}}(x)$", r"$\operatorname{step}(x)$"),
    ("hidden-output-h", r"$h=f(\mathbf x\mathbf W_1)$ is $\sigma$ of it: $h = \sigma(a)$", r"$\mathbf z=\sigma(\mathbf a)$, $h = 10^{-4}$"),
    ("hidden-output-h", r"$y=\mathbf h\mathbf W_2$", r"$y=\mathbf z\mathbf W_2$"),
    ("hidden-output-h", r"$\sigma(h W_2 + b_2)$", r"$\sigma(\mathbf z\mathbf W_2+\mathbf b_2)$"),
    ("beta-without-index", r"$\mathbf G\leftarrow\beta\mathbf G+(1-\beta)\,\mathbf g\circ\mathbf g$", r"$\mathbf G\leftarrow\rho\mathbf G+(1-\rho)\,\mathbf g\circ\mathbf g$"),
    ("beta-without-index", r"$\partial\mathcal L/\partial\beta$", r"$\partial\mathcal L/\partial\beta_j$, $\partial\mathcal L/\partial\boldsymbol\beta$, $\boldsymbol{\beta}$, $\beta_1,\beta_{2}$"),
    ("momentum-state-M", r"$\mathbf M\leftarrow\alpha\mathbf M-\eta\,\mathbf g$", r"$\mathbf V\leftarrow\alpha\mathbf V-\eta\,\mathbf g$, $\mathbf M\leftarrow\beta_1\mathbf M+(1-\beta_1)\mathbf g$"),
    ("optimizer-step-t", r"$\hat{\mathbf M}=\mathbf M/(1-\beta_1^t)$", r"$\hat{\mathbf M}=\mathbf M/(1-\beta_1^\tau)$, $\beta_2^{\tau}$"),
    ("optimizer-step-t", r"$\mathbf M_t$ and $\mathbf P_{t+1}$", r"$\mathbf M_\tau$, $\mathbf P_{\tau+1}$, $\mathbf t$, $t_j$"),
    ("difference-step-delta", r"$(f(x+\delta)-f(x))/\delta$", r"$(f(x+h)-f(x))/h$, $\delta_{ij}$, $\delta_{jq}$"),
    ("softmax-constant-C", r"$e^{x_k-C}$", r"$e^{a_k-c}$ over $C$ classes, $\mathbb R^{B\times C}$"),
    ("softmax-constant-C", r"$C=\max_k a_k$", r"$c=\max_k a_k$, $C=10$"),
    ("matrix-set-M", r"$\mathbf W\in\mathbb M^{n\times m}$", r"$\mathbf W\in\mathbb R^{n\times m}$"),
    ("params-blackboard-P", r"$\mathbb P$", r"$\mathbf P$"),
    ("dup-operator", r"$\mathrm{Dup}_N(\mathbf b)$", r"$\mathbf 1_B\mathbf b$"),
    ("loss-plain-L", r"$\partial L/\partial\mathbf Y$", r"$\partial\mathcal L/\partial\mathbf Y$"),
]


def test_every_rule_has_a_case():
    assert {r.name for r in notation.RULES} == {c[0] for c in CASES}
    assert len({r.name for r in notation.RULES}) == len(notation.RULES)


@pytest.mark.parametrize("rule, bad, good", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_catches_the_wrong_form_and_accepts_the_right_one(rule, bad, good):
    assert rule in names(bad), (bad, names(bad))
    assert names(good) == [], (good, names(good))


def test_rule_messages_name_the_place_and_the_right_symbol():
    text = "Intro.\n\nThe update\n$$\n\\mathbf M\\leftarrow\\alpha\\mathbf M-\\eta\\mathbf g\n$$\n"
    (v,) = notation.violations(text, "notebooks/x.ipynb")
    assert v.line == 5 and v.rule.name == "momentum-state-M"
    assert str(v).startswith("notebooks/x.ipynb:5: [momentum-state-M]")
    assert "the book writes \\alpha\\mathbf V" in str(v)


def test_code_is_not_math():
    text = ("`h(x)` is code, $5 and $6 are prices\n\n```python\n# $\\sum_\\alpha$\nh(x)\n```\n\n"
            "~~~\n$\\mathbb P$\n~~~\n")
    assert names(text) == []


def test_math_blocks_and_environments_are_scanned():
    assert names("```{math}\n\\sum_{\\alpha} x_\\alpha\n```\n") == ["summation-index-alpha"]
    assert names("\\begin{align}\nL &= \\partial L\n\\end{align}\n") == ["loss-plain-L"]
    assert names("text $$\\mathbb P$$ more") == ["params-blackboard-P"]
    assert names("two lines $a +\n\\mathbb P$ of inline math") == ["params-blackboard-P"]


def test_quoting_the_note():
    assert names(r"the note's $\mathbf M\leftarrow\alpha\mathbf M$") == []
    assert names(r"the note's velocity $\alpha\mathbf M$") == []
    assert names(r"The notes' $\mathbb P$ is our $\mathbf P$") == []
    # "note's" further away does not count
    assert names(r"the note's rule is long, and then $\mathbb P$") == ["params-blackboard-P"]
    # the marker exempts its paragraph (or table), not the next one
    table = ("<!-- note-notation -->\n| rule | note |\n|---|---|\n| RMSProp | $\\beta\\mathbf G$ |\n\n"
             "Ours is $\\rho\\mathbf G$, not $\\beta\\mathbf G$.\n")
    (v,) = notation.violations(table, "p.md")
    assert v.rule.name == "beta-without-index" and v.line == 6


def test_quoting_the_note_in_japanese():
    assert names(r"ノートの速度 $\alpha\mathbf M$") == []
    assert names(r"ノート 4.1.1 では $\mathbf M\leftarrow\alpha\mathbf M$ と書く") == []
    assert names(r"ノートは $\mathbb P$ を使う") == []
    # the book's own sentence (no 「ノートの」 before the math) is checked
    assert names(r"この本の更新則は $\mathbf M\leftarrow\alpha\mathbf M$ である") == ["momentum-state-M"]
    assert names(r"ノートの式は正しいが、この本の記法で書き直すと $\mathbb P$。") == ["params-blackboard-P"]
    assert names("ノートの式。\n\nこの本では $\\mathbb P$。") == ["params-blackboard-P"]


def test_exempt_pages():
    bad = r"$\lvert b\rvert$ rows"
    assert names(bad, "book/notation.md") == [] and names(bad, "/abs/path/book/errata.md") == []
    assert names(bad, "book/glossary.md") == ["batch-size-abs-b"]


def test_notebook_markdown_cells():
    nb = {"cells": [{"cell_type": "code", "source": "h(x)  # $\\mathbb P$"},
                    {"cell_type": "markdown", "source": ["Loss $\\partial L$\n", "and $\\mathbb P$"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    found = notation.page_violations("notebooks/x.ipynb", json.dumps(nb), "notebooks/x.ipynb")
    assert [(v.rule.name, v.line) for v in found] == [("loss-plain-L", 1), ("params-blackboard-P", 2)]
    assert all(v.cell == "markdown cell 1" for v in found)
    assert str(found[1]).startswith("notebooks/x.ipynb, markdown cell 1, line 2: [params-blackboard-P]")


def test_notation_page_declares_the_notation_and_shows_the_rules():
    text = (ROOT / "book" / "notation.md").read_text()
    assert "```{notation-rules}" in text
    assert "s_j:=\\sqrt{\\sigma_j^2+\\varepsilon}" in text
    self_ref = [r for r in notation.RULES if r.name == "bn-sigma-self-reference"]
    assert notation.violations(text, "notation-as-ordinary-page", self_ref) == []
    table = notation.rules_table().splitlines()
    assert len(table) == 2 + len(notation.RULES)
    assert all(row.count("|") == 5 for row in table)   # no stray pipe breaks the table


def test_the_extension_is_registered():
    config = (ROOT / "_config.yml").read_text()
    assert "dlnotes_notation: book/_ext" in config


def _sphinx_build(tmp_path, pages):
    from sphinx.application import Sphinx
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'dlnotes_notation']\n"
        "myst_enable_extensions = ['dollarmath', 'amsmath']\n")
    toc = "\n".join(pages)
    (src / "index.md").write_text("# Index\n\n```{toctree}\n" + toc + "\n```\n")
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text)
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=None, freshenv=True)
    app.build()
    return tmp_path / "out"


def test_sphinx_build_shows_the_rules_and_passes_on_a_clean_book(tmp_path):
    out = _sphinx_build(tmp_path, {"notation": "# Notation\n\n```{notation-rules}\n```\n",
                                   "ok": "# Ok\n\nThe batch has $B$ rows; the note's $\\lvert b\\rvert$.\n"})
    html = (out / "notation.html").read_text()
    assert all(r.name in html for r in notation.RULES)


def test_sphinx_build_fails_on_a_violation(tmp_path):
    from sphinx.errors import ExtensionError
    with pytest.raises(ExtensionError) as err:
        _sphinx_build(tmp_path, {"bad": "# Bad\n\nA batch of $\\lvert b\\rvert$ rows.\n"})
    assert "bad.md:3: [batch-size-abs-b]" in str(err.value)
    assert "the book writes B" in str(err.value)


def _english_name(rel):
    """The English page a Japanese page translates (book/ja/X.md -> book/X.md): the same pages
    are exempt (notation, errata) in both editions."""
    return "book/" + rel[len("book/ja/"):] if rel.startswith("book/ja/") else rel


def repo_violations():
    """Every violation in today's sources, both languages, as 'file:line: [rule] math' (line in
    the .py source; the Japanese text of a cell marked "(ja)")."""
    found = []
    for src in sorted((ROOT / "notebooks" / "src").glob("[0-9]*.py")):
        text = src.read_text()
        for cell in runpy.run_path(str(src))["CELLS"]:
            if cell[0] != "md":
                continue
            for md, tag in zip(cell[1:3], ("", " (ja)")):
                md = md.strip("\n")
                base = text.count("\n", 0, text.find(md)) if md in text else 0
                for v in notation.violations(md, src.name):
                    found.append(f"notebooks/src/{src.name}:{base + v.line}{tag}: [{v.rule.name}] "
                                 f"{notation._short(v.math)}")
    for page in sorted((ROOT / "book").glob("**/*.md")):
        rel = page.relative_to(ROOT).as_posix()
        found += [str(v).replace(_english_name(rel), rel, 1)
                  for v in notation.violations(page.read_text(), _english_name(rel))]
    return found


def test_japanese_pages_are_checked_and_exempt_like_their_english_page():
    assert _english_name("book/ja/notation.md") == "book/notation.md"
    assert _english_name("book/ja/api/plots.md") == "book/api/plots.md"
    assert _english_name("book/glossary.md") == "book/glossary.md"


def test_the_book_follows_the_notation():
    """THE REPO-WIDE CHECK (issue 14 §3; both editions since issue 15). It fails until every
    page uses the notation of book/notation.md; the site build (book/_ext/dlnotes_notation.py)
    fails on the same list."""
    found = repo_violations()
    assert not found, f"{len(found)} violation(s) of the notation:\n" + "\n".join(found)
