"""Lead scoring on a second holdout of 40 form leads written before any run (data/holdout2_leads.json).

The same real path as test_scoring_holdout.py: the form is parsed (`parse_form`), the new lead's row built
(`new_lead_row`) and scored as the real `Lead`. These leads are written the way people type into a form that
the first holdout did not cover: LinkedIn headlines with pipes and emoji, the employer after "@", titles in
other languages or all in capitals, sizes as "1k-5k" or "~80 FTE", free mailboxes outside the UK and US.
The inputs checked include whether the email counts as a personal address. Expected values come from the
rules' intent; the agreement reached is asserted (misses left are listed in bench/RESULTS-leads.md).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from automation.leads.capture import new_lead_row, parse_form
from automation.leads.scoring import score_lead
from automation.leads.seniority import seniority_level
from automation.models import Lead
from automation.settings.leads import ScoringSettings

DOC = json.loads((Path(__file__).parent / "data" / "holdout2_leads.json").read_text(encoding="utf-8"))
TODAY = date.fromisoformat(DOC["today"])
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 30, tzinfo=UTC)

# Agreement reached on this holdout (see bench/RESULTS-leads.md; the first look was tier 35, level 36, inputs
# 26 of 40): a drop is a regression. The misses left are judgement calls named there, not forced.
MIN_TIER_AGREEMENT = 38
MIN_LEVEL_AGREEMENT = 39
MIN_INPUTS_AGREEMENT = 37
S = ScoringSettings()


def _band(size: int | None) -> int | None:
    """The size band a headcount falls in (what the score reads of it)."""
    return next((at for at, _ in sorted(S.size_points, reverse=True) if size and size >= at), None)


def test_holdout2__tier_seniority_and_inputs_agreement() -> None:
    leads = DOC["leads"]
    assert len(leads) == 40
    tiers = levels = inputs = 0
    misses = []
    for case in leads:
        exp = case["expected"]
        form = parse_form(case["form"], today=lambda: TODAY)
        assert form is not None
        the_lead = Lead(id="recHOLDOUT0000002", **new_lead_row(form, TODAY))
        result = score_lead(the_lead, S, NOW)
        level = seniority_level(case["form"].get("title"))
        tiers += result.tier == exp["tier"]
        levels += level == exp["level"]
        industry = result.component("Fit").items[2].points
        want_industry = {None: S.unknown_points["industry"], True: S.industry_match_points}.get(
            exp["target_industry"], S.industry_other_points
        )
        personal = any(i.label == "personal email domain" for i in result.component("Risk").items)
        read = (_band(the_lead.company_size), the_lead.lead_source, the_lead.timeline or "Unknown", industry)
        want = (_band(exp["company_size"]), exp["source"], exp["timeline"], want_industry)
        read_right = read == want and personal == exp["personal_email"]
        inputs += read_right
        if result.tier != exp["tier"] or level != exp["level"] or not read_right:
            misses.append(
                f"{case['form']}: tier {result.tier} (want {exp['tier']}), level {level} "
                f"(want {exp['level']}), size {the_lead.company_size} (want {exp['company_size']}), "
                f"source {the_lead.lead_source} (want {exp['source']}), timeline {the_lead.timeline} "
                f"(want {exp['timeline']}), industry {industry} (want {want_industry}), personal email "
                f"{personal} (want {exp['personal_email']})\n{result.breakdown}"
            )
    print(f"\nholdout2: tier {tiers}/40, level {levels}/40, inputs {inputs}/40\n" + "\n\n".join(misses))
    assert tiers >= MIN_TIER_AGREEMENT, "\n\n".join(misses)
    assert levels >= MIN_LEVEL_AGREEMENT, "\n\n".join(misses)
    assert inputs >= MIN_INPUTS_AGREEMENT, "\n\n".join(misses)
