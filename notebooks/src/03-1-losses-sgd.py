CELLS = [
("md", r"""
# Losses and gradient descent

This page follows note 3.1 (損失関数, loss functions) with its two subsections 3.1.1
(平均二乗誤差, mean squared error) and 3.1.2 (クロスエントロピー誤差, cross-entropy error),
then note 3.2 (確率的勾配降下法 (SGD), stochastic gradient descent), and the closing remark of
the Affine-layer proof (seed 003) about batch versus one-example-at-a-time updates.

A loss turns "how wrong is the network on this example" into one number. Training then
nudges every parameter against the slope of that number. Here we compute both losses on the
book's example, watch gradient descent on two small landscapes, derive the largest learning
rate that still converges, and measure how far a batch update is from a sequence of
single-example updates.
"""),
("code", r"""
import numpy as np
from dlnotes import cross_entropy_error, mean_squared_error
from dlnotes import plots, widgets, exercises, experiments, landscapes
"""),
("md", r"""
## Two losses (note 3.1)

Write $\mathbf y$ for what the network outputs and $\mathbf t$ for the target, both vectors of
length $C$ (one entry per class). Careful: the sentence defining the loss in note 3.1 names
them the other way round (it calls $\mathbf y^{(\text{train})}$ the actual output); the
formulas that follow use them correctly.

* **Mean squared error**, as note 3.1.1 defines it, averages over the $C$ outputs:
  $\mathcal L_{\text{MSE}} = \frac1C\lVert \mathbf y - \mathbf t\rVert^2$. The book (and
  [`dlnotes.mean_squared_error`](dlnotes.functions.mean_squared_error)) uses $\frac12\sum_k (y_k-t_k)^2$ instead and averages over
  the *batch*. The two differ by the constant factor $C/2$, which only rescales the
  learning rate. It suits continuous targets (regression).
* **Cross-entropy** (note 3.1.2): $\mathcal L_{\text{CE}} = -\sum_{j=1}^{C} t_j \log y_j$.
  The note sums over $j$ but writes the summand with index $i$; read $t_j\log y_j$. With a
  one-hot $\mathbf t$ only the true class counts: the loss is $-\log$ of the probability the
  network gives the right answer. It suits classification with a softmax output.

The book's example has ten classes, true class 2, and two predictions: one puts 0.6 on class
2, the other puts the same 0.6 on class 7.
"""),
("code", r"""
# check: the losses of the book's two predictions (book convention, and the
#   note's 1/C MSE)
v = experiments.book_loss_values()
for k in [
    "mse_book_right",
    "ce_right",
    "mse_book_wrong",
    "ce_wrong",
    "mse_note_right",
    "mse_note_wrong",
]:
    print(f"{k:15s} {v[k]:.4f}")
"""),
("md", r"""
The book's numbers 0.0975 / 0.5108 (right) and 0.5975 / 2.3026 (wrong) come out exactly, and
the note's $1/C$ MSE is $2/C = 1/5$ of the book's. The right panel below shows why
cross-entropy is the usual choice for classification: as the probability of the true class
falls to zero, $-\log p$ grows without bound, while the squared error of a probability vector
can never exceed 1 (book convention) — a confidently wrong network is punished far harder,
and its gradient does not vanish.
"""),
("code", r"""
plots.loss_comparison()
""", {"alt": "Two panels. Left: the book's two predicted probability vectors over 10 classes, one confident and right, one confident and wrong, with the true class 2 marked. Right: the loss of one example against the probability p given to the true class: cross-entropy -log p grows without bound as p goes to 0, the two mean squared errors stay below 1."}),
("code", r"""
# check: a very confident wrong answer (p = 0.001 on the true class, the
#   rest spread evenly)
p = 0.001
y = np.full(10, (1 - p) / 9); y[2] = p
print(
    f"cross-entropy {cross_entropy_error(y, 2):.4f} = -log(0.001) ="
    f" {-np.log(p):.4f}"
)
print(f"MSE (book)    {mean_squared_error(y, 2):.4f}")
"""),
("md", r"""
## Gradient descent on a landscape (note 3.2)

Note 3.2 updates a parameter by $p \leftarrow p - \eta\,\partial\mathcal L/\partial p$. Strictly,
that is plain **gradient descent**; it becomes *stochastic* gradient descent (the name the
note gives it) only when the gradient is computed on a randomly drawn mini-batch instead of
the whole training set, as the [`Trainer`](dlnotes.trainer.Trainer) of notebook 03-4 does.

On a quadratic the learning rate has a sharp limit. For $\mathcal L = \frac a2 p^2$
(curvature $a$) one step gives $p \leftarrow (1-\eta a)\,p$, so the iterates shrink only if
$|1-\eta a| < 1$, i.e. $0 < \eta < 2/a$. Between $1/a$ and $2/a$ the factor is negative and the
iterates alternate sign (oscillate) while shrinking; above $2/a$ they grow (diverge). A bowl
with several directions is limited by its **steepest** curvature. Our two landscapes are
$p^2$ ($a = 2$) and the book's $f(x,y) = x^2/20 + y^2$ (curvatures $1/10$ and $2$), so both
have critical learning rate $2/2 = 1$ — yet on the bowl a rate near 1 that is fine for $y$ is
painfully slow for $x$, whose factor is $1 - \eta/10$.
"""),
("code", r"""
plots.landscape_surface()
""", {"alt": "The bowl f(x, y) = x²/20 + y², left as a 3-D surface, right as contour lines (elongated ellipses, 20 times steeper in y than in x) with the start point (-7, 2) marked."}),
("code", r"""
# check: the critical learning rate, derived and then observed just below
#   and just above it
print(
    "2 / max curvature:",
    landscapes.critical_lr([2.0]),
    landscapes.critical_lr([0.1, 2.0]),
)
for lr in [0.99, 1.01]:
    p1 = landscapes.gd_path("parabola", lr, 200)[-1]
    p2 = landscapes.gd_path("book", lr, 200)[-1]
    print(
        f"lr {lr}: |p| after 200 steps = {abs(p1[0]):.3g} (parabola), |y| ="
        f" {abs(p2[1]):.3g} (bowl)"
    )
"""),
("md", r"""
The explorer below runs gradient descent in your browser (the JavaScript mirror of
`landscapes.gd_path`), at any rate from $10^{-3}$ to about $3$ on a log scale. Its caption
names the regime of note 3.2 as the rate moves: below $\eta = 0.1$ the factor $1-2\eta$ stays
above $0.8$ and the path creeps (**slow**); up to $0.5$ it shrinks quickly (**fast**; exactly
$0.5 = 1/a$ lands on the parabola's minimum in one step); between $0.5$ and $1$ it jumps across
the valley and back (**oscillating**); at exactly $1$ it bounces between $p$ and $-p$ for ever,
and above $1$ it runs away (**diverging**) — the caption then says at which step $|p|$ passed
$10^6$, where the drawing stops. Switch to the bowl: every rate stays slow along $x$.
"""),
("code", r"""
widgets.lr_explorer()
"""),
("code", r"""
# check: the regime the explorer names at a few rates on its slider
#   (critical rate 1 on both landscapes)
for lr in [0.05, 0.1, 0.3, 0.5, 0.9, 1.0, 1.05]:
    print(
        f"lr {lr:<4}: {landscapes.gd_regime('parabola', lr):20s}"
        f" {landscapes.gd_regime('book', lr)}"
    )
"""),
("md", r"""
## Mini-batches: one batch update versus many small ones (seed 003)

The proof of the Affine layer's backward pass ends with an observation: since
$\partial L/\partial W = X^\top\,\partial L/\partial Y = \sum_i \mathbf x_i^\top\,\partial L/\partial \mathbf y_i$,
one update with a batch equals the *sum* of the updates each example would make — if they were
all computed at the same weights. Feeding the examples one by one changes the weights between
them, so the two schemes differ; the seed says the difference is small for a small learning
rate. How small? Each sequential step moves $W$ by $O(\eta)$, which changes the next gradient by
$O(\eta)$, which changes the next step by $O(\eta^2)$: the gap should shrink like $\eta^2$.
(With the book's batch *mean*, the batch update is the mean of the per-example updates, i.e.
the same statement with $\eta$ divided by the batch size.)
"""),
("code", r"""
# check: batch gradient = sum of per-example gradients, and the
#   sequential/batch gap ∝ lr²
lrs, diffs, grad_err = experiments.sequential_vs_batch()
print(
    "batch gradient minus sum of per-example gradients:",
    "below 1e-13" if grad_err < 1e-13 else grad_err,
)
for lr, d in zip(lrs, diffs):
    print(f"lr {lr:<6g} gap {d:.3e}   gap / lr² = {d / lr**2:.2f}")
print(
    "fitted slope over the smallest three lr:",
    round(np.polyfit(np.log(lrs[2:]), np.log(diffs[2:]), 1)[0], 2),
)
"""),
("code", r"""
plots.sequential_vs_batch_figure()
""", {"alt": "Log-log plot of the largest difference between the weights after one pass of sequential updates and after one batch update, against the learning rate: the points follow the dotted slope-2 guide, so the difference grows as the learning rate squared."}),
("md", r"""
The ratio gap / $\eta^2$ settles near a constant and the fitted slope is 2: the two schemes
agree to first order in $\eta$, exactly as the seed's remark suggests, and part ways at
second order.

## Exercises

1. Compute the note's MSE, $\frac1C\lVert\mathbf y-\mathbf t\rVert^2$, for the book's
   *confident and right* prediction and pass it to the checker.
2. For $f(x,y) = x^2/20 + y^2$, what is the learning rate above which gradient descent
   diverges?
"""),
("code", r"""
_ = exercises.check_note_mse(0.0975)     # replace with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_note_mse)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The squared differences of the book's prediction add up to 0.195. The note divides by the number of classes $C = 10$ (the book multiplies by 1/2).
:::

:::{admonition} Worked answer
:class: dropdown
$\frac{1}{10} \times 0.195 = 0.0195$. `check_note_mse(0.0195)`.
:::
"""),
("code", r"""
_ = exercises.check_critical_lr(20)      # replace with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_critical_lr)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Each coordinate moves on its own: $x \leftarrow (1 - \eta/10)\,x$ and $y \leftarrow (1 - 2\eta)\,y$. Gradient descent diverges as soon as one factor has absolute value above 1.
:::

:::{admonition} Worked answer
:class: dropdown
$|1 - 2\eta| < 1$ needs $\eta < 1$ and $|1 - \eta/10| < 1$ needs $\eta < 20$; the steep $y$ direction fails first, so the answer is $\eta = 1$.
:::
"""),
]
