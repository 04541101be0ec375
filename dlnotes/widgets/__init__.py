"""Interactive figures, one submodule per chapter, re-exported here for one-line notebook calls.

Most are live (Bokeh, computed in the page by ``dlnotes/js``; see :mod:`dlnotes.widgets.live`);
the gradient-check panel is precomputed in the site and kernel-backed in JupyterLab (ipywidgets,
built on :func:`explorer`).

Every public live-figure function takes ``lang`` ("en" or "ja", issue 15).  The names exported
here are wrapped once, below, by :func:`dlnotes._editions.with_japanese_twin`: in the site
build's editions mode (``DLNOTES_EDITIONS=1``) the live figure or explorer a notebook shows
carries its Japanese twin (the same call with ``lang="ja"``) in the output's metadata.
Elsewhere they behave exactly as the submodules' functions (``widgets.<name>.__wrapped__``)."""
from .._editions import wrap_public as _wrap_public
from . import _core, ch2, ch3, ch4
from ._core import *          # noqa: F401,F403  explorer, Explorer
from .ch2 import *            # noqa: F401,F403
from .ch3 import *            # noqa: F401,F403
from .ch4 import *            # noqa: F401,F403
from .live import LiveFigure as _LiveFigure

#: The live-figure functions wrapped for the editions mode: the public ones with a ``lang``
#: parameter (a :class:`~dlnotes.widgets.live.LiveFigure` or an :class:`Explorer` gets a twin).
TWINNED = _wrap_public(globals(), [n for m in (_core, ch2, ch3, ch4) for n in m.__all__],
                       (_LiveFigure, Explorer))   # noqa: F405
