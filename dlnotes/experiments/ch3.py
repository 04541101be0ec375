"""Chapter 3 experiments (notes 3.1-3.3.7, seed 003): the book's example vectors and their losses
(3.1), one batch update against a sequence of per-example updates (seed 003), the scalar chain
rule and backprop checked against central differences (3.3.2-3.3.7), training on 2-D toy sets
and the digits' errors; then cross-entropy as entropy + KL divergence (3.1.2) and the noise of
mini-batch SGD on a 2-parameter least-squares problem (3.2), mirrored by ``dlnotes/js/sgd.js``.
"""
import numpy as np

from .._checks import as_float_array, check_choice, check_int, check_real
from ..datasets import make_circles, make_moons, make_spirals, make_xor
from ..functions import cross_entropy_error, mean_squared_error, softmax
from ..gradient import numerical_gradient
from ..layers import Affine, BatchNormalization, Relu, Sigmoid, Softmax, SoftmaxWithLoss
from ..network import MultiLayerNet
from ..optimizers import get_optimizer
from ._core import _fsum_dot

__all__ = [
    # 3.1 losses
    "BOOK_T", "BOOK_Y_RIGHT", "BOOK_Y_WRONG", "book_loss_values", "loss_vs_true_probability",
    # 3.2 / seed 003
    "sequential_vs_batch",
    # 3.3.2-3.3.7 backpropagation
    "chain_rule_values", "softmax_jacobians", "layer_gradient_checks",
    # training
    "TOY_SETS", "TOY_LIM", "toy_data", "train_toy", "confusion_matrix", "misclassified",
]

# ---------------------------------------------------------------- 3.1 losses

#: One-hot target of the book's loss example (book 4.2, used for note 3.1): ten classes, the
#: answer is class 2.
BOOK_T = np.eye(10)[2]
#: The book's prediction that gives the answer (class 2) the highest probability, 0.6.
BOOK_Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
#: The book's prediction that puts 0.6 on class 7 instead, a wrong answer.
BOOK_Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


def book_loss_values():
    """MSE (book: 0.5 * sum; note 3.1.1: mean over the C outputs) and cross-entropy of the
    book's two predictions.  Returns a dict of floats."""
    C = BOOK_T.size
    out = {}
    for name, y in (("right", BOOK_Y_RIGHT), ("wrong", BOOK_Y_WRONG)):
        out[f"mse_book_{name}"] = mean_squared_error(y, BOOK_T)
        out[f"mse_note_{name}"] = float(np.sum((y - BOOK_T) ** 2) / C)
        out[f"ce_{name}"] = cross_entropy_error(y, BOOK_T)
    return out


def loss_vs_true_probability(p, C=10):
    """The losses of note 3.1 for one example, as functions of the true class's probability ``p``.

    The rest, 1 - p, is spread evenly over the other C - 1 classes.  Returns {'ce': -log p
    (note 3.1.2), 'mse_book': (1/2) sum of squares, 'mse_note': (1/C) sum of squares
    (note 3.1.1)}, element-wise over ``p``."""
    C = check_int(C, "C", "loss_vs_true_probability", minimum=2)
    p = as_float_array(p, "p", "loss_vs_true_probability")
    rest = (1 - p) / (C - 1)
    sq = (1 - p) ** 2 + (C - 1) * rest ** 2
    with np.errstate(divide="ignore"):
        ce = -np.log(p)
    return {"ce": ce, "mse_book": 0.5 * sq, "mse_note": sq / C}


# ---------------------------------------------------------------- 3.2 / seed 003

def sequential_vs_batch(lrs=(0.1, 0.03, 0.01, 0.003, 0.001), n=8, seed=0):
    """Seed 003's closing remark, measured on one Affine layer with squared-error loss.

    One *batch* update subtracts lr * (sum of the per-example gradients), all taken at the same W;
    the *sequential* scheme updates after each example.  Returns (lrs, differences, grad_err):
    ``differences[k]`` = max |W_seq - W_batch| after one pass with ``lrs[k]`` (it shrinks like
    lr²), and ``grad_err`` the max difference between the batch gradient X^T dY and the sum of
    the per-example gradients x_i^T dy_i (zero up to rounding)."""
    rng = np.random.default_rng(seed)
    X, T = rng.normal(size=(n, 3)), rng.normal(size=(n, 2))
    W0, b0 = rng.normal(size=(3, 2)), np.zeros(2)

    def grads(W, b, x, t):
        layer = Affine(W, b)
        layer.backward(layer.forward(x) - t)           # L = 1/2 sum (Y - T)^2, dL/dY = Y - T
        return layer.dW, layer.db

    dW, db = grads(W0, b0, X, T)
    per = [grads(W0, b0, X[i:i + 1], T[i:i + 1]) for i in range(n)]
    grad_err = max(np.abs(dW - sum(g[0] for g in per)).max(), np.abs(db - sum(g[1] for g in per)).max())
    diffs = []
    for lr in lrs:
        Wb = W0 - lr * dW
        W, b = W0.copy(), b0.copy()
        for i in range(n):
            gW, gb = grads(W, b, X[i:i + 1], T[i:i + 1])
            W, b = W - lr * gW, b - lr * gb
        diffs.append(float(np.abs(W - Wb).max()))
    return np.array(lrs, float), np.array(diffs), float(grad_err)


# ---------------------------------------------------------------- 3.3.2-3.3.7 backpropagation

def chain_rule_values(x=2.0, w=-1.5, b=0.5, t=1.0):
    """Forward and backward values of y = w x + b, L = (y - t)² / 2 (note 3.3.2).

    Returns a dict with y, L, dL/dy and the chain-rule results dL/dx = w dL/dy,
    dL/dw = x dL/dy, dL/db = dL/dy."""
    y = w * x + b
    dy = y - t
    return {"y": y, "L": 0.5 * (y - t) ** 2, "dL/dy": dy, "dL/dx": w * dy, "dL/dw": x * dy,
            "dL/db": dy}


def softmax_jacobians(a):
    """The softmax Jacobian of one row a, by formula and by central differences (note 3.3.5).

    Returns {"y": softmax(a), "formula": J, "numeric": J_num} with J[i, j] = y_i (delta_ij - y_j)
    and J_num[i, j] the central difference (note 3.3.1, h = 1e-4) of y_i with respect to a_j:
    row i is the numerical gradient of the i-th output."""
    a = as_float_array(a, "a", "softmax_jacobians", ndim=1)
    y = softmax(a)
    formula = y[:, None] * (np.eye(len(a)) - y[None, :])
    work = a.copy()
    numeric = np.array([numerical_gradient(lambda v, i=i: float(softmax(v)[i]), work)
                        for i in range(len(a))])
    return {"y": y, "formula": formula, "numeric": numeric}


def layer_gradient_checks(seed=0):
    """Backprop gradients (notes 3.3.3-3.3.7) next to central differences (note 3.3.1), per layer.

    The layers are Affine, Relu, Sigmoid, Softmax, SoftmaxWithLoss, BatchNormalization (in
    training mode, note 4.2.1.2: gradients with respect to x, gamma and beta) and a small
    MultiLayerNet.

    Each layer gets the scalar loss L = sum(G * forward(x)) with a fixed random G (so
    dL/dout = G); SoftmaxWithLoss and the network use their own loss.  Batch normalization
    draws from its own stream (seeded by ``[seed, 1]``), so the other layers' numbers do
    not depend on it.  Returns {layer: {parameter: (analytic, numeric)}}."""
    rng = np.random.default_rng(seed)
    out = {}
    x = rng.normal(size=(4, 5))
    x = np.where(np.abs(x) < 0.05, 0.3, x)          # keep ReLU's kink away from the finite differences
    W, b = rng.normal(size=(5, 3)), rng.normal(size=3)
    G3, G5 = rng.normal(size=(4, 3)), rng.normal(size=(4, 5))

    aff = Affine(W, b)
    aff.forward(x)
    dx = aff.backward(G3)
    L = lambda _: float(np.sum(G3 * Affine(W, b).forward(x)))
    out["Affine"] = {"x": (dx, numerical_gradient(L, x)), "W": (aff.dW, numerical_gradient(L, W)),
                     "b": (aff.db, numerical_gradient(L, b))}
    for name, cls in (("Relu", Relu), ("Sigmoid", Sigmoid), ("Softmax", Softmax)):
        layer = cls()
        layer.forward(x)
        an = layer.backward(G5)
        out[name] = {"x": (an, numerical_gradient(lambda _: float(np.sum(G5 * cls().forward(x))), x))}
    t = rng.integers(0, 5, size=4)
    swl = SoftmaxWithLoss()
    swl.forward(x, t)
    an = swl.backward()
    out["SoftmaxWithLoss"] = {"x": (an, numerical_gradient(lambda _: SoftmaxWithLoss().forward(x, t), x))}
    out["BatchNormalization"] = _batchnorm_check(np.random.default_rng([seed, 1]))
    net = MultiLayerNet(5, [6, 4], 3, seed=seed)
    _biases_away_from_kinks(net, x, np.random.default_rng([seed, 2]))
    tn = rng.integers(0, 3, size=4)
    ga, gn = net.gradient(x, tn), net.numerical_gradient(x, tn)
    out["MultiLayerNet"] = {k: (ga[k], gn[k]) for k in ga}
    return out


def _biases_away_from_kinks(net, x, rng, margin=0.05):
    """Give a ReLU :class:`MultiLayerNet` random biases (as part-way through training) such
    that no hidden unit's input lies within ``margin`` of ReLU's kink at 0 for the batch ``x``:
    a central difference (note 3.3.1) that steps across the kink measures a slope that is
    neither 0 nor 1.  (With the initial zero biases, a row whose ReLUs all died feeds exactly
    0 to the next layer: on the kink.)"""
    z = x
    for i in range(1, len(net.hidden_size_list) + 1):
        W, b = net.params[f"W{i}"], rng.normal(scale=0.5, size=net.params[f"b{i}"].shape)
        a = z @ W
        for j in range(b.size):                       # shift b_j until every a_ij + b_j is clear
            while np.min(np.abs(a[:, j] + b[j])) < margin:
                b[j] += margin
        net.params[f"b{i}"] = b
        z = np.maximum(a + b, 0)


def _batchnorm_check(rng, backward=None):
    """{parameter: (analytic, numeric)} for BatchNormalization in training mode (note 4.2.1.2).

    A batch of B = 6 rows and d = 3 features (spread 3, so no column is nearly constant);
    L = sum(G * y).  ``backward(layer, G)`` replaces the layer's own backward (it returns
    dx, dgamma, dbeta) to show that a wrong one is caught."""
    xb = 3.0 * rng.normal(size=(6, 3)) + 1.0
    gamma, beta = rng.uniform(0.5, 2.0, size=3), rng.normal(size=3)
    G = rng.normal(size=(6, 3))
    bn = BatchNormalization(gamma, beta)
    bn.forward(xb, train_flg=True)
    if backward is None:
        dx = bn.backward(G)
        dgamma, dbeta = bn.dgamma, bn.dbeta
    else:
        dx, dgamma, dbeta = backward(bn, G)
    L = lambda _: float(np.sum(G * BatchNormalization(gamma, beta).forward(xb, train_flg=True)))
    return {"x": (dx, numerical_gradient(L, xb)), "gamma": (dgamma, numerical_gradient(L, gamma)),
            "beta": (dbeta, numerical_gradient(L, beta))}


# ---------------------------------------------------------------- training on 2-D toy sets

#: The 2-D toy classification sets by name, each a function returning (X, t) with a fixed seed.
TOY_SETS = {
    "moons": lambda: make_moons(200, noise=0.15, seed=0),
    "circles": lambda: make_circles(200, noise=0.08, seed=0),
    "spirals": lambda: make_spirals(300, n_classes=3, noise=0.2, seed=0),
    "xor": lambda: make_xor(200, noise=0.1, seed=0),
}
#: Half-width of the square [-TOY_LIM, TOY_LIM]² on which ``train_toy`` records its class grid.
TOY_LIM = 2.5          # the class grid of train_toy covers [-TOY_LIM, TOY_LIM]²


def toy_data(name):
    """(X, t) of one of the 2-D toy sets, standardised to zero mean and unit variance per axis.

    Their classes are not linearly separable (note 2.2), so a network with hidden layers is
    needed to tell them apart."""
    key = check_choice(name, "name", TOY_SETS, "toy_data")
    X, t = TOY_SETS[key]()
    return (X - X.mean(0)) / X.std(0), t


def train_toy(name, hidden=16, activation="relu", lr=0.03, iterations=300, snapshots=20, seed=0):
    """Train a 2-hidden-layer MultiLayerNet on a toy set with full-batch Adam, keeping snapshots.

    The optimizer is the Adam of note 4.1.3 with bias correction; returns (net, X, t, frames) where
    ``frames`` holds (iteration, accuracy, class-grid) at ``snapshots`` evenly spaced iterations
    (the first is before training).  The grid covers [-TOY_LIM, TOY_LIM]² at 60 x 60 points."""
    X, t = toy_data(name)
    k = int(t.max()) + 1
    net = MultiLayerNet(2, [hidden, hidden], k, activation=activation, seed=seed)
    opt = get_optimizer("adam", lr=lr)
    g = np.linspace(-TOY_LIM, TOY_LIM, 60)
    GX, GY = np.meshgrid(g, g)
    grid = np.column_stack([GX.ravel(), GY.ravel()])
    marks = set(np.linspace(0, iterations, snapshots).round().astype(int).tolist())
    frames = []
    for it in range(iterations + 1):
        if it in marks:
            frames.append((it, net.accuracy(X, t), net.predict(grid).argmax(1).reshape(GX.shape)))
        if it < iterations:
            opt.update(net.params, net.gradient(X, t))
    return net, X, t, frames


# ---------------------------------------------------------------- digits: errors

def confusion_matrix(net, x, t, n_classes=10):
    """The confusion matrix: counts[i, j] is the number of examples of class i predicted as j.

    An evaluation aid for the networks trained in chapter 3; the notes themselves define
    no confusion matrix."""
    pred = net.predict(x).argmax(1)
    M = np.zeros((n_classes, n_classes), int)
    np.add.at(M, (np.asarray(t), pred), 1)
    return M


def misclassified(net, x, t, n=12):
    """The first ``n`` examples the network gets wrong, with what it predicted and how sure it was.

    Returns (indices, predicted classes, the softmax probability (note 2.3.3) of each
    prediction)."""
    y = softmax(net.predict(x))
    pred = y.argmax(1)
    wrong = np.flatnonzero(pred != np.asarray(t))[:n]
    return wrong, pred[wrong], y[wrong, pred[wrong]]


# ---------------------------------------------------------------- 3.1.2 / 3.2 (issue 14)
# Cross-entropy = entropy + KL divergence (note 3.1.2), and the noise that makes gradient descent
# "stochastic" (note 3.2): a 2-parameter least-squares problem, its full-batch and mini-batch
# gradients, the variance of the mini-batch gradient against the batch size B, and the two
# paths the live explorer draws (mirrored line by line in dlnotes/js/sgd.js).

__all__ += ["entropy", "kl_divergence", "cross_entropy_decomposition",
            "SGD_N", "SGD_BATCH_MAX", "SGD_STEPS", "SGD_START", "sgd_problem", "sgd_loss",
            "sgd_batch_indices", "per_example_gradients", "minibatch_gradient",
            "minibatch_gradient_variance", "sgd_paths"]


def _distribution(p, name, owner):
    p = as_float_array(p, name, owner, ndim=1)
    if p.size == 0 or np.any(p < 0) or not np.isclose(p.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"{owner}: argument '{name}' expected a probability vector (entries >= 0, "
                         f"sum 1), got {p.tolist()}")
    return p


def _two_distributions(t, y, owner):
    """``t`` and ``y`` as probability vectors of the same length (a ValueError naming ``owner``)."""
    t, y = _distribution(t, "t", owner), _distribution(y, "y", owner)
    if t.shape != y.shape:
        raise ValueError(f"{owner}: shapes differ, got {t.shape} and {y.shape}")
    return t, y


def entropy(t):
    """The entropy H(t) = -sum_k t_k log t_k of a probability vector, in nats (note 3.1.2).

    Terms with t_k = 0 count as 0 (the limit of p log p).  For a one-hot ``t`` it is 0."""
    t = _distribution(t, "t", "entropy")
    nz = t > 0
    return float(-np.sum(t[nz] * np.log(t[nz]))) + 0.0          # + 0.0: no -0.0 for one-hot t


def kl_divergence(t, y):
    """The Kullback-Leibler divergence KL(t || y) = sum_k t_k log(t_k / y_k), in nats (note 3.1.2).

    Terms with t_k = 0 count as 0; a y_k = 0 where t_k > 0 gives inf.  It is >= 0, and 0 only
    when y = t."""
    t, y = _two_distributions(t, y, "kl_divergence")
    nz = t > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(t[nz] * (np.log(t[nz]) - np.log(y[nz]))))


def cross_entropy_decomposition(t, y):
    """Note 3.1.2's cross-entropy H(t, y) = -sum_k t_k log y_k split as H(t) + KL(t || y).

    Returns {'cross_entropy', 'entropy', 'kl', 'entropy_plus_kl'} (nats), the first computed
    directly, the last as the sum of the two parts.  Only KL depends on y, so minimising the
    cross-entropy over y minimises KL; for a one-hot t, H(t) = 0 and the two are equal."""
    t, y = _two_distributions(t, y, "cross_entropy_decomposition")
    nz = t > 0
    with np.errstate(divide="ignore"):
        ce = float(-np.sum(t[nz] * np.log(y[nz])))
    h, kl = entropy(t), kl_divergence(t, y)
    return {"cross_entropy": ce, "entropy": h, "kl": kl, "entropy_plus_kl": h + kl}


#: Size N of the seeded training set of the mini-batch experiments (note 3.2).
SGD_N = 256
#: Largest batch size B of the mini-batch experiments and of the live explorer (note 3.2).
SGD_BATCH_MAX = 64
#: Number of updates the SGD explorer draws (note 3.2), and rows of its batch-index table.
SGD_STEPS = 60
#: Start (w1, w2) of the full-batch and mini-batch paths (note 3.2).
SGD_START = (-1.5, 3.0)


def sgd_problem(n=SGD_N, seed=0):
    """A seeded 2-parameter least-squares problem for note 3.2's gradient descent.

    N = ``n`` inputs x_i in R² (rows of ``X``, the second feature 2.5 times narrower, so the
    loss contours are elongated ellipses) and targets t_i = x_i w_true + noise, w_true = (1, 0.5).
    The loss is the batch mean L(w) = (1/N) sum_i (1/2)(x_i w - t_i)², whose gradient is
    A w - c with A = X^T X / N, c = X^T t / N.  Returns a dict with X, t, A, c, const
    (= mean(t²)/2, so L(w) = w A w / 2 - c w + const) and w_min (the minimiser).

    The live explorer ships these numbers in the page, so they are the same bits on every
    machine: sums by ``math.fsum`` (correctly rounded) and the 2x2 solve by Cramer's rule,
    not BLAS/LAPACK, whose kernels sum in a CPU-dependent order."""
    n = check_int(n, "n", "sgd_problem", minimum=2)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2)) * np.array([1.0, 0.4])
    t = X[:, 0] * 1.0 + X[:, 1] * 0.5 + 0.5 * rng.normal(size=n)
    A = np.array([[_fsum_dot(X[:, i], X[:, j]) / n for j in range(2)] for i in range(2)])
    c = np.array([_fsum_dot(X[:, i], t) / n for i in range(2)])
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]          # A w_min = c, by Cramer's rule
    w_min = np.array([(c[0] * A[1, 1] - A[0, 1] * c[1]) / det, (A[0, 0] * c[1] - A[1, 0] * c[0]) / det])
    return {"X": X, "t": t, "A": A, "c": c, "const": _fsum_dot(t, t) / (2 * n), "w_min": w_min}


def sgd_loss(problem, w1, w2):
    """The full-batch loss L(w) of :func:`sgd_problem` at (w1, w2), element-wise (note 3.2)."""
    A, c = problem["A"], problem["c"]
    w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
    return (0.5 * (A[0, 0] * w1 ** 2 + 2 * A[0, 1] * w1 * w2 + A[1, 1] * w2 ** 2)
            - c[0] * w1 - c[1] * w2 + problem["const"])


def sgd_batch_indices(steps=SGD_STEPS, batch_max=SGD_BATCH_MAX, n=SGD_N, seed=1):
    """The seeded mini-batches of the SGD explorer (note 3.2): a (steps, batch_max) int table.

    Row tau holds the example indices of update tau, drawn uniformly *with* replacement (as the
    book's ``np.random.choice(train_size, batch_size)``); batch size B uses the first B of them,
    so every B sees the same examples first."""
    owner = "sgd_batch_indices"
    steps = check_int(steps, "steps", owner, minimum=1)
    batch_max = check_int(batch_max, "batch_max", owner, minimum=1)
    n = check_int(n, "n", owner, minimum=1)
    return np.random.default_rng(seed).integers(0, n, size=(steps, batch_max))


def per_example_gradients(problem, w):
    """The gradient of each example's loss (1/2)(x_i w - t_i)² at w: row i is (x_i w - t_i) x_i (note 3.2)."""
    w = as_float_array(w, "w", "per_example_gradients", ndim=1)
    X, t = problem["X"], problem["t"]
    r = X[:, 0] * w[0] + X[:, 1] * w[1] - t       # x_i w - t_i, element-wise (no BLAS: same bits everywhere)
    return r[:, None] * X


def minibatch_gradient(problem, w, idx):
    """The mini-batch gradient (1/B) sum_{i in idx} (x_i w - t_i) x_i at w (note 3.2), B = len(idx).

    Summed in the order of ``idx``, one example at a time, exactly as ``D.minibatchGradient``
    in dlnotes/js/sgd.js (so the two agree to the last bit)."""
    X, t = problem["X"], problem["t"]
    w1, w2 = float(w[0]), float(w[1])
    s1 = s2 = 0.0
    for i in idx:
        x1, x2 = float(X[i, 0]), float(X[i, 1])
        r = x1 * w1 + x2 * w2 - float(t[i])
        s1 += r * x1
        s2 += r * x2
    B = len(idx)
    if B == 0:
        raise ValueError("minibatch_gradient: argument 'idx' expected at least one index, got none")
    return np.array([s1 / B, s2 / B])


def minibatch_gradient_variance(problem=None, w=SGD_START, batch_sizes=(1, 2, 4, 8, 16, 32, 64),
                                n_batches=20000, replace=True, seed=2):
    """How noisy the mini-batch gradient of note 3.2 is, measured against the batch size B.

    At ``w``, draws ``n_batches`` batches of each size (uniformly, with replacement by default;
    ``replace=False`` draws B distinct examples) and measures var_B = mean ||g_B - g||², g the
    full-batch gradient.  Theory: with replacement the B draws are independent, so
    var_B = sigma²/B exactly in expectation, sigma² = (1/N) sum_i ||g_i - g||² the variance of
    one example's gradient; without replacement it is sigma²/B (N - B)/(N - 1) (the
    finite-population factor).  Returns a dict: B, var (measured), expected (theory), ratio
    (= var / expected, about 1), rel_std_error (the standard error of each measured var,
    relative to it: how far from 1 the ratio may fall by chance), var_times_B_over_sigma2
    (= var B / sigma², about 1 with replacement), sigma2, N, replace."""
    owner = "minibatch_gradient_variance"
    problem = sgd_problem() if problem is None else problem
    G = per_example_gradients(problem, np.asarray(w, dtype=float))
    N = G.shape[0]
    g = G.mean(axis=0)
    sigma2 = float(np.mean(np.sum((G - g) ** 2, axis=1)))
    n_batches = check_int(n_batches, "n_batches", owner, minimum=2)
    Bs = np.array([check_int(B, "batch_sizes", owner, minimum=1) for B in batch_sizes])
    if not replace and Bs.max() > N:
        raise ValueError(f"{owner}: argument 'batch_sizes' expected sizes <= N = {N} without "
                         f"replacement, got {int(Bs.max())}")
    rng = np.random.default_rng(seed)
    var, expected, se = [], [], []
    for B in Bs:
        if replace:
            idx = rng.integers(0, N, size=(n_batches, B))
        else:
            idx = np.argsort(rng.random((n_batches, N)), axis=1)[:, :B]
        gB = G[idx].mean(axis=1)
        sq = np.sum((gB - g) ** 2, axis=1)
        var.append(float(np.mean(sq)))
        se.append(float(np.std(sq) / np.sqrt(n_batches) / np.mean(sq)))
        expected.append(sigma2 / B * (1.0 if replace else (N - B) / (N - 1)))
    var, expected = np.array(var), np.array(expected)
    return {"B": Bs, "var": var, "expected": expected, "ratio": var / expected,
            "rel_std_error": np.array(se),
            "var_times_B_over_sigma2": var * Bs / sigma2, "sigma2": sigma2, "N": N,
            "replace": bool(replace)}


def sgd_paths(problem, lr, B, steps=SGD_STEPS, idx=None, start=SGD_START):
    """Full-batch gradient descent and mini-batch SGD from the same start (note 3.2).

    Both update w <- w - lr g; GD uses the full gradient g = A w - c, SGD the mini-batch
    gradient of the first B indices of row tau of ``idx`` (default :func:`sgd_batch_indices`)
    at update tau.  A path stops early once max |w| > 1e6 (a diverging run).  Returns
    (gd, sgd), each an array of shape (updates + 1, 2).  Mirrored by ``D.sgdPaths`` in
    dlnotes/js/sgd.js."""
    owner = "sgd_paths"
    lr = check_real(lr, "lr", owner)
    steps = check_int(steps, "steps", owner, minimum=0)
    idx = sgd_batch_indices() if idx is None else np.asarray(idx)
    B = check_int(B, "B", owner, minimum=1)
    if B > idx.shape[1] or steps > idx.shape[0]:
        raise ValueError(f"{owner}: B = {B} and steps = {steps} need an index table of at least "
                         f"({steps}, {B}), got {idx.shape}")
    A, c = problem["A"], problem["c"]
    gd, sgd = [[float(start[0]), float(start[1])]], [[float(start[0]), float(start[1])]]
    w1, w2 = gd[0]
    for _ in range(steps):
        g1 = A[0, 0] * w1 + A[0, 1] * w2 - c[0]
        g2 = A[1, 0] * w1 + A[1, 1] * w2 - c[1]
        w1, w2 = w1 - lr * g1, w2 - lr * g2
        gd.append([float(w1), float(w2)])
        if max(abs(w1), abs(w2)) > 1e6:
            break
    w = np.array(sgd[0])
    for tau in range(steps):
        g = minibatch_gradient(problem, w, idx[tau, :B])
        w = np.array([w[0] - lr * g[0], w[1] - lr * g[1]])
        sgd.append([float(w[0]), float(w[1])])
        if max(abs(w[0]), abs(w[1])) > 1e6:
            break
    return np.array(gd), np.array(sgd)
