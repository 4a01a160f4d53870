"""The English normalization table: written forms and how a careful newsreader says them.

One file a category in tests/data/normalization/, a case a line: the written text, a tab,
the spoken text, and more tabs before other ways a careful reader could say it. Cases come
from how newsreaders and style guides (AP, Chicago) read; none from NeMo's or Google's
text-normalization data, which are the held-out check. Spoken forms are compared as words:
case, punctuation and hyphens aside, since the engine hears neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "normalization"
_NOT_WORD = re.compile(r"[^\w'’]+")


@dataclass(frozen=True)
class Case:
    category: str
    written: str
    spoken: tuple[str, ...]  # the first is the preferred reading
    line: int


def load_table(directory: Path = TABLE) -> list[Case]:
    """Every case of every category file, in file and line order."""
    cases = []
    for path in sorted(directory.glob("*.tsv")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            written, *spoken = line.split("\t")
            if not spoken:
                raise ValueError(f"{path.name}:{number}: no spoken form")
            cases.append(Case(path.stem, written, tuple(spoken), number))
    return cases


def as_words(text: str) -> str:
    """What an engine hears of a text: its words, lower case, without punctuation."""
    return " ".join(_NOT_WORD.sub(" ", text.replace("’", "'")).lower().split())


def reads_right(said: str, case: Case) -> bool:
    return as_words(said) in {as_words(s) for s in case.spoken}
