"""Supervisor commands: diff, keygen, sign, verify, publish, install, revert, inbox, history, receipt,
readability.

Registered into desktop.cli.EXTRA_COMMANDS on import. JSON (with --json) to stdout, a refusal in the one shape
every command uses (cli.refusal), messages to stderr;
exit 0 done, 1 refused or problems found, 2 a file could not be read or written (or, for publish, a
wrong --as-of or an output file that already exists)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import cli
from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE
from desktop.domain.diff import diff_packs
from desktop.domain.model import Pack, format_day, iso_day, overdue_since
from desktop.domain.validation import Problem
from desktop.storage.pack_file import PackError

if TYPE_CHECKING:
    from desktop.storage.library import InstallPlan, InstallRefused, RevertPlan

say = cli.say
terminal_text = cli.terminal_text
_emit_json = cli._emit_json
_emit_refusal = cli.emit_refusal


def say_lines(lines: Sequence[str]) -> None:
    """``lines`` on stdout, each on its own line whatever it holds: a file's name in them (the update's, the one an
    install came from) with a line feed wrote a line of its choosing under it ("new<LF>Installed OK.json: …")."""
    for line in lines:
        say(line, one_line=True)


def _err(message: str, one_line: bool = True) -> None:
    """``message`` on stderr, on one line: every message here is one sentence, and a file named with a line feed in
    it ("x.json<LF>y.json: signature OK, signed by …") printed a line of its own choosing under it (see
    cli.terminal_text)."""
    cli._err(message, one_line)


def _library():  # imported late: the plain `check`/`search` commands do not need it
    from desktop.storage.library import PackLibrary

    return PackLibrary()


def _print_problems(exc: PackError) -> None:
    for problem in exc.problems:
        cli.err_problem(problem)


def _unreadable(args: argparse.Namespace, exc: PackError, file: Path | str) -> int:
    """A pack that cannot be read (cli.refuse_unreadable), with ``file``, the pack the command is about, as its every
    other refusal names it. Left to cli.run, `sign`, `verify` and `publish` of a missing pack printed JSON with no
    "file"."""
    return cli.refuse_unreadable(args, exc, file=str(file))


# --- diff ------------------------------------------------------------------------------------------------


def _readable_pack(path: Path) -> tuple[Pack, list[Problem]]:
    """A pack file whose structure can be read, with the problems the validator finds in it: a draft with
    problems can still be compared. Raises PackError (exit 2) for a file that cannot be read as a pack."""
    from desktop.storage.pack_file import read_bytes
    from desktop.storage.signing import validate_as_pack

    raw = read_bytes(path)
    report = validate_as_pack(raw, path.name)  # a key or a signature: said, not its missing tables
    if report.pack is None:
        raise PackError(report.errors or [Problem(path.name, "", "", "", "could not be read as a data pack")])
    return report.pack, report.errors


DIFF_PROBLEMS_SHOWN = 5


def _not_compared(args: argparse.Namespace, old_path: Path, new_path: Path,
                  unreadable: Sequence[tuple[Path, PackError]]) -> int:
    """Refuse a diff when a pack (or both) cannot be read as one: each problem on stderr, naming the file, the record
    and what is wrong, as `check` lists them; then what could not be compared, and what to do. Exit 2."""
    problems = [problem for _, exc in unreadable for problem in exc.problems]
    for problem in problems:
        cli.err_problem(problem)
    names = " and ".join(path.name for path, _ in unreadable)
    count, them = len(problems), "them" if len(problems) != 1 else "it"
    # a pack's records named (not a missing file, nor one that is not JSON): `check` gives them too
    in_records = [path for path, exc in unreadable if any(p.table for p in exc.problems)]
    message = (f"Not compared: {names} cannot be read as {'a data pack' if len(unreadable) == 1 else 'data packs'}"
               + (f" ({count} problem{'s' if count != 1 else ''} above)" if count else "")
               + f", so no change between {old_path.name} and {new_path.name} is listed."
               + (f" Fix {them}, then compare again (`check {in_records[0]}` lists {them} too)." if in_records == [
                    path for path, _ in unreadable] else f" Fix {them}, then compare again." if in_records else ""))
    _err(message)
    first = unreadable[0][0]
    _emit_refusal(args, "unreadable", message, problems, file=str(first),
                  not_compared=[str(path) for path, _ in unreadable])
    return EXIT_UNREADABLE


def cmd_diff(args: argparse.Namespace) -> int:
    old_path, new_path = Path(args.old), Path(args.new)
    read: list[tuple[Pack, list[Problem]]] = []
    unreadable: list[tuple[Path, PackError]] = []
    for path in (old_path, new_path):  # both looked at: a draft and a published pack both wrong are said at once
        try:
            read.append(_readable_pack(path))
        except PackError as exc:
            unreadable.append((path, exc))
    if unreadable:
        return _not_compared(args, old_path, new_path, unreadable)
    (old, old_problems), (new, new_problems) = read
    diff = diff_packs(old, new)
    if args.json:
        _emit_json({**diff.as_dict(), "problems": {"old": [p.as_dict() for p in old_problems],
                                                   "new": [p.as_dict() for p in new_problems]}})
    else:
        from desktop.storage.history import amended_lines

        say("\n".join(diff.summary_lines() + amended_lines(diff, new)))
    for path, problems in ((old_path, old_problems), (new_path, new_problems)):
        if problems:
            count = len(problems)
            _err(f"{path.name} has {count} problem{'s' if count != 1 else ''}: it cannot be published or "
                 f"installed until {'they are' if count != 1 else 'it is'} fixed. `check {path}` lists "
                 f"{'them all' if count != 1 else 'it'}{':' if count <= DIFF_PROBLEMS_SHOWN else '; the first:'}")
            for problem in problems[:DIFF_PROBLEMS_SHOWN]:
                _err(f"  {problem.text()}", one_line=True)
    return EXIT_PROBLEMS if old_problems or new_problems else EXIT_OK


def _configure_diff(p: argparse.ArgumentParser) -> None:
    p.description = ("What changed between two packs. A pack with problems (a draft) is compared too, and its "
                     "problems are named after the changes; exit 1 then, 2 when a file cannot be read as a pack.")
    p.add_argument("old", help="the older pack")
    p.add_argument("new", help="the newer pack")
    p.add_argument("--json", action="store_true", help="the changes as JSON, with each pack's problems")
    p.set_defaults(func=cmd_diff)


# --- keys and signatures ---------------------------------------------------------------------------------


def _refuse(args: argparse.Namespace, code: int, reason: str, message: str, problems: Sequence[Problem] = (),
            **more: object) -> int:
    """Say ``message`` on stderr and, with --json, print the refusal on stdout (see cli.refusal); returns ``code``."""
    _err(message)
    _emit_refusal(args, reason, message, problems, **more)
    return code


def _cannot_write(exc: OSError, path: Path | str) -> str:
    """Why ``path`` could not be written, in words: a file where a folder on its way should be made (mkdir's
    "already exists") read as if ``path`` itself already existed."""
    from desktop.storage.pack_file import plain_os_error

    if isinstance(exc, FileExistsError) and exc.filename and exc.filename != str(path):
        return f"{exc.filename} is a file, not a folder, so {path} cannot be written in it"
    if isinstance(exc, NotADirectoryError):
        return f"{path} cannot be written: a folder on its way is a file"
    return f"{exc.filename or path} could not be written: {plain_os_error(exc)}"


def cmd_keygen(args: argparse.Namespace) -> int:
    from desktop.storage.signing import KeyFileError, KeyFileExists, generate_keypair

    try:
        key = generate_keypair(args.private, args.public, name=args.name or "")
    except KeyFileError as exc:  # "file": the key file refused, as every other refusal names its file
        return _refuse(args, EXIT_PROBLEMS, "file_exists" if isinstance(exc, KeyFileExists) else "key_refused",
                       str(exc), file=str(exc.path) if exc.path is not None else args.private)
    except OSError as exc:
        path = next((p for p in (args.private, args.public) if exc.filename and p.startswith(exc.filename)),
                    args.public)
        return _refuse(args, EXIT_UNREADABLE, "write_failed",
                       f"No key was made: {_cannot_write(exc, path)}. Nothing was left behind.", file=path)
    _emit_json(key.as_dict())
    _err(f"Private key written to {args.private} (readable by you only; keep it off shared drives and out of "
         f"the repository). Public key {key.key_id} written to {args.public}: send it to IT to add to the "
         "trusted keys.")
    return EXIT_OK


def _configure_keygen(p: argparse.ArgumentParser) -> None:
    p.add_argument("--private", required=True, metavar="FILE", help="where to write the private key (PEM)")
    p.add_argument("--public", required=True, metavar="FILE", help="where to write the public key entry (JSON)")
    p.add_argument("--name", help="who the key belongs to, e.g. 'CPD Office of Legal Affairs'")
    p.add_argument("--json", action="store_true", help="a refusal as JSON on stdout (the key entry is JSON anyway)")
    p.set_defaults(func=cmd_keygen)


def cmd_sign(args: argparse.Namespace) -> int:
    from desktop.storage.pack_file import read_bytes
    from desktop.storage.signing import (
        KeyFileError,
        by_key,
        key_name,
        load_private_key,
        not_a_pack,
        public_key_id,
        signature_path,
        validate_as_pack,
        write_signature,
    )

    pack = Path(args.pack)
    try:
        raw = read_bytes(pack)
    except PackError as exc:
        return _unreadable(args, exc, pack)
    try:
        report = validate_as_pack(raw, pack.name, today=dt.date.today())
    except PackError:  # not JSON: a private key is said for what it is (validate_as_pack), else as any command says it
        report = None
        if not_a_pack(raw, pack.name) is None:
            raise
    if (report is None or report.pack is None) and (other := not_a_pack(raw, pack.name)) is not None:
        cli.err_problem(other)  # a key or a signature given as the pack: said for what it is
        return _refuse(args, EXIT_PROBLEMS, "invalid", f"Not signed: {pack.name} is not a data pack.", [other],
                       file=str(pack))
    if not report.ok:  # never sign a pack the validator rejects
        for problem in report.errors:
            cli.err_problem(problem)
        return _refuse(args, EXIT_PROBLEMS, "invalid", f"Not signed: {len(report.errors)} problem(s) to fix first.",
                       report.errors, file=str(pack))
    try:
        key = load_private_key(args.key)
    except KeyFileError as exc:
        return _refuse(args, EXIT_PROBLEMS, "key_refused", str(exc), file=str(pack))
    for problem in report.warnings:  # signed all the same, as `check` passes it: said, as publish says them
        cli.err_problem(problem)
    target = signature_path(pack)
    try:
        write_signature(raw, key, pack, args.key)  # signs exactly the bytes that were checked
    except KeyFileError as exc:
        return _refuse(args, EXIT_PROBLEMS, "key_refused", str(exc), file=str(pack))
    except OSError as exc:
        return _refuse(args, EXIT_UNREADABLE, "write_failed", f"Not signed: {_cannot_write(exc, target)}. Any "
                       "signature that was there before is as it was.", file=str(pack))
    key_id = public_key_id(key)
    trusted = _library().trusted_keys
    _emit_json({"ok": True, "file": str(pack), "signature": str(target), "key_id": key_id,
                "key_name": key_name(key_id, trusted)})
    _err(f"Signed {pack.name} {by_key(key_id, trusted)}: {target.name}")
    return EXIT_OK


def _configure_sign(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack")
    p.add_argument("--key", required=True, metavar="PRIVATE", help="the private key (PEM)")
    p.add_argument("--json", action="store_true", help="a refusal as JSON on stdout (what was signed is JSON anyway)")
    p.set_defaults(func=cmd_sign)


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.storage.pack_file import read_bytes
    from desktop.storage.signing import (
        KeyFileError,
        SignatureError,
        app_trusted_keys,
        by_key,
        load_trusted_keys,
        read_signature,
        signature_read_path,
        verify_bytes,
    )

    pack = Path(args.pack)
    try:
        if args.trusted:
            keys = [k for f in args.trusted for k in load_trusted_keys(f)]
        else:
            notices: list[str] = []
            keys = app_trusted_keys(notices)
            for notice in notices:
                _err(notice)
    except KeyFileError as exc:
        _err(str(exc))
        _emit_refusal(args, "keys_unreadable", str(exc), file=str(pack))
        return EXIT_UNREADABLE
    try:
        raw = read_bytes(pack)
        key = verify_bytes(raw, read_signature(pack), keys, pack.name, sig_path=signature_read_path(pack))
    except SignatureError as exc:
        for problem in exc.problems:
            cli.err_problem(problem)
        _emit_refusal(args, "signature", exc.problems[0].text(), exc.problems, file=str(pack), signature_reason=exc.reason)
        return EXIT_PROBLEMS
    except PackError as exc:  # no such file, a folder, unreadable: not a signature's fault
        return _unreadable(args, exc, pack)
    if args.json:
        _emit_json({"file": str(pack), "ok": True, "key_id": key.key_id, "key_name": key.name})
    _err(f"{pack.name}: signature OK, signed {by_key(key.key_id, [key])}")  # as publish, sign and install name it
    return EXIT_OK


def _configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack")
    p.add_argument("--trusted", action="append", metavar="FILE",
                   help="trust only the keys in this file (a trusted_keys.json or a public key file; repeatable)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)


# --- publish ---------------------------------------------------------------------------------------------


def cmd_publish(args: argparse.Namespace) -> int:
    from desktop.storage.publish import future_as_of, is_protected, publish, read_tables, untrusted_key_note
    from desktop.storage.signing import KeyFileError, by_key, key_name, signature_path

    target = Path(args.output)
    if is_protected(target):  # as the editor refuses it: -o given the app's own pack (with --force) replaced it
        from desktop import paths

        return _refuse(args, EXIT_UNREADABLE, "protected",
                       f"Not published: {target} is the app's own data (the pack built into the app, or a file in its "
                       f"data folder {paths.user_data_dir()}), which publish never writes, even with --force. Publish "
                       "to a new file, then install it. Nothing was written.", file=str(target))
    try:
        tables = read_tables(args.source)
    except PackError as exc:  # "file" is the pack to publish, as in every refusal of publish; the problem names the source
        return _unreadable(args, exc, target)
    # YYYY-MM-DD only, as the help says: Python also reads a week date ("2026-W05-2" published as of 27 Jan); and
    # "" too is refused: a script's --as-of "$DAY" with DAY unset is not "no --as-of"
    as_of = iso_day(args.as_of) if args.as_of is not None else None
    if args.as_of is not None and as_of is None:
        return _refuse(args, EXIT_UNREADABLE, "bad_as_of",
                       f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD). Nothing was published.", file=str(target))
    if as_of is not None and (why := future_as_of(as_of, dt.date.today())):
        return _refuse(args, EXIT_UNREADABLE, "bad_as_of", f"--as-of: {why}. Nothing was published.", file=str(target))
    try:
        result = publish(tables, target, args.key, as_of=as_of, source_name=Path(args.source).name,
                         overwrite=args.force)
    except KeyFileError as exc:
        return _refuse(args, EXIT_PROBLEMS, "key_refused", str(exc), file=str(target))
    except PackError as exc:
        _print_problems(exc)
        return _refuse(args, EXIT_PROBLEMS, "invalid", f"Not published: {len(exc.problems)} problem(s) to fix first.",
                       exc.problems, file=str(target))
    except FileExistsError as exc:
        if exc.filename != str(target):  # a folder on its way is a file
            return _refuse(args, EXIT_UNREADABLE, "write_failed",
                           f"Not published: {_cannot_write(exc, target)}. Nothing was written.", file=str(target))
        return _refuse(args, EXIT_UNREADABLE, "file_exists",
                       f"Not published: {target} already exists, and a published pack is never replaced by accident. "
                       "Choose a new file name (e.g. with the next data version in it), or add --force to replace it.",
                       file=str(target))
    except IsADirectoryError as exc:
        if exc.filename == str(signature_path(target)):
            message = (f"Not published: {exc.filename} is a folder, not a file, so the signature cannot be written "
                       "beside the pack. Move that folder away or choose another file name. Nothing was written.")
        else:
            message = (f"Not published: {target} is a folder, not a file. Give the file to publish to with -o, "
                       f"e.g. -o {target / 'encounter-guide.json'}. Nothing was written.")
        return _refuse(args, EXIT_UNREADABLE, "write_failed", message, file=str(target))
    except OSError as exc:
        return _refuse(args, EXIT_UNREADABLE, "write_failed",
                       f"Not published: {_cannot_write(exc, target)}. Nothing was published: "
                       f"no new {target.name} or {signature_path(target).name} was left behind, and any file that was "
                       "there before is as it was.", file=str(target))
    for warning in result.warnings:
        cli.err_problem(warning)
    if result.record_note:
        _err(f"Warning: {result.record_note}")
    trusted = _library().trusted_keys
    if untrusted := untrusted_key_note(result.key_id, trusted):
        _err(f"Warning: {untrusted}")
    if (due := overdue_since(result.as_of, result.expires_after_days, dt.date.today())) is not None:
        _err(f"Warning: {result.path.name} is out of date on arrival: with the law as of {format_day(result.as_of)}, "
             f"an update was due on {format_day(due)}, so officers' apps will show it OUT OF DATE. If you have "
             "checked the law again, publish it again with --as-of and the day you checked it.")
    _emit_json({"ok": True, "file": str(result.path), "signature": str(result.signature_path),
                "data_version": result.data_version, "as_of": result.as_of.isoformat(), "sha256": result.sha256,
                "key_id": result.key_id, "key_name": key_name(result.key_id, trusted)})
    # the key as verify and install name it: by the name this computer trusts it under, then its id
    _err(f"Published {result.path.name}: data version {result.data_version}, as of {format_day(result.as_of)}, "
         f"signed {by_key(result.key_id, trusted)}.")
    return EXIT_OK


def _configure_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="the edited pack")
    p.add_argument("-o", "--output", required=True, metavar="TARGET", help="the pack file to publish (a new file)")
    p.add_argument("--key", required=True, metavar="PRIVATE", help="the private key (PEM)")
    p.add_argument("--as-of", metavar="DATE",
                   help="the date the law in the pack is current as of, not later than today (default: the "
                        "source pack's own as-of date, unchanged)")
    p.add_argument("--force", action="store_true", help="replace TARGET (and its .sig) if it already exists")
    p.add_argument("--json", action="store_true",
                   help="a refusal as JSON on stdout (what was published is JSON anyway)")
    p.set_defaults(func=cmd_publish)


# --- install, revert, inbox, history ---------------------------------------------------------------------


def _confirm(question: str, yes: bool) -> bool | None:
    """True/False from the person at the terminal; None when there is nobody to ask and no --yes."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return None
    try:  # from the question on: Ctrl+C as soon as it shows is caught too
        sys.stderr.write(f"{terminal_text(question)} [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except KeyboardInterrupt:  # Ctrl+C at the question is a no, said as one ("Not installed."), not a traceback
        sys.stderr.write("\n")
        return False
    return answer.strip().lower() in ("y", "yes")


def _confirmed(args: argparse.Namespace, plan: InstallPlan | RevertPlan, question: str, not_done: str,
               unasked: str, **more: object) -> bool:
    """Show what ``plan`` changes (unless --json), then ask ``question``; when not confirmed, say so (``not_done``:
    "Not installed"; ``unasked``: what --yes does without asking) and, with --json, refuse with the plan, what it
    would have changed. install and revert both ask this way."""
    if not args.json:
        say_lines(plan.summary_lines())
    answer = _confirm(question, args.yes)
    if answer:
        return True
    message = (f"{not_done}: no confirmation (run with --yes to {unasked} without asking)." if answer is None
               else f"{not_done}.")
    _err(message)
    _emit_refusal(args, "not_confirmed", message, plan=plan.as_dict(), **more)  # what it would have changed
    return False


def _refused(args: argparse.Namespace, exc: InstallRefused, **more: object) -> int:
    """Report an InstallRefused on stderr; with --json, also as the refusal JSON on stdout (see cli.refusal), with
    ``more`` (install's ``file``)."""
    from desktop.storage.library import SIGNATURE, UNREADABLE

    _err(f"Refused: {exc.message}")  # as written: escaped once, here
    for problem in exc.problems[1:20]:
        _err(f"  {problem.text()}", one_line=True)
    if exc.reason == SIGNATURE:
        more["signature_reason"] = exc.signature_reason
    _emit_refusal(args, exc.reason, exc.message, exc.problems, **more)
    return EXIT_UNREADABLE if exc.reason == UNREADABLE else EXIT_PROBLEMS


def _not_changed(args: argparse.Namespace, what: str, exc: OSError, in_use: int | None, **more: object) -> int:
    from desktop.storage.pack_file import plain_os_error

    still = f"; the pack in use is still data version {in_use}" if in_use is not None else ""
    message = f"{what}: {plain_os_error(exc)}. Nothing was changed{still}."
    _err(message)
    _emit_refusal(args, "write_failed", message, **more)
    return EXIT_PROBLEMS


def cmd_install(args: argparse.Namespace) -> int:
    from desktop.storage.library import InstallRefused

    library = _library()
    # every refusal names the pack as given, as verify's and check's do (and the plan's "file" when done)
    file = str(Path(args.pack))
    try:
        plan = library.prepare_install(args.pack, force=args.force)
    except InstallRefused as exc:
        return _refused(args, exc, file=file)
    if not _confirmed(args, plan, f"Install data version {plan.new_version}?", "Not installed", "install",
                      file=file):
        return EXIT_PROBLEMS
    payload = plan.as_dict()
    try:
        entry = library.install(plan)
    except InstallRefused as exc:
        return _refused(args, exc, file=file)
    except OSError as exc:  # full disk, read-only folder: the install is all or nothing (see versions.py)
        return _not_changed(args, "Not installed", exc, plan.old_version, file=file)
    if args.json:
        _emit_json({"ok": True, **payload, "installed": True})
    _err(f"Installed data version {entry.to_version}. The previous pack is kept: `revert` goes back to it.")
    return EXIT_OK


def _configure_install(p: argparse.ArgumentParser) -> None:
    p.add_argument("pack", help="a signed pack (PACK.json with PACK.json.sig beside it)")
    p.add_argument("--force", action="store_true", help="install even if it is not newer than the pack in use")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true", help="print the plan (and what changed) as JSON")
    p.set_defaults(func=cmd_install)


def cmd_revert(args: argparse.Namespace) -> int:
    from desktop.storage.library import InstallRefused

    library = _library()
    try:
        plan = library.prepare_revert()
    except InstallRefused as exc:  # the pack it would go back to, when one was found (null: none to go back to)
        return _refused(args, exc, file=str(exc.file) if exc.file is not None else None)
    active = plan.active.pack.meta.data_version if plan.active is not None else None
    file = str(plan.target.path)  # the pack gone back to: every JSON from here names it, as install's names its pack
    # as install does: what changes first, then a question (or --yes); a revert changes what officers read too
    if not _confirmed(args, plan, f"Go back to data version {plan.target.pack.meta.data_version}?", "Not reverted",
                      "go back", file=file):
        return EXIT_PROBLEMS
    payload = plan.as_dict()
    try:
        entry = library.revert(plan)
    except InstallRefused as exc:
        return _refused(args, exc, file=file)
    except OSError as exc:
        return _not_changed(args, "Not reverted", exc, active, file=file)
    if args.json:  # install's shape (the plan, and that it was done), with the history entry's keys as before
        _emit_json({"ok": True, **entry.as_dict(), **payload, "reverted": True})
    _err(f"Now using data version {entry.to_version}. Run `revert` again to undo.")
    return EXIT_OK


def _configure_revert(p: argparse.ArgumentParser) -> None:
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_revert)


def cmd_inbox(args: argparse.Namespace) -> int:
    from desktop.storage.library import INBOX_FAILED
    from desktop.storage.pack_file import LINK_LOOP_WORDS, is_link_loop

    library = _library()
    folder = Path(args.folder) if args.folder else library.inbox_folder()
    what = f"The folder {folder}" if args.folder else f"The watched folder {folder}"
    try:
        exists, is_dir = folder.exists(), folder.is_dir()
    except OSError:  # not even whether it is there can be known: scan_inbox says why it cannot be read
        exists = is_dir = True
    if not exists and is_link_loop(folder):  # it was said not to exist: IT looked for a folder that was not missing
        message = f"{what} {LINK_LOOP_WORDS}. Nothing was looked at."
        _err(message)
        _emit_refusal(args, "not_a_folder", message, folder=str(folder))
        return EXIT_UNREADABLE
    if not exists:
        message = f"{what} does not exist. Nothing was looked at." + (
            "" if args.folder else " Create it, or name the folder to look in: inbox FOLDER.")
        _err(message)
        _emit_refusal(args, "no_folder", message, folder=str(folder))
        return EXIT_UNREADABLE
    if not is_dir:
        message = (f"{folder} is a file, not a folder: give the folder that holds the data packs (to install one "
                   f"pack file, use: install {folder}). Nothing was looked at.")
        _err(message)
        _emit_refusal(args, "not_a_folder", message, folder=str(folder))
        return EXIT_UNREADABLE
    results = library.scan_inbox(folder)
    if args.json:
        _emit_json([r.as_dict() for r in results])
    else:
        for r in results:
            say(r.line(), one_line=True)
        if not results:
            _err(f"No data packs in {folder}.")
    return EXIT_PROBLEMS if any(r.status == INBOX_FAILED for r in results) else EXIT_OK


def _configure_inbox(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", nargs="?", help="the folder to scan (default: the watched folder)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_inbox)


def cmd_history(args: argparse.Namespace) -> int:
    from desktop.storage.history import (
        HistoryDamaged,
        HistoryEntry,
        amended_lines,
        changes_since,
        checked_words_dict,
        recorded_words_checked,
    )

    library = _library()
    try:
        entries = library.history(checked=True)
    except HistoryDamaged as exc:
        kept = (f"It was kept as {exc.kept}; a new history starts with the next install or revert." if exc.kept
                else "It was left where it is, unchanged." if not exc.damaged
                else "It was left where it is (it could not be moved aside).")
        message = f"The install history {exc.path} could not be read: {exc.why}. {kept}"
        _err(message)
        _emit_refusal(args, "history_damaged", message, file=str(exc.path),
                      kept_as=str(exc.kept) if exc.kept else None)
        return EXIT_PROBLEMS
    if args.since is not None:
        entries = changes_since(entries, args.since)
    kept: dict[str, Pack | None] = {}  # by SHA-256: each version read (its signature checked) once
    in_use: list[Pack | None] = []  # the data in use, read once if a recorded word needs it

    def brought_in(entry: HistoryEntry) -> Pack | None:
        if entry.to_sha256 not in kept:
            loaded = library.pack_brought_in(entry)
            kept[entry.to_sha256] = loaded.pack if loaded is not None else None
        return kept[entry.to_sha256]

    def pack_in_use() -> Pack | None:
        if not in_use:  # history.json is not signed: its words are checked, as What's new does
            try:
                in_use.append(library.load_active(read_only=True).loaded.pack)
            except PackError:  # no data in use that checks out: the recorded words are marked
                in_use.append(None)
        return in_use[0]

    if args.json:  # "words" as recorded, as ever; beside them, the words checked against the signed packs at hand
        shown = []
        for entry in entries:
            checked = checked_words_dict(entry.words, brought_in(entry), pack_in_use()) \
                if entry.words is not None else None
            recorded = entry.words is not None and bool(entry.words.answers or entry.words.rules)
            shown.append({**entry.as_dict(), "checked_words": checked,  # null, as README says, with no word recorded
                          "words_checked": recorded_words_checked(entry.words, checked) if recorded and checked else None})
        _emit_json(shown)
    elif not entries:
        print(f"No installs or reverts since data version {args.since}." if args.since is not None
              else "No installs or reverts on this machine yet.")
    else:
        for entry in entries:  # an amended rule's words as the version the entry brought in reads them
            words = []
            if entry.diff is not None and any(item.summary_changed for item in entry.diff.provisions):
                # written down when it came in (entry.words), checked against the signed packs; else the pack's
                lines = amended_lines(entry.diff, brought_in(entry), entry.words,
                                      pack_in_use() if entry.words is not None else None)
                words = [f"  {line}" for line in lines if line]
            say_lines(entry.summary_lines() + words)
    return EXIT_OK


def _configure_history(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=cli.positive_int, metavar="VERSION",
                   help="only changes since this data version (1 or more) was seen")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)


def cmd_receipt(args: argparse.Namespace) -> int:
    from desktop.storage.library import acknowledgment_receipt

    loaded = cli._load(args)
    sys.stdout.write(acknowledgment_receipt(loaded, history=_library().history()))
    return EXIT_OK


def _configure_receipt(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=cmd_receipt)


# --- readability -----------------------------------------------------------------------------------------


def cmd_readability(args: argparse.Namespace) -> int:
    from desktop.domain.readability import AIM_GRADE, hardest, officer_texts
    from desktop.storage.pack_file import load_pack

    pack = load_pack(Path(args.file)).pack if args.file else cli._load(args).pack
    graded = len(officer_texts(pack))
    ranked = hardest(pack, over=args.over)
    shown = ranked[:args.limit]
    if args.json:
        _emit_json([t.as_dict() for t in shown])
    else:
        for t in shown:
            print(f"grade {t.grade:4.1f}  {t.where}")
            print(f"{'':12}{t.text}")
    over = len(hardest(pack, over=AIM_GRADE))
    _err(f"{over} of {graded} officer-facing texts read above grade {AIM_GRADE} (aim for {AIM_GRADE} or lower)"
         + (f"; {len(shown)} of the {len(ranked)} listed shown, hardest first" if len(shown) < len(ranked) else "")
         + ". Advice only: a pack is never refused for it.")
    return EXIT_OK


def _configure_readability(p: argparse.ArgumentParser) -> None:
    from desktop.domain.readability import MIN_WORDS

    p.description = ("How hard the officer-facing words are to read (Flesch–Kincaid grade), hardest first, with "
                     "where each is: questions, their help and answers, outcomes' headline, lines and why, "
                     "scenario titles and summaries, glossary definitions; not the provisions' law. Texts of "
                     f"fewer than {MIN_WORDS} words are not graded. Advice: the exit code is 0 whatever the grades.")
    p.add_argument("file", nargs="?", help="pack file (default: the active pack)")
    p.add_argument("--over", type=float, metavar="GRADE", help="only texts above this grade")
    p.add_argument("--limit", type=cli.positive_int, default=20, help="most texts to list (default 20)")
    p.add_argument("--json", action="store_true", help="the texts as JSON: where, text, grade and counts")
    p.set_defaults(func=cmd_readability)


cli.EXTRA_COMMANDS.update({
    "diff": (_configure_diff, "what changed between two packs"),
    "keygen": (_configure_keygen, "make a publisher signing key pair"),
    "sign": (_configure_sign, "sign a pack (writes PACK.json.sig)"),
    "verify": (_configure_verify, "check a pack's signature"),
    "publish": (_configure_publish, "next data version, validate, write and sign a pack"),
    "install": (_configure_install, "install a signed pack update (shows what changed first)"),
    "revert": (_configure_revert, "go back to the pack in use before the last install or revert"),
    "inbox": (_configure_inbox, "install the newest signed pack from the watched folder"),
    "history": (_configure_history, "installs and reverts on this machine, with what changed"),
    "receipt": (_configure_receipt, "print an acknowledgment receipt for the pack in use"),
    "readability": (_configure_readability, "the hardest officer-facing texts to read, with their grade"),
})
