"""Extraction checked against a corpus of realistic pages: web copies full of junk, saved
HTML of several shapes, Markdown drafts, legacy encodings, other languages.

Each source `tests/corpus/<name>.txt|.md|.html` has `<name>.expected.txt`, the clean text
exactly as `Article.text` renders it, and `<name>.expected.json`, its metadata. JUNK below
lists what was planted in each source: none of it may be heard.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from audio.script import HEADING, PARAGRAPH, Block
from episodes.article import Article
from episodes.html import read_html
from episodes.ingest import Source, load_source, read_article
from episodes.junk import RULE_NAMES, junk_rule
from episodes.paragraphs import text_pieces
from episodes.plaintext import READER_RULES
from episodes.textfile import decode_text

CORPUS = Path(__file__).parent / "corpus"
SOURCES = sorted(
    p
    for p in CORPUS.iterdir()
    if p.suffix in {".txt", ".md", ".html"} and not p.stem.endswith(".expected")
)
# Rules that name what markdown_blocks leaves out (code and tables are not spoken).
MARKDOWN_RULES = {"code block", "table"}

# What was planted in each source and must never be heard: exact lines for plain text,
# distinctive snippets of the page chrome for HTML and Markdown.
JUNK: dict[str, list[str]] = {
    "allotment-blog.txt": [
        "Skip to content",
        "Home | About | Seed Swap | Contact",
        'Warning: Undefined array key "sidebar-2" in /home/muddyplot/public_html/wp-content/'
        "themes/greenleaf/functions.php on line 214",
        "Deprecated: Function get_magic_quotes_gpc() is deprecated in /home/muddyplot/"
        "public_html/wp-includes/load.php on line 651",
        "Posted on March 3, 2024 by Margaret Ellis",
        "Share this:",
        "Facebook",
        "Twitter",
        "Pinterest",
        "Email",
        "Like Loading...",
        "Related",
        "Posted in Composting, Plot 14 | Tagged compost, leaf mould, pallets, worms",
        "Leave a Reply Cancel reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Name *",
        "Email *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Notify me of follow-up comments by email.",
        "Post Comment",
        "Δ",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "© 2024 The Muddy Allotment. All rights reserved.",
        "Proudly powered by WordPress",
    ],
    "ferry-news.txt": [
        "Skip to main content",
        "News | Local | Business | Sport | Opinion | Weather",
        "We use cookies to give you the best experience on our website. By continuing to"
        " browse, you agree to our use of cookies.",
        "Accept all cookies",
        "Manage cookies",
        "By Daniel Okafor | March 12, 2024",
        "4 min read",
        "Advertisement",
        "Photo: Daniel Okafor / Harbour Herald",
        "Read more: Islanders petition for hospital transport fund",
        "Related posts",
        "Filed under: Transport, Skerra, Porthaven Harbour",
        "Sign up for our daily newsletter to get the top local stories in your inbox every"
        " morning.",
        "Terms | Privacy | Cookies | Contact us",
        "© 2024 Harbour Herald Media Ltd. All rights reserved.",
    ],
    "sourdough-newsletter.txt": [
        "Subscribe",
        "Sign in",
        "Share this post",
        "Thanks for reading The Bakery Letter! Subscribe for free to receive new posts and"
        " support my work.",
        "Type your email…",
        "Upgrade to paid",
        "Give a gift subscription",
        "Become a paid subscriber",
        "Discussion about this post",
        "© 2024 Mara Lindqvist",
        "Privacy ∙ Terms ∙ Collection notice",
    ],
    "mill-history.txt": [
        "Warning: Cannot modify header information - headers already sent by (output started"
        " at /var/www/html/wp-content/plugins/old-gallery/gallery.php:88) in"
        " /var/www/html/wp-includes/pluggable.php on line 1435",
        "Notice: Trying to get property 'ID' of non-object in"
        " /var/www/html/wp-content/themes/millstone/single.php on line 31",
        "Home » Local History » Mills",
        "5 min read",
        "Photo by Tom Hale on Unsplash",
        "Tags: mills, Lower Brook, ledgers, archives",
        "Previous post",
        "Next post",
        "Follow us on Facebook and Instagram",
        "Leave a comment",
        "Log in to Reply",
    ],
    "czech-ferry-cp1250.txt": [
        "Domů | Zprávy | Region | Kultura | Sport",
        "Sdílet",
        "Facebook Twitter E-mail",
        "Reklama",
        "© 2024 Vltavské listy. Všechna práva vyhrazena.",
    ],
    "french-market-latin1.txt": [
        "Accueil | Actualités | Sports | Culture | Agenda",
        "Partager :",
        "Facebook | Twitter | LinkedIn | E-mail",
        "Publicité",
        "Lire aussi : Le pont de Bretenoux rouvre à la circulation",
        "© 2023 La Dépêche du Causse - Tous droits réservés",
    ],
    "wordpress-beekeeping.html": [
        "Skip to content",
        "Honey, hives and hedgerows",
        "Courses",
        "Share this",
        "Related",
        "How to find queen cells before they find you",
        "Categorized as",
        "Tagged",
        "2 comments on",
        "Jenny Holt",
        "We lost two swarms last year",
        "Was the queen marked?",
        "Reply",
        "Leave a comment",
        "Your email address will not be published",
        "Search for",
        "Recent Posts",
        "Fondant, syrup and a hungry April",
        "Buy our honey",
        "Free delivery on orders over thirty pounds",
        "Proudly powered by",
        "We use cookies",
        "The swarm on the plum tree, twenty minutes after leaving the hive.",
    ],
    "news-library.html": [
        "We and our partners use cookies",
        "Accept all",
        "Cookie settings",
        "What's On",
        "Advertisement",
        "Home › News",
        "By Priya Raman",
        "Local Democracy Reporter",
        "Share on Facebook",
        "The restored reading room, with its original oak shelving",
        "Read more:",
        "Council heritage fund: where the money went",
        "Get the Courier in your inbox",
        "Sign up for our free daily newsletter",
        "Topics:",
        "Related stories",
        "Swimming pool closure delayed",
        "Most read",
        "Bypass decision put off again",
        "12 Bridge Street",
        "All rights reserved",
    ],
    "newsletter-rivers.html": [
        "A fortnightly letter about tides",
        "Subscribe",
        "October 3, 2024 · Ruth Calloway",
        "Share this post",
        "Enjoyed this? Forward it to a friend",
        "You are receiving this because",
        "Unsubscribe",
        "Manage preferences",
        "Powered by Buttondown",
    ],
    "tide-tables-guide.html": [
        "Guides | Safety | Shop",
        "checked by volunteers from local lifeboat crews",
        "© 2024 Coastwise",
    ],
    "minimal-letter.html": [],
    "german-faehre.html": [
        "Wir verwenden Cookies",
        "Alle akzeptieren",
        "Einstellungen",
        "Politik",
        "Von Katrin Vogt",
        "08:15 Uhr",
        "Teilen",
        "WhatsApp",
        "Anzeige",
        "Lesen Sie auch",
        "Niedrigwasser legt Schifffahrt",
        "Jetzt Abo abschließen",
        "Abonnieren",
        "Impressum",
        "Alle Rechte vorbehalten",
    ],
    "heron-count.md": ["tags:", "Subscribe to our newsletter"],
    "river-sensor.md": [
        "Ultrasonic distance sensor",
        "Approximate cost",
        "£13",
        "sensor.read_cm()",
        "BRIDGE_HEIGHT_CM",
        "$ python serve.py --port 8080",
        "Serving brook readings",
    ],
}


def read(source: Path, **options: bool) -> Article:
    """The article of a source; read once per option set, the tests only look at it."""
    return _read(source, tuple(sorted(options.items())))


@functools.cache
def _read(source: Path, options: tuple[tuple[str, bool], ...]) -> Article:
    return read_article(load_source(str(source)), **dict(options))


def expected_text(source: Path) -> str:
    return (CORPUS / f"{source.stem}.expected.txt").read_text(encoding="utf-8").strip()


def expected_meta(source: Path) -> dict[str, str | None]:
    meta: dict[str, str | None] = json.loads(
        (CORPUS / f"{source.stem}.expected.json").read_text(encoding="utf-8")
    )
    return meta


def decoded(source: Path) -> str:
    return decode_text(source.read_bytes(), source.name)


def source_text(source: Path) -> str:
    """The source's text as a person sees it, whatever its encoding or markup."""
    text = decoded(source)
    return lxml.html.fromstring(text).text_content() if source.suffix == ".html" else text


def squeeze(text: str) -> str:
    return " ".join(text.split())


def ids(sources: list[Path]) -> list[str]:
    return [p.name for p in sources]


def test_the_corpus_has_every_shape() -> None:
    """At least 12 articles: web copies, saved pages, Markdown, legacy encodings, languages."""
    names = [p.name for p in SOURCES]
    assert len(names) >= 12
    assert sum(n.endswith(".txt") for n in names) >= 4
    assert sum(n.endswith(".html") for n in names) >= 4
    assert sum(n.endswith(".md") for n in names) >= 2
    legacy = [p for p in SOURCES if p.suffix == ".txt"]
    assert sum(not _is_utf8(p.read_bytes()) for p in legacy) >= 2
    assert sorted(JUNK) == sorted(names), "every article lists the junk planted in it"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_the_junk_list_is_planted_and_absent_from_the_expected_text(source: Path) -> None:
    """Keeps JUNK honest: each snippet is really in the source and never in the article."""
    raw, clean = squeeze(source_text(source)), expected_text(source)
    for junk in JUNK[source.name]:
        assert squeeze(junk) in raw, f"{junk!r} is not in {source.name}"
        assert junk not in clean, f"{junk!r} is in the expected text of {source.name}"


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_clean_text_is_exactly_the_expected_text(source: Path) -> None:
    assert read(source).text == expected_text(source)


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_no_body_paragraph_is_lost_or_reordered(source: Path) -> None:
    """Said separately from the exact match, so a failure names the paragraph."""
    blocks = read(source).text.split("\n\n")
    position = 0
    for paragraph in expected_text(source).split("\n\n"):
        assert paragraph in blocks[position:], f"lost or out of order: {paragraph[:70]!r}"
        position = blocks.index(paragraph, position) + 1


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_no_planted_junk_is_heard(source: Path) -> None:
    article = read(source)
    spoken = [article.title, *(b.text for b in article.blocks)]
    for junk in JUNK[source.name]:
        survivors = [text for text in spoken if squeeze(junk) in squeeze(text)]
        assert not survivors, f"{junk!r} survived in {survivors[0][:80]!r}"


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_every_dropped_line_names_its_rule(source: Path) -> None:
    article = read(source)
    for dropped in article.dropped:
        assert dropped.rule in RULE_NAMES | READER_RULES | MARKDOWN_RULES, dropped


TEXT_SOURCES = [p for p in SOURCES if p.suffix == ".txt"]


@pytest.mark.parametrize("source", TEXT_SOURCES, ids=ids(TEXT_SOURCES))
def test_plain_text_junk_is_dropped_by_a_rule_not_lost(source: Path) -> None:
    """Every planted line of a web copy is on the dropped list, with its rule."""
    dropped = [squeeze(d.text) for d in read(source).dropped]
    for junk in JUNK[source.name]:
        assert any(squeeze(junk) in text for text in dropped), f"{junk!r} is not dropped"


@pytest.mark.parametrize("source", SOURCES, ids=ids(SOURCES))
def test_metadata_matches(source: Path) -> None:
    article = read(source)
    meta = expected_meta(source)
    assert article.title == meta["title"]
    assert article.author == meta["author"]
    assert article.language == meta["language"]
    assert article.date == _as_datetime(meta["date"])
    if "url" in meta:
        assert article.url == meta["url"]


def _as_datetime(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@pytest.mark.parametrize("name", ["allotment-blog.txt", "ferry-news.txt"])
def test_keep_all_keeps_the_junk_of_a_web_copy(name: str) -> None:
    source = CORPUS / name
    kept = read(source, keep_all=True)
    assert kept.dropped == []
    text = squeeze(kept.text)
    for junk in JUNK[name]:
        if squeeze(junk) != kept.title:
            assert squeeze(junk) in text, f"{junk!r} was dropped despite keep_all"
    assert expected_text(source).split("\n\n")[0] in kept.text


# --- HTML: what read_html itself reports, and pages made plainer -------------------------

HTML_META = {
    "wordpress-beekeeping.html": {
        "site": "Hill Farm Bees",
        "lang": "en-GB",
        "image": "https://hillfarmbees.example/wp-content/uploads/2024/05/swarm-plum-tree.jpg",
    },
    "news-library.html": {
        "site": "The Valley Courier",
        "lang": "en",
        "image": "https://valleycourier.example/img/2024/09/library-reading-room.jpg",
    },
    "newsletter-rivers.html": {"site": "Field Notes from the Estuary", "lang": "en"},
    "tide-tables-guide.html": {"site": "Coastwise", "lang": "en-US"},
    "minimal-letter.html": {},
    "german-faehre.html": {"site": "Elbe-Kurier", "lang": "de"},
}
HTML_SOURCES = [p for p in SOURCES if p.suffix == ".html"]


def test_every_html_page_has_its_metadata_listed() -> None:
    assert sorted(HTML_META) == [p.name for p in HTML_SOURCES]


@pytest.mark.parametrize("source", HTML_SOURCES, ids=ids(HTML_SOURCES))
def test_html_site_declared_language_and_image(source: Path) -> None:
    _, meta = read_html(decoded(source))
    expected = HTML_META[source.name]
    for key in ("site", "lang", "image"):
        assert meta.get(key) == expected.get(key), key


def _div_soup(markup: str) -> str:
    return re.sub(r"<(/?)(article|main|header|footer|nav|aside|section)\b", r"<\1div", markup)


def _no_hints(markup: str) -> str:
    return re.sub(r"\s(class|id|role|rel)=(\"[^\"]*\"|'[^']*')", "", markup)


@pytest.mark.parametrize(
    "plainer",
    [_div_soup, _no_hints, lambda markup: _no_hints(_div_soup(markup))],
    ids=["div-soup", "no-class-or-id", "both"],
)
@pytest.mark.parametrize("source", HTML_SOURCES, ids=ids(HTML_SOURCES))
def test_no_body_paragraph_is_lost_when_the_markup_is_plainer(
    source: Path, plainer: Callable[[str], str]
) -> None:
    """Older sites have no <article>, no <main> and no telling class names.

    Without them trafilatura falls back to collecting paragraphs and drops headings and
    list items; read_html puts those back. (Some chrome may then be heard: the junk is
    measured in episodes/html.py, losses are not allowed.)
    """
    markup = plainer(decoded(source))
    article = read_article(Source(markup.encode("utf-8"), source.name, "html"))
    blocks = article.text.split("\n\n")
    lost = [p for p in expected_text(source).split("\n\n") if p not in blocks]
    assert not lost


def page(title: str, body: str, head: str = "") -> str:
    """A page with enough text for trafilatura to judge it (see MIN_EXTRACTED_CHARS)."""
    prose = " ".join(["The harbour wall was rebuilt in the spring after the storms."] * 3)
    paragraphs = "".join(f"<p>{prose} Part {n}.</p>" for n in range(3))
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article>{body}{paragraphs}"
        "</article></body></html>"
    )


SITE = '<meta property="og:site_name" content="Coast News">'


@pytest.mark.parametrize(
    ("title", "head", "body", "expected"),
    [
        ("Harbour Wall Rebuilt | Coast News", SITE, "", "Harbour Wall Rebuilt"),
        ("Harbour Wall Rebuilt – Coast News", SITE, "", "Harbour Wall Rebuilt"),
        ("Coast News :: Harbour Wall Rebuilt", SITE, "", "Harbour Wall Rebuilt"),
        # No site name, but the page's <h1> says where the headline ends.
        ("Harbour Wall Rebuilt - Coast News", "", "<h1>Harbour Wall Rebuilt</h1>", None),
        # A separator that is part of the headline.
        ("Ferries - A History", "", "", "Ferries - A History"),
        ("Ferries - A History | Coast News", SITE, "", "Ferries - A History"),
        # The site's name is at neither end: nothing is cut.
        ("Harbour | Coast News | Region", SITE, "", "Harbour | Coast News | Region"),
    ],
)
def test_the_site_name_is_cut_from_the_title(
    title: str, head: str, body: str, expected: str | None
) -> None:
    _, meta = read_html(page(title, body, head))
    assert meta["title"] == (expected or "Harbour Wall Rebuilt")


def test_a_leading_heading_that_repeats_the_title_is_not_read_twice() -> None:
    og_title = '<meta property="og:title" content="“Harbour” wall rebuilt | Coast News">'
    markup = page(
        "Coast News",
        '<h1>"HARBOUR"   Wall Rebuilt</h1><h2>The storms</h2>',
        SITE + og_title,
    )
    blocks, meta = read_html(markup)
    assert meta["title"] == "“Harbour” wall rebuilt"
    assert blocks[0] == Block(HEADING, "The storms")


@pytest.mark.parametrize(
    "repeat",
    [
        "<h1>Harbour Wall Rebuilt</h1>",
        "<p>Harbour wall rebuilt</p>",
        "<h2>Harbour Wall Rebuilt – Coast News</h2>",
        "<p>Coast News | HARBOUR WALL REBUILT</p>",
    ],
)
def test_the_headline_below_a_standfirst_is_not_read_twice(repeat: str) -> None:
    standfirst = "<p>The council paid for all of it, at last, after years of asking.</p>"
    blocks, meta = read_html(page("Harbour Wall Rebuilt | Coast News", standfirst + repeat, SITE))
    assert meta["title"] == "Harbour Wall Rebuilt"
    texts = [block.text for block in blocks]
    assert texts[0] == "The council paid for all of it, at last, after years of asking."
    assert not any("wall rebuilt" in text.casefold() for text in texts)


def test_a_line_equal_to_the_title_further_down_is_the_articles_own() -> None:
    body = "<p>One.</p><p>Two.</p><p>Three.</p><p>Harbour wall rebuilt</p>"
    blocks, _ = read_html(page("Harbour Wall Rebuilt", body))
    assert "Harbour wall rebuilt" in [block.text for block in blocks]


def _guide(boxes: str) -> str:
    """A how-to in plain <div>s, as old sites have: trafilatura skips its headings and lists."""
    prose = "The tide turns twice a day, and the table says when and how far it will go."
    paragraphs = [f"<p>{prose} This is paragraph {n} of the guide.</p>" for n in range(4)]
    steps = (
        "<h2>The steps</h2><ul><li>Find the port nearest to where you launch.</li>"
        "<li>Read the time of high water, and add an hour in summer.</li>"
        '<li>Check the height against the <a href="/datum">chart datum</a> of your map.</li>'
        "</ul>"
    )
    return (
        "<html><head><title>How to read a tide table</title></head><body><div><div>"
        f"{paragraphs[0]}{steps}{paragraphs[1]}{boxes}{paragraphs[2]}{paragraphs[3]}"
        "</div></div></body></html>"
    )


@pytest.mark.parametrize(
    "box",
    [
        "<h2>Trending</h2><ul><li><a href='/a'>Ferry fares rise again</a></li>"
        "<li><a href='/b'>Harbour master retires after 30 years</a></li></ul>",
        "<h3>More from Coast News</h3><h4>Related Links</h4><ul>"
        "<li><a href='/c'>Tide tables for 2025</a></li>"
        "<li><a href='/d'>Why spring tides are higher</a> (video)</li></ul>",
        "<ul><li><h3><a href='/e'>Lifeboat crew rescue two</a></h3></li>"
        "<li><h3><a href='/f'>Storm warning for the weekend</a></h3></li></ul>",
    ],
    ids=["trending", "heading-over-related-links", "linked-headlines"],
)
def test_a_box_of_links_is_not_put_back_but_the_steps_are(box: str) -> None:
    blocks, _ = read_html(_guide(box))
    texts = [block.text for block in blocks]
    assert texts[1:5] == [
        "The steps",
        "Find the port nearest to where you launch.",
        "Read the time of high water, and add an hour in summer.",
        "Check the height against the chart datum of your map.",
    ]
    assert len(texts) == 8, texts  # four paragraphs, the heading, three steps: nothing else
    for teaser in ("Trending", "Ferry", "More from", "Related", "Tide tables", "Lifeboat"):
        assert not any(text.startswith(teaser) for text in texts), teaser


def test_a_small_page_is_read_by_the_small_parser() -> None:
    """A few short paragraphs: trafilatura would read the menu and the footer as well."""
    markup = (
        "<html><head><title>Notice</title></head><body><nav><a href='/'>Home</a></nav>"
        "<p>The pool is closed on Monday.</p><p>It opens again on Tuesday.</p>"
        "<footer>Footer text</footer></body></html>"
    )
    blocks, _ = read_html(markup)
    assert blocks == [
        Block(PARAGRAPH, "The pool is closed on Monday."),
        Block(PARAGRAPH, "It opens again on Tuesday."),
    ]


def test_a_fragment_pasted_out_of_a_cms_is_read_whole() -> None:
    blocks, _ = read_html("Intro line\n<p>A paragraph.</p><ul><li>An item.</li></ul>")
    assert [b.text for b in blocks] == ["Intro line", "A paragraph.", "An item."]


def test_the_address_given_is_used_when_the_page_names_none() -> None:
    _, meta = read_html(page("Harbour Wall Rebuilt", ""), url="https://example.com/wall")
    assert meta["url"] == "https://example.com/wall"


def test_dates_keep_their_time_and_zone_or_are_just_a_day() -> None:
    timed = _meta_tag("article:published_time", "2024-05-14T18:20:11+02:00")
    assert read_html(page("T", "", timed))[1]["date"] == "2024-05-14T18:20:11+02:00"
    assert read_html(page("T", "", _meta_tag("date", "2024-05-14")))[1]["date"] == "2024-05-14"


def _meta_tag(name: str, content: str) -> str:
    return f'<meta property="{name}" name="{name}" content="{content}">'


# --- Rules the corpus called for, checked alone ------------------------------------------

NEW_JUNK = {
    "share prompt": [
        "Teilen",
        "Partager :",
        "Like Loading...",
        "Loading…",
        "Enjoyed this? Forward it to a friend who likes muddy boots.",
    ],
    "social links": ["Follow us on Facebook and Instagram", "Follow me on X"],
    "comment form": [
        "Reply",
        "Log in to Reply",
        "Leave a Reply Cancel reply",
        "Comment *",
        "Name *",
        "Notify me of new posts by email.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "Δ",
        "3 thoughts on “What Three Winters Taught Me”",
        'One response to "The Miller\'s Ledger"',
        "You must be logged in to post a comment.",
        "Discussion about this post",
    ],
    "subscription appeal": [
        "Upgrade to paid",
        "Give a gift subscription",
        "Type your email…",
        "Become a paid subscriber",
        "Thanks for reading The Bakery Letter! Subscribe for free to receive new posts and"
        " support my work.",
        "Abonnieren",
        "Jetzt Abo abschließen und alle Artikel lesen!",
    ],
    "advertisement": [
        "Anzeige",
        "Publicité",
        "Reklama",
        "Advertisement Skip Advertisement",
        "Story continues below advertisement",
    ],
    "related links": [
        "Read more: Islanders petition for hospital transport fund",
        "Lire aussi : Le pont de Bretenoux rouvre à la circulation",
        "Lesen Sie auch: Niedrigwasser legt Schifffahrt auf der Elbe lahm",
    ],
    "post categories": [
        "Posted in Composting, Plot 14 | Tagged compost, leaf mould, pallets, worms",
        "Posted in News | 4 Comments",
        "Filed under: Transport, Skerra, Porthaven Harbour",
        "Tags: mills, Lower Brook, ledgers, archives",
        "Categorized as Swarms",
    ],
    "photo credit": [
        "Photo: Daniel Okafor / Harbour Herald",
        "Photograph: Tom Jenkins/The Guardian",
        "Photo by Tom Hale on Unsplash",
        "Image credit: Getty Images",
        "Foto: dpa",
    ],
    "site credits": [
        "Proudly powered by WordPress",
        "Powered by Buttondown",
        "Powered by WordPress | Theme: Greenleaf by ThemeShop",
    ],
    "navigation": [
        "Skip to content",
        "Skip to main content",
        "Sign in",
        "Previous post",
        "Next post »",
        "Privacy ∙ Terms ∙ Collection notice",
    ],
    "byline": [
        "By Daniel Okafor | March 12, 2024",
        "By Jane Doe and John Smith, 3 March 2024",
        "Posted on March 3, 2024 by Margaret Ellis",
        "Updated: March 4, 2024 at 10:15 am",
        "Published 2024-03-03",
        "4 min read",
    ],
    "copyright": ["Alle Rechte vorbehalten.", "Všechna práva vyhrazena."],
    "server error": [
        "Warning: Cannot modify header information - headers already sent by (output started"
        " at /var/www/html/wp-content/plugins/old-gallery/gallery.php:88) in /var/www/html/"
        + "vendor/deeply/nested/" * 4
        + "pluggable.php on line 1435",
    ],
}

# Article sentences that start like the new junk: every one of them must be kept.
LOOKALIKES = [
    "Reply to the council came slowly, and too late.",
    "She wrote a reply.",
    "By Tuesday, the river had risen two metres.",
    "By Royal Appointment",
    "By March 3, 2024, the bridge will be closed.",
    "Posted in 1998, the letter arrived in 2001.",
    "Filed under pressure, the report was incomplete.",
    "Tags: they are everywhere in the shop.",
    "Photo: the mayor cuts the ribbon at the new bridge.",
    "Photographs by the author's grandfather survive in the archive.",
    "Powered by steam, the ferry crossed in an hour.",
    "Sign in at the front desk, the guard said.",
    "Next post office is two miles away.",
    "Loading the van took an hour.",
    "Teilen ist wichtig, sagt sie.",
    "Anzeige erstattet: Die Polizei ermittelt.",
    "Enjoyed this? Most readers did.",
    "Follow us on Facebook and Instagram for the latest timetable changes, the operator said.",
    "Comment is free, but facts are sacred.",
    "Name the river.",
    "Published in 1908, the guide is still in print.",
    "Give it a 4 min read.",
    "Thanks for reading this far.",
    "Type your name.",
    "Lire aussi les pages du registre a pris des semaines. Le reste a suivi.",
]


@pytest.mark.parametrize(
    ("rule", "line"), [(rule, line) for rule, lines in NEW_JUNK.items() for line in lines]
)
def test_new_junk_lines_are_dropped_by_their_rule(rule: str, line: str) -> None:
    assert junk_rule(line) == rule


@pytest.mark.parametrize("line", LOOKALIKES)
def test_sentences_that_look_like_the_new_junk_are_kept(line: str) -> None:
    assert junk_rule(line) is None


@pytest.mark.parametrize(
    ("lines", "pieces"),
    [
        (["Share this:", "Facebook", "Twitter"], ["Share this:", "Facebook", "Twitter"]),
        (
            ["Home » History » Mills", "The Miller's Ledger", "5 min read"],
            ["Home » History » Mills", "The Miller's Ledger", "5 min read"],
        ),
        # Hard-wrapped prose is never split, even where a line alone would be junk.
        (
            ["The minister was asked about the closure of the ferry and declined to", "comment."],
            ["The minister was asked about the closure of the ferry and declined to comment."],
        ),
        # Junk lines go, the wrapped sentence around them stays whole.
        (
            [
                "The council met on Tuesday night in the old town hall, as it has done for",
                "eighty years.",
                "Advertisement",
            ],
            [
                "The council met on Tuesday night in the old town hall, as it has done for"
                " eighty years.",
                "Advertisement",
            ],
        ),
    ],
)
def test_stacked_lines_of_a_web_copy_are_split_around_junk(
    lines: list[str], pieces: list[str]
) -> None:
    assert [p.text for p in text_pieces("\n".join(lines))] == pieces
