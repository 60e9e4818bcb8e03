"""``infoview export html``: one self-contained report page.

The page needs no network and no JavaScript: CSS is inline, the referral graph is inline SVG
(:mod:`infoview.plugins.exports.svg`), and a Content-Security-Policy forbids loading anything.
The style and the page around its sections are package data files (``report.css``,
``report.html``: :mod:`infoview.plugins.exports.assets`).
It shows the pipeline by status, the funnel per channel, the open reminders (overdue, the next 7
days, later), the target companies with the warm path to each, the referral graph and a table of
contacts. Every value from the notes is escaped; the same vault
and the same "today" give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from infoview.api import Session
from infoview.plugins.exports.assets import asset, template
from infoview.plugins.exports.records import CONTACT_STATUSES, Records
from infoview.plugins.exports.svg import esc, layout, render_svg
from infoview.plugins.referrals.graph import Person, graph
from infoview.plugins.workflow.status_report import CHANNELS, STAGES, Funnel

if TYPE_CHECKING:
    from infoview.plugins.strategy.targets import Target

SOON_DAYS = 7
"""Reminders due within this many days are "coming up"; later ones are folded away."""
LIST_SHOWN = 15
"""Overdue and coming-up reminders shown before the rest are folded away."""
PIPELINE_NAMES = 8
"""Names shown per pipeline status before the rest are folded away."""
OTHER = "other"

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def render_html(session: Session, options: Mapping[str, Any]) -> str:
    """The whole page (see the module doc)."""
    from infoview.plugins.strategy.network import Network
    from infoview.plugins.strategy.targets import targets_of
    from infoview.plugins.workflow.pipeline import Pipeline
    from infoview.plugins.workflow.status_report import funnels

    records = Records.build(session)
    people, parent = graph(session)
    page = Page(session.vault.name or str(session.vault), records, people, parent,
                session.config.folder("contacts"))
    page.funnel = funnels(Pipeline.read(session), session.today)
    network = Network.read(session)
    page.targets = [(t, [network.people[p].name for p in t.warm_path or []])
                    for t in targets_of(network)]
    return page.render()


def status_key(status: str | None) -> str:
    """A contract status (lower-cased), else ``other`` (also for no status)."""
    key = (status or "").strip().lower()
    return key if key in CONTACT_STATUSES else OTHER


def status_label(key: str) -> str:
    return "other / none" if key == OTHER else key.replace("-", " ")


def long_day(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_day(day: dt.date, today: dt.date) -> str:
    text = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1][:3]}"
    return text if day.year == today.year else f"{text} {day.year}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def relative(days: int) -> str:
    """``days`` from today in words: ``today``, ``tomorrow``, ``in 3 days``, ``2 days late``."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    return f"{plural(-days, 'day')} late"


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


class Page:
    """The report for one vault on one day."""

    def __init__(self, vault: str, records: Records, people: dict[str, Person],
                 parent: dict[str, str], contacts_folder: str = "Contacts") -> None:
        self.vault = vault
        self.contacts_folder = contacts_folder
        self.records = records
        self.today = records.today
        self.people = people
        self.parent = parent
        self.contacts = sorted(records.contacts,
                               key=lambda c: (c["name"].casefold(), c["name"], c["path"]))
        self.anchors = {c["path"]: f"c-{i}" for i, c in enumerate(self.contacts)}
        self.status = {c["path"]: status_key(c["status"]) for c in self.contacts}
        self.funnel: dict[str, Funnel] = {}
        """Channel → its funnel (:func:`infoview.plugins.workflow.status_report.funnels`)."""
        self.targets: list[tuple[Target, list[str]]] = []
        """Each target company, with the names on its warm path."""

    def render(self) -> str:
        title = f"{self.vault} · infoview report · {self.today.isoformat()}"
        empty = not (self.records.contacts or self.records.interviews
                     or self.records.companies or self.records.reminders)
        body = [self.header(), '<main class="wrap">']
        if empty:
            body.append('<section class="card notice" id="nothing"><h2>Nothing here yet</h2>'
                        "<p>This vault has no contacts, conversations or companies yet. Add a "
                        f"contact note under <code>{esc(self.contacts_folder)}/</code> (your "
                        "contact template is a good start), then export again.</p>"
                        "</section>")
        body += [self.pipeline(), self.funnel_section(), self.due(), self.targets_section(),
                 self.referrals(), self.contacts_table(), "</main>"]
        return template("report.html").substitute(
            title=esc(title), css=asset("report.css"), body="\n".join(body),
            vault=esc(self.vault), today=self.today.isoformat())

    # -- header -----------------------------------------------------------------------------

    def header(self) -> str:
        r = self.records
        overdue = sum(1 for x in r.reminders if self._days(x) < 0)
        soon = sum(1 for x in r.reminders if 0 <= self._days(x) <= SOON_DAYS)
        stats = [(len(r.contacts), "contact", "contacts"),
                 (len(r.interviews), "conversation", "conversations"),
                 (len(r.companies), "company", "companies"),
                 (len(self.parent), "referral", "referrals")]
        items = [f"<li><b>{n}</b> {one if n == 1 else many}</li>" for n, one, many in stats]
        items.append(f'<li class="{"late" if overdue else "ok"}"><b>{overdue}</b> overdue</li>')
        items.append(f"<li><b>{soon}</b> due this week</li>")
        return "\n".join([
            '<header class="top"><div class="wrap">',
            '<p class="eyebrow">infoview report</p>',
            f"<h1>{esc(self.vault)}</h1>",
            f'<p class="day"><time datetime="{self.today.isoformat()}">'
            f"{long_day(self.today)}</time></p>",
            f'<ul class="stats">{"".join(items)}</ul>',
            '<nav aria-label="Sections"><a href="#pipeline">Pipeline</a><a href="#funnel">Funnel'
            '</a><a href="#due">Due</a><a href="#targets">Targets</a>'
            '<a href="#referrals">Referrals</a><a href="#contacts">Contacts</a></nav>',
            "</div></header>",
        ])

    # -- pipeline ---------------------------------------------------------------------------

    def pipeline(self) -> str:
        groups: dict[str, list[dict[str, Any]]] = {k: [] for k in (*CONTACT_STATUSES, OTHER)}
        for contact in self.contacts:
            groups[self.status[contact["path"]]].append(contact)
        total = len(self.contacts)
        out = ['<section class="card" id="pipeline" aria-labelledby="pipeline-h">',
               '<h2 id="pipeline-h">Pipeline <span class="count">'
               f'{plural(total, "person", "people")}</span></h2>']
        if not total:
            out.append('<p class="empty">No contacts yet.</p></section>')
            return "\n".join(out)
        bar = "".join(
            f'<span class="seg s-{key}" style="flex-grow:{len(members)}" '
            f'title="{esc(status_label(key))}: {len(members)}"></span>'
            for key, members in groups.items() if members)
        out.append(f'<div class="bar" aria-hidden="true">{bar}</div>')
        out.append('<ol class="stages">')
        for key, members in groups.items():
            if key == OTHER and not members:
                continue
            names = [self._person_link(c) for c in members]
            keep = len(names) if len(names) <= PIPELINE_NAMES + 2 else PIPELINE_NAMES
            shown, rest = names[:keep], names[keep:]
            listed = "".join(f"<li>{n}</li>" for n in shown)
            more = "" if not rest else (
                f'<details><summary>{len(rest)} more</summary><ul class="names">'
                f'{"".join(f"<li>{n}</li>" for n in rest)}</ul></details>')
            inner = (f'<ul class="names">{listed}</ul>{more}' if members
                     else '<p class="empty">nobody</p>')
            out.append(f'<li class="stage s-{key}{" zero" if not members else ""}">'
                       f'<h3><span class="n">{len(members)}</span>'
                       f'<span class="label"><span class="dot"></span>{esc(status_label(key))}'
                       f"</span></h3>{inner}</li>")
        out.append("</ol></section>")
        return "\n".join(out)

    # -- funnel -----------------------------------------------------------------------------

    def funnel_section(self) -> str:
        out = ['<section class="card" id="funnel" aria-labelledby="funnel-h">',
               '<h2 id="funnel-h">Funnel <span class="count">by how you met</span></h2>',
               '<p class="hint">For each channel (someone referred them, someone can introduce '
               "them, or neither): how many people, and how many of them you contacted, had a "
               "conversation with, and were referred on by; each with the share of the step "
               "before.</p>"]
        labels = {"people": "people", "contacted": "contacted",
                  "interviewed": "had a conversation", "referred_others": "referred someone"}
        for channel in CHANNELS:
            funnel = self.funnel.get(channel)
            if funnel is None:
                continue
            steps = []
            for i, stage in enumerate(STAGES):
                rate = funnel.rate(STAGES[i - 1], stage) if i else None
                share = f'<span class="rate">{rate:.0%}</span>' if rate is not None else ""
                steps.append(f"<li><b>{getattr(funnel, stage)}</b> {labels[stage]}{share}</li>")
            out.append(f'<div class="channel"><h3>{esc(channel)}</h3>'
                       f'<ol class="steps">{"".join(steps)}</ol></div>')
        out.append("</section>")
        return "\n".join(out)

    # -- targets ----------------------------------------------------------------------------

    def targets_section(self) -> str:
        out = ['<section class="card" id="targets" aria-labelledby="targets-h">',
               f'<h2 id="targets-h">Targets <span class="count">'
               f'{plural(len(self.targets), "company", "companies")}</span></h2>']
        if not self.targets:
            out.append('<p class="empty">No target companies yet: add <code>target: true</code> '
                       "to a company note, or list names under <code>[strategy] targets</code> "
                       "in <code>.infoview/config.toml</code>.</p></section>")
            return "\n".join(out)
        for target, names in self.targets:
            company = target.company
            people = "".join(
                f'<li class="s-{status_key(p.status)}"><span class="dot"></span>'
                + (f'<a href="#{self.anchors[p.path]}"><bdi>{esc(p.name)}</bdi></a>'
                   if p.path in self.anchors else f"<bdi>{esc(p.name)}</bdi>")
                + f' <span class="sub">{esc(status_label(status_key(p.status)))}</span></li>'
                for p in target.people)
            out.append(
                f'<article class="target"><h3><bdi>{esc(company.name)}</bdi> '
                f'<span class="count">{plural(target.conversations, "conversation")}, '
                f'{plural(target.referrals_in, "referral")} in</span></h3>'
                + (f'<ul class="people">{people}</ul>' if people else
                   '<p class="empty">Nobody in your notes works here yet.</p>')
                + self._warm_path(target, names)
                + f'<p class="next">{esc(target.next)}</p></article>')
        out.append("</section>")
        return "\n".join(out)

    def _warm_path(self, target: Target, names: list[str]) -> str:
        """The warm path drawn like the referral graph (one arrow per step), or a sentence."""
        path = target.warm_path or []
        if not path:
            return '<p class="hint">No warm path yet: nobody you have met connects to it.</p>'
        if len(path) == 1:
            return (f'<p class="hint">Warm path: you have met <bdi>{esc(names[0])}</bdi> '
                    "there.</p>")
        people = {p: Person(p, name, 0) for p, name in zip(path, names, strict=True)}
        parent = {later: earlier for earlier, later in itertools.pairwise(path)}
        for later, earlier in parent.items():
            people[earlier].referred.append(people[later])
        placed = layout(people, parent)
        svg = render_svg(people, parent, placed, lambda p: self.status.get(p, OTHER),
                         self.anchors.get)
        return (f'<p class="hint">Warm path, from someone you have met to someone there: '
                f'{esc(" → ".join(names))}.</p><div class="graph">{svg}</div>')

    def _person_link(self, contact: dict[str, Any]) -> str:
        return f'<a href="#{self.anchors[contact["path"]]}"><bdi>{esc(contact["name"])}</bdi></a>'

    # -- due --------------------------------------------------------------------------------

    def _days(self, reminder: dict[str, Any]) -> int:
        due = _date(reminder["due"])
        return 0 if due is None else (due - self.today).days

    def due(self) -> str:
        reminders = self.records.reminders
        overdue = [r for r in reminders if self._days(r) < 0]
        soon = [r for r in reminders if 0 <= self._days(r) <= SOON_DAYS]
        later = [r for r in reminders if self._days(r) > SOON_DAYS]
        out = ['<section class="card" id="due" aria-labelledby="due-h">',
               f'<h2 id="due-h">Due <span class="count">{len(reminders)} open</span></h2>']
        if not reminders:
            out.append('<p class="empty">Nothing to do: no open reminders.</p></section>')
            return "\n".join(out)
        if overdue:
            out.append(f'<h3 class="late">Overdue <span class="count">{len(overdue)}</span></h3>')
            out.append(self._reminder_list(overdue, "more overdue"))
        out.append(f'<h3>Next {SOON_DAYS} days <span class="count">{len(soon)}</span></h3>')
        out.append(self._reminder_list(soon, "more this week") if soon else
                   '<p class="empty">Nothing due in the next week.</p>')
        if later:
            out.append(f'<details class="later"><summary><h3>Later <span class="count">'
                       f"{len(later)}</span></h3></summary>{self._reminder_list(later)}</details>")
        out.append("</section>")
        return "\n".join(out)

    def _reminder_list(self, reminders: list[dict[str, Any]], fold: str = "") -> str:
        """The reminders as a list; past :data:`LIST_SHOWN` the rest are folded away (when
        ``fold`` names them, e.g. ``more overdue``)."""
        if fold and len(reminders) > LIST_SHOWN + 3:
            rest = reminders[LIST_SHOWN:]
            return (self._reminder_list(reminders[:LIST_SHOWN]) + '<details class="more">'
                    f"<summary>{len(rest)} {fold}</summary>{self._reminder_list(rest)}</details>")
        items = []
        for r in reminders:
            days = self._days(r)
            due = _date(r["due"])
            day = (f'<time datetime="{esc(r["due"])}">{short_day(due, self.today)}</time>'
                   if due else esc(r["due"]))
            cls = "late" if days < 0 else "today" if days == 0 else "soon"
            items.append(
                f'<li class="reminder {cls}" id="r-{esc(r["id"])}">'
                f'<span class="when">{relative(days)}</span><span class="on">{day}</span>'
                f'<span class="kind">{esc(r["kind"])}</span>'
                f'<span class="what">{esc(r["sentence"])}</span></li>')
        return f'<ol class="reminders">{"".join(items)}</ol>'

    # -- referrals --------------------------------------------------------------------------

    def referrals(self) -> str:
        out = ['<section class="card" id="referrals" aria-labelledby="referrals-h">',
               f'<h2 id="referrals-h">Referrals <span class="count">'
               f'{plural(len(self.parent), "referral")}</span></h2>']
        if not self.parent:
            out.append('<p class="empty">No referrals yet: list the people someone suggests '
                       "under <code>## Referrals</code> in an interview note, then "
                       "<code>infoview sync</code>.</p></section>")
            return "\n".join(out)
        placed = layout(self.people, self.parent)
        involved = set(self.parent) | set(self.parent.values())
        alone = len(self.people) - len(involved)
        svg = render_svg(self.people, self.parent, placed,
                         lambda p: self.status.get(p, OTHER), self.anchors.get)
        tall = placed.height > 900 or placed.width > 1010
        scroll = " Scroll the picture to see all of it." if tall else ""
        out.append('<p class="hint">Who led to whom: an arrow goes from the person who made the '
                   "introduction to the person introduced; columns are steps of referral. "
                   f"Hover a name for the whole name, click it for the contact.{scroll}</p>")
        out.append(self._legend())
        out.append(f'<div class="graph{" tall" if tall else ""}">{svg}</div>')
        notes = []
        if alone:
            notes.append(f"{plural(alone, 'person', 'people')} with no referral either way "
                         f"{'is' if alone == 1 else 'are'} not drawn.")
        if placed.hidden:
            hidden = sum(t.size for t in placed.hidden)
            notes.append(f"{plural(len(placed.hidden), 'smaller chain')} "
                         f"({plural(hidden, 'person', 'people')}) "
                         f"{'is' if len(placed.hidden) == 1 else 'are'} only in the list below.")
        if notes:
            out.append(f'<p class="hint">{" ".join(notes)}</p>')
        trees = placed.trees + placed.hidden
        out.append(f'<details class="chains"><summary>Referral chains as a list</summary>'
                   f'{"".join(self._chain(t.root, t.kids) for t in trees)}</details>')
        out.append("</section>")
        return "\n".join(out)

    def _legend(self) -> str:
        keys = sorted(set(self.status.get(p, OTHER)
                          for p in set(self.parent) | set(self.parent.values())),
                      key=lambda k: (*CONTACT_STATUSES, OTHER).index(k))
        items = "".join(f'<li class="s-{k}"><span class="dot"></span>{esc(status_label(k))}</li>'
                        for k in keys)
        return f'<ul class="legend" aria-label="Status colours">{items}</ul>'

    def _chain(self, root: str, kids: dict[str, list[str]]) -> str:
        """A nested list, built without recursion (a chain may be very long)."""
        out: list[str] = []
        stack: list[tuple[str, str]] = [("open", root)]
        while stack:
            what, path = stack.pop()
            if what == "close":
                out.append("</ul></li>" if kids[path] else "</li>")
                continue
            person = self.people[path]
            anchor = self.anchors.get(path)
            name = f"<bdi>{esc(person.name)}</bdi>"
            out.append(f'<li><a href="#{anchor}">{name}</a>' if anchor else f"<li>{name}")
            stack.append(("close", path))
            if kids[path]:
                out.append("<ul>")
                stack.extend(("open", child) for child in reversed(kids[path]))
        return f'<ul class="chain">{"".join(out)}</ul>'

    # -- contacts ---------------------------------------------------------------------------

    def contacts_table(self) -> str:
        out = ['<section class="card" id="contacts" aria-labelledby="contacts-h">',
               f'<h2 id="contacts-h">Contacts <span class="count">{len(self.contacts)}</span></h2>']
        if not self.contacts:
            out.append('<p class="empty">No contacts yet.</p></section>')
            return "\n".join(out)
        heads = ("Name", "Company", "Role", "Status", "Email", "Last interaction",
                 "Next reminder")
        out.append('<div class="table-wrap"><table class="contacts"><thead><tr>'
                   + "".join(f'<th scope="col" data-label="{h}">{h}</th>' for h in heads)
                   + "</tr></thead><tbody>")
        for contact in self.contacts:
            cells = [self._email(contact["emails"]), self._last(contact["last_interaction"]),
                     self._next(contact["next_reminder"])]
            key = self.status[contact["path"]]
            status = (f'<span class="pill s-{key}">{esc(contact["status"])}</span>'
                      if contact["status"] else _NONE)
            out.append(
                f'<tr id="{self.anchors[contact["path"]]}">'
                f'<th scope="row" data-label="Name"><bdi>{esc(contact["name"])}</bdi></th>'
                f'<td data-label="Company"><span class="v">{_text(contact["company"])}</span></td>'
                f'<td data-label="Role"><span class="v">{_text(contact["role"])}</span></td>'
                f'<td data-label="Status"><span class="v">{status}</span></td>'
                f'<td data-label="Email"><span class="v">{cells[0]}</span></td>'
                f'<td data-label="Last interaction"><span class="v">{cells[1]}</span></td>'
                f'<td data-label="Next reminder"><span class="v">{cells[2]}</span></td></tr>')
        out.append("</tbody></table></div></section>")
        return "\n".join(out)

    def _email(self, emails: list[str]) -> str:
        if not emails:
            return _NONE
        links = []
        for email in emails:
            if _EMAIL.fullmatch(email):
                user, _at, domain = email.rpartition("@")
                links.append(f'<a href="mailto:{esc(quote(email, safe="@+._-"))}">'
                             f"{esc(user)}<wbr>@{esc(domain)}</a>")
            else:
                links.append(esc(email))
        return "<br>".join(links)

    def _last(self, when: str | None) -> str:
        day = _date(when)
        if day is None:
            return _NONE
        ago = (self.today - day).days
        note = ("today" if ago == 0 else f"{plural(ago, 'day')} ago" if ago > 0
                else f"in {plural(-ago, 'day')}")
        return (f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'
                f' <span class="sub">{note}</span>')

    def _next(self, upcoming: dict[str, Any] | None) -> str:
        if not upcoming:
            return _NONE
        day = _date(upcoming["due"])
        days = 0 if day is None else (day - self.today).days
        cls = "late" if days < 0 else "today" if days == 0 else "soon"
        when = (f'<time datetime="{day.isoformat()}">{day.day} {_MONTHS[day.month - 1][:3]}'
                f'{"" if day.year == self.today.year else f" {day.year}"}</time>'
                if day else esc(upcoming["due"]))
        return (f'<span class="next {cls}" title="{esc(upcoming["sentence"])}">'
                f'<a href="#r-{esc(upcoming["id"])}">{esc(upcoming["kind"])}</a>'
                f' <span class="sub">{when} · {relative(days)}</span></span>')


_EMAIL = re.compile(r"[^@\s\"'<>()\[\],;:\\]+@[^@\s\"'<>()\[\],;:\\]+\.[^@\s\"'<>()\[\],;:\\]+")
"""What is made a ``mailto:`` link; anything else stays plain text."""
_NONE = '<span class="none">—</span>'


def _text(value: str | None) -> str:
    return _NONE if not value else esc(value)
