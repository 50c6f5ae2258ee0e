"""Pay as company career sites and job boards really write them (issue 18):
each test states one rule a recruiter would recognise, on sentences written for the test."""

from __future__ import annotations

import pytest

from tests.real_text import BOILER, facts

# --- pay ----------------------------------------------------------------------------------


def test_a_boards_bare_number_yields_to_the_range_the_text_states() -> None:
    text = f"{BOILER} The salary range for this role is $145,000 to $190,000."
    found = facts(text, salary_text="335000.0").salary
    assert found is not None and (found.min, found.max) == (145000, 190000)


@pytest.mark.parametrize("board", ["~190k", "≈ $190k", "approx. 190,000 USD", "About $190K"])
def test_a_boards_rounded_figure_yields_to_the_range_the_text_states(board: str) -> None:
    text = f"{BOILER} The base pay range for this role is $117,500 - $190,100 per year."
    found = facts(text, salary_text=board).salary
    assert found is not None and (found.min, found.max) == (117500, 190100)


def test_a_boards_rounded_figure_alone_is_no_stated_pay() -> None:
    assert facts(BOILER, salary_text="~190k").salary is None


@pytest.mark.parametrize(
    "text",
    ["Salário: 3.300€ – 4.000€ brutos x 14 meses.", "Salario: 3.300 € - 4.000 € x 14 pagas."],
)
def test_pay_paid_fourteen_times_a_year_is_a_monthly_figure(text: str) -> None:
    found = facts(f"{BOILER} {text}", location="Lisboa").salary
    assert found is not None and (found.min, found.max, found.period) == (3300, 4000, "month")


def test_a_trainees_stipend_yields_to_the_pay_after_training() -> None:
    text = (
        f"{BOILER} Stipend during training: Rs 18,000 per month. On successful completion you "
        "are confirmed as PMO Associate with CTC Rs 4.2 LPA."
    )
    found = facts(text, location="Hyderabad").salary
    assert found is not None and (found.max, found.period) == (420000, "year")
    alone = facts(f"{BOILER} Stipend: ₹15,000/month for 6 months.", location="Hyderabad").salary
    assert alone is not None and (alone.max, alone.period) == (15000, "month")


@pytest.mark.parametrize(
    "text",
    [
        # the CTC first, the stipend after it: not a perk of the CTC
        "Training for 3 months. CTC ₹4-6 LPA. Stipend during training ₹10,000 per month.",
        # the pay after training said after its amount; the nearest pay word names money
        "Stipend ₹10,000 per month during training; CTC ₹4-6 LPA on confirmation.",
    ],
)
def test_the_ctc_beside_a_training_stipend_is_the_pay(text: str) -> None:
    found = facts(f"{BOILER} {text}", location="Hyderabad").salary
    assert found is not None and (found.min, found.max, found.period) == (400000, 600000, "year")


def test_between_with_the_currency_after_each_amount_is_one_range() -> None:
    text = f"{BOILER} The annual base salary is between $102,000 USD and $138,000 USD."
    found = facts(text).salary
    assert found is not None and (found.min, found.max, found.currency) == (102000, 138000, "USD")


_PAY_BY_PLACE = (
    "For Chicago, IL-based roles: The base salary range for this role is USD$140,000 per year"
    " - USD$155,000 per year.\n"
    "For New York, NY-based roles: The base salary range for this role is USD$155,000 per year"
    " - USD$172,000 per year.\n"
    "For Seattle, WA-based roles: The base salary range for this role is USD$146,000 per year"
    " - USD$162,000 per year."
)


@pytest.mark.parametrize(
    ("location", "pay"),
    [
        # one place: its row; several: the span over theirs; none: the first row
        ("Seattle, Washington, United States", (146000, 162000)),
        ("New York, New York, United States; Chicago, Illinois, United States", (140000, 172000)),
        ("Remote - United States", (140000, 155000)),
    ],
)
def test_a_pay_table_by_place_gives_the_listings_own_places_pay(
    location: str, pay: tuple[int, int]
) -> None:
    found = facts(f"{BOILER}\n{_PAY_BY_PLACE}", location=location).salary
    assert found is not None and (found.min, found.max, found.currency) == (*pay, "USD")


def test_a_boards_own_pay_figure_is_kept_beside_a_pay_table_by_place() -> None:
    found = facts(_PAY_BY_PLACE, location="Seattle, WA", salary_text="$140,000 - $172,000").salary
    assert found is not None and (found.min, found.max) == (140000, 172000)


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        # The currency and period at both ends, the currency an Australian dollar
        ("Package: A$160,000/yr - A$175,000/yr plus super.", (160000, 175000, "AUD", "year")),
        ("Base AU$150k + super.", (150000, 150000, "AUD", "year")),
        # "between ... and" in Dutch and German; thousands after a space and "k€" in French
        ("Salaris tussen €5.200 en €6.800 bruto per maand.", (5200, 6800, "EUR", "month")),
        ("Gehalt zwischen 60.000 € und 75.000 € brutto jährlich.", (60000, 75000, "EUR", "year")),
        ("Rémunération : 45-55 k€ bruts annuels.", (45000, 55000, "EUR", "year")),
        ("Salaire : jusqu'à 65 K€ selon expérience.", (None, 65000, "EUR", "year")),
        # Southeast Asia's currencies, Swiss thousands, German hourly and "ab" (from)
        ("Salary PHP 50,000 - 65,000 per month + 13th month pay.", (50000, 65000, "PHP", "month")),
        ("₱90,000/month - ₱130,000/month", (90000, 130000, "PHP", "month")),
        ("IDR 45.000.000 - 60.000.000 per bulan (gross).", (45000000, 60000000, "IDR", "month")),
        ("RM 8,000 – RM 10,000 per month.", (8000, 10000, "MYR", "month")),
        ("Jahreslohn CHF 120'000 – 140'000.", (120000, 140000, "CHF", "year")),
        ("Vergütung: 16 – 18 € pro Stunde.", (16, 18, "EUR", "hour")),
        ("Gehalt ab € 3.900 brutto/Monat.", (3900, None, "EUR", "month")),
        # Québec: thousands apart, the dollar after the amount
        ("Salaire entre 90 000 $ et 110 000 $ par année.", (90000, 110000, "USD", "year")),
    ],
)
def test_pay_as_european_and_australian_boards_write_it(
    text: str, pay: tuple[float | None, float, str, str]
) -> None:
    found = facts(f"{BOILER} {text}").salary
    assert found is not None and (found.min, found.max, found.currency, found.period) == pay


def test_a_day_rate_is_no_salary() -> None:
    assert facts(f"{BOILER} Rate: $900 - $1,000 p.d. + super, 6-month contract.").salary is None


def test_indian_amounts_ending_in_slash_dash_make_a_range() -> None:
    found = facts(f"{BOILER} Salary: 6,00,000/- to 8,00,000/- per year").salary
    assert found is not None and (found.min, found.max, found.currency) == (600000, 800000, "INR")


@pytest.mark.parametrize(
    ("text", "location", "pay"),
    [
        # mainland China: thousands a month paid N times a year, ten-thousands a year or month
        ("薪资：18-28K·13薪", "上海-静安区", (18000, 28000, "CNY", "month")),
        (
            "薪资构成：基本工资+绩效奖金+年终奖，年薪35-50万",
            "上海-徐汇区",
            (350000, 500000, "CNY", "year"),
        ),
        ("薪资：2.5-3.5万/月", "上海-长宁区", (25000, 35000, "CNY", "month")),
        # Taiwan: a month's pay in yuan is Taiwan's dollar; a floor "and above"
        ("工作待遇：月薪 46,000~58,000元", "台北市中正區", (46000, 58000, "TWD", "month")),
        ("年薪 NT$1,200,000 以上", "Taipei City, Taiwan", (1200000, None, "TWD", "year")),
        ("NT$ 50,000 - 70,000 (月薪)", "Taipei City, Taiwan", (50000, 70000, "TWD", "month")),
    ],
)
def test_pay_as_chinese_boards_write_it(
    text: str, location: str, pay: tuple[int, int | None, str, str]
) -> None:
    found = facts(f"{BOILER}\n{text}", location=location).salary
    assert found is not None
    assert (found.min, found.max, found.currency, found.period) == pay


def test_yen_in_units_of_ten_thousand_stay_japanese() -> None:
    found = facts(f"{BOILER}\n年収 450万円〜600万円", location="東京都港区").salary
    assert found is not None and (found.min, found.max, found.currency) == (4500000, 6000000, "JPY")


def test_a_pay_grades_number_before_its_range_is_no_amount() -> None:
    found = facts(
        BOILER,
        location="Parkville, Victoria, Australia",
        salary_text="HEW Level 7 – $103,594 – $111,862 p.a. + 17% super",
    ).salary
    assert found is not None
    assert (found.min, found.max, found.currency) == (103594, 111862, "AUD")
