"""The notes' literal formulas: which agree with the library and which do not (and by how much)."""
import numpy as np
import pytest

from dlnotes import notes
from dlnotes.functions import cross_entropy_error, mean_squared_error, softmax
from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes.layers import BatchNormalization, Relu, SoftmaxWithLoss

rng = np.random.default_rng(3)


def test_losses_differ_by_normalisation_only():
    y, t = softmax(rng.normal(size=5)), np.eye(5)[2]
    assert notes.mse_note(y, t) == pytest.approx(mean_squared_error(y, t) * 2 / 5, rel=1e-14)
    assert notes.cross_entropy_note_312(y, t) == pytest.approx(cross_entropy_error(y, t), rel=1e-14)
    assert notes.cross_entropy_note_336(y, t) == pytest.approx(cross_entropy_error(y, t) / 5, rel=1e-14)


def test_softmax_ce_backward_note_is_gradient_of_its_own_loss():
    X = rng.normal(size=(4, 3))
    T = np.eye(3)[[0, 2, 1, 1]]
    Y = softmax(X)
    # the note's 3.3.6 loss summed over rows has gradient (Y - T) / C ...
    f = lambda _: sum(notes.cross_entropy_note_336(softmax(X[i]), T[i]) for i in range(4))
    assert relative_error(notes.softmax_ce_backward_note(Y, T), numerical_gradient(f, X)) < 1e-7
    # ... while the batch-mean loss of the book has (Y - T) / B
    layer = SoftmaxWithLoss()
    layer.forward(X, T)
    np.testing.assert_allclose(layer.backward(), (Y - T) / 4, rtol=1e-13)


def test_relu_backward_note_drops_upstream_gradient():
    x, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    layer = Relu()
    layer.forward(x)
    right = layer.backward(dout)
    assert relative_error(notes.relu_backward_note(x, dout) * dout, right) == 0.0
    assert relative_error(notes.relu_backward_note(x, dout), right) > 0.5


def test_batchnorm_note_forward_divides_by_variance():
    X = rng.normal(size=(8, 3)) * 3
    _, Z, _, sigma = notes.batchnorm_forward_note(X, np.ones(3), np.zeros(3))
    np.testing.assert_allclose(Z.std(axis=0), np.sqrt(sigma) / sigma, rtol=1e-12)   # = 1/std, not 1
    const = np.ones((4, 2))
    _, Zc, _, _ = notes.batchnorm_forward_note(const, np.ones(2), np.zeros(2))
    assert np.all(np.isnan(Zc))                                                  # 0 / 0 without eps


def test_batchnorm_note_backward_right_with_std():
    X, gamma, beta = rng.normal(size=(6, 4)), rng.normal(size=4), rng.normal(size=4)
    dY = rng.normal(size=(6, 4))
    layer = BatchNormalization(gamma, beta)
    layer.forward(X)
    dx = layer.backward(dY)
    dx_note = notes.batchnorm_backward_note(dY, layer.xn, gamma, layer.std)
    assert relative_error(dx_note, dx) < 1e-12
    f = lambda _: float(np.sum(layer.forward(X) * dY))
    assert relative_error(dx_note, numerical_gradient(f, X)) < 1e-6


def test_note_optimizers_first_steps():
    g = np.array([0.5, -2.0])
    p = {"w": np.zeros(2)}
    notes.adam_note(lr=0.1).update(p, {"w": g})
    np.testing.assert_allclose(p["w"], -0.1 * 0.1 * g / np.sqrt(0.001 * g * g), rtol=1e-12)
    assert abs(p["w"][0]) / 0.1 == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-12)    # 3.162 lr
    p = {"w": np.zeros(2)}
    notes.rmsprop_note(lr=0.1).update(p, {"w": g})
    np.testing.assert_allclose(p["w"], -0.1 * g / np.sqrt(0.01 * g * g), rtol=1e-12)  # 10 lr
