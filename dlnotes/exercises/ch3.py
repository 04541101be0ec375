"""Chapter 3 exercise checkers (losses, gradient descent, numerical differentiation,
backpropagation, training).  Each prints 'Right: ...' or 'Not yet: ...' and returns a bool.

Each :class:`Answer` also holds its texts in Japanese (``ja``, issue 15) for the in-page check
of the Japanese edition; the printed verdicts stay English (a shared output)."""

import numpy as np

from ..experiments import BOOK_T, BOOK_Y_RIGHT
from ._core import Answer, _answered_by, _callable, _number, verdict

__all__ = ["check_note_mse", "check_critical_lr", "check_forward_difference", "check_halving_factor",
           "check_relu_backward", "check_softmax_ce_backward", "check_param_count",
           "check_untrained_loss"]


def _note_mse_answer():
    exact = float(np.sum((BOOK_Y_RIGHT - BOOK_T) ** 2) / BOOK_T.size)  # 0.0195
    return Answer("check_note_mse", (exact,), tol=1e-9,
                  right=f"(1/10) * 0.195 = {exact:.4f}; the book's 0.5 * sum gives 0.0975, "
                        "five times as much (factor C/2).",
                  wrong="{v} is not it.{hint} Sum the ten squared differences (0.195) and "
                        "divide by C = 10.",
                  hints=((0.0975, " That is the book's 0.5 * sum, not the note's 1/C mean."),),
                  label="the note's MSE",
                  ja={"right": f"(1/10) * 0.195 = {exact:.4f}。書籍の 0.5 * sum では 0.0975 となり、"
                               "5 倍の大きさになる（係数 C/2）。",
                      "wrong": "{v} ではない。{hint}10 個の差の2乗の和（0.195）を C = 10 で割る。",
                      "hints": ("それは書籍の 0.5 * sum であり、ノートの 1/C による平均ではない。",),
                      "label": "ノートの平均二乗誤差"})


@_answered_by(_note_mse_answer)
def check_note_mse(value):
    """03-1: the note's MSE (1/C) * ||y - t||² on the book's confident-and-right example."""
    return _note_mse_answer().check(_number(value, "value", "check_note_mse"))


def _critical_lr_answer():
    return Answer("check_critical_lr", (1.0,), tol=1e-9,
                  right="the curvatures are 1/10 and 2; y is multiplied by (1 - 2 lr) per step, "
                        "so |1 - 2 lr| < 1 needs lr < 2/2 = 1.",
                  wrong="{v} is not it.{hint} Write each coordinate's update as a factor "
                        "(1 - lr * curvature) and ask when its absolute value exceeds 1.",
                  hints=((20.0, " 20 = 2 / (1/10) is the limit of the flat x direction; the steep "
                                "y direction fails first."),),
                  label="the learning rate",
                  ja={"right": "曲率は 1/10 と 2 である。y は 1 ステップごとに (1 - 2 lr) 倍されるので、"
                               "|1 - 2 lr| < 1 には lr < 2/2 = 1 が必要である。",
                      "wrong": "{v} ではない。{hint}各座標の更新を (1 - lr * 曲率) 倍として書き、"
                               "その絶対値が 1 を超えるのはいつかを考える。",
                      "hints": ("20 = 2 / (1/10) は緩やかな x 方向の限界である。急な y 方向が先に破綻する。",),
                      "label": "学習率"})


@_answered_by(_critical_lr_answer)
def check_critical_lr(value):
    """03-1: the learning rate above which gradient descent diverges on x²/20 + y²."""
    return _critical_lr_answer().check(_number(value, "value", "check_critical_lr"))


def _forward_difference_answer():
    exact = (3.1 ** 2 - 3 ** 2) / 0.1                                   # 6.1 = 2x + h
    return Answer("check_forward_difference", (exact,), tol=1e-9,
                  right="(9.61 - 9) / 0.1 = 6.1 = 2x + h: the error is exactly h, first order.",
                  wrong="{v} is not it.{hint} Compute (f(3.1) - f(3)) / 0.1.",
                  hints=((6.0, " 6 is the exact derivative; the formula adds an error."),),
                  label="the forward difference",
                  ja={"right": "(9.61 - 9) / 0.1 = 6.1 = 2x + h。誤差はちょうど h であり、1 次である。",
                      "wrong": "{v} ではない。{hint}(f(3.1) - f(3)) / 0.1 を計算する。",
                      "hints": ("6 は真の微分係数である。この公式では誤差が加わる。",),
                      "label": "前方差分"})


@_answered_by(_forward_difference_answer)
def check_forward_difference(value):
    """03-2: forward difference of f(x) = x² at x = 3 with h = 0.1."""
    return _forward_difference_answer().check(_number(value, "value", "check_forward_difference"))


#: The difference formulas' names in the Japanese texts (note 3.3.1's words).
_DIFF_NAMES_JA = {"forward": "前方差分", "backward": "後方差分", "central": "中心差分",
                  "five_point": "5点公式", "seven_point": "7点公式"}


def _halving_factor_answer(method):
    from ..gradient import DIFF_ORDERS
    if not isinstance(method, str) or method not in DIFF_ORDERS:
        raise ValueError(f"check_halving_factor: argument 'method' expected one of {sorted(DIFF_ORDERS)}, "
                         f"got {method!r}")
    p = DIFF_ORDERS[method]
    return Answer("check_halving_factor", (2 ** p,), tol=1e-9,
                  right=f"the {method} error is O(h^{p}), so halving h divides it by 2^{p} = {2 ** p}.",
                  wrong="{v} is not it. The " + method + " formula's error is proportional to h^p; "
                        "read p off the fitted slope.",
                  label="the factor",
                  ja={"right": f"{_DIFF_NAMES_JA[method]}の誤差は O(h^{p}) なので、h を半分にすると"
                               f"誤差は 2^{p} = {2 ** p} 分の 1 になる。",
                      "wrong": "{v} ではない。" + _DIFF_NAMES_JA[method] + "の誤差は h^p に比例する。"
                               "p は当てはめた傾きから読み取る。",
                      "label": "縮む倍率"})


@_answered_by(_halving_factor_answer)
def check_halving_factor(method, factor):
    """03-2: by what factor does the truncation error shrink when h is halved?"""
    answer = _halving_factor_answer(method)
    return answer.check(_number(factor, "factor", "check_halving_factor"))


def _compare_fn(fn, owner, cases, what, why_right):
    """Run the reader's ``fn`` on each ``(args, expected)`` case; the verdict names the first
    failure (an exception, a wrong shape, or ``what`` with the largest difference).  ``what``
    and ``why_right`` are pairs (English, Japanese)."""
    fn = _callable(fn, "fn", owner)
    for args, expected in cases:
        try:
            got = np.asarray(fn(*[a.copy() for a in args]), dtype=float)
        except Exception as err:                                        # the reader's code failed
            raised = f"{type(err).__name__}: {err}"
            return verdict(False, "", f"your function raised {raised}",
                           ja=("", f"関数が例外 {raised} を送出した"))
        if got.shape != expected.shape:
            return verdict(False, "", f"expected shape {expected.shape}, got {got.shape}",
                           ja=("", f"形状 {expected.shape} を期待したが、{got.shape} が返った"))
        if not np.allclose(got, expected, rtol=1e-7, atol=1e-12):
            worst = float(np.max(np.abs(got - expected)))
            return verdict(False, "", f"{what[0]} (largest difference {worst:.3g}).",
                           ja=("", f"{what[1]}（最大の差 {worst:.3g}）。"))
    return verdict(True, why_right[0], "", ja=(why_right[1], ""))


def check_relu_backward(fn):
    """03-3: ``fn(x, dout)`` must return dL/dx of ReLU: dout where x > 0, else 0."""
    rng = np.random.default_rng(1)
    cases = []
    for shape in [(3, 4), (2, 5)]:
        x, d = rng.normal(size=shape), rng.normal(size=shape)
        cases.append(((x, d), np.where(x > 0, d, 0.0)))
    return _compare_fn(fn, "check_relu_backward", cases,
                       ("not equal to dout * [x > 0]; did you forget to multiply by the upstream "
                        "gradient (note 3.3.4 drops it)?",
                        "dout * [x > 0] と等しくない。上流から来た勾配を掛け忘れていないか。"
                        "ノート 3.3.4 はこの積を落としている"),
                       ("dL/dx = dL/dy * [x > 0], element by element, as checked on random batches.",
                        "dL/dx = dL/dy * [x > 0]（要素ごと）。ランダムなバッチで確かめた。"))


def check_softmax_ce_backward(fn):
    """03-3: ``fn(Y, T)`` with softmax outputs Y and one-hot T (batch B) must return the gradient
    of the batch-mean cross-entropy with respect to the softmax input: (Y - T) / B."""
    from ..functions import softmax
    rng = np.random.default_rng(2)
    cases = []
    for B, C in [(4, 3), (6, 5)]:
        Y = softmax(rng.normal(size=(B, C)))
        T = np.eye(C)[rng.integers(0, C, B)]
        cases.append(((Y, T), (Y - T) / B))
    return _compare_fn(fn, "check_softmax_ce_backward", cases,
                       ("not (Y - T) / B; the loss is a mean over the batch, so divide by the batch "
                        "size B, not by the class count C (note 3.3.7)",
                        "(Y - T) / B ではない。ノート 3.3.7 はクラス数 C で割っているが、損失はバッチに"
                        "ついての平均なので、バッチサイズ B で割る"),
                       ("(Y - T) / B: one softmax row's Jacobian times -t/y collapses to y - t.",
                        "(Y - T) / B。Softmax の 1 行のヤコビ行列に -t/y を掛けると y - t にまとまる。"))


def _param_count_answer():
    exact = 64 * 100 + 100 + 100 * 10 + 10                              # 7510
    return Answer("check_param_count", (exact,), tol=0,
                  right="64*100 + 100 + 100*10 + 10 = 7510 (weights plus biases).",
                  wrong="{v} is not it.{hint} Count W1, b1, W2 and b2.",
                  hints=((7400, " Did you forget the biases (7400)?"),),
                  label="the number of parameters",
                  ja={"right": "64*100 + 100 + 100*10 + 10 = 7510（重みとバイアスの合計）。",
                      "wrong": "{v} ではない。{hint}W1、b1、W2、b2 の要素を数える。",
                      "hints": ("バイアスを忘れていないか（7400）。",),
                      "label": "パラメータの数"})


@_answered_by(_param_count_answer)
def check_param_count(value):
    """03-4: number of trainable numbers in MultiLayerNet(64, [100], 10)."""
    return _param_count_answer().check(_number(value, "value", "check_param_count"))


def _untrained_loss_answer():
    exact = float(np.log(10))                                          # 2.302585...
    return Answer("check_untrained_loss", (exact,), tol=5e-3,
                  right=f"uniform outputs give -log(1/10) = ln 10 = {exact:.4f}; the digits "
                        "network starts near it.",
                  wrong="{v} is not it. If every class gets probability 1/10, what is "
                        "-log of the true class's probability?",
                  label="the loss",
                  ja={"right": f"一様な出力では -log(1/10) = ln 10 = {exact:.4f} となる。"
                               "数字を認識するネットワークはこの近くから学習を始める。",
                      "wrong": "{v} ではない。どのクラスにも確率 1/10 が与えられるとき、"
                               "正解クラスの確率の -log はいくらか。",
                      "label": "損失"})


@_answered_by(_untrained_loss_answer)
def check_untrained_loss(value):
    """03-4: the cross-entropy to expect from an untrained 10-class network whose softmax is
    close to uniform."""
    return _untrained_loss_answer().check(_number(value, "value", "check_untrained_loss"))


# ---------------------------------------------------------------- 03-3: the softmax Jacobian

__all__ += ["SOFTMAX_JACOBIAN_INPUT", "check_softmax_jacobian_entries"]

#: The input of the 03-3 softmax-Jacobian exercise (note 3.3.5): a = (0, ln 2, ln 3), so
#: exp(a) = (1, 2, 3), S = 6 and y = (1/6, 1/3, 1/2).
SOFTMAX_JACOBIAN_INPUT = (0.0, float(np.log(2.0)), float(np.log(3.0)))


def _softmax_jacobian_entries_answer():
    from ..functions import softmax
    y = softmax(np.array(SOFTMAX_JACOBIAN_INPUT))
    diag, off = float(y[1] * (1 - y[1])), float(-y[1] * y[2])          # 2/9, -1/6
    return Answer(
        "check_softmax_jacobian_entries", (diag, off), tol=1e-3,
        right=f"y = (1/6, 1/3, 1/2); dy_2/da_2 = y_2(1 - y_2) = 2/9 = {diag:.4f} and "
              f"dy_2/da_3 = -y_2 y_3 = -1/6 = {off:.4f}.",
        wrong="{v} is not it.{hint} Use dy_i/da_j = y_i(delta_ij - y_j) with "
              "y = exp(a) / S, S = 1 + 2 + 3.",
        hints=(((-y[1] ** 2, off), " The diagonal lost its delta term: delta_22 = 1 adds y_2."),
               ((-diag, -off), " Both signs are flipped: it is y_i(delta_ij - y_j), not "
                               "y_i(y_j - delta_ij)."),
               ((diag, -y[1] ** 2), " The off-diagonal entry is -y_2 y_3 (the quotient rule "
                                    "gives e^{a_2} e^{a_3} / S^2), not -y_2^2."),
               ((1 - y[1], -y[2]), " The factor y_2 in front is missing.")),
        brackets="()", label="dy_2/da_2, dy_2/da_3", width=88,
        ja={"right": f"y = (1/6, 1/3, 1/2)。dy_2/da_2 = y_2(1 - y_2) = 2/9 = {diag:.4f}、"
                     f"dy_2/da_3 = -y_2 y_3 = -1/6 = {off:.4f} である。",
            "wrong": "{v} ではない。{hint}y = exp(a) / S、S = 1 + 2 + 3 として "
                     "dy_i/da_j = y_i(delta_ij - y_j) を使う。",
            "hints": ("対角成分でデルタの項が抜けている。delta_22 = 1 により y_2 が加わる。",
                      "両方の符号が逆である。y_i(y_j - delta_ij) ではなく y_i(delta_ij - y_j) である。",
                      "非対角成分は -y_2^2 ではなく -y_2 y_3 である（商の微分法で "
                      "e^{a_2} e^{a_3} / S^2 が出る）。",
                      "前に掛かる係数 y_2 が抜けている。"),
            "label": "dy_2/da_2 と dy_2/da_3 の値"})


@_answered_by(_softmax_jacobian_entries_answer)
def check_softmax_jacobian_entries(diagonal, off_diagonal):
    """03-3: two entries of the softmax Jacobian at a = (0, ln 2, ln 3) (note 3.3.5).

    ``diagonal`` is dy_2/da_2 and ``off_diagonal`` is dy_2/da_3 (indices from 1, as in the
    note); the rule is dy_i/da_j = y_i(delta_ij - y_j)."""
    owner = "check_softmax_jacobian_entries"
    values = (_number(diagonal, "diagonal", owner), _number(off_diagonal, "off_diagonal", owner))
    return _softmax_jacobian_entries_answer().check(values)


# ---------------------------------------------------------------- 03-1: cross-entropy = entropy + KL (issue 14)

__all__ += ["KL_EXERCISE_T", "KL_EXERCISE_Y", "check_kl_part"]

#: The soft target t of the 03-1 exercise on note 3.1.2's cross-entropy: two classes, half and half.
KL_EXERCISE_T = (0.5, 0.5)
#: The prediction y of the 03-1 exercise on note 3.1.2's cross-entropy.
KL_EXERCISE_Y = (0.8, 0.2)


def _kl_part_answer():
    from ..experiments import cross_entropy_decomposition, kl_divergence
    d = cross_entropy_decomposition(KL_EXERCISE_T, KL_EXERCISE_Y)          # kl = 0.2231
    return Answer("check_kl_part", (d["kl"],), tol=5e-4,
                  right=f"KL(t || y) = 0.5 ln(0.5/0.8) + 0.5 ln(0.5/0.2) = {d['kl']:.4f} nats; with "
                        f"H(t) = ln 2 = {d['entropy']:.4f} it adds up to the cross-entropy "
                        f"{d['cross_entropy']:.4f}.",
                  wrong="{v} is not it.{hint} KL(t || y) = sum_k t_k ln(t_k / y_k), natural log, "
                        "weighted by the target t.",
                  hints=((round(d["cross_entropy"], 4), " That is the whole cross-entropy H(t, y); "
                          "subtract the entropy H(t) = ln 2."),
                         (round(d["entropy"], 4), " That is the entropy H(t), the part that does not "
                          "depend on y."),
                         (round(kl_divergence(KL_EXERCISE_Y, KL_EXERCISE_T), 4),
                          " That is KL(y || t): the weights must be the target's t_k, not y_k."),
                         (round(d["kl"] / np.log(10), 4), " That uses log base 10; the loss uses ln.")),
                  label="KL(t || y) in nats",
                  ja={"right": f"KL(t || y) = 0.5 ln(0.5/0.8) + 0.5 ln(0.5/0.2) = {d['kl']:.4f} nat。"
                               f"H(t) = ln 2 = {d['entropy']:.4f} と合わせると交差エントロピー誤差 "
                               f"{d['cross_entropy']:.4f} になる。",
                      "wrong": "{v} ではない。{hint}KL(t || y) = sum_k t_k ln(t_k / y_k) であり、"
                               "自然対数を使い、教師データ t で重み付けする。",
                      "hints": ("それは交差エントロピー誤差 H(t, y) 全体である。エントロピー H(t) = ln 2 を引く。",
                                "それはエントロピー H(t) であり、y によらない部分である。",
                                "それは KL(y || t) である。重みは y_k ではなく教師データの t_k である。",
                                "それは底 10 の対数を使っている。損失は自然対数 ln を使う。"),
                      "label": "KL(t || y)（単位 nat）"})


@_answered_by(_kl_part_answer)
def check_kl_part(value):
    """03-1: the KL part of note 3.1.2's cross-entropy for t = (0.5, 0.5) and y = (0.8, 0.2)."""
    return _kl_part_answer().check(_number(value, "value", "check_kl_part"))
