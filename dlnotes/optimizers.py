"""Parameter update rules (note 4.1), in the book's ``common/optimizer.py`` style.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts
with the same keys, and each parameter array is changed *in place* (the dict
keeps the very same array objects, so a network holding references sees the new
values).  ``grads`` is never modified.  Per-parameter state is kept as in the
book, in dicts keyed by the parameter name (``Momentum.v['W1']``, ``Adam.m``,
``Adam.v`` and the step count ``Adam.iter``), zeros before the first update and
then arrays of the parameter's shape and dtype, so float32 stays float32.  Any
array works, 0-d ones too (the book's chapter-6 ``{'x': np.array(-7.0), ...}``).

An update applies to every array or to none.  ``update`` first checks every key,
shape, dtype and value (a NaN or infinite gradient raises instead of silently
poisoning the weights; a read-only parameter, or two keys sharing one array, is
refused), then computes every new value while nothing has changed yet, and only
then copies the new values in, which cannot fail.  The rule runs in the
parameter's dtype: a float64 gradient of a float32 parameter is rounded to float32.

Where a denominator is exactly zero (only possible with ``eps=0`` and a
coordinate whose gradient has been 0 so far) the step for that coordinate is
taken as 0 instead of the 0/0 = NaN the bare formula would give.
"""
import math

import numpy as np

from ._checks import as_float_array, check_bool, check_choice, check_fraction, check_positive

__all__ = ["Optimizer", "SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam",
           "OPTIMIZERS", "get_optimizer"]


def _adaptive_step(p, lr, num, sq, eps):
    """The new p = p - lr * num / (sqrt(sq) + eps): the step of AdaGrad, RMSProp and Adam.

    With eps = 0 (the note's formulas) a coordinate whose sq is still 0 (no gradient
    so far) does not move, instead of taking the 0/0 = NaN step.  The one speed trick
    of this module: the step is computed in place in one new array (``out=``, which also
    keeps a 0-d p an array); a fresh array per operation costs page faults on big arrays
    (Adam's update 2.4x slower).
    """
    step = np.sqrt(sq, out=np.empty_like(p))
    step += eps
    np.divide(num, step, out=step, where=step > 0 if eps == 0 else True)
    step *= lr
    return np.subtract(p, step, out=step)


def _shared_memory(params):
    """Two keys of ``params`` whose arrays overlap in memory, or None.

    Only arrays that are views of the same array (or of foreign buffers) can overlap,
    so only those are compared, and the usual dict of separate arrays costs one pass."""
    groups = {}
    for key, p in params.items():
        root = p
        while isinstance(root.base, np.ndarray):
            root = root.base
        groups.setdefault(id(root) if root.base is None else None, []).append(key)
    for keys in groups.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if params[a] is params[b] or np.shares_memory(params[a], params[b]):
                    return a, b
    return None


class Optimizer:
    """Base class of the update rules of note 4.1: argument checks, ``__repr__``, state dicts.

    A subclass implements ``_step(key, p, g)``, its rule for one parameter array ``p``
    and its gradient ``g``: it changes nothing and returns the new value of ``p`` and
    the new state of that key by state dict name (``{"v": v}``); a state the dict does
    not hold yet is 0 (``self.v.get(key, 0.0)``), the book's zeros on first use.  ``update``
    checks everything, calls it once per parameter name, and then writes the results.
    """

    _hyper = ("lr",)      # names shown by __repr__

    def __repr__(self):
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._hyper)
        return f"{type(self).__name__}({args})"

    def _check(self, params, grads):
        """Validate the two dicts (types, keys, shapes, dtypes, writable and separate
        parameters, finite gradients); return the gradients as arrays of their parameter's
        dtype by key.  Nothing is changed here, so a bad argument changes nothing."""
        owner = type(self).__name__
        for name, d in (("params", params), ("grads", grads)):
            if not isinstance(d, dict):
                raise TypeError(f"{owner}: argument '{name}' expected a dict, "
                                f"got {type(d).__name__}")
        missing = sorted(set(params) - set(grads), key=str)
        extra = sorted(set(grads) - set(params), key=str)
        if missing or extra:
            raise ValueError(f"{owner}: argument 'grads' expected the keys of params, "
                             f"got missing keys {missing} and extra keys {extra}")
        checked = {}
        for key, p in params.items():
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                got = f"dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
                raise TypeError(f"{owner}: argument \"params['{key}']\" expected a float "
                                f"numpy array (updated in place), got {got}")
            if not p.flags.writeable:
                raise ValueError(f"{owner}: argument \"params['{key}']\" expected a writable "
                                 f"array (updated in place), got a read-only array")
            g = as_float_array(grads[key], f"grads['{key}']", owner)
            if g.shape != p.shape:
                raise ValueError(f"{owner}: argument \"grads['{key}']\" expected the shape of "
                                 f"params['{key}'] {p.shape}, got {g.shape}")
            for store in self._state_dicts():
                if key in store and store[key].shape != p.shape:
                    raise ValueError(f"{owner}: params['{key}'] changed shape from "
                                     f"{store[key].shape} to {p.shape}; use a new optimizer")
                if key in store and store[key].dtype != p.dtype:
                    raise ValueError(f"{owner}: params['{key}'] changed dtype from "
                                     f"{store[key].dtype} to {p.dtype}; use a new optimizer")
            if g.dtype != p.dtype:                 # the rule runs in the parameter's dtype
                with np.errstate(all="ignore"):
                    g = g.astype(p.dtype)
                if not np.isfinite(g).all():
                    raise ValueError(f"{owner}: argument \"grads['{key}']\" expected values that "
                                     f"fit the dtype {p.dtype} of params['{key}'], got values "
                                     f"beyond {np.finfo(p.dtype).max:.4g}")
            checked[key] = g
        shared = _shared_memory(params)
        if shared:
            a, b = shared
            got = "the same array as" if params[a] is params[b] else "an array sharing memory with"
            raise ValueError(f"{owner}: argument \"params['{b}']\" expected an array of its own "
                             f"(updated in place), got {got} params['{a}']")
        return checked

    def _state_dicts(self):
        return [v for v in vars(self).values() if isinstance(v, dict)]

    def update(self, params, grads):
        """Change every array of ``params`` in place by one step of the rule (all or none)."""
        grads = self._check(params, grads)     # raises before anything changes
        new = {}
        for key, g in grads.items():           # every new value, still changing nothing
            p = params[key]
            p_new, state = self._step(key, p, g)   # for a 0-d p numpy gives scalars: asarray
            new[key] = (np.asarray(p_new, p.dtype),
                        {name: np.asarray(s, p.dtype) for name, s in state.items()})
        self._commit(params, new)              # copies only: nothing left that can fail

    def _commit(self, params, new):
        """Write the new values: each parameter in place, each state array into its dict."""
        for key, (p_new, state) in new.items():
            np.copyto(params[key], p_new)      # same shape and dtype, writable, no overlap
            for name, s in state.items():
                getattr(self, name)[key] = s

    def _step(self, key, p, g):
        raise NotImplementedError


# note 4.1 Optimizer (plain SGD, which the section improves on)
class SGD(Optimizer):
    """Stochastic gradient descent of note 3.2: p <- p - lr * g (the baseline of note 4.1)."""

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "lr", "SGD")

    def _step(self, key, p, g):
        return p - self.lr * g, {}


# note 4.1.1 Momentum
class Momentum(Optimizer):
    """Momentum (note 4.1.1): SGD with a velocity that remembers past steps.

    The note's alpha is ``momentum`` and its M is ``v``:

    v <- momentum * v - lr * g;  p <- p + v
    """

    _hyper = ("lr", "momentum")

    def __init__(self, lr=0.01, momentum=0.9):
        name = type(self).__name__                 # "Momentum" or "Nesterov" in messages
        self.lr = check_positive(lr, "lr", name)
        self.momentum = check_fraction(momentum, "momentum", name)
        self.v = {}

    def _step(self, key, p, g):
        v = self.momentum * self.v.get(key, 0.0) - self.lr * g   # v <- momentum v - lr g
        return p + v, {"v": v}                                    # p <- p + v


# book common/optimizer.py Nesterov (a variant of note 4.1.1 Momentum)
class Nesterov(Momentum):
    """Nesterov accelerated gradient: Momentum (note 4.1.1) with a look-ahead; not in the notes.

    Written in the form of Bengio et al. (2012); the book's ``common/optimizer.py`` has it too.
    Nesterov evaluates the gradient at the look-ahead point p + m v.  Storing
    that look-ahead point as the parameter turns the rule into one that only
    needs the gradient at the current parameter (v is the velocity *before*
    this step):

        p <- p + m*m*v - (1 + m)*lr*g;   v <- m*v - lr*g

    The book's ``common/optimizer.py`` does the same since its fix of
    2021-01-18 (commit 89eadd0); copies of the code from before that date
    update v first and use the new v in the first line.
    Same arguments and state as :class:`Momentum`; only the update differs.
    """

    def _step(self, key, p, g):
        m, v = self.momentum, self.v.get(key, 0.0)      # v: the velocity before this step
        p = p + (m * m * v - (1 + m) * self.lr * g)     # p <- p + m m v - (1 + m) lr g
        return p, {"v": m * v - self.lr * g}            # v <- m v - lr g


# book 6.1.5 AdaGrad (not in the note; RMSProp of note 4.1.2 fixes its ever-shrinking step)
class AdaGrad(Optimizer):
    """AdaGrad (book 6.1.5; not in the notes): per-coordinate rates shrunk by all past g*g.

    h <- h + g*g;  p <- p - lr * g / (sqrt(h) + eps)

    The sum h only grows, so the steps shrink towards nothing; RMSProp (note 4.1.2) replaces
    it with a decaying average.
    """

    _hyper = ("lr", "eps")

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = check_positive(lr, "lr", "AdaGrad")
        self.eps = check_positive(eps, "eps", "AdaGrad", allow_zero=True)
        self.h = {}

    def _step(self, key, p, g):
        h = self.h.get(key, 0.0) + g * g                              # h <- h + g^2
        return _adaptive_step(p, self.lr, g, h, self.eps), {"h": h}   # p - lr g / (sqrt(h) + eps)


# note 4.1.2 RMSProp
class RMSprop(Optimizer):
    """RMSProp (note 4.1.2): AdaGrad with a decaying (exponential moving) average of g*g.

    h <- decay_rate * h + (1 - decay_rate) * g*g;  p <- p - lr * g / (sqrt(h) + eps)

    The note calls ``decay_rate`` beta and has no eps (``eps=0`` reproduces it).
    Old gradients fade out, so the step does not shrink to nothing as in AdaGrad.
    """

    _hyper = ("lr", "decay_rate", "eps")

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = check_positive(lr, "lr", "RMSprop")
        self.decay_rate = check_fraction(decay_rate, "decay_rate", "RMSprop")
        self.eps = check_positive(eps, "eps", "RMSprop", allow_zero=True)
        self.h = {}

    def _step(self, key, p, g):
        beta = self.decay_rate
        h = beta * self.h.get(key, 0.0) + (1 - beta) * g * g          # h <- beta h + (1 - beta) g^2
        return _adaptive_step(p, self.lr, g, h, self.eps), {"h": h}   # p - lr g / (sqrt(h) + eps)


# note 4.1.3 Adam
class Adam(Optimizer):
    """Adam (note 4.1.3): Momentum (average of g) combined with RMSProp (average of g*g).

    m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g*g

    ``bias_correction=True`` (Kingma & Ba): both averages start at 0 and are
    too small early on, so they are divided by (1 - beta**t), t = ``iter``, the
    number of updates so far:  p <- p - lr * m_hat / (sqrt(v_hat) + eps).
    The first step is then about lr * sign(g).

    ``bias_correction=False`` is the note's formula p <- p - lr * m / (sqrt(v) + eps)
    (exactly the note's with ``eps=0``).  Its first step is
    (1 - beta1) / sqrt(1 - beta2) = 0.1 / sqrt(0.001) ~ 3.16 times lr * sign(g).
    """

    _hyper = ("lr", "beta1", "beta2", "eps", "bias_correction")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7, bias_correction=True):
        self.lr = check_positive(lr, "lr", "Adam")
        self.beta1 = check_fraction(beta1, "beta1", "Adam")
        self.beta2 = check_fraction(beta2, "beta2", "Adam")
        self.eps = check_positive(eps, "eps", "Adam", allow_zero=True)
        self.bias_correction = check_bool(bias_correction, "bias_correction", "Adam")
        self.iter = 0
        self.m = {}
        self.v = {}

    def _commit(self, params, new):
        self.iter += 1                             # t of the bias correction: updates so far
        super()._commit(params, new)

    def _step(self, key, p, g):
        m, v = self.m.get(key, 0.0), self.v.get(key, 0.0)   # 0 before the first update
        m = m + (1 - self.beta1) * (g - m)         # m <- beta1 m + (1 - beta1) g
        v = v + (1 - self.beta2) * (g * g - v)     # v <- beta2 v + (1 - beta2) g^2
        lr_t, eps_t = self.lr, self.eps            # the note's step: lr m / (sqrt(v) + eps)
        if self.bias_correction:                   # lr m_hat / (sqrt(v_hat) + eps), with m_hat = m / c1,
            t = self.iter + 1                      # v_hat = v / c2, is the same with these; t counts
            c1, c2 = 1 - self.beta1 ** t, 1 - self.beta2 ** t              # this update too
            lr_t, eps_t = self.lr * math.sqrt(c2) / c1, self.eps * math.sqrt(c2)
        p = _adaptive_step(p, lr_t, m, v, eps_t)   # p <- p - lr_t m / (sqrt(v) + eps_t)
        return p, {"m": m, "v": v}


#: Every optimizer class by its lower-case name: the names ``get_optimizer`` and ``Trainer`` accept.
OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "nesterov": Nesterov,
              "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}


def get_optimizer(name_or_obj, **kwargs):
    """An optimizer of note 4.1 built from its name, or an existing optimizer passed through.

    A case-insensitive name (a key of ``OPTIMIZERS``) is built with the keyword arguments;
    an object with ``update(params, grads)`` (the book's own optimizers too) is returned
    unchanged, and then no keywords are allowed."""
    if not isinstance(name_or_obj, str) and callable(getattr(name_or_obj, "update", None)):
        if kwargs:
            raise ValueError("get_optimizer: keyword arguments need an optimizer name, "
                             f"got an instance {name_or_obj!r} and {sorted(kwargs)}")
        return name_or_obj
    key = check_choice(name_or_obj, "name_or_obj", OPTIMIZERS, "get_optimizer")
    return OPTIMIZERS[key](**kwargs)
