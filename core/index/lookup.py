"""Finding the note a person names on the command line (``show``, ``prep``, ``draft``, ``new
interview``, ``referrals``...), with one-line errors that help: a did-you-mean when a name is
close, the candidates when it is ambiguous.

The order: an exact name, file stem, alias, email or vault path; else a unique note whose name
contains the words given (``infoview show Okafor``); else nothing, with the closest names.
"""

from __future__ import annotations

import difflib

from infoview.index.store import Index, IndexedNote
from infoview.model.errors import NotFoundError
from infoview.model.names import name_key

_WHAT = {"contact": "contact", "company": "company", "interview": "interview", None: "note"}
_LIST = {"contact": "infoview list", "company": "infoview list companies",
         "interview": "infoview list interviews", None: "infoview search"}


def find_note(index: Index, name: str, note_type: str | None = "contact", *,
              any_type: bool = False) -> IndexedNote:
    """The note of ``note_type`` that ``name`` names (any type when ``None``; with ``any_type``,
    a note of another type when no ``note_type`` note matches). Raises
    :class:`~infoview.model.errors.NotFoundError` naming close names or the candidates."""
    paths = index.find(name, note_type)
    if not paths and any_type and note_type is not None:
        paths = index.find(name)
    if not paths:
        paths = _containing(index, name, note_type)
    if len(paths) > 1:
        shown = ", ".join(f"{_name(index, p)} ({p})" for p in paths[:6])
        more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
        raise NotFoundError(f"{name!r} could be {shown}{more}; give more of the name, or the "
                            "path")
    if not paths:
        raise NotFoundError(_not_found(index, name, note_type))
    note = index.note(paths[0])
    if note is None:  # pragma: no cover - the index changed under us
        raise NotFoundError(f"{paths[0]} is no longer indexed; run `infoview sync`")
    return note


def close_names(index: Index, name: str, note_type: str | None = "contact",
                limit: int = 3) -> list[str]:
    """Names of ``note_type`` notes spelled close to ``name`` (best first)."""
    names = _names(index, note_type)
    by_key: dict[str, str] = {}
    for shown in names:
        by_key.setdefault(name_key(shown), shown)
    found = difflib.get_close_matches(name_key(name), list(by_key), n=limit, cutoff=0.6)
    if not found:  # one word of a longer name, misspelt: "Okafr"
        words = {w: key for key in by_key for w in key.split() if len(w) > 2}
        found = [words[w] for w in difflib.get_close_matches(name_key(name), list(words),
                                                             n=limit, cutoff=0.75)]
    return list(dict.fromkeys(by_key[key] for key in found))


def _containing(index: Index, name: str, note_type: str | None) -> list[str]:
    words = name_key(name).split()
    if not words:
        return []
    types = [note_type] if note_type is not None else ["contact", "company", "interview"]
    found = []
    for kind in types:
        for note in index.properties(kind, []):
            key = name_key(note.name)
            if all(word in key for word in words):
                found.append(note.path)
    return found


def _names(index: Index, note_type: str | None) -> list[str]:
    types = [note_type] if note_type is not None else ["contact", "company", "interview"]
    return [n.name for kind in types for n in index.properties(kind, [])]


def _name(index: Index, path: str) -> str:
    note = index.note(path)
    return note.name if note is not None else path


def _not_found(index: Index, name: str, note_type: str | None) -> str:
    what = _WHAT.get(note_type, "note")
    close = close_names(index, name, note_type)
    if close:
        return (f"no {what} called {name!r}; did you mean "
                f"{' or '.join(repr(c) for c in close)}?")
    return f"no {what} called {name!r}; `{_LIST.get(note_type, 'infoview search')}` shows them"
