"""Layer 1, the configuration: ``.infoview/config.toml``, its settings and their defaults.

May import: :mod:`infoview.model` and this package.
"""
