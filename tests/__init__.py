import pytest

# The helpers' asserts read like the tests' own when they fail (registered before any test
# module imports them).
pytest.register_assert_rewrite("tests.support")
