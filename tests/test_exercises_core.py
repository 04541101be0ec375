"""dlnotes.exercises._core: the one verdict printer and the shared argument checks."""
import numpy as np
import pytest

from dlnotes import exercises
from dlnotes.exercises import _core as C


def test_verdict_prints_and_returns_bool(capsys):
    assert C.verdict(np.bool_(True), "yes.", "no.") is True
    assert C.verdict(0, "yes.", "no.") is False
    assert capsys.readouterr().out == "Right: yes.\nNot yet: no.\n"


def test_verdict_wraps_after_the_prefix(capsys):
    words = " ".join(["word"] * 30)                      # 149 characters
    C.verdict(False, "", words, width=40)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Not yet: word") and all(len(line) <= 40 for line in lines)
    assert " ".join(" ".join(lines)[len("Not yet: "):].split()) == words
    C.verdict(True, "short", "", width=40)
    assert capsys.readouterr().out == "Right: short\n"


def test_shared_argument_checks():
    assert C._number(3, "x", "owner") == 3.0 and C._number(float("inf"), "x", "owner") == float("inf")
    with pytest.raises(ValueError, match="owner: argument 'x' expected a finite number"):
        C._number(float("inf"), "x", "owner", finite=True)
    with pytest.raises(TypeError, match="owner: argument 'x' expected a real number"):
        C._number("3", "x", "owner")
    np.testing.assert_array_equal(C._array([[1, 2]], "a", "owner"), [[1.0, 2.0]])
    with pytest.raises(TypeError, match="owner: argument 'a' expected an array of numbers, got dict"):
        C._array({"a": 1}, "a", "owner")
    assert C._callable(len, "fn", "owner") is len
    with pytest.raises(TypeError, match="owner: argument 'fn' expected a function f\\(x\\), got int"):
        C._callable(3, "fn", "owner", "a function f(x)")


# ------------------------------------------------------------------ the page's placeholder

CHECKERS = sorted(n for m in (exercises.ch2, exercises.ch3, exercises.ch4) for n in m.__all__
                  if n.startswith("check_"))


@pytest.mark.parametrize("name", CHECKERS)
def test_every_checker_says_not_yet_to_the_placeholder(name, capsys):
    """The cell a reader opens holds ``...``: its checker says 'Not yet' with the hint, never
    'Right', and never a type error."""
    checker = getattr(exercises, name)
    assert checker(...) is False
    out = capsys.readouterr().out
    assert out == f"Not yet: {exercises.PLACEHOLDER_HINT}\n"
    assert checker.__name__ == name and checker.__doc__      # still the checker, as documented


def test_placeholder_guard_keeps_the_in_page_answer():
    assert exercises.check_sigmoid_grad_at.answer(0.8).expected[0] == pytest.approx(0.16)
    assert exercises.check_sigmoid_grad_at(0.16) is True
