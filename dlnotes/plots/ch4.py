"""Chapter 4 figures: optimizer paths (note 4.1 Optimizer) and batch normalization (note 4.2.1).

Each figure function computes what it draws with the library itself (``run_optimizer``,
``MultiLayerNet``, ``Trainer``); the small computing helpers it uses are public too, so the
notebooks' check cells and the tests can print/compare the very numbers a figure shows.
"""
import numpy as np

from .._checks import check_choice, check_int, check_positive
from ..landscapes import LANDSCAPES, Landscape, run_optimizer
from ..optimizers import OPTIMIZERS, Adam, get_optimizer
from matplotlib.figure import Figure

from ._core import new_figure

__all__ = ["BOOK_SETTINGS", "LANDSCAPE_SETTINGS", "START", "OPTIMIZER_LABELS", "make_optimizer",
           "optimizer_path", "path_summary", "final_points", "optimizer_paths", "optimizer_race",
           "optimizer_state", "adam_step_ratios", "adam_bias_correction", "effective_lr_trace",
           "effective_learning_rates", "train_with_optimizers", "optimizer_training_curves",
           "hidden_activations", "activation_histograms", "bn_training_runs", "bn_scale_grid"]

START = (-7.0, 2.0)     # the book's starting point (chapter 6, figure 6-8)

# name shown -> (optimizer key, hyper-parameters); the book's chapter-6 learning rates
BOOK_SETTINGS = {"SGD": ("sgd", {"lr": 0.95}), "Momentum": ("momentum", {"lr": 0.1}),
                 "AdaGrad": ("adagrad", {"lr": 1.5}), "Adam": ("adam", {"lr": 0.3})}

# per landscape: start, steps and settings that give readable pictures (the book ones for 'book')
LANDSCAPE_SETTINGS = {
    "book": {"start": START, "steps": 30, "settings": BOOK_SETTINGS},
    "saddle": {"start": (-1.8, 0.001), "steps": 25, "settings": {
        "SGD": ("sgd", {"lr": 0.1}), "Momentum": ("momentum", {"lr": 0.05}),
        "RMSprop": ("rmsprop", {"lr": 0.05}), "Adam": ("adam", {"lr": 0.1})}},
    "rosenbrock": {"start": (-1.2, 1.0), "steps": 300, "settings": {
        "SGD": ("sgd", {"lr": 0.001}), "Momentum": ("momentum", {"lr": 0.0005}),
        "RMSprop": ("rmsprop", {"lr": 0.01}), "Adam": ("adam", {"lr": 0.1})}},
}

OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov",
                    "adagrad": "AdaGrad", "rmsprop": "RMSprop", "adam": "Adam",
                    "adam_note": "Adam (note 4.1.3, no bias correction)"}
_COLORS = {"sgd": "C0", "momentum": "C1", "nesterov": "C5", "adagrad": "C2", "rmsprop": "C4",
           "adam": "C3", "adam_note": "C6"}


# ---------------------------------------------------------------- computing paths

def make_optimizer(name, **hyper):
    """A fresh optimizer: a key of ``dlnotes.optimizers.OPTIMIZERS`` or ``'adam_note'``
    (the note's Adam: no bias correction, no epsilon)."""
    if name == "adam_note":
        from ..notes import adam_note
        return adam_note(**hyper)
    key = check_choice(name, "name", {**OPTIMIZERS, "adam_note": None}, "make_optimizer")
    return get_optimizer(key, **hyper)


def _landscape(f, owner):
    if isinstance(f, str):
        return LANDSCAPES[check_choice(f, "f", LANDSCAPES, owner)]
    if not isinstance(f, Landscape):
        raise TypeError(f"{owner}: argument 'f' expected a landscape or one of {sorted(LANDSCAPES)}, "
                        f"got {type(f).__name__}")
    return f


def optimizer_path(name, f="book", start=None, steps=None, **hyper):
    """Path (array of shape (<= steps + 1, 2)) of a fresh ``name`` optimizer on landscape ``f``.

    ``start``/``steps`` default to the landscape's entry in ``LANDSCAPE_SETTINGS``.
    The walk is ``dlnotes.landscapes.run_optimizer`` itself, nothing re-implemented.
    """
    f = _landscape(f, "optimizer_path")
    preset = LANDSCAPE_SETTINGS.get(f.name, {"start": (0.5, 0.5), "steps": 30})
    start = preset["start"] if start is None else start
    steps = preset["steps"] if steps is None else steps
    return run_optimizer(make_optimizer(name, **hyper), f, start, steps)


def path_summary(path, f="book", steps=None):
    """Final point, loss there, and whether the run stopped early (diverged) -- the readout."""
    f = _landscape(f, "path_summary")
    x, y = (float(v) for v in path[-1])
    done = len(path) - 1
    return {"final": (x, y), "loss": float(f(x, y)), "steps": done,
            "diverged": steps is not None and done < steps}


def final_points(settings=None, f="book", start=None, steps=None):
    """{label: path_summary} for each ``label: (name, hyper)`` of ``settings`` (default: the book's)."""
    f = _landscape(f, "final_points")
    preset = LANDSCAPE_SETTINGS.get(f.name, {"start": (0.5, 0.5), "steps": 30, "settings": BOOK_SETTINGS})
    settings = preset["settings"] if settings is None else settings
    steps = preset["steps"] if steps is None else steps
    out = {}
    for label, (name, hyper) in settings.items():
        out[label] = path_summary(optimizer_path(name, f, start, steps, **hyper), f, steps)
    return out


# ---------------------------------------------------------------- drawing paths

_GRIDS = {}


def _contours(ax, f):
    if f.name not in _GRIDS:
        xs = np.linspace(*f.xlim, 90)
        ys = np.linspace(*f.ylim, 90)
        X, Y = np.meshgrid(xs, ys)
        _GRIDS[f.name] = (X, Y, f(X, Y))
    X, Y, Z = _GRIDS[f.name]
    if f.name == "saddle":
        levels = np.linspace(-4, 4, 17)
    else:
        lo = max(float(Z.min()), 1e-3)
        levels = np.geomspace(lo if f.name != "book" else 0.05, float(Z.max()), 10)
    ax.contour(X, Y, Z, levels=levels, colors="0.65", linewidths=0.7)
    if f.minimum is not None:
        ax.plot(*f.minimum, marker="+", color="k", ms=10, mew=1.5)
    ax.set(xlim=f.xlim, ylim=f.ylim, xlabel="x", ylabel="y")


def _draw(ax, path, color, label):
    ax.plot(path[:, 0], path[:, 1], "-o", color=color, ms=2.5, lw=1.1, label=label)
    ax.plot(*path[0], marker="s", color="k", ms=4)


def _resolve_settings(settings, f):
    preset = LANDSCAPE_SETTINGS.get(f.name, LANDSCAPE_SETTINGS["book"])
    return preset["settings"] if settings is None else settings


def optimizer_paths(settings=None, f="book", start=None, steps=None):
    """The book's side-by-side figure: one contour panel per optimizer with its path."""
    f = _landscape(f, "optimizer_paths")
    settings = _resolve_settings(settings, f)
    fig, axes = new_figure(ncols=len(settings), width=3.3, height=2.9 if f.name == "book" else 3.2,
                           squeeze=False)
    for ax, (label, (name, hyper)) in zip(axes[0], settings.items()):
        path = optimizer_path(name, f, start, steps, **hyper)
        s = path_summary(path, f)
        _contours(ax, f)
        _draw(ax, path, _COLORS.get(name, "C0"), label)
        hp = ", ".join(f"{k} {v:g}" for k, v in hyper.items())
        ax.set_title(f"{label} ({hp})\n{s['steps']} steps, end ({s['final'][0]:.3g}, {s['final'][1]:.3g})",
                     fontsize=9)
    fig.suptitle(f"Optimizer paths on {_title(f)}", fontsize=10)
    return fig


def _title(f):
    return {"book": "f = x²/20 + y²", "saddle": "the saddle f = x² − y²",
            "rosenbrock": "Rosenbrock f = (1−x)² + 100(y−x²)²"}.get(f.name, f.name)


def optimizer_race(settings=None, f="book", start=None, steps=None):
    """All optimizers on one contour plot (left) and their loss per step (right, log scale)."""
    f = _landscape(f, "optimizer_race")
    settings = _resolve_settings(settings, f)
    fig, (ax1, ax2) = new_figure(ncols=2, width=4.6, height=3.4)
    _contours(ax1, f)
    for label, (name, hyper) in settings.items():
        path = optimizer_path(name, f, start, steps, **hyper)
        color = _COLORS.get(name, None)
        _draw(ax1, path, color, label)
        loss = f(path[:, 0], path[:, 1])
        if f.name == "saddle":
            ax2.plot(loss, color=color, label=label)
        else:
            ax2.semilogy(np.maximum(loss, 1e-16), color=color, label=label)
    ax1.set_title(f"Race on {_title(f)}", fontsize=10)
    ax1.legend(loc="lower left", fontsize=8)
    ax2.set(xlabel="step", ylabel="loss f(x, y)" + (" (log scale)" if f.name != "saddle" else ""),
            title="Loss along each path")
    ax2.legend(fontsize=8)
    return fig


def optimizer_state(name, lr, f="book", steps=None, start=None, **hyper):
    """One explorer state: (figure, caption).  ``name='race'`` overlays every optimizer of the
    explorer at the same learning rate; otherwise one path with a readout of its end point.
    ``hyper`` (e.g. ``momentum=0.5`` or ``beta1=0.8``) goes to the optimizer(s)."""
    f = _landscape(f, "optimizer_state")
    check_positive(lr, "lr", "optimizer_state")
    preset = LANDSCAPE_SETTINGS.get(f.name, LANDSCAPE_SETTINGS["book"])
    steps = preset["steps"] if steps is None else steps
    names = ["sgd", "momentum", "adagrad", "rmsprop", "adam"] if name == "race" else [name]
    fig = Figure(figsize=(5.2, 3.1))        # fixed margins (no layout engine): an explorer
    ax = fig.add_axes((0.1, 0.14, 0.87, 0.76))  # renders many states, this keeps each one fast
    _contours(ax, f)
    rows = []
    for n in names:
        path = optimizer_path(n, f, start, steps, lr=lr, **hyper)
        s = path_summary(path, f, steps)
        _draw(ax, path, _COLORS.get(n), OPTIMIZER_LABELS[n])
        if s["diverged"]:
            status = f"stopped (overflow) after {s['steps']} steps"
        elif s["loss"] > f(*path[0]):
            status = f"diverging: after {steps} steps the loss is above the start's"
        else:
            status = f"after {steps} steps"
        rows.append(f"<b>{OPTIMIZER_LABELS[n]}</b> {status}: end point "
                    f"({s['final'][0]:.4g}, {s['final'][1]:.4g}), loss {s['loss']:.4g}")
    title = "all optimizers" if name == "race" else OPTIMIZER_LABELS[name]
    extra = "".join(f", {k} = {v:g}" for k, v in hyper.items())
    ax.set_title(f"{title}, lr = {lr:g}{extra}, {steps} steps on {_title(f)}", fontsize=10)
    if name == "race":
        ax.legend(loc="lower left", fontsize=7)
    return fig, "<br>".join(rows)


# ---------------------------------------------------------------- Adam's bias, effective rates

def adam_step_ratios(steps=1000, beta1=0.9, beta2=0.999, g=1.0):
    """|step| / lr of the note's Adam and the bias-corrected Adam for a constant gradient ``g``,
    measured by running the two optimizers on one parameter (lr = 1, eps = 0)."""
    steps = check_int(steps, "steps", "adam_step_ratios", minimum=1)
    out = {}
    for label, corr in (("note", False), ("corrected", True)):
        opt = Adam(lr=1.0, beta1=beta1, beta2=beta2, eps=0.0, bias_correction=corr)
        p = {"w": np.zeros(1)}
        ratios = np.empty(steps)
        for t in range(steps):
            before = p["w"][0]
            opt.update(p, {"w": np.array([g])})
            ratios[t] = abs(p["w"][0] - before)
        out[label] = ratios
    return out


def adam_bias_correction(steps=1000, beta1=0.9, beta2=0.999):
    """Step size over lr against the step number for a constant gradient: the note's Adam
    starts at (1-beta1)/sqrt(1-beta2) ~ 3.16 and overshoots; the corrected one stays at 1."""
    r = adam_step_ratios(steps, beta1, beta2)
    t = np.arange(1, steps + 1)
    fig, ax = new_figure(width=5.6, height=3.2)
    ax.semilogx(t, r["note"], color=_COLORS["adam_note"], lw=2, label="note 4.1.3 (no bias correction)")
    ax.semilogx(t, r["corrected"], color=_COLORS["adam"], lw=2, ls="--", label="bias-corrected (Kingma & Ba)")
    ax.axhline((1 - beta1) / np.sqrt(1 - beta2), color="0.5", lw=0.8, ls=":")
    ax.set(xlabel="update number t (log scale)", ylabel="|step| / learning rate",
           title=f"Adam with a constant gradient (β1 = {beta1:g}, β2 = {beta2:g})")
    ax.legend()
    return fig


def effective_lr_trace(name, f="book", start=None, steps=None, **hyper):
    """Per-coordinate effective learning rate lr / (sqrt(G) + eps) after each update of
    RMSprop/AdaGrad (G = their ``h``) or Adam (G = bias-corrected ``v`` when corrected).
    Returns an array of shape (steps, 2): columns x and y.  The optimizer is stepped one
    ``run_optimizer`` call at a time, so its state can be read between updates."""
    if name not in ("rmsprop", "adagrad", "adam", "adam_note"):
        raise ValueError("effective_lr_trace: argument 'name' expected 'rmsprop', 'adagrad', 'adam' "
                         f"or 'adam_note', got {name!r}")
    f = _landscape(f, "effective_lr_trace")
    preset = LANDSCAPE_SETTINGS.get(f.name, LANDSCAPE_SETTINGS["book"])
    point = preset["start"] if start is None else start
    steps = preset["steps"] if steps is None else steps
    opt = make_optimizer(name, **hyper)
    rows = []
    for _ in range(steps):
        path = run_optimizer(opt, f, point, 1)
        if len(path) < 2:
            break
        point = path[-1]
        if isinstance(opt, Adam):
            G = {k: v / (1 - opt.beta2 ** opt.iter) if opt.bias_correction else v for k, v in opt.v.items()}
        else:
            G = opt.h
        rows.append([opt.lr / (np.sqrt(G[k][0]) + opt.eps) for k in ("x", "y")])
    return np.array(rows)


def effective_learning_rates(settings=None, f="book", steps=None):
    """Effective learning rate of x and of y for each adaptive optimizer (log scale)."""
    settings = settings or {"RMSprop (lr 0.1)": ("rmsprop", {"lr": 0.1}),
                            "Adam (lr 0.3)": ("adam", {"lr": 0.3}),
                            "AdaGrad (lr 1.5)": ("adagrad", {"lr": 1.5})}
    fig, axes = new_figure(ncols=len(settings), width=3.4, height=3.0, squeeze=False)
    for ax, (label, (name, hyper)) in zip(axes[0], settings.items()):
        tr = effective_lr_trace(name, f, steps=steps, **hyper)
        t = np.arange(1, len(tr) + 1)
        ax.semilogy(t, tr[:, 0], color="C0", label="x (gentle, ∂f/∂x = x/10)")
        ax.semilogy(t, tr[:, 1], color="C3", label="y (steep, ∂f/∂y = 2y)")
        ax.axhline(hyper["lr"], color="0.5", ls=":", lw=0.8)
        ax.set(xlabel="step", ylabel="lr / (√G + ε)", title=label)
        ax.legend(fontsize=7)
    fig.suptitle("Per-coordinate effective learning rate on x²/20 + y² from (−7, 2) "
                 "(dotted: the nominal lr)", fontsize=10)
    return fig


# ---------------------------------------------------------------- training on the digits

TRAIN_SETTINGS = {"SGD": ("sgd", {"lr": 0.1}), "Momentum": ("momentum", {"lr": 0.05}),
                  "AdaGrad": ("adagrad", {"lr": 0.05}), "RMSprop": ("rmsprop", {"lr": 0.002}),
                  "Adam": ("adam", {"lr": 0.002})}


def train_with_optimizers(settings=None, epochs=5, hidden=(50, 50), batch_size=64, seed=0):
    """Train the same digits network (same initial weights, same mini-batches) with each
    optimizer; returns {label: history}."""
    from ..datasets import load_digits
    from ..network import MultiLayerNet
    from ..trainer import Trainer
    settings = settings or TRAIN_SETTINGS
    (xtr, ttr), (xte, tte) = load_digits(seed=0)
    out = {}
    for label, (name, hyper) in settings.items():
        net = MultiLayerNet(64, list(hidden), 10, seed=seed)
        tr = Trainer(net, xtr, ttr, xte, tte, epochs=epochs, mini_batch_size=batch_size,
                     optimizer=make_optimizer(name, **hyper), seed=seed, quiet=True,
                     evaluate_sample_num_per_epoch=len(xte))
        out[label] = tr.train()
    return out


def optimizer_training_curves(histories):
    """Loss per iteration (smoothed over 10 iterations) and test accuracy per epoch."""
    fig, (ax1, ax2) = new_figure(ncols=2, width=4.6, height=3.3)
    k = 10
    for i, (label, h) in enumerate(histories.items()):
        loss = np.asarray(h["loss"])
        smooth = np.convolve(loss, np.ones(k) / k, mode="valid") if len(loss) >= k else loss
        ax1.semilogy(np.arange(len(smooth)) + (len(loss) - len(smooth)), smooth, color=f"C{i}", label=label)
        ax2.plot(h["test_acc"], marker="o", ms=3, color=f"C{i}", label=label)
    ax1.set(xlabel="iteration (mini-batch)", ylabel="training loss (cross-entropy, log)",
            title="Digits: training loss, 10-step mean")
    ax2.set(xlabel="epoch", ylabel="test accuracy", ylim=(0, 1.02), title="Digits: test accuracy")
    ax1.legend(fontsize=8)
    ax2.legend(fontsize=8, loc="lower right")
    return fig


# ---------------------------------------------------------------- batch normalization

def hidden_activations(net, x, train_flg=True):
    """Outputs of every activation layer of a MultiLayerNet for input ``x`` (a list)."""
    from ..layers import BatchNormalization, Dropout
    out = []
    h = net._input(x, None, "predict")[0]
    for name, layer in net.layers.items():
        h = layer.forward(h, train_flg) if isinstance(layer, (BatchNormalization, Dropout)) else layer.forward(h)
        if name.startswith("Activation_function"):
            out.append(h)
    return out


def activation_histograms(scales=(1.0, 0.01), n_layers=5, width=100, activation="sigmoid",
                          n=1000, seed=0):
    """Histograms of each hidden layer's activations at initialisation, without and with BN,
    for several weight-init scales (rows) -- the book's figures 6-10 to 6-13 plus BN."""
    check_int(n_layers, "n_layers", "activation_histograms", minimum=1)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    rows = [(s, bn) for s in scales for bn in (False, True)]
    fig, axes = new_figure(ncols=n_layers, nrows=len(rows), width=1.9, height=1.35, squeeze=False)
    rng_range = (0, 1) if activation == "sigmoid" else None
    for r, (scale, bn) in enumerate(rows):
        net = _deep_net(width, n_layers, activation, scale, bn, seed)
        acts = hidden_activations(net, x, train_flg=True)
        for c, a in enumerate(acts):
            ax = axes[r, c]
            ax.hist(a.ravel(), bins=30, range=rng_range, color="C2" if bn else "C0")
            ax.set_yticks([])
            ax.tick_params(labelsize=7)
            if r == 0:
                ax.set_title(f"layer {c + 1}", fontsize=9)
            if c == 0:
                ax.set_ylabel(f"std {scale}\n{'with BN' if bn else 'no BN'}", fontsize=8)
            if r == len(rows) - 1:
                ax.set_xlabel(f"{activation} output", fontsize=8)
    fig.suptitle(f"Activations at initialisation ({n_layers} layers of {width} {activation} units)",
                 fontsize=10)
    return fig


def _deep_net(width, n_layers, activation, scale, bn, seed):
    """A square deep net (width inputs, n_layers hidden layers of width units) for the histograms."""
    from ..network import MultiLayerNet
    return MultiLayerNet(width, [width] * n_layers, 10, activation=activation, weight_init_std=scale,
                         use_batchnorm=bn, seed=seed)


def bn_training_runs(scales=(3.0, 1.0, 0.3, 0.1, 0.03, 0.01), epochs=6, hidden=(30, 30, 30, 30),
                     n_train=400, batch_size=40, lr=0.1, seed=0):
    """Train the digits network with and without BN for each weight-init std (plain SGD, as in
    the book's figure 6-19).  Returns {scale: {'BN': history, 'no BN': history}}; a run that
    diverges keeps the history recorded before it stopped."""
    from ..datasets import load_digits
    from ..network import MultiLayerNet
    from ..trainer import Trainer, TrainingDiverged
    (xtr, ttr), _ = load_digits(seed=0)
    xtr, ttr = xtr[:n_train], ttr[:n_train]
    runs = {}
    for scale in scales:
        runs[scale] = {}
        for label, bn in (("BN", True), ("no BN", False)):
            net = MultiLayerNet(64, list(hidden), 10, weight_init_std=scale, use_batchnorm=bn, seed=seed)
            tr = Trainer(net, xtr, ttr, epochs=epochs, mini_batch_size=batch_size, optimizer="sgd",
                         optimizer_param={"lr": lr}, seed=seed, quiet=True)
            try:
                tr.train()
            except TrainingDiverged:
                pass
            runs[scale][label] = tr.history
    return runs


def bn_scale_grid(runs):
    """Small multiples: training accuracy per epoch with and without BN, one panel per scale."""
    scales = list(runs)
    ncols = min(3, len(scales))
    nrows = -(-len(scales) // ncols)
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=2.8, height=2.1, squeeze=False)
    for ax in axes.ravel()[len(scales):]:
        ax.set_visible(False)
    for ax, scale in zip(axes.ravel(), scales):
        for label, color, ls in (("BN", "C3", "-"), ("no BN", "C0", "--")):
            acc = runs[scale][label]["train_acc"]
            ax.plot(acc, color=color, ls=ls, marker="o", ms=2.5, label=label)
        ax.set(ylim=(0, 1.02), title=f"weight init std = {scale:g}", xlabel="epoch",
               ylabel="train accuracy")
        ax.title.set_fontsize(9)
    axes[0, 0].legend(fontsize=8, loc="upper left")
    fig.suptitle("Digits, plain SGD: training accuracy with BN (solid) and without (dashed)", fontsize=10)
    return fig
