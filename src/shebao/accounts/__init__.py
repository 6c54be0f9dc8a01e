"""Sign-in identities: citizens (by ID number) and staff (by staff name, always two factors)."""
