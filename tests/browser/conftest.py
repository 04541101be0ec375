"""Real-browser tests of the built site (headless Debian Chromium driven by Playwright).

The site (``DLNOTES_SITE``, ``_build/html``) holds two editions, ``en/`` and ``ja/``
(book/editions.py), and the root index.html offering both: ``page_rel`` runs over every page of
both; ``open_page("notebooks/X.html")`` (no edition) opens the English page.

Opt-in: they run when ``DLNOTES_SITE`` names a built site (``make browser`` and
``make test`` set it to ``_build/html``); a plain ``pytest tests`` skips them.
Every page is opened from ``file://`` with every request outside the site
folder aborted and recorded.  Pages are discovered at collection time, so a
new notebook in ``_toc.yml`` is covered without editing the tests.
"""
import json
import shutil

import pytest

from siteinfo import READING, REPORT, ROOT, SHOTS, discover_pages, merge_counts, page_kind, resolve, site_dir

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
]

LAPTOP = {"width": 1280, "height": 900}


def pytest_generate_tests(metafunc):
    if "page_rel" not in metafunc.fixturenames:
        return
    site = site_dir()
    if site is None or not site.is_dir():
        metafunc.parametrize("page_rel", [None], ids=["no-site"])
        return
    pages = discover_pages(site)
    want = getattr(metafunc.function, "kind", None)
    if want:
        pages = [p for p in pages if page_kind(site, p)[want]]
    metafunc.parametrize("page_rel", pages, ids=pages)


@pytest.fixture(scope="session")
def site():
    site = site_dir()
    if site is None:
        pytest.skip("browser tests run with DLNOTES_SITE=_build/html (make browser / make test)")
    if not (site / "index.html").is_file():
        pytest.fail(f"DLNOTES_SITE={site}: expected a built site with index.html, found none (run make book)")
    return site


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium (for tests that need no built site, e.g. the JS rules)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Debian's chromium is not on PATH (make test installs it with apt-get)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser(site, chromium):
    return chromium


@pytest.fixture(scope="session")
def rules_page(chromium):
    """A blank page with dlnotes' JavaScript rules loaded (``globalThis.dlnotes``)."""
    from dlnotes.widgets.live import js_rules
    context = chromium.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=js_rules())
    assert not errors, errors
    yield page
    context.close()


class LoadedPage:
    """One site page opened in its own context, with what it requested and logged."""

    def __init__(self, browser, site, rel):
        self.site, self.rel = site, rel
        self.blocked, self.failed, self.console_errors = [], [], []
        self.context = browser.new_context(viewport=LAPTOP)
        self.page = self.context.new_page()
        site_prefix = site.as_uri() + "/"

        def gate(route):
            url = route.request.url
            if url.startswith(site_prefix) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        self.page.route("**/*", gate)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})")
                     if not any(r.url == b for b in self.blocked) else None)
        self.page.on("console", lambda m: self.console_errors.append(f"console.{m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(f"pageerror: {e}"))
        self.page.goto((site / rel).as_uri(), wait_until="load")
        if 'http-equiv="refresh"' in (site / rel).read_text(encoding="utf-8").lower():
            # index.html only redirects to the first chapter: follow it
            self.page.wait_for_url(lambda url: not url.endswith("/" + rel), timeout=10_000)
            self.page.wait_for_load_state("load")
        self.settle()

    def settle(self):
        """Wait for MathJax's first typeset and for the widget manager to render the saved views."""
        p = self.page
        p.evaluate("""async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
        }""")
        if p.locator('script[type="application/vnd.jupyter.widget-view+json"]').count():
            p.wait_for_function("""() => {
                const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
                return Array.from(views).every(s => s.previousElementSibling
                    && s.previousElementSibling.classList.contains('jupyter-widgets'))
                    || document.querySelectorAll('.jupyter-widgets .widget-image, .jupyter-widgets img').length > 0;
            }""", timeout=30_000)
        p.wait_for_timeout(300)
        p.evaluate("() => Promise.all(Array.from(document.images).map(i => i.complete ? null : "
                   "new Promise(r => { i.onload = i.onerror = r; })))")

    def screenshot(self, suffix="", element=None):
        """The whole page, or one element (after an interaction: the widget or player that moved)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = self.rel.replace("/", "__").removesuffix(".html") + suffix + ".png"
        if element is not None:
            element.scroll_into_view_if_needed()
            box = element.bounding_box()
            pad = 12
            self.page.screenshot(path=str(SHOTS / name), clip={
                "x": max(0, box["x"] - pad), "y": max(0, box["y"] - pad),
                "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad})
        else:
            self.page.screenshot(path=str(SHOTS / name), full_page=True)
        return SHOTS / name

    def close(self):
        self.context.close()


#: The per-page tests (run over every page) read one opened page in turn instead of opening it
#: each: in this order, the ones that only read first, the ones that move sliders or type
#: answers last. pytest_collection_modifyitems puts a page's tests next to each other and in one
#: xdist group (make browser runs ``--dist loadgroup``), so a worker opens each page once.
SHARED_ORDER = ("test_page_loads_offline", "test_every_image_has_a_real_description",
                "test_figures_link_to_their_full_size_file", "test_figures_keep_a_readable_width_on_a_phone",
                "test_nothing_cut_off", "test_every_slider_has_a_name_and_its_shown_value_as_valuetext",
                "test_in_page_exercises_judge_like_the_checker")


def shared_rel(item):
    """The page a per-page test reads (its ``page_rel`` or ``rel`` parameter), None for any other test."""
    if item.originalname not in SHARED_ORDER or not hasattr(item, "callspec"):
        return None
    params = item.callspec.params
    return params.get("page_rel", params.get("rel"))


@pytest.hookimpl(tryfirst=True)       # before xdist's worker hook reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    first = {}
    for i, item in enumerate(items):
        rel = shared_rel(item)
        if rel is not None:
            first.setdefault(rel, i)

    def key(pair):
        i, item = pair
        rel = shared_rel(item)
        return (i, 0) if rel is None else (first[rel], 1 + SHARED_ORDER.index(item.originalname))

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]
    for item in items:
        rel = shared_rel(item)
        if rel is not None:
            item.add_marker(pytest.mark.xdist_group(rel))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if outcome.get_result().failed:
        item.dlnotes_failed = True


@pytest.fixture(scope="session")
def page_cache(browser):
    cache = {}
    yield cache
    if cache:
        cache.pop("lp").close()


@pytest.fixture
def shared_page(page_cache, browser, site, request):
    """``shared_page(rel)``: the page as the previous per-page test left it, back at the laptop size
    and scrolled to the top (a new one when the page differs, or when that test failed)."""
    def _get(rel):
        rel = resolve(site, rel)
        lp = page_cache.get("lp")
        if lp is not None and lp.rel == rel:
            lp.page.evaluate("() => window.scrollTo(0, 0)")
            if lp.page.viewport_size != LAPTOP:
                lp.page.set_viewport_size(LAPTOP)
                lp.page.wait_for_timeout(300)          # the layout (and resize handlers) settle
            return lp
        if lp is not None:
            page_cache.pop("lp").close()
        page_cache["lp"] = LoadedPage(browser, site, rel)
        return page_cache["lp"]

    yield _get
    if getattr(request.node, "dlnotes_failed", False) and page_cache:
        page_cache.pop("lp").close()      # a failed test may leave the page half-changed


@pytest.fixture
def open_page(browser, site):
    opened = []

    def _open(rel):
        # a page named without its edition ("notebooks/02-1-perceptron.html") opens in the English one
        lp = LoadedPage(browser, site, resolve(site, rel))
        opened.append(lp)
        return lp

    yield _open
    for lp in opened:
        lp.close()


# make browser runs the tests in two processes (pytest-xdist): each worker hands its counts to the
# controller, which prints the sums
def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["dlnotes_counts"] = json.dumps({"report": REPORT, "reading": READING})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    counts = getattr(node, "workeroutput", {}).get("dlnotes_counts")
    if counts:
        counts = json.loads(counts)
        merge_counts(REPORT, counts["report"])
        merge_counts(READING, counts["reading"])


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    if READING["pages"]:
        tr.section("reading (issue 16)")
        for name in READING["cut"]:                      # the viewports of test_reading
            tr.write_line(f"{name}: {READING['cut'][name]} cut block(s); {len(READING['sideways'][name])} of "
                          f"{READING['pages']} page(s) scroll sideways; {READING['tables'][name]} table(s) "
                          f"wider than the column; {READING['scrolling_inputs'][name]} wide code block(s) "
                          f"scroll in their box")
    if not REPORT["pages"] and not REPORT["weights"]:
        return
    tr.section("dlnotes site (browser tests)")
    tr.write_line(f"pages opened: {len(set(REPORT['pages']))}; widget controls moved: {REPORT['widgets']}; "
                  f"animations played: {REPORT['animations']}; screenshots in {SHOTS.relative_to(ROOT)}/")
    if REPORT["weights"]:
        rel, (total, html, imgs) = max(REPORT["weights"].items(), key=lambda kv: kv[1][0])
        tr.write_line(f"largest page: {rel}: {total / 1e6:.2f} MB (HTML {html / 1e6:.2f} MB incl. inline "
                      f"images and widget state, + {imgs / 1e6:.2f} MB image files)")
