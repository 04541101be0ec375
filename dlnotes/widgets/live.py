"""Live figures: Bokeh layouts whose controls recompute the figure in the page itself.

The browser runs dlnotes' own rules, written once in JavaScript in ``dlnotes/js/*.js``
(each function mirrors the Python one it names, line by line; a browser test
compares them).  So the static site needs no kernel, and a slider has as many
positions as the reader likes.

``show(layout)`` picks the output for the context:

* building the site (or running nbval), with ``DLNOTES_BOKEH=components`` in the
  environment (the Makefile sets it): the page gets only the figure's ``<script>``
  and ``<div>``; BokehJS itself is served once from the site's ``_static``;
* anywhere else (JupyterLab): BokehJS is loaded into the notebook once, from the
  installed bokeh package (``output_notebook(INLINE)``: no CDN, so it works offline),
  then the figure is shown.  After reloading the browser page with the kernel still
  running, restart the kernel (or re-run the notebook in a new kernel) to load it again.

In the site build's editions mode (``DLNOTES_EDITIONS=1``, issue 15), a :class:`LiveFigure`
drawn by a public ``dlnotes.widgets`` function in English also outputs its Japanese twin's
script and div, in the output's metadata (``metadata["dlnotes"]["ja"]["text/html"]``), for the
Japanese edition (see :mod:`dlnotes._editions`).

Either way the figure is accessible: when its document is ready, ``dlnotes/js/a11y.js`` names
every slider handle after its title and sets its ``aria-valuetext`` to the value shown, and
:class:`LiveFigure` makes its captions (its named ``Div`` models) ``aria-live`` regions.
"""
import os
from importlib import resources

from IPython.display import HTML, display

from .._editions import editions_mode
from .._i18n import check_lang, tr

__all__ = ["js_rules", "callback", "show", "mode_note", "mode_text", "MODES", "MODES_JA", "LiveFigure"]

#: The JavaScript rule files, in load order (later files use earlier ones).
JS_FILES = ("activations", "landscapes", "optimizers", "net", "sgd", "batchnorm")

#: How a figure is computed, as said above it on the page.
MODES = {
    "browser": "Live: computed in your browser as you move the controls (no kernel needed).",
    "kernel": "Kernel: recomputed by Python when you release a control (JupyterLab only; "
              "the static page shows the starting state).",
    "precomputed": "Precomputed: every state was drawn when the book was built; "
                   "the controls switch between them.",
}

#: The same, in Japanese.
MODES_JA = {
    "browser": "ライブ：コントロールを動かすと、その場でブラウザーが計算する（カーネル不要）。",
    "kernel": "カーネル：コントロールを放すと Python が再計算する（JupyterLab のみ。"
              "静的なページには初期状態を示す）。",
    "precomputed": "事前計算：すべての状態を本のビルド時に描いてあり、コントロールでそれらを切り替える。",
}

_loaded = False


def js_rules(*names):
    """The source of the named rule files (all of them by default), joined in load order."""
    names = names or JS_FILES
    unknown = sorted(set(names) - set(JS_FILES))
    if unknown:
        raise ValueError(f"js_rules: argument 'names' expected some of {list(JS_FILES)}, got {unknown}")
    folder = resources.files("dlnotes") / "js"
    return "\n".join((folder / f"{n}.js").read_text(encoding="utf-8")
                     for n in JS_FILES if n in names)


def callback(code, rules=(), **args):
    """A ``CustomJS`` running ``code`` after the rule files ``rules`` (which define
    ``globalThis.dlnotes``), with the Bokeh models ``args`` in scope."""
    from bokeh.models import CustomJS
    return CustomJS(args=args, code=js_rules(*rules) + "\nconst D = globalThis.dlnotes;\n" + code
                    if rules else code)


def mode_text(mode, lang="en", owner="mode_text"):
    """The sentence of :data:`MODES` (``lang="en"``) or :data:`MODES_JA` (``"ja"``) for ``mode``."""
    if mode not in MODES:
        raise ValueError(f"{owner}: argument 'mode' expected one of {sorted(MODES)}, got {mode!r}")
    return tr(check_lang(lang, owner), MODES[mode], MODES_JA[mode])


def mode_note(mode, lang="en"):
    """A one-line Bokeh ``Div`` saying (in ``lang``) how the figure below is computed."""
    from bokeh.models import Div
    return Div(text=f"<em>{mode_text(mode, lang, 'mode_note')}</em>",
               styles={"font-size": "90%", "color": "#555"}, sizing_mode="stretch_width")


def _building_site():
    """Whether the notebook runs for the site build or nbval (``DLNOTES_BOKEH=components``)
    rather than in JupyterLab."""
    return os.environ.get("DLNOTES_BOKEH") == "components"


def _accessible(layout, sliders):
    """Put ``layout`` alone in a new Bokeh document whose ready event labels its ``sliders``
    (``dlnotes/js/a11y.js``); models shown before are taken out of their old document.
    (For the site build; in a notebook ``bokeh.io.show`` makes its own document.)"""
    from bokeh.document import Document
    from bokeh.models import CustomJS
    for old in {m.document for m in layout.references() if m.document is not None}:
        old.clear()
    doc = Document()
    doc.add_root(layout)
    if sliders:
        doc.js_on_event("document_ready", CustomJS(args={"sliders": sliders}, code=_a11y_js()))


def _a11y_js():
    return (resources.files("dlnotes") / "js" / "a11y.js").read_text(encoding="utf-8")


def _a11y_notebook_js(sliders):
    """The labelling of ``_accessible`` for a notebook: ``bokeh.io.show`` renders a copy of the
    document (same model ids) without its ready callbacks, so this script waits for the
    sliders' views, then runs ``a11y.js`` on them."""
    ids = [s.id for s in sliders]
    return ("(function retry(n) {\n"
            f"  const ids = {ids!r};\n"
            "  const B = window.Bokeh, found = [];\n"
            "  for (const d of (B && B.documents) || []) for (const id of ids) {\n"
            "    const m = d.get_model_by_id(id); if (m) found.push(m); }\n"
            "  if (found.length >= ids.length && found.every(m => [...B.index.find(m)].length)) {\n"
            "    const sliders = found;\n" + _a11y_js() + "\n"
            "  } else if (n > 0) { setTimeout(() => retry(n - 1), 200); }\n"
            "})(100);")


def _components_html(layout):
    """The site build's HTML of a Bokeh layout: its ``<script>`` and ``<div>`` (BokehJS itself
    is served by the site), in an accessible document of its own (:func:`_accessible`)."""
    from bokeh.embed import components
    from bokeh.models import Slider
    _accessible(layout, list(layout.select({"type": Slider})))
    script, div = components(layout)
    return script + div


def show(layout, metadata=None):
    """Display a Bokeh layout: script + div for the site build, ``bokeh.io.show`` in a notebook.
    ``metadata`` (site build only) becomes the output's metadata."""
    global _loaded
    from bokeh.models import Slider
    if _building_site():
        display(HTML(_components_html(layout)), metadata=metadata)
        return
    sliders = list(layout.select({"type": Slider}))
    from bokeh.io import output_notebook
    from bokeh.io import show as bokeh_show
    from bokeh.resources import INLINE
    if not _loaded:
        output_notebook(resources=INLINE, hide_banner=True)
        _loaded = True
    bokeh_show(layout)
    if sliders:
        from IPython.display import Javascript
        display(Javascript(_a11y_notebook_js(sliders)))


class LiveFigure:
    """A live explorer: a Bokeh ``layout`` that shows itself as a cell's result, under a
    line saying how it is computed (``mode``, a key of :data:`MODES`).

    ``models`` names the Bokeh models a test or a reader may want: sliders, data sources,
    the caption (each also carries that ``name`` in the page, for browser tests).  The ``Div``
    models among them are the captions that change with the controls: each is made an
    ``aria-live="polite"`` region, so a screen reader reads the new text.  ``lang`` is the
    language of the figure's texts (the mode line follows it).

    In the site build's editions mode, a live figure with a Japanese twin (``_dlnotes_ja``, set
    by the public function's wrapper in ``dlnotes.widgets``) outputs the twin's script + div as
    the output's Japanese variant.
    """

    def __init__(self, layout, mode="browser", lang="en", **models):
        if mode not in MODES:
            raise ValueError(f"LiveFigure: argument 'mode' expected one of {sorted(MODES)}, got {mode!r}")
        self.lang = check_lang(lang, "LiveFigure")
        self.layout, self.mode, self.models = layout, mode, models
        from bokeh.models import Div
        for name, model in models.items():
            model.name = name
            if isinstance(model, Div):
                model.html_attributes = {**model.html_attributes, "aria-live": "polite"}

    def _page(self):
        """The layout the page shows: the mode line above the figure."""
        from bokeh.layouts import column
        return column(mode_note(self.mode, self.lang), self.layout, sizing_mode="stretch_width")

    def _ipython_display_(self):
        twin = getattr(self, "_dlnotes_ja", None)
        metadata = None
        if twin is not None and editions_mode() and _building_site():
            metadata = {"dlnotes": {"ja": {"text/html": _components_html(twin._page())}}}
        show(self._page(), metadata=metadata)
