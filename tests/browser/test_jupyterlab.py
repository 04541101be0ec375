"""The notebooks in a real JupyterLab: live (Bokeh) figures and kernel-backed sliders respond.

Opt-in like the site's browser tests: runs when ``DLNOTES_LAB=1`` (``make lab-test``, which
``make test`` calls); ``make browser`` and a plain ``pytest tests`` skip it.  With it set,
only a missing Chromium (the ``chromium`` fixture of conftest.py) skips it.

What it does, per notebook:

* a JupyterLab server from this venv (``jupyter lab`` next to ``sys.executable``) on
  127.0.0.1, a free port, no token, ``--allow-root``, with its own config, data, runtime,
  settings and workspace folders and a temporary copy of ``notebooks/`` as its root, so
  nothing in the repository is touched; the kernel imports ``dlnotes`` from this checkout
  (``PYTHONPATH``); the server is stopped at the end of the session, pass or fail;
* headless Chromium opens the notebook; every request that leaves the server is aborted
  and recorded (the notes are an offline companion);
* Run All through the Run menu; wait until the kernel is idle; save through the File
  menu and read the saved copy: every code cell has run, none raised;
* scroll through the notebook (JupyterLab 4 renders cells near the viewport only), and
  each live figure found (a Bokeh root whose document holds a ``Slider``) is scrolled into
  view, its first slider's noUiSlider handle is moved with the keyboard, and the figure's
  data sources (read from ``Bokeh.documents``) must change;
* for an ipywidgets slider: the same keyboard move; the kernel must answer with a widget
  ``update`` message (a Python observer changed something) and the visible image or text
  of the widget must change;
* no console error and no page error anywhere.

Which notebooks: those whose saved outputs hold a Bokeh figure (all of them), and one
notebook whose saved outputs hold ipywidgets (preferably one without Bokeh figures).  The
saved outputs come from the site build, where a kernel-backed panel shows its precomputed
form (03-3's gradient checks: a dropdown); run in JupyterLab it becomes the kernel form,
whose slider this test moves.  Screenshots in tests/screenshots/lab__*.png.
"""
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SHOTS = ROOT / "tests" / "screenshots"
RUN_TIMEOUT_MS = 300_000       # Run All of one notebook
#: JupyterLab's user settings for the test profile: no news / update pop-ups over the notebook
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    # the save below only needs the cells' outputs; serializing every widget (all PNGs) takes ~30 s
    "@jupyter-widgets/jupyterlab-manager/plugin.jupyterlab-settings": {"saveState": False},
}

pytestmark = pytest.mark.skipif(os.environ.get("DLNOTES_LAB") != "1",
                                reason="the JupyterLab test runs with DLNOTES_LAB=1 (make lab-test / make test)")


# ---- which notebooks ----------------------------------------------------------------------------

def _outputs_text(cell):
    for out in cell.get("outputs", []):
        for mime, value in out.get("data", {}).items():
            yield mime, value if isinstance(value, str) else "".join(value) if isinstance(value, list) else ""


def has_bokeh(nb):
    """The saved outputs hold a Bokeh figure (embedded script + div, or Bokeh's notebook mime types)."""
    for cell in nb["cells"]:
        for mime, text in _outputs_text(cell):
            if "bokeh" in mime or ("data-root-id" in text and "Bokeh" in text):
                return True
    return False


def has_widgets(nb):
    """The saved ipywidgets state holds a control (a slider, or the dropdown of a panel that
    becomes kernel-backed, with a slider, when run in JupyterLab)."""
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return any(m.get("model_name", "").endswith(("SliderModel", "DropdownModel"))
               for m in state.get("state", {}).values())


def chapter_notebooks():
    out = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        out[path.name] = {"bokeh": has_bokeh(nb), "slider": has_widgets(nb)}
    return out


NBS = chapter_notebooks()
BOKEH_NBS = [n for n, k in NBS.items() if k["bokeh"]]
_slider_nbs = [n for n, k in NBS.items() if k["slider"]]
KERNEL_NBS = ([n for n in _slider_nbs if n not in BOKEH_NBS] or _slider_nbs)[:1]


def test_lab_has_notebooks_to_check():
    assert BOKEH_NBS, "no notebook in notebooks/ has a saved Bokeh figure (expected 02-2's activation explorer)"
    assert KERNEL_NBS, "no notebook in notebooks/ has saved ipywidgets controls to move with a kernel"


# ---- the server ---------------------------------------------------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class LabServer:
    """``jupyter lab`` in its own process group, on a temporary copy of the notebooks."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="dlnotes-lab-"))
        self.root = self.tmp / "notebooks"
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = self.tmp / "settings"
        for rel, value in LAB_SETTINGS.items():
            (settings / rel).parent.mkdir(parents=True, exist_ok=True)
            (settings / rel).write_text(json.dumps(value), encoding="utf-8")
        env = dict(os.environ)
        env.pop("DLNOTES_BOKEH", None)           # the notebook path of dlnotes.widgets.live.show
        env.update(JUPYTER_CONFIG_DIR=str(self.tmp / "config"), JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
                   JUPYTER_DATA_DIR=str(self.tmp / "data"), JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.tmp / "workspaces"), IPYTHONDIR=str(self.tmp / "ipython"),
                   PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in [env.get("PYTHONPATH")] if p]))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        jupyter = Path(sys.executable).with_name("jupyter")
        self.log = open(self.tmp / "lab.log", "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [str(jupyter), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={self.port}",
             "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={self.root}",
             "--ServerApp.port_retries=0", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            cwd=self.tmp, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, timeout=90):
        t_end = time.monotonic() + timeout
        while time.monotonic() < t_end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/api/status", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyter lab not answering on {self.url} after {timeout} s:\n{self.log_tail()}")

    def log_tail(self, n=3000):
        self.log.flush()
        return (self.tmp / "lab.log").read_text(encoding="utf-8", errors="replace")[-n:]

    def stop(self):
        """SIGTERM to the server's process group (it shuts its kernels down), SIGKILL if it hangs."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.log.close()


@pytest.fixture(scope="module")
def lab(chromium):
    server = LabServer()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.tmp, ignore_errors=True)
    assert server.proc.returncode is not None, "the JupyterLab server is still running"
    assert not _port_open(server.port), f"port {server.port} still answers after stopping JupyterLab"


# ---- one notebook in the browser ----------------------------------------------------------------

def _kernel_messages(payload):
    """(channel, msg dict) from one kernel websocket frame (JSON text, or the v1 binary protocol)."""
    if isinstance(payload, str):
        try:
            msg = json.loads(payload)
        except ValueError:
            return None
        return msg.get("channel"), msg
    try:
        n = struct.unpack_from("<Q", payload, 0)[0]
        offs = struct.unpack_from(f"<{n}Q", payload, 8)
        parts = [payload[offs[i]:offs[i + 1]] for i in range(n - 1)] + [payload[offs[-1]:]]
        channel = parts[0].decode()
        header, _parent, _meta, content = (json.loads(p) for p in parts[1:5])
        return channel, {"header": header, "msg_type": header.get("msg_type"), "content": content}
    except (struct.error, ValueError, IndexError, UnicodeDecodeError):
        return None


class LabNotebook:
    """A notebook opened in JupyterLab in its own browser context, with what it logged and requested."""

    def __init__(self, browser, server, name):
        self.server, self.name = server, name
        self.errors, self.blocked, self.kernel_updates = [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = p = self.context.new_page()

        def gate(route):
            url = route.request.url
            if url.startswith(server.url + "/") or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        p.route("**/*", gate)
        p.on("console", lambda m: self.errors.append(f"console.error: {m.text}") if m.type == "error" else None)
        p.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        p.on("websocket", self._watch_kernel)
        p.goto(f"{server.url}/lab/tree/{name}?reset", wait_until="load")
        p.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
        self.wait_idle()
        # a fresh profile may ask which kernel to start (a race with the kernel-spec list): wait for
        # that question or for the kernel's name in the toolbar, whichever comes first
        try:
            p.wait_for_function("""() => document.querySelector('.jp-Dialog') || Array.from(
                document.querySelectorAll('.jp-NotebookPanel .jp-Toolbar-kernelName'))
                .some(e => /python/i.test(e.textContent))""", timeout=3_000)
        except Exception:  # noqa: BLE001 - neither yet: the dialog check below decides
            pass
        self.accept_kernel_dialog()
        self.wait_idle()
        if p.locator("#jp-left-stack:visible").count():
            p.keyboard.press("Control+b")           # hide the file browser: a wider notebook

    def _watch_kernel(self, ws):
        if "/api/kernels/" not in ws.url:
            return

        def frame(payload):
            got = _kernel_messages(payload)
            if got and got[0] == "iopub" and got[1].get("msg_type") == "comm_msg":
                data = got[1]["content"].get("data", {})
                if data.get("method") in ("update", "echo_update"):
                    self.kernel_updates.append((data["method"], sorted(data.get("state", {}))))
        ws.on("framereceived", frame)

    def accept_kernel_dialog(self):
        dialog = self.page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count():
            dialog.locator("button.jp-mod-accept").click()
            dialog.wait_for(state="detached", timeout=10_000)

    def wait_idle(self, timeout=60_000):
        self.page.wait_for_selector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']",
                                    timeout=timeout)

    def menu(self, top, item):
        self.accept_kernel_dialog()
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        self.page.locator(".lm-Menu-item:visible .lm-Menu-itemLabel", has_text=item).first.click()

    def run_all(self):
        self.menu("Run", "Run All Cells")
        try:
            self.page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='busy']", timeout=20_000)
        except Exception:  # noqa: BLE001 - a very short run may be over before we look; the save check decides
            pass
        self.wait_idle(RUN_TIMEOUT_MS)

    def saved_notebook(self):
        """Save through the File menu and read the saved copy from the server's folder."""
        path = self.server.root / self.name
        before = path.stat().st_mtime_ns
        self.menu("File", "Save Notebook")
        t_end = time.monotonic() + 60
        while path.stat().st_mtime_ns == before and time.monotonic() < t_end:
            self.page.wait_for_timeout(200)     # not time.sleep: Playwright routes requests only while called
        if path.stat().st_mtime_ns == before:
            shot = self.screenshot("save-failed")
            raise AssertionError(f"{self.name}: File > Save Notebook did not write the file (see {shot})\n"
                                 f"{self.server.log_tail(1500)}")
        t_end = time.monotonic() + 20
        while True:                             # the server may still be writing it
            try:
                return json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                if time.monotonic() > t_end:
                    raise
                self.page.wait_for_timeout(200)

    @property
    def scroller(self):
        return self.page.locator(".jp-NotebookPanel:visible .jp-WindowedPanel-outer").first

    def scan(self, visit):
        """Scroll the notebook from top to bottom, calling ``visit()`` at each position (Lab 4 renders
        only cells near the viewport); ``visit`` returns True to stop."""
        self.scroller.evaluate("e => { e.scrollTop = 0; }")
        for _ in range(400):
            self.page.wait_for_timeout(250)
            if visit():
                return True
            at_end = self.scroller.evaluate(
                "e => { const t = e.scrollTop; e.scrollTop = t + e.clientHeight * 0.7; return e.scrollTop === t; }")
            if at_end:
                self.page.wait_for_timeout(250)
                return bool(visit())
        return False

    def screenshot(self, suffix, element=None):
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"lab__{self.name.removesuffix('.ipynb')}__{suffix}.png"
        if element is None:
            self.page.screenshot(path=str(path))
        else:
            element.screenshot(path=str(path))
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def notebook(request, chromium, lab):
    """The notebook named by the test's parameter, opened in JupyterLab (closed afterwards)."""
    nb = LabNotebook(chromium, lab, request.param)
    yield nb
    nb.close()


def run_all_and_check(nb):
    nb.run_all()
    nb.screenshot("after-run-all")
    saved = nb.saved_notebook()
    code = [c for c in saved["cells"] if c["cell_type"] == "code"]
    not_run = [i for i, c in enumerate(code) if c.get("source") and c.get("execution_count") is None]
    raised = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(code)
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not raised, f"{nb.name}: cells raised during Run All: {raised[:3]}\n{nb.server.log_tail(1500)}"
    assert not not_run, f"{nb.name}: Run All left code cells {not_run[:10]} unexecuted"


# ---- Bokeh ----------------------------------------------------------------------------------------

#: Root views of live figures now in the DOM and not yet visited: a Bokeh root whose document holds a
#: slider; each gets a data-lab-bk attribute for the locators.
_BOKEH_ROOTS_JS = """() => {
    if (!window.Bokeh || !Bokeh.index) { return []; }
    const found = [];
    for (const view of Object.values(Bokeh.index)) {
        const el = view.el;
        if (!el || !el.isConnected || el.hasAttribute('data-lab-bk')) { continue; }
        const sliders = Array.from(view.model.references()).filter(m => m.type === 'Slider');
        if (!sliders.length) { continue; }      // e.g. the document's Notifications root
        const i = document.querySelectorAll('[data-lab-bk]').length;
        el.setAttribute('data-lab-bk', String(i));
        found.push({index: i, root: view.model.id, sliders: sliders.map(s => s.name || s.id)});
    }
    return found;
}"""

#: The state of one live figure: every slider value and every data source's columns.
_BOKEH_STATE_JS = """(i) => {
    const el = document.querySelector(`[data-lab-bk="${i}"]`);
    const view = Object.values(Bokeh.index).find(v => v.el === el);
    const doc = view.model.document;
    const models = Array.from(doc.all_models);
    const sliders = {};
    for (const s of models.filter(m => m.type === 'Slider')) { sliders[s.name || s.id] = s.value; }
    const data = {};
    for (const src of models.filter(m => m.type === 'ColumnDataSource')) {
        const cols = {};
        for (const [k, v] of Object.entries(src.data)) { cols[k] = Array.from(v, x => Number.isFinite(x) ? x : String(x)); }
        data[src.name || src.id] = cols;
    }
    return {sliders: sliders, data: data};
}"""


def _output_of(element):
    """The cell output holding ``element`` (for a screenshot with the mode line above the figure)."""
    return element.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]")


def move_bokeh_slider(nb, fig):
    """Press an arrow key on the figure's first noUiSlider handle; return (before, after) states."""
    p = nb.page
    root = p.locator(f'[data-lab-bk="{fig["index"]}"]')
    root.scroll_into_view_if_needed()
    p.wait_for_timeout(200)
    before = p.evaluate(_BOKEH_STATE_JS, fig["index"])
    nb.screenshot(f"bokeh{fig['index']}-before-move", element=_output_of(root))
    handle = root.locator(".noUi-handle").first
    handle.focus()
    for key in ("ArrowRight", "ArrowLeft"):          # the other way if the handle is at its end
        p.keyboard.press(key)
        p.keyboard.press(key)
        try:
            p.wait_for_function("([i, before]) => JSON.stringify((" + _BOKEH_STATE_JS + ")(i).data) !== before",
                                arg=[fig["index"], json.dumps(before["data"])], timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - the assertions of the caller report what did not change
            pass
    after = p.evaluate(_BOKEH_STATE_JS, fig["index"])
    return before, after, root


@pytest.mark.parametrize("notebook", BOKEH_NBS, indirect=True)
def test_bokeh_sliders_redraw_in_lab(notebook):
    nb, name = notebook, notebook.name
    run_all_and_check(nb)
    figures = []

    def visit():
        for fig in nb.page.evaluate(_BOKEH_ROOTS_JS):
            before, after, root = move_bokeh_slider(nb, fig)
            nb.screenshot(f"bokeh{fig['index']}-after-move", element=_output_of(root))
            figures.append((fig, before, after))
        return False

    nb.scan(visit)
    assert figures, (f"{name}: its saved outputs hold a Bokeh figure, but after Run All no live figure with a "
                     f"slider rendered in JupyterLab (console: {nb.errors[:5]}; blocked: {nb.blocked[:5]})")
    for fig, before, after in figures:
        moved = {k for k in before["sliders"] if before["sliders"][k] != after["sliders"][k]}
        assert moved, f"{name}: figure {fig['sliders']}: the keyboard on its slider handle changed no slider value"
        assert after["data"] != before["data"], (f"{name}: figure {fig['sliders']}: slider {sorted(moved)} moved "
                                                 f"({before['sliders']} -> {after['sliders']}) but no data source "
                                                 "changed")
    assert not nb.errors, f"{name}: console errors in JupyterLab: {nb.errors[:5]}"
    assert not nb.blocked, f"{name}: requests outside the Lab server: {nb.blocked[:5]}"


# ---- ipywidgets sliders handled by the kernel ----------------------------------------------------

#: ipywidgets slider handles now in the DOM (not Bokeh's), marked data-lab-w; with the visible images
#: and text of the outermost widget box around each.
_WIDGET_SLIDERS_JS = """() => {
    const out = [];
    for (const h of document.querySelectorAll('.jupyter-widgets .noUi-handle')) {
        if (!h.isConnected || !h.checkVisibility() || h.closest('[data-lab-w]')) { continue; }
        let box = h.closest('.jupyter-widgets');
        while (box.parentElement && box.parentElement.closest('.jupyter-widgets')) {
            box = box.parentElement.closest('.jupyter-widgets');
        }
        const i = document.querySelectorAll('[data-lab-w]').length;
        box.setAttribute('data-lab-w', String(i));
        h.setAttribute('data-lab-handle', String(i));
        out.push(i);
    }
    return out;
}"""

_WIDGET_VIEW_JS = """(i) => {
    const box = document.querySelector(`[data-lab-w="${i}"]`);
    return {imgs: Array.from(box.querySelectorAll('img')).filter(e => e.checkVisibility()).map(e => e.src),
            text: Array.from(box.querySelectorAll('.widget-html, .widget-readout, .widget-output'))
                  .filter(e => e.checkVisibility()).map(e => e.innerText)};
}"""


def _kernel_handled(updates):
    """The kernel answered the move: ipywidgets' Python side set the slider's new value (and ran its
    observers, in the same handler) and echoed it, or a Python observer changed another widget."""
    return any(method == "update" or {"value", "index"} & set(keys) for method, keys in updates)


@pytest.mark.parametrize("notebook", KERNEL_NBS, indirect=True)
def test_kernel_slider_updates_in_lab(notebook):
    nb, name = notebook, notebook.name
    run_all_and_check(nb)
    tried = []

    def visit():
        p = nb.page
        for i in p.evaluate(_WIDGET_SLIDERS_JS):
            box = p.locator(f'[data-lab-w="{i}"]')
            handle = p.locator(f'[data-lab-handle="{i}"]')
            handle.scroll_into_view_if_needed()
            p.wait_for_timeout(200)
            before = p.evaluate(_WIDGET_VIEW_JS, i)
            nb.screenshot(f"widget{i}-before-move", element=box)
            n_updates = len(nb.kernel_updates)
            handle.focus()
            p.keyboard.press("ArrowRight")
            try:
                p.wait_for_function("([i, b]) => JSON.stringify((" + _WIDGET_VIEW_JS + ")(i)) !== b",
                                    arg=[i, json.dumps(before)], timeout=3_000)
            except Exception:  # noqa: BLE001 - at the right end already: go the other way
                p.keyboard.press("ArrowLeft")
                p.keyboard.press("ArrowLeft")
            t_end = time.monotonic() + 10
            while len(nb.kernel_updates) == n_updates and time.monotonic() < t_end:
                p.wait_for_timeout(100)
            nb.wait_idle()
            p.wait_for_timeout(300)
            after = p.evaluate(_WIDGET_VIEW_JS, i)
            updates = nb.kernel_updates[n_updates:]
            tried.append((i, before, after, updates))
            nb.screenshot(f"widget{i}-after-move", element=box)
            if _kernel_handled(updates) and after != before:
                return True
            if len(tried) >= 3:
                return True
        return False

    nb.scan(visit)
    assert tried, f"{name}: its saved state has an ipywidgets slider, but none rendered after Run All"
    ok = [t for t in tried if _kernel_handled(t[3]) and t[2] != t[1]]
    assert ok, ("moving ipywidgets sliders with the keyboard: " + "; ".join(
        f"slider {i}: widget messages from the kernel {u[:4]}, view changed {a != b}"
        for i, b, a, u in tried))
    i, before, after, updates = ok[0]
    assert after["imgs"] != before["imgs"] or after["text"] != before["text"]
    assert not nb.errors, f"{name}: console errors in JupyterLab: {nb.errors[:5]}"
    assert not nb.blocked, f"{name}: requests outside the Lab server: {nb.blocked[:5]}"
