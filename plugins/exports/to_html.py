"""``infoview export html``: one self-contained report page.

The page needs no network and no JavaScript: CSS is inline, the referral graph is inline SVG
(:mod:`infoview.plugins.exports.svg`), and a Content-Security-Policy forbids loading anything.
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
        return "\n".join([
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
            '<meta name="color-scheme" content="light dark">',
            '<meta name="generator" content="infoview">',
            f"<title>{esc(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            f'<footer class="wrap">Made by infoview from the notes of {esc(self.vault)} on '
            f'{self.today.isoformat()}. This page is self-contained: it loads nothing from the '
            "network.</footer>",
            "</body>",
            "</html>",
            "",
        ])

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


CSS = """
:root{color-scheme:light dark;--bg:#f6f6f3;--surface:#fff;--panel:#f3f3ef;--text:#1d1d1f;
--muted:#6a6a70;--line:#e2e1dc;--edge:#9b9ba3;--accent:#2457d6;--late:#b4411b;--late-bg:#fdf0e8;
--today:#8a5a00;--today-bg:#fdf6e3;--ok:#2c7a4b;
--prospect:#8b6fd6;--contacted:#3a7bd5;--scheduled:#1f9bb4;--interviewed:#2f9e62;
--following-up:#d48a1c;--dormant:#9a9aa0;--other:#c4c3bd}
@media (prefers-color-scheme:dark){:root{--bg:#121315;--surface:#1b1c1f;--panel:#222327;
--text:#e9e9ec;--muted:#9d9da6;--line:#303136;--edge:#70707a;--accent:#7aa2ff;--late:#ff9a6b;
--late-bg:#3a2219;--today:#f2c35b;--today-bg:#332a15;--ok:#6fd39a;--prospect:#a48cf0;
--contacted:#6ea2f0;--scheduled:#4cc3d9;--interviewed:#5cc48a;--following-up:#f0aa45;
--dormant:#85858d;--other:#5d5d63}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif,
"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji";font-variant-numeric:tabular-nums;
overflow-wrap:anywhere}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
background:var(--panel);padding:0.05em 0.35em;border-radius:4px}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.top{background:var(--surface);border-bottom:1px solid var(--line);padding:28px 0 0}
.eyebrow{margin:0;color:var(--muted);font-size:12px;letter-spacing:.08em;text-transform:uppercase;
font-weight:600}
h1{margin:2px 0 0;font-size:30px;line-height:1.2;letter-spacing:-.01em;overflow-wrap:anywhere}
.day{margin:2px 0 14px;color:var(--muted);font-size:16px}
.stats{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:8px}
.stats li{background:var(--panel);border-radius:999px;padding:3px 12px;font-size:13.5px;
color:var(--muted)}
.stats b{color:var(--text);font-weight:650;margin-right:2px}
.stats li.late{background:var(--late-bg);color:var(--late)}
.stats li.late b{color:var(--late)}
nav{display:flex;flex-wrap:wrap;gap:0 22px;margin-top:18px}
nav a{color:var(--muted);font-weight:550;font-size:14px;padding:8px 0 10px;white-space:nowrap;
border-bottom:2px solid transparent}
nav a:hover{color:var(--text);text-decoration:none;border-bottom-color:var(--line)}
main{display:block}
.card{background:var(--surface);border:1px solid var(--line);border-radius:14px;
padding:20px 24px 22px;margin:20px 0}
h2{margin:0 0 14px;font-size:19px;letter-spacing:-.005em;display:flex;align-items:baseline;gap:10px}
h3{margin:18px 0 8px;font-size:14px;text-transform:uppercase;letter-spacing:.06em;
color:var(--muted);display:flex;align-items:baseline;gap:8px}
h3.late{color:var(--late)}
.count{font-size:13px;font-weight:500;color:var(--muted);letter-spacing:0;text-transform:none}
.empty{color:var(--muted);margin:4px 0}
.hint{color:var(--muted);font-size:13.5px;margin:0 0 10px}
.graph+.hint{margin:10px 0 0}
.notice{border-style:dashed}
.notice p{margin:0;color:var(--muted)}
.bar{display:flex;height:10px;border-radius:999px;overflow:hidden;gap:2px;margin:0 0 16px;
background:var(--panel)}
.seg{display:block;min-width:6px}
.s-prospect{--c:var(--prospect)}.s-contacted{--c:var(--contacted)}
.s-scheduled{--c:var(--scheduled)}.s-interviewed{--c:var(--interviewed)}
.s-following-up{--c:var(--following-up)}.s-dormant{--c:var(--dormant)}.s-other{--c:var(--other)}
.seg,.dot{background:var(--c)}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;flex:none}
.stages{list-style:none;margin:0;padding:0;display:grid;gap:12px;
grid-template-columns:repeat(auto-fill,minmax(155px,1fr))}
.stage{border:1px solid var(--line);border-top:3px solid var(--c);border-radius:10px;
padding:10px 12px 10px;min-width:0}
.stage.zero{opacity:.6}
.stage h3{margin:0 0 8px;display:block;color:var(--text);text-transform:none;letter-spacing:0}
.stage .n{display:block;font-size:24px;font-weight:650;line-height:1.15}
.stage .label{display:flex;align-items:center;gap:6px;font-size:13px;font-weight:600;
white-space:nowrap;overflow:hidden}
.names{list-style:none;margin:0;padding:0;font-size:13.5px}
.names li{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:1.65}
.names a{color:var(--text)}
details summary{cursor:pointer;color:var(--muted);font-size:13px}
.stage details summary{margin-top:2px}
.reminders{list-style:none;margin:0;padding:0}
.reminder{display:grid;grid-template-columns:7.5em 8.5em 10.2em 1fr;gap:2px 14px;
align-items:baseline;padding:7px 0;border-top:1px solid var(--line)}
.reminder:first-child{border-top:0}
.when{font-weight:600;font-size:13.5px}
.late .when{color:var(--late)}
.today .when{color:var(--today)}
.soon .when{color:var(--muted)}
.on{color:var(--muted);font-size:13.5px;white-space:nowrap}
.kind{font-size:12px;font-weight:600;color:var(--muted);background:var(--panel);border-radius:6px;
padding:1px 8px;justify-self:start;white-space:nowrap}
.what{overflow-wrap:anywhere}
details.later{margin-top:10px}
details.more>summary{padding:8px 0 4px;border-top:1px solid var(--line)}
details.later>summary{list-style:none}
details.later>summary::-webkit-details-marker{display:none}
details.later>summary h3{display:inline-flex;margin:8px 0}
details.later>summary h3::before{content:"▸";font-size:11px;transition:transform .15s}
details.later[open]>summary h3::before{transform:rotate(90deg)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 12px;padding:0;
font-size:13px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.graph{overflow:auto;border-radius:10px;-webkit-overflow-scrolling:touch}
.graph.tall{max-height:80vh;border:1px solid var(--line);padding:8px}
.graph svg{display:block;max-width:none;height:auto}
.referrals .panel{fill:var(--panel);stroke:var(--panel)}
.referrals .box{fill:var(--surface);stroke:var(--line);stroke-width:1}
.referrals .stripe{fill:var(--c)}
.referrals text{font:500 12.5px system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",
"Noto Sans","Liberation Sans",Arial,sans-serif;fill:var(--text);dominant-baseline:central}
.referrals .edge{fill:none;stroke:var(--edge);stroke-width:1.4}
.referrals .edge.back{stroke-dasharray:4 3}
.referrals .arrowhead{fill:var(--edge)}
.referrals a:hover .box{stroke:var(--accent);stroke-width:1.6}
.referrals a:focus{outline:none}
.referrals a:focus .box{stroke:var(--accent);stroke-width:2}
details.chains{margin-top:12px}
.channel{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;padding:8px 0;
border-top:1px solid var(--line)}
.channel h3{margin:0;min-width:7em;font-size:14px;text-transform:capitalize}
.steps{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;margin:0;padding:0;font-size:13.5px}
.steps li+li::before{content:"→";color:var(--muted);margin-right:8px}
.rate{color:var(--muted);margin-left:5px;font-size:12px}
.target{border-top:1px solid var(--line);padding:10px 0 4px}
.target h3{margin:0 0 6px;font-size:15px;overflow-wrap:anywhere}
.people{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 6px;padding:0;
font-size:13.5px}
.people li{display:flex;align-items:center;gap:6px;min-width:0;overflow-wrap:anywhere}
.next{margin:6px 0 0;font-size:13.5px}
.chain{margin:6px 0;padding-left:0;list-style:none;font-size:13.5px}
.chain ul{margin:0;padding-left:18px;list-style:none;border-left:1px solid var(--line)}
.chain li{padding-left:4px}
.table-wrap{overflow-x:auto;margin:0 -4px}
table{border-collapse:collapse;width:100%;font-size:13.5px}
thead th{text-align:left;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;
letter-spacing:.05em;padding:6px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
tbody th,tbody td{padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top;
text-align:left}
tbody th{font-weight:600}
tbody tr:last-child>*{border-bottom:0}
tbody tr:target{background:var(--today-bg)}
.reminder:target{background:var(--today-bg)}
td[data-label="Last interaction"],.sub{white-space:nowrap}
.pill{display:inline-block;font-size:12px;font-weight:600;padding:0 8px;border-radius:999px;
border:1px solid var(--c);color:var(--text);white-space:nowrap;background:var(--surface)}
.pill::before{content:"";display:inline-block;width:7px;height:7px;border-radius:50%;
background:var(--c);margin-right:6px;vertical-align:1px}
.sub{display:block;color:var(--muted);font-size:12px}
.next a{font-weight:600;white-space:nowrap}
.next.late a{color:var(--late)}
.next.today a{color:var(--today)}
.none{color:var(--muted)}
footer{color:var(--muted);font-size:12.5px;padding:8px 24px 40px;text-align:center}
@media (max-width:1000px) and (min-width:721px){
[data-label="Last interaction"]{display:none}
}
@media (max-width:720px){
.wrap{padding:0 16px}
h1{font-size:25px}
.top{padding-top:20px}
main.wrap{padding:0 10px}
.card{margin:14px 0;padding:16px 14px 18px;border-radius:12px}
.stages{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
.reminder{grid-template-columns:auto auto 1fr;padding:9px 0}
.reminder .kind{justify-self:end}
.reminder .what{grid-column:1/-1}
thead{display:none}
table,tbody,tr,tbody th,tbody td{display:block;width:100%}
tbody tr{border:1px solid var(--line);border-radius:10px;padding:6px 12px;margin:0 0 10px}
tbody tr:last-child>*{border-bottom:1px solid var(--line)}
tbody th,tbody td{border-bottom:1px solid var(--line);padding:6px 0;display:grid;
grid-template-columns:8.5em minmax(0,1fr);gap:8px}
tbody tr>:last-child,tbody tr:last-child>:last-child{border-bottom:0}
tbody th{font-size:15px;display:block;padding-top:4px}
tbody td::before{content:attr(data-label);color:var(--muted);font-size:12px;font-weight:600}
.table-wrap{overflow:visible;margin:0}
.sub{display:inline;margin-left:6px;white-space:normal}
.graph{border:1px solid var(--line);padding:6px}
}
@media print{
:root{--bg:#fff;--surface:#fff;--panel:#f4f4f1;--text:#000;--muted:#555;--line:#ccc;--edge:#777}
body{font-size:11pt;background:#fff}
nav,footer{display:none}
.top{border:0;padding-top:0}
main.wrap{padding:0}
.card{border:0;border-radius:0;padding:0;margin:18pt 0}
h2{break-after:avoid}
.reminder,tbody tr,.stage{break-inside:avoid}
details::details-content{content-visibility:visible}
details>summary::before,details.later>summary h3::before{content:none}
.graph,.graph.tall{max-height:none;overflow:visible;border:0;padding:0}
.graph svg{max-width:100%;height:auto}
.table-wrap{overflow:visible;margin:0}
table{font-size:8.5pt}
thead th{font-size:7.5pt;padding:4px 5px;white-space:normal}
tbody th,tbody td{padding:5px}
tbody th,.next a{white-space:normal}
.pill{font-size:7.5pt}
a{color:inherit}
}
"""
