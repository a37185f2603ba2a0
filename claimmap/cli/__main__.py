"""python -m claimmap.cli"""

from claimmap.cli import main

main()
