"""Config `type` → source class."""

from __future__ import annotations

from scraper.base import Source, SourceConfig
from scraper.errors import UnknownSourceType
from scraper.greenhouse import GreenhouseSource

SOURCES: dict[str, type[Source]] = {cls.type: cls for cls in (GreenhouseSource,)}


def source_class(type_name: str) -> type[Source]:
    try:
        return SOURCES[type_name]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSourceType(f"unknown source type {type_name!r}; known: {known}") from None


def build_source(config: SourceConfig) -> Source:
    return source_class(config.type)(config)
