"""Input validation shared by every dlnotes module.

Each helper raises a ``TypeError``/``ValueError`` whose message names the
owner (layer, function or optimizer), the argument, what was expected and
what was received -- so a reader sees *which* call went wrong.
"""
import numpy as np


class NonFiniteError(ValueError):
    """An array that must be finite holds NaN or inf (a ValueError, so callers may catch either)."""


def _where(owner, name):
    return f"{owner}: argument '{name}'" if owner else f"argument '{name}'"


def as_float_array(x, name, owner="", ndim=None, allow_nan=False):
    """Return ``x`` as a floating ndarray after checking type, rank and NaN.

    Lists and integer arrays are accepted and converted to float64; booleans,
    strings and objects are refused.  Float32 arrays keep their dtype.
    """
    where = _where(owner, name)
    if not isinstance(x, np.ndarray) and (isinstance(x, (list, tuple)) or np.isscalar(x)):
        x = np.asarray(x)
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{where} expected a numpy array, got {type(x).__name__}")
    if x.dtype.kind in "iu":
        x = x.astype(np.float64)
    elif x.dtype.kind != "f":
        raise TypeError(f"{where} expected a float array, got dtype {x.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if x.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{where} expected a {want} array, got shape {x.shape}")
    if not allow_nan:
        check_finite(x, name, owner)
    return x


def check_finite(x, name, owner=""):
    """Raise NonFiniteError, counting the bad entries, if the array ``x`` holds NaN or inf."""
    if not np.isfinite(x).all():
        bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
        raise NonFiniteError(f"{_where(owner, name)} expected finite values, got {bad} NaN/inf entries")


def check_shape(x, expected, name, owner=""):
    """Check ``x.shape`` against ``expected`` where ``None`` matches any size."""
    ok = x.ndim == len(expected) and all(e is None or e == s for e, s in zip(expected, x.shape))
    if not ok:
        want = "(" + ", ".join("*" if e is None else str(e) for e in expected) + ")"
        raise ValueError(f"{_where(owner, name)} expected shape {want}, got {x.shape}")


def check_real(value, name, owner="", finite=True):
    """A real number (bools refused) returned as float; NaN/inf refused when ``finite``."""
    where = _where(owner, name)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where} expected a real number, got {type(value).__name__}")
    if finite and not np.isfinite(value):
        raise ValueError(f"{where} expected a finite number, got {value!r}")
    return float(value)


def check_positive(value, name, owner="", allow_zero=False):
    """A real number > 0 (or >= 0 with ``allow_zero``)."""
    where = _where(owner, name)
    check_real(value, name, owner, finite=False)
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        want = "a number >= 0" if allow_zero else "a positive number"
        raise ValueError(f"{where} expected {want}, got {value!r}")
    return float(value)


def check_fraction(value, name, owner="", closed_low=True):
    """A number in [0, 1) (or (0, 1) when ``closed_low`` is False)."""
    where = _where(owner, name)
    check_real(value, name, owner, finite=False)
    low_ok = value >= 0 if closed_low else value > 0
    if not (low_ok and value < 1):
        interval = "[0, 1)" if closed_low else "(0, 1)"
        raise ValueError(f"{where} expected a number in {interval}, got {value!r}")
    return float(value)


def check_int(value, name, owner="", minimum=0):
    """An integer >= ``minimum`` (bools refused)."""
    where = _where(owner, name)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{where} expected an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{where} expected an integer >= {minimum}, got {value}")
    return int(value)


def check_choice(value, name, choices, owner=""):
    """One of ``choices`` (case-insensitive for strings); returns the canonical key."""
    where = _where(owner, name)
    if not isinstance(value, str):
        raise TypeError(f"{where} expected one of {sorted(choices)}, got {type(value).__name__}")
    key = value.lower()
    if key not in choices:
        raise ValueError(f"{where} expected one of {sorted(choices)}, got {value!r}")
    return key


def labels_to_indices(t, n_classes, batch, owner="", name="t"):
    """Turn one-hot or index labels into an int index vector of length ``batch``.

    One-hot rows must have shape ``(batch, n_classes)``; index labels must be
    integers in ``[0, n_classes)``.
    """
    where = _where(owner, name)
    t = np.asarray(t)
    if t.ndim == 2 and t.shape == (batch, n_classes):
        return t.argmax(axis=1)
    if t.ndim == 1 and t.shape[0] == batch:
        if t.dtype.kind == "f":
            if not np.all(t == np.round(t)):
                raise ValueError(f"{where} expected integer class labels, got non-integer floats")
            t = t.astype(np.int64)
        elif t.dtype.kind not in "iu":
            raise TypeError(f"{where} expected integer labels, got dtype {t.dtype}")
        if t.size and (t.min() < 0 or t.max() >= n_classes):
            raise ValueError(
                f"{where} expected labels in [0, {n_classes}), got values in [{t.min()}, {t.max()}]")
        return t.astype(np.int64)
    raise ValueError(
        f"{where} expected one-hot shape ({batch}, {n_classes}) or index shape ({batch},), got {t.shape}")
