"""Back-office URLs for staff figures, escalated cases and the holiday table."""

from django.urls import path

from .views import escalated, figures, holidays

urlpatterns = [
    path("figures/", figures.figures_page, name="figures"),
    path("figures/export.csv", figures.figures_csv, name="figures-csv"),
    path("figures/export.xlsx", figures.figures_xlsx, name="figures-xlsx"),
    path("escalated/", escalated.escalated_page, name="escalated"),
    path("holidays/", holidays.holidays_page, name="holidays"),
]
