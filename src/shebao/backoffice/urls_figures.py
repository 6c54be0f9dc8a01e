"""Back-office URLs for figures."""

urlpatterns: list = []
