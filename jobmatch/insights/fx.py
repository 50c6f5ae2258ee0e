"""Pay on one scale: annualised, in the profile's currency, by the fixed table in
`jobmatch/data/fx.toml` (its date and where its rates come from are in the file)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jobmatch.errors import ConfigError

# Paid periods as a year of them: 40 hours × 52 weeks, as the matcher reads hourly pay too.
PER_YEAR: Mapping[str, float] = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 260.0,
                                 "hour": 2080.0}  # fmt: skip
FX_FILE = "jobmatch/data/fx.toml"


@dataclass(frozen=True, slots=True)
class FxTable:
    date: str
    source: str
    per_usd: Mapping[str, float]  # units of a currency per 1 US dollar

    def convert(self, amount: float, currency: str, to: str) -> float | None:
        """`amount` of `currency` in `to`; None when either has no rate."""
        rate_from = self.per_usd.get(currency.upper())
        rate_to = self.per_usd.get(to.upper())
        if rate_from is None or rate_to is None:
            return None
        return amount / rate_from * rate_to


@cache
def fx_table() -> FxTable:
    text = (resources.files("jobmatch") / "data" / "fx.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
        rates = {str(k).upper(): float(v) for k, v in data["per_usd"].items()}
        table = FxTable(date=str(data["date"]), source=str(data["source"]), per_usd=rates)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise ConfigError(f"{FX_FILE}: not a valid rate table ({e})") from None
    bad = [code for code, rate in rates.items() if not rate > 0]
    if bad:
        raise ConfigError(f"{FX_FILE}: per_usd.{bad[0]}: a rate must be above 0")
    return table


def annual(amount: float, period: str) -> float | None:
    """A year of pay stated per `period`; None for a period we cannot scale."""
    factor = PER_YEAR.get(period)
    return None if factor is None else amount * factor
