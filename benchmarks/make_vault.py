"""Generate a synthetic but realistic infoview vault for benchmarks.

The vault looks like a long job search kept in Obsidian: contacts, companies and
informational-interview notes with the frontmatter keys of the product contract, bodies of
realistic size, a few archive subfolders, templates with ``{{date}}`` placeholders, an
``.obsidian/`` folder and a few files that are not notes.

It is generated in a steady state, as if ``infoview sync`` had already run: every person named as
a referral in an interview exists as a contact note with ``referred_by`` and ``referral_source``
set (names carry a number to stay unique, ``Kofi García 1153``, which is part of the name in a
plain-text referral too), so the first sync writes only the generated notes.

Usage::

    python benchmarks/make_vault.py DIR --notes 10000 [--seed 0]

The output depends only on ``n`` and ``seed`` (not on the clock or on hash randomisation).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ANCHOR_DAY", "make_vault"]

#: The day the vault is built around; every date lies within a year of it.
ANCHOR_DAY = dt.date(2026, 11, 25)

# fmt: off
FIRST_NAMES = [
    "Jane", "John", "Priya", "Wei", "Fatima", "Carlos", "Aisha", "Liam", "Olivia", "Noah",
    "Emma", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Amara", "Hiroshi", "Yuki", "Chloé",
    "José", "Zoë", "Björn", "Ingrid", "Siobhan", "Declan", "Anika", "Rahul", "Mei", "Tomás",
    "Elena", "Dmitri", "Kwame", "Ngozi", "Sven", "Leila", "Omar", "Hannah", "Isaac", "Grace",
    "Daniel", "Sarah", "Michael", "Laura", "David", "Anna", "James", "Nina", "Peter", "Rosa",
    "Ahmed", "Chen", "Maya", "Ravi", "Lucía", "François", "Søren", "Aoife", "Jun", "Kofi",
]
LAST_NAMES = [
    "Doe", "Smith", "Patel", "Zhang", "Khan", "García", "Okafor", "Murphy", "Nguyen", "Kim",
    "Müller", "Rossi", "Silva", "Tanaka", "Johansson", "O'Brien", "Kowalski", "Novak", "Haddad",
    "Cohen", "Brown", "Wilson", "Martínez", "Lopez", "Lee", "Walker", "Hall", "Young", "King",
    "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts",
    "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
    "Morris", "Rogers", "Reed", "Cook", "Bell", "Bailey", "Cooper", "Richardson", "Cox",
    "Howard", "Ward", "Torres", "Peterson", "Gray", "Ramírez", "Ivanova", "Dubois", "Lefèvre",
]
COMPANY_WORDS = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Northwind", "Contoso", "Fabrikam",
    "Tyrell", "Cyberdyne", "Vandelay", "Wonka", "Stark", "Wayne", "Soylent", "Aperture",
    "Massive", "Oscorp", "Gringotts", "Monarch", "Dunder", "Prestige", "Bluth", "Sterling",
]
COMPANY_SUFFIXES = [
    "Labs", "Analytics", "Systems", "Health", "Robotics", "Bank", "Energy", "Studios",
    "Logistics", "Software", "Foods", "Insurance", "Media", "Security", "Bio", "Cloud",
]
INDUSTRIES = [
    "fintech", "healthcare", "developer tools", "e-commerce", "climate tech", "logistics",
    "media", "education", "cybersecurity", "biotech", "insurance", "gaming", "public sector",
]
SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"]
CITIES = [
    "Berlin", "London", "New York, NY", "San Francisco, CA", "Austin, TX", "Toronto",
    "Amsterdam", "Dublin", "Lisbon", "Singapore", "Sydney", "Remote", "Paris", "Stockholm",
]
ROLES = [
    "Director of Engineering", "Senior Software Engineer", "Staff Engineer", "Product Manager",
    "Senior Product Manager", "Head of Data", "Data Scientist", "UX Researcher",
    "Engineering Manager", "VP, Engineering", "CTO", "Technical Recruiter", "Recruiter",
    "Talent Partner", "Solutions Architect", "Developer Advocate", "Site Reliability Engineer",
    "Product Designer", "Analytics Engineer", "Machine Learning Engineer", "Founder",
]
MEDIUMS = ["video", "video", "video", "phone", "in-person"]
DURATIONS = [20, 25, 30, 30, 30, 30, 45, 45, 60]
TAGS = [
    "fintech", "climate", "data", "platform", "design", "ml", "remote", "startup",
    "big-tech", "recruiter", "alumni", "meetup", "warm-intro",
]
TOOLS = [
    "dbt", "Kubernetes", "Terraform", "Airflow", "Snowflake", "React", "PostgreSQL", "Kafka",
    "Figma", "Looker", "Spark", "Rust", "TypeScript", "Python", "Go", "Datadog",
]
CODE_SPANS = [
    "`kubectl rollout status`", "`SELECT * FROM events`", "`git bisect`", "`terraform plan`",
    "`dbt run --select staging`", "`EXPLAIN ANALYZE`", "`make release`", "`pip-compile`",
]
TOPICS = [
    "career growth", "mentorship", "the interview loop", "team structure", "on-call",
    "remote work", "the product roadmap", "hiring plans", "onboarding", "technical debt",
    "the promotion process", "customer research", "the data platform", "pairing culture",
    "budget season", "the reorg", "their migration", "what a typical week looks like",
]
QUESTIONS = [
    "What does a typical week look like for you?",
    "How did you get into {topic}?",
    "What do you wish you had known before joining {company}?",
    "How is the team organised around {topic}?",
    "Which skills matter most for someone moving into {role_lc}?",
    "How does {company} think about {topic}?",
    "What is the hardest problem your team is working on right now?",
    "How do new people ramp up on {tool}?",
    "What would you look for in a candidate coming from my background?",
    "Who else in the field do you think I should talk to?",
    "How has {topic} changed in the last two years?",
    "What does success look like in the first six months?",
    "Which communities or meetups do you find useful?",
    "How do product and engineering decide on priorities?",
    "What surprised you most about moving to {company}?",
]
NOTE_SENTENCES = [
    "{first} has been at {company_link} for about {years} years and leads work on {topic}.",
    "They moved from consulting into {topic} after a stint at a small startup.",
    "The team uses {tool} heavily and is halfway through a migration to {tool2}.",
    "{first} said the best thing I can do is build a small project that shows {topic}.",
    "Hiring is slow this quarter, but they expect to open two roles in the spring.",
    "Mentorship is informal: every new hire gets a buddy for the first month.",
    "They were candid that {topic} is a pain point and that the team is understaffed.",
    "{first} recommended reading the engineering blog, especially the posts on {topic}.",
    "The interview loop has a take-home exercise, a systems conversation and a values chat.",
    "We talked about {topic} for a while; {first} thinks it is underrated as a career path.",
    "They mentioned {other_link} as someone who made a similar switch last year.",
    "Their on-call rotation is one week in six, with a follow-the-sun handover.",
    "{first} asked about my background and suggested I frame it around {topic}.",
    "Most of the work is in {tool}; knowing {tool2} is a plus but not required.",
    "The company is growing the team behind {topic} and wants people who can write well.",
    "I should mention this conversation if I apply, since referrals get a first look.",
    "They run a quarterly planning week where anyone can pitch a project.",
    "A useful tip: the recruiter screen is mostly about motivation, not skills.",
    "Compensation bands are published internally, which {first} appreciated.",
    "{first} keeps a running doc of lessons learned and offered to share a redacted copy.",
    "We ran over time by ten minutes; {first} was generous with advice about mentorship.",
    "Their stand-up notes live in a shared doc, and decisions are written up as RFCs.",
]
BACKGROUND_SENTENCES = [
    "Works on {topic} at {company_link}.",
    "Previously spent {years} years in consulting before moving in-house.",
    "Writes occasionally about {topic} and {tool}.",
    "Studied economics, then taught themselves {tool}.",
    "Speaks at local meetups about {topic}.",
    "Known for mentoring junior people; several former reports are now leads.",
    "Active in the alumni network; replied quickly to my first email.",
    "Their team is small but has a lot of autonomy.",
    "Prefers short emails and video calls in the afternoon.",
    "Mentioned they are open to a second conversation about {topic}.",
]
COMPANY_SENTENCES = [
    "{name} builds tools for {industry} teams and has grown quickly since its last round.",
    "Engineering is organised in small product teams with a central platform group.",
    "The stack is mostly {tool} and {tool2}, with a long-running migration off a monolith.",
    "Glassdoor reviews praise the mentorship culture but mention slow promotions.",
    "Their careers page lists roles in {topic} and data engineering.",
    "The founders came from a large bank and care about compliance and reliability.",
    "Recent news: a partnership announcement and a new office in {city}.",
    "They publish a yearly engineering report with a section on {topic}.",
]
NEXT_STEPS = [
    "Send a thank-you note",
    "Read the engineering blog post on {topic}",
    "Reach out to {other_link}",
    "Update my resume to highlight {topic}",
    "Try the {tool} tutorial they recommended",
    "Check back about the spring roles",
    "Share my side project on {topic}",
]

# fmt: on


@dataclass
class Company:
    """A company note to be written."""

    name: str
    slug: str
    industry: str
    size: str
    location: str
    people: list[int] = field(default_factory=list)
    target: bool = False
    """One of the six target companies (``target: true``)."""


@dataclass
class Contact:
    """A contact note to be written."""

    name: str
    first: str
    company: int
    role: str
    email: str
    phone: str
    linkedin: str
    aliases: list[str]
    tags: list[str]
    keep_in_touch: str | None
    connection: int | None = None
    referred_by: int | None = None
    referral_source: str | None = None
    interviews: list[int] = field(default_factory=list)
    status: str = "prospect"
    folder: str = "Contacts"


@dataclass
class Interview:
    """An interview note to be written."""

    stem: str
    folder: str
    contacts: list[int]
    day: dt.date
    time_of_day: str | None
    medium: str
    duration: int
    prepared: str | None
    thank_you_sent: str | None
    follow_up_sent: str | None
    referrals: list[int] = field(default_factory=list)
    referrals_in_frontmatter: bool = False
    inline_referral: bool = False
    crlf: bool = False


def _split_counts(n: int) -> tuple[int, int, int]:
    """Return (contacts, companies, interviews) adding up to ``n``: about 55/10/35 %."""
    if n < 3:
        raise ValueError("a vault needs at least 3 notes (a contact, a company, an interview)")
    companies = max(1, round(n * 0.10))
    contacts = max(1, round(n * 0.55))
    interviews = n - contacts - companies
    if interviews < 1:
        contacts -= 1 - interviews
        interviews = 1
    return contacts, companies, interviews


def _slug(text: str) -> str:
    """Lower-case ASCII slug (accents dropped) for e-mail domains and URLs."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower().replace("'", ""))
    return "-".join(words.split())


class _Text:
    """Fills sentence templates for one note."""

    def __init__(self, rng: random.Random, **fixed: str) -> None:
        self.rng = rng
        self.fixed = fixed

    def fill(self, template: str, **extra: str) -> str:
        """Fill ``template`` with random topics/tools and the note's fixed values."""
        rng = self.rng
        tool, tool2 = rng.sample(TOOLS, 2)
        values = {
            "topic": rng.choice(TOPICS),
            "tool": tool,
            "tool2": tool2,
            "years": str(rng.randint(2, 12)),
            "city": rng.choice(CITIES),
            "industry": rng.choice(INDUSTRIES),
        }
        values.update(self.fixed)
        values.update(extra)
        return template.format(**values)

    def paragraph(self, templates: list[str], sentences: int, **extra: str) -> str:
        """A paragraph of ``sentences`` filled templates."""
        return " ".join(self.fill(self.rng.choice(templates), **extra) for _ in range(sentences))


def _plan(n: int, rng: random.Random) -> tuple[list[Company], list[Contact], list[Interview]]:
    """Decide every note's metadata (names, links, dates, referrals) before writing."""
    n_contacts, n_companies, n_interviews = _split_counts(n)

    companies: list[Company] = []
    for j in range(n_companies):
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIXES)} {j + 1}"
        companies.append(
            Company(
                name, _slug(name), rng.choice(INDUSTRIES), rng.choice(SIZES), rng.choice(CITIES),
                target=j % max(n_companies // 6, 1) == 0 and j // max(n_companies // 6, 1) < 6,
            )
        )

    contacts: list[Contact] = []
    for i in range(n_contacts):
        first, surname = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        name = f"{first} {surname} {i + 1}"
        ci = rng.randrange(n_companies)
        companies[ci].people.append(i)
        user = f"{_slug(first)}.{_slug(surname)}{i + 1}".replace("-", "")
        if rng.random() < 0.7:
            phone = f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        else:
            phone = f"0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}"
        aliases: list[str] = []
        if rng.random() < 0.2:
            aliases.append(first)
        if rng.random() < 0.1:
            aliases.append(f"{first[0]}. {surname}")
        tags = ["person", *rng.sample(TAGS, rng.randint(0, 2))]
        kit = rng.choice(["90", "3m", "2w", "60d", "6m", "180"]) if rng.random() < 0.25 else None
        contacts.append(
            Contact(
                name=name,
                first=first,
                company=ci,
                role=rng.choice(ROLES),
                email=f"{user}@{companies[ci].slug}.example",
                phone=phone,
                linkedin=f"https://www.linkedin.com/in/{_slug(first)}-{_slug(surname)}-{i + 1}",
                aliases=aliases,
                tags=tags,
                keep_in_touch=kit,
            )
        )
        if i > 0 and rng.random() < 0.1:
            contacts[i].connection = rng.randrange(i)

    # About 45 % of the contacts have been (or will be) met; interviews pick among them.
    met = rng.sample(range(n_contacts), max(1, int(n_contacts * 0.45)))
    interviews: list[Interview] = []
    taken: set[str] = set()
    for k in range(n_interviews):
        who = [rng.choice(met)]
        if n_contacts > 1 and rng.random() < 0.08:
            other = rng.randrange(n_contacts)
            if other != who[0]:
                who.append(other)
        while True:
            if rng.random() < 0.82:
                day = ANCHOR_DAY - dt.timedelta(days=rng.randint(1, 365))
            else:
                day = ANCHOR_DAY + dt.timedelta(days=rng.randint(0, 90))
            stem = f"{day.isoformat()} {contacts[who[0]].name}"
            if stem not in taken:
                taken.add(stem)
                break
        time_of_day = None
        if rng.random() < 0.25:
            hh, mm = rng.randint(8, 17), rng.choice([0, 15, 30, 45])
            time_of_day = f"{hh:02d}:{mm:02d}" + (":00" if rng.random() < 0.7 else "")
        past = day < ANCHOR_DAY
        prepared: str | None
        if past:
            prepared = "true" if rng.random() < 0.85 else None
        else:
            prepared = rng.choice(["true", "false", None, None])
        thank_you = follow_up = None
        if past:
            r = rng.random()
            if r < 0.75:
                thank_you = min(day + dt.timedelta(days=rng.randint(0, 2)), ANCHOR_DAY).isoformat()
            elif r < 0.85:
                thank_you = "true"
            if day + dt.timedelta(days=60) <= ANCHOR_DAY:
                r = rng.random()
                if r < 0.5:
                    sent = min(day + dt.timedelta(days=rng.randint(55, 75)), ANCHOR_DAY)
                    follow_up = sent.isoformat()
                elif r < 0.55:
                    follow_up = "true"
        folder = "Interviews"
        if (ANCHOR_DAY - day).days > 180 and rng.random() < 0.5:
            folder = "Interviews/Archive"
        interviews.append(
            Interview(
                stem=stem,
                folder=folder,
                contacts=who,
                day=day,
                time_of_day=time_of_day,
                medium=rng.choice(MEDIUMS),
                duration=rng.choice(DURATIONS),
                prepared=prepared,
                thank_you_sent=thank_you,
                follow_up_sent=follow_up,
                crlf=rng.random() < 0.01,
            )
        )
        for person in who:
            contacts[person].interviews.append(k)

    # Referrals: from past interviews, to contacts not yet referred by anyone.
    unreferred = list(range(n_contacts))
    rng.shuffle(unreferred)
    for iv in interviews:
        if iv.day >= ANCHOR_DAY or rng.random() >= 0.45:
            continue
        for _ in range(rng.randint(1, 3)):
            target, skipped = None, []
            while unreferred:
                candidate = unreferred.pop()
                if candidate in iv.contacts:
                    skipped.append(candidate)
                else:
                    target = candidate
                    break
            unreferred.extend(skipped)
            if target is None:
                break
            iv.referrals.append(target)
            contacts[target].referred_by = iv.contacts[0]
            contacts[target].referral_source = iv.stem
        if iv.referrals:
            iv.referrals_in_frontmatter = rng.random() < 0.3
            iv.inline_referral = rng.random() < 0.1
    # A few people were referred by e-mail introduction, without an interview note.
    for i, c in enumerate(contacts):
        if c.referred_by is None and n_contacts > 1 and rng.random() < 0.04:
            ref = rng.randrange(n_contacts)
            if ref != i:
                c.referred_by = ref

    # Status follows the interviews; folders follow status and role.
    for c in contacts:
        if c.interviews:
            days = [interviews[k].day for k in c.interviews]
            if max(days) >= ANCHOR_DAY:
                c.status = "scheduled"
            else:
                last = interviews[max(c.interviews, key=lambda k: interviews[k].day)]
                if last.follow_up_sent:
                    c.status = "following-up"
                elif (ANCHOR_DAY - last.day).days > 180 and rng.random() < 0.5:
                    c.status = "dormant"
                else:
                    c.status = "interviewed"
        elif c.referred_by is not None:
            c.status = "prospect" if rng.random() < 0.7 else "contacted"
        else:
            c.status = rng.choice(["prospect", "prospect", "contacted", "contacted", "dormant"])
        if c.status == "dormant" and rng.random() < 0.8:
            c.folder = "Contacts/Archive"
        elif "Recruit" in c.role and rng.random() < 0.7:
            c.folder = "Contacts/Recruiters"
    return companies, contacts, interviews


def _link(name: str) -> str:
    return f'"[[{name}]]"'


def _render_contact(
    c: Contact,
    contacts: list[Contact],
    companies: list[Company],
    interviews: list[Interview],
    rng: random.Random,
) -> str:
    company = companies[c.company]
    fm = ["---", "type: contact", f"name: {c.name}"]
    if c.aliases:
        fm.append("aliases:")
        fm.extend(f"  - {a}" for a in c.aliases)
    fm += [
        f"company: {_link(company.name)}",
        f"role: {c.role}",
        f"email: {c.email}",
        f'phone: "{c.phone}"',
        f"linkedin: {c.linkedin}",
        f"status: {c.status}",
    ]
    if c.connection is not None:
        fm.append(f"connection: {_link(contacts[c.connection].name)}")
    if c.referred_by is not None:
        fm.append(f"referred_by: {_link(contacts[c.referred_by].name)}")
    if c.referral_source is not None:
        fm.append(f"referral_source: {_link(c.referral_source)}")
    if c.keep_in_touch is not None:
        fm.append(f"keep_in_touch: {c.keep_in_touch}")
    if c.interviews and rng.random() < 0.2:
        last = max(interviews[k].day for k in c.interviews)
        fm.append(f"last_contact: {min(last + dt.timedelta(days=rng.randint(1, 30)), ANCHOR_DAY)}")
    fm.append("tags:")
    fm.extend(f"  - {t}" for t in c.tags)
    fm.append("---")

    text = _Text(rng, first=c.first, company_link=f"[[{company.name}]]", company=company.name)
    if c.referred_by is not None:
        how = f"Introduced by [[{contacts[c.referred_by].name}]]."
    elif c.connection is not None:
        how = f"[[{contacts[c.connection].name}]] can introduce me; they worked together."
    else:
        how = rng.choice(
            [
                "Cold email after reading their blog post.",
                "Met at a meetup; we swapped cards.",
                "Alumni network, same university.",
                "Found on LinkedIn through a shared group.",
            ]
        )
    log = [
        f"- {interviews[k].day}: conversation, see [[{interviews[k].stem}]]"
        for k in c.interviews[:4]
    ]
    tail = ["", "## How we're connected", "", how]
    if log:
        tail += ["", "## Log", "", *log]
    size = sum(len(line) + 1 for line in tail) + len(c.name) + 20
    target = rng.randint(500, 1000)
    sentences = [text.fill(rng.choice(BACKGROUND_SENTENCES))]
    size += len(sentences[0])
    while size < target - 40:
        sentences.append(text.fill(rng.choice(BACKGROUND_SENTENCES)))
        size += len(sentences[-1]) + 1
    body = [f"# {c.name}", "", "## Background", "", " ".join(sentences), *tail]
    return "\n".join(fm) + "\n" + "\n".join(body) + "\n"


def _referral_item(p: Contact, companies: list[Company], rng: random.Random) -> str:
    company = companies[p.company].name
    form = rng.random()
    if form < 0.6:
        return f"- [[{p.name}]] — {p.role} at [[{company}]], {p.email}"
    if form < 0.85:
        return f"- [[{p.name}]] ({p.role}, {company})"
    return f"- {p.name} — {p.role.lower()} at [[{company}]]"


def _render_interview(
    iv: Interview,
    contacts: list[Contact],
    companies: list[Company],
    rng: random.Random,
) -> str:
    main = contacts[iv.contacts[0]]
    company = companies[main.company]
    fm = ["---", "type: interview"]
    if len(iv.contacts) == 1:
        fm.append(f"contact: {_link(main.name)}")
    else:
        fm.append("contact:")
        fm.extend(f"  - {_link(contacts[c].name)}" for c in iv.contacts)
    date_value = iv.day.isoformat()
    if iv.time_of_day:
        date_value += "T" + iv.time_of_day
    fm += [
        f"date: {date_value}",
        f"medium: {iv.medium}",
        f"duration: {iv.duration}",
    ]
    if iv.prepared is not None:
        fm.append(f"prepared: {iv.prepared}")
    if iv.thank_you_sent is not None:
        fm.append(f"thank_you_sent: {iv.thank_you_sent}")
    if iv.follow_up_sent is not None:
        fm.append(f"follow_up_sent: {iv.follow_up_sent}")
    if iv.referrals_in_frontmatter:
        fm.append("referrals:")
        fm.extend(f"  - {_link(contacts[r].name)}" for r in iv.referrals)
    fm += ["tags:", "  - interview", "---"]

    other = contacts[rng.randrange(len(contacts))].name
    text = _Text(
        rng,
        first=main.first,
        company_link=f"[[{company.name}]]",
        company=company.name,
        role_lc=main.role.lower(),
        other_link=f"[[{other}]]",
    )
    head = [
        f"# Conversation with [[{main.name}]]",
        "",
        f"{main.role} at [[{company.name}]]. {iv.medium.capitalize()}, {iv.duration} minutes.",
        "",
        "## Questions",
        "",
    ]
    questions = rng.sample(QUESTIONS, rng.randint(2, 6))
    head.extend(f"- {text.fill(q)}" for q in questions)
    head += ["", "## Notes", ""]
    tail: list[str] = []
    if iv.referrals:
        tail += ["## Referrals", ""]
        tail.extend(_referral_item(contacts[r], companies, rng) for r in iv.referrals)
        tail.append("")
    tail += ["## Next steps", ""]
    for step in rng.sample(NEXT_STEPS, rng.randint(1, 4)):
        done = "x" if iv.day < ANCHOR_DAY and rng.random() < 0.5 else " "
        tail.append(f"- [{done}] {text.fill(step)}")
    notes: list[str] = []
    size = sum(len(line) + 1 for line in head + tail)
    if iv.day < ANCHOR_DAY:
        target = rng.randint(1500, 3000)
        if iv.inline_referral and iv.referrals:
            notes += [f"referral:: [[{contacts[iv.referrals[-1]].name}]]", ""]
            size += len(notes[0]) + 2
        while True:
            para = text.paragraph(NOTE_SENTENCES, rng.randint(2, 5))
            if rng.random() < 0.15:
                para += f" They showed me how they use {rng.choice(CODE_SPANS)} day to day."
            if rng.random() < 0.02:
                para += " Their wiki syntax is `[[Page Name]]`, same as mine."
            if notes and size + len(para) + 2 > target:
                break
            notes[:0] = [para, ""]
            size += len(para) + 2
    else:  # upcoming: research so far, no conversation notes yet
        target = rng.randint(1200, 1800)
        notes = ["Upcoming. Research so far:", ""]
        size += len(notes[0]) + 2
        while True:
            para = text.paragraph(COMPANY_SENTENCES, rng.randint(2, 3), name=company.name)
            if len(notes) > 2 and size + len(para) + 2 > target:
                break
            notes += [para, ""]
            size += len(para) + 2
    body = head + notes + tail
    out = "\n".join(fm) + "\n" + "\n".join(body) + "\n"
    if iv.crlf:
        out = out.replace("\n", "\r\n")
    return out


def _render_company(co: Company, contacts: list[Contact], rng: random.Random) -> str:
    fm = [
        "---",
        "type: company",
        f"website: https://{co.slug}.example",
        f"industry: {co.industry}",
        f"size: {co.size}",
        f"location: {co.location}",
        *(["target: true"] if co.target else []),
        "tags:",
        "  - company",
        "---",
    ]
    text = _Text(rng, name=co.name)
    body = [f"# {co.name}", "", "## Research", ""]
    target = rng.randint(700, 1600)
    size = 0
    while size < target:
        para = text.paragraph(COMPANY_SENTENCES, rng.randint(2, 4))
        body += [para, ""]
        size += len(para)
    body += ["## Open roles", ""]
    for _ in range(rng.randint(0, 3)):
        posted = ANCHOR_DAY - dt.timedelta(days=rng.randint(1, 120))
        body.append(f"- {rng.choice(ROLES)} (posted {posted})")
    body += ["", "## People", ""]
    for i in co.people[:8]:
        body.append(f"- [[{contacts[i].name}]] — {contacts[i].role}")
    return "\n".join(fm) + "\n" + "\n".join(body) + "\n"


TEMPLATES = {
    "Templates/Contact.md": (
        "---\ntype: contact\nname: {{title}}\ncompany:\nrole:\nemail:\nphone:\nlinkedin:\n"
        "status: prospect\nreferred_by:\ntags:\n  - person\ncreated: {{date}}\n---\n"
        "# {{title}}\n\n## Background\n\n## How we're connected\n\n## Log\n"
    ),
    "Templates/Interview.md": (
        "---\ntype: interview\ncontact:\ndate: {{date}}\nmedium: video\nduration: 30\n"
        "prepared: false\n---\n# Conversation with \n\n## Questions\n\n- \n\n## Notes\n\n"
        "## Referrals\n\n## Next steps\n\n- [ ] Send a thank-you note\n"
    ),
    "Templates/Company.md": (
        "---\ntype: company\nwebsite:\nindustry:\nsize:\nlocation:\n---\n# {{title}}\n\n"
        "## Research\n\n## Open roles\n\n## People\n"
    ),
}

OBSIDIAN_FILES = {
    ".obsidian/app.json": '{\n  "alwaysUpdateLinks": true,\n  "newFileFolderPath": "Contacts"\n}\n',
    ".obsidian/core-plugins.json": '[\n  "file-explorer",\n  "templates",\n  "properties"\n]\n',
    ".obsidian/templates.json": '{\n  "folder": "Templates"\n}\n',
    ".obsidian/workspace.json": '{\n  "main": {"id": "a1b2c3", "type": "split"},\n'
    '  "lastOpenFiles": ["Contacts/Jane Doe 1.md"]\n}\n',
    ".obsidian/plugins/dataview/manifest.json": '{"id": "dataview", "version": "0.5.67"}\n',
    ".obsidian/snippets/wide.md": "Not a note: inside a hidden folder.\n",
    ".trash/Deleted contact.md": "---\ntype: contact\nname: Deleted Person\n---\nGone.\n",
}


def make_vault(root: Path, n: int, seed: int = 0) -> None:
    """Write a synthetic vault of ``n`` notes under ``root`` (created if missing).

    About 55 % contacts (``Contacts/``, ``Contacts/Archive/``, ``Contacts/Recruiters/``), 10 %
    companies (``Companies/``) and 35 % interviews (``Interviews/``, ``Interviews/Archive/``),
    plus three templates in ``Templates/``, an empty ``.infoview/config.toml``, an ``.obsidian/``
    folder, a ``.trash/`` folder and a few non-note files. The same ``n`` and ``seed`` always
    give the same files. Existing files with the same names are overwritten; nothing is deleted.
    """
    rng = random.Random(seed)
    companies, contacts, interviews = _plan(n, rng)
    root = Path(root)
    for folder in (
        "Contacts/Archive",
        "Contacts/Recruiters",
        "Companies",
        "Interviews/Archive",
        "Templates",
        ".infoview",
        "Attachments",
    ):
        (root / folder).mkdir(parents=True, exist_ok=True)

    def write(rel: str, text: str) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    for co in companies:
        write(f"Companies/{co.name}.md", _render_company(co, contacts, rng))
    for c in contacts:
        write(f"{c.folder}/{c.name}.md", _render_contact(c, contacts, companies, interviews, rng))
    for iv in interviews:
        write(f"{iv.folder}/{iv.stem}.md", _render_interview(iv, contacts, companies, rng))

    for rel, text in TEMPLATES.items():
        write(rel, text)
    for rel, text in OBSIDIAN_FILES.items():
        write(rel, text)
    write(".infoview/config.toml", "")
    (root / "Attachments" / "resume.pdf").write_bytes(b"%PDF-1.4\n% benchmark placeholder\n")
    (root / "Attachments" / "org chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    write("Contacts/draft.md.tmp", "half-written editor temp file\n")
    write("Contacts/scratch.md~", "editor backup file\n")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``make_vault.py DIR --notes N [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder to write the vault into")
    parser.add_argument("--notes", type=int, default=1000, help="number of notes (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.notes < 3:
        parser.error("--notes must be at least 3")
    start = time.perf_counter()
    make_vault(args.dir, args.notes, args.seed)
    contacts, companies, interviews = _split_counts(args.notes)
    print(
        f"wrote {args.notes} notes ({contacts} contacts, {companies} companies, "
        f"{interviews} interviews) to {args.dir} in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
