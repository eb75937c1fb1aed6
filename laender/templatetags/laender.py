from django import template

from laender.models import form_in_other_lands

register = template.Library()


@register.simple_tag
def other_lands_for(profile):
    """The other Länder's law for a basic form's Steckbrief; [] for every other profile."""
    return form_in_other_lands(profile.slug)
