"""The 03-4 playground and the 03-3 gradient-check panel: construction, modes and bad input.

What the page computes is tested in Chromium (tests/browser/test_live_train.py)."""
import numpy as np
import pytest

from dlnotes import widgets
from dlnotes.widgets.ch3 import PLAYGROUND_POINTS, PLAYGROUND_SETS, playground_parts
from dlnotes.widgets.live import MODES


def test_playground_is_live_and_names_its_models():
    f = widgets.decision_boundary_explorer("moons", noise=0.3, layers=3, units=8, activation="sigmoid",
                                           optimizer="rmsprop", lr=0.1, batch_size=200)
    assert f.mode == "browser"
    m = f.models
    assert {"dataset", "noise", "layers", "units", "activation", "optimizer", "lr", "batch", "play",
            "pause", "step", "reset", "image", "curve", "readout"} <= set(m)
    assert (m["dataset"].value, m["noise"].value, m["layers"].value, m["units"].value) == ("moons", 0.3, 3, 8)
    assert (m["activation"].value, m["optimizer"].value, m["batch"].value) == ("sigmoid", "rmsprop", 200)
    assert m["lr"].value == pytest.approx(-1.0)        # log10 of the rate
    assert m["dataset"].options == list(PLAYGROUND_SETS)
    assert widgets.decision_boundary_explorer().models["noise"].value == PLAYGROUND_SETS["spirals"][2]


@pytest.mark.parametrize("name", sorted(PLAYGROUND_SETS))
def test_playground_parts_rebuild_the_generators(name):
    kind, cols = playground_parts(name)
    make, arg, _, _ = PLAYGROUND_SETS[name]
    for noise in (0.0, 0.07, 0.6):
        X, t = make(PLAYGROUND_POINTS, **{arg: noise, "seed": 0})
        if kind == "point":
            got = np.column_stack([cols["b0"] + noise * cols["z0"], cols["b1"] + noise * cols["z1"]])
        else:
            a = cols["b1"] + noise * cols["z0"]
            got = np.column_stack([cols["b0"] * np.sin(a), cols["b0"] * np.cos(a)])
        np.testing.assert_allclose(got, X, rtol=0, atol=1e-12)
        assert np.array_equal(cols["t"], t)


@pytest.mark.parametrize("kwargs,arg", [
    ({"dataset": "rings"}, "dataset"),
    ({"noise": float("nan")}, "noise"), ({"noise": -0.1}, "noise"), ({"noise": 1.5}, "noise"),
    ({"lr": 0}, "lr"), ({"lr": -0.01}, "lr"), ({"lr": float("nan")}, "lr"), ({"lr": 100.0}, "lr"),
    ({"layers": 0}, "layers"), ({"layers": 5}, "layers"), ({"units": 0}, "units"), ({"units": 33}, "units"),
    ({"activation": "tanh"}, "activation"), ({"optimizer": "lbfgs"}, "optimizer"),
    ({"batch_size": 0}, "batch_size"), ({"batch_size": 201}, "batch_size"),
])
def test_playground_bad_input_names_the_argument(kwargs, arg):
    with pytest.raises(ValueError, match=f"decision_boundary_explorer: argument '{arg}'"):
        widgets.decision_boundary_explorer(**kwargs)
    with pytest.raises(TypeError, match="decision_boundary_explorer: argument 'dataset'"):
        widgets.decision_boundary_explorer(dataset=3)


def test_playground_parts_unknown_set():
    with pytest.raises(ValueError, match="playground_parts: argument 'name'"):
        playground_parts("rings")


def test_gradient_check_panel_precomputed_says_its_mode():
    e = widgets.gradient_check_explorer(mode="precomputed")
    assert e.mode == "precomputed" and e.n_states == 7
    assert MODES["precomputed"] in e.children[0].value


def test_gradient_check_panel_kernel_recomputes_on_release():
    p = widgets.gradient_check_explorer(seed=3)
    assert p.mode == "kernel" and MODES["kernel"] in p.widget.children[0].value
    assert p.seed.continuous_update is False
    first = p.image.value
    p.seed.value = 4                                   # a release: one recomputation
    assert p.image.value != first
    p.layer.value = "MultiLayerNet"
    assert "W3" in p.caption.value


def test_gradient_check_mode_follows_the_build(monkeypatch):
    monkeypatch.setenv("DLNOTES_BOKEH", "components")
    assert widgets.gradient_check_explorer().mode == "precomputed"


@pytest.mark.parametrize("kwargs,arg,exc", [
    ({"seeds": (5, 2)}, "seeds", ValueError), ({"seeds": ()}, "seeds", ValueError),
    ({"seed": 200}, "seed", ValueError), ({"seed": -1}, "seed", ValueError),
    ({"seed": 1.5}, "seed", TypeError), ({"mode": "browser"}, "mode", ValueError),
])
def test_gradient_check_bad_input_names_the_argument(kwargs, arg, exc):
    with pytest.raises(exc, match=f"gradient_check_explorer: argument '{arg}'"):
        widgets.gradient_check_explorer(**kwargs)
