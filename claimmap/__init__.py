"""claimmap: weigh competing explanations."""

__version__ = "0.1.0"
