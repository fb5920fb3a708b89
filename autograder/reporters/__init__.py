"""Reporters: the same SubmissionResult written for a terminal, as JSON, ..."""
