"""Quiz tells: what gives away the right first action without knowing the guidance.

    .venv/bin/python build_scripts/quiz_tells.py [--seeds 0-9] [--data data/encounter-guide.json] [--top 12]
    .venv/bin/python build_scripts/quiz_tells.py --json   # the same figures, for a before/after diff

Makes the quiz of every path for each quiz number in --seeds (as `desktop quiz --every --seed N` does) and counts,
over the questions that ask for a first action:
  - first words: for each word that starts a choice, how often a choice starting with it is right and wrong, and
    its hit rate (right / all): a trainee who picks by that word is right that often, where chance is 1 in the
    number of choices (25 % with four). Sorted by how many more right answers the word gives than chance would;
  - alone: how often the right choice is the only one starting with its first word (97.8 % of the questions of
    quizzes 0-9 at 6fef317: the right answers tell and call, the do-not lines seldom forbid telling or calling);
  - "pick by first word": a trainee who, in each question, picks the choice whose first word has the best hit rate
    over all (learned from these very quizzes: an upper bound of what such a habit earns);
  - length: how often the right choice is the longest, and the shortest;
  - worn lines: the wrong choices offered most, each with the share of the questions it is offered in (a line offered
    in one question of four is struck out by sight, not by the situation: "Call ICE to ask about the person for the
    family." was offered in 23.0 % of the questions of quizzes 0-9 at 3161379), and, in the quizzes of ten with the
    same numbers (as the window makes them), the most times one wrong line is offered in one quiz.
Deterministic: the same pack and seeds print the same figures. Reads the pack only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.domain import quiz  # noqa: E402
from desktop.storage.pack_file import load_pack  # noqa: E402


def seeds(text: str) -> list[int]:
    """ "0-9" or "0,3,7" or "5"."""
    out: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        out.extend(range(int(low), int(high or low) + 1))
    return out


def first_word(text: str) -> str:
    return text.split()[0].strip(",.;:").casefold() if text.split() else ""


def measure(pack, numbers: list[int], worn: int = 5) -> dict:
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    offered: Counter[str] = Counter()  # each wrong line: in how many questions
    asked = longest = shortest = alone = 0
    items = []
    for seed in numbers:
        for item in quiz.generate(pack, seed=seed, count=None).items:
            if item.action_answer is None:
                continue
            asked += 1
            words = [first_word(t) for t in item.action_choices]
            items.append((words, item.action_answer))
            alone += words.count(words[item.action_answer]) == 1
            for n, word in enumerate(words):
                (right if n == item.action_answer else wrong)[word] += 1
            offered.update(text for n, text in enumerate(item.action_choices) if n != item.action_answer)
            lengths = [len(t) for t in item.action_choices]
            mine = lengths.pop(item.action_answer)
            longest += mine > max(lengths)
            shortest += mine < min(lengths)
    rate = {w: right[w] / (right[w] + wrong[w]) for w in right | wrong}
    by_word = sum(1 for words, answer in items
                  if max(range(len(words)), key=lambda n: (rate[words[n]], -n)) == answer)
    chance = sum(1 / len(words) for words, _answer in items)
    rows = sorted(((w, right[w], wrong[w], rate[w], right[w] - (right[w] + wrong[w]) * asked_chance(items))
                   for w in rate), key=lambda r: (-r[4], r[0]))
    in_ten = [Counter(text for item in quiz.generate(pack, seed=seed).items if item.action_answer is not None
                      for n, text in enumerate(item.action_choices) if n != item.action_answer) for seed in numbers]
    return {"seeds": [numbers[0], numbers[-1]] if numbers == list(range(numbers[0], numbers[-1] + 1)) else numbers,
            "questions": asked, "chance": chance / asked if asked else 0.0,
            "right_alone_in_its_first_word": alone / asked if asked else 0.0,
            "pick_by_first_word": by_word / asked if asked else 0.0,
            "right_longest": longest / asked if asked else 0.0, "right_shortest": shortest / asked if asked else 0.0,
            "worn": [{"line": text, "questions": count, "share": round(count / asked, 4)}
                     for text, count in sorted(offered.items(), key=lambda kv: (-kv[1], kv[0]))[:worn]] if asked else [],
            "most_in_a_quiz_of_ten": max((max(c.values(), default=0) for c in in_ten), default=0),
            "words": [{"word": w, "right": r, "wrong": x, "hit_rate": round(h, 3), "over_chance": round(o, 1)}
                      for w, r, x, h, o in rows]}


def asked_chance(items) -> float:
    return sum(1 / len(words) for words, _answer in items) / len(items) if items else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--seeds", default="0-9", help="quiz numbers: 0-9, 0,3,7 or 5 (default 0-9)")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "encounter-guide.json", help="the data pack")
    parser.add_argument("--top", type=int, default=12, help="first words to list, worst tells first (default 12)")
    parser.add_argument("--json", action="store_true", help="every figure as JSON")
    args = parser.parse_args(argv)
    figures = measure(load_pack(args.data).pack, seeds(args.seeds))
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    print(f"Quiz numbers {args.seeds}, every path: {figures['questions']} first-action questions; "
          f"chance {figures['chance']:.0%}")
    print(f"Right choice is the longest {figures['right_longest']:.1%}, the shortest {figures['right_shortest']:.1%}")
    print(f"Right choice the only one starting with its first word {figures['right_alone_in_its_first_word']:.1%}")
    print(f"Pick by first word (best hit rate): right {figures['pick_by_first_word']:.1%}")
    most = figures["most_in_a_quiz_of_ten"]
    print(f"Worn lines (wrong choices offered most; in a quiz of ten, one offered at most {most} times):")
    for row in figures["worn"]:
        print(f"  {row['share']:>6.1%}  {row['line']}")
    print(f"{'first word':<14}{'right':>7}{'wrong':>7}{'hit rate':>10}{'over chance':>13}")
    for row in figures["words"][:args.top]:
        print(f"{row['word']:<14}{row['right']:>7}{row['wrong']:>7}{row['hit_rate']:>10.0%}{row['over_chance']:>13.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
