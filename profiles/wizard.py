"""The applicant's multi-step form: one URL per step, answers kept in the session.

With htmx the step swaps in place and the server tells the browser which URL to
show; without JavaScript every step is an ordinary page and POST-redirect-GET.

The profile is made by the POST of the last step, once per draft: the draft
carries a key, the profile stores it uniquely, so a double click or a retry
finds the profile the first one made instead of making another.
"""

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect
from formtools.wizard.views import NamedUrlSessionWizardView, WizardView

from advisor.accounts.client_address import client_address
from advisor.accounts.throttle import new_profile_allowed
from advisor.engine.applicant import ProfileError
from profiles import device_memory
from profiles.answer_summary import answer_sections
from profiles.forms import REMEMBER_FIELD, STEPS, BoundedAnswersForm
from profiles.plan_fields import add_engine_errors, engine_error_fields
from profiles.selectors import profile_token_for
from profiles.services import profile_create

SUBMISSION_FIELD = "submission_key"
CHECK_STEP = "check"
# A form submitted again this soon after it made its advice is a double click: it is
# taken to that advice.
DOUBLE_CLICK_SECONDS = 30
# Posted by a step opened from a Change link on the check page: once its answers
# are valid, the form goes back there instead of on to the next step.
RETURN_FIELD = "return_to"


class CheckAnswersForm(BoundedAnswersForm):
    """The last page: every answer read back, and the button that makes the advice."""

    title = "Check your answers"


WIZARD_STEPS = (*STEPS, (CHECK_STEP, CheckAnswersForm))


class TooManyProfiles(Exception):
    """This network made its hour's share of profiles (see new_profile_allowed)."""


class ProfileWizard(NamedUrlSessionWizardView):
    form_list = WIZARD_STEPS
    template_name = "profiles/wizard.html"
    storage_name = "profiles.wizard_storage.QuietSessionStorage"

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.history_restore_request and not htmx.boosted:
            return [f"{self.template_name}#step"]
        return [self.template_name]

    def get(self, *args, **kwargs):
        step = kwargs.get("step")
        if step is None and "reset" in self.request.GET and self._has_answers():
            # Erasing typed answers is asked first; the POST below does it.
            return render(self.request, "profiles/start_over.html", {"resume": self._resume_url()})
        if step is None and "reset" in self.request.GET:
            return self._start_over()
        if step not in (None, self.steps.first) and not self._has_answers():
            # A later step (or the "done" address) with nothing answered: Back or a
            # reload after finishing, told about the advice the form made.
            finished = device_memory.finished(self.request.session)
            if finished is not None:
                return self._already_made(finished.token)
        if step == CHECK_STEP and not self._has_answers():
            return redirect(self.get_step_url(self.steps.first))  # nothing to check yet
        if step == self.done_step_name:
            # Only the last step's POST makes a profile, never a page load.
            return redirect(self.get_step_url(self.steps.current))
        return super().get(*args, **kwargs)

    def _has_answers(self) -> bool:
        return bool(self.storage.data[self.storage.step_data_key])

    def _resume_url(self) -> str:
        return self.get_step_url(self.storage.current_step or self.steps.first)

    def _start_over(self):
        # Lands on a clean URL, so a reload does not start over again.
        self.storage.reset()
        device_memory.forget_finished(self.request.session)
        url = self.get_step_url(self.steps.first)
        return HttpResponseClientRedirect(url) if self.request.htmx else redirect(url)

    def post(self, *args, **kwargs):
        if kwargs.get("step") is None and "reset" in self.request.GET:
            return self._start_over()  # confirmed on the start-over page
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step is not None and posted_step not in self.get_form_list():
            # formtools would look the unknown step up and crash; it is tampering.
            raise SuspiciousOperation("Unknown wizard step")
        repeated = self._advice_already_made(posted_step)
        if repeated:
            return repeated
        # "Back" must not throw away what was typed on this step, valid or not:
        # keep the answers so the step shows them again on the way forward.
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.get_form_list() and posted_step is not None:
            # The posted page's step, not the session's: another tab may have moved on.
            self.storage.current_step = posted_step
            form = self.get_form(data=self.request.POST)
            if form.oversized_answers():
                return self.render(form)  # kept only once small: say which answer is not
            typed = self.process_step(form)
            if self._has_answers() or any(value for _, value in typed.items()):
                # A Back with nothing typed, on a form with nothing kept, keeps nothing:
                # it must not open a session.
                self.storage.set_step_data(self.steps.current, typed)
        return super().post(*args, **kwargs)

    def _advice_already_made(self, posted_step: str | None):
        """A form already turned into advice, submitted again (a double click that
        arrived after the first had finished, or Back and submit), leads to that
        advice instead of making another or starting over."""
        key = self.request.POST.get(SUBMISSION_FIELD) or None
        if key is not None and key == self.storage.submission_key:
            return None  # this draft, still in progress
        if key is None and (self._has_answers() or posted_step == self.steps.first):
            return None  # a draft under way, or a new one starting
        finished = device_memory.finished(self.request.session, key)
        if finished is None:
            # The session's key changed when the form finished: a second click that
            # still carries the old one finds the advice by its form's key, briefly.
            token = profile_token_for(key, made_within=DOUBLE_CLICK_SECONDS)
            return self._to_result(token) if token else None
        if finished.seconds_ago < DOUBLE_CLICK_SECONDS:
            # A double click: its first click already showed the advice.
            return self._to_result(finished.token)
        return self._already_made(finished.token)

    def _already_made(self, token: str):
        """The form was already turned into advice: say so, link to it, and offer a
        new form (never a silent empty step 1, never a second profile)."""
        context = {"result_url": reverse("profiles:result", args=[token])}
        template = "profiles/already_made.html"
        if self.request.htmx:
            template += "#page"
        response = render(self.request, template, context)
        if self.request.htmx:
            response["HX-Retarget"] = "#wizard"
            response["HX-Reswap"] = "outerHTML"
        return response

    def process_step(self, form):
        """Only the step's own answers are kept, one value each (the one the form
        reads), never whatever else was posted."""
        own = {form.add_prefix(name) for name in form.fields}
        return MultiValueDict({key: form.data.getlist(key)[-1:] for key in own if key in form.data})

    def process_step_files(self, form):
        return {}

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["submission_key"] = self.storage.submission_key or ""
        context["question_count"] = len(STEPS)
        context["changing"] = self._changing()
        if self.steps.current == CHECK_STEP:
            sections = answer_sections(
                {step: self.get_cleaned_data_for_step(step) for step, _ in STEPS},
                with_device=True,
            )
            context["sections"] = [
                (section, f"{self.get_step_url(section.step)}?change=1") for section in sections
            ]
        context["progress"] = [
            {
                "name": name,
                "title": form_class.title,
                "number": number,
                "current": name == self.steps.current,
                "url": self.get_step_url(name) if self.storage.get_step_data(name) else None,
            }
            for number, (name, form_class) in enumerate(self.get_form_list().items(), start=1)
        ]
        return context

    def _changing(self) -> bool:
        """Whether this step was opened from the check page to change an answer."""
        if self.steps.current == CHECK_STEP:
            return False
        if self.request.method == "POST":
            return self.request.POST.get(RETURN_FIELD) == CHECK_STEP
        return self.request.GET.get("change") == "1"

    def render_next_step(self, form, **kwargs):
        if self._changing():
            self.storage.current_step = CHECK_STEP
            url = self.get_step_url(CHECK_STEP)
            return redirect(url)
        return super().render_next_step(form, **kwargs)

    def render_done(self, form, **kwargs):
        # Made here, in the POST (not after a redirect to a "done" URL as formtools
        # does), so nothing but a submission can make a profile. formtools forgets
        # the answers once done() returns; an answer the engine refuses raises out
        # of done() instead, so every answer is still there.
        try:
            return WizardView.render_done(self, form, **kwargs)
        except ProfileError as error:
            return self.render_engine_errors(error)
        except TooManyProfiles:
            made = profile_token_for(self.storage.submission_key)
            if made is not None:  # a twin submission made it meanwhile
                return self._to_result(made)
            form = self.get_form(
                step=self.steps.last, data=self.storage.get_step_data(self.steps.last)
            )
            form.is_valid()
            form.add_error(
                None,
                "Too many new profiles were made from your network in the last hour, so this "
                "one was not saved yet. Your answers are kept: try \u201cSee my advice\u201d "
                "again later.",
            )
            response = self.render(form)
            response.status_code = 429
            return response

    def done(self, form_list, **kwargs):
        answers = {}
        for form in form_list:
            answers.update(form.cleaned_data)
        remember = answers.pop(REMEMBER_FIELD, False)
        key = self.storage.submission_key
        if profile_token_for(key) is None and not new_profile_allowed(
            address=client_address(self.request)
        ):
            raise TooManyProfiles
        profile = profile_create(answers=answers, submission_key=key)
        device_memory.finish_form(
            self.request.session, key=key or "", token=profile.token, remember=remember
        )
        # The session now leads to the private link: a new key, so an id noted before
        # (or during) the form does not.
        self.request.session.cycle_key()
        messages.success(
            self.request,
            "Your advice is saved. This device lists it on the home page for 14 days; to come "
            "back from anywhere, bookmark this page or keep its link."
            if remember
            else "Your advice is saved. Bookmark this page: its link is the only way back to it.",
        )
        return self._to_result(profile.token)

    def _to_result(self, token: str):
        url = reverse("profiles:result", args=[token])
        return HttpResponseClientRedirect(url) if self.request.htmx else redirect(url)

    def render_engine_errors(self, error: ProfileError):
        """Show on its step an answer the engine refused though the step's form took it
        (a Match whose applications closed after the step was shown)."""
        fields = engine_error_fields(error)
        steps = list(self.get_form_list())
        # The first step asking about a refused answer; the check page for any other.
        step = next(
            (s for s in steps if fields & set(self.get_form_list()[s].base_fields)), steps[-1]
        )
        form = self.get_form(step=step, data=self.storage.get_step_data(step))
        form.is_valid()
        add_engine_errors([form], error)
        self.storage.current_step = step
        response = self.render(form)
        if self.request.htmx:
            response["HX-Push-Url"] = self.get_step_url(step)
        return response

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        # formtools redirects to the failed step, whose page load would show it
        # without its errors (see render): show it here, errors and all.
        self.storage.current_step = failed_step
        response = self.render(form)
        if self.request.htmx:
            response["HX-Push-Url"] = self.get_step_url(failed_step)
        return response

    def render(self, form=None, **kwargs):
        if self.request.method in ("GET", "HEAD") and form is not None and form.is_bound:
            # A step shown again (after Back, Next or a reload) keeps what was typed
            # there but judges it only once it is sent: errors on a page nobody has
            # submitted yet read as blame for something not done.
            form._errors = ErrorDict()
        response = super().render(form, **kwargs)
        if self.request.htmx and self.request.method == "GET":
            # The step arrived through a redirect the browser followed silently;
            # show its own URL so reload and Back behave like ordinary pages.
            response["HX-Push-Url"] = self.get_step_url(self.steps.current)
        return response


wizard_view = never_cache(
    ProfileWizard.as_view(url_name="profiles:wizard_step", done_step_name="done")
)
