"""Built-in plugin: the method's own steps, one command each.

- ``infoview new contact|company|interview``: a note from the vault's template
  (:mod:`~infoview.plugins.workflow.new_cmd`);
- ``infoview prep NAME [--write]``: a preparation sheet and suggested questions
  (:mod:`~infoview.plugins.workflow.prep_cmd`, from the question bank
  ``Templates/Questions.md``: :mod:`~infoview.plugins.workflow.questions`);
- ``infoview draft thank-you|follow-up|outreach NAME``: a message from the notes
  (:mod:`~infoview.plugins.workflow.drafts`);
- ``infoview status``: the pipeline, this week, what is due
  (:mod:`~infoview.plugins.workflow.status_report`), also written as ``Infoview/Dashboard.md``
  on every sync (:mod:`~infoview.plugins.workflow.dashboard`);
- on sync, a contact's status follows its interviews
  (:mod:`~infoview.plugins.workflow.status_moves`).
"""

from __future__ import annotations

from typing import Any

from infoview import hookimpl
from infoview.api import Session

COMMANDS = {"new": "new_cmd:new_group", "prep": "prep_cmd:prep_command",
            "draft": "draft_cmd:draft_command", "status": "status_cmd:status_command"}


@hookimpl
def register_commands(cli: Any) -> None:
    """The commands are imported when one of them runs, not at every start-up."""
    for name, target in COMMANDS.items():
        cli.add_lazy_command(name, f"{__name__}.{target}")


@hookimpl
def sync_after_index(session: Session) -> None:
    from infoview.plugins.workflow.status_moves import move_statuses

    move_statuses(session)


@hookimpl(trylast=True)
def sync_generated_notes(session: Session) -> None:
    """The dashboard last: it shows the reminders as the other generated notes left them (a
    box ticked in Reminders.md is closed by then)."""
    from infoview.plugins.workflow.dashboard import update_dashboard

    update_dashboard(session)
