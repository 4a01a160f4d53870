"""The show folder: `show.toml` (edited by people) and where everything else lives."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomli_w

from episodes.errors import PresscastError
from episodes.fsio import atomic_write_text

SHOW_FILE = "show.toml"

# Apple Podcasts' top-level categories.
CATEGORIES = (
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health & Fitness",
    "History",
    "Kids & Family",
    "Leisure",
    "Music",
    "News",
    "Religion & Spirituality",
    "Science",
    "Society & Culture",
    "Sports",
    "Technology",
    "True Crime",
    "TV & Film",
)


@dataclass
class ShowConfig:
    """What `show.toml` holds."""

    title: str
    author: str
    base_url: str
    email: str = ""
    category: str = "News"
    subcategory: str = ""
    language: str = "en"
    description: str = ""
    explicit: bool = False
    link: str = ""
    engine: str = "piper"
    voice: str = ""
    bitrate_kbps: int = 64

    def __post_init__(self) -> None:
        for name in ("title", "author"):
            if not str(getattr(self, name)).strip():
                raise PresscastError(f"the show's {name} is empty")
        url = urlparse(self.base_url)
        if url.scheme not in ("http", "https") or not url.netloc:
            raise PresscastError(
                f"base URL {self.base_url!r} must be an http(s) address, where public/ is served"
            )
        if not self.base_url.endswith("/"):
            self.base_url += "/"
        if self.category not in CATEGORIES:
            raise PresscastError(
                f"unknown category {self.category!r}; "
                f"Apple's categories are: {', '.join(CATEGORIES)}"
            )

    @property
    def site_url(self) -> str:
        return self.link or self.base_url

    @property
    def summary(self) -> str:
        """The channel description, saying plainly that the narration is synthetic."""
        note = "Articles narrated with synthetic speech by Presscast."
        return (
            f"{self.description.strip()}\n\n{note}"
            if self.description.strip()
            else (f"{self.title}: {note}")
        )


@dataclass(frozen=True)
class Show:
    """A show folder on disk and its configuration."""

    root: Path
    config: ShowConfig

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def public_dir(self) -> Path:
        return self.root / "public"

    @property
    def episodes_dir(self) -> Path:
        return self.public_dir / "episodes"

    @property
    def state_dir(self) -> Path:
        return self.root / ".presscast"

    @property
    def feed_path(self) -> Path:
        return self.public_dir / "feed.xml"

    def public_url(self, path: Path) -> str:
        """The URL a file under public/ is served at."""
        return self.config.base_url + path.relative_to(self.public_dir).as_posix()


def init_show(root: Path, config: ShowConfig) -> Show:
    """Create a show folder; refuses to overwrite an existing show."""
    target = root / SHOW_FILE
    if target.exists():
        raise PresscastError(f"{target} already exists; this folder is a show already")
    root.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, tomli_w.dumps(_to_toml(config)))
    show = Show(root, config)
    for folder in (show.articles_dir, show.episodes_dir, show.state_dir):
        folder.mkdir(parents=True, exist_ok=True)
    return show


def find_show(start: Path | None = None) -> Show:
    """The show whose folder holds `start` (default: the current folder), like git."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SHOW_FILE).is_file():
            return load_show(folder)
    raise PresscastError(
        f"no {SHOW_FILE} in {here} or above; run `presscast init` first or cd into a show"
    )


def load_show(root: Path) -> Show:
    """Read a show folder's `show.toml`."""
    path = root / SHOW_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PresscastError(f"{path}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise PresscastError(f"{path}: cannot read ({exc.strerror})") from exc
    known = {f.name for f in fields(ShowConfig)}
    flat = {**data, **data.get("voice", {})} if isinstance(data.get("voice"), dict) else data
    unknown = set(flat) - known - {"voice"}
    if unknown:
        raise PresscastError(f"{path}: unknown setting(s): {', '.join(sorted(unknown))}")
    try:
        config = ShowConfig(
            **{k: v for k, v in flat.items() if k in known and not isinstance(v, dict)}
        )
    except TypeError as exc:
        raise PresscastError(f"{path}: {exc}") from exc
    return Show(root, config)


def _to_toml(config: ShowConfig) -> dict[str, Any]:
    data = asdict(config)
    voice = {"engine": data.pop("engine"), "voice": data.pop("voice")}
    return {**data, "voice": voice}
