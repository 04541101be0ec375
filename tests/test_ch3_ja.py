"""Chapter 3 in Japanese (issue 15): the figures, the live figures and the exercises' answers.

Every public figure and live-figure function of chapter 3 takes ``lang``; with ``lang="ja"`` its
texts are Japanese, with no glyph missing and no English word left; the English default is
unchanged (how readable each Japanese figure is, is checked by tests/test_figure_fonts.py in both
languages).  The captions mirrored by the pages' JavaScript speak Japanese with the same numbers
(tests/browser: the page writes the same strings).  Every chapter-3 checker with an in-page
answer has its texts in Japanese.
"""
import inspect
import re
import warnings

import pytest

import test_ch2_ja as J
import test_figure_fonts as F
from _ja_checks import check_answer_in_japanese, check_notebook_args, japanese
from dlnotes.exercises import ch3 as ex3
from dlnotes.plots import ch3 as p3
from dlnotes.widgets import ch3 as w3

ja_font = J.ja_font

# ---------------------------------------------------------------------------- figures

CH3_FIGURES = [name for name in F.FIGURES if F.FIGURES[name][0] in p3.__all__ and name != "decision_boundary_animation"]
PUBLIC_FIGURES = [n for n in p3.__all__ if callable(getattr(p3, n)) and n[0].islower()]
#: arguments that reach the lang check quickly
_ARGS = {"gradient_check_figure": ("Affine", {"Affine": None}), "confusion_matrix_figure": (None, None, None),
         "misclassified_figure": (None, None, None)}
#: English words no Japanese figure may keep
_ENGLISH = (r"\b(?:loss|class|probability|predicted|true|step|error|parameter|relative|threshold|"
            r"gradient|analytic|numeric|difference|weights?|learning|rate|batch|measured|replacement|"
            r"theory|variance|contours|start|row|sum|index|input|output|confusion|matrix|images?|"
            r"misclassified|the|of|and|per|slope|round-off|acc)\b")


def test_the_font_check_covers_every_chapter_3_figure_the_notebooks_draw():
    drawn = {F.FIGURES[n][0] for n in F.FIGURES if F.FIGURES[n][0] in p3.__all__}
    assert drawn == set(PUBLIC_FIGURES)


@pytest.mark.parametrize("name", PUBLIC_FIGURES)
def test_every_figure_function_takes_lang_and_checks_it(name):
    fn = getattr(p3, name)
    assert inspect.signature(fn).parameters["lang"].default == "en"
    with pytest.raises(ValueError, match=f"{name}: argument 'lang' expected one of"):
        fn(*_ARGS.get(name, ()), lang="fr")


def _build(name, lang, trained):
    """The figure the notebook draws (tests/test_figure_fonts.py's builders), in ``lang``."""
    fn_name, builder, _ = F.FIGURES[name]
    real = getattr(p3, fn_name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(F.plots, fn_name, lambda *a, **k: real(*a, **{**k, "lang": lang}))
        return builder(trained)


@pytest.fixture(scope="module")
def trained():
    """The digits network of 03-4 (a short run: the figures' texts do not depend on its length)."""
    from dlnotes import MultiLayerNet, Trainer
    from dlnotes.datasets import load_digits
    (x_train, t_train), (x_test, t_test) = load_digits(seed=0)
    net = MultiLayerNet(64, [100], 10, seed=0)
    Trainer(net, x_train, t_train, x_test, t_test, epochs=3, mini_batch_size=50, optimizer="sgd",
            optimizer_param={"lr": 0.1}, seed=0, quiet=True).train()
    return {"net": net, "x_test": x_test, "t_test": t_test}


def _texts(fig):
    return [t.get_text() for t, _ in F._drawn_texts(fig)]


@pytest.mark.parametrize("name", CH3_FIGURES)
def test_english_is_the_default_and_japanese_has_every_glyph(name, trained, ja_font):
    en = _texts(F.FIGURES[name][1](trained))
    assert en == _texts(_build(name, "en", trained))
    assert not any(japanese(t) for t in en)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ja = _texts(_build(name, "ja", trained))
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not missing, f"{name}: {missing[:3]}"
    assert any(japanese(t) for t in ja), f"{name}: no Japanese text in {ja}"
    left = [t for t in ja if re.search(_ENGLISH, t)]
    assert not left, f"{name}: English words left: {left}"
    numbers = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")
    assert sorted(numbers.findall(" ".join(en))) == sorted(numbers.findall(" ".join(ja))) \
        or name in ("difference_error_plot", "sequential_vs_batch_figure", "minibatch_variance_figure",
                     "loss_comparison"), name   # 5点公式, 1 巡, 2乗和誤差: digits in the words


def test_animation_titles_in_japanese():
    from dlnotes import experiments
    runs = [experiments.train_toy("xor", iterations=20, snapshots=2)]
    fig, draw, n = p3._boundary_animation_figure(["xor"], runs, lang="ja")
    draw(n - 1)
    assert re.fullmatch(r"xor：20 回更新、正解率 \d\.\d\d", fig.axes[0].get_title())
    html = p3.decision_boundary_animation(["xor"], runs={"xor": runs[0]}, html=False, lang="ja")
    assert "回更新" in html or "<img" in html
    # the player's controls: every title, aria-label and mode label in Japanese, none left in English
    english = p3.decision_boundary_animation(["xor"], runs={"xor": runs[0]}, html=False)
    for en, ja in p3.PLAYER_JA.items():
        assert f'title="{en}"' in english or f">{en}</label>" in english, en
        assert f'title="{en}"' not in html and f'aria-label="{en}"' not in html and f">{en}</label>" not in html
        assert f'title="{ja}"' in html or f">{ja}</label>" in html, ja
    assert len(re.findall(r'<button title="[^"]*" aria-label="[^"]*"', html)) == 9


def test_difference_plot_names_the_formulas_as_the_notes_do():
    fig = p3.difference_error_plot(lang="ja")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert [l.split("：")[0] for l in labels[:5]] == [p3.DIFF_NAMES_JA[m] for m in
                                                      ("forward", "backward", "central", "five_point", "seven_point")]
    assert fig.axes[0].get_title() == "差分による微分の誤差：x = 1 での sin"
    assert p3.difference_error_plot(lang="ja", label="x = 2 での exp").axes[0].get_title().endswith("x = 2 での exp")


# ---------------------------------------------------------------------------- live figures

EXPLORERS = ["lr_explorer", "sgd_explorer", "decision_boundary_explorer"]
CAPTIONS = {"lr_caption": ("parabola", 0.3, 20), "sgd_caption": (0.3, 4, 0.12, 0.13, 0.1, 18.9, 60, 60, 60),
            "playground_readout": (12, 3, 0.51234, 0.8)}


def test_every_public_live_function_takes_lang():
    public = [n for n in w3.__all__ if inspect.isfunction(getattr(w3, n)) and n != "playground_parts"]
    assert sorted(public) == sorted(EXPLORERS + list(CAPTIONS) + ["lr_slider", "gradient_check_explorer"])
    for name in public:
        fn = getattr(w3, name)
        assert inspect.signature(fn).parameters["lang"].default == "en", name
        args = {"lr_slider": (0.1, (1e-3, 1.0), "lr_slider")}.get(name, CAPTIONS.get(name, ()))
        with pytest.raises(ValueError, match=f"{name}: argument 'lang' expected one of"):
            fn(*args, lang="de")


@pytest.mark.parametrize("name", sorted(CAPTIONS))
def test_captions_in_japanese(name):
    fn, args = getattr(w3, name), CAPTIONS[name]
    en, ja = fn(*args), fn(*args, lang="ja")
    assert en == fn(*args, lang="en")
    assert re.findall(r"class=.[\w-]+.", en) == re.findall(r"class=.[\w-]+.", ja)   # same markup
    numbers = re.compile(r"\d+(?:\.\d+)?")
    assert sorted(numbers.findall(en)) == sorted(numbers.findall(ja))
    assert japanese(ja) and not japanese(en)


@pytest.mark.parametrize("lr,word", [(0.05, "遅い"), (0.3, "速い"), (0.9, "振動"), (1.0, "振動し続ける"), (1.05, "発散")])
def test_lr_caption_names_the_regimes_as_the_prose_does(lr, word):
    from dlnotes.landscapes import gd_regime
    assert f"<b>{w3.GD_REGIMES_JA[gd_regime('parabola', lr)]}</b>" in w3.lr_caption("parabola", lr, 20, lang="ja")
    assert f"<b>{word}</b>：lr = " in w3.lr_caption("parabola", lr, 20, lang="ja")
    assert f"<b>{gd_regime('parabola', lr)}</b>: lr = " in w3.lr_caption("parabola", lr, 20)


def test_lr_caption_is_the_explorers_first_readout():
    for lang in ("en", "ja"):
        for land, lr, steps in [("parabola", 0.1, 20), ("book", 1.5, 100), ("book", 0.01, 7)]:
            live = w3.lr_explorer(land, lr=lr, steps=steps, lang=lang)
            assert live.models["caption"].text == w3.lr_caption(land, live.models["settings"].data["lr"][0], steps,
                                                                lang=lang)
    assert "ステップ 19 で発散（|p| > 10⁶、そこまでを描画）" in w3.lr_caption("book", 10 ** 0.18, 100, lang="ja")


def test_playground_readout_in_both_languages():
    R = w3.playground_readout
    assert R(0, 0, 1.1, 0.3333) == ('<span class="train-readout">step <b class="step">0</b> (epoch 0) · '
                                    'loss <b class="loss">1.1000</b> · accuracy <b class="acc">0.333</b></span>')
    assert R(40, 6, 0.25, 0.9, rate=87.5, running=True, lang="ja").endswith("· 毎秒 88 ステップ · 学習中</span>")
    assert "<b>ステップ 7 で発散</b>" in R(7, 1, diverged=7, lr=10.0, lang="ja")
    assert "学習率 10 は大きすぎる" in R(7, 1, diverged=7, lr=10.0, lang="ja")
    assert "learning rate 0.030 is too large" in R(7, 1, diverged=7, lr=0.03)   # JS toPrecision(2)
    assert [w3._to_precision(x, 2) for x in (10.0, 0.03, 9.96, 123.0, 1e-7)] == ["10", "0.030", "10", "1.2e+2",
                                                                                "1.0e-7"]


@pytest.mark.parametrize("name", EXPLORERS)
def test_live_figures_in_japanese(name):
    en, ja = getattr(w3, name)(), getattr(w3, name)(lang="ja")
    assert en.lang == "en" and ja.lang == "ja"
    assert set(en.models) == set(ja.models)                                  # the names tests use
    assert {m.name for m in ja.models.values()} == set(ja.models)
    words_en, words_ja = J._labels(en), [re.sub(r"<[^>]*>", " ", w) for w in J._labels(ja)]
    assert len(words_en) == len(words_ja)
    assert any(japanese(w) for w in words_ja) and not any(japanese(w) for w in words_en)
    english = [w for w in words_ja if re.search(r"\b(?:loss|path|parameter|step|steps|landscape|learning|rate|"
                                                r"batch|size|update|full|mini|contours|class|regions|accuracy|"
                                                r"noise|hidden|units|activation|optimizer|data|set|training)\b", w)]
    assert not english, f"{name}: English words left: {english}"
    from bokeh.models import Button, CustomJS
    langs = {cb.args.get("lang") for cb in ja.layout.references() if isinstance(cb, CustomJS) and "lang" in cb.args}
    assert langs == {"ja"}
    if name == "decision_boundary_explorer":
        assert [ja.models[k].label for k in ("play", "pause", "step", "reset")] == ["▶ 再生", "❚❚ 一時停止", "ステップ",
                                                                                 "リセット"]


def test_japanese_controls_use_the_prose_words():
    sgd = w3.sgd_explorer(lang="ja")
    assert (sgd.models["sgd_B"].title, sgd.models["sgd_lr"].title) == ("バッチサイズ B", "学習率 η")
    lr = w3.lr_explorer(lang="ja")
    assert lr.models["lr"].title == "学習率 η（対数目盛）"
    assert lr.models["landscape"].options == [("parabola", "1 次元の放物線 p²"), ("book", "2 次元のお椀 x²/20 + y²")]
    legend = [i.label.value for i in sgd.models["sgd_plane"].legend[0].items]
    assert legend == ["全バッチ（GD）", "ミニバッチ（SGD）"]


def test_gradient_check_panel_in_japanese(ja_font):
    e = w3.gradient_check_explorer(mode="precomputed", lang="ja")
    assert "事前計算" in e.children[0].value and e.controls["layer"].description == "レイヤ"
    assert e.n_states == 7
    leaf = e.visible()
    assert leaf.children[1].value.startswith("相対誤差の最大値：")
    p = w3.gradient_check_explorer(seed=2, mode="kernel", lang="ja")
    assert "カーネル" in p.widget.children[0].value and p.layer.description == "レイヤ"
    assert p.caption.value.startswith("相対誤差の最大値：")


# ---------------------------------------------------------------------------- exercises

#: the arguments each notebook passes to ``answer_box`` (none but 03-2's method)
NOTEBOOK_ARGS = {"check_halving_factor": ("five_point",)}
ANSWERED = [n for n in ex3.__all__ if hasattr(getattr(ex3, n), "answer")]


def test_the_notebook_args_are_those_of_the_pages():
    check_notebook_args(sorted((F.ROOT / "notebooks" / "src").glob("03-*.py")), ANSWERED, NOTEBOOK_ARGS)


@pytest.mark.parametrize("name", ANSWERED)
def test_every_answer_has_its_texts_in_japanese(name):
    check_answer_in_japanese(name, getattr(ex3, name).answer(*NOTEBOOK_ARGS.get(name, ())))


@pytest.mark.parametrize("method", ["forward", "backward", "central", "five_point", "seven_point"])
def test_halving_factor_in_japanese_names_the_formula(method):
    ja = ex3.check_halving_factor.answer(method).localized("ja")
    assert ja.right.startswith(ex3._DIFF_NAMES_JA[method] + "の誤差は O(h^")
