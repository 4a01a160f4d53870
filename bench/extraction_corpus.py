"""The labelled page corpus (bench/corpus/pages.jsonl.xz): one reader for every script."""

from __future__ import annotations

import json
import lzma
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus" / "pages.jsonl.xz"


def load_pages(path: Path = CORPUS, split: str = "all") -> list[dict[str, Any]]:
    """Every page of the corpus, or those of one split ("train" or "heldout")."""
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh if line.strip()]
    return [p for p in pages if split == "all" or p["split"] == split]
