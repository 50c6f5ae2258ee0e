"""Where jobmatch finds its config and keeps its data, so it works from any folder.

The config is `--config` (or `$JOBMATCH_CONFIG`), else `./config.toml`, else the user's
config folder (`~/.config/jobmatch/config.toml` on Linux). With none, the documented
defaults apply and the database lives in the user's data folder.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "jobmatch"


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def find_config(explicit: Path | None) -> Path | None:
    """The config file to read: `explicit` as given (it must exist: the loader says so),
    else the first of ./config.toml and the user's config file that exists, else None."""
    if explicit is not None:
        return explicit
    for candidate in (Path("config.toml"), user_config_dir() / "config.toml"):
        if candidate.is_file():
            return candidate
    return None
