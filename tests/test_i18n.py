"""dlnotes._i18n: the language argument of figures, live figures and exercises."""
import pytest

from dlnotes._i18n import LANGS, check_lang, tr


def test_tr_picks_the_language():
    assert tr("en", "loss", "損失") == "loss"
    assert tr("ja", "loss", "損失") == "損失"
    assert LANGS == ("en", "ja")


@pytest.mark.parametrize("bad", ["jp", "EN", "", None, 1])
def test_unknown_language_is_refused_naming_the_owner(bad):
    with pytest.raises(ValueError, match=r"sgd_explorer: argument 'lang' expected one of \['en', 'ja'\]"):
        check_lang(bad, "sgd_explorer")
    with pytest.raises(ValueError, match="tr: argument 'lang'"):
        tr(bad, "a", "b")


# ------------------------------------------------------------------ Answer in Japanese

from dlnotes.exercises._core import Answer  # noqa: E402


def _answer(**ja):
    return Answer("check_x", (0.25,), right="1/4 it is.", wrong="{v} is not it{hint}.",
                  hints=((0.5, ": that is sigma(0)"),), label="the value", ja=ja or None)


def test_answer_in_japanese_swaps_every_text_and_keeps_the_numbers():
    a = _answer(right="1/4 である。", wrong="{v} ではない{hint}。", hints=("：それは σ(0)",), label="値")
    ja = a.localized("ja")
    assert ja.judge([0.25]) == (True, "1/4 である。")
    assert ja.judge([0.5]) == (False, "0.5 ではない：それは σ(0)。")
    assert ja.judge([0.3]) == (False, "0.3 ではない。")
    assert ja.judge([1, 2]) == (False, "1 個の数が必要だが、2 個あった。")   # the default, in Japanese
    assert a.spec("ja")["hints"] == [[[0.5], "：それは σ(0)"]] and a.spec("ja")["expected"] == [0.25]
    assert a.localized("en") is a and a.spec() == a.spec("en")


def test_answer_without_its_japanese_texts_is_refused():
    with pytest.raises(ValueError, match=r"check_x: the answer has no Japanese \['right', 'wrong', 'hints', 'label'\]"):
        _answer().localized("ja")
    with pytest.raises(ValueError, match="check_x: expected 1 Japanese hints"):
        _answer(right="r", wrong="w", hints=(), label="l").localized("ja")
    with pytest.raises(ValueError, match="check_x.answer: argument 'lang'"):
        _answer().spec("fr")
