"""Test functions for gradient descent (note 3.2) and optimizer paths (note 4.1, book 6.1).

Each landscape ``f`` is callable as ``f(x, y)`` (``f(x)`` for the 1-D parabola) on
scalars or on numpy arrays (e.g. a ``np.meshgrid`` for a contour plot), has
``f.grad(x, y) -> (dfdx, dfdy)``, a ``name``, its number of variables ``dim``, the
location of its ``minimum`` (``None`` for the saddle), its ``curvatures`` (second
derivatives along the axes, for the quadratic bowls; else ``None``) and a suggested
plotting range ``xlim``, ``ylim``.  ``LANDSCAPES`` is the one registry of them and
``LANDSCAPE_SETTINGS`` the one table of presets (start, steps, learning rates).

``gd_path`` is plain gradient descent p <- p - lr grad(p) (note 3.2); ``run_optimizer``
walks an optimizer over a 2-D landscape exactly as training does, through
``opt.update(params, grads)``.  The path studies of notebook 04-1 (``optimizer_path``,
``final_points``, ``adam_step_ratios``, ``effective_lr_trace``) build on it.
"""
import numpy as np

from ._checks import as_float_array, check_choice, check_int, check_positive
from .optimizers import OPTIMIZERS, Adam, get_optimizer

__all__ = ["Landscape", "Parabola", "Elongated", "Saddle", "Rosenbrock", "PARABOLA", "BOOK",
           "SADDLE", "ROSENBROCK", "LANDSCAPES", "get_landscape", "run_optimizer",
           # note 3.2: gradient descent and its critical learning rate
           "gd_path", "critical_lr", "gd_regime",
           # note 4.1: presets and optimizer paths
           "START", "BOOK_SETTINGS", "ADAPTIVE_SETTINGS", "LANDSCAPE_SETTINGS", "landscape_preset",
           "OPTIMIZER_LABELS", "make_optimizer", "optimizer_path", "path_summary", "final_points", "adam_step_ratios",
           "effective_lr_trace"]

_AXES = ("x", "y")


class Landscape:
    """Base class: input conversion and ``__repr__``; subclasses define ``_f`` and ``_grad``.

    The surfaces on which notes 3.2 (gradient descent) and 4.1 (optimizers) are drawn.
    """

    name = ""
    dim = 2
    minimum = None
    curvatures = None
    xlim = ylim = (-1.0, 1.0)

    def _coords(self, coords):
        owner = type(self).__name__
        names = _AXES[:self.dim]
        if len(coords) != self.dim:
            raise TypeError(f"{owner}: expected {self.dim} coordinate(s) ({', '.join(names)}), "
                            f"got {len(coords)}")
        arrays = [as_float_array(c, n, owner, allow_nan=True) for c, n in zip(coords, names)]
        try:
            return np.broadcast_arrays(*arrays)
        except ValueError:
            raise ValueError(f"{owner}: arguments 'x' and 'y' expected broadcastable shapes, "
                             f"got {arrays[0].shape} and {arrays[1].shape}") from None

    def __call__(self, *coords):
        out = self._f(*self._coords(coords))
        return out[()]  # a numpy scalar for scalar input

    def grad(self, *coords):
        return tuple(d[()] for d in self._grad(*self._coords(coords)))

    def __repr__(self):
        return f"<landscape {self.name!r}: minimum {self.minimum}>"


# note 3.2: the simplest bowl, one parameter
class Parabola(Landscape):
    """f = p**2 of one variable: curvature 2, minimum 0.

    The simplest bowl, for the gradient descent of note 3.2.
    """

    name = "parabola"
    dim = 1
    minimum = (0.0,)
    curvatures = (2.0,)
    xlim, ylim = (-6.0, 6.0), None

    def _f(self, x):
        return x ** 2

    def _grad(self, x):
        return (2 * x,)


# book 6.1.3 (figure 6-2): the elongated bowl on which SGD zig-zags
class Elongated(Landscape):
    """f = x**2 / 20 + y**2: twenty times steeper in y than in x; minimum (0, 0).

    The book's test function for the optimizers of note 4.1 (book 6.1.3).
    """

    name = "book"
    minimum = (0.0, 0.0)
    curvatures = (0.1, 2.0)
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


#: The one-parameter bowl p**2 of note 3.2, a :class:`Parabola` landscape.
PARABOLA = Parabola()
#: The book's x**2 / 20 + y**2 (note 4.1, book 6.1.3), an :class:`Elongated` landscape.
BOOK = Elongated()
#: The saddle x**2 - y**2, a :class:`Saddle` landscape.
SADDLE = Saddle()
#: The Rosenbrock valley, a :class:`Rosenbrock` landscape.
ROSENBROCK = Rosenbrock()
#: Every landscape above by its ``name``: the names ``run_optimizer`` and ``get_landscape`` accept.
LANDSCAPES = {f.name: f for f in (PARABOLA, BOOK, SADDLE, ROSENBROCK)}


def get_landscape(f, owner="get_landscape", dim=None):
    """The landscape ``f`` (returned as is) or the one named ``f`` in ``LANDSCAPES``.

    The landscapes are the test functions of notes 3.2 and 4.1.  With ``dim`` set, the
    landscape must have that many variables."""
    if isinstance(f, str):
        f = LANDSCAPES[check_choice(f, "f", LANDSCAPES, owner)]
    elif not isinstance(f, Landscape):
        raise TypeError(f"{owner}: argument 'f' expected a landscape or one of {sorted(LANDSCAPES)}, "
                        f"got {type(f).__name__}")
    if dim is not None and f.dim != dim:
        names = sorted(k for k, g in LANDSCAPES.items() if g.dim == dim)
        raise ValueError(f"{owner}: argument 'f' expected a {dim}-D landscape such as {names}, "
                         f"got {f.name!r} ({f.dim}-D)")
    return f


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
    if isinstance(f, str) or not (callable(f) and hasattr(f, "grad")):
        f = get_landscape(f, "run_optimizer", dim=2)
    elif getattr(f, "dim", 2) != 2:
        get_landscape(f, "run_optimizer", dim=2)            # raises: a 2-D landscape is needed
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


# ---------------------------------------------------------------- presets (one table)

#: Start (x, y) of the optimizer paths on the book's bowl x**2 / 20 + y**2 (note 4.1).
START = (-7.0, 2.0)     # the book's starting point (chapter 6, figure 6-8)

#: Name shown -> (optimizer key, hyper-parameters) at the book's chapter-6 rates (note 4.1).
BOOK_SETTINGS = {"SGD": ("sgd", {"lr": 0.95}), "Momentum": ("momentum", {"lr": 0.1}),
                 "AdaGrad": ("adagrad", {"lr": 1.5}), "Adam": ("adam", {"lr": 0.3})}

#: The adaptive optimizers (notes 4.1.2, 4.1.3, and the book's AdaGrad) at rates readable on
#: the book's bowl; RMSprop's rate is our choice, the others are the book's.
ADAPTIVE_SETTINGS = {"RMSprop": ("rmsprop", {"lr": 0.1}), "Adam": BOOK_SETTINGS["Adam"],
                     "AdaGrad": BOOK_SETTINGS["AdaGrad"]}

#: Per landscape name: the start, steps and optimizer settings that give readable pictures
#: (the book's for 'book').
LANDSCAPE_SETTINGS = {
    "parabola": {"start": (4.0,), "steps": 30, "settings": {}},
    "book": {"start": START, "steps": 30, "settings": BOOK_SETTINGS},
    "saddle": {"start": (-1.8, 0.001), "steps": 25, "settings": {
        "SGD": ("sgd", {"lr": 0.1}), "Momentum": ("momentum", {"lr": 0.05}),
        "RMSprop": ("rmsprop", {"lr": 0.05}), "Adam": ("adam", {"lr": 0.1})}},
    "rosenbrock": {"start": (-1.2, 1.0), "steps": 300, "settings": {
        "SGD": ("sgd", {"lr": 0.001}), "Momentum": ("momentum", {"lr": 0.0005}),
        "RMSprop": ("rmsprop", {"lr": 0.01}), "Adam": ("adam", {"lr": 0.1})}},
}


def landscape_preset(f, settings=None, start=None, steps=None):
    """The (start, steps, settings) of the descent paths (notes 3.2, 4.1) on landscape ``f``.

    Each value given is used as is; the others come from the landscape's entry of
    ``LANDSCAPE_SETTINGS`` (a landscape without one gets the book's)."""
    preset = LANDSCAPE_SETTINGS.get(f.name, LANDSCAPE_SETTINGS["book"])
    return (preset["start"] if start is None else start, preset["steps"] if steps is None else steps,
            preset["settings"] if settings is None else settings)


# ---------------------------------------------------------------- note 3.2: gradient descent

def gd_path(landscape, lr, steps, start=None):
    """Points visited by plain gradient descent p <- p - lr * grad(p) (note 3.2) from ``start``
    (default: the landscape's preset); shape (steps + 1, dim).  A diverging run stops once
    |p| > 1e6."""
    f = get_landscape(landscape, "gd_path")
    lr = check_positive(lr, "lr", "gd_path")
    steps = check_int(steps, "steps", "gd_path")
    p = np.array(landscape_preset(f, start=start)[0], float)
    path = [p.copy()]
    for _ in range(steps):
        p = p - lr * np.array(f.grad(*p), float)
        path.append(p.copy())
        if np.max(np.abs(p)) > 1e6:
            break
    return np.array(path)


def _curvatures(f, owner):
    f = get_landscape(f, owner)
    if f.curvatures is None:
        raise ValueError(f"{owner}: argument 'landscape' expected a quadratic bowl with constant "
                         f"curvatures, got {f.name!r}")
    return f.curvatures


def critical_lr(curvatures):
    """The critical learning rate 2 / max(a) of gradient descent (note 3.2) on a quadratic bowl.

    Gradient descent converges for every rate below it on a quadratic with curvatures
    (second derivatives) a: each coordinate is multiplied by (1 - lr * a) per step,
    so |1 - lr * a| < 1 for every a, i.e. lr < 2 / max(a).  ``curvatures`` may also be a
    landscape (or its name) that has them."""
    if isinstance(curvatures, (str, Landscape)):
        curvatures = _curvatures(curvatures, "critical_lr")
    a = as_float_array(curvatures, "curvatures", "critical_lr", ndim=1)
    if a.size == 0 or np.any(a <= 0):
        raise ValueError(f"critical_lr: argument 'curvatures' expected positive numbers, got {a.tolist()}")
    return float(2.0 / a.max())


def gd_regime(landscape, lr):
    """How gradient descent (note 3.2) at rate ``lr`` moves along a quadratic bowl's stiffest axis.

    One of 'slow', 'fast', 'oscillating', 'oscillating forever' or 'diverging'; a rate that
    is too large overshoots, as note 3.2 warns."""
    curv = _curvatures(landscape, "gd_regime")
    lr = check_positive(lr, "lr", "gd_regime")
    factor = 1 - lr * max(curv)
    if abs(factor) >= 1:
        return "diverging" if abs(factor) > 1 else "oscillating forever"
    if factor < 0:
        return "oscillating"
    return "slow" if factor > 0.8 else "fast"


# ---------------------------------------------------------------- note 4.1: optimizer paths

#: Display name of each optimizer key ``make_optimizer`` accepts, for legends (note 4.1).
OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov",
                    "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam",
                    "adam_note": "Adam (note 4.1.3, no bias correction)"}   # make_optimizer's names


def make_optimizer(name, **hyper):
    """A fresh optimizer (note 4.1) from its key, including the note's own Adam.

    ``name`` is a key of ``dlnotes.optimizers.OPTIMIZERS`` or ``'adam_note'`` (the Adam of
    note 4.1.3 as written: no bias correction, no epsilon)."""
    if name == "adam_note":
        from .notes import adam_note
        return adam_note(**hyper)
    key = check_choice(name, "name", {**OPTIMIZERS, "adam_note": None}, "make_optimizer")
    return get_optimizer(key, **hyper)


def optimizer_path(name, f="book", start=None, steps=None, **hyper):
    """The points a fresh ``name`` optimizer (note 4.1) visits on landscape ``f``.

    An array of shape (<= steps + 1, 2).

    ``start``/``steps`` default to the landscape's entry in ``LANDSCAPE_SETTINGS``.
    The walk is :func:`run_optimizer` itself, nothing re-implemented.
    """
    f = get_landscape(f, "optimizer_path", dim=2)
    start, steps, _ = landscape_preset(f, start=start, steps=steps)
    return run_optimizer(make_optimizer(name, **hyper), f, start, steps)


def path_summary(path, f="book", steps=None):
    """A summary of one optimizer path (note 4.1): where it ended, its loss, whether it diverged.

    Returns a dict: the final point, the loss there and at the start, the number of steps
    taken, and whether the run stopped early (diverged)."""
    f = get_landscape(f, "path_summary")
    x, y = (float(v) for v in path[-1])
    done = len(path) - 1
    with np.errstate(over="ignore"):                   # the end of a diverging run: loss inf
        loss = float(f(x, y))
    return {"final": (x, y), "loss": loss, "start_loss": float(f(*path[0])), "steps": done,
            "diverged": steps is not None and done < steps}


def final_points(settings=None, f="book", start=None, steps=None):
    """The ``path_summary`` of each optimizer of ``settings`` on one landscape (note 4.1).

    Returns {label: summary} for each ``label: (name, hyper)`` of ``settings`` (default:
    the landscape's preset settings)."""
    f = get_landscape(f, "final_points", dim=2)
    _, steps, settings = landscape_preset(f, settings, steps=steps)
    return {label: path_summary(optimizer_path(name, f, start, steps, **hyper), f, steps)
            for label, (name, hyper) in settings.items()}


def adam_step_ratios(steps=1000, beta1=0.9, beta2=0.999, g=1.0):
    """Step length / lr at each step of the Adam of note 4.1.3 and of the bias-corrected Adam.

    The gradient is held constant at ``g``; the ratios are measured by running the two
    optimizers on one parameter (lr = 1, eps = 0)."""
    steps = check_int(steps, "steps", "adam_step_ratios", minimum=1)
    out = {}
    for label, corr in (("note", False), ("corrected", True)):
        opt = Adam(lr=1.0, beta1=beta1, beta2=beta2, eps=0.0, bias_correction=corr)
        p = {"w": np.zeros(1)}
        ratios = np.empty(steps)
        for t in range(steps):
            before = p["w"][0]
            opt.update(p, {"w": np.array([g])})
            ratios[t] = abs(p["w"][0] - before)
        out[label] = ratios
    return out


def effective_lr_trace(name, f="book", start=None, steps=None, **hyper):
    """The per-coordinate effective learning rate of an adaptive optimizer after each update.

    That rate is lr / (sqrt(G) + eps) for RMSprop (note 4.1.2) and AdaGrad (G = their ``h``)
    or Adam (note 4.1.3; G = bias-corrected ``v`` when corrected).
    Returns an array of shape (steps, 2): columns x and y.  The optimizer is stepped one
    ``run_optimizer`` call at a time, so its state can be read between updates."""
    if name not in ("rmsprop", "adagrad", "adam", "adam_note"):
        raise ValueError("effective_lr_trace: argument 'name' expected 'rmsprop', 'adagrad', 'adam' "
                         f"or 'adam_note', got {name!r}")
    f = get_landscape(f, "effective_lr_trace", dim=2)
    point, steps, _ = landscape_preset(f, start=start, steps=steps)
    opt = make_optimizer(name, **hyper)
    rows = []
    for _ in range(steps):
        path = run_optimizer(opt, f, point, 1)
        if len(path) < 2:
            break
        point = path[-1]
        if isinstance(opt, Adam):
            G = {k: v / (1 - opt.beta2 ** opt.iter) if opt.bias_correction else v for k, v in opt.v.items()}
        else:
            G = opt.h
        rows.append([opt.lr / (np.sqrt(G[k][0]) + opt.eps) for k in ("x", "y")])
    return np.array(rows)
