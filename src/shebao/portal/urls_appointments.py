"""Portal URLs for appointments (filled in by its own module)."""

urlpatterns: list = []
