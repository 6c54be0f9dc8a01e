"""Back-office URLs for review."""

urlpatterns: list = []
