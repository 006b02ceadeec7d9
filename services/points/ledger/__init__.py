"""The points ledger: accounts, lots and entries, and the rules that move points."""
