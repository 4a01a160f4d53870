"""The show folder: `show.toml` (edited by people) and where everything else lives."""

from __future__ import annotations

import re
import tomllib
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomli_w

from audio.normalize import URL_READINGS
from episodes.article import MAX_WORDS
from episodes.errors import PresscastError
from episodes.fsio import atomic_write_text
from feeds.categories import category_problem
from feeds.model import MAX_DESCRIPTION_BYTES, MEDIUMS, SHOW_TYPES, Person, podcast_guid

SHOW_FILE = "show.toml"
FEED_FILE = "feed.xml"


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
    variability: float = -1.0  # Piper: 0 (the same every time) to 1 (lively); -1: the voice's
    bitrate_kbps: int = 64
    intro: str = ""
    outro: str = ""
    music_bed: str = ""
    bed_gain_db: int = -20
    urls: str = "speak"
    sentence_pause_ms: int = 350
    paragraph_pause_ms: int = 800
    heading_pause_ms: int = 1100
    max_words: int = MAX_WORDS
    image: str = ""
    copyright: str = ""
    type: str = "episodic"
    podcast_guid: str = ""
    locked: bool = False
    medium: str = "podcast"
    max_episodes: int = 0
    new_feed_url: str = ""
    funding_url: str = ""
    funding_text: str = ""
    persons: tuple[Person, ...] = ()
    jobs: int = 0  # worker processes for synthesis; 0: one per core
    cluster: str = ""  # a Dask scheduler (tcp://HOST:8786) to synthesize on instead
    cache_dir: str = ""  # the segment cache, if not in .presscast/ (shared storage)

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
        if self.urls not in URL_READINGS:
            choices = ", ".join(f'"{u}"' for u in URL_READINGS)
            raise PresscastError(f"urls = {self.urls!r}: say one of {choices}")
        pauses = (self.sentence_pause_ms, self.paragraph_pause_ms, self.heading_pause_ms)
        if not all(0 <= p <= 10_000 for p in pauses):
            raise PresscastError("pauses must be between 0 and 10000 ms")
        if self.max_words < 1:
            raise PresscastError(
                f"max_words = {self.max_words}: the longest article, in words; from 1"
            )
        problem = category_problem(self.category, self.subcategory or None)
        if problem:
            raise PresscastError(problem)
        if self.type not in SHOW_TYPES:
            raise PresscastError(f'type = {self.type!r}: say "episodic" or "serial"')
        if self.medium.removesuffix("L") not in MEDIUMS:
            raise PresscastError(f"medium = {self.medium!r}: choose one of {', '.join(MEDIUMS)}")
        if self.max_episodes < 0:
            raise PresscastError("max_episodes must be 0 (every episode) or more")
        for name in ("new_feed_url", "funding_url", "link"):
            value = getattr(self, name)
            if value and urlparse(value).scheme not in ("http", "https"):
                raise PresscastError(f"{name} = {value!r} must be an http(s) address")
        if self.variability != -1.0 and not 0 <= self.variability <= 1:
            raise PresscastError(
                f"variability = {self.variability:g}: give 0 (the same every time) to 1 "
                "(lively), or leave it out for the voice's own"
            )
        if self.jobs < 0:
            raise PresscastError("jobs must be 0 (one per core) or more")
        if self.cluster and not re.match(r"(tcp|tls|inproc|ucx)://\S+$", self.cluster):
            raise PresscastError(
                f"cluster = {self.cluster!r}: give a Dask scheduler address, tcp://HOST:8786"
            )
        if self.funding_url and not self.funding_text.strip():
            raise PresscastError("funding_url needs a funding_text saying what it is for")
        size = len(self.summary.encode("utf-8"))
        if size > MAX_DESCRIPTION_BYTES:
            raise PresscastError(
                f"the description is {size} bytes with Presscast's note on synthetic speech; "
                f"podcast directories take at most {MAX_DESCRIPTION_BYTES}"
            )

    @property
    def engine_settings(self) -> dict[str, object]:
        """Engine settings that differ from the defaults (Piper: speaker, speed, variability)."""
        settings: dict[str, object] = {}
        if self.speaker:
            settings["speaker"] = self.speaker
        if self.speed != 1.0:
            settings["speed"] = self.speed
        if self.variability != -1.0:
            settings["variability"] = self.variability
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
        """The segment cache: `[build] cache_dir` (relative to the show), else in .presscast/."""
        if self.config.cache_dir:
            return self.root / Path(self.config.cache_dir).expanduser()
        return self.state_dir / "cache" / "segments"

    @property
    def render_dir(self) -> Path:
        """Where episodes are mastered before they are published: nothing in it outlives
        a build."""
        return self.state_dir / "render"

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
        return self.public_dir / FEED_FILE

    def public_url(self, path: Path) -> str:
        """The URL a file under public/ is served at."""
        return self.url_of(path.relative_to(self.public_dir).as_posix())

    def url_of(self, relative: str) -> str:
        """The URL of a path relative to public/, as episode records keep them."""
        return self.config.base_url + relative


def init_show(root: Path, config: ShowConfig) -> Show:
    """Create a show folder; refuses to overwrite an existing show."""
    target = root / SHOW_FILE
    if target.exists():
        raise PresscastError(f"{target} already exists; this folder is a show already")
    root.mkdir(parents=True, exist_ok=True)
    if not config.podcast_guid:  # fixed now, for the life of the show, wherever it moves
        config.podcast_guid = podcast_guid(config.base_url + FEED_FILE)
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


def ensure_podcast_guid(show: Show) -> Show:
    """The show with its podcast:guid, generated and stored in show.toml if it had none.

    The line goes in as text, so the producer's comments and layout in show.toml survive;
    the result is parsed before it is written, and a file it cannot be put in is left
    alone with a message saying which line to add.
    """
    if show.config.podcast_guid:
        return show
    guid = podcast_guid(show.config.base_url + FEED_FILE)
    path = show.root / SHOW_FILE
    text = path.read_text(encoding="utf-8")
    line = f'podcast_guid = "{guid}"  # the show\'s identity in podcast apps: never change it'
    empty = re.compile(r'^podcast_guid\s*=\s*(""|\'\')[ \t]*(#.*)?$', re.MULTILINE)
    header = re.search(r"^\[feed\][ \t]*(#.*)?$", text, re.MULTILINE)
    if empty.search(text):
        updated = empty.sub(line, text, count=1)
    elif header:
        updated = f"{text[: header.end()]}\n{line}{text[header.end() :]}"
    else:
        updated = text.rstrip("\n") + f"\n\n[feed]\n{line}\n"
    try:
        stored = tomllib.loads(updated).get("feed", {}).get("podcast_guid")
    except tomllib.TOMLDecodeError:
        stored = None
    if stored != guid:
        raise PresscastError(f"{path}: add this line to its [feed] table, then build again: {line}")
    atomic_write_text(path, updated)
    return load_show(show.root)


# show.toml groups some settings in tables; the rest sit at the top.
SECTIONS = {
    "voice": ("engine", "voice", "speaker", "speed", "variability"),
    "audio": ("bitrate_kbps", "intro", "outro", "music_bed", "bed_gain_db"),
    "build": ("jobs", "cluster", "cache_dir"),
    "reading": ("urls", "sentence_pause_ms", "paragraph_pause_ms", "heading_pause_ms", "max_words"),
    "feed": (
        "image",
        "copyright",
        "type",
        "podcast_guid",
        "locked",
        "medium",
        "max_episodes",
        "new_feed_url",
        "funding_url",
        "funding_text",
    ),
}
PERSON_KEYS = ("name", "role", "group", "href", "img")
_IN_SECTION = {key: section for section, keys in SECTIONS.items() for key in keys}


def _from_toml(data: dict[str, Any]) -> dict[str, Any]:
    """Flatten show.toml into ShowConfig's fields, refusing unknown keys and wrong types."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key == "person":
            flat["persons"] = _persons(value)
        elif key in SECTIONS and isinstance(value, dict):
            for inner, inner_value in value.items():
                if inner not in SECTIONS[key]:
                    raise ValueError(f"unknown setting [{key}] {inner}")
                flat[inner] = inner_value
        elif key in _FIELD_TYPES and key not in _IN_SECTION:
            flat[key] = value
        else:
            raise ValueError(f"unknown setting {key!r}")
    for key, value in flat.items():
        if key == "persons":
            continue
        expected = _FIELD_TYPES[key]
        if expected is float and type(value) is int:
            value = flat[key] = float(value)
        if type(value) is not expected:
            raise ValueError(f"{key} must be {_TYPE_WORDS[expected]}, not {value!r}")
    missing = [f.name for f in fields(ShowConfig) if f.default is MISSING and f.name not in flat]
    if missing:
        raise ValueError(f"missing setting(s): {', '.join(missing)}")
    return flat


def _persons(value: object) -> tuple[Person, ...]:
    """[[person]] tables: who makes the show (podcast:person)."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("person must be [[person]] tables with a name, role, href, img")
    persons = []
    for table in value:
        unknown = set(table) - set(PERSON_KEYS)
        if unknown:
            raise ValueError(f"unknown setting [[person]] {sorted(unknown)[0]}")
        if not all(isinstance(v, str) for v in table.values()):
            raise ValueError("[[person]] settings must be text in quotes")
        if not table.get("name", "").strip():
            raise ValueError("each [[person]] needs a name")
        persons.append(Person(**{k: v for k, v in table.items() if v != ""}))
    return tuple(persons)


def _to_toml(config: ShowConfig) -> dict[str, Any]:
    data = asdict(config)
    persons = data.pop("persons")
    top = {k: v for k, v in data.items() if k not in _IN_SECTION}
    tables = {name: {k: data[k] for k in keys} for name, keys in SECTIONS.items()}
    people = {"person": [{k: v for k, v in p.items() if v} for p in persons]} if persons else {}
    return {**top, **tables, **people}


_FIELD_TYPES = {
    f.name: {"str": str, "int": int, "bool": bool, "float": float}[str(f.type)]
    for f in fields(ShowConfig)
    if f.name != "persons"
}
_TYPE_WORDS = {
    str: "text in quotes",
    int: "a whole number",
    bool: "true or false",
    float: "a number such as 1.0",
}
