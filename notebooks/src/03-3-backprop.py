CELLS = [
("md", r"""
# Backpropagation

Note 3.3 (誤差逆伝播法, backpropagation) computes every partial derivative of the loss with the
chain rule, layer by layer from the output back to the input. This page goes through its
subsections — 3.3.2 (実数の逆伝播, backpropagation for real numbers), 3.3.3 (Affine 層の逆伝播),
3.3.4 (ReLU 関数の逆伝播), 3.3.5 (Softmax 関数の逆伝播), 3.3.6 (クロスエントロピー誤差の逆伝播) and
3.3.7 (Softmax 関数とクロスエントロピー誤差の組み合わせ) — plus the separate proof of the Affine
layer's backward pass (seed 003 「Affine レイヤ」). Every formula is checked against the numerical
gradients of notebook 03-2, and the Affine and softmax formulas also exactly, with symbols
(SymPy); where the note's printed result differs from the correct one, both are computed.
Notation as in the [notation page](../book/notation.md): batch size $B$, layer widths $n \to m$,
summation index $k$, loss $\mathcal L$, Kronecker delta $\delta_{ij}$ (1 if $i=j$, else 0).
""", r"""
# 誤差逆伝播法

ノート 3.3（誤差逆伝播法）は、損失のすべての偏微分を連鎖律によって、出力から入力へと層ごとにさかのぼりながら計算する。このページでは、その小節 3.3.2（実数の逆伝播）、3.3.3（Affine 層の逆伝播）、3.3.4（ReLU 関数の逆伝播）、3.3.5（Softmax 関数の逆伝播）、3.3.6（クロスエントロピー誤差の逆伝播）、3.3.7（Softmax 関数とクロスエントロピー誤差の組み合わせ）を順にたどり、さらに Affine 層の逆伝播を別に証明したノート 003（「Affine レイヤ」）も扱う。どの式もノートブック 03-2 の数値勾配と照らし合わせ、Affine と Softmax 関数の式は記号計算（SymPy）によって厳密にも確かめる。ノートに書かれた結果が正しいものと異なる箇所では、両方を計算する。記法は[記法のページ](../book/notation.md)に従う：バッチサイズ $B$、層の幅 $n \to m$、和の添字 $k$、損失 $\mathcal L$、クロネッカーのデルタ $\delta_{ij}$（$i=j$ なら 1、それ以外は 0）。
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
from dlnotes import plots, widgets, exercises, experiments, symbolic
rng = np.random.default_rng(0)
"""),
("md", r"""
## The chain rule on one neuron (note 3.3.2)

Take $y = wx + b$ followed by a loss $\mathcal L(y)$; here $\mathcal L = \tfrac12 (y-t)^2$. A
layer only needs to know the gradient arriving from above, $\partial\mathcal L/\partial y$, and
its own local derivatives $\partial y/\partial x = w$, $\partial y/\partial w = x$,
$\partial y/\partial b = 1$. Multiplying gives
$\partial\mathcal L/\partial x = w\,\partial\mathcal L/\partial y$,
$\partial\mathcal L/\partial w = x\,\partial\mathcal L/\partial y$ and
$\partial\mathcal L/\partial b = \partial\mathcal L/\partial y$; the first of these is what
the previous layer receives as *its* upstream gradient.
""", r"""
## 一つのニューロンでの連鎖律（ノート 3.3.2）

$y = wx + b$ の後に損失 $\mathcal L(y)$ が続くとし、ここでは $\mathcal L = \tfrac12 (y-t)^2$ とする。層が知る必要があるのは、上から届く勾配 $\partial\mathcal L/\partial y$ と、自分自身の局所的な微分 $\partial y/\partial x = w$、$\partial y/\partial w = x$、$\partial y/\partial b = 1$ だけである。これらを掛け合わせると $\partial\mathcal L/\partial x = w\,\partial\mathcal L/\partial y$、$\partial\mathcal L/\partial w = x\,\partial\mathcal L/\partial y$、$\partial\mathcal L/\partial b = \partial\mathcal L/\partial y$ が得られる。このうち最初のものが、一つ前の層が*自分にとっての*上流の勾配として受け取る値である。
"""),
("code", r"""
plots.chain_rule_graph(x=2.0, w=-1.5, b=0.5, t=1.0)
""", {"alt": "Computational graph of y = w x + b and L = ½(y − t)² with x = 2, w = -1.5, b = 0.5, t = 1: forward values in black (w x = -3, y = -2.5, L = 6.125) and backward gradients in red (∂L/∂y = -3.5, ∂L/∂x = 5.25, ∂L/∂w = -7, ∂L/∂b = -3.5).", "alt_ja": "y = w x + b と L = ½(y − t)² の計算グラフ（x = 2, w = -1.5, b = 0.5, t = 1）。順伝播の値を黒で（w x = -3, y = -2.5, L = 6.125）、逆伝播の勾配を赤で（∂L/∂y = -3.5, ∂L/∂x = 5.25, ∂L/∂w = -7, ∂L/∂b = -3.5）示している。"}),
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
## The Affine layer, index by index (note 3.3.3, seed 003)

**Setting.** A batch $\mathbf X$ of $B$ rows and $n$ columns (entries $x_{sk}$), weights
$\mathbf W$ of size $n\times m$ (entries $w_{kt}$), a bias row $\mathbf b$ of size $1\times m$
and the output
$\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ of size $B\times m$, where $\mathbf 1_B$ is a
column of $B$ ones, so $\mathbf 1_B\mathbf b$ repeats $\mathbf b$ on every row. One entry of the
output reads

$$y_{st} = \sum_{k=1}^{n} x_{sk}\,w_{kt} + b_t .$$

Some scalar loss $\mathcal L$ depends on the layer only through the $Bm$ numbers $y_{st}$, and
the layer is handed $\mathbf G := \partial\mathcal L/\partial\mathbf Y$, entries
$g_{st} = \partial\mathcal L/\partial y_{st}$. The multivariable chain rule sums over every
output entry:

$$\frac{\partial\mathcal L}{\partial x_{ij}}
  = \sum_{s=1}^{B}\sum_{t=1}^{m} g_{st}\,\frac{\partial y_{st}}{\partial x_{ij}} .$$

**The local derivative as deltas.** The entries of $\mathbf X$ are separate variables, so
$\partial x_{sk}/\partial x_{ij}$ is 1 only for the same row *and* the same column:
$\partial x_{sk}/\partial x_{ij} = \delta_{si}\,\delta_{kj}$. Neither $\mathbf W$ nor $\mathbf b$
depends on $\mathbf X$. Hence

$$\frac{\partial y_{st}}{\partial x_{ij}} = \sum_{k=1}^{n}\delta_{si}\,\delta_{kj}\,w_{kt}
  = \delta_{si}\,w_{jt}.$$

The sum over $k$ keeps only $k=j$; the factor $\delta_{si}$ that survives says that output row
$s$ is computed from input row $s$ alone.

**The sum collapses.** Insert this into the chain rule; $\delta_{si}$ keeps only $s=i$:

$$\frac{\partial\mathcal L}{\partial x_{ij}} = \sum_{s,t} g_{st}\,\delta_{si}\,w_{jt}
  = \sum_{t=1}^{m} g_{it}\,w_{jt} = \sum_{t=1}^{m} [\mathbf G]_{it}\,[\mathbf W^\top]_{tj}
  = [\mathbf G\mathbf W^\top]_{ij}.$$

The last step is the definition of the matrix product, so
$\partial\mathcal L/\partial\mathbf X = \dfrac{\partial\mathcal L}{\partial\mathbf Y}\mathbf W^\top$
($B\times m$ times $m\times n$: the shape of $\mathbf X$).

**Weights.** Now the variable is $w_{ij}$ ($i\le n$, $j\le m$), and
$\partial w_{kt}/\partial w_{ij} = \delta_{ki}\,\delta_{tj}$:

$$\frac{\partial y_{st}}{\partial w_{ij}} = \sum_{k} x_{sk}\,\delta_{ki}\,\delta_{tj}
  = x_{si}\,\delta_{tj},\qquad
\frac{\partial\mathcal L}{\partial w_{ij}} = \sum_{s,t} g_{st}\,x_{si}\,\delta_{tj}
  = \sum_{s=1}^{B} [\mathbf X^\top]_{is}\,[\mathbf G]_{sj} = [\mathbf X^\top\mathbf G]_{ij},$$

so $\partial\mathcal L/\partial\mathbf W = \mathbf X^\top\dfrac{\partial\mathcal L}{\partial\mathbf Y}$
($n\times B$ times $B\times m$). This time $\delta_{tj}$ removed the sum over columns and the sum
over the batch rows $s$ is what remains: every example contributes to every weight.

**Bias.** $b_t$ appears in every row $s$ of column $t$, so $\partial y_{st}/\partial b_j = \delta_{tj}$
and

$$\frac{\partial\mathcal L}{\partial b_j} = \sum_{s,t} g_{st}\,\delta_{tj} = \sum_{s=1}^{B} g_{sj}
  = [\mathbf 1_B^\top\mathbf G]_j ,$$

the column sums of $\partial\mathcal L/\partial\mathbf Y$: a row $\mathbf b$ copied onto $B$ rows
collects the gradient of every copy.

**The same proof in the two sources.**
<!-- note-notation -->
Seed 003 (「Affine レイヤ」, section 3 証明) runs exactly this computation with other letters: its
$N$, $N'$, $M$ are our $B$, $n$, $m$, its bias matrix (the note's $\mathrm{Dup}_N(b)$) is our $\mathbf 1_B\mathbf b$, and its
inner summation index is $u$ where we write $k$; it states the local derivative as a case
distinction ("1 when $s=i$ and $u=j$, otherwise 0"), which is the product
$\delta_{si}\delta_{uj}$ above, and writes $\partial L/\partial y$ in lower case in its bias lines
for the matrix $\partial\mathcal L/\partial\mathbf Y$. Its closing remark — a batch update equals
the per-example updates added together — is the $\sum_s$ that survives in
$\partial\mathcal L/\partial\mathbf W$ and $\partial\mathcal L/\partial\mathbf b$ (checked
numerically below, and over a training run in notebook 03-1).
Note 3.3.3 (Affine 層の逆伝播) differentiates with respect to $w_{pq}$ and $x_{pq}$ and names the
output entries $y_{ij}$: its $(p,q)$ are our $(i,j)$, its $(i,j)$ our $(s,t)$, its summation
index $\alpha$ our $k$, and its bias matrix $B$ our $\mathbf 1_B\mathbf b$. Its case formulas
"$\partial y_{ij}/\partial x_{pq} = w_{qj}$ if $i=p$" and
"$\partial y_{ij}/\partial w_{pq} = x_{ip}$ if $j=q$" are our $\delta_{si}w_{jt}$ and
$x_{si}\delta_{tj}$. It writes the batch size as $n$ (rows $i\le n$) but also lets $\alpha$ run to
$n$, where the input width is meant; the two are different numbers in general, which is why we
keep $B$ and $n$ apart. It works out $\partial\mathcal L/\partial\mathbf W$ in full and states
$\partial\mathcal L/\partial\mathbf X$ "in the same way" (the derivation above fills it in).

**Checks.** First exactly: SymPy builds $\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ for
a $2\times3$ $\mathbf X$, a $3\times2$ $\mathbf W$ and a $1\times2$ $\mathbf b$ made of symbols,
takes $\mathcal L = \sum_{st} g_{st}y_{st}$ with a $2\times2$ matrix $\mathbf G$ of free symbols
(so $\partial\mathcal L/\partial\mathbf Y = \mathbf G$ stands for *any* upstream gradient),
differentiates $\mathcal L$ entry by entry, and subtracts the matrix formula; the difference must
simplify to zero ([`dlnotes.symbolic`](dlnotes.symbolic.check_affine_backward)). A wrong formula,
$\mathbf W\mathbf G$ for $\partial\mathcal L/\partial\mathbf X$ (wrong shape), or
$\mathbf X^\top\mathbf G^\top$ for $\partial\mathcal L/\partial\mathbf W$ (right shape, wrong
entries), is shown failing. Then
numerically, on random numbers with $B=4$, $n=5$, $m=3$, using the same trick
$\mathcal L = \sum_{st} g_{st}y_{st}$ with a fixed random $\mathbf G$.
""", r"""
## Affine 層を添字ごとに（ノート 3.3.3、ノート 003）

**設定。** $B$ 行 $n$ 列のバッチ $\mathbf X$（要素 $x_{sk}$）、大きさ $n\times m$ の重み $\mathbf W$（要素 $w_{kt}$）、大きさ $1\times m$ のバイアスの行 $\mathbf b$、そして大きさ $B\times m$ の出力 $\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ を考える。ここで $\mathbf 1_B$ は $B$ 個の 1 を縦に並べた列であり、$\mathbf 1_B\mathbf b$ はすべての行に $\mathbf b$ を繰り返したものになる。出力の一つの要素は次のように書ける。

$$y_{st} = \sum_{k=1}^{n} x_{sk}\,w_{kt} + b_t .$$

あるスカラーの損失 $\mathcal L$ は $Bm$ 個の数 $y_{st}$ を通してのみこの層に依存し、層には $\mathbf G := \partial\mathcal L/\partial\mathbf Y$（要素 $g_{st} = \partial\mathcal L/\partial y_{st}$）が渡される。多変数の連鎖律では、出力のすべての要素について和をとる：

$$\frac{\partial\mathcal L}{\partial x_{ij}}
  = \sum_{s=1}^{B}\sum_{t=1}^{m} g_{st}\,\frac{\partial y_{st}}{\partial x_{ij}} .$$

**局所的な微分をデルタで表す。** $\mathbf X$ の要素はそれぞれ別々の変数なので、$\partial x_{sk}/\partial x_{ij}$ が 1 になるのは同じ行*かつ*同じ列のときだけである：$\partial x_{sk}/\partial x_{ij} = \delta_{si}\,\delta_{kj}$。$\mathbf W$ も $\mathbf b$ も $\mathbf X$ には依存しない。よって

$$\frac{\partial y_{st}}{\partial x_{ij}} = \sum_{k=1}^{n}\delta_{si}\,\delta_{kj}\,w_{kt}
  = \delta_{si}\,w_{jt}.$$

$k$ についての和では $k=j$ の項だけが残る。生き残った因子 $\delta_{si}$ は、出力の行 $s$ が入力の行 $s$ だけから計算されることを表している。

**和がつぶれる。** これを連鎖律に代入すると、$\delta_{si}$ によって $s=i$ の項だけが残る：

$$\frac{\partial\mathcal L}{\partial x_{ij}} = \sum_{s,t} g_{st}\,\delta_{si}\,w_{jt}
  = \sum_{t=1}^{m} g_{it}\,w_{jt} = \sum_{t=1}^{m} [\mathbf G]_{it}\,[\mathbf W^\top]_{tj}
  = [\mathbf G\mathbf W^\top]_{ij}.$$

最後の等号は行列の積の定義そのものなので、$\partial\mathcal L/\partial\mathbf X = \dfrac{\partial\mathcal L}{\partial\mathbf Y}\mathbf W^\top$ である（$B\times m$ と $m\times n$ の積で、$\mathbf X$ と同じ形になる）。

**重み。** 今度は変数が $w_{ij}$（$i\le n$、$j\le m$）で、$\partial w_{kt}/\partial w_{ij} = \delta_{ki}\,\delta_{tj}$ である：

$$\frac{\partial y_{st}}{\partial w_{ij}} = \sum_{k} x_{sk}\,\delta_{ki}\,\delta_{tj}
  = x_{si}\,\delta_{tj},\qquad
\frac{\partial\mathcal L}{\partial w_{ij}} = \sum_{s,t} g_{st}\,x_{si}\,\delta_{tj}
  = \sum_{s=1}^{B} [\mathbf X^\top]_{is}\,[\mathbf G]_{sj} = [\mathbf X^\top\mathbf G]_{ij},$$

したがって $\partial\mathcal L/\partial\mathbf W = \mathbf X^\top\dfrac{\partial\mathcal L}{\partial\mathbf Y}$ である（$n\times B$ と $B\times m$ の積）。今回は $\delta_{tj}$ が列についての和を消し、バッチの行 $s$ についての和が残る。すべての例がすべての重みに寄与するのである。

**バイアス。** $b_t$ は列 $t$ のすべての行 $s$ に現れるので、$\partial y_{st}/\partial b_j = \delta_{tj}$ であり、

$$\frac{\partial\mathcal L}{\partial b_j} = \sum_{s,t} g_{st}\,\delta_{tj} = \sum_{s=1}^{B} g_{sj}
  = [\mathbf 1_B^\top\mathbf G]_j ,$$

すなわち $\partial\mathcal L/\partial\mathbf Y$ の列ごとの和になる。$B$ 行に複製された行 $\mathbf b$ は、すべての複製の勾配を集めるのである。

**二つの資料にある同じ証明。**
<!-- note-notation -->
ノート 003（「Affine レイヤ」の 3. 証明）は、別の文字を使ってまさにこの計算を行っている。そこでの $N$、$N'$、$M$ はここでの $B$、$n$、$m$ であり、バイアス行列（ノートの $\mathrm{Dup}_N(b)$）はここでの $\mathbf 1_B\mathbf b$ である。内側の和の添字は、ここで $k$ と書くところを $u$ としている。局所的な微分は場合分け（「$s=i$ かつ $u=j$ のとき 1、それ以外は 0」）で述べられており、これは上の積 $\delta_{si}\delta_{uj}$ にあたる。またバイアスの行では、行列 $\partial\mathcal L/\partial\mathbf Y$ を小文字で $\partial L/\partial y$ と書いている。その結びの注意（バッチでの更新は例ごとの更新を足し合わせたものに等しい）は、$\partial\mathcal L/\partial\mathbf W$ と $\partial\mathcal L/\partial\mathbf b$ に残る $\sum_s$ のことである（下で数値的に確かめ、ノートブック 03-1 では学習の過程を通して確かめる）。
ノート 3.3.3（Affine 層の逆伝播）は $w_{pq}$ と $x_{pq}$ について微分し、出力の要素を $y_{ij}$ と名付けている。そこでの $(p,q)$ はここでの $(i,j)$、そこでの $(i,j)$ はここでの $(s,t)$、和の添字 $\alpha$ はここでの $k$、バイアス行列 $B$ はここでの $\mathbf 1_B\mathbf b$ である。その場合分けの式「$i=p$ なら $\partial y_{ij}/\partial x_{pq} = w_{qj}$」と「$j=q$ なら $\partial y_{ij}/\partial w_{pq} = x_{ip}$」は、ここでの $\delta_{si}w_{jt}$ と $x_{si}\delta_{tj}$ にあたる。ノートはバッチサイズを $n$ と書く（行 $i\le n$）一方で、入力の幅を意味するはずの $\alpha$ の範囲も $n$ までとしている。この二つは一般には異なる数なので、ここでは $B$ と $n$ を区別している。ノートは $\partial\mathcal L/\partial\mathbf W$ を詳しく導き、$\partial\mathcal L/\partial\mathbf X$ については「同様に」成り立つと述べている（上の導出がその部分を補っている）。

**チェック。** まず厳密に確かめる。SymPy で、記号からなる $2\times3$ の $\mathbf X$、$3\times2$ の $\mathbf W$、$1\times2$ の $\mathbf b$ について $\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ を作り、自由な記号からなる $2\times2$ の行列 $\mathbf G$ を使って $\mathcal L = \sum_{st} g_{st}y_{st}$ とする（こうすると $\partial\mathcal L/\partial\mathbf Y = \mathbf G$ が*任意の*上流の勾配を表す）。$\mathcal L$ を要素ごとに微分して行列の公式を引くと、その差は簡約して 0 にならなければならない（[`dlnotes.symbolic`](dlnotes.symbolic.check_affine_backward)）。誤った公式、すなわち $\partial\mathcal L/\partial\mathbf X$ に対する $\mathbf W\mathbf G$（形が違う）や、$\partial\mathcal L/\partial\mathbf W$ に対する $\mathbf X^\top\mathbf G^\top$（形は合うが要素が違う）が失敗することも示す。次に数値的に、$B=4$、$n=5$、$m=3$ の乱数を使い、同じ工夫 $\mathcal L = \sum_{st} g_{st}y_{st}$ を固定した乱数の $\mathbf G$ で用いて確かめる。
"""),
("code", r"""
# check: SymPy's entry-by-entry gradients equal the matrix formulas
#   exactly (X 2x3, W 3x2, b 1x2, G = dL/dY all symbols)
J = symbolic.affine_jacobians(B=2, n=3, m=2)
print("dL/dx_12 =", J["dX"][0, 1], "  dL/db_2 =", J["db"][0, 1])
for c in symbolic.check_affine_backward(B=2, n=3, m=2).values():
    print(c.line())
wrong = symbolic.check_affine_backward(formulas={
    "X": ("W G", lambda X, W, G: W * G),
    "W": ("X^T G^T", lambda X, W, G: X.T * G.T),
})
for name in ("X", "W"):
    print(wrong[name].line(), "-", wrong[name].reason)
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
    # the error is round-off (about 1e-11); its digits depend on the BLAS
    print(
        f"{name}: relative error < 1e-8:",
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
$\dfrac{\partial\mathcal L}{\partial x_{pq}} = \dfrac{\partial\mathcal L}{\partial y_{pq}}\,[x_{pq} > 0]$.
The note's final line writes only the indicator, $1$ or $0$, dropping the factor
$\partial\mathcal L/\partial y_{pq}$ that its own sum contains. (It also counts $x = 0$ as "on"; the
book's and our layer count it as "off"; at exactly 0 the derivative does not exist and either
choice is a valid subgradient.)
""", r"""
## ReLU（ノート 3.3.4）

ReLU は要素ごとに作用するので、$\partial y_{ij}/\partial x_{pq}$ は $(i,j) = (p,q)$ でない限り 0 であり、その場合には $x_{pq} > 0$ なら 1（負なら 0）である。したがって連鎖律の和には一つの項しか残らない：
$\dfrac{\partial\mathcal L}{\partial x_{pq}} = \dfrac{\partial\mathcal L}{\partial y_{pq}}\,[x_{pq} > 0]$。
ノートの最後の行は指示関数の値 $1$ か $0$ だけを書いており、自身の和に含まれている因子 $\partial\mathcal L/\partial y_{pq}$ を落としている。（またノートは $x = 0$ を「オン」と数えるが、書籍と本書の層は「オフ」と数える。ちょうど 0 では導関数が存在せず、どちらを選んでも正しい劣勾配である。）
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

Softmax acts on each row separately, so take one row: scores $\mathbf a = (a_1,\dots,a_C)$,
$S := \sum_{k=1}^{C} e^{a_k}$ and outputs $y_i = e^{a_i}/S$. (Note 3.3.5 calls the input
$\mathbf x$ and its indices $j$, $q$; here the input is $\mathbf a$ as on the rest of the site and
the indices are $i$ for the output, $j$ for the input.)

**Quotient rule.** For $y_i = u/v$ with $u = e^{a_i}$ and $v = S$,
$\dfrac{\partial y_i}{\partial a_j} = \dfrac{u'v - uv'}{v^2}$, where $'$ means $\partial/\partial a_j$.
The two derivatives needed are

- the numerator: $e^{a_i}$ depends on $a_i$ only, so $\partial e^{a_i}/\partial a_j = \delta_{ij}\,e^{a_i}$;
- the denominator: of the $C$ terms of $S$ only $k=j$ contains $a_j$, so
  $\partial S/\partial a_j = \sum_k \delta_{kj}e^{a_k} = e^{a_j}$ — for *every* $i$, because
  every output shares the same $S$.

Putting them in and splitting the fraction:

$$\frac{\partial y_i}{\partial a_j}
  = \frac{\delta_{ij}\,e^{a_i}\,S - e^{a_i}\,e^{a_j}}{S^2}
  = \delta_{ij}\,\frac{e^{a_i}}{S} - \frac{e^{a_i}}{S}\cdot\frac{e^{a_j}}{S}
  = \delta_{ij}\,y_i - y_i\,y_j = y_i\,(\delta_{ij} - y_j).$$

On the diagonal this is $y_i(1-y_i) > 0$: raising a score raises its own probability. Off the
diagonal it is $-y_iy_j < 0$: the shared denominator takes probability from every other class.
As a matrix (row $i$ = output, column $j$ = input),
$\mathbf J = \mathrm{diag}(\mathbf y) - \mathbf y^\top\mathbf y$ (with $\mathbf y$ a row,
$\mathbf y^\top\mathbf y$ is the $C\times C$ outer product). The chain rule
$\partial\mathcal L/\partial a_j = \sum_i (\partial\mathcal L/\partial y_i)\,J_{ij}$ is the row
vector times $\mathbf J$: $\partial\mathcal L/\partial\mathbf a = \partial\mathcal L/\partial\mathbf y\,\mathbf J$,
row by row. Each row of $\mathbf J$ sums to zero: adding the same constant to every score leaves
softmax unchanged (note 2.3.3), so the direction $(1,\dots,1)$ changes no output.

The note's final result is right, but its intermediate lines for $j \ne q$ write the numerator as
$e^{x_j}\cdot e^{x_j}$, i.e. $-y_j^2$; the quotient rule gives $e^{x_j}e^{x_q}$, i.e.
$-y_jy_q$ (the third line then jumps to the correct $-y_jy_q$ without comment).
""", r"""
## Softmax とそのヤコビ行列（ノート 3.3.5）

Softmax 関数は各行に別々に作用するので、一つの行を考える：スコア $\mathbf a = (a_1,\dots,a_C)$、$S := \sum_{k=1}^{C} e^{a_k}$、出力 $y_i = e^{a_i}/S$。（ノート 3.3.5 は入力を $\mathbf x$、添字を $j$、$q$ と書いている。ここではサイトのほかのページと同じく入力を $\mathbf a$ とし、添字は出力に $i$、入力に $j$ を使う。）

**商の微分法。** $u = e^{a_i}$、$v = S$ として $y_i = u/v$ とすると、$\dfrac{\partial y_i}{\partial a_j} = \dfrac{u'v - uv'}{v^2}$ である。ここで $'$ は $\partial/\partial a_j$ を表す。必要な微分は次の二つである。

- 分子：$e^{a_i}$ は $a_i$ だけに依存するので、$\partial e^{a_i}/\partial a_j = \delta_{ij}\,e^{a_i}$。
- 分母：$S$ の $C$ 個の項のうち $a_j$ を含むのは $k=j$ の項だけなので、$\partial S/\partial a_j = \sum_k \delta_{kj}e^{a_k} = e^{a_j}$。すべての出力が同じ $S$ を共有しているので、これは*どの* $i$ についても同じである。

これらを代入して分数を分けると

$$\frac{\partial y_i}{\partial a_j}
  = \frac{\delta_{ij}\,e^{a_i}\,S - e^{a_i}\,e^{a_j}}{S^2}
  = \delta_{ij}\,\frac{e^{a_i}}{S} - \frac{e^{a_i}}{S}\cdot\frac{e^{a_j}}{S}
  = \delta_{ij}\,y_i - y_i\,y_j = y_i\,(\delta_{ij} - y_j).$$

となる。対角成分では $y_i(1-y_i) > 0$ であり、あるスコアを上げるとそれ自身の確率が上がる。非対角成分では $-y_iy_j < 0$ であり、共通の分母を通して、ほかのすべてのクラスから確率を奪う。行列で書くと（行 $i$ が出力、列 $j$ が入力）、$\mathbf J = \mathrm{diag}(\mathbf y) - \mathbf y^\top\mathbf y$ となる（$\mathbf y$ を行ベクトルとすると、$\mathbf y^\top\mathbf y$ は $C\times C$ の外積である）。連鎖律 $\partial\mathcal L/\partial a_j = \sum_i (\partial\mathcal L/\partial y_i)\,J_{ij}$ は行ベクトルに $\mathbf J$ を掛けることであり、行ごとに $\partial\mathcal L/\partial\mathbf a = \partial\mathcal L/\partial\mathbf y\,\mathbf J$ となる。$\mathbf J$ の各行の和は 0 である。すべてのスコアに同じ定数を足しても Softmax 関数は変わらない（ノート 2.3.3）ので、方向 $(1,\dots,1)$ に動かしてもどの出力も変わらないのである。

ノートの最終結果は正しいが、$j \ne q$ の場合の途中の行では分子を $e^{x_j}\cdot e^{x_j}$、つまり $-y_j^2$ と書いている。商の微分法から得られるのは $e^{x_j}e^{x_q}$、つまり $-y_jy_q$ である（3 行目では断りなく正しい $-y_jy_q$ に移っている）。
"""),
("code", r"""
# check: the quotient-rule Jacobian y_i(delta_ij - y_j) against central
#   differences (a = (0.3, 2.9, 4.0, -1.0)), and exactly with SymPy (C = 3)
r = experiments.softmax_jacobians([0.3, 2.9, 4.0, -1.0])
err = relative_error(r["formula"], r["numeric"])
print(
    f"J vs numerical Jacobian: relative error {err:.0e} < 1e-8:",
    err < 1e-8,
)
y = r["y"]
err_no_delta = relative_error(-np.outer(y, y), r["numeric"])
print(
    "without the delta term (-y_i y_j): relative error",
    f"{err_no_delta:.2f}",
)
print(symbolic.check_softmax_jacobian(C=3).line())
"""),
("code", r"""
plots.softmax_jacobian_figure([0.3, 2.9, 4.0, -1.0])
""", {"alt": "Heat map of the 4 by 4 softmax Jacobian for the input (0.3, 2.9, 4.0, -1.0), each entry written in its cell: positive on the diagonal, negative elsewhere, and every row summing to zero up to rounding (about 1e-17).", "alt_ja": "入力 (0.3, 2.9, 4.0, -1.0) に対する 4 × 4 の Softmax 関数のヤコビ行列のヒートマップ。各要素の値がそのセルに書かれている。対角成分は正、それ以外は負で、どの行の和も丸め誤差（およそ 1e-17）を除いて 0 になる。"}),
("code", r"""
# check: Softmax backward via the Jacobian, row sums, and the note's
#   intermediate -y_j^2
a, d = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
sm = Softmax(); sm.forward(a)
numeric = numerical_gradient(lambda _: np.sum(d * Softmax().forward(a)), a)
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
    "a = (0, 1): dy_1/da_2 ="
    f" {numerical_diff(lambda s: softmax(np.array([0.0, s]))[0], 1.0):.4f},"
    f" -y1*y2 = {-y[0]*y[1]:.4f}, the note's -y1^2 = {-y[0]**2:.4f}"
)
"""),
("md", r"""
## Cross-entropy (note 3.3.6)

With prediction $\mathbf y$ and target $\mathbf t$, $\mathcal L = -\sum_j t_j \log y_j$ has
$\partial\mathcal L/\partial y_j = -t_j/y_j$. Two remarks on the note's version. It restates the loss as
$-\frac1C\sum_j t_j\log x_j$, "as defined before" — but 3.1.2 had no $1/C$; the factor makes the
loss and every gradient $C$ times smaller, a silent change of the learning rate. And it calls the
prediction $\mathbf x$ in the loss but differentiates with respect to $y_j$; the result
$-\frac1C\,t_j/x_j$ is the derivative with respect to the same variable $x_j$ that appears in
the loss. (A literal implementation of either formula also hits $0\cdot\log 0 = $ `nan` on the
book's example, which has zero probabilities; [`cross_entropy_error`](dlnotes.functions.cross_entropy_error) clips.)
""", r"""
## 交差エントロピー誤差（ノート 3.3.6）

予測 $\mathbf y$ と目標 $\mathbf t$ について、$\mathcal L = -\sum_j t_j \log y_j$ の微分は $\partial\mathcal L/\partial y_j = -t_j/y_j$ である。ノートの記述について二つ注意しておく。ノートは損失を「先に定義したとおり」として $-\frac1C\sum_j t_j\log x_j$ と書き直しているが、3.1.2 には $1/C$ はなかった。この因子は損失とすべての勾配を $C$ 分の 1 にするので、断りなく学習率を変えたのと同じことになる。また、損失の中では予測を $\mathbf x$ と呼んでいるのに、$y_j$ について微分している。結果の $-\frac1C\,t_j/x_j$ は、損失に現れるのと同じ変数 $x_j$ についての微分である。（どちらの式も文字どおりに実装すると、確率 0 を含む書籍の例で $0\cdot\log 0 = $ `nan` に行き当たる。[`cross_entropy_error`](dlnotes.functions.cross_entropy_error) は値をクリップしてこれを避けている。）
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

Chaining the two, for one row of scores $\mathbf a$ (the note's $\mathbf x$):
$\partial\mathcal L/\partial a_j = \sum_i (-t_i/y_i)\,y_i(\delta_{ij} - y_j)
= y_j\sum_i t_i - t_j = y_j - t_j$, since a one-hot (or any probability) target sums to 1.
For a batch of $B$ rows and the book's **batch-mean** loss,
$\partial\mathcal L/\partial\mathbf A = (\mathbf Y - \mathbf T)/B$,
which is what [`SoftmaxWithLoss.backward`](dlnotes.layers.SoftmaxWithLoss) returns.

The note, starting from its $1/C$ loss, obtains $(Y-T)/C$. That is consistent with the 3.3.6
loss summed over the rows, but it divides by the class count, not the batch size, and it differs
from the 3.1.2 loss's gradient (no division at all) by the factor $C$. One intermediate line is
also off: it factors the sum as $\frac{y_q}{C}\big(\sum_j t_j - t_q\big)$, which would give
$y_q(1-t_q)/C$; the correct grouping is $\frac1C\big(y_q\sum_j t_j - t_q\big)$.
""", r"""
## Softmax と交差エントロピー誤差の組み合わせ（ノート 3.3.7）

スコアの一つの行 $\mathbf a$（ノートの $\mathbf x$）について二つをつなぐと、$\partial\mathcal L/\partial a_j = \sum_i (-t_i/y_i)\,y_i(\delta_{ij} - y_j)
= y_j\sum_i t_i - t_j = y_j - t_j$ となる。one-hot の（あるいは任意の確率分布の）目標は和が 1 だからである。$B$ 行のバッチと書籍の**バッチ平均**の損失では
$\partial\mathcal L/\partial\mathbf A = (\mathbf Y - \mathbf T)/B$ となり、これが [`SoftmaxWithLoss.backward`](dlnotes.layers.SoftmaxWithLoss) の返す値である。

ノートは $1/C$ 付きの損失から出発して $(Y-T)/C$ を得ている。これは 3.3.6 の損失を行について足し合わせたものとは整合するが、バッチサイズではなくクラス数で割っており、3.1.2 の損失の勾配（まったく割らない）とは $C$ 倍異なる。途中の 1 行にも誤りがある。和を $\frac{y_q}{C}\big(\sum_j t_j - t_q\big)$ とくくっているが、これでは $y_q(1-t_q)/C$ になってしまう。正しいくくり方は $\frac1C\big(y_q\sum_j t_j - t_q\big)$ である。
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

Every layer above, [`BatchNormalization`](dlnotes.layers.BatchNormalization) in training mode
(note 4.2.1.2, worked out in notebook 04-2: gradients with respect to $\mathbf X$, $\boldsymbol\gamma$
and $\boldsymbol\beta$ for a batch of $B = 6$ rows and $d = 3$ features), and a small
[`MultiLayerNet`](dlnotes.network.MultiLayerNet) (5-6-4-3, ReLU), checked in one place: pick a layer
to see each analytic gradient entry against its numerical twin (they should lie on the diagonal)
and the largest relative error per parameter. In JupyterLab the panel also gets a seed slider:
release it and Python draws new inputs and weights and checks them again.
""", r"""
## 勾配確認のパネル

上のすべての層、学習モードの [`BatchNormalization`](dlnotes.layers.BatchNormalization)（ノート 4.2.1.2。ノートブック 04-2 で詳しく導く：$B = 6$ 行、$d = 3$ 個の特徴量のバッチについての、$\mathbf X$、$\boldsymbol\gamma$、$\boldsymbol\beta$ に関する勾配）、そして小さな [`MultiLayerNet`](dlnotes.network.MultiLayerNet)（5-6-4-3、ReLU）を一か所で確かめる。層を選ぶと、解析的に求めた勾配の各要素が対応する数値勾配の要素に対して描かれ（対角線の上に乗るはずである）、パラメータごとの最大の相対誤差が示される。JupyterLab ではパネルにシードのスライダーも付く。スライダーを離すと、Python が新しい入力と重みを引いて、もう一度確かめる。
"""),
("code", r"""
widgets.gradient_check_explorer()
""", {"alt": "Gradient check of the chosen layer: left, every gradient entry from backpropagation against its central-difference value, all on the diagonal; right, the largest relative error of each parameter on a log scale, far below the 1e-7 threshold.", "alt_ja": "選んだ層の勾配確認。左：誤差逆伝播法で求めた勾配の各要素を中心差分による値に対して描いたもので、すべて対角線の上にある。右：各パラメータの最大の相対誤差を対数目盛りで示したもので、しきい値 1e-7 をはるかに下回る。"}),
("code", r"""
# check: max relative error per layer and parameter, all below 1e-7
checks = experiments.layer_gradient_checks()
for layer, pairs in checks.items():
    errs = {k: relative_error(a, n) for k, (a, n) in pairs.items()}
    print(
        f"{layer:18s}",
        "all below 1e-7:",
        max(errs.values()) < 1e-7,
        "| parameters:",
        ", ".join(errs),
    )
"""),
("md", r"""
## Exercises

1. Write `relu_backward(x, dout)` returning $\partial\mathcal L/\partial\mathbf x$ for ReLU.
2. Write `softmax_ce_backward(Y, T)` returning $\partial\mathcal L/\partial\mathbf A$ of the
   batch-mean cross-entropy after a softmax, given the softmax outputs `Y` and one-hot targets `T`.
3. For the scores $\mathbf a = (0, \ln 2, \ln 3)$, compute by hand the two softmax Jacobian
   entries $\partial y_2/\partial a_2$ and $\partial y_2/\partial a_3$ (indices from 1).
""", r"""
## 演習

1. ReLU について $\partial\mathcal L/\partial\mathbf x$ を返す関数 `relu_backward(x, dout)` を書け。
2. Softmax 関数の出力 `Y` と one-hot の目標 `T` が与えられたとき、Softmax 関数の後に置いたバッチ平均の交差エントロピー誤差について $\partial\mathcal L/\partial\mathbf A$ を返す関数 `softmax_ce_backward(Y, T)` を書け。
3. スコア $\mathbf a = (0, \ln 2, \ln 3)$ について、Softmax 関数のヤコビ行列の二つの要素 $\partial y_2/\partial a_2$ と $\partial y_2/\partial a_3$ を手で計算せよ（添字は 1 から数える）。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
ReLU の局所的な微分は $[x > 0]$ である。連鎖律により、これに上流の勾配 `dout` を掛ける。
:::

:::{admonition} 解答例
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
""", r"""
:::{admonition} ヒント
:class: dropdown
1 サンプルについての勾配は $y - t$ である。損失はバッチについての*平均*である。割るのはどちらの大きさか。`Y` の行数か、それとも列数か。
:::

:::{admonition} 解答例
:class: dropdown
```python
def softmax_ce_backward(Y, T):
    return (Y - T) / Y.shape[0]     # batch size B, not C
```
:::
"""),
("code", r"""
_ = exercises.check_softmax_jacobian_entries(
    diagonal=..., off_diagonal=...          # replace each ... by a number
)
"""),
("code", r"""
exercises.answer_box(exercises.check_softmax_jacobian_entries)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
$e^{\mathbf a} = (1, 2, 3)$, so $S = 6$ and $\mathbf y = (1/6, 1/3, 1/2)$. Then use
$\partial y_i/\partial a_j = y_i(\delta_{ij} - y_j)$: the delta is 1 on the diagonal only.
:::

:::{admonition} Worked answer
:class: dropdown
$\partial y_2/\partial a_2 = y_2(1 - y_2) = \tfrac13\cdot\tfrac23 = \tfrac29 \approx 0.2222$ and
$\partial y_2/\partial a_3 = y_2(0 - y_3) = -\tfrac13\cdot\tfrac12 = -\tfrac16 \approx -0.1667$:
`check_softmax_jacobian_entries(diagonal=2/9, off_diagonal=-1/6)`.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$e^{\mathbf a} = (1, 2, 3)$ なので $S = 6$、$\mathbf y = (1/6, 1/3, 1/2)$ である。あとは
$\partial y_i/\partial a_j = y_i(\delta_{ij} - y_j)$ を使う。デルタが 1 になるのは対角成分だけである。
:::

:::{admonition} 解答例
:class: dropdown
$\partial y_2/\partial a_2 = y_2(1 - y_2) = \tfrac13\cdot\tfrac23 = \tfrac29 \approx 0.2222$、
$\partial y_2/\partial a_3 = y_2(0 - y_3) = -\tfrac13\cdot\tfrac12 = -\tfrac16 \approx -0.1667$ である：
`check_softmax_jacobian_entries(diagonal=2/9, off_diagonal=-1/6)`。
:::
"""),
]
