"""``python -m detente``: the same as the ``detente`` command."""

import sys

from detente.cli import main

sys.exit(main())
