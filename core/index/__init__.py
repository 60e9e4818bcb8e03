"""The SQLite index of a vault: schema, reading, incremental updates, link resolution."""
