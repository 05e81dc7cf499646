"""The worked example, run once for the document tests: its ledger and the documents made from it."""

from __future__ import annotations

import pytest

import sample_pipeline


@pytest.fixture(scope="session")
def produced(tmp_path_factory):
    """sample_pipeline.generate into a folder of its own: name → path, the ledger beside them."""
    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        files = sample_pipeline.generate(folder, patch)
    return files
