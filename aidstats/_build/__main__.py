import sys

from aidstats.cli import main

raise SystemExit(main(["datasets", "build", *sys.argv[1:]]))
