"""Understanding what a person said: normalise, crisis risk, classify the question, resolve it in context.

Modules depend only downwards: normalise and risk have no dependencies here; crisis_patterns and
crisis build on risk; classify builds on normalise.
"""
