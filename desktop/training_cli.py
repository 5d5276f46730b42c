"""Trainer commands: quiz (pure domain, no Qt) and handout (PDF, needs Qt: imported only when run).

Registered into desktop.cli.EXTRA_COMMANDS on import. Output to stdout (quiz) or the file named with
-o (handout); messages to stderr. Exit 0 done, 1 bad scenario or nothing to print, 2 unreadable pack."""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

from desktop import cli
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE
from desktop.domain import quiz as quizzes
from desktop.domain.outline import handout_file_name, with_pdf_suffix
from desktop.log import setup_logging

_err = cli._err


def cmd_quiz(args: argparse.Namespace) -> int:
    pack = cli._load(args).pack
    seed = args.seed if args.seed is not None else random.SystemRandom().randint(1, 99_999)
    scenarios = [pack.scenario_id_as_typed(given) for given in args.quiz_scenarios or ()]
    try:
        quiz = quizzes.generate(pack, scenarios or None, seed=seed, count=None if args.every else args.count)
    except quizzes.QuizError as exc:
        _err(f"Cannot make a quiz: {exc}.")
        cli.emit_refusal(args, "cannot_make_quiz", f"Cannot make a quiz: {exc}.")
        return EXIT_PROBLEMS
    if args.json:
        cli._emit_json(quiz.as_dict())
    else:
        print(quizzes.quiz_text(quiz))
    _err(f"{quizzes.questions(len(quiz.items))}, quiz number (seed) {quiz.seed}: run again with --seed {quiz.seed} "
         f"for the same quiz.")
    return EXIT_OK


def _configure_quiz(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", dest="quiz_scenarios", action="append", metavar="ID",
                   help="ask only about this scenario (repeat for more); default: every scenario")
    p.add_argument("--seed", type=int, metavar="N",
                   help=f"quiz number, 0 to {quizzes.MAX_SEED:,}: the same number gives the same quiz")
    p.add_argument("--count", type=int, default=quizzes.DEFAULT_COUNT, metavar="N", help="number of questions")
    p.add_argument("--every", action="store_true", help="ask about every path once (ignores --count)")
    p.add_argument("--json", action="store_true", help="the quiz and its answers as JSON")
    p.set_defaults(func=cmd_quiz)


def cmd_handout(args: argparse.Namespace) -> int:
    if bool(args.scenario_id) == bool(args.all):
        _err("Name one scenario, or use --all for the quick-reference booklet.")
        return EXIT_UNREADABLE
    pack = cli._load(args).pack
    scenario_id = pack.scenario_id_as_typed(args.scenario_id) if args.scenario_id else None
    if scenario_id and pack.scenario(scenario_id) is None:
        # an id no scenario has is refused before any PDF is begun, with where to find them
        _err(f"Cannot make the handout: there is no scenario {scenario_id!r} in this data pack. "
             "`encounter-guide scenarios` lists them.")
        return EXIT_PROBLEMS
    output = Path(args.output)
    # "-o ~/Desktop" wrote ~/Desktop.pdf beside the folder: it goes in it, named as the app names it; so does
    # "-o ~/Handouts/", which names a folder even before it exists (then refused below, not ~/Handouts.pdf)
    if output.is_dir() or args.output.endswith(tuple(filter(None, (os.sep, os.altsep)))):
        output = output / handout_file_name(scenario_id)
    else:
        output = with_pdf_suffix(output)
    if not output.parent.is_dir():  # a typo in the path made the folders it named, silently
        _err(f"Cannot make the handout: there is no folder {output.parent}. Make it first, or check the path.")
        return EXIT_UNREADABLE
    from desktop.ui import handout  # Qt only when a PDF is actually made

    handout.ensure_gui_application()
    setup_logging()  # a problem with what a PDF can do without (its outline) goes to the error log, not here
    try:
        if args.all:
            pages = handout.write_booklet_pdf(pack, output)
            what = "quick-reference booklet"
        else:
            pages = handout.write_scenario_pdf(pack, scenario_id, output)
            what = f"handout for {scenario_id}"
    except handout.HandoutError as exc:
        _err(f"Cannot make the handout: {exc}.")
        return EXIT_PROBLEMS
    _err(f"Wrote the {what} to {output} ({pages} page{'s' if pages != 1 else ''}).")
    return EXIT_OK


def _configure_handout(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario_id", nargs="?", metavar="SCENARIO_ID",
                   help="the scenario: every path and outcome, with citations")
    p.add_argument("--all", action="store_true",
                   help="the quick-reference booklet instead: contents, then a page per scenario (two for a long one)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                   help="where to write the PDF (a folder: into it, as SCENARIO_ID-handout.pdf or "
                        "quick-reference-booklet.pdf)")
    p.set_defaults(func=cmd_handout)


cli.EXTRA_COMMANDS.update({
    "quiz": (_configure_quiz, "print a quiz generated from the scenarios (answer key at the end)"),
    "handout": (_configure_handout, "a scenario handout or the quick-reference booklet as PDF"),
})
