"""Parameter data files (TOML) of the rules engine; loaded by shebao_rules.params via importlib.resources."""
