"""The pipeline, tied together: load → check → render → write.

`pipeline.run` runs the stages in order for `build` (and tests); `pipeline.replay` recognises a
run whose inputs have not changed and replays its outcome. Nothing is imported here, so a
command that needs only `replay` does not load the stages it may not run.
"""
