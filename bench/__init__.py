"""Scale data and timings for the directory: ``python -m bench.generate`` then ``python -m bench.run``."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Configure Django from the usual settings (DATABASE_URL or the SQLite file in CONSORTIA_DATA_DIR)."""
    import django

    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.settings")
    django.setup()
