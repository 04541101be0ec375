"""The benchmark compares like with like, and its functions run on tiny sizes (no timings asserted)."""
import os
import sys

import numpy as np
import pytest

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")
sys.path.insert(0, BENCH)

import reference_book as book  # noqa: E402
import reference_fused as fused  # noqa: E402
import run  # noqa: E402

from dlnotes import Adam, MultiLayerNet, SGD  # noqa: E402


def _pair(use_bn, seed=3):
    net = MultiLayerNet(6, [5, 4], 3, use_batchnorm=use_bn, seed=seed)
    params = {k: v.copy() for k, v in net.params.items()}
    return net, book.MultiLayerNetBook(params, 2, use_batchnorm=use_bn), params


@pytest.mark.parametrize("use_bn", [False, True])
def test_reference_matches_dlnotes_loss_and_gradients(use_bn):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(8, 6))
    t = rng.integers(0, 3, 8)
    net, ref, _ = _pair(use_bn)
    g = net.gradient(x, t)
    gr = ref.gradient(x, book.one_hot(t, 3))
    assert sorted(g) == sorted(gr)
    for k in g:
        np.testing.assert_allclose(gr[k], g[k], rtol=1e-9, atol=1e-12, err_msg=k)
    # the book's loss adds 1e-7 inside the log; with probabilities ~1/3 that moves it by < 1e-6
    assert ref.last_layer.loss == pytest.approx(net.last_loss, rel=1e-6)
    assert ref.last_layer.loss != net.last_loss             # the 1e-7 is really there


@pytest.mark.parametrize("use_bn", [False, True])
@pytest.mark.parametrize("opt", ["sgd", "adam"])
def test_fused_reference_computes_the_dlnotes_step(use_bn, opt):
    """The fused-numpy bound does the same work: gradients and three updates equal dlnotes'."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(8, 6))
    t = rng.integers(0, 3, 8)
    net = MultiLayerNet(6, [5, 4], 3, use_batchnorm=use_bn, seed=3)
    f = fused.FusedNet(net.params, 2, use_bn, batch=8)
    dl_opt = SGD(lr=0.5) if opt == "sgd" else Adam(lr=0.05)
    for step in range(3):
        g = net.gradient(x, t)
        loss = f.gradient(x, t)
        assert loss == pytest.approx(net.last_loss, rel=1e-12)
        for k in g:
            np.testing.assert_allclose(f.g[k], g[k], rtol=1e-9, atol=1e-10, err_msg=f"step {step} grad {k}")
        dl_opt.update(net.params, g)
        f.sgd(lr=0.5) if opt == "sgd" else f.adam(lr=0.05)
        for k in net.params:
            if use_bn and opt == "adam" and k in ("b1", "b2"):
                # A bias just before BN has true gradient 0 (BN subtracts any shift), so both
                # compute round-off (< 1e-10 above) and Adam's normalised step blows it up to ~lr.
                continue
            np.testing.assert_allclose(f.p[k], net.params[k], rtol=1e-9, atol=1e-12, err_msg=f"step {step} {k}")
    assert not np.allclose(f.p["W1"], MultiLayerNet(6, [5, 4], 3, use_batchnorm=use_bn, seed=3).params["W1"])


def test_reference_gradient_is_not_trivially_equal():
    """The comparison above can fail: a changed weight changes the reference gradient."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(8, 6))
    t = rng.integers(0, 3, 8)
    net, ref, params = _pair(False)
    params["W2"] += 0.1
    g = net.gradient(x, t)
    gr = ref.gradient(x, book.one_hot(t, 3))
    assert not np.allclose(g["W1"], gr["W1"], rtol=1e-6)


def test_reference_sgd_step_equals_dlnotes_step():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(8, 6))
    t = rng.integers(0, 3, 8)
    net, ref, params = _pair(True)
    SGD(lr=0.5).update(net.params, net.gradient(x, t))
    book.SGD(lr=0.5).update(params, ref.gradient(x, book.one_hot(t, 3)))
    for k in params:
        np.testing.assert_allclose(params[k], net.params[k], rtol=1e-12, atol=1e-14, err_msg=k)
    assert not np.allclose(params["W1"], MultiLayerNet(6, [5, 4], 3, use_batchnorm=True, seed=3).params["W1"])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("case", run.CASES, ids=[c[0] for c in run.CASES])
def test_step_functions_run_and_train(case, dtype):
    name, hidden, bn, opt, kw = case
    fns = run.make_step_fns([4] * len(hidden), bn, opt, kw, dtype, batch=6, n_in=10, n_out=3)
    assert {"dlnotes", "floor", "fused", "book"} <= set(fns)
    for f in fns.values():
        f()
    res = run.timed(fns, min_seconds=0.01, rounds=2, warmup=1)
    assert set(res) == set(fns) and all(v > 0 for v in res.values())


def test_dlnotes_step_changes_parameters_like_book_step():
    """make_step_fns gives both implementations the same starting weights and data."""
    fns = run.make_step_fns([4], False, "sgd", {"lr": 0.1}, np.float64, batch=6, n_in=10, n_out=3)
    fns["dlnotes"]()
    fns["book"]()
    net = [c.cell_contents for c in fns["dlnotes"].__closure__ if isinstance(c.cell_contents, MultiLayerNet)][0]
    bparams = [c.cell_contents for c in fns["book"].__closure__
               if isinstance(c.cell_contents, dict)][0]
    for k in net.params:
        np.testing.assert_allclose(bparams[k], net.params[k], rtol=1e-12, atol=1e-14, err_msg=k)


def test_table_and_widget_discovery():
    md = run.table(["a", "b"], [[1, "x"], [2, "y"]])
    assert md.splitlines() == ["| a | b |", "|---|---|", "| 1 | x |", "| 2 | y |"]
    names = [n for n, _ in run.widget_factories()]
    assert "sigmoid_steepness_explorer" in names and "explorer" not in names


def test_widget_latency_rows():
    md, raw = run.bench_widgets(quick=True)
    assert raw and raw[0]["states"] >= 1
    assert raw[0]["render_p50"] > 0 and raw[0]["switch_p95"] >= raw[0]["switch_p50"] >= 0
    assert md.startswith("| explorer |")
    assert raw[-1]["search_linear_separators_p50"] > 0 and "41³ = 68,921 grid triples" in md


def test_epoch_section_trains_the_same_net_by_loop_and_by_trainer():
    """Section 7 on 2,000 Fashion-MNIST images: the book's loop and the Trainer see the same
    batches from the same weights, so they end at the same test accuracy, well above chance."""
    md, raw = run.bench_epoch(None, quick=True)
    assert [(r["impl"], r["dtype"]) for r in raw] == [
        ("dlnotes loop", "float64"), ("dlnotes Trainer (+ 2 evaluations)", "float64"),
        ("dlnotes loop", "float32"), ("dlnotes Trainer (+ 2 evaluations)", "float32")]
    assert all(r["steps"] == 20 for r in raw)
    accs = [r["test_acc"] for r in raw]
    assert accs[0] == accs[1] and accs[2] == accs[3]       # the same steps, in the same dtype
    assert abs(accs[0] - accs[2]) <= 0.01 and accs[0] > 0.4   # float32 ~ float64; chance is 0.1
    assert md.count("\n") == len(raw) + 1 and "test accuracy after 1 epoch" in md
