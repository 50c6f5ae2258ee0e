"""The matcher's exceptions."""


class MatcherError(Exception):
    """Base class for matcher errors."""


class ProfileError(MatcherError):
    """A CV profile file is missing, not TOML, or has a wrong key or value."""
