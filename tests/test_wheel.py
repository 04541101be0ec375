"""Packaging: the wheel holds every subpackage and the JavaScript rules, and works installed.

The wheel is built (offline, with the venv's setuptools) from a copy of the sources, installed
into a fresh virtual environment in a temporary folder outside the repository, and imported
there from another temporary folder: every live figure is built with the site's output
(``DLNOTES_BOKEH=components``) and must embed its rules from ``dlnotes/js``.  So a subpackage
or a rule file missing from ``pyproject.toml`` fails here, not on a reader's machine (in the
repository the editable install finds every file whether it is declared or not).

The new environment gets no packages from an index: a ``.pth`` line points it at this venv's
site-packages for numpy, bokeh and the rest.  A folder added by a ``.pth`` line is not
scanned for ``.pth`` files itself, so this venv's editable-install hook for ``dlnotes`` stays
off and ``import dlnotes`` finds the wheel's copy (checked below).
"""
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Run in the new environment: where dlnotes and bokeh come from, and the site HTML (script +
#: div) of every live figure (the explorers of ``widgets.TWINNED`` that are a ``LiveFigure``).
SCRIPT = r"""
import json, os
assert os.environ["DLNOTES_BOKEH"] == "components"
import dlnotes, bokeh
import dlnotes.widgets as W
from dlnotes.widgets.live import JS_FILES, LiveFigure, _components_html
figures = {}
for name in (n for n in W.TWINNED if n.endswith("_explorer")):
    obj = getattr(W, name).__wrapped__()
    if isinstance(obj, LiveFigure):
        figures[name] = _components_html(obj._page())
print(json.dumps({"dlnotes": dlnotes.__file__, "bokeh": bokeh.__file__, "js_files": JS_FILES,
                  "figures": figures}))
"""


def _run(cmd, **kwargs):
    out = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    what = " ".join(str(c) for c in cmd[:4]) if cmd[1:2] != ["-c"] else f"{cmd[0]} -c <script>"
    assert out.returncode == 0, f"{what} failed ({out.returncode}):\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _codes(page):
    """The ``code`` strings of the CustomJS models in a figure's ``<script>`` (Bokeh's
    ``docs_json``: JSON, HTML-escaped, backslashes doubled, in a single-quoted JS string)."""
    match = re.search(r"const docs_json = '([^']*)';", page)
    assert match, "no docs_json in the figure's script"
    docs = json.loads(html.unescape(match.group(1).replace("\\\\", "\\")))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("code"), str):
                found.append(node["code"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(docs)
    return found


def _env():
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "DLNOTES_EDITIONS", "PIP_INDEX_URL",
                        "PIP_EXTRA_INDEX_URL")}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1", "PYTHONNOUSERSITE": "1"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """(the wheel, pip's build log, the copy of the sources it was built from)."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("building the wheel offline needs setuptools in this venv (pip install setuptools)")
    tmp = tmp_path_factory.mktemp("wheel")
    assert not tmp.is_relative_to(ROOT), tmp
    src = tmp / "src"                       # a copy, so the build leaves no build/ in the repository
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "dlnotes", src / "dlnotes", ignore=shutil.ignore_patterns("__pycache__"))
    build = _run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                  "--no-index", "-v", "-w", str(tmp / "dist")], env=_env(), cwd=tmp)
    path, = (tmp / "dist").glob("dlnotes-*.whl")
    return path, build.stdout + build.stderr, src


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """(the new environment's folder, the JSON the script printed there, the sources' copy)."""
    tmp, env = tmp_path_factory.mktemp("installed"), _env()
    assert not tmp.is_relative_to(ROOT), tmp
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], env=env, cwd=tmp)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     env=env, cwd=tmp).stdout.strip())
    assert site.is_relative_to(venv), site
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-compile",
          "--target", str(site), str(wheel[0])], env=env, cwd=tmp)
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_dlnotes_test_deps.pth").write_text("".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")
    cwd = tmp / "elsewhere"
    cwd.mkdir()
    out = _run([str(python), "-c", SCRIPT], env={**env, "DLNOTES_BOKEH": "components"}, cwd=cwd)
    return venv, json.loads(out.stdout), wheel[2]


def test_the_wheel_holds_every_module_and_rule_file(wheel):
    path, log, src = wheel
    names = set(zipfile.ZipFile(path).namelist())
    sources = {p.relative_to(src).as_posix() for p in (src / "dlnotes").rglob("*")
               if p.suffix in (".py", ".js") and "__pycache__" not in p.parts}
    assert {"dlnotes/experiments/__init__.py", "dlnotes/js/sgd.js"} <= sources
    assert sources <= names, sorted(sources - names)
    assert "absent from the `packages` configuration" not in log, log


def test_installed_dlnotes_builds_every_live_figure_with_its_rules(installed):
    venv, result, src = installed
    here = Path(result["dlnotes"]).resolve()
    assert here.is_relative_to(venv.resolve()) and not here.is_relative_to(ROOT), here
    assert not Path(result["bokeh"]).resolve().is_relative_to(venv.resolve())     # from this venv
    figures, files = result["figures"], result["js_files"]
    assert len(figures) >= 9 and {"sgd_explorer", "bn_explorer", "optimizer_explorer"} <= set(figures)
    rules = {name: (src / "dlnotes" / "js" / f"{name}.js").read_text(encoding="utf-8") for name in [*files, "a11y"]}
    shipped = {}                # figure -> the rule files whose whole text is in one of its callbacks
    for name, page in figures.items():
        codes = _codes(page)
        shipped[name] = {f for f in files if any(rules[f] in code for code in codes)}
        assert shipped[name], f"{name}: no rule file of dlnotes/js in its page"
        if "Slider" in page:
            assert any(rules["a11y"] in code for code in codes), f"{name}: a11y.js missing"
    assert {"activations", "sgd"} <= shipped["sgd_explorer"], shipped["sgd_explorer"]
    assert "batchnorm" in shipped["bn_explorer"], shipped["bn_explorer"]
    assert set().union(*shipped.values()) == set(files), shipped
