from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "shebao.security"
    label = "security"
    verbose_name = "Security monitoring"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import hooks

        # Every sign-in path (password, SMS code, passkey, staff TOTP) ends in `login()`, and
        # every wrong password in `authenticate()`: one hook each covers them all.
        user_login_failed.connect(hooks.sign_in_failed, dispatch_uid="security.sign_in_failed")
        user_logged_in.connect(hooks.signed_in, dispatch_uid="security.signed_in")
