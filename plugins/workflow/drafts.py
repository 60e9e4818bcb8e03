"""Message drafts from the notes, to edit and send yourself: a thank-you the day after a
conversation, a follow-up a couple of months later, and an outreach asking for advice.

Each draft names facts from the notes (the person, the date, what was said, the advice, the
people met since) and nothing else: no filler, nothing invented. A fact the notes do not hold is
left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

from infoview.api import Advice, InfoviewError, command_word, first_name, shift
from infoview.plugins.workflow.facts import Conversation, Facts, Person

KINDS = ("thank-you", "follow-up", "outreach")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“(])")
_LINK_RE = re.compile(r"!?\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
_LEADING_NAME_RE = re.compile(r"\s+[-–—(]|[,:;(]|\s+at\s+|\s+from\s+")
_MARKUP_RE = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
TOPICS = 3
"""Points from the conversation's notes a thank-you names."""


class DraftError(InfoviewError):
    """The notes do not hold what a draft needs (e.g. a thank-you with no conversation yet):
    the command could not do its work (exit status 1)."""


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str
    to: str
    """The email address, ``""`` when the note has none."""
    subject: str
    body: str

    def mailto(self) -> str:
        """A ``mailto:`` link with the subject and body URL-encoded (RFC 6068)."""
        body = self.body.replace("\n", "\r\n")
        return (f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject, safe='')}"
                f"&body={quote(body, safe='')}")


def compose(kind: str, facts: Facts, signature: str = "") -> Draft:
    """The ``kind`` draft for the person of ``facts``."""
    write = {"thank-you": _thank_you, "follow-up": _follow_up, "outreach": _outreach}[kind]
    subject, paragraphs = write(facts)
    closing = "Best wishes," + (f"\n{signature.strip()}" if signature.strip() else "")
    body = "\n\n".join([f"Hi {first_name(facts.name)},", *paragraphs, closing]) + "\n"
    return Draft(kind, facts.email, subject, body)


# -- the three messages ---------------------------------------------------------------------


def _thank_you(facts: Facts) -> tuple[str, list[str]]:
    talk = facts.last
    if talk is None:
        raise DraftError(f"no conversation with {facts.name} yet, so nothing to thank them for; "
                         f"`infoview draft outreach {command_word(facts.name)}` asks for one")
    about = f" about your work at {facts.company}" if facts.company else ""
    paragraphs = [f"Thank you for taking the time to talk with me "
                  f"{_on(talk.date, facts.today)}{about}."]
    points = _points(talk, facts)
    if points:
        paragraphs.append("What I am taking away from our conversation:\n"
                          + "\n".join(f"- {p}" for p in points))
    advice = [a for a in facts.advice if a.interview == talk.path]
    if advice:
        said = _plain(advice[0].text).rstrip(".")
        paragraphs.append(f"I wrote down your advice, “{said}”, and it is the first thing I am "
                          "acting on.")
    referred = _referred_in(talk, facts)
    if referred:
        paragraphs.append(f"Thank you also for suggesting I talk to {_and(referred)}. "
                          "I will mention you when I get in touch.")
    paragraphs.append("I will let you know how things go.")
    return f"Thank you, {first_name(facts.name)}", paragraphs


def _follow_up(facts: Facts) -> tuple[str, list[str]]:
    talk = facts.last
    if talk is None or talk.date is None:
        raise DraftError(f"no conversation with {facts.name} yet, so nothing to follow up; "
                         f"`infoview draft outreach {command_word(facts.name)}` asks for one")
    since = _since(talk.date, facts.today)
    paragraphs = [f"It has been {since} since we talked {_on(talk.date, facts.today)}, and I "
                  "wanted to tell you what came of it."]
    acted = [a for a in facts.advice if a.done]
    if acted:
        paragraphs.append(_acted_on(acted, facts))
    led_to = list({p.path: p for p in (*facts.referred, *facts.introduced)}.values())
    met = sorted((p for p in led_to if p.met is not None), key=lambda p: (p.met, p.name))
    if met:
        lines = [f"{p.name}{_at(p)} {_on(p.met, facts.today)}" for p in met]
        paragraphs.append("Thanks to you I talked with " + _and(lines) + ".")
    waiting = [p for p in led_to if p.met is None and p.status not in ("", "prospect")]
    if waiting:
        paragraphs.append(f"I am also in touch with {_names(waiting)}, as you suggested.")
    else:
        to_write = [p for p in led_to if p.met is None]
        if to_write:
            paragraphs.append(f"Next I am getting in touch with {_names(to_write)}, as you "
                              "suggested.")
    if not acted and not met and not waiting:
        points = _points(talk, facts)
        if points:
            paragraphs.append(f"I still think often about what you said: {_plain(points[0])}")
    paragraphs.append("Thank you again for your help. I would be glad to hear how things are "
                      "going for you.")
    return f"Following up on our conversation, {first_name(facts.name)}", paragraphs


def _outreach(facts: Facts) -> tuple[str, list[str]]:
    introducer = facts.introducer
    where = f" at {facts.company}" if facts.company else ""
    work = f"your work as {facts.role}{where}" if facts.role else f"your work{where}"
    if introducer is not None and facts.referred_by is introducer:
        source = facts.referral_source
        when = f" when we talked {_on(source.date, facts.today)}" \
            if source is not None and source.date is not None else ""
        opening = f"{introducer.name} suggested I get in touch with you{when}."
        subject = f"{introducer.name} suggested I get in touch"
    elif introducer is not None:
        opening = f"{introducer.name} thought you would be a good person for me to talk to."
        subject = f"Introduced by {introducer.name}"
    else:
        opening = f"I am writing to ask about {work}."
        subject = f"A question about {work}"
    paragraphs = [
        opening,
        f"I am exploring a move into this kind of work, and I would value 20 to 30 minutes of "
        f"your advice: how you came to {work.removeprefix('your ')}, and what you would tell "
        "someone trying to get there.",
        "To be plain: I am not asking for a job. I am trying to learn from people who do the "
        "work.",
        "Would you have time for a short call or a coffee in the next few weeks? I am happy to "
        "fit around your schedule.",
    ]
    return subject, paragraphs


# -- pieces ---------------------------------------------------------------------------------


def _points(talk: Conversation, facts: Facts) -> list[str]:
    """The first points of the conversation's ``## Notes`` list: this person's (an item
    starting with another attendee's name is theirs), first sentence each, advice left out."""
    others = {first_name(p.name).casefold() for p in talk.people
              if p.name.casefold() != facts.name.casefold()}
    mine = first_name(facts.name).casefold()
    advice = {a.text.casefold() for a in facts.advice}
    found: list[str] = []
    for item in talk.items("Notes"):
        text = _plain(item)
        head, _, rest = text.partition(":")
        if rest and head.strip().casefold() in others:
            continue
        if rest and head.strip().casefold() == mine:
            text = rest.strip()
        text = _SENTENCE_END_RE.split(text, maxsplit=1)[0].strip()
        if text and text.casefold() not in advice and text[:1].isalnum():
            found.append(text[:1].upper() + text[1:])
        if len(found) == TOPICS:
            break
    return found


def _referred_in(talk: Conversation, facts: Facts) -> list[str]:
    """Whom this person suggested you talk to in ``talk``: contacts whose ``referred_by`` is
    them (and whose ``referral_source``, if any, is this conversation), and the people named
    under its ``## Referrals`` heading that a sync has not turned into contacts yet."""
    names = [p.name for p in facts.referred if p.source in (None, talk.path)]
    seen = {n.casefold() for n in names}
    if not talk.people or talk.people[0].path != facts.contact.path:
        return names  # referrals in a shared conversation are its first contact's
    for item in talk.items(facts.referrals_heading):
        name = _LEADING_NAME_RE.split(_plain(item), maxsplit=1)[0].strip()
        if name and name.casefold() not in seen and len(name.split()) <= 5:
            seen.add(name.casefold())
            names.append(name)
    return names


def _acted_on(acted: list[Advice], facts: Facts) -> str:
    proper = _proper_names(facts)
    texts = [_lower_first(_plain(a.text).rstrip("."), proper) for a in acted]
    if len(texts) == 1:
        return f"I followed your suggestion to {_to(texts[0])}."
    return "I followed your suggestions: " + _and([f"to {_to(t)}" for t in texts]) + "."


def _to(text: str) -> str:
    return text.removeprefix("to ")


def _at(person: Person) -> str:
    return f" at {_plain(person.company)}" if person.company else ""


def _proper_names(facts: Facts) -> set[str]:
    """Words that name people and companies in these notes (never lower-cased)."""
    names = [facts.name, facts.company, *(p.name for p in (*facts.referred, *facts.introduced,
                                                           *facts.colleagues))]
    if facts.introducer is not None:
        names.append(facts.introducer.name)
    return {w.casefold() for n in names for w in n.split()}


def _on(day: dt.date | None, today: dt.date) -> str:
    """``on Tuesday 24 November`` (the year when it is not this one), ``today``, ``yesterday``."""
    if day is None:
        return ""
    if day == today:
        return "today"
    if day == shift(today, -1):
        return "yesterday"
    year = f" {day.year}" if day.year != today.year else ""
    return f"on {day.strftime('%A')} {day.day} {day.strftime('%B')}{year}"


def _since(day: dt.date, today: dt.date) -> str:
    days = (today - day).days
    if days < 14:
        return "a few days"
    if days < 45:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.4)
    return "a month" if months <= 1 else f"{_number(months)} months"


def _number(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve")
    return words[n] if n < len(words) else str(n)


def _names(people: list[Person]) -> str:
    return _and([p.name for p in people])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plain(text: str) -> str:
    """Note text as message text: ``[[Link|shown]]`` as the shown name, no Markdown emphasis
    or code marks, one line."""
    text = _LINK_RE.sub(lambda m: m[2] or m[1].rsplit("/", 1)[-1], text)
    return " ".join(_MARKUP_RE.sub("", text).split())


def _lower_first(text: str, proper: set[str]) -> str:
    """``Talk to ...`` → ``talk to ...``, but ``PMs ...``, ``I ...`` and a name (``proper``,
    e.g. ``Globex ...``) stay."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1:].islower() and word[0].isupper() and \
            word.strip(",.;:").casefold() not in proper:
        return text[0].lower() + text[1:]
    return text
