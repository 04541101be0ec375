"""Sphinx extension: make the built site work from disk with no network.

* Copies the ipywidgets html-manager's standalone ``embed.js`` (no require.js
  needed) and the fonts it references from ``node_modules`` (installed by
  ``npm ci`` from the committed ``package-lock.json``) into
  ``_static/dlnotes-vendor/html-manager/``.  ``_config.yml`` points myst-nb's
  ``nb_ipywidgets_js`` at that copy (no ``crossorigin`` attribute: a CORS
  script request fails from ``file://``).
* (matplotlib's ``to_jshtml`` animation player links Font Awesome 4 from a CDN;
  ``dlnotes.plots`` drops that link where it makes the animation, and the theme's
  own ``_static/scripts/fontawesome.js`` knows the v4 icon names the player uses.)
* Drops sphinx-thebe's scripts (thebe is off; jupyter-book adds its inline
  config twice, so every page threw "Identifier 'THEBE_JS_URL' has already
  been declared") and adds ``mathjax2_shim.js`` (ipywidgets typesets labels
  with the MathJax 2 API; the site ships MathJax 3).
* Sets the theme's ``default_mode`` (html_context) to ``light`` (empty by default, which
  made every page log "Got invalid theme mode").
* Copies BokehJS (``bokeh.min.js``, ``bokeh-widgets.min.js``) from the installed
  ``bokeh`` package into ``_static/dlnotes-vendor/bokeh/`` once, and adds the two
  scripts to each page that holds a live figure (a Bokeh root, ``data-root-id``):
  the notebooks embed only each figure's script and div (``DLNOTES_BOKEH=components``,
  see ``dlnotes.widgets.live``), not 3.5 MB of BokehJS per page.
* After the build, scans every HTML page for a script, stylesheet, font,
  image, iframe or media element loaded from ``http(s)://`` (or ``//``) and
  fails the build if it finds one, naming the page and the address.
"""
import re
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HTML_MANAGER = Path("node_modules") / "@jupyter-widgets" / "html-manager" / "dist"
VENDOR = Path("_static") / "dlnotes-vendor" / "html-manager"
SHIM = "mathjax2_shim.js"      # copied to _static/dlnotes-vendor/
HERE = Path(__file__).resolve().parent
BOKEH_VENDOR = Path("_static") / "dlnotes-vendor" / "bokeh"
BOKEH_FILES = ("bokeh.min.js", "bokeh-widgets.min.js")
#: files of html-manager/dist the site needs: the bundle, its licence, and the Font Awesome 5 web fonts
#: its widget CSS refers to (relative to embed.js); not the source maps or the require.js (amd) builds
_WANTED = re.compile(r"^(embed\.js|embed\.js\.LICENSE\.txt|[0-9a-f]{20}\.(woff2|woff|ttf|eot|svg))$")

_THEBE_CONFIG = re.compile(r'<script type="text/x-thebe-config">.*?</script>', re.S)

# Elements whose src/href the browser loads by itself (anchors are links, not loads).
_LOADED = re.compile(
    r"<(script|link|img|iframe|source|video|audio|embed|object|track)\b([^>]*)>", re.I)
_ATTR = re.compile(r"\b(src|href|data)\s*=\s*[\"']\s*((?:https?:)?//[^\"']*)[\"']", re.I)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s]+)", re.I)


def _project_root(app):
    # jupyter-book runs Sphinx with confdir = the book root (where _config.yml is)
    return Path(app.confdir)


def _source_dir(app):
    src = _project_root(app) / HTML_MANAGER
    if not (src / "embed.js").is_file():
        raise ExtensionError(
            f"offline_assets: expected {src / 'embed.js'} (the ipywidgets html-manager), "
            "found nothing; run `npm ci` in the project root (`make book` does it)")
    return src


def set_theme_mode(app, config):
    # pydata-sphinx-theme reads default_mode from html_context (not html_theme_options)
    context = dict(config.html_context or {})
    if not context.get("default_mode"):
        context["default_mode"] = "light"
        config.html_context = context


def check_assets(app):
    if app.builder.format == "html":
        _source_dir(app)
        # after sphinx.ext.mathjax's tex-chtml.js (deferred, priority 500)
        app.add_js_file(f"dlnotes-vendor/{SHIM}", priority=510, defer="defer")


def _is_thebe(asset):
    name = getattr(asset, "filename", None) or str(asset)
    body = (getattr(asset, "attributes", None) or {}).get("body", "") or ""
    return "thebe" in name or "THEBE_JS_URL" in body


def strip_thebe(app, pagename, templatename, context, doctree):
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_thebe(a)]
    body = context.get("body")
    if body:
        context["body"] = _THEBE_CONFIG.sub("", body)


def add_bokeh(app, pagename, templatename, context, doctree):
    """Load BokehJS (head, before the figures' own scripts) on pages that hold a live figure."""
    if "data-root-id=" in (context.get("body") or ""):
        for name in BOKEH_FILES:
            app.add_js_file(f"dlnotes-vendor/bokeh/{name}", priority=200)


def _bokeh_static():
    import bokeh
    return Path(bokeh.__file__).parent / "server" / "static" / "js"


def external_loads(html):
    """Return the external addresses an HTML text makes the browser load."""
    found = []
    for tag, attrs in _LOADED.findall(html):
        if tag.lower() == "link" and re.search(r"rel=[\"']?(?:canonical|alternate|next|prev)", attrs, re.I):
            continue
        found += [url for _, url in _ATTR.findall(attrs)]
    found += _CSS_IMPORT.findall(html)
    return found


def copy_and_check(app, exception):
    if exception or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    dest = outdir / VENDOR
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(_source_dir(app).iterdir()):
        if _WANTED.match(f.name):
            shutil.copy2(f, dest / f.name)
    shutil.copy2(HERE / SHIM, dest.parent / SHIM)
    (outdir / BOKEH_VENDOR).mkdir(parents=True, exist_ok=True)
    for name in BOKEH_FILES:
        shutil.copy2(_bokeh_static() / name, outdir / BOKEH_VENDOR / name)
    problems = []
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        for url in external_loads(page.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{page.relative_to(outdir)}: {url}")
    if problems:
        raise ExtensionError(
            "offline_assets: expected no asset loaded from the network, found "
            f"{len(problems)}:\n  " + "\n  ".join(problems[:30]))
    logger.info("offline_assets: html-manager copied to %s; no external loads in the pages", VENDOR)


def setup(app):
    app.connect("config-inited", set_theme_mode)
    app.connect("builder-inited", check_assets)
    app.connect("html-page-context", strip_thebe, priority=900)
    app.connect("html-page-context", add_bokeh)
    app.connect("build-finished", copy_and_check)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
