"""Shared fixtures: the spaCy model loads once per test session, not once per test."""

from __future__ import annotations

import pytest

from onrecord import Extractor, Settings


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The default Extractor, as ``onrecord.extract`` builds it (about 1 s to load)."""
    return Extractor()


@pytest.fixture(scope="session")
def rules_extractor() -> Extractor:
    """The rule stage alone (``finder="rules"``), which must not regress under the tagger."""
    return Extractor(Settings(finder="rules"))


@pytest.fixture(scope="session")
def polnear_extractor() -> Extractor:
    """The default finder under PolNeAR's convention (sources keep their asides, actions
    of stance count): what the PolNeAR scores are measured with."""
    return Extractor(Settings(convention="polnear"))


@pytest.fixture(scope="session")
def polnear_rules_extractor() -> Extractor:
    """The rule stage alone under PolNeAR's convention."""
    return Extractor(Settings(finder="rules", convention="polnear"))
