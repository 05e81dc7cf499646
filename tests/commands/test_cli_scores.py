"""`scores` on the scripted year, in every format; the golden page."""

from __future__ import annotations

import csv
import io
import json

from sample_pipeline import golden
from sample_year import AS_OF


def test_scores_in_every_format(year):
    checklist, run = year
    rows = json.loads(run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "json").stdout)
    assert [(r["rank"], r["unit"], r["score"]) for r in rows] == [
        (1, "牌楼镇", 89.4),
        (2, "市编办", 88.9),
        (2, "龙泉街道", 88.9),
        (4, "市财政局", 79.3),
    ]
    assert {"unit", "inspection", "score", "rank", "earned", "possible", "findings", "notices"} <= set(rows[0])
    assert rows[3]["notices"] == {"open": 1, "overdue": 1, "closed": 0, "escalated": 0}
    table = run("scores", checklist, "--year", "2017", "--as-of", AS_OF).stdout
    assert "牌楼镇" in table and "89.4" in table and "Rank" in table
    sheet = list(
        csv.DictReader(
            io.StringIO(run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "csv").stdout)
        )
    )
    assert sheet[3]["unit"] == "市财政局" and sheet[3]["notices_overdue"] == "1"
    one = json.loads(
        run("scores", checklist, "--year", "2017", "--unit", "编办", "--as-of", AS_OF, "--format", "json").stdout
    )
    assert [r["unit"] for r in one] == ["市编办"]
    empty = run("scores", checklist, "--year", "2015")
    assert "No finalized inspection of year in 2015" in empty.stderr


def test_the_golden_page(year, monkeypatch):
    checklist, run = year
    monkeypatch.setenv("INSPECT_LANG", "zh")
    golden("scores.md", run("scores", checklist, "--year", "2017", "--as-of", AS_OF, "--format", "md").stdout)
