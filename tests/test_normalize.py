"""Written forms to spoken words: what a careful human reader would say aloud.

Each table row is an exact expectation. The English table covers every category the
normalizer claims (numbers, money, dates, times, units, Roman numerals, abbreviations,
addresses); other languages must get their own words and never the English rules.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from audio.normalize import clean_unicode, normalize
from audio.script import split_sentences

DATA = Path(__file__).parent / "data"

# --- English -------------------------------------------------------------------------

ENGLISH = [
    # cardinals
    ("There are 1,234 voters.", "There are one thousand two hundred thirty-four voters."),
    ("The code was 1234.", "The code was one thousand two hundred thirty-four."),
    ("She has 3 cats.", "She has three cats."),
    ("We counted 0 errors.", "We counted zero errors."),
    ("He scored 99 points.", "He scored ninety-nine points."),
    ("It holds 101 seats.", "It holds one hundred one seats."),
    ("There were 10,000 fans.", "There were ten thousand fans."),
    ("The city has 1,000,000 residents.", "The city has one million residents."),
    ("The debt is 2,500,000,000.", "The debt is two billion five hundred million."),
    ("The total was 45,678.", "The total was forty-five thousand six hundred seventy-eight."),
    ("Room 12345 is empty.", "Room twelve thousand three hundred forty-five is empty."),
    ("Agent 007 arrived.", "Agent zero zero seven arrived."),
    ("5 people came.", "Five people came."),
    # negative numbers
    ("It fell to -5 overnight.", "It fell to minus five overnight."),
    ("The balance was −12.", "The balance was minus twelve."),
    ("Growth was -0.5 last year.", "Growth was minus zero point five last year."),
    # decimals
    ("Pi is about 3.14.", "Pi is about three point one four."),
    ("It rose 0.5 points.", "It rose zero point five points."),
    ("The rate is .25 now.", "The rate is point two five now."),
    (
        "The score was 1,234.56.",
        "The score was one thousand two hundred thirty-four point five six.",
    ),
    ("About 1.5 billion people.", "About one point five billion people."),
    ("It was 5 bn.", "It was five billion."),
    ("Some 2m people voted.", "Some two million people voted."),
    # ordinals
    ("She finished 1st.", "She finished first."),
    ("He was 2nd and she was 3rd.", "He was second and she was third."),
    ("It is the 22nd edition.", "It is the twenty-second edition."),
    ("The 103rd meeting.", "The one hundred third meeting."),
    ("The 21st century.", "The twenty-first century."),
    ("His 11th, 12th and 13th tries.", "His eleventh, twelfth and thirteenth tries."),
    ("The 100th day.", "The one hundredth day."),
    ("Their 40th anniversary.", "Their fortieth anniversary."),
    # years
    ("In 1990 the wall fell.", "In nineteen ninety the wall fell."),
    ("In 2005 it flooded.", "In two thousand five it flooded."),
    ("Since 2021 prices rose.", "Since twenty twenty-one prices rose."),
    ("2021 was a hard year.", "Twenty twenty-one was a hard year."),
    ("It rained. 2021 was hard.", "It rained. Twenty twenty-one was hard."),
    ("The law dates from 1066.", "The law dates from ten sixty-six."),
    ("It was built in 1905.", "It was built in nineteen oh five."),
    ("By 2000 it was gone.", "By two thousand it was gone."),
    ("The 1900 census.", "The nineteen hundred census."),
    ("In May 2010 they met.", "In May twenty ten they met."),
    ("It happened in 1500.", "It happened in fifteen hundred."),
    ("He was born c. 1500.", "He was born circa fifteen hundred."),
    ("The 2009 season.", "The two thousand nine season."),
    ("In 2100 the sea rises.", "In twenty-one hundred the sea rises."),
    ("A crowd of 1500 people.", "A crowd of one thousand five hundred people."),
    ("The number 1234 is odd.", "The number one thousand two hundred thirty-four is odd."),
    ("Windows 95 and Office 2019.", "Windows ninety-five and Office twenty nineteen."),
    # decades
    ("The 1990s were calm.", "The nineteen nineties were calm."),
    ("In the '90s we danced.", "In the nineties we danced."),
    ("Back in the 80s.", "Back in the eighties."),
    ("In the 1800s.", "In the eighteen hundreds."),
    ("The 2000s began.", "The two thousands began."),
    ("She is in her 30s.", "She is in her thirties."),
    ("The 2010s ended.", "The twenty tens ended."),
    ("Music of the 1960's.", "Music of the nineteen sixties."),
    # money
    ("It costs $1.5 billion.", "It costs one point five billion dollars."),
    ("It costs $ 1.5 billion.", "It costs one point five billion dollars."),
    ("Tickets are €20.", "Tickets are twenty euros."),
    ("A pint is £3.50.", "A pint is three pounds fifty."),
    ("They raised US$3m.", "They raised three million US dollars."),
    ("It was $5.", "It was five dollars."),
    ("It cost 1 dollar.", "It cost one dollar."),
    ("It cost $1.", "It cost one dollar."),
    ("A ticket is ¥500.", "A ticket is five hundred yen."),
    ("The fee is CHF 20.", "The fee is twenty Swiss francs."),
    ("Gum costs 50¢.", "Gum costs fifty cents."),
    ("It costs 20€.", "It costs twenty euros."),
    ("It costs 20 €.", "It costs twenty euros."),
    ("The fine is 100 CHF.", "The fine is one hundred Swiss francs."),
    ("They paid $2,500.", "They paid two thousand five hundred dollars."),
    ("It sold for $0.99.", "It sold for ninety-nine cents."),
    ("It sold for $5.05.", "It sold for five dollars and five cents."),
    ("It sold for $10.00.", "It sold for ten dollars."),
    ("Profits hit $2bn.", "Profits hit two billion dollars."),
    ("A budget of $5 million.", "A budget of five million dollars."),
    ("Salaries of $50k.", "Salaries of fifty thousand dollars."),
    ("It cost £1.", "It cost one pound."),
    ("It cost £0.50.", "It cost fifty pence."),
    ("It cost €1.5 million.", "It cost one point five million euros."),
    ("Bids ran from $5 to $10.", "Bids ran from five to ten dollars."),
    ("The loss was $5-10 million.", "The loss was five to ten million dollars."),
    ("It was USD 300.", "It was three hundred US dollars."),
    ("They paid ₹500.", "They paid five hundred rupees."),
    ("It cost A$20.", "It cost twenty Australian dollars."),
    ("It cost €0.01.", "It cost one cent."),
    ("$5 is cheap.", "Five dollars is cheap."),
    # percentages
    ("Prices rose 5%.", "Prices rose five percent."),
    ("Prices rose 5 %.", "Prices rose five percent."),
    ("Rates are 3.5 per cent.", "Rates are three point five per cent."),
    ("Growth was -2%.", "Growth was minus two percent."),
    ("Support is 40-45%.", "Support is forty to forty-five percent."),
    ("Up +3% today.", "Up plus three percent today."),
    ("I am 100% sure.", "I am one hundred percent sure."),
    # ranges
    ("From 1990–1995 it grew.", "From nineteen ninety to nineteen ninety-five it grew."),
    ("Take 5-10 pills.", "Take five to ten pills."),
    ("See pages 10–12.", "See pages ten to twelve."),
    ("The 2019-2020 season.", "The twenty nineteen to twenty twenty season."),
    ("The 1990-95 period.", "The nineteen ninety to ninety-five period."),
    ("It lasted 3–4 hours.", "It lasted three to four hours."),
    ("Highs of 20 – 25 degrees.", "Highs of twenty to twenty-five degrees."),
    ("Aged 18-24.", "Aged eighteen to twenty-four."),
    ("A 50-50 chance.", "A fifty-fifty chance."),
    # dates
    ("On 25.2.2021 we met.", "On the twenty-fifth of February twenty twenty-one we met."),
    ("On 2/25/2021 we met.", "On February twenty-fifth, twenty twenty-one we met."),
    ("On 2021-02-25 we met.", "On February twenty-fifth, twenty twenty-one we met."),
    ("On March 3, 2021 we met.", "On March third, twenty twenty-one we met."),
    ("On 3 March 2021 we met.", "On the third of March twenty twenty-one we met."),
    ("It opens Jan. 5.", "It opens January fifth."),
    ("It ended on the 3rd of March.", "It ended on the third of March."),
    ("Held March 3–5.", "Held March third to fifth."),
    ("Held 10–12 June 2021.", "Held the tenth to twelfth of June twenty twenty-one."),
    ("Due July 4th.", "Due July fourth."),
    ("Due 01.12.2020.", "Due the first of December twenty twenty."),
    ("On 12/25/2020 it snowed.", "On December twenty-fifth, twenty twenty it snowed."),
    ("On 25/12/2020 it snowed.", "On the twenty-fifth of December twenty twenty it snowed."),
    ("On 3/4/2021 we met.", "On March fourth, twenty twenty-one we met."),
    ("Born Dec. 7, 1941.", "Born December seventh, nineteen forty-one."),
    ("Sept. 11 changed things.", "September eleventh changed things."),
    ("In March 2021 it rained.", "In March twenty twenty-one it rained."),
    ("Sat., Jan. 5.", "Saturday, January fifth."),
    # times
    ("At 10:30 we met.", "At ten thirty we met."),
    ("At 9:05 pm we met.", "At nine oh five p m we met."),
    ("At 14:00 we met.", "At fourteen hundred we met."),
    ("At 7am we met.", "At seven a m we met."),
    ("At 10:00 we met.", "At ten o'clock we met."),
    ("It ends at 7 p.m. Then we eat.", "It ends at seven p m. Then we eat."),
    ("Open 9 a.m. to 5 p.m. daily.", "Open nine a m to five p m daily."),
    ("It aired at 12:30 PM.", "It aired at twelve thirty p m."),
    ("The train leaves at 23:45.", "The train leaves at twenty-three forty-five."),
    ("She ran 2:03:45.", "She ran two hours three minutes forty-five seconds."),
    ("Read John 3:16.", "Read John three sixteen."),
    ("They won 3:1.", "They won three to one."),
    # units
    ("It is 5 km away.", "It is five kilometers away."),
    ("It weighs 3.5 kg.", "It weighs three point five kilograms."),
    ("Drive at 10 mph.", "Drive at ten miles per hour."),
    ("It was 20°C.", "It was twenty degrees Celsius."),
    ("It was -5°C.", "It was minus five degrees Celsius."),
    ("It was 72 °F.", "It was seventy-two degrees Fahrenheit."),
    ("A 100 m² flat.", "A one hundred square meter flat."),
    ("It has 5 GB free.", "It has five gigabytes free."),
    ("It is 12 cm long.", "It is twelve centimeters long."),
    ("It takes 2 h.", "It takes two hours."),
    ("It is 1 km away.", "It is one kilometer away."),
    ("Drive at 60 km/h.", "Drive at sixty kilometers per hour."),
    ("Add 250 ml.", "Add two hundred fifty milliliters."),
    ("A 3 GHz chip.", "A three gigahertz chip."),
    ("It uses 40 kWh.", "It uses forty kilowatt hours."),
    ("It turned 90°.", "It turned ninety degrees."),
    ("He is 6 ft tall.", "He is six feet tall."),
    ("A 1 ft gap.", "A one foot gap."),
    ("A 5 MW plant.", "A five megawatt plant."),
    ("It weighs 10 lbs.", "It weighs ten pounds."),
    ("A 5-10 kg bag.", "A five to ten kilogram bag."),
    ("A 2 m wall.", "A two meter wall."),
    ("He was 5'11\" tall.", "He was five feet eleven inches tall."),
    ("Temperatures hit 40C.", "Temperatures hit forty degrees Celsius."),
    ("Flat 4C is empty.", "Flat four C is empty."),
    # Roman numerals
    ("Henry VIII had six wives.", "Henry the eighth had six wives."),
    ("Elizabeth II was queen.", "Elizabeth the second was queen."),
    ("World War II ended.", "World War two ended."),
    ("Super Bowl LVII was close.", "Super Bowl fifty-seven was close."),
    ("Elizabeth I ruled.", "Elizabeth the first ruled."),
    ("After WWII things changed.", "After World War two things changed."),
    ("Louis XIV built it.", "Louis the fourteenth built it."),
    ("Pope John Paul II visited.", "Pope John Paul the second visited."),
    ("Read Chapter IV first.", "Read Chapter four first."),
    ("Henry VIII's wives.", "Henry the eighth's wives."),
    ("Title IX passed.", "Title nine passed."),
    ("World War I began.", "World War one began."),
    ("Thurston Howell III laughed.", "Thurston Howell the third laughed."),
    ("Then I left.", "Then I left."),
    ("Was it Mary I wonder?", "Was it Mary I wonder?"),
    ("Charles I was beheaded.", "Charles the first was beheaded."),
    ("I think MIX is CIVIL.", "I think MIX is CIVIL."),
    ("A Type C cable.", "A Type C cable."),
    ("Malcolm X spoke.", "Malcolm X spoke."),
    ("NASA and the BBC met in Washington DC.", "NASA and the BBC met in Washington DC."),
    # abbreviations
    ("Dr. Smith is here.", "Doctor Smith is here."),
    ("Mr. Jones and Mrs. Brown met.", "Mister Jones and Missus Brown met."),
    ("Ms. Lee spoke.", "Miz Lee spoke."),
    ("Mr Smith arrived.", "Mister Smith arrived."),
    ("Mr. and Mrs. Smith arrived.", "Mister and Missus Smith arrived."),
    ("They met in St. Louis.", "They met in Saint Louis."),
    ("He lives on Baker St. in London.", "He lives on Baker Street in London."),
    ("They live on Mulholland Dr. now.", "They live on Mulholland Drive now."),
    ("Fruit, e.g. apples.", "Fruit, for example apples."),
    ("Food, i.e. bread.", "Food, that is bread."),
    ("Apples, pears, etc. and more.", "Apples, pears, et cetera and more."),
    ("Apples, pears, etc. The end.", "Apples, pears, et cetera. The end."),
    ("Apples, pears, etc.", "Apples, pears, et cetera."),
    ("Apples vs. oranges.", "Apples versus oranges."),
    ("Roe v. Wade was decided.", "Roe versus Wade was decided."),
    ("It took approx. 5 hours.", "It took approximately five hours."),
    ("He is No. 5 on the list.", "He is number five on the list."),
    ("Prof. Lee teaches.", "Professor Lee teaches."),
    ("Gov. Hill and Sen. Day spoke.", "Governor Hill and Senator Day spoke."),
    ("Rep. Ray voted.", "Representative Ray voted."),
    ("Gen. Lee, Lt. Dan and Capt. Hook.", "General Lee, Lieutenant Dan and Captain Hook."),
    ("They climbed Mt. Everest.", "They climbed Mount Everest."),
    ("Martin Luther King Jr. spoke.", "Martin Luther King Junior spoke."),
    ("See p. 5 and pp. 10-12.", "See page five and pages ten to twelve."),
    ("Vol. 2 is out.", "Volume two is out."),
    ("We are #1.", "We are number one."),
    ("Tom & Jerry.", "Tom and Jerry."),
    ("AT&T and R&D.", "AT and T and R and D."),
    ("The Sun. It shone.", "The Sun. It shone."),
    # fractions
    ("Add 1/2 cup.", "Add one half cup."),
    ("It is 3/4 full.", "It is three quarters full."),
    ("Add 1 1/2 cups.", "Add one and a half cups."),
    ("Only 2/3 voted.", "Only two thirds voted."),
    ("Add 1/4 cup.", "Add one quarter cup."),
    ("Cut 5/8 inch.", "Cut five eighths inch."),
    ("Open 24/7.", "Open twenty-four seven."),
    ("Rated 8/10.", "Rated eight out of ten."),
    # phone numbers
    ("Call 555-123-4567 now.", "Call five five five, one two three, four five six seven now."),
    ("Call (555) 123-4567.", "Call five five five, one two three, four five six seven."),
    (
        "Call +44 20 7946 0958.",
        "Call plus four four, two zero, seven nine four six, zero nine five eight.",
    ),
    ("Call +1 555 123 4567.", "Call plus one, five five five, one two three, four five six seven."),
    ("Call 1-800-555-0199.", "Call one, eight zero zero, five five five, zero one nine nine."),
    # addresses, spoken
    ("Visit https://www.example.com/path?x=1 today.", "Visit example dot com today."),
    ("Mail jane.doe@example.org now.", "Mail jane dot doe at example dot org now."),
    ("See bbc.co.uk for more.", "See bbc dot co dot uk for more."),
    ("Visit www.my-site.com.", "Visit my dash site dot com."),
    ("Amazon.com grew.", "Amazon dot com grew."),
    ("Write to info2@example.com.", "Write to info two at example dot com."),
    # digits inside words
    ("COVID-19 cases rose.", "COVID-nineteen cases rose."),
    ("The MP3 player.", "The MP three player."),
    ("A 3D film.", "A three D film."),
    ("Python 3.10.12 is out.", "Python three point ten point twelve is out."),
]

# The region changes spelling and the order of numeric dates.
ENGLISH_REGIONAL = [
    ("en_GB", "On 3/4/2021 we met.", "On the third of April twenty twenty-one we met."),
    ("en-GB", "It is 5 km away.", "It is five kilometres away."),
    ("en_US", "On 3/4/2021 we met.", "On March fourth, twenty twenty-one we met."),
    ("en_AU", "Add 2 L of water.", "Add two litres of water."),
    ("en_IN", "On 2021-02-25 we met.", "On the twenty-fifth of February twenty twenty-one we met."),
]


@pytest.mark.parametrize(("written", "spoken"), ENGLISH)
def test_english(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(("language", "written", "spoken"), ENGLISH_REGIONAL)
def test_english_regions(language: str, written: str, spoken: str) -> None:
    assert normalize(written, language) == spoken


def test_english_table_is_large_and_leaves_no_digits() -> None:
    """Every handled category is said in words: no digit survives."""
    assert len(ENGLISH) + len(ENGLISH_REGIONAL) >= 150
    left = {w: s for w, s in ENGLISH if re.search(r"\d", normalize(w))}
    assert not left


def test_no_digits_left_in_mixed_prose() -> None:
    text = (
        "On 3 March 2021, Dr. Lee said the 2nd phase (costing $1.5 billion, up 5% from 2020) "
        "would run 9:00 am-5:30 pm, 7 days a week, for 12-18 months. Call +1 555 123 4567 or "
        "555-123-4567; see p. 12, No. 3, #1, 1/2 of the 1990s budget, 20°C, 3.5 kg, 1,234.5 m, "
        "-7, ~40, 24/7, 25.12.2020, 12/25/2020, 2021-02-25, 1990–1995, 10:30, 7pm, £3.50, €20, "
        "US$3m, 50¢, ¥500, CHF 20, 3:1, COVID-19, MP3, v2.1.3, 007, .5 and 1st, 22nd, 103rd."
    )
    said = normalize(text)
    assert not re.search(r"\d", said), said


def test_sentence_ends_survive() -> None:
    """The splitter sees the same sentences after normalization: no fake or lost ends."""
    text = (
        "Dr. Smith met Mr. Jones at 7 p.m. on Jan. 5. They spent $5.50, approx. 3% of it. "
        "It was No. 1 in the U.K. for 3 weeks. 2021 was good, e.g. for sales. "
        "Apples, pears, etc. The end."
    )
    assert split_sentences(normalize(text)) == [
        "Doctor Smith met Mister Jones at seven p m on January fifth.",
        "They spent five dollars fifty, approximately three percent of it.",
        "It was number one in the U.K. for three weeks.",
        "Twenty twenty-one was good, for example for sales.",
        "Apples, pears, et cetera.",  # the splitter alone kept "etc. The end." together
        "The end.",
    ]


# --- other languages -----------------------------------------------------------------

OTHER_LANGUAGES = [
    (
        "de",
        "Dr. Müller verdient 3,5 Millionen Euro.",
        "Doktor Müller verdient drei Komma fünf Millionen Euro.",
    ),
    ("de", "Es kostet 12,50 €.", "Es kostet zwölf Euro fünfzig."),
    (
        "de",
        "Die Stadt hat 1.234.567 Einwohner.",
        "Die Stadt hat eine Million zweihundertvierunddreißigtausendfünfhundertsiebenundsechzig "
        "Einwohner.",
    ),
    ("de", "Am 3. Mai kam er.", "Am dritten Mai kam er."),
    ("de", "Der 3. Platz ging an sie.", "Der dritte Platz ging an sie."),
    ("de", "Es waren 3. Dann kam er.", "Es waren drei. Dann kam er."),
    (
        "de",
        "Am 25.02.2021 um 14:30 Uhr.",
        "Am fünfundzwanzigsten Februar zweitausendeinundzwanzig um vierzehn Uhr dreißig.",
    ),
    ("de", "Das Wachstum lag bei 5 %.", "Das Wachstum lag bei fünf Prozent."),
    (
        "de",
        "Von 1990–1995 stieg es.",
        "Von neunzehnhundertneunzig bis neunzehnhundertfünfundneunzig stieg es.",
    ),
    ("de", "Im Jahr 1990.", "Im Jahr neunzehnhundertneunzig."),
    ("de", "Es waren -5 Grad.", "Es waren minus fünf Grad."),
    ("de", "Das sind z. B. 3,5 Mio. €.", "Das sind zum Beispiel drei Komma fünf Millionen Euro."),
    ("de", "Nr. 5 gewinnt.", "Nummer fünf gewinnt."),
    ("de", "Tom & Jerry.", "Tom und Jerry."),
    ("de", "3. Liga startet.", "Dritte Liga startet."),
    ("de", "Das Spiel endete 3:1.", "Das Spiel endete drei zu eins."),
    ("de", "Es gibt 2,5 Mrd. Menschen.", "Es gibt zwei Komma fünf Milliarden Menschen."),
    ("de", "Das kostet 1 Mio. €.", "Das kostet eine Million Euro."),
    ("de", "Die 90er Jahre.", "Die neunziger Jahre."),
    ("de", "Es war alles usw. Dann ging er.", "Es war alles und so weiter. Dann ging er."),
    (
        "de_CH",
        "Es kostet CHF 1'234.50.",
        "Es kostet eintausendzweihundertvierunddreißig Franken fünfzig.",
    ),
    (
        "fr",
        "Le Dr Martin gagne 3,5 millions.",
        "Le Docteur Martin gagne trois virgule cinq millions.",
    ),
    ("fr", "Il y a 3 000 personnes.", "Il y a trois mille personnes."),
    ("fr", "Le 1er mai.", "Le premier mai."),
    ("fr", "La 2e place.", "La deuxième place."),
    (
        "fr",
        "Le 25/02/2021 à 14h30.",
        "Le vingt-cinq février deux mille vingt et un à quatorze heures trente.",
    ),
    ("fr", "Une hausse de 5 %.", "Une hausse de cinq pour cent."),
    ("fr", "Ça coûte 12,50 €.", "Ça coûte douze euros cinquante."),
    ("fr", "Ça coûte 3 millions €.", "Ça coûte trois millions d'euros."),
    ("fr", "M. Dupont et Mme Durand.", "Monsieur Dupont et Madame Durand."),
    ("fr-CA", "Il a 21 ans.", "Il a vingt et un ans."),
    ("fr", "Pi vaut 3,14.", "Pi vaut trois virgule quatorze."),
    ("fr", "Le XIXe siècle et François Ier.", "Le dix-neuvième siècle et François premier."),
    ("fr", "Il a gagné 1 000 000 €.", "Il a gagné un million d'euros."),
    ("fr", "Il fait -5 °C.", "Il fait moins cinq degrés Celsius."),
    ("es", "El Sr. García tiene 3,5 millones.", "El señor García tiene tres coma cinco millones."),
    ("es", "Hay 1.234 personas.", "Hay mil doscientos treinta y cuatro personas."),
    ("es", "Cuesta 21 €.", "Cuesta veintiún euros."),
    ("es", "El 1º de mayo.", "El primero de mayo."),
    ("es", "El 25/02/2021.", "El veinticinco de febrero de dos mil veintiuno."),
    ("es", "Un 5 % más.", "Un cinco por ciento más."),
    ("es", "EE. UU. gastó 1 millón €.", "Estados Unidos gastó un millón de euros."),
    ("es", "Cuesta 9,99 €.", "Cuesta nueve euros con noventa y nueve."),
    ("it", "Il 5 % in più.", "Il cinque per cento in più."),
    ("nl", "Het kost 5 €.", "Het kost vijf euro."),
    ("pl", "Mam 3 jabłka i 5 %.", "Mam trzy jabłka i pięć procent."),
    ("pt_BR", "Custa 10 €.", "Custa dez euros."),
    ("ru", "У меня 5 яблок.", "У меня пять яблок."),
    # num2words cannot say these languages: digits stay for the engine.
    ("zh", "我有 3 个苹果.", "我有 3 个苹果."),
    ("hr", "Imam 3 jabuke.", "Imam 3 jabuke."),
]


@pytest.mark.parametrize(("language", "written", "spoken"), OTHER_LANGUAGES)
def test_other_languages(language: str, written: str, spoken: str) -> None:
    assert normalize(written, language) == spoken


ENGLISH_WORDS = re.compile(
    r"\b(?:Doctor|Mister|five|euros? and|percent|point|three|third|eighth|the second|"
    r"number|March|February|January|o'clock|p m|a m|et cetera|for example|minus|and a half)\b"
)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("de", "Dr. Müller sagt, 3,5 Millionen sind 5 % von $5 am 3. März 2021 um 14:30 Uhr."),
        ("de", "Heinrich VIII. und Nr. 5, z. B. 1/2 Liter, etc."),
        ("fr", "Le Dr Martin paie 3,5 millions, soit 5 % de $5, le 3 mars 2021 à 9 h."),
        ("es", "El Dr. García paga 3,5 millones, un 5 % de $5, el 3 de marzo de 2021."),
        ("it", "Il Dr. Rossi paga 3,5 milioni, il 5 %, il 3 marzo 2021."),
    ],
)
def test_english_rules_are_not_applied(language: str, written: str) -> None:
    said = normalize(written, language)
    assert not ENGLISH_WORDS.search(said), said


def test_decimal_comma_is_a_decimal_outside_english() -> None:
    assert normalize("3,5 Millionen", "de") == "Drei Komma fünf Millionen"
    assert normalize("1,500 people") == "One thousand five hundred people"


def test_private_use_tokens_pass_through() -> None:
    """Opaque tokens (the lexicon's held-back entries) survive and count as names."""
    token = "\ue000\ue100\ue001"
    assert (
        normalize(f"Dr. {token} paid $5 on 3 May.")
        == f"Doctor {token} paid five dollars on the third of May."
    )
    assert normalize(f"Am 3. Mai {token} 5 %.", "de") == f"Am dritten Mai {token} fünf Prozent."


# --- clean_unicode -------------------------------------------------------------------

CLEAN = [
    ("He said\u2014and I quote\u2014that it was fine.", "He said, and I quote, that it was fine."),
    (
        "He said \u2014 and I quote \u2014 that it was fine.",
        "He said, and I quote, that it was fine.",
    ),
    ("It was good \u2013 very good.", "It was good, very good."),
    ("It was good - very good.", "It was good, very good."),
    ("It was good -- very good.", "It was good, very good."),
    ("The plan (approved in May) failed.", "The plan, approved in May, failed."),
    ("It rose (by 5%).", "It rose, by 5%."),
    ("(Reuters) - The market fell.", "Reuters, The market fell."),
    ("Prices (1990\u20131995) rose.", "Prices, 1990\u20131995, rose."),
    ("From 1990\u20131995 and 5 \u2013 10.", "From 1990\u20131995 and 5 \u2013 10."),
    ("Call (555) 123-4567 now.", "Call (555) 123-4567 now."),
    ("Your friend(s) are here.", "Your friend(s) are here."),
    ("He left (he was tired.) Then he slept.", "He left, he was tired. Then he slept."),
    ("Is it (really)? Yes.", "Is it, really? Yes."),
    ("A well-known dash-separated word.", "A well-known dash-separated word."),
    ("\u201cHello,\u201d she said. \u2018Hi.\u2019", "\"Hello,\" she said. 'Hi.'"),
    ("soft\u00adhy\u00adphen and zero\u200bwidth\ufeff.", "softhyphen and zerowidth."),
    ("a\u00a0b\u2009c\u202fd   e\tf.", "a b c d e f."),
    ("\ufb01ne \u2460 \uff21\uff22\uff23 cafe\u0301", "fine 1 ABC caf\u00e9"),
    ("It is 1\u00bd cups and \u00be of it.", "It is 1 1/2 cups and 3/4 of it."),
    ("100 m\u00b2, 20\u2103, Apple\u2122, wait\u2026", "100 m\u00b2, 20\u00b0C, Apple, wait..."),
    ("\u2014 Quoted speech.", "Quoted speech."),
    ("Line one.\n\n\n  Line two.\nLine three.", "Line one.\n\nLine two.\nLine three."),
    ("Really? Yes! No. Fine.", "Really? Yes! No. Fine."),
]


@pytest.mark.parametrize(("written", "cleaned"), CLEAN)
def test_clean_unicode(written: str, cleaned: str) -> None:
    assert clean_unicode(written) == cleaned


def test_clean_then_normalize() -> None:
    """The order script.py should use: characters first, then words."""
    text = "It took 1\u00bd hours\u2014at 20\u2103\u2014over 100 m\u00b2 (1990\u20131995)."
    assert normalize(clean_unicode(text)) == (
        "It took one and a half hours, at twenty degrees Celsius, over one hundred square "
        "meters, nineteen ninety to nineteen ninety-five."
    )


# --- addresses dropped ---------------------------------------------------------------

DROPPED = [
    ("Read more at https://example.com/a.", "Read more at."),
    ("Visit https://x.com, then leave.", "Visit, then leave."),
    ("More info (https://example.com/a) here.", "More info here."),
    ("Links: https://a.com, https://b.com.", "Links."),
    ("See https://example.com for details.", "See for details."),
    ("Source: https://example.com", "Source"),
    ("Mail jane.doe@example.org or call.", "Mail or call."),
    ("Hi. https://example.com is great.", "Hi. Is great."),
    ("Visit www.example.com today!", "Visit today!"),
    ("Amazon.com grew.", "Amazon dot com grew."),  # a bare domain is a name: said, not dropped
]


@pytest.mark.parametrize(("written", "spoken"), DROPPED)
def test_urls_dropped(written: str, spoken: str) -> None:
    assert normalize(written, urls="drop") == spoken


def test_urls_option_is_checked() -> None:
    with pytest.raises(ValueError, match="urls"):
        normalize("x", urls="spell")


# --- speed ---------------------------------------------------------------------------


def test_fifty_thousand_words_are_quick() -> None:
    """Ordinary prose with numbers: well under a second here; the assert only catches a hang."""
    article = (DATA / "river-town-budget.txt").read_text(encoding="utf-8")
    extra = (
        "In 2021 the council spent $1.5 million, up 5% from 2020, on 3 parks and 12 km of "
        "paths. Dr. Lee said on March 3, 2021 at 10:30 am that 1,234 people came (about 40%)."
    )
    paragraphs = [p for para in article.split("\n\n") for p in (para, extra)]
    text = "\n\n".join(paragraphs)
    text = "\n\n".join([text] * (50_000 // len(text.split()) + 1))
    assert len(text.split()) >= 50_000
    start = time.perf_counter()
    said = normalize(clean_unicode(text))
    elapsed = time.perf_counter() - start
    print(f"\nnormalized {len(text.split())} words in {elapsed:.3f} s")
    assert elapsed < 5
    assert not re.search(r"\d", said)
