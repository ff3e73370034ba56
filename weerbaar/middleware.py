from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PrivateCacheMiddleware:
    """Pages shown to a signed-in person are never stored by a browser or proxy cache.

    Also sets the Permissions-Policy header, which Django has no setting for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
            patch_vary_headers(response, ["Cookie"])
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
