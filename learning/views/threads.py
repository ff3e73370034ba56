"""The exchange's pages: the list of threads (filter and search), a new question or
experience, a thread with its answers, and the POSTs that answer, mark helpful, moderate,
consent and make a practice example. Every page is a 404 to anyone who does not take part."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from network.models import Theme

from .. import actions, selectors
from ..forms import PracticeForm
from ..models import Answer, ThreadKind
from ..permissions import may_host


class ThreadFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Zoeken"), required=False, max_length=200)
    thema = forms.ChoiceField(label=gettext_lazy("Thema"), required=False)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Vragen en ervaringen")), *ThreadKind.choices],
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["thema"]).choices = [
            ("", gettext_lazy("Alle thema's")),
            *((theme.slug, str(theme)) for theme in themes),
        ]


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name  # by name only: the page never shows an address


class PostForm(forms.Form):
    """What a question, an experience and an answer share: the text, for whom the writer speaks
    and whom they mention."""

    text = forms.CharField(
        label=gettext_lazy("Tekst"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Opmaak met Markdown. Alleen deelnemers van het leernetwerk lezen dit."
        ),
    )
    voice = forms.ChoiceField(label=gettext_lazy("Namens"))
    mentioned = PeopleField(
        label=gettext_lazy("Deelnemers noemen"),
        required=False,
        queryset=User.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=gettext_lazy(
            "Wie u noemt, krijgt een bericht met een link naar deze vraag (zonder de tekst). "
            "Houd Ctrl of Cmd ingedrukt om er meer te kiezen."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.voices = {voice.key: voice for voice in selectors.voices_of(user)}
        cast(forms.ChoiceField, self.fields["voice"]).choices = [
            (key, v.label) for key, v in self.voices.items()
        ]
        mentioned = cast(forms.ModelMultipleChoiceField, self.fields["mentioned"])
        mentioned.queryset = selectors.mentionable_people(user)

    def post_fields(self):
        data = self.cleaned_data
        return {
            "text": data["text"],
            "voice": self.voices[data["voice"]],
            "mentioned": list(data["mentioned"]),
        }


class ThreadForm(PostForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        initial=ThreadKind.QUESTION,
    )
    theme = forms.ModelChoiceField(label=gettext_lazy("Thema"), queryset=Theme.objects.all())
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    field_order = ["kind", "theme", "title", "text", "voice", "mentioned"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden (de schrijver en BZK lezen die)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _taking_part(request):
    if not selectors.seat_of(request.user).takes_part:
        raise Http404


def _thread(request, pk):
    return get_object_or_404(
        selectors.readable_threads(request.user).select_related(
            "theme", "author", "body", "organisation", "practice"
        ),
        pk=pk,
    )


def _answer(request, pk):
    return get_object_or_404(
        Answer.objects.filter(thread__in=selectors.readable_threads(request.user)).select_related(
            "thread"
        ),
        pk=pk,
    )


def _host_only(request):
    if not may_host(request.user):
        raise Http404


@login_required
@require_GET
def thread_list(request):
    _taking_part(request)
    themes = list(Theme.objects.all())
    form = ThreadFilterForm(request.GET or None, themes=themes)
    filters = {"query": "", "theme": "", "kind": ""}
    if form.is_valid():
        filters = {
            "query": form.cleaned_data["q"],
            "theme": form.cleaned_data["thema"],
            "kind": form.cleaned_data["soort"],
        }
    page = selectors.thread_page(request.user, page_number=request.GET.get("pagina"), **filters)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "learning/threads/list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "filtered": any(filters.values()),
            "query_string": query.urlencode(),
        },
    )


@login_required
def thread_create(request):
    _taking_part(request)
    form = ThreadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        thread = actions.thread_create(
            actor=request.user,
            theme=form.cleaned_data["theme"],
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            **form.post_fields(),
        )
        messages.success(request, _("Uw bijdrage staat in het leernetwerk."))
        return redirect(thread)
    return render(request, "learning/threads/form.html", {"form": form})


def _detail(request, thread, answer_form=None, status=200):
    user = request.user
    host = may_host(user)
    answers = selectors.answers_of(thread)
    for answer in answers:
        answer.hidden_to_me = answer.hidden_from(user)  # type: ignore[attr-defined]
    may_answer = not (thread.is_locked or thread.is_hidden)
    return render(
        request,
        "learning/threads/detail.html",
        {
            "thread": thread,
            "hidden_to_me": thread.hidden_from(user),
            "answers": answers,
            "answer_form": (answer_form or PostForm(user=user)) if may_answer else None,
            "is_author": thread.author_id == user.pk,
            "is_host": host,
        },
        status=status,
    )


@login_required
@require_GET
def thread_detail(request, pk):
    return _detail(request, _thread(request, pk))


@login_required
@require_POST
def thread_answer(request, pk):
    thread = _thread(request, pk)
    form = PostForm(request.POST, user=request.user)
    if not form.is_valid():
        return _detail(request, thread, answer_form=form)
    try:
        actions.answer_create(actor=request.user, thread=thread, **form.post_fields())
    except actions.ThreadLocked:
        messages.error(request, _("Deze vraag is gesloten: er kan niet meer op worden gereageerd."))
    else:
        messages.success(request, _("Uw antwoord is geplaatst."))
    return redirect(thread)


@login_required
@require_POST
def answer_helpful(request, pk):
    answer = _answer(request, pk)
    if answer.thread.author_id != request.user.pk or answer.is_hidden:
        raise Http404
    helpful = request.POST.get("helpful") == "1"
    actions.answer_mark_helpful(actor=request.user, answer=answer, helpful=helpful)
    if helpful:
        messages.success(request, _("U hebt dit antwoord als nuttig gemarkeerd."))
    return redirect(answer.thread)


def _moderation(request, post, hide, show):
    """Hide with a reason, or show again."""
    if request.POST.get("show") == "1":
        show(actor=request.user, post=post)
        messages.success(request, _("De bijdrage is weer zichtbaar."))
        return True
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden op om te verbergen."))
        return False
    hide(actor=request.user, post=post, reason=form.cleaned_data["reason"])
    messages.success(request, _("De bijdrage is verborgen voor de deelnemers."))
    return True


@login_required
@require_POST
def thread_hide(request, pk):
    _host_only(request)
    thread = _thread(request, pk)
    _moderation(
        request,
        thread,
        hide=lambda actor, post, reason: actions.thread_hide(
            actor=actor, thread=post, reason=reason
        ),
        show=lambda actor, post: actions.thread_show(actor=actor, thread=post),
    )
    return redirect(thread)


@login_required
@require_POST
def answer_hide(request, pk):
    _host_only(request)
    answer = _answer(request, pk)
    _moderation(
        request,
        answer,
        hide=lambda actor, post, reason: actions.answer_hide(
            actor=actor, answer=post, reason=reason
        ),
        show=lambda actor, post: actions.answer_show(actor=actor, answer=post),
    )
    return redirect(answer.thread)


@login_required
@require_POST
def thread_lock(request, pk):
    _host_only(request)
    thread = _thread(request, pk)
    if request.POST.get("unlock") == "1":
        actions.thread_unlock(actor=request.user, thread=thread)
        messages.success(request, _("Er kan weer op deze vraag worden gereageerd."))
    else:
        actions.thread_lock(actor=request.user, thread=thread)
        messages.success(request, _("De vraag is gesloten: niemand kan er nog op reageren."))
    return redirect(thread)


@login_required
@require_POST
def thread_consent(request, pk):
    thread = _thread(request, pk)
    if thread.author_id != request.user.pk:
        raise Http404
    consent = request.POST.get("consent") == "1"
    try:
        actions.thread_practice_consent(actor=request.user, thread=thread, consent=consent)
    except actions.AlreadyPractice:
        messages.error(request, _("Van deze vraag is al een praktijkvoorbeeld gemaakt."))
    else:
        messages.success(
            request,
            _("BZK mag hiervan een praktijkvoorbeeld maken.")
            if consent
            else _("Uw toestemming is ingetrokken."),
        )
    return redirect(thread)


@login_required
def thread_practice(request, pk):
    _host_only(request)
    thread = _thread(request, pk)
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.thread_to_practice(
                actor=request.user, thread=thread, audience=form.cleaned_data["audience"]
            )
        except actions.NoConsent:
            messages.error(request, _("De schrijver heeft (nog) geen toestemming gegeven."))
        except actions.AlreadyPractice:
            messages.info(request, _("Van deze vraag is al een praktijkvoorbeeld gemaakt."))
        else:
            messages.success(
                request,
                _(
                    "Het concept-praktijkvoorbeeld staat in de kennisbank. Pas het aan en "
                    "publiceer het via de beoordeling."
                ),
            )
            return redirect(item)
        return redirect(thread)
    return render(
        request, "learning/threads/practice.html", {"thread": thread, "form": form}, status=200
    )
