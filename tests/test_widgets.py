"""The precomputed explorer: one state per combination, controls drive every stack (Python side);
and the tour's live sigmoid steepness explorer (its first state and its errors)."""
import matplotlib
matplotlib.use("Agg")

import ipywidgets as W
import numpy as np
import pytest

from dlnotes.plots import new_figure
from dlnotes.functions import sigmoid
from dlnotes.widgets import explorer, sigmoid_steepness_explorer, steepness_caption


def _render(a, kind):
    fig, ax = new_figure()
    ax.plot([0, 1], [0, a])
    ax.set_title(kind)
    return fig, f"a={a}, kind={kind}"


def test_every_combination_rendered_and_selected():
    e = explorer(_render, {"a": [1, 2, 3], "kind": ["x", "y"]})
    assert e.n_states == 6
    seen = set()
    for a in [1, 2, 3]:
        for kind in ["x", "y"]:
            e.controls["a"].value = a
            e.controls["kind"].value = kind
            leaf = e.visible()
            assert leaf.children[1].value == f"a={a}, kind={kind}"     # caption of that state
            seen.add(id(leaf))
    assert len(seen) == 6
    assert isinstance(e.controls["a"], W.SelectionSlider) and isinstance(e.controls["kind"], W.Dropdown)


def test_jslinks_cover_every_stack():
    e = explorer(_render, {"a": [1, 2], "kind": ["x", "y", "z"]})
    assert len(e.links) == 1 + 2                   # 'a' drives the outer stack, 'kind' both inner ones
    targets = {id(l.target[0]) for l in e.links if l.source[0] is e.controls["kind"]}
    assert len(targets) == 2
    assert all(l.source[1] == "index" and l.target[1] == "selected_index" for l in e.links)


def test_initial_and_errors():
    e2 = explorer(_render, {"a": [1, 2], "kind": ["x"]}, initial={"a": 2})
    assert e2.visible().children[1].value == "a=2, kind=x"
    with pytest.raises(ValueError, match="explorer: argument 'controls' expected at least one"):
        explorer(_render, {})


def test_sigmoid_steepness_explorer_first_state():
    e = sigmoid_steepness_explorer()
    m = e.models
    assert e.mode == "browser"
    s = m["steepness_log10"]
    assert (s.start, s.end, s.step, s.value) == (-1, 1.5, 0.01, 0)      # log10 w: w from 0.1 to 31.6
    x = m["steepness_curve"].data["x"]
    np.testing.assert_array_equal(m["steepness_curve"].data["y"], sigmoid(x))
    assert m["steepness_readout"].text == steepness_caption(1.0) == (
        "<span class='steepness-caption'>w = 1: sigmoid(w · 0.5) = 0.6225 (step gives 1), "
        "slope at 0 = w/4 = 0.25</span>")
    assert "w = 10: sigmoid(w · 0.5) = 0.9933" in steepness_caption(10.0)
    four = sigmoid_steepness_explorer(4.0).models
    np.testing.assert_array_equal(four["steepness_curve"].data["y"], sigmoid(4.0 * x))


def test_sigmoid_steepness_explorer_bad_input():
    for bad in (0, -1, 0.05, 40, float("nan")):
        with pytest.raises(ValueError, match="sigmoid_steepness_explorer: argument 'w'"):
            sigmoid_steepness_explorer(bad)
    with pytest.raises(TypeError, match="sigmoid_steepness_explorer: argument 'w'"):
        sigmoid_steepness_explorer("4")
