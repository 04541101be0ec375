"""The live chapter-2 figures on the built site (02-1, 02-2, the tour), in headless Chromium.

For each figure: move the real slider handles (a mouse drag, then the keyboard) and the
menus, read the Bokeh models in the page (``Bokeh.documents``), and check that the plotted
data changed and equal dlnotes' Python values at the sliders' new values (relative 1e-12),
and that the readouts are the very strings dlnotes' Python caption functions give. No
request may leave the site and nothing may reach the console. Screenshots of each figure
before and after, at 1280 and at 390 px wide, go to tests/screenshots/.

Each test runs on both editions (issue 15): on ``ja/`` pages the readouts must be the captions
with ``lang="ja"`` (skipped on a site built without the Japanese edition).
"""
import numpy as np
import pytest

from dlnotes.experiments import activation_values
from dlnotes.functions import sigmoid, softmax
from dlnotes.gates import GATE_INPUTS, Perceptron
from dlnotes.widgets import ch2
from siteinfo import SHOTS, discover_pages, editions

RTOL = 1e-12

# the models' names (LiveFigure gives each model its keyword as name)
_FIND = """(n) => {
    const all = Bokeh.documents.flatMap(d => [...d.all_models]).filter(m => m.name === n);
    if (all.length !== 1) throw new Error(`expected one model named ${n}, found ${all.length}`);
    return all[0];
}"""

_READ = f"""([n, attr]) => {{
    const m = ({_FIND})(n);
    const v = m[attr];
    if (attr !== "data") return v;
    const out = {{}};
    for (const [k, col] of Object.entries(v)) {{
        out[k] = Array.from(col, (e) => (e && e.shape ? Array.from(e) : e));   // images: flat
    }}
    return out;
}}"""

# the DOM element of the view of a named model (its handle or select lives in its shadow root)
_VIEW_EL = f"""(n) => {{
    const m = ({_FIND})(n);
    const seen = new Set();
    function find(v) {{
        if (!v || seen.has(v)) return null;
        seen.add(v);
        if (v.model === m) return v.el;
        for (const c of (v.child_views || [])) {{ const r = find(c); if (r) return r; }}
        for (const c of (v.renderer_views ? v.renderer_views.values() : [])) {{ const r = find(c); if (r) return r; }}
        return null;
    }}
    for (const root of Object.values(Bokeh.index)) {{ const r = find(root); if (r) return r; }}
    throw new Error(`no view of ${{n}}`);
}}"""


def _page_path(site, stem, lang="en"):
    """The page ``stem``.html of the ``lang`` edition (a one-edition site has only English)."""
    if lang != "en" and lang not in editions(site):
        pytest.skip(f"the site {site} has no '{lang}' edition of {stem}.html")
    pages = [p for p in discover_pages(site, edition=lang) if p.rsplit("/", 1)[-1] == f"{stem}.html"]
    assert len(pages) == 1, f"expected one page {stem}.html in {site}, found {pages}"
    return pages[0]


class Live:
    """One opened page with its live figures: read models, move controls, take screenshots."""

    def __init__(self, lp, lang="en"):
        self.lp, self.page, self.lang = lp, lp.page, lang
        self.page.wait_for_function("() => window.Bokeh && Bokeh.documents.length > 0 && "
                                    "Object.keys(Bokeh.index).length > 0", timeout=30_000)
        self.page.wait_for_timeout(300)

    def read(self, name, attr="value"):
        return self.page.evaluate(_READ, [name, attr])

    def el(self, name):
        return self.page.evaluate_handle(_VIEW_EL, name).as_element()

    def handle(self, slider):
        h = self.el(slider).query_selector(".noUi-handle")
        assert h is not None, f"no slider handle for {slider}"
        return h

    def drag(self, slider, dx):
        """Drag the slider's handle by dx pixels with the mouse."""
        h = self.handle(slider)
        h.scroll_into_view_if_needed()
        box = h.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = self.read(slider)
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        for k in range(1, 6):
            self.page.mouse.move(x + dx * k / 5, y)
        self.page.mouse.up()
        self.page.wait_for_timeout(150)
        after = self.read(slider)
        assert after != before, f"dragging {slider} by {dx}px left it at {before}"
        return after

    def keys(self, slider, key, times):
        h = self.handle(slider)
        h.focus()
        for _ in range(times):
            self.page.keyboard.press(key)
        self.page.wait_for_timeout(150)
        return self.read(slider)

    def select(self, name, value):
        """Choose the option whose model value is ``value`` (the page shows its label, which in
        the Japanese edition differs from the value)."""
        labels = self.page.evaluate(f"""([n, v]) => {{
            const m = ({_FIND})(n);
            const o = m.options.find((o) => (Array.isArray(o) ? o[0] : o) === v);
            return Array.isArray(o) ? o[1] : o;
        }}""", [name, value])
        self.el(name).query_selector("select").select_option(label=labels)
        self.page.wait_for_timeout(150)

    def shots(self, figure_el, label):
        """Screenshots of one figure at 1280 px and at 390 px wide (then back to 1280)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        paths = []
        for width in (1280, 390):
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.wait_for_timeout(400)
            figure_el.scroll_into_view_if_needed()
            path = SHOTS / f"live-ch2__{label}{'' if self.lang == 'en' else '__' + self.lang}__{width}.png"
            figure_el.screenshot(path=str(path))
            paths.append(path)
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.wait_for_timeout(300)
        return paths

    def figure_el(self, model):
        """The whole live figure (mode note, controls, plot, readout) around one of its models."""
        return self.page.evaluate_handle("""(el) => {
            // up through the shadow roots to the root view, the child of the <div data-root-id>
            let e = el;
            const up = (n) => (n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode);
            while (up(e) && !(up(e).hasAttribute && up(e).hasAttribute('data-root-id'))) { e = up(e); }
            return e;
        }""", self.el(model)).as_element()

    def clean(self):
        assert not self.lp.blocked, f"requests outside the site: {self.lp.blocked[:5]}"
        assert not self.lp.failed, f"failed requests: {self.lp.failed[:5]}"
        assert not self.lp.console_errors, f"console errors: {self.lp.console_errors[:5]}"


def close(js, py):
    np.testing.assert_allclose(np.asarray(js, dtype=float), np.asarray(py, dtype=float), rtol=RTOL,
                               atol=0, equal_nan=True)


@pytest.fixture
def live(open_page, site, lang):
    def _open(stem):
        return Live(open_page(_page_path(site, stem, lang)), lang)
    return _open


@pytest.fixture(params=["en", "ja"])
def lang(request):
    return request.param


#: Pieces of the readouts the tests look for, per language (the captions' own words).
SAYS = {
    "en": {"xor_none": "no (w1, w2, b) works: XOR is not linearly separable", "target_or": "target OR: ",
           "computes_and": "computes <b class='gate-name'>AND</b>", "needs": "not reached (needs outputs 0 1 1 1)",
           "same_yes": "same as for c = 0: yes</span>"},
    "ja": {"xor_none": "どの (w1, w2, b) でも不可能：XOR は線形分離可能でない", "target_or": "目標 OR：",
           "computes_and": "計算結果 <b class='gate-name'>AND</b>", "needs": "未達成（必要な出力は 0 1 1 1）",
           "same_yes": "c = 0 のときと同じか：はい</span>"},
}


# ---- 02-1: the perceptron ---------------------------------------------------------------------

def _check_perceptron(live):
    w1, w2, b = (live.read(f"perceptron_{k}") for k in ("w1", "w2", "b"))
    target = live.read("perceptron_target")
    regions = live.read("perceptron_regions", "data")
    np.testing.assert_array_equal(np.array(regions["image"][0]), ch2.perceptron_regions(w1, w2, b).ravel())
    out = Perceptron([w1, w2], b)(GATE_INPUTS).tolist()
    points = live.read("perceptron_points", "data")
    assert points["out"] == [str(v) for v in out]
    assert points["color"] == [ch2.C1 if v else ch2.C0 for v in out]
    line = live.read("perceptron_line", "data")
    assert len(line["x"]) == 2 and len(line["y"]) == 2
    for x, y in zip(line["x"], line["y"]):               # both ends lie on w1 x1 + w2 x2 + b = 0
        assert abs(w1 * x + w2 * y + b) <= 1e-12 * (abs(w1 * x) + abs(w2 * y) + abs(b) + 1)
    assert live.read("perceptron_readout", "text") == ch2.perceptron_caption(w1, w2, b, target, lang=live.lang)
    return w1, w2, b


def test_perceptron_explorer_live(live):
    lv = live("02-1-perceptron")
    assert _check_perceptron(lv) == (1, 1, -1.5)
    say = SAYS[lv.lang]
    assert say["xor_none"] in lv.read("perceptron_readout", "text")
    fig = lv.figure_el("perceptron_b")
    lv.shots(fig, "perceptron__before")

    b = lv.drag("perceptron_b", 70)                    # the bias up: AND -> ... (more inputs fire)
    w1, w2, b2 = _check_perceptron(lv)
    assert b2 == b > -1.5
    w2 = lv.keys("perceptron_w2", "ArrowLeft", 7)       # seven steps of 0.01
    assert w2 == pytest.approx(0.93, abs=1e-9)
    _check_perceptron(lv)
    w1 = lv.drag("perceptron_w1", -120)
    assert w1 < 1
    _check_perceptron(lv)

    lv.select("perceptron_target", "OR")
    _check_perceptron(lv)
    assert say["target_or"] in lv.read("perceptron_readout", "text")

    # the presets menu moves all three sliders
    lv.el("perceptron_presets").query_selector("button").click()
    lv.page.wait_for_timeout(150)
    lv.el("perceptron_presets").query_selector("text=NOT x1").click()
    lv.page.wait_for_timeout(200)
    assert _check_perceptron(lv) == (-1, 0, 0.5)
    line = lv.read("perceptron_line", "data")
    assert line == {"x": [0.5, 0.5], "y": [-0.5, 1.5]}           # w2 = 0: a vertical line
    lv.el("perceptron_presets").query_selector("button").click()
    lv.page.wait_for_timeout(150)
    lv.el("perceptron_presets").query_selector("text=OR").click()
    lv.page.wait_for_timeout(200)
    assert _check_perceptron(lv) == (1, 1, -0.5)
    assert say["target_or"] + "<span class='target-reached'" in lv.read("perceptron_readout", "text")
    assert lv.keys("perceptron_b", "PageDown", 11) == pytest.approx(-1.05, abs=1e-9)   # 11 x 0.05
    _check_perceptron(lv)
    assert say["computes_and"] in lv.read("perceptron_readout", "text")
    assert say["needs"] in lv.read("perceptron_readout", "text")
    lv.shots(fig, "perceptron__after")
    lv.clean()


# ---- 02-2: activations, softmax, temperature ---------------------------------------------------

def _check_activation(lv):
    name, a = lv.read("activation"), lv.read("scale")
    curve = lv.read("curve", "data")
    x = np.array(curve["x"])
    y, slope = activation_values(name, x, a)
    close(curve["y"], y)
    close(curve["slope"], slope)
    assert lv.read("caption", "text") == ch2.activation_caption(name, a, lang=lv.lang)
    return name, a


def _check_softmax(lv):
    z = np.array([lv.read(f"softmax_z{k}") for k in (1, 2, 3)])
    c = lv.read("softmax_c")
    bars = lv.read("softmax_bars", "data")
    p = softmax(z + c)
    close(bars["p"], p)
    assert bars["label"] == [format(v, ".3g") for v in p]
    assert lv.read("softmax_readout", "text") == ch2.softmax_caption(z, c, lang=lv.lang)
    return z, c, np.array(bars["p"])


def _check_temperature(lv, z):
    T = 10 ** lv.read("temperature_log10")
    bars = lv.read("temperature_bars", "data")
    close(bars["p"], softmax(z / T))
    assert lv.read("temperature_readout", "text") == ch2.temperature_caption(z, T, lang=lv.lang)
    return T


def test_activation_softmax_and_temperature_explorers_live(live):
    lv = live("02-2-activations")
    # activation explorer: drag a, then the keyboard; the slope axis stays put for one activation
    assert _check_activation(lv) == ("sigmoid", 1)
    fig_a = lv.figure_el("scale")
    lv.shots(fig_a, "activation__before")
    top = lv.read("slope_range", "end")
    assert top == pytest.approx(1.08 * 8 * 0.25)
    a = lv.drag("scale", 90)
    assert a > 1
    _check_activation(lv)
    assert lv.read("slope_range", "end") == top
    lv.keys("scale", "ArrowRight", 3)
    _check_activation(lv)
    lv.select("activation", "relu")
    assert _check_activation(lv)[0] == "relu"
    assert lv.read("slope_range", "end") == pytest.approx(1.08 * 8)
    lv.shots(fig_a, "activation__after")

    # softmax: logits, then the shift c, which must not move a single bar
    z, c, p0 = _check_softmax(lv)
    assert (z.tolist(), c) == ([2, 1, 0], 0)
    fig_s = lv.figure_el("softmax_c")
    lv.shots(fig_s, "softmax__before")
    lv.drag("softmax_z3", 80)
    z, c, p1 = _check_softmax(lv)
    assert z[2] > 0 and not np.allclose(p1, p0)
    c = lv.drag("softmax_c", -100)
    z, c, p2 = _check_softmax(lv)
    assert c < 0
    close(p2, p1)                                            # shift invariance, in the page
    assert lv.read("softmax_readout", "text").endswith(SAYS[lv.lang]["same_yes"])
    lv.keys("softmax_c", "ArrowRight", 4)
    close(_check_softmax(lv)[2], p1)
    lv.shots(fig_s, "softmax__after")

    # temperature on a log slider
    zt = np.array([0.3, 2.9, 4.0])
    assert _check_temperature(lv, zt) == 1
    fig_t = lv.figure_el("temperature_log10")
    lv.shots(fig_t, "temperature__before")
    T = lv.drag("temperature_log10", -90)
    assert T < 0
    p_low = lv.read("temperature_bars", "data")["p"]
    _check_temperature(lv, zt)
    lv.keys("temperature_log10", "ArrowLeft", 5)
    _check_temperature(lv, zt)
    lv.drag("temperature_log10", 250)
    assert _check_temperature(lv, zt) > 1
    assert max(lv.read("temperature_bars", "data")["p"]) < max(p_low)   # flatter at high T
    lv.shots(fig_t, "temperature__after")
    lv.clean()


# ---- the tour: sigmoid steepness ------------------------------------------------------------------

def test_sigmoid_steepness_explorer_live(live):
    lv = live("00-tour")

    def check():
        w = 10 ** lv.read("steepness_log10")
        curve = lv.read("steepness_curve", "data")
        close(curve["y"], sigmoid(w * np.array(curve["x"])))
        assert lv.read("steepness_readout", "text") == ch2.steepness_caption(w, lang=lv.lang)
        return w

    assert check() == 1
    fig = lv.figure_el("steepness_log10")
    lv.shots(fig, "steepness__before")
    lv.drag("steepness_log10", 120)
    w = check()
    assert w > 1
    lv.keys("steepness_log10", "ArrowLeft", 6)
    assert check() < w
    lv.shots(fig, "steepness__after")
    lv.clean()


# ---- both languages, on a blank page (no built site needed) ----------------------------------------
# Each explorer in English and in Japanese is written into a page with BokehJS inline; its models
# are set from the test (which runs the same callbacks a slider does) and every readout must be the
# Python caption in the figure's language (issue 15: the JS keeps one template per language).

def _standalone(chromium, live_figure):
    from bokeh.embed import file_html
    from bokeh.resources import INLINE
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("data:", "blob:", "about:"))
               else route.continue_())
    page.set_content(file_html(live_figure.layout, resources=INLINE, title="live"))
    page.wait_for_function("() => window.Bokeh && Bokeh.documents.length > 0 && "
                           "Object.keys(Bokeh.index).length > 0", timeout=30_000)
    return context, page, errors


_SET = f"""([n, attr, v]) => {{ ({_FIND})(n)[attr] = v; }}"""


def _states(lang):
    """(explorer, [(model settings, the readout's name, the Python readout)]) per ch2 live figure."""
    def perceptron(w1, w2, b, t):
        return ({"perceptron_w1": w1, "perceptron_w2": w2, "perceptron_b": b, "perceptron_target": t},
                "perceptron_readout", ch2.perceptron_caption(w1, w2, b, t, lang=lang))

    def softmax_state(z, c):
        return ({"softmax_z1": z[0], "softmax_z2": z[1], "softmax_z3": z[2], "softmax_c": c},
                "softmax_readout", ch2.softmax_caption(z, c, lang=lang))

    zt = [0.3, 2.9, 4.0]
    return [
        (lambda: ch2.perceptron_explorer(lang=lang),
         [perceptron(1.0, 1.0, -0.8, "XOR"), perceptron(1.0, 0.93, -0.45, "OR"),
          perceptron(-1.0, 0.0, 0.5, "NOT x1"), perceptron(0.2, -1.7, 0.3, "AND")]),
        (lambda: ch2.activation_explorer(lang=lang),
         [({"activation": n, "scale": a}, "caption", ch2.activation_caption(n, a, lang=lang))
          for n, a in (("sigmoid", 2.37), ("relu", 0.5), ("step", 7.99), ("identity", 1.0))]),
        (lambda: ch2.sigmoid_steepness_explorer(lang=lang),
         [({"steepness_log10": lg}, "steepness_readout", ch2.steepness_caption(10 ** lg, lang=lang))
          for lg in (0.47, -0.9, 1.31)]),
        (lambda: ch2.softmax_explorer(lang=lang),
         [softmax_state([2.0, 1.0, 0.6], 0.0), softmax_state([2.0, 1.0, 0.6], -1.3),
          softmax_state([-4.2, 3.3, 0.0], 2.5)]),
        (lambda: ch2.softmax_temperature_explorer(zt, lang=lang),
         [({"temperature_log10": lg}, "temperature_readout", ch2.temperature_caption(zt, 10 ** lg, lang=lang))
          for lg in (-1.2, 0.3, 1.4)]),
    ]


def test_ch2_readouts_in_both_languages_equal_the_python_captions(chromium, lang):
    for make, states in _states(lang):
        fig = make()
        context, page, errors = _standalone(chromium, fig)
        try:
            for settings, readout, want in states:
                for name, value in settings.items():
                    page.evaluate(_SET, [name, "value", value])
                got = page.evaluate(_READ, [readout, "text"])
                assert got == want, f"{fig.models[readout].name} ({lang}) after {settings}"
                if lang == "ja":
                    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in got) \
                        or readout == "temperature_readout"
            assert not errors, errors
        finally:
            context.close()
