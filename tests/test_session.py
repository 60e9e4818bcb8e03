"""The session a command opens: its options are fixed when it is opened."""

from __future__ import annotations

import pytest
from helpers import MakeVault

from infoview.app.session import Session


def test_dry_run_is_fixed_when_the_session_opens(make_vault: MakeVault) -> None:
    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    session = Session.open(vault, dry_run=True, command="infoview test")
    try:
        assert session.dry_run and session.writer.dry_run
        assert session.writer.journal is None  # a dry run journals nothing
        session.writer.edit("Contacts/Ann.md", lambda data: data + b"more\n", reason="test")
        assert (vault / "Contacts/Ann.md").read_text() == "---\ntype: contact\n---\n"
        assert session.writer.report.written == ["Contacts/Ann.md"]
        with pytest.raises(AttributeError):
            session.dry_run = False  # type: ignore[misc]
    finally:
        session.close()
    plain = Session.open(vault)
    try:
        assert not plain.dry_run and not plain.writer.dry_run
        assert plain.command == "infoview"
    finally:
        plain.close()
