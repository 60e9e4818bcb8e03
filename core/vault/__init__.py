"""Layer 3, the vault on disk: finding it, walking its files, what type a note is, how a link
resolves, and safe names for new notes.

May import: the layers below (model, config, parse) and this package.
"""
