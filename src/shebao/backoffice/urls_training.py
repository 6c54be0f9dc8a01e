"""Back-office URLs for training."""

urlpatterns: list = []
