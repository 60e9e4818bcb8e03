"""Built-in plugins: ordinary plugins, registered through the ``infoview`` entry-point group."""
