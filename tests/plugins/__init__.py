"""Fixtures that tests in more than one folder use, as pytest plugins: the root
tests/conftest.py lists them in `pytest_plugins`, so every test may ask for them by name
and none imports them. A fixture one folder uses stays in that folder's conftest.py (which
may override one of these, as tests/flows/ points the members service at a real ledger)."""
