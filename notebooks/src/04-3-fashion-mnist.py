CELLS = [
("md", r"""
# The book's experiments at the book's scale

The other chapter pages train on scikit-learn's 1,797 handwritten digits of $8\times8$ pixels,
so that every figure is recomputed in seconds while the site is built. The book's own
experiments are larger: 60,000 training images of $28\times28$ pixels (MNIST), networks of
784 inputs, and tens of thousands of updates. This page runs four of them at that size:

- the book's two-layer network (784-50-10, ReLU; its chapters 4 and 5) trained by plain SGD,
  note 3.2 (確率的勾配降下法 (SGD)), for about the book's 10,000 iterations;
- the book's comparison of optimizers on the full data set (its figure 6-9), note 4.1
  (Optimizer), with the note's Adam of 4.1.3 (Adam), which has no bias correction, beside the
  corrected one;
- the book's batch-normalization experiment over weight scales (its figure 6-19), note 4.2.1
  (Batch Normalization);
- and, to put the numbers in context, the architectures of published results trained here, in a
  table beside the published accuracies.

**The data.** MNIST is not on this machine and `dlnotes` never downloads anything. Its stand-in
is Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017), built as a drop-in replacement: the same file
format, the same $28\times28$ grey images, the same split into 60,000 training and 10,000 test
images, ten classes, but photographs of clothing instead of digits. It is harder than MNIST: the
same network that reaches about 97% on the digits stays below 90% here. Debian packages it as
`dataset-fashion-mnist`, which `make install` installs;
[`load_fashion_mnist`](dlnotes.datasets.load_fashion_mnist) reads it like the book's
`load_mnist(normalize=True)` (pixels in $[0, 1]$, one row of 784 per image).

**Saved results.** These trainings take minutes, too long for a page that is executed whenever
the site is built. So they were run once, by `make bookscale`
([`bookscale.compute_all`](dlnotes.bookscale.compute_all)), and their numbers saved in
`dlnotes/results/bookscale.json` together with a key, a hash of the code that computed them and
of the data files. This page reads that file with
[`bookscale.load_results`](dlnotes.bookscale.load_results), which refuses it if the code or the
data have changed since, so the figures below cannot show the numbers of older code. The line
printed below says when and with which commit they were computed, and how long it took. Every
check cell compares the saved numbers with the data or with each other.
""", r"""
# 書籍の実験を書籍の規模で

ほかの章のページは、scikit-learn に同梱された $8\times8$ ピクセルの手書き数字 1,797 枚で学習させている。
サイトを構築するたびに、どの図も数秒で計算し直せるようにするためである。しかし書籍自身の実験は
もっと大きい。$28\times28$ ピクセルの訓練画像 60,000 枚（MNIST）、入力が 784 個のネットワーク、
そして何万回もの更新である。このページでは、そのうちの 4 つを書籍と同じ規模で実行する:

- 書籍の 2 層ネットワーク（784-50-10、ReLU。書籍の第 4 章と第 5 章）を、ノート 3.2（確率的勾配降下法 (SGD)）
  の素朴な SGD で、書籍とほぼ同じ 10,000 イテレーションだけ学習させる。
- データセット全体での最適化手法の比較（書籍の図 6-9）。ノート 4.1（Optimizer）に沿い、ノート 4.1.3
  （Adam）のバイアス補正のない Adam を、補正した Adam と並べる。
- 重みのスケールを変えたバッチ正規化の実験（書籍の図 6-19）。ノート 4.2.1（Batch Normalization）に沿う。
- そして数値の位置づけのために、公表されている結果のアーキテクチャをここで学習させ、公表値と並べた表にする。

**データ。** この計算機には MNIST がなく、`dlnotes` は何もダウンロードしない。代わりに使うのは
Fashion-MNIST（Xiao、Rasul、Vollgraf、2017 年）である。これは MNIST をそのまま置き換えられるように
作られたデータセットで、ファイル形式も、$28\times28$ の灰色の画像であることも、訓練画像 60,000 枚と
テスト画像 10,000 枚への分け方も、クラスが 10 個あることも同じである。違うのは、数字ではなく衣料品の写真
であることだ。MNIST より難しく、数字では約 97% に達する同じネットワークが、ここでは 90% に届かない。
Debian はこれを `dataset-fashion-mnist` というパッケージにしており、`make install` がそれを
インストールする。[`load_fashion_mnist`](dlnotes.datasets.load_fashion_mnist) は、書籍の
`load_mnist(normalize=True)` と同じ形でこれを読み込む（画素値は $[0, 1]$、1 枚の画像が 784 個の値の 1 行）。

**保存された結果。** これらの学習には数分かかり、サイトを構築するたびに実行されるページには長すぎる。
そこで `make bookscale`（[`bookscale.compute_all`](dlnotes.bookscale.compute_all)）で一度だけ実行し、
その数値を `dlnotes/results/bookscale.json` にキーとともに保存した。キーは、数値を計算したコードと
データファイルのハッシュである。このページはそのファイルを
[`bookscale.load_results`](dlnotes.bookscale.load_results) で読み込む。この関数は、保存後にコードか
データが変わっていればファイルを受け付けないので、下の図が古いコードの数値を示すことはない。下に
表示される 1 行（英語）は、いつ、どのコミットで計算し、何秒かかったかを示す。各チェックセルは、
保存された数値をデータや互いと突き合わせる。
"""),
("code", r"""
import numpy as np
from dlnotes import bookscale, plots, exercises
from dlnotes.datasets import load_fashion_mnist, FASHION_CLASSES

saved = bookscale.load_results()          # refuses results of older code
res = saved["results"]
print(bookscale.provenance(saved))
"""),
("md", r"""
## The data

Ten classes, 6,000 training and 1,000 test images each. The rows below are the first six
training images of each class; the names are the data set's own (in the Japanese edition,
translated). Some classes are close cousins: a shirt, a pullover, a coat and a T-shirt are all
tops with or without sleeves, and at $28\times28$ grey pixels what separates them is often a
collar or a row of buttons.
""", r"""
## データ

クラスは 10 個で、それぞれ訓練画像が 6,000 枚、テスト画像が 1,000 枚ある。下の図の各行は、
各クラスの最初の 6 枚の訓練画像である。クラス名はデータセット自身のもの（日本語版では訳したもの）である。
よく似たクラスもある。シャツ、プルオーバー、コート、Tシャツはどれも袖のある、あるいはない上着であり、
$28\times28$ の灰色の画素では、それらを分けるものは襟やボタンの列であることが多い。
"""),
("code", r"""
(x_train, t_train), (x_test, t_test) = load_fashion_mnist()
plots.fashion_samples(x_train, t_train)
""", {"alt": "A grid of small grey clothing pictures, ten rows of six: the first six training images of each Fashion-MNIST class, each row labelled with its class number and name, from 0 T-shirt/top to 9 Ankle boot.", "alt_ja": "衣料品の小さな灰色の画像を 10 行 6 列に並べた格子。Fashion-MNIST の各クラスの最初の 6 枚の訓練画像で、各行には 0 Tシャツ・トップスから 9 アンクルブーツまで、クラスの番号と名前を付けてある。"}),
("code", r"""
# check: the sizes of the two sets and the images per class
print("training", x_train.shape, " test", x_test.shape,
      f" pixels in [{x_train.min():g}, {x_train.max():g}]")
for name, t in (("training", t_train), ("test", t_test)):
    print(f"{name + ' images per class:':26s}",
          " ".join(str(n) for n in np.bincount(t)))
"""),
("md", r"""
## The two-layer network with SGD

The book's network with backpropagation: 784 inputs, 50 ReLU units, 10 outputs with softmax
and cross-entropy, He initialisation, trained by plain SGD (note 3.2: $p \leftarrow p - \eta\,
\partial\mathcal L/\partial p$) with learning rate $\eta = 0.1$ on mini-batches of 100 drawn from
the 60,000 images, the book's settings. One epoch is 600 iterations; 17 epochs (10,200
iterations) are the book's 10,000 rounded up to whole epochs, and after each epoch the accuracy
is measured on the whole training and test sets. The pixels are float32 numbers, as the book's
`load_mnist(normalize=True)` returns them, and the network computes in float32 too.

The left panel is the loss, averaged over every 100 iterations (one mini-batch alone is noisy);
the right panel is the accuracy per epoch, epoch 0 being before any training. Almost everything is
learnt in the first epoch; the next sixteen add a few hundredths. The test accuracy stays a few
hundredths below the training accuracy and the gap widens slowly: with 39,760 parameters and
60,000 images the network cannot learn the training set by heart in 17 epochs, but it starts to
fit it a little better than new images.

To watch this run live, open the notebook in JupyterLab (`make lab`) and run
`bookscale.two_layer_run(quiet=False)` in a new cell: a progress bar counts the epochs, and a
minute or two later it returns the numbers saved here (to float32 rounding).
""", r"""
## SGD で学習させる 2 層ネットワーク

誤差逆伝播法を使う書籍のネットワークである。入力 784 個、ReLU のユニット 50 個、Softmax と
交差エントロピー誤差をもつ出力 10 個、Heの初期値で、素朴な SGD（ノート 3.2：$p \leftarrow p - \eta\,
\partial\mathcal L/\partial p$）により、学習率 $\eta = 0.1$、60,000 枚から取り出した大きさ 100 の
ミニバッチで学習させる。これは書籍の設定である。1 エポックは 600 イテレーションであり、17 エポック
（10,200 イテレーション）は書籍の 10,000 回をエポック単位に切り上げたものである。エポックが終わるたびに、
訓練データ全体とテストデータ全体で正解率を測る。画素値は書籍の `load_mnist(normalize=True)` が返すのと
同じく float32 の数であり、ネットワークも float32 で計算する。

左のパネルは 100 イテレーションごとに平均した損失である（ミニバッチ 1 つだけではばらつきが大きい）。
右のパネルはエポックごとの正解率で、エポック 0 は学習前である。ほとんどすべてを最初のエポックで学習し、
残りの 16 エポックで増えるのは数パーセントにすぎない。テスト正解率は訓練データの正解率より数パーセント
低いままで、その差はゆっくり広がる。パラメータが 39,760 個で画像が 60,000 枚あると、
17 エポックのうちに訓練データを丸暗記することはできないが、新しい画像よりも訓練データのほうに少しだけ
よく合い始める。

この学習を実際に動かして見るには、JupyterLab でノートブックを開き（`make lab`）、新しいセルで
`bookscale.two_layer_run(quiet=False)` を実行する。進捗バーがエポックを数え、1、2 分で、ここに
保存されている数値が（float32 の丸めの範囲で）返ってくる。
"""),
("code", r"""
two = res["two_layer"]
plots.fashion_training_curves(two)
""", {"alt": "Two panels for the 784-50-10 network trained by SGD on Fashion-MNIST. Left: the training loss, averaged over each 100 iterations, falls steeply in the first thousand iterations and then slowly over the 10,200. Right: training and test accuracy per epoch rise from below 0.1 before training to above 0.8 after the first epoch and creep up afterwards, the test curve a little below the training curve.", "alt_ja": "Fashion-MNIST で SGD により学習させた 784-50-10 ネットワークの 2 つのパネル。左：100 イテレーションごとに平均した訓練の損失は、最初の 1,000 イテレーションで急に下がり、その後 10,200 イテレーションまでゆっくり下がる。右：エポックごとの訓練データとテストデータの正解率は、学習前の 0.1 未満から最初のエポックの後には 0.8 を超え、その後は少しずつ上がる。テストデータの曲線は訓練データの曲線より少し下にある。"}),
("code", r"""
# check: the final accuracies, and the test accuracy recounted from the
#   saved predictions of the 10,000 test images
pred = np.array(two["pred"])
print(f"{two['iterations']} iterations,"
      f" {len(two['train_acc']) - 1} epochs")
print(f"final train accuracy {two['train_acc'][-1]:.4f}"
      f"   test accuracy {two['test_acc'][-1]:.4f}")
recount = np.mean(pred == t_test)
print(f"recounted from the predictions: {recount:.4f},"
      f" equal: {recount == two['test_acc'][-1]}")
"""),
("md", r"""
## The optimizers at full size (book figure 6-9)

The book's comparison of the update rules of note 4.1 on the full data set: a network of four
hidden layers of 100 ReLU units (five layers of weights), trained for 2,000 iterations on
mini-batches of 128. Every optimizer starts from the **same** initial weights and sees the
**same** 2,000 random mini-batches, so the curves differ only by the update rule. The learning
rates are the book's defaults: 0.01 for SGD, Momentum ($\alpha = 0.9$) and AdaGrad, 0.001 for
Adam ($\beta_1 = 0.9$, $\beta_2 = 0.999$). The dashed line is the note's Adam (4.1.3), the same
rule without the bias correction. Each curve is the loss of each mini-batch, averaged over 20
iterations.

Why the note's Adam starts differently: the averages $\mathbf M$ and $\mathbf G$ start at 0, so
after the first update they hold only $(1-\beta_1)$ of the gradient and $(1-\beta_2)$ of its
square. The corrected rule divides them by $1-\beta_1^\tau$ and $1-\beta_2^\tau$, and its first step is
about $\eta$ in every coordinate; the note's rule does not, and its first step is
$(1-\beta_1)/\sqrt{1-\beta_2} = 0.1/\sqrt{0.001} \approx 3.16$ times larger. The difference fades
as $\beta_1^\tau$ and $\beta_2^\tau$ go to 0, but $\beta_2^\tau$ does so slowly.

In the figure, plain SGD is clearly the slowest, and the four others end close together, as in the
book. The first iterations, which the 20-iteration mean hides, are in the second check cell below.
AdaGrad's first step, like the corrected Adam's, is about its learning rate in every coordinate,
here 0.01, ten times Adam's: the loss jumps at the second iteration before it falls. The note's
Adam, with its 3.16 times larger first step, is behind the corrected one at the second iteration
and ahead of it a few iterations later; after 2,000 iterations neither the training loss nor the
test accuracy separates the two by much.
""", r"""
## データ全体での最適化手法（書籍の図 6-9）

ノート 4.1 の更新規則を、データセット全体で比べる書籍の実験である。100 個の ReLU ユニットからなる
隠れ層を 4 つもつネットワーク（重みの層は 5 つ）を、大きさ 128 のミニバッチで 2,000 イテレーション
学習させる。どの最適化手法も**同じ**重みの初期値から始め、**同じ** 2,000 個のランダムなミニバッチを
使うので、曲線の違いは更新規則の違いだけから生じる。学習率は書籍の既定値で、SGD、Momentum
（$\alpha = 0.9$）、AdaGrad が 0.01、Adam（$\beta_1 = 0.9$、$\beta_2 = 0.999$）が 0.001 である。破線は
ノートの Adam（4.1.3）、つまりバイアス補正のない同じ規則である。各曲線は、ミニバッチごとの損失を
20 イテレーションにわたって平均したものである。

ノートの Adam の始まり方が違う理由はこうである。平均 $\mathbf M$ と $\mathbf G$ は 0 から始まるので、
最初の更新の後には、勾配の $(1-\beta_1)$ 倍と、その 2 乗の $(1-\beta_2)$ 倍しか入っていない。補正した
規則はこれらを $1-\beta_1^\tau$ と $1-\beta_2^\tau$ で割るので、最初の一歩はどの座標でもおよそ $\eta$ になる。
ノートの規則は割らないので、最初の一歩は $(1-\beta_1)/\sqrt{1-\beta_2} = 0.1/\sqrt{0.001} \approx 3.16$
倍大きい。この違いは $\beta_1^\tau$ と $\beta_2^\tau$ が 0 に近づくにつれて薄れるが、$\beta_2^\tau$ が 0 に近づくのは
遅い。

図では素朴な SGD がはっきりと最も遅く、ほかの 4 つは書籍と同じく互いに近い値で終わる。20 イテレーションの
平均では見えない最初のイテレーションは、下の 2 つ目のチェックセルにある。AdaGrad の最初の一歩は、補正した
Adam と同じく、どの座標でもおよそその学習率、ここでは Adam の 10 倍の 0.01 になる。そのため損失は
2 回目のイテレーションで跳ね上がってから下がる。最初の一歩が 3.16 倍大きいノートの Adam は、2 回目の
イテレーションでは補正した Adam に後れをとり、数イテレーション後には先に出る。2,000 イテレーションの後では、
訓練の損失でもテスト正解率でも、2 つの差は大きくない。
"""),
("code", r"""
race = res["optimizer_race"]
plots.fashion_optimizer_race(race)
""", {"alt": "Training loss over 2,000 iterations for SGD, Momentum, AdaGrad, Adam and the note's Adam without bias correction (dashed), each a 20-iteration moving mean, on the same 5-layer network and the same mini-batches: plain SGD falls slowest, the others fall faster and end close together.", "alt_ja": "SGD、Momentum、AdaGrad、Adam、バイアス補正のないノートの Adam（破線）による 2,000 イテレーションの訓練の損失。どれも 20 イテレーションの移動平均で、同じ 5 層のネットワークと同じミニバッチを使う。素朴な SGD が最も遅く下がり、ほかの手法はより速く下がって、互いに近い値で終わる。"}),
("code", r"""
# check: mean loss of the last 100 iterations and the test accuracy after
#   2,000 iterations, for each optimizer
for label, run in race.items():
    print(f"{label:12s} last-100 loss {np.mean(run['loss'][-100:]):.3f}"
          f"   test accuracy {run['test_acc']:.4f}")
"""),
("code", r"""
# check: the first iterations (same start, same mini-batches): the loss
#   at a few iterations and its mean over the first 50, and the ratio of
#   the note's Adam's first step to the corrected one's
its = (1, 2, 3, 5, 10, 50)
print(f"{'iteration':11s}", " ".join(f"{i:6d}" for i in its),
      "  first 50")
for label, run in race.items():
    loss = run["loss"]
    print(f"{label:11s}", " ".join(f"{loss[i - 1]:6.3f}" for i in its),
          f"  {np.mean(loss[:50]):8.3f}")
print(f"first-step ratio (1 - 0.9) / sqrt(1 - 0.999) ="
      f" {0.1 / np.sqrt(0.001):.3f}")
"""),
("md", r"""
## Batch normalization over weight scales (book figure 6-19)

The book's experiment for note 4.2.1: a network of five hidden layers of 100 ReLU units, trained
by SGD (learning rate 0.01, mini-batches of 100) for 20 epochs on only the first 1,000 training
images, once with a batch-normalization layer after every hidden Affine layer and once without,
for 16 standard deviations of the initial weights from 1 down to $10^{-4}$. Each small panel is
the training accuracy per epoch at one scale. Without BN only a narrow band of scales learns.
Weights that are too small make the signal die out layer after layer, and the network does not
move from chance ($\approx 0.1$); weights that are too large make the activations and the loss
overflow, and at the two largest scales the run without BN stops at once (marked ×, "diverged").
With BN every layer's input is rescaled to mean 0 and variance 1 whatever the weights, and learning
starts at every scale but the smallest, where it starts only in the last epochs. BN is not faster
everywhere: near the scales where plain training works best, the network without BN learns
as fast or faster. (The chapter page [](04-2-batchnorm.ipynb) runs the same experiment on the digits
and explains why BN is slower at large scales.)
""", r"""
## 重みのスケールを変えたバッチ正規化（書籍の図 6-19）

ノート 4.2.1 のための書籍の実験である。100 個の ReLU ユニットからなる隠れ層を 5 つもつネットワークを、
SGD（学習率 0.01、ミニバッチの大きさ 100）で、最初の 1,000 枚の訓練画像だけを使って 20 エポック学習させる。
隠れ層の Affine 層の後ごとにバッチ正規化の層を置いた場合と置かない場合のそれぞれについて、重みの初期値の
標準偏差を 1 から $10^{-4}$ まで 16 通りに変える。小さなパネルの 1 枚が、1 つのスケールでのエポックごとの
訓練データの正解率である。BN がないと、学習が進むのは狭い範囲のスケールだけである。小さすぎる重みでは
信号が層を重ねるごとに消えてしまい、ネットワークは偶然の水準（$\approx 0.1$）から動かない。大きすぎる重みでは
活性化と損失があふれ、最も大きい 2 つのスケールでは BN なしの学習がすぐに止まる（× 印、「発散」）。BN があれば、
重みがどうであっても各層の入力は平均 0、分散 1 にそろえ直されるので、最も小さいスケールを除くすべての
スケールで学習が始まる（最も小さいスケールでも、最後の数エポックで始まる）。ただし BN がどこでも速いわけではない。
BN なしの学習が最もうまくいくスケールの近くでは、BN なしのネットワークも同じかそれ以上の速さで学習する。
（章のページ [](04-2-batchnorm.ipynb) は同じ実験を手書き数字で行い、大きなスケールで BN が遅くなる理由を
説明している。）
"""),
("code", r"""
bn_rows = res["bn_weight_scales"]
plots.fashion_bn_grid(bn_rows)
""", {"alt": "Sixteen small panels, one per weight-initialisation standard deviation from 1 down to 0.0001, each with the training accuracy over 20 epochs with batch normalization (solid) and without (dashed). With BN the accuracy rises at almost every scale; without BN it rises only in a narrow band of scales around 0.1 to 0.3, stays near 0.1 for the smaller ones and diverges at once, marked with a cross, at the two largest.", "alt_ja": "重みの初期値の標準偏差 1 から 0.0001 までの 1 つにつき 1 枚、計 16 枚の小さなパネル。それぞれに、バッチ正規化あり（実線）となし（破線）での 20 エポックの訓練データの正解率を描く。BN ありではほとんどどのスケールでも正解率が上がるが、BN なしで上がるのは 0.1 から 0.3 くらいの狭い範囲のスケールだけで、それより小さいスケールでは 0.1 付近にとどまり、最も大きい 2 つのスケールではすぐに発散する（× 印）。"}),
("code", r"""
# check: at how many of the 16 scales BN ends higher, the runs that
#   diverged, and the final training accuracies at four scales
final = [(r["scale"], r["BN"][-1], r["no BN"][-1]) for r in bn_rows]
wins = sum(bn > plain for _, bn, plain in final)
print(f"BN ends higher at {wins} of {len(final)} scales")
for key in ("BN", "no BN"):
    gone = [f"{r['scale']:.3g}" for r in bn_rows
            if len(r[key]) < len(bn_rows[0]["BN"])]
    print(f"{key:5s} diverged at std", ", ".join(gone) or "none")
for scale, bn, plain in final[::5]:
    print(f"std {scale:<8.3g} BN {bn:.3f}   no BN {plain:.3f}")
"""),
("md", r"""
## What the network confuses

Back to the two-layer network of the second section and its predictions for the 10,000 test
images. In the confusion matrix, row $i$ counts the test images of class $i$ by the class the
network predicted, so each row sums to 1,000 and the diagonal holds the right answers. Two
numbers describe one class $c$ from the matrix $M$: its **recall**
$M_{cc}/\sum_j M_{cj}$, the share of the images of class $c$ that are recognised (the diagonal
entry over its row), and its **precision** $M_{cc}/\sum_i M_{ic}$, the share of the predictions
"$c$" that are right (the diagonal entry over its column).

The mistakes are not spread evenly: most sit in the block of tops (T-shirt, pullover, coat,
shirt), and the shirt is the class the network recognises worst. Shoes are taken almost only for
other shoes, and bags hardly for anything. The misclassified images below, the first twelve in the test set,
show how close some of these are even to a person.
""", r"""
## ネットワークは何を取り違えるか

2 番目の節の 2 層ネットワークと、そのテスト画像 10,000 枚に対する予測に戻る。混同行列の $i$ 行目は、
クラス $i$ のテスト画像を、ネットワークが予測したクラスごとに数えたものである。したがって各行の和は
1,000 であり、対角線には正解が並ぶ。行列 $M$ からは、1 つのクラス $c$ について 2 つの数が読み取れる。
**再現率** $M_{cc}/\sum_j M_{cj}$ は、クラス $c$ の画像のうち正しく認識されたものの割合（対角成分を
その行の和で割ったもの）であり、**適合率** $M_{cc}/\sum_i M_{ic}$ は、「$c$」という予測のうち正しかった
ものの割合（対角成分をその列の和で割ったもの）である。

誤りは均等には散らばっていない。上着のブロック（Tシャツ、プルオーバー、コート、シャツ）に集まっており、
ネットワークが最もうまく認識できないクラスはシャツである。靴はほぼほかの靴としか取り違えられず、
バッグはほとんど取り違えられない。下に並べた誤分類の画像（テストデータの中で最初の 12 枚）を見ると、そのいくつかは
人間にとっても紛らわしいことがわかる。
"""),
("code", r"""
plots.fashion_confusion(t_test, two["pred"])
""", {"alt": "Confusion matrix of the 784-50-10 network on the 10,000 Fashion-MNIST test images, the true class on the rows (named) and the predicted class on the columns (numbered): most counts lie on the diagonal; the largest mistakes are among T-shirt/top, Pullover, Coat and Shirt, and Shirt has the fewest right answers.", "alt_ja": "Fashion-MNIST のテスト画像 10,000 枚に対する 784-50-10 ネットワークの混同行列。行が正解のクラス（名前付き）、列が予測したクラス（番号）である。ほとんどの数は対角線上にあり、大きな誤りは Tシャツ・トップス、プルオーバー、コート、シャツの間に集まっていて、正解が最も少ないのはシャツである。"}),
("code", r"""
plots.fashion_misclassified(x_test, t_test, two["pred"], two["conf"])
""", {"alt": "A grid of twelve misclassified test images, each titled with its true class, the predicted class and the probability the network gave that prediction; several are tops taken for other tops.", "alt_ja": "誤分類したテスト画像 12 枚の格子。各画像の見出しに、正解のクラス、予測したクラス、ネットワークがその予測に与えた確率を示す。いくつかは、上着がほかの上着と取り違えられたものである。"}),
("code", r"""
# check: the confusion matrix gives the test accuracy; the class
#   recognised worst; the pair of classes confused most (both ways)
M = bookscale.confusion_counts(t_test, pred)
print(f"trace {M.trace()} / {M.sum()} = {M.trace() / M.sum():.4f}"
      f" (test accuracy {two['test_acc'][-1]:.4f})")
recall = M.diagonal() / M.sum(axis=1)
worst = int(np.argmin(recall))
print(f"lowest recall: {worst} {FASHION_CLASSES[worst]}")
both = M + M.T
np.fill_diagonal(both, 0)
i, j = sorted(np.unravel_index(np.argmax(both), both.shape))
print(f"most confused pair: {i} {FASHION_CLASSES[i]} and"
      f" {j} {FASHION_CLASSES[j]}: {M[i, j]} + {M[j, i]} = {both[i, j]}"
      " test images")
"""),
("md", r"""
## Beside published results

How do these numbers compare with what others report for Fashion-MNIST? The data set's README
has a benchmark table; its entry closest to our networks is a multilayer perceptron with hidden
layers of 256, 128 and 100 units, at 0.8833, contributed with its own training code, and the
README also gives the accuracy of people without fashion expertise on the test images, 0.835.
The paper that introduced the data set (Xiao et al., 2017, Table 3) ran scikit-learn's
`MLPClassifier` with ReLU units and hidden layers [100], [100, 10] and [10], at 0.871, 0.870 and
0.848, with scikit-learn's other defaults: Adam with learning rate 0.001, mini-batches of 200,
an L2 penalty of $10^{-4}$ on the weights, and training until the loss stops improving.

[`mlp_comparison`](dlnotes.bookscale.mlp_comparison) trained the same four architectures with
`dlnotes`: ReLU units, He initialisation, the corrected Adam (note 4.1.3) with scikit-learn's
learning rate and batch size, and a fixed 30 epochs. The table puts the published accuracy beside
our test accuracy after the last epoch and the difference; in brackets, for comparison only, the
best test accuracy of any epoch and which epoch it was.
""", r"""
## 公表されている結果と並べる

これらの数値は、Fashion-MNIST についてほかの人々が報告しているものと比べてどうだろうか。データセットの
README にはベンチマークの表があり、その中で本書のネットワークに最も近いのは、隠れ層が 256、128、100
ユニットの多層パーセプトロンで、0.8833 である。これは投稿者が自身の学習コードとともに寄せたものである。
README には、ファッションの専門知識のない人間がテスト画像で示した正解率 0.835 も載っている。データセットを
発表した論文（Xiao ら、2017 年、Table 3）は、scikit-learn の `MLPClassifier` を ReLU ユニットと隠れ層
[100]、[100, 10]、[10] で動かし、0.871、0.870、0.848 を得ている。ほかの設定は scikit-learn の既定値で
ある。つまり学習率 0.001 の Adam、大きさ 200 のミニバッチ、重みに対する $10^{-4}$ の L2 ペナルティで、
損失が改善しなくなるまで学習させる。

[`mlp_comparison`](dlnotes.bookscale.mlp_comparison) は、同じ 4 つのアーキテクチャを `dlnotes` で
学習させた。ReLU ユニット、Heの初期値、scikit-learn と同じ学習率とミニバッチの大きさでの補正した Adam
（ノート 4.1.3）で、エポック数は 30 に固定した。表は、公表された正解率と、最後のエポックの後の本書の
テスト正解率、その差を並べる。括弧の中には、比較のためだけに、すべてのエポックの中で最もよかった
テスト正解率と、それが何エポック目だったかを示す。
"""),
("code", r"""
# check: published test accuracies beside those of the same architectures
#   trained here (last epoch; best epoch in brackets), and the difference
runs = {r["label"]: r for r in res["mlp_comparison"]}
print(f"{'model':30s} {'published':>9s} {'dlnotes':>8s} {'diff.':>7s}"
      "  (best epoch)")
for label, hidden, act, acc, source in bookscale.PUBLISHED:
    given = f"{acc:.3f}" if round(acc, 3) == acc else f"{acc:.4f}"
    if label not in runs:
        print(f"{label:30s} {given:>9s} {'-':>8s} {'-':>7s}")
        continue
    ours = runs[label]["test_acc"]
    print(f"{label:30s} {given:>9s} {ours[-1]:8.3f}"
          f" {ours[-1] - acc:+7.3f}  ({max(ours):.3f},"
          f" epoch {int(np.argmax(ours))})")
print(f"{'784-50-10, SGD, 17 epochs':30s} {'-':>9s}"
      f" {two['test_acc'][-1]:8.3f} {'-':>7s}")
"""),
("md", r"""
Here every network trained with `dlnotes` ends **above** its published counterpart, by up to
two hundredths. That is not a sign of a better library: the two sides
did not train the same way, and the differences we know of are these.

- **When training stops.** We always train 30 epochs. scikit-learn stops once the training loss
  has stopped improving by more than $10^{-4}$ for some epochs in a row (ten in today's version,
  fewer in that of 2017), which with Adam's noisy mini-batch losses can happen early. Our own
  curves show what an early stop costs: after 5 to 10 epochs the test accuracies of our three
  scikit-learn-sized networks were close to the published ones, and they crept up by about a
  hundredth in the epochs after that.
- **Preprocessing.** The paper's benchmark standardised every pixel to mean 0 and variance 1
  over the training set; we divide by 255, as the book does.
- **Regularisation.** `MLPClassifier` adds the L2 penalty to the loss; we add nothing, and
  neither side keeps the best epoch on a validation set. (Picking the best *test* epoch, as the
  bracketed column does, would be cheating for a reported result, since it chooses with the
  test set. It is shown only to make visible how much the test accuracy wobbles from one epoch
  to the next: by several thousandths.)
- **Initial weights and arithmetic.** scikit-learn draws its initial weights from a uniform
  (Glorot) distribution and computes in float64; we use He's normal initialisation and float32,
  as the book does.
- **Repetition.** The paper's numbers are means over runs on reshuffled training data; ours are
  one seed each, and we did not measure how much another seed would move them.
- **The README's entry** was trained with its contributor's own settings, which we did not
  rerun.

So differences of one or two hundredths say more about how long and how a network was trained
than about its architecture. What carries over is the ranking: the wide networks beat [10], and
all of them, like the book's own 784-50-10 network trained by plain SGD, beat the people of the
README's test.
""", r"""
ここでは `dlnotes` で学習させたどのネットワークも、対応する公表値を**上回って**終わっている。その差は
最大で 100 分の 2 ほどである。これはライブラリが優れているしるしではない。両者は同じやり方で学習させて
おらず、わかっている違いは次のとおりである。

- **学習をいつ止めるか。** 本書はつねに 30 エポック学習させる。scikit-learn は、訓練の損失が $10^{-4}$ を超えて
  改善しない状態が何エポックか続くと止まる（今の版では 10 エポック、2017 年の版ではそれより少ない）。
  Adam のミニバッチの損失はばらつくので、これは早く起こりうる。早く止めると何を失うかは、本書自身の曲線が
  示している。5 から 10 エポックの後では、scikit-learn と同じ大きさの本書の 3 つのネットワークのテスト
  正解率は公表値に近く、その後のエポックで 100 分の 1 ほど少しずつ上がった。
- **前処理。** 論文のベンチマークは、各画素を訓練データ全体で平均 0、分散 1 に標準化している。本書は書籍と
  同じく 255 で割る。
- **正則化。** `MLPClassifier` は損失に L2 ペナルティを加えるが、本書は何も加えない。どちらも、検証データで
  最もよいエポックを残してはいない。（括弧内の列のように*テスト*正解率が最もよいエポックを選ぶことは、
  報告する結果としては反則である。テストデータを使って選んでいるからだ。ここでは、テスト正解率がエポック
  ごとに 1000 分の数ほど揺れることを見せるためだけに示している。）
- **重みの初期値と計算の精度。** scikit-learn は重みの初期値を一様分布（Glorot）から取り出し、float64 で
  計算する。本書は書籍と同じく、Heの初期値の正規分布と float32 を使う。
- **繰り返し。** 論文の数値は、訓練データをシャッフルし直した複数回の学習の平均である。本書の数値は
  乱数シード 1 つずつで、別のシードでどれだけ動くかは測っていない。
- **README の例**は、投稿者自身の設定で学習させたもので、本書では再実行していない。

したがって 100 分の 1 や 100 分の 2 の差は、アーキテクチャよりも、ネットワークをどれだけ、どのように
学習させたかについて多くを語っている。引き継がれるのは順位である。幅の広いネットワークは [10] に勝り、
それらはすべて、素朴な SGD で学習させた書籍自身の 784-50-10 ネットワークと同じく、README のテストでの
人間に勝る。
"""),
("md", r"""
## Exercises

**1.** From the confusion matrix above, what is the **recall** of class 6, "Shirt": the share of
the 1,000 shirt images in the test set that the two-layer network predicts as shirts? (The
matrix is `M` in the check cell; give a number between 0 and 1, to 0.005.)
""", r"""
## 演習

**1.** 上の混同行列から、クラス 6「シャツ」の**再現率**、つまりテストデータにあるシャツの画像 1,000 枚の
うち、2 層ネットワークがシャツと予測したものの割合を求めよ。（行列はチェックセルの `M` である。0 と 1 の
間の数で、0.005 の精度で答えること。）
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_shirt_recall(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_shirt_recall)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
The recall of a class divides its diagonal entry by the sum of its **row** (the images that
really are shirts), not of its column (the images predicted as shirts).
:::

:::{admonition} Worked answer
:class: dropdown
```python
answer = M[6, 6] / M[6].sum()
```
Shirts are most often taken for T-shirts, pullovers and coats: the rest of row 6.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
クラスの再現率は、対角成分をその**行**の和（実際にシャツである画像の枚数）で割る。列の和（シャツと
予測された画像の枚数）ではない。
:::

:::{admonition} 解答例
:class: dropdown
```python
answer = M[6, 6] / M[6].sum()
```
シャツは、Tシャツ、プルオーバー、コートと取り違えられることが最も多い。6 行目の残りの成分である。
:::
"""),
("md", r"""
**2.** In the race, the note's Adam (no bias correction) and the corrected Adam use
$\eta = 0.001$, $\beta_1 = 0.9$, $\beta_2 = 0.999$. On a constant gradient, their first steps
differ by the factor $3.16$ computed above. By what factor is the note's step larger than the
corrected one at the **last** iteration of the race, $\tau = 2000$? (To 0.001.)
""", r"""
**2.** レースでは、ノートの Adam（バイアス補正なし）と補正した Adam はどちらも
$\eta = 0.001$、$\beta_1 = 0.9$、$\beta_2 = 0.999$ を使う。勾配が一定なら、2 つの最初の一歩は上で計算した
$3.16$ 倍だけ違う。レースの**最後の**イテレーション $\tau = 2000$ では、ノートの一歩は補正した一歩の何倍か。
（0.001 の精度で答えること。）
"""),
("code", r"""
answer = ...                            # replace ... with your answer
_ = exercises.check_adam_late_ratio(answer)
"""),
("code", r"""
exercises.answer_box(exercises.check_adam_late_ratio)
"""),
("md", r"""
:::{admonition} Hint
:class: dropdown
With a constant gradient both rules hold the same $\mathbf M$ and $\mathbf G$; the corrected one
divides them by $1-\beta_1^\tau$ and $1-\beta_2^\tau$ before taking $\mathbf M/\sqrt{\mathbf G}$.
:::

:::{admonition} Worked answer
:class: dropdown
The ratio is $(1-\beta_1^\tau)/\sqrt{1-\beta_2^\tau}$:
```python
tau = 2000
answer = (1 - 0.9 ** tau) / np.sqrt(1 - 0.999 ** tau)
```
$\beta_1^{2000}$ is 0 for all purposes, but $\beta_2^{2000} = 0.999^{2000} \approx e^{-2} \approx
0.135$ is not, so after 2,000 iterations the note's Adam still takes steps about 7.5% longer.
:::
""", r"""
:::{admonition} ヒント
:class: dropdown
勾配が一定なら、2 つの規則は同じ $\mathbf M$ と $\mathbf G$ をもつ。補正した規則は、
$\mathbf M/\sqrt{\mathbf G}$ をとる前にそれらを $1-\beta_1^\tau$ と $1-\beta_2^\tau$ で割る。
:::

:::{admonition} 解答例
:class: dropdown
比は $(1-\beta_1^\tau)/\sqrt{1-\beta_2^\tau}$ である:
```python
tau = 2000
answer = (1 - 0.9 ** tau) / np.sqrt(1 - 0.999 ** tau)
```
$\beta_1^{2000}$ は事実上 0 だが、$\beta_2^{2000} = 0.999^{2000} \approx e^{-2} \approx
0.135$ はそうではない。そのため 2,000 イテレーションの後でも、ノートの Adam の一歩は約 7.5% 長い。
:::
"""),
]
