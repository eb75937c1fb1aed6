from django.conf import settings


def site(request):
    """Site-wide values for templates."""
    return {
        "SITE_NAME": "Steckbrief-Katalog interkommunaler Zusammenarbeit",
        "DEBUG": settings.DEBUG,
    }
