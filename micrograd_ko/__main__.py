"""`python -m micrograd_ko`: 명령줄 도구를 실행합니다."""

import sys

from micrograd_ko.cli import main

sys.exit(main())
