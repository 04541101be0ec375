"""Perceptrons and logic gates (notes 2.1 and 2.2), in the book's ``ch02`` style.

A perceptron has one weight per input and a bias.  It adds up the weighted
inputs plus the bias and *fires* (outputs 1) when that sum is at least zero,
otherwise it outputs 0.  The note fires at exactly zero (``>= 0``); the book's
own ``ch02`` code fires only above zero (``> 0``).  The two agree for every
gate below because none of them puts a 0/1 input exactly on its line.

Gates and their weights:

* ``AND``  -- the note's own example, ``x1 + x2 - 1.5 >= 0``.
* ``OR``, ``NAND``, ``NOT`` -- the note describes them but its figures with the
  weights are missing, so the weights here are our choice:
  ``OR: x1 + x2 - 0.5``, ``NAND: -x1 - x2 + 1.5`` (AND with every sign flipped),
  ``NOT: -x + 0.5``.
* ``XOR`` -- no single perceptron can compute it (note 2.2, checked by
  :func:`search_linear_separators`); :class:`TwoLayerXOR` stacks two layers.

Calling conventions (same for every gate)::

    AND(1, 1)                   -> 1            one value per input, book style
    AND([1, 1])                 -> 1            one sample, shape (n,)
    AND([[0, 0], [1, 1]])       -> array([0, 1]) a batch, shape (k, n)
    AND(x1_array, x2_array)     -> array(...)    one array per input (columns)

Gate inputs are 0 or 1 (True/False, ints, floats 0.0/1.0, numpy arrays of
them); anything else raises, because a gate has no answer for ``AND(2, 0.5)``.
``Perceptron(w, b, binary=False)`` is the plain neuron on real inputs, for
drawing a gate's regions over the plane.
"""
import itertools

import numpy as np

from ._checks import as_float_array, check_int, check_real

#: The four inputs of a two-input gate, in the order of every truth table here:
#: 00, 01, 10, 11 (see TRUTH and GATE_NAMES).  Read-only: copy it to change it.
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
GATE_INPUTS.flags.writeable = False

__all__ = ["Perceptron", "AND", "OR", "NAND", "NOT", "TwoLayerXOR", "XOR",
           "GATE_INPUTS", "TRUTH", "GATE_NAMES", "truth_table", "which_gate",
           "search_linear_separators", "xor_mlp_weights"]


def _check_binary(flag, owner):
    if not isinstance(flag, (bool, np.bool_)):
        raise TypeError(f"{owner}: argument 'binary' expected True or False, got {flag!r}")
    return bool(flag)


def _as_inputs(args, n, owner, binary=True):
    """Turn the positional arguments of a gate call into a (k, n) float array.

    Returns ``(X, single)`` where ``single`` says the caller gave one sample
    (and so wants a scalar back).  Booleans are accepted and cast to 0.0/1.0.
    With ``binary`` every input must be 0 or 1.
    """
    if len(args) == 0:
        raise TypeError(f"{owner}: argument 'x' expected an input of {n} values, got nothing")
    if len(args) == 1:
        x = np.asarray(args[0])
    else:  # one argument per input: stack them as columns
        cols = [np.asarray(a) for a in args]
        if len({c.shape for c in cols}) != 1 or cols[0].ndim > 1:
            raise ValueError(f"{owner}: argument 'x' expected {len(args)} scalars or 1-D arrays "
                             f"of one length (one per input), got shapes "
                             f"{[c.shape for c in cols]}")
        x = np.stack(cols, axis=-1)
    if x.dtype.kind == "b":
        x = x.astype(np.float64)
    x = as_float_array(x, "x", owner, ndim=(0, 1, 2))
    if x.ndim == 0 and n == 1:
        x = x.reshape(1)
    if x.ndim == 0 or x.shape[-1] != n:
        raise ValueError(f"{owner}: argument 'x' expected {n} input value(s) per sample, "
                         f"i.e. shape ({n},) or (k, {n}), got shape {x.shape}")
    bad = x[(x != 0) & (x != 1)]
    if binary and bad.size:
        more = f" (and {bad.size - 1} more)" if bad.size > 1 else ""
        raise ValueError(f"{owner}: argument 'x' expected gate inputs 0 or 1 (or True/False), "
                         f"got {float(bad[0])!r}{more}; for real inputs build a "
                         f"{owner}(..., binary=False)")
    single = x.ndim == 1
    return x.reshape(-1, n), single


class Perceptron:
    """One neuron with a step activation: ``1 if w . x + b >= 0 else 0``.

    # note 2.1

    Parameters
    ----------
    w : 1-D sequence of floats, one weight per input.
    b : float, the bias (the note writes the threshold as ``-b``).
    binary : bool, default True -- a logic gate: inputs must be 0 or 1.
        ``False`` takes any real inputs (to draw the regions over the plane).

    The weights are stored as read-only copies, so a shared gate such as
    ``AND`` cannot be changed by accident; build a new ``Perceptron`` instead.
    """

    def __init__(self, w, b, binary=True):
        w = as_float_array(w, "w", "Perceptron", ndim=1)
        if w.size == 0:
            raise ValueError("Perceptron: argument 'w' expected at least one weight, got shape (0,)")
        self.w = np.array(w, dtype=np.float64)
        self.w.flags.writeable = False
        self.b = check_real(b, "b", "Perceptron")
        self.binary = _check_binary(binary, "Perceptron")

    @property
    def n_inputs(self):
        """Number of inputs (``len(w)``)."""
        return self.w.size

    def __len__(self):
        return self.w.size

    def net(self, *x):
        """The weighted sum ``w . x + b`` before the step (float, or array for a batch)."""
        X, single = _as_inputs(x, self.n_inputs, "Perceptron", self.binary)
        a = X @ self.w + self.b
        return float(a[0]) if single else a

    def __call__(self, *x):
        """Step output: python int for one sample, int64 array of shape (k,) for a batch."""
        X, single = _as_inputs(x, self.n_inputs, "Perceptron", self.binary)
        y = self._fire(X)
        return int(y[0]) if single else y

    def _fire(self, X):
        """The step of ``X @ w + b`` for a checked (k, n) batch."""
        return (X @ self.w + self.b >= 0).astype(np.int64)  # fires at exactly 0 (note 2.1)

    def __repr__(self):
        w = ", ".join(f"{v:g}" for v in self.w)
        real = "" if self.binary else ", binary=False"
        return f"Perceptron(w=[{w}], b={self.b:g}{real})"


# note 2.1: the note's own AND (x + y - 1.5 >= 0); OR/NAND/NOT weights are our choice
# because the note's figures for them are missing.
#: AND, the perceptron of note 2.1: fires when x1 + x2 - 1.5 >= 0 (the note's own weights).
AND = Perceptron([1.0, 1.0], -1.5)
#: OR (note 2.1): fires when x1 + x2 - 0.5 >= 0 (our weights).
OR = Perceptron([1.0, 1.0], -0.5)
#: NAND = NOT(AND) in one perceptron: fires when -x1 - x2 + 1.5 >= 0 (AND with all signs flipped).
NAND = Perceptron([-1.0, -1.0], 1.5)
#: NOT (note 2.1), a one-input perceptron: fires when -x + 0.5 >= 0 (our weights).
NOT = Perceptron([-1.0], 0.5)


class TwoLayerXOR:
    """XOR as two layers of perceptrons: ``XOR(x) = AND(NAND(x), OR(x))``.

    # note 2.2

    The hidden layer holds two neurons, NAND and OR; the output neuron is AND.
    Inputs must be 0 or 1 unless ``binary=False`` (then any real points, as
    when the regions are drawn over the plane); the hidden outputs are always
    0 or 1, so the three perceptrons are evaluated without their own check.
    The note builds XOR "from OR, AND and NOT": ``AND(OR(x), NOT(AND(x)))``.
    That is the same circuit, because ``NOT(AND(x))`` *is* NAND -- folding the
    NOT into the first layer (flipping the signs of AND's weights and bias)
    saves one layer.  The three hidden points (0,0)->(1,0), (0,1),(1,0)->(1,1),
    (1,1)->(0,1) are linearly separable, which a single layer on the raw
    inputs is not.
    """

    n_inputs = 2

    def __init__(self, nand=NAND, or_gate=OR, and_gate=AND, binary=True):
        for name, g in (("nand", nand), ("or_gate", or_gate), ("and_gate", and_gate)):
            if not isinstance(g, Perceptron) or g.n_inputs != 2:
                raise TypeError(f"TwoLayerXOR: argument '{name}' expected a 2-input Perceptron, "
                                f"got {g!r}")
        self.nand, self.or_gate, self.and_gate = nand, or_gate, and_gate
        self.binary = _check_binary(binary, "TwoLayerXOR")

    def _hidden(self, X):
        return np.stack([self.nand._fire(X), self.or_gate._fire(X)], axis=1)

    def hidden(self, *x):
        """Hidden-layer outputs ``[NAND(x), OR(x)]``: shape (2,) or (k, 2), int64."""
        X, single = _as_inputs(x, 2, "TwoLayerXOR", self.binary)
        H = self._hidden(X)
        return H[0] if single else H

    def __call__(self, *x):
        """XOR output: python int for one sample, int64 array (k,) for a batch."""
        X, single = _as_inputs(x, 2, "TwoLayerXOR", self.binary)
        y = self.and_gate._fire(self._hidden(X))
        return int(y[0]) if single else y

    def __repr__(self):
        real = "" if self.binary else ", binary=False"
        return (f"TwoLayerXOR(nand={self.nand!r}, or_gate={self.or_gate!r}, "
                f"and_gate={self.and_gate!r}{real})")


#: XOR, which no single perceptron computes (note 2.2), as the two-layer :class:`TwoLayerXOR`.
XOR = TwoLayerXOR()

#: The truth table of each gate by name: outputs for the inputs 00, 01, 10, 11 (NOT: 0, 1).
TRUTH = {
    "AND": [0, 0, 0, 1],
    "OR": [0, 1, 1, 1],
    "NAND": [1, 1, 1, 0],
    "NOR": [1, 0, 0, 0],
    "XOR": [0, 1, 1, 0],
    "NOT": [1, 0],
}

#: The names of all 16 boolean functions of two inputs, keyed by (f(0,0), f(0,1), f(1,0), f(1,1)).
GATE_NAMES = {
    (0, 0, 0, 0): "FALSE",
    (0, 0, 0, 1): "AND",
    (0, 0, 1, 0): "x1 AND NOT x2",
    (0, 0, 1, 1): "x1",
    (0, 1, 0, 0): "NOT x1 AND x2",
    (0, 1, 0, 1): "x2",
    (0, 1, 1, 0): "XOR",
    (0, 1, 1, 1): "OR",
    (1, 0, 0, 0): "NOR",
    (1, 0, 0, 1): "XNOR",
    (1, 0, 1, 0): "NOT x2",
    (1, 0, 1, 1): "x1 OR NOT x2",
    (1, 1, 0, 0): "NOT x1",
    (1, 1, 0, 1): "NOT x1 OR x2",
    (1, 1, 1, 0): "NAND",
    (1, 1, 1, 1): "TRUE",
}

_MAX_TABLE_INPUTS = 16  # 2**16 rows; 2**40 would never finish


def _gate_output(out, row):
    """One output of a book-style gate call, checked to be 0 or 1, as an int."""
    where = (f"truth_table: argument 'gate' expected an output 0 or 1 for inputs "
             f"{tuple(row.tolist())}")
    out = np.asarray(out)
    if out.size != 1:
        raise ValueError(f"{where}, got shape {out.shape}")
    if out.dtype.kind not in "biuf":
        raise TypeError(f"{where}, got {out.item()!r} ({type(out.item()).__name__})")
    if out.item() not in (0, 1):
        raise ValueError(f"{where}, got {out.item()!r}")
    return int(out.item())


def truth_table(gate, n_inputs=None):
    """The truth table of a gate (notes 2.1, 2.2): all ``2**n`` binary inputs and its outputs.

    The inputs come in the order 00, 01, 10, 11, ...

    ``n_inputs`` defaults to ``gate.n_inputs`` (a :class:`Perceptron` or
    :class:`TwoLayerXOR`), else 2, and may be at most 16.  Gates with
    ``n_inputs`` are called on the whole batch; any other callable is called
    book-style, ``gate(x1, x2, ...)``, once per row, and must return 0 or 1
    (True/False and 0.0/1.0 count too).  Returns ``(inputs (2**n, n),
    outputs (2**n,))`` as int64.
    """
    own = getattr(gate, "n_inputs", None)
    if n_inputs is None:
        n_inputs = 2 if own is None else own
    n = check_int(n_inputs, "n_inputs", "truth_table", minimum=1)
    if not callable(gate):
        raise TypeError(f"truth_table: argument 'gate' expected a callable, got {type(gate).__name__}")
    if own is not None and n != own:
        raise ValueError(f"truth_table: argument 'n_inputs' expected the gate's {own} inputs, got {n}")
    if n > _MAX_TABLE_INPUTS:
        raise ValueError(f"truth_table: argument 'n_inputs' expected at most {_MAX_TABLE_INPUTS} "
                         f"(2**n rows), got {n}")
    inputs = np.array(list(itertools.product((0, 1), repeat=n)), dtype=np.int64)
    if isinstance(gate, (Perceptron, TwoLayerXOR)):
        outputs = np.asarray(gate(inputs), dtype=np.int64)
    else:
        outputs = np.array([_gate_output(gate(*(int(v) for v in row)), row) for row in inputs],
                           dtype=np.int64)
    return inputs, outputs


def which_gate(w1, w2, b):
    """Name of the 2-input boolean function the perceptron ``(w1, w2, b)`` of note 2.1 computes.

    One of the names in :data:`GATE_NAMES` (all 16 functions have one), e.g.
    ``which_gate(1, 1, -1.5) == 'AND'`` and ``which_gate(0, 0, -1) == 'FALSE'``.
    A single perceptron can reach 14 of them -- never ``'XOR'`` or ``'XNOR'`` (note 2.2).
    """
    p = Perceptron([check_real(w1, "w1", "which_gate"), check_real(w2, "w2", "which_gate")],
                   check_real(b, "b", "which_gate"))
    key = tuple(int(v) for v in p(GATE_INPUTS))
    return GATE_NAMES.get(key, str(key))


def search_linear_separators(targets, grid):
    """Every ``(w1, w2, b)`` in ``grid**3`` whose perceptron outputs ``targets``.

    # note 2.2 -- a brute-force look at linear separability

    ``targets`` are the 4 outputs for inputs 00, 01, 10, 11 (or a key of
    :data:`TRUTH` such as ``'AND'``); ``grid`` is a 1-D array of candidate
    values.  Returns a float array of shape (k, 3) in grid order (w1, then w2,
    then b); k = 0 means no weights on the grid work.

    For XOR the result is always empty, on any grid: the targets ask for
    ``b < 0``, ``w2 + b >= 0``, ``w1 + b >= 0`` and ``w1 + w2 + b < 0``; adding
    the middle two gives ``w1 + w2 + b >= -b > 0``, a contradiction.
    """
    owner = "search_linear_separators"
    if isinstance(targets, str):
        if targets.upper() not in TRUTH or len(TRUTH[targets.upper()]) != 4:
            names = sorted(k for k, v in TRUTH.items() if len(v) == 4)
            raise ValueError(f"{owner}: argument 'targets' expected one of {names} or 4 outputs, "
                             f"got {targets!r}")
        targets = TRUTH[targets.upper()]
    t = np.asarray(targets)
    if t.shape != (4,) or t.dtype.kind not in "iufb" or not np.all((t == 0) | (t == 1)):
        raise ValueError(f"{owner}: argument 'targets' expected 4 outputs in {{0, 1}} "
                         f"(for inputs 00, 01, 10, 11), got {targets!r}")
    t = t.astype(bool)
    g = as_float_array(grid, "grid", owner, ndim=1)
    m = g.size
    if m == 0:
        raise ValueError(f"{owner}: argument 'grid' expected at least one value, got shape (0,)")
    w2 = g[None, :, None]
    b = g[None, None, :]
    found = []
    step = max(1, (1 << 20) // (m * m))  # bound memory to ~1M triples per block
    for start in range(0, m, step):
        w1 = g[start:start + step, None, None]
        ok = np.ones((w1.shape[0], m, m), dtype=bool)
        for (x1, x2), want in zip(GATE_INPUTS, t):  # the sums a Perceptron computes at 00 .. 11
            ok &= (x1 * w1 + x2 * w2 + b >= 0) == want
        i, j, k = np.nonzero(ok)
        found.append(np.stack([g[start + i], g[j], g[k]], axis=1))
    return np.concatenate(found, axis=0)


def xor_mlp_weights():
    """Weights ``(W1, b1, W2, b2)`` of a 2-2-1 step network computing XOR.

    # note 2.2 -- the TwoLayerXOR circuit written as matrices

    ``h = step(x @ W1 + b1)`` gives the hidden pair ``[NAND(x), OR(x)]``
    (column 0 of ``W1`` is NAND's weights, column 1 is OR's) and
    ``y = step(h @ W2 + b2)`` is AND of that pair.  Shapes: W1 (2, 2),
    b1 (2,), W2 (2, 1), b2 (1,).  Fresh arrays on every call.
    """
    W1 = np.column_stack([NAND.w, OR.w])
    b1 = np.array([NAND.b, OR.b])
    W2 = AND.w.reshape(2, 1).copy()
    b2 = np.array([AND.b])
    return W1, b1, W2, b2
