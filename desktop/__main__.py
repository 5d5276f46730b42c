"""Entry point: the GUI by default, subcommands for supervisors, trainers and CI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from desktop import APP_NAME, __version__, paths


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command line. ``commands=False`` leaves out the subcommands, whose modules the GUI never needs."""
    parser = argparse.ArgumentParser(
        prog="encounter-guide",
        description=f"{APP_NAME}: offline field reference on federal immigration enforcement requests.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="FILE", help="use this data pack instead of the active one")
    parser.add_argument("--temp-basedir", action="store_true",
                        help="keep settings and installed packs in a throw-away folder (demos, tests)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="load data, build the window offscreen, search, walk one path, print SMOKE OK")
    parser.add_argument("--scenario", metavar="ID", help="open the wizard at this scenario")
    parser.add_argument("--present", action="store_true", help="start in presentation mode (trainers)")
    parser.add_argument("--edit", nargs="?", const="", metavar="FILE", help="open the supervisor editor")
    if commands:
        from desktop import cli

        sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=cli.SubcommandParser)
        cli.add_subcommands(sub)
    else:
        parser.set_defaults(command=None)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line. Starting the app (no subcommand, no --help) imports none of the command
    modules (storage tools, signing, quizzes): they cost about a fifth of the start-up time."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(argv):
        args, extra = build_parser(commands=False).parse_known_args(argv)
        if not extra:
            return args
    return build_parser().parse_args(argv)  # a subcommand, --help, or a mistake worth the full message


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.temp_basedir and not os.environ.get(paths.BASEDIR_ENV):
        import tempfile

        os.environ[paths.BASEDIR_ENV] = tempfile.mkdtemp(prefix="encounter-guide-")
    if args.command:
        from desktop import cli

        return cli.run(args)
    if (args.present or args.edit is not None) and not args.smoke_test:
        from desktop.ui.app import import_qt

        import_qt()  # before the presentation's or the editor's modules, which import PySide6 at their top
        if args.present:
            from desktop.ui.presentation_window import present_main

            return present_main(args)
        from desktop.ui.editor import run_editor

        return run_editor(args.edit or None)
    from desktop.ui.app import run_gui

    return run_gui(args)


def entry() -> None:
    """Console-script entry: exits quietly when the output pipe is closed early (e.g. `| head`)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry()
