"""The category table (tests/data/normalization): large, and read right in every category."""

from __future__ import annotations

from collections import defaultdict

from normalization_table import load_table, reads_right

from audio.normalize import normalize

MIN_CASES = 800
MIN_PER_CATEGORY = 60
MIN_ACCURACY = 0.95


def test_every_category_is_read_right() -> None:
    cases = load_table()
    assert len(cases) >= MIN_CASES
    by_category = defaultdict(list)
    for case in cases:
        by_category[case.category].append(case)
    report = []
    for category, group in sorted(by_category.items()):
        wrong = [c for c in group if not reads_right(normalize(c.written), c)]
        accuracy = 1 - len(wrong) / len(group)
        if len(group) < MIN_PER_CATEGORY or accuracy < MIN_ACCURACY:
            shown = "; ".join(f"{c.written!r} -> {normalize(c.written)!r}" for c in wrong[:5])
            report.append(f"{category}: {len(group)} cases, {accuracy:.0%} right. {shown}")
    assert not report, "\n".join(report)


def test_written_forms_are_not_repeated() -> None:
    seen: dict[str, str] = {}
    for case in load_table():
        assert case.written not in seen, f"{case.written!r} in {seen.get(case.written)}"
        seen[case.written] = case.category
