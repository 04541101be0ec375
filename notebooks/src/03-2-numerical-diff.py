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
""", r"""
# 数値微分

ノート 3.3.1（数値微分）は、導関数を求めるもう一つの方法を紹介している。入力を少しだけ動かして、出力の変化を見るのである。ネットワークの学習に使うには遅すぎる（*パラメータ 1 個ごとに*順伝播が 1 回か 2 回余分に要る）が、誤差逆伝播法（ノートブック 03-3）が正しいかどうかを判定する、独立した審判として役に立つ。

ノートは前方差分と後方差分（一般には前進差分、後退差分とも呼ぶ）を定義し、中心差分を勧め、5点公式と7点公式にも触れている。ここではこの五つをすべて測る。刻み幅 $h$ を小さくすると誤差がどのように減るか（その*次数*）、そして $h$ が小さくなりすぎると誤差がなぜ再び増えるのかを調べる。
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
""", r"""
## 五つの公式

刻み幅を $h > 0$ とする（ノートの $\delta$ にあたる。ノートの前方差分の式で刻みを負にとったものが後方差分である）：

| 方法 | $f'(x)$ の式 | 打ち切り誤差 |
|---|---|---|
| 前方差分 | $\dfrac{f(x+h)-f(x)}{h}$ | $\tfrac h2 f''(x)$、1 次 |
| 後方差分 | $\dfrac{f(x)-f(x-h)}{h}$ | $-\tfrac h2 f''(x)$、1 次 |
| 中心差分 | $\dfrac{f(x+h)-f(x-h)}{2h}$ | $\tfrac{h^2}{6} f'''(x)$、2 次 |
| 5点公式 | $\dfrac{f(x-2h)-8f(x-h)+8f(x+h)-f(x+2h)}{12h}$ | $-\tfrac{h^4}{30} f^{(5)}(x)$、4 次 |
| 7点公式 | $\dfrac{-f(x-3h)+9f(x-2h)-45f(x-h)+45f(x+h)-9f(x+2h)+f(x+3h)}{60h}$ | $\tfrac{h^6}{140} f^{(7)}(x)$、6 次 |

次数はテイラー展開から得られる。中心差分では $h$ の偶数乗の項が打ち消し合う。これが、中心差分の精度がよいことは「解析的に」示せるというノートの言葉の中身である。下のチェックでは、$f = \sin$、$x = 1$ として（したがって $f'' = -\sin$、$f''' = -\cos$、$f^{(5)} = \cos$、$f^{(7)} = -\cos$）、$h = 0.05$ における各公式の誤差の測定値を、その主要項と比べる。
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
""", r"""
## 刻み幅と誤差

以下は、$x = 1$ における $\sin$ に対する各公式の誤差を、$h$ を $10^{-12}$ から $1$ まで動かして描いたものである。グラフの右側では打ち切り誤差が支配的で、各曲線は傾きが次数に等しい直線になる。左側では**丸め誤差**が主役になる。$f$ はおよそ $\varepsilon \approx 2.2\times10^{-16}$ の相対精度でしか保持されておらず、ほとんど等しい二つの数の差をごく小さな $h$ で割ると、その誤差が $\varepsilon|f|/h$ のように増幅される（点線）。
"""),
("code", r"""
plots.difference_error_plot()
""", {"alt": "Log-log plot of the error of five finite-difference formulas for the derivative of sin at x = 1 against the step h: as h shrinks each error first falls with slope 1 (forward, backward), 2 (central), 4 (five-point) or 6 (seven-point), then rises again along the round-off line eps |f| / h.", "alt_ja": "x = 1 における sin の導関数を五つの差分公式で求めたときの誤差を、刻み幅 h に対して描いた両対数グラフ。h を小さくしていくと、各誤差はまず傾き 1（前方差分、後方差分）、2（中心差分）、4（5点公式）、6（7点公式）で減り、その後、丸め誤差の直線 eps |f| / h に沿って再び増える。"}),
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
""", r"""
### 最適な刻み幅

二つの誤差を足し合わせた $E(h) \approx K h^p + \varepsilon|f|/h$（$K$ は表の打ち切り誤差の項の定数）は、二つの項がほぼ等しくなるところで最小になる：$h^\ast \sim \varepsilon^{1/(p+1)}$。この目安は、前方差分で $1.5\times10^{-8}$、中心差分で $6.1\times10^{-6}$、高次の公式で $7\times10^{-4}$ から $6\times10^{-3}$ である。定数 $K$ と $|f|$ は本当の最適値をずらし、また測った曲線の丸め誤差の部分はぎざぎざしている（丸め誤差がたまたま打ち消し合うことがある）ので、格子上で測った最良の刻み幅は目安から大きく外れることがある。下の結果では、前方差分、後方差分、5点公式、7点公式では $\varepsilon^{1/(p+1)}$ との違いが 6 倍以内に収まるが、中心差分では目安のおよそ 15 分の 1 と、ずっと小さい（$6.1\times10^{-6}$ に対して $4\times10^{-7}$）。到達できる最小の誤差は、およそ $2\times10^{-9}$（前方差分）からおよそ $10^{-15}$（5点公式と7点公式）まで改善する。
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
""", r"""
### 書籍の $h = 10^{-4}$ はどれくらい良いか

中心差分について、定数まで含めた誤差のモデル $E(h) \approx \frac{|f'''|}{6}h^2 + \frac{\varepsilon|f|}{h}$ は $h_{\text{model}} = (3\varepsilon|f|/|f'''|)^{1/3}$ で最小になり、$x = 1$ における $\sin$ ではおよそ $1.0\times10^{-5}$ である。測った曲線は $h = 4.0\times10^{-7}$ で最小の誤差 $2.7\times10^{-12}$ に達し、$4.0\times10^{-6}$ でも最後の桁まで同じ誤差になる。丸め誤差の領域では、隣り合う刻み幅の間で誤差が最大 40 倍ほども跳ぶので、厳密な最小点がどこに来るかはいくらか運次第である。書籍の $h = 10^{-4}$ はこの最適値の近くには**ない**。測った最良の刻み幅の 250 倍、$h_{\text{model}}$ の 10 倍で、打ち切り誤差の側にあり、誤差は $\frac{|f'''|}{6}h^2 = 9.0\times10^{-10}$ と、測った最小値のおよそ 340 倍になる。それでも妥当な既定値といえるのは、勾配確認にとってはこれでも十分に小さく（ノートブック 03-3 では、相対誤差を $10^{-7}$ 前後の許容値と比べる）、しかもぎざぎざした丸め誤差の領域から十分に離れているからである。（float32 では最適値はおよそ $\varepsilon^{1/3} \approx 4.9\times10^{-3}$ まで上がる。そこでは $h = 10^{-4}$ は丸め誤差の側にあり、モデルの誤差 $\varepsilon|f|/h$ はおよそ $10^{-3}$ になる。正しい桁は数桁にとどまる。）[`central_step_study`](dlnotes.gradient.central_step_study) でこれを測る：
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
""", r"""
## 行列の関数の勾配

誤差逆伝播法は行列 $\mathbf W$ 全体について $\partial\mathcal L/\partial\mathbf W$ を求めるので、数値的な審判も同じことをしなければならない。要素を一つずつ動かし、ほかの要素は固定したままにして、同じ形の行列を埋めていく（ノート 3.3.1 の結びの注意のとおり、これには要素 1 個あたり 2 回の評価が必要で、だからこそ確認にしか使われない）。[`numerical_gradient`](dlnotes.gradient.numerical_gradient) は配列を直接書き換えながらこれを行い、終わるとすべての要素を元の値に戻す。

テストケース：$\mathcal L(\mathbf W) = \tfrac12\lVert \mathbf X\mathbf W - \mathbf T\rVert^2$。その厳密な勾配は $\mathbf X^\top(\mathbf X\mathbf W - \mathbf T)$ である（ノート 3.3.3 の Affine 層の規則で $\partial\mathcal L/\partial\mathbf Y = \mathbf X\mathbf W - \mathbf T$ としたもの）。
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
""", r"""
相対誤差 $\max |a-b| / (|a|+|b|)$ は、勾配確認で注目すべき数である。$10^{-9}$ 程度かそれより小さければ、「中心差分そのものの誤差の範囲で同じ」ということである。二次関数の $L$ では中心差分は丸め誤差を除いて厳密なので、一致はとりわけよい。

## 演習

1. $f(x) = x^2$ の $x = 3$ における前方差分を、$h = 0.1$ として手で計算せよ。
2. $h$ を半分にすると（丸め誤差が効く領域より十分上で）、5点公式の誤差は何分の 1 になるか。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
$f(3.1) = 9.61$ と $f(3) = 9$ を計算し、その差を $h$ で割る。
:::

:::{admonition} 解答例
:class: dropdown
$(9.61 - 9)/0.1 = 6.1 = 2x + h$：厳密な傾き 6 に、ちょうど $h$ だけの誤差が加わったものである。
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
""", r"""
:::{admonition} ヒント
:class: dropdown
次数 $p$ の公式の誤差は $h^p$ に比例する。5点公式の $p$ は、上の両対数グラフにおけるその直線の傾きから読み取れる。
:::

:::{admonition} 解答例
:class: dropdown
5点公式は 4 次である。$h$ を半分にすると、誤差は $2^4 = 16$ 分の 1 になる。
:::
"""),
]
