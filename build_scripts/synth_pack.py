"""Deterministic synthetic data pack for benchmarks: N provisions and M scenarios with realistic lengths.

    .venv/bin/python build_scripts/synth_pack.py -o /tmp/synth-10k.json --provisions 10000 --scenarios 1000
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "agent agency arrest assist body camera citation city civil county custody department detain detainer "
    "document duty enforcement entry evidence federal force garage hold immigration interview jail judge "
    "judicial law lot notify officer order ordinance parking patrol perimeter permit person police policy "
    "property protest provision record release report request rescind review right safety scene search "
    "section share sign staging state status stop subpoena supervisor support traffic transfer vehicle "
    "warrant witness administrative checkpoint consent court criminal database disclose emergency hospital "
    "intervene lawful local oversight procedure public refuse school sidewalk signature verify violation"
).split()
def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Real domain words first (most frequent), then pronounceable made-up words: a Zipf-like spread."""
    syllables = ["ka", "lo", "mi", "ter", "an", "sor", "vel", "dis", "pro", "tion", "ment", "re", "ul", "ca", "ra"]
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return WORDS + sorted(made)[: size - len(WORDS)]


JURISDICTIONS = ("federal", "state", "county", "city", "department")
VERDICTS = ("not_permitted", "permitted", "required", "refer")


_VOCAB: list[str] = []
_WEIGHTS: list[float] = []


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(_VOCAB, cum_weights=_WEIGHTS, k=n)
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(1, 999)}-{rng.randint(1, 999)}")
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(len(s) + 1 for s in out) < chars:
        out.append(sentence(rng, rng.randint(8, 20)))
    return " ".join(out)


def _build_tree(rng: random.Random, nodes: list[dict], depth: int, n_provisions: int, level: int = 0) -> str:
    """Append one question tree (depth-first) to ``nodes``; returns the id of its root."""
    nid = f"n{len(nodes) + 1}"
    if level >= depth or (level >= 1 and rng.random() < 0.45):
        nodes.append({
            "node_id": nid, "type": "outcome", "verdict": rng.choice(VERDICTS),
            "headline": sentence(rng, 10), "do": [sentence(rng, 8) for _ in range(3)],
            "do_not": [sentence(rng, 8) for _ in range(2)], "say": [sentence(rng, 10)],
            "document": [sentence(rng, 5) for _ in range(3)], "notify": ["Your sergeant or lieutenant"],
            "rationale": sentence(rng, 25),
            "cites": [{"provision_id": f"SYN-{rng.randrange(n_provisions):05d}", "pinpoint": "(a)"}],
        })
        return nid
    node: dict = {"node_id": nid, "type": "question", "prompt": sentence(rng, 12)[:-1] + "?",
                  "help": sentence(rng, 20), "choices": []}
    nodes.append(node)
    for k in range(rng.randint(2, 3)):
        child = _build_tree(rng, nodes, depth, n_provisions, level + 1)
        node["choices"].append({"key": f"c{k}", "label": sentence(rng, 5), "next": child})
    return nid


def make_pack(n_provisions: int, n_scenarios: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    _VOCAB[:] = _vocabulary(rng)
    total = 0.0
    _WEIGHTS.clear()
    for rank in range(1, len(_VOCAB) + 1):
        total += 1.0 / rank
        _WEIGHTS.append(total)
    provisions = {}
    for i in range(n_provisions):
        pid = f"SYN-{i:05d}"
        provisions[str(i + 1)] = {
            "provision_id": pid, "title": sentence(rng, rng.randint(4, 10))[:-1],
            "cite_as": f"SYN {i // 100}-{i % 100:03d}({rng.choice('abcdef')})",
            "summary": sentence(rng, rng.randint(15, 30)), "text": paragraph(rng, rng.randint(300, 1500)),
            "text_is_verbatim": rng.random() < 0.4, "jurisdiction": rng.choice(JURISDICTIONS),
            "source": {"document": f"Synthetic code {i % 40}", "number": f"{i % 40}-{i}", "section": f"({i % 7})",
                       "url": None, "retrieved": None},
            "dates": {"signed": "2020-01-01", "effective": "2020-01-01", "amended": None, "rescinded": None},
            "confidence": rng.choice(("verified", "secondary", "unverified")), "operative": True,
            "status_notes": [], "tags": rng.sample(WORDS, 3),
            "related": [f"SYN-{rng.randrange(n_provisions):05d}"] if n_provisions > 1 else [],
        }
        if provisions[str(i + 1)]["related"] == [pid]:
            provisions[str(i + 1)]["related"] = []
    scenarios = {}
    for j in range(n_scenarios):
        depth = rng.randint(2, 3)
        nodes: list[dict] = []
        start = _build_tree(rng, nodes, depth, n_provisions)
        scenarios[str(j + 1)] = {
            "scenario_id": f"SYN-S{j:04d}", "title": sentence(rng, 8)[:-1], "category": f"Category {j % 8}",
            "summary": sentence(rng, 25), "tags": rng.sample(WORDS, 4), "start": start,
            "safety_critical": False, "nodes": nodes,
        }
    return {
        "meta": {"1": {"schema_version": 1, "data_version": 1, "title": "Synthetic benchmark pack",
                       "as_of": "2026-01-01", "reviewed_on": "2026-01-01", "expires_after_days": 90,
                       "publisher": "bench", "disclaimer": "Synthetic data for benchmarks."}},
        "provisions": provisions, "scenarios": scenarios,
        "synonyms": {"1": {"term": "hold", "expansions": ["detainer"]}}, "glossary": {},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--out", required=True)
    parser.add_argument("--provisions", type=int, default=10_000)
    parser.add_argument("--scenarios", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from desktop.storage.pack_file import dump_tables

    Path(args.out).write_bytes(dump_tables(make_pack(args.provisions, args.scenarios, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
