"""Further ways to sign in and prove who one is (SMS code, passkey, password reset, step-up)."""

urlpatterns: list = []
