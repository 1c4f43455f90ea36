import sys

from planuri.cli import main

sys.exit(main())
