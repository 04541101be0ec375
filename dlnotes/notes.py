"""The notes' formulas taken literally, errors included, so the book can compare them with the
corrected ones in ``dlnotes.functions`` / ``layers`` / ``optimizers``.

Nothing here is meant for training; every function cites the note section it transcribes.
"""
import numpy as np

from ._checks import as_float_array
from .optimizers import Adam, RMSprop

__all__ = ["mse_note", "cross_entropy_note_312", "cross_entropy_note_336",
           "softmax_ce_backward_note", "relu_backward_note", "batchnorm_forward_note",
           "batchnorm_backward_note", "rmsprop_note", "adam_note"]


def mse_note(y, t):
    """3.1.1: (1/C) ||y - t||^2 for one example (C = number of outputs); the book uses 0.5 * sum."""
    y, t = as_float_array(y, "y", "mse_note", ndim=1), as_float_array(t, "t", "mse_note", ndim=1)
    return float(np.sum((y - t) ** 2) / y.size)


def cross_entropy_note_312(y, t):
    """3.1.2: -sum_j t_j log y_j for one example (no 1/C; the note's index mixes i and j)."""
    y, t = as_float_array(y, "y", "cross_entropy_note_312", ndim=1), np.asarray(t, float)
    return float(-np.sum(t * np.log(y)))


def cross_entropy_note_336(y, t):
    """3.3.6: -(1/C) sum_j t_j log y_j -- the same loss as 3.1.2 divided by C."""
    y = as_float_array(y, "y", "cross_entropy_note_336", ndim=1)
    return cross_entropy_note_312(y, t) / y.size


def softmax_ce_backward_note(Y, T):
    """3.3.7: dL/dX = (Y - T) / C (C = class count), derived from the 3.3.6 loss."""
    Y, T = as_float_array(Y, "Y", "softmax_ce_backward_note", ndim=2), np.asarray(T, float)
    return (Y - T) / Y.shape[1]


def relu_backward_note(x, dout):
    """3.3.4 as printed: dL/dx = 1 where x >= 0 else 0 -- the upstream dL/dy is dropped."""
    x = as_float_array(x, "x", "relu_backward_note")
    return (x >= 0).astype(x.dtype)


def batchnorm_forward_note(X, gamma, beta):
    """4.2.1.1 as printed: sigma_j is defined as the *variance* and z = (x - mu) / sigma_j,
    no epsilon.  Returns (Y, Z, mu, sigma) with sigma the variance, as the note names it."""
    X = as_float_array(X, "X", "batchnorm_forward_note", ndim=2)
    mu = X.mean(axis=0)
    sigma = np.mean((X - mu) ** 2, axis=0)            # the note's sigma_j: a variance
    with np.errstate(divide="ignore", invalid="ignore"):
        Z = (X - mu) / sigma
    return gamma * Z + beta, Z, mu, sigma


def batchnorm_backward_note(dY, Z, gamma, sigma):
    """4.2.1.2, the note's final matrix formula
    dX = (1_B gamma/sigma) o [dY - (1/B){Z o (1_B dgamma) + 1_B dbeta}],
    with dgamma = sum_k dY o Z and dbeta = sum_k dY.  It is right when sigma is the standard
    deviation sqrt(var + eps) (as the derivation silently assumes), wrong with the variance."""
    dY = as_float_array(dY, "dY", "batchnorm_backward_note", ndim=2)
    B = dY.shape[0]
    dgamma = np.sum(dY * Z, axis=0)
    dbeta = np.sum(dY, axis=0)
    return (gamma / sigma) * (dY - (Z * dgamma + dbeta) / B)


def rmsprop_note(lr=0.01, beta=0.99):
    """4.1.2: G <- beta G + (1 - beta) g*g; P <- P - lr g / sqrt(G), no epsilon."""
    return RMSprop(lr=lr, decay_rate=beta, eps=0.0)


def adam_note(lr=0.001, beta1=0.9, beta2=0.999):
    """4.1.3: Adam without bias correction and without epsilon (first step ~3.16 lr)."""
    return Adam(lr=lr, beta1=beta1, beta2=beta2, eps=0.0, bias_correction=False)
