"""The composition root's exceptions. The CLI prints each as one line and exits 2."""


class JobmatchError(Exception):
    """Base class for errors the user can fix (bad config, bad input)."""


class ConfigError(JobmatchError):
    """The config file is missing, not TOML, or has a wrong key or value."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]  # every problem, one line each


class InputError(JobmatchError):
    """A file given on the command line cannot be used."""
