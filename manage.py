#!/usr/bin/env python
"""Django's command-line utility; defaults to the development settings."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odi_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
