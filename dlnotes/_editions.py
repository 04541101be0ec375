"""The editions mode (issue 15): one execution of a notebook feeds both editions of the site.

The site build executes each notebook once with ``DLNOTES_EDITIONS=1`` in the environment
(``book/editions.py``).  Then every display output that depends on the language carries its
Japanese variant in the output's metadata::

    output["metadata"]["dlnotes"]["ja"] = {mimetype: data}     # same form as output["data"]

and the Japanese edition's staging swaps it in.  Outputs without it (printed text, check
numbers) are shared.  Without ``DLNOTES_EDITIONS`` (JupyterLab, nbval, the committed notebooks)
nothing here changes an output.

How a figure knows its Japanese variant: :func:`with_japanese_twin` wraps a public function
that takes ``lang``; in editions mode, a call in English also makes the same call with
``lang="ja"`` and stores the result on the returned object as ``_dlnotes_ja`` (its "twin").
The object's display then adds the twin's bundle, :func:`twin_metadata`: for a matplotlib
``Figure`` or an ``IPython.display.HTML`` through the mimebundle printer that
``dlnotes.plots`` registers; for a live figure or an explorer, in their own display code.
The twin is made at the call, in the cell, so an error in the Japanese drawing stops the
cell like any other error.
"""
import base64
import functools
import inspect
import os

__all__ = ["ENV", "editions_mode", "with_japanese_twin", "wrap_public", "japanese_bundle",
           "twin_metadata"]

#: The environment variable that turns the editions mode on (value "1").
ENV = "DLNOTES_EDITIONS"


def editions_mode():
    """Whether the notebook runs for the two-edition site build (``DLNOTES_EDITIONS=1``)."""
    return os.environ.get(ENV) == "1"


def with_japanese_twin(fn, kinds):
    """Wrap ``fn`` (a function with a ``lang`` parameter) so that, in editions mode, a result
    drawn in English and of one of the types ``kinds`` remembers its Japanese twin:
    ``result._dlnotes_ja = fn(<same arguments>, lang="ja")``.

    Outside editions mode, for ``lang="ja"`` calls and for results of other types (a Bokeh
    slider, a tuple, ...) the wrapper returns ``fn``'s result untouched.  The twin's call
    leaves NumPy's global random state as it found it, so the cells after it print the same
    numbers in both modes.  The wrapper keeps
    ``fn``'s name, docstring and signature (``functools.wraps``; the original is
    ``__wrapped__``).
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def drawn(*args, **kwargs):
        result = fn(*args, **kwargs)
        if not editions_mode() or not isinstance(result, kinds):
            return result
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        if bound.arguments["lang"] != "en":
            return result
        bound.arguments["lang"] = "ja"
        import numpy as np
        state = np.random.get_state()
        try:
            result._dlnotes_ja = fn(*bound.args, **bound.kwargs)
        finally:
            np.random.set_state(state)
        return result

    drawn._dlnotes_twin = True
    return drawn


def wrap_public(namespace, names, kinds):
    """Replace, in the module dict ``namespace``, each function of ``names`` that has a ``lang``
    parameter by :func:`with_japanese_twin` of it (once).  Returns the names wrapped, sorted."""
    wrapped = []
    for name in names:
        fn = namespace.get(name)
        if (inspect.isfunction(fn) and not getattr(fn, "_dlnotes_twin", False)
                and "lang" in inspect.signature(fn).parameters):
            namespace[name] = with_japanese_twin(fn, kinds)
            wrapped.append(name)
    return sorted(wrapped)


def japanese_bundle(twin):
    """The display bundle ``{mimetype: data}`` of ``twin`` as IPython formats it (its text/plain
    left out: that one is shared), binary data as base64 text like ``output["data"]``.
    (Not for an object that displays itself with ``_ipython_display_``, such as a
    ``LiveFigure``: that one builds its bundle itself.)"""
    from IPython import get_ipython
    from IPython.core.formatters import DisplayFormatter
    ip = get_ipython()
    formatter = ip.display_formatter if ip is not None else DisplayFormatter()
    data, _ = formatter.format(twin)
    return {mime: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
            for mime, value in data.items() if mime != "text/plain"}


def twin_metadata(obj):
    """``{"dlnotes": {"ja": <bundle of obj's twin>}}`` in editions mode when ``obj`` has a twin,
    else None: the output metadata that carries the Japanese variant."""
    twin = getattr(obj, "_dlnotes_ja", None)
    if twin is None or not editions_mode():
        return None
    return {"dlnotes": {"ja": japanese_bundle(twin)}}
