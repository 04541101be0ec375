"""Chapter 2: plots return labelled figures, widgets change what they show, checkers judge."""
import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import exercises, plots, widgets
from dlnotes.gates import Perceptron, TRUTH
from dlnotes.plots import ch2 as P

X = np.arange(6.0).reshape(3, 2)
W = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]])
B = np.array([0.5, -1.0, 0.0])

PLOTS = {
    "gate_regions": lambda: P.gate_regions(1, 1, -1.5),
    "gates_overview": P.gates_overview,
    "gate_weight_map": lambda: P.gate_weight_map((-1.0, 1.0)),
    "separator_counts": lambda: P.separator_counts(np.linspace(-1, 1, 5)),
    "xor_regions": P.xor_regions,
    "step_vs_smooth": P.step_vs_smooth,
    "activation_curves": P.activation_curves,
    "activation_shape": lambda: P.activation_shape("relu", 2.0),
    "relu_integral": lambda: P.relu_integral(np.linspace(-1, 1, 5), np.array([0, 0, 0, .5, 1.])),
    "softmax_overflow": P.softmax_overflow,
    "softmax_bars": lambda: P.softmax_bars([0.3, 2.9, 4.0]),
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
    ax = P.gate_regions(-1, -1, 1.5).axes[0]
    assert ax.get_title().endswith("NAND")
    colors = ax.collections[0].get_facecolors()
    red = matplotlib.colors.to_rgba(P.C1)
    # NAND: 00, 01, 10 fire (red), 11 does not
    assert [tuple(c) == red for c in colors] == [True, True, True, False]


def test_separator_counts_bars_match_search():
    from dlnotes.gates import GATE_NAMES, search_linear_separators
    grid = np.linspace(-2, 2, 9)
    ax = P.separator_counts(grid).axes[0]
    heights = [p.get_height() for p in ax.patches]
    names = [t.get_text() for t in ax.get_xticklabels()]
    got = dict(zip(names, heights))
    assert got["XOR"] == 0 and got["XNOR"] == 0
    for key, name in GATE_NAMES.items():
        assert got[name] == len(search_linear_separators(list(key), grid)), name
    assert sum(heights) == 9 ** 3


def test_plot_bad_input_raises_named_errors():
    with pytest.raises(ValueError, match="activation_shape: argument 'name'"):
        P.activation_shape("tanh", 1.0)
    with pytest.raises(TypeError, match="gate_regions: argument 'b'"):
        P.gate_regions(1, 1, "x")
    with pytest.raises(ValueError, match="affine_batch_heatmaps: expected X"):
        P.affine_batch_heatmaps(X, W.T, B)
    with pytest.raises(ValueError, match="softmax_bars: argument 'temperature'"):
        P.softmax_bars([1, 2], temperature=0)
    with pytest.raises(ValueError, match="layer_diagram: argument 'n'"):
        P.layer_diagram(0, 2)


# ------------------------------------------------------------------ widgets

def _caption(e):
    leaf = e.visible()
    return leaf.children[1].value


def _image(e):
    return e.visible().children[0].value


def test_perceptron_explorer_states_and_captions():
    e = widgets.perceptron_explorer()
    assert e.n_states == 36 and e.state() == {"w1": 1, "w2": 1, "b": -1.5}
    assert ">AND<" in _caption(e)
    before = _image(e)
    e.controls["b"].value = -0.5
    assert e.state()["b"] == -0.5 and ">OR<" in _caption(e) and _image(e) != before
    e.controls["w1"].value = -1
    e.controls["w2"].value = -1
    e.controls["b"].value = 1.5
    assert ">NAND<" in _caption(e)
    # every state's caption names the gate the weights compute, checked independently
    X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    for w1 in (-1, 0, 1):
        for w2 in (-1, 0, 1):
            for b in (-1.5, -0.5, 0.5, 1.5):
                e.controls["w1"].value, e.controls["w2"].value, e.controls["b"].value = w1, w2, b
                out = [int(w1 * x1 + w2 * x2 + b >= 0) for x1, x2 in X4]
                names = {tuple(v): k for k, v in TRUTH.items() if len(v) == 4}
                if tuple(out) in names:
                    assert f">{names[tuple(out)]}<" in _caption(e)
                assert "XOR" not in _caption(e)


def test_perceptron_explorer_preset_and_error():
    assert widgets.perceptron_explorer("NOR").state() == {"w1": -1, "w2": -1, "b": 0.5}
    with pytest.raises(ValueError, match="perceptron_explorer: argument 'preset'"):
        widgets.perceptron_explorer("XOR")


def test_gate_preset_explorer_switches_gate():
    e = widgets.gate_preset_explorer()
    assert ">AND<" in _caption(e)
    e.controls["gate"].value = "XOR (two layers)"
    assert ">XOR<" in _caption(e) and "01→1" in _caption(e) and "11→0" in _caption(e)


def test_activation_explorer_slope_caption():
    e = widgets.activation_explorer()
    assert e.n_states == 20
    before = _image(e)
    assert "largest slope on the plot = 0.25" in _caption(e)      # sigmoid, a = 1
    e.controls["scale"].value = 4
    assert "= 1<" in _caption(e) and _image(e) != before           # 4 * 1/4
    e.controls["activation"].value = "relu"
    assert "= 4<" in _caption(e)


def test_softmax_explorer_shift_invariance_visible():
    e = widgets.softmax_explorer()
    assert e.n_states == 27
    # softmax(2, 1, 0) = e^2, e, 1 over their sum
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    assert f"{p[0]:.4f}" in _caption(e) and "0.6652" in _caption(e)
    captions = []
    for v in (0, 1, 2):
        e.controls["z1"].value = e.controls["z2"].value = e.controls["z3"].value = v
        captions.append(_caption(e).split(") = ", 1)[1])
    assert captions[0] == captions[1] == captions[2]
    assert "[0.3333, 0.3333, 0.3333]" in captions[0]


def test_softmax_temperature_explorer():
    e = widgets.softmax_temperature_explorer()
    assert "[0.0182, 0.2452, 0.7366]" in _caption(e)
    e.controls["T"].value = 0.1
    assert "[0.0000, 0.0000, 1.0000]" in _caption(e)
    with pytest.raises(ValueError, match="softmax_temperature_explorer: argument 'logits'"):
        widgets.softmax_temperature_explorer([1.0])


def test_widgets_stay_small():
    for make in (widgets.perceptron_explorer, widgets.gate_preset_explorer,
                 widgets.activation_explorer, widgets.softmax_explorer,
                 widgets.softmax_temperature_explorer):
        assert make().n_states <= 40


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
