"""Mini-batch training loop (note 3.2, SGD; 4.1, optimizers) with a progress bar and history."""
import numpy as np

from ._checks import NonFiniteError, check_int
from .network import MultiLayerNet
from .optimizers import FlatParams, get_optimizer

__all__ = ["Trainer", "TrainingDiverged"]


class TrainingDiverged(FloatingPointError):
    """The loss became NaN or infinite; ``Trainer.history`` keeps what was recorded before."""


class Trainer:
    """Train ``network`` on shuffled mini-batches for ``epochs`` epochs.

    ``optimizer`` is a name ('sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop',
    'adam') or an optimizer object; ``optimizer_param`` goes to its constructor.
    ``history`` holds ``loss`` per iteration and ``train_acc``/``test_acc`` per
    epoch (the accuracy before training is entry 0).  ``quiet=True`` hides the bar.
    """

    def __init__(self, network, x_train, t_train, x_test=None, t_test=None, epochs=20,
                 mini_batch_size=100, optimizer="sgd", optimizer_param=None, seed=0,
                 evaluate_sample_num_per_epoch=None, quiet=False):
        self.network = network
        self.x_train, self.t_train = x_train, t_train
        self.x_test, self.t_test = x_test, t_test
        if len(x_train) != len(t_train):
            raise ValueError(f"Trainer: 'x_train' has {len(x_train)} rows but 't_train' has {len(t_train)}")
        self.epochs = check_int(epochs, "epochs", "Trainer", minimum=1)
        self.batch_size = check_int(mini_batch_size, "mini_batch_size", "Trainer", minimum=1)
        self.optimizer = get_optimizer(optimizer, **(optimizer_param or {}))
        self.rng = np.random.default_rng(seed)
        self.eval_n = evaluate_sample_num_per_epoch
        self.quiet = quiet
        self.history = {"loss": [], "train_acc": [], "test_acc": []}
        self._grads = None           # the gradient buffer reused by every step

    def _evaluate(self):
        n = self.eval_n or len(self.x_train)
        self.history["train_acc"].append(self.network.accuracy(self.x_train[:n], self.t_train[:n]))
        if self.x_test is not None:
            m = self.eval_n or len(self.x_test)
            self.history["test_acc"].append(self.network.accuracy(self.x_test[:m], self.t_test[:m]))

    def train(self):
        """Run all epochs; returns ``history``. Raises ``TrainingDiverged`` on a NaN/inf loss."""
        from tqdm.auto import tqdm
        n = len(self.x_train)
        per_epoch = max(n // self.batch_size, 1)
        self._evaluate()
        bar = tqdm(total=self.epochs * per_epoch, disable=self.quiet, unit="step", leave=False)
        try:
            for epoch in range(1, self.epochs + 1):
                order = self.rng.permutation(n)
                for it in range(per_epoch):
                    idx = order[it * self.batch_size:(it + 1) * self.batch_size]
                    self.step(self.x_train[idx], self.t_train[idx], epoch, it)
                    bar.update(1)
                self._evaluate()
                bar.set_postfix(epoch=epoch, loss=f"{self.history['loss'][-1]:.4f}",
                                train_acc=f"{self.history['train_acc'][-1]:.3f}")
        finally:
            bar.close()
        return self.history

    def step(self, x, t, epoch=0, iteration=0):
        """One optimizer update on the batch (x, t); returns the loss before the update.

        Raises ``TrainingDiverged`` when the loss, a gradient or an updated
        parameter is NaN/inf (with a finite-clipped cross-entropy, overflowing
        parameters are usually the first sign of a too-large learning rate).
        """
        net = self.network
        with np.errstate(over="ignore", invalid="ignore"):
            try:
                if isinstance(net, MultiLayerNet):      # overwrite the last step's gradient buffer
                    grads = self._grads = net.gradient(x, t, out=self._grads)
                else:
                    grads = net.gradient(x, t)
            except NonFiniteError as err:          # an activation overflowed inside the network
                self._stop_if(False, f"a forward/backward pass overflowed ({err})", epoch, iteration)
            loss = float(net.last_loss)
            self._stop_if(np.isfinite(loss), f"the loss became {loss}", epoch, iteration)
            try:
                self.optimizer.update(net.params, grads)   # checks every gradient before any change
            except NonFiniteError:
                self._stop_if(False, f"the gradient of {_nonfinite(grads)} became NaN/inf", epoch, iteration)
            self.history["loss"].append(loss)
        self._stop_if(not _nonfinite(net.params), f"the parameters {_nonfinite(net.params)} overflowed to NaN/inf",
                      epoch, iteration)
        return loss

    def _stop_if(self, ok, what, epoch, iteration):
        if not ok:
            raise TrainingDiverged(
                f"Trainer: {what} at epoch {epoch}, iteration {iteration} with {self.optimizer!r}; "
                f"lower the learning rate (history keeps {len(self.history['loss'])} finite losses)")


def _nonfinite(arrays):
    """Names of the arrays in a dict that contain NaN or inf (one scan for an intact FlatParams)."""
    if isinstance(arrays, FlatParams) and arrays.intact() and np.isfinite(arrays.flat).all():
        return []
    return [k for k, a in arrays.items() if not np.all(np.isfinite(a))]
