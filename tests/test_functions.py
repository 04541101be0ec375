"""Activation and loss functions against golden values (the book's examples) and identities."""
import numpy as np
import pytest

from dlnotes.functions import (cross_entropy_error, identity, mean_squared_error, relu, relu_grad,
                               sigmoid, sigmoid_grad, softmax, step_function)

# The book's 10-class example: the right class is 2.
T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=float)
Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


def test_softmax_golden():
    np.testing.assert_allclose(softmax(np.array([0.3, 2.9, 4.0])),
                               [0.01821127, 0.24519181, 0.73659691], atol=5e-9)


def test_softmax_matches_definition_and_is_row_wise():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 4))
    direct = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(x), direct, rtol=1e-14)
    np.testing.assert_allclose(softmax(x).sum(axis=1), 1.0, rtol=1e-15)


def test_softmax_large_inputs_stay_finite():
    y = softmax(np.array([[1000.0, 1000.0, 990.0], [-1000.0, -1000.0, -1000.0]]))
    assert np.all(np.isfinite(y))
    np.testing.assert_allclose(y[1], [1 / 3] * 3, rtol=1e-15)
    e = np.exp(-10.0)
    np.testing.assert_allclose(y[0], [1 / (2 + e), 1 / (2 + e), e / (2 + e)], rtol=1e-14)


def test_softmax_shift_invariance():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 7))
    c = rng.normal(size=(6, 1)) * 50
    np.testing.assert_allclose(softmax(x + c), softmax(x), rtol=1e-12)


def test_losses_book_example():
    assert mean_squared_error(Y_RIGHT, T) == pytest.approx(0.0975, abs=1e-12)
    assert mean_squared_error(Y_WRONG, T) == pytest.approx(0.5975, abs=1e-12)
    # dlnotes computes the exact -log(y_true); the book's golden numbers 0.510825457 and
    # 2.302584093 are -log(y_true + 1e-7) (its code adds delta = 1e-7 inside the log).
    assert cross_entropy_error(Y_RIGHT, T) == -np.log(0.6)
    assert cross_entropy_error(Y_WRONG, T) == -np.log(0.1)
    assert -np.log(0.6 + 1e-7) == pytest.approx(0.510825457, abs=1e-9)
    assert -np.log(0.1 + 1e-7) == pytest.approx(2.302584093, abs=1e-9)
    assert cross_entropy_error(Y_RIGHT, T) == pytest.approx(0.510825457, abs=2e-7)
    assert cross_entropy_error(Y_WRONG, T) == pytest.approx(2.302584093, abs=2e-6)


def test_cross_entropy_label_indices_equal_one_hot_and_batch_mean():
    y = np.vstack([Y_RIGHT, Y_WRONG])
    t_onehot = np.vstack([T, T])
    by_index = cross_entropy_error(y, np.array([2, 2]))
    assert by_index == pytest.approx(cross_entropy_error(y, t_onehot), rel=1e-15)
    assert by_index == pytest.approx((-np.log(0.6) - np.log(0.1)) / 2, rel=1e-14)
    assert mean_squared_error(y, np.array([2, 2])) == pytest.approx((0.0975 + 0.5975) / 2, rel=1e-12)


def test_cross_entropy_never_logs_zero():
    loss = cross_entropy_error(np.array([[1.0, 0.0]]), np.array([1]))
    assert np.isfinite(loss) and loss > 600        # -log(1e-300) = 690.8


def test_elementwise_functions():
    x = np.array([-2.0, -0.0, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(step_function(x), [0, 1, 1, 1, 1])   # fires at x >= 0 (note 2.1)
    np.testing.assert_array_equal(relu(x), [0, 0, 0, 0.5, 3.0])
    np.testing.assert_array_equal(relu_grad(x), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(identity(x), x)
    np.testing.assert_allclose(sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    assert sigmoid_grad(np.array(0.0)) == 0.25
    big = sigmoid(np.array([-800.0, 800.0]))
    np.testing.assert_array_equal(big, [0.0, 1.0])


def test_sigmoid_grad_max_is_quarter():
    x = np.linspace(-10, 10, 20001)
    g = sigmoid_grad(x)
    assert g.max() == 0.25 and x[g.argmax()] == 0.0


@pytest.mark.parametrize("bad, err, msg", [
    (np.array([["a", "b"]]), TypeError, "softmax: argument 'x' expected a float array"),
    (np.array([1.0, np.nan]), ValueError, "softmax: argument 'x' expected finite values"),
    (np.zeros((2, 2, 2)), ValueError, r"expected a 1-D or 2-D array, got shape \(2, 2, 2\)"),
])
def test_softmax_bad_input(bad, err, msg):
    with pytest.raises(err, match=msg):
        softmax(bad)


def test_loss_bad_labels():
    y = np.vstack([Y_RIGHT, Y_WRONG])
    with pytest.raises(ValueError, match=r"labels in \[0, 10\), got values in \[2, 10\]"):
        cross_entropy_error(y, np.array([2, 10]))
    with pytest.raises(ValueError, match=r"labels of shape \(2,\) or rows of shape \(2, 10\), got \(3,\)"):
        cross_entropy_error(y, np.array([1, 2, 3]))
    with pytest.raises(ValueError, match="non-integer"):
        cross_entropy_error(y, np.array([1.5, 2.0]))
