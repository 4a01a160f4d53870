"""The one error type of `audio`: its message is written for people."""


class AudioError(Exception):
    """A narration or encoding problem a user can act on; str() is the message."""
