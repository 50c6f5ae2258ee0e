"""Working conditions: however a listing words a night shift, a bond or travel, an exclude
keyword naming the condition rules it out; a negated mention imposes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.conditions import (
    REGULAR_TRAVEL,
    excluded,
    imposed,
    negated,
    normalise,
    travel_percent,
)
from matcher.extract import extract_facts
from matcher.facts import Facts
from matcher.score import ScoringContext, profile_keys, score_listing
from tests.test_score import CONTEXT, FIT, NOW, PROFILE


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("Willing to work rotational shifts, including night shifts.",
         ("night shift", "rotational shifts")),
        ("Shift timings: 6:30 PM to 3:30 AM IST, Monday to Friday.", ("night shift",)),
        ("Timings 9pm-6am, cab provided", ("night shift",)),
        ("Technical Project Manager - US Shift", ("night shift",)),
        ("Help us shift our platform to the cloud.", ()),  # no shift at all
        ("General shift, 9am to 6pm.", ()),
        ("No night shifts or weekend work.", ()),
        ("A non-IT support role with night shifts.", ("night shift",)),  # "non-" negates no shift
        ("There is no service bond.", ()),
        ("Candidates sign a 2-year bond.", ("service bond",)),
        ("Field role, 6 days a week.", ("weekend work",)),
        ("Join the on-call rotation once a month.", ("on-call",)),
        ("An active DoD Secret clearance is required.", ("security clearance",)),
        ("No security clearance needed.", ()),
        ("Stock clearance sale for our retail clients.", ()),
        # Said another way: a rota out of hours, a German or British security check,
        # weekend shifts however counted.
        ("Join the out-of-hours incident rota one week in six.", ("on-call",)),
        ("Bereitschaft zur Sicherheitsüberprüfung (Ü2).", ("security clearance",)),
        ("Eligible for SC vetting.", ("security clearance",)),
        ("Candidates must be eligible for Security Check (SC) vetting.", ("security clearance",)),
        # a contraction negates too
        ("Good to know: you won't need SC clearance or other vetting.", ()),
        ("We don't do night shifts.", ()),
        # a contract meant to become a permanent job, however worded
        ("A 6-month W2 contract with the intention to convert to a full-time employee.",
         ("contract-to-hire",)),
        ("Temp to perm for the right candidate.", ("contract-to-hire",)),
        # a job open only to the country's citizens, not the quota's name alone
        ("Part of our Saudization (Nitaqat) plan and open to Saudi citizens.", ("nationals only",)),
        ("Nationality: Saudi Arabia", ("nationals only",)),
        ("UAE Nationals only.", ("nationals only",)),
        ("We support Emiratisation; UAE nationals are encouraged to apply.", ()),
        # a language required, not a language named
        ("Mandarin speaker is a MUST as you will liaise daily.", ("mandarin required",)),
        ("Mandarin is not required for this role.", ()),
        ("English, Mandarin and Korean courses used by learners.", ()),
        ("Fluent Arabic is mandatory.", ("arabic required",)),
        ("Arabic is a plus.", ()),
        ("A permanent, full-time role.", ()),
        ("Coordinators cover Saturday and Sunday go-live shifts.", ("weekend work",)),
        ("Expect to work one weekend a month.", ("weekend work",)),
        # A form's answer negates what its label names; a heading imposes nothing.
        ("On-call: not applicable to this role.", ()),
        ("Escalas de prevenção (on-call): not applicable.", ()),
        ("Hours and on-call\nThis role has no on-call; our SRE team is paged.", ()),
        ("Hours and on-call\nYou join the on-call rotation.", ("on-call",)),
        ("Active SC clearance", ("security clearance",)),  # a short line is no heading
        # ...and a plain answer after it negates it too.
        ("Security clearance not required; this is a commercial program.", ()),
        ("On-call is not expected of this role.", ()),
        # Implied without the word: a pager carried, a bond by its repayment, selling by phone,
        # a quota.
        ("You join the escalation rotation, carrying the pager one week in five.", ("on-call",)),
        ("Joiners sign a 2-year agreement; the fee is recoverable if you leave before it ends.",
         ("service bond",)),
        ("A bond of ₹2,00,000 applies for freshers.", ("service bond",)),
        # ...and the leaver named first; a sum the employer pays back is no bond
        ("Those who resign within 24 months must reimburse the training cost of ₹2,50,000.",
         ("service bond",)),
        ("You may leave within 30 days of joining and we reimburse your travel.", ()),
        # Hindi in Latin letters: "no service bond, no registration fee"
        ("Note: Koi service bond nahi, koi registration fee nahi.", ()),
        # A language required, in English, French or German; an asset is no requirement
        ("Maîtrise du français et de l'anglais, à l'écrit comme à l'oral (exigence).",
         ("french required",)),
        ("Bilingual (English/French) required.", ("french required",)),
        ("French is an asset; English required.", ()),
        ("Fluent German (C1) required.", ("german required",)),
        ("Sehr gute Deutschkenntnisse (C1).", ("german required",)),
        ("Deutschkenntnisse sind ein Plus.", ()),
        # on call without the word; a product's name is no duty
        ("You'll be reachable by phone outside office hours one week per month.", ("on-call",)),
        ("Out-of-hours incidents are covered with a paid standby allowance.", ("on-call",)),
        ("We build on-call scheduling software. This role has no pager duties.", ()),
        # a clearance by its level alone
        ("Candidates must currently hold an active DoD Secret.", ("security clearance",)),
        # no pay at all
        ("Stipend: Unpaid. Perks: certificate, letter of recommendation.", ("unpaid",)),
        ("No unpaid work: every intern gets a stipend.", ()),
        # a UK contract inside IR35 without the words; weekend migrations
        ("Engaged via an FCA-approved umbrella company, paid PAYE.", ("inside ir35",)),
        ("Limited company contractors cannot be considered for this role.", ("inside ir35",)),
        ("Outside IR35, limited company welcome.", ()),
        ("Platform migrations run from Saturday 6am to Sunday evening.", ("weekend work",)),
        ("Migrations never run on weekends.", ()),
        ("Make 60-80 outbound calls a day to book demos.", ("cold calling",)),
        ("Make 80 dials a day.", ("cold calling",)),
        ("Handle 50 inbound support calls per day.", ()),
        ("You meet a quarterly new-business quota with the account team.", ("sales targets",)),
        ("This is not a sales role: no sales targets and no cold calling.", ()),
        ("Targets for the platform's sales growth are set by others.", ()),
        # Australia's vetting levels
        # (Australia's Negative Vetting is a security clearance, and its own condition)
        (
            "Able to obtain and maintain an NV1 (Negative Vetting Level 1).",
            ("security clearance", "negative vetting"),
        ),
        # Canada's screening levels, a week that runs into the weekend, commission on a target
        ("Requires an active Level II (Secret) security screening.", ("security clearance",)),
        ("Join a Wednesday-Sunday schedule for six months.", ("weekend work",)),
        # Releases on a weekend day; German, and a question answered no
        ("Production releases go live on Saturday mornings.", ("weekend work",)),
        ("Releases ship on weekdays, never on Sundays.", ()),
        ("Wochenendarbeit nach Absprache.", ("weekend work",)),
        ("Wochenendarbeit? Gibt es bei uns nicht – auch nicht bei Releases.", ()),
        ("Keine Wochenendarbeit.", ()),
        ("Base plus commission on bookings against a $40,000 quarterly target.", ("sales targets",)),
        # A negated list's head negates every item; an item's own "no" only itself
        ("We never ask candidates for a fee, service bond, laptop charges or any payment.", ()),
        ("We do not ask for registration fees, night shifts or weekend work from interns.", ()),
        ("No night shifts, weekend work is required twice a month.", ("weekend work",)),
        ("Perks: no dress code, free lunch, a service bond of 2 years applies.", ("service bond",)),
        # What a product does for its users, a bank's products, a sign-off the work gets
        ("A rostering module that plans nurses' day and night-shift rosters.", ()),
        ("A SaaS that helps 300 factories in Binh Duong plan night shifts.", ()),
        ("It replaces whiteboards for shift patterns and the on-call rotas of our wards.", ()),
        ("Every release needs security clearance from our Cyber Security team.", ()),
        ("You will rebuild how customers open fixed-term deposits.", ()),
        ("Night shifts required. Our platform that schedules deliveries runs 24/7.", ("night shift",)),
        # The UK's highest vetting, a polygraph, overtime: each only as asked of the hire
        ("You'll need to pass the highest level of national security clearance.",
         ("security clearance", "developed vetting")),
        ("SC clearance required; DV not needed.", ("security clearance",)),
        ("Must obtain TS/SCI w/ CI Poly within 12 months.", ("security clearance", "polygraph test")),
        ("Active TS/SCI required (no polygraph required).", ("security clearance",)),
        ("Polygraph Case Management Modernization: it schedules polygraph examinations.", ()),
        ("Overtime is frequently required during release weeks.", ("regular overtime",)),
        ("Chấp nhận làm thêm giờ thường xuyên vào giai đoạn release.", ("regular overtime",)),
        ("The app calculates overtime and payroll. Overtime is paid at 1.5x.", ()),
        ("Provide out-of-hours cover for major incidents on a rotating basis.", ("on-call",)),
        # New Zealand's vetting; a JLPT level asked, not one that is a plus
        ("The role requires vetting at SECRET level.", ("security clearance",)),
        ("Japanese JLPT N2 or above (required).", ("japanese required",)),
        ("日本語能力試験（JLPT）N2以上必須", ("japanese required",)),
        ("JLPT N2 is a plus.", ()),
        ("Singapore Citizens / PR only.", ("nationals only",)),
        ("Warganegara Malaysia sahaja.", ("nationals only",)),
        # India's hiring terms: a US shift (not a change of schedule), a six-day week, a
        # short notice period, a fee to join; and the same words as a product's
        ("Shift: US shift, 6:30 PM - 3:30 AM", ("night shift",)),
        ("The US shift to T+1 settlement has started a programme.", ()),
        ("Working days: Monday to Saturday, 10:00 AM - 7:00 PM (work from office).", ("weekend work",)),
        ("6 days working from office per month.", ()),
        ("Notice period: max 30 days.", ("immediate joiners only",)),
        ("Immediate joiners preferred, 60 days considered.", ()),
        ("You will onboard immediate joiners to the project.", ()),
        ("Candidates must buy the laptop and certification kit (Rs. 6,500) before joining.", ("joining fee",)),
        ("You run the vehicle registration fee and road-tax collection module.", ()),
        ("Teams build the savings and security deposit (collateral cash) modules.", ()),
        # others' conditions; Dutch, Swedish on-call and negations
        ("4,000 engineering teams use us to build their on-call rotas.", ()),
        ("You will join their on-call rota.", ("on-call",)),
        ("Du ingår i beredskap varannan vecka.", ("on-call",)),
        ("Ingen beredskap.", ()),
        ("Statens beredskapsverk är vår kund.", ()),
        ("Vi stärker samhällets beredskap inför kriser.", ()),
        ("No on-call for TPMs: incidents are handled by the engineering on-call rota.", ()),
        # self-employment, not a temporary contract; not customers who are self-employed
        ("Inschrijving bij de KvK is vereist; je factureert maandelijks.", ("self-employed",)),
        ("Tipo de contrato: Autónomo", ("self-employed",)),
        ("350,000 zzp'ers use our app to send invoices.", ()),
        ("Buscamos un perfil autónomo y proactivo.", ()),
        # a role without reports; not the organisation's other individual contributors
        ("There are no direct reports in this role; you lead through influence.", ("individual contributor role",)),
        ("Three TPM managers, their teams, and a handful of senior individual contributors.", ()),
        ("This is not an individual contributor role: you lead 8 TPMs.", ()),
        # a product that rosters shifts
        ("Our platform rosters 40,000 nurses across day and night shifts.", ()),
        # Latin America: PJ and its signs, not a bank's "Crédito PJ"; guardias, turno noche,
        # a Monday-to-Saturday week, travel asked, not a booking engine's
        ("Contratação PJ; CNPJ ativo; emissão de nota fiscal mensal.", ("self-employed",)),
        ("Gerente de Programas Técnicos – Crédito PJ", ()),
        ("Esquema de guardias rotativas.", ("on-call",)),
        ("Sin guardias ni fines de semana.", ()),
        ("Turno noche: 22 a 6 hs.", ("night shift",)),
        ("Horario de lunes a sábado.", ("weekend work",)),
        ("Requisitos: disponibilidad para viajar al interior.", ("travel required",)),
        ("Construimos el motor de disponibilidad para viajar en autobús.", ()),
        # working through one's own company only; not a product's C2C, nor a tax form
        ("C2C only. Must have your own corporation.", ("c2c only",)),
        ("Trust & Safety for our C2C marketplace; modernise 1099 reporting.", ()),
        ("This is a 1099 contractor position, $25-$30/hr.", ("c2c only",)),
        ("Our nurses work day, evening and night shift rotations.", ()),
        # equipment on standby and the business's other sites are no duty of the hire's
        ("Replace the standby generator at the data centre.", ()),
        ("You join the standby rotation for major incidents.", ("on-call",)),
        ("Our warehouses dispatch orders 6 days a week.", ()),
        ("Working days: Saturday to Thursday.", ("weekend work",)),
        ("أيام العمل من السبت إلى الخميس", ("weekend work",)),
        # what a product records or looks up, and what the people it serves do
        ("Electronic logbooks that capture day and night shift handovers.", ()),
        ("Our on-call finder shows which cardiologist to page.", ()),
        ("We make physician on-call schedules.", ()),
        ("Our software runs the on-call world.", ()),
        ("The system checks each driver's driving licence with the DVLA.", ()),
        ("Carry the escalation phone for Sev-1 incidents on a rotating week.", ("on-call",)),
        # a job the hire must drive for: the UK public sector's "essential car user"
        ("Travel between our practices; essential car user allowance applies.", ("driving licence",)),
        ("A full UK driving licence is required.", ("driving licence",)),
        ("Cutover is scheduled for Saturday 20 and Sunday 21 February.", ("weekend work",)),
        # German asked in Polish, or said not to be needed
        ("Spotkania z klientem prowadzone są po niemiecku.", ("german required",)),
        ("Nie wymagamy znajomości języka niemieckiego.", ()),
        ("German is not required: the team works in English.", ()),
        # on-call said as a roster; others' on-call, a market's clearance, a product's agents
        ("Join the major-incident escalation roster: one week in six.", ("on-call",)),
        ("One week in six you are reachable around the clock.", ("on-call",)),
        ("Migrate 900 support groups and their on-call schedules.", ()),
        ("Replace our security clearance and settlement system.", ()),
        ("Configure roster rules for morning, evening and night shift agents.", ()),
        ("Orders are picked by night-shift crews and delivered before 07:00.", ()),
        # a product's screening, data set up in a system, a dashboard's numbers, a desk's shifts
        ("We roll out a platform for the security clearance of visitors.", ()),
        ("Configure territories, routes and sales targets in the new system.", ()),
        ("Build dashboards that show distributors' performance against their sales targets.", ()),
        ("Our merchant support desk runs 24/7 with a night shift.", ()),
        # a product's feature, and the numbers a product shows about shifts and targets
        ("Our new on-call pickup feature lets sellers book a courier.", ()),
        ("MES dashboards that compare day and night shift OEE.", ()),
        ("Store managers see their daily sales target achievement.", ()),
        ("You will work night shifts in our operations centre.", ("night shift",)),
        # German asked in Polish: a job "with German", or German marked required
        ("Scrum Master z językiem niemieckim", ("german required",)),
        ("Język niemiecki na poziomie min. B2 (wymagany).", ("german required",)),
        ("Język niemiecki mile widziany, nie wymagany.", ()),
        # Japanese and Mandarin required, as Chinese boards write it; not as a plus
        ("对日IT项目经理（日语N2）", ("japanese required",)),
        ("日语N2优先。", ()),
        ("Fluent Putonghua (spoken and written) is required.", ("mandarin required",)),
        ("要求普通話流利。", ("mandarin required",)),
        # military service completed, asked of every candidate; not of men only, nor a product's
        ("Askerlik Durumu: Yapıldı", ("military service completed",)),
        ("- Askerlik hizmetini tamamlamış olmak,", ("military service completed",)),
        ("Erkek adaylar için askerlik hizmetini tamamlamış olmak.", ()),
        ("Citizens will check their military service (askerlik) status online.", ()),
        # German asked in Czech
        ("Aktivní znalost NJ slovem i písmem podmínkou.", ("german required",)),
        ("Požadované jazyky: Němčina (Pokročilá), Angličtina (Mírně pokročilá)", ("german required",)),
        ("Požadované jazyky: Němčina (Mírně pokročilá)", ()),
    ],
)  # fmt: skip
def test_conditions_a_listing_imposes(text: str, conditions: tuple[str, ...]) -> None:
    assert imposed(text) == conditions


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Travel: up to 50% domestic, to customer sites.", 50),
        ("About 25% travel to partner sites; occasionally 40% travel in Q4.", 40),
        ("50% of the time travelling to plants", 50),
        ("No travel. 100% remote.", None),
        ("Grow revenue 30% while you travel light.", None),
        # Said without a percentage: a week away every second week, a fly-in fly-out roster
        ("You spend every second week on site with our client in Perth.", 50),
        ("Fly-in, fly-out roster to the mine site.", 50),
        ("We meet every second week for planning.", None),
        ("You spend two weeks of every month at client sites in Riyadh.", 50),
        ("Roughly two weeks of every month on the ground in Sofia and Belgrade.", 50),
        ("You are on site with clients Monday-Thursday most weeks.", 80),
        ("We meet clients Monday to Thursday in our office.", None),
        # A share set against another job's is not asked: "nothing like", "unlike"
        ("Travel is light, nothing like the 50% travel of consulting roles.", None),
        ("Reisebereitschaft ca. 50 %.", 50),
        # weeks away a month, said after where
        ("Expect to be on-site at installations two to three weeks of every month.", 50),
        ("On the road three weeks a month.", 75),
        ("You'll be on client site Monday through Thursday most weeks.", 80),
        # what other jobs ask, set against this one
        ("Unlike consulting roles that ask for travel 75% of the week, this job is local.", None),
        ("Unlike our field leads, who carry 50% travel, this role rarely travels.", None),
        ("Unlike other roles, this one requires 50% travel.", 50),
    ],
)
def test_travel_share(text: str, share: int | None) -> None:
    assert travel_percent(text) == share


def test_a_customers_own_shifts_in_german_are_theirs() -> None:
    text = "Kliniken und Betriebe planen mit uns ihren Schichtdienst."
    assert negated(text, text.index("Schichtdienst"))


def test_keywords_name_conditions_however_the_user_writes_them() -> None:
    ruled_out = excluded(["Night-Shifts", "graveyard shift", "service agreement", "50% travel"])
    assert ruled_out.conditions == {
        "night shift": "Night-Shifts",  # the first keyword naming it, as written
        "service bond": "service agreement",
    }
    assert ruled_out.travel == (50, "50% travel")
    assert excluded(["relocation"]) == excluded([])  # no condition, no share
    # "travel" alone is travel the job requires regularly: a week a month or more
    assert excluded(["travel"]).travel == (REGULAR_TRAVEL, "travel")
    assert excluded(["Reisebereitschaft 50%"]).travel == (50, "Reisebereitschaft 50%")
    # A word too common to look for in a listing still names its condition in a profile.
    assert set(excluded(["bond", "clearance", "pager"]).conditions) == {
        "service bond",
        "security clearance",
        "on-call",
    }
    assert imposed("Fixed-income bond markets experience.") == ()
    assert normalise(" On-Call  Rotations ") == "on call rotation"


def test_an_imposed_condition_is_a_dealbreaker_with_its_reason() -> None:
    text = "Shift timings 7 PM to 4 AM IST. Travel up to 60% to client sites."
    facts = extract_facts(title="Technical Project Manager", description=text)
    assert facts.conditions == ("night shift",) and facts.travel_percent == 60
    fit = replace(FIT, conditions=facts.conditions, travel_percent=facts.travel_percent)

    def reason(keywords: tuple[str, ...]) -> str | None:
        profile = PROFILE.model_copy(update={"exclude_keywords": keywords})
        match = score_listing(fit, profile, title="TPM", text=text, posted_at=NOW, context=CONTEXT)
        return match.dealbreaker

    assert reason(("night shifts",)) == "dealbreaker: night shift (you exclude 'night shifts')"
    assert reason(("travel 50%",)) == "dealbreaker: travel up to 60% (you exclude 'travel 50%')"
    assert reason(("travel 75%",)) is None  # asks less than the limit
    assert reason(("weekend work",)) is None


def test_travel_alone_excluded_means_regular_travel_not_the_word() -> None:
    """ "travel" excluded rules out a job away a week a month or more; a few trips a
    year, or the word in a company's field ("Travel Tech"), are no travel asked."""

    def reason(text: str, share: int | None) -> str | None:
        fit = replace(FIT, travel_percent=share)
        profile = PROFILE.model_copy(update={"exclude_keywords": ("travel",)})
        match = score_listing(fit, profile, title="TPM", text=text, posted_at=NOW, context=CONTEXT)
        return match.dealbreaker

    assert reason("Travel up to 50% to client sites.", 50) == (
        "dealbreaker: travel up to 50% (you exclude 'travel')"
    )
    assert reason("Lead delivery at our Travel Tech unit; 2-3 trips a year.", None) is None
    assert reason("Occasional travel, about 10%.", 10) is None


@pytest.mark.parametrize("keyword", ["national travel", "regional travel", "frequent travel"])
def test_a_kind_of_travel_excluded_means_regular_travel_not_the_words(keyword: str) -> None:
    ruled_out = excluded([keyword])
    assert ruled_out.travel == (REGULAR_TRAVEL, keyword)
    assert normalise(keyword) in ruled_out.only_as_condition  # "apps for national travel"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        # days of every week at clients' sites, the least of a range as a share of five
        ("A national role with regular travel to customer sites, typically 2-3 days a week.", 40),
        ("Travel to client sites one day a week.", 20),
        ("Expect travel to client offices 3-4 days per week.", 60),
        ("Travel to client sites 1-2 days a week.", 20),
    ],
)
def test_travel_to_sites_some_days_of_every_week_is_that_share(text: str, share: int) -> None:
    assert travel_percent(text) == share


def test_a_keyword_inside_a_body_s_name_is_not_said() -> None:
    """'Commission' in the Equal Employment Opportunity Commission is no commission pay."""
    profile = PROFILE.model_copy(update={"exclude_keywords": ("commission",)})
    notice = "Learn more from the U.S. Equal Employment Opportunity Commission (EEOC)."
    context = replace(CONTEXT, keys=profile_keys(profile))
    kept = score_listing(FIT, profile, title="TPM", text=notice, posted_at=NOW, context=context)
    assert kept.dealbreaker is None
    paid = score_listing(
        FIT, profile, title="TPM", text="Base pay plus commission.", posted_at=NOW, context=context
    )
    assert paid.reasons == ("dealbreaker: mentions 'commission'",)


def test_relocation_excluded_means_a_move_the_place_calls_for() -> None:
    """'relocation' rules out a job in another city, not one that offers relocation support."""
    profile = PROFILE.model_copy(update={"exclude_keywords": ("relocation",)})
    context = replace(CONTEXT, keys=profile_keys(profile))
    support = "Relocation support is available for candidates moving here."
    home = replace(FIT, work_mode="hybrid", city=next(iter(CONTEXT.home_cities)))
    stays = score_listing(home, profile, title="TPM", text=support, posted_at=NOW, context=context)
    assert stays.dealbreaker is None
    elsewhere = replace(home, city="Elsewhere")
    moved = score_listing(elsewhere, profile, title="TPM", text="", posted_at=NOW, context=context)
    assert moved.dealbreaker is not None and "you exclude 'relocation'" in moved.dealbreaker


def test_a_word_too_common_to_search_is_read_only_as_its_condition() -> None:
    """Excluding "bond" rules out a service bond however worded, not a bond-trading desk."""
    profile = PROFILE.model_copy(update={"exclude_keywords": ("bond",)})
    context = replace(CONTEXT, keys=profile_keys(profile))

    def dealbreaker(text: str) -> str | None:
        found = extract_facts(title="Scrum Master", description=text)
        fit = replace(FIT, conditions=found.conditions)
        match = score_listing(fit, profile, title="SM", text=text, posted_at=NOW, context=context)
        return match.dealbreaker

    assert dealbreaker("Scrum master for our fixed-income desk: bond trading platforms.") is None
    assert dealbreaker("Joiners sign an 18-month service agreement.") == (
        "dealbreaker: service bond (you exclude 'bond')"
    )
    assert dealbreaker("No bond or service agreement.") is None


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Our core hours are 9am-5pm US Pacific Time; you are online for all of them.", (17, 1)),
        ("Working hours: 09:00-17:30 CET.", (8, 16.5)),
        ("Shift timings: 6:30 PM to 3:30 AM IST.", (13, 22)),
        # a few hours of overlap, or a time that is no working day, keep no hours
        ("You will need 4 hours of overlap with 9am-5pm EST.", ()),
        ("We ship at 9am PT every Tuesday.", ()),
    ],
)
def test_working_hours_in_a_named_time_zone_are_read_in_utc(
    text: str, hours: tuple[float, ...]
) -> None:
    assert extract_facts(title="TPM", description=text).hours_utc == hours


def test_working_hours_that_fall_in_the_profiles_night_are_a_night_shift() -> None:
    pacific = replace(FIT, work_mode="remote", country=None, city=None, hours_utc=(17.0, 1.0))

    def dealbreaker(facts: Facts, context: ScoringContext) -> str | None:
        match = score_listing(facts, PROFILE, title="TPM", text="", posted_at=NOW, context=context)
        return match.dealbreaker

    # PROFILE lives in India and excludes night shifts: 9am-5pm Pacific is its night.
    assert dealbreaker(pacific, CONTEXT) == (
        "dealbreaker: night shift, 10:30 PM-6:30 AM your time (you exclude 'night shift')"
    )
    # The same hours from London (5 PM-1 AM) keep three hours of night: still one; from the
    # US they are a working day; London office hours are an afternoon in India.
    assert dealbreaker(pacific, replace(CONTEXT, home_country="GB")) is not None
    assert dealbreaker(pacific, replace(CONTEXT, home_country="US")) is None
    london = replace(pacific, hours_utc=(9.0, 17.5))
    assert dealbreaker(london, CONTEXT) is None


def test_hours_stated_in_a_time_zone_decide_whether_a_job_is_a_night_shift() -> None:
    def dealbreaker(text: str, home: str) -> str | None:
        facts = extract_facts(title="Technical Program Manager", description=text)
        context = replace(CONTEXT, home_country=home)
        match = score_listing(
            facts, PROFILE, title="TPM", text=text, posted_at=NOW, context=context
        )
        return match.dealbreaker

    # A product that rosters night shifts, its team on day hours: no night shift in India.
    product = "We build nurse rostering, night shift and on-call scheduling software. "
    assert dealbreaker(product + "Our team works day hours (10 AM – 7 PM IST).", "IN") is None
    # India's evening shift is a US working day, and a night in India.
    shift = "Shift timings: 6:30 PM to 3:30 AM IST."
    assert dealbreaker(shift, "US") is None
    assert dealbreaker(shift, "IN") is not None


def test_an_unpaid_job_scores_no_pay_against_a_floor() -> None:
    unpaid = replace(FIT, conditions=("unpaid",), salary=None)
    match = score_listing(unpaid, PROFILE, title="TPM", text="", posted_at=NOW, context=CONTEXT)
    pay = next(c for c in match.components if c.name == "salary")
    assert (pay.points, pay.notes) == (0.0, ("unpaid",))
    assert match.score <= 75  # pay far below the floor caps the total


def test_a_language_excluded_by_name_means_the_language_required() -> None:
    ruled = excluded(["Mandarin", "French"])
    assert ruled.conditions == {"mandarin required": "Mandarin", "french required": "French"}
    # ...so the name alone is not looked for: a company's Mandarin courses rule nothing out
    assert {"mandarin", "french"} <= ruled.only_as_condition


@pytest.mark.parametrize(
    ("keyword", "employment", "out"),
    [
        ("contract", "contract", True),
        ("fixed-term", "contract", True),
        ("visstidsanställning", "contract", True),
        ("part-time", "part_time", True),
        ("prácticas", "internship", True),
        ("contract", "permanent", False),
        ("contract", None, False),
    ],
)
def test_an_excluded_term_of_employment_is_read_as_the_listings_terms(
    keyword: str, employment: str | None, out: bool
) -> None:
    """ "contract" excludes contract roles, whatever words the text uses ("Contract
    Lifecycle Management" is no contract role), and no word alone excludes a permanent job."""
    profile = PROFILE.model_copy(update={"exclude_keywords": (keyword,)})
    context = replace(CONTEXT, keys=profile_keys(profile))
    text = "Scrum Master for our Contract Lifecycle Management product; part-time MBA welcome."
    facts = replace(FIT, employment=employment)
    match = score_listing(
        facts, profile, title="Scrum Master", text=text, posted_at=NOW, context=context
    )
    assert (match.dealbreaker is not None) is out


def test_an_excluded_work_mode_is_read_as_the_listings_mode() -> None:
    """ "100% presencial" excludes on-site jobs, not a text that says "não é 100% presencial"."""
    profile = PROFILE.model_copy(update={"exclude_keywords": ("100% presencial",)})
    context = replace(CONTEXT, keys=profile_keys(profile))
    text = "Não é 100% presencial: híbrido, dois dias no escritório."

    def out(mode: str) -> bool:
        facts = replace(FIT, work_mode=mode)
        match = score_listing(
            facts, profile, title="TPM", text=text, posted_at=NOW, context=context
        )
        return match.dealbreaker is not None

    assert out("onsite") and not out("hybrid")


def _imposed_both_ways(text: str) -> tuple[str, ...]:
    """imposed() of a plain string, checked against what extraction stores for the text."""
    found = imposed(text)
    assert extract_facts(title="Technical Project Manager", description=text).conditions == found
    return found


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The hire's own hours stated as weekdays: other mentions are the product's users
        # or another team's rota.
        (
            "We match students with weekend work at cafés. Our own team works Monday to "
            "Friday; weekend operations are covered by a partner support centre.",
            (),
        ),
        (
            "Lead the hand-over between our day team and the operations night shift. This "
            "role keeps normal office hours (Mon-Fri).",
            (),
        ),
        # ...unless the mention itself asks for it.
        (
            "The post itself is Monday to Friday, 9am to 5pm. Occasional weekend work is "
            "expected during go-live.",
            ("weekend work",),
        ),
        # Without a statement of the hire's hours, the mention stands.
        ("Help the analysts turn weekend working rotas into reports.", ("weekend work",)),
        # A negation said of the hire settles every mention of it.
        (
            "Product: on-call schedules for hospitals (On-Call & Staffing). You will not be "
            "on call yourself; our engineers run their own rotations.",
            (),
        ),
        # ...a negation of something else's does not.
        ("The platform is not on call. Join the on-call rotation.", ("on-call",)),
        # Paperwork about a condition is no condition: a form to request weekend work approvals.
        ("Digitise the forms staff use to request overtime and weekend work approvals.", ()),
        # a sum recovered from whoever leaves early is a bond without the word
        (
            "Commit to serving 24 months; if they leave earlier, the certification cost of"
            " Rs. 1,50,000 will be recovered.",
            ("service bond",),
        ),
        # an evening's overlap with US hours is no night shift; what analytics help clients plan is theirs
        ("US shift overlap till 11 PM IST on two to three days a week.", ()),
        ("Analytics that help our hospital clients plan night shift coverage for nurses.", ()),
        ("This role works the US shift.", ("night shift",)),
        # a kind of leave, a rule or service the work is about, a thing made digital
        ("Superannuation paid on unpaid parental leave.", ()),
        ("The French required labelling rules under Québec's Charter.", ()),
        ("We are moving driver licence renewals online.", ()),
        ("Deliver the next release of the digital driver licence.", ()),
        ("A full driver licence is required.", ("driving licence",)),
        ("This is an unpaid internship.", ("unpaid",)),
        # Spanish and Portuguese: a product's own doing, others' shifts, on-call as "plantão"
        ("Nuestro motor consulta la disponibilidad para viajar en tiempo real.", ()),
        ("Es el software con el que 180 hospitales arman los roles de turno nocturno.", ()),
        ("O software monta escalas de plantão de médicos e enfermeiros.", ()),
        ("Participar da escala de plantão aos finais de semana.", ("on-call",)),
        ("Não há plantão para esta posição.", ()),
        # the users' verb after the product: theirs
        ("Customers use our platform to plan FIFO rosters and camp rooms.", ()),
        # Australia's Negative Vetting by its name
        (
            "Applicants must hold an AGSVA Negative Vetting Level 1 security clearance.",
            ("security clearance", "negative vetting"),
        ),
        # others' papers a product keeps
        ("Our HR platform helps firms manage training bond agreements for their staff.", ()),
        # money a product moves is no fee asked of the hire
        ("Our product handles rent collection and security deposit refunds.", ()),
        # A condition asked as a plus is not imposed.
        ("Ability to obtain a Secret clearance is a plus but is not required.", ()),
        ("Active Secret clearance is required.", ("security clearance",)),
        # What a product decides is no term of the job.
        ("Our platform assesses whether each engagement falls Inside IR35 or outside.", ()),
        # Irish and Welsh asked as Ireland's and Wales's public posts ask them
        (
            "Fluent spoken and written Irish (Gaeilge) is essential for this post.",
            ("irish required",),
        ),
        ("Welsh language skills are essential.", ("welsh required",)),
        ("Irish citizens and EU nationals are welcome; Welsh is desirable.", ()),
    ],
)
def test_what_a_listing_settles_about_the_hire_overrides_other_mentions(
    text: str, want: tuple[str, ...]
) -> None:
    assert _imposed_both_ways(text) == want
