"""The fastest numpy training step we could write by hand: the bound for the element-wise work.

The "floor" column of the benchmark counts only the matrix products.  A real
step also has element-wise work that numpy cannot fuse into them: bias adds,
ReLU masks, batch-norm statistics, softmax and cross-entropy, and the optimizer
update (Adam alone makes about a dozen passes over every parameter, one of them
a square root).  This module does that work with as few numpy calls and passes
as we could manage, for one fixed architecture and nothing else:

- every buffer is allocated once and reused (``out=`` everywhere);
- parameters, gradients and optimizer state are each one flat array;
- ReLU multiplies by its mask in place, BN backward uses the closed form
  gamma / std * (dout - dbeta / B - xn * dgamma / B);
- Adam folds the bias correction into two scalars.

It has no input checks and no flexibility: it is a measuring stick, not a
library.  ``tests/test_benchmarks_smoke.py`` checks its gradients and updates
against ``dlnotes.MultiLayerNet`` so that it computes the same step.
"""
import math

import numpy as np


class FusedNet:
    """input -> [Affine -> (BN) -> ReLU] x L -> Affine -> softmax + CE, for one batch size."""

    def __init__(self, params, n_hidden, use_batchnorm, batch, eps=1e-5, momentum=0.9):
        self.L, self.bn, self.B, self.eps, self.momentum = n_hidden + 1, use_batchnorm, batch, eps, momentum
        keys = []
        for i in range(1, self.L + 1):
            keys += [f"W{i}", f"b{i}"] + ([f"gamma{i}", f"beta{i}"] if use_batchnorm and i < self.L else [])
        dtype = params["W1"].dtype
        sizes = [params[k].size for k in keys]
        self.P, self.G = np.concatenate([params[k].ravel() for k in keys]), np.zeros(sum(sizes), dtype)
        self.p, self.g = self._views(self.P, keys, params), self._views(self.G, keys, params)
        self.M, self.V, self.S = (np.zeros_like(self.P) for _ in range(3))
        self.t = 0
        width = [params[f"W{i}"].shape[1] for i in range(1, self.L + 1)]
        self.a = [np.empty((batch, w), dtype) for w in width]          # layer outputs
        self.xn = [np.empty((batch, w), dtype) for w in width[:-1]]    # BN normalised inputs
        self.mask = [np.empty((batch, w), bool) for w in width[:-1]]
        self.std = [None] * (self.L - 1)
        self.running = [(np.zeros(w, dtype), np.ones(w, dtype)) for w in width[:-1]]
        self.rows = np.arange(batch)

    @staticmethod
    def _views(flat, keys, like):
        out, pos = {}, 0
        for k in keys:
            out[k] = flat[pos:pos + like[k].size].reshape(like[k].shape)
            pos += like[k].size
        return out

    def gradient(self, x, t):
        """Fill ``self.g`` (views of the flat gradient) for the batch (x, t); return the loss."""
        p, g, B = self.p, self.g, self.B
        h = x
        for i in range(self.L):
            a = np.dot(h, p[f"W{i + 1}"], out=self.a[i])
            a += p[f"b{i + 1}"]
            if i == self.L - 1:
                break
            if self.bn:
                mu = a.mean(axis=0)
                a -= mu
                var = np.einsum("ij,ij->j", a, a) / B
                self.std[i] = np.sqrt(var + self.eps)
                a /= self.std[i]
                self.xn[i][...] = a
                a *= p[f"gamma{i + 1}"]
                a += p[f"beta{i + 1}"]
                rm, rv = self.running[i]
                rm *= self.momentum
                rm += (1 - self.momentum) * mu
                rv *= self.momentum
                rv += (1 - self.momentum) * var
            np.greater(a, 0, out=self.mask[i])
            a *= self.mask[i]
            h = a
        y = self.a[-1]                                   # softmax in place, then (y - t) / B
        y -= y.max(axis=1, keepdims=True)
        np.exp(y, out=y)
        y /= y.sum(axis=1, keepdims=True)
        loss = -float(np.log(y[self.rows, t]).mean())
        y[self.rows, t] -= 1
        y /= B
        d = y
        for i in range(self.L - 1, -1, -1):
            h_in = x if i == 0 else self.a[i - 1]
            if i < self.L - 1:
                d *= self.mask[i]
                if self.bn:
                    dgamma, dbeta, gamma = g[f"gamma{i + 1}"], g[f"beta{i + 1}"], p[f"gamma{i + 1}"]
                    np.sum(d, axis=0, out=dbeta)
                    np.einsum("ij,ij->j", d, self.xn[i], out=dgamma)
                    d -= dbeta / B
                    d -= self.xn[i] * (dgamma / B)
                    d *= gamma / self.std[i]
            np.dot(h_in.T, d, out=g[f"W{i + 1}"])
            np.sum(d, axis=0, out=g[f"b{i + 1}"])
            if i:
                d = d @ p[f"W{i + 1}"].T
        return loss

    def sgd(self, lr):
        np.multiply(self.G, lr, out=self.S)
        self.P -= self.S

    def adam(self, lr, beta1=0.9, beta2=0.999, eps=1e-7):
        self.t += 1
        M, V, S, G = self.M, self.V, self.S, self.G
        np.subtract(G, M, out=S)
        S *= 1 - beta1
        M += S                                           # m += (1 - b1)(g - m)
        np.multiply(G, G, out=S)
        S -= V
        S *= 1 - beta2
        V += S                                           # v += (1 - b2)(g*g - v)
        c1, c2 = 1 - beta1 ** self.t, 1 - beta2 ** self.t
        np.sqrt(V, out=S)
        S += eps * math.sqrt(c2)
        np.divide(M, S, out=S)
        S *= lr * math.sqrt(c2) / c1
        self.P -= S
