"""Chapter 4 experiments (notes 4.1, 4.2.1): optimizers compared on the digits (4.1),
activations at initialisation and training with and without batch normalization (4.2.1),
Momentum written as a sum (4.1.1), batch normalization's backward pass step by step, its
scale invariance and the BN explorer's numbers (4.2.1.1-4.2.1.2), mirrored by
``dlnotes/js/batchnorm.js``.
"""
import math

import numpy as np

from .._checks import as_float_array, check_int, check_real
from ..datasets import load_digits
from ..gradient import numerical_gradient
from ..landscapes import make_optimizer
from ..layers import Affine, BatchNormalization, Dropout
from ..network import MultiLayerNet
from ..trainer import Trainer, TrainingDiverged
from ._core import _fsum_dot

__all__ = ["TRAIN_SETTINGS", "train_with_optimizers", "hidden_activations", "deep_net", "bn_training_runs"]

# ---------------------------------------------------------------- note 4.1: optimizers on the digits

#: Label -> (optimizer key, hyper-parameters) used by ``train_with_optimizers`` on the digits.
TRAIN_SETTINGS = {"SGD": ("sgd", {"lr": 0.1}), "Momentum": ("momentum", {"lr": 0.05}),
                  "AdaGrad": ("adagrad", {"lr": 0.05}), "RMSprop": ("rmsprop", {"lr": 0.002}),
                  "Adam": ("adam", {"lr": 0.002})}


def train_with_optimizers(settings=None, epochs=5, hidden=(50, 50), batch_size=64, seed=0):
    """Train the same digits network with each optimizer of ``settings``; returns {label: history}.

    Every run starts from the same initial weights and sees the same mini-batches, so the
    curves differ only by the update rule (note 4.1; AdaGrad is the book's, not in the notes)."""
    settings = settings or TRAIN_SETTINGS
    (xtr, ttr), (xte, tte) = load_digits(seed=0)
    out = {}
    for label, (name, hyper) in settings.items():
        net = MultiLayerNet(64, list(hidden), 10, seed=seed)
        tr = Trainer(net, xtr, ttr, xte, tte, epochs=epochs, mini_batch_size=batch_size,
                     optimizer=make_optimizer(name, **hyper), seed=seed, quiet=True,
                     evaluate_sample_num_per_epoch=len(xte))
        out[label] = tr.train()
    return out


# ---------------------------------------------------------------- note 4.2.1: batch normalization

def hidden_activations(net, x, train_flg=True):
    """The outputs of every activation layer of a MultiLayerNet for input ``x``, as a list.

    Intermediate outputs drifting to extremes are what batch normalization counters
    (note 4.2.1.1).  Computed with the layers' own ``forward``; BatchNormalization and
    Dropout run in training mode unless ``train_flg=False``."""
    x = as_float_array(x, "x", "hidden_activations", ndim=2)
    W1 = net.params["W1"]
    if x.shape[1] != W1.shape[0]:
        raise ValueError(f"hidden_activations: argument 'x' expected shape (batch, {W1.shape[0]}), "
                         f"got {x.shape}")
    h = x.astype(W1.dtype, copy=False)
    out = []
    for name, layer in net.layers.items():
        h = layer.forward(h, train_flg) if isinstance(layer, (BatchNormalization, Dropout)) else layer.forward(h)
        if name.startswith("Activation_function"):
            out.append(h)
    return out


def deep_net(width, n_layers, activation, scale, bn, seed):
    """A deep MultiLayerNet of equal-width layers, with or without batch normalization (note 4.2.1).

    ``width`` inputs, ``n_layers`` hidden layers of ``width`` units and 10 outputs, with
    weight-init std ``scale``."""
    return MultiLayerNet(width, [width] * n_layers, 10, activation=activation, weight_init_std=scale,
                         use_batchnorm=bn, seed=seed)


def bn_training_runs(scales=(3.0, 1.0, 0.3, 0.1, 0.03, 0.01), epochs=6, hidden=(30, 30, 30, 30),
                     n_train=400, batch_size=40, lr=0.1, seed=0):
    """Train the digits network with and without batch normalization (note 4.2.1) per init std.

    Plain SGD, as in the book's figure 6-19.  Returns {scale: {'BN': history, 'no BN': history}};
    a run that diverges keeps the history recorded before it stopped."""
    (xtr, ttr), _ = load_digits(seed=0)
    xtr, ttr = xtr[:n_train], ttr[:n_train]
    runs = {}
    for scale in scales:
        runs[scale] = {}
        for label, bn in (("BN", True), ("no BN", False)):
            net = MultiLayerNet(64, list(hidden), 10, weight_init_std=scale, use_batchnorm=bn, seed=seed)
            tr = Trainer(net, xtr, ttr, epochs=epochs, mini_batch_size=batch_size, optimizer="sgd",
                         optimizer_param={"lr": lr}, seed=seed, quiet=True)
            try:
                tr.train()
            except TrainingDiverged:
                pass
            runs[scale][label] = tr.history
    return runs


# ---------------------------------------------------------------- issue 14: Momentum as a sum (note 4.1.1)

__all__ += ["momentum_velocities", "momentum_unrolled"]


def momentum_velocities(grads, lr=0.01, momentum=0.9):
    """The velocities V_1, ..., V_T that :class:`~dlnotes.optimizers.Momentum` (note 4.1.1) builds from the gradients g_1, ..., g_T.

    ``grads`` is a 1-D sequence of scalar gradients, one per update; each is fed to a fresh
    ``Momentum(lr, momentum)`` on a one-entry parameter, and its state ``v`` (the page's V, the
    note's M) is read after every update.  V_tau is also the change of the parameter at update tau.
    """
    from ..optimizers import Momentum
    g = as_float_array(grads, "grads", "momentum_velocities", ndim=1)
    opt = Momentum(lr, momentum)
    p = {"P": np.zeros(1)}
    out = np.empty(g.size)
    for k, gk in enumerate(g):
        opt.update(p, {"P": np.array([gk])})
        out[k] = opt.v["P"][0]
    return out


def momentum_unrolled(grads, lr=0.01, momentum=0.9):
    """V_tau = -lr * sum_{k=0}^{tau-1} momentum^k g_{tau-k} for every tau: Momentum's recursion (note 4.1.1) written out as a sum.

    A second method for :func:`momentum_velocities`: no recursion, each V_tau is the weighted sum
    of all gradients so far, the newest with weight 1, the one before with ``momentum``, and so on.
    """
    g = as_float_array(grads, "grads", "momentum_unrolled", ndim=1)
    lr = check_real(lr, "lr", "momentum_unrolled")
    alpha = check_real(momentum, "momentum", "momentum_unrolled")
    out = np.empty(g.size)
    for tau in range(1, g.size + 1):
        k = np.arange(tau)
        out[tau - 1] = -lr * np.sum(alpha ** k * g[tau - 1 - k])
    return out


# ---------------------------------------------------------------- note 4.2.1.2: BN backward, step by step

__all__ += ["BN_GRAPH_EDGES", "bn_graph_paths", "bn_backward_steps", "bn_intermediate_numeric",
            "bn_scale_invariance", "BN_EXPLORER_ROWS", "bn_explorer_batch", "bn_explorer_state"]

#: The computation graph of one BN column j (note 4.2.1.2, the figure it calls 「この図で」), as
#: (from, to) edges; "_i" is the row i being differentiated, "_k" any other row k != i.
#: mu_j and sigma2_j are shared by every row, so x_ij reaches row k's output through them.
BN_GRAPH_EDGES = (
    ("x_i", "mu"), ("x_i", "u_i"), ("mu", "u_i"), ("mu", "u_k"), ("x_k", "mu"), ("x_k", "u_k"),
    ("u_i", "sigma2"), ("u_k", "sigma2"), ("u_i", "xhat_i"), ("u_k", "xhat_k"),
    ("sigma2", "xhat_i"), ("sigma2", "xhat_k"), ("xhat_i", "y_i"), ("xhat_k", "y_k"),
    ("gamma", "y_i"), ("gamma", "y_k"), ("beta", "y_i"), ("beta", "y_k"),
)


def bn_graph_paths(start="x_i", end="y_i", edges=BN_GRAPH_EDGES):
    """Every path from ``start`` to ``end`` in the BN graph (note 4.2.1.2), as tuples of node
    names, in depth-first order.  The chain rule sums one product of local derivatives per path."""
    succ = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    nodes = {n for e in edges for n in e}
    for name, value in (("start", start), ("end", end)):
        if value not in nodes:
            raise ValueError(f"bn_graph_paths: argument '{name}' expected one of {sorted(nodes)}, got {value!r}")
    out = []

    def walk(path):
        if path[-1] == end:
            out.append(tuple(path))
            return
        for nxt in succ.get(path[-1], ()):
            walk(path + [nxt])
    walk([start])
    return out


def _bn_args(X, gamma, G, eps, owner):
    X = as_float_array(X, "X", owner, ndim=2)
    gamma = as_float_array(gamma, "gamma", owner, ndim=1)
    G = as_float_array(G, "G", owner, ndim=2)
    if X.shape[0] < 2:
        raise ValueError(f"{owner}: argument 'X' expected a batch of at least 2 rows, got {X.shape[0]}")
    if gamma.shape != (X.shape[1],):
        raise ValueError(f"{owner}: argument 'gamma' expected shape ({X.shape[1]},), got {gamma.shape}")
    if G.shape != X.shape:
        raise ValueError(f"{owner}: argument 'G' expected shape {X.shape}, got {G.shape}")
    eps = check_real(eps, "eps", owner, finite=True)
    if eps < 0:
        raise ValueError(f"{owner}: argument 'eps' expected a number >= 0, got {eps!r}")
    return X, gamma, G, eps


def bn_backward_steps(X, gamma, G, eps=1e-5):
    """Backward through BN one node of its graph at a time (note 4.2.1.2, in this book's notation).

    Forward: mu_j = mean_i x_ij, u_ij = x_ij - mu_j, sigma2_j = mean_i u_ij**2,
    s_j = sqrt(sigma2_j + eps), xhat_ij = u_ij / s_j, y_ij = gamma_j xhat_ij + beta_j.
    ``G`` is dL/dY.  Returns a dict of the forward values and of each intermediate gradient:
    dxhat = gamma G; dsigma2 = -1/2 (sigma2 + eps)^(-3/2) sum_i dxhat u; du = dxhat / s +
    (2/B) u dsigma2; dmu = -sum_i du; dx = du + dmu / B; dgamma = sum_i G xhat, dbeta = sum_i G.
    (beta does not enter any gradient but dbeta.)"""
    X, gamma, G, eps = _bn_args(X, gamma, G, eps, "bn_backward_steps")
    B = X.shape[0]
    mu = X.mean(axis=0)
    u = X - mu
    sigma2 = np.mean(u ** 2, axis=0)
    s = np.sqrt(sigma2 + eps)
    xhat = u / s
    dxhat = gamma * G                                         # y = gamma xhat + beta
    dsigma2 = -0.5 * (sigma2 + eps) ** -1.5 * np.sum(dxhat * u, axis=0)   # every xhat_kj
    du = dxhat / s + 2.0 / B * u * dsigma2                    # direct, and through sigma2
    dmu = -np.sum(du, axis=0)                                 # every u_kj
    dx = du + dmu / B                                         # direct, and through mu
    return {"mu": mu, "u": u, "sigma2": sigma2, "s": s, "xhat": xhat, "dxhat": dxhat,
            "dsigma2": dsigma2, "du": du, "dmu": dmu, "dx": dx,
            "dgamma": np.sum(G * xhat, axis=0), "dbeta": np.sum(G, axis=0)}


def bn_intermediate_numeric(X, gamma, beta, G, eps=1e-5, h=1e-5):
    """Central-difference gradients of L = sum(G o Y) with respect to each node of the BN graph
    (note 4.2.1.2), the node treated as a free input and everything after it recomputed as the
    graph says: xhat, sigma2 (u fixed), u (sigma2 = mean u**2), mu (u = x - mu), and x.
    Returns a dict with keys dxhat, dsigma2, du, dmu, dx."""
    X, gamma, G, eps = _bn_args(X, gamma, G, eps, "bn_intermediate_numeric")
    beta = as_float_array(beta, "beta", "bn_intermediate_numeric", ndim=1)
    mu0 = X.mean(axis=0)
    u0 = X - mu0
    var0 = np.mean(u0 ** 2, axis=0)

    def loss_xhat(xh):
        return float(np.sum(G * (gamma * xh + beta)))

    def loss_sigma2(v, uu=u0):
        return loss_xhat(uu / np.sqrt(v + eps))

    def loss_u(uu):
        return loss_sigma2(np.mean(uu ** 2, axis=0), uu)

    def loss_mu(m, x=X):
        return loss_u(x - m)

    def loss_x(x):
        return loss_mu(x.mean(axis=0), x)

    return {"dxhat": numerical_gradient(loss_xhat, u0 / np.sqrt(var0 + eps), h=h),
            "dsigma2": numerical_gradient(loss_sigma2, var0.copy(), h=h),
            "du": numerical_gradient(loss_u, u0.copy(), h=h),
            "dmu": numerical_gradient(loss_mu, mu0.copy(), h=h),
            "dx": numerical_gradient(loss_x, X.copy(), h=h)}


def bn_scale_invariance(scales=(1.0, 2.0, 4.0, 10.0), lr=0.1, eps=1e-5, batch=32, n=8, d=4, seed=0):
    """Scale invariance of a BN layer's weights (note 4.2.1): Affine (weights c W0) then BN.

    BN removes the column mean (so the bias drops out) and divides by the column standard
    deviation, so L(cW) = L(W) up to eps, hence dL/dW at cW is (dL/dW at W) / c and the relative
    step ||lr dL/dW|| / ||cW|| shrinks as 1/c**2.  Loss L = sum(G o Y) with a fixed random G.
    Returns one dict per scale c: c, loss, grad_norm, grad_norm_times_c, rel_step,
    rel_step_times_c2."""
    owner = "bn_scale_invariance"
    scales = [check_real(c, "scales", owner, finite=True) for c in np.ravel(scales)]
    if not scales or min(scales) <= 0:
        raise ValueError(f"{owner}: argument 'scales' expected positive numbers, got {scales}")
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(batch, n))
    W0 = rng.normal(size=(n, d))
    b = rng.normal(size=d)
    gamma, beta = rng.uniform(0.5, 2.0, d), rng.normal(size=d)
    G = rng.normal(size=(batch, d))
    rows = []
    for c in scales:
        aff = Affine(c * W0, b)
        bn = BatchNormalization(gamma, beta, eps=eps)
        Y = bn.forward(aff.forward(X))
        aff.backward(bn.backward(G))
        gn = float(np.linalg.norm(aff.dW))
        rel = float(np.linalg.norm(lr * aff.dW) / np.linalg.norm(c * W0))
        rows.append({"c": c, "loss": float(np.sum(G * Y)), "grad_norm": gn, "grad_norm_times_c": gn * c,
                     "rel_step": rel, "rel_step_times_c2": rel * c * c})
    return rows


#: Rows of the BN explorer's fixed batch (note 4.2.1.1): its batch-size slider picks the first B.
BN_EXPLORER_ROWS = 64


def bn_explorer_batch(seed=0, n=5):
    """The BN explorer's data (note 4.2.1.1): one feature's pre-BN activations a_i = (x_i w) at
    weight scale 1 for BN_EXPLORER_ROWS seeded inputs x_i (n features) and a fixed unit-norm w;
    the explorer multiplies them by its weight scale c.  Shipped to the page as numbers."""
    rng = np.random.default_rng(seed)
    x = rng.normal(1.0, 1.0, size=(BN_EXPLORER_ROWS, n))
    w = rng.normal(size=n)
    u = w / math.sqrt(_fsum_dot(w, w))       # sums by fsum, not BLAS: the same bits on every machine
    return np.array([_fsum_dot(row, u) for row in x]) + 0.5


def _seq_sum(values):
    total = 0.0
    for v in values:                 # left to right, as the page's loop (same rounding)
        total += v
    return total


def _bn_column(a, eps):
    """mean, variance, s and xhat of one column (note 4.2.1.1), sums left to right."""
    B = len(a)
    mu = _seq_sum(a) / B
    u = [v - mu for v in a]
    var = _seq_sum([v * v for v in u]) / B
    s = float(np.sqrt(var + eps))
    return mu, var, s, [v / s for v in u]


def bn_explorer_state(base, B, c, eps):
    """What the BN explorer shows (note 4.2.1.1) for batch size ``B``, weight scale ``c`` and
    ``eps``: BN (gamma 1, beta 0) of the column a = c * base[:B].  Mirrored by
    ``dlnotes.bnExplorerState`` in dlnotes/js/batchnorm.js (sums left to right there and here,
    so the two agree to the last bit).

    Returns a dict: ``pre`` (a, sorted ascending), ``post`` (xhat in the same order), ``mean_pre``,
    ``var_pre``, ``mean_post``, ``var_post``, ``var_predicted`` = var_pre / (var_pre + eps), and
    ``max_change``: the largest |xhat(c) - xhat(c = 1)| over the batch (0 up to eps and rounding:
    scaling the weights leaves BN's output unchanged)."""
    owner = "bn_explorer_state"
    base = as_float_array(base, "base", owner, ndim=1)
    B = check_int(B, "B", owner, minimum=2)
    if B > base.size:
        raise ValueError(f"{owner}: argument 'B' expected at most {base.size} (rows of base), got {B}")
    c = check_real(c, "c", owner, finite=True)
    eps = check_real(eps, "eps", owner, finite=True)
    if c <= 0 or eps < 0:
        raise ValueError(f"{owner}: arguments 'c' > 0 and 'eps' >= 0 expected, got c={c!r}, eps={eps!r}")
    raw = [float(v) for v in base[:B]]
    a = [c * v for v in raw]
    mu, var, s, xhat = _bn_column(a, eps)
    xhat1 = _bn_column(raw, eps)[3]
    order = sorted(range(B), key=lambda i: (a[i], i))
    mean_post = _seq_sum(xhat) / B
    var_post = _seq_sum([(v - mean_post) * (v - mean_post) for v in xhat]) / B
    return {"pre": [a[i] for i in order], "post": [xhat[i] for i in order], "mean_pre": mu,
            "var_pre": var, "mean_post": mean_post, "var_post": var_post,
            "var_predicted": var / (var + eps),
            "max_change": max(abs(p - q) for p, q in zip(xhat, xhat1))}
