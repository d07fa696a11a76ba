"""`workshop-app restore FILE`: list the kept earlier versions of a workshop, or bring one back.

The versions live in the hidden `.<name>.versions/` folder beside the file (see
core/versions.py). Restoring over the file keeps the current file as a version
first, so a restore can itself be undone with the same command.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

NAME = "restore"
HELP = "list the earlier versions kept of a workshop file, or restore one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The restore command's options (the command line calls this for `restore --help`)."""
    parser.add_argument("file", help="the .workshop file whose earlier versions to list or restore")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true",
                      help="list the kept versions, newest first, numbered (the default)")
    what.add_argument("--version", type=int, metavar="N", default=None,
                      help="restore version N of the list over FILE (the current file is kept as a version)")
    parser.add_argument("--out", metavar="NEW", default=None,
                        help="with --version: write the version to the new file NEW instead of over FILE")
    parser.add_argument("--force", action="store_true", help="with --out: overwrite an existing NEW")


def run(ns: argparse.Namespace) -> int:
    """List or restore; user mistakes raise CliError with one clear line."""
    from workshop_app.cli import CliError
    from workshop_app.core.versions import list_versions

    path = Path(ns.file)
    if ns.version is None and (ns.out is not None or ns.force):
        raise CliError("--out and --force go with --version N (see 'workshop-app restore FILE --list')")
    if ns.force and ns.out is None:
        raise CliError("--force goes with --out NEW; restoring over FILE always keeps the current file")
    if path.is_dir():
        raise CliError(f"{path}: is a folder, not a workshop file")
    versions = list_versions(path)
    if not versions:
        exists = "" if path.exists() else " (and the file itself does not exist)"
        message = (f"{path}: no earlier versions are kept for this file{exists}; versions are kept "
                   "when the app opens a file and as it saves")
        if ns.version is not None:
            raise CliError(message)
        print(message)  # a list that is empty: said plainly, not an error
        return 0
    if ns.version is None:
        _print_list(path, versions)
        return 0
    return _restore(path, versions, ns.version, ns.out, ns.force, CliError)


def _print_list(path: Path, versions: list[Any]) -> None:
    from workshop_app.core.versions import summarise_version

    print(f"Earlier versions of {path}, newest first:")
    width = len(str(len(versions)))
    for number, version in enumerate(versions, start=1):
        print(f"  {number:>{width}}  {version.label()}  {summarise_version(version).text()}")
    print(f"Restore one with: workshop-app restore {path} --version N  "
          "(add --out NEW.workshop to restore it into a new file instead)")


def _restore(path: Path, versions: list[Any], number: int, out: str | None, force: bool,
             error: type[Exception]) -> int:
    from workshop_app.core.storage import SUFFIX
    from workshop_app.core.versions import restore_version

    if not 1 <= number <= len(versions):
        count = "one kept version (1)" if len(versions) == 1 else f"{len(versions)} kept versions (1 to {len(versions)})"
        raise error(f"there is no version {number}; {path} has {count}; see 'workshop-app restore {path} --list'")
    version = versions[number - 1]
    if out is not None:
        target = Path(out)
        if target.is_dir():
            raise error(f"{target}: is a folder; give the name of the new .workshop file")
        if target.suffix != SUFFIX:
            raise error(f"{target}: the new file's name must end in {SUFFIX}")
        if target.exists() and path.exists() and os.path.samefile(target, path):
            raise error(f"{target} is the file itself; leave out --out to restore over it (which keeps it as a version)")
        if target.exists() and not force:
            raise error(f"{target} already exists; use --force to overwrite it")
        if not target.parent.is_dir():
            raise error(f"{target}: the folder {target.parent} does not exist")
        restore_version(path, version, out=target)
        print(f"Version {number} ({version.label()}) written to {target}")
        return 0
    restore_version(path, version)
    print(f"Version {number} ({version.label()}) restored over {path}; the file as it was is kept "
          f"as the newest version (see 'workshop-app restore {path} --list')")
    return 0
