"""Portal URLs: the service hall and guides, my applications, the inbox."""

from django.urls import path

from .views import address, applications, services

urlpatterns = [
    path("services/", services.catalogue, name="services"),
    path("services/<slug:code>/", services.service_guide, name="service-guide"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<str:ref>/", applications.application_detail, name="application"),
    path(
        "applications/<str:ref>/withdraw/",
        applications.application_withdraw_view,
        name="application-withdraw",
    ),
    path("inbox/", applications.inbox_view, name="inbox"),
    path("my-details/address/", address.address_change, name="address-change"),
]
