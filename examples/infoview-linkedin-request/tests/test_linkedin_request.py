"""The plugin through infoview's command line, with infoview's own test fixtures
(infoview.testing: infoview_vault, infoview_plugin, infoview_run)."""

from __future__ import annotations

import pytest

import infoview_linkedin_request as plugin

JANE = "---\ntype: contact\n---\n"
TALK = '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n'


@pytest.fixture
def vault(infoview_vault, infoview_plugin):
    infoview_plugin(plugin, "linkedin-request")
    return infoview_vault({"Contacts/Jane Doe.md": JANE,
                           "Interviews/2026-11-20 Jane Doe.md": TALK})


def requests(infoview_run, vault, today="2026-11-25"):
    result = infoview_run("due", "--vault", vault, "--today", today, "--json",
                          load=["reminders"])  # due comes from the built-in reminders plugin
    assert result.code == 0, result.err
    return [r for r in result.json()["reminders"] if r["kind"] == "linkedin-request"]


def test_due_three_days_after_the_conversation(vault, infoview_run):
    [reminder] = requests(infoview_run, vault)
    assert reminder["due"] == "2026-11-23"
    assert reminder["sentence"] == "Send a LinkedIn connection request to Jane Doe"
    assert reminder["closes"] == {"path": "Contacts/Jane Doe.md", "field": "linkedin_requested"}


def test_done_closes_it(vault, infoview_run):
    [reminder] = requests(infoview_run, vault)
    done = infoview_run("done", reminder["id"], "--vault", vault, "--today", "2026-11-25")
    assert done.code == 0, done.err
    assert "linkedin_requested: 2026-11-25" in (vault / "Contacts/Jane Doe.md").read_text()
    assert requests(infoview_run, vault) == []


def test_a_known_profile_needs_no_request(vault, infoview_run):
    (vault / "Contacts/Jane Doe.md").write_text(
        "---\ntype: contact\nlinkedin: https://www.linkedin.com/in/jane\n---\n")
    assert requests(infoview_run, vault) == []


def test_the_days_come_from_the_config(vault, infoview_run):
    (vault / ".infoview/config.toml").write_text('[plugins.linkedin-request]\ndays = 7\n')
    [reminder] = requests(infoview_run, vault)
    assert reminder["due"] == "2026-11-27"


def test_a_bad_setting_is_a_one_line_error(vault, infoview_run):
    (vault / ".infoview/config.toml").write_text('[plugins.linkedin-request]\ndays = -1\n')
    result = infoview_run("due", "--vault", vault)
    assert result.code == 2
    assert "plugins.linkedin-request.days must be 0 or more, not -1" in result.err
    (vault / ".infoview/config.toml").write_text('[plugins.linkedin-request]\nday = 7\n')
    result = infoview_run("due", "--vault", vault)
    assert "unknown key plugins.linkedin-request.day" in result.err
