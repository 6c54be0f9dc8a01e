"""Personal data at rest (R21): AES-GCM with key rotation, keyed blind indexes, masking."""
