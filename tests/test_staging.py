"""Publishing from the render folder into public/: a rename, a copy across filesystems,
and a folder that cannot be written named as the user can fix it."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import STORY, write

from audio.atomic import is_atomic_temporary
from episodes.errors import PresscastError
from episodes.staging import publish_file

AUDIO = b"ID3 not really an mp3, but bytes to move" * 1000
NAME = f"harbour-{hashlib.sha256(AUDIO).hexdigest()[:12]}.mp3"
NOBODY = 65534  # the unprivileged user of Linux systems
SHM = Path("/dev/shm")  # a RAM filesystem on Linux: another device than tmp_path, mostly


@pytest.fixture
def staging(tmp_path: Path) -> Path:
    path = tmp_path / "show" / ".presscast" / "render" / "harbour.mp3"
    path.parent.mkdir(parents=True)
    path.write_bytes(AUDIO)
    return path


@pytest.fixture
def public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """public/episodes of the show, seen from the show folder (the current folder)."""
    monkeypatch.chdir(tmp_path / "show")
    return tmp_path / "show" / "public" / "episodes"


@pytest.fixture
def other_device(tmp_path: Path) -> Iterator[Path]:
    """A folder on another filesystem than tmp_path, if this machine has one."""
    if not SHM.is_dir() or SHM.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem here (/dev/shm is missing or on tmp_path's)")
    folder = Path(tempfile.mkdtemp(dir=SHM, prefix="presscast-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def cross_folder_renames_fail(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """os.replace across folders raises EXDEV, as across filesystems (which this machine
    may not have); renames within a folder still happen. Returns the refused renames."""
    refused = []
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).parent != Path(dst).parent:
            refused.append((str(src), str(dst)))
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src), None, str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return refused


def test_a_rename_names_the_file_by_its_content(staging: Path, public: Path) -> None:
    final = publish_file(staging, public, "harbour")
    assert final == public / NAME
    assert final.read_bytes() == AUDIO and not staging.exists()


def test_across_filesystems_the_file_is_copied_then_renamed_in_place(
    staging: Path, public: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = cross_folder_renames_fail(monkeypatch)
    final = publish_file(staging, public, "harbour")
    assert refused == [(str(staging), str(public / NAME))]
    assert final == public / NAME and final.read_bytes() == AUDIO
    assert not staging.exists()
    assert [p.name for p in public.iterdir()] == [NAME]  # no temporary file left there
    assert final.stat().st_mode & 0o777 == 0o644


def test_a_build_publishes_into_public_linked_to_another_filesystem(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path, other_device: Path
) -> None:
    shutil.move(show_dir / "public", other_device / "public")
    (show_dir / "public").symlink_to(other_device / "public")
    article = write(tmp_path / "story.txt", "Stone Bay Fees\n\n" + STORY[3])
    assert run("add", str(article), cwd=show_dir).exit_code == 0
    result = run("build", "--jobs", "1", cwd=show_dir)
    assert result.exit_code == 0, result.stderr
    (episode,) = (other_device / "public" / "episodes").glob("*.mp3")
    assert episode.stat().st_size > 1000
    assert not any(is_atomic_temporary(p.name) for p in other_device.rglob("*"))
    assert list((show_dir / ".presscast" / "render").iterdir()) == []


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(staging, public/episodes) for a user that permissions apply to: this one, or as
    root (whom no folder refuses) the `nobody` user, in a folder it can reach."""
    if os.geteuid() != 0:
        root = tmp_path
    else:
        root = Path(tempfile.mkdtemp(prefix="presscast-test-"))
        root.chmod(0o755)
    file = root / "show" / ".presscast" / "render" / "harbour.mp3"
    file.parent.mkdir(parents=True)
    file.write_bytes(AUDIO)
    if os.geteuid() == 0:
        for path in (root / "show", *(root / "show").rglob("*")):
            os.chown(path, NOBODY, NOBODY)
    yield file, root / "show" / "public" / "episodes"
    if root != tmp_path:
        shutil.rmtree(root, ignore_errors=True)


def as_unprivileged(work: Callable[[], object]) -> tuple[str, str]:
    """Run `work` in this process, or as root in a child that became `nobody`; returns
    ("", repr of its result) or (its exception's type name, message)."""

    def outcome() -> tuple[str, str]:
        try:
            return "", repr(work())
        except Exception as exc:  # the test compares it
            return type(exc).__name__, str(exc)

    if os.geteuid() != 0:
        return outcome()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, work, report, and leave without pytest's cleanup
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(writer, json.dumps(outcome()).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read()
    os.waitpid(pid, 0)
    kind, text = json.loads(report)
    return kind, text


def test_an_unwritable_public_folder_is_named_with_what_to_do(
    unprivileged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, public = unprivileged
    public.mkdir(parents=True)
    os.chown(public, *(staging.stat().st_uid, staging.stat().st_gid))
    public.chmod(0o500)
    monkeypatch.chdir(public.parent.parent)
    kind, message = as_unprivileged(lambda: publish_file(staging, public, "harbour"))
    assert (kind, message) == (
        "PresscastError",
        f"cannot write to public/episodes ({public}): Permission denied; make it writable",
    )
    assert staging.read_bytes() == AUDIO  # nothing lost: the next build publishes it


def test_an_unwritable_public_folder_on_another_filesystem_is_named_too(
    unprivileged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, public = unprivileged
    public.mkdir(parents=True)
    os.chown(public, *(staging.stat().st_uid, staging.stat().st_gid))
    public.chmod(0o500)
    monkeypatch.chdir(public.parent.parent)
    cross_folder_renames_fail(monkeypatch)
    kind, message = as_unprivileged(lambda: publish_file(staging, public, "harbour"))
    assert kind == "PresscastError"
    assert message.startswith(f"cannot write to public/episodes ({public}): Permission denied")


def test_an_unwritable_staging_folder_is_not_blamed_on_public(
    unprivileged: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, public = unprivileged
    staging.parent.chmod(0o500)
    monkeypatch.chdir(public.parent.parent)
    kind, message = as_unprivileged(lambda: publish_file(staging, public, "harbour"))
    staging.parent.chmod(0o755)
    assert kind == "PermissionError" and str(staging) in message, message


def test_a_file_where_the_folder_should_be_is_named(staging: Path, public: Path) -> None:
    public.parent.mkdir()
    public.write_text("a file, not a folder")
    with pytest.raises(PresscastError) as error:
        publish_file(staging, public, "harbour")
    assert str(error.value) == (
        f"cannot write to public/episodes ({public}): it or a folder above it is a file or "
        "a broken link; make it a folder"
    )


def test_a_public_link_to_nowhere_is_named_with_where_it_points(
    staging: Path, public: Path, tmp_path: Path
) -> None:
    public.parent.symlink_to(tmp_path / "unmounted" / "public")
    with pytest.raises(PresscastError) as error:
        publish_file(staging, public, "harbour")
    message = str(error.value)
    assert message.startswith(
        f"cannot write to public/episodes ({tmp_path / 'unmounted' / 'public' / 'episodes'}): "
    ), message
