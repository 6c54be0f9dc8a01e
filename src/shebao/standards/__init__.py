"""The data dictionary (R19): one definition of every field, one place that validates it."""
