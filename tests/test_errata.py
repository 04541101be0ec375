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
