"""Config `type` → source class."""

from __future__ import annotations

from scraper.arbeitnow import ArbeitnowSource
from scraper.ashby import AshbySource
from scraper.bamboohr import BambooHrSource
from scraper.base import Source, SourceConfig
from scraper.breezy import BreezySource
from scraper.errors import UnknownSourceType
from scraper.feeds import RssSource, WeWorkRemotelySource
from scraper.greenhouse import GreenhouseSource
from scraper.himalayas import HimalayasSource
from scraper.hn import HackerNewsSource
from scraper.html_source import HtmlSource
from scraper.jobicy import JobicySource
from scraper.jobspy_bridge import JobSpySource
from scraper.jsonld import JsonLdSource
from scraper.keka import KekaSource
from scraper.lever import LeverSource
from scraper.oracle import OracleSource
from scraper.personio import PersonioSource
from scraper.pinpoint import PinpointSource
from scraper.recruitee import RecruiteeSource
from scraper.remoteok import RemoteOkSource
from scraper.remotive import RemotiveSource
from scraper.rippling import RipplingSource
from scraper.smartrecruiters import SmartRecruitersSource
from scraper.successfactors import SuccessFactorsSource
from scraper.teamtailor import TeamtailorSource
from scraper.workable import WorkableSource
from scraper.workday import WorkdaySource
from scraper.zoho import ZohoSource

SOURCES: dict[str, type[Source]] = {
    cls.type: cls
    for cls in (
        GreenhouseSource,
        LeverSource,
        AshbySource,
        WorkableSource,
        SmartRecruitersSource,
        RecruiteeSource,
        PersonioSource,
        RemotiveSource,
        RemoteOkSource,
        ArbeitnowSource,
        HimalayasSource,
        JobicySource,
        WeWorkRemotelySource,
        RssSource,
        HackerNewsSource,
        JsonLdSource,
        HtmlSource,
        JobSpySource,
        ZohoSource,
        KekaSource,
        WorkdaySource,
        OracleSource,
        BambooHrSource,
        BreezySource,
        RipplingSource,
        TeamtailorSource,
        PinpointSource,
        SuccessFactorsSource,
    )
}


def source_class(type_name: str) -> type[Source]:
    try:
        return SOURCES[type_name]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSourceType(f"unknown source type {type_name!r}; known: {known}") from None


def build_source(config: SourceConfig) -> Source:
    return source_class(config.type)(config)
