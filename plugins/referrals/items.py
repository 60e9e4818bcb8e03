"""One referral item (a list item under ``## Referrals``, a ``referrals:`` entry, a ``referral::``
field) read into a :class:`ReferralItem`. Pure: no I/O, no index.

A task box (``[ ] ``, ``[x] ``) and a ``referral:: `` prefix are dropped first. Then, wherever
they are: the first LinkedIn profile URL (any subdomain, normalised by
:func:`~infoview.model.linkedin.find_linkedin`), the first email address, the first phone number
(7 to 15 digits; dates and year ranges are not phones).

**The person** is the item's leading name: a run of capitalised words (particles ``de van von da
di la le del du bin al``…, ``al-``/``d'`` prefixes, hyphens, apostrophes, initials ``J.``, any
script, and after the first word numbers standing alone: ``Kofi García 1153``), after an
optional verb phrase (``Talk to``, ``Ask``, ``Contact``, ``Reach out to``,
``Meet``, ``Intro to``…). A name ends at a separator, at a lowercase word, or at a role word
(``Sam Ortiz Recruiter at Initech``); a name that runs into a word it cannot hold (``Dana
Wu2``) is not read at all, never cut to ``Dana``. Without a leading name, or when the name runs
straight into a link (``Check [[Dana Wu]]``), the person is the first wikilink (name: its
target's last path part, ``.md`` dropped). No name and no link: ``None``. The leading name wins
over a later link, so ``Sam Ortiz at [[Initech]]`` is Sam at Initech, not a person called
Initech.

**Role and company**, right after the person (each read at most once, in any order):

1. ``NAME — ROLE at COMPANY``: ``Priya — Director of Engineering at [[Globex]]``; the separator
   may be ``—`` ``–`` `` - `` ``,`` ``:`` ``;``, and ``@``/``from`` may stand for ``at``.
2. ``NAME (ROLE, COMPANY)``, ``NAME (ROLE at COMPANY)``, ``NAME (COMPANY, ROLE)``, and one phrase
   ``NAME (X)``. One phrase is a *role* when it holds a role word (Engineer, Manager, Director,
   Recruiter, Designer, CTO, CEO, VP, Head, Lead, Founder, Analyst, Scientist, Developer, PM,
   Partner, Principal, Staff, Senior, Intern, Consultant, Architect, Researcher, Product,
   Marketing, Sales, Counsel…) in at most 6 words and no pronoun or verb (``she``, ``is``,
   ``works``…); else a *company* when it is a ``[[link]]`` or wholly capitalised words
   (``Initech``, ``Bank of America``, ``AT&T``); else it stays in ``note``.
3. ``NAME, ROLE, COMPANY``: ``Lee Park, CTO, Acme`` (the same phrase rule; a part after the
   company is note).
4. ``NAME at COMPANY``, ``NAME from COMPANY``, ``NAME @ COMPANY``: ``Ana at Stripe``. The company
   is a link or a run of words that each hold a capital (``Google Cloud``, ``eBay``; ``of``,
   ``&``, ``the``… between them); ``the data team`` and ``5pm`` are not companies.
5. ``NAME, ROLE at COMPANY``: ``Sam, Recruiter at [[Initech]]``.

A descriptor runs to the next ``—``, ``–``, `` - ``, ``;``, ``|`` or ``(``. Everything else (a
verb phrase, a later sentence, other URLs, a second email, a person link's alias that is not part
of the name) is kept in ``note``, fragments joined by `` … ``: no word written is lost, except the
connectors ``at``/``from``, a ``mailto:``/``tel:`` scheme, and the parts of a LinkedIn URL that
normalisation drops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from infoview.api import WIKILINK_RE, find_linkedin, split_wikilink


@dataclass(frozen=True)
class ReferralItem:
    name: str  # "Priya Raman"; for [[Ana Lima|Ana]], "Ana Lima"
    link: str | None  # the wikilink target when the person was a link
    role: str | None  # "Director of Engineering"
    company: str | None  # "Globex", also when written [[Globex]]
    company_link: str | None  # "Globex" when written [[Globex]]
    email: str | None  # the first address
    phone: str | None  # the first phone number, as written
    linkedin: str | None  # https://www.linkedin.com/in/<slug>
    note: str  # what was not understood, fragments joined by " … "; "" if nothing
    text: str  # the item as written (stripped)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PRIVATE = 0xF0000  # a protected span (a link, a URL) stands in the text as one private-use char
_PRIVATE_RE = re.compile("[\U000f0000-\U000ffffd]")
_PREFIX_RE = re.compile(r"\s*(?:[-*+]\s+)?(?:\[[ xX/-]\]\s+|referrals?::\s*)*", re.I)
_URL_RE = re.compile(r"(?<!\w)(?:https?://|www\.)"
                     r"[^\s<>()\[\]{}\"'\U000f0000-\U000ffffd]+", re.I)
_EMAIL_RE = re.compile(r"(?<![\w.+%-])(?:mailto:)?[\w.+%-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_PHONE_RE = re.compile(r"(?<![\w+@/.:=#%-])(?:tel:)?(?:\+ ?|00)?(?:\(\d{1,5}\) ?)?"
                       r"\d(?:[ .-]?(?:\(\d{1,5}\)|\d))+(?![\w@])")
_VERB_RE = re.compile(
    r"(?:talk(?:ing)?\s+(?:to|with)|speak\s+(?:to|with)|chat\s+with|reach\s+out\s+to|follow\s+up"
    r"\s+with|connect\s+with|(?:get\s+an?\s+)?intro(?:duction)?\s+to|introduce\s+me\s+to|meet"
    r"(?:\s+with)?|ask(?:\s+for)?|contact|ping|email|call)\b[\s:]*", re.I)
_NAME_WORD_RE = re.compile(r"(\s*)((?:[^\W\d_]+(?:['’-][^\W\d_]+)*(?:\.|(?![\w'’-])))"
                           r"|\d+(?![\w'’./:-]|,\d))")
"""A word of a name: letters (``O'Neil``, ``Mary-Jane``, ``J.``), or, after the first, a number
standing alone (``Kofi García 1153``, ``Ref 000 B``), never one in a date or ``2nd``."""
_GLUED_RE = re.compile(r"(?:al|el|d|l|da|de|di|du)['’-][^\W\d_]", re.I)
_PARTICLES = _set("de van von der den da di la le del della du dos das bin binti ibn al el "
                  "ter ten")
_NOT_NAMES = _set("A An The I He She They We You It My Our His Her Their This That These "
                  "Those Maybe Perhaps Possibly Also Note Notes See Thanks Todo TODO If When "
                  "Referral Referrals Someone Somebody")
_ROLE_RE = re.compile(
    r"\b(?:engineer\w*|manag\w*|director|recruit\w*|design\w*|c[tefoimp]o|ciso|[se]?vp|head|"
    r"lead|founder|co-?founder|analyst|scientist|develop\w*|t?pm|partner|principal|staff|senior"
    r"|intern|consultant|architect|research\w*|product|marketing|sales|counsel|president|officer"
    r"|chief|owner|associate|advis[oe]r|specialist|coordinator|executive|programmer|sre|swe|hr"
    r"|talent|operations|ops|hiring|editor|writer|professor|mentor|investor)\b", re.I)
_NOT_ROLE = _set("i me my she he they her his their we our you is was are were can could "
                 "will would said says who which knows works worked")
_CONNECT = _set("of and & the for de du des la le y und et")
_CO_WORD_RE = re.compile(r"\s*([^\W_][\w&'’.+-]*|&)")
_ABBREV_RE = re.compile(r"(?:[A-Z]\.)+|(?:Inc|Co|Corp|Ltd|Bros|LLC|Pty)\.")
_AT_RE = re.compile(r"(?:^|\s+)(?:(?:at|from)\s+|@\s*)", re.I)
_SEP_RE = re.compile(r"\s*(?:[—–:,;|]|--?(?=\s))\s*")
_MAJOR_RE = re.compile(r"[—–;|(]|\s--?\s")
_EMPTIED_RE = re.compile(r"\(\s*[,;]?\s*\)|<\s*>|\[\s*\]")


class _Run(NamedTuple):
    """A person or company read: ``link`` is a wikilink's target (``name``: its last path part,
    no ``.md``); ``extra``: its subpath and alias when they add words; ``rest``: the text after."""

    name: str
    link: str | None
    extra: str
    rest: str


@dataclass
class _Fields:
    role: str | None = None
    company: _Run | None = None
    notes: list[str] = field(default_factory=list)

    def take(self, found: tuple[str | None, _Run | None, list[str]] | None) -> bool:
        if found is None or (found[0] and self.role) or (found[1] and self.company):
            return False
        self.role, self.company = found[0] or self.role, found[1] or self.company
        self.notes += found[2]
        return True


MAX_ITEM_CHARS = 2000
"""A longer item is not read as a referral (no person is written about at such length, and
reading it costs time)."""


def parse_referral(text: str) -> ReferralItem | None:
    """Read one referral item; ``None`` when it names no plausible person, when its leading
    name would be cut short (``Dana Wu2``: a name is never taken for a part of itself) or when
    it is longer than :data:`MAX_ITEM_CHARS`."""
    if len(text) > MAX_ITEM_CHARS:
        return None
    s = _PRIVATE_RE.sub(" ", _PREFIX_RE.sub("", text.strip(), count=1))
    linkedin = None
    if found := find_linkedin(s):
        linkedin, s = found.url, s[:found.start] + " " + s[found.end:]
    raws: dict[str, str] = {}
    links: dict[str, _Run] = {}

    def protect(m: re.Match[str]) -> str:
        ch = chr(_PRIVATE + len(raws))
        raws[ch] = m[0]
        if m.re is not WIKILINK_RE or m[1]:  # a URL, an embed: kept as written
            return ch
        target, sub, alias = split_wikilink(m[2])
        name = re.sub(r"\.md$", "", target.replace("\\", "/").rsplit("/", 1)[-1], flags=re.I)
        if name.strip():
            words = set(re.findall(r"\w+", name))
            extra = [b for b in (sub, alias) if not set(re.findall(r"\w+", b)) <= words]
            links[ch] = _Run(name.strip(), target, " ".join(extra), "")
        return ch

    s = _URL_RE.sub(protect, WIKILINK_RE.sub(protect, s))
    email = phone = None
    if em := _EMAIL_RE.search(s):
        email, s = re.sub("^mailto:", "", em[0], flags=re.I), s[: em.start()] + " " + s[em.end():]
    for m in _PHONE_RE.finditer(s):
        groups = re.findall(r"\d+", m[0])
        date = (len(groups) <= 3 and all(len(g) in (1, 2, 4) for g in groups) and "+" not in m[0]
                and any(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups))
        if 7 <= sum(map(len, groups)) <= 15 and not date:
            phone = re.sub("^tel:", "", m[0], flags=re.I).strip()
            s = s[: m.start()] + " " + s[m.end():]
            break
    body = _tidy(s).lstrip(" \t\n,;:—–|-").rstrip()
    verb = _VERB_RE.match(body)
    lead, body = (body[: verb.end()], body[verb.end():]) if verb else ("", body)
    person = _leading_name(body)
    if person is not None and _cut_short(person.rest):
        return None
    if person is None or person.rest.lstrip()[:1] in links:  # no name, or ``Check [[Dana]]``
        at = next((i for i, ch in enumerate(body) if ch in links), None)
        if at is None:
            return None
        person, lead = links[body[at]]._replace(rest=body[at + 1:]), lead + body[:at]
    f = _Fields(notes=[lead, person.extra])
    f.notes.append(_read_tail(person.rest, links, f))
    co = f.company

    def restore(t: str) -> str:
        return _PRIVATE_RE.sub(lambda m: raws.get(m[0], " "), t)

    pieces = [_clean(restore(n)) for n in f.notes]
    return ReferralItem(
        name=person.name, link=person.link,
        role=_clean(restore(f.role)) or None if f.role else None,
        company=co.name if co else None, company_link=co.link if co else None,
        email=email, phone=phone, linkedin=linkedin,
        note=" … ".join(p for p in pieces if p), text=text.strip())


def _leading_name(s: str) -> _Run | None:
    """The name at the start of ``s``, or ``None``."""
    pos = end = 0
    first = True
    while m := _NAME_WORD_RE.match(s, pos):
        word = m[2].rstrip(".")
        if not m[1] and not first and s[pos - 1:pos] != ".":
            break
        if word[0].isdigit() and first:
            return None  # a name starts with a letter
        if word.lower() in _PARTICLES and word[0].islower():
            pass  # a particle belongs to the name only when a capitalised word follows
        elif not word[0].islower() or _GLUED_RE.match(word):
            if first and (word in _NOT_NAMES or _ROLE_RE.fullmatch(word)):
                return None
            if not first and (_ROLE_RE.fullmatch(word) or word in ("At", "From", "And", "Or")):
                break
            end = m.end()
        else:
            break
        first, pos = False, m.end()
    if not end:
        return None
    last = s[:end].split()[-1]
    if last.endswith(".") and len(last) > 2 and last[:-1] not in ("Jr", "Sr", "Dr", "St"):
        end -= 1
    return _Run(" ".join(s[:end].split()), None, "", s[end:])


def _cut_short(rest: str) -> bool:
    """Does the leading name stop inside a word of it? ``Dana Wu2``, ``Lee R2D2``: a capitalised
    word with a digit or ``_`` glued on, which the name cannot hold; taking ``Dana`` alone would
    be a part of the name written. (Numbers standing alone are part of the name: ``Kofi García
    1153``; a date or ``2nd`` after it is a note.)"""
    if not rest[:1].isspace():
        return False
    words = rest.split(None, 1)
    first = words[0] if words else ""
    return bool(first) and first[0].isupper() and any(
        char.isdigit() or char == "_" for char in first)


def _company_run(t: str, links: dict[str, _Run]) -> _Run | None:
    """A company at the start of ``t``: a link, or capitalised words (``of``, ``&``… between)."""
    s = t.lstrip()
    if s[:1] in links:
        return links[s[0]]._replace(rest=s[1:])
    words: list[tuple[str, int]] = []
    pos = 0
    while len(words) < 6 and (m := _CO_WORD_RE.match(s, pos)):
        word, pos = m[1], m.end()
        capital = any(c.isalpha() and not c.islower() for c in word)
        if not capital and (not words or word not in _CONNECT):
            break
        if word.endswith(".") and not _ABBREV_RE.fullmatch(word):
            words.append((word[:-1], pos - 1))
            break
        words.append((word, pos))
    while words and words[-1][0] in _CONNECT:
        words.pop()
    if not words:
        return None
    return _Run(" ".join(w for w, _ in words), None, "", s[words[-1][1]:])


def _role_like(p: str) -> bool:
    words = p.split()
    return (0 < len(words) <= 6 and bool(_ROLE_RE.search(p))
            and not any(w.lower() in _NOT_ROLE for w in words))


def _descriptor(chunk: str, links: dict[str, _Run]
                ) -> tuple[str | None, _Run | None, list[str]] | None:
    """Role, company and what is left of one descriptor (``ROLE at CO``, ``ROLE, CO``, ``X``)."""
    parts = chunk.split(",")
    role: str | None = None
    co: _Run | None = None
    left: list[str] = []
    at = _AT_RE.search(parts[0])
    if at:
        before = parts[0][: at.start()].strip()
        run = _company_run(parts[0][at.end():], links)
        if run and (not before or _role_like(before)):
            role, co, parts = before or None, run, parts[1:]
            left += [run.extra, run.rest]
    if role is None and co is None:
        one = parts.pop(0).strip()
        run = _company_run(one, links)
        if _role_like(one):
            role = one
        elif run and not run.rest.strip():
            co, left = run, [run.extra]
        else:
            return None
        nxt = _company_run(parts[0], links) if parts and co is None else None
        if nxt:
            co, parts = nxt, parts[1:]
            left += [nxt.extra, nxt.rest]
        elif parts and role is None and _role_like(parts[0]):
            role, parts = parts[0].strip(), parts[1:]
    return role, co, [*left, ", ".join(parts)]


def _read_tail(t: str, links: dict[str, _Run], f: _Fields) -> str:
    """Read role and company from the start of ``t`` into ``f``; return the rest."""
    while True:
        m = _PAREN_RE.match(t)
        if m and f.take(_descriptor(m[1], links)):
            t = t[m.end():]
            continue
        m = _AT_RE.match(t)
        run = _company_run(t[m.end():], links) if m and f.company is None else None
        if m and run:
            f.company, t = run, run.rest
            f.notes.append(run.extra)
            continue
        m = _SEP_RE.match(t)
        start = m.end() if m else len(t) - len(t.lstrip()) if _ROLE_RE.match(t.lstrip()) else -1
        if start >= 0 and (f.role is None or f.company is None):
            stop = _MAJOR_RE.search(t, start)
            end = stop.start() if stop else len(t)
            if f.take(_descriptor(t[start:end], links)):
                t = t[end:]
                continue
        return t


_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
_EMPTY_LINK_RE = re.compile(r"\[([^\]]*)\]\(\s*\)")
_ENDS_RE = re.compile(r"^[\s,;:.—–|/)\]-]+|[\s,;:—–|/(\[-]+$")


def _tidy(t: str) -> str:
    """``t`` without the brackets emptied by taking a detail out: ``[label]( )``, ``( )``."""
    return _EMPTIED_RE.sub(" ", _EMPTY_LINK_RE.sub(r"\1", t))


def _clean(t: str) -> str:
    """A note fragment, tidied, runs of spaces made one and end separators removed."""
    return _ENDS_RE.sub("", " ".join(_tidy(t).split()))
