"""Narration: text to a speech script, speech to mastered episode audio.

Imports nothing of Presscast's other packages, so it can be used as a library.
"""

from audio.errors import AudioError

__all__ = ["AudioError"]
