"""The ``infoview`` command line: one module per command group."""
