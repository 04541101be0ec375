"""The precomputed explorer: one state per combination, controls drive every stack (Python side)."""
import matplotlib
matplotlib.use("Agg")

import ipywidgets as W
import pytest

from dlnotes.plots import new_figure
from dlnotes.widgets import explorer, sigmoid_steepness_explorer


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
    e = sigmoid_steepness_explorer()
    assert e.state() == {"w": 0.5}
    assert e.visible().value[:8] == b"\x89PNG\r\n\x1a\n"
    e2 = explorer(_render, {"a": [1, 2], "kind": ["x"]}, initial={"a": 2})
    assert e2.visible().children[1].value == "a=2, kind=x"
    with pytest.raises(ValueError, match="explorer: argument 'controls' expected at least one"):
        explorer(_render, {})
