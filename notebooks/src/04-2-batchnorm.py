CELLS = [
("md", r"""
# Batch normalization

This page follows note 4.2 (レイヤ) section 4.2.1 (Batch Normalization), with its forward pass
4.2.1.1 (順伝播) and backward pass 4.2.1.2 (逆伝播). For a mini-batch
$\mathbf X \in \mathbb R^{B\times C}$ (one example per row), batch normalization (BN) rescales each
**column** (feature) to mean 0 and variance 1 over the batch, then applies a learned scale
$\gamma_j$ and shift $\beta_j$ per column. A layer's input then keeps a sensible range whatever the
weights before it do, which lets deep networks train with larger learning rates and with
careless weight initialisations.

We compute the forward pass step by step on a small batch, sort out one notational slip of the
note (its $\sigma_j$ is a variance in one line and a standard deviation in the next), follow the
note's backward derivation line by line and check it against numerical gradients, explain what
is used at inference time, and finally look at activations and training curves with and
without BN.
"""),
("code", r"""
import numpy as np
from dlnotes import (
    BatchNormalization,
    gradient_check,
    numerical_gradient,
    relative_error,
)
from dlnotes.notes import batchnorm_forward_note, batchnorm_backward_note
from dlnotes import plots, exercises, experiments
"""),
("md", r"""
## Forward pass, step by step

For column $j$ of a batch of $B$ rows, with $u_j^{(i)} = x_j^{(i)} - \mu_j$:

$$
\begin{aligned}
\mu_j &= \frac1B\sum_{k=1}^B x_j^{(k)}, &
\sigma_j^2 &= \frac1B\sum_{k=1}^B \bigl(u_j^{(k)}\bigr)^2, \\
z_j^{(i)} &= \frac{u_j^{(i)}}{\sqrt{\sigma_j^2 + \varepsilon}}, &
y_j^{(i)} &= \gamma_j z_j^{(i)} + \beta_j .
\end{aligned}
$$

Here $\sigma_j$ is the **standard deviation** and $\sigma_j^2$ the variance. The note (4.2.1.1)
names the variance itself $\sigma_j$ and then divides by it, $z = u/\sigma_j$; read literally,
that makes each column's variance $1/\sigma_j^2$ instead of 1. Its backward pass (4.2.1.2) then
uses $\sigma_j$ as the standard deviation, which is the intended meaning. The note also has no
$\varepsilon$; [`dlnotes.BatchNormalization`](dlnotes.layers.BatchNormalization) adds $\varepsilon = 10^{-5}$ to the variance (we set it
to 0 here to compare exactly).
"""),
("code", r"""
X = np.array([[1.0, 10.0, 0.5],
              [3.0, 14.0, 0.5],
              [5.0, 12.0, 2.5],
              [7.0, 16.0, 0.5]])
gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 3.0])
mu = X.mean(axis=0)
u = X - mu
var = np.mean(u ** 2, axis=0)
Z = u / np.sqrt(var)
Y = gamma * Z + beta
print("mean     ", mu)
print("variance ", var)
print("std      ", np.sqrt(var))
print("Z =\n", np.round(Z, 4))
print("Y =\n", np.round(Y, 4))
"""),
("code", r"""
# check: the step-by-step Z, the library (eps = 1e-300, the note has none)
#   and the note's literal formula (divide by the variance)
bn = BatchNormalization(gamma, beta, eps=1e-300)
print(
    "library Y equals the step-by-step Y:",
    np.allclose(bn.forward(X), Y, rtol=0, atol=1e-12),
)
print(
    "column mean of Z:",
    np.round(Z.mean(axis=0), 12) + 0.0,
    " column variance of Z:",
    np.round(Z.var(axis=0), 12),
)
Y_note, Z_note, mu_note, sigma_note = batchnorm_forward_note(X, gamma, beta)
print("note 4.2.1.1 literally: its sigma_j =", sigma_note)
print("  column variance of its z =", np.round(Z_note.var(axis=0), 6),
      "= 1/sigma_j:", np.allclose(Z_note.var(axis=0), 1 / sigma_note))
"""),
("md", r"""
### A constant column

If a feature has the same value in every row of the batch (a pixel that is always 0, a ReLU
unit that is off for the whole batch), its variance is 0 and the note's $z = u/\sigma$ is $0/0$.
With $\varepsilon$ the column simply becomes 0, and then $\beta_j$ after the shift.
"""),
("code", r"""
# check: a constant column, without and with epsilon
Xc = np.array([[1.0, 4.0], [2.0, 4.0], [6.0, 4.0]])
with np.errstate(invalid="ignore"):
    print(
        "note (no eps), z =\n",
        batchnorm_forward_note(Xc, np.ones(2), np.zeros(2))[1],
    )
print(
    "dlnotes (eps = 1e-5), z =\n",
    np.round(BatchNormalization(np.ones(2), np.zeros(2)).forward(Xc), 6),
)
"""),
("md", r"""
## Backward pass, in the note's order

Given $\partial\mathcal L/\partial\mathbf Y$, note 4.2.1.2 first gets
$\partial\mathcal L/\partial z = \gamma\,\partial\mathcal L/\partial y$,
$\partial\mathcal L/\partial\gamma_j = \sum_k \partial\mathcal L/\partial y_j^{(k)} z_j^{(k)}$ and
$\partial\mathcal L/\partial\beta_j = \sum_k \partial\mathcal L/\partial y_j^{(k)}$, then walks back
through the variance, the centred values $u$, the mean, and $x$:

$$
\begin{aligned}
\frac{\partial\mathcal L}{\partial\sigma_j^2} &= -\frac{1}{2\sigma_j^3}\sum_k \frac{\partial\mathcal L}{\partial z_j^{(k)}}u_j^{(k)}, &
\frac{\partial\mathcal L}{\partial u_j^{(k)}} &= \frac{1}{\sigma_j}\frac{\partial\mathcal L}{\partial z_j^{(k)}} + \frac2B u_j^{(k)}\frac{\partial\mathcal L}{\partial\sigma_j^2}, \\
\frac{\partial\mathcal L}{\partial\mu_j} &= -\sum_k\frac{\partial\mathcal L}{\partial u_j^{(k)}}, &
\frac{\partial\mathcal L}{\partial x_j^{(i)}} &= \frac{\partial\mathcal L}{\partial u_j^{(i)}} + \frac1B\frac{\partial\mathcal L}{\partial\mu_j}.
\end{aligned}
$$

Collecting terms gives the note's final matrix form

$$
\frac{\partial\mathcal L}{\partial\mathbf X} = \Bigl(\mathbf 1_B\,\frac{\gamma}{\sigma}\Bigr)\circ
\Bigl[\frac{\partial\mathcal L}{\partial\mathbf Y} - \frac1B\Bigl\{\mathbf Z\circ\bigl(\mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\gamma}\bigr) + \mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\beta}\Bigr\}\Bigr]
$$

([`dlnotes.notes.batchnorm_backward_note`](dlnotes.notes.batchnorm_backward_note)), and `BatchNormalization.backward` uses the equivalent
compact form $\frac{1}{\sigma}\bigl(\mathbf D - \overline{\mathbf D} - \mathbf Z\circ\overline{\mathbf D\circ\mathbf Z}\bigr)$
with $\mathbf D = \gamma\,\partial\mathcal L/\partial\mathbf Y$ and bars for column means. We use
the loss $\mathcal L = \sum \mathbf G\circ\mathbf Y$ for a fixed random $\mathbf G$, so that
$\partial\mathcal L/\partial\mathbf Y = \mathbf G$, and compare every version with central
differences.
"""),
("code", r"""
rng = np.random.default_rng(0)
Xr = rng.normal(3.0, 2.0, size=(6, 4))
g_, b_ = rng.normal(size=4), rng.normal(size=4)
dY = rng.normal(size=(6, 4))  # dL/dY for L = sum(dY * Y)
B = Xr.shape[0]
layer = BatchNormalization(g_, b_, eps=1e-300)
Yr = layer.forward(Xr)

# the note's chain, line by line (sigma = standard deviation)
mu = Xr.mean(axis=0)
u = Xr - mu
sigma = np.sqrt(np.mean(u**2, axis=0))
Zr = u / sigma
dZ = g_ * dY
dvar = -0.5 / sigma ** 3 * np.sum(dZ * u, axis=0)      # dL/d(sigma^2)
du = dZ / sigma + 2.0 / B * u * dvar                   # dL/du
dmu = -np.sum(du, axis=0)                              # dL/dmu
dX_chain = du + dmu / B                                # dL/dx
dgamma, dbeta = np.sum(dY * Zr, axis=0), np.sum(dY, axis=0)

numeric = numerical_gradient(
    lambda _: float(np.sum(dY * layer.forward(Xr))), Xr
)
layer.forward(Xr)  # re-run: the last numerical call cached a perturbed x
dX_layer = layer.backward(dY)
dX_matrix = batchnorm_backward_note(dY, Zr, g_, sigma)
"""),
("code", r"""
# check: the note's backward formula against numerical gradients (max
#   relative error)
print(
    "chain rule, line by line   :",
    f"{relative_error(dX_chain, numeric):.1e}",
)
print(
    "note's final matrix formula:",
    f"{relative_error(dX_matrix, numeric):.1e}",
)
print(
    "BatchNormalization.backward:",
    f"{relative_error(dX_layer, numeric):.1e}",
)
print(
    "matrix formula vs compact form:",
    f"{relative_error(dX_matrix, dX_layer):.1e}",
)
num_gamma = numerical_gradient(
    lambda _: float(np.sum(dY * layer.forward(Xr))), layer.gamma
)
num_beta = numerical_gradient(
    lambda _: float(np.sum(dY * layer.forward(Xr))), layer.beta
)
layer.forward(Xr); layer.backward(dY)
print(
    "dgamma, dbeta:",
    f"{relative_error(layer.dgamma, num_gamma):.1e}",
    f"{relative_error(layer.dbeta, num_beta):.1e}",
)
print(
    "dgamma, dbeta equal to the note's sums:",
    np.allclose(layer.dgamma, dgamma) and np.allclose(layer.dbeta, dbeta),
)
print(
    "each column of dL/dX sums to 0:",
    np.allclose(dX_layer.sum(axis=0), 0, atol=1e-12),
)
"""),
("md", r"""
The final formula is right **when $\sigma$ is the standard deviation**. Three places of the
note, read literally, give wrong numbers:

1. With $\sigma_j$ the variance (4.2.1.1's definition) plugged into the same formula, the result
   is not the gradient of the literal forward pass $z = u/\sigma_j$.
2. The first line of the final summation ("以上をまとめると") writes $\partial\mathcal L/\partial x$
   equal to the expression of $\partial\mathcal L/\partial u$ only; the mean's term
   $-\frac{1}{B\sigma_j}\sum_k \partial\mathcal L/\partial z_j^{(k)}$ appears only in the next line.
3. The intermediate step computes a total derivative $\partial z_j^{(k)}/\partial u_j^{(k)}$ that
   follows the variance path of $z^{(k)}$ only, and then concludes "∴" the formula for
   $\partial\mathcal L/\partial u_j^{(k)}$. That conclusion is right, but it does not follow from the
   line before: $u^{(k)}$ changes the variance, which changes **every** $z^{(m)}$, and
   $\partial\mathcal L/\partial\sigma_j^2$ sums over all of them. Multiplying the written
   $\partial z^{(k)}/\partial u^{(k)}$ by $\partial\mathcal L/\partial z^{(k)}$ gives a different
   number. (The line before it also writes $\sigma_j = \frac1B\sum u^2 \Rightarrow
   \partial\sigma_j^2/\partial u = \frac2B u$; it should start from $\sigma_j^2 = \frac1B\sum u^2$.)
"""),
("code", r"""
# check: the three literal readings, each against numerical gradients
# 1. variance in place of the standard deviation
Yn, Zn, _, var_n = batchnorm_forward_note(Xr, g_, b_)
num_literal = numerical_gradient(
    lambda _: float(np.sum(dY * batchnorm_forward_note(Xr, g_, b_)[0])), Xr
)
dX_literal = batchnorm_backward_note(dY, Zn, g_, var_n)
print(
    "1. sigma = variance in the formula, vs gradient of z = u/variance:\n  ",
    f"{relative_error(dX_literal, num_literal):.2f}",
)
# 2. the first line of the summary, without the mean's term
first_line = dZ / sigma - (1 / sigma) * Zr / B * np.sum(dZ * Zr, axis=0)
print(
    "2. first summary line vs true dL/dX:",
    f"{relative_error(first_line, numeric):.2f}",
    "  (it equals dL/du:",
    np.allclose(first_line, du),
    ")",
)
# 3. dL/du from the written dz(k)/du(k) only, vs numerical dL/du (u treated
#   as free variables)
L_of_u = lambda uu: float(
    np.sum(dY * (g_ * uu / np.sqrt(np.mean(uu**2, axis=0)) + b_))
)
U = u.copy()
num_du = numerical_gradient(L_of_u, U)
du_single = dZ * (1 / sigma + 2.0 / B * u * (-u / (2 * sigma ** 3)))
print(
    "3. dL/du from the k-th path only:",
    f"{relative_error(du_single, num_du):.2f}",
)
print("   the note's final dL/du:", f"{relative_error(du, num_du):.1e}")
"""),
("md", r"""
## Training and inference

During training, $\mu_j$ and $\sigma_j^2$ are the statistics of the current mini-batch, and the
layer also keeps exponential running averages of them
(`running_mean = 0.9 * running_mean + 0.1 * mu`, likewise for the variance). At inference
(`train_flg=False`) those running averages are used; nothing is computed from the test batch.
The note says the statistics are computed per column at inference time; that is not what is
done, and it could not work for a single example: a batch of one has variance 0, so the note's
formula gives $0/0$, and even with $\varepsilon$ every input maps to $\beta$. With batch
statistics the output for one example would also depend on which other examples share its
batch; in a batch of two, each column of the output is always $\pm 1$, whatever the values.
"""),
("code", r"""
# check: running statistics versus statistics of the test batch
rng = np.random.default_rng(1)
bn = BatchNormalization(np.ones(3), np.zeros(3))
for _ in range(100):
    bn.forward(
        rng.normal(loc=[5.0, -2.0, 0.0], scale=[2.0, 0.5, 1.0], size=(32, 3))
    )
print(
    "running mean",
    np.round(bn.running_mean, 2),
    " running var",
    np.round(bn.running_var, 2),
)
x_one = np.array([[7.0, -2.0, 1.0]])
print(
    "inference with running statistics:",
    np.round(bn.forward(x_one, train_flg=False), 3),
)
with np.errstate(invalid="ignore"):
    print(
        "note's formula on a batch of one :",
        batchnorm_forward_note(x_one, np.ones(3), np.zeros(3))[0],
    )
try:
    bn.forward(x_one, train_flg=True)
except ValueError as err:
    print("dlnotes refuses:\n ", str(err).replace(" (batch", "\n  (batch"))
others1, others2 = np.array([[5.0, -2.5, 0.0]]), np.array([[9.0, -1.0, 3.0]])
tmp = BatchNormalization(np.ones(3), np.zeros(3))
print(
    "same example, batch statistics, two different partners:\n ",
    np.round(tmp.forward(np.vstack([x_one, others1]))[0], 3),
    np.round(tmp.forward(np.vstack([x_one, others2]))[0], 3),
)
"""),
("md", r"""
## Activations in a deep network, with and without BN

A stack of five sigmoid layers of 100 units, fed 1000 random inputs (book chapter 6's
experiment). With weights of standard deviation 1 the pre-activations are large and the
sigmoid outputs pile up at 0 and 1, where its gradient vanishes; with 0.01 they all collapse
near 0.5, so the units are indistinguishable. With BN before each activation the spread is the
same at every depth and for either scale.
"""),
("code", r"""
plots.activation_histograms()
""", {"alt": "A grid of histograms of the sigmoid outputs of five layers (rows) for four settings (columns): weight std 1 without BN piles up at 0 and 1, std 0.01 without BN collapses near 0.5, and with BN both spread the same way at every layer."}),
("code", r"""
# check: standard deviation of the fifth layer's sigmoid outputs at
#   initialisation
from dlnotes.network import MultiLayerNet
x_in = np.random.default_rng(0).standard_normal((1000, 100))
for scale in (1.0, 0.01):
    for bn_on in (False, True):
        net = MultiLayerNet(
            100,
            [100] * 5,
            10,
            activation="sigmoid",
            weight_init_std=scale,
            use_batchnorm=bn_on,
            seed=0,
        )
        a5 = experiments.hidden_activations(net, x_in)[-1]
        print(
            f"std {scale:<5} {'BN   ' if bn_on else 'no BN'}: layer-5 output"
            f" std {a5.std():.4f}"
        )
"""),
("md", r"""
## Training across weight scales

The book's grid of small plots (its figure 6-19), on the digits: a 64-30-30-30-30-10 ReLU
network, 400 training images, plain SGD with learning rate 0.1 and mini-batches of 40, 6 epochs,
for six weight-initialisation scales. Without BN only a narrow band of scales learns anything in
this budget; with BN most do. At the largest scales BN also slows down: the gradients of the
weights shrink in proportion to the scale, so SGD moves them too little relative to their
size.
"""),
("code", r"""
runs = experiments.bn_training_runs()
plots.bn_scale_grid(runs)
""", {"alt": "Six small plots, one per weight-initialisation standard deviation, of training accuracy per epoch with BN (solid) and without (dashed): without BN only a narrow band of scales learns in 6 epochs, with BN most do."}),
("code", r"""
# check: training accuracy after 6 epochs for each weight scale
for scale, r in runs.items():
    print(
        f"std {scale:<5}  BN {r['BN']['train_acc'][-1]:.4f}   no BN"
        f" {r['no BN']['train_acc'][-1]:.4f}"
    )
"""),
("md", r"""
## Exercises

**1.** Normalise the columns of the batch below over the batch (mean 0, variance 1, no
$\varepsilon$), as the corrected 4.2.1.1 does. Use numpy only.
"""),
("code", r"""
x_ex = np.array([[2.0, 0.0], [4.0, 3.0], [9.0, 3.0], [1.0, 6.0]])
z_ex = (x_ex - x_ex.mean(axis=0)) / x_ex.var(
    axis=0
)  # replace with your answer
_ = exercises.check_bn_normalized(z_ex, x_ex)
"""),
("code", r"""
exercises.answer_box(exercises.check_bn_normalized)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Variance 1 needs the division by the standard deviation, the square root of the variance.
:::

:::{admonition} Worked answer
:class: dropdown
```python
z_ex = (x_ex - x_ex.mean(axis=0)) / x_ex.std(axis=0)
```
:::
"""),
("md", r"""
**2.** Write `backward(dout, x, gamma)` returning $\partial\mathcal L/\partial\mathbf x$ for
$\mathbf y = \gamma\,(\mathbf x - \mu)/\sigma + \beta$ with batch statistics and no $\varepsilon$,
from the note's final formula. The checker compares it with numerical gradients on a random
batch.
"""),
("code", r"""
def backward(dout, x, gamma):
    sigma = x.std(axis=0)
    return (
        gamma / sigma * dout
    )  # replace: this forgets the mean and variance paths

_ = exercises.check_bn_backward(backward)
"""),
("code", r"""
exercises.answer_box(exercises.check_bn_backward)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Write $\hat z = (x - \mu)/\sigma$ and $d\hat z = \gamma \cdot$ `dout`. Besides the direct path, $x$ reaches the loss through $\mu$ and through $\sigma$; each adds a column mean.
:::

:::{admonition} Worked answer
:class: dropdown
$\partial L/\partial x = \frac{1}{\sigma}\left(d\hat z - \overline{d\hat z} - \hat z\,\overline{d\hat z\,\hat z}\right)$, the bars being column means:

```python
def backward(dout, x, gamma):
    sigma = x.std(axis=0)
    z = (x - x.mean(axis=0)) / sigma
    dz = gamma * dout
    return (dz - dz.mean(axis=0) - z * (dz * z).mean(axis=0)) / sigma
```
:::
"""),
("md", r"""
## Closing note: the BN gradient check, and what to correct in note 4.2.1

**Gradient check:** the note's backward formula (with $\sigma$ the standard deviation) agrees with
central differences to a maximum relative error of about $10^{-9}$ on a $6\times 4$ batch; so do
the library's compact form and $\partial\mathcal L/\partial\gamma$, $\partial\mathcal L/\partial\beta$
(check cell "the note's backward formula").

**Errors in note 4.2.1** (each computed above):

- 4.2.1.1: $\sigma_j$ is defined as the variance, $\frac1B\sum (x-\mu)^2$, but $z = (x-\mu)/\sigma_j$
  and the backward pass need the standard deviation. Literally, the output's column variance is
  $1/\sigma_j$, not 1 (check cell "the step-by-step Z"). Correction: $\sigma_j^2 =
  \frac1B\sum(x-\mu)^2$, $z = (x-\mu)/\sqrt{\sigma_j^2+\varepsilon}$.
- 4.2.1.1: no $\varepsilon$: a constant column gives $0/0$ = NaN (check cell "a constant column").
- 4.2.1.1: "j 行目の平均" should be the mean of column $j$ (j 列目), as the paragraph itself says
  normalisation is per column.
- 4.2.1.1: $\gamma_j, \beta_j$ are said to differ per row (行ごと); they are per column (one per
  feature, shape $(C,)$).
- 4.2.1.1: $\mu_j, \sigma_j$ are said to be computed per column at inference. In training they
  come from the mini-batch; at inference the running averages collected during training are
  used (check cell "running statistics").
- 4.2.1.1: mixed style 「場合があります、」 in a plain-form text (should be 「場合があり、」).
- 4.2.1.2: "σ_j = (1/B) Σ u² ⇒ ∂σ_j²/∂u = (2/B) u" should start from $\sigma_j^2 = \frac1B\sum u^2$;
  the step "∂z/∂u (total) = …, ∴ ∂L/∂u = …" does not follow as written (only the $k$-th path of
  the variance is in it), though the resulting $\partial\mathcal L/\partial u$ is right; and the
  first line of the final summary omits the mean's term (check cell "the three literal
  readings").
- 4.2.1.2: the text refers to a figure ("この図で") that is not in the note.
"""),
]
