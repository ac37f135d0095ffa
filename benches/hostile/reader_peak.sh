#!/bin/bash
# The reader's peak memory on each file: a 120x40 tmux pane, G pressed after
# 3 s, VmHWM of the pane's process 3 s later (the pane's own pid: never
# pgrep, a stray process would be read instead).
# usage: benches/hostile/reader_peak.sh BIN FILE...
BIN=$1; shift
for f in "$@"; do
  size=$(stat -c %s "$f")
  tmux kill-session -t m 2>/dev/null
  tmux new-session -d -s m -x 120 -y 40 "exec $BIN $f"
  sleep 3; tmux send-keys -t m G; sleep 3
  pid=$(tmux list-panes -t m -F "#{pane_pid}")
  hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
  tmux send-keys -t m q; sleep 0.5
  tmux kill-session -t m 2>/dev/null
  echo "$(basename $f) size=$((size/1024))KB hwm=$((hwm/1024))MB ratio=$(python3 -c "print(round($hwm*1024/$size,1))")"
done
