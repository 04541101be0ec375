"""Chapter 2: plots return labelled figures, widgets change what they show, checkers judge."""
import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import exercises, plots, widgets
from dlnotes.plots import ch2 as P

X = np.arange(6.0).reshape(3, 2)
W = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]])
B = np.array([0.5, -1.0, 0.0])

PLOTS = {
    "gates_overview": P.gates_overview,
    "gate_weight_map": lambda: P.gate_weight_map((-1.0, 1.0)),
    "separator_counts": lambda: P.separator_counts(np.linspace(-1, 1, 5)),
    "xor_regions": P.xor_regions,
    "step_vs_smooth": P.step_vs_smooth,
    "activation_curves": P.activation_curves,
    "relu_integral": lambda: P.relu_integral(np.linspace(-1, 1, 5), np.array([0, 0, 0, .5, 1.])),
    "softmax_overflow": P.softmax_overflow,
    "softmax_temperature": lambda: P.softmax_temperature([0.3, 2.9, 4.0]),
    "layer_diagram": lambda: P.layer_diagram(3, 2),
    "affine_batch_heatmaps": lambda: P.affine_batch_heatmaps(X, W, B),
    "forward_pass_heatmaps": lambda: P.forward_pass_heatmaps(X, W, B, np.ones((3, 2)), np.zeros(2)),
}


def test_every_public_plot_is_covered():
    funcs = {n for n in P.__all__ if callable(getattr(P, n)) and not n.endswith("_on")
             and not isinstance(getattr(P, n), type) and n not in ("GATE_CMAP",)}
    assert funcs == set(PLOTS)


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_returns_labelled_figure(name):
    fig = PLOTS[name]()
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes
    for ax in axes:
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title(), (name, ax)
    assert plots.fig_to_png(fig)[:4] == b"\x89PNG"


def test_gate_regions_title_names_gate_and_points_are_coloured_by_output():
    ax = P.gates_overview().axes[2]
    assert ax.get_title().startswith("NAND")
    colors = ax.collections[0].get_facecolors()
    red = matplotlib.colors.to_rgba(P.C1)
    # NAND: 00, 01, 10 fire (red), 11 does not
    assert [tuple(c) == red for c in colors] == [True, True, True, False]


def test_separator_counts_bars_match_search():
    from dlnotes.gates import GATE_NAMES, search_linear_separators
    grid = np.linspace(-2, 2, 9)
    ax = P.separator_counts(grid).axes[0]
    heights = [p.get_width() for p in ax.patches]           # horizontal bars: one row per function
    names = [t.get_text() for t in ax.get_yticklabels()]
    got = dict(zip(names, heights))
    assert got["XOR"] == 0 and got["XNOR"] == 0
    for key, name in GATE_NAMES.items():
        assert got[name] == len(search_linear_separators(list(key), grid)), name
    assert sum(heights) == 9 ** 3


def test_plot_bad_input_raises_named_errors():
    with pytest.raises(TypeError, match="gate_regions_on: argument 'b'"):
        P.gate_regions_on(plots.new_figure()[1], 1, 1, "x")
    with pytest.raises(ValueError, match="affine_batch_heatmaps: expected X"):
        P.affine_batch_heatmaps(X, W.T, B)
    with pytest.raises(ValueError, match="layer_diagram: argument 'n'"):
        P.layer_diagram(0, 2)


# ------------------------------------------------------------------ live explorers (Bokeh)
# What the page computes is checked in tests/browser (test_js_rules.py, test_live_ch2.py); here:
# the first state, which Python draws, and the constructors' errors.

def test_perceptron_explorer_first_state_is_dlnotes():
    e = widgets.perceptron_explorer()                      # AND weights, target XOR
    m = e.models
    assert e.mode == "browser"
    assert (m["perceptron_w1"].value, m["perceptron_w2"].value, m["perceptron_b"].value) == (1, 1, -1.5)
    for s in (m["perceptron_w1"], m["perceptron_w2"], m["perceptron_b"]):
        assert (s.start, s.end, s.step) == (-2, 2, 0.01)          # continuous: 401 positions
    assert m["perceptron_readout"].text == widgets.perceptron_caption(1, 1, -1.5, "XOR")
    image = m["perceptron_regions"].data["image"][0]
    assert image.shape == (widgets.PERCEPTRON_PIXELS,) * 2 and image.dtype == np.uint8
    np.testing.assert_array_equal(image, widgets.perceptron_regions(1, 1, -1.5))
    assert m["perceptron_points"].data["out"] == ["0", "0", "0", "1"]
    x, y = m["perceptron_line"].data["x"], m["perceptron_line"].data["y"]
    assert [w1 * a + w2 * c + b for a, c, (w1, w2, b) in zip(x, y, [(1, 1, -1.5)] * 2)] == [0, 0]
    assert [k for k, _ in m["perceptron_presets"].menu] == list(widgets.GATE_PRESETS)
    assert m["perceptron_target"].options == widgets.GATE_TARGETS


def test_perceptron_regions_fire_on_the_right_side():
    g = (np.arange(widgets.PERCEPTRON_PIXELS) + 0.5) * 2 / widgets.PERCEPTRON_PIXELS - 0.5
    for w1, w2, b in [(1, 1, -1.5), (-0.3, 1.7, 0.2), (0, 0, -1), (0.5, 0, -0.25)]:
        img = widgets.perceptron_regions(w1, w2, b)
        want = (w1 * g[None, :] + w2 * g[:, None] + b >= 0)        # row = x2, column = x1
        np.testing.assert_array_equal(img, want.astype(np.uint8))


def test_perceptron_explorer_vertical_line_and_presets():
    e = widgets.perceptron_explorer("NOT x1", target="NOT x1")     # w2 = 0: x1 = 0.5
    assert e.models["perceptron_line"].data == {"x": [0.5, 0.5], "y": [-0.5, 1.5]}
    assert "target NOT x1: <span class='target-reached'" in e.models["perceptron_readout"].text
    assert widgets.perceptron_explorer("NOR").models["perceptron_b"].value == 0.5


def test_perceptron_caption_names_the_gate_and_the_target():
    from dlnotes.gates import which_gate
    cap = widgets.perceptron_caption(1, 1, -0.5, "OR")
    assert ">OR<" in cap and "reached" in cap and "<td>-0.5</td><td><b>0</b>" in cap
    cap = widgets.perceptron_caption(1, 1, -1.5, "OR")
    assert ">AND<" in cap and "not reached (needs outputs 0 1 1 1)" in cap
    for t in ("XOR", "XNOR"):
        cap = widgets.perceptron_caption(0.3, -0.7, 0.1, t)
        assert f"no (w1, w2, b) works: {t} is not linearly separable" in cap
    rng = np.random.default_rng(0)
    for w1, w2, b in rng.uniform(-2, 2, (200, 3)):
        cap = widgets.perceptron_caption(w1, w2, b, "AND")
        name = which_gate(w1, w2, b)
        assert f"<b class='gate-name'>{name}</b>" in cap and name not in ("XOR", "XNOR")
        assert cap.count("<tr>") == 5 and f"<td>{w1 + w2 + b:.4g}</td>" in cap


def test_perceptron_bad_input():
    with pytest.raises(ValueError, match="perceptron_explorer: argument 'preset'"):
        widgets.perceptron_explorer("XOR")
    with pytest.raises(ValueError, match="perceptron_explorer: argument 'target'"):
        widgets.perceptron_explorer(target="XAND")
    with pytest.raises(ValueError, match="perceptron_caption: argument 'w2'"):
        widgets.perceptron_caption(1, float("nan"), 0)
    with pytest.raises(ValueError, match="perceptron_caption: argument 'target'"):
        widgets.perceptron_caption(1, 1, 0, "and")


def test_activation_explorer_fixed_slope_range_and_caption():
    e = widgets.activation_explorer()
    m = e.models
    assert (m["scale"].start, m["scale"].end, m["scale"].step) == (0.25, 8, 0.01)
    assert m["caption"].text == "<span class='act-caption'>sigmoid(1x): largest slope on the plot = 0.25</span>"
    np.testing.assert_allclose(m["curve"].data["slope"].max(), 0.25, rtol=1e-15)
    # the slope panel fits the steepest sigmoid the slider reaches: 8 * 1/4 = 2
    cb = m["scale"].js_property_callbacks["change:value"][0]
    tops = cb.args["tops"]
    assert tops["sigmoid"] == pytest.approx(1.08 * 2) and tops["relu"] == pytest.approx(1.08 * 8)
    assert tops["step"] == 1.0 and m["slope_range"].end == tops["sigmoid"]
    assert widgets.activation_explorer("relu", 4).models["caption"].text.endswith("= 4</span>")
    assert widgets.activation_caption("sigmoid", 1.23) == (
        "<span class='act-caption'>sigmoid(1.23x): largest slope on the plot = 0.3075</span>")


def test_activation_explorer_bad_input():
    with pytest.raises(ValueError, match="activation_explorer: argument 'activation'"):
        widgets.activation_explorer("tanh")
    for bad in (0.1, 9, float("nan")):
        with pytest.raises(ValueError, match="activation_explorer: argument 'scale'"):
            widgets.activation_explorer("relu", bad)


def test_softmax_explorer_shift_invariance_in_the_readout():
    e = widgets.softmax_explorer()
    m = e.models
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    np.testing.assert_allclose(m["softmax_bars"].data["p"], p, rtol=1e-15)
    assert m["softmax_readout"].text == widgets.softmax_caption([2, 1, 0])
    assert "softmax = [0.6652, 0.2447, 0.09003], sum = 1; same as for c = 0: yes" in m["softmax_readout"].text
    shifted = widgets.softmax_caption([2, 1, 0], c=3.7)
    assert "z + c = [5.7, 4.7, 3.7]" in shifted
    assert shifted.split("softmax = ")[1] == m["softmax_readout"].text.split("softmax = ")[1]
    assert m["softmax_c"].start == -5 and m["softmax_c"].step == 0.01


def test_softmax_explorer_bad_input():
    with pytest.raises(ValueError, match="softmax_explorer: argument 'z' expected 3 logits"):
        widgets.softmax_explorer([1.0, 2.0])
    with pytest.raises(ValueError, match=r"softmax_explorer: argument 'z\[1\]'"):
        widgets.softmax_explorer([1.0, 7.0, 0.0])
    with pytest.raises(ValueError, match="softmax_explorer: argument 'z'"):
        widgets.softmax_explorer([1.0, float("nan"), 0.0])
    with pytest.raises(ValueError, match="softmax_explorer: argument 'c'"):
        widgets.softmax_explorer(c=float("inf"))


def test_softmax_temperature_explorer():
    e = widgets.softmax_temperature_explorer()
    m = e.models
    s = m["temperature_log10"]
    assert (s.start, s.end, s.value) == (-1.5, 1.5, 0.0)           # log10 T; the slider shows T
    assert m["temperature_readout"].text == ("<span class='softmax-caption'>T = 1: softmax(z / T) = "
                                             "[0.01821, 0.2452, 0.7366]</span>")
    assert "[8.533e-17, 1.67e-05, 1]" in widgets.temperature_caption([0.3, 2.9, 4.0], 0.1)
    assert widgets.softmax_temperature_explorer(T=10).models["temperature_log10"].value == 1.0
    assert m["temperature_bars"].data["x"] == ["z1 = 0.3", "z2 = 2.9", "z3 = 4"]


def test_softmax_temperature_explorer_bad_input():
    for bad in ([1.0], [[1.0, 2.0]], list(range(11))):
        with pytest.raises(ValueError, match="softmax_temperature_explorer: argument 'logits'"):
            widgets.softmax_temperature_explorer(bad)
    with pytest.raises(ValueError, match="softmax_temperature_explorer: argument 'logits'"):
        widgets.softmax_temperature_explorer([1.0, float("nan")])
    for bad in (0, -1, 100, float("nan")):
        with pytest.raises(ValueError, match="softmax_temperature_explorer: argument 'T'"):
            widgets.softmax_temperature_explorer(T=bad)


# ------------------------------------------------------------------ exercise checkers

def test_check_gate_weights(capsys):
    assert exercises.check_gate_weights("NOR", -1, -1, 0.5) is True
    assert capsys.readouterr().out.startswith("Right:")
    assert exercises.check_gate_weights("NOR", 1, 1, -0.5) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet:") and "OR" in out
    with pytest.raises(ValueError, match="check_gate_weights: argument 'gate'"):
        exercises.check_gate_weights("XAND", 1, 1, 1)
    with pytest.raises(TypeError, match="check_gate_weights: argument 'b'"):
        exercises.check_gate_weights("AND", 1, 1, "1")


def test_check_xor_network(capsys):
    assert exercises.check_xor_network([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [-1]], [-0.5])
    assert not exercises.check_xor_network([[1, 1], [1, 1]], [-0.5, -1.5], [[1], [1]], [-0.5])
    assert "[0, 1, 1, 1]" in capsys.readouterr().out
    with pytest.raises(ValueError, match="check_xor_network: expected W1"):
        exercises.check_xor_network(np.eye(3), [0, 0, 0], [[1], [1]], [0])


def test_check_activation_exercises(capsys):
    assert exercises.check_sigmoid_grad_max(0.25, 0.0)
    assert not exercises.check_sigmoid_grad_max(0.5, 0.0)
    assert not exercises.check_sigmoid_grad_max(0.25, 1.0)
    assert exercises.check_overflow_limit(709.78)
    assert not exercises.check_overflow_limit(710.5)
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float64(709.79))) and np.isfinite(np.exp(np.float64(709.78)))
    assert exercises.check_low_temperature_limit([0, 0, 1])
    assert not exercises.check_low_temperature_limit([1 / 3] * 3)
    assert not exercises.check_low_temperature_limit([0, 1])


def test_check_affine_exercises(capsys):
    assert exercises.check_affine_shape((5, 4))
    assert not exercises.check_affine_shape((3, 4))
    with pytest.raises(TypeError, match="check_affine_shape: argument 'shape'"):
        exercises.check_affine_shape([5, 4])
    b = np.array([1.0, 2.0])
    assert exercises.check_dup([[1, 2], [1, 2], [1, 2]], b, 3)
    assert not exercises.check_dup(np.repeat(b[:, None], 3, axis=1), b, 3)
    assert not exercises.check_dup([[1, 2], [2, 1], [1, 2]], b, 3)
    dY = np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.5]])
    assert exercises.check_bias_gradient([0.3, 0.3], dY)
    assert not exercises.check_bias_gradient(dY.mean(axis=0), dY)
    assert "mean" in capsys.readouterr().out.splitlines()[-1]


def test_bias_gradient_checker_agrees_with_numerical_gradient():
    """The checker's 'right' answer is dL/db for L = sum(G * (X W + b)), computed numerically."""
    from dlnotes.gradient import numerical_gradient
    rng = np.random.default_rng(1)
    Xr, Wr, br, G = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 2))
    num = numerical_gradient(lambda bb: float(np.sum(G * (Xr @ Wr + bb))), br.copy())
    assert exercises.check_bias_gradient(num, G)
