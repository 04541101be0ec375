"""Numerical differentiation: accuracy orders by fitted slopes, any-shape gradients, errors."""
import numpy as np
import pytest

from dlnotes.gradient import (DIFF_ORDERS, gradient_check, numerical_diff, numerical_gradient,
                              relative_error)


@pytest.mark.parametrize("method", list(DIFF_ORDERS))
def test_truncation_order_by_slope(method):
    # f = exp, f'(0.5) = exp(0.5); in the range where truncation dominates round-off,
    # log(error) against log(h) is a line whose slope is the order of the formula.
    x0 = 0.5
    hs = {"forward": [1e-2, 1e-3, 1e-4], "backward": [1e-2, 1e-3, 1e-4],
          "central": [1e-1, 3e-2, 1e-2], "five_point": [2e-1, 1e-1, 5e-2],
          "seven_point": [4e-1, 2e-1, 1e-1]}[method]
    errs = [abs(numerical_diff(np.exp, x0, h, method) - np.exp(x0)) for h in hs]
    slope = np.polyfit(np.log(hs), np.log(errs), 1)[0]
    assert slope == pytest.approx(DIFF_ORDERS[method], abs=0.15)


def test_central_beats_forward():
    f = np.sin
    fwd = abs(numerical_diff(f, 1.0, 1e-4, "forward") - np.cos(1.0))
    cen = abs(numerical_diff(f, 1.0, 1e-4, "central") - np.cos(1.0))
    assert cen < fwd / 1000


def test_numerical_gradient_any_shape_and_restores():
    rng = np.random.default_rng(0)
    for shape in [(3,), (2, 3), (2, 3, 4)]:
        x = rng.normal(size=shape)
        before = x.copy()
        g = numerical_gradient(lambda a: np.sum(a ** 3), x)
        # central difference of a**3 is exact up to h**2 * f'''/6 = 1e-8 (plus round-off)
        np.testing.assert_allclose(g, 3 * before ** 2, rtol=0, atol=1.001e-8 + 1e-10)
        np.testing.assert_array_equal(x, before)            # bit-for-bit restored


def test_numerical_gradient_closure_style():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = np.array([0.5, -1.0])
    g = numerical_gradient(lambda _: float(x @ W @ x), W)   # f ignores its argument, uses W
    np.testing.assert_allclose(g, np.outer(x, x), rtol=1e-9)


def test_relative_error_and_gradient_check():
    a = np.array([1.0, 2.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.array([1.0]), np.array([1.1])) == pytest.approx(0.1 / 2.1)
    errs = gradient_check({"W": a}, {"W": a * (1 + 1e-9)})
    assert errs["W"] == pytest.approx(1e-9 / (2 + 1e-9), rel=1e-5)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"numerical_diff: argument 'method' expected one of .*got 'sideways'"):
        numerical_diff(np.exp, 0.0, method="sideways")
    with pytest.raises(ValueError, match=r"numerical_diff: argument 'h' expected a positive number, got 0"):
        numerical_diff(np.exp, 0.0, h=0)
    with pytest.raises(TypeError, match="expected a float32 or float64 numpy array.*got dtype int64"):
        numerical_gradient(np.sum, np.array([1, 2]))
    with pytest.raises(ValueError, match="keys differ"):
        gradient_check({"W": a_()}, {"b": a_()})


def a_():
    return np.ones(2)


# ---------------------------------------------------------------- error studies (notebook 03-2)

def test_finite_difference_errors_table():
    from dlnotes.gradient import finite_difference_errors
    hs, errs = finite_difference_errors()
    assert hs.shape == (61,) and hs[0] == pytest.approx(1e-12) and hs[-1] == 1.0
    assert list(errs) == list(DIFF_ORDERS)
    # h = 1, forward: (sin 2 - sin 1) - cos 1, by hand
    assert errs["forward"][-1] == pytest.approx(abs(np.sin(2) - np.sin(1) - np.cos(1)), rel=1e-12)
    # central with h = 1 on x^3 at 0: ((1) - (-1)) / 2 = 1, exact derivative 0
    _, e = finite_difference_errors(lambda x: x ** 3, lambda x: 3 * x ** 2, 0.0, hs=[1.0, 0.5])
    assert e["central"].tolist() == [1.0, 0.25] and e["five_point"].tolist() == [0.0, 0.0]


def test_roundoff_error():
    from dlnotes.gradient import roundoff_error
    eps = np.finfo(float).eps
    np.testing.assert_allclose(roundoff_error(np.exp, 0.0, [1e-8, 1e-4]), [eps * 1e8, eps * 1e4])
    assert roundoff_error(np.sin, 0.0, [1.0])[0] == pytest.approx(eps * 1e-300)   # floored, positive


def test_fitted_orders_are_1_1_2_4_6():
    from dlnotes.gradient import fitted_orders
    for f, df, x in [(np.sin, np.cos, 1.0), (np.exp, np.exp, 0.5)]:
        orders = fitted_orders(f, df, x)
        assert [round(orders[m]) for m in ["forward", "backward", "central", "five_point", "seven_point"]] \
            == [1, 1, 2, 4, 6]
        for m, p in {"forward": 1, "central": 2, "five_point": 4, "seven_point": 6}.items():
            assert orders[m] == pytest.approx(p, abs=0.05)


def test_optimal_steps_follow_eps_power():
    from dlnotes.gradient import optimal_steps
    opt = optimal_steps()
    # measured best h grows with the order, and lands within ~x30 of eps^(1/(p+1))
    hs = [opt[m][0] for m in ["forward", "central", "five_point", "seven_point"]]
    assert hs == sorted(hs)
    eps = np.finfo(float).eps
    for m, (h_best, e_best, h_pred) in opt.items():
        assert h_pred == pytest.approx(eps ** (1 / (DIFF_ORDERS[m] + 1)))
        assert 1 / 30 < h_best / h_pred < 30
    assert opt["seven_point"][1] < 1e-13 < opt["forward"][1]
