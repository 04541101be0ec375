"""dlnotes.experiments: the numbers behind the chapter figures, against values worked out by hand
or by an independent computation."""
import sys

import numpy as np
import pytest

from dlnotes import experiments as X
from dlnotes.gates import GATE_NAMES, which_gate
from dlnotes.gradient import relative_error
from dlnotes.network import MultiLayerNet


def test_reachable_from_the_package():
    import dlnotes
    assert dlnotes.experiments is X


def test_numpy_only():
    import subprocess
    code = ("import sys, dlnotes.experiments, dlnotes.landscapes, dlnotes.gradient; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'bokeh', 'ipywidgets'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------ chapter 2

def test_activation_values_scale_shift_and_kinks():
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    y, d = X.activation_values("relu", x, scale=2.0, shift=1.0)      # relu(2x + 1)
    np.testing.assert_array_equal(y, [0.0, 0.0, 1.0, 2.0, 5.0])
    np.testing.assert_array_equal(d[[0, 2, 3, 4]], [0.0, 2.0, 2.0, 2.0])
    assert np.isnan(d[1])                                             # 2(-0.5) + 1 = 0: the kink
    y, d = X.activation_values("sigmoid", np.array([0.0]), scale=4.0)
    assert y[0] == 0.5 and d[0] == pytest.approx(4 * 0.25)            # 4 sigma'(0) = 1
    y, d = X.activation_values("identity", x, scale=3.0)
    np.testing.assert_array_equal(y, 3 * x)
    np.testing.assert_array_equal(d, 3.0)
    _, d = X.activation_values("step", x)
    assert np.isnan(d[2]) and np.all(d[[0, 1, 3, 4]] == 0)
    with pytest.raises(ValueError, match="activation_values: argument 'name'"):
        X.activation_values("tanh", x)


def test_gate_keys_agree_with_which_gate():
    rng = np.random.default_rng(0)
    W1, W2, B = (rng.choice([-1.5, -1.0, -0.5, 0.5, 1.0, 1.5], size=40) for _ in range(3))
    keys = X.gate_keys(W1, W2, B)
    for w1, w2, b, k in zip(W1, W2, B, keys):
        assert X.GATE_KEY_NAMES[int(k)] == which_gate(w1, w2, b)
    assert X.gate_keys(np.array(1.0), np.array(1.0), np.array(-1.5)) == 0b0001        # AND
    assert X.GATE_KEY_NAMES[0b0110] == "XOR" and len(X.GATE_KEY_NAMES) == 16


def test_gate_function_counts_against_which_gate():
    import itertools
    grid = [-1.5, -1.0, -0.5, 0.0, 1.0]
    names, counts = X.gate_function_counts(grid)
    assert len(names) == 16 and counts.sum() == 5 ** 3 and set(names) == set(GATE_NAMES.values())
    expected = dict.fromkeys(names, 0)
    for w1, w2, b in itertools.product(grid, repeat=3):
        expected[which_gate(w1, w2, b)] += 1
    assert dict(zip(names, counts.tolist())) == expected
    assert expected["XOR"] == expected["XNOR"] == 0 and expected["AND"] > 0


def test_naive_softmax_fails_where_max_shift_does_not():
    P = X.naive_softmax([[0.0, 1.0, 2.0], [800.0, 799.0, 798.0], [-800.0, -801.0, -802.0]])
    e = np.exp([0.0, 1.0, 2.0])
    np.testing.assert_allclose(P[0], e / e.sum(), rtol=1e-15)
    assert np.isnan(P[1]).all() and np.isnan(P[2]).all()      # inf/inf and 0/0


def test_forward_pass_by_hand():
    v = X.forward_pass([[1.0, -1.0]], [[1.0, 2.0], [3.0, -1.0]], [0.5, 0.0], [[1.0, 0.0], [0.0, 1.0]],
                       [0.0, np.log(3.0)])
    np.testing.assert_allclose(v["A1"], [[-1.5, 3.0]])
    np.testing.assert_allclose(v["H"], [[0.0, 3.0]])
    np.testing.assert_allclose(v["A2"], [[0.0, 3.0 + np.log(3.0)]])
    np.testing.assert_allclose(v["Y"], [[1 / (1 + 3 * np.e ** 3), 3 * np.e ** 3 / (1 + 3 * np.e ** 3)]])
    with pytest.raises(ValueError, match="forward_pass: expected X"):
        X.forward_pass([[1.0, 2.0]], np.ones((3, 2)), np.zeros(2), np.ones((2, 2)), np.zeros(2))


# ------------------------------------------------------------------ 3.1 losses

def test_book_vectors():
    assert X.BOOK_T.tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert X.BOOK_Y_RIGHT.sum() == pytest.approx(1.0) and X.BOOK_Y_WRONG.sum() == pytest.approx(1.0)
    assert X.BOOK_Y_RIGHT.argmax() == 2 and X.BOOK_Y_WRONG.argmax() == 7


def test_book_loss_values_independent():
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    v = X.book_loss_values()
    assert v["mse_book_right"] == pytest.approx(0.5 * (0.4**2 + 0.1**2 * 3 + 0.05**2 * 2))   # 0.0975
    assert v["ce_right"] == pytest.approx(-np.log(0.6))
    assert v["mse_book_wrong"] == pytest.approx(0.5975)
    assert v["ce_wrong"] == pytest.approx(-np.log(0.1))
    assert v["mse_note_right"] == pytest.approx(np.sum((y - np.eye(10)[2]) ** 2) / 10)
    assert v["mse_note_right"] == pytest.approx(0.0195)
    assert v["mse_note_wrong"] == pytest.approx(2 * 0.5975 / 10)


def test_loss_vs_true_probability():
    v = X.loss_vs_true_probability(np.array([1.0, 0.6, 0.1]), C=10)
    np.testing.assert_allclose(v["ce"], [0.0, -np.log(0.6), -np.log(0.1)], atol=0)
    # p = 0.6, C = 10: (0.4)^2 + 9 (0.4/9)^2 = 0.16 + 0.16/9
    sq = 0.16 + 0.16 / 9
    assert v["mse_book"][1] == pytest.approx(sq / 2) and v["mse_note"][1] == pytest.approx(sq / 10)
    assert v["mse_book"][0] == 0 and v["mse_note"][0] == 0
    assert X.loss_vs_true_probability(0.0, C=2)["mse_book"] == pytest.approx(1.0)   # (1 + 1) / 2
    with pytest.raises(ValueError, match="loss_vs_true_probability: argument 'C'"):
        X.loss_vs_true_probability(0.5, C=1)


# ------------------------------------------------------------------ 3.2 / seed 003

def test_sequential_vs_batch_is_second_order():
    lrs, diffs, grad_err = X.sequential_vs_batch()
    assert grad_err < 1e-13
    slope = np.polyfit(np.log(lrs[2:]), np.log(diffs[2:]), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.05)
    assert np.all(diffs > 0)


def test_sequential_vs_batch_matches_the_notes_formulas():
    from dlnotes.notes import affine_batch_vs_sequential
    rng = np.random.default_rng(0)                        # the same draws as sequential_vs_batch
    Xs, T = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    W0 = rng.normal(size=(3, 2))
    (Wb, _), (Ws, _) = affine_batch_vs_sequential(Xs, T, W0, np.zeros(2), 0.01)
    _, diffs, _ = X.sequential_vs_batch(lrs=(0.01,))
    assert diffs[0] == pytest.approx(np.abs(Ws - Wb).max(), rel=1e-9)


# ------------------------------------------------------------------ 3.3.2 - 3.3.7

def test_chain_rule_values():
    v = X.chain_rule_values(2.0, -1.5, 0.5, 1.0)
    assert v["y"] == -2.5 and v["dL/dy"] == -3.5 and v["L"] == 0.5 * 3.5 ** 2
    assert (v["dL/dx"], v["dL/dw"], v["dL/db"]) == (5.25, -7.0, -3.5)


def test_layer_gradient_checks_agree():
    checks = X.layer_gradient_checks()
    assert list(checks) == ["Affine", "Relu", "Sigmoid", "Softmax", "SoftmaxWithLoss",
                            "BatchNormalization", "MultiLayerNet"]
    assert set(checks["MultiLayerNet"]) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    assert list(checks["BatchNormalization"]) == ["x", "gamma", "beta"]
    for layer, pairs in checks.items():
        for k, (a, n) in pairs.items():
            assert a.shape == n.shape
            assert relative_error(a, n) < 1e-7, (layer, k)
    a, n = checks["Relu"]["x"]
    assert np.any(a == 0) and np.any(a != 0)              # the mask really cuts some entries


def test_batchnorm_gradient_check_is_tight_and_catches_a_wrong_backward():
    # note 4.2.1.2, training mode: every seed of the panel's slider passes the 1e-7 line
    for seed in (0, 1, 17, 99):
        bn = X.layer_gradient_checks(seed)["BatchNormalization"]
        for k, (a, n) in bn.items():
            assert a.shape == n.shape and relative_error(a, n) < 1e-7, (seed, k)
        (dx, _), (dgamma, _), (dbeta, _) = bn["x"], bn["gamma"], bn["beta"]
        assert dx.shape == (6, 3) and dgamma.shape == dbeta.shape == (3,)
        np.testing.assert_allclose(dx.sum(axis=0), 0, atol=1e-12)   # a shift of a column is undone

    def wrong(kind):
        def backward(layer, G):
            dx = layer.backward(G)
            dxn = G * layer.gamma
            if kind == "no variance path":            # drop the dL/dsigma^2 term
                dx = (dxn - dxn.mean(axis=0)) / layer.std
            if kind == "no mean path":                # drop the dL/dmu term
                dx = (dxn - layer.xn * np.mean(dxn * layer.xn, axis=0)) / layer.std
            dgamma = G.sum(axis=0) if kind == "dgamma without x_hat" else layer.dgamma
            return dx, dgamma, layer.dbeta
        return backward

    rng = lambda: np.random.default_rng([0, 1])           # the stream layer_gradient_checks(0) uses
    from dlnotes.experiments import _batchnorm_check
    right = _batchnorm_check(rng())
    for k, (a, n) in X.layer_gradient_checks(0)["BatchNormalization"].items():
        np.testing.assert_array_equal(a, right[k][0])
    for kind, key in [("no variance path", "x"), ("no mean path", "x"),
                      ("dgamma without x_hat", "gamma")]:
        bad = _batchnorm_check(rng(), backward=wrong(kind))
        assert relative_error(*bad[key]) > 1e-3, kind


# ------------------------------------------------------------------ training

def test_toy_data_standardised():
    for name in X.TOY_SETS:
        Xd, t = X.toy_data(name)
        assert Xd.mean(0) == pytest.approx([0, 0], abs=1e-12)
        assert Xd.std(0) == pytest.approx([1, 1], rel=1e-12)
    assert int(X.toy_data("spirals")[1].max()) == 2
    with pytest.raises(ValueError, match="toy_data: argument 'name'"):
        X.toy_data("rings")


def test_train_toy_learns_and_snapshots():
    net, Xd, t, frames = X.train_toy("moons", iterations=120, snapshots=4)
    assert [f[0] for f in frames] == [0, 40, 80, 120]
    assert frames[-1][1] > 0.95 and frames[-1][1] > frames[0][1]
    assert frames[-1][1] == net.accuracy(Xd, t)
    assert frames[-1][2].shape == (60, 60)
    corner = np.array([[-X.TOY_LIM, -X.TOY_LIM], [X.TOY_LIM, X.TOY_LIM]])
    pred = net.predict(corner).argmax(1)
    assert (frames[-1][2][0, 0], frames[-1][2][-1, -1]) == (pred[0], pred[1])


class _Fixed:
    """A 'network' whose scores are given: predictions known in advance."""

    def __init__(self, scores):
        self.scores = np.asarray(scores, float)

    def predict(self, x):
        return self.scores


def test_confusion_matrix_and_misclassified_by_hand():
    scores = np.eye(3)[[0, 1, 2, 2, 0]] * 2.0             # predicts 0, 1, 2, 2, 0
    t = np.array([0, 1, 1, 2, 2])
    M = X.confusion_matrix(_Fixed(scores), None, t, n_classes=3)
    assert M.tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 1]]
    idx, pred, prob = X.misclassified(_Fixed(scores), None, t, n=5)
    assert idx.tolist() == [2, 4] and pred.tolist() == [2, 0]
    np.testing.assert_allclose(prob, np.e ** 2 / (np.e ** 2 + 2))
    assert X.misclassified(_Fixed(scores), None, t, n=1)[0].tolist() == [2]


def test_train_with_optimizers_same_start_and_batches():
    h = X.train_with_optimizers({"SGD": ("sgd", {"lr": 0.1}), "Adam": ("adam", {"lr": 0.002}),
                                 "SGD again": ("sgd", {"lr": 0.1})}, epochs=1, hidden=(10,))
    assert set(h) == {"SGD", "Adam", "SGD again"} and len(h["SGD"]["test_acc"]) == 2
    assert h["SGD"]["loss"] == h["SGD again"]["loss"]                     # deterministic
    assert h["SGD"]["loss"][0] == h["Adam"]["loss"][0]                    # same net, same first batch
    assert h["SGD"]["test_acc"][0] == h["Adam"]["test_acc"][0]            # before any step
    assert h["SGD"]["test_acc"][-1] > h["SGD"]["test_acc"][0]                 # it learns


def test_hidden_activations_shapes_and_bn_effect():
    x = np.random.default_rng(0).standard_normal((200, 20))
    plain = MultiLayerNet(20, [20] * 3, 10, activation="sigmoid", weight_init_std=0.01, seed=0)
    bn = X.deep_net(20, 3, "sigmoid", 0.01, True, 0)
    a_plain, a_bn = X.hidden_activations(plain, x), X.hidden_activations(bn, x)
    assert [a.shape for a in a_plain] == [(200, 20)] * 3
    assert a_plain[-1].std() < 0.01 < 0.15 < a_bn[-1].std()
    # the first layer by hand: sigmoid(x W1 + b1)
    np.testing.assert_allclose(a_plain[0], 1 / (1 + np.exp(-(x @ plain.params["W1"] + plain.params["b1"]))),
                               rtol=1e-12)
    with pytest.raises(ValueError, match=r"hidden_activations: argument 'x' expected shape \(batch, 20\)"):
        X.hidden_activations(plain, x[:, :5])


def test_deep_net_shape_and_init_scale():
    net = X.deep_net(50, 4, "relu", 0.3, False, seed=1)
    assert [net.params[f"W{i}"].shape for i in range(1, 6)] == [(50, 50)] * 4 + [(50, 10)]
    assert net.params["W2"].std() == pytest.approx(0.3, rel=0.05)
    assert "gamma1" in X.deep_net(10, 2, "relu", 0.1, True, 0).params


def test_bn_training_runs_small():
    runs = X.bn_training_runs(scales=(1.0, 0.01), epochs=1, hidden=(8, 8), n_train=80)
    assert list(runs) == [1.0, 0.01] and set(runs[1.0]) == {"BN", "no BN"}
    for scale in runs:
        for h in runs[scale].values():
            assert len(h["train_acc"]) == 2 and len(h["loss"]) == 2      # 80 / 40 = 2 steps
    # at init std 0.01 without BN the outputs are near uniform: loss ln 10
    assert runs[0.01]["no BN"]["loss"][0] == pytest.approx(np.log(10), abs=1e-3)


def test_gradient_check_network_is_clear_of_relu_kinks_for_every_panel_seed():
    """The panel's seed slider runs 0-99: on none of them may the ReLU network's check fail
    because a central difference stepped across a kink (relative error ~1, as seed 49 gave
    with the initial zero biases: a row whose ReLUs all died feeds exactly 0 onwards)."""
    from dlnotes.experiments import _biases_away_from_kinks
    from dlnotes.gradient import relative_error
    from dlnotes.network import MultiLayerNet
    worst = max(relative_error(a, n) for s in range(100)
                for a, n in X.layer_gradient_checks(s)["MultiLayerNet"].values())
    assert worst < 1e-5
    x = np.random.default_rng(0).normal(size=(4, 5))
    net = MultiLayerNet(5, [6, 4], 3, seed=49)
    _biases_away_from_kinks(net, x, np.random.default_rng(1))
    z = x
    for i in (1, 2):                                  # every hidden input clear of 0 by 0.05
        a = z @ net.params[f"W{i}"] + net.params[f"b{i}"]
        assert np.min(np.abs(a)) >= 0.05
        z = np.maximum(a, 0)
