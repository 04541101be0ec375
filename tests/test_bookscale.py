"""The saved book-scale experiments (issue 22): computed by the present code from the present
data (the key), and reproduced by a fresh run of the first steps of each experiment; the key and
its refusal; the confusion matrix by a second method; the figures draw in both languages."""
import json

import numpy as np
import pytest

from dlnotes import bookscale as B
from dlnotes import plots
from dlnotes.datasets import load_fashion_mnist


@pytest.fixture(scope="module")
def saved():
    return B.load_results()          # raises StaleResults when make bookscale is due


@pytest.fixture(scope="module")
def res(saved):
    return saved["results"]


def test_saved_results_are_complete_and_full_size(saved, res):
    assert not saved["quick"] and len(saved["key"]) == 64
    two = res["two_layer"]
    assert two["iterations"] == 17 * 600 and len(two["test_acc"]) == 18 and len(two["pred"]) == 10000
    assert sorted(res["optimizer_race"]) == sorted(B.RACE_OPTIMIZERS)
    assert all(len(r["loss"]) == 2000 for r in res["optimizer_race"].values())
    assert [round(r["scale"], 12) for r in res["bn_weight_scales"]] == [round(s, 12) for s in B.BN_SCALES]
    assert [r["label"] for r in res["mlp_comparison"]] == [a[0] for a in B.MLP_ARCHITECTURES]
    p = saved["provenance"]
    assert p["commit"] != "unknown" and p["computed"].endswith("UTC")
    assert set(p["seconds"]) == {"two_layer", "optimizer_race", "bn_weight_scales", "mlp_comparison"}


def test_the_first_epoch_of_the_two_layer_net_is_reproduced(res):
    """A fresh epoch from the same seed sees the same batches: the same accuracies (to 0.005:
    float32 sums may differ between machines in a few of 10,000 predictions)."""
    fresh = B.two_layer_run(epochs=1)
    two = res["two_layer"]
    for key in ("train_acc", "test_acc"):
        np.testing.assert_allclose(fresh[key], two[key][:2], atol=5e-3, err_msg=key)
    np.testing.assert_allclose(fresh["loss"][:6], two["loss"][:6], rtol=1e-3)
    assert two["test_acc"][1] > 0.7 > two["test_acc"][0]      # one epoch learns; chance is 0.1


def test_the_first_iterations_of_the_race_are_reproduced(res):
    """The same batches from the same weights: the same losses.  float32 sums in another order
    (BLAS threads, another CPU) drift apart slowly, so the first 5 agree to 1e-4 and 15 to 2%."""
    fresh = B.optimizer_race(iterations=15)
    for label, run in fresh.items():
        saved = res["optimizer_race"][label]["loss"]
        np.testing.assert_allclose(run["loss"][:5], saved[:5], rtol=1e-4, err_msg=label)
        np.testing.assert_allclose(run["loss"], saved[:15], rtol=2e-2, err_msg=label)
    # the note's Adam (no bias correction) takes larger first steps than the corrected one
    first = {k: v["loss"] for k, v in fresh.items()}
    assert first["Adam"][0] == pytest.approx(first["Adam (note)"][0], rel=1e-6)   # same start


def test_bn_and_mlp_runs_are_reproduced(res):
    row = B.bn_weight_scale_runs(scales=B.BN_SCALES[:1], epochs=2)[0]
    saved = res["bn_weight_scales"][0]
    for label in ("BN", "no BN"):
        np.testing.assert_allclose(row[label], saved[label][:3], atol=1e-2, err_msg=label)
    label, hidden, act = B.MLP_ARCHITECTURES[-1]
    fresh = B.mlp_comparison(architectures=[(label, hidden, act)], epochs=1)[0]
    want = next(r for r in res["mlp_comparison"] if r["label"] == label)["test_acc"][:2]
    np.testing.assert_allclose(fresh["test_acc"], want, atol=5e-3)


def test_saved_predictions_give_the_saved_accuracy(res):
    _, (_, t) = load_fashion_mnist(normalize=False)
    two = res["two_layer"]
    pred = np.array(two["pred"])
    M = np.zeros((10, 10), int)
    for a, b in zip(t, pred):                 # a second way to count
        M[a, b] += 1
    np.testing.assert_array_equal(B.confusion_counts(t, pred), M)
    assert M.trace() / 10000 == pytest.approx(two["test_acc"][-1], abs=1e-12)
    assert all(0.1 <= c <= 1 for c in two["conf"])             # the largest of 10 probabilities


def test_the_key_follows_code_and_data(tmp_path, monkeypatch, saved):
    key = B.results_key()
    assert key == saved["key"]
    # other data files: another key
    folder = tmp_path / "data"
    folder.mkdir()
    from test_datasets import _fake_mnist
    _fake_mnist(folder, gz=True)
    assert B.results_key(folder) != key
    # a file with another key is refused, naming the make target
    stale = dict(saved, key="0" * 64)
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(stale))
    with pytest.raises(B.StaleResults, match="run `make bookscale`"):
        B.load_results(path)
    assert B.load_results(path, check=False)["key"] == "0" * 64
    with pytest.raises(FileNotFoundError, match="make bookscale"):
        B.load_results(tmp_path / "none.json")
    # one changed byte of a source: another key
    src = tmp_path / "src"
    src.mkdir()
    import dlnotes
    from pathlib import Path
    for name in B.KEY_SOURCES:
        (src / name).write_bytes((Path(dlnotes.__file__).parent / name).read_bytes())
    (src / "layers.py").write_bytes((src / "layers.py").read_bytes() + b"\n")
    monkeypatch.setattr(B, "__file__", str(src / "bookscale.py"))
    assert B.results_key() != key


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_figures_name_the_classes_in_the_page_language(res, lang):
    """(Readability of all six figures, in both languages, is checked by test_figure_fonts.)"""
    from dlnotes.datasets import FASHION_CLASSES, FASHION_CLASSES_JA
    _, (xt, tt) = B._full_data()
    two = res["two_layer"]
    fig = plots.fashion_confusion.__wrapped__(tt, two["pred"], lang=lang)
    names = FASHION_CLASSES_JA if lang == "ja" else FASHION_CLASSES
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [f"{c} {n}" for c, n in enumerate(names)]
    M = B.confusion_counts(tt, two["pred"])
    assert str(M.trace()) in fig.axes[0].get_title()
    fig = plots.fashion_misclassified.__wrapped__(xt, tt, two["pred"], two["conf"], n=3, lang=lang)
    wrong = np.flatnonzero(np.array(two["pred"]) != tt)[:3]
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == [f"{names[tt[i]]}\n→ {names[two['pred'][i]]} ({two['conf'][i]:.2f})" for i in wrong]
