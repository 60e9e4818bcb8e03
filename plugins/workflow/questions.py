"""Suggested questions for a conversation, from the vault's question bank
(``Templates/Questions.md``, which ``infoview init`` puts there for the user to edit).

The bank is a note whose ``##`` headings say when their list items fit: ``First conversation``,
``Follow-up conversation``, ``Company researched``, ``Company unknown``, ``Role: word, word``
(the person's role holds one of the words), ``Introduced`` (someone connects you), ``Closing``
(always, last). Any other heading is a topic of your own: its questions fill up to the five.
``{name}``, ``{first_name}``, ``{role}``, ``{company}``, ``{introducer}`` are filled in; a
question with a blank nothing fills is left out.

The pick is deterministic: up to two open questions from the company note's research (list
items under a heading with "question" in it), up to three for the situation, up to two for the
role, one or two about the company, one about the introducer on a first talk, then the closing
question: five to eight in all, none the person was asked already.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib.resources import files

from infoview.api import Session, first_name, name_key, parse_note
from infoview.plugins.workflow.facts import Conversation, Facts, clean_text

BANK = "Questions.md"
MIN_QUESTIONS, MAX_QUESTIONS = 5, 8
_BLANK_RE = re.compile(r"\{(name|first_name|role|company|introducer)\}")
_ROLE_RE = re.compile(r"^role\s*:\s*(.+)$", re.I)
_KNOWN = ("first conversation", "follow-up conversation", "company researched",
          "company unknown", "introduced", "closing")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested question and the bank section (or note) it came from."""

    text: str
    source: str


@dataclass(slots=True)
class Bank:
    """The question bank: section heading → its questions, in the file's order."""

    sections: dict[str, list[str]]
    path: str
    """Where it was read from (``Templates/Questions.md``, or infoview's own copy)."""

    def get(self, heading: str) -> list[str]:
        return self.sections.get(heading.casefold(), [])

    def roles(self) -> list[tuple[list[str], str]]:
        """``([word, ...], heading)`` of each ``Role:`` section."""
        found = []
        for heading in self.sections:
            match = _ROLE_RE.match(heading)
            if match:
                words = [" ".join(w.casefold().split()) for w in match[1].split(",")
                         if w.strip()]
                found.append((words, heading))
        return found

    def topics(self) -> list[str]:
        """Headings of the user's own sections."""
        return [h for h in self.sections if h not in _KNOWN and not _ROLE_RE.match(h)]


def read_bank(session: Session) -> Bank:
    """The vault's question bank, else the one infoview ships (with a warning that says how
    to get an editable copy)."""
    rel = f"{session.config.folder('templates')}/{BANK}"
    try:
        data = (session.vault / rel).read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        session.warn(f"no question bank at {rel}: using infoview's own (`infoview init` adds "
                     "a copy you can edit)")
        data = files("infoview.vault_template").joinpath("Templates", BANK).read_bytes()
        rel = f"infoview's {BANK}"
    return parse_bank(data, rel)


def parse_bank(data: bytes, path: str) -> Bank:
    note = parse_note(path, data)
    sections: dict[str, list[str]] = {}
    for heading in note.headings:
        if heading.level != 2:
            continue
        key = " ".join(heading.text.split()).casefold()
        items = [clean_text(i.text) for i in note.section_items(heading.text)
                 if i.depth == 0 and clean_text(i.text)]
        sections.setdefault(key, []).extend(" ".join(i.split()) for i in items)
    return Bank(sections, path)


def suggest(facts: Facts, bank: Bank, asked: set[str]) -> list[Suggestion]:
    """Five to eight questions for the next conversation with the person of ``facts``
    (``asked``: question texts already asked or written down, compared loosely)."""
    values = {
        "name": facts.name, "first_name": first_name(facts.name), "role": facts.role,
        "company": facts.company, "introducer": facts.introducer.name
        if facts.introducer is not None else "",
    }
    taken = [_key(q) for q in asked]
    picked: list[Suggestion] = []

    def take(questions: list[str], source: str, limit: int) -> None:
        for question in questions:
            if limit <= 0 or len(picked) >= MAX_QUESTIONS - 1:
                return
            text = _fill(question, values)
            if text is None or _known(text, taken):
                continue
            taken.append(_key(text))
            picked.append(Suggestion(text, source))
            limit -= 1

    first_talk = not facts.held
    researched = facts.company_note is not None and bool(_research(facts))
    take(_open_questions(facts), facts.company_note.path if facts.company_note else "", 2)
    situation = "first conversation" if first_talk else "follow-up conversation"
    take(bank.get(situation), situation, 3)
    matched = _role_sections(bank, facts.role)
    for heading in matched:
        take(bank.get(heading), heading, 2 if heading == matched[0] else 1)
    if facts.company:
        company = "company researched" if researched else "company unknown"
        take(bank.get(company), company, 1 if matched else 2)
    if first_talk and facts.introducer is not None:
        take(bank.get("introduced"), "introduced", 1)
    for heading in (situation, *bank.topics(), "first conversation"):
        if len(picked) >= MIN_QUESTIONS - 1:
            break
        take(bank.get(heading), heading, MIN_QUESTIONS - 1 - len(picked))
    closing = bank.get("closing")
    before = len(picked)
    for question in closing:
        text = _fill(question, values)
        if text is not None and not _known(text, taken):
            picked.append(Suggestion(text, "closing"))
            break
    if len(picked) == before and closing:  # asked before: still the question that matters
        text = _fill(closing[0], values)
        if text is not None:
            picked.append(Suggestion(text, "closing"))
    return picked


def _role_sections(bank: Bank, role: str) -> list[str]:
    """The ``Role:`` sections whose words or phrases the role holds (whole words), the one
    matched earliest in the role first: in "Product Manager" it is product, in "Director of
    Engineering" the director."""
    role = " ".join(role.casefold().split())
    found: list[tuple[int, str]] = []
    for words, heading in bank.roles():
        places = [m.start() for w in words
                  for m in [re.search(rf"(?<!\w){re.escape(w)}(?!\w)", role)] if m]
        if places:
            found.append((min(places), heading))
    return [heading for _, heading in sorted(found, key=lambda f: f[0])]


def asked_before(conversations: list[Conversation]) -> set[str]:
    """Every question under ``## Questions`` in these conversations."""
    return {q for c in conversations for q in c.items("Questions")}


def same_question(text: str, questions: list[str]) -> bool:
    """Whether ``text`` is one of ``questions``, or close to one (see :func:`_known`)."""
    return _known(text, [_key(q) for q in questions])


def _known(text: str, keys: list[str]) -> bool:
    """Whether ``text`` asks what one of ``keys`` (:func:`_key` forms) asks: the same words, or
    mostly the same words in the same order (a reworded copy)."""
    key = _key(text)
    words = key.split()
    for other in keys:
        if key == other:
            return True
        matcher = difflib.SequenceMatcher(None, words, other.split(), autojunk=False)
        if matcher.ratio() >= 0.7:
            return True
    return False


def _research(facts: Facts) -> str:
    note = facts.company_note
    return clean_text(note.note.body) if note is not None else ""


def _open_questions(facts: Facts) -> list[str]:
    """List items under a heading with "question" in it, in the company note."""
    note = facts.company_note
    if note is None:
        return []
    parsed = note.note
    headings = [h.text for h in parsed.headings if "question" in h.text.casefold()]
    return [clean_text(i.text) for h in headings for i in parsed.section_items(h)
            if clean_text(i.text)]


def _fill(question: str, values: dict[str, str]) -> str | None:
    missing = False

    def put(match: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(match[1], "").strip()
        missing = missing or not value
        return value

    text = _BLANK_RE.sub(put, question)
    return None if missing else " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", name_key(text)))
