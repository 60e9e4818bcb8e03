"""Layer 7, the application: a :class:`~infoview.app.session.Session` on one vault, a sync (index,
plugins, generated notes), the watcher, ``init``, importing people, new notes and reminders.

May import: every layer below and this package; never :mod:`infoview.cli`.
"""
