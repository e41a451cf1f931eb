"""The kinds of crisis the understanding can find: the crisis topic ids they answer under."""
OVERDOSE = "crisis_overdose"
SUICIDE = "crisis_suicide"
