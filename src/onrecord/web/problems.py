"""Bad parameters in plain words: what was wrong and what to write instead.

FastAPI's validator speaks to programmers ("Input should be a valid date or datetime,
input is too short"); a fact-checker who typed "last week" into the date box needs
"From: "last week" is not a date. Write it as YYYY-MM-DD, e.g. 2026-03-01." What the
user typed is quoted only after its control characters are dropped (a NUL in a link
must not come back in the page), and cut to 40 characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["LABELS", "plain_problem", "plain_problems", "shown"]

#: what the forms call each parameter
LABELS = {
    "q": "Words",
    "since": "From",
    "until": "To",
    "page": "Page",
    "size": "Rows per page",
    "speaker_id": "Speaker number",
    "sort": "Sort",
    "min_confidence": "Lowest confidence",
    "min_speaker_confidence": "Lowest speaker confidence",
}


def plain_problems(errors: Sequence[Any]) -> str:
    """One sentence per problem, in the order the validator found them."""
    return " ".join(plain_problem(e) for e in errors)


def plain_problem(error: Any) -> str:
    where = [str(p) for p in error.get("loc", ())[1:]]  # ("query", "since") -> since
    name = where[-1] if where else "the request"
    label = LABELS.get(name, name.replace("_", " ").capitalize())
    given = error.get("input")
    typed = f" “{shown(given)}”" if isinstance(given, str) else ""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind.startswith(("date", "datetime")):
        return f"{label}:{typed} is not a date. Write it as YYYY-MM-DD, e.g. 2026-03-01."
    if kind.startswith("int"):
        return f"{label}:{typed} is not a whole number."
    if kind.startswith("float"):
        return f"{label}:{typed} is not a number (write it as 0.7)."
    if kind in {"greater_than_equal", "greater_than"}:
        return f"{label} must be {ctx.get('ge', ctx.get('gt'))} or more."
    if kind in {"less_than_equal", "less_than"}:
        return f"{label} must be at most {ctx.get('le', ctx.get('lt')):,}."
    if kind == "string_too_long":
        return f"{label} is too long: at most {ctx.get('max_length')} characters."
    if kind == "literal_error":
        choices = str(ctx.get("expected", "the choices")).replace("'", "")
        return f"{label}:{typed} is not one of {choices}."
    if kind == "value_error":
        return f"{label}: {ctx.get('error', error.get('msg', 'not valid'))}"
    if kind == "missing":
        return f"{label} is missing."
    return f"{label}: {error.get('msg', 'not valid')}."


def shown(text: str, limit: int = 40) -> str:
    """User input fit to quote: no control characters, at most ``limit`` characters."""
    kept = "".join(c for c in text if c.isprintable() or c == " ")
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"
