"""The tamper-evident ledger (R24). Every business write records its event here, in its own
transaction (the outbox); the sequencer later gives events their leaf index in the office's log."""
