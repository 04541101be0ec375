"""2-D test functions for drawing optimizer paths (note 4.1, book 6.1).

Each landscape ``f`` is callable as ``f(x, y)`` on scalars or on numpy arrays
(e.g. a ``np.meshgrid`` for a contour plot), has ``f.grad(x, y) -> (dfdx, dfdy)``,
a ``name``, the location of its ``minimum`` (``None`` for the saddle) and a
suggested plotting range ``xlim``, ``ylim``.

``run_optimizer`` walks an optimizer over a landscape exactly as training does,
through ``opt.update(params, grads)``.
"""
import numpy as np

from ._checks import as_float_array, check_choice, check_int
from .optimizers import get_optimizer

__all__ = ["Landscape", "Elongated", "Saddle", "Rosenbrock", "BOOK", "SADDLE", "ROSENBROCK",
           "LANDSCAPES", "run_optimizer"]


class Landscape:
    """Base class: input conversion and ``__repr__``; subclasses define ``_f`` and ``_grad``.

    The surfaces on which notes 3.2 (gradient descent) and 4.1 (optimizers) are drawn.
    """

    name = ""
    minimum = None
    xlim = ylim = (-1.0, 1.0)

    def _xy(self, x, y):
        owner = type(self).__name__
        x = as_float_array(x, "x", owner, allow_nan=True)
        y = as_float_array(y, "y", owner, allow_nan=True)
        try:
            return np.broadcast_arrays(x, y)
        except ValueError:
            raise ValueError(f"{owner}: arguments 'x' and 'y' expected broadcastable shapes, "
                             f"got {x.shape} and {y.shape}") from None

    def __call__(self, x, y):
        out = self._f(*self._xy(x, y))
        return out[()]  # a numpy scalar for scalar input

    def grad(self, x, y):
        dx, dy = self._grad(*self._xy(x, y))
        return dx[()], dy[()]

    def __repr__(self):
        return f"<landscape {self.name!r}: minimum {self.minimum}>"


# book 6.1.3 (figure 6-2): the elongated bowl on which SGD zig-zags
class Elongated(Landscape):
    """f = x**2 / 20 + y**2: twenty times steeper in y than in x; minimum (0, 0).

    The book's test function for the optimizers of note 4.1 (book 6.1.3).
    """

    name = "book"
    minimum = (0.0, 0.0)
    xlim, ylim = (-10.0, 10.0), (-5.0, 5.0)

    def _f(self, x, y):
        return x ** 2 / 20 + y ** 2

    def _grad(self, x, y):
        return x / 10, 2 * y


# extra case, not in the note 4.1: a saddle, where gradient descent stalls near the origin
class Saddle(Landscape):
    """f = x**2 - y**2: a saddle point at (0, 0) and no minimum (``minimum`` is None).

    An extra case beside note 4.1 (not in the note): a zero gradient that is no minimum.
    """

    name = "saddle"
    minimum = None
    xlim, ylim = (-2.0, 2.0), (-2.0, 2.0)

    def _f(self, x, y):
        return x ** 2 - y ** 2

    def _grad(self, x, y):
        return 2 * x, -2 * y


# extra case, not in the note 4.1: a curved narrow valley, the classic hard test
class Rosenbrock(Landscape):
    """f = (1 - x)**2 + 100 (y - x**2)**2: minimum (1, 1) at the end of a banana-shaped valley.

    An extra case beside note 4.1 (not in the note): a curved, badly conditioned valley.
    """

    name = "rosenbrock"
    minimum = (1.0, 1.0)
    xlim, ylim = (-2.0, 2.0), (-1.0, 3.0)

    def _f(self, x, y):
        return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

    def _grad(self, x, y):
        return -2 * (1 - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)


#: The book's x**2 / 20 + y**2 (note 4.1, book 6.1.3), an :class:`Elongated` landscape.
BOOK = Elongated()
#: The saddle x**2 - y**2, a :class:`Saddle` landscape.
SADDLE = Saddle()
#: The Rosenbrock valley, a :class:`Rosenbrock` landscape.
ROSENBROCK = Rosenbrock()
#: Every landscape above by its ``name``: the names ``run_optimizer`` accepts for ``f``.
LANDSCAPES = {f.name: f for f in (BOOK, SADDLE, ROSENBROCK)}


def run_optimizer(opt, f, start, steps):
    """The path of ``opt`` on landscape ``f`` from ``start`` (x0, y0) in ``steps`` steps (note 4.1).

    ``opt`` is an optimizer or a name for ``get_optimizer`` (default settings);
    an instance keeps any state from earlier use, so pass a fresh one per path.
    ``f`` is a landscape or a key of ``LANDSCAPES``.  As in the book's chapter 6
    script, the point lives in ``params = {'x': array([x]), 'y': array([y])}`` and
    moves only through ``opt.update(params, grads)``.

    Returns a float64 array of shape (steps + 1, 2) whose row 0 is ``start``.
    If the gradient or the point becomes NaN/inf (a diverging run), the walk
    stops and the rows computed so far are returned: the array is simply
    shorter than steps + 1 and every row in it is finite.  Nothing is raised,
    so diverging paths can still be drawn.
    """
    opt = get_optimizer(opt)
    if isinstance(f, str):
        f = LANDSCAPES[check_choice(f, "f", LANDSCAPES, "run_optimizer")]
    elif not (callable(f) and hasattr(f, "grad")):
        raise TypeError(f"run_optimizer: argument 'f' expected a landscape or one of "
                        f"{sorted(LANDSCAPES)}, got {type(f).__name__}")
    start = as_float_array(start, "start", "run_optimizer", ndim=1).astype(np.float64)
    if start.shape != (2,):
        raise ValueError("run_optimizer: argument 'start' expected a pair (x, y), "
                         f"got shape {start.shape}")
    steps = check_int(steps, "steps", "run_optimizer")

    params = {"x": start[:1].copy(), "y": start[1:].copy()}
    path = [start.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            dx, dy = f.grad(params["x"][0], params["y"][0])
            grads = {"x": np.array([dx], dtype=np.float64), "y": np.array([dy], dtype=np.float64)}
            if not (np.isfinite(dx) and np.isfinite(dy)):
                break
            opt.update(params, grads)
            point = np.array([params["x"][0], params["y"][0]])
            if not np.all(np.isfinite(point)):
                break
            path.append(point)
    return np.array(path)
