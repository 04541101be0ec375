"""The live gradient-descent (03-1, note 3.2) and optimizer (04-1, note 4.1) explorers in the
built site: moving the real slider handles, switching the Selects and clicking the contour plot
redraws paths equal to dlnotes' ``gd_path`` / ``run_optimizer`` at the new setting, with no
external request and no console error.  Screenshots before and after, at 1280 and 390 px.

The optimizer explorer's caption in both languages (issue 15): its callback, run on a blank page
with dlnotes' rules, writes ``widgets.ch4._readout``'s caption in English and in Japanese; the
Japanese figure alone on a blank page (its HTML, BokehJS inline) redraws paths and the Japanese
caption as its controls move (no built Japanese site needed)."""
import numpy as np
import pytest

from dlnotes.landscapes import gd_path, gd_regime, make_optimizer, run_optimizer
from dlnotes.widgets import optimizer_hyper
from dlnotes.widgets.ch4 import _readout
from test_live_bn import blank_page  # noqa: F401  (fixture: a live figure alone on a blank page)

LR_PAGE = "notebooks/03-1-losses-sgd.html"
OPT_PAGE = "notebooks/04-1-optimizers.html"

READ = """(names) => {
    const all = Bokeh.documents.flatMap((d) => [...d.all_models]), out = {};
    for (const n of names) {
        const m = all.find((m) => m.name === n);
        if (m === undefined) { out[n] = null; continue; }
        out[n] = m.data !== undefined
            ? Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, Array.from(v)]))
            : m.value !== undefined ? m.value : m.text;
    }
    return out;
}"""


def read(page, *names):
    return page.evaluate(READ, list(names))


def wait_live(page, name):
    page.wait_for_function("(n) => window.Bokeh && Bokeh.documents.length > 0 && "
                           "Bokeh.documents.flatMap((d) => [...d.all_models]).some((m) => m.name === n)",
                           arg=name, timeout=30_000)
    page.wait_for_timeout(300)


def close(got, want, rtol=1e-12):
    got, want = np.asarray(got, float), np.asarray(want, float)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=1e-300)


def press(page, handle, key, times=1):
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_timeout(150)


def root(page):
    """The live figure's Bokeh root element (its ``data-root-id`` holder has display: contents)."""
    return page.locator("[data-root-id] > *").filter(has=page.locator(".noUi-handle")).first


def shots(lp, suffix):
    """Screenshots of the live figure at 1280 px and at a 390 px phone width."""
    el = root(lp.page)
    paths = [lp.screenshot(f"-live-{suffix}-1280", element=el)]
    lp.page.set_viewport_size({"width": 390, "height": 900})
    lp.page.wait_for_timeout(400)
    paths.append(lp.screenshot(f"-live-{suffix}-390", element=el))
    lp.page.set_viewport_size({"width": 1280, "height": 900})
    lp.page.wait_for_timeout(400)
    return paths


def clean(lp):
    assert lp.blocked == [], lp.blocked
    assert lp.console_errors == [], lp.console_errors


def check_gd(page):
    m = read(page, "lr", "steps", "landscape", "path", "settings", "caption")
    s = m["settings"]
    lr, steps, land = s["lr"][0], s["steps"][0], s["landscape"][0]
    assert lr == pytest.approx(10 ** m["lr"], rel=1e-15) and steps == m["steps"] and land == m["landscape"]
    path = gd_path(land, lr, steps)
    close(m["path"]["x"], path[:, 0])
    close(m["path"]["y"], path[:, 0] ** 2 if path.shape[1] == 1 else path[:, 1])
    assert f"<b>{gd_regime(land, lr)}</b>" in m["caption"]
    return m, path


def test_lr_explorer_slider_select_and_divergence(open_page):
    lp = open_page(LR_PAGE)
    page = lp.page
    wait_live(page, "path")
    root = page.locator("[data-root-id]").filter(has=page.locator("select"))   # not the SGD explorer
    handles = root.locator(".noUi-handle")
    assert root.count() == 1 and handles.count() == 2   # steps, learning rate
    before, _ = check_gd(page)
    shots(lp, "before")
    press(page, handles.nth(1), "ArrowRight", 7)         # lr: 7 notches of 0.01 in log10
    after, _ = check_gd(page)
    assert after["lr"] == pytest.approx(before["lr"] + 0.07, abs=1e-9)
    assert after["path"]["x"] != before["path"]["x"]
    press(page, handles.nth(0), "ArrowRight", 5)         # steps 20 -> 25
    m, _ = check_gd(page)
    assert m["steps"] == before["steps"] + 5 and len(m["path"]["x"]) == m["steps"] + 1
    press(page, handles.nth(1), "End")                   # lr 10**0.5 > critical 1
    m, path = check_gd(page)
    assert "<b>diverging</b>" in m["caption"]
    if np.max(np.abs(path[-1])) > 1e6:
        assert f"diverged at step {len(path) - 1}" in m["caption"]
    page.locator("select").first.select_option(label="2-D bowl x²/20 + y²")
    page.wait_for_timeout(200)
    press(page, handles.nth(1), "PageDown", 3)
    m, path = check_gd(page)
    assert m["landscape"] == "book" and path.shape[1] == 2
    press(page, handles.nth(0), "End")                   # 100 steps
    m, path = check_gd(page)
    if np.max(np.abs(path[-1])) > 1e6:
        assert f"diverged at step {len(path) - 1}" in m["caption"]
    shots(lp, "after")
    clean(lp)


NAMES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adam_note"]


def check_paths(page, rtol=1e-12, lang="en"):
    m = read(page, "optimizer", "landscape", "lr", "steps", "beta1", "beta2", "start", "settings", "caption",
             *[f"path_{n}" for n in NAMES])
    s = m["settings"]
    lr, steps, land = s["lr"][0], s["steps"][0], s["landscape"][0]
    assert lr == pytest.approx(10 ** m["lr"], rel=1e-15) and steps == m["steps"] and land == m["landscape"]
    start = (m["start"]["x"][0], m["start"]["y"][0])
    shown = NAMES if m["optimizer"] == "race" else [m["optimizer"]]
    for n in NAMES:
        got = m[f"path_{n}"]
        if n not in shown:
            assert got["x"] == [], n
            continue
        hyper = optimizer_hyper(n, lr, m["beta1"], m["beta2"])
        with np.errstate(over="ignore", invalid="ignore"):
            want = run_optimizer(make_optimizer(n, **hyper), land, start, steps)
        close(np.c_[got["x"], got["y"]], want, rtol)
        if len(want) < steps + 1:
            assert (f"diverged at step {len(want)}" if lang == "en" else f"ステップ {len(want)} で発散") in m["caption"]
    assert m["caption"].count("■") == len(shown)
    return m


def click_plot(page, fx, fy):
    """Click at the fraction (fx, fy) of the plot's frame (from its left / top); the data point there."""
    box = page.evaluate("""() => {
        const plot = Bokeh.documents.flatMap((d) => [...d.all_models]).find((m) => m.name === 'plot');
        const roots = typeof Bokeh.index.values === 'function' ? [...Bokeh.index.values()] : Object.values(Bokeh.index);
        for (const root of roots) for (const v of root.owner.all_views())
            if (v.model === plot) {
                const bb = v.frame.bbox, el = v.el.getBoundingClientRect();
                return {left: el.left + bb.x, top: el.top + bb.y, w: bb.width, h: bb.height,
                        x0: plot.x_range.start, x1: plot.x_range.end, y0: plot.y_range.start, y1: plot.y_range.end};
            }
        return null;
    }""")
    px, py = box["left"] + fx * box["w"], box["top"] + fy * box["h"]
    page.mouse.click(px, py)
    page.wait_for_timeout(200)
    x = box["x0"] + (px - box["left"]) / box["w"] * (box["x1"] - box["x0"])
    y = box["y1"] - (py - box["top"]) / box["h"] * (box["y1"] - box["y0"])
    return x, y, (box["x1"] - box["x0"]) / box["w"], (box["y1"] - box["y0"]) / box["h"]


def test_optimizer_explorer_sliders_click_and_selects(open_page):
    lp = open_page(OPT_PAGE)
    page = lp.page
    page.locator("[data-root-id] .noUi-handle").first.scroll_into_view_if_needed()
    wait_live(page, "path_momentum")
    handles = page.locator("[data-root-id] .noUi-handle")
    assert handles.count() == 4                         # steps, learning rate, beta1, beta2
    before = check_paths(page)
    shots(lp, "before")
    press(page, handles.nth(1), "ArrowRight", 5)         # lr 0.1 -> 10**-0.95
    m = check_paths(page)
    assert m["lr"] == pytest.approx(before["lr"] + 0.05, abs=1e-9)
    assert m["path_momentum"] != before["path_momentum"]
    press(page, handles.nth(2), "ArrowLeft", 5)          # momentum 0.9 -> 0.85
    m = check_paths(page)
    assert m["beta1"] == pytest.approx(0.85, abs=1e-9)
    # click on the contours: the start moves there and the path starts from it
    x, y, dx, dy = click_plot(page, 0.25, 0.8)
    m = check_paths(page)
    assert m["start"]["x"][0] == pytest.approx(x, abs=dx) and m["start"]["y"][0] == pytest.approx(y, abs=dy)
    assert m["path_momentum"]["x"][0] == m["start"]["x"][0]
    # the optimizer Select: race runs all seven
    page.locator("select").first.select_option(label="race: all at once")
    page.wait_for_timeout(200)
    m = check_paths(page)
    assert m["optimizer"] == "race"
    press(page, handles.nth(3), "PageDown", 2)          # decay / beta2
    check_paths(page)
    # Rosenbrock: its preset start, then a long walk (chaotic: one ulp grows, so 1e-9)
    page.locator("select").nth(1).select_option(label="Rosenbrock")
    page.wait_for_timeout(200)
    m = check_paths(page, rtol=1e-9)
    assert (m["start"]["x"][0], m["start"]["y"][0]) == (-1.2, 1.0)
    press(page, handles.nth(1), "Home")                  # lr 1e-3
    press(page, handles.nth(0), "End")                   # 300 steps
    m = check_paths(page, rtol=1e-9)
    assert m["steps"] == 300
    x, y, dx, dy = click_plot(page, 0.8, 0.3)
    m = check_paths(page, rtol=1e-9)
    assert m["start"]["x"][0] == pytest.approx(x, abs=dx)
    # one optimizer diverging at a large rate: the caption says where
    page.locator("select").first.select_option(label="SGD")
    page.locator("select").nth(1).select_option(label="book's bowl")
    page.wait_for_timeout(200)
    press(page, handles.nth(1), "End")                   # lr 10
    m = check_paths(page)
    assert "diverged at step" in m["caption"]
    page.locator("select").first.select_option(label="race: all at once")
    press(page, handles.nth(1), "PageDown", 5)
    check_paths(page)
    shots(lp, "after")
    clean(lp)


# ---------------------------------------------------------------- the caption in both languages (issue 15)

def expected_caption(m, lang):
    """The caption Python writes (``widgets.ch4._readout``) for the page's settings ``m``."""
    from dlnotes.landscapes import get_landscape
    s = m["settings"]
    lr, steps, land = s["lr"][0], s["steps"][0], s["landscape"][0]
    f, start = get_landscape(land), (m["start"]["x"][0], m["start"]["y"][0])
    rows = []
    for n in (NAMES if m["optimizer"] == "race" else [m["optimizer"]]):
        hyper = optimizer_hyper(n, lr, m["beta1"], m["beta2"])
        with np.errstate(over="ignore", invalid="ignore"):
            path = run_optimizer(make_optimizer(n, **hyper), f, start, steps)
        rows.append(_readout(n, path, f, steps, hyper, lang))
    return "<div class='opt-caption'>" + "<br>".join(rows) + "</div>"


RUN_OPT_JS = """([code, args]) => {
    const paths = Object.fromEntries(args.names.map((n) => [n, {data: {}}]));
    const a = {lang: args.lang, cb_obj: {}, where: {value: args.land}, pick: {value: args.pick},
               plot: {x_range: {}, y_range: {}, title: {}}, boxes: args.boxes, starts: args.starts,
               titles: args.titles, contours: {}, origin: {data: {x: [args.start[0]], y: [args.start[1]]}},
               lr_knob: {value: args.loglr}, n_steps: {value: args.steps}, beta1: {value: args.beta1},
               beta2: {value: args.beta2}, paths: paths, slider_of: args.slider_of, labels: args.labels,
               colors: args.colors, settings: {}, caption: {}};
    new Function(...Object.keys(a), "const D = globalThis.dlnotes;\\n" + code)(...Object.values(a));
    return {caption: a.caption.text, settings: a.settings.data};
}"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_optimizer_caption_js_equals_python(rules_page, lang):
    """The explorer's callback (``widgets.ch4._OPT_JS``) run with dlnotes' rules on a blank page
    writes ``_readout``'s caption in the figure's language, for every optimizer and race, on the
    three landscapes, at converging and diverging rates."""
    from matplotlib.colors import to_hex

    from dlnotes.landscapes import get_landscape, landscape_preset
    from dlnotes.plots.ch4 import _COLORS
    from dlnotes.widgets.ch4 import _OPT_JS, _SLIDER_OF, _labels
    rng = np.random.default_rng(15)
    lands = ("book", "saddle", "rosenbrock")
    fixed = {"boxes": {k: [list(get_landscape(k).xlim), list(get_landscape(k).ylim)] for k in lands},
             "starts": {k: list(landscape_preset(get_landscape(k))[0]) for k in lands},
             "titles": {k: k for k in lands}, "names": NAMES, "slider_of": _SLIDER_OF, "lang": lang,
             "labels": {n: _labels(lang)[n] for n in NAMES}, "colors": {n: to_hex(_COLORS[n]) for n in NAMES}}
    cases = [("sgd", "book", -1.0, 30), ("sgd", "book", 1.0, 40), ("race", "book", -1.0, 30),
             ("race", "saddle", -1.3, 25), ("adam_note", "book", -0.5, 10), ("race", "rosenbrock", -3.0, 20)]
    cases += [(str(rng.choice(EXPLORER)), str(rng.choice(lands[:2])), float(rng.uniform(-3, 1)),
               int(rng.integers(1, 120))) for _ in range(20)]
    for pick, land, loglr, steps in cases:
        f = get_landscape(land)
        start = [float(rng.uniform(*f.xlim)), float(rng.uniform(*f.ylim))]
        beta1, beta2 = float(rng.uniform(0, 0.99)), float(rng.uniform(0, 0.999))
        got = rules_page.evaluate(RUN_OPT_JS, [_OPT_JS, {**fixed, "pick": pick, "land": land, "loglr": loglr,
                                                         "steps": steps, "start": start, "beta1": beta1,
                                                         "beta2": beta2}])
        m = {"settings": got["settings"], "optimizer": pick, "beta1": beta1, "beta2": beta2,
             "start": {"x": [start[0]], "y": [start[1]]}}
        assert got["caption"] == expected_caption(m, lang), (pick, land, loglr, steps)


EXPLORER = NAMES + ["race"]


def test_optimizer_explorer_japanese_on_a_blank_page(blank_page):
    """The Japanese optimizer explorer alone on a blank page: keys on its sliders and its Selects
    redraw the paths of run_optimizer and the Japanese caption of ``_readout``."""
    from dlnotes.widgets import optimizer_explorer
    from test_live_ch2 import Live
    bp = blank_page(optimizer_explorer(lang="ja"))
    page = bp.page
    Live(bp)
    handles = page.locator(".noUi-handle")
    assert handles.count() == 4                         # steps, learning rate, beta1, beta2

    def check():
        m = check_paths(page, lang="ja")
        assert m["caption"] == expected_caption(m, "ja")
        return m
    m = check()
    assert "30 ステップ" in m["caption"] and "終点" in m["caption"]
    press(page, handles.nth(1), "ArrowRight", 5)
    press(page, handles.nth(2), "ArrowLeft", 5)
    check()
    page.locator("select").first.select_option(label="race：7 つを同時に")
    page.wait_for_timeout(200)
    press(page, handles.nth(3), "PageDown", 2)
    m = check()
    assert m["caption"].count("■") == 7 and "Adam（ノート 4.1.3、バイアス補正なし）" in m["caption"]
    page.locator("select").nth(1).select_option(label="鞍点")
    page.wait_for_timeout(200)
    m = check()
    title = page.evaluate("() => Bokeh.documents.flatMap((d) => [...d.all_models])"
                          ".find((m) => m.name === 'plot').title.text")
    assert title == "f = x² − y²：クリックした点から出発"
    page.locator("select").first.select_option(label="SGD")
    page.locator("select").nth(1).select_option(label="書籍のお椀")
    page.wait_for_timeout(200)
    press(page, handles.nth(1), "End")                   # lr 10: SGD grows ...
    m = check()
    assert "発散しつつある（30 ステップ" in m["caption"]
    press(page, handles.nth(0), "End")                   # ... and overflows within 300 steps
    m = check()
    assert "で発散（オーバーフロー" in m["caption"]
    bp.shot("optimizer")
    bp.clean()


# ---- 03-1: the gradient-descent readout in both languages, on a blank page (issue 15) ----------
# The explorer in English and in Japanese is written into a page with BokehJS inline (no built
# site needed); its controls are set from the test (the callbacks a slider runs) and the caption
# must be ``widgets.lr_caption`` in the figure's language: the page keeps one template per language.

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_lr_readout_in_both_languages_equals_lr_caption(chromium, lang):
    from test_live_ch2 import _READ, _SET, _standalone

    from dlnotes.widgets import lr_caption, lr_explorer
    context, page, errors = _standalone(chromium, lr_explorer(lang=lang))
    try:
        seen = set()
        for land, log_lr, steps in [("parabola", -1.0, 20), ("parabola", -0.3, 35), ("parabola", 0.0, 12),
                                    ("parabola", 0.01, 40), ("parabola", 0.5, 100), ("book", -2.5, 7),
                                    ("book", -0.13, 60), ("book", 0.3, 100)]:
            page.evaluate(_SET, ["landscape", "value", land])
            page.evaluate(_SET, ["steps", "value", steps])
            page.evaluate(_SET, ["lr", "value", log_lr])
            lr = page.evaluate(_READ, ["settings", "data"])["lr"][0]       # 10 ** value, as the page has it
            got = page.evaluate(_READ, ["caption", "text"])
            assert got == lr_caption(land, lr, steps, lang=lang), (lang, land, log_lr, steps)
            seen.add(got.split("</b>")[0].split("<b>")[1])
        regimes = {"en": {"slow", "fast", "oscillating", "oscillating forever", "diverging"},
                   "ja": {"遅い", "速い", "振動", "振動し続ける", "発散"}}[lang]
        assert seen == regimes
        assert not errors, errors
    finally:
        context.close()
