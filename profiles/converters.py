"""Path converters for the applicant's URLs."""

import re


class TokenConverter:
    """A private link's token as `new_token` makes it: anything else (a NUL byte,
    a megabyte) is a 404 at the router and never reaches a database lookup."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def looks_like_token(value: str) -> bool:
    return re.fullmatch(TokenConverter.regex, value) is not None


class JoinCodeConverter:
    """An advising group's code in its link (/join/K7QM3XPD/); the view reads it as a
    typed code would be read, so a dash or lower case in a hand-typed link still works."""

    regex = "[A-Za-z0-9-]{1,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
