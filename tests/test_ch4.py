"""Chapter 4 figures, the optimizer explorer and the exercise checkers (notebooks 04-1, 04-2).
The paths and training runs they draw are tested in test_landscapes and test_experiments."""
import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.exercises import ch4 as E
from dlnotes.landscapes import BOOK, ROSENBROCK, run_optimizer
from dlnotes.optimizers import SGD, Adam, Momentum
from dlnotes.plots import ch4 as P
from dlnotes.widgets import ch4 as Wd

START = (-7.0, 2.0)


# ---------------------------------------------------------------- readouts equal run_optimizer

def test_caption_readout_matches_run_optimizer():
    fig, caption = Wd.optimizer_state("momentum", 0.1)
    assert fig.axes[0].get_title() == "Momentum, lr = 0.1, 30 steps on f = x²/20 + y²"
    end = run_optimizer(Momentum(0.1), BOOK, START, 30)[-1]
    assert f"({end[0]:.4g}, {end[1]:.4g})" in caption
    assert f"loss {BOOK(*end):.4g}" in caption
    # a diverging SGD run is reported as such
    _, cap = Wd.optimizer_state("sgd", 3.0)
    end = run_optimizer(SGD(3.0), BOOK, START, 30)[-1]
    assert end[1] == pytest.approx(2 * (-5.0) ** 30, rel=1e-9)       # y <- (1 - 2*3) y
    assert "diverging" in cap and f"({end[0]:.4g}, {end[1]:.4g})" in cap
    assert "diverging" not in Wd.optimizer_state("sgd", 0.3)[1]
    # a run that overflows stops early and says so; the title keeps the steps asked for
    fig, cap = Wd.optimizer_state("sgd", 0.01, f="rosenbrock", start=(-2.0, 3.0), steps=200)
    n = len(run_optimizer(SGD(0.01), ROSENBROCK, (-2.0, 3.0), 200)) - 1
    assert n < 200 and f"stopped (overflow) after {n} steps" in cap
    assert "200 steps" in fig.axes[0].get_title()


# ---------------------------------------------------------------- figures are labelled

def _labelled(fig):
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes
    for ax in axes:
        assert ax.get_title() or fig._suptitle is not None
    assert any(ax.get_xlabel() for ax in axes)


@pytest.mark.parametrize("make", [
    lambda: P.optimizer_paths(),
    lambda: P.optimizer_paths(f="saddle"),
    lambda: P.optimizer_race(f="rosenbrock"),
    lambda: P.adam_bias_correction(steps=50),
    lambda: P.effective_learning_rates(),
    lambda: P.activation_histograms(scales=(1.0,), n_layers=2, width=10, n=50),
    lambda: Wd.optimizer_state("race", 0.1)[0],
])
def test_figures_are_labelled(make):
    fig = make()
    _labelled(fig)
    for ax in fig.axes:
        if ax.get_visible() and ax.get_xlabel():
            assert ax.get_ylabel() or not ax.get_yticks().size


def test_training_figures_small():
    from dlnotes.experiments import bn_training_runs, train_with_optimizers
    h = train_with_optimizers({"SGD": ("sgd", {"lr": 0.1}), "Adam": ("adam", {"lr": 0.002})},
                              epochs=1, hidden=(10,))
    fig = P.optimizer_training_curves(h)
    _labelled(fig)
    assert [line.get_label() for line in fig.axes[1].lines] == ["SGD", "Adam"]
    np.testing.assert_array_equal(fig.axes[1].lines[0].get_ydata(), h["SGD"]["test_acc"])
    runs = bn_training_runs(scales=(1.0, 0.01), epochs=1, hidden=(8, 8), n_train=80)
    fig = P.bn_scale_grid(runs)
    _labelled(fig)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == \
        ["weight init std = 1", "weight init std = 0.01"]


def test_figures_draw_the_core_numbers():
    from dlnotes.landscapes import adam_step_ratios, effective_lr_trace, optimizer_path
    ax = P.adam_bias_correction(steps=40).axes[0]
    r = adam_step_ratios(steps=40)
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), r["note"])
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), r["corrected"])
    fig = P.effective_learning_rates(steps=5)
    assert fig.axes[0].get_title() == "RMSprop (lr 0.1)"
    np.testing.assert_array_equal(fig.axes[0].lines[1].get_ydata(),
                                  effective_lr_trace("rmsprop", steps=5, lr=0.1)[:, 1])
    ax = P.optimizer_paths().axes[0]
    path = optimizer_path("sgd", lr=0.95)
    np.testing.assert_array_equal(ax.lines[1].get_xydata(), path)     # lines[0]: the minimum


# ---------------------------------------------------------------- the explorer

def test_explorer_changes_image_and_caption():
    e = Wd.optimizer_explorer(lrs=[0.1, 1.0], optimizers=["sgd", "adam", "race"])
    assert e.n_states == 6
    leaf0 = e.visible()
    img0, cap0 = leaf0.children[0].value, leaf0.children[1].value
    assert img0[:8] == b"\x89PNG\r\n\x1a\n"
    end = run_optimizer(SGD(0.1), BOOK, START, 30)[-1]
    assert f"({end[0]:.4g}, {end[1]:.4g})" in cap0
    e.controls["lr"].value = 1.0
    leaf1 = e.visible()
    assert leaf1.children[0].value != img0 and leaf1.children[1].value != cap0
    e.controls["optimizer"].value = "adam"
    leaf2 = e.visible()
    end = run_optimizer(Adam(1.0), BOOK, START, 30)[-1]
    assert f"({end[0]:.4g}, {end[1]:.4g})" in leaf2.children[1].value
    assert leaf2.children[0].value not in (img0, leaf1.children[0].value)
    e.controls["optimizer"].value = "race"
    assert e.visible().children[1].value.count("<b>") == 5


def test_explorer_default_size_and_errors():
    assert len(Wd.EXPLORER_OPTIMIZERS) * len(Wd.EXPLORER_LRS) <= 40
    assert all(b / a == pytest.approx(Wd.EXPLORER_LRS[1] / Wd.EXPLORER_LRS[0], rel=0.15)
               for a, b in zip(Wd.EXPLORER_LRS, Wd.EXPLORER_LRS[1:]))
    with pytest.raises(ValueError, match="optimizer_explorer: arguments 'lrs' x 'optimizers'"):
        Wd.optimizer_explorer(lrs=list(np.geomspace(0.01, 1, 20)))
    with pytest.raises(ValueError, match="optimizer_state: argument 'lr'"):
        Wd.optimizer_state("sgd", -1.0)


# ---------------------------------------------------------------- exercise checkers

def test_check_adam_first_step(capsys):
    assert E.check_adam_first_step(0.2 / np.sqrt(0.001)) is True
    assert "Right" in capsys.readouterr().out
    assert E.check_adam_first_step(0.1 / np.sqrt(0.001)) is False
    assert E.check_adam_first_step(1.0) is False
    assert "Not yet" in capsys.readouterr().out
    with pytest.raises(TypeError, match="check_adam_first_step: argument 'answer'"):
        E.check_adam_first_step("6.3")


def test_check_sgd_lr_limit():
    assert E.check_sgd_lr_limit(1.0) is True
    assert E.check_sgd_lr_limit(0.5) is False
    assert E.check_sgd_lr_limit(10.0) is False       # the x direction's limit, not the binding one
    assert E.check_sgd_lr_limit(-1.0) is False


def test_check_bn_normalized(capsys):
    x = np.array([[2.0, 0.0], [4.0, 3.0], [9.0, 3.0], [1.0, 6.0]])
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    assert E.check_bn_normalized(z, x) is True
    capsys.readouterr()
    assert E.check_bn_normalized((x - x.mean(axis=0)) / x.var(axis=0), x) is False
    assert "variance" in capsys.readouterr().out
    assert E.check_bn_normalized(x - x.mean(axis=0), x) is False
    with pytest.raises(ValueError, match="check_bn_normalized: argument 'z' expected shape"):
        E.check_bn_normalized(z[:2], x)


def test_check_bn_backward():
    def right(dout, x, gamma):
        z = (x - x.mean(axis=0)) / x.std(axis=0)
        return gamma / x.std(axis=0) * (dout - (z * np.sum(dout * z, axis=0) + dout.sum(axis=0)) / len(x))

    def wrong(dout, x, gamma):
        return gamma / x.std(axis=0) * dout

    assert E.check_bn_backward(right) is True
    assert E.check_bn_backward(wrong) is False
    assert E.check_bn_backward(lambda d, x, g: np.zeros((2, 2))) is False
    with pytest.raises(TypeError, match="check_bn_backward: argument 'backward'"):
        E.check_bn_backward(42)


# ---------------------------------------------------------------- the notes' BN formulas

def test_note_bn_backward_right_with_std_wrong_with_variance():
    from dlnotes.gradient import numerical_gradient, relative_error
    from dlnotes.layers import BatchNormalization
    from dlnotes.notes import batchnorm_backward_note, batchnorm_forward_note
    rng = np.random.default_rng(3)
    x, dY = rng.normal(1, 2, (5, 3)), rng.normal(size=(5, 3))
    g, b = rng.normal(size=3), rng.normal(size=3)
    layer = BatchNormalization(g, b, eps=1e-300)
    num = numerical_gradient(lambda _: float(np.sum(dY * layer.forward(x))), x)
    z = (x - x.mean(0)) / x.std(0)
    assert relative_error(batchnorm_backward_note(dY, z, g, x.std(0)), num) < 1e-7
    _, zn, _, var = batchnorm_forward_note(x, g, b)
    num_lit = numerical_gradient(lambda _: float(np.sum(dY * batchnorm_forward_note(x, g, b)[0])), x)
    assert relative_error(batchnorm_backward_note(dY, zn, g, var), num_lit) > 0.1


def test_momentum_explorer_controls_change_path_and_caption():
    from dlnotes.landscapes import run_optimizer
    from dlnotes.optimizers import Adam, Momentum
    e = Wd.momentum_explorer(betas=[0.0, 0.9], steps=[10, 30])
    assert e.n_states == 2 * 2 * 2
    first = e.visible()
    e.controls["beta"].value = 0.9
    e.controls["n_steps"].value = 30
    leaf = e.visible()
    assert leaf is not first
    x, y = run_optimizer(Momentum(lr=0.1, momentum=0.9), "book", (-7, 2), 30)[-1]
    assert f"end point ({x:.4g}, {y:.4g})" in leaf.children[1].value
    e.controls["optimizer"].value = "adam"
    x, y = run_optimizer(Adam(lr=0.3, beta1=0.9), "book", (-7, 2), 30)[-1]
    assert f"end point ({x:.4g}, {y:.4g})" in e.visible().children[1].value
    # momentum 0 is plain SGD with the same learning rate
    e.controls["optimizer"].value = "momentum"
    e.controls["beta"].value = 0.0
    e.controls["n_steps"].value = 10
    from dlnotes.optimizers import SGD
    x, y = run_optimizer(SGD(lr=0.1), "book", (-7, 2), 10)[-1]
    assert f"end point ({x:.4g}, {y:.4g})" in e.visible().children[1].value


def test_second_moment_explorer_controls_change_path_and_caption():
    from dlnotes.landscapes import run_optimizer
    from dlnotes.optimizers import Adam, RMSprop
    e = Wd.second_moment_explorer(betas=[0.5, 0.999], steps=[1, 30])
    assert e.n_states == 2 * 2 * 2
    assert e.controls["optimizer"].value == "rmsprop"
    e.controls["beta"].value = 0.999
    e.controls["n_steps"].value = 1
    # one RMSProp step from (-7, 2) (gradient (x/10, 2y) = (-0.7, 4)) moves each coordinate by
    # lr g / (sqrt((1 - beta) g^2) + eps), about lr / sqrt(1 - beta) = 31.6 lr = 3.162
    g = np.array([-0.7, 4.0])
    expected = np.array([-7.0, 2.0]) - 0.1 * g / (np.sqrt((1 - 0.999) * g * g) + 1e-7)
    assert np.abs(expected - [-7, 2]) == pytest.approx([3.1623, 3.1623], abs=1e-4)
    x, y = run_optimizer(RMSprop(lr=0.1, decay_rate=0.999), "book", (-7, 2), 1)[-1]
    assert (x, y) == pytest.approx(tuple(expected), rel=1e-12)
    assert f"end point ({x:.4g}, {y:.4g})" in e.visible().children[1].value
    e.controls["optimizer"].value = "adam"
    e.controls["beta"].value = 0.5
    e.controls["n_steps"].value = 30
    x, y = run_optimizer(Adam(lr=0.3, beta2=0.5), "book", (-7, 2), 30)[-1]
    assert f"end point ({x:.4g}, {y:.4g})" in e.visible().children[1].value
