"""Chapter 2 figures: perceptrons and gates (notes 2.1, 2.2), activation functions (2.3),
the Affine layer and activations in matrix form (2.4, 2.5, seed 003).

Every function returns a :class:`matplotlib.figure.Figure` with labelled axes and a title.
Functions whose name ends in ``_on`` draw into a given axes instead (to compose figures).
"""
import numpy as np
from matplotlib.colors import ListedColormap

from .._checks import as_float_array, check_positive, check_real
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


def gate_regions_on(ax, w1, w2, b, title=None, lim=(-0.5, 1.5)):
    """Draw the perceptron ``step(w1 x1 + w2 x2 + b)`` over the square: regions, line, 4 points."""
    owner = "gate_regions_on"
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
    ax.set(xlim=lim, ylim=lim, xlabel="input x1", ylabel="input x2", aspect="equal",
           title=title or f"{_fmt_line(w1, w2, b)}  →  {name}")
    ax.grid(False)
    return ax


def gates_overview():
    """AND (the note's weights), OR, NAND and NOT (our weights) with their decision boundaries."""
    fig, axes = new_figure(ncols=2, nrows=2, width=3.6, height=3.5)
    axes = axes.ravel()
    for ax, (name, g, who) in zip(axes[:3], [("AND", AND, "note 2.1"), ("OR", OR, "our choice"),
                                             ("NAND", NAND, "our choice")]):
        gate_regions_on(ax, g.w[0], g.w[1], g.b,
                        title=f"{name} ({who})\n{_fmt_line(g.w[0], g.w[1], g.b)}")
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
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 0.5), yticks=[], xlabel="input x", ylabel="(NOT has one input)",
           title=f"NOT (our choice)\n{NOT.w[0]:g}·x + {NOT.b:g} ≥ 0")
    ax.grid(False)
    return fig


def gate_weight_map(biases=(-1.0, 1.0), lim=2.5):
    """For fixed bias b, colour the (w1, w2) plane by the gate the perceptron computes.

    Each named gate occupies a whole region (a polygon), not a point: any weights
    inside it work.  XOR and XNOR never appear.
    """
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
        ax.set(xlabel="weight w1", ylabel="weight w2", aspect="equal", xlim=(-lim, lim),
               ylim=(-lim, lim), title=f"gate computed when b = {b:g}")
        ax.grid(False)
    return fig


def separator_counts(grid):
    """Bar chart: how many (w1, w2, b) triples of ``grid**3`` realise each of the 16 functions."""
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
    ax.set(ylabel="boolean function of (x1, x2)", xlabel="number of grid triples",
           title=f"Perceptrons on a {g.size}³ grid of (w1, w2, b):\nnone computes XOR or XNOR")
    return fig


def xor_regions():
    """XOR = AND(NAND(x), OR(x)) (note 2.2): in input space the 1s fill a convex band and the two
    diagonals (the hulls of the 1-points and of the 0-points) cross at (1/2, 1/2); in the hidden
    space z = (NAND(x), OR(x)) one AND line separates them."""
    from ..experiments import segment_intersection
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.7, height=4.0)
    g = np.linspace(-0.5, 1.5, 301)
    X1, X2 = np.meshgrid(g, np.linspace(-0.9, 1.5, 361))     # room below the square for the key
    pts = np.column_stack([X1.ravel(), X2.ravel()])
    ax1.imshow(TwoLayerXOR(binary=False)(pts).reshape(X1.shape), cmap=GATE_CMAP, vmin=0, vmax=1, origin="lower",
               extent=(-0.5, 1.5, -0.9, 1.5), interpolation="nearest")
    for gate, name, ls in ((NAND, "NAND line", "--"), (OR, "OR line", ":")):
        ax1.plot(g, -(gate.w[0] * g + gate.b) / gate.w[1], color="k", ls=ls, lw=1.5, label=name)
    ax1.plot([0, 1], [1, 0], color=C1, lw=2.5, label="hull of the 1s")
    ax1.plot([0, 1], [0, 1], color=C0, lw=2.5, label="hull of the 0s")
    centre, _, _ = segment_intersection((0, 1), (1, 0), (0, 0), (1, 1))
    ax1.scatter([centre[0]], [centre[1]], s=60, marker="D", color="white", edgecolor="k", zorder=4)
    ax1.annotate("(½, ½)", tuple(centre), xytext=(10, -4), textcoords="offset points", fontsize=10)
    inputs, out = truth_table(XOR)
    for (x1, x2), y in zip(inputs, out):
        ax1.scatter([x1], [x2], s=140, color=C1 if y else C0, edgecolor="k", zorder=3)
    ax1.set(xlim=(-0.5, 1.5), ylim=(-0.9, 1.5), aspect="equal", xlabel="input x1",
            ylabel="input x2", title="XOR: the 1s fill a convex band;\nthe two hulls cross at (½, ½)")
    ax1.legend(loc="lower right", fontsize=9, ncol=2, handlelength=1.6, columnspacing=0.8,
               framealpha=0.95)
    ax1.grid(False)
    Z = XOR.hidden(inputs.astype(float))
    gate_regions_on(ax2, AND.w[0], AND.w[1], AND.b,
                    title="hidden layer z = (NAND(x), OR(x))\noutput AND(z) is one line")
    ax2.set(xlabel="z1 = NAND(x1, x2)", ylabel="z2 = OR(x1, x2)")
    groups = {}
    for x, z in zip(inputs, Z):
        groups.setdefault((int(z[0]), int(z[1])), []).append(f"{x[0]}{x[1]}")
    for (z1, z2), xs in groups.items():
        ax2.annotate("x = " + ", ".join(xs), (z1, z2), xytext=(0, -22), ha="center",
                     textcoords="offset points", fontsize=9)
    return fig


def step_vs_smooth(weights=(1, 3, 10)):
    """The step function against sigmoid(w x) and ReLU: the bridge from 2.1 to 2.3."""
    x = np.linspace(-4, 4, 801)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.2)
    ax1.plot(x, step_function(x), color="k", lw=2, label="step (note 2.1)")
    for w in weights:
        ax1.plot(x, sigmoid(w * x), lw=1.3, label=f"sigmoid({w:g}x)")
    ax1.set(xlabel="input x", ylabel="output", title="Steeper sigmoids approach the step")
    ax1.legend(fontsize=9)
    ax2.plot(x, np.zeros_like(x), color="k", lw=2, label="step' (0 for x ≠ 0)")
    for w in weights:
        ax2.plot(x, w * sigmoid_grad(w * x), lw=1.3, label=f"d/dx sigmoid({w:g}x)")
    ax2.set(xlabel="input x", ylabel="slope", title="Only smooth ones have a useful slope")
    ax2.legend(fontsize=9)
    return fig


def activation_curves(x_range=(-4.0, 4.0)):
    """Step, sigmoid, ReLU, identity (left) and their derivatives (right), note 2.3."""
    x = np.linspace(x_range[0], x_range[1], 801)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.5)
    styles = {"step": "k", "sigmoid": "C0", "relu": "C3", "identity": "0.6"}
    for name in ACTIVATIONS:
        lw = 3.5 if name == "step" else 1.8      # drawn first and wider: ReLU' covers half of it
        y, d = activation_values(name, x)        # d is NaN where there is no derivative (0)
        ax1.plot(x, y, color=styles[name], lw=lw, label=name,
                 ls="--" if name == "identity" else "-")
        ax2.plot(x, d, color=styles[name], lw=lw, label=f"{name}'",
                 ls="--" if name == "identity" else "-")
    ax2.scatter([0, 0], [0, 1], s=30, facecolor="white", edgecolor="C3", zorder=4)
    ax2.annotate("ReLU' jumps at 0:\nno derivative there", (0, 0.5), xytext=(0.6, 0.45),
                 fontsize=9, arrowprops=dict(arrowstyle="->", lw=0.8))
    ax2.axhline(0.25, color="C0", lw=0.6, ls=":")
    ax2.annotate("sigmoid' max = 1/4", (0, 0.25), xytext=(-3.9, 0.32), fontsize=9, color="C0")
    ax1.set(xlabel="input x", ylabel="f(x)", ylim=(-1.2, 3), title="Activation functions")
    ax2.set(xlabel="input x", ylabel="f'(x)", ylim=(-0.1, 1.2), title="Their derivatives")
    ax1.legend(fontsize=9, loc="upper left")
    ax2.legend(fontsize=9, loc="center left")
    return fig


def relu_integral(x, integral):
    """ReLU against a numerical running integral of the step function (note 2.3.2)."""
    x = as_float_array(x, "x", "relu_integral", ndim=1)
    integral = as_float_array(integral, "integral", "relu_integral", ndim=1)
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.2)
    ax1.plot(x, relu(x), color="C3", lw=3, alpha=0.5, label="relu(x)")
    ax1.plot(x, integral, color="k", lw=1, ls="--", label="∫ step(t) dt from x[0]")
    ax1.set(xlabel="input x", ylabel="value", title="ReLU is the integral of step")
    ax1.legend(fontsize=9)
    ax2.plot(x, np.abs(integral - relu(x)), color="C0")
    ax2.set(xlabel="input x", ylabel="|integral − relu|", title="difference (trapezoid rule)")
    return fig


def softmax_overflow(c_values=None):
    """p_1 of softmax([c, c-1, c-2]): the naive formula returns nan far from 0, the shifted one never."""
    c = np.linspace(-800, 800, 1601) if c_values is None else \
        as_float_array(c_values, "c_values", "softmax_overflow", ndim=1)
    X = np.column_stack([c, c - 1, c - 2])
    naive = naive_softmax(X)[:, 0]
    fig, ax = new_figure(width=7.4, height=3.4)
    ax.plot(c, softmax(X)[:, 0], color="C0", lw=4, alpha=0.4, label="max-shifted softmax")
    ax.plot(c, naive, color="C3", lw=1.2, label="naive exp(x_i)/Σ exp(x_j) (nan → gap)")
    hi = np.log(np.finfo(float).max)
    ax.axvline(hi, color="k", ls=":", lw=1)
    ax.annotate(f"exp overflows\nfor x > {hi:.2f}", (hi, 0.3), xytext=(-5, 0), fontsize=9, ha="right",
                textcoords="offset points")
    bad_low = c[np.isnan(naive) & (c < 0)]
    if bad_low.size:
        ax.axvline(bad_low.max(), color="k", ls=":", lw=1)
        ax.annotate("all exp underflow\nto 0: 0/0", (bad_low.max(), 0.3), xytext=(5, 0),
                    textcoords="offset points", fontsize=9)
    ax.set(xlabel="c (input is [c, c−1, c−2])", ylabel="first output p₁", ylim=(0, 1),
           title="Softmax in float64: the naive formula fails at both ends")
    ax.legend(loc="lower center", fontsize=9)
    return fig


def softmax_temperature(logits, temperatures=None):
    """Each output of softmax(z / T) as T varies (log axis): T → 0 one-hot, T → ∞ uniform."""
    z = as_float_array(logits, "logits", "softmax_temperature", ndim=1)
    T = np.logspace(-1.5, 1.5, 200) if temperatures is None else \
        as_float_array(temperatures, "temperatures", "softmax_temperature", ndim=1)
    P = softmax(z[None, :] / T[:, None])
    fig, ax = new_figure(width=5.2, height=3.2)
    for i in range(z.size):
        ax.plot(T, P[:, i], lw=2, label=f"class {i + 1} (z={z[i]:g})")
    ax.axhline(1 / z.size, color="0.5", ls=":", lw=1)
    ax.set_xscale("log")
    ax.set(xlabel="temperature T (log scale)", ylabel="probability", ylim=(0, 1.02),
           title="Dividing the logits by T")
    ax.legend(fontsize=9)
    return fig


def layer_diagram(n=3, m=2):
    """A layer of size n feeding a layer of size m: every arrow is one weight w_{j←i} = W[i, j]."""
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
           xticklabels=[f"layer of size n={n}\n(input x: 1×{n})", f"layer of size m={m}\n(output y: 1×{m})"],
           yticks=[], ylabel="neurons", xlabel="layer (data flows left to right)",
           title=f"y = xW + b, W is {n}×{m}: column j holds neuron j's weights")
    ax.grid(False)
    return fig


def _heat(ax, M, title, cmap="coolwarm", fmt="{:.2f}"):
    M = np.atleast_2d(M)
    v = max(1e-12, float(np.abs(M).max()))
    lo, hi = (-v, v) if cmap == "coolwarm" else (0, 1)      # probabilities on a fixed 0..1 scale
    ax.imshow(M, cmap=cmap, vmin=lo, vmax=hi, aspect="equal")
    if M.size <= 60:
        for (r, c), val in np.ndenumerate(M):
            ax.text(c, r, fmt.format(val), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(M.shape[1]))
    ax.set_yticks(range(M.shape[0]))
    ax.set(title=f"{title}\n{M.shape[0]}×{M.shape[1]}", xlabel="column", ylabel="row")
    ax.grid(False)


def affine_batch_heatmaps(X, W, b):
    """X, W, XW, the bias rows 1_B b (seed 003's Dup_N(b)) and Y = XW + 1_B b as annotated heat maps (notes 2.4.2, seed 003)."""
    X = as_float_array(X, "X", "affine_batch_heatmaps", ndim=2)
    W = as_float_array(W, "W", "affine_batch_heatmaps", ndim=2)
    b = as_float_array(b, "b", "affine_batch_heatmaps", ndim=1)
    if X.shape[1] != W.shape[0] or b.shape[0] != W.shape[1]:
        raise ValueError(f"affine_batch_heatmaps: expected X (N, n), W (n, m), b (m,), got "
                         f"{X.shape}, {W.shape}, {b.shape}")
    B = np.tile(b, (X.shape[0], 1))
    mats = [(X, "X (batch)"), (W, "W"), (X @ W, "XW"), (B, "bias rows 1_B b"), (X @ W + B, "Y = XW + 1_B b")]
    fig, axes = new_figure(ncols=3, nrows=2, width=2.45, height=2.7)
    axes = axes.ravel()
    axes[-1].set_visible(False)
    for ax, (M, t) in zip(axes, mats):
        _heat(ax, M, t)
    fig.suptitle("One Affine layer on a batch: each row of X is one sample")
    return fig


def forward_pass_heatmaps(X, W1, b1, W2, b2):
    """A 2-layer forward pass X → relu(XW1+b1) → softmax(HW2+b2), every matrix as a heat map."""
    v = forward_pass(X, W1, b1, W2, b2)
    mats = [(np.asarray(X, float), "X", "coolwarm"), (v["A1"], "A1 = XW1 + b1", "coolwarm"),
            (v["H"], "H = relu(A1)", "coolwarm"), (v["A2"], "A2 = HW2 + b2", "coolwarm"),
            (v["Y"], "Y = softmax(A2)\n(rows sum to 1)", "Greens")]
    fig, axes = new_figure(ncols=3, nrows=2, width=2.45, height=3.0)
    axes = axes.ravel()
    axes[-1].set_visible(False)
    for ax, (M, t, cm) in zip(axes, mats):
        _heat(ax, M, t, cmap=cm)
    fig.suptitle("Forward pass of a 2-layer network:\nelement-wise relu, row-wise softmax")
    return fig
