"""Messages to insured persons (SMS outbox and pluggable senders)."""
