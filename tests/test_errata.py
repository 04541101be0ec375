"""The errata page and the glossary are consistent with themselves, with the errata notebook
and with the notes they describe.

* every class section of book/errata.md states its number of entries, and the number is right;
  the summary table repeats the same numbers and the right total;
* every erratum quotes the note in 「…」 and names the section (number and Japanese title);
  every quote occurs verbatim (whitespace normalised) in the text of the notes;
* every {ref} of the page points to a label of notebooks/src/90-errata-proofs.py;
* every glossary row has a Japanese and an English term, no term is listed twice, and the
  counts stated in the glossary's introduction are the row counts.

The notes themselves are not part of the repository. They are read from $DLNOTES_SEEDS, else
from ../shared/seeds next to the repository, else from /work/shared/seeds (where they are on the
build machine); the tests that need them are skipped, with that reason, when none exists.
"""
import os
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
ERRATA = ROOT / "book" / "errata.md"
GLOSSARY = ROOT / "book" / "glossary.md"
PROOFS = ROOT / "notebooks" / "src" / "90-errata-proofs.py"
MAIN_NOTE, AFFINE_NOTE = "000_1001a3207e039085.txt", "003_f2ab1a5dcc8cadb9.txt"

#: class heading on the page -> id prefix of its entries
CLASSES = {
    "Changes a result": "R",
    "Exact, but fails in floating point": "F",
    "Misleads": "M",
    "Incomplete": "I",
    "Cosmetic": "C",
    "In the text version": "T",
}
SUMMARY_NAMES = {
    "changes a result": "Changes a result",
    "exact, but fails in floating point": "Exact, but fails in floating point",
    "misleads": "Misleads",
    "incomplete": "Incomplete",
    "cosmetic": "Cosmetic",
    "in the text version": "In the text version",
}
_ENTRY = re.compile(r"^(?:\*\*|\| )([RFMICTV]\d+)\b")


def _seed_dir():
    candidates = [os.environ.get("DLNOTES_SEEDS"), ROOT.parent / "shared" / "seeds",
                  "/work/shared/seeds"]
    for c in candidates:
        if c and (Path(c) / MAIN_NOTE).is_file() and (Path(c) / AFFINE_NOTE).is_file():
            return Path(c)
    return None


def _norm(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds():
    d = _seed_dir()
    if d is None:
        pytest.skip("the notes' text (000_*.txt, 003_*.txt) is not in $DLNOTES_SEEDS, "
                    "../shared/seeds or /work/shared/seeds")
    return {name: _norm((d / name).read_text(encoding="utf-8"))
            for name in (MAIN_NOTE, AFFINE_NOTE)}


def _sections(text):
    """{heading: (stated count or None, body)} for the '## ' sections of a page."""
    out = {}
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    for head, body in zip(parts[1::2], parts[2::2]):
        m = re.fullmatch(r"(.+?) \((\d+)\)", head.strip())
        name, count = (m.group(1), int(m.group(2))) if m else (head.strip(), None)
        out[name] = (count, body)
    return out


def _entries(body):
    """[(id, text)] of one section: bold paragraphs '**R1 · ...' or table rows '| C1 | ...'."""
    entries, current = [], None
    for line in body.splitlines():
        m = _ENTRY.match(line)
        if m:
            current = [m.group(1), line]
            entries.append(current)
        elif current is not None and line.strip() and not line.startswith("|"):
            if current[1].startswith("**"):
                current[1] += "\n" + line
        elif not line.strip():
            current = None
    return [(i, t) for i, t in entries]


@pytest.fixture(scope="module")
def page():
    return _sections(ERRATA.read_text(encoding="utf-8"))


def _all_errata(page):
    return [(cls, i, t) for cls in CLASSES for i, t in _entries(page[cls][1])]


def test_every_class_heading_states_its_entry_count(page):
    for cls, prefix in CLASSES.items():
        assert cls in page, f"errata.md has no section '## {cls} (N)'"
        count, body = page[cls]
        ids = [i for i, _ in _entries(body)]
        assert count == len(ids), f"'{cls} ({count})' has {len(ids)} entries: {ids}"
        assert all(i.startswith(prefix) for i in ids), (cls, ids)
    count, body = page["Claims checked and found correct"]
    assert count == len(_entries(body)) == 24


def test_ids_are_unique_and_summary_matches_sections(page):
    ids = [i for _, i, _ in _all_errata(page)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    summary = page["Summary"][1]
    total = 0
    for label, cls in SUMMARY_NAMES.items():
        m = re.search(r"^\| " + re.escape(label) + r" \| (\d+)\b", summary, flags=re.M)
        assert m, f"summary has no row '{label}'"
        assert int(m.group(1)) == page[cls][0], (label, m.group(1), page[cls][0])
        total += int(m.group(1))
    m = re.search(r"\*\*errata in total\*\* \| \*\*(\d+)\*\*", summary)
    assert m and int(m.group(1)) == total == len(ids)


def test_every_erratum_quotes_the_note_and_names_its_section(page, seeds):
    headings = set()
    raw_main = (_seed_dir() / MAIN_NOTE).read_text(encoding="utf-8")
    for m in re.finditer(r"^(\d+(?:\.\d+)*)\. (\S.*?)\t\d+$", raw_main, flags=re.M):
        headings.add(f"{m.group(1)} {m.group(2).strip()}")
    raw_003 = (_seed_dir() / AFFINE_NOTE).read_text(encoding="utf-8")
    for m in re.finditer(r"^(\d)\. (\S+)$", raw_003, flags=re.M):
        headings.add(f"003 §{m.group(1)} {m.group(2)}")
    assert len(headings) == 37, headings   # 34 in the main note's contents, 3 in 003
    both = seeds[MAIN_NOTE] + "\n" + seeds[AFFINE_NOTE]
    missing, unquoted, unnamed = [], [], []
    for cls, i, text in _all_errata(page):
        quotes = re.findall(r"「([^「」]+)」", text)
        if not quotes:
            unquoted.append(i)
        missing += [(i, q) for q in quotes if _norm(q) not in both]
        if not any(h in _norm(text) for h in headings):
            unnamed.append(i)
    assert not unquoted, f"entries without a quote of the note: {unquoted}"
    assert not missing, f"quotes not found verbatim in the notes: {missing}"
    assert not unnamed, f"entries naming no section (number and title) of the notes: {unnamed}"


def test_quote_check_can_fail(seeds):
    both = seeds[MAIN_NOTE] + seeds[AFFINE_NOTE]
    assert _norm("起これにくい") in both
    assert _norm("起こりにくい") not in both          # the correction is not in the note


def test_every_ref_points_to_a_label_of_the_proofs_notebook():
    labels = set(re.findall(r"^\(([\w-]+)\)=$", PROOFS.read_text(encoding="utf-8"), flags=re.M))
    refs = re.findall(r"\{ref\}`[^`<]*<([\w-]+)>`", ERRATA.read_text(encoding="utf-8"))
    assert refs and labels
    assert not sorted(set(refs) - labels), sorted(set(refs) - labels)


def _glossary_tables():
    text = GLOSSARY.read_text(encoding="utf-8")
    tables = _sections(text)
    out = {}
    for name, (_, body) in tables.items():
        rows = [ln for ln in body.splitlines() if ln.startswith("| ")]
        out[name] = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows[1:]
                     if not set(r) <= set("|- ")]
    return text, out


def test_glossary_rows_have_japanese_and_english_and_no_duplicates():
    text, tables = _glossary_tables()
    assert set(tables) == {"Terms of the notes", "Terms the book adds"}
    japanese, english = [], []
    for name, rows in tables.items():
        for r in rows:
            assert len(r) == 5, (name, r)
            ja, reading, en = r[0], r[1], r[2]
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja + reading), (name, r)
            assert re.search(r"[A-Za-z]{2}", en), (name, r)
            assert reading, (name, r)
            japanese += [t.strip() for t in ja.split(" / ")]
            english.append(en.lower())
    dup_ja = sorted({t for t in japanese if japanese.count(t) > 1})
    dup_en = sorted({t for t in english if english.count(t) > 1})
    assert not dup_ja and not dup_en, (dup_ja, dup_en)
    n_notes, n_book = len(tables["Terms of the notes"]), len(tables["Terms the book adds"])
    assert f"; {n_notes} terms" in text and f"; {n_book} terms" in text, (n_notes, n_book)


def test_glossary_has_the_terms_the_book_introduces():
    _, tables = _glossary_tables()
    terms = " / ".join(r[0] for rows in tables.values() for r in rows)
    for t in ["劣勾配", "バイアス補正", "丸め誤差", "打ち切り誤差", "ヤコビ行列", "鞍点", "混同行列",
              "ロジット", "2乗和誤差", "交差エントロピー誤差", "ミニバッチ", "Heの初期値",
              "Xavierの初期値", "過学習", "エポック", "勾配確認", "指数移動平均", "KLダイバージェンス",
              "エントロピー", "クロネッカーのデルタ", "凸集合", "線形分離可能", "中心差分", "前進差分",
              "アンダーフロー", "オーバーフロー", "計算グラフ", "正規化", "標準化"]:
        assert t in terms, t


# ---- the numbers behind the entries of the third audit (F2, I6, I7, M17), derived here
# independently of the errata notebook: from the IEEE-754 rounding rules and closed forms.

EPS = 2.0 ** -52        # float64 spacing just above 1


def _round_to_grid_above_1(delta):
    """float(1 + delta) - 1 for 0 < delta < 1/2, from the rounding rule (spacing EPS above 1,
    ties to even), in exact rational arithmetic."""
    from fractions import Fraction
    k = round(Fraction(delta) / Fraction(EPS))      # Python's round: ties to even
    return k * Fraction(EPS)


def test_f2_tiny_step_loses_the_derivative_of_p_squared_to_rounding():
    from fractions import Fraction
    sq = lambda p: p * p                                               # noqa: E731
    forward = lambda d: (sq(1.0 + d) - sq(1.0)) / d                    # noqa: E731
    # truncation regime: the error is delta itself (forward quotient of p^2 is 2 + delta)
    for d in (1e-2, 1e-4):
        assert round((forward(d) - 2) / d, 3) == 1.0
    # rounding regime: 1 + delta is stored as 1 + k EPS; (1 + k EPS)^2 rounds to 1 + 2k EPS
    # (the k^2 EPS^2 term is far below half a spacing), so the quotient is 2k EPS / delta.
    for d, expected_error in ((1e-12, 1.78e-4), (1e-14, 1.60e-3)):
        dd = _round_to_grid_above_1(d)
        predicted = float(2 * dd / Fraction(d))
        assert forward(d) == pytest.approx(predicted, rel=1e-12)
        assert float(f"{abs(predicted - 2):.2e}") == expected_error       # as printed in F2
    # below half a spacing, 1 + delta == 1: the quotient is exactly 0, the derivative is 2
    assert 1e-16 < EPS / 2 and forward(1e-16) == 0.0
    # the smallest forward error of the decades 1e-2 .. 1e-16 is at 1e-8 = sqrt(EPS) roughly
    errors = {k: abs(forward(10.0 ** -k) - 2) for k in range(2, 17, 2)}
    assert min(errors, key=errors.get) == 8 and round(EPS ** 0.5 / 1e-8, 1) == 1.5


def test_i7_central_difference_is_not_always_more_accurate():
    from fractions import Fraction
    cube = lambda p: p * p * p                                         # noqa: E731
    # an inflection point: L(p) = p^3 at 0, L' = L'' = 0.  Forward: d^3/d; central:
    # 2 d^3 / (2 d), the same float (multiplying by 2 is exact): both errors are d^2.
    for d in (1e-1, 1e-2, 1e-3):
        fwd, cen = (cube(d) - cube(0.0)) / d, (cube(d) - cube(-d)) / (2 * d)
        assert fwd == cen
        assert round(fwd / d ** 2, 6) == 1.0
    # rounding regime for p^2 at 1, delta = 1e-10: 1 + delta and 1 - delta are stored at the
    # same distance dd from 1 (spacing EPS above 1, EPS/2 below), the squares round to
    # 1 +- 2 dd, so central = 4 dd / (2 delta) = forward = 2 dd / delta: equal errors.
    d = 1e-10
    dd = _round_to_grid_above_1(d)
    assert 1.0 - d == float(1 - dd)                         # stored symmetrically
    fwd = (1.0 + d) * (1.0 + d) - 1.0
    cen = (1.0 + d) * (1.0 + d) - (1.0 - d) * (1.0 - d)
    assert fwd / d == cen / (2 * d) == pytest.approx(float(2 * dd / Fraction(d)), rel=1e-12)
    assert float(f"{abs(fwd / d - 2):.2e}") == 1.65e-7                  # as printed in I7
    # in the truncation regime the central difference does win (V17): for p^2 it is exact
    # on paper; its float error at 1e-4 is round-off only, far below the forward error 1e-4
    cen4 = ((1.0 + 1e-4) ** 2 - (1.0 - 1e-4) ** 2) / 2e-4
    assert abs(cen4 - 2) < 1e-10


def test_m17_softmax_is_the_share_of_exp_x_not_of_x():
    from dlnotes.functions import softmax
    x = np.log(np.array([1.0, 2.0, 3.0]))          # e^x = (1, 2, 3): softmax = (1, 2, 3) / 6
    np.testing.assert_allclose(softmax(x), [1 / 6, 2 / 6, 3 / 6], rtol=1e-13)
    share = x / x.sum()                              # (0, ln 2, ln 3) / ln 6
    np.testing.assert_allclose(share, [0.0, np.log(2) / np.log(6), np.log(3) / np.log(6)], rtol=1e-13)
    assert np.round(share, 3).tolist() == [0.0, 0.387, 0.613]
    # scaling: the share is unchanged, softmax is not; a shift: the reverse
    v = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose((2 * v) / (2 * v).sum(), v / v.sum(), rtol=1e-15)
    assert np.round(softmax(2 * v), 3).tolist() == [0.016, 0.117, 0.867]
    np.testing.assert_allclose(softmax(v + 10), softmax(v), rtol=1e-12)
    assert np.round((v + 10) / (v + 10).sum(), 3).tolist() == [0.306, 0.333, 0.361]
    # the numbers quoted in M17, from e^k / (e + e^2 + e^3) by hand
    e = np.e
    assert [round(e ** k / (e + e ** 2 + e ** 3), 3) for k in (1, 2, 3)] == [0.090, 0.245, 0.665]
    assert np.round(softmax(v), 3).tolist() == [0.090, 0.245, 0.665]


def test_i6_softmax_outputs_reach_1_and_0_in_float64():
    import math
    from dlnotes.functions import softmax
    # y_1 = 1 / (1 + e^-g) is exactly 1.0 once 1 + e^-g rounds to 1, i.e. e^-g <= 2^-53
    first = next(g for g in range(20, 60) if softmax(np.array([0.0, -float(g)]))[0] == 1.0)
    assert first == math.ceil(53 * math.log(2)) == 37
    y36 = softmax(np.array([0.0, -36.0]))
    assert 1.0 - y36[0] == EPS                       # 1 / (1 + 2^-52) rounds to 1 - 2^-52
    # y_2 = e^-g underflows to 0 past about 1075 ln 2 = 745.1; far on either side:
    assert softmax(np.array([0.0, -700.0]))[1] > 0.0
    assert softmax(np.array([0.0, -800.0]))[1] == 0.0
    # on paper y_2 = e^-800 / (1 + e^-800) > 0: its decimal exponent
    assert round(-800 / math.log(10), 2) == -347.44
