"""The sandbox's value encoding, so that the checks see the same kinds of values."""
