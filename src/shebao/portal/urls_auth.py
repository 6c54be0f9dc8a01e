"""Further ways to sign in and prove who one is (SMS code, passkey, password reset, step-up).

No address carries personal data: the steps of a flow find their state (the id of a code row)
in the session.
"""

from django.urls import path

from .views import demo_outbox, my_details, passkeys, password_reset, session, sms, step_up

urlpatterns = [
    # Signing in by text message (public)
    path("sign-in/sms/", sms.sms_start, name="sign-in-sms"),
    path("sign-in/sms/code/", sms.sms_code, name="sign-in-sms-code"),
    path("sign-in/sms/choose/", sms.sms_choose, name="sign-in-sms-choose"),
    # Signing in with a passkey (public; JSON for passkey.js)
    path(
        "sign-in/passkey/options/", passkeys.passkey_sign_in_options, name="passkey-sign-in-options"
    ),
    path("sign-in/passkey/", passkeys.passkey_sign_in, name="passkey-sign-in"),
    # Forgotten password (public)
    path("password/forgotten/", password_reset.reset_start, name="password-reset"),
    path("password/forgotten/code/", password_reset.reset_code, name="password-reset-code"),
    path("password/forgotten/new/", password_reset.reset_new, name="password-reset-new"),
    # Managing passkeys (signed in, fresh second factor)
    path("passkeys/", passkeys.passkey_list, name="passkeys"),
    path("passkeys/options/", passkeys.passkey_register_options, name="passkey-register-options"),
    path("passkeys/add/", passkeys.passkey_register_finish, name="passkey-register"),
    path("passkeys/<int:pk>/remove/", passkeys.passkey_delete, name="passkey-remove"),
    # Confirming it is you (second factor)
    path("confirm/", step_up.step_up, name="step-up"),
    path(
        "confirm/passkey/options/", step_up.step_up_passkey_options, name="step-up-passkey-options"
    ),
    path("confirm/passkey/", step_up.step_up_passkey, name="step-up-passkey"),
    # My details and changing the mobile number (fresh second factor)
    path("my-details/", my_details.my_details, name="my-details"),
    path("my-details/phone/", my_details.phone_change, name="my-details-phone"),
    path("my-details/phone/code/", my_details.phone_change_code, name="my-details-phone-code"),
    # Idle sessions: "Stay signed in"
    path("session/keep-alive/", session.keep_alive, name="keep-alive"),
    # Demo only: the text messages the demo sent (404 unless SHEBAO_DEMO)
    path("demo/text-messages/", demo_outbox.demo_outbox, name="demo-outbox"),
]
