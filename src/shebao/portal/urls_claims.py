"""Portal URLs for claims (filled in by its own module)."""

urlpatterns: list = []
