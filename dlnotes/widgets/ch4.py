"""Chapter 4 widgets: the optimizer explorer (note 4.1 Optimizer).

Every state is rendered once when the widget is built (``explorer``), so the page works
without a kernel; ``optimizer_explorer().controls`` are an optimizer Dropdown (with a
'race' entry overlaying all of them) and a log-spaced learning-rate slider.
"""
from ._core import explorer

__all__ = ["EXPLORER_OPTIMIZERS", "EXPLORER_LRS", "optimizer_explorer", "MOMENTUM_BETAS",
           "MOMENTUM_STEPS", "momentum_explorer", "SQUARED_BETAS", "second_moment_explorer"]

EXPLORER_OPTIMIZERS = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "race"]
EXPLORER_LRS = [0.1, 0.3, 1.0, 3.0]          # log-spaced, roughly x3 per notch


def optimizer_explorer(f="book", lrs=None, optimizers=None, steps=None, initial=None):
    """Optimizer x learning rate on landscape ``f`` (default the book's x**2/20 + y**2 from
    (-7, 2), 30 steps).  The caption of each state gives the end point and the loss there."""
    from ..plots.ch4 import optimizer_state
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


MOMENTUM_BETAS = [0.0, 0.5, 0.8, 0.9, 0.95]
MOMENTUM_STEPS = [10, 30, 100]
_MOMENTUM_LRS = {"momentum": ("momentum", 0.1), "adam": ("beta1", 0.3)}   # the book's learning rates
SQUARED_BETAS = [0.5, 0.9, 0.99, 0.999]
_SQUARED_LRS = {"rmsprop": ("decay_rate", 0.1), "adam": ("beta2", 0.3)}


def _memory_explorer(table, betas, steps, beta_label, initial):
    """optimizer x one decay rate x steps; ``table`` maps optimizer -> (its argument, lr)."""
    from ..plots.ch4 import optimizer_state

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
