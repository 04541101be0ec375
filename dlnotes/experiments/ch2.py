"""Chapter 2 experiments (notes 2.1-2.5): the activation table, perceptron truth-table keys over
weight grids, the naive softmax, a 2-layer forward pass, and where the diagonals of XOR's square
cross (note 2.2).
"""
import numpy as np

from .._checks import as_float_array, check_real
from ..functions import identity, relu, relu_grad, sigmoid, sigmoid_grad, softmax, step_function
from ..gates import GATE_NAMES

__all__ = ["ACTIVATIONS", "activation_values", "GATE_KEY_NAMES", "gate_keys", "gate_function_counts",
           "naive_softmax", "forward_pass"]

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


# ---------------------------------------------------------------- issue 14: XOR hulls (note 2.2)

__all__ += ["segment_intersection", "xor_centre_sums"]


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
