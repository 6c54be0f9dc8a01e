"""Regions (GB/T 2260 administrative division codes, with their validity years) and offices."""
