"""python -m claimmap.cli"""

from claimmap.cli import run

run()
