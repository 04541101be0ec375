"""What the Japanese-edition tests of chapters 2-4 (tests/test_ch*_ja.py, issue 15) check alike.

The figures' readability (at least 9 pt at display size, nothing cut off, no overlap) is
``test_figure_fonts.assert_readable``.
"""
import re

import numpy as np

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")      # kana, kanji, full-width forms


def japanese(text):
    return bool(JAPANESE.search(text))


def _placeholders(text):
    return sorted(re.findall(r"\{\w+\}", text))


def check_notebook_args(sources, answered, notebook_args):
    """Every checker of ``answered`` (those with an in-page answer) gets its box from
    ``answer_box(exercises.<checker>...)`` in the notebook sources ``sources`` (paths), and the
    boxes given arguments are those of ``notebook_args`` (checker -> the arguments passed)."""
    calls = re.findall(r"answer_box\(exercises\.(check_\w+)(.*)\)", "".join(
        p.read_text(encoding="utf-8") for p in sources))
    boxed = {name: rest for name, rest in calls}
    unboxed = sorted(set(answered) - set(boxed))
    assert not unboxed, f"no answer_box in {[p.name for p in sources]} for {unboxed}"
    assert {n for n, rest in boxed.items() if rest.strip(", ")} == set(notebook_args)


def check_answer_in_japanese(name, answer):
    """The exercise answer ``answer`` (of the checker ``name``) has every text in Japanese and
    judges in Japanese as it does in English.

    ``answer.localized("ja")`` keeps the numbers and the tolerance; its ``right``, ``wrong``,
    ``size_wrong`` and ``label``, every hint and every part are Japanese, with the typical
    answers of the hints unchanged and the same ``{...}`` placeholders in ``right`` and
    ``wrong``; ``spec("ja")`` carries those texts with the English numbers; the expected answer
    is right, a wrong one and one of the wrong size get the English verdict with a Japanese
    message; and each hint's typical answer gets that hint, not the message of any wrong answer.
    """
    ja = answer.localized("ja")                    # raises when a text the English has is missing
    assert ja.expected == answer.expected and ja.tol == answer.tol, (name, ja.expected, ja.tol)
    for key in ("right", "wrong", "size_wrong", "label"):
        assert japanese(getattr(ja, key)), (name, key, getattr(ja, key))
    assert len(ja.hints) == len(answer.hints) and len(ja.parts) == len(answer.parts), name
    for (typical_en, _), (typical_ja, text) in zip(answer.hints, ja.hints):
        assert np.array_equal(np.ravel(typical_en), np.ravel(typical_ja)), (name, "hints", typical_en, typical_ja)
        assert japanese(text), (name, "hints", text)
    for text in ja.parts:
        assert japanese(text), (name, "parts", text)
    for key in ("right", "wrong"):                 # the same placeholders as the English
        assert _placeholders(getattr(ja, key)) == _placeholders(getattr(answer, key)), (name, key, getattr(ja, key))
    spec, spec_en = answer.spec("ja"), answer.spec()
    assert (spec["right"], spec["wrong"]) == (ja.right, ja.wrong), (name, spec["right"], spec["wrong"])
    assert spec["expected"] == spec_en["expected"] and spec["tol"] == spec_en["tol"], (name, spec["expected"])
    # the verdicts: the same decisions, in Japanese
    off = tuple(v + 1 for v in answer.expected)
    for values in (answer.expected, off, answer.expected[:-1] or (1.0, 2.0)):
        ok_en, _ = answer.judge(values)
        ok_ja, message = ja.judge(values)
        assert ok_en == ok_ja and japanese(message), (name, values, message)
    ok, message = ja.judge(answer.expected)
    assert ok, (name, "expected", message)
    for typical, text in ja.hints:                 # each typical mistake gets its own Japanese hint
        message = ja.judge(np.ravel(typical))[1]
        assert text in message and message != ja.judge(off)[1], (name, "hint", text, message)
