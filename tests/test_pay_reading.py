"""Pay as a careful reader reads it: the local dollar, ranges written around other words,
and perks that are money but not pay."""

from __future__ import annotations

import pytest

from matcher.extract import extract_facts
from matcher.extract.salary import parse_salary
from matcher.facts import SalaryRange


def pay(location: str, description: str) -> SalaryRange | None:
    return extract_facts(
        title="Technical Project Manager", description=description, location=location
    ).salary


@pytest.mark.parametrize(
    ("location", "currency"),
    [
        ("Toronto, ON, Canada", "CAD"),
        ("Sydney, Australia", "AUD"),
        ("Singapore", "SGD"),
        ("Austin, TX, USA", "USD"),
    ],
)
def test_a_bare_dollar_is_the_local_dollar(location: str, currency: str) -> None:
    found = pay(location, "Salary: $95,000 - $110,000 per year, plus benefits.")
    assert found == SalaryRange(95_000, 110_000, currency, "year")


def test_a_listing_that_says_us_dollars_keeps_them() -> None:
    found = pay("Toronto, ON, Canada", "Salary: $95,000 - $110,000 USD per year.")
    assert found is not None and found.currency == "USD"


def test_a_range_written_around_other_words_is_one_range() -> None:
    text = (
        "The base pay for this position ranges from $156,000/year in our lowest "
        "geographic market up to $245,000/year in our highest."
    )
    assert parse_salary(text, in_description=True) == SalaryRange(156_000, 245_000, "USD", "year")


@pytest.mark.parametrize(
    "perk",
    [
        "$2,000 yearly learning and conference budget",
        "a $750 home office stipend",
        "$1,200 annual wellness allowance",
        "group medical insurance (sum insured ₹10 lakh)",
        "flexible benefits account ($1,500 a year) for wellness",
    ],
)
def test_a_perk_is_money_but_not_pay(perk: str) -> None:
    assert parse_salary(f"Benefits: {perk}.", in_description=True) is None
    found = parse_salary(f"Benefits: {perk}. Salary: $120,000 - $140,000.", in_description=True)
    assert found == SalaryRange(120_000, 140_000, "USD", "year")


def test_pay_followed_by_a_perk_is_still_pay() -> None:
    found = parse_salary("Compensation: ₹9–12 LPA plus a home-office stipend.", in_description=True)
    assert found == SalaryRange(900_000, 1_200_000, "INR", "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Jahresgehalt zwischen 65.000 € und 80.000 € brutto.", SalaryRange(65_000, 80_000, "EUR", "year")),
        ("Ein Jahresgehalt von 90.000 bis 110.000 Euro brutto.", SalaryRange(90_000, 110_000, "EUR", "year")),
        ("Rémunération : 55 000 – 65 000 € brut annuel.", SalaryRange(55_000, 65_000, "EUR", "year")),
        ("Salario bruto anual de 45.000 € a 55.000 €.", SalaryRange(45_000, 55_000, "EUR", "year")),
        ("Salaris van € 4.800 tot € 6.400 bruto per maand.", SalaryRange(4_800, 6_400, "EUR", "month")),
        ("Wynagrodzenie: 18 000 – 24 000 PLN brutto miesięcznie.", SalaryRange(18_000, 24_000, "PLN", "month")),
        ("Salário de R$ 18.000 a R$ 22.000 por mês.", SalaryRange(18_000, 22_000, "BRL", "month")),
        ("€85K/yr - €100K/yr", SalaryRange(85_000, 100_000, "EUR", "year")),
        ("₹30L/yr - ₹40L/yr", SalaryRange(3_000_000, 4_000_000, "INR", "year")),
        # Central Europe and Turkey, quoted by the month: lei, koruna, lira by code or sign
        ("13.000 - 15.000 RON net", SalaryRange(13_000, 15_000, "RON", "month")),
        ("5.000 - 6.000 EUR brut/lună", SalaryRange(5_000, 6_000, "EUR", "month")),
        ("85 000 – 100 000 Kč měsíčně", SalaryRange(85_000, 100_000, "CZK", "month")),
        ("Mzda: od 90 000 Kč", SalaryRange(90_000, None, "CZK", "month")),
        ("700 – 850 Kč/h", SalaryRange(700, 850, "CZK", "hour")),
        ("3 200 – 3 800 EUR/mesiac", SalaryRange(3_200, 3_800, "EUR", "month")),
        ("62.000 - 75.000 TL (Net)", SalaryRange(62_000, 75_000, "TRY", "month")),
        ("Aylık ₺110.000 - ₺140.000", SalaryRange(110_000, 140_000, "TRY", "month")),
        ("TRY 60,000 – 70,000 net/month", SalaryRange(60_000, 70_000, "TRY", "month")),
        ("110 - 140 PLN/h net (+ VAT)", SalaryRange(110, 140, "PLN", "hour")),
        # Israel's shekel, quoted by the month: "₪" after the amount, "NIS", "אלף" (thousand)
        ("שכר: 28,000–33,000 ₪ ברוטו לחודש", SalaryRange(28_000, 33_000, "ILS", "month")),
        ("שכר: 30-35 אלף ₪ ברוטו.", SalaryRange(30_000, 35_000, "ILS", "month")),
        ("Salary: 28-32K NIS", SalaryRange(28_000, 32_000, "ILS", "month")),
        ("₪28,000/month - ₪32,000/month", SalaryRange(28_000, 32_000, "ILS", "month")),
        # South Asia beyond India: the taka by code or sign; Pakistan's and Sri Lanka's rupees
        ("Tk. 1,80,000 - 2,30,000 (Monthly)", SalaryRange(180_000, 230_000, "BDT", "month")),
        ("PKR 1.2M - 1.5M", SalaryRange(1_200_000, 1_500_000, "PKR", "month")),
        ("PKR 10 Lac - 12 Lac", SalaryRange(1_000_000, 1_200_000, "PKR", "month")),
        ("LKR 450,000 - 550,000/month", SalaryRange(450_000, 550_000, "LKR", "month")),
        # the Nordics and the Baltics: months and hours as written, a euro month by its size
        ("Palkka 5 000 – 6 000 €/kk", SalaryRange(5_000, 6_000, "EUR", "month")),
        ("Brutopalk 1800–2100 €", SalaryRange(1_800, 2_100, "EUR", "month")),
        ("Atlyginimas nuo 3500 €/mėn.", SalaryRange(3_500, None, "EUR", "month")),
        ("Timpris: 900–1 050 kr/tim", SalaryRange(900, 1_050, "SEK", "hour")),
        ("Lön: 76 000 – 84 000 kr/mån", SalaryRange(76_000, 84_000, "SEK", "month")),
        ("¥7,000,000/yr - ¥9,500,000/yr", SalaryRange(7_000_000, 9_500_000, "JPY", "year")),
        # Jordan's dinar and the Gulf's riyals by code or in Arabic, quoted by the month
        ("JOD 900 - 1,100", SalaryRange(900, 1_100, "JOD", "month")),
        ("الراتب: 45,000 - 55,000 ريال سعودي", SalaryRange(45_000, 55_000, "SAR", "month")),
        ("الراتب: 10,000 - 12,000 ريال قطري", SalaryRange(10_000, 12_000, "QAR", "month")),
        ("الراتب: 950 دينار أردني شهرياً", SalaryRange(950, 950, "JOD", "month")),
        # Hindi: "per month", "lakh per year"
        ("वेतन: ₹60,000 - ₹80,000 प्रति माह", SalaryRange(60_000, 80_000, "INR", "month")),
        ("वेतन: ₹3.6 - 4.5 लाख प्रति वर्ष", SalaryRange(360_000, 450_000, "INR", "year")),
        # France Travail's field: "Annuel de 48000.0 Euros à 52000.0 Euros sur 12.0 mois"
        ("Annuel de 48000.0 Euros à 52000.0 Euros sur 12.0 mois", SalaryRange(48_000, 52_000, "EUR", "year")),
    ],
)  # fmt: skip
def test_pay_in_the_languages_and_formats_boards_use(text: str, expected: SalaryRange) -> None:
    assert parse_salary(text, in_description=True) == expected


def test_a_word_after_the_amount_is_no_period_it_only_ends_like() -> None:
    # "Pay transparency" after a range is no "p/ay" (Turkish "ay", a month)
    found = parse_salary("$110,000—$135,000 CAD\n\nPay transparency (Ontario): base pay.")
    assert found is not None and found.period == "year"


def test_a_project_size_is_not_pay() -> None:
    assert parse_salary("Typical project size €150k-€600k.", in_description=True) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Latin America's currencies by code, Polish months
        ("COP 6.000.000 – 7.500.000 / mes", SalaryRange(6_000_000, 7_500_000, "COP", "month")),
        ("MXN 45,000 - 55,000 mensuales", SalaryRange(45_000, 55_000, "MXN", "month")),
        ("24 000 – 30 000 PLN brutto/mies. (UoP)", SalaryRange(24_000, 30_000, "PLN", "month")),
        # Africa's currencies; where pay is quoted by the month, an amount that could be a
        # month's is one; Singapore's yearly packages stay yearly
        ("KSh 150,000 - 200,000", SalaryRange(150_000, 200_000, "KES", "month")),
        ("NGN 900,000 - 1,200,000", SalaryRange(900_000, 1_200_000, "NGN", "month")),
        ("60,000 To 80,000 EGP Per Month", SalaryRange(60_000, 80_000, "EGP", "month")),
        ("AED 35,000 (total package)", SalaryRange(35_000, 35_000, "AED", "month")),
        ("SGD 8,000 - 10,000", SalaryRange(8_000, 10_000, "SGD", "month")),
        ("SGD 120,000 - 150,000", SalaryRange(120_000, 150_000, "SGD", "year")),
        ("₹12,00,000 - ₹15,00,000", SalaryRange(1_200_000, 1_500_000, "INR", "year")),
    ],
)
def test_pay_in_more_currencies_and_periods(text: str, expected: SalaryRange) -> None:
    assert parse_salary(text) == expected


def test_south_africas_rand_in_a_boards_salary_field() -> None:
    found = extract_facts(
        title="IT Project Manager", description="Lead delivery.", location="Sandton",
        salary_text="R55 000 - R70 000 per month",
    ).salary  # fmt: skip
    assert found == SalaryRange(55_000, 70_000, "ZAR", "month")


def test_a_boards_range_without_a_period_takes_the_texts_period_for_the_same_amounts() -> None:
    def pay(salary_text: str, text: str) -> SalaryRange | None:
        return extract_facts(
            title="Scrum Master", description=text, salary_text=salary_text, location="Remote"
        ).salary

    said = "Compensation: $1,200 – $1,500 per month plus equity."
    assert pay("$1,200 – $1,500 • 0.05% – 0.1%", said) == SalaryRange(1200, 1500, "USD", "month")
    # other amounts in the text leave the board's figure as it is
    other = "Compensation: $1,000 per month during the trial."
    assert pay("$90,000 – $110,000", other) == SalaryRange(90_000, 110_000, "USD", "year")


@pytest.mark.parametrize(
    ("text", "basic"),
    [
        # The Gulf's way: a basic salary, allowances on top, the package not given.
        ("Basic salary AED 24,000 per month plus housing, transport and utility allowances.", True),
        ("Basic: SAR 18,000 per month, with housing (25%) and transport allowances.", True),
        # The package is stated: that is the pay.
        ("Basic AED 21,000 per month + housing allowance = AED 31,500 a month.", False),
        ("Basic salary AED 20,000 plus allowances; total package AED 32,000 per month.", False),
        # A share of CTC, and a salesperson's basic with commission, are not this.
        ("CTC 18 LPA. Basic 40% of CTC, with HRA and special allowances as per policy.", False),
        ("Basic RM 3,000 per month + attractive commission.", False),
    ],
)
def test_a_basic_salary_with_allowances_on_top_is_read_as_such(text: str, basic: bool) -> None:
    facts = extract_facts(title="IT Project Manager", description=text, location="Dubai, UAE")
    assert facts.salary is not None
    assert facts.pay_basic is basic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Japanese boards: a year's pay in units of 10,000 yen, a month's, an hour's
        ("【給与】 年収 450万円〜600万円（経験・スキルを考慮）", SalaryRange(4_500_000, 6_000_000, "JPY", "year")),
        ("給与: 月給35万円 ～ 55万円 賞与年2回", SalaryRange(350_000, 550_000, "JPY", "month")),
        ("時給 7,000円〜9,000円", SalaryRange(7_000, 9_000, "JPY", "hour")),
        ("Salary: 11 million yen ~ 15 million yen", SalaryRange(11_000_000, 15_000_000, "JPY", "year")),
        # Vietnamese: millions of dong a month
        ("Lương: 20 - 30 triệu/tháng", SalaryRange(20_000_000, 30_000_000, "VND", "month")),
        ("Mức lương: 20 tr - 28 tr ₫/tháng", SalaryRange(20_000_000, 28_000_000, "VND", "month")),
        # Taiwan's and Korea's currencies
        ("Salary: NT$1,400,000 – 1,900,000 per year", SalaryRange(1_400_000, 1_900_000, "TWD", "year")),
        ("Compensation: ₩70,000,000 - ₩95,000,000/yr", SalaryRange(70_000_000, 95_000_000, "KRW", "year")),
        # US dollars too few for a year, with no period: a month's
        ("Salary: $800 - $1,200 (gross), 13th-month salary", SalaryRange(800, 1_200, "USD", "month")),
        # Sweden's krona and month, Dutch and Spanish hours, a French monthly salary
        ("Lön 45 000 – 52 000 kr per månad", SalaryRange(45_000, 52_000, "SEK", "month")),
        ("55 000 – 62 000 kr/mån", SalaryRange(55_000, 62_000, "SEK", "month")),
        ("Uurtarief: €115 - €135 per uur", SalaryRange(115, 135, "EUR", "hour")),
        ("Salario: 20 €/hora", SalaryRange(20, 20, "EUR", "hour")),
        ("Un salaire mensuel brut de 3.000 € à 3.600 €", SalaryRange(3_000, 3_600, "EUR", "month")),
        # Brazil's decimal comma by the hour, Peru's soles, Uruguay's pesos, a period in brackets
        ("Valor: R$ 140,00 a R$ 165,00 por hora", SalaryRange(140, 165, "BRL", "hour")),
        ("Remuneración de S/ 4,500 - S/ 5,500 mensuales", SalaryRange(4_500, 5_500, "PEN", "month")),
        ("UYU 180,000 – 220,000 nominal per month.", SalaryRange(180_000, 220_000, "UYU", "month")),
    ],
)  # fmt: skip
def test_pay_as_east_asian_boards_write_it(text: str, expected: SalaryRange) -> None:
    assert pay("", text) == expected


def test_a_perks_stipend_is_not_pay() -> None:
    assert pay("Austin, TX", "Perks: a home-office stipend of $500 and a learning budget.") is None


@pytest.mark.parametrize(
    ("location", "text", "expected"),
    [
        # Latin America's pesos are written "$": where no US dollar amount could be pay, or
        # where the job is
        ("Microcentro, Capital Federal", "Sueldo bruto: $1.900.000 - $2.300.000 mensuales",
         SalaryRange(1_900_000, 2_300_000, "ARS", "month")),
        ("Cuauhtémoc, Ciudad de México", "Salario: $48,000.00 - $58,000.00 (Mensual)",
         SalaryRange(48_000, 58_000, "MXN", "month")),
        # ...unless the listing says US dollars
        ("Ciudad de México", "Pago en dólares: USD 3,000 al mes", SalaryRange(3_000, 3_000, "USD", "month")),
    ],
)  # fmt: skip
def test_a_bare_dollar_in_latin_america_is_the_local_peso(
    location: str, text: str, expected: SalaryRange
) -> None:
    assert pay(location, text) == expected


@pytest.mark.parametrize(
    ("salary_text", "location", "expected"),
    [
        ("190K-230K Annually", "Seattle, WA", SalaryRange(190_000, 230_000, "USD", "year")),
        ("30,000 per month", "Hyderabad, India", SalaryRange(30_000, 30_000, "INR", "month")),
        ("15-25k", "上海-普陀区", SalaryRange(15_000, 25_000, "CNY", "month")),
        # a day's rate stays unread; a currency the field names is its own
        ("500 per day", "London, UK", None),
        ("$95,000 - $110,000", "Austin, TX", SalaryRange(95_000, 110_000, "USD", "year")),
    ],
)
def test_a_boards_pay_without_a_currency_is_in_the_countrys(
    salary_text: str, location: str, expected: SalaryRange | None
) -> None:
    found = extract_facts(title="Technical Project Manager", description="Lead delivery.",
                          location=location, salary_text=salary_text)  # fmt: skip
    assert found.salary == expected


@pytest.mark.parametrize(
    ("text", "location", "currency"),
    [
        ("Salary: Rs. 250,000 – 320,000 per month", "Colombo 03", "LKR"),
        ("Salary: Rs. 350,000 - 450,000 a month", "Lahore, Pakistan", "PKR"),
        ("Salary: Rs. 35,000 - 45,000 per month", "Pune, India", "INR"),
        # the listing says Indian rupees
        ("Salary: ₹55,000 – ₹70,000 per month", "Colombo", "INR"),
    ],
)
def test_rupees_are_the_countrys_where_the_job_is(text: str, location: str, currency: str) -> None:
    found = extract_facts(title="Project Coordinator", description=text, location=location)
    assert found.salary is not None and found.salary.currency == currency


def test_a_day_rate_in_euros_is_no_months_pay() -> None:
    for text in ("Tagessatz 750 – 850 € (all-in).", "TJM : 400 – 500 € HT selon profil."):
        assert parse_salary(text, in_description=True) is None


def test_korean_perks_and_counts_are_no_pay() -> None:
    for text in (
        "• 연 200만 원 자기계발비, 도서 무제한 지원",
        "가맹점 42만 곳이 사용하는 결제 인프라",
    ):
        assert parse_salary(text, in_description=True) is None


@pytest.mark.parametrize(
    ("salary_text", "expected"),
    [
        # Korean: 만 (10,000 won) and 억 (100 million), a year's unless a month's is said
        ("연봉 9,000만원 ~ 1억 2,000만원", SalaryRange(90_000_000, 120_000_000, "KRW", "year")),
        ("5,000~6,500만원", SalaryRange(50_000_000, 65_000_000, "KRW", "year")),
        ("월 350만원", SalaryRange(3_500_000, 3_500_000, "KRW", "month")),
        ("1억 이상", SalaryRange(100_000_000, None, "KRW", "year")),
        # Japanese pay open at the top
        ("月給32万円～", SalaryRange(320_000, None, "JPY", "month")),
    ],
)
def test_korean_and_japanese_pay_as_their_boards_write_it(
    salary_text: str, expected: SalaryRange
) -> None:
    found = extract_facts(title="Project Manager", description="Lead delivery.",
                          location="Seoul", salary_text=salary_text)  # fmt: skip
    assert found.salary == expected
