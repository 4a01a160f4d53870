"""The `presscast` command line: parses options, calls the library, prints results.

Commands import the heavier parts (the feed, mastering, the build) when they run, so
quick commands such as `preview` and `--help` start fast.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from audio import AudioError
from audio.engines import DEFAULT_ENGINE, VoiceInfo, list_voices
from episodes import __version__
from episodes.article import MAX_WORDS, Article
from episodes.catalog import Entry, Numbering, add_article, find_entry, list_entries, set_removed
from episodes.errors import PresscastError
from episodes.fsio import atomic_path
from episodes.ingest import load_source, parse_date, read_article
from episodes.lock import Holder, show_lock
from episodes.narration import EngineChoice, Narration, narrate_article, read_lexicon
from episodes.preview import preview_article, preview_dict, render_known_template, render_preview
from episodes.progress import ClickProgress
from episodes.show import Show, ShowConfig, find_show, find_show_or_none, init_show
from episodes.sigterm import EXIT_STATUS as TERMINATED_STATUS
from episodes.sigterm import Terminated, stop_on_sigterm
from episodes.template import TEMPLATE_RULE
from feeds.categories import CATEGORIES
from feeds.errors import FeedError

F = TypeVar("F", bound=Callable[..., Any])
USER_ERRORS = (PresscastError, AudioError, FeedError)


def friendly_errors(func: F) -> F:
    """Turn the packages' errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:
            click.echo(
                "\nInterrupted; finished episodes and narrated sentences are kept: "
                "run the command again to go on.",
                err=True,
            )
            sys.exit(TERMINATED_STATUS if isinstance(exc, Terminated) else 130)
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None

    return wrapper  # type: ignore[return-value]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-28 or 2026-11-28T09:30")
    return parsed


engine_option = click.option(
    "--engine", default=None, help=f"Speech engine (default: the show's, else {DEFAULT_ENGINE})."
)
voice_option = click.option(
    "--voice", default=None, help="Voice of the engine (see `presscast voices`)."
)
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Narration worker processes (default: the number of cores).",
)
keep_all_option = click.option(
    "--keep-all",
    is_flag=True,
    help="Keep every line: no junk filter, and a page that is only a notice is read too.",
)
max_words_option = click.option(
    "--max-words",
    type=click.IntRange(min=1),
    default=None,
    help=f"Refuse articles longer than this (default: the show's [reading] max_words, "
    f"else {MAX_WORDS:,}).",
)
wait_option = click.option(
    "--wait",
    is_flag=True,
    help="If another presscast command is changing the show, wait for it instead of stopping.",
)
lexicon_option = click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A lexicon.toml of pronunciations (default: the show's, if any).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="presscast")
def cli() -> None:
    """Turn written articles into a narrated podcast: MP3 episodes and an RSS feed.

    Work happens in a show folder (the current folder or one above it, like git):
    `init` creates one, `add` stores articles, `build` narrates them and writes
    public/feed.xml. Upload public/ anywhere static and give listeners the feed URL.
    """


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--title", required=True, help="The show's title.")
@click.option("--author", required=True, help="Who publishes the show.")
@click.option(
    "--base-url",
    required=True,
    help="Where public/ will be served from, e.g. https://example.com/podcast/.",
)
@click.option("--email", default="", help="Owner e-mail (directories use it to verify you).")
@click.option(
    "--category",
    default="News",
    show_default=True,
    type=click.Choice(tuple(CATEGORIES), case_sensitive=False),
    help="Apple Podcasts category.",
)
@click.option("--subcategory", default="", help="Apple Podcasts subcategory, e.g. Politics.")
@click.option("--language", default="en", show_default=True, help="Language code of the show.")
@click.option("--description", default="", help="What the show is about.")
@click.option(
    "--copyright",
    "copyright_",
    default=None,
    help='Copyright notice (default: "© YEAR AUTHOR").',
)
@click.option(
    "--type",
    "show_type",
    type=click.Choice(["episodic", "serial"]),
    default="episodic",
    show_default=True,
    help="Serial shows are listened to in order, oldest first.",
)
@friendly_errors
def init(
    directory: Path,
    title: str,
    author: str,
    base_url: str,
    email: str,
    category: str,
    subcategory: str,
    language: str,
    description: str,
    copyright_: str | None,
    show_type: str,
) -> None:
    """Create a show in DIRECTORY (default: here): writes show.toml."""
    category = next(c for c in CATEGORIES if c.lower() == category.lower())
    config = ShowConfig(
        title=title,
        author=author,
        base_url=base_url,
        email=email,
        category=category,
        subcategory=subcategory,
        language=language,
        description=description,
        copyright=f"© {datetime.now().year} {author}" if copyright_ is None else copyright_,
        type=show_type,
    )
    show = init_show(directory, config)
    click.echo(f"Created show {title!r} in {show.root}")


@cli.command()
@click.argument("source")
@click.option("--title", default=None, help="Episode title (default: from the article).")
@click.option("--author", default=None, help="Article author (default: from the article).")
@click.option("--date", default=None, callback=_date, help="Publication date, e.g. 2026-11-28.")
@click.option("--season", type=click.IntRange(min=1), default=None, help="Season number.")
@click.option(
    "--episode",
    type=click.IntRange(min=1),
    default=None,
    help="Episode number (serial shows number new episodes themselves).",
)
@click.option(
    "--episode-type",
    type=click.Choice(["full", "trailer", "bonus"]),
    default="full",
    show_default=True,
)
@keep_all_option
@max_words_option
@friendly_errors
def add(
    source: str,
    title: str | None,
    author: str | None,
    date: datetime | None,
    season: int | None,
    episode: int | None,
    episode_type: str,
    keep_all: bool,
    max_words: int | None,
) -> None:
    """Add an article: a .txt, .md or .html file, an http(s) URL, or - for stdin."""
    from episodes.show_template import show_knowledge

    show = find_show()
    loaded = load_source(source)
    knowledge = show_knowledge(show, remember=True)
    article = read_article(
        loaded,
        title=title,
        author=author,
        date=date,
        keep_all=keep_all,
        template=knowledge.template(exclude=knowledge.same_source(loaded.data)),
        max_words=_max_words(max_words, show),
    )
    _echo_warnings(article)
    entry = add_article(
        show,
        article,
        loaded,
        numbering=Numbering(season, episode, episode_type),
        title_given=title is not None,
    )
    by_template = sum(1 for d in article.dropped if d.rule == TEMPLATE_RULE)
    junk = len(article.dropped) - by_template
    click.echo(
        f"Added {article.title!r} as {entry.slug} ({article.words} words"
        + (f", {junk} junk lines dropped" if junk else "")
        + (f", {by_template} show template lines dropped" if by_template else "")
        + ")"
    )
    for note in article.notes:
        click.echo(f"Note: {note}")


@cli.command()
@engine_option
@voice_option
@jobs_option
@click.option(
    "--cluster",
    metavar="ADDRESS",
    default=None,
    help="Synthesize on a Dask scheduler, tcp://HOST:8786 (default: show.toml [build] cluster).",
)
@wait_option
@friendly_errors
def build(
    engine: str | None, voice: str | None, jobs: int | None, cluster: str | None, wait: bool
) -> None:
    """Narrate every new or changed article and write public/feed.xml.

    Only what changed is narrated again: unchanged sentences come from the segment cache.
    """
    from audio.loudness import missed_promise
    from episodes.produce import build_show

    show = find_show()
    report = build_show(
        show, engine, voice, jobs, ClickProgress(), cluster=cluster, wait=wait, on_wait=_waiting
    )
    if report.temporaries_removed:
        removed = report.temporaries_removed
        click.echo(f"Removed {removed} temporary file(s) left by an interrupted build.")
    for entry in report.built:
        assert entry.episode is not None
        loudness = entry.episode.loudness
        level = f", {loudness['integrated_lufs']:.1f} LUFS" if loudness else ""
        click.echo(
            f"Narrated {entry.article.title!r}: {entry.episode.file} "
            f"({entry.episode.duration_seconds / 60:.1f} min{level})"
        )
        heard = (loudness["integrated_lufs"], loudness["true_peak_dbtp"]) if loudness else None
        missed = missed_promise(*heard) if heard else None
        if missed:
            click.echo(f"Warning: {entry.slug} {missed}", err=True)
    if report.built:
        click.echo(f"Segments: {report.narrated} synthesized, {report.reused} from the cache.")
    else:
        click.echo("Nothing new to narrate.")
    for warning in report.feed_warnings:
        click.echo(f"Warning: {warning}", err=True)
    state = "written" if report.feed_changed else "unchanged"
    click.echo(f"Feed {state}: {report.feed_path}")


@cli.command("list")
@friendly_errors
def list_episodes() -> None:
    """List the show's articles: status, duration, dates, slug and title."""
    from episodes.feed import published_entries

    show = find_show()
    entries = list_entries(show)
    if not entries:
        click.echo("No articles yet: `presscast add` one.")
        return
    in_feed = {e.slug for e in published_entries(show)}
    click.echo(f"{'STATUS':<10} {'DURATION':>8}  {'PUBLISHED':<10}  {'ADDED':<10}  SLUG / TITLE")
    for entry in entries:
        status = _status(entry, in_feed)
        minutes = (
            f"{int(entry.episode.duration_seconds // 60)}:"
            f"{int(entry.episode.duration_seconds % 60):02d}"
            if entry.episode
            else "-"
        )
        number = entry.numbering
        place = "".join(
            (
                f"S{number.season} " if number.season else "",
                f"E{number.episode} " if number.episode else "",
                f"[{number.episode_type}] " if number.episode_type != "full" else "",
            )
        )
        click.echo(
            f"{status:<10} {minutes:>8}  {entry.published.date().isoformat():<10}  "
            f"{entry.added.date().isoformat():<10}  {entry.slug}  {place}{entry.article.title}"
        )


def _status(entry: Entry, in_feed: set[str]) -> str:
    if entry.removed:
        return "removed"
    if entry.episode is None:
        return "not built"
    return "in feed" if entry.slug in in_feed else "held back"


@cli.command()
@click.argument("slug")
@click.option(
    "--delete-audio",
    is_flag=True,
    help="Also delete the episode's MP3, transcripts and chapters from public/.",
)
@wait_option
@friendly_errors
def remove(slug: str, delete_audio: bool, wait: bool) -> None:
    """Take an episode out of the feed (the article and, by default, its audio stay)."""
    from episodes.feed import delete_episode_files, write_feed

    show = find_show()
    with show_lock(show, "remove", wait, _waiting):
        entry = set_removed(find_entry(show, slug))
        state = "not built yet"
        if show.feed_path.is_file():  # else the next build leaves it out
            try:
                feed = write_feed(show)
            except (PresscastError, FeedError):
                set_removed(entry, False)  # the feed still lists it: keep everything as it was
                raise
            state = f"{'written' if feed.changed else 'unchanged'}: {feed.path}"
        deleted = delete_episode_files(show, entry) if delete_audio else []
    kept = f"deleted {len(deleted)} file(s) from public/" if deleted else "its audio stays"
    click.echo(f"Removed {slug} from the feed; {kept}. Feed {state}")


@cli.command()
@click.argument("target", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@friendly_errors
def validate(target: str | None, as_json: bool) -> None:
    """Check a feed (a file or an http(s) URL; default: this show's) for directories.

    Rules from Apple Podcasts, Spotify and Podcasting 2.0; each finding is one line.
    Exits with status 1 when there are errors.
    """
    from episodes.checkfeed import check_feed
    from feeds.validate import has_errors

    findings = check_feed(target)
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(finding.line())
        errors = sum(1 for f in findings if f.severity == "error")
        click.echo(f"{errors} error(s), {len(findings) - errors} warning(s).", err=True)
    if has_errors(findings):
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--base-url",
    default=None,
    help="The address apps reach this server at (default: the server's own address).",
)
@friendly_errors
def serve(host: str, port: int, base_url: str | None) -> None:
    """Serve public/ for podcast apps and browsers on this machine or network.

    The feed served points at this server, so an app can play the episodes before they
    are published. Stop with Ctrl-C.
    """
    from episodes.feed import feed_bytes
    from feeds.serve import PreviewServer

    show = find_show()
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    try:
        server = PreviewServer(
            show.public_dir, host, port, lambda url: feed_bytes(show, url), base_url
        )
    except OSError as exc:
        raise PresscastError(f"cannot listen on {host}:{port} ({exc.strerror})") from exc
    click.echo(f"Serving {show.public_dir} at {server.base_url}")
    click.echo(f"Feed URL for a podcast app: {server.feed_url}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.shutdown()


@cli.command()
@click.argument("source")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The MP3 file to write.",
)
@click.option("--title", default=None, help="Title (default: from the article).")
@engine_option
@voice_option
@jobs_option
@keep_all_option
@max_words_option
@lexicon_option
@friendly_errors
def narrate(
    source: str,
    output: Path,
    title: str | None,
    engine: str | None,
    voice: str | None,
    jobs: int | None,
    keep_all: bool,
    max_words: int | None,
    lexicon: Path | None,
) -> None:
    """Narrate one article to an MP3, no show needed (a show's lexicon is used inside one)."""
    from audio.master import EncodeSettings
    from audio.tags import EpisodeTags

    article = read_article(
        load_source(source),
        title=title,
        keep_all=keep_all,
        max_words=_max_words(max_words, find_show_or_none()),
    )
    _echo_warnings(article)
    narration = narration_here(lexicon)
    tts = EngineChoice.of(find_show_or_none(), engine, voice).engine_for(article, narration)
    tags = EpisodeTags(
        title=article.title,
        artist=article.author or "Presscast",
        album="Presscast",
        date=article.date.date().isoformat() if article.date else None,
        language=article.language,
    )
    with atomic_path(output) as tmp:
        rendered = narrate_article(
            article, tts, tmp, tags, narration, jobs, EncodeSettings(), ClickProgress()
        )
    minutes = rendered.audio.duration_seconds / 60
    click.echo(f"Wrote {output} ({minutes:.1f} min, {_loudness(rendered.audio.loudness)})")


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for tools.")
@click.option("--title", default=None, help="Title (default: from the article).")
@engine_option
@voice_option
@keep_all_option
@max_words_option
@lexicon_option
@friendly_errors
def preview(
    source: str,
    as_json: bool,
    title: str | None,
    engine: str | None,
    voice: str | None,
    keep_all: bool,
    max_words: int | None,
    lexicon: Path | None,
) -> None:
    """Show what will be spoken, segment by segment, and every line dropped as junk.

    SOURCE is a file, URL or - for stdin, or the slug of an article in the show. Synthesizes
    nothing. Inside a show, the show's lexicon, settings and template (lines its other
    articles share) apply; for a stored article, the template lines it still has are listed.
    """
    from episodes.show_template import preview_subject

    show = find_show_or_none()
    subject = preview_subject(show, source, title, keep_all, _max_words(max_words, show))
    article, stored = subject.article, subject.stored
    if subject.read_now:
        _echo_warnings(article)  # the JSON carries them too
    narration = narration_here(lexicon)
    result = preview_article(article, narration, EngineChoice.of(show, engine, voice))
    if as_json:
        data = preview_dict(result)
        if stored:
            data["slug"] = stored.slug
            data["template_lines_now_known"] = subject.known_lines
            data["title_now_known"] = subject.known_title
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_preview(result))
        if stored and (subject.known_lines or subject.known_title):
            lines, known = subject.known_lines, subject.known_title
            click.echo("\n" + render_known_template(stored.slug, lines, known))


@cli.command()
@click.argument("slugs", nargs=-1)
@wait_option
@friendly_errors
def reread(slugs: tuple[str, ...], wait: bool) -> None:
    """Read stored articles again from their sources (default: every article).

    Lines the show's other articles share (its site's template) are dropped and a known
    site name is cut from titles; guid, dates and a --title stay, and an article.txt you
    edited is left alone. Changed articles are narrated again by the next build.
    """
    from episodes.show_template import reread_articles

    show = find_show()
    with show_lock(show, "reread", wait, _waiting):
        results = reread_articles(show, list(slugs))
    for result in results:
        click.echo(result.line())


@cli.command()
@click.option("--stats", is_flag=True, help="Show the cache's size (what it does by default).")
@click.option(
    "--prune",
    is_flag=True,
    help="Delete cached segments no current episode uses, and files interrupted builds left.",
)
@wait_option
@friendly_errors
def cache(stats: bool, prune: bool, wait: bool) -> None:
    """Show the segment cache's size (default), or prune what no episode uses."""
    from audio.cache import SegmentCache
    from episodes.temporaries import remove_temporaries

    show = find_show()
    segments = SegmentCache(show.cache_dir)
    if prune:
        with show_lock(show, "cache --prune", wait, _waiting):
            removed = segments.prune(_used_segments(show))
            leftovers = remove_temporaries(show)
        click.echo(
            f"Removed {removed.entries} segments ({_megabytes(removed.bytes)})"
            + (
                f" and {leftovers} temporary file(s) left by interrupted builds"
                if leftovers
                else ""
            )
            + "."
        )
    now = segments.stats(_used_segments(show))
    click.echo(
        f"Cache: {now.entries} segments, {_megabytes(now.bytes)}; "
        f"{now.unused_entries} unused ({_megabytes(now.unused_bytes)})."
    )


def _used_segments(show: Show) -> set[str]:
    """The segment keys the show's built episodes are made of."""
    return {
        key for entry in list_entries(show) if entry.episode for key in entry.episode.segment_keys
    }


def _waiting(holder: Holder) -> None:
    """`--wait` found the show locked: say by whom, once."""
    click.echo(f"Waiting for presscast {holder.command} to finish{holder.facts()}...", err=True)


def _max_words(option: int | None, show: Show | None) -> int:
    """`--max-words`, else the show's [reading] max_words, else the default."""
    if option is not None:
        return option
    return show.config.max_words if show else MAX_WORDS


def _echo_warnings(article: Article) -> None:
    """What the producer should know about the source (bytes repaired...): one line each."""
    for warning in article.warnings:
        click.echo(f"Warning: {warning}", err=True)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _loudness(loudness: Any) -> str:
    if loudness is None:
        return "loudness not normalized"
    return f"{loudness.integrated:.1f} LUFS, true peak {loudness.true_peak:.1f} dBTP"


def narration_here(lexicon: Path | None) -> Narration:
    """The current show's way of reading, if we are in one; `--lexicon` wins."""
    show = find_show_or_none()
    narration = Narration.for_show(show) if show else Narration()
    if lexicon is not None:
        narration = dataclasses.replace(narration, lexicon=read_lexicon(lexicon))
    return narration


@cli.command()
@click.argument(
    "directory", type=click.Path(file_okay=False, path_type=Path), default="presscast-demo"
)
@jobs_option
@friendly_errors
def demo(directory: Path, jobs: int | None) -> None:
    """Build a demo show from a sample article, offline, and say where its files are."""
    from episodes.demo import build_demo

    show = build_demo(directory, jobs, ClickProgress())
    entry = next(e for e in list_entries(show) if e.episode)
    assert entry.episode is not None
    click.echo(f"Demo show: {show.root}")
    click.echo(f"Feed:      {show.feed_path}")
    click.echo(f"Episode:   {show.public_dir / entry.episode.file}")


@cli.command()
@friendly_errors
def voices() -> None:
    """List engines and voices, and whether each is usable here."""
    by_engine: dict[str, list[VoiceInfo]] = {}
    for info in list_voices():
        by_engine.setdefault(info.engine, []).append(info)
    for engine, infos in by_engine.items():
        if len(infos) > 5:  # an online engine's language list: one line, not seventy
            names = ", ".join(i.name for i in infos[:8])
            mark = "ok" if any(i.usable for i in infos) else "--"
            click.echo(f"{mark} {engine:<6} {len(infos)} languages ({names}, …)  {infos[0].status}")
            continue
        for info in infos:
            mark = "ok" if info.usable else "--"
            click.echo(f"{mark} {engine:<6} {info.name:<20} {info.language:<8} {info.status}")


def main() -> None:
    """Console entry point."""
    stop_on_sigterm()  # so `finally` blocks run: no temporary files, no workers left
    cli(prog_name="presscast")
