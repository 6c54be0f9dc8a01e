from django.urls import include, path

from shebao.api.urls import api
from shebao.ops import views as ops_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("staff/", include("shebao.backoffice.urls")),
    path("ledger/", include("shebao.ops.ledger_urls")),
    path("", include("shebao.portal.urls")),
]

handler400 = "shebao.ops.views.bad_request"
handler403 = "shebao.ops.views.forbidden"
handler404 = "shebao.ops.views.not_found"
handler500 = "shebao.ops.views.server_error"
