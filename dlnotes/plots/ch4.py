"""Chapter 4 figures: optimizer paths (note 4.1 Optimizer) and batch normalization (note 4.2.1).

Each figure draws numbers computed by the numpy-only core: the paths and presets of
``dlnotes.landscapes`` (``optimizer_path``, ``final_points``, ...) and the training runs of
``dlnotes.experiments``, so the notebooks' check cells and the tests print/compare the very
numbers a figure shows.
"""
import numpy as np

from .._checks import check_int
from .._i18n import check_lang, tr
from ..experiments import BN_GRAPH_EDGES, deep_net, hidden_activations
from ..landscapes import (ADAPTIVE_SETTINGS, START, adam_step_ratios,
                          effective_lr_trace, get_landscape, landscape_preset, optimizer_path,
                          path_summary)
from ._core import new_figure

__all__ = ["optimizer_paths", "optimizer_race",
           "adam_bias_correction", "effective_learning_rates", "optimizer_training_curves",
           "activation_histograms", "bn_scale_grid", "bn_graph"]

_COLORS = {"sgd": "C0", "momentum": "C1", "nesterov": "C5", "adagrad": "C2", "rmsprop": "C4",
           "adam": "C3", "adam_note": "C6"}


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


def optimizer_paths(settings=None, f="book", start=None, steps=None, lang="en"):
    """The book's side-by-side figure: one contour panel per optimizer with its path
    (texts in ``lang``, "en" or "ja")."""
    check_lang(lang, "optimizer_paths")
    f = get_landscape(f, "optimizer_paths", dim=2)
    settings = landscape_preset(f, settings)[2]
    ncols = min(2, len(settings))
    fig, axes = new_figure(ncols=ncols, nrows=-(-len(settings) // ncols), width=3.7,
                           height=3.0 if f.name == "book" else 3.3, squeeze=False)
    for ax in axes.ravel()[len(settings):]:
        ax.set_visible(False)
    for ax, (label, (name, hyper)) in zip(axes.ravel(), settings.items()):
        path = optimizer_path(name, f, start, steps, **hyper)
        s = path_summary(path, f)
        _contours(ax, f)
        _draw(ax, path, _COLORS.get(name, "C0"), label)
        hp = ", ".join(f"{k} {v:g}" for k, v in hyper.items())
        end = f"({s['final'][0]:.3g}, {s['final'][1]:.3g})"
        ax.set_title(f"{label} ({hp})\n" + tr(lang, f"{s['steps']} steps, end {end}",
                                              f"{s['steps']} ステップ、終点 {end}"), fontsize=10)
    fig.suptitle(tr(lang, f"Optimizer paths on {_title(f)}", f"{_title(f, lang)} 上の最適化手法の経路"),
                 fontsize=11)
    return fig


def _title(f, lang="en"):
    if lang == "ja":
        return {"book": "f = x²/20 + y²", "saddle": "鞍点をもつ f = x² − y²",
                "rosenbrock": "Rosenbrock f = (1−x)² + 100(y−x²)²"}.get(f.name, f.name)
    return {"book": "f = x²/20 + y²", "saddle": "the saddle f = x² − y²",
            "rosenbrock": "Rosenbrock f = (1−x)² + 100(y−x²)²"}.get(f.name, f.name)


def optimizer_race(settings=None, f="book", start=None, steps=None, lang="en"):
    """All optimizers on one contour plot (left) and their loss per step (right, log scale),
    texts in ``lang`` ("en" or "ja")."""
    check_lang(lang, "optimizer_race")
    f = get_landscape(f, "optimizer_race", dim=2)
    settings = landscape_preset(f, settings)[2]
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.6)
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
    ax1.set_title(tr(lang, f"Race on {_title(f)}", f"競走：{_title(f, lang)}"), fontsize=10)
    ax1.legend(loc="lower left", fontsize=9)
    log = f.name != "saddle"
    ax2.set(xlabel=tr(lang, "step", "ステップ"),
            ylabel=tr(lang, "loss f(x, y)" + (" (log scale)" if log else ""),
                      "損失 f(x, y)" + ("（対数目盛）" if log else "")),
            title=tr(lang, "Loss along each path", "各経路に沿った損失"))
    ax2.legend(fontsize=9)
    return fig


# ---------------------------------------------------------------- Adam's bias, effective rates

def adam_bias_correction(steps=1000, beta1=0.9, beta2=0.999, lang="en"):
    """Step size over lr against the step number for a constant gradient: the note's Adam
    starts at (1-beta1)/sqrt(1-beta2) ~ 3.16 and overshoots; the corrected one stays at 1.
    Texts in ``lang`` ("en" or "ja")."""
    check_lang(lang, "adam_bias_correction")
    r = adam_step_ratios(steps, beta1, beta2)
    t = np.arange(1, steps + 1)
    fig, ax = new_figure(width=5.6, height=3.2)
    ax.semilogx(t, r["note"], color=_COLORS["adam_note"], lw=2,
                label=tr(lang, "note 4.1.3 (no bias correction)", "ノート 4.1.3（バイアス補正なし）"))
    ax.semilogx(t, r["corrected"], color=_COLORS["adam"], lw=2, ls="--",
                label=tr(lang, "bias-corrected (Kingma & Ba)", "バイアス補正あり（Kingma & Ba）"))
    ax.axhline((1 - beta1) / np.sqrt(1 - beta2), color="0.5", lw=0.8, ls=":")
    ax.set(xlabel=tr(lang, "update number τ (log scale)", "更新回数 τ（対数目盛）"),
           ylabel=tr(lang, "|step| / learning rate", "|一歩| / 学習率"),
           title=tr(lang, f"Adam with a constant gradient (β1 = {beta1:g}, β2 = {beta2:g})",
                    f"一定の勾配での Adam（β1 = {beta1:g}, β2 = {beta2:g}）"))
    ax.legend()
    return fig


def effective_learning_rates(settings=None, f="book", steps=None, lang="en"):
    """Effective learning rate of x and of y for each adaptive optimizer (log scale), texts in
    ``lang`` ("en" or "ja")."""
    check_lang(lang, "effective_learning_rates")
    settings = settings or {f"{label} (lr {hyper['lr']:g})": (name, hyper)
                            for label, (name, hyper) in ADAPTIVE_SETTINGS.items()}
    ncols = min(2, len(settings))
    fig, axes = new_figure(ncols=ncols, nrows=-(-(len(settings) + 1) // ncols), width=3.7,
                           height=2.8, squeeze=False)
    for ax, (label, (name, hyper)) in zip(axes.ravel(), settings.items()):
        rates = effective_lr_trace(name, f, steps=steps, **hyper)
        t = np.arange(1, len(rates) + 1)
        ax.semilogy(t, rates[:, 0], color="C0",
                    label=tr(lang, "x (gentle, ∂f/∂x = x/10)", "x（緩やか、∂f/∂x = x/10）"))
        ax.semilogy(t, rates[:, 1], color="C3",
                    label=tr(lang, "y (steep, ∂f/∂y = 2y)", "y（急、∂f/∂y = 2y）"))
        ax.axhline(hyper["lr"], color="0.5", ls=":", lw=0.8)
        ax.set(xlabel=tr(lang, "step", "ステップ"), ylabel="lr / (√G + ε)", title=label)
    key = axes.ravel()[len(settings)]          # the next free panel holds the key
    key.set_axis_off()
    key.legend(*axes[0, 0].get_legend_handles_labels(), loc="center", fontsize=10,
               title=tr(lang, "coordinate (dotted: the nominal lr)", "座標（点線：設定した lr）"),
               title_fontsize=10)
    for ax in axes.ravel()[len(settings) + 1:]:
        ax.set_visible(False)
    fig.suptitle(tr(lang, f"Per-coordinate effective learning rate on x²/20 + y²\nfrom ({START[0]:g}, {START[1]:g})",
                    f"x²/20 + y² 上の座標ごとの実効的な学習率\n出発点 ({START[0]:g}, {START[1]:g})"),
                 fontsize=11)
    return fig


# ---------------------------------------------------------------- training on the digits

def optimizer_training_curves(histories, lang="en"):
    """Loss per iteration (smoothed over 10 iterations) and test accuracy per epoch, texts in
    ``lang`` ("en" or "ja")."""
    check_lang(lang, "optimizer_training_curves")
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.5)
    k = 10
    for i, (label, h) in enumerate(histories.items()):
        loss = np.asarray(h["loss"])
        smooth = np.convolve(loss, np.ones(k) / k, mode="valid") if len(loss) >= k else loss
        ax1.semilogy(np.arange(len(smooth)) + (len(loss) - len(smooth)), smooth, color=f"C{i}", label=label)
        ax2.plot(h["test_acc"], marker="o", ms=3, color=f"C{i}", label=label)
    ax1.set(xlabel=tr(lang, "iteration (mini-batch)", "イテレーション（ミニバッチ）"),
            ylabel=tr(lang, "training loss (log scale)", "訓練データの損失（対数目盛）"),
            title=tr(lang, "Training loss, 10-step mean", "訓練の損失（10 ステップ平均）"))
    ax2.set(xlabel=tr(lang, "epoch", "エポック"), ylabel=tr(lang, "test accuracy", "テストデータの正解率"),
            ylim=(0, 1.02), title=tr(lang, "Test accuracy", "テストデータの正解率"))
    ax1.legend(fontsize=9)
    ax2.legend(fontsize=9, loc="lower right")
    return fig


# ---------------------------------------------------------------- batch normalization

def activation_histograms(scales=(1.0, 0.01), n_layers=5, width=100, activation="sigmoid",
                          n=1000, seed=0, lang="en"):
    """Histograms of each hidden layer's activations at initialisation, without and with BN,
    for several weight-init scales (rows) -- the book's figures 6-10 to 6-13 plus BN.
    Texts in ``lang`` ("en" or "ja")."""
    check_lang(lang, "activation_histograms")
    check_int(n_layers, "n_layers", "activation_histograms", minimum=1)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, width))
    cols = [(s, bn) for s in scales for bn in (False, True)]
    fig, axes = new_figure(ncols=len(cols), nrows=n_layers, width=min(1.85, 7.4 / len(cols)),
                           height=1.1, squeeze=False, sharex=True)
    rng_range = (0, 1) if activation == "sigmoid" else None
    for c, (scale, bn) in enumerate(cols):
        net = deep_net(width, n_layers, activation, scale, bn, seed)
        acts = hidden_activations(net, x, train_flg=True)
        for r, a in enumerate(acts):
            ax = axes[r, c]
            ax.hist(a.ravel(), bins=30, range=rng_range, color="C2" if bn else "C0")
            ax.set_yticks([])
            if rng_range == (0, 1):
                ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
            if r == 0:
                ax.set_title(tr(lang, f"std {scale:g}, {'with BN' if bn else 'no BN'}",
                                f"標準偏差 {scale:g}\nBN {'あり' if bn else 'なし'}"), fontsize=10)
            if c == 0:
                ax.set_ylabel(tr(lang, f"layer {r + 1}", f"{r + 1} 層目"), fontsize=10)
            if r == n_layers - 1:
                ax.set_xlabel(tr(lang, f"{activation} output", f"{activation} の出力"), fontsize=10)
    fig.suptitle(tr(lang, f"Activations at initialisation\n({n_layers} layers of {width} {activation} units)",
                    f"初期状態での活性化\n（{activation} ユニット {width} 個の層が {n_layers} 層）"),
                 fontsize=11)
    return fig


def bn_scale_grid(runs, lang="en"):
    """Small multiples: training accuracy per epoch with and without BN, one panel per scale
    (texts in ``lang``, "en" or "ja")."""
    check_lang(lang, "bn_scale_grid")
    scales = list(runs)
    ncols = min(2, len(scales))
    nrows = -(-len(scales) // ncols)
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=3.7, height=2.2, squeeze=False)
    for ax in axes.ravel()[len(scales):]:
        ax.set_visible(False)
    for ax, scale in zip(axes.ravel(), scales):
        for label, color, ls in (("BN", "C3", "-"), ("no BN", "C0", "--")):
            acc = runs[scale][label]["train_acc"]
            ax.plot(acc, color=color, ls=ls, marker="o", ms=2.5,
                    label=tr(lang, label, {"BN": "BN あり", "no BN": "BN なし"}[label]))
        ax.set(ylim=(0, 1.02), title=tr(lang, f"weight init std = {scale:g}", f"重みの初期値の標準偏差 = {scale:g}"),
               xlabel=tr(lang, "epoch", "エポック"), ylabel=tr(lang, "train accuracy", "訓練の正解率"))
        ax.title.set_fontsize(10)
    axes[0, 0].legend(fontsize=9, loc="upper left")
    fig.suptitle(tr(lang, "Digits, plain SGD: training accuracy\nwith BN (solid) and without (dashed)",
                    "Digits、素朴な SGD：訓練データの正解率\nBN あり（実線）と BN なし（破線）"), fontsize=11)
    return fig


def _mixed_text(ax, xy, text, xycoords="data", box_alignment=(0.5, 0.5), offset=(0, 0), **props):
    """Draw ``text``, Japanese with ``$math$`` inside, centred on ``xy``: the plain pieces as
    texts (with the font fallback that gives Japanese glyphs) and each math piece as mathtext
    (which has no fallback), packed side by side on one baseline."""
    import re

    from matplotlib.offsetbox import AnnotationBbox, HPacker, TextArea
    pieces = [TextArea(p, textprops=props) for p in re.split(r"(\$[^$]*\$)", text) if p]
    box = HPacker(children=pieces, align="baseline", pad=0, sep=1)
    ax.add_artist(AnnotationBbox(box, xy, xycoords=xycoords, xybox=offset, boxcoords="offset points",
                                 box_alignment=box_alignment, frameon=False, pad=0,
                                 annotation_clip=False))


# node -> (x, y, label) of the BN graph drawing; row i on the middle line, another row k below
_BN_NODES = {
    "x_i": (0.0, 1.0, r"$x_{ij}$"), "x_k": (0.0, -1.0, r"$x_{kj}$"),
    "mu": (1.35, 2.2, r"$\mu_j$"), "u_i": (2.7, 1.0, r"$u_{ij}$"), "u_k": (2.7, -1.0, r"$u_{kj}$"),
    "sigma2": (4.05, 2.2, r"$\sigma_j^2$"), "xhat_i": (5.4, 1.0, r"$\hat x_{ij}$"),
    "xhat_k": (5.4, -1.0, r"$\hat x_{kj}$"), "gamma": (6.85, 0.0, r"$\gamma_j$"),
    "beta": (9.05, 0.0, r"$\beta_j$"), "y_i": (7.95, 1.0, r"$y_{ij}$"), "y_k": (7.95, -1.0, r"$y_{kj}$"),
}
# the local derivative on each edge (note 4.2.1.2; s_j = sqrt(sigma_j^2 + eps)) and where it goes
_BN_EDGE_LABELS = {
    ("x_i", "mu"): (r"$1/B$", 0.4, 1.8), ("x_i", "u_i"): ("$1$", 1.0, 0.8),
    ("mu", "u_i"): ("$-1$", 2.2, 1.8), ("mu", "u_k"): ("$-1$", 1.65, 0.25),
    ("u_i", "sigma2"): (r"$2u_{ij}/B$", 2.95, 1.8), ("u_k", "sigma2"): (r"$2u_{kj}/B$", 3.7, -0.1),
    ("u_i", "xhat_i"): (r"$1/s_j$", 4.05, 0.78), ("u_k", "xhat_k"): (r"$1/s_j$", 4.05, -0.76),
    ("sigma2", "xhat_i"): (r"$-u_{ij}/(2s_j^3)$", 5.55, 1.95),
    ("sigma2", "xhat_k"): (r"$-u_{kj}/(2s_j^3)$", 5.75, -0.05),
    ("xhat_i", "y_i"): (r"$\gamma_j$", 6.55, 1.25), ("xhat_k", "y_k"): (r"$\gamma_j$", 6.55, -0.75),
}


def bn_graph(lang="en"):
    """The dependency graph of one BN column (note 4.2.1.2, the figure its text calls 「この図で」).

    Nodes are the values of row i (middle line) and of any other row k != i (bottom line) with the
    column's shared mean and variance above; edges are ``experiments.BN_GRAPH_EDGES``, each marked
    with its local derivative.  Every path from x_ij to an output contributes one product of
    derivatives to dL/dx_ij: x_ij reaches y_kj of the other rows through mu_j and sigma_j^2.
    Texts in ``lang`` ("en" or "ja"); the math is the same in both."""
    check_lang(lang, "bn_graph")
    from matplotlib.patches import FancyArrowPatch
    fig, ax = new_figure(width=7.6, height=4.3)
    ax.set_axis_off()
    ax.set(xlim=(-0.55, 9.5), ylim=(-2.0, 3.0))
    for name, (x, y, label) in _BN_NODES.items():
        face = ("#fde8c8" if name in ("mu", "sigma2") else "#e4ecf7" if name in ("gamma", "beta")
                else "#f2f2f2" if name.endswith("_k") else "#d9ead3")
        ax.text(x, y, label, ha="center", va="center", fontsize=14, zorder=3,
                bbox={"boxstyle": "round,pad=0.35", "fc": face, "ec": "0.3", "lw": 1.0})
    for a, b in BN_GRAPH_EDGES:
        (x0, y0, _), (x1, y1, _) = _BN_NODES[a], _BN_NODES[b]
        color = "#c0392b" if a == "x_i" else "0.6" if a in ("x_k", "gamma", "beta") else "0.15"
        ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=13,
                                     shrinkA=17, shrinkB=17, lw=1.4 if a == "x_i" else 1.2, zorder=2,
                                     color=color, linestyle="--" if a == "x_k" else "-"))
        if (a, b) in _BN_EDGE_LABELS:
            label, lx, ly = _BN_EDGE_LABELS[a, b]
            ax.text(lx, ly, label, ha="center", va="center", fontsize=11, color="#1f4e79", zorder=4,
                    bbox={"boxstyle": "round,pad=0.08", "fc": "white", "ec": "none", "alpha": 0.9})
    ax.text(-0.5, 1.55, tr(lang, "row i", "行 i"), fontsize=10, color="0.25", ha="left")
    ax.text(-0.5, -1.6, tr(lang, "any other row k ≠ i", "他の行 k ≠ i"), fontsize=10, color="0.25", ha="left")
    ax.text(2.7, 2.78, tr(lang, "shared by all B rows of column j", "列 j の B 行すべてが共有"), fontsize=10,
            color="#8a5a00", ha="center")
    if lang == "en":
        ax.text(5.2, -1.75, r"blue: local derivatives, $s_j=\sqrt{\sigma_j^2+\varepsilon}$;"
                r" red: the two edges leaving $x_{ij}$", fontsize=10, color="0.2", ha="center")
        ax.set_title("Batch normalization of column j: every path from $x_{ij}$ to the outputs",
                     fontsize=11)
    else:       # Japanese around math: mathtext has no font fallback, so each piece is its own text
        _mixed_text(ax, (5.2, -1.75), r"青：局所的な微分 $s_j=\sqrt{\sigma_j^2+\varepsilon}$、"
                    r"赤：$x_{ij}$ から出る 2 本の辺", fontsize=10, color="0.2")
        _mixed_text(ax, (0.5, 1.0), "列 j のバッチ正規化：$x_{ij}$ から出力へのすべての経路",
                    xycoords="axes fraction", box_alignment=(0.5, 0.0), offset=(0, 6), fontsize=11)
    return fig
