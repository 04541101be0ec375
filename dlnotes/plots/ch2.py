"""Chapter 2 figures: perceptrons and gates (notes 2.1, 2.2), activation functions (2.3),
the Affine layer and activations in matrix form (2.4, 2.5, seed 003).

Every function returns a :class:`matplotlib.figure.Figure` with labelled axes and a title.
Functions whose name ends in ``_on`` draw into a given axes instead (to compose figures).
Each takes ``lang`` ("en" or "ja", issue 15): the language of its texts; numbers and math are
the same in both.
"""
import numpy as np
from matplotlib.colors import ListedColormap

from .._checks import as_float_array, check_positive, check_real
from .._i18n import check_lang, tr
from ..experiments import (ACTIVATIONS, GATE_KEY_NAMES, activation_values, forward_pass,
                           gate_function_counts, gate_keys, naive_softmax)
from ..functions import relu, sigmoid, sigmoid_grad, softmax, step_function
from ..gates import AND, NAND, NOT, OR, XOR, Perceptron, TwoLayerXOR, truth_table, which_gate
from ._core import new_figure

__all__ = ["gate_regions_on", "gates_overview", "gate_weight_map", "separator_counts",
           "xor_regions", "step_vs_smooth", "activation_curves", "relu_integral", "softmax_overflow",
           "softmax_temperature", "layer_diagram", "affine_batch_heatmaps", "forward_pass_heatmaps",
           "GATE_CMAP"]

# Note 2.2 colours its points blue for 0 and red for 1; we keep that convention.
C0, C1 = "#3b6fb6", "#d2452f"
#: Colormap of a gate's regions: light blue where it outputs 0, light red where it outputs 1.
GATE_CMAP = ListedColormap(["#c9d9ef", "#f6cbc2"])      # light blue = outputs 0, light red = 1
_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _fmt_line(w1, w2, b):
    return f"{w1:g}·x1 + {w2:g}·x2 + {b:g} ≥ 0".replace("+ -", "− ")


def gate_regions_on(ax, w1, w2, b, title=None, lim=(-0.5, 1.5), lang="en"):
    """Draw the perceptron ``step(w1 x1 + w2 x2 + b)`` over the square: regions, line, 4 points."""
    owner = "gate_regions_on"
    check_lang(lang, owner)
    w1, w2, b = (check_real(v, n, owner) for v, n in ((w1, "w1"), (w2, "w2"), (b, "b")))
    g = np.linspace(lim[0], lim[1], 161)
    X1, X2 = np.meshgrid(g, g)
    fires = (w1 * X1 + w2 * X2 + b >= 0).astype(float)
    ax.imshow(fires, cmap=GATE_CMAP, vmin=0, vmax=1, origin="lower", extent=(*lim, *lim),
              interpolation="nearest")
    if w2 != 0:
        ax.plot(g, -(w1 * g + b) / w2, color="k", lw=1.5)
    elif w1 != 0:
        ax.axvline(-b / w1, color="k", lw=1.5)
    out = Perceptron([w1, w2], b)(_INPUTS)
    ax.scatter(_INPUTS[:, 0], _INPUTS[:, 1], s=140, c=[C1 if y else C0 for y in out],
               edgecolor="k", zorder=3)
    for (x1, x2), y in zip(_INPUTS, out):
        ax.annotate(str(y), (x1, x2), xytext=(9, 7), textcoords="offset points", fontsize=11,
                    fontweight="bold")
    name = which_gate(w1, w2, b)
    ax.set(xlim=lim, ylim=lim, xlabel=tr(lang, "input x1", "入力 x1"),
           ylabel=tr(lang, "input x2", "入力 x2"), aspect="equal",
           title=title or f"{_fmt_line(w1, w2, b)}  →  {name}")
    ax.grid(False)
    return ax


def gates_overview(lang="en"):
    """AND (the note's weights), OR, NAND and NOT (our weights) with their decision boundaries."""
    check_lang(lang, "gates_overview")
    note, ours = tr(lang, "note 2.1", "ノート 2.1"), tr(lang, "our choice", "本書の選択")
    fig, axes = new_figure(ncols=2, nrows=2, width=3.6, height=3.5)
    axes = axes.ravel()
    for ax, (name, g, who) in zip(axes[:3], [("AND", AND, note), ("OR", OR, ours),
                                             ("NAND", NAND, ours)]):
        gate_regions_on(ax, g.w[0], g.w[1], g.b, lang=lang,
                        title=tr(lang, f"{name} ({who})", f"{name}（{who}）")
                        + f"\n{_fmt_line(g.w[0], g.w[1], g.b)}")
    ax = axes[3]
    x = np.linspace(-0.5, 1.5, 301)
    fires = NOT.w[0] * x + NOT.b >= 0
    ax.fill_between(x, -0.5, 0.5, where=fires, color=GATE_CMAP(1), step="mid")
    ax.fill_between(x, -0.5, 0.5, where=~fires, color=GATE_CMAP(0), step="mid")
    ax.axvline(-NOT.b / NOT.w[0], color="k", lw=1.5)
    for xv, y in zip(*truth_table(NOT)):
        ax.scatter([xv[0]], [0], s=140, color=C1 if y else C0, edgecolor="k", zorder=3)
        ax.annotate(str(y), (xv[0], 0), xytext=(9, 7), textcoords="offset points",
                    fontsize=11, fontweight="bold")
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 0.5), yticks=[], xlabel=tr(lang, "input x", "入力 x"),
           ylabel=tr(lang, "(NOT has one input)", "（NOT の入力は 1 つ）"),
           title=tr(lang, "NOT (our choice)", "NOT（本書の選択）") + f"\n{NOT.w[0]:g}·x + {NOT.b:g} ≥ 0")
    ax.grid(False)
    return fig


def gate_weight_map(biases=(-1.0, 1.0), lim=2.5, lang="en"):
    """For fixed bias b, colour the (w1, w2) plane by the gate the perceptron computes.

    Each named gate occupies a whole region (a polygon), not a point: any weights
    inside it work.  XOR and XNOR never appear.
    """
    check_lang(lang, "gate_weight_map")
    biases = [check_real(b, "biases", "gate_weight_map") for b in np.atleast_1d(biases)]
    lim = check_positive(lim, "lim", "gate_weight_map")
    fig, axes = new_figure(ncols=len(biases), width=7.4 / max(2, len(biases)), height=4.4)
    axes = np.atleast_1d(axes)
    g = np.linspace(-lim, lim, 401)
    W1, W2 = np.meshgrid(g, g)
    cmap = ListedColormap([f"C{k % 10}" for k in range(16)])
    for ax, b in zip(axes, biases):
        keys = gate_keys(W1, W2, np.full_like(W1, b))
        ax.pcolormesh(W1, W2, keys, cmap=cmap, vmin=-0.5, vmax=15.5, alpha=0.45, shading="auto",
                      rasterized=True)
        for k in np.unique(keys):
            m = keys == k
            if m.sum() < 300:
                continue
            ax.text(W1[m].mean(), W2[m].mean(), GATE_KEY_NAMES[int(k)], ha="center", va="center",
                    fontsize=9, bbox=dict(boxstyle="round,pad=0.15", fc="white", alpha=0.75, lw=0))
        ax.set(xlabel=tr(lang, "weight w1", "重み w1"), ylabel=tr(lang, "weight w2", "重み w2"),
               aspect="equal", xlim=(-lim, lim), ylim=(-lim, lim),
               title=tr(lang, f"gate computed when b = {b:g}", f"b = {b:g} のときに計算されるゲート"))
        ax.grid(False)
    return fig


def separator_counts(grid, lang="en"):
    """Bar chart: how many (w1, w2, b) triples of ``grid**3`` realise each of the 16 functions."""
    check_lang(lang, "separator_counts")
    g = as_float_array(grid, "grid", "separator_counts", ndim=1)
    names, counts = gate_function_counts(g)
    fig, ax = new_figure(width=7.4, height=5.2)
    colors = [C1 if n in ("XOR", "XNOR") else "0.55" for n in names]
    ax.barh(range(16), counts, color=colors)
    for k, c in enumerate(counts):
        ax.annotate(str(c), (c, k), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=9)
    ax.set_yticks(range(16), names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(counts) * 1.15)
    ax.set(ylabel=tr(lang, "boolean function of (x1, x2)", "(x1, x2) の論理関数"),
           xlabel=tr(lang, "number of grid triples", "格子上の (w1, w2, b) の組の数"),
           title=tr(lang, f"Perceptrons on a {g.size}³ grid of (w1, w2, b):\nnone computes XOR or XNOR",
                    f"(w1, w2, b) の {g.size}³ 点の格子上のパーセプトロン：\nXOR と XNOR を計算するものはない"))
    return fig


def xor_regions(lang="en"):
    """XOR = AND(NAND(x), OR(x)) (note 2.2): in input space the 1s fill a convex band and the two
    diagonals (the hulls of the 1-points and of the 0-points) cross at (1/2, 1/2); in the hidden
    space z = (NAND(x), OR(x)) one AND line separates them."""
    from ..experiments import segment_intersection
    check_lang(lang, "xor_regions")
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.7, height=4.0)
    g = np.linspace(-0.5, 1.5, 301)
    X1, X2 = np.meshgrid(g, np.linspace(-0.9, 1.5, 361))     # room below the square for the key
    pts = np.column_stack([X1.ravel(), X2.ravel()])
    ax1.imshow(TwoLayerXOR(binary=False)(pts).reshape(X1.shape), cmap=GATE_CMAP, vmin=0, vmax=1, origin="lower",
               extent=(-0.5, 1.5, -0.9, 1.5), interpolation="nearest")
    for gate, name, ls in ((NAND, tr(lang, "NAND line", "NAND の直線"), "--"),
                           (OR, tr(lang, "OR line", "OR の直線"), ":")):
        ax1.plot(g, -(gate.w[0] * g + gate.b) / gate.w[1], color="k", ls=ls, lw=1.5, label=name)
    ax1.plot([0, 1], [1, 0], color=C1, lw=2.5, label=tr(lang, "hull of the 1s", "1 の凸包"))
    ax1.plot([0, 1], [0, 1], color=C0, lw=2.5, label=tr(lang, "hull of the 0s", "0 の凸包"))
    centre, _, _ = segment_intersection((0, 1), (1, 0), (0, 0), (1, 1))
    ax1.scatter([centre[0]], [centre[1]], s=60, marker="D", color="white", edgecolor="k", zorder=4)
    ax1.annotate("(½, ½)", tuple(centre), xytext=(10, -4), textcoords="offset points", fontsize=10)
    inputs, out = truth_table(XOR)
    for (x1, x2), y in zip(inputs, out):
        ax1.scatter([x1], [x2], s=140, color=C1 if y else C0, edgecolor="k", zorder=3)
    ax1.set(xlim=(-0.5, 1.5), ylim=(-0.9, 1.5), aspect="equal", xlabel=tr(lang, "input x1", "入力 x1"),
            ylabel=tr(lang, "input x2", "入力 x2"),
            title=tr(lang, "XOR: the 1s fill a convex band;\nthe two hulls cross at (½, ½)",
                     "XOR：1 の点は凸な帯に入り、\n2 つの凸包は (½, ½) で交わる"))
    ax1.legend(loc="lower right", fontsize=9, ncol=2, handlelength=1.6, columnspacing=0.8,
               framealpha=0.95)
    ax1.grid(False)
    Z = XOR.hidden(inputs.astype(float))
    gate_regions_on(ax2, AND.w[0], AND.w[1], AND.b, lang=lang,
                    title=tr(lang, "hidden layer z = (NAND(x), OR(x))\noutput AND(z) is one line",
                             "隠れ層 z = (NAND(x), OR(x))\n出力 AND(z) は 1 本の直線"))
    ax2.set(xlabel="z1 = NAND(x1, x2)", ylabel="z2 = OR(x1, x2)")
    groups = {}
    for x, z in zip(inputs, Z):
        groups.setdefault((int(z[0]), int(z[1])), []).append(f"{x[0]}{x[1]}")
    for (z1, z2), xs in groups.items():
        ax2.annotate("x = " + ", ".join(xs), (z1, z2), xytext=(0, -22), ha="center",
                     textcoords="offset points", fontsize=9)
    return fig


def step_vs_smooth(weights=(1, 3, 10), lang="en"):
    """The step function against sigmoid(w x) and ReLU: the bridge from 2.1 to 2.3."""
    check_lang(lang, "step_vs_smooth")
    x = np.linspace(-4, 4, 801)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.2)
    ax1.plot(x, step_function(x), color="k", lw=2, label=tr(lang, "step (note 2.1)", "ステップ関数（ノート 2.1）"))
    for w in weights:
        ax1.plot(x, sigmoid(w * x), lw=1.3, label=f"sigmoid({w:g}x)")
    ax1.set(xlabel=tr(lang, "input x", "入力 x"), ylabel=tr(lang, "output", "出力"),
            title=tr(lang, "Steeper sigmoids approach the step", "急なシグモイドほどステップ関数に近い"))
    ax1.legend(fontsize=9)
    ax2.plot(x, np.zeros_like(x), color="k", lw=2, label=tr(lang, "step' (0 for x ≠ 0)", "step'（x ≠ 0 で 0）"))
    for w in weights:
        ax2.plot(x, w * sigmoid_grad(w * x), lw=1.3, label=f"d/dx sigmoid({w:g}x)")
    ax2.set(xlabel=tr(lang, "input x", "入力 x"), ylabel=tr(lang, "slope", "傾き"),
            title=tr(lang, "Only smooth ones have a useful slope", "役に立つ傾きをもつのは滑らかな関数だけ"))
    ax2.legend(fontsize=9)
    return fig


#: The activations' names as the Japanese figures write them (the English ones are the keys).
_ACTIVATION_JA = {"step": "ステップ", "sigmoid": "シグモイド", "relu": "ReLU", "identity": "恒等関数"}


def activation_curves(x_range=(-4.0, 4.0), lang="en"):
    """Step, sigmoid, ReLU, identity (left) and their derivatives (right), note 2.3."""
    check_lang(lang, "activation_curves")
    x = np.linspace(x_range[0], x_range[1], 801)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.5)
    styles = {"step": "k", "sigmoid": "C0", "relu": "C3", "identity": "0.6"}
    for name in ACTIVATIONS:
        lw = 3.5 if name == "step" else 1.8      # drawn first and wider: ReLU' covers half of it
        y, d = activation_values(name, x)        # d is NaN where there is no derivative (0)
        shown = tr(lang, name, _ACTIVATION_JA[name])
        ax1.plot(x, y, color=styles[name], lw=lw, label=shown,
                 ls="--" if name == "identity" else "-")
        ax2.plot(x, d, color=styles[name], lw=lw, label=f"{shown}'",
                 ls="--" if name == "identity" else "-")
    ax2.scatter([0, 0], [0, 1], s=30, facecolor="white", edgecolor="C3", zorder=4)
    ax2.annotate(tr(lang, "ReLU' jumps at 0:\nno derivative there", "ReLU' は 0 で跳ぶ：\nそこでは微分できない"),
                 (0, 0.5), xytext=(0.6, 0.45),
                 fontsize=9, arrowprops=dict(arrowstyle="->", lw=0.8))
    ax2.axhline(0.25, color="C0", lw=0.6, ls=":")
    ax2.annotate(tr(lang, "sigmoid' max = 1/4", "シグモイド' の最大値 = 1/4"), (0, 0.25), xytext=(-3.9, 0.32), fontsize=9, color="C0")
    ax1.set(xlabel=tr(lang, "input x", "入力 x"), ylabel="f(x)", ylim=(-1.2, 3),
            title=tr(lang, "Activation functions", "活性化関数"))
    ax2.set(xlabel=tr(lang, "input x", "入力 x"), ylabel="f'(x)", ylim=(-0.1, 1.2),
            title=tr(lang, "Their derivatives", "その導関数"))
    ax1.legend(fontsize=9, loc="upper left")
    ax2.legend(fontsize=9, loc="center left")
    return fig


def relu_integral(x, integral, lang="en"):
    """ReLU against a numerical running integral of the step function (note 2.3.2)."""
    check_lang(lang, "relu_integral")
    x = as_float_array(x, "x", "relu_integral", ndim=1)
    integral = as_float_array(integral, "integral", "relu_integral", ndim=1)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.2)
    ax1.plot(x, relu(x), color="C3", lw=3, alpha=0.5, label="relu(x)")
    ax1.plot(x, integral, color="k", lw=1, ls="--", label=tr(lang, "∫ step(t) dt from x[0]", "x[0] からの ∫ step(t) dt"))
    ax1.set(xlabel=tr(lang, "input x", "入力 x"), ylabel=tr(lang, "value", "値"),
            title=tr(lang, "ReLU is the integral of step", "ReLU はステップ関数の積分"))
    ax1.legend(fontsize=9)
    ax2.plot(x, np.abs(integral - relu(x)), color="C0")
    ax2.set(xlabel=tr(lang, "input x", "入力 x"), ylabel=tr(lang, "|integral − relu|", "|積分 − relu|"),
            title=tr(lang, "difference (trapezoid rule)", "差（台形公式）"))
    return fig


def softmax_overflow(c_values=None, lang="en"):
    """p_1 of softmax([v, v-1, v-2]): the naive formula returns nan far from 0, the shifted one never."""
    check_lang(lang, "softmax_overflow")
    c = np.linspace(-800, 800, 1601) if c_values is None else \
        as_float_array(c_values, "c_values", "softmax_overflow", ndim=1)
    X = np.column_stack([c, c - 1, c - 2])
    naive = naive_softmax(X)[:, 0]
    fig, ax = new_figure(width=7.4, height=3.4)
    ax.plot(c, softmax(X)[:, 0], color="C0", lw=4, alpha=0.4, label=tr(lang, "max-shifted softmax", "最大値を引いた softmax"))
    ax.plot(c, naive, color="C3", lw=1.2, label=tr(lang, "naive exp(x_i)/Σ exp(x_j) (nan → gap)",
                                                       "素朴な exp(x_i)/Σ exp(x_j)（nan → 途切れ）"))
    hi = np.log(np.finfo(float).max)
    ax.axvline(hi, color="k", ls=":", lw=1)
    ax.annotate(tr(lang, f"exp overflows\nfor x > {hi:.2f}", f"x > {hi:.2f} で exp が\nオーバーフロー"), (hi, 0.3), xytext=(-5, 0), fontsize=9, ha="right",
                textcoords="offset points")
    bad_low = c[np.isnan(naive) & (c < 0)]
    if bad_low.size:
        ax.axvline(bad_low.max(), color="k", ls=":", lw=1)
        ax.annotate(tr(lang, "all exp underflow\nto 0: 0/0", "すべての exp が 0 に\nアンダーフロー：0/0"),
                    (bad_low.max(), 0.3), xytext=(5, 0),
                    textcoords="offset points", fontsize=9)
    ax.set(xlabel=tr(lang, "v (input is [v, v−1, v−2])", "v（入力は [v, v−1, v−2]）"),
           ylabel=tr(lang, "first output p₁", "1 番目の出力 p₁"), ylim=(0, 1),
           title=tr(lang, "Softmax in float64: the naive formula fails at both ends",
                    "float64 での Softmax：素朴な式は両端で破綻する"))
    ax.legend(loc="lower center", fontsize=9)
    return fig


def softmax_temperature(logits, temperatures=None, lang="en"):
    """Each output of softmax(z / T) as T varies (log axis): T → 0 one-hot, T → ∞ uniform."""
    check_lang(lang, "softmax_temperature")
    z = as_float_array(logits, "logits", "softmax_temperature", ndim=1)
    T = np.logspace(-1.5, 1.5, 200) if temperatures is None else \
        as_float_array(temperatures, "temperatures", "softmax_temperature", ndim=1)
    P = softmax(z[None, :] / T[:, None])
    fig, ax = new_figure(width=5.2, height=3.2)
    for i in range(z.size):
        ax.plot(T, P[:, i], lw=2, label=tr(lang, f"class {i + 1} (z={z[i]:g})", f"クラス {i + 1}（z={z[i]:g}）"))
    ax.axhline(1 / z.size, color="0.5", ls=":", lw=1)
    ax.set_xscale("log")
    ax.set(xlabel=tr(lang, "temperature T (log scale)", "温度 T（対数目盛）"),
           ylabel=tr(lang, "probability", "確率"), ylim=(0, 1.02),
           title=tr(lang, "Dividing the logits by T", "ロジットを T で割る"))
    ax.legend(fontsize=9)
    return fig


def layer_diagram(n=3, m=2, lang="en"):
    """A layer of size n feeding a layer of size m: every arrow is one weight w_{j←i} = W[i, j]."""
    check_lang(lang, "layer_diagram")
    for v, name in ((n, "n"), (m, "m")):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 1 <= v <= 6:
            raise ValueError(f"layer_diagram: argument '{name}' expected an int in 1..6, got {v!r}")
    fig, ax = new_figure(width=6.6, height=3.8)
    yl = np.linspace(1, -1, n) * (n - 1) / max(n, m)
    yr = np.linspace(1, -1, m) * (m - 1) / max(n, m)
    for i, y0 in enumerate(yl):
        for j, y1 in enumerate(yr):
            ax.annotate("", (1.9, y1), (0.1, y0), arrowprops=dict(arrowstyle="->", lw=0.8,
                                                                  color=f"C{j}"))
            t = 0.22 + 0.2 * j
            ax.text(0.1 + t * 1.8, y0 + t * (y1 - y0), f"$w_{{{j + 1}\\leftarrow {i + 1}}}$",
                    fontsize=10, color=f"C{j}", ha="center",
                    bbox=dict(fc="white", lw=0, pad=0.5))
        ax.scatter([0], [y0], s=500, color="0.85", edgecolor="k", zorder=3)
        ax.text(0, y0, f"$x_{i + 1}$", ha="center", va="center", zorder=4)
    for j, y1 in enumerate(yr):
        ax.scatter([2], [y1], s=500, color="white", edgecolor=f"C{j}", lw=2, zorder=3)
        ax.text(2, y1, f"$y_{j + 1}$", ha="center", va="center", zorder=4)
        ax.text(2.25, y1, f"$+\\,b_{j + 1}$", va="center", color=f"C{j}")
    ax.set(xlim=(-0.4, 2.8), ylim=(-1.2, 1.2), xticks=[0, 2],
           xticklabels=[tr(lang, f"layer of size n={n}\n(input x: 1×{n})", f"大きさ n={n} の層\n（入力 x：1×{n}）"),
                        tr(lang, f"layer of size m={m}\n(output y: 1×{m})", f"大きさ m={m} の層\n（出力 y：1×{m}）")],
           yticks=[], ylabel=tr(lang, "neurons", "ニューロン"),
           xlabel=tr(lang, "layer (data flows left to right)", "層（データは左から右へ流れる）"),
           title=tr(lang, f"y = xW + b, W is {n}×{m}: column j holds neuron j's weights",
                    f"y = xW + b、W は {n}×{m}：j 列目はニューロン j の重み"))
    ax.grid(False)
    return fig


def _heat(ax, M, title, cmap="coolwarm", fmt="{:.2f}", lang="en"):
    M = np.atleast_2d(M)
    v = max(1e-12, float(np.abs(M).max()))
    lo, hi = (-v, v) if cmap == "coolwarm" else (0, 1)      # probabilities on a fixed 0..1 scale
    ax.imshow(M, cmap=cmap, vmin=lo, vmax=hi, aspect="equal")
    if M.size <= 60:
        for (r, c), val in np.ndenumerate(M):
            ax.text(c, r, fmt.format(val), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(M.shape[1]))
    ax.set_yticks(range(M.shape[0]))
    ax.set(title=f"{title}\n{M.shape[0]}×{M.shape[1]}", xlabel=tr(lang, "column", "列"), ylabel=tr(lang, "row", "行"))
    ax.grid(False)


def affine_batch_heatmaps(X, W, b, lang="en"):
    """X, W, XW, the bias rows 1_B b (seed 003's Dup_N(b)) and Y = XW + 1_B b as annotated heat maps (notes 2.4.2, seed 003)."""
    check_lang(lang, "affine_batch_heatmaps")
    X = as_float_array(X, "X", "affine_batch_heatmaps", ndim=2)
    W = as_float_array(W, "W", "affine_batch_heatmaps", ndim=2)
    b = as_float_array(b, "b", "affine_batch_heatmaps", ndim=1)
    if X.shape[1] != W.shape[0] or b.shape[0] != W.shape[1]:
        raise ValueError(f"affine_batch_heatmaps: expected X (N, n), W (n, m), b (m,), got "
                         f"{X.shape}, {W.shape}, {b.shape}")
    B = np.tile(b, (X.shape[0], 1))
    mats = [(X, tr(lang, "X (batch)", "X（バッチ）")), (W, "W"), (X @ W, "XW"),
            (B, tr(lang, "bias rows 1_B b", "バイアスの行 1_B b")), (X @ W + B, "Y = XW + 1_B b")]
    fig, axes = new_figure(ncols=3, nrows=2, width=2.45, height=2.7)
    axes = axes.ravel()
    axes[-1].set_visible(False)
    for ax, (M, t) in zip(axes, mats):
        _heat(ax, M, t, lang=lang)
    fig.suptitle(tr(lang, "One Affine layer on a batch: each row of X is one sample",
                    "バッチに対する Affine 層：X の各行が 1 つのサンプル"))
    return fig


def forward_pass_heatmaps(X, W1, b1, W2, b2, lang="en"):
    """A 2-layer forward pass X → relu(XW1+b1) → softmax(HW2+b2), every matrix as a heat map."""
    check_lang(lang, "forward_pass_heatmaps")
    v = forward_pass(X, W1, b1, W2, b2)
    mats = [(np.asarray(X, float), "X", "coolwarm"), (v["A1"], "A1 = XW1 + b1", "coolwarm"),
            (v["H"], "H = relu(A1)", "coolwarm"), (v["A2"], "A2 = HW2 + b2", "coolwarm"),
            (v["Y"], tr(lang, "Y = softmax(A2)\n(rows sum to 1)", "Y = softmax(A2)\n（各行の和は 1）"), "Greens")]
    fig, axes = new_figure(ncols=3, nrows=2, width=2.45, height=3.0)
    axes = axes.ravel()
    axes[-1].set_visible(False)
    for ax, (M, t, cm) in zip(axes, mats):
        _heat(ax, M, t, cmap=cm, lang=lang)
    fig.suptitle(tr(lang, "Forward pass of a 2-layer network:\nelement-wise relu, row-wise softmax",
                    "2 層ネットワークの順伝播：\nrelu は要素ごと、softmax は行ごと"))
    return fig
