"""Sphinx extension: no space where a source line break sits between two Japanese characters.

Japanese has no spaces between words, but a line break inside a paragraph of the Markdown
source (the prose is wrapped at about 100 columns) reaches the HTML as a newline, which the
browser shows as a space: 「注意の要る点が 二つある」.  In the Japanese edition
(``dlnotes_edition = "ja"``, set by ``book/editions.py``) this extension removes every such
line break, with the spaces around it, when the characters on both sides are East Asian wide
or full-width characters (kana, kanji, 「」、。（） and the other full-width forms): the rule of
pandoc's ``east_asian_line_breaks``.  A break next to a Latin word, a number, inline math or
inline code stays (a space): 「ReLU\\nの」 → 「ReLU の」.

Where: every docutils ``Text`` node after reading (``doctree-read``: the Markdown pages, the
notebooks' Markdown cells and outputs parsed as Markdown), so paragraphs, list items, table
cells, definition lists, figure captions and titles; and the ``alt`` text of images (the
notebooks' figure alt texts).  Not in preformatted or verbatim text, where a newline is a real
line break or belongs to the code: literal blocks (code cells, printed outputs such as the
checkers' verdicts), math, inline code, raw HTML.  The neighbours of a break are looked up
across inline markup (``**強調**\\n二つ`` joins; MyST makes each soft break its own ``Text``
node) but not across inline math, code, raw HTML or an image, which count as non-Japanese.

``join_cjk_breaks`` is the rule on a string (no Sphinx needed; tests/test_cjk_breaks.py).
"""
import re
import unicodedata

#: a line break with the blanks around it (not U+3000, the ideographic space, which is meant)
_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
#: Hangul: East Asian wide, but Korean separates words with spaces (pandoc leaves these too)
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]")


def is_cjk(char):
    """Whether ``char`` (one character, or "" for none) is a Japanese/Chinese wide or full-width
    character: East Asian Width W or F (kana, kanji, CJK punctuation, full-width forms), not Hangul."""
    return (len(char) == 1 and unicodedata.east_asian_width(char) in ("W", "F")
            and not _HANGUL.match(char))


def join_cjk_breaks(text, before="", after=""):
    """``text`` with every line break (and the spaces and tabs around it) removed whose
    neighbours are both :func:`is_cjk`; other line breaks are left as they are.

    ``before`` and ``after`` are the characters just outside ``text`` (the end of the
    preceding text and the start of the following one, "" if none or not text), used for a
    break at the start or end of ``text``.
    """
    if "\n" not in text:
        return text

    def join(m):
        left = text[m.start() - 1] if m.start() > 0 else before
        right = text[m.end()] if m.end() < len(text) else after
        return "" if is_cjk(left) and is_cjk(right) else m.group()

    return _BREAK.sub(join, text)


# ---------------------------------------------------------------------------- the doctree
def _opaque_types():
    from docutils import nodes
    # verbatim or not prose: a newline there is kept, and their text counts as non-Japanese
    return (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment,
            nodes.image, nodes.substitution_definition)


OPAQUE = "\0"          # stands for the character next to an opaque node: never CJK


def _block_of(node):
    """The nearest ancestor of ``node`` that is a text element but not inline markup (a
    paragraph, caption, term, title, ...): line breaks join only within one."""
    from docutils import nodes
    parent = node.parent
    while parent is not None and (not isinstance(parent, nodes.TextElement) or isinstance(parent, nodes.Inline)):
        parent = parent.parent
    return parent


def join_doctree(doctree):
    """Apply :func:`join_cjk_breaks` to every prose ``Text`` node and image ``alt`` of
    ``doctree`` (in place); returns the number of line breaks removed."""
    from docutils import nodes
    opaque = _opaque_types()
    removed = 0

    for image in doctree.findall(nodes.image):
        alt = image.get("alt")
        if alt and "\n" in alt:
            new = join_cjk_breaks(alt)
            removed += alt.count("\n") - new.count("\n")
            image["alt"] = new

    # the leaves of each block in document order: a Text node to edit, or OPAQUE for an opaque
    # node (what is inside it is neither edited nor looked at)
    blocks = {}
    for node in doctree.findall(lambda n: isinstance(n, (nodes.Text,) + opaque)):
        if any(isinstance(a, opaque) for a in _ancestors(node)):
            continue                                  # inside an opaque node, which stands for it
        block = _block_of(node)
        if block is not None:
            blocks.setdefault(id(block), []).append(node if isinstance(node, nodes.Text) else OPAQUE)

    for leaves in blocks.values():
        texts = [str(leaf) for leaf in leaves]
        for i, leaf in enumerate(leaves):
            if leaf is OPAQUE or "\n" not in texts[i]:
                continue
            new = join_cjk_breaks(texts[i], _last_char(texts[:i]), _first_char(texts[i + 1:]))
            if new != texts[i]:
                removed += texts[i].count("\n") - new.count("\n")
                texts[i] = new                        # the next leaf sees the joined text
                parent = leaf.parent
                # by identity: Text nodes are strings, and a paragraph holds many equal "\n" ones
                index = next(k for k, child in enumerate(parent.children) if child is leaf)
                parent[index] = nodes.Text(new)
    return removed


def _ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _last_char(texts):
    for t in reversed(texts):
        if t:
            return t[-1]
    return ""


def _first_char(texts):
    for t in texts:
        if t:
            return t[0]
    return ""


def on_doctree_read(app, doctree):
    if app.config.dlnotes_edition == "ja":
        join_doctree(doctree)


def setup(app):
    if "dlnotes_edition" not in app.config.values:
        app.add_config_value("dlnotes_edition", "", "html")
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
