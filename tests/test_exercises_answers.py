"""dlnotes.exercises' Answer specs: one place for the expected value, tolerance and wording that
the Python checkers and the site's in-page check (dlnotes/js/exercise.js) both use."""
import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

from dlnotes import exercises as E
from dlnotes.exercises import Answer

ROOT = Path(__file__).resolve().parents[1]
DY = np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.5]])      # the 02-3 page's dY

# (checker, extra arguments as in the notebook, call with one answer, right answer, typical wrong answers)
CASES = [
    (E.check_sigmoid_grad_max, (), lambda v: E.check_sigmoid_grad_max(*v), (0.25, 0), [(0.5, 0), (0.25, 1)]),
    (E.check_overflow_limit, (), E.check_overflow_limit, 709.78, [700.0, 710.5]),
    (E.check_low_temperature_limit, (), E.check_low_temperature_limit, [0, 0, 1], [[1 / 3] * 3, [0, 1]]),
    (E.check_affine_shape, (), lambda v: E.check_affine_shape(tuple(v)), (5, 4), [(3, 4), (5,)]),
    (E.check_bias_gradient, (DY,), lambda v: E.check_bias_gradient(v, DY), [0.3, 0.3],
     [DY.mean(axis=0), DY.sum(axis=1)]),
    (E.check_note_mse, (), E.check_note_mse, 0.0195, [0.0975, 0.195]),
    (E.check_critical_lr, (), E.check_critical_lr, 1.0, [20, 2]),
    (E.check_forward_difference, (), E.check_forward_difference, 6.1, [6.0]),
    (E.check_halving_factor, ("five_point",), lambda v: E.check_halving_factor("five_point", v), 16, [4, 2]),
    (E.check_param_count, (), E.check_param_count, 7510, [7400]),
    (E.check_untrained_loss, (), E.check_untrained_loss, 2.3026, [1.0, 0.0]),
    (E.check_adam_first_step, (), E.check_adam_first_step, 0.2 / np.sqrt(0.001), [1.0, 0.1 / np.sqrt(0.001)]),
    (E.check_sgd_lr_limit, (), E.check_sgd_lr_limit, 1.0, [0.5, 2.0]),
    (E.check_adam_late_ratio, (), E.check_adam_late_ratio, (1 - 0.9 ** 2000) / np.sqrt(1 - 0.999 ** 2000),
     [1.0, 0.1 / np.sqrt(0.001)]),
]
IDS = [c[0].__name__ for c in CASES]


@pytest.mark.parametrize("checker,args,call,right,wrongs", CASES, ids=IDS)
def test_checker_accepts_the_right_answer_and_rejects_typical_wrong_ones(checker, args, call, right, wrongs,
                                                                         capsys):
    assert call(right) is True
    assert capsys.readouterr().out.startswith("Right: ")
    for wrong in wrongs:
        assert call(wrong) is False
        assert capsys.readouterr().out.startswith("Not yet: ")


@pytest.mark.parametrize("checker,args,call,right,wrongs", CASES, ids=IDS)
def test_the_spec_and_the_checker_agree(checker, args, call, right, wrongs, capsys):
    answer = checker.answer(*args)
    assert isinstance(answer, Answer) and answer.checker == checker.__name__
    want = np.array(answer.expected, dtype=float)
    np.testing.assert_allclose(want, np.ravel(right), atol=max(answer.tol, 1e-4))
    # the checker's verdict on either side of the tolerance is the spec's
    steps = [0.5, 2.0] if answer.tol > 0 else [0.0, 1.0]
    for k in steps:
        for sign in (1, -1):
            values = want + sign * (k * answer.tol if answer.tol > 0 else k)
            ok, message = answer.judge(values)
            assert ok is (k < 1), (values, message)
            assert call(values if values.size > 1 else float(values[0])) is ok
            printed = " ".join(capsys.readouterr().out.split())
            assert printed == " ".join(((("Right: " if ok else "Not yet: ") + message)).split())


def test_hints_and_parts_reach_the_message():
    ok, message = E.check_note_mse.answer().judge(0.0975)
    assert not ok and "the book's 0.5 * sum" in message
    ok, message = E.check_sigmoid_grad_max.answer().judge((0.25, 1))
    assert message == "sigma(x) = 1/2 happens at x = 0, not 1."
    assert E.check_low_temperature_limit.answer().judge([0, 1]) == (False, "expected 3 probabilities, got 2.")
    ok, message = E.check_bias_gradient.answer(DY).judge(DY.mean(axis=0))
    assert message == "[0.1, 0.1] is not the column sum of dY (that is the mean; the copies add up)."


def test_spec_is_json_for_the_page():
    spec = E.check_halving_factor.answer("five_point").spec()
    assert json.loads(json.dumps(spec)) == spec
    assert spec["expected"] == [16.0] and spec["tol"] == 1e-9 and "five_point" in spec["wrong"]


def _box_html(monkeypatch, *call):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    E.answer_box(*call)
    return "".join(shown)


def test_answer_box_renders_the_checkers_spec_only_for_the_site(monkeypatch):
    monkeypatch.delenv("DLNOTES_BOKEH", raising=False)
    assert _box_html(monkeypatch, E.check_note_mse) == ""             # JupyterLab: the Python checker
    monkeypatch.setenv("DLNOTES_BOKEH", "components")
    page = _box_html(monkeypatch, E.check_bias_gradient, DY)
    data = re.search(r'data-answer="([^"]*)"', page).group(1)
    import html
    assert json.loads(html.unescape(data)) == E.check_bias_gradient.answer(DY).spec()
    assert "<button type='submit'>Check</button>" in page and "dlnotesExercise" in page
    assert "aria-live='polite'" in page
    page = _box_html(monkeypatch, E.check_relu_backward)              # takes a function
    assert "JupyterLab" in page and "<form" not in page
    with pytest.raises(TypeError, match="answer_box: argument 'checker'"):
        E.answer_box(print)


EXERCISE_NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb")
                            if "exercises.check_" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXERCISE_NOTEBOOKS, ids=[p.stem for p in EXERCISE_NOTEBOOKS])
def test_no_exercise_is_answered_in_advance_and_no_stray_return_value(path):
    import nbformat
    nb = nbformat.read(path, as_version=4)
    checks = [c for c in nb.cells if c.cell_type == "code" and "exercises.check_" in c.source
              and "answer_box" not in c.source]
    assert checks
    for cell in checks:
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert "Not yet: " in text and "Right: " not in text, (cell.source, text)
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert not results, (cell.source, results)
