CELLS = [
("md", r"""
# Numerical differentiation

Note 3.3.1 (数値微分, numerical differentiation) introduces a second way to get a derivative:
nudge the input a little and watch the output. It is too slow to train a network with (one or
two extra forward passes *per parameter*), but it is the independent referee that tells us
whether backpropagation (notebook 03-3) is right.

The note defines the forward and backward differences, recommends the central one, and
mentions five- and seven-point formulas. Here all five are measured: how the error falls as
the step $h$ shrinks (the *order*), and why it rises again when $h$ gets too small.
"""),
("code", r"""
import numpy as np
from dlnotes import numerical_diff, numerical_gradient, relative_error
from dlnotes.gradient import DIFF_ORDERS, fitted_orders, optimal_steps
from dlnotes.gradient import central_step_study
from dlnotes import plots, exercises
"""),
("md", r"""
## Five formulas

With step $h > 0$ (the note's $\delta$; the note's forward formula with a negative step is the
backward difference):

| method | formula for $f'(x)$ | truncation error |
|---|---|---|
| forward | $\dfrac{f(x+h)-f(x)}{h}$ | $\tfrac h2 f''(x)$, order 1 |
| backward | $\dfrac{f(x)-f(x-h)}{h}$ | $-\tfrac h2 f''(x)$, order 1 |
| central | $\dfrac{f(x+h)-f(x-h)}{2h}$ | $\tfrac{h^2}{6} f'''(x)$, order 2 |
| five-point | $\dfrac{f(x-2h)-8f(x-h)+8f(x+h)-f(x+2h)}{12h}$ | $-\tfrac{h^4}{30} f^{(5)}(x)$, order 4 |
| seven-point | $\dfrac{-f(x-3h)+9f(x-2h)-45f(x-h)+45f(x+h)-9f(x+2h)+f(x+3h)}{60h}$ | $\tfrac{h^6}{140} f^{(7)}(x)$, order 6 |

The orders come from Taylor expansion: in the central difference the even powers of $h$ cancel,
which is the "analytic" reason the note gives for its better accuracy. The check below compares
the measured error of each formula at $h = 0.05$ with its leading term, for $f = \sin$ at
$x = 1$ (so $f'' = -\sin$, $f''' = -\cos$, $f^{(5)} = \cos$, $f^{(7)} = -\cos$).
"""),
("code", r"""
# check: measured error at h = 0.05 against the leading Taylor term
x, h = 1.0, 0.05
s, c = np.sin(x), np.cos(x)
leading = {
    "forward": h / 2 * -s,
    "backward": -h / 2 * -s,
    "central": h**2 / 6 * -c,
    "five_point": -(h**4) / 30 * c,
    "seven_point": h**6 / 140 * -c,
}
for m, lead in leading.items():
    err = numerical_diff(np.sin, x, h, m) - c
    print(f"{m:12s} error {err:+.3e}   leading term {lead:+.3e}")
"""),
("md", r"""
## Error against step size

Below, the error of each formula for $\sin$ at $x = 1$ over $h$ from $10^{-12}$ to $1$. On the
right of the plot, truncation dominates and each curve is a straight line whose slope is the
order. On the left, **round-off** takes over: $f$ is only stored to about
$\varepsilon \approx 2.2\times10^{-16}$ relative precision, and dividing a difference of nearly
equal numbers by a tiny $h$ amplifies that error like $\varepsilon|f|/h$ (the dotted line).
"""),
("code", r"""
plots.difference_error_plot()
""", {"alt": "Log-log plot of the error of five finite-difference formulas for the derivative of sin at x = 1 against the step h: as h shrinks each error first falls with slope 1 (forward, backward), 2 (central), 4 (five-point) or 6 (seven-point), then rises again along the round-off line eps |f| / h."}),
("code", r"""
# check: fitted slopes (orders) for sin at x = 1 and for exp at x = 0.5
for name, f, df, x0 in [
    ("sin", np.sin, np.cos, 1.0),
    ("exp", np.exp, np.exp, 0.5),
]:
    orders = fitted_orders(f, df, x0)
    print(name, "  ".join(f"{m} {o:.1f}" for m, o in orders.items()))
print("expected  ", DIFF_ORDERS)
"""),
("md", r"""
### The best step

Adding the two errors, $E(h) \approx K h^p + \varepsilon|f|/h$ ($K$ the constant of the
truncation term in the table), is smallest where both terms are about equal:
$h^\ast \sim \varepsilon^{1/(p+1)}$. That scale is $1.5\times10^{-8}$ for the forward
difference, $6.1\times10^{-6}$ for the central one and $7\times10^{-4}$ to $6\times10^{-3}$
for the high-order formulas. The constants $K$ and $|f|$ shift the true optimum, and the
round-off part of the measured curve is jagged (rounding errors sometimes cancel), so the
measured best step on the grid can land a long way off: below, it is within a factor of 6 of
$\varepsilon^{1/(p+1)}$ for the forward, backward, five- and seven-point formulas, but a
factor of about 15 below it for the central difference ($4\times10^{-7}$ against
$6.1\times10^{-6}$). The best reachable error improves from about $2\times10^{-9}$
(forward) to about $10^{-15}$ (five- and seven-point).
"""),
("code", r"""
# check: the measured best h (on a grid of 61 log-spaced steps) and
#   eps^(1/(p+1))
for m, (h_best, e_best, h_pred) in optimal_steps().items():
    print(
        f"{m:12s} best h {h_best:.0e}  min error {e_best:.0e}  "
        f" eps^(1/(p+1)) = {h_pred:.0e}"
    )
"""),
("md", r"""
### How good is the book's $h = 10^{-4}$?

For the central difference, the error model with its constants,
$E(h) \approx \frac{|f'''|}{6}h^2 + \frac{\varepsilon|f|}{h}$, is smallest at
$h_{\text{model}} = (3\varepsilon|f|/|f'''|)^{1/3}$, about $1.0\times10^{-5}$ for $\sin$ at
$x = 1$. The measured curve reaches its smallest error, $2.7\times10^{-12}$, at
$h = 4.0\times10^{-7}$, and again, to the last digit, at $4.0\times10^{-6}$: in the
round-off zone the error jumps by factors up to about 40 between neighbouring steps,
so the exact argmin is partly luck. The book's $h = 10^{-4}$ is **not** near that optimum:
it is 250 times the measured best step and 10 times $h_{\text{model}}$, on the truncation
side, where the error is $\frac{|f'''|}{6}h^2 = 9.0\times10^{-10}$ — about 340 times the
measured minimum. What makes it a sound default is that it is still tiny for a gradient
check (the relative errors of notebook 03-3 compare with tolerances around $10^{-7}$), it
sits well clear of the jagged round-off zone. (In float32 the optimum moves up to about
$\varepsilon^{1/3} \approx 4.9\times10^{-3}$; there $h = 10^{-4}$ is on the round-off side, and the
model error $\varepsilon|f|/h$ is about $10^{-3}$: a few correct digits, no more.)
[`central_step_study`](dlnotes.gradient.central_step_study) measures it:
"""),
("code", r"""
# check: the central difference's measured best h, and the error at the
#   book's h = 1e-4 against it (sin at x = 1)
st = central_step_study()
print(f"measured best h    {st['h_best']:.2g}"
      f"  (error {st['error_best']:.2g})")
print("same error also at", [f"{h:.2g}" for h in st["h_ties"]])
print(f"eps^(1/3)          {st['h_eps']:.2g}  = {st['factor']:.1f} x best h")
print(f"model optimum      {st['h_model']:.2g}"
      f"  (measured error there {st['error_at_model']:.2g})")
print(f"error at h = 1e-4  {st['error_book']:.2g}"
      f"  = {st['ratio']:.0f} x the measured minimum")
print("float32 eps^(1/3):", f"{np.finfo(np.float32).eps ** (1 / 3):.2g}")
"""),
("md", r"""
## The gradient of a function of a matrix

Backpropagation produces $\partial\mathcal L/\partial\mathbf W$ for a whole matrix $\mathbf W$, so the numerical
referee must do the same: perturb one entry at a time, keep the others fixed, and fill a
matrix of the same shape (note 3.3.1's closing remark: this costs two evaluations per entry,
which is why it is only used for checking). [`numerical_gradient`](dlnotes.gradient.numerical_gradient) does this in place and
restores every entry afterwards.

Test case: $\mathcal L(\mathbf W) = \tfrac12\lVert \mathbf X\mathbf W - \mathbf T\rVert^2$, whose exact gradient is
$\mathbf X^\top(\mathbf X\mathbf W - \mathbf T)$ (the Affine rule of note 3.3.3 with
$\partial\mathcal L/\partial\mathbf Y = \mathbf X\mathbf W - \mathbf T$).
"""),
("code", r"""
# check: numeric against exact gradient of a function of a 4x3 matrix; W is
#   left unchanged
rng = np.random.default_rng(0)   # seed 0: the same numbers on every run
X, T, W = (
    rng.normal(size=(5, 4)),
    rng.normal(size=(5, 3)),
    rng.normal(size=(4, 3)),
)
W_before = W.copy()
L = lambda W: 0.5 * np.sum((X @ W - T) ** 2)
num = numerical_gradient(L, W)
exact = X.T @ (X @ W - T)
err = relative_error(num, exact)
print(
    "shape",
    num.shape,
    "| relative error below 1e-9:",
    err < 1e-9,
    "| W restored exactly:",
    np.array_equal(W, W_before),
)
"""),
("md", r"""
The relative error $\max |a-b| / (|a|+|b|)$ is the number to watch in gradient checks: around
$10^{-9}$ or smaller means "the same up to the central difference's own error". For a quadratic
$L$ the central difference is exact apart from round-off, so the agreement is especially good.

## Exercises

1. Compute by hand the forward difference of $f(x) = x^2$ at $x = 3$ with $h = 0.1$.
2. When $h$ is halved (well above the round-off floor), by what factor does the error of the
   five-point formula shrink?
"""),
("code", r"""
_ = exercises.check_forward_difference(...)  # replace ... with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_forward_difference)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Compute $f(3.1) = 9.61$ and $f(3) = 9$, then divide the difference by $h$.
:::

:::{admonition} Worked answer
:class: dropdown
$(9.61 - 9)/0.1 = 6.1 = 2x + h$: the exact slope 6 plus an error of exactly $h$.
:::
"""),
("code", r"""
_ = exercises.check_halving_factor("five_point", ...)  # your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_halving_factor, "five_point")
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The error of a formula of order $p$ is proportional to $h^p$. Read $p$ for the five-point formula off the slope of its line in the log-log plot above.
:::

:::{admonition} Worked answer
:class: dropdown
The five-point formula is of order 4: halving $h$ divides the error by $2^4 = 16$.
:::
"""),
]
