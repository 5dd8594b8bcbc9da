"""schema.org JSON-LD in a page: the one safe way to write data into a `<script>` element.

The site's CSP allows no inline script, but `application/ld+json` is data, not script; what
matters is that nothing in the data can end the element or start markup inside it.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# Characters that could end a <script> element or start markup inside it, as JSON escapes.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """JSON for a <script type="application/ld+json"> element, safe against `</script>` in the data."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
