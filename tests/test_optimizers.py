"""Tests for dlnotes.optimizers: hand-computed first steps, in-place updates, errors."""
import math

import numpy as np
import pytest

from dlnotes.optimizers import (OPTIMIZERS, SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop,
                                get_optimizer)

ALL = [SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam]


def one_step(opt, p=1.0, g=0.5):
    params = {"w": np.array([p])}
    opt.update(params, {"w": np.array([g])})
    return params["w"][0]


# ---------------------------------------------------------------- first steps by hand

def test_sgd_first_step():
    # p - lr * g = 1.0 - 0.1 * 0.5
    assert one_step(SGD(lr=0.1)) == pytest.approx(0.95, abs=1e-15)


def test_momentum_two_steps():
    opt = Momentum(lr=0.1, momentum=0.9)
    params = {"w": np.array([1.0])}
    opt.update(params, {"w": np.array([0.5])})
    # v1 = 0.9 * 0 - 0.1 * 0.5 = -0.05 ; p1 = 1.0 - 0.05 = 0.95
    assert params["w"][0] == pytest.approx(0.95, abs=1e-15)
    opt.update(params, {"w": np.array([0.5])})
    # v2 = 0.9 * (-0.05) - 0.05 = -0.095 ; p2 = 0.95 - 0.095 = 0.855
    assert opt.v["w"][0] == pytest.approx(-0.095, abs=1e-15)
    assert params["w"][0] == pytest.approx(0.855, abs=1e-15)


def test_nesterov_first_step_and_lookahead_equivalence():
    # v = 0 before the first step: p1 = p - (1 + m) lr g = 1 - 1.9 * 0.05 = 0.905
    assert one_step(Nesterov(lr=0.1, momentum=0.9)) == pytest.approx(0.905, abs=1e-15)

    # The stored parameter is Nesterov's look-ahead point theta + m v, where
    # theta follows the textbook rule v <- m v - lr f'(theta + m v), theta <- theta + v.
    c, lr, m = 3.0, 0.05, 0.9           # f(p) = c/2 p**2, f'(p) = c p
    theta, vel = 2.0, 0.0
    opt = Nesterov(lr=lr, momentum=m)
    params = {"w": np.array([theta])}   # theta + m * 0
    for _ in range(25):
        opt.update(params, {"w": c * params["w"]})
        vel = m * vel - lr * c * (theta + m * vel)
        theta = theta + vel
        assert params["w"][0] == pytest.approx(theta + m * vel, rel=1e-12, abs=1e-14)


def test_adagrad_two_steps():
    eps = 1e-7
    opt = AdaGrad(lr=0.1, eps=eps)
    params = {"w": np.array([1.0])}
    opt.update(params, {"w": np.array([0.5])})
    # h = 0.25 ; p1 = 1 - 0.1 * 0.5 / (0.5 + eps) ~ 1 - lr * sign(g)
    p1 = 1.0 - 0.1 * 0.5 / (0.5 + eps)
    assert params["w"][0] == pytest.approx(p1, abs=1e-15)
    assert p1 == pytest.approx(0.9, abs=1e-6)
    opt.update(params, {"w": np.array([-0.25])})
    # h = 0.25 + 0.0625 = 0.3125 ; p2 = p1 + 0.1 * 0.25 / (sqrt(0.3125) + eps)
    assert params["w"][0] == pytest.approx(p1 + 0.025 / (math.sqrt(0.3125) + eps), abs=1e-15)


def test_rmsprop_first_step():
    eps = 1e-7
    # h = (1 - 0.99) * g**2, so sqrt(h) = sqrt(0.01) * |g| = 0.1 * 0.5
    expected = 1.0 - 0.01 * 0.5 / (math.sqrt(0.01) * 0.5 + eps)
    assert one_step(RMSprop(lr=0.01, decay_rate=0.99, eps=eps)) == pytest.approx(expected, abs=1e-15)
    assert expected == pytest.approx(1.0 - 0.1, abs=1e-5)   # ten times lr: 1/sqrt(1 - 0.99)


def test_rmsprop_forgets_but_adagrad_does_not():
    # constant gradient 1: RMSprop's h -> 1 so the step -> lr; AdaGrad's h = t so step = lr/sqrt(t)
    steps, lr = 2000, 0.01
    for opt, want in ((RMSprop(lr=lr), lr / math.sqrt(1 - 0.99 ** steps)),
                      (AdaGrad(lr=lr), lr / math.sqrt(steps))):
        params = {"w": np.array([0.0])}
        for _ in range(steps):
            before = params["w"][0]
            opt.update(params, {"w": np.array([1.0])})
        assert before - params["w"][0] == pytest.approx(want, rel=1e-6)


def test_adam_bias_corrected_first_steps_are_lr_sign_g():
    eps, lr = 1e-7, 0.001
    opt = Adam(lr=lr, eps=eps)
    params = {"w": np.array([1.0, -2.0])}
    g = np.array([0.5, -3.0])
    opt.update(params, {"w": g})
    # m = 0.1 g, v = 0.001 g**2 ; m_hat = g, v_hat = g**2 ; step = lr g / (|g| + eps)
    first = np.array([1.0, -2.0]) - lr * g / (np.abs(g) + eps)
    np.testing.assert_allclose(params["w"], first, rtol=0, atol=1e-15)
    opt.update(params, {"w": g})
    # same g again: m = 0.19 g, v = 0.001999 g**2 ; corrected by 0.19 and 0.001999 -> again g and g**2
    np.testing.assert_allclose(params["w"], first - lr * g / (np.abs(g) + eps), rtol=0, atol=1e-14)


@pytest.mark.parametrize("g", [0.5, -2.0, 1e-3])
def test_adam_note_formula_first_step_is_3_162_lr(g):
    lr = 0.001
    # note 4.1.3 without bias correction: m = 0.1 g, G = 0.001 g**2,
    # step = lr * 0.1 g / sqrt(0.001 g**2) = lr * sign(g) * 0.1 / sqrt(0.001)
    factor = 0.1 / math.sqrt(0.001)
    assert factor == pytest.approx(3.16227766, abs=1e-8)
    p = one_step(Adam(lr=lr, eps=0.0, bias_correction=False), p=1.0, g=g)
    assert p == pytest.approx(1.0 - lr * math.copysign(factor, g), abs=1e-14)
    # with the default eps the same up to eps in the denominator
    p_eps = one_step(Adam(lr=lr, bias_correction=False), p=1.0, g=g)
    assert p_eps == pytest.approx(1.0 - lr * 0.1 * g / (math.sqrt(0.001) * abs(g) + 1e-7), abs=1e-14)


@pytest.mark.parametrize("opt", [AdaGrad(eps=0.0), RMSprop(eps=0.0),
                                 Adam(eps=0.0, bias_correction=False), Adam(eps=0.0)])
def test_zero_gradient_with_zero_eps_does_not_produce_nan(opt):
    # the bare formulas give 0/0 here; the library takes "no gradient yet" as "no step"
    params = {"w": np.array([1.0, 1.0])}
    for _ in range(3):
        opt.update(params, {"w": np.array([0.0, 1.0])})
    assert params["w"][0] == 1.0
    assert np.isfinite(params["w"]).all() and params["w"][1] < 1.0


# ---------------------------------------------------------------- in place, dtypes, repr

@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_update_in_place_and_grads_untouched(cls, dtype):
    rng = np.random.default_rng(0)
    params = {"W": rng.normal(size=(3, 4)).astype(dtype), "b": np.zeros(4, dtype=dtype)}
    grads = {"W": rng.normal(size=(3, 4)).astype(dtype), "b": rng.normal(size=4).astype(dtype)}
    ids = {k: id(v) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    grads_copy = {k: v.copy() for k, v in grads.items()}
    opt = cls(lr=0.1)
    for _ in range(3):
        opt.update(params, grads)
    for k in params:
        assert id(params[k]) == ids[k]
        assert params[k].dtype == dtype
        assert not np.array_equal(params[k], before[k])
        np.testing.assert_array_equal(grads[k], grads_copy[k])
        assert grads[k].dtype == dtype
    for store in ("v", "h", "m"):
        for arr in getattr(opt, store, {}).values():
            assert arr.dtype == dtype


def test_every_optimizer_descends_a_quadratic():
    for name in OPTIMIZERS:
        opt = get_optimizer(name, lr=0.1)
        params = {"w": np.array([3.0, -2.0])}
        for _ in range(300):
            opt.update(params, {"w": 2 * params["w"]})     # f = |w|**2, minimum at 0
        assert np.linalg.norm(params["w"]) < 0.5 * np.hypot(3.0, -2.0), name


def test_repr_shows_hyperparameters():
    assert repr(SGD(lr=0.5)) == "SGD(lr=0.5)"
    assert repr(Momentum()) == "Momentum(lr=0.01, momentum=0.9)"
    assert repr(Adam(bias_correction=False)) == \
        "Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07, bias_correction=False)"
    assert repr(RMSprop()) == "RMSprop(lr=0.01, decay_rate=0.99, eps=1e-07)"


# ---------------------------------------------------------------- factory

def test_get_optimizer_names_and_instances():
    opt = get_optimizer("ADAM", lr=0.3)
    assert isinstance(opt, Adam) and opt.lr == 0.3
    for name, cls in OPTIMIZERS.items():
        assert type(get_optimizer(name.upper())) is cls
    sgd = SGD(lr=0.2)
    assert get_optimizer(sgd) is sgd
    assert set(OPTIMIZERS) == {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}


def test_get_optimizer_errors():
    with pytest.raises(ValueError, match=r"adamw") as info:
        get_optimizer("adamw")
    assert "sgd" in str(info.value) and "rmsprop" in str(info.value)
    with pytest.raises(TypeError, match="get_optimizer"):
        get_optimizer(3)
    with pytest.raises(ValueError, match="keyword arguments"):
        get_optimizer(SGD(), lr=0.1)
    with pytest.raises(TypeError, match="unexpected keyword"):
        get_optimizer("sgd", momentum=0.9)


# ---------------------------------------------------------------- argument errors

def test_bad_hyperparameters():
    with pytest.raises(ValueError, match=r"^Adam: argument 'lr' expected a positive number, got -0.1$"):
        Adam(lr=-0.1)
    with pytest.raises(ValueError, match=r"SGD: argument 'lr' expected a positive number, got 0"):
        SGD(lr=0)
    with pytest.raises(ValueError, match=r"Momentum: argument 'lr' .* got -1"):
        Momentum(lr=-1)
    with pytest.raises(TypeError, match=r"RMSprop: argument 'lr' expected a real number, got str"):
        RMSprop(lr="fast")
    with pytest.raises(ValueError, match=r"Momentum: argument 'momentum' expected a number in \[0, 1\), got 1.0"):
        Momentum(momentum=1.0)
    with pytest.raises(ValueError, match=r"RMSprop: argument 'decay_rate'"):
        RMSprop(decay_rate=-0.1)
    with pytest.raises(ValueError, match=r"Adam: argument 'beta2'"):
        Adam(beta2=1.0)
    with pytest.raises(ValueError, match=r"AdaGrad: argument 'eps' expected a number >= 0"):
        AdaGrad(eps=-1e-7)
    with pytest.raises(TypeError, match=r"Adam: argument 'bias_correction' expected True or False"):
        Adam(bias_correction="yes")


def test_missing_and_extra_keys():
    params = {"W": np.ones(2), "b": np.ones(2)}
    with pytest.raises(ValueError, match=r"Adam: argument 'grads' .*missing keys \['b'\]"):
        Adam().update(params, {"W": np.ones(2)})
    with pytest.raises(ValueError, match=r"extra keys \['c'\]"):
        SGD().update(params, {"W": np.ones(2), "b": np.ones(2), "c": np.ones(2)})


def test_shape_mismatch_names_key_and_shapes():
    params = {"W": np.ones((2, 3))}
    with pytest.raises(ValueError, match=r"Momentum: .*grads\['W'\].*\(2, 3\), got \(3, 2\)"):
        Momentum().update(params, {"W": np.ones((3, 2))})
    # no silent broadcasting of a bias-like gradient
    with pytest.raises(ValueError, match=r"grads\['W'\]"):
        SGD().update(params, {"W": np.ones(3)})


@pytest.mark.parametrize("cls", ALL)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_gradient_raises_and_leaves_params_alone(cls, bad):
    params = {"a": np.ones(2), "W": np.ones((2, 2))}
    before = {k: v.copy() for k, v in params.items()}
    g_W = np.ones((2, 2))
    g_W[1, 0] = bad
    with pytest.raises(ValueError, match=rf"{cls.__name__}: argument 'grads\['W'\]' expected finite"):
        cls().update(params, {"a": np.ones(2), "W": g_W})
    for k in params:   # checked before anything moved, not even key 'a'
        np.testing.assert_array_equal(params[k], before[k])


def test_params_must_be_float_arrays_and_dicts():
    with pytest.raises(TypeError, match=r"SGD: argument \"params\['W'\]\" expected a float numpy array.*int64"):
        SGD().update({"W": np.array([1, 2], dtype=np.int64)}, {"W": np.ones(2)})
    with pytest.raises(TypeError, match=r"got list"):
        SGD().update({"W": [1.0, 2.0]}, {"W": np.ones(2)})
    with pytest.raises(TypeError, match=r"argument 'grads' expected a dict, got tuple"):
        SGD().update({"W": np.ones(2)}, (np.ones(2),))


def test_state_shape_change_is_reported():
    opt = Momentum()
    opt.update({"W": np.ones(2)}, {"W": np.ones(2)})
    with pytest.raises(ValueError, match=r"params\['W'\] changed shape from \(2,\) to \(3,\)"):
        opt.update({"W": np.ones(3)}, {"W": np.ones(3)})


# ---------------------------------------------------------------- the book's plain state, all or none

SHAPES = {"W1": (3, 4), "b1": (4,), "W2": (4, 2), "b2": (2,)}


@pytest.mark.parametrize("cls", ALL)
def test_state_is_the_books_plain_dicts_keyed_by_name(cls):
    rng = np.random.default_rng(3)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    opt = cls(lr=0.1)
    opt.update(params, {k: rng.normal(size=s) for k, s in SHAPES.items()})
    stores = {name: d for name, d in vars(opt).items() if isinstance(d, dict)}
    assert set(stores) == {SGD: set(), Momentum: {"v"}, Nesterov: {"v"}, AdaGrad: {"h"},
                           RMSprop: {"h"}, Adam: {"m", "v"}}[cls]
    for d in stores.values():
        assert list(d) == list(SHAPES) and type(d) is dict
        assert all(type(a) is np.ndarray and a.shape == SHAPES[k] and a.base is None for k, a in d.items())
    assert "W1" in repr(stores) or cls is SGD


def test_nan_gradient_names_the_array_and_changes_nothing():
    rng = np.random.default_rng(5)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    plain = {k: v.copy() for k, v in params.items()}
    grads = {k: np.ones(s) for k, s in SHAPES.items()}
    grads["W2"][1, 1] = np.nan
    opt = Adam()
    with pytest.raises(ValueError, match=r"Adam: argument 'grads\['W2'\]' expected finite values, got 1 NaN"):
        opt.update(params, grads)
    assert opt.iter == 0 and opt.m == {} and all(np.array_equal(params[k], plain[k]) for k in SHAPES)


def test_adam_step_equals_the_textbook_bias_corrected_formula():
    """Kingma & Ba's lr m_hat / (sqrt(v_hat) + eps), written out independently, to round-off."""
    rng = np.random.default_rng(6)
    p = {"w": rng.normal(size=50)}
    w, m, v = p["w"].copy(), np.zeros(50), np.zeros(50)
    opt = Adam(lr=0.01, eps=1e-3)                # a large eps, so that its scaling matters
    for t in range(1, 8):
        g = rng.normal(size=50) * 10.0 ** -t      # shrinking gradients bring sqrt(v_hat) near eps
        opt.update(p, {"w": g})
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w = w - 0.01 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-3)
        np.testing.assert_allclose(p["w"], w, rtol=1e-13, atol=0)
