"""The notebook sources keep code lines short enough for the book's 688 px column (77 characters:
what tests/browser/test_reading.py measured to fit), so nothing is cut off at 1280 px."""
import runpy
from pathlib import Path

import pytest

SOURCES = sorted((Path(__file__).resolve().parents[1] / "notebooks" / "src").glob("[0-9]*.py"))
WIDTH = 77


@pytest.mark.parametrize("src", SOURCES, ids=[s.stem for s in SOURCES])
def test_code_lines_fit_the_column(src):
    long = [(i, line) for i, cell in enumerate(runpy.run_path(str(src))["CELLS"]) if cell[0] == "code"
            for line in cell[1].splitlines() if len(line) > WIDTH]
    assert not long, f"{src.name}: code lines over {WIDTH} characters: {long}"


def test_there_are_sources():
    assert len(SOURCES) >= 10
