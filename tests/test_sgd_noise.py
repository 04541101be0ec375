"""Issue 14 additions to notes 3.1.2, 3.2 and 3.3.1: cross-entropy = entropy + KL, the noise of
the mini-batch gradient against the batch size B, full-batch GD against mini-batch SGD, the
central difference's best step, and the KL exercise.  Values are checked against hand values,
exhaustive enumeration and closed forms (the browser mirror is tests/browser/test_sgd_live.py)."""
import itertools

import numpy as np
import pytest

from dlnotes import cross_entropy_error, numerical_gradient
from dlnotes import exercises as E
from dlnotes import experiments as X
from dlnotes.gradient import central_step_study, finite_difference_errors, numerical_diff


# ---- 3.1.2: cross-entropy = entropy + KL divergence

def test_entropy_kl_and_cross_entropy_by_hand():
    d = X.cross_entropy_decomposition([0.5, 0.5], [0.8, 0.2])
    assert d["entropy"] == pytest.approx(np.log(2), rel=1e-15)
    assert d["kl"] == pytest.approx(0.5 * np.log(0.5 / 0.8) + 0.5 * np.log(0.5 / 0.2), rel=1e-14)
    assert d["kl"] == pytest.approx(0.5 * np.log(1.5625), rel=1e-14)
    assert d["cross_entropy"] == pytest.approx(-0.5 * np.log(0.8) - 0.5 * np.log(0.2), rel=1e-15)
    assert d["entropy_plus_kl"] == pytest.approx(d["cross_entropy"], rel=1e-14)


def test_decomposition_on_random_soft_targets_and_gibbs_inequality():
    rng = np.random.default_rng(0)
    for _ in range(50):
        C = int(rng.integers(2, 12))
        t, y = rng.dirichlet(np.ones(C)), rng.dirichlet(np.ones(C))
        d = X.cross_entropy_decomposition(t, y)
        assert d["cross_entropy"] == pytest.approx(-np.sum(t * np.log(y)), rel=1e-12)
        assert d["entropy_plus_kl"] == pytest.approx(d["cross_entropy"], rel=1e-12)
        assert d["kl"] > 0 and d["cross_entropy"] > d["entropy"]
        assert X.kl_divergence(t, t) == pytest.approx(0.0, abs=1e-15)


def test_one_hot_target_has_zero_entropy_so_cross_entropy_is_kl():
    d = X.cross_entropy_decomposition(X.BOOK_T, X.BOOK_Y_RIGHT)
    assert d["entropy"] == 0.0 and str(d["entropy"]) == "0.0"           # not -0.0 on the page
    assert d["kl"] == d["cross_entropy"] == pytest.approx(-np.log(0.6), rel=1e-15)
    assert d["cross_entropy"] == pytest.approx(cross_entropy_error(X.BOOK_Y_RIGHT, X.BOOK_T), rel=1e-6)
    assert X.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf


@pytest.mark.parametrize("t,y", [([0.5, 0.6], [0.5, 0.5]), ([-0.1, 1.1], [0.5, 0.5]), ([1.0], [0.5, 0.5])])
def test_decomposition_refuses_non_distributions(t, y):
    with pytest.raises(ValueError, match="cross_entropy_decomposition"):
        X.cross_entropy_decomposition(t, y)


# ---- 3.2: the 2-parameter problem, mini-batch gradients, their variance

@pytest.fixture(scope="module")
def prob():
    return X.sgd_problem()


def test_full_gradient_is_the_mean_of_the_per_example_gradients_and_the_numerical_one(prob):
    w = np.array([-0.7, 2.2])
    full = prob["A"] @ w - prob["c"]
    np.testing.assert_allclose(X.per_example_gradients(prob, w).mean(axis=0), full, rtol=1e-12)
    num = numerical_gradient(lambda v: float(X.sgd_loss(prob, v[0], v[1])), w.copy())
    np.testing.assert_allclose(num, full, rtol=1e-8)
    direct = np.mean(0.5 * (prob["X"] @ w - prob["t"]) ** 2)
    assert float(X.sgd_loss(prob, *w)) == pytest.approx(direct, rel=1e-12)
    np.testing.assert_allclose(prob["A"] @ prob["w_min"], prob["c"], rtol=1e-12)


def test_minibatch_gradient_is_the_mean_over_its_indices(prob):
    rng = np.random.default_rng(3)
    for B in (1, 2, 7, 64):
        idx = rng.integers(0, X.SGD_N, B)
        w = rng.normal(size=2)
        want = X.per_example_gradients(prob, w)[idx].mean(axis=0)
        np.testing.assert_allclose(X.minibatch_gradient(prob, w, idx), want, rtol=1e-12, atol=1e-15)
    with pytest.raises(ValueError, match="minibatch_gradient"):
        X.minibatch_gradient(prob, [0.0, 0.0], [])


def test_variance_formulas_by_enumerating_every_batch_of_a_small_set():
    """sigma²/B with replacement and sigma²/B (N-B)/(N-1) without, exactly, for N = 6, B = 2, 3."""
    small = X.sgd_problem(n=6, seed=5)
    w = np.array(X.SGD_START)
    G = X.per_example_gradients(small, w)
    g = G.mean(axis=0)
    sigma2 = np.mean(np.sum((G - g) ** 2, axis=1))
    N = 6
    for B in (2, 3):
        with_r = [np.sum((G[list(c)].mean(axis=0) - g) ** 2) for c in itertools.product(range(N), repeat=B)]
        without = [np.sum((G[list(c)].mean(axis=0) - g) ** 2) for c in itertools.combinations(range(N), B)]
        assert np.mean(with_r) == pytest.approx(sigma2 / B, rel=1e-12)
        assert np.mean(without) == pytest.approx(sigma2 / B * (N - B) / (N - 1), rel=1e-12)
        for replace in (True, False):
            r = X.minibatch_gradient_variance(small, batch_sizes=(B,), n_batches=2, replace=replace)
            assert r["sigma2"] == pytest.approx(sigma2, rel=1e-12)
            assert r["expected"][0] == pytest.approx(np.mean(with_r if replace else without), rel=1e-12)


def test_measured_variance_falls_as_one_over_B(prob):
    for replace in (True, False):
        r = X.minibatch_gradient_variance(prob, replace=replace)
        assert list(r["B"]) == [1, 2, 4, 8, 16, 32, 64]
        z = (r["ratio"] - 1) / r["rel_std_error"]
        assert np.all(np.abs(z) < 3), z                     # sampling error only
        slope = np.polyfit(np.log(r["B"]), np.log(r["var"]), 1)[0]
        assert slope == pytest.approx(-1.0 if replace else -1.05, abs=0.03)
    wr = X.minibatch_gradient_variance(prob)
    np.testing.assert_allclose(wr["var_times_B_over_sigma2"], wr["ratio"], rtol=1e-12)
    with pytest.raises(ValueError, match="minibatch_gradient_variance"):
        X.minibatch_gradient_variance(X.sgd_problem(n=8), batch_sizes=(16,), replace=False)


def test_gd_path_is_the_closed_form_and_full_batches_make_sgd_gd(prob):
    lr, steps = 0.4, 30
    gd, sgd = X.sgd_paths(prob, lr, 4, steps)
    M = np.eye(2) - lr * prob["A"]
    w0 = np.array(X.SGD_START) - prob["w_min"]
    want = np.array([prob["w_min"] + np.linalg.matrix_power(M, k) @ w0 for k in range(steps + 1)])
    np.testing.assert_allclose(gd, want, rtol=1e-10, atol=1e-12)
    assert gd.shape == sgd.shape == (steps + 1, 2) and not np.allclose(sgd[1:], gd[1:])
    # every row a permutation of all N examples: the mini-batch gradient is the full one
    idx = np.array([np.random.default_rng(k).permutation(X.SGD_N) for k in range(steps)])
    gd2, sgd2 = X.sgd_paths(prob, lr, X.SGD_N, steps, idx)
    np.testing.assert_allclose(sgd2, gd2, rtol=1e-11, atol=1e-12)


def test_batch_table_is_seeded_with_replacement_and_paths_stop_when_diverging(prob):
    idx = X.sgd_batch_indices()
    assert idx.shape == (X.SGD_STEPS, X.SGD_BATCH_MAX) and idx.min() >= 0 and idx.max() < X.SGD_N
    np.testing.assert_array_equal(idx, X.sgd_batch_indices())
    assert any(len(set(row)) < len(row) for row in idx)           # repeats: drawn with replacement
    gd, sgd = X.sgd_paths(prob, 2.5, 1, 60)                        # above 2 / max curvature = 1.95
    assert len(gd) < 61 and np.max(np.abs(gd[-1])) > 1e6
    with pytest.raises(ValueError, match="sgd_paths"):
        X.sgd_paths(prob, 0.3, 65, 10)


# ---- 3.3.1: the central difference's best step

def test_central_step_study_matches_the_error_curve():
    st = central_step_study()
    hs, errs = finite_difference_errors()
    e = errs["central"]
    assert st["h_best"] == hs[np.argmin(e)] and st["error_best"] == e.min()
    assert st["h_best"] == pytest.approx(10 ** -6.4, rel=1e-12)          # about 4e-7
    assert st["h_ties"] == [h for h, v in zip(hs, e) if v == e.min()]
    assert st["error_book"] == abs(numerical_diff(np.sin, 1.0, 1e-4) - np.cos(1.0))
    assert st["error_book"] == pytest.approx(np.cos(1.0) / 6 * 1e-8, rel=1e-3)  # truncation side
    assert 300 < st["ratio"] < 400 and 14 < st["factor"] < 16
    assert st["h_eps"] == pytest.approx(np.finfo(float).eps ** (1 / 3))
    assert st["h_model"] == pytest.approx((3 * np.finfo(float).eps * np.sin(1) / np.cos(1)) ** (1 / 3))
    with pytest.raises(ValueError, match="central_step_study"):
        central_step_study(h_book=0.0)


# ---- the 03-1 exercise on the KL part

def test_kl_exercise_accepts_the_right_answer_and_rejects_typical_wrong_ones(capsys):
    for right in (0.2231, 0.5 * np.log(1.5625)):
        assert E.check_kl_part(right) is True
        assert capsys.readouterr().out.startswith("Right: ")
    for wrong, said in [(0.9163, "whole cross-entropy"), (0.6931, "entropy H(t)"),
                        (0.1927, "KL(y || t)"), (0.0969, "base 10"), (0.3, "is not it")]:
        assert E.check_kl_part(wrong) is False
        out = capsys.readouterr().out
        assert out.startswith("Not yet: ") and said in out, out
    assert E.check_kl_part(...) is False                     # the notebook's placeholder
    assert capsys.readouterr().out.startswith("Not yet: replace each ...")
    with pytest.raises(TypeError, match="check_kl_part"):
        E.check_kl_part("0.22")


def test_kl_exercise_spec_agrees_with_the_checker(capsys):
    answer = E.check_kl_part.answer()
    assert answer.checker == "check_kl_part" and answer.expected[0] == pytest.approx(0.2231435513, rel=1e-9)
    for k, ok in ((0.5, True), (2.0, False)):
        for sign in (1, -1):
            v = answer.expected[0] + sign * k * answer.tol
            assert answer.judge(v)[0] is ok
            assert E.check_kl_part(v) is ok
            capsys.readouterr()


# ---- the explorer and the figure build, with their arguments checked

def test_sgd_explorer_caption_and_bad_arguments():
    from dlnotes.widgets import sgd_caption, sgd_explorer
    fig = sgd_explorer()
    gd = fig.models["sgd_gd"].data
    prob = X.sgd_problem()
    want_gd, want_sgd = X.sgd_paths(prob, 0.3, 4)
    np.testing.assert_allclose(np.column_stack([gd["w1"], gd["w2"]]), want_gd, rtol=1e-15)
    s = fig.models["sgd_sgd"].data
    np.testing.assert_allclose(np.column_stack([s["w1"], s["w2"]]), want_sgd, rtol=1e-15)
    text = fig.models["sgd_caption"].text
    assert text == sgd_caption(0.3, 4, gd["loss"][-1], s["loss"][-1], X.sgd_loss(prob, *prob["w_min"]),
                               X.minibatch_gradient_variance(prob, n_batches=2)["sigma2"], 60, 60, 60)
    assert "B = 4, η = 0.3" in text and "σ²/B = 4.73" in text
    for kw, name in [({"B": 0}, "'B'"), ({"B": 65}, "'B'"), ({"lr": 2.0}, "'lr'"), ({"steps": 61}, "'steps'")]:
        with pytest.raises(ValueError, match=f"sgd_explorer: argument {name}"):
            sgd_explorer(**kw)
