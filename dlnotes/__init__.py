"""dlnotes: a companion library to study notes on 『ゼロから作る Deep Learning』.

Core modules need only numpy; ``plots``/``widgets`` (matplotlib, ipywidgets),
the progress bar of ``Trainer.train`` (tqdm) and ``datasets.load_digits``
(scikit-learn) import their extra packages only when used.
"""
from . import (datasets, functions, gates, gradient, landscapes, layers, network, notes, optimizers,
               trainer)
from . import experiments     # the numbers behind the figures (numpy only; imports trainer, network)
from .functions import (cross_entropy_error, identity, mean_squared_error, relu, sigmoid, softmax,
                        step_function)
from .gradient import gradient_check, numerical_diff, numerical_gradient, relative_error
from .layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, Softmax, SoftmaxWithLoss
from .network import MultiLayerNet
from .optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop, get_optimizer
from .trainer import Trainer, TrainingDiverged

__version__ = "0.1.0"
