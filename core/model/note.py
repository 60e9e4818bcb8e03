"""The parsed form of one Markdown file: what the parser returns and the index stores.

Everything here is plain data (JSON-safe values only), so a ``Note`` read back from the index
is the same as one parsed fresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONValue = Any
"""A value made only of ``str``, ``int``, ``float``, ``bool``, ``None``, lists and dicts."""


@dataclass(frozen=True, slots=True)
class NoteChanges:
    """What an index update found changed: vault paths of the notes added, changed (read again)
    and removed. A plugin's ``sync_after_index`` gets it, to look only at those notes."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    everything: bool = False
    """True when every note was read again (``sync --full``, or a damaged or old index made
    anew): look at every note, not only these. (A new index lists every note as added.)"""

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.everything)


@dataclass(slots=True)
class Problem:
    """Something wrong with a note, reported as ``path:line: message``."""

    path: str
    line: int | None
    message: str
    kind: str = "error"
    """``error`` (invalid input), ``warning`` (read, but worth fixing), ``link`` (unresolved or
    ambiguous), ``conflict`` (a sync-conflict copy), ``setup`` (the installation), or a plugin's
    own kind."""

    def __str__(self) -> str:
        """``path:line: message`` on one line: a path with a line break or other control
        character is quoted (:func:`~infoview.model.printable.quoted_name`), the message is made one
        line."""
        from infoview.model.printable import one_line, quoted_name

        path = quoted_name(self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {one_line(self.message)}"


@dataclass(slots=True)
class Link:
    """A wikilink (or a plain name in a link-type frontmatter field)."""

    target: str
    """The note or file named, without ``#heading`` or ``|alias`` (may be empty: a self link)."""
    line: int
    source: str
    """``body``, or the frontmatter key it came from."""
    subpath: str = ""
    alias: str = ""
    embed: bool = False
    explicit: bool = True
    """False for plain text in a link-type field (resolved, but never reported unresolved)."""


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(slots=True)
class ListItem:
    """A list item: its first paragraph's text, the section it is under, and its task state."""

    text: str
    line: int
    section: str
    """Text of the nearest heading above, or ``""``."""
    depth: int = 0
    task: str | None = None
    """``None`` for a plain item, else the character between the brackets (``" "``, ``"x"``...)."""


@dataclass(slots=True)
class InlineField:
    """A Dataview-style ``key:: value`` field in the body."""

    key: str
    value: str
    line: int


@dataclass(slots=True)
class Note:
    """One note of the vault, as parsed from its bytes."""

    path: str
    """Vault-relative POSIX path, e.g. ``Contacts/Jane Doe.md``."""
    frontmatter: dict[str, JSONValue] = field(default_factory=dict)
    """The frontmatter as written (dates as ISO strings, text-like values as their text)."""
    body: str = ""
    body_line: int = 1
    """File line number of the first body line."""
    headings: list[Heading] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    fields: list[InlineField] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)
    """File line of each top-level frontmatter key."""
    frontmatter_ok: bool = True
    """False when frontmatter exists but could not be parsed: such a note is never written."""

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    def section_items(self, heading: str) -> list[ListItem]:
        """List items under the heading named ``heading`` (case-insensitive), its sub-headings
        included: up to the next heading of the same or a higher level."""
        wanted = heading.strip().casefold()
        ranges: list[tuple[int, float]] = []
        open_: list[Heading] = []  # matching headings whose section has not ended yet
        for head in self.headings:  # one pass, so thousands of such headings stay cheap
            while open_ and head.level <= open_[-1].level:
                ranges.append((open_.pop().line, head.line))
            if head.text.strip().casefold() == wanted:
                open_.append(head)
        ranges.extend((head.line, float("inf")) for head in open_)
        ranges.sort()
        found: list[ListItem] = []
        at, end = 0, float("-inf")  # items and sections are both in line order: one sweep
        for item in self.items:
            while at < len(ranges) and ranges[at][0] < item.line:
                end = max(end, ranges[at][1])
                at += 1
            if item.line < end:
                found.append(item)
        return found

    def section_text(self, heading: str) -> str:
        """The body text under the first heading named ``heading`` (case-insensitive), up to the
        next heading of the same or a higher level; ``""`` when there is no such heading."""
        wanted = heading.strip().casefold()
        for i, head in enumerate(self.headings):
            if head.text.strip().casefold() != wanted:
                continue
            end = next((h.line for h in self.headings[i + 1:] if h.level <= head.level), None)
            lines = self.body.split("\n")
            start = head.line - self.body_line + 1
            stop = len(lines) if end is None else end - self.body_line
            return "\n".join(lines[max(start, 0):max(stop, 0)]).strip("\n")
        return ""
