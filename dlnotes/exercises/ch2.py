"""Chapter 2 exercise checkers (notes 2.1-2.5). Each prints 'Right: ...' or 'Not yet: ...'.

Each :class:`~dlnotes.exercises._core.Answer` also holds its texts in Japanese (``ja``), for the
in-page check of the Japanese edition (issue 15); the printed verdicts stay English."""
import numpy as np

from ..functions import step_function
from ..gates import GATE_NAMES, TRUTH, which_gate
from ._core import Answer, _answered_by, _array, _number, verdict

__all__ = ["check_gate_weights", "check_xor_network", "check_sigmoid_grad_max",
           "check_overflow_limit", "check_low_temperature_limit", "check_dup",
           "check_affine_shape", "check_bias_gradient"]


# ------------------------------------------------------------------ 02-1 perceptrons

def check_gate_weights(gate, w1, w2, b):
    """Do the weights (w1, w2, b) make a perceptron compute ``gate`` (e.g. 'NOR')?"""
    names = set(GATE_NAMES.values())
    if gate not in names:
        raise ValueError(f"check_gate_weights: argument 'gate' expected one of {sorted(names)}, "
                         f"got {gate!r}")
    w1, w2, b = (_number(v, n, "check_gate_weights") for v, n in ((w1, "w1"), (w2, "w2"), (b, "b")))
    got = which_gate(w1, w2, b)
    table = [k for k, v in GATE_NAMES.items() if v == got][0]
    return verdict(got == gate,
                   f"step({w1:g}·x1 {w2:+g}·x2 {b:+g}) has truth table {list(table)}, which is {gate}.",
                   f"these weights compute {got} (outputs {list(table)} for 00, 01, 10, 11), not {gate}.",
                   ja=(f"step({w1:g}·x1 {w2:+g}·x2 {b:+g}) の真理値表は {list(table)} で、{gate} である。",
                       f"この重みが計算するのは {got}（00, 01, 10, 11 に対して {list(table)} を出力）で、"
                       f"{gate} ではない。"))


def check_xor_network(W1, b1, W2, b2):
    """Is step(step(x W1 + b1) W2 + b2) equal to XOR on all four inputs? (W1 2x2, W2 2x1)."""
    owner = "check_xor_network"
    W1, b1, W2, b2 = (_array(v, n, owner) for v, n in ((W1, "W1"), (b1, "b1"), (W2, "W2"), (b2, "b2")))
    W2 = W2.reshape(-1, 1) if W2.ndim == 1 else W2
    b2 = b2.reshape(-1)
    if W1.ndim != 2 or W1.shape[0] != 2 or b1.shape != (W1.shape[1],) or W2.shape != (W1.shape[1], 1) \
            or b2.shape != (1,):
        raise ValueError(f"{owner}: expected W1 (2, h), b1 (h,), W2 (h, 1), b2 (1,), got "
                         f"{W1.shape}, {b1.shape}, {W2.shape}, {b2.shape}")
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = step_function(step_function(X @ W1 + b1) @ W2 + b2).ravel().astype(int)
    return verdict(y.tolist() == TRUTH["XOR"],
                   f"outputs {y.tolist()} for 00, 01, 10, 11: a two-layer XOR.",
                   f"outputs {y.tolist()} for 00, 01, 10, 11; XOR needs {TRUTH['XOR']}.",
                   ja=(f"00, 01, 10, 11 に対して {y.tolist()} を出力する：2 層の XOR である。",
                       f"00, 01, 10, 11 に対して {y.tolist()} を出力している。XOR には {TRUTH['XOR']} が必要である。"))


# ------------------------------------------------------------------ 02-2 activations

def _sigmoid_grad_max_answer():
    return Answer("check_sigmoid_grad_max", (0.25, 0.0), tol=1e-6,
                  right="sigma'(0) = (1/2)(1/2) = 1/4 is the maximum.",
                  parts=("the maximum is not {v}: sigma'(x) = sigma(1 - sigma) and p(1 - p) is "
                         "largest at p = 1/2",
                         "sigma(x) = 1/2 happens at x = 0, not {v}"),
                  label="largest value, at x",
                  ja={"right": "sigma'(0) = (1/2)(1/2) = 1/4 が最大値である。",
                      "parts": ("最大値は {v} ではない：sigma'(x) = sigma(1 - sigma) であり、"
                                "p(1 - p) は p = 1/2 で最大になる",
                                "sigma(x) = 1/2 となるのは x = 0 であり、{v} ではない"),
                      "label": "最大値と、それをとる x"})


@_answered_by(_sigmoid_grad_max_answer)
def check_sigmoid_grad_max(value, at):
    """The largest value of sigmoid'(x), and the x where it occurs."""
    value = _number(value, "value", "check_sigmoid_grad_max")
    at = _number(at, "at", "check_sigmoid_grad_max")
    return _sigmoid_grad_max_answer().check((value, at))


def _overflow_limit_answer():
    limit = float(np.log(np.finfo(np.float64).max))
    return Answer("check_overflow_limit", (limit,), tol=0.01,
                  right=f"ln(max float64) = ln(1.797e308) = {limit:.4f}; above it exp returns inf.",
                  wrong="{v} is more than 0.01 off; the largest float64 is about 1.797e308, "
                        "so take its logarithm.",
                  label="x, to two decimals",
                  ja={"right": f"ln(float64 の最大値) = ln(1.797e308) = {limit:.4f}。これを超えると exp は "
                               "inf を返す。",
                      "wrong": "{v} は 0.01 より大きくずれている。float64 の最大値はおよそ 1.797e308 なので、"
                               "その対数をとればよい。",
                      "label": "x（小数第 2 位まで）"})


@_answered_by(_overflow_limit_answer)
def check_overflow_limit(x):
    """The largest x for which float64 exp(x) is still finite (to 0.01)."""
    return _overflow_limit_answer().check(_number(x, "x", "check_overflow_limit"))


def _low_temperature_answer():
    return Answer("check_low_temperature_limit", (0.0, 0.0, 1.0), tol=1e-9,
                  right="dividing by a tiny T magnifies the gaps, so all mass goes to the largest "
                        "logit: [0, 0, 1].",
                  wrong="{v} is not the limit; compute softmax(z / T) for T = 0.01 and look "
                        "which class takes everything.",
                  size_wrong="expected {n} probabilities, got {m}.", brackets="[]",
                  label="the three probabilities",
                  ja={"right": "ごく小さな T で割るとロジットの差が拡大され、確率はすべて最大のロジットに集まる："
                               "[0, 0, 1]。",
                      "wrong": "{v} は極限ではない。T = 0.01 として softmax(z / T) を計算し、どのクラスが"
                               "すべてを取るかを見るとよい。",
                      "size_wrong": "{n} 個の確率が必要だが、{m} 個あった。",
                      "label": "3 つの確率"})


@_answered_by(_low_temperature_answer)
def check_low_temperature_limit(probs):
    """The limit of softmax([0.3, 2.9, 4.0] / T) as T -> 0+."""
    return _low_temperature_answer().check(_array(probs, "probs", "check_low_temperature_limit").ravel())


# ------------------------------------------------------------------ 02-3 Affine layer

def check_dup(B, b, N):
    """Is ``B`` the note's Dup_N(b): the row vector b repeated in N rows (shape (N, len(b)))?"""
    B = _array(B, "B", "check_dup")
    b = _array(b, "b", "check_dup").ravel()
    want = np.tile(b, (int(N), 1))
    if B.shape != want.shape:
        return verdict(False, "", f"shape {B.shape}; Dup_N(b) has N = {N} rows and {b.size} "
                                  f"columns, shape {want.shape}.",
                       ja=("", f"形状が {B.shape} になっている。Dup_N(b) は N = {N} 行 {b.size} 列で、"
                               f"形状は {want.shape} である。"))
    return verdict(np.array_equal(B, want), f"every row of B equals b, shape {want.shape}.",
                   "right shape, but not every row equals b (did you repeat b as a column?).",
                   ja=(f"B のどの行も b に等しく、形状は {want.shape} である。",
                       "形状は正しいが、b に等しくない行がある（b を列として繰り返さなかったか）。"))


def _affine_shape_answer(X_shape=(5, 3), W_shape=(3, 4)):
    want = (X_shape[0], W_shape[1])
    return Answer("check_affine_shape", want, tol=0,
                  right=f"{tuple(X_shape)} @ {tuple(W_shape)} -> {want}: one row per sample, one "
                        "column per neuron.",
                  wrong="{v} is not it: X W keeps the rows of X (samples) and the columns of W "
                        "(neurons).",
                  size_wrong="a shape of {m} numbers; Y is a matrix, its shape has {n}.",
                  brackets="()", label="the shape of Y, e.g. (2, 3)",
                  ja={"right": f"{tuple(X_shape)} @ {tuple(W_shape)} -> {want}：サンプルごとに 1 行、"
                               "ニューロンごとに 1 列。",
                      "wrong": "{v} ではない：X W は X の行（サンプル）と W の列（ニューロン）を受け継ぐ。",
                      "size_wrong": "{m} 個の数からなる形状になっている。Y は行列なので、その形状は {n} 個の数からなる。",
                      "label": "Y の形状（例：(2, 3)）"})


@_answered_by(_affine_shape_answer)
def check_affine_shape(shape, X_shape=(5, 3), W_shape=(3, 4)):
    """The shape of Y = X W + b for the given shapes of X and W."""
    if not isinstance(shape, tuple):
        raise TypeError(f"check_affine_shape: argument 'shape' expected a tuple such as (2, 3), "
                        f"got {type(shape).__name__}")
    return _affine_shape_answer(X_shape, W_shape).check(_array(shape, "shape", "check_affine_shape"))


def _bias_gradient_answer(dY):
    dY = _array(dY, "dY", "check_bias_gradient")
    want = dY.sum(axis=0)
    return Answer("check_bias_gradient", tuple(want), tol=1e-6,
                  right="db is dY summed over the batch (rows): b was copied into every row.",
                  wrong="{v} is not the column sum of dY{hint}.",
                  hints=((dY.mean(axis=0), " (that is the mean; the copies add up)"),),
                  size_wrong="{m} numbers; db has one entry per bias, {n} of them (did you sum "
                             "the rows, axis=1?).",
                  brackets="[]", label="db, its entries separated by commas",
                  ja={"right": "db はバッチ（行）について dY を合計したものである：b はすべての行にコピーされていた。",
                      "wrong": "{v} は dY の列ごとの和ではない{hint}。",
                      "hints": ("（それは平均である。コピーの勾配は足し合わされる）",),
                      "size_wrong": "{m} 個の数になっている。db はバイアスごとに 1 成分で、{n} 個ある"
                                    "（axis=1 で行ごとに合計しなかったか）。",
                      "label": "db（成分をカンマで区切って）"})


@_answered_by(_bias_gradient_answer)
def check_bias_gradient(db, dY):
    """dL/db for Y = X W + Dup_N(b) given dL/dY (seed 003): the column sums of dY."""
    db = _array(db, "db", "check_bias_gradient")
    if db.ndim > 1:
        return verdict(False, "", f"shape {db.shape}; db is a vector, one entry per bias.",
                       ja=("", f"形状が {db.shape} になっている。db はバイアスごとに 1 成分のベクトルである。"))
    return _bias_gradient_answer(dY).check(db)


# ------------------------------------------------------------------ issue 14: sigma' from sigma (02-2)

__all__ += ["check_sigmoid_grad_at"]


def _sigmoid_grad_at_answer(p=0.8):
    from ..functions import sigmoid, sigmoid_grad
    p = _number(p, "p", "check_sigmoid_grad_at", finite=True)
    if not 0 < p < 1:
        raise ValueError(f"check_sigmoid_grad_at: argument 'p' expected a value of sigma in (0, 1), got {p:g}")
    x = np.log(p / (1 - p))                        # the x with sigma(x) = p
    if abs(float(sigmoid(np.array(x))) - p) > 1e-12:
        raise AssertionError("sigma(log(p / (1 - p))) != p")
    expected = float(sigmoid_grad(np.array(x)))
    return Answer("check_sigmoid_grad_at", (expected,), tol=1e-4,
                  right=f"sigma'(x) = sigma(x)(1 - sigma(x)) = {p:g} x {1 - p:g} = {expected:g} "
                        f"(at x = ln({p:g}/{1 - p:g}) = {x:.4f}).",
                  wrong="{v} is not sigma'(x) there{hint}.",
                  hints=((p, f": that is sigma(x) = {p:g} itself; the slope is sigma(1 - sigma)"),
                         (1 - p, f": that is 1 - sigma(x); multiply it by sigma(x) = {p:g}"),
                         (0.25, ": 1/4 is the largest slope, reached where sigma = 1/2, not here"),
                         (0.5, ": 1/2 is sigma(0); the slope is sigma(1 - sigma)"),
                         (p * p, ": that is sigma squared; the slope is sigma(1 - sigma)")),
                  label="sigma'(x)",
                  ja={"right": f"sigma'(x) = sigma(x)(1 - sigma(x)) = {p:g} x {1 - p:g} = {expected:g}"
                               f"（x = ln({p:g}/{1 - p:g}) = {x:.4f} において）。",
                      "wrong": "{v} はそこでの sigma'(x) ではない{hint}。",
                      "hints": (f"：それは sigma(x) = {p:g} そのものである。傾きは sigma(1 - sigma)",
                                f"：それは 1 - sigma(x) である。これに sigma(x) = {p:g} を掛ける",
                                "：1/4 は sigma = 1/2 となる点での最大の傾きであり、ここでの値ではない",
                                "：1/2 は sigma(0) である。傾きは sigma(1 - sigma)",
                                "：それは sigma の 2 乗である。傾きは sigma(1 - sigma)"),
                      "label": "sigma'(x) の値"})


@_answered_by(_sigmoid_grad_at_answer)
def check_sigmoid_grad_at(answer, p=0.8):
    """Exercise 02-2 (note 2.3.1): the slope sigma'(x) at the x where sigma(x) = ``p``, using
    sigma' = sigma(1 - sigma); the expected value is computed with ``sigmoid_grad`` at
    x = ln(p / (1 - p))."""
    answer = _number(answer, "answer", "check_sigmoid_grad_at", finite=True)
    return _sigmoid_grad_at_answer(p).check(answer)
