from django.shortcuts import render

from laender.models import FORMS, table_rows


def laender_table(request):
    return render(
        request,
        "laender/recht_der_laender.html",
        {"rows": table_rows(), "forms": [heading for _name, heading in FORMS]},
    )
