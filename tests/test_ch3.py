"""Chapter 3: figures, explorers and exercise checkers (the computations behind them are tested
in test_experiments, test_landscapes and test_gradient)."""
import re

import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import exercises, experiments, plots, widgets
from dlnotes.plots import ch3 as P


def _labelled(fig):
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison and ax.get_label() != "<colorbar>"]
    assert axes
    for ax in axes:
        if ax.get_xlabel() or ax.get_ylabel():
            assert ax.get_title() or fig._suptitle is not None
    assert any(ax.get_xlabel() and ax.get_ylabel() for ax in axes)


# ------------------------------------------------------------------ figures

@pytest.mark.parametrize("make", [
    lambda: P.loss_comparison(),
    lambda: P.landscape_surface(),
    lambda: P.sequential_vs_batch_figure(),
    lambda: P.difference_error_plot(),
    lambda: P.chain_rule_graph(),
    lambda: P.softmax_jacobian_figure(),
    lambda: P.gradient_check_figure("Affine"),
])
def test_figures_are_labelled(make):
    fig = make()
    if all(not ax.axison for ax in fig.axes):          # a drawn graph: title and text labels only
        assert fig.axes[0].get_title() and len(fig.axes[0].texts) >= 10
    else:
        _labelled(fig)
    assert any(ax.get_title() for ax in fig.axes)


def test_softmax_jacobian_rows_sum_to_zero_in_figure():
    fig = P.softmax_jacobian_figure([0.0, 1.0, 2.0])
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("row sum")]
    assert len(texts) == 3
    assert all(abs(float(t.split()[-1])) < 1e-15 for t in texts)


def test_digits_figures():
    from dlnotes import MultiLayerNet
    rng = np.random.default_rng(0)
    x, t = rng.random((30, 64)), rng.integers(0, 10, 30)
    net = MultiLayerNet(64, [8], 10, seed=0)
    wrong = int(np.sum(net.predict(x).argmax(1) != t))
    fig = P.confusion_matrix_figure(net, x, t)
    _labelled(fig)
    assert fig.axes[0].get_title() == f"Confusion matrix ({30 - wrong}/30 right)"
    fig = P.misclassified_figure(net, x, t, n=6)
    assert fig._suptitle is not None and sum(len(ax.images) for ax in fig.axes) == min(6, wrong)


# ------------------------------------------------------------------ animation

def test_animation_has_expected_frames():
    runs = {n: experiments.train_toy(n, hidden=4, iterations=10, snapshots=5) for n in ["moons", "xor"]}
    html = P.decision_boundary_animation(["moons", "xor"], runs=runs, html=False)
    assert len(re.findall(r"frames\[\d+\] = ", html)) == 5
    assert "data:image/png;base64" in html
    with pytest.raises(ValueError, match="decision_boundary_animation: argument 'runs'"):
        P.decision_boundary_animation(["moons", "spirals"], runs=runs)


# ------------------------------------------------------------------ explorers

def _swap_changes_image(e, name, index):
    before = e.visible()
    before_png = before.children[0].value if hasattr(before, "children") else before.value
    e.controls[name].index = index
    after = e.visible()
    after_png = after.children[0].value if hasattr(after, "children") else after.value
    assert after is not before and after_png != before_png
    return after


def test_gradient_check_explorer():
    e = widgets.gradient_check_explorer(mode="precomputed")
    assert e.n_states == 7
    leaf = _swap_changes_image(e, "layer", 5)
    assert "gamma" in leaf.children[1].value and "beta" in leaf.children[1].value
    leaf = _swap_changes_image(e, "layer", 6)
    assert "W3" in leaf.children[1].value


# ------------------------------------------------------------------ exercises

def test_checkers_right_and_wrong(capsys):
    E = exercises
    assert E.check_note_mse(0.0195) and not E.check_note_mse(0.0975)
    assert E.check_critical_lr(1.0) and not E.check_critical_lr(20)
    assert E.check_forward_difference(6.1) and not E.check_forward_difference(6.0)
    assert E.check_halving_factor("seven_point", 64) and not E.check_halving_factor("central", 2)
    assert E.check_relu_backward(lambda x, d: d * (x > 0))
    assert not E.check_relu_backward(lambda x, d: (x >= 0).astype(float))
    assert not E.check_relu_backward(lambda x, d: 1 / 0)
    assert E.check_softmax_ce_backward(lambda Y, T: (Y - T) / Y.shape[0])
    assert not E.check_softmax_ce_backward(lambda Y, T: (Y - T) / Y.shape[1])
    assert E.check_param_count(7510) and not E.check_param_count(7400)
    assert E.check_untrained_loss(np.log(10)) and not E.check_untrained_loss(1.0)
    out = capsys.readouterr().out
    assert out.count("Right:") == 8 and out.count("Not yet:") == 9
    assert "ZeroDivisionError" in out


def test_checker_input_errors():
    with pytest.raises(TypeError, match="check_note_mse: argument 'value' expected a real number"):
        exercises.check_note_mse("0.0195")
    with pytest.raises(ValueError, match="check_halving_factor: argument 'method'"):
        exercises.check_halving_factor("three_point", 8)
    with pytest.raises(TypeError, match="check_relu_backward: argument 'fn' expected a function"):
        exercises.check_relu_backward(3)


def test_public_names_exported():
    for name in P.__all__:
        assert hasattr(plots, name)
    for name in ["lr_explorer", "gradient_check_explorer", "decision_boundary_explorer"]:
        assert hasattr(widgets, name)
