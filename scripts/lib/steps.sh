# Timed steps for the test scripts, sourced: `step NAME` ends the step
# before and starts NAME; `steps_done TITLE` prints how long each took, so
# CI's log says where its minutes go (README, "How long the tests take").
_step_names=()
_step_secs=()
_step_at=$SECONDS

_step_end() {
  if ((${#_step_secs[@]} < ${#_step_names[@]})); then
    _step_secs+=($((SECONDS - _step_at)))
  fi
}

step() {
  _step_end
  _step_names+=("$*")
  _step_at=$SECONDS
  printf '\n== %s\n' "$*"
}

steps_done() {
  _step_end
  local i total=0
  printf '\n%s, time per step:\n' "$1"
  for i in "${!_step_names[@]}"; do
    printf '  %3dm%02ds  %s\n' $((_step_secs[i] / 60)) $((_step_secs[i] % 60)) "${_step_names[i]}"
    total=$((total + _step_secs[i]))
  done
  printf '  %3dm%02ds  in all\n' $((total / 60)) $((total % 60))
}
