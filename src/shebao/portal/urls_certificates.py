"""The insurance certificate (参保证明) and its public verification page."""

urlpatterns: list = []
