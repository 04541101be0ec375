"""Trainer: the digits MLP reaches >= 0.95 test accuracy; history, determinism, NaN stop, errors."""
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
    with pytest.raises(TrainingDiverged, match=r"overflowed \(SoftmaxWithLoss: argument 'x' expected finite values.*\) at epoch 1, iteration \d+ with SGD"):
        trainer.train()
    assert all(np.isfinite(trainer.history["loss"]))


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
        self.last_loss = None

    def gradient(self, x, t):
        self.last_loss = 0.5
        return {"w": self.grad.copy()}

    def accuracy(self, x, t):
        return 0.0


def test_nan_gradient_stops_before_the_parameters_change():
    net = _FakeNet([0.1, np.nan])
    trainer = Trainer(net, np.zeros((4, 2)), np.zeros(4, int), epochs=1, mini_batch_size=2, quiet=True)
    with pytest.raises(TrainingDiverged, match=r"the gradient of \['w'\] became NaN/inf at epoch 1, iteration 0"):
        trainer.train()
    assert net.params["w"].tolist() == [1.0, 2.0] and trainer.history["loss"] == []


def test_overflowing_parameters_stop_training():
    net = _FakeNet([-1e308, 0.0])
    trainer = Trainer(net, np.zeros((4, 2)), np.zeros(4, int), epochs=1, mini_batch_size=2, quiet=True,
                      optimizer="sgd", optimizer_param={"lr": 10.0})
    with pytest.raises(TrainingDiverged, match=r"the parameters \['w'\] overflowed to NaN/inf at epoch 1, "
                                                r"iteration 0 .*history keeps 1 finite losses"):
        trainer.train()


def test_trainer_reuses_one_gradient_buffer_with_the_same_numbers(digits):
    (x_train, t_train), _ = digits
    x, t = x_train[:60], t_train[:60]
    net_a, net_b = MultiLayerNet(64, [8], 10, use_batchnorm=True, seed=4), \
        MultiLayerNet(64, [8], 10, use_batchnorm=True, seed=4)
    trainer = Trainer(net_a, x, t, mini_batch_size=20, optimizer="adam", quiet=True)
    from dlnotes.optimizers import Adam
    opt = Adam()
    for it in range(3):
        trainer.step(x[it * 20:(it + 1) * 20], t[it * 20:(it + 1) * 20])
        buffer = trainer._grads.flat if it == 0 else buffer
        assert trainer._grads.flat is buffer                   # the same memory every step
        opt.update(net_b.params, net_b.gradient(x[it * 20:(it + 1) * 20], t[it * 20:(it + 1) * 20]))
    for k in net_a.params:
        np.testing.assert_array_equal(net_a.params[k], net_b.params[k], err_msg=k)
