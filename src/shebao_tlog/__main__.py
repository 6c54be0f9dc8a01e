"""``python -m shebao_tlog verify-proof ...``"""

import sys

from .cli import main

sys.exit(main())
