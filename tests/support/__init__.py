"""Helpers the tests import by name: request builders, clients, readers of answers and
refusals, seeding, waiting. Plain functions, constants and classes, one module per domain;
no fixtures (those live in the conftest.py of the folder that uses them, or in
tests/plugins/ when several folders do). Tests import from here, never from a conftest.py
or from another test module.

Their asserts are rewritten by pytest like the tests' own (tests/__init__.py registers
this package)."""
