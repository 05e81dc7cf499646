"""`inspect-cli report` and `inspect-cli notices render` through the CLI."""

from __future__ import annotations


def test_report_cli_errors(invoke, tmp_path, monkeypatch):
    import sample_pipeline

    sample_pipeline.generate(tmp_path, monkeypatch)
    monkeypatch.setenv("INSPECT_LANG", "en")
    missing = invoke("report", "9")
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: no inspection 9")
    evil = tmp_path / "evil.j2"
    evil.write_text("{{ record.__init__.__globals__ }}", encoding="utf-8")
    refused = invoke("report", "1", "--template", evil)
    assert refused.exit_code == 2 and "refused by the template sandbox" in refused.stderr
    assert refused.stderr.count("\n") == 1
    docx_out = tmp_path / "n.docx"
    assert (
        invoke("notices", "render", sample_pipeline.NUMBER, "-o", docx_out).exit_code == 0
        and docx_out.stat().st_size > 0
    )
