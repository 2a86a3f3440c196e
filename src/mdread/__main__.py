from mdread.cli import main

raise SystemExit(main())
