"""Shared by every test module (tests/ and tests/browser/)."""
import zlib

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _own_random_stream(request):
    """A test module's ``rng`` restarts for every test, seeded by the test's own id: a test draws
    the same numbers whatever ran before it in its process (``-n 2`` spreads tests over two
    processes in any order), so a failure reproduces when that test runs alone."""
    module = request.module
    if isinstance(getattr(module, "rng", None), np.random.Generator):
        module.rng = np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))
