"""Apple Podcasts' category list, so a show can be checked before a directory rejects it.

Apple matches category text exactly (case and "&" included), so these strings are copied
as Apple publishes them, not normalised.
"""

from __future__ import annotations

from collections.abc import Iterable

CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": (
        "Books",
        "Design",
        "Fashion & Beauty",
        "Food",
        "Performing Arts",
        "Visual Arts",
    ),
    "Business": (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": (
        "After Shows",
        "Film History",
        "Film Interviews",
        "Film Reviews",
        "TV Reviews",
    ),
}


def category_problem(category: str, subcategory: str | None) -> str | None:
    """One line saying why Apple would reject this category pair, or None when it is valid."""
    if category not in CATEGORIES:
        hint = _case_hint(category, CATEGORIES)
        return f"unknown category {category!r}{hint}; Apple's categories are: " + ", ".join(
            CATEGORIES
        )
    if not subcategory:
        return None
    subs = CATEGORIES[category]
    if subcategory in subs:
        return None
    if not subs:
        return f"{category} has no subcategories in Apple Podcasts; remove {subcategory!r}"
    hint = _case_hint(subcategory, subs)
    return f"{subcategory!r} is not a subcategory of {category}{hint}; choose one of: " + ", ".join(
        subs
    )


def _case_hint(name: str, choices: Iterable[str]) -> str:
    """Point at the exact spelling when only case or spaces differ: Apple is case-sensitive."""
    wanted = name.strip().casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return f" (did you mean {choice!r}? the text is case-sensitive)"
    return ""
