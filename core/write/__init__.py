"""Layer 5, writing: the one way infoview changes a user's files (:mod:`~infoview.write.writer`:
surgical, atomic, checked, journaled), the edits it makes (frontmatter, body sections,
templates), generated notes, the journal and undo, and export files.

May import: the layers below (model, config, parse, vault, index) and this package.
"""
