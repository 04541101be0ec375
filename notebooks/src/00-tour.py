CELLS = [
("md", r"""
# A tour of dlnotes

This page runs the whole library once, from a forward pass to a trained network, so you can
see how the pieces of the later chapters fit together. Each chapter notebook then takes one
section group of the notes (「DeepLearning 入門」, sections 2 to 4, and the Affine-layer proof)
and looks at it closely.

Every number printed by a cell marked **check** is computed here and compared by the test
suite on each run, so if the library changed its behaviour the book would notice.
""", r"""
# dlnotes の概観

このページでは、順伝播から学習済みのネットワークまで、ライブラリ全体を一通り動かしてみる。後の章で扱う部品がどのように組み合わさるのかを、最初に見ておくためである。その後の各章のノートブックは、ノート「DeepLearning 入門」の 2〜4 節と、Affine 層の逆伝播を証明したノート 003（「Affine レイヤ」）を、節のまとまりごとに取り上げて詳しく調べていく。

**check** と記したセルが出力する数値は、すべてこの場で計算され、テストスイートが実行のたびに照合している。したがって、ライブラリの振る舞いが変われば、本書がそれに気づく。
"""),
("code", r"""
import numpy as np
import dlnotes
from dlnotes import MultiLayerNet, Trainer, softmax, gradient_check
from dlnotes.datasets import load_digits
from dlnotes import plots, widgets
print("dlnotes", dlnotes.__version__)
"""),
("md", r"""
## Softmax, as in note 2.3.3 (Softmax 関数)

Softmax turns a row of scores into probabilities. The library subtracts the row maximum
first, which changes nothing mathematically (the note proves this) but keeps $\exp$ from
overflowing.
""", r"""
## ノート 2.3.3（Softmax 関数）の Softmax

Softmax 関数は、スコアの並んだ行を確率に変換する。ライブラリは最初に行の最大値を引いておく。これは数学的には何も変えない（ノートがそのことを証明している）が、$\exp$ のオーバーフローを防いでくれる。
"""),
("code", r"""
# check: the book's example, and an input that overflows a naive
#   implementation
print(np.round(softmax(np.array([0.3, 2.9, 4.0])), 8))
print(softmax(np.array([1000.0, 1000.0])))
"""),
("md", r"""
## Backpropagation, checked

A network's `gradient` (backpropagation, note 3.3) must agree with its [`numerical_gradient`](dlnotes.gradient.numerical_gradient)
(central differences, note 3.3.1). The largest relative error over all parameters is a
good single number to watch: around $10^{-8}$ or below means the two agree.
""", r"""
## 誤差逆伝播法の確認

ネットワークの `gradient`（誤差逆伝播法、ノート 3.3）は、同じネットワークの [`numerical_gradient`](dlnotes.gradient.numerical_gradient)（中心差分、ノート 3.3.1）と一致しなければならない。すべてのパラメータにわたる相対誤差の最大値は、見張っておく 1 つの数値としてちょうどよい。これがおよそ $10^{-8}$ 以下であれば、両者は一致している。
"""),
("code", r"""
# check: backprop against numerical differentiation on a network with batch
#   norm
rng = np.random.default_rng(0)
net = MultiLayerNet(
    4, [5, 5], 3, use_batchnorm=True, weight_decay_lambda=0.1, seed=0
)
x, t = rng.normal(size=(6, 4)), np.array([0, 1, 2, 0, 1, 2])
errors = gradient_check(net.gradient(x, t), net.numerical_gradient(x, t))
print("max relative error below 1e-7:", max(errors.values()) < 1e-7)
"""),
("md", r"""
## Training on handwritten digits

scikit-learn ships 1,797 handwritten digits of $8 \times 8$ pixels, so a real classification
task runs with no download. A 64-100-10 network trained with Adam for 30 epochs:
""", r"""
## 手書き数字で学習する

scikit-learn には $8 \times 8$ ピクセルの手書き数字 1,797 枚が同梱されているので、ダウンロードなしで実際の分類問題を動かせる。64-100-10 のネットワークを Adam で 30 エポック学習させる：
"""),
("code", r"""
(x_train, t_train), (x_test, t_test) = load_digits(seed=0)
net = MultiLayerNet(64, [100], 10, seed=0)
trainer = Trainer(net, x_train, t_train, x_test, t_test, epochs=30,
                  mini_batch_size=50, optimizer="adam",
                  optimizer_param={"lr": 0.01}, quiet=True)
history = trainer.train()
plots.training_curves(history)
""", {"alt": "Two panels. Left: the mini-batch loss of the 64-100-10 network trained with Adam falls from about 2.3 towards 0 over the iterations. Right: training and test accuracy per epoch rise within a few epochs to close to 1.", "alt_ja": "2 つのパネル。左：Adam で学習させた 64-100-10 のネットワークのミニバッチ損失が、イテレーションとともに約 2.3 から 0 に向かって下がっていく。右：エポックごとの訓練データとテストデータの正解率が、数エポックのうちに 1 の近くまで上がる。"}),
("code", r"""
# check: test accuracy after training (deterministic: fixed seeds for data
#   split, init and batches)
print(f"test accuracy: {history['test_acc'][-1]:.4f}")
"""),
("md", r"""
## A slider that works without a kernel

Drag the slider: the curve of $\sigma(wx)$ (the sigmoid of note 2.3.1) gets steeper and
approaches the step function of note 2.1 as the weight $w$ grows. Your browser redraws it
for any $w$ from 0.1 to about 32, on this static page as in JupyterLab, with the same
formulas as `dlnotes` (written once more in JavaScript and tested against the Python).
""", r"""
## カーネルなしで動くスライダー

スライダーを動かしてみよう。重み $w$ が大きくなるにつれて、$\sigma(wx)$（ノート 2.3.1 のシグモイド関数）の曲線は急になり、ノート 2.1 のステップ関数に近づいていく。0.1 からおよそ 32 までのどの $w$ についても、ブラウザが曲線を描き直す。この静的なページでも JupyterLab でも同じであり、計算に使う式は `dlnotes` と同じである（JavaScript でもう一度書き、Python の結果と照合するテストを行っている）。
"""),
("code", r"""
widgets.sigmoid_steepness_explorer()
"""),
]
