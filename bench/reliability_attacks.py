"""Attacks tried and held (issue 12): runs tests/reliability and tallies each case by the defect it attacks.

    python bench/reliability_attacks.py [--json] [--fast] [-k EXPR]

Runs `pytest tests/reliability` (slow tests included unless --fast) in a child process and reads its JUnit XML.
Each test case is classified by tests/reliability/attack_catalogue.py: an *attack* (a hostile file, a full or
read-only disk, a kill at a crash point, a link, a tampered workspace…) or a *control* (genuine input through the
same path, which must keep working). A case **held** when its test passed: the refusal was the clear one line (exit 2),
nothing was half-written, nothing outside the workspace was touched, the tampering was noticed. Cases skipped (the
full-disk tests need root for their tmpfs) are reported apart, neither tried nor held.

Every run of the real `hpdesk` command in a subprocess is counted too (tests/reliability/reliability_cli.py writes
one line per run to the file named by HPDESK_ATTACK_LOG), so the table says which attacks went through the CLI and
how many CLI processes the suite ran; the few in-process cases (a file swapped between two calls, the byte flips
of a package, openpyxl on a full disk) show 0. Output: a Markdown table per issue item and the totals (or --json).
The exit code is pytest's. No figure here is a timing; the run takes about 20 minutes on 2 shared cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "tests" / "reliability"
sys.path.insert(0, str(SUITE))

from attack_catalogue import ATTACKS, CONTROLS, ITEMS  # noqa: E402  (the suite's own table, beside its tests)


@dataclass(frozen=True)
class Case:
    """One collected test case: its id, role (attack | control), the items it bears on and how it ended."""

    test_id: str
    function: str
    role: str
    items: tuple[int, ...]
    outcome: str  # passed | failed | skipped
    cli_runs: int


def run_suite(junit: Path, cli_log: Path, fast: bool, keyword: str | None) -> int:
    """Run the reliability suite in a child pytest; returns its exit code."""
    command = [sys.executable, "-m", "pytest", str(SUITE.relative_to(REPO)), "-q", "-p", "no:cacheprovider",
               f"--junitxml={junit}", "-m", "not slow" if fast else "slow or not slow"]
    if keyword:
        command += ["-k", keyword]
    env = dict(os.environ, HPDESK_ATTACK_LOG=str(cli_log), PYTHONPATH=str(REPO))
    return subprocess.run(command, cwd=REPO, env=env, stdout=sys.stderr).returncode


def read_cases(junit: Path, cli_log: Path) -> list[Case]:
    """The cases of the JUnit report, classified by the catalogue, with the CLI runs each made."""
    runs = Counter(line.strip() for line in cli_log.read_text(encoding="utf-8").splitlines()) \
        if cli_log.exists() else Counter()
    cases: list[Case] = []
    for element in ElementTree.parse(junit).getroot().iter("testcase"):
        module = element.get("classname", "").rsplit(".", 1)[-1]
        name = element.get("name", "")
        function = name.split("[", 1)[0]
        if function in ATTACKS:
            role, items = "attack", ATTACKS[function]
        elif function in CONTROLS:
            role, items = "control", CONTROLS[function]
        else:
            continue  # the catalogue's own tests
        if element.find("skipped") is not None:
            outcome = "skipped"
        elif element.find("failure") is not None or element.find("error") is not None:
            outcome = "failed"
        else:
            outcome = "passed"
        test_id = f"tests/reliability/{module}.py::{name}"
        cases.append(Case(test_id, function, role, items, outcome, runs.get(test_id, 0)))
    return cases


def tally(cases: list[Case]) -> dict[str, object]:
    """Per item and in total: attacks tried (run, not skipped), held, skipped, via the CLI; controls run and passed."""
    per_item: dict[int, dict[str, int]] = {}
    for item in ITEMS:
        mine = [case for case in cases if item in case.items]
        attacks = [case for case in mine if case.role == "attack" and case.outcome != "skipped"]
        controls = [case for case in mine if case.role == "control" and case.outcome != "skipped"]
        per_item[item] = {
            "tried": len(attacks),
            "held": sum(case.outcome == "passed" for case in attacks),
            "skipped": sum(case.role == "attack" and case.outcome == "skipped" for case in mine),
            "through_cli": sum(case.cli_runs > 0 for case in attacks),
            "controls": len(controls),
            "controls_passed": sum(case.outcome == "passed" for case in controls),
        }
    attacks = [case for case in cases if case.role == "attack" and case.outcome != "skipped"]
    controls = [case for case in cases if case.role == "control" and case.outcome != "skipped"]
    return {
        "items": per_item,
        "attacks_tried": len(attacks),
        "attacks_held": sum(case.outcome == "passed" for case in attacks),
        "attacks_skipped": sum(case.role == "attack" and case.outcome == "skipped" for case in cases),
        "attacks_through_cli": sum(case.cli_runs > 0 for case in attacks),
        "controls_run": len(controls),
        "controls_passed": sum(case.outcome == "passed" for case in controls),
        "cli_runs": sum(case.cli_runs for case in cases),
        "not_held": [case.test_id for case in attacks if case.outcome != "passed"],
        "controls_failed": [case.test_id for case in controls if case.outcome != "passed"],
    }


def markdown(result: dict[str, object]) -> str:
    lines = ["| # | 缺陷 / defect | 尝试 / tried | 守住 / held | 经 CLI / via CLI | 对照 / controls |",
             "|---|---|---|---|---|---|"]
    for item, counts in result["items"].items():  # type: ignore[union-attr]
        skipped = f" (+{counts['skipped']} skipped)" if counts["skipped"] else ""
        controls = f"{counts['controls_passed']}/{counts['controls']}" if counts["controls"] else "–"
        lines.append(f"| {item} | {ITEMS[item]} | {counts['tried']}{skipped} | {counts['held']} | "
                     f"{counts['through_cli']} | {controls} |")
    lines.append(f"\nattacks tried {result['attacks_tried']}, held {result['attacks_held']}"
                 f" (skipped {result['attacks_skipped']}); {result['attacks_through_cli']} through the real CLI in "
                 f"subprocesses ({result['cli_runs']} CLI processes in all); controls {result['controls_passed']}/"
                 f"{result['controls_run']} passed.")
    for key in ("not_held", "controls_failed"):
        for test_id in result[key]:  # type: ignore[union-attr]
            lines.append(f"- {key.replace('_', ' ')}: {test_id}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--fast", action="store_true", help="only the tests not marked slow")
    parser.add_argument("-k", dest="keyword", help="pytest -k expression (a subset)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hpdesk-attacks-") as scratch:
        junit, cli_log = Path(scratch) / "junit.xml", Path(scratch) / "cli-runs.txt"
        code = run_suite(junit, cli_log, args.fast, args.keyword)
        if not junit.exists():
            print("pytest wrote no report", file=sys.stderr)
            return code or 1
        cases = read_cases(junit, cli_log)
    result = tally(cases)
    result["cases"] = [asdict(case) for case in cases]
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(markdown(result))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
