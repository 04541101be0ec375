"""Tests for dlnotes.landscapes: gradients, array evaluation, gradient descent, optimizer paths,
presets and the path studies of notebook 04-1."""
import numpy as np
import pytest

from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes import landscapes as L
from dlnotes.landscapes import (BOOK, LANDSCAPES, PARABOLA, ROSENBROCK, SADDLE, Elongated,
                                run_optimizer)
from dlnotes.optimizers import SGD, AdaGrad, Adam, Momentum

START = (-7.0, 2.0)   # the book's starting point for figure 6-x
PLANE = {k: f for k, f in LANDSCAPES.items() if f.dim == 2}


# ---------------------------------------------------------------- the functions

@pytest.mark.parametrize("f", list(PLANE.values()), ids=list(PLANE))
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
    assert set(LANDSCAPES) == {"parabola", "book", "saddle", "rosenbrock"}
    assert set(PLANE) == {"book", "saddle", "rosenbrock"}
    assert LANDSCAPES["book"] is BOOK and isinstance(BOOK, Elongated)
    assert BOOK(2.0, 3.0) == pytest.approx(4 / 20 + 9)
    assert SADDLE(2.0, 3.0) == pytest.approx(4 - 9)
    assert ROSENBROCK(2.0, 3.0) == pytest.approx(1 + 100 * (3 - 4) ** 2)
    for f in PLANE.values():
        assert f.xlim[0] < f.xlim[1] and f.ylim[0] < f.ylim[1]
        assert f.name in repr(f)
    assert set(L.LANDSCAPE_SETTINGS) == set(LANDSCAPES)        # one preset per landscape


def test_parabola_one_variable():
    assert PARABOLA.dim == 1 and PARABOLA(3.0) == 9.0 and PARABOLA.grad(3.0) == (6.0,)
    np.testing.assert_array_equal(PARABOLA(np.array([-2.0, 0.5])), [4.0, 0.25])
    g = numerical_gradient(lambda q: PARABOLA(q[0]), np.array([1.7]))
    assert g[0] == pytest.approx(3.4, rel=1e-8)
    with pytest.raises(TypeError, match=r"Parabola: expected 1 coordinate\(s\) \(x\), got 2"):
        PARABOLA(1.0, 2.0)
    with pytest.raises(ValueError, match=r"run_optimizer: argument 'f' expected a 2-D landscape"):
        run_optimizer("sgd", "parabola", START, 3)


def test_curvatures_are_second_derivatives():
    for f in (PARABOLA, BOOK):
        p0 = np.array(L.LANDSCAPE_SETTINGS[f.name]["start"])
        for i, a in enumerate(f.curvatures):
            e = np.zeros_like(p0)
            e[i] = 1e-3
            second = (f(*(p0 + e)) - 2 * f(*p0) + f(*(p0 - e))) / 1e-6
            assert second == pytest.approx(a, rel=1e-6)
    assert SADDLE.curvatures is None and ROSENBROCK.curvatures is None


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


@pytest.mark.parametrize("f", list(PLANE.values()), ids=list(PLANE))
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


# ---------------------------------------------------------------- note 3.2: gradient descent

def test_critical_lr_and_paths():
    assert L.critical_lr([0.1, 2.0]) == 1.0
    assert L.critical_lr([4.0]) == 0.5
    assert L.critical_lr("parabola") == 1.0 and L.critical_lr(BOOK) == 1.0
    # parabola p^2: p_k = (1 - 2 lr)^k * 4
    path = L.gd_path("parabola", 0.3, 5)
    assert path.shape == (6, 1)
    assert path[:, 0] == pytest.approx(4.0 * 0.4 ** np.arange(6))
    bowl = L.gd_path("book", 0.9, 3)
    assert bowl[-1] == pytest.approx([-7 * (1 - 0.09) ** 3, 2 * (1 - 1.8) ** 3])
    assert L.gd_path(BOOK, 0.5, 1, start=(1.0, 1.0))[-1] == pytest.approx([0.95, 0.0])
    assert abs(L.gd_path("book", 1.01, 300)[-1, 1]) > 10
    assert abs(L.gd_path("book", 0.99, 300)[-1, 1]) < 1e-2
    # a diverging run stops once |p| > 1e6: 4 * 3^k passes 1e6 at k = 12
    assert len(L.gd_path("parabola", 2.0, 100)) == 13


def test_gd_regime():
    assert L.gd_regime("parabola", 0.05) == "slow"          # factor 0.9
    assert L.gd_regime("parabola", 0.3) == "fast"           # factor 0.4
    assert L.gd_regime("parabola", 0.9) == "oscillating"    # factor -0.8
    assert L.gd_regime("parabola", 1.0) == "oscillating forever"
    assert L.gd_regime("parabola", 1.05) == "diverging"
    assert L.gd_regime("book", 0.05) == "slow"              # decided by the steep y (curvature 2)


def test_gd_errors():
    with pytest.raises(ValueError, match="critical_lr: argument 'curvatures'"):
        L.critical_lr([0.0, 1.0])
    with pytest.raises(ValueError, match="critical_lr: argument 'landscape' expected a quadratic bowl"):
        L.critical_lr("saddle")
    with pytest.raises(ValueError, match="gd_regime: argument 'landscape' expected a quadratic bowl"):
        L.gd_regime("rosenbrock", 0.1)
    with pytest.raises(ValueError, match="gd_path: argument 'f' expected one of"):
        L.gd_path("3-D", 0.1, 3)
    with pytest.raises(ValueError, match="gd_path: argument 'lr'"):
        L.gd_path("book", -0.1, 3)


# ---------------------------------------------------------------- note 4.1: presets and paths

BOOK_OPTS = {"SGD": lambda: SGD(0.95), "Momentum": lambda: Momentum(0.1),
             "AdaGrad": lambda: AdaGrad(1.5), "Adam": lambda: Adam(0.3)}


def test_presets_are_one_table():
    assert L.LANDSCAPE_SETTINGS["book"]["start"] == L.START == START
    assert L.LANDSCAPE_SETTINGS["book"]["settings"] is L.BOOK_SETTINGS
    assert {k: v[1]["lr"] for k, v in L.BOOK_SETTINGS.items()} == \
        {"SGD": 0.95, "Momentum": 0.1, "AdaGrad": 1.5, "Adam": 0.3}
    assert L.ADAPTIVE_SETTINGS["Adam"] == L.BOOK_SETTINGS["Adam"]
    assert L.landscape_preset(SADDLE) == ((-1.8, 0.001), 25, L.LANDSCAPE_SETTINGS["saddle"]["settings"])
    assert L.landscape_preset(ROSENBROCK, steps=5, start=(0, 0))[:2] == ((0, 0), 5)


@pytest.mark.parametrize("name", list(BOOK_OPTS))
def test_book_final_points_reproduce_run_optimizer(name):
    direct = run_optimizer(BOOK_OPTS[name](), BOOK, START, 30)
    assert direct.shape == (31, 2)
    s = L.final_points()[name]
    assert s["final"] == (direct[-1, 0], direct[-1, 1])
    assert s["loss"] == pytest.approx(direct[-1, 0] ** 2 / 20 + direct[-1, 1] ** 2, rel=1e-12)
    assert s["start_loss"] == pytest.approx(49 / 20 + 4)
    assert s["steps"] == 30 and not s["diverged"]


def test_book_final_points_independent_values():
    fp = L.final_points()
    # SGD: each coordinate is linear: x_t = (1 - 0.95/10)^t x0, y_t = (1 - 2*0.95)^t y0
    assert fp["SGD"]["final"][0] == pytest.approx(-7 * 0.905 ** 30, rel=1e-12)
    assert fp["SGD"]["final"][1] == pytest.approx(2 * (-0.9) ** 30, rel=1e-12)
    # AdaGrad: first step is lr * sign(g) in each coordinate, then y ends on the axis
    first = L.optimizer_path("adagrad", lr=1.5, steps=1)
    np.testing.assert_allclose(first[1], [-5.5, 0.5], atol=1e-6)
    assert abs(fp["AdaGrad"]["final"][1]) < 1e-12
    # values measured for the closing note of 04-1
    np.testing.assert_allclose(fp["Momentum"]["final"], (0.8964139, 0.0880856), atol=1e-6)
    np.testing.assert_allclose(fp["Adam"]["final"], (0.1360139, 0.3182454), atol=1e-6)


def test_path_summary_reports_divergence():
    path = L.optimizer_path("sgd", "rosenbrock", start=(-2.0, 3.0), steps=200, lr=0.01)
    s = L.path_summary(path, "rosenbrock", 200)
    assert s["diverged"] and s["steps"] == len(path) - 1 < 200
    assert s["start_loss"] == pytest.approx(9 + 100 * (3 - 4) ** 2)
    assert not L.path_summary(path, "rosenbrock")["diverged"]          # no step count, no verdict


def test_final_points_other_landscape_and_note_adam():
    fp = L.final_points(f="saddle")
    assert list(fp) == ["SGD", "Momentum", "RMSprop", "Adam"]
    # SGD on x^2 - y^2: x <- (1 - 2 lr) x, y <- (1 + 2 lr) y
    assert fp["SGD"]["final"] == pytest.approx((-1.8 * 0.8 ** 25, 0.001 * 1.2 ** 25), rel=1e-12)
    note = L.final_points({"note": ("adam_note", {"lr": 0.3})})["note"]
    from dlnotes.notes import adam_note
    direct = run_optimizer(adam_note(lr=0.3), BOOK, START, 30)[-1]
    assert note["final"] == (direct[0], direct[1])


def test_make_optimizer_and_errors():
    opt = L.make_optimizer("adam_note", lr=0.5)
    assert isinstance(opt, Adam) and opt.eps == 0.0 and not opt.bias_correction and opt.lr == 0.5
    assert isinstance(L.make_optimizer("momentum", lr=0.1), Momentum)
    assert set(L.OPTIMIZER_LABELS) >= {"sgd", "adam", "adam_note"}
    with pytest.raises(ValueError, match="make_optimizer: argument 'name'"):
        L.make_optimizer("lbfgs")
    with pytest.raises(TypeError, match="optimizer_path: argument 'f'"):
        L.optimizer_path("sgd", f=3.0, lr=0.1)
    with pytest.raises(ValueError, match="optimizer_path: argument 'f' expected a 2-D landscape"):
        L.optimizer_path("sgd", f="parabola", lr=0.1)


def test_adam_step_ratios():
    r = L.adam_step_ratios(steps=20)
    assert r["note"][0] == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-12)
    t = np.arange(1, 21)
    np.testing.assert_allclose(r["note"], (1 - 0.9 ** t) / np.sqrt(1 - 0.999 ** t), rtol=1e-10)
    np.testing.assert_allclose(r["corrected"], 1.0, rtol=1e-10)


def test_effective_lr_trace_first_step():
    tr = L.effective_lr_trace("rmsprop", lr=0.1, steps=3, eps=0.0)
    assert tr.shape == (3, 2)
    # first G = 0.01 g^2 with g = (x/10, 2y) = (-0.7, 4): lr / sqrt(G) = 10 lr / |g|
    np.testing.assert_allclose(tr[0], [1.0 / 0.7, 1.0 / 4.0], rtol=1e-12)
    # AdaGrad: G = g^2 after one step, lr / |g|
    np.testing.assert_allclose(L.effective_lr_trace("adagrad", lr=1.5, steps=1, eps=0.0)[0],
                               [1.5 / 0.7, 1.5 / 4.0], rtol=1e-12)
    # bias-corrected Adam: v / (1 - beta2) = g^2 after one step
    np.testing.assert_allclose(L.effective_lr_trace("adam", lr=0.3, steps=1, eps=0.0)[0],
                               [0.3 / 0.7, 0.3 / 4.0], rtol=1e-9)
    with pytest.raises(ValueError, match="effective_lr_trace: argument 'name'"):
        L.effective_lr_trace("sgd")
