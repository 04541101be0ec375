"""Activation and loss functions (notes 2.1, 2.3, 3.1), in the book's ``common/functions`` style.

All functions work element-wise on arrays of any shape except ``softmax``
(row-wise on the last axis) and the losses (batch mean over the first axis).
"""
import numpy as np

from ._checks import as_float_array, as_targets, check_batch, check_probabilities, check_shape

__all__ = ["identity", "step_function", "sigmoid", "sigmoid_grad", "relu", "relu_grad",
           "softmax", "mean_squared_error", "cross_entropy_error"]

# Smallest probability used inside log(); log(1e-300) = -690.8 is finite.
_TINY = 1e-300


def identity(x):
    """The identity f(x) = x, the output activation for regression.

    Regression has continuous outputs, the case note 3.1.1 pairs with the mean squared error."""
    return as_float_array(x, "x", "identity", allow_nan=True)


def step_function(x):
    """Step function of note 2.1: 1 where x >= 0, else 0 (note's convention at 0)."""
    x = as_float_array(x, "x", "step_function", allow_nan=True)
    return (x >= 0).astype(x.dtype)


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)) (note 2.3.1), computed without overflow."""
    x = as_float_array(x, "x", "sigmoid", allow_nan=True)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_grad(x):
    """Derivative of the sigmoid of note 2.3.1, s(x) (1 - s(x)); its maximum is 1/4 at x = 0.

    That small maximum is why gradients fade through many sigmoid layers, the vanishing
    gradient problem that note 2.3.2 says ReLU suffers less from.  The notes derive no
    sigmoid backward pass; ``layers.Sigmoid`` multiplies by this same factor."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x):
    """ReLU max(0, x) (note 2.3.2)."""
    x = as_float_array(x, "x", "relu", allow_nan=True)
    return np.maximum(x, 0)


def relu_grad(x):
    """Derivative of ReLU: 1 where x > 0, else 0, the factor of the ReLU backward pass (note 3.3.4).

    ReLU has no derivative at exactly 0; this takes 0 there, as the book's code does, while
    the note writes 1 for x >= 0 (so this is the step function except at 0)."""
    x = as_float_array(x, "x", "relu_grad", allow_nan=True)
    return (x > 0).astype(x.dtype)


def softmax(x):
    """Softmax along the last axis, shifted by the row maximum (notes 2.3.3, 2.5).

    The shift does not change the result (the note's identity) but keeps
    ``exp`` finite: ``softmax([1000, 1000])`` is ``[0.5, 0.5]``, not ``nan``.
    """
    x = as_float_array(x, "x", "softmax", ndim=(1, 2))
    if x.size == 0:
        raise ValueError(f"softmax: argument 'x' expected at least one score per row, got shape {x.shape}")
    e = np.exp(x - x.max(axis=-1, keepdims=True))      # shifted by the row maximum
    return e / e.sum(axis=-1, keepdims=True)


def _as_batch(y, t, owner):
    """Bring prediction ``y`` to 2-D (batch, C), checked and non-empty; a single row
    ``y`` of shape (C,) goes with a single label or a single target row."""
    y = as_float_array(y, "y", owner, ndim=(1, 2))
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = np.asarray(t)
        t = t.reshape(1, -1) if t.ndim == 1 and t.size == y.shape[1] and t.size > 1 else t.reshape(-1)
    check_batch(y, "y", owner)
    return y, t


def mean_squared_error(y, t):
    """The book's loss of this name: half the *sum* of squared errors of each example (the
    book's 2乗和誤差), averaged over the batch.

    Note 3.1.1 (平均二乗誤差) instead takes a true mean over the C classes;
    ``mean_squared_error(y, t) * 2 / C`` converts. ``t`` may be class indices or real targets of the same shape as ``y``.
    """
    y, t = _as_batch(y, t, "mean_squared_error")
    if np.ndim(t) == 2:
        T = as_float_array(t, "t", "mean_squared_error")
        check_shape(T, y.shape, "t", "mean_squared_error")
    else:
        T = as_targets(t, *y.shape, "mean_squared_error")
    return 0.5 * float(np.sum((y - T) ** 2)) / y.shape[0]


def cross_entropy_error(y, t):
    """Cross-entropy -sum(t log y) / batch (note 3.1.2, book convention; note 3.3.7).

    ``y`` holds probabilities (rows of a softmax; anything else is refused, with
    a hint to apply softmax); ``t`` is class indices or rows that are probability
    vectors, one-hot or soft.  y is clipped below at a tiny number so log(0) never occurs.
    """
    y, t = _as_batch(y, t, "cross_entropy_error")
    check_probabilities(y, "y", "cross_entropy_error",
                        hint="; apply softmax to scores first (dlnotes.functions.softmax)")
    return _cross_entropy(y, as_targets(t, *y.shape, "cross_entropy_error", dtype=y.dtype))


def _cross_entropy(y, T):
    """-sum(T log y) / batch for checked probabilities ``y`` and target rows ``T``."""
    # 1e-300 is 0 in float32, so clip there at float32's smallest normal number instead.
    tiny = _TINY if y.dtype == np.float64 else np.finfo(y.dtype).tiny
    return -float(np.sum(T * np.log(np.maximum(y, tiny)))) / y.shape[0]
