"""Storage exceptions: the CLI turns these into one-line errors."""


class StorageError(Exception):
    """The database cannot be opened, reached, or read as a jobmatch database."""


class DatabaseUnavailable(StorageError):
    """The database server dropped or refused the connection (restarted, down, unreachable)
    after the database was opened: what was committed stays, the write under way does not."""
