"""Where the vault is, where its index lives, and which of its files are notes."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from infoview.model.errors import VaultNotFoundError

MARKER = ".infoview"
_CONFLICT_RE = re.compile(r"\.sync-conflict-|\((?:[^()]*\s)?conflicted copy\b[^()]*\)", re.I)


def find_vault(explicit: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """``--vault``, else ``$INFOVIEW_VAULT``, else the nearest folder upward holding
    ``.infoview/``."""
    given = explicit if explicit is not None else os.environ.get("INFOVIEW_VAULT") or None
    if given is not None:
        path = Path(given).expanduser()
        if not (path / MARKER).is_dir():
            if not path.is_dir():
                raise VaultNotFoundError(f"{path}: no such folder; make a vault with "
                                         f"`infoview init {path}`")
            raise VaultNotFoundError(f"{path} is not an infoview vault (no .infoview/ folder); "
                                     f"run `infoview init {path}` to make it one")
        return path.resolve()
    start = (cwd or current_folder()).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_dir():
            return folder
    raise VaultNotFoundError("no vault here or above; run `infoview init PATH` to make one, "
                             "or pass --vault PATH (or set INFOVIEW_VAULT)")


GONE = ("the current folder no longer exists (deleted or moved while you were in it); cd to a "
        "folder that exists, or pass --vault PATH")


def current_folder() -> Path:
    """The current folder; one that was deleted (or moved) under the shell is a one-line
    :class:`~infoview.model.errors.VaultNotFoundError`, not a traceback."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise VaultNotFoundError(GONE) from None


def cache_dir() -> Path:
    """Folder for indexes and journals: ``$INFOVIEW_CACHE_DIR`` or the user cache folder."""
    override = os.environ.get("INFOVIEW_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_cache_path("infoview")


def index_path(vault: Path) -> Path:
    """The SQLite index of ``vault``: one per vault, outside it."""
    real = str(vault.resolve())
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", vault.name)[:40] or "vault"
    return cache_dir() / "vaults" / f"{slug}-{digest}.sqlite"


def journal_path(vault: Path) -> Path:
    """The journal of the writes infoview made to ``vault``: beside its index."""
    index = index_path(vault)
    return index.with_name(index.name.removesuffix(".sqlite") + ".journal.sqlite")


def state_path(vault: Path) -> Path:
    """What plugins remember across index rebuilds (:mod:`infoview.index.state`): beside the
    index."""
    index = index_path(vault)
    return index.with_name(index.name.removesuffix(".sqlite") + ".state.sqlite")


def is_conflict_copy(name: str) -> bool:
    """A sync tool's conflict copy (Syncthing, Dropbox, Google Drive, OneDrive, Nextcloud)."""
    return bool(_CONFLICT_RE.search(name))


@dataclass(frozen=True, slots=True)
class FileStat:
    """One file seen by the walk."""

    path: str
    """Vault-relative POSIX path."""
    mtime_ns: int
    size: int


@dataclass(slots=True)
class WalkResult:
    notes: dict[str, FileStat]
    """Markdown notes to index, by path."""
    conflicts: list[str]
    """Sync-conflict copies (reported, never indexed as notes)."""
    attachments: list[str]
    """Other files, which links may name (``![[diagram.png]]``)."""
    unindexed: dict[str, list[str]]
    """Files in the folders that hold no data (``templates``, ``generated``), by that folder's
    setting name: links may name them, but they are not indexed as notes."""
    unreadable: dict[str, str] = field(default_factory=dict)
    """Folders that could not be listed (vault-relative, ``""`` for the vault): the reason."""
    temp_files: list[str] = field(default_factory=list)
    """infoview's own temporary files (:data:`infoview.write.writer.TEMP_RE`), which a crash may
    have left behind."""


def classify_path(rel: str, templates: str, generated: str = "") -> str | None:
    """What the vault-relative file ``rel`` is to :func:`walk_vault`: ``note``, ``conflict``,
    ``attachment``, ``template`` or ``generated``; ``None`` when it is no file of the vault
    (hidden, temporary, or in a hidden folder). Does not look at the disk."""
    parts = rel.split("/")
    if any(not part or part.startswith(".") or part.endswith(("~", ".tmp")) for part in parts):
        return None
    for folder, kind in ((templates, "template"), (generated, "generated")):
        folder = folder.strip("/")
        if folder and (rel.startswith(folder + "/")):
            return kind
    name = parts[-1]
    if not name.endswith(".md"):
        return "attachment"
    if "onflict" in name and is_conflict_copy(name):
        return "conflict"
    return "note"


def walk_vault(vault: Path, templates: str, generated: str = "") -> WalkResult:
    """Find the vault's notes. Hidden files and folders and temp files are skipped, symlinked
    folders are not followed; files in the templates and generated folders are listed apart."""
    result = WalkResult(notes={}, conflicts=[], attachments=[], unindexed={})
    root = str(vault)
    apart = {f.strip("/"): kind for f, kind in ((templates, "template"),
                                                 (generated, "generated")) if f.strip("/")}
    for folder, kind in apart.items():
        result.unindexed[kind] = [rel for rel, _ in _scan(root, folder, frozenset(), result)]
    for rel, entry in _scan(root, "", frozenset(apart), result):
        name = entry.name
        if not name.endswith(".md"):
            result.attachments.append(rel)
            continue
        if "onflict" in name and is_conflict_copy(name):
            result.conflicts.append(rel)
            continue
        st = entry.stat()
        result.notes[rel] = FileStat(rel, st.st_mtime_ns, st.st_size)
    return result


def _scan(root: str, prefix: str, skip: frozenset[str],
          result: WalkResult) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Files under ``root/prefix`` (recursively, depth first, without recursion: any depth),
    except hidden and temporary ones and the folders in ``skip`` (vault-relative). Folders that
    cannot be listed go to ``result.unreadable``, infoview's temp files to
    ``result.temp_files``."""
    stack = [(prefix, _entries(root, prefix, result))]
    while stack:
        folder, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        name = entry.name
        rel = f"{folder}/{name}" if folder else name
        if name.startswith(".") or name.endswith(("~", ".tmp")):
            if name.endswith(".tmp") and ".infoview-" in name:
                result.temp_files.append(rel)
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if rel not in skip:
                    stack.append((rel, _entries(root, rel, result)))
            elif entry.is_file():
                yield rel, entry
        except OSError:
            continue


def _entries(root: str, folder: str, result: WalkResult) -> Iterator[os.DirEntry[str]]:
    """The entries of ``root/folder``; none (and the reason noted) when it cannot be listed."""
    try:
        with os.scandir(os.path.join(root, folder) if folder else root) as found:
            entries = list(found)
    except (FileNotFoundError, NotADirectoryError):
        return iter(())
    except OSError as error:
        result.unreadable[folder] = error.strerror or str(error)
        return iter(())
    return iter(entries)
