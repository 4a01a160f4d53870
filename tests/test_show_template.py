"""The show's own template: lines its articles share, site names at the end of titles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import write

from audio.script import PARAGRAPH, Block
from episodes.template import (
    ShowTemplate,
    drop_template,
    learned_site_names,
    line_keys,
    normalize_line,
    split_site_suffix,
)

MENU = "Front page  Local news  Council watch  Letters  Obituaries"
APPEAL = (
    "The Courier is owned by its readers. If you value local reporting, please consider "
    "becoming a member for the price of a coffee each month."
)
FOOTER = "12 Mill Lane, River Town. The newsroom is open on weekdays, nine to five."
SHARED = (MENU, APPEAL, FOOTER)


def page(headline: str, *paragraphs: str) -> str:
    """A plain-text copy of a River Town Courier page: headline, menu, story, appeal, footer."""
    return "\n\n".join((f"{headline} - River Town Courier", MENU, *paragraphs, APPEAL, FOOTER))


BUDGET = page(
    "Budget vote",
    "The council voted on Tuesday to spend more on the parks and the library next year.",
    "The mayor said the money would repair the playground by the river before summer.",
)
FERRY = page(
    "Ferry news",
    "The old ferry will run again from May, the harbour office said on Friday.",
    "Tickets will cost the same as last year, and children under twelve travel free.",
)
BRIDGE = page(
    "Bridge closed",
    "The bridge over the river is closed for repairs until the end of the month.",
)


def add(run: Callable[..., Result], show: Path, path: Path, *args: str) -> Result:
    result = run("add", str(path), *args, cwd=show)
    assert result.exit_code == 0, result.stderr
    return result


def record(show: Path, slug: str) -> dict:
    return json.loads((show / "articles" / slug / "article.json").read_text())


def spoken_text(show: Path, slug: str) -> str:
    return (show / "articles" / slug / "article.txt").read_text()


def test_second_article_loses_the_shared_lines(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    first = add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    assert "template" not in first.stdout  # one article teaches nothing
    ferry = write(tmp_path / "ferry.txt", FERRY)

    preview = run("preview", str(ferry), cwd=show_dir)
    assert preview.exit_code == 0, preview.stderr
    dropped = preview.stdout.split("Dropped", 1)[1].split("Spoken:")[0]
    spoken = preview.stdout.split("Spoken:", 1)[1]
    for line in SHARED:
        assert f"[show template] {' '.join(line.split())[:60]}" in dropped
    assert "Courier is owned" not in spoken and "Obituaries" not in spoken
    assert "The old ferry will run again" in spoken

    added = add(run, show_dir, ferry)
    assert "3 show template lines dropped" in added.stdout
    slug = "ferry-news-river-town-courier"
    text = spoken_text(show_dir, slug)
    assert (
        "Tickets will cost" in text and "Courier is owned" not in text and "Mill Lane" not in text
    )
    stored = record(show_dir, slug)
    assert {d["rule"] for d in stored["article"]["dropped"]} == {"show template"}
    assert len(stored["line_keys"]) == 6 and all(len(k) == 16 for k in stored["line_keys"])


def test_the_first_article_is_re_read_with_what_the_second_taught(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    budget = write(tmp_path / "budget.txt", BUDGET)
    add(run, show_dir, budget, "--date", "2026-03-01")
    add(run, show_dir, write(tmp_path / "ferry.txt", FERRY))
    slug = "budget-vote-river-town-courier"
    before = record(show_dir, slug)
    assert "Courier is owned" in spoken_text(show_dir, slug)

    by_slug = run("preview", slug, cwd=show_dir)
    assert by_slug.exit_code == 0, by_slug.stderr
    assert "Template lines now known (3):" in by_slug.stdout
    assert f"presscast reread {slug}" in by_slug.stdout
    as_json = json.loads(run("preview", "--json", slug, cwd=show_dir).stdout)
    assert as_json["slug"] == slug and len(as_json["template_lines_now_known"]) == 3

    by_source = run("preview", str(budget), cwd=show_dir)  # the same file: it is not its own
    assert "Dropped (3):" in by_source.stdout and "[show template]" in by_source.stdout
    assert "Template lines now known (3):" in by_source.stdout
    assert "The council voted" in by_source.stdout.split("Spoken:", 1)[1]

    reread = run("reread", slug, cwd=show_dir)
    assert reread.exit_code == 0, reread.stderr
    assert reread.stdout.startswith(f"{slug}: dropped 3 template line(s)")
    assert "narrated again on the next build" in reread.stdout
    text = spoken_text(show_dir, slug)
    assert "The council voted" in text and "Courier is owned" not in text and MENU not in text
    after = record(show_dir, slug)
    for key in ("guid", "published", "added", "slug"):
        assert after[key] == before[key]
    assert after["article"]["date"].startswith("2026-03-01")
    assert "Template lines now known" not in run("preview", slug, cwd=show_dir).stdout
    assert run("reread", slug, cwd=show_dir).stdout == f"{slug}: nothing new to drop\n"


def test_site_name_learned_from_two_titles(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    add(run, show_dir, write(tmp_path / "ferry.txt", FERRY))
    third = add(run, show_dir, write(tmp_path / "bridge.txt", BRIDGE))
    assert "Added 'Bridge closed' as bridge-closed" in third.stdout
    assert record(show_dir, "bridge-closed")["article"]["site"] == "River Town Courier"

    preview = run("preview", "ferry-news-river-town-courier", cwd=show_dir)
    assert "Title without the site's name: Ferry news" in preview.stdout
    reread = run("reread", cwd=show_dir)
    assert reread.exit_code == 0, reread.stderr
    assert "ferry-news-river-town-courier: title now 'Ferry news'" in reread.stdout
    titles = [ln.split(None, 5)[-1] for ln in run("list", cwd=show_dir).stdout.splitlines()[1:]]
    assert sorted(t.split("  ")[-1] for t in titles) == [
        "Bridge closed",
        "Budget vote",
        "Ferry news",
    ]


def test_a_title_given_with_title_stays(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    given = "Bridge closed - River Town Courier"
    slug = "bridge-closed-river-town-courier"
    add(run, show_dir, write(tmp_path / "bridge.txt", BRIDGE), "--title", given)
    add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    add(run, show_dir, write(tmp_path / "ferry.txt", FERRY))
    reread = run("reread", slug, cwd=show_dir)
    assert (
        reread.stdout == f"{slug}: dropped 3 template line(s); narrated again on the next build\n"
    )
    assert record(show_dir, slug)["article"]["title"] == given


def test_edits_in_article_txt_are_never_overwritten(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    slug = "budget-vote-river-town-courier"
    add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    edited = show_dir / "articles" / slug / "article.txt"
    edited.write_text(edited.read_text().replace("The mayor said", "The mayor told us"))
    add(run, show_dir, write(tmp_path / "ferry.txt", FERRY))
    reread = run("reread", slug, cwd=show_dir)
    assert reread.exit_code == 0, reread.stderr
    assert reread.stdout == (
        f"{slug}: article.txt was edited by hand, left as it is; "
        "3 template line(s) in it to remove yourself\n"
    )
    assert "The mayor told us" in edited.read_text() and "Courier is owned" in edited.read_text()
    unknown = run("reread", "no-such-article", cwd=show_dir)
    assert unknown.exit_code == 1 and "no article 'no-such-article'" in unknown.stderr


def test_older_articles_without_line_keys_are_read_from_their_source(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    path = show_dir / "articles" / "budget-vote-river-town-courier" / "article.json"
    old = json.loads(path.read_text())
    keys = old.pop("line_keys")
    old.pop("title_given")
    path.write_text(json.dumps(old))
    added = add(run, show_dir, write(tmp_path / "ferry.txt", FERRY))
    assert "3 show template lines dropped" in added.stdout
    assert json.loads(path.read_text())["line_keys"] == keys  # remembered for next time


def test_an_article_made_only_of_template_is_kept_whole(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    add(run, show_dir, write(tmp_path / "budget.txt", BUDGET))
    again = add(run, show_dir, write(tmp_path / "copy.txt", BUDGET.replace("\n\n", "\n\n\n")))
    assert "template lines dropped" not in again.stdout
    assert "Note: all its text is also in other articles of the show" in again.stdout
    assert "The council voted" in spoken_text(show_dir, "budget-vote-river-town-courier-2")


def test_lines_match_across_case_quotes_dashes_and_spacing() -> None:
    assert normalize_line("It’s  “Open” – Mon–Fri") == normalize_line('it\'s "open" - mon-fri')
    assert normalize_line("Call 555 0142") != normalize_line("Call 555 0143")
    template = ShowTemplate(line_counts=dict.fromkeys(line_keys(["Share This Article"]), 1))
    blocks = [Block(PARAGRAPH, "share this article"), Block(PARAGRAPH, "Share this article.")]
    kept, dropped = drop_template(blocks, template)
    assert [b.text for b in kept] == ["Share this article."]
    assert [(d.text, d.rule) for d in dropped] == [("share this article", "show template")]
    assert drop_template(blocks, template, keep="Share this article")[1] == []


def test_only_a_short_name_like_tail_is_a_site_suffix() -> None:
    assert split_site_suffix("Budget vote | River Town Courier") == (
        "Budget vote",
        "River Town Courier",
    )
    assert split_site_suffix("Stratford-upon-Avon fair — The Herald")[1] == "The Herald"
    assert split_site_suffix("Budget: River Town Courier") is None
    assert split_site_suffix("Why it matters - and why, in the end, nobody came to vote") is None
    assert learned_site_names(["A - Courier", "B - Courier", "C - Other"]) == ("Courier",)
    assert learned_site_names(["A - Courier"], known=["Gazette"]) == ("Gazette",)
