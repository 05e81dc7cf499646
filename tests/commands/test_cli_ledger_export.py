"""`inspect-cli ledger export` through the CLI."""

from __future__ import annotations

import csv
import io
import json


def test_ledger_export_cli(invoke, tmp_path, monkeypatch):
    import sample_pipeline

    sample_pipeline.generate(tmp_path, monkeypatch)
    out = tmp_path / "results.csv"
    assert invoke("ledger", "export", "--what", "results", "-o", out).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 16 and rows[0]["unit"] == "市编办"
    lines = invoke("ledger", "export", "--format", "jsonl", "--unit", "市编办").stdout.splitlines()
    assert [json.loads(line)["task_id"] for line in lines] == ["1", "2", "7", "23"]
    assert invoke("ledger", "export", "--from", "2018-01-01").stdout.strip().count("\n") == 0
