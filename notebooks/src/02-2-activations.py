CELLS = [
("md", r"""
# Activation functions

This page covers note 2.3 (活性化関数, "activation functions") and its three subsections:
2.3.1 (シグモイド関数, the sigmoid), 2.3.2 (ReLU 関数) and 2.3.3 (Softmax 関数). An
activation function decides what a neuron passes on. The step of note 2.1 passes only 0 or 1
and has slope 0 everywhere it has a slope, so learning by small weight changes (chapter 3)
needs something with a useful derivative.
""", r"""
# 活性化関数

このページでは、ノート 2.3（活性化関数）と、その 3 つの小節 2.3.1（シグモイド関数）、2.3.2（ReLU 関数）、2.3.3（Softmax 関数）を扱う。活性化関数は、ニューロンが次に何を渡すかを決める関数である。ノート 2.1 のステップ関数は 0 か 1 しか渡さず、傾きが存在するところではどこでも傾きが 0 である。そのため、重みを少しずつ変えて学習する（3 章）には、役に立つ微分をもつ関数が必要になる。
"""),
("code", r"""
import numpy as np
from dlnotes import plots, widgets, exercises
from dlnotes.functions import (
    step_function,
    sigmoid,
    sigmoid_grad,
    relu,
    relu_grad,
    softmax,
)
from dlnotes.gradient import numerical_diff
"""),
("md", r"""
## 1. Four activations and their slopes

- identity: $f(x) = x$, slope 1;
- step: slope 0 for $x \ne 0$, no derivative at 0 (it jumps);
- sigmoid (2.3.1): $\sigma(x) = 1/(1 + e^{-x})$, with $\sigma'(x) = \sigma(x)(1 - \sigma(x))$
  (derived below);
- ReLU (2.3.2): $\max(0, x)$, slope 0 for $x < 0$ and 1 for $x > 0$.

The note calls ReLU "differentiable", and it is not: at $0$ its left slope is 0 and its right
slope is 1. In practice this costs nothing, because libraries just pick a value there
([`relu_grad`](dlnotes.functions.relu_grad)`(0) = 0` here, as in the book), and an input landing exactly on 0 is rare.
""", r"""
## 1. 4 つの活性化関数とその傾き

- 恒等関数：$f(x) = x$、傾きは 1。
- ステップ関数：$x \ne 0$ では傾きは 0、0 では微分できない（値が跳ぶ）。
- シグモイド関数（2.3.1）：$\sigma(x) = 1/(1 + e^{-x})$、微分は $\sigma'(x) = \sigma(x)(1 - \sigma(x))$（下で導出する）。
- ReLU（2.3.2）：$\max(0, x)$、傾きは $x < 0$ で 0、$x > 0$ で 1。

ノートは ReLU を「微分可能」と呼んでいるが、実際にはそうではない。$0$ では左側の傾きが 0、右側の傾きが 1 である。実用上はこれで困ることはない。ライブラリはそこでの値を 1 つ決めておくだけであり（ここでは書籍と同じく [`relu_grad`](dlnotes.functions.relu_grad)`(0) = 0`）、入力がちょうど 0 になることもまれだからである。
"""),
("code", r"""
plots.activation_curves()
""", {"alt": "Two panels. Left: the step, sigmoid, ReLU and identity functions for x from -4 to 4. Right: their derivatives: 0 for the step, a bump with maximum 1/4 at 0 for the sigmoid, a jump from 0 to 1 at x = 0 for ReLU (no derivative there), and the constant 1 for the identity.", "alt_ja": "2 つのパネル。左：x が -4 から 4 までの、ステップ関数、シグモイド関数、ReLU、恒等関数。右：それらの導関数。ステップ関数は 0、シグモイド関数は 0 で最大値 1/4 をとる山、ReLU は x = 0 で 0 から 1 に跳ぶ（そこでは微分できない）、恒等関数は定数 1 である。"}),
("code", r"""
# check: sigmoid' peaks at 1/4 at x = 0 (grid and central difference), and
#   ReLU's one-sided slopes at 0
x = np.linspace(-6, 6, 12001)
i = np.argmax(sigmoid_grad(x))
print(
    f"max sigmoid' = {sigmoid_grad(x)[i]:.12f} at x = {x[i]:.6f};  central"
    f" difference at 0: {numerical_diff(sigmoid, 0.0):.10f}"
)
f = lambda v: float(relu(np.array(v)))
print(
    "ReLU slope at 0 from the right:",
    round(numerical_diff(f, 0.0, method="forward"), 12),
    "| from the left:",
    round(numerical_diff(f, 0.0, method="backward"), 12),
)
"""),
("md", r"""
### Why sigmoids slow learning down

For large $|x|$ the sigmoid's slope is almost zero, which is the problem note 2.3.1 mentions
(vanishing gradients). The note blames only large inputs, but the problem is there even at
the best point: $\sigma' \le 1/4$ everywhere. A signal passing back through ten sigmoid
layers is multiplied by at most $(1/4)^{10} \approx 9.5 \times 10^{-7}$, before any weights
are counted. ReLU's slope is exactly 1 for every positive input.
""", r"""
### シグモイド関数が学習を遅くする理由

$|x|$ が大きいと、シグモイド関数の傾きはほとんど 0 になる。これがノート 2.3.1 の述べている問題（勾配消失問題）である。ノートは大きな入力だけを原因としているが、この問題は傾きが最大になる点でさえ存在する。どこでも $\sigma' \le 1/4$ だからである。10 層のシグモイド層を逆向きに通る信号は、重みを考える前の段階で、すでに高々 $(1/4)^{10} \approx 9.5 \times 10^{-7}$ 倍になってしまう。ReLU の傾きは、正の入力に対してはつねにちょうど 1 である。
"""),
("code", r"""
# check: sigmoid' at x = 10, the ten-layer bound (1/4)^10, and ReLU' at 10
print(
    f"{float(sigmoid_grad(np.array(10.0))):.6e}  {0.25 ** 10:.6e} "
    f" {float(relu_grad(np.array(10.0)))}"
)
"""),
("md", r"""
### Deriving $\sigma' = \sigma(1 - \sigma)$ (note 2.3.1)

The note gives the sigmoid (シグモイド関数) but not its derivative, which chapter 3's backward
pass needs. Write $\sigma(x) = (1 + e^{-x})^{-1}$ and use the chain rule with the outer
function $u \mapsto u^{-1}$ and the inner one $u(x) = 1 + e^{-x}$, whose derivative is
$u'(x) = -e^{-x}$:

$$\sigma'(x) = -\,(1 + e^{-x})^{-2} \cdot (-e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2}.$$

Split the fraction into two factors, and in the second write $e^{-x}$ as
$(1 + e^{-x}) - 1$:

$$\frac{e^{-x}}{(1 + e^{-x})^2}
= \frac{1}{1 + e^{-x}} \cdot \frac{(1 + e^{-x}) - 1}{1 + e^{-x}}
= \frac{1}{1 + e^{-x}} \Big(1 - \frac{1}{1 + e^{-x}}\Big)
= \sigma(x)\,\big(1 - \sigma(x)\big).$$

So the slope needs no new exponential: the forward pass already has $\sigma(x)$ (the book's
`Sigmoid` layer stores its output for exactly this). Below, the formula is compared with a
central difference $(\sigma(x + h) - \sigma(x - h))/(2h)$, $h = 10^{-4}$, and with the
unsimplified middle expression.
""", r"""
### $\sigma' = \sigma(1 - \sigma)$ の導出（ノート 2.3.1）

ノートはシグモイド関数を示しているが、その微分は示していない。しかし 3 章の逆伝播ではそれが必要になる。$\sigma(x) = (1 + e^{-x})^{-1}$ と書き、外側の関数 $u \mapsto u^{-1}$ と、内側の関数 $u(x) = 1 + e^{-x}$ に連鎖律を使う。内側の関数の微分は $u'(x) = -e^{-x}$ である：

$$\sigma'(x) = -\,(1 + e^{-x})^{-2} \cdot (-e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2}.$$

この分数を 2 つの因子に分け、2 つ目の因子では $e^{-x}$ を $(1 + e^{-x}) - 1$ と書く：

$$\frac{e^{-x}}{(1 + e^{-x})^2}
= \frac{1}{1 + e^{-x}} \cdot \frac{(1 + e^{-x}) - 1}{1 + e^{-x}}
= \frac{1}{1 + e^{-x}} \Big(1 - \frac{1}{1 + e^{-x}}\Big)
= \sigma(x)\,\big(1 - \sigma(x)\big).$$

したがって、傾きを求めるのに指数関数を新たに計算する必要はない。$\sigma(x)$ は順伝播ですでに得られているからである（書籍の `Sigmoid` レイヤが出力を保存しておくのは、まさにこのためである）。以下では、この式を中心差分 $(\sigma(x + h) - \sigma(x - h))/(2h)$、$h = 10^{-4}$ と比べ、さらに簡約する前の途中の式とも比べる。
"""),
("code", r"""
# check: sigma(1 - sigma) against the central difference and against
#   e^-x / (1 + e^-x)^2 at x = -8, -3, -1, -0.5, 0, 0.5, 1, 3, 8
xs = np.array([-8, -3, -1, -0.5, 0, 0.5, 1, 3, 8])
s = sigmoid(xs)
formula = s * (1 - s)
numeric = np.array([numerical_diff(sigmoid, float(v)) for v in xs])
middle = np.exp(-xs) / (1 + np.exp(-xs)) ** 2
print("sigma'(x):", np.round(formula, 8).tolist())
err = np.max(np.abs(formula - numeric))
print(f"max |formula - central difference| = {err:.1e}")
print(
    "max |formula - e^-x/(1+e^-x)^2| < 1e-15:",
    np.max(np.abs(formula - middle)) < 1e-15,
    "| sigmoid_grad agrees:",
    np.array_equal(sigmoid_grad(xs), formula),
)
"""),
("md", r"""
## 2. ReLU is the integral of the step

Note 2.3.2 remarks that ReLU is the step function integrated:
$\int_{-\infty}^{x} \operatorname{step}(t)\,dt = \max(0, x)$, because the integrand is 0 left
of 0 and 1 to the right. Numerically, a running midpoint sum of the step on a grid that
contains 0 reproduces ReLU to rounding error. The midpoint rule never evaluates the step at
its jump; the trapezoid rule would, and would be off by $h/2$.
""", r"""
## 2. ReLU はステップ関数の積分である

ノート 2.3.2 は、ReLU がステップ関数を積分したものであることに触れている：$\int_{-\infty}^{x} \operatorname{step}(t)\,dt = \max(0, x)$。被積分関数は 0 より左で 0、右で 1 だからである。数値的には、0 を含む格子の上でステップ関数の中点和を累積していくと、丸め誤差の範囲で ReLU が再現される。中点則はステップ関数を跳びの位置で評価することがない。台形則はそこで評価してしまうので、$h/2$ だけずれる。
"""),
("code", r"""
x = np.linspace(-3, 3, 601)  # contains 0 exactly, step h = 0.01
h = x[1] - x[0]
mid = (x[1:] + x[:-1]) / 2
integral = np.concatenate([[0.0], np.cumsum(step_function(mid) * h)])
trapezoid = np.concatenate(
    [
        [0.0],
        np.cumsum((step_function(x[1:]) + step_function(x[:-1])) / 2 * h),
    ]
)
plots.relu_integral(x, integral)
""", {"alt": "Two panels. Left: relu(x) and the running integral of the step function lie on top of each other from -3 to 3. Right: their absolute difference, at the level of rounding error.", "alt_ja": "2 つのパネル。左：-3 から 3 まで、relu(x) とステップ関数の累積積分がぴったり重なっている。右：両者の差の絶対値で、丸め誤差の大きさである。"}),
("code", r"""
# check: largest |running integral - relu| for the midpoint rule, and the
#   trapezoid rule's error (h/2 = 0.005)
print(
    np.max(np.abs(integral - relu(x))) < 1e-12,
    round(float(np.max(np.abs(trapezoid - relu(x)))), 10),
)
"""),
("md", r"""
## 3. Softmax and overflow (note 2.3.3)

Softmax turns a vector of scores (logits) $\mathbf a$ into probabilities:
$\operatorname{softmax}(\mathbf a)_i = e^{a_i} / \sum_j e^{a_j}$. Every output is positive and
they sum to 1. (The note writes it as $f_{\text{softmax}}(x_i)$, a function of one entry,
although each output depends on the whole vector. We write $\operatorname{softmax}(\mathbf a)_i$.)

In float64, $e^{a}$ is `inf` once $a > \ln(1.797 \times 10^{308}) \approx 709.78$, and then
$\infty / \infty$ gives `nan`. Right after recommending to subtract the maximum, the note adds
that small values are no problem because $e^{a_i}$ just approaches 0. As the note uses it, for
the shifted computation, that is correct (shown below). It would not be true of the unshifted
formula: when every $e^{a_j}$ underflows to 0 (all $a_j$ below about $-745$), the result is
$0/0$, also `nan`. So the shift protects the small side as well, which the note does not say.
""", r"""
## 3. Softmax とオーバーフロー（ノート 2.3.3）

Softmax 関数は、スコア（ロジット）のベクトル $\mathbf a$ を確率に変換する：$\operatorname{softmax}(\mathbf a)_i = e^{a_i} / \sum_j e^{a_j}$。出力はどれも正であり、その和は 1 になる。（ノートは $f_{\text{softmax}}(x_i)$ と 1 つの要素の関数として書いているが、各出力はベクトル全体に依存する。本書では $\operatorname{softmax}(\mathbf a)_i$ と書く。）

float64 では、$a > \ln(1.797 \times 10^{308}) \approx 709.78$ になると $e^{a}$ は `inf` となり、さらに $\infty / \infty$ は `nan` になる。ノートは最大値を引くことを勧めた直後に、値が小さい場合は $e^{a_i}$ が 0 に近づくだけなので問題ないと付け加えている。ノートのように最大値を引いた後の計算に対してなら、これは正しい（下で示す）。しかし、引く前の式については成り立たない。すべての $e^{a_j}$ が 0 にアンダーフローすると（すべての $a_j$ がおよそ $-745$ より小さいとき）、結果は $0/0$ となり、やはり `nan` になる。つまり、最大値を引く操作は小さい側も守っているのであり、ノートはそのことを述べていない。
"""),
("code", r"""
def naive_softmax(a):
    e = np.exp(a)
    return e / e.sum()

with np.errstate(over="ignore", invalid="ignore"):
    print(
        "naive, [1000, 1000]:  ", naive_softmax(np.array([1000.0, 1000.0]))
    )
    print(
        "naive, [-1000, -1000]:", naive_softmax(np.array([-1000.0, -1000.0]))
    )
print(
    "shifted, both:        ",
    softmax(np.array([1000.0, 1000.0])),
    softmax(np.array([-1000.0, -1000.0])),
)
"""),
("md", r"""
The fix subtracts the largest entry $c = \max_j a_j$ before exponentiating. The note proves it
changes nothing: $e^{a_i - c} / \sum_j e^{a_j - c}$ has the common factor $e^{-c}$ above and
below. After the shift the largest exponent is $e^0 = 1$, so nothing overflows, and the sum is
at least 1, so it never divides by zero: a very negative entry can only underflow to an output
of 0, which is the note's "small values are no problem", now with its reason. Across inputs
$[v, v-1, v-2]$, the shifted version works for every $v$; the naive one breaks at both ends:
""", r"""
対策は、指数関数を計算する前に最大の要素 $c = \max_j a_j$ を引くことである。ノートは、これで結果が何も変わらないことを証明している：$e^{a_i - c} / \sum_j e^{a_j - c}$ では、分子と分母に共通の因子 $e^{-c}$ がある。引いた後では最大の指数関数の値は $e^0 = 1$ なので、オーバーフローは起こらない。また和は 1 以上なので、ゼロで割ることもない。絶対値の大きい負の要素は出力 0 にアンダーフローするだけであり、これがノートの「値が小さくても問題ない」の理由である。入力 $[v, v-1, v-2]$ に対して、最大値を引く版はどの $v$ でも正しく動くが、素朴な版は両端で破綻する：
"""),
("code", r"""
plots.softmax_overflow()
""", {"alt": "The first softmax output for inputs [v, v-1, v-2] as v runs from -800 to 800: the max-shifted formula stays at about 0.67 everywhere, while the naive formula gives no value (nan) below about -745, where every exponential underflows to 0, and above about 709.78, where exp overflows.", "alt_ja": "入力 [v, v-1, v-2] に対する Softmax 関数の最初の出力を、v を -800 から 800 まで動かして描いたもの。最大値を引く式はどこでも約 0.67 のままだが、素朴な式は、すべての指数関数が 0 にアンダーフローするおよそ -745 より下と、exp がオーバーフローするおよそ 709.78 より上で、値をもたない (nan)。"}),
("code", r"""
# check: shift invariance on 1000 seeded random vectors (shift by any c),
#   rows sum to 1, and the overflow edge
rng = np.random.default_rng(0)
A = rng.normal(scale=5, size=(1000, 6))
c = rng.uniform(-500, 500, size=(1000, 1))
P = softmax(A)
print(
    "max |softmax(a) - softmax(a + c)| < 1e-12:",
    np.max(np.abs(P - softmax(A + c))) < 1e-12,
)
print(
    "max |row sum - 1| < 1e-15:", np.max(np.abs(P.sum(axis=1) - 1)) < 1e-15
)
print(f"ln(max float64) = {np.log(np.finfo(float).max):.6f}")
"""),
("md", r"""
### Temperature

Dividing the logits by a temperature $T > 0$ before the softmax sharpens ($T < 1$) or
flattens ($T > 1$) the distribution without changing the order of the classes. As
$T \to 0$ all the probability goes to the largest logit; as $T \to \infty$ the outputs tend
to the uniform $1/n$. The logits below, $[0.3, 2.9, 4.0]$, are the book's example. The
slider under the curves moves $T$ on a log scale, from about 0.03 to 32.
""", r"""
### 温度

Softmax 関数の前にロジットを温度 $T > 0$ で割ると、クラスの順序を変えずに、分布を鋭く（$T < 1$）したり平らに（$T > 1$）したりできる。$T \to 0$ ではすべての確率が最大のロジットに集まり、$T \to \infty$ では出力は一様な $1/n$ に近づく。下のロジット $[0.3, 2.9, 4.0]$ は書籍の例である。曲線の下のスライダーは、$T$ をおよそ 0.03 から 32 まで対数目盛で動かす。
"""),
("code", r"""
plots.softmax_temperature([0.3, 2.9, 4.0])
""", {"alt": "The three softmax outputs of the logits 0.3, 2.9 and 4.0 divided by a temperature T, on a log axis from about 0.03 to 32: at small T class 3 takes all the probability, at large T all three approach 1/3.", "alt_ja": "ロジット 0.3、2.9、4.0 を温度 T で割ったときの Softmax 関数の 3 つの出力を、約 0.03 から 32 までの対数軸の上に描いたもの。T が小さいとクラス 3 がすべての確率をとり、T が大きいと 3 つとも 1/3 に近づく。"}),
("code", r"""
widgets.softmax_temperature_explorer([0.3, 2.9, 4.0])
"""),
("code", r"""
# check: softmax([0.3, 2.9, 4.0] / T) for T = 1, 0.05 and 100 (rounded to 6
#   places)
a = np.array([0.3, 2.9, 4.0])
for T in (1, 0.05, 100):
    print(T, np.round(softmax(a / T), 6).tolist())
"""),
("md", r"""
## 4. Explore

The first explorer compares the shapes: each activation $\varphi$ applied to $s x$ for any
input scale $s$ from 0.25 to 8 (the slider *input scale s*), with its slope
$\frac{d}{dx} \varphi(sx) = s\, \varphi'(sx)$. The slope panel
keeps the same axis for one activation (up to the largest slope the slider can give), so
you can watch the sigmoid's peak slope grow as $s/4$ and ReLU's as $s$.

The second explorer has a slider for each of three logits and a fourth, $c$, that adds the
same number to all three. Moving $c$ changes every logit and not a single bar, because
softmax only depends on the differences between logits (note 2.3.3); the readout compares
the result with $c = 0$.
""", r"""
## 4. 動かしてみる

1 つ目のエクスプローラーでは、活性化関数の形を比べる。各活性化関数 $\varphi$ を、0.25 から 8 までの任意の入力のスケール $s$（入力のスケールのスライダーで選ぶ）について $s x$ に適用し、その傾き $\frac{d}{dx} \varphi(sx) = s\, \varphi'(sx)$ とともに描く。傾きのパネルは、1 つの活性化関数については同じ軸（スライダーで得られる最大の傾きまで）を保つので、シグモイド関数の最大の傾きが $s/4$ として、ReLU の傾きが $s$ として大きくなっていく様子を見ることができる。

2 つ目のエクスプローラーには、3 つのロジットそれぞれのスライダーと、3 つすべてに同じ数を加える 4 つ目のスライダー $c$ がある。$c$ を動かすとすべてのロジットが変わるが、棒は 1 本も変わらない。Softmax 関数はロジットどうしの差だけで決まるからである（ノート 2.3.3）。表示は、その結果を $c = 0$ のときと比べている。
"""),
("code", r"""
widgets.activation_explorer()
"""),
("code", r"""
widgets.softmax_explorer()
"""),
("md", r"""
## Exercises

**1.** What is the largest value of $\sigma'(x)$, and where is it reached? (Replace each `...`.)
""", r"""
## 演習

**1.** $\sigma'(x)$ の最大値はいくつか。また、それはどこでとるか。（各 `...` を置き換えよ。）
"""),
("code", r"""
_ = exercises.check_sigmoid_grad_max(value=..., at=...)
"""),
("code", r"""
exercises.answer_box(exercises.check_sigmoid_grad_max)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Write $\sigma'(x) = \sigma(x)(1 - \sigma(x))$ and treat $p = \sigma(x)$ as the variable: where is $p(1 - p)$ largest?
:::

:::{admonition} Worked answer
:class: dropdown
$p(1-p)$ is largest at $p = 1/2$, with value $1/4$; $\sigma(x) = 1/2$ at $x = 0$. So the maximum is $\sigma'(0) = 0.25$, reached at $x = 0$: `check_sigmoid_grad_max(value=0.25, at=0)`.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$\sigma'(x) = \sigma(x)(1 - \sigma(x))$ と書き、$p = \sigma(x)$ を変数とみなす。$p(1 - p)$ が最大になるのはどこか。
:::

:::{admonition} 解答例
:class: dropdown
$p(1-p)$ は $p = 1/2$ で最大値 $1/4$ をとり、$\sigma(x) = 1/2$ となるのは $x = 0$ のときである。よって最大値は $\sigma'(0) = 0.25$ で、$x = 0$ でとる：`check_sigmoid_grad_max(value=0.25, at=0)`。
:::
"""),
("md", r"""
**2.** At some input $x$ the sigmoid outputs $\sigma(x) = 0.8$. What is its slope
$\sigma'(x)$ there? (No need to find $x$ first.)
""", r"""
**2.** ある入力 $x$ で、シグモイド関数の出力が $\sigma(x) = 0.8$ であった。そこでの傾き $\sigma'(x)$ はいくつか。（先に $x$ を求める必要はない。）
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_sigmoid_grad_at(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_sigmoid_grad_at)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The derivation in section 1 writes $\sigma'$ using $\sigma$ alone. Put $0.8$ in for $\sigma(x)$.
:::

:::{admonition} Worked answer
:class: dropdown
$\sigma'(x) = \sigma(x)(1 - \sigma(x)) = 0.8 \times 0.2 = 0.16$: `answer = 0.8 * (1 - 0.8)`. (The input is $x = \ln(0.8/0.2) = \ln 4 \approx 1.386$, and `sigmoid_grad(np.log(4))` gives the same 0.16.)
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
1 節の導出では、$\sigma'$ を $\sigma$ だけで表した。$\sigma(x)$ に $0.8$ を代入すればよい。
:::

:::{admonition} 解答例
:class: dropdown
$\sigma'(x) = \sigma(x)(1 - \sigma(x)) = 0.8 \times 0.2 = 0.16$：`answer = 0.8 * (1 - 0.8)`。（入力は $x = \ln(0.8/0.2) = \ln 4 \approx 1.386$ であり、`sigmoid_grad(np.log(4))` も同じ 0.16 を返す。）
:::
"""),
("md", r"""
**3.** Above which $x$ does `np.exp(x)` return `inf` in float64? Give it to two decimals.
(Hint: `np.finfo(float).max`.)
""", r"""
**3.** float64 で `np.exp(x)` が `inf` を返すのは、$x$ がいくつを超えたときか。小数第 2 位まで答えよ。（ヒント：`np.finfo(float).max`。）
"""),
("code", r"""
_ = exercises.check_overflow_limit(...)   # replace ... with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_overflow_limit)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
`exp(x)` overflows when it exceeds the largest float64, `np.finfo(float).max` ≈ 1.797e308. Solve $e^x = $ that number for $x$.
:::

:::{admonition} Worked answer
:class: dropdown
$x = \ln(1.797 \times 10^{308}) \approx 709.78$: `np.log(np.finfo(float).max)`. `np.exp(709.78)` is finite and `np.exp(709.79)` is `inf`.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
`exp(x)` は、float64 の最大値 `np.finfo(float).max` ≈ 1.797e308 を超えるとオーバーフローする。$e^x = $（この数）を $x$ について解けばよい。
:::

:::{admonition} 解答例
:class: dropdown
$x = \ln(1.797 \times 10^{308}) \approx 709.78$：`np.log(np.finfo(float).max)`。`np.exp(709.78)` は有限の値だが、`np.exp(709.79)` は `inf` になる。
:::
"""),
("md", r"""
**4.** What does [`softmax(np.array([0.3, 2.9, 4.0]) / T)`](dlnotes.functions.softmax) tend to as $T \to 0^+$?
""", r"""
**4.** $T \to 0^+$ のとき、[`softmax(np.array([0.3, 2.9, 4.0]) / T)`](dlnotes.functions.softmax) は何に近づくか。
"""),
("code", r"""
_ = exercises.check_low_temperature_limit(...)   # a list of 3 numbers
"""),
("code", r"""
exercises.answer_box(exercises.check_low_temperature_limit)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Dividing by $T$ multiplies the gaps between the logits by $1/T$. What happens to $e^{(a_i - a_{\max})/T}$ for the logits below the largest one?
:::

:::{admonition} Worked answer
:class: dropdown
Each $e^{(a_i - 4.0)/T}$ with $a_i < 4.0$ tends to 0 and the largest logit's term stays 1, so the limit is `[0, 0, 1]`: all the probability on the largest logit (an arg max).
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$T$ で割ると、ロジットどうしの差は $1/T$ 倍になる。最大のロジットより小さいロジットについて、$e^{(a_i - a_{\max})/T}$ はどうなるか。
:::

:::{admonition} 解答例
:class: dropdown
$a_i < 4.0$ である各 $e^{(a_i - 4.0)/T}$ は 0 に近づき、最大のロジットの項は 1 のままなので、極限は `[0, 0, 1]` である。すべての確率が最大のロジットに集まる（arg max）。
:::
"""),
("md", r"""
## Notes on the note (2.3)

- 2.3: it says the activations used today are differentiable. ReLU, the default it
  recommends in 2.3.2, is not differentiable at 0 (one-sided slopes 0 and 1, computed
  above). The accurate statement is "differentiable almost everywhere".
- 2.3.2: it calls ReLU "a differentiable function"; same correction.
- 2.3.2: typo 「起これにくい」 should be 「起こりにくい」.
- 2.3.1: vanishing gradients are blamed on large $|x|$ only. In fact $\sigma' \le 1/4$
  everywhere, so deep sigmoid stacks shrink gradients even near 0 ($(1/4)^{10} \approx
  9.5 \times 10^{-7}$ for ten layers).
- 2.3.1: the sigmoid is the smooth limit of the step only for $x \ne 0$: $\sigma(w \cdot 0)
  = 1/2$ for every $w$, while the note's $f_{\text{step}}(0) = 1$ (see the 02-1 page).
- 2.3.3: $f_{\text{softmax}}(x_i)$ is written as a function of one entry; each output depends
  on the whole vector, so $f_{\text{softmax}}(\mathbf{x})_i$ is meant.
- 2.3.3: "small values are no problem, $e^{x_i}$ just goes to 0" is correct as the note uses
  it, after the max shift: the largest term is then $e^0 = 1$, the sum is at least 1, and tiny
  entries only underflow to outputs of 0. The unshifted formula fails: it returns `nan` for
  $[-1000, -1000]$ (0/0), shown above. The note does not say that the shift is also what
  makes small inputs safe, not only large ones.
- 2.3.2: "ReLU is the integral of the step" is right when the integral starts at
  $-\infty$ (or at 0). The check above confirms it numerically.
""", r"""
## ノートへの注記（2.3）

- 2.3：現在使われている活性化関数は微分可能であると述べている。しかし、2.3.2 でデフォルトとして勧めている ReLU は、0 で微分可能でない（片側の傾きは 0 と 1。上で計算した）。正確には「ほとんどいたるところで微分可能」である。
- 2.3.2：ReLU を「微分可能な関数」と呼んでいる。訂正は上と同じである。
- 2.3.2：誤字「起これにくい」は「起こりにくい」とすべきである。
- 2.3.1：勾配消失の原因を大きな $|x|$ だけに求めている。実際にはどこでも $\sigma' \le 1/4$ なので、シグモイド層を深く重ねると 0 の近くでも勾配は小さくなる（10 層で $(1/4)^{10} \approx
  9.5 \times 10^{-7}$）。
- 2.3.1：シグモイド関数がステップ関数の滑らかな極限になるのは $x \ne 0$ に対してだけである。どの $w$ についても $\sigma(w \cdot 0)
  = 1/2$ だが、ノートの $f_{\text{step}}(0) = 1$ である（02-1 のページを参照）。
- 2.3.3：$f_{\text{softmax}}(x_i)$ と 1 つの要素の関数として書かれているが、各出力はベクトル全体に依存するので、意図されているのは $f_{\text{softmax}}(\mathbf{x})_i$ である。
- 2.3.3：値が小さければ $e^{x_i}$ が 0 に近づくだけなので問題ない、という記述は、ノートでの使い方、つまり最大値を引いた後については正しい。そのとき最大の項は $e^0 = 1$、和は 1 以上となり、ごく小さい要素は出力 0 にアンダーフローするだけである。引く前の式は破綻し、$[-1000, -1000]$ に対して `nan`（0/0）を返す（上で示した）。最大値を引く操作が、大きい入力だけでなく小さい入力も安全にしていることを、ノートは述べていない。
- 2.3.2：「ReLU はステップ関数の積分である」は、積分を $-\infty$（または 0）から始めるときに正しい。上の確認で、数値的にもこれを確かめた。
"""),
]
