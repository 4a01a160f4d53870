"""Sources to Articles: Markdown, plain text and HTML, their metadata, encodings, errors."""

from __future__ import annotations

import codecs
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from audio.script import HEADING, PARAGRAPH, Block
from episodes import ingest as ingest_module
from episodes.article import MAX_WORDS, Article, Dropped
from episodes.errors import PresscastError
from episodes.ingest import TITLE_MAX_CHARS, load_source, read_article, sniff_format, speaking_time
from episodes.textfile import Decoded, decode, decode_text


def ingest(tmp_path: Path, name: str, content: str | bytes, **options: Any) -> Article:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_article(load_source(str(path)), **options)


def texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


# --- Markdown ---------------------------------------------------------------------------

HARBOUR_MD = """\
---
title: "The Quiet Harbour"
author: Ana Novák
date: 2024-03-05
lang: en
---

# The Quiet Harbour

Boats rock gently in the harbour at dawn.

## The boats

They are old.
"""


def test_markdown_front_matter_gives_title_author_date_and_language(tmp_path: Path) -> None:
    article = ingest(tmp_path, "harbour.md", HARBOUR_MD)
    assert article.title == "The Quiet Harbour"
    assert article.author == "Ana Novák"
    assert article.date == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.language == "en"


def test_markdown_title_heading_is_not_read_twice(tmp_path: Path) -> None:
    article = ingest(tmp_path, "harbour.md", HARBOUR_MD)
    assert article.blocks == [
        Block(PARAGRAPH, "Boats rock gently in the harbour at dawn."),
        Block(HEADING, "The boats"),
        Block(PARAGRAPH, "They are old."),
    ]


def test_markdown_first_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.md", "# Night Ferry\n\nThe ferry left at ten.\n")
    assert article.title == "Night Ferry"
    assert texts(article) == ["The ferry left at ten."]
    assert article.author is None and article.date is None


def test_markdown_inline_markup_is_stripped(tmp_path: Path) -> None:
    source = (
        "# T\n\n"
        "Read the [guide](https://example.com/guide) with **care** and *joy*, or __not__ _at_"
        " ~~all~~. ![a boat at dawn](boat.png) Run `make demo` now, see [the docs][docs] or"
        " <https://example.com>.\n\n"
        "[docs]: https://example.com/docs\n"
    )
    article = ingest(tmp_path, "a.md", source)
    assert texts(article) == [
        "Read the guide with care and joy, or not at all. Run make demo now, see the docs or"
        " https://example.com."
    ]


def test_markdown_code_and_tables_are_dropped_and_recorded(tmp_path: Path) -> None:
    source = (
        "# T\n\nBefore the code.\n\n"
        '```python\nprint("never spoken")\n```\n\n'
        "| City | Ferries |\n|------|---------|\n| Split | 12 |\n\n"
        "After the table.\n"
    )
    article = ingest(tmp_path, "a.md", source)
    assert texts(article) == ["Before the code.", "After the table."]
    assert "never spoken" not in article.text and "Split" not in article.text
    assert Dropped('print("never spoken")', "code block") in article.dropped
    assert Dropped("| Split | 12 |", "table") in article.dropped
    assert {d.rule for d in article.dropped} == {"code block", "table"}


def test_markdown_list_items_and_quotes_become_paragraphs(tmp_path: Path) -> None:
    source = (
        "# T\n\nPack these:\n\n- Apples are red.\n- Pears are\n  green.\n* Figs.\n\n"
        "1. First step.\n2) Second step.\n\n> A quoted line\n> that continues.\n"
    )
    article = ingest(tmp_path, "a.md", source)
    assert texts(article) == [
        "Pack these:",
        "Apples are red.",
        "Pears are green.",
        "Figs.",
        "First step.",
        "Second step.",
        "A quoted line that continues.",
    ]
    assert all(b.kind == PARAGRAPH for b in article.blocks)


def test_markdown_setext_headings(tmp_path: Path) -> None:
    source = (
        "The Long Road\n=============\n\nIt starts here.\n\nPart Two\n--------\n\nIt ends here.\n"
        "\n---\n\nAfter a rule.\n"
    )
    article = ingest(tmp_path, "a.md", source)
    assert article.title == "The Long Road"
    assert article.blocks == [
        Block(PARAGRAPH, "It starts here."),
        Block(HEADING, "Part Two"),
        Block(PARAGRAPH, "It ends here."),
        Block(PARAGRAPH, "After a rule."),
    ]


def test_markdown_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    article = ingest(tmp_path, "article", "# Sniffed\n\nSome **bold** text.\n")
    assert article.title == "Sniffed"
    assert texts(article) == ["Some bold text."]


# --- Plain text -------------------------------------------------------------------------


def test_text_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    source = "A Short Title\n\nThe first paragraph is\nwrapped over two lines.\n\n  \nThe second.\n"
    article = ingest(tmp_path, "a.txt", source)
    assert article.title == "A Short Title"
    assert texts(article) == ["The first paragraph is wrapped over two lines.", "The second."]


def test_text_without_blank_lines_is_one_paragraph_a_line(tmp_path: Path) -> None:
    source = "Ferries Of The North\nThe first line is a sentence.\nSo is the second.\n"
    article = ingest(tmp_path, "a.txt", source)
    assert article.title == "Ferries Of The North"
    assert texts(article) == ["The first line is a sentence.", "So is the second."]


def test_text_windows_line_endings(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.txt", "Title\r\n\r\nOne para\r\ngoes on.\r\n\r\nTwo.\r\n")
    assert article.title == "Title"
    assert texts(article) == ["One para goes on.", "Two."]


def test_text_title_is_the_first_sentence_when_the_first_line_is_prose(tmp_path: Path) -> None:
    source = "The harbour was quiet. Nobody came.\n\nThe end.\n"
    article = ingest(tmp_path, "a.txt", source)
    assert article.title == "The harbour was quiet"
    assert texts(article) == ["The harbour was quiet. Nobody came.", "The end."]


def test_text_long_first_sentence_is_trimmed_for_the_title(tmp_path: Path) -> None:
    first = (
        "This first sentence goes on and on about the harbour, the boats, the nets and the"
        " weather, well past any reasonable title length."
    )
    article = ingest(tmp_path, "a.txt", f"{first} Then another.\n\nSecond.\n")
    assert len(article.title) <= TITLE_MAX_CHARS
    assert article.title.endswith("…")
    assert first.startswith(article.title[:-1])
    assert article.title[-2] != " "
    assert texts(article)[0] == f"{first} Then another."


def test_text_title_from_one_long_word_is_still_within_the_limit(tmp_path: Path) -> None:
    word = "Llanfairpwllgwyngyll" * 6  # 120 letters, no space to cut at
    article = ingest(tmp_path, "a.txt", f"{word} is a village. It is in Wales.\n\nMore.\n")
    assert len(article.title) == TITLE_MAX_CHARS
    assert article.title == word[: TITLE_MAX_CHARS - 1] + "…"


# --- Overrides --------------------------------------------------------------------------


def test_caller_title_author_and_date_win_over_the_source(tmp_path: Path) -> None:
    when = datetime(2020, 1, 2, 3, 4, tzinfo=UTC)
    article = ingest(
        tmp_path, "harbour.md", HARBOUR_MD, title="  My   Title ", author="Someone", date=when
    )
    assert article.title == "My Title"
    assert article.author == "Someone"
    assert article.date == when
    assert texts(article)[0] == "Boats rock gently in the harbour at dawn."


def test_caller_title_wins_over_html_meta(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.html", PAGE, title="Chosen")
    assert article.title == "Chosen"
    assert article.author == "Jo Writer"


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="fr">
<head>
  <title>Page Title | The Site</title>
  <meta property="og:title" content="The Night Ferry">
  <meta name="author" content="Jo Writer">
  <meta property="article:published_time" content="2024-05-06T07:08:09+02:00">
  <script>var never = "script text";</script>
  <style>.never { color: red }</style>
</head>
<body>
  <header>Header text never read</header>
  <nav><a href="/">Home</a> | <a href="/news">News</a></nav>
  <p>Outside the article, never read.</p>
  <article>
    <h1>The Night Ferry</h1>
    <p>The ferry left at ten &amp; arrived at <em>dawn</em>.</p>
    <aside>Aside text never read.</aside>
    <div hidden>Hidden text never read.</div>
    <h2>The crossing</h2>
    <p>The sea was calm.</p>
    <form><label>Search never read</label></form>
    <p>Share this:</p>
  </article>
  <footer>Footer text never read</footer>
</body>
</html>
"""


def test_html_metadata(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.html", PAGE)
    assert article.title == "The Night Ferry"
    assert article.author == "Jo Writer"
    assert article.date == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    # The page says lang="fr" but its text is English: what is written wins.
    assert article.language == "en"


def test_html_reads_the_article_and_never_the_chrome(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.html", PAGE)
    assert article.blocks == [
        Block(PARAGRAPH, "The ferry left at ten & arrived at dawn."),
        Block(HEADING, "The crossing"),
        Block(PARAGRAPH, "The sea was calm."),
    ]
    assert "never" not in article.text
    assert Dropped("Share this:", "share prompt") in article.dropped


def test_html_title_from_the_title_element_without_og_title(tmp_path: Path) -> None:
    page = (
        "<html><head><title>  Only\n the Title </title></head><body><nav>Menu</nav>"
        "<p>Body one.</p><div><p>Body two.</p></div><footer>Foot</footer></body></html>"
    )
    article = ingest(tmp_path, "a.htm", page)
    assert article.title == "Only the Title"
    assert texts(article) == ["Body one.", "Body two."]
    assert article.author is None and article.date is None


def test_html_main_is_read_when_there_is_no_article(tmp_path: Path) -> None:
    page = (
        "<html><head><title>T</title></head><body><p>Teaser outside.</p>"
        "<main><p>Main text.</p></main><p>After main.</p></body></html>"
    )
    assert texts(ingest(tmp_path, "a.html", page)) == ["Main text."]


def test_hidden_elements_do_not_swallow_the_rest_of_the_page(tmp_path: Path) -> None:
    page = (
        "<html><head><title>T</title></head><body>"
        '<div style="display: none">Secret.</div><span hidden>Also secret.</span>'
        "<p>Visible one.</p><p>Visible two.</p></body></html>"
    )
    assert texts(ingest(tmp_path, "a.html", page)) == ["Visible one.", "Visible two."]


def test_html_date_meta_without_a_zone_is_utc(tmp_path: Path) -> None:
    page = (
        '<html><head><title>T</title><meta name="date" content="2023-11-30"></head>'
        "<body><p>Text.</p></body></html>"
    )
    assert ingest(tmp_path, "a.html", page).date == datetime(2023, 11, 30, tzinfo=UTC)


def _news_page(article: str, menu_items: int = 0) -> str:
    """A page with `article` in its <article>, after a menu of links in plain <div>s."""
    menu = "".join(f'<li><a href="/{n}">Harbour news {n}</a></li>' for n in range(menu_items))
    return (
        "<html><head><title>Coast News</title></head><body>"
        f"<div><ul>{menu}</ul></div><article>{article}</article></body></html>"
    )


REPRINT = (
    "<p>This story was originally published by the Porthaven Gazette and is republished"
    " here with permission. © 2024 Porthaven Gazette.</p>"
)
NOTE = (
    "<p>The harbour office is closed on Monday for the bank holiday. Permits can still be"
    " bought at the chandlery on the quay, which opens at eight. The slipway stays open, but"
    " the tractor is off for its service, so launch by hand or wait until Tuesday morning."
    " Tide times are on the board by the gate. Thanks to everyone who helped clear the"
    " weed from the pontoons last week; it made a real difference.</p>"
)


def test_a_page_that_is_only_a_reprint_notice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reprint.html").write_text(_news_page(REPRINT), encoding="utf-8")
    message = read_error(str(tmp_path / "reprint.html"))
    assert message == (
        f"{tmp_path / 'reprint.html'}: only 19 words of article text were found"
        " (a notice, not an article?); use --keep-all to make an episode of it anyway"
    )


def test_a_brief_item_on_a_long_page_is_read(tmp_path: Path) -> None:
    """Shortness alone refuses nothing: real news items of 18 to 49 words exist."""
    snippet = "<p>The pool is closed on Monday. It opens again on Tuesday.</p>"
    assert article_texts(tmp_path, _news_page(snippet, 60)) == [
        "The pool is closed on Monday. It opens again on Tuesday."
    ]


def test_keep_all_makes_an_episode_of_a_notice(tmp_path: Path) -> None:
    article = ingest(tmp_path, "reprint.html", _news_page(REPRINT), keep_all=True)
    assert article.words == 19


@pytest.mark.parametrize("menu_items", [0, 60])
def test_a_short_note_is_read(tmp_path: Path, menu_items: int) -> None:
    article = ingest(tmp_path, "note.html", _news_page(NOTE, menu_items))
    assert article.words >= 60
    assert texts(article)[0].startswith("The harbour office is closed on Monday")


def test_a_short_page_that_is_all_there_is_is_read(tmp_path: Path) -> None:
    snippet = "<p>The pool is closed on Monday. It opens again on Tuesday.</p>"
    assert article_texts(tmp_path, _news_page(snippet)) == [
        "The pool is closed on Monday. It opens again on Tuesday."
    ]


def article_texts(tmp_path: Path, markup: str) -> list[str]:
    return texts(ingest(tmp_path, "a.html", markup))


@pytest.mark.parametrize(
    "line",
    [
        # The text alone would keep these: two sentences, a closing full stop.
        'Read more: <a href="/fine">U.S. fines bank $13.4bn. Shares fall.</a>',
        'Related: <a href="/report">The full report is on the council\'s website.</a>',
        'See also <a href="/dues">Harbour dues rise by 4.5% at Porthaven</a>',
    ],
)
def test_a_lead_before_a_link_on_a_page_is_a_related_link(tmp_path: Path, line: str) -> None:
    prose = " ".join(["The harbour wall was rebuilt in the spring after the storms."] * 3)
    markup = _news_page(f"<p>{prose}</p><p>{line}</p><p>{prose} Again.</p>")
    article = ingest(tmp_path, "a.html", markup)
    assert texts(article) == [prose, f"{prose} Again."]
    assert [d.rule for d in article.dropped] == ["related links"]


def test_a_lead_before_prose_with_a_link_in_it_is_kept(tmp_path: Path) -> None:
    prose = " ".join(["The harbour wall was rebuilt in the spring after the storms."] * 3)
    line = (
        'Read more: the <a href="/r">report</a> runs to four hundred pages, and the council'
        " says it will answer every question in it by the end of the summer."
    )
    markup = _news_page(f"<p>{prose}</p><p>{line}</p>")
    assert article_texts(tmp_path, markup)[1].startswith("Read more: the report runs")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"  \n<html lang='en'>", "html"),
        (b"Some text\n<p>A paragraph</p>", "html"),
        (b"# A heading\n\nText.", "markdown"),
        (b"---\ntitle: x\n---\nText.", "markdown"),
        (b"Intro:\n- one\n- two\n", "markdown"),
        (b"Intro\n\n```\ncode\n```\n", "markdown"),
        (b"Just some text.\nAnother line.\n", "text"),
        (b"Prices rose 5% - again.\n", "text"),
    ],
)
def test_sniff_format(data: bytes, expected: str) -> None:
    assert sniff_format(data) == expected


def test_the_extension_decides_the_format_before_sniffing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# Not a heading in a .txt\n\nText.\n", encoding="utf-8")
    (tmp_path / "b.MD").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "c.article").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    assert load_source(str(tmp_path / "a.txt")).format == "text"
    assert load_source(str(tmp_path / "b.MD")).format == "markdown"
    assert load_source(str(tmp_path / "c.article")).format == "html"


# --- Encodings --------------------------------------------------------------------------

CZECH = (
    "Příliš žluťoučký kůň\n\n"
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Řeka teče pod mostem v Brně.\n\n"
    "Šťastný čtvrtek: řeřicha, čočka a ještě něco navíc.\n"
)
POLISH = (
    "Zażółć gęślą jaźń\n\n"
    "Pchnąć w tę łódź jeża lub ośm skrzyń fig. Żółw śpi pod łąką.\n\n"
    "Przyszedł wczoraj i powiedział, że jutro też przyjdzie.\n"
)
FRENCH = (
    "L'été à Noël\n\n"
    "L'élève a reçu des crêpes près de la fenêtre. Très bien, c'était génial, déjà vu.\n\n"
    "Ça va très bien, merci, répondit le garçon. Où est l'hôtel ? Là-bas, près du théâtre.\n"
)


@pytest.mark.parametrize(
    ("original", "encoded"),
    [
        (CZECH, CZECH.encode("cp1250")),
        (POLISH, POLISH.encode("cp1250")),
        (FRENCH, FRENCH.encode("latin-1")),
        (FRENCH, FRENCH.encode("cp1252")),
        (CZECH, CZECH.encode("utf-16")),  # with a BOM, in the machine's byte order
        (POLISH, b"\xfe\xff" + POLISH.encode("utf-16-be")),
        (FRENCH, b"\xff\xfe" + FRENCH.encode("utf-16-le")),
        (CZECH, CZECH.encode("utf-8-sig")),
        (FRENCH, FRENCH.encode("utf-8")),
    ],
    ids=[
        "cp1250-czech",
        "cp1250-polish",
        "latin1-french",
        "cp1252-french",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-bom",
        "utf8-bom",
        "utf8",
    ],
)
def test_encodings_decode_to_the_exact_original(
    tmp_path: Path, original: str, encoded: bytes
) -> None:
    assert decode_text(encoded, "a.txt") == original
    article = ingest(tmp_path, "a.txt", encoded)
    paragraphs = [" ".join(p.split()) for p in original.split("\n\n")]
    assert article.title == paragraphs[0]
    assert texts(article) == paragraphs[1:]


def test_a_bom_does_not_hide_markdown_front_matter(tmp_path: Path) -> None:
    article = ingest(tmp_path, "a.md", HARBOUR_MD.encode("utf-8-sig"))
    assert article.title == "The Quiet Harbour"
    assert article.author == "Ana Novák"


# --- Errors -----------------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def read_error(path: str) -> str:
    with pytest.raises(PresscastError) as info:
        read_article(load_source(path))
    message = str(info.value)
    assert message and "\n" not in message, "errors are one line for people"
    return message


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.md")
    assert read_error(path) == f"{path}: no such file"


def test_a_folder(tmp_path: Path) -> None:
    assert read_error(str(tmp_path)) == f"{tmp_path}: is a folder, not an article file"


READS = "Presscast reads text, Markdown and HTML"


@pytest.mark.parametrize("name", ["picture.png", "picture.txt", "picture.md"])
def test_an_image_is_named_whatever_its_suffix(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(PNG)
    assert read_error(str(tmp_path / name)) == (
        f"{tmp_path / name}: an image; {READS}, not images "
        "(add the article's text, not a picture of it)"
    )


def test_unknown_binary_data(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(b"\x07\x13" + bytes(64) + b"\x99" * 10)
    assert read_error(str(tmp_path / "data.txt")) == (
        f"{tmp_path / 'data.txt'}: this looks like a binary file, not an article"
    )


# An ASCII-only PDF: no NUL byte, valid UTF-8, so only its signature gives it away.
ASCII_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
PDF_MESSAGE = f"a PDF file; {READS}, not PDF (copy its text into a .txt file)"


@pytest.mark.parametrize("name", ["report.pdf", "report.txt", "report"])
def test_a_pdf_is_refused_by_its_signature(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(ASCII_PDF)
    assert read_error(str(tmp_path / name)) == f"{tmp_path / name}: {PDF_MESSAGE}"


def test_a_pdf_is_refused_by_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "damaged.PDF").write_bytes(b"Some text that lost its PDF header.\n")
    assert read_error(str(tmp_path / "damaged.PDF")) == f"{tmp_path / 'damaged.PDF'}: {PDF_MESSAGE}"


def _zip(path: Path, entries: list[tuple[str, str]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries:
            stored = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=stored)
    return path


@pytest.mark.parametrize(
    ("name", "entries", "message"),
    [
        (
            "letter.docx",
            [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")],
            f"a Word document; {READS}, not Word documents (save it as plain text (.txt))",
        ),
        (
            "book.txt",  # the suffix lies; the contents tell
            [("mimetype", "application/epub+zip"), ("META-INF/container.xml", "<container/>")],
            f"an EPUB e-book; {READS}, not e-books (copy its text into a .txt file)",
        ),
        (
            "bundle.zip",
            [("article.txt", "The text is in here.")],
            f"a compressed archive; {READS}, not archives (unpack it and add the article inside)",
        ),
    ],
)
def test_zip_based_files_are_named(
    tmp_path: Path, name: str, entries: list[tuple[str, str]], message: str
) -> None:
    path = _zip(tmp_path / name, entries)
    assert read_error(str(path)) == f"{path}: {message}"


@pytest.mark.parametrize(
    "data",
    [b"ID3\x04\x00\x00\x00\x00\x00\x10" + bytes(32), b"\xff\xfb\x90\x64" + bytes(64)],
    ids=["mp3-with-tags", "mp3-frames"],
)
def test_sound_files_are_named(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "episode.txt").write_bytes(data)
    assert read_error(str(tmp_path / "episode.txt")) == (
        f"{tmp_path / 'episode.txt'}: a sound file; {READS}, not audio "
        "(Presscast makes audio from text)"
    )


@pytest.mark.parametrize(
    "text", ["ID3 tags, explained\n\nEvery MP3 carries them.", "%PDF is a file format.\n"]
)
def test_text_that_starts_like_a_signature_is_still_text(tmp_path: Path, text: str) -> None:
    assert ingest(tmp_path, "a.txt", text).title == text.split("\n")[0].rstrip(".")


# --- Stray bytes in UTF-8 ---------------------------------------------------------------

# UTF-8 with a euro sign and curly quotes pasted from a windows-1252 editor: \x80, \x93, \x94.
STRAY = (
    "Café notes\n\nThe naïve café served crème brûlée.\n\n".encode()
    + b"It costs 5\x80 and was \x93worth it\x94, they said.\n"
)


def test_stray_bytes_in_utf8_are_read_as_windows_1252_and_reported(tmp_path: Path) -> None:
    article = ingest(tmp_path, "notes.txt", STRAY)
    assert article.title == "Café notes"
    assert texts(article) == [
        "The naïve café served crème brûlée.",
        "It costs 5€ and was “worth it”, they said.",
    ]
    assert article.warnings == [
        f"{tmp_path / 'notes.txt'}: 3 bytes that are not UTF-8 (the first at line 5, "
        "column 11) read as windows-1252"
    ]


def test_one_stray_byte() -> None:
    data = "Über uns\n\nWir sind ein kleines Team.\n\nDas kostet 5".encode() + b"\x80."
    decoded = decode(data, "notes.txt")
    assert decoded.text == "Über uns\n\nWir sind ein kleines Team.\n\nDas kostet 5€."
    assert (
        decoded.warning
        == "notes.txt: 1 byte that is not UTF-8 (line 5, column 13) read as windows-1252"
    )


def test_stray_bytes_after_a_utf8_bom_are_repaired() -> None:
    decoded = decode(codecs.BOM_UTF8 + "Ärger\n".encode() + b"5\x80", "a.txt")
    assert decoded.text == "Ärger\n5€"
    assert (
        decoded.warning == "a.txt: 1 byte that is not UTF-8 (line 2, column 2) read as windows-1252"
    )


def test_a_legacy_file_is_not_repaired_byte_by_byte(tmp_path: Path) -> None:
    # Invalid bytes as frequent as valid UTF-8 (here: none valid): a whole code page.
    assert decode(CZECH.encode("cp1250"), "a.txt") == Decoded(CZECH)
    assert decode("Brno je město.".encode("cp1250"), "a.txt") == Decoded("Brno je město.")
    assert ingest(tmp_path, "a.txt", FRENCH.encode("cp1252")).warnings == []


def test_warnings_are_kept_with_the_article(tmp_path: Path) -> None:
    article = ingest(tmp_path, "notes.txt", STRAY)
    again = Article.from_dict(article.to_dict())
    assert again.warnings == article.warnings and again.warnings


# --- Length -----------------------------------------------------------------------------


def test_an_article_longer_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Title\n\nOne two three four five six.\n", encoding="utf-8")
    with pytest.raises(PresscastError) as info:
        read_article(load_source(str(path)), max_words=5)
    assert str(info.value) == (
        f"{path}: 6 words, more than the limit of 5 (less than a minute of speech); "
        "raise it with --max-words or [reading] max_words in show.toml"
    )
    assert read_article(load_source(str(path)), max_words=6).words == 6


def test_the_default_limit_is_checked_before_language_detection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_reached(*args: object) -> None:
        raise AssertionError("language detection ran on an article that is refused")

    monkeypatch.setattr(ingest_module, "detect_language", not_reached)
    path = tmp_path / "big.txt"
    paragraph = " ".join(["word"] * 1000)
    path.write_text("A Book\n\n" + "\n\n".join([paragraph] * 101), encoding="utf-8")
    with pytest.raises(PresscastError) as info:
        read_article(load_source(str(path)))
    assert str(info.value) == (
        f"{path}: 101,000 words, more than the limit of {MAX_WORDS:,} "
        "(about 11 hours of speech); raise it with --max-words or [reading] max_words in "
        "show.toml"
    )


def test_speaking_time() -> None:
    assert speaking_time(100) == "less than a minute of speech"
    assert speaking_time(200) == "about a minute of speech"
    assert speaking_time(3000) == "about 20 minutes of speech"
    assert speaking_time(100_000) == "about 11 hours of speech"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("empty.md", b""),
        ("empty.html", b""),
        ("blank.txt", b"   \n\n\t\r\n  \n"),
        ("blank.md", b"\n\n   \n"),
        ("marks.txt", b"* * *\n\n---\n\n...\n"),
        ("tags.html", b"<html><body><nav>Home</nav><p> </p></body></html>"),
    ],
)
def test_nothing_to_read(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    assert read_error(str(tmp_path / name)).endswith("no article text found")


def test_only_junk(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_text(
        "Share this:\n\nLeave a Reply\n\nAdvertisement\n\n"
        "© 2024 Example Media. All rights reserved.\n",
        encoding="utf-8",
    )
    assert read_error(str(tmp_path / "junk.txt")).endswith("no article text found")


def test_junk_is_kept_when_asked(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_text("Notes\n\nShare this:\n\nReal text.\n", encoding="utf-8")
    source = load_source(str(tmp_path / "junk.txt"))
    assert texts(read_article(source)) == ["Real text."]
    assert read_article(source).dropped == [Dropped("Share this:", "share prompt")]
    kept = read_article(source, keep_all=True)
    assert texts(kept) == ["Share this:", "Real text."]
    assert kept.dropped == []


def test_only_a_title(tmp_path: Path) -> None:
    (tmp_path / "title.md").write_text("# Just a Title\n", encoding="utf-8")
    assert "only a title" in read_error(str(tmp_path / "title.md"))
