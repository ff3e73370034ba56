"""Seed version 1 of the Basisscan veilige woning. Data, not code: BZK staff change it by making
a new version in the admin. Idempotent: does nothing once the questionnaire exists."""

from django.db import migrations

SLUG = "basisscan-veilige-woning"

INTRODUCTION = (
    "Deze scan brengt in een paar minuten de risico's rond uw woning en uw situatie in kaart. "
    "U krijgt een risiconiveau en concreet advies, met de maatregelen die het Fonds "
    "beveiligingsmaatregelen kan vergoeden. Uw antwoorden worden versleuteld bewaard en alleen "
    "u ziet ze, tenzij u het resultaat zelf met BZK deelt."
)

# (theme, question, help text, [(answer, weight, raises_to, advice, priority, kind, measure)])
QUESTIONS = [
    (
        "address",
        "Is uw woonadres openbaar te vinden?",
        "Bijvoorbeeld in het Handelsregister van de KVK, op een kandidatenlijst, in een "
        "nieuwsbericht of op sociale media.",
        [
            ("Nee, mijn adres is nergens openbaar te vinden", 0, "", "", 3, "", ""),
            (
                "Dat weet ik niet",
                2,
                "",
                "Zoek uw naam op internet en kijk of uw adres te vinden is, ook in het "
                "Handelsregister van de KVK en op oude kandidatenlijsten.",
                2,
                "",
                "",
            ),
            (
                "Ja, het is openbaar of is eerder gepubliceerd",
                4,
                "",
                "Laat uw woonadres afschermen in het Handelsregister van de KVK en vraag "
                "websites en platforms om uw adres te verwijderen.",
                1,
                "",
                "",
            ),
        ],
    ),
    (
        "address",
        "Is uw woning herkenbaar als de woning van een bestuurder?",
        "Denk aan een naambordje, de dienstauto voor de deur of foto's waarop uw huis te zien is.",
        [
            ("Nee, niet herkenbaar", 0, "", "", 3, "", ""),
            (
                "Mensen in de buurt weten het",
                1,
                "",
                "Vraag buren die u vertrouwt om alert te zijn en u te waarschuwen bij "
                "verdachte situaties.",
                3,
                "",
                "",
            ),
            (
                "Ja, duidelijk herkenbaar",
                3,
                "",
                "Haal uw naam van de voordeur en de brievenbus, parkeer de dienstauto niet "
                "zichtbaar bij de woning en let op foto's waarop uw huis herkenbaar is.",
                2,
                "",
                "",
            ),
        ],
    ),
    (
        "home",
        "Hoe is de buitenverlichting rond uw woning?",
        "",
        [
            (
                "Verlichting met bewegingsmelder of schemerschakelaar bij alle toegangen",
                0,
                "",
                "",
                3,
                "",
                "",
            ),
            (
                "Alleen verlichting bij de voordeur",
                2,
                "",
                "Plaats verlichting met schemerschakelaar en bewegingsmelder bij alle toegangen, "
                "ook bij de achterdeur, het tuinpad en de schuur.",
                2,
                "home_security",
                "Buitenverlichting met bewegingsmelders bij alle toegangen",
            ),
            (
                "Geen of nauwelijks buitenverlichting",
                3,
                "",
                "Plaats verlichting met schemerschakelaar en bewegingsmelder bij alle toegangen, "
                "ook bij de achterdeur, het tuinpad en de schuur.",
                2,
                "home_security",
                "Buitenverlichting met bewegingsmelders bij alle toegangen",
            ),
        ],
    ),
    (
        "home",
        "Hoe zijn de buitendeuren en de ramen op de begane grond beveiligd?",
        "Inbraakwerend hang- en sluitwerk herkent u aan het SKG-keurmerk met twee of drie sterren.",
        [
            (
                "Met inbraakwerend hang- en sluitwerk (SKG** of SKG***), bijvoorbeeld volgens "
                "het Politiekeurmerk Veilig Wonen",
                0,
                "",
                "",
                3,
                "",
                "",
            ),
            (
                "Met gewone sloten, of maar deels inbraakwerend",
                3,
                "",
                "Laat het hang- en sluitwerk van alle buitendeuren en bereikbare ramen "
                "vervangen door inbraakwerend hang- en sluitwerk (minstens SKG**), volgens het "
                "Politiekeurmerk Veilig Wonen.",
                1,
                "home_security",
                "Inbraakwerend hang- en sluitwerk volgens het Politiekeurmerk Veilig Wonen",
            ),
            (
                "Dat weet ik niet",
                2,
                "",
                "Laat een bedrijf met het Politiekeurmerk Veilig Wonen uw deuren en ramen "
                "controleren en zo nodig verbeteren.",
                2,
                "home_security",
                "Inbraakwerend hang- en sluitwerk volgens het Politiekeurmerk Veilig Wonen",
            ),
        ],
    ),
    (
        "home",
        "Kunt u zien wie er aanbelt voordat u de deur opendoet?",
        "",
        [
            ("Ja, met een videodeurbel of een camera bij de voordeur", 0, "", "", 3, "", ""),
            (
                "Alleen door een raam of een deurspion",
                1,
                "",
                "Overweeg een videodeurbel of camera bij de voordeur, zodat u niet hoeft open "
                "te doen om te zien wie er staat.",
                3,
                "home_security",
                "Videodeurbel of camera bij de voordeur",
            ),
            (
                "Nee",
                2,
                "",
                "Laat een videodeurbel of camera bij de voordeur plaatsen en spreek met uw gezin "
                "af dat niemand opendoet voor onbekenden.",
                2,
                "home_security",
                "Videodeurbel of camera bij de voordeur",
            ),
        ],
    ),
    (
        "home",
        "Heeft uw woning een alarmsysteem?",
        "",
        [
            ("Ja, met doormelding naar een alarmcentrale", 0, "", "", 3, "", ""),
            (
                "Ja, maar alleen een sirene in en om het huis",
                2,
                "",
                "Laat het alarm doormelden naar een alarmcentrale, zodat er ook iemand "
                "opvolgt als u niet thuis bent.",
                2,
                "alarm",
                "Doormelding van het alarm naar een alarmcentrale",
            ),
            (
                "Nee",
                3,
                "",
                "Laat een gecertificeerd alarmsysteem installeren met doormelding naar een "
                "alarmcentrale.",
                2,
                "alarm",
                "Alarmsysteem met doormelding naar een alarmcentrale",
            ),
        ],
    ),
    (
        "routine",
        "Hoe voorspelbaar zijn uw route naar het werk en uw vaste afspraken?",
        "",
        [
            ("Ik wissel van route en tijden", 0, "", "", 3, "", ""),
            (
                "Meestal dezelfde route op dezelfde tijd",
                2,
                "",
                "Wissel waar het kan van route en vertrektijd, en zet afspraken niet vooraf in "
                "een openbare agenda.",
                3,
                "",
                "",
            ),
            (
                "Altijd dezelfde route en tijd, en mijn agenda is vooraf openbaar",
                3,
                "",
                "Maak uw agenda pas achteraf openbaar en bespreek met de gemeente of vervoer of "
                "begeleiding nodig is bij afspraken met een verhoogd risico.",
                2,
                "",
                "",
            ),
        ],
    ),
    (
        "online",
        "Hoeveel is er online te vinden over uw woning, uw gezin en uw privéleven?",
        "Denk aan foto's van uw huis, uw kenteken of de school of sportclub van uw kinderen.",
        [
            ("Weinig: mijn privéaccounts zijn afgeschermd", 0, "", "", 3, "", ""),
            (
                "Enkele foto's of berichten over mijn gezin of woning",
                2,
                "",
                "Scherm privéaccounts af en verwijder foto's waarop uw woning, kenteken of de "
                "school van uw kinderen herkenbaar is. Vraag uw gezin hetzelfde te doen.",
                2,
                "",
                "",
            ),
            (
                "Veel: openbare accounts van mij of mijn gezin met herkenbare plekken",
                4,
                "",
                "Scherm de privéaccounts van u en uw gezin af en verwijder foto's en berichten "
                "waaruit blijkt waar u woont of waar uw kinderen naar school gaan.",
                1,
                "",
                "",
            ),
        ],
    ),
    (
        "online",
        "Zijn uw persoonsgegevens of die van uw gezin weleens zonder toestemming online gezet?",
        "Dit heet doxing: bijvoorbeeld uw adres, telefoonnummer of foto's van uw huis in een "
        "bericht of groep.",
        [
            ("Nee", 0, "", "", 3, "", ""),
            (
                "Ja",
                5,
                "elevated",
                "Meld de publicatie in dit portaal en doe aangifte. Vraag het platform om de "
                "gegevens te verwijderen; het Ondersteuningsteam helpt daarbij.",
                1,
                "",
                "",
            ),
        ],
    ),
    (
        "history",
        "Heeft u het afgelopen jaar te maken gehad met bedreiging of intimidatie?",
        "",
        [
            ("Nee", 0, "", "", 3, "", ""),
            (
                "Ja, online, per telefoon of per brief",
                3,
                "",
                "Meld elk incident in dit portaal en doe aangifte. Vraag de politie om de "
                "VPT-code, ook als het online gebeurde.",
                2,
                "",
                "",
            ),
            (
                "Ja, aan de deur of bij mijn woning",
                6,
                "high",
                "Neem direct contact op met de politie en het Ondersteuningsteam over de "
                "beveiliging van uw woning, en vraag een beveiligingsadvies op maat. Bij direct "
                "gevaar: bel 112.",
                1,
                "personal_security",
                "Beveiligingsadvies op maat en beveiliging na incidenten bij de woning",
            ),
        ],
    ),
    (
        "history",
        "Weet uw gezin wat te doen bij een verdachte situatie of een dreiging?",
        "",
        [
            ("Ja, we hebben samen afspraken gemaakt", 0, "", "", 3, "", ""),
            (
                "Niet echt",
                2,
                "",
                "Maak met uw gezin afspraken: niet opendoen voor onbekenden, verdachte situaties "
                "noteren (tijd, kenteken, signalement) en bij direct gevaar 112 bellen.",
                2,
                "",
                "",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("homescan", "Questionnaire")
    Version = apps.get_model("homescan", "QuestionnaireVersion")
    Question = apps.get_model("homescan", "Question")
    Option = apps.get_model("homescan", "AnswerOption")
    questionnaire, _created = Questionnaire.objects.get_or_create(
        slug=SLUG, defaults={"name": "Basisscan veilige woning"}
    )
    if Version.objects.filter(questionnaire=questionnaire).exists():
        return
    from django.utils import timezone

    version = Version.objects.create(
        questionnaire=questionnaire,
        number=1,
        introduction=INTRODUCTION,
        elevated_from=10,
        high_from=20,
        change_note="Eerste versie.",
    )
    for position, (theme, text, help_text, options) in enumerate(QUESTIONS):
        question = Question.objects.create(
            version=version, position=position, theme=theme, text=text, help_text=help_text
        )
        for index, (label, weight, raises_to, advice, priority, kind, measure) in enumerate(
            options
        ):
            Option.objects.create(
                question=question,
                position=index,
                label=label,
                weight=weight,
                raises_to=raises_to,
                advice=advice,
                priority=priority,
                measure_kind=kind,
                measure_description=measure,
            )
    # Published only now: questions and options can be added to a draft version only.
    Version.objects.filter(pk=version.pk).update(status="published", published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("homescan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
