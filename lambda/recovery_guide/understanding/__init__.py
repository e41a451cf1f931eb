"""Understanding what a person said: normalise, crisis risk, classify the question, resolve it in context.

Modules depend only downwards: lazy_regex and risk have no dependencies here; normalise builds on
lazy_regex; crisis_patterns and crisis build on risk; classify builds on normalise.
"""
