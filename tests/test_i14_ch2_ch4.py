"""Issue 14 (chapters 2 and 4): the XOR convexity argument (note 2.2), the derivative of the
sigmoid (note 2.3.1), Momentum as a decaying sum of gradients (note 4.1.1), and their exercises."""
import matplotlib
matplotlib.use("Agg")

import numpy as np
import pytest
import sympy

from dlnotes import exercises as E
from dlnotes import experiments as X
from dlnotes import plots
from dlnotes.exercises import Answer
from dlnotes.functions import sigmoid, sigmoid_grad
from dlnotes.gradient import numerical_diff
from dlnotes.optimizers import Momentum


# ------------------------------------------------------------------ note 2.2: the two diagonals

def test_the_diagonals_of_the_square_cross_exactly_at_the_centre():
    point, t, u = X.segment_intersection((0, 1), (1, 0), (0, 0), (1, 1))
    assert point.tolist() == [0.5, 0.5] and t == 0.5 and u == 0.5


def test_segment_intersection_against_a_hand_example_and_the_parametrisation():
    # x-axis segment (0,0)-(4,0) and the vertical (1,-1)-(1,3): they cross at (1, 0),
    # a quarter along the first and a quarter along the second
    point, t, u = X.segment_intersection((0, 0), (4, 0), (1, -1), (1, 3))
    np.testing.assert_allclose(point, [1, 0], atol=1e-15)
    assert t == pytest.approx(0.25) and u == pytest.approx(0.25)
    rng = np.random.default_rng(3)
    for _ in range(20):
        p, q, r, s = rng.normal(size=(4, 2))
        point, t, u = X.segment_intersection(p, q, r, s)
        np.testing.assert_allclose(point, p + t * (q - p), atol=1e-9)
        np.testing.assert_allclose(point, r + u * (s - r), atol=1e-9)


def test_segment_intersection_bad_input():
    with pytest.raises(ValueError, match="segment_intersection: the segments p-q and r-s are parallel"):
        X.segment_intersection((0, 0), (1, 1), (0, 1), (1, 2))
    with pytest.raises(ValueError, match="segment_intersection: argument 'q' expected a point"):
        X.segment_intersection((0, 0), (1, 1, 1), (0, 1), (1, 2))


def test_the_centre_sum_is_both_corner_averages_so_no_perceptron_is_xor():
    W = np.random.default_rng(1).normal(size=(20000, 3))
    corners, centre = X.xor_centre_sums(W)
    np.testing.assert_allclose(corners[:, 3], W[:, 0] + W[:, 1] + W[:, 2])     # input 11 by hand
    np.testing.assert_allclose(centre, (corners[:, 1] + corners[:, 2]) / 2, atol=1e-14)
    np.testing.assert_allclose(centre, (corners[:, 0] + corners[:, 3]) / 2, atol=1e-14)
    fire = corners >= 0
    ones = fire[:, 1] & fire[:, 2]
    zeros = ~fire[:, 0] & ~fire[:, 3]
    assert ones.any() and zeros.any()
    assert not (ones & (centre < 0)).any() and not (zeros & (centre >= 0)).any()
    assert not (ones & zeros).any()
    with pytest.raises(ValueError, match="xor_centre_sums: argument 'weights' expected rows"):
        X.xor_centre_sums(np.zeros((2, 2)))


def test_xor_figure_draws_the_crossing_diagonals_and_no_longer_calls_the_band_non_convex():
    fig = plots.xor_regions()
    ax = fig.axes[0]
    assert "not convex" not in ax.get_title() and "convex band" in ax.get_title()
    segments = {tuple(map(tuple, np.column_stack(line.get_data()).tolist()))
                for line in ax.get_lines()}
    assert ((0.0, 1.0), (1.0, 0.0)) in segments and ((0.0, 0.0), (1.0, 1.0)) in segments
    assert fig.axes[1].get_xlabel().startswith("z1")


# ------------------------------------------------------------------ note 2.3.1: sigma' = sigma (1 - sigma)

def test_sigmoid_derivative_symbolically_and_numerically():
    x = sympy.symbols("x", real=True)
    s = 1 / (1 + sympy.exp(-x))
    assert sympy.simplify(sympy.diff(s, x) - s * (1 - s)) == 0
    assert sympy.simplify(sympy.diff(s, x) - sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2) == 0
    xs = np.array([-8, -3, -1, -0.5, 0, 0.5, 1, 3, 8])
    numeric = np.array([numerical_diff(sigmoid, float(v)) for v in xs])
    np.testing.assert_allclose(sigmoid(xs) * (1 - sigmoid(xs)), numeric, atol=1e-9)
    np.testing.assert_allclose(sigmoid_grad(xs), numeric, atol=1e-9)


SIGMOID_WRONG = [0.8, 0.2, 0.5, 0.25, 0.64]          # sigma, 1 - sigma, sigma(0), the maximum, sigma^2


def test_check_sigmoid_grad_at(capsys):
    assert E.check_sigmoid_grad_at(0.16) is True
    assert capsys.readouterr().out.startswith("Right: ")
    assert E.check_sigmoid_grad_at(0.8 * (1 - 0.8)) is True
    capsys.readouterr()
    for wrong in SIGMOID_WRONG:
        assert E.check_sigmoid_grad_at(wrong) is False
        out = capsys.readouterr().out
        assert out.startswith("Not yet: ") and ": " in out[len("Not yet: "):], out
    # another p: sigma = 0.3 -> 0.21
    assert E.check_sigmoid_grad_at(0.21, p=0.3) is True
    assert E.check_sigmoid_grad_at(0.16, p=0.3) is False
    capsys.readouterr()


@pytest.mark.parametrize("placeholder", [..., None])
def test_placeholders_say_not_yet(placeholder, capsys):
    assert E.check_sigmoid_grad_at(placeholder) is False
    assert E.check_momentum_terminal_step(placeholder) is False
    out = capsys.readouterr().out
    assert out.count("Not yet: ") == 2 and "Right" not in out


def test_new_checkers_bad_input():
    with pytest.raises(TypeError, match="check_sigmoid_grad_at: argument 'answer'"):
        E.check_sigmoid_grad_at("0.16")
    with pytest.raises(ValueError, match="check_sigmoid_grad_at: argument 'p' expected a value of sigma"):
        E.check_sigmoid_grad_at(0.16, p=1.0)
    with pytest.raises(TypeError, match="check_momentum_terminal_step: argument 'answer'"):
        E.check_momentum_terminal_step("0.1")


# ------------------------------------------------------------------ note 4.1.1: Momentum unrolled

def test_momentum_velocities_by_hand_and_against_the_optimizer():
    lr, a = 0.1, 0.5
    g = np.array([1.0, 2.0, -1.0])
    # V1 = -0.1, V2 = 0.5 * -0.1 - 0.2 = -0.25, V3 = 0.5 * -0.25 + 0.1 = -0.025
    np.testing.assert_allclose(X.momentum_velocities(g, lr, a), [-0.1, -0.25, -0.025], rtol=1e-12)
    opt, p, changes = Momentum(lr, a), {"P": np.array([3.0])}, []
    for gk in g:
        before = p["P"][0]
        opt.update(p, {"P": np.array([gk])})
        changes.append(p["P"][0] - before)
    np.testing.assert_allclose(changes, [-0.1, -0.25, -0.025], rtol=1e-12)


def test_momentum_recursion_equals_the_unrolled_sum():
    g = np.random.default_rng(0).normal(size=300)
    for lr, a in ((0.01, 0.9), (0.3, 0.5), (1.0, 0.0)):
        np.testing.assert_allclose(X.momentum_velocities(g, lr, a), X.momentum_unrolled(g, lr, a),
                                   rtol=0, atol=1e-14)
    np.testing.assert_allclose(X.momentum_unrolled(g, 0.2, 0.0), -0.2 * g)     # alpha = 0 is SGD


def test_momentum_constant_and_flipping_gradients():
    lr, a = 0.01, 0.9
    v = -X.momentum_velocities(np.ones(2000), lr, a)
    tau = np.arange(1, 2001)
    np.testing.assert_allclose(v, lr * (1 - a ** tau) / (1 - a), rtol=1e-12)
    assert v[-1] == pytest.approx(0.1, rel=1e-12) and v[0] == pytest.approx(0.01)
    flips = X.momentum_velocities((-1.0) ** np.arange(2000), lr, a)
    assert abs(flips[-1]) == pytest.approx(lr / (1 + a), rel=1e-12)


def test_check_momentum_terminal_step(capsys):
    assert E.check_momentum_terminal_step(0.1) is True
    assert capsys.readouterr().out.startswith("Right: ")
    for wrong in (0.01, 0.009, 0.09, 0.001, 1.0):
        assert E.check_momentum_terminal_step(wrong) is False
        assert capsys.readouterr().out.startswith("Not yet: ")
    assert E.check_momentum_terminal_step(0.5, lr=0.1, momentum=0.8) is True      # 0.1 / 0.2
    assert E.check_momentum_terminal_step(0.1, lr=0.1, momentum=0.8) is False
    capsys.readouterr()


@pytest.mark.parametrize("checker,right", [(E.check_sigmoid_grad_at, 0.16),
                                           (E.check_momentum_terminal_step, 0.1)])
def test_spec_and_checker_agree_on_both_sides_of_the_tolerance(checker, right, capsys):
    answer = checker.answer()
    assert isinstance(answer, Answer) and answer.checker == checker.__name__
    assert answer.expected[0] == pytest.approx(right, abs=1e-12)
    for k, ok in ((0.5, True), (2.0, False)):
        for sign in (1, -1):
            value = right + sign * k * answer.tol
            assert answer.judge(value)[0] is ok
            assert checker(value) is ok
    capsys.readouterr()
