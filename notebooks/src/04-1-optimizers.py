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
""", r"""
# 最適化手法：Momentum、RMSProp、Adam

このページは、ノート 4（ニューラルネットワークの工夫）の 4.1（Optimizer）と、その三つの小節
4.1.1（Momentum）、4.1.2（RMSProp）、4.1.3（Adam）に沿って進む。素朴な SGD はパラメータ
$\mathbf P$ を $-\eta\,\partial\mathcal L/\partial\mathbf P$ だけ動かす。ノートの三つの手法は、この一歩を
二つのやり方で変える。Momentum は*速度*を持ち越すので、向きのそろった動きは加速し、ジグザグは
打ち消し合う。RMSProp は各座標を、その座標の勾配の 2 乗の指数移動平均の平方根で割るので、どの座標も
ほぼ同じ歩調で進む。Adam はその両方を同時に行う。

各更新則をノートのとおりに書き、[`dlnotes.optimizers`](dlnotes.optimizers) の実装で実行して比べる。注意の要る点が
二つある。ノートの RMSProp と Adam は分母に $\varepsilon$ を持たない。また、ノートの Adam には
バイアス補正がないので、最初の一歩が学習率の 3 倍を超える。そのうえで、書籍のテスト関数
$f(x, y) = x^2/20 + y^2$（書籍の第 6 章）、鞍点、Rosenbrock の谷の上で最適化手法を競わせ、
それぞれの手法で数字の分類器を学習させる。
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
""", r"""
## 更新則：書かれたとおりと、実行されるとおり

$\mathbf g = \partial\mathcal L/\partial\mathbf P$ とし、$\circ$ を要素ごとの積（アダマール積）、割り算と
平方根も要素ごとに取るものとすると、ノートの式は次のとおりである。

| 手法 | ノート | 状態の更新 | パラメータの更新 |
|---|---|---|---|
| Momentum | 4.1.1 | $\mathbf V \leftarrow \alpha\mathbf V - \eta\,\mathbf g$ | $\mathbf P \leftarrow \mathbf P + \mathbf V$ |
| RMSProp | 4.1.2 | $\mathbf G \leftarrow \rho\mathbf G + (1-\rho)\,\mathbf g\circ\mathbf g$ | $\mathbf P \leftarrow \mathbf P - \eta\,\mathbf g / \sqrt{\mathbf G}$ |
| Adam | 4.1.3 | $\mathbf M \leftarrow \beta_1\mathbf M + (1-\beta_1)\mathbf g$, $\ \mathbf G \leftarrow \beta_2\mathbf G + (1-\beta_2)\,\mathbf g\circ\mathbf g$ | $\mathbf P \leftarrow \mathbf P - \eta\,\mathbf M / \sqrt{\mathbf G}$ |

記号が二つだけノートと異なる。Momentum の速度はここでは $\mathbf V$ と書く（ノートの $M$、書籍の `v`）。
$\mathbf M$ は Adam の 1 次モーメントのために取っておくからである。また、RMSProp の減衰率は $\rho$ と書く
（ノートの $\beta$、書籍の `decay_rate`）。$\beta_1, \beta_2$ は Adam が使うからである。更新の回数は
$\tau$ で数える。

`dlnotes` は（書籍の `common/optimizer.py` と同じく）$\sqrt{\mathbf G}$ に $\varepsilon = 10^{-7}$ を足す。
さらに [`Adam`](dlnotes.optimizers.Adam) は、$\tau$ 回の更新の後、$\mathbf M$ を $1-\beta_1^\tau$ で、$\mathbf G$ を $1-\beta_2^\tau$ で割る
（`bias_correction=True` が既定値で、`False` にするとノートの更新則になる）。[`dlnotes.notes`](dlnotes.notes)
にはノートの版がそのまま入っている（[`rmsprop_note`](dlnotes.notes.rmsprop_note)、[`adam_note`](dlnotes.notes.adam_note)：$\varepsilon$ も補正もない）。

$P = 1$、勾配 $g = 0.5$、$\eta = 0.1$ から 1 回だけ更新した結果を、手計算とライブラリで求める。
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
""", r"""
## Momentum は過去の勾配の減衰する和である（ノート 4.1.1）

ノートは Momentum（4.1.1）を、SGD にそれまでの更新を引き継ぐ慣性を加えたものとして説明している。
漸化式を展開すると、過去の各勾配がどれだけ残るのかが正確にわかる。`dlnotes.Momentum` は書籍と同じく
$\mathbf V_0 = \mathbf 0$ から始め、$\tau$ 回目の更新では、その更新での勾配 $\mathbf g_\tau$ を使って
次の計算を行う。

$$\mathbf V_\tau = \alpha\,\mathbf V_{\tau-1} - \eta\,\mathbf g_\tau, \qquad
\mathbf P_\tau = \mathbf P_{\tau-1} + \mathbf V_\tau .$$

$\mathbf V_{\tau-1}$ に同じ式を代入し、次に $\mathbf V_{\tau-2}$ に代入し、と $\mathbf V_0 = \mathbf 0$ まで
繰り返すと、次のようになる。

$$\mathbf V_\tau = -\eta\,\mathbf g_\tau + \alpha\big(-\eta\,\mathbf g_{\tau-1} + \alpha\,\mathbf V_{\tau-2}\big)
= \dots = -\eta \sum_{k=0}^{\tau-1} \alpha^k\,\mathbf g_{\tau-k}.$$

どの一歩も、それまでの*すべての*勾配の重み付き和である。最新の勾配の重みは 1、その一つ前は $\alpha$、
$k$ 回前は $\alpha^k$ である。$\alpha = 0.9$ なら、勾配の重みはおよそ $1/(1-\alpha) = 10$ 回の更新で
$1/e$ を下回る。重みの和は $(1-\alpha^\tau)/(1-\alpha)$ なので、$(1-\alpha)\sum_k \alpha^k\mathbf g_{\tau-k}$
は勾配の指数移動平均であり（$\beta_1 = \alpha$ とした Adam の $\mathbf M$ と同じ形）、$\tau$ が十分大きく
なれば、Momentum はこの平均に学習率 $\eta/(1-\alpha)$ の SGD を施したものになる。

二つの場合で具体的に見よう。**勾配が一定** $\mathbf g$ なら、和は等比級数になる。

$$\mathbf V_\tau = -\eta\,\mathbf g\,(1 + \alpha + \dots + \alpha^{\tau-1})
= -\eta\,\mathbf g\,\frac{1-\alpha^\tau}{1-\alpha} \;\longrightarrow\; -\frac{\eta}{1-\alpha}\,\mathbf g,$$

したがって、長く一様な坂では、一歩は勾配 1 単位あたり $\eta/(1-\alpha)$ まで伸びる。$\alpha = 0.9$ なら
$10\,\eta$ である。勾配が更新のたびに**符号を反転する**場合（谷を横切るジグザグ）は、重みの符号が
交互になって $1 - \alpha + \alpha^2 - \dots \to 1/(1+\alpha)$ となり、一歩は
$\eta/(1+\alpha) \approx 0.53\,\eta$ まで縮む。冒頭で述べた「加速し、ジグザグを打ち消す」を数で表すと
こうなる。
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
""", r"""
上の 1 回更新のチェックでは、二つの手法の最初の一歩が目を引く。RMSProp の最初の $\mathbf G$ は
$(1-\rho)\,g^2$ なので、最初の一歩は $\eta/\sqrt{1-\rho} = 10\,\eta$（$\rho = 0.99$ のとき）になる。この一歩は勾配の大きさを無視し、
その符号だけを使っている。ノートの Adam は $\eta\,(1-\beta_1)/\sqrt{1-\beta_2} \approx 3.16\,\eta$ だけ動く。
$\mathbf M$ も $\mathbf G$ もゼロから始まるので、数回更新した後でもまだ小さすぎる。Kingma と Ba の
バイアス補正はこれらを $1-\beta_1^\tau$ と $1-\beta_2^\tau$ で割り、ちょうどこの偏りを打ち消す。そのため、
補正した Adam の最初の一歩は $\eta$ になる。

## バイアス補正のある Adam とない Adam

勾配がまったく変わらなければ、補正した Adam は常にちょうど $\eta$ だけ進む。ノートの版は $3.16\,\eta$
から始まり、$\mathbf M$ が $\sqrt{\mathbf G}$ より速く追いつく間は大きくなり続け（$\beta_2 = 0.999$ では
$\mathbf G$ が追いつくのに数千回の更新がかかる）、約 $6.6\,\eta$ で最大になった後、ゆっくりとしか
$\eta$ に戻らない。
"""),
("code", r"""
plots.adam_bias_correction(steps=1000)
""", {"alt": "Step size divided by the learning rate against the update number (log axis) for a constant gradient: the note's Adam without bias correction starts at 3.16, climbs to about 6.6 and only slowly returns to 1, while the bias-corrected Adam stays at exactly 1.", "alt_ja": "一定の勾配に対して、一歩の大きさを学習率で割った値を更新回数（対数軸）に対して描いたもの。バイアス補正のないノートの Adam は 3.16 から始まって約 6.6 まで上がり、その後ゆっくりとしか 1 に戻らない。バイアス補正した Adam は常にちょうど 1 である。"}),
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
""", r"""
## $\varepsilon$ は何のためにあるか

ノートの RMSProp と Adam は $\sqrt{\mathbf G}$ で割る。ここまでの勾配がちょうどゼロだった座標（一度も
発火していない ReLU ユニットへの重み、パディング用の入力のバイアス、最初から最適値にある座標）では
$G = 0$ かつ $g = 0$ であり、$0/\sqrt 0$ は $0/0$、つまり NaN になる。重みが一つでも NaN になれば、
それ以降の出力はすべて NaN になる。書籍のコードと `dlnotes` は分母に $\varepsilon$ を足す。さらに
`dlnotes` は、$\varepsilon = 0$ で分母がちょうどゼロのとき、NaN を返す代わりに「動かない」として扱うので、
`rmsprop_note` も実行できる。式をそのまま計算するとこうはいかない。
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
""", r"""
$\varepsilon$ には、勾配がごく小さい座標の実質的な学習率を $\eta/\varepsilon$ で頭打ちにする働きもある。
既定値の $10^{-7}$ ではほとんど影響しないが、$\varepsilon$ を大きくすると適応的なスケーリングが消え、
RMSProp は学習率 $\eta/\varepsilon$ の SGD になってしまう。
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
""", r"""
## 書籍の $x^2/20 + y^2$ での競争

この関数は $x$ 方向より $y$ 方向のほうが 20 倍急である。$(-7, 2)$ から書籍の学習率（SGD 0.95、
Momentum 0.1、AdaGrad 1.5、Adam 0.3。それぞれ 30 回更新）で出発すると、SGD は $x$ 方向にじわじわと
進みながら $y$ 方向にジグザグする。Momentum はボールのように最小点を行き過ぎては揺れ戻る。AdaGrad は
座標ごとのスケーリングによって $y$ 方向の振動をすぐに抑える。Adam は曲線を描いて転がり込む。AdaGrad は
ノートには出てこない。忘却のない RMSProp（$\mathbf G$ が単なる和）であり、書籍の図に登場する。下の
各経路は [`run_optimizer`](dlnotes.landscapes.run_optimizer) の出力そのものである（後で出てくるエクスプローラーでは、"race" の項目で
これらをすべて重ねて描ける）。
"""),
("code", r"""
plots.optimizer_paths()
""", {"alt": "Four contour plots of x²/20 + y² in a 2 by 2 grid, each with the 30-step path of one optimizer from (-7, 2): SGD zig-zags in y, Momentum swings past the minimum, AdaGrad stops oscillating at once, Adam curves in towards the minimum at the origin.", "alt_ja": "x²/20 + y² の等高線図 4 枚を 2 × 2 に並べ、それぞれに (-7, 2) から出発した一つの最適化手法の 30 ステップの経路を描いたもの。SGD は y 方向にジグザグし、Momentum は最小点を行き過ぎて揺れ、AdaGrad はすぐに振動が止まり、Adam は原点の最小点に向かって曲がりながら近づく。"}),
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
""", r"""
AdaGrad だけが、ほぼ $x$ 軸の上で終わる（$y \approx 10^{-17}$）。AdaGrad の最初の一歩はどの座標でも
$\eta\,\mathrm{sign}(g) = 1.5$ なので、その一歩ですでに $y$ は 2 から約 0.5 に移る。どの最適化手法が
「勝つ」かは、選んだ学習率しだいである。下のウィジェットで学習率を変えてみることができる。

## 鞍点と曲がった谷

鞍点をもつ $x^2 - y^2$（尾根からわずかに外れた $(-1.8, 0.001)$ から出発）では、尾根の近くで $y$ 方向の
勾配がごく小さい。SGD は鞍点に向かって転がり、そこにとどまる。Momentum は尾根に沿って行き過ぎてから、
ゆっくりと向きを変えて離れていく。RMSProp と Adam は小さな $y$ 方向の勾配を通常の大きさの一歩に拡大し、すぐに抜け出す（この損失には
最小値がないので、低いほど良いというだけである）。Rosenbrock の谷
$(1-x)^2 + 100(y - x^2)^2$（$(-1.2, 1)$ から 300 ステップ）では、谷底は曲がっていて平らであり、
谷の壁は急である。SGD は壁に合わせて学習率を小さくしなければならず、そうすると谷底に沿っては
ほとんど進まない。
"""),
("code", r"""
plots.optimizer_race(f="saddle")
""", {"alt": "Two panels on the saddle x² − y². Left: the paths of the optimizers from (-1.8, 0.001) on the contours; SGD and Momentum run along the ridge towards the saddle point, RMSProp and Adam turn away at once. Right: the loss of each along its path, falling soonest for RMSProp and Adam.", "alt_ja": "鞍点をもつ x² − y² 上の 2 つのパネル。左：(-1.8, 0.001) から出発した各最適化手法の経路を等高線の上に描く。SGD と Momentum は尾根に沿って鞍点へ向かい、RMSProp と Adam はすぐに向きを変えて離れる。右：各経路に沿った損失で、RMSProp と Adam が最も早く下がる。"}),
("code", r"""
plots.optimizer_race(f="rosenbrock")
""", {"alt": "Two panels on Rosenbrock's valley. Left: the paths of the optimizers from (-1.2, 1) on the contours of the curved valley, the minimum at (1, 1). Right: the loss of each along its path on a log scale; plain SGD barely moves along the valley floor.", "alt_ja": "Rosenbrock の谷の上の 2 つのパネル。左：(-1.2, 1) から出発した各最適化手法の経路を、曲がった谷の等高線の上に描く。最小点は (1, 1) にある。右：各経路に沿った損失（対数目盛）。素朴な SGD は谷底に沿ってほとんど進まない。"}),
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
""", r"""
## エクスプローラー：最適化手法、学習率、記憶の長さ、出発点

下のエクスプローラーはブラウザの中で動く。操作部を動かすたびに、`landscapes.make_optimizer` と
`landscapes.run_optimizer` を JavaScript に写したもの（ノート 4.1 の更新則を 1 行ずつ写したもの）が
各経路を計算し直すので、前もって描いておいたいくつかの設定に限らず、どの設定でも試せる。
最適化手法（Nesterov と、バイアス補正のないノートの Adam も含む）を選ぶか、**race** を選んで 7 つを
同時に走らせる。さらに、地形（書籍のお椀、鞍点、Rosenbrock）、$10^{-3}$ から $10$ までの対数目盛の
学習率、記憶の長さのスライダー、最大 300 のステップ数を選ぶ。**等高線図をクリックする**と、その点から
出発する（地形を切り替えると、その地形の既定の出発点に戻る）。図の説明には、各経路の終点と損失、
またはオーバーフローしたステップが表示され、経路は最後の有限な点で描画が止まる。お椀の上で SGD を
$\eta = 1$ と $3$ で試してみよう。$y$ の更新は $y \leftarrow (1-2\eta)\,y$ なので、$\eta \ge 1$ では
収束しない。続いて Momentum を $1$ で試すとよい。
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
""", r"""
### どれだけ覚えておくか：モーメンタム係数と $\beta_1$

Momentum の $\alpha$（ノート 4.1.1）と Adam の $\beta_1$（ノート 4.1.3）は、**モーメンタム α / β1** のスライダーを
共有している。このスライダーは、過去の速度や勾配の平均が一歩ごとにどれだけ残るかを決める。$0$ では
Momentum は素朴な SGD になり、Adam は 1 次モーメントを失う（バイアス補正つきの RMSProp になる）。
$1$ に近づけると、経路は最小点を行き過ぎ、その周りを回ってから落ち着く。Momentum を書籍の学習率 0.1
（エクスプローラーの初期設定）で、続いて Adam を書籍の 0.3 で動かし、10、30、100 ステップで比べてみよう。

### 勾配の 2 乗をどれだけ長く覚えておくか：$\rho$ と $\beta_2$

RMSProp の減衰率 $\rho$（ノート 4.1.2。ノートでは $\beta$）と Adam の $\beta_2$（ノート 4.1.3）は、
**減衰率 ρ / β2** のスライダーを共有している。このスライダーは、勾配の
2 乗の移動平均 $\mathbf G$ を決める。一歩ごとに古い平均のうち割合 $\rho$ が残るので、およそ $1/(1-\rho)$
ステップで忘れていく（$\rho = 0.5$ なら 2 ステップ、$0.999$ なら 1000 ステップ）。どちらも $\mathbf G = 0$ から始まる。ノートに
書かれた RMSProp にはバイアス補正がないので、1 ステップ後の $\sqrt{\mathbf G}$ は
$\sqrt{1-\rho}\,|\mathbf g|$ にすぎず、最初の動きはどの座標でも $\eta/\sqrt{1-\rho}$ になる。
$\rho = 0.999$ では最初の一歩が学習率の 31.6 倍になり、平均が育つ前に経路は遠くへ跳ぶ（書籍の出発点から
$\eta = 0.1$ の RMSProp を 1 ステップ）。その後は、長い記憶は AdaGrad のように働く。$\mathbf G$ が
初期の大きな勾配を覚えているので、勾配が小さくなるにつれて一歩も縮み、経路は落ち着く（30 ステップで
損失は約 $10^{-12}$）。短い記憶（$\rho = 0.5$）はすぐに忘れるので、最小点のすぐ手前まで一歩の大きさは
$\eta$ 程度のままであり、経路は最小点の周りで小刻みに揺れ続ける（100 ステップ後でも
$(0.050, -0.050)$ にある）。Adam は $1-\beta_2^\tau$ で割るので、最初の動きは $\beta_2$ によらず
$\eta$ である。Adam では、$\beta_2$ は座標ごとの学習率が地形にどれだけ速く追従するかを決める。
下のチェックは、最初の一歩と、いま挙げた RMSProp の二つの終点を計算する。
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
""", r"""
## 実質的な学習率

$\sqrt{\mathbf G} + \varepsilon$ で割ることで、各座標はそれぞれ自分の学習率
$\eta/(\sqrt{G_i} + \varepsilon)$ を持つ。$x^2/20 + y^2$ では $y$ 方向の勾配のほうが大きいので、$y$ には
$x$ より小さな学習率が割り当てられる。急な方向は遅く、緩やかな方向は速くなる。学習率が一つの数しか
ない素朴な SGD には、これができない。（Adam については、図はバイアス補正した $\mathbf G$ を使う。）
"""),
("code", r"""
plots.effective_learning_rates()
""", {"alt": "Three panels, one each for RMSProp, Adam and AdaGrad, and a key: the effective learning rate of x and of y against the step on a log scale, with the nominal rate dotted; y, the steep direction, always gets a smaller rate than x.", "alt_ja": "RMSProp、Adam、AdaGrad に 1 つずつの 3 つのパネルと凡例。x と y の実質的な学習率をステップに対して対数目盛で描き、名目上の学習率を点線で示す。急な方向である y は、常に x より小さな学習率になる。"}),
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
""", r"""
## 数字のネットワークを各最適化手法で学習させる

同じ 64-50-50-10 の ReLU ネットワーク（同じ初期の重み、大きさ 64 の同じシャッフル済みミニバッチ、シード 0）を、
scikit-learn の 8x8 の数字で、各最適化手法を使って 5 エポック学習させる。学習率は最適化手法ごとに
設定している（適応的な手法にははるかに小さな学習率が適している）ので、これは一つの学習率での比較では
なく、それぞれ調整した実行どうしの比較である。
"""),
("code", r"""
histories = experiments.train_with_optimizers()
plots.optimizer_training_curves(histories)
""", {"alt": "Two panels for the digits network trained with each optimizer. Left: training loss per iteration, smoothed, on a log scale; the adaptive methods fall fastest. Right: test accuracy per epoch for each optimizer.", "alt_ja": "各最適化手法で学習させた数字のネットワークの 2 つのパネル。左：イテレーションごとの訓練損失（平滑化、対数目盛）で、適応的な手法が最も速く下がる。右：各最適化手法のエポックごとのテスト正解率。"}),
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
""", r"""
## 演習

**1.** ノートの Adam（4.1.3、バイアス補正なし）を $\beta_1 = 0.8$、
$\beta_2 = 0.999$ で使う。最初の一歩の長さは学習率の何倍か。（1 回更新した後の $\mathbf M$ と
$\mathbf G$ を書き、割り算をせよ。）
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
""", r"""
:::{admonition} ヒント
:class: dropdown
ゼロから 1 回更新すると $\mathbf M = (1 - \beta_1)\,g$、$\mathbf G = (1 - \beta_2)\,g^2$ となる。一歩は $\eta\,\mathbf M/\sqrt{\mathbf G}$ である。$g$ を約分すると何が残るか。
:::

:::{admonition} 解答例
:class: dropdown
$\eta\,(1 - \beta_1)/\sqrt{1 - \beta_2} = 0.2/\sqrt{0.001} \approx 6.32\,\eta$ である。`answer = 0.2 / np.sqrt(0.001)`。
:::
"""),
("md", r"""
**2.** Plain SGD on $x^2/20 + y^2$: what is the largest learning rate below which it converges
from any start? (Each coordinate evolves on its own.)
""", r"""
**2.** $x^2/20 + y^2$ 上の素朴な SGD が、どこから出発しても収束するための学習率の上限はいくらか。
（各座標は互いに独立に変化する。）
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
""", r"""
:::{admonition} ヒント
:class: dropdown
$y$ 方向の勾配は $2y$ なので、一歩で $y$ は $1 - 2\eta$ 倍になる。この係数が $(-1, 1)$ から外れるのはいつか。
:::

:::{admonition} 解答例
:class: dropdown
$0 < \eta < 1$ なら $|1 - 2\eta| < 1$ であり、$x$ の係数 $1 - \eta/10$ は 20 まで問題ない。したがって $\eta < 1$ なら SGD はどこから出発しても収束し、答えは 1 である。
:::
"""),
("md", r"""
**3.** Momentum with $\alpha = 0.9$ and $\eta = 0.01$ runs down a slope whose gradient is
always $g = 1$. After many updates, how long is each step?
""", r"""
**3.** $\alpha = 0.9$、$\eta = 0.01$ の Momentum が、勾配が常に $g = 1$ の坂を下る。十分多くの
更新の後、一歩の長さはいくらか。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
Momentum の節と同じように漸化式を展開する：$V_\tau = -\eta\,g\,(1 + \alpha + \alpha^2 + \dots + \alpha^{\tau-1})$。この等比級数は何に近づくか。
:::

:::{admonition} 解答例
:class: dropdown
$1 + \alpha + \alpha^2 + \dots \to 1/(1-\alpha) = 10$ なので、一歩は $\eta\,g/(1-\alpha) = 0.01/0.1 = 0.1$ に近づく。素朴な SGD の一歩の 10 倍である。`answer = 0.01 / (1 - 0.9)`。
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
""", r"""
## まとめ：測定した終点と、ノート 4.1 で直すべき点

**$x^2/20 + y^2$ 上で $(-7, 2)$ から 30 回更新した後の終点**（上のチェックセルから。どれも
`run_optimizer` の最後の行と一致する）：SGD（$\eta = 0.95$）$(-0.3504, +0.0848)$、$f = 0.01333$。
Momentum（$\eta = 0.1$）$(+0.8964, +0.0881)$、$f = 0.04794$。AdaGrad（$\eta = 1.5$）
$(-0.1202, +0.0000)$、$f = 0.00072$。Adam（$\eta = 0.3$、補正あり）$(+0.1360, +0.3182)$、
$f = 0.10221$。ノートの Adam $(+0.3952, -0.3180)$、$f = 0.10892$。

**ノート 4.1 の誤りと不足**（いずれも上で計算したもの）：

<!-- note-notation -->
- 4.1.2（RMSProp）と 4.1.3（Adam）：$\varepsilon$ がない。ここまでの勾配がゼロだった座標では
  $0/0$ = NaN になる（チェックセル "a coordinate with zero gradient"）。$\varepsilon$ を足して
  $\eta\,\mathbf g/(\sqrt{\mathbf G} + \varepsilon)$ とする。
- 4.1.3（Adam）：バイアス補正がないので、最初の一歩は $\eta$ ではなく
  $\eta(1-\beta_1)/\sqrt{1-\beta_2} \approx 3.16\,\eta$ になる。勾配が一定なら、一歩は 12 回目の更新で
  $6.57\,\eta$ まで大きくなり、1000 回の更新後もまだ $1.26\,\eta$ である（チェックセル "the note's Adam"）。$\tau$ 回の更新の後には
  $\hat{\mathbf M} = \mathbf M/(1-\beta_1^\tau)$ と $\hat{\mathbf G} = \mathbf G/(1-\beta_2^\tau)$ を使う。
- 4.1.2：本文は、RMSProp が*更新幅*の分だけ学習率を割り引き、$\mathbf G$ が更新幅の平均であると
  述べている。しかし $\mathbf G$ は**勾配**の 2 乗の移動平均であり、その平方根で割ると、一歩はおおよそ
  勾配の符号の $\eta$ 倍になる（最初の一歩では 10 $\eta$。チェックセル "RMSProp's first step"）。
  要点は座標ごとの学習率にあり、学習率を縮めることではない（素朴な SGD の一歩も、勾配とともにすでに縮む）。
- 4.1.2：「しまいう」は「しまう」の誤植である。
- 4.1.1 と 4.1.3：ノートは $M$ を Momentum の状態にも Adam の 1 次モーメントにも使っている。
  両者は別の量である（勾配の和に $-\eta$ を掛けたものと、勾配の平均）ので、このページでは Momentum の
  状態を $\mathbf V$ と書く。誤りではないが、ノートが述べていないことがある。Momentum の $M$ は
  $-\eta\sum_k \alpha^k \mathbf g_{\tau-k}$ なので、勾配が一定なら一歩は $\eta/(1-\alpha)$ まで大きくなる
  （チェックセル "Momentum's recursion"）。
- 4.1.2：減衰率を $\beta$ と呼んでいるが、これは Adam が二つの減衰率に使う文字である。このページでは
  $\rho$（書籍の `decay_rate`）と書く。
- 4.1：パラメータは、導入部では $\mathbb P$（黒板太字）、式の中では $\mathbf P$ と書かれているが、
  同じものである。
"""),
]
