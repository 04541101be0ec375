"""Accessible controls and in-page exercises (issue 16, items 4-6), in the built site.

* every slider handle (Bokeh's noUiSlider, inside shadow roots; any ipywidgets slider too) has
  an accessible name and an ``aria-valuetext`` equal to the value the page shows, before and
  after it moves; a caption that changes when a slider moves is in an ``aria-live`` region;
* every in-page exercise box says "Right" for its expected answer and "Not yet" for a typical
  wrong one, in the Python checker's words (``dlnotes/js/exercise.js`` against
  ``dlnotes.exercises.Answer``, compared directly too); each exercise has a hint and a worked
  answer behind a toggle; no checker's ``True``/``False`` under its output;
* no console errors meanwhile.
"""
import json

import numpy as np
import pytest

from siteinfo import EDITIONS, declared_sliders, discover_pages, edition_of, site_dir

# every slider handle in the page, its name, its aria-valuetext, and the value shown next to it
SLIDERS = r"""() => {
  const out = [];
  function walk(root) {
    root.querySelectorAll('*').forEach(el => {
      if (el.getAttribute('role') === 'slider') {
        const home = el.getRootNode();
        let shown = home.querySelector && home.querySelector('.bk-slider-value');
        if (!shown) {                                   // ipywidgets: the readout beside the slider
          const box = el.closest('.widget-slider');
          shown = box && box.querySelector('.widget-readout');
        }
        const labelled = el.getAttribute('aria-labelledby');
        const byId = labelled && home.getElementById ? home.getElementById(labelled) : null;
        out.push({name: (el.getAttribute('aria-label') || (byId ? byId.textContent : '')).trim(),
                  valuetext: el.getAttribute('aria-valuetext'),
                  shown: shown ? shown.textContent.trim() : null});
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  }
  walk(document);
  return out;
}"""

# text of every Bokeh Div, and whether it (or its host chain) is an aria-live region
DIVS = r"""() => {
  const out = [];
  function live(el) {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      if (e.getAttribute && e.getAttribute('aria-live')) return e.getAttribute('aria-live');
    }
    return null;
  }
  function walk(root) {
    root.querySelectorAll('*').forEach(el => {
      if (el.classList && el.classList.contains('bk-Div') && el.shadowRoot) {
        out.push({text: el.shadowRoot.textContent.replace(/[\s\S]*\}/, '').trim(), live: live(el)});
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  }
  walk(document);
  return out;
}"""


def _notebook_pages():
    site = site_dir()
    if site is None or not site.is_dir():
        return [None]
    # both editions' notebook pages (en/notebooks/..., ja/notebooks/...)
    return [p for p in discover_pages(site) if p.split("/", 1)[-1].startswith("notebooks/")]


NOTEBOOK_PAGES = _notebook_pages()


def _wait_for_sliders(page):
    page.wait_for_timeout(600)      # BokehJS renders after load; a11y.js runs at document_ready


@pytest.mark.parametrize("rel", NOTEBOOK_PAGES)
def test_every_slider_has_a_name_and_its_shown_value_as_valuetext(shared_page, rel):
    if rel is None:
        pytest.skip("browser tests run with DLNOTES_SITE=_build/html")
    lp = shared_page(rel)
    page = lp.page
    _wait_for_sliders(page)
    before = page.evaluate(SLIDERS)
    for s in before:
        assert s["name"], f"{rel}: a slider has no accessible name ({s})"
        assert s["shown"] is not None and s["valuetext"] == s["shown"], f"{rel}: {s}"
    divs = page.evaluate(DIVS)
    handles = page.locator('[role="slider"]')
    declared = declared_sliders(lp.site, lp.rel)
    assert handles.count() == len(before) == declared, \
        f"{rel}: {len(before)} slider handles shown, {declared} declared in the page"
    for i in range(handles.count()):
        handle = handles.nth(i)
        handle.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowLeft" if i % 2 else "ArrowRight")
        page.wait_for_timeout(150)
        after = page.evaluate(SLIDERS)
        s = after[i]
        assert s["name"] == before[i]["name"] and s["valuetext"] == s["shown"], f"{rel}, slider {i}: {s}"
    changed = [(a, b) for a, b in zip(divs, page.evaluate(DIVS)) if a["text"] != b["text"]]
    if before:
        assert changed, f"{rel}: moving the sliders changed no caption"
    for a, b in changed:
        assert b["live"] == "polite", f"{rel}: a caption changed but is not aria-live: {b['text'][:80]!r}"
    assert not lp.console_errors, lp.console_errors


def test_the_site_has_the_sliders_it_should():
    """Each edition declares the same sliders, at least 21 (the test above proves every declared
    slider is shown, named and keyed, page by page)."""
    site = site_dir()
    if site is None:
        pytest.skip("browser tests run with DLNOTES_SITE=_build/html")
    per_edition = {}
    for rel in NOTEBOOK_PAGES:
        per_edition.setdefault(edition_of(rel), {})[rel.split("/", 1)[-1]] = declared_sliders(site, rel)
    for edition, counts in per_edition.items():
        assert sum(counts.values()) >= 21, (edition, counts)
    if set(per_edition) == set(EDITIONS):
        assert per_edition["en"] == per_edition["ja"]


def _typed(spec, values):
    text = ", ".join(repr(float(v)) for v in values)
    return f"({text})" if spec["brackets"] == "()" else text


def _wrong(spec):
    if spec["hints"]:
        return spec["hints"][0][0]
    return [v + 10 * spec["tol"] + 1 for v in spec["expected"]]


@pytest.mark.parametrize("rel", NOTEBOOK_PAGES)
def test_in_page_exercises_judge_like_the_checker(shared_page, rel):
    if rel is None:
        pytest.skip("browser tests run with DLNOTES_SITE=_build/html")
    html = (site_dir() / rel).read_text(encoding="utf-8")
    if "dlnotes-exercise" not in html:      # an in-page box, or the line of a Python-only exercise
        pytest.skip(f"{rel} has no exercises")
    lp = shared_page(rel)
    page = lp.page
    forms = page.locator("form.dlnotes-exercise")
    python_only = page.locator(".dlnotes-exercise-python").count()
    assert forms.count() + python_only >= 1
    assert "exercises.answer_box(" not in page.inner_text("main"), "a box's source is shown"
    for i in range(forms.count()):
        form = forms.nth(i)
        spec = json.loads(form.get_attribute("data-answer"))
        out = form.locator("output")
        form.locator("input").fill(_typed(spec, spec["expected"]))
        form.locator("button").click()
        right, wrong = spec.get("prefix_right", "Right: "), spec.get("prefix_wrong", "Not yet: ")
        assert spec.get("lang", "en") == (edition_of(rel) or "en"), (rel, spec["checker"])  # the page's language
        assert out.inner_text() == right + spec["right"], (rel, spec["checker"])
        form.locator("input").fill(_typed(spec, _wrong(spec)))
        form.locator("button").click()
        assert out.inner_text().startswith(wrong), (rel, spec["checker"], out.inner_text())
        form.locator("input").fill("seven")
        form.locator("button").click()
        assert not out.inner_text().startswith((right, wrong))
    if forms.count():
        form = forms.first
        form.locator("input").fill(_typed(json.loads(form.get_attribute("data-answer")),
                                          _wrong(json.loads(form.get_attribute("data-answer")))))
        form.locator("button").click()
        form.scroll_into_view_if_needed()
        lp.screenshot("__exercise_not_yet", element=form)
    # every exercise: a hint and a worked answer, both folded until opened
    hint, worked = {"ja": ("ヒント", "解答例")}.get(edition_of(rel), ("Hint", "Worked answer"))
    hints = page.locator(".admonition.dropdown", has_text=hint)
    answers = page.locator(".admonition.dropdown", has_text=worked)
    assert hints.count() == answers.count() == forms.count() + python_only, rel
    body = answers.first.locator(":scope > :not(.admonition-title)").first
    assert not body.is_visible()
    answers.first.locator(".toggle-button").first.click()
    page.wait_for_timeout(300)
    assert body.is_visible()
    # no bare True/False printed under a checker
    outputs = page.locator(".cell_output pre, .output pre")
    assert not [t for t in outputs.all_inner_texts() if t.strip() in ("True", "False")], rel
    assert not lp.console_errors, lp.console_errors


def test_the_page_script_mirrors_the_python_answer(chromium):
    """dlnotes/js/exercise.js judges and formats exactly as dlnotes.exercises.Answer does."""
    from importlib import resources

    from dlnotes import exercises as E
    dY = np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.5]])
    answers = [E.check_sigmoid_grad_max.answer(), E.check_overflow_limit.answer(),
               E.check_low_temperature_limit.answer(), E.check_affine_shape.answer(),
               E.check_bias_gradient.answer(dY), E.check_note_mse.answer(), E.check_critical_lr.answer(),
               E.check_forward_difference.answer(), E.check_halving_factor.answer("five_point"),
               E.check_param_count.answer(), E.check_untrained_loss.answer(),
               E.check_adam_first_step.answer(), E.check_sgd_lr_limit.answer()]
    page = chromium.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=(resources.files("dlnotes") / "js" / "exercise.js").read_text())
    rng = np.random.default_rng(0)
    for answer in answers:
        want = np.array(answer.expected, dtype=float)
        tries = [want, want + 0.5 * answer.tol, want + 3 * answer.tol + 0.001, want * 10, want[:1],
                 np.append(want, 1.0), rng.normal(size=want.size) * 1e7, want + 1e-5]
        tries += [np.ravel(np.asarray(t, dtype=float)) for t, _ in answer.hints]
        for values in tries:
            got = page.evaluate("([s, v]) => dlnotesExercise.judge(s, v)", [answer.spec(), values.tolist()])
            assert tuple(got) == answer.judge(values), (answer.checker, values)
    for x in [0.0, -0.0, 1.0, 7510.0, 0.0195, 709.782712893384, 6.100000000000005, 1e-5, 1.5e-4,
              123456.0, 1234567.0, -2.5e-7, 1e21, 0.1 + 0.2, 6.324555320336759]:
        assert page.evaluate("x => dlnotesExercise.fmtG(x)", x) == format(x, "g"), x
    page.close()


def _demo_answer():
    from dlnotes.exercises._core import Answer
    return Answer("check_demo", (0.25,), right="1/4 it is.", wrong="{v} is not it{hint}.",
                  hints=((0.5, ": that is sigma(0)"),), label="the value",
                  ja={"right": "1/4 である。", "wrong": "{v} ではない{hint}。", "hints": ("：それは σ(0)",),
                      "label": "値"})


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_box_answers_in_its_language(chromium, lang):
    """The answer box of each edition (issue 15), as dlnotes.exercises.answer_box writes it, in a
    blank page: the same verdicts, each in the box's language (the Japanese one also reads
    full-width digits and 、 as a Japanese input method types them)."""
    from dlnotes.exercises._core import _box_html
    answer = _demo_answer()
    page = chromium.new_page()
    page.set_content(f"<html lang='{lang}'><body>{_box_html(answer, lang)}</body></html>")
    form = page.locator("form.dlnotes-exercise")
    out = form.locator("output")

    def typed(text):
        form.locator("input").fill(text)
        form.locator("button").click()
        return out.inner_text()

    if lang == "en":
        assert form.locator("button").inner_text() == "Check"
        assert typed("1/4") == "Right: 1/4 it is."
        assert typed("0.5") == "Not yet: 0.5 is not it: that is sigma(0)."
        assert typed("0.25, 0") == "Not yet: expected 1 numbers, got 2."
        assert typed("seven") == "Type a number (several separated by commas)."
    else:
        assert form.locator("button").inner_text() == "答え合わせ"
        assert "ここで試す。" in form.inner_text() and "値：" in form.inner_text()
        assert typed("０．２５") == "正解：1/4 である。"
        assert typed("0.5") == "まだ違う：0.5 ではない：それは σ(0)。"
        assert typed("0.25、0") == "まだ違う：1 個の数が必要だが、2 個あった。"
        assert typed("七") == "数を入力する（複数ならコンマで区切る）。"
    assert "dlnotes-" in out.get_attribute("class")
    page.close()
