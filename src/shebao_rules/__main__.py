"""`python -m shebao_rules NAME < input.json`"""

import sys

from .cli import main

raise SystemExit(main(sys.argv[1:]))
