"""Command line: `workshop-app [FILE]` opens the app; subcommands work without a display."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop_app import APP_NAME, __version__
from workshop_app.commands import command_modules

_MODULE_COMMANDS = command_modules()
COMMANDS = ("demo", "import", "summary", "rubrics", "check-rubric", "export", *_MODULE_COMMANDS)


class CliError(Exception):
    """A user mistake: printed as one line on stderr, exit code 2."""


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop-app", description=f"{APP_NAME} command line")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="write the demo workshop to a file")
    p.add_argument("out", help="the .workshop file to write")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("import", help="make a workshop from a ratings CSV")
    p.add_argument("csv", help="CSV with columns participant,role,pillar,rating[,round,comment]")
    p.add_argument("out", help="the .workshop file to write")
    p.add_argument("--rubric", required=True, help="shipped rubric id or a rubric .toml file")
    p.add_argument("--title", default="", help="workshop title")
    p.add_argument("--client", default="", help="client name")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("summary", help="print each pillar's median stage, agreement and level (revealed rounds, anonymous)")
    p.add_argument("file")
    p.add_argument("--round", type=int, default=None, help="a revealed round (default: the latest revealed)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--named", action="store_true",
                   help="name outliers and camps and break medians down by every role (only if the room agreed)")
    p.add_argument("--by-group", action="store_true",
                   help="each role group's median per pillar and the largest gaps between groups")

    sub.add_parser("rubrics", help="list the shipped rubrics")

    p = sub.add_parser("check-rubric", help="validate a rubric file")
    p.add_argument("file")

    p = sub.add_parser("export", help="export the PDF handout of a workshop")
    p.add_argument("file")
    p.add_argument("out", help="the PDF to write")
    p.add_argument("--brand", default=None, help="brand profile .toml (default: the shipped one)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--anonymous", action="store_true",
                     help="the default: no rating tied to a name or to a role fewer than three people share")
    who.add_argument("--named", action="store_true",
                     help="print names next to ratings, outliers and quotes (only if the room agreed to be named)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    for name, module in _MODULE_COMMANDS.items():
        module.add_arguments(sub.add_parser(name, help=module.HELP))
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-app",
        description=f"{APP_NAME}: run an AI maturity workshop offline. "
        f"Commands (see 'workshop-app COMMAND --help'): {', '.join(COMMANDS)}.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("file", nargs="?", help="a .workshop file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo workshop")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            ns = _subcommand_parser().parse_args(args)
            code = _run(ns)
            sys.stdout.flush()  # a closed pipe shows here, inside the handler below, not at exit
            return code
        if args and not args[0].startswith("-"):
            _refuse_unknown_command(args[0])
        ns = _gui_parser().parse_args(args)
        return _open_app(ns.file, ns.demo)
    except BrokenPipeError:
        # The reader went away (`summary FILE | head -1`): stop quietly, as other tools do.
        # Python flushes stdout again at exit; point it at devnull so that flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except CliError as exc:
        print(f"workshop-app: error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:  # core errors carry their own clear message
        print(f"workshop-app: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _refuse_unknown_command(word: str) -> None:
    """A word that is neither a command nor an existing file is a typo, not a file the app should open."""
    if Path(word).exists() or Path(word).suffix or os.sep in word or "/" in word:
        return  # a file name: the app opens it (or says it is missing)
    close = difflib.get_close_matches(word, COMMANDS, n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise CliError(f"unknown command '{word}'{hint}; commands: {', '.join(COMMANDS)}; "
                   "or give a .workshop file to open it")


# Qt platforms that need no screen (tests, servers, remote sessions).
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}


def _display_missing() -> bool:
    """True on Linux when Qt would find no screen to open a window on (it would abort)."""
    if not sys.platform.startswith("linux"):
        return False
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    platforms = {p.split(":", 1)[0].strip() for p in wanted.split(";") if p.strip()}
    if platforms & _HEADLESS_PLATFORMS:
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_app(file: str | None, demo: bool) -> int:
    if _display_missing():
        raise CliError(f"no display to open the app on (DISPLAY and WAYLAND_DISPLAY are not set); "
                       f"the commands {', '.join(COMMANDS)} work without one")
    try:
        from workshop_app.gui.app import run_app
    except ImportError as exc:
        raise CliError(f"the desktop app needs PySide6 ({exc}); the commands {', '.join(COMMANDS)} work without it") from None
    return run_app(file, demo=demo)


def _run(ns: argparse.Namespace) -> int:
    if ns.command in _MODULE_COMMANDS:
        return int(_MODULE_COMMANDS[ns.command].run(ns))
    handler = {
        "demo": _cmd_demo,
        "import": _cmd_import,
        "summary": _cmd_summary,
        "rubrics": _cmd_rubrics,
        "check-rubric": _cmd_check_rubric,
        "export": _cmd_export,
    }[ns.command]
    return handler(ns)


def refuse_naming(workshop: Any, named: bool) -> None:
    """`summary --named` on a workshop whose room was promised names would never be shown: refused, saying why.

    (export and export-data are refused deeper, by export_pdf and build_export themselves.)"""
    from workshop_app.core.anonymity import naming_refusal

    if named and naming_refusal(workshop):
        raise CliError(f"--named refused. {naming_refusal(workshop)}")


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CliError(f"{path} already exists (use --force to overwrite it)")


def _check_out_file(path: Path, force: bool) -> None:
    """The file to write: not a folder, in a folder that exists, not overwritten unasked."""
    if path.is_dir():
        raise CliError(f"{path} is a folder; give a file name to write")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {path}: the folder {folder} does not exist")
    _refuse_overwrite(path, force)


def _cmd_demo(ns: argparse.Namespace) -> int:
    from workshop_app.core.demo import build_demo
    from workshop_app.core.storage import save_workshop

    out = Path(ns.out)
    _check_out_file(out, ns.force)
    save_workshop(build_demo(), out)
    print(f"wrote demo workshop to {out}")
    return 0


def _cmd_import(ns: argparse.Namespace) -> int:
    from workshop_app.core import operations as ops
    from workshop_app.core.csv_import import apply_ratings, read_ratings_csv
    from workshop_app.core.model import Workshop
    from workshop_app.core.rubric import find_rubric
    from workshop_app.core.storage import save_workshop

    out = Path(ns.out)
    _check_out_file(out, ns.force)
    rubric = find_rubric(ns.rubric)
    workshop = Workshop(rubric=rubric)
    ops.set_details(workshop, title=ns.title or Path(ns.csv).stem, client=ns.client)  # the grid's rules
    parsed = read_ratings_csv(ns.csv, rubric)
    count = apply_ratings(workshop, parsed)
    save_workshop(workshop, out)
    print(f"imported {count} ratings from {len(workshop.participants)} participants into {out}")
    return 0


def _cmd_rubrics(ns: argparse.Namespace) -> int:
    from workshop_app.core.rubric import shipped_rubrics

    rubrics = shipped_rubrics()
    width = max((len(r.id) for r in rubrics), default=2)
    print(f"{'ID':<{width}}  {'NAME':<40}  STAGES  PILLARS  SOURCE")
    for r in rubrics:
        print(f"{r.id:<{width}}  {r.name:<40}  {r.k:>6}  {len(r.pillars):>7}  {r.source}")
    return 0


def _cmd_check_rubric(ns: argparse.Namespace) -> int:
    from workshop_app.core.rubric import load_rubric

    rubric = load_rubric(ns.file)
    print(f"{ns.file}: OK: '{rubric.name}' ({rubric.id}), {rubric.k} stages, {len(rubric.pillars)} pillars, "
          f"overall rule {rubric.overall_rule}")
    for warning in rubric.warnings():
        print(f"  warning: {warning}")
    return 0


def _cmd_summary(ns: argparse.Namespace) -> int:
    from workshop_app.core.consensus import summarise
    from workshop_app.core.revealed import revealed_only
    from workshop_app.core.storage import load_workshop

    workshop = load_workshop(ns.file)
    if ns.round is not None and ns.round not in {r.number for r in workshop.rounds}:
        raise CliError(f"{ns.file} has no round {ns.round} (rounds: 1..{workshop.latest_round})")
    if ns.round is not None and not workshop.round(ns.round).revealed:
        raise CliError(f"round {ns.round} of {ns.file} has not been revealed: its ratings stay private until "
                       "the reveal (reveal it in the app first)")
    refuse_naming(workshop, ns.named)
    shown = revealed_only(workshop)
    if not shown.rounds:
        raise CliError(f"{ns.file}: no round has been revealed yet, so there is nothing to summarise")
    if ns.by_group:
        return _print_by_group(shown, ns)
    summary = summarise(shown, ns.round)
    data = summary_as_dict(shown, summary, named=ns.named)
    if ns.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_summary(data))
    return 0


def _print_by_group(workshop: Any, ns: argparse.Namespace) -> int:
    """`summary --by-group`: perspectives by role group (groups under three raters merged unless --named)."""
    from workshop_app.core.perspectives import gap_sentences, pillar_perspectives, workshop_groups

    views = pillar_perspectives(workshop, workshop_groups(workshop), ns.round, anonymous=not ns.named)
    rubric = workshop.rubric
    if ns.json:
        data = {
            "anonymous": not ns.named,
            "pillars": [{"id": v.pillar, "name": rubric.pillar(v.pillar).name, "round": v.round,
                         "groups": [{"group": g.group, "median": g.median, "n": g.n, "q1": g.q1, "q3": g.q3}
                                    for g in v.groups],
                         "not_shown": v.hidden, "gap": v.gap,
                         "gap_between": list(v.gap_between) if v.gap_between else None} for v in views],
            "largest_gaps": gap_sentences(workshop, views),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    lines = [f"{rubric.name}: medians by role group" + ("" if ns.named else " (groups of three or more)")]
    for v in views:
        shown = "; ".join(f"{g.group}: {rubric.stage_label(g.median)} (n={g.n})" for g in v.groups)
        why = "no breakdown: it would single people out" if not v.groups and v.hidden else "no ratings"
        lines.append(f"  {rubric.pillar(v.pillar).name}: {shown or why}")
    gaps = gap_sentences(workshop, views)
    lines += ["", *gaps] if gaps else ["", "No group differs from another by a whole stage."]
    print("\n".join(lines))
    return 0


def _cmd_export(ns: argparse.Namespace) -> int:
    from workshop_app.core.storage import load_workshop

    try:
        from workshop_app.report.pdf import export_pdf
    except ImportError as exc:
        raise CliError(f"PDF export is not available in this installation ({exc})") from None
    out = Path(ns.out)
    _refuse_overwrite(out, ns.force)
    workshop = load_workshop(ns.file)
    pages = export_pdf(workshop, out, brand=ns.brand, paper=ns.paper, anonymous=not ns.named)
    print(f"wrote {pages} pages to {out}")
    from workshop_app.report.pdf import handout_draft_reasons, handout_warnings

    reasons = handout_draft_reasons(workshop)
    if reasons:
        print(f"marked DRAFT on every page: {'; '.join(reasons)}")
    for line in handout_warnings(workshop, ns.brand):
        print(f"warning: {line}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- summary output


def summary_as_dict(workshop: Any, summary: Any, *, named: bool = False) -> dict[str, Any]:
    """The JSON shape of `summary --json`: stages 1-based; people as P1.. codes and roles only in groups
    of three or more (core/anonymity.py), unless `named`."""
    from workshop_app.core.anonymity import anonymous_labels, group_medians, role_groups

    rubric = workshop.rubric
    names = workshop.participant_names() if named else anonymous_labels(workshop.participants)
    groups = role_groups(workshop.participants)

    def who(ids: Sequence[str]) -> list[str]:
        return [names.get(i, i) for i in ids]

    def by_role(stats: Any) -> dict[str, dict[str, int]]:
        if named:
            return {role: {"median": m, "n": n} for role, (m, n) in stats.by_role.items()}
        stages = {r.participant: r.stage for r in workshop.ratings
                  if r.pillar == stats.pillar and r.round == stats.round}
        return {g: {"median": m, "n": n} for g, (m, n) in group_medians(stages, groups).items()}

    pillars = []
    for s in summary.pillars:
        decision = workshop.decisions.get(s.pillar)
        pillars.append(
            {
                "id": s.pillar,
                "name": rubric.pillar(s.pillar).name,
                "round": s.round,
                "n": s.n,
                "dont_know": s.dont_know,
                "counts": list(s.counts),
                "median": s.median,
                "median_stage": rubric.stage(s.median).name if s.median else None,
                "median_split": s.median_split,
                "mean": None if s.mean is None else round(s.mean, 3),
                "consensus": None if s.consensus is None else round(s.consensus, 3),
                "iqr": s.iqr,
                "range": None if s.low is None else [s.low, s.high],
                "outliers": who(s.outliers),
                "polarised": s.polarised,
                "camps": [who(c) for c in s.camps] if s.polarised else [],
                "level": s.level,
                "by_role": by_role(s),
                "movement": None
                if s.movement is None
                else {
                    "from_round": s.movement.from_round,
                    "median_delta": s.movement.median_delta,
                    "consensus_delta": round(s.movement.consensus_delta, 3),
                    "iqr_delta": s.movement.iqr_delta,
                    "verdict": s.movement.verdict,
                },
                "agreed": decision.agreed if decision else None,
                "target": decision.target if decision else None,
                "override": bool(decision and decision.override),
            }
        )
    o = summary.overall
    return {
        "anonymous": not named,
        "rubric": {"id": rubric.id, "name": rubric.name, "version": rubric.version,
                   "stages": [s.name for s in rubric.stages]},
        "round": summary.round,
        "pillars": pillars,
        "overall": {
            "stage": o.stage,
            "stage_name": rubric.stage(o.stage).name if o.stage else None,
            "rule": o.rule,
            "median_of_pillars": o.median_of_pillars,
            "from_decisions": list(o.from_decisions),
            "missing": list(o.missing),
        },
    }


def _who_differs(pillar: dict[str, Any]) -> str:
    """Outliers, or for a polarised pillar the two camps (everyone is 'far' from someone)."""
    if pillar["polarised"]:
        low, high = pillar["camps"]
        return f"camps: {', '.join(low)} | {', '.join(high)}"
    return ", ".join(pillar["outliers"]) or "-"


def format_summary(data: dict[str, Any]) -> str:
    from workshop_app.core.consensus import agreement_text

    stages = data["rubric"]["stages"]

    def label(n: int | None) -> str:
        return "-" if n is None else f"{n} {stages[n - 1]}"

    rows = [("Pillar", "Rnd", "n", "?", "Median", "Agreement", "IQR", "Range", "Level", "Agreed", "Outliers")]
    for p in data["pillars"]:
        rows.append((
            p["name"], str(p["round"]), str(p["n"]), str(p["dont_know"]),
            label(p["median"]) + ("*" if p["median_split"] else ""),
            "-" if p["consensus"] is None else agreement_text(p["consensus"]),
            "-" if p["iqr"] is None else f"{p['iqr']:.2f}",
            "-" if p["range"] is None else f"{p['range'][0]}-{p['range'][1]}",
            p["level"], label(p["agreed"]) + (" (override)" if p["override"] else ""),
            _who_differs(p),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"{data['rubric']['name']}: round {data['round']}"]
    for r in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)).rstrip())
    o = data["overall"]
    lines.append("")
    lines.append(f"Overall stage: {label(o['stage'])} (rule: {o['rule']}; median of pillars: "
                 f"{label(o['median_of_pillars'])})")
    if any(p["median_split"] for p in data["pillars"]):
        lines.append("* even split between two stages: the lower one is taken")
    return "\n".join(lines)
