#!/usr/bin/env bash
# Stop the samba that start.sh started (its pid file and process group). Keeps the data:
# `start.sh --reset` goes back to the freshly provisioned domain. A reused server is left alone.
# Prints one line.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
take_lock
if [[ -e "$FOREIGN_MARK" ]] && ! samba_pid >/dev/null; then
  rm -f "$FOREIGN_MARK"
  say "not started here (another server on 127.0.0.1:389 was reused); left running"
  exit 0
fi
stop_pid samba samba 20
