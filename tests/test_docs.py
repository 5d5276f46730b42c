"""The documents a supervisor, trainer or IT acts on name only commands and options the command line has: a command
copied from the README must not end in "invalid choice" or "unrecognized arguments"."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from desktop.__main__ import build_parser
from tests.conftest import REPO

DOCS = ("README.md", "data/README.md", "build_scripts/BUILDING.md", "build_scripts/HOSTILE.md",
        "resources/trusted_keys.README.md")

#: A command as the documents write it: the app's name, its top-level options, then a subcommand, up to a comment,
#: the end of a code span or of the line.
_COMMAND = re.compile(r"(?:python -m desktop|(?<![\w./=-])(?:dist/encounter-guide/)?encounter-guide(?![\w/.-]))"
                      r"((?:[ \t]+[^\s`#|)&;]+)*)")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def documented_commands() -> list[tuple[str, str, list[str]]]:
    """(document, the command as written, its words after the app's name) for every command the documents show."""
    found = []
    for name in DOCS:
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            for match in _COMMAND.finditer(line):
                words = match.group(1).split()
                if words:
                    found.append((name, match.group(0), words))
    return found


def unknown_words(words: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The subcommand or options among ``words`` that the command line does not have (a placeholder such as FILE,
    … or [FILE] is not an option)."""
    subcommands, top = _subcommands(parser), _options(parser)
    command = next((w for w in words if not w.startswith(("-", "[", "<", "…", "'", '"')) and w.isalpha()
                    and w == w.lower()), None)
    if command is not None and words.index(command) > 0 and words[words.index(command) - 1] in {"--data", "--edit",
                                                                                                 "--scenario"}:
        command = None  # a value, not a subcommand: --data OTHER.json
    allowed = top | (_options(subcommands[command]) if command in subcommands else set())
    unknown = [] if command is None or command in subcommands else [command]
    options = [w.strip("[]").split("=")[0] for w in words if w.lstrip("[").startswith("--")]
    return unknown + [option for option in options if option not in allowed]


def test_the_documents_show_commands():
    commands = {words[0] for _doc, _text, words in documented_commands()}
    assert {"check", "publish", "install", "revert", "handout", "--edit", "--present"} <= commands


@pytest.mark.parametrize("doc, text, words", documented_commands(), ids=lambda v: v if isinstance(v, str) else None)
def test_every_command_the_documents_show_is_one_the_command_line_has(doc, text, words):
    assert not unknown_words(words, build_parser()), f"{doc}: {text}"


@pytest.mark.parametrize("words", [["chek", "FILE"], ["install", "PACK", "--yse"], ["--dat", "X", "check"]])
def test_a_mistyped_command_or_option_is_found(words):
    assert unknown_words(words, build_parser())


#: A file or folder of the repository as the documents name it (`build_scripts/build.py`, tests/storage/…).
_REPO_PATH = re.compile(r"(?<![\w/<.-])((?:build_scripts|desktop|tests|data|resources|seeds|\.ci)/[\w./-]*[\w/])(?![\w./*-])")


def missing_paths(text: str) -> list[str]:
    """The repository paths ``text`` names that are not there (a glob such as resources/styles/*.qss is left out)."""
    return [path for path in dict.fromkeys(m.group(1) for m in _REPO_PATH.finditer(text))
            if not (REPO / path).exists()]


@pytest.mark.parametrize("doc", DOCS)
def test_every_file_the_documents_name_is_in_the_repository(doc):
    assert missing_paths((REPO / doc).read_text(encoding="utf-8")) == []


def test_a_file_that_is_not_there_is_found():
    assert missing_paths("run `build_scripts/bench.py`, then `build_scripts/no_such.py` (resources/styles/*.qss)") == [
        "build_scripts/no_such.py"]


def unexplained_fields(schema: dict, text: str) -> list[str]:
    """The fields of the pack's schema that ``text`` never names in backquotes (`cite_as`, `subflow: true`)."""
    named = set(re.findall(r"`(\w+)", text))
    return [f"{record}.{field}" for record, definition in schema["$defs"].items()
            for field in definition.get("properties", {}) if field not in named]


def test_data_readme_explains_every_field_of_the_pack():
    schema = json.loads((REPO / "data/schema.json").read_text(encoding="utf-8"))
    assert unexplained_fields(schema, (REPO / "data/README.md").read_text(encoding="utf-8")) == []
    assert unexplained_fields(schema, "`cite_as`") != []
