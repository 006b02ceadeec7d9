"""The member directory's domain: members and their changes (members.py), how they are
identified (identity.py), and how they are found by name (names.py)."""
