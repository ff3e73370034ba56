"""Every page every role can reach, in Chromium at 1280 px and at 360 px: no WCAG 2.1 A or AA
violation that axe-core finds, no duplicate id in the live DOM, and nothing that scrolls sideways
on a phone; the browser console stays free of errors (CSP violations included). Then the main
forms shown with their errors: login, password reset, the report (start, evidence, sending a
draft that misses information), the home scan and each step of the grant wizard, sent empty (or,
where an empty draft step is valid, with an amount the step refuses). Last, every POST form of
those pages that has a required field is sent with its required fields emptied (so the server
must refuse it and change nothing): the answer passes the same checks, and each field it marks
invalid has a message tied to it and an item in the error summary that links to it.

The pages come from the access matrix (tests/security): every GET that answers a role with 200
and HTML is visited as that role, so a new page is covered as soon as it has an entry there.
axe-core is pinned in package-lock.json and installed by `make install` (npm ci).

One test per role, signed in once through the login form, one browser context for all its
pages; each test collects every problem and reports them together (rule, page, element).
Measured in December 2026: 217 page states, 5 min on SQLite and 7.5 min on PostgreSQL on a
busy two-core machine (about two thirds of it in Chromium, the rest the database).
"""

import os
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.helpers import BASE_DIR, browser_login, missing_service
from tests.security.matrix import ROLES, World, all_routes, path_of
from tests.security.test_access_matrix import EXPECTED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
# A11Y_SCREENSHOTS=1: a full-page screenshot of every page state at 360 px, to look at.
SHOTS = BASE_DIR / "var" / "screenshots" / "a11y" if os.environ.get("A11Y_SCREENSHOTS") else None


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        # Under REQUIRE_SERVICES=1 (CI) this fails: the check must not silently go away.
        missing_service(f"{AXE.relative_to(BASE_DIR)} is missing: run `make install` (npm ci)")
    return AXE.read_text()


# --- what runs in the page ------------------------------------------------------------------

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
    });
    return results.violations.map(v => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
        count: v.nodes.length,
    }));
}"""

NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Ids in the live DOM (after the page's scripts ran): none twice, and every reference to an id
# names one that exists. axe reports a dangling aria-describedby only as "needs review".
ID_PROBLEMS = """() => {
    const seen = {};
    for (const element of document.querySelectorAll('[id]')) {
        seen[element.id] = (seen[element.id] || 0) + 1;
    }
    const problems = Object.entries(seen).filter(([, n]) => n > 1).map(
        ([id, n]) => `id '${id}' occurs ${n} times`);
    const references = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls'];
    for (const name of references) {
        for (const element of document.querySelectorAll(`[${name}]`)) {
            const tag = element.tagName.toLowerCase();
            for (const id of element.getAttribute(name).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) {
                    problems.push(`<${tag} ${name}="${id}"> points at no element`);
                }
            }
        }
    }
    return problems;
}"""

# The page is wider than the window: which elements stick out. Only the outermost one of each
# branch, and none that a box of its own clips or scrolls (a .table-responsive): an absolutely
# positioned element (a .visually-hidden text) escapes such a box unless the box is its
# containing block, so the walk up goes from an element to its containing block.
SIDEWAYS = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth;
    const sticksOut = (e) => e.getBoundingClientRect().right > limit + 0.5;
    const containingBlock = (element) => {
        for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.position !== 'static' || style.transform !== 'none') return e;
        }
        return document.body;
    };
    const clipped = (element) => {
        for (let e = element; e && e !== document.body;) {
            const position = getComputedStyle(e).position;
            if (position === 'fixed') return false;
            e = position === 'absolute' ? containingBlock(e) : e.parentElement;
            if (e && e !== document.body && getComputedStyle(e).overflowX !== 'visible'
                && !sticksOut(e)) return true;
        }
        return false;
    };
    const name = (e) => {
        let text = e.tagName.toLowerCase();
        if (e.id) text += '#' + e.id;
        if (e.classList.length) text += '.' + [...e.classList].join('.');
        return text;
    };
    const path = (e) => {
        const parts = [];
        for (let x = e; x && x !== document.body; x = x.parentElement) parts.unshift(name(x));
        return parts.slice(-4).join(' > ');
    };
    const outside = (e) => e && e !== document.body && sticksOut(e) && !clipped(e);
    const culprits = [...document.body.querySelectorAll('*')].filter(
        e => outside(e) && !outside(e.parentElement)
    );
    return {
        scrollWidth: root.scrollWidth,
        clientWidth: limit,
        elements: culprits.slice(0, 4).map(
            e => `${path(e)} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`),
    };
}"""


def check_page(page, axe_source, label, width):
    """The problems of the page as shown now, one line each."""
    problems = []
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        # The portal's CSP (script-src 'self' + nonce) blocks an inline <script> that
        # add_script_tag would insert; evaluating the source through the DevTools protocol is
        # not subject to the CSP, so the page keeps its real policy and a CSP violation of its
        # own still reaches the console check.
        page.evaluate(axe_source)
    for violation in page.evaluate(RUN_AXE, AXE_TAGS):
        more = violation["count"] - len(violation["targets"])
        problems.append(
            f"{label} @{width}px: axe {violation['rule']} ({violation['impact']}: "
            f"{violation['help']}) at {violation['targets']}"
            + (f" and {more} more" if more else "")
        )
    for problem in page.evaluate(ID_PROBLEMS):
        problems.append(f"{label} @{width}px: {problem}")
    if width == PHONE["width"]:
        sideways = page.evaluate(SIDEWAYS)
        if sideways:
            problems.append(
                f"{label} @{width}px: scrolls sideways ({sideways['scrollWidth']} px wide in "
                f"{sideways['clientWidth']} px), sticking out: {sideways['elements']}"
            )
    return problems


# --- which pages ----------------------------------------------------------------------------


def pages_for(role, world):
    """(label, url) of every HTML page the access matrix lets `role` GET with a 200."""
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    routes = all_routes()
    found = []
    for name in sorted(routes):
        expected = EXPECTED[name]
        rows = expected.items() if isinstance(expected, dict) else [(None, expected)]
        for variant, row in rows:
            if row.split()[ROLES.index(role)] != "200":
                continue
            url = path_of(routes[name], world.kwargs(routes[name], variant or "own"))
            # Files (PDF, CSV, uploads) are no pages: asked once here, not opened in Chromium.
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                found.append((f"{name}" + (f" [{variant}]" if variant else ""), url))
    return found


def check_both_widths(page, axe_source, label, console):
    """The page as it is now at 1280 px, then at 360 px (resized, not reloaded)."""
    page.set_viewport_size(DESKTOP)
    problems = check_page(page, axe_source, label, DESKTOP["width"])
    page.set_viewport_size(PHONE)
    page.evaluate(NEXT_FRAME)  # the page's resize handlers have run
    problems += check_page(page, axe_source, label, PHONE["width"])
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", label.split(" http")[0].split(" /")[0].lower())
        page.screenshot(path=SHOTS / f"{name.strip('-')}-360.png", full_page=True)
    if console:
        problems.append(f"{label}: browser console reported {console[:]}")
        console.clear()
    return problems


# --- the main forms shown with their errors -------------------------------------------------
# Each generator leaves the page in a state to check and yields its label. A form is submitted
# empty (every form here has `novalidate`, so the server answers, not the browser).


def no_error_states(page, world):
    return iter(())


def anonymous_error_states(page, world):
    page.goto(reverse("account_login"))
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    yield "login, sent empty"
    page.goto(reverse("account_reset_password"))
    page.locator("main form[method=post] [type=submit]").first.click()
    page.wait_for_load_state()
    yield "password reset, sent empty"


def officeholder_error_states(page, world):
    page.goto(reverse("incidents:start"))
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()
    yield "report start, sent empty"
    page.locator("input[name=danger][value=no]").check()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(re.compile(r"/bewerken/$"))
    yield "report form of a new draft"
    edit_url = page.url
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_load_state()
    # A draft may be saved half-filled: this goes on to the evidence step. What is missing
    # shows when it is sent (below).
    yield "report form sent empty, on to the evidence"
    page.goto(edit_url.replace("/bewerken/", "/bewijs/"))
    page.locator("main button[name=upload]").click()
    page.wait_for_load_state()
    yield "evidence, sent without a file"
    page.goto(edit_url.replace("/bewerken/", "/versturen/"))
    yield "sending a draft that misses information"
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state()
    yield "sending a draft that misses information, sent"
    page.goto(reverse("homescan:scan"))
    page.get_by_role("button", name="Bekijk mijn resultaat").click()
    page.wait_for_load_state()
    yield "home scan, sent empty"


# The steps of the grant wizard where a field gets a value it refuses, to show its errors.
WIZARD_INVALID = {2: "main input[name$='cost']", 3: "main input[name='co_financing']"}


def griffier_error_states(page, world):
    """The grant wizard of a new, empty application (for a second council, as the griffier's
    own council has one already), each step sent empty."""
    from accounts.tests import factories as people
    from subsidies import actions as subsidy_actions
    from subsidies.tests.factories import veilig_vergaderen

    griffier = world.users["griffier"]
    body = people.municipality("GM0014")
    people.with_role(griffier, "griffier", "", body)
    application = subsidy_actions.application_start(
        actor=griffier, scheme=veilig_vergaderen(), body=body
    )
    for step in range(1, 7):
        page.goto(reverse("subsidies:step", args=[application.pk, step]))
        yield f"grant wizard step {step} of a new application"
        if step in WIZARD_INVALID:
            # A draft may be saved half-filled, so an empty step is accepted: a value that
            # cannot be an amount shows the step with its errors.
            page.locator(WIZARD_INVALID[step]).first.fill("veel geld")
            page.locator("main button[name=next]").click()
            page.wait_for_load_state()
            yield f"grant wizard step {step}, sent with an amount it refuses"
            continue
        for name in ["upload", "next"] if step == 5 else ["next"]:
            button = page.locator(f"main button[name={name}]")
            if not button.count():  # the last step: one button that sends the application in
                button = page.locator("main form[method=post] [type=submit]").last
            button.click()
            page.wait_for_load_state()
            yield f"grant wizard step {step}, sent empty ({name})"


# --- every other form, sent with its required fields empty --------------------------------
# A form with a required text field, list or box is sent with those emptied, so the server must
# refuse it and change nothing: the page that answers is that form's error state. Forms without
# a required field (buttons that act at once, filters) are not sent. Each route's forms once.

# Which fields of a form are emptied: required ones that can be empty (not hidden, a file, a
# radio or disabled; a list only when it has an empty choice). One rule for choosing the forms
# and for sending them, so a form is only sent when something in it is really emptied.
EMPTIABLE = """const emptiable = (e) => e.required && e.type !== 'hidden' && e.type !== 'file'
    && e.type !== 'radio' && !e.disabled
    && (e.tagName !== 'SELECT' || [...e.options].some(o => o.value === ''));"""

# The POST forms in <main> that have a required field to empty: index among main's forms and
# what the summary of the check calls it.
FORMS_TO_EMPTY = (
    """() => {"""
    + EMPTIABLE
    + """
    const forms = [...document.querySelectorAll('main form')];
    return forms.map((f, index) => ({index, method: f.method,
        count: [...f.elements].filter(emptiable).length,
        name: f.getAttribute('aria-label') || f.id || f.getAttribute('action') || ''}))
        .filter(f => f.method === 'post' && f.count > 0);
}"""
)

SEND_EMPTIED = (
    """(index) => {"""
    + EMPTIABLE
    + """
    const form = document.querySelectorAll('main form')[index];
    const emptied = [];
    for (const e of [...form.elements].filter(emptiable)) {
        if (e.type === 'checkbox') e.checked = false;
        else e.value = '';
        emptied.push(e.name);
    }
    const submitter = [...form.elements].find(e => e.type === 'submit') || null;
    form.requestSubmit(submitter);
    return emptied;
}"""
)

# The error state as the issue asks it: every field marked invalid has its own message
# (aria-describedby naming an element that exists) and an item in the summary that links to it
# (or, for a group of boxes, to one of the group); a field sent empty that is shown again is
# marked.
ERROR_STATE_PROBLEMS = """(emptied) => {
    const problems = [];
    const summary = document.querySelector('[data-error-summary]');
    const links = summary ? [...summary.querySelectorAll('a[href^="#"]')] : [];
    const linked = new Set(links.map(a => a.getAttribute('href').slice(1)));
    for (const a of links) {
        if (!document.getElementById(a.getAttribute('href').slice(1))) {
            problems.push(`summary link ${a.getAttribute('href')} leads nowhere`);
        }
    }
    const invalid = [...document.querySelectorAll('main [aria-invalid="true"]')];
    for (const e of invalid) {
        const what = `${e.tagName.toLowerCase()}[name=${e.name || e.id}]`;
        if (!summary) {
            problems.push(`${what} is marked invalid, but there is no summary`);
            continue;
        }
        const group = e.name ? [...document.getElementsByName(e.name)].map(x => x.id) : [];
        if (!linked.has(e.id) && !group.some(id => linked.has(id))) {
            problems.push(`${what} is marked invalid, but no summary item links to it`);
        }
        const described = (e.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
        if (!described.some(id => { const d = document.getElementById(id);
                                    return d && d.textContent.trim(); })) {
            problems.push(`${what} is marked invalid, but no message is tied to it`);
        }
    }
    if (summary) {
        for (const name of emptied) {
            const shown = [...document.getElementsByName(name)].filter(
                e => e.closest('main') && e.type !== 'hidden' && e.required);
            if (shown.length && !shown.some(e => e.getAttribute('aria-invalid') === 'true')) {
                problems.push(`${name} was sent empty and is shown again without aria-invalid`);
            }
        }
    }
    return problems;
}"""


# A page that answers a POST (a form shown again with its errors) stands at the POST's address:
# a link "?..." or a GET form without an action there would ask that address with GET (405).
POST_ADDRESS_LINKS = """() => {
    const found = [];
    for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href');
        if (href === '' || href.startsWith('?')) {
            found.push(`link "${a.textContent.trim().slice(0, 40)}" (href="${href.slice(0, 40)}")`);
        }
    }
    for (const form of document.querySelectorAll('form')) {
        if (form.method === 'get' && !form.getAttribute('action')) {
            found.push(`GET form without action (${form.className || form.id})`);
        }
    }
    return found;
}"""


def every_form_sent_empty(page, axe_source, urls, console):
    """(problems, number of states) of each route's forms sent with required fields empty."""
    problems, states, seen = [], 0, set()
    for label, url in urls:
        route = label.split(" [")[0]
        if route in seen:
            continue
        seen.add(route)
        page.set_viewport_size(DESKTOP)
        page.goto(url)
        for form in page.evaluate(FORMS_TO_EMPTY):
            page.goto(url)
            state = f"{label}, form {form['name']!r} sent with its required fields empty"
            try:
                with page.expect_navigation(timeout=10_000) as navigation:
                    emptied = page.evaluate(SEND_EMPTIED, form["index"])
                answer = navigation.value
            except PlaywrightTimeout:
                emptied, answer = [], None  # kept back by the page's own script: as it is
            page.wait_for_load_state()
            if answer is not None and answer.status == 400:
                # A form shown again with its errors may say so with 400 Bad Request; the
                # browser logs that status of the page itself as a console error.
                console[:] = [m for m in console if "status of 400" not in m]
            elif answer is not None and answer.status != 200:
                problems.append(f"{state}: {answer.url} answered {answer.status}")
            if answer is not None and answer.request.method == "POST":
                # Shown at the POST's address (not redirected): nothing may lead back to it.
                problems += [
                    f"{state}: {found} leads to the POST address with GET"
                    for found in page.evaluate(POST_ADDRESS_LINKS)
                ]
            states += 1
            problems += [f"{state}: {p}" for p in page.evaluate(ERROR_STATE_PROBLEMS, emptied)]
            problems += check_both_widths(page, axe_source, f"{state} {page.url}", console)
    return problems, states


ERROR_STATES = {
    "anonymous": anonymous_error_states,
    "officeholder": officeholder_error_states,
    "griffier": griffier_error_states,
}


def totp_secret(user):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return get_adapter().decrypt(authenticator.data["secret"])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_role_passes_axe_has_unique_ids_and_fits_a_phone(
    role, chromium, live_server, axe_source
):
    started = time.monotonic()
    world = World()
    urls = pages_for(role, world)
    assert urls, f"no page for {role}"
    built = time.monotonic()

    context = chromium.new_context(base_url=live_server.url, locale="nl-NL", viewport=DESKTOP)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    problems = []
    emptied = 0
    try:
        user = world.users[role]
        if user is not None:
            from accounts.tests.factories import PASSWORD

            browser_login(page, user.email, PASSWORD, totp_secret=totp_secret(user))
            page.wait_for_url(lambda url: "/account/" not in url)
        for label, url in urls:
            page.set_viewport_size(DESKTOP)
            response = page.goto(url)
            if response is None or response.status != 200:
                problems.append(f"{label}: {url} answered {response and response.status}")
                continue
            problems += check_both_widths(page, axe_source, f"{label} {url}", console)
        pages = len(urls)
        for label in ERROR_STATES.get(role, no_error_states)(page, world):
            pages += 1
            problems += check_both_widths(page, axe_source, f"{label} {page.url}", console)
            page.set_viewport_size(DESKTOP)
        more, emptied = every_form_sent_empty(page, axe_source, urls, console)
        problems += more
        pages += emptied
    finally:
        context.close()
    print(
        f"{role}: {pages} page states ({emptied} of them forms sent with required fields "
        f"empty), world {built - started:.1f} s, "
        f"browser {time.monotonic() - built:.1f} s"
    )
    assert not problems, f"{len(problems)} problems as {role}:\n" + "\n".join(problems)


def test_the_checks_find_a_violation_a_repeated_id_and_a_page_too_wide(page, axe_source):
    page.set_viewport_size(PHONE)
    page.goto("/")
    # (Styles set through the CSSOM: the CSP refuses style attributes in markup.)
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend',
                '<img src="/static/favicon.svg"><p id="twice">a</p><p id="twice">b</p>'
                + '<button aria-describedby="nowhere">x</button>'
                + '<div class="too-wide">breed</div>'
                + '<div class="own-scroll"><table><tr><td>x</td>'
                + '<td><span class="visually-hidden">escapes</span></td></tr></table></div>');
            main.querySelector('.too-wide').style.width = '500px';
            main.querySelector('.own-scroll').style.overflowX = 'auto';
            main.querySelector('.own-scroll table').style.width = '900px';
        }"""
    )
    problems = check_page(page, axe_source, "home", PHONE["width"])
    assert any("axe image-alt" in p and "img" in p for p in problems), problems
    assert any("id 'twice' occurs 2 times" in p for p in problems), problems
    assert any('<button aria-describedby="nowhere"> points at no element' in p for p in problems)
    [sideways] = [p for p in problems if "scrolls sideways" in p]
    # The wide box, and the hidden text that escapes its scrolling box; not the table that
    # scrolls in its own box.
    assert "div.too-wide" in sideways, sideways
    assert "td > span.visually-hidden" in sideways, sideways
    assert "> table" not in sideways, sideways


def test_the_error_state_check_finds_an_unlinked_unexplained_or_unmarked_field(page):
    """The check of a form sent empty: a field marked invalid with no summary item and no
    message, and a required field sent empty that is shown again unmarked."""
    page.goto("/")
    page.evaluate(
        """() => {
            document.querySelector('main').insertAdjacentHTML('beforeend',
                '<div data-error-summary><a href="#gone">x</a></div>'
                + '<input id="lost" name="lost" aria-invalid="true">'
                + '<input id="quiet" name="quiet" required>');
        }"""
    )
    problems = page.evaluate(ERROR_STATE_PROBLEMS, ["quiet"])
    assert "summary link #gone leads nowhere" in problems
    assert "input[name=lost] is marked invalid, but no summary item links to it" in problems
    assert "input[name=lost] is marked invalid, but no message is tied to it" in problems
    assert "quiet was sent empty and is shown again without aria-invalid" in problems
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
            '<a href="?na=5">Volgende</a><form method="get"></form>')"""
    )
    assert page.evaluate(POST_ADDRESS_LINKS) == [
        'link "Volgende" (href="?na=5")',
        "GET form without action ()",
    ]
    # A page with a form to empty lists it (the case page: a message, a note, ...).
    page.goto("/account/login/")
    assert [f["count"] for f in page.evaluate(FORMS_TO_EMPTY)] == [2]
