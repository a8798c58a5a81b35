"""The applicant's multi-step form: one URL per step, answers kept in the session.

With htmx the step swaps in place and the server tells the browser which URL to
show; without JavaScript every step is an ordinary page and POST-redirect-GET.
"""

import json

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect
from formtools.wizard.views import NamedUrlSessionWizardView

from advisor.applicant import ProfileError
from profiles.forms import STEPS
from profiles.page_cache import render_shared_page
from profiles.plan_fields import add_engine_errors
from profiles.services import profile_create

MY_PROFILES_KEY = "my_profiles"


class ProfileWizard(NamedUrlSessionWizardView):
    form_list = STEPS
    template_name = "profiles/wizard.html"
    storage_name = "profiles.wizard_storage.QuietSessionStorage"

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.history_restore_request and not htmx.boosted:
            return [f"{self.template_name}#step"]
        return [self.template_name]

    def get(self, *args, **kwargs):
        if kwargs.get("step") is None and "reset" in self.request.GET:
            # Start over, and land on a clean URL so a reload does not reset again.
            self.storage.reset()
            self.storage.current_step = self.steps.first
            return redirect(self.get_step_url(self.steps.first))
        if kwargs.get("step") in self.get_form_list():
            # As formtools does for a known step, except that the form is built
            # only when the page is not already cached (see render).
            self.storage.current_step = kwargs["step"]
            return self.render(None, **kwargs)
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step is not None and posted_step not in self.get_form_list():
            # formtools would look the unknown step up and crash; it is tampering.
            raise SuspiciousOperation("Unknown wizard step")
        # "Back" must not throw away what was typed on this step, valid or not:
        # keep the raw answers so the step shows them again on the way forward.
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.get_form_list() and self.steps.current in self.get_form_list():
            form = self.get_form(data=self.request.POST)
            self.storage.set_step_data(self.steps.current, self.process_step(form))
        return super().post(*args, **kwargs)

    def render(self, form=None, **kwargs):
        if self.request.method == "GET":
            # Showing a step is a pure function of the wizard's stored answers:
            # reuse the page for the same answers. The specialty and Match lists
            # inside may lag an admin's edit by the timeout; validation always reads
            # the database.
            def context() -> dict:
                shown = form or self.get_form(
                    data=self.storage.current_step_data, files=self.storage.current_step_files
                )
                return self.get_context_data(form=shown, **kwargs)

            response = render_shared_page(
                self.request,
                self.get_template_names()[0],
                context,
                key=json.dumps(self.storage.data, sort_keys=True, default=str),
                timeout=300,
            )
        else:
            response = super().render(form, **kwargs)
        if self.request.htmx and self.request.method == "GET":
            # The step arrived through a redirect the browser followed silently;
            # show its own URL so reload and Back behave like ordinary pages.
            response["HX-Push-Url"] = self.get_step_url(self.steps.current)
        return response

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
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

    def done(self, form_list, **kwargs):
        answers = {}
        for form in form_list:
            answers.update(form.cleaned_data)
        profile = profile_create(answers=answers)
        remembered = self.request.session.get(MY_PROFILES_KEY, [])
        self.request.session[MY_PROFILES_KEY] = [profile.token, *remembered][:5]
        messages.success(
            self.request,
            "Your advice is saved. Bookmark this page: its link is the only way back to it.",
        )
        url = reverse("profiles:result", args=[profile.token])
        if self.request.htmx:
            return HttpResponseClientRedirect(url)
        return redirect(url)

    def render_done(self, form, **kwargs):
        # formtools forgets the answers once done() returns; an answer the engine
        # refuses raises out of done() instead, so every answer is still there.
        try:
            return super().render_done(form, **kwargs)
        except ProfileError as error:
            return self.render_engine_errors(error)

    def render_engine_errors(self, error: ProfileError):
        """Show on its step an answer the engine refused though the step's form took it
        (a Match whose applications closed after the step was shown)."""
        for step in self.get_form_list():
            form = self.get_form(
                step=step,
                data=self.storage.get_step_data(step),
                files=self.storage.get_step_files(step),
            )
            if not any(name in form.fields for name in error.errors):
                continue
            form.is_valid()
            if not add_engine_errors([form], error):
                raise error
            self.storage.current_step = step
            # Rendered afresh, never from the page cache: the error is not in the answers.
            response = super().render(form)
            if self.request.htmx:
                response["HX-Push-Url"] = self.get_step_url(step)
            return response
        raise error


wizard_view = never_cache(
    ProfileWizard.as_view(url_name="profiles:wizard_step", done_step_name="done")
)
