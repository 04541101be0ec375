"""Property tests of dlnotes.optimizers: an update applies whole and equals the book's formula,
or raises a clear error and changes nothing (parameters and optimizer state, bit for bit).

The reference is written independently of the library, one coordinate at a time on plain
Python floats with ``math.sqrt``, in the statement order of the book's ``common/optimizer.py``.
Two deliberate differences from the book, both documented in ``dlnotes.optimizers``: eps is a
hyperparameter (the book fixes 1e-7), and bias-corrected Adam adds eps to sqrt(v_hat) (Kingma
& Ba) where the book's ``lr_t`` form adds it to sqrt(v); with eps = 0 the two are the same.
Where a denominator is 0 (eps = 0, no gradient so far) the step is 0, not 0/0.
"""
import math

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from dlnotes.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

# ---------------------------------------------------------------- the reference: book, floats


def book_step(name, hp, p, g, s, t):
    """One coordinate: parameter ``p`` and gradient ``g`` (floats), state ``s`` (a dict of
    floats, changed), ``t`` the number of this update (1, 2, ...).  Returns the new p."""
    lr = hp["lr"]
    if name == "SGD":
        return p - lr * g
    if name == "Momentum":
        s["v"] = hp["momentum"] * s.get("v", 0.0) - lr * g
        return p + s["v"]
    if name == "Nesterov":                     # the book's version since its 2021-01-18 fix
        m, v = hp["momentum"], s.get("v", 0.0)
        p += m * m * v
        p -= (1 + m) * lr * g
        s["v"] = m * v - lr * g
        return p
    eps = hp["eps"]
    if name == "AdaGrad":
        s["h"] = s.get("h", 0.0) + g * g
        num, den = g, math.sqrt(s["h"]) + eps
    elif name == "RMSprop":
        d = hp["decay_rate"]
        s["h"] = d * s.get("h", 0.0) + (1 - d) * g * g
        num, den = g, math.sqrt(s["h"]) + eps
    else:                                      # Adam
        b1, b2 = hp["beta1"], hp["beta2"]
        s["m"] = s.get("m", 0.0) + (1 - b1) * (g - s.get("m", 0.0))
        s["v"] = s.get("v", 0.0) + (1 - b2) * (g * g - s.get("v", 0.0))
        m, v = s["m"], s["v"]
        if hp.get("bias_correction", True):
            m, v = m / (1 - b1 ** t), v / (1 - b2 ** t)
        num, den = m, math.sqrt(v) + eps
    return p - (lr * num / den if den != 0 else 0.0)


STATE = {"SGD": (), "Momentum": ("v",), "Nesterov": ("v",), "AdaGrad": ("h",),
         "RMSprop": ("h",), "Adam": ("m", "v")}
CLASSES = {c.__name__: c for c in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)}


def snapshot(params, grads, opt):
    """Everything an update may touch, bit for bit: bytes, dtype and shape of every array,
    the parameter objects themselves, and every other attribute of the optimizer."""
    def bits(a):
        return (type(a), a.dtype.str, a.shape, a.tobytes()) if isinstance(a, np.ndarray) else a
    state = {name: ({k: bits(a) for k, a in val.items()} if isinstance(val, dict) else val)
             for name, val in vars(opt).items()}
    return ({k: (id(a), bits(a)) for k, a in params.items()},
            {k: bits(a) for k, a in grads.items()}, state)


def assert_close(actual, expected, dtype, what):
    rtol = 1e-12 if dtype == np.float64 else 1e-5
    scale = 1.0 + max((abs(x) for x in expected), default=0.0)   # absolute tolerance, not last digits
    np.testing.assert_allclose(np.asarray(actual, np.float64).ravel(), expected,
                               rtol=rtol, atol=rtol * scale, err_msg=what)


# ---------------------------------------------------------------- what hypothesis generates

def values(dtype):
    """0 (the 0/0 rule) or magnitudes in [1e-3, 100], of either sign: no float32 underflow of
    g*g, no overflow (overflow is the 'overflow' fault)."""
    width = 32 if dtype == np.float32 else 64
    mag = st.floats(float(np.float32(1e-3)), 100.0, width=width)   # 1e-3 rounded up to float32
    return st.one_of(st.just(0.0), st.builds(lambda s, x: s * x, st.sampled_from([-1.0, 1.0]), mag))


frac = st.floats(0.0, 0.999)
HYPER = {
    "SGD": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0)}),
    "Momentum": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0), "momentum": frac}),
    "Nesterov": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0), "momentum": frac}),
    "AdaGrad": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0),
                                      "eps": st.sampled_from([0.0, 1e-7, 1e-3])}),
    "RMSprop": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0), "decay_rate": frac,
                                      "eps": st.sampled_from([0.0, 1e-7, 1e-3])}),
    "Adam": st.fixed_dictionaries({"lr": st.floats(1e-4, 1.0), "beta1": frac, "beta2": frac,
                                   "eps": st.sampled_from([0.0, 1e-7, 1e-3]),
                                   "bias_correction": st.booleans()}),
}

# faults put into the last update of a sequence (None: every update valid)
FAULTS = ["nan", "readonly", "alias", "view", "shape", "missing", "int", "dtype",
          "cast_overflow", "overflow"]
RULES = [("SGD", {}), ("Momentum", {}), ("Nesterov", {}), ("AdaGrad", {}), ("RMSprop", {}),
         ("Adam", {"bias_correction": True}), ("Adam", {"bias_correction": False})]


@st.composite
def problems(draw, name=None):
    """An optimizer with random hyperparameters, 1 to 3 named parameters of random shapes
    (0-d included, empty too) and dtypes, and 1 to 3 updates' gradients (float32 or float64)."""
    name = name or draw(st.sampled_from(sorted(HYPER)))
    hp = draw(HYPER[name])
    keys = draw(st.lists(st.sampled_from(["W1", "b1", "W2", "x", "y"]), min_size=1, max_size=3,
                         unique=True))
    dtypes = {k: draw(st.sampled_from([np.float32, np.float64])) for k in keys}
    shapes = {k: draw(array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)) for k in keys}
    params = {k: draw(arrays(dtypes[k], shapes[k], elements=values(dtypes[k]))) for k in keys}
    n_steps = draw(st.integers(1, 3))
    grad_dtypes = {k: draw(st.sampled_from([dtypes[k], dtypes[k], np.float32, np.float64]))
                   for k in keys}
    grad_seq = [{k: draw(arrays(grad_dtypes[k], shapes[k], elements=values(grad_dtypes[k])))
                 for k in keys} for _ in range(n_steps)]
    return name, hp, params, grad_seq, draw(st.sampled_from(keys))


def put_fault(fault, victim, params, grads):
    """Spoil the arguments of an update; returns whether the update must fail."""
    p, g = params[victim], grads[victim]
    if fault == "nan" and g.size:
        g = grads[victim] = g.copy()
        g.flat[g.size // 2] = [np.nan, np.inf, -np.inf][g.size % 3]
        return True
    if fault == "readonly":
        p.flags.writeable = False
        return True
    if fault == "alias":                        # the same array under two keys
        params["alias"], grads["alias"] = p, g.copy()
        return True
    if fault == "view":                         # a view of another parameter's memory
        params["view"], grads["view"] = p[...], g.copy()
        return p.size > 0                       # an empty view shares nothing: valid
    if fault == "shape":
        grads[victim] = g[..., None]
        return True
    if fault == "missing":
        del grads[victim]
        return True
    if fault == "int":
        params[victim] = np.zeros(p.shape, dtype=np.int64)
        return True
    if fault == "dtype":                        # another dtype than the state it has
        params[victim] = p.astype(np.float32 if p.dtype == np.float64 else np.float64)
        return None                             # fails only where a state exists
    if fault == "cast_overflow":                # a float64 gradient too big for float32
        if p.dtype == np.float32 and g.size:
            g = grads[victim] = g.astype(np.float64)
            g.flat[0] = 1e300
            return True
        return False
    if fault == "overflow" and g.size:          # g*g overflows; run under np.errstate(raise)
        g = grads[victim] = g.copy()
        g.flat[0] = 1e200 if g.dtype == np.float64 else 1e30
        return None                             # fails where the rule squares g
    return False


def run_updates(name, hp, params, grad_seq, fault, victim):
    """The updates of ``grad_seq`` with ``fault`` in the last one: each update either applies
    whole and equals the reference, or raises a clear error and changes nothing."""
    opt = CLASSES[name](**hp)
    ref_state = {k: [{} for _ in range(p.size)] for k, p in params.items()}
    t = 0                                       # updates applied so far
    for i, grads in enumerate(grad_seq):
        grads = dict(grads)
        must_fail = False
        if i == len(grad_seq) - 1 and fault:
            must_fail = put_fault(fault, victim, params, grads)
            for k in params:
                ref_state.setdefault(k, [{} for _ in range(params[k].size)])
        before = snapshot(params, grads, opt)
        old = {k: [float(x) for x in np.ravel(p)] for k, p in params.items()}
        try:
            with np.errstate(over="raise", invalid="raise") if fault == "overflow" else np.errstate():
                opt.update(params, grads)
        except (ValueError, TypeError, FloatingPointError) as err:
            assert must_fail is not False, f"valid update refused: {err}"
            if not isinstance(err, FloatingPointError):
                assert str(err).startswith(f"{name}: "), err       # names the optimizer
            assert snapshot(params, grads, opt) == before           # nothing changed
            event(f"{fault} refused ({type(err).__name__})")      # --hypothesis-show-statistics
            return
        assert must_fail is not True, f"{fault} update was not refused"
        t += 1
        assert snapshot(params, grads, opt)[1] == before[1]         # grads untouched
        for k, p in params.items():
            assert id(p) == before[0][k][0] and p.dtype.str == before[0][k][1][1]
            expected = [book_step(name, hp, old[k][j], float(gj), ref_state[k][j], t)
                        for j, gj in enumerate(np.ravel(grads[k]))]
            assert_close(p, expected, p.dtype, f"{name} {hp} params[{k!r}] update {t}")
            for s in STATE[name]:
                arr = getattr(opt, s)[k]
                assert type(arr) is np.ndarray and arr.shape == p.shape and arr.dtype == p.dtype
                assert_close(arr, [c[s] for c in ref_state[k]], p.dtype, f"{name}.{s}[{k!r}]")
        assert getattr(opt, "iter", t) == t
    event(f"{fault} applied")


@pytest.mark.parametrize("name, fixed", RULES, ids=["SGD", "Momentum", "Nesterov", "AdaGrad",
                                                     "RMSprop", "Adam", "Adam-note"])
@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_valid_updates_apply_whole_and_equal_the_book(name, fixed, data):
    name, hp, params, grad_seq, victim = data.draw(problems(name))
    hp.update(fixed)
    event(f"{'with' if any(p.ndim == 0 for p in params.values()) else 'no'} 0-d parameter")
    run_updates(name, hp, params, grad_seq, None, victim)


@pytest.mark.parametrize("fault", FAULTS)
@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(problem=problems())
def test_a_spoiled_update_is_refused_whole_or_applies_whole(fault, problem):
    run_updates(*problem[:4], fault, problem[4])


# ---------------------------------------------------------------- the cases the issue names

F64 = np.float64


@pytest.mark.parametrize("name, hp", [
    ("SGD", {"lr": 0.95}), ("Momentum", {"lr": 0.1, "momentum": 0.9}),
    ("Nesterov", {"lr": 0.1, "momentum": 0.9}), ("AdaGrad", {"lr": 1.5, "eps": 1e-7}),
    ("RMSprop", {"lr": 0.1, "decay_rate": 0.99, "eps": 1e-7}),
    ("Adam", {"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "bias_correction": True}),
    ("Adam", {"lr": 0.3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "bias_correction": False}),
])
def test_book_chapter_6_comparison_on_0d_arrays(name, hp):
    """The book's f(x, y) = x**2/20 + y**2 from (-7, 2), with 0-d arrays as the parameters."""
    params = {"x": np.array(-7.0), "y": np.array(2.0)}
    x_obj = params["x"]
    opt = CLASSES[name](**hp)
    ref, states = {"x": -7.0, "y": 2.0}, {"x": {}, "y": {}}
    for t in range(1, 31):
        grads = {"x": params["x"] / 10.0, "y": 2.0 * params["y"]}
        g_ref = {"x": ref["x"] / 10.0, "y": 2.0 * ref["y"]}
        opt.update(params, grads)
        for k in ref:
            ref[k] = book_step(name, hp, ref[k], g_ref[k], states[k], t)
            np.testing.assert_allclose(float(params[k]), ref[k], rtol=1e-12, atol=1e-12)
    assert params["x"] is x_obj and params["x"].shape == () and params["x"].dtype == F64
    for s in STATE[name]:
        assert all(type(a) is np.ndarray and a.shape == () for a in getattr(opt, s).values())


@pytest.mark.parametrize("cls", list(CLASSES.values()))
def test_read_only_parameter_is_refused_before_any_other_moves(cls):
    opt = cls()
    params = {"W": np.ones((2, 2)), "b": np.ones(2)}
    opt.update(params, {"W": np.ones((2, 2)), "b": np.ones(2)})
    params["b"].flags.writeable = False
    before = snapshot(params, {}, opt)
    with pytest.raises(ValueError, match=rf"^{cls.__name__}: argument \"params\['b'\]\" expected a "
                       r"writable array \(updated in place\), got a read-only array$"):
        opt.update(params, {"W": np.ones((2, 2)), "b": np.ones(2)})
    assert snapshot(params, {}, opt) == before


def test_one_array_under_two_keys_or_overlapping_views_are_refused():
    a = np.ones(4)
    with pytest.raises(ValueError, match=r"^Adam: argument \"params\['b'\]\" expected an array of "
                       r"its own \(updated in place\), got the same array as params\['a'\]$"):
        Adam().update({"a": a, "b": a}, {"a": np.ones(4), "b": np.ones(4)})
    with pytest.raises(ValueError, match=r"got an array sharing memory with params\['a'\]$"):
        SGD().update({"a": a[:3], "b": a[2:]}, {"a": np.ones(3), "b": np.ones(2)})
    np.testing.assert_array_equal(a, 1.0)
    # interleaved views share no element: both are updated, in place
    params = {"even": a[::2], "odd": a[1::2]}
    SGD(lr=1.0).update(params, {"even": np.ones(2), "odd": 2 * np.ones(2)})
    np.testing.assert_array_equal(a, [0.0, -1.0, 0.0, -1.0])


def test_non_contiguous_view_parameter_is_updated_in_place():
    W = np.arange(12.0).reshape(3, 4)
    params = {"Wt": W.T, "v": np.zeros(8)[::2]}        # a transposed view, a strided view
    Adam(lr=0.5).update(params, {"Wt": np.ones((4, 3)), "v": -np.ones(4)})
    np.testing.assert_allclose(W, np.arange(12.0).reshape(3, 4) - 0.5, rtol=1e-6)
    np.testing.assert_allclose(params["v"], 0.5, rtol=1e-6)
    assert np.shares_memory(params["Wt"], W)             # still the view, not a copy


def test_float32_parameter_with_float64_gradient_runs_in_float32():
    p32 = {"W": np.full(3, 1.0, np.float32)}
    q32 = {"W": np.full(3, 1.0, np.float32)}
    g = np.array([0.1, -0.2, 1 / 3])
    a, b = Adam(lr=0.1), Adam(lr=0.1)
    a.update(p32, {"W": g})
    b.update(q32, {"W": g.astype(np.float32)})           # the same as rounding g first
    np.testing.assert_array_equal(p32["W"], q32["W"])
    assert p32["W"].dtype == np.float32 and a.m["W"].dtype == a.v["W"].dtype == np.float32
    with pytest.raises(ValueError, match=r"^Adam: argument \"grads\['W'\]\" expected values that "
                       r"fit the dtype float32 of params\['W'\], got values beyond 3.403e\+38$"):
        a.update(p32, {"W": np.array([1e300, 0.0, 0.0])})
    assert a.iter == 1


def test_parameter_changing_dtype_is_reported_like_a_shape_change():
    opt = Momentum()
    opt.update({"W": np.ones(2)}, {"W": np.ones(2)})
    with pytest.raises(ValueError, match=r"^Momentum: params\['W'\] changed dtype from float64 to "
                       r"float32; use a new optimizer$"):
        opt.update({"W": np.ones(2, np.float32)}, {"W": np.ones(2)})


@pytest.mark.parametrize("cls", [AdaGrad, RMSprop, Adam])
def test_overflow_under_errstate_raise_changes_nothing(cls):
    """Every new value is computed before the first write, so even an error raised half-way
    through the arithmetic (np.errstate(over='raise'), g*g = inf) leaves everything as it was."""
    opt = cls()
    params = {"a": np.ones(3), "b": np.ones(3)}
    opt.update(params, {"a": np.ones(3), "b": np.ones(3)})
    grads = {"a": np.ones(3), "b": np.array([1.0, 1e200, 1.0])}
    before = snapshot(params, grads, opt)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        opt.update(params, grads)
    assert snapshot(params, grads, opt) == before
