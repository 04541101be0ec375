"""Interactive explorers (ipywidgets) that keep working in the static site. One submodule per
chapter, all built on :func:`explorer`; names re-exported here for one-line notebook calls."""
from ._core import *          # noqa: F401,F403  explorer, Explorer, sigmoid_steepness_explorer
from .ch2 import *            # noqa: F401,F403
from .ch3 import *            # noqa: F401,F403
from .ch4 import *            # noqa: F401,F403
