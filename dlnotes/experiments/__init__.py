"""The computations behind the chapter figures: small experiments that print or return numbers.

Numpy only (plus the library itself): ``dlnotes.plots`` draws what these functions compute,
``dlnotes.widgets`` and the notebooks' check cells print the very same numbers, and the tests
compare them with values worked out independently.  One submodule per chapter, every name
re-exported here (a notebook calls ``experiments.<name>``):

- ``ch2``: the activation table, perceptron truth-table keys over weight grids, the naive
  softmax, a 2-layer forward pass, where XOR's diagonals cross (note 2.2);
- ``ch3``: the book's example vectors and their losses, cross-entropy as entropy + KL
  divergence (note 3.1); one batch update against a sequence of per-example updates (seed 003);
  the scalar chain rule and backprop checked against central differences (notes 3.3.2-3.3.7);
  training on 2-D toy sets and the digits' errors; the noise of mini-batch SGD (note 3.2);
- ``ch4``: optimizers compared on the digits and Momentum as a sum (note 4.1), activations at
  initialisation, training with and without batch normalization, its backward pass step by
  step and the BN explorer's numbers (note 4.2.1).

The numbers a live figure ships in its page (the SGD problem, the BN explorer's batch) are
summed in a fixed order (``math.fsum``, element-wise products, ``_core``), not by BLAS, so
they are the same bytes on every machine.
"""
from . import _core, ch2, ch3, ch4
from ._core import _fsum_dot                                       # noqa: F401
from .ch2 import *            # noqa: F401,F403  activations, gates, softmax, forward pass, XOR hulls
from .ch3 import *            # noqa: F401,F403  losses, backprop checks, toy training, SGD noise
from .ch3 import _batchnorm_check, _biases_away_from_kinks, _distribution, _two_distributions  # noqa: F401
from .ch4 import *            # noqa: F401,F403  optimizers on the digits, Momentum, batch normalization
from .ch4 import _bn_args, _bn_column, _seq_sum                   # noqa: F401
