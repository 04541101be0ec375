"""`make bench`: dlnotes speed against the matrix-multiply floor and other implementations.

Prints Markdown tables and writes them to benchmarks/results.md, plus a log-log
scaling plot benchmarks/scaling.png.  Sections:

1. training step (gradient + optimizer update) of MultiLayerNet against
   - floor: the forward + backward matrix products alone (``np.dot`` on the same
     shapes: X W for every layer, X^T dY for every layer, dY W^T for every layer but
     the first, whose input gradient nobody needs) -- no numpy code can do less work;
   - fused: benchmarks/reference_fused.py, the fastest hand-fused numpy step we
     could write for these fixed networks (preallocated buffers, flat parameters,
     closed-form BN backward): what numpy can reach once the element-wise work
     the floor leaves out (bias, ReLU, BN, softmax, the optimizer) is counted;
   - book: benchmarks/reference_book.py, written like the book's common/ code;
   - torch: PyTorch CPU eager (installed on first run; --no-torch skips it).
   All timings are interleaved round by round (so machine load hits every column
   alike) and the median per step is reported after a warm-up.
2. scaling of the step time over batch size and hidden width (log-log PNG).
3. widget latency of every explorer in dlnotes.widgets.
4. build and test time: every stage of `make test` as the Makefile runs it (unit tests, nbval
   per notebook, the JupyterLab test, the site, the browser tests of that site), their sum;
   the site in two editions (book/editions.py, as `make book`) against one edition (before
   issue 15: `jupyter-book build .`; and `book/editions.py --only en`), each into a private
   /tmp directory in the same run.
5. peak memory (RSS) of training the digits MLP and of the book build.
6. live figures in the built site (headless Chromium): for every Bokeh root with a Slider on
   every page, slider change -> redrawn frame latency (p50/p95 over >= 30 moves) and the
   page's HTML size.  The site is the English edition section 4 builds into /tmp (as
   `make book`); with --skip-build, _build/html/en if it is newer
   than every notebook and dlnotes file, or --site DIR.
7. one epoch of 784-50-10 SGD (batch 100) on the 60,000 Fashion-MNIST images (issue 22): the
   book's loop in dlnotes, the Trainer, and torch eager on the same batches and weights.

Options: --quick (tiny sizes, for the smoke test), --skip-build, --site DIR, --no-torch,
--threads N (BLAS threads, default 1: the 2-core machine is shared, and
multi-threaded BLAS on a loaded machine measures the scheduler, not the code).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _parse(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes and few repeats (smoke test)")
    ap.add_argument("--skip-build", action="store_true", help="skip the book build / nbval / unit timings")
    ap.add_argument("--site", help="built site for the live-figure section (default: the one section 4 builds)")
    ap.add_argument("--no-torch", action="store_true", help="do not import or install torch")
    ap.add_argument("--threads", type=int, default=1, help="BLAS / torch threads (default 1)")
    ap.add_argument("--out", default=os.path.join(HERE, "results.md"), help="Markdown output file")
    ap.add_argument("--plot", default=os.path.join(HERE, "scaling.png"), help="scaling plot (PNG)")
    return ap.parse_args(argv)


def _limit_threads(n):
    """Must run before numpy is imported to take effect on OpenBLAS/MKL/OpenMP."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)


if __name__ == "__main__":
    _ARGS = _parse()
    _limit_threads(_ARGS.threads)

import json                      # noqa: E402
import platform                  # noqa: E402
import re                        # noqa: E402
import resource                  # noqa: E402
import shutil                    # noqa: E402
import subprocess                # noqa: E402
import tempfile                  # noqa: E402
import time                      # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import numpy as np               # noqa: E402

sys.path.insert(0, HERE)
import reference_book as book    # noqa: E402
import reference_fused as fused  # noqa: E402

import dlnotes                   # noqa: E402
from dlnotes import MultiLayerNet, Trainer, get_optimizer  # noqa: E402

TORCH_PIN = "torch==2.13.0"
# torch's own dependencies, named so that pip does not upgrade anything already in the venv
TORCH_DEPS = ["filelock", "sympy", "mpmath", "networkx", "fsspec"]


# ------------------------------------------------------------------ helpers

def table(headers, rows):
    """A Markdown table (numbers already formatted)."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def us(seconds):
    return f"{seconds * 1e6:,.0f} µs" if seconds < 0.01 else f"{seconds * 1e3:,.1f} ms"


def timed(fns, min_seconds=1.0, rounds=15, warmup=3):
    """Median seconds per call of each function, measured round-robin.

    Each round times every function on a batch of calls; the batch size is
    chosen so that one round of the slowest function takes about
    ``min_seconds / rounds``.  Interleaving makes a load spike hit all columns.
    """
    for f in fns.values():
        for _ in range(warmup):
            f()
    per = {}
    for k, f in fns.items():
        t0 = time.perf_counter()
        f()
        per[k] = max(time.perf_counter() - t0, 1e-6)
    inner = {k: max(1, int(min_seconds / rounds / per[k])) for k in fns}
    samples = {k: [] for k in fns}
    for _ in range(rounds):
        for k, f in fns.items():
            n = inner[k]
            t0 = time.perf_counter()
            for _ in range(n):
                f()
            samples[k].append((time.perf_counter() - t0) / n)
    return {k: float(np.median(v)) for k, v in samples.items()}


def ensure_torch(allow_install):
    """Import torch, installing the pinned CPU build into this venv if allowed; None if absent."""
    try:
        import torch
        return torch
    except ImportError:
        pass
    if not allow_install:
        return None
    print(f"[bench] torch not importable; installing {TORCH_PIN} (CPU) into {sys.prefix} ...", flush=True)
    cmd = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps",
           TORCH_PIN] + TORCH_DEPS
    try:
        subprocess.run(cmd, check=True, timeout=900)
        import torch
        return torch
    except Exception as err:  # noqa: BLE001 - any failure only drops the torch column
        print(f"[bench] torch unavailable ({err}); its column is skipped. "
              f"Install it with: {sys.executable} -m pip install {TORCH_PIN}", flush=True)
        return None


# ------------------------------------------------------------------ 1. training step

CASES = [
    # name, hidden sizes, batchnorm, optimizer name, optimizer kwargs
    ("784-50-10 SGD", [50], False, "sgd", {"lr": 0.1}),
    ("784-100-100-100-10 BN Adam", [100, 100, 100], True, "adam", {"lr": 0.001}),
]


def make_step_fns(hidden, use_bn, opt_name, opt_kw, dtype, batch=100, n_in=784, n_out=10, torch=None,
                  seed=0):
    """Callables doing one training step for each implementation, on the same data and weights."""
    rng = np.random.default_rng(seed)
    x = rng.random((batch, n_in)).astype(dtype)
    t = rng.integers(0, n_out, batch)
    fns = {}

    net = MultiLayerNet(n_in, hidden, n_out, use_batchnorm=use_bn, seed=seed, dtype=dtype)
    opt = get_optimizer(opt_name, **opt_kw)

    def dlnotes_step():                     # the book's step: gradient, then update
        opt.update(net.params, net.gradient(x, t))
    fns["dlnotes"] = dlnotes_step

    net2 = MultiLayerNet(n_in, hidden, n_out, use_batchnorm=use_bn, seed=seed, dtype=dtype)
    trainer = Trainer(net2, x, t, optimizer=opt_name, optimizer_param=opt_kw, quiet=True)

    def trainer_step():                     # the same step inside Trainer: snapshot and runaway checks
        trainer.step(x, t)
    fns["trainer"] = trainer_step

    Ws = [net.params[f"W{i}"].copy() for i in range(1, len(hidden) + 2)]
    inputs = [x]
    for W in Ws[:-1]:
        inputs.append(np.maximum(inputs[-1] @ W, 0))
    dscores = (rng.random((batch, n_out)).astype(dtype) - 0.5) / batch

    def floor():                            # np.dot: as fast as @, and far faster for batch 1
        h = x
        for W in Ws:                        # forward products
            h = np.dot(h, W)
        d = dscores
        for i in range(len(Ws) - 1, -1, -1):  # backward products
            np.dot(inputs[i].T, d)           # dW_i
            if i:
                d = np.dot(d, Ws[i].T)       # dX_i (not for the input layer)
    fns["floor"] = floor

    fnet = fused.FusedNet(net.params, len(hidden), use_bn, batch)

    def fused_step():
        fnet.gradient(x, t)
        fnet.sgd(**opt_kw) if opt_name == "sgd" else fnet.adam(**opt_kw)
    fns["fused"] = fused_step

    bparams = {k: v.copy() for k, v in MultiLayerNet(n_in, hidden, n_out, use_batchnorm=use_bn, seed=seed,
                                                     dtype=dtype).params.items()}
    bnet = book.MultiLayerNetBook(bparams, len(hidden), use_batchnorm=use_bn)
    bopt = book.SGD(**opt_kw) if opt_name == "sgd" else book.Adam(**opt_kw)
    t_hot = book.one_hot(t, n_out, dtype)

    def book_step():
        bopt.update(bparams, bnet.gradient(x, t_hot))
    fns["book"] = book_step

    if torch is not None:
        tdtype = torch.float64 if np.dtype(dtype) == np.float64 else torch.float32
        mods = []
        sizes = [n_in] + list(hidden) + [n_out]
        p0 = MultiLayerNet(n_in, hidden, n_out, use_batchnorm=use_bn, seed=seed, dtype=dtype).params
        for i in range(1, len(sizes)):
            lin = torch.nn.Linear(sizes[i - 1], sizes[i]).to(tdtype)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(p0[f"W{i}"].T.copy()))
                lin.bias.copy_(torch.from_numpy(p0[f"b{i}"]))
            mods.append(lin)
            if i < len(sizes) - 1:
                if use_bn:
                    mods.append(torch.nn.BatchNorm1d(sizes[i], eps=1e-5, momentum=0.1).to(tdtype))
                mods.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*mods).train()
        topt = (torch.optim.SGD(model.parameters(), lr=opt_kw["lr"]) if opt_name == "sgd"
                else torch.optim.Adam(model.parameters(), lr=opt_kw["lr"], eps=1e-7))
        lossf = torch.nn.CrossEntropyLoss()
        tx, tt = torch.from_numpy(x), torch.from_numpy(t)

        def torch_step():
            topt.zero_grad(set_to_none=True)
            lossf(model(tx), tt).backward()
            topt.step()
        fns["torch"] = torch_step
    return fns


def bench_training(torch, quick):
    rows, raw = [], []
    for dtype in (np.float64, np.float32):
        for name, hidden, bn, opt_name, opt_kw in CASES:
            if quick:
                hidden = [8] * len(hidden)
            fns = make_step_fns(hidden, bn, opt_name, opt_kw, dtype, batch=8 if quick else 100,
                                n_in=20 if quick else 784, torch=torch)
            r = timed(fns, min_seconds=0.05 if quick else 1.5, rounds=5 if quick else 15)
            raw.append({"case": name, "dtype": np.dtype(dtype).name, **r})
            fl = r["floor"]
            rows.append([name, np.dtype(dtype).name, us(r["dlnotes"]), us(fl), f"**{r['dlnotes'] / fl:.2f}×**",
                         f"{r['trainer'] / r['dlnotes']:.2f}×",
                         us(r["fused"]), f"{r['fused'] / fl:.2f}×", f"{r['dlnotes'] / r['fused']:.2f}×",
                         us(r["book"]), f"{r['book'] / r['dlnotes']:.2f}×",
                         us(r["torch"]) if "torch" in r else "–",
                         f"{r['torch'] / r['dlnotes']:.2f}×" if "torch" in r else "–"])
    headers = ["network (batch 100)", "dtype", "dlnotes step", "floor (matmuls)", "dlnotes / floor",
               "Trainer.step / dlnotes step",
               "fused numpy", "fused / floor", "dlnotes / fused", "book-style", "book / dlnotes", "torch eager", "torch / dlnotes"]
    return table(headers, rows), raw


# ------------------------------------------------------------------ 7. a full epoch at the book's scale

def epoch_runs(torch, quick, lr=0.1, batch=100, seed=0):
    """One epoch of 784-50-10 SGD (batch 100) on Fashion-MNIST at full size (issue 22), the same
    shuffled batches and starting weights for every implementation.  Returns rows of
    (implementation, dtype, seconds per epoch, steps, test accuracy after the epoch)."""
    from dlnotes.datasets import load_fashion_mnist
    from dlnotes.optimizers import SGD
    (x_tr, t_tr), (x_te, t_te) = load_fashion_mnist()
    if quick:
        (x_tr, t_tr), (x_te, t_te) = (x_tr[:2000], t_tr[:2000]), (x_te[:500], t_te[:500])
    order = np.random.default_rng(seed).permutation(len(x_tr))
    batches = [order[i:i + batch] for i in range(0, len(order) - batch + 1, batch)]
    out = []
    for dtype in (np.float64, np.float32):
        x, xt = x_tr.astype(dtype), x_te.astype(dtype)
        start = MultiLayerNet(784, [50], 10, seed=seed, dtype=dtype)
        init = {k: v.copy() for k, v in start.params.items()}

        net, opt = MultiLayerNet(784, [50], 10, seed=seed, dtype=dtype), SGD(lr=lr)
        t0 = time.perf_counter()
        for idx in batches:                                   # the book's loop, as in its train_neuralnet.py
            opt.update(net.params, net.gradient(x[idx], t_tr[idx]))
        out.append(("dlnotes loop", dtype, time.perf_counter() - t0, len(batches), net.accuracy(xt, t_te)))

        net = MultiLayerNet(784, [50], 10, seed=seed, dtype=dtype)
        trainer = Trainer(net, x, t_tr, xt, t_te, epochs=1, mini_batch_size=batch, optimizer="sgd",
                          optimizer_param={"lr": lr}, seed=seed, quiet=True)
        t0 = time.perf_counter()
        trainer.train()
        out.append(("dlnotes Trainer (+ 2 evaluations)", dtype, time.perf_counter() - t0,
                    len(batches), trainer.history["test_acc"][-1]))

        if torch is not None:
            tdtype = torch.float64 if dtype == np.float64 else torch.float32
            model = torch.nn.Sequential(torch.nn.Linear(784, 50), torch.nn.ReLU(), torch.nn.Linear(50, 10))
            with torch.no_grad():                             # the same starting weights as dlnotes
                for layer, i in ((model[0], 1), (model[2], 2)):
                    layer.weight.copy_(torch.from_numpy(init[f"W{i}"].T.copy()))
                    layer.bias.copy_(torch.from_numpy(init[f"b{i}"]))
            model = model.to(tdtype)
            topt = torch.optim.SGD(model.parameters(), lr=lr)
            lossf = torch.nn.CrossEntropyLoss()
            tx, tt = torch.from_numpy(x), torch.from_numpy(t_tr)
            t0 = time.perf_counter()
            for idx in batches:
                ib = torch.from_numpy(idx)
                topt.zero_grad()
                lossf(model(tx[ib]), tt[ib]).backward()
                topt.step()
            seconds = time.perf_counter() - t0
            with torch.no_grad():
                acc = float((model(torch.from_numpy(xt)).argmax(1).numpy() == t_te).mean())
            out.append(("torch eager", dtype, seconds, len(batches), acc))
    return out


def bench_epoch(torch, quick):
    rows, raw = [], []
    runs = epoch_runs(torch, quick)
    base = {np.dtype(d).name: s for name, d, s, _, _ in runs if name == "dlnotes loop"}
    for name, dtype, seconds, steps, acc in runs:
        dn = np.dtype(dtype).name
        raw.append({"impl": name, "dtype": dn, "seconds": seconds, "steps": steps, "test_acc": acc})
        rows.append([name, dn, f"{seconds:.2f} s", f"{seconds / steps * 1e3:.2f} ms",
                     f"{seconds / base[dn]:.2f}×", f"{acc:.3f}"])
    headers = ["implementation", "dtype", "one epoch", "per step", "time / dlnotes loop",
               "test accuracy after 1 epoch"]
    return table(headers, rows), raw


# ------------------------------------------------------------------ 2. scaling

def bench_scaling(quick, plot_path):
    batches = [1, 4, 16, 64] if quick else [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
    widths = [8, 32] if quick else [16, 32, 64, 128, 256, 512, 1024]
    n_in = 20 if quick else 784
    budget = dict(min_seconds=0.02 if quick else 0.35, rounds=3 if quick else 7, warmup=2)
    res_b, res_w = [], []
    for b in batches:
        r = timed(make_step_fns([50], False, "sgd", {"lr": 0.1}, np.float64, batch=b, n_in=n_in), **budget)
        res_b.append((b, r))
    for w in widths:
        r = timed(make_step_fns([w], False, "sgd", {"lr": 0.1}, np.float64, batch=100 if not quick else 8,
                                n_in=n_in), **budget)
        res_w.append((w, r))

    rows = [[label, us(r["dlnotes"]), us(r["floor"]), f"{r['dlnotes'] / r['floor']:.2f}×",
             f"{r['fused'] / r['floor']:.2f}×", us(r["book"]), f"{r['book'] / r['dlnotes']:.2f}×"]
            for label, r in [(f"batch {b}", r) for b, r in res_b] + [(f"hidden {w}", r) for w, r in res_w]]
    md = table(["784-H-10 SGD float64", "dlnotes", "floor", "dlnotes / floor", "fused / floor", "book-style",
                "book / dlnotes"], rows)

    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    fig = Figure(figsize=(10, 4), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, res, xlabel, title in ((axes[0], res_b, "batch size", "784-50-10, SGD, float64"),
                                   (axes[1], res_w, "hidden width H (batch 100)", "784-H-10, SGD, float64")):
        xs = [v for v, _ in res]
        for key, label, style in (("dlnotes", "dlnotes", dict(marker="o", lw=2)),
                                  ("book", "book-style", dict(marker="s", lw=1)),
                                  ("fused", "fused numpy", dict(marker="^", lw=1, ls=":")),
                                  ("floor", "floor (matmuls only)", dict(color="k", ls="--", lw=1.5))):
            ax.plot(xs, [r[key] * 1e6 for _, r in res], label=label, **style)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set(xlabel=xlabel, ylabel="time per training step (µs)", title=title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("Training-step time vs the matrix-multiply floor (log-log)")
    fig.savefig(plot_path, dpi=100)
    return md, {"batch": [(b, r) for b, r in res_b], "width": [(w, r) for w, r in res_w]}


# ------------------------------------------------------------------ 3. widgets

def widget_factories():
    """(name, factory) for every explorer-building function exported by dlnotes.widgets."""
    import inspect
    import dlnotes.widgets as wmod
    out = []
    for name in sorted(dir(wmod)):
        obj = getattr(wmod, name, None)
        if (name.startswith("_") or name == "explorer" or not inspect.isfunction(obj)
                or not obj.__module__.startswith("dlnotes.widgets")):
            continue
        sig = inspect.signature(obj)
        if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               for p in sig.parameters.values()):
            continue                                  # needs arguments we cannot guess
        out.append((name, obj))
    return out


def _as_in_site_build(factory):
    """``factory()`` with DLNOTES_BOKEH=components, as the site build runs it: kernel-backed
    panels then return their precomputed explorer (live figures return a LiveFigure)."""
    before = os.environ.get("DLNOTES_BOKEH")
    os.environ["DLNOTES_BOKEH"] = "components"
    try:
        return factory()
    finally:
        if before is None:
            del os.environ["DLNOTES_BOKEH"]
        else:
            os.environ["DLNOTES_BOKEH"] = before


def _pcts(samples):
    a = np.array(samples)
    return float(np.percentile(a, 50)), float(np.percentile(a, 95))


def bench_widgets(quick, render_budget=1.5, n_switch=50):
    import matplotlib
    matplotlib.use("Agg")
    from dlnotes.plots import fig_to_png
    from dlnotes.widgets import Explorer
    rows, raw = [], []
    factories = widget_factories()
    for name, factory in factories:
        if quick and raw:
            break                                      # one precomputed explorer is enough for a smoke run
        try:
            t0 = time.perf_counter()
            e = _as_in_site_build(factory)         # the precomputed form the site embeds
            build = time.perf_counter() - t0
        except Exception as err:  # noqa: BLE001 - report, do not stop the benchmark
            rows.append([name, "–", "–", "–", "–", f"failed: {type(err).__name__}: {err}"[:80]])
            continue
        if not isinstance(e, Explorer):
            continue
        states = [dict(zip(e.names, combo)) for combo in _combos(e)]
        # render + PNG of a state (what precomputing costs, and what a live redraw would cost)
        render = []
        t_end = time.perf_counter() + (0.2 if quick else render_budget)
        i = 0
        while (len(render) < 50 and time.perf_counter() < t_end) or len(render) < 3:
            st = states[i % len(states)]
            i += 1
            t0 = time.perf_counter()
            out = e._render(**st)
            fig = out[0] if isinstance(out, tuple) else out
            fig_to_png(fig, dpi=e._dpi)
            render.append(time.perf_counter() - t0)
        # switching: set the first control to another value (stacks change the shown image)
        ctrl = e.controls[e.names[0]]
        n_opt = len(e.values[e.names[0]])
        switch = []
        for k in range(5 if quick else n_switch):
            t0 = time.perf_counter()
            ctrl.index = (ctrl.index + 1) % n_opt if n_opt > 1 else 0
            switch.append(time.perf_counter() - t0)
        r50, r95 = _pcts(render)
        s50, s95 = _pcts(switch)
        raw.append({"widget": name, "states": e.n_states, "build_s": build, "render_p50": r50, "render_p95": r95,
                    "switch_p50": s50, "switch_p95": s95, "n_render": len(render)})
        rows.append([name, e.n_states, f"{build:.2f} s ({us(build / e.n_states)}/state)",
                     f"{us(r50)} / {us(r95)} (n={len(render)})", f"{us(s50)} / {us(s95)}",
                     "yes" if s95 <= 0.05 else "NO"])
    headers = ["explorer", "states", "precompute (total, per state)", "render+PNG p50 / p95",
               "slider switch p50 / p95", "switch p95 ≤ 50 ms"]
    md = table(headers, rows) if rows else "(no explorers found in dlnotes.widgets)"
    # the perceptron explorer asks which gates some grid triple reaches (02-1)
    from dlnotes.gates import search_linear_separators
    grid = np.linspace(-2, 2, 41)
    search = []
    for _ in range(2 if quick else 5):
        t0 = time.perf_counter()
        search_linear_separators("AND", grid)
        search.append(time.perf_counter() - t0)
    s50, _ = _pcts(search)
    raw.append({"search_linear_separators_p50": s50})
    md += (f"\n\n`gates.search_linear_separators` over the 41³ = 68,921 grid triples: p50 {us(s50)} "
           f"(target < 1 s: {'met' if s50 < 1 else 'MISSED'}).")
    return md, raw


def _combos(e):
    import itertools
    return itertools.product(*(e.values[n] for n in e.names))


# ------------------------------------------------------------------ 4/5. build, test, memory

def run_measured(cmd, cwd=ROOT, timeout=900, env=None):
    """Run a command; return (seconds, returncode, peak RSS of its process tree in MB, peak single
    process RSS in MB, tail of output)."""
    import psutil
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            text=True)
    ps = psutil.Process(proc.pid)
    peak_tree = 0
    out_chunks = []
    import threading
    reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        try:
            total = ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
            peak_tree = max(peak_tree, total)
        except psutil.Error:
            pass
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            break
        time.sleep(0.1)
    proc.wait()
    reader.join(5)
    secs = time.perf_counter() - t0
    peak_one = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024   # kB -> MB (Linux)
    return secs, proc.returncode, peak_tree / 2**20, peak_one, "".join(out_chunks)[-2000:]


def status(rc):
    """A measured command's status column: ok, or FAILED with its exit code."""
    return "ok" if rc == 0 else f"FAILED rc={rc}"


def bench_book(rows, raw):
    """Time the site build, one edition against two; appends to ``rows`` (table) and ``raw``."""
    py = sys.executable
    bindir = os.path.dirname(py)
    # the site build, three ways, one after the other in this run (same machine load), each into
    # its own private directory: (1) the single English build `make book` ran before issue 15
    # (`jupyter-book build .`, executing as it goes); (2) book/editions.py --only en (execute once
    # with nbclient, one staged edition); (3) book/editions.py = `make book` (execute once with
    # DLNOTES_EDITIONS=1, stage and build en and ja in parallel). The site of (3) is kept for section 6.
    single_dir = tempfile.mkdtemp(prefix="dlnotes-bench-single-")
    secs, rc, _, _, out = run_measured(
        [os.path.join(bindir, "jupyter-book"), "build", ".", "--path-output", single_dir], timeout=900,
        env={**os.environ, "DLNOTES_BOKEH": "components"})
    shutil.rmtree(single_dir, ignore_errors=True)
    raw["book_single"] = secs
    rows.append(["one edition, as before issue 15 (`jupyter-book build .`, English only)", f"{secs:.1f} s",
                 status(rc)])
    only_dir = tempfile.mkdtemp(prefix="dlnotes-bench-en-")
    secs, rc, _, _, out = run_measured([py, "book/editions.py", "--only", "en", "--out", only_dir], timeout=900)
    shutil.rmtree(only_dir, ignore_errors=True)
    raw["book_en"] = secs
    rows.append(["one edition (`book/editions.py --only en`)", f"{secs:.1f} s",
                 status(rc)])
    # exactly `make book`: a missing Japanese text fails it (the row would say FAILED)
    outdir = tempfile.mkdtemp(prefix="dlnotes-bench-book-")
    secs, rc, tree_book, one_book, out = run_measured(
        [py, "book/editions.py", "--out", outdir], timeout=900)
    lacking = re.search(r"(\d+) Japanese text\(s\) missing", out)
    raw["book"] = secs
    raw["book_peak_tree_mb"] = tree_book
    raw["book_dir"] = outdir
    raw["site"] = os.path.join(outdir, "html", "en") if rc == 0 else None
    ratio = secs / raw["book_single"]
    raw["book_ratio"] = ratio
    rows.append([f"two editions (`book/editions.py` = `make book`, into {outdir})", f"{secs:.1f} s",
                 status(rc)
                 + (f" ({lacking.group(1)} Japanese texts missing: English in their place)" if lacking else "")
                 + f"; {ratio:.2f}× the one-edition build before issue 15 (target ≤ 1.6×: "
                 + ("met" if ratio <= 1.6 else "MISSED") + f"), {secs / raw['book_en']:.2f}× `--only en`"
                 + "; target ≤ 120 s " + ("met" if secs <= 120 else "MISSED")])


def bench_build(skip):
    if skip:
        return "(skipped: --skip-build)", {}
    py = sys.executable
    raw = {}
    rows = []
    # each stage of `make test`, run as the Makefile runs it, one after the other
    flags = ["-q", "-p", "no:cacheprovider"]
    secs, rc, tree, _, out = run_measured([py, "-m", "pytest", "tests", "--ignore=tests/browser", "-n", "2", *flags])
    raw["unit"] = secs
    rows.append(["unit tests (`make unit`: `pytest tests --ignore=tests/browser -n 2`)", f"{secs:.1f} s",
                 status(rc)])
    # nbval, one pytest run, per-notebook time from the JUnit report
    xml = os.path.join(tempfile.mkdtemp(prefix="dlnotes-bench-"), "nbval.xml")
    secs, rc, tree_nb, _, out = run_measured([py, "-m", "pytest", "--nbval", "notebooks", "-q", "-p",
                                              "no:cacheprovider", "--nbval-sanitize-with",
                                              "tests/nbval_sanitize.cfg", f"--junitxml={xml}"],
                                             env={**os.environ, "DLNOTES_BOKEH": "components"})  # as make nbval
    raw["nbval"] = secs
    per_nb = {}
    if os.path.exists(xml):
        for tc in ET.parse(xml).getroot().iter("testcase"):
            nb = tc.get("file") or tc.get("classname") or "?"
            per_nb[nb] = per_nb.get(nb, 0.0) + float(tc.get("time", 0))
    rows.append(["nbval (`pytest --nbval notebooks`)", f"{secs:.1f} s", status(rc)])
    secs, rc, _, _, out = run_measured([py, "-m", "pytest", "tests/browser/test_jupyterlab.py", "-n", "2", *flags],
                                       env={**os.environ, "DLNOTES_LAB": "1"})
    raw["lab"] = secs
    rows.append(["JupyterLab test (`make lab-test`)", f"{secs:.1f} s", status(rc)])
    bench_book(rows, raw)
    if raw.get("site"):
        cmd = [py, "-m", "pytest", "tests/browser", "-n", "2", "--dist", "loadgroup", *flags]   # as make browser
        secs, rc, _, _, out = run_measured(cmd, timeout=1800,
                                           env={**os.environ, "DLNOTES_SITE": os.path.dirname(raw["site"])})
        raw["browser"] = secs
        rows.append(["browser tests of that site (`make browser`: `pytest tests/browser -n 2 --dist loadgroup`)",
                     f"{secs:.1f} s", status(rc)])
    total = sum(raw.get(k, 0.0) for k in ("unit", "nbval", "lab", "book", "browser"))
    raw["make_test"] = total
    rows.append(["`make test` = unit + nbval + JupyterLab + book + browser (sum, without the installs)",
                 f"{total:.1f} s", "target ≤ 900 s (15 min) " + ("met" if total <= 900 else "MISSED")
                 + ("" if "browser" in raw else "; the browser stage did not run (no site)")])
    md = table(["step", "wall time", "status"], rows)
    if per_nb:
        md += "\n\n" + table(["notebook", "nbval time"],
                             [[os.path.basename(k), f"{v:.1f} s"] for k, v in sorted(per_nb.items())])
    raw["per_notebook"] = per_nb
    raw["nbval_peak_tree_mb"] = tree_nb
    return md, raw


DIGITS_SCRIPT = """
import resource, time, numpy as np
from dlnotes import MultiLayerNet, Trainer
from dlnotes.datasets import load_digits
(x, t), (xt, tt) = load_digits()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
net = MultiLayerNet(64, [100, 100], 10, seed=0)
t0 = time.perf_counter()
h = Trainer(net, x, t, xt, tt, epochs={epochs}, mini_batch_size=100, optimizer="adam", quiet=True).train()
print(time.perf_counter() - t0, h["test_acc"][-1], base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_memory(quick, build_raw):
    epochs = 2 if quick else 20
    out = subprocess.run([sys.executable, "-c", DIGITS_SCRIPT.format(epochs=epochs)], capture_output=True,
                         text=True, cwd=ROOT, timeout=600)
    rows = []
    raw = {}
    if out.returncode == 0:
        secs, acc, base_kb, peak_kb = out.stdout.split()[-4:]
        raw.update(digits_s=float(secs), digits_peak_mb=float(peak_kb) / 1024, digits_before_mb=float(base_kb) / 1024)
        rows.append([f"train digits MLP 64-100-100-10, Adam, {epochs} epochs (test acc {float(acc):.3f}, "
                     f"{float(secs):.1f} s)", f"{float(peak_kb) / 1024:.0f} MB",
                     f"{float(base_kb) / 1024:.0f} MB after imports + data"])
    else:
        rows.append(["train digits MLP", "failed", out.stderr[-200:]])
    if "book_peak_tree_mb" in build_raw:
        rows.append(["book build (all processes: jupyter-book + kernels)", f"{build_raw['book_peak_tree_mb']:.0f} MB",
                     "sampled every 0.1 s"])
        rows.append(["nbval run (pytest + kernels)", f"{build_raw['nbval_peak_tree_mb']:.0f} MB", "sampled every 0.1 s"])
    return table(["what", "peak RSS", "note"], rows), raw



# ------------------------------------------------------------------ 6. live figures in the browser

#: Live figures of one page: every Bokeh root view whose model references a Slider, with its sliders
#: (start, end, step), the names of its named models and the mode line (dlnotes.widgets.live.mode_note).
_LIVE_FIGURES_JS = """() => {
    const figs = [];
    for (const view of Object.values(Bokeh.index)) {
        const refs = Array.from(view.model.references());
        const sliders = refs.filter(m => m.type === 'Slider');
        if (!sliders.length) { continue; }
        figs.push({root: view.model.id,
                   names: refs.filter(m => m.name).map(m => m.name),
                   sliders: sliders.map(m => ({id: m.id, name: m.name || m.title || m.id, start: m.start,
                                               end: m.end, step: m.step})),
                   divs: refs.filter(m => m.type === 'Div').map(m => m.text)});
    }
    return figs;
}"""

#: Move the sliders of one figure ``n`` times (round-robin) to random grid positions, each at a random
#: phase of the frame; per move: ``js`` = event (model value set, as noUiSlider's handler does) ->
#: every data source change done (the CustomJS recomputed), ``frame`` = event -> start of the first
#: animation frame after that change (Bokeh paints in an earlier callback of that frame; see the note).
_LIVE_TIMING_JS = """async ([rootId, n, seed]) => {
    const view = Object.values(Bokeh.index).find(v => v.model.id === rootId);
    const refs = Array.from(view.model.references());
    const sliders = refs.filter(m => m.type === 'Slider');
    const sources = refs.filter(m => m.type === 'ColumnDataSource');
    let rnd = seed;
    const random = () => { rnd = (rnd * 16807) % 2147483647; return rnd / 2147483647; };
    const frame = () => new Promise(r => requestAnimationFrame(r));
    const out = {js: [], frame: [], unchanged: 0};
    let pending = null;
    for (const src of sources) { src.change.connect(() => { if (pending) { pending(); } }); }
    for (let k = 0; k < n; k++) {
        const s = sliders[k % sliders.length];
        const count = Math.round((s.end - s.start) / s.step);
        let v = s.value;
        while (v === s.value && count > 0) { v = s.start + Math.round(random() * count) * s.step; }
        await frame(); await frame();
        await new Promise(r => setTimeout(r, random() * 16));
        const changed = new Promise(r => { pending = r; });
        const t0 = performance.now();
        s.value = v;
        const got = await Promise.race([changed.then(() => true),
                                        new Promise(r => setTimeout(() => r(false), 2000))]);
        pending = null;
        if (!got) { out.unchanged += 1; continue; }
        const tJs = performance.now();      // a microtask after the change: the callback's body has run
        await frame();
        out.js.push(tJs - t0);
        out.frame.push(performance.now() - t0);
    }
    return out;
}"""


def live_pages(site):
    """Site-relative pages that hold a Bokeh root (the offline-assets extension's criterion)."""
    from pathlib import Path
    site = Path(site)
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] in {"_static", "_sources", "_images"}:
            continue
        if "data-root-id" in path.read_text(encoding="utf-8", errors="replace"):
            pages.append(rel)
    return pages


def largest_page(site):
    from pathlib import Path
    site = Path(site)
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in {"_static", "_sources"}]
    big = max(pages, key=lambda p: p.stat().st_size)
    return big.relative_to(site).as_posix(), big.stat().st_size / 1e6


def _mode_of(divs):
    from dlnotes.widgets.live import MODES
    for mode, text in MODES.items():
        if any(text in d for d in divs):
            return mode
    return "?"


def _positions(sl):
    return ", ".join(f"{s['name']}: {round((s['end'] - s['start']) / s['step']) + 1}" for s in sl)


def bench_live(site, quick, moves=40):
    """One row per live figure of the built site; see _LIVE_TIMING_JS for what is timed."""
    if site is None:
        return "(skipped: no built site; run without --skip-build, or pass --site _build/html)", []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "(skipped: playwright is not installed in this venv)", []
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        return "(skipped: no chromium on PATH; `make chromium` installs it)", []
    from pathlib import Path
    site = Path(site).resolve()
    n = 6 if quick else moves
    rows, raw = [], []
    prefix = site.as_uri() + "/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for rel in live_pages(site):
            ctx, page = _offline_page(browser, prefix)
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((site / rel).as_uri(), wait_until="load")
            page.wait_for_function("() => window.Bokeh && Bokeh.index && Object.keys(Bokeh.index).length > 0",
                                   timeout=30_000)
            mb = (site / rel).stat().st_size / 1e6
            for k, fig in enumerate(page.evaluate(_LIVE_FIGURES_JS)):
                page.evaluate("(id) => Object.values(Bokeh.index).find(v => v.model.id === id)"
                              ".el.scrollIntoView({block: 'center'})", fig["root"])
                t = page.evaluate(_LIVE_TIMING_JS, [fig["root"], n, 12345 + k])
                names = ", ".join(fig["names"]) or fig["root"]
                mode = _mode_of(fig["divs"])
                if not t["frame"]:
                    rows.append([rel, names, mode, _positions(fig["sliders"]), "no redraw", "–", "–", f"{mb:.2f}"])
                    continue
                j50, j95 = _pcts(t["js"])
                f50, f95 = _pcts(t["frame"])
                raw.append({"page": rel, "figure": names, "mode": mode, "moves": len(t["frame"]),
                            "unchanged": t["unchanged"], "js_p50_ms": j50, "js_p95_ms": j95,
                            "frame_p50_ms": f50, "frame_p95_ms": f95, "page_mb": mb, "errors": errors[:3]})
                rows.append([rel, names, mode, _positions(fig["sliders"]),
                             f"{j50:.1f} / {j95:.1f}", f"{f50:.1f} / **{f95:.1f}**",
                             ("yes" if f95 <= 16 else "NO") + (f" ({t['unchanged']} moves redrew nothing)"
                                                               if t["unchanged"] else "")
                             + (f"; page errors: {errors[:2]}" if errors else ""),
                             f"{mb:.2f}"])
            ctx.close()
        speed = _playground_speed(browser, site, prefix)
        browser.close()
    if not rows:
        return "(no page of the site holds a live figure with a slider)", raw
    big, big_mb = largest_page(site)
    raw.append({"playground": speed})
    md = table(["page", "explorer (named models)", "mode", "slider positions", "event → data p50 / p95 ms",
                "event → next frame p50 / p95 ms", "p95 ≤ 16 ms", "page HTML MB"], rows)
    md += (f"\n\nLargest page of the site: {big}, {big_mb:.2f} MB of HTML (target ≤ 1.5 MB: "
           f"{'met' if big_mb <= 1.5 else 'MISSED'}).")
    if speed:
        md += (f"\n\nThe 03-4 playground (2-16-16-3 on all {speed['points']} points, batch = all) trains at "
               f"{speed['rate']:.0f} steps/s by its own readout after {speed['seconds']} s of Play "
               f"(target ≥ 30: {'met' if speed['rate'] >= 30 else 'MISSED'}).")
    return md, raw


def _offline_page(browser, prefix):
    """A new 1280 x 900 context and page that may load only the site (``prefix``) and inline data."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((prefix, "data:", "blob:"))
               else r.abort())
    return ctx, page


def _playground_speed(browser, site, prefix, seconds=2.5):
    """Steps per second of the 03-4 playground as its readout reports them (None without the page)."""
    from dlnotes.widgets.ch3 import PLAYGROUND_POINTS
    path = site / "notebooks" / "03-4-training-mlp.html"
    if not path.is_file():
        return None
    ctx, page = _offline_page(browser, prefix)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("() => window.Bokeh && Bokeh.documents.some(d => d.get_model_by_name('image'))",
                           timeout=30_000)
    find = "(n) => Bokeh.documents.find(d => d.get_model_by_name(n)).get_model_by_name(n)"
    page.evaluate(f"([n, v]) => ({find})(n).value = v", ["batch", PLAYGROUND_POINTS])
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(seconds * 1000)
    text = page.evaluate(f"() => ({find})('readout').text")
    ctx.close()
    rate = float(text.split(" steps/s")[0].split("· ")[-1]) if " steps/s" in text else float("nan")
    return {"rate": rate, "points": PLAYGROUND_POINTS, "seconds": seconds}


def fresh_site(path):
    """``path`` if it holds a site built after the last change to any notebook or dlnotes file."""
    from pathlib import Path
    index = Path(path) / "index.html"
    if not index.is_file():
        return None
    sources = list(Path(ROOT, "notebooks").glob("*.ipynb")) + list(Path(ROOT, "dlnotes").rglob("*.*"))
    newest = max((p.stat().st_mtime for p in sources), default=0)
    return str(path) if index.stat().st_mtime >= newest else None


# ------------------------------------------------------------------ main

def main(args):
    t_start = time.perf_counter()
    torch = None if (args.no_torch or os.environ.get("DLNOTES_BENCH_NO_TORCH")) else ensure_torch(True)
    if torch is not None:
        torch.set_num_threads(args.threads)
    env = (f"Python {platform.python_version()}, numpy {np.__version__}, dlnotes {dlnotes.__version__}, "
           f"torch {torch.__version__ if torch else 'absent'}; {os.cpu_count()} CPUs, "
           f"BLAS/torch threads = {args.threads}; load average at start "
           f"{', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    sections = [f"# dlnotes benchmarks\n\n{env}.\n"]

    def section(title, md, note=""):
        text = f"## {title}\n\n{note}{md}\n"
        print(text, flush=True)
        sections.append(text)

    print(sections[0], flush=True)
    md, train_raw = bench_training(torch, args.quick)
    section("1. Training step (gradient + update), median per step", md,
            "Floor: the forward and backward matrix products alone (`np.dot`, same shapes). "
            "dlnotes step: `opt.update(net.params, net.gradient(x, t))`, the book's step; "
            "Trainer.step: the same step inside `Trainer`, which also saves the state for a rollback and "
            "scans gradients and parameters for runaway values. "
            "Fused numpy: benchmarks/reference_fused.py, the same step written by hand for this one "
            "architecture with preallocated buffers and flat parameters -- the matmuls plus the least "
            "element-wise work (bias, ReLU, BN, softmax, optimizer) we could make numpy do; its gradients "
            "are tested equal to dlnotes'. "
            "Speed guard: dlnotes no slower than the book-style reference (book / dlnotes ≥ 1 at batch ≥ 32, "
            "here and in section 2) and dlnotes / fused ≤ 1.3.\n\n")
    md, scale_raw = bench_scaling(args.quick, args.plot)
    section("2. Scaling (plot: benchmarks/scaling.png)", md)
    md, widget_raw = bench_widgets(args.quick)
    section("3. Widget latency (Agg backend)", md,
            "Explorers precompute every state; in the page a slider only switches the shown image. "
            "'render+PNG' is what one state costs (precompute, or a live redraw); "
            "'switch' is setting the control in Python (the observer updates the Stacks).\n\n")
    md, build_raw = bench_build(args.skip_build or args.quick)
    section("4. Build and test time", md)
    md, mem_raw = bench_memory(args.quick, build_raw)
    section("5. Peak memory", md)
    site, site_note = args.site, f"--site {args.site}"
    if site is None and build_raw.get("site"):
        site, site_note = build_raw["site"], "the site section 4 just built"
    elif site is None:
        site = fresh_site(os.path.join(ROOT, "_build", "html", "en"))
        site_note = "_build/html/en (newer than every notebook and dlnotes file)" if site else ""
    md, live_raw = bench_live(site, args.quick)
    section("6. Live figures in Chromium: slider event to redrawn frame", md,
            f"Measured in {site_note or 'no site'}, every page with a Bokeh root opened from file:// in headless "
            "Chromium (requests outside the site blocked). Each figure with a Slider gets "
            f"{6 if args.quick else 40} moves, round-robin over its sliders, each to a random position on the "
            "slider's grid and started at a random phase of the frame (after two frames of rest plus 0-16 ms). "
            "A move sets the Slider model's value, as its noUiSlider handler does; 'event → data' is from "
            "there until every data source change of the move is done (the CustomJS recomputed with "
            "dlnotes/js); 'event → next frame' is until the start of the first animation frame requested "
            "after that change: Bokeh paints the canvas in an earlier callback of that same frame, so this "
            "is when the redrawn figure is on screen, including the wait for the frame. "
            "Target (issue 17): p95 ≤ 16 ms; largest page ≤ 1.5 MB. "
            "Slider positions = (end − start) / step + 1.\n\n")
    md, epoch_raw = bench_epoch(torch, args.quick)
    section("7. One epoch at the book's scale: Fashion-MNIST, 784-50-10, SGD lr 0.1, batch 100", md,
            f"{'2,000 (quick)' if args.quick else '60,000'} training images (28×28, Debian's "
            "dataset-fashion-mnist via `load_fashion_mnist`), the same shuffled batches and the same "
            "starting weights for every implementation; 'dlnotes loop' is the book's loop "
            "`opt.update(net.params, net.gradient(x, t))`; the Trainer row also checks every step for "
            "runaway values, keeps a rollback copy and evaluates the whole training and test sets "
            "before and after the epoch. Target (issue 22): well under 1 s per epoch.\n\n")
    if build_raw.get("book_dir"):
        shutil.rmtree(build_raw["book_dir"], ignore_errors=True)
    total = time.perf_counter() - t_start
    sections.append(f"Benchmark wall time: {total:.0f} s.\n")
    print(sections[-1])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(sections))
    return {"training": train_raw, "widgets": widget_raw, "build": build_raw, "memory": mem_raw,
            "live": live_raw, "epoch": epoch_raw, "seconds": total}


if __name__ == "__main__":
    main(_ARGS)
