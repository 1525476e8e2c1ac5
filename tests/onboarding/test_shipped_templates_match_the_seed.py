"""The shipped consortium template is the seed's "Appendix: Onboarding Checklist" word for word,
each item with its owner, phase and deadline; a new consortium's checklist copies it."""

import pytest

from consortia import program
from consortia.onboarding.models import ChecklistKind, ChecklistTemplate, Owner, Phase

# The seed (shared/seed/orcid-consortia-roles-and-responsibilities.txt, "Appendix: Onboarding
# Checklist"), copied here because the seed is not part of the repository.
SEED_PRE_AGREEMENT_CONSORTIUM = [
    "Identify consortium lead organization and main contact",
    "Determine how the consortium will be funded",
    "Identify support model and cost recovery model for consortium staff",
    "Draft policy for consortium, outlining goals of the consortium, membership criteria, "
    "governance principles, and how progress will be monitored",
    "Put out a call for participation in the consortium",
    "Determine whether implementation will be via a central platform, in a distributed manner, "
    "or in a mixed central/local approach",
    "At a minimum, finalize job description and put out a hiring call for support staff",
    "Develop a web page with information about the consortium lead, support contact, and basic "
    "information about ORCID best practices",
    "Launch event",
]
SEED_PRE_AGREEMENT_ORCID = [
    "Answer consortium questions",
    "Support discussions about consortium policy",
    "Provide introductions to other consortium leads",
    "Provide training to consortium lead staff",
    "Provide access to member self-management pages to collect information about consortium members",
]
SEED_FEES = ["Fees for the consortium are due within 60 days of signing the agreement"]
SEED_POST_AGREEMENT_CONSORTIUM = [
    "Hire and onboard support staff",
    "Relevant Lead staff participate in ORCID training",
    "Support staff complete ORCID training and homework",
    "Initial contact made with all consortium members, including instructions on how to contact "
    "support staff and communicate with other consortium members",
    "Entry of consortium member organization details in the ORCID member database",
]
SEED_POST_AGREEMENT_ORCID = [
    "Provide training for support staff, review homework, and provide feedback",
    "Initial contact with consortium members to introduce ORCID staff and resources",
]

SEED_CHECKLIST = (
    [(title, Owner.CONSORTIUM, Phase.PRE_AGREEMENT) for title in SEED_PRE_AGREEMENT_CONSORTIUM]
    + [(title, Owner.ORCID, Phase.PRE_AGREEMENT) for title in SEED_PRE_AGREEMENT_ORCID]
    + [(title, Owner.CONSORTIUM, Phase.FEES) for title in SEED_FEES]
    + [(title, Owner.CONSORTIUM, Phase.POST_AGREEMENT) for title in SEED_POST_AGREEMENT_CONSORTIUM]
    + [(title, Owner.ORCID, Phase.POST_AGREEMENT) for title in SEED_POST_AGREEMENT_ORCID]
)

DEADLINES = {
    Phase.PRE_AGREEMENT: (0, program.PRE_AGREEMENT_DUE_DAYS),
    Phase.FEES: (0, program.FEES_DUE_DAYS_AFTER_AGREEMENT),
    Phase.POST_AGREEMENT: (program.POST_AGREEMENT_CRITERIA_MONTHS, 0),
}


@pytest.fixture
def template(db):
    return ChecklistTemplate.objects.get(kind=ChecklistKind.CONSORTIUM, is_default=True)


def test_the_shipped_template_has_the_seeds_items_in_order_with_owners_and_phases(template):
    items = list(template.items.order_by("position").values_list("title", "owner", "phase"))

    assert items == SEED_CHECKLIST
    assert len(SEED_CHECKLIST) == 9 + 5 + 1 + 5 + 2


def test_each_shipped_item_has_its_phases_deadline(template):
    wrong = [
        item.title
        for item in template.items.all()
        if (item.due_months, item.due_days) != DEADLINES[item.phase]
    ]

    assert wrong == []


def test_a_new_consortiums_checklist_copies_the_shipped_template_word_for_word(world):
    checklist = world.alpha.checklists.get(kind=ChecklistKind.CONSORTIUM)

    assert list(checklist.items.order_by("position").values_list("title", "owner", "phase")) == SEED_CHECKLIST


def test_a_member_checklist_template_ships_as_the_default_for_new_members(db):
    member = ChecklistTemplate.objects.get(kind=ChecklistKind.MEMBERSHIP, is_default=True)

    assert member.items.exists()
    assert set(member.items.values_list("owner", flat=True)) == {Owner.CONSORTIUM}
