"""A fully connected network built from dlnotes layers (all of note chapter 3, plus 4.2.1).

Mirrors the book's ``common/multi_layer_net_extend.py``: parameters ``W1, b1,
gamma1, beta1, ...`` in ``params``, layers in order in ``layers``, and a
``SoftmaxWithLoss`` as ``last_layer``.
"""
from collections import OrderedDict

import numpy as np

from ._checks import (as_float_array, as_targets, check_batch, check_bool, check_choice,
                      check_fraction, check_int, check_positive, check_shape, labels_to_indices)
from .gradient import numerical_gradient as _numerical_gradient
from .layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss

__all__ = ["MultiLayerNet", "Params"]


class Params(dict):
    """The network's parameters by name, a dict whose arrays the layers use themselves.

    The weights and biases of each Affine layer (note 2.4) and the gamma and beta of each
    batch normalization (note 4.2.1), under the book's names ``W1, b1, gamma1, beta1, ...``.

    Assigning ``params['W1'] = A`` copies A into the array the layers hold
    (write-through), after checking its shape and values, so the network never
    trains or predicts with a stale copy.  New names and deleting are refused.
    """

    def __setitem__(self, key, value):
        if key not in self:
            raise KeyError(f"MultiLayerNet.params: no parameter {key!r}; the names are {list(self)}")
        current = self[key]
        if value is current:                   # p -= step on the array itself (an optimizer)
            return
        name = f"params['{key}']"
        value = as_float_array(value, name, "MultiLayerNet")
        check_shape(value, current.shape, name, "MultiLayerNet")
        current[...] = value

    def _refuse(self, *args, **kwargs):
        raise TypeError("MultiLayerNet.params: parameters cannot be added or removed "
                        "(assign params[name] = array to change one)")

    __delitem__ = pop = popitem = clear = setdefault = _refuse

    def update(self, other=(), **kwargs):
        for key, value in dict(other, **kwargs).items():
            self[key] = value

    def __reduce__(self):                      # copy/deepcopy: a Params over the copied arrays
        return (Params, (dict(self),))


_ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid}
_INIT_SCALES = {"relu": 2.0, "he": 2.0, "sigmoid": 1.0, "xavier": 1.0}   # std = sqrt(scale / n_in)


class MultiLayerNet:
    """A fully connected network of any depth, trained by backprop (notes 2.3-3.3, 4.2.1).

    The layers: input -> [Affine -> (BatchNorm) -> activation -> (Dropout)] x L -> Affine ->
    softmax with cross-entropy (note 3.3.7).  Batch normalization is note 4.2.1; dropout,
    the weight initialisations and weight decay are the book's (6.4.3, 6.2, 6.4.2), not in
    the notes.

    ``weight_init_std`` is 'relu'/'he' (sqrt(2/n)), 'sigmoid'/'xavier' (sqrt(1/n)) or a number.
    ``weight_decay_lambda`` adds lambda/2 * sum(W**2) over all weight matrices to the loss.
    """

    def __init__(self, input_size, hidden_size_list, output_size, activation="relu",
                 weight_init_std="relu", weight_decay_lambda=0, use_batchnorm=False,
                 use_dropout=False, dropout_ratio=0.5, seed=None, dtype=np.float64):
        owner = "MultiLayerNet"
        self.input_size = check_int(input_size, "input_size", owner, minimum=1)
        self.output_size = check_int(output_size, "output_size", owner, minimum=2)
        if isinstance(hidden_size_list, (int, np.integer)) or not hasattr(hidden_size_list, "__iter__"):
            raise TypeError(f"{owner}: argument 'hidden_size_list' expected a list of integers, "
                            f"got {type(hidden_size_list).__name__}")
        self.hidden_size_list = [check_int(h, "hidden_size_list", owner, minimum=1)
                                 for h in hidden_size_list]
        self.activation = check_choice(activation, "activation", _ACTIVATIONS, owner)
        self.weight_decay_lambda = check_positive(weight_decay_lambda, "weight_decay_lambda", owner,
                                                  allow_zero=True)
        self.use_batchnorm = check_bool(use_batchnorm, "use_batchnorm", owner)
        self.use_dropout = check_bool(use_dropout, "use_dropout", owner)
        self.dropout_ratio = check_fraction(dropout_ratio, "dropout_ratio", owner)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"{owner}: argument 'dtype' expected float32 or float64, got {self.dtype}")
        self.rng = np.random.default_rng(seed)
        self.last_loss = None
        params = {}
        self._init_weight(params, weight_init_std)
        self._params = Params(params)
        self._build_layers()

    @property
    def params(self):
        """The parameters by name (``W1, b1, gamma1, beta1, ...``): see :class:`Params`."""
        return self._params

    @params.setter
    def params(self, value):
        raise AttributeError("MultiLayerNet: 'params' cannot be replaced (the layers hold its "
                             "arrays); assign entries instead: net.params['W1'] = array")

    @property
    def hidden_layer_num(self):
        return len(self.hidden_size_list)

    def _init_weight(self, params, weight_init_std):
        sizes = [self.input_size] + self.hidden_size_list + [self.output_size]
        for i in range(1, len(sizes)):
            n_in = sizes[i - 1]
            if isinstance(weight_init_std, str):
                key = check_choice(weight_init_std, "weight_init_std", _INIT_SCALES, "MultiLayerNet")
                scale = np.sqrt(_INIT_SCALES[key] / n_in)
            else:
                scale = check_positive(weight_init_std, "weight_init_std", "MultiLayerNet")
            W = scale * self.rng.standard_normal((n_in, sizes[i]))
            params[f"W{i}"] = W.astype(self.dtype)
            params[f"b{i}"] = np.zeros(sizes[i], self.dtype)
            if self.use_batchnorm and i < len(sizes) - 1:
                params[f"gamma{i}"] = np.ones(sizes[i], self.dtype)
                params[f"beta{i}"] = np.zeros(sizes[i], self.dtype)

    def _build_layers(self):
        self.layers = OrderedDict()
        n = self.hidden_layer_num + 1
        for i in range(1, n + 1):
            self.layers[f"Affine{i}"] = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            if i == n:
                break
            if self.use_batchnorm:
                self.layers[f"BatchNorm{i}"] = BatchNormalization(self.params[f"gamma{i}"],
                                                                  self.params[f"beta{i}"])
            self.layers[f"Activation_function{i}"] = _ACTIVATIONS[self.activation]()
            if self.use_dropout:
                self.layers[f"Dropout{i}"] = Dropout(self.dropout_ratio,
                                                     seed=int(self.rng.integers(2**31)))
        self.layers["Affine1"].needs_dx = False    # the data need no gradient: one matmul saved
        self.last_layer = SoftmaxWithLoss()
        for layer in (*self.layers.values(), self.last_layer):
            layer.check_inputs = False             # x and t are checked once, in _input

    def _input(self, x, t, method):
        """Check the caller's ``x`` (and ``t``) here, so errors name this network's method."""
        owner = f"MultiLayerNet.{method}"
        x = check_batch(as_float_array(x, "x", owner, ndim=2), "x", owner)
        if x.shape[1] != self.input_size:
            raise ValueError(f"{owner}: argument 'x' expected shape (batch, {self.input_size}), "
                             f"got {x.shape}")
        if t is not None:
            t = as_targets(t, len(x), self.output_size, owner, dtype=self.dtype)
        return x.astype(self.dtype, copy=False), t

    def _run_layers(self, x, train_flg):
        for layer in self.layers.values():
            if isinstance(layer, (BatchNormalization, Dropout)):
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)
        return x

    def predict(self, x, train_flg=False):
        """Scores (before softmax), shape (batch, output_size)."""
        return self._run_layers(self._input(x, None, "predict")[0], train_flg)

    def _weight_decay(self):
        if not self.weight_decay_lambda:
            return 0.0
        squares = sum(float(np.sum(self.params[f"W{i}"] ** 2)) for i in range(1, self.hidden_layer_num + 2))
        return 0.5 * self.weight_decay_lambda * squares

    def loss(self, x, t, train_flg=False):
        """Mean cross-entropy of the batch plus the weight-decay term."""
        return self._loss(x, t, train_flg, "loss")

    def _loss(self, x, t, train_flg, method):
        x, T = self._input(x, t, method)
        return self.last_layer.forward(self._run_layers(x, train_flg), T) + self._weight_decay()

    def accuracy(self, x, t):
        """Fraction of rows whose highest score is the label (t indices or probability rows)."""
        y = self.predict(x, train_flg=False)
        idx = labels_to_indices(t, self.output_size, y.shape[0], "MultiLayerNet.accuracy")
        return float(np.mean(y.argmax(axis=1) == idx))

    def gradient(self, x, t):
        """Gradients of ``loss(x, t, train_flg=True)`` for every parameter, by backpropagation.

        The loss of this forward pass is kept in ``last_loss``.
        """
        self.last_loss = self._loss(x, t, True, "gradient")
        dout = self.last_layer.backward(1.0)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        grads = {}
        for i in range(1, self.hidden_layer_num + 2):
            affine = self.layers[f"Affine{i}"]
            grads[f"W{i}"] = affine.dW
            if self.weight_decay_lambda:           # d/dW of lambda/2 sum(W**2) is lambda W
                grads[f"W{i}"] = affine.dW + self.weight_decay_lambda * affine.W
            grads[f"b{i}"] = affine.db
            if self.use_batchnorm and i <= self.hidden_layer_num:
                grads[f"gamma{i}"] = self.layers[f"BatchNorm{i}"].dgamma
                grads[f"beta{i}"] = self.layers[f"BatchNorm{i}"].dbeta
        return grads

    def numerical_gradient(self, x, t, h=1e-4):
        """Central-difference gradients of ``loss(x, t, train_flg=True)`` (slow; for checks).

        Dropout masks should be frozen with ``Dropout.fix_mask`` first; the
        batch-norm running averages are restored afterwards, and one last forward
        pass leaves the layers' caches as for the unperturbed parameters.
        """
        saved = {k: (l.running_mean, l.running_var)
                 for k, l in self.layers.items() if isinstance(l, BatchNormalization)}
        try:                                   # numerical_gradient restores each parameter itself
            grads = {k: _numerical_gradient(lambda _: self.loss(x, t, train_flg=True), p, h=h)
                     for k, p in self.params.items()}
            self.loss(x, t, train_flg=True)
        finally:
            for k, (mean, var) in saved.items():
                self.layers[k].running_mean, self.layers[k].running_var = mean, var
        return grads

    def freeze_dropout(self, x):
        """Run one training forward pass and freeze every Dropout mask it drew (for gradient checks)."""
        self.predict(x, train_flg=True)
        for layer in self.layers.values():
            if isinstance(layer, Dropout):
                layer.fix_mask(layer.mask > 0)
