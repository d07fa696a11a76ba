"""Entry script of the frozen build: the same `main` as the `workshop-app` command."""

import sys

from workshop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
