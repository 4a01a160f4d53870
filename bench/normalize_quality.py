"""How well English text is said: accuracy by category, and harm done to running prose.

    PYTHONPATH=. .venv/bin/python bench/normalize_quality.py [--sentences N] [--show K]

1. The category table (tests/data/normalization): the share of cases read right, by category,
   compared as words (tests/normalization_table.py).
2. Running prose nobody here wrote: sentences of the gold article texts of the extraction
   corpus (bench/corpus: public pages of many sites, SOURCES.md), each normalized and checked
   for changes no reader intends: digits left for the engine, a written word lost, a word
   said twice in a row that the text has once, text that grows absurdly, a number that
   leaves no number word. It prints the share of sentences with each, and examples.

Neither uses NVIDIA NeMo's or Google's text-normalization data: those are the held-out check.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH.parent / "tests"))

from extraction_corpus import load_pages  # noqa: E402
from normalization_table import as_words, load_table, reads_right  # noqa: E402

from audio.normalize import normalize  # noqa: E402
from audio.script import split_sentences  # noqa: E402

_NUMBER_WORDS = frozenset(
    """zero oh one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million billion trillion point first second
    third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
    twentieth thirtieth hundredth thousandth millionth half halves quarter quarters
    thirds fourths fifths sixths sevenths eighths ninths tenths""".split()
)
_WORD = re.compile(r"[A-Za-z]{4,}")
_DIGITS = re.compile(r"\d")


def _tokens(text: str) -> list[str]:
    return [w.strip("'") for w in as_words(text).replace("-", " ").split()]


def _is_number_word(word: str) -> bool:
    """ "nineteen", "nineteenth", "nineties", "thirds": a number said, in any of its forms."""
    word = word.removesuffix("'s")
    forms = {word, word.removesuffix("s"), word.removesuffix("th"), word.removesuffix("ths")}
    if word.endswith(("ieth", "ies")):
        forms.add(word[: -len("ieth") if word.endswith("ieth") else -len("ies")] + "y")
    return bool(forms & _NUMBER_WORDS)


def _abbreviates(short: str, words: list[str]) -> bool:
    """ "Blvd" for "boulevard", "Sept" for "september": its letters, in order, in one word."""
    short = short.lower()
    for word in words:
        if word[:1] == short[:1]:
            letters = iter(word)
            if all(ch in letters for ch in short):
                return True
    return False


def harms(written: str, said: str) -> list[str]:
    """The unintended changes in one sentence's spoken form (empty when it reads well)."""
    found = []
    if _DIGITS.search(said):
        found.append("digits left")
    before, after = _tokens(written), _tokens(said)
    spoken = as_words(said)
    lost = [
        w for w in _WORD.findall(written) if w.lower() not in spoken and not _abbreviates(w, after)
    ]
    if lost:
        found.append("word lost")

    def doubled(words: list[str]) -> int:
        return sum(a == b and not _is_number_word(a) for a, b in itertools.pairwise(words))

    if doubled(after) > doubled(before):
        found.append("word doubled")
    if len(after) > 5 * len(before) + 10:
        found.append("absurd growth")
    if _DIGITS.search(written) and not any(_is_number_word(w) for w in after):
        found.append("number dropped")
    return found


def prose_sentences(count: int, seed: int = 0) -> list[str]:
    """Sentences of the corpus's gold texts, half of them with digits (where the rules act)."""
    with_digits, without = [], []
    for page in load_pages():
        for paragraph in page["gold"].split("\n\n"):
            for sentence in split_sentences(paragraph):
                if 4 <= len(sentence.split()) <= 80 and sentence.isascii():
                    (with_digits if _DIGITS.search(sentence) else without).append(sentence)
    rng = random.Random(seed)
    half = count // 2
    return rng.sample(with_digits, min(half, len(with_digits))) + rng.sample(
        without, min(count - half, len(without))
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=6000)
    ap.add_argument("--show", type=int, default=3, help="examples of each harm to print")
    args = ap.parse_args()

    cases = load_table()
    by_category: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        by_category[case.category].append(reads_right(normalize(case.written), case))
    print(f"category table: {len(cases)} cases")
    print(f"  {'category':<20} {'cases':>6} {'right':>7}")
    for category, results in sorted(by_category.items()):
        print(f"  {category:<20} {len(results):6d} {sum(results) / len(results):7.1%}")
    every = [r for results in by_category.values() for r in results]
    print(f"  {'all':<20} {len(every):6d} {sum(every) / len(every):7.1%}")

    sentences = prose_sentences(args.sentences)
    start = time.perf_counter()
    said = [normalize(s) for s in sentences]
    secs = time.perf_counter() - start
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    harmed = 0
    for written, spoken in zip(sentences, said, strict=True):
        found = harms(written, spoken)
        harmed += bool(found)
        for harm in found:
            counts[harm] += 1
            if len(examples[harm]) < args.show:
                examples[harm].append(f"{written!r}\n        -> {spoken!r}")
    n = len(sentences)
    print(f"\nrunning prose: {n} sentences of the extraction corpus's gold texts ({secs:.1f} s)")
    print(f"  changed in an unintended way: {harmed / n:.2%}")
    for harm in ("digits left", "word lost", "word doubled", "absurd growth", "number dropped"):
        print(f"  {harm:<16} {counts[harm] / n:7.2%}")
        for example in examples[harm]:
            print(f"      {example}")


if __name__ == "__main__":
    main()
