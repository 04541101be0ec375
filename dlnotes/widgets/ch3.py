"""Chapter 3 explorers: learning rate on a landscape (3.2) and decision boundaries trained in
the page (all of chapter 3), both live in the browser; gradient checks (3.3), precomputed in
the site and recomputed by Python on release in JupyterLab.  Each says how it is computed
(``live.MODES``).

Every explorer and caption function takes ``lang`` ("en" or "ja", issue 15): the language of its
titles, labels, legends and readouts.  The page's readout templates sit beside each other, one
per language, chosen by the ``lang`` value the callback receives; models keep their names.
"""
import math
import os

import numpy as np

from .. import datasets
from .._checks import check_choice, check_int, check_real
from .._i18n import check_lang, tr
from ..experiments import layer_gradient_checks
from ..gradient import relative_error
from ..landscapes import critical_lr, gd_path, gd_regime, get_landscape, landscape_preset
from ..optimizers import OPTIMIZERS
from ..plots.ch3 import gradient_check_figure
from ._core import explorer

__all__ = ["LR_RANGE", "LR_STEPS", "LR_LANDSCAPES", "LR_LANDSCAPES_JA", "GD_REGIMES_JA", "lr_slider",
           "lr_caption", "lr_explorer",
           "GRADIENT_CHECK_SEEDS", "GradientCheckPanel", "gradient_check_explorer",
           "PLAYGROUND_SETS", "PLAYGROUND_RANGES", "PLAYGROUND_POINTS", "playground_parts",
           "playground_readout", "decision_boundary_explorer"]

#: The gradient-descent explorer's learning rates (note 3.2): a log-scale slider from 1e-3 to
#: 10**0.5 ~ 3.16 in steps of 0.01 in log10 (351 positions); the critical rate 1 is one of them.
LR_RANGE = (1e-3, 10 ** 0.5)
#: The gradient-descent explorer's step slider (note 3.2): from 1 to 100 updates.
LR_STEPS = (1, 100)
#: The gradient-descent explorer's landscapes (note 3.2): label -> key of dlnotes.landscapes.LANDSCAPES
#: (p² and x²/20 + y², both with critical rate 1).
LR_LANDSCAPES = {"1-D parabola p²": "parabola", "2-D bowl x²/20 + y²": "book"}
#: The same landscapes' labels in the Japanese edition: key -> label.
LR_LANDSCAPES_JA = {"parabola": "1 次元の放物線 p²", "book": "2 次元のお椀 x²/20 + y²"}
#: The regimes of ``landscapes.gd_regime`` in the Japanese edition (note 3.2's words).
GD_REGIMES_JA = {"slow": "遅い", "fast": "速い", "oscillating": "振動", "oscillating forever": "振動し続ける",
                 "diverging": "発散"}

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


def lr_slider(lr, lr_range, owner, title=None, lang="en"):
    """A Bokeh slider over log10 of the learning rate (notes 3.2, 4.1), showing the rate itself.

    ``lr`` must be a positive number inside ``lr_range`` (ValueError naming 'lr' otherwise, or
    'lr_range' for an empty or non-positive range); the slider moves in steps of 0.01 in log10,
    so the rate shown is ``lr`` rounded to that grid.  ``title`` defaults to "learning rate η
    (log scale)" in ``lang``.  Returns (slider, the rate on the grid)."""
    from bokeh.models import CustomJSTickFormatter, Slider
    check_lang(lang, owner)
    if title is None:
        title = tr(lang, "learning rate η (log scale)", "学習率 η（対数目盛）")
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


def _gd_data(f, lr, steps, start, lang="en"):
    """What the page draws for one gradient-descent run: path, loss per step, caption."""
    path = gd_path(f, lr, steps, start=start)
    loss = np.array([float(f(*p)) for p in path])
    y = loss if f.dim == 1 else path[:, 1]
    data = {"x": path[:, 0], "y": y, "step": np.arange(len(path)), "loss": loss,
            "loss_drawn": np.clip(loss, 1e-16, 1e30)}
    return data, _gd_caption(f, lr, path, loss, lang)


def _gd_caption(f, lr, path, loss, lang):
    k = len(path) - 1
    regime, crit = gd_regime(f, lr), f"2 / {max(f.curvatures):g} = {critical_lr(f):g}"
    g = format(loss[-1], ".4g")
    if np.max(np.abs(path[-1])) > 1e6:
        status = tr(lang, f"diverged at step {k} (|p| > 10⁶; drawn up to there)",
                    f"ステップ {k} で発散（|p| > 10⁶、そこまでを描画）")
    else:
        status = tr(lang, f"loss after {k} steps = {g}", f"{k} ステップ後の損失 = {g}")
    return tr(lang, f"<span class='gd-caption'><b>{regime}</b>: lr = {format(lr, '.3g')}, critical lr = "
                    f"{crit}; {status}</span>",
              f"<span class='gd-caption'><b>{GD_REGIMES_JA[regime]}</b>：lr = {format(lr, '.3g')}、"
              f"臨界の学習率 = {crit}；{status}</span>")


def lr_caption(landscape, lr, steps, lang="en"):
    """The readout of :func:`lr_explorer` (note 3.2) for ``steps`` updates at rate ``lr`` from the
    landscape's preset start: the regime, the critical rate and the final loss (or the step
    where the run diverged).  The page writes the same string in JavaScript."""
    owner = "lr_caption"
    check_lang(lang, owner)
    keys = list(LR_LANDSCAPES.values())
    if landscape not in keys:
        raise ValueError(f"{owner}: argument 'landscape' expected one of {keys}, got {landscape!r}")
    f = get_landscape(landscape)
    return _gd_data(f, check_real(lr, "lr", owner), check_int(steps, "steps", owner, minimum=0),
                    list(landscape_preset(f)[0]), lang)[1]


def lr_explorer(landscape="parabola", lr=0.1, steps=20, lr_range=LR_RANGE, lang="en"):
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
    check_lang(lang, owner)
    keys = list(LR_LANDSCAPES.values())
    if landscape not in keys:
        raise ValueError(f"{owner}: argument 'landscape' expected one of {keys}, got {landscape!r}")
    lr_knob, lr = lr_slider(lr, lr_range, owner, lang=lang)
    steps = check_int(steps, "steps", owner, minimum=LR_STEPS[0])
    if steps > LR_STEPS[1]:
        raise ValueError(f"{owner}: argument 'steps' expected an integer in {list(LR_STEPS)}, got {steps}")
    starts = {k: list(landscape_preset(get_landscape(k))[0]) for k in keys}
    f = get_landscape(landscape)
    data, text = _gd_data(f, lr, steps, starts[landscape], lang)
    path = ColumnDataSource(data)
    settings = ColumnDataSource({"lr": [lr], "steps": [steps], "landscape": [landscape]})

    opts = dict(height=300, sizing_mode="stretch_width", min_width=280, toolbar_location=None)
    curve = figure(x_range=(-6, 6), y_range=(-1, 36), title=tr(lang, "path on the loss L(p) = p²",
                                                                 "損失 L(p) = p² の上の経路"),
                   x_axis_label=tr(lang, "parameter p", "パラメータ p"), y_axis_label=tr(lang, "loss", "損失"),
                   **opts)
    grid = np.linspace(-6, 6, 241)
    curve.line(grid, grid ** 2, color="gray", line_width=1.5)
    bowl = figure(x_range=(-10, 10), y_range=(-5, 5), title=tr(lang, "path on the contours of x²/20 + y²",
                                                                "x²/20 + y² の等高線の上の経路"),
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
                    title=tr(lang, "loss per step (log scale)", "ステップごとの損失（対数目盛）"),
                    x_axis_label=tr(lang, "step", "ステップ"), y_axis_label=tr(lang, "loss", "損失"), **opts)
    losses.line("step", "loss_drawn", source=path, color="#d62728")
    losses.scatter("step", "loss_drawn", source=path, color="#d62728", size=4)
    losses.x_range.end = steps

    pick = Select(title=tr(lang, "landscape", "損失関数"), value=landscape, width=200,
                  options=[(k, tr(lang, label, LR_LANDSCAPES_JA[k])) for label, k in LR_LANDSCAPES.items()])
    n_steps = Slider(title=tr(lang, "steps", "ステップ数"), start=LR_STEPS[0], end=LR_STEPS[1], step=1, value=steps,
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
        // lr_caption's words, one template per language (%g numbers: D.formatG)
        const k = p.length - 1, g = D.formatG(loss[k], 4), rate = D.formatG(lr, 3);
        const regime = D.gdRegime(name, lr), crit = `2 / ${Math.max(...f.curvatures)} = ${D.criticalLr(name)}`;
        const diverged = Math.max(...p[k].map(Math.abs)) > 1e6;
        caption.text = {
            en: `<span class='gd-caption'><b>${regime}</b>: lr = ${rate}, critical lr = ${crit}; `
                + (diverged ? `diverged at step ${k} (|p| > 10⁶; drawn up to there)` : `loss after ${k} steps = ${g}`)
                + "</span>",
            ja: `<span class='gd-caption'><b>${regimes_ja[regime]}</b>：lr = ${rate}、臨界の学習率 = ${crit}；`
                + (diverged ? `ステップ ${k} で発散（|p| > 10⁶、そこまでを描画）` : `${k} ステップ後の損失 = ${g}`)
                + "</span>",
        }[lang];
    """, rules=("activations", "landscapes"), pick=pick, lr_knob=lr_knob, n_steps=n_steps, starts=starts,
        path=path, settings=settings, curve=curve, bowl=bowl, losses=losses, caption=caption, lang=lang,
        regimes_ja=GD_REGIMES_JA)
    for knob in (lr_knob, n_steps):
        knob.js_on_change("value", redraw)
    pick.js_on_change("value", redraw)
    layout = column(row(pick, n_steps, sizing_mode="stretch_width"), lr_knob,
                    row(curve, bowl, losses, sizing_mode="stretch_width", styles={"flex-wrap": "wrap"}),
                    caption, sizing_mode="stretch_width")
    return _live(LiveFigure(layout, landscape=pick, lr=lr_knob, steps=n_steps, path=path, settings=settings,
                            caption=caption, curve_plot=curve, bowl_plot=bowl, loss_plot=losses), lang)


def _live(figure, lang):
    """``figure`` (a :class:`~dlnotes.widgets.live.LiveFigure`) with its language as ``lang``
    (the line above it, saying how it is computed, follows it)."""
    figure.lang = lang
    return figure




# ---------------------------------------------------------------- 3.3 gradient checks

#: The seeds the kernel-backed gradient-check panel offers (each draws new inputs and weights).
GRADIENT_CHECK_SEEDS = (0, 99)


def _gradient_check_render(checks, layer, lang="en"):
    errs = ", ".join(f"{k}: {relative_error(a, n):.1e}" for k, (a, n) in checks[layer].items())
    return (gradient_check_figure(layer, checks, lang=lang),
            tr(lang, f"max relative error: {errs}", f"相対誤差の最大値：{errs}"))


def _mode_html(mode, lang="en"):
    import ipywidgets as W

    from .live import mode_text
    return W.HTML(f"<em class='dlnotes-mode' style='color:#555'>{mode_text(mode, lang)}</em>")


def gradient_check_explorer(seed=0, seeds=GRADIENT_CHECK_SEEDS, mode=None, lang="en"):
    """Backprop against central differences (notes 3.3.1-3.3.7, 4.2.1.2), layer by layer and for a small net.

    Pick a layer: analytic against numeric gradient entries, and the max relative error of
    each parameter.  ``mode`` (a key of ``live.MODES``) is "precomputed" (seven states drawn
    now, for the static site; the default when building the site, ``DLNOTES_BOKEH=components``)
    or "kernel" (the default elsewhere, e.g. JupyterLab): then a seed slider in ``seeds``
    (lowest, highest) draws new inputs and weights and Python recomputes the panel when the
    slider is released.  Either way the mode's sentence is shown above the panel.
    """
    owner = "gradient_check_explorer"
    check_lang(lang, owner)
    seed = check_int(seed, "seed", owner)
    if len(seeds) != 2 or check_int(seeds[0], "seeds", owner) > check_int(seeds[1], "seeds", owner):
        raise ValueError(f"{owner}: argument 'seeds' expected a non-empty range (lowest, highest), "
                         f"got {seeds!r}")
    if not seeds[0] <= seed <= seeds[1]:
        raise ValueError(f"{owner}: argument 'seed' expected an integer in {list(seeds)}, got {seed}")
    if mode is None:
        mode = "precomputed" if os.environ.get("DLNOTES_BOKEH") == "components" else "kernel"
    check_choice(mode, "mode", ("precomputed", "kernel"), owner)
    checks = layer_gradient_checks(seed)
    if mode == "precomputed":
        e = explorer(lambda layer: _gradient_check_render(checks, layer, lang), {"layer": list(checks)},
                     labels={"layer": tr(lang, "layer", "レイヤ")}, dpi=70)
        e.children = (_mode_html(mode, lang), *e.children)
        e.mode = mode
        return e
    return GradientCheckPanel(seed, seeds, lang)


class GradientCheckPanel:
    """The kernel-backed gradient-check panel of note 3.3: a layer menu and a seed slider that
    recompute on release (``continuous_update=False``), typically well under a second.

    ``widget`` is the ipywidgets box (the cell shows it); ``update()`` redraws for the current
    controls and returns the seconds it took.
    """

    def __init__(self, seed, seeds, lang="en"):
        import ipywidgets as W
        self.mode = "kernel"
        self.lang = check_lang(lang, "GradientCheckPanel")
        self._cache = {}
        names = list(self._checks(seed))
        style = {"description_width": "initial"}
        self.layer = W.Dropdown(options=names, value=names[0], description=tr(lang, "layer", "レイヤ"),
                                style=style)
        self.seed = W.IntSlider(value=seed, min=seeds[0], max=seeds[1],
                                description=tr(lang, "seed (new x, W)", "シード（新しい x, W）"),
                                continuous_update=False, style=style, layout=W.Layout(width="420px"))
        self.image = W.Image(format="png")
        self.caption = W.HTML()
        self.widget = W.VBox([_mode_html("kernel", lang), W.HBox([self.layer, self.seed]), self.image,
                              self.caption])
        self.layer.observe(lambda _: self.update(), names="value")
        self.seed.observe(lambda _: self.update(), names="value")
        self.seconds = self.update()

    def _checks(self, seed):
        if seed not in self._cache:
            self._cache[seed] = layer_gradient_checks(seed)
        return self._cache[seed]

    def update(self):
        """Recompute and redraw for the current layer and seed; returns the seconds taken."""
        import time

        from ..plots import fig_to_png
        t0 = time.perf_counter()
        fig, caption = _gradient_check_render(self._checks(self.seed.value), self.layer.value, self.lang)
        self.image.value = fig_to_png(fig, dpi=70)
        self.caption.value = caption
        self.seconds = time.perf_counter() - t0
        return self.seconds

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


# ---------------------------------------------------------------- training live in the page

#: The playground's 2-D toy sets: name -> (generator of dlnotes.datasets, its noise argument,
#: default noise, where the noise enters: "point" (X + noise z) or "angle" (spirals)).
PLAYGROUND_SETS = {
    "moons": (datasets.make_moons, "noise", 0.15, "point"),
    "circles": (datasets.make_circles, "noise", 0.08, "point"),
    "spirals": (lambda n, noise, seed: datasets.make_spirals(n, 3, noise, seed), "noise", 0.2, "angle"),
    "xor": (datasets.make_xor, "noise", 0.1, "point"),
    "blobs": (lambda n, std, seed: datasets.make_blobs(n, 3, std, seed), "std", 0.6, "point"),
}
#: Ranges of the playground's controls: noise, hidden layers, units per layer, log10 of the
#: learning rate, and the points of each set (the batch size runs from 1 to all of them).
PLAYGROUND_RANGES = {"noise": (0.0, 1.0), "layers": (1, 4), "units": (1, 32), "log_lr": (-3.0, 1.0)}
#: Points in each playground set.
PLAYGROUND_POINTS = 200


def _generate(name, noise):
    make, arg, _, _ = PLAYGROUND_SETS[name]
    return make(PLAYGROUND_POINTS, **{arg: noise, "seed": 0})


def playground_parts(name):
    """A toy set of the 03-4 playground as its noiseless points and seeded noise draws (note 3.2 data).

    Every generator of ``dlnotes.datasets`` adds ``noise * z`` with the same draws ``z``
    whatever the noise: to the point (columns b0, b1 = x, y; z0, z1) or, for the spirals,
    to the angle (b0 = radius, b1 = angle, z0).  Both are read off the generator's own
    output at two noise levels, so the page (``dlnotes.toyData``) rebuilds the set at any
    noise.  Returns (kind, {column: array}) with the labels in column t.
    """
    key = check_choice(name, "name", PLAYGROUND_SETS, "playground_parts")
    kind = PLAYGROUND_SETS[key][3]
    X0, t = _generate(key, 0.0)
    probe = 1.0 if kind == "point" else 0.25       # spirals: a probe small enough not to wrap
    X1, t1 = _generate(key, probe)
    assert np.array_equal(t, t1)
    if kind == "point":
        cols = {"b0": X0[:, 0], "b1": X0[:, 1], "z0": X1[:, 0] - X0[:, 0], "z1": X1[:, 1] - X0[:, 1]}
    else:                                           # X = (r sin a, r cos a)
        r, a0 = np.hypot(X0[:, 0], X0[:, 1]), np.arctan2(X0[:, 0], X0[:, 1])
        da = np.angle(np.exp(1j * (np.arctan2(X1[:, 0], X1[:, 1]) - a0)))
        cols = {"b0": r, "b1": a0, "z0": np.where(r > 0, da / probe, 0.0), "z1": 0 * r}
    cols["t"] = t.astype(np.int32)
    return kind, cols


#: The playground's blow-up bound on a weight (``BLOWUP`` of dlnotes/js/net.js).
_BLOWUP = 1e6


def _to_precision(x, digits):
    """JavaScript's ``x.toPrecision(digits)`` for a positive finite x (as the page writes it)."""
    e = int(math.floor(math.log10(x)))
    if float(f"{x:.{digits - 1}e}") >= 10 ** (e + 1):        # rounding carries into the next power
        e += 1
    if e < -6 or e >= digits:
        mant, exp = f"{x:.{digits - 1}e}".split("e")
        return f"{mant}e{'+' if int(exp) >= 0 else '-'}{abs(int(exp))}"
    return f"{x:.{digits - 1 - e}f}"


def playground_readout(step, epoch, loss=None, acc=None, rate=None, running=False, diverged=None, lr=None,
                       lang="en"):
    """The 03-4 playground's readout (chapter 3), as the page's ``dlnotes/js/net.js`` writes it:
    the step, epoch, loss (4 decimals) and accuracy (3 decimals) on all points, the training
    speed ``rate`` in steps per second once measured and whether it is ``running``; or, when
    the run ``diverged`` at that step, why, with the learning rate ``lr``."""
    owner = "playground_readout"
    check_lang(lang, owner)
    if diverged is not None:
        bound, shown = "1e+6", _to_precision(lr, 2)               # BLOWUP.toExponential(0)
        return tr(lang, f'<span class="train-readout diverged"><b>Diverged at step {diverged}</b>: '
                        f"the weights blew up (a weight above {bound} or a loss that is not a finite number; "
                        f"learning rate {shown} is too large). "
                        "The plot shows the last finite state; lower the rate and press Reset.</span>",
                  f'<span class="train-readout diverged"><b>ステップ {diverged} で発散</b>：'
                  f"重みが爆発した（{bound} を超える重みか、有限の数でない損失が現れた。"
                  f"学習率 {shown} は大きすぎる）。"
                  "図は最後の有限な状態を示す。学習率を下げて「リセット」を押す。</span>")
    speed = "" if rate is None else tr(lang, f" · {math.floor(rate + 0.5)} steps/s",
                                       f" · 毎秒 {math.floor(rate + 0.5)} ステップ")
    busy = tr(lang, " · training", " · 学習中") if running else ""
    return tr(lang, f'<span class="train-readout">step <b class="step">{step}</b> (epoch {epoch}) · '
                    f'loss <b class="loss">{loss:.4f}</b> · accuracy <b class="acc">{acc:.3f}</b>'
                    f"{speed}{busy}</span>",
              f'<span class="train-readout">ステップ <b class="step">{step}</b>（エポック {epoch}）· '
              f'損失 <b class="loss">{loss:.4f}</b> · 正解率 <b class="acc">{acc:.3f}</b>'
              f"{speed}{busy}</span>")


def _playground_check(dataset, noise, layers, units, activation, optimizer, lr, batch_size):
    owner = "decision_boundary_explorer"
    dataset = check_choice(dataset, "dataset", PLAYGROUND_SETS, owner)
    noise = PLAYGROUND_SETS[dataset][2] if noise is None else check_real(noise, "noise", owner)
    lr = check_real(lr, "lr", owner)
    wants = {"noise": noise, "layers": check_int(layers, "layers", owner),
             "units": check_int(units, "units", owner), "log_lr": np.log10(lr) if lr > 0 else -np.inf}
    for arg, value in wants.items():
        lo, hi = PLAYGROUND_RANGES[arg]
        if not lo <= value <= hi:
            name, shown = ("lr", lr) if arg == "log_lr" else (arg, value)
            lo, hi = (10 ** lo, 10 ** hi) if arg == "log_lr" else (lo, hi)
            raise ValueError(f"{owner}: argument '{name}' expected a number in [{lo:g}, {hi:g}], "
                             f"got {shown!r}")
    batch_size = check_int(batch_size, "batch_size", owner, minimum=1)
    if batch_size > PLAYGROUND_POINTS:
        raise ValueError(f"{owner}: argument 'batch_size' expected at most {PLAYGROUND_POINTS}, "
                         f"got {batch_size}")
    return (dataset, noise, wants["layers"], wants["units"],
            check_choice(activation, "activation", ("relu", "sigmoid"), owner),
            check_choice(optimizer, "optimizer", OPTIMIZERS, owner), lr, batch_size)


def decision_boundary_explorer(dataset="spirals", noise=None, layers=2, units=16, activation="relu",
                               optimizer="adam", lr=0.03, batch_size=32, lang="en"):
    """Live: a network learns a 2-D toy set in the page, as in TensorFlow Playground (chapter 3, note 3.2).

    The page's JavaScript mirror of ``MultiLayerNet`` (``dlnotes/js/net.js``) trains with
    mini-batches and the optimizers of note 4.1; Play, Pause and Step drive it, and the
    class regions (shaded by the network's confidence), the loss and accuracy curves and a
    readout redraw as it trains.  Controls: data set (:data:`PLAYGROUND_SETS`), noise, hidden
    layers and units, activation, optimizer, learning rate (log scale) and batch size, their
    starting values given here (``noise`` None: the set's own).  A run that diverges (a loss
    that is not a finite number, or a weight larger than 1e6) halts, keeps its last drawing,
    and says at which step (the readout: :func:`playground_readout`).
    """
    from bokeh.layouts import column, row
    from bokeh.models import (Button, ColumnDataSource, CustomJSTickFormatter, DataRange1d, Div,
                              LinearAxis, Range1d, Select, Slider)
    from bokeh.plotting import figure

    from .live import LiveFigure, callback
    check_lang(lang, "decision_boundary_explorer")
    dataset, noise, layers, units, activation, optimizer, lr, batch_size = _playground_check(
        dataset, noise, layers, units, activation, optimizer, lr, batch_size)
    cols, kinds = {}, {}
    for name in PLAYGROUND_SETS:
        kinds[name], parts = playground_parts(name)
        cols.update({f"{name}_{k}": v for k, v in parts.items()})
    data = ColumnDataSource(cols)
    grid = 80                                       # net.js GRID
    image = ColumnDataSource({"image": [np.zeros((grid, grid), np.uint32)], "x": [-2.5], "y": [-2.5],
                              "dw": [5.0], "dh": [5.0]})
    points = ColumnDataSource({"x": [], "y": [], "color": []})
    curve = ColumnDataSource({"step": [], "loss": [], "acc": []})

    plane = figure(title=tr(lang, "class regions (shade: confidence)", "クラスの領域（濃さ：確信度）"),
                   width=400, height=400,
                   x_range=DataRange1d(range_padding=0), y_range=DataRange1d(range_padding=0),
                   toolbar_location=None, x_axis_label=tr(lang, "x₁ (standardised)", "x₁（標準化済み）"),
                   y_axis_label=tr(lang, "x₂ (standardised)", "x₂（標準化済み）"), sizing_mode="scale_width",
                   min_width=300)
    regions = plane.image_rgba("image", x="x", y="y", dw="dw", dh="dh", source=image)
    plane.x_range.renderers = plane.y_range.renderers = [regions]
    plane.scatter("x", "y", source=points, color="color", line_color="black", line_width=0.4, size=6)
    loss_word, acc_word = tr(lang, "loss", "損失"), tr(lang, "accuracy", "正解率")
    curves = figure(title=tr(lang, "loss and accuracy on all points", "全点での損失と正解率"), width=400,
                    height=400, toolbar_location=None, x_axis_label=tr(lang, "training step", "学習ステップ"),
                    y_axis_label=loss_word,
                    y_range=DataRange1d(start=0), sizing_mode="scale_width", min_width=300)
    curves.extra_y_ranges = {"acc": Range1d(0, 1.02)}
    curves.add_layout(LinearAxis(y_range_name="acc", axis_label=acc_word), "right")
    curves.line("step", "loss", source=curve, line_width=2, legend_label=loss_word)
    curves.line("step", "acc", source=curve, line_width=2, color="#2ca02c", y_range_name="acc",
                legend_label=acc_word)
    curves.legend.location = "center_right"

    w = {"width": 170}
    controls = {
        "dataset": Select(title=tr(lang, "data set", "データセット"), value=dataset, options=list(PLAYGROUND_SETS),
                          **w),
        "noise": Slider(title=tr(lang, "noise", "ノイズ"), start=0, end=1, step=0.01, value=noise, **w),
        "layers": Slider(title=tr(lang, "hidden layers", "隠れ層の数"), start=1, end=4, step=1, value=layers, **w),
        "units": Slider(title=tr(lang, "units per layer", "1 層のユニット数"), start=1, end=32, step=1, value=units,
                        **w),
        "activation": Select(title=tr(lang, "activation", "活性化関数"), value=activation,
                             options=["relu", "sigmoid"], **w),
        "optimizer": Select(title=tr(lang, "optimizer", "最適化手法"), value=optimizer, options=list(OPTIMIZERS),
                            **w),
        "lr": Slider(title=tr(lang, "learning rate", "学習率"), start=-3, end=1, step=0.01,
                     value=round(np.log10(lr), 2),
                     format=CustomJSTickFormatter(code="return (10 ** tick).toPrecision(2)"), **w),
        "batch": Slider(title=tr(lang, "batch size", "バッチサイズ"), start=1, end=PLAYGROUND_POINTS, step=1,
                        value=batch_size, **w),
    }
    buttons = {"play": Button(label=tr(lang, "▶ Play", "▶ 再生"), button_type="success", width=80),
               "pause": Button(label=tr(lang, "❚❚ Pause", "❚❚ 一時停止"), width=tr(lang, 80, 100)),
               "step": Button(label=tr(lang, "Step", "ステップ"), width=tr(lang, 70, 80)),
               "reset": Button(label=tr(lang, "Reset", "リセット"), width=tr(lang, 70, 80))}
    readout = Div(text=tr(lang, "<span class='train-readout'>(the network appears when the page's script runs)</span>",
                          "<span class='train-readout'>（ページのスクリプトが動くとネットワークが現れる）</span>"),
                  sizing_mode="stretch_width")
    models = dict(controls, data=data, image=image, points=points, curve=curve, readout=readout)
    names = ", ".join(models) + ", kinds, lang"

    # one callback for every control (its name, set by LiveFigure, says which moved); the
    # x-range gets its start when the page first draws the plane: then the network is built
    act = callback(f"const src = cb_obj.origin || cb_obj; D.playground({{{names}}}, src.name || 'init');",
                   rules=("activations", "optimizers", "net"), kinds=kinds, lang=lang, **models)
    for ctrl in controls.values():
        ctrl.js_on_change("value", act)
    for button in buttons.values():
        button.js_on_event("button_click", act)
    plane.x_range.js_on_change("start", act)
    wrap = {"flex-wrap": "wrap", "gap": "4px 12px"}
    layout = column(row(*controls.values(), sizing_mode="stretch_width", styles=wrap),
                    row(*buttons.values(), styles=wrap), readout,
                    row(plane, curves, sizing_mode="stretch_width", styles=wrap),
                    sizing_mode="stretch_width")
    return _live(LiveFigure(layout, "browser", **controls, **buttons, image=image, points=points,
                            curve=curve, readout=readout, data=data), lang)


# ---------------------------------------------------------------- 3.2 full batch vs mini-batch (issue 14)

__all__ += ["SGD_LR_RANGE", "sgd_caption", "sgd_explorer"]

#: The SGD explorer's learning-rate slider (note 3.2): 0.05 to 1.5 in steps of 0.05 (full-batch
#: GD on its problem converges below 2 / 1.028 = 1.95).
SGD_LR_RANGE = (0.05, 1.5)


def sgd_caption(lr, B, gd_loss, sgd_loss_value, loss_min, sigma2, updates_gd, updates_sgd, steps, lang="en"):
    """The SGD explorer's caption (note 3.2): final losses of both paths and the gradient noise
    sigma²/B at the start; the page's JavaScript writes the very same string (``D.formatG``)."""
    check_lang(lang, "sgd_caption")

    def status(loss, k):
        return (tr(lang, f"diverged at update {k}", f"更新 {k} 回目で発散") if k < steps
                else f"{format(loss, '.4g')}")
    gd, sgd = status(gd_loss, updates_gd), status(sgd_loss_value, updates_sgd)
    rate, low, noise = format(lr, '.3g'), format(loss_min, '.4g'), format(sigma2 / B, '.4g')
    return tr(lang, f"<span class='sgd-caption'>B = {B}, η = {rate}: loss after {steps} "
                    f"updates {gd} (full batch) and {sgd} "
                    f"(mini-batch); minimum {low}. Mini-batch gradient variance at the "
                    f"start σ²/B = {noise}.</span>",
              f"<span class='sgd-caption'>B = {B}、η = {rate}：{steps} 回の更新後の損失は {gd}（全バッチ）"
              f"と {sgd}（ミニバッチ）、最小値は {low}。始点でのミニバッチの勾配の分散 σ²/B = {noise}。</span>")


def sgd_explorer(B=4, lr=0.3, steps=None, seed=1, lang="en"):
    """Live: full-batch gradient descent against one seeded mini-batch SGD path (note 3.2).

    The 2-parameter least-squares problem of ``experiments.sgd_problem`` (its loss contours in
    the (w1, w2) plane), a batch-size slider B = 1..64 and a learning-rate slider
    (``SGD_LR_RANGE``).  The page recomputes both paths with ``D.sgdPaths`` (dlnotes/js/sgd.js,
    the mirror of ``experiments.sgd_paths``) from the same seeded batch-index table
    (:func:`~dlnotes.experiments.sgd_batch_indices` with this ``seed``), shipped with the page; the caption gives
    the final losses and the start's gradient-noise variance sigma²/B.
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div, Slider
    from bokeh.plotting import figure

    from ..experiments import (SGD_BATCH_MAX, SGD_START, SGD_STEPS, minibatch_gradient_variance,
                               sgd_batch_indices, sgd_loss, sgd_paths, sgd_problem)
    from .live import LiveFigure, callback
    owner = "sgd_explorer"
    check_lang(lang, owner)
    B = check_int(B, "B", owner, minimum=1)
    if B > SGD_BATCH_MAX:
        raise ValueError(f"{owner}: argument 'B' expected an integer in [1, {SGD_BATCH_MAX}], got {B}")
    lr = _check_in(lr, "lr", owner, *SGD_LR_RANGE)
    steps = SGD_STEPS if steps is None else check_int(steps, "steps", owner, minimum=1)
    if steps > SGD_STEPS:
        raise ValueError(f"{owner}: argument 'steps' expected an integer in [1, {SGD_STEPS}], got {steps}")
    prob = sgd_problem()
    idx = sgd_batch_indices(seed=seed)
    sigma2 = minibatch_gradient_variance(prob, batch_sizes=(1,), n_batches=2)["sigma2"]
    loss_min = float(sgd_loss(prob, *prob["w_min"]))
    gd, sgd = sgd_paths(prob, lr, B, steps, idx)

    def data(path):
        loss = sgd_loss(prob, path[:, 0], path[:, 1])
        return {"w1": path[:, 0], "w2": path[:, 1], "step": np.arange(len(path)), "loss": loss}

    gd_src, sgd_src = ColumnDataSource(data(gd)), ColumnDataSource(data(sgd))
    text = sgd_caption(lr, B, float(gd_src.data["loss"][-1]), float(sgd_src.data["loss"][-1]), loss_min,
                       sigma2, len(gd) - 1, len(sgd) - 1, steps, lang=lang)
    shipped = {"x1": prob["X"][:, 0].tolist(), "x2": prob["X"][:, 1].tolist(), "t": prob["t"].tolist(),
               "A": prob["A"].tolist(), "c": prob["c"].tolist(), "const": prob["const"]}

    opts = dict(height=340, sizing_mode="stretch_width", min_width=280, toolbar_location=None)
    plane = figure(x_range=(-2.5, 3.0), y_range=(-1.5, 4.0),
                   title=tr(lang, "paths on the contours of L(w1, w2)", "L(w1, w2) の等高線の上の経路"),
                   x_axis_label=tr(lang, "parameter w1", "パラメータ w1"),
                   y_axis_label=tr(lang, "parameter w2", "パラメータ w2"), **opts)
    W1, W2 = np.meshgrid(np.linspace(-2.5, 3.0, 221), np.linspace(-1.5, 4.0, 221))
    plane.contour(W1[0], W2[:, 0], sgd_loss(prob, W1, W2), levels=loss_min + np.geomspace(0.01, 8, 10),
                  line_color="#aaaaaa", line_width=0.8)
    plane.scatter([prob["w_min"][0]], [prob["w_min"][1]], marker="cross", size=12, color="black")
    plane.line("w1", "w2", source=gd_src, color="#1f77b4", line_width=2, legend_label=tr(lang, "full batch (GD)", "全バッチ（GD）"))
    plane.scatter("w1", "w2", source=gd_src, color="#1f77b4", size=4)
    plane.line("w1", "w2", source=sgd_src, color="#d62728", line_width=1.2, legend_label=tr(lang, "mini-batch (SGD)", "ミニバッチ（SGD）"))
    plane.scatter("w1", "w2", source=sgd_src, color="#d62728", size=4)
    plane.legend.location = "top_right"
    plane.legend.label_text_font_size = "10pt"
    losses = figure(y_axis_type="log", x_range=(0, steps), y_range=(0.1, 20),
                    title=tr(lang, "loss per update (log scale)", "更新ごとの損失（対数目盛）"),
                    x_axis_label=tr(lang, "update τ", "更新 τ"),
                    y_axis_label=tr(lang, "full-batch loss L(w)", "全バッチの損失 L(w)"), **opts)
    losses.line("step", "loss", source=gd_src, color="#1f77b4", line_width=2)
    losses.line("step", "loss", source=sgd_src, color="#d62728", line_width=1.2)
    losses.line([0, SGD_STEPS], [loss_min, loss_min], color="black", line_dash="dotted")

    b_knob = Slider(title=tr(lang, "batch size B", "バッチサイズ B"), start=1, end=SGD_BATCH_MAX, step=1, value=B,
                    sizing_mode="stretch_width", min_width=150)
    lr_knob = Slider(title=tr(lang, "learning rate η", "学習率 η"), start=SGD_LR_RANGE[0], end=SGD_LR_RANGE[1], step=0.05,
                     value=lr, sizing_mode="stretch_width", min_width=150)
    caption = Div(text=text, sizing_mode="stretch_width")
    redraw = callback("""
        const B = b_knob.value, lr = lr_knob.value;
        const [gd, sgd] = D.sgdPaths(prob, lr, B, steps, idx, start);          // note 3.2
        const cols = (p) => {
            const loss = p.map((q) => D.sgdLoss(prob, q[0], q[1]));
            return {w1: p.map((q) => q[0]), w2: p.map((q) => q[1]), step: p.map((q, i) => i), loss: loss};
        };
        gd_src.data = cols(gd);
        sgd_src.data = cols(sgd);
        // sgd_caption's words, one template per language
        const g = (v) => D.formatG(v, 4);
        const diverged = {en: (k) => `diverged at update ${k}`, ja: (k) => `更新 ${k} 回目で発散`}[lang];
        const status = (p) => (p.length - 1 < steps ? diverged(p.length - 1)
                                                    : g(D.sgdLoss(prob, ...p[p.length - 1])));
        const rate = D.formatG(lr, 3), low = g(loss_min), noise = g(sigma2 / B);
        caption.text = {
            en: `<span class='sgd-caption'>B = ${B}, η = ${rate}: loss after ${steps} `
                + `updates ${status(gd)} (full batch) and ${status(sgd)} `
                + `(mini-batch); minimum ${low}. Mini-batch gradient variance at the `
                + `start σ²/B = ${noise}.</span>`,
            ja: `<span class='sgd-caption'>B = ${B}、η = ${rate}：${steps} 回の更新後の損失は ${status(gd)}（全バッチ）`
                + `と ${status(sgd)}（ミニバッチ）、最小値は ${low}。始点でのミニバッチの勾配の分散 σ²/B = ${noise}。</span>`,
        }[lang];
    """, rules=("activations", "sgd"), b_knob=b_knob, lr_knob=lr_knob, prob=shipped, idx=idx.tolist(),
        start=list(SGD_START), steps=steps, gd_src=gd_src, sgd_src=sgd_src, caption=caption,
        loss_min=loss_min, sigma2=sigma2, lang=lang)
    for knob in (b_knob, lr_knob):
        knob.js_on_change("value", redraw)
    layout = column(row(b_knob, lr_knob, sizing_mode="stretch_width"),
                    row(plane, losses, sizing_mode="stretch_width", styles={"flex-wrap": "wrap"}),
                    caption, sizing_mode="stretch_width")
    return _live(LiveFigure(layout, sgd_B=b_knob, sgd_lr=lr_knob, sgd_gd=gd_src, sgd_sgd=sgd_src,
                            sgd_caption=caption, sgd_plane=plane, sgd_losses=losses), lang)
