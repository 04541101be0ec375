CELLS = [
("md", r"""
# Optimizers: Momentum, RMSProp, Adam

This page follows note 4 (ニューラルネットワークの工夫) section 4.1 (Optimizer) and its three
subsections 4.1.1 (Momentum), 4.1.2 (RMSProp) and 4.1.3 (Adam). Plain SGD moves a parameter
$\mathbf P$ by $-\eta\,\partial\mathcal L/\partial\mathbf P$. The three variants in the note change
that step in two ways: Momentum keeps a running *velocity*, so consistent directions build up
speed and zig-zags cancel; RMSProp divides each coordinate by the root of a running average of
its squared gradients, so every coordinate moves at a similar pace; Adam does both at once.

We write each rule as the note does, run it as [`dlnotes.optimizers`](dlnotes.optimizers) implements it, and compare.
Two places need care: the note's RMSProp and Adam have no $\varepsilon$ in the denominator, and
the note's Adam has no bias correction, so its first step is more than three times larger than
the learning rate. Then we race the optimizers on the book's test function
$f(x, y) = x^2/20 + y^2$ (book chapter 6), on a saddle and on Rosenbrock's valley, and train a
digit classifier with each.
"""),
("code", r"""
import numpy as np
from dlnotes import SGD, Momentum, RMSprop, Adam, AdaGrad
from dlnotes.notes import rmsprop_note, adam_note
from dlnotes.landscapes import BOOK, ROSENBROCK, run_optimizer
from dlnotes import plots, widgets, exercises, experiments, landscapes
"""),
("md", r"""
## The update rules, as written and as run

With $\mathbf g = \partial\mathcal L/\partial\mathbf P$, $\circ$ the element-wise (Hadamard)
product and the division and square root also element-wise, the note writes

| rule | note | state update | parameter update |
|---|---|---|---|
| Momentum | 4.1.1 | $\mathbf V \leftarrow \alpha\mathbf V - \eta\,\mathbf g$ | $\mathbf P \leftarrow \mathbf P + \mathbf V$ |
| RMSProp | 4.1.2 | $\mathbf G \leftarrow \rho\mathbf G + (1-\rho)\,\mathbf g\circ\mathbf g$ | $\mathbf P \leftarrow \mathbf P - \eta\,\mathbf g / \sqrt{\mathbf G}$ |
| Adam | 4.1.3 | $\mathbf M \leftarrow \beta_1\mathbf M + (1-\beta_1)\mathbf g$, $\ \mathbf G \leftarrow \beta_2\mathbf G + (1-\beta_2)\,\mathbf g\circ\mathbf g$ | $\mathbf P \leftarrow \mathbf P - \eta\,\mathbf M / \sqrt{\mathbf G}$ |

Two symbols differ from the note: Momentum's velocity is $\mathbf V$ here (the note's $M$, the
book's `v`), because $\mathbf M$ is kept for Adam's first moment, and RMSProp's decay is $\rho$
(the note's $\beta$, the book's `decay_rate`), because $\beta_1, \beta_2$ are Adam's. The update
counter is $\tau$.

`dlnotes` (like the book's `common/optimizer.py`) adds $\varepsilon = 10^{-7}$ to $\sqrt{\mathbf G}$,
and its [`Adam`](dlnotes.optimizers.Adam) divides $\mathbf M$ by $1-\beta_1^\tau$ and $\mathbf G$ by $1-\beta_2^\tau$ after $\tau$
updates (`bias_correction=True`, the default; `False` gives the note's rule). [`dlnotes.notes`](dlnotes.notes)
holds the note's versions exactly ([`rmsprop_note`](dlnotes.notes.rmsprop_note), [`adam_note`](dlnotes.notes.adam_note): no $\varepsilon$, no correction).

One update from $P = 1$ with gradient $g = 0.5$ and $\eta = 0.1$, by hand and by the library:
"""),
("code", r"""
# check: one update of each rule, by hand (the note's formulas) and by
#   dlnotes
P, g, lr = 1.0, 0.5, 0.1
by_hand = {
    "SGD": P - lr * g,
    "Momentum (a=0.9)": P + (0.9 * 0 - lr * g),
    "RMSProp (note)": P - lr * g / np.sqrt(0.99 * 0 + 0.01 * g * g),
    "Adam (note)": P - lr * (0.1 * g) / np.sqrt(0.001 * g * g),
    "Adam (corrected)": (
        P - lr * (0.1 * g / 0.1) / np.sqrt(0.001 * g * g / 0.001)
    ),
}
optimizers = {
    "SGD": SGD(lr),
    "Momentum (a=0.9)": Momentum(lr, 0.9),
    "RMSProp (note)": rmsprop_note(lr),
    "Adam (note)": adam_note(lr),
    "Adam (corrected)": Adam(lr, eps=0.0),
}
for name, opt in optimizers.items():
    p = {"P": np.array([P])}
    opt.update(p, {"P": np.array([g])})
    print(f"{name:17s} hand {by_hand[name]:.6f}  dlnotes {p['P'][0]:.6f}  "
          f"{np.isclose(by_hand[name], p['P'][0], rtol=1e-12)}")
"""),
("md", r"""
## Momentum is a decaying sum of past gradients (note 4.1.1)

The note describes Momentum (4.1.1) as SGD plus an inertia that carries over the previous
updates. Writing the recursion out shows exactly how much of each past gradient survives.
`dlnotes.Momentum`, like the book, starts from $\mathbf V_0 = \mathbf 0$ and at update $\tau$,
with the gradient $\mathbf g_\tau$ of that update, does

$$\mathbf V_\tau = \alpha\,\mathbf V_{\tau-1} - \eta\,\mathbf g_\tau, \qquad
\mathbf P_\tau = \mathbf P_{\tau-1} + \mathbf V_\tau .$$

Put the same rule in for $\mathbf V_{\tau-1}$, then for $\mathbf V_{\tau-2}$, and so on down to
$\mathbf V_0 = \mathbf 0$:

$$\mathbf V_\tau = -\eta\,\mathbf g_\tau + \alpha\big(-\eta\,\mathbf g_{\tau-1} + \alpha\,\mathbf V_{\tau-2}\big)
= \dots = -\eta \sum_{k=0}^{\tau-1} \alpha^k\,\mathbf g_{\tau-k}.$$

Every step is a weighted sum of *all* gradients so far: the newest with weight 1, the one
before with $\alpha$, the one $k$ updates back with $\alpha^k$. With $\alpha = 0.9$ a gradient's
weight falls below $1/e$ after about $1/(1-\alpha) = 10$ updates. The weights add up to
$(1-\alpha^\tau)/(1-\alpha)$, so $(1-\alpha)\sum_k \alpha^k\mathbf g_{\tau-k}$ is an exponential
moving average of the gradients (the form of Adam's $\mathbf M$ with $\beta_1 = \alpha$), and
once $\tau$ is large Momentum is SGD with learning rate $\eta/(1-\alpha)$ applied to that
average.

Two cases make this concrete. With a **constant gradient** $\mathbf g$ the sum is geometric:

$$\mathbf V_\tau = -\eta\,\mathbf g\,(1 + \alpha + \dots + \alpha^{\tau-1})
= -\eta\,\mathbf g\,\frac{1-\alpha^\tau}{1-\alpha} \;\longrightarrow\; -\frac{\eta}{1-\alpha}\,\mathbf g,$$

so on a long even slope the steps grow to $\eta/(1-\alpha)$ per unit of gradient: $10\,\eta$ for
$\alpha = 0.9$. With a gradient that **flips sign** every update (a zig-zag across a valley) the
weights alternate, $1 - \alpha + \alpha^2 - \dots \to 1/(1+\alpha)$, and the steps shrink to
$\eta/(1+\alpha) \approx 0.53\,\eta$. That is the "build up speed, cancel zig-zags" of the
introduction, in numbers.
"""),
("code", r"""
# check: Momentum's recursion against the unrolled sum (200 seeded random
#   gradients), and its steps for g = 1 and for g = +1, -1, +1, ...
lr, alpha = 0.01, 0.9
g = np.random.default_rng(0).normal(size=200)
V = experiments.momentum_velocities(g, lr, alpha)
U = experiments.momentum_unrolled(g, lr, alpha)
print(
    "max |recursion - unrolled sum| < 1e-15:",
    np.max(np.abs(V - U)) < 1e-15,
)
steps = -experiments.momentum_velocities(np.ones(1000), lr, alpha)
for tau in (1, 2, 10, 50, 1000):
    partial = lr * (1 - alpha**tau) / (1 - alpha)
    print(f"tau = {tau:4d}: step {steps[tau - 1]:.10f}   "
          f"lr (1 - a^tau) / (1 - a) = {partial:.10f}")
print(f"lr / (1 - a) = {lr / (1 - alpha):.10f}")
flips = experiments.momentum_velocities((-1.0) ** np.arange(1000), lr, alpha)
print(f"flipping gradient: last |step| {abs(flips[-1]):.10f},  "
      f"lr / (1 + a) = {lr / (1 + alpha):.10f}")
"""),
("md", r"""
In the one-update check above, two first steps stand out. RMSProp's first $\mathbf G$ is
$(1-\rho)\,g^2$, so its first step is $\eta/\sqrt{1-\rho} = 10\,\eta$ for $\rho = 0.99$: the step ignores the size of the gradient and
uses only its sign. The note's Adam moves $\eta\,(1-\beta_1)/\sqrt{1-\beta_2} \approx 3.16\,\eta$.
Both $\mathbf M$ and $\mathbf G$ start at zero and are still far too small after a few updates;
Kingma and Ba's bias correction divides them by $1-\beta_1^\tau$ and $1-\beta_2^\tau$, which undoes exactly that, so the
corrected Adam's first step is $\eta$.

## Adam with and without bias correction

With a gradient that never changes, the corrected Adam always steps exactly $\eta$. The note's
version starts at $3.16\,\eta$ and keeps growing while $\mathbf M$ catches up faster than
$\sqrt{\mathbf G}$ (with $\beta_2 = 0.999$, $\mathbf G$ needs thousands of updates), peaks at
about $6.6\,\eta$ and only slowly settles back to $\eta$:
"""),
("code", r"""
plots.adam_bias_correction(steps=1000)
""", {"alt": "Step size divided by the learning rate against the update number (log axis) for a constant gradient: the note's Adam without bias correction starts at 3.16, climbs to about 6.6 and only slowly returns to 1, while the bias-corrected Adam stays at exactly 1."}),
("code", r"""
# check: the note's Adam, first step and largest step (constant gradient,
#   lr = 1)
r = landscapes.adam_step_ratios(steps=1000)
print(
    f"first step / lr: note {r['note'][0]:.4f}, corrected"
    f" {r['corrected'][0]:.4f}, formula 0.1/sqrt(0.001) ="
    f" {0.1 / np.sqrt(0.001):.4f}"
)
print(
    f"largest step / lr of the note's Adam: {r['note'].max():.4f} at update"
    f" {r['note'].argmax() + 1}"
)
print(
    f"step / lr after 1000 updates: note {r['note'][-1]:.4f}, corrected"
    f" {r['corrected'][-1]:.4f}"
)
"""),
("md", r"""
## What $\varepsilon$ is for

The note's RMSProp and Adam divide by $\sqrt{\mathbf G}$. A coordinate whose gradient has been
exactly zero so far (a weight into a ReLU unit that never fired, a bias of a padding input, a
coordinate that starts at its optimum) has $G = 0$ and $g = 0$, and $0/\sqrt 0$ is $0/0$:
NaN, and one NaN weight turns every later output into NaN. The book's code, and `dlnotes`, add
$\varepsilon$ to the denominator. `dlnotes` also treats an exactly-zero denominator with
$\varepsilon = 0$ as "no step" instead of NaN, so `rmsprop_note` can run; the raw formula cannot.
"""),
("code", r"""
# check: a coordinate with zero gradient so far (G = 0, g = 0) under the
#   note's formula and dlnotes'
G, g, lr = np.zeros(2), np.array([0.0, 0.3]), 0.01
G = 0.99 * G + 0.01 * g * g
with np.errstate(invalid="ignore"):
    print("note 4.1.2 taken literally, step =", -lr * g / np.sqrt(G))
for name, opt in {
    "rmsprop_note (eps 0)": rmsprop_note(lr),
    "RMSprop (eps 1e-7)": RMSprop(lr),
}.items():
    p = {"w": np.zeros(2)}
    opt.update(p, {"w": g})
    print(f"{name:21s} step =", p["w"])
"""),
("md", r"""
$\varepsilon$ also caps the effective learning rate at $\eta/\varepsilon$ for coordinates with tiny
gradients. With the default $10^{-7}$ this almost never matters; with a large $\varepsilon$ the
adaptive scaling disappears and RMSProp turns into SGD with learning rate $\eta/\varepsilon$:
"""),
("code", r"""
# check: RMSprop with a huge eps is SGD with lr / eps (same path on x**2/20
#   + y**2, 30 steps)
a = run_optimizer(RMSprop(lr=100.0, eps=1000.0), BOOK, (-7, 2), 30)
b = run_optimizer(SGD(lr=0.1), BOOK, (-7, 2), 30)
print(
    "largest difference between the two paths:", f"{np.abs(a - b).max():.2e}"
)
"""),
("md", r"""
## The book's race on $x^2/20 + y^2$

The function is twenty times steeper in $y$ than in $x$. Starting from $(-7, 2)$ with the book's
learning rates (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3; 30 updates each), SGD zig-zags in
$y$ while creeping along $x$; Momentum swings past the minimum like a ball; AdaGrad's
per-coordinate scaling kills the $y$ oscillation at once; Adam rolls in along a curve. AdaGrad
is not in the note; it is RMSProp without the forgetting ($\mathbf G$ is a plain sum), and it is
in the book's figure. Each path below is [`run_optimizer`](dlnotes.landscapes.run_optimizer) itself (the explorer further down
overlays them all in its "race" entry).
"""),
("code", r"""
plots.optimizer_paths()
""", {"alt": "Four contour plots of x²/20 + y² in a 2 by 2 grid, each with the 30-step path of one optimizer from (-7, 2): SGD zig-zags in y, Momentum swings past the minimum, AdaGrad stops oscillating at once, Adam curves in towards the minimum at the origin."}),
("code", r"""
# check: end points after 30 steps from (-7, 2) with the book's learning
#   rates (and the note's Adam)
settings = {
    **landscapes.BOOK_SETTINGS,
    "Adam (note)": ("adam_note", {"lr": 0.3}),
}
summary = landscapes.final_points(settings)
for name, s in summary.items():
    key, hyper = settings[name]
    direct = run_optimizer(
        landscapes.make_optimizer(key, **hyper), BOOK, (-7, 2), 30
    )[-1]
    x, y = s["final"]
    print(f"{name:12s} ({x:+.4f}, {y:+.4f})  f = {s['loss']:.5f}  "
          f"= run_optimizer: {np.array_equal(direct, s['final'])}")
"""),
("md", r"""
Only AdaGrad ends essentially on the $x$ axis ($y \approx 10^{-17}$); its first step already moves
$y$ from 2 to about 0.5, because a first step of AdaGrad is $\eta\,\mathrm{sign}(g) = 1.5$ in every
coordinate. Which optimizer "wins" depends on the learning rates chosen; the widget below lets
you change them.

## A saddle and a curved valley

On the saddle $x^2 - y^2$ (started just off the ridge at $(-1.8, 0.001)$) the gradient in $y$ is
tiny near the ridge. SGD rolls towards the saddle point and lingers there, Momentum overshoots
along the ridge before it slowly turns away; RMSProp and Adam rescale the tiny $y$ gradient to a full-size step and escape at once (the loss has no
minimum, so lower is simply better). On Rosenbrock's valley
$(1-x)^2 + 100(y - x^2)^2$ (300 steps from $(-1.2, 1)$) the floor is curved and flat, and the
walls are steep: SGD needs a learning rate small enough for the walls and then barely moves
along the floor.
"""),
("code", r"""
plots.optimizer_race(f="saddle")
""", {"alt": "Two panels on the saddle x² − y². Left: the paths of the optimizers from (-1.8, 0.001) on the contours; SGD and Momentum run along the ridge towards the saddle point, RMSProp and Adam turn away at once. Right: the loss of each along its path, falling soonest for RMSProp and Adam."}),
("code", r"""
plots.optimizer_race(f="rosenbrock")
""", {"alt": "Two panels on Rosenbrock's valley. Left: the paths of the optimizers from (-1.2, 1) on the contours of the curved valley, the minimum at (1, 1). Right: the loss of each along its path on a log scale; plain SGD barely moves along the valley floor."}),
("code", r"""
# check: distance to Rosenbrock's minimum (1, 1) after 300 steps from
#   (-1.2, 1)
for name, s in landscapes.final_points(f="rosenbrock").items():
    print(
        f"{name:9s} end ({s['final'][0]:+.4f}, {s['final'][1]:+.4f}),"
        " distance to (1, 1):"
        f" {np.hypot(s['final'][0] - 1, s['final'][1] - 1):.4f}"
    )
"""),
("md", r"""
## Explorer: optimizer, learning rate, memory and start point

The explorer below runs in your browser: each path is recomputed by the JavaScript mirrors of
`landscapes.make_optimizer` and `landscapes.run_optimizer` (the rules of note 4.1, line by line)
whenever a control moves, so every setting is reachable, not just a few drawn in advance.
Choose an optimizer (Nesterov and the note's Adam without bias correction included), or
**race** to run all seven at once; a landscape (the book's bowl, the saddle, Rosenbrock); the
learning rate on a log scale from $10^{-3}$ to $10$; the memory sliders; and up to 300 steps.
**Click on the contour plot** to start from that point (a new landscape starts from its preset).
The caption gives each end point and loss, or the step at which the run overflowed; the drawing
stops at the last finite point. On the bowl, try SGD at $\eta = 1$ and $3$: the $y$ update is
$y \leftarrow (1-2\eta)\,y$, so $\eta \ge 1$ cannot converge. Then Momentum at $1$.
"""),
("code", r"""
widgets.optimizer_explorer()
"""),
("md", r"""
### How much memory: momentum and $\beta_1$

Momentum's $\alpha$ (note 4.1.1) and Adam's $\beta_1$ (note 4.1.3) share the slider
**momentum α / β1**: it sets how much of the past velocity or gradient average survives each
step. At $0$, Momentum is plain SGD and Adam loses its first moment (it becomes RMSProp with
bias correction); close to $1$, the path overshoots and swings around the minimum before
settling. Move it with Momentum at the book's rate 0.1 (the explorer's start), then with Adam
at the book's 0.3, and compare 10, 30 and 100 steps.

### How long squared gradients are remembered: $\rho$ and $\beta_2$

RMSProp's decay $\rho$ (note 4.1.2, the note's $\beta$) and Adam's $\beta_2$ (note 4.1.3) share
the slider **decay β / β2** (its β is our $\rho$). It sets the running average $\mathbf G$ of
squared gradients: each step keeps the fraction $\rho$ of the old average, so it forgets over
roughly $1/(1-\rho)$ steps (2 steps at $\rho = 0.5$, 1000 at $0.999$). Both start from $\mathbf G = 0$. RMSProp, as the note writes
it, has no bias correction, so after one step $\sqrt{\mathbf G}$ is only
$\sqrt{1-\rho}\,|\mathbf g|$ and the first move is $\eta/\sqrt{1-\rho}$ in every coordinate:
with $\rho = 0.999$ the first step is 31.6 times the learning rate, and the path leaps away
before the average has grown (RMSProp at $\eta = 0.1$ from the book's start, 1 step). After that
a long memory acts like AdaGrad: $\mathbf G$ keeps the large early gradients, the steps shrink
as the gradients do, and the path settles (loss about $10^{-12}$ after 30 steps). A short memory
($\rho = 0.5$) forgets at once, so every step stays close to $\eta$ in size right into the
minimum and the path keeps jittering around it (after 100 steps it is still at
$(0.050, -0.050)$). Adam divides by $1-\beta_2^\tau$, so its first move is $\eta$ whatever
$\beta_2$; there $\beta_2$ decides how quickly the per-coordinate rates follow the landscape.
The check below computes the first steps and the two RMSProp end points just quoted.
"""),
("code", r"""
# check: first step in x from (-7, 2), eps = 0:
# RMSProp (lr 0.1) moves lr / sqrt(1 - rho), Adam (lr 0.3) moves lr
# (rho is RMSProp's decay_rate and here also Adam's beta2)
for rho in [0.5, 0.9, 0.99, 0.999]:
    r = run_optimizer(
        RMSprop(lr=0.1, decay_rate=rho, eps=0.0), BOOK, (-7, 2), 1
    )
    a = run_optimizer(Adam(lr=0.3, beta2=rho, eps=0.0), BOOK, (-7, 2), 1)
    print(f"rho {rho:<5}: RMSProp {r[1, 0] - r[0, 0]:.6f}",
          f"(0.1 / sqrt(1 - rho) = {0.1 / np.sqrt(1 - rho):.6f}),",
          f"Adam {a[1, 0] - a[0, 0]:.6f}")
long = run_optimizer(RMSprop(lr=0.1, decay_rate=0.999), BOOK, (-7, 2), 30)[
    -1
]
short = run_optimizer(RMSprop(lr=0.1, decay_rate=0.5), BOOK, (-7, 2), 100)[
    -1
]
print(
    f"RMSProp rho 0.999, 30 steps: loss {BOOK(*long):.1e};  rho 0.5, 100"
    f" steps: end ({short[0]:.3f}, {short[1]:.3f})"
)
"""),
("md", r"""
## Effective learning rates

Dividing by $\sqrt{\mathbf G} + \varepsilon$ gives every coordinate its own learning rate
$\eta/(\sqrt{G_i} + \varepsilon)$. On $x^2/20 + y^2$ the gradients in $y$ are larger, so $y$ gets
a smaller rate than $x$: the steep direction is slowed and the gentle one sped up, which is what
plain SGD cannot do with one number. (For Adam the plot uses the bias-corrected $\mathbf G$.)
"""),
("code", r"""
plots.effective_learning_rates()
""", {"alt": "Three panels, one each for RMSProp, Adam and AdaGrad, and a key: the effective learning rate of x and of y against the step on a log scale, with the nominal rate dotted; y, the steep direction, always gets a smaller rate than x."}),
("code", r"""
# check: RMSProp's first step is lr / sqrt(1 - rho) = 10 lr in each
#   coordinate, whatever the gradient
first = run_optimizer(
    RMSprop(lr=0.1, decay_rate=0.99, eps=0.0), BOOK, (-7, 2), 1
)
print(
    "start",
    first[0],
    "-> after one step",
    np.round(first[1], 12),
    " step:",
    np.round(first[1] - first[0], 12),
)
"""),
("md", r"""
## Training the digits network with each optimizer

The same 64-50-50-10 ReLU network (same initial weights, same shuffled mini-batches of 64, seed 0) is
trained for 5 epochs on scikit-learn's 8x8 digits with each optimizer. The learning rates are
set per optimizer (adaptive methods want much smaller ones), so this compares tuned runs, not
one learning rate.
"""),
("code", r"""
histories = experiments.train_with_optimizers()
plots.optimizer_training_curves(histories)
""", {"alt": "Two panels for the digits network trained with each optimizer. Left: training loss per iteration, smoothed, on a log scale; the adaptive methods fall fastest. Right: test accuracy per epoch for each optimizer."}),
("code", r"""
# check: final training loss (mean of the last 10 mini-batches) and test
#   accuracy after 5 epochs
for name, h in histories.items():
    print(
        f"{name:9s} loss {np.mean(h['loss'][-10:]):.3f}   test accuracy"
        f" {h['test_acc'][-1]:.4f}"
    )
"""),
("md", r"""
## Exercises

**1.** Take the note's Adam (4.1.3, no bias correction) with $\beta_1 = 0.8$ and
$\beta_2 = 0.999$. Its first step is how many learning rates long? (Write $\mathbf M$ and
$\mathbf G$ after one update and divide.)
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_adam_first_step(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_adam_first_step)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
After one update from zero, $\mathbf M = (1 - \beta_1)\,g$ and $\mathbf G = (1 - \beta_2)\,g^2$. The step is $\eta\,\mathbf M/\sqrt{\mathbf G}$; what is left once $g$ cancels?
:::

:::{admonition} Worked answer
:class: dropdown
$\eta\,(1 - \beta_1)/\sqrt{1 - \beta_2} = 0.2/\sqrt{0.001} \approx 6.32\,\eta$: `answer = 0.2 / np.sqrt(0.001)`.
:::
"""),
("md", r"""
**2.** Plain SGD on $x^2/20 + y^2$: what is the largest learning rate below which it converges
from any start? (Each coordinate evolves on its own.)
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_sgd_lr_limit(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_sgd_lr_limit)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Along $y$ the gradient is $2y$, so one step multiplies $y$ by $1 - 2\eta$. When does that factor leave $(-1, 1)$?
:::

:::{admonition} Worked answer
:class: dropdown
$|1 - 2\eta| < 1$ for $0 < \eta < 1$, and the $x$ factor $1 - \eta/10$ is fine up to 20, so SGD converges from any start for $\eta < 1$: the answer is 1.
:::
"""),
("md", r"""
**3.** Momentum with $\alpha = 0.9$ and $\eta = 0.01$ runs down a slope whose gradient is
always $g = 1$. After many updates, how long is each step?
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_momentum_terminal_step(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_momentum_terminal_step)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Unroll the recursion as in the Momentum section: $V_\tau = -\eta\,g\,(1 + \alpha + \alpha^2 + \dots + \alpha^{\tau-1})$. What does the geometric series tend to?
:::

:::{admonition} Worked answer
:class: dropdown
$1 + \alpha + \alpha^2 + \dots \to 1/(1-\alpha) = 10$, so the step tends to $\eta\,g/(1-\alpha) = 0.01/0.1 = 0.1$: ten times plain SGD's step. `answer = 0.01 / (1 - 0.9)`.
:::
"""),
("md", r"""
## Closing note: measured end points, and what to correct in note 4.1

**End points after 30 updates from $(-7, 2)$ on $x^2/20 + y^2$** (from the check cell above,
each equal to `run_optimizer`'s last row): SGD ($\eta = 0.95$) $(-0.3504, +0.0848)$, $f = 0.01333$;
Momentum ($\eta = 0.1$) $(+0.8964, +0.0881)$, $f = 0.04794$; AdaGrad ($\eta = 1.5$)
$(-0.1202, +0.0000)$, $f = 0.00072$; Adam ($\eta = 0.3$, corrected) $(+0.1360, +0.3182)$,
$f = 0.10221$; the note's Adam $(+0.3952, -0.3180)$, $f = 0.10892$.

**Errors and gaps in note 4.1** (each computed above):

<!-- note-notation -->
- 4.1.2 (RMSProp) and 4.1.3 (Adam): no $\varepsilon$. A coordinate whose gradient has been zero
  so far gives $0/0$ = NaN (check cell "a coordinate with zero gradient"). Add $\varepsilon$:
  $\eta\,\mathbf g/(\sqrt{\mathbf G} + \varepsilon)$.
- 4.1.3 (Adam): no bias correction, so the first step is $\eta(1-\beta_1)/\sqrt{1-\beta_2}
  \approx 3.16\,\eta$ instead of $\eta$; with a constant gradient it grows to $6.57\,\eta$ at
  update 12 and is still $1.26\,\eta$ after 1000 updates (check cell "the note's Adam"). Use $\hat{\mathbf M} = \mathbf M/(1-\beta_1^\tau)$ and
  $\hat{\mathbf G} = \mathbf G/(1-\beta_2^\tau)$ after $\tau$ updates.
- 4.1.2: the text says RMSProp discounts the learning rate by the *update width* (更新幅), and
  that $\mathbf G$ averages update widths. $\mathbf G$ is a running average of squared
  **gradients**, and dividing by its root makes each step roughly $\eta$ times the gradient's
  sign (10 $\eta$ on the very first step, check cell "RMSProp's first step"); the point is a
  per-coordinate rate, not a shrinking one (plain SGD's step already shrinks with the gradient).
- 4.1.2: typo 「しまいう」 for 「しまう」.
- 4.1.1 and 4.1.3: the note uses $M$ both for Momentum's state and for Adam's first moment.
  They are different quantities (a sum of gradients times $-\eta$, and an average of
  gradients), so this page writes Momentum's as $\mathbf V$. Not an error, but what the note
  leaves out: Momentum's $M$ is $-\eta\sum_k \alpha^k \mathbf g_{\tau-k}$, so on a constant
  gradient its steps grow to $\eta/(1-\alpha)$ (check cell "Momentum's recursion").
- 4.1.2: the decay is called $\beta$, the letter Adam uses for its two decays; this page
  writes $\rho$ (the book's `decay_rate`).
- 4.1: the parameter is written $\mathbb P$ (blackboard bold) in the introduction and $\mathbf P$
  in the formulas; the same object.
"""),
]
