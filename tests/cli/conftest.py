"""What the CLI tests share: the session's model for in-process runs."""

from __future__ import annotations

import pytest

from onrecord import batch
from onrecord.extract import Extractor


@pytest.fixture
def shared_model(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """In-process runs reuse the session's model instead of loading it per test (~1 s);
    a module asks for it with ``pytestmark = pytest.mark.usefixtures("shared_model")``."""
    monkeypatch.setattr(batch, "Extractor", lambda settings: extractor)
