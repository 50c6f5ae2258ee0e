"""The weekly career insights in the nightly digest (`[notify] insights = "weekly"`): when
they are due for a profile, and the file that remembers when each profile's last went out.

The file (INSIGHTS_FILE, JSON: profile name → the start of the night they were sent, UTC)
lives in the folder of the run lock, beside the config (or in the user's data folder when
there is none), and is written only by a run holding that lock, only after a channel
delivered. A failed send leaves it as it was, so the insights are due again the next
night. Deleting the file makes them due tonight.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

INSIGHTS_FILE = "jobmatch-insights-sent.json"
EVERY = timedelta(days=7)
# A nightly cron starts at the same local time, give or take start-up jitter and an hour
# for a daylight-saving change: measured strictly, the 7th night's run could fall a few
# minutes short of 7 days and push the insights to the 8th night.
SLACK = timedelta(hours=3)


def is_due(last_sent: datetime | None, now: datetime) -> bool:
    """Due when never sent, or at least a week (less SLACK) ago. A `last_sent` in the
    future (a clock set back) counts as long ago rather than silencing them for good."""
    return last_sent is None or not (now - EVERY + SLACK < last_sent <= now)


@dataclass(frozen=True)
class SentLedger:
    """When each profile's weekly insights were last sent, kept in `path`."""

    path: Path

    def last_sent(self, profile: str) -> datetime | None:
        value = self._read().get(profile)
        if value is None:
            return None
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            log.warning("%s: %r for %s is not a time; insights due", self.path, value, profile)
            return None
        return when if when.tzinfo is not None else when.replace(tzinfo=UTC)

    def due(self, profile: str, now: datetime) -> bool:
        return is_due(self.last_sent(profile), now)

    def record(self, profile: str, when: datetime) -> None:
        """Remember `when` for `profile`, keeping the other profiles' times. Written to a
        temporary file and renamed over the old one: a crash leaves one or the other whole.
        Raises OSError when the folder cannot be written."""
        sent = self._read() | {profile: when.astimezone(UTC).isoformat()}
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(sent, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:  # unreadable: the insights go out, and rewrite it
            log.warning("%s: cannot read (%s); weekly insights are due", self.path, e)
            return {}
        if not isinstance(data, dict):
            log.warning("%s: not a JSON object; weekly insights are due", self.path)
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str)}
