"""Synthetic deliberations with their gold truth, for scale runs and tests (`delib synth`)."""
from .generator import generate

__all__ = ["generate"]
