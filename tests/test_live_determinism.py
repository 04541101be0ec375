"""Every live figure embeds the same bytes on every machine (issue 21, part 1).

nbval compares a live figure's saved HTML, numbers and all, with a fresh run.  BLAS and
LAPACK kernels sum in an order that depends on the CPU (OpenBLAS picks its kernel by CPU
type) and on the number of threads, so a number computed with ``@`` or ``np.linalg`` may
differ in its last bit from one machine to the next (it did: the SGD and BN explorers).  The
data the figures ship are therefore computed in a fixed order (``math.fsum``, element-wise
products).  This test builds every live figure in fresh processes that use other BLAS
kernels, other thread counts and (where the CPU has them) numpy's code without AVX-512, and
compares the HTML.  A probe in each process shows that the perturbation does change a BLAS
result, so the comparison has teeth.
"""
import json
import os
import platform
import subprocess
import sys

import pytest

#: Build the site HTML of every live figure (English), with Bokeh's random ids sanitized,
#: and a digest of a BLAS product that depends on the kernel (the probe).
SCRIPT = r"""
import hashlib, json, os, re
os.environ["DLNOTES_BOKEH"] = "components"
import numpy as np
import dlnotes.widgets as W
from dlnotes.widgets.live import LiveFigure, _components_html
out = {}
for name in (n for n in W.TWINNED if n.endswith("_explorer")):
    obj = getattr(W, name).__wrapped__()
    if isinstance(obj, LiveFigure):
        html = _components_html(obj._page())
        html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)
        out[name] = re.sub(r"\bp\d{4,}\b", "pID", html)
M = np.random.default_rng(0).normal(size=(300, 64))
probe = hashlib.sha256((M.T @ M).tobytes()).hexdigest()
print(json.dumps({"figures": out, "probe": probe}))
"""

_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _variants():
    """Two environments that differ in everything that changes how BLAS (and numpy's SIMD loops)
    compute: the thread count, and on x86-64 OpenBLAS's kernels and numpy's AVX-512 loops.
    (Two builds instead of one per setting keep the test at about 10 s; a difference in the
    figures names the setting only by the pair, but the probe shows the second one bites.)"""
    one = {k: "1" for k in _THREADS}
    other = {k: "2" for k in _THREADS}
    if platform.machine() in ("x86_64", "AMD64"):
        other["OPENBLAS_CORETYPE"] = "Prescott"
        from numpy._core._multiarray_umath import __cpu_features__ as cpu
        if cpu.get("AVX512F"):
            other["NPY_DISABLE_CPU_FEATURES"] = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"
    return {"1 thread, default kernels": one,
            "2 threads, Prescott kernels, numpy without AVX-512": other}


def _build(changes):
    env = {k: v for k, v in os.environ.items()
           if k not in _THREADS + ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")}
    env.update(changes)
    run = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def builds():
    return {name: _build(changes) for name, changes in _variants().items()}


def _first_difference(a, b, width=60):
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at char {i}: {a[max(0, i - width):i + width]!r} vs {b[max(0, i - width):i + width]!r}"


def test_every_live_figure_is_built(builds):
    figures = next(iter(builds.values()))["figures"]
    # the ten live figures of chapters 2-4 (the gradient-check panel is an ipywidgets explorer)
    assert sorted(figures) == sorted([
        "perceptron_explorer", "activation_explorer", "sigmoid_steepness_explorer",
        "softmax_explorer", "softmax_temperature_explorer", "lr_explorer",
        "decision_boundary_explorer", "sgd_explorer", "optimizer_explorer", "bn_explorer"])
    assert all(len(html) > 10_000 and "<script" in html for html in figures.values())


def test_live_figures_are_the_same_bytes_whatever_the_blas_kernel_and_threads(builds):
    names = list(builds)
    ref = builds[names[0]]["figures"]
    for other in names[1:]:
        for fig, html in builds[other]["figures"].items():
            assert html == ref[fig], (f"{fig}: '{names[0]}' and '{other}' embed different HTML "
                                      f"{_first_difference(ref[fig], html)}")


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"),
                    reason="OPENBLAS_CORETYPE names are x86 kernels")
def test_the_perturbation_changes_a_blas_result(builds):
    """The probe X^T X differs between the default and the Prescott kernels: the comparison
    above would catch a figure that used BLAS for its data (as sgd_problem did)."""
    first, second = builds.values()
    assert first["probe"] != second["probe"]
