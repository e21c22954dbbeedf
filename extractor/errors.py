"""The exceptions a caller must act on. Anything a document merely does not say
becomes a null field plus a record warning, never an exception."""


class ExtractorError(Exception):
    """Base class of every error this package raises on purpose."""


class ReadError(ExtractorError):
    """An input could not be read: missing, empty, binary, undecodable, broken PDF."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NoDeliberationError(ExtractorError):
    """The input was read but holds no deliberation (an arrêté, a report, noise)."""

    def __init__(self, path, reason="no deliberation found in the text"):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class PatternError(ExtractorError):
    """A file of patterns/ is malformed; names the file and the key."""
