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


# --------------------------------------------------------------------------------------------
# Further literal transcriptions used by the errata notebook (notebooks/90-errata-proofs).
# --------------------------------------------------------------------------------------------
__all__ += ["softmax_jacobian_note_335_line1", "softmax_ce_grad_note_337_line4",
            "batchnorm_backward_note_summary_line1", "rmsprop_step_note", "adam_step_note",
            "affine_batch_vs_sequential"]


def softmax_jacobian_note_335_line1(x):
    """3.3.5, first line of the derivative as printed: J[j, q] = dy_j/dx_q with
    (e_j S - e_j e_j) / S^2 on the diagonal (right) and -e_j e_j / S^2 off it (wrong: the
    derivative of S with respect to x_q is e_q, so the off-diagonal entry is -e_j e_q / S^2)."""
    x = as_float_array(x, "x", "softmax_jacobian_note_335_line1", ndim=1)
    e = np.exp(x - x.max())
    S = e.sum()
    J = np.tile((-e * e / S ** 2)[:, None], (1, x.size))      # row j holds -e_j^2 / S^2
    np.fill_diagonal(J, (e * S - e * e) / S ** 2)
    return J


def softmax_ce_grad_note_337_line4(y, t):
    """3.3.7, fourth line as printed: dL/dx_q = (y_q / C) (sum_j t_j - t_q).  The previous line
    equals (y_q sum_j t_j - t_q) / C; the factoring moved t_q inside the bracket."""
    y = as_float_array(y, "y", "softmax_ce_grad_note_337_line4", ndim=1)
    t = as_float_array(t, "t", "softmax_ce_grad_note_337_line4", ndim=1)
    if t.shape != y.shape:
        raise ValueError("softmax_ce_grad_note_337_line4: argument 't' expected shape "
                         f"{y.shape} (same as y), got {t.shape}")
    return y / y.size * (t.sum() - t)


def batchnorm_backward_note_summary_line1(dY, Z, gamma, sigma):
    """4.2.1.2, first line of the closing summary as printed:
    dL/dx = dz / sigma - (1/sigma)(z/B) sum_k dz z  with dz = gamma dY -- this is dL/du, the
    -(1/(B sigma)) sum_k dz term coming through the mean is missing (the next line adds it)."""
    dY = as_float_array(dY, "dY", "batchnorm_backward_note_summary_line1", ndim=2)
    Z = as_float_array(Z, "Z", "batchnorm_backward_note_summary_line1", ndim=2)
    if Z.shape != dY.shape:
        raise ValueError("batchnorm_backward_note_summary_line1: argument 'Z' expected shape "
                         f"{dY.shape} (same as dY), got {Z.shape}")
    B = dY.shape[0]
    dZ = gamma * dY
    return dZ / sigma - Z / (B * sigma) * np.sum(dZ * Z, axis=0)


def rmsprop_step_note(p, G, g, lr=0.01, beta=0.99):
    """4.1.2 literally, one step: G <- beta G + (1 - beta) g o g;  P <- P - lr g / sqrt(G),
    plain IEEE division (no epsilon, no guard): an entry whose gradient has always been 0
    becomes 0/0 = NaN.  Returns the new (p, G); the inputs are not modified."""
    owner = "rmsprop_step_note"
    p, G, g = (as_float_array(a, n, owner, allow_nan=True) for a, n in ((p, "p"), (G, "G"), (g, "g")))
    if not (p.shape == G.shape == g.shape):
        raise ValueError(f"{owner}: arguments 'p', 'G', 'g' expected one shape, got "
                         f"{p.shape}, {G.shape}, {g.shape}")
    G = beta * G + (1 - beta) * g * g
    with np.errstate(divide="ignore", invalid="ignore"):
        return p - lr * g / np.sqrt(G), G


def adam_step_note(p, M, G, g, lr=0.001, beta1=0.9, beta2=0.999):
    """4.1.3 literally, one step: no bias correction, no epsilon, plain IEEE division.
    Returns the new (p, M, G); the inputs are not modified."""
    owner = "adam_step_note"
    p, M, G, g = (as_float_array(a, n, owner, allow_nan=True)
                  for a, n in ((p, "p"), (M, "M"), (G, "G"), (g, "g")))
    if not (p.shape == M.shape == G.shape == g.shape):
        raise ValueError(f"{owner}: arguments 'p', 'M', 'G', 'g' expected one shape, got "
                         f"{p.shape}, {M.shape}, {G.shape}, {g.shape}")
    M = beta1 * M + (1 - beta1) * g
    G = beta2 * G + (1 - beta2) * g * g
    with np.errstate(divide="ignore", invalid="ignore"):
        return p - lr * M / np.sqrt(G), M, G


def affine_batch_vs_sequential(X, T, W, b, lr):
    """Seed 003, closing remark.  Loss L = sum_s 0.5 ||x_s W + b - t_s||^2 (a sum over the batch).
    Returns ((W, b) after one batch step with dL/dW = X^T dY, dL/db = column sums of dY,
    (W, b) after one step per example in turn).  They agree to O(lr^2)."""
    owner = "affine_batch_vs_sequential"
    X = as_float_array(X, "X", owner, ndim=2)
    T = as_float_array(T, "T", owner, ndim=2)
    W = as_float_array(W, "W", owner, ndim=2)
    b = as_float_array(b, "b", owner, ndim=1)
    if X.shape[1] != W.shape[0] or T.shape != (X.shape[0], W.shape[1]) or b.shape != (W.shape[1],):
        raise ValueError(f"{owner}: expected X (N, N'), W (N', M), b (M,), T (N, M), got "
                         f"X {X.shape}, W {W.shape}, b {b.shape}, T {T.shape}")
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not lr > 0:
        raise ValueError(f"{owner}: argument 'lr' expected a positive number, got {lr!r}")
    dY = X @ W + b - T
    Wb, bb = W - lr * X.T @ dY, b - lr * dY.sum(axis=0)
    Ws, bs = W.copy(), b.copy()
    for x, t in zip(X, T):
        dy = x @ Ws + bs - t
        Ws, bs = Ws - lr * np.outer(x, dy), bs - lr * dy
    return (Wb, bb), (Ws, bs)
