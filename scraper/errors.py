"""The scraper's exceptions. httpx errors are converted to these at the boundary."""


class SourceError(Exception):
    """Base class: something went wrong fetching or reading one source."""


class FetchError(SourceError):
    """The board could not be reached or answered with an error status."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class NotModified(FetchError):
    """A conditional request answered 304: the board has not changed since the last fetch."""


class RobotsDisallowed(FetchError):
    """robots.txt asks crawlers like us to keep away from this URL."""


class NotFoundError(FetchError):
    """The board answered 404: usually a wrong token or slug in the config."""


class ParseError(SourceError):
    """A page arrived but not in the shape the board documents."""


class UnknownSourceType(SourceError):
    """The config names a `type` no source class is registered for."""
