"""Norwegian-looking words for generated data.

Names are composed from parts so that a large scale still has varied names and the directory
search sees realistic selectivity: a common word ("idrettslag") matches many organisations, a
rare place name few.
"""

PLACE_PREFIXES = [
    "Nord", "Sør", "Øst", "Vest", "Øvre", "Nedre", "Store", "Lille", "Gamle", "Nye",
]  # fmt: skip
PLACE_STEMS = [
    "Ås", "Nordby", "Kroer", "Brønnerud", "Solberg", "Rustad", "Togrenda", "Vinterbro",
    "Sjøskogen", "Holstad", "Moer", "Kaldal", "Bølstad", "Haugen", "Berg", "Dal", "Vik",
    "Lia", "Eng", "Stad", "Mo", "Hov", "Bakke", "Ås", "Fjell", "Nes", "Strand", "Tangen",
    "Voll", "Rud", "Bø", "Li", "Foss", "Heim", "Sand", "Myr", "Åker", "Ekeberg", "Lund",
]  # fmt: skip
PLACE_SUFFIXES = [
    "", "by", "dal", "vik", "berg", "stad", "rud", "heim", "sand", "nes", "fjord", "haug",
    "li", "land", "mark", "ås", "øy",
]  # fmt: skip

FIRST_NAMES = [
    "Ola", "Kari", "Nora", "Emma", "Jakob", "Lukas", "Ingrid", "Sofie", "Filip", "Aksel",
    "Maja", "Olivia", "Emil", "Noah", "Ella", "Leah", "Oskar", "Sander", "Ida", "Thea",
    "Henrik", "Sigrid", "Magnus", "Astrid", "Håkon", "Solveig", "Eirik", "Ragnhild", "Tor",
    "Liv", "Amir", "Fatima", "Olena", "Mykola", "Aisha", "Yonas", "Zainab", "Piotr", "Agnieszka",
    "Mohammed", "Hanna", "Anders", "Berit", "Per", "Marit", "Knut", "Gunnhild", "Ali", "Sara",
]  # fmt: skip
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
    "Mathisen", "Lie", "Rustad", "Ahmed", "Hussein", "Kowalski", "Shevchenko", "Tesfaye",
]  # fmt: skip

# (name, slug, organisations.Category) ; the category drives the directory's category filter.
ACTIVITY_TYPES = [
    ("Fotball", "fotball", "sports"), ("Håndball", "handball", "sports"),
    ("Basketball", "basketball", "sports"), ("Orientering", "orientering", "sports"),
    ("Langrenn", "langrenn", "sports"), ("Svømming", "svomming", "sports"),
    ("Turn", "turn", "sports"), ("Friidrett", "friidrett", "sports"),
    ("Sjakk", "sjakk", "other"), ("Bridge", "bridge", "other"),
    ("Kor", "kor", "music"), ("Korps", "korps", "music"), ("Band", "band", "music"),
    ("Spelemannslag", "spelemannslag", "music"), ("Teater", "teater", "culture"),
    ("Dans", "dans", "culture"), ("Historielag", "historielag", "culture"),
    ("Husflid", "husflid", "culture"), ("Fotoklubb", "fotoklubb", "culture"),
    ("Speider", "speider", "youth"), ("Ungdomsklubb", "ungdomsklubb", "youth"),
    ("E-sport", "e-sport", "youth"), ("Spillutvikling", "spillutvikling", "youth"),
    ("Besøksvenn", "besoksvenn", "humanitarian"), ("Leksehjelp", "leksehjelp", "humanitarian"),
    ("Matutdeling", "matutdeling", "humanitarian"), ("Førstehjelp", "forstehjelp", "humanitarian"),
    ("Språkkafé", "sprakkafe", "multicultural"), ("Kulturkveld", "kulturkveld", "multicultural"),
    ("Friluftsliv", "friluftsliv", "outdoor"), ("Turlag", "turlag", "outdoor"),
    ("Jakt og fiske", "jakt-og-fiske", "outdoor"), ("Padling", "padling", "outdoor"),
    ("Menighet", "menighet", "life_stance"), ("Livssyn", "livssyn", "life_stance"),
    ("Velforening", "velforening", "other"), ("Seniordans", "seniordans", "culture"),
    ("Strikkekafé", "strikkekafe", "culture"), ("Hagelag", "hagelag", "outdoor"),
    ("Motorsport", "motorsport", "sports"),
]  # fmt: skip

# Words for organisation names, by category, so that the name fits what it does.
ORG_KINDS = {
    "sports": ["idrettslag", "IL", "sportsklubb", "ballklubb", "skiklubb", "turnforening"],
    "music": ["skolekorps", "musikkorps", "kor", "mannskor", "spelemannslag", "storband"],
    "culture": ["teaterlag", "historielag", "husflidslag", "danseskole", "kunstforening"],
    "youth": ["speidergruppe", "ungdomsklubb", "4H", "barnelag", "gamingklubb"],
    "humanitarian": ["Røde Kors", "sanitetsforening", "frivilligsentral", "besøkstjeneste"],
    "outdoor": ["turlag", "jeger- og fiskerforening", "padleklubb", "hagelag"],
    "multicultural": ["flerkulturelle forening", "kvinnenettverk", "språkkafé"],
    "life_stance": ["menighet", "humanetisk lokallag", "misjonsforening"],
    "other": ["velforening", "sjakklubb", "bridgeklubb", "pensjonistforening", "beboerforening"],
}

PURPOSES = [
    "Vi gir barn og unge et trygt og inkluderende fritidstilbud.",
    "Foreningen samler folk i alle aldre til felles aktivitet og dugnad.",
    "Vi jobber for et levende lokalmiljø med åpne møteplasser.",
    "Laget tilbyr trening for alle nivåer, fra nybegynnere til viderekomne.",
    "Vi tar vare på lokalhistorien og formidler den til nye generasjoner.",
    "Vi arrangerer konserter og øvinger hver uke gjennom hele året.",
    "Målet er at ingen skal være ensomme, og at alle skal få delta.",
    "Vi skaper møteplasser på tvers av språk, kultur og generasjoner.",
]
DESCRIPTION_SENTENCES = [
    "Vi har øvelser på tirsdager og torsdager.",
    "Nye medlemmer er alltid velkomne, ta gjerne kontakt.",
    "Aktivitetene er gratis for barn under 18 år.",
    "Vi samarbeider med skolene og kulturskolen i kommunen.",
    "Hver vår arrangerer vi dugnad og loppemarked.",
    "Lokalene er tilgjengelige for rullestolbrukere.",
    "Vi trenger frivillige til kiosk, transport og arrangementer.",
    "Sesongen starter i august og avsluttes med sommeravslutning i juni.",
    "Vi deltar på Kulturfesten og Barnas verdensdag.",
    "Foreldre bidrar som trenere, ledere og sjåfører.",
]

EVENT_TITLES = [
    "Åpen trening", "Korøvelse", "Konsert", "Språkkafé", "Leksehjelp", "Kulturkveld",
    "Turdag", "Strikkekafé", "Sjakkturnering", "Loppemarked", "Dugnad", "Basar",
    "Teaterforestilling", "Filmkveld", "Spillkveld", "Kurs i førstehjelp", "Fotoutstilling",
    "Seniordans", "Babysang", "Eventyrstund", "Graffitiverksted", "Matfestival",
    "Foredrag", "Fellesmiddag", "Ungdomsdisco", "Barneidrett", "Padletur", "Skirenn",
]  # fmt: skip
EVENT_SUMMARIES = [
    "Gratis og åpent for alle, ingen påmelding.",
    "Ta med venner og familie!",
    "For deg som vil prøve noe nytt.",
    "Servering av kaffe og vafler.",
    "Vi lærer bort det grunnleggende.",
    "Tilpasset barn og unge.",
    "Et tilbud for eldre og pårørende.",
]
VENUES = [
    "Ås kulturhus", "Nordbytun ungdomsskole", "Rustadtunet", "Moertunet", "Ås bibliotek",
    "Solberg skole", "Kroer skole", "Midtgard", "Ås kirke", "Grendehuset", "Idrettshallen",
]  # fmt: skip
EVENT_CATEGORIES = [
    "music", "theatre", "art", "literature", "sports", "festival", "food", "meeting",
    "course", "conference", "other",
]  # fmt: skip

UNITS = [
    ("Kultur, idrett og frivillighet", "kultur-idrett-og-frivillighet"),
    ("Kulturskolen", "kulturskolen"),
    ("Biblioteket", "biblioteket"),
    ("Eiendom", "eiendom"),
    ("Helse og omsorg", "helse-og-omsorg"),
]
BUILDING_KINDS = ["school", "culture_house", "library", "youth_club", "other"]
BUILDING_WORDS = {
    "school": "skole",
    "culture_house": "kulturhus",
    "library": "bibliotek",
    "youth_club": "ungdomshus",
    "other": "grendehus",
}
ROOMS = [
    ("Gymsal", "gym", 60, 400),
    ("Klasserom", "classroom", 30, 70),
    ("Musikkrom", "music_room", 20, 60),
    ("Storsal", "hall", 200, 300),
    ("Møterom", "meeting_room", 12, 30),
    ("Skolekjøkken", "kitchen", 16, 60),
]
BOOKING_TITLES = [
    "Trening", "Øvelse", "Styremøte", "Årsmøte", "Kurs", "Bursdagsfeiring", "Konsert",
    "Loppemarked", "Foreldremøte", "Prøve", "Turnering", "Dugnadsmøte",
]  # fmt: skip

ASSIGNMENT_TITLES = [
    "Besøksvenn for eldre", "Leksehjelper", "Kioskvakt på kamp", "Sjåfør til turnering",
    "Språkvenn", "Turleder", "Hjelper på Kulturfesten", "Trener for barneparti",
    "Kafévert på språkkafé", "Dugnad i lysløypa", "Digital hjelper på biblioteket",
]  # fmt: skip
