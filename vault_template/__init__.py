"""The files ``infoview init`` copies into a vault (templates, default config, the example)."""
