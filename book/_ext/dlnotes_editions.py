"""Sphinx extension: the language switch of the two editions (English / Japanese).

``book/editions.py`` builds the site twice, into ``_build/html/en/`` and ``_build/html/ja/``, and
sets the config value ``dlnotes_edition`` ("en" or "ja") in each staged ``_config.yml``.  On
every page with a body this extension puts, at the top of the article, a link to the same page
in the other edition::

    ../ * (depth of the page name) + ../<other>/ + pagename + .html

(relative, so it works from ``file://``), labelled 「日本語」 on English pages and "English" on
Japanese pages, with ``lang`` and ``hreflang``; and a ``<link rel="alternate" hreflang>`` in the
head.  Without ``dlnotes_edition`` (a plain ``jupyter-book build .``) it does nothing.
"""
from html import escape
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "dlnotes_editions_static"
OTHER = {"en": "ja", "ja": "en"}
LABEL = {"en": "English", "ja": "日本語"}          # the label names the edition the link goes to
TITLE = {"en": "This page in English", "ja": "このページの日本語版"}


def counterpart_url(pagename, edition):
    """Relative URL of ``pagename`` in the other edition, from ``pagename``'s own HTML file."""
    other = OTHER[edition]
    return "../" * pagename.count("/") + f"../{other}/{pagename}.html"


def switch_html(pagename, edition):
    other = OTHER[edition]
    return (f'<div class="dlnotes-edition-switch">'
            f'<a href="{escape(counterpart_url(pagename, edition))}" hreflang="{other}" lang="{other}" '
            f'title="{escape(TITLE[other])}">{LABEL[other]}</a></div>\n')


def add_switch(app, pagename, templatename, context, doctree):
    edition = app.config.dlnotes_edition
    if edition not in OTHER or not context.get("body") or doctree is None:
        return
    context["body"] = switch_html(pagename, edition) + context["body"]
    other = OTHER[edition]
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<link rel="alternate" hreflang="{other}" href="{escape(counterpart_url(pagename, edition))}" />')


def add_css(app):
    if app.builder.format == "html" and app.config.dlnotes_edition in OTHER:
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("dlnotes-editions.css")


def setup(app):
    app.add_config_value("dlnotes_edition", "", "html")
    app.connect("builder-inited", add_css)
    app.connect("html-page-context", add_switch)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
