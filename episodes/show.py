"""The show folder: `show.toml` (edited by people) and where everything else lives."""

from __future__ import annotations

import tomllib
from dataclasses import MISSING, asdict, dataclass, fields
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
    speaker: str = ""
    speed: float = 1.0
    bitrate_kbps: int = 64
    intro: str = ""
    outro: str = ""
    music_bed: str = ""
    bed_gain_db: int = -20
    urls: str = "speak"
    sentence_pause_ms: int = 350
    paragraph_pause_ms: int = 800
    heading_pause_ms: int = 1100

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
        if not 64 <= self.bitrate_kbps <= 128:
            raise PresscastError(f"bitrate_kbps = {self.bitrate_kbps}: choose 64 to 128")
        if not -40 <= self.bed_gain_db <= 0:
            raise PresscastError(f"bed_gain_db = {self.bed_gain_db}: choose -40 to 0")
        if self.urls not in ("speak", "drop"):
            raise PresscastError(f'urls = {self.urls!r}: say "speak" or "drop"')
        pauses = (self.sentence_pause_ms, self.paragraph_pause_ms, self.heading_pause_ms)
        if not all(0 <= p <= 10_000 for p in pauses):
            raise PresscastError("pauses must be between 0 and 10000 ms")
        if self.category not in CATEGORIES:
            raise PresscastError(
                f"unknown category {self.category!r}; "
                f"Apple's categories are: {', '.join(CATEGORIES)}"
            )

    @property
    def engine_settings(self) -> dict[str, object]:
        """Engine settings that differ from the defaults (Piper: speaker, speed)."""
        settings: dict[str, object] = {}
        if self.speaker:
            settings["speaker"] = self.speaker
        if self.speed != 1.0:
            settings["speed"] = self.speed
        return settings

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
    def cache_dir(self) -> Path:
        return self.state_dir / "cache" / "segments"

    def show_file(self, name: str) -> Path | None:
        """A file named in show.toml (relative to the show folder), or None when unset."""
        if not name:
            return None
        path = (self.root / name).expanduser()
        if not path.is_file():
            raise PresscastError(f"show.toml names {name!r}, but there is no such file")
        return path

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


def find_show_or_none(start: Path | None = None) -> Show | None:
    """The show whose folder holds `start` (default: the current folder), like git."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SHOW_FILE).is_file():
            return load_show(folder)
    return None


def find_show(start: Path | None = None) -> Show:
    """The show here or above; PresscastError when there is none."""
    show = find_show_or_none(start)
    if show is not None:
        return show
    here = (start or Path.cwd()).resolve()
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
    try:
        config = ShowConfig(**_from_toml(data))
    except (TypeError, ValueError) as exc:
        raise PresscastError(f"{path}: {exc}") from exc
    except PresscastError as exc:
        raise PresscastError(f"{path}: {exc}") from exc
    return Show(root, config)


# show.toml groups some settings in tables; the rest sit at the top.
SECTIONS = {
    "voice": ("engine", "voice", "speaker", "speed"),
    "audio": ("bitrate_kbps", "intro", "outro", "music_bed", "bed_gain_db"),
    "reading": ("urls", "sentence_pause_ms", "paragraph_pause_ms", "heading_pause_ms"),
}
_IN_SECTION = {key: section for section, keys in SECTIONS.items() for key in keys}


def _from_toml(data: dict[str, Any]) -> dict[str, Any]:
    """Flatten show.toml into ShowConfig's fields, refusing unknown keys and wrong types."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in SECTIONS and isinstance(value, dict):
            for inner, inner_value in value.items():
                if inner not in SECTIONS[key]:
                    raise ValueError(f"unknown setting [{key}] {inner}")
                flat[inner] = inner_value
        elif key in _FIELD_TYPES and key not in _IN_SECTION:
            flat[key] = value
        else:
            raise ValueError(f"unknown setting {key!r}")
    for key, value in flat.items():
        expected = _FIELD_TYPES[key]
        if expected is float and type(value) is int:
            value = flat[key] = float(value)
        if type(value) is not expected:
            raise ValueError(f"{key} must be {_TYPE_WORDS[expected]}, not {value!r}")
    missing = [f.name for f in fields(ShowConfig) if f.default is MISSING and f.name not in flat]
    if missing:
        raise ValueError(f"missing setting(s): {', '.join(missing)}")
    return flat


def _to_toml(config: ShowConfig) -> dict[str, Any]:
    data = asdict(config)
    top = {k: v for k, v in data.items() if k not in _IN_SECTION}
    return {**top, **{name: {k: data[k] for k in keys} for name, keys in SECTIONS.items()}}


_FIELD_TYPES = {
    f.name: {"str": str, "int": int, "bool": bool, "float": float}[str(f.type)]
    for f in fields(ShowConfig)
}
_TYPE_WORDS = {
    str: "text in quotes",
    int: "a whole number",
    bool: "true or false",
    float: "a number such as 1.0",
}
