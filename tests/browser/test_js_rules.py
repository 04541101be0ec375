"""Every rule the pages compute in JavaScript (dlnotes/js/*.js) equals dlnotes' Python rule,
on at least 50 random settings each, to relative 1e-12 (both are float64).

These need only Chromium, not the built site (``make browser`` runs them)."""
import numpy as np
import pytest

from dlnotes.experiments import ACTIVATIONS, activation_values
from dlnotes.functions import softmax
from dlnotes.gates import GATE_INPUTS, GATE_NAMES, Perceptron, which_gate
from dlnotes.landscapes import LANDSCAPES, critical_lr, gd_path, gd_regime, make_optimizer, run_optimizer

N = 60
rng = np.random.default_rng(2026)   # restarted for each test from its id (tests/conftest.py)


def close(js, py, rtol=1e-12):
    js, py = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert js.shape == py.shape, (js.shape, py.shape)
    np.testing.assert_allclose(js, py, rtol=rtol, atol=0, equal_nan=True)


def test_activations_and_their_values(rules_page):
    for _ in range(N):
        name = str(rng.choice(list(ACTIVATIONS)))
        scale, shift = float(rng.uniform(0.1, 10)), float(rng.uniform(-2, 2))
        xs = rng.uniform(-50, 50, 40)
        xs[:3] = [0.0, -shift / scale, 700.0]
        js = rules_page.evaluate("([n, xs, a, b]) => dlnotes.activationValues(n, xs, a, b)",
                                 [name, xs.tolist(), scale, shift])
        y, slope = activation_values(name, xs, scale, shift)
        close(js[0], y)
        close(js[1], slope)


@pytest.mark.parametrize("size", [2, 3, 10])
def test_softmax_and_temperature(rules_page, size):
    for _ in range(N):
        z = rng.normal(0, 30, size) + rng.choice([0, 1000, -1000])
        T = float(np.exp(rng.uniform(-3, 3)))
        got = rules_page.evaluate("([z, T]) => [dlnotes.softmax(z), dlnotes.softmaxTemperature(z, T)]",
                                  [z.tolist(), T])
        close(got[0], softmax(z))
        close(got[1], softmax(z / T))


def test_perceptron_gate_names(rules_page):
    names = {",".join(map(str, k)): v for k, v in GATE_NAMES.items()}
    for _ in range(N):
        w1, w2, b = (float(v) for v in rng.uniform(-2, 2, 3))
        if rng.random() < 0.3:
            w1, w2, b = (float(v) for v in rng.integers(-2, 3, 3) / 2)   # lines through the inputs
        got = rules_page.evaluate("([w1, w2, b, names]) => dlnotes.whichGate(w1, w2, b, names)",
                                  [w1, w2, b, names])
        assert got == which_gate(w1, w2, b), (w1, w2, b)


def test_perceptron_sums_outputs_and_regions(rules_page):
    xs = (np.arange(40) + 0.5) / 20 - 0.5                      # pixel centres over [-0.5, 1.5]
    X1, X2 = np.meshgrid(xs, xs)
    grid = np.column_stack([X1.ravel(), X2.ravel()])
    for _ in range(N):
        w1, w2, b = (float(v) for v in rng.uniform(-2, 2, 3))
        if rng.random() < 0.3:
            w1, w2, b = (float(v) for v in rng.integers(-4, 5, 3) / 4)   # lines through grid points
        p = Perceptron([w1, w2], b)
        got = rules_page.evaluate("""([w1, w2, b, xs]) => [
            dlnotes.GATE_INPUTS.map(([x1, x2]) => dlnotes.perceptronNet(w1, w2, b, x1, x2)),
            dlnotes.truthOutputs(w1, w2, b), dlnotes.perceptronRegions(w1, w2, b, xs)]""",
                                  [w1, w2, b, xs.tolist()])
        nets = [p.net(x) for x in GATE_INPUTS]
        np.testing.assert_allclose(got[0], nets, rtol=1e-12, atol=1e-15)
        assert got[1] == p(GATE_INPUTS).tolist(), (w1, w2, b)
        real = Perceptron([w1, w2], b, binary=False)
        want = real(grid).reshape(X1.shape)
        # a pixel centre on the line (net = 0 up to round-off) may land on either side: numpy's
        # X @ w (BLAS, maybe fused multiply-add) and JS's w1*x1 + w2*x2 + b round differently there
        sure = np.abs(real.net(grid)).reshape(X1.shape) > 1e-12
        assert (~sure).sum() <= len(xs), (w1, w2, b)               # a line crosses at most 40 of them
        np.testing.assert_array_equal(np.array(got[2])[sure], want[sure], err_msg=str((w1, w2, b)))


def test_format_g_is_pythons_format(rules_page):
    """D.formatG(x, d) == format(x, f'.{d}g'), ties (exact halves) included, on >= 50 x per digit count."""
    values = [0.0, -0.0, 1.0, -2.5, 0.125, 0.0625, 2.5e-5, 1e-5, 99999.5, 123456789.0, 1e16, 5e-324,
              1.7976931348623157e308, float("nan"), float("inf"), float("-inf"), 0.3075, 1.0025]
    values += rng.uniform(-1e3, 1e3, N).tolist()
    values += (np.sign(rng.normal(size=N)) * 10 ** rng.uniform(-30, 30, N)).tolist()
    values += [float(np.ldexp(k, e)) for k, e in zip(rng.integers(-2 ** 20, 2 ** 20, N),
                                                     rng.integers(-30, 10, N))]     # dyadic: exact ties
    for digits in (0, 1, 2, 3, 4, 6, 12, 17):
        got = rules_page.evaluate("([xs, d]) => xs.map((x) => dlnotes.formatG(x, d))", [values, digits])
        assert got == [format(x, f".{digits}g") for x in values], digits


@pytest.mark.parametrize("name", sorted(LANDSCAPES))
def test_landscapes_values_and_gradients(rules_page, name):
    f = LANDSCAPES[name]
    for _ in range(N):
        p = rng.uniform(-3, 3, f.dim).tolist()
        got = rules_page.evaluate("([n, p]) => [dlnotes.LANDSCAPES[n].f(...p), dlnotes.LANDSCAPES[n].grad(...p)]",
                                  [name, p])
        close(got[0], f(*p))
        close(got[1], f.grad(*p))


@pytest.mark.parametrize("name", ["parabola", "book"])
def test_gradient_descent_paths_rates_and_regimes(rules_page, name):
    f = LANDSCAPES[name]
    for _ in range(N):
        lr = float(np.exp(rng.uniform(np.log(1e-3), np.log(3))))
        steps = int(rng.integers(1, 80))
        start = rng.uniform(-8, 8, f.dim).tolist()
        got = rules_page.evaluate("""([n, lr, steps, start]) => [dlnotes.gdPath(n, lr, steps, start),
                                      dlnotes.criticalLr(n), dlnotes.gdRegime(n, lr)]""",
                                  [name, lr, steps, start])
        close(got[0], gd_path(name, lr, steps, start=start))
        close(got[1], critical_lr(name))
        assert got[2] == gd_regime(name, lr)


OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adam_note"]


def _hyper(name):
    h = {"lr": float(np.exp(rng.uniform(np.log(1e-3), np.log(2))))}
    if name in ("momentum", "nesterov"):
        h["momentum"] = float(rng.uniform(0, 0.99))
    if name in ("adagrad", "rmsprop", "adam"):
        h["eps"] = float(rng.choice([0.0, 1e-7, 1e-3]))
    if name == "rmsprop":
        h["decay_rate"] = float(rng.uniform(0, 0.999))
    if name in ("adam", "adam_note"):
        h["beta1"], h["beta2"] = float(rng.uniform(0, 0.99)), float(rng.uniform(0.5, 0.9999))
    if name == "adam":
        h["bias_correction"] = bool(rng.random() < 0.5)
    return h


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizer_updates_and_state(rules_page, name):
    for _ in range(N):
        hyper = _hyper(name)
        params = {"W": rng.normal(size=6), "b": rng.normal(size=3)}
        grads = [{k: rng.normal(size=v.size) * (rng.random(v.size) < 0.8) for k, v in params.items()}
                 for _ in range(int(rng.integers(1, 12)))]          # some coordinates get no gradient
        opt = make_optimizer(name, **hyper)
        py = {k: v.copy() for k, v in params.items()}
        for g in grads:
            opt.update(py, {k: v.copy() for k, v in g.items()})
        js = rules_page.evaluate("""([name, hyper, params, grads]) => {
            const o = dlnotes.makeOptimizer(name, hyper);
            const p = {}; for (const k in params) p[k] = Float64Array.from(params[k]);
            for (const g of grads) {
                const gg = {}; for (const k in g) gg[k] = Float64Array.from(g[k]);
                o.update(p, gg);
            }
            const out = {}; for (const k in p) out[k] = Array.from(p[k]);
            return out;
        }""", [name, hyper, {k: v.tolist() for k, v in params.items()},
               [{k: v.tolist() for k, v in g.items()} for g in grads]])
        for k in params:
            close(js[k], py[k])


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_optimizer_paths_on_every_landscape(rules_page, name):
    for _ in range(N // 2):
        land = str(rng.choice(["book", "saddle", "rosenbrock"]))
        hyper = _hyper(name)
        start = rng.uniform(-2, 2, 2).tolist()
        steps = int(rng.integers(1, 120))
        got = rules_page.evaluate("""([name, hyper, land, start, steps]) =>
            dlnotes.runOptimizer(dlnotes.makeOptimizer(name, hyper), land, start, steps)""",
                                  [name, hyper, land, start, steps])
        with np.errstate(over="ignore", invalid="ignore"):
            py = run_optimizer(make_optimizer(name, **hyper), land, start, steps)
        assert len(got) == len(py), (land, hyper, len(got), len(py))
        close(got, py, rtol=1e-9)      # long chaotic Rosenbrock walks amplify one-ulp differences
