"""The errors cleaning raises."""

from __future__ import annotations


class CleanerError(RuntimeError):
    """A pipeline step raised; the message names the step."""


class CleanTimeout(TimeoutError):
    """Cleaning a document took longer than its time limit."""


class PipelineError(ValueError):
    """A pipeline whose steps cannot work in this order: a step needs what no step before it
    provides (see :attr:`cleannews.Cleaner.requires`)."""


class DegradedStepWarning(UserWarning):
    """A step runs without something it can use but does not need (see
    :attr:`cleannews.Cleaner.uses`): it works, but does less."""
