"""Runnable implementations (numpy / torch) that the pages import and run at build time.

Each module is pure typed functions at the core with thin wrappers for state; each cites its
references in its header and carries doctested examples.
"""

from snippets.device import default_device, describe_device, seeded_generator

__all__ = ["default_device", "describe_device", "seeded_generator"]
