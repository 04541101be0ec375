"""The softmax Jacobian of note 3.3.5 in 03-3: experiments.softmax_jacobians against hand values
and central differences, and the exercise checker check_softmax_jacobian_entries (right answer
accepted, typical slips rejected, spec and Python checker agreeing)."""
import numpy as np
import pytest

from dlnotes import experiments as X
from dlnotes import exercises as E
from dlnotes.gradient import relative_error
from dlnotes.layers import Softmax


def test_softmax_jacobians_by_hand_and_numerically():
    r = X.softmax_jacobians([0.0, np.log(2), np.log(3)])        # y = (1/6, 1/3, 1/2)
    np.testing.assert_allclose(r["y"], [1 / 6, 1 / 3, 1 / 2], rtol=1e-15)
    hand = np.array([[5 / 36, -1 / 18, -1 / 12],
                     [-1 / 18, 2 / 9, -1 / 6],
                     [-1 / 12, -1 / 6, 1 / 4]])
    np.testing.assert_allclose(r["formula"], hand, rtol=1e-14, atol=1e-16)
    assert relative_error(r["formula"], r["numeric"]) < 1e-8
    np.testing.assert_allclose(r["formula"].sum(axis=1), 0, atol=1e-16)
    a = np.array([0.3, 2.9, 4.0, -1.0])
    r = X.softmax_jacobians(a)
    sm = Softmax()
    sm.forward(a[None, :])
    np.testing.assert_allclose(r["formula"], sm.jacobian()[0], rtol=1e-14, atol=1e-17)
    assert relative_error(r["formula"], r["numeric"]) < 1e-8
    assert np.array_equal(a, [0.3, 2.9, 4.0, -1.0])               # the input is not changed
    # dropping the delta term is far from the numerical Jacobian
    y = r["y"]
    assert relative_error(-np.outer(y, y), r["numeric"]) > 0.1


def test_softmax_jacobians_bad_input():
    with pytest.raises(ValueError, match="softmax_jacobians: argument 'a'"):
        X.softmax_jacobians(np.zeros((2, 2)))


RIGHT = (2 / 9, -1 / 6)
WRONGS = [(-1 / 9, -1 / 6),          # forgot the delta term on the diagonal
          (-2 / 9, 1 / 6),           # sign error y_i(y_j - delta_ij)
          (2 / 9, -1 / 9),           # the note's intermediate -y_j^2 off the diagonal
          (2 / 3, -1 / 2),           # forgot the factor y_i
          (-1 / 6, 2 / 9)]           # the two entries swapped


def test_checker_accepts_right_and_rejects_typical_wrong_answers(capsys):
    assert E.check_softmax_jacobian_entries(*RIGHT) is True
    assert capsys.readouterr().out.startswith("Right: ")
    assert E.check_softmax_jacobian_entries(0.2222, -0.1667) is True     # four decimals
    capsys.readouterr()
    for wrong in WRONGS:
        assert E.check_softmax_jacobian_entries(*wrong) is False, wrong
        assert capsys.readouterr().out.startswith("Not yet: ")


def test_checker_hints_name_the_slip():
    answer = E.check_softmax_jacobian_entries.answer()
    assert "delta term" in answer.judge(WRONGS[0])[1]
    assert "signs are flipped" in answer.judge(WRONGS[1])[1]
    assert "not -y_2^2" in answer.judge(WRONGS[2])[1]
    assert "factor y_2" in answer.judge(WRONGS[3])[1]


def test_placeholder_says_not_yet(capsys):
    assert E.check_softmax_jacobian_entries(..., ...) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet: replace each ...") and "Right" not in out
    assert E.check_softmax_jacobian_entries(0.2222, None) is False
    with pytest.raises(TypeError, match="check_softmax_jacobian_entries: argument 'diagonal'"):
        E.check_softmax_jacobian_entries("2/9", -1 / 6)


def test_spec_and_checker_agree(capsys):
    answer = E.check_softmax_jacobian_entries.answer()
    assert answer.checker == "check_softmax_jacobian_entries"
    np.testing.assert_allclose(answer.expected, RIGHT, rtol=1e-15)
    a = np.array(E.SOFTMAX_JACOBIAN_INPUT)
    J = X.softmax_jacobians(a)["numeric"]                      # a second method
    np.testing.assert_allclose(answer.expected, [J[1, 1], J[1, 2]], atol=1e-9)
    for k in (0.5, 2.0):
        for sign in (1, -1):
            values = np.array(RIGHT) + sign * k * answer.tol
            ok, message = answer.judge(values)
            assert ok is (k < 1)
            assert E.check_softmax_jacobian_entries(*values) is ok
            printed = " ".join(capsys.readouterr().out.split())
            assert printed == " ".join(((("Right: " if ok else "Not yet: ") + message)).split())
