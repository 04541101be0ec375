"""Chapter 2 in Japanese (issue 15): the figures, the live figures and the exercises' answers.

Every public figure and live-figure function of chapter 2 takes ``lang``; with ``lang="ja"`` its
texts are Japanese, as readable as the English ones (tests/test_figure_fonts.py's rules: at least
9 pt at display size, no overlap, nothing cut), with no glyph missing; the English default is
unchanged. Every chapter-2 checker with an in-page answer has its texts in Japanese.
"""
import inspect
import re
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager

import test_figure_fonts as F
from _ja_checks import check_answer_in_japanese, check_notebook_args, japanese
from dlnotes.exercises import ch2 as ex2
from dlnotes.plots import ch2 as p2
from dlnotes.widgets import ch2 as w2

JA_FONT_FILES = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
                 "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")


@pytest.fixture(scope="module")
def ja_font():
    """matplotlib with IPAGothic as the fallback of DejaVu Sans (as ``dlnotes.plots`` sets it),
    registering the font file when matplotlib's font cache predates it."""
    if not any(f.name == "IPAGothic" for f in font_manager.fontManager.ttflist):
        path = next((p for p in JA_FONT_FILES if Path(p).is_file()), None)
        if path is None:
            pytest.skip("the Japanese font (Debian fonts-ipafont-gothic) is not installed")
        font_manager.fontManager.addfont(path)
    with matplotlib.rc_context({"font.family": ["DejaVu Sans", "IPAGothic"]}):
        yield


# ---------------------------------------------------------------------------- figures

CH2_FIGURES = [name for name in F.FIGURES if F.FIGURES[name][0] in p2.__all__]
PUBLIC_FIGURES = [n for n in p2.__all__ if callable(getattr(p2, n)) and n[0].islower()]


def test_the_font_check_covers_every_chapter_2_figure_the_notebooks_draw():
    assert len(CH2_FIGURES) == 12
    assert {F.FIGURES[n][0] for n in CH2_FIGURES} == set(PUBLIC_FIGURES) - {"gate_regions_on"}


@pytest.mark.parametrize("name", PUBLIC_FIGURES)
def test_every_figure_function_takes_lang_and_checks_it(name):
    fn = getattr(p2, name)
    assert inspect.signature(fn).parameters["lang"].default == "en"
    owner = fn.__name__
    args = {"gate_regions_on": lambda: (matplotlib.figure.Figure().subplots(), 1, 1, -1.5),
            "separator_counts": lambda: ([-1, 0, 1],), "relu_integral": lambda: ([0, 1], [0, 1]),
            "softmax_temperature": lambda: ([0, 1],), "affine_batch_heatmaps": lambda: (np.eye(2), np.eye(2), [0, 0]),
            "forward_pass_heatmaps": lambda: (np.eye(2), np.eye(2), [0, 0], np.eye(2), [0, 0]),
            }.get(name, lambda: ())()
    with pytest.raises(ValueError, match=f"{owner}: argument 'lang' expected one of"):
        fn(*args, lang="fr")


def _build(name, lang):
    """The figure the notebook draws, in ``lang`` (tests/test_figure_fonts.py's builders)."""
    fn_name, builder, _ = F.FIGURES[name]
    real = getattr(p2, fn_name)
    calls = []

    def spy(*args, **kwargs):                      # capture the notebook's arguments
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(F.plots, fn_name, spy)
        builder(None)
    args, kwargs = calls[0]
    return real(*args, **{**kwargs, "lang": lang})


def _texts(fig):
    return [t.get_text() for t, _ in F._drawn_texts(fig)]


@pytest.mark.parametrize("name", CH2_FIGURES)
def test_english_is_the_default(name, ja_font):
    fig_default = F.FIGURES[name][1](None)
    assert _texts(fig_default) == _texts(_build(name, "en"))


@pytest.mark.parametrize("name", CH2_FIGURES)
def test_japanese_figure_is_readable_and_has_every_glyph(name, ja_font):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _build(name, "ja")
        texts = F._drawn_texts(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not missing, f"{name}: {missing[:3]}"
    words = [t.get_text() for t, _ in texts]
    assert any(japanese(w) for w in words), f"{name}: no Japanese text in {words}"
    english = [w for w in words if re.search(r"\b(?:input|output|weight|layer|note|our|the|of|is|and)\b", w)]
    assert not english, f"{name}: English words left: {english}"
    F.assert_readable(name, fig, F._dpi(fig, F.FIGURES[name][2]), texts)


def test_numbers_and_math_are_shared():
    fig_en, fig_ja = p2.layer_diagram(3, 2), p2.layer_diagram(3, 2, lang="ja")
    maths = [t for t in _texts(fig_en) if t.startswith("$")]
    assert maths and maths == [t for t in _texts(fig_ja) if t.startswith("$")]
    assert "y = xW + b、W は 3×2" in fig_ja.axes[0].get_title()


# ---------------------------------------------------------------------------- live figures

EXPLORERS = ["perceptron_explorer", "activation_explorer", "sigmoid_steepness_explorer",
             "softmax_explorer", "softmax_temperature_explorer"]
CAPTIONS = {"perceptron_caption": (1.0, 1.0, -1.5, "XOR"), "activation_caption": ("sigmoid", 2.0),
            "steepness_caption": (3.0,), "softmax_caption": ([2.0, 1.0, 0.0], 1.0),
            "temperature_caption": ([0.3, 2.9, 4.0], 0.5)}


def test_every_public_live_function_takes_lang():
    public = [n for n in w2.__all__ if callable(getattr(w2, n)) and n[0].islower() and n != "perceptron_regions"]
    assert sorted(public) == sorted(EXPLORERS + list(CAPTIONS))
    for name in public:
        fn = getattr(w2, name)
        assert inspect.signature(fn).parameters["lang"].default == "en", name
        with pytest.raises(ValueError, match=f"{name}: argument 'lang' expected one of"):
            fn(*CAPTIONS.get(name, ()), lang="de")


@pytest.mark.parametrize("name", sorted(CAPTIONS))
def test_captions_in_japanese(name):
    fn, args = getattr(w2, name), CAPTIONS[name]
    en, ja = fn(*args), fn(*args, lang="ja")
    assert en == fn(*args, lang="en")
    assert re.findall(r"class='[\w-]+'", en) == re.findall(r"class='[\w-]+'", ja)   # same markup
    assert re.findall(r"\d+(?:\.\d+)?", en) == re.findall(r"\d+(?:\.\d+)?", ja) or name == "perceptron_caption"
    if name == "temperature_caption":                  # symbols and numbers only
        assert ja == en
    else:
        assert japanese(ja) and not japanese(en)


def test_perceptron_caption_in_japanese():
    assert "計算結果 <b class='gate-name'>AND</b>" in w2.perceptron_caption(1, 1, -1.5, "AND", lang="ja")
    assert "目標 AND：<span class='target-reached'" in w2.perceptron_caption(1, 1, -1.5, "AND", lang="ja")
    assert "XOR は線形分離可能でない（ノート 2.2）" in w2.perceptron_caption(1, 1, -1.5, "XOR", lang="ja")
    assert "未達成（必要な出力は 0 1 1 1）" in w2.perceptron_caption(1, 1, -1.5, "OR", lang="ja")
    assert w2.softmax_caption([2, 1, 0], 3.0, lang="ja").endswith("c = 0 のときと同じか：はい</span>")


def _labels(live):
    """Every text a reader sees around the plots: titles, axis labels, legends, menus, Divs."""
    from bokeh.models import Axis, Div, Dropdown, LegendItem, Select, Slider, Title
    out = []
    for m in live.layout.references():
        if isinstance(m, (Slider, Select)):
            out.append(m.title)
        elif isinstance(m, Dropdown):
            out.append(m.label)
        elif isinstance(m, Axis):
            out.append(m.axis_label)
        elif isinstance(m, Title):
            out.append(m.text)
        elif isinstance(m, LegendItem):
            out.append(m.label.value if hasattr(m.label, "value") else str(m.label))
        elif isinstance(m, Div):
            out.append(m.text)
    return [t for t in out if t]


@pytest.mark.parametrize("name", EXPLORERS)
def test_live_figures_in_japanese(name):
    en, ja = getattr(w2, name)(), getattr(w2, name)(lang="ja")
    assert en.lang == "en" and ja.lang == "ja"
    assert set(en.models) == set(ja.models)                                  # the names tests use
    assert {m.name for m in ja.models.values()} == set(ja.models)
    words_en, words_ja = _labels(en), [re.sub(r"<[^>]*>", " ", w) for w in _labels(ja)]   # no markup
    assert len(words_en) == len(words_ja)
    assert any(japanese(w) for w in words_ja)
    assert not any(japanese(w) for w in words_en)
    english = [w for w in words_ja
               if re.search(r"\b(?:input|output|weight|bias|slope|probability|logit|shift|class|temperature|"
                            r"target|activation|computes|reached|same|scale|note)\b", w)]
    assert not english, f"{name}: English words left: {english}"
    from bokeh.models import CustomJS
    langs = {cb.args.get("lang") for cb in ja.layout.references() if isinstance(cb, CustomJS) and "lang" in cb.args}
    assert langs <= {"ja"}


def test_japanese_sliders_are_named_in_japanese():
    live = w2.perceptron_explorer(lang="ja")
    assert [live.models[k].title for k in ("perceptron_w1", "perceptron_w2", "perceptron_b")] == \
        ["重み w1", "重み w2", "バイアス b"]
    act = w2.activation_explorer(lang="ja").models["activation"]
    assert act.options[1] == ("sigmoid", "シグモイド関数") and act.value == "sigmoid"


# ---------------------------------------------------------------------------- exercises

DY = np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.5]])      # the 02-3 page's dY
#: the arguments each notebook passes to ``answer_box`` (none but the 02-3 dY)
NOTEBOOK_ARGS = {"check_bias_gradient": (DY,)}
ANSWERED = [n for n in ex2.__all__ if hasattr(getattr(ex2, n), "answer")]


def test_the_notebook_args_are_those_of_the_pages():
    root = Path(__file__).resolve().parents[1] / "notebooks" / "src"
    pages = ("02-1-perceptron.py", "02-2-activations.py", "02-3-affine.py")
    check_notebook_args([root / f for f in pages], ANSWERED, NOTEBOOK_ARGS)


@pytest.mark.parametrize("name", ANSWERED)
def test_every_answer_has_its_texts_in_japanese(name):
    check_answer_in_japanese(name, getattr(ex2, name).answer(*NOTEBOOK_ARGS.get(name, ())))
