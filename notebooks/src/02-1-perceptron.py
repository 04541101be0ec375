CELLS = [
("md", r"""
# Perceptrons and logic gates

This page follows note 2.1 (ニューロンの始まり, "where the neuron begins") and note 2.2
(多層パーセプトロン, "the multilayer perceptron"). A perceptron is the smallest unit of a
network: it weighs its inputs, adds a bias, and *fires* (outputs 1) when the total is at
least zero. We build the logic gates the note talks about, draw the line each one draws
through the plane, show that XOR cannot be drawn with one line, and then build it from two
layers.
"""),
("code", r"""
import numpy as np
from dlnotes import plots, widgets, exercises
from dlnotes.gates import (
    AND,
    OR,
    NAND,
    NOT,
    XOR,
    Perceptron,
    truth_table,
    which_gate,
    search_linear_separators,
    xor_mlp_weights,
)
from dlnotes.functions import step_function, sigmoid
from dlnotes.experiments import segment_intersection, xor_centre_sums
"""),
("md", r"""
## 1. One neuron with a step (note 2.1)

The step function (the note's $f_{\text{step}}$, the book's `step_function`) is
$\operatorname{step}(a) = 1$ if $a \ge 0$ and $0$ otherwise. A perceptron with weights
$w_1, \dots, w_n$ and bias $b$ applies it to a weighted sum:

$$y = \operatorname{step}\Big(\sum_i w_i x_i + b\Big),$$

so it fires exactly when $\sum_i w_i x_i \ge -b$: the bias is minus the firing threshold.
(The note names this neuron $\hat f_{\text{step}}(\mathbf{x})$ <!-- note-notation --> and writes the definition
with `=:`, which by convention defines the *right*-hand side; the left-hand side $\hat f$ is
the new name, so `:=` is meant.)

The note gives one set of weights, for AND: $x_1 + x_2 - 1.5 \ge 0$. Its figures with the
weights of OR and NOT are missing, so **the weights below for OR, NAND and NOT are our
choice**: OR is $x_1 + x_2 - 0.5$, NAND is AND with every sign flipped,
$-x_1 - x_2 + 1.5$, and NOT is $-x + 0.5$.
"""),
("code", r"""
for name, gate in [("AND", AND), ("OR", OR), ("NAND", NAND), ("NOT", NOT)]:
    inputs, outputs = truth_table(gate)
    rows = "  ".join(
        f"{''.join(map(str, x))}->{y}" for x, y in zip(inputs, outputs)
    )
    print(f"{name:5s} {gate!r:32s} {rows}")
"""),
("md", r"""
Each two-input gate is a straight line through the square $[0,1]^2$: on the red side the
weighted sum is $\ge 0$ and the neuron fires, on the blue side it does not (the note uses
the same colours: blue for 0, red for 1). NOT has one input, so its "line" is a point on
the number line.
"""),
("code", r"""
plots.gates_overview()
""", {"alt": "Four panels in a 2 by 2 grid: AND (the note's weights), OR and NAND (our weights) over the input square, each with its decision line, the region where it outputs 1 shaded red and the four input points labelled with the output 0 or 1; and NOT, with one input, where the line x = 0.5 separates output 1 on the left from 0 on the right."}),
("code", r"""
# check: the weighted sums w.x + b of AND at 00, 01, 10, 11, and which gate
#   each weight set is
print("AND sums:", [AND.net(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]])
print([which_gate(*g.w, g.b) for g in (AND, OR, NAND)])
"""),
("md", r"""
### The weights are a region, not a point

Nothing about $(1, 1, -1.5)$ is special. With $b = -1$, AND needs $b < 0$ (00 stays silent),
$w_2 + b < 0$ and $w_1 + b < 0$ (01 and 10 stay silent) and $w_1 + w_2 + b \ge 0$ (11
fires): that is the triangle $w_1 < 1,\ w_2 < 1,\ w_1 + w_2 \ge 1$. Colouring the
$(w_1, w_2)$ plane by the gate the perceptron computes shows every gate as a whole
polygon. Multiplying all three parameters by any positive number changes nothing either,
so in $(w_1, w_2, b)$ space each gate is a cone.
"""),
("code", r"""
plots.gate_weight_map(biases=(-1.0, 1.0))
""", {"alt": "Two maps of the weight plane (w1, w2), for bias b = -1 and b = 1, coloured by which of the 16 boolean functions the perceptron computes; each gate, such as AND or OR, fills a whole region, and XOR and XNOR appear nowhere."}),
("code", r"""
# check: how many (w1, w2, b) on a 41-point grid over [-2, 2] compute each
#   gate; scaling by 3 keeps AND
grid = np.linspace(-2, 2, 41)
print(
    {
        name: len(search_linear_separators(name, grid))
        for name in ["AND", "OR", "NAND", "NOR", "XOR"]
    }
)
print(
    "3 * (1, 1, -1.5):",
    which_gate(3, 3, -4.5),
    "| (0.9, 0.2, -1):",
    which_gate(0.9, 0.2, -1),
)
"""),
("md", r"""
### Try it: a perceptron explorer

Drag the three sliders to any $w_1, w_2, b$ between $-2$ and $2$; your browser redraws the
line $w_1 x_1 + w_2 x_2 + b = 0$, the red region where the neuron fires and the blue one
where it does not, colours the four inputs by their output, and lists $w \cdot x + b$ and the
output at each. Above the table is the name of the boolean function the weights compute.
The menu *set weights to a gate* moves the sliders to the weights this page uses for AND,
OR, NAND, NOR and NOT $x_1$.

Pick a *target gate* and try to reach it. Fourteen of the sixteen functions of two inputs
can be reached, each by a whole region of weights. The target starts at XOR, and for XOR
(and XNOR) the readout says at once that no setting works; section 2 proves why.
"""),
("code", r"""
widgets.perceptron_explorer(preset="AND", target="XOR")
"""),
("md", r"""
## 2. XOR is not linearly separable (note 2.2)

XOR outputs 1 when exactly one input is 1. Suppose one perceptron $(w_1, w_2, b)$ computed
it. Then
$b < 0$ (00 → 0), $w_2 + b \ge 0$ (01 → 1), $w_1 + b \ge 0$ (10 → 1) and
$w_1 + w_2 + b < 0$ (11 → 0). Adding the middle two gives
$w_1 + w_2 + b \ge -b > 0$, which contradicts the last one. So no line separates XOR's red
points from its blue ones. (XNOR fails for the same reason, with every inequality reversed.)

The computation agrees: a brute-force search over a grid of $41^3 = 68\,921$ weight
triples finds every other function many times and never XOR or XNOR.
"""),
("code", r"""
plots.separator_counts(np.linspace(-2, 2, 41))
""", {"alt": "Horizontal bar chart: for each of the 16 boolean functions of two inputs, how many of the 41³ grid triples (w1, w2, b) compute it; every function has a bar except XOR and XNOR, whose counts are 0."}),
("code", r"""
# check: distinct functions reached by the 68,921 grid perceptrons, and the
#   XOR/XNOR counts
g = np.linspace(-2, 2, 41)
W1, W2, B = np.meshgrid(g, g, g, indexing="ij")
X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
outs = (
    (np.einsum("kj,j...->k...", X4, np.stack([W1, W2])) + B >= 0)
    .reshape(4, -1)
    .T
)
reached = {tuple(row) for row in outs.astype(int)}
print(
    len(reached),
    "functions reached;",
    (0, 1, 1, 0) in reached,
    (1, 0, 0, 1) in reached,
)
"""),
("md", r"""
### The same proof, drawn: the two diagonals cross

The algebra has a picture. One perceptron splits the plane into two sets,
$\{\mathbf x : w_1x_1 + w_2x_2 + b \ge 0\}$ where it outputs 1 and the rest, where it
outputs 0. Both are half-planes, and a half-plane is *convex*: with any two of its points it
contains the whole segment between them (the weighted sum changes linearly along the segment,
so it cannot leave the half-plane and come back). So if one perceptron computed XOR, its
1-set would contain the segment from $(0,1)$ to $(1,0)$, the convex hull of XOR's two 1-points,
and its 0-set would contain the segment from $(0,0)$ to $(1,1)$, the hull of the two 0-points.
These two diagonals of the square cross at $(\tfrac12, \tfrac12)$, so that point would have
to be in both sets, which is impossible. In numbers: the weighted sum at the centre is the
average of its values at $01$ and $10$ (both $\ge 0$), and also the average of its values at
$00$ and $11$ (both $< 0$). The algebra above is this argument without the picture: the
sums at 01 and 10 add up to $w_1 + w_2 + 2b$, and so do the sums at 00 and 11.

The left panel of the figure in section 3 draws the two diagonals and their crossing.
"""),
("code", r"""
# check: where the diagonals 01-10 and 00-11 cross (t, u: position along
#   each), and the sum at (1/2, 1/2) against both corner averages for
#   100,000 seeded random perceptrons
point, t, u = segment_intersection((0, 1), (1, 0), (0, 0), (1, 1))
print("crossing:", point.tolist(), " t =", t, " u =", u)
rng = np.random.default_rng(0)
corners, centre = xor_centre_sums(rng.normal(size=(100_000, 3)))
ones_avg = (corners[:, 1] + corners[:, 2]) / 2     # inputs 01, 10
zeros_avg = (corners[:, 0] + corners[:, 3]) / 2    # inputs 00, 11
print(
    "max |centre - avg(01, 10)| < 1e-14:",
    np.max(np.abs(centre - ones_avg)) < 1e-14,
    "| max |centre - avg(00, 11)| < 1e-14:",
    np.max(np.abs(centre - zeros_avg)) < 1e-14,
)
fire, mid = corners >= 0, centre >= 0
ones, zeros = fire[:, 1] & fire[:, 2], ~fire[:, 0] & ~fire[:, 3]
print(
    f"fire on 01 and 10: {ones.sum()}, of which silent at the centre:"
    f" {(ones & ~mid).sum()}"
)
print(
    f"silent on 00 and 11: {zeros.sum()}, of which firing at the centre:"
    f" {(zeros & mid).sum()};  both at once (XOR): {(ones & zeros).sum()}"
)
"""),
("md", r"""
## 3. Two layers compute XOR (note 2.2)

The note builds XOR from OR, AND and NOT: $\text{XOR}(x) = \text{AND}(\text{OR}(x),
\text{NOT}(\text{AND}(x)))$. NOT after AND is just NAND (flip every sign of AND's weights),
so the circuit has one hidden layer with two neurons, NAND and OR, and an output neuron AND.
In input space XOR's 1-region is the band between the two parallel lines where NAND and
OR both fire: an intersection of two half-planes, so it *is* convex. What is not convex is
its 0-region, the two outer half-planes together: the blue diagonal from 00 to 11 crosses the
red band. One perceptron's 0-region and 1-region are both half-planes, hence convex, and
section 2 showed that XOR's points cannot be split that way; the hidden layer is what builds the
band. In the hidden coordinates
$\mathbf z = (\text{NAND}(x), \text{OR}(x))$ the four inputs land on three points, and AND
separates them with one line.
"""),
("code", r"""
inputs, outputs = truth_table(XOR)
for x, z, y in zip(inputs, XOR.hidden(inputs.astype(float)), outputs):
    print(f"x = {x}  ->  hidden (NAND, OR) = {z}  ->  XOR = {y}")
plots.xor_regions()
""", {"alt": "Two panels. Left: in input space, XOR outputs 1 in the band between the NAND line and the OR line, a convex strip; the red segment joining the 1-points 01 and 10 and the blue segment joining the 0-points 00 and 11 cross at (1/2, 1/2), and the blue one runs through the red band, so the set of 0s is not convex. Right: in the hidden space z = (NAND(x), OR(x)), inputs 01 and 10 land on the same point and a single AND line separates the output 1 from 0."}),
("md", r"""
The same circuit written as a tiny multilayer perceptron (the matrix form of note 2.4):
pre-activation $\mathbf a = \mathbf x \mathbf W_1 + \mathbf b_1$, hidden output
$\mathbf z = \operatorname{step}(\mathbf a)$, $y = \operatorname{step}(\mathbf z \mathbf W_2 + b_2)$,
where column 0 of $\mathbf W_1$ holds NAND's weights and column 1 holds OR's.
"""),
("code", r"""
W1, b1, W2, b2 = xor_mlp_weights()
print(
    "W1 =",
    W1.tolist(),
    " b1 =",
    b1.tolist(),
    " W2 =",
    W2.ravel().tolist(),
    " b2 =",
    b2.tolist(),
)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
A = X @ W1 + b1
Z = step_function(A)
print("hidden layer:", Z.astype(int).tolist())
"""),
("code", r"""
# check: the 2-2-1 step network on 00, 01, 10, 11, and NOT(AND(x)) ==
#   NAND(x) on all inputs
print(step_function(Z @ W2 + b2).ravel().astype(int).tolist())
print(all(1 - AND(x) == NAND(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]))
"""),
("md", r"""
## 4. From the step to smooth activations (bridge to note 2.3)

The step function has slope 0 wherever it has a slope, so nothing tells us how to change a
weight a little to do better. Note 2.3 swaps it for smooth functions. The sigmoid
$\sigma(wx)$ becomes steeper as $w$ grows and approaches the step at every $x \ne 0$; at
$x = 0$ it stays at $\sigma(0) = 1/2$, while the note's step gives 1 there.
"""),
("code", r"""
plots.step_vs_smooth(weights=(1, 3, 10))
""", {"alt": "Two panels. Left: sigmoid(w x) for w = 1, 3 and 10 approaches the step function as w grows. Right: their slopes, bell curves that get taller and narrower, against the step's slope, which is 0 everywhere except at 0."}),
("code", r"""
# check: sigmoid(w * 0.1) for w = 1, 10, 100, 1000 approaches step(0.1) =
#   1, but sigmoid(w * 0) stays 0.5
print(
    [
        round(float(sigmoid(np.array(w * 0.1))), 6)
        for w in (1, 10, 100, 1000)
    ],
    float(step_function(np.array(0.1))),
)
print(
    [float(sigmoid(np.array(w * 0.0))) for w in (1, 1000)],
    float(step_function(np.array(0.0))),
)
"""),
("md", r"""
## Exercises

**1.** Find weights that make a perceptron compute NOR (output 1 only for input 00). Replace
each `...` below with a number and run the cell until the checker agrees.
"""),
("code", r"""
_ = exercises.check_gate_weights("NOR", w1=..., w2=..., b=...)
"""),
("code", r"""
exercises.answer_box(exercises.check_gate_weights)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
NOR is NOT(OR): flip the signs of OR's weights and bias, so that any input 1 pulls the sum below 0.
:::

:::{admonition} Worked answer
:class: dropdown
$w_1 = w_2 = -1$, $b = 0.5$: $-x_1 - x_2 + 0.5 \ge 0$ only for $x_1 = x_2 = 0$, so the outputs are 1, 0, 0, 0 for 00, 01, 10, 11. Any weights in the NOR region of the map above work too.
:::
"""),
("md", r"""
**2.** Build XOR differently: let the hidden neurons be OR and AND, and let the output fire
when "OR and not AND" holds. The hidden layer is given; fill in the output weights `W2` (2×1) and bias `b2`.
"""),
("code", r"""
W1 = [[1, 1], [1, 1]]      # columns: OR, AND
b1 = [-0.5, -1.5]
W2 = ...                   # [[?], [?]]: AND should count *against* firing
b2 = ...                   # [?]
_ = exercises.check_xor_network(W1, b1, W2, b2)
"""),
("code", r"""
exercises.answer_box(exercises.check_xor_network)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
With both output weights 1, the output fires for OR *or* AND. Give the AND neuron a negative weight, so that 11 (where both hidden neurons fire) falls below the threshold.
:::

:::{admonition} Worked answer
:class: dropdown
`W2 = [[1], [-1]]` and `b2 = [-0.5]`: the output is step(OR − AND − 0.5), which is 1 for 01 and 10 (OR only) and 0 for 00 and 11. That is XOR.
:::
"""),
("md", r"""
## Weights used here, and notes on the note (2.1, 2.2)

**Weights.** AND $= (1, 1, -1.5)$ is the note's. OR $= (1, 1, -0.5)$,
NAND $= (-1, -1, 1.5)$, NOT $= (-1, 0.5)$ and NOR $= (-1, -1, 0.5)$ are our choice, because
the note's figures that would show them are missing. Any weights in the same polygon of
the map above work just as well. XOR $=$ AND(NAND, OR).

**Points in the note to correct** (each checked above; the formulas are the note's own):

<!-- note-notation -->
- 2.1: the definition $\hat f_{\text{step}}(\mathbf{x}) =: f_{\text{step}}(\sum_i w_i x_i + b)$
  uses `=:`, which defines the right-hand side. The new name is on the left, so it should be
  `:=`. Also, $\hat f$ depends on $w$ and $b$, but the notation does not show them.
- 2.2: the neuron is written $\hat f_{\text{step}}(w_1x + w_2y + b)$. That applies $\hat f$,
  which was defined on the input *vector*, to a scalar that is already the weighted sum. It
  should read $f_{\text{step}}(w_1x + w_2y + b)$, or equivalently
  $\hat f_{\text{step}}((x, y))$.
- 2.2: "the line $w_1x + w_2y + b = 0$" is a line only when $(w_1, w_2) \ne (0, 0)$; with
  both weights 0 the perceptron is constant (TRUE or FALSE, both on the map above).
- 2.1/2.2: the figures with the OR and NOT weights, and the XOR scatter plot the text points
  to ("右下のようなグラフ"), are missing from the note. This page draws them.
- Not an error, but worth knowing: firing at exactly 0 ($\ge$, as in the note) or only above
  0 ($>$, as in the book's code) gives different gates when an input sits on the line. On
  the 41-point grid AND has 1,330 solutions but NAND has 1,540, because the tie at 0
  counts as "fire".
"""),
]
