"""Activation and loss functions (notes 2.1, 2.3, 3.1), in the book's ``common/functions`` style.

All functions work element-wise on arrays of any shape except ``softmax``
(row-wise on the last axis) and the losses (batch mean over the first axis).
"""
import numpy as np

from ._checks import as_float_array, labels_to_indices

__all__ = ["identity", "step_function", "sigmoid", "sigmoid_grad", "relu", "relu_grad",
           "softmax", "mean_squared_error", "cross_entropy_error"]

# Smallest probability used inside log(); log(1e-300) = -690.8 is finite.
_TINY = 1e-300


def identity(x):
    """f(x) = x (used as the output activation of regression)."""
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
    """Derivative of the sigmoid, s(x) (1 - s(x)); its maximum is 1/4 at x = 0."""
    s = sigmoid(x)
    return s * (1.0 - s)


def relu(x):
    """ReLU max(0, x) (note 2.3.2)."""
    x = as_float_array(x, "x", "relu", allow_nan=True)
    return np.maximum(x, 0)


def relu_grad(x):
    """Derivative of ReLU: 1 where x > 0, else 0 (the step function, except at 0)."""
    x = as_float_array(x, "x", "relu_grad", allow_nan=True)
    return (x > 0).astype(x.dtype)


def softmax(x):
    """Softmax along the last axis, shifted by the row maximum (notes 2.3.3, 2.5).

    The shift does not change the result (the note's identity) but keeps
    ``exp`` finite: ``softmax([1000, 1000])`` is ``[0.5, 0.5]``, not ``nan``.
    """
    return _softmax_rows(as_float_array(x, "x", "softmax", ndim=(1, 2)))


def _softmax_rows(x):
    """softmax of an already checked float array."""
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z, out=z)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def _as_batch(y, t, owner):
    """Bring prediction ``y`` to 2-D (batch, C); return it with ``t`` unchanged in meaning."""
    y = as_float_array(y, "y", owner, ndim=(1, 2))
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.ndim == 1 and t.size == y.shape[1] and t.size > 1 else t.reshape(-1)
    return y, t


def mean_squared_error(y, t):
    """Book convention: 0.5 * sum of squared errors, averaged over the batch.

    The note (3.1.1) instead divides by the class count C; ``mean_squared_error(y, t) * 2 / C``
    converts. ``t`` may be one-hot (same shape as ``y``) or class indices.
    """
    y, t = _as_batch(y, t, "mean_squared_error")
    batch, n_classes = y.shape
    if t.shape != y.shape:
        idx = labels_to_indices(t, n_classes, batch, "mean_squared_error")
        t = np.zeros_like(y)
        t[np.arange(batch), idx] = 1.0
    else:
        t = as_float_array(t, "t", "mean_squared_error")
    return 0.5 * float(np.sum((y - t) ** 2)) / batch


def cross_entropy_error(y, t):
    """Cross-entropy -sum t log y averaged over the batch (note 3.1.2, book convention).

    ``y`` holds probabilities (rows of a softmax); ``t`` is one-hot or class
    indices.  Probabilities are clipped below at 1e-300 so log(0) never occurs.
    """
    y, t = _as_batch(y, t, "cross_entropy_error")
    batch, n_classes = y.shape
    idx = labels_to_indices(t, n_classes, batch, "cross_entropy_error")
    return _cross_entropy_indices(y, idx)


def _cross_entropy_indices(y, idx):
    """cross_entropy_error of checked 2-D probabilities ``y`` and int index labels ``idx``."""
    batch = y.shape[0]
    p = y[np.arange(batch), idx]
    # 1e-300 is 0 in float32, so clip there at float32's smallest normal number instead.
    tiny = _TINY if p.dtype == np.float64 else np.finfo(p.dtype).tiny
    return -float(np.sum(np.log(np.maximum(p, tiny)))) / batch
