"""Which outcomes cite each provision: every operative provision should be cited somewhere."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model import Pack


@dataclass(frozen=True, slots=True)
class CoverageRow:
    provision_id: str
    operative: bool
    cited_by: tuple[str, ...]  # "SCENARIO/node" of each citing outcome

    def as_dict(self) -> dict[str, object]:
        return {"provision_id": self.provision_id, "operative": self.operative, "cited_by": list(self.cited_by)}


def coverage(pack: Pack) -> list[CoverageRow]:
    cited: dict[str, list[str]] = {p.provision_id: [] for p in pack.provisions}
    for s in pack.scenarios:
        for outcome in s.outcomes:
            for c in outcome.cites:
                where = f"{s.scenario_id}/{outcome.node_id}"
                if c.provision_id in cited and where not in cited[c.provision_id]:
                    cited[c.provision_id].append(where)
    return [CoverageRow(p.provision_id, p.operative, tuple(cited[p.provision_id])) for p in pack.provisions]
