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
""", r"""
# 損失関数と勾配降下法

このページはノート 3.1（損失関数）とその二つの小節 3.1.1（平均二乗誤差）と 3.1.2（クロスエントロピー誤差）をたどり、続いてノート 3.2（確率的勾配降下法 (SGD)）を、最後にノート 003（「Affine レイヤ」）の結びにある、バッチでの更新と 1 件ずつの更新の違いについての注意を扱う。

損失は「この例でネットワークがどれだけ間違えているか」を一つの数にまとめる。学習では、その数の傾きに逆らう向きに、すべてのパラメータを少しずつ動かす。ここでは書籍の例で二つの損失を計算し、交差エントロピー誤差をエントロピーと KL ダイバージェンスに分解し、二つの小さな損失の地形の上で勾配降下法の振る舞いを観察し、収束する最大の学習率を導く。さらに、ミニバッチ勾配のノイズ（SGD の「確率的」にあたる部分）がバッチサイズ $B$ とともにどう減るかを測り、バッチでの 1 回の更新が 1 件ずつの更新の列からどれだけずれるかを測る。
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
""", r"""
## 二つの損失関数（ノート 3.1）

ネットワークの出力を $\mathbf y$、目標（教師データ）を $\mathbf t$ と書く。どちらも長さ $C$ のベクトル（クラスごとに一つの要素）である。注意：ノート 3.1 で損失関数を定義している文は、この二つを逆に呼んでいる（$\mathbf y^{(\text{train})}$ を実際の出力と呼んでいる）。その後の式では正しく使われている。

* **平均二乗誤差**は、ノート 3.1.1 の定義では $C$ 個の出力についての正真正銘の平均である：$\mathcal L_{\text{MSE}} = \frac1C\lVert \mathbf y - \mathbf t\rVert^2$。書籍は別の損失 $\mathcal L_{\text{SSE}} = \frac12\sum_{k=1}^{C} (y_k-t_k)^2$ を使う。これは二乗誤差の**和**の半分（書籍の呼び名は 2乗和誤差）であって平均ではない。ところが書籍のコードも、それにならった [`dlnotes.mean_squared_error`](dlnotes.functions.mean_squared_error) も、この関数に `mean_squared_error` という名前を付けており、その関数の中にある平均は*バッチ*についての平均だけである。両者は比例し、$\mathcal L_{\text{MSE}} = \frac2C\,\mathcal
  L_{\text{SSE}}$ であるから、最小点は同じであり（$\mathbf y = \mathbf t$。$\mathbf y$ を出力するどんなネットワークでも最適なパラメータは同じになる）、勾配 $\partial\mathcal L_{\text{SSE}}/\partial\mathbf y = \mathbf y-\mathbf t$ と $\partial\mathcal L_{\text{MSE}}/\partial\mathbf y = \frac2C(\mathbf y-\mathbf t)$ はちょうど $2/C$ 倍だけ異なる。ノートの MSE に学習率 $\eta$ で勾配降下法を適用すると、書籍の損失に学習率 $2\eta/C$ で適用したときとまったく同じステップを踏む。どちらも連続的な値を目標とする問題（回帰）に向いている。
* **交差エントロピー誤差**（ノート 3.1.2）：$\mathcal L_{\text{CE}} = -\sum_{j=1}^{C} t_j \log y_j$。ノートは $j$ について和をとっているが、和の中身を添字 $i$ で書いている。$t_j\log y_j$ と読めばよい。$\mathbf t$ が one-hot 表現なら効くのは正解クラスだけで、損失は、ネットワークが正解に与える確率の $-\log$ になる。Softmax 関数を出力にもつ分類問題に向いている。

書籍の例はクラスが 10 個で、正解はクラス 2 である。予測は二つあり、一方はクラス 2 に 0.6 を置き、もう一方は同じ 0.6 をクラス 7 に置く。
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
""", r"""
書籍の値 0.0975 / 0.5108（正解）と 0.5975 / 2.3026（不正解）がそのまま得られ、ノートの平均 $\frac1C\lVert\mathbf y-\mathbf t\rVert^2$ は書籍の半分の和の $2/C = 1/5$ 倍になる。勾配も同じ比を保つ。以下では勾配を中心差分（ノートブック 03-2）で測り、$\mathbf y-\mathbf t$ および $\frac2C(\mathbf y-\mathbf t)$ と比べる。
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
""", r"""
下の図の右のパネルは、分類では交差エントロピー誤差を選ぶのが普通である理由を示している。正解クラスの確率が 0 に近づくと $-\log p$ は限りなく大きくなるが、確率ベクトルの二乗誤差は有界のままである（書籍の半分の和は高々 1、ノートの平均は高々 $2/C$）。自信をもって間違えるネットワークははるかに重く罰せられ、その勾配も消えない。
"""),
("code", r"""
plots.loss_comparison()
""", {"alt": "Two panels. Left: the book's two predicted probability vectors over 10 classes, one confident and right, one confident and wrong, with the true class 2 marked. Right: the loss of one example against the probability p given to the true class: cross-entropy -log p grows without bound as p goes to 0, while the book's half sum of squared errors and the note's mean squared error stay below 1.", "alt_ja": "2 つのパネル。左：10 クラスにわたる書籍の二つの予測確率ベクトル。一方は自信をもって正解し、もう一方は自信をもって間違えている。正解のクラス 2 に印がある。右：正解クラスに与えた確率 p に対する 1 例の損失。交差エントロピー誤差 -log p は p が 0 に近づくと限りなく大きくなるが、書籍の 2乗和誤差（二乗誤差の和の半分）とノートの平均二乗誤差は 1 未満にとどまる。"}),
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
""", r"""
## 交差エントロピー = エントロピー + KL ダイバージェンス（ノート 3.1.2）

ノート 3.1.2 は出力と目標を二つの確率分布とみなし、交差エントロピー誤差をそれらの間の「誤差」と呼ぶ。この見方は厳密な形にできる。$\sum_k t_k\log t_k$ を足して引くと（$t_k = 0$ の項は両辺とも 0 と数える）

$$
H(\mathbf t,\mathbf y) = -\sum_{k=1}^{C} t_k\log y_k
= \underbrace{-\sum_{k} t_k\log t_k}_{H(\mathbf t)}
+ \underbrace{\sum_{k} t_k\log\frac{t_k}{y_k}}_{\mathrm{KL}(\mathbf t\,\Vert\,\mathbf y)} .
$$

となる。エントロピー $H(\mathbf t)$ は目標だけで決まるので、学習の間は定数である。ネットワークが変えられるものはすべて Kullback–Leibler ダイバージェンス $\mathrm{KL}(\mathbf t\Vert\mathbf y)$ の側にある。これは決して負にならず、0 になるのは $\mathbf y = \mathbf t$ のときだけである（ギブスの不等式）。$\mathbf y$ について交差エントロピーを最小化することは KL ダイバージェンスを最小化することに*ほかならず*、その最小値は 0 ではなく $H(\mathbf t)$ である。よく使われる one-hot の目標では $H(\mathbf t) = -1\cdot\log 1 = 0$ なので、交差エントロピーは KL ダイバージェンス $-\log y_{\text{true}}$ に**等しい**。以下のチェックでは [`cross_entropy_decomposition`](dlnotes.experiments.cross_entropy_decomposition) を使い、ソフトな目標（3 クラス）と書籍の one-hot の例の両方について両辺を計算する。対数はすべて自然対数である（単位は nat）。
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
""", r"""
## 損失の地形の上の勾配降下法（ノート 3.2）

ノート 3.2 はパラメータを $p \leftarrow p - \eta\,\partial\mathcal L/\partial p$ で更新する。厳密に言えば、これはただの**勾配降下法**である。これが*確率的*勾配降下法（ノートが付けている名前）になるのは、勾配を訓練データ全体ではなく無作為に選んだミニバッチで計算するとき、つまりノートブック 03-4 の [`Trainer`](dlnotes.trainer.Trainer) のようにするときだけである。

二次関数の上では、学習率にははっきりした上限がある。$\mathcal L = \frac a2 p^2$（曲率 $a$）では 1 ステップで $p \leftarrow (1-\eta a)\,p$ となるので、反復ごとに $p$ が縮むのは $|1-\eta a| < 1$、すなわち $0 < \eta < 2/a$ のときに限る。$1/a$ と $2/a$ の間では係数が負になり、$p$ は符号を交互に変えながら（振動しながら）縮む。$2/a$ を超えると大きくなっていく（発散する）。いくつもの方向をもつお椀形の関数では、**最も急な**方向の曲率が上限を決める。ここで使う二つの地形は $p^2$（$a = 2$）と書籍の $f(x,y) = x^2/20 + y^2$（曲率 $1/10$ と $2$）なので、どちらも臨界学習率は $2/2 = 1$ である。ところがお椀の上では、$y$ にとってちょうどよい 1 に近い学習率でも、係数が $1 - \eta/10$ である $x$ にとってはもどかしいほど遅い。
"""),
("code", r"""
plots.landscape_surface()
""", {"alt": "The bowl f(x, y) = x²/20 + y², left as a 3-D surface, right as contour lines (elongated ellipses, 20 times steeper in y than in x) with the start point (-7, 2) marked.", "alt_ja": "お椀形の関数 f(x, y) = x²/20 + y²。左は 3 次元の曲面、右は等高線（x 方向より y 方向が 20 倍急な、細長い楕円）で、出発点 (-7, 2) に印がある。"}),
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
""", r"""
下のエクスプローラは、ブラウザの中で勾配降下法を実行する（`landscapes.gd_path` を JavaScript に写したもの）。学習率は $10^{-3}$ からおよそ $3$ まで、対数目盛りで選べる。キャプションは、学習率を動かすとノート 3.2 のどの状況にあるかを示す。$\eta = 0.1$ 未満では係数 $1-2\eta$ が $0.8$ より大きいままで、経路はじりじりとしか進まない（**遅い**）。$0.5$ までは速く縮む（**速い**。ちょうど $0.5 = 1/a$ なら放物線の最小点に 1 ステップで着く）。$0.5$ と $1$ の間では谷を飛び越えては戻ってくる（**振動**）。ちょうど $1$ では $p$ と $-p$ の間を果てしなく往復し、$1$ を超えると遠ざかっていく（**発散**）。このときキャプションは $|p|$ が何ステップ目に $10^6$ を超えたかを示し、描画はそこで止まる。お椀に切り替えてみると、どの学習率でも $x$ 方向の動きは遅いままである。
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
""", r"""
## 確率的であるとは：ミニバッチのノイズ（ノート 3.2）

訓練データは大きいので、更新のたびに全体の勾配を一つ計算するのは高くつく。そこで SGD は $B$ 個の例からなる**ミニバッチ**を無作為に選び、それらの勾配の平均 $\mathbf g_B = \frac1B\sum_{i\in\text{batch}}\nabla\ell_i$ に沿って下る。ありうるすべての選び方にわたってこれを平均すると全体の勾配 $\mathbf g$ になるが、一回ごとの選び方ではいくらかのノイズの分だけずれる。ではどれくらいずれるのか。$B$ 個の例を独立かつ一様に、**復元抽出**で選ぶとする（書籍の `np.random.choice(train_size, batch_size)` はそうしている）。すると $\mathbf g_B$ は 1 例の勾配の独立なコピー $B$ 個の平均なので、その分散はちょうど

$$
\operatorname{E}\lVert\mathbf g_B-\mathbf g\rVert^2 = \frac{\sigma^2}{B},\qquad
\sigma^2 = \frac1N\sum_{i=1}^{N}\lVert\nabla\ell_i-\mathbf g\rVert^2
$$

となる。ここで訓練データは $N$ 個の例からなる。$B$ 個の*異なる*例を選ぶと（非復元抽出。ノートブック 03-4 の [`Trainer`](dlnotes.trainer.Trainer) のように、エポックごとにシャッフルするループはこうなる）、これに有限母集団修正の係数 $(N-B)/(N-1)$ が掛かる。ノイズはわずかに小さくなり、$B = N$ では消える。

これを目で見るには、図に描けるほど小さなモデルが要る。二つのパラメータ $\mathbf w = (w_1, w_2)$ をもつ線形最小二乗法を、シードで固定した $N = 256$ 個の例で考える：$\mathcal L(\mathbf w) = \frac1N\sum_i \frac12(\mathbf x_i\mathbf w^\top - t_i)^2$（[`sgd_problem`](dlnotes.experiments.sgd_problem)）。出発点 $(-1.5, 3)$ で、各サイズ $B = 1, 2, 4, \dots, 64$ についてバッチを 20,000 回ずつ選び、分散を測る（[`minibatch_gradient_variance`](dlnotes.experiments.minibatch_gradient_variance)）。
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
""", r"""
どの比も、20,000 回の抽出による標本誤差の範囲内で 1 に等しい。列「± s.e.」は、測った各分散の標準誤差をその分散に対する割合で表したもので、どの比も 1 から標準誤差のおよそ 2 倍以内にある（最大のずれは非復元抽出の $B = 1$ での 5 % だが、標準誤差が最も大きいのもそこである。小さなバッチでは、勾配の大きい少数の例が結果を左右する）。当てはめた傾きは $-1$ である。バッチを 2 倍にすると分散は半分になるので、ノイズの典型的な大きさは $1/\sqrt B$ の割合でしか減らない。非復元抽出では、測った分散はそれより小さい $\frac{\sigma^2}{B}\frac{N-B}{N-1}$ に従う。$B = 64$ ではこの係数は $192/255 \approx 0.75$ であり、図では四角の印が直線より下に落ちていることからわかる。
"""),
("code", r"""
plots.minibatch_variance_figure()
""", {"alt": "Log-log plot of the variance of the mini-batch gradient against the batch size B from 1 to 64. Filled circles (drawn with replacement) lie on the solid line sigma²/B; open squares (drawn without replacement) lie on the dotted curve sigma²/B times (N-B)/(N-1), which bends below the line as B grows towards N = 256.", "alt_ja": "ミニバッチ勾配の分散を、1 から 64 までのバッチサイズ B に対して描いた両対数グラフ。塗りつぶした丸（復元抽出）は実線 sigma²/B の上に並び、白抜きの四角（非復元抽出）は点線の曲線 sigma²/B × (N-B)/(N-1) の上に並ぶ。この曲線は、B が N = 256 に近づくにつれて直線より下へ曲がる。"}),
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
""", r"""
下のエクスプローラは、この問題で二つの方法を同じ出発点からブラウザの中で実行する。全データを使う勾配降下法（青）と、シードで固定したミニバッチ SGD の経路一本（赤）を、$\mathcal L(w_1, w_2)$ の等高線の上に描く（十字の印が最小点）。バッチサイズ $B$ を動かしてみよう。$B = 1$ では赤い経路は最小点に落ち着かず、その周りをさまよう。$B$ を大きくするにつれて、赤い経路は青い経路に寄り添っていく。学習率 $\eta$ を上げるとさまよいも大きくなる。1 ステップでノイズの $\eta$ 倍だけ動くからである。バッチはシードを固定して一度だけ選んであり（[`sgd_batch_indices`](dlnotes.experiments.sgd_batch_indices)：更新 60 回分、各 64 例、復元抽出。バッチサイズ $B$ では各行の最初の $B$ 個を使う）、ページに同梱されている。そのため、ページの JavaScript の規則（[`sgd_paths`](dlnotes.experiments.sgd_paths) を `dlnotes/js/sgd.js` に写したもの）は、Python が計算するのとまったく同じ経路を描く。
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
""", r"""
## ミニバッチ：1 回のバッチ更新と多数の小さな更新（ノート 003）

ノート 003 による Affine 層の逆伝播の証明は、ある観察で締めくくられている。
$\partial\mathcal L/\partial\mathbf W = \mathbf X^\top\,\partial\mathcal L/\partial\mathbf Y = \sum_i \mathbf x_i^\top\,\partial\mathcal L/\partial \mathbf y_i$
であるから、バッチでの 1 回の更新は、各例がそれぞれ行う更新の*和*に等しい。ただし、それらがすべて同じ重みで計算されるならばである。例を 1 件ずつ入力すると、その合間に重みが変わるので、二つのやり方は一致しない。ノート 003 は、学習率が小さければその違いは小さいと述べている。どれくらい小さいのか。逐次的な各ステップは $W$ を $O(\eta)$ だけ動かし、それが次の勾配を $O(\eta)$ だけ変え、それが次のステップを $O(\eta^2)$ だけ変える。したがって差は $\eta^2$ に比例して縮むはずである。（書籍のようにバッチの*平均*をとる場合、バッチ更新は例ごとの更新の平均になる。つまり、$\eta$ をバッチサイズで割っただけの同じ主張である。）
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
""", {"alt": "Log-log plot of the largest difference between the weights after one pass of sequential updates and after one batch update, against the learning rate: the points follow the dotted slope-2 guide, so the difference grows as the learning rate squared.", "alt_ja": "逐次更新を 1 巡したあとの重みと、1 回のバッチ更新のあとの重みとの最大の差を、学習率に対して描いた両対数グラフ。点は傾き 2 の点線の目安に沿って並び、差が学習率の 2 乗に比例して大きくなることがわかる。"}),
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
""", r"""
比 gap / $\eta^2$ はほぼ一定の値に落ち着き、当てはめた傾きは 2 である。二つのやり方は $\eta$ の 1 次までは一致し、2 次で分かれる。まさにノート 003 の注意が示唆するとおりである。

## 演習

1. ノートの MSE $\frac1C\lVert\mathbf y-\mathbf t\rVert^2$ を、書籍の*自信をもって正解している*予測について計算し、チェッカーに渡せ。
2. $f(x,y) = x^2/20 + y^2$ について、勾配降下法が発散し始める学習率はいくつか。
3. ソフトな目標 $\mathbf t = (0.5, 0.5)$ と予測 $\mathbf y = (0.8, 0.2)$ では、交差エントロピーは $H(\mathbf t,\mathbf y) \approx 0.9163$ nat である。そのうち KL ダイバージェンス $\mathrm{KL}(\mathbf t\Vert\mathbf y)$ の分はどれだけか。（小数第 4 位まででよい。）
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
""", r"""
:::{admonition} ヒント
:class: dropdown
書籍の予測について差の二乗を足し合わせると 0.195 になる。ノートはこれをクラス数 $C = 10$ で割る（書籍は 1/2 を掛ける）。
:::

:::{admonition} 解答例
:class: dropdown
$\frac{1}{10} \times 0.195 = 0.0195$。`check_note_mse(0.0195)`。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
各座標は互いに独立に動く：$x \leftarrow (1 - \eta/10)\,x$、$y \leftarrow (1 - 2\eta)\,y$。どちらかの係数の絶対値が 1 を超えたとたん、勾配降下法は発散する。
:::

:::{admonition} 解答例
:class: dropdown
$|1 - 2\eta| < 1$ には $\eta < 1$ が、$|1 - \eta/10| < 1$ には $\eta < 20$ が必要である。急な $y$ 方向が先に破綻するので、答えは $\eta = 1$ である。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
$\mathbf t = (0.5, 0.5)$ のエントロピーは $\ln 2$ である。これを交差エントロピーから引くか、*目標*で重みを付けて $\sum_k t_k \ln(t_k/y_k)$ を直接計算する。
:::

:::{admonition} 解答例
:class: dropdown
$\mathrm{KL} = 0.5\ln\frac{0.5}{0.8} + 0.5\ln\frac{0.5}{0.2} = 0.5\ln 1.5625 \approx 0.2231$ であり、実際 $0.9163 - \ln 2 = 0.9163 - 0.6931 = 0.2231$ となる。`check_kl_part(0.2231)`。
:::
"""),
]
