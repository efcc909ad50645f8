"""The pipeline order is checked, and cue files report every bad line at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract.cues import read_cue_file
from kg.extract.registry import check_pipeline
from kg.pipeline import components


def test_registry_shipped_pipeline_is_valid():
    names = [c.name for c in components()]
    assert "depends_on" in names and names.index("gazetteer") < names.index("depends_on")


def test_registry_refuses_a_step_before_what_it_needs():
    with pytest.raises(KgError) as err:
        check_pipeline(["depends_on", "gazetteer"])
    assert "'depends_on' requires 'mentions'" in str(err.value)


def test_registry_refuses_unknown_names():
    with pytest.raises(KgError) as err:
        check_pipeline(["gazeteer"])
    assert "unknown extractor 'gazeteer'" in str(err.value)


def test_cues_every_bad_line_reported(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("# source: a test\npattern,provider\nafhankelijk van,after\n(unclosed,after\nleunt op,\n",
                    encoding="utf-8")
    with pytest.raises(KgError) as err:
        read_cue_file(path, ("provider",))
    message = str(err.value)
    assert str(path) in message and "line 4: pattern" in message and "line 5: provider: empty" in message
