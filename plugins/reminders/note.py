"""``Infoview/Reminders.md``: the open reminders as Obsidian Tasks lines, rewritten on each sync.

Each line is ``- [ ] <sentence> 📅 YYYY-MM-DD ^iv-xxxxxx`` (Tasks' emoji format: description,
due date, block id), grouped Overdue / This week / Later. Ticking a box (``- [x]``) and syncing
closes that reminder: the property that closes it is written to the source note.

What it promises (issue 13):

- Every line is one line: a sentence is made one line whatever a kind put in it, and the
  built-in kinds write names and values inert (:mod:`infoview.write.generated`).
- A tick counts only on a line infoview wrote: its id and text are those of a line of the last
  note infoview wrote (kept outside the vault, :attr:`Session.state`), or of the line it would
  write now. A line someone else made up (``- [x] ... ^iv-4701d5``) closes nothing.
- Nothing ticked is lost: the lines of a kind that failed this time (it raised, or its plugin
  failed to load) are kept as they are, and the ticked lines of a kind no longer loaded
  (its plugin disabled or uninstalled) too, with a warning, until it is back.
- The note is rewritten only when infoview wrote it
(:class:`infoview.write.generated.GeneratedNote`).
- It is written only when its text changes. Whether anything it depends on changed is known
  without computing the reminders: the index generation, today, and the kinds with their
  plugins' versions and code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from types import CodeType

from infoview.api import (
    GeneratedNote,
    Reminder,
    Session,
    collect_reminders,
    digest,
    header,
    one_line,
    shift,
)

NAME = "Reminders.md"
HEADER = header("tick a box to mark a reminder done; other edits here are replaced.")
_INPUTS = "reminders.note_inputs"
"""Index meta key: what the built-in reminders are made of (see ``_inputs``), and the note."""
_STATE = "reminders.note_state"
"""Index meta key: what Reminders.md was last written from (index generation, today, kinds)."""
_WRITTEN = "reminders.note_written:"
"""Vault state key (+ the note's path): the lines infoview last wrote, by id, with their kind
and due date (JSON)."""
_CLOSED = "reminders.closed"
"""Session cache key: the ids :func:`close_ticked` closed, until the index is next refreshed."""
_LINE_RE = re.compile(r"^\s*[-*+] \[(.)\] (.*?) 📅 (\d{4}-\d{2}-\d{2}) \^(iv-[0-9a-f]+)\s*$")


@dataclass(slots=True)
class Written:
    """A line infoview wrote: its text (the box left out), kind and due date."""

    text: str
    kind: str
    due: str


@dataclass(slots=True)
class NoteLines:
    """The task lines of Reminders.md as it is now, by id: ``(ticked, line, due)`` each (an
    id may be on several lines: one infoview wrote, one someone copied or made up)."""

    by_id: dict[str, list[tuple[bool, str, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, data: bytes | None) -> NoteLines:
        found = cls()
        if data is None:
            return found
        for text in data.decode("utf-8", "replace").splitlines():
            match = _LINE_RE.match(text)
            if match is not None:
                found.by_id.setdefault(match[4], []).append(
                    (match[1] in "xX", text.strip(), match[3]))
        return found

    def ticked(self) -> set[str]:
        return {rid for rid, lines in self.by_id.items() if any(box for box, _, _ in lines)}

    def ticked_lines(self, rid: str) -> list[str]:
        return [_unboxed(text) for box, text, _ in self.by_id.get(rid, []) if box]


def note_path(session: Session) -> str:
    return f"{session.config.folder('generated')}/{NAME}"


def line(reminder: Reminder, ticked: bool = False) -> str:
    """The task line of ``reminder``: one line, whatever its sentence holds."""
    return (f"- [{'x' if ticked else ' '}] {one_line(reminder.sentence)} 📅 "
            f"{reminder.due.isoformat()} ^{reminder.id}")


def _unboxed(text: str) -> str:
    """A task line without its box state, for comparing what was written with what is there."""
    return re.sub(r"^\s*([-*+]) \[.\] ", r"\1 [ ] ", text.strip())


def render(reminders: list[Reminder], today: dt.date, ticked: frozenset[str] = frozenset(),
           kept: dict[str, tuple[str, str]] | None = None) -> str:
    """The text of ``Reminders.md``. ``ticked``: ids still ticked, their closing not written
    yet, to be tried again at the next sync; ``kept``: id → ``(due, line)`` of lines kept as
    they are (a kind that failed or is not loaded)."""
    week_end = shift(today, 7)  # the same 7 days as `infoview due`
    groups: dict[str, list[tuple[str, str, str]]] = {"Overdue": [], "This week": [],
                                                     "Later": []}

    def place(due: dt.date, key: str, text: str) -> None:
        group = "Overdue" if due < today else "This week" if due <= week_end else "Later"
        groups[group].append((due.isoformat(), key, text))

    for reminder in reminders:
        place(reminder.due, f"{reminder.kind}\0{reminder.note}\0{reminder.id}",
              line(reminder, reminder.id in ticked))
    for rid, (due, text) in (kept or {}).items():
        place(dt.date.fromisoformat(due), f"\0{rid}", text)
    lines = [HEADER, "", "# Reminders", ""]
    if not any(groups.values()):
        lines += ["Nothing due.", ""]
    for title, items in groups.items():
        if not items:
            continue
        lines += [f"## {title}", ""]
        lines += [text for _, _, text in sorted(items)]
        lines.append("")
    return "\n".join(lines)


def close(session: Session, reminder: Reminder) -> bool:
    """Write the property that closes ``reminder`` (through the safe write path)."""
    from infoview.api import set_fields

    closing = reminder.closing
    note = session.index.note(closing.path)
    change = functools.partial(set_fields, values={closing.field: closing.value})
    return session.writer.edit(closing.path, change, reason=f"close {reminder.id}",
                               expected_hash=note.hash if note is not None else None)


def close_ticked(session: Session) -> None:
    """Close the reminders ticked in ``Reminders.md``: write the property that closes each
    (through the safe write path). Part of the sync's plugin phase, after the other plugins
    acted; the sync then indexes the notes written, and :func:`update_reminders_note` lists
    what is open now (a closing may change other reminders: a sent thank-you is an
    interaction, so the person's keep-in-touch moves on), so the next sync has nothing left
    to rewrite."""
    note = GeneratedNote.open(session, NAME, report=False)
    if note is None or note.before is None:
        return
    path, before = note.path, note.before
    now = NoteLines.read(before)
    ticked = now.ticked()
    if not ticked:
        return
    kinds = _kinds_key(session)
    if not _load_failed(session) and \
            session.index.meta(_STATE) == _state(session, path, kinds) + digest(before):
        return  # ticks infoview kept (their closing failed), and nothing changed since
    written = _written(session, path)
    reminders, _failed = collect_reminders(session)
    closed = {r.id for r in reminders
              if r.id in ticked and _wrote(r, now, written) and close(session, r)}
    if closed:
        session.cache[_CLOSED] = closed


def update_reminders_note(session: Session) -> None:
    """Write ``Reminders.md`` anew (if it changed): the open reminders, the ticks whose closing
    could not be written kept ticked."""
    note = GeneratedNote.open(session, NAME)
    if note is None:
        return  # the name and the one beside it are the user's files: reported, left alone
    path, before = note.path, note.before
    kinds = _kinds_key(session)
    cacheable = not _load_failed(session)
    state = _state(session, path, kinds)
    if cacheable and before is not None and session.index.meta(_STATE) == state + digest(before):
        return  # nothing it depends on changed since it was written: nothing to do
    now = NoteLines.read(before)
    ticked = now.ticked()
    inputs = _inputs(session, kinds) if cacheable else ""
    if before is not None and inputs and not ticked and \
            session.index.meta(_INPUTS) == inputs + digest(before):
        # The index changed, but not in anything a reminder is made of (e.g. a note's text).
        session.index.set_meta(_STATE, state + digest(before))
        return
    written = _written(session, path)
    reminders, failed = collect_reminders(session)
    # Closed in this sync and not indexed yet (a dry run indexes nothing): left out all the same.
    closed: set[str] = session.cache.get(_CLOSED, set())
    counted = {r.id for r in reminders if r.id in ticked and _wrote(r, now, written)}
    kept = _kept(session, path, now, written, failed)
    still_open = [r for r in reminders if r.id not in closed and r.id not in kept]
    text = render(still_open, session.today, frozenset(counted - closed), kept)
    if not note.write(session, text, reason="reminders") or session.dry_run:
        return
    data = text.encode("utf-8")
    session.state.set(_WRITTEN + path, json.dumps({
        **{rid: [_unboxed(kept_line), written[rid].kind if rid in written else "", due]
           for rid, (due, kept_line) in kept.items()},
        **{r.id: [_unboxed(line(r)), r.kind, r.due.isoformat()] for r in still_open}}))
    if failed or not cacheable:
        return  # a kind failed: try it again next time
    session.index.set_meta(_STATE, state + digest(data))
    if inputs:
        session.index.set_meta(_INPUTS, inputs + digest(data))


def _state(session: Session, path: str, kinds: str) -> str:
    """What the note is written from: its path, the index generation, today, the kinds."""
    return f"{path}|{session.index.generation}|{session.today.isoformat()}|{kinds}|"


def _wrote(reminder: Reminder, now: NoteLines, written: dict[str, Written]) -> bool:
    """Is a ticked line of ``reminder`` one infoview wrote (same id, same text)?"""
    wrote = {_unboxed(line(reminder))}
    if reminder.id in written:
        wrote.add(written[reminder.id].text)
    return any(text in wrote for text in now.ticked_lines(reminder.id))


def _kept(session: Session, path: str, now: NoteLines, written: dict[str, Written],
          failed: set[str]) -> dict[str, tuple[str, str]]:
    """Lines kept as they are: every line of a kind that failed this time, and the ticked
    lines of a kind no longer registered (all of them while a plugin failed to load)."""
    registered = set(session.plugins.reminder_kinds())
    load_failed = _load_failed(session)
    kept: dict[str, tuple[str, str]] = {}
    absent: dict[str, int] = {}
    for rid, was in written.items():
        mine = [(box, text, due) for box, text, due in now.by_id.get(rid, ())
                if _unboxed(text) == was.text]
        if not mine:
            continue  # the user deleted (or changed) the line
        box, text, due = mine[0]
        if was.kind in failed or (was.kind not in registered and (load_failed or box)):
            kept[rid] = (due, text)
            if was.kind not in registered and not load_failed:
                absent[was.kind or "?"] = absent.get(was.kind or "?", 0) + 1
    if absent:
        session.warn(f"{path}: {sum(absent.values())} ticked reminder(s) of "
                     f"{', '.join(sorted(absent))} kept as they are: that kind is not loaded "
                     "now (its plugin is disabled or uninstalled); load it again to close "
                     "them, or delete the lines")
    return kept


def _written(session: Session, path: str) -> dict[str, Written]:
    """The lines infoview last wrote to ``path``, by id (empty if unknown)."""
    raw = session.state.get(_WRITTEN + path)
    if not raw:
        return {}
    try:
        return {rid: Written(*entry) for rid, entry in json.loads(raw).items()}
    except (ValueError, TypeError):
        return {}


def _load_failed(session: Session) -> bool:
    """Did a plugin fail to load (its reminder kinds, if any, are unknown)?"""
    return any(failure.hook is None for failure in session.plugins.failures)


def _kinds_key(session: Session) -> str:
    """The registered kinds and what their text comes from: each one's plugin, its version and
    the code of its ``compute`` (its module file and the function itself), so that a plugin
    upgraded or edited in place rewrites the note."""
    parts = []
    for name, kind in sorted(session.plugins.reminder_kinds().items()):
        owner = session.plugins.owner("register_reminder_kinds", name)
        info = session.plugins.info.get(owner)
        compute = kind.compute
        code = getattr(compute, "__code__", None)
        module = sys.modules.get(getattr(compute, "__module__", "") or "")
        source = getattr(module, "__file__", None) or ""
        try:
            stat = os.stat(source) if source else None
        except OSError:
            stat = None
        parts.append(json.dumps([
            name, owner, info.version if info else None, getattr(compute, "__qualname__", ""),
            _code_digest(code) if code else type(compute).__qualname__,
            source, stat.st_mtime_ns if stat else None, stat.st_size if stat else None]))
    fingerprint = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
    return ",".join(sorted(session.plugins.reminder_kinds())) + "|" + fingerprint


def _code_digest(code: CodeType) -> str:
    """A digest of a function's code that is the same in every process (no memory address, no
    set order): its byte code, the names it uses and its constants, nested code included."""
    def const(value: object) -> str:
        if isinstance(value, CodeType):
            return _code_digest(value)
        if isinstance(value, frozenset):
            return "{" + ",".join(sorted(map(const, value))) + "}"
        if isinstance(value, tuple):
            return "(" + ",".join(map(const, value)) + ")"
        return repr(value)

    text = "|".join([code.co_code.hex(), ",".join(code.co_names),
                     ",".join(map(const, code.co_consts))])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


BUILTIN_KINDS = frozenset({"thank-you", "follow-up", "prep", "keep-in-touch", "outreach",
                           "update-introducer"})


def _inputs(session: Session, kinds: str) -> str:
    """What the built-in kinds' output depends on: the day, the kinds and the index's content
    generation (plain-text edits do not change it); ``""`` when another plugin's kinds are
    registered (they may read anything)."""
    if not set(kinds.split("|", 1)[0].split(",")) <= BUILTIN_KINDS:
        return ""
    return f"{session.today.isoformat()}|{kinds}|{session.index.content_generation}|"
