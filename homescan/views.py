"""Thin views: form → action → message → redirect. A scan you may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import selectors as audit_selectors
from incidents import contact
from subsidies import selectors as subsidy_selectors

from . import actions, forms, permissions, risk_analysis, scoring, selectors, starter_kit
from .models import ScanResult, StarterKit, StarterKitItem
from .pdf import render_scan_pdf


def _require_officeholder(request):
    if not permissions.can_take_scan(request.user):
        raise Http404


def _visible_scan(request, pk, *, audit=None):
    """The scan, or a 404 for anyone who may not see it; a read by staff is logged."""
    scan = get_object_or_404(
        ScanResult.objects.visible_to(request.user).select_related("version", "owner"), pk=pk
    )
    if audit:
        actions.scan_record_read(reader=request.user, scan=scan, what=audit)
    return scan


def _own_scan(request, pk):
    return get_object_or_404(ScanResult.objects.filter(owner=request.user), pk=pk)


@login_required
def index(request):
    _require_officeholder(request)
    return render(
        request,
        "homescan/index.html",
        {"scans": list(selectors.scans_of(request.user)), "version": selectors.current_version()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def scan_new(request):
    _require_officeholder(request)
    version = selectors.current_version()
    if version is None:
        raise Http404
    questions = scoring.questions_of(version)
    form = forms.ScanForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        scan = actions.scan_submit(actor=request.user, version=version, answers=form.answers())
        messages.success(request, _("Uw scan is afgerond. Hieronder ziet u het resultaat."))
        return redirect("homescan:result", pk=scan.pk)
    return render(request, "homescan/scan_form.html", {"form": form, "version": version})


def _result_context(scan):
    questions = scoring.questions_of(scan.version)
    outcome = scoring.evaluate(scan.version, scan.answers, questions)
    answers = scan.answers
    answered = [
        (question, next(o for o in question.options.all() if o.pk == answers[question.pk]))
        for question in questions
    ]
    return {"scan": scan, "outcome": outcome, "answered": answered}


@login_required
def result(request, pk):
    scan = _visible_scan(request, pk, audit="detail")
    context = _result_context(scan)
    context["is_owner"] = scan.owner_id == request.user.pk
    if context["is_owner"] and context["outcome"].suggested_measures:
        context["fund_url"] = reverse("homescan:fund_request", args=[scan.pk])
    return render(request, "homescan/result.html", context)


@login_required
def readers(request, pk):
    """For the owner only: who at BZK opened their shared scan or its PDF, what and when.
    Anyone else gets a 404, staff included."""
    scan = _own_scan(request, pk)
    return render(
        request,
        "homescan/readers.html",
        {"scan": scan, "readers": audit_selectors.readers_of(scan)},
    )


@login_required
def result_pdf(request, pk):
    scan = _visible_scan(request, pk, audit="pdf")
    pdf = render_scan_pdf(**_result_context(scan), language=request.LANGUAGE_CODE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="basisscan-{scan.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def share(request, pk):
    scan = _own_scan(request, pk)
    if "withdraw" in request.POST:
        actions.scan_unshare(actor=request.user, scan=scan)
        messages.success(request, _("BZK kan deze scan niet meer inzien."))
    else:
        actions.scan_share(actor=request.user, scan=scan)
        messages.success(
            request, _("U heeft de scan gedeeld met BZK. Een medewerker neemt contact met u op.")
        )
    return redirect("homescan:result", pk=scan.pk)


@login_required
@require_POST
def delete(request, pk):
    scan = _own_scan(request, pk)
    actions.scan_delete(actor=request.user, scan=scan)
    messages.success(request, _("De scan en uw antwoorden zijn verwijderd."))
    return redirect("homescan:index")


@login_required
@require_http_methods(["GET", "POST"])
def fund_request(request, pk):
    """'Vraag een bijdrage aan': the suggested measures go to the officeholder's own draft
    application to the fund, straight to BZK; never to the griffie."""
    scan = _own_scan(request, pk)
    scheme = subsidy_selectors.scheme_by_slug(selectors.FUND_SLUG)
    measures = scoring.evaluate(scan.version, scan.answers).suggested_measures_shown
    if scheme is None or not measures:
        raise Http404
    form = forms.FundRequestForm(
        request.POST or None,
        bodies=selectors.fund_bodies(request.user),
        measures=measures,
        scheme=scheme,
    )
    if request.method == "POST" and form.is_valid():
        try:
            application, _added = actions.scan_request_fund(
                actor=request.user,
                scan=scan,
                body=form.cleaned_data["body"],
                measures=form.chosen_measures(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(
                request,
                _(
                    "De maatregelen staan in uw eigen aanvraag bij het %(scheme)s. Vul de kosten "
                    "in, voeg een offerte toe en dien de aanvraag in. Alleen BZK ziet uw "
                    "aanvraag, de griffie niet."
                )
                % {"scheme": scheme.name},
            )
            return redirect("subsidies:step", pk=application.pk, step=2)
    return render(
        request, "homescan/fund_request.html", {"scan": scan, "scheme": scheme, "form": form}
    )


@login_required
def shared_list(request):
    if not request.user.is_triage_staff:
        raise Http404
    return render(
        request, "homescan/shared_list.html", {"scans": list(selectors.shared_scans(request.user))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_starter_kit(request):
    kit = get_object_or_404(StarterKit.objects.select_related("body"), mayor=request.user)
    if request.method == "POST":
        item_id = request.POST.get("item", "")
        if not item_id.isdigit():
            raise Http404
        item = get_object_or_404(StarterKitItem, pk=int(item_id), kit=kit)
        done = request.POST.get("done") == "1"
        try:
            actions.starter_kit_item_mark(actor=request.user, item=item, done=done)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Gemarkeerd als gedaan.") if done else _("Weer op de lijst gezet."),
            )
        return redirect("homescan:starter_kit")
    items = [(item, starter_kit.BY_CODE[item.code]) for item in kit.items.all()]
    return render(
        request,
        "homescan/starter_kit.html",
        {
            "kit": kit,
            "items": items,
            "contacts_code": starter_kit.CONTACTS,
            "phones": contact.phones(),
            "analysis": selectors.risk_analysis_of(kit),
        },
    )


@login_required
def starter_kit_overview(request):
    if not request.user.is_triage_staff:
        raise Http404
    overdue_only = request.GET.get("alle") != "1"
    include_completed = not overdue_only and request.GET.get("afgerond") == "1"
    kits = selectors.starter_kits(overdue_only=overdue_only, include_completed=include_completed)
    return render(
        request,
        "homescan/starter_kits.html",
        {
            "kits": list(kits),
            "overdue_only": overdue_only,
            "include_completed": include_completed,
        },
    )


# The starterspakket's risk analysis ------------------------------------------------------------


def _analysis_context(kit, analysis):
    outcome = selectors.risk_analysis_outcome(analysis)
    scheme = subsidy_selectors.scheme_by_slug(selectors.FUND_SLUG)
    measures = []
    if outcome:
        measures = [
            (measure, scheme.measure_label(measure.kind) if scheme and measure.kind else "")
            for measure in outcome.measures
        ]
    answers = analysis.answers if analysis else {}
    return {
        "kit": kit,
        "analysis": analysis,
        "outcome": outcome,
        "measures": measures,
        "staff_answered": bool(analysis and analysis.answered_at),
        "home_level": analysis.get_home_risk_level_display() if analysis else "",
        "missing_questions": len(risk_analysis.missing_answers(answers)),
        "scheme": scheme,
        "elevated_from": risk_analysis.ELEVATED_FROM,
        "high_from": risk_analysis.HIGH_FROM,
    }


def _own_kit(request):
    return get_object_or_404(StarterKit.objects.select_related("body"), mayor=request.user)


@login_required
def my_risk_analysis(request):
    """The mayor's own risk analysis: their home scan's level, what BZK added, the level and
    its package of measures, and the one step to the fund."""
    kit = _own_kit(request)
    context = _analysis_context(kit, selectors.risk_analysis_of(kit))
    context["latest_scan"] = selectors.latest_scan(request.user)
    return render(request, "homescan/risk_analysis.html", context)


@login_required
@require_POST
def risk_analysis_include_scan(request):
    kit = _own_kit(request)
    scan = selectors.latest_scan(request.user)
    if scan is None:
        raise Http404
    actions.risk_analysis_include_scan(actor=request.user, kit=kit, scan=scan)
    messages.success(
        request,
        _(
            "Het risico van uw woning staat in de risicoanalyse. BZK ziet het niveau, niet uw "
            "antwoorden."
        ),
    )
    return redirect("homescan:risk_analysis")


@login_required
@require_POST
def risk_analysis_fund(request):
    """One step: the package of measures of the mayor's level becomes their own draft
    application to the Fonds beveiligingsmaatregelen (through subsidies'
    application_add_suggested_lines)."""
    kit = _own_kit(request)
    try:
        application, _added = actions.risk_analysis_request_fund(actor=request.user, kit=kit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("homescan:risk_analysis")
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(
        request,
        _(
            "De maatregelen van uw beveiligingsniveau staan in uw eigen aanvraag bij het Fonds "
            "beveiligingsmaatregelen. Vul de kosten in, voeg een offerte toe en dien de aanvraag "
            "in. Alleen BZK ziet uw aanvraag, de griffie niet."
        ),
    )
    return redirect("subsidies:step", pk=application.pk, step=2)


@login_required
@require_http_methods(["GET", "POST"])
def kit_risk_analysis(request, pk):
    """BZK staff: one mayor's risk analysis, with the questions about the municipality and the
    role and the police's advice. Anyone else gets a 404; every read is an audit row."""
    if not permissions.can_assess_risk(request.user):
        raise Http404
    kit = get_object_or_404(StarterKit.objects.select_related("body", "mayor"), pk=pk)
    analysis = selectors.risk_analysis_of(kit)
    initial = {}
    if analysis:
        initial = {**analysis.answers, "police_advice": analysis.police_advice}
    form = forms.RiskAnalysisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        analysis = actions.risk_analysis_answer(
            actor=request.user,
            kit=kit,
            answers=form.answers(),
            police_advice=form.cleaned_data["police_advice"],
        )
        messages.success(request, _("De risicoanalyse is bijgewerkt."))
        return redirect("homescan:kit_risk_analysis", pk=kit.pk)
    if analysis:
        actions.risk_analysis_record_read(reader=request.user, analysis=analysis)
    context = _analysis_context(kit, analysis)
    context["form"] = form
    return render(request, "homescan/kit_risk_analysis.html", context)
