"""Small data sets: gate truth tables, seeded 2-D toy sets, digits and MNIST.

Everything returns numpy arrays shaped like the book's ``dataset/mnist.py``:
inputs ``X`` as float64 rows (one sample per row) and labels ``t`` as int64
class indices (or float64 one-hot rows with ``one_hot_label=True``).

The toy sets are written with numpy only (``np.random.default_rng(seed)``),
so the core of dlnotes never needs scikit-learn; the same seed gives the same
arrays on every run.  ``load_digits`` borrows scikit-learn's bundled 8x8
digits (no download); ``load_mnist`` reads the IDX files from a folder you
give it and never downloads anything; ``load_fashion_mnist`` reads Fashion-MNIST,
the same format at the same size, from Debian's package ``dataset-fashion-mnist``.
"""
import gzip
import math
import os
import zlib
from pathlib import Path

import numpy as np

from ._checks import check_fraction, check_int, check_positive, check_real, labels_to_indices
from .gates import GATE_INPUTS, TRUTH

__all__ = ["gate_data", "xor_data", "make_moons", "make_circles", "make_spirals",
           "make_blobs", "make_xor", "one_hot", "load_digits", "load_mnist",
           "MNIST_FILES", "load_fashion_mnist", "FASHION_MNIST_DIR", "FASHION_MNIST_PACKAGE",
           "FASHION_CLASSES", "FASHION_CLASSES_JA"]

_GATES = ("AND", "OR", "NAND", "NOR", "XOR")


# ---------------------------------------------------------------- gates (note 2.1, 2.2)

def gate_data(name):
    """``(X, t)`` for a 2-input gate: X float64 (4, 2) in order 00, 01, 10, 11, t int64 (4,).

    # note 2.1 / 2.2

    ``name`` is one of AND, OR, NAND, NOR, XOR (case-insensitive).
    """
    if not isinstance(name, str):
        raise TypeError(f"gate_data: argument 'name' expected a gate name, got {type(name).__name__}")
    key = name.upper()
    if key not in _GATES:
        raise ValueError(f"gate_data: argument 'name' expected one of {', '.join(_GATES)}, got {name!r}")
    return GATE_INPUTS.copy(), np.array(TRUTH[key], dtype=np.int64)


def xor_data():
    """``gate_data('XOR')``: the 4 points no single perceptron separates (note 2.2)."""
    return gate_data("XOR")


# ---------------------------------------------------------------- 2-D toy sets

def _check_common(owner, n_samples, noise, seed, groups, group="class", noise_name="noise"):
    """Check the arguments every toy set shares; each of its ``groups`` needs a point."""
    n = check_int(n_samples, "n_samples", owner, minimum=1)
    if n < groups:
        raise ValueError(f"{owner}: argument 'n_samples' expected at least {groups} "
                         f"(one point per {group}), got {n}")
    noise = check_positive(noise, noise_name, owner, allow_zero=True)
    if seed is not None:
        seed = check_int(seed, "seed", owner, minimum=0)
    return n, noise, np.random.default_rng(seed)


def _split(n, parts):
    """Sizes of ``parts`` groups adding up to ``n``, as equal as possible."""
    return [n // parts + (1 if i < n % parts else 0) for i in range(parts)]


def _finish(X, t, rng):
    """Shuffle the rows (so mini-batches mix classes) and fix the dtypes."""
    order = rng.permutation(len(t))
    return np.ascontiguousarray(X[order], dtype=np.float64), np.asarray(t[order], dtype=np.int64)


def make_moons(n_samples=200, noise=0.1, seed=0):
    """Two interleaving half circles (labels 0 and 1, sizes differ by at most one).

    Upper moon: ``(cos s, sin s)``; lower moon: ``(1 - cos s, 0.5 - sin s)``,
    ``s`` evenly spaced on [0, pi]; then Gaussian noise of std ``noise``.
    """
    n, noise, rng = _check_common("make_moons", n_samples, noise, seed, groups=2)
    n0, n1 = _split(n, 2)
    s0, s1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    X = np.concatenate([np.column_stack([np.cos(s0), np.sin(s0)]),
                        np.column_stack([1 - np.cos(s1), 0.5 - np.sin(s1)])])
    t = np.repeat([0, 1], [n0, n1])
    X = X + noise * rng.standard_normal(X.shape)
    return _finish(X, t, rng)


def make_circles(n_samples=200, noise=0.08, factor=0.5, seed=0):
    """A unit circle (label 0) around a smaller one of radius ``factor`` (label 1).

    Points are evenly spaced in angle, then Gaussian noise of std ``noise``.
    """
    n, noise, rng = _check_common("make_circles", n_samples, noise, seed, groups=2)
    if not 0 < check_real(factor, "factor", "make_circles") < 1:
        raise ValueError(f"make_circles: argument 'factor' expected a number in (0, 1), got {factor!r}")
    n0, n1 = _split(n, 2)
    a0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    a1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    X = np.concatenate([np.column_stack([np.cos(a0), np.sin(a0)]),
                        factor * np.column_stack([np.cos(a1), np.sin(a1)])])
    t = np.repeat([0, 1], [n0, n1])
    X = X + noise * rng.standard_normal(X.shape)
    return _finish(X, t, rng)


def make_spirals(n_samples=300, n_classes=3, noise=0.2, seed=0):
    """The cs231n spiral: ``n_classes`` arms winding out from the origin.

    Arm ``j`` has radius ``r`` evenly spaced on [0, 1] and angle
    ``4 j + 4 r`` plus Gaussian noise of std ``noise`` *on the angle* (as in
    the cs231n notes), at ``(r sin a, r cos a)``.
    """
    k = check_int(n_classes, "n_classes", "make_spirals", minimum=2)
    n, noise, rng = _check_common("make_spirals", n_samples, noise, seed, groups=k)
    X, t = [], []
    for j, m in enumerate(_split(n, k)):
        r = np.linspace(0.0, 1.0, m)
        a = np.linspace(4.0 * j, 4.0 * (j + 1), m) + noise * rng.standard_normal(m)
        X.append(np.column_stack([r * np.sin(a), r * np.cos(a)]))
        t.append(np.full(m, j))
    return _finish(np.concatenate(X), np.concatenate(t), rng)


def _blob_centers(centers):
    """``centers`` of make_blobs as a (c, 2) float array (a count puts them on a circle)."""
    want = "an int or finite centers of shape (c, 2)"
    if isinstance(centers, (bool, np.bool_)):
        raise TypeError(f"make_blobs: argument 'centers' expected {want}, got {centers!r}")
    if isinstance(centers, (int, np.integer)):
        c = check_int(centers, "centers", "make_blobs", minimum=1)
        ang = 2 * np.pi * np.arange(c) / c + np.pi / 2
        return 3.0 * np.column_stack([np.cos(ang), np.sin(ang)])
    try:
        C = np.asarray(centers, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"make_blobs: argument 'centers' expected {want}, got {centers!r}") from None
    if C.ndim != 2 or C.shape[1] != 2 or C.shape[0] == 0 or not np.all(np.isfinite(C)):
        raise ValueError(f"make_blobs: argument 'centers' expected {want}, got {centers!r}")
    return C


def make_blobs(n_samples=200, centers=3, std=0.6, seed=0):
    """Gaussian blobs, one class per center.

    ``centers`` is a count (the centers then sit evenly on a circle of radius 3
    around the origin, no randomness) or an array of shape (c, 2).  Each blob
    has isotropic std ``std``; class sizes differ by at most one.
    """
    C = _blob_centers(centers)
    n, std, rng = _check_common("make_blobs", n_samples, std, seed, len(C), "center", "std")
    sizes = _split(n, len(C))
    X = np.repeat(C, sizes, axis=0) + std * rng.standard_normal((n, 2))
    t = np.repeat(np.arange(len(C)), sizes)
    return _finish(X, t, rng)


def make_xor(n_samples=200, noise=0.1, seed=0):
    """Noisy copies of the 4 gate inputs, labelled with XOR (note 2.2).

    Points are spread evenly over the corners (0,0), (0,1), (1,0), (1,1) with
    Gaussian noise of std ``noise``; the label is XOR of the corner, so it is
    1 exactly when the two coordinates lie on different sides of 0.5 (as long
    as the noise is small enough not to push points across 0.5).
    """
    n, noise, rng = _check_common("make_xor", n_samples, noise, seed, groups=4, group="corner")
    sizes = _split(n, 4)
    X = np.repeat(GATE_INPUTS, sizes, axis=0) + noise * rng.standard_normal((n, 2))
    t = np.repeat(TRUTH["XOR"], sizes)
    return _finish(X, t, rng)


# ---------------------------------------------------------------- labels

def one_hot(t, n_classes):
    """Class indices (k,) -> one-hot float64 rows (k, n_classes), as the book's loader does."""
    n_classes = check_int(n_classes, "n_classes", "one_hot", minimum=1)
    t = np.asarray(t)
    if t.ndim != 1:
        raise ValueError(f"one_hot: argument 't' expected a 1-D array of class indices, got shape {t.shape}")
    idx = labels_to_indices(t, n_classes, t.shape[0], "one_hot")
    out = np.zeros((t.shape[0], n_classes), dtype=np.float64)
    out[np.arange(t.shape[0]), idx] = 1.0
    return out


def _check_flags(owner, **flags):
    """The loaders' on/off options must be True or False (a string such as 'no' is truthy)."""
    for name, value in flags.items():
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{owner}: argument '{name}' expected True or False, got {value!r}")


def _package(x, t, normalize, flatten, one_hot_label, scale, n_classes, shape):
    """Apply the book's loader options to one split."""
    x = x.astype(np.float64) / scale if normalize else x.astype(np.uint8)
    x = x.reshape(len(x), int(np.prod(shape))) if flatten else x.reshape((len(x), 1) + shape)
    t = one_hot(t, n_classes) if one_hot_label else t.astype(np.int64)
    return x, t


# ---------------------------------------------------------------- scikit-learn digits

def load_digits(test_ratio=0.2, seed=0, normalize=True, one_hot_label=False, flatten=True):
    """scikit-learn's bundled 8x8 digits (1797 images, classes 0-9), no download.

    Returns ``((x_train, t_train), (x_test, t_test))`` like the book's
    ``load_mnist``.  The split is stratified: in each class a seeded shuffle
    puts ``round(count * test_ratio)`` images in the test set (every class
    must keep at least one image in each set); both sets are then shuffled.
    ``normalize`` divides the pixels (0..16) by 16 to float64 in [0, 1],
    otherwise they stay uint8 0..16.  ``flatten=False`` gives
    (n, 1, 8, 8).  Needs scikit-learn (imported here only).
    """
    try:
        from sklearn.datasets import load_digits as _sk_load_digits
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("load_digits needs scikit-learn for its bundled 8x8 digits "
                          "(pip install scikit-learn); the rest of dlnotes needs only numpy") from e
    ratio = check_fraction(test_ratio, "test_ratio", "load_digits")
    seed = check_int(seed, "seed", "load_digits", minimum=0)
    _check_flags("load_digits", normalize=normalize, one_hot_label=one_hot_label, flatten=flatten)
    data = _sk_load_digits()
    x, t = np.asarray(data.data), np.asarray(data.target, dtype=np.int64)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(t):
        idx = rng.permutation(np.flatnonzero(t == c))
        k = int(round(len(idx) * ratio))
        if not 0 < k < len(idx):
            raise ValueError(f"load_digits: argument 'test_ratio' expected a ratio that leaves images "
                             f"of every class in both sets, got {ratio:g}: class {c} would have "
                             f"{k} test and {len(idx) - k} training images")
        test.append(idx[:k])
        train.append(idx[k:])
    train = rng.permutation(np.concatenate(train))
    test = rng.permutation(np.concatenate(test))
    opts = (normalize, flatten, one_hot_label, 16.0, 10, (8, 8))
    return _package(x[train], t[train], *opts), _package(x[test], t[test], *opts)


# ---------------------------------------------------------------- MNIST from IDX files

#: The four MNIST file names by the book's keys; ``load_mnist`` reads each raw or gzipped (.gz).
MNIST_FILES = {
    "train_img": "train-images-idx3-ubyte",
    "train_label": "train-labels-idx1-ubyte",
    "test_img": "t10k-images-idx3-ubyte",
    "test_label": "t10k-labels-idx1-ubyte",
}
_MAGIC = {"img": 2051, "label": 2049}  # IDX: 0x0803 = unsigned bytes, 3 dims; 0x0801 = 1 dim


def _read_bytes(file, owner="load_mnist"):
    """The bytes of ``file``, unzipped if its name ends in .gz."""
    if file.suffix != ".gz":
        return file.read_bytes()
    try:
        with gzip.open(file, "rb") as f:
            return f.read()
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise ValueError(f"{owner}: file '{file}' is not a valid gzip file ({e}); "
                         f"copy it again, or unzip it yourself") from None


def _read_idx(file, magic, owner="load_mnist"):
    """Parse one IDX file (raw or gzipped) into a uint8 array of its declared shape."""
    data = _read_bytes(file, owner)
    kind = "images" if magic == _MAGIC["img"] else "labels"
    if data[:2] == b"\x1f\x8b":  # every gzip file starts so; an IDX file starts with 0, 0
        raise ValueError(f"{owner}: file '{file}' is gzipped but its name does not end in "
                         f".gz; rename it to {file.name}.gz or unzip it")
    if len(data) < 4:
        raise ValueError(f"{owner}: file '{file}' holds {len(data)} bytes, too few for "
                         f"an IDX file of {kind}")
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        raise ValueError(f"{owner}: file '{file}' has magic number {found}, expected {magic} "
                         f"(IDX {kind}); is it the right file?")
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"{owner}: file '{file}' is truncated inside its header")
    dims = tuple(int(d) for d in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    size = math.prod(dims)  # Python ints: right however large the header's numbers are
    if size == 0:
        raise ValueError(f"{owner}: file '{file}' declares shape {dims}, which is empty "
                         f"(no {kind})")
    body = np.frombuffer(data, dtype=np.uint8, offset=header)
    if body.size != size:
        raise ValueError(f"{owner}: file '{file}' declares shape {dims} ({size} bytes) "
                         f"but holds {body.size} bytes of data")
    return body.reshape(dims)


def _read_split(files, split, owner="load_mnist"):
    """Images and labels of one split ('train' or 'test'), checked against each other."""
    img, label = files[f"{split}_img"], files[f"{split}_label"]
    x, t = _read_idx(img, _MAGIC["img"], owner), _read_idx(label, _MAGIC["label"], owner)
    if len(x) != len(t):
        raise ValueError(f"{owner}: {img.name} holds {len(x)} images but "
                         f"{label.name} holds {len(t)} labels")
    if t.max() > 9:
        raise ValueError(f"{owner}: file '{label}' expected labels 0-9, got a label {int(t.max())}")
    return x, t


def load_mnist(path, normalize=True, flatten=True, one_hot_label=False):
    """MNIST from the four standard IDX files in the local folder ``path``.

    The folder must hold ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``, each either raw
    or gzipped with a ``.gz`` suffix (the raw file wins if both exist).  This
    function never downloads and never unpickles.

    Returns ``((x_train, t_train), (x_test, t_test))`` like the book.  One
    difference: ``normalize`` gives float64 pixels / 255 (the book uses
    float32) to match dlnotes' default dtype; without it pixels stay uint8.
    Labels are int64 indices, or float64 one-hot rows.  ``flatten`` gives
    (n, 784), otherwise (n, 1, 28, 28).
    """
    return _load_idx_folder(path, normalize, flatten, one_hot_label, "load_mnist",
                            ". Create it and copy the MNIST files there (dlnotes never downloads them).",
                            ". Copy them there (dlnotes never downloads them).")


def _load_idx_folder(path, normalize, flatten, one_hot_label, owner, no_folder, no_files):
    """The four IDX files of an MNIST-shaped data set in the folder ``path``; every error names
    ``owner`` and the file; ``no_folder`` / ``no_files`` end the message when the folder / some
    files are missing (what to do)."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{owner}: argument 'path' expected a folder path, got {type(path).__name__}")
    if str(path) == "":
        raise ValueError(f"{owner}: argument 'path' expected a folder path, got ''")
    _check_flags(owner, normalize=normalize, flatten=flatten, one_hot_label=one_hot_label)
    folder = Path(path).expanduser().resolve()
    names = list(MNIST_FILES.values())
    where = (f"{owner}: argument 'path' expected the files {', '.join(names)} (each may end in .gz) "
             f"in the folder {folder}")
    if folder.is_file():
        raise FileNotFoundError(f"{where}, but that is a file, not a folder. Give the folder "
                                f"that holds the four files.")
    if not folder.is_dir():
        raise FileNotFoundError(f"{where}, but that folder does not exist{no_folder}")
    files, missing = {}, []
    for key, name in MNIST_FILES.items():
        for candidate in (folder / name, folder / (name + ".gz")):
            if candidate.is_file():
                files[key] = candidate
                break
        else:
            missing.append(name)
    if missing:
        raise FileNotFoundError(f"{where}; missing: {', '.join(missing)}{no_files}")

    (x_train, t_train) = _read_split(files, "train", owner)
    (x_test, t_test) = _read_split(files, "test", owner)
    if x_train.shape[1:] != x_test.shape[1:]:
        raise ValueError(f"{owner}: images in {files['train_img'].name} and "
                         f"{files['test_img'].name} expected the same shape, got "
                         f"{x_train.shape[1:]} and {x_test.shape[1:]}")
    opts = (normalize, flatten, one_hot_label, 255.0, 10, x_train.shape[1:])
    return _package(x_train, t_train, *opts), _package(x_test, t_test, *opts)


# ---------------------------------------------------------------- Fashion-MNIST (Debian package)

#: Where Debian's package ``dataset-fashion-mnist`` puts the four IDX files (gzipped).
FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist"

#: The Debian package that holds Fashion-MNIST (``make install`` installs it).
FASHION_MNIST_PACKAGE = "dataset-fashion-mnist"

#: Fashion-MNIST's ten classes by label 0-9, in English (the data set's own names).
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

#: The same ten classes in Japanese.
FASHION_CLASSES_JA = ("Tシャツ・トップス", "ズボン", "プルオーバー", "ドレス", "コート",
                      "サンダル", "シャツ", "スニーカー", "バッグ", "アンクルブーツ")


def load_fashion_mnist(path=None, normalize=True, flatten=True, one_hot_label=False):
    """Fashion-MNIST (Zalando): 60,000 training and 10,000 test images, 28x28, ten clothing classes.

    The data set was made as a drop-in replacement for MNIST: the same IDX files, shapes and split,
    so the book's experiments run on it at full size.  ``path=None`` reads the folder of Debian's
    package ``dataset-fashion-mnist`` (:data:`FASHION_MNIST_DIR`; ``make install`` installs it);
    any other folder with the four files works too.  Options and return value as
    :func:`load_mnist`; class names in :data:`FASHION_CLASSES` (``FASHION_CLASSES_JA``).
    Never downloads.
    """
    if path is None:
        remedy = (f": install the Debian package {FASHION_MNIST_PACKAGE} (apt-get install "
                  f"{FASHION_MNIST_PACKAGE}, or make install), or give the folder that holds "
                  f"the files as 'path'.")
        path = FASHION_MNIST_DIR
    else:
        remedy = (": copy the Fashion-MNIST files there, or leave 'path' out to read the Debian "
                  f"package {FASHION_MNIST_PACKAGE} in {FASHION_MNIST_DIR} (dlnotes never downloads them).")
    return _load_idx_folder(path, normalize, flatten, one_hot_label, "load_fashion_mnist",
                            remedy, remedy)
