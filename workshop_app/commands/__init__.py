"""Subcommands that live in their own module, so the command line stays one small file.

Each module defines NAME (the word typed), HELP (one line), `add_arguments(parser)`
and `run(namespace) -> int`; it keeps heavy imports inside `run`, because the
command line imports every command module to know its words.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: Module names under workshop_app.commands, in the order `--help` lists them.
MODULES = ("restore", "serve", "export_data", "compare")


def command_modules() -> dict[str, ModuleType]:
    """The command word -> its module, for every module of MODULES that is installed."""
    found: dict[str, ModuleType] = {}
    for name in MODULES:
        qualified = f"{__name__}.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name == qualified:
                continue
            raise
        found[module.NAME] = module
    return found
