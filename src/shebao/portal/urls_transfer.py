"""Portal URLs for transfer (filled in by its own module)."""

urlpatterns: list = []
