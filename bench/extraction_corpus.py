"""The labelled page corpus (bench/corpus/pages.jsonl.xz): one reader for every script."""

from __future__ import annotations

import json
import lzma
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus" / "pages.jsonl.xz"
# The classifier is trained only on sources whose terms allow it; the research-only sets
# (L3S-GN1, MSVCode) are never trained on (bench/corpus/SOURCES.md).
TRAIN_SOURCES = frozenset(
    {"mozilla/readability", "codelucas/newspaper", "j-szulc/html-cleaning-dataset-merged"}
)
SPLITS = ("train", "validation", "heldout", "all")


def load_pages(path: Path = CORPUS, split: str = "all") -> list[dict[str, Any]]:
    """Every page of the corpus, or those of one split.

    "validation" is the training sites of the sources never trained on: pages to tune a
    rule or a threshold on without looking at the held-out sites.
    """
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh if line.strip()]
    if split == "validation":
        return [p for p in pages if p["split"] == "train" and p["source"] not in TRAIN_SOURCES]
    return [p for p in pages if split == "all" or p["split"] == split]
