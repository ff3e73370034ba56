"""`make test` runs every test the project has: each folder that holds tests is on pytest's
`testpaths` (notifications' tests once ran only by hand because it was missing there)."""

import tomllib

from tests.helpers import BASE_DIR


def test_every_folder_with_tests_is_on_the_testpaths():
    config = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {
        path.parent.parent.name
        for path in BASE_DIR.glob("*/tests/test_*.py")
        if ".venv" not in path.parts
    } | {"tests"}
    assert with_tests - testpaths == set()
