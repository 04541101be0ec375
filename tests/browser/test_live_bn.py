"""The batch-normalization explorer of 04-2 (note 4.2.1.1) in headless Chromium.

1. The JavaScript rule ``dlnotes.bnExplorerState`` (dlnotes/js/batchnorm.js) equals
   ``dlnotes.experiments.bn_explorer_state`` to relative 1e-12 on 60 random settings (in fact to
   the last bit: both sum left to right), and the readout the page builds from it is the string
   of ``widgets.ch4.bn_explorer_caption`` (needs only Chromium).
2. On the built site: dragging and keying the real slider handles (B, c, eps) redraws data equal to
   Python's at the page's settings and a readout equal to the caption function; no request leaves
   the site, nothing reaches the console; screenshots at 1280 and 390 px go to tests/screenshots/.
3. The Japanese figure (``bn_explorer(lang="ja")``, issue 15), alone on a blank page with its HTML
   (BokehJS inline): the same slider moves give the same data and the readout of
   ``bn_explorer_caption(..., lang="ja")``; readouts in both languages equal the caption on the
   rules page (1).
"""
import numpy as np
import pytest

from dlnotes.experiments import BN_EXPLORER_ROWS, bn_explorer_batch, bn_explorer_state
from dlnotes.widgets import ch4
from test_live_ch2 import SHOTS, Live, _page_path, close

N = 60
rng = np.random.default_rng(42)   # restarted for each test from its id (tests/conftest.py)
KEYS = ("pre", "post", "mean_pre", "var_pre", "mean_post", "var_post", "var_predicted", "max_change")



def _random_setting():
    B = int(rng.integers(2, BN_EXPLORER_ROWS + 1))
    c = float(10 ** rng.uniform(-3, 1))
    eps = float(10 ** rng.uniform(-8, 0))
    return B, c, eps


def test_bn_explorer_state_js_equals_python(rules_page):
    base = bn_explorer_batch()
    settings = [_random_setting() for _ in range(N)] + [(2, 1.0, 1e-5), (64, 0.001, 1.0), (16, 10.0, 1e-8)]
    for B, c, eps in settings:
        js = rules_page.evaluate("([base, B, c, eps]) => dlnotes.bnExplorerState(base, B, c, eps)",
                                 [base.tolist(), B, c, eps])
        py = bn_explorer_state(base, B, c, eps)
        for k in KEYS:
            close(js[k], py[k])
        assert js["post"] == py["post"] and js["mean_post"] == py["mean_post"], (B, c, eps)   # bit for bit


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bn_explorer_readout_js_equals_caption(rules_page, lang):
    """The callback's readout lines, run in the page with dlnotes' rules, give the caption string
    in the figure's language."""
    from dlnotes.widgets.ch4 import _BN_JS
    base = bn_explorer_batch()
    for B, c, eps in [_random_setting() for _ in range(20)] + [(16, 0.01, 1e-5), (16, 1.0, 1e-5)]:
        log_c, log_eps = float(np.log10(c)), float(np.log10(eps))
        got = rules_page.evaluate("""([code, base, B, logc, logeps, lang]) => {
            const out = {};
            const args = {s_B: {value: B}, s_c: {value: logc}, s_eps: {value: logeps}, base: base,
                          pre: {}, post: {}, settings: {}, readout: {}, lang: lang};
            new Function(...Object.keys(args), "const D = globalThis.dlnotes;\\n" + code)(...Object.values(args));
            return [args.readout.text, args.settings.data.c[0], args.settings.data.eps[0], args.post.data.value];
        }""", [_BN_JS, base.tolist(), B, log_c, log_eps, lang])
        text, c_page, eps_page, post = got
        st = bn_explorer_state(base, B, c_page, eps_page)
        assert text == ch4.bn_explorer_caption(B, c_page, eps_page, st, lang), (B, c_page, eps_page)
        assert post == st["post"]


class BlankPage:
    """A live figure alone on a blank page (its ``file_html`` with BokehJS inline), for the
    Japanese variant when no built Japanese site is at hand; what it requests outside the page is
    aborted and recorded, errors are recorded."""

    def __init__(self, chromium, fig):
        from bokeh.embed import file_html
        from bokeh.resources import INLINE
        self.blocked, self.console_errors = [], []
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

        def gate(route):
            self.blocked.append(route.request.url)
            route.abort()
        self.page.route("http*://**", gate)
        self.page.set_content(file_html(fig.layout, INLINE, "dlnotes"))

    def shot(self, label):
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"live-ja__{label}__1280.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def clean(self):
        assert self.blocked == [], self.blocked
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def blank_page(chromium):
    opened = []

    def _open(fig):
        bp = BlankPage(chromium, fig)
        opened.append(bp)
        return bp
    yield _open
    for bp in opened:
        bp.context.close()


def test_bn_explorer_japanese_on_a_blank_page(blank_page):
    """The Japanese BN explorer's sliders redraw the Japanese readout of the caption function."""
    bp = blank_page(ch4.bn_explorer(lang="ja"))
    lv = Live(bp)
    B, c, eps, _ = _check(lv, "ja")
    assert (B, c) == (16, 1.0) and "ε は無視できる" in lv.read("bn_readout", "text")
    lv.keys("bn_c", "Home", 1)
    _check(lv, "ja")
    assert "ε は無視できない" in lv.read("bn_readout", "text")
    lv.keys("bn_eps", "ArrowLeft", 20)
    lv.keys("bn_B", "ArrowRight", 5)
    B, c, eps, _ = _check(lv, "ja")
    assert B == 21 and eps == pytest.approx(1e-7, rel=1e-9)
    assert [lv.read(n, "title") for n in ("bn_B", "bn_c", "bn_eps")] == \
        ["バッチサイズ B", "重みのスケール c（対数目盛）", "ε（対数目盛）"]
    bp.shot("bn")
    bp.clean()


@pytest.fixture
def live(open_page, site):
    def _open(stem):
        return Live(open_page(_page_path(site, stem)))
    return _open


def _check(lv, lang="en"):
    B, c_log, eps_log = lv.read("bn_B"), lv.read("bn_c"), lv.read("bn_eps")
    s = lv.read("bn_settings", "data")
    B_page, c, eps = s["B"][0], s["c"][0], s["eps"][0]
    assert B_page == B
    assert c == pytest.approx(10 ** c_log, rel=1e-14) and eps == pytest.approx(10 ** eps_log, rel=1e-14)
    st = bn_explorer_state(bn_explorer_batch(), B, c, eps)
    pre, post = lv.read("bn_pre", "data"), lv.read("bn_post", "data")
    close(pre["value"], st["pre"])
    close(post["value"], st["post"])
    assert pre["rank"] == list(range(1, B + 1)) == post["rank"]
    assert lv.read("bn_readout", "text") == ch4.bn_explorer_caption(B, c, eps, st, lang)
    return B, c, eps, st


def test_bn_explorer_live(live):
    lv = live("04-2-batchnorm")
    B, c, eps, st0 = _check(lv)
    assert (B, c, eps) == (16, 1.0, pytest.approx(1e-5))
    fig = lv.figure_el("bn_B")
    lv.shots(fig, "bn__before")
    # the weight scale up: the left plot stretches, the right one stays (up to eps)
    lv.drag("bn_c", 120)
    B, c, eps, st = _check(lv)
    assert c > 1 and st["max_change"] < 1e-4
    assert st["var_pre"] == pytest.approx(c * c * st0["var_pre"], rel=1e-12)
    # ... and far down: the variance nears eps and the outputs shrink
    lv.keys("bn_c", "Home", 1)
    B, c, eps, st = _check(lv)
    assert c == pytest.approx(1e-3) and st["var_post"] < 0.5
    assert "ε is not negligible" in lv.read("bn_readout", "text")
    # eps down by keys (0.1 per notch in log10): the variance comes back towards 1
    lv.keys("bn_eps", "ArrowLeft", 20)
    B, c, eps, st2 = _check(lv)
    assert eps == pytest.approx(1e-7, rel=1e-9) and st2["var_post"] > st["var_post"]
    # the batch size
    lv.drag("bn_B", 150)
    B, c, eps, _ = _check(lv)
    assert B > 16
    lv.keys("bn_B", "Home", 1)
    assert _check(lv)[0] == 2
    lv.shots(fig, "bn__after")
    # the sliders are named for assistive technology (dlnotes/js/a11y.js)
    labels = [lv.handle(n).get_attribute("aria-label") for n in ("bn_B", "bn_c", "bn_eps")]
    assert labels == ["batch size B", "weight scale c (log scale)", "ε (log scale)"], labels
    assert lv.handle("bn_c").get_attribute("aria-valuetext") == "0.001"
    lv.clean()
