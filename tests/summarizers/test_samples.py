"""Acceptance on the bundled sample articles: no module picks furniture or a sentence twice."""
from __future__ import annotations

from pathlib import Path

import pytest

import summarizers
from summarizers.readable import near_duplicate, normalized

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples" / "articles").glob("*.txt"))
# Captions, credit lines, ads and appeals that occur in the samples.
FURNITURE = (
    "(AP", "GPO)", "YouTube)", "Screenshot)", "AFP)", "Click", "Donate", "packages!", "soldier today",
    "contributed to this report", "Leave a Reply", "Matthew 24", "is a breaking news editor", "mailing list",
    "Petition", "Privacy Policy",
)


@pytest.mark.skipif(not SAMPLES, reason="no sample articles")
@pytest.mark.parametrize("method", summarizers.available())
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_summary_is_clean(method: str, path: Path) -> None:
    summary = summarizers.get(method).summarize(path.read_text(encoding="utf-8"), sentences=3)
    assert len(summary.sentences) == 3
    keys = [normalized(s.text) for s in summary.sentences]
    for i, key in enumerate(keys):
        assert not any(near_duplicate(key, other) for other in keys[:i])
    for sentence in summary.sentences:
        assert not any(marker in sentence.text for marker in FURNITURE), sentence.text
        assert sentence.text[-1] in ".!?\"”’'", sentence.text
