from __future__ import annotations

import sys

from cstr_desk.cli import main

sys.exit(main())
