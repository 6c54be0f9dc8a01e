"""Insurance certificates (参保证明): issue, sign, verify, revoke."""
