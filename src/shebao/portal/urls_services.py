"""Portal URLs: the service catalogue and guides, my applications, the inbox."""

urlpatterns: list = []
