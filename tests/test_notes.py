"""The notes' literal formulas: which agree with the library and which do not (and by how much)."""
import numpy as np
import pytest

from dlnotes import notes
from dlnotes.functions import cross_entropy_error, mean_squared_error, softmax
from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes.layers import BatchNormalization, Relu, Softmax, SoftmaxWithLoss

rng = np.random.default_rng(3)   # restarted for each test from its id (tests/conftest.py)


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


# ---- literal transcriptions added for the errata notebook ------------------------------------

def test_softmax_jacobian_note_line1_off_diagonal_is_minus_y_j_squared():
    # x = (0, ln 2) gives y = (1/3, 2/3) exactly
    J = notes.softmax_jacobian_note_335_line1(np.array([0.0, np.log(2.0)]))
    np.testing.assert_allclose(np.diag(J), [2 / 9, 2 / 9], rtol=1e-13)          # y(1 - y): right
    assert J[0, 1] == pytest.approx(-1 / 9, rel=1e-13)                          # printed: -y_0^2
    assert J[1, 0] == pytest.approx(-4 / 9, rel=1e-13)                          # printed: -y_1^2
    layer = Softmax()
    layer.forward(np.array([[0.0, np.log(2.0)]]))
    np.testing.assert_allclose(layer.jacobian()[0], [[2 / 9, -2 / 9], [-2 / 9, 2 / 9]], rtol=1e-13)


def test_softmax_ce_line4_zero_for_true_class():
    y, t = np.array([0.2, 0.3, 0.5]), np.array([0.0, 1.0, 0.0])
    np.testing.assert_allclose(notes.softmax_ce_grad_note_337_line4(y, t), [0.2 / 3, 0.0, 0.5 / 3], rtol=1e-14)
    x = np.log(y)                                   # softmax(x) = y
    num = numerical_gradient(lambda _: notes.cross_entropy_note_336(softmax(x), t), x)
    np.testing.assert_allclose(num, [0.2 / 3, -0.7 / 3, 0.5 / 3], atol=1e-8)
    with pytest.raises(ValueError, match="softmax_ce_grad_note_337_line4.*'t'"):
        notes.softmax_ce_grad_note_337_line4(y, t[:2])


def test_batchnorm_summary_line1_misses_the_mean_term():
    X, gamma, dY = rng.normal(size=(5, 3)), rng.normal(size=3), rng.normal(size=(5, 3))
    layer = BatchNormalization(gamma, np.zeros(3), eps=1e-300)
    layer.forward(X)
    line1 = notes.batchnorm_backward_note_summary_line1(dY, layer.xn, gamma, layer.std)
    final = notes.batchnorm_backward_note(dY, layer.xn, gamma, layer.std)
    np.testing.assert_allclose(final - line1, np.tile(-(gamma * dY.sum(axis=0)) / (5 * layer.std), (5, 1)),
                               rtol=1e-10, atol=1e-13)
    num = numerical_gradient(lambda _: float(np.sum(layer.forward(X) * dY)), X)
    assert relative_error(final, num) < 1e-7
    assert relative_error(line1, num) > 0.1
    with pytest.raises(ValueError, match="batchnorm_backward_note_summary_line1.*'Z'"):
        notes.batchnorm_backward_note_summary_line1(dY, layer.xn[:2], gamma, layer.std)


def test_rmsprop_and_adam_literal_steps():
    p, zero, g = np.array([1.0, 1.0]), np.zeros(2), np.array([0.0, 2.0])
    p1, G1 = notes.rmsprop_step_note(p, zero, g, lr=0.1, beta=0.99)
    assert np.isnan(p1[0])                                   # 0 / sqrt(0)
    assert p1[1] == pytest.approx(1.0 - 0.1 * 2 / np.sqrt(0.01 * 4), rel=1e-14)   # = 1 - 1.0
    np.testing.assert_allclose(G1, [0.0, 0.04], rtol=1e-14)
    p2, M2, G2 = notes.adam_step_note(p, zero, zero, g, lr=0.1)
    assert np.isnan(p2[0])
    assert 1.0 - p2[1] == pytest.approx(0.1 * 0.2 / np.sqrt(0.004), rel=1e-12)     # 3.162 lr
    np.testing.assert_allclose(M2, [0.0, 0.2], rtol=1e-14)
    np.testing.assert_array_equal(p, [1.0, 1.0])             # inputs untouched
    with pytest.raises(ValueError, match="rmsprop_step_note"):
        notes.rmsprop_step_note(p, np.zeros(3), g)


def test_affine_batch_vs_sequential_differs_by_2_lr_squared():
    # two identical examples x = 1, t = 0, w = 1, b = 0: batch W = 1 - 2 lr,
    # sequential W = 1 - 2 lr + 2 lr^2 (worked by hand)
    X, T, W, b = np.ones((2, 1)), np.zeros((2, 1)), np.ones((1, 1)), np.zeros(1)
    for lr in (0.1, 0.01):
        (Wb, bb), (Ws, bs) = notes.affine_batch_vs_sequential(X, T, W, b, lr)
        assert Wb[0, 0] == pytest.approx(1 - 2 * lr, rel=1e-14)
        assert Ws[0, 0] == pytest.approx(1 - 2 * lr + 2 * lr ** 2, rel=1e-14)
        assert bs[0] - bb[0] == pytest.approx(2 * lr ** 2, rel=1e-12)
    (Wb, _), (Ws, _) = notes.affine_batch_vs_sequential(X[:1], T[:1], W, b, 0.3)
    np.testing.assert_allclose(Wb, Ws, rtol=1e-15)          # one example: identical
    with pytest.raises(ValueError, match="affine_batch_vs_sequential"):
        notes.affine_batch_vs_sequential(X, T, np.ones((2, 1)), b, 0.1)
    with pytest.raises(ValueError, match="'lr'"):
        notes.affine_batch_vs_sequential(X, T, W, b, 0)
