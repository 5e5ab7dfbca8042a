"""Passes: one module per family of rules. See :mod:`cleaner.passes.base` for the interface."""
