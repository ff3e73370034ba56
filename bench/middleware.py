"""Counts the SQL queries and times each request; only mounted by weerbaar.settings_bench."""

import time

from django.db import connection


class QueryCountMiddleware:
    """Adds `Bench-Query-Count` and `Bench-Server-Ms` to every response.

    Counting uses an execute wrapper, not `connection.queries`, so DEBUG can stay off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            # A streamed body runs its queries later; none of the measured pages streams.
        elapsed = (time.perf_counter() - started) * 1000
        response["Bench-Query-Count"] = str(count)
        response["Bench-Server-Ms"] = f"{elapsed:.2f}"
        return response
