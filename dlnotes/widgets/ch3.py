"""Chapter 3 explorers: learning rate on a landscape (3.2, live in the browser), gradient checks
(3.3) and decision boundaries (all of chapter 3, precomputed: every state is rendered when the
explorer is built, so the sliders also work in the static site)."""
import numpy as np

from .._checks import check_int, check_real
from ..experiments import layer_gradient_checks
from ..gradient import relative_error
from ..landscapes import critical_lr, gd_path, gd_regime, get_landscape, landscape_preset
from ..plots.ch3 import decision_boundary_figure, gradient_check_figure
from ._core import explorer

__all__ = ["LR_RANGE", "LR_STEPS", "LR_LANDSCAPES", "lr_slider", "lr_explorer", "gradient_check_explorer",
           "decision_boundary_explorer"]

#: The gradient-descent explorer's learning rates (note 3.2): a log-scale slider from 1e-3 to
#: 10**0.5 ~ 3.16 in steps of 0.01 in log10 (351 positions); the critical rate 1 is one of them.
LR_RANGE = (1e-3, 10 ** 0.5)
#: The gradient-descent explorer's step slider (note 3.2): from 1 to 100 updates.
LR_STEPS = (1, 100)
#: The gradient-descent explorer's landscapes (note 3.2): label -> key of dlnotes.landscapes.LANDSCAPES
#: (p² and x²/20 + y², both with critical rate 1).
LR_LANDSCAPES = {"1-D parabola p²": "parabola", "2-D bowl x²/20 + y²": "book"}

_LOG_STEP = 0.01         # the log10 grid of every learning-rate slider


def _check_range(lo, hi, name, owner, positive=False):
    """(lo, hi) as floats, refusing NaN and empty ranges (and lo <= 0 when ``positive``)."""
    lo, hi = (check_real(v, name, owner) for v in (lo, hi))
    if not lo < hi or (positive and lo <= 0):
        raise ValueError(f"{owner}: argument '{name}' expected ({'0 < ' if positive else ''}low < high), "
                         f"got ({lo!r}, {hi!r})")
    return lo, hi


def _check_in(value, name, owner, lo, hi):
    """A finite number in [lo, hi]."""
    value = check_real(value, name, owner)
    if not lo <= value <= hi:
        raise ValueError(f"{owner}: argument '{name}' expected a number in [{lo:g}, {hi:g}], got {value!r}")
    return value


def lr_slider(lr, lr_range, owner, title="learning rate η (log scale)"):
    """A Bokeh slider over log10 of the learning rate (notes 3.2, 4.1), showing the rate itself.

    ``lr`` must be a positive number inside ``lr_range`` (ValueError naming 'lr' otherwise, or
    'lr_range' for an empty or non-positive range); the slider moves in steps of 0.01 in log10,
    so the rate shown is ``lr`` rounded to that grid.  Returns (slider, the rate on the grid)."""
    from bokeh.models import CustomJSTickFormatter, Slider
    lo, hi = np.log10(_check_range(*lr_range, "lr_range", owner, positive=True))
    lr = check_real(lr, "lr", owner)
    if not lr > 0:
        raise ValueError(f"{owner}: argument 'lr' expected a positive number, got {lr!r}")
    _check_in(lr, "lr", owner, *lr_range)
    lo, hi = np.ceil(lo / _LOG_STEP - 1e-9) * _LOG_STEP, np.floor(hi / _LOG_STEP + 1e-9) * _LOG_STEP
    value = float(np.clip(round(np.log10(lr) / _LOG_STEP) * _LOG_STEP, lo, hi))
    slider = Slider(title=title, start=float(lo), end=float(hi), step=_LOG_STEP, value=value,
                    format=CustomJSTickFormatter(code="return Number((10 ** tick).toPrecision(3)).toString();"),
                    sizing_mode="stretch_width", min_width=150)
    return slider, 10 ** value


def _gd_data(f, lr, steps, start):
    """What the page draws for one gradient-descent run: path, loss per step, caption."""
    path = gd_path(f, lr, steps, start=start)
    loss = np.array([float(f(*p)) for p in path])
    y = loss if f.dim == 1 else path[:, 1]
    data = {"x": path[:, 0], "y": y, "step": np.arange(len(path)), "loss": loss,
            "loss_drawn": np.clip(loss, 1e-16, 1e30)}
    k = len(path) - 1
    status = (f"diverged at step {k} (|p| > 10⁶; drawn up to there)" if np.max(np.abs(path[-1])) > 1e6
              else f"loss after {k} steps = {loss[-1]:.4g}")
    caption = (f"<span class='gd-caption'><b>{gd_regime(f, lr)}</b>: lr = {lr:.3g}, critical lr = "
               f"2 / {max(f.curvatures):g} = {critical_lr(f):g}; {status}</span>")
    return data, caption


def lr_explorer(landscape="parabola", lr=0.1, steps=20, lr_range=LR_RANGE):
    """Live: gradient descent p <- p - lr grad(p) (note 3.2) on p² or x²/20 + y², at any rate.

    A continuous log-scale learning-rate slider (``lr_range``, 0.01 per notch in log10), a step
    slider (``LR_STEPS``) and a landscape choice; the page redraws the path on the curve or the
    contours and the loss per step with the JavaScript mirror of ``landscapes.gd_path``, and
    names the regime (``gd_regime``: slow, fast, oscillating, diverging) against the critical
    rate 2 / max(curvature).  A diverging run stops once |p| > 1e6 and the caption says at which
    step.  Starts are the landscapes' presets, (4,) and (-7, 2).
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div, Select, Slider
    from bokeh.plotting import figure

    from .live import LiveFigure, callback
    owner = "lr_explorer"
    keys = list(LR_LANDSCAPES.values())
    if landscape not in keys:
        raise ValueError(f"{owner}: argument 'landscape' expected one of {keys}, got {landscape!r}")
    lr_knob, lr = lr_slider(lr, lr_range, owner)
    steps = check_int(steps, "steps", owner, minimum=LR_STEPS[0])
    if steps > LR_STEPS[1]:
        raise ValueError(f"{owner}: argument 'steps' expected an integer in {list(LR_STEPS)}, got {steps}")
    starts = {k: list(landscape_preset(get_landscape(k))[0]) for k in keys}
    f = get_landscape(landscape)
    data, text = _gd_data(f, lr, steps, starts[landscape])
    path = ColumnDataSource(data)
    settings = ColumnDataSource({"lr": [lr], "steps": [steps], "landscape": [landscape]})

    opts = dict(height=300, sizing_mode="stretch_width", min_width=280, toolbar_location=None)
    curve = figure(x_range=(-6, 6), y_range=(-1, 36), title="path on the loss L(p) = p²",
                   x_axis_label="parameter p", y_axis_label="loss", **opts)
    grid = np.linspace(-6, 6, 241)
    curve.line(grid, grid ** 2, color="gray", line_width=1.5)
    bowl = figure(x_range=(-10, 10), y_range=(-5, 5), title="path on the contours of x²/20 + y²",
                  x_axis_label="x", y_axis_label="y", **opts)
    X, Y = np.meshgrid(np.linspace(-10, 10, 201), np.linspace(-5, 5, 101))
    bowl.contour(X[0], Y[:, 0], get_landscape("book")(X, Y), levels=np.geomspace(0.05, 30, 10),
                 line_color="#aaaaaa", line_width=0.8)
    bowl.scatter([0], [0], marker="cross", size=12, color="black")
    for fig in (curve, bowl):
        fig.line("x", "y", source=path, color="#d62728", line_width=1.2)
        fig.scatter("x", "y", source=path, color="#d62728", size=5)
    curve.visible, bowl.visible = landscape == "parabola", landscape == "book"
    losses = figure(y_axis_type="log", x_range=(0, LR_STEPS[1]), y_range=(1e-12, 1e8),
                    title="loss per step (log scale)", x_axis_label="step", y_axis_label="loss", **opts)
    losses.line("step", "loss_drawn", source=path, color="#d62728")
    losses.scatter("step", "loss_drawn", source=path, color="#d62728", size=4)
    losses.x_range.end = steps

    pick = Select(title="landscape", value=landscape, width=200,
                  options=[(k, label) for label, k in LR_LANDSCAPES.items()])
    n_steps = Slider(title="steps", start=LR_STEPS[0], end=LR_STEPS[1], step=1, value=steps,
                     sizing_mode="stretch_width", min_width=150)
    caption = Div(text=text, sizing_mode="stretch_width")
    redraw = callback("""
        const name = pick.value, f = D.LANDSCAPES[name], lr = 10 ** lr_knob.value, n = n_steps.value;
        const p = D.gdPath(name, lr, n, starts[name]);                       // note 3.2
        const loss = p.map((q) => f.f(...q));
        path.data = {x: p.map((q) => q[0]), y: f.dim === 1 ? loss : p.map((q) => q[1]),
                     step: p.map((q, i) => i), loss: loss,
                     loss_drawn: loss.map((v) => Math.min(Math.max(v, 1e-16), 1e30))};
        settings.data = {lr: [lr], steps: [n], landscape: [name]};
        curve.visible = name === "parabola";
        bowl.visible = name === "book";
        losses.x_range.end = n;
        const k = p.length - 1, g = (v) => Number(v.toPrecision(4)).toString();
        const status = Math.max(...p[k].map(Math.abs)) > 1e6
            ? `diverged at step ${k} (|p| > 10⁶; drawn up to there)` : `loss after ${k} steps = ${g(loss[k])}`;
        caption.text = `<span class='gd-caption'><b>${D.gdRegime(name, lr)}</b>: lr = `
            + `${Number(lr.toPrecision(3))}, critical lr = 2 / ${Math.max(...f.curvatures)} = `
            + `${D.criticalLr(name)}; ${status}</span>`;
    """, rules=("landscapes",), pick=pick, lr_knob=lr_knob, n_steps=n_steps, starts=starts, path=path,
        settings=settings, curve=curve, bowl=bowl, losses=losses, caption=caption)
    for knob in (lr_knob, n_steps):
        knob.js_on_change("value", redraw)
    pick.js_on_change("value", redraw)
    layout = column(row(pick, n_steps, sizing_mode="stretch_width"), lr_knob,
                    row(curve, bowl, losses, sizing_mode="stretch_width", styles={"flex-wrap": "wrap"}),
                    caption, sizing_mode="stretch_width")
    return LiveFigure(layout, landscape=pick, lr=lr_knob, steps=n_steps, path=path, settings=settings,
                      caption=caption, curve_plot=curve, bowl_plot=bowl, loss_plot=losses)


def gradient_check_explorer(seed=0):
    """Pick a layer (or a small MultiLayerNet): analytic against numeric gradient entries and the
    max relative error of each parameter.  Six states."""
    checks = layer_gradient_checks(seed)

    def render(layer):
        errs = ", ".join(f"{k}: {relative_error(a, n):.1e}" for k, (a, n) in checks[layer].items())
        return gradient_check_figure(layer, checks), f"max relative error: {errs}"

    return explorer(render, {"layer": list(checks)}, dpi=70)


def decision_boundary_explorer(name="spirals", hidden=(3, 16), activation=("relu", "sigmoid"),
                               lr=(0.003, 0.03, 0.3), iterations=150):
    """Hidden size x activation x Adam learning rate for one toy set (12 states by default);
    each state is a network trained from the same seed for ``iterations`` full-batch steps."""
    def render(hidden, activation, lr):
        return decision_boundary_figure(name, hidden, activation, lr, iterations)

    return explorer(render, {"hidden": list(hidden), "activation": list(activation), "lr": list(lr)},
                    labels={"hidden": "hidden units per layer", "lr": "learning rate"}, dpi=70)
