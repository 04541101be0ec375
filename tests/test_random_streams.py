"""tests/conftest.py restarts a module's ``rng`` for every test from the test's id."""
import zlib

import numpy as np
import pytest

rng = np.random.default_rng(0)   # restarted for each test from its id (tests/conftest.py)


@pytest.mark.parametrize("draw", [1, 2])
def test_each_test_draws_its_own_stream(request, draw):
    want = np.random.default_rng(zlib.crc32(request.node.nodeid.encode())).random(3)
    got = rng.random(3)
    rng.random(draw)                    # whatever this test leaves behind, the next starts afresh
    assert np.array_equal(got, want)
