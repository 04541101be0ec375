"""The two-edition build's staging (book/editions.py) and the language switch's URL
(book/_ext/dlnotes_editions.py), without building anything."""
import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


editions = _load("dlnotes_book_editions", ROOT / "book" / "editions.py")
switch = _load("dlnotes_editions_ext", ROOT / "book" / "_ext" / "dlnotes_editions.py")


def tiny_notebook(ja=True):
    md = {"cell_type": "markdown", "metadata": {}, "source": "# Softmax\n\nThe softmax function."}
    if ja:
        md["metadata"]["dlnotes"] = {"ja": "# Softmax\n\nソフトマックス関数。"}
    code = {"cell_type": "code", "execution_count": 1, "source": "plots.softmax()",
            "metadata": {"mystnb": {"image": {"alt": "A curve rising from 0 to 1"}}},
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "max error 1e-16\n"},
                {"output_type": "display_data", "data": {"image/png": "EN-PNG", "text/plain": "<Figure>"},
                 "metadata": {"dlnotes": {"ja": {"image/png": "JA-PNG"}}} if ja else {}},
                {"output_type": "display_data", "data": {"text/html": "<b>shared</b>"}, "metadata": {}},
            ]}
    if ja:
        code["metadata"]["dlnotes"] = {"alt_ja": "0 から 1 へ上がる曲線"}
    return {"cells": [md, code], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _no_dlnotes_metadata(nb):
    text = json.dumps(nb)
    return '"dlnotes"' not in text


def test_english_edition_keeps_the_english_and_drops_the_metadata():
    nb = tiny_notebook()
    en = editions.edition_notebook(nb, "en")
    assert en["cells"][0]["source"] == nb["cells"][0]["source"]
    assert en["cells"][1]["metadata"]["mystnb"]["image"]["alt"] == "A curve rising from 0 to 1"
    assert en["cells"][1]["outputs"][1]["data"]["image/png"] == "EN-PNG"
    assert _no_dlnotes_metadata(en)
    assert "dlnotes" in nb["cells"][0]["metadata"], "the input notebook must not be changed"


def test_japanese_edition_swaps_prose_alt_and_outputs():
    nb = tiny_notebook()
    ja = editions.edition_notebook(nb, "ja")
    assert ja["cells"][0]["source"] == "# Softmax\n\nソフトマックス関数。"
    assert ja["cells"][1]["metadata"]["mystnb"]["image"]["alt"] == "0 から 1 へ上がる曲線"
    outs = ja["cells"][1]["outputs"]
    assert outs[0]["text"] == "max error 1e-16\n"                     # printed output: shared
    assert outs[1]["data"] == {"image/png": "JA-PNG", "text/plain": "<Figure>"}
    assert outs[2]["data"] == {"text/html": "<b>shared</b>"}
    assert _no_dlnotes_metadata(ja)
    assert ja["cells"][1]["source"] == nb["cells"][1]["source"]         # code: shared


def test_missing_japanese_is_an_error_naming_what_is_missing():
    nb = tiny_notebook(ja=False)
    with pytest.raises(editions.MissingJapanese) as err:
        editions.edition_notebook(nb, "ja", name="notebooks/x.ipynb")
    msg = str(err.value)
    assert "notebooks/x.ipynb cell 1: markdown without metadata.dlnotes.ja" in msg
    assert "notebooks/x.ipynb cell 2: figure alt text without metadata.dlnotes.alt_ja" in msg
    # collected instead of raised (the build lists every lack at once), English kept
    missing = []
    ja = editions.edition_notebook(nb, "ja", missing, name="notebooks/x.ipynb")
    assert len(missing) == 2 and ja["cells"][0]["source"] == nb["cells"][0]["source"]
    # the English edition needs no Japanese
    editions.edition_notebook(nb, "en")


def test_an_empty_markdown_cell_needs_no_japanese():
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "  \n"}], "metadata": {}}
    editions.edition_notebook(nb, "ja")


def test_stage_fails_listing_missing_pages(tmp_path, monkeypatch):
    """Staging the Japanese edition lists a missing book/ja page and a notebook cell without Japanese."""
    executed = tmp_path / "executed"
    executed.mkdir()
    (executed / "x.ipynb").write_text(json.dumps(tiny_notebook(ja=False)), encoding="utf-8")
    fake_ja = tmp_path / "ja"          # a book/ja with only the captions: every page missing
    fake_ja.mkdir()
    (fake_ja / "_toc_captions.yml").write_text("title: テスト\n", encoding="utf-8")
    monkeypatch.setattr(editions, "CAPTIONS", fake_ja / "_toc_captions.yml")
    monkeypatch.setattr(editions, "JA_DIR", fake_ja)
    missing = []
    editions.stage("ja", executed, tmp_path / "stage", missing)
    text = "\n".join(missing)
    assert "book/intro.md" in text and "book/api/functions.md" in text
    assert "no Japanese for part caption 'Getting started'" in text
    assert "notebooks/x.ipynb cell 1: markdown without metadata.dlnotes.ja" in text
    staged = yaml.safe_load((tmp_path / "stage" / "_config.yml").read_text(encoding="utf-8"))
    assert staged["execute"]["execute_notebooks"] == "off"
    assert staged["sphinx"]["config"]["language"] == "ja"
    assert staged["sphinx"]["config"]["html_search_language"] == "ja"
    assert staged["sphinx"]["config"]["html_show_search_summary"] is False
    assert staged["sphinx"]["config"]["dlnotes_edition"] == "ja"
    assert staged["title"] == "テスト"


def test_every_part_caption_has_its_japanese():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    captions = yaml.safe_load((ROOT / "book" / "ja" / "_toc_captions.yml").read_text(encoding="utf-8"))
    assert captions.get("title")
    lacking = [p["caption"] for p in toc["parts"] if not captions.get(p["caption"])]
    assert not lacking, f"book/ja/_toc_captions.yml lacks: {lacking}"


@pytest.mark.parametrize("page,edition,url", [
    ("book/intro", "en", "../../ja/book/intro.html"),
    ("book/api/functions", "ja", "../../../en/book/api/functions.html"),
    ("notebooks/02-1-perceptron", "en", "../../ja/notebooks/02-1-perceptron.html"),
    ("genindex", "ja", "../en/genindex.html"),
])
def test_switch_url_is_the_same_page_in_the_other_edition(page, edition, url):
    assert switch.counterpart_url(page, edition) == url
    html = switch.switch_html(page, edition)
    other = {"en": "ja", "ja": "en"}[edition]
    assert f'href="{url}"' in html and f'hreflang="{other}"' in html and f'lang="{other}"' in html
    assert ("日本語" if other == "ja" else "English") in html
