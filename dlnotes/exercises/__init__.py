"""Exercise checkers: each ``check_*`` function prints whether an answer is right and why,
and returns True/False. One submodule per chapter, re-exported here."""
from ._core import *          # noqa: F401,F403
from .ch2 import *            # noqa: F401,F403
from .ch3 import *            # noqa: F401,F403
from .ch4 import *            # noqa: F401,F403
