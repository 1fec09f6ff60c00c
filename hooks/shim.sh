#!/bin/sh
# hookrc-shim: written by `hookrc install` where a symlink to hookrc could
# not be made (or with `--shim`). It runs hookrc as the @HOOK@ hook with
# git's arguments and stdin; `hookrc uninstall` removes it.
HOOKRC_HOOK_FILE=$0
export HOOKRC_HOOK_FILE
exec @HOOKRC@ run @HOOK@ "$@"
