"""Numerical differentiation (note 3.3.1) and gradient checking.

``numerical_diff`` offers the forward and backward differences the note
defines, the central difference it recommends, and the 5- and 7-point
formulas it mentions.  Their truncation errors are O(h), O(h), O(h^2),
O(h^4) and O(h^6).
"""
import numpy as np

from ._checks import as_float_array, check_choice, check_positive

__all__ = ["numerical_diff", "numerical_gradient", "relative_error", "gradient_check",
           "DIFF_METHODS", "DIFF_ORDERS"]

# Stencil offsets (in units of h) and weights; derivative = sum(w * f(x + k h)) / h.
_STENCILS = {
    "forward": ((0, 1), (-1.0, 1.0)),
    "backward": ((-1, 0), (-1.0, 1.0)),
    "central": ((-1, 1), (-0.5, 0.5)),
    "five_point": ((-2, -1, 1, 2), (1 / 12, -8 / 12, 8 / 12, -1 / 12)),
    "seven_point": ((-3, -2, -1, 1, 2, 3), (-1 / 60, 9 / 60, -45 / 60, 45 / 60, -9 / 60, 1 / 60)),
}
#: Names of the difference formulas ``numerical_diff`` accepts as ``method`` (note 3.3.1).
DIFF_METHODS = tuple(_STENCILS)
#: Order of the truncation error, O(h**order), of each difference formula (note 3.3.1).
DIFF_ORDERS = {"forward": 1, "backward": 1, "central": 2, "five_point": 4, "seven_point": 6}


def numerical_diff(f, x, h=1e-4, method="central"):
    """Approximate f'(x) of a scalar function by a finite-difference stencil (note 3.3.1).

    ``method`` is one of :data:`DIFF_METHODS`; its error shrinks as h**order
    (:data:`DIFF_ORDERS`) until round-off takes over.
    """
    method = check_choice(method, "method", _STENCILS, "numerical_diff")
    h = check_positive(h, "h", "numerical_diff")
    offsets, weights = _STENCILS[method]
    return sum(w * f(x + k * h) for k, w in zip(offsets, weights)) / h


def numerical_gradient(f, x, h=1e-4, method="central"):
    """Gradient of scalar ``f(x)`` with respect to every entry of float array ``x`` (note 3.3.1).

    ``x`` is perturbed in place one entry at a time (so ``f`` may close over
    it, as the book's networks do) and restored exactly afterwards.
    """
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        got = x.dtype if isinstance(x, np.ndarray) else type(x).__name__
        raise TypeError(f"numerical_gradient: argument 'x' expected a float numpy array, got {got}")
    method = check_choice(method, "method", _STENCILS, "numerical_gradient")
    h = check_positive(h, "h", "numerical_gradient")
    offsets, weights = _STENCILS[method]
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        orig = x[i]
        total = 0.0
        for k, w in zip(offsets, weights):
            x[i] = orig + k * h
            total += w * float(f(x))
        x[i] = orig
        grad[i] = total / h
    return grad.astype(x.dtype, copy=False)


def relative_error(a, b, floor=1e-8):
    """max |a - b| / max(|a| + |b|, floor), element-wise maximum (the cs231n measure).

    The number the gradient checks of notes 3.3.2-3.3.7 and 4.2.1 compare with a tolerance.
    """
    a = as_float_array(a, "a", "relative_error")
    b = as_float_array(b, "b", "relative_error")
    if a.shape != b.shape:
        raise ValueError(f"relative_error: shapes differ, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), floor)))


def gradient_check(analytic, numeric):
    """Max relative error per key of two gradient dicts (or of two arrays).

    Backpropagation (notes 3.3.2-3.3.7) checked against ``numerical_gradient``: each value
    is :func:`relative_error` of the analytic and the numerical gradient.
    """
    if isinstance(analytic, dict):
        missing = set(analytic) ^ set(numeric)
        if missing:
            raise ValueError(f"gradient_check: keys differ: {sorted(missing)}")
        return {k: relative_error(analytic[k], numeric[k]) for k in analytic}
    return relative_error(analytic, numeric)
