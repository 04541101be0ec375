"""Chapter 4 widgets: the optimizer explorer (note 4.1 Optimizer).

Every state is rendered once when the widget is built (``explorer``), so the page works
without a kernel; ``optimizer_explorer().controls`` are an optimizer Dropdown (with a
'race' entry overlaying all of them) and a log-spaced learning-rate slider.
"""
from .._checks import check_positive
from ..landscapes import (ADAPTIVE_SETTINGS, BOOK_SETTINGS, OPTIMIZER_LABELS, get_landscape,
                          landscape_preset, optimizer_path, path_summary)
from ..plots.ch4 import optimizer_state_figure
from ._core import explorer

__all__ = ["EXPLORER_OPTIMIZERS", "EXPLORER_LRS", "optimizer_state", "optimizer_explorer", "MOMENTUM_BETAS",
           "MOMENTUM_STEPS", "momentum_explorer", "SQUARED_BETAS", "second_moment_explorer"]

#: The optimizer explorer's choices: optimizer keys, plus 'race', which overlays them all.
EXPLORER_OPTIMIZERS = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "race"]
#: Learning rates of the optimizer explorer's slider.
EXPLORER_LRS = [0.1, 0.3, 1.0, 3.0]          # log-spaced, roughly x3 per notch


def optimizer_state(name, lr, f="book", steps=None, start=None, **hyper):
    """One explorer state: (figure, caption).  ``name='race'`` overlays every optimizer of the
    explorer at the same learning rate; otherwise one path with a readout of its end point.
    ``hyper`` (e.g. ``momentum=0.5`` or ``beta1=0.8``) goes to the optimizer(s).  The paths
    and the readout come from ``dlnotes.landscapes``; ``plots`` only draws them."""
    f = get_landscape(f, "optimizer_state", dim=2)
    check_positive(lr, "lr", "optimizer_state")
    steps = landscape_preset(f, steps=steps)[1]
    names = [n for n in EXPLORER_OPTIMIZERS if n != "race"] if name == "race" else [name]
    paths, rows = {}, []
    for n in names:
        paths[n] = path = optimizer_path(n, f, start, steps, lr=lr, **hyper)
        s = path_summary(path, f, steps)
        if s["diverged"]:
            status = f"stopped (overflow) after {s['steps']} steps"
        elif s["loss"] > s["start_loss"]:
            status = f"diverging: after {steps} steps the loss is above the start's"
        else:
            status = f"after {steps} steps"
        rows.append(f"<b>{OPTIMIZER_LABELS[n]}</b> {status}: end point "
                    f"({s['final'][0]:.4g}, {s['final'][1]:.4g}), loss {s['loss']:.4g}")
    return optimizer_state_figure(paths, lr, steps, f, hyper), "<br>".join(rows)


def optimizer_explorer(f="book", lrs=None, optimizers=None, steps=None, initial=None):
    """Optimizer x learning rate on landscape ``f`` (default the book's x**2/20 + y**2 from
    (-7, 2), 30 steps).  The caption of each state gives the end point and the loss there."""
    lrs = list(EXPLORER_LRS if lrs is None else lrs)
    optimizers = list(EXPLORER_OPTIMIZERS if optimizers is None else optimizers)
    if len(lrs) * len(optimizers) > 60:
        raise ValueError("optimizer_explorer: arguments 'lrs' x 'optimizers' expected at most 60 "
                         f"states (one image each), got {len(lrs) * len(optimizers)}")

    def render(optimizer, lr):
        return optimizer_state(optimizer, lr, f=f, steps=steps)

    return explorer(render, {"optimizer": optimizers, "lr": lrs},
                    labels={"optimizer": "optimizer", "lr": "learning rate (log scale)"},
                    initial=initial)


#: Values of Momentum's ``momentum`` / Adam's ``beta1`` in ``momentum_explorer`` (0: no memory).
MOMENTUM_BETAS = [0.0, 0.5, 0.8, 0.9, 0.95]
#: Numbers of steps that ``momentum_explorer`` and ``second_moment_explorer`` offer.
MOMENTUM_STEPS = [10, 30, 100]
# optimizer -> (the argument the slider sets, lr): the book's learning rates (0.1 and 0.3)
_MOMENTUM_LRS = {"momentum": ("momentum", BOOK_SETTINGS["Momentum"][1]["lr"]),
                 "adam": ("beta1", BOOK_SETTINGS["Adam"][1]["lr"])}
#: Values of RMSprop's ``decay_rate`` / Adam's ``beta2`` that ``second_moment_explorer`` offers.
SQUARED_BETAS = [0.5, 0.9, 0.99, 0.999]
_SQUARED_LRS = {"rmsprop": ("decay_rate", ADAPTIVE_SETTINGS["RMSprop"][1]["lr"]),
                "adam": ("beta2", ADAPTIVE_SETTINGS["Adam"][1]["lr"])}


def _memory_explorer(table, betas, steps, beta_label, initial):
    """optimizer x one decay rate x steps; ``table`` maps optimizer -> (its argument, lr)."""
    def render(optimizer, beta, n_steps):
        arg, lr = table[optimizer]
        return optimizer_state(optimizer, lr, steps=n_steps, **{arg: beta})

    return explorer(render, {"optimizer": list(table), "beta": list(betas), "n_steps": list(steps)},
                    labels={"optimizer": "optimizer", "beta": beta_label, "n_steps": "steps"},
                    initial=initial)


def momentum_explorer(betas=None, steps=None, initial=None):
    """How much memory: Momentum's ``momentum`` (note 4.1.1's alpha) or Adam's ``beta1``
    (note 4.1.3) x the number of steps, at the book's learning rates (0.1 and 0.3), on
    x**2/20 + y**2 from (-7, 2).  beta = 0 turns Momentum into SGD and Adam into an RMSProp
    with bias correction."""
    return _memory_explorer(_MOMENTUM_LRS, MOMENTUM_BETAS if betas is None else betas,
                            MOMENTUM_STEPS if steps is None else steps, "momentum / beta1", initial)


def second_moment_explorer(betas=None, steps=None, initial=None):
    """How long squared gradients are remembered: RMSProp's ``decay_rate`` (note 4.1.2's beta)
    or Adam's ``beta2`` (note 4.1.3) x the number of steps, at lr 0.1 (RMSProp) and 0.3 (Adam)
    on x**2/20 + y**2 from (-7, 2).  RMSProp has no bias correction, so its average starts near
    0 and its first steps are lr / sqrt(1 - beta) long: the larger beta, the longer."""
    return _memory_explorer(_SQUARED_LRS, SQUARED_BETAS if betas is None else betas,
                            MOMENTUM_STEPS if steps is None else steps, "decay_rate / beta2", initial)
