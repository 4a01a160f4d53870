"""The one error type of `episodes`: a user's mistake or a problem they can act on."""


class PresscastError(Exception):
    """str() is a one-line message for people; the CLI prints it and exits non-zero."""
