"""Layers with a forward/backward pair, in the style of the book's ``common/layers.py``.

Every layer caches in ``forward`` what ``backward`` needs; ``backward(dout)``
returns the gradient with respect to the input and never modifies ``dout``.
Parameter gradients are stored in ``dW, db`` (Affine) or ``dgamma, dbeta``
(BatchNormalization).  Each method checks its arguments first (type, shape,
NaN, an empty batch) and raises an error naming the layer; the lines after the
check are the formula.  A MultiLayerNet checks ``x`` and ``t`` once at its edge
and sets ``check_inputs = False`` on its own layers: every other array they see
is one they computed themselves.
"""
import numpy as np

from ._checks import as_float_array, as_targets, check_batch, check_fraction, check_real, check_shape
from .functions import _cross_entropy, sigmoid, softmax

__all__ = ["Affine", "Relu", "Sigmoid", "Softmax", "SoftmaxWithLoss",
           "BatchNormalization", "Dropout"]


class Layer:
    """What every layer shares: checking ``x`` and ``dout``, and backward-before-forward."""

    check_inputs = True            # False inside a MultiLayerNet, which checked x and t already

    def _check_x(self, x, ndim=None, features=None):
        """``x`` as a checked float batch; with ``features``, rows of that many numbers
        (an input with more axes is flattened to (batch, features), as in the book)."""
        if not self.check_inputs:
            return x
        name = type(self).__name__
        x = check_batch(as_float_array(x, "x", name, ndim=ndim), "x", name)
        if features is not None and (x.ndim < 2 or x[0].size != features):
            raise ValueError(f"{name}: argument 'x' expected a batch of shape (batch, {features}) "
                             f"(more axes are flattened), got shape {x.shape}")
        return x

    def _check_dout(self, dout, like):
        """``dout`` with the shape of forward's output: ``like`` is that output or its shape
        (None before the first forward)."""
        name = type(self).__name__
        if like is None:
            raise RuntimeError(f"{name}: backward() called before forward()")
        if not self.check_inputs:
            return dout
        dout = as_float_array(dout, "dout", name)
        check_shape(dout, getattr(like, "shape", like), "dout", name)
        return dout


class Affine(Layer):
    """Y = X W + b with X of shape (batch, n), W (n, m), b (m,)  (notes 2.4, 3.3.3, seed 003).

    Inputs with more than two axes are flattened to (batch, n) as in the book.
    ``needs_dx = False`` (set by MultiLayerNet on its first layer, whose input is
    the data) skips dL/dX, and ``backward`` returns None: the one speed trick of
    this module, a whole matrix product per step.
    """

    def __init__(self, W, b):
        self.W = as_float_array(W, "W", "Affine", ndim=2)
        self.b = as_float_array(b, "b", "Affine", ndim=1)
        check_shape(self.b, (self.W.shape[1],), "b", "Affine")
        self.needs_dx = True
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        x = self._check_x(x, features=self.W.shape[0])
        self.original_x_shape = x.shape
        self.x = x.reshape(len(x), -1).astype(self.W.dtype, copy=False)
        return np.dot(self.x, self.W) + self.b        # b broadcast to every row = X W + Dup_N(b) (seed 003)

    def backward(self, dout):
        dout = self._check_dout(dout, None if self.x is None else (len(self.x), self.W.shape[1]))
        self.dW = np.dot(self.x.T, dout)               # dL/dW = X^T dL/dY         (seed 003)
        self.db = np.sum(dout, axis=0)                 # dL/db = column sums of dL/dY (note 3.3.3)
        if not self.needs_dx:
            return None
        dx = np.dot(dout, self.W.T)                    # dL/dX = dL/dY W^T         (seed 003)
        return dx.reshape(self.original_x_shape)


class Relu(Layer):
    """max(0, x) element-wise; backward passes dout where x > 0  (notes 2.3.2, 3.3.4)."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        x = self._check_x(x)
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = self._check_dout(dout, self.mask).copy()  # a copy: the caller's dout stays as it was
        dx[self.mask] = 0                              # the note's 3.3.4 result drops dout; kept here
        return dx


class Sigmoid(Layer):
    """y = 1 / (1 + exp(-x)); backward multiplies by y (1 - y)  (note 2.3.1)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = sigmoid(self._check_x(x))
        return self.out

    def backward(self, dout):
        dout = self._check_dout(dout, self.out)
        return dout * self.out * (1.0 - self.out)


class Softmax(Layer):
    """Row-wise softmax; backward through the Jacobian diag(y) - y^T y of each row  (note 3.3.5)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = softmax(self._check_x(x, ndim=2))
        return self.out

    def jacobian(self):
        """Per-row Jacobians dy_j/dx_q, shape (batch, C, C); each row of each sums to 0."""
        y = self.out
        if y is None:
            raise RuntimeError("Softmax: jacobian() called before forward()")
        return y[:, :, None] * np.eye(y.shape[1], dtype=y.dtype) - y[:, :, None] * y[:, None, :]

    def backward(self, dout):
        dout = self._check_dout(dout, self.out)
        # dx_b = dout_b (diag(y_b) - y_b^T y_b), the note's matrix form, for every row b.
        return np.einsum("bj,bjq->bq", dout, self.jacobian())


class SoftmaxWithLoss(Layer):
    """Softmax followed by cross-entropy, batch mean; backward is (Y - T) / batch  (note 3.3.7).

    ``t`` is class labels or rows of probabilities (one-hot or soft): any target
    rows, as the note's 3.3.7 allows.  The note divides by the class count C;
    averaging over the batch (the book's convention) makes the loss a mean over examples.
    """

    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        x = self._check_x(x, ndim=2)
        self.t = as_targets(t, *x.shape, "SoftmaxWithLoss", dtype=x.dtype) if self.check_inputs else t
        self.y = softmax(x)
        self.loss = _cross_entropy(self.y, self.t)
        return self.loss

    def backward(self, dout=1.0):
        dout = check_real(dout, "dout", "SoftmaxWithLoss")   # dL/dloss: one finite number
        if self.y is None:
            raise RuntimeError("SoftmaxWithLoss: backward() called before forward()")
        batch = self.y.shape[0]
        return dout * (self.y - self.t) / batch


class BatchNormalization(Layer):
    """Normalise each column over the batch, then scale by gamma and shift by beta  (note 4.2.1).

    ``eps`` is added to the variance: the note has none and divides by zero on
    a constant column.  Training uses the batch statistics and updates running
    averages; inference (``train_flg=False``) uses the running averages.
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        owner = "BatchNormalization"
        self.gamma = as_float_array(gamma, "gamma", owner, ndim=1)
        self.beta = as_float_array(beta, "beta", owner, ndim=1)
        check_shape(self.beta, self.gamma.shape, "beta", owner)
        self.momentum = check_fraction(momentum, "momentum", owner)
        self.eps = check_real(eps, "eps", owner)
        if self.eps <= 0:
            raise ValueError(f"{owner}: argument 'eps' expected a finite number > 0, got {eps!r}")
        d, dtype = self.gamma.shape[0], self.gamma.dtype
        self.running_mean = np.zeros(d, dtype) if running_mean is None else running_mean
        self.running_var = np.ones(d, dtype) if running_var is None else running_var
        self.running_mean = as_float_array(self.running_mean, "running_mean", owner, ndim=1)
        self.running_var = as_float_array(self.running_var, "running_var", owner, ndim=1)
        check_shape(self.running_mean, (d,), "running_mean", owner)
        check_shape(self.running_var, (d,), "running_var", owner)
        if (self.running_var < 0).any():
            raise ValueError(f"{owner}: argument 'running_var' expected variances >= 0, "
                             f"got a minimum of {self.running_var.min():.4g}")
        self.input_shape = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        x = self._check_x(x, features=self.gamma.shape[0])
        flat = x.reshape(len(x), -1)
        if train_flg and len(x) < 2:
            raise ValueError("BatchNormalization: argument 'x' expected a batch of at least 2 rows "
                             f"in training (batch statistics), got {len(x)}; "
                             "use train_flg=False for a single example")
        self.input_shape = x.shape
        if train_flg:                                  # note 4.2.1.1: mean, variance, normalise
            mu = flat.mean(axis=0)
            xc = flat - mu
            var = np.mean(xc ** 2, axis=0)
            self.std = np.sqrt(var + self.eps)
            self.xn = xc / self.std
            m = self.momentum
            self.running_mean = m * self.running_mean + (1 - m) * mu
            self.running_var = m * self.running_var + (1 - m) * var
        else:
            self.std = None
            self.xn = (flat - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return (self.gamma * self.xn + self.beta).reshape(x.shape)

    def backward(self, dout):
        if self.std is None:
            raise RuntimeError("BatchNormalization: backward() needs a forward() with train_flg=True")
        dout = self._check_dout(dout, self.input_shape).reshape(self.xn.shape)
        xn = self.xn
        self.dbeta = dout.sum(axis=0)                  # note 4.2.1.2: dL/dbeta, dL/dgamma
        self.dgamma = np.sum(dout * xn, axis=0)
        dxn = dout * self.gamma
        # The note's 4.2.1.2 chain through mu and sigma^2, collected into one line:
        dx = (dxn - dxn.mean(axis=0) - xn * np.mean(dxn * xn, axis=0)) / self.std
        return dx.reshape(self.input_shape)


class Dropout(Layer):
    """Inverted dropout (book 6.4.3; not in the notes): randomly silence units while training.

    In training a fraction ``dropout_ratio`` of the units is zeroed and the rest are scaled
    by 1 / (1 - ratio), so inference needs no rescaling (the book's version instead
    multiplies by 1 - ratio at inference; the two agree on average).  It is a layer of the
    kind note 4.2 introduces, added beside Affine and the activations, but the notes only
    cover batch normalization.

    ``fix_mask(mask)`` freezes the mask (for gradient checks); ``fix_mask(None)`` releases it.
    """

    def __init__(self, dropout_ratio=0.5, seed=None):
        self.dropout_ratio = check_fraction(dropout_ratio, "dropout_ratio", "Dropout")
        self.rng = np.random.default_rng(seed)
        self.mask = None
        self._fixed = None

    def fix_mask(self, mask):
        self._fixed = None if mask is None else np.asarray(mask, dtype=bool)

    def forward(self, x, train_flg=True):
        x = self._check_x(x)
        if not train_flg:
            self.mask = None
            return x
        if self._fixed is not None:                    # a frozen mask must not be broadcast
            check_shape(x, self._fixed.shape, "x", "Dropout (fixed mask)")
        keep = self._fixed if self._fixed is not None else self.rng.random(x.shape) >= self.dropout_ratio
        self.mask = keep.astype(x.dtype) / (1.0 - self.dropout_ratio)
        return x * self.mask

    def backward(self, dout):
        return self._check_dout(dout, self.mask) * self.mask
