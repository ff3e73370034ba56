import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")

from weerbaar.request_guards import refuse_unreadable_charsets  # noqa: E402 - after the settings

# A charset Django cannot read fails while Django builds the request, before any middleware.
application = refuse_unreadable_charsets(get_wsgi_application())
