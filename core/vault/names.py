"""Names and paths for notes infoview creates.

Names come from notes other people may have written (a referral's name, an imported contact),
so they are treated as hostile. :func:`safe_note_name` turns a display name into a file stem
that is safe on Windows, macOS, Linux, in Obsidian and in sync tools:

- Unicode NFC (macOS may hand back NFD; both spell the same name).
- ``/ \\ : * ? " < > | # ^ [ ]`` (path separators, Windows-forbidden characters, and the ones
  that break an Obsidian wikilink): each run becomes one space, so ``AT&T: Platform/Infra``
  becomes ``AT&T Platform Infra``.
- Control characters (``\\x00``, ``\\n``, ``\\t``, ...) and every other whitespace character
  (no-break space, U+2028/U+2029, ...) become a space; runs of spaces become one.
- Invisible format characters are removed: bidi controls (U+200E/F, U+202A-E, U+2066-9,
  U+061C), zero-width space, word joiner, soft hyphen, BOM, and the rest of Unicode category
  Cf, except the zero-width joiner and non-joiner (emoji sequences and several scripts need
  them). Lone surrogates and noncharacters are removed too.
- No leading or trailing spaces, dots or zero-width (non-)joiners (Windows drops trailing
  spaces and dots; a leading dot hides the file, and infoview skips hidden files), so never
  ``.``, ``..`` or ``.hidden`` (``.hidden`` gives ``hidden``).
- No trailing ``.md`` (``Notes.md`` gives ``Notes``, never ``Notes.md.md``).
- Never a sync tool's conflict-copy name (``x.sync-conflict-...``, ``(... conflicted copy
  ...)``), which infoview reports as a conflict instead of reading as a note: the dot before
  ``sync-conflict-`` becomes a space and ``conflicted copy`` becomes ``conflicted-copy``.
- Never a Windows reserved device name: ``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``-``COM9``,
  ``LPT0``-``LPT9``, ``COM¹²³``, ``LPT¹²³``, ``CONIN$``, ``CONOUT$``, in any case, alone or
  before a dot (``con.txt``): an underscore is added after the reserved word (``CON_``,
  ``con_.txt``).
- Empty (or nothing left) gives ``Untitled``.
- At most ``max_bytes`` UTF-8 bytes (default 200, so that with ``.md`` the file name stays
  well under the 255-byte limit of common file systems), cut between characters and not inside
  a combining sequence, an emoji ZWJ sequence or a flag. :func:`note_path` keeps a `` (2)``
  suffix within ``max_bytes`` too, shortening the name to make room.

:func:`note_path` gives the vault-relative path of a new note, adding `` (2)``, `` (3)``, ...
when the folder already holds that name (compared ignoring case and Unicode normalisation, as
macOS and Windows do), and refuses a folder that resolves outside the vault.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from infoview.model.errors import ConfigError, WriteError
from infoview.model.names import name_key
from infoview.vault.layout import is_conflict_copy

__all__ = ["FORBIDDEN", "RESERVED_NAMES", "note_path", "safe_note_name"]

FORBIDDEN = '/\\:*?"<>|#^[]'
"""Characters never kept in a note name."""

RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
"""Windows device names (compared in upper case), reserved alone and before any extension."""

UNTITLED = "Untitled"
MIN_BYTES = 16
"""The smallest ``max_bytes`` accepted (room for ``Untitled`` and a `` (NNNNN)`` suffix)."""
MAX_COPIES = 10_000
"""How many `` (N)`` suffixes :func:`note_path` tries before giving up."""

_FORBIDDEN_RUN = re.compile(r'[/\\:*?"<>|#^\[\]]+')
_SPACES = re.compile(r" {2,}")
_ZWJ, _ZWNJ = "\u200d", "\u200c"
_STRIP = " ." + _ZWJ + _ZWNJ
_SYNC_CONFLICT = re.compile(r"\.(?=sync-conflict-)", re.I)
_CONFLICTED_COPY = re.compile(r"(conflicted) (copy)", re.I)


# --- names -------------------------------------------------------------------------------------


def safe_note_name(name: str, *, max_bytes: int = 200) -> str:
    """``name`` as a file stem (without ``.md``) that is safe everywhere; see the module
    docstring for the rules. The result is NFC, non-empty and at most ``max_bytes`` UTF-8
    bytes. Raises :class:`ValueError` if ``max_bytes`` is below :data:`MIN_BYTES`."""
    if max_bytes < MIN_BYTES:
        raise ValueError(f"max_bytes must be at least {MIN_BYTES}, not {max_bytes}")
    stem = _clean(name)
    for _ in range(8):
        stem = _tidy(stem)
        if len(stem.encode("utf-8")) <= max_bytes:
            return stem
        stem = _cut(stem, max_bytes)
    raise AssertionError(f"safe_note_name did not converge for {name!r}")  # pragma: no cover


def _clean(name: str) -> str:
    """Character-level rules: NFC, forbidden and control characters, invisible ones."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", name):
        category = unicodedata.category(ch)
        if ch in FORBIDDEN or category in ("Cc", "Zl", "Zp") or ch.isspace():
            out.append(" ")
        elif (category == "Cf" and ch not in (_ZWJ, _ZWNJ)) or category == "Cs" \
                or _is_noncharacter(ch):
            continue
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _is_noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _tidy(stem: str) -> str:
    """Name-level rules: spaces, leading and trailing dots, ``.md``, conflict-copy names,
    ``Untitled``, Windows device names. Idempotent."""
    while True:
        before = stem
        stem = _SPACES.sub(" ", stem).strip(_STRIP)
        if stem[-3:].lower() == ".md":
            stem = stem[:-3]
        if is_conflict_copy(stem + ".md"):
            stem = _CONFLICTED_COPY.sub(r"\1-\2", _SYNC_CONFLICT.sub(" ", stem))
        if stem == before:
            break
    if not stem:
        return UNTITLED
    base = stem.split(".", 1)[0].rstrip(" ")
    if base.upper() in RESERVED_NAMES:
        stem = base + "_" + stem[len(base):]
    return stem


def _cut(stem: str, limit: int) -> str:
    """The longest prefix of ``stem`` within ``limit`` UTF-8 bytes that ends between two
    user-perceived characters (a hard cut between code points if there is none)."""
    fits = len(stem.encode("utf-8")[:limit].decode("utf-8", "ignore"))
    end = fits
    while end > 0 and _inside_cluster(stem, end):
        end -= 1
    return stem[:end] if end > 0 else stem[:fits]


def _inside_cluster(text: str, end: int) -> bool:
    """Would cutting ``text`` before index ``end`` split a character from what joins it?"""
    if end >= len(text):
        return False
    nxt, prev = text[end], text[end - 1]
    if unicodedata.category(nxt).startswith("M") or nxt in (_ZWJ, _ZWNJ) or prev == _ZWJ:
        return True
    if 0x1F3FB <= ord(nxt) <= 0x1F3FF:  # emoji skin-tone modifier
        return True
    if _is_regional_indicator(nxt) and _is_regional_indicator(prev):
        start = end
        while start > 0 and _is_regional_indicator(text[start - 1]):
            start -= 1
        return (end - start) % 2 == 1  # flags are pairs counted from the run's start
    return False


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


# --- paths -------------------------------------------------------------------------------------


def note_path(vault: Path, folder: str, name: str, *,
              exists: Callable[[str], bool] | None = None, max_bytes: int = 200) -> str:
    """The vault-relative POSIX path ``folder/<safe name>.md`` for a new note named ``name``.

    ``folder`` is a configured folder: relative, ``/``-separated, no ``..``, ``.``, hidden
    (``.x``) or empty part, no backslash, colon or control character (else
    :class:`~infoview.model.errors.ConfigError`); ``""`` is the vault's root. The name is taken if
    the folder holds an entry with the same :func:`~infoview.model.names.name_key`
    (``Jane Doe.md``, ``jane doe.md``, an NFD spelling), or if ``exists(path)`` is true for the
    candidate vault-relative path (for names planned but not yet written, e.g. in a dry run;
    compare them with :func:`~infoview.model.names.name_key`).
    Then `` (2)``, `` (3)``, ... is added, within ``max_bytes``.

    Raises :class:`~infoview.model.errors.WriteError` if the folder, once symlinks are resolved
    (in the vault's path too), is not inside the vault, is not a folder, cannot be listed, or
    holds :data:`MAX_COPIES` notes of that name.
    """
    parts = _folder_parts(folder)
    stem = safe_note_name(name, max_bytes=max_bytes)
    real_vault = os.path.realpath(vault)
    real_folder = os.path.realpath(os.path.join(vault, *parts))
    shown = folder.strip("/") or "the vault's root folder"
    if not _within(real_vault, real_folder):
        raise WriteError(f"{shown} leads outside the vault (to {real_folder}) through a "
                            "symbolic link; infoview writes notes only inside the vault")
    try:
        taken = _entry_keys(real_folder)
    except FileNotFoundError:
        taken = set()
    except NotADirectoryError:
        raise WriteError(f"{shown} is a file, not a folder") from None
    except OSError as error:
        raise WriteError(f"cannot list {shown}: {error.strerror or error}") from None
    for number in range(1, MAX_COPIES + 1):
        candidate = stem if number == 1 else _numbered(stem, number, max_bytes)
        file_name = candidate + ".md"
        rel = "/".join((*parts, file_name))
        if name_key(file_name) in taken or (exists is not None and exists(rel)):
            continue
        final = os.path.realpath(os.path.join(real_folder, file_name))
        if os.path.dirname(final) != real_folder or not _within(real_vault, final):
            raise WriteError(f"{rel} would resolve outside the vault")  # pragma: no cover
        return rel
    raise WriteError(f"{shown} already holds {MAX_COPIES} notes named {stem!r}")


def existing_note(vault: Path, folder: str, name: str) -> str | None:
    """The vault-relative path of the entry in ``folder`` that a new note named ``name`` would
    be taken by (the same :func:`~infoview.model.names.name_key` as its safe file name), else
    ``None``."""
    parts = _folder_parts(folder)
    key = name_key(safe_note_name(name) + ".md")
    try:
        entries = sorted(os.listdir(os.path.join(vault, *parts)))
    except OSError:
        return None
    return next(("/".join((*parts, e)) for e in entries if _entry_key(e) == key), None)


_LISTINGS: dict[str, tuple[int, set[str]]] | None = None
"""Inside :func:`listings_kept`: folder (real path) -> (its mtime when listed, the
:func:`~infoview.model.names.name_key` of each entry)."""


@contextlib.contextmanager
def listings_kept() -> Iterator[None]:
    """Creating many notes (an import): list each folder once, not once per note. Inside, a
    folder's listing is kept while its mtime does not move, and the notes infoview creates are
    added to it (:func:`note_created`). Another program making a note whose name differs only
    in case from the next one infoview makes, in the same folder and the same clock tick, is
    not seen (a note of the very same name always is: creating never replaces a file)."""
    global _LISTINGS
    if _LISTINGS is not None:
        yield
        return
    _LISTINGS = {}
    try:
        yield
    finally:
        _LISTINGS = None


def _entry_keys(real_folder: str) -> set[str]:
    """The keys of the entries of ``real_folder`` (kept inside :func:`listings_kept`)."""
    if _LISTINGS is None:
        return set(map(_entry_key, os.listdir(real_folder)))
    mtime = os.stat(real_folder).st_mtime_ns
    cached = _LISTINGS.get(real_folder)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    keys = set(map(_entry_key, os.listdir(real_folder)))
    _LISTINGS[real_folder] = (mtime, keys)
    return keys


def note_created(vault: Path, path: str) -> None:
    """Infoview just made the note ``path``: add it to its folder's kept listing, if any."""
    if _LISTINGS is None:
        return
    target = os.path.realpath(os.path.join(vault, path))
    folder = os.path.dirname(target)
    cached = _LISTINGS.get(folder)
    if cached is None:
        return
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        _LISTINGS.pop(folder, None)
        return
    cached[1].add(_entry_key(os.path.basename(target)))
    _LISTINGS[folder] = (mtime, cached[1])


@functools.lru_cache(maxsize=1 << 16)
def _entry_key(entry: str) -> str:
    """:func:`~infoview.model.names.name_key` of a folder entry (cached: the same folders are
    listed again and again)."""
    return name_key(entry)


def _numbered(stem: str, number: int, max_bytes: int) -> str:
    """``stem (number)``, the stem shortened if needed so that the whole fits ``max_bytes``."""
    suffix = f" ({number})"
    base = _cut(stem, max_bytes - len(suffix)).rstrip(_STRIP)
    return (base or UNTITLED) + suffix


def _folder_parts(folder: str) -> list[str]:
    """``folder`` checked and split (see :func:`note_path`)."""
    trimmed = folder[:-1] if folder.endswith("/") else folder
    if not trimmed:
        return []
    problem = ""
    if trimmed.startswith("/") or os.path.isabs(trimmed):
        problem = "is not relative to the vault"
    elif "\\" in trimmed or ":" in trimmed:
        problem = "must use / between folders and hold no \\ or :"
    elif any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in trimmed):
        problem = "holds a control character"
    parts = trimmed.split("/")
    if not problem and any(part == "" for part in parts):
        problem = "has an empty part (//)"
    if not problem and any(part.startswith(".") for part in parts):
        problem = "has a hidden part, . or .. (a part starting with a dot)"
    if problem:
        raise ConfigError(f"folder {folder!r} {problem}")
    return parts


def _within(root: str, path: str) -> bool:
    root, path = os.path.normcase(root), os.path.normcase(path)
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:  # different drives on Windows
        return False


# --- templates ---------------------------------------------------------------------------------
