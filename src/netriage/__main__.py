from netriage.cli import main

raise SystemExit(main())
