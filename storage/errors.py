"""Storage exceptions: the CLI turns these into one-line errors."""


class StorageError(Exception):
    """The database cannot be opened, reached, or read as a jobmatch database."""
