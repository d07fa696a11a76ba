"""Entry point for ``python -m workshop_app``."""

import sys

from workshop_app.cli import main

sys.exit(main())
