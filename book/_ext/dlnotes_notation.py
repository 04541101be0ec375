"""One notation (book/notation.md): a rule engine and a Sphinx extension that fails the build.

Every page's math is scanned for symbols used against the notation the book fixes on
book/notation.md. ``RULES`` is the machine-readable rule list (the notation page shows it in
its section "Checked by the build"); ``violations(text, page)`` applies it to one page's
markdown (a ``.md`` file, or the markdown cells of a notebook joined by blank lines) and is
plain Python, so ``tests/test_notation.py`` imports it without Sphinx.

What is scanned: inline ``$...$`` and display ``$$...$$`` math, ```` ```{math} ```` blocks and
``\\begin{...}...\\end{...}`` environments (amsmath) outside code. Code (fenced blocks and
inline ``code``) is skipped.

Where a page quotes a note's own symbol it says so, and the rules let it through:

* the math follows the words "note's" (up to two words between), e.g. "the note's $M$",
  "the note's velocity $M$"; in Japanese, 「ノートの」「ノート 4.1.1 の」「ノートでは」 (up to 12
  characters between, within the sentence), e.g. 「ノートの速度 $M$」;
* the paragraph (a run of non-blank lines: a paragraph, a list, a table) carries the marker
  ``<!-- note-notation -->`` (invisible in the site and in JupyterLab), e.g. before a table
  that writes the note's formulas;
* the whole page is exempt: book/notation.md and book/errata.md map and quote the notes.

In the site build the extension collects the violations of every page while Sphinx reads
them and, after reading, raises ``sphinx.errors.ExtensionError`` naming each one: the build
stops (``jupyter-book build`` exits non-zero).
"""
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

#: pages that quote the notes' symbols on purpose (paths relative to the book's root, "/"-separated)
EXEMPT_PAGES = ("book/notation.md", "book/errata.md", "book/ja/notation.md", "book/ja/errata.md")

#: the paragraph marker that lets a paragraph (or table) quote a note's symbols
MARKER = "<!-- note-notation -->"


@dataclass(frozen=True)
class Rule:
    """One forbidden use: ``pattern`` (a regex searched in the LaTeX of a math span)."""
    name: str
    pattern: str
    wrong: str      # what the pattern catches, in words
    right: str      # the book's symbol for that concept
    reason: str     # why the pattern is reliable (no false positives on correct uses)

    def search(self, math):
        return re.search(self.pattern, math)


# A letter not preceded by a backslash or another letter (so not part of \mathbf, \beta, ...)
_L = r"(?<![\\A-Za-z])"
# \mathbf X, \mathbf{X}, \boldsymbol X, \boldsymbol{X}, \bm X
_BOLD = r"\\(?:mathbf|boldsymbol|bm)\s*\{?\s*"

# sigma_j (or a bare sigma) not squared and not applied to an argument: a divisor in batch norm
_SIGMA_DIV = (r"\\sigma(?:_(?:\{\s*j\s*\}|j))?(?![A-Za-z_])(?!\s*\^\s*(?:2(?!\d)|\{\s*2\s*\}))"
              r"(?!\s*(?:\(|\\left|\\bigl?\())")

RULES = (
    Rule("batch-size-abs-b",
         r"\\lvert\s*b\s*\\rvert|\\left\s*\|\s*b\s*\\right\s*\||_\{\s*\|\s*b\s*\|\s*\}"
         r"|\|\s*b\s*\|\s*(?:\\times|\\cdot)|\\times\s*\|\s*b\s*\|",
         r"$\lvert b\rvert$, also with plain bars in a shape or an index, e.g. $x_{\lvert b\rvert}$ "
         r"(the note's batch size, 2.4.2)", r"$B$",
         r"$\lvert b\rvert$ (written so) and bars around $b$ in a shape or index mean a batch size; plain "
         r"bars elsewhere are left alone (e.g. $\lvert a-b\rvert$ in a relative error)"),
    Rule("bias-matrix-bold-B",
         _BOLD + r"B(?![A-Za-z])",
         r"a bold $\mathbf B$ (the note's bias matrix, 2.4.2, 3.3.3, 003)", r"$\mathbf 1_B\mathbf b$",
         r"$B$ is the batch size, a number; no bold $\mathbf B$ exists in the book's notation"),
    Rule("batch-size-N",
         r"(?<![\\A-Za-z'])N\s*\\times|\\times\s*N(?![A-Za-z'])|\^\{\s*N\s*\\times",
         r"$N$ as the number of rows of a batch ($N\times n$; 003)", r"$B$",
         r"a shape $N\times\cdot$ or $\cdot\times N$ is a batch shape; the book has no other $N$ in shapes"),
    Rule("summation-index-alpha",
         r"\\sum_\{?\s*\\alpha|_\{\s*(?:[A-Za-z]\s*,?\s*)?\\alpha\s*(?:,?\s*[A-Za-z]\s*)?\}",
         r"$\alpha$ as a summation or entry index (the note's 3.3.3)", r"$k$ (e.g. $\sum_k x_{ik}w_{kj}$)",
         r"$\alpha$ is the Momentum coefficient, a number that never appears under $\sum$ or as an index"),
    Rule("bn-note-row-index",
         _L + r"(?:\\hat\s*\{?\s*)?[xyzu]\s*\}?\s*(?:_\{?\s*j\s*\}?\s*)?\^\{\s*\(\s*[a-z]\s*\)\s*\}"
         r"|" + _BOLD + r"[xyzu]\s*\}?\s*\^\{\s*\(\s*[a-z]\s*\)\s*\}",
         r"$x_j^{(i)}$, $u_j^{(k)}$, $z_j^{(i)}$, $\mathbf y^{(k)}$ (the note's batch-norm form: example "
         r"index as a superscript)",
         r"$x_{ij}$, $u_{kj}$, $\hat x_{ij}$ (never $z$ for it), rows $\mathbf y_k$",
         r"the book writes entries row index first, $x_{ij}$, and row $i$ as $\mathbf x_i$; a one-letter "
         r"superscript in parentheses on $x,y,z,u$ appears only in the note (derivatives $f^{(5)}$ "
         r"and $\mathbf y^{(\text{train})}$ do not match)"),
    Rule("bn-hat-z",
         r"\\(?:hat|widehat)\s*\{?\s*(?:\\mathbf\s*\{?\s*)?[zZ](?![A-Za-z])",
         r"$\hat z$ for batch norm's normalized output", r"$\hat x_{ij}$ (book's `xn`)",
         r"a hat on $z$ appears only as batch norm's normalized value; the book puts the hat on $x$"),
    Rule("bn-sigma-self-reference",
         r"\\sigma_(?:\{\s*j\s*\}|j)\s*:?=\s*\\sqrt\s*\{\s*\\sigma_(?:\{\s*j\s*\}|j)\s*\^\s*\{?\s*2\s*\}?\s*\+",
         r"$\sigma_j=\sqrt{\sigma_j^2+\varepsilon}$ (a symbol defined by itself)",
         r"$s_j:=\sqrt{\sigma_j^2+\varepsilon}$",
         r"with $+\varepsilon$ the two sides differ, so the symbol is defined by itself "
         r"($\sigma_j=\sqrt{\sigma_j^2}$ alone is fine)"),
    Rule("bn-sigma-as-variance",
         r"\\sigma_(?:\{\s*j\s*\}|j)\s*:?=\s*\\frac\s*\{?\s*1\s*\}?\s*\{?\s*[BNm]",
         r"$\sigma_j=\frac1B\sum\cdots$ (the note's variance written without the square)",
         r"$\sigma_j^2=\frac1B\sum_i u_{ij}^2$",
         r"a batch mean assigned to a plain $\sigma_j$ defines a variance under a standard deviation's name"),
    Rule("bn-divide-by-sigma",
         r"/\s*" + _SIGMA_DIV + r"|\\frac\s*\{[^{}]*\}\s*\{[^{}]*" + _SIGMA_DIV,
         r"dividing by $\sigma_j$ or a bare $\sigma$ (batch norm's divisor; also $\sigma_j^3$ in a denominator)",
         r"$s_j=\sqrt{\sigma_j^2+\varepsilon}$ (or $\mathbf s$ for the row of them; $s_j^3$)",
         r"what batch norm divides by is $s_j$; the sigmoid is always applied to an argument, never a "
         r"divisor; the variance $\sigma_j^2$ under a fraction bar is left alone"),
    Rule("step-function-h",
         _L + r"h'?\s*(?:\(|\\left\s*\(|\\bigl?\s*\()",
         r"$h(\cdot)$ as a function (the step function or an activation)",
         r"$\operatorname{step}(x)$ for the step function, $\varphi(\cdot)$ for a generic activation",
         r"$h$ is only the finite-difference step, a number: it is never applied to an argument"),
    Rule("step-function-f-step",
         r"f_\{?\s*\\(?:text|mathrm|rm)\s*\{?\s*step",
         r"$f_{\text{step}}$ (the note's step function, 2.1)", r"$\operatorname{step}(x)$",
         r"the book's step function is written $\operatorname{step}$ only"),
    Rule("hidden-output-h",
         _L + r"h\s*(?:\\mathbf\s*\{?\s*)?W|" + _L + r"h\s*:?=\s*(?:f_|\\operatorname|\\sigma|\\varphi|\\max|\\mathrm)"
         r"|" + _BOLD + r"h(?![A-Za-z])",
         r"$h$ as a hidden layer's output ($h=f(\ldots)$, $hW_2$, bold $\mathbf h$)", r"$\mathbf z$ (pre-activation $\mathbf a$)",
         r"the finite-difference step $h$ is a number: never an activation's value, never multiplied by a weight matrix"),
    Rule("beta-without-index",
         r"(?<!boldsymbol)(?<!boldsymbol )(?<!boldsymbol\{)(?<!bm)(?<!bm )(?<!bm\{)(?<!mathbf)(?<!mathbf )"
         r"\\beta(?![A-Za-z])(?!\s*_)",
         r"$\beta$ without a subscript (the note's RMSProp decay, 4.1.2; or a batch-norm shift without $j$)",
         r"$\rho$ for RMSProp's decay; $\beta_j$ (or $\boldsymbol\beta$) for the batch-norm shift",
         r"the book's $\beta$ always has a subscript: Adam's $\beta_1,\beta_2$, batch norm's $\beta_j$ "
         r"(or bold $\boldsymbol\beta$ for the row)"),
    Rule("momentum-state-M",
         r"\\alpha\s*" + _BOLD + r"M",
         r"$\alpha\mathbf M$ (the note's Momentum state, 4.1.1)", r"$\alpha\mathbf V$",
         r"$\alpha$ is the Momentum coefficient, so $\alpha$ times a state is Momentum's state, which is $\mathbf V$"),
    Rule("optimizer-step-t",
         r"\\beta_\{?\s*[12]\s*\}?\s*\^\s*\{?\s*t(?![A-Za-z])|" + _BOLD + r"[MGVP]\s*\}?\s*_\{?\s*t(?![A-Za-z])",
         r"$t$ as the optimizer's step counter ($\beta_1^t$, $\mathbf M_t$)", r"$\tau$",
         r"$t$ is the target; a power of $\beta_1,\beta_2$ or a subscript of an optimizer state counts steps"),
    Rule("difference-step-delta",
         r"\\delta(?![A-Za-z])(?!\s*_)(?!\s*\^)",
         r"$\delta$ without indices (the note's difference step, 3.3.1)",
         r"$h$ (and $\delta_{ij}$ for Kronecker's delta)",
         r"the book's $\delta$ is Kronecker's and always carries two indices"),
    Rule("softmax-constant-C",
         r"(?:[xa]_\{?\s*\w+\s*\}?|\\mathbf\s*\{?\s*[xa]\s*\}?)\s*[-+]\s*C(?![A-Za-z'])"
         r"|(?<![\\A-Za-z])C\s*:?=\s*\\max",
         r"$x_k-C$, $C=\max_k x_k$ (the note's constant subtracted in softmax, 2.3.3)", r"$c$",
         r"$C$ is the class count, never added to a score"),
    Rule("matrix-set-M",
         r"\\mathbb\s*\{?\s*M\s*\}?\s*\^",
         r"$\mathbb M^{n\times m}$ (the note's set of matrices)", r"$\mathbb R^{n\times m}$", r"unambiguous"),
    Rule("params-blackboard-P",
         r"\\mathbb\s*\{?\s*P(?![A-Za-z])",
         r"$\mathbb P$ (the note's parameters, 4.1)", r"$\mathbf P$", r"unambiguous"),
    Rule("dup-operator",
         r"\\(?:mathrm|operatorname|text)\s*\{\s*Dup\s*\}",
         r"$\mathrm{Dup}_N(b)$ (003's duplication)", r"$\mathbf 1_B\mathbf b$", r"unambiguous"),
    Rule("loss-plain-L",
         r"\\partial\s*L(?![A-Za-z])",
         r"$\partial L$ (the loss without $\mathcal L$)", r"$\partial\mathcal L$",
         r"a derivative of a plain $L$ is always the loss"),
)


@dataclass(frozen=True)
class Violation:
    page: str
    line: int        # 1-based line in the scanned text
    rule: Rule
    math: str        # the math span (its LaTeX)
    cell: str = ""   # "markdown cell 3" on a notebook (line is then the line in that cell)

    def __str__(self):
        where = f"{self.page}:{self.line}" if not self.cell else f"{self.page}, {self.cell}, line {self.line}"
        return (f"{where}: [{self.rule.name}] ${_short(self.math)}$ uses "
                f"{_plain(self.rule.wrong)}; the book writes {_plain(self.rule.right)}")


def _short(math, width=90):
    math = " ".join(math.split())
    return math if len(math) <= width else math[:width - 3] + "..."


def _plain(s):
    return s.replace("$", "")


# ---------------------------------------------------------------- finding the math of a page

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*(\{[^}]*\})?.*$")
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_DISPLAY = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$", re.S)
# as MyST's dollarmath in this book (dmath_allow_space, dmath_allow_digits): any "$...$" in a paragraph
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\\\n]|\\.|\n(?![ \t]*\n))+?)(?<!\\)\$(?!\$)")
_ENV = re.compile(r"\\begin\{(\w+\*?)\}(.*?)\\end\{\1\}", re.S)
_NOTE_BEFORE = re.compile(r"\bnote(?:'s|s'|’s)(?:\s+[\w-]+){0,2}\s*$"
                          r"|ノート(?:\s*[\d.]+)?\s*(?:の|では|は)[^。．$]{0,12}$", re.I)   # Japanese edition
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _blank(s):
    """The same text with every character but newlines turned into a space (offsets kept)."""
    return re.sub(r"[^\n]", " ", s)


def math_spans(text):
    """(offset, latex) for every math span of a markdown text, in order of appearance."""
    spans = []
    lines = text.splitlines(keepends=True)
    out, i, pos = [], 0, 0
    while i < len(lines):          # fenced blocks: {math} ones are math, the others are code
        m = _FENCE.match(lines[i].rstrip("\n"))
        if m and m.group(2)[0] in "`~":
            fence = m.group(2)
            j, body_start = i + 1, pos + len(lines[i])
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            block = "".join(lines[i:j + 1])
            body = "".join(lines[i + 1:j])
            if (m.group(3) or "").strip("{} ") in ("math", "prf:proof"):
                spans.append((body_start, body))
            out.append(_blank(block))
            pos += len(block)
            i = j + 1
            continue
        out.append(lines[i])
        pos += len(lines[i])
        i += 1
    masked = "".join(out)
    masked = _INLINE_CODE.sub(lambda m: _blank(m.group(0)), masked)
    masked = _HTML_COMMENT.sub(lambda m: _blank(m.group(0)), masked)
    for rx in (_DISPLAY, _INLINE):
        for m in rx.finditer(masked):
            spans.append((m.start(), m.group(1)))
        masked = rx.sub(lambda m: _blank(m.group(0)), masked)
    for m in _ENV.finditer(masked):
        spans.append((m.start(), m.group(0)))
    return sorted(spans)


def _exempt(text, offset):
    """Does the math at ``offset`` quote a note (marker on its paragraph, or "note's" before it)?"""
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start
    end = text.find("\n\n", offset)
    end = len(text) if end < 0 else end
    if MARKER in text[start:end]:
        return True
    line_start = text.rfind("\n", 0, offset) + 1
    before = re.sub(r"\$[^$]*\$", " ", text[line_start:offset])   # other math on the line
    return bool(_NOTE_BEFORE.search(before))


def _latex_comments(math):
    return re.sub(r"(?<!\\)%.*", "", math)


def violations(text, page="<text>", rules=RULES):
    """Every use of a symbol against the notation in a page's markdown ``text``.

    ``page`` names the page in the messages; an exempt page (``EXEMPT_PAGES``) has none.
    """
    if page.replace("\\", "/").endswith(EXEMPT_PAGES):
        return []
    found = []
    for offset, math in math_spans(text):
        if _exempt(text, offset):
            continue
        latex = _latex_comments(math)
        for rule in rules:
            m = rule.search(latex)
            if m:
                line = text.count("\n", 0, offset) + latex.count("\n", 0, m.start()) + 1
                found.append(Violation(page, line, rule, math))
    return found


def notebook_markdown(nb_json):
    """[(cell index, markdown source)] of a notebook's JSON text."""
    nb = json.loads(nb_json)
    out = []
    for k, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            out.append((k, "".join(src) if isinstance(src, list) else src))
    return out


def page_violations(path, text=None, page=None):
    """Violations of a ``.md`` file or of the markdown cells of an ``.ipynb`` file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    page = page or str(path)
    if path.suffix != ".ipynb":
        return violations(text, page)
    found = []
    for k, md in notebook_markdown(text):
        found += [replace(v, cell=f"markdown cell {k}") for v in violations(md, page)]
    return found


def rules_table():
    """The rule list as a markdown table (shown on book/notation.md by the ``notation-rules`` directive)."""
    rows = ["| rule | forbidden | write instead | why the check is safe |", "|---|---|---|---|"]
    for r in RULES:
        rows.append(f"| `{r.name}` | {r.wrong} | {r.right} | {r.reason} |")
    return "\n".join(rows)


# ---------------------------------------------------------------- the Sphinx extension

def _source_read(app, docname, source):
    path = Path(app.env.doc2path(docname))
    try:
        rel = path.resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    except ValueError:
        rel = str(path)
    if path.suffix not in (".md", ".ipynb"):
        return
    store = _store(app.env)
    store[docname] = [str(v) for v in page_violations(path, source[0], rel)]


def _store(env):
    if not hasattr(env, "dlnotes_notation"):
        env.dlnotes_notation = {}
    return env.dlnotes_notation


def _purge(app, env, docname):
    _store(env).pop(docname, None)


def _merge(app, env, docnames, other):
    for d in docnames:
        if d in _store(other):
            _store(env)[d] = _store(other)[d]


def _check(app, env):
    from sphinx.errors import ExtensionError
    bad = [msg for doc in sorted(_store(env)) for msg in _store(env)[doc]]
    if bad:
        raise ExtensionError(
            f"{len(bad)} use(s) of a symbol against the book's notation (book/notation.md; quote a "
            f"note's symbol with \"the note's $...$\" or {MARKER} on the paragraph):\n  "
            + "\n  ".join(bad))


def _rules_directive():
    from docutils import nodes
    from docutils.parsers.rst import Directive

    class NotationRules(Directive):
        """``notation-rules``: the rule list of this module as a table on the notation page."""
        has_content = False

        def run(self):
            from docutils.statemachine import StringList
            box = nodes.container()
            self.state.nested_parse(StringList(rules_table().splitlines(), "dlnotes_notation.RULES"),
                                    self.content_offset, box)
            return box.children

    return NotationRules


def setup(app):
    app.add_directive("notation-rules", _rules_directive())
    app.connect("source-read", _source_read)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
