"""The Japanese edition of chapter 4 (issue 15): figures, live figures and in-page exercises.

Every public figure function of ``dlnotes.plots.ch4`` (and ``plots.training_curves``) and every
live figure of ``dlnotes.widgets.ch4`` takes ``lang`` ("en", the default, or "ja"), refuses any
other value with a ValueError naming the function, and with ``lang="ja"`` draws its words in
Japanese (proper names, identifiers and math excepted) with the same numbers; the Japanese
figures pass the readability checks of test_figure_fonts (9 pt at display size, no overlapping
or cut text).  Every exercise answer of chapter 4 has all its texts in Japanese.
"""
import inspect
import re

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from dlnotes import experiments as E
from dlnotes.exercises import ch4 as X
from dlnotes.plots import _core
from dlnotes.plots import ch4 as P
from dlnotes.widgets import ch4 as W
from _ja_checks import check_answer_in_japanese, check_notebook_args
from test_figure_fonts import _drawn_texts, assert_readable

JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
#: Latin words a Japanese figure may keep: proper names, identifiers, function names, symbols
LATIN_OK = {"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "RMSProp", "Adam", "BN", "Digits",
            "Rosenbrock", "Kingma", "Ba", "lr", "sigmoid", "relu", "tanh", "loss", "momentum",
            "decay_rate", "beta1", "beta2", "inf", "nan"}
FONTS = {"font.family": ["DejaVu Sans", "IPAGothic"]}


def _histories():
    rng = np.random.default_rng(0)
    return {n: {"loss": list(np.exp(-np.linspace(0, 3, 120)) + 0.01 * rng.random(120)),
                "test_acc": list(np.linspace(0.2, 0.9, 6))} for n in ("SGD", "Momentum", "AdaGrad", "Adam")}


def _bn_runs():
    return {s: {"BN": {"train_acc": list(np.linspace(0.1, 0.9, 6))},
                "no BN": {"train_acc": list(np.linspace(0.1, 0.4, 6))}} for s in (3.0, 1.0, 0.3, 0.01)}


def _history():
    return {"loss": list(np.exp(-np.linspace(0, 3, 200))), "train_acc": list(np.linspace(0.2, 0.9, 8)),
            "test_acc": list(np.linspace(0.2, 0.85, 8))}


#: name -> figure in ``lang`` with the notebooks' arguments (light stand-ins for training runs)
FIGURES = {
    "optimizer_paths": lambda lang: P.optimizer_paths(lang=lang),
    "optimizer_paths_saddle": lambda lang: P.optimizer_paths(f="saddle", lang=lang),
    "optimizer_race": lambda lang: P.optimizer_race(lang=lang),
    "optimizer_race_saddle": lambda lang: P.optimizer_race(f="saddle", lang=lang),
    "optimizer_race_rosenbrock": lambda lang: P.optimizer_race(f="rosenbrock", lang=lang),
    "adam_bias_correction": lambda lang: P.adam_bias_correction(steps=1000, lang=lang),
    "effective_learning_rates": lambda lang: P.effective_learning_rates(lang=lang),
    "optimizer_training_curves": lambda lang: P.optimizer_training_curves(_histories(), lang=lang),
    "activation_histograms": lambda lang: P.activation_histograms(lang=lang),
    "bn_scale_grid": lambda lang: P.bn_scale_grid(_bn_runs(), lang=lang),
    "bn_graph": lambda lang: P.bn_graph(lang=lang),
    "training_curves": lambda lang: _core.training_curves(_history(), lang=lang),
    "training_curves_titled": lambda lang: _core.training_curves(_history(), title="Digits, SGD", lang=lang),
}


def _build(name, lang):
    with matplotlib.rc_context(FONTS):
        fig = FIGURES[name](lang)
        return fig, _drawn_texts(fig)


def _numbers(texts):
    """The numbers of a figure's texts, but counts in words ("2 本の辺": the two edges)."""
    return sorted(n for t, _ in texts
                  for n in re.findall(r"\d+(?:\.\d+)?(?:e[-+]\d+)?", re.sub(r"\d+ 本", "", t.get_text())))


def test_every_public_figure_function_takes_lang_and_is_tested():
    public = {n: getattr(P, n) for n in P.__all__} | {"training_curves": _core.training_curves}
    for name, fn in public.items():
        assert inspect.signature(fn).parameters["lang"].default == "en", name
        with pytest.raises(ValueError, match=rf"{name}: argument 'lang'.*'fr'"):
            fn(*([{}] if name in ("optimizer_training_curves", "bn_scale_grid", "training_curves") else []),
               lang="fr")
    tested = {n.split("_saddle")[0].split("_rosenbrock")[0].replace("_titled", "") for n in FIGURES}
    assert set(public) <= tested


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_japanese_figure_has_japanese_words_and_the_same_numbers(name):
    fig_en, en = _build(name, "en")
    fig_ja, ja = _build(name, "ja")
    assert isinstance(fig_ja, Figure)
    texts = [t.get_text() for t, _ in ja]
    assert any(JA.search(t) for t in texts), f"{name}: no Japanese text in {texts[:6]}"
    for t in texts:
        plain = re.sub(r"\$[^$]*\$", "", t)                    # math is shared
        words = set(re.findall(r"[A-Za-z]{2,}", plain)) - LATIN_OK
        assert not words, f"{name}: English left in the Japanese figure: {t!r} ({sorted(words)})"
    assert _numbers(ja) == _numbers(en), name


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_japanese_figure_is_readable(name):
    """test_figure_fonts' two checks on the Japanese figure: text at least 9 pt at display size,
    none cut off at the figure's edge, no two texts overlapping."""
    with matplotlib.rc_context(FONTS):
        fig = FIGURES[name]("ja")
        assert_readable(name, fig, _core._DISPLAY_DPI)


def test_bn_graph_japanese_keeps_the_math_as_math():
    """Japanese around math is drawn piecewise (mathtext has no font fallback): each piece is
    either plain text with Japanese or math without it."""
    _, texts = _build("bn_graph", "ja")
    for t, _ in texts:
        s = t.get_text()
        assert not ("$" in s and JA.search(s)), s
    assert any(t.get_text() == "$x_{ij}$" for t, _ in texts)
    assert Text in {type(t) for t, _ in texts}


# ---------------------------------------------------------------- live figures

def _slider_titles(fig):
    from bokeh.models import Select, Slider
    return [m.title for m in fig.layout.references() if isinstance(m, (Slider, Select))]


def test_optimizer_explorer_in_japanese():
    en, ja = W.optimizer_explorer(), W.optimizer_explorer(lang="ja")
    assert set(ja.models) == set(en.models)
    titles = _slider_titles(ja)
    assert all(JA.search(t) for t in titles), titles
    assert "減衰率 ρ / β2" in titles and "モーメンタム α / β1" in titles
    assert ja.models["plot"].title.text == "f = x²/20 + y²：クリックした点から出発"
    options = dict(ja.models["optimizer"].options)
    assert options["race"] == "race：7 つを同時に" and options["sgd"] == "SGD"
    assert dict(ja.models["landscape"].options)["book"] == "書籍のお椀"
    # the caption is _readout's in Japanese, with the same numbers as the English one
    cap_en, cap_ja = en.models["caption"].text, ja.models["caption"].text
    assert "30 ステップ" in cap_ja and "終点" in cap_ja and "損失" in cap_ja
    assert re.findall(r"-?\d+\.?\d*(?:e[-+]\d+)?", cap_ja) == re.findall(r"-?\d+\.?\d*(?:e[-+]\d+)?", cap_en)
    with pytest.raises(ValueError, match="optimizer_explorer: argument 'lang'"):
        W.optimizer_explorer(lang="de")


def test_optimizer_readout_in_both_languages():
    from dlnotes.landscapes import get_landscape, make_optimizer, run_optimizer
    f = get_landscape("book")
    for name, lr, steps in (("sgd", 0.1, 30), ("sgd", 3.0, 300), ("adam_note", 0.3, 10), ("rmsprop", 1.5, 5)):
        hyper = W.optimizer_hyper(name, lr, 0.9, 0.99)
        with np.errstate(over="ignore", invalid="ignore"):
            path = run_optimizer(make_optimizer(name, **hyper), f, (-7.0, 2.0), steps)
        en, ja = (W._readout(name, path, f, steps, hyper, lang) for lang in ("en", "ja"))
        assert JA.search(ja) and not JA.search(en)
        nums = r"-?\d+\.?\d*(?:e[-+]\d+)?|inf|nan"
        assert re.findall(nums, re.sub("<[^>]*>", "", ja)) == re.findall(nums, re.sub("<[^>]*>", "", en))
        if len(path) < steps + 1:
            assert f"ステップ {len(path)} で発散" in ja and f"diverged at step {len(path)}" in en
    assert "Adam（ノート 4.1.3、バイアス補正なし）" in W._readout("adam_note", path[:2], f, 1, {"lr": 1.0}, "ja")


def test_bn_explorer_in_japanese():
    en, ja = W.bn_explorer(), W.bn_explorer(lang="ja")
    assert set(ja.models) == set(en.models)
    assert [ja.models[k].title for k in ("bn_B", "bn_c", "bn_eps")] == \
        ["バッチサイズ B", "重みのスケール c（対数目盛）", "ε（対数目盛）"]
    st = E.bn_explorer_state(E.bn_explorer_batch(), 16, 1.0, 10 ** -5.0)
    assert ja.models["bn_readout"].text == W.bn_explorer_caption(16, 1.0, 10 ** -5.0, st, lang="ja")
    assert "ε は無視できる" in ja.models["bn_readout"].text
    small = E.bn_explorer_state(E.bn_explorer_batch(), 16, 1e-3, 1e-5)
    cap = W.bn_explorer_caption(16, 1e-3, 1e-5, small, "ja")
    assert "ε は無視できない" in cap and "BN の前" in cap and "BN の後" in cap
    nums = r"-?\d+\.?\d*(?:e[-+]\d+)?"
    strip = lambda s: re.sub("<[^>]*>", "", s).replace("σ²", "").replace("4 桁", "")   # noqa: E731
    assert re.findall(nums, strip(cap)) == re.findall(nums, strip(W.bn_explorer_caption(16, 1e-3, 1e-5, small)))
    for fn, args in ((W.bn_explorer, ()), (W.bn_explorer_caption, (16, 1.0, 1e-5, st))):
        with pytest.raises(ValueError, match=f"{fn.__name__}: argument 'lang'"):
            fn(*args, lang="EN")


# ---------------------------------------------------------------- exercises

def test_every_chapter4_answer_has_japanese_texts():
    checkers = [getattr(X, n) for n in X.__all__ if hasattr(getattr(X, n), "answer")]
    assert len(checkers) >= 4
    for checker in checkers:
        check_answer_in_japanese(checker.__name__, checker.answer())


def test_every_chapter4_answer_has_its_box_on_a_page():
    """Each checker of chapter 4 with an in-page answer gets its box on 04-1, 04-2 or 04-3, called
    without arguments (their defaults are the pages' settings)."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "notebooks" / "src"
    answered = [n for n in X.__all__ if hasattr(getattr(X, n), "answer")]
    check_notebook_args(sorted(root.glob("04-*.py")), answered, {})
