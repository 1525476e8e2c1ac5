"""The program's numbers and rules, named once.

Each constant quotes the sentence of the ORCID consortia program (``shared/seed``) or of ORCID's
member portal that it encodes. Nowhere else in the code is one of these numbers written.
"""

from decimal import ROUND_HALF_UP, Decimal

# Organization tier by annual operating budget in USD, as ORCID's fee schedule names them:
# "small: annual operating budget under 10M USD, standard: 10M–1B, large: over 1B".
SMALL_TIER_BUDGET_LIMIT_USD = Decimal("10000000")
LARGE_TIER_BUDGET_LIMIT_USD = Decimal("1000000000")

# Contact roles with a count rule per active membership (ORCID member portal):
# "exactly one main relationship contact", "exactly one voting contact (it votes in ORCID Board
# elections)", "at most one agreement signatory".
EXACTLY_ONE_CONTACT_ROLES = ("main_relationship", "voting")
AT_MOST_ONE_CONTACT_ROLES = ("agreement_signatory",)

# "Ensure all consortium member lead contacts have ORCID iDs to use self-service functionality":
# the lead contacts are the ones ORCID's member portal lets manage the membership.
LEAD_CONTACT_ROLES = ("main_relationship", "voting")

# --- Onboarding (seed, "Appendix: Onboarding Checklist") -----------------------------------

# "Fees for the consortium are due within 60 days of signing the agreement."
FEES_DUE_DAYS_AFTER_AGREEMENT = 60

# "In addition, the following criteria must be met within three months of the agreement being signed."
POST_AGREEMENT_CRITERIA_MONTHS = 3

# "The following criteria must be met before a consortium agreement can be finalized and the
# discount applied": pre-agreement items fall due on the agreement date itself.
PRE_AGREEMENT_DUE_DAYS = 0

# --- Support staffing (seed, "Models for Providing Support" and "Consortium Community Manager") ----

# "At least 1 FTE per 30 organizations."
ORGANIZATIONS_PER_REQUIRED_FTE = 30

# "At least 0.5 FTE for consortia smaller than 20": below this many members the 0.5 floor
# replaces the per-30 ratio.
SMALL_CONSORTIUM_MEMBER_LIMIT = 20
SMALL_CONSORTIUM_MIN_FTE = Decimal("0.5")

# "we recommend one full-time equivalent per 30-40 members, at least for the first three years
# of the consortium" (advice, not a requirement).
RECOMMENDED_MEMBERS_PER_FTE_LOW = 30
RECOMMENDED_MEMBERS_PER_FTE_HIGH = 40
RECOMMENDATION_YEARS = 3

# "Community coverage should be available on all weekdays, even if it is only part time."
# Monday is 0, as in Python's date.weekday().
WEEKDAYS_TO_COVER = (0, 1, 2, 3, 4)

# "The community management role comprises about 75% time for outreach and community
# engagement, and about 25% time dedicated to technical issues."
OUTREACH_SHARE = Decimal("0.75")
TECHNICAL_SHARE = Decimal("0.25")

# FTE figures are kept and compared to the hundredth ("0.6 FTE for 31 members; needs 1.03").
FTE_PLACES = Decimal("0.01")

# --- Training (seed, "Consortium Community Manager" and "Training and Recognition") ----------

# "Standard training includes at least two 1-2 hour training webinars plus supporting documentation."
TRAINING_WEBINARS = (
    ("overview", "ORCID overview and outreach methods"),
    ("technical", "Technical overview of ORCID's APIs and tools"),
)

# "The regional ORCID Community team member will shadow new consortium staff for the first 1-2
# months, including weekly check-ins".
SHADOWING_MIN_MONTHS = 1
SHADOWING_MAX_MONTHS = 2
SHADOWING_CHECK_IN_INTERVAL_DAYS = 7

# "Support staff complete ORCID training and homework" is a three-month item: staff who have
# been in post this long without finishing training count against compliance.
TRAINING_DEADLINE_MONTHS = POST_AGREEMENT_CRITERIA_MONTHS

# "ORCID will continue to interact with consortia support staff in regular (at least monthly)
# regional team meetings." The longest gap between two regional meetings, in days.
REGIONAL_MEETING_MAX_INTERVAL_DAYS = 31

# The lead is "available to respond to support requests all days of the working week": a
# support desk's calendar is open Monday to Friday unless the consortium says otherwise.
SUPPORT_WEEKDAYS = WEEKDAYS_TO_COVER
# Default SLA targets, from practice (DESIGN.md §6), in working time: acknowledge within 1 working
# day and resolve within 7 working days, a working day being the default 09:00–17:00.
SUPPORT_DAY_HOURS = (9, 17)
SUPPORT_FIRST_RESPONSE_WORKING_DAYS = 1
SUPPORT_RESOLUTION_WORKING_DAYS = 7
# A reply to the requester's follow-up is due within the same working day as an acknowledgement.
SUPPORT_NEXT_RESPONSE_WORKING_DAYS = 1
# A breach "about to happen" is flagged in the queue and notified this long before it.
SUPPORT_BREACH_WARNING_HOURS = 2


# --- The staffing rules as functions -------------------------------------------------------


def _fte(value: Decimal) -> Decimal:
    return value.quantize(FTE_PLACES, rounding=ROUND_HALF_UP)


def required_fte(members: int) -> Decimal:
    """The support FTE a consortium of ``members`` organizations must engage for the discount.

    Below SMALL_CONSORTIUM_MEMBER_LIMIT the 0.5 FTE floor applies; from there on 1 FTE per 30
    organizations, pro rata (31 members need 1.03 FTE).
    """
    if members < 0:
        raise ValueError("A member count cannot be negative.")
    if members < SMALL_CONSORTIUM_MEMBER_LIMIT:
        return _fte(SMALL_CONSORTIUM_MIN_FTE)
    return _fte(Decimal(members) / ORGANIZATIONS_PER_REQUIRED_FTE)


def recommended_fte_range(members: int) -> tuple[Decimal, Decimal]:
    """ORCID's advice for the first three years: 1 FTE per 30–40 members, never below the rule."""
    floor = required_fte(members)
    low = max(_fte(Decimal(members) / RECOMMENDED_MEMBERS_PER_FTE_HIGH), floor)
    high = max(_fte(Decimal(members) / RECOMMENDED_MEMBERS_PER_FTE_LOW), floor)
    return low, high


def role_split(fte: Decimal) -> tuple[Decimal, Decimal]:
    """About 75% outreach and 25% technical: the (outreach, technical) FTE of a role."""
    return _fte(fte * OUTREACH_SHARE), _fte(fte * TECHNICAL_SHARE)
