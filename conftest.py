"""The suite's fixtures are pytest plugins under tests/plugins/; plain functions the tests
import are in tests/helpers.py.

- `tests.plugins.services`: `postgres`, `redis_url`, `smtp_sink`, `smtp_settings`,
  `eager_tasks`, `celery_worker_process`, and dropping the run's task queue at the end.
- `tests.plugins.browser`: `chromium` and `page` (Playwright on the live server).
- `tests.plugins.isolation`: `media_root` (every test's own upload directory) and the reference
  data reloaded for transactional tests.
"""

pytest_plugins = [
    "tests.plugins.isolation",
    "tests.plugins.services",
    "tests.plugins.browser",
]
