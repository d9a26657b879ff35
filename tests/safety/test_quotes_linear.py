"""A hostile article cannot stall quotation finding: the work grows linearly with the length of a paragraph.

A liveness guard, not a speed figure (those are in bench/): one paragraph of two megabytes, thousands of
quotations and names and no blank line, must finish well inside a very generous bound, where finding
sentence starts by scanning back from every quote took tens of minutes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BOUND_SECONDS = 120

CHILD = """
import sys
from store.quotes.engine import extract_quotations
unit = "\\u201cWe are ready for the winter,\\u201d Tomas Brandt said. Lena Varga disagreed: \\u201cNot yet.\\u201d "
text = unit * (2_000_000 // len(unit))
quotations = extract_quotations(text)
print(len(quotations), sum(q.speaker == "Tomas Brandt" for q in quotations))
"""


def test_a_two_megabyte_paragraph_of_quotations_finishes():
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=PROJECT, capture_output=True, text=True,
                            timeout=BOUND_SECONDS)
    assert result.returncode == 0, result.stderr
    found, by_brandt = map(int, result.stdout.split())
    units = 2_000_000 // len("\u201cWe are ready for the winter,\u201d Tomas Brandt said. Lena Varga disagreed: "
                             "\u201cNot yet.\u201d ")
    assert found == 2 * units and by_brandt == units
