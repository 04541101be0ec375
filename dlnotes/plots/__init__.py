"""Figures for the notebooks (matplotlib). One submodule per chapter; all names re-exported here,
so a notebook calls ``plots.<name>(...)`` in one line."""
from ._core import *          # noqa: F401,F403  new_figure, fig_to_png, training_curves, ...
from .ch2 import *            # noqa: F401,F403  perceptrons, activations, affine layer
from .ch3 import *            # noqa: F401,F403  losses, numerical differentiation, backprop, MLP
from .ch4 import *            # noqa: F401,F403  optimizers, batch normalization
