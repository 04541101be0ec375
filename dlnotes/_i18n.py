"""The two languages of the book (issue 15): English and Japanese.

Every user-visible string of a figure, a live figure or an in-page exercise is chosen with
:func:`tr`; the language comes in as a ``lang`` argument, checked by :func:`check_lang`.
Numbers, math and code are the same in both languages.
"""

__all__ = ["LANGS", "check_lang", "tr"]

#: The book's languages: English (the default) and Japanese.
LANGS = ("en", "ja")


def check_lang(lang, owner):
    """Return ``lang`` if it is one of :data:`LANGS`, else a ValueError naming ``owner``."""
    if not isinstance(lang, str) or lang not in LANGS:
        raise ValueError(f"{owner}: argument 'lang' expected one of {list(LANGS)}, got {lang!r}")
    return lang


def tr(lang, en, ja):
    """``en`` or ``ja``, the text for ``lang`` (which must be one of :data:`LANGS`)."""
    return ja if check_lang(lang, "tr") == "ja" else en
