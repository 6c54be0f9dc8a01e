"""Portal URLs for payments (filled in by its own module)."""

urlpatterns: list = []
