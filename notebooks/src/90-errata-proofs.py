CELLS = [
("md", r"""
# Errata, proven by computation

The [errata page](../book/errata.md) lists every problem found in the two notes. This notebook
holds the **proofs** for the entries that change a result: for each one it computes the
note's formula exactly as printed (the functions in [`dlnotes.notes`](dlnotes.notes) transcribe them), the
corrected formula, and an independent referee (a central-difference numerical gradient from
[`dlnotes.gradient`](dlnotes.gradient), or a second method), then prints the numbers. A relative error near
$10^{-9}$ or below means "agrees"; a relative error of order $10^{-1}$ or $1$ means "wrong".

The second half checks claims of the notes that turned out to be **right**, so the reader
knows which parts are safe to rely on.

Relative error is $\max_i |a_i-b_i| / \max(|a_i|+|b_i|, 10^{-8})$.
""", r"""
# 計算で証明する正誤表

[正誤表のページ](../book/errata.md)には、2 つのノートに見つかった問題をすべて挙げてある。このノートブックは、そのうち結果を変える項目の**証明**を収める。各項目について、ノートの式を印刷どおりに計算し（[`dlnotes.notes`](dlnotes.notes) の関数がそれを書き写している）、訂正した式と、独立した審判（[`dlnotes.gradient`](dlnotes.gradient) の中心差分による数値勾配、または別の方法）も計算して、その数値を出力する。相対誤差が $10^{-9}$ 程度以下なら「一致」、$10^{-1}$ や $1$ の桁なら「誤り」を意味する。

後半では、ノートの主張のうち**正しい**と確かめられたものを検証する。どの部分なら安心して頼れるかを読者が知るためである。

相対誤差は $\max_i |a_i-b_i| / \max(|a_i|+|b_i|, 10^{-8})$ で定める。
"""),
("code", r"""
import numpy as np
from dlnotes import notes
from dlnotes.functions import (
    softmax,
    cross_entropy_error,
    relu,
    sigmoid,
    sigmoid_grad,
    step_function,
)
from dlnotes.gradient import (
    numerical_gradient,
    numerical_diff,
    relative_error,
)
from dlnotes.layers import (
    Affine,
    Relu,
    Softmax,
    SoftmaxWithLoss,
    BatchNormalization,
)
from dlnotes.optimizers import SGD, Momentum, RMSprop, Adam
from dlnotes.datasets import load_digits
from dlnotes import gates

rng = np.random.default_rng(90)
# relative errors below 1e-6 print as agreement (their last digits depend on
# round-off)
def fmt(v):
    return "< 1e-6 (agrees)" if v < 1e-6 else f"{v:.2e}"
"""),
("md", r"""
(errata-relu-backward)=
## E1 · ReLU backward drops the upstream gradient (3.3.4 ReLU 関数の逆伝播)

The note's chain-rule sum is right, but its result is printed as $1$ or $0$; the factor
$\partial\mathcal L/\partial y_{pq}$ is lost. Correct: $\partial\mathcal L/\partial x_{pq} =
\partial\mathcal L/\partial y_{pq}$ where $x_{pq}>0$, else $0$. The referee is the numerical
gradient of $\mathcal L(\mathbf X) = \sum_{ij} [\mathbf G]_{ij}\,\mathrm{ReLU}([\mathbf X]_{ij})$,
whose upstream gradient is a fixed random $\mathbf G$.
""", r"""
(errata-relu-backward)=
## E1 · ReLU の逆伝播で上流の勾配が落ちている（3.3.4 ReLU 関数の逆伝播）

ノートの連鎖律の和は正しく立てられているが、その結果が $1$ または $0$ と書かれており、因子
$\partial\mathcal L/\partial y_{pq}$ が失われている。正しくは、$x_{pq}>0$ のとき
$\partial\mathcal L/\partial x_{pq} = \partial\mathcal L/\partial y_{pq}$、それ以外では $0$ である。審判には
$\mathcal L(\mathbf X) = \sum_{ij} [\mathbf G]_{ij}\,\mathrm{ReLU}([\mathbf X]_{ij})$ の数値勾配を用いる。
この損失の上流の勾配は、固定した乱数の行列 $\mathbf G$ である。
"""),
("code", r"""
# check: E1 -- note's ReLU backward vs corrected, both against a numerical
#   gradient
X = rng.normal(size=(3, 4)); G = rng.normal(size=(3, 4))
num = numerical_gradient(lambda _: float(np.sum(G * relu(X))), X)
layer = Relu(); layer.forward(X)
print(
    "note (1 or 0)     rel. error:",
    fmt(relative_error(notes.relu_backward_note(X, G), num)),
)
print(
    "corrected (G * 1[x>0]) rel. error:",
    fmt(relative_error(layer.backward(G), num)),
)
"""),
("md", r"""
(errata-softmax-jacobian)=
## E2 · Softmax Jacobian, first line, off-diagonal entries (3.3.5 Softmax 関数の逆伝播)

With $e_j = \exp(x_j)$ and $S=\sum_k e_k$, the note's first line writes the $j\neq q$ entry as
$-e_j e_j/S^2 = -y_j^2$. Since $\partial S/\partial x_q = e_q$ it must be
$-e_j e_q/S^2 = -y_j y_q$. The note's *final* line, $y_j(\delta_{jq}-y_q)$, is right: the
slip is undone silently in between. Below: the printed first line, the final line (the library's
`Softmax.jacobian`), and the numerical Jacobian, column by column.
""", r"""
(errata-softmax-jacobian)=
## E2 · Softmax のヤコビ行列、1 行目の非対角成分（3.3.5 Softmax 関数の逆伝播）

$e_j = \exp(x_j)$、$S=\sum_k e_k$ とおく。ノートの 1 行目は $j\neq q$ の成分を
$-e_j e_j/S^2 = -y_j^2$ と書いている。$\partial S/\partial x_q = e_q$ であるから、正しくは
$-e_j e_q/S^2 = -y_j y_q$ でなければならない。ノートの*最終*行 $y_j(\delta_{jq}-y_q)$ は正しい。
途中で誤りが断りなく打ち消されているのである。以下では、印刷どおりの 1 行目、最終行（ライブラリの
`Softmax.jacobian`）、数値的に求めたヤコビ行列を列ごとに比べる。
"""),
("code", r"""
# check: E2 -- softmax Jacobian: note's first line vs final line vs numerical
x = np.array([0.3, 2.9, 4.0])
num = np.stack(
    [numerical_gradient(lambda _: float(softmax(x)[j]), x) for j in range(3)]
)
sm = Softmax(); sm.forward(x[None, :])
print(
    "first line as printed rel. error:",
    fmt(relative_error(notes.softmax_jacobian_note_335_line1(x), num)),
)
print(
    "final line y_j(d_jq - y_q) rel. error:",
    fmt(relative_error(sm.jacobian()[0], num)),
)
print(
    "entry (j=2, q=3) from 1: printed",
    round(notes.softmax_jacobian_note_335_line1(x)[1, 2], 6),
    " true",
    round(num[1, 2], 6),
)
"""),
("md", r"""
(errata-ce-normalisation)=
## E3 · Two different cross-entropies (3.1.2 クロスエントロピー誤差 vs 3.3.6 クロスエントロピー誤差の逆伝播)

3.1.2 defines $\mathcal L = -\sum_j t_j\log y_j$ (no factor); 3.3.6 says it is "the loss defined
earlier" but writes $-\frac1C\sum_j t_j\log y_j$. The gradient of the softmax+cross-entropy pair
therefore differs by the factor $C$: $\mathbf Y-\mathbf T$ for 3.1.2, $(\mathbf Y-\mathbf T)/C$
for 3.3.6 (the note's 3.3.7 result). The book's code uses neither: it averages over the batch,
giving $(\mathbf Y-\mathbf T)/B$. Batch of $B=4$, $C=3$ classes:
""", r"""
(errata-ce-normalisation)=
## E3 · 2 つの異なる交差エントロピー誤差（3.1.2 クロスエントロピー誤差と 3.3.6 クロスエントロピー誤差の逆伝播）

3.1.2 は $\mathcal L = -\sum_j t_j\log y_j$ と定義する（係数なし）。3.3.6 はこれを先に定義した損失として
持ち出すが、$-\frac1C\sum_j t_j\log y_j$ と書いている。そのため Softmax 関数と交差エントロピー誤差の組の
勾配は係数 $C$ だけ異なる。3.1.2 では $\mathbf Y-\mathbf T$、3.3.6 では $(\mathbf Y-\mathbf T)/C$
（ノート 3.3.7 の結果）である。書籍のコードはどちらも使わず、バッチについて平均をとるので
$(\mathbf Y-\mathbf T)/B$ となる。$B=4$、クラス数 $C=3$ のバッチで確かめる。
"""),
("code", r"""
# check: E3 -- which gradient belongs to which loss (B = 4 rows, C = 3
#   classes)
X = rng.normal(size=(4, 3)); T = np.eye(3)[[0, 2, 1, 1]]; Y = softmax(X)
loss312 = lambda _: sum(
    notes.cross_entropy_note_312(softmax(X[i]), T[i]) for i in range(4)
)
loss336 = lambda _: sum(
    notes.cross_entropy_note_336(softmax(X[i]), T[i]) for i in range(4)
)
lossbook = lambda _: cross_entropy_error(softmax(X), T)
for name, f in [
    ("3.1.2 sum", loss312),
    ("3.3.6 sum", loss336),
    ("book mean", lossbook),
]:
    num = numerical_gradient(f, X)
    errs = [
        relative_error(g, num) for g in (Y - T, (Y - T) / 3, (Y - T) / 4)
    ]
    print(
        f"{name:9s} loss: rel. error vs (Y-T): {fmt(errs[0])}, (Y-T)/C:"
        f" {fmt(errs[1])}, (Y-T)/B: {fmt(errs[2])}"
    )
"""),
("md", r"""
(errata-softmax-ce-line4)=
## E4 · Softmax + cross-entropy, fourth line (3.3.7 Softmax 関数とクロスエントロピー誤差の組み合わせ)

The third line of the derivation sums to $\frac{y_q}{C}\sum_j t_j - \frac{t_q}{C}$. The note
factors this as $\frac{y_q}{C}\left(\sum_j t_j - t_q\right)$, which multiplies $t_q$ by $y_q$ as
well. With a one-hot $\mathbf t$ this line is $0$ for the true class, where the gradient is
$(y_q-1)/C$. The last line, $(y_q-t_q)/C$, is right again.
""", r"""
(errata-softmax-ce-line4)=
## E4 · Softmax と交差エントロピー誤差の組み合わせ、4 行目（3.3.7 Softmax 関数とクロスエントロピー誤差の組み合わせ）

導出の 3 行目を足し合わせると $\frac{y_q}{C}\sum_j t_j - \frac{t_q}{C}$ となる。ノートはこれを
$\frac{y_q}{C}\left(\sum_j t_j - t_q\right)$ とくくっており、$t_q$ にまで $y_q$ を掛けてしまっている。
one-hot 表現の $\mathbf t$ では、この行は正解クラスで $0$ になるが、そこでの勾配は $(y_q-1)/C$ である。
最終行 $(y_q-t_q)/C$ は再び正しい。
"""),
("code", r"""
# check: E4 -- the fourth line as printed vs the final line vs numerical
#   (one example, C = 3)
x = np.array([0.5, -1.0, 2.0]); t = np.array([0.0, 1.0, 0.0]); y = softmax(x)
num = numerical_gradient(
    lambda _: notes.cross_entropy_note_336(softmax(x), t), x
)
print(
    "line 4 as printed:",
    np.round(notes.softmax_ce_grad_note_337_line4(y, t), 6),
    "rel. error",
    fmt(relative_error(notes.softmax_ce_grad_note_337_line4(y, t), num)),
)
print(
    "final (y - t)/C:  ",
    np.round((y - t) / 3, 6),
    "rel. error",
    fmt(relative_error((y - t) / 3, num)),
)
"""),
("md", r"""
(errata-ce-log0)=
## E5 · Cross-entropy takes $\log 0$ (3.1.2, 3.3.6)

In floating point a softmax output underflows to exactly $0$ once its logit is about 745 below the
largest one; if that class is the true one, the note's formula gives $\log 0 = -\infty$, an
infinite loss, and its gradient $-t_j/(C x_j)$ divides by zero. Two corrections: clip the
probability from below (the book adds $10^{-7}$ inside the logarithm, `dlnotes` clips at
$10^{-300}$), which bounds the loss but caps it; or compute $\log y_j =
x_j - \max_k x_k - \log\sum_k e^{x_k-\max_k x_k}$ directly (log-softmax) gives the exact value.
Logits $(0, -800)$, true class 1:
""", r"""
(errata-ce-log0)=
## E5 · 交差エントロピー誤差が $\log 0$ をとる（3.1.2, 3.3.6）

浮動小数点数では、Softmax 関数の出力は、そのロジットが最大のものより約 745 小さくなると、ちょうど $0$ に
アンダーフローする。そのクラスが正解クラスであれば、ノートの式は $\log 0 = -\infty$、すなわち無限大の損失を
与え、その勾配 $-t_j/(C x_j)$ はゼロで割ることになる。訂正は 2 通りある。1 つは確率を下から切り詰める方法で
（書籍は対数の中に $10^{-7}$ を足し、`dlnotes` は $10^{-300}$ で切り詰める）、損失は有限に抑えられるが
頭打ちになる。もう 1 つは $\log y_j =
x_j - \max_k x_k - \log\sum_k e^{x_k-\max_k x_k}$ を直接計算する方法（対数ソフトマックス）で、正確な値が得られる。
ロジット $(0, -800)$、正解クラス 1 の場合：
"""),
("code", r"""
# check: E5 -- loss for logits (0, -800), true class 1
z = np.array([0.0, -800.0]); t = np.array([0.0, 1.0])
with np.errstate(divide="ignore", invalid="ignore"):
    print(
        "note -sum t log softmax:",
        notes.cross_entropy_note_312(softmax(z), t),
    )
print(
    "clipped at 1e-300:      ",
    round(float(cross_entropy_error(softmax(z), t)), 4),
)
log_softmax = z - z.max() - np.log(np.sum(np.exp(z - z.max())))
print("log-softmax (exact):    ", round(float(-np.sum(t * log_softmax)), 4))
"""),
("md", r"""
(errata-optimizer-eps)=
## E6 · RMSProp and Adam without $\varepsilon$ (4.1.2 RMSProp, 4.1.3 Adam)

Both updates divide by $\sqrt{\mathbf G}$. An entry whose gradient has been exactly $0$ so far
has $G=0$ and gets $0/0=\mathrm{NaN}$. This is not an edge case: in the bundled digits, pixels
0, 32 and 39 are $0$ in every training image, and in the first 100 images 12 pixels are, so the
gradient of every first-layer weight leaving those 12 pixels is exactly $0$ on that batch
($12\times10=120$ weights). One step of the note's update on the $64\times 10$ weight matrix of a
softmax classifier, on those 100 images:
""", r"""
(errata-optimizer-eps)=
## E6 · $\varepsilon$ のない RMSProp と Adam（4.1.2 RMSProp, 4.1.3 Adam）

どちらの更新も $\sqrt{\mathbf G}$ で割る。これまでの勾配がちょうど $0$ であった成分は $G=0$ となり、
$0/0=\mathrm{NaN}$ になる。これは特殊な場合ではない。同梱の手書き数字データでは、画素 0, 32, 39 が
すべての訓練画像で $0$ であり、最初の 100 枚では 12 個の画素がそうである。そのためこのバッチでは、その 12 画素から出る
第 1 層の重みの勾配はすべてちょうど $0$ になる（$12\times10=120$ 個の重み）。Softmax 分類器の
$64\times 10$ の重み行列に、この 100 枚でノートの更新を 1 ステップ適用する。
"""),
("code", r"""
# check: E6 -- NaN count after one literal RMSProp / Adam step on the digits
(x_tr, t_tr), _ = load_digits(seed=0)
W = rng.normal(scale=0.01, size=(64, 10)); b = np.zeros(10)
net = Affine(W, b); loss = SoftmaxWithLoss()
loss.forward(net.forward(x_tr[:100]), t_tr[:100])
net.backward(loss.backward())
print("zero-gradient weights:", int(np.sum(net.dW == 0)))
W_rms, _ = notes.rmsprop_step_note(W, np.zeros_like(W), net.dW)
W_adam, _, _ = notes.adam_step_note(
    W, np.zeros_like(W), np.zeros_like(W), net.dW
)
print(
    "NaN after note's RMSProp step:",
    int(np.isnan(W_rms).sum()),
    " after note's Adam step:",
    int(np.isnan(W_adam).sum()),
)
params = {"W": W.copy()}; Adam(eps=1e-7).update(params, {"W": net.dW})
print("NaN after Adam with eps = 1e-7:", int(np.isnan(params["W"]).sum()))
"""),
("md", r"""
(errata-adam-bias)=
## E7 · Adam without bias correction (4.1.3 Adam)

$\mathbf M$ and $\mathbf G$ start at $0$, so after $\tau$ steps of a constant gradient $g$ they are
$(1-\beta_1^\tau)g$ and $(1-\beta_2^\tau)g^2$. The note's step is then
$\eta\,(1-\beta_1^\tau)/\sqrt{1-\beta_2^\tau}$ instead of $\eta$ (default
$\beta_1=0.9,\ \beta_2=0.999$). The cell below prints it: $3.16\,\eta$ at $\tau=1$,
$6.53\,\eta$ at $\tau=10$, still $3.24\,\eta$ at $\tau=100$ (more than three times too large) and
$1.26\,\eta$ at $\tau=1000$, i.e. still about 26 % too large after a thousand steps. The factor
tends to $1$ only as $\beta_2^\tau\to0$, which takes several thousand steps. Adam as published
divides $\mathbf M$ by $1-\beta_1^\tau$ and $\mathbf G$ by $1-\beta_2^\tau$ (the book's code does
the same, in another form), and its step is exactly $\eta$ from the first step on.
Step sizes in units of $\eta$ for a constant gradient, and the relative error
$|\text{step}/\eta-1|$ of the note's step:
""", r"""
(errata-adam-bias)=
## E7 · バイアス補正のない Adam（4.1.3 Adam）

$\mathbf M$ と $\mathbf G$ は $0$ から始まるので、一定の勾配 $g$ で $\tau$ ステップ進めると、それぞれ
$(1-\beta_1^\tau)g$ と $(1-\beta_2^\tau)g^2$ になる。するとノートの更新幅は $\eta$ ではなく
$\eta\,(1-\beta_1^\tau)/\sqrt{1-\beta_2^\tau}$ となる（既定値は
$\beta_1=0.9,\ \beta_2=0.999$）。下のセルがこれを出力する。$\tau=1$ で $3.16\,\eta$、
$\tau=10$ で $6.53\,\eta$、$\tau=100$ でもまだ $3.24\,\eta$（3 倍以上も大きい）、
$\tau=1000$ で $1.26\,\eta$、つまり 1000 ステップ後もなお約 26 % 大きすぎる。この係数が $1$ に近づくのは
$\beta_2^\tau\to0$ となるときだけで、それには数千ステップかかる。論文で公表された Adam は $\mathbf M$ を
$1-\beta_1^\tau$ で、$\mathbf G$ を $1-\beta_2^\tau$ で割り（書籍のコードも別の形で同じことをしている）、
最初のステップから更新幅はちょうど $\eta$ になる。
一定の勾配に対する更新幅を $\eta$ を単位として示し、あわせてノートの更新幅の相対誤差
$|\text{step}/\eta-1|$ を示す。
"""),
("code", r"""
# check: E7 -- |step| / lr for a constant gradient, note's Adam vs
#   bias-corrected, and the note's relative error at steps 10, 100, 1000
g = np.array([0.3]); steps = {}
for label, bc in (("note", False), ("corrected", True)):
    opt, p, sizes = (
        Adam(lr=0.001, eps=0.0, bias_correction=bc),
        {"w": np.zeros(1)},
        [],
    )
    for _ in range(1000):
        before = p["w"].copy()
        opt.update(p, {"w": g})
        sizes.append(float(abs(p["w"] - before)[0]) / 0.001)
    steps[label] = sizes
    print(
        f"{label:9s} step 1: {sizes[0]:.4f}  10: {sizes[9]:.4f}"
        f"  100: {sizes[99]:.4f}  1000: {sizes[999]:.4f}"
    )
print("formula 0.1/sqrt(0.001) =", round(0.1 / np.sqrt(0.001), 4))
for k in (10, 100, 1000):
    rel = abs(steps["note"][k - 1] - 1.0)
    closed = (1 - 0.9**k) / np.sqrt(1 - 0.999**k)
    print(
        f"note's step {k:4d}: relative error {rel:.3f}"
        f"  (closed form {closed - 1:.3f})"
    )
"""),
("md", r"""
(errata-bn-variance)=
## E8 · Batch normalization divides by the variance (4.2.1.1 順伝播, 4.2.1.2 逆伝播)

The note calls $\sigma_j$ the variance, defines it as the mean squared deviation, and divides
$x-\mu_j$ by it. The normalised column then has standard deviation $1/\mathrm{std}$, not $1$,
and the result depends on the units of $x$. Its own backward formula (4.2.1.2) treats $\sigma_j$
as a standard deviation (it uses $\partial\sigma_j/\partial\sigma_j^2 = 1/(2\sigma_j)$), so with
the printed definition forward and backward do not match. Correct:
$z = (x-\mu)/\sqrt{\sigma^2+\varepsilon}$. Columns with standard deviation 0.5, 2 and 3:
""", r"""
(errata-bn-variance)=
## E8 · バッチ正規化が分散で割っている（4.2.1.1 順伝播, 4.2.1.2 逆伝播）

ノートは $\sigma_j$ を分散と呼び、偏差の 2 乗の平均として定義して、$x-\mu_j$ をそれで割っている。すると
正規化された列の標準偏差は $1$ ではなく $1/\mathrm{std}$ になり、結果は $x$ の単位に依存する。ノート自身の
逆伝播の式（4.2.1.2）は $\sigma_j$ を標準偏差として扱っている（$\partial\sigma_j/\partial\sigma_j^2 = 1/(2\sigma_j)$
を使う）ので、印刷どおりの定義では順伝播と逆伝播が合わない。正しくは
$z = (x-\mu)/\sqrt{\sigma^2+\varepsilon}$ である。標準偏差が 0.5, 2, 3 の列で確かめる。
"""),
("code", r"""
# check: E8 -- std of normalised columns, and the note's backward against
#   numerical gradients
X = rng.normal(size=(8, 3)) * np.array([0.5, 2.0, 3.0])
gamma, beta = rng.normal(size=3), rng.normal(size=3)
dY = rng.normal(size=(8, 3))
_, Z_note, _, var = notes.batchnorm_forward_note(X, gamma, beta)
print(
    "note's Z column std:",
    np.round(Z_note.std(axis=0), 4),
    " 1/std:",
    np.round(1 / np.sqrt(var), 4),
)
bn = BatchNormalization(gamma, beta, eps=1e-300); bn.forward(X)
print("library Z column std:", np.round(bn.xn.std(axis=0), 4))
num_note = numerical_gradient(
    lambda _: float(
        np.sum(notes.batchnorm_forward_note(X, gamma, beta)[0] * dY)
    ),
    X,
)
num_std = numerical_gradient(lambda _: float(np.sum(bn.forward(X) * dY)), X)
print(
    "backward with sigma = variance vs its own forward, rel. error:",
    fmt(
        relative_error(
            notes.batchnorm_backward_note(dY, Z_note, gamma, var), num_note
        )
    ),
)
bn.forward(X)
print(
    "backward with sigma = std vs corrected forward, rel. error:",
    fmt(
        relative_error(
            notes.batchnorm_backward_note(dY, bn.xn, gamma, bn.std), num_std
        )
    ),
)
"""),
("md", r"""
(errata-bn-eps)=
## E9 · Batch normalization without $\varepsilon$ (4.2.1.1 順伝播)

A column that is constant over the batch has zero variance and the note's $z$ is $0/0$. The
digits again supply such columns (the always-blank pixels). The library adds
$\varepsilon=10^{-5}$ to the variance.
""", r"""
(errata-bn-eps)=
## E9 · $\varepsilon$ のないバッチ正規化（4.2.1.1 順伝播）

バッチ全体で一定の列は分散が 0 になり、ノートの $z$ は $0/0$ となる。ここでも手書き数字データが
そのような列を与える（常に空白の画素）。ライブラリは分散に $\varepsilon=10^{-5}$ を足している。
"""),
("code", r"""
# check: E9 -- NaN columns when batch-normalising 100 raw digit images
Xd = x_tr[:100]
_, Zd, _, _ = notes.batchnorm_forward_note(Xd, np.ones(64), np.zeros(64))
print("note: columns containing NaN:", int(np.isnan(Zd).any(axis=0).sum()))
out = BatchNormalization(np.ones(64), np.zeros(64)).forward(Xd)
print(
    "with eps = 1e-5: columns containing NaN:",
    int(np.isnan(out).any(axis=0).sum()),
)
"""),
("md", r"""
(errata-bn-summary)=
## E10 · Batch-norm backward, first line of the summary (4.2.1.2 逆伝播)

<!-- note-notation -->
In the closing summary the first line gives $\partial\mathcal L/\partial x_j^{(i)}$ the value
that was just computed for $\partial\mathcal L/\partial u_j^{(i)}$; the term
$-\frac{1}{B\sigma_j}\sum_k \partial\mathcal L/\partial z_j^{(k)}$ that reaches $x$ through the
mean is missing. The second line adds it back and the final formula is right (E8, with
$\sigma$ the standard deviation).
""", r"""
(errata-bn-summary)=
## E10 · バッチ正規化の逆伝播、まとめの 1 行目（4.2.1.2 逆伝播）

<!-- note-notation -->
最後のまとめの 1 行目は、$\partial\mathcal L/\partial x_j^{(i)}$ に、直前に
$\partial\mathcal L/\partial u_j^{(i)}$ について求めた値をそのまま与えている。平均を通じて $x$ に届く項
$-\frac{1}{B\sigma_j}\sum_k \partial\mathcal L/\partial z_j^{(k)}$ が抜けているのである。2 行目でこの項が
戻され、最終的な式は正しい（E8 のとおり、$\sigma$ を標準偏差と読む場合）。
"""),
("code", r"""
# check: E10 -- summary line 1 vs the final formula, sigma = std, against
#   numerical
bn = BatchNormalization(gamma, beta, eps=1e-300); bn.forward(X)
line1 = notes.batchnorm_backward_note_summary_line1(dY, bn.xn, gamma, bn.std)
final = notes.batchnorm_backward_note(dY, bn.xn, gamma, bn.std)
print("summary line 1 rel. error:", fmt(relative_error(line1, num_std)))
print("final formula rel. error:", fmt(relative_error(final, num_std)))
print(
    "missing term equals -(1/(B sigma)) sum_k dL/dz:",
    bool(
        np.allclose(
            final - line1, -np.sum(gamma * dY, axis=0) / (8 * bn.std)
        )
    ),
)
"""),
("md", r"""
(errata-misleading)=
## Four misleading claims, checked

**ReLU is not differentiable at 0** (2.3 活性化関数, 2.3.2 ReLU 関数). Its one-sided derivatives
at 0 are $0$ and $1$; the note's backward uses $1$ there ($x\ge 0$), the book's code uses $0$.
Either is a valid subgradient, and the central difference splits them.

**Batched softmax is a matrix computation** (3.3.7 says neither softmax nor cross-entropy
can be written with matrices). With $\mathbf 1$ a column of ones, forward is
$\mathbf Y = \exp\mathbf X \oslash (\exp\mathbf X\,\mathbf 1\mathbf 1^\top)$ and backward is
$\mathbf Y\circ\bigl(\mathbf G - ((\mathbf G\circ\mathbf Y)\mathbf 1)\mathbf 1^\top\bigr)$.

**Inference must not use batch statistics** (4.2.1.1 says $\mu,\sigma$ are computed per column at
inference). With batch statistics the output for one example depends on which other examples
share its batch; the book (and the library) use running averages collected in training.

**What RMSProp fixes** (4.1.2 says a fixed step overshoots near the minimum and RMSProp shrinks it).
Dividing by the root mean square of recent gradients does the opposite near a minimum: as the
gradient shrinks, so does the divisor, and the step stays near $\eta$. On $\mathcal L=p^2/2$ from
$p=1$ with $\eta=0.01$, plain gradient descent converges while RMSProp ends up hopping around the
minimum with steps of about $\eta$. RMSProp's real job is to give each parameter its own scale.
""", r"""
(errata-misleading)=
## 誤解を招く 4 つの主張を確かめる

**ReLU は 0 で微分可能ではない**（2.3 活性化関数, 2.3.2 ReLU 関数）。0 における片側微分係数は
$0$ と $1$ である。ノートの逆伝播はそこで $1$ を使い（$x\ge 0$）、書籍のコードは $0$ を使う。
どちらも正しい劣勾配であり、中心差分はちょうどその中間の値をとる。

**バッチの Softmax 関数は行列計算で書ける**（3.3.7 は、Softmax 関数も交差エントロピー誤差も行列では
書けないと述べている）。$\mathbf 1$ を要素がすべて 1 の列ベクトルとすると、順伝播は
$\mathbf Y = \exp\mathbf X \oslash (\exp\mathbf X\,\mathbf 1\mathbf 1^\top)$、逆伝播は
$\mathbf Y\circ\bigl(\mathbf G - ((\mathbf G\circ\mathbf Y)\mathbf 1)\mathbf 1^\top\bigr)$ である。

**推論時にバッチの統計量を使ってはならない**（4.2.1.1 は、推論時に $\mu,\sigma$ を列ごとに計算するとしている）。
バッチの統計量を使うと、ある例に対する出力が、同じバッチにほかのどの例が入っているかに依存してしまう。
書籍（とライブラリ）は学習中に集めた移動平均を使う。

**RMSProp が解決するもの**（4.1.2 は、固定した更新幅では最小点の近くで行き過ぎるので、RMSProp がそれを
小さくすると述べている）。最近の勾配の 2 乗平均平方根で割ると、最小点の近くではむしろ逆のことが起こる。
勾配が小さくなると除数も小さくなり、更新幅は $\eta$ 程度にとどまるのである。$\mathcal L=p^2/2$ を
$p=1$ から $\eta=0.01$ で最小化すると、通常の勾配降下法は収束するが、RMSProp は最小点のまわりを $\eta$
程度の幅で跳ね回り続ける。RMSProp の本当の役割は、パラメータごとに固有のスケールを与えることである。
"""),
("code", r"""
# check: ReLU one-sided derivatives at 0, batched softmax by matrix
#   products, BN inference
print(
    "ReLU'(0): backward",
    numerical_diff(relu, 0.0, method="backward"),
    " forward",
    numerical_diff(relu, 0.0, method="forward"),
    " central",
    numerical_diff(relu, 0.0, method="central"),
)
X5 = rng.normal(size=(5, 4))
G5 = rng.normal(size=(5, 4))
one = np.ones((4, 1))
Y5 = np.exp(X5) / (np.exp(X5) @ one @ one.T)
sm = Softmax(); sm.forward(X5)
print(
    "matrix forward rel. error:",
    fmt(relative_error(Y5, softmax(X5))),
    " matrix backward rel. error:",
    fmt(
        relative_error(
            Y5 * (G5 - ((G5 * Y5) @ one) @ one.T), sm.backward(G5)
        )
    ),
)
bn = BatchNormalization(np.ones(4), np.zeros(4))
for _ in range(50):
    bn.forward(rng.normal(size=(16, 4)))
a, c1, c2 = (
    rng.normal(size=(1, 4)),
    rng.normal(size=(3, 4)),
    rng.normal(size=(3, 4)) + 2,
)
batch_stats = lambda M: BatchNormalization(np.ones(4), np.zeros(4)).forward(
    M
)[0]
print(
    "same example, two batches, batch statistics: max difference",
    round(
        float(
            np.abs(
                batch_stats(np.vstack([a, c1]))
                - batch_stats(np.vstack([a, c2]))
            ).max()
        ),
        4,
    ),
)
print(
    "same example, two batches, running averages: max difference",
    float(
        np.abs(
            bn.forward(np.vstack([a, c1]), train_flg=False)[0]
            - bn.forward(np.vstack([a, c2]), train_flg=False)[0]
        ).max()
    ),
)
for name, opt in (
    ("gradient descent", SGD(lr=0.01)),
    ("RMSProp", RMSprop(lr=0.01)),
):
    q = {"p": np.array([1.0])}
    for _ in range(2000):
        before = q["p"].copy(); opt.update(q, {"p": q["p"].copy()})
    print(
        f"{name} on p^2/2 after 2000 steps: |p| = {abs(q['p'][0]):.1e}, last"
        f" step = {abs(q['p'][0] - before[0]):.1e}"
    )
"""),
("md", r"""
## Claims checked and found correct

Each cell below tests a statement of the notes that is right as printed (or right once read with
the corrected notation of the [notation page](../book/notation.md)).

(verified-gates)=
### V1 · Perceptron gates and XOR (2.1 ニューロンの始まり, 2.2 多層パーセプトロン)

The note's AND neuron $f_{\text{step}}(x+y-1.5)$ has the AND truth table; with inputs in $\{0,1\}$ and no
weights, every sum is $\ge 0$, so every neuron fires (the note's argument for weights); no
$(w_1,w_2,b)$ on a fine grid separates XOR; XOR = AND(OR, NOT AND) reproduces the XOR table.
""", r"""
## 正しいと確かめられた主張

以下の各セルは、ノートの記述のうち、印刷どおりで正しいもの（または[記法のページ](../book/notation.md)の
訂正した記法で読めば正しいもの）を検証する。

(verified-gates)=
### V1 · パーセプトロンのゲートと XOR（2.1 ニューロンの始まり, 2.2 多層パーセプトロン）

ノートの AND ニューロン $f_{\text{step}}(x+y-1.5)$ は AND の真理値表をもつ。入力が $\{0,1\}$ で重みが
なければ、どの和も $\ge 0$ なので、すべてのニューロンが発火する（重みが必要だというノートの論拠）。
細かい格子上のどの $(w_1,w_2,b)$ も XOR を分離しない。XOR = AND(OR, NOT AND) は XOR の真理値表を再現する。
"""),
("code", r"""
# check: V1
print(
    "AND via x + y - 1.5:",
    gates.truth_table(
        lambda x, y: int(step_function(np.array(x + y - 1.5)))
    )[1].tolist(),
)
print(
    "unweighted sums of 0/1 inputs all fire:",
    bool(np.all(step_function(np.array([0.0, 1.0, 2.0])) == 1)),
)
print(
    "XOR separators on a 41^3 grid:",
    len(gates.search_linear_separators("XOR", np.linspace(-2, 2, 41))),
)
xor = lambda x, y: gates.AND(gates.OR(x, y), gates.NOT(gates.AND(x, y)))
print(
    "AND(OR, NOT AND):",
    [int(xor(x, y)) for x, y in [(0, 0), (0, 1), (1, 0), (1, 1)]],
)
"""),
("md", r"""
(verified-activations)=
### V2 · Activation functions (2.3.1 シグモイド関数, 2.3.2 ReLU 関数, 2.3.3 Softmax 関数, 2.5)

The sigmoid's slope is at most $1/4$ and almost $0$ for large $|x|$ (the vanishing-gradient
remark); ReLU is the running integral of the step function (a Riemann sum with step $10^{-4}$
agrees up to that step); softmax is unchanged by subtracting a
constant, and after the shift the largest term is $e^0=1$, so the denominator is at least $1$ and
very negative inputs only underflow to $0$ (the note's 「値が小さくても」 remark, right for the
shifted computation). Without the shift, inputs that are all very negative give $0/0$: the shift
protects the small side too, which the note does not say. ReLU/sigmoid act element-wise and
softmax row-wise on a batch.
""", r"""
(verified-activations)=
### V2 · 活性化関数（2.3.1 シグモイド関数, 2.3.2 ReLU 関数, 2.3.3 Softmax 関数, 2.5）

シグモイド関数の傾きは高々 $1/4$ で、$|x|$ が大きいとほぼ $0$ になる（勾配消失についての記述）。
ReLU はステップ関数の累積積分である（刻み幅 $10^{-4}$ のリーマン和が、その刻み幅の範囲で一致する）。
Softmax 関数は定数を引いても変わらない。最大値を引いた後では最大の項が $e^0=1$ になるので分母は $1$ 以上であり、
大きな負の入力の項は $0$ にアンダーフローするだけである（ノートの「値が小さくても」という記述は、最大値を
引いた計算については正しい）。引かなければ、すべての入力が大きな負の値のとき $0/0$ になる。つまり最大値を
引くことは小さい側も守るのであり、ノートはそのことを述べていない。ReLU とシグモイド関数はバッチに要素ごとに、
Softmax 関数は行ごとに作用する。
"""),
("code", r"""
# check: V2
print(
    "max sigmoid' =",
    float(sigmoid_grad(np.array(0.0))),
    " sigmoid'(10) =",
    f"{float(sigmoid_grad(np.array(10.0))):.2e}",
)
grid = np.linspace(-3, 3, 60001)
integral = np.cumsum(step_function(grid)) * (grid[1] - grid[0])
print(
    "max |integral of step - ReLU| on [-3, 3]:",
    round(float(np.abs(integral - relu(grid)).max()), 4),
)
x = np.array([1.0, 2.0, 3.0])
naive = (
    lambda v: np.exp(v) / np.exp(v).sum()
)  # no max shift, so the identity is really tested
print(
    "naive softmax(x - 100) vs naive softmax(x) rel. error:",
    fmt(relative_error(naive(x - 100), naive(x))),
)
Xb = rng.normal(size=(3, 4))
with np.errstate(invalid="ignore"):
    print(
        "very negative inputs: naive softmax",
        naive(np.array([-1000.0, -1000.0])),
        " shifted",
        softmax(np.array([-1000.0, -1000.0])),
    )
print("row-wise softmax of a batch = per-row softmax:",
      bool(np.allclose(softmax(Xb), np.stack([softmax(r) for r in Xb]))))
"""),
("md", r"""
(verified-affine)=
### V3 · Affine forward and backward (2.4 行列表現と Affine 層, 3.3.3 Affine 層の逆伝播, seed 003)

$y_j=\sum_i w_{j\leftarrow i}x_i+b_j$ equals $\mathbf y=\mathbf x\mathbf W+\mathbf b$ with
$w_{ij}=w_{j\leftarrow i}$; the note's $\mathbf X\mathbf W+\mathrm{Dup}_B(\mathbf b)$ (our $\mathbf X\mathbf W+\mathbf 1_B\mathbf b$) equals numpy's broadcast
sum; and the three gradients $\mathbf X^\top\,\partial\mathcal L/\partial\mathbf Y$,
$\partial\mathcal L/\partial\mathbf Y\,\mathbf W^\top$ and the column sums of
$\partial\mathcal L/\partial\mathbf Y$ match numerical gradients. The batch gradient of $\mathbf W$ is
the sum of the per-example gradients (003, for a loss that sums over examples).
""", r"""
(verified-affine)=
### V3 · Affine 層の順伝播と逆伝播（2.4 行列表現と Affine 層, 3.3.3 Affine 層の逆伝播, ノート 003）

$y_j=\sum_i w_{j\leftarrow i}x_i+b_j$ は、$w_{ij}=w_{j\leftarrow i}$ とおけば
$\mathbf y=\mathbf x\mathbf W+\mathbf b$ に等しい。ノートの $\mathbf X\mathbf W+\mathrm{Dup}_B(\mathbf b)$（本書の $\mathbf X\mathbf W+\mathbf 1_B\mathbf b$）は
NumPy のブロードキャストによる和に等しい。3 つの勾配 $\mathbf X^\top\,\partial\mathcal L/\partial\mathbf Y$、
$\partial\mathcal L/\partial\mathbf Y\,\mathbf W^\top$、および
$\partial\mathcal L/\partial\mathbf Y$ の列和は数値勾配と一致する。$\mathbf W$ のバッチでの勾配は、
各例の勾配の和である（ノート 003。例について和をとる損失の場合）。
"""),
("code", r"""
# check: V3 (batch B = 5, n = 4 inputs, m = 3 outputs)
Xa, Wa, ba, Ga = (
    rng.normal(size=(5, 4)),
    rng.normal(size=(4, 3)),
    rng.normal(size=3),
    rng.normal(size=(5, 3)),
)
loop = np.array(
    [[sum(Wa[i, j] * Xa[0, i] for i in range(4)) + ba[j] for j in range(3)]]
)
print(
    "neuron sums = x W + b:",
    bool(np.allclose(loop, Xa[:1] @ Wa + ba)),
    "  X W + Dup(b) = broadcast:",
    bool(np.array_equal(Xa @ Wa + np.tile(ba, (5, 1)), Xa @ Wa + ba)),
)
aff = Affine(Wa, ba); f = lambda _: float(np.sum(Ga * aff.forward(Xa)))
aff.forward(Xa); dX = aff.backward(Ga)
print(
    "dX rel. error:",
    fmt(relative_error(dX, numerical_gradient(f, Xa))),
    " dW rel. error:",
    fmt(relative_error(aff.dW, numerical_gradient(f, Wa))),
    " db rel. error:",
    fmt(relative_error(aff.db, numerical_gradient(f, ba))),
)
print(
    "dW = sum of per-example x_s^T g_s:",
    bool(np.allclose(aff.dW, sum(np.outer(Xa[s], Ga[s]) for s in range(5)))),
)
"""),
("md", r"""
(verified-sequential)=
### V4 · Batch update versus one example at a time (seed 003, closing remark)

The remark that updating after each example differs from one batch update, but only a little
for a small learning rate, is right: the difference shrinks like $\eta^2$ (the ratio
difference$/\eta^2$ settles to a constant), for the squared-error loss
$\sum_s \tfrac12\|\mathbf x_s\mathbf W+\mathbf b-\mathbf t_s\|^2$.
""", r"""
(verified-sequential)=
### V4 · バッチでの更新と 1 例ずつの更新（ノート 003、結びの注意）

例ごとに更新すると、バッチでの 1 回の更新とは結果が異なるが、学習率が小さければその差はわずかである。
この注意は正しい。差は $\eta^2$ に比例して小さくなる（比 差$/\eta^2$ は一定値に落ち着く）。
損失は 2 乗誤差 $\sum_s \tfrac12\|\mathbf x_s\mathbf W+\mathbf b-\mathbf t_s\|^2$ とする。
"""),
("code", r"""
# check: V4 -- ||W_batch - W_sequential|| / lr^2 for decreasing lr
Xs, Ts = rng.normal(size=(6, 4)), rng.normal(size=(6, 3))
for lr in (1e-1, 1e-2, 1e-3):
    (Wb, _), (Ws, _) = notes.affine_batch_vs_sequential(Xs, Ts, Wa, ba, lr)
    print(
        f"lr = {lr:g}: difference {np.linalg.norm(Wb - Ws):.3e}, difference"
        f" / lr^2 = {np.linalg.norm(Wb - Ws) / lr**2:.3f}"
    )
"""),
("md", r"""
(verified-numdiff)=
### V5 · Numerical differentiation (3.3.1 数値微分)

A negative step $h$ (the note's $\delta$) in $(\mathcal L(p+h)-\mathcal L(p))/h$ is exactly the
backward difference with step $|h|$; the central difference is more accurate (error $O(h^2)$
against $O(h)$). Test function $\sin$ at $p=1$, $|h|=10^{-3}$.
""", r"""
(verified-numdiff)=
### V5 · 数値微分（3.3.1 数値微分）

$(\mathcal L(p+h)-\mathcal L(p))/h$ で負の刻み幅 $h$（ノートの $\delta$）をとると、刻み幅 $|h|$ の
後方差分とまったく同じになる。中心差分のほうが精度が高い（誤差は $O(h)$ に対して $O(h^2)$）。
テスト関数は $p=1$ における $\sin$、刻み幅は $|h|=10^{-3}$ とする。
"""),
("code", r"""
# check: V5
p, d = 1.0, 1e-3
neg = (np.sin(p - d) - np.sin(p)) / (-d)
print(
    "delta < 0 equals backward difference:",
    bool(
        np.isclose(
            neg, numerical_diff(np.sin, p, d, "backward"), rtol=1e-12, atol=0
        )
    ),
)
for m in ("forward", "backward", "central"):
    print(
        f"{m:8s} error:"
        f" {abs(numerical_diff(np.sin, p, d, m) - np.cos(p)):.2e}"
    )
"""),
("md", r"""
(verified-softmax-ce)=
### V6 · Scalar chain rule, softmax backward, softmax + cross-entropy (3.3.2, 3.3.5, 3.3.6, 3.3.7)

For $y=wx+b$ the three partial derivatives $w\,\partial\mathcal L/\partial y$,
$x\,\partial\mathcal L/\partial y$, $\partial\mathcal L/\partial y$ hold (checked with
$\mathcal L=\sin y$); the final softmax backward
$\partial\mathcal L/\partial\mathbf x=\partial\mathcal L/\partial\mathbf y\,(\mathrm{diag}(\mathbf y)-\mathbf y^\top\mathbf y)$;
the 3.3.6 gradient $-t_j/(Cx_j)$; and the batched result $(\mathbf Y-\mathbf T)/C$ for the
sum of the 3.3.6 row losses.
""", r"""
(verified-softmax-ce)=
### V6 · スカラーの連鎖律、Softmax の逆伝播、Softmax と交差エントロピー誤差（3.3.2, 3.3.5, 3.3.6, 3.3.7）

$y=wx+b$ に対する 3 つの偏微分 $w\,\partial\mathcal L/\partial y$、
$x\,\partial\mathcal L/\partial y$、$\partial\mathcal L/\partial y$ が成り立つこと（$\mathcal L=\sin y$ で確認する）、
Softmax 関数の逆伝播の最終形
$\partial\mathcal L/\partial\mathbf x=\partial\mathcal L/\partial\mathbf y\,(\mathrm{diag}(\mathbf y)-\mathbf y^\top\mathbf y)$、
3.3.6 の勾配 $-t_j/(Cx_j)$、そして 3.3.6 の各行の損失の和に対するバッチでの結果
$(\mathbf Y-\mathbf T)/C$ を確かめる。
"""),
("code", r"""
# check: V6
w, xs, bs = 1.5, 0.7, -0.2; y = w * xs + bs; dLdy = np.cos(y)
nd = lambda f, v: numerical_diff(f, v)
print(
    "scalar chain rule errors:",
    fmt(
        max(
            abs(nd(lambda v: np.sin(w * v + bs), xs) - w * dLdy),
            abs(nd(lambda v: np.sin(v * xs + bs), w) - xs * dLdy),
            abs(nd(lambda v: np.sin(w * xs + v), bs) - dLdy),
        )
    ),
)
x = rng.normal(size=4); gvec = rng.normal(size=4); yv = softmax(x)
print(
    "softmax backward rel. error:",
    fmt(
        relative_error(
            gvec @ (np.diag(yv) - np.outer(yv, yv)),
            numerical_gradient(lambda _: float(gvec @ softmax(x)), x),
        )
    ),
)
yp = softmax(rng.normal(size=3)); tp = np.array([0.2, 0.5, 0.3])
print(
    "3.3.6 gradient -t/(C x) rel. error:",
    fmt(
        relative_error(
            -tp / (3 * yp),
            numerical_gradient(
                lambda _: notes.cross_entropy_note_336(yp, tp), yp
            ),
        )
    ),
)
Xc, Tc = rng.normal(size=(4, 3)), np.eye(3)[[1, 0, 2, 2]]
num = numerical_gradient(
    lambda _: sum(
        notes.cross_entropy_note_336(softmax(Xc[i]), Tc[i]) for i in range(4)
    ),
    Xc,
)
print(
    "(Y - T)/C rel. error:",
    fmt(
        relative_error(notes.softmax_ce_backward_note(softmax(Xc), Tc), num)
    ),
)
"""),
("md", r"""
(verified-training)=
### V7 · Gradient descent, Momentum, batch-norm parameter gradients (3.2, 4.1.1, 4.2.1.2)

<!-- note-notation -->
A small step against the slope lowers the loss; the note's Momentum
$M\leftarrow\alpha M-\eta\,\partial\mathcal L/\partial P,\ P\leftarrow P+M$ is the book's
(checked against the library over three steps); and
$\partial\mathcal L/\partial\gamma=\sum_k \partial\mathcal L/\partial\mathbf y^{(k)}\circ\mathbf z^{(k)}$,
$\partial\mathcal L/\partial\beta=\sum_k\partial\mathcal L/\partial\mathbf y^{(k)}$ match numerical
gradients.
""", r"""
(verified-training)=
### V7 · 勾配降下法、Momentum、バッチ正規化のパラメータの勾配（3.2, 4.1.1, 4.2.1.2）

<!-- note-notation -->
傾きに逆らって小さく 1 歩進むと損失は下がる。ノートの Momentum
$M\leftarrow\alpha M-\eta\,\partial\mathcal L/\partial P,\ P\leftarrow P+M$ は書籍のものと同じである
（ライブラリと 3 ステップにわたって比較した）。また
$\partial\mathcal L/\partial\gamma=\sum_k \partial\mathcal L/\partial\mathbf y^{(k)}\circ\mathbf z^{(k)}$ と
$\partial\mathcal L/\partial\beta=\sum_k\partial\mathcal L/\partial\mathbf y^{(k)}$ は数値勾配と一致する。
"""),
("code", r"""
# check: V7
pt = np.array([-7.0, 2.0])
L = lambda q: q[0] ** 2 / 20 + q[1] ** 2
grad = np.array([pt[0] / 10, 2 * pt[1]])
print(
    "loss before / after one step (eta = 0.1):",
    round(L(pt), 4),
    "/",
    round(L(pt - 0.1 * grad), 4),
)
Mv, P, params, opt = (
    np.zeros(2),
    pt.copy(),
    {"p": pt.copy()},
    Momentum(lr=0.1, momentum=0.9),
)
for _ in range(3):
    gP = np.array([P[0] / 10, 2 * P[1]])
    Mv = 0.9 * Mv - 0.1 * gP
    P = P + Mv
    opt.update(
        params, {"p": np.array([params["p"][0] / 10, 2 * params["p"][1]])}
    )
print(
    "note's Momentum after 3 steps:",
    np.round(P, 6),
    " library:",
    np.round(params["p"], 6),
)
bn = BatchNormalization(gamma.copy(), beta.copy(), eps=1e-300)
bn.forward(X)
bn.backward(dY)
fg = lambda _: float(np.sum(bn.forward(X) * dY))
print(
    "dgamma rel. error:",
    fmt(relative_error(bn.dgamma, numerical_gradient(fg, bn.gamma))),
    " dbeta rel. error:",
    fmt(relative_error(bn.dbeta, numerical_gradient(fg, bn.beta))),
)
"""),
("md", r"""
(verified-mse)=
### V8 · Mean squared error: a convention, not an error (3.1.1 平均二乗誤差)

The note's $\frac1C\|\mathbf y-\mathbf t\|^2$ is a true mean over the $C$ outputs; the book's
code uses $\frac12\sum_j(y_j-t_j)^2$. Both are fine losses with the same minimiser; their
gradients are $\frac2C(\mathbf y-\mathbf t)$ and $\mathbf y-\mathbf t$, so they differ by the
constant $2/C$ (a rescaled learning rate).
""", r"""
(verified-mse)=
### V8 · 平均二乗誤差：誤りではなく流儀の違い（3.1.1 平均二乗誤差）

ノートの $\frac1C\|\mathbf y-\mathbf t\|^2$ は $C$ 個の出力についての本当の平均である。書籍のコードは
$\frac12\sum_j(y_j-t_j)^2$ を使う。どちらも最小点が同じ正当な損失であり、勾配はそれぞれ
$\frac2C(\mathbf y-\mathbf t)$ と $\mathbf y-\mathbf t$ なので、定数 $2/C$ だけ異なる
（学習率を定数倍したことにあたる）。
"""),
("code", r"""
# check: V8 -- gradients of the two MSE conventions (C = 5)
from dlnotes.functions import mean_squared_error
ym, tm = softmax(rng.normal(size=5)), np.eye(5)[1]
g_note = numerical_gradient(lambda _: notes.mse_note(ym, tm), ym)
g_book = numerical_gradient(lambda _: mean_squared_error(ym, tm), ym)
print(
    "note's gradient vs 2(y - t)/C:",
    fmt(relative_error(g_note, 2 * (ym - tm) / 5)),
    " book's gradient vs (y - t):",
    fmt(relative_error(g_book, ym - tm)),
)
"""),
("md", r"""
## Entries added in the second audit, checked

The second line-by-line reading of the notes added entries to the [errata page](../book/errata.md).
None of them changes a computed result; three of them are claims about what a quantity *is*, and
the cells below compute the quantity.

(errata-ce-not-distance)=
### I4 · Cross-entropy is not zero when the two distributions agree (3.1.2 クロスエントロピー誤差)

3.1.2 says the cross-entropy expresses the error between the two distributions. It is smallest
when the prediction equals the target, but its value there is the target's entropy
$H(\mathbf t)=-\sum_j t_j\log t_j$, which is $0$ only for a one-hot target. What vanishes exactly
when the distributions agree is the Kullback–Leibler divergence
$\mathrm{KL}(\mathbf t\,\|\,\mathbf y)=\sum_j t_j\log(t_j/y_j)$, the cross-entropy minus
$H(\mathbf t)$. For the one-hot targets of classification the two coincide.
""", r"""
## 2 回目の精査で追加した項目を確かめる

ノートを 1 行ずつ読み直した 2 回目の精査で、[正誤表のページ](../book/errata.md)に項目が追加された。
いずれも計算結果を変えるものではないが、そのうち 3 つはある量が*何であるか*についての主張なので、
以下のセルでその量を計算する。

(errata-ce-not-distance)=
### I4 · 2 つの分布が一致しても交差エントロピー誤差は 0 にならない（3.1.2 クロスエントロピー誤差）

3.1.2 は、交差エントロピー誤差が 2 つの分布の誤差を表すとしている。予測が教師データに等しいとき最小になる
のは確かだが、そこでの値は教師データのエントロピー $H(\mathbf t)=-\sum_j t_j\log t_j$ であり、これが $0$ に
なるのは one-hot 表現の教師データに限られる。分布が一致するとき、かつそのときに限り消えるのは
Kullback–Leibler ダイバージェンス
$\mathrm{KL}(\mathbf t\,\|\,\mathbf y)=\sum_j t_j\log(t_j/y_j)$、すなわち交差エントロピー誤差から
$H(\mathbf t)$ を引いたものである。分類で使う one-hot 表現の教師データでは、両者は一致する。
"""),
("code", r"""
# check: I4 -- cross-entropy (3.1.2) of a target with itself, entropy and KL
t_soft = np.array([0.2, 0.5, 0.3]); y_other = np.array([0.3, 0.4, 0.3])
ce_self = notes.cross_entropy_note_312(t_soft, t_soft)
entropy = float(-np.sum(t_soft * np.log(t_soft)))
kl = lambda t, y: float(np.sum(t * np.log(t / y)))
print(f"CE(t, t) = {ce_self:.4f}   H(t) = {entropy:.4f}"
      f"   KL(t||t) = {kl(t_soft, t_soft):.4f}")
ce_other = notes.cross_entropy_note_312(y_other, t_soft)
print(f"CE(t, y) = {ce_other:.4f}   H(t) + KL(t||y) ="
      f" {entropy + kl(t_soft, y_other):.4f}")
one_hot = np.array([0.0, 1.0, 0.0])
y_hot = np.array([1e-300, 1.0, 1e-300])
ce_hot = notes.cross_entropy_note_312(y_hot, one_hot)
# + 0.0 turns -0.0 into 0.0
print("one-hot target: CE(t, t) =", ce_hot + 0.0)
"""),
("md", r"""
(errata-rmsprop-average)=
### M15 · RMSProp averages squared gradients, not step sizes (4.1.2 RMSProp)

4.1.2 says the quantity kept as an exponential moving average is the size of the updates
(「更新幅」). The formula averages $\partial\mathcal L/\partial\mathbf P\circ\partial\mathcal L/\partial\mathbf P$,
the squared *gradient*. The two behave differently: multiply the loss by $100$ and every gradient
grows by $100$, the accumulator $\mathbf G$ by $10^4$, while the steps of the update do not change
at all. Below, the note's RMSProp step (`notes.rmsprop_step_note`) on
$\mathcal L=c\,p^2/2$ from $p=1$ for $c=1$ and $c=100$, 50 steps each:
""", r"""
(errata-rmsprop-average)=
### M15 · RMSProp が平均するのは勾配の 2 乗であり、更新幅ではない（4.1.2 RMSProp）

4.1.2 は、指数移動平均として保持する量を更新の大きさ（「更新幅」）としている。しかし式が平均しているのは
$\partial\mathcal L/\partial\mathbf P\circ\partial\mathcal L/\partial\mathbf P$、すなわち*勾配*の 2 乗である。
両者の振る舞いは異なる。損失を $100$ 倍すると、勾配はどれも $100$ 倍、蓄積量 $\mathbf G$ は $10^4$ 倍に
なるが、更新の幅はまったく変わらない。以下では、$\mathcal L=c\,p^2/2$ に対してノートの RMSProp の更新
（`notes.rmsprop_step_note`）を $p=1$ から、$c=1$ と $c=100$ のそれぞれについて 50 ステップ行う。
"""),
("code", r"""
# check: M15 -- note's RMSProp on c p^2 / 2, c = 1 and c = 100
runs = {}
for c in (1.0, 100.0):
    p_, G_, deltas = np.array([1.0]), np.zeros(1), []
    for _ in range(50):
        p_new, G_ = notes.rmsprop_step_note(p_, G_, c * p_)
        deltas.append(float(abs(p_new - p_)[0])); p_ = p_new
    runs[c] = (float(G_[0]), np.array(deltas))
print(f"G after 50 steps: c = 1: {runs[1.0][0]:.6e}"
      f"   c = 100: {runs[100.0][0]:.6e}")
print(f"ratio of G: {runs[100.0][0] / runs[1.0][0]:.1f}")
print("largest relative difference between the two runs' steps:",
      fmt(float(np.max(np.abs(runs[100.0][1] - runs[1.0][1])
                       / runs[1.0][1]))))
"""),
("md", r"""
(errata-bn-gamma-beta)=
### I5 · $\gamma_j$ scales, $\beta_j$ shifts (4.2.1.1 順伝播)

4.2.1.1 says $\gamma_j$ and $\beta_j$ are there to scale the normalized data suitably. Only
$\gamma_j$ scales; $\beta_j$ moves the column's mean. Together they can undo the normalization
completely: with $\gamma_j=s_j$ and $\beta_j=\mu_j$ the layer returns its input, so batch
normalization never removes something the network needs. Columns with means $(1,-2,5)$ and
standard deviations $(0.5,2,3)$, $B=8$:
""", r"""
(errata-bn-gamma-beta)=
### I5 · $\gamma_j$ はスケールを変え、$\beta_j$ は位置をずらす（4.2.1.1 順伝播）

4.2.1.1 は、$\gamma_j$ と $\beta_j$ は正規化したデータを適切にスケールするためのものだとしている。
スケールを変えるのは $\gamma_j$ だけで、$\beta_j$ は列の平均を動かす。両者を合わせると正規化を完全に
元に戻せる。$\gamma_j=s_j$、$\beta_j=\mu_j$ とすれば層は入力をそのまま返すので、バッチ正規化が
ネットワークに必要なものを取り除いてしまうことはない。平均 $(1,-2,5)$、標準偏差 $(0.5,2,3)$ の列、
$B=8$ で確かめる。
"""),
("code", r"""
# check: I5 -- what gamma and beta do in batch normalization (B = 8, d = 3)
rng5 = np.random.default_rng(905)
X5 = rng5.normal(size=(8, 3)) * np.array([0.5, 2.0, 3.0]) + np.array(
    [1.0, -2.0, 5.0]
)
gam = np.array([2.0, 0.5, 3.0]); bet = np.array([-1.0, 4.0, 0.0])
out = BatchNormalization(gam, bet, eps=1e-300).forward(X5)
print("gamma:", gam, " output column std:", np.round(out.std(axis=0), 12))
print("beta: ", bet, " output column mean:",
      np.round(out.mean(axis=0), 12) + 0.0)
s_cols = np.sqrt(X5.var(axis=0) + 1e-300)
undo = BatchNormalization(s_cols, X5.mean(axis=0), eps=1e-300).forward(X5)
print("gamma = s_j, beta = mu_j gives the input back:",
      bool(np.allclose(undo, X5, rtol=0, atol=1e-12)))
"""),
("md", r"""
## Entries added in the third audit, checked

A third line-by-line reading of sections 2.3.3, 3.1, 3.3.1 and 3.3.3 added seven entries to the
[errata page](../book/errata.md). Four of them are settled by a number, computed below.

(errata-numdiff-rounding)=
### F2 · An extremely small step loses the derivative to rounding (3.3.1 数値微分)

3.3.1 approximates the limit in the definition of the derivative by making the step (the
note's δ, our $h$) extremely small. On paper that only helps: for $\mathcal L(p)=p^2$ at $p=1$
(derivative $2$) the forward quotient is exactly $2+h$ and the central quotient exactly $2$, for
every $h$.
In float64, $\mathcal L(p+h)$ and $\mathcal L(p)$ each carry a rounding error of about
$\varepsilon_{\text{mach}}|\mathcal L|$ ($\varepsilon_{\text{mach}}=2^{-52}\approx2.2\times10^{-16}$);
the subtraction keeps that error and the division by $h$ magnifies it. The error therefore
falls with $h$ only down to about $\sqrt{\varepsilon_{\text{mach}}}\approx10^{-8}$ (forward)
or $\varepsilon_{\text{mach}}^{1/3}\approx10^{-5}$ (central) and grows again below. Once
$h\le\varepsilon_{\text{mach}}/2$, $1+h$ rounds to $1$ and the forward quotient is $0$.
The quotients below are the note's formulas, computed directly:
""", r"""
## 3 回目の精査で追加した項目を確かめる

2.3.3、3.1、3.3.1、3.3.3 の各節を 1 行ずつ読み直した 3 回目の精査で、[正誤表のページ](../book/errata.md)に
7 つの項目が追加された。そのうち 4 つは数値で決着がつくので、以下で計算する。

(errata-numdiff-rounding)=
### F2 · 刻み幅を極端に小さくすると、微分係数が丸め誤差に埋もれる（3.3.1 数値微分）

3.3.1 は、微分係数の定義にある極限を、刻み幅（ノートの δ、本書の $h$）を極めて小さくすることで
近似している。紙の上では小さいほど良い。$p=1$ における $\mathcal L(p)=p^2$（微分係数は $2$）では、前方差分の商はどの $h$ でも
ちょうど $2+h$、中心差分の商はちょうど $2$ である。float64 では、$\mathcal L(p+h)$ と
$\mathcal L(p)$ はそれぞれおよそ $\varepsilon_{\text{mach}}|\mathcal L|$ の丸め誤差を含み
（$\varepsilon_{\text{mach}}=2^{-52}\approx2.2\times10^{-16}$）、引き算はその誤差を残したまま、$h$ で
割ることがそれを拡大する。そのため誤差が $h$ とともに減るのは、前方差分ではおよそ
$\sqrt{\varepsilon_{\text{mach}}}\approx10^{-8}$、中心差分ではおよそ $\varepsilon_{\text{mach}}^{1/3}\approx10^{-5}$
までであり、それより小さくすると再び増える。$h\le\varepsilon_{\text{mach}}/2$ になると $1+h$ は $1$ に
丸められ、前方差分の商は $0$ になる。以下の商はノートの式をそのまま計算したものである。
"""),
("code", r"""
# check: F2 -- L(p) = p**2 at p = 1 (derivative 2): error of the note's two
#   quotients; + - * / only, so every IEEE-754 machine prints the same digits
L = lambda p: p * p
print("h        forward error   central error")
for d in (1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14, 1e-16):
    fwd = (L(1.0 + d) - L(1.0)) / d
    cen = (L(1.0 + d) - L(1.0 - d)) / (2 * d)
    print(f"{d:.0e}    {abs(fwd - 2):.2e}        {abs(cen - 2):.2e}")
print("1 + 1e-16 == 1:", 1.0 + 1e-16 == 1.0,
      "  forward quotient at h = 1e-16:",
      (L(1.0 + 1e-16) - L(1.0)) / 1e-16)
"""),
("md", r"""
(errata-central-order)=
### I7 · "The central difference is more accurate" is a statement about small steps (3.3.1 数値微分)

What analysis shows is an order: the forward error is $\tfrac12\mathcal L''(p)\,h+O(h^2)$,
the central error $\tfrac16\mathcal L'''(p)\,h^2+O(h^4)$. The central difference wins for
small enough $h$ when $\mathcal L''(p)\neq0$ and rounding does not dominate, not for every
$h$. The table above shows the rounding regime: at $h=10^{-10}$ and $10^{-14}$ the two
errors are equal. Where $\mathcal L''(p)=0$ the forward error is of order
$h^2$ too: for $\mathcal L(p)=p^3$ at $p=0$ (derivative $0$) the two quotients are the same
number, $h^2$.
""", r"""
(errata-central-order)=
### I7 · 「中心差分のほうが精度が高い」は小さい刻み幅についての主張である（3.3.1 数値微分）

解析で示せるのは次数である。前方差分の誤差は $\tfrac12\mathcal L''(p)\,h+O(h^2)$、中心差分の誤差は
$\tfrac16\mathcal L'''(p)\,h^2+O(h^4)$ である。中心差分が勝つのは、$\mathcal L''(p)\neq0$ で、丸め誤差が
支配的でない範囲で $h$ が十分小さいときであり、どの $h$ でも勝つわけではない。上の表には丸め誤差が
支配的な領域が現れている。$h=10^{-10}$ と $10^{-14}$ では 2 つの誤差が等しい。$\mathcal L''(p)=0$ となる点では、
前方差分の誤差も $h^2$ の次数になる。$p=0$ における $\mathcal L(p)=p^3$（微分係数は $0$）では、2 つの商は
同じ数 $h^2$ になる。
"""),
("code", r"""
# check: I7 -- L(p) = p**3 at p = 0, where L'(0) = 0 and L''(0) = 0
K = lambda p: p * p * p
for d in (1e-1, 1e-2, 1e-3):
    fwd = (K(d) - K(0.0)) / d
    cen = (K(d) - K(-d)) / (2 * d)
    print(f"h = {d:.0e}: forward error {abs(fwd):.2e}"
          f"   central error {abs(cen):.2e}   same number: {fwd == cen}")
"""),
("md", r"""
(errata-softmax-share)=
### M17 · Softmax is the share of $e^{x_i}$, not of $x_i$ (2.3.3 Softmax 関数)

2.3.3 describes the output as something like the share of $x_i$ in the whole. It is exactly the
share of $e^{x_i}$ in $\sum_je^{x_j}$, and the share of $x_i$ itself, $x_i/\sum_jx_j$, behaves
otherwise: it does not change when $\mathbf x$ is scaled and does change when a constant is added,
softmax the other way round (the shift invariance the note proves next). For inputs of mixed
sign the share of $x_i$ can be negative or above $1$, or undefined when $\sum_jx_j=0$:
""", r"""
(errata-softmax-share)=
### M17 · Softmax 関数は $x_i$ ではなく $e^{x_i}$ の割合である（2.3.3 Softmax 関数）

2.3.3 は出力を、全体に占める $x_i$ の割合のようなものと説明している。出力はちょうど $\sum_je^{x_j}$ に占める
$e^{x_i}$ の割合であり、$x_i$ そのものの割合 $x_i/\sum_jx_j$ は別の振る舞いをする。$\mathbf x$ を定数倍しても
変わらず、定数を足すと変わる。Softmax 関数はその逆である（ノートが次に証明する、定数を引いても変わらない性質）。
符号の混じった入力では、$x_i$ の割合は負にも $1$ より大きくもなり、$\sum_jx_j=0$ なら定義されない。
"""),
("code", r"""
# check: M17 -- the share of x_i versus softmax (the share of exp(x_i))
x3 = np.array([1.0, 2.0, 3.0])
for name, v in (("x", x3), ("2x", 2 * x3), ("x + 10", x3 + 10)):
    print(f"{name:6s}  share of x_i {np.round(v / v.sum(), 3)}"
          f"   softmax {np.round(softmax(v), 3)}")
e3 = np.exp(x3)
print("softmax(x) equals the share of exp(x_i):",
      bool(np.allclose(softmax(x3), e3 / e3.sum(), rtol=1e-14, atol=0)))
xm = np.array([-1.0, 2.0])
print("x = (-1, 2): share of x_i", xm / xm.sum(),
      "  softmax", np.round(softmax(xm), 3))
"""),
("md", r"""
(errata-softmax-range)=
### I6 · Softmax outputs lie strictly between 0 and 1, except in floating point (2.3.3 Softmax 関数)

On paper every output is positive, $e^{x_i}>0$, and below $1$ when there are two or more
classes, since the denominator has other positive terms. The strict $y_i>0$ is what
3.1.2 needs: $\log y_i$ is finite only then. In float64 both bounds are reached. With logits
$(0,-g)$, $y_1=1/(1+e^{-g})$ is exactly $1.0$ as soon as $e^{-g}\le2^{-53}$, i.e. from
$g=37$ on ($53\ln 2\approx36.7$), and $y_2=e^{-g}/(1+e^{-g})$ underflows to $0$ beyond
$g\approx745$; its logarithm is then $-\infty$ instead of about $-g$ (F1).
""", r"""
(errata-softmax-range)=
### I6 · Softmax 関数の出力は 0 と 1 の間に厳密に収まる。ただし浮動小数点数では違う（2.3.3 Softmax 関数）

紙の上では、どの出力も正（$e^{x_i}>0$）であり、クラスが 2 つ以上あれば分母にほかの正の項があるので $1$ より
小さい。3.1.2 が必要とするのはこの厳密な $y_i>0$ であり、そのときに限り $\log y_i$ は有限である。float64 では
両端に届いてしまう。ロジット $(0,-g)$ では、$y_1=1/(1+e^{-g})$ は $e^{-g}\le2^{-53}$ となったとたん、すなわち
$g=37$ 以降（$53\ln 2\approx36.7$）ちょうど $1.0$ になり、$y_2=e^{-g}/(1+e^{-g})$ は $g\approx745$ を超えると
$0$ にアンダーフローする。その対数は、およそ $-g$ ではなく $-\infty$ になる（F1）。
"""),
("code", r"""
# check: I6 -- softmax of the logits (0, -g) in float64
for g in (36.0, 37.0, 800.0):
    y = softmax(np.array([0.0, -g]))
    print(f"g = {g:3.0f}: 1 - y_1 = {1.0 - y[0]:.1e}   y_2 = {y[1]:.2e}"
          f"   y_1 == 1: {bool(y[0] == 1.0)}"
          f"   y_2 == 0: {bool(y[1] == 0.0)}")
with np.errstate(divide="ignore"):
    log_y2 = float(np.log(softmax(np.array([0.0, -800.0]))[1]))
print(f"g = 800: exact y_2 = 10**{-800 / np.log(10):.2f} > 0 and"
      f" log y_2 = -800; float64 log y_2 = {log_y2}")
"""),
]
