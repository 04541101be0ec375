"""Chapter 3: figures, explorers, exercise checkers and the computations behind them."""
import re

import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import exercises, plots, widgets
from dlnotes.plots import ch3 as P


def _labelled(fig):
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison and ax.get_label() != "<colorbar>"]
    assert axes
    for ax in axes:
        if ax.get_xlabel() or ax.get_ylabel():
            assert ax.get_title() or fig._suptitle is not None
    assert any(ax.get_xlabel() and ax.get_ylabel() for ax in axes)


# ------------------------------------------------------------------ 3.1 / 3.2

def test_book_loss_values_independent():
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    v = P.book_loss_values()
    assert v["mse_book_right"] == pytest.approx(0.5 * (0.4**2 + 0.1**2 * 3 + 0.05**2 * 2))   # 0.0975
    assert v["ce_right"] == pytest.approx(-np.log(0.6))
    assert v["mse_book_wrong"] == pytest.approx(0.5975)
    assert v["ce_wrong"] == pytest.approx(-np.log(0.1))
    assert v["mse_note_right"] == pytest.approx(np.sum((y - np.eye(10)[2]) ** 2) / 10)
    assert v["mse_note_right"] == pytest.approx(0.0195)


def test_critical_lr_and_paths():
    assert P.critical_lr([0.1, 2.0]) == 1.0
    assert P.critical_lr([4.0]) == 0.5
    # parabola p^2: p_k = (1 - 2 lr)^k * 4
    path = P.gd_path("1-D parabola", 0.3, 5)
    assert path[:, 0] == pytest.approx(4.0 * 0.4 ** np.arange(6))
    bowl = P.gd_path("2-D bowl", 0.9, 3)
    assert bowl[-1] == pytest.approx([-7 * (1 - 0.09) ** 3, 2 * (1 - 1.8) ** 3])
    assert abs(P.gd_path("2-D bowl", 1.01, 300)[-1, 1]) > 10
    assert abs(P.gd_path("2-D bowl", 0.99, 300)[-1, 1]) < 1e-2
    assert P.gd_regime("1-D parabola", 0.05) == "slow"
    assert P.gd_regime("1-D parabola", 0.9) == "oscillating"
    assert P.gd_regime("1-D parabola", 1.05) == "diverging"
    with pytest.raises(ValueError, match="critical_lr: argument 'curvatures'"):
        P.critical_lr([0.0, 1.0])
    with pytest.raises(ValueError, match="gd_path: argument 'landscape' expected one of"):
        P.gd_path("3-D", 0.1, 3)
    with pytest.raises(ValueError, match="gd_path: argument 'lr'"):
        P.gd_path("2-D bowl", -0.1, 3)


def test_sequential_vs_batch_is_second_order():
    lrs, diffs, grad_err = P.sequential_vs_batch()
    assert grad_err < 1e-13
    slope = np.polyfit(np.log(lrs[2:]), np.log(diffs[2:]), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.05)
    assert np.all(diffs > 0)


# ------------------------------------------------------------------ 3.3.1

def test_fitted_orders_are_1_1_2_4_6():
    for f, df, x in [(np.sin, np.cos, 1.0), (np.exp, np.exp, 0.5)]:
        orders = P.fitted_orders(f, df, x)
        assert [round(orders[m]) for m in ["forward", "backward", "central", "five_point", "seven_point"]] \
            == [1, 1, 2, 4, 6]
        for m, p in {"forward": 1, "central": 2, "five_point": 4, "seven_point": 6}.items():
            assert orders[m] == pytest.approx(p, abs=0.05)


def test_optimal_steps_follow_eps_power():
    opt = P.optimal_steps()
    # measured best h grows with the order, and lands within ~x30 of eps^(1/(p+1))
    hs = [opt[m][0] for m in ["forward", "central", "five_point", "seven_point"]]
    assert hs == sorted(hs)
    for m, (h_best, e_best, h_pred) in opt.items():
        assert 1 / 30 < h_best / h_pred < 30
    assert opt["seven_point"][1] < 1e-13 < opt["forward"][1]


# ------------------------------------------------------------------ 3.3.2 - 3.3.7

def test_chain_rule_values():
    v = P.chain_rule_values(2.0, -1.5, 0.5, 1.0)
    assert v["y"] == -2.5 and v["dL/dy"] == -3.5
    assert (v["dL/dx"], v["dL/dw"], v["dL/db"]) == (5.25, -7.0, -3.5)


def test_layer_gradient_checks_agree():
    checks = P.layer_gradient_checks()
    assert set(checks) == {"Affine", "Relu", "Sigmoid", "Softmax", "SoftmaxWithLoss", "MultiLayerNet"}
    assert set(checks["MultiLayerNet"]) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    for layer, pairs in checks.items():
        for k, (a, n) in pairs.items():
            assert a.shape == n.shape
            assert P.relative_error(a, n) < 1e-7, (layer, k)


# ------------------------------------------------------------------ figures

@pytest.mark.parametrize("make", [
    lambda: P.loss_comparison(),
    lambda: P.gd_figure("1-D parabola", 0.5, 10),
    lambda: P.gd_figure("2-D bowl", 1.05, 30),
    lambda: P.landscape_surface(),
    lambda: P.sequential_vs_batch_figure(),
    lambda: P.difference_error_plot(),
    lambda: P.chain_rule_graph(),
    lambda: P.softmax_jacobian_figure(),
    lambda: P.gradient_check_figure("Affine"),
    lambda: P.decision_boundary_figure("moons", iterations=20),
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
    M = P.confusion_matrix(net, x, t)
    assert M.sum() == 30 and M.trace() == int(np.sum(net.predict(x).argmax(1) == t))
    _labelled(P.confusion_matrix_figure(net, x, t))
    fig = P.misclassified_figure(net, x, t, n=6)
    assert fig._suptitle is not None and sum(len(ax.images) for ax in fig.axes) == min(6, 30 - M.trace())


# ------------------------------------------------------------------ animation

def test_animation_has_expected_frames():
    runs = {n: P.train_toy(n, hidden=4, iterations=10, snapshots=5) for n in ["moons", "xor"]}
    html = P.decision_boundary_animation(["moons", "xor"], runs=runs, html=False)
    assert len(re.findall(r"frames\[\d+\] = ", html)) == 5
    assert "data:image/png;base64" in html
    with pytest.raises(ValueError, match="decision_boundary_animation: argument 'runs'"):
        P.decision_boundary_animation(["moons", "spirals"], runs=runs)


def test_train_toy_learns_and_snapshots():
    net, X, t, frames = P.train_toy("moons", iterations=120, snapshots=4)
    assert [f[0] for f in frames] == [0, 40, 80, 120]
    assert frames[-1][1] > 0.95 and frames[-1][1] > frames[0][1]
    assert frames[-1][2].shape == (60, 60)
    assert X.mean(0) == pytest.approx([0, 0], abs=1e-12)
    with pytest.raises(ValueError, match="toy_data: argument 'name'"):
        P.toy_data("rings")


# ------------------------------------------------------------------ explorers

def _swap_changes_image(e, name, index):
    before = e.visible()
    before_png = before.children[0].value if hasattr(before, "children") else before.value
    e.controls[name].index = index
    after = e.visible()
    after_png = after.children[0].value if hasattr(after, "children") else after.value
    assert after is not before and after_png != before_png
    return after


def test_lr_explorer_changes_image_and_caption():
    e = widgets.lr_explorer(lrs=[0.05, 1.05], steps=[3, 10])
    assert e.n_states == 8
    assert "slow" in e.visible().children[1].value
    leaf = _swap_changes_image(e, "lr", 1)
    assert "diverging" in leaf.children[1].value
    _swap_changes_image(e, "landscape", 1)
    assert "2-D bowl" in e.state()["landscape"]
    assert widgets.lr_explorer().n_states <= 40


def test_gradient_check_explorer():
    e = widgets.gradient_check_explorer()
    assert e.n_states == 6
    leaf = _swap_changes_image(e, "layer", 5)
    assert "W3" in leaf.children[1].value


def test_decision_boundary_explorer_small():
    e = widgets.decision_boundary_explorer("xor", hidden=(2, 8), activation=("relu",), lr=(0.03,),
                                           iterations=20)
    assert e.n_states == 2
    _swap_changes_image(e, "hidden", 1)


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
