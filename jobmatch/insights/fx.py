"""Pay on one scale: annualised, in the profile's currency, by the matcher's fixed rate
table (matcher/taxonomy/currencies.toml, or config [matcher] rates_to_usd): the rates the
scores were computed with, so insights and matches never disagree about a conversion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matcher.taxonomy_data import taxonomy

# Paid periods as a year of them: 40 hours × 52 weeks, as the matcher reads hourly pay too.
PER_YEAR: Mapping[str, float] = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 260.0,
                                 "hour": 2080.0}  # fmt: skip
FX_FILE = "matcher/taxonomy/currencies.toml"


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


def fx_table(rates_to_usd: Mapping[str, float]) -> FxTable:
    """The table for these rates (US dollars per unit), dated by the shipped table."""
    shipped = taxonomy("currencies")
    per_usd = {code.upper(): 1 / rate for code, rate in rates_to_usd.items() if rate > 0}
    return FxTable(date=str(shipped["date"]), source=str(shipped["source"]), per_usd=per_usd)


def annual(amount: float, period: str) -> float | None:
    """A year of pay stated per `period`; None for a period we cannot scale."""
    factor = PER_YEAR.get(period)
    return None if factor is None else amount * factor
