"""Chapter 3 figures (notes 3.1-3.3.7, seed 003).

Losses (3.1), the landscape of gradient descent (3.2; the descent itself is live in
``widgets.lr_explorer``), finite differences (3.3.1),
backpropagation checks (3.3.2-3.3.7) and training an MLP on the digits and on 2-D toy sets.
Every figure is built with :func:`new_figure` and returned; nothing goes through pyplot.
The numbers come from the numpy-only core: ``dlnotes.experiments``, ``dlnotes.landscapes``
and ``dlnotes.gradient``.

Every public figure function takes ``lang`` ("en" or "ja", issue 15): the language of its
titles, axis labels, legends and annotations; numbers and math are the same in both.
"""
import re

import numpy as np

from .._checks import as_float_array, check_int
from .._i18n import check_lang, tr
from ..experiments import (BOOK_T, BOOK_Y_RIGHT, BOOK_Y_WRONG, TOY_LIM, chain_rule_values,
                           confusion_matrix, layer_gradient_checks, loss_vs_true_probability,
                           misclassified, sequential_vs_batch, train_toy)
from ..gradient import finite_difference_errors, fitted_orders, relative_error, roundoff_error
from ..landscapes import BOOK, START
from ..layers import Softmax
from ._core import new_figure

__all__ = [
    "loss_comparison",                                                                  # 3.1
    "landscape_surface", "sequential_vs_batch_figure",                     # 3.2
    "difference_error_plot",                                                            # 3.3.1
    "chain_rule_graph", "softmax_jacobian_figure", "gradient_check_figure",             # 3.3.2-3.3.7
    "decision_boundary_animation", "confusion_matrix_figure",
    "misclassified_figure",                                                             # training
]

# ---------------------------------------------------------------- 3.1 losses

def loss_comparison(C=10, lang="en"):
    """Left: the book's two predictions as bars.  Right: each loss against the probability p the
    model gives the right class (the rest spread evenly): cross-entropy grows without bound as
    p -> 0, the squared error stays below 1."""
    check_lang(lang, "loss_comparison")
    C = check_int(C, "C", "loss_comparison", minimum=2)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.6)
    k = np.arange(BOOK_T.size)
    ax1.bar(k - 0.2, BOOK_Y_RIGHT, 0.4, label=tr(lang, "confident and right", "自信をもって正解"))
    ax1.bar(k + 0.2, BOOK_Y_WRONG, 0.4, label=tr(lang, "confident and wrong", "自信をもって不正解"))
    ax1.axvline(2, color="0.5", ls=":", lw=1)
    ax1.text(2.15, 0.5, tr(lang, "true\nclass 2", "正解\nクラス 2"), fontsize=9)
    ax1.set(xlabel=tr(lang, "class", "クラス"), ylabel=tr(lang, "predicted probability", "予測した確率"),
            xticks=k, ylim=(0, 0.9), title=tr(lang, "The book's two predictions", "書籍の 2 つの予測"))
    ax1.legend(loc="upper right", fontsize=9)
    p = np.linspace(0.005, 1.0, 400)
    loss = loss_vs_true_probability(p, C)
    ax2.plot(p, loss["ce"], lw=2, label=tr(lang, "cross-entropy  -log p", "交差エントロピー誤差  -log p"))
    ax2.plot(p, loss["mse_book"], lw=2, label=tr(lang, "SSE, book  (1/2) sum", "2乗和誤差（書籍）  (1/2) Σ"))
    ax2.plot(p, loss["mse_note"], lw=2, ls="--",
             label=tr(lang, "MSE, note 3.1.1  (1/C) sum, a mean", "平均二乗誤差（ノート 3.1.1）  (1/C) Σ"))
    ax2.set(xlabel=tr(lang, "probability p given to the true class", "正解クラスに与えた確率 p"),
            ylabel=tr(lang, "loss", "損失"), ylim=(0, 5),
            title=tr(lang, f"Loss of one example (C = {C})", f"1 つの例の損失（C = {C}）"))
    ax2.legend(loc="upper right", fontsize=9)
    return fig


# ---------------------------------------------------------------- 3.2 gradient descent

def landscape_surface(lang="en"):
    """The 2-D bowl x²/20 + y² as a surface and as contours (book 6.1.3, used in note 3.2)."""
    check_lang(lang, "landscape_surface")
    fig = new_figure(width=7.4, height=3.4)[0]
    fig.clear()
    ax1 = fig.add_subplot(1, 2, 1, projection="3d")
    ax2 = fig.add_subplot(1, 2, 2)
    X, Y = np.meshgrid(np.linspace(-10, 10, 60), np.linspace(-5, 5, 40))
    Z = BOOK(X, Y)
    ax1.plot_surface(X, Y, Z, cmap="viridis", linewidth=0, alpha=0.9)
    ax1.set(xlabel="x", ylabel="y", zlabel=tr(lang, "loss", "損失"), title="f(x, y) = x²/20 + y²")
    cs = ax2.contour(X, Y, Z, levels=np.geomspace(0.05, 30, 10), cmap="viridis")
    ax2.clabel(cs, cs.levels[5::2], fontsize=9, fmt="%.2g")     # the outer rings: room to read
    ax2.plot(*START, "ro")
    ax2.annotate(tr(lang, "start", "始点") + f" ({START[0]:g}, {START[1]:g})", START, (-9, 3.5), fontsize=9)
    ax2.set(xlabel="x", ylabel="y", title=tr(lang, "contours: 20x steeper in y", "等高線：y 方向に 20 倍急"),
            aspect="equal")
    return fig


def sequential_vs_batch_figure(lang="en"):
    """log-log: |W_sequential - W_batch| against the learning rate, with a slope-2 guide."""
    check_lang(lang, "sequential_vs_batch_figure")
    lrs, diffs, _ = sequential_vs_batch()
    fig, ax = new_figure(width=5, height=3.4)
    ax.loglog(lrs, diffs, "o-", label=tr(lang, "max |W_seq - W_batch| after one pass",
                                          "1 巡後の max |W_seq - W_batch|"))
    ax.loglog(lrs, diffs[0] * (lrs / lrs[0]) ** 2, "k:", label=tr(lang, "slope 2 (∝ lr²)", "傾き 2（∝ lr²）"))
    ax.set(xlabel=tr(lang, "learning rate lr", "学習率 lr"), ylabel=tr(lang, "difference of the weights", "重みの差"),
           title=tr(lang, "Sequential vs batch update (seed 003)", "逐次更新と一括更新（003）"))
    ax.legend(loc="upper left", fontsize=9)
    return fig


# ---------------------------------------------------------------- 3.3.1 numerical differentiation

#: The difference formulas' names in the Japanese figures (note 3.3.1's words).
DIFF_NAMES_JA = {"forward": "前方差分", "backward": "後方差分", "central": "中心差分",
                 "five_point": "5点公式", "seven_point": "7点公式"}


def difference_error_plot(f=np.sin, df=np.cos, x=1.0, label=None, lang="en"):
    """Error of the five difference formulas against h on log-log axes, with fitted orders.
    ``label`` names the function in the title (default "sin at x = 1", 「x = 1 での sin」)."""
    check_lang(lang, "difference_error_plot")
    if label is None:
        label = tr(lang, "sin at x = 1", "x = 1 での sin")
    hs, errs = finite_difference_errors(f, df, x)
    orders = fitted_orders(f, df, x)
    fig, ax = new_figure(width=6.4, height=4.2)
    for m, e in errs.items():
        ax.loglog(hs, np.maximum(e, 1e-18), "-", marker=".", ms=3, lw=1.2,
                  label=tr(lang, f"{m.replace('_', '-')}: slope {orders[m]:.2f}",
                           f"{DIFF_NAMES_JA.get(m, m)}：傾き {orders[m]:.2f}"))
    ax.loglog(hs, roundoff_error(f, x, hs), "k:", lw=1,
              label=tr(lang, "round-off  eps |f| / h", "丸め誤差  eps |f| / h"))
    ax.set(xlabel=tr(lang, "step h", "刻み幅 h"),
           ylabel=tr(lang, "|numerical - exact derivative|", "|数値微分 − 真の微分係数|"), ylim=(1e-17, 1),
           title=tr(lang, f"Finite-difference error for {label}", f"差分による微分の誤差：{label}"))
    ax.legend(loc="lower left", fontsize=9, ncol=2)
    return fig


# ---------------------------------------------------------------- 3.3.2 scalar chain rule

def chain_rule_graph(x=2.0, w=-1.5, b=0.5, t=1.0, lang="en"):
    """The computational graph of y = w x + b, L = (y - t)²/2, forward values in black above
    the edges, backward gradients in red below."""
    check_lang(lang, "chain_rule_graph")
    v = chain_rule_values(x, w, b, t)
    fig, ax = new_figure(width=7.4, height=4.2)
    ax.set_axis_off()
    ax.set(xlim=(0, 11.0), ylim=(-0.4, 5.0),
           title=tr(lang, "Forward values (black) and backward gradients (red)\nthrough y = w x + b",
                    "y = w x + b の順伝播の値（黒）と\n逆伝播の勾配（赤）"))
    nodes = {"x": (0.5, 4.2), "w": (0.5, 2.3), "b": (0.5, 0.4), "×": (3.4, 3.2), "+": (5.9, 1.8),
             "L": (8.9, 1.8)}
    for name, (cx, cy) in nodes.items():
        if name == "L":
            continue
        op = name in ("×", "+")
        ax.text(cx, cy, name, ha="center", va="center", fontsize=12,
                bbox=dict(boxstyle="circle" if op else "round", fc="#e8f0ff" if op else "#f4f4f4",
                          ec="0.3"))
    ax.text(*nodes["L"], "½(y−t)²", ha="center", va="center", fontsize=11,
            bbox=dict(boxstyle="round", fc="#fff2d8", ec="0.3"))
    # (from, to, forward value, backward gradient, where the two labels go: above or below the edge)
    edges = [("x", "×", f"x = {x:g}", f"∂L/∂x = w·∂L/∂y = {v['dL/dx']:g}", "above"),
             ("w", "×", f"w = {w:g}", f"∂L/∂w = x·∂L/∂y = {v['dL/dw']:g}", "below"),
             ("×", "+", f"w x = {w * x:g}", f"∂L/∂(wx) = {v['dL/dy']:g}", "above"),
             ("b", "+", f"b = {b:g}", f"∂L/∂b = ∂L/∂y = {v['dL/db']:g}", "below"),
             ("+", "L", f"y = {v['y']:g}", f"∂L/∂y = y − t = {v['dL/dy']:g}", "split")]
    for a, c, fwd, bwd, side in edges:
        (x0, y0), (x1, y1) = nodes[a], nodes[c]
        start = 0.35
        end = 0.8 if c == "L" else 0.35
        d = np.hypot(x1 - x0, y1 - y0)
        ax.annotate("", (x1 - end * (x1 - x0) / d, y1 - end * (y1 - y0) / d),
                    (x0 + start * (x1 - x0) / d, y0 + start * (y1 - y0) / d),
                    arrowprops=dict(arrowstyle="->", color="0.3"))
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        if side == "split":
            ax.text(mx + 0.1, my + 0.35, fwd, ha="center", va="center", fontsize=10)
            ax.text(mx + 0.1, my - 0.35, bwd, ha="center", va="center", fontsize=10, color="C3")
            continue
        sign = 1 if side == "above" else -1
        ax.text(mx, my + sign * 0.45, fwd, ha="center", va="center", fontsize=10)
        ax.text(mx, my + sign * 0.9, bwd, ha="center", va="center", fontsize=10, color="C3")
    ax.text(10.4, 1.8, f"L = {v['L']:g}\n(t = {t:g})", ha="center", va="center", fontsize=10)
    return fig


# ---------------------------------------------------------------- 3.3.5 softmax Jacobian

def softmax_jacobian_figure(x=(0.3, 2.9, 4.0, -1.0), lang="en"):
    """Heat map of dy_j/dx_q = y_j (delta_jq - y_q) for one input row, with the row sums (all 0)."""
    check_lang(lang, "softmax_jacobian_figure")
    x = as_float_array(x, "x", "softmax_jacobian_figure", ndim=1)
    layer = Softmax()
    y = layer.forward(x[None, :])[0]
    J = layer.jacobian()[0]
    C = len(x)
    fig, ax = new_figure(width=5.2, height=4.2)
    lim = np.abs(J).max()
    im = ax.imshow(J, cmap="RdBu_r", vmin=-lim, vmax=lim)
    for j in range(C):
        for q in range(C):
            ax.text(q, j, f"{J[j, q]:.3f}", ha="center", va="center", fontsize=9)
        ax.text(C - 0.4, j, tr(lang, "row sum", "行の和") + f"\n{J[j].sum():+.0e}", va="center", fontsize=9)
    ax.set(xticks=range(C), yticks=range(C), xlabel=tr(lang, "input index q", "入力の添字 q"),
           ylabel=tr(lang, "output index j", "出力の添字 j"), xlim=(-0.5, C + 1.2),
           title=tr(lang, "Softmax Jacobian diag(y) − yᵀy", "Softmax のヤコビ行列 diag(y) − yᵀy")
           + "\ny = " + ", ".join(f"{v:.3f}" for v in y))
    ax.title.set_fontsize(10)
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label="∂y_j / ∂x_q")
    return fig


# ---------------------------------------------------------------- gradient checks

def gradient_check_figure(layer, checks=None, lang="en"):
    """Analytic against numeric gradient entries (left) and the max relative error per
    parameter (right, log scale) for one entry of :func:`layer_gradient_checks`."""
    check_lang(lang, "gradient_check_figure")
    checks = checks if checks is not None else layer_gradient_checks()
    if layer not in checks:
        raise ValueError(f"gradient_check_figure: argument 'layer' expected one of {sorted(checks)}, "
                         f"got {layer!r}")
    pairs = checks[layer]
    fs = 12                    # the panel shows it at 70 dpi: 12 pt is about 11.7 px on screen
    fig, (ax1, ax2) = new_figure(ncols=2, width=4.2, height=3.6)
    for k, (a, n) in pairs.items():
        ax1.plot(np.ravel(a), np.ravel(n), "o", ms=4, alpha=0.7, label=k)
    lo = min(min(np.min(a), np.min(n)) for a, n in pairs.values())
    hi = max(max(np.max(a), np.max(n)) for a, n in pairs.values())
    ax1.plot([lo, hi], [lo, hi], "k:", lw=1)
    ax1.set(xlabel=tr(lang, "analytic (backprop)", "解析的（誤差逆伝播法）"),
            ylabel=tr(lang, "numeric (central difference)", "数値（中心差分）"),
            title=tr(lang, f"{layer}:\nevery gradient entry", f"{layer}：\n勾配の全要素"))
    ax1.legend(fontsize=fs, loc="upper left")
    names = list(pairs)
    errs = [max(relative_error(a, n), 1e-17) for a, n in pairs.values()]
    ax2.bar(names, errs, color="C2")
    ax2.set_yscale("log")
    ax2.axhline(1e-7, color="C3", ls="--", lw=1, label=tr(lang, "1e-7: threshold", "1e-7：しきい値"))
    ax2.set(ylim=(1e-14, 1e-1), xlabel=tr(lang, "parameter", "パラメータ"),
            ylabel=tr(lang, "max relative error", "相対誤差の最大値"),
            title=tr(lang, "relative error\nper parameter", "パラメータごとの\n相対誤差"))
    ax2.set_yticks([1e-14, 1e-11, 1e-8, 1e-5, 1e-2])
    ax2.legend(fontsize=fs, loc="upper right")
    for ax in (ax1, ax2):
        ax.tick_params(labelsize=fs)
        ax.xaxis.label.set_size(fs)
        ax.yaxis.label.set_size(fs)
        ax.title.set_size(fs)
    return fig


# ---------------------------------------------------------------- training on 2-D toy sets

def _draw_boundary(ax, X, t, cls_grid, title):
    ax.clear()
    k = max(int(t.max()) + 1, 2)
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap
    light = ListedColormap([colormaps["tab20"](2 * c + 1) for c in range(4)])   # light C0..C3
    ax.imshow(cls_grid, origin="lower", extent=(-TOY_LIM, TOY_LIM, -TOY_LIM, TOY_LIM), cmap=light,
              vmin=-0.5, vmax=3.5, interpolation="nearest", aspect="auto")
    for c in range(k):
        ax.scatter(*X[t == c].T, s=7, color=f"C{c}", edgecolor="k", linewidth=0.2)
    ax.set(xlim=(-TOY_LIM, TOY_LIM), ylim=(-TOY_LIM, TOY_LIM), xlabel="x₁", ylabel="x₂")
    ax.set_title(title, fontsize=9)
    ax.grid(False)


def decision_boundary_animation(names=("moons", "circles", "spirals", "xor"), frames=13,
                                iterations=240, dpi=72, html=True, runs=None, lang="en"):
    """Decision regions of four networks evolving during training, as a matplotlib JS
    animation (``to_jshtml``, plays in a static page).  Returns ``IPython.display.HTML``, or the
    raw HTML string with ``html=False``.  ``frames`` snapshots, including the untrained net.
    ``runs`` may map each name to an earlier :func:`train_toy` result (then nothing is retrained
    and ``frames``/``iterations`` are taken from those runs)."""
    from matplotlib.animation import FuncAnimation
    check_lang(lang, "decision_boundary_animation")
    frames = check_int(frames, "frames", "decision_boundary_animation", minimum=2)
    if runs is None:
        runs = [train_toy(n, iterations=iterations, snapshots=frames) for n in names]
    else:
        missing = [n for n in names if n not in runs]
        if missing:
            raise ValueError(f"decision_boundary_animation: argument 'runs' expected an entry for "
                             f"{list(names)}, missing {missing}")
        runs = [runs[n] for n in names]
    fig, draw, n_frames = _boundary_animation_figure(names, runs, dpi, lang=lang)
    anim = FuncAnimation(fig, draw, frames=n_frames, interval=250, blit=False)
    # The player links Font Awesome's CSS from a CDN: dropped, so nothing is fetched offline
    # (the site's theme ships Font Awesome, which draws the player's icons).
    text = re.sub(r"<link\b[^>]*font-awesome[^>]*>", "", anim.to_jshtml(default_mode="once"))
    if lang == "ja":
        text = _player_in_japanese(text)
    if not html:
        return text
    from IPython.display import HTML
    return HTML(text)


#: The player's English words (button titles and aria-labels, the repetition modes) as the
#: Japanese edition shows them
PLAYER_JA = {"Decrease speed": "遅くする", "First frame": "最初のコマ", "Previous frame": "前のコマ",
             "Play backwards": "逆再生", "Pause": "一時停止", "Play": "再生", "Next frame": "次のコマ",
             "Last frame": "最後のコマ", "Increase speed": "速くする", "Repetition mode": "繰り返し方",
             "Once": "1 回", "Loop": "繰り返す", "Reflect": "往復"}


def _player_in_japanese(text):
    """matplotlib's player HTML with its titles, aria-labels and mode labels in Japanese."""
    for en, ja in PLAYER_JA.items():
        text = (text.replace(f'title="{en}"', f'title="{ja}"').replace(f'aria-label="{en}"', f'aria-label="{ja}"')
                .replace(f">{en}</label>", f">{ja}</label>"))
    return text


def _boundary_animation_figure(names, runs, dpi=72, lang="en"):
    """The animation's figure (two panels a row), its frame-drawing function and its number of frames."""
    ncols = min(2, len(names))
    fig, axes = new_figure(ncols=ncols, nrows=-(-len(names) // ncols), width=3.2, height=3.1,
                           squeeze=False)
    for ax in axes.ravel()[len(names):]:
        ax.set_visible(False)
    axes = axes.ravel()[:len(names)]
    fig.set_dpi(dpi)

    images = []
    for ax, name, (_, X, t, snaps) in zip(axes, names, runs):
        _draw_boundary(ax, X, t, snaps[0][2], "")
        ax.set(xticks=[], yticks=[], xlabel="", ylabel="")   # axes text is most of the drawing time
        images.append(ax.images[0])
    fig.canvas.draw()                      # let the constrained layout settle once, then freeze it
    fig.set_layout_engine("none")

    def draw(i):
        for ax, im, name, (_, X, t, snaps) in zip(axes, images, names, runs):
            it, acc, grid = snaps[i]
            im.set_data(grid)
            ax.set_title(tr(lang, f"{name}: step {it}, acc {acc:.2f}", f"{name}：{it} 回更新、正解率 {acc:.2f}"),
                         fontsize=12)
        return images

    return fig, draw, len(runs[0][3])


# ---------------------------------------------------------------- digits: errors

def confusion_matrix_figure(net, x, t, n_classes=10, lang="en"):
    """Heat map of the confusion matrix with counts written in the cells."""
    check_lang(lang, "confusion_matrix_figure")
    M = confusion_matrix(net, x, t, n_classes)
    fig, ax = new_figure(width=5, height=4.4)
    im = ax.imshow(M, cmap="Blues")
    for i in range(n_classes):
        for j in range(n_classes):
            if M[i, j]:
                ax.text(j, i, M[i, j], ha="center", va="center", fontsize=9,
                        color="white" if M[i, j] > M.max() / 2 else "black")
    ax.set(xticks=range(n_classes), yticks=range(n_classes), xlabel=tr(lang, "predicted class", "予測したクラス"),
           ylabel=tr(lang, "true class", "正解クラス"),
           title=tr(lang, f"Confusion matrix ({M.trace()}/{M.sum()} right)",
                    f"混同行列（{M.trace()}/{M.sum()} が正解）"))
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label=tr(lang, "number of test images", "テスト画像の枚数"))
    return fig


def misclassified_figure(net, x, t, n=12, lang="en"):
    """Up to ``n`` test digits the network gets wrong, each titled 'true -> predicted'."""
    check_lang(lang, "misclassified_figure")
    wrong, pred, prob = misclassified(net, x, t, n)
    cols = 6
    rows = max(1, int(np.ceil(len(wrong) / cols)))
    fig, axes = new_figure(ncols=cols, nrows=rows, width=1.2, height=1.45, squeeze=False)
    for ax in axes.ravel():
        ax.set_axis_off()
    for ax, i, p, q in zip(axes.ravel(), wrong, pred, prob):
        ax.imshow(x[i].reshape(8, 8), cmap="gray_r")
        ax.set_title(f"{t[i]} → {p} ({q:.2f})", fontsize=9)
    fig.suptitle(tr(lang, "Misclassified test digits: true → predicted (probability)",
                    "誤分類したテスト画像：正解 → 予測（確率）"), fontsize=10)
    return fig


# ---------------------------------------------------------------- 3.2 mini-batch noise (issue 14)

__all__ += ["minibatch_variance_figure"]


def minibatch_variance_figure(n_batches=20000, lang="en"):
    """log-log: variance of the mini-batch gradient against the batch size B (note 3.2), measured
    with and without replacement, with the sigma²/B line and the finite-population curve."""
    from ..experiments import minibatch_gradient_variance
    check_lang(lang, "minibatch_variance_figure")
    wr = minibatch_gradient_variance(n_batches=n_batches, replace=True)
    wo = minibatch_gradient_variance(n_batches=n_batches, replace=False)
    B = wr["B"]
    fig, ax = new_figure(width=5.6, height=3.8)
    Bs = np.geomspace(1, B.max(), 100)
    ax.loglog(Bs, wr["sigma2"] / Bs, "k-", lw=1,
              label=tr(lang, "σ²/B (theory, with replacement)", "σ²/B（理論、復元抽出）"))
    N = wo["N"]
    ax.loglog(Bs, wr["sigma2"] / Bs * (N - Bs) / (N - 1), "k:", lw=1,
              label=f"σ²/B · (N−B)/(N−1), N = {N}")
    ax.loglog(B, wr["var"], "o", ms=6, label=tr(lang, "measured, with replacement", "測定値、復元抽出"))
    ax.loglog(B, wo["var"], "s", ms=4, mfc="none",
              label=tr(lang, "measured, without replacement", "測定値、非復元抽出"))
    ax.set(xlabel=tr(lang, "batch size B", "バッチサイズ B"),
           ylabel=tr(lang, "variance of the mini-batch gradient", "ミニバッチの勾配の分散"),
           title=tr(lang, "Mini-batch gradient noise falls as 1/B (note 3.2)",
                    "ミニバッチの勾配のノイズは 1/B で減る（ノート 3.2）"))
    ax.set_xticks(B, [str(b) for b in B])
    ax.legend(loc="lower left", fontsize=9)
    return fig
