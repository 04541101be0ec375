"""Chapter 2 explorers (notes 2.1-2.3), all precomputed so they work in the static site."""
import html

import numpy as np

from .. import plots
from .._checks import check_real
from ..experiments import ACTIVATIONS, activation_values
from ..functions import softmax
from ..gates import AND, NAND, OR, XOR, Perceptron, truth_table, which_gate
from ._core import explorer

__all__ = ["ACTIVATION_X", "ACTIVATION_SCALES", "PERCEPTRON_GRID", "GATE_PRESETS", "perceptron_caption", "perceptron_explorer",
           "gate_preset_explorer", "activation_explorer", "softmax_explorer",
           "softmax_temperature_explorer", "SOFTMAX_LOGITS"]

#: Slider values (w1, w2, b) of the perceptron explorer: 3 x 3 x 4 = 36 states.  With integer
#: weights and half-integer biases no input point ever lies exactly on the line, so '>= 0'
#: versus '> 0' never matters, and all 14 linearly separable functions of two inputs are reachable.
PERCEPTRON_GRID = {"w1": [-1, 0, 1], "w2": [-1, 0, 1], "b": [-1.5, -0.5, 0.5, 1.5]}

#: Gate presets as (w1, w2, b) on PERCEPTRON_GRID; AND is the note's own, the rest are our choice.
GATE_PRESETS = {"AND": (1, 1, -1.5), "OR": (1, 1, -0.5), "NAND": (-1, -1, 1.5),
                "NOR": (-1, -1, 0.5), "NOT x1": (-1, 0, 0.5)}

#: The values each of the three scores z1, z2, z3 of the softmax explorer can take.
SOFTMAX_LOGITS = [0, 1, 2]


def perceptron_caption(w1, w2, b):
    """HTML: the truth table of step(w1 x1 + w2 x2 + b) and the gate's name (``which_gate``)."""
    p = Perceptron([w1, w2], b)
    inputs, out = truth_table(p)
    rows = "".join(f"<tr><td>{x1}</td><td>{x2}</td><td>{p.net([x1, x2]):+g}</td><td><b>{y}</b></td></tr>"
                   for (x1, x2), y in zip(inputs, out))
    name = html.escape(which_gate(w1, w2, b))
    return (f"<div style='font-family:monospace'>w1={w1:g}, w2={w2:g}, b={b:g} computes "
            f"<b class='gate-name'>{name}</b>"
            f"<table style='border-collapse:collapse'><tr><th>x1</th><th>x2</th>"
            f"<th>w·x+b</th><th>out</th></tr>{rows}</table></div>")


def perceptron_explorer(preset="AND"):
    """Sliders for w1, w2 (3 values) and b (4 values): line, regions, truth table, gate name.

    ``preset`` (a key of :data:`GATE_PRESETS`) chooses the starting weights.
    """
    if preset not in GATE_PRESETS:
        raise ValueError(f"perceptron_explorer: argument 'preset' expected one of "
                         f"{list(GATE_PRESETS)}, got {preset!r}")
    w1, w2, b = GATE_PRESETS[preset]

    def render(w1, w2, b):
        return plots.gate_regions(w1, w2, b), perceptron_caption(w1, w2, b)

    return explorer(render, PERCEPTRON_GRID, labels={"w1": "weight w1", "w2": "weight w2",
                                                     "b": "bias b"},
                    initial={"w1": w1, "w2": w2, "b": b})


def gate_preset_explorer():
    """A dropdown of gates with the weights this book uses (and the two-layer XOR)."""
    gates = {"AND (note 2.1)": AND, "OR": OR, "NAND": NAND, "NOR": Perceptron([-1, -1], 0.5),
             "XOR (two layers)": XOR}

    def render(gate):
        g = gates[gate]
        if g is XOR:
            fig = plots.xor_regions()
            inputs, out = truth_table(XOR)
            table = ", ".join(f"{a}{c}→{y}" for (a, c), y in zip(inputs, out))
            return fig, (f"<div style='font-family:monospace'>XOR = AND(NAND(x), OR(x)): "
                         f"<b class='gate-name'>XOR</b> ({table})</div>")
        return plots.gate_regions(g.w[0], g.w[1], g.b), perceptron_caption(g.w[0], g.w[1], g.b)

    return explorer(render, {"gate": list(gates)}, labels={"gate": "gate"})


#: The activation explorer's input grid and its scale slider's range (a continuous slider).
ACTIVATION_X = np.linspace(-4, 4, 801)
ACTIVATION_SCALES = (0.25, 8.0)


def activation_explorer(activation="sigmoid", scale=1.0):
    """Live: an activation (notes 2.1, 2.3) of a x and its slope, for any input scale a.

    The page recomputes both curves with the JavaScript mirror of
    ``experiments.activation_values``; the slope panel keeps its y-range, so the
    slope visibly grows with a (as a/4 for the sigmoid, as a for ReLU).
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div, Select, Slider
    from bokeh.plotting import figure

    from .live import LiveFigure, callback
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation_explorer: argument 'activation' expected one of "
                         f"{list(ACTIVATIONS)}, got {activation!r}")
    scale = check_real(scale, "scale", "activation_explorer")
    if not ACTIVATION_SCALES[0] <= scale <= ACTIVATION_SCALES[1]:
        raise ValueError(f"activation_explorer: argument 'scale' expected a number in "
                         f"{list(ACTIVATION_SCALES)}, got {scale!r}")
    y, slope = activation_values(activation, ACTIVATION_X, scale)
    curve = ColumnDataSource({"x": ACTIVATION_X, "y": y, "slope": slope,
                              "base": ACTIVATION_X * 0 + ACTIVATIONS[activation][0](ACTIVATION_X)})
    left = figure(height=260, sizing_mode="stretch_width", y_range=(-1.5, 4.2), title="f(a x)",
                  x_axis_label="input x", y_axis_label="output", toolbar_location=None)
    left.line("x", "base", source=curve, color="gray", line_dash="dashed", legend_label="f(x)")
    left.line("x", "y", source=curve, line_width=2, legend_label="f(a x)")
    left.legend.location = "top_left"
    right = figure(height=260, sizing_mode="stretch_width", y_range=(-0.2, 8.4), title="its slope d/dx",
                   x_axis_label="input x", y_axis_label="slope", toolbar_location=None)
    right.line("x", "slope", source=curve, line_width=2, color="#d62728")
    pick = Select(title="activation", value=activation, options=list(ACTIVATIONS), width=160)
    a = Slider(title="input scale a", start=ACTIVATION_SCALES[0], end=ACTIVATION_SCALES[1],
               step=0.01, value=scale, sizing_mode="stretch_width")
    caption = Div(text=_activation_caption(activation, scale, slope), sizing_mode="stretch_width")
    redraw = callback("""
        const [y, slope] = D.activationValues(pick.value, curve.data.x, a.value, 0);
        const base = curve.data.x.map(D.ACTIVATIONS[pick.value][0]);
        curve.data = {x: curve.data.x, y: y, slope: slope, base: base};
        const finite = slope.filter(Number.isFinite);
        caption.text = `<span class='act-caption'>${pick.value}(${a.value}x): largest slope on the plot = `
                       + `${Math.max(...finite).toPrecision(4)}</span>`;
    """, rules=("activations",), curve=curve, pick=pick, a=a, caption=caption)
    a.js_on_change("value", redraw)
    pick.js_on_change("value", redraw)
    layout = column(row(pick, a, sizing_mode="stretch_width"), row(left, right, sizing_mode="stretch_width"),
                    caption, sizing_mode="stretch_width")
    return LiveFigure(layout, scale=a, activation=pick, curve=curve, caption=caption)


def _activation_caption(name, scale, slope):
    return (f"<span class='act-caption'>{name}({scale:g}x): largest slope on the plot = "
            f"{np.nanmax(slope):.4g}</span>")


def softmax_explorer():
    """Three logit sliders z1, z2, z3 in {0, 1, 2} (27 states): the softmax bar chart.

    Adding the same number to all three logits (e.g. 0,0,0 / 1,1,1 / 2,2,2) gives the same bars.
    """
    def render(z1, z2, z3):
        z = np.array([z1, z2, z3], dtype=float)
        p = softmax(z)
        probs = ", ".join(f"{v:.4f}" for v in p)
        return plots.softmax_bars(z), (f"<span class='softmax-caption'>softmax({z1:g}, {z2:g}, {z3:g}) = "
                                       f"[{probs}], sum = {p.sum():.4f}</span>")

    return explorer(render, {"z1": SOFTMAX_LOGITS, "z2": SOFTMAX_LOGITS, "z3": SOFTMAX_LOGITS},
                    labels={"z1": "logit z1", "z2": "logit z2", "z3": "logit z3"},
                    initial={"z1": 2, "z2": 1, "z3": 0})


def softmax_temperature_explorer(logits=(0.3, 2.9, 4.0)):
    """Temperature slider for softmax(z / T) of fixed logits (the book's example by default)."""
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"softmax_temperature_explorer: argument 'logits' expected a 1-D list of "
                         f">= 2 numbers, got {logits!r}")

    def render(T):
        p = softmax(z / T)
        return plots.softmax_bars(z, T), (f"<span class='softmax-caption'>T={T:g}: "
                                          f"[{', '.join(f'{v:.4f}' for v in p)}]</span>")

    return explorer(render, {"T": [0.1, 0.25, 0.5, 1, 2, 4, 10]}, labels={"T": "temperature T"},
                    initial={"T": 1})
