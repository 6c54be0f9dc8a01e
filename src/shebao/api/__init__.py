"""The JSON API (django-ninja); its OpenAPI schema is served at /api/openapi.json."""
