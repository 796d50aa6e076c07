"""hpdesk: offline desktop tool for county health offices carrying out the city's Healthy City plan.

The version is defined here once; the CLI, the About box, submissions and the installer read it.
"""

__version__ = "0.1.0"
