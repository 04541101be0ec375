"""The live explorers of gradient descent (note 3.2, widgets.lr_explorer) and of the optimizers
(note 4.1, widgets.optimizer_explorer): their initial data are dlnotes' own paths, and their
constructors refuse bad input with a ValueError naming the argument.  What the page recomputes
as the controls move is tested in tests/browser/test_live_optim.py."""
import math

import numpy as np
import pytest

from dlnotes import widgets
from dlnotes.landscapes import LANDSCAPES, gd_path, gd_regime, make_optimizer, run_optimizer
from dlnotes.widgets.live import LiveFigure


def data(model):
    return {k: np.asarray(v) for k, v in model.data.items()}


# ---------------------------------------------------------------- gradient descent (03-1)

def test_lr_explorer_starts_with_gd_path_and_names_the_regime():
    e = widgets.lr_explorer()
    assert isinstance(e, LiveFigure) and e.mode == "browser"
    lr = 10 ** e.models["lr"].value
    assert lr == pytest.approx(0.1, rel=1e-15)
    d = data(e.models["path"])
    path = gd_path("parabola", lr, 20)
    np.testing.assert_array_equal(d["x"], path[:, 0])
    np.testing.assert_array_equal(d["loss"], path[:, 0] ** 2)
    assert f"<b>{gd_regime('parabola', lr)}</b>" in e.models["caption"].text
    assert "critical lr = 2 / 2 = 1" in e.models["caption"].text


def test_lr_explorer_slider_is_continuous_log_scale():
    s = widgets.lr_explorer().models["lr"]
    positions = round((s.end - s.start) / s.step) + 1
    assert positions >= 200
    assert 10 ** s.start == pytest.approx(1e-3) and 10 ** s.end >= 3
    assert any(abs(s.start + i * s.step) < 1e-12 for i in range(positions))     # lr = 1 is a notch


def test_lr_explorer_bowl_and_divergence():
    e = widgets.lr_explorer("book", lr=1.5, steps=100)
    d = data(e.models["path"])
    path = gd_path("book", 10 ** e.models["lr"].value, 100)
    assert len(path) < 101                                  # stopped once |p| > 1e6
    np.testing.assert_array_equal(np.c_[d["x"], d["y"]], path)
    k = len(path) - 1
    assert f"diverged at step {k}" in e.models["caption"].text and "<b>diverging</b>" in e.models["caption"].text
    assert e.models["bowl_plot"].visible and not e.models["curve_plot"].visible


@pytest.mark.parametrize("kwargs, arg", [
    ({"lr": math.nan}, "lr"), ({"lr": 0.0}, "lr"), ({"lr": -0.1}, "lr"), ({"lr": 5.0}, "lr"),
    ({"landscape": "bowl"}, "landscape"), ({"landscape": "saddle"}, "landscape"),
    ({"lr_range": (1.0, 1.0)}, "lr_range"), ({"lr_range": (0.0, 1.0)}, "lr_range"),
    ({"lr_range": (math.nan, 1.0)}, "lr_range"), ({"steps": 0}, "steps"), ({"steps": 101}, "steps"),
])
def test_lr_explorer_refuses_bad_input(kwargs, arg):
    with pytest.raises(ValueError, match=f"lr_explorer: argument '{arg}'"):
        widgets.lr_explorer(**kwargs)


# ---------------------------------------------------------------- optimizers (04-1)

def _run(name, lr, start, steps, beta1, beta2, land="book"):
    return run_optimizer(make_optimizer(name, **widgets.optimizer_hyper(name, lr, beta1, beta2)),
                         land, start, steps)


def test_optimizer_explorer_starts_with_run_optimizer():
    e = widgets.optimizer_explorer()
    m = e.models
    lr = 10 ** m["lr"].value
    path = _run("momentum", lr, (-7.0, 2.0), 30, 0.9, 0.99)
    d = data(m["path_momentum"])
    np.testing.assert_array_equal(np.c_[d["x"], d["y"]], path)
    for name in widgets.EXPLORER_OPTIMIZERS[:-1]:
        if name != "momentum":
            assert len(m[f"path_{name}"].data["x"]) == 0
    end = path[-1]
    assert f"end ({end[0]:.4g}, {end[1]:.4g})" in m["caption"].text and "30 steps" in m["caption"].text
    assert data(m["start"])["x"].tolist() == [-7.0]


def test_optimizer_explorer_race_has_every_optimizer_and_covers_the_beta_sliders():
    e = widgets.optimizer_explorer("race", "rosenbrock", lr=0.001, steps=300, start=(-1.5, 2.5),
                                   beta1=0.5, beta2=0.999)
    m = e.models
    lr = 10 ** m["lr"].value
    for name in widgets.EXPLORER_OPTIMIZERS[:-1]:
        d = data(m[f"path_{name}"])
        np.testing.assert_array_equal(np.c_[d["x"], d["y"]],
                                      _run(name, lr, (-1.5, 2.5), 300, 0.5, 0.999, "rosenbrock"))
    assert m["caption"].text.count("■") == 7
    # the two memory sliders set what the old beta explorers showed: momentum and RMSProp's beta
    assert widgets.optimizer_hyper("momentum", 0.1, 0.8, 0.9) == {"lr": 0.1, "momentum": 0.8}
    assert widgets.optimizer_hyper("rmsprop", 0.1, 0.8, 0.9) == {"lr": 0.1, "decay_rate": 0.9}
    assert widgets.optimizer_hyper("adam_note", 0.1, 0.8, 0.9) == {"lr": 0.1, "beta1": 0.8, "beta2": 0.9}
    assert widgets.optimizer_hyper("sgd", 0.1, 0.8, 0.9) == {"lr": 0.1}


def test_optimizer_explorer_reports_divergence():
    e = widgets.optimizer_explorer("sgd", lr=10.0, steps=300)
    path = _run("sgd", 10 ** e.models["lr"].value, (-7.0, 2.0), 300, 0.9, 0.99)
    assert len(path) < 301 and np.all(np.isfinite(path))
    assert f"diverged at step {len(path)}" in e.models["caption"].text


def test_optimizer_explorer_sliders():
    m = widgets.optimizer_explorer().models
    s = m["lr"]
    assert round((s.end - s.start) / s.step) + 1 >= 200
    assert 10 ** s.start == pytest.approx(1e-3) and 10 ** s.end == pytest.approx(10)
    assert (m["steps"].start, m["steps"].end) == (1, 300)
    assert m["beta1"].value == 0.9 and m["beta2"].value == 0.99


@pytest.mark.parametrize("kwargs, arg", [
    ({"lr": math.nan}, "lr"), ({"lr": 0.0}, "lr"), ({"lr": -1.0}, "lr"), ({"lr": 20.0}, "lr"),
    ({"optimizer": "lbfgs"}, "optimizer"), ({"landscape": "parabola"}, "landscape"),
    ({"start": (11.0, 0.0)}, "start"), ({"start": (0.0, math.nan)}, "start"),
    ({"landscape": "saddle", "start": (-7.0, 2.0)}, "start"), ({"start": (1.0,)}, "start"),
    ({"lr_range": (1.0, 0.5)}, "lr_range"), ({"lr_range": (-1.0, 1.0)}, "lr_range"),
    ({"steps": 0}, "steps"), ({"steps": 301}, "steps"),
    ({"beta1": 1.0}, "beta1"), ({"beta2": math.nan}, "beta2"), ({"beta2": -0.1}, "beta2"),
])
def test_optimizer_explorer_refuses_bad_input(kwargs, arg):
    with pytest.raises(ValueError, match=f"optimizer_explorer: argument '{arg}'"):
        widgets.optimizer_explorer(**kwargs)


def test_every_start_inside_the_box_is_accepted():
    for name in ("book", "saddle", "rosenbrock"):
        f = LANDSCAPES[name]
        corner = (f.xlim[0], f.ylim[1])
        m = widgets.optimizer_explorer(landscape=name, start=corner).models
        assert data(m["start"])["x"].tolist() == [corner[0]]


def test_removed_precomputed_explorers_are_gone():
    for name in ("momentum_explorer", "second_moment_explorer", "optimizer_state", "EXPLORER_LRS"):
        assert not hasattr(widgets, name)
