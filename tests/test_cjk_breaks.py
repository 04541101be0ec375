"""No space at a line break between two Japanese characters (issue 21): book/_ext/dlnotes_cjk.py.

The rule on a string (``join_cjk_breaks``), and on a doctree as MyST parses the Markdown
(``join_doctree``: a soft line break is its own Text node, math and inline code are nodes of
their own), without building the site; tests/browser/test_ja_line_breaks.py checks the built
Japanese edition.
"""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("dlnotes_cjk", ROOT / "book" / "_ext" / "dlnotes_cjk.py")
cjk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cjk)
join = cjk.join_cjk_breaks


@pytest.mark.parametrize("text, expected", [
    ("注意の要る点が\n二つある", "注意の要る点が二つある"),           # kana-kanji
    ("。\n次", "。次"),                                             # CJK punctuation
    ("ある。\n次の", "ある。次の"),
    ("「注意」\n（括弧）", "「注意」（括弧）"),                       # brackets, full-width parentheses
    ("値は\n１０", "値は１０"),                                      # full-width digits
    ("カタカナ\nひらがな\n漢字", "カタカナひらがな漢字"),             # several breaks
    ("点が  \n    二つ", "点が二つ"),                               # spaces and indentation around it
    ("点が\t\n\t二つ", "点が二つ"),
    ("点が\r\n二つ", "点が二つ"),                                    # CRLF
    ("点が\n\n二つ", "点が二つ"),                                    # (blank line inside one text node)
    ("点が　\n二つ", "点が　二つ"),                                  # the ideographic space is meant: kept
])
def test_breaks_between_japanese_characters_are_removed(text, expected):
    assert join(text) == expected


@pytest.mark.parametrize("text", [
    "ReLU\nの",                  # Latin, then Japanese
    "の\nReLU",                  # Japanese, then Latin
    "学習率 0.1\nで",            # a number
    "で\n0.1",
    "$x$\nは",                   # math source
    "は\n$x$",
    "ReLU\nrelu",                # no Japanese at all
    "the\nnext line",
    "値は\n(1)",                 # ASCII parenthesis
    "한국어\n문장",              # Hangul: Korean puts spaces between words
    "の\n",                      # a break at the end, nothing after
    "\nの",                      # a break at the start, nothing before
    "\n",
    "",
    "改行なし",
])
def test_other_breaks_stay(text):
    assert join(text) == text


def test_the_neighbours_outside_the_text():
    """A break at the start or end of a text node looks at the text around it (``before``, ``after``)."""
    assert join("\n", before="が", after="二") == ""
    assert join("\n二つ", before="が") == "二つ"
    assert join("点が\n", after="二") == "点が"
    assert join("  \n  ", before="が", after="二") == ""
    assert join("\n", before="U", after="の") == "\n"          # ReLU⏎の
    assert join("\n", before="が", after="") == "\n"           # nothing after (or an opaque node)
    assert join("\n", before="\0", after="の") == "\n"         # the stand-in for math or code
    assert join("点が\nReLU\nの", before="。", after="。") == "点が\nReLU\nの"


def test_is_cjk():
    assert all(cjk.is_cjk(c) for c in "あアー漢字、。「」（）！？　・１Ａ")
    assert not any(cjk.is_cjk(c) for c in "aZ09 (),.\n\t\0$-–—…한")
    assert not cjk.is_cjk("") and not cjk.is_cjk("あい")


# ---------------------------------------------------------------------------- the doctree
SOURCE = """\
注意の要る点が
二つある。**強調**
です。ReLU
の値と $x$
は、`code`
の。

- 項目の
  続き

```
まだ違う：
答え
```

$$
y = x
$$

| 列 |
|----|
| 表の<br>改行 |

:::{figure} a.png
:alt: 図の説明

図の
キャプション
:::
"""


@pytest.fixture()
def doctree():
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser
    return publish_doctree(SOURCE, parser=Parser(), settings_overrides={
        "myst_enable_extensions": ["dollarmath", "colon_fence", "html_image"], "report_level": 4})


def test_doctree_joins_prose_and_keeps_the_rest(doctree):
    from docutils import nodes
    paragraph = doctree.next_node(nodes.paragraph)
    assert "要る点が\n二つ" in paragraph.astext()            # as parsed: a soft break, its own Text node
    removed = cjk.join_doctree(doctree)
    text = paragraph.astext()
    assert "点が二つ" in text                                 # joined
    assert "強調です" in text                                 # across inline markup (<strong>)
    assert "ReLU\nの" in text                                 # Latin: kept
    assert "x\nは" in text                                    # after inline math: kept
    assert "code\nの" in text                                 # after inline code: kept
    assert "項目の続き" in doctree.next_node(nodes.list_item).astext()
    assert "図のキャプション" in doctree.next_node(nodes.caption).astext()
    assert doctree.next_node(nodes.literal_block).astext().strip() == "まだ違う：\n答え"  # preformatted
    assert [r.astext() for r in doctree.findall(nodes.raw)] == ["<br>"]                      # raw HTML
    assert doctree.next_node(nodes.math_block).astext().strip() == "y = x"
    assert removed == 4


def test_doctree_image_alt(doctree):
    from docutils import nodes
    image = doctree.next_node(nodes.image)
    image["alt"] = "学習曲線の\n図。ReLU\nの場合"
    cjk.join_doctree(doctree)
    assert image["alt"] == "学習曲線の図。ReLU\nの場合"


def test_doctree_equal_text_nodes_are_told_apart():
    """A paragraph holds many equal "\\n" Text nodes: the one between Japanese characters is
    removed, not an equal one elsewhere (Text nodes compare as strings)."""
    from docutils import nodes
    p = nodes.paragraph("", "", nodes.Text("ReLU"), nodes.Text("\n"), nodes.Text("の値が"),
                        nodes.Text("\n"), nodes.Text("二つ"))
    doc = nodes.document(None, None)
    doc += p
    assert cjk.join_doctree(doc) == 1
    assert p.astext() == "ReLU\nの値が二つ"


def test_only_the_japanese_edition(doctree):
    """The Sphinx hook does nothing unless the edition is Japanese."""
    class App:
        class config:
            dlnotes_edition = "en"
    before = doctree.pformat()
    cjk.on_doctree_read(App, doctree)
    assert doctree.pformat() == before
    App.config.dlnotes_edition = "ja"
    cjk.on_doctree_read(App, doctree)
    assert doctree.pformat() != before


def test_loaded_by_the_editions_extension():
    """Both editions load dlnotes_editions (book/editions.py, _config.yml), which loads dlnotes_cjk."""
    src = (ROOT / "book" / "_ext" / "dlnotes_editions.py").read_text(encoding="utf-8")
    assert 'app.setup_extension("dlnotes_cjk")' in src
