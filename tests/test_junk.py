"""The junk filter drops page chrome by a named rule and never drops a real sentence."""

from __future__ import annotations

import pytest

from episodes.junk import MAX_JUNK_CHARS, is_notice, junk_rule, linked_junk_rule

JUNK = {
    "server error": [
        "Warning: Undefined variable $post in /var/www/html/wp-content/themes/x/single.php"
        " on line 12",
        "PHP Warning:  Cannot modify header information - headers already sent"
        " in /srv/site/index.php on line 88",
        "Notice: Trying to access array offset on value of type null in /srv/app/page.php"
        " on line 7",
        "Deprecated: Function create_function() is deprecated in /var/www/inc/old.php on line 301",
        "Fatal error: Uncaught Error: Call to undefined function foo() in C:\\xampp\\htdocs\\a.php"
        " on line 3",
    ],
    "comment form": [
        "Leave a Reply",
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "12 Comments",
        "Cancel reply",
    ],
    "share prompt": [
        "Share this:",
        "Share this article",
        "Share on Facebook",
        "Click to share on Twitter (Opens in new window)",
        "Tweet this!",
    ],
    "social links": [
        "Facebook Twitter LinkedIn Email",
        "Facebook | Twitter | WhatsApp | Print",
        "Facebook, X, Reddit, Copy link",
    ],
    "subscription appeal": [
        "Subscribe to our newsletter",
        "Sign up for our free weekly newsletter to get the best stories in your inbox.",
        "Subscribe now!",
        "Become a member",
        "Become a member today and get unlimited access.",
        "Donate to support our journalism.",
    ],
    "cookie notice": [
        "We use cookies to improve your experience on our site. By continuing you agree to our"
        " use of cookies.",
        "This website uses cookies.",
        "This website uses cookies to ensure you get the best experience on our website. "
        "Learn more",
        "By clicking “Accept all cookies”, you agree to the storing of cookies on your device.",
        "Accept all cookies",
        "Manage cookies",
        "Cookie settings",
    ],
    "navigation": [
        "Home | News | Sport | Contact",
        "Home » World » Europe",
        "Politics · Business · Culture · Science",
    ],
    "copyright": [
        "© 2024 Example Media. All rights reserved.",
        "Copyright © 2019–2024 The Daily Planet Ltd",
        "(c) 2023 Example Media",
        "All rights reserved.",
    ],
    "advertisement": ["Advertisement", "ADVERTISEMENT", "Sponsored content", "Ad"],
    "related links": [
        "Read more",
        "Read more »",
        "Continue reading…",
        "Related articles",
        # A linked headline may hold full stops that end no sentence.
        "Read more: U.S. regulators fine bank $13.4bn",
        "Related: J. Smith named St. Mary's head as U.K. schools merge",
        "See also: Harbour dues rise by 4.5% at Porthaven",
        "Related: iPhone 16 review: a better battery",
        "Read more: Is the night ferry doomed?",
    ],
}


@pytest.mark.parametrize(
    ("rule", "line"), [(rule, line) for rule, lines in JUNK.items() for line in lines]
)
def test_junk_lines_are_dropped_by_their_rule(rule: str, line: str) -> None:
    assert junk_rule(line) == rule


def test_every_rule_is_exercised_by_at_least_two_lines() -> None:
    assert all(len(lines) >= 2 for lines in JUNK.values())


def test_case_and_spacing_do_not_matter() -> None:
    assert junk_rule("  SHARE   THIS: ") == "share prompt"
    assert junk_rule("leave a reply") == "comment form"
    assert junk_rule("Read\tmore") == "related links"


ARTICLE_TEXT = [
    # Sharing, social networks, email, print.
    "She decided to share the recipe with her neighbours.",
    "Share prices fell sharply on Monday after the announcement.",
    "Share the load, the coach told the team.",
    "Instagram and Facebook were both down for six hours.",
    "Twitter, Facebook and YouTube removed the video within a day.",
    "Email.",
    "I sent her an email the next morning.",
    "Email this article to your MP, the campaign urged.",
    "Print journalism is not dead.",
    "Threads of silk hung from the ceiling.",
    "X marks the spot.",
    # Comments.
    "Comments from readers poured in over the weekend.",
    "The minister declined to comment.",
    "12 comments were filed with the regulator before the deadline.",
    # Cookies, the baked kind and the reported kind.
    "We baked cookies for the school fair.",
    "She refused to accept cookies from strangers.",
    "Accept all cookies? Never, said the baker.",
    "At the bakery we use cookies as bait for the children, she laughed.",
    "This site uses cookies, the regulator found, without asking.",
    # Copyright law, legal enumerations.
    "Copyright law has not kept up with machine learning.",
    "All rights reserved, the label said, but nobody believed it.",
    "(c) the defendant failed to appear in court on two occasions.",
    # Subscriptions and memberships.
    "Subscriptions to print newspapers have fallen by half since 2010.",
    "Subscribe, renew, cancel: the cycle repeats every year for millions of households.",
    "Subscribe now, the banner screamed, and readers ignored it.",
    "Join the club.",
    "Get the updates from the doctor before you leave.",
    "Become a member of parliament at thirty? She did.",
    "Donate blood.",
    "Donate now or never, he joked.",
    # Advertising.
    "Advertising revenue collapsed during the pandemic.",
    "An advertisement for soap ran in 1890.",
    "Sponsored by the state, the programme ran for a decade.",
    "Ad hoc.",
    # Sentences that start like server errors.
    "Warning: the following scene contains violence.",
    "Notice: trains on line 4 are delayed.",
    "Notice: the night service runs on line 4.",
    "Warning: expect delays on line 12.",
    "Fatal error: that was how the inquiry described the pilot's decision.",
    # Pipes and separators.
    "The vote was 3 | 4 | 5 in the three rounds, according to the minutes.",
    "Type ps aux | grep python | head to see it",
    "Cats | Dogs | Birds.",
    "Home is where the heart is.",
    "Read more books, the teacher said.",
    "Related stories are often the most read.",
    # Sentences after a lead: lower case, a full stop, or two sentences.
    "Related: the two are linked.",
    "Read more: The full report is on the council's website.",
    "Related: The U.S. fined the bank $13.4bn. It will appeal.",
    "See also: the appendix, which lists every ferry since 1900.",
    # Short paragraphs.
    "Yes.",
    "No.",
    "Why?",
    "Exactly.",
    "Ad hoc committees met twice.",
]


@pytest.mark.parametrize("line", ARTICLE_TEXT)
def test_article_sentences_are_kept(line: str) -> None:
    assert junk_rule(line) is None


def test_long_paragraphs_are_never_junk() -> None:
    line = (
        "We use cookies to improve your experience on our site, the notice said; "
        + "the rest of the paragraph explains why regulators object to that. " * 3
    )
    assert len(line) > MAX_JUNK_CHARS
    assert junk_rule(line) is None


@pytest.mark.parametrize("line", ["", "   ", "\n\t"])
def test_empty_lines_are_not_junk(line: str) -> None:
    assert junk_rule(line) is None


@pytest.mark.parametrize(
    ("line", "link_share", "rule"),
    [
        # On a page the markup says the headline is a link, whatever its punctuation.
        ("Read more: U.S. fines bank $13.4bn. Shares fall.", 0.85, "related links"),
        ("Related: The full report is on the council's website.", 0.8, "related links"),
        ("See also Harbour dues rise again", 0.8, "related links"),
        ("Also read — Ferry fares: what changes in May", 0.9, "related links"),
        # Prose with a link in it, a linked lead before prose, a link without a lead.
        ("Read more about the report, which runs to four hundred pages.", 0.1, None),
        ("Read more: the report runs to four hundred pages and is free to read.", 0.1, None),
        ("Related issues came up at the meeting, the clerk said.", 0.2, None),
        ("The council published the full report on Tuesday.", 1.0, None),
    ],
)
def test_a_lead_followed_by_link_text_is_a_related_link(
    line: str, link_share: float, rule: str | None
) -> None:
    assert linked_junk_rule(line, link_share) == rule


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("This story was originally published by Coast News and is republished here.", True),
        ("© 2024 Coast News. This article may not be reproduced without permission.", True),
        ("Subscribe to continue reading.", True),
        ("Page not found.", True),
        ("The pool is closed on Monday. It opens again on Tuesday at nine.", False),
        ("The ferry was first launched in 1956 and sailed until 1990.", False),
    ],
)
def test_notices_are_told_from_short_prose(text: str, notice: bool) -> None:
    assert is_notice(text) is notice
