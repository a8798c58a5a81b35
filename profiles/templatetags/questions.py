"""The attributes of one written-out question (templates/profiles/_question.html):
what Django's widget templates and crispy-forms would put on the input, built here
in one call instead of a template per widget and per option."""

import json

from django import template
from django.forms import ModelChoiceField
from django.forms.utils import flatatt
from django.utils.html import format_html

from advisor.engine.number_input import NOTHING

register = template.Library()


@register.filter
def input_attrs(field) -> str:
    """The widget's own attributes (inputmode, maxlength, data-asked-with...), plus
    required and aria-invalid where they apply."""
    attrs = dict(field.field.widget.attrs)
    attrs["required"] = field.field.required
    if field.errors:
        attrs["aria-invalid"] = "true"
    return flatatt(attrs)


@register.filter
def described_by(field) -> str:
    """aria-describedby naming the help text and the error shown under the question."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return flatatt({"aria-describedby": " ".join(ids)}) if ids else ""


@register.filter
def shown_value(field):
    """The value the text box shows (None: empty), as the widget would format it."""
    return field.field.widget.format_value(field.value())


@register.filter
def options(field) -> list:
    """A select's (value, label) pairs. A ModelChoiceField's own iterator counts its rows,
    then reads them through a server-side cursor on PostgreSQL: two queries and four
    round trips a page where one query does."""
    choices = field.field
    if not isinstance(choices, ModelChoiceField):
        return choices.choices
    pairs = [
        (str(choices.prepare_value(row)), choices.label_from_instance(row))
        for row in choices.queryset
    ]
    return pairs if choices.empty_label is None else [("", choices.empty_label), *pairs]


@register.simple_tag
def reads_as_none() -> str:
    """The words a count reads as none, for static/js/answers.js: the parser's own list
    (advisor/engine/number_input.py), never a copy that could drift from it."""
    # A <meta> rather than a JSON <script>: the pages carry no inline script (CSP).
    return format_html('<meta name="reads-as-none" content="{}">', json.dumps(sorted(NOTHING)))
