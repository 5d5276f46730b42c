"""The supervisor/trainer/CI command line, on top of domain and storage. JSON to stdout, messages to stderr."""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.domain import wizard
from desktop.domain.model import Outcome, Pack, Question, format_day
from desktop.domain.rescission import rescinded_citations, rescission_warning
from desktop.domain.search import SearchIndex
from desktop.domain.validation import Problem, char_escape, escaped_char
from desktop.domain.wizard import outcome_text
from desktop.storage.pack_file import LoadedPack, PackError, load_pack, os_error_words, read_bytes

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # stopped by Ctrl+C, as a shell reports it (128 + SIGINT)


#: What a terminal acts on rather than shows: control characters (ESC starts a colour or moves the cursor, a carriage
#: return writes over the line) and the bidi controls that reorder what follows them, so that a file named
#: "evil\u202egnp.json" reads "evilnosj.png". Line feeds and tabs are the output's own.
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


#: A run of backslashes that would read as (part of) such an escape: before "u" and four hex digits, or before a
#: character written as its escape (line feeds and tabs too, on one line)
_LIKE_AN_ESCAPE = re.compile(r"(\\+)(?=u[0-9a-fA-F]{4})|(\\*)([\t\n" + _UNSHOWN.pattern[1:] + ")")


def _escaped(match: re.Match[str], keep: str) -> str:
    if match.group(1) is not None:
        return match.group(1) * 2
    slashes, char = match.group(2), match.group(3)
    return slashes + char if char in keep else slashes * 2 + char_escape(char)


def terminal_text(text: str, one_line: bool = False) -> str:
    """``text`` with each character a terminal would act on instead of showing (see _UNSHOWN) written as its escape,
    \\u202e, and each backslash that would read as part of one doubled (a file really named ``evil\\u202egnp.json``,
    with those six characters, prints ``evil\\\\u202egnp.json``): a file name printed cannot disguise itself or the line
    it is in, and a name that looks like an escape is told from one. Other backslashes (a Windows path's) stay single;
    é, ñ, Łódź or Arabic letters stay as they are. Read back: an odd run of backslashes before uXXXX ends in an escape,
    an even one is half as many backslashes. With ``one_line``, line feeds and tabs are escaped too."""
    keep = "" if one_line else "\n\t"
    return _LIKE_AN_ESCAPE.sub(lambda m: _escaped(m, keep), text)


def _err(message: str, one_line: bool = False) -> None:
    print(terminal_text(message, one_line), file=sys.stderr)


def say(text: str, one_line: bool = False) -> None:
    """``text`` on stdout, as a terminal shows it (see terminal_text)."""
    print(terminal_text(text, one_line))


def err_problem(problem: Problem) -> None:
    """One problem on stderr, one line whatever its file's name holds (escaped once, by terminal_text)."""
    _err(problem.text(), one_line=True)


def _emit_json(data: Any) -> None:
    """``data`` as JSON on stdout: its characters as they are where stdout writes UTF-8, else as \\u escapes, so JSON
    piped on Windows (the ANSI code page) or under a C locale reads back whole (see _never_fail_on_a_character)."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    # the same characters in a string are the same JSON escaped: a name read on a terminal cannot disguise itself
    # (JSON escapes its backslashes itself: its own \\u escapes must stay single, to read back)
    sys.stdout.write(_UNSHOWN.sub(escaped_char, json.dumps(data, ensure_ascii=not utf8, indent=2)))
    sys.stdout.write("\n")


def refusal(reason: str, message: str, problems: Iterable[Problem] = (), **more: Any) -> dict[str, Any]:
    """What every command prints on stdout with --json when it does not do what was asked (refused, not confirmed,
    a file it cannot read or write): one shape for all. ``reason``: a fixed word for scripts; ``message``: what
    stderr says, as written (a file's name as it is: Problem.text(), never str(problem), which escapes it), so
    json.loads gives back the line stderr shows less terminal_text's escapes;
    ``problems``: every problem found, as `check` lists them; ``more``: what this command adds (the file, the plan
    not confirmed, which signature check failed). See README, "Command line"."""
    problems = list(problems)
    return {"ok": False, "reason": reason, "message": message,
            "problems": [p.as_dict() for p in problems], **more}


def emit_refusal(args: argparse.Namespace, reason: str, message: str, problems: Iterable[Problem] = (),
                 **more: Any) -> None:
    """With --json, print the refusal (see :func:`refusal`) on stdout; without it, nothing (stderr says it)."""
    if getattr(args, "json", False):
        _emit_json(refusal(reason, message, problems, **more))


def refuse_unreadable(args: argparse.Namespace, exc: PackError, **more: Any) -> int:
    """A pack that cannot be read: each problem on stderr; with --json, the refusal "unreadable" (``more``: the
    pack the command is about as "file", and what else the command adds). Exit EXIT_UNREADABLE."""
    for problem in exc.problems:
        err_problem(problem)
    file = more.get("file")
    message = (exc.problems[0].text() if exc.problems
               else f"{Path(file).name} cannot be read" if file else "the data pack cannot be read")
    emit_refusal(args, "unreadable", message, exc.problems, **more)
    return EXIT_UNREADABLE


def _active() -> LoadedPack:
    """The active pack (installed update, signature checked, or bundled); notices go to stderr."""
    from desktop.storage.library import PackLibrary

    active = PackLibrary().load_active()
    for notice in active.notices:
        _err(notice, one_line=True)  # a file's name in it as written: escaped once, here
    return active.loaded


def _load(args: argparse.Namespace) -> LoadedPack:
    if getattr(args, "data", None):
        return load_pack(Path(args.data))
    return _active()


def cmd_check(args: argparse.Namespace) -> int:
    """Check FILE, else --data, else the active pack (installed update or bundled): the same one every
    other command uses (a bad installed pack is set aside and named on stderr). The active pack's bytes,
    already read to choose it, are checked in full again; they are not read a second time."""
    named = args.file or getattr(args, "data", None)
    active = None if named else _active()
    path = Path(named) if named else active.path
    name = path.name  # printed on one line: a line feed in it wrote a line of its own under it
    if args.stamp:
        from desktop.storage.pack_file import NotClean, write_stamp

        try:
            target = write_stamp(path)
        except NotClean as exc:
            for problem in exc.problems:
                err_problem(problem)
            message = f"{name}: not stamped (it must validate clean, without warnings)"
            _err(message, one_line=True)
            emit_refusal(args, "not_stamped", message, exc.problems, file=str(path))
            return EXIT_PROBLEMS
        except PackError as exc:  # missing, a folder, not JSON: exit 2 as `check` without --stamp (it was 1)
            return refuse_unreadable(args, exc, file=str(path), readable=False)
        if args.json:  # done: "ok" and the pack, as every command that is done prints them
            _emit_json({"ok": True, "file": str(path), "readable": True, "stamp": str(target)})
        _err(f"{name}: clean; wrote {target.name}", one_line=True)
        return EXIT_OK
    from desktop.storage.signing import validate_as_pack  # a key or a signature given as the pack: said for what it is

    try:
        raw = read_bytes(path) if active is None else active.raw
        report = validate_as_pack(raw, path.name, today=dt.date.today())
    except PackError as exc:
        return refuse_unreadable(args, exc, file=str(path), readable=False)
    failing = report.errors + (report.warnings if args.strict else [])
    summary = f"{name}: {len(report.errors)} problem(s), {len(report.warnings)} warning(s)"
    if args.json and failing:  # the refusal's shape, with every problem and warning found
        _emit_json(refusal("problems", summary, report.problems, file=str(path), readable=True))
    elif args.json:
        _emit_json({"file": str(path), "readable": True, "ok": True,
                    "problems": [p.as_dict() for p in report.problems]})
    for problem in report.problems:
        err_problem(problem)
    if failing:
        _err(summary, one_line=True)
        return EXIT_PROBLEMS
    pack = report.pack
    assert pack is not None
    _err(
        f"{name}: OK — {len(pack.provisions)} provisions, {len(pack.scenarios)} scenarios, "
        f"data version {pack.meta.data_version}, as of {format_day(pack.meta.as_of)}"
        + (f", {len(report.warnings)} warning(s)" if report.warnings else ""),
        one_line=True,
    )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    loaded = _load(args)
    index = SearchIndex(loaded.pack)
    wanted = {"limit": args.limit, "jurisdictions": args.jurisdiction or None, "kinds": args.kind or None}
    if args.json:  # what the query itself finds
        _emit_json([h.as_dict() for h in index.search(args.query, **wanted)])
        return EXIT_OK
    hits, corrected = index.search_or_corrected(args.query, **wanted)
    if corrected is not None:  # a word that matches nothing, clearly a misspelling of one known word
        _err(f"No results for \"{args.query.strip()}\". Showing results for \"{corrected}\".")
    if not hits:
        suggestions = index.suggest(args.query)
        _err("No results." + (f" Try: {', '.join(suggestions)}" if suggestions else ""))
        return EXIT_OK
    for h in hits:
        print(f"{h.score:7.2f}  {h.kind:<9} {h.id:<24} {h.title}")
        print(f"{'':18}{h.snippet}")
    return EXIT_OK


def cmd_scenarios(args: argparse.Namespace) -> int:
    pack = _load(args).pack
    rows = [{"id": s.scenario_id, "title": s.title, "category": s.category, "subflow": s.subflow}
            for s in pack.scenarios]
    if args.json:
        _emit_json(rows)
    else:
        # columns as wide as their longest entry: a fixed 34 let a longer category push its title out of line
        id_width = max((len(r["id"]) for r in rows), default=0)
        category_width = max((len(r["category"]) for r in rows), default=0)
        for r in rows:
            print(f"{r['id']:<{id_width}}  {r['category']:<{category_width}}  {r['title']}")
    return EXIT_OK


def _cites_json(pack: Pack, outcome: Outcome) -> list[dict[str, str]]:
    return [{"provision_id": c.provision_id, "pinpoint": c.pinpoint, "citation": pack.citation_text(c)}
            for c in outcome.cites]


def outcome_json(pack: Pack, outcome: Outcome) -> dict[str, Any]:
    return {
        "node_id": outcome.node_id,
        "verdict": outcome.verdict,
        "verdict_label": outcome.verdict_label,
        "headline": outcome.headline,
        "do": list(outcome.do),
        "do_not": list(outcome.do_not),
        "say": list(outcome.say),
        "document": list(outcome.document),
        "notify": list(outcome.notify),
        "rationale": outcome.rationale,
        "cites": _cites_json(pack, outcome),
    }


def _answer_key(node: Question | Outcome, text: str) -> str:
    """The key an answer stands for: its key, or its number as `walk` lists it (1, 2, …). A number is read
    as a key whenever this question has an answer with that key, and is not read as a number at all when
    any of its keys is a number, so the two never mix."""
    # ASCII digits only: "²".isdigit() is True, and int("²") raised a traceback
    if not isinstance(node, Question) or node.choice(text) is not None or not (text.isascii() and text.isdigit()):
        return text
    if any(c.key.isdigit() for c in node.choices):
        return text
    choice = node.numbered(int(text))
    return choice.key if choice is not None else text


def _replay(pack: Pack, scenario_id: str, answers: list[str]) -> wizard.WizardState:
    state = wizard.start(pack, scenario_id)
    for text in answers:
        state = wizard.answer(pack, state, _answer_key(wizard.current_node(pack, state), text))
    return state


def cmd_walk(args: argparse.Namespace) -> int:
    pack = _load(args).pack
    try:
        state = _replay(pack, pack.scenario_id_as_typed(args.scenario_id), args.answer or [])
    except wizard.WizardError as exc:
        _err(str(exc))
        emit_refusal(args, "cannot_walk", str(exc))
        return EXIT_PROBLEMS
    node = wizard.current_node(pack, state)
    if isinstance(node, Outcome):
        if args.json:
            rescinded = rescinded_citations(pack, node, dt.date.today())  # told as in the text and on the card
            _emit_json({"type": "outcome", "path": state.as_dict(), **outcome_json(pack, node),
                        "caution": rescission_warning(rescinded, mark=False),
                        "rescinded": [{"citation": r.citation, "provision_id": r.provision.provision_id,
                                       "when": r.when} for r in rescinded]})
        else:
            print(outcome_text(pack, node, dt.date.today()))  # rescinded law is told, as on the card
        return EXIT_OK
    choices = [{"key": c.key, "label": c.label} for c in node.choices]
    if args.json:
        _emit_json({"type": "question", "path": state.as_dict(), "scenario_id": state.at_scenario,
                    "node_id": node.node_id, "prompt": node.prompt, "help": node.help, "topic": node.topic,
                    "choices": choices})
    else:
        print(node.prompt)
        if node.help:
            print(f"  How to tell: {node.help}")
        for i, c in enumerate(choices, 1):
            print(f"  {i}. [{c['key']}] {c['label']}")
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    pack = _load(args).pack
    try:
        all_paths = wizard.enumerate_paths(pack, pack.scenario_id_as_typed(args.scenario_id))
    except wizard.WizardError as exc:
        _err(str(exc))
        emit_refusal(args, "cannot_walk", str(exc))
        return EXIT_PROBLEMS
    if args.json:
        _emit_json([{"answers": list(p.keys), "outcome": p.outcome.node_id, "outcome_scenario": p.outcome_scenario,
                     "verdict": p.outcome.verdict, "cites": _cites_json(pack, p.outcome)} for p in all_paths])
        return EXIT_OK
    for p in all_paths:
        cites = "; ".join(pack.citation_text(c) for c in p.outcome.cites)
        print(f"{' > '.join(p.keys):<40} {p.outcome.verdict_label:<16} {cites}")
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from desktop.domain.coverage import coverage

    pack = _load(args).pack
    rows = coverage(pack)
    if args.json:
        _emit_json([r.as_dict() for r in rows])
        return EXIT_OK
    for r in rows:
        status = "reference only" if not r.operative else (f"{len(r.cited_by)} outcome(s)" if r.cited_by else "NOT CITED")
        print(f"{r.provision_id:<24} {status:<16} {', '.join(r.cited_by[:6])}{' …' if len(r.cited_by) > 6 else ''}")
    uncited = [r for r in rows if r.operative and not r.cited_by]
    if uncited:
        _err(f"{len(uncited)} operative provision(s) are cited by no outcome")
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Print an officer's problem report, then whether the screen it names is in the pack given (or in use)."""
    from desktop.domain.problem_report import ReportError, compared_with, readable_text
    from desktop.storage.user_files import read_report_file

    try:
        report = read_report_file(args.file)
    except ReportError as exc:
        _err(str(exc), one_line=True)  # it names the file
        return EXIT_UNREADABLE
    loaded = _load(args)
    print(readable_text(report))
    print()
    print(compared_with(report, loaded.pack, loaded.sha256))
    return EXIT_OK


Command = Callable[[argparse.Namespace], int]
#: Extra subcommands registered by other modules: name -> (configure parser, run).
EXTRA_COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], str]] = {}


def positive_int(text: str) -> int:
    """argparse type for counts: a whole number of 1 or more (a zero or negative --limit is a mistake to
    report, not a request for nothing or everything)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


class SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser: an option it does not know is its mistake, told with its own usage. Left to the
    top-level parser (argparse's way), `revert --yes` printed the whole program's usage, which does not say
    what `revert` takes."""

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def add_subcommands(sub: Any) -> None:
    p = sub.add_parser("check", help="validate a data pack (exit 0 clean, 1 problems, 2 unreadable)")
    p.add_argument("file", nargs="?", help="pack file (default: the active pack)")
    p.add_argument("--json", action="store_true", help="print the problems as JSON on stdout")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--stamp", action="store_true",
                   help="when clean, write FILE.valid so the app can skip re-checking these exact bytes at start-up")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("search", help="search provisions and scenarios",
                       description="Search provisions, scenarios and glossary terms, best first, with each result's "
                                   "score. A citation (805/15, 2-173, or a number such as 805 that the pack uses "
                                   "mostly in citations) lists the provisions it cites first, in citation order, "
                                   "whatever their score; the rest follow by score. A citation with other words "
                                   "(805/15 detainer) lists first the provisions it cites that the words find, best "
                                   "first by the words, then its other provisions in citation order, then the rest "
                                   "by score. A query that finds nothing but clearly misspells a word the pack holds "
                                   "(warent) lists that word's results, and says so on stderr (--json lists what the "
                                   "query itself finds).")
    p.add_argument("query")
    p.add_argument("--limit", type=positive_int, default=10, help="most results to list (default 10)")
    p.add_argument("--jurisdiction", action="append", choices=["federal", "state", "county", "city", "department"])
    p.add_argument("--kind", action="append", choices=["provision", "scenario", "term"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("scenarios", help="list scenarios")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("walk", help="walk a scenario: the current question, or the outcome")
    p.add_argument("scenario_id")
    p.add_argument("--answer", action="append", metavar="KEY",
                   help="an answer: its key, or its number as listed (repeat in order)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_walk)

    p = sub.add_parser("paths", help="every path of a scenario with its verdict and citations")
    p.add_argument("scenario_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_paths)

    p = sub.add_parser("coverage", help="which outcomes cite each provision")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("report", help="read an officer's problem report: is its screen still in the pack?",
                       description="Print a problem report an officer saved (Help → Report a problem with this "
                                   "screen), then its data version against the pack given with --data (else the one "
                                   "in use) and whether the question, answer, provision or glossary term it is about "
                                   "is still in it. Exit 0, or 2 when the file is not a readable report.")
    p.add_argument("file", help="the report file the officer saved")
    # SUPPRESS: --data before the command (as for every command) is not reset by this one's default
    p.add_argument("--data", metavar="PACK", default=argparse.SUPPRESS, help="compare with this pack")
    p.set_defaults(func=cmd_report)

    import desktop.supervisor_cli  # noqa: F401  (registers diff, keygen, sign, verify, publish, install, …)
    import desktop.training_cli  # noqa: F401  (registers quiz, handout)

    for name, (configure, help_text) in EXTRA_COMMANDS.items():
        configure(sub.add_parser(name, help=help_text))


def _never_fail_on_a_character() -> None:
    """Output piped or redirected on Windows is written in the ANSI code page, and a C locale's is ASCII: a "…", "✔"
    or "→" from the data stopped a command with UnicodeEncodeError and a traceback, mid-output. Such a character is
    written as its escape instead (\\u2026); JSON escapes its own (see _emit_json)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream already closed or detached: nothing will be written to it
                pass


def run(args: argparse.Namespace) -> int:
    _never_fail_on_a_character()
    try:
        return int(args.func(args))
    except PackError as exc:
        from desktop.storage.signing import SignatureError

        if not isinstance(exc, SignatureError):
            return refuse_unreadable(args, exc)
        for problem in exc.problems:
            err_problem(problem)
        message = exc.problems[0].text() if exc.problems else "the data pack cannot be read"
        emit_refusal(args, "signature", message, exc.problems, signature_reason=exc.reason)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:  # Ctrl+C: a word, not a traceback (writes are all or nothing: see storage)
        _err("Stopped (Ctrl+C).", one_line=True)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a path the system will not look at (no permission, a name too long): never a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"Cannot go on: {where}{os_error_words(exc)}."
        _err(message, one_line=True)
        emit_refusal(args, "file_error", message)
        return EXIT_UNREADABLE


__all__ = ["SubcommandParser", "add_subcommands", "emit_refusal", "refusal", "run", "outcome_text", "outcome_json",
           "paths"]
