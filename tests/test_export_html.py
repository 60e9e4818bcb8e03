"""``infoview export html``: the self-contained report page, through the command line.

Each page is parsed with the standard library's ``html.parser`` and checked for what a reader
relies on: nothing is loaded from the network, every contact and every open reminder is there,
the referral graph has one node per person and one arrow per referral, note text is inert
however hostile, the same vault gives the same bytes, and an empty vault gives a page too. When
Debian's ``chromium`` is installed, one test also renders the page to a PNG.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, RunProcess, note

from infoview.plugins.exports.svg import NODE_H, NODE_W, fit

STATUSES = ["prospect", "contacted", "scheduled", "interviewed", "following-up", "dormant"]
VOID = {"meta", "br", "wbr", "hr", "img", "input", "link", "source", "col", "area", "base"}
SVG_SELF_CLOSING = {"rect", "path", "circle", "line", "polyline", "polygon", "ellipse", "use",
                    "stop"}
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section",
        "nav", "div", "p", "h1", "h2", "h3", "ul", "ol", "li", "a", "span", "b", "code", "time",
        "bdi", "br", "wbr", "details", "summary", "table", "thead", "tbody", "tr", "th", "td",
        "svg", "defs", "marker", "g", "rect", "path", "text"}
ATTRIBUTES = {"lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "title",
              "datetime", "style", "aria-label", "aria-labelledby", "aria-hidden", "scope",
              "data-label", "xmlns", "role", "width", "height", "viewbox", "refx", "refy",
              "markerwidth", "markerheight", "orient", "d", "x", "y", "rx", "transform",
              "marker-end", "stroke-width", "stroke-linejoin"}


# -- reading a page -----------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def iter(self) -> list[Element]:
        out = [self]
        for child in self.children:
            out += child.iter()
        return out

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag and (cls is None or cls in e.classes)]


class Page(HTMLParser):
    """A page as a tree of elements; fails on a misnested or unclosed element."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.start_tags: list[tuple[str, dict[str, str]]] = []
        self.doctype = ""
        self.feed(source)
        self.close()
        assert [e.tag for e in self.stack] == ["#document"], "unclosed elements"

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        assert len(values) == len(attrs), f"repeated attribute in <{tag}>"
        self.start_tags.append((tag, values))
        element = Element(tag, values)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in SVG_SELF_CLOSING | VOID, f"<{tag}/> is not self-closing in HTML"
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}>"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        target = self.stack[-1]
        if target.children:
            target.children.append(Element("#text", {}, data))
        else:
            target.text += data

    # what the tests look at

    def text(self) -> str:
        return self.root.all_text()

    def section(self, ident: str) -> Element:
        found = [e for e in self.root.iter() if e.attrs.get("id") == ident]
        assert len(found) == 1, ident
        return found[0]

    def by_id(self) -> dict[str, Element]:
        return {e.attrs["id"]: e for e in self.root.iter() if "id" in e.attrs}

    def nodes(self) -> list[Element]:
        return [g for g in self.root.find("g", "node")]

    def edges(self) -> list[Element]:
        return self.root.find("path", "edge")

    def node_names(self) -> list[str]:
        """The full name of each graph node (tooltip: ``NAME · STATUS[ · N conversations]``)."""
        return [re.sub(r" · [^·]+( · \d+ conversations?)?$", "", g.find("title")[0].all_text())
                for g in self.nodes()]

    def contact_rows(self) -> list[Element]:
        return self.section("contacts").find("tr")[1:]


def export(run: Run, vault: Path, *extra: str, today: str = TODAY) -> Page:
    result = run("export", "html", "--vault", vault, "--today", today, *extra)
    assert result.code == 0, (result.out, result.err)
    assert "Traceback" not in result.err, result.err
    page = Page(result.out)
    assert page.doctype.lower() == "doctype html"
    return page


def json_of(run: Run, *args: str | Path) -> Any:
    result = run(*args, "--json")
    assert result.code == 0, (result.out, result.err)
    return result.json()


def example(run: Run, tmp_path: Path) -> Path:
    vault = tmp_path / "Job search"
    assert run("init", "--example", vault, "--today", TODAY).code == 0  # dated from TODAY
    return vault


def contact(name: str | None = None, *, status: str = "prospect", referred_by: str = "",
            extra: str = "") -> str:
    lines = "type: contact\n"
    if name is not None:
        lines += f"name: {name}\n"
    lines += f"status: {status}\n"
    if referred_by:
        lines += f'referred_by: "[[{referred_by}]]"\n'
    return note(lines + extra, "## About\n\nMet at a meetup.\n")


def overlapping(page: Page) -> list[tuple[str, str]]:
    """Pairs of graph nodes whose boxes overlap."""
    boxes = []
    for g in page.nodes():
        x, y = (float(v) for v in re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\)",
                                                g.attrs["transform"]).groups())  # type: ignore[union-attr]
        boxes.append((x, y, g.find("title")[0].all_text()))
    boxes.sort()
    clashes = []
    for i, (x1, y1, a) in enumerate(boxes):
        for x2, y2, b in boxes[i + 1:]:
            if x2 >= x1 + NODE_W:
                break
            if abs(y2 - y1) < NODE_H:
                clashes.append((a, b))
    return clashes


# -- the example vault ---------------------------------------------------------------------------


def test_example_vault_page_has_every_part(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    page = export(run, vault)
    title = page.root.find("title")[0].all_text()
    assert "Job search" in title and TODAY in title
    header = page.root.find("header")[0].all_text()
    assert "Job search" in header and "Wednesday 25 November 2026" in header
    for ident in ("pipeline", "due", "referrals", "contacts"):
        page.section(ident)

    # the pipeline: the contract's statuses, in order, with their people
    stages = page.section("pipeline").find("li", "stage")
    labels = [s.find("span", "label")[0].all_text() for s in stages]
    assert labels[:6] == [s.replace("-", " ") for s in STATUSES]
    contacts = json_of(run, "list", "--vault", vault)["contacts"]
    for stage, status in zip(stages, STATUSES, strict=False):
        wanted = sorted(c["name"] for c in contacts if c["status"] == status)
        assert sorted(a.all_text() for a in stage.find("a")) == wanted
        assert stage.find("span", "n")[0].all_text() == str(len(wanted))

    # the contacts table: every contact, once, with its details
    rows = page.contact_rows()
    assert [r.find("th")[0].all_text() for r in rows] == sorted(c["name"] for c in contacts)
    by_name = {r.find("th")[0].all_text(): r for r in rows}
    for c in contacts:
        cells = {td.attrs["data-label"]: td.all_text() for td in by_name[c["name"]].find("td")}
        assert cells["Company"] == (c["company"] or "—")
        assert cells["Role"] == (c["role"] or "—")
        assert cells["Status"] == (c["status"] or "—")
        assert cells["Email"] == (c["email"] or "—")
    grace = {td.attrs["data-label"]: td.all_text() for td in by_name["Grace Liu"].find("td")}
    assert grace["Last interaction"] == "2026-10-21 35 days ago"
    assert grace["Next reminder"].startswith("keep-in-touch") and "5 days late" in grace[
        "Next reminder"]


def test_every_open_reminder_appears_overdue_first(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    page = export(run, vault)
    reminders = json_of(run, "due", "--vault", vault, "--today", TODAY,
                        "--within", "100000")["reminders"]
    assert len(reminders) >= 8
    items = page.section("due").find("li", "reminder")
    assert [i.attrs["id"] for i in items] == [f"r-{r['id']}" for r in reminders]
    for item, reminder in zip(items, reminders, strict=True):
        assert item.find("span", "what")[0].all_text() == reminder["sentence"]
        assert item.find("span", "kind")[0].all_text() == reminder["kind"]
        assert item.find("time")[0].attrs["datetime"] == reminder["due"]
        when = item.find("span", "when")[0].all_text()
        late = reminder["days_late"]
        if late:
            assert "late" in item.classes
            assert when == f"{late} day{'s' if late > 1 else ''} late"
    # overdue, then the next 7 days, then the later ones folded away in <details>
    later = page.section("due").find("details", "later")[0]
    ahead = [r for r in reminders
             if r["due"] > "2026-12-02"]  # more than 7 days after TODAY
    assert ahead and [i.attrs["id"] for i in later.find("li", "reminder")] == [
        f"r-{r['id']}" for r in ahead]
    headings = [h.all_text() for h in page.section("due").find("h3")]
    assert headings[0].startswith("Overdue") and headings[1].startswith("Next 7 days")


def test_today_is_honoured(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    page = export(run, vault, today="2026-12-01")
    assert "Tuesday 1 December 2026" in page.root.find("header")[0].all_text()
    assert "2026-12-01" in page.root.find("title")[0].all_text()
    whens = [s.all_text() for s in page.section("due").find("span", "when")]
    assert "11 days late" in whens  # Grace Liu's keep-in-touch, due 2026-11-20


def test_referral_graph_of_the_example(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    page = export(run, vault)
    trees = json_of(run, "referrals", "--vault", vault)["trees"]

    def walk(node: dict[str, Any]) -> list[tuple[str, str | None]]:
        return [(node["name"], None)] + [
            pair for child in node["referred"]
            for pair in [(child["name"], node["name"]), *walk(child)[1:]]]

    pairs = [pair for tree in trees for pair in walk(tree)]
    people = sorted(name for name, _ in pairs)
    assert sorted(page.node_names()) == people
    assert len(page.edges()) == sum(1 for _, referrer in pairs if referrer)
    edge_titles = sorted(e.find("title")[0].all_text() for e in page.edges())
    assert edge_titles == sorted(f"{ref} referred {name}" for name, ref in pairs if ref)
    svg = page.root.find("svg")[0]
    assert svg.attrs["role"] == "img" and "3 referrals" in svg.attrs["aria-label"]
    # each node links to its contact's row
    ids = page.by_id()
    for g_link in page.section("referrals").find("a"):
        if g_link.find("g", "node"):
            row = ids[g_link.attrs["href"][1:]]
            assert row.tag == "tr"
    assert not overlapping(page)


# -- what must never happen ---------------------------------------------------------------------

HOSTILE_NAMES = {
    "Script Kid": "<script>alert(1)</script>",
    "Quote Breaker": '"><img src=x onerror=alert(1)>',
    "Fox": "🦊 Fox Müller 👩‍💻",
    "Dana": "דנה לוי",
    "Amp": "Tom & Jerry &amp; ]]> Co",
}


def hostile_vault(make_vault: MakeVault) -> Path:
    return make_vault({
        "Contacts/Script Kid.md": contact(
            "'<script>alert(1)</script>'", status="interviewed",
            extra="company: 'AT&T <b>bold</b> ]]>'\nrole: \"Head of <iframe src=//evil>\"\n"
                  "email: 'x@example.com\"><svg onload=alert(1)>'\n"),
        "Contacts/Quote Breaker.md": contact(
            "'\"><img src=x onerror=alert(1)>'", referred_by="Script Kid",
            extra="role: \"javascript:alert(1)\"\nemail: \"javascript:alert(1)//@x.example\"\n"),
        "Contacts/Fox.md": contact("🦊 Fox Müller 👩‍💻", status="contacted",
                                   referred_by="Quote Breaker"),
        "Contacts/Dana.md": contact("דנה לוי", status="scheduled", referred_by="Script Kid",
                                    extra="role: מנהלת מוצר\n"),
        "Contacts/Amp.md": contact("'Tom & Jerry &amp; ]]> Co'", status="<b>weird</b>",
                                   referred_by="Dana"),
        "Interviews/2026-11-24 Script Kid.md": note(
            'type: interview\ncontact: "[[Script Kid]]"\ndate: 2026-11-24\nmedium: video\n',
            "## Notes\n\nTalked.\n"),
        ".infoview/config.toml": "",
    })


def test_hostile_values_come_out_inert(make_vault: MakeVault, run: Run) -> None:
    vault = hostile_vault(make_vault)
    result = run("export", "html", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    raw = result.out
    lowered = raw.lower()
    for bad in ("<script", "<img", "<iframe", "<svg onload", "<b>bold", "<b>weird", "]]>"):
        assert bad not in lowered, bad
    page = Page(raw)
    for tag, attrs in page.start_tags:
        assert tag in TAGS, tag
        assert set(attrs) <= ATTRIBUTES, (tag, attrs)
        for name in ("href", "src"):
            value = attrs.get(name, "#")
            assert value.startswith(("#", "mailto:")), value
    text = page.text()
    for shown in HOSTILE_NAMES.values():
        assert shown in text, shown  # shown to the reader exactly, as text
    rows = {r.find("th")[0].all_text(): r for r in page.contact_rows()}
    assert set(rows) == set(HOSTILE_NAMES.values())
    kid = {td.attrs["data-label"]: td.all_text()
           for td in rows["<script>alert(1)</script>"].find("td")}
    assert kid["Company"] == "AT&T <b>bold</b> ]]>"
    assert kid["Role"] == "Head of <iframe src=//evil>"
    assert kid["Email"] == 'x@example.com"><svg onload=alert(1)>'
    for row in rows.values():  # only an address that looks like one is a link
        emails = [td for td in row.find("td") if td.attrs["data-label"] == "Email"]
        assert not emails[0].find("a")
    # the graph: every hostile name in full in a tooltip, and in (cut) node text
    assert sorted(page.node_names()) == sorted(HOSTILE_NAMES.values())
    assert len(page.edges()) == 4
    # the reminders name the person as text too
    sentences = [s.all_text() for s in page.section("due").find("span", "what")]
    assert any("<script>alert(1)</script>" in s for s in sentences)
    # and a reminder's sentence as a tooltip attribute is still just text
    titles = [attrs["title"] for _t, attrs in page.start_tags if "title" in attrs]
    assert any("<script>alert(1)</script>" in t for t in titles)


def test_no_external_resource(make_vault: MakeVault, run: Run,
                              tmp_path: Path) -> None:
    for vault in (example(run, tmp_path), hostile_vault(make_vault)):
        result = run("export", "html", "--vault", vault, "--today", TODAY)
        raw = result.out
        page = Page(raw)
        for tag, attrs in page.start_tags:
            assert tag not in {"link", "script", "img", "iframe", "object", "embed", "image",
                               "use", "source", "video", "audio", "base", "form"}, tag
            for name, value in attrs.items():
                if name in {"src", "href", "xlink:href", "action", "poster", "srcset", "data"}:
                    assert not re.match(r"\s*(https?:|//|data:|javascript:)", value, re.I), value
        # note text is escaped, so a raw "<" only ever starts a real tag
        assert not re.search(r"""<[^>]*\s(src|href)\s*=\s*["']?\s*(https?:)?//""", raw, re.I)
        styles = "".join(s.all_text() for s in page.root.find("style"))
        assert "@import" not in styles and "url(" not in styles and "@font-face" not in styles
        style_attrs = " ".join(a.get("style", "") for _t, a in page.start_tags)
        assert "url(" not in style_attrs
        policy = [a["content"] for t, a in page.start_tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert policy and "default-src 'none'" in policy[0] and "script-src" not in policy[0]


# -- the graph ----------------------------------------------------------------------------------


def test_graph_with_a_cycle_a_self_referral_and_isolated_people(
        make_vault: MakeVault, run: Run) -> None:
    long_name = "Maximiliane Theodora Wolkenstein-Rodenegg von Habsburg"
    vault = make_vault({
        "Contacts/Ann.md": contact(),
        "Contacts/Ben.md": contact(referred_by="Ann"),
        "Contacts/Cat.md": contact(referred_by="Ann"),
        "Contacts/Dov.md": contact(long_name, referred_by="Cat"),
        "Contacts/Xia.md": contact(referred_by="Zed"),
        "Contacts/Yan.md": contact(referred_by="Xia"),
        "Contacts/Zed.md": contact(referred_by="Yan"),
        "Contacts/Self.md": contact(referred_by="Self"),
        "Contacts/Isolde.md": contact(status="dormant"),
    })
    page = export(run, vault)
    names = page.node_names()
    assert sorted(names) == sorted(["Ann", "Ben", "Cat", long_name, "Xia", "Yan", "Zed"])
    edges = page.edges()
    assert len(edges) == 6
    assert len([e for e in edges if "back" in e.classes]) == 1  # the step closing the loop
    assert not overlapping(page)
    hint = page.section("referrals").all_text()
    assert "2 people with no referral either way are not drawn" in hint
    # the long name is cut in the picture, whole in its tooltip and in the table
    dov = next(g for g in page.nodes() if g.find("title")[0].all_text().startswith(long_name))
    label = dov.find("text")[0].all_text()
    assert label.endswith("…") and long_name.startswith(label[:-1]) and len(label) < 30
    assert long_name in [r.find("th")[0].all_text() for r in page.contact_rows()]
    # the chains as a list: every drawn person once
    chains = page.section("referrals").find("details", "chains")[0]
    assert sorted(li.find("a")[0].all_text() for li in chains.find("li")) == sorted(names)


def test_a_big_vault_stays_readable(make_vault: MakeVault, run: Run) -> None:
    files = {}
    for i in range(330):
        referrer = f"Person {(i - 40) // 3:03d}" if i >= 40 else ""
        files[f"Contacts/Person {i:03d}.md"] = contact(
            status=STATUSES[i % 6], referred_by=referrer,
            extra=f"email: person{i}@example.com\nkeep_in_touch: 30\n"
                  f"last_contact: 2026-{1 + i % 11:02d}-15\n")
    vault = make_vault(files)
    page = export(run, vault)
    assert len(page.contact_rows()) == 330
    assert len(page.nodes()) == 330 and len(page.edges()) == 290
    assert not overlapping(page)
    svg = page.root.find("svg")[0]
    assert float(svg.attrs["width"]) <= 1010  # five columns: as wide as the page
    assert "tall" in page.section("referrals").find("div", "graph")[0].classes
    reminders = json_of(run, "due", "--vault", vault, "--today", TODAY,
                        "--within", "100000")["reminders"]
    ids = page.by_id()
    assert all(f"r-{r['id']}" in ids for r in reminders)
    # a long overdue list shows the first ones and folds the rest
    more = page.section("due").find("details", "more")
    assert more and "more overdue" in more[0].find("summary")[0].all_text()


@pytest.mark.parametrize(("name", "cut"), [
    ("Ann", "Ann"),
    ("An Extraordinarily Long Name For A Card", "An Extraordinarily…"),
    ("👩‍💻" * 30, None),
    ("e\u0301" * 60, None),
])
def test_fit_cuts_long_names_between_characters(name: str, cut: str | None) -> None:
    shown = fit(name)
    if cut is not None:
        assert shown == cut
    else:
        assert shown.endswith("…") and name.startswith(shown[:-1])
        assert not shown[:-1].endswith("\u200d") and shown[-2] != "e"


# -- the page as a file -------------------------------------------------------------------------


def test_empty_vault_gives_a_page_that_says_so(make_vault: MakeVault,
                                                run: Run) -> None:
    vault = make_vault({})
    page = export(run, vault)
    text = page.text()
    assert "Nothing here yet" in text
    assert "No contacts yet." in text and "no open reminders" in text and "No referrals yet" in text
    assert not page.root.find("svg") and not page.root.find("table")
    assert page.root.find("title")[0].all_text() == f"vault · infoview report · {TODAY}"


def test_output_is_deterministic(make_vault: MakeVault,
                                 run_process: RunProcess) -> None:
    vault = hostile_vault(make_vault)
    args = ("export", "html", "--vault", vault, "--today", TODAY)
    first, second = run_process(*args), run_process(*args)
    assert first.code == second.code == 0, first.err
    assert first.out == second.out and len(first.out) > 5000


def test_output_file(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    target = tmp_path / "report.html"
    result = run("export", "html", "--vault", vault, "--today", TODAY, "-o", target)
    assert result.code == 0, result.err
    assert result.out == "" and "Wrote" in result.err
    printed = run("export", "html", "--vault", vault, "--today", TODAY).out
    assert target.read_text(encoding="utf-8") == printed
    Page(printed)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_chromium_renders_the_page(run: Run, tmp_path: Path) -> None:
    vault = example(run, tmp_path)
    page = tmp_path / "report.html"
    assert run("export", "html", "--vault", vault, "--today", TODAY, "-o", page).code == 0
    png = tmp_path / "report.png"
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,2000",
         f"--screenshot={png}", page.as_uri()],
        capture_output=True, timeout=180, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    assert png.exists(), done.stderr.decode(errors="replace")[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


# -- the page at every width ---------------------------------------------------------------------

LONG_WORD = "Wolfeschlegelsteinhausenbergerdorff" * 3
"""A value with no place to break a line."""


def crowded_vault(make_vault: MakeVault) -> Path:
    """23 contacts with long names, roles, companies and addresses, each with a reminder."""
    files = {}
    for i in range(23):
        name = (f"Maximiliana Alexandrovna Konstantinopolskaya-{LONG_WORD[:40]} {i}" if i % 4 == 0
                else f"Person {i} Withaverylongfamilyname")
        extra = (f"company: Internationalization Consolidated Holdings {i}\n"
                 "role: Senior Principal Staff Engineering Manager, Platform Infrastructure\n"
                 f"email: maximiliana.konstantinopolskaya.{i}@internationalization.example\n"
                 f"keep_in_touch: 30\nlast_contact: 2026-10-{1 + i % 9:02}\n")
        files[f"Contacts/C{i}.md"] = contact(f'"{name}"', status=STATUSES[i % 6], extra=extra)
    files["Contacts/Long.md"] = contact(f'"{LONG_WORD}"', extra=f"role: {LONG_WORD}\n"
                                        f"email: {LONG_WORD}@example.com\nkeep_in_touch: 9\n"
                                        "last_contact: 2026-10-01\n")
    return make_vault(files)


MEASURE = """
const rect = e => { const b = e.getBoundingClientRect(); return [b.left, b.right, b.width]; };
const wrap = document.querySelector('#contacts .table-wrap');
parent.postMessage(JSON.stringify({
  viewport: window.innerWidth,
  page: document.documentElement.scrollWidth,
  wrap: [wrap.scrollWidth, wrap.clientWidth].concat(rect(wrap)),
  last: Array.from(document.querySelectorAll('#contacts tbody tr > :last-child'), rect),
  cells: Array.from(document.querySelectorAll('#contacts tbody td, #contacts tbody th'), rect),
}), '*');
"""


def rendered(page: Path, width: int, tmp_path: Path) -> dict[str, Any]:
    """What Chromium measures of ``page`` shown ``width`` CSS pixels wide: the page in a frame
    of that width (headless Chromium's windows are at least 500 wide), with a script (allowed
    in this copy only) that posts the measures to the frame's parent, which --dump-dom prints."""
    text = page.read_text(encoding="utf-8").replace(
        "style-src 'unsafe-inline'", "style-src 'unsafe-inline'; script-src 'unsafe-inline'")
    framed = tmp_path / f"framed-{width}.html"
    framed.write_text(text.replace("</body>", f"<script>{MEASURE}</script></body>"),
                      encoding="utf-8")
    outer = tmp_path / f"outer-{width}.html"
    outer.write_text(
        '<!doctype html><html><body style="margin:0"><pre id="out"></pre>'
        f'<iframe src="{framed.name}" width="{width}" height="900" style="border:0"></iframe>'
        '<script>addEventListener("message", e => {'
        'document.getElementById("out").textContent = e.data; });</script></body></html>',
        encoding="utf-8")
    profile = tmp_path / f"chromium-profile-{width}"
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--hide-scrollbars",
         "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom",
         outer.as_uri()], capture_output=True, text=True, timeout=180, check=False)
    shutil.rmtree(profile, ignore_errors=True)
    found = re.search(r'<pre id="out">(\{.*?\})</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    measured: dict[str, Any] = json.loads(html.unescape(found[1]))
    return measured


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_stays_in_its_box_at_every_width(make_vault: MakeVault, run: Run,
                                                  tmp_path: Path, width: int) -> None:
    page = tmp_path / "report.html"
    vault = crowded_vault(make_vault)
    assert run("export", "html", "--vault", vault, "--today", TODAY, "-o", page).code == 0
    measured = rendered(page, width, tmp_path)
    assert measured["viewport"] == width
    assert measured["page"] <= width, measured["page"]  # nothing widens the page
    scroll_width, client_width, left, right, _ = measured["wrap"]
    assert scroll_width <= client_width  # the table fits its box: no sideways scroll
    assert len(measured["last"]) == 24
    for cell_left, cell_right, cell_width in measured["last"]:  # Next reminder, in full view
        assert cell_width > 0 and left - 0.5 <= cell_left and cell_right <= right + 0.5
    for _left, cell_right, _width in measured["cells"]:
        assert cell_right <= width + 0.5


def test_control_characters_are_left_out(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ctl.md": contact('"Ann\\0 \\eLee\\x7f"', referred_by="Bob",
                                   extra='role: "a\\x01b\\u0085c"\n'),
        "Contacts/Bob.md": contact('"Bob\\e[31m Red"')})
    result = run("export", "html", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    bad = [ch for ch in result.out if (ord(ch) < 32 and ch not in "\t\n") or 127 <= ord(ch) < 160]
    assert bad == []
    text = Page(result.out).text()
    assert "Ann Lee" in text and "Bob[31m Red" in text and "abc" in text
