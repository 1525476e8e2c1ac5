"""ROR identifiers: ``0``, six Crockford base32 characters, then two ISO 7064 MOD 97-10 digits.

The check digits are computed over the number the first seven characters spell in Crockford
base32 (which has no I, L, O or U), so ``05gq02987`` is valid and ``05gq02988`` is not.
"""

import re

CROCKFORD_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ROR_ID_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
ROR_URL_PREFIXES = ("https://ror.org/", "http://ror.org/", "ror.org/")


class InvalidRorId(ValueError):
    pass


def ror_check_digits(body: str) -> str:
    """The two check digits for the first seven characters of a ROR ID."""
    number = 0
    for char in body.lower():
        number = number * 32 + CROCKFORD_ALPHABET.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def normalize_ror_id(value: str) -> str:
    """Return the bare, lower-case ROR ID, or raise InvalidRorId saying what is wrong."""
    text = value.strip().lower()
    for prefix in ROR_URL_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    if not ROR_ID_PATTERN.match(text):
        raise InvalidRorId(
            f"{value.strip()!r} is not a ROR ID: expected 0, six letters or digits "
            "(no I, L, O or U) and two check digits, like 05gq02987"
        )
    if ror_check_digits(text[:7]) != text[7:]:
        raise InvalidRorId(f"{value.strip()!r} is not a ROR ID: its check digits do not match")
    return text


def is_valid_ror_id(value: str) -> bool:
    try:
        normalize_ror_id(value)
    except InvalidRorId:
        return False
    return True


def ror_url(ror_id: str) -> str:
    return f"https://ror.org/{ror_id}"
