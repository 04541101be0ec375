"""Note 3.2's full-batch GD against mini-batch SGD, in headless Chromium (issue 14).

1. The rule: ``D.sgdPaths`` / ``D.minibatchGradient`` / ``D.sgdLoss`` of dlnotes/js/sgd.js equal
   ``experiments.sgd_paths`` / ``minibatch_gradient`` / ``sgd_loss`` on 60 random settings, to
   relative 1e-12 (no built site needed).
2. The page: on the built 03-1 page, drag the batch-size slider and press keys on the learning
   rate; the drawn paths equal Python's at the sliders' values (relative 1e-12), the caption is
   ``widgets.sgd_caption``'s string, nothing leaves the site or reaches the console.  Screenshots
   at 1280 and 390 px go to tests/screenshots/.
"""
import numpy as np
import pytest

from dlnotes import experiments as X
from dlnotes.widgets import sgd_caption
from test_live_ch2 import Live, _page_path

RTOL = 1e-12
rng = np.random.default_rng(314)   # restarted for each test from its id (tests/conftest.py)


def close(js, py):
    js, py = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert js.shape == py.shape, (js.shape, py.shape)
    np.testing.assert_allclose(js, py, rtol=RTOL, atol=0)


def _shipped(prob):
    return {"x1": prob["X"][:, 0].tolist(), "x2": prob["X"][:, 1].tolist(), "t": prob["t"].tolist(),
            "A": prob["A"].tolist(), "c": prob["c"].tolist(), "const": prob["const"]}


def test_js_sgd_rule_equals_python(rules_page):
    for k in range(60):
        prob = X.sgd_problem(n=int(rng.integers(8, 300)), seed=k)
        steps, bmax = int(rng.integers(1, 70)), int(rng.integers(1, 80))
        idx = X.sgd_batch_indices(steps, bmax, len(prob["t"]), seed=k + 100)
        B = int(rng.integers(1, bmax + 1))
        lr = float(rng.uniform(0.01, 3.0)) if k % 5 else float(rng.uniform(2.5, 6.0))   # some diverge
        start = rng.uniform(-3, 3, 2).tolist()
        w = rng.normal(size=2).tolist()
        got = rules_page.evaluate("""([prob, lr, B, steps, idx, start, w]) => [
            dlnotes.sgdPaths(prob, lr, B, steps, idx, start),
            dlnotes.minibatchGradient(prob, w, idx[0].slice(0, B)),
            dlnotes.sgdLoss(prob, w[0], w[1])]""",
                                 [_shipped(prob), lr, B, steps, idx.tolist(), start, w])
        gd, sgd = X.sgd_paths(prob, lr, B, steps, idx, start)
        close(got[0][0], gd)
        close(got[0][1], sgd)
        close(got[1], X.minibatch_gradient(prob, np.array(w), idx[0, :B]))
        close(got[2], X.sgd_loss(prob, *w))


def _check(lv):
    B, lr = lv.read("sgd_B"), lv.read("sgd_lr")
    prob = X.sgd_problem()
    gd, sgd = X.sgd_paths(prob, lr, B)
    data = {k: lv.read(f"sgd_{k}", "data") for k in ("gd", "sgd")}
    for k, path in (("gd", gd), ("sgd", sgd)):
        close(np.column_stack([data[k]["w1"], data[k]["w2"]]), path)
        close(data[k]["loss"], X.sgd_loss(prob, path[:, 0], path[:, 1]))
    sigma2 = X.minibatch_gradient_variance(prob, n_batches=2)["sigma2"]
    want = sgd_caption(lr, B, data["gd"]["loss"][-1], data["sgd"]["loss"][-1],
                       float(X.sgd_loss(prob, *prob["w_min"])), sigma2, len(gd) - 1, len(sgd) - 1,
                       X.SGD_STEPS)
    assert lv.read("sgd_caption", "text") == want
    return B, lr


def test_sgd_explorer_live(open_page, site):
    lv = Live(open_page(_page_path(site, "03-1-losses-sgd")))
    assert _check(lv) == (4, 0.3)
    fig = lv.figure_el("sgd_B")
    for shot in lv.shots(fig, "sgd__before"):
        shot.rename(shot.with_name(shot.name.replace("live-ch2__", "live-sgd__")))
    B = lv.drag("sgd_B", -200)                    # towards B = 1
    assert B < 4
    _check(lv)
    assert lv.keys("sgd_B", "ArrowRight", 5) == B + 5
    _check(lv)
    lr = lv.keys("sgd_lr", "ArrowRight", 4)        # four steps of 0.05
    assert lr == pytest.approx(0.5, abs=1e-9)
    _check(lv)
    lv.keys("sgd_B", "End", 1)
    assert _check(lv)[0] == 64
    lv.keys("sgd_lr", "End", 1)                    # lr 1.5 with B = 64: still converging
    assert "diverged" not in lv.read("sgd_caption", "text")
    lv.keys("sgd_B", "Home", 1)                    # B = 1 at lr 1.5: the noisy path
    assert _check(lv) == (1, 1.5)
    for shot in lv.shots(fig, "sgd__after"):
        shot.rename(shot.with_name(shot.name.replace("live-ch2__", "live-sgd__")))
    lv.clean()


# ---- the caption in both languages, on a blank page (issue 15) -----------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sgd_readout_in_both_languages_equals_sgd_caption(chromium, lang):
    from test_live_ch2 import _READ, _SET, _standalone

    from dlnotes.widgets import sgd_explorer
    context, page, errors = _standalone(chromium, sgd_explorer(lang=lang))
    prob = X.sgd_problem()
    sigma2 = X.minibatch_gradient_variance(prob, n_batches=2)["sigma2"]
    loss_min = float(X.sgd_loss(prob, *prob["w_min"]))
    try:
        for B, lr in [(4, 0.3), (1, 0.05), (17, 0.85), (64, 1.5), (1, 1.5)]:
            page.evaluate(_SET, ["sgd_B", "value", B])
            page.evaluate(_SET, ["sgd_lr", "value", lr])
            gd, sgd = X.sgd_paths(prob, lr, B)
            want = sgd_caption(lr, B, float(X.sgd_loss(prob, *gd[-1])), float(X.sgd_loss(prob, *sgd[-1])),
                               loss_min, sigma2, len(gd) - 1, len(sgd) - 1, X.SGD_STEPS, lang=lang)
            assert page.evaluate(_READ, ["sgd_caption", "text"]) == want, (lang, B, lr)
        assert not errors, errors
    finally:
        context.close()
