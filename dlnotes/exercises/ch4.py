"""Chapter 4 exercise checkers (note 4.1 Optimizer, 4.2.1 Batch Normalization).

Each checker computes the expected answer with the library (not from a stored number),
prints "Right: ..." or "Not yet: ..." and returns True/False.
"""
import functools

import numpy as np

from .._checks import as_float_array
from ._core import Answer, _answered_by, _callable, _number, verdict

_WIDTH = 84            # explanations wrapped to lines of at most 84 characters (readable in the site)

__all__ = ["check_adam_first_step", "check_sgd_lr_limit", "check_bn_normalized",
           "check_bn_backward", "check_bn_output_variance"]


def _adam_first_step_answer(beta1=0.8, beta2=0.999):
    from ..notes import adam_note
    opt = adam_note(lr=1.0, beta1=beta1, beta2=beta2)
    p = {"w": np.zeros(1)}
    opt.update(p, {"w": np.array([0.37])})
    expected = abs(float(p["w"][0]))
    return Answer("check_adam_first_step", (expected,), tol=1e-3 * expected,
                  right=f"the first step is (1 - beta1) / sqrt(1 - beta2) = {expected:.4f} learning "
                        "rates, whatever the gradient's size.",
                  wrong="{v} is not it. After one update M = (1 - beta1) g and G = (1 - beta2) g², "
                        "so the step is lr M / sqrt(G); the size of g cancels.",
                  label="learning rates", width=_WIDTH,
                  ja={"right": f"最初の一歩は学習率の (1 - beta1) / sqrt(1 - beta2) = {expected:.4f} 倍であり、"
                               "勾配の大きさにはよらない。",
                      "wrong": "{v} ではない。1 回の更新の後は M = (1 - beta1) g、G = (1 - beta2) g² なので、"
                               "一歩は lr M / sqrt(G) となり、g の大きさは約分されて消える。",
                      "label": "学習率の何倍か"})


@_answered_by(_adam_first_step_answer)
def check_adam_first_step(answer, beta1=0.8, beta2=0.999):
    """Exercise 04-1 a: the note's Adam (no bias correction) takes a first step of how many
    learning rates?  Measured by running ``dlnotes.notes.adam_note`` once with lr = 1."""
    answer = _number(answer, "answer", "check_adam_first_step", finite=True)
    return _adam_first_step_answer(beta1, beta2).check(answer)


def _sgd_converges(lr):
    """Whether plain SGD at ``lr`` reaches the minimum of x**2/20 + y**2 from the book's start."""
    from ..landscapes import BOOK, START, run_optimizer
    from ..optimizers import SGD
    path = run_optimizer(SGD(lr), BOOK, START, 400)
    return len(path) == 401 and np.hypot(*path[-1]) < 1e-3


def _sgd_lr_limit_answer():
    from ..landscapes import BOOK
    limit = 2 / max(BOOK.curvatures)               # |1 - lr * curvature| < 1 in every direction
    if not (_sgd_converges(0.98 * limit) and not _sgd_converges(1.01 * limit)):
        raise AssertionError(f"SGD does not switch from converging to diverging at lr = {limit:g}")
    return Answer("check_sgd_lr_limit", (limit,), tol=0.01,
                  right=f"below lr = {limit:g} SGD converges and above it the y-coordinate "
                        "(the steep direction, y <- (1 - 2 lr) y) oscillates with growing amplitude "
                        "(checked by running SGD just below and above it).",
                  wrong="SGD at {v} is not at the switch from converging to diverging (to 0.01). "
                        "Look at the update of y alone: y <- y - lr * 2y.",
                  label="the largest learning rate", width=_WIDTH,
                  ja={"right": f"lr = {limit:g} より小さければ SGD は収束し、それを超えると y 座標（急な方向、"
                               "y <- (1 - 2 lr) y）が振幅を増しながら振動する（そのすぐ下とすぐ上で SGD を"
                               "実行して確かめた）。",
                      "wrong": "{v} の SGD は、収束から発散に切り替わる点ではない（0.01 の精度で）。"
                               "y の更新だけを見てみよう：y <- y - lr * 2y。",
                      "label": "最大の学習率"})


@_answered_by(_sgd_lr_limit_answer)
def check_sgd_lr_limit(answer):
    """Exercise 04-1 b: the largest learning rate below which plain SGD converges on
    x**2/20 + y**2 (from any start), to 0.01; the limit is 2 / the largest curvature, and
    SGD is run just below and above it to confirm."""
    answer = _number(answer, "answer", "check_sgd_lr_limit", finite=True)
    if answer <= 0:
        return verdict(False, "", f"{answer:g} is not a learning rate; it must be positive.", width=_WIDTH,
                       ja=("", f"{answer:g} は学習率ではない。学習率は正の数である。"))
    return _sgd_lr_limit_answer().check(answer)


def check_bn_normalized(z, x):
    """Exercise 04-2 a: normalise the columns of ``x`` over the batch (eps = 0), as the
    corrected 4.2.1.1 does: subtract the column mean, divide by the column standard deviation."""
    from ..layers import BatchNormalization
    x = as_float_array(x, "x", "check_bn_normalized", ndim=2)
    z = as_float_array(z, "z", "check_bn_normalized", ndim=2)
    if z.shape != x.shape:
        raise ValueError(f"check_bn_normalized: argument 'z' expected shape {x.shape}, got {z.shape}")
    bn = BatchNormalization(np.ones(x.shape[1]), np.zeros(x.shape[1]), eps=1e-300)
    expected = bn.forward(x, train_flg=True)
    var = x.var(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        by_variance = (x - x.mean(axis=0)) / var
    if np.allclose(z, expected, atol=1e-9):
        return verdict(True, "every column now has mean 0 and variance 1.", "", width=_WIDTH,
                       ja=("どの列も平均 0、分散 1 になった。", ""))
    if np.allclose(z, by_variance, atol=1e-9):
        return verdict(False, "", "you divided by the variance, as 4.2.1.1 literally writes; divide by "
                       "its square root (the standard deviation) to get variance 1.", width=_WIDTH,
                       ja=("", "4.2.1.1 の字面どおり分散で割っている。分散 1 にするには、その平方根"
                               "（標準偏差）で割る。"))
    means, variances = np.round(z.mean(axis=0), 4), np.round(z.var(axis=0), 4)
    return verdict(False, "", f"the column means of your z are {means} and variances {variances}; "
                   "both should be 0 and 1.", width=_WIDTH,
                   ja=("", f"z の列ごとの平均は {means}、分散は {variances} である。"
                           "それぞれ 0 と 1 になるはずである。"))


def check_bn_backward(backward):
    """Exercise 04-2 b: ``backward(dout, x, gamma)`` should return dL/dx of
    y = gamma * (x - mean) / std + beta (batch statistics, eps = 0).  Compared with central
    differences on a random batch."""
    from ..gradient import numerical_gradient, relative_error
    from ..layers import BatchNormalization
    _callable(backward, "backward", "check_bn_backward", "a function backward(dout, x, gamma)")
    rng = np.random.default_rng(7)
    x = rng.normal(2.0, 3.0, size=(5, 3))
    gamma = np.array([0.5, 2.0, -1.0])
    dout = rng.normal(size=(5, 3))
    bn = BatchNormalization(gamma, np.zeros(3), eps=1e-300)
    numeric = numerical_gradient(lambda _: float(np.sum(bn.forward(x) * dout)), x)
    got = np.asarray(backward(dout.copy(), x.copy(), gamma.copy()), dtype=float)
    if got.shape != x.shape:
        return verdict(False, "", f"your function returned shape {got.shape}, expected {x.shape}.", width=_WIDTH,
                       ja=("", f"関数が返した形状は {got.shape} で、期待した形状は {x.shape} である。"))
    err = relative_error(got, numeric)
    return verdict(err < 1e-6, f"max relative error against numerical gradients {err:.1e}.",
                   f"max relative error against numerical gradients is {err:.2g}; the rows of "
                   "dL/dx must sum to 0 in each column, and dividing by the variance instead of "
                   "the standard deviation is the usual slip.", width=_WIDTH,
                   ja=(f"数値微分による勾配との相対誤差の最大値は {err:.1e} である。",
                       f"数値微分による勾配との相対誤差の最大値が {err:.2g} ある。dL/dx の各列は、行について"
                       "足すと 0 になるはずである。標準偏差ではなく分散で割るのがよくある誤りである。"))


# ------------------------------------------------------------------ issue 14: Momentum's terminal step (04-1)

__all__ += ["check_momentum_terminal_step"]


def _momentum_terminal_step_answer(lr=0.01, momentum=0.9):
    from ..experiments import momentum_velocities
    v = momentum_velocities(np.ones(5000), lr, momentum)     # constant gradient g = 1
    expected = abs(float(v[-1]))
    if abs(expected - lr / (1 - momentum)) > 1e-9 * expected:
        raise AssertionError("Momentum's step on a constant gradient did not settle at lr / (1 - momentum)")
    return Answer("check_momentum_terminal_step", (expected,), tol=1e-6,
                  right=f"the steps tend to lr (1 + a + a² + ...) = lr / (1 - a) = {lr:g} / {1 - momentum:g} "
                        f"= {expected:g} per unit of gradient: {1 / (1 - momentum):g} times plain SGD's step.",
                  wrong="{v} is not the terminal step{hint}. With a constant gradient g, V_tau = -lr g "
                        "(1 + a + ... + a^(tau-1)); let tau grow.",
                  hints=((lr, " (that is lr, the very first step)"),
                         (momentum * lr, " (that is a lr, what the first step contributes to the "
                                         "second; the new gradient adds lr more)"),
                         (momentum * lr / (1 - momentum), " (that sum starts at a; the newest "
                                                          "gradient has weight a^0 = 1)"),
                         (lr * (1 - momentum), " (that multiplies by 1 - a; the geometric series "
                                               "divides by it)")),
                  label="the terminal step size", width=_WIDTH,
                  ja={"right": f"一歩は勾配 1 あたり lr (1 + a + a² + ...) = lr / (1 - a) = {lr:g} / "
                               f"{1 - momentum:g} = {expected:g} に近づく。素朴な SGD の一歩の "
                               f"{1 / (1 - momentum):g} 倍である。",
                      "wrong": "{v} は最終的な一歩の大きさではない{hint}。勾配 g が一定なら "
                               "V_tau = -lr g (1 + a + ... + a^(tau-1)) である。tau を大きくしてみよう。",
                      "hints": ("（それは lr、つまり最初の一歩である）",
                                "（それは a lr、つまり最初の一歩が 2 歩目に持ち込む分である。新しい勾配が"
                                "さらに lr を加える）",
                                "（その和は a から始まっている。最新の勾配の重みは a^0 = 1 である）",
                                "（それは 1 - a を掛けている。等比級数の和では 1 - a で割る）"),
                      "label": "最終的な一歩の大きさ"})


@_answered_by(_momentum_terminal_step_answer)
def check_momentum_terminal_step(answer, lr=0.01, momentum=0.9):
    """Exercise 04-1 c (note 4.1.1): with a constant gradient g = 1, how long do Momentum's
    steps become after many updates?  Measured by running ``dlnotes.Momentum`` 5000 times
    (it equals lr / (1 - momentum))."""
    answer = _number(answer, "answer", "check_momentum_terminal_step", finite=True)
    return _momentum_terminal_step_answer(lr, momentum).check(answer)


def _bn_output_variance_answer(var=4e-5, eps=1e-5):
    from ..layers import BatchNormalization
    x = np.array([[-1.0], [1.0]]) * np.sqrt(var)            # a column of variance var
    out = BatchNormalization(np.ones(1), np.zeros(1), eps=eps).forward(x)
    expected = float(out.var())                               # = var / (var + eps)
    return Answer("check_bn_output_variance", (expected,), tol=1e-3,
                  right=f"the variance of x̂ is σ²/(σ² + ε) = {expected:.4g}: with σ² only "
                        f"{var / eps:g} times ε, BN does not reach variance 1.",
                  wrong="{v} is not it. {hint}",
                  hints=((1.0, "That would be right without ε; here ε is not small next to σ²."),
                         (float(np.sqrt(expected)), "That is the standard deviation of x̂; square it."),
                         (var / eps, "x̂ = u/s with s² = σ² + ε, so its variance is σ²/s²."),
                         (eps / (var + eps), "That is the part ε takes; the variance is what is left.")),
                  label="variance of x̂", width=_WIDTH,
                  ja={"right": f"x̂ の分散は σ²/(σ² + ε) = {expected:.4g} である。σ² が ε の {var / eps:g} 倍"
                               "しかないので、BN の出力の分散は 1 に届かない。",
                      "wrong": "{v} ではない。{hint}",
                      "hints": ("ε がなければ正しい。ここでは ε は σ² に比べて小さくない。",
                                "それは x̂ の標準偏差である。2 乗しよう。",
                                "x̂ = u/s で s² = σ² + ε なので、その分散は σ²/s² である。",
                                "それは ε が占める割合である。分散はその残りである。"),
                      "label": "x̂ の分散"})


@_answered_by(_bn_output_variance_answer)
def check_bn_output_variance(answer, var=4e-5, eps=1e-5):
    """Exercise 04-2 c: a column whose variance over the batch is ``var`` goes through BN with
    ``eps`` (gamma 1, beta 0); what is the variance of its output x̂?  The expected value is
    measured with ``dlnotes.BatchNormalization``."""
    answer = _number(answer, "answer", "check_bn_output_variance", finite=True)
    return _bn_output_variance_answer(var, eps).check(answer)


# ------------------------------------------------------------------ issue 22: the book-scale page (04-3)

__all__ += ["check_shirt_recall", "check_adam_late_ratio"]


def _saved_confusion():
    """The confusion matrix of the saved 784-50-10 run (``make bookscale``) on the test set."""
    return _saved_confusion_once().copy()


@functools.lru_cache(maxsize=1)
def _saved_confusion_once():
    # read once per process: the labels and the saved predictions do not change while it runs
    from ..bookscale import confusion_counts, load_results
    from ..datasets import load_fashion_mnist
    _, (_, t_test) = load_fashion_mnist(normalize=False)
    return confusion_counts(t_test, load_results()["results"]["two_layer"]["pred"])


def _shirt_recall_answer(cls=6):
    from ..datasets import FASHION_CLASSES, FASHION_CLASSES_JA
    M = _saved_confusion()
    expected = float(M[cls, cls] / M[cls].sum())
    tol = 0.005
    name, name_ja = FASHION_CLASSES[cls], FASHION_CLASSES_JA[cls]
    hints = [(float(M[cls, cls] / M[:, cls].sum()),
              f" (that is the share of right ones among the images predicted {name}, its precision; "
              f"recall divides by the {name} images, a row of the matrix)",
              f"（それは{name_ja}と予測した画像のうち正しかったものの割合、つまり適合率である。"
              f"再現率は{name_ja}の画像の枚数、つまり行列の行の和で割る）"),
             (float(M.trace() / M.sum()),
              " (that is the accuracy over all ten classes; the question asks about one class)",
              "（それは 10 クラス全体の正解率である。問いは 1 つのクラスについて尋ねている）"),
             (float(M[cls, cls] / M.sum()),
              " (that divides by all 10,000 test images; divide by the images of this class)",
              "（それはテスト画像 10,000 枚全部で割っている。このクラスの画像の枚数で割る）"),
             (float(M[cls, cls]),
              " (that is a count; the recall is a fraction between 0 and 1)",
              "（それは枚数である。再現率は 0 と 1 の間の割合である）")]
    hints = [h for h in hints if abs(h[0] - expected) > tol]        # none may pass for the answer
    return Answer("check_shirt_recall", (expected,), tol=tol,
                  right=f"{M[cls, cls]} of the {M[cls].sum()} {name} test images are predicted {name}: "
                        f"recall {expected:.3f}, the lowest of the ten classes"
                        + ("" if expected == min(M[c, c] / M[c].sum() for c in range(10)) else " but one")
                        + ".",
                  wrong="{v} is not it{hint}. Read row " + str(cls) + " of the confusion matrix: "
                        "its diagonal entry over the row's sum.",
                  hints=tuple((v, en) for v, en, _ in hints),
                  label=f"recall of {name}", width=_WIDTH,
                  ja={"right": f"{name_ja}のテスト画像 {M[cls].sum()} 枚のうち {M[cls, cls]} 枚が{name_ja}と"
                               f"予測されている。再現率は {expected:.3f} で、10 クラスの中で"
                               + ("最も低い。" if expected == min(M[c, c] / M[c].sum() for c in range(10))
                                  else "2 番目に低い。"),
                      "wrong": "{v} ではない{hint}。混同行列の " + str(cls) + " 行目を見て、その対角成分を"
                               "行の和で割る。",
                      "hints": tuple(ja for _, _, ja in hints),
                      "label": f"{name_ja}の再現率"})


@_answered_by(_shirt_recall_answer)
def check_shirt_recall(answer, cls=6):
    """Exercise 04-3 a: the recall of class ``cls`` (6, "Shirt") of the saved 784-50-10 run on
    Fashion-MNIST: the share of that class's test images predicted as that class, counted from
    the saved predictions (``bookscale.load_results``) and the test labels."""
    answer = _number(answer, "answer", "check_shirt_recall", finite=True)
    return _shirt_recall_answer(cls).check(answer)


def _adam_step_sizes(tau, label):
    """The length of the ``tau``-th step of the race's optimizer ``label`` on a constant gradient 1."""
    from ..bookscale import RACE_OPTIMIZERS
    cls, kw = RACE_OPTIMIZERS[label]
    opt, p, g = cls(**kw), {"w": np.zeros(1)}, {"w": np.ones(1)}
    before = 0.0
    for _ in range(tau):
        before = float(p["w"][0])
        opt.update(p, g)
    return abs(float(p["w"][0]) - before)


def _adam_late_ratio_answer(tau=2000):
    from ..bookscale import RACE_OPTIMIZERS
    expected = _adam_step_sizes(tau, "Adam (note)") / _adam_step_sizes(tau, "Adam")
    cls, kw = RACE_OPTIMIZERS["Adam"]
    adam = cls(**kw)
    b1, b2 = adam.beta1, adam.beta2
    first = (1 - b1) / np.sqrt(1 - b2)
    return Answer("check_adam_late_ratio", (expected,), tol=1e-3,
                  right=f"(1 - beta1^tau) / sqrt(1 - beta2^tau) = {expected:.4f} at tau = {tau}: beta2^tau = "
                        f"{b2 ** tau:.3f} is not yet negligible, so the note's Adam still steps "
                        f"{100 * (expected - 1):.1f}% further than the corrected one at the end of the race.",
                  wrong="{v} is not it{hint}. The corrected step divides M by 1 - beta1^tau and G by "
                        "1 - beta2^tau; the note's does not, so the ratio of the two is what those "
                        "divisions change.",
                  hints=((1.0, " (beta1^tau is negligible by then, but beta2 = "
                               f"{b2:g} is so close to 1 that beta2^tau is not)"),
                         (float(first), " (that is the ratio of the first steps, tau = 1)"),
                         (float(1 / expected), " (that is the corrected step over the note's; the "
                                               "question asks the other way round)")),
                  label="ratio of the steps", width=_WIDTH,
                  ja={"right": f"tau = {tau} では (1 - beta1^tau) / sqrt(1 - beta2^tau) = {expected:.4f} である。"
                               f"beta2^tau = {b2 ** tau:.3f} はまだ無視できないので、レースの終わりでもノートの"
                               f" Adam は補正したものより {100 * (expected - 1):.1f}% 大きく進む。",
                      "wrong": "{v} ではない{hint}。補正した一歩は M を 1 - beta1^tau で、G を 1 - beta2^tau で"
                               "割る。ノートの一歩はそうしないので、2 つの比はその割り算が変える分になる。",
                      "hints": (f"（そのころには beta1^tau は無視できるが、beta2 = {b2:g} は 1 にとても近いので、"
                                "beta2^tau は無視できない）",
                                "（それは最初の一歩、つまり tau = 1 での比である）",
                                "（それは補正した一歩をノートの一歩で割っている。問いはその逆を尋ねている）"),
                      "label": "一歩の比"})


@_answered_by(_adam_late_ratio_answer)
def check_adam_late_ratio(answer, tau=2000):
    """Exercise 04-3 b (note 4.1.3): on a constant gradient, the ``tau``-th step of the note's Adam
    (no bias correction) over that of the corrected Adam, both with the race's settings
    (``bookscale.RACE_OPTIMIZERS``); measured by running both ``tau`` times."""
    answer = _number(answer, "answer", "check_adam_late_ratio", finite=True)
    return _adam_late_ratio_answer(tau).check(answer)
