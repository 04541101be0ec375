"""Chapter 2 explorers (notes 2.1-2.3): live Bokeh figures whose sliders are continuous.

Each one computes its first state in Python (with dlnotes) and every later one in the
page, with the JavaScript mirror of the same rules (``dlnotes/js/activations.js``), so
the static site needs no kernel.  Readouts are built by one Python function here and by
the same lines in JavaScript; the browser tests check that both say the same thing.

Every explorer and caption function takes ``lang`` ("en" or "ja", issue 15): the language of its
titles, labels, legends and readouts.  The page's readout templates sit beside the Python ones,
one per language, chosen by the ``lang`` value the callback receives; models keep their names.
"""
import functools

import numpy as np

from .._checks import as_float_array, check_real
from .._i18n import check_lang, tr
from ..experiments import ACTIVATIONS, activation_values
from ..functions import softmax, step_function
from ..gates import GATE_NAMES, Perceptron, search_linear_separators, truth_table, which_gate

__all__ = ["PERCEPTRON_RANGE", "PERCEPTRON_BOX", "PERCEPTRON_PIXELS", "GATE_PRESETS",
           "GATE_TARGETS", "perceptron_regions", "perceptron_caption", "perceptron_explorer",
           "ACTIVATION_X", "ACTIVATION_SCALES", "activation_caption", "activation_explorer",
           "STEEPNESS_LOG10_RANGE", "steepness_caption", "sigmoid_steepness_explorer",
           "SOFTMAX_RANGE", "softmax_caption", "softmax_explorer", "TEMPERATURE_LOG10_RANGE",
           "temperature_caption", "softmax_temperature_explorer"]

# ---------------------------------------------------------------------------- shared pieces

#: Colours of note 2.2: blue for output 0, red for 1 (points), and their light tints (regions).
C0, C1, LIGHT0, LIGHT1 = "#3b6fb6", "#d2452f", "#c9d9ef", "#f6cbc2"


def _g(x, digits=4):
    """Python's ``format(x, '.{digits}g')``; the page uses its mirror ``D.formatG``."""
    return format(float(x), f".{digits}g")


def _check_range(value, name, owner, lo, hi):
    value = check_real(value, name, owner)
    if not lo <= value <= hi:
        raise ValueError(f"{owner}: argument '{name}' expected a number in [{lo:g}, {hi:g}], got {value!r}")
    return value


def _slider(title, lo, hi, value, step=0.01, **kw):
    from bokeh.models import Slider
    return Slider(title=title, start=lo, end=hi, step=step, value=value, sizing_mode="stretch_width",
                  min_width=150, **kw)


def _log_slider(title, log_range, value):
    """A slider over log10 of a positive quantity whose shown value is the quantity itself."""
    from bokeh.models import CustomJSTickFormatter
    shown = CustomJSTickFormatter(code="return Number((10 ** tick).toPrecision(3)).toString();")
    return _slider(title, log_range[0], log_range[1], float(np.log10(value)), format=shown)


def _live(layout, lang, **models):
    """The :class:`~dlnotes.widgets.live.LiveFigure` of an explorer, with its language as ``lang``
    (for the line above it that says how it is computed)."""
    from .live import LiveFigure
    figure = LiveFigure(layout, **models)
    figure.lang = lang
    return figure


def _wrap_row(*children):
    """A row that wraps onto several lines on a narrow (phone) screen."""
    from bokeh.layouts import row
    return row(*children, sizing_mode="stretch_width", styles={"flex-wrap": "wrap", "gap": "0 16px"})


# ---------------------------------------------------------------------------- perceptron (2.1, 2.2)

#: Range of the w1, w2 and b sliders of the perceptron explorer (continuous, step 0.01).
PERCEPTRON_RANGE = (-2.0, 2.0)
#: The plotted box of the perceptron explorer, [-0.5, 1.5] in x1 and in x2, around the 4 inputs.
PERCEPTRON_BOX = (-0.5, 1.5)
#: The regions image has PERCEPTRON_PIXELS x PERCEPTRON_PIXELS cells over the box (each
#: coloured by the output at its centre).
PERCEPTRON_PIXELS = 160

#: Gate presets as (w1, w2, b); AND is the note's own (note 2.1), the rest are our choice.
GATE_PRESETS = {"AND": (1.0, 1.0, -1.5), "OR": (1.0, 1.0, -0.5), "NAND": (-1.0, -1.0, 1.5),
                "NOR": (-1.0, -1.0, 0.5), "NOT x1": (-1.0, 0.0, 0.5)}

#: Target gates offered by the perceptron explorer (names of gates.GATE_NAMES, notes 2.1, 2.2).
GATE_TARGETS = ["AND", "OR", "NAND", "NOR", "XOR", "XNOR", "NOT x1", "x1 AND NOT x2", "TRUE", "FALSE"]


def _pixel_centres():
    lo, hi = PERCEPTRON_BOX
    return lo + (np.arange(PERCEPTRON_PIXELS) + 0.5) * (hi - lo) / PERCEPTRON_PIXELS


def perceptron_regions(w1, w2, b):
    """Output of the perceptron (w1, w2, b) of note 2.1 at every pixel centre of the box.

    Row j, column i is ``step(w1 x1 + w2 x2 + b)`` at ``x1 = centre[i], x2 = centre[j]``
    (uint8, PERCEPTRON_PIXELS square); computed by :class:`~dlnotes.gates.Perceptron` on
    real inputs, as the page's ``D.perceptronRegions``.
    """
    xs = _pixel_centres()
    X1, X2 = np.meshgrid(xs, xs)
    p = Perceptron([w1, w2], b, binary=False)
    return p(np.column_stack([X1.ravel(), X2.ravel()])).reshape(X1.shape).astype(np.uint8)


def _decision_line(w1, w2, b):
    """Two points of the line w1 x1 + w2 x2 + b = 0 spanning the box (none when w1 = w2 = 0)."""
    lo, hi = PERCEPTRON_BOX
    if w2 != 0:
        return [lo, hi], [-(w1 * x + b) / w2 for x in (lo, hi)]
    if w1 != 0:
        return [-b / w1, -b / w1], [lo, hi]
    return [], []


# gate name <-> truth table as the page keys it: "AND" <-> "0,0,0,1" (outputs at 00, 01, 10, 11)
_KEYS = {name: ",".join(map(str, key)) for key, name in GATE_NAMES.items()}


@functools.lru_cache(maxsize=1)
def _separable_targets():
    """Which targets some (w1, w2, b) computes: a search over a grid (gates.search_linear_separators)
    finds every one but XOR and XNOR, which no perceptron computes (note 2.2)."""
    grid = np.linspace(-2, 2, 9)
    return {name: len(search_linear_separators([int(v) for v in _KEYS[name].split(",")], grid)) > 0
            for name in GATE_TARGETS}


def perceptron_caption(w1, w2, b, target="AND", lang="en"):
    """HTML readout of the perceptron explorer (notes 2.1, 2.2): truth table, gate name, target.

    The table lists ``w·x + b`` and the output at the four inputs; the gate is
    :func:`~dlnotes.gates.which_gate`; the target line says whether the weights compute
    ``target`` (a name of :data:`GATE_TARGETS`), or, for XOR and XNOR, that no weights do.
    The page builds the same string in ``perceptron_explorer``'s callback.
    """
    owner = "perceptron_caption"
    check_lang(lang, owner)
    w1, w2, b = check_real(w1, "w1", owner), check_real(w2, "w2", owner), check_real(b, "b", owner)
    if target not in GATE_TARGETS:
        raise ValueError(f"{owner}: argument 'target' expected one of {GATE_TARGETS}, got {target!r}")
    p = Perceptron([w1, w2], b)
    inputs, out = truth_table(p)
    name = which_gate(w1, w2, b)
    rows = "".join(f"<tr><td>{x1}</td><td>{x2}</td><td>{_g(p.net([x1, x2]))}</td><td><b>{y}</b></td></tr>"
                   for (x1, x2), y in zip(inputs.tolist(), out))
    needs = _KEYS[target].replace(',', ' ')
    if not _separable_targets()[target]:
        status = tr(lang, f"<span class='target-none' style='color:#b03a2e'>no (w1, w2, b) works: {target} is not "
                          f"linearly separable (note 2.2)</span>",
                    f"<span class='target-none' style='color:#b03a2e'>どの (w1, w2, b) でも不可能："
                    f"{target} は線形分離可能でない（ノート 2.2）</span>")
    elif name == target:
        status = tr(lang, "<span class='target-reached' style='color:#2a7d2a'>reached</span>",
                    "<span class='target-reached' style='color:#2a7d2a'>達成</span>")
    else:
        status = tr(lang, f"<span class='target-open'>not reached (needs outputs {needs})</span>",
                    f"<span class='target-open'>未達成（必要な出力は {needs}）</span>")
    head, out_, goal = (tr(lang, "computes ", "計算結果 "), tr(lang, "out", "出力"),
                        tr(lang, f"target {target}: ", f"目標 {target}："))
    return (f"<div class='perceptron-readout' style='font-family:monospace'>{head}"
            f"<b class='gate-name'>{name}</b><table cellpadding='2'><tr><th>x1</th>"
            f"<th>x2</th><th>w·x+b</th><th>{out_}</th></tr>{rows}</table>{goal}{status}</div>")


_PERCEPTRON_JS = """
const [w1, w2, b] = [s_w1.value, s_w2.value, s_b.value];
// a new image of the same kind (BokehJS's uint8 NDArray, shape [n, n]) as the one from Python
const old = regions.data.image[0];
const image = new old.constructor(D.perceptronRegions(w1, w2, b, centres).flat(), old.shape);
regions.data = {image: [image], x: regions.data.x, y: regions.data.y, dw: regions.data.dw, dh: regions.data.dh};
// the decision line w1 x1 + w2 x2 + b = 0 across the box (vertical when w2 = 0, none when both are 0)
let lx = [], ly = [];
if (w2 !== 0) { lx = [lo, hi]; ly = lx.map((x) => -(w1 * x + b) / w2); }
else if (w1 !== 0) { lx = [-b / w1, -b / w1]; ly = [lo, hi]; }
line.data = {x: lx, y: ly};
const nets = D.GATE_INPUTS.map(([x1, x2]) => D.perceptronNet(w1, w2, b, x1, x2));
const out = D.truthOutputs(w1, w2, b);
points.data = {x: points.data.x, y: points.data.y, out: out.map(String),
               color: out.map((y) => (y ? c1 : c0))};
const name = D.whichGate(w1, w2, b, names);
const t = target.value;
const needs = keys[t].replaceAll(",", " ");
const rows = D.GATE_INPUTS.map(([x1, x2], k) =>
    `<tr><td>${x1}</td><td>${x2}</td><td>${D.formatG(nets[k], 4)}</td><td><b>${out[k]}</b></td></tr>`).join("");
// the readout's words, one template per language (perceptron_caption's)
const T = {
    en: {none: `<span class='target-none' style='color:#b03a2e'>no (w1, w2, b) works: ${t} is not linearly separable (note 2.2)</span>`,
         reached: "<span class='target-reached' style='color:#2a7d2a'>reached</span>",
         open: `<span class='target-open'>not reached (needs outputs ${needs})</span>`,
         head: "computes ", out: "out", goal: `target ${t}: `},
    ja: {none: `<span class='target-none' style='color:#b03a2e'>どの (w1, w2, b) でも不可能：${t} は線形分離可能でない（ノート 2.2）</span>`,
         reached: "<span class='target-reached' style='color:#2a7d2a'>達成</span>",
         open: `<span class='target-open'>未達成（必要な出力は ${needs}）</span>`,
         head: "計算結果 ", out: "出力", goal: `目標 ${t}：`},
}[lang];
const status = !separable[t] ? T.none : (name === t ? T.reached : T.open);
readout.text = `<div class='perceptron-readout' style='font-family:monospace'>${T.head}`
    + `<b class='gate-name'>${name}</b><table cellpadding='2'><tr><th>x1</th>`
    + `<th>x2</th><th>w·x+b</th><th>${T.out}</th></tr>${rows}</table>${T.goal}${status}</div>`;
"""


def perceptron_explorer(preset="AND", target="XOR", lang="en"):
    """Live: sliders for w1, w2 and b of one perceptron (notes 2.1, 2.2), any value in [-2, 2].

    The page redraws the decision line ``w1 x1 + w2 x2 + b = 0``, the regions where the
    neuron fires (red) or not (blue), the four inputs coloured by their output, the truth
    table and the name of the gate.  ``preset`` (a key of :data:`GATE_PRESETS`) sets the
    starting weights, and the presets menu sets them again; ``target`` (one of
    :data:`GATE_TARGETS`) is the gate to reach: the readout says whether the weights reach
    it, and for XOR and XNOR that no weights can (they are not linearly separable).
    """
    from bokeh.layouts import column
    from bokeh.models import (ColumnDataSource, Div, Dropdown, LinearColorMapper, Select)
    from bokeh.plotting import figure

    from .live import callback
    owner = "perceptron_explorer"
    check_lang(lang, owner)
    if preset not in GATE_PRESETS:
        raise ValueError(f"{owner}: argument 'preset' expected one of {list(GATE_PRESETS)}, got {preset!r}")
    if target not in GATE_TARGETS:
        raise ValueError(f"{owner}: argument 'target' expected one of {GATE_TARGETS}, got {target!r}")
    w1, w2, b = GATE_PRESETS[preset]
    lo, hi = PERCEPTRON_BOX

    fig = figure(width=400, height=400, sizing_mode="scale_width", max_width=440, min_width=260,
                 x_range=PERCEPTRON_BOX, y_range=PERCEPTRON_BOX, toolbar_location=None,
                 x_axis_label=tr(lang, "input x1", "入力 x1"), y_axis_label=tr(lang, "input x2", "入力 x2"),
                 title=tr(lang, "fires (red) where w·x + b ≥ 0", "w·x + b ≥ 0 で発火（赤）"))
    fig.grid.visible = False
    regions = ColumnDataSource({"image": [perceptron_regions(w1, w2, b)], "x": [lo], "y": [lo],
                                "dw": [hi - lo], "dh": [hi - lo]})
    fig.image("image", x="x", y="y", dw="dw", dh="dh", source=regions,
              color_mapper=LinearColorMapper(palette=[LIGHT0, LIGHT1], low=0, high=1))
    line = ColumnDataSource(dict(zip(("x", "y"), _decision_line(w1, w2, b))))
    fig.line("x", "y", source=line, color="black", line_width=2)
    out = [int(v) for v in truth_table(Perceptron([w1, w2], b))[1]]
    points = ColumnDataSource({"x": [0, 0, 1, 1], "y": [0, 1, 0, 1], "out": [str(v) for v in out],
                               "color": [C1 if v else C0 for v in out]})
    fig.scatter("x", "y", source=points, size=16, color="color", line_color="black")
    fig.text("x", "y", text="out", source=points, x_offset=10, y_offset=-8, text_font_style="bold",
             text_font_size="13px")

    s_w1 = _slider(tr(lang, "weight w1", "重み w1"), *PERCEPTRON_RANGE, w1)
    s_w2 = _slider(tr(lang, "weight w2", "重み w2"), *PERCEPTRON_RANGE, w2)
    s_b = _slider(tr(lang, "bias b", "バイアス b"), *PERCEPTRON_RANGE, b)
    pick = Select(title=tr(lang, "target gate", "目標のゲート"), value=target, options=GATE_TARGETS, width=170)
    presets = Dropdown(label=tr(lang, "set weights to a gate", "重みをゲートに設定"),
                       menu=[(k, k) for k in GATE_PRESETS], width=190, styles={"align-self": "flex-end"})
    readout = Div(text=perceptron_caption(w1, w2, b, target, lang=lang), width=300)
    redraw = callback(_PERCEPTRON_JS, rules=("activations",), s_w1=s_w1, s_w2=s_w2, s_b=s_b,
                      regions=regions, line=line, points=points, readout=readout, target=pick,
                      centres=_pixel_centres().tolist(), lo=lo, hi=hi, keys=_KEYS,
                      names={k: n for n, k in _KEYS.items()}, separable=_separable_targets(), c0=C0, c1=C1,
                      lang=lang)
    for s in (s_w1, s_w2, s_b):
        s.js_on_change("value", redraw)
    pick.js_on_change("value", redraw)
    presets.js_on_event("menu_item_click", callback(
        "const [a, c, d] = weights[this.item]; s_w1.value = a; s_w2.value = c; s_b.value = d;",
        s_w1=s_w1, s_w2=s_w2, s_b=s_b, weights={k: list(v) for k, v in GATE_PRESETS.items()}))
    layout = column(_wrap_row(pick, presets), _wrap_row(s_w1, s_w2, s_b), _wrap_row(fig, readout),
                    sizing_mode="stretch_width")
    return _live(layout, lang, perceptron_w1=s_w1, perceptron_w2=s_w2, perceptron_b=s_b,
                      perceptron_target=pick, perceptron_presets=presets, perceptron_regions=regions,
                      perceptron_line=line, perceptron_points=points, perceptron_readout=readout)


# ---------------------------------------------------------------------------- activations (2.3)

#: The input grid x of the activation and sigmoid steepness explorers (note 2.3).
ACTIVATION_X = np.linspace(-4, 4, 801)
#: Range of the activation explorer's input scale s (a continuous slider, step 0.01).
ACTIVATION_SCALES = (0.25, 8.0)


def _slope_top(name):
    """Top of the slope panel for one activation: the largest slope a_max * max f' (note 2.3)."""
    peak = float(np.nanmax(activation_values(name, ACTIVATION_X, 1.0)[1]))
    return 1.08 * ACTIVATION_SCALES[1] * peak if peak > 0 else 1.0


def activation_caption(name, scale, lang="en"):
    """The activation explorer's readout (note 2.3): the largest slope of φ(s x) on the plot."""
    check_lang(lang, "activation_caption")
    if name not in ACTIVATIONS:
        raise ValueError(f"activation_caption: argument 'name' expected one of {list(ACTIVATIONS)}, got {name!r}")
    slope = activation_values(name, ACTIVATION_X, scale, owner="activation_caption")[1]
    return tr(lang, f"<span class='act-caption'>{name}({_g(scale, 6)}x): largest slope on the plot = "
                    f"{_g(np.nanmax(slope))}</span>",
              f"<span class='act-caption'>{name}({_g(scale, 6)}x)：グラフ上の最大の傾き = "
              f"{_g(np.nanmax(slope))}</span>")


#: The activations' names in the Japanese menu (the values stay the English keys).
_ACTIVATION_JA = {"step": "ステップ関数", "sigmoid": "シグモイド関数", "relu": "ReLU", "identity": "恒等関数"}


def activation_explorer(activation="sigmoid", scale=1.0, lang="en"):
    """Live: an activation φ (notes 2.1, 2.3) of s x and its slope, for any input scale s.

    The page recomputes both curves with the JavaScript mirror of
    ``experiments.activation_values``.  The slope panel's y-range is fixed for each
    activation at the largest slope the slider can reach (s_max times the largest φ'),
    so the slope visibly grows with s (as s/4 for the sigmoid, as s for ReLU).
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div, Select
    from bokeh.plotting import figure

    from .live import callback
    check_lang(lang, "activation_explorer")
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation_explorer: argument 'activation' expected one of "
                         f"{list(ACTIVATIONS)}, got {activation!r}")
    scale = _check_range(scale, "scale", "activation_explorer", *ACTIVATION_SCALES)
    y, slope = activation_values(activation, ACTIVATION_X, scale)
    tops = {name: _slope_top(name) for name in ACTIVATIONS}
    curve = ColumnDataSource({"x": ACTIVATION_X, "y": y, "slope": slope,
                              "base": ACTIVATIONS[activation][0](ACTIVATION_X)})
    left = figure(height=260, sizing_mode="stretch_width", y_range=(-1.5, 4.2), title="φ(s x)",
                  x_axis_label=tr(lang, "input x", "入力 x"), y_axis_label=tr(lang, "output", "出力"),
                  toolbar_location=None, min_width=260)
    left.line("x", "base", source=curve, color="gray", line_dash="dashed", legend_label="φ(x)")
    left.line("x", "y", source=curve, line_width=2, legend_label="φ(s x)")
    left.legend.location = "top_left"
    right = figure(height=260, sizing_mode="stretch_width", y_range=(-0.05 * tops[activation], tops[activation]),
                   title=tr(lang, "its slope d/dx", "その傾き d/dx"), x_axis_label=tr(lang, "input x", "入力 x"),
                   y_axis_label=tr(lang, "slope", "傾き"),
                   toolbar_location=None, min_width=260)
    right.line("x", "slope", source=curve, line_width=2, color="#d62728")
    options = tr(lang, list(ACTIVATIONS), [(k, _ACTIVATION_JA[k]) for k in ACTIVATIONS])
    pick = Select(title=tr(lang, "activation", "活性化関数"), value=activation, options=options, width=160)
    a = _slider(tr(lang, "input scale s", "入力のスケール s"), *ACTIVATION_SCALES, scale)
    caption = Div(text=activation_caption(activation, scale, lang=lang), sizing_mode="stretch_width")
    redraw = callback("""
        const [y, slope] = D.activationValues(pick.value, curve.data.x, a.value, 0);
        const base = curve.data.x.map(D.ACTIVATIONS[pick.value][0]);
        curve.data = {x: curve.data.x, y: y, slope: slope, base: base};
        const top = tops[pick.value];
        yr.start = -0.05 * top;
        yr.end = top;
        const finite = slope.filter(Number.isFinite);
        const f = `${pick.value}(${D.formatG(a.value, 6)}x)`, top_slope = D.formatG(Math.max(...finite), 4);
        caption.text = {   // activation_caption's words, one template per language
            en: `<span class='act-caption'>${f}: largest slope on the plot = ${top_slope}</span>`,
            ja: `<span class='act-caption'>${f}：グラフ上の最大の傾き = ${top_slope}</span>`,
        }[lang];
    """, rules=("activations",), curve=curve, pick=pick, a=a, caption=caption, yr=right.y_range, tops=tops,
        lang=lang)
    a.js_on_change("value", redraw)
    pick.js_on_change("value", redraw)
    layout = column(row(pick, a, sizing_mode="stretch_width"), _wrap_row(left, right),
                    caption, sizing_mode="stretch_width")
    return _live(layout, lang, scale=a, activation=pick, curve=curve, caption=caption, slope_range=right.y_range)


#: Range of log10 w on the sigmoid steepness slider of the tour: w from 0.1 to about 32.
STEEPNESS_LOG10_RANGE = (-1.0, 1.5)


def steepness_caption(w, lang="en"):
    """The tour's readout (notes 2.1, 2.3.1): sigma(w x) at x = 0.5 against step(0.5) = 1, and the slope w/4 at 0."""
    check_lang(lang, "steepness_caption")
    w = check_real(w, "w", "steepness_caption")
    y, slope = activation_values("sigmoid", np.array([0.0, 0.5]), w, owner="steepness_caption")
    return tr(lang, f"<span class='steepness-caption'>w = {_g(w)}: sigmoid(w · 0.5) = "
                    f"{_g(y[1])} (step gives 1), slope at 0 = w/4 = {_g(slope[0])}</span>",
              f"<span class='steepness-caption'>w = {_g(w)}：sigmoid(w · 0.5) = "
              f"{_g(y[1])}（ステップ関数なら 1）、0 での傾き = w/4 = {_g(slope[0])}</span>")


def sigmoid_steepness_explorer(w=1.0, lang="en"):
    """Live (tour): a weight slider for sigma(w x) (note 2.3.1) against the step function (note 2.1).

    The slider moves log10 w over :data:`STEEPNESS_LOG10_RANGE` (it shows w itself); as w
    grows the sigmoid approaches the step at every x != 0 and its slope at 0, w/4, grows.
    """
    from bokeh.layouts import column
    from bokeh.models import ColumnDataSource, Div
    from bokeh.plotting import figure

    from .live import callback
    check_lang(lang, "sigmoid_steepness_explorer")
    lo, hi = STEEPNESS_LOG10_RANGE
    w = _check_range(w, "w", "sigmoid_steepness_explorer", 10 ** lo, 10 ** hi)
    curve = ColumnDataSource({"x": ACTIVATION_X, "y": activation_values("sigmoid", ACTIVATION_X, w)[0],
                              "step": step_function(ACTIVATION_X)})
    fig = figure(height=280, sizing_mode="stretch_width", min_width=260, y_range=(-0.05, 1.05),
                 x_range=(-4, 4), title=tr(lang, "Sigmoid approaches the step", "シグモイド関数はステップ関数に近づく"),
                 x_axis_label=tr(lang, "input x", "入力 x"), y_axis_label=tr(lang, "output", "出力"),
                 toolbar_location=None)
    fig.line("x", "step", source=curve, color="gray", line_dash="dashed", line_width=1.5,
             legend_label=tr(lang, "step (note 2.1)", "ステップ関数（ノート 2.1）"))
    fig.line("x", "y", source=curve, line_width=2, legend_label="sigmoid(w x)")
    fig.legend.location = "top_left"
    slider = _log_slider(tr(lang, "weight w (log scale)", "重み w（対数目盛）"), STEEPNESS_LOG10_RANGE, w)
    readout = Div(text=steepness_caption(w, lang=lang), sizing_mode="stretch_width")
    redraw = callback("""
        const w = 10 ** s.value;
        const [y] = D.activationValues("sigmoid", curve.data.x, w, 0);
        curve.data = {x: curve.data.x, y: y, step: curve.data.step};
        const [v, slope] = D.activationValues("sigmoid", [0, 0.5], w, 0);
        const [ws, vs, ss] = [D.formatG(w, 4), D.formatG(v[1], 4), D.formatG(slope[0], 4)];
        readout.text = {   // steepness_caption's words, one template per language
            en: `<span class='steepness-caption'>w = ${ws}: sigmoid(w · 0.5) = ${vs} (step gives 1), `
                + `slope at 0 = w/4 = ${ss}</span>`,
            ja: `<span class='steepness-caption'>w = ${ws}：sigmoid(w · 0.5) = ${vs}（ステップ関数なら 1）、`
                + `0 での傾き = w/4 = ${ss}</span>`,
        }[lang];
    """, rules=("activations",), s=slider, curve=curve, readout=readout, lang=lang)
    slider.js_on_change("value", redraw)
    return _live(column(slider, fig, readout, sizing_mode="stretch_width"), lang,
                      steepness_log10=slider, steepness_curve=curve, steepness_readout=readout)


# ---------------------------------------------------------------------------- softmax (2.3.3, 2.5)

#: Range of the softmax explorer's logit sliders and of its shift slider c (continuous, step 0.01).
SOFTMAX_RANGE = (-5.0, 5.0)


def _bars(labels, p, title, lang="en"):
    """A bar chart of probabilities with fixed axes: (figure, its data source)."""
    from bokeh.models import ColumnDataSource
    from bokeh.plotting import figure
    source = ColumnDataSource({"x": list(labels), "p": list(map(float, p)), "label": [_g(v, 3) for v in p],
                               "color": ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"][:len(p)]})
    fig = figure(x_range=list(labels), y_range=(0, 1.12), height=280, sizing_mode="stretch_width",
                 min_width=260, toolbar_location=None, title=title, y_axis_label=tr(lang, "probability", "確率"))
    fig.vbar(x="x", top="p", width=0.7, color="color", source=source)
    fig.text(x="x", y="p", text="label", source=source, text_align="center", text_baseline="bottom",
             y_offset=-3, text_font_size="13px")
    fig.xgrid.visible = False
    return fig, source


def softmax_caption(z, c=0.0, lang="en"):
    """The softmax explorer's readout (notes 2.3.3, 2.5): softmax(z + c), its sum, and whether
    it equals softmax(z), the shift invariance the note proves."""
    check_lang(lang, "softmax_caption")
    z = as_float_array(z, "z", "softmax_caption", ndim=1)
    c = check_real(c, "c", "softmax_caption")
    p = softmax(z + c)
    same = np.max(np.abs(p - softmax(z))) <= 1e-12
    zc, ps, total = ", ".join(_g(v) for v in z + c), ", ".join(_g(v) for v in p), _g(p.sum(), 12)
    return tr(lang, f"<span class='softmax-caption'>z + c = [{zc}]: softmax = [{ps}], sum = {total}; "
                    f"same as for c = 0: {'yes' if same else 'no'}</span>",
              f"<span class='softmax-caption'>z + c = [{zc}]：softmax = [{ps}]、和 = {total}；"
              f"c = 0 のときと同じか：{'はい' if same else 'いいえ'}</span>")


def softmax_explorer(z=(2.0, 1.0, 0.0), c=0.0, lang="en"):
    """Live: three logit sliders z1, z2, z3 and a shift c added to all three (notes 2.3.3, 2.5).

    The bars are softmax(z + c).  Moving c changes every logit but not one bar, because
    softmax only sees the differences between logits; the readout says so.
    """
    from bokeh.layouts import column
    from bokeh.models import Div

    from .live import callback
    owner = "softmax_explorer"
    check_lang(lang, owner)
    z = as_float_array(z, "z", owner, ndim=1)
    if z.size != 3:
        raise ValueError(f"{owner}: argument 'z' expected 3 logits, got shape {z.shape}")
    for k, v in enumerate(z):
        _check_range(v, f"z[{k}]", owner, *SOFTMAX_RANGE)
    c = _check_range(c, "c", owner, *SOFTMAX_RANGE)
    fig, bars = _bars([tr(lang, f"class {k}", f"クラス {k}") for k in (1, 2, 3)], softmax(z + c),
                      "softmax(z + c)", lang=lang)
    sliders = [_slider(tr(lang, f"logit z{k + 1}", f"ロジット z{k + 1}"), *SOFTMAX_RANGE, float(v))
               for k, v in enumerate(z)]
    shift = _slider(tr(lang, "shift c (added to every logit)", "シフト c（すべてのロジットに加える）"),
                    *SOFTMAX_RANGE, c)
    readout = Div(text=softmax_caption(z, c, lang=lang), sizing_mode="stretch_width")
    redraw = callback("""
        const z = zs.map((s) => s.value);
        const zc = z.map((v) => v + c.value);
        const p = D.softmax(zc);
        const p0 = D.softmax(z);
        bars.data = {x: bars.data.x, p: p, label: p.map((v) => D.formatG(v, 3)), color: bars.data.color};
        const same = Math.max(...p.map((v, k) => Math.abs(v - p0[k]))) <= 1e-12;
        const zs_ = zc.map((v) => D.formatG(v, 4)).join(", "), ps = p.map((v) => D.formatG(v, 4)).join(", ");
        const total = D.formatG(p.reduce((s, v) => s + v, 0), 12);
        readout.text = {   // softmax_caption's words, one template per language
            en: `<span class='softmax-caption'>z + c = [${zs_}]: softmax = [${ps}], sum = ${total}; `
                + `same as for c = 0: ${same ? "yes" : "no"}</span>`,
            ja: `<span class='softmax-caption'>z + c = [${zs_}]：softmax = [${ps}]、和 = ${total}；`
                + `c = 0 のときと同じか：${same ? "はい" : "いいえ"}</span>`,
        }[lang];
    """, rules=("activations",), zs=sliders, c=shift, bars=bars, readout=readout, lang=lang)
    for s in (*sliders, shift):
        s.js_on_change("value", redraw)
    layout = column(_wrap_row(*sliders), shift, fig, readout, sizing_mode="stretch_width")
    return _live(layout, lang, softmax_z1=sliders[0], softmax_z2=sliders[1], softmax_z3=sliders[2],
                      softmax_c=shift, softmax_bars=bars, softmax_readout=readout)


#: Range of log10 T on the temperature slider: T from about 0.03 to 32.
TEMPERATURE_LOG10_RANGE = (-1.5, 1.5)


def temperature_caption(logits, T, lang="en"):
    """The temperature explorer's readout (note 2.3.3): softmax(z / T) for one temperature T
    (only symbols and numbers: the same in both languages)."""
    check_lang(lang, "temperature_caption")
    z = as_float_array(logits, "logits", "temperature_caption", ndim=1)
    T = check_real(T, "T", "temperature_caption")
    p = softmax(z / T)
    return (f"<span class='softmax-caption'>T = {_g(T, 3)}: softmax(z / T) = "
            f"[{', '.join(_g(v) for v in p)}]</span>")


def softmax_temperature_explorer(logits=(0.3, 2.9, 4.0), T=1.0, lang="en"):
    """Live: softmax(z / T) of fixed logits for any temperature T (note 2.3.3), on a log slider.

    The slider moves log10 T over :data:`TEMPERATURE_LOG10_RANGE` and shows T itself; small T
    puts all the probability on the largest logit, large T flattens the bars towards 1/n.
    """
    from bokeh.layouts import column
    from bokeh.models import Div

    from .live import callback
    owner = "softmax_temperature_explorer"
    check_lang(lang, owner)
    z = as_float_array(logits, "logits", owner, ndim=1)
    if z.size < 2 or z.size > 10:
        raise ValueError(f"{owner}: argument 'logits' expected a 1-D list of 2 to 10 numbers, got {logits!r}")
    lo, hi = TEMPERATURE_LOG10_RANGE
    T = _check_range(T, "T", owner, 10 ** lo, 10 ** hi)
    labels = [f"z{k + 1} = {_g(v)}" for k, v in enumerate(z)]
    fig, bars = _bars(labels, softmax(z / T), "softmax(z / T)", lang=lang)
    slider = _log_slider(tr(lang, "temperature T (log scale)", "温度 T（対数目盛）"), TEMPERATURE_LOG10_RANGE, T)
    readout = Div(text=temperature_caption(z, T, lang=lang), sizing_mode="stretch_width")
    redraw = callback("""
        const T = 10 ** s.value;
        const p = D.softmaxTemperature(z, T);
        bars.data = {x: bars.data.x, p: p, label: p.map((v) => D.formatG(v, 3)), color: bars.data.color};
        readout.text = `<span class='softmax-caption'>T = ${D.formatG(T, 3)}: softmax(z / T) = `
            + `[${p.map((v) => D.formatG(v, 4)).join(", ")}]</span>`;
    """, rules=("activations",), s=slider, z=z.tolist(), bars=bars, readout=readout)
    slider.js_on_change("value", redraw)
    layout = column(slider, fig, readout, sizing_mode="stretch_width")
    return _live(layout, lang, temperature_log10=slider, temperature_bars=bars, temperature_readout=readout)
