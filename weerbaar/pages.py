"""Site-wide pages: the start page and the accessibility statement."""

from django.shortcuts import render

from weerbaar.navigation import counts_for, links_for


def home(request):
    return render(
        request,
        "home.html",
        {"work_links": links_for(request.user), "counts": counts_for(request.user)},
    )


def accessibility(request):
    return render(request, "accessibility.html")
