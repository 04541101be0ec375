"""Tests for dlnotes.landscapes: gradients, array evaluation, optimizer paths."""
import numpy as np
import pytest

from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes.landscapes import (BOOK, LANDSCAPES, ROSENBROCK, SADDLE, Elongated, run_optimizer)
from dlnotes.optimizers import SGD, AdaGrad, Adam, Momentum

START = (-7.0, 2.0)   # the book's starting point for figure 6-x


# ---------------------------------------------------------------- the functions

@pytest.mark.parametrize("f", list(LANDSCAPES.values()), ids=list(LANDSCAPES))
def test_gradient_matches_numerical(f):
    rng = np.random.default_rng(42)
    for _ in range(5):
        x = rng.uniform(*f.xlim)
        y = rng.uniform(*f.ylim)
        p = np.array([x, y])
        numeric = numerical_gradient(lambda q: f(q[0], q[1]), p)
        analytic = np.array(f.grad(x, y), dtype=float)
        assert relative_error(analytic, numeric) <= 1e-6


def test_registry_and_formulas():
    assert set(LANDSCAPES) == {"book", "saddle", "rosenbrock"}
    assert LANDSCAPES["book"] is BOOK and isinstance(BOOK, Elongated)
    assert BOOK(2.0, 3.0) == pytest.approx(4 / 20 + 9)
    assert SADDLE(2.0, 3.0) == pytest.approx(4 - 9)
    assert ROSENBROCK(2.0, 3.0) == pytest.approx(1 + 100 * (3 - 4) ** 2)
    for f in LANDSCAPES.values():
        assert f.xlim[0] < f.xlim[1] and f.ylim[0] < f.ylim[1]
        assert f.name in repr(f)


@pytest.mark.parametrize("f", [BOOK, ROSENBROCK])
def test_minimum_is_a_zero_gradient_minimum(f):
    x0, y0 = f.minimum
    assert f.xlim[0] < x0 < f.xlim[1] and f.ylim[0] < y0 < f.ylim[1]
    assert f(x0, y0) == 0.0
    assert f.grad(x0, y0) == (0.0, 0.0)
    for dx, dy in [(1e-3, 0), (0, 1e-3), (-1e-3, 2e-3)]:
        assert f(x0 + dx, y0 + dy) > 0


def test_saddle_has_no_minimum():
    assert SADDLE.minimum is None
    assert SADDLE.grad(0.0, 0.0) == (0.0, 0.0)
    assert SADDLE(0.5, 0.0) > 0 > SADDLE(0.0, 0.5)   # up along x, down along y


@pytest.mark.parametrize("f", list(LANDSCAPES.values()), ids=list(LANDSCAPES))
def test_array_input_for_contour_grids(f):
    xs = np.linspace(*f.xlim, 7)
    ys = np.linspace(*f.ylim, 5)
    X, Y = np.meshgrid(xs, ys)
    Z = f(X, Y)
    dX, dY = f.grad(X, Y)
    assert Z.shape == dX.shape == dY.shape == (5, 7)
    for i in (0, 3):
        for j in (1, 6):
            assert Z[i, j] == f(float(X[i, j]), float(Y[i, j]))
            assert (dX[i, j], dY[i, j]) == f.grad(float(X[i, j]), float(Y[i, j]))
    np.testing.assert_array_equal(f(xs[None, :], ys[:, None]), Z)   # broadcasting like meshgrid
    assert np.ndim(f(1.0, 2.0)) == 0


def test_bad_landscape_inputs():
    with pytest.raises(ValueError, match=r"Elongated: arguments 'x' and 'y'.*\(3,\) and \(2,\)"):
        BOOK(np.ones(3), np.ones(2))
    with pytest.raises(TypeError, match=r"Saddle: argument 'x'"):
        SADDLE("a", 1.0)


# ---------------------------------------------------------------- run_optimizer

def test_path_shape_and_start():
    path = run_optimizer("adam", "rosenbrock", (-1.0, 2.0), 25)
    assert path.shape == (26, 2) and path.dtype == np.float64
    np.testing.assert_array_equal(path[0], [-1.0, 2.0])
    assert run_optimizer(SGD(), BOOK, START, 0).shape == (1, 2)


def test_path_goes_through_update():
    opt = Momentum(lr=0.1)
    path = run_optimizer(opt, BOOK, START, 3)
    assert set(opt.v) == {"x", "y"}
    # replay by hand: v <- 0.9 v - 0.1 grad ; p <- p + v
    p, v = np.array(START), np.zeros(2)
    for k in range(1, 4):
        v = 0.9 * v - 0.1 * np.array(BOOK.grad(*p))
        p = p + v
        np.testing.assert_allclose(path[k], p, rtol=0, atol=1e-14)


def test_sgd_zigzag_closed_form():
    # grad = (x/10, 2y): x_k = x0 (1 - 0.95/10)**k, y_k = y0 (1 - 2*0.95)**k = 2 (-0.9)**k
    path = run_optimizer(SGD(lr=0.95), BOOK, START, 30)
    k = np.arange(31)
    np.testing.assert_allclose(path[:, 1], 2 * (-0.9) ** k, rtol=0, atol=1e-12)
    np.testing.assert_allclose(path[:, 0], -7 * (1 - 0.95 / 10) ** k, rtol=0, atol=1e-12)
    y = path[:, 1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))   # zig-zag across the valley


@pytest.mark.parametrize("opt", [SGD(lr=0.95), Momentum(lr=0.1), AdaGrad(lr=1.5), Adam(lr=0.3)],
                         ids=["SGD", "Momentum", "AdaGrad", "Adam"])
def test_book_learning_rates_approach_minimum(opt):
    path = run_optimizer(opt, BOOK, START, 30)
    assert path.shape == (31, 2)
    assert np.hypot(*path[-1]) < np.hypot(*START)
    assert BOOK(*path[-1]) < BOOK(*START)


def test_adagrad_y_converges_monotonically():
    y = run_optimizer(AdaGrad(lr=1.5), BOOK, START, 30)[:, 1]
    # first step: h = 16, y = 2 - 1.5 * 4 / 4 = 0.5 ; afterwards y <- y (1 - 3 / sqrt(h)), h >= 16
    assert y[1] == pytest.approx(0.5, abs=1e-6)
    assert np.all(y > 0) and np.all(np.diff(y) < 0)


def test_too_large_learning_rate_diverges():
    # y <- y - lr * 2y = (1 - 2 lr) y ; |1 - 2 * 1.05| = 1.1 > 1
    path = run_optimizer(SGD(lr=1.05), BOOK, START, 20)
    k = np.arange(21)
    np.testing.assert_allclose(path[:, 1], 2 * (-1.1) ** k, rtol=1e-12)
    assert np.all(np.diff(np.abs(path[:, 1])) > 0)


def test_diverging_path_is_cut_short_not_raised():
    # |y_k| = 2 * 1.1**k passes the float64 maximum 1.8e308 near k = 7440
    path = run_optimizer(SGD(lr=1.05), BOOK, START, 10_000)
    assert 7000 < len(path) < 10_001
    assert np.isfinite(path).all()
    path = run_optimizer("sgd", "rosenbrock", (-2.0, 3.0), 200)   # explodes within a few steps
    assert 1 < len(path) < 201 and np.isfinite(path).all()


def test_run_optimizer_errors():
    with pytest.raises(ValueError, match=r"run_optimizer: argument 'f' .*got 'himmelblau'"):
        run_optimizer("sgd", "himmelblau", START, 3)
    with pytest.raises(TypeError, match=r"run_optimizer: argument 'f'"):
        run_optimizer("sgd", 42, START, 3)
    with pytest.raises(ValueError, match=r"run_optimizer: argument 'start' expected a pair"):
        run_optimizer("sgd", BOOK, (1.0, 2.0, 3.0), 3)
    with pytest.raises(ValueError, match=r"run_optimizer: argument 'steps' expected an integer >= 0, got -1"):
        run_optimizer("sgd", BOOK, START, -1)
    with pytest.raises(TypeError, match=r"argument 'steps' expected an integer, got float"):
        run_optimizer("sgd", BOOK, START, 2.5)
    with pytest.raises(ValueError, match=r"adamw"):
        run_optimizer("adamw", BOOK, START, 3)
