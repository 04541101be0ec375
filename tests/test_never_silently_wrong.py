"""Bad or unusual input never gives a silently wrong answer (issue: a simpler core, soft targets,
write-through parameters, failure-safe training).  Every expected value is computed here independently."""
import re

import numpy as np
import pytest

from dlnotes.functions import cross_entropy_error, mean_squared_error, softmax
from dlnotes.gradient import numerical_gradient, relative_error
from dlnotes.layers import (Affine, BatchNormalization, Dropout, Relu, Sigmoid, Softmax,
                            SoftmaxWithLoss)
from dlnotes.network import MultiLayerNet
from dlnotes.optimizers import SGD, Adam
from dlnotes.trainer import Trainer, TrainingDiverged

rng = np.random.default_rng(13)   # restarted for each test from its id (tests/conftest.py)


# ---------------------------------------------------------------- soft targets (note 3.3.7)

def test_cross_entropy_takes_soft_target_rows():
    y = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    t = np.array([[0.5, 0.5, 0.0], [0.0, 0.25, 0.75]])
    by_hand = -(0.5 * np.log(0.7) + 0.5 * np.log(0.2) + 0.25 * np.log(0.3) + 0.75 * np.log(0.6)) / 2
    assert cross_entropy_error(y, t) == pytest.approx(by_hand, rel=1e-15)
    # one-hot rows and index labels give the same number as before
    assert cross_entropy_error(y, [0, 2]) == pytest.approx(-(np.log(0.7) + np.log(0.6)) / 2, rel=1e-15)
    assert cross_entropy_error(y, np.eye(3)[[0, 2]]) == cross_entropy_error(y, [0, 2])


def test_softmax_with_loss_soft_targets_value_and_gradient():
    x = rng.normal(size=(4, 5))
    T = rng.random((4, 5))
    T /= T.sum(axis=1, keepdims=True)
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, T)
    Y = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.sum(T * np.log(Y)) / 4, rel=1e-13)
    dx = layer.backward()
    np.testing.assert_allclose(dx, (Y - T) / 4, rtol=1e-12)             # the book's (Y - T) / B
    numeric = numerical_gradient(lambda _: SoftmaxWithLoss().forward(x, T), x)
    assert relative_error(dx, numeric) < 1e-7
    # argmax of soft rows would have been the old (wrong) reading: a different loss
    assert loss != pytest.approx(SoftmaxWithLoss().forward(x, T.argmax(axis=1)))


@pytest.mark.parametrize("t, msg", [
    (np.zeros((2, 3)), r"expected rows summing to 1, got 2 rows that do not \(row 0 sums to 0\)"),
    (np.array([[np.nan, 0.5, 0.5], [0, 0, 1.0]]), "expected finite values, got 1 NaN/inf"),
    (np.array([[-0.5, 1.5, 0.0], [0, 0, 1.0]]), r"expected probabilities in \[0, 1\], got values in \[-0.5, 1.5\]"),
    (np.array([[0.5, 0.6, 0.0], [0, 0, 1.0]]), r"expected rows summing to 1, got 1 rows that do not \(row 0 sums to 1.1\)"),
])
def test_bad_targets_are_refused(t, msg):
    y = np.full((2, 3), 1 / 3)
    with pytest.raises(ValueError, match=r"cross_entropy_error: argument 't' " + msg):
        cross_entropy_error(y, t)
    with pytest.raises(ValueError, match=r"SoftmaxWithLoss: argument 't' " + msg):
        SoftmaxWithLoss().forward(np.zeros((2, 3)), t)


@pytest.mark.parametrize("y, what", [
    (np.array([[1.0, 2.0, 3.0]]), r"probabilities in \[0, 1\], got values in \[1, 3\]"),   # scores
    (np.array([[-0.2, 0.6, 0.6]]), r"probabilities in \[0, 1\]"),
    (np.array([[0.2, 0.2, 0.2]]), "rows summing to 1"),
])
def test_cross_entropy_refuses_y_that_is_not_probabilities(y, what):
    with pytest.raises(ValueError, match=rf"cross_entropy_error: argument 'y' expected {what}.*apply softmax"):
        cross_entropy_error(y, [0])
    assert cross_entropy_error(softmax(np.array([[1.0, 2.0, 3.0]])), [2]) == pytest.approx(
        np.log(np.exp([1.0, 2.0, 3.0]).sum()) - 3.0, rel=1e-14)


@pytest.mark.parametrize("dout, err", [(np.ones(3), TypeError), ("1", TypeError), (np.nan, ValueError),
                                       (np.inf, ValueError), (True, TypeError)])
def test_softmax_with_loss_backward_takes_only_a_finite_scalar(dout, err):
    layer = SoftmaxWithLoss()
    layer.forward(np.zeros((3, 2)), [0, 1, 1])
    with pytest.raises(err, match="SoftmaxWithLoss: argument 'dout' expected"):
        layer.backward(dout)
    np.testing.assert_allclose(layer.backward(np.float32(2.0)), 2 * (0.5 - np.eye(2)[[0, 1, 1]]) / 3)


# ---------------------------------------------------------------- parameters stay in sync

def _scores_by_hand(net, x):
    h = np.maximum(x @ net.params["W1"] + net.params["b1"], 0)
    return h @ net.params["W2"] + net.params["b2"]


def test_assigning_a_parameter_writes_through_to_the_layers():
    net = MultiLayerNet(3, [4], 2, seed=0)
    x = rng.normal(size=(5, 3))
    new_W1 = rng.normal(size=(3, 4))
    net.params["W1"] = new_W1
    assert net.layers["Affine1"].W is net.params["W1"]
    np.testing.assert_array_equal(net.params["W1"], new_W1)
    np.testing.assert_allclose(net.predict(x), _scores_by_hand(net, x), rtol=1e-13)
    new_W1[0, 0] = 99.0                                   # the caller's array stays the caller's
    assert net.params["W1"][0, 0] != 99.0
    net.params.update({"b2": [1.0, -1.0]})
    np.testing.assert_array_equal(net.layers["Affine2"].b, [1.0, -1.0])
    SGD(lr=0.1).update(net.params, net.gradient(x, [0, 1, 0, 1, 1]))   # training moves the layers' arrays
    np.testing.assert_allclose(net.predict(x), _scores_by_hand(net, x), rtol=1e-13)


@pytest.mark.parametrize("action, err, msg", [
    (lambda p: p.__setitem__("W1", np.ones((4, 3))), ValueError,
     r"MultiLayerNet: argument 'params\['W1'\]' expected shape \(3, 4\), got \(4, 3\)"),
    (lambda p: p.__setitem__("W1", np.full((3, 4), np.nan)), ValueError, "expected finite values"),
    (lambda p: p.__setitem__("W3", np.ones(2)), KeyError, "no parameter 'W3'"),
    (lambda p: p.__delitem__("W1"), TypeError, "cannot be added or removed"),
    (lambda p: p.pop("b1"), TypeError, "cannot be added or removed"),
    (lambda p: p.clear(), TypeError, "cannot be added or removed"),
])
def test_bad_parameter_assignments_are_refused_and_change_nothing(action, err, msg):
    net = MultiLayerNet(3, [4], 2, seed=0)
    before = {k: v.copy() for k, v in net.params.items()}
    with pytest.raises(err, match=msg):
        action(net.params)
    assert list(net.params) == list(before)
    for k in before:
        np.testing.assert_array_equal(net.params[k], before[k])


def test_replacing_the_params_dict_is_refused():
    net = MultiLayerNet(3, [4], 2, seed=0)
    with pytest.raises(AttributeError, match="'params' cannot be replaced.*net.params\\['W1'\\] = array"):
        net.params = {}


# ---------------------------------------------------------------- numerical gradients restore

def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    calls = []

    def f(v):
        calls.append(v.copy())
        if len(calls) == 4:
            raise RuntimeError("boom")
        return float(np.sum(v ** 2))
    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    assert calls[3][1] != 2.0                             # it did fail while x[1] was perturbed


def test_numerical_gradient_refuses_float16():
    with pytest.raises(TypeError, match="float32 or float64.*got dtype float16"):
        numerical_gradient(lambda v: float(v.sum()), np.ones(3, np.float16))


def test_network_numerical_gradient_failure_leaves_parameters_and_running_stats():
    net = MultiLayerNet(3, [4], 2, use_batchnorm=True, seed=1)
    before = {k: v.copy() for k, v in net.params.items()}
    stats = net.layers["BatchNorm1"].running_mean.copy()
    x = rng.normal(size=(5, 3))
    with pytest.raises(ValueError, match=r"MultiLayerNet.loss: argument 't' expected labels in \[0, 2\)"):
        net.numerical_gradient(x, [0, 1, 2, 0, 1])
    for k in before:
        np.testing.assert_array_equal(net.params[k], before[k])
    np.testing.assert_array_equal(net.layers["BatchNorm1"].running_mean, stats)


# ---------------------------------------------------------------- training fails safe

class _Interrupting:
    """A network wrapper whose gradient raises KeyboardInterrupt on the given call (after a forward)."""

    def __init__(self, net, at):
        self.net, self.at, self.calls = net, at, 0
        self.params, self.layers = net.params, net.layers
        self.predict, self.loss, self.accuracy = net.predict, net.loss, net.accuracy

    def gradient(self, x, t):
        self.calls += 1
        grads = self.net.gradient(x, t)              # BN running averages have moved by now
        if self.calls == self.at:
            raise KeyboardInterrupt
        return grads


def _nth_call(n):
    """A function that says True on its n-th call (a closure: a rollback of the optimizer's
    attributes does not rewind it)."""
    calls = [0]

    def tick():
        calls[0] += 1
        return calls[0] == n
    return tick


class _HalfUpdate(SGD):
    """An optimizer that changes the first parameter and then is interrupted."""

    def __init__(self, at):
        super().__init__(lr=0.1)
        self.interrupt_now = _nth_call(at)

    def update(self, params, grads):
        if self.interrupt_now():
            first = next(iter(params))
            params[first] -= 1.0
            raise KeyboardInterrupt
        super().update(params, grads)


def _state(trainer):
    net = trainer.network
    return ({k: v.copy() for k, v in net.params.items()},
            {k: v.copy() for k, v in getattr(trainer.optimizer, "m", {}).items()},
            net.layers["BatchNorm1"].running_mean.copy(), list(trainer.history["loss"]))


def _assert_same(a, b):
    for d_a, d_b in zip(a[:2], b[:2]):
        assert list(d_a) == list(d_b)
        for k in d_a:
            np.testing.assert_array_equal(d_a[k], d_b[k], err_msg=k)
    np.testing.assert_array_equal(a[2], b[2])
    assert a[3] == b[3]


@pytest.mark.parametrize("where", ["gradient", "update"])
def test_an_interrupted_step_puts_everything_back(where):
    x, t = rng.normal(size=(12, 3)), np.arange(12) % 2
    net = MultiLayerNet(3, [4], 2, use_batchnorm=True, seed=2)
    if where == "gradient":
        trainer = Trainer(_Interrupting(net, at=3), x, t, mini_batch_size=4, optimizer="adam", quiet=True)
    else:
        trainer = Trainer(net, x, t, mini_batch_size=4, optimizer=_HalfUpdate(at=3), quiet=True)
    trainer.step(x[:4], t[:4])
    trainer.step(x[4:8], t[4:8])
    good = _state(trainer)
    with pytest.raises(KeyboardInterrupt):
        trainer.step(x[8:], t[8:])
    _assert_same(_state(trainer), good)
    if where == "gradient":
        assert trainer.optimizer.iter == 2
    trainer.step(x[8:], t[8:])                         # and training goes on from there
    assert len(trainer.history["loss"]) == 3


def test_a_bad_batch_given_to_step_changes_nothing():
    x, t = rng.normal(size=(8, 3)), np.arange(8) % 2
    trainer = Trainer(MultiLayerNet(3, [4], 2, use_batchnorm=True, seed=3), x, t, optimizer="adam", quiet=True)
    trainer.step(x[:4], t[:4])
    good = _state(trainer)
    with pytest.raises(ValueError, match=r"MultiLayerNet.gradient: argument 't' expected labels in \[0, 2\)"):
        trainer.step(x[4:], [0, 1, 5, 0])
    _assert_same(_state(trainer), good)


def test_runaway_training_with_a_finite_clipped_loss_stops():
    """lr = 1e4 on the digits-sized problem: the clipped loss stays finite, the weights explode."""
    x, t = rng.normal(size=(40, 6)), np.arange(40) % 3
    net = MultiLayerNet(6, [8], 3, seed=4)
    trainer = Trainer(net, x, t, epochs=50, mini_batch_size=10, optimizer="sgd",
                      optimizer_param={"lr": 1e4}, quiet=True)
    with pytest.raises(TrainingDiverged, match=r"exceeded 1e\+08 at epoch \d+, iteration \d+ with SGD\(lr=10000.0\)"):
        trainer.train()
    assert all(np.isfinite(trainer.history["loss"]))
    assert all(np.max(np.abs(p)) <= 1e8 for p in net.params.values())


# ---------------------------------------------------------------- empty batches

EMPTY = np.zeros((0, 3))


@pytest.mark.parametrize("call, owner", [
    (lambda: cross_entropy_error(EMPTY, np.zeros(0, int)), "cross_entropy_error: argument 'y'"),
    (lambda: mean_squared_error(EMPTY, np.zeros(0, int)), "mean_squared_error: argument 'y'"),
    (lambda: softmax(EMPTY), "softmax: argument 'x'"),
    (lambda: Affine(np.ones((3, 2)), np.zeros(2)).forward(EMPTY), "Affine: argument 'x'"),
    (lambda: Relu().forward(EMPTY), "Relu: argument 'x'"),
    (lambda: Sigmoid().forward(EMPTY), "Sigmoid: argument 'x'"),
    (lambda: Softmax().forward(EMPTY), "Softmax: argument 'x'"),
    (lambda: SoftmaxWithLoss().forward(EMPTY, np.zeros(0, int)), "SoftmaxWithLoss: argument 'x'"),
    (lambda: BatchNormalization(np.ones(3), np.zeros(3)).forward(EMPTY, False), "BatchNormalization: argument 'x'"),
    (lambda: Dropout().forward(EMPTY), "Dropout: argument 'x'"),
    (lambda: MultiLayerNet(3, [2], 2).predict(EMPTY), "MultiLayerNet.predict: argument 'x'"),
    (lambda: MultiLayerNet(3, [2], 2).loss(EMPTY, np.zeros(0, int)), "MultiLayerNet.loss: argument 'x'"),
    (lambda: MultiLayerNet(3, [2], 2).gradient(EMPTY, np.zeros(0, int)), "MultiLayerNet.gradient: argument 'x'"),
    (lambda: MultiLayerNet(3, [2], 2).accuracy(EMPTY, np.zeros(0, int)), "MultiLayerNet.predict: argument 'x'"),
    (lambda: Trainer(MultiLayerNet(3, [2], 2), EMPTY, np.zeros(0, int)), "Trainer: argument 'x_train'"),
    (lambda: Trainer(MultiLayerNet(3, [2], 2), np.ones((2, 3)), [0, 1], EMPTY, np.zeros(0, int)),
     "Trainer: argument 'x_test'"),
])
def test_an_empty_batch_is_refused_by_name(call, owner):
    with pytest.raises(ValueError, match=re.escape(owner) + " expected (a batch of )?at least one"):
        call()


# ---------------------------------------------------------------- batch normalization

def test_a_rejected_batchnorm_forward_leaves_the_layer_as_it_was():
    bn = BatchNormalization(np.ones(3), np.zeros(3))
    x = rng.normal(size=(6, 3))
    bn.forward(x)
    before = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in vars(bn).items()}
    for bad in (x[:1], rng.normal(size=(6, 4)), np.full((6, 3), np.nan)):
        with pytest.raises(ValueError, match="BatchNormalization: argument 'x'"):
            bn.forward(bad)
        for k, v in before.items():
            np.testing.assert_array_equal(getattr(bn, k), v, err_msg=k) if isinstance(v, np.ndarray) \
                else (k == "rng" or getattr(bn, k) == v)
    dx = bn.backward(np.ones((6, 3)))                 # backward still belongs to the good forward
    assert dx.shape == (6, 3) and np.allclose(dx, 0)  # a constant dout has zero gradient through BN


@pytest.mark.parametrize("eps, err", [(0, ValueError), (0.0, ValueError), (-1e-5, ValueError),
                                      (np.inf, ValueError), (np.nan, ValueError), ("1e-5", TypeError),
                                      (True, TypeError)])
def test_batchnorm_eps_must_be_finite_and_positive(eps, err):
    with pytest.raises(err, match="BatchNormalization: argument 'eps' expected"):
        BatchNormalization(np.ones(2), np.zeros(2), eps=eps)


def test_batchnorm_accepts_numpy_scalar_eps_and_uses_it():
    bn = BatchNormalization(np.ones(2), np.zeros(2), eps=np.float32(0.5))
    x = np.array([[0.0, 1.0], [2.0, 3.0]])                # each column: mean 1 or 2, variance 1
    np.testing.assert_allclose(bn.forward(x), [[-1 / np.sqrt(1.5)] * 2, [1 / np.sqrt(1.5)] * 2], rtol=1e-7)


def test_batchnorm_running_var_must_be_non_negative():
    with pytest.raises(ValueError, match=r"argument 'running_var' expected variances >= 0, got a minimum of -1"):
        BatchNormalization(np.ones(2), np.zeros(2), running_var=np.array([1.0, -1.0]))
    with pytest.raises(ValueError, match=r"argument 'running_mean' expected shape \(2\), got \(3,\)"):
        BatchNormalization(np.ones(2), np.zeros(2), running_mean=np.zeros(3))


# ---------------------------------------------------------------- arguments checked up front

@pytest.mark.parametrize("kwargs, err, msg", [
    (dict(x_test=np.ones((2, 3))), ValueError, "'x_test' and 't_test' expected both or neither, got x_test alone"),
    (dict(evaluate_sample_num_per_epoch=-5), ValueError, "'evaluate_sample_num_per_epoch' expected an integer >= 1"),
    (dict(quiet="no"), TypeError, "'quiet' expected True or False, got str 'no'"),
    (dict(seed=1.5), TypeError, "'seed' expected an integer"),
    (dict(mini_batch_size=0), ValueError, "'mini_batch_size' expected an integer >= 1"),
    (dict(optimizer=42), TypeError, "'name_or_obj' expected one of"),
    (dict(max_abs=0), ValueError, "'max_abs' expected a positive number"),
])
def test_trainer_checks_its_arguments_at_construction(kwargs, err, msg):
    with pytest.raises(err, match=re.escape(msg) if "(" not in msg else msg):
        Trainer(MultiLayerNet(3, [2], 2), np.ones((4, 3)), [0, 1, 0, 1], **kwargs)


@pytest.mark.parametrize("x, t, msg", [
    (np.ones((4, 5)), [0, 1, 0, 1], r"Trainer: argument 'x_train' does not fit the network: MultiLayerNet.predict"),
    (np.ones((4, 3)), [0, 1, 0, 2], r"Trainer: argument 't_train' expected labels in \[0, 2\), got values in \[0, 2\]"),
    (np.ones((4, 3)), [0, 1], "'x_train' has 4 rows but 't_train' has 2 labels"),
])
def test_trainer_data_must_fit_the_network(x, t, msg):
    with pytest.raises(ValueError, match=msg):
        Trainer(MultiLayerNet(3, [2], 2), x, t)


@pytest.mark.parametrize("flag", ["use_batchnorm", "use_dropout"])
def test_network_flags_given_as_strings_are_refused(flag):
    with pytest.raises(TypeError, match=f"MultiLayerNet: argument '{flag}' expected True or False, got str 'no'"):
        MultiLayerNet(3, [2], 2, **{flag: "no"})


def test_errors_name_the_method_the_caller_used():
    net = MultiLayerNet(3, [2], 2, seed=0)
    x = np.ones((2, 3))
    for method in ("loss", "gradient"):
        with pytest.raises(ValueError, match=rf"MultiLayerNet.{method}: argument 't' expected labels in"):
            getattr(net, method)(x, [0, 7])
    with pytest.raises(ValueError, match=r"MultiLayerNet.accuracy: argument 't' expected labels in"):
        net.accuracy(x, [0, 7])
    with pytest.raises(TypeError, match=r"MultiLayerNet.loss: argument 't' expected integer labels, got dtype <U1"):
        net.loss(x, np.array(["a", "b"]))
    with pytest.raises(TypeError, match=r"MultiLayerNet.predict: argument 'x' expected a float array, got dtype bool"):
        net.predict(np.ones((2, 3), bool))


# ---------------------------------------------------------------- Trainer is duck-typed

class TinySoftmaxRegression:
    """Only the book's network interface: params, predict, loss, accuracy, gradient."""

    def __init__(self, n_in, n_out, seed):
        r = np.random.default_rng(seed)
        self.params = {"W": 0.01 * r.normal(size=(n_in, n_out)), "b": np.zeros(n_out)}

    def predict(self, x):
        return x @ self.params["W"] + self.params["b"]

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)

    def accuracy(self, x, t):
        return float(np.mean(self.predict(x).argmax(axis=1) == t))

    def gradient(self, x, t):
        d = (softmax(self.predict(x)) - np.eye(self.params["b"].size)[t]) / len(x)
        return {"W": x.T @ d, "b": d.sum(axis=0)}


def test_trainer_trains_a_network_with_only_the_books_interface():
    r = np.random.default_rng(5)
    x = np.vstack([r.normal(-2, 1, (50, 2)), r.normal(2, 1, (50, 2))])
    t = np.repeat([0, 1], 50)
    net = TinySoftmaxRegression(2, 2, seed=0)
    hist = Trainer(net, x, t, x, t, epochs=5, mini_batch_size=20, optimizer=Adam(lr=0.1), quiet=True).train()
    assert len(hist["loss"]) == 25 and hist["loss"][0] == pytest.approx(np.log(2), abs=0.05)
    assert hist["loss"][-1] < 0.2 and hist["train_acc"][-1] >= 0.95
    # the recorded loss is the network's own loss on the batch, before the update
    fresh = TinySoftmaxRegression(2, 2, seed=0)
    assert Trainer(fresh, x, t, quiet=True).step(x[:20], t[:20]) == TinySoftmaxRegression(2, 2, 0).loss(x[:20], t[:20])
    assert fresh.loss(x[:20], t[:20]) < TinySoftmaxRegression(2, 2, 0).loss(x[:20], t[:20])


# ---------------------------------------------------------------- checked once

def test_a_network_checks_x_once_and_its_layers_trust_what_they_compute():
    net = MultiLayerNet(3, [4], 2, use_batchnorm=True, seed=6)
    assert all(not layer.check_inputs for layer in (*net.layers.values(), net.last_layer))
    assert Affine(np.ones((3, 2)), np.zeros(2)).check_inputs            # a layer on its own checks
    with pytest.raises(ValueError, match="MultiLayerNet.predict: argument 'x' expected finite values"):
        net.predict(np.array([[1.0, np.nan, 0.0]]))
    x = rng.normal(size=(5, 3))
    net.gradient(x, [0, 1, 0, 1, 1])
    assert net.layers["Affine1"].needs_dx is False                        # the data need no gradient
    assert net.layers["Affine1"].backward(np.ones((5, 4))) is None
    # the same numbers as a chain of standalone, checking layers
    chain = [Affine(net.params["W1"], net.params["b1"]),
             BatchNormalization(net.params["gamma1"], net.params["beta1"],
                                running_mean=net.layers["BatchNorm1"].running_mean,
                                running_var=net.layers["BatchNorm1"].running_var), Relu(),
             Affine(net.params["W2"], net.params["b2"])]
    h = x
    for layer in chain:
        h = layer.forward(h, False) if isinstance(layer, BatchNormalization) else layer.forward(h)
    np.testing.assert_array_equal(net.predict(x), h)
