"""Parameter update rules (note 4.1), in the book's ``common/optimizer.py`` style.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts
with the same keys, and each parameter array is changed *in place* (the dict
keeps the very same array objects, so a network holding references sees the new
values).  ``grads`` is never modified.  Per-parameter state is kept as in the
book, in dicts keyed by the parameter name (``Momentum.v['W1']``, ``Adam.m``,
``Adam.v`` and the step count ``Adam.iter``), created on first use as zeros with
the parameter's dtype, so float32 stays float32.

``update`` checks every key, shape and value before it touches anything, so an
update applies to every array or to none: a NaN or infinite gradient raises
instead of silently poisoning the weights.

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
    """p <- p - lr * num / (sqrt(sq) + eps): the step of AdaGrad, RMSProp and Adam.

    With eps = 0 (the note's formulas) a coordinate whose sq is still 0 (no gradient
    so far) does not move, instead of taking the 0/0 = NaN step.  The one speed trick
    of this module: the step is computed in place in one temporary array; a fresh
    array per operation costs page faults on big arrays (Adam's update 2.4x slower).
    """
    step = np.sqrt(sq)
    step += eps
    np.divide(num, step, out=step, where=step > 0 if eps == 0 else True)
    step *= lr
    p -= step


class Optimizer:
    """Base class of the update rules of note 4.1: argument checks, ``__repr__``, state dicts.

    A subclass implements ``_step(key, p, g)``, its rule for one parameter array
    ``p`` (changed in place) and its gradient ``g``; ``update`` checks everything
    first and then calls it once per parameter name.
    """

    _hyper = ("lr",)      # names shown by __repr__

    def __repr__(self):
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._hyper)
        return f"{type(self).__name__}({args})"

    def _check(self, params, grads):
        """Validate the two dicts (types, keys, shapes, finite gradients); return the gradients
        as float arrays by key.  Nothing is changed here, so a bad gradient changes nothing."""
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
            g = as_float_array(grads[key], f"grads['{key}']", owner)
            if g.shape != p.shape:
                raise ValueError(f"{owner}: argument \"grads['{key}']\" expected the shape of "
                                 f"params['{key}'] {p.shape}, got {g.shape}")
            for store in self._state_dicts():
                if key in store and store[key].shape != p.shape:
                    raise ValueError(f"{owner}: params['{key}'] changed shape from "
                                     f"{store[key].shape} to {p.shape}; use a new optimizer")
            checked[key] = g
        return checked

    def _state_dicts(self):
        return [v for v in vars(self).values() if isinstance(v, dict)]

    def update(self, params, grads):
        """Change every array of ``params`` in place by one step of the rule."""
        grads = self._check(params, grads)     # raises before anything changes
        self._begin_step(params)
        for key, g in grads.items():
            self._step(key, params[key], g)

    def _begin_step(self, params):
        """The book's start: each state dict gets zeros like each parameter it lacks."""
        for store in self._state_dicts():
            for key, p in params.items():
                if key not in store:
                    store[key] = np.zeros_like(p)

    def _step(self, key, p, g):
        raise NotImplementedError


# note 4.1 Optimizer (plain SGD, which the section improves on)
class SGD(Optimizer):
    """Stochastic gradient descent of note 3.2: p <- p - lr * g (the baseline of note 4.1)."""

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "lr", "SGD")

    def _step(self, key, p, g):
        p -= self.lr * g


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
        v = self.v[key]
        v *= self.momentum
        v -= self.lr * g                           # v <- momentum v - lr g
        p += v                                     # p <- p + v


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
        m, v = self.momentum, self.v[key]
        p += m * m * v - (1 + m) * self.lr * g
        v *= m
        v -= self.lr * g


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
        h = self.h[key]
        h += g * g
        _adaptive_step(p, self.lr, g, h, self.eps)   # p <- p - lr g / (sqrt(h) + eps)


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
        h = self.h[key]
        h *= self.decay_rate
        h += (1 - self.decay_rate) * g * g
        _adaptive_step(p, self.lr, g, h, self.eps)   # p <- p - lr g / (sqrt(h) + eps)


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

    def _begin_step(self, params):
        super()._begin_step(params)
        self.iter += 1                             # t of the bias correction

    def _step(self, key, p, g):
        m, v = self.m[key], self.v[key]
        m += (1 - self.beta1) * (g - m)            # m <- beta1 m + (1 - beta1) g
        v += (1 - self.beta2) * (g * g - v)        # v <- beta2 v + (1 - beta2) g^2
        lr_t, eps_t = self.lr, self.eps            # the note's step: lr m / (sqrt(v) + eps)
        if self.bias_correction:                   # lr m_hat / (sqrt(v_hat) + eps), with m_hat = m / c1,
            c1, c2 = 1 - self.beta1 ** self.iter, 1 - self.beta2 ** self.iter   # v_hat = v / c2, is
            lr_t, eps_t = self.lr * math.sqrt(c2) / c1, self.eps * math.sqrt(c2)  # the same with these
        _adaptive_step(p, lr_t, m, v, eps_t)        # p <- p - lr_t m / (sqrt(v) + eps_t)


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
