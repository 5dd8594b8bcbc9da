"""What a request costs: SQL queries on the site's own tables, and round trips to the cache.

With the database cache (the default) cache reads are SQL too; they are counted apart, because
they are what a Redis round trip costs in a scaled-out deployment, and because the budgets
(tests/test_query_budget.py) are about the content a page reads.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext


def cache_tables():
    return {config["LOCATION"] for config in settings.CACHES.values() if config["BACKEND"].endswith(".DatabaseCache")}


@dataclass
class Cost:
    queries: list = field(default_factory=list)  # SQL on content tables
    cache: list = field(default_factory=list)  # database-cache statements

    @classmethod
    def of(cls, captured):
        tables = cache_tables()
        cost = cls()
        for query in captured:
            sql = query["sql"]
            if any(f'"{table}"' in sql for table in tables) or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
                cost.cache.append(sql)
            else:
                cost.queries.append(sql)
        return cost


def cost_of(client, path, warm=True):
    """The cost of GET `path`, after one warm-up request unless `warm` is False."""
    if warm:
        client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return Cost.of(captured.captured_queries)
