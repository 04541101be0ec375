"""Parameter update rules (note 4.1), in the book's ``common/optimizer.py`` style.

Every optimizer has ``update(params, grads)``: ``params`` and ``grads`` are dicts
with the same keys, and each parameter array is changed *in place* (the dict
keeps the very same array objects, so a network holding references sees the new
values).  ``grads`` is never modified.  Per-parameter state (velocity, squared
gradient averages, ...) is kept in dicts keyed by the parameter name and is
created on first use with the parameter's dtype, so float32 stays float32.

``update`` checks all keys, shapes and values before it touches anything: a
NaN or infinite gradient raises instead of silently poisoning the weights.

When ``params`` and ``grads`` are both :class:`FlatParams` (as MultiLayerNet's
are), every array is a view of one flat buffer and the rule runs once over the
whole buffer: element-wise the same arithmetic, bit for bit, with one numpy call
per formula instead of one per parameter array.

Where a denominator is exactly zero (only possible with ``eps=0`` and a
coordinate whose gradient has been 0 so far) the step for that coordinate is
taken as 0 instead of the 0/0 = NaN the bare formula would give.
"""
import math

import numpy as np

from ._checks import as_float_array, check_choice, check_finite, check_fraction, check_positive

__all__ = ["FlatParams", "Optimizer", "SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam",
           "OPTIMIZERS", "get_optimizer"]


def _ratio(num, den):
    """num / den element-wise, with 0 where den == 0 (no gradient so far: no step)."""
    out = np.zeros(np.broadcast(num, den).shape, dtype=np.result_type(num, den))
    return np.divide(num, den, out=out, where=den > 0)


class FlatParams(dict):
    """A dict of arrays that are views of one flat buffer ``flat``, back to back in key order.

    MultiLayerNet keeps its parameters (and every gradient dict it returns) this
    way, so an optimizer can apply its formula once to the whole buffer instead
    of once per array: the same numbers with far fewer numpy calls.  Replacing
    an entry by another array is allowed; the dict is then updated per array.
    """

    def __init__(self, shapes, dtype, values=None):
        self.flat = np.empty(sum(math.prod(s) for s in shapes.values()), dtype)
        pos, views = 0, {}
        for key, shape in shapes.items():
            size = math.prod(shape)
            views[key] = self.flat[pos:pos + size].reshape(shape)
            if values is not None:
                views[key][...] = values[key]
            pos += size
        super().__init__(views)
        self._views = tuple(views.items())

    def intact(self):
        """True while every entry is still the original view (keys, order and objects)."""
        return len(self) == len(self._views) and all(
            k == k0 and v is v0 and v.base is self.flat
            for (k, v), (k0, v0) in zip(self.items(), self._views))


class Optimizer:
    """Base class: argument checks, ``__repr__``, lazily created state, one- or per-array updates.

    A subclass implements ``_step(key, p, g)``, the rule for one array ``p`` and its
    gradient ``g``, taking its state from ``self._state(store, key, p)``.  ``update``
    calls it once for the flat buffer the parameters share (MultiLayerNet) or once
    per parameter; the state dicts always hold one array per parameter name.
    """

    _hyper = ("lr",)      # names shown by __repr__
    _stores = ()          # attributes holding per-parameter state dicts

    def __repr__(self):
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._hyper)
        return f"{type(self).__name__}({args})"

    def _owner(self):
        return type(self).__name__

    def _check(self, params, grads):
        """Validate the two dicts (types, keys, shapes); return {key: grad as float array}."""
        owner = self._owner()
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
            g = as_float_array(grads[key], f"grads['{key}']", owner, allow_nan=True)
            if g.shape != p.shape:
                raise ValueError(f"{owner}: argument \"grads['{key}']\" expected the shape of "
                                 f"params['{key}'] {p.shape}, got {g.shape}")
            checked[key] = g
        return checked

    def _groups(self, params, grads):
        """(state key, parameter, gradient) triples for ``_step``, all checked.

        One triple for the whole flat buffer when the parameters tile one array
        and the gradients another in the same order (and the state is not
        already split per parameter); otherwise one triple per parameter.
        A NaN/inf gradient raises before any parameter changes.
        """
        keys = tuple(params)
        if (isinstance(params, FlatParams) and isinstance(grads, FlatParams) and params.intact()
                and grads.intact() and tuple(grads) == keys and params.flat.dtype == grads.flat.dtype
                and all(params[k].shape == grads[k].shape for k in keys)
                and self._flat_state_ok(keys) and np.isfinite(grads.flat).all()):
            self._flat_params = params          # its views give ``_state`` the per-name layout
            return [(keys, params.flat, grads.flat)]
        grads = self._check(params, grads)
        for key in keys:
            check_finite(grads[key], f"grads['{key}']", self._owner())
        return [(key, params[key], grads[key]) for key in keys]

    def _flat_state_ok(self, keys):
        """A flat update may create or use state for ``keys`` unless per-parameter state exists."""
        stores = [getattr(self, name) for name in self._stores]
        return all(keys in s or not any(k in s for k in keys) for s in stores)

    def _state(self, store, key, p):
        """The state array ``store[key]``, created as zeros like ``p`` on first use.

        For a flat group (``key`` a tuple of names) each name also gets its view.
        """
        if key not in store:
            store[key] = np.zeros_like(p)
            if isinstance(key, tuple):
                pos = 0
                for name, view in self._flat_params._views:
                    store[name] = store[key][pos:pos + view.size].reshape(view.shape)
                    pos += view.size
        elif store[key].shape != p.shape:
            raise ValueError(f"{self._owner()}: params['{key}'] changed shape from "
                             f"{store[key].shape} to {p.shape}; use a new optimizer")
        return store[key]

    def update(self, params, grads):
        """Change every array of ``params`` in place by one step of the rule."""
        for key, p, g in self._groups(params, grads):
            self._step(key, p, g)

    def _step(self, key, p, g):
        raise NotImplementedError


# note 4.1 Optimizer (plain SGD, which the section improves on)
class SGD(Optimizer):
    """Stochastic gradient descent: p <- p - lr * g."""

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "lr", "SGD")

    def _step(self, key, p, g):
        p -= self.lr * g


# note 4.1.1 Momentum
class Momentum(Optimizer):
    """SGD with a velocity that remembers past steps (the note's alpha is ``momentum``).

    v <- momentum * v - lr * g;  p <- p + v
    """

    _hyper = ("lr", "momentum")
    _stores = ("v",)

    def __init__(self, lr=0.01, momentum=0.9):
        name = type(self).__name__                 # "Momentum" or "Nesterov" in messages
        self.lr = check_positive(lr, "lr", name)
        self.momentum = check_fraction(momentum, "momentum", name)
        self.v = {}

    def _step(self, key, p, g):
        v = self._state(self.v, key, p)
        v *= self.momentum
        v -= self.lr * g
        p += v


# book common/optimizer.py Nesterov (a variant of note 4.1.1 Momentum)
class Nesterov(Momentum):
    """Nesterov accelerated gradient in the form of Bengio et al. (2012).

    Nesterov evaluates the gradient at the look-ahead point p + m v.  Storing
    that look-ahead point as the parameter turns the rule into one that only
    needs the gradient at the current parameter:

        p <- p + m*m*v - (1 + m)*lr*g     (v = velocity *before* this step)
        v <- m*v - lr*g

    The book's ``common/optimizer.py`` updates v first and then uses the *new*
    v in the first line, which amounts to p += m**3 v - (1 + m + m*m) lr g:
    slightly more aggressive than Nesterov.  Here v is used before it changes.
    Same arguments and state as :class:`Momentum`; only the update differs.
    """

    def _step(self, key, p, g):
        m = self.momentum
        v = self._state(self.v, key, p)
        p += m * m * v - (1 + m) * self.lr * g
        v *= m
        v -= self.lr * g


# book 6.1.5 AdaGrad (not in the note; RMSProp of note 4.1.2 fixes its ever-shrinking step)
class AdaGrad(Optimizer):
    """Per-coordinate learning rate shrinking with the sum of all squared gradients.

    h <- h + g*g;  p <- p - lr * g / (sqrt(h) + eps)
    """

    _hyper = ("lr", "eps")
    _stores = ("h",)

    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = check_positive(lr, "lr", "AdaGrad")
        self.eps = check_positive(eps, "eps", "AdaGrad", allow_zero=True)
        self.h = {}

    def _step(self, key, p, g):
        h = self._state(self.h, key, p)
        h += g * g
        p -= self.lr * _ratio(g, np.sqrt(h) + self.eps)


# note 4.1.2 RMSProp
class RMSprop(Optimizer):
    """AdaGrad with a decaying (exponential moving) average of squared gradients.

    h <- decay_rate * h + (1 - decay_rate) * g*g;  p <- p - lr * g / (sqrt(h) + eps)

    The note calls ``decay_rate`` beta and has no eps (``eps=0`` reproduces it).
    Old gradients fade out, so the step does not shrink to nothing as in AdaGrad.
    """

    _hyper = ("lr", "decay_rate", "eps")
    _stores = ("h",)

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = check_positive(lr, "lr", "RMSprop")
        self.decay_rate = check_fraction(decay_rate, "decay_rate", "RMSprop")
        self.eps = check_positive(eps, "eps", "RMSprop", allow_zero=True)
        self.h = {}

    def _step(self, key, p, g):
        h = self._state(self.h, key, p)
        h *= self.decay_rate
        h += (1 - self.decay_rate) * g * g
        p -= self.lr * _ratio(g, np.sqrt(h) + self.eps)


# note 4.1.3 Adam
class Adam(Optimizer):
    """Momentum (average of g) combined with RMSProp (average of g*g).

    m <- beta1 m + (1 - beta1) g;   v <- beta2 v + (1 - beta2) g*g

    ``bias_correction=True`` (Kingma & Ba): both averages start at 0 and are
    too small early on, so they are divided by (1 - beta**t), t = number of
    ``update`` calls so far:  p <- p - lr * m_hat / (sqrt(v_hat) + eps).
    The first step is then about lr * sign(g).

    ``bias_correction=False`` is the note's formula p <- p - lr * m / (sqrt(v) + eps)
    (exactly the note's with ``eps=0``).  Its first step is
    (1 - beta1) / sqrt(1 - beta2) = 0.1 / sqrt(0.001) ~ 3.16 times lr * sign(g).
    """

    _hyper = ("lr", "beta1", "beta2", "eps", "bias_correction")
    _stores = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7, bias_correction=True):
        self.lr = check_positive(lr, "lr", "Adam")
        self.beta1 = check_fraction(beta1, "beta1", "Adam")
        self.beta2 = check_fraction(beta2, "beta2", "Adam")
        self.eps = check_positive(eps, "eps", "Adam", allow_zero=True)
        if not isinstance(bias_correction, (bool, np.bool_)):
            raise TypeError("Adam: argument 'bias_correction' expected True or False, "
                            f"got {type(bias_correction).__name__}")
        self.bias_correction = bool(bias_correction)
        self.t = 0
        self.m = {}
        self.v = {}
        self._scratch = {}       # per-key work arrays reused by every update (not state)

    def update(self, params, grads):
        groups = self._groups(params, grads)      # checked before the step count moves
        self.t += 1
        for key, p, g in groups:
            self._step(key, p, g)

    def _step(self, key, p, g):
        b1, b2 = self.beta1, self.beta2
        m = self._state(self.m, key, p)
        v = self._state(self.v, key, p)
        if key not in self._scratch or self._scratch[key][0].shape != p.shape:
            self._scratch[key] = (np.empty_like(p), np.empty_like(p))
        num, den = self._scratch[key]           # in place: no fresh temporaries per step
        np.multiply(g, 1 - b1, out=num)
        m *= b1
        m += num                                # m <- b1 m + (1 - b1) g
        np.multiply(g, 1 - b2, out=num)
        num *= g
        v *= b2
        v += num                                # v <- b2 v + (1 - b2) g*g
        # lr m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1, v_hat = v / c2 equals
        # lr_t m / (sqrt(v) + eps_t) with lr_t = lr sqrt(c2) / c1, eps_t = eps sqrt(c2):
        # the same step with the two bias divisions folded into two scalars.
        lr_t, eps_t = self.lr, self.eps
        if self.bias_correction:
            c1, c2 = 1 - b1 ** self.t, 1 - b2 ** self.t
            lr_t, eps_t = lr_t * math.sqrt(c2) / c1, eps_t * math.sqrt(c2)
        np.sqrt(v, out=den)
        den += eps_t
        if eps_t > 0:
            np.divide(m, den, out=num)
        else:                                   # the note's eps = 0: no gradient yet, no step
            num[...] = 0
            np.divide(m, den, out=num, where=den > 0)
        num *= lr_t
        p -= num


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "nesterov": Nesterov,
              "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}


def get_optimizer(name_or_obj, **kwargs):
    """An optimizer from a case-insensitive name (with keyword arguments), or an
    existing optimizer instance returned unchanged (then no keywords allowed)."""
    if isinstance(name_or_obj, Optimizer):
        if kwargs:
            raise ValueError("get_optimizer: keyword arguments need an optimizer name, "
                             f"got an instance {name_or_obj!r} and {sorted(kwargs)}")
        return name_or_obj
    key = check_choice(name_or_obj, "name_or_obj", OPTIMIZERS, "get_optimizer")
    return OPTIMIZERS[key](**kwargs)
