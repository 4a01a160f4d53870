"""The one error type of `feeds`: its message is written for people."""


class FeedError(Exception):
    """A feed or cover problem a user can act on; str() is the message."""
