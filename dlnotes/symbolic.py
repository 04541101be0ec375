"""Exact checks of backward formulas with SymPy (notes 3.3.3, 3.3.5, 003).

Notebook 03-3 compares formulas with finite differences on random numbers,
which agree to about 1e-9.  Here the same formulas are checked *exactly* on
a small case written with symbols: SymPy differentiates the scalar loss entry
by entry (the definition of a gradient with respect to a matrix), the matrix
formula is built from the same symbols, and their difference must simplify
to the zero matrix.

- Affine layer (note 3.3.3 Affine 層の逆伝播, seed 003):
  :math:`\\mathbf Y=\\mathbf X\\mathbf W+\\mathbf 1_B\\mathbf b` with
  :math:`\\mathbf X` :math:`B\\times n`,
  :math:`\\mathbf W` :math:`n\\times m`,
  :math:`\\mathbf b` :math:`1\\times m`, and the formulas
  :math:`\\mathbf G\\mathbf W^\\top`, :math:`\\mathbf X^\\top\\mathbf G`,
  :math:`\\mathbf 1_B^\\top\\mathbf G`, where
  :math:`\\mathbf G=\\partial\\mathcal L/\\partial\\mathbf Y`.
- Softmax (note 3.3.5 Softmax 関数の逆伝播):
  :math:`\\partial y_i/\\partial a_j=y_i(\\delta_{ij}-y_j)`.

Needs SymPy (pinned in ``requirements.txt``); no other module imports it.
"""
from dataclasses import dataclass

import sympy as sp

from ._checks import check_int

__all__ = ["AFFINE_FORMULAS", "SymbolicCheck", "affine_symbols",
           "affine_forward", "affine_jacobians", "check_affine_backward",
           "softmax_symbols", "softmax_jacobian", "check_softmax_jacobian"]


def _ones(B):
    return sp.ones(B, 1)


#: The Affine backward formulas of note 3.3.3 / seed 003 as functions of
#: (X, W, G) with G = dL/dY: name -> (label the check prints, function).
AFFINE_FORMULAS = {
    "X": ("G W^T", lambda X, W, G: G * W.T),
    "W": ("X^T G", lambda X, W, G: X.T * G),
    "b": ("1_B^T G", lambda X, W, G: _ones(G.shape[0]).T * G),
}


@dataclass(frozen=True)
class SymbolicCheck:
    """A SymPy gradient compared exactly with a formula (notes 3.3.3, 3.3.5).

    ``name`` says what is differentiated (``"dL/dX"``), ``label`` the
    formula (``"G W^T"``).  ``symbolic`` is the matrix SymPy computed entry
    by entry, ``formula`` the matrix the formula gives (None if it could not
    be formed, e.g. mismatched shapes), ``difference`` their simplified
    difference (None if the shapes differ) and ``equal`` whether that is the
    zero matrix; ``reason`` says why not.  The check is truthy exactly when
    ``equal`` is.
    """
    name: str
    label: str
    symbolic: sp.Matrix
    formula: object
    difference: object
    equal: bool
    reason: str = ""

    def __bool__(self):
        return self.equal

    def line(self):
        """The report line, e.g. ``dL/dX: symbolic == G W^T: True``."""
        return f"{self.name}: symbolic == {self.label}: {self.equal}"


def _sizes(B, n, m, owner):
    return tuple(check_int(v, name, owner, minimum=1)
                 for v, name in ((B, "B"), (n, "n"), (m, "m")))


def _matrix(letter, rows, cols):
    return sp.Matrix(rows, cols,
                     lambda i, j: sp.Symbol(f"{letter}_{i + 1}{j + 1}"))


def affine_symbols(B=2, n=3, m=2):
    """Symbol matrices for the Affine layer of note 3.3.3 and seed 003.

    X is B x n (entries ``x_ik``), W is n x m (``w_kj``), b is 1 x m
    (``b_j``) and G is B x m (``g_st``), the upstream gradient dL/dY.
    Indices start at 1, as in the notes.  Returns a dict of sympy matrices.
    """
    B, n, m = _sizes(B, n, m, "affine_symbols")
    b = sp.Matrix(1, m, lambda _, j: sp.Symbol(f"b_{j + 1}"))
    return {"X": _matrix("x", B, n), "W": _matrix("w", n, m), "b": b,
            "G": _matrix("g", B, m)}


def affine_forward(X, W, b):
    """Y = X W + 1_B b for sympy matrices (notes 2.4.2, 3.3.3; seed 003).

    Seed 003 writes the bias term as Dup_N(b), the note 3.3.3 as a matrix
    B; both are the row b repeated on every row of the batch."""
    if X.shape[1] != W.shape[0] or b.shape != (1, W.shape[1]):
        raise ValueError(
            "affine_forward: arguments 'X', 'W', 'b' expected shapes "
            f"(B, n), (n, m), (1, m), got {X.shape}, {W.shape}, {b.shape}")
    return X * W + _ones(X.shape[0]) * b


def _upstream(Y, loss):
    """(L, G): the loss of ``loss`` and dL/dY, both at the given Y."""
    ys = sp.Matrix(*Y.shape,
                   lambda i, j: sp.Dummy(f"y_{i + 1}{j + 1}"))
    L_y = loss(ys)
    if isinstance(L_y, sp.MatrixBase) or not isinstance(
            sp.sympify(L_y), sp.Expr):
        raise TypeError(
            "affine_jacobians: argument 'loss' expected a function "
            f"returning a scalar expression, got {type(L_y).__name__}")
    L_y = sp.sympify(L_y)
    G_y = ys.applyfunc(lambda y: sp.diff(L_y, y))
    sub = dict(zip(ys, Y))
    return L_y.xreplace(sub), G_y.xreplace(sub)


def affine_jacobians(B=2, n=3, m=2, loss=None):
    """Affine gradients by SymPy, entry by entry (note 3.3.3, seed 003).

    With ``loss=None`` the scalar is L = sum(G o Y) = sum_st g_st y_st for
    a matrix G of free symbols: then dL/dY = G exactly, and G stands for any
    upstream gradient.  ``loss`` may instead be a function of the B x m
    matrix Y returning a scalar expression (a nonlinear one, say); then G is
    dL/dY evaluated at Y = X W + 1_B b.

    Returns a dict with the symbols X, W, b, the output Y, the loss L, G,
    and the gradients dX, dW, db, e.g. ``dX[i, j] = diff(L, X[i, j])``.
    """
    S = affine_symbols(B, n, m)
    X, W, b = S["X"], S["W"], S["b"]
    Y = affine_forward(X, W, b)
    if loss is None:
        G = S["G"]
        L = sum((G[s, t] * Y[s, t]
                 for s in range(Y.rows) for t in range(Y.cols)),
                sp.Integer(0))
    elif callable(loss):
        L, G = _upstream(Y, loss)
    else:
        raise TypeError(
            "affine_jacobians: argument 'loss' expected None or a function "
            f"of Y, got {type(loss).__name__}")

    def grad(A):
        return A.applyfunc(lambda a: sp.diff(L, a))
    return {"X": X, "W": W, "b": b, "Y": Y, "L": L, "G": G,
            "dX": grad(X), "dW": grad(W), "db": grad(b)}


def _compare(name, label, symbolic, make):
    try:
        formula = make()
    except (sp.ShapeError, ValueError, TypeError) as err:
        return SymbolicCheck(name, label, symbolic, None, None, False,
                             f"the formula cannot be formed: {err}")
    if (not isinstance(formula, sp.MatrixBase)
            or formula.shape != symbolic.shape):
        shape = getattr(formula, "shape", type(formula).__name__)
        return SymbolicCheck(name, label, symbolic, formula, None, False,
                             f"shape {shape}, expected {symbolic.shape}")
    diff = (symbolic - formula).applyfunc(sp.simplify)
    equal = diff.is_zero_matrix is True
    reason = "" if equal else (
        f"{sum(1 for v in diff if v != 0)} of {len(diff)} entries differ")
    return SymbolicCheck(name, label, symbolic, formula, diff, equal,
                         reason)


def check_affine_backward(B=2, n=3, m=2, loss=None, formulas=None):
    """Check the Affine backward formulas of note 3.3.3 / seed 003 exactly.

    ``formulas`` maps "X", "W", "b" to (label, function of (X, W, G));
    names left out take :data:`AFFINE_FORMULAS` (the correct G W^T, X^T G,
    1_B^T G).  Each is compared with :func:`affine_jacobians` (``B``, ``n``,
    ``m``, ``loss`` as there): the simplified difference must be the zero
    matrix.  Returns {name: :class:`SymbolicCheck`}; a wrong formula such as
    ``("W G", lambda X, W, G: W * G)`` comes back with ``equal=False``.
    """
    owner = "check_affine_backward"
    formulas = {} if formulas is None else dict(formulas)
    unknown = set(formulas) - set(AFFINE_FORMULAS)
    if unknown:
        raise ValueError(
            f"{owner}: argument 'formulas' expected keys among "
            f"{sorted(AFFINE_FORMULAS)}, got {sorted(unknown)}")
    for name, pair in formulas.items():
        if not (isinstance(pair, tuple) and len(pair) == 2
                and callable(pair[1])):
            raise TypeError(
                f"{owner}: argument 'formulas' expected (label, function) "
                f"for {name!r}, got {pair!r}")
    J = affine_jacobians(B, n, m, loss)
    out = {}
    for name, default in AFFINE_FORMULAS.items():
        label, fn = formulas.get(name, default)
        out[name] = _compare(f"dL/d{name}", label, J["d" + name],
                             lambda: fn(J["X"], J["W"], J["G"]))
    return out


def softmax_symbols(C=3):
    """The softmax of note 3.3.5 with symbols: input a, S and output y.

    a = (a_1, ..., a_C) is a 1 x C matrix of real symbols,
    S = sum_k exp(a_k) the denominator and y_i = exp(a_i) / S the output
    (a 1 x C matrix).  Returns a dict with "a", "S", "y"."""
    C = check_int(C, "C", "softmax_symbols", minimum=1)
    a = sp.Matrix(1, C, lambda _, j: sp.Symbol(f"a_{j + 1}", real=True))
    S = sum((sp.exp(v) for v in a), sp.Integer(0))
    return {"a": a, "S": S, "y": a.applyfunc(lambda v: sp.exp(v) / S)}


def softmax_jacobian(C=3):
    """The softmax Jacobian of note 3.3.5, by SymPy and by the formula.

    Returns (symbolic, formula), two C x C sympy matrices with row i the
    output and column j the input: SymPy's ``diff(y_i, a_j)`` (the quotient
    rule done by the machine) and y_i (delta_ij - y_j)."""
    s = softmax_symbols(C)
    a, y = s["a"], s["y"]
    C = a.cols
    symbolic = sp.Matrix(C, C, lambda i, j: sp.diff(y[i], a[j]))
    formula = sp.Matrix(
        C, C, lambda i, j: y[i] * (sp.KroneckerDelta(i, j) - y[j]))
    return symbolic, formula


def check_softmax_jacobian(C=3, formula=None):
    """Check the softmax Jacobian y_i (delta_ij - y_j) of note 3.3.5 exactly.

    ``formula`` may be (label, function of (y, i, j)) giving entry (i, j)
    of another candidate, with y the 1 x C sympy matrix of outputs and i, j
    0-based, e.g. the one without the delta term.  Returns a
    :class:`SymbolicCheck` named "dy_i/da_j"."""
    symbolic, right = softmax_jacobian(C)
    if formula is None:
        return _compare("dy_i/da_j", "y_i(delta_ij - y_j)", symbolic,
                        lambda: right)
    if not (isinstance(formula, tuple) and len(formula) == 2
            and callable(formula[1])):
        raise TypeError(
            "check_softmax_jacobian: argument 'formula' expected "
            f"(label, function), got {formula!r}")
    label, fn = formula
    y = softmax_symbols(C)["y"]
    return _compare("dy_i/da_j", label, symbolic,
                    lambda: sp.Matrix(C, C, lambda i, j: fn(y, i, j)))
