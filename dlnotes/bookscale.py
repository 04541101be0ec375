"""The book's experiments at the book's scale: 60,000 28x28 Fashion-MNIST images (issue 22).

The chapter notebooks train on scikit-learn's 8x8 digits, which takes seconds.  The book's own
figures train on 60,000 MNIST images; Fashion-MNIST (``datasets.load_fashion_mnist``) has the
same format, shapes and split, so the same experiments run on it at full size:

- :func:`two_layer_run`: the 784-50-10 network of the book's chapter 5 with SGD (note 3.2),
  loss per iteration and accuracies per epoch, and its test-set predictions (confusion matrix,
  misclassified images);
- :func:`optimizer_race`: the book's figure 6-9, a 5-layer 100-unit network trained for 2,000
  iterations of batch 128 with SGD, Momentum, AdaGrad and Adam (note 4.1), and the note's Adam
  (no bias correction, note 4.1.3) beside the bias-corrected one;
- :func:`bn_weight_scale_runs`: the book's figure 6-19, training accuracy with and without batch
  normalization (note 4.2.1) over 16 weight scales;
- :func:`mlp_comparison`: the architectures of published Fashion-MNIST results
  (:data:`PUBLISHED`), trained with dlnotes, for a side-by-side table.

These take minutes, so :func:`compute_all` runs them once (``make bookscale``) and
:func:`save_results` writes the numbers to ``dlnotes/results/bookscale.json`` with a key: a hash
of the code that computes them and of the data files (:func:`results_key`).  The notebook reads
them with :func:`load_results`, which refuses a file whose key no longer matches, so a figure can
never show numbers of older code.  Numpy only; ``dlnotes.plots.bookscale`` draws them.
"""
import datetime
import functools
import hashlib
import json
import subprocess
import time
from importlib import resources
from pathlib import Path

import numpy as np

from . import datasets
from ._checks import check_int, check_positive
from .datasets import load_fashion_mnist
from .network import MultiLayerNet
from .optimizers import SGD, AdaGrad, Adam, Momentum
from .trainer import Trainer, TrainingDiverged

__all__ = ["RESULTS_FILE", "KEY_SOURCES", "PUBLISHED", "RACE_OPTIMIZERS", "BN_SCALES",
           "MLP_ARCHITECTURES", "StaleResults", "results_key", "two_layer_run", "optimizer_race",
           "bn_weight_scale_runs", "mlp_comparison", "confusion_counts", "compute_all",
           "save_results", "load_results", "provenance"]

#: Where ``make bookscale`` saves the numbers (inside the package, read with importlib.resources).
RESULTS_FILE = Path(str(resources.files("dlnotes"))) / "results" / "bookscale.json"

#: The dlnotes modules whose code computes the saved numbers: their bytes are part of the key.
KEY_SOURCES = ("bookscale.py", "network.py", "layers.py", "functions.py", "optimizers.py",
               "trainer.py", "datasets.py", "_checks.py")

#: Published Fashion-MNIST test accuracies that nobody here computed: (label, hidden sizes or
#: None, activation, accuracy, source).  The data set's README benchmark table (an MLP
#: 256-128-100 and the human baseline) and Table 3 of Xiao, Rasul & Vollgraf (2017),
#: scikit-learn's MLPClassifier with its defaults (Adam, batch 200, L2 alpha 1e-4).
PUBLISHED = (
    ("MLP 256-128-100", (256, 128, 100), "relu", 0.8833, "Fashion-MNIST README, benchmark table"),
    ("MLPClassifier relu [100]", (100,), "relu", 0.871, "Xiao et al. 2017, Table 3"),
    ("MLPClassifier relu [100, 10]", (100, 10), "relu", 0.870, "Xiao et al. 2017, Table 3"),
    ("MLPClassifier relu [10]", (10,), "relu", 0.848, "Xiao et al. 2017, Table 3"),
    ("human (no fashion expertise)", None, None, 0.835, "Fashion-MNIST README, benchmark table"),
)

#: The optimizers of the race (book figure 6-9, note 4.1): label -> (class, keyword arguments),
#: the book's defaults; "Adam (note)" is note 4.1.3's rule, without bias correction.
RACE_OPTIMIZERS = {
    "SGD": (SGD, {"lr": 0.01}),
    "Momentum": (Momentum, {"lr": 0.01}),
    "AdaGrad": (AdaGrad, {"lr": 0.01}),
    "Adam": (Adam, {"lr": 0.001}),
    "Adam (note)": (Adam, {"lr": 0.001, "bias_correction": False}),
}

#: The weight scales of the batch-normalization runs (book figure 6-19): 16 from 1 down to 1e-4.
BN_SCALES = tuple(float(s) for s in np.logspace(0, -4, num=16))

#: The architectures trained for the side-by-side table: (label, hidden sizes, activation).
MLP_ARCHITECTURES = tuple((label, hidden, act) for label, hidden, act, _, _ in PUBLISHED if hidden)

_DTYPE = np.float32            # as the book's load_mnist(normalize=True): float32 pixels


class StaleResults(ValueError):
    """The saved results were computed by other code or data than the present ones."""


def results_key(data_dir=None):
    """A SHA-256 over the source of :data:`KEY_SOURCES` and the four Fashion-MNIST files."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for name in KEY_SOURCES:
        h.update(name.encode() + b"\0" + (root / name).read_bytes())
    folder = Path(data_dir or datasets.FASHION_MNIST_DIR)
    for name in datasets.MNIST_FILES.values():
        path = folder / (name + ".gz")
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _full_data():
    (x, t), (xt, tt) = load_fashion_mnist()
    return (x.astype(_DTYPE), t), (xt.astype(_DTYPE), tt)


def _data(n_train=None, n_test=None):
    """Fashion-MNIST as float32 (loaded once per process), the first ``n_train`` / ``n_test``."""
    (x, t), (xt, tt) = _full_data()
    return (x[:n_train], t[:n_train]), (xt[:n_test], tt[:n_test])


def _g6(x):
    """``x`` to 6 significant digits: the saved file stays small, and a float32 loss has no more."""
    return float(f"{float(x):.6g}")


def _bins(values, size):
    """Means of consecutive groups of ``size`` values (the last group may be shorter)."""
    v = np.asarray(values, dtype=float)
    return [_g6(v[i:i + size].mean()) for i in range(0, len(v), size)]


def two_layer_run(epochs=17, lr=0.1, batch=100, seed=0, n_train=None, quiet=True):
    """The book's 784-50-10 network (ReLU) trained by SGD (note 3.2) on Fashion-MNIST.

    17 epochs of 600 iterations are the book's 10,000 iterations, rounded up to whole epochs.
    Returns a dict: ``loss`` (mean batch loss of every 100 iterations), ``train_acc`` and
    ``test_acc`` per epoch (entry 0 before training), ``pred`` (the predicted class of every test
    image), ``conf`` (the softmax probability of that prediction) and ``iterations``."""
    epochs = check_int(epochs, "epochs", "two_layer_run", minimum=1)
    (x, t), (xt, tt) = _data(n_train)
    net = MultiLayerNet(784, [50], 10, seed=seed, dtype=_DTYPE)
    trainer = Trainer(net, x, t, xt, tt, epochs=epochs, mini_batch_size=batch, optimizer="sgd",
                      optimizer_param={"lr": lr}, seed=seed, quiet=quiet)
    history = trainer.train()
    scores = net.predict(xt).astype(float)
    y = np.exp(scores - scores.max(axis=1, keepdims=True))
    y /= y.sum(axis=1, keepdims=True)
    pred = y.argmax(axis=1)
    return {"loss": _bins(history["loss"], 100), "train_acc": [float(a) for a in history["train_acc"]],
            "test_acc": [float(a) for a in history["test_acc"]], "pred": pred.tolist(),
            "conf": [round(float(p), 4) for p in y[np.arange(len(y)), pred]],
            "iterations": len(history["loss"])}


def optimizer_race(iterations=2000, batch=128, seed=0, optimizers=None, quiet=True):
    """The book's figure 6-9 on Fashion-MNIST: the same 5-layer network (four hidden layers of
    100 ReLU units) from the same weights, on the same random batches, with each optimizer of
    ``optimizers`` (default :data:`RACE_OPTIMIZERS`, note 4.1).

    Returns {label: {"loss": [loss of every iteration], "test_acc": accuracy at the end}}."""
    from tqdm.auto import tqdm
    iterations = check_int(iterations, "iterations", "optimizer_race", minimum=1)
    (x, t), (xt, tt) = _data()
    rng = np.random.default_rng(seed)
    masks = rng.integers(0, len(x), size=(iterations, batch))     # one batch per iteration, shared
    out = {}
    for label, (cls, kw) in (optimizers or RACE_OPTIMIZERS).items():
        net = MultiLayerNet(784, [100] * 4, 10, seed=seed, dtype=_DTYPE)
        opt, losses = cls(**kw), []
        for mask in tqdm(masks, desc=label, disable=quiet, leave=False):
            opt.update(net.params, net.gradient(x[mask], t[mask]))
            losses.append(_g6(net.last_loss))
        out[label] = {"loss": losses, "test_acc": float(net.accuracy(xt, tt))}
    return out


def bn_weight_scale_runs(scales=BN_SCALES, n_train=1000, epochs=20, batch=100, lr=0.01, seed=0,
                         quiet=True):
    """The book's figure 6-19 on Fashion-MNIST: a network of five hidden layers of 100 ReLU units
    trained by SGD on 1,000 images, with and without batch normalization (note 4.2.1), for every
    weight-init standard deviation of ``scales``.

    Returns a list of {"scale", "BN": train accuracies per epoch, "no BN": the same}; a run that
    diverges (``TrainingDiverged``) keeps the epochs it finished."""
    from tqdm.auto import tqdm
    (x, t), _ = _data(n_train)
    rows = []
    for scale in tqdm(scales, desc="weight scales", disable=quiet, leave=False):
        row = {"scale": float(check_positive(scale, "scales", "bn_weight_scale_runs"))}
        for label, bn in (("BN", True), ("no BN", False)):
            net = MultiLayerNet(784, [100] * 5, 10, weight_init_std=float(scale), use_batchnorm=bn,
                                seed=seed, dtype=_DTYPE)
            trainer = Trainer(net, x, t, epochs=epochs, mini_batch_size=batch, optimizer="sgd",
                              optimizer_param={"lr": lr}, seed=seed, quiet=True)
            try:
                trainer.train()
            except TrainingDiverged:
                pass
            row[label] = [float(a) for a in trainer.history["train_acc"]]
        rows.append(row)
    return rows


def mlp_comparison(architectures=MLP_ARCHITECTURES, epochs=30, batch=200, lr=0.001, seed=0,
                   quiet=True):
    """Each architecture of a published result (:data:`PUBLISHED`) trained with dlnotes: Adam
    (note 4.1.3, bias-corrected) at scikit-learn's defaults (lr 0.001, batch 200), a fixed number
    of epochs, no weight decay.  Returns a list of {"label", "hidden", "activation", "test_acc"
    per epoch, "seconds"}."""
    (x, t), (xt, tt) = _data()
    rows = []
    for label, hidden, act in architectures:
        net = MultiLayerNet(784, list(hidden), 10, activation=act,
                            weight_init_std="relu" if act == "relu" else "sigmoid",
                            seed=seed, dtype=_DTYPE)
        trainer = Trainer(net, x, t, xt, tt, epochs=epochs, mini_batch_size=batch, optimizer="adam",
                          optimizer_param={"lr": lr}, seed=seed, quiet=quiet)
        start = time.perf_counter()
        trainer.train()
        rows.append({"label": label, "hidden": list(hidden), "activation": act,
                     "test_acc": [float(a) for a in trainer.history["test_acc"]],
                     "seconds": round(time.perf_counter() - start, 1)})
    return rows


def confusion_counts(t, pred, n_classes=10):
    """counts[i, j]: how many images of class i were predicted as class j."""
    M = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(M, (np.asarray(t), np.asarray(pred)), 1)
    return M


def _git_commit():
    root = Path(__file__).parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "dlnotes"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head + " (with uncommitted changes)" if dirty else head) if head else "unknown"


def compute_all(quick=False, quiet=False):
    """Run every experiment (minutes; ``quick=True``: a few iterations of each, for tests)."""
    seconds = {}

    def timed(name, fn, **kw):
        start = time.perf_counter()
        out = fn(quiet=quiet, **kw)
        seconds[name] = round(time.perf_counter() - start, 1)
        return out

    small = dict(two=dict(epochs=1, n_train=1000), race=dict(iterations=20),
                 bn=dict(scales=BN_SCALES[::5], epochs=2), mlp=dict(architectures=MLP_ARCHITECTURES[-1:], epochs=1))
    opts = small if quick else {k: {} for k in small}
    results = {"two_layer": timed("two_layer", two_layer_run, **opts["two"]),
               "optimizer_race": timed("optimizer_race", optimizer_race, **opts["race"]),
               "bn_weight_scales": timed("bn_weight_scales", bn_weight_scale_runs, **opts["bn"]),
               "mlp_comparison": timed("mlp_comparison", mlp_comparison, **opts["mlp"])}
    return {"key": results_key(), "quick": bool(quick), "provenance": {
        "computed": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git_commit(), "numpy": np.__version__, "seconds": seconds}, "results": results}


def save_results(saved, path=None):
    """Write what :func:`compute_all` returned to ``path`` (default :data:`RESULTS_FILE`)."""
    path = Path(path or RESULTS_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def load_results(path=None, check=True):
    """The saved results (``make bookscale``); with ``check`` refuses them, naming what to run, when
    their key is not :func:`results_key` of the present code and data."""
    path = Path(path or RESULTS_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"load_results: no saved results at {path}; run `make bookscale` "
                                f"(a few minutes) to compute them")
    saved = json.loads(path.read_text(encoding="utf-8"))
    if check and saved.get("key") != results_key():
        raise StaleResults(f"load_results: the results in {path} were computed by other code or data "
                           f"than the present ones (key {str(saved.get('key'))[:12]}…, now "
                           f"{results_key()[:12]}…); run `make bookscale` to recompute them")
    if check and saved.get("quick"):
        raise StaleResults(f"load_results: the results in {path} are a quick test run; run `make "
                           f"bookscale` for the full experiments")
    return saved


def provenance(saved, lang="en"):
    """One line saying when, with which commit and how long the saved results were computed."""
    p = saved["provenance"]
    total = sum(p["seconds"].values())
    if lang == "ja":
        return (f"計算日時 {p['computed']}、コミット {p['commit']}、numpy {p['numpy']}、"
                f"所要 {total:.0f} 秒（`make bookscale`）")
    return (f"computed {p['computed']} at commit {p['commit']} with numpy {p['numpy']} in "
            f"{total:.0f} s (`make bookscale`)")


if __name__ == "__main__":          # make bookscale
    import sys
    quick = "--quick" in sys.argv
    print(f"saved to {save_results(compute_all(quick=quick))}")
