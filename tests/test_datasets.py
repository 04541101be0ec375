"""Tests for dlnotes.datasets."""
import gzip
import re
import struct

import numpy as np
import pytest

from dlnotes import datasets
from dlnotes.datasets import (gate_data, load_digits, load_mnist, make_blobs, make_circles,
                              make_moons, make_spirals, make_xor, one_hot, xor_data)
from dlnotes.gates import TRUTH, XOR

TOY = [make_moons, make_circles, make_spirals, make_blobs, make_xor]


# ---------------------------------------------------------------- gate data

@pytest.mark.parametrize("name", ["AND", "OR", "NAND", "NOR", "XOR", "xor"])
def test_gate_data(name):
    X, t = gate_data(name)
    assert X.dtype == np.float64 and X.shape == (4, 2)
    assert t.dtype == np.int64 and t.shape == (4,)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert t.tolist() == TRUTH[name.upper()]


def test_xor_data_is_computed_by_two_layer_xor():
    X, t = xor_data()
    assert XOR(X).tolist() == t.tolist() == [0, 1, 1, 0]


def test_unknown_gate_name():
    with pytest.raises(ValueError, match="gate_data: argument 'name' expected one of AND, OR, "
                                         "NAND, NOR, XOR, got 'XAND'"):
        gate_data("XAND")
    with pytest.raises(TypeError, match="gate_data"):
        gate_data(3)


# ---------------------------------------------------------------- toy sets

@pytest.mark.parametrize("make", TOY)
def test_toy_shapes_dtypes_and_determinism(make):
    X, t = make()
    n = 300 if make is make_spirals else 200
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert t.shape == (n,) and t.dtype == np.int64
    assert np.all(np.isfinite(X))
    X2, t2 = make(seed=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(t, t2)
    X3, _ = make(seed=1)
    assert not np.array_equal(X, X3)


@pytest.mark.parametrize("make, counts", [
    (make_moons, [100, 100]), (make_circles, [100, 100]), (make_spirals, [100, 100, 100]),
    (make_blobs, [67, 67, 66]), (make_xor, [100, 100])])
def test_toy_label_counts_balanced(make, counts):
    _, t = make()
    assert np.bincount(t).tolist() == counts


def test_toy_sets_are_shuffled():
    _, t = make_moons()
    assert np.count_nonzero(np.diff(t)) > 10   # not 100 zeros then 100 ones


def test_noise_zero_gives_exact_shapes():
    X, t = make_circles(n_samples=40, noise=0.0, factor=0.5)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[t == 0], 1.0)
    np.testing.assert_allclose(r[t == 1], 0.5)
    X, t = make_moons(n_samples=50, noise=0.0)
    np.testing.assert_allclose(np.hypot(X[t == 0, 0], X[t == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[t == 1, 0] - 1, X[t == 1, 1] - 0.5), 1.0)
    X, t = make_blobs(n_samples=30, centers=[[0, 0], [5, 5]], std=0.0)
    assert sorted(map(tuple, np.unique(X, axis=0))) == [(0.0, 0.0), (5.0, 5.0)]
    assert np.all(X[t == 1] == 5.0)


def test_spiral_radius_within_unit_disc_and_classes():
    X, t = make_spirals(n_samples=301, n_classes=4, seed=3)
    assert np.bincount(t).tolist() == [76, 75, 75, 75]
    assert np.hypot(X[:, 0], X[:, 1]).max() <= 1.0 + 1e-12


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_make_xor_labels_follow_sign_rule(seed):
    X, t = make_xor(noise=0.1, seed=seed)
    rule = ((X[:, 0] - 0.5) * (X[:, 1] - 0.5) < 0).astype(np.int64)
    np.testing.assert_array_equal(t, rule)
    assert np.bincount(t).tolist() == [100, 100]


def test_toy_argument_errors():
    with pytest.raises(ValueError, match="make_moons: argument 'noise'"):
        make_moons(noise=-0.1)
    with pytest.raises(TypeError, match="make_blobs: argument 'std'"):
        make_blobs(std="big")
    with pytest.raises(ValueError, match="make_circles: argument 'factor'"):
        make_circles(factor=1.5)
    with pytest.raises(ValueError, match="make_spirals: argument 'n_samples'"):
        make_spirals(n_samples=2, n_classes=3)
    with pytest.raises(ValueError, match="make_blobs: argument 'centers'"):
        make_blobs(centers=[1, 2, 3])


# ---------------------------------------------------------------- one_hot

def test_one_hot():
    y = one_hot([2, 0, 1], 3)
    assert y.dtype == np.float64
    assert y.tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]


def test_one_hot_out_of_range():
    with pytest.raises(ValueError, match=r"one_hot: argument 't' expected labels in \[0, 3\)"):
        one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="one_hot: argument 't' expected a 1-D"):
        one_hot([[0, 1]], 3)


# ---------------------------------------------------------------- load_digits

def test_load_digits_shapes_values_and_split():
    pytest.importorskip("sklearn")
    (x_tr, t_tr), (x_te, t_te) = load_digits()
    assert len(x_tr) + len(x_te) == 1797
    assert x_tr.shape[1:] == (64,) and x_tr.dtype == np.float64
    assert 0.0 <= x_tr.min() and x_tr.max() <= 1.0 and x_te.max() <= 1.0
    assert set(np.unique(t_tr)) == set(range(10)) == set(np.unique(t_te))
    assert t_tr.dtype == np.int64
    assert abs(len(x_te) / 1797 - 0.2) < 0.01
    # stratified: every class has ~20% of its images in the test set
    full = np.bincount(np.concatenate([t_tr, t_te]))
    assert np.all(np.abs(np.bincount(t_te) - 0.2 * full) <= 0.5)
    # deterministic for a seed, different for another
    (x2, t2), (x3, t3) = load_digits()
    np.testing.assert_array_equal(x_tr, x2)
    np.testing.assert_array_equal(t_te, t3)
    (x4, _), _ = load_digits(seed=1)
    assert not np.array_equal(x_tr, x4)


def test_load_digits_options():
    pytest.importorskip("sklearn")
    (x_tr, t_tr), (x_te, _) = load_digits(normalize=False, one_hot_label=True, flatten=False,
                                          test_ratio=0.5)
    assert x_tr.shape[1:] == (1, 8, 8) and x_tr.dtype == np.uint8 and x_tr.max() == 16
    assert t_tr.shape == (len(x_tr), 10) and np.all(t_tr.sum(axis=1) == 1)
    assert abs(len(x_te) - 1797 / 2) < 10
    with pytest.raises(ValueError, match="load_digits: argument 'test_ratio'"):
        load_digits(test_ratio=1.0)


# ---------------------------------------------------------------- load_mnist (tiny IDX files)

def _write_idx(path, array, magic, gz=False):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in array.shape)
    data = header + array.astype(np.uint8).tobytes()
    if gz:
        with gzip.open(str(path) + ".gz", "wb") as f:
            f.write(data)
    else:
        path.write_bytes(data)


def _fake_mnist(folder, gz=False, seed=0):
    rng = np.random.default_rng(seed)
    arrays = {
        "train-images-idx3-ubyte": (rng.integers(0, 256, (5, 28, 28)), 2051),
        "train-labels-idx1-ubyte": (np.array([5, 0, 4, 1, 9]), 2049),
        "t10k-images-idx3-ubyte": (rng.integers(0, 256, (3, 28, 28)), 2051),
        "t10k-labels-idx1-ubyte": (np.array([7, 2, 1]), 2049),
    }
    folder.mkdir(exist_ok=True)
    for name, (arr, magic) in arrays.items():
        _write_idx(folder / name, arr, magic, gz=gz)
    return {k: v[0] for k, v in arrays.items()}


@pytest.mark.parametrize("gz", [False, True])
def test_load_mnist_reads_idx_pixel_for_pixel(tmp_path, gz):
    ref = _fake_mnist(tmp_path / "mnist", gz=gz)
    (x_tr, t_tr), (x_te, t_te) = load_mnist(tmp_path / "mnist")
    assert x_tr.shape == (5, 784) and x_te.shape == (3, 784) and x_tr.dtype == np.float64
    np.testing.assert_array_equal(x_tr * 255, ref["train-images-idx3-ubyte"].reshape(5, 784))
    np.testing.assert_array_equal(x_te * 255, ref["t10k-images-idx3-ubyte"].reshape(3, 784))
    assert t_tr.tolist() == [5, 0, 4, 1, 9] and t_te.tolist() == [7, 2, 1]
    assert t_tr.dtype == np.int64

    (x_raw, t_oh), _ = load_mnist(str(tmp_path / "mnist"), normalize=False, flatten=False,
                                  one_hot_label=True)
    assert x_raw.dtype == np.uint8 and x_raw.shape == (5, 1, 28, 28)
    np.testing.assert_array_equal(x_raw[:, 0], ref["train-images-idx3-ubyte"])
    assert t_oh.shape == (5, 10) and t_oh.argmax(axis=1).tolist() == [5, 0, 4, 1, 9]


def test_load_mnist_missing_folder(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(FileNotFoundError) as err:
        load_mnist(folder)
    msg = str(err.value)
    assert str(folder.resolve()) in msg
    for name in datasets.MNIST_FILES.values():
        assert name in msg


def test_load_mnist_missing_file(tmp_path):
    folder = tmp_path / "mnist"
    _fake_mnist(folder)
    (folder / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(FileNotFoundError, match="missing: t10k-labels-idx1-ubyte") as err:
        load_mnist(folder)
    assert str(folder.resolve()) in str(err.value)


def test_load_mnist_bad_magic(tmp_path):
    folder = tmp_path / "mnist"
    _fake_mnist(folder)
    _write_idx(folder / "train-labels-idx1-ubyte", np.array([5, 0, 4, 1, 9]), 2051)
    with pytest.raises(ValueError, match="train-labels-idx1-ubyte' has magic number 2051, expected 2049"):
        load_mnist(folder)


def test_load_mnist_truncated_and_mismatched(tmp_path):
    folder = tmp_path / "mnist"
    _fake_mnist(folder)
    path = folder / "t10k-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match="t10k-images-idx3-ubyte' declares shape"):
        load_mnist(folder)
    _fake_mnist(folder)
    _write_idx(folder / "t10k-labels-idx1-ubyte", np.array([7, 2]), 2049)
    with pytest.raises(ValueError, match="3 images but .* 2 labels"):
        load_mnist(folder)


# ---------------------------------------------------------------- shared gate inputs

def test_gate_data_and_make_xor_use_the_shared_gate_inputs():
    from dlnotes.gates import GATE_INPUTS
    X, _ = gate_data("AND")
    np.testing.assert_array_equal(X, GATE_INPUTS)
    X[0, 0] = 5.0                                  # a copy: the shared inputs stay as they are
    assert GATE_INPUTS[0, 0] == 0.0 and gate_data("AND")[0][0, 0] == 0.0
    X, t = make_xor(n_samples=8, noise=0.0)
    assert sorted(map(tuple, np.unique(X, axis=0))) == sorted(map(tuple, GATE_INPUTS))


# ---------------------------------------------------------------- bad toy-set arguments

@pytest.mark.parametrize("make, n, need, per", [
    (make_moons, 1, 2, "class"), (make_circles, 1, 2, "class"), (make_xor, 3, 4, "corner"),
    (lambda n_samples: make_blobs(n_samples, centers=3), 2, 3, "center"),
    (lambda n_samples: make_spirals(n_samples, n_classes=3), 2, 3, "class")])
def test_toy_sets_need_a_point_per_group(make, n, need, per):
    with pytest.raises(ValueError, match=rf"argument 'n_samples' expected at least {need} "
                                         rf"\(one point per {per}\), got {n}"):
        make(n_samples=n)


@pytest.mark.parametrize("make", TOY)
def test_toy_sets_refuse_bad_common_arguments(make):
    noise = "std" if make is make_blobs else "noise"
    owner = make.__name__
    bad = [({"n_samples": 0}, ValueError, "n_samples' expected an integer >= 1, got 0"),
           ({"n_samples": -5}, ValueError, "n_samples' expected an integer >= 1, got -5"),
           ({"n_samples": 10.0}, TypeError, "n_samples' expected an integer, got float"),
           ({noise: -0.1}, ValueError, f"{noise}' expected a number >= 0"),
           ({noise: np.nan}, ValueError, f"{noise}' expected a number >= 0"),
           ({"seed": 1.5}, TypeError, "seed' expected an integer, got float"),
           ({"seed": -1}, ValueError, "seed' expected an integer >= 0")]
    for kwargs, error, msg in bad:
        with pytest.raises(error, match=f"{owner}: argument '{msg}"):
            make(**kwargs)


def test_make_circles_factor_and_make_blobs_centers_types():
    for factor in ("0.5", None, True):
        with pytest.raises(TypeError, match="make_circles: argument 'factor' expected a real number"):
            make_circles(factor=factor)
    with pytest.raises(ValueError, match="make_circles: argument 'factor' expected a finite"):
        make_circles(factor=np.nan)
    for centers in ([["a", "b"]], True, {"x": 1}):
        with pytest.raises(TypeError, match="make_blobs: argument 'centers' expected an int or "
                                            "finite centers of shape"):
            make_blobs(centers=centers)


# ---------------------------------------------------------------- load_digits: empty splits, flags

@pytest.mark.parametrize("ratio, test_rows, train_rows", [(0, 0, 178), (0.001, 0, 178),
                                                           (0.999, 178, 0)])
def test_load_digits_refuses_a_split_that_leaves_a_set_empty(ratio, test_rows, train_rows):
    pytest.importorskip("sklearn")
    with pytest.raises(ValueError, match=rf"load_digits: argument 'test_ratio' expected a ratio "
                                         rf"that leaves images of every class in both sets, got "
                                         rf"{ratio:g}: class 0 would have {test_rows} test and "
                                         rf"{train_rows} training images"):
        load_digits(test_ratio=ratio)


@pytest.mark.parametrize("flag", ["normalize", "one_hot_label", "flatten"])
def test_loaders_refuse_flags_that_are_not_bools(tmp_path, flag):
    pytest.importorskip("sklearn")
    with pytest.raises(TypeError, match=f"load_digits: argument '{flag}' expected True or False, "
                                        f"got 'no'"):
        load_digits(**{flag: "no"})
    _fake_mnist(tmp_path)
    with pytest.raises(TypeError, match=f"load_mnist: argument '{flag}' expected True or False"):
        load_mnist(tmp_path, **{flag: None})
    assert load_mnist(tmp_path, **{flag: np.True_})[0][0].shape[0] == 5


# ---------------------------------------------------------------- load_mnist: bad IDX files

@pytest.fixture
def mnist(tmp_path):
    """A folder with a good tiny MNIST (5 train, 3 test images) for a test to break."""
    _fake_mnist(tmp_path / "mnist")
    return tmp_path / "mnist"


def _refuses(folder, pattern):
    with pytest.raises(ValueError, match=pattern):
        load_mnist(folder)



def test_load_mnist_names_a_corrupt_or_truncated_gzip_file(tmp_path):
    folder = tmp_path / "mnist"
    _fake_mnist(folder, gz=True)
    path = folder / "train-images-idx3-ubyte.gz"
    good = path.read_bytes()
    for broken in (b"not gzip at all", good[:-30], good[:-8] + bytes(8)):  # junk, cut, bad CRC
        path.write_bytes(broken)
        _refuses(folder, f"load_mnist: file '.*{path.name}' is not a valid gzip file")


def test_load_mnist_size_message_is_exact_for_huge_header_dims(mnist):
    big = (2**31, 2**31, 2**31)                    # np.prod of these overflows int64 to 0
    header = struct.pack(">I", 2051) + b"".join(struct.pack(">I", d) for d in big)
    (mnist / "train-images-idx3-ubyte").write_bytes(header + bytes(10))
    _refuses(mnist, rf"declares shape \(2147483648, 2147483648, 2147483648\) "
                    rf"\({2**93} bytes\) but holds 10 bytes")


def test_load_mnist_train_and_test_images_must_have_one_shape(mnist):
    _write_idx(mnist / "t10k-images-idx3-ubyte", np.zeros((3, 20, 20)), 2051)
    _refuses(mnist, r"load_mnist: images in train-images-idx3-ubyte and t10k-images-idx3-ubyte "
                    r"expected the same shape, got \(28, 28\) and \(20, 20\)")
    _write_idx(mnist / "train-images-idx3-ubyte", np.zeros((5, 20, 20)), 2051)
    assert load_mnist(mnist)[0][0].shape == (5, 400)   # other sizes are fine when they agree


@pytest.mark.parametrize("images, labels", [((0, 28, 28), (0,)), ((5, 0, 28), (5,))])
def test_load_mnist_refuses_empty_shapes(mnist, images, labels):
    _write_idx(mnist / "train-images-idx3-ubyte", np.zeros(images), 2051)
    _write_idx(mnist / "train-labels-idx1-ubyte", np.zeros(labels), 2049)
    _refuses(mnist, rf"train-images-idx3-ubyte' declares shape {re.escape(str(images))}, "
                    rf"which is empty")


def test_load_mnist_short_or_misnamed_files(mnist):
    labels = mnist / "train-labels-idx1-ubyte"
    good = labels.read_bytes()
    for data in (b"", b"\x00\x08"):
        labels.write_bytes(data)
        _refuses(mnist, f"train-labels-idx1-ubyte' holds {len(data)} bytes, too few for an IDX "
                        f"file of labels")
    labels.write_bytes(good[:6])
    _refuses(mnist, "train-labels-idx1-ubyte' is truncated inside its header")
    labels.write_bytes(gzip.compress(good))
    _refuses(mnist, "train-labels-idx1-ubyte' is gzipped but its name does not end in .gz; "
                    "rename it to train-labels-idx1-ubyte.gz")


@pytest.mark.parametrize("labels, magic, pattern", [
    ([5, 0, 4, 1, 12], 2049, "train-labels-idx1-ubyte' expected labels 0-9, got a label 12"),
    ([5, 0, 4, 1], 2049, "5 images but train-labels-idx1-ubyte holds 4 labels"),
    ([5, 0, 4, 1, 9], 0x0D01, "has magic number 3329, expected 2049")])   # 0x0D: float labels
def test_load_mnist_other_bad_label_files_stay_refused(mnist, labels, magic, pattern):
    _write_idx(mnist / "train-labels-idx1-ubyte", np.array(labels), magic)
    _refuses(mnist, pattern)


def test_load_mnist_path_that_is_empty_or_a_file(tmp_path):
    with pytest.raises(ValueError, match="load_mnist: argument 'path' expected a folder path, got ''"):
        load_mnist("")
    f = tmp_path / "train-images-idx3-ubyte"
    f.write_bytes(b"x")
    with pytest.raises(FileNotFoundError, match="but that is a file, not a folder"):
        load_mnist(f)
