"""MultiLayerNet: backprop against numerical gradients with every option on; init, dtypes, errors."""
import numpy as np
import pytest

from dlnotes.gradient import gradient_check
from dlnotes.layers import Dropout
from dlnotes.network import MultiLayerNet

rng = np.random.default_rng(7)   # restarted for each test from its id (tests/conftest.py)


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_full_network_gradient_matches_numerical(activation):
    net = MultiLayerNet(5, [6, 4], 3, activation=activation, weight_decay_lambda=0.1,
                        use_batchnorm=True, use_dropout=True, dropout_ratio=0.3, seed=3)
    x = rng.normal(size=(7, 5))
    t = np.array([0, 1, 2, 2, 1, 0, 1])
    net.freeze_dropout(x)
    grads, numeric = net.gradient(x, t), net.numerical_gradient(x, t)
    errs = gradient_check(grads, numeric)
    assert set(errs) == {"W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"}
    # a bias just before batch norm has gradient exactly 0 (BN subtracts the batch mean): both
    # ways give round-off only, which an element-wise relative error would blow up to ~1e-4
    for k in ("b1", "b2"):
        assert max(np.abs(grads[k]).max(), np.abs(numeric[k]).max()) <= 1e-10, (k, grads[k], numeric[k])
    # the rest, relative to the largest entry (tiny entries carry the difference's h^2 error):
    # worst of 150 random inputs 2.3e-6 with ReLU (kinks within h of a unit's zero), 1.8e-7 sigmoid
    tol = {"relu": 1e-5, "sigmoid": 1e-6}[activation]
    for k in set(errs) - {"b1", "b2"}:
        assert np.abs(grads[k] - numeric[k]).max() <= tol * np.abs(grads[k]).max(), (k, errs)


def test_plain_network_gradient_and_loss_value():
    net = MultiLayerNet(4, [5], 3, seed=0)
    x, t = rng.normal(size=(4, 4)), np.array([0, 2, 1, 2])
    errs = gradient_check(net.gradient(x, t), net.numerical_gradient(x, t))
    assert max(errs.values()) <= 1e-6, errs
    # the loss by hand: relu(x W1 + b1) W2 + b2 -> softmax -> mean -log p_true
    p = net.params
    s = np.maximum(x @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]
    logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    assert net.loss(x, t) == pytest.approx(-logp[np.arange(4), t].mean(), rel=1e-13)


def test_weight_decay_term():
    net = MultiLayerNet(3, [4], 2, weight_decay_lambda=0.5, seed=1)
    x, t = rng.normal(size=(2, 3)), np.array([0, 1])
    plain = MultiLayerNet(3, [4], 2, seed=1)
    squares = np.sum(net.params["W1"] ** 2) + np.sum(net.params["W2"] ** 2)
    assert net.loss(x, t) == pytest.approx(plain.loss(x, t) + 0.25 * squares, rel=1e-13)


def test_numerical_gradient_restores_batchnorm_running_stats():
    net = MultiLayerNet(3, [4], 2, use_batchnorm=True, seed=2)
    x, t = rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    bn = net.layers["BatchNorm1"]
    before = bn.running_mean.copy()
    net.numerical_gradient(x, t)
    np.testing.assert_array_equal(bn.running_mean, before)


def test_init_scales_and_seed():
    a = MultiLayerNet(400, [300], 10, weight_init_std="he", seed=0)
    b = MultiLayerNet(400, [300], 10, weight_init_std="relu", seed=0)
    c = MultiLayerNet(400, [300], 10, weight_init_std="xavier", seed=0)
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])          # same seed, same weights
    assert a.params["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.01)
    assert c.params["W1"].std() == pytest.approx(np.sqrt(1 / 400), rel=0.01)
    d = MultiLayerNet(400, [300], 10, weight_init_std=0.01, seed=0)
    assert d.params["W1"].std() == pytest.approx(0.01, rel=0.01)
    assert not np.array_equal(MultiLayerNet(4, [3], 2, seed=1).params["W1"],
                              MultiLayerNet(4, [3], 2, seed=2).params["W1"])


def test_layers_share_params_with_optimizer_updates():
    net = MultiLayerNet(3, [4], 2, seed=0)
    net.params["W1"] -= 1.0                                                 # in-place, as optimizers do
    assert net.layers["Affine1"].W is net.params["W1"]


def test_float32_network():
    net = MultiLayerNet(5, [6], 3, use_batchnorm=True, seed=0, dtype=np.float32)
    x, t = rng.normal(size=(4, 5)), np.array([0, 1, 2, 0])
    assert net.predict(x).dtype == np.float32
    grads = net.gradient(x, t)
    assert all(g.dtype == np.float32 for g in grads.values())
    ref = MultiLayerNet(5, [6], 3, use_batchnorm=True, seed=0)
    for k, g64 in ref.gradient(x, t).items():       # b1's true gradient is 0 under BN: use atol
        np.testing.assert_allclose(grads[k], g64, rtol=1e-4, atol=1e-6, err_msg=k)


def test_dropout_only_in_training():
    net = MultiLayerNet(4, [50], 3, use_dropout=True, dropout_ratio=0.5, seed=0)
    x = rng.normal(size=(3, 4))
    np.testing.assert_array_equal(net.predict(x), net.predict(x))           # inference deterministic
    assert not np.array_equal(net.predict(x, train_flg=True), net.predict(x, train_flg=True))
    assert isinstance(net.layers["Dropout1"], Dropout)


def test_accuracy_with_one_hot_and_indices():
    net = MultiLayerNet(2, [3], 2, seed=0)
    x = rng.normal(size=(10, 2))
    pred = net.predict(x).argmax(axis=1)
    assert net.accuracy(x, pred) == 1.0
    assert net.accuracy(x, np.eye(2)[1 - pred]) == 0.0


@pytest.mark.parametrize("kwargs, err, msg", [
    (dict(activation="tanh"), ValueError, r"MultiLayerNet: argument 'activation' expected one of \['relu', 'sigmoid'\], got 'tanh'"),
    (dict(weight_init_std=-1.0), ValueError, "argument 'weight_init_std' expected a positive number, got -1.0"),
    (dict(weight_init_std="lecun"), ValueError, "argument 'weight_init_std' expected one of"),
    (dict(weight_decay_lambda=-0.1), ValueError, "argument 'weight_decay_lambda' expected a number >= 0"),
    (dict(dtype=np.int32), TypeError, "argument 'dtype' expected float32 or float64, got int32"),
    (dict(dropout_ratio=1.5), ValueError, r"argument 'dropout_ratio' expected a number in \[0, 1\)"),
])
def test_bad_construction(kwargs, err, msg):
    with pytest.raises(err, match=msg):
        MultiLayerNet(4, [3], 2, **kwargs)


def test_bad_calls():
    with pytest.raises(TypeError, match="argument 'hidden_size_list' expected a list of integers, got int"):
        MultiLayerNet(4, 3, 2)
    net = MultiLayerNet(4, [3], 2, seed=0)
    with pytest.raises(ValueError, match=r"MultiLayerNet.predict: argument 'x' expected shape \(batch, 4\), got \(2, 5\)"):
        net.predict(np.ones((2, 5)))
    with pytest.raises(ValueError, match=r"MultiLayerNet.loss: argument 't' expected labels in \[0, 2\), got values in \[0, 5\]"):
        net.loss(np.ones((2, 4)), np.array([0, 5]))
    with pytest.raises(ValueError, match=r"MultiLayerNet.gradient: argument 't' expected labels in \[0, 2\)"):
        net.gradient(np.ones((2, 4)), np.array([0, 5]))
    with pytest.raises(ValueError, match="expected finite values"):
        net.gradient(np.full((2, 4), np.nan), np.array([0, 1]))


def test_gradient_dicts_are_fresh_and_laid_out_like_params():
    net = MultiLayerNet(6, [5, 4], 3, use_batchnorm=True, seed=0)
    rng = np.random.default_rng(0)
    x1, x2 = rng.normal(size=(2, 8, 6))
    t = rng.integers(0, 3, 8)
    g1 = net.gradient(x1, t)
    kept = {k: v.copy() for k, v in g1.items()}
    g2 = net.gradient(x2, t)
    assert type(g2) is dict and list(g2) == list(net.params)
    for k in kept:                                   # the second call did not overwrite the first
        np.testing.assert_array_equal(g1[k], kept[k])
    assert not np.allclose(g1["W1"], g2["W1"])
    assert g2["W2"] is net.layers["Affine2"].dW and g2["beta1"] is net.layers["BatchNorm1"].dbeta


def test_weight_decay_gradient_leaves_the_layer_dW_without_the_decay():
    net = MultiLayerNet(4, [3], 2, weight_decay_lambda=0.5, seed=1)
    x = np.random.default_rng(1).normal(size=(5, 4))
    g = net.gradient(x, np.array([0, 1, 1, 0, 1]))
    for i in (1, 2):
        affine = net.layers[f"Affine{i}"]
        np.testing.assert_array_equal(g[f"W{i}"], affine.dW + 0.5 * affine.W)
        assert not np.allclose(g[f"W{i}"], affine.dW)


def test_predict_is_the_layers_forward_in_order():
    net = MultiLayerNet(6, [5], 3, use_batchnorm=True, use_dropout=True, seed=2)
    x = np.random.default_rng(2).normal(size=(7, 6))
    h = x
    for layer in net.layers.values():
        h = layer.forward(h, False) if hasattr(layer, "running_mean") or hasattr(layer, "dropout_ratio") \
            else layer.forward(h)
    np.testing.assert_array_equal(net.predict(x), h)
    with pytest.raises(ValueError, match="MultiLayerNet.predict: argument 'x' expected finite values"):
        net.predict(np.full((2, 6), np.nan))


def test_numerical_gradient_leaves_caches_of_the_unperturbed_network():
    net, twin = (MultiLayerNet(4, [6], 3, use_batchnorm=True, seed=8) for _ in range(2))
    x = np.random.default_rng(8).normal(size=(5, 4))
    t = np.array([0, 1, 2, 1, 0])
    net.numerical_gradient(x, t)
    twin.loss(x, t, train_flg=True)
    assert net.last_layer.loss == twin.last_layer.loss
    for name in ("Affine2", "Activation_function1", "BatchNorm1"):
        for attr in ("x", "mask", "xn"):
            if hasattr(twin.layers[name], attr):
                np.testing.assert_array_equal(getattr(net.layers[name], attr), getattr(twin.layers[name], attr))
    np.testing.assert_array_equal(net.layers["BatchNorm1"].running_mean, np.zeros(6))   # still restored


def test_a_deep_copied_network_trains_exactly_like_the_original():
    """The copy's layers use the copy's parameter arrays, which are not the original's."""
    import copy
    from dlnotes.optimizers import Adam
    net = MultiLayerNet(20, [8], 4, use_batchnorm=True, seed=0)
    twin = copy.deepcopy(net)
    assert twin.layers["Affine1"].W is twin.params["W1"] and twin.params["W1"] is not net.params["W1"]
    assert type(twin.params) is type(net.params)
    x, t = np.random.default_rng(9).random((6, 20)), np.arange(6) % 4
    opt, opt_twin = Adam(), Adam()
    for _ in range(3):
        opt.update(net.params, net.gradient(x, t))
        opt_twin.update(twin.params, twin.gradient(x, t))
    for k in net.params:
        np.testing.assert_array_equal(twin.params[k], net.params[k], err_msg=k)
    assert not np.array_equal(net.params["W1"], MultiLayerNet(20, [8], 4, use_batchnorm=True, seed=0).params["W1"])


def test_network_keeps_the_layers_shape_errors():
    """Errors raised inside the network's layers still name the layer."""
    net = MultiLayerNet(6, [5], 3, use_batchnorm=True, use_dropout=True, seed=3)
    x = np.random.default_rng(3).normal(size=(4, 6))
    with pytest.raises(ValueError, match=r"BatchNormalization: argument 'x' expected a batch of at least 2 rows"):
        net.gradient(x[:1], np.array([0]))
    net.freeze_dropout(x)
    with pytest.raises(ValueError, match=r"Dropout \(fixed mask\): argument 'x' expected shape \(4, 5\), got \(2, 5\)"):
        net.gradient(x[:2], np.array([0, 1]))
