CELLS = [
("md", r"""
# The Affine layer: neurons as matrix products

This page follows note 2.4 (行列表現と Affine 層, "matrix form and the Affine layer") with
2.4.1 (Affine 層) and 2.4.2 (バッチ付き Affine 層, "the Affine layer with batches"), note 2.5
(行列表現での活性化関数の扱い, "activations in matrix form"), and the set-up of the second
note (Affine レイヤ), whose duplicated bias (the note's $\mathrm{Dup}_N(b)$) we compare with numpy broadcasting. The
backward pass proved there is checked in chapter 3 (03-3).

Vectors are **row** vectors here, as in the notes: an input with $n$ features has shape
$1 \times n$ (numpy shape `(n,)`).
""", r"""
# Affine 層：行列の積としてのニューロン

このページは、ノート 2.4（行列表現と Affine 層）とその小節 2.4.1（Affine 層）、2.4.2（バッチ付き Affine 層）、ノート 2.5（行列表現での活性化関数の扱い）、そしてノート 003（「Affine レイヤ」）の設定の部分に沿って進む。ノート 003 で複製されるバイアス（ノートの $\mathrm{Dup}_N(b)$）は、numpy のブロードキャストと比べる。そのノートで証明されている逆伝播は、3 章（03-3）で確認する。

ここでは、ノートと同じくベクトルを**行**ベクトルとする。$n$ 個の特徴量をもつ入力の形は $1 \times n$（numpy の形では `(n,)`）である。
"""),
("code", r"""
import numpy as np
from dlnotes import plots, exercises
from dlnotes.layers import Affine
from dlnotes.functions import relu, sigmoid, softmax
rng = np.random.default_rng(0)   # seed 0: the same numbers on every run
"""),
("md", r"""
## 1. One layer (note 2.4.1)

A layer of $m$ neurons reads the $n$ outputs $x_1, \dots, x_n$ of the previous layer.
Neuron $j$ has its own weight $w_{j \leftarrow i}$ for every input $i$ and **one** bias $b_j$:

$$y_j = \sum_{i=1}^{n} w_{j \leftarrow i}\, x_i + b_j .$$

Put the weights into an $n \times m$ matrix with $W_{ij} = w_{j \leftarrow i}$ (column $j$ is
neuron $j$'s weights) and the biases into a $1 \times m$ row $b$. Then all $m$ sums are one
product: $y = xW + b$, with shapes $(1 \times n)(n \times m) + (1 \times m) = 1 \times m$.
""", r"""
## 1. 1 つの層（ノート 2.4.1）

$m$ 個のニューロンからなる層は、前の層の $n$ 個の出力 $x_1, \dots, x_n$ を受け取る。ニューロン $j$ は、各入力 $i$ に対してそれぞれ固有の重み $w_{j \leftarrow i}$ をもち、バイアス $b_j$ は**1 つだけ**もつ：

$$y_j = \sum_{i=1}^{n} w_{j \leftarrow i}\, x_i + b_j .$$

重みを $W_{ij} = w_{j \leftarrow i}$ として $n \times m$ 行列にまとめ（列 $j$ がニューロン $j$ の重みである）、バイアスを $1 \times m$ の行 $b$ にまとめる。すると $m$ 個の和はすべて 1 つの積で書ける：$y = xW + b$。形は $(1 \times n)(n \times m) + (1 \times m) = 1 \times m$ である。
"""),
("code", r"""
plots.layer_diagram(n=3, m=2)
""", {"alt": "Diagram of a layer of 3 inputs x1 to x3 fully connected to 2 outputs y1 and y2: each arrow carries one weight w with indices output ← input, and each output adds its own bias b1 or b2, so y = xW + b with W of shape 3 by 2.", "alt_ja": "3 つの入力 x1〜x3 が 2 つの出力 y1、y2 に全結合した層の図。各矢印は「出力 ← 入力」の添字をもつ重み w を 1 つずつ担い、各出力はそれぞれのバイアス b1 または b2 を加える。したがって y = xW + b であり、W の形は 3 行 2 列である。"}),
("code", r"""
x = np.array([1.0, -2.0, 0.5])                         # n = 3 inputs
W = np.array([[0.2, -0.5], [0.4, 0.1], [-0.3, 0.8]])   # n x m = 3 x 2
b = np.array([0.1, -0.2])                              # m = 2 biases
y_sums = np.array(
    [sum(W[i, j] * x[i] for i in range(3)) + b[j] for j in range(2)]
)
y_matrix = x @ W + b
print("neuron by neuron:", y_sums, "  as x W + b:", y_matrix)
"""),
("code", r"""
# check: the layer output, computed sum by sum and as a product (exact same
#   floats)
print(np.round(y_matrix, 10).tolist(), np.array_equal(y_sums, y_matrix))
"""),
("md", r"""
## 2. A batch (note 2.4.2, and the Affine-layer note)

Stack $B$ inputs (the batch size) as the rows of $\mathbf X$ ($B \times n$). Row $i$ of
$\mathbf X\mathbf W$ is $\mathbf x_i \mathbf W$, so the batch output needs the bias added to
*every* row. As a matrix that is $\mathbf 1_B\mathbf b$: a column of $B$ ones times the row
$\mathbf b$, which is $\mathbf b$ repeated on $B$ rows ($B \times m$; the Affine-layer note
calls it the note's $B = \mathrm{Dup}_N(b)$), and
$\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$. numpy's broadcasting does the same
thing without building the matrix: adding a shape `(m,)` array to a `(B, m)` one adds it to
each row. The layer [`dlnotes.layers.Affine`](dlnotes.layers.Affine) does
exactly this.
""", r"""
## 2. バッチ（ノート 2.4.2 とノート 003）

$B$ 個（バッチサイズ）の入力を行として積み重ね、$\mathbf X$（$B \times n$）とする。$\mathbf X\mathbf W$ の行 $i$ は $\mathbf x_i \mathbf W$ なので、バッチの出力では*すべての*行にバイアスを加える必要がある。行列で書けば、加えるのは $\mathbf 1_B\mathbf b$ である。これは $B$ 個の 1 が並んだ列に行 $\mathbf b$ をかけたもので、$\mathbf b$ を $B$ 行並べた行列になる（$B \times m$。ノート 003 ではこれを $B = \mathrm{Dup}_N(b)$ と書く）。そして $\mathbf Y = \mathbf X\mathbf W + \mathbf 1_B\mathbf b$ である。numpy のブロードキャストは、この行列を作らずに同じことを行う。形 `(m,)` の配列を形 `(B, m)` の配列に加えると、各行に加えられるのである。レイヤ [`dlnotes.layers.Affine`](dlnotes.layers.Affine) は、まさにこの計算を行っている。
"""),
("code", r"""
batch = 4                              # the batch size B
X = rng.normal(size=(batch, 3)).round(2)
bias_rows = np.tile(b, (batch, 1))     # 1_B b (003: Dup_N(b)): (4, 2)
Y_dup = X @ W + bias_rows
Y_broadcast = X @ W + b
Y_rows = np.stack([X[k] @ W + b for k in range(batch)])
Y_layer = Affine(W, b).forward(X)
print("shapes:", X.shape, "@", W.shape, "+", bias_rows.shape, "->",
      Y_dup.shape)
plots.affine_batch_heatmaps(X, W, b)
""", {"alt": "Five annotated heat maps, three above and two below: the 4 by 3 batch X, the 3 by 2 weights W, their product XW, the bias row copied into every row (1_B b, 003's Dup_N(b)), and the result Y = XW + 1_B b, each cell showing its value.", "alt_ja": "数値を書き込んだ 5 枚のヒートマップ（上に 3 枚、下に 2 枚）。4 行 3 列のバッチ X、3 行 2 列の重み W、その積 XW、すべての行に複製したバイアスの行（1_B b、ノート 003 の Dup_N(b)）、そして結果 Y = XW + 1_B b。各セルにその値が書かれている。"}),
("code", r"""
# check: 1_B b == broadcasting == Affine.forward bit for bit; == row by
#   row to 1e-15; and one entry
print(np.array_equal(Y_dup, Y_broadcast), np.array_equal(Y_dup, Y_layer),
      np.allclose(Y_dup, Y_rows, rtol=0, atol=1e-15))
print(
    round(float(Y_dup[2, 1]), 10),
    round(float(sum(X[2, i] * W[i, 1] for i in range(3)) + b[1]), 10),
)
"""),
("md", r"""
### A word on the notation

<!-- note-notation -->
Note 2.4.2 writes $X := (x_1\ x_2\ \dots\ x_{|b|})^\top$ to mean "the $x_k$ stacked as
rows". Read literally with row vectors $x_k$, this puts the rows side by side and then
transposes, which gives a single column of length $|b| \cdot n$, not a $|b| \times n$ matrix.
The stacking meant is $X = (x_1^\top\ \dots\ x_{|b|}^\top)^\top$, which is numpy's `np.stack`.
The note also uses $|b|$ for the batch size, although $b$ is already the bias (whose length
is $m$), and the Affine-layer note writes $N$. This book writes $B$.
""", r"""
### 記法についてひとこと

<!-- note-notation -->
ノート 2.4.2 は、「$x_k$ を行として積み重ねたもの」という意味で $X := (x_1\ x_2\ \dots\ x_{|b|})^\top$ と書いている。$x_k$ を行ベクトルとして文字どおりに読むと、これは行を横に並べてから転置することになり、$|b| \times n$ 行列ではなく、長さ $|b| \cdot n$ の 1 本の列になってしまう。意図されている積み重ねは $X = (x_1^\top\ \dots\ x_{|b|}^\top)^\top$ であり、numpy の `np.stack` に当たる。また、ノートはバッチサイズに $|b|$ を使っているが、$b$ はすでにバイアス（長さは $m$）を表している。ノート 003 では $N$ と書いている。本書では $B$ と書く。
"""),
("code", r"""
rows = [X[k] for k in range(batch)]
print(
    "side by side, then transposed:",
    np.concatenate(rows)[None, :].T.shape,
    "| stacked as rows:",
    np.stack(rows).shape,
)
"""),
("md", r"""
## 3. Activations in matrix form (note 2.5)

The activation is a separate step after the Affine layer. ReLU and the sigmoid act on every
entry on its own, $[Y]_{ij} = f([A]_{ij})$. Softmax needs a whole sample, so it acts on each
**row**: $[Y]_{ij} = e^{[A]_{ij}} / \sum_k e^{[A]_{ik}}$. (The note calls the activation's
input $X$ again, reusing the name of the Affine layer's input; we call it $A$.)
""", r"""
## 3. 行列表現での活性化関数（ノート 2.5）

活性化関数は、Affine 層の後に続く別の段階である。ReLU とシグモイド関数は各要素に個別に作用する：$[Y]_{ij} = f([A]_{ij})$。Softmax 関数は 1 つのサンプル全体を必要とするので、各**行**に作用する：$[Y]_{ij} = e^{[A]_{ij}} / \sum_k e^{[A]_{ik}}$。（ノートは活性化関数の入力を再び $X$ と呼び、Affine 層の入力の名前を使い回している。本書では $A$ と呼ぶ。）
"""),
("code", r"""
A = Y_dup
relu_loop = np.array(
    [[max(0.0, A[i, j]) for j in range(A.shape[1])] for i in range(batch)]
)
sig_loop = np.array(
    [
        [1 / (1 + np.exp(-A[i, j])) for j in range(A.shape[1])]
        for i in range(batch)
    ]
)
soft_loop = np.array(
    [
        [
            np.exp(A[i, j]) / sum(np.exp(A[i, k]) for k in range(A.shape[1]))
            for j in range(A.shape[1])
        ]
        for i in range(batch)
    ]
)
print(np.round(softmax(A), 4))
"""),
("code", r"""
# check: element-wise relu/sigmoid and row-wise softmax match the formulas;
#   softmax rows sum to 1
print(
    np.array_equal(relu(A), relu_loop),
    np.allclose(sigmoid(A), sig_loop, rtol=0, atol=1e-15),
    np.allclose(softmax(A), soft_loop, rtol=0, atol=1e-15),
    np.allclose(softmax(A).sum(axis=1), 1),
)
"""),
("md", r"""
## 4. A two-layer forward pass

Put the pieces together: $X \to A_1 = XW_1 + b_1 \to H = \mathrm{relu}(A_1) \to
A_2 = HW_2 + b_2 \to Y = \mathrm{softmax}(A_2)$. Shapes: $X$ is $5 \times 3$,
$W_1$ is $3 \times 4$, $W_2$ is $4 \times 2$, so $Y$ is $5 \times 2$, one probability row
per sample. The heat maps show where relu clips entries to zero, and that each row of $Y$
sums to 1.
""", r"""
## 4. 2 層の順伝播

部品を組み合わせると、$X \to A_1 = XW_1 + b_1 \to H = \mathrm{relu}(A_1) \to
A_2 = HW_2 + b_2 \to Y = \mathrm{softmax}(A_2)$ となる。形は、$X$ が $5 \times 3$、$W_1$ が $3 \times 4$、$W_2$ が $4 \times 2$ なので、$Y$ は $5 \times 2$ であり、サンプルごとに確率の行が 1 つ得られる。ヒートマップを見ると、relu が要素を 0 に切り詰める場所と、$Y$ の各行の和が 1 になることがわかる。
"""),
("code", r"""
X5 = rng.normal(size=(5, 3)).round(2)
W1, b1 = rng.normal(size=(3, 4)).round(2), rng.normal(size=4).round(2)
W2, b2 = rng.normal(size=(4, 2)).round(2), rng.normal(size=2).round(2)
plots.forward_pass_heatmaps(X5, W1, b1, W2, b2)
""", {"alt": "Five annotated heat maps of a 2-layer forward pass: the 5 by 3 input X, A1 = XW1 + b1 (5 by 4), H = relu(A1) where every negative entry became 0, A2 = HW2 + b2 (5 by 2), and Y = softmax(A2), whose rows each sum to 1.", "alt_ja": "2 層の順伝播を表す、数値を書き込んだ 5 枚のヒートマップ。5 行 3 列の入力 X、A1 = XW1 + b1（5 行 4 列）、負の要素がすべて 0 になった H = relu(A1)、A2 = HW2 + b2（5 行 2 列）、そして各行の和が 1 になる Y = softmax(A2)。"}),
("code", r"""
# check: the forward pass through two Affine layers equals the explicit
#   formula; predicted classes
l1, l2 = Affine(W1, b1), Affine(W2, b2)
Y5 = softmax(l2.forward(relu(l1.forward(X5))))
print(
    np.allclose(Y5, softmax(relu(X5 @ W1 + b1) @ W2 + b2)),
    Y5.shape,
    Y5.argmax(axis=1).tolist(),
    round(float(Y5[0, 0]), 6),
)
"""),
("md", r"""
## Exercises

**1.** $X$ has shape $(5, 3)$ and $W$ has shape $(3, 4)$. What is the shape of $Y = XW + b$?
""", r"""
## 演習

**1.** $X$ の形が $(5, 3)$、$W$ の形が $(3, 4)$ のとき、$Y = XW + b$ の形は何か。
"""),
("code", r"""
_ = exercises.check_affine_shape(...)    # a shape, e.g. (rows, columns)
"""),
("code", r"""
exercises.answer_box(exercises.check_affine_shape)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
In a matrix product $(a, b) \cdot (b, c)$ the inner sizes cancel. Adding $b$ does not change the shape.
:::

:::{admonition} Worked answer
:class: dropdown
$(5, 3) \cdot (3, 4)$ gives $(5, 4)$: one row per sample (5), one column per neuron (4). `check_affine_shape((5, 4))`.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
行列の積 $(a, b) \cdot (b, c)$ では、内側のサイズが消える。$b$ を加えても形は変わらない。
:::

:::{admonition} 解答例
:class: dropdown
$(5, 3) \cdot (3, 4)$ は $(5, 4)$ になる。サンプルごとに 1 行（5 行）、ニューロンごとに 1 列（4 列）である。`check_affine_shape((5, 4))`。
:::
"""),
("md", r"""
**2.** Build $\mathbf 1_3\mathbf b$ (the note's $\mathrm{Dup}_3(b)$) for $\mathbf b = (1, 2)$ (replace the `...` below).
""", r"""
**2.** $\mathbf b = (1, 2)$ について、$\mathbf 1_3\mathbf b$（ノートの $\mathrm{Dup}_3(b)$）を作れ（下の `...` を置き換える）。
"""),
("code", r"""
b_ex = np.array([1.0, 2.0])
attempt = ...                  # a numpy array built from b_ex
_ = exercises.check_dup(attempt, b_ex, N=3)
"""),
("code", r"""
exercises.answer_box(exercises.check_dup)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
$\mathbf 1_3\mathbf b$ has one *row* per sample, each equal to $\mathbf b$: shape $(3, 2)$.
:::

:::{admonition} Worked answer
:class: dropdown
`attempt = np.tile(b_ex, (3, 1))` (or `np.repeat(b_ex[None, :], 3, axis=0)`) gives `[[1, 2], [1, 2], [1, 2]]`.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$\mathbf 1_3\mathbf b$ はサンプルごとに 1 つの*行*をもち、どの行も $\mathbf b$ に等しい。形は $(3, 2)$ である。
:::

:::{admonition} 解答例
:class: dropdown
`attempt = np.tile(b_ex, (3, 1))`（または `np.repeat(b_ex[None, :], 3, axis=0)`）で `[[1, 2], [1, 2], [1, 2]]` が得られる。
:::
"""),
("md", r"""
**3.** (Looking ahead to the Affine-layer note.) Because $\mathbf b$ is copied into every row of
$\mathbf 1_B\mathbf b$, the gradient of a loss with respect to $\mathbf b$ adds up the
gradient over the rows of $\partial\mathcal L / \partial\mathbf Y$. Compute `db` for the `dY` below.
""", r"""
**3.**（ノート 003 の先取り。）$\mathbf b$ は $\mathbf 1_B\mathbf b$ のすべての行に複製されるので、損失の $\mathbf b$ に関する勾配は、$\partial\mathcal L / \partial\mathbf Y$ の勾配を行にわたって足し合わせたものになる。下の `dY` について `db` を計算せよ。
"""),
("code", r"""
dY = np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.5]])
db = ...                       # computed from dY
_ = exercises.check_bias_gradient(db, dY)
"""),
("code", r"""
exercises.answer_box(exercises.check_bias_gradient, dY)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Each entry $b_j$ appears once in every row of $\mathbf 1_B\mathbf b$, so each row's $\partial\mathcal L/\partial y_{ij}$ contributes to $\partial\mathcal L/\partial b_j$. Add, do not average.
:::

:::{admonition} Worked answer
:class: dropdown
`db = dY.sum(axis=0)` = $(0.1 + 0.3 - 0.1,\ -0.2 + 0 + 0.5) = (0.3, 0.3)$.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
各要素 $b_j$ は $\mathbf 1_B\mathbf b$ のどの行にも 1 回ずつ現れるので、各行の $\partial\mathcal L/\partial y_{ij}$ が $\partial\mathcal L/\partial b_j$ に寄与する。平均ではなく和をとること。
:::

:::{admonition} 解答例
:class: dropdown
`db = dY.sum(axis=0)` = $(0.1 + 0.3 - 0.1,\ -0.2 + 0 + 0.5) = (0.3, 0.3)$。
:::
"""),
("md", r"""
## Notes on the note (2.4, 2.5, and the set-up of the Affine-layer note)

The formulas below are the notes' own symbols.

<!-- note-notation -->
- 2.4.1: it says each *input* has several weights and biases (「各入力はいくつかの重みとバイアスを持つ」).
  The weights are per (input, neuron) pair, but biases belong to the receiving neurons, one
  each, as the note itself says a few lines later. There are $n \cdot m$ weights and $m$
  biases.
- 2.4.2: the batch formula is written $Y = X \cdot W + b$ with the *vector* $b$, and then
  justified with the *matrix* $B = \mathrm{Dup}(b)$. As matrix algebra only
  $Y = XW + B$ is defined; $XW + b$ is valid as numpy broadcasting, which the check above
  shows is the same thing.
- 2.4.2: $X := (x_1 \dots x_{|b|})^\top$ literally gives one long column (shown above);
  stacking the rows means $(x_1^\top \dots x_{|b|}^\top)^\top$. The same goes for $Y$ and $B$.
- 2.4.2: the batch size is written $|b|$, which clashes with the bias $b$.
- 2.5: the activation's input is called $X$, reusing the name of the Affine input.
- Affine-layer note: in the text version we have, the title and a section heading read
  「Affine Liヤ」 and 「レイの設定」 for レイヤ (likely lost in the PDF-to-text conversion, not
  typos of the author). In notation ii), $A = (A)_{ij}$ should be $A = ((A)_{ij})$. The last formula for
  $\partial L/\partial b$ switches to a lower-case $\partial L/\partial y$ for the matrix
  $\partial L/\partial Y$.
""", r"""
## ノートへの注記（2.4、2.5、ノート 003 の設定部分）

以下の式は、ノート自身の記号で書いている。

<!-- note-notation -->
- 2.4.1：各*入力*がいくつかの重みとバイアスをもつと書かれている（「各入力はいくつかの重みとバイアスを持つ」）。重みは（入力, ニューロン）の組ごとにあるが、バイアスは受け取る側のニューロンに 1 つずつ属する。このことは数行後でノート自身も述べている。重みは $n \cdot m$ 個、バイアスは $m$ 個である。
- 2.4.2：バッチの式が*ベクトル* $b$ を使って $Y = X \cdot W + b$ と書かれ、そのうえで*行列* $B = \mathrm{Dup}(b)$ を使って正当化されている。行列の演算として定義されるのは $Y = XW + B$ だけである。$XW + b$ は numpy のブロードキャストとしては正しく、それが同じものであることは上の確認で示した。
- 2.4.2：$X := (x_1 \dots x_{|b|})^\top$ を文字どおりに読むと 1 本の長い列になる（上で示した）。行を積み重ねるなら $(x_1^\top \dots x_{|b|}^\top)^\top$ である。$Y$ と $B$ についても同様である。
- 2.4.2：バッチサイズが $|b|$ と書かれており、バイアス $b$ と紛らわしい。
- 2.5：活性化関数の入力が $X$ と呼ばれ、Affine 層の入力の名前が使い回されている。
- ノート 003：手元にあるテキスト版では、タイトルと節の見出しの 1 つで、レイヤが「Affine Liヤ」「レイの設定」となっている（作者の誤字ではなく、PDF からテキストへの変換で失われたものと思われる）。記法 ii) の $A = (A)_{ij}$ は $A = ((A)_{ij})$ とすべきである。$\partial L/\partial b$ の最後の式では、行列
  $\partial L/\partial Y$ の代わりに小文字の $\partial L/\partial y$ が使われている。
"""),
]
