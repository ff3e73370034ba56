"""The test suite's fixtures, as pytest plugins registered by the root conftest.py."""
