"""The checkers' feedback in the Japanese edition (issue 15): in the site build's editions mode
every verdict is a text output carrying its Japanese line (``metadata.dlnotes.ja``), which the
Japanese edition shows; outside it the checkers print English as before.

Editions mode is simulated here: ``DLNOTES_EDITIONS=1`` and an IPython shell whose
``publish_display_data`` is captured."""
import ast
import re
from pathlib import Path

import numpy as np
import pytest

from _ja_checks import japanese
from dlnotes import exercises, notes
from dlnotes.exercises import _core as C

ENGLISH = re.compile(r"\b(?:the|is|not|your|you|and|of|expected|got|shape|every|function)\b")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
CHECKERS = sorted(n for m in (exercises.ch2, exercises.ch3, exercises.ch4) for n in m.__all__
                  if n.startswith("check_"))


@pytest.fixture
def editions(monkeypatch):
    """Editions mode with a fake shell: returns the list of (data, metadata) published."""
    import IPython
    import IPython.display
    shown = []
    monkeypatch.setenv("DLNOTES_EDITIONS", "1")
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "publish_display_data",
                        lambda data, metadata=None: shown.append((data, metadata)))
    return shown


def _one(shown):
    """The single verdict published: (English, Japanese)."""
    assert len(shown) == 1, shown
    data, metadata = shown.pop()
    return data["text/plain"], metadata["dlnotes"]["ja"]["text/plain"]


def _is_japanese(text):
    body = re.sub(r"\$[^$]*\$|`[^`]*`", "", text)
    return japanese(body) and not ENGLISH.search(body)


def test_every_verdict_call_passes_japanese():
    """Each call of verdict() in dlnotes/exercises gives its Japanese (the ja= argument)."""
    root = Path(C.__file__).parent
    calls = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "verdict":
                calls.append((path.name, node.lineno, {k.arg for k in node.keywords}))
    assert len(calls) >= 15, calls
    missing = [(name, line) for name, line, keys in calls if "ja" not in keys]
    assert not missing, f"verdict() without ja=: {missing}"


@pytest.mark.parametrize("name", CHECKERS)
def test_placeholder_feedback_in_japanese(editions, name, capsys):
    assert getattr(exercises, name)(...) is False
    en, ja = _one(editions)
    assert en == f"Not yet: {exercises.PLACEHOLDER_HINT}"
    assert ja == f"まだ違う：{exercises.PLACEHOLDER_HINT_JA}" and _is_japanese(ja)
    assert capsys.readouterr().out == ""                 # published, not printed


def _answers():
    """(name, Answer) of every checker with an in-page answer, with the pages' arguments."""
    import test_ch2_ja
    import test_ch3_ja
    args = {**test_ch2_ja.NOTEBOOK_ARGS, **test_ch3_ja.NOTEBOOK_ARGS}
    return [(n, getattr(exercises, n).answer(*args.get(n, ()))) for n in CHECKERS
            if hasattr(getattr(exercises, n), "answer")]


@pytest.mark.parametrize("name,answer", _answers(), ids=[n for n, _ in _answers()])
def test_answer_feedback_in_japanese(editions, name, answer):
    """Answer.check publishes the Answer's own Japanese verdict, right and wrong."""
    ja_answer = answer.localized("ja")
    wrong = tuple(v + 1 for v in answer.expected)
    for values, ok in ((answer.expected, True), (wrong, False)):
        assert answer.check(values) is ok
        en, ja = _one(editions)
        assert en == ("Right: " if ok else "Not yet: ") + answer.judge(values)[1] or answer.width, name
        want = ja_answer.judge(values)[1]
        assert ja.startswith("正解：" if ok else "まだ違う：") and _is_japanese(ja), (name, ja)
        assert "".join(ja.split()) == "".join((("正解：" if ok else "まだ違う：") + want).split()), (name, ja)


def test_function_exercises_answer_in_japanese(editions):
    """The exercises whose cells ship the note's own function (03-3, 04-2) and the others that
    take a function or an array: each branch answers in Japanese."""
    cases = [
        (exercises.check_relu_backward, (notes.relu_backward_note,), False),
        (exercises.check_relu_backward, (lambda x, d: np.where(x > 0, d, 0.0),), True),
        (exercises.check_relu_backward, (lambda x, d: x[:1],), False),                 # wrong shape
        (exercises.check_relu_backward, (lambda x, d: 1 / 0,), False),                 # raises
        (exercises.check_softmax_ce_backward, (notes.softmax_ce_backward_note,), False),
        (exercises.check_softmax_ce_backward, (lambda Y, T: (Y - T) / len(Y),), True),
        (exercises.check_bn_backward, (lambda d, x, g: d,), False),
        (exercises.check_bn_backward, (lambda d, x, g: d[:1],), False),
        (exercises.check_gate_weights, ("NOR", -1, -1, 0.5), True),
        (exercises.check_gate_weights, ("NOR", 1, 1, -1.5), False),
        (exercises.check_xor_network, (np.array([[1, -1], [1, -1]]), np.array([-0.5, 1.5]),
                                       np.array([[1], [1]]), np.array([-1.5])), True),
        (exercises.check_xor_network, (np.eye(2), np.zeros(2), np.ones((2, 1)), np.zeros(1)), False),
        (exercises.check_dup, (np.tile([1.0, 2.0], (3, 1)), np.array([1.0, 2.0]), 3), True),
        (exercises.check_dup, (np.ones((2, 2)), np.array([1.0, 2.0]), 3), False),
        (exercises.check_dup, (np.tile([1.0, 1.0], (3, 1)), np.array([1.0, 2.0]), 3), False),
        (exercises.check_bias_gradient, (np.ones((2, 2)), np.ones((3, 2))), False),
        (exercises.check_sgd_lr_limit, (-1.0,), False),
    ]
    x = np.random.default_rng(0).normal(2, 3, size=(6, 3))
    z = (x - x.mean(0)) / x.std(0)
    cases += [(exercises.check_bn_normalized, (z, x), True),
              (exercises.check_bn_normalized, ((x - x.mean(0)) / x.var(0), x), False),
              (exercises.check_bn_normalized, (x, x), False)]
    for checker, args, ok in cases:
        assert checker(*args) is ok, checker.__name__
        en, ja = _one(editions)
        assert en.startswith("Right: " if ok else "Not yet: "), (checker.__name__, en)
        assert ja.startswith("正解：" if ok else "まだ違う：") and _is_japanese(ja), (checker.__name__, ja)
        ja_numbers = NUMBER.findall(ja.split("：", 1)[1])
        lost = [v for v in NUMBER.findall(en.split(":", 1)[1]) if v not in ja_numbers]
        assert not lost, (checker.__name__, lost, en, ja)            # the English numbers, all in Japanese


def test_japanese_is_wrapped_in_double_width_columns(editions):
    C.verdict(False, "", "x", width=40, ja=("", "あ" * 50))
    _, ja = _one(editions)
    assert [len(line) for line in ja.splitlines()] == [20, 20, 15]     # "まだ違う：" + 15, then 20, 15
    # a Latin word or number is never split; a closing mark never starts a line
    assert C._wrap_japanese("ああ dL/dx ああ", 8, 0) == "ああ\ndL/dx あ\nあ"        # 8 columns each
    assert C._wrap_japanese("あいうえ。かき", 8, 0) == "あいうえ。\nかき"
    assert C._wrap_japanese("あ 12345 い", 40, 0) == "あ 12345 い"


def test_editions_mode_refuses_a_verdict_without_japanese(editions):
    with pytest.raises(ValueError, match="verdict: no Japanese feedback for 'Right: yes.' \\(argument 'ja'\\)"):
        C.verdict(True, "yes.", "no.")


def test_outside_editions_mode_the_checkers_print_english(capsys, monkeypatch):
    monkeypatch.delenv("DLNOTES_EDITIONS", raising=False)
    assert exercises.check_relu_backward(notes.relu_backward_note) is False
    assert capsys.readouterr().out.startswith("Not yet: not equal to dout * [x > 0]")
