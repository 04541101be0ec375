"""Figures of the book-scale experiments on Fashion-MNIST (issue 22): they draw the numbers
:mod:`dlnotes.bookscale` saved (``make bookscale``) and the images of
``datasets.load_fashion_mnist``; nothing is trained here."""
import numpy as np

from .._i18n import check_lang, tr
from ..bookscale import BN_SCALES, confusion_counts
from ..datasets import FASHION_CLASSES, FASHION_CLASSES_JA
from ._core import new_figure

__all__ = ["fashion_samples", "fashion_training_curves", "fashion_optimizer_race", "fashion_bn_grid",
           "fashion_confusion", "fashion_misclassified"]


def _names(lang):
    return FASHION_CLASSES_JA if lang == "ja" else FASHION_CLASSES


def _image(ax, row):
    ax.imshow(np.asarray(row).reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():          # a thin frame on all four sides (the style keeps two)
        spine.set(visible=True, linewidth=0.6, color="0.75")


def fashion_samples(x, t, per_class=6, lang="en"):
    """The first ``per_class`` images of each class (rows), labelled with the class name."""
    check_lang(lang, "fashion_samples")
    t = np.asarray(t)
    fig, axes = new_figure(ncols=per_class, nrows=10, width=0.78, height=0.78, squeeze=False)
    for c in range(10):
        for k, i in enumerate(np.flatnonzero(t == c)[:per_class]):
            _image(axes[c, k], x[i])
        axes[c, 0].set_ylabel(f"{c} {_names(lang)[c]}", rotation=0, ha="right", va="center", fontsize=9)
    fig.suptitle(tr(lang, "Fashion-MNIST: the first images of each class (28×28)",
                    "Fashion-MNIST：各クラスの最初の画像（28×28）"), fontsize=10)
    return fig


def fashion_training_curves(two_layer, lang="en"):
    """784-50-10 with SGD: the batch loss (mean of every 100 iterations) and the training and test
    accuracy per epoch (the saved ``results["two_layer"]``)."""
    check_lang(lang, "fashion_training_curves")
    fig, (ax1, ax2) = new_figure(ncols=2, width=3.8, height=3.3)
    loss = two_layer["loss"]
    ax1.plot(np.arange(len(loss)) * 100 + 50, loss, color="C0")
    ax1.set(xlabel=tr(lang, "iteration (mini-batch of 100)", "イテレーション（100 枚のミニバッチ）"),
            ylabel=tr(lang, "training loss (cross-entropy)", "訓練の損失（交差エントロピー）"),
            title=tr(lang, "Loss, mean of each 100 iterations", "損失（100 イテレーションごとの平均）"))
    epochs = np.arange(len(two_layer["train_acc"]))
    ax2.plot(epochs, two_layer["train_acc"], marker="o", ms=3, label=tr(lang, "training set", "訓練データ"))
    ax2.plot(epochs, two_layer["test_acc"], marker="s", ms=3, ls="--", label=tr(lang, "test set", "テストデータ"))
    ax2.set(xlabel=tr(lang, "epoch (600 iterations)", "エポック（600 イテレーション）"),
            ylabel=tr(lang, "accuracy", "正解率"), ylim=(0, 1),
            title=tr(lang, "Accuracy per epoch", "エポックごとの正解率"))
    ax2.legend(fontsize=9, loc="lower right")
    return fig


_RACE_STYLE = {"SGD": ("C0", "-"), "Momentum": ("C1", "-"), "AdaGrad": ("C2", "-"), "Adam": ("C3", "-"),
               "Adam (note)": ("C6", "--")}


def fashion_optimizer_race(race, smooth=20, lang="en"):
    """The book's figure 6-9 on Fashion-MNIST: training loss per iteration for each optimizer,
    a ``smooth``-iteration moving mean (the saved ``results["optimizer_race"]``)."""
    check_lang(lang, "fashion_optimizer_race")
    fig, ax = new_figure(width=6.4, height=3.8)
    for label, run in race.items():
        loss = np.asarray(run["loss"])
        mean = np.convolve(loss, np.ones(smooth) / smooth, mode="valid")
        color, ls = _RACE_STYLE.get(label, (None, "-"))
        name = tr(lang, label, label.replace(" (note)", "（ノート）"))
        ax.plot(np.arange(len(mean)) + smooth, mean, color=color, ls=ls, label=name)
    ax.set(ylim=(0, None), xlabel=tr(lang, "iteration (mini-batch of 128)", "イテレーション（128 枚のミニバッチ）"),
           ylabel=tr(lang, f"training loss ({smooth}-iteration mean)", f"訓練の損失（{smooth} イテレーション平均）"),
           title=tr(lang, "Optimizers on Fashion-MNIST (5-layer net, 100 units per hidden layer)",
                    "Fashion-MNIST での最適化手法（5 層、隠れ層ごとに 100 ユニット）"))
    ax.title.set_fontsize(10)
    ax.legend(fontsize=9)
    return fig


def fashion_bn_grid(rows, lang="en"):
    """The book's figure 6-19 on Fashion-MNIST: training accuracy per epoch with BN (solid) and
    without (dashed), one small panel per weight-init std (the saved ``results["bn_weight_scales"]``)."""
    check_lang(lang, "fashion_bn_grid")
    ncols = 4
    nrows = -(-len(rows) // ncols)
    fig, axes = new_figure(ncols=ncols, nrows=nrows, width=1.8, height=1.5, squeeze=False,
                           sharex=True, sharey=True)
    for ax in axes.ravel()[len(rows):]:
        ax.set_visible(False)
    for ax, row in zip(axes.ravel(), rows):
        ax.plot(row["BN"], color="C3", label=tr(lang, "with BN", "BN あり"))
        ax.plot(row["no BN"], color="C0", ls="--", label=tr(lang, "without BN", "BN なし"))
        for key, color, name in (("no BN", "C0", tr(lang, "no BN", "BN なし")), ("BN", "C3", "BN")):
            if len(row[key]) < max(len(row["BN"]), len(row["no BN"])):     # stopped: TrainingDiverged
                ax.plot(len(row[key]) - 1, row[key][-1], marker="x", ms=7, mew=2, color=color)
                ax.text(0.97, 0.06 if key == "no BN" else 0.2, tr(lang, f"{name}: diverged", f"{name}：発散"),
                        transform=ax.transAxes, ha="right", fontsize=9, color=color)
        ax.set_title(f"std {row['scale']:.2g}" if lang == "en" else f"標準偏差 {row['scale']:.2g}",
                     fontsize=9)
        ax.set_ylim(0, 1)
        ax.set_yticks([0, 0.5, 1], ["0", "0.5", "1"])
        ax.set_xticks([0, 10, 20])
        ax.tick_params(labelsize=9)
    for ax in axes[-1]:
        ax.set_xlabel(tr(lang, "epoch", "エポック"), fontsize=9)
    for ax in axes[:, 0]:
        ax.set_ylabel(tr(lang, "train acc.", "訓練の正解率"), fontsize=9)
    fig.legend(*axes[0, 0].get_legend_handles_labels(), fontsize=9, loc="outside lower center", ncols=2)
    fig.suptitle(tr(lang, "Batch normalization over 16 weight scales (1,000 images, SGD lr 0.01)",
                    "16 通りの重みの大きさでのバッチ正規化（1,000 枚、SGD 学習率 0.01）"), fontsize=10)
    return fig


def fashion_confusion(t, pred, lang="en"):
    """Heat map of the confusion matrix of the test predictions, class names on both axes."""
    check_lang(lang, "fashion_confusion")
    M = confusion_counts(t, pred)
    fig, ax = new_figure(width=6.6, height=5.8)
    im = ax.imshow(M, cmap="Blues")
    for i in range(10):
        for j in range(10):
            if M[i, j]:
                ax.text(j, i, M[i, j], ha="center", va="center", fontsize=9,
                        color="white" if M[i, j] > M.max() / 2 else "black")
    names = [f"{c} {n}" for c, n in enumerate(_names(lang))]
    ax.set_xticks(range(10), [str(c) for c in range(10)], fontsize=9)
    ax.set_yticks(range(10), names, fontsize=9)
    ax.set(xlabel=tr(lang, "predicted class (number as on the left)", "予測したクラス（番号は左と同じ）"),
           ylabel=tr(lang, "true class", "正解クラス"),
           title=tr(lang, f"Confusion matrix of the 784-50-10 net: {M.trace()}/{M.sum()} right",
                    f"784-50-10 のネットワークの混同行列：{M.trace()}/{M.sum()} が正解"))
    ax.title.set_fontsize(10)
    ax.grid(False)
    fig.colorbar(im, ax=ax, shrink=0.75, label=tr(lang, "number of test images", "テスト画像の枚数"))
    return fig


def fashion_misclassified(x, t, pred, conf, n=12, lang="en"):
    """The first ``n`` misclassified test images: true class → predicted class (probability)."""
    check_lang(lang, "fashion_misclassified")
    t, pred = np.asarray(t), np.asarray(pred)
    wrong = np.flatnonzero(pred != t)[:n]
    cols = 3
    rows = max(1, -(-len(wrong) // cols))
    fig, axes = new_figure(ncols=cols, nrows=rows, width=2.25, height=2.1, squeeze=False)
    for ax in axes.ravel():
        ax.set_axis_off()
    names = _names(lang)
    for ax, i in zip(axes.ravel(), wrong):
        _image(ax, x[i])
        ax.set_axis_on()
        ax.set_title(f"{names[t[i]]}\n→ {names[pred[i]]} ({conf[i]:.2f})", fontsize=9)
    fig.suptitle(tr(lang, "Misclassified test images: true → predicted (probability)",
                    "誤分類したテスト画像：正解 → 予測（確率）"), fontsize=10)
    return fig
