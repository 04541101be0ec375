CELLS = [
("md", r"""
# Training a multilayer network

All of note chapter 3 (ニューラルネットワーク) at work: a loss (3.1), gradient descent on
mini-batches (3.2) and gradients from backpropagation (3.3), assembled into [`MultiLayerNet`](dlnotes.network.MultiLayerNet)
and driven by [`Trainer`](dlnotes.trainer.Trainer). First on real data that ships with scikit-learn (1,797 handwritten
digits of $8\times8$ pixels), then on four two-dimensional toy sets where we can *see* what the
network learns: the regions it assigns to each class, frame by frame.
""", r"""
# 多層ネットワークの学習

ノート 3（ニューラルネットワーク）の内容をすべて組み合わせて動かす。損失関数（3.1）、
ミニバッチ上の勾配降下法（3.2）、誤差逆伝播法で求めた勾配（3.3）を [`MultiLayerNet`](dlnotes.network.MultiLayerNet)
にまとめ、[`Trainer`](dlnotes.trainer.Trainer) で学習を進める。まず scikit-learn に同梱された実データ（$8\times8$
ピクセルの手書き数字 1,797 枚）で学習させ、次に 2 次元のトイデータ 4 種類で学習させる。後者では、
ネットワークが何を学んだのか、つまり各クラスにどの領域を割り当てたのかを、1 コマずつ*目で見る*ことができる。
"""),
("code", r"""
import numpy as np
from dlnotes import MultiLayerNet, Trainer
from dlnotes.datasets import load_digits, load_mnist
from dlnotes import plots, widgets, exercises, experiments
"""),
("md", r"""
## Handwritten digits

A 64-100-10 network (ReLU, He initialisation) trained with plain mini-batch SGD (note 3.2;
learning rate 0.1, batches of 50, shuffled every epoch) for 40 epochs. The loss curve is noisy
because each point is one mini-batch; accuracy is measured on the whole training and test
sets after every epoch. Before training, the loss sits near $\ln 10 \approx 2.30$: an untrained
softmax spreads its probability almost evenly over the ten classes.
""", r"""
## 手書き数字

64-100-10 のネットワーク（ReLU、Heの初期値）を、素朴なミニバッチ SGD（ノート 3.2。学習率 0.1、
ミニバッチの大きさ 50、エポックごとにシャッフル）で 40 エポック学習させる。損失の曲線がぎざぎざして
いるのは、1 点が 1 つのミニバッチの損失だからである。正解率はエポックが終わるたびに訓練データ全体と
テストデータ全体で測る。学習前の損失は $\ln 10 \approx 2.30$ の近くにある。学習していない Softmax 関数は、
確率を 10 クラスにほぼ均等に配るからである。
"""),
("code", r"""
(x_train, t_train), (x_test, t_test) = load_digits(seed=0)
net = MultiLayerNet(64, [100], 10, seed=0)
trainer = Trainer(net, x_train, t_train, x_test, t_test, epochs=40,
                  mini_batch_size=50, optimizer="sgd",
                  optimizer_param={"lr": 0.1}, seed=0, quiet=True)
history = trainer.train()
plots.training_curves(history, title="Digits, SGD")
""", {"alt": "Two panels. Left: the mini-batch loss of the 64-100-10 network trained with plain SGD falls from about 2.3 to near 0, noisily. Right: training and test accuracy per epoch climb above 0.9 within a few epochs and level off.", "alt_ja": "2 つのパネル。左：素朴な SGD で学習させた 64-100-10 ネットワークのミニバッチごとの損失が、揺れながら約 2.3 から 0 近くまで下がる。右：エポックごとの訓練データとテストデータの正解率が、数エポックで 0.9 を超えてから横ばいになる。"}),
("code", r"""
# check: first mini-batch loss, final train/test accuracy (seeded split,
#   init and batches)
print(f"{len(x_train)} training and {len(x_test)} test images")
print(f"first loss {history['loss'][0]:.4f}   ln 10 = {np.log(10):.4f}")
print(
    f"train accuracy {history['train_acc'][-1]:.4f}   test accuracy"
    f" {history['test_acc'][-1]:.4f}"
)
"""),
("md", r"""
Which digits does it confuse? Rows are the true class, columns the prediction; everything off
the diagonal is a mistake. Below it, some of the test images it gets wrong, with the probability
it gave its (wrong) answer — several are hard even for a person at $8\times8$ pixels.
""", r"""
どの数字を取り違えているだろうか。下の混同行列では行が正解のクラス、列が予測したクラスであり、
対角線から外れたものはすべて誤りである。その下には、誤認識したテスト画像のいくつかを、（誤った）答えに
与えた確率とともに並べる。$8\times8$ ピクセルでは人間にも判別が難しいものが少なくない。
"""),
("code", r"""
plots.confusion_matrix_figure(net, x_test, t_test)
""", {"alt": "Confusion matrix of the trained network on the test digits: rows are the true class, columns the predicted one; almost all counts lie on the diagonal, with a few scattered mistakes.", "alt_ja": "テスト用の数字に対する学習済みネットワークの混同行列。行が正解のクラス、列が予測したクラスで、ほとんどの数は対角線上にあり、誤りは少し散らばっているだけである。"}),
("code", r"""
plots.misclassified_figure(net, x_test, t_test, n=12)
""", {"alt": "A grid of the 8 by 8 test digits the network gets wrong, each titled with its true class, the predicted class and the probability given to that prediction.", "alt_ja": "ネットワークが誤認識した 8×8 のテスト数字を並べた格子。各画像の見出しに、正解のクラス、予測したクラス、その予測に与えた確率を示す。"}),
("code", r"""
# check: the confusion matrix agrees with the accuracy
M = experiments.confusion_matrix(net, x_test, t_test)
print("right:", M.trace(), "of", M.sum(), "=", f"{M.trace() / M.sum():.4f}")
"""),
("md", r"""
## Decision regions while training

Four toy sets — two moons, two circles, three spirals and XOR — none separable by a straight
line. For each, a 2-16-16-k network is trained with full-batch Adam (learning rate 0.03,
240 steps); the animation shows the class it predicts at every point of the plane at 13
moments, from the random start to the end. Press play: the regions start as the arbitrary
wedges of an untrained ReLU network and bend around the data.
""", r"""
## 学習中の決定領域

4 種類のトイデータ（二つの月、二つの円、三本の渦巻き、XOR）は、どれも直線では分けられない。
それぞれについて 2-16-16-k のネットワークをフルバッチの Adam（学習率 0.03、240 ステップ）で学習させる。
アニメーションは、平面の各点でネットワークが予測するクラスを、ランダムな初期状態から学習の終わりまでの
13 の時点で示す。再生してみよう。領域は、学習前の ReLU ネットワークがつくる無秩序なくさび形から始まり、
データに沿って曲がっていく。
"""),
("code", r"""
names = ["moons", "circles", "spirals", "xor"]
runs = {
    n: experiments.train_toy(
        n, hidden=16, lr=0.03, iterations=240, snapshots=13
    )
    for n in names
}
"""),
("code", r"""
# NBVAL_IGNORE_OUTPUT
plots.decision_boundary_animation(names, runs=runs)
""", {"alt": "Animation in four panels (two moons, two circles, three spirals, XOR): the coloured regions show the class the network predicts at every point of the plane, from straight random wedges at step 0 to regions that bend around each set of points by step 240, where accuracy is close to 1.", "alt_ja": "4 つのパネル（二つの月、二つの円、三本の渦巻き、XOR）のアニメーション。色分けされた領域は、平面の各点でネットワークが予測するクラスを表す。ステップ 0 ではまっすぐなランダムなくさび形だが、ステップ 240 には各データの点の集まりに沿って曲がった領域になり、正解率はほぼ 1 になる。"}),
("code", r"""
# check: training accuracy at the first and last frame of each run
for n in names:
    frames = runs[n][3]
    print(
        f"{n:8s} step {frames[0][0]:3d}: {frames[0][1]:.3f}   step"
        f" {frames[-1][0]}: {frames[-1][1]:.3f}"
    )
"""),
("md", r"""
### Train one yourself

A playground in the spirit of TensorFlow Playground: the network below trains **in this page**,
in JavaScript that mirrors `MultiLayerNet` layer for layer (a browser test trains both from the
same weights and mini-batches and finds the same weights to about $10^{-13}$). Choose a data set
and its noise, the hidden layers and units, the activation, the optimizer of note 4.1, the
learning rate and the mini-batch size, then press Play; Step takes one mini-batch step. The
shading is the predicted class, pale where the network is unsure. Try Momentum at a learning
rate of 10 to watch a run diverge: the weights blow up within a few steps, and it stops and says
at which step.
""", r"""
### 自分で学習させてみる

TensorFlow Playground にならった実験場である。下のネットワークは **このページの中で** 学習する。
使われるのは `MultiLayerNet` を層ごとに写した JavaScript である（ブラウザテストが同じ重みと同じミニバッチ
から両方を学習させ、得られる重みが約 $10^{-13}$ まで一致することを確かめている）。データセットとその
ノイズ、隠れ層の数とユニット数、活性化関数、ノート 4.1 の最適化手法、学習率、ミニバッチの大きさを選んで
再生ボタンを押す。ステップボタンはミニバッチ 1 つ分だけ学習を進める。背景の色は予測したクラスを表し、
ネットワークの確信が弱いところほど淡くなる。Momentum を学習率 10 で動かすと、学習が発散する様子を
見られる。重みは数ステップで爆発し、学習はそこで止まって、何ステップ目で発散したかを表示する。
"""),
("code", r"""
widgets.decision_boundary_explorer("spirals")
"""),
("md", r"""
## Real MNIST, from local files

The book trains on MNIST (60,000 training images of $28\times28$). `dlnotes` never downloads
anything: [`load_mnist(path)`](dlnotes.datasets.load_mnist) reads the four standard IDX files (`train-images-idx3-ubyte`,
`train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, optionally
gzipped) from a folder you choose, and raises `FileNotFoundError` naming the folder and the
missing files otherwise. The cell below trains on them if they are there and skips cleanly if
not; put the files in `data/mnist` next to the notebooks to run it (a 784-100-10 network, one
epoch, takes a few seconds).
""", r"""
## 本物の MNIST をローカルファイルから

書籍は MNIST（$28\times28$ の訓練画像 60,000 枚）で学習する。`dlnotes` は何もダウンロードしない。
[`load_mnist(path)`](dlnotes.datasets.load_mnist) は、指定したフォルダから標準の IDX ファイル 4 つ（`train-images-idx3-ubyte`、
`train-labels-idx1-ubyte`、`t10k-images-idx3-ubyte`、`t10k-labels-idx1-ubyte`。gzip 圧縮されていても
よい）を読み込む。見つからなければ、フォルダと足りないファイルの名前を挙げて `FileNotFoundError` を
送出する。下のセルは、ファイルがあればそれで学習し、なければ何事もなく飛ばす。実行するには、
ノートブックと同じ場所の `data/mnist` にファイルを置けばよい（784-100-10 のネットワークの 1 エポックの
学習は数秒で終わる）。
"""),
("code", r"""
try:
    (mx_train, mt_train), (mx_test, mt_test) = load_mnist("data/mnist")
except FileNotFoundError as err:
    print(
        "MNIST skipped:",
        str(err)
        .split(" in the folder")[0]
        .replace("load_mnist: argument 'path' expected", "expected"),
    )
else:
    mnet = MultiLayerNet(784, [100], 10, seed=0)
    Trainer(mnet, mx_train, mt_train, epochs=1, mini_batch_size=100,
            optimizer="sgd", optimizer_param={"lr": 0.1}, quiet=True).train()
    print(
        "MNIST test accuracy after one epoch:"
        f" {mnet.accuracy(mx_test, mt_test):.4f}"
    )
"""),
("md", r"""
## Exercises

1. How many trainable numbers (weights and biases) does `MultiLayerNet(64, [100], 10)` hold?
2. Which cross-entropy do you expect from an untrained 10-class network whose softmax output is
   nearly uniform? (Compare with the first loss printed above.)
""", r"""
## 演習

1. `MultiLayerNet(64, [100], 10)` が持つ学習可能な数（重みとバイアス）はいくつか。
2. Softmax 関数の出力がほぼ一様な、学習前の 10 クラスのネットワークでは、交差エントロピー誤差はいくらになると
   予想されるか（上に表示した最初の損失と比べよ）。
"""),
("code", r"""
_ = exercises.check_param_count(...)        # replace ... with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_param_count)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
Count $W_1$ (64 × 100), $b_1$ (100), $W_2$ (100 × 10) and $b_2$ (10).
:::

:::{admonition} Worked answer
:class: dropdown
$6400 + 100 + 1000 + 10 = 7510$.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
$W_1$（64 × 100）、$b_1$（100）、$W_2$（100 × 10）、$b_2$（10）の要素を数える。
:::

:::{admonition} 解答例
:class: dropdown
$6400 + 100 + 1000 + 10 = 7510$ である。
:::
"""),
("code", r"""
_ = exercises.check_untrained_loss(...)     # replace ... with your answer
"""),
("code", r"""
exercises.answer_box(exercises.check_untrained_loss)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The cross-entropy is $-\log$ of the probability given to the true class. What is that probability when all ten are equal?
:::

:::{admonition} Worked answer
:class: dropdown
$-\log(1/10) = \ln 10 \approx 2.3026$, close to the first loss printed above.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
交差エントロピー誤差は、正解クラスに与えた確率の $-\log$ である。10 クラスの確率がすべて等しいとき、その確率はいくらか。
:::

:::{admonition} 解答例
:class: dropdown
$-\log(1/10) = \ln 10 \approx 2.3026$ であり、上に表示した最初の損失に近い。
:::
"""),
]
