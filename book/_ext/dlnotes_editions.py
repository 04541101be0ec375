"""Sphinx extension: the language switch of the two editions (English / Japanese).

``book/editions.py`` builds the site twice, into ``_build/html/en/`` and ``_build/html/ja/``, and
sets the config value ``dlnotes_edition`` ("en" or "ja") in each staged ``_config.yml``.  On
every page with a body this extension puts, at the top of the article, a link to the same page
in the other edition::

    ../ * (depth of the page name) + ../<other>/ + pagename + .html

(relative, so it works from ``file://``), labelled 「日本語」 on English pages and "English" on
Japanese pages, with ``lang`` and ``hreflang``; and a ``<link rel="alternate" hreflang>`` in the
head.  Without ``dlnotes_edition`` (a plain ``jupyter-book build .``) it does nothing.

Japanese search (``html_search_language: ja``): Sphinx indexes Japanese text as the words its
TinySegmenter cuts (バッチ / 正規 / 化, dropping one-character words), but its search page splits a
query only at spaces and punctuation, so 「バッチ正規化」 matched nothing.  ``JA_SPLITTER`` (put into
``language_data.js`` through the search language's ``js_splitter_code``) cuts each Japanese query
word into the index's own words (fewest pieces, by dynamic programming over the loaded index);
a lone character between them is left out, as the indexer leaves one-character words out
(two or more unmatched characters in a row stay in the query, which then finds nothing).

Japanese typography: this extension also loads ``dlnotes_cjk`` (book/_ext/dlnotes_cjk.py), which
in the Japanese edition removes the source's line breaks between two Japanese characters (the
browser would show each as a space).
"""
from html import escape
from pathlib import Path

import sphinx.search
from sphinx.search.ja import SearchJapanese

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


JA_SPLITTER = r"""
var splitQuery = (query) => {
  const words = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter(t => t);
  const index = (typeof Search !== "undefined" && Search._index) || null;
  if (!index) return words;
  const known = (w) => Object.prototype.hasOwnProperty.call(index.terms, w)
    || Object.prototype.hasOwnProperty.call(index.titleterms, w);
  const japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;
  const out = [];
  words.forEach((word) => {
    const w = word.toLowerCase();
    if (known(w) || !japanese.test(w)) { out.push(word); return; }
    // best[j] = the cheapest cut of w[0:j]: an indexed word costs 1, a skipped character 2
    const n = w.length, best = [{cost: 0, pieces: []}];
    for (let j = 1; j <= n; j++) {
      best[j] = {cost: best[j - 1].cost + 2, pieces: best[j - 1].pieces.concat([{skip: w[j - 1]}])};
      for (let i = 0; i < j - 1; i++) {
        const piece = w.slice(i, j);
        if (known(piece) && best[i].cost + 1 < best[j].cost) {
          best[j] = {cost: best[i].cost + 1, pieces: best[i].pieces.concat([piece])};
        }
      }
    }
    // a lone skipped character is a one-character word (not indexed): left out; two or more in a
    // row stay a query word (so a query for what the index lacks finds nothing)
    const kept = [];
    let run = "";
    best[n].pieces.concat([""]).forEach((p) => {
      if (typeof p === "object") { run += p.skip; return; }
      if (run.length > 1) kept.push(run);
      run = "";
      if (p) kept.push(p);
    });
    out.push(...(kept.length ? kept : [word]));
  });
  return out;
};
"""


class SearchJapaneseQuery(SearchJapanese):
    """Sphinx's Japanese search language, with a query splitter that matches its index (JA_SPLITTER)."""
    js_splitter_code = JA_SPLITTER


def add_switch(app, pagename, templatename, context, doctree):
    edition = app.config.dlnotes_edition
    if edition not in OTHER or not context.get("body") or doctree is None:
        return
    context["body"] = switch_html(pagename, edition) + context["body"]
    other = OTHER[edition]
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<link rel="alternate" hreflang="{other}" href="{escape(counterpart_url(pagename, edition))}" />')


#: Sphinx 7.4's Japanese catalogue translates this search-page status as "" (an empty line after
#: a search that found pages); the Japanese edition fills it in
SEARCH_FOUND = "Search finished, found ${resultCount} page(s) matching the search query."
SEARCH_FOUND_JA = "検索が終わりました。${resultCount} ページが見つかりました。"


def add_assets(app):
    if app.builder.format == "html" and app.config.dlnotes_edition in OTHER:
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("dlnotes-editions.css")
        if app.config.dlnotes_edition == "ja":
            app.add_js_file(None, priority=900, body=(
                "if (typeof Documentation !== \"undefined\" && Documentation.TRANSLATIONS "
                f"&& !Documentation.TRANSLATIONS[{SEARCH_FOUND!r}]) "
                f"{{ Documentation.TRANSLATIONS[{SEARCH_FOUND!r}] = {SEARCH_FOUND_JA!r}; }}"))


def setup(app):
    sphinx.search.languages["ja"] = SearchJapaneseQuery
    app.add_config_value("dlnotes_edition", "", "html")
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", add_switch)
    app.setup_extension("dlnotes_cjk")     # ja: no space at a line break between Japanese characters
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
