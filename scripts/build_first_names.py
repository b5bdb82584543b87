"""Build ``src/onrecord/data/first_names.tsv``: first names that tell a person's gender.

    pip install faker && python scripts/build_first_names.py [--polnear TRAIN_SPEAKERS]

The speaker resolver reads it to send "she said" to a woman and "he said" to a man when
the article gives no title ("Mrs.") and no pronoun yet. The names come from Faker's
person providers (MIT licence, https://github.com/joke2k/faker): every Latin-script
locale's ``first_names_male`` and ``first_names_female``. A name listed for both sexes in
any locale ("Andrea", "Jean", "Sasha") is left out: a wrong gender is worse than none.
Faker is needed only to rebuild the file; the package ships the file.

``--polnear`` (by default ``../shared/data/polnear/train-speakers.jsonl`` when present)
adds first names from the train articles' speaker gold, where a name's person was "he"
(or "she") in gold attributions and never the other: names Faker lacks ("Barack") from
two such attributions, names Faker gives both sexes ("Hillary", "Chris") from five.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import unicodedata
from collections import Counter
from pathlib import Path

import faker.providers.person as person

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "onrecord" / "data" / "first_names.tsv"
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train-speakers.jsonl"
_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: names Faker lists that news mostly writes as common words, places or titles
_SKIP = frozenset(
    "will may june april august summer an le la washington china florida georgia virginia "
    "carolina india houston memphis dallas paris london dakota israel jordan king queen "
    "prince princess lord judge justice major general president royal bishop".split()
)


def _is_latin(name: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def _names(values: object) -> list[str]:
    if isinstance(values, dict):  # some locales weight names: {name: frequency}
        return [str(v) for v in values]
    if isinstance(values, (list, tuple)):
        return [str(v) for v in values]
    return []


def from_gold(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """First name -> sex, from gold attributions whose source is a bare "he" or "she",
    and how many such attributions each name had."""
    seen: dict[str, Counter[str]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            text = article["text"]
            for a in article["attributions"]:
                words = (a.get("speaker") or "").replace(".", " ").split()
                source = " ".join(text[s:e] for s, e in a.get("source") or ()).strip().lower()
                if len(words) >= 2 and source in _PRONOUN_SEX:
                    seen.setdefault(words[0].casefold(), Counter())[_PRONOUN_SEX[source]] += 1
    return {
        name: next(iter(c))
        for name, c in seen.items()
        if len(c) == 1 and c.total() >= 2 and name.isalpha()
    }, {name: c.total() for name, c in seen.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=TRAIN if TRAIN.is_file() else None)
    args = parser.parse_args()
    sexes: dict[str, set[str]] = {}
    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{info.name}")
        provider = getattr(module, "Provider", None)
        for attr, sex in (("first_names_male", "m"), ("first_names_female", "f")):
            for name in _names(getattr(provider, attr, ())):
                key = name.strip().casefold()
                if key and " " not in key and _is_latin(key) and key not in _SKIP:
                    sexes.setdefault(key, set()).add(sex)
    rows = sorted((n, s.pop()) for n, s in sexes.items() if len(s) == 1)
    if args.polnear is not None:
        told, count = from_gold(args.polnear)
        extra = {
            n: s for n, s in told.items() if n not in sexes or (len(sexes[n]) > 1 and count[n] >= 5)
        }
        rows = sorted([*rows, *extra.items()])
        print(f"{len(extra)} names from {args.polnear.name}: {', '.join(sorted(extra))}")
    lines = [
        "# first name<TAB>m or f; built by scripts/build_first_names.py from Faker's person",
        "# providers (MIT licence, Copyright (c) 2012 Daniele Faraglia), names of both sexes",
        "# left out, and first names Faker lacks from PolNeAR train's speaker gold",
        *(f"{name}\t{sex}" for name, sex in rows),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows):,} names -> {OUT}")


if __name__ == "__main__":
    main()
