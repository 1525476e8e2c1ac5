"""The program's numbers and rules, named once.

Each constant quotes the sentence of the ORCID consortia program (``shared/seed``) or of ORCID's
member portal that it encodes. Nowhere else in the code is one of these numbers written.
"""

from decimal import Decimal

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
