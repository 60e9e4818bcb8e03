"""Reading one file into the rows the index stores. Runs in worker processes during a big sync,
so it takes and returns plain, picklable values."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from dataclasses import dataclass
from typing import Any

from infoview.config.settings import Config
from infoview.index.codec import note_to_json
from infoview.model.names import name_key
from infoview.model.values import LINK_FIELDS, as_list, as_text
from infoview.model.wikilinks import has_wikilink
from infoview.parse.note import parse_note
from infoview.vault.types import canonical_props, classify


@dataclass(slots=True)
class NoteRows:
    """Everything the index stores about one note."""

    path: str
    name: str
    type: str | None
    mtime_ns: int
    size: int
    hash: str
    read_ns: int
    frontmatter_ok: bool
    props: str
    data: str
    body: str
    properties: str
    """The property values as text, for full-text search."""
    names: list[tuple[str, str]]
    """``(key, kind)`` pairs."""
    links: list[tuple[int, str, str, bool]]
    """``(line, field, target, explicit)`` per link, unresolved."""
    problems: list[tuple[int | None, str, str]]
    """``(line, kind, message)``."""


MAX_FILE_BYTES = 16_000_000
"""Of a larger file only this much is read (its frontmatter and the start of its text)."""


def read_note(vault: str, config: Config, path: str) -> NoteRows | None:
    """Read, hash and parse ``vault/path``; ``None`` if the file vanished meanwhile (or is no
    longer a regular file)."""
    try:
        fd = os.open(os.path.join(vault, path), _READ_FLAGS)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as error:
        return _unreadable(path, error)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None  # replaced by a folder, a pipe... since the walk: not a note now
        read_ns = time.time_ns()
        data = _read_all(fd, min(st.st_size, MAX_FILE_BYTES))
        digest = hashlib.sha256(data)
        if len(data) > MAX_FILE_BYTES:
            while chunk := os.read(fd, 1 << 20):
                digest.update(chunk)
    except OSError as error:
        return _unreadable(path, error)
    finally:
        os.close(fd)
    if len(data) <= MAX_FILE_BYTES:
        return rows_for(path, data, config, st.st_mtime_ns, st.st_size, read_ns,
                        digest.hexdigest())
    cut = MAX_FILE_BYTES
    while cut > MAX_FILE_BYTES - 4 and data[cut] & 0xC0 == 0x80:
        cut -= 1  # never split a UTF-8 character
    rows = rows_for(path, data[:cut], config, st.st_mtime_ns, st.st_size, read_ns)
    rows.hash = digest.hexdigest()
    rows.problems.append((None, "warning", f"is {st.st_size // 1_000_000} MB: only its first "
                          f"{MAX_FILE_BYTES // 1_000_000} MB are indexed"))
    return rows


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
"""Non-blocking: opening a named pipe put where a note was must not hang the sync."""


def _read_all(fd: int, size: int) -> bytes:
    """The bytes of the file ``fd`` (``size`` when it was looked at), at most the cap plus one:
    one plain ``os.read`` unless it grew meanwhile (no buffered file object to set up)."""
    data = os.read(fd, size + 1)
    if len(data) <= size:
        return data  # a short read of a regular file is its end
    limit = MAX_FILE_BYTES + 1
    parts, got = [data], len(data)
    while got < limit and (more := os.read(fd, min(1 << 20, limit - got))):
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def rows_for(path: str, data: bytes, config: Config, mtime_ns: int, size: int,
             read_ns: int, digest: str | None = None) -> NoteRows:
    """The index rows of a note whose bytes are ``data`` (``digest``: their sha256, if known)."""
    note = parse_note(path, data, config.text_keys)
    props = canonical_props(note.frontmatter, config.field_aliases)
    note_type = classify(note, props, config)
    name = as_text(props.get("name")).strip() or note.stem
    names = {(name_key(name), "name"), (name_key(note.stem), "stem"),
             (name_key(path.removesuffix(".md")), "path")}
    for alias in as_list(props.get("aliases")):
        names.add((name_key(as_text(alias)), "alias"))
    for email in as_list(props.get("email")):
        names.add((name_key(str(email)), "email"))
    canonical = config.canonical_keys
    links = [(k.line, canonical.get(k.source, k.source), k.target, True) for k in note.links]
    links.extend(_plain_field_links(props, note.key_lines, config.field_aliases))
    return NoteRows(
        path=path, name=name, type=note_type, mtime_ns=mtime_ns, size=size,
        hash=digest or hashlib.sha256(data).hexdigest(), read_ns=read_ns,
        frontmatter_ok=note.frontmatter_ok,
        props=json.dumps(props, ensure_ascii=False, separators=(",", ":")),
        data=note_to_json(note), body=note.body,
        properties="\n".join(as_text(v) for v in note.frontmatter.values()),
        names=sorted(n for n in names if n[0]),
        links=links, problems=[(p.line, p.kind, p.message) for p in note.problems],
    )


def _plain_field_links(props: dict[str, Any], key_lines: dict[str, int],
                       aliases: dict[str, list[str]]) -> list[tuple[int, str, str, bool]]:
    """Plain names in link-type fields (``company: Acme``) resolve like links."""
    out: list[tuple[int, str, str, bool]] = []
    for key in sorted(LINK_FIELDS.intersection(props)):
        written_as = next((k for k in [key, *aliases.get(key, [])] if k in key_lines), key)
        for value in as_list(props.get(key)):
            if isinstance(value, str) and value.strip() and not has_wikilink(value):
                out.append((key_lines.get(written_as, 1), key, value.strip(), False))
    return out


def _unreadable(path: str, error: OSError) -> NoteRows:
    message = f"cannot be read ({error.strerror or error}); check its permissions"
    return NoteRows(path=path, name=path.rsplit("/", 1)[-1][:-3], type=None, mtime_ns=0, size=-1,
                    hash="", read_ns=0, frontmatter_ok=False, props="{}",
                    data=note_to_json(_empty(path)), body="", properties="", names=[], links=[],
                    problems=[(None, "error", message)])


def _empty(path: str) -> Any:
    from infoview.model.note import Note

    return Note(path=path, frontmatter_ok=False)
