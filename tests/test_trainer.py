"""Trainer: the digits MLP reaches >= 0.95 test accuracy; history, determinism, NaN stop, errors."""
import re

import numpy as np
import pytest

from dlnotes.datasets import load_digits
from dlnotes.network import MultiLayerNet
from dlnotes.optimizers import SGD
from dlnotes.trainer import Trainer, TrainingDiverged


@pytest.fixture(scope="module")
def digits():
    return load_digits(seed=0)


def test_digits_mlp_reaches_95_percent(digits):
    (x_train, t_train), (x_test, t_test) = digits
    net = MultiLayerNet(64, [100], 10, seed=0)
    trainer = Trainer(net, x_train, t_train, x_test, t_test, epochs=30, mini_batch_size=50,
                      optimizer="adam", optimizer_param={"lr": 0.01}, quiet=True)
    hist = trainer.train()
    assert len(hist["loss"]) == 30 * (len(x_train) // 50)
    assert len(hist["test_acc"]) == 31                       # before training + each epoch
    assert hist["test_acc"][0] < 0.3                          # untrained: near chance
    assert hist["test_acc"][-1] >= 0.95
    assert hist["test_acc"][-1] == net.accuracy(x_test, t_test)
    assert np.mean(hist["loss"][-20:]) < np.mean(hist["loss"][:20]) / 5


def test_training_is_deterministic(digits):
    (x_train, t_train), _ = digits
    runs = []
    for _ in range(2):
        net = MultiLayerNet(64, [20], 10, seed=1)
        Trainer(net, x_train, t_train, epochs=2, optimizer="sgd", quiet=True, seed=5).train()
        runs.append(net.params["W1"].copy())
    np.testing.assert_array_equal(*runs)


def test_loss_history_matches_a_manual_loop(digits):
    (x_train, t_train), _ = digits
    x, t = x_train[:40], t_train[:40]
    net_a, net_b = MultiLayerNet(64, [8], 10, seed=2), MultiLayerNet(64, [8], 10, seed=2)
    hist = Trainer(net_a, x, t, epochs=1, mini_batch_size=40, optimizer=SGD(lr=0.1), quiet=True).train()
    before = net_b.loss(x, t, train_flg=True)
    grads = net_b.gradient(x, t)
    SGD(lr=0.1).update(net_b.params, grads)
    # one batch per epoch: the batch is a permutation of the data, so the loss is the same mean
    assert hist["loss"][0] == pytest.approx(before, rel=1e-12)
    np.testing.assert_allclose(net_a.params["W1"], net_b.params["W1"], rtol=1e-10)


def test_diverging_training_stops_with_message(digits):
    (x_train, t_train), _ = digits
    # softmax is max-shifted and the loss clipped, so the loss itself stays finite: the first
    # symptom of a huge learning rate is an activation overflowing to inf inside the network
    net = MultiLayerNet(64, [50], 10, seed=0)
    trainer = Trainer(net, x_train, t_train, epochs=5, optimizer="sgd",
                      optimizer_param={"lr": 1e306}, quiet=True)
    before = {k: p.copy() for k, p in net.params.items()}
    with pytest.raises(TrainingDiverged, match=r"the parameters \['W1', 'b1', 'W2', 'b2'\] became NaN/inf "
                                                r"or exceeded 1e\+08 at epoch 1, iteration 0 with SGD\(lr=1e\+306\)"):
        trainer.train()
    assert trainer.history["loss"] == []                      # back at the last good step: the start
    for k in before:
        np.testing.assert_array_equal(net.params[k], before[k])


def test_trainer_errors(digits):
    (x_train, t_train), _ = digits
    net = MultiLayerNet(64, [8], 10, seed=0)
    with pytest.raises(ValueError, match="'x_train' has 1438 rows but 't_train' has 10"):
        Trainer(net, x_train, t_train[:10])
    with pytest.raises(ValueError, match="adamw"):
        Trainer(net, x_train, t_train, optimizer="adamw")
    with pytest.raises(ValueError, match="argument 'lr' expected a positive number"):
        Trainer(net, x_train, t_train, optimizer="sgd", optimizer_param={"lr": 0})
    with pytest.raises(ValueError, match="Trainer: argument 'epochs' expected an integer >= 1, got 0"):
        Trainer(net, x_train, t_train, epochs=0)


class _FakeNet:
    """A stand-in network whose gradient is whatever the test says (Trainer only duck-types it)."""

    def __init__(self, grad):
        self.params = {"w": np.array([1.0, 2.0])}
        self.grad = np.asarray(grad, dtype=float)

    def predict(self, x, train_flg=False):
        return np.zeros((len(x), 2))

    def loss(self, x, t):
        return 0.5

    def gradient(self, x, t):
        return {"w": self.grad.copy()}

    def accuracy(self, x, t):
        return 0.0


def test_nan_gradient_stops_before_the_parameters_change():
    net = _FakeNet([0.1, np.nan])
    trainer = Trainer(net, np.zeros((4, 2)), np.zeros(4, int), epochs=1, mini_batch_size=2, quiet=True)
    with pytest.raises(TrainingDiverged, match=r"the gradient of \['w'\] became NaN/inf or exceeded 1e\+08 at epoch 1, iteration 0"):
        trainer.train()
    assert net.params["w"].tolist() == [1.0, 2.0] and trainer.history["loss"] == []


@pytest.mark.parametrize("grad,lr,what", [([-1e7, 0.0], 1e302, "parameters"),       # overflows to inf
                                          ([-1e7, 0.0], 100.0, "parameters"),        # finite but 1e9
                                          ([3e8, 0.0], 1e-9, "gradient of")])        # a huge gradient
def test_runaway_parameters_or_gradients_stop_training_and_restore(grad, lr, what):
    net = _FakeNet([0.1 / lr, 0.0])                            # a good first step of 0.1
    trainer = Trainer(net, np.zeros((4, 2)), np.zeros(4, int), epochs=1, mini_batch_size=2, quiet=True,
                      optimizer="momentum", optimizer_param={"lr": lr})
    trainer.step(np.zeros((2, 2)), np.zeros(2, int))           # one good step: w moves, v is set
    good_w, good_v = net.params["w"].copy(), trainer.optimizer.v["w"].copy()
    net.grad = np.asarray(grad)
    with pytest.raises(TrainingDiverged, match=rf"the {what} \['w'\] became NaN/inf or exceeded 1e\+08 .*"
                                                rf"lr={re.escape(repr(lr))}.*back at the last good step, 1 losses"):
        trainer.step(np.zeros((2, 2)), np.zeros(2, int), epoch=1)
    np.testing.assert_array_equal(net.params["w"], good_w)
    np.testing.assert_array_equal(trainer.optimizer.v["w"], good_v)
    assert trainer.history["loss"] == [0.5]
