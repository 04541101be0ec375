"""Chapter 4 figures and the exercise checkers (notebooks 04-1, 04-2, 04-3; the live optimizer explorer
is tested in test_live_optim).
The paths and training runs they draw are tested in test_landscapes and test_experiments."""
import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.exercises import ch4 as E
from dlnotes.plots import ch4 as P


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


# ---------------------------------------------------------------- the book-scale page (04-3, issue 22)

def test_check_shirt_recall(capsys):
    """The recall of "Shirt", recounted here from the saved predictions and the test labels one
    image at a time; its precision, the accuracy and the count are wrong answers with a hint."""
    from dlnotes import bookscale
    from dlnotes.datasets import load_fashion_mnist
    _, (_, t) = load_fashion_mnist(normalize=False)
    pred = bookscale.load_results()["results"]["two_layer"]["pred"]
    shirts = [p for p, label in zip(pred, t) if label == 6]
    recall = sum(p == 6 for p in shirts) / len(shirts)
    precision = sum(label == 6 for p, label in zip(pred, t) if p == 6) / sum(p == 6 for p in pred)
    assert len(shirts) == 1000
    assert E.check_shirt_recall(recall) is True
    assert capsys.readouterr().out.startswith("Right: ")
    assert E.check_shirt_recall(round(recall, 3)) is True
    assert E.check_shirt_recall(recall + 0.006) is False
    if abs(precision - recall) > 0.005:
        assert E.check_shirt_recall(precision) is False
        assert "precision" in capsys.readouterr().out
    accuracy = np.mean(np.array(pred) == t)
    assert E.check_shirt_recall(accuracy) is False
    assert "all ten classes" in capsys.readouterr().out
    assert E.check_shirt_recall(sum(p == 6 for p in shirts)) is False
    assert "a count" in capsys.readouterr().out
    answer = E.check_shirt_recall.answer()
    assert answer.expected == pytest.approx((recall,), abs=1e-12)
    with pytest.raises(TypeError, match="check_shirt_recall: argument 'answer'"):
        E.check_shirt_recall("0.6")


def test_check_adam_late_ratio(capsys):
    """The ratio of the note's Adam's step to the corrected one's at t, in closed form:
    (1 - beta1^tau) / sqrt(1 - beta2^tau), 3.162 at tau = 1, 1.075 at tau = 2000."""
    closed = lambda tau: (1 - 0.9 ** tau) / np.sqrt(1 - 0.999 ** tau)          # noqa: E731
    assert E.check_adam_late_ratio(closed(2000)) is True
    assert capsys.readouterr().out.startswith("Right: ")
    assert E.check_adam_late_ratio.answer().expected == pytest.approx((closed(2000),), rel=1e-6)
    assert E.check_adam_late_ratio.answer(1).expected == pytest.approx((0.1 / np.sqrt(0.001),), rel=1e-5)
    for wrong, says in ((1.0, "beta2^tau is not"), (0.1 / np.sqrt(0.001), "first steps"),
                        (1 / E.check_adam_late_ratio.answer().expected[0], "other way round")):
        assert E.check_adam_late_ratio(wrong) is False
        assert says in " ".join(capsys.readouterr().out.split()), wrong
    assert E.check_adam_late_ratio(closed(2000) + 0.002) is False
