"""Shared pieces of the exercise checkers: verdict printing and argument checks."""
import textwrap

import numpy as np

from .._checks import check_real

__all__ = ["verdict"]


def verdict(ok, why_right, why_wrong, width=None):
    """Print 'Right: ...' or 'Not yet: ...' and return ``ok`` (a plain bool).  With ``width``
    the explanation is wrapped to lines of at most that many characters, the first one
    counting the prefix."""
    ok = bool(ok)
    prefix, why = ("Right: ", why_right) if ok else ("Not yet: ", why_wrong)
    if width and why:
        why = textwrap.fill(why, width, initial_indent=" " * len(prefix))[len(prefix):]
    print(prefix + why)
    return ok


def _number(value, name, owner, finite=False):
    """A reader's numeric answer as a float (bools and strings refused; inf/NaN too if ``finite``)."""
    return check_real(value, name, owner, finite=finite)


def _array(value, name, owner):
    """A reader's array answer as a float ndarray (any shape; TypeError if it holds no numbers)."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{owner}: argument '{name}' expected an array of numbers, "
                        f"got {type(value).__name__}") from None


def _callable(fn, name, owner, what="a function"):
    """A reader's function, or a TypeError naming the argument."""
    if not callable(fn):
        raise TypeError(f"{owner}: argument '{name}' expected {what}, got {type(fn).__name__}")
    return fn
