"""Interactive explorers that also work in a static page without a kernel.

``explorer(render, controls)`` renders every combination of the control
values once, stores the PNGs in (nested) ``ipywidgets.Stack`` containers and
links each control's ``index`` to the stacks twice: with ``jslink`` (runs in
the browser, so the saved page responds with no kernel) and with a Python
observer (so JupyterLab and tests see the same change).  Keep grids small:
the page carries one image per combination.

In the site build's editions mode (issue 15) an explorer made by a public ``dlnotes.widgets``
function in English has a Japanese twin (the same explorer drawn with ``lang="ja"``, see
:mod:`dlnotes._editions`).  Its output is the English explorer's widget view, and the twin's
view (another model id) in ``metadata["dlnotes"]["ja"]``: the executed notebook saves the state
of both explorers, and the Japanese edition's staging swaps the view's model id.  So the
static page of each edition holds a working explorer in its language, computed by the same
one execution; its controls and images behave as before (the price: both editions' pages
carry both sets of pre-drawn images).
"""
import ipywidgets as W

from .._editions import twin_metadata
from ..plots import fig_to_png

__all__ = ["explorer", "Explorer"]


def _control(name, values, label=None):
    """A SelectionSlider for numbers, a Dropdown for strings; both have an ``index`` trait."""
    label = label or name
    options = [(v if isinstance(v, str) else f"{v:g}", v) for v in values]
    style = {"description_width": "initial"}
    if all(isinstance(v, str) for v in values):
        return W.Dropdown(options=options, description=label, style=style)
    return W.SelectionSlider(options=options, description=label, continuous_update=True,
                             style=style, layout=W.Layout(width="420px"))


class Explorer(W.VBox):
    """A VBox of controls above a nest of Stacks holding one rendered state per combination.

    ``render(**values)`` returns a matplotlib Figure, or ``(Figure, html_text)``
    for a caption shown under the image.  ``state()`` gives the values shown now.
    """

    def __init__(self, render, controls, labels=None, initial=None, dpi=80):
        if not controls:
            raise ValueError("explorer: argument 'controls' expected at least one {name: values}, got none")
        for name, values in controls.items():
            if len(values) < 1:
                raise ValueError(f"explorer: control '{name}' expected a non-empty list of values")
        self.names = list(controls)
        self.values = {k: list(v) for k, v in controls.items()}
        labels = labels or {}
        self.controls = {k: _control(k, v, labels.get(k)) for k, v in self.values.items()}
        self._dpi = dpi
        self._render = render
        self._stacks = {k: [] for k in self.names}        # every Stack driven by control k
        body = self._build(0, {})
        self.links = []                                     # browser-side links, kept for tests
        for name, ctrl in self.controls.items():
            for stack in self._stacks[name]:
                self.links.append(W.jslink((ctrl, "index"), (stack, "selected_index")))
            ctrl.observe(self._on_change(name), names="index")
        for name, value in (initial or {}).items():
            self.controls[name].value = value
        super().__init__(list(self.controls.values()) + [body])

    def _build(self, depth, fixed):
        name = self.names[depth]
        children = []
        for value in self.values[name]:
            state = {**fixed, name: value}
            if depth + 1 < len(self.names):
                children.append(self._build(depth + 1, state))
            else:
                children.append(self._leaf(state))
        stack = W.Stack(children, selected_index=0)
        self._stacks[name].append(stack)
        return stack

    def _leaf(self, state):
        out = self._render(**state)
        fig, caption = out if isinstance(out, tuple) else (out, None)
        image = W.Image(value=fig_to_png(fig, dpi=self._dpi), format="png")
        image.add_class("dlnotes-state")
        return W.VBox([image, W.HTML(caption)]) if caption else image

    def _on_change(self, name):
        def update(change):
            for stack in self._stacks[name]:
                stack.selected_index = change["new"]
        return update

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, and in editions mode the Japanese twin's view as the output's metadata."""
        data = super()._repr_mimebundle_(**kwargs)
        metadata = twin_metadata(self)
        return (data, metadata) if metadata else data

    def state(self):
        """The control values currently shown, as a dict."""
        return {k: c.value for k, c in self.controls.items()}

    def visible(self):
        """The leaf widget (Image or VBox) currently shown."""
        node = self.children[-1]
        while isinstance(node, W.Stack):
            node = node.children[node.selected_index]
        return node

    @property
    def n_states(self):
        count = 1
        for values in self.values.values():
            count *= len(values)
        return count


def explorer(render, controls, labels=None, initial=None, dpi=80):
    """Build an :class:`Explorer`; ``controls`` maps argument names of ``render`` to value lists."""
    return Explorer(render, controls, labels=labels, initial=initial, dpi=dpi)
