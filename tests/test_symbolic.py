"""dlnotes.symbolic: exact SymPy checks of the Affine (3.3.3, 003) and softmax (3.3.5) formulas.

Each right formula must come out equal, each typical wrong one must not, and the SymPy
gradients themselves are compared with hand-written entries and with the numpy layer."""
import numpy as np
import pytest
import sympy as sp

from dlnotes import symbolic as S
from dlnotes.layers import Affine


def test_the_right_affine_formulas_are_exact():
    for B, n, m in [(2, 3, 2), (3, 2, 4), (1, 1, 1)]:
        checks = S.check_affine_backward(B, n, m)
        assert list(checks) == ["X", "W", "b"]
        for name, c in checks.items():
            assert c.equal is True and bool(c) and c.reason == "", (B, n, m, name)
            assert c.difference == sp.zeros(*c.symbolic.shape)
    lines = [c.line() for c in S.check_affine_backward().values()]
    assert lines == ["dL/dX: symbolic == G W^T: True", "dL/dW: symbolic == X^T G: True",
                     "dL/db: symbolic == 1_B^T G: True"]


def test_sympy_gradients_match_hand_entries_and_shapes():
    J = S.affine_jacobians()                       # X 2x3, W 3x2, b 1x2
    assert J["dX"].shape == (2, 3) and J["dW"].shape == (3, 2) and J["db"].shape == (1, 2)
    g = lambda s, t: sp.Symbol(f"g_{s}{t}")
    x = lambda i, k: sp.Symbol(f"x_{i}{k}")
    w = lambda k, j: sp.Symbol(f"w_{k}{j}")
    # dL/dx_12 = sum_t g_1t w_2t ; dL/dw_31 = sum_s x_s3 g_s1 ; dL/db_2 = g_12 + g_22
    assert sp.expand(J["dX"][0, 1] - (g(1, 1) * w(2, 1) + g(1, 2) * w(2, 2))) == 0
    assert sp.expand(J["dW"][2, 0] - (x(1, 3) * g(1, 1) + x(2, 3) * g(2, 1))) == 0
    assert sp.expand(J["db"][0, 1] - (g(1, 2) + g(2, 2))) == 0
    assert J["G"] == S.affine_symbols()["G"]       # L = sum(G o Y) has dL/dY = G


def test_sympy_gradients_equal_the_numpy_layer_on_numbers():
    rng = np.random.default_rng(5)
    J = S.affine_jacobians(2, 3, 2)
    vals = {"X": rng.normal(size=(2, 3)), "W": rng.normal(size=(3, 2)),
            "b": rng.normal(size=(1, 2)), "G": rng.normal(size=(2, 2))}
    sub = {J[k][i, j] if k != "G" else J["G"][i, j]: vals[k][i, j]
           for k in vals for i in range(vals[k].shape[0]) for j in range(vals[k].shape[1])}
    layer = Affine(vals["W"], vals["b"][0])
    layer.forward(vals["X"])
    dX = layer.backward(vals["G"])
    num = {k: np.array(J[k].xreplace(sub).evalf(), dtype=float) for k in ("dX", "dW", "db")}
    np.testing.assert_allclose(num["dX"], dX, rtol=1e-12)
    np.testing.assert_allclose(num["dW"], layer.dW, rtol=1e-12)
    np.testing.assert_allclose(num["db"][0], layer.db, rtol=1e-12)


def test_a_nonlinear_loss_gives_the_same_formulas():
    loss = lambda Y: sum(sp.sin(y) * y ** 2 for y in Y) + sp.exp(Y[0, 0] * Y[1, 1])
    checks = S.check_affine_backward(loss=loss)
    assert all(c.equal for c in checks.values())
    J = S.affine_jacobians(loss=loss)
    assert J["G"].free_symbols & set(J["X"])       # G depends on X here, not free symbols


WRONG = {
    "W G (shape)": ("X", ("W G", lambda X, W, G: W * G), "shape (3, 2), expected (2, 3)"),
    "G W (cannot be formed)": ("X", ("G W", lambda X, W, G: G * W), "cannot be formed"),
    "X^T G^T": ("W", ("X^T G^T", lambda X, W, G: X.T * G.T), "entries differ"),
    "G^T X, transposed": ("W", ("G^T X", lambda X, W, G: G.T * X), "shape (2, 3)"),
    "mean for b": ("b", ("mean", lambda X, W, G: sp.ones(1, 2) * G / 2), "2 of 2 entries differ"),
    "row sums for b": ("b", ("rows", lambda X, W, G: (G * sp.ones(2, 1)).T), "entries differ"),
}


@pytest.mark.parametrize("key", list(WRONG))
def test_wrong_affine_formulas_are_detected(key):
    name, formula, reason = WRONG[key]
    checks = S.check_affine_backward(formulas={name: formula})
    assert checks[name].equal is False and not checks[name]
    assert reason in checks[name].reason
    assert checks[name].line().endswith(": False")
    others = [c for k, c in checks.items() if k != name]
    assert all(c.equal for c in others)            # the other two keep the right formulas


def test_wrong_formula_of_the_right_shape_is_caught_on_values():
    # square case: G W has the shape of X, and differs from G W^T in off-diagonal weights
    c = S.check_affine_backward(2, 2, 2, formulas={"X": ("G W", lambda X, W, G: G * W)})["X"]
    assert c.formula.shape == (2, 2) and not c.equal
    w12, w21 = sp.Symbol("w_12"), sp.Symbol("w_21")
    # (G W^T - G W)_11 = g_12 w_12 - g_12 w_21
    assert sp.expand(c.difference[0, 0]) == sp.expand(sp.Symbol("g_12") * (w12 - w21))


def test_softmax_quotient_rule_is_exact_and_typical_slips_are_not():
    assert S.check_softmax_jacobian(3).equal and S.check_softmax_jacobian(4).equal
    assert S.check_softmax_jacobian().line() == "dy_i/da_j: symbolic == y_i(delta_ij - y_j): True"
    slips = {
        "no delta": lambda y, i, j: -y[i] * y[j],
        "sign": lambda y, i, j: y[i] * (y[j] - sp.KroneckerDelta(i, j)),
        "note's -y_j^2 line": lambda y, i, j: y[i] * (1 - y[i]) if i == j else -y[i] ** 2,
        "no y_i factor": lambda y, i, j: sp.KroneckerDelta(i, j) - y[j],
    }
    for label, fn in slips.items():
        c = S.check_softmax_jacobian(3, formula=(label, fn))
        assert not c.equal and "entries differ" in c.reason, label
    sym, formula = S.softmax_jacobian(2)
    a1 = sp.Symbol("a_1", real=True)
    a2 = sp.Symbol("a_2", real=True)
    # by hand: dy_1/da_2 = -e^{a1} e^{a2} / (e^{a1} + e^{a2})^2
    hand = -sp.exp(a1) * sp.exp(a2) / (sp.exp(a1) + sp.exp(a2)) ** 2
    assert sp.simplify(sym[0, 1] - hand) == 0 and sp.simplify(formula[0, 1] - hand) == 0


def test_softmax_symbols():
    s = S.softmax_symbols(3)
    assert s["a"].shape == (1, 3) and s["y"].shape == (1, 3)
    assert sp.simplify(sum(s["y"]) - 1) == 0


@pytest.mark.parametrize("call,exc,match", [
    (lambda: S.affine_symbols(B=0), ValueError, "affine_symbols: argument 'B'"),
    (lambda: S.affine_symbols(n=2.5), TypeError, "affine_symbols: argument 'n'"),
    (lambda: S.affine_jacobians(loss=3), TypeError, "affine_jacobians: argument 'loss'"),
    (lambda: S.affine_jacobians(loss=lambda Y: Y), TypeError, "affine_jacobians: argument 'loss'"),
    (lambda: S.check_affine_backward(formulas={"Z": ("", lambda *a: 0)}), ValueError,
     "check_affine_backward: argument 'formulas'"),
    (lambda: S.check_affine_backward(formulas={"X": "G W^T"}), TypeError,
     "check_affine_backward: argument 'formulas'"),
    (lambda: S.check_softmax_jacobian(formula=lambda y, i, j: 0), TypeError,
     "check_softmax_jacobian: argument 'formula'"),
    (lambda: S.softmax_symbols(0), ValueError, "softmax_symbols: argument 'C'"),
    (lambda: S.affine_forward(sp.ones(2, 3), sp.ones(2, 2), sp.ones(1, 2)), ValueError,
     "affine_forward: arguments 'X', 'W', 'b'"),
])
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
