"""Make a vault, or add what is missing to an existing folder, without touching any existing file.

``init_vault`` writes ``.infoview/config.toml`` (every setting commented out at its default, made
from the settings' declarations: :mod:`infoview.config.template`), the note templates into the
templates folder and, with ``example=True``, a small example job search.
Each file is written only where nothing exists yet: a file the user already has, even an empty
or a very different one, is left byte for byte as it is and reported in ``InitReport.kept``.

New files are made through the safe write path (:meth:`infoview.write.writer.NoteWriter.create`):
a hidden temporary file hard-linked into place, which fails if the name exists, so a crash never
leaves a half-written note and a file that appears meanwhile is never clobbered.

The files come from the ``infoview.vault_template`` package:

- ``Templates/*.md``: copied as they are (Obsidian placeholders such as ``{{date}}`` included),
  the question bank ``Questions.md`` among them;
- ``Contacts.base`` and ``Interviews.base`` at the vault's root: Obsidian Bases views made for
  the vault's folders and property names (:mod:`infoview.app.bases`);
- ``example/<Folder>/*.md``: the example; date tokens in their names and text are replaced.

Date tokens make the example current on the day it is copied, so that every kind of reminder
shows: ``{{iv:date:-62}}`` is the date 62 days before ``today`` (``YYYY-MM-DD``) and
``{{iv:datetime:+1T14:30}}`` is tomorrow at 14:30 (``YYYY-MM-DDT14:30:00``). A file name
cannot hold ``:`` on Windows, so in names the same token is written with ``=``:
``{{iv=date=-62}} Maya Chen.md``. Obsidian's own ``{{date}}``, ``{{time}}`` and ``{{title}}`` never
match.

An example note whose name holds a date is already there when its folder has the same name with
any date (an ``init --example`` run on another day), so no second copy is made.

If an existing ``.infoview/config.toml`` sets ``[folders]``, templates and example notes go into
those folders.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from infoview.app.bases import base_files
from infoview.config.settings import DEFAULTS, load_config
from infoview.config.template import config_template
from infoview.model.errors import UsageError, WriteError
from infoview.vault.layout import current_folder
from infoview.write.writer import NoteWriter

__all__ = ["InitReport", "expand_date_tokens", "init_vault"]

CONFIG_PATH = ".infoview/config.toml"
"""Where the vault's configuration lives, relative to the vault."""

DEFAULT_FOLDERS: dict[str, str] = {
    key: DEFAULTS["folders"][key] for key in ("contacts", "companies", "interviews", "templates")
}
"""The note folders ``init`` fills, by their ``[folders]`` key."""

_EXAMPLE_FOLDER_KEYS = {
    "Contacts": "contacts",
    "Companies": "companies",
    "Interviews": "interviews",
}
_SKIP_NAMES = {"__init__.py", "__pycache__"}

_TOKEN_RE = re.compile(
    r"\{\{iv(?P<sep>[:=])(?P<kind>date|datetime)(?P=sep)(?P<days>[+-]?\d{1,6})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?\}\}"
)
_TOKEN_START = "{{iv"


@dataclass
class InitReport:
    """What ``init_vault`` did."""

    vault: Path
    created: list[str] = field(default_factory=list)
    """Vault-relative POSIX paths written (folders made empty end with ``/``)."""
    kept: list[str] = field(default_factory=list)
    """Vault-relative POSIX paths that already existed and were left untouched."""
    writer: NoteWriter = field(default_factory=lambda: NoteWriter(Path("."), None))
    """The writer that made (or, dry-run, planned) the files: its ``report.diffs``."""


def expand_date_tokens(text: str, today: datetime.date) -> str:
    """Replace the example's date tokens in ``text`` with dates relative to ``today``.

    ``{{iv:date:N}}`` becomes ``today + N days`` as ``YYYY-MM-DD``; ``{{iv:datetime:NTHH:MM}}``
    becomes ``YYYY-MM-DDTHH:MM:00``. ``N`` may carry a sign. ``=`` may stand for ``:`` (file
    names). A token that does not follow this syntax raises ``ValueError``: it is a mistake in
    the packaged example, not in the user's vault.
    """

    def replace(match: re.Match[str]) -> str:
        day = today + datetime.timedelta(days=int(match["days"]))
        has_time = match["hour"] is not None
        if match["kind"] == "date":
            if has_time:
                raise ValueError(f"a date token has a time: {match[0]}")
            return day.isoformat()
        if not has_time:
            raise ValueError(f"a datetime token has no time: {match[0]}")
        moment = datetime.datetime.combine(
            day, datetime.time(int(match["hour"]), int(match["minute"]))
        )
        return moment.isoformat(timespec="seconds")

    result = _TOKEN_RE.sub(replace, text)
    if _TOKEN_START in result:
        start = result.index(_TOKEN_START)
        raise ValueError(f"malformed date token: {result[start:start + 40]!r}")
    return result


def init_vault(path: Path, *, example: bool = False, today: datetime.date,
               dry_run: bool = False) -> InitReport:
    """Make a vault at ``path``, or complete the one there, overwriting nothing.

    ``path`` is created if missing. ``today`` is the day the example's dates are relative to.
    With ``dry_run`` nothing is made: the report lists what would be, and ``report.writer``
    holds the diffs. Raises :class:`~infoview.model.errors.UsageError` when ``path`` is not a
    folder, :class:`~infoview.model.errors.WriteError` when a file cannot be written.
    """
    if isinstance(today, datetime.datetime):
        today = today.date()
    vault = Path(path)
    if not vault.is_absolute():
        current_folder()  # a folder deleted under the shell: one line that says so
    if vault.exists() and not vault.is_dir():
        raise UsageError(f"cannot make a vault at {vault}: it is a file, not a folder")
    if not dry_run:
        try:
            vault.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(f"cannot make the folder {vault}: {_reason(error)}") from error

    config = load_config(vault)  # invalid: an error before anything is written
    folders = {key: config.folder(key) for key in DEFAULT_FOLDERS}
    report = InitReport(vault=vault, writer=NoteWriter(vault, None, dry_run=dry_run))
    source = files("infoview.vault_template")

    _place(report, CONFIG_PATH, config_template().encode("utf-8"))

    for entry in _markdown_files(source.joinpath("Templates")):
        _place(report, f"{folders['templates']}/{entry.name}", _lf(entry.read_bytes()))

    for name, text in base_files(config).items():
        _place(report, name, text.encode("utf-8"))

    if example:
        notes: list[tuple[str, Traversable]] = []
        for relative, entry in _walk(source.joinpath("example")):
            parts = list(PurePosixPath(relative).parts)
            key = _EXAMPLE_FOLDER_KEYS.get(parts[0]) if len(parts) > 1 else None
            if key is not None:
                parts[0] = folders[key]
            notes.append((expand_date_tokens("/".join(parts), today), entry))
        for target, entry in sorted(notes, key=lambda note: note[0]):
            earlier = _earlier_copy(vault, target, entry.name)
            if earlier is not None:
                report.kept.append(earlier)
                continue
            text = expand_date_tokens(_lf(entry.read_bytes()).decode("utf-8"), today)
            _place(report, target, text.encode("utf-8"))

    for key in ("contacts", "companies", "interviews"):
        _make_folder(report, folders[key])
    return report


def _place(report: InitReport, relative: str, data: bytes) -> None:
    """Write ``data`` to ``relative`` in the vault unless something is already there (through
    the safe write path: atomic, never replacing a file)."""
    target = report.vault.joinpath(*PurePosixPath(relative).parts)
    skipped = len(report.writer.report.skipped)
    written = report.writer.create(relative, data, reason="init") is not None
    error = next((s.error for s in report.writer.report.skipped[skipped:] if s.error), None)
    if error is not None:
        blocker = _file_in_the_way(report.vault, target)
        if blocker is not None:
            raise WriteError(
                f"cannot write {relative}: {blocker} is a file, not a folder"
            ) from error
        raise WriteError(f"cannot write {relative}: {_reason(error)}") from error
    (report.created if written else report.kept).append(relative)


def _earlier_copy(vault: Path, target: str, packaged_name: str) -> str | None:
    """An example note with a dated name that an ``init --example`` on another day made.

    ``{{iv=date=-62}} Maya Chen.md`` copied on another day has another date in its name; that
    note is the same example note, so it counts as already there and no second one is made.
    """
    if _TOKEN_START not in packaged_name:
        return None
    pieces = _TOKEN_RE.split(packaged_name)
    # re.split returns the text between tokens at every (groups + 1)-th position
    literal = pieces[:: _TOKEN_RE.groups + 1]
    pattern = re.compile(r"\d{4}-\d{2}-\d{2}".join(re.escape(piece) for piece in literal))
    folder = PurePosixPath(target).parent
    try:
        names = sorted(entry.name for entry in vault.joinpath(*folder.parts).iterdir())
    except OSError:
        return None
    for name in names:
        if pattern.fullmatch(name):
            return (folder / name).as_posix()
    return None


def _file_in_the_way(vault: Path, target: Path) -> str | None:
    """The vault-relative name of a file where ``target`` needs a folder, if there is one."""
    for parent in reversed(target.relative_to(vault).parents):
        if parent.parts and vault.joinpath(parent).is_file():
            return parent.as_posix()
    return None


def _make_folder(report: InitReport, relative: str) -> None:
    """Make an empty note folder, so a new vault shows its layout; report it if it is new."""
    target = report.vault.joinpath(*PurePosixPath(relative).parts)
    if target.exists() or target.is_symlink():
        return
    if report.writer.dry_run:
        report.created.append(f"{relative}/")
        return
    try:
        target.mkdir(parents=True)
    except FileExistsError:
        return
    except OSError as error:
        blocker = _file_in_the_way(report.vault, target)
        reason = f"{blocker} is a file, not a folder" if blocker else _reason(error)
        raise WriteError(f"cannot make the folder {relative}: {reason}") from error
    report.created.append(f"{relative}/")


def _markdown_files(folder: Traversable) -> list[Traversable]:
    if not folder.is_dir():
        return []
    return sorted(
        (entry for entry in folder.iterdir() if entry.is_file() and entry.name.endswith(".md")),
        key=lambda entry: entry.name,
    )


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """Every ``.md`` file under ``folder`` as ``(relative posix path, entry)``, sorted."""
    found: list[tuple[str, Traversable]] = []
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name in _SKIP_NAMES or entry.name.startswith("."):
            continue
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(_walk(entry, f"{relative}/"))
        elif entry.name.endswith(".md"):
            found.append((relative, entry))
    return found


def _lf(data: bytes) -> bytes:
    """The packaged text with LF line endings, whatever a checkout did to them."""
    return data.replace(b"\r\n", b"\n")


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)
