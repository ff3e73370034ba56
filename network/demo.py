"""Demo content for `manage.py seed_demo`: partner@demo.test becomes contact person of the
Nederlandse Vereniging voor Raadsleden, and the knowledge base gets about ten published items
in plain Dutch. Idempotent: items are recognised by their title."""

from accounts.models import User
from government.models import GovernmentBody
from incidents.deployments import selectors as preparation_selectors

from . import actions
from .models import KnowledgeItem, MembershipRole, PartnerOrganisation, TargetGroup, Theme
from .workflow import ItemStatus

ITEMS = [
    {
        "kind": "guide",
        "title": "Handreiking veilig vergaderen",
        "summary": (
            "Hoe houdt u raads- en Statenvergaderingen openbaar én veilig? Een handreiking voor "
            "griffiers, voorzitters en bodes, van de indeling van de zaal tot de opvolging van "
            "incidenten."
        ),
        "themes": ["veilig-vergaderen"],
        "groups": ["griffier", "burgemeester", "raadslid"],
        "org": "vvg",
        "audience": "public",
        "tags": ["tribune", "draaiboek", "voorzitter"],
        "body": """Een openbare vergadering is de kern van de lokale democratie. Iedereen mag
meekijken en meeluisteren. Soms wordt het onrustig: er wordt geschreeuwd vanaf de tribune,
raadsleden worden uitgescholden of bedreigd. Met een goede voorbereiding blijft de vergadering
open en veilig.

## Voor de vergadering

- **Maak een risicoanalyse.** Staat er een onderwerp op de agenda dat veel emotie oproept,
  zoals de opvang van asielzoekers of de sluiting van een voorziening? Bespreek dan met de
  burgemeester, de griffie en de politie wat er kan gebeuren.
- **Bekijk de zaal.** Waar zit het publiek? Is er een afscheiding tussen tribune en raadstafel?
  Zijn er twee uitgangen, en kunnen raadsleden de zaal verlaten zonder door het publiek te lopen?
- **Spreek rollen af.** Wie schorst de vergadering? Wie belt de politie? Wie vangt raadsleden op?
- **Leg het vast in een draaiboek** en oefen het een keer.

## Tijdens de vergadering

1. De voorzitter benoemt de spelregels aan het begin: publiek mag meekijken, niet ingrijpen.
2. Bij onrust waarschuwt de voorzitter eerst, schorst daarna en laat zo nodig de tribune
   ontruimen.
3. Bodes en beveiligers houden contact met de voorzitter via een vast teken.

Is er direct gevaar? **Bel 112.** Dit gaat voor alles.

## Na de vergadering

- Vraag raadsleden en medewerkers hoe het met ze gaat. Bied nazorg aan.
- Leg incidenten vast en meld ze. Doe aangifte als er strafbare feiten zijn gepleegd.
- Bespreek wat goed ging en wat beter kan, en pas het draaiboek aan.

## Subsidie

Gemeenten en provincies kunnen een bijdrage aanvragen uit de regeling **Veilig Vergaderen**
voor maatregelen zoals een andere indeling van de zaal, extra uitgangen of training van
voorzitters en griffiers.
""",
    },
    {
        "kind": "guide",
        "title": "Online bedreigd? Zo pakt u het aan",
        "summary": (
            "Steeds meer bedreigingen komen via sociale media. Wat u direct kunt doen: bewijs "
            "bewaren, melden bij het platform, aangifte doen en steun zoeken."
        ),
        "themes": ["online-dreiging", "aangifte"],
        "groups": ["raadslid", "wethouder", "burgemeester", "statenlid"],
        "org": "nvvr",
        "audience": "public",
        "tags": ["sociale media", "schermafbeelding", "doxing"],
        "body": """Sinds 2020 komen meer bedreigingen binnen via sociale media dan in persoon.
Een bedreiging online is net zo strafbaar als een bedreiging op straat.

## Wat doet u direct?

1. **Bewaar het bewijs.** Maak schermafbeeldingen met datum, tijd en de naam van het account.
   Bewaar ook de link naar het bericht.
2. **Reageer niet** op de dader. Dat kan de situatie erger maken.
3. **Meld het bericht** bij het platform, zodat het kan worden verwijderd.
4. **Vertel het** aan de griffier, de burgemeester of uw fractie. U staat er niet alleen voor.

## Doxing

Wordt uw huisadres of dat van uw familie online gezet? Dat heet doxing. Neem het extra serieus:
meld het direct bij de politie en vraag om advies over de veiligheid van uw woning.

## Aangifte

Doe aangifte bij de politie en vraag om de **VPT-code** (Veilige Publieke Taak). Alleen met
die code volgen politie en Openbaar Ministerie de afspraken voor agressie tegen mensen met een
publieke taak.

Voelt u zich in direct gevaar? **Bel 112.**
""",
    },
    {
        "kind": "protocol",
        "title": "Aangifte doen met de VPT-code",
        "summary": (
            "Waarom de VPT-code ertoe doet en hoe u zorgt dat uw aangifte hem krijgt. Met een "
            "checklist voor het gesprek met de politie."
        ),
        "themes": ["aangifte"],
        "groups": ["raadslid", "wethouder", "burgemeester", "statenlid", "waterschapsbestuurder"],
        "org": "jenv",
        "audience": "signed_in",
        "tags": ["VPT", "ELA", "politie"],
        "body": """Slechts een klein deel van de incidenten tegen politieke ambtsdragers leidt
tot een aangifte. Toch is aangifte belangrijk: zonder aangifte kan de politie niets doen.

## Wat is de VPT-code?

VPT staat voor **Veilige Publieke Taak**. Politie en Openbaar Ministerie hebben afspraken
gemaakt over agressie tegen mensen met een publieke taak: de Eenduidige Landelijke Afspraken
(ELA). Die afspraken gelden alleen als de aangifte de VPT-code heeft.

## Checklist voor de aangifte

- Zeg dat u politiek ambtsdrager bent en vraag uitdrukkelijk om de VPT-code.
- Neem uw bewijs mee: schermafbeeldingen, brieven, foto's.
- Vraag of u domicilie kunt kiezen op het adres van het gemeentehuis, zodat uw huisadres niet
  in het dossier komt.
- Noteer het registratienummer van de aangifte.
- Vraag of u schade kunt verhalen op de dader.

## Na de aangifte

Houd contact met de politie over de voortgang. Meld het ook in dit portaal: dan kan BZK u
helpen en het Ondersteuningsteam Weerbaar Bestuur inschakelen.
""",
    },
    {
        "kind": "guide",
        "title": "Veilig wonen: de basisscan van uw woning",
        "summary": (
            "Het CCV kijkt samen met u naar de beveiliging van uw huis: sloten, verlichting, "
            "camera's. Wat de scan inhoudt en wat u daarna kunt doen."
        ),
        "themes": ["veilige-woning"],
        "groups": ["burgemeester", "wethouder", "raadslid"],
        "org": "ccv",
        "audience": "signed_in",
        "tags": ["woning", "inbraak", "camera"],
        "body": """Bedreigingen stoppen niet altijd bij het gemeentehuis. Soms komen ze tot aan
de voordeur. Een veilige woning geeft u en uw gezin rust.

## Wat is de basisscan?

Sinds 2018 kunnen burgemeesters en wethouders, en sinds 2019 ook raadsleden, een
**basisscan veilige woning** laten doen. Een deskundige loopt met u door en om het huis en
kijkt naar:

- hang- en sluitwerk van deuren en ramen;
- verlichting rond het huis;
- zicht op de voordeur en de oprit;
- wat er over u en uw adres online te vinden is.

## Na de scan

U krijgt een advies op maat. Vaak gaat het om eenvoudige maatregelen, zoals beter
hang- en sluitwerk of verlichting met een bewegingsmelder. Maatregelen sluiten vaak aan bij
het Politiekeurmerk Veilig Wonen.

Voor extra beveiligingsmaatregelen bij een concrete dreiging bestaat een apart fonds. Uw
gemeente kan daarvoor een aanvraag doen.

## Adres afschermen

Vraag de Kamer van Koophandel uw woonadres af te schermen als u een eigen bedrijf heeft.
""",
    },
    {
        "kind": "guide",
        "title": "Nazorg na een incident: voor u en uw gezin",
        "summary": (
            "Een bedreiging of aanval kan lang nawerken, ook bij uw partner en kinderen. Welke "
            "steun er is en hoe u die vraagt."
        ),
        "themes": ["nazorg"],
        "groups": ["burgemeester", "wethouder", "raadslid", "statenlid", "waterschapsbestuurder"],
        "org": "arq",
        "audience": "public",
        "tags": ["steun", "gezin", "vertrouwenspersoon"],
        "body": """Na een incident is het normaal om onrustig te slapen, schrikachtig te zijn of
steeds aan het gebeurde te denken. Meestal gaat dat na een paar weken over. Soms niet.

## Praat erover

Praat met mensen die u vertrouwt: uw partner, collega's, uw fractie. Het
**Ondersteuningsteam Weerbaar Bestuur** is dag en nacht bereikbaar. Vertrouwenspersonen van de
beroepsverenigingen luisteren, denken mee en brengen u in contact met ervaringsdeskundigen en
experts.

## Denk aan uw gezin

Een bedreiging raakt ook uw partner en kinderen. Zij kunnen ook steun krijgen.

## Wanneer professionele hulp?

Houden de klachten na vier tot zes weken aan, of worden ze erger? Zoek dan professionele hulp,
bijvoorbeeld via uw huisarts. Experts zoals Arq kunnen helpen.

> U hoeft het niet alleen te doen. Vragen om hulp is een teken van kracht.
""",
    },
    {
        "kind": "practice",
        "title": "Praktijkvoorbeeld: een nieuwe tribune in de raadszaal",
        "summary": (
            "Een gemeente verplaatste de publieke tribune en maakte een tweede uitgang. Wat het "
            "kostte, wat het opleverde en wat ze anders zouden doen."
        ),
        "themes": ["veilig-vergaderen"],
        "groups": ["griffier", "burgemeester"],
        "org": None,
        "audience": "signed_in",
        "tags": ["tribune", "verbouwing"],
        "body_name": "GM0344",
        "body": """## Wat is er gedaan

De publieke tribune grensde direct aan de raadstafel. Tijdens twee vergaderingen werden
raadsleden vanaf de tribune uitgescholden. De gemeente heeft de tribune verplaatst, een lage
afscheiding geplaatst en een tweede uitgang gemaakt voor raadsleden en medewerkers.

## Wat hebben we geleerd

- Betrek de bodes en de politie vroeg: zij weten waar het in de praktijk misgaat.
- Een afscheiding hoeft niet hoog te zijn om te werken; het gaat om een duidelijke grens.
- Leg de spelregels voor het publiek op papier en laat de voorzitter ze voorlezen.
""",
    },
    {
        "kind": "course",
        "title": "Training: omgaan met agressie in de raadszaal",
        "summary": (
            "Een training van een dagdeel voor voorzitters, griffiers en bodes: de-escaleren, "
            "schorsen en de regie houden als het onrustig wordt."
        ),
        "themes": ["veilig-vergaderen"],
        "groups": ["griffier", "burgemeester"],
        "org": "nvvr",
        "audience": "signed_in",
        "tags": ["training", "de-escalatie"],
        "body": """## Voor wie

Voorzitters van de raad, griffiers en bodes.

## Wat leert u

- signalen van oplopende spanning herkennen;
- de-escalerend reageren, met woorden en houding;
- wanneer u schorst en hoe u dat doet;
- samenwerken met bodes, beveiliging en politie.

## Hoe

Een dagdeel, met oefeningen met een trainingsacteur. De training kan in uw eigen raadszaal.
Vraag de griffie naar de mogelijkheden.
""",
    },
    {
        "kind": "model_document",
        "title": "Modeldraaiboek onrust tijdens een vergadering",
        "summary": (
            "Een draaiboek om aan te passen aan uw eigen zaal: wie doet wat als het onrustig "
            "wordt, met telefoonnummers en een tekst voor de voorzitter."
        ),
        "themes": ["veilig-vergaderen"],
        "groups": ["griffier"],
        "org": "vvg",
        "audience": "partners",
        "tags": ["draaiboek", "model"],
        "body": """## Rollen

| Rol | Taak |
|---|---|
| Voorzitter | waarschuwt, schorst, laat de tribune ontruimen |
| Griffier | houdt contact met bodes en beveiliging |
| Bode | let op signalen en geeft het afgesproken teken |

## Tekst voor de voorzitter

"Het publiek is welkom om mee te kijken. Ik vraag u wel om de vergadering niet te verstoren.
Doet u dat toch, dan schors ik de vergadering."

## Na afloop

- korte nabespreking met voorzitter, griffier en bodes;
- nazorg voor wie dat nodig heeft;
- melding en, bij strafbare feiten, aangifte.
""",
    },
    {
        "kind": "protocol",
        "title": "Stappenplan na een melding van agressie of bedreiging",
        "summary": (
            "Wat er gebeurt nadat u een incident meldt: van de eerste reactie tot de afsluiting. "
            "Zo weet u wat u kunt verwachten."
        ),
        "themes": ["aangifte", "nazorg"],
        "groups": ["burgemeester", "wethouder", "raadslid", "statenlid", "waterschapsbestuurder"],
        "org": "bzk",
        "audience": "public",
        "tags": ["stappenplan", "melding"],
        "body": """Met het ministerie van Justitie en Veiligheid is een stappenplan afgesproken om
een melding snel op te volgen.

## De stappen

1. **Direct gevaar?** Bel eerst 112. Het portaal vervangt de politie niet.
2. **Ontvangst.** U krijgt bericht dat uw melding binnen is.
3. **Inschatting.** Een medewerker kijkt hoe ernstig en hoe dringend het is.
4. **Contact.** Wij nemen contact met u op.
5. **Aangifte.** Wij helpen u bij de aangifte, met de VPT-code.
6. **Steun.** Het Ondersteuningsteam en nazorg worden ingeschakeld als u dat wilt.
7. **Veiligheid.** Wij kijken of beveiligingsmaatregelen nodig zijn.
8. **Afsluiting.** Samen kijken we terug: is alles gedaan wat nodig was?
""",
    },
    {
        "kind": "news",
        "title": "Monitor: minder agressie, maar vrouwen vaker slachtoffer",
        "summary": (
            "Uit de monitor van 2024 blijkt dat 45 procent van de decentrale politieke "
            "ambtsdragers te maken kreeg met agressie. Vrouwen vaker dan mannen."
        ),
        "themes": ["online-dreiging"],
        "groups": [],
        "org": "bzk",
        "audience": "public",
        "tags": ["monitor", "onderzoek"],
        "body": """Van de decentrale politieke ambtsdragers kreeg in 2024 **45 procent** te maken
met agressie. In 2022 was dat 49 procent, in 2014 nog 24 procent.

Vrouwen krijgen er vaker mee te maken dan mannen: 55 tegen 37 procent. Sinds 2020 komen meer
bedreigingen via sociale media dan in persoon.

Slechts ongeveer 7 procent van de incidenten leidt tot een aangifte. Het netwerk roept
iedereen op om incidenten te melden en aangifte te doen, met de VPT-code.
""",
    },
]


def seed(stdout):
    partner = User.objects.filter(email="partner@demo.test").first()
    staff = User.objects.filter(email="bzk@demo.test").first()
    if partner is None or staff is None:
        return
    nvvr = PartnerOrganisation.objects.get(slug="nvvr")
    actions.membership_add(actor=None, organisation=nvvr, user=partner, role=MembershipRole.CONTACT)
    created = 0
    for spec in ITEMS:
        if KnowledgeItem.objects.filter(title=spec["title"]).exists():
            continue
        org = PartnerOrganisation.objects.filter(slug=spec["org"]).first() if spec["org"] else None
        item = actions.knowledge_item_create(
            actor=staff,
            kind=spec["kind"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            audience=spec["audience"],
            organisation=org,
            themes=Theme.objects.filter(slug__in=spec["themes"]),
            target_groups=TargetGroup.objects.filter(slug__in=spec["groups"]),
            tags=spec["tags"],
        )
        if spec.get("body_name"):
            item.government_body = GovernmentBody.objects.filter(
                kind="municipality", code=spec["body_name"]
            ).first()
            item.save(update_fields=["government_body"])
        actions.knowledge_item_transition(actor=staff, item=item, to_status=ItemStatus.IN_REVIEW)
        actions.knowledge_item_transition(actor=staff, item=item, to_status=ItemStatus.PUBLISHED)
        created += 1
    # One draft of the partner's own, to show the review step.
    title = "Concept: tips voor raadsleden die online worden bedreigd"
    if not KnowledgeItem.objects.filter(title=title).exists():
        draft = actions.knowledge_item_create(
            actor=partner,
            kind="guide",
            title=title,
            summary="Korte tips van raadsleden voor raadsleden.",
            body="## Tips\n\n- Bewaar alles.\n- Zoek steun bij uw fractie.",
            audience="signed_in",
            themes=Theme.objects.filter(slug="online-dreiging"),
        )
        actions.knowledge_item_transition(actor=partner, item=draft, to_status=ItemStatus.IN_REVIEW)
    if created:
        stdout.write(f"Network: {created} knowledge items; partner@demo.test is NVvR contact.")
    _practice_from_preparation(stdout, staff)


def _practice_from_preparation(stdout, staff):
    """BZK's draft of a practice example from the demo mayor's prepared meeting (the mayor
    consented; incidents/deployments/demo.py). Left as a draft for BZK to write and publish."""
    preparation = (
        preparation_selectors.preparations_visible_to(staff)
        .filter(requester__email="burgemeester@demo.test")
        .first()
    )
    if preparation is None or preparation_selectors.practice_refusal(preparation):
        return
    _item, created = actions.knowledge_item_draft_practice_from_preparation(
        actor=staff, preparation=preparation
    )
    if created:
        stdout.write("Network: a practice draft from the demo mayor's prepared meeting.")
