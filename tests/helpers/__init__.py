"""Code the tests run in child processes."""
