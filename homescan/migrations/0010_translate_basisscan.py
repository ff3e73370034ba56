"""English for the seeded Basisscan veilige woning (version 1 and every copy of it).

Each English text is matched on the exact Dutch text it translates (the seed in 0002), so a
question, answer or advice staff have reworded in a later version keeps its Dutch until they
translate it, and an English text staff already wrote is never
overwritten. Idempotent: `translate` can run again after a test flushed the tables
(homescan/reference_data.py).

Version 1 is published, and a published version is locked (`_LockedWithVersion`). A translation
is not a change of the questionnaire: the Dutch text, the weights, the risk floors and the
thresholds a scan was scored with stay exactly as they were, and the English says the same as
the Dutch. So the English fields of a published version may be filled in; the models allow a
save of a locked version only when nothing but its English fields changed. This migration writes
with queryset updates of the English fields alone, so it never touches anything the lock guards.
"""

import importlib

from django.db import migrations

SLUG = "basisscan-veilige-woning"
NAME = "Basisscan veilige woning"
NAME_EN = "Home safety scan"

INTRODUCTION = (
    "Deze scan brengt in een paar minuten de risico's rond uw woning en uw situatie in kaart. "
    "U krijgt een risiconiveau en concreet advies, met de maatregelen die het Fonds "
    "beveiligingsmaatregelen kan vergoeden. Uw antwoorden worden versleuteld bewaard en alleen "
    "u ziet ze, tenzij u het resultaat zelf met BZK deelt."
)
INTRODUCTION_EN = (
    "In a few minutes, this scan maps out the risks around your home and your situation. You "
    "get a risk level and concrete advice, with the measures the security measures fund (Fonds "
    "beveiligingsmaatregelen) can pay for. Your answers are stored encrypted and only you can "
    "see them, unless you choose to share the result with BZK."
)

# Dutch question text: (English question, English help text,
#     {Dutch answer: (English answer, English advice, English measure for the fund)})
QUESTIONS = {
    "Is uw woonadres openbaar te vinden?": (
        "Can your home address be found in public sources?",
        "For example in the Chamber of Commerce (KVK) business register, on a list of "
        "candidates, in a news item or on social media.",
        {
            "Nee, mijn adres is nergens openbaar te vinden": (
                "No, my address cannot be found publicly anywhere",
                "",
                "",
            ),
            "Dat weet ik niet": (
                "I don't know",
                "Search for your name on the internet and check whether your address can be "
                "found, including in the KVK business register and on old lists of candidates.",
                "",
            ),
            "Ja, het is openbaar of is eerder gepubliceerd": (
                "Yes, it is public or has been published before",
                "Have your home address shielded in the KVK business register, and ask websites "
                "and platforms to remove your address.",
                "",
            ),
        },
    ),
    "Is uw woning herkenbaar als de woning van een bestuurder?": (
        "Can your home be recognised as the home of an officeholder?",
        "Think of a name plate, the official car parked outside, or photos that show your house.",
        {
            "Nee, niet herkenbaar": ("No, it cannot be recognised", "", ""),
            "Mensen in de buurt weten het": (
                "People in the neighbourhood know",
                "Ask neighbours you trust to stay alert and to warn you about suspicious "
                "situations.",
                "",
            ),
            "Ja, duidelijk herkenbaar": (
                "Yes, it is clearly recognisable",
                "Remove your name from the front door and the letterbox, do not park the official "
                "car where it can be seen near your home, and watch out for photos in which your "
                "house can be recognised.",
                "",
            ),
        },
    ),
    "Hoe is de buitenverlichting rond uw woning?": (
        "What is the outdoor lighting around your home like?",
        "",
        {
            "Verlichting met bewegingsmelder of schemerschakelaar bij alle toegangen": (
                "Lights with a motion sensor or a dusk-to-dawn switch at every entrance",
                "",
                "",
            ),
            "Alleen verlichting bij de voordeur": (
                "A light at the front door only",
                "Install lights with a dusk-to-dawn switch and a motion sensor at every entrance, "
                "including the back door, the garden path and the shed.",
                "Outdoor lights with motion sensors at every entrance",
            ),
            "Geen of nauwelijks buitenverlichting": (
                "No or hardly any outdoor lighting",
                "Install lights with a dusk-to-dawn switch and a motion sensor at every entrance, "
                "including the back door, the garden path and the shed.",
                "Outdoor lights with motion sensors at every entrance",
            ),
        },
    ),
    "Hoe zijn de buitendeuren en de ramen op de begane grond beveiligd?": (
        "How are the outside doors and the ground-floor windows secured?",
        "You can recognise burglar-resistant locks and hinges by the SKG quality mark with two "
        "or three stars.",
        {
            "Met inbraakwerend hang- en sluitwerk (SKG** of SKG***), bijvoorbeeld volgens "
            "het Politiekeurmerk Veilig Wonen": (
                "With burglar-resistant locks and hinges (SKG** or SKG***), for example to the "
                "Police Quality Mark for Secure Housing (Politiekeurmerk Veilig Wonen)",
                "",
                "",
            ),
            "Met gewone sloten, of maar deels inbraakwerend": (
                "With ordinary locks, or only partly burglar-resistant",
                "Have the locks and hinges of all outside doors and of every window that can be "
                "reached replaced with burglar-resistant ones (at least SKG**), to the Police "
                "Quality Mark for Secure Housing (Politiekeurmerk Veilig Wonen).",
                "Burglar-resistant locks and hinges to the Police Quality Mark for Secure Housing",
            ),
            "Dat weet ik niet": (
                "I don't know",
                "Have a company certified under the Police Quality Mark for Secure Housing "
                "(Politiekeurmerk Veilig Wonen) check your doors and windows and improve them "
                "where needed.",
                "Burglar-resistant locks and hinges to the Police Quality Mark for Secure Housing",
            ),
        },
    ),
    "Kunt u zien wie er aanbelt voordat u de deur opendoet?": (
        "Can you see who is at the door before you open it?",
        "",
        {
            "Ja, met een videodeurbel of een camera bij de voordeur": (
                "Yes, with a video doorbell or a camera at the front door",
                "",
                "",
            ),
            "Alleen door een raam of een deurspion": (
                "Only through a window or a door viewer",
                "Consider a video doorbell or a camera at the front door, so that you do not "
                "have to open the door to see who is there.",
                "Video doorbell or camera at the front door",
            ),
            "Nee": (
                "No",
                "Have a video doorbell or a camera installed at the front door, and agree with "
                "your family that nobody opens the door to strangers.",
                "Video doorbell or camera at the front door",
            ),
        },
    ),
    "Heeft uw woning een alarmsysteem?": (
        "Does your home have an alarm system?",
        "",
        {
            "Ja, met doormelding naar een alarmcentrale": (
                "Yes, connected to an alarm receiving centre",
                "",
                "",
            ),
            "Ja, maar alleen een sirene in en om het huis": (
                "Yes, but only a siren in and around the house",
                "Have the alarm connected to an alarm receiving centre, so that someone responds "
                "even when you are not at home.",
                "Connecting the alarm to an alarm receiving centre",
            ),
            "Nee": (
                "No",
                "Have a certified alarm system installed that is connected to an alarm receiving "
                "centre.",
                "Alarm system connected to an alarm receiving centre",
            ),
        },
    ),
    "Hoe voorspelbaar zijn uw route naar het werk en uw vaste afspraken?": (
        "How predictable are your route to work and your regular appointments?",
        "",
        {
            "Ik wissel van route en tijden": ("I vary my routes and times", "", ""),
            "Meestal dezelfde route op dezelfde tijd": (
                "Usually the same route at the same time",
                "Where you can, vary your route and the time you leave, and do not put "
                "appointments in a public calendar in advance.",
                "",
            ),
            "Altijd dezelfde route en tijd, en mijn agenda is vooraf openbaar": (
                "Always the same route and time, and my calendar is public in advance",
                "Make your calendar public only afterwards, and discuss with the municipality "
                "whether you need transport or an escort for appointments with a higher risk.",
                "",
            ),
        },
    ),
    "Hoeveel is er online te vinden over uw woning, uw gezin en uw privéleven?": (
        "How much can be found online about your home, your family and your private life?",
        "Think of photos of your house, your car's number plate, or your children's school or "
        "sports club.",
        {
            "Weinig: mijn privéaccounts zijn afgeschermd": (
                "Little: my personal accounts are private",
                "",
                "",
            ),
            "Enkele foto's of berichten over mijn gezin of woning": (
                "A few photos or posts about my family or my home",
                "Make your personal accounts private and remove photos in which your home, your "
                "number plate or your children's school can be recognised. Ask your family to do "
                "the same.",
                "",
            ),
            "Veel: openbare accounts van mij of mijn gezin met herkenbare plekken": (
                "A lot: public accounts of mine or my family's that show recognisable places",
                "Make your own and your family's personal accounts private, and remove photos "
                "and posts that show where you live or where your children go to school.",
                "",
            ),
        },
    ),
    "Zijn uw persoonsgegevens of die van uw gezin weleens zonder toestemming online gezet?": (
        "Have your personal details or those of your family ever been posted online without "
        "permission?",
        "This is called doxing: for example your address, phone number or photos of your house "
        "in a post or a group.",
        {
            "Nee": ("No", "", ""),
            "Ja": (
                "Yes",
                "Report the publication in this portal and report it to the police (aangifte). "
                "Ask the platform to remove the details; the Ondersteuningsteam (support team) "
                "helps you with this.",
                "",
            ),
        },
    ),
    "Heeft u het afgelopen jaar te maken gehad met bedreiging of intimidatie?": (
        "Have you faced threats or intimidation in the past year?",
        "",
        {
            "Nee": ("No", "", ""),
            "Ja, online, per telefoon of per brief": (
                "Yes, online, by phone or by letter",
                "Report every incident in this portal and report it to the police (aangifte). "
                "Ask the police for the VPT code, also when it happened online.",
                "",
            ),
            "Ja, aan de deur of bij mijn woning": (
                "Yes, at my door or near my home",
                "Contact the police and the Ondersteuningsteam (support team) straight away about "
                "securing your home, and ask for security advice tailored to your situation. In "
                "immediate danger: call 112.",
                "Tailored security advice and security at the home after incidents",
            ),
        },
    ),
    "Weet uw gezin wat te doen bij een verdachte situatie of een dreiging?": (
        "Does your family know what to do in a suspicious situation or when there is a threat?",
        "",
        {
            "Ja, we hebben samen afspraken gemaakt": (
                "Yes, we have agreed together what to do",
                "",
                "",
            ),
            "Niet echt": (
                "Not really",
                "Agree with your family on what to do: do not open the door to strangers, write "
                "down suspicious situations (time, number plate, description of the person) and "
                "call 112 in immediate danger.",
                "",
            ),
        },
    ),
}


def _fill(queryset, **english):
    """Set each English field that is still blank; never overwrite a translation."""
    for field, value in english.items():
        if value:
            queryset.filter(**{field: ""}).update(**{field: value})


def translate(apps, schema_editor):
    Questionnaire = apps.get_model("homescan", "Questionnaire")
    Version = apps.get_model("homescan", "QuestionnaireVersion")
    Question = apps.get_model("homescan", "Question")
    Option = apps.get_model("homescan", "AnswerOption")
    questionnaires = Questionnaire.objects.filter(slug=SLUG, name=NAME)
    _fill(questionnaires, name_en=NAME_EN)
    versions = Version.objects.filter(questionnaire__slug=SLUG)
    _fill(versions.filter(introduction=INTRODUCTION), introduction_en=INTRODUCTION_EN)
    seed = importlib.import_module("homescan.migrations.0002_seed_basisscan")
    for _theme, text, help_text, dutch_options in seed.QUESTIONS:
        text_en, help_en, options = QUESTIONS[text]
        questions = Question.objects.filter(version__questionnaire__slug=SLUG, text=text)
        _fill(questions, text_en=text_en)
        _fill(questions.filter(help_text=help_text), help_text_en=help_en)
        for label, _weight, _floor, advice, _priority, _kind, measure in dutch_options:
            label_en, advice_en, measure_en = options[label]
            options_ = Option.objects.filter(question__in=questions, label=label)
            _fill(options_, label_en=label_en)
            _fill(options_.filter(advice=advice), advice_en=advice_en)
            _fill(options_.filter(measure_description=measure), measure_description_en=measure_en)


class Migration(migrations.Migration):
    dependencies = [("homescan", "0009_english_content")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
