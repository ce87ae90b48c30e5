from aidstats.cli import main

raise SystemExit(main())
