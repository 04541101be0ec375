"""The "dlnotes API" part of the book: every public module has a page, every public name a summary.

The pages (book/api/*.md) are generated from the docstrings by book/_ext/dlnotes_api.py, which
lists each module's ``__all__`` (for ``plots``, ``widgets``, ``exercises``: each submodule's);
these tests use the same listing, so a name added to the library is checked here too.
"""
import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import dlnotes

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from dlnotes_api import _kind, constant_comment, constant_doc, public_groups, summary  # noqa: E402

#: every public submodule of dlnotes (``experiments`` and any later one included automatically)
MODULES = sorted(m.name for m in pkgutil.iter_modules(dlnotes.__path__) if not m.name.startswith("_"))

#: modules whose names implement a section of the notes (plots/widgets/exercises/datasets are helpers)
CORE = {"functions", "gradient", "layers", "optimizers", "gates", "network", "trainer", "landscapes",
        "notes", "experiments"}

# "note 3.3.7", "notes 2.4, 3.3.3", "3.1.1: ..." at the start of a line, "seed 003", "chapter 3"
NOTE_SECTION = re.compile(r"\bnotes?\s+[234](\.\d+)+|(^|\n)\s*[234](\.\d+)+\b|seed 003|\bchapter [234]",
                          re.I)

# Gaps found when the API part was written, in files other branches were rewriting at the time.
# All documented since; a name that cannot be documented yet goes here, with the reason, until
# it is (a note section in the docstring / a ``#:`` comment above the constant).  Names not
# listed here must be documented already.
NOTE_SECTION_TODO = set()
CONSTANT_COMMENT_TODO = set()


def public_names():
    for mod in MODULES:
        for _, names in public_groups(f"dlnotes.{mod}"):
            for name in names:
                yield mod, name


NAMES = list(public_names())


def test_the_known_modules_are_listed():
    expected = {"functions", "gradient", "layers", "optimizers", "gates", "network", "trainer",
                "datasets", "landscapes", "notes", "exercises", "plots", "widgets"}
    assert expected <= set(MODULES), sorted(expected - set(MODULES))
    assert len(NAMES) > 150, len(NAMES)


@pytest.mark.parametrize("mod", MODULES)
def test_every_public_module_has_an_api_page_in_the_toc(mod):
    page = ROOT / "book" / "api" / f"{mod}.md"
    assert page.is_file(), f"expected {page.relative_to(ROOT)} (copy book/api/functions.md), found none"
    assert f".. dlnotes-module:: dlnotes.{mod}" in page.read_text(encoding="utf-8")
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert re.search(rf"^\s*- file: book/api/{mod}\s*$", toc, re.M), (
        f"_toc.yml: expected the line '          - file: book/api/{mod}' in the 'dlnotes API' part")


@pytest.mark.parametrize("mod", MODULES)
def test_every_public_module_has_all_or_reexports(mod):
    groups = public_groups(f"dlnotes.{mod}")
    assert groups and all(names for _, names in groups), f"dlnotes.{mod}: no public names found"
    module = importlib.import_module(f"dlnotes.{mod}")
    for _, names in groups:
        for name in names:
            assert hasattr(module, name), f"dlnotes.{mod}.__all__ lists {name!r}, which does not exist"


@pytest.mark.parametrize("mod,name", NAMES, ids=[f"{m}.{n}" for m, n in NAMES])
def test_every_public_name_has_a_summary(mod, name):
    obj = getattr(importlib.import_module(f"dlnotes.{mod}"), name)
    where = f"dlnotes.{mod}.{name}"
    if _kind(obj) == "autodata":
        if f"{mod}.{name}" not in CONSTANT_COMMENT_TODO:
            assert constant_comment(f"dlnotes.{mod}", name), (
                f"{where}: expected a '#:' comment above its assignment (one line: what it holds), found none")
        return
    doc = inspect.getdoc(obj)
    assert doc and doc.strip(), f"{where}: expected a docstring, found none"
    first = doc.splitlines()[0]
    assert first.strip() and not first[0].isspace(), f"{where}: the docstring's first line should be its summary"
    text = summary(f"dlnotes.{mod}", name, obj)
    assert text.rstrip().endswith((".", ":", ")", "?")), f"{where}: the summary should be a sentence: {text!r}"


@pytest.mark.parametrize("mod,name", [(m, n) for m, n in NAMES if m in CORE],
                         ids=[f"{m}.{n}" for m, n in NAMES if m in CORE])
def test_core_names_cite_their_note_section(mod, name):
    if f"{mod}.{name}" in NOTE_SECTION_TODO:
        pytest.skip("listed in NOTE_SECTION_TODO")
    obj = getattr(importlib.import_module(f"dlnotes.{mod}"), name)
    if _kind(obj) == "autodata":
        comment = constant_comment(f"dlnotes.{mod}", name)
        if comment is None:
            pytest.skip("undocumented constant (see CONSTANT_COMMENT_TODO)")
        doc = "\n".join(comment)
        if NOTE_SECTION.search(doc) is None:
            pytest.skip("constants may leave the section to their module")
        return
    doc = inspect.getdoc(obj) or ""
    assert NOTE_SECTION.search(doc), f"dlnotes.{mod}.{name}: expected the note section it implements " \
                                     "(e.g. 'note 3.3.7') in its docstring"


def test_the_todo_lists_name_existing_names():
    existing = {f"{m}.{n}" for m, n in NAMES}
    assert not (NOTE_SECTION_TODO | CONSTANT_COMMENT_TODO) - existing


def test_summary_tables_escape_absolute_value_bars():
    from dlnotes_api import escape_bars
    assert escape_bars("max |a - b| / ``|x|``") == "max \\|a - b\\| / ``|x|``"
    assert escape_bars(":math:`|x|` and |y|") == ":math:`|x|` and \\|y\\|"
    assert escape_bars("| a line block") == "| a line block"


def test_undocumented_constants_still_say_what_they_are():
    assert constant_doc("dlnotes.gates", "AND", dlnotes.gates.AND) in (
        ["An instance of :class:`~dlnotes.gates.Perceptron`."], constant_comment("dlnotes.gates", "AND"))
    assert constant_doc("dlnotes.landscapes", "LANDSCAPES", dlnotes.landscapes.LANDSCAPES)[0].startswith(
        "Every landscape")
