CELLS = [
("md", r"""
# Perceptrons and logic gates

This page follows note 2.1 (ニューロンの始まり, "where the neuron begins") and note 2.2
(多層パーセプトロン, "the multilayer perceptron"). A perceptron is the smallest unit of a
network: it weighs its inputs, adds a bias, and *fires* (outputs 1) when the total is at
least zero. We build the logic gates the note talks about, draw the line each one draws
through the plane, show that XOR cannot be drawn with one line, and then build it from two
layers.
""", r"""
# パーセプトロンと論理ゲート

このページは、ノート 2.1（ニューロンの始まり）とノート 2.2（多層パーセプトロン）に沿って進む。パーセプトロンはネットワークの最小単位である。入力に重みをかけて足し合わせ、バイアスを加え、その合計が 0 以上のときに*発火*する（1 を出力する）。ノートに出てくる論理ゲートを組み立て、それぞれのゲートが平面に引く直線を描き、XOR は 1 本の直線では表せないことを示したうえで、2 層にして XOR を組み立てる。
"""),
("code", r"""
import numpy as np
from dlnotes import plots, widgets, exercises
from dlnotes.gates import (
    AND,
    OR,
    NAND,
    NOT,
    XOR,
    Perceptron,
    truth_table,
    which_gate,
    search_linear_separators,
    xor_mlp_weights,
)
from dlnotes.functions import step_function, sigmoid
from dlnotes.experiments import segment_intersection, xor_centre_sums
"""),
("md", r"""
## 1. One neuron with a step (note 2.1)

The step function (the note's $f_{\text{step}}$, the book's `step_function`) is
$\operatorname{step}(a) = 1$ if $a \ge 0$ and $0$ otherwise. A perceptron with weights
$w_1, \dots, w_n$ and bias $b$ applies it to a weighted sum:

$$y = \operatorname{step}\Big(\sum_i w_i x_i + b\Big),$$

so it fires exactly when $\sum_i w_i x_i \ge -b$: the bias is minus the firing threshold.
(The note names this neuron $\hat f_{\text{step}}(\mathbf{x})$ <!-- note-notation --> and writes the definition
with `=:`, which by convention defines the *right*-hand side; the left-hand side $\hat f$ is
the new name, so `:=` is meant.)

The note gives one set of weights, for AND: $x_1 + x_2 - 1.5 \ge 0$. Its figures with the
weights of OR and NOT are missing, so **the weights below for OR, NAND and NOT are our
choice**: OR is $x_1 + x_2 - 0.5$, NAND is AND with every sign flipped,
$-x_1 - x_2 + 1.5$, and NOT is $-x + 0.5$.
""", r"""
## 1. ステップ関数をもつ 1 つのニューロン（ノート 2.1）

ステップ関数（ノートの $f_{\text{step}}$、書籍のコードでは `step_function`）は、$a \ge 0$ のとき $\operatorname{step}(a) = 1$、それ以外のとき $0$ である。重み $w_1, \dots, w_n$ とバイアス $b$ をもつパーセプトロンは、これを重み付き和に適用する：

$$y = \operatorname{step}\Big(\sum_i w_i x_i + b\Big),$$

したがって、このニューロンが発火するのはちょうど $\sum_i w_i x_i \ge -b$ のときである。つまり、バイアスは発火の閾値の符号を反転したものである。（ノートはこのニューロンを $\hat f_{\text{step}}(\mathbf{x})$ <!-- note-notation --> と名づけ、定義を `=:` で書いている。慣習ではこの記号は*右*辺を定義するものだが、ここで新しく名づけられるのは左辺の $\hat f$ なので、意図されているのは `:=` である。）

ノートが示している重みは AND の 1 組だけである：$x_1 + x_2 - 1.5 \ge 0$。OR と NOT の重みを示す図はノートから欠けているので、**以下の OR、NAND、NOT の重みは本書が選んだもの**である。OR は $x_1 + x_2 - 0.5$、NAND は AND の符号をすべて反転した $-x_1 - x_2 + 1.5$、NOT は $-x + 0.5$ とする。
"""),
("code", r"""
for name, gate in [("AND", AND), ("OR", OR), ("NAND", NAND), ("NOT", NOT)]:
    inputs, outputs = truth_table(gate)
    rows = "  ".join(
        f"{''.join(map(str, x))}->{y}" for x, y in zip(inputs, outputs)
    )
    print(f"{name:5s} {gate!r:32s} {rows}")
"""),
("md", r"""
Each two-input gate is a straight line through the square $[0,1]^2$: on the red side the
weighted sum is $\ge 0$ and the neuron fires, on the blue side it does not (the note uses
the same colours: blue for 0, red for 1). NOT has one input, so its "line" is a point on
the number line.
""", r"""
2 入力のゲートは、どれも正方形 $[0,1]^2$ を横切る 1 本の直線で表される。赤い側では重み付き和が $\ge 0$ となってニューロンが発火し、青い側では発火しない（ノートも同じ色分けを使っている：青が 0、赤が 1）。NOT は入力が 1 つなので、その「直線」は数直線上の 1 点になる。
"""),
("code", r"""
plots.gates_overview()
""", {"alt": "Four panels in a 2 by 2 grid: AND (the note's weights), OR and NAND (our weights) over the input square, each with its decision line, the region where it outputs 1 shaded red and the four input points labelled with the output 0 or 1; and NOT, with one input, where the line x = 0.5 separates output 1 on the left from 0 on the right.", "alt_ja": "2 行 2 列に並んだ 4 つのパネル。入力の正方形の上に、AND（ノートの重み）、OR と NAND（本書の重み）を描き、それぞれに決定境界の直線を引き、出力が 1 になる領域を赤く塗り、4 つの入力点に出力 0 または 1 を記している。入力が 1 つの NOT では、直線 x = 0.5 が左側の出力 1 と右側の出力 0 を分けている。"}),
("code", r"""
# check: the weighted sums w.x + b of AND at 00, 01, 10, 11, and which gate
#   each weight set is
print("AND sums:", [AND.net(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]])
print([which_gate(*g.w, g.b) for g in (AND, OR, NAND)])
"""),
("md", r"""
### The weights are a region, not a point

Nothing about $(1, 1, -1.5)$ is special. With $b = -1$, AND needs $b < 0$ (00 stays silent),
$w_2 + b < 0$ and $w_1 + b < 0$ (01 and 10 stay silent) and $w_1 + w_2 + b \ge 0$ (11
fires): that is the triangle $w_1 < 1,\ w_2 < 1,\ w_1 + w_2 \ge 1$. Colouring the
$(w_1, w_2)$ plane by the gate the perceptron computes shows every gate as a whole
polygon. Multiplying all three parameters by any positive number changes nothing either,
so in $(w_1, w_2, b)$ space each gate is a cone.
""", r"""
### 重みは点ではなく領域である

$(1, 1, -1.5)$ という値に特別なところは何もない。$b = -1$ とすると、AND であるためには $b < 0$（00 で発火しない）、$w_2 + b < 0$ と $w_1 + b < 0$（01 と 10 で発火しない）、そして $w_1 + w_2 + b \ge 0$（11 で発火する）が必要である。これは三角形 $w_1 < 1,\ w_2 < 1,\ w_1 + w_2 \ge 1$ にほかならない。$(w_1, w_2)$ 平面を、パーセプトロンが計算するゲートによって色分けすると、どのゲートもひとまとまりの多角形として現れる。さらに、3 つのパラメータすべてに同じ正の数をかけても何も変わらないので、$(w_1, w_2, b)$ 空間ではそれぞれのゲートは錐になる。
"""),
("code", r"""
plots.gate_weight_map(biases=(-1.0, 1.0))
""", {"alt": "Two maps of the weight plane (w1, w2), for bias b = -1 and b = 1, coloured by which of the 16 boolean functions the perceptron computes; each gate, such as AND or OR, fills a whole region, and XOR and XNOR appear nowhere.", "alt_ja": "重みの平面 (w1, w2) の 2 枚の地図。バイアス b = -1 と b = 1 のそれぞれについて、パーセプトロンが 16 個の論理関数のどれを計算するかで色分けしている。AND や OR などの各ゲートはひとまとまりの領域を占め、XOR と XNOR はどこにも現れない。"}),
("code", r"""
# check: how many (w1, w2, b) on a 41-point grid over [-2, 2] compute each
#   gate; scaling by 3 keeps AND
grid = np.linspace(-2, 2, 41)
print(
    {
        name: len(search_linear_separators(name, grid))
        for name in ["AND", "OR", "NAND", "NOR", "XOR"]
    }
)
print(
    "3 * (1, 1, -1.5):",
    which_gate(3, 3, -4.5),
    "| (0.9, 0.2, -1):",
    which_gate(0.9, 0.2, -1),
)
"""),
("md", r"""
### Try it: a perceptron explorer

Drag the three sliders to any $w_1, w_2, b$ between $-2$ and $2$; your browser redraws the
line $w_1 x_1 + w_2 x_2 + b = 0$, the red region where the neuron fires and the blue one
where it does not, colours the four inputs by their output, and lists $w \cdot x + b$ and the
output at each. Above the table is the name of the boolean function the weights compute.
The menu *set weights to a gate* moves the sliders to the weights this page uses for AND,
OR, NAND, NOR and NOT $x_1$.

Pick a *target gate* and try to reach it. Fourteen of the sixteen functions of two inputs
can be reached, each by a whole region of weights. The target starts at XOR, and for XOR
(and XNOR) the readout says at once that no setting works; section 2 proves why.
""", r"""
### 試してみよう：パーセプトロンのエクスプローラー

3 つのスライダーを動かして、$w_1, w_2, b$ を $-2$ から $2$ までの好きな値にしてみよう。ブラウザは直線 $w_1 x_1 + w_2 x_2 + b = 0$ と、ニューロンが発火する赤い領域、発火しない青い領域を描き直し、4 つの入力を出力に応じて色分けし、各入力での $w \cdot x + b$ と出力を表にする。表の上には、その重みが計算する論理関数の名前が表示される。ゲートの重みを選ぶメニューを使うと、スライダーはこのページで AND、OR、NAND、NOR、NOT $x_1$ に使っている重みに移動する。

目標のゲートを選び、そこに到達できるか試してみよう。2 入力の 16 個の関数のうち 14 個には到達でき、それぞれ重みのひとまとまりの領域が対応する。目標は最初 XOR になっているが、XOR（と XNOR）については、どの設定でも実現できないことが表示ですぐにわかる。その理由は 2 節で証明する。
"""),
("code", r"""
widgets.perceptron_explorer(preset="AND", target="XOR")
"""),
("md", r"""
## 2. XOR is not linearly separable (note 2.2)

XOR outputs 1 when exactly one input is 1. Suppose one perceptron $(w_1, w_2, b)$ computed
it. Then
$b < 0$ (00 → 0), $w_2 + b \ge 0$ (01 → 1), $w_1 + b \ge 0$ (10 → 1) and
$w_1 + w_2 + b < 0$ (11 → 0). Adding the middle two gives
$w_1 + w_2 + b \ge -b > 0$, which contradicts the last one. So no line separates XOR's red
points from its blue ones. (XNOR fails for the same reason, with every inequality reversed.)

The computation agrees: a brute-force search over a grid of $41^3 = 68\,921$ weight
triples finds every other function many times and never XOR or XNOR.
""", r"""
## 2. XOR は線形分離不可能である（ノート 2.2）

XOR は、ちょうど 1 つの入力が 1 のときに 1 を出力する。1 つのパーセプトロン $(w_1, w_2, b)$ がこれを計算すると仮定しよう。すると $b < 0$（00 → 0）、$w_2 + b \ge 0$（01 → 1）、$w_1 + b \ge 0$（10 → 1）、$w_1 + w_2 + b < 0$（11 → 0）である。中央の 2 つを足すと $w_1 + w_2 + b \ge -b > 0$ となり、最後の不等式と矛盾する。したがって、XOR の赤い点と青い点を分ける直線は存在しない。（XNOR も、すべての不等号を逆にすれば同じ理由で実現できない。）

計算の結果もこれと一致する。$41^3 = 68\,921$ 個の重みの組からなる格子を総当たりで調べると、他の関数はどれも何度も見つかるが、XOR と XNOR は一度も見つからない。
"""),
("code", r"""
plots.separator_counts(np.linspace(-2, 2, 41))
""", {"alt": "Horizontal bar chart: for each of the 16 boolean functions of two inputs, how many of the 41³ grid triples (w1, w2, b) compute it; every function has a bar except XOR and XNOR, whose counts are 0.", "alt_ja": "横棒グラフ。2 入力の 16 個の論理関数それぞれについて、格子上の 41³ 個の組 (w1, w2, b) のうちいくつがその関数を計算するかを示している。XOR と XNOR を除くすべての関数に棒があり、XOR と XNOR の個数は 0 である。"}),
("code", r"""
# check: distinct functions reached by the 68,921 grid perceptrons, and the
#   XOR/XNOR counts
g = np.linspace(-2, 2, 41)
W1, W2, B = np.meshgrid(g, g, g, indexing="ij")
X4 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
outs = (
    (np.einsum("kj,j...->k...", X4, np.stack([W1, W2])) + B >= 0)
    .reshape(4, -1)
    .T
)
reached = {tuple(row) for row in outs.astype(int)}
print(
    len(reached),
    "functions reached;",
    (0, 1, 1, 0) in reached,
    (1, 0, 0, 1) in reached,
)
"""),
("md", r"""
### The same proof, drawn: the two diagonals cross

The algebra has a picture. One perceptron splits the plane into two sets,
$\{\mathbf x : w_1x_1 + w_2x_2 + b \ge 0\}$ where it outputs 1 and the rest, where it
outputs 0. Both are half-planes, and a half-plane is *convex*: with any two of its points it
contains the whole segment between them (the weighted sum changes linearly along the segment,
so it cannot leave the half-plane and come back). So if one perceptron computed XOR, its
1-set would contain the segment from $(0,1)$ to $(1,0)$, the convex hull of XOR's two 1-points,
and its 0-set would contain the segment from $(0,0)$ to $(1,1)$, the hull of the two 0-points.
These two diagonals of the square cross at $(\tfrac12, \tfrac12)$, so that point would have
to be in both sets, which is impossible. In numbers: the weighted sum at the centre is the
average of its values at $01$ and $10$ (both $\ge 0$), and also the average of its values at
$00$ and $11$ (both $< 0$). The algebra above is this argument without the picture: the
sums at 01 and 10 add up to $w_1 + w_2 + 2b$, and so do the sums at 00 and 11.

The left panel of the figure in section 3 draws the two diagonals and their crossing.
""", r"""
### 同じ証明を図で：2 本の対角線は交わる

上の代数的な議論は図で表すことができる。1 つのパーセプトロンは平面を 2 つの集合に分ける。1 を出力する $\{\mathbf x : w_1x_1 + w_2x_2 + b \ge 0\}$ と、0 を出力する残りの部分である。どちらも半平面であり、半平面は*凸*である。つまり、任意の 2 点を含むなら、その 2 点を結ぶ線分全体も含む（重み付き和は線分に沿って線形に変化するので、半平面からいったん出て戻ってくることはできない）。したがって、もし 1 つのパーセプトロンが XOR を計算するなら、その 1 の集合は、XOR の 2 つの 1 の点の凸包である $(0,1)$ から $(1,0)$ への線分を含み、0 の集合は、2 つの 0 の点の凸包である $(0,0)$ から $(1,1)$ への線分を含むはずである。正方形のこの 2 本の対角線は $(\tfrac12, \tfrac12)$ で交わるので、この点は両方の集合に属さなければならないが、それは不可能である。数値で言えば、中心での重み付き和は $01$ と $10$ での値（どちらも $\ge 0$）の平均であり、同時に $00$ と $11$ での値（どちらも $< 0$）の平均でもある。上の代数的な議論は、この論法を図なしで述べたものである。01 と 10 での和を足すと $w_1 + w_2 + 2b$ になり、00 と 11 での和を足しても同じになる。

2 本の対角線とその交点は、3 節の図の左のパネルに描いてある。
"""),
("code", r"""
# check: where the diagonals 01-10 and 00-11 cross (t, u: position along
#   each), and the sum at (1/2, 1/2) against both corner averages for
#   100,000 seeded random perceptrons
point, t, u = segment_intersection((0, 1), (1, 0), (0, 0), (1, 1))
print("crossing:", point.tolist(), " t =", t, " u =", u)
rng = np.random.default_rng(0)
corners, centre = xor_centre_sums(rng.normal(size=(100_000, 3)))
ones_avg = (corners[:, 1] + corners[:, 2]) / 2     # inputs 01, 10
zeros_avg = (corners[:, 0] + corners[:, 3]) / 2    # inputs 00, 11
print(
    "max |centre - avg(01, 10)| < 1e-14:",
    np.max(np.abs(centre - ones_avg)) < 1e-14,
    "| max |centre - avg(00, 11)| < 1e-14:",
    np.max(np.abs(centre - zeros_avg)) < 1e-14,
)
fire, mid = corners >= 0, centre >= 0
ones, zeros = fire[:, 1] & fire[:, 2], ~fire[:, 0] & ~fire[:, 3]
print(
    f"fire on 01 and 10: {ones.sum()}, of which silent at the centre:"
    f" {(ones & ~mid).sum()}"
)
print(
    f"silent on 00 and 11: {zeros.sum()}, of which firing at the centre:"
    f" {(zeros & mid).sum()};  both at once (XOR): {(ones & zeros).sum()}"
)
"""),
("md", r"""
## 3. Two layers compute XOR (note 2.2)

The note builds XOR from OR, AND and NOT: $\text{XOR}(x) = \text{AND}(\text{OR}(x),
\text{NOT}(\text{AND}(x)))$. NOT after AND is just NAND (flip every sign of AND's weights),
so the circuit has one hidden layer with two neurons, NAND and OR, and an output neuron AND.
In input space XOR's 1-region is the band between the two parallel lines where NAND and
OR both fire: an intersection of two half-planes, so it *is* convex. What is not convex is
its 0-region, the two outer half-planes together: the blue diagonal from 00 to 11 crosses the
red band. One perceptron's 0-region and 1-region are both half-planes, hence convex, and
section 2 showed that XOR's points cannot be split that way; the hidden layer is what builds the
band. In the hidden coordinates
$\mathbf z = (\text{NAND}(x), \text{OR}(x))$ the four inputs land on three points, and AND
separates them with one line.
""", r"""
## 3. 2 層なら XOR を計算できる（ノート 2.2）

ノートは XOR を OR、AND、NOT から組み立てている：$\text{XOR}(x) = \text{AND}(\text{OR}(x),
\text{NOT}(\text{AND}(x)))$。AND の後に NOT を置いたものは NAND にほかならない（AND の重みの符号をすべて反転する）ので、この回路は NAND と OR の 2 つのニューロンからなる隠れ層 1 つと、AND の出力ニューロンでできている。入力空間では、XOR の 1 の領域は、NAND と OR がともに発火する、2 本の平行な直線にはさまれた帯である。これは 2 つの半平面の共通部分なので、*凸である*。凸でないのは 0 の領域、つまり外側の 2 つの半平面を合わせたものである：00 から 11 への青い対角線が赤い帯を横切っている。1 つのパーセプトロンでは 0 の領域と 1 の領域がどちらも半平面、つまり凸であり、2 節で示したとおり XOR の点はそのようには分けられない。帯を作っているのは隠れ層である。隠れ層の座標 $\mathbf z = (\text{NAND}(x), \text{OR}(x))$ では 4 つの入力は 3 つの点に移り、AND が 1 本の直線でそれらを分ける。
"""),
("code", r"""
inputs, outputs = truth_table(XOR)
for x, z, y in zip(inputs, XOR.hidden(inputs.astype(float)), outputs):
    print(f"x = {x}  ->  hidden (NAND, OR) = {z}  ->  XOR = {y}")
plots.xor_regions()
""", {"alt": "Two panels. Left: in input space, XOR outputs 1 in the band between the NAND line and the OR line, a convex strip; the red segment joining the 1-points 01 and 10 and the blue segment joining the 0-points 00 and 11 cross at (1/2, 1/2), and the blue one runs through the red band, so the set of 0s is not convex. Right: in the hidden space z = (NAND(x), OR(x)), inputs 01 and 10 land on the same point and a single AND line separates the output 1 from 0.", "alt_ja": "2 つのパネル。左：入力空間で XOR が 1 を出力するのは、NAND の直線と OR の直線にはさまれた凸な帯である。1 の点 01 と 10 を結ぶ赤い線分と、0 の点 00 と 11 を結ぶ青い線分は (1/2, 1/2) で交わり、青い線分は赤い帯を貫いているので、0 の集合は凸ではない。右：隠れ層の空間 z = (NAND(x), OR(x)) では入力 01 と 10 が同じ点に移り、AND の直線 1 本で出力 1 と 0 が分けられる。"}),
("md", r"""
The same circuit written as a tiny multilayer perceptron (the matrix form of note 2.4):
pre-activation $\mathbf a = \mathbf x \mathbf W_1 + \mathbf b_1$, hidden output
$\mathbf z = \operatorname{step}(\mathbf a)$, $y = \operatorname{step}(\mathbf z \mathbf W_2 + b_2)$,
where column 0 of $\mathbf W_1$ holds NAND's weights and column 1 holds OR's.
""", r"""
同じ回路を小さな多層パーセプトロンとして書くと、次のようになる（ノート 2.4 の行列表現）。活性化関数を適用する前の値を $\mathbf a = \mathbf x \mathbf W_1 + \mathbf b_1$、隠れ層の出力を $\mathbf z = \operatorname{step}(\mathbf a)$ として、$y = \operatorname{step}(\mathbf z \mathbf W_2 + b_2)$ である。ここで、$\mathbf W_1$ の列 0 には NAND の重みが、列 1 には OR の重みが入っている。
"""),
("code", r"""
W1, b1, W2, b2 = xor_mlp_weights()
print(
    "W1 =",
    W1.tolist(),
    " b1 =",
    b1.tolist(),
    " W2 =",
    W2.ravel().tolist(),
    " b2 =",
    b2.tolist(),
)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
A = X @ W1 + b1
Z = step_function(A)
print("hidden layer:", Z.astype(int).tolist())
"""),
("code", r"""
# check: the 2-2-1 step network on 00, 01, 10, 11, and NOT(AND(x)) ==
#   NAND(x) on all inputs
print(step_function(Z @ W2 + b2).ravel().astype(int).tolist())
print(all(1 - AND(x) == NAND(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]))
"""),
("md", r"""
## 4. From the step to smooth activations (bridge to note 2.3)

The step function has slope 0 wherever it has a slope, so nothing tells us how to change a
weight a little to do better. Note 2.3 swaps it for smooth functions. The sigmoid
$\sigma(wx)$ becomes steeper as $w$ grows and approaches the step at every $x \ne 0$; at
$x = 0$ it stays at $\sigma(0) = 1/2$, while the note's step gives 1 there.
""", r"""
## 4. ステップ関数から滑らかな活性化関数へ（ノート 2.3 への橋渡し）

ステップ関数の傾きは、傾きが存在するところではどこでも 0 である。そのため、重みを少し変えてよりよくするにはどうすればよいかを、何も教えてくれない。ノート 2.3 はこれを滑らかな関数に置き換える。シグモイド関数 $\sigma(wx)$ は $w$ が大きくなるほど急になり、$x \ne 0$ のすべての点でステップ関数に近づく。ただし $x = 0$ では $\sigma(0) = 1/2$ のままであり、ノートのステップ関数はそこで 1 を与える。
"""),
("code", r"""
plots.step_vs_smooth(weights=(1, 3, 10))
""", {"alt": "Two panels. Left: sigmoid(w x) for w = 1, 3 and 10 approaches the step function as w grows. Right: their slopes, bell curves that get taller and narrower, against the step's slope, which is 0 everywhere except at 0.", "alt_ja": "2 つのパネル。左：w = 1、3、10 の sigmoid(w x) は、w が大きくなるにつれてステップ関数に近づく。右：それらの傾きは、高く細くなっていく釣鐘形の曲線であり、0 以外のすべての点で 0 になるステップ関数の傾きと比べている。"}),
("code", r"""
# check: sigmoid(w * 0.1) for w = 1, 10, 100, 1000 approaches step(0.1) =
#   1, but sigmoid(w * 0) stays 0.5
print(
    [
        round(float(sigmoid(np.array(w * 0.1))), 6)
        for w in (1, 10, 100, 1000)
    ],
    float(step_function(np.array(0.1))),
)
print(
    [float(sigmoid(np.array(w * 0.0))) for w in (1, 1000)],
    float(step_function(np.array(0.0))),
)
"""),
("md", r"""
## Exercises

**1.** Find weights that make a perceptron compute NOR (output 1 only for input 00). Replace
each `...` below with a number and run the cell until the checker agrees.
""", r"""
## 演習

**1.** パーセプトロンに NOR（入力 00 のときだけ 1 を出力する）を計算させる重みを求めよ。下の各 `...` を数値に置き換え、チェッカーが正解と判定するまでセルを実行すること。
"""),
("code", r"""
_ = exercises.check_gate_weights("NOR", w1=..., w2=..., b=...)
"""),
("code", r"""
exercises.answer_box(exercises.check_gate_weights)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
NOR is NOT(OR): flip the signs of OR's weights and bias, so that any input 1 pulls the sum below 0.
:::

:::{admonition} Worked answer
:class: dropdown
$w_1 = w_2 = -1$, $b = 0.5$: $-x_1 - x_2 + 0.5 \ge 0$ only for $x_1 = x_2 = 0$, so the outputs are 1, 0, 0, 0 for 00, 01, 10, 11. Any weights in the NOR region of the map above work too.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
NOR は NOT(OR) である。OR の重みとバイアスの符号を反転すれば、入力のどれか 1 つでも 1 なら和が 0 より小さくなる。
:::

:::{admonition} 解答例
:class: dropdown
$w_1 = w_2 = -1$、$b = 0.5$：$-x_1 - x_2 + 0.5 \ge 0$ となるのは $x_1 = x_2 = 0$ のときだけなので、00、01、10、11 に対する出力は 1、0、0、0 である。上の地図で NOR の領域に入る重みなら、どれでも正解になる。
:::
"""),
("md", r"""
**2.** Build XOR differently: let the hidden neurons be OR and AND, and let the output fire
when "OR and not AND" holds. The hidden layer is given; fill in the output weights `W2` (2×1) and bias `b2`.
""", r"""
**2.** XOR を別の方法で組み立てよ。隠れ層のニューロンを OR と AND とし、「OR であって AND でない」ときに出力が発火するようにする。隠れ層は与えてあるので、出力の重み `W2`（2×1）とバイアス `b2` を埋めよ。
"""),
("code", r"""
W1 = [[1, 1], [1, 1]]      # columns: OR, AND
b1 = [-0.5, -1.5]
W2 = ...                   # [[?], [?]]: AND should count *against* firing
b2 = ...                   # [?]
_ = exercises.check_xor_network(W1, b1, W2, b2)
"""),
("code", r"""
exercises.answer_box(exercises.check_xor_network)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
With both output weights 1, the output fires for OR *or* AND. Give the AND neuron a negative weight, so that 11 (where both hidden neurons fire) falls below the threshold.
:::

:::{admonition} Worked answer
:class: dropdown
`W2 = [[1], [-1]]` and `b2 = [-0.5]`: the output is step(OR − AND − 0.5), which is 1 for 01 and 10 (OR only) and 0 for 00 and 11. That is XOR.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
出力の重みを両方とも 1 にすると、OR *または* AND で出力が発火してしまう。AND のニューロンに負の重みを与え、11（隠れ層のニューロンが両方とも発火する）で和が閾値を下回るようにする。
:::

:::{admonition} 解答例
:class: dropdown
`W2 = [[1], [-1]]`、`b2 = [-0.5]`：出力は step(OR − AND − 0.5) となり、01 と 10（OR だけが発火する）で 1、00 と 11 で 0 になる。これが XOR である。
:::
"""),
("md", r"""
## Weights used here, and notes on the note (2.1, 2.2)

**Weights.** AND $= (1, 1, -1.5)$ is the note's. OR $= (1, 1, -0.5)$,
NAND $= (-1, -1, 1.5)$, NOT $= (-1, 0.5)$ and NOR $= (-1, -1, 0.5)$ are our choice, because
the note's figures that would show them are missing. Any weights in the same polygon of
the map above work just as well. XOR $=$ AND(NAND, OR).

**Points in the note to correct** (each checked above; the formulas are the note's own):

<!-- note-notation -->
- 2.1: the definition $\hat f_{\text{step}}(\mathbf{x}) =: f_{\text{step}}(\sum_i w_i x_i + b)$
  uses `=:`, which defines the right-hand side. The new name is on the left, so it should be
  `:=`. Also, $\hat f$ depends on $w$ and $b$, but the notation does not show them.
- 2.2: the neuron is written $\hat f_{\text{step}}(w_1x + w_2y + b)$. That applies $\hat f$,
  which was defined on the input *vector*, to a scalar that is already the weighted sum. It
  should read $f_{\text{step}}(w_1x + w_2y + b)$, or equivalently
  $\hat f_{\text{step}}((x, y))$.
- 2.2: "the line $w_1x + w_2y + b = 0$" is a line only when $(w_1, w_2) \ne (0, 0)$; with
  both weights 0 the perceptron is constant (TRUE or FALSE, both on the map above).
- 2.1/2.2: the figures with the OR and NOT weights, and the XOR scatter plot the text points
  to ("右下のようなグラフ"), are missing from the note. This page draws them.
- Not an error, but worth knowing: firing at exactly 0 ($\ge$, as in the note) or only above
  0 ($>$, as in the book's code) gives different gates when an input sits on the line. On
  the 41-point grid AND has 1,330 solutions but NAND has 1,540, because the tie at 0
  counts as "fire".
""", r"""
## ここで使った重みと、ノートへの注記（2.1、2.2）

**重み。** AND $= (1, 1, -1.5)$ はノートのものである。OR $= (1, 1, -0.5)$、NAND $= (-1, -1, 1.5)$、NOT $= (-1, 0.5)$、NOR $= (-1, -1, 0.5)$ は本書が選んだものである。それらを示すはずのノートの図が欠けているためである。上の地図で同じ多角形に入る重みなら、どれでも同じようにはたらく。XOR $=$ AND(NAND, OR) である。

**ノートで訂正すべき点**（いずれも上で確認した。式はノート自身のもの）：

<!-- note-notation -->
- 2.1：定義 $\hat f_{\text{step}}(\mathbf{x}) =: f_{\text{step}}(\sum_i w_i x_i + b)$ は `=:` を使っているが、これは右辺を定義する記号である。新しい名前は左辺にあるので、`:=` とすべきである。また、$\hat f$ は $w$ と $b$ に依存するが、記法にはそれが現れていない。
- 2.2：ニューロンが $\hat f_{\text{step}}(w_1x + w_2y + b)$ と書かれている。これは、入力*ベクトル*に対して定義された $\hat f$ を、すでに重み付き和になっているスカラーに適用している。$f_{\text{step}}(w_1x + w_2y + b)$、あるいは同じことだが $\hat f_{\text{step}}((x, y))$ と書くべきである。
- 2.2：「直線 $w_1x + w_2y + b = 0$」が直線になるのは $(w_1, w_2) \ne (0, 0)$ のときだけである。重みが両方とも 0 なら、パーセプトロンは定数（TRUE または FALSE。どちらも上の地図に現れる）になる。
- 2.1/2.2：OR と NOT の重みを示す図と、本文が指している XOR の散布図（「右下のようなグラフ」）が、ノートから欠けている。このページではそれらを描いている。
- 誤りではないが知っておきたい点：ちょうど 0 で発火する（ノートのように $\ge$）か、0 を超えたときだけ発火する（書籍のコードのように $>$）かによって、入力が直線上にあるときのゲートが変わる。41 点の格子では AND の解が 1,330 個なのに対して NAND の解は 1,540 個ある。0 での同点が「発火」に数えられるからである。
"""),
]
