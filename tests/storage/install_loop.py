"""Install and revert in a loop until killed: the helper of the crash-safety test in test_install.py.

Usage: python -m tests.storage.install_loop ROOT BUNDLED KEYS PACK_A PACK_B

A small fork server, so each kill costs milliseconds instead of a Python start-up: for every line (a
random seed) read on stdin it forks a child process that prints "ready PID" and then installs PACK_A or
PACK_B or reverts, at random, forever, printing "start" before and "end" after the writing part of each
(the checks come before "start"). The test SIGKILLs the child at a random moment; the server then
prints "dead STATUS". From the last marker before "dead" the test knows whether the kill landed in the
middle of writing."""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path

from desktop.storage.library import PackLibrary
from desktop.storage.signing import load_trusted_keys


def say(text: str) -> None:
    os.write(sys.stdout.fileno(), (text + "\n").encode())  # unbuffered: the child dies without flushing


def loop(root: Path, bundled: Path, keys: Path, packs: tuple[Path, Path], seed: int) -> None:
    rng = random.Random(seed)
    library = PackLibrary(root, bundled=bundled, trusted_keys=load_trusted_keys(keys))
    say(f"ready {os.getpid()}")
    while True:
        op = rng.choice((*packs, None))
        if op is None:
            revert_plan = library.prepare_revert()
            say("start")
            library.revert(revert_plan)
        else:
            install_plan = library.prepare_install(op, force=True)
            say("start")
            library.install(install_plan)
        say("end")


def main(argv: list[str]) -> None:
    root, bundled, keys, pack_a, pack_b = (Path(a) for a in argv)
    PackLibrary(root, bundled=bundled, trusted_keys=load_trusted_keys(keys)).prepare_install(pack_a, force=True)
    for line in sys.stdin:  # one child per seed
        pid = os.fork()
        if pid == 0:
            try:
                loop(root, bundled, keys, (pack_a, pack_b), int(line))
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)  # only reached when the loop fails
        _, status = os.waitpid(pid, 0)
        say(f"dead {status}")


if __name__ == "__main__":
    main(sys.argv[1:])
