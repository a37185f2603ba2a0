"""Teaching structured analytic techniques, headless: what the TUI's teaching screens show.

Entry points (each takes a `CaseDocument`, and optionally a score report to avoid rescoring):
`guided.guided_steps`, `assumptions.key_assumptions`, `quality.quality_check`,
`indicators.indicators_by_hypothesis`, `devils_advocate.devils_advocacy`; and
`grading.grade` (two scoring `Matrix` objects) with `grading_text` to render its result.
No module here imports the store, the CLI or Textual.
"""
