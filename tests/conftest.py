"""Shared fixtures: a real Piper engine, show folders, the CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from audio.engines.piper_engine import PiperEngine
from episodes.cli import cli

pytest_plugins = ["fake_google"]  # the `google` and `tone_mp3` fixtures

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def piper() -> PiperEngine:
    """The bundled voice, loaded once for the session."""
    return PiperEngine()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `presscast ARGS...` in-process, in a given folder; stderr kept apart."""

    def invoke(*args: str, cwd: Path | None = None, input: str | bytes | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner(mix_stderr=False).invoke(cli, list(args), input=input)

    return invoke


@pytest.fixture
def show_dir(tmp_path: Path, run: Callable[..., Result]) -> Path:
    """A freshly initialised show."""
    root = tmp_path / "show"
    result = run(
        "init",
        str(root),
        "--title",
        "Test Show & Friends",
        "--author",
        "Test Desk",
        "--base-url",
        "https://example.com/pod",
        "--email",
        "desk@example.com",
    )
    assert result.exit_code == 0, result.stderr
    return root


def build_one_article_show(
    root: Path, article: Path, title: str, base_url: str, *init_options: str
) -> Result:
    """`presscast init` (with `init_options`), `add` and `build --jobs 2`, as a producer
    runs them; the build."""
    runner = CliRunner(mix_stderr=False)
    options = ["--title", title, "--author", "Desk", "--base-url", base_url, *init_options]
    init = runner.invoke(cli, ["init", str(root), *options])
    assert init.exit_code == 0, init.stderr
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        add = runner.invoke(cli, ["add", str(article)])
        assert add.exit_code == 0, add.stderr
        build = runner.invoke(cli, ["build", "--jobs", "2"])
        assert build.exit_code == 0, build.stderr
    return build


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# A short news story of four paragraphs, for tests of what the reader keeps.
STORY = [
    "The harbour board voted on Tuesday to double the fees it charges the fishing families"
    " of Stone Bay, who say the rise would force half of them to sell their boats.",
    "The board says the sea wall needs repairs that the old fees cannot pay for, and that"
    " the families have paid the same since the wall was last rebuilt in 1988.",
    "A hearing is set for next month, and until then the old fees stand, the chairman said"
    " in a statement read to the fishermen on the quay.",
    "Most of the boats went out at dawn the next morning, as they have done for a century.",
]
