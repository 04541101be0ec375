"""Shared pieces of the exercise checkers: verdict printing, argument checks, and the expected
answers (:class:`Answer`) that both the Python checkers and the site's in-page check use."""
import functools
import html
import json
import re
import textwrap
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from .._checks import check_real
from .._editions import editions_mode
from .._i18n import check_lang, tr

__all__ = ["verdict", "Answer", "answer_box", "PLACEHOLDER_HINT", "PLACEHOLDER_HINT_JA", "VERDICT_PREFIXES"]

#: How a verdict begins, per language: (right, not yet).  The Python checkers print the English
#: ones; the Japanese edition of the site shows the Japanese (see :func:`verdict`), and the
#: in-page box of each edition its own (:meth:`Answer.spec` hands them to ``dlnotes/js/exercise.js``).
VERDICT_PREFIXES = {"en": ("Right: ", "Not yet: "), "ja": ("正解：", "まだ違う：")}

#: What every checker says to the page's unfinished placeholder (``...``, or ``None``).
PLACEHOLDER_HINT = ("replace each ... with your answer, then run the cell again "
                    "(the Hint below the exercise helps).")
#: The same in Japanese: what the Japanese edition shows under an exercise left unanswered.
PLACEHOLDER_HINT_JA = "各 ... を自分の答えに置き換えて、セルをもう一度実行する（演習の下の「ヒント」が手がかりになる）。"


def _columns(text):
    """Display columns of ``text``: a Japanese (full-width) character takes two."""
    return sum(2 if ord(c) >= 0x3000 else 1 for c in text)


def _wrap_japanese(text, width, first):
    """``text`` in lines of at most ``width`` columns, the first starting at column ``first``:
    a line may break before any Japanese character or at a space, never inside a Latin word or
    number, and never before a closing mark (。、）」), which stays on its line."""
    tokens = re.findall(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+", text)
    lines, line, col = [], "", first
    for tok in tokens:
        w = _columns(tok)
        if tok.isspace():
            if col + w <= width:
                line, col = line + tok, col + w
            continue
        if col + w > width and line.strip() and tok not in "。、）」":
            lines.append(line.rstrip())
            line, col = "", 0
        line, col = line + tok, col + w
    return "\n".join(lines + [line.rstrip()])


def _verdict_text(ok, why_right, why_wrong, width, lang):
    """The verdict line in ``lang``; with ``width``, wrapped to lines of at most that many
    columns (a Japanese character takes two), the first one counting the prefix."""
    right, not_yet = VERDICT_PREFIXES[lang]
    prefix, why = (right, why_right) if ok else (not_yet, why_wrong)
    if width and why:
        why = (textwrap.fill(why, width, initial_indent=" " * len(prefix))[len(prefix):] if lang == "en"
               else _wrap_japanese(why, width, _columns(prefix)))
    return prefix + why


def verdict(ok, why_right, why_wrong, width=None, ja=None):
    """Print 'Right: ...' or 'Not yet: ...' and return ``ok`` (a plain bool).  With ``width``
    the explanation is wrapped to lines of at most that many characters, the first one
    counting the prefix.

    ``ja`` is the pair (why_right, why_wrong) in Japanese.  In the site build's editions mode
    the verdict is shown as a text output that carries its Japanese line for the Japanese
    edition (``metadata.dlnotes.ja``); there a verdict without ``ja`` is a ValueError, so no
    English feedback reaches a Japanese page."""
    ok = bool(ok)
    text = _verdict_text(ok, why_right, why_wrong, width, "en")
    if not editions_mode():
        print(text)
        return ok
    if ja is None:
        raise ValueError(f"verdict: no Japanese feedback for {text!r} (argument 'ja')")
    from IPython import get_ipython
    from IPython.display import publish_display_data
    if get_ipython() is None:                       # a plain interpreter: nothing carries metadata
        print(text)
        return ok
    publish_display_data({"text/plain": text},
                         metadata={"dlnotes": {"ja": {"text/plain": _verdict_text(ok, *ja, width, "ja")}}})
    return ok


def _number(value, name, owner, finite=False):
    """A reader's numeric answer as a float (bools and strings refused; inf/NaN too if ``finite``)."""
    return check_real(value, name, owner, finite=finite)


def _array(value, name, owner):
    """A reader's array answer as a float ndarray (any shape; TypeError if it holds no numbers)."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{owner}: argument '{name}' expected an array of numbers, "
                        f"got {type(value).__name__}") from None


def _callable(fn, name, owner, what="a function"):
    """A reader's function, or a TypeError naming the argument."""
    if not callable(fn):
        raise TypeError(f"{owner}: argument '{name}' expected {what}, got {type(fn).__name__}")
    return fn


#: Japanese for the texts an :class:`Answer` has by default (its English defaults below)
_JA_DEFAULTS = {"wrong": "{v} ではない。", "size_wrong": "{n} 個の数が必要だが、{m} 個あった。"}


@dataclass(frozen=True)
class Answer:
    """The expected answer of an exercise of notes 2.1-4.2 with a numeric or short answer, in one place for its Python checker and for the site's in-page check.

    ``expected`` holds the numbers (one for a scalar answer); an answer is right when each of
    its numbers is within ``tol`` of the expected one.  The wording is the checker's own:
    ``right`` follows "Right: "; ``wrong`` follows "Not yet: ", with ``{v}`` replaced by the
    answer as given and ``{hint}`` by the text of the first of ``hints`` (pairs of a typical
    wrong answer and what it reveals) that the answer matches.  With ``parts`` (one reason per
    number), the message is instead the reasons of the wrong numbers, each with ``{v}`` that
    number, joined by "; ".  ``size_wrong`` is said when the answer has the wrong count of
    numbers (``{n}`` expected, ``{m}`` given).  ``brackets`` ("()" or "[]") write a
    several-number answer as typed in Python; ``label`` says what the in-page box asks for.
    ``ja`` holds the same texts in Japanese for the Japanese edition (issue 15): a dict with
    the keys ``right``, ``wrong``, ``hints`` (the texts of ``hints``, in order), ``parts``,
    ``size_wrong`` and ``label``; :meth:`localized` swaps them in.
    """
    checker: str
    expected: tuple
    tol: float = 1e-9
    right: str = ""
    wrong: str = "{v} is not it."
    hints: tuple = ()
    parts: tuple = ()
    size_wrong: str = "expected {n} numbers, got {m}."
    brackets: str = ""
    label: str = "Your answer"
    width: int = None
    ja: dict = None

    #: the texts :attr:`ja` may translate
    TEXTS = ("right", "wrong", "hints", "parts", "size_wrong", "label")

    def localized(self, lang):
        """This answer with its texts in ``lang`` ("en": itself; "ja": the :attr:`ja` texts,
        a ValueError naming the checker when one that the English has is missing)."""
        if check_lang(lang, f"{self.checker}.answer") == "en":
            return self
        defaults = {k: v for k, v in _JA_DEFAULTS.items()            # English left at its default
                    if getattr(self, k) == Answer.__dataclass_fields__[k].default}
        ja = dict(defaults, **(self.ja or {}))
        missing = [k for k in self.TEXTS if getattr(self, k) and k not in ja]
        if missing:
            raise ValueError(f"{self.checker}: the answer has no Japanese {missing}")
        if len(ja.get("hints", ())) != len(self.hints) or len(ja.get("parts", ())) != len(self.parts):
            raise ValueError(f"{self.checker}: expected {len(self.hints)} Japanese hints and "
                             f"{len(self.parts)} parts, got {len(ja.get('hints', ()))} and "
                             f"{len(ja.get('parts', ()))}")
        hints = tuple((typical, text) for (typical, _), text in zip(self.hints, ja.get("hints", ())))
        texts = {k: ja[k] for k in ("right", "wrong", "size_wrong", "label") if k in ja}
        return replace(self, hints=hints, parts=tuple(ja.get("parts", ())), **texts)

    def _show(self, values):
        """The answer as the messages write it: %g numbers, in brackets if there are several."""
        text = ", ".join(format(v, "g") for v in values)
        return self.brackets[:1] + text + self.brackets[1:] if self.brackets else text

    def judge(self, values):
        """(ok, message) for the answer ``values`` (a number or a sequence of numbers)."""
        values = tuple(float(v) for v in np.ravel(np.asarray(values, dtype=float)))
        want = tuple(float(v) for v in self.expected)
        if len(values) != len(want):
            return False, self.size_wrong.replace("{n}", str(len(want))).replace("{m}", str(len(values)))
        bad = [abs(v - w) > self.tol for v, w in zip(values, want)]
        if not any(bad):
            return True, self.right
        if self.parts:
            return False, "; ".join(p.replace("{v}", format(v, "g"))
                                    for p, v, b in zip(self.parts, values, bad) if b) + "."
        hint = next((text for typical, text in self.hints
                     if len(np.ravel(typical)) == len(values)
                     and np.all(np.abs(np.ravel(typical) - values) <= 1e-9)), "")
        return False, self.wrong.replace("{v}", self._show(values)).replace("{hint}", hint)

    def check(self, values):
        """Print the verdict on ``values`` ("Right: ..." / "Not yet: ...") and return it as a bool."""
        ok, message = self.judge(values)
        ja = self.localized("ja").judge(values)[1] if editions_mode() else None
        return verdict(ok, message, message, width=self.width, ja=(ja, ja))

    def spec(self, lang="en"):
        """The answer as the page's script reads it (a JSON-ready dict), its texts in ``lang``:
        also the verdict's prefixes (:data:`VERDICT_PREFIXES`) and what the box says to a text
        that is not a number."""
        a = self.localized(lang)
        right, not_yet = VERDICT_PREFIXES[lang]
        return {"checker": a.checker, "expected": [float(v) for v in a.expected],
                "tol": float(a.tol), "right": a.right, "wrong": a.wrong,
                "hints": [[[float(x) for x in np.ravel(t)], text] for t, text in a.hints],
                "parts": list(a.parts), "size_wrong": a.size_wrong, "brackets": a.brackets,
                "lang": lang, "prefix_right": right, "prefix_wrong": not_yet,
                "not_a_number": tr(lang, "Type a number (several separated by commas).",
                                   "数を入力する（複数ならコンマで区切る）。")}


def _waits_for_an_answer(checker):
    """Wrap ``checker`` so that the page's placeholder in any argument (``...``, or ``None``)
    gets 'Not yet' and the placeholder hint instead of a wrong-type error or a verdict on a
    guess; the wrapped function keeps the checker's name, docstring and ``answer``."""
    @functools.wraps(checker)
    def checked(*args, **kwargs):
        if any(v is Ellipsis or v is None for v in (*args, *kwargs.values())):
            return verdict(False, "", PLACEHOLDER_HINT, ja=("", PLACEHOLDER_HINT_JA))
        return checker(*args, **kwargs)
    return checked


def _guard_placeholders(module):
    """Give every ``check_*`` function of a chapter module :func:`_waits_for_an_answer`."""
    for name in module.__all__:
        if name.startswith("check_"):
            setattr(module, name, _waits_for_an_answer(getattr(module, name)))


def _answered_by(answer):
    """Decorator: attach ``answer`` (a function of the checker's other arguments returning an
    :class:`Answer`) to a checker as ``checker.answer``."""
    def attach(checker):
        checker.answer = answer
        return checker
    return attach


def _box_html(answer, lang):
    """The in-page check of ``answer`` (an :class:`Answer`) with its texts in ``lang``."""
    a = answer.localized(lang)
    key = html.escape(json.dumps(answer.spec(lang)), quote=True)
    script = (resources.files("dlnotes") / "js" / "exercise.js").read_text(encoding="utf-8")
    label = html.escape(a.label[:1].upper() + a.label[1:]) + tr(lang, ": ", "：")
    return (
        f"<form class='dlnotes-exercise' data-answer=\"{key}\" onsubmit='return false' "
        f"style='margin: 0.5em 0; padding: 0.5em 0.75em; border-left: 3px solid #7aa6c2'>"
        f"<span class='dlnotes-exercise-lead'>{tr(lang, 'Try it here.', 'ここで試す。')}</span> "
        f"<label>{label}"
        f"<input type='text' inputmode='decimal' autocomplete='off' size='14'></label> "
        f"<button type='submit'>{tr(lang, 'Check', '答え合わせ')}</button>"
        f"<output class='dlnotes-verdict' aria-live='polite' style='display: block; margin-top: 0.4em; "
        f"white-space: normal'></output></form>"
        f"<script>{script}</script>")


def _python_only_html(name, lang):
    """The line for an exercise answered in Python (its checker runs the reader's code)."""
    return tr(lang,
              f"<p class='dlnotes-exercise-python'><em>This exercise is answered in Python "
              f"(<code>{name}</code> runs your code): open the notebook in JupyterLab "
              f"(<code>make lab</code>) to check it.</em></p>",
              f"<p class='dlnotes-exercise-python'><em>この演習は Python で答える"
              f"（<code>{name}</code> が読者のコードを実行する）。確かめるには JupyterLab でノートブックを"
              f"開く（<code>make lab</code>）。</em></p>")


def answer_box(checker, *args, **kwargs):
    """The in-page check of an exercise of notes 2.1-4.2 for the static site: an input box and a Check button judged in the browser against ``checker.answer(*args, **kwargs)``.

    Shown only when the notebook runs for the site build (``DLNOTES_BOKEH=components``); in
    JupyterLab it shows nothing and the Python checker in the next cell is the way to check.
    A checker without an ``answer`` (one that takes a function or an array) gets a line
    saying it needs JupyterLab.  In the site build's editions mode (``DLNOTES_EDITIONS=1``,
    issue 15) the output also carries the Japanese box (or line) as its Japanese variant,
    ``metadata["dlnotes"]["ja"]["text/html"]``.
    """
    from IPython.display import HTML, display

    from ..widgets.live import _building_site
    if not callable(checker) or not getattr(checker, "__name__", "").startswith("check_"):
        raise TypeError(f"answer_box: argument 'checker' expected a dlnotes.exercises checker, "
                        f"got {type(checker).__name__}")
    if not _building_site():
        return
    name = checker.__name__
    if hasattr(checker, "answer"):
        answer = checker.answer(*args, **kwargs)
        page = functools.partial(_box_html, answer)
    else:
        page = functools.partial(_python_only_html, name)
    if editions_mode():
        display(HTML(page("en")), metadata={"dlnotes": {"ja": {"text/html": page("ja")}}})
    else:
        display(HTML(page("en")))
