"""load_fashion_mnist (issue 22): the full 60,000 + 10,000 Fashion-MNIST from Debian's package,
read pixel for pixel like a second, independent IDX reader; clear errors that name the package
or the file; nothing half-loaded.  ``make install`` installs the package, so these tests need it
(they fail, naming it, where it is missing)."""
import gzip
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from dlnotes import datasets
from dlnotes.datasets import FASHION_CLASSES, FASHION_CLASSES_JA, FASHION_MNIST_DIR, load_fashion_mnist

from test_datasets import _fake_mnist, _write_idx



def _by_hand(name):
    """A second reader: gzip + struct, following the IDX description (big-endian header)."""
    with gzip.open(Path(FASHION_MNIST_DIR) / (name + ".gz"), "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return magic, dims, data[4 + 4 * ndim:]


@pytest.fixture(scope="module")
def fashion():
    return load_fashion_mnist(normalize=False)


def test_the_full_data_set_as_the_idx_files_hold_it(fashion):
    (x_tr, t_tr), (x_te, t_te) = fashion
    assert x_tr.shape == (60000, 784) and x_te.shape == (10000, 784)
    assert x_tr.dtype == np.uint8 and t_tr.dtype == np.int64
    # balanced classes, as the data set describes itself: 6,000 and 1,000 images per class
    assert np.bincount(t_tr).tolist() == [6000] * 10
    assert np.bincount(t_te).tolist() == [1000] * 10
    for name, arr in (("train-images-idx3-ubyte", x_tr), ("t10k-labels-idx1-ubyte", t_te)):
        magic, dims, body = _by_hand(name)
        assert magic == (2051 if "images" in name else 2049)
        assert dims[0] == len(arr)
        assert bytes(arr.astype(np.uint8).ravel()) == body          # byte for byte


def test_normalized_and_one_hot_options(fashion):
    (x_raw, t_raw), _ = fashion
    (x, t), _ = load_fashion_mnist(one_hot_label=True, flatten=False)
    assert x.shape == (60000, 1, 28, 28) and x.dtype == np.float64
    assert x.min() == 0.0 and x.max() == 1.0
    np.testing.assert_array_equal(np.rint(x[:50, 0] * 255).astype(np.uint8), x_raw[:50].reshape(50, 28, 28))
    assert t.shape == (60000, 10) and t.argmax(axis=1)[:1000].tolist() == t_raw[:1000].tolist()


def test_class_names_in_both_languages():
    assert len(FASHION_CLASSES) == len(FASHION_CLASSES_JA) == 10
    assert FASHION_CLASSES[0] == "T-shirt/top" and FASHION_CLASSES[9] == "Ankle boot"
    assert len(set(FASHION_CLASSES_JA)) == 10


def test_a_missing_package_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "FASHION_MNIST_DIR", str(tmp_path / "none"))
    with pytest.raises(FileNotFoundError) as err:
        load_fashion_mnist()
    msg = str(err.value)
    assert msg.startswith("load_fashion_mnist: argument 'path' expected the files")
    assert "apt-get install dataset-fashion-mnist" in msg and "make install" in msg
    monkeypatch.setattr(datasets, "FASHION_MNIST_DIR", str(tmp_path))
    (tmp_path / "t10k-labels-idx1-ubyte").touch()           # a partial install: files missing
    with pytest.raises(FileNotFoundError, match="missing: train-images-idx3-ubyte, "
                                                "train-labels-idx1-ubyte, t10k-images-idx3-ubyte: "
                                                "install the Debian package dataset-fashion-mnist"):
        load_fashion_mnist()


def test_a_wrong_path_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="load_fashion_mnist: .* in the folder .*nowhere, but "
                                                "that folder does not exist: copy the Fashion-MNIST"):
        load_fashion_mnist(tmp_path / "nowhere")
    with pytest.raises(TypeError, match="load_fashion_mnist: argument 'path' expected a folder path, got int"):
        load_fashion_mnist(3)


@pytest.mark.parametrize("damage", ["truncated gzip", "cut body", "fewer labels"])
def test_a_damaged_file_is_named_and_nothing_is_returned(tmp_path, damage):
    folder = tmp_path / "fashion"
    _fake_mnist(folder, gz=True)
    assert load_fashion_mnist(folder)[0][0].shape == (5, 784)          # the good copy loads
    path = folder / "train-images-idx3-ubyte.gz"
    if damage == "truncated gzip":
        path.write_bytes(path.read_bytes()[:-30])
        pattern = r"load_fashion_mnist: file '.*train-images-idx3-ubyte.gz' is not a valid gzip file"
    elif damage == "cut body":
        with gzip.open(path, "rb") as f:
            data = f.read()
        with gzip.open(path, "wb") as f:
            f.write(data[:-100])
        pattern = (r"load_fashion_mnist: file '.*train-images-idx3-ubyte.gz' declares shape "
                   r"\(5, 28, 28\) \(3920 bytes\) but holds 3820 bytes")
    else:
        (folder / "train-labels-idx1-ubyte.gz").unlink()
        _write_idx(folder / "train-labels-idx1-ubyte", np.array([5, 0, 4]), 2049)
        pattern = "load_fashion_mnist: train-images-idx3-ubyte.gz holds 5 images but train-labels-idx1-ubyte holds 3 labels"
    with pytest.raises(ValueError, match=pattern):
        load_fashion_mnist(folder)


def test_the_package_folder_works_as_an_explicit_path(tmp_path):
    """The same files copied elsewhere load to the same arrays (the path argument)."""
    folder = tmp_path / "copy"
    folder.mkdir()
    for name in ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        shutil.copy(Path(FASHION_MNIST_DIR) / (name + ".gz"), folder)
    _fake_mnist(tmp_path / "tiny", gz=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        shutil.copy(tmp_path / "tiny" / (name + ".gz"), folder)
    _, (x_te, t_te) = load_fashion_mnist(folder, normalize=False)
    _, (x_ref, t_ref) = load_fashion_mnist(normalize=False)
    np.testing.assert_array_equal(x_te, x_ref)
    np.testing.assert_array_equal(t_te, t_ref)
