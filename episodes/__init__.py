"""The Presscast application: articles in, a narrated podcast out."""

__version__ = "0.1.0"
