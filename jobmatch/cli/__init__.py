"""The command line: `jobmatch [--config PATH] [--db URL] COMMAND`. One module per family of
commands: app (shared parts), fetch (run, fetch, import, match, export, eval, demo), matches
(matches, show, open, mark, forget, report), admin (init, config, profile, db, sources, runs,
schedule, cron-line), boards (boards search/add/discover/verify/update).

Exit codes: 0 ok, 1 some sources failed (or another run holds the lock), 2 bad input or
config. Errors the user can fix are one line on stderr; tracebacks only for bugs, or -v.
"""

from __future__ import annotations

import signal
import sys

from sqlalchemy.exc import OperationalError
from typer.exceptions import Abort, TyperException

from jobmatch.cli import admin, boards, fetch, insights, matches  # noqa: F401  (register commands)
from jobmatch.cli.app import EXIT_BAD_INPUT, EXIT_SOURCES_FAILED, app, err
from jobmatch.errors import JobmatchError
from jobmatch.lock import RunLocked
from matcher.errors import MatcherError
from scraper.errors import SourceError
from storage.errors import DatabaseUnavailable, StorageError

__all__ = ["app", "main"]


def _terminated(signum: int, frame: object) -> None:
    # SIGTERM (a service manager, a shutdown) ends the run like Ctrl-C: the fetch closes
    # its runs as interrupted and says so (typer turns the rest into exit 130).
    raise KeyboardInterrupt("SIGTERM")


def main() -> None:
    """Console entry point: user errors become one line and exit 2, never a traceback."""
    verbose = any(arg in ("-v", "-vv", "--verbose") for arg in sys.argv[1:])
    signal.signal(signal.SIGTERM, _terminated)
    try:
        # Not standalone: a usage error (an unknown option, a value of the wrong type) comes
        # back here to be said in one line like every other bad input, not as a box.
        code = app(standalone_mode=False)
    except TyperException as e:
        context = getattr(e, "ctx", None)
        command = context.command_path if context is not None else "jobmatch"
        err.print(f"error: {command}: {e.format_message()}", markup=False, style="red")
        sys.exit(e.exit_code)
    except Abort:  # end of input at a prompt
        sys.exit(EXIT_SOURCES_FAILED)
    except RunLocked as e:
        err.print(f"error: {e}", markup=False, style="red")
        sys.exit(EXIT_SOURCES_FAILED)
    except (OperationalError, DatabaseUnavailable) as e:  # locked, disk full, read-only; gone
        if verbose:
            raise
        err.print(
            f"error: {_database_failure(e)}: what was stored before is kept; try again",
            markup=False,
            style="red",
        )
        sys.exit(EXIT_SOURCES_FAILED)
    except (JobmatchError, MatcherError, StorageError, SourceError) as e:
        if verbose:
            raise
        err.print(f"error: {e}", markup=False, style="red")
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(code if isinstance(code, int) else 0)


def _database_failure(error: OperationalError | DatabaseUnavailable) -> str:
    if isinstance(error, DatabaseUnavailable):  # names its server
        return str(error)
    return f"the database failed ({str(error.orig or error).strip().splitlines()[0]})"


if __name__ == "__main__":
    main()
