"""Interactive figures, one submodule per chapter, re-exported here for one-line notebook calls.

Most are live (Bokeh, computed in the page by ``dlnotes/js``; see :mod:`dlnotes.widgets.live`);
the gradient-check panel is precomputed in the site and kernel-backed in JupyterLab (ipywidgets,
built on :func:`explorer`)."""
from ._core import *          # noqa: F401,F403  explorer, Explorer
from .ch2 import *            # noqa: F401,F403
from .ch3 import *            # noqa: F401,F403
from .ch4 import *            # noqa: F401,F403
