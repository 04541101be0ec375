"""Figures for the notebooks (matplotlib). One submodule per chapter; all names re-exported here,
so a notebook calls ``plots.<name>(...)`` in one line.

Every public figure function takes ``lang`` ("en" or "ja", issue 15).  The names exported here
are wrapped once, below, by :func:`dlnotes._editions.with_japanese_twin`: in the site build's
editions mode (``DLNOTES_EDITIONS=1``) the figure a notebook shows carries its Japanese twin
(the same call with ``lang="ja"``) in the output's metadata.  Elsewhere they behave exactly as
the submodules' functions (``plots.<name>.__wrapped__``)."""
from matplotlib.figure import Figure as _Figure

from .._editions import wrap_public as _wrap_public
from . import _core, bookscale, ch2, ch3, ch4
from ._core import *          # noqa: F401,F403  new_figure, fig_to_png, training_curves, ...
from .ch2 import *            # noqa: F401,F403  perceptrons, activations, affine layer
from .ch3 import *            # noqa: F401,F403  losses, numerical differentiation, backprop, MLP
from .ch4 import *            # noqa: F401,F403  optimizers, batch normalization
from .bookscale import *      # noqa: F401,F403  Fashion-MNIST at the book's scale (issue 22)

try:                                                  # the HTML of an animation (needs IPython)
    from IPython.display import HTML as _HTML
    _KINDS = (_Figure, _HTML)
except ImportError:
    _KINDS = (_Figure,)

#: The figure functions wrapped for the editions mode: the public ones with a ``lang`` parameter.
TWINNED = _wrap_public(globals(), [n for m in (_core, ch2, ch3, ch4, bookscale) for n in m.__all__],
                       _KINDS)
