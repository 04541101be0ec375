"""Every static figure of the site is readable at the size the book shows it (issue 16, item 2).

Each figure function of ``dlnotes.plots`` that a notebook calls is built with the notebook's
arguments. The book column is 688 CSS px wide at a 1280 px window, and an image is shown at its
natural pixel width, shrunk to the column if wider. So a figure of ``w`` inches saved at ``dpi``
is shown at ``scale = min(1, 688 / (w * dpi))``, and a text of ``s`` points appears as
``s * dpi / 72 * scale`` px. We require at least the size of 9 pt at the notebooks' 90 dpi,
11.25 px (about 11 px), for every visible text artist (titles, labels, tick labels, legends,
annotations, numbers in heat maps), and no two visible texts of a figure may overlap.

Both editions (issue 15): each figure is also checked as drawn for the Japanese edition
(``lang="ja"``), and Japanese text must render with a real font: matplotlib falls back from
DejaVu Sans to IPAGothic (fonts-ipafont-gothic), a missing glyph is an error, and English figures
are the same pixels as with DejaVu Sans alone.
"""
import functools
import inspect
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from dlnotes import plots
from dlnotes.plots import _core, ch3

ROOT = Path(__file__).resolve().parents[1]
COLUMN_PX = 688            # the book's text column at a 1280 px window (pydata theme)
MIN_PT = 9.0               # at the notebooks' PNG dpi
MIN_PX = MIN_PT * _core._DISPLAY_DPI / 72
WIDGET_DPI = 70            # the gradient-check panel's pre-drawn images (widgets.gradient_check_explorer)


@pytest.fixture(scope="module")
def trained():
    """The training runs the notebooks draw (03-4, 00-tour, 04-1, 04-2), each computed once."""
    from dlnotes import MultiLayerNet, Trainer, experiments
    from dlnotes.datasets import load_digits
    (x_train, t_train), (x_test, t_test) = load_digits(seed=0)
    net = MultiLayerNet(64, [100], 10, seed=0)
    history = Trainer(net, x_train, t_train, x_test, t_test, epochs=40, mini_batch_size=50,
                      optimizer="sgd", optimizer_param={"lr": 0.1}, seed=0, quiet=True).train()
    names = ["moons", "circles", "spirals", "xor"]
    return {"net": net, "x_test": x_test, "t_test": t_test, "history": history, "names": names,
            "toy": {n: experiments.train_toy(n, hidden=16, lr=0.03, iterations=240, snapshots=13)
                    for n in names},
            "optimizers": experiments.train_with_optimizers(),
            "bn": experiments.bn_training_runs()}


def _affine_args():
    # 02-3-affine: W and b of section 1, then X and the forward pass drawn from one seeded rng
    rng = np.random.default_rng(0)
    W = np.array([[0.2, -0.5], [0.4, 0.1], [-0.3, 0.8]])
    b = np.array([0.1, -0.2])
    X = rng.normal(size=(4, 3)).round(2)
    X5 = rng.normal(size=(5, 3)).round(2)
    W1, b1 = rng.normal(size=(3, 4)).round(2), rng.normal(size=4).round(2)
    W2, b2 = rng.normal(size=(4, 2)).round(2), rng.normal(size=2).round(2)
    return (X, W, b), (X5, W1, b1, W2, b2)


def _relu_integral_args():
    from dlnotes.functions import step_function
    x = np.linspace(-3, 3, 601)
    h = x[1] - x[0]
    mid = (x[1:] + x[:-1]) / 2
    return x, np.concatenate([[0.0], np.cumsum(step_function(mid) * h)])


def _gradient_check(layer):
    from dlnotes.experiments import layer_gradient_checks
    return plots.gradient_check_figure(layer, layer_gradient_checks(0))


def _animation_last_frame(tr, lang="en"):
    kw = {"lang": lang} if lang != "en" else {}
    fig, draw, n = ch3._boundary_animation_figure(tr["names"], [tr["toy"][k] for k in tr["names"]], **kw)
    draw(n - 1)                       # the longest titles: "step 240, acc 1.00"
    return fig


@functools.lru_cache(maxsize=1)
def _fashion():
    """What 04-3 draws: Fashion-MNIST and the saved book-scale results (``make bookscale``)."""
    from dlnotes import bookscale
    (x, t), (xt, tt) = bookscale._full_data()    # float32 in [0, 1], as the page's images
    return {"x": x, "t": t, "xt": xt, "tt": tt, "res": bookscale.load_results()["results"]}


def _two():
    return _fashion()["res"]["two_layer"]


#: name -> (function called by the notebooks, builder of the figure with the notebook's arguments,
#: dpi the site saves it with or None for the figure's own dpi)
FIGURES = {
    "training_curves": ("training_curves", lambda tr: plots.training_curves(tr["history"], title="Digits, SGD"), None),
    "gates_overview": ("gates_overview", lambda tr: plots.gates_overview(), None),
    "gate_weight_map": ("gate_weight_map", lambda tr: plots.gate_weight_map(biases=(-1.0, 1.0)), None),
    "separator_counts": ("separator_counts", lambda tr: plots.separator_counts(np.linspace(-2, 2, 41)), None),
    "xor_regions": ("xor_regions", lambda tr: plots.xor_regions(), None),
    "step_vs_smooth": ("step_vs_smooth", lambda tr: plots.step_vs_smooth(weights=(1, 3, 10)), None),
    "activation_curves": ("activation_curves", lambda tr: plots.activation_curves(), None),
    "relu_integral": ("relu_integral", lambda tr: plots.relu_integral(*_relu_integral_args()), None),
    "softmax_overflow": ("softmax_overflow", lambda tr: plots.softmax_overflow(), None),
    "softmax_temperature": ("softmax_temperature", lambda tr: plots.softmax_temperature([0.3, 2.9, 4.0]), None),
    "layer_diagram": ("layer_diagram", lambda tr: plots.layer_diagram(n=3, m=2), None),
    "affine_batch_heatmaps": ("affine_batch_heatmaps", lambda tr: plots.affine_batch_heatmaps(*_affine_args()[0]), None),
    "forward_pass_heatmaps": ("forward_pass_heatmaps", lambda tr: plots.forward_pass_heatmaps(*_affine_args()[1]), None),
    "loss_comparison": ("loss_comparison", lambda tr: plots.loss_comparison(), None),
    "landscape_surface": ("landscape_surface", lambda tr: plots.landscape_surface(), None),
    "sequential_vs_batch_figure": ("sequential_vs_batch_figure", lambda tr: plots.sequential_vs_batch_figure(), None),
    "minibatch_variance_figure": ("minibatch_variance_figure", lambda tr: plots.minibatch_variance_figure(), None),
    "difference_error_plot": ("difference_error_plot", lambda tr: plots.difference_error_plot(), None),
    "chain_rule_graph": ("chain_rule_graph", lambda tr: plots.chain_rule_graph(x=2.0, w=-1.5, b=0.5, t=1.0), None),
    "softmax_jacobian_figure": ("softmax_jacobian_figure",
                                lambda tr: plots.softmax_jacobian_figure([0.3, 2.9, 4.0, -1.0]), None),
    "confusion_matrix_figure": ("confusion_matrix_figure",
                                lambda tr: plots.confusion_matrix_figure(tr["net"], tr["x_test"], tr["t_test"]), None),
    "misclassified_figure": ("misclassified_figure",
                             lambda tr: plots.misclassified_figure(tr["net"], tr["x_test"], tr["t_test"], n=12), None),
    "decision_boundary_animation": ("decision_boundary_animation", _animation_last_frame, "own"),
    "adam_bias_correction": ("adam_bias_correction", lambda tr: plots.adam_bias_correction(steps=1000), None),
    "optimizer_paths": ("optimizer_paths", lambda tr: plots.optimizer_paths(), None),
    "optimizer_race_saddle": ("optimizer_race", lambda tr: plots.optimizer_race(f="saddle"), None),
    "optimizer_race_rosenbrock": ("optimizer_race", lambda tr: plots.optimizer_race(f="rosenbrock"), None),
    "effective_learning_rates": ("effective_learning_rates", lambda tr: plots.effective_learning_rates(), None),
    "optimizer_training_curves": ("optimizer_training_curves",
                                  lambda tr: plots.optimizer_training_curves(tr["optimizers"]), None),
    "activation_histograms": ("activation_histograms", lambda tr: plots.activation_histograms(), None),
    "bn_scale_grid": ("bn_scale_grid", lambda tr: plots.bn_scale_grid(tr["bn"]), None),
    "bn_graph": ("bn_graph", lambda tr: plots.bn_graph(), None),
    # 04-3: the saved book-scale results (make bookscale) and Fashion-MNIST
    "fashion_samples": ("fashion_samples", lambda tr: plots.fashion_samples(_fashion()["x"], _fashion()["t"]),
                        None),
    "fashion_training_curves": ("fashion_training_curves", lambda tr: plots.fashion_training_curves(_two()),
                                None),
    "fashion_optimizer_race": ("fashion_optimizer_race",
                               lambda tr: plots.fashion_optimizer_race(_fashion()["res"]["optimizer_race"]), None),
    "fashion_bn_grid": ("fashion_bn_grid", lambda tr: plots.fashion_bn_grid(_fashion()["res"]["bn_weight_scales"]),
                        None),
    "fashion_confusion": ("fashion_confusion", lambda tr: plots.fashion_confusion(_fashion()["tt"], _two()["pred"]),
                          None),
    "fashion_misclassified": ("fashion_misclassified",
                              lambda tr: plots.fashion_misclassified(_fashion()["xt"], _fashion()["tt"],
                                                                     _two()["pred"], _two()["conf"]), None),
    # the gradient-check panel of 03-3 (widgets.gradient_check_explorer) pre-draws these at 70 dpi
    "gradient_check_affine": ("gradient_check_figure", lambda tr: _gradient_check("Affine"), WIDGET_DPI),
    "gradient_check_net": ("gradient_check_figure", lambda tr: _gradient_check("MultiLayerNet"), WIDGET_DPI),
    "gradient_check_bn": ("gradient_check_figure", lambda tr: _gradient_check("BatchNormalization"),
                          WIDGET_DPI),
}


def _drawn_texts(fig):
    """The visible, non-empty texts that drawing the figure actually paints (tick labels outside
    the view and the texts of hidden axes are not painted), with their window extents in pixels
    at the figure's dpi, after the layout is final."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()                                       # constrained layout settles
    painted, original = [], Text.draw

    def recording_draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            painted.append(self)

    Text.draw = recording_draw
    try:
        canvas.draw()
    finally:
        Text.draw = original
    renderer = canvas.get_renderer()
    seen, texts = set(), []
    for t in painted:
        if id(t) not in seen:
            seen.add(id(t))
            texts.append((t, t.get_window_extent(renderer)))
    return texts


def _dpi(fig, spec):
    return fig.dpi if spec == "own" else (spec or _core._DISPLAY_DPI)


def _scale(fig, dpi):
    return min(1.0, COLUMN_PX / (fig.get_figwidth() * dpi))


def small_texts(fig, dpi, texts):
    """The texts of ``texts`` (``_drawn_texts(fig)``) shown below :data:`MIN_PX` when ``fig`` is
    saved at ``dpi``, each as "'text': size pt -> size px"."""
    scale = _scale(fig, dpi)
    small = []
    for t, _ in texts:
        px = t.get_fontsize() * dpi / 72 * scale
        if px < MIN_PX - 1e-6:
            small.append(f"{t.get_text()[:40]!r}: {t.get_fontsize():g} pt -> {px:.1f} px")
    return small


def cut_off_texts(fig, texts):
    """The texts of ``texts`` (``_drawn_texts(fig)``) reaching more than a pixel past the figure's edge."""
    W, H = fig.canvas.get_width_height()
    return [t.get_text()[:40] for t, bb in texts
            if bb.x0 < -1 or bb.y0 < -1 or bb.x1 > W + 1 or bb.y1 > H + 1]


def overlapping_texts(texts):
    """The pairs of ``texts`` (``_drawn_texts(fig)``) that overlap, each as "'a' / 'b'"."""
    clashes = []
    for i, (a, ba) in enumerate(texts):
        for b, bb in texts[i + 1:]:
            w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
            h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
            if w > 1 and h > 1:                        # more than a pixel of shared area each way
                clashes.append(f"{a.get_text()[:30]!r} / {b.get_text()[:30]!r}")
    return clashes


def assert_readable(name, fig, dpi, texts=None):
    """This module's checks on one figure saved at ``dpi``: no text below 9 pt at display size,
    none cut off at the figure's edge, no two overlapping (``texts``: ``_drawn_texts(fig)``,
    drawn here when not given)."""
    texts = _drawn_texts(fig) if texts is None else texts
    small = small_texts(fig, dpi, texts)
    assert not small, f"{name}: text below {MIN_PX:.2f} px (9 pt) on screen ({len(small)}): " + "; ".join(small[:8])
    outside = cut_off_texts(fig, texts)
    assert not outside, f"{name}: text cut off at the figure's edge: {outside}"
    clashes = overlapping_texts(texts)
    assert not clashes, f"{name}: overlapping text ({len(clashes)}): " + "; ".join(clashes[:6])


LANGS = ("en", "ja")


def _build(name, trained, lang="en", monkeypatch=None):
    """The figure ``name`` drawn for the edition ``lang`` (the Japanese one: the notebook's call
    with ``lang="ja"``; skipped while the function has no ``lang``), and its dpi."""
    function, builder, dpi = FIGURES[name]
    if lang != "en":
        if name == "decision_boundary_animation":
            if "lang" not in inspect.signature(ch3._boundary_animation_figure).parameters:
                pytest.skip("ch3._boundary_animation_figure has no lang yet")
            fig = _animation_last_frame(trained, lang)
            return fig, _dpi(fig, "own")
        if "lang" not in inspect.signature(getattr(plots, function)).parameters:
            pytest.skip(f"plots.{function} has no lang yet")
        original = getattr(plots, function)
        monkeypatch.setattr(plots, function, lambda *a, **k: original(*a, **k, lang=lang))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        fig = builder(trained)
        FigureCanvasAgg(fig).draw()                     # a missing glyph is an error
    if name == "decision_boundary_animation":
        return fig, _dpi(fig, "own")
    return fig, _dpi(fig, dpi)


def test_every_figure_function_the_notebooks_call_is_checked():
    called = set()
    for src in sorted((ROOT / "notebooks" / "src").glob("*.py")):
        called |= set(re.findall(r"\bplots\.(\w+)\(", src.read_text(encoding="utf-8")))
    checked = {fn for fn, _, _ in FIGURES.values()}
    assert called, "found no plots.<name>( call in notebooks/src"
    assert called <= checked, f"figures the notebooks draw that this test does not check: {sorted(called - checked)}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_is_at_least_9pt_at_display_size(name, lang, trained, monkeypatch):
    fig, dpi = _build(name, trained, lang, monkeypatch)
    scale = _scale(fig, dpi)
    small = small_texts(fig, dpi, _drawn_texts(fig))
    width = fig.get_figwidth() * dpi
    assert not small, (f"{name}: {width:.0f} px wide at {dpi:g} dpi, shown at {scale:.2f}x; text below "
                       f"{MIN_PX:.2f} px on screen ({len(small)}): " + "; ".join(small[:8]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_texts_do_not_overlap_or_leave_the_figure(name, lang, trained, monkeypatch):
    fig, _ = _build(name, trained, lang, monkeypatch)
    texts = _drawn_texts(fig)
    outside = cut_off_texts(fig, texts)
    assert not outside, f"{name}: text cut off at the figure's edge: {outside}"
    clashes = overlapping_texts(texts)
    assert not clashes, f"{name}: overlapping text ({len(clashes)}): " + "; ".join(clashes[:6])


# ------------------------------------------------------------------ the Japanese font

def _png(fig):
    return _core.fig_to_png(fig, dpi=_core._DISPLAY_DPI)


def test_the_style_falls_back_to_the_japanese_font():
    assert _core.STYLE["font.family"] == ["DejaVu Sans", "IPAGothic"]
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", "IPAGothic"], \
        "IPAGothic not found: install fonts-ipafont-gothic (make chromium)"


def test_japanese_text_renders_without_a_missing_glyph():
    """Title, axis labels, legend, annotation and tick labels in Japanese, with math and Greek
    beside them: any "Glyph ... missing from font(s)" warning fails the test."""
    fig, ax = _core.new_figure()
    ax.plot([0, 1, 2], [3, 1, 0.5], label="訓練データ")
    ax.set(title="損失関数の値", xlabel="学習率 η", ylabel="損失 $\\mathcal{L}$（交差エントロピー）",
           xticks=[0, 1, 2], xticklabels=["ゼロ", "一", "二"])
    ax.legend()
    ax.annotate("勾配降下法・誤差逆伝播法、バッチ正規化。ＡＢＣ１２３", (1, 1))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        png = _png(fig)
    assert png.startswith(b"\x89PNG")


def test_a_missing_glyph_is_caught():
    """The check above has teeth: with DejaVu Sans alone, Japanese text warns."""
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = _core.new_figure()
        ax.set_title("損失関数")
        with pytest.warns(UserWarning, match="Glyph .* missing"):
            _png(fig)


def test_english_figures_are_unchanged_by_the_fallback(trained):
    """The same pixels as with DejaVu Sans alone (matplotlib's default sans-serif)."""
    for name in ("training_curves", "gates_overview", "chain_rule_graph", "optimizer_paths"):
        png = _png(FIGURES[name][1](trained))
        with matplotlib.rc_context({"font.family": ["sans-serif"]}):
            assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
            before = _png(FIGURES[name][1](trained))
        assert png == before, name
