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


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
