"""Shared helpers of the chapters' experiments: sums in a fixed order, so that the numbers a live
figure ships in its page are the same bytes on every machine (BLAS and LAPACK kernels sum in
an order that depends on the CPU and the number of threads)."""
import math

import numpy as np

__all__ = []


def _fsum_dot(a, b):
    """sum_i a_i b_i, correctly rounded (``math.fsum``): the same bits on every machine."""
    return math.fsum((np.asarray(a, dtype=float) * np.asarray(b, dtype=float)).tolist())
