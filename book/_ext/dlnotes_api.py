"""Sphinx extension: the "dlnotes API" pages, generated from the docstrings.

One directive, used once per page of ``book/api/`` inside an ``{eval-rst}`` block::

    .. dlnotes-module:: dlnotes.functions

It documents the module (its docstring, via ``automodule``) and then every public name,
read from the module when the page is built, so names added later appear by themselves:

* a module with ``__all__``: exactly those names, in that order;
* a package without ``__all__`` that re-exports its submodules (``plots``, ``widgets``,
  ``exercises``): the ``__all__`` of each submodule, one group per submodule, documented
  under the package's name (``dlnotes.plots.gates_overview``: the name a notebook calls).

Each group gets a summary table (name, first paragraph of the docstring; each row links to
the entry; autosummary's first-sentence cut breaks on ``w . x`` inside a literal)
and one autodoc entry per name (signature, docstring; classes with their documented
methods).  Constants have no ``__doc__``: their entry shows the ``#:`` comment above
their assignment in the module that defines them, or says what they are.
"""
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).resolve().parent / "dlnotes_api_static"     # dlnotes-api.css

#: a constant whose repr is longer than this is shown without its value
MAX_VALUE_CHARS = 70


def public_groups(modname):
    """``[(module, [names])]``: the public names of ``modname``, grouped by defining module.

    A module with ``__all__`` is one group; a package without one is a group per submodule
    (in file-name order) holding the submodule's ``__all__`` names the package re-exports.
    """
    mod = importlib.import_module(modname)
    if hasattr(mod, "__all__"):
        return [(mod, list(mod.__all__))]
    if not hasattr(mod, "__path__"):
        raise ValueError(f"dlnotes-module: {modname} has no __all__ and is not a package")
    groups = []
    for info in sorted(pkgutil.iter_modules(mod.__path__), key=lambda i: i.name):
        sub = importlib.import_module(f"{modname}.{info.name}")
        names = [n for n in getattr(sub, "__all__", []) if hasattr(mod, n)]
        if names:
            groups.append((sub, names))
    return groups


def defining_module(modname, name):
    """The module whose source assigns ``modname.name`` (the package's submodule for re-exports)."""
    for sub, names in public_groups(modname):
        if name in names:
            return sub
    return importlib.import_module(modname)


def constant_comment(modname, name):
    """The ``#:`` comment above the assignment of ``modname.name`` in its defining module, or None."""
    sub = defining_module(modname, name)
    try:
        comment = ModuleAnalyzer.for_module(sub.__name__).find_attr_docs().get(("", name))
    except Exception:           # no source available
        comment = None
    return list(comment) if comment else None


def constant_doc(modname, name, obj):
    """Lines documenting a constant: its ``#:`` comment, else what it is (a linked class for
    an instance of a dlnotes class, the type and size for a builtin container)."""
    comment = constant_comment(modname, name)
    if comment:
        return comment
    cls = type(obj)
    if cls.__module__.startswith("dlnotes"):
        return [f"An instance of :class:`~{cls.__module__}.{cls.__qualname__}`."]
    what = cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    size = f" with {len(obj)} entries" if isinstance(obj, (dict, list, tuple)) else ""
    return [f"A ``{what}``{size}."]


def _kind(obj):
    if inspect.isclass(obj):
        return "autoexception" if issubclass(obj, BaseException) else "autoclass"
    if inspect.isroutine(obj):
        return "autofunction"
    return "autodata"


def _short_repr(obj):
    try:
        text = repr(obj)
    except Exception:
        return None
    return text if len(text) <= MAX_VALUE_CHARS and "\n" not in text else None


def summary(modname, name, obj):
    """The first paragraph of the docstring, on one line (what the summary table shows)."""
    if _kind(obj) == "autodata":
        doc = constant_doc(modname, name, obj)
    else:
        doc = (inspect.getdoc(obj) or "").splitlines()
    para = []
    for line in doc:
        if not line.strip():
            if para:
                break
            continue
        para.append(line.strip())
    return escape_bars(" ".join(para))


def summary_table(mod, modname, names):
    """A two-column list-table: each name linked to its entry, and its summary."""
    lines = [".. list-table::", "   :widths: 35 65", "   :class: dlnotes-api-summary", ""]
    for n in names:
        lines += [f"   * - :py:obj:`{n} <{modname}.{n}>`",
                  f"     - {summary(modname, n, getattr(mod, n)) or '(no docstring)'}"]
    return lines + [""]


def group_label(sub):
    """Heading of a package's group: 'Chapter 2: dlnotes.plots.ch2', 'Shared helpers: ...'."""
    last = sub.__name__.rpartition(".")[2]
    chapter = re.fullmatch(r"ch(\d+)", last)
    label = f"Chapter {chapter.group(1)}" if chapter else "Shared helpers" if last == "_core" else last
    return f"{label}: {sub.__name__}"


class ModuleAPIDirective(SphinxDirective):
    """``.. dlnotes-module:: dotted.name``: module docstring, summary tables, one entry per public name."""

    required_arguments = 1
    has_content = False

    def run(self):
        modname = self.arguments[0].strip()
        mod = importlib.import_module(modname)
        groups = public_groups(modname)
        for sub, _ in groups:
            if getattr(sub, "__file__", None):
                self.env.note_dependency(sub.__file__)
        lines = [f".. automodule:: {modname}", ""]
        package_groups = not hasattr(mod, "__all__")
        for sub, names in groups:
            if package_groups:
                intro = (inspect.getdoc(sub) or "").strip().split("\n\n")[0].replace("\n", " ")
                lines += [f".. rubric:: {group_label(sub)}", "   :class: dlnotes-api-group", ""]
                if intro:
                    lines += [escape_bars(intro), ""]
            lines += summary_table(mod, modname, names)
            for n in names:
                obj = getattr(mod, n)
                kind = _kind(obj)
                lines += [f".. {kind}:: {modname}.{n}"]
                if kind == "autoclass":
                    lines += ["   :members:", "   :show-inheritance:"]
                elif kind == "autodata":
                    if _short_repr(obj) is None:
                        lines += ["   :no-value:"]
                lines += [""]
        container = nodes.container(classes=["dlnotes-api"])
        self.state.nested_parse(StringList(lines, source=f"<dlnotes-module {modname}>"),
                                self.content_offset, container)
        return container.children


# ``literal`` and :role:`content` spans, where a backslash would be shown or mean something else
_PROTECTED = re.compile(r"(``.+?``|:[\w:.-]+:`[^`]*`)")


def escape_bars(line):
    """Escape ``|`` outside literals: the docstrings write |x| for an absolute value, which
    reStructuredText would read as a substitution reference (and fail the entry)."""
    if re.match(r"\s*(\|( |$)|\+[-=])", line):         # a line block or a grid table
        return line
    parts = _PROTECTED.split(line)
    return "".join(p if i % 2 else p.replace("|", "\\|") for i, p in enumerate(parts))


def process_docstring(app, what, name, obj, options, lines):
    """Constants get the ``#:`` comment from their defining module (also for a package's
    re-exports), else a line naming their type -- never the docstring of ``dict`` or of their
    class; every dlnotes docstring gets its ``|`` escaped."""
    if not name.startswith("dlnotes"):
        return
    if what == "data":
        modname, _, attr = name.rpartition(".")
        lines[:] = constant_doc(modname, attr, obj)
    lines[:] = [escape_bars(line) for line in lines]


def add_static(app):
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("builder-inited", add_static)
    app.add_css_file("dlnotes-api.css")
    app.add_directive("dlnotes-module", ModuleAPIDirective)
    app.connect("autodoc-process-docstring", process_docstring)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
