"""The demo show: a sample article shipped with the package, built offline."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from episodes.catalog import add_article, list_entries
from episodes.ingest import Source, read_article
from episodes.narration import Progress
from episodes.produce import build_show
from episodes.show import SHOW_FILE, Show, ShowConfig, init_show, load_show

DEMO_ARTICLE = "demo-article.md"
DEMO_BASE_URL = "http://localhost:8000/"


def demo_source() -> Source:
    """The sample article, as if a producer had added the file."""
    data = files("episodes").joinpath("data", DEMO_ARTICLE).read_bytes()
    return Source(data, DEMO_ARTICLE, "markdown")


def build_demo(root: Path, jobs: int | None = None, progress: Progress | None = None) -> Show:
    """Create (or finish) the demo show in `root` and build it with the offline engine."""
    if (root / SHOW_FILE).is_file():
        show = load_show(root)
    else:
        show = init_show(
            root,
            ShowConfig(
                title="Presscast Demo",
                author="Presscast",
                base_url=DEMO_BASE_URL,
                email="demo@example.com",
                copyright="© Presscast demo; the article is shipped with Presscast",
                category="News",
                description="A sample show made by `presscast demo` from an article shipped with "
                "Presscast.",
            ),
        )
    if not list_entries(show):
        source = demo_source()
        add_article(show, read_article(source), source)
    build_show(show, engine_name="piper", jobs=jobs, progress=progress)
    return show
