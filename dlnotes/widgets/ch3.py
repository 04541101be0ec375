"""Chapter 3 explorers: learning rate on a landscape (3.2), gradient checks (3.3), decision
boundaries (all of chapter 3).  Every state is rendered when the explorer is built, so the
sliders also work in the static site."""
from ..experiments import layer_gradient_checks
from ..gradient import relative_error
from ..landscapes import critical_lr, gd_path, gd_regime, get_landscape
from ..plots.ch3 import decision_boundary_figure, gd_figure, gradient_check_figure
from ._core import explorer

__all__ = ["LR_VALUES", "STEP_VALUES", "LR_LANDSCAPES", "lr_explorer", "gradient_check_explorer",
           "decision_boundary_explorer"]

#: Learning rates of the gradient-descent explorer: slow, fast, oscillating and diverging
#: on both of its landscapes (critical rate 1).
LR_VALUES = [0.05, 0.5, 0.9, 1.05]
#: Numbers of steps the gradient-descent explorer offers.
STEP_VALUES = [3, 10, 30]
#: Dropdown label -> key of dlnotes.landscapes.LANDSCAPES (p², x²/20 + y²; both critical rate 1).
LR_LANDSCAPES = {"1-D parabola": "parabola", "2-D bowl": "book"}


def lr_explorer(lrs=LR_VALUES, steps=STEP_VALUES):
    """Landscape (1-D parabola p², 2-D bowl x²/20 + y²) x learning rate x number of steps
    (2 x 4 x 3 = 24 states by default).  The caption names the regime: with critical rate
    2 / (largest curvature) = 1 on both, 0.05 is slow, 0.5 fast, 0.9 oscillates and
    1.05 diverges."""

    def render(landscape, lr, steps):
        f = get_landscape(LR_LANDSCAPES[landscape], "lr_explorer")
        path = gd_path(f, lr, steps)
        caption = (f"<b>{gd_regime(f, lr)}</b>: lr = {lr:g}, critical lr = "
                   f"{critical_lr(f):g}; loss after {len(path) - 1} steps = "
                   f"{f(*path[-1]):.3g}")
        return gd_figure(f, lr, steps), caption

    return explorer(render, {"landscape": list(LR_LANDSCAPES), "lr": list(lrs), "steps": list(steps)},
                    labels={"lr": "learning rate η", "steps": "steps"}, dpi=70)


def gradient_check_explorer(seed=0):
    """Pick a layer (or a small MultiLayerNet): analytic against numeric gradient entries and the
    max relative error of each parameter.  Six states."""
    checks = layer_gradient_checks(seed)

    def render(layer):
        errs = ", ".join(f"{k}: {relative_error(a, n):.1e}" for k, (a, n) in checks[layer].items())
        return gradient_check_figure(layer, checks), f"max relative error: {errs}"

    return explorer(render, {"layer": list(checks)}, dpi=70)


def decision_boundary_explorer(name="spirals", hidden=(3, 16), activation=("relu", "sigmoid"),
                               lr=(0.003, 0.03, 0.3), iterations=150):
    """Hidden size x activation x Adam learning rate for one toy set (12 states by default);
    each state is a network trained from the same seed for ``iterations`` full-batch steps."""
    def render(hidden, activation, lr):
        return decision_boundary_figure(name, hidden, activation, lr, iterations)

    return explorer(render, {"hidden": list(hidden), "activation": list(activation), "lr": list(lr)},
                    labels={"hidden": "hidden units per layer", "lr": "learning rate"}, dpi=70)
