"""Storage: sqlmodel tables, the engine, and the queries the CLI needs."""
