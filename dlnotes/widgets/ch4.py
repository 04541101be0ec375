"""Chapter 4 explorers: the optimizers of note 4.1 on a landscape, and batch normalization of
one column (note 4.2.1.1), live in the browser.

``optimizer_explorer()`` walks any optimizer of note 4.1 (or all of them at once, 'race') over
the book's bowl, the saddle or Rosenbrock's valley; the page recomputes each path with the
JavaScript mirror of ``landscapes.run_optimizer`` as the controls move, and a click on the
contour plot moves the start.
"""
import numpy as np
from matplotlib.colors import to_hex

from .._checks import check_int
from .._i18n import check_lang, tr
from ..experiments import BN_EXPLORER_ROWS, bn_explorer_batch, bn_explorer_state
from ..landscapes import OPTIMIZER_LABELS, get_landscape, landscape_preset, make_optimizer, run_optimizer
from ..plots.ch4 import _COLORS
from .ch3 import _check_in, lr_slider

__all__ = ["EXPLORER_OPTIMIZERS", "EXPLORER_LANDSCAPES", "EXPLORER_LR_RANGE", "EXPLORER_STEPS",
           "EXPLORER_SLIDERS", "optimizer_hyper", "optimizer_explorer",
           "BN_C_LOG10_RANGE", "BN_EPS_LOG10_RANGE", "bn_explorer_caption", "bn_explorer"]

#: The optimizer explorer's choices (note 4.1): the keys of ``landscapes.make_optimizer``
#: ('adam_note' is note 4.1.3's Adam, without bias correction), plus 'race', which runs them all.
EXPLORER_OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adam_note", "race"]
#: The optimizer explorer's landscapes (note 4.1): label -> key of ``landscapes.LANDSCAPES``.
EXPLORER_LANDSCAPES = {"book's bowl": "book", "saddle": "saddle", "Rosenbrock": "rosenbrock"}
# the same labels in Japanese (key of landscapes.LANDSCAPES -> label)
_LANDSCAPES_JA = {"book": "書籍のお椀", "saddle": "鞍点", "rosenbrock": "Rosenbrock"}
#: The optimizer explorer's learning-rate range (note 4.1): log scale, 0.01 per notch in log10
#: (401 positions).
EXPLORER_LR_RANGE = (1e-3, 10.0)
#: The optimizer explorer's step slider (note 4.1): 1 to 300 updates.
EXPLORER_STEPS = (1, 300)
#: The two memory sliders of the optimizer explorer (note 4.1): name -> (label, low, high, notch).
#: 'beta1' is Momentum's alpha (4.1.1) and Adam's beta1 (4.1.3); 'beta2' RMSProp's decay
#: rate beta (4.1.2) and Adam's beta2 (4.1.3).
EXPLORER_SLIDERS = {"beta1": ("momentum α / β1", 0.0, 0.99, 0.01),
                    "beta2": ("decay β / β2", 0.0, 0.999, 0.001)}
# the sliders' titles in Japanese (the RMSProp decay is ρ in notebook 04-1, the note's β)
_SLIDERS_JA = {"beta1": "モーメンタム α / β1", "beta2": "減衰率 ρ / β2"}
# optimizer labels in Japanese where they differ from landscapes.OPTIMIZER_LABELS
_LABELS_JA = {"adam_note": "Adam（ノート 4.1.3、バイアス補正なし）"}
# optimizer -> {its hyper-parameter: the slider that sets it}; sent to the page as is
_SLIDER_OF = {"sgd": {}, "momentum": {"momentum": "beta1"}, "nesterov": {"momentum": "beta1"},
              "adagrad": {}, "rmsprop": {"decay_rate": "beta2"},
              "adam": {"beta1": "beta1", "beta2": "beta2"}, "adam_note": {"beta1": "beta1", "beta2": "beta2"}}


def optimizer_hyper(name, lr, beta1, beta2):
    """The hyper-parameters the explorer gives optimizer ``name`` (note 4.1) for these slider values.

    Every optimizer gets ``lr``; Momentum and Nesterov take ``beta1`` as their momentum, RMSProp
    ``beta2`` as its decay rate, both Adams take both; the rest (eps) are dlnotes' defaults."""
    values = {"beta1": beta1, "beta2": beta2}
    return {"lr": lr, **{arg: values[knob] for arg, knob in _SLIDER_OF[name].items()}}


def _labels(lang):
    """The explorer's optimizer labels in ``lang`` (name -> label)."""
    return {n: (_LABELS_JA.get(n, label) if lang == "ja" else label) for n, label in OPTIMIZER_LABELS.items()}


def _readout(name, path, f, steps, hyper, lang="en"):
    """One caption line (HTML) for an optimizer's path, in ``lang``: its end, loss and steps, or
    where it diverged.  The page's callback (``_OPT_JS``) writes the very same string."""
    done = len(path) - 1
    x, y = path[-1]
    with np.errstate(over="ignore"):
        loss, start_loss = float(f(x, y)), float(f(*path[0]))
    if done < steps:
        status = tr(lang, f"diverged at step {done + 1} (overflow; drawn up to step {done})",
                    f"ステップ {done + 1} で発散（オーバーフロー。ステップ {done} まで描画）")
    elif loss > start_loss:
        status = tr(lang, f"diverging: {done} steps, loss above the start's",
                    f"発散しつつある（{done} ステップ、損失が出発点より大きい）")
    else:
        status = tr(lang, f"{done} steps", f"{done} ステップ")
    settings = ", ".join(f"{k} {v:.3g}" for k, v in hyper.items())
    head = f"<span style='color:{to_hex(_COLORS[name])}'>■</span> <b>{_labels(lang)[name]}</b>"
    return head + tr(lang, f" ({settings}): {status}; end ({x:.4g}, {y:.4g}), loss {loss:.4g}",
                     f"（{settings}）：{status}。終点 ({x:.4g}, {y:.4g})、損失 {loss:.4g}")


# The optimizer explorer's callback: recompute every shown path (note 4.1) and the caption, whose
# lines are ``_readout``'s in the figure's ``lang`` (a test runs it on a blank page against it).
_OPT_JS = """
const land = where.value, f = D.LANDSCAPES[land], ja = lang === "ja";
if (cb_obj === where) {                                 // a new landscape: its box, preset start
    const [[x0, x1], [y0, y1]] = boxes[land];
    Object.assign(plot.x_range, {start: x0, end: x1});
    Object.assign(plot.y_range, {start: y0, end: y1});
    for (const k in contours) contours[k].visible = k === land || k === land + "_min";
    origin.data = {x: [starts[land][0]], y: [starts[land][1]]};
    plot.title.text = ja ? `f = ${titles[land]}：クリックした点から出発` : `f = ${titles[land]}: click to start there`;
} else if (cb_obj.event_name === "tap") {              // a click: start there
    const [[x0, x1], [y0, y1]] = boxes[land];
    if (!(cb_obj.x >= x0 && cb_obj.x <= x1 && cb_obj.y >= y0 && cb_obj.y <= y1)) return;
    origin.data = {x: [cb_obj.x], y: [cb_obj.y]};
}
const start = [origin.data.x[0], origin.data.y[0]], lr = 10 ** lr_knob.value, n = n_steps.value;
const values = {beta1: beta1.value, beta2: beta2.value};
const g = (v) => D.formatG(v, 4), rows = [];
for (const name in paths) {
    if (pick.value !== "race" && pick.value !== name) { paths[name].data = {x: [], y: []}; continue; }
    const hyper = {lr: lr};                            // optimizer_hyper
    for (const arg in slider_of[name]) hyper[arg] = values[slider_of[name][arg]];
    const p = D.runOptimizer(D.makeOptimizer(name, hyper), land, start, n);   // note 4.1
    paths[name].data = {x: p.map((q) => q[0]), y: p.map((q) => q[1])};
    const done = p.length - 1, [x, y] = p[done], loss = f.f(x, y);
    const up = loss > f.f(...start), hp = Object.entries(hyper).map(([k, v]) => `${k} ${D.formatG(v, 3)}`).join(", ");
    const head = `<span style='color:${colors[name]}'>■</span> <b>${labels[name]}</b>`;
    if (ja) {                                              // _readout(..., lang="ja")
        const status = done < n ? `ステップ ${done + 1} で発散（オーバーフロー。ステップ ${done} まで描画）`
            : up ? `発散しつつある（${done} ステップ、損失が出発点より大きい）` : `${done} ステップ`;
        rows.push(head + `（${hp}）：${status}。終点 (${g(x)}, ${g(y)})、損失 ${g(loss)}`);
    } else {                                               // _readout(..., lang="en")
        const status = done < n ? `diverged at step ${done + 1} (overflow; drawn up to step ${done})`
            : up ? `diverging: ${done} steps, loss above the start's` : `${done} steps`;
        rows.push(head + ` (${hp}): ${status}; end (${g(x)}, ${g(y)}), loss ${g(loss)}`);
    }
}
settings.data = {lr: [lr], steps: [n], landscape: [land]};
caption.text = "<div class='opt-caption'>" + rows.join("<br>") + "</div>";
"""


def _contour_levels(f, Z):
    """Contour levels drawn behind the paths: even ones for the saddle, log-spaced otherwise."""
    if f.minimum is None:
        return np.linspace(-4, 4, 17)
    return np.geomspace(0.05 if f.name == "book" else max(float(Z.min()), 1e-3), float(Z.max()), 12)


def optimizer_explorer(optimizer="momentum", landscape="book", lr=0.1, steps=None, start=None,
                       beta1=0.9, beta2=0.99, lr_range=EXPLORER_LR_RANGE, lang="en"):
    """Live: the path of any optimizer of note 4.1 (or all at once) on a landscape, from any start.

    Controls: optimizer (``EXPLORER_OPTIMIZERS``: SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam,
    the note's Adam without bias correction, 'race'), landscape (``EXPLORER_LANDSCAPES``), the
    learning rate on a log scale (``lr_range``), momentum/beta1 and decay/beta2
    (``EXPLORER_SLIDERS``, see :func:`optimizer_hyper`) and the number of steps
    (``EXPLORER_STEPS``).  A click on the contour plot moves the start there; a new landscape
    starts from its preset.  The page recomputes every path with the JavaScript mirrors of
    ``make_optimizer`` and ``run_optimizer``; the caption gives each end point, loss and step
    count, or the step at which the run overflowed (the path stops at its last finite point).
    ``start`` and ``steps`` default to the landscape's preset (``LANDSCAPE_SETTINGS``).
    Its texts (controls, axes, caption) are in ``lang``, "en" or "ja".
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div, Range1d, Select, Slider
    from bokeh.plotting import figure

    from .live import LiveFigure, callback
    owner = "optimizer_explorer"
    check_lang(lang, owner)
    if optimizer not in EXPLORER_OPTIMIZERS:
        raise ValueError(f"{owner}: argument 'optimizer' expected one of {EXPLORER_OPTIMIZERS}, got {optimizer!r}")
    keys = list(EXPLORER_LANDSCAPES.values())
    if landscape not in keys:
        raise ValueError(f"{owner}: argument 'landscape' expected one of {keys}, got {landscape!r}")
    lands = {k: get_landscape(k) for k in keys}
    starts = {k: list(landscape_preset(f)[0]) for k, f in lands.items()}
    boxes = {k: [list(f.xlim), list(f.ylim)] for k, f in lands.items()}
    f = lands[landscape]
    lr_knob, lr = lr_slider(lr, lr_range, owner,
                            title=tr(lang, "learning rate η (log scale)", "学習率 η（対数目盛）"))
    steps = check_int(landscape_preset(f)[1] if steps is None else steps, "steps", owner,
                      minimum=EXPLORER_STEPS[0])
    if steps > EXPLORER_STEPS[1]:
        raise ValueError(f"{owner}: argument 'steps' expected an integer in {list(EXPLORER_STEPS)}, got {steps}")
    if start is None:
        start = starts[landscape]
    if np.ndim(start) != 1 or len(start) != 2:
        raise ValueError(f"{owner}: argument 'start' expected a pair (x, y), got {start!r}")
    start = [_check_in(v, "start", owner, *lim) for v, lim in zip(start, boxes[landscape])]
    knobs = {}
    for name, value in (("beta1", beta1), ("beta2", beta2)):
        label, lo, hi, notch = EXPLORER_SLIDERS[name]
        value = _check_in(value, name, owner, lo, hi)
        knobs[name] = Slider(title=tr(lang, label, _SLIDERS_JA[name]), start=lo, end=hi, step=notch,
                             value=value, sizing_mode="stretch_width", min_width=150)
    beta1, beta2 = knobs["beta1"].value, knobs["beta2"].value

    titles = {"book": "x²/20 + y²", "saddle": "x² − y²", "rosenbrock": "(1−x)² + 100(y−x²)²"}
    plot = figure(height=400, sizing_mode="stretch_width", min_width=280, toolbar_location=None,
                  x_range=Range1d(*f.xlim), y_range=Range1d(*f.ylim), x_axis_label="x", y_axis_label="y",
                  title=tr(lang, f"f = {titles[landscape]}: click to start there",
                           f"f = {titles[landscape]}：クリックした点から出発"))
    contours = {}
    for k, g in lands.items():
        X, Y = np.meshgrid(np.linspace(*g.xlim, 161), np.linspace(*g.ylim, 161))
        Z = g(X, Y)
        contours[k] = plot.contour(X[0], Y[:, 0], Z, levels=_contour_levels(g, Z),
                                   line_color="#aaaaaa", line_width=0.8)
        contours[k].visible = k == landscape
        if g.minimum is not None:
            contours[k + "_min"] = plot.scatter([g.minimum[0]], [g.minimum[1]], marker="cross", size=14,
                                                color="black", visible=k == landscape)
    names = EXPLORER_OPTIMIZERS[:-1]
    shown = names if optimizer == "race" else [optimizer]
    paths, rows = {}, []
    for name in names:
        data = {"x": [], "y": []}
        if name in shown:
            hyper = optimizer_hyper(name, lr, beta1, beta2)
            path = run_optimizer(make_optimizer(name, **hyper), f, start, steps)
            data = {"x": path[:, 0], "y": path[:, 1]}
            rows.append(_readout(name, path, f, steps, hyper, lang))
        paths[name] = ColumnDataSource(data)
        color = to_hex(_COLORS[name])
        plot.line("x", "y", source=paths[name], color=color, line_width=1.5)
        plot.scatter("x", "y", source=paths[name], color=color, size=4)
    origin = ColumnDataSource({"x": [start[0]], "y": [start[1]]})
    plot.scatter("x", "y", source=origin, marker="square", size=9, color="black")
    settings = ColumnDataSource({"lr": [lr], "steps": [steps], "landscape": [landscape]})

    special = tr(lang, {"adam_note": "Adam, note (uncorrected)", "race": "race: all at once"},
                 {"adam_note": "Adam（ノート版、補正なし）", "race": "race：7 つを同時に"})
    pick = Select(title=tr(lang, "optimizer", "最適化手法"), value=optimizer, width=180,
                  options=[(n, special.get(n, OPTIMIZER_LABELS.get(n))) for n in EXPLORER_OPTIMIZERS])
    where = Select(title=tr(lang, "landscape", "地形"), value=landscape, width=150,
                   options=[(k, tr(lang, label, _LANDSCAPES_JA[k])) for label, k in EXPLORER_LANDSCAPES.items()])
    n_steps = Slider(title=tr(lang, "steps", "ステップ数"), start=EXPLORER_STEPS[0], end=EXPLORER_STEPS[1], step=1,
                     value=steps, sizing_mode="stretch_width", min_width=150)
    caption = Div(text="<div class='opt-caption'>" + "<br>".join(rows) + "</div>", sizing_mode="stretch_width")
    labels = {n: _labels(lang)[n] for n in names}
    colors = {n: to_hex(_COLORS[n]) for n in names}
    redraw = callback(
        _OPT_JS, rules=("activations", "landscapes", "optimizers"), lang=lang, where=where, pick=pick, plot=plot,
        boxes=boxes, starts=starts, titles=titles, contours=contours, origin=origin, lr_knob=lr_knob,
        n_steps=n_steps, beta1=knobs["beta1"], beta2=knobs["beta2"], paths=paths, slider_of=_SLIDER_OF, labels=labels, colors=colors,
        settings=settings, caption=caption)
    for knob in (lr_knob, n_steps, knobs["beta1"], knobs["beta2"]):
        knob.js_on_change("value", redraw)
    for choice in (pick, where):
        choice.js_on_change("value", redraw)
    plot.js_on_event("tap", redraw)
    layout = column(row(pick, where, n_steps, sizing_mode="stretch_width", styles={"flex-wrap": "wrap"}),
                    row(lr_knob, knobs["beta1"], knobs["beta2"], sizing_mode="stretch_width",
                        styles={"flex-wrap": "wrap"}),
                    plot, caption, sizing_mode="stretch_width")
    return LiveFigure(layout, optimizer=pick, landscape=where, lr=lr_knob, steps=n_steps, beta1=knobs["beta1"],
                      beta2=knobs["beta2"], start=origin, settings=settings, caption=caption, plot=plot,
                      **{f"path_{n}": src for n, src in paths.items()})


# ---------------------------------------------------------------- note 4.2.1.1: one BN column, live

#: log10 range of the BN explorer's weight scale c (0.001 to 10, steps of 0.01 in log10).
BN_C_LOG10_RANGE = (-3.0, 1.0)
#: log10 range of the BN explorer's epsilon (1e-8 to 1, steps of 0.1 in log10).
BN_EPS_LOG10_RANGE = (-8.0, 0.0)


def _g(x, digits=4):
    """Python's ``format(x, '.{digits}g')``; the page uses its mirror ``D.formatG``."""
    return format(float(x), f".{digits}g")


def bn_explorer_caption(B, c, eps, state, lang="en"):
    """HTML readout of the BN explorer (note 4.2.1.1) for batch size ``B``, weight scale ``c``,
    ``eps`` and ``state`` = ``experiments.bn_explorer_state(base, B, c, eps)``: the column's mean
    and variance before and after BN, the predicted variance var / (var + eps), the ratio
    eps / var, and the largest change of the output from weight scale 1, in ``lang`` ("en" or
    "ja").  The page builds the same string in ``bn_explorer``'s callback (``_BN_JS``)."""
    check_lang(lang, "bn_explorer_caption")
    ratio = eps / state["var_pre"]
    if lang == "ja":
        note = ("ε は無視できる：出力の分散は有効数字 4 桁で 1" if ratio < 5e-5
                else "ε は無視できない：出力の分散を 1 より小さくする")
        return (f"<div class='bn-readout' style='font-family:monospace'>B = {B}, c = {_g(c, 3)}, "
                f"ε = {_g(eps, 3)}<br>"
                f"BN の前：平均 {_g(state['mean_pre'])}、分散 σ² = {_g(state['var_pre'])}<br>"
                f"BN の後：平均 {_g(state['mean_post'], 3)}、分散 {_g(state['var_post'], 6)}"
                f"（σ²/(σ²+ε) = {_g(state['var_predicted'], 6)}）<br>"
                f"ε/σ² = {_g(ratio, 3)}：{note}<br>"
                f"c = 1 のときからの x̂ の最大の変化：{_g(state['max_change'], 3)}</div>")
    note = ("ε is negligible: the output's variance is 1 to 4 digits" if ratio < 5e-5
            else "ε is not negligible: it shrinks the output's variance below 1")
    return (f"<div class='bn-readout' style='font-family:monospace'>B = {B}, c = {_g(c, 3)}, "
            f"ε = {_g(eps, 3)}<br>"
            f"before BN: mean {_g(state['mean_pre'])}, variance σ² = {_g(state['var_pre'])}<br>"
            f"after BN: mean {_g(state['mean_post'], 3)}, variance {_g(state['var_post'], 6)}"
            f" (σ²/(σ²+ε) = {_g(state['var_predicted'], 6)})<br>"
            f"ε/σ² = {_g(ratio, 3)}: {note}<br>"
            f"largest change of x̂ from c = 1: {_g(state['max_change'], 3)}</div>")


_BN_JS = """
const B = s_B.value, c = 10 ** s_c.value, eps = 10 ** s_eps.value;
const st = D.bnExplorerState(base, B, c, eps);               // experiments.bn_explorer_state
const rank = st.pre.map((_, i) => i + 1);
pre.data = {rank: rank, value: st.pre};
post.data = {rank: rank, value: st.post};
settings.data = {B: [B], c: [c], eps: [eps]};
const g = D.formatG, ratio = eps / st.var_pre, small = ratio < 5e-5;
if (lang === "ja") {                                         // bn_explorer_caption(..., lang="ja")
    const note = small ? "ε は無視できる：出力の分散は有効数字 4 桁で 1"
        : "ε は無視できない：出力の分散を 1 より小さくする";
    readout.text = `<div class='bn-readout' style='font-family:monospace'>B = ${B}, c = ${g(c, 3)}, `
        + `ε = ${g(eps, 3)}<br>`
        + `BN の前：平均 ${g(st.mean_pre, 4)}、分散 σ² = ${g(st.var_pre, 4)}<br>`
        + `BN の後：平均 ${g(st.mean_post, 3)}、分散 ${g(st.var_post, 6)}`
        + `（σ²/(σ²+ε) = ${g(st.var_predicted, 6)}）<br>`
        + `ε/σ² = ${g(ratio, 3)}：${note}<br>`
        + `c = 1 のときからの x̂ の最大の変化：${g(st.max_change, 3)}</div>`;
} else {                                                     // bn_explorer_caption(..., lang="en")
    const note = small ? "ε is negligible: the output's variance is 1 to 4 digits"
        : "ε is not negligible: it shrinks the output's variance below 1";
    readout.text = `<div class='bn-readout' style='font-family:monospace'>B = ${B}, c = ${g(c, 3)}, `
        + `ε = ${g(eps, 3)}<br>`
        + `before BN: mean ${g(st.mean_pre, 4)}, variance σ² = ${g(st.var_pre, 4)}<br>`
        + `after BN: mean ${g(st.mean_post, 3)}, variance ${g(st.var_post, 6)}`
        + ` (σ²/(σ²+ε) = ${g(st.var_predicted, 6)})<br>`
        + `ε/σ² = ${g(ratio, 3)}: ${note}<br>`
        + `largest change of x̂ from c = 1: ${g(st.max_change, 3)}</div>`;
}
"""


def bn_explorer(B=16, c=1.0, eps=1e-5, seed=0, lang="en"):
    """Live: batch normalization of one feature column (note 4.2.1.1), gamma = 1, beta = 0.

    A fixed seeded batch of ``BN_EXPLORER_ROWS`` pre-BN activations (``experiments.bn_explorer_batch``)
    is shipped to the page; sliders pick the batch size ``B`` (its first B rows), the weight scale
    ``c`` that multiplies them (log scale, ``BN_C_LOG10_RANGE``) and ``eps`` (log scale,
    ``BN_EPS_LOG10_RANGE``).  The left plot shows the B activations sorted, the right one their
    BN outputs x̂ in the same order; the readout (:func:`bn_explorer_caption`) gives the column
    statistics before and after.  Scaling the weights scales the left plot and leaves the right one
    unchanged until the variance c²σ² comes near eps, which then pulls the outputs towards 0.
    The page recomputes with ``dlnotes.bnExplorerState`` (dlnotes/js/batchnorm.js).  Its texts
    (sliders, axes, readout) are in ``lang``, "en" or "ja"."""
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, CustomJSTickFormatter, DataRange1d, Div, Range1d, Slider, Span
    from bokeh.plotting import figure

    from .live import LiveFigure, callback
    owner = "bn_explorer"
    check_lang(lang, owner)
    B = check_int(B, "B", owner, minimum=2)
    if B > BN_EXPLORER_ROWS:
        raise ValueError(f"{owner}: argument 'B' expected an integer in [2, {BN_EXPLORER_ROWS}], got {B}")
    log_c = round(float(np.log10(_check_in(c, "c", owner, *(10 ** v for v in BN_C_LOG10_RANGE)))), 2)
    log_eps = round(float(np.log10(_check_in(eps, "eps", owner, *(10 ** v for v in BN_EPS_LOG10_RANGE)))), 1)
    c, eps = 10 ** log_c, 10 ** log_eps
    base = bn_explorer_batch(seed)
    st = bn_explorer_state(base, B, c, eps)
    shown = CustomJSTickFormatter(code="return Number((10 ** tick).toPrecision(3)).toString();")
    s_B = Slider(title=tr(lang, "batch size B", "バッチサイズ B"), start=2, end=BN_EXPLORER_ROWS, step=1,
                 value=B, sizing_mode="stretch_width", min_width=150)
    s_c = Slider(title=tr(lang, "weight scale c (log scale)", "重みのスケール c（対数目盛）"),
                 start=BN_C_LOG10_RANGE[0], end=BN_C_LOG10_RANGE[1], step=0.01, value=log_c, format=shown,
                 sizing_mode="stretch_width", min_width=150)
    s_eps = Slider(title=tr(lang, "ε (log scale)", "ε（対数目盛）"), start=BN_EPS_LOG10_RANGE[0],
                   end=BN_EPS_LOG10_RANGE[1], step=0.1, value=log_eps, format=shown,
                   sizing_mode="stretch_width", min_width=150)
    rank = list(range(1, B + 1))
    pre = ColumnDataSource({"rank": rank, "value": st["pre"]})
    post = ColumnDataSource({"rank": rank, "value": st["post"]})
    settings = ColumnDataSource({"B": [B], "c": [c], "eps": [eps]})
    left = figure(height=280, sizing_mode="stretch_width", min_width=260, toolbar_location=None,
                  title=tr(lang, "before BN: a = c·(x w), sorted", "BN の前：a = c·(x w)、小さい順"),
                  x_axis_label=tr(lang, "rank in the batch", "バッチ内の順位"),
                  y_axis_label=tr(lang, "pre-BN activation a", "BN に入る値 a"),
                  x_range=DataRange1d(range_padding=0.08), y_range=DataRange1d(range_padding=0.15))
    right = figure(height=280, sizing_mode="stretch_width", min_width=260, toolbar_location=None,
                   title=tr(lang, "after BN: x̂ = (a − μ)/√(σ²+ε)", "BN の後：x̂ = (a − μ)/√(σ²+ε)"),
                   x_axis_label=tr(lang, "rank in the batch", "バッチ内の順位"),
                   y_axis_label=tr(lang, "normalized x̂ (γ = 1, β = 0)", "正規化した x̂（γ = 1, β = 0）"),
                   x_range=left.x_range, y_range=Range1d(-3.2, 3.2))
    for fig, src, color in ((left, pre, "#3b6fb6"), (right, post, "#2a7d2a")):
        fig.scatter("rank", "value", source=src, size=6, color=color)
        fig.title.text_font_size = "11pt"
        fig.xaxis.axis_label_text_font_size = fig.yaxis.axis_label_text_font_size = "10pt"
        if lang == "ja":                                  # no slanted (synthesised italic) Japanese
            fig.xaxis.axis_label_text_font_style = fig.yaxis.axis_label_text_font_style = "normal"
    for level in (-1.0, 1.0):
        right.add_layout(Span(location=level, dimension="width", line_dash="dashed", line_color="#888888"))
    readout = Div(text=bn_explorer_caption(B, c, eps, st, lang), sizing_mode="stretch_width")
    redraw = callback(_BN_JS, rules=("activations", "batchnorm"), lang=lang, s_B=s_B, s_c=s_c, s_eps=s_eps,
                      base=[float(v) for v in base], pre=pre, post=post, settings=settings, readout=readout)
    for knob in (s_B, s_c, s_eps):
        knob.js_on_change("value", redraw)
    wrap = {"sizing_mode": "stretch_width", "styles": {"flex-wrap": "wrap", "gap": "0 16px"}}
    layout = column(row(s_B, s_c, s_eps, **wrap), row(left, right, **wrap), readout, sizing_mode="stretch_width")
    return LiveFigure(layout, bn_B=s_B, bn_c=s_c, bn_eps=s_eps, bn_pre=pre, bn_post=post,
                      bn_settings=settings, bn_readout=readout)
