CELLS = [
("md", r"""
# Batch normalization

This page follows note 4.2 (レイヤ) section 4.2.1 (Batch Normalization), with its forward pass
4.2.1.1 (順伝播) and backward pass 4.2.1.2 (逆伝播). For a mini-batch
$\mathbf X \in \mathbb R^{B\times d}$ ($B$ examples, one per row, $d$ features; the note writes
$C$ for $d$), batch normalization (BN) rescales each **column** (feature) to mean 0 and variance 1
over the batch, then applies a learned scale $\gamma_j$ and shift $\beta_j$ per column. A layer's
input then keeps a sensible range whatever the weights before it do, which lets deep networks
train with larger learning rates and with careless weight initialisations.

We compute the forward pass step by step on a small batch, sort out one notational slip of the
note (its $\sigma_j$ is a variance in one line and a standard deviation in the next), move one
column through BN live, draw the dependency graph the note's backward pass walks, derive the
backward pass node by node and check every intermediate gradient against numerical gradients,
explain what is used at inference time, and finally look at activations, weight scales and
training curves with and without BN.
""", r"""
# バッチ正規化

このページはノート 4.2（レイヤ）の 4.2.1（Batch Normalization）に沿って進み、その順伝播を
ノート 4.2.1.1（順伝播）、逆伝播をノート 4.2.1.2（逆伝播）に従って扱う。ミニバッチ
$\mathbf X \in \mathbb R^{B\times d}$（1 行に 1 つのデータで $B$ 個、特徴量は $d$ 個。ノートでは
$d$ を $C$ と書く）に対して、バッチ正規化（BN）は各**列**（特徴量）をバッチ全体で平均 0、分散 1
にそろえ、そのうえで列ごとに学習可能なパラメータであるスケール $\gamma_j$ とシフト $\beta_j$ を
適用する。こうすると、前の層の重みがどうなっていても層の入力は適度な範囲に保たれるので、
深いネットワークでも大きな学習率や、雑に選んだ重みの初期値で学習が進むようになる。

以下ではまず小さなバッチで順伝播を一歩ずつ計算し、ノートの記法上の食い違いを 1 つ整理する
（ノートの $\sigma_j$ は、ある行では分散、次の行では標準偏差になっている）。続いて 1 つの列が
BN を通る様子をインタラクティブに確かめ、ノートの逆伝播がたどる依存関係のグラフを描く。
そのグラフに沿って逆伝播をノードごとに導き、途中の勾配をすべて数値勾配と照合する。さらに
推論時に何を使うかを説明し、最後に BN の有無で活性化、重みのスケール、学習曲線がどう変わるかを
調べる。
"""),
("code", r"""
import numpy as np
from dlnotes import (
    BatchNormalization,
    numerical_gradient,
    relative_error,
)
from dlnotes.notes import batchnorm_forward_note, batchnorm_backward_note
from dlnotes import plots, widgets, exercises, experiments
"""),
("md", r"""
## Forward pass, step by step

For column $j$ of a batch of $B$ rows (row $i$, summation index $k$):

$$
\begin{aligned}
\mu_j &= \frac1B\sum_{k=1}^B x_{kj}, &
u_{ij} &= x_{ij} - \mu_j, &
\sigma_j^2 &= \frac1B\sum_{k=1}^B u_{kj}^2, \\
s_j &= \sqrt{\sigma_j^2 + \varepsilon}, &
\hat x_{ij} &= \frac{u_{ij}}{s_j}, &
y_{ij} &= \gamma_j \hat x_{ij} + \beta_j .
\end{aligned}
$$

$\sigma_j^2$ is the column's variance, $\sigma_j$ its standard deviation, and the divisor $s_j$
is the standard deviation with $\varepsilon$ added to the variance. The note (4.2.1.1) has no
$\varepsilon$, calls the normalised value $z$ (our $\hat x$), and names the **variance** itself
$\sigma_j$; it then divides by it, the note's $z = u/\sigma_j$. Read literally, the output column has variance
$\sigma_j^2/(\sigma_j^2)^2 = 1/\sigma_j^2$ in our notation (that is, one over the note's
$\sigma_j$) instead of 1. Its backward pass (4.2.1.2) then uses $\sigma_j$ as the standard
deviation, which is the intended meaning. [`dlnotes.BatchNormalization`](dlnotes.layers.BatchNormalization)
uses $\varepsilon = 10^{-5}$; we set it to $10^{-300}$ here, so that $s_j = \sigma_j$ to the last
bit, to compare exactly with the note.
""", r"""
## 順伝播を一歩ずつ

$B$ 行からなるバッチの列 $j$ について（行の添字を $i$、和の添字を $k$ とする）:

$$
\begin{aligned}
\mu_j &= \frac1B\sum_{k=1}^B x_{kj}, &
u_{ij} &= x_{ij} - \mu_j, &
\sigma_j^2 &= \frac1B\sum_{k=1}^B u_{kj}^2, \\
s_j &= \sqrt{\sigma_j^2 + \varepsilon}, &
\hat x_{ij} &= \frac{u_{ij}}{s_j}, &
y_{ij} &= \gamma_j \hat x_{ij} + \beta_j .
\end{aligned}
$$

$\sigma_j^2$ は列の分散、$\sigma_j$ はその標準偏差であり、割る数 $s_j$ は分散に $\varepsilon$ を
加えてからとった標準偏差である。ノート 4.2.1.1 には $\varepsilon$ がなく、正規化した値を
$z$（本書の $\hat x$）と呼び、**分散**そのものを $\sigma_j$ と名づけている。そしてその値で
割る。すなわちノートの $z = u/\sigma_j$ である。文字どおりに読むと、出力の列の分散は本書の記法で
$\sigma_j^2/(\sigma_j^2)^2 = 1/\sigma_j^2$（つまりノートの $\sigma_j$ の逆数）となり、1 にはならない。
一方、ノートの逆伝播（4.2.1.2）は $\sigma_j$ を標準偏差として使っており、こちらが意図された意味である。
[`dlnotes.BatchNormalization`](dlnotes.layers.BatchNormalization) は $\varepsilon = 10^{-5}$ を使うが、
ここではノートと厳密に比べるために $10^{-300}$ とし、$s_j = \sigma_j$ が最後のビットまで一致するようにする。
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
s = np.sqrt(var)            # s_j with eps = 0
Xhat = u / s
Y = gamma * Xhat + beta
print("mean mu_j       ", mu)
print("variance sigma^2", var)
print("divisor s_j     ", s)
print("Xhat =\n", np.round(Xhat, 4))
print("Y =\n", np.round(Y, 4))
"""),
("code", r"""
# check: the step-by-step Xhat, the library (eps = 1e-300, the note has
#   none) and the note's literal formula (divide by the variance)
bn = BatchNormalization(gamma, beta, eps=1e-300)
print(
    "library Y equals the step-by-step Y:",
    np.allclose(bn.forward(X), Y, rtol=0, atol=1e-12),
)
print(
    "column mean of Xhat:",
    np.round(Xhat.mean(axis=0), 12) + 0.0,
    " column variance of Xhat:",
    np.round(Xhat.var(axis=0), 12),
)
Y_note, Z_note, mu_note, sigma_note = batchnorm_forward_note(X, gamma, beta)
print("note 4.2.1.1 literally: its sigma_j (our sigma_j^2) =", sigma_note)
print("  column variance of its z =", np.round(Z_note.var(axis=0), 6),
      "= 1/(its sigma_j):", np.allclose(Z_note.var(axis=0), 1 / sigma_note))
"""),
("md", r"""
### A constant column

If a feature has the same value in every row of the batch (a pixel that is always 0, a ReLU
unit that is off for the whole batch), its variance is 0 and the note's $z = u/\sigma$ is $0/0$.
With $\varepsilon$ the column simply becomes $\hat x = 0$, and then $\beta_j$ after the shift.
""", r"""
### 定数の列

ある特徴量がバッチのすべての行で同じ値をとると（つねに 0 の画素や、バッチ全体で出力が 0 の
ReLU ユニットなど）、その分散は 0 になり、ノートの $z = u/\sigma$ は $0/0$ となる。
$\varepsilon$ があれば、その列は単に $\hat x = 0$ となり、シフトの後は $\beta_j$ になる。
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
    "dlnotes (eps = 1e-5), xhat =\n",
    np.round(BatchNormalization(np.ones(2), np.zeros(2)).forward(Xc), 6),
)
"""),
("md", r"""
### One column under BN, live: batch size, $\varepsilon$ and the weight scale

Below, one feature of a fixed seeded batch of 64 examples: its pre-BN activations
$a_i = c\,(\mathbf x_i\mathbf w^\top + 0.5)$ for a unit-length weight row $\mathbf w$ and a bias
$0.5$, both scaled by $c$, and their BN outputs
$\hat x_i$ ($\gamma_j = 1$, $\beta_j = 0$), both sorted. Drag the sliders:

- **batch size $B$** uses the first $B$ rows; the output has mean 0 and variance
  $\sigma^2/(\sigma^2+\varepsilon)$ for every $B \ge 2$ (and with $B = 2$ the two outputs are always
  close to $\pm 1$, whatever the inputs).
- **weight scale $c$** stretches the left plot ($\sigma^2$ grows as $c^2$) and leaves the right plot
  where it is: BN undoes any scale of the weights before it. The readout gives the largest change
  of $\hat x$ from $c = 1$.
- **$\varepsilon$** does nothing visible while $\sigma^2 \gg \varepsilon$; when $c$ is small (or
  $\varepsilon$ large) the variance comes down to $\varepsilon$'s size and the outputs shrink towards
  0: the variance after BN is $\sigma^2/(\sigma^2+\varepsilon) < 1$.
""", r"""
### BN を通る 1 つの列（インタラクティブ）：バッチサイズ、$\varepsilon$、重みのスケール

下の図は、乱数シードを固定した 64 個のデータからなるバッチの 1 つの特徴量を示す。BN に入る前の値
$a_i = c\,(\mathbf x_i\mathbf w^\top + 0.5)$（長さ 1 の重みの行 $\mathbf w$ とバイアス
$0.5$ を、どちらも $c$ 倍したもの）と、その BN の出力
$\hat x_i$（$\gamma_j = 1$、$\beta_j = 0$）を、それぞれ小さい順に並べてある。スライダーを動かしてみよう:

- **バッチサイズ $B$** は先頭の $B$ 行を使う。$B \ge 2$ であれば、出力の平均は 0、分散は
  $\sigma^2/(\sigma^2+\varepsilon)$ である（$B = 2$ では、入力が何であっても 2 つの出力はつねに
  $\pm 1$ に近い）。
- **重みのスケール $c$** は左の図を引き伸ばす（$\sigma^2$ は $c^2$ に比例して大きくなる）が、右の図は
  動かさない。BN はその前にある重みのスケールを打ち消すのである。表示される値は、$c = 1$ のときからの
  $\hat x$ の変化のうち最大のものである。
- **$\varepsilon$** は $\sigma^2 \gg \varepsilon$ である間は目に見える効果をもたない。$c$ が小さい（または
  $\varepsilon$ が大きい）と分散が $\varepsilon$ と同程度まで下がり、出力は 0 に向かって縮む。
  BN の後の分散は $\sigma^2/(\sigma^2+\varepsilon) < 1$ である。
"""),
("code", r"""
widgets.bn_explorer()
"""),
("code", r"""
# check: the explorer's numbers (experiments.bn_explorer_state) at a few
#   settings: after-BN variance = var/(var + eps), change from c = 1
base = experiments.bn_explorer_batch()
for B_, c_, eps_ in ((16, 1.0, 1e-5), (16, 10.0, 1e-5),
                     (16, 0.01, 1e-5), (64, 0.001, 1e-5), (2, 1.0, 1e-5)):
    st = experiments.bn_explorer_state(base, B_, c_, eps_)
    print(f"B {B_:2d} c {c_:<5g} eps {eps_:g}: var before"
          f" {st['var_pre']:.4g}, after {st['var_post']:.6f}"
          f" (predicted {st['var_predicted']:.6f}),"
          f" change {st['max_change']:.2g}")
"""),
("md", r"""
## Backward pass, in the note's order

Given $\partial\mathcal L/\partial\mathbf Y$, write $g_{ij} = \partial\mathcal L/\partial y_{ij}$. The
note's backward pass walks back through a dependency graph whose figure is missing from the note
(its text says 「この図で」, "in this figure"). Here it is for one column $j$: row $i$, whose
$x_{ij}$ we differentiate by, and any other row $k \ne i$. The mean $\mu_j$ and the variance
$\sigma_j^2$ are shared by all rows, so $x_{ij}$ reaches the outputs $y_{kj}$ of **every** row through
them; each edge carries its local derivative.
""", r"""
## ノートの順序で逆伝播

$\partial\mathcal L/\partial\mathbf Y$ が与えられたとして、$g_{ij} = \partial\mathcal L/\partial y_{ij}$ と書く。
ノートの逆伝播は依存関係のグラフを後ろ向きにたどるが、その図はノートに載っていない（本文には
「この図で」とある）。ここでは 1 つの列 $j$ について、微分する変数 $x_{ij}$ をもつ行 $i$ と、それ以外の
任意の行 $k \ne i$ を描く。平均 $\mu_j$ と分散 $\sigma_j^2$ はすべての行で共有されるので、$x_{ij}$ は
それらを通って**すべての**行の出力 $y_{kj}$ に届く。各辺にはその局所的な微分係数を添えてある。
"""),
("code", r"""
plots.bn_graph()
""", {"alt": "A graph of one batch-norm column. Row i: x_ij points to mu_j (1/B) and to u_ij (1); mu_j points to u_ij and to u_kj of every other row k (-1); u_ij and u_kj point to sigma_j^2 (2u/B) and to their own normalized values x-hat (1/s_j); sigma_j^2 points to both x-hat values (-u/(2 s_j^3)); each x-hat points to its output y (gamma_j), and gamma_j and beta_j point to both outputs. x_kj also feeds mu_j (dashed).", "alt_ja": "バッチ正規化の 1 つの列の計算グラフ。行 i では x_ij から mu_j（1/B）と u_ij（1）へ矢印が出る。mu_j からは u_ij と、ほかのすべての行 k の u_kj へ矢印が出る（-1）。u_ij と u_kj からは sigma_j^2（2u/B）と、それぞれの正規化された値 x-hat（1/s_j）へ矢印が出る。sigma_j^2 からは両方の x-hat へ矢印が出る（-u/(2 s_j^3)）。各 x-hat はそれぞれの出力 y へ（gamma_j）、gamma_j と beta_j は両方の出力へ矢印を出す。x_kj も mu_j に入る（破線）。"}),
("code", r"""
# check: the paths the chain rule sums over (experiments.BN_GRAPH_EDGES)
for end in ("y_i", "y_k"):
    paths = experiments.bn_graph_paths("x_i", end)
    print(f"x_ij -> {end[0]}_{end[2]}j: {len(paths)} paths")
    for p in paths:
        print("   ", " -> ".join(p))
"""),
("md", r"""
Follow the graph backwards, one node at a time. Each node's gradient is the sum, over its
outgoing edges, of (gradient of the edge's head) × (the edge's local derivative):

1. **$\hat x$, $\gamma_j$, $\beta_j$.** $y_{ij} = \gamma_j\hat x_{ij} + \beta_j$, so

   $$
   \frac{\partial\mathcal L}{\partial\hat x_{ij}} = \gamma_j g_{ij},\qquad
   \frac{\partial\mathcal L}{\partial\gamma_j} = \sum_k g_{kj}\hat x_{kj},\qquad
   \frac{\partial\mathcal L}{\partial\beta_j} = \sum_k g_{kj}.
   $$

2. **$\sigma_j^2$** feeds every $\hat x_{kj} = u_{kj}(\sigma_j^2+\varepsilon)^{-1/2}$, with
   $\partial\hat x_{kj}/\partial\sigma_j^2 = -\tfrac12 u_{kj}(\sigma_j^2+\varepsilon)^{-3/2} = -u_{kj}/(2s_j^3)$:

   $$
   \frac{\partial\mathcal L}{\partial\sigma_j^2} = -\frac{1}{2s_j^3}\sum_k \frac{\partial\mathcal L}{\partial\hat x_{kj}}\,u_{kj}
   = -\frac{1}{2s_j^2}\sum_k \frac{\partial\mathcal L}{\partial\hat x_{kj}}\,\hat x_{kj}.
   $$

3. **$u_{ij}$** has two outgoing edges: to its own $\hat x_{ij}$ (derivative $1/s_j$, $\sigma_j^2$ held
   fixed) and to $\sigma_j^2 = \frac1B\sum_k u_{kj}^2$ (derivative $2u_{ij}/B$):

   $$
   \frac{\partial\mathcal L}{\partial u_{ij}} = \frac{1}{s_j}\frac{\partial\mathcal L}{\partial\hat x_{ij}}
   + \frac{2u_{ij}}{B}\frac{\partial\mathcal L}{\partial\sigma_j^2}.
   $$

   (The second term already holds every $\hat x_{kj}$, through the sum in step 2.)

4. **$\mu_j$** feeds every $u_{kj} = x_{kj} - \mu_j$ (derivative $-1$). Since $\sum_k u_{kj} = 0$, the
   $\sigma_j^2$ terms cancel:

   $$
   \frac{\partial\mathcal L}{\partial\mu_j} = -\sum_k\frac{\partial\mathcal L}{\partial u_{kj}}
   = -\frac{1}{s_j}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}
   - \frac{2}{B}\frac{\partial\mathcal L}{\partial\sigma_j^2}\sum_k u_{kj}
   = -\frac{1}{s_j}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}.
   $$

5. **$x_{ij}$** feeds $u_{ij}$ (derivative 1) and $\mu_j$ (derivative $1/B$):

   $$
   \frac{\partial\mathcal L}{\partial x_{ij}} = \frac{\partial\mathcal L}{\partial u_{ij}} + \frac1B\frac{\partial\mathcal L}{\partial\mu_j}.
   $$

**Combine.** Put step 2 into step 3, using $u_{ij}/s_j = \hat x_{ij}$:
$\frac{2u_{ij}}{B}\cdot\bigl(-\frac{1}{2s_j^2}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}\bigr)
= -\frac{\hat x_{ij}}{s_j}\cdot\frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}$.
Add step 4 divided by $B$, and replace $\partial\mathcal L/\partial\hat x_{kj}$ by $\gamma_j g_{kj}$
(step 1):

$$
\begin{aligned}
\frac{\partial\mathcal L}{\partial x_{ij}}
&= \frac{1}{s_j}\Bigl[\frac{\partial\mathcal L}{\partial\hat x_{ij}}
- \frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}
- \hat x_{ij}\,\frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}\Bigr] \\
&= \frac{\gamma_j}{s_j}\Bigl(g_{ij} - \operatorname{mean}_k g_{kj}
- \hat x_{ij}\operatorname{mean}_k\bigl(g_{kj}\hat x_{kj}\bigr)\Bigr).
\end{aligned}
$$

With step 1's sums this is the note's final form,
$\frac{\gamma_j}{s_j}\bigl[g_{ij} - \frac1B\bigl(\hat x_{ij}\,\frac{\partial\mathcal L}{\partial\gamma_j} + \frac{\partial\mathcal L}{\partial\beta_j}\bigr)\bigr]$,
and for the whole batch, with $\mathbf G = \partial\mathcal L/\partial\mathbf Y$ and $\hat{\mathbf X}$
the matrix of $\hat x_{ij}$,

$$
\frac{\partial\mathcal L}{\partial\mathbf X} = \Bigl(\mathbf 1_B\,\frac{\boldsymbol\gamma}{\mathbf s}\Bigr)\circ
\Bigl[\mathbf G - \frac1B\Bigl\{\hat{\mathbf X}\circ\bigl(\mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\boldsymbol\gamma}\bigr) + \mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\boldsymbol\beta}\Bigr\}\Bigr]
$$

(the note's matrix form, [`dlnotes.notes.batchnorm_backward_note`](dlnotes.notes.batchnorm_backward_note),
with its $\sigma$ read as our $\mathbf s$). `BatchNormalization.backward` computes the
middle expression above in one line. Two things make it short: the mean path contributes only
$-\operatorname{mean}_k g_{kj}$, and each column of $\partial\mathcal L/\partial\mathbf X$ sums to 0
(shifting a whole column changes nothing after BN).

Below, `experiments.bn_backward_steps` computes every intermediate gradient exactly as steps 1-5
say, and `experiments.bn_intermediate_numeric` gets each one by central differences, treating
that node as a free input and recomputing everything after it along the graph. The loss is
$\mathcal L = \sum \mathbf G\circ\mathbf Y$ for a fixed random $\mathbf G$, so that
$\partial\mathcal L/\partial\mathbf Y = \mathbf G$.
""", r"""
グラフを後ろから 1 ノードずつたどる。各ノードの勾配は、そのノードから出るすべての辺について
（辺の行き先の勾配）×（その辺の局所的な微分係数）を足し合わせたものである:

1. **$\hat x$、$\gamma_j$、$\beta_j$。** $y_{ij} = \gamma_j\hat x_{ij} + \beta_j$ なので

   $$
   \frac{\partial\mathcal L}{\partial\hat x_{ij}} = \gamma_j g_{ij},\qquad
   \frac{\partial\mathcal L}{\partial\gamma_j} = \sum_k g_{kj}\hat x_{kj},\qquad
   \frac{\partial\mathcal L}{\partial\beta_j} = \sum_k g_{kj}.
   $$

2. **$\sigma_j^2$** はすべての $\hat x_{kj} = u_{kj}(\sigma_j^2+\varepsilon)^{-1/2}$ に入り、
   $\partial\hat x_{kj}/\partial\sigma_j^2 = -\tfrac12 u_{kj}(\sigma_j^2+\varepsilon)^{-3/2} = -u_{kj}/(2s_j^3)$ であるから:

   $$
   \frac{\partial\mathcal L}{\partial\sigma_j^2} = -\frac{1}{2s_j^3}\sum_k \frac{\partial\mathcal L}{\partial\hat x_{kj}}\,u_{kj}
   = -\frac{1}{2s_j^2}\sum_k \frac{\partial\mathcal L}{\partial\hat x_{kj}}\,\hat x_{kj}.
   $$

3. **$u_{ij}$** から出る辺は 2 本ある。自身の $\hat x_{ij}$ への辺（$\sigma_j^2$ を固定したときの
   微分係数 $1/s_j$）と、$\sigma_j^2 = \frac1B\sum_k u_{kj}^2$ への辺（微分係数 $2u_{ij}/B$）である:

   $$
   \frac{\partial\mathcal L}{\partial u_{ij}} = \frac{1}{s_j}\frac{\partial\mathcal L}{\partial\hat x_{ij}}
   + \frac{2u_{ij}}{B}\frac{\partial\mathcal L}{\partial\sigma_j^2}.
   $$

   （第 2 項には、ステップ 2 の和を通して、すでにすべての $\hat x_{kj}$ が含まれている。）

4. **$\mu_j$** はすべての $u_{kj} = x_{kj} - \mu_j$ に入る（微分係数 $-1$）。$\sum_k u_{kj} = 0$ なので、
   $\sigma_j^2$ の項は消える:

   $$
   \frac{\partial\mathcal L}{\partial\mu_j} = -\sum_k\frac{\partial\mathcal L}{\partial u_{kj}}
   = -\frac{1}{s_j}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}
   - \frac{2}{B}\frac{\partial\mathcal L}{\partial\sigma_j^2}\sum_k u_{kj}
   = -\frac{1}{s_j}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}.
   $$

5. **$x_{ij}$** は $u_{ij}$（微分係数 1）と $\mu_j$（微分係数 $1/B$）に入る:

   $$
   \frac{\partial\mathcal L}{\partial x_{ij}} = \frac{\partial\mathcal L}{\partial u_{ij}} + \frac1B\frac{\partial\mathcal L}{\partial\mu_j}.
   $$

**まとめる。** $u_{ij}/s_j = \hat x_{ij}$ を使ってステップ 2 をステップ 3 に代入すると $\frac{2u_{ij}}{B}\cdot\bigl(-\frac{1}{2s_j^2}\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}\bigr)
= -\frac{\hat x_{ij}}{s_j}\cdot\frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}$ となる。
これにステップ 4 を $B$ で割ったものを加え、$\partial\mathcal L/\partial\hat x_{kj}$ を
$\gamma_j g_{kj}$ で置き換える（ステップ 1）と

$$
\begin{aligned}
\frac{\partial\mathcal L}{\partial x_{ij}}
&= \frac{1}{s_j}\Bigl[\frac{\partial\mathcal L}{\partial\hat x_{ij}}
- \frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}
- \hat x_{ij}\,\frac1B\sum_k\frac{\partial\mathcal L}{\partial\hat x_{kj}}\hat x_{kj}\Bigr] \\
&= \frac{\gamma_j}{s_j}\Bigl(g_{ij} - \operatorname{mean}_k g_{kj}
- \hat x_{ij}\operatorname{mean}_k\bigl(g_{kj}\hat x_{kj}\bigr)\Bigr).
\end{aligned}
$$

ステップ 1 の和を使うと、これはノートの最終形
$\frac{\gamma_j}{s_j}\bigl[g_{ij} - \frac1B\bigl(\hat x_{ij}\,\frac{\partial\mathcal L}{\partial\gamma_j} + \frac{\partial\mathcal L}{\partial\beta_j}\bigr)\bigr]$
になる。バッチ全体では、$\mathbf G = \partial\mathcal L/\partial\mathbf Y$ とし、$\hat x_{ij}$ を並べた行列を
$\hat{\mathbf X}$ として

$$
\frac{\partial\mathcal L}{\partial\mathbf X} = \Bigl(\mathbf 1_B\,\frac{\boldsymbol\gamma}{\mathbf s}\Bigr)\circ
\Bigl[\mathbf G - \frac1B\Bigl\{\hat{\mathbf X}\circ\bigl(\mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\boldsymbol\gamma}\bigr) + \mathbf 1_B\,\tfrac{\partial\mathcal L}{\partial\boldsymbol\beta}\Bigr\}\Bigr]
$$

となる（ノートの行列形式で、[`dlnotes.notes.batchnorm_backward_note`](dlnotes.notes.batchnorm_backward_note)
にあたる。ただしノートの $\sigma$ を本書の $\mathbf s$ と読む）。`BatchNormalization.backward` は
上の等式の真ん中の式（角括弧の形）を 1 行で計算する。これが短く書ける理由は 2 つある。平均の経路の寄与は
$-\operatorname{mean}_k g_{kj}$ だけであること、そして $\partial\mathcal L/\partial\mathbf X$ の各列の和が 0
になること（列全体を同じだけずらしても、BN の後では何も変わらない）である。

以下では、`experiments.bn_backward_steps` がステップ 1〜5 のとおりに途中の勾配をすべて計算し、
`experiments.bn_intermediate_numeric` がそれぞれを中心差分で求める。後者は、そのノードを自由な入力と
みなし、グラフに沿ってそれより後をすべて計算し直す。損失は、固定した乱数の $\mathbf G$ を用いて
$\mathcal L = \sum \mathbf G\circ\mathbf Y$ とし、
$\partial\mathcal L/\partial\mathbf Y = \mathbf G$ となるようにする。
"""),
("code", r"""
rng = np.random.default_rng(0)
Xr = rng.normal(3.0, 2.0, size=(6, 4))
g_, b_ = rng.normal(size=4), rng.normal(size=4)
G = rng.normal(size=(6, 4))  # dL/dY for L = sum(G * Y)
eps = 1e-5
steps = experiments.bn_backward_steps(Xr, g_, G, eps=eps)
numeric_steps = experiments.bn_intermediate_numeric(Xr, g_, b_, G, eps=eps)
layer = BatchNormalization(g_, b_, eps=eps)
layer.forward(Xr)
dX_layer = layer.backward(G)  # the closed form
"""),
("code", r"""
# check: each intermediate gradient of steps 1-5 against its numerical
#   gradient, and dL/dX against BatchNormalization.backward (max rel. err.)
for key, what in (("dxhat", "1. dL/dxhat   "), ("dsigma2", "2. dL/dsigma^2"),
                  ("du", "3. dL/du      "), ("dmu", "4. dL/dmu     "),
                  ("dx", "5. dL/dx      ")):
    err = relative_error(steps[key], numeric_steps[key])
    print(f"{what} step by step vs numerical: {err:.0e}")
print("dL/dx step by step vs closed form (layer):",
      f"{relative_error(steps['dx'], dX_layer):.0e}")
print("dgamma, dbeta step by step vs layer:",
      np.allclose(steps["dgamma"], layer.dgamma, rtol=1e-13),
      np.allclose(steps["dbeta"], layer.dbeta, rtol=1e-13))
print("each column of dL/dX sums to 0:",
      np.allclose(dX_layer.sum(axis=0), 0, atol=1e-12))
"""),
("md", r"""
The same with $\varepsilon = 10^{-300}$ (so $s_j = \sigma_j$), against the note's own chain, line by
line, and its final matrix formula:
""", r"""
$\varepsilon = 10^{-300}$（したがって $s_j = \sigma_j$）として同じ確認を行う。比べる相手は、ノート自身の
連鎖律の計算を 1 行ずつ再現したものと、ノートの最終的な行列の式である:
"""),
("code", r"""
B = Xr.shape[0]
layer = BatchNormalization(g_, b_, eps=1e-300)
# the note's chain, line by line (its sigma = our s = standard deviation)
mu = Xr.mean(axis=0)
u = Xr - mu
sigma = np.sqrt(np.mean(u**2, axis=0))
Xh = u / sigma
dXh = g_ * G
dvar = -0.5 / sigma ** 3 * np.sum(dXh * u, axis=0)     # dL/d(sigma^2)
du = dXh / sigma + 2.0 / B * u * dvar                  # dL/du
dmu = -np.sum(du, axis=0)                              # dL/dmu
dX_chain = du + dmu / B                                # dL/dx
dgamma, dbeta = np.sum(G * Xh, axis=0), np.sum(G, axis=0)

numeric = numerical_gradient(
    lambda _: float(np.sum(G * layer.forward(Xr))), Xr
)
layer.forward(Xr)  # re-run: the last numerical call cached a perturbed x
dX_layer = layer.backward(G)
dX_matrix = batchnorm_backward_note(G, Xh, g_, sigma)
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
    lambda _: float(np.sum(G * layer.forward(Xr))), layer.gamma
)
num_beta = numerical_gradient(
    lambda _: float(np.sum(G * layer.forward(Xr))), layer.beta
)
layer.forward(Xr); layer.backward(G)
print(
    "dgamma, dbeta:",
    f"{relative_error(layer.dgamma, num_gamma):.1e}",
    f"{relative_error(layer.dbeta, num_beta):.1e}",
)
print(
    "dgamma, dbeta equal to the note's sums:",
    np.allclose(layer.dgamma, dgamma) and np.allclose(layer.dbeta, dbeta),
)
"""),
("md", r"""
The final formula is right **when the note's $\sigma$ is read as the standard deviation** (our
$s_j$). Three places of the note, read literally, give wrong numbers (its own symbols):

<!-- note-notation -->
1. With $\sigma_j$ the variance (4.2.1.1's definition) plugged into the same formula, the result
   is not the gradient of the literal forward pass $z = u/\sigma_j$.
2. The first line of the final summation ("以上をまとめると") writes $\partial\mathcal L/\partial x$
   equal to the expression of $\partial\mathcal L/\partial u$ only; the mean's term
   $-\frac{1}{Bs_j}\sum_k \partial\mathcal L/\partial\hat x_{kj}$ appears only in the next line.
3. The intermediate step computes a total derivative $\partial\hat x_{kj}/\partial u_{kj}$ (the note's
   $\partial z_j^{(k)}/\partial u_j^{(k)}$) that follows the variance path of $\hat x_{kj}$ only, and then
   concludes "∴" the formula for $\partial\mathcal L/\partial u_{kj}$. That conclusion is right (it is
   step 3 above), but it does not follow from the line before: $u_{kj}$ changes the variance,
   which changes **every** $\hat x_{lj}$, and $\partial\mathcal L/\partial\sigma_j^2$ sums over all of
   them. Multiplying the written $\partial\hat x_{kj}/\partial u_{kj}$ by
   $\partial\mathcal L/\partial\hat x_{kj}$ gives a different number. (The line before it also
   writes $\sigma_j = \frac1B\sum_k u_{kj}^2 \Rightarrow \partial\sigma_j^2/\partial u_{kj} =
   \frac2B u_{kj}$; it should start from $\sigma_j^2 = \frac1B\sum_k u_{kj}^2$.)
""", r"""
最終的な式は、**ノートの $\sigma$ を標準偏差（本書の $s_j$）と読めば**正しい。ノートの 3 か所は、
文字どおりに読むと誤った値を与える（記号はノートのもの）:

<!-- note-notation -->
1. 分散としての $\sigma_j$（4.2.1.1 の定義）を同じ式に代入すると、その結果は文字どおりの順伝播
   $z = u/\sigma_j$ の勾配にならない。
2. 最後のまとめ（「以上をまとめると」）の 1 行目は、$\partial\mathcal L/\partial x$ を
   $\partial\mathcal L/\partial u$ の式だけに等しいとしている。平均の項
   $-\frac{1}{Bs_j}\sum_k \partial\mathcal L/\partial\hat x_{kj}$ は次の行で初めて現れる。
3. 途中のステップでは、$\hat x_{kj}$ の分散の経路だけをたどった全微分 $\partial\hat x_{kj}/\partial u_{kj}$（ノートの
   $\partial z_j^{(k)}/\partial u_j^{(k)}$）を計算し、そこから「∴」で $\partial\mathcal L/\partial u_{kj}$ の式を
   結論している。その結論自体は正しい（上のステップ 3 である）が、直前の行からは導かれない。$u_{kj}$ は
   分散を変え、分散は**すべての** $\hat x_{lj}$ を変えるので、$\partial\mathcal L/\partial\sigma_j^2$ はそれら
   すべてにわたる和になる。書かれた $\partial\hat x_{kj}/\partial u_{kj}$ に
   $\partial\mathcal L/\partial\hat x_{kj}$ を掛けても、別の値になる。（その前の行でも $\sigma_j = \frac1B\sum_k u_{kj}^2 \Rightarrow \partial\sigma_j^2/\partial u_{kj} =
   \frac2B u_{kj}$ と書いているが、$\sigma_j^2 = \frac1B\sum_k u_{kj}^2$ から始めるべきである。）
"""),
("code", r"""
# check: the three literal readings, each against numerical gradients
# 1. variance in place of the standard deviation
Yn, Zn, _, var_n = batchnorm_forward_note(Xr, g_, b_)
num_literal = numerical_gradient(
    lambda _: float(np.sum(G * batchnorm_forward_note(Xr, g_, b_)[0])), Xr
)
dX_literal = batchnorm_backward_note(G, Zn, g_, var_n)
print(
    "1. sigma = variance in the formula, vs gradient of z = u/variance:\n  ",
    f"{relative_error(dX_literal, num_literal):.2f}",
)
# 2. the first line of the summary, without the mean's term
first_line = dXh / sigma - (1 / sigma) * Xh / B * np.sum(dXh * Xh, axis=0)
print(
    "2. first summary line vs true dL/dX:",
    f"{relative_error(first_line, numeric):.2f}",
    "  (it equals dL/du:",
    np.allclose(first_line, du),
    ")",
)
# 3. dL/du from the written dxhat(k)/du(k) only, vs numerical dL/du (u
#   treated as free variables)
L_of_u = lambda uu: float(
    np.sum(G * (g_ * uu / np.sqrt(np.mean(uu**2, axis=0)) + b_))
)
U = u.copy()
num_du = numerical_gradient(L_of_u, U)
du_single = dXh * (1 / sigma + 2.0 / B * u * (-u / (2 * sigma ** 3)))
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
formula gives $0/0$, and even with $\varepsilon$ every input maps to $\beta_j$. With batch
statistics the output for one example would also depend on which other examples share its
batch; in a batch of two, each column of the output is always $\pm 1$, whatever the values.
""", r"""
## 学習と推論

学習時の $\mu_j$ と $\sigma_j^2$ は現在のミニバッチの統計量であり、レイヤはそれらの指数移動平均も
保持している（`running_mean = 0.9 * running_mean + 0.1 * mu`。分散も同様）。推論時
（`train_flg=False`）にはこの移動平均を使い、テストバッチからは何も計算しない。ノートは推論時に
統計量を列ごとに計算するとしているが、実際にはそうしないし、データが 1 個ではそもそも成り立たない。
1 個だけのバッチは分散が 0 なので、ノートの式は $0/0$ を与え、$\varepsilon$ を加えてもすべての入力が
$\beta_j$ に写される。しかもバッチの統計量を使うと、あるデータに対する出力が、同じバッチにほかの
どのデータが入っているかで変わってしまう。2 個のバッチでは、値が何であっても出力の各列はつねに
$\pm 1$ になる。
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
""", r"""
## 深いネットワークの活性化：BN ありとなし

100 ユニットのシグモイド層を 5 つ重ね、1000 個のランダムな入力を与える（書籍の第 6 章の実験）。重みの
標準偏差が 1 だと活性化関数への入力が大きくなり、シグモイドの出力は勾配が消える 0 と 1 の付近に
集まる。0.01 だと出力はすべて 0.5 付近に縮まり、ユニットどうしの区別がつかなくなる。各活性化関数の
前に BN を入れると、どの深さでも、どちらのスケールでも、出力の広がりは同じになる。
"""),
("code", r"""
plots.activation_histograms()
""", {"alt": "A grid of histograms of the sigmoid outputs of five layers (rows) for four settings (columns): weight std 1 without BN piles up at 0 and 1, std 0.01 without BN collapses near 0.5, and with BN both spread the same way at every layer.", "alt_ja": "5 つの層（行）のシグモイド出力のヒストグラムを、4 つの設定（列）について並べた図。BN なしで重みの標準偏差が 1 のときは出力が 0 と 1 に集まり、標準偏差 0.01 では 0.5 付近に縮まる。BN ありでは、どちらもすべての層で同じように広がる。"}),
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
this budget; with BN most do. At both ends of the range BN is slower: for large scales the next
section says why (it applies to the layers that BN follows; the output layer has none).
""", r"""
## 重みのスケールを変えた学習

書籍の小さなグラフを並べた図（図 6-19）を、手書き数字のデータで再現する。64-30-30-30-30-10 の ReLU
ネットワーク、訓練画像 400 枚、学習率 0.1 の素朴な SGD、ミニバッチ 40、6 エポックという設定で、
重みの初期値のスケールを 6 通りに変える。BN なしでは、この学習量で何かを学習できるのは狭い範囲の
スケールだけだが、BN ありではほとんどのスケールで学習が進む。範囲の両端では BN ありのほうが遅い。
大きなスケールで遅い理由は次の節で述べる（その理由は後ろに BN が置かれた層に当てはまり、出力層の
後ろには BN がない）。
"""),
("code", r"""
runs = experiments.bn_training_runs()
plots.bn_scale_grid(runs)
""", {"alt": "Six small plots, one per weight-initialisation standard deviation, of training accuracy per epoch with BN (solid) and without (dashed): without BN only a narrow band of scales learns in 6 epochs, with BN most do.", "alt_ja": "重みの初期値の標準偏差ごとに 1 枚ずつ、計 6 枚の小さなグラフ。エポックごとの訓練データの正解率を BN あり（実線）と BN なし（破線）で示す。BN なしでは 6 エポックで学習が進むのは狭い範囲のスケールだけで、BN ありではほとんどのスケールで学習が進む。"}),
("code", r"""
# check: training accuracy after 6 epochs for each weight scale
for scale, r in runs.items():
    print(
        f"std {scale:<5}  BN {r['BN']['train_acc'][-1]:.4f}   no BN"
        f" {r['no BN']['train_acc'][-1]:.4f}"
    )
"""),
("md", r"""
### Why large weights learn slowly under BN: scale invariance

Put BN right after an Affine layer, $\mathbf A = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$. Scaling
the weights by $c > 0$ scales every column of $\mathbf A$ by $c$; BN subtracts the column mean (the
bias drops out too) and divides by the column standard deviation, which is also multiplied by
$c$. So, up to $\varepsilon$, the output and the loss do not change: $\mathcal L(c\mathbf W) =
\mathcal L(\mathbf W)$. Differentiate both sides with respect to $\mathbf W$: by the chain rule
$c\,\nabla\mathcal L(c\mathbf W) = \nabla\mathcal L(\mathbf W)$, that is

$$
\nabla\mathcal L(c\mathbf W) = \frac1c\,\nabla\mathcal L(\mathbf W),\qquad
\frac{\lVert\eta\,\nabla\mathcal L(c\mathbf W)\rVert}{\lVert c\mathbf W\rVert}
= \frac{1}{c^2}\,\frac{\lVert\eta\,\nabla\mathcal L(\mathbf W)\rVert}{\lVert\mathbf W\rVert}.
$$

The gradient is **inversely** proportional to the weights' scale, and an SGD step relative to the
weights' size falls as $1/c^2$: ten times larger weights move a hundred times more slowly, in
relative terms, at the same learning rate $\eta$. (The gradient is also orthogonal to
$\mathbf W$, since moving along $\mathbf W$ only rescales it.) Measured with an Affine layer
($8 \to 4$, a batch of 32) followed by `BatchNormalization` ($\varepsilon = 10^{-5}$), loss
$\sum\mathbf G\circ\mathbf Y$ and $\eta = 0.1$:
""", r"""
### BN のもとで大きな重みの学習が遅い理由：スケール不変性

Affine 層 $\mathbf A = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ の直後に BN を置く。重みを
$c > 0$ 倍すると、$\mathbf A$ のすべての列が $c$ 倍になる。BN は列の平均を引き（バイアスもここで
消える）、列の標準偏差で割るが、その標準偏差も $c$ 倍になっている。したがって $\varepsilon$ の影響を
除けば、出力も損失も変わらない。つまり $\mathcal L(c\mathbf W) =
\mathcal L(\mathbf W)$ である。両辺を $\mathbf W$ で微分すると、連鎖律により
$c\,\nabla\mathcal L(c\mathbf W) = \nabla\mathcal L(\mathbf W)$、すなわち

$$
\nabla\mathcal L(c\mathbf W) = \frac1c\,\nabla\mathcal L(\mathbf W),\qquad
\frac{\lVert\eta\,\nabla\mathcal L(c\mathbf W)\rVert}{\lVert c\mathbf W\rVert}
= \frac{1}{c^2}\,\frac{\lVert\eta\,\nabla\mathcal L(\mathbf W)\rVert}{\lVert\mathbf W\rVert}.
$$

勾配は重みのスケールに**反比例**し、重みの大きさに対する SGD の 1 ステップの比は $1/c^2$ に
比例して小さくなる。同じ学習率 $\eta$ なら、10 倍大きい重みは相対的に 100 倍ゆっくりしか動かない。
（$\mathbf W$ の方向に動いてもそのスケールが変わるだけなので、勾配は
$\mathbf W$ に直交してもいる。）Affine 層（$8 \to 4$、バッチ 32）の後に `BatchNormalization`
（$\varepsilon = 10^{-5}$）を置き、損失を $\sum\mathbf G\circ\mathbf Y$、$\eta = 0.1$ として
測った結果は次のとおりである:
"""),
("code", r"""
# check: scale invariance under BN: loss unchanged, gradient norm x c and
#   relative step x c^2 constant (experiments.bn_scale_invariance)
rows = experiments.bn_scale_invariance(scales=(1.0, 2.0, 4.0, 10.0))
for r in rows:
    print(f"c = {r['c']:<4g} loss {r['loss']:.5f}"
          f"  |grad| {r['grad_norm']:8.4f}"
          f"  c|grad| {r['grad_norm_times_c']:.4f}"
          f"  rel. step {r['rel_step']:.6f}"
          f"  x c^2 {r['rel_step_times_c2']:.5f}")
spread = max(abs(r["grad_norm_times_c"] / rows[0]["grad_norm_times_c"] - 1)
             for r in rows)
print(f"largest relative deviation of c|grad| from c = 1: {spread:.0e}"
      " (from eps)")
"""),
("md", r"""
## Exercises

**1.** Normalise the columns of the batch below over the batch (mean 0, variance 1, no
$\varepsilon$), as the corrected 4.2.1.1 does. Use numpy only.
""", r"""
## 演習

**1.** 下のバッチの各列を、訂正したノート 4.2.1.1 のとおりにバッチ全体で正規化せよ（平均 0、分散 1、
$\varepsilon$ なし）。NumPy だけを使うこと。
"""),
("code", r"""
x_ex = np.array([[2.0, 0.0], [4.0, 3.0], [9.0, 3.0], [1.0, 6.0]])
xhat_ex = ...              # x_ex normalised column by column
_ = exercises.check_bn_normalized(xhat_ex, x_ex)
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
xhat_ex = (x_ex - x_ex.mean(axis=0)) / x_ex.std(axis=0)
```
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
分散を 1 にするには、標準偏差、つまり分散の平方根で割る必要がある。
:::

:::{admonition} 解答例
:class: dropdown
```python
xhat_ex = (x_ex - x_ex.mean(axis=0)) / x_ex.std(axis=0)
```
:::
"""),
("md", r"""
**2.** Write `backward(dout, x, gamma)` returning $\partial\mathcal L/\partial\mathbf X$ for
$y_{ij} = \gamma_j\,(x_{ij} - \mu_j)/s_j + \beta_j$ with batch statistics and no $\varepsilon$ (so $s_j = \sqrt{\sigma_j^2}$),
from the final formula above. The checker compares it with numerical gradients on a random
batch.
""", r"""
**2.** バッチの統計量を使い、$\varepsilon$ なし（したがって $s_j = \sqrt{\sigma_j^2}$）の
$y_{ij} = \gamma_j\,(x_{ij} - \mu_j)/s_j + \beta_j$ について $\partial\mathcal L/\partial\mathbf X$ を返す関数
`backward(dout, x, gamma)` を、上の最終的な式をもとに書け。チェッカーはランダムなバッチ上で数値勾配と
比較する。
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
Write $\hat x_{ij} = (x_{ij} - \mu_j)/s_j$ and $\partial\mathcal L/\partial\hat x = \gamma \cdot$ `dout`. Besides the direct path, $x$ reaches the loss through $\mu_j$ and through $\sigma_j^2$; each adds a column mean.
:::

:::{admonition} Worked answer
:class: dropdown
$\partial\mathcal L/\partial x_{ij} = \frac{1}{s_j}\left(d_{ij} - \overline{d}_j - \hat x_{ij}\,\overline{(d\hat x)}_j\right)$ with $d = \gamma\cdot$`dout`, the bars being column means:

```python
def backward(dout, x, gamma):
    sigma = x.std(axis=0)
    xhat = (x - x.mean(axis=0)) / sigma
    d = gamma * dout
    return (d - d.mean(axis=0) - xhat * (d * xhat).mean(axis=0)) / sigma
```
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$\hat x_{ij} = (x_{ij} - \mu_j)/s_j$、$\partial\mathcal L/\partial\hat x = \gamma \cdot$ `dout` と書く。直接の経路のほかに、$x$ は $\mu_j$ と $\sigma_j^2$ を通っても損失に届き、そのそれぞれが列の平均を 1 つずつ加える。
:::

:::{admonition} 解答例
:class: dropdown
$d = \gamma\cdot$`dout` とし、上線で列の平均を表すと $\partial\mathcal L/\partial x_{ij} = \frac{1}{s_j}\left(d_{ij} - \overline{d}_j - \hat x_{ij}\,\overline{(d\hat x)}_j\right)$ である:

```python
def backward(dout, x, gamma):
    sigma = x.std(axis=0)
    xhat = (x - x.mean(axis=0)) / sigma
    d = gamma * dout
    return (d - d.mean(axis=0) - xhat * (d * xhat).mean(axis=0)) / sigma
```
:::
"""),
("md", r"""
**3.** The weights before a BN layer have become small, and one column's variance over the batch
is only $\sigma_j^2 = 4\times10^{-5}$. BN uses $\varepsilon = 10^{-5}$ (`dlnotes`' default),
$\gamma_j = 1$, $\beta_j = 0$. What is the variance of the column $\hat x_{\cdot j}$ after BN?
(Try it in the explorer above: a small $c$ does the same.)
""", r"""
**3.** BN 層の前の重みが小さくなり、ある列のバッチ全体での分散が $\sigma_j^2 = 4\times10^{-5}$ しかない。
BN は $\varepsilon = 10^{-5}$（`dlnotes` の既定値）、$\gamma_j = 1$、$\beta_j = 0$ を使う。BN の後の列
$\hat x_{\cdot j}$ の分散はいくらか。（上のインタラクティブな図で試してみよう。小さな $c$ でも同じことが起こる。）
"""),
("code", r"""
answer = ...                           # replace with your answer
_ = exercises.check_bn_output_variance(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_bn_output_variance)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
$\hat x_{ij} = u_{ij}/s_j$ with $s_j^2 = \sigma_j^2 + \varepsilon$, and dividing by $s_j$ divides the variance by $s_j^2$.
:::

:::{admonition} Worked answer
:class: dropdown
$\sigma_j^2/(\sigma_j^2+\varepsilon) = 4\times10^{-5}/(5\times10^{-5}) = 0.8$: `answer = 0.8`. With
$\sigma_j^2 \gg \varepsilon$ it is 1 to many digits; here $\varepsilon$ takes a fifth.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$s_j^2 = \sigma_j^2 + \varepsilon$ として $\hat x_{ij} = u_{ij}/s_j$ であり、$s_j$ で割ると分散は $s_j^2$ で割られる。
:::

:::{admonition} 解答例
:class: dropdown
$\sigma_j^2/(\sigma_j^2+\varepsilon) = 4\times10^{-5}/(5\times10^{-5}) = 0.8$ なので `answer = 0.8` である。
$\sigma_j^2 \gg \varepsilon$ なら何桁にもわたって 1 に等しいが、ここでは $\varepsilon$ が 5 分の 1 を奪う。
:::
"""),
("md", r"""
## Closing note: the BN gradient check, and what to correct in note 4.2.1

**Gradient check:** every intermediate gradient of the backward pass
($\partial\mathcal L/\partial\hat x$, $\partial\mathcal L/\partial\sigma^2$, $\partial\mathcal L/\partial u$,
$\partial\mathcal L/\partial\mu$, $\partial\mathcal L/\partial x$), computed node by node along the
graph, agrees with central differences to a few times $10^{-9}$ or better, and the node-by-node
$\partial\mathcal L/\partial\mathbf X$ equals the closed form of `BatchNormalization.backward` to
rounding (check cell "each intermediate gradient"). The note's backward formula (with its $\sigma$
read as the standard deviation) agrees with central differences to a maximum relative error of
about $10^{-9}$ on a $6\times 4$ batch; so do the library's compact form and
$\partial\mathcal L/\partial\boldsymbol\gamma$, $\partial\mathcal L/\partial\boldsymbol\beta$ (check cell "the note's
backward formula").

**Errors in note 4.2.1** (each computed above; the formulas quoted are the note's):

<!-- note-notation -->
- 4.2.1.1: $\sigma_j$ is defined as the variance, $\frac1B\sum_k (x_{kj}-\mu_j)^2$, but
  $z = (x-\mu)/\sigma_j$ and the backward pass need the standard deviation. Literally, the output's
  column variance is one over the note's $\sigma_j$ (our $1/\sigma_j^2$), not 1 (check cell "the
  step-by-step Xhat"). Correction: $\sigma_j^2 = \frac1B\sum_k(x_{kj}-\mu_j)^2$,
  $\hat x_{ij} = (x_{ij}-\mu_j)/\sqrt{\sigma_j^2+\varepsilon}$.
- 4.2.1.1: no $\varepsilon$: a constant column gives $0/0$ = NaN (check cell "a constant column").
- 4.2.1.1: "j 行目の平均" should be the mean of column $j$ (j 列目), as the paragraph itself says
  normalisation is per column.
- 4.2.1.1: $\gamma_j, \beta_j$ are said to differ per row (行ごと); they are per column (one per
  feature, shape $(d,)$).
- 4.2.1.1: $\mathbf X\in\mathbb R^{B\times C}$ uses $C$, elsewhere the class count, for the
  feature count; we write $d$.
- 4.2.1.1: $\mu_j, \sigma_j$ are said to be computed per column at inference. In training they
  come from the mini-batch; at inference the running averages collected during training are
  used (check cell "running statistics").
- 4.2.1.1: mixed style 「場合があります、」 in a plain-form text (should be 「場合があり、」).
- 4.2.1.2: "σ_j = (1/B) Σ u² ⇒ ∂σ_j²/∂u = (2/B) u" should start from $\sigma_j^2 = \frac1B\sum_k u_{kj}^2$;
  the step "∂z/∂u (total) = …, ∴ ∂L/∂u = …" does not follow as written (only the $k$-th path of
  the variance is in it), though the resulting $\partial\mathcal L/\partial u$ is right; and the
  first line of the final summary omits the mean's term (check cell "the three literal
  readings").
- 4.2.1.2: the text refers to a figure ("この図で") that is not in the note; it is drawn above
  (check cell "the paths the chain rule sums over").
""", r"""
## むすび：BN の勾配確認と、ノート 4.2.1 で訂正すべき点

**勾配確認:** 逆伝播の途中の勾配
（$\partial\mathcal L/\partial\hat x$、$\partial\mathcal L/\partial\sigma^2$、$\partial\mathcal L/\partial u$、
$\partial\mathcal L/\partial\mu$、$\partial\mathcal L/\partial x$）をグラフに沿ってノードごとに計算すると、
どれも中心差分と $10^{-9}$ の数倍以内で一致し、ノードごとに求めた
$\partial\mathcal L/\partial\mathbf X$ は `BatchNormalization.backward` の閉じた形と丸め誤差の範囲で
等しい（チェックセル「each intermediate gradient」）。ノートの逆伝播の式（$\sigma$
を標準偏差と読んだもの）は、$6\times 4$ のバッチで中心差分と最大相対誤差およそ $10^{-9}$ で一致する。
ライブラリのコンパクトな形と
$\partial\mathcal L/\partial\boldsymbol\gamma$、$\partial\mathcal L/\partial\boldsymbol\beta$ も同様である（チェックセル「the note's
backward formula」）。

**ノート 4.2.1 の誤り**（いずれも上で計算した。引用した式はノートのもの）:

<!-- note-notation -->
- 4.2.1.1: $\sigma_j$ は分散 $\frac1B\sum_k (x_{kj}-\mu_j)^2$ として定義されているが、
  $z = (x-\mu)/\sigma_j$ と逆伝播には標準偏差が必要である。文字どおりに読むと、出力の列の分散は
  1 ではなく、ノートの $\sigma_j$ の逆数（本書の $1/\sigma_j^2$）になる（チェックセル「the
  step-by-step Xhat」）。訂正: $\sigma_j^2 = \frac1B\sum_k(x_{kj}-\mu_j)^2$、
  $\hat x_{ij} = (x_{ij}-\mu_j)/\sqrt{\sigma_j^2+\varepsilon}$。
- 4.2.1.1: $\varepsilon$ がないため、定数の列では $0/0$ = NaN となる（チェックセル「a constant column」）。
- 4.2.1.1: 「j 行目の平均」は列 $j$ の平均（j 列目）とすべきである。同じ段落自身が、正規化は
  列ごとに行うと述べている。
- 4.2.1.1: $\gamma_j, \beta_j$ は行ごとに別の値をとるとされているが、実際は列ごとである（特徴量ごとに
  1 つで、形状は $(d,)$）。
- 4.2.1.1: $\mathbf X\in\mathbb R^{B\times C}$ は特徴量の数に $C$ を使っているが、この文字はほかの箇所では
  クラス数である。本書では $d$ と書く。
- 4.2.1.1: $\mu_j, \sigma_j$ は推論時に列ごとに計算されるとされている。実際には、学習時はミニバッチ
  から求め、推論時は学習中に集めた移動平均を使う（チェックセル「running statistics」）。
- 4.2.1.1: 常体の文章に「場合があります、」という敬体が混じっている（「場合があり、」とすべきである）。
- 4.2.1.2: 「σ_j = (1/B) Σ u² ⇒ ∂σ_j²/∂u = (2/B) u」は $\sigma_j^2 = \frac1B\sum_k u_{kj}^2$ から
  始めるべきである。また「∂z/∂u (total) = …, ∴ ∂L/∂u = …」というステップは、書かれたままでは
  成り立たない（分散を通る経路のうち $k$ 番目のものしか含まれていない）が、得られる
  $\partial\mathcal L/\partial u$ は正しい。さらに、最後のまとめの 1 行目では平均の項が抜けている
  （チェックセル「the three literal readings」）。
- 4.2.1.2: 本文はノートにない図を参照している（「この図で」）。その図は上に描いた（連鎖律が足し合わせる経路を数える
  チェックセル「the paths the chain rule sums over」）。
"""),
]
