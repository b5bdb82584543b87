"""Settings (config.py): the profile, its flags and its environment variables."""

from __future__ import annotations

import pytest

from onrecord.config import Settings


def test_config_profile_is_default_unless_asked() -> None:
    settings = Settings()
    assert (settings.profile, settings.fast, settings.accurate) == ("default", False, False)


@pytest.mark.parametrize(
    ("profile", "fast", "accurate"), [("fast", True, False), ("accurate", False, True)]
)
def test_config_profile_sets_fast_or_accurate(profile: str, fast: bool, accurate: bool) -> None:
    settings = Settings(profile=profile)  # type: ignore[arg-type]  # a str from a caller
    assert (settings.fast, settings.accurate) == (fast, accurate)


def test_config_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile must be one of default, fast, accurate, not 'x'"):
        Settings(profile="x")  # type: ignore[arg-type]  # what a bad caller passes


def test_config_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PROFILE", "accurate")
    assert Settings.from_env().accurate
    assert Settings.from_env(profile="fast").profile == "fast"  # a flag beats the variable


def test_config_bad_profile_in_the_environment_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONRECORD_PROFILE", "bogus")
    with pytest.raises(ValueError, match="profile must be one of default, fast, accurate"):
        Settings.from_env()


def test_config_old_fast_variable_still_asks_for_the_fast_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ONRECORD_FAST", "1")
    assert Settings.from_env().profile == "fast"
    assert Settings.from_env(profile="accurate").profile == "accurate"  # the flag wins
    monkeypatch.setenv("ONRECORD_FAST", "0")
    assert Settings.from_env().profile == "default"


def test_config_old_fast_variable_against_another_profile_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ONRECORD_FAST", "yes")
    monkeypatch.setenv("ONRECORD_PROFILE", "accurate")
    with pytest.raises(ValueError, match="ONRECORD_FAST asks for the fast profile"):
        Settings.from_env()
