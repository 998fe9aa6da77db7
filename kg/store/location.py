"""Where the store lives: --store, else $KG_STORE, else ./data/store."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = Path("data") / "store"


def store_path(option: str | None) -> Path:
    return Path(option or os.environ.get("KG_STORE") or DEFAULT_STORE)
