"""Layer 4, the index: the SQLite file outside the vault that holds every note's parse, its
links and names, and full-text search (:mod:`~infoview.index.store` reads it,
:mod:`~infoview.index.sync` brings it up to date); the plugins' state beside it.

May import: the layers below (model, config, parse, vault) and this package.
"""
