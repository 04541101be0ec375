CELLS = [
("md", r"""
# Losses and gradient descent

This page follows note 3.1 (損失関数, loss functions) with its two subsections 3.1.1
(平均二乗誤差, mean squared error) and 3.1.2 (クロスエントロピー誤差, cross-entropy error),
then note 3.2 (確率的勾配降下法 (SGD), stochastic gradient descent), and the closing remark of
the Affine-layer proof (seed 003) about batch versus one-example-at-a-time updates.

A loss turns "how wrong is the network on this example" into one number. Training then
nudges every parameter against the slope of that number. Here we compute both losses on the
book's example, split the cross-entropy into an entropy and a KL divergence, watch gradient
descent on two small landscapes, derive the largest learning rate that still converges,
measure how the noise of a mini-batch gradient falls with the batch size $B$ (the
"stochastic" in SGD), and measure how far a batch update is from a sequence of
single-example updates.
"""),
("code", r"""
import numpy as np
from dlnotes import cross_entropy_error, mean_squared_error
from dlnotes import numerical_gradient
from dlnotes import plots, widgets, exercises, experiments, landscapes
"""),
("md", r"""
## Two losses (note 3.1)

Write $\mathbf y$ for what the network outputs and $\mathbf t$ for the target, both vectors of
length $C$ (one entry per class). Careful: the sentence defining the loss in note 3.1 names
them the other way round (it calls $\mathbf y^{(\text{train})}$ the actual output); the
formulas that follow use them correctly.

* **Mean squared error**, as note 3.1.1 defines it, is a true mean over the $C$ outputs:
  $\mathcal L_{\text{MSE}} = \frac1C\lVert \mathbf y - \mathbf t\rVert^2$. The book uses a
  different loss, $\mathcal L_{\text{SSE}} = \frac12\sum_{k=1}^{C} (y_k-t_k)^2$: half a
  **sum** of squared errors (the book calls it 2乗和誤差, "sum of squared errors"), not a
  mean, although the book's code, and
  [`dlnotes.mean_squared_error`](dlnotes.functions.mean_squared_error) after it, names the
  function `mean_squared_error`; the only mean in that function is the one over the
  *batch*. The two are proportional, $\mathcal L_{\text{MSE}} = \frac2C\,\mathcal
  L_{\text{SSE}}$, so they have the same minimiser ($\mathbf y = \mathbf t$, and the same
  best parameters of any network that produces $\mathbf y$), and their gradients
  $\partial\mathcal L_{\text{SSE}}/\partial\mathbf y = \mathbf y-\mathbf t$ and
  $\partial\mathcal L_{\text{MSE}}/\partial\mathbf y = \frac2C(\mathbf y-\mathbf t)$
  differ by exactly the factor $2/C$: gradient descent on the note's MSE with rate $\eta$
  takes the very steps of the book's loss with rate $2\eta/C$. Both suit continuous
  targets (regression).
* **Cross-entropy** (note 3.1.2): $\mathcal L_{\text{CE}} = -\sum_{j=1}^{C} t_j \log y_j$.
  The note sums over $j$ but writes the summand with index $i$; read $t_j\log y_j$. With a
  one-hot $\mathbf t$ only the true class counts: the loss is $-\log$ of the probability the
  network gives the right answer. It suits classification with a softmax output.

The book's example has ten classes, true class 2, and two predictions: one puts 0.6 on class
2, the other puts the same 0.6 on class 7.
"""),
("code", r"""
# check: the losses of the book's two predictions (the book's half sum of
#   squares SSE, cross-entropy, and the note's 1/C mean squared error)
v = experiments.book_loss_values()
for label, k in [
    ("SSE (book)    right", "mse_book_right"),
    ("cross-entropy right", "ce_right"),
    ("SSE (book)    wrong", "mse_book_wrong"),
    ("cross-entropy wrong", "ce_wrong"),
    ("MSE (note)    right", "mse_note_right"),
    ("MSE (note)    wrong", "mse_note_wrong"),
]:
    print(f"{label} {v[k]:.4f}")
"""),
("md", r"""
The book's numbers 0.0975 / 0.5108 (right) and 0.5975 / 2.3026 (wrong) come out exactly, and
the note's mean $\frac1C\lVert\mathbf y-\mathbf t\rVert^2$ is $2/C = 1/5$ of the book's half
sum. The gradients keep the same ratio; below they are measured by central differences
(notebook 03-2) and compared with $\mathbf y-\mathbf t$ and $\frac2C(\mathbf y-\mathbf t)$.
"""),
("code", r"""
# check: gradients of the note's MSE and the book's SSE with respect to y,
#   at the confident-and-right prediction
y = experiments.BOOK_Y_RIGHT.copy()
t = experiments.BOOK_T
C = t.size
g_mse = numerical_gradient(lambda y: np.sum((y - t) ** 2) / C, y)
g_sse = numerical_gradient(lambda y: 0.5 * np.sum((y - t) ** 2), y)
print("dMSE/dy = (2/C)(y - t):", np.allclose(g_mse, 2 / C * (y - t)))
print("dSSE/dy = y - t:       ", np.allclose(g_sse, y - t))
print(
    "dMSE/dy / dSSE/dy at the true class:",
    round(g_mse[2] / g_sse[2], 10),
    "= 2/C =",
    2 / C,
)
"""),
("md", r"""
The right panel below shows why cross-entropy is the usual choice for classification: as the
probability of the true class falls to zero, $-\log p$ grows without bound, while the squared
error of a probability vector stays bounded (the book's half sum is at most 1, the note's
mean at most $2/C$) — a confidently wrong network is punished far harder, and its gradient
does not vanish.
"""),
("code", r"""
plots.loss_comparison()
""", {"alt": "Two panels. Left: the book's two predicted probability vectors over 10 classes, one confident and right, one confident and wrong, with the true class 2 marked. Right: the loss of one example against the probability p given to the true class: cross-entropy -log p grows without bound as p goes to 0, while the book's half sum of squared errors and the note's mean squared error stay below 1."}),
("code", r"""
# check: a very confident wrong answer (p = 0.001 on the true class, the
#   rest spread evenly)
p = 0.001
y = np.full(10, (1 - p) / 9); y[2] = p
print(
    f"cross-entropy {cross_entropy_error(y, 2):.4f} = -log(0.001) ="
    f" {-np.log(p):.4f}"
)
print(f"SSE (book)    {mean_squared_error(y, 2):.4f}")
"""),
("md", r"""
## Cross-entropy = entropy + KL divergence (note 3.1.2)

Note 3.1.2 reads the output and the target as two probability distributions and calls the
cross-entropy "the error between" them. That can be made exact. Add and subtract
$\sum_k t_k\log t_k$ (terms with $t_k = 0$ count as 0 on both sides):

$$
H(\mathbf t,\mathbf y) = -\sum_{k=1}^{C} t_k\log y_k
= \underbrace{-\sum_{k} t_k\log t_k}_{H(\mathbf t)}
+ \underbrace{\sum_{k} t_k\log\frac{t_k}{y_k}}_{\mathrm{KL}(\mathbf t\,\Vert\,\mathbf y)} .
$$

The entropy $H(\mathbf t)$ depends on the target only, so it is a constant during training;
everything the network can change sits in the Kullback–Leibler divergence
$\mathrm{KL}(\mathbf t\Vert\mathbf y)$, which is never negative and is 0 only for
$\mathbf y = \mathbf t$ (Gibbs' inequality). Minimising the cross-entropy over $\mathbf y$
*is* minimising the KL divergence, and its smallest value is $H(\mathbf t)$, not 0. For the
usual one-hot target, $H(\mathbf t) = -1\cdot\log 1 = 0$: the cross-entropy **equals** the KL
divergence, $-\log y_{\text{true}}$. The check computes both sides with
[`cross_entropy_decomposition`](dlnotes.experiments.cross_entropy_decomposition), for a soft
target (three classes) and for the book's one-hot example. All logarithms are natural (nats).
"""),
("code", r"""
# check: H(t, y) = H(t) + KL(t || y), for a soft and a one-hot target
cases = [
    ("soft", [0.7, 0.2, 0.1], [0.5, 0.3, 0.2]),
    ("one-hot", experiments.BOOK_T, experiments.BOOK_Y_RIGHT),
]
for name, t, y in cases:
    d = experiments.cross_entropy_decomposition(t, y)
    ce, h, kl = d["cross_entropy"], d["entropy"], d["kl"]
    print(
        f"{name:8s} H(t,y) {ce:.6f} = H(t) {h:.6f} + KL {kl:.6f}"
        f"  (sum {d['entropy_plus_kl']:.6f})"
    )
print("one-hot: KL = -log 0.6 =", round(-np.log(0.6), 6))
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
## What makes it stochastic: mini-batch noise (note 3.2)

Training sets are large, so one full gradient per update is expensive. SGD instead draws a
**mini-batch** of $B$ examples at random and descends along their mean gradient
$\mathbf g_B = \frac1B\sum_{i\in\text{batch}}\nabla\ell_i$. Its average over all possible
draws is the full gradient $\mathbf g$, but each single draw is off by some noise. How much?
If the $B$ examples are drawn independently and uniformly **with replacement** (as the
book's `np.random.choice(train_size, batch_size)` does), $\mathbf g_B$ is a mean of $B$
independent copies of one example's gradient, so its variance is exactly

$$
\operatorname{E}\lVert\mathbf g_B-\mathbf g\rVert^2 = \frac{\sigma^2}{B},\qquad
\sigma^2 = \frac1N\sum_{i=1}^{N}\lVert\nabla\ell_i-\mathbf g\rVert^2
$$

for a training set of $N$ examples. Drawing $B$ *distinct* examples (without replacement, as
an epoch-shuffling loop like the [`Trainer`](dlnotes.trainer.Trainer) of notebook 03-4 does)
multiplies this by the finite-population factor $(N-B)/(N-1)$: slightly less noise, none at
$B = N$.

To see it we need a model small enough to draw: linear least squares with two parameters
$\mathbf w = (w_1, w_2)$ on $N = 256$ seeded examples,
$\mathcal L(\mathbf w) = \frac1N\sum_i \frac12(\mathbf x_i\mathbf w^\top - t_i)^2$
([`sgd_problem`](dlnotes.experiments.sgd_problem)). At the start point $(-1.5, 3)$ we draw
20,000 batches of each size $B = 1, 2, 4, \dots, 64$ and measure the variance
([`minibatch_gradient_variance`](dlnotes.experiments.minibatch_gradient_variance)).
"""),
("code", r"""
# check: measured variance of the mini-batch gradient against sigma²/B
#   (with replacement) and sigma²/B (N-B)/(N-1) (without)
wr = experiments.minibatch_gradient_variance(replace=True)
wo = experiments.minibatch_gradient_variance(replace=False)
print(f"sigma² = {wr['sigma2']:.4f}, N = {wr['N']}")
print("   B  var (with)  var·B/sigma²  ± s.e.  var (without)  var/theory")
vB = wr["var_times_B_over_sigma2"]
for k, B in enumerate(wr["B"]):
    print(
        f"{B:4d}  {wr['var'][k]:10.4f}  {vB[k]:12.3f}"
        f"  {wr['rel_std_error'][k]:6.3f}  {wo['var'][k]:13.4f}"
        f"  {wo['ratio'][k]:10.3f}"
    )
slope = np.polyfit(np.log(wr["B"]), np.log(wr["var"]), 1)[0]
print("fitted slope of log var against log B:", round(slope, 3))
"""),
("md", r"""
Every ratio is 1 within the sampling error of 20,000 draws: the column "± s.e." is the
standard error of each measured variance relative to it, and every ratio lies within about
two of them of 1 (the largest deviation, 5 % at $B = 1$ without replacement, is also where
the standard error is largest: a few examples with large gradients dominate a small batch). The fitted slope is $-1$: doubling the batch halves the variance, so the typical size of the noise
falls only as $1/\sqrt B$. Without replacement the measured variance follows the smaller
$\frac{\sigma^2}{B}\frac{N-B}{N-1}$ instead: at $B = 64$ the factor is $192/255 \approx 0.75$,
visible as the drop of the squares below the line in the figure.
"""),
("code", r"""
plots.minibatch_variance_figure()
""", {"alt": "Log-log plot of the variance of the mini-batch gradient against the batch size B from 1 to 64. Filled circles (drawn with replacement) lie on the solid line sigma²/B; open squares (drawn without replacement) lie on the dotted curve sigma²/B times (N-B)/(N-1), which bends below the line as B grows towards N = 256."}),
("md", r"""
The explorer below runs both methods from the same start on this problem, in your browser:
full-batch gradient descent (blue) and one seeded mini-batch SGD path (red), on the contours
of $\mathcal L(w_1, w_2)$ (the cross marks the minimum). Move the batch size $B$: at $B = 1$
the red path wanders around the minimum instead of settling; as $B$ grows it hugs the blue
one. Raise the learning rate $\eta$ and the wandering grows too: a step moves by $\eta$ times
the noise. The batches are drawn once with a fixed seed
([`sgd_batch_indices`](dlnotes.experiments.sgd_batch_indices): 60 updates, 64 examples each,
with replacement; batch size $B$ takes the first $B$ of each row) and shipped with the page,
so the page's JavaScript rule ([`sgd_paths`](dlnotes.experiments.sgd_paths), mirrored in
`dlnotes/js/sgd.js`) draws exactly the path Python computes.
"""),
("code", r"""
widgets.sgd_explorer()
"""),
("code", r"""
# check: full-batch loss after 60 updates, GD and SGD, at eta = 0.3, for
#   several batch sizes (the explorer's starting state is B = 4)
prob = experiments.sgd_problem()
L_min = experiments.sgd_loss(prob, *prob["w_min"])
print(f"minimum loss {L_min:.4f} at w = {np.round(prob['w_min'], 4)}")
for B in [1, 4, 16, 64]:
    gd, sgd = experiments.sgd_paths(prob, 0.3, B)
    print(
        f"B = {B:2d}: GD {experiments.sgd_loss(prob, *gd[-1]):.4f}   "
        f"SGD {experiments.sgd_loss(prob, *sgd[-1]):.4f}"
    )
"""),
("md", r"""
## Mini-batches: one batch update versus many small ones (seed 003)

The proof of the Affine layer's backward pass ends with an observation: since
$\partial\mathcal L/\partial\mathbf W = \mathbf X^\top\,\partial\mathcal L/\partial\mathbf Y = \sum_i \mathbf x_i^\top\,\partial\mathcal L/\partial \mathbf y_i$,
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
3. For the soft target $\mathbf t = (0.5, 0.5)$ and the prediction $\mathbf y = (0.8, 0.2)$
   the cross-entropy is $H(\mathbf t,\mathbf y) \approx 0.9163$ nats. How much of it is the
   KL divergence $\mathrm{KL}(\mathbf t\Vert\mathbf y)$? (Four decimals are enough.)
"""),
("code", r"""
_ = exercises.check_note_mse(...)        # replace ... with your answer
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
_ = exercises.check_critical_lr(...)     # replace ... with your answer
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
("code", r"""
_ = exercises.check_kl_part(...)         # replace ... with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_kl_part)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The entropy of $\mathbf t = (0.5, 0.5)$ is $\ln 2$. Either subtract it from the cross-entropy, or compute $\sum_k t_k \ln(t_k/y_k)$ directly, weighting by the *target*.
:::

:::{admonition} Worked answer
:class: dropdown
$\mathrm{KL} = 0.5\ln\frac{0.5}{0.8} + 0.5\ln\frac{0.5}{0.2} = 0.5\ln 1.5625 \approx 0.2231$, and indeed $0.9163 - \ln 2 = 0.9163 - 0.6931 = 0.2231$. `check_kl_part(0.2231)`.
:::
"""),
]
