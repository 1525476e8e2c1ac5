"""ORCID iDs: sixteen characters in four groups, the last an ISO 7064 MOD 11-2 check character.

People paste iDs in many shapes (``https://orcid.org/…``, without dashes, with a lower-case
``x``); ``normalize_orcid_id`` turns each into the canonical ``0000-0002-1825-0097`` form or
says why it cannot.
"""

import re

ORCID_ID_PATTERN = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
ORCID_URL_PREFIXES = (
    "https://orcid.org/",
    "http://orcid.org/",
    "https://sandbox.orcid.org/",
    "http://sandbox.orcid.org/",
    "orcid.org/",
)


class InvalidOrcidId(ValueError):
    pass


def orcid_check_character(base_digits: str) -> str:
    """The MOD 11-2 check character for the first fifteen digits."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid_id(value: str) -> str:
    """Return the canonical iD, or raise InvalidOrcidId saying what is wrong."""
    text = value.strip()
    lowered = text.lower()
    for prefix in ORCID_URL_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.upper().rstrip("/")
    match = ORCID_ID_PATTERN.match(text)
    if not match:
        raise InvalidOrcidId(
            f"{value.strip()!r} is not an ORCID iD: expected 16 digits in four groups, "
            "like 0000-0002-1825-0097"
        )
    digits = "".join(match.groups())
    expected = orcid_check_character(digits[:15])
    if digits[15] != expected:
        raise InvalidOrcidId(
            f"{value.strip()!r} is not a valid ORCID iD: its check character should be {expected}, "
            "so a digit is probably mistyped"
        )
    return "-".join(match.groups())


def is_valid_orcid_id(value: str) -> bool:
    try:
        normalize_orcid_id(value)
    except InvalidOrcidId:
        return False
    return True


def orcid_url(orcid_id: str, base_url: str = "https://orcid.org") -> str:
    return f"{base_url.rstrip('/')}/{orcid_id}"
