"""A fully connected network built from dlnotes layers (all of note chapter 3, plus 4.2.1).

Mirrors the book's ``common/multi_layer_net_extend.py``: parameters ``W1, b1,
gamma1, beta1, ...`` in ``params``, layers in order in ``layers``, and a
``SoftmaxWithLoss`` as ``last_layer``.
"""
from collections import OrderedDict

import numpy as np

from ._checks import (as_float_array, check_choice, check_fraction, check_int, check_positive,
                      labels_to_indices)
from .gradient import numerical_gradient as _numerical_gradient
from .layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss
from .optimizers import FlatParams

__all__ = ["MultiLayerNet"]

_ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid}
_INIT_SCALES = {"relu": 2.0, "he": 2.0, "sigmoid": 1.0, "xavier": 1.0}   # std = sqrt(scale / n_in)


class MultiLayerNet:
    """input -> [Affine -> (BatchNorm) -> activation -> (Dropout)] x L -> Affine -> softmax.

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
        self.use_batchnorm = bool(use_batchnorm)
        self.use_dropout = bool(use_dropout)
        self.dropout_ratio = check_fraction(dropout_ratio, "dropout_ratio", owner)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"{owner}: argument 'dtype' expected float32 or float64, got {self.dtype}")
        self.rng = np.random.default_rng(seed)
        self.last_loss = None
        self.params = {}
        self._init_weight(weight_init_std)
        shapes = {k: p.shape for k, p in self.params.items()}
        self.params = FlatParams(shapes, self.dtype, self.params)   # one buffer (see ``gradient``)
        self._build_layers()

    @property
    def hidden_layer_num(self):
        return len(self.hidden_size_list)

    def _init_weight(self, weight_init_std):
        sizes = [self.input_size] + self.hidden_size_list + [self.output_size]
        for i in range(1, len(sizes)):
            n_in = sizes[i - 1]
            if isinstance(weight_init_std, str):
                key = check_choice(weight_init_std, "weight_init_std", _INIT_SCALES, "MultiLayerNet")
                scale = np.sqrt(_INIT_SCALES[key] / n_in)
            else:
                scale = check_positive(weight_init_std, "weight_init_std", "MultiLayerNet")
            W = scale * self.rng.standard_normal((n_in, sizes[i]))
            self.params[f"W{i}"] = W.astype(self.dtype)
            self.params[f"b{i}"] = np.zeros(sizes[i], self.dtype)
            if self.use_batchnorm and i < len(sizes) - 1:
                self.params[f"gamma{i}"] = np.ones(sizes[i], self.dtype)
                self.params[f"beta{i}"] = np.zeros(sizes[i], self.dtype)

    def _build_layers(self):
        self.layers = OrderedDict()
        self._param_keys = {}                  # layer name -> names of its two parameters
        n = self.hidden_layer_num + 1
        for i in range(1, n):
            self.layers[f"Affine{i}"] = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            self._param_keys[f"Affine{i}"] = (f"W{i}", f"b{i}")
            if self.use_batchnorm:
                self.layers[f"BatchNorm{i}"] = BatchNormalization(self.params[f"gamma{i}"],
                                                                  self.params[f"beta{i}"])
                self._param_keys[f"BatchNorm{i}"] = (f"gamma{i}", f"beta{i}")
            self.layers[f"Activation_function{i}"] = _ACTIVATIONS[self.activation]()
            if self.use_dropout:
                self.layers[f"Dropout{i}"] = Dropout(self.dropout_ratio,
                                                     seed=int(self.rng.integers(2**31)))
        self.layers[f"Affine{n}"] = Affine(self.params[f"W{n}"], self.params[f"b{n}"])
        self._param_keys[f"Affine{n}"] = (f"W{n}", f"b{n}")
        self.last_layer = SoftmaxWithLoss()

    def _input(self, x):
        x = as_float_array(x, "x", "MultiLayerNet", ndim=2)
        if x.shape[1] != self.input_size:
            raise ValueError(f"MultiLayerNet: argument 'x' expected shape (batch, {self.input_size}), "
                             f"got {x.shape}")
        return x.astype(self.dtype, copy=False)

    def predict(self, x, train_flg=False):
        """Scores (before softmax), shape (batch, output_size).

        ``x`` is checked here once; the layers get it through their unchecked
        ``_forward`` (the activations between them are the network's own).
        """
        x = self._input(x)
        for layer in self.layers.values():
            if isinstance(layer, (BatchNormalization, Dropout)):
                x = layer._forward(x, train_flg)
            else:
                x = layer._forward(x)
        return x

    def _weight_decay(self):
        if not self.weight_decay_lambda:
            return 0.0
        squares = sum(float(np.sum(self.params[f"W{i}"] ** 2)) for i in range(1, self.hidden_layer_num + 2))
        return 0.5 * self.weight_decay_lambda * squares

    def loss(self, x, t, train_flg=False):
        """Mean cross-entropy of the batch plus the weight-decay term."""
        return self.last_layer.forward(self.predict(x, train_flg), t) + self._weight_decay()

    def accuracy(self, x, t):
        """Fraction of rows whose highest score is the label (t one-hot or indices)."""
        y = self.predict(x, train_flg=False)
        idx = labels_to_indices(t, self.output_size, y.shape[0], "MultiLayerNet.accuracy")
        return float(np.mean(y.argmax(axis=1) == idx))

    def gradient(self, x, t, out=None):
        """Gradients of ``loss(x, t, train_flg=True)`` for every parameter, by backpropagation.

        The loss of this forward pass is kept in ``last_loss``.  The returned dict's
        arrays are views of one flat buffer laid out like ``params``, so an
        optimizer can update everything in one pass.  The dict is new on every
        call, unless ``out`` is a dict returned by an earlier call: then that one
        is overwritten and returned (a training loop that is done with the last
        gradient saves allocating and first touching a new buffer; Trainer does).
        """
        grads = self._grad_buffer(out)
        self.last_loss = self.loss(x, t, train_flg=True)
        lam = self.weight_decay_lambda
        dout = self.last_layer.backward(1.0)
        first = next(iter(self.layers.values()))
        for name, layer in reversed(self.layers.items()):
            keys = self._param_keys.get(name)
            if keys is None:                   # activation or dropout: no parameters
                dout = layer._backward(dout)
                continue
            decay = lam and isinstance(layer, Affine)
            into = (None if decay else grads[keys[0]], grads[keys[1]])   # written in place
            if layer is first:
                layer._grads(dout, into)       # dW1, db1 only: the gradient w.r.t. x is not needed
            else:
                dout = layer._backward(dout, into)
            if decay:                          # d/dW of lambda/2 sum(W**2) is lambda W
                np.add(layer.dW, lam * layer.W, out=grads[keys[0]])
        return grads

    def _grad_buffer(self, out):
        shapes = {k: p.shape for k, p in self.params.items()}
        if out is None:
            return FlatParams(shapes, self.dtype)
        if not (isinstance(out, FlatParams) and out.intact() and out.flat.dtype == self.dtype
                and {k: a.shape for k, a in out.items()} == shapes):
            got = (f"{type(out).__name__} with keys {list(out)[:4]}..." if isinstance(out, dict)
                   else type(out).__name__)
            raise TypeError("MultiLayerNet.gradient: argument 'out' expected a dict returned by an "
                            f"earlier gradient() of this network ({self.dtype}, keys {list(shapes)[:4]}...), "
                            f"got {got}")
        return out

    def numerical_gradient(self, x, t, h=1e-4):
        """Central-difference gradients of ``loss(x, t, train_flg=True)`` (slow; for checks).

        Dropout masks should be frozen with ``Dropout.fix_mask`` first; the
        batch-norm running averages are restored afterwards, and one last forward
        pass leaves the layers' caches as for the unperturbed parameters.
        """
        saved = {k: (l.running_mean.copy(), l.running_var.copy())
                 for k, l in self.layers.items() if isinstance(l, BatchNormalization)}
        grads = {k: _numerical_gradient(lambda _: self.loss(x, t, train_flg=True), p, h=h)
                 for k, p in self.params.items()}
        self.loss(x, t, train_flg=True)
        for k, (mean, var) in saved.items():
            self.layers[k].running_mean, self.layers[k].running_var = mean, var
        return grads

    def freeze_dropout(self, x):
        """Run one training forward pass and freeze every Dropout mask it drew (for gradient checks)."""
        self.predict(x, train_flg=True)
        for layer in self.layers.values():
            if isinstance(layer, Dropout):
                layer.fix_mask(layer.mask > 0)
