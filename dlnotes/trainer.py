"""Mini-batch training loop (note 3.2, SGD; 4.1, optimizers) with a progress bar and history.

Like the book's ``common/trainer.py``, it is duck-typed: any network with
``params``, ``gradient(x, t)``, ``loss(x, t)``, ``accuracy(x, t)`` and
``predict(x)`` trains, the book's own networks too.  A step that fails leaves
nothing half done: parameters, optimizer state, batch-norm running averages
and history are put back as they were before it.
"""
import copy

import numpy as np

from ._checks import (NonFiniteError, as_float_array, check_batch, check_bool, check_int,
                      check_positive, labels_to_indices)
from .optimizers import get_optimizer

__all__ = ["Trainer", "TrainingDiverged"]

_NETWORK_INTERFACE = ("params", "gradient", "loss", "accuracy", "predict")


class TrainingDiverged(FloatingPointError):
    """Raised when training runs away: NaN/inf or a huge loss, gradients or parameters.

    The network and optimizer are left as they were after the last good step.  The usual
    cause is a learning rate too large, the overshooting that note 3.2 warns about."""


class Trainer:
    """Train ``network`` on shuffled mini-batches for ``epochs`` epochs (notes 3.2, 4.1).

    Each step takes the gradient of one mini-batch and lets the optimizer update the
    parameters: SGD as in note 3.2, or one of the optimizers of note 4.1.

    ``optimizer`` is a name ('sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop',
    'adam') or an optimizer object; ``optimizer_param`` goes to its constructor.
    ``history`` holds ``loss`` per iteration (the batch loss before the update)
    and ``train_acc``/``test_acc`` per epoch (entry 0 is before training).
    A gradient or parameter entry beyond ``max_abs`` in size counts as runaway
    training.  ``quiet=True`` hides the progress bar.
    """

    def __init__(self, network, x_train, t_train, x_test=None, t_test=None, epochs=20,
                 mini_batch_size=100, optimizer="sgd", optimizer_param=None, seed=0,
                 evaluate_sample_num_per_epoch=None, quiet=False, max_abs=1e8):
        missing = [a for a in _NETWORK_INTERFACE if not hasattr(network, a)]
        if missing:
            raise TypeError(f"Trainer: argument 'network' expected the book's network interface "
                            f"{list(_NETWORK_INTERFACE)}, got a {type(network).__name__} without {missing}")
        self.network = network
        if (x_test is None) != (t_test is None):
            raise ValueError("Trainer: arguments 'x_test' and 't_test' expected both or neither, "
                             f"got {'x_test' if t_test is None else 't_test'} alone")
        self.x_train = self._rows(x_train, "x_train")
        outputs = self._output_size(network, self.x_train)
        self.t_train = self._labels(t_train, self.x_train, outputs, "x_train", "t_train")
        self.x_test, self.t_test = None, None
        if x_test is not None:
            self.x_test = self._rows(x_test, "x_test")
            self.t_test = self._labels(t_test, self.x_test, outputs, "x_test", "t_test")
        self.epochs = check_int(epochs, "epochs", "Trainer", minimum=1)
        self.batch_size = check_int(mini_batch_size, "mini_batch_size", "Trainer", minimum=1)
        self.optimizer = get_optimizer(optimizer, **(optimizer_param or {}))
        if seed is not None:
            check_int(seed, "seed", "Trainer")
        self.rng = np.random.default_rng(seed)
        self.eval_n = (None if evaluate_sample_num_per_epoch is None else
                       check_int(evaluate_sample_num_per_epoch, "evaluate_sample_num_per_epoch",
                                 "Trainer", minimum=1))
        self.quiet = check_bool(quiet, "quiet", "Trainer")
        self.max_abs = check_positive(max_abs, "max_abs", "Trainer")
        self.history = {"loss": [], "train_acc": [], "test_acc": []}

    @staticmethod
    def _rows(x, name):
        return check_batch(as_float_array(x, name, "Trainer"), name, "Trainer")

    @staticmethod
    def _output_size(network, x):
        """The number of classes, from the network's scores for the first (checked) example."""
        try:
            return network.predict(x[:1]).shape[-1]
        except (ValueError, TypeError) as err:
            raise ValueError(f"Trainer: argument 'x_train' does not fit the network: {err}") from err

    @staticmethod
    def _labels(t, x, outputs, x_name, t_name):
        if np.ndim(t) == 0 or len(t) != len(x):
            raise ValueError(f"Trainer: '{x_name}' has {len(x)} rows but '{t_name}' has "
                             f"{np.size(t) if np.ndim(t) else 'no'} labels")
        labels_to_indices(t, outputs, len(x), "Trainer", t_name)     # raises on a bad label
        return np.asarray(t)

    def _evaluate(self):
        n = self.eval_n or len(self.x_train)
        train_acc = self.network.accuracy(self.x_train[:n], self.t_train[:n])
        if self.x_test is not None:
            m = self.eval_n or len(self.x_test)
            self.history["test_acc"].append(self.network.accuracy(self.x_test[:m], self.t_test[:m]))
        self.history["train_acc"].append(train_acc)

    def train(self):
        """Run all epochs; returns ``history``. Raises ``TrainingDiverged`` when training runs away."""
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

        If anything goes wrong inside (a bad batch, ``TrainingDiverged``, a
        ``KeyboardInterrupt``), the state is put back as it was and the error is raised.
        """
        saved = self._save()
        try:
            return self._step(x, t, epoch, iteration)
        except BaseException:
            self._restore(saved)
            raise

    def _step(self, x, t, epoch, iteration):
        net = self.network
        with np.errstate(over="ignore", invalid="ignore"):
            try:
                grads = net.gradient(x, t)
            except NonFiniteError as err:          # an activation overflowed inside the network
                raise self._diverged(f"a forward/backward pass overflowed ({err})", epoch, iteration)
            loss = getattr(net, "last_loss", None)  # MultiLayerNet keeps the loss of its gradient pass
            loss = float(net.loss(x, t) if loss is None else loss)
            if not abs(loss) <= self.max_abs:
                raise self._diverged(f"the loss became {loss}", epoch, iteration)
            self._stop_on_runaway("gradient of", grads, epoch, iteration)
            self.optimizer.update(net.params, grads)
            self._stop_on_runaway("parameters", net.params, epoch, iteration)
        self.history["loss"].append(loss)
        return loss

    def _stop_on_runaway(self, what, arrays, epoch, iteration):
        """Raise TrainingDiverged if an array holds NaN, inf or an entry beyond ``max_abs`` in size."""
        bad = [k for k, a in arrays.items()            # a NaN fails both comparisons
               if np.size(a) and not (a.max() <= self.max_abs and a.min() >= -self.max_abs)]
        if bad:
            raise self._diverged(f"the {what} {bad} became NaN/inf or exceeded {self.max_abs:g}",
                                 epoch, iteration)

    def _diverged(self, what, epoch, iteration):
        return TrainingDiverged(
            f"Trainer: {what} at epoch {epoch}, iteration {iteration} with {self.optimizer!r}; "
            f"lower the learning rate (parameters and history are back at the last good step, "
            f"{len(self.history['loss'])} losses)")

    def _save(self):
        """What a step changes: parameters, optimizer state, running averages, loss count."""
        layers = getattr(self.network, "layers", {})
        layers = layers.values() if isinstance(layers, dict) else layers
        stats = [(layer, copy.copy(layer.running_mean), copy.copy(layer.running_var))
                 for layer in layers if hasattr(layer, "running_mean")]
        return ({k: np.copy(p) for k, p in self.network.params.items()},
                _copy_state(vars(self.optimizer)), stats, len(self.history["loss"]))

    def _restore(self, saved):
        params, optimizer_state, stats, n_losses = saved
        for k, p in params.items():
            np.copyto(self.network.params[k], p)
        vars(self.optimizer).clear()
        vars(self.optimizer).update(optimizer_state)
        for layer, mean, var in stats:
            layer.running_mean, layer.running_var = mean, var
        del self.history["loss"][n_losses:]


def _copy_state(value):
    """A copy of an optimizer's attributes: dicts and arrays copied, the rest deep-copied."""
    if isinstance(value, dict):
        return {k: _copy_state(v) for k, v in value.items()}
    return value.copy() if isinstance(value, np.ndarray) else copy.deepcopy(value)
