"""Layer 6, the plugin host: the hook specifications, finding and registering plugins (entry
points, vault-local plugins), calling hooks so a failing plugin is named, and the registries
plugins fill (export formats, import sources, reminder kinds).

May import: the layers below and this package (annotations may name the app layer's
:class:`~infoview.app.session.Session`).
"""
