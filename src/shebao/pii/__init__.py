"""Personal data at rest (R21): AES-GCM encryption with key rotation, keyed blind indexes, masking."""
