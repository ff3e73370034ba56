from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts.views import EmailView, language_choose
from incidents import contact
from weerbaar import pages, views

# The admin logs in through allauth: its rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Weerbaar Bestuur – beheer"
admin.site.site_title = "Weerbaar Bestuur"

urlpatterns = [
    path("", pages.home, name="home"),
    path("toegankelijkheid/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path(
        "contact/",
        pages.contact,
        {"support_phone": contact.support_phone, "bzk_phone": contact.bzk_phone},
        name="contact",
    ),
    path("healthz", views.healthz, name="healthz"),
    # The language switcher, which also remembers the choice on the account (for its e-mail).
    path("i18n/setlang/", language_choose, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("snel-weg/", include("accounts.quick_exit")),
    path("sessie/verlengen/", include("accounts.keepalive")),
    # allauth's e-mail page with one address per person (accounts.views.EmailView).
    path("account/email/", EmailView.as_view(), name="account_email"),
    path("account/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("meldingen/", include("incidents.urls")),
    path("inzet/", include("incidents.deployments.urls")),
    path("subsidies/", include("subsidies.urls")),
    path("netwerk/", include("network.urls")),
    path("veilige-woning/", include("homescan.urls")),
    path("trainingen/", include("training.urls")),
    path("leernetwerk/", include("learning.urls")),
    path("monitor/", include("monitor.urls")),
    path("inzage/", include("audit.urls")),
    path("beheer/", admin.site.urls),
]
