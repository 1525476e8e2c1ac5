"""The checklists the program ships with.

The consortium template is the seed's "Appendix: Onboarding Checklist" word for word. ORCID
admins may edit both templates afterwards in the app; this migration only writes them once.
Consortia (and memberships still onboarding) that exist already get their checklist.
"""

from datetime import timedelta

from django.db import migrations

from consortia import program
from consortia.lib.dates import add_months

PRE, FEES, POST = "pre_agreement", "fees", "post_agreement"
CONSORTIUM, ORCID = "consortium", "orcid"

CONSORTIUM_ITEMS = [
    # "The following criteria must be met before a consortium agreement can be finalized and
    # the discount applied."
    (CONSORTIUM, PRE, "Identify consortium lead organization and main contact"),
    (CONSORTIUM, PRE, "Determine how the consortium will be funded"),
    (CONSORTIUM, PRE, "Identify support model and cost recovery model for consortium staff"),
    (
        CONSORTIUM,
        PRE,
        "Draft policy for consortium, outlining goals of the consortium, membership criteria, "
        "governance principles, and how progress will be monitored",
    ),
    (CONSORTIUM, PRE, "Put out a call for participation in the consortium"),
    (
        CONSORTIUM,
        PRE,
        "Determine whether implementation will be via a central platform, in a distributed manner, "
        "or in a mixed central/local approach",
    ),
    (CONSORTIUM, PRE, "At a minimum, finalize job description and put out a hiring call for support staff"),
    (
        CONSORTIUM,
        PRE,
        "Develop a web page with information about the consortium lead, support contact, and basic "
        "information about ORCID best practices",
    ),
    (CONSORTIUM, PRE, "Launch event"),
    (ORCID, PRE, "Answer consortium questions"),
    (ORCID, PRE, "Support discussions about consortium policy"),
    (ORCID, PRE, "Provide introductions to other consortium leads"),
    (ORCID, PRE, "Provide training to consortium lead staff"),
    (
        ORCID,
        PRE,
        "Provide access to member self-management pages to collect information about consortium members",
    ),
    # "Fees for the consortium are due within 60 days of signing the agreement."
    (CONSORTIUM, FEES, "Fees for the consortium are due within 60 days of signing the agreement"),
    # "In addition, the following criteria must be met within three months of the agreement being signed."
    (CONSORTIUM, POST, "Hire and onboard support staff"),
    (CONSORTIUM, POST, "Relevant Lead staff participate in ORCID training"),
    (CONSORTIUM, POST, "Support staff complete ORCID training and homework"),
    (
        CONSORTIUM,
        POST,
        "Initial contact made with all consortium members, including instructions on how to contact "
        "support staff and communicate with other consortium members",
    ),
    (CONSORTIUM, POST, "Entry of consortium member organization details in the ORCID member database"),
    (ORCID, POST, "Provide training for support staff, review homework, and provide feedback"),
    (ORCID, POST, "Initial contact with consortium members to introduce ORCID staff and resources"),
]

# The member template is ours, not the seed's: the steps a consortium takes a new member through.
# (title, months, days) after the membership's joined date; 0/0 means by that date.
MEMBER_ITEMS = [
    (PRE, "Enquiry answered", 0, 0),
    (PRE, "Membership agreement signed", 0, 0),
    (POST, "Welcome resources sent", 0, 14),
    (POST, "Contacts registered, each with an ORCID iD", 1, 0),
    (POST, "Integration plan agreed", 2, 0),
    (POST, "First integration working in the ORCID sandbox", program.POST_AGREEMENT_CRITERIA_MONTHS, 0),
]


def _offsets(phase):
    if phase == PRE:
        return 0, program.PRE_AGREEMENT_DUE_DAYS
    if phase == FEES:
        return 0, program.FEES_DUE_DAYS_AFTER_AGREEMENT
    return program.POST_AGREEMENT_CRITERIA_MONTHS, 0


def _due(anchor, months, days):
    return None if anchor is None else add_months(anchor, months) + timedelta(days=days)


def ship_templates(apps, schema_editor):
    Template = apps.get_model("onboarding", "ChecklistTemplate")
    TemplateItem = apps.get_model("onboarding", "TemplateItem")
    Checklist = apps.get_model("onboarding", "Checklist")
    ChecklistItem = apps.get_model("onboarding", "ChecklistItem")
    Consortium = apps.get_model("directory", "Consortium")
    Membership = apps.get_model("directory", "Membership")

    consortium_template = Template.objects.create(
        slug="consortium-onboarding",
        name="Consortium onboarding checklist",
        kind="consortium",
        is_default=True,
        description="ORCID's consortium onboarding checklist (the appendix of the program document). "
        "Due dates count from the consortium agreement date.",
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=consortium_template,
            position=position,
            title=title,
            owner=owner,
            phase=phase,
            due_months=_offsets(phase)[0],
            due_days=_offsets(phase)[1],
        )
        for position, (owner, phase, title) in enumerate(CONSORTIUM_ITEMS, start=1)
    )
    member_template = Template.objects.create(
        slug="member-onboarding",
        name="Member onboarding checklist",
        kind="membership",
        is_default=True,
        description="The steps a consortium takes a new member through. Due dates count from the "
        "membership's joined date.",
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=member_template,
            position=position,
            title=title,
            owner=CONSORTIUM,
            phase=phase,
            due_months=months,
            due_days=days,
        )
        for position, (phase, title, months, days) in enumerate(MEMBER_ITEMS, start=1)
    )

    def start(template, consortium, membership, anchor):
        checklist = Checklist.objects.create(
            template=template,
            name=template.name,
            kind=template.kind,
            consortium=consortium,
            membership=membership,
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                checklist=checklist,
                position=item.position,
                title=item.title,
                owner=item.owner,
                phase=item.phase,
                due_months=item.due_months,
                due_days=item.due_days,
                due_date=_due(anchor, item.due_months, item.due_days),
            )
            for item in template.items.order_by("position")
        )

    for consortium in Consortium.objects.all():
        start(consortium_template, consortium, None, consortium.agreement_date)
    for membership in Membership.objects.filter(status__in=["enquiry", "applying", "onboarding"]):
        start(member_template, membership.consortium, membership, membership.joined_date)


class Migration(migrations.Migration):
    dependencies = [
        ("onboarding", "0001_initial"),
        ("directory", "0002_postgres_search_indexes"),
    ]

    operations = [migrations.RunPython(ship_templates, migrations.RunPython.noop)]
