"""The training catalogue: list and detail for who may browse it; writing for the provider;
signing up, cancelling and the certificate for the person who signed up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import actions, forms, permissions, selectors
from .models import Registration, Session
from .pdf import render_certificate_pdf
from .workflow import RegistrationStatus, TransitionNotAllowed

NOT_FOR_YOUR_OFFICE = gettext_lazy(
    "Deze training is niet bedoeld voor uw functie; aanmelden kan daarom niet. Onder 'Voor' "
    "staat voor wie de training is."
)
SESSION_BEGUN = gettext_lazy("Deze bijeenkomst is al begonnen; aanmelden kan niet meer.")


def _visible_training(request, pk):
    return get_object_or_404(
        selectors.visible_trainings(request.user).select_related("provider"), pk=pk
    )


def _managed_training(request, pk):
    training = _visible_training(request, pk)
    if not permissions.may_manage(request.user, training):
        raise Http404
    return training


@login_required
@require_GET
def catalogue(request):
    if not permissions.may_browse(request.user):
        raise Http404
    form = forms.CatalogueFilterForm(request.GET or None)
    office = form.cleaned_data["voor"] if form.is_valid() else ""
    return render(
        request,
        "training/catalogue.html",
        {
            "form": form,
            "office": office,
            "trainings": list(selectors.catalogue(request.user, office=office)),
            "may_offer": permissions.may_offer(request.user),
        },
    )


@login_required
@require_GET
def detail(request, pk):
    training = _visible_training(request, pk)
    user = request.user
    may_manage = permissions.may_manage(user, training)
    sessions = selectors.sessions_of(training)
    mine = selectors.my_registrations(user, training)
    now = timezone.now()
    for session in sessions:
        session.my_registration = mine.get(session.pk)
        session.has_begun = session.starts_at <= now
    may_sign_up = permissions.may_sign_up(user)
    return render(
        request,
        "training/detail.html",
        {
            "training": training,
            "sessions": sessions,
            "may_sign_up": may_sign_up,
            "in_audience": may_sign_up and permissions.is_in_audience(user, training),
            "may_sign_up_members": permissions.may_sign_up_members(user, training),
            "may_manage": may_manage,
            "statuses": RegistrationStatus,
        },
    )


@login_required
def create(request):
    if not permissions.may_offer(request.user):
        raise Http404
    providers = permissions.provider_organisations(request.user)
    form = forms.TrainingForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        training = actions.training_create(
            actor=request.user, provider=form.cleaned_data["provider"], **form.training_fields()
        )
        messages.success(request, _("De training staat in de catalogus. Voeg nu een datum toe."))
        return redirect("training:session_add", pk=training.pk)
    return render(request, "training/training_form.html", {"form": form})


@login_required
def edit(request, pk):
    training = _managed_training(request, pk)
    form = forms.TrainingForm(
        request.POST or None, initial=forms.TrainingForm.initial_for(training)
    )
    if request.method == "POST" and form.is_valid():
        actions.training_update(actor=request.user, training=training, **form.training_fields())
        messages.success(request, _("De training is bijgewerkt."))
        return redirect(training)
    return render(request, "training/training_form.html", {"form": form, "training": training})


@login_required
def session_add(request, pk):
    training = _managed_training(request, pk)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.session_add(actor=request.user, training=training, **form.cleaned_data)
        messages.success(request, _("De bijeenkomst is toegevoegd."))
        return redirect(training)
    return render(request, "training/session_form.html", {"form": form, "training": training})


def _visible_session(request, pk):
    session = get_object_or_404(Session.objects.select_related("training__provider"), pk=pk)
    if not selectors.visible_trainings(request.user).filter(pk=session.training_id).exists():
        raise Http404
    return session


@login_required
@require_POST
def sign_up(request, pk):
    session = _visible_session(request, pk)
    if not permissions.may_sign_up(request.user):
        raise Http404
    try:
        registration = actions.registration_sign_up(actor=request.user, session=session)
    except actions.NotInAudience:
        messages.error(request, NOT_FOR_YOUR_OFFICE)
    except actions.AlreadySignedUp:
        messages.info(request, _("U bent al aangemeld voor deze bijeenkomst."))
    except actions.SessionOver:
        messages.error(request, SESSION_BEGUN)
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(
                request,
                _(
                    "Deze bijeenkomst is vol. U staat op de wachtlijst: komt er een plaats vrij, "
                    "dan krijgt u die en ontvangt u een bericht."
                ),
            )
        else:
            messages.success(
                request,
                _("U bent aangemeld. U ontvangt een bevestiging per e-mail."),
            )
    return redirect(session.training)


@login_required
def sign_up_member(request, pk):
    """A griffier signs up an officeholder of their own body; the page lists whom they signed
    up for this session."""
    session = _visible_session(request, pk)
    training = session.training
    if not permissions.may_sign_up_members(request.user, training):
        raise Http404
    form = forms.MemberSignUpForm(
        request.POST or None, members=selectors.members_for_griffier(request.user, training)
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        name = person.get_full_name()
        try:
            registration = actions.registration_sign_up_member(
                actor=request.user, session=session, person=person
            )
        except PermissionDenied as error:
            raise Http404 from error
        except actions.NotInAudience:
            form.add_error(
                "person",
                _("Deze training is niet bedoeld voor de functie van %(name)s.") % {"name": name},
            )
        except actions.AlreadySignedUp:
            form.add_error(
                "person", _("%(name)s is al aangemeld voor deze bijeenkomst.") % {"name": name}
            )
        except actions.SessionOver:
            messages.error(request, SESSION_BEGUN)
            return redirect(training)
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.warning(
                    request,
                    _("De bijeenkomst is vol: %(name)s staat op de wachtlijst en krijgt bericht.")
                    % {"name": name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is aangemeld en krijgt een bevestiging per e-mail.")
                    % {"name": name},
                )
            return redirect("training:sign_up_member", pk=session.pk)
    return render(
        request,
        "training/sign_up_member.html",
        {
            "session": session,
            "training": training,
            "form": form,
            "signed_up": selectors.signed_up_by_griffier(request.user, session),
            "begun": session.starts_at <= timezone.now(),
        },
    )


def _own_registration(request, pk) -> Registration:
    registration = selectors.own_registration(request.user, pk)
    if registration is None:
        raise Http404
    return registration


@login_required
@require_POST
def cancel(request, pk):
    registration = _own_registration(request, pk)
    try:
        actions.registration_cancel(actor=request.user, registration=registration)
    except (TransitionNotAllowed, actions.SessionOver):
        messages.error(request, _("Deze aanmelding kunt u niet meer afmelden."))
    else:
        messages.success(request, _("U bent afgemeld."))
    return redirect(registration.session.training)


@login_required
def attendance(request, pk):
    session = _visible_session(request, pk)
    if not permissions.may_manage(request.user, session.training):
        raise Http404
    with_a_place, waiting = selectors.session_registrations(session)
    if request.method == "GET":
        actions.session_participants_record_read(reader=request.user, session=session)
    attended = [str(r.pk) for r in with_a_place if r.status == RegistrationStatus.ATTENDED]
    form = forms.AttendanceForm(
        request.POST or None, registrations=with_a_place, initial={"attended": attended}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.session_attendance_record(
                actor=request.user,
                session=session,
                attended=[int(pk) for pk in form.cleaned_data["attended"]],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except actions.SessionNotBegun:
            messages.error(
                request, _("De aanwezigheid legt u vast zodra de bijeenkomst begonnen is.")
            )
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
        return redirect("training:attendance", pk=session.pk)
    return render(
        request,
        "training/attendance.html",
        {
            "session": session,
            "form": form,
            "waiting": waiting,
            "with_a_place": with_a_place,
            "begun": session.starts_at <= timezone.now(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def certificate(request, pk):
    registration = _own_registration(request, pk)
    if registration.status != RegistrationStatus.ATTENDED:
        raise Http404
    response = HttpResponse(render_certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{registration.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
