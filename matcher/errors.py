"""The matcher's exceptions."""


class MatcherError(Exception):
    """Base class for matcher errors."""


class ProfileError(MatcherError):
    """A CV profile file is missing, not TOML, or has a wrong key or value."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]  # every problem, one line each
