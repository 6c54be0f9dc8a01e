"""Chinese first: pages are in Chinese unless the person chose another language.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
anyone whose phone happens to be set to English. For the web pages we use only the person's own
choice (the language cookie set by the switch on every page); the JSON API still honours
Accept-Language, as API clients expect.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
