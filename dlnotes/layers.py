"""Layers with a forward/backward pair, in the style of the book's ``common/layers.py``.

Every layer caches in ``forward`` what ``backward`` needs; ``backward(dout)``
returns the gradient with respect to the input and never modifies ``dout``.
Parameter gradients are stored in ``dW, db`` (Affine) or ``dgamma, dbeta``
(BatchNormalization).

The public ``forward``/``backward`` check their arguments and then call
``_forward``/``_backward``, which do the arithmetic on arrays already known to
be right.  MultiLayerNet checks its input once and calls the unchecked pair, so
the activations it passes between its own layers are not scanned again.
"""
import numpy as np

from ._checks import as_float_array, check_fraction, check_shape, labels_to_indices
from .functions import _cross_entropy_indices, _softmax_rows, sigmoid, softmax

__all__ = ["Affine", "Relu", "Sigmoid", "Softmax", "SoftmaxWithLoss",
           "BatchNormalization", "Dropout"]


def _mean0(a, n):
    """``a.mean(axis=0)`` for n = np.intp(a.shape[0]), computed as numpy's ``_mean`` does (same bits)."""
    s = np.add.reduce(a, axis=0)
    return np.true_divide(s, n, out=s, casting="unsafe")


class Layer:
    """Shared bookkeeping: the name used in messages and the forward-before-backward check."""

    def _cached(self, attr):
        value = getattr(self, attr, None)
        if value is None:
            raise RuntimeError(f"{type(self).__name__}: backward() called before forward()")
        return value

    def _check_dout(self, dout, shape):
        dout = as_float_array(dout, "dout", type(self).__name__)
        check_shape(dout, shape, "dout", type(self).__name__)
        return dout


class Affine(Layer):
    """Y = X W + b with X of shape (batch, n), W (n, m), b (m,)  (notes 2.4, 3.3.3, seed 003).

    Inputs with more than two axes are flattened to (batch, n) as in the book.
    """

    def __init__(self, W, b):
        self.W = as_float_array(W, "W", "Affine", ndim=2)
        self.b = as_float_array(b, "b", "Affine", ndim=1)
        check_shape(self.b, (self.W.shape[1],), "b", "Affine")
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        x = as_float_array(x, "x", "Affine")
        if x.ndim < 2:
            raise ValueError(f"Affine: argument 'x' expected a 2-D batch (batch, {self.W.shape[0]}), "
                             f"got shape {x.shape}")
        shape = x.shape
        x = x.reshape(x.shape[0], -1)
        check_shape(x, (None, self.W.shape[0]), "x (flattened)", "Affine")
        out = self._forward(x)
        self.original_x_shape = shape
        return out

    def _forward(self, x):
        self.original_x_shape = x.shape
        self.x = x.astype(self.W.dtype, copy=False)
        out = self.x @ self.W
        if np.result_type(out, self.b) == out.dtype:
            out += self.b                      # in place: same values, one temporary fewer
            return out
        return out + self.b                    # broadcasting b == adding Dup_N(b) (seed 003)

    def backward(self, dout):
        x = self._cached("x")
        return self._backward(self._check_dout(dout, (x.shape[0], self.W.shape[1])))

    def _backward(self, dout, out=(None, None)):
        self._grads(dout, out)
        dx = dout @ self.W.T                   # dL/dX = dL/dY W^T
        return dx.reshape(self.original_x_shape)

    def _grads(self, dout, out=(None, None)):
        """dW, db without dx (a network's first layer needs no dx); written into the
        arrays ``out`` when given (views of a network's flat gradient buffer)."""
        # np.dot, not @: the same BLAS product (same bits), but @ does not use BLAS
        # for a batch of one (an outer product), which np.dot does 3-4 times faster.
        self.dW = np.dot(self.x.T, dout) if out[0] is None else np.dot(self.x.T, dout, out=out[0])
        self.db = np.sum(dout, axis=0, out=out[1])        # column sums: b was copied to every row


class Relu(Layer):
    """max(0, x) element-wise; backward passes dout where x > 0  (notes 2.3.2, 3.3.4)."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        return self._forward(as_float_array(x, "x", "Relu"))

    def _forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0, x).astype(x.dtype, copy=False)

    def backward(self, dout):
        return self._backward(self._check_dout(dout, self._cached("mask").shape))

    def _backward(self, dout):
        # The upstream gradient is kept (the note's 3.3.4 result drops it).
        return np.where(self.mask, 0, dout).astype(dout.dtype, copy=False)


class Sigmoid(Layer):
    """1 / (1 + exp(-x)); backward multiplies by y (1 - y)  (note 2.3.1)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        return self._forward(as_float_array(x, "x", "Sigmoid"))

    def _forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return self._backward(self._check_dout(dout, self._cached("out").shape))

    def _backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class Softmax(Layer):
    """Row-wise softmax; backward through the Jacobian diag(y) - y^T y of each row  (note 3.3.5)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        x = as_float_array(x, "x", "Softmax", ndim=2)
        self.out = softmax(x)
        return self.out

    def jacobian(self):
        """Per-row Jacobians dy_j/dx_q, shape (batch, C, C); each row of each sums to 0."""
        y = self._cached("out")
        return y[:, :, None] * np.eye(y.shape[1], dtype=y.dtype) - y[:, :, None] * y[:, None, :]

    def backward(self, dout):
        y = self._cached("out")
        dout = self._check_dout(dout, y.shape)
        # dx_b = dout_b (diag(y_b) - y_b^T y_b), the note's matrix form, for every row b.
        return np.einsum("bj,bjq->bq", dout, self.jacobian())


class SoftmaxWithLoss(Layer):
    """Softmax followed by cross-entropy, batch mean; backward is (y - t) / batch  (note 3.3.7).

    The note divides by the class count C; averaging over the batch (the book's
    convention) is what makes the loss a mean over examples.
    """

    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        x = as_float_array(x, "x", "SoftmaxWithLoss", ndim=2)
        # x is checked once here; the private helpers skip re-checking y and t (same numbers).
        self.y = _softmax_rows(x)
        self.t = labels_to_indices(t, x.shape[1], x.shape[0], "SoftmaxWithLoss")
        self.loss = _cross_entropy_indices(self.y, self.t)
        return self.loss

    def backward(self, dout=1.0):
        y = self._cached("y")
        batch = y.shape[0]
        dx = y.copy()
        dx[np.arange(batch), self.t] -= 1.0
        return dx * (float(dout) / batch)


class BatchNormalization(Layer):
    """Normalise each column over the batch, then scale by gamma and shift by beta  (note 4.2.1).

    ``eps`` is added to the variance: the note has none and divides by zero on
    a constant column.  Training uses the batch statistics and updates running
    averages; inference (``train_flg=False``) uses the running averages.
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None, eps=1e-5):
        self.gamma = as_float_array(gamma, "gamma", "BatchNormalization", ndim=1)
        self.beta = as_float_array(beta, "beta", "BatchNormalization", ndim=1)
        check_shape(self.beta, self.gamma.shape, "beta", "BatchNormalization")
        self.momentum = check_fraction(momentum, "momentum", "BatchNormalization")
        if isinstance(eps, bool) or not isinstance(eps, (int, float)) or eps < 0:
            raise ValueError(f"BatchNormalization: argument 'eps' expected a number >= 0, got {eps!r}")
        self.eps = float(eps)
        d = self.gamma.shape[0]
        dtype = self.gamma.dtype
        self.running_mean = (np.zeros(d, dtype) if running_mean is None else
                             as_float_array(running_mean, "running_mean", "BatchNormalization", ndim=1))
        self.running_var = (np.ones(d, dtype) if running_var is None else
                            as_float_array(running_var, "running_var", "BatchNormalization", ndim=1))
        self.input_shape = None
        self.xn = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        x = as_float_array(x, "x", "BatchNormalization")
        if x.ndim < 2:
            raise ValueError(f"BatchNormalization: argument 'x' expected a 2-D batch, got shape {x.shape}")
        shape = x.shape
        x = x.reshape(x.shape[0], -1)
        check_shape(x, (None, self.gamma.shape[0]), "x (flattened)", "BatchNormalization")
        out = self._forward(x, train_flg)
        self.input_shape = shape
        return out.reshape(shape)

    def _forward(self, x, train_flg=True):
        self.input_shape = x.shape
        if train_flg and x.shape[0] < 2:       # a shape test, cheap enough for every path
            raise ValueError("BatchNormalization: argument 'x' expected a batch of at least 2 rows "
                             f"in training (batch statistics), got {x.shape[0]}; "
                             "use train_flg=False for a single example")
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc ** 2, axis=0)
            self.std = np.sqrt(var + self.eps)
            self.xn = xc / self.std
            m = self.momentum
            self.running_mean = m * self.running_mean + (1 - m) * mu
            self.running_var = m * self.running_var + (1 - m) * var
        else:
            self.xn = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
            self.std = None
        out = self.gamma * self.xn
        if np.result_type(out, self.beta) == out.dtype:
            out += self.beta                   # in place: same values, one temporary fewer
        else:
            out = out + self.beta
        return out

    def backward(self, dout):
        if self.std is None:
            raise RuntimeError("BatchNormalization: backward() needs a forward() with train_flg=True")
        return self._backward(self._check_dout(dout, self.input_shape).reshape(self.xn.shape)
                              ).reshape(self.input_shape)

    def _backward(self, dout, out=(None, None)):
        """dx for a 2-D dout; dgamma, dbeta written into ``out`` when given."""
        xn = self.xn
        self.dbeta = np.sum(dout, axis=0, out=out[1])
        tmp = dout * xn
        self.dgamma = np.sum(tmp, axis=0, out=out[0])
        # Compact form of the note's 4.2.1.2 result (with std = sqrt(var + eps)):
        # dx = (dxn - mean(dxn) - xn * mean(dxn * xn)) / std, evaluated in that order in place.
        dxn = dout * self.gamma
        if dxn.dtype == xn.dtype == tmp.dtype and np.result_type(dxn, self.std) == dxn.dtype:
            n = np.intp(dxn.shape[0])                    # ndarray.mean divides by an intp
            mean_dxn = _mean0(dxn, n)
            np.multiply(dxn, xn, out=tmp)
            mean_dxn_xn = _mean0(tmp, n)
            dxn -= mean_dxn
            np.multiply(xn, mean_dxn_xn, out=tmp)
            dxn -= tmp
            dxn /= self.std
            return dxn
        return (dxn - dxn.mean(axis=0) - xn * np.mean(dxn * xn, axis=0)) / self.std


class Dropout(Layer):
    """Inverted dropout: zero a fraction ``dropout_ratio`` of units in training and scale the
    rest by 1 / (1 - ratio), so inference needs no rescaling.

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
        return self._forward(as_float_array(x, "x", "Dropout"), train_flg)

    def _forward(self, x, train_flg=True):
        if not train_flg:
            self.mask = None
            return x
        if self._fixed is not None:            # a frozen mask must not be broadcast
            check_shape(x, self._fixed.shape, "x", "Dropout (fixed mask)")
            keep = self._fixed
        else:
            keep = self.rng.random(x.shape) >= self.dropout_ratio
        self.mask = keep.astype(x.dtype) / (1.0 - self.dropout_ratio)
        return x * self.mask

    def backward(self, dout):
        return self._backward(self._check_dout(dout, self._cached("mask").shape))

    def _backward(self, dout):
        return dout * self.mask
