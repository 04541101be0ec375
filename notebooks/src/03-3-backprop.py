CELLS = [
("md", r"""
# Backpropagation

Note 3.3 (誤差逆伝播法, backpropagation) computes every partial derivative of the loss with the
chain rule, layer by layer from the output back to the input. This page goes through its
subsections — 3.3.2 (実数の逆伝播, backpropagation for real numbers), 3.3.3 (Affine 層の逆伝播),
3.3.4 (ReLU 関数の逆伝播), 3.3.5 (Softmax 関数の逆伝播), 3.3.6 (クロスエントロピー誤差の逆伝播) and
3.3.7 (Softmax 関数とクロスエントロピー誤差の組み合わせ) — plus the separate proof of the Affine
layer's backward pass (seed 003). Every formula is checked against the numerical gradients of
notebook 03-2; where the note's printed result differs from the correct one, both are computed.
"""),
("code", r"""
import numpy as np
from dlnotes import (
    Affine,
    Relu,
    Softmax,
    SoftmaxWithLoss,
    softmax,
    cross_entropy_error,
)
from dlnotes import numerical_diff, numerical_gradient, relative_error, notes
from dlnotes import plots, widgets, exercises, experiments
rng = np.random.default_rng(0)
"""),
("md", r"""
## The chain rule on one neuron (note 3.3.2)

Take $y = wx + b$ followed by a loss $L(y)$; here $L = \tfrac12 (y-t)^2$. A layer only needs to
know the gradient arriving from above, $\partial L/\partial y$, and its own local derivatives
$\partial y/\partial x = w$, $\partial y/\partial w = x$, $\partial y/\partial b = 1$. Multiplying
gives $\partial L/\partial x = w\,\partial L/\partial y$, $\partial L/\partial w = x\,\partial L/\partial y$
and $\partial L/\partial b = \partial L/\partial y$; the first of these is what the previous
layer receives as *its* upstream gradient.
"""),
("code", r"""
plots.chain_rule_graph(x=2.0, w=-1.5, b=0.5, t=1.0)
""", {"alt": "Computational graph of y = w x + b and L = ½(y − t)² with x = 2, w = -1.5, b = 0.5, t = 1: forward values in black (w x = -3, y = -2.5, L = 6.125) and backward gradients in red (∂L/∂y = -3.5, ∂L/∂x = 5.25, ∂L/∂w = -7, ∂L/∂b = -3.5)."}),
("code", r"""
# check: the chain-rule values in the graph against central differences
v = experiments.chain_rule_values(2.0, -1.5, 0.5, 1.0)
L = lambda x, w, b: 0.5 * (w * x + b - 1.0) ** 2
num = {"dL/dx": numerical_diff(lambda s: L(s, -1.5, 0.5), 2.0),
       "dL/dw": numerical_diff(lambda s: L(2.0, s, 0.5), -1.5),
       "dL/db": numerical_diff(lambda s: L(2.0, -1.5, s), 0.5)}
for k in num:
    print(f"{k}: chain rule {v[k]:+.4f}   numeric {num[k]:+.4f}")
"""),
("md", r"""
## The Affine layer (note 3.3.3, seed 003)

For a batch $Y = XW + B$ with $X$ of shape $(N, n)$, $W$ of shape $(n, m)$ and $B = \mathrm{Dup}_N(\mathbf b)$
(the bias row copied $N$ times, seed 003), the entry $y_{ij} = \sum_{\alpha=1}^{n} x_{i\alpha}w_{\alpha j} + b_j$.
Summing the chain rule over every $y_{ij}$ that an entry influences gives

$$\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y}W^\top,\qquad
\frac{\partial L}{\partial W} = X^\top\frac{\partial L}{\partial Y},\qquad
\frac{\partial L}{\partial \mathbf b} = \sum_{i=1}^{N}\Big[\frac{\partial L}{\partial Y}\Big]_{i,:}.$$

The bias gradient is a column sum *because* $\mathbf b$ was duplicated into every row: each copy
passes its own gradient back and the copies add up. (Note 3.3.3 uses $n$ both for the batch size
— the rows of $\partial L/\partial Y$ — and for the range of $\alpha$, which must be the input
width; the two are different numbers in general. Seed 003 keeps them apart as $N$ and $N'$.)

To test a layer on its own we use the scalar $L = \sum_{ij} G_{ij}Y_{ij}$ with a fixed random $G$,
whose upstream gradient is exactly $\partial L/\partial Y = G$.
"""),
("code", r"""
# check: Affine backward against numerical gradients; batch gradient = sum
#   of per-example ones
X, W, b, G = (
    rng.normal(size=(4, 5)),
    rng.normal(size=(5, 3)),
    rng.normal(size=3),
    rng.normal(size=(4, 3)),
)
layer = Affine(W, b); layer.forward(X); dX = layer.backward(G)
L = lambda _: np.sum(G * Affine(W, b).forward(X))
for name, an, arr in [
    ("dX", dX, X),
    ("dW", layer.dW, W),
    ("db", layer.db, b),
]:
    print(
        f"{name}: relative error"
        f" {relative_error(an, numerical_gradient(L, arr)):.0e} < 1e-8:",
        relative_error(an, numerical_gradient(L, arr)) < 1e-8,
    )
per_example = sum(X[i:i+1].T @ G[i:i+1] for i in range(4))
print(
    "dW equals the sum of the 4 per-example x_i^T g_i:",
    np.allclose(layer.dW, per_example, rtol=0, atol=1e-13),
)
print(
    "db equals the column sums of G:",
    np.allclose(layer.db, G.sum(axis=0), rtol=0, atol=1e-14),
)
"""),
("md", r"""
## ReLU (note 3.3.4)

ReLU acts entry by entry, so $\partial y_{ij}/\partial x_{pq}$ is zero unless $(i,j) = (p,q)$, and
then it is 1 where $x_{pq} > 0$ (and 0 where it is negative). The chain-rule sum therefore keeps a
single term:
$\dfrac{\partial L}{\partial x_{pq}} = \dfrac{\partial L}{\partial y_{pq}}\,[x_{pq} > 0]$.
The note's final line writes only the indicator, $1$ or $0$, dropping the factor
$\partial L/\partial y_{pq}$ that its own sum contains. (It also counts $x = 0$ as "on"; the
book's and our layer count it as "off"; at exactly 0 the derivative does not exist and either
choice is a valid subgradient.)
"""),
("code", r"""
# check: the note's printed ReLU result against the correct one, both
#   against numeric gradients
x, d = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
relu = Relu(); relu.forward(x)
numeric = numerical_gradient(lambda _: np.sum(d * Relu().forward(x)), x)
print(
    "Relu.backward (dout * [x > 0]) relative error:",
    f"{relative_error(relu.backward(d), numeric):.0e}",
)
print(
    "note 3.3.4 ([x >= 0] only)      relative error:",
    f"{relative_error(notes.relu_backward_note(x, d), numeric):.2f}",
)
"""),
("md", r"""
## Softmax and its Jacobian (note 3.3.5)

For one row, $y_j = e^{x_j}/S$ with $S = \sum_k e^{x_k}$, and
$\partial y_j/\partial x_q = y_j(\delta_{jq} - y_q)$. As a matrix this is
$J = \mathrm{diag}(\mathbf y) - \mathbf y^\top\mathbf y$ (with $\mathbf y$ a row vector,
$\mathbf y^\top\mathbf y$ is the $C\times C$ outer product), and the backward pass is
$\partial L/\partial\mathbf x = \partial L/\partial\mathbf y \cdot J$, row by row. Each row of $J$
sums to zero: adding the same constant to every input leaves softmax unchanged (note 2.3.3), so
no direction $(1,\dots,1)$ can change any output.

The note's final result is right, but its intermediate lines for $j \ne q$ write the numerator as
$e^{x_j}\cdot e^{x_j}$, i.e. $-y_j^2$; the quotient rule gives $e^{x_j}e^{x_q}$, i.e.
$-y_jy_q$ (the next line then states $-y_jy_q$ again).
"""),
("code", r"""
plots.softmax_jacobian_figure([0.3, 2.9, 4.0, -1.0])
""", {"alt": "Heat map of the 4 by 4 softmax Jacobian for the input (0.3, 2.9, 4.0, -1.0), each entry written in its cell: positive on the diagonal, negative elsewhere, and every row summing to zero up to rounding (about 1e-17)."}),
("code", r"""
# check: Softmax backward via the Jacobian, row sums, and the note's
#   intermediate -y_j^2
x, d = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
sm = Softmax(); sm.forward(x)
numeric = numerical_gradient(lambda _: np.sum(d * Softmax().forward(x)), x)
print(
    "Softmax.backward relative error below 1e-8:",
    relative_error(sm.backward(d), numeric) < 1e-8,
)
print(
    "largest |row sum| of the Jacobians below 1e-15:",
    np.abs(sm.jacobian().sum(axis=2)).max() < 1e-15,
)
y = softmax(np.array([0.0, 1.0]))
print(
    "x = (0, 1): dy_1/dx_2 ="
    f" {numerical_diff(lambda s: softmax(np.array([0.0, s]))[0], 1.0):.4f},"
    f" -y1*y2 = {-y[0]*y[1]:.4f}, the note's -y1^2 = {-y[0]**2:.4f}"
)
"""),
("md", r"""
## Cross-entropy (note 3.3.6)

With prediction $\mathbf y$ and target $\mathbf t$, $L = -\sum_j t_j \log y_j$ has
$\partial L/\partial y_j = -t_j/y_j$. Two remarks on the note's version. It restates the loss as
$-\frac1C\sum_j t_j\log x_j$, "as defined before" — but 3.1.2 had no $1/C$; the factor makes the
loss and every gradient $C$ times smaller, a silent change of the learning rate. And it calls the
prediction $\mathbf x$ in the loss but differentiates with respect to $y_j$; the result
$-\frac1C\,t_j/x_j$ is the derivative with respect to the same variable $x_j$ that appears in
the loss. (A literal implementation of either formula also hits $0\cdot\log 0 = $ `nan` on the
book's example, which has zero probabilities; [`cross_entropy_error`](dlnotes.functions.cross_entropy_error) clips.)
"""),
("code", r"""
# check: dL/dy = -t/y against numeric, for the note's 3.1.2 loss and its
#   3.3.6 (1/C) version
y, t = np.array([0.2, 0.5, 0.3]), np.array([0.0, 1.0, 0.0])
g312 = numerical_gradient(
    lambda v: notes.cross_entropy_note_312(v, t), y.copy()
)
g336 = numerical_gradient(
    lambda v: notes.cross_entropy_note_336(v, t), y.copy()
)
print(
    "3.1.2 loss: numeric", np.round(g312, 6), " -t/y =", np.round(-t / y, 6)
)
print(
    "3.3.6 loss: numeric",
    np.round(g336, 6),
    " -t/(C y) =",
    np.round(-t / (3 * y), 6),
)
"""),
("md", r"""
## Softmax followed by cross-entropy (note 3.3.7)

Chaining the two, for one row: $\partial L/\partial x_q = \sum_j (-t_j/y_j)\,y_j(\delta_{jq} - y_q)
= y_q\sum_j t_j - t_q = y_q - t_q$, since a one-hot (or any probability) target sums to 1.
For a batch of $B$ rows and the book's **batch-mean** loss, $\partial L/\partial X = (Y - T)/B$,
which is what [`SoftmaxWithLoss.backward`](dlnotes.layers.SoftmaxWithLoss) returns.

The note, starting from its $1/C$ loss, obtains $(Y-T)/C$. That is consistent with the 3.3.6
loss summed over the rows, but it divides by the class count, not the batch size, and it differs
from the 3.1.2 loss's gradient (no division at all) by the factor $C$. One intermediate line is
also off: it factors the sum as $\frac{y_q}{C}\big(\sum_j t_j - t_q\big)$, which would give
$y_q(1-t_q)/C$; the correct grouping is $\frac1C\big(y_q\sum_j t_j - t_q\big)$.
"""),
("code", r"""
# check: (Y - T)/B against numeric gradients of the batch-mean loss; the
#   note's (Y - T)/C
B, C = 4, 3
Xs = rng.normal(size=(B, C)); T = np.eye(C)[[0, 1, 2, 0]]
swl = SoftmaxWithLoss(); swl.forward(Xs, T)
num_mean = numerical_gradient(
    lambda _: cross_entropy_error(softmax(Xs), T), Xs
)
num_note = numerical_gradient(
    lambda _: sum(
        notes.cross_entropy_note_336(softmax(r), t) for r, t in zip(Xs, T)
    ),
    Xs,
)
Y = softmax(Xs)
print(
    "(Y - T)/B vs batch-mean loss  :",
    f"{relative_error(swl.backward(), num_mean):.0e}",
)
print(
    "note (Y - T)/C vs batch-mean loss:",
    f"{relative_error(notes.softmax_ce_backward_note(Y, T), num_mean):.3f}",
)
print(
    "note (Y - T)/C vs its own 3.3.6 loss summed over rows:",
    f"{relative_error(notes.softmax_ce_backward_note(Y, T), num_note):.0e}",
)
q = 0
print(
    f"note's line y_q(1 - t_q)/C = {Y[0, q] * (1 - T[0, q]) / C:.4f} vs (y_q"
    f" - t_q)/C = {(Y[0, q] - T[0, q]) / C:.4f}"
)
"""),
("md", r"""
## A gradient-check panel

Every layer above, and a small [`MultiLayerNet`](dlnotes.network.MultiLayerNet) (5-6-4-3, ReLU), checked in one place: pick a layer
to see each analytic gradient entry against its numerical twin (they should lie on the diagonal)
and the largest relative error per parameter. In JupyterLab the panel also gets a seed slider:
release it and Python draws new inputs and weights and checks them again.
"""),
("code", r"""
widgets.gradient_check_explorer()
""", {"alt": "Gradient check of the chosen layer: left, every gradient entry from backpropagation against its central-difference value, all on the diagonal; right, the largest relative error of each parameter on a log scale, far below the 1e-7 threshold."}),
("code", r"""
# check: max relative error per layer and parameter, all below 1e-7
checks = experiments.layer_gradient_checks()
for layer, pairs in checks.items():
    errs = {k: relative_error(a, n) for k, (a, n) in pairs.items()}
    print(
        f"{layer:16s}",
        "all below 1e-7:",
        max(errs.values()) < 1e-7,
        "| parameters:",
        ", ".join(errs),
    )
"""),
("md", r"""
## Exercises

1. Write `relu_backward(x, dout)` returning $\partial L/\partial x$ for ReLU.
2. Write `softmax_ce_backward(Y, T)` returning $\partial L/\partial X$ of the batch-mean
   cross-entropy after a softmax, given the softmax outputs `Y` and one-hot targets `T`.
"""),
("code", r"""
def relu_backward(x, dout):
    return (x >= 0).astype(float)        # the note's printed result: fix it
_ = exercises.check_relu_backward(relu_backward)
"""),
("code", r"""
exercises.answer_box(exercises.check_relu_backward)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The local derivative of ReLU is $[x > 0]$; the chain rule multiplies it by the upstream gradient `dout`.
:::

:::{admonition} Worked answer
:class: dropdown
```python
def relu_backward(x, dout):
    return dout * (x > 0)
```
:::
"""),
("code", r"""
def softmax_ce_backward(Y, T):
    return (Y - T) / Y.shape[1]          # the note's 1/C: fix it
_ = exercises.check_softmax_ce_backward(softmax_ce_backward)
"""),
("code", r"""
exercises.answer_box(exercises.check_softmax_ce_backward)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
For one sample the gradient is $y - t$. The loss is the *mean* over the batch: which size divides it, the rows of `Y` or its columns?
:::

:::{admonition} Worked answer
:class: dropdown
```python
def softmax_ce_backward(Y, T):
    return (Y - T) / Y.shape[0]     # batch size B, not C
```
:::
"""),
]
