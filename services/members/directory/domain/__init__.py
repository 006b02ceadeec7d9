"""The member directory's domain: members and their changes (members.py), and how they
are identified (identity.py)."""
