"""jobmatch: the composition root (config, pipeline, CLI, scheduler)."""

__version__ = "0.1.0"
