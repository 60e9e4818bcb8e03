"""Layer 2, parsing: the bytes of a note in, a :class:`~infoview.model.note.Note` out (YAML
frontmatter, the Markdown body's headings, items, links and fields). Pure: no files, no index.

May import: :mod:`infoview.model`, :mod:`infoview.config` and this package.
"""
