"""The computations behind the chapter figures: small experiments that print or return numbers.

Numpy only (plus the library itself): ``dlnotes.plots`` draws what these functions compute,
``dlnotes.widgets`` and the notebooks' check cells print the very same numbers, and the tests
compare them with values worked out independently.

- chapter 2: the activation table, perceptron truth-table keys over weight grids, the naive
  softmax, a 2-layer forward pass;
- note 3.1: the book's example vectors and their losses;
- note 3.2 / seed 003: one batch update against a sequence of per-example updates;
- notes 3.3.2-3.3.7: the scalar chain rule and backprop checked against central differences;
- training: 2-D toy sets, digits (confusion matrix, misclassified examples), optimizers compared
  on the digits (note 4.1), activations at initialisation and training with/without batch
  normalization (note 4.2.1).
"""
import math

import numpy as np

from ._checks import as_float_array, check_choice, check_int, check_real
from .datasets import load_digits, make_circles, make_moons, make_spirals, make_xor
from .functions import (cross_entropy_error, identity, mean_squared_error, relu, relu_grad, sigmoid,
                        sigmoid_grad, softmax, step_function)
from .gates import GATE_NAMES
from .gradient import numerical_gradient
from .landscapes import make_optimizer
from .layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, Softmax, SoftmaxWithLoss
from .network import MultiLayerNet
from .optimizers import get_optimizer
from .trainer import Trainer, TrainingDiverged

__all__ = [
    # chapter 2
    "ACTIVATIONS", "activation_values", "GATE_KEY_NAMES", "gate_keys", "gate_function_counts",
    "naive_softmax", "forward_pass",
    # 3.1 losses
    "BOOK_T", "BOOK_Y_RIGHT", "BOOK_Y_WRONG", "book_loss_values", "loss_vs_true_probability",
    # 3.2 / seed 003
    "sequential_vs_batch",
    # 3.3.2-3.3.7 backpropagation
    "chain_rule_values", "softmax_jacobians", "layer_gradient_checks",
    # training
    "TOY_SETS", "TOY_LIM", "toy_data", "train_toy", "confusion_matrix", "misclassified",
    "TRAIN_SETTINGS", "train_with_optimizers", "hidden_activations", "deep_net", "bn_training_runs",
]

# ---------------------------------------------------------------- chapter 2

#: The activation functions of notes 2.1 and 2.3 (and the identity) by name, each as (f, f');
#: the step's derivative is 0 wherever it exists (it has none at 0).
ACTIVATIONS = {
    "step": (step_function, lambda x: np.zeros_like(np.asarray(x, dtype=float))),
    "sigmoid": (sigmoid, sigmoid_grad),
    "relu": (relu, relu_grad),
    "identity": (identity, lambda x: np.ones_like(np.asarray(x, dtype=float))),
}


def activation_values(name, x, scale=1.0, shift=0.0, owner="activation_values"):
    """Value and slope of one activation function of notes 2.1 and 2.3, stretched and shifted.

    Returns (f(scale x + shift), d/dx of it = scale f'(scale x + shift)) for an ``ACTIVATIONS``
    name.  The slope is NaN where step or ReLU has no derivative (scale x + shift = 0).  Errors
    name ``owner`` (the figure that asked, say)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"{owner}: argument 'name' expected one of {list(ACTIVATIONS)}, got {name!r}")
    scale = check_real(scale, "scale", owner)
    shift = check_real(shift, "shift", owner)
    f, df = ACTIVATIONS[name]
    z = scale * np.asarray(x, dtype=float) + shift
    slope = scale * df(z)
    if name in ("step", "relu"):
        slope = np.where(np.abs(z) < 1e-9, np.nan, slope)
    return f(z), slope


def gate_keys(W1, W2, B):
    """Which gate the perceptron step(w1 x1 + w2 x2 + b) of note 2.1 computes, as a key 0..15.

    The key packs the truth table (f(00), f(01), f(10), f(11)) into an int with f(00) as bit 3;
    it is computed element-wise over arrays of weights and biases."""
    bits = [(B >= 0), (W2 + B >= 0), (W1 + B >= 0), (W1 + W2 + B >= 0)]
    return sum(bit.astype(int) << (3 - k) for k, bit in enumerate(bits))


#: Truth-table key 0..15 (see ``gate_keys``) -> name of that boolean function ('AND', 'XOR', ...).
GATE_KEY_NAMES = {int("".join(map(str, k)), 2): v for k, v in GATE_NAMES.items()}


def gate_function_counts(grid):
    """How many perceptrons (w1, w2, b) on a grid compute each boolean function of two inputs.

    Each of w1, w2 and b runs over ``grid``, so ``len(grid)**3`` perceptrons are counted.
    Returns (names, counts), both in key order 0..15.  XOR and XNOR always get 0: no single
    perceptron computes them (note 2.2)."""
    g = as_float_array(grid, "grid", "gate_function_counts", ndim=1)
    W1, W2, B = np.meshgrid(g, g, g, indexing="ij")
    counts = np.bincount(gate_keys(W1, W2, B).ravel(), minlength=16)
    return [GATE_KEY_NAMES[k] for k in range(16)], counts


def naive_softmax(X):
    """The softmax of note 2.3.3 without the max shift, to show why the note subtracts it.

    exp(x_i) / sum_j exp(x_j) row by row: NaN where exp overflows to inf or every exp
    underflows to 0 (no warnings)."""
    X = as_float_array(X, "X", "naive_softmax", ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(X)
        return e / e.sum(axis=1, keepdims=True)


def forward_pass(X, W1, b1, W2, b2):
    """A 2-layer forward pass in the batched matrix form of notes 2.4 and 2.5, keeping every step.

    X -> A1 = X W1 + b1 -> H = relu(A1) -> A2 = H W2 + b2 -> Y = softmax(A2); returns
    {'A1', 'H', 'A2', 'Y'}."""
    owner = "forward_pass"
    X = as_float_array(X, "X", owner, ndim=2)
    W1, W2 = (as_float_array(M, n, owner, ndim=2) for M, n in ((W1, "W1"), (W2, "W2")))
    b1, b2 = (as_float_array(v, n, owner, ndim=1) for v, n in ((b1, "b1"), (b2, "b2")))
    if not (X.shape[1] == W1.shape[0] and W1.shape[1] == b1.size == W2.shape[0] and W2.shape[1] == b2.size):
        raise ValueError(f"{owner}: expected X (N, n), W1 (n, h), b1 (h,), W2 (h, m), b2 (m,), got "
                         f"{X.shape}, {W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}")
    A1 = X @ W1 + b1
    H = relu(A1)
    A2 = H @ W2 + b2
    return {"A1": A1, "H": H, "A2": A2, "Y": softmax(A2)}


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


# ---------------------------------------------------------------- issue 14: XOR hulls (note 2.2), Momentum as a sum (note 4.1.1)

__all__ += ["segment_intersection", "xor_centre_sums", "momentum_velocities", "momentum_unrolled"]


def segment_intersection(p, q, r, s):
    """Where the segment from p to q meets the segment from r to s in the plane (note 2.2: the two diagonals of XOR's square).

    Returns ``(point, t, u)`` with ``point = p + t (q - p) = r + u (s - r)``, solved by Cramer's
    rule; the point lies on both segments when ``0 <= t <= 1`` and ``0 <= u <= 1``.  For the
    diagonals of the unit square every quantity is a small dyadic number, so the answer is exact.
    ValueError when the segments are parallel (no single crossing point).
    """
    owner = "segment_intersection"
    p, q, r, s = (as_float_array(v, n, owner, ndim=1) for v, n in ((p, "p"), (q, "q"), (r, "r"), (s, "s")))
    for v, n in ((p, "p"), (q, "q"), (r, "r"), (s, "s")):
        if v.shape != (2,):
            raise ValueError(f"{owner}: argument '{n}' expected a point (x, y), got shape {v.shape}")
    d1, d2, rhs = q - p, s - r, r - p                  # solve t d1 - u d2 = r - p
    det = d1[1] * d2[0] - d1[0] * d2[1]
    if det == 0:
        raise ValueError(f"{owner}: the segments p-q and r-s are parallel, so they do not cross at one point")
    t = (rhs[1] * d2[0] - rhs[0] * d2[1]) / det
    u = (d1[0] * rhs[1] - d1[1] * rhs[0]) / det
    return p + t * d1, float(t), float(u)


def xor_centre_sums(weights):
    """The weighted sums w1 x1 + w2 x2 + b of many perceptrons at XOR's four inputs and at the centre (1/2, 1/2) (note 2.2).

    ``weights`` holds one perceptron per row, ``(w1, w2, b)``.  Returns ``(corners, centre)``:
    ``corners`` of shape (K, 4) for the inputs 00, 01, 10, 11, and ``centre`` of shape (K,),
    computed directly at (1/2, 1/2) (not as an average of the corners), so that the page can
    compare it with both averages.
    """
    W = as_float_array(weights, "weights", "xor_centre_sums", ndim=2)
    if W.shape[1] != 3:
        raise ValueError(f"xor_centre_sums: argument 'weights' expected rows (w1, w2, b), got shape {W.shape}")
    X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    corners = W[:, :2] @ X4.T + W[:, 2:]
    centre = W[:, 0] * 0.5 + W[:, 1] * 0.5 + W[:, 2]
    return corners, centre


def momentum_velocities(grads, lr=0.01, momentum=0.9):
    """The velocities V_1, ..., V_T that :class:`~dlnotes.optimizers.Momentum` (note 4.1.1) builds from the gradients g_1, ..., g_T.

    ``grads`` is a 1-D sequence of scalar gradients, one per update; each is fed to a fresh
    ``Momentum(lr, momentum)`` on a one-entry parameter, and its state ``v`` (the page's V, the
    note's M) is read after every update.  V_tau is also the change of the parameter at update tau.
    """
    from .optimizers import Momentum
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


def _fsum_dot(a, b):
    """sum_i a_i b_i, correctly rounded (``math.fsum``): the same bits on every machine."""
    return math.fsum((np.asarray(a, dtype=float) * np.asarray(b, dtype=float)).tolist())


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
