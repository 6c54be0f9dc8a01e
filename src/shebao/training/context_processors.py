"""`training` in every template's context: true while the page is rendered in training mode
(the back office's base template then shows the banner and marks the title)."""

from __future__ import annotations

from . import is_active


def training(request) -> dict[str, bool]:
    return {"training": is_active()}
