"""One vault as a command sees it: where it is, its config, "today", its plugins and its index."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.config.settings import Config, load_config
from infoview.index.store import Index
from infoview.model.errors import UsageError
from infoview.plugin.host import PluginHost, make_plugin_manager
from infoview.vault.layout import find_vault, index_path, journal_path, state_path

if TYPE_CHECKING:  # imported when first used: a read command never writes
    from infoview.index.state import VaultState
    from infoview.index.sync import IndexReport, Progress
    from infoview.write.journal import Journal
    from infoview.write.writer import NoteWriter


def parse_today(value: str | None) -> dt.date:
    """``--today``/``$INFOVIEW_TODAY`` (``YYYY-MM-DD``), else the local date."""
    value = value or os.environ.get("INFOVIEW_TODAY") or None
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"today must be a date like 2026-11-25, not {value!r}") from None


@dataclass
class Session:
    """Everything a command or a plugin needs to work on one vault."""

    vault: Path
    config: Config
    today: dt.date
    plugins: PluginHost
    warn: Callable[[str], None] = lambda _message: None
    _dry_run: bool = field(default=False, repr=False)
    command: str = "infoview"
    """What the journal calls this run (``infoview sync``); given at :meth:`open`."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Plugins may keep what they computed from the index here; emptied on every refresh."""
    _index: Index | None = field(default=None, repr=False)
    _writer: NoteWriter | None = field(default=None, repr=False)
    _journal: Journal | None = field(default=None, repr=False)
    _state: VaultState | None = field(default=None, repr=False)

    @classmethod
    def open(cls, vault: str | Path | None = None, *, today: str | None = None,
             plugins: PluginHost | None = None,
             warn: Callable[[str], None] = lambda _message: None, dry_run: bool = False,
             command: str = "infoview") -> Session:
        """Find the vault (``vault``, ``$INFOVIEW_VAULT``, or upward from here), read its config,
        load its plugins. ``dry_run`` is fixed here, for the whole session: every write is then
        only planned (see :attr:`dry_run`); ``command`` names the run in the journal."""
        path = find_vault(vault)
        config = load_config(path)
        for message in config.warnings:
            warn(message)
        if plugins is None:
            plugins = make_plugin_manager(disabled=config.disabled_plugins, vault=path)
        for message in plugins.apply_settings(config):
            warn(message)
        return cls(vault=path, config=config, today=parse_today(today), plugins=plugins,
                   warn=warn, _dry_run=dry_run, command=command)

    @property
    def dry_run(self) -> bool:
        """Under ``--dry-run`` writes are planned and shown as diffs, never made. Fixed when
        the session is opened (``Session.open(..., dry_run=True)``), so that every write of
        the session agrees: it cannot be changed afterwards."""
        return self._dry_run

    @property
    def index_file(self) -> Path:
        return index_path(self.vault)

    def refresh(self, *, full: bool = False, progress: Progress | None = None,
                paths: Collection[str] | None = None) -> IndexReport:
        """Bring the index up to date (reading only what changed; with ``paths``, looking only
        at those files when that is enough). Writes no note."""
        from infoview.index.sync import update_index

        if self._index is not None:
            self._index.close()
            self._index = None
        self.cache.clear()
        return update_index(self.vault, self.config, self.index_file, full=full,
                            progress=progress, warn=self.warn, paths=paths)

    def new_run(self) -> None:
        """Start a new run of writes (``infoview watch`` makes one per batch): a fresh writer
        report, and a new journal run so that ``infoview undo`` reverts one batch."""
        self._writer = None
        if self._journal is not None:
            self._journal.start(self.command)

    @property
    def index(self) -> Index:
        """The open index (call :meth:`refresh` first to be sure it is current)."""
        if self._index is None:
            self._index = Index.open(self.index_file, self.warn)
        return self._index

    @property
    def writer(self) -> NoteWriter:
        """The one way to change notes in this run (see :mod:`infoview.write.writer`): journaled,
        atomic, checked; under ``--dry-run`` it only collects diffs."""
        if self._writer is None:
            from infoview.write.writer import NoteWriter

            self._writer = NoteWriter(self.vault, None if self.dry_run else self.journal,
                                      dry_run=self.dry_run)
        return self._writer

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from infoview.write.journal import Journal

            self._journal = Journal(journal_path(self.vault))
            self._journal.start(self.command)
        return self._journal

    @property
    def state(self) -> VaultState:
        """What plugins remember across index rebuilds (beside the index, outside the vault)."""
        if self._state is None:
            from infoview.index.state import VaultState

            self._state = VaultState(state_path(self.vault))
        return self._state

    def close(self) -> None:
        if self._state is not None:
            self._state.close()
            self._state = None
        if self._index is not None:
            self._index.close()
            self._index = None
        if self._journal is not None:
            self._journal.close()
            self._journal = None
