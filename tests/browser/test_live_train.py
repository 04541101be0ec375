"""The network that trains in the 03-4 page (dlnotes/js/net.js) against dlnotes.

Rules-only tests (no site needed): from the same weights, data and mini-batches as a
``MultiLayerNet``, 50 training steps in the page give dlnotes' weights to relative 1e-9;
the page's toy sets equal dlnotes.datasets' at any noise.  Site tests (``DLNOTES_SITE``):
Play trains (the loss curve grows, the boundary image changes) and shows its speed
(measured, with its target, in ``make bench`` section 6, never asserted here); a too-large
rate stops with "Diverged at step k"; no external request and no console error; screenshots
before and after at 1280 and 390 px.
"""
import numpy as np
import pytest

from dlnotes import MultiLayerNet
from dlnotes.optimizers import get_optimizer
from dlnotes.widgets.ch3 import PLAYGROUND_POINTS, PLAYGROUND_SETS, _generate, playground_parts

PAGE = "notebooks/03-4-training-mlp.html"
rng = np.random.default_rng(17)   # restarted for each test from its id (tests/conftest.py)

TRAIN_JS = """([sizes, act, p0, X, t, batches, opt, hyper]) => {
    const D = dlnotes, params = {};
    for (const k in p0) params[k] = Float64Array.from(p0[k]);
    const net = new D.MultiLayerNet(sizes, act, params);
    const o = D.makeOptimizer(opt, hyper);
    const Xf = Float64Array.from(X.flat()), losses = [];
    for (const idx of batches) losses.push(D.trainStep(net, o, Xf, t, idx));
    const out = {};
    for (const k in params) out[k] = Array.from(params[k]);
    return [out, losses];
}"""


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("optimizer,hyper", [("sgd", {"lr": 0.3}), ("adam", {"lr": 0.03}),
                                             ("momentum", {"lr": 0.1, "momentum": 0.8}),
                                             ("nesterov", {"lr": 0.1}), ("adagrad", {"lr": 0.1}),
                                             ("rmsprop", {"lr": 0.01})])
@pytest.mark.parametrize("dataset,hidden", [("moons", [16, 16]), ("spirals", [12, 8, 6])])
def test_fifty_steps_match_multilayernet(rules_page, activation, optimizer, hyper, dataset, hidden):
    X, t = _generate(dataset, PLAYGROUND_SETS[dataset][2])
    X = (X - X.mean(0)) / X.std(0)
    k = int(t.max()) + 1
    net = MultiLayerNet(2, hidden, k, activation=activation, seed=int(rng.integers(1000)))
    p0 = {name: p.ravel().tolist() for name, p in net.params.items()}
    batches = [rng.choice(len(t), size=int(rng.integers(1, 65)), replace=False) for _ in range(50)]
    opt, losses = get_optimizer(optimizer, **hyper), []
    for idx in batches:
        grads = net.gradient(X[idx], t[idx])
        losses.append(net.last_loss)
        opt.update(net.params, grads)
    got, js_losses = rules_page.evaluate(TRAIN_JS, [[2, *hidden, k], activation, p0, X.tolist(), t.tolist(),
                                                    [b.tolist() for b in batches], optimizer, hyper])
    np.testing.assert_allclose(js_losses, losses, rtol=1e-9)
    for name, p in net.params.items():
        assert not np.allclose(p.ravel(), p0[name]), f"{name} did not train"
        np.testing.assert_allclose(got[name], p.ravel(), rtol=1e-9, atol=0, err_msg=name)


@pytest.mark.parametrize("name", sorted(PLAYGROUND_SETS))
def test_page_toy_sets_equal_dlnotes_at_any_noise(rules_page, name):
    kind, cols = playground_parts(name)
    part = {"kind": kind, **{k: v.tolist() for k, v in cols.items()}}
    for noise in [0.0, 0.05, *rng.uniform(0, 1, 6).round(3)]:
        got = rules_page.evaluate("([part, noise]) => { const d = dlnotes.toyData(part, noise);"
                                  " return [Array.from(d.X), Array.from(d.t), d.k]; }", [part, float(noise)])
        X, t = _generate(name, float(noise))
        X = (X - X.mean(0)) / X.std(0)
        np.testing.assert_allclose(np.reshape(got[0], (-1, 2)), X, rtol=0, atol=1e-12)
        assert got[1] == t.tolist() and got[2] == int(t.max()) + 1
        assert len(t) == PLAYGROUND_POINTS


# ------------------------------------------------------------------ the built page

STATE_JS = """() => {
    const doc = Bokeh.documents.find(d => d.get_model_by_name('image'));
    const m = (n) => doc.get_model_by_name(n);
    const img = m('image').data.image[0];
    let h = 0;
    for (let i = 0; i < img.length; i++) h = (h * 31 + img[i]) >>> 0;
    return {steps: m('curve').data.step.length ? m('curve').data.step[m('curve').data.step.length - 1] : null,
            points: m('curve').data.step.length, hash: h, painted: img.some(v => v !== 0),
            readout: m('readout').text};
}"""


def _set(page, name, value):
    page.evaluate("([n, v]) => Bokeh.documents.find(d => d.get_model_by_name(n)).get_model_by_name(n).value = v",
                  [name, value])


def _shot(lp, suffix):
    box = lp.page.locator(".bk-Column").filter(has=lp.page.locator(".train-readout")).first
    return lp.screenshot(suffix, element=box)


@pytest.mark.parametrize("width", [1280, 390])
def test_play_trains_in_the_page(open_page, width):
    lp = open_page(PAGE)
    page = lp.page
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_function("() => window.Bokeh && Bokeh.documents.some(d => d.get_model_by_name('image'))")
    page.wait_for_function(f"() => ({STATE_JS})().painted")
    before = page.evaluate(STATE_JS)
    assert before["painted"] and before["points"] == 1 and "step <b class=\"step\">0</b>" in before["readout"]
    assert page.evaluate("() => Bokeh.documents.some(d => [...d.all_models].some(m => "
                         "typeof m.text === 'string' && m.text.includes('Live: computed in your browser')))")
    _shot(lp, f"__train-{width}-before")
    _set(page, "batch", PLAYGROUND_POINTS)        # the worst case: 2-16-16-k on all 200 points
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(2500)
    after = page.evaluate(STATE_JS)
    assert after["points"] > before["points"] + 10, after
    assert after["hash"] != before["hash"]
    rate = float(after["readout"].split(" steps/s")[0].split("· ")[-1])
    print(f"\n{width}px: {after['steps']} steps in the curve, {rate:.0f} steps/s (2-16-16-3, batch 200)")
    assert rate > 0
    page.get_by_role("button", name="❚❚ Pause").click()
    _shot(lp, f"__train-{width}-after")
    paused = page.evaluate(STATE_JS)
    page.wait_for_timeout(300)
    assert page.evaluate(STATE_JS)["points"] == paused["points"]
    page.get_by_role("button", name="Step").click()
    assert page.evaluate(STATE_JS)["steps"] == paused["steps"] + 1
    assert not lp.blocked and not lp.failed, (lp.blocked, lp.failed)
    assert not lp.console_errors, lp.console_errors


def test_controls_rebuild_and_a_diverging_run_stops(open_page):
    lp = open_page(PAGE)
    page = lp.page
    page.wait_for_function("() => window.Bokeh && Bokeh.documents.some(d => d.get_model_by_name('image'))")
    first = page.evaluate(STATE_JS)
    for name, value in [("dataset", "moons"), ("noise", 0.3), ("layers", 3), ("units", 8),
                        ("activation", "sigmoid")]:
        _set(page, name, value)
        state = page.evaluate(STATE_JS)
        assert state["hash"] != first["hash"] and state["points"] == 1, name
        first = state
    _set(page, "layers", 2)
    _set(page, "units", 16)
    _set(page, "activation", "relu")
    _set(page, "optimizer", "momentum")
    _set(page, "lr", 1.0)                          # log10: rate 10
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function(f"() => ({STATE_JS})().readout.includes('Diverged at step')", timeout=20_000)
    text = page.inner_text(".train-readout")
    assert text.startswith("Diverged at step ")
    frozen = page.evaluate(STATE_JS)
    page.wait_for_timeout(300)
    assert page.evaluate(STATE_JS)["hash"] == frozen["hash"]
    _shot(lp, "__train-diverged")
    page.get_by_role("button", name="Reset").click()
    assert "Diverged" not in page.inner_text(".train-readout")
    assert not lp.console_errors, lp.console_errors
    assert not lp.blocked, lp.blocked



# ------------------------------------------------------------------ the readout in both languages (issue 15)
# On a blank page (BokehJS inline, no built site needed): the playground's readout after a Step,
# while paused after playing (with the measured speed) and after a diverging run is
# ``widgets.playground_readout`` in the figure's language (net.js keeps one template per language).

PG_JS = """() => { const pg = Object.values(globalThis.dlnotesPlaygrounds)[0];
    return {step: pg.step, loss: pg.loss, acc: pg.acc, rate: pg.rate, running: pg.running,
            diverged: pg.diverged, lr: pg.lr, n: pg.data.n}; }"""


# the aria-live value of the readout's element (the host of the shadow root holding .train-readout)
LIVE_JS = """() => {
    function find(root) {
        for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) {
                if (el.shadowRoot.querySelector('.train-readout')) return el;
                const inner = find(el.shadowRoot);
                if (inner) return inner;
            }
        }
        return null;
    }
    const host = find(document);
    return host && host.getAttribute('aria-live');
}"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_playground_readout_in_both_languages(chromium, lang):
    from test_live_ch2 import _READ, _SET, _standalone

    from dlnotes.widgets import decision_boundary_explorer, playground_readout
    live = decision_boundary_explorer("moons", lang=lang)
    context, page, errors = _standalone(chromium, live)
    words = {"en": ("▶ Play", "❚❚ Pause", "Step", "Reset"),
             "ja": ("▶ 再生", "❚❚ 一時停止", "ステップ", "リセット")}[lang]

    def readout(**extra):
        s = page.evaluate(PG_JS)
        batch = page.evaluate(_READ, ["batch", "value"])
        epoch = s["step"] * min(batch, s["n"]) // s["n"]
        if s["diverged"] is not None:
            return playground_readout(s["step"], epoch, diverged=s["diverged"], lr=s["lr"], lang=lang)
        return playground_readout(s["step"], epoch, s["loss"], s["acc"], rate=s["rate"], running=s["running"],
                                  lang=lang)

    try:
        page.wait_for_function("() => globalThis.dlnotesPlaygrounds && "
                               "Object.values(globalThis.dlnotesPlaygrounds).length > 0", timeout=20_000)
        assert page.evaluate(_READ, ["readout", "text"]) == readout()
        for _ in range(3):
            page.get_by_role("button", name=words[2], exact=True).click()
        assert page.evaluate(PG_JS)["step"] == 3
        assert page.evaluate(_READ, ["readout", "text"]) == readout()
        assert page.evaluate(LIVE_JS) == "polite"
        page.get_by_role("button", name=words[0]).click()
        page.wait_for_function(f"() => ({PG_JS})().rate !== null", timeout=20_000)
        assert page.evaluate(LIVE_JS) == "off"                 # silent while it changes every frame
        page.get_by_role("button", name=words[1]).click()
        assert page.evaluate(LIVE_JS) == "polite"              # speaks again at the pause
        assert page.evaluate(PG_JS)["rate"] is not None
        assert page.evaluate(_READ, ["readout", "text"]) == readout()
        # Momentum at rate 10 from a fresh network (Reset: the next seed) blows up within a few
        # steps.  From the trained network above it need not: how far Play got depends on the
        # machine's speed, and a run whose ReLUs have all died stays finite (CI saw that once).
        page.evaluate(_SET, ["optimizer", "value", "momentum"])
        page.evaluate(_SET, ["lr", "value", 1.0])                           # rate 10
        page.get_by_role("button", name=words[3]).click()
        assert page.evaluate(PG_JS)["step"] == 0
        page.get_by_role("button", name=words[0]).click()
        page.wait_for_function(f"() => ({PG_JS})().diverged !== null", timeout=20_000)
        got = page.evaluate(_READ, ["readout", "text"])
        assert got == readout()
        assert ("Diverged at step" if lang == "en" else "で発散</b>") in got
        assert not errors, errors
    finally:
        context.close()
