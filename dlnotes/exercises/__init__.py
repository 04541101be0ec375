"""Exercise checkers: each ``check_*`` function prints whether an answer is right and why,
and returns True/False. One submodule per chapter, re-exported here.  Every checker answers the page's
placeholder ``...`` with 'Not yet' and a hint (no exercise ships its answer)."""
from . import ch2, ch3, ch4
from ._core import *          # noqa: F401,F403
from ._core import _guard_placeholders

for _chapter in (ch2, ch3, ch4):
    _guard_placeholders(_chapter)
from .ch2 import *            # noqa: F401,F403
from .ch3 import *            # noqa: F401,F403
from .ch4 import *            # noqa: F401,F403
