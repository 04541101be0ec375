"""Every layer's backward against a numerical gradient of a random linear functional of its output."""
import numpy as np
import pytest

from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes.layers import (Affine, BatchNormalization, Dropout, Relu, Sigmoid, Softmax,
                            SoftmaxWithLoss)

TOL = 1e-6
rng = np.random.default_rng(42)   # restarted for each test from its id (tests/conftest.py)


def check_layer(layer, x, params=(), forward_kw=None):
    """L = sum(forward(x) * R) for a fixed random R, so dL/dout = R. Returns max rel. errors."""
    kw = forward_kw or {}
    out = layer.forward(x, **kw)
    R = rng.normal(size=out.shape)
    R_copy = R.copy()
    dx = layer.backward(R)
    np.testing.assert_array_equal(R, R_copy)                 # backward never mutates dout
    analytic = {"x": dx, **{name: getattr(layer, grad) for name, grad in params}}
    f = lambda _: float(np.sum(layer.forward(x, **kw) * R))
    errs = {"x": relative_error(dx, numerical_gradient(f, x))}
    for name, grad in params:
        errs[name] = relative_error(analytic[name], numerical_gradient(f, getattr(layer, name)))
    return errs


def test_affine_backward():
    layer = Affine(rng.normal(size=(4, 3)), rng.normal(size=3))
    errs = check_layer(layer, rng.normal(size=(5, 4)), [("W", "dW"), ("b", "db")])
    assert max(errs.values()) <= TOL, errs


def test_affine_matches_dup_n_and_formulas():
    X, W, b = rng.normal(size=(6, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    layer = Affine(W, b)
    Y = layer.forward(X)
    dup_b = np.tile(b, (6, 1))                               # seed 003's Dup_N(b)
    np.testing.assert_allclose(Y, X @ W + dup_b, rtol=1e-14)
    dY = rng.normal(size=Y.shape)
    dX = layer.backward(dY)
    np.testing.assert_allclose(dX, dY @ W.T, rtol=1e-14)
    np.testing.assert_allclose(layer.dW, X.T @ dY, rtol=1e-14)
    np.testing.assert_allclose(layer.db, dY.sum(axis=0), rtol=1e-14)


def test_affine_batch_gradient_is_sum_of_per_sample_gradients():
    X, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    dY = rng.normal(size=(5, 3))
    layer = Affine(W, b)
    layer.forward(X)
    layer.backward(dY)
    dW_sum, db_sum = np.zeros_like(W), np.zeros_like(b)
    single = Affine(W, b)
    for i in range(5):
        single.forward(X[i:i + 1])
        single.backward(dY[i:i + 1])
        dW_sum += single.dW
        db_sum += single.db
    np.testing.assert_allclose(layer.dW, dW_sum, rtol=1e-13)
    np.testing.assert_allclose(layer.db, db_sum, rtol=1e-13)


def test_affine_flattens_nd_input():
    layer = Affine(rng.normal(size=(12, 2)), np.zeros(2))
    x = rng.normal(size=(3, 3, 4))
    out = layer.forward(x)
    assert out.shape == (3, 2)
    assert layer.backward(np.ones((3, 2))).shape == (3, 3, 4)


def test_relu_backward():
    x = rng.normal(size=(4, 5))
    x[np.abs(x) < 1e-3] = 0.5                              # keep away from the kink
    assert max(check_layer(Relu(), x).values()) <= TOL


def test_relu_keeps_upstream_gradient():
    # note 3.3.4 drops dL/dY in its result; the right answer multiplies it in
    layer = Relu()
    layer.forward(np.array([[2.0, -1.0]]))
    np.testing.assert_array_equal(layer.backward(np.array([[5.0, 7.0]])), [[5.0, 0.0]])


def test_sigmoid_backward():
    assert max(check_layer(Sigmoid(), rng.normal(size=(4, 5))).values()) <= TOL


def test_softmax_backward_full_jacobian():
    layer = Softmax()
    x = rng.normal(size=(4, 5))
    assert max(check_layer(layer, x).values()) <= TOL
    J = layer.jacobian()
    np.testing.assert_allclose(J.sum(axis=2), 0, atol=1e-15)      # rows of each Jacobian sum to 0
    y = layer.out[0]
    np.testing.assert_allclose(J[0], np.diag(y) - np.outer(y, y), rtol=1e-15)


@pytest.mark.parametrize("labels", ["index", "one_hot"])
def test_softmax_with_loss_backward(labels):
    x = rng.normal(size=(6, 4))
    idx = np.array([0, 3, 1, 1, 2, 3])
    t = idx if labels == "index" else np.eye(4)[idx]
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward()
    num = numerical_gradient(lambda _: layer.forward(x, t), x)
    assert relative_error(dx, num) <= TOL
    y = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(dx, (y - np.eye(4)[idx]) / 6, rtol=1e-13)   # (Y - T) / batch


def test_batchnorm_backward():
    layer = BatchNormalization(rng.normal(size=5), rng.normal(size=5))
    errs = check_layer(layer, rng.normal(size=(8, 5)) * 3 + 1, [("gamma", "dgamma"), ("beta", "dbeta")])
    assert max(errs.values()) <= TOL, errs


def test_batchnorm_forward_statistics_and_eps():
    x = rng.normal(size=(10, 3)) * 4 + 2
    layer = BatchNormalization(np.ones(3), np.zeros(3))
    y = layer.forward(x)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-14)
    np.testing.assert_allclose(y.var(axis=0), x.var(axis=0) / (x.var(axis=0) + 1e-5), rtol=1e-12)
    assert layer.eps == 1e-5
    const = np.ones((4, 2)) * 3.0                           # the note's formula divides 0 by 0 here
    out = BatchNormalization(np.ones(2), np.zeros(2)).forward(const)
    np.testing.assert_array_equal(out, 0.0)


def test_batchnorm_running_stats_used_at_inference():
    layer = BatchNormalization(np.ones(2), np.zeros(2), momentum=0.5)
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    layer.forward(x)
    np.testing.assert_allclose(layer.running_mean, 0.5 * 0 + 0.5 * np.array([2.0, 4.0]))
    np.testing.assert_allclose(layer.running_var, 0.5 * 1 + 0.5 * np.array([1.0, 4.0]))
    one = np.array([[2.0, 4.0]])
    expected = (one - layer.running_mean) / np.sqrt(layer.running_var + 1e-5)
    np.testing.assert_allclose(layer.forward(one, train_flg=False), expected, rtol=1e-14)


def test_batchnorm_batch_of_one_raises():
    with pytest.raises(ValueError, match="BatchNormalization: argument 'x' expected a batch of at least 2"):
        BatchNormalization(np.ones(3), np.zeros(3)).forward(np.ones((1, 3)))


def test_dropout_inverted_and_fixed_mask():
    layer = Dropout(0.5, seed=0)
    x = np.ones((2000, 50))
    y = layer.forward(x)
    assert set(np.unique(y)) == {0.0, 2.0}
    assert y.mean() == pytest.approx(1.0, abs=0.02)          # expectation preserved
    np.testing.assert_array_equal(layer.forward(x, train_flg=False), x)
    mask = rng.random((3, 4)) > 0.5
    layer.fix_mask(mask)
    xs = rng.normal(size=(3, 4))
    np.testing.assert_array_equal(layer.forward(xs), xs * mask * 2)
    assert max(check_layer(layer, xs).values()) <= TOL


def test_float32_stays_float32():
    W = rng.normal(size=(4, 3)).astype(np.float32)
    layer = Affine(W, np.zeros(3, np.float32))
    out = layer.forward(rng.normal(size=(2, 4)).astype(np.float32))
    assert out.dtype == np.float32
    assert layer.backward(np.ones((2, 3), np.float32)).dtype == np.float32
    assert layer.dW.dtype == np.float32


@pytest.mark.parametrize("make, x, err, msg", [
    (lambda: Affine(np.ones((4, 3)), np.ones(3)), np.ones((2, 5)), ValueError,
     r"Affine: argument 'x' expected a batch of shape \(batch, 4\) \(more axes are flattened\), got shape \(2, 5\)"),
    (lambda: Affine(np.ones((4, 3)), np.ones(3)), np.ones(4), ValueError,
     r"Affine: argument 'x' expected a batch of shape \(batch, 4\) \(more axes are flattened\), got shape \(4,\)"),
    (lambda: Affine(np.ones((4, 3)), np.ones(3)), np.array([["a"] * 4]), TypeError,
     "Affine: argument 'x' expected a float array, got dtype <U1"),
    (lambda: Relu(), np.array([[np.nan, 1.0]]), ValueError,
     "Relu: argument 'x' expected finite values, got 1 NaN/inf"),
    (lambda: Softmax(), np.ones(3), ValueError, "Softmax: argument 'x' expected a 2-D array"),
])
def test_bad_inputs(make, x, err, msg):
    with pytest.raises(err, match=msg):
        make().forward(x)


def test_bad_construction_and_backward_misuse():
    with pytest.raises(ValueError, match=r"Affine: argument 'b' expected shape \(3\), got \(4,\)"):
        Affine(np.ones((2, 3)), np.ones(4))
    with pytest.raises(RuntimeError, match="Relu: backward\\(\\) called before forward\\(\\)"):
        Relu().backward(np.ones(3))
    layer = Affine(np.ones((2, 3)), np.ones(3))
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"Affine: argument 'dout' expected shape \(4, 3\), got \(3, 4\)"):
        layer.backward(np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"Dropout: argument 'dropout_ratio' expected a number in \[0, 1\), got 1.0"):
        Dropout(1.0)
    with pytest.raises(ValueError, match=r"SoftmaxWithLoss: argument 't' expected labels in \[0, 3\)"):
        SoftmaxWithLoss().forward(np.ones((2, 3)), np.array([0, 3]))
