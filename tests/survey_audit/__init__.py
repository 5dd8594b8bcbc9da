"""The exact disclosure audit of survey results (issue 16): read everything a results page publishes,
then bound every withheld figure with integer programming.

- `publication.py`: the JSON download as the structure, every other output checked against it;
- `pages.py`: the HTML views and SVG charts, read as a visitor (or a scraper) sees them;
- `attack.py`: the attacker's integer program and the bounds it leaves;
- `solver.py`: a thin layer over SciPy's HiGHS `milp`;
- `fixtures.py`: administrations built to break the protection.
"""

import csv
import io
import json

from .attack import audit
from .pages import PageReader
from .publication import check_csv, from_json

__all__ = ["audit", "collect"]


def collect(client, page):
    """Everything `page` publishes, read back from the site's responses (a Publication)."""
    response = client.get(page.url + "download/json/")
    assert response.status_code == 200, response.status_code
    publication = from_json(json.loads(response.content))
    response = client.get(page.url + "download/csv/")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    header = lines.index([]) + 1
    check_csv(publication, [dict(zip(lines[header], line, strict=True)) for line in lines[header + 1 :]])
    publication.problems += PageReader(client, page, publication).read_all()
    return publication
