"""Numerical differentiation (note 3.3.1) and gradient checking.

``numerical_diff`` offers the forward and backward differences the note
defines, the central difference it recommends, and the 5- and 7-point
formulas it mentions.  Their truncation errors are O(h), O(h), O(h^2),
O(h^4) and O(h^6).
"""
import numpy as np

from ._checks import as_float_array, check_choice, check_positive

__all__ = ["numerical_diff", "numerical_gradient", "relative_error", "gradient_check",
           "DIFF_METHODS", "DIFF_ORDERS", "finite_difference_errors", "roundoff_error", "fitted_orders",
           "optimal_steps"]

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
    if not isinstance(x, np.ndarray) or x.dtype not in (np.float32, np.float64):
        got = f"dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        raise TypeError("numerical_gradient: argument 'x' expected a float32 or float64 numpy array "
                        f"(float16 cannot hold x + h for small h), got {got}")
    method = check_choice(method, "method", _STENCILS, "numerical_gradient")
    h = check_positive(h, "h", "numerical_gradient")
    offsets, weights = _STENCILS[method]
    grad = np.zeros_like(x, dtype=np.float64)
    for i in np.ndindex(x.shape):
        orig = x[i]
        try:
            total = 0.0
            for k, w in zip(offsets, weights):
                x[i] = orig + k * h
                total += w * float(f(x))
        finally:                               # x is restored even when f raises
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


# ---------------------------------------------------------------- error studies (notebook 03-2)

def finite_difference_errors(f=np.sin, df=np.cos, x=1.0, hs=None):
    """The error of each difference formula of note 3.3.1 against the exact derivative, per h.

    The error is |numerical_diff(f, x, h, method) - df(x)|.  Returns (hs, {method: errors}).
    Default hs: 61 values from 1e-12 to 1 (log-spaced)."""
    hs = np.logspace(-12, 0, 61) if hs is None else as_float_array(hs, "hs", "finite_difference_errors", ndim=1)
    exact = float(df(x))
    errs = {m: np.array([abs(numerical_diff(f, x, h, m) - exact) for h in hs]) for m in DIFF_METHODS}
    return hs, errs


def roundoff_error(f, x, hs):
    """The round-off estimate eps * |f(x)| / h of a difference quotient, for each step in ``hs``.

    Why the step of note 3.3.1 cannot be made arbitrarily small: the note does not discuss
    rounding, but subtracting two nearly equal values of f loses about eps * |f(x)|, divided
    by h.  |f(x)| is floored at 1e-300, so the estimate stays positive."""
    return np.finfo(float).eps * max(abs(float(f(x))), 1e-300) / np.asarray(hs, dtype=float)


def fitted_orders(f=np.sin, df=np.cos, x=1.0):
    """The measured order p (error ~ h^p) of each difference formula of note 3.3.1.

    The least-squares slope of log(error) against log(h) per method, fitted where truncation
    dominates (h <= 0.3 and error at least 1e3 times the round-off estimate eps * |f| / h).
    Expected: 1, 1, 2, 4, 6."""
    hs, errs = finite_difference_errors(f, df, x)
    floor = roundoff_error(f, x, hs)
    out = {}
    for m, e in errs.items():
        keep = (hs <= 0.3) & (e > 1e3 * floor)
        slope = np.polyfit(np.log10(hs[keep]), np.log10(e[keep]), 1)[0]
        out[m] = float(slope)
    return out


def optimal_steps(f=np.sin, df=np.cos, x=1.0):
    """The best step h of each difference formula of note 3.3.1, measured and predicted.

    Returns {method: (h with the smallest measured error, that error, eps ** (1/(order+1)))}.
    The error is about C h^p (truncation) + eps |f| / h (round-off); the sum is smallest near
    h ~ eps^(1/(p+1)), the last entry."""
    hs, errs = finite_difference_errors(f, df, x)
    eps = np.finfo(float).eps
    return {m: (float(hs[np.argmin(e)]), float(e.min()), float(eps ** (1 / (DIFF_ORDERS[m] + 1))))
            for m, e in errs.items()}


__all__ += ["central_step_study"]


def central_step_study(f=np.sin, df=np.cos, d3f=lambda x: -np.cos(x), x=1.0, h_book=1e-4):
    """How good the book's step h = 1e-4 is for the central difference of note 3.3.1, measured.

    On the grid of :func:`finite_difference_errors` (61 steps, 1e-12 to 1) it finds the step with
    the smallest measured error and compares the error at ``h_book`` with it.  Two predictions
    go with it: the bare scale eps^(1/3), and the optimum of the error model
    |f'''| h²/6 (truncation) + eps |f| / h (round-off), h_model = (3 eps |f| / |f'''|)^(1/3).
    Returns a dict: h_best, error_best, h_ties (every grid step reaching error_best: the
    round-off part is jagged), h_book, error_book, ratio (error_book / error_best), h_eps,
    factor (h_eps / h_best), h_model, error_at_model (measured at the grid step nearest h_model).
    """
    h_book = check_positive(h_book, "h_book", "central_step_study")
    hs, errs = finite_difference_errors(f, df, x)
    e = errs["central"]
    i = int(np.argmin(e))
    eps = np.finfo(float).eps
    e_book = abs(numerical_diff(f, x, h_book, "central") - float(df(x)))
    h_model = float((3 * eps * abs(float(f(x))) / abs(float(d3f(x)))) ** (1 / 3))
    j = int(np.argmin(np.abs(np.log(hs) - np.log(h_model))))
    return {"h_best": float(hs[i]), "error_best": float(e[i]),
            "h_ties": [float(h) for h in hs[e == e[i]]],
            "h_book": h_book, "error_book": float(e_book), "ratio": float(e_book / e[i]),
            "h_eps": float(eps ** (1 / 3)), "factor": float(eps ** (1 / 3) / hs[i]),
            "h_model": h_model, "error_at_model": float(e[j])}
