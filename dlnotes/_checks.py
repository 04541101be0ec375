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


def check_bool(value, name, owner=""):
    """True or False (numpy bools too); strings such as 'no' are refused, not read as True."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{_where(owner, name)} expected True or False, got {type(value).__name__} {value!r}")
    return bool(value)


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
    """Class indices of length ``batch`` from integer labels or from probability rows.

    Index labels must be integers in ``[0, n_classes)``; rows (shape ``(batch,
    n_classes)``) must be probability vectors and give their most likely class.
    """
    where = _where(owner, name)
    if isinstance(t, (bool, np.bool_)) or np.ndim(t) == 0:
        raise TypeError(f"{where} expected an array of labels, got {type(t).__name__}")
    t = np.asarray(t)
    if t.ndim == 2 and t.shape == (batch, n_classes):
        return check_probabilities(as_float_array(t, name, owner), name, owner).argmax(axis=1)
    if t.ndim == 1 and t.shape[0] == batch:
        if t.dtype.kind == "f":
            check_finite(t, name, owner)
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
        f"{where} expected labels of shape ({batch},) or rows of shape ({batch}, {n_classes}), got {t.shape}")

def check_batch(x, name, owner=""):
    """An array with at least one row (axis 0): an empty batch has no mean, no loss, no gradient."""
    if x.ndim == 0 or x.shape[0] == 0:
        raise ValueError(f"{_where(owner, name)} expected a batch of at least one row, got shape {x.shape}")
    return x


def _row_tolerance(dtype):
    """How far a row sum may be from 1: sqrt(machine epsilon), 1.5e-8 (float64) or 3.5e-4 (float32)."""
    return float(np.sqrt(np.finfo(dtype).eps))


def check_probabilities(p, name, owner="", hint=""):
    """Rows of probabilities: every entry in [0, 1] and every row (last axis) summing to 1."""
    where = _where(owner, name)
    if p.size and (p.min() < 0 or p.max() > 1):
        raise ValueError(f"{where} expected probabilities in [0, 1], got values in "
                         f"[{p.min():.4g}, {p.max():.4g}]{hint}")
    sums = p.sum(axis=-1)
    bad = np.flatnonzero(np.abs(sums - 1) > _row_tolerance(p.dtype) * p.shape[-1])
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"{where} expected rows summing to 1, got {bad.size} rows that do not "
                         f"(row {i} sums to {float(sums.reshape(-1)[i]):.6g}){hint}")
    return p


def as_targets(t, batch, n_classes, owner="", name="t", dtype=np.float64):
    """Targets as a (batch, n_classes) matrix T of probability rows (note 3.3.7 allows any).

    ``t`` is either integer class labels of shape (batch,), turned into one-hot rows,
    or rows of shape (batch, n_classes) that are probability vectors (one-hot or soft).
    All-zero, negative or NaN rows are refused: they are not a target distribution.
    """
    where = _where(owner, name)
    if np.ndim(t) == 2:
        T = as_float_array(t, name, owner, ndim=2)
        if T.shape != (batch, n_classes):
            raise ValueError(f"{where} expected target rows of shape ({batch}, {n_classes}) "
                             f"or labels of shape ({batch},), got {T.shape}")
        return check_probabilities(T, name, owner).astype(dtype, copy=False)
    idx = labels_to_indices(t, n_classes, batch, owner, name)
    T = np.zeros((batch, n_classes), dtype)
    T[np.arange(batch), idx] = 1
    return T
