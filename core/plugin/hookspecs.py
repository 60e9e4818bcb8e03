"""Every hook a plugin can implement. Hooks are called with keyword arguments only.

A plugin is a module or object with functions marked ``@infoview.hookimpl`` whose names and
parameters match the specs below (a plugin may accept fewer parameters than a spec offers).
``docs/plugins.md`` documents each hook with an example; a test checks that stays true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from infoview.app.session import Session
    from infoview.model.note import NoteChanges, Problem
    from infoview.model.reminders import Register
    from infoview.plugin import exporters, importers, settings

hookspec = pluggy.HookspecMarker("infoview")


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add Click commands (or groups) to the ``infoview`` command line.

    Called once, when the command line is built, before any command runs. A command reaches
    the vault through :func:`infoview.cli.options.session_options` (see docs/plugins.md).

    :param cli: the top-level ``infoview`` group; call ``cli.add_command(...)`` or decorate
        functions with ``@cli.command()``; ``cli.add_lazy_command(name, "module:attribute")``
        imports the command's module only when it runs (start-up then stays fast).
    """


@hookspec
def sync_after_index(session: Session, changes: NoteChanges) -> None:
    """Do the plugin phase of ``infoview sync``: the index is up to date, now act on it.

    Called once per ``infoview sync`` (and once per batch in ``infoview watch``), after the
    index has been brought up to date and before the summary is printed. Read commands do not
    call it. When ``session.dry_run`` is true, plan and print changes but write nothing. After
    each plugin's hook the sync indexes the notes it wrote through ``session.writer``, so the
    next plugin reads them: never call the indexer (``session.refresh``) from a hook.

    :param session: the vault, its config, "today" and its up-to-date index.
    :param changes: the notes this sync found added, changed and removed
        (:class:`~infoview.model.note.NoteChanges`; ``changes.everything`` when every note was
        read again): a plugin that reacts to notes can look only at those. A note read
        since the plugin last ran but not in this sync (a read command refreshed the index in
        between) is not in it: keep your own watermark (``session.index.read_since``) if that
        matters.
    """


@hookspec
def sync_generated_notes(session: Session) -> None:
    """Write the generated notes (under the ``generated`` folder, ``Infoview/``) of ``sync``.

    Called once per ``infoview sync``, after every plugin's :func:`sync_after_index`, so that
    what it writes reflects the notes as the other plugins left them (the sync has indexed
    what they wrote). Write through :class:`infoview.write.generated.GeneratedNote`: an
    unchanged note is not written again, a user's own file of that name is never replaced, and
    :func:`infoview.model.markdown.inline` keeps values from notes one inert line.

    :param session: the vault, its config, "today" and its up-to-date index.
    """


@hookspec
def doctor_problems(session: Session) -> list[Problem]:
    """Return the problems this plugin finds in the vault, for ``infoview doctor``.

    Called once per ``infoview doctor`` run, with the index up to date. Each returned
    :class:`~infoview.model.note.Problem` is printed as ``path:line: message``; any problem other
    than a ``warning`` makes doctor exit with status 1.

    :param session: the vault, its config and its up-to-date index.
    :return: a list of problems (empty when all is well).
    """
    raise NotImplementedError


@hookspec
def register_reminder_kinds(register: Register) -> None:
    """Add kinds of reminder (``infoview due``, ``Infoview/Reminders.md``, ``infoview done``).

    Called once per command that needs reminders. Call ``register(ReminderKind(name, compute))``
    for each kind; ``compute(session)`` returns the open
    :class:`~infoview.model.reminders.Reminder`s
    of that kind from ``session.index`` (each with its due date, sentence, note, people and the
    :class:`~infoview.model.reminders.Closing` property that closes it). A name already registered
    by another plugin is an error naming both plugins; a ``compute`` that raises is reported by its
    plugin's name and the other kinds still show.

    :param register: the callback that adds a :class:`~infoview.model.reminders.ReminderKind`.
    """


@hookspec
def register_exporters(register: exporters.Register) -> None:
    """Add export formats (``infoview export FORMAT``, listed by ``infoview export --list``).

    Called once per command that needs the formats. Call
    ``register(Exporter(name, render, description=..., suffix=..., options=...))`` for each;
    ``render(session, options)`` returns the whole document (``str`` or ``bytes``) from
    ``session.index``, which is up to date. A name already registered by another plugin is an
    error naming both plugins (built-in formats win).

    :param register: the callback that adds an :class:`~infoview.plugin.exporters.Exporter`.
    """


@hookspec
def register_importers(register: importers.Register) -> None:
    """Add import sources (``infoview import SOURCE FILE``, listed by ``infoview import --list``).

    Called once per command that needs the sources. Call
    ``register(Importer(name, read, description=..., options=..., source_label=...))`` for
    each (``source_label``: what a new note's ``imported_from`` says);
    ``read(path, options)`` returns a :class:`~infoview.plugin.importers.ReadResult`: the people in
    the file and the records skipped with a reason. infoview then matches each person to the vault's
    contacts and makes notes for the new ones, the same way for every source.

    :param register: the callback that adds an :class:`~infoview.plugin.importers.Importer`.
    """


@hookspec
def register_settings(register: settings.Register) -> None:
    """Declare this plugin's settings: the keys of its ``[plugins.NAME]`` table in the vault's
    ``.infoview/config.toml`` (NAME is the plugin's name).

    Called once per command, when the vault is opened. Call
    ``register(PluginSetting(name, default, help, check=None))`` for each. infoview then checks
    the table: a key you did not declare is a one-line warning, a value of another type than the
    default's (or one your ``check`` refuses: it returns the reason) a one-line error; and
    ``session.config.plugin_settings(NAME)`` gives every declared key, the defaults filled in.
    ``infoview plugins --settings`` lists them.

    :param register: the callback that adds a :class:`~infoview.plugin.settings.PluginSetting`.
    """
