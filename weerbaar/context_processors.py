from django.utils.functional import SimpleLazyObject

from weerbaar.navigation import links_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"menu_links": []}
    return {"menu_links": SimpleLazyObject(lambda: links_for(user))}
